/* SPDX-License-Identifier: MIT */
/*
 * modleak_log.h - the three record writers (included by modleak.h only).
 * Out of line and static: one small copy per object file, whatever the number
 * of call sites, and no symbol clash in multi-file modules.
 */
#ifndef MODLEAK_LOG_H
#define MODLEAK_LOG_H

#define MODLEAK_PREFIX "modleak1 " KBUILD_MODNAME " "

static noinline __maybe_unused void
__modleak_log_alloc(const char *api, const void *ptr, size_t size,
		    const char *file, int line, const char *func)
{
	printk(KERN_DEBUG MODLEAK_PREFIX "A %s %px %zu %s:%d %s\n",
	       api, ptr, size, file, line, func);
}

static noinline __maybe_unused void
__modleak_log_free(const char *api, const void *ptr,
		   const char *file, int line, const char *func)
{
	printk(KERN_DEBUG MODLEAK_PREFIX "F %s %px %s:%d %s\n",
	       api, ptr, file, line, func);
}

static noinline __maybe_unused void
__modleak_log_realloc(const char *api, const void *old, const void *new_ptr,
		      size_t size, const char *file, int line, const char *func)
{
	printk(KERN_DEBUG MODLEAK_PREFIX "R %s %px %px %zu %s:%d %s\n",
	       api, old, new_ptr, size, file, line, func);
}

#define __MODLEAK_SITE __FILE__, __LINE__, __func__

/*
 * A call expanded inside a kernel header's inline function (a header the module
 * includes after this one, e.g. linux/ptr_ring.h) is the kernel's, not the
 * module's: it is not logged, exactly as for the headers included before this
 * one.  Logging it would be one-sided on >= 6.10, where such inlines allocate
 * through *_noprof functions (not wrapped) but free through kfree/kvfree
 * (wrapped): a false invalid free.  Kernel headers are the kernel's include/<dir>/
 * trees listed below and arch/x86/include/ (relative under kbuild's own
 * -fmacro-prefix-map, absolute otherwise); the test folds at compile time.
 */
#define __MODLEAK_IN(dir) (__builtin_strstr(__FILE__, dir) != NULL)
#define __MODLEAK_KERNEL_SITE						\
	(__MODLEAK_IN("include/linux/") || __MODLEAK_IN("include/net/") ||	\
	 __MODLEAK_IN("include/asm-generic/") || __MODLEAK_IN("arch/x86/include/") || \
	 __MODLEAK_IN("include/drm/") || __MODLEAK_IN("include/media/") ||	\
	 __MODLEAK_IN("include/sound/") || __MODLEAK_IN("include/scsi/") ||	\
	 __MODLEAK_IN("include/rdma/") || __MODLEAK_IN("include/crypto/") ||	\
	 __MODLEAK_IN("include/trace/") || __MODLEAK_IN("include/xen/") ||	\
	 __MODLEAK_IN("include/acpi/") || __MODLEAK_IN("include/soc/"))

#define __MODLEAK_A(api, ptr, size) ((void)(__MODLEAK_KERNEL_SITE ||	\
	(__modleak_log_alloc(api, (const void *)(ptr), (size), __MODLEAK_SITE), 0)))
#define __MODLEAK_F(api, ptr) ((void)(__MODLEAK_KERNEL_SITE ||		\
	(__modleak_log_free(api, (const void *)(ptr), __MODLEAK_SITE), 0)))
#define __MODLEAK_R(api, old, new_ptr, size) ((void)(__MODLEAK_KERNEL_SITE || \
	(__modleak_log_realloc(api, (const void *)(old), (const void *)(new_ptr), (size), __MODLEAK_SITE), 0)))

/*
 * A pointer into the core kernel image (its .rodata): kstrdup_const() returns
 * such pointers unchanged and kfree_const() ignores them.  is_kernel_rodata()
 * needs symbols not exported to modules, so test the image range instead.
 */
static __always_inline __maybe_unused bool __modleak_in_kernel_image(const void *p)
{
#ifdef CONFIG_X86_64
	unsigned long a = (unsigned long)p;

	return a >= __START_KERNEL_map && a < MODULES_VADDR;
#else
	return false;
#endif
}

#endif /* MODLEAK_LOG_H */
