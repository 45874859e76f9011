/* SPDX-License-Identifier: MIT */
/*
 * modleak_osal.h - wrap a module's own allocate/free functions (an OSAL).
 *
 * After the prototypes in the OSAL's header, one line per function:
 *
 *   #ifdef MODLEAK_ENABLED
 *   #define osal_mem_alloc(...) MODLEAK_WRAP_ALLOC(osal_mem_alloc, 1, __VA_ARGS__)
 *   #define osal_mem_free(...)  MODLEAK_WRAP_FREE(osal_mem_free, 1, __VA_ARGS__)
 *   #define osal_pool_get(...)  MODLEAK_WRAP_ALLOC_OUT(osal_pool_get, 2, 0, __VA_ARGS__)
 *   MODLEAK_DECLARE_PAIR(osal_mem_alloc, osal_mem_free);
 *   #endif
 *
 * MODLEAK_WRAP_ALLOC(fn, size_arg, args...): fn returns the pointer; size_arg
 *   is the 1-based position of the byte-count argument (0: size unknown, 0).
 * MODLEAK_WRAP_ALLOC_OUT(fn, out_arg, size_arg, args...): fn returns 0 on
 *   success and stores the pointer through argument out_arg (a T **); on a
 *   non-zero return a failed allocation (NULL) is logged.
 * MODLEAK_WRAP_FREE(fn, ptr_arg, args...): ptr_arg is the pointer released.
 * MODLEAK_DECLARE_PAIR(alloc, free): records in the .ko (section .modleak_pairs) that
 *   `free` releases what `alloc` returned, so a mismatch is reported.
 *
 * Arguments are evaluated once, into __auto_type temporaries (so pass NULL,
 * not a literal 0, for a pointer argument).  Up to 8 arguments.
 */
#ifndef MODLEAK_OSAL_H
#define MODLEAK_OSAL_H

#define __MODLEAK_CAT_(a, b) a##b
#define __MODLEAK_CAT(a, b) __MODLEAK_CAT_(a, b)
#define __MODLEAK_NARGS_(_1, _2, _3, _4, _5, _6, _7, _8, n, ...) n
#define __MODLEAK_NARGS(...) __MODLEAK_NARGS_(__VA_ARGS__, 8, 7, 6, 5, 4, 3, 2, 1, 0)

#define __MODLEAK_DECL_1(a) __auto_type __ml_a1 = (a);
#define __MODLEAK_DECL_2(a, ...) __MODLEAK_DECL_1(a) __auto_type __ml_a2 = (__VA_ARGS__);
#define __MODLEAK_DECL_3(a, b, ...) __MODLEAK_DECL_2(a, b) __auto_type __ml_a3 = (__VA_ARGS__);
#define __MODLEAK_DECL_4(a, b, c, ...) __MODLEAK_DECL_3(a, b, c) __auto_type __ml_a4 = (__VA_ARGS__);
#define __MODLEAK_DECL_5(a, b, c, d, ...) __MODLEAK_DECL_4(a, b, c, d) __auto_type __ml_a5 = (__VA_ARGS__);
#define __MODLEAK_DECL_6(a, b, c, d, e, ...) __MODLEAK_DECL_5(a, b, c, d, e) __auto_type __ml_a6 = (__VA_ARGS__);
#define __MODLEAK_DECL_7(a, b, c, d, e, f, ...) __MODLEAK_DECL_6(a, b, c, d, e, f) __auto_type __ml_a7 = (__VA_ARGS__);
#define __MODLEAK_DECL_8(a, b, c, d, e, f, g, ...) __MODLEAK_DECL_7(a, b, c, d, e, f, g) __auto_type __ml_a8 = (__VA_ARGS__);

#define __MODLEAK_USE_1 __ml_a1
#define __MODLEAK_USE_2 __MODLEAK_USE_1, __ml_a2
#define __MODLEAK_USE_3 __MODLEAK_USE_2, __ml_a3
#define __MODLEAK_USE_4 __MODLEAK_USE_3, __ml_a4
#define __MODLEAK_USE_5 __MODLEAK_USE_4, __ml_a5
#define __MODLEAK_USE_6 __MODLEAK_USE_5, __ml_a6
#define __MODLEAK_USE_7 __MODLEAK_USE_6, __ml_a7
#define __MODLEAK_USE_8 __MODLEAK_USE_7, __ml_a8

#define __MODLEAK_SIZE_0 0
#define __MODLEAK_SIZE_1 __ml_a1
#define __MODLEAK_SIZE_2 __ml_a2
#define __MODLEAK_SIZE_3 __ml_a3
#define __MODLEAK_SIZE_4 __ml_a4
#define __MODLEAK_SIZE_5 __ml_a5
#define __MODLEAK_SIZE_6 __ml_a6
#define __MODLEAK_SIZE_7 __ml_a7
#define __MODLEAK_SIZE_8 __ml_a8

#define __MODLEAK_DECLS(...) __MODLEAK_CAT(__MODLEAK_DECL_, __MODLEAK_NARGS(__VA_ARGS__))(__VA_ARGS__)
#define __MODLEAK_USES(...) __MODLEAK_CAT(__MODLEAK_USE_, __MODLEAK_NARGS(__VA_ARGS__))
#define __MODLEAK_ARG(i) __MODLEAK_CAT(__MODLEAK_SIZE_, i)

#define MODLEAK_WRAP_ALLOC(fn, size_arg, ...) ({			\
	__MODLEAK_DECLS(__VA_ARGS__)					\
	__auto_type __ml_p = (fn)(__MODLEAK_USES(__VA_ARGS__));		\
	__MODLEAK_A(#fn, __ml_p, (size_t)__MODLEAK_ARG(size_arg));	\
	__ml_p; })

#define MODLEAK_WRAP_ALLOC_OUT(fn, out_arg, size_arg, ...) ({		\
	__MODLEAK_DECLS(__VA_ARGS__)					\
	__auto_type __ml_ret = (fn)(__MODLEAK_USES(__VA_ARGS__));	\
	__MODLEAK_A(#fn, __ml_ret == 0 ? (const void *)*__MODLEAK_ARG(out_arg) : NULL, \
		    (size_t)__MODLEAK_ARG(size_arg));			\
	__ml_ret; })

#define MODLEAK_WRAP_FREE(fn, ptr_arg, ...) ({				\
	__MODLEAK_DECLS(__VA_ARGS__)					\
	__MODLEAK_F(#fn, __MODLEAK_ARG(ptr_arg));			\
	(fn)(__MODLEAK_USES(__VA_ARGS__)); })

#define MODLEAK_DECLARE_PAIR(alloc, free)					\
	static const char __MODLEAK_CAT(__modleak_pair_, __COUNTER__)[]	\
	__used __section(".modleak_pairs") __aligned(1) = #alloc " " #free

#endif /* MODLEAK_OSAL_H */
