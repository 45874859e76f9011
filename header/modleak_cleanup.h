/* SPDX-License-Identifier: MIT */
/*
 * modleak_cleanup.h - scope-based frees: __free(kfree), __free(kvfree) and
 * __free(bitmap).
 *
 * DEFINE_FREE(kfree, ...) and DEFINE_FREE(kvfree, ...) are compiled inside
 * slab.h, DEFINE_FREE(bitmap, ...) inside bitmap.h, before any modleak macro
 * exists, so their frees would go unlogged (false leaks).  __free(name) is
 * redefined to pick a logging cleanup function for these three names and the
 * kernel's __free_<name> for every other name, so DEFINE_FREE used before or
 * after this header keeps working.
 *
 * The cleanup runs at scope exit and cannot see the declaring line: its record
 * names the translation unit, line 0 and the function "__free_kfree" (the name
 * DEFINE_FREE gives it; "__free_bitmap" for a bitmap, logged as bitmap_free).
 */
#ifndef MODLEAK_CLEANUP_H
#define MODLEAK_CLEANUP_H

#ifdef __free

static inline __maybe_unused void __modleak_cleanup_kfree(void *p)
{
	void *obj = *(void **)p;

	if (!IS_ERR_OR_NULL(obj)) {
		__modleak_log_free("kfree", obj, __BASE_FILE__, 0, "__free_kfree");
		__modleak_kfree_raw(obj);
	}
}

static inline __maybe_unused void __modleak_cleanup_kvfree(void *p)
{
	void *obj = *(void **)p;

	if (!IS_ERR_OR_NULL(obj)) {
		__modleak_log_free("kvfree", obj, __BASE_FILE__, 0, "__free_kvfree");
		__modleak_kvfree_raw(obj);
	}
}

/*
 * DEFINE_FREE(bitmap, ...) (linux/bitmap.h, from 6.9): bitmap_free() of a non-NULL
 * bitmap.  Redirected only where the kernel has it, so that __free(bitmap) does not
 * build with the header where it would not without (Debian's 6.1 has DEFINE_FREE but
 * not this one).
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 9, 0)
static inline __maybe_unused void __modleak_cleanup_bitmap(void *p)
{
	unsigned long *obj = *(unsigned long **)p;

	if (obj) {
		__modleak_log_free("bitmap_free", obj, __BASE_FILE__, 0, "__free_bitmap");
		(bitmap_free)(obj);
	}
}
#define __MODLEAK_PROBE_bitmap ~, __modleak_cleanup_bitmap
#endif

/* __MODLEAK_PROBE_<name> exists only for the redirected names. */
#define __MODLEAK_PROBE_kfree ~, __modleak_cleanup_kfree
#define __MODLEAK_PROBE_kvfree ~, __modleak_cleanup_kvfree
#define __MODLEAK_SECOND(a, b, ...) b
#define __MODLEAK_PICK(...) __MODLEAK_SECOND(__VA_ARGS__)

#undef __free
#define __free(_name) \
	__cleanup(__MODLEAK_PICK(__MODLEAK_PROBE_##_name, __free_##_name, ~))

#endif /* __free */
#endif /* MODLEAK_CLEANUP_H */
