// 500,000 kmalloc/kfree pairs at load time = 1,000,000 records, to check that the
// record stream loses nothing (or says how much it lost) under a burst.
#include <linux/module.h>
#include <linux/slab.h>

static int pairs = 500000;
module_param(pairs, int, 0444);

static int __init million_init(void)
{
	int i;

	for (i = 0; i < pairs; i++) {
		void *p = kmalloc(64, GFP_KERNEL);

		if (!p)
			return -ENOMEM;
		kfree(p);
		if ((i & 1023) == 0)
			cond_resched();
	}
	return 0;
}

static void __exit million_exit(void)
{
}

module_init(million_init);
module_exit(million_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("modleak test: a burst of one million allocation records");
