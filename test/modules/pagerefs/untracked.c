// SPDX-License-Identifier: GPL-2.0
/* Built with MODLEAK_DISABLE: a page the module gets from code modleak does not see. */
#include <linux/gfp.h>
#include <linux/mm.h>

struct page *modleak_untracked_page(void);

struct page *modleak_untracked_page(void)
{
	return alloc_page(GFP_KERNEL);
}
