/* SPDX-License-Identifier: MIT */
/*
 * modleak.h - log every allocation and free a kernel module makes, one printk
 * record per event (contract 1 of modleak, grammar version "modleak1"):
 *
 *   modleak1 <module> A <api> <ptr> <size> <file>:<line> <function>
 *   modleak1 <module> F <api> <ptr> <file>:<line> <function>
 *   modleak1 <module> R <api> <old-ptr> <new-ptr> <size> <file>:<line> <function>
 *
 * Use: build the module with  KCFLAGS="-include /path/to/modleak.h"  or add
 *   ccflags-y += -include $(MODLEAK_DIR)/header/modleak.h
 * to its Kbuild, or #include "modleak.h" before any other include.
 * Opt out per file with  CFLAGS_foo.o += -DMODLEAK_DISABLE  (or module-wide).
 *
 * How it works: the kernel headers that declare the allocators are included
 * first, so every kernel inline body is compiled untouched; then each API the
 * module may call is redefined as a macro that calls the real API exactly once
 * and logs one record with the name the module wrote.  Real calls are spelled
 * "(name)(args)" (a parenthesised name is never macro-expanded) where the API
 * is a function, and as the kernel's own expansion over *_noprof functions
 * where the kernel defines it as an alloc_hooks() macro (>= 6.10).
 * Allocation records are written after the allocation returns, free records
 * before the memory is released: ordered by printk sequence this is the true
 * happens-before for one address.
 */
#ifndef MODLEAK_H
#define MODLEAK_H

#ifdef MODLEAK_DISABLE

/* Disabled: no include, no code, OSAL wrappers become the plain calls. */
#define MODLEAK_WRAP_ALLOC(fn, size_arg, ...) fn(__VA_ARGS__)
#define MODLEAK_WRAP_ALLOC_OUT(fn, out_arg, size_arg, ...) fn(__VA_ARGS__)
#define MODLEAK_WRAP_FREE(fn, ptr_arg, ...) fn(__VA_ARGS__)
#define MODLEAK_DECLARE_PAIR(alloc, free) _Static_assert(1, "modleak disabled")

#else /* !MODLEAK_DISABLE */

#define MODLEAK_ENABLED 1

#include <linux/types.h>
#include <linux/version.h>
#include <linux/compiler.h>
#include <linux/printk.h>
#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/overflow.h>
#include <linux/string.h>
#include <linux/string_helpers.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/rcupdate.h>
#include <linux/device.h>
/* Declares match_strdup(), wrapped below: its prototype must come before the macro. */
#include <linux/parser.h>

#ifndef KBUILD_MODNAME
#define KBUILD_MODNAME "unknown"
#endif

/*
 * printk.h and dev_printk.h (included above) define the default pr_fmt() and
 * dev_fmt() unless the file defined its own first; with -include, this header
 * comes first, so a file that defines its own at its top would redefine the
 * default (a warning, an error under -Werror).  Such files are built with
 * -DMODLEAK_USER_PR_FMT / -DMODLEAK_USER_DEV_FMT, and the default is taken
 * back here.
 */
#ifdef MODLEAK_USER_PR_FMT
#undef pr_fmt
#endif
#ifdef MODLEAK_USER_DEV_FMT
#undef dev_fmt
#endif

/*
 * Says "this object was built with the header enabled", naming the object.  A
 * module built with -DMODLEAK_DISABLE for every file logs nothing and would look
 * clean; so would a module that allocates nothing, and the record writers (static,
 * dropped when unused) are absent from both.  `modleak run` tells them apart by
 * this section.  The object's name matters because kbuild compiles its own files
 * linked into every module (<module>.mod.c; .module-common.c on 6.12) with KCFLAGS
 * but without the module's ccflags: their marks say nothing about the module's.
 */
#ifdef KBUILD_BASENAME
#define __MODLEAK_OBJECT KBUILD_BASENAME
#else
#define __MODLEAK_OBJECT "unknown"
#endif
static const char __modleak_header_mark[] __used __section(".modleak_header")
	__aligned(1) = "modleak1 " __MODLEAK_OBJECT;

#include "modleak_log.h"
#include "modleak_kernel_api.h"
#include "modleak_cleanup.h"
#include "modleak_osal.h"

#endif /* MODLEAK_DISABLE */
#endif /* MODLEAK_H */
