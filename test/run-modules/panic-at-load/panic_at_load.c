// Panics the kernel from module init, after one logged allocation: the run must be
// classified crashed (panic), not hang and not pass.
#include <linux/module.h>
#include <linux/slab.h>

static void *kept;

static int __init panic_at_load_init(void)
{
	kept = kmalloc(40, GFP_KERNEL);
	panic("modleak test: panic at load");
	return 0;
}

module_init(panic_at_load_init);
MODULE_LICENSE("GPL");
