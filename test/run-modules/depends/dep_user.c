// SPDX-License-Identifier: GPL-2.0
/* dep_user: uses dep_lib's symbols, so it must load after it. */
#include <linux/module.h>
#include <linux/slab.h>

void *dep_lib_get(size_t len);

static void *dep_user_kept;

static int __init dep_user_init(void)
{
	void *used = dep_lib_get(16);

	kfree(used);
	dep_user_kept = dep_lib_get(32);
	return 0;
}

static void __exit dep_user_exit(void)
{
	/* dep_user_kept is never freed: the one leak. */
}

module_init(dep_user_init);
module_exit(dep_user_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("modleak test: a module that depends on another one of the same run");
