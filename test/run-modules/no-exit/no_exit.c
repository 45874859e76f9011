// A module without an exit function: the kernel refuses to unload it, so what its init
// allocated is never freed, and never had the chance to be: not a sure leak.
#include <linux/module.h>
#include <linux/slab.h>

static void *kept;

static int __init no_exit_init(void)
{
	kept = kmalloc(10, GFP_KERNEL);
	return kept ? 0 : -ENOMEM;
}

module_init(no_exit_init);
MODULE_LICENSE("GPL");
