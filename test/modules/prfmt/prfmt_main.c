// SPDX-License-Identifier: GPL-2.0
/* Driver style: its own pr_fmt/dev_fmt before any include (needs
 * -DMODLEAK_USER_PR_FMT -DMODLEAK_USER_DEV_FMT for this file, see docs/header.md). */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#define dev_fmt(fmt) "prfmt: " fmt

#include <linux/module.h>
#include <linux/slab.h>
#include <linux/device.h>
#include "prfmt.h"

static int __init prfmt_init(void)
{
	char *name = prfmt_name("main");

	pr_info("loaded, name %s\n", name ? name : "-");
	kfree(name);
	return 0;
}

static void __exit prfmt_exit(void)
{
}

module_init(prfmt_init);
module_exit(prfmt_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("modleak test: pr_fmt/dev_fmt defined by the module, two files");
