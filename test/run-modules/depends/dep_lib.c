// SPDX-License-Identifier: GPL-2.0
/* dep_lib: hands out buffers to dep_user, which kbuild lists (and so builds) first. */
#include <linux/module.h>
#include <linux/slab.h>

void *dep_lib_get(size_t len)
{
	return kzalloc(len, GFP_KERNEL); /* expect: leak (dep_user keeps one) */
}
EXPORT_SYMBOL_GPL(dep_lib_get);

static int __init dep_lib_init(void)
{
	return 0;
}

static void __exit dep_lib_exit(void)
{
}

module_init(dep_lib_init);
module_exit(dep_lib_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("modleak test: a module another one depends on");
