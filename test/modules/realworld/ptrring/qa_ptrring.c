// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/ptr_ring.h>
#include <linux/slab.h>

static struct ptr_ring qa_ring;

static void qa_destroy(void *p)
{
	kfree(p);
}

static int __init qa_ptrring_init(void)
{
	int i, ret;

	ret = ptr_ring_init(&qa_ring, 16, GFP_KERNEL);
	if (ret)
		return ret;
	for (i = 0; i < 4; i++)
		ptr_ring_produce(&qa_ring, kzalloc(32, GFP_KERNEL));
	kfree(ptr_ring_consume(&qa_ring));
	return 0;
}

static void __exit qa_ptrring_exit(void)
{
	ptr_ring_cleanup(&qa_ring, qa_destroy);
}

module_init(qa_ptrring_init);
module_exit(qa_ptrring_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("QA: ptr_ring (kernel header inlines that allocate and free)");
