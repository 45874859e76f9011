// SPDX-License-Identifier: GPL-2.0
// Loads and unloads without allocating or freeing anything: a run with nothing to match.
#include <linux/module.h>
#include <linux/printk.h>

static int __init noalloc_init(void)
{
	pr_info("noalloc: loaded\n");
	return 0;
}

static void __exit noalloc_exit(void)
{
	pr_info("noalloc: unloaded\n");
}

module_init(noalloc_init);
module_exit(noalloc_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("modleak test: a module that allocates nothing");
