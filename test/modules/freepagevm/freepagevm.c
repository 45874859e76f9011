// SPDX-License-Identifier: GPL-2.0
/*
 * free_page() of vmalloc memory: a bug the kernel trips over (an address with
 * no struct page). The header must log the free before that, without reading a
 * struct page itself, so the report names the mismatched free beside the crash.
 */
#include <linux/module.h>
#include <linux/vmalloc.h>
#include <linux/gfp.h>

static int __init freepagevm_init(void)
{
	void *p = vmalloc(4096); /* expect: alloc */

	if (p)
		free_page((unsigned long)p); /* expect: mismatched-free */
	return 0;
}

static void __exit freepagevm_exit(void)
{
}

module_init(freepagevm_init);
module_exit(freepagevm_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("modleak test: free_page() of vmalloc memory");
