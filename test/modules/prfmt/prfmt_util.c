// SPDX-License-Identifier: GPL-2.0
/* The second file of the module: no pr_fmt of its own, the kernel default. */
#include <linux/slab.h>
#include <linux/printk.h>
#include "prfmt.h"

char *prfmt_name(const char *what)
{
	char *s = kasprintf(GFP_KERNEL, "prfmt-%s", what);

	if (!s)
		pr_warn("no memory for %s\n", what);
	return s;
}
