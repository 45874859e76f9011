/* SPDX-License-Identifier: MIT */
/*
 * modleak_kernel_api.h - the kernel allocation/free APIs (included by modleak.h).
 *
 * For each API: __modleak_real_<api> is the uninstrumented call (the function
 * itself, or on >= 6.10 the kernel's own alloc_hooks(*_noprof) expansion when
 * the kernel made the API a macro), then the API is redefined to call it once
 * and log once.  Arguments used twice are copied to temporaries first.
 */
#ifndef MODLEAK_KERNEL_API_H
#define MODLEAK_KERNEL_API_H

/* ---- slab: kmalloc family ---------------------------------------------- */

#ifdef kmalloc
#undef kmalloc
#define __modleak_real_kmalloc(s, f) alloc_hooks(kmalloc_noprof(s, f))
#else
#define __modleak_real_kmalloc(s, f) (kmalloc)(s, f)
#endif
#define kmalloc(size, flags) ({						\
	size_t __ml_n = (size);						\
	void *__ml_p = __modleak_real_kmalloc(__ml_n, (flags));		\
	__MODLEAK_A("kmalloc", __ml_p, __ml_n);				\
	__ml_p; })

#ifdef kzalloc
#undef kzalloc
#define __modleak_real_kzalloc(s, f) alloc_hooks(kzalloc_noprof(s, f))
#else
#define __modleak_real_kzalloc(s, f) (kzalloc)(s, f)
#endif
#define kzalloc(size, flags) ({						\
	size_t __ml_n = (size);						\
	void *__ml_p = __modleak_real_kzalloc(__ml_n, (flags));		\
	__MODLEAK_A("kzalloc", __ml_p, __ml_n);				\
	__ml_p; })

#ifdef kmalloc_array
#undef kmalloc_array
#define __modleak_real_kmalloc_array(n, s, f) alloc_hooks(kmalloc_array_noprof(n, s, f))
#else
#define __modleak_real_kmalloc_array(n, s, f) (kmalloc_array)(n, s, f)
#endif
#define kmalloc_array(n, size, flags) ({				\
	size_t __ml_c = (n), __ml_n = (size);				\
	void *__ml_p = __modleak_real_kmalloc_array(__ml_c, __ml_n, (flags)); \
	__MODLEAK_A("kmalloc_array", __ml_p, size_mul(__ml_c, __ml_n));	\
	__ml_p; })

#ifdef kcalloc
#undef kcalloc
#define __modleak_real_kcalloc(n, s, f) alloc_hooks(kmalloc_array_noprof(n, s, (f) | __GFP_ZERO))
#else
#define __modleak_real_kcalloc(n, s, f) (kcalloc)(n, s, f)
#endif
#define kcalloc(n, size, flags) ({					\
	size_t __ml_c = (n), __ml_n = (size);				\
	void *__ml_p = __modleak_real_kcalloc(__ml_c, __ml_n, (flags));	\
	__MODLEAK_A("kcalloc", __ml_p, size_mul(__ml_c, __ml_n));	\
	__ml_p; })

#ifdef kmalloc_node
#undef kmalloc_node
#define __modleak_real_kmalloc_node(s, f, node) alloc_hooks(kmalloc_node_noprof(s, f, node))
#else
#define __modleak_real_kmalloc_node(s, f, node) (kmalloc_node)(s, f, node)
#endif
#define kmalloc_node(size, flags, node) ({				\
	size_t __ml_n = (size);						\
	void *__ml_p = __modleak_real_kmalloc_node(__ml_n, (flags), (node)); \
	__MODLEAK_A("kmalloc_node", __ml_p, __ml_n);			\
	__ml_p; })

#ifdef kzalloc_node
#undef kzalloc_node
#define __modleak_real_kzalloc_node(s, f, node) \
	alloc_hooks(kmalloc_node_noprof(s, (f) | __GFP_ZERO, node))
#else
#define __modleak_real_kzalloc_node(s, f, node) (kzalloc_node)(s, f, node)
#endif
#define kzalloc_node(size, flags, node) ({				\
	size_t __ml_n = (size);						\
	void *__ml_p = __modleak_real_kzalloc_node(__ml_n, (flags), (node)); \
	__MODLEAK_A("kzalloc_node", __ml_p, __ml_n);			\
	__ml_p; })

#ifdef kcalloc_node
#undef kcalloc_node
#define __modleak_real_kcalloc_node(n, s, f, node) \
	alloc_hooks(kmalloc_array_node_noprof(n, s, (f) | __GFP_ZERO, node))
#else
#define __modleak_real_kcalloc_node(n, s, f, node) (kcalloc_node)(n, s, f, node)
#endif
#define kcalloc_node(n, size, flags, node) ({				\
	size_t __ml_c = (n), __ml_n = (size);				\
	void *__ml_p = __modleak_real_kcalloc_node(__ml_c, __ml_n, (flags), (node)); \
	__MODLEAK_A("kcalloc_node", __ml_p, size_mul(__ml_c, __ml_n));	\
	__ml_p; })

/*
 * kmalloc_track_caller / kmalloc_node_track_caller: kmalloc that names the
 * caller's caller (_RET_IP_) in the kernel's own slab debugging.  Macros on
 * every kernel, so "#ifdef name" cannot tell the two forms apart: from 6.10
 * (alloc_hooks() exists) they are alloc_hooks(kmalloc_node_track_caller_noprof()),
 * before that __kmalloc_node_track_caller().
 */
#undef kmalloc_track_caller
#undef kmalloc_node_track_caller
#ifdef alloc_hooks
#define __modleak_real_kmalloc_node_track_caller(s, f, node) \
	alloc_hooks(kmalloc_node_track_caller_noprof(s, f, node, _RET_IP_))
#else
#define __modleak_real_kmalloc_node_track_caller(s, f, node) \
	__kmalloc_node_track_caller(s, f, node, _RET_IP_)
#endif
#define kmalloc_track_caller(size, flags) ({				\
	size_t __ml_n = (size);						\
	void *__ml_p = __modleak_real_kmalloc_node_track_caller(__ml_n, (flags), NUMA_NO_NODE); \
	__MODLEAK_A("kmalloc_track_caller", __ml_p, __ml_n);		\
	__ml_p; })

#define kmalloc_node_track_caller(size, flags, node) ({			\
	size_t __ml_n = (size);						\
	void *__ml_p = __modleak_real_kmalloc_node_track_caller(__ml_n, (flags), (node)); \
	__MODLEAK_A("kmalloc_node_track_caller", __ml_p, __ml_n);	\
	__ml_p; })

/* >= 6.11: kmalloc from a kmem_buckets_create() set of caches, released with kfree(). */
#ifdef kmem_buckets_alloc
#undef kmem_buckets_alloc
#define __modleak_real_kmem_buckets_alloc(b, s, f) \
	alloc_hooks(__kmalloc_node_noprof(PASS_BUCKET_PARAMS(s, b), f, NUMA_NO_NODE))
#define kmem_buckets_alloc(buckets, size, flags) ({			\
	size_t __ml_n = (size);						\
	void *__ml_p = __modleak_real_kmem_buckets_alloc((buckets), __ml_n, (flags)); \
	__MODLEAK_A("kmem_buckets_alloc", __ml_p, __ml_n);		\
	__ml_p; })
#endif

#ifdef kmemdup
#undef kmemdup
#define __modleak_real_kmemdup(src, len, f) alloc_hooks(kmemdup_noprof(src, len, f))
#else
#define __modleak_real_kmemdup(src, len, f) (kmemdup)(src, len, f)
#endif
#define kmemdup(src, len, flags) ({					\
	size_t __ml_n = (len);						\
	void *__ml_p = __modleak_real_kmemdup((src), __ml_n, (flags));	\
	__MODLEAK_A("kmemdup", __ml_p, __ml_n);				\
	__ml_p; })

/* kstrdup/kstrndup/kstrdup_const are plain functions on every supported kernel. */
#define kstrdup(s, flags) ({						\
	char *__ml_p = (kstrdup)((s), (flags));				\
	__MODLEAK_A("kstrdup", __ml_p, __ml_p ? strlen(__ml_p) + 1 : 0); \
	__ml_p; })

#define kstrndup(s, max, flags) ({					\
	char *__ml_p = (kstrndup)((s), (max), (flags));			\
	__MODLEAK_A("kstrndup", __ml_p, __ml_p ? strlen(__ml_p) + 1 : 0); \
	__ml_p; })

/* lib/string_helpers.c: kmalloc'd copies, released with kfree(). */
#define kstrdup_quotable(s, flags) ({					\
	char *__ml_p = (kstrdup_quotable)((s), (flags));		\
	__MODLEAK_A("kstrdup_quotable", __ml_p, __ml_p ? strlen(__ml_p) + 1 : 0); \
	__ml_p; })

#define kstrdup_quotable_cmdline(task, flags) ({			\
	char *__ml_p = (kstrdup_quotable_cmdline)((task), (flags));	\
	__MODLEAK_A("kstrdup_quotable_cmdline", __ml_p, __ml_p ? strlen(__ml_p) + 1 : 0); \
	__ml_p; })

#define kstrdup_quotable_file(file, flags) ({				\
	char *__ml_p = (kstrdup_quotable_file)((file), (flags));	\
	__MODLEAK_A("kstrdup_quotable_file", __ml_p, __ml_p ? strlen(__ml_p) + 1 : 0); \
	__ml_p; })

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 5, 0)
#define kstrdup_and_replace(s, old, new, flags) ({			\
	char *__ml_p = (kstrdup_and_replace)((s), (old), (new), (flags)); \
	__MODLEAK_A("kstrdup_and_replace", __ml_p, __ml_p ? strlen(__ml_p) + 1 : 0); \
	__ml_p; })
#endif

/* A string in the kernel's .rodata comes back unchanged: no allocation. */
#define kstrdup_const(s, flags) ({					\
	const char *__ml_s = (s);					\
	const char *__ml_p = (kstrdup_const)(__ml_s, (flags));		\
	if (!__ml_p || __ml_p != __ml_s)				\
		__MODLEAK_A("kstrdup_const", __ml_p, __ml_p ? strlen(__ml_p) + 1 : 0); \
	__ml_p; })

/*
 * Allocators outside the list that drivers free with kfree/kvfree:
 * unlogged, each of those frees would be a false invalid free.  The *_user
 * ones return ERR_PTR() on failure, logged as a failed (NULL) allocation.
 */
#define kmemdup_nul(s, len, flags) ({					\
	size_t __ml_n = (len);						\
	char *__ml_p = (kmemdup_nul)((s), __ml_n, (flags));		\
	__MODLEAK_A("kmemdup_nul", __ml_p, __ml_n + 1);			\
	__ml_p; })

#define kasprintf(flags, ...) ({					\
	char *__ml_p = (kasprintf)((flags), __VA_ARGS__);		\
	__MODLEAK_A("kasprintf", __ml_p, __ml_p ? strlen(__ml_p) + 1 : 0); \
	__ml_p; })

/*
 * lib/string_helpers.c: an array of n kasprintf()'d names and a NULL after
 * them, all kmalloc memory.  Each is logged, so kfree() of one name is not an
 * invalid free, and kfree_strarray(a, m) with m < n leaves the rest as leaks.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(5, 17, 0)
#define kasprintf_strarray(gfp, prefix, n) ({				\
	size_t __ml_n = (n), __ml_i;					\
	char **__ml_a = (kasprintf_strarray)((gfp), (prefix), __ml_n);	\
	__MODLEAK_A("kasprintf_strarray", __ml_a, (__ml_n + 1) * sizeof(char *)); \
	for (__ml_i = 0; __ml_a && __ml_i < __ml_n; __ml_i++)		\
		__MODLEAK_A("kasprintf_strarray", __ml_a[__ml_i], strlen(__ml_a[__ml_i]) + 1); \
	__ml_a; })

#define kfree_strarray(array, n) ({					\
	char **__ml_a = (array);					\
	size_t __ml_n = (n), __ml_i;					\
	for (__ml_i = 0; __ml_a && __ml_i < __ml_n; __ml_i++)		\
		__MODLEAK_F("kfree_strarray", __ml_a[__ml_i]);		\
	__MODLEAK_F("kfree_strarray", __ml_a);				\
	(kfree_strarray)(__ml_a, __ml_n); })
#endif

#define kvasprintf(flags, fmt, args) ({					\
	char *__ml_p = (kvasprintf)((flags), (fmt), (args));		\
	__MODLEAK_A("kvasprintf", __ml_p, __ml_p ? strlen(__ml_p) + 1 : 0); \
	__ml_p; })

/*
 * Like kstrdup_const: a format without '%', or "%s" of a string, in the
 * kernel's .rodata is returned as is (no allocation, no record); released with
 * kfree_const().
 */
#define kvasprintf_const(flags, fmt, args) ({				\
	const char *__ml_p = (kvasprintf_const)((flags), (fmt), (args)); \
	if (!__modleak_in_kernel_image(__ml_p))				\
		__MODLEAK_A("kvasprintf_const", __ml_p, __ml_p ? strlen(__ml_p) + 1 : 0); \
	__ml_p; })

/* >= 6.1x: kvmemdup() copies into kvmalloc() memory, released with kvfree(). */
#define kvmemdup(src, len, flags) ({					\
	size_t __ml_n = (len);						\
	void *__ml_p = (kvmemdup)((src), __ml_n, (flags));		\
	__MODLEAK_A("kvmemdup", __ml_p, __ml_n);			\
	__ml_p; })

/*
 * Strings the kernel allocates for the caller, who frees them with kfree().
 * Their prototypes are in headers modleak.h includes (kobject.h, parser.h):
 * a wrapped name whose declaration came after its macro would not compile.
 */
#define kobject_get_path(kobj, flags) ({				\
	char *__ml_p = (kobject_get_path)((kobj), (flags));		\
	__MODLEAK_A("kobject_get_path", __ml_p, __ml_p ? strlen(__ml_p) + 1 : 0); \
	__ml_p; })

#define match_strdup(s) ({						\
	char *__ml_p = (match_strdup)(s);				\
	__MODLEAK_A("match_strdup", __ml_p, __ml_p ? strlen(__ml_p) + 1 : 0); \
	__ml_p; })

#define __MODLEAK_OK_OR_NULL(p) (IS_ERR(p) ? NULL : (const void *)(p))

#define memdup_user(src, len) ({					\
	size_t __ml_n = (len);						\
	void *__ml_p = (memdup_user)((src), __ml_n);			\
	__MODLEAK_A("memdup_user", __MODLEAK_OK_OR_NULL(__ml_p), __ml_n); \
	__ml_p; })

#define memdup_user_nul(src, len) ({					\
	size_t __ml_n = (len);						\
	void *__ml_p = (memdup_user_nul)((src), __ml_n);		\
	__MODLEAK_A("memdup_user_nul", __MODLEAK_OK_OR_NULL(__ml_p), __ml_n + 1); \
	__ml_p; })

#define vmemdup_user(src, len) ({					\
	size_t __ml_n = (len);						\
	void *__ml_p = (vmemdup_user)((src), __ml_n);			\
	__MODLEAK_A("vmemdup_user", __MODLEAK_OK_OR_NULL(__ml_p), __ml_n); \
	__ml_p; })

#define strndup_user(s, n) ({						\
	char *__ml_p = (strndup_user)((s), (n));			\
	__MODLEAK_A("strndup_user", __MODLEAK_OK_OR_NULL(__ml_p),	\
		    IS_ERR(__ml_p) ? 0 : strlen(__ml_p) + 1);		\
	__ml_p; })

/*
 * Bitmaps (lib/bitmap.c): kmalloc_array(BITS_TO_LONGS(nbits), sizeof(long))
 * memory, released with bitmap_free(), which is kfree().  linux/bitmap.h comes
 * with the headers modleak.h includes (cpumask.h).
 */
#define bitmap_alloc(nbits, flags) ({					\
	unsigned int __ml_b = (nbits);					\
	unsigned long *__ml_p = (bitmap_alloc)(__ml_b, (flags));	\
	__MODLEAK_A("bitmap_alloc", __ml_p, BITS_TO_LONGS(__ml_b) * sizeof(unsigned long)); \
	__ml_p; })

#define bitmap_zalloc(nbits, flags) ({					\
	unsigned int __ml_b = (nbits);					\
	unsigned long *__ml_p = (bitmap_zalloc)(__ml_b, (flags));	\
	__MODLEAK_A("bitmap_zalloc", __ml_p, BITS_TO_LONGS(__ml_b) * sizeof(unsigned long)); \
	__ml_p; })

#define bitmap_alloc_node(nbits, flags, node) ({			\
	unsigned int __ml_b = (nbits);					\
	unsigned long *__ml_p = (bitmap_alloc_node)(__ml_b, (flags), (node)); \
	__MODLEAK_A("bitmap_alloc_node", __ml_p, BITS_TO_LONGS(__ml_b) * sizeof(unsigned long)); \
	__ml_p; })

#define bitmap_zalloc_node(nbits, flags, node) ({			\
	unsigned int __ml_b = (nbits);					\
	unsigned long *__ml_p = (bitmap_zalloc_node)(__ml_b, (flags), (node)); \
	__MODLEAK_A("bitmap_zalloc_node", __ml_p, BITS_TO_LONGS(__ml_b) * sizeof(unsigned long)); \
	__ml_p; })

/* ---- slab: realloc ------------------------------------------------------ */

#ifdef krealloc
#undef krealloc
#define __modleak_real_krealloc(p, s, f) alloc_hooks(krealloc_noprof(p, s, f))
#else
#define __modleak_real_krealloc(p, s, f) (krealloc)(p, s, f)
#endif
#define krealloc(ptr, new_size, flags) ({				\
	const void *__ml_o = (ptr);					\
	size_t __ml_n = (new_size);					\
	void *__ml_p = __modleak_real_krealloc(__ml_o, __ml_n, (flags)); \
	__MODLEAK_R("krealloc", __ml_o, __ml_p, __ml_n);		\
	__ml_p; })

#ifdef krealloc_array
#undef krealloc_array
#define __modleak_real_krealloc_array(p, n, s, f) alloc_hooks(krealloc_array_noprof(p, n, s, f))
#else
#define __modleak_real_krealloc_array(p, n, s, f) (krealloc_array)(p, n, s, f)
#endif
#define krealloc_array(ptr, new_n, new_size, flags) ({			\
	void *__ml_o = (ptr);						\
	size_t __ml_c = (new_n), __ml_n = (new_size);			\
	void *__ml_p = __modleak_real_krealloc_array(__ml_o, __ml_c, __ml_n, (flags)); \
	__MODLEAK_R("krealloc_array", __ml_o, __ml_p, size_mul(__ml_c, __ml_n)); \
	__ml_p; })

/* ---- kvmalloc family ---------------------------------------------------- */

#ifdef kvmalloc
#undef kvmalloc
#define __modleak_real_kvmalloc(s, f) alloc_hooks(kvmalloc_node_noprof(s, f, NUMA_NO_NODE))
#else
#define __modleak_real_kvmalloc(s, f) (kvmalloc)(s, f)
#endif
#define kvmalloc(size, flags) ({					\
	size_t __ml_n = (size);						\
	void *__ml_p = __modleak_real_kvmalloc(__ml_n, (flags));	\
	__MODLEAK_A("kvmalloc", __ml_p, __ml_n);			\
	__ml_p; })

#ifdef kvzalloc
#undef kvzalloc
#define __modleak_real_kvzalloc(s, f) \
	alloc_hooks(kvmalloc_node_noprof(s, (f) | __GFP_ZERO, NUMA_NO_NODE))
#else
#define __modleak_real_kvzalloc(s, f) (kvzalloc)(s, f)
#endif
#define kvzalloc(size, flags) ({					\
	size_t __ml_n = (size);						\
	void *__ml_p = __modleak_real_kvzalloc(__ml_n, (flags));	\
	__MODLEAK_A("kvzalloc", __ml_p, __ml_n);			\
	__ml_p; })

#ifdef kvmalloc_array
#undef kvmalloc_array
#define __modleak_real_kvmalloc_array(n, s, f) alloc_hooks(kvmalloc_array_noprof(n, s, f))
#else
#define __modleak_real_kvmalloc_array(n, s, f) (kvmalloc_array)(n, s, f)
#endif
#define kvmalloc_array(n, size, flags) ({				\
	size_t __ml_c = (n), __ml_n = (size);				\
	void *__ml_p = __modleak_real_kvmalloc_array(__ml_c, __ml_n, (flags)); \
	__MODLEAK_A("kvmalloc_array", __ml_p, size_mul(__ml_c, __ml_n)); \
	__ml_p; })

#ifdef kvcalloc
#undef kvcalloc
#define __modleak_real_kvcalloc(n, s, f) alloc_hooks(kvcalloc_noprof(n, s, f))
#else
#define __modleak_real_kvcalloc(n, s, f) (kvcalloc)(n, s, f)
#endif
#define kvcalloc(n, size, flags) ({					\
	size_t __ml_c = (n), __ml_n = (size);				\
	void *__ml_p = __modleak_real_kvcalloc(__ml_c, __ml_n, (flags));	\
	__MODLEAK_A("kvcalloc", __ml_p, size_mul(__ml_c, __ml_n));	\
	__ml_p; })

#ifdef kvcalloc_node
#undef kvcalloc_node
#define __modleak_real_kvcalloc_node(n, s, f, node) alloc_hooks(kvcalloc_node_noprof(n, s, f, node))
#else
#define __modleak_real_kvcalloc_node(n, s, f, node) (kvcalloc_node)(n, s, f, node)
#endif
#define kvcalloc_node(n, size, flags, node) ({				\
	size_t __ml_c = (n), __ml_n = (size);				\
	void *__ml_p = __modleak_real_kvcalloc_node(__ml_c, __ml_n, (flags), (node)); \
	__MODLEAK_A("kvcalloc_node", __ml_p, size_mul(__ml_c, __ml_n));	\
	__ml_p; })

/*
 * kvrealloc: >= 6.12 kvrealloc(p, size, flags), frees p for size 0;
 * older kvrealloc(p, oldsize, newsize, flags) returns p itself when it shrinks.
 */
#ifdef kvrealloc
#undef kvrealloc
#define kvrealloc(ptr, new_size, flags) ({				\
	const void *__ml_o = (ptr);					\
	size_t __ml_n = (new_size);					\
	void *__ml_p = alloc_hooks(kvrealloc_noprof(__ml_o, __ml_n, (flags))); \
	__MODLEAK_R("kvrealloc", __ml_o, __ml_p, __ml_n);		\
	__ml_p; })
#else
#define kvrealloc(ptr, old_size, new_size, flags) ({			\
	const void *__ml_o = (ptr);					\
	size_t __ml_old = (old_size), __ml_n = (new_size);		\
	void *__ml_p = (kvrealloc)(__ml_o, __ml_old, __ml_n, (flags));	\
	__MODLEAK_R("kvrealloc", __ml_o, __ml_p,			\
		    __ml_p == __ml_o && __ml_n < __ml_old ? __ml_old : __ml_n); \
	__ml_p; })
#endif

/* ---- vmalloc family ----------------------------------------------------- */

#ifdef vmalloc
#undef vmalloc
#define __modleak_real_vmalloc(s) alloc_hooks(vmalloc_noprof(s))
#else
#define __modleak_real_vmalloc(s) (vmalloc)(s)
#endif
#define vmalloc(size) ({						\
	unsigned long __ml_n = (size);					\
	void *__ml_p = __modleak_real_vmalloc(__ml_n);			\
	__MODLEAK_A("vmalloc", __ml_p, __ml_n);				\
	__ml_p; })

#ifdef vzalloc
#undef vzalloc
#define __modleak_real_vzalloc(s) alloc_hooks(vzalloc_noprof(s))
#else
#define __modleak_real_vzalloc(s) (vzalloc)(s)
#endif
#define vzalloc(size) ({						\
	unsigned long __ml_n = (size);					\
	void *__ml_p = __modleak_real_vzalloc(__ml_n);			\
	__MODLEAK_A("vzalloc", __ml_p, __ml_n);				\
	__ml_p; })

#ifdef vmalloc_user
#undef vmalloc_user
#define __modleak_real_vmalloc_user(s) alloc_hooks(vmalloc_user_noprof(s))
#else
#define __modleak_real_vmalloc_user(s) (vmalloc_user)(s)
#endif
#define vmalloc_user(size) ({						\
	unsigned long __ml_n = (size);					\
	void *__ml_p = __modleak_real_vmalloc_user(__ml_n);		\
	__MODLEAK_A("vmalloc_user", __ml_p, __ml_n);			\
	__ml_p; })

#ifdef vmalloc_node
#undef vmalloc_node
#define __modleak_real_vmalloc_node(s, node) alloc_hooks(vmalloc_node_noprof(s, node))
#else
#define __modleak_real_vmalloc_node(s, node) (vmalloc_node)(s, node)
#endif
#define vmalloc_node(size, node) ({					\
	unsigned long __ml_n = (size);					\
	void *__ml_p = __modleak_real_vmalloc_node(__ml_n, (node));	\
	__MODLEAK_A("vmalloc_node", __ml_p, __ml_n);			\
	__ml_p; })

/* Also vmalloc memory (released with vfree/kvfree): the 32-bit and array forms. */
#ifdef vmalloc_32
#undef vmalloc_32
#define __modleak_real_vmalloc_32(s) alloc_hooks(vmalloc_32_noprof(s))
#else
#define __modleak_real_vmalloc_32(s) (vmalloc_32)(s)
#endif
#define vmalloc_32(size) ({						\
	unsigned long __ml_n = (size);					\
	void *__ml_p = __modleak_real_vmalloc_32(__ml_n);		\
	__MODLEAK_A("vmalloc_32", __ml_p, __ml_n);			\
	__ml_p; })

#ifdef vmalloc_32_user
#undef vmalloc_32_user
#define __modleak_real_vmalloc_32_user(s) alloc_hooks(vmalloc_32_user_noprof(s))
#else
#define __modleak_real_vmalloc_32_user(s) (vmalloc_32_user)(s)
#endif
#define vmalloc_32_user(size) ({					\
	unsigned long __ml_n = (size);					\
	void *__ml_p = __modleak_real_vmalloc_32_user(__ml_n);		\
	__MODLEAK_A("vmalloc_32_user", __ml_p, __ml_n);			\
	__ml_p; })

#ifdef vmalloc_array
#undef vmalloc_array
#define __modleak_real_vmalloc_array(n, s) alloc_hooks(vmalloc_array_noprof(n, s))
#else
#define __modleak_real_vmalloc_array(n, s) (vmalloc_array)(n, s)
#endif
#define vmalloc_array(n, size) ({					\
	size_t __ml_c = (n), __ml_n = (size);				\
	void *__ml_p = __modleak_real_vmalloc_array(__ml_c, __ml_n);	\
	__MODLEAK_A("vmalloc_array", __ml_p, size_mul(__ml_c, __ml_n));	\
	__ml_p; })

#ifdef vcalloc
#undef vcalloc
#define __modleak_real_vcalloc(n, s) alloc_hooks(vcalloc_noprof(n, s))
#else
#define __modleak_real_vcalloc(n, s) (vcalloc)(n, s)
#endif
#define vcalloc(n, size) ({						\
	size_t __ml_c = (n), __ml_n = (size);				\
	void *__ml_p = __modleak_real_vcalloc(__ml_c, __ml_n);		\
	__MODLEAK_A("vcalloc", __ml_p, size_mul(__ml_c, __ml_n));	\
	__ml_p; })

#ifdef vmalloc_huge
#undef vmalloc_huge
#define __modleak_real_vmalloc_huge(s, f) alloc_hooks(vmalloc_huge_noprof(s, f))
#else
#define __modleak_real_vmalloc_huge(s, f) (vmalloc_huge)(s, f)
#endif
#define vmalloc_huge(size, flags) ({					\
	unsigned long __ml_n = (size);					\
	void *__ml_p = __modleak_real_vmalloc_huge(__ml_n, (flags));	\
	__MODLEAK_A("vmalloc_huge", __ml_p, __ml_n);			\
	__ml_p; })

/* ---- kmem_cache --------------------------------------------------------- */

#ifdef kmem_cache_alloc
#undef kmem_cache_alloc
#define __modleak_real_kmem_cache_alloc(c, f) alloc_hooks(kmem_cache_alloc_noprof(c, f))
#else
#define __modleak_real_kmem_cache_alloc(c, f) (kmem_cache_alloc)(c, f)
#endif
#define kmem_cache_alloc(cache, flags) ({				\
	struct kmem_cache *__ml_k = (cache);				\
	void *__ml_p = __modleak_real_kmem_cache_alloc(__ml_k, (flags)); \
	__MODLEAK_A("kmem_cache_alloc", __ml_p, kmem_cache_size(__ml_k)); \
	__ml_p; })

#ifdef kmem_cache_zalloc
#undef kmem_cache_zalloc
#define __modleak_real_kmem_cache_zalloc(c, f) \
	alloc_hooks(kmem_cache_alloc_noprof(c, (f) | __GFP_ZERO))
#else
#define __modleak_real_kmem_cache_zalloc(c, f) (kmem_cache_zalloc)(c, f)
#endif
#define kmem_cache_zalloc(cache, flags) ({				\
	struct kmem_cache *__ml_k = (cache);				\
	void *__ml_p = __modleak_real_kmem_cache_zalloc(__ml_k, (flags)); \
	__MODLEAK_A("kmem_cache_zalloc", __ml_p, kmem_cache_size(__ml_k)); \
	__ml_p; })

/*
 * kmem_cache_alloc_lru(), and alloc_inode_sb() built on it: how filesystems
 * allocate their inodes (freed with kmem_cache_free() in ->free_inode).
 */
#ifdef kmem_cache_alloc_lru
#undef kmem_cache_alloc_lru
#define __modleak_real_kmem_cache_alloc_lru(c, lru, f) \
	alloc_hooks(kmem_cache_alloc_lru_noprof(c, lru, f))
#else
#define __modleak_real_kmem_cache_alloc_lru(c, lru, f) (kmem_cache_alloc_lru)(c, lru, f)
#endif
#define kmem_cache_alloc_lru(cache, lru, flags) ({			\
	struct kmem_cache *__ml_k = (cache);				\
	void *__ml_p = __modleak_real_kmem_cache_alloc_lru(__ml_k, (lru), (flags)); \
	__MODLEAK_A("kmem_cache_alloc_lru", __ml_p, kmem_cache_size(__ml_k)); \
	__ml_p; })

#ifdef alloc_inode_sb
#undef alloc_inode_sb
#define __modleak_real_alloc_inode_sb(sb, c, f) \
	__modleak_real_kmem_cache_alloc_lru(c, &(sb)->s_inode_lru, f)
#else
#define __modleak_real_alloc_inode_sb(sb, c, f) (alloc_inode_sb)(sb, c, f)
#endif
#define alloc_inode_sb(sb, cache, flags) ({				\
	struct kmem_cache *__ml_k = (cache);				\
	void *__ml_p = __modleak_real_alloc_inode_sb((sb), __ml_k, (flags)); \
	__MODLEAK_A("alloc_inode_sb", __ml_p, kmem_cache_size(__ml_k));	\
	__ml_p; })

/*
 * One record per object a bulk allocation returns (all or none: the count it
 * returns is 0 or `size`), each with the cache's object size.
 */
#ifdef kmem_cache_alloc_bulk
#undef kmem_cache_alloc_bulk
#define __modleak_real_kmem_cache_alloc_bulk(c, f, n, p) alloc_hooks(kmem_cache_alloc_bulk_noprof(c, f, n, p))
#else
#define __modleak_real_kmem_cache_alloc_bulk(c, f, n, p) (kmem_cache_alloc_bulk)(c, f, n, p)
#endif
#define kmem_cache_alloc_bulk(cache, flags, size, p) ({			\
	struct kmem_cache *__ml_k = (cache);				\
	void **__ml_v = (p);						\
	int __ml_n = __modleak_real_kmem_cache_alloc_bulk(__ml_k, (flags), (size), __ml_v); \
	for (int __ml_i = 0; __ml_i < __ml_n; __ml_i++)			\
		__MODLEAK_A("kmem_cache_alloc_bulk", __ml_v[__ml_i], kmem_cache_size(__ml_k)); \
	__ml_n; })

/* ---- pages -------------------------------------------------------------- */

/*
 * Every page allocation and free is logged by the page's address, whether the
 * API takes a struct page * or an address, so that the legal cross-frees
 * (free_pages(page_address(pg)) of an alloc_pages() page,
 * __free_pages(virt_to_page(addr)) of a __get_free_pages() one) pair up.  A
 * highmem page (32-bit HIGHMEM kernels) may have no address until kmapped: it
 * keeps its struct page *, in its allocation and its free alike.
 */
static __always_inline __maybe_unused const void *__modleak_page_key(struct page *pg)
{
	if (!pg || PageHighMem(pg))
		return pg;
	return page_address(pg);
}

#ifdef alloc_pages
#undef alloc_pages
#define __modleak_real_alloc_pages(g, o) alloc_hooks(alloc_pages_noprof(g, o))
#else
#define __modleak_real_alloc_pages(g, o) (alloc_pages)(g, o)
#endif
#define alloc_pages(gfp, order) ({					\
	unsigned int __ml_o = (order);					\
	struct page *__ml_p = __modleak_real_alloc_pages((gfp), __ml_o); \
	__MODLEAK_A("alloc_pages", __modleak_page_key(__ml_p), (size_t)PAGE_SIZE << __ml_o); \
	__ml_p; })

#ifdef __get_free_pages
#undef __get_free_pages
#define __modleak_real___get_free_pages(g, o) alloc_hooks(get_free_pages_noprof(g, o))
#else
#define __modleak_real___get_free_pages(g, o) (__get_free_pages)(g, o)
#endif
#define __get_free_pages(gfp, order) ({					\
	unsigned int __ml_o = (order);					\
	unsigned long __ml_p = __modleak_real___get_free_pages((gfp), __ml_o); \
	__MODLEAK_A("__get_free_pages", __ml_p, (size_t)PAGE_SIZE << __ml_o); \
	__ml_p; })

#ifdef get_zeroed_page
#undef get_zeroed_page
#define __modleak_real_get_zeroed_page(g) alloc_hooks(get_zeroed_page_noprof(g))
#else
#define __modleak_real_get_zeroed_page(g) (get_zeroed_page)(g)
#endif
#define get_zeroed_page(gfp) ({						\
	unsigned long __ml_p = __modleak_real_get_zeroed_page(gfp);	\
	__MODLEAK_A("get_zeroed_page", __ml_p, (size_t)PAGE_SIZE);	\
	__ml_p; })

/* A folio is logged as its first page: folio_put() and the page frees release it alike. */
#ifdef folio_alloc
#undef folio_alloc
#define __modleak_real_folio_alloc(g, o) alloc_hooks(folio_alloc_noprof(g, o))
#else
#define __modleak_real_folio_alloc(g, o) (folio_alloc)(g, o)
#endif
#define folio_alloc(gfp, order) ({					\
	unsigned int __ml_o = (order);					\
	struct folio *__ml_p = __modleak_real_folio_alloc((gfp), __ml_o); \
	__MODLEAK_A("folio_alloc", __ml_p ? __modleak_page_key(&__ml_p->page) : NULL, (size_t)PAGE_SIZE << __ml_o); \
	__ml_p; })

/*
 * alloc_pages_exact(): the pages of a high-order allocation, split, the ones
 * past `size` given back; only free_pages_exact() releases them (page by page).
 */
#ifdef alloc_pages_exact
#undef alloc_pages_exact
#define __modleak_real_alloc_pages_exact(s, g) alloc_hooks(alloc_pages_exact_noprof(s, g))
#else
#define __modleak_real_alloc_pages_exact(s, g) (alloc_pages_exact)(s, g)
#endif
#define alloc_pages_exact(size, gfp) ({					\
	size_t __ml_n = (size);						\
	void *__ml_p = __modleak_real_alloc_pages_exact(__ml_n, (gfp));	\
	__MODLEAK_A("alloc_pages_exact", __ml_p, __ml_n);		\
	__ml_p; })

/* ---- devm_* (released by the driver core at unbind, see docs/header.md) -- */

#define devm_kmalloc(dev, size, flags) ({				\
	size_t __ml_n = (size);						\
	void *__ml_p = (devm_kmalloc)((dev), __ml_n, (flags));		\
	__MODLEAK_A("devm_kmalloc", __ml_p, __ml_n);			\
	__ml_p; })

#define devm_kzalloc(dev, size, flags) ({				\
	size_t __ml_n = (size);						\
	void *__ml_p = (devm_kzalloc)((dev), __ml_n, (flags));		\
	__MODLEAK_A("devm_kzalloc", __ml_p, __ml_n);			\
	__ml_p; })

#define devm_kcalloc(dev, n, size, flags) ({				\
	size_t __ml_c = (n), __ml_n = (size);				\
	void *__ml_p = (devm_kcalloc)((dev), __ml_c, __ml_n, (flags));	\
	__MODLEAK_A("devm_kcalloc", __ml_p, size_mul(__ml_c, __ml_n));	\
	__ml_p; })

#define devm_kmalloc_array(dev, n, size, flags) ({			\
	size_t __ml_c = (n), __ml_n = (size);				\
	void *__ml_p = (devm_kmalloc_array)((dev), __ml_c, __ml_n, (flags)); \
	__MODLEAK_A("devm_kmalloc_array", __ml_p, size_mul(__ml_c, __ml_n)); \
	__ml_p; })

#define devm_kstrdup(dev, s, flags) ({					\
	char *__ml_p = (devm_kstrdup)((dev), (s), (flags));		\
	__MODLEAK_A("devm_kstrdup", __ml_p, __ml_p ? strlen(__ml_p) + 1 : 0); \
	__ml_p; })

#define devm_kmemdup(dev, src, len, flags) ({				\
	size_t __ml_n = (len);						\
	void *__ml_p = (devm_kmemdup)((dev), (src), __ml_n, (flags));	\
	__MODLEAK_A("devm_kmemdup", __ml_p, __ml_n);			\
	__ml_p; })

#define devm_kasprintf(dev, flags, ...) ({				\
	char *__ml_p = (devm_kasprintf)((dev), (flags), __VA_ARGS__);	\
	__MODLEAK_A("devm_kasprintf", __ml_p, __ml_p ? strlen(__ml_p) + 1 : 0); \
	__ml_p; })

#define devm_kvasprintf(dev, flags, fmt, args) ({			\
	char *__ml_p = (devm_kvasprintf)((dev), (flags), (fmt), (args)); \
	__MODLEAK_A("devm_kvasprintf", __ml_p, __ml_p ? strlen(__ml_p) + 1 : 0); \
	__ml_p; })

/*
 * devm_kmemdup_array() / devm_krealloc_array() (6.12): static inlines over
 * devm_kmemdup() / devm_krealloc(), compiled before these macros, so logged here.
 */
#define devm_kmemdup_array(dev, src, n, size, flags) ({			\
	size_t __ml_c = (n), __ml_n = (size);				\
	void *__ml_p = (devm_kmemdup_array)((dev), (src), __ml_c, __ml_n, (flags)); \
	__MODLEAK_A("devm_kmemdup_array", __ml_p, size_mul(__ml_c, __ml_n)); \
	__ml_p; })

/* NULL allocates; a size of 0 frees and returns ZERO_SIZE_PTR; NULL = failed, the old object stays. */
#define devm_krealloc(dev, ptr, new_size, flags) ({			\
	void *__ml_o = (ptr);						\
	size_t __ml_n = (new_size);					\
	void *__ml_p = (devm_krealloc)((dev), __ml_o, __ml_n, (flags));	\
	__MODLEAK_R("devm_krealloc", __ml_o, __ml_p, __ml_n);		\
	__ml_p; })

/* As devm_krealloc(); an overflowing n * size fails (NULL) and leaves the old object. */
#define devm_krealloc_array(dev, ptr, new_n, new_size, flags) ({	\
	void *__ml_o = (ptr);						\
	size_t __ml_c = (new_n), __ml_n = (new_size);			\
	void *__ml_p = (devm_krealloc_array)((dev), __ml_o, __ml_c, __ml_n, (flags)); \
	__MODLEAK_R("devm_krealloc_array", __ml_o, __ml_p, size_mul(__ml_c, __ml_n)); \
	__ml_p; })

/* Like kstrdup_const: a string in the kernel's .rodata is returned as is. */
#define devm_kstrdup_const(dev, s, flags) ({				\
	const char *__ml_s = (s);					\
	const char *__ml_p = (devm_kstrdup_const)((dev), __ml_s, (flags)); \
	if (!__ml_p || __ml_p != __ml_s)				\
		__MODLEAK_A("devm_kstrdup_const", __ml_p, __ml_p ? strlen(__ml_p) + 1 : 0); \
	__ml_p; })

/* devm_kfree() ignores pointers into the kernel's .rodata (devm_kstrdup_const). */
#define devm_kfree(dev, ptr) ({						\
	const void *__ml_f = (ptr);					\
	if (!__modleak_in_kernel_image(__ml_f))				\
		__MODLEAK_F("devm_kfree", __ml_f);			\
	(devm_kfree)((dev), __ml_f); })

/* Pages with a devres: released by devm_free_pages() or at unbind, by address. */
#define devm_get_free_pages(dev, gfp, order) ({				\
	unsigned int __ml_o = (order);					\
	unsigned long __ml_p = (devm_get_free_pages)((dev), (gfp), __ml_o); \
	__MODLEAK_A("devm_get_free_pages", __ml_p, (size_t)PAGE_SIZE << __ml_o); \
	__ml_p; })

#define devm_free_pages(dev, addr) ({					\
	unsigned long __ml_f = (addr);					\
	__MODLEAK_F("devm_free_pages", __ml_f);				\
	(devm_free_pages)((dev), __ml_f); })

/* ---- node / flags variants (same families as their plain forms) -------- */

#ifdef kmalloc_array_node
#undef kmalloc_array_node
#define __modleak_real_kmalloc_array_node(n, s, f, node) \
	alloc_hooks(kmalloc_array_node_noprof(n, s, f, node))
#else
#define __modleak_real_kmalloc_array_node(n, s, f, node) (kmalloc_array_node)(n, s, f, node)
#endif
#define kmalloc_array_node(n, size, flags, node) ({			\
	size_t __ml_c = (n), __ml_n = (size);				\
	void *__ml_p = __modleak_real_kmalloc_array_node(__ml_c, __ml_n, (flags), (node)); \
	__MODLEAK_A("kmalloc_array_node", __ml_p, size_mul(__ml_c, __ml_n)); \
	__ml_p; })

#ifdef kvmalloc_node
#undef kvmalloc_node
#define __modleak_real_kvmalloc_node(s, f, node) alloc_hooks(kvmalloc_node_noprof(s, f, node))
#else
#define __modleak_real_kvmalloc_node(s, f, node) (kvmalloc_node)(s, f, node)
#endif
#define kvmalloc_node(size, flags, node) ({				\
	size_t __ml_n = (size);						\
	void *__ml_p = __modleak_real_kvmalloc_node(__ml_n, (flags), (node)); \
	__MODLEAK_A("kvmalloc_node", __ml_p, __ml_n);			\
	__ml_p; })

#ifdef kvzalloc_node
#undef kvzalloc_node
#define __modleak_real_kvzalloc_node(s, f, node) \
	alloc_hooks(kvmalloc_node_noprof(s, (f) | __GFP_ZERO, node))
#else
#define __modleak_real_kvzalloc_node(s, f, node) (kvzalloc_node)(s, f, node)
#endif
#define kvzalloc_node(size, flags, node) ({				\
	size_t __ml_n = (size);						\
	void *__ml_p = __modleak_real_kvzalloc_node(__ml_n, (flags), (node)); \
	__MODLEAK_A("kvzalloc_node", __ml_p, __ml_n);			\
	__ml_p; })

#ifdef vzalloc_node
#undef vzalloc_node
#define __modleak_real_vzalloc_node(s, node) alloc_hooks(vzalloc_node_noprof(s, node))
#else
#define __modleak_real_vzalloc_node(s, node) (vzalloc_node)(s, node)
#endif
#define vzalloc_node(size, node) ({					\
	unsigned long __ml_n = (size);					\
	void *__ml_p = __modleak_real_vzalloc_node(__ml_n, (node));	\
	__MODLEAK_A("vzalloc_node", __ml_p, __ml_n);			\
	__ml_p; })

#ifdef __vmalloc
#undef __vmalloc
#define __modleak_real___vmalloc(s, f) alloc_hooks(__vmalloc_noprof(s, f))
#else
#define __modleak_real___vmalloc(s, f) (__vmalloc)(s, f)
#endif
#define __vmalloc(size, flags) ({					\
	unsigned long __ml_n = (size);					\
	void *__ml_p = __modleak_real___vmalloc(__ml_n, (flags));	\
	__MODLEAK_A("__vmalloc", __ml_p, __ml_n);			\
	__ml_p; })

#ifdef kmem_cache_alloc_node
#undef kmem_cache_alloc_node
#define __modleak_real_kmem_cache_alloc_node(c, f, node) \
	alloc_hooks(kmem_cache_alloc_node_noprof(c, f, node))
#else
#define __modleak_real_kmem_cache_alloc_node(c, f, node) (kmem_cache_alloc_node)(c, f, node)
#endif
#define kmem_cache_alloc_node(cache, flags, node) ({			\
	struct kmem_cache *__ml_k = (cache);				\
	void *__ml_p = __modleak_real_kmem_cache_alloc_node(__ml_k, (flags), (node)); \
	__MODLEAK_A("kmem_cache_alloc_node", __ml_p, kmem_cache_size(__ml_k)); \
	__ml_p; })

#ifdef alloc_pages_node
#undef alloc_pages_node
#define __modleak_real_alloc_pages_node(nid, g, o) alloc_hooks(alloc_pages_node_noprof(nid, g, o))
#else
#define __modleak_real_alloc_pages_node(nid, g, o) (alloc_pages_node)(nid, g, o)
#endif
#define alloc_pages_node(nid, gfp, order) ({				\
	unsigned int __ml_o = (order);					\
	struct page *__ml_p = __modleak_real_alloc_pages_node((nid), (gfp), __ml_o); \
	__MODLEAK_A("alloc_pages_node", __modleak_page_key(__ml_p), (size_t)PAGE_SIZE << __ml_o); \
	__ml_p; })

#define kmemdup_array(src, n, size, flags) ({				\
	size_t __ml_c = (n), __ml_n = (size);				\
	void *__ml_p = (kmemdup_array)((src), __ml_c, __ml_n, (flags));	\
	__MODLEAK_A("kmemdup_array", __ml_p, size_mul(__ml_c, __ml_n));	\
	__ml_p; })

#define memdup_array_user(src, n, size) ({				\
	size_t __ml_c = (n), __ml_n = (size);				\
	void *__ml_p = (memdup_array_user)((src), __ml_c, __ml_n);	\
	__MODLEAK_A("memdup_array_user", __MODLEAK_OK_OR_NULL(__ml_p), size_mul(__ml_c, __ml_n)); \
	__ml_p; })

#define vmemdup_array_user(src, n, size) ({				\
	size_t __ml_c = (n), __ml_n = (size);				\
	void *__ml_p = (vmemdup_array_user)((src), __ml_c, __ml_n);	\
	__MODLEAK_A("vmemdup_array_user", __MODLEAK_OK_OR_NULL(__ml_p), size_mul(__ml_c, __ml_n)); \
	__ml_p; })

/* ---- frees -------------------------------------------------------------- */

/*
 * kfree, kvfree and vfree are also passed around as values (release
 * callbacks: "o->release = kfree", "devm_add_action(dev, (void (*)(void *))kfree, p)").
 * Each name is an object-like macro naming a logging function; followed by
 * "(", that name is in turn a function-like macro logging the call site.  A
 * call through the pointer is logged with "<file>:0 __modleak_<api>_value".
 * __modleak_<api>_raw() is the kernel's function, for the header's own use.
 */
#define __MODLEAK_FREE_BY_VALUE(api, ptype)				\
static __always_inline __maybe_unused void __modleak_##api##_raw(ptype p)	\
{									\
	(api)(p);							\
}									\
static noinline __maybe_unused void __modleak_##api##_value(ptype p)	\
{									\
	__modleak_log_free(#api, p, __BASE_FILE__, 0, "__modleak_" #api "_value"); \
	(api)(p);							\
}

__MODLEAK_FREE_BY_VALUE(kfree, const void *)
__MODLEAK_FREE_BY_VALUE(kvfree, const void *)
__MODLEAK_FREE_BY_VALUE(vfree, const void *)

#define kfree __modleak_kfree_value
#define __modleak_kfree_value(ptr) ({					\
	const void *__ml_f = (ptr);					\
	__MODLEAK_F("kfree", __ml_f);					\
	__modleak_kfree_raw(__ml_f); })

#define kfree_sensitive(ptr) ({						\
	const void *__ml_f = (ptr);					\
	__MODLEAK_F("kfree_sensitive", __ml_f);				\
	(kfree_sensitive)(__ml_f); })

/* kfree_const() ignores pointers into the kernel's .rodata: so does the log. */
#define kfree_const(ptr) ({						\
	const void *__ml_f = (ptr);					\
	if (!__modleak_in_kernel_image(__ml_f))				\
		__MODLEAK_F("kfree_const", __ml_f);			\
	(kfree_const)(__ml_f); })

#define bitmap_free(map) ({						\
	const unsigned long *__ml_f = (map);				\
	__MODLEAK_F("bitmap_free", __ml_f);				\
	(bitmap_free)(__ml_f); })

#define kvfree __modleak_kvfree_value
#define __modleak_kvfree_value(ptr) ({					\
	const void *__ml_f = (ptr);					\
	__MODLEAK_F("kvfree", __ml_f);					\
	__modleak_kvfree_raw(__ml_f); })

#define kvfree_sensitive(ptr, len) ({					\
	const void *__ml_f = (ptr);					\
	__MODLEAK_F("kvfree_sensitive", __ml_f);			\
	(kvfree_sensitive)(__ml_f, (len)); })

#define vfree __modleak_vfree_value
#define __modleak_vfree_value(ptr) ({					\
	const void *__ml_f = (ptr);					\
	__MODLEAK_F("vfree", __ml_f);					\
	__modleak_vfree_raw(__ml_f); })

#define kmem_cache_free(cache, ptr) ({					\
	void *__ml_f = (ptr);						\
	__MODLEAK_F("kmem_cache_free", __ml_f);				\
	(kmem_cache_free)((cache), __ml_f); })

/*
 * __free_pages() and free_pages() drop the caller's reference, as put_page()
 * does: with another one held (get_page()), the pages stay until that goes
 * (its put_page() is logged then).  So a count above 1 logs nothing; 0 (pages
 * already freed) still logs, for the matcher to see the double free.  An
 * address with no struct page (vmalloc memory given to free_pages()) is
 * logged without reading one, before the kernel trips over it: the matcher
 * names the mismatched free.
 */
#define __modleak_last_ref(pg) (page_count(pg) <= 1)
#define __modleak_last_ref_addr(addr) \
	(!(addr) || !virt_addr_valid((void *)(addr)) || __modleak_last_ref(virt_to_page((void *)(addr))))

#define __free_pages(pg, order) ({					\
	struct page *__ml_f = (pg);					\
	if (!__ml_f || __modleak_last_ref(__ml_f))			\
		__MODLEAK_F("__free_pages", __modleak_page_key(__ml_f)); \
	(__free_pages)(__ml_f, (order)); })

#define free_pages(addr, order) ({					\
	unsigned long __ml_f = (addr);					\
	if (__modleak_last_ref_addr(__ml_f))				\
		__MODLEAK_F("free_pages", __ml_f);			\
	(free_pages)(__ml_f, (order)); })

#undef free_page
#define free_page(addr) ({						\
	unsigned long __ml_f = (addr);					\
	if (__modleak_last_ref_addr(__ml_f))				\
		__MODLEAK_F("free_page", __ml_f);			\
	(free_pages)(__ml_f, 0); })

#define free_pages_exact(virt, size) ({					\
	void *__ml_f = (virt);						\
	__MODLEAK_F("free_pages_exact", __ml_f);			\
	(free_pages_exact)(__ml_f, (size)); })

/*
 * put_page() and folio_put() drop a reference; the one that drops the last
 * frees the pages, and only that one is logged (a count of 1 before the call),
 * by the address of the folio's first page, as its allocation was.  A page the
 * module did not allocate (one a subsystem handed it) is freed the same way:
 * the matcher leaves such a free alone (docs/header.md).
 */
#define put_page(pg) ({							\
	struct page *__ml_h = compound_head(pg);			\
	if (page_count(__ml_h) == 1)					\
		__MODLEAK_F("put_page", __modleak_page_key(__ml_h));	\
	(put_page)(__ml_h); })

#define folio_put(fo) ({						\
	struct folio *__ml_fo = (fo);				\
	if (folio_ref_count(__ml_fo) == 1)				\
		__MODLEAK_F("folio_put", __modleak_page_key(&__ml_fo->page)); \
	(folio_put)(__ml_fo); })

/*
 * One record per object, before the objects go back.  kfree_bulk() is
 * kmem_cache_free_bulk(NULL, ...): a NULL cache is logged as kfree_bulk, the
 * cache being each object's own then (kmalloc memory).
 */
#define kmem_cache_free_bulk(cache, size, p) ({				\
	struct kmem_cache *__ml_k = (cache);				\
	size_t __ml_n = (size);						\
	void **__ml_v = (p);						\
	for (size_t __ml_i = 0; __ml_i < __ml_n; __ml_i++)		\
		__MODLEAK_F(__ml_k ? "kmem_cache_free_bulk" : "kfree_bulk", __ml_v[__ml_i]); \
	(kmem_cache_free_bulk)(__ml_k, __ml_n, __ml_v); })

#define kfree_bulk(size, p) ({						\
	size_t __ml_n = (size);						\
	void **__ml_v = (p);						\
	for (size_t __ml_i = 0; __ml_i < __ml_n; __ml_i++)		\
		__MODLEAK_F("kfree_bulk", __ml_v[__ml_i]);		\
	(kfree_bulk)(__ml_n, __ml_v); })

/*
 * kfree_rcu(ptr, rhf), kfree_rcu(ptr) and kfree_rcu_mightsleep(ptr) log
 * "kfree_rcu"; kvfree_rcu(ptr[, rhf]) and kvfree_rcu_mightsleep(ptr) log
 * "kvfree_rcu".  The free is logged at the call: the memory goes back after a
 * grace period, and no allocation can get that address before then.  The real
 * call is the kernel's kvfree_rcu_arg_1/_2, picked by the argument count.
 * kfree_rcu(ptr) and kvfree_rcu(ptr) take one argument only where the kernel's
 * do (its KVFREE_GET_MACRO picks the form; 6.12 has only the two-argument one),
 * so a module does not build with the header where it would not without.
 */
#define __MODLEAK_RCU_PICK(_1, _2, name, ...) name
#define __MODLEAK_RCU_FREE(api, ptr, ...) ({				\
	__auto_type __ml_r = (ptr);					\
	__MODLEAK_F(api, __ml_r);					\
	__MODLEAK_RCU_PICK(__ml_r, ##__VA_ARGS__, kvfree_rcu_arg_2, kvfree_rcu_arg_1)(__ml_r, ##__VA_ARGS__); })

#undef kfree_rcu
#undef kvfree_rcu
#ifdef KVFREE_GET_MACRO
#define kfree_rcu(ptr, ...) __MODLEAK_RCU_FREE("kfree_rcu", ptr, ##__VA_ARGS__)
#define kvfree_rcu(ptr, ...) __MODLEAK_RCU_FREE("kvfree_rcu", ptr, ##__VA_ARGS__)
#else
#define kfree_rcu(ptr, rhf) __MODLEAK_RCU_FREE("kfree_rcu", ptr, rhf)
#define kvfree_rcu(ptr, rhf) __MODLEAK_RCU_FREE("kvfree_rcu", ptr, rhf)
#endif
#undef kfree_rcu_mightsleep
#define kfree_rcu_mightsleep(ptr) __MODLEAK_RCU_FREE("kfree_rcu", ptr)
#undef kvfree_rcu_mightsleep
#define kvfree_rcu_mightsleep(ptr) __MODLEAK_RCU_FREE("kvfree_rcu", ptr)

#endif /* MODLEAK_KERNEL_API_H */
