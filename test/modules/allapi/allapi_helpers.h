/* SPDX-License-Identifier: GPL-2.0 */
/* The module's own header, included after modleak.h: its static inline
 * functions are instrumented and their records name this file. */
#ifndef ALLAPI_HELPERS_H
#define ALLAPI_HELPERS_H

#include <linux/slab.h>
#include <linux/string.h>

static inline char *allapi_label_new(const char *prefix, int id)
{
	return kasprintf(GFP_KERNEL, "%s-%d", prefix, id); /* expect: A kasprintf 9 */
}

static inline void allapi_label_free(char *label)
{
	kfree(label); /* expect: F kfree */
}

#endif /* ALLAPI_HELPERS_H */
