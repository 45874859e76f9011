// Module init fails with -ENODEV after freeing what it allocated: insmod fails, the
// run is load-failed with insmod's message.
#include <linux/module.h>
#include <linux/slab.h>

static int __init init_fails_init(void)
{
	void *p = kmalloc(8, GFP_KERNEL);

	kfree(p);
	pr_err("init_fails: no such device here\n");
	return -ENODEV;
}

module_init(init_fails_init);
MODULE_LICENSE("GPL");
