// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/idr.h>
#include <linux/xarray.h>
#include <linux/slab.h>
#include "qa_multi.h"

static int rounds = 3;
module_param(rounds, int, 0444);

static DEFINE_IDR(qa_idr);
static DEFINE_XARRAY_ALLOC(qa_xa);

struct qa_handle {
	int id;
	char *label;
};

static int qa_handles_make(int n)
{
	int i;

	for (i = 0; i < n; i++) {
		struct qa_handle *h = kzalloc(sizeof(*h), GFP_KERNEL);
		u32 xid;

		if (!h)
			return -ENOMEM;
		h->label = kstrdup("handle", GFP_KERNEL);	/* expect-leak: 3 x 7 bytes, never freed by qa_handles_drop() */
		h->id = idr_alloc(&qa_idr, h, 1, 0, GFP_KERNEL);
		if (h->id < 0 || !h->label) {
			kfree(h->label);
			kfree(h);
			return -ENOMEM;
		}
		if (xa_alloc(&qa_xa, &xid, kmemdup(&i, sizeof(i), GFP_KERNEL),
			     xa_limit_32b, GFP_KERNEL))
			return -ENOMEM;
	}
	return 0;
}

static void qa_handles_drop(void)
{
	struct qa_handle *h;
	unsigned long idx;
	void *entry;
	int id;

	idr_for_each_entry(&qa_idr, h, id) {
		idr_remove(&qa_idr, id);
		kfree(h);
	}
	idr_destroy(&qa_idr);
	xa_for_each(&qa_xa, idx, entry) {
		xa_erase(&qa_xa, idx);
		kfree(entry);
	}
	xa_destroy(&qa_xa);
}

static int __init qa_multi_init(void)
{
	int ret, r;
	u8 data[40] = { 1, 2, 3 };

	ret = qa_store_init();
	if (ret)
		return ret;
	for (r = 0; r < rounds; r++) {
		void *blob = qa_util_blob(64 + r, 0x5a);

		if (!blob)
			goto err;
		qa_store_add(r, data, sizeof(data));
		qa_store_add(r + 100, blob, 64 + r);
		qa_util_blob_free(blob);
	}
	qa_store_add(0, data, 10);	/* replaces key 0 */
	qa_store_del(1);
	ret = qa_handles_make(rounds);
	if (ret)
		goto err_handles;
	return 0;
err_handles:
	qa_handles_drop();
err:
	qa_store_exit();
	return -ENOMEM;
}

static void __exit qa_multi_exit(void)
{
	qa_handles_drop();
	qa_store_exit();
}

module_init(qa_multi_init);
module_exit(qa_multi_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("QA: multi-file module with kmem_cache, rbtree, idr, xarray");
