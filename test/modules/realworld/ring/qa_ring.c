// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/vmalloc.h>
#include <linux/topology.h>

struct qa_desc {
	dma_addr_t addr;
	u32 len;
	u32 flags;
};

struct qa_ring {
	struct qa_desc *desc;
	void **bufs;
	struct page *page;
	unsigned long scratch;
	unsigned int count;
	unsigned int *stats;
	u64 *hist;
	unsigned int nhist;
};

static unsigned int ring_size = 64;
module_param(ring_size, uint, 0444);

static int qa_ring_alloc(struct qa_ring *r, unsigned int count)
{
	unsigned int i;

	r->count = count;
	if (!(r->desc = kcalloc(count, sizeof(*r->desc), GFP_KERNEL)))
		return -ENOMEM;
	r->bufs = kmalloc_array(count, sizeof(void *), GFP_KERNEL | __GFP_ZERO);
	if (!r->bufs)
		goto err_desc;
	for (i = 0; i < count; i++) {
		r->bufs[i] = kzalloc_node(256 + (i & 3) * 64, GFP_KERNEL, NUMA_NO_NODE);
		if (!r->bufs[i])
			goto err_bufs;
		r->desc[i].len = 256 + (i & 3) * 64;
	}
	r->page = alloc_page(GFP_KERNEL);
	if (!r->page)
		goto err_bufs;
	r->scratch = __get_free_page(GFP_KERNEL);
	if (!r->scratch)
		goto err_page;
	r->stats = kvzalloc(sizeof(*r->stats) * count, GFP_KERNEL);
	if (!r->stats)
		goto err_scratch;
	return 0;

err_scratch:
	free_page(r->scratch);
err_page:
	__free_page(r->page);
err_bufs:
	while (i--)
		kfree(r->bufs[i]);
	kfree(r->bufs);
err_desc:
	kfree(r->desc);
	return -ENOMEM;
}

static void qa_ring_free(struct qa_ring *r)
{
	unsigned int i;

	kvfree(r->stats);
	free_page(r->scratch);
	__free_page(r->page);
	for (i = 0; i < r->count; i++)
		kfree(r->bufs[i]);
	kfree(r->bufs);
	kfree(r->desc);
	kfree(r->hist);
}

static int qa_hist_grow(struct qa_ring *r, unsigned int n)
{
	u64 *h = krealloc_array(r->hist, n, sizeof(*h), GFP_KERNEL);

	if (!h)
		return -ENOMEM;
	r->hist = h;
	r->nhist = n;
	return 0;
}

static struct qa_ring qa_rings[2];
static void *qa_vbuf[4];

static int __init qa_ring_init(void)
{
	void *zero, *huge;
	int ret, i;

	zero = kmalloc(0, GFP_KERNEL);	/* ZERO_SIZE_PTR */
	kfree(zero);
	kfree(NULL);
	huge = kmalloc(1UL << 40, GFP_KERNEL | __GFP_NOWARN);	/* fails */
	kfree(huge);
	for (i = 0; i < ARRAY_SIZE(qa_rings); i++) {
		ret = qa_ring_alloc(&qa_rings[i], ring_size >> i);
		if (ret)
			goto err;
	}
	for (i = 1; i <= 5; i++) {
		ret = qa_hist_grow(&qa_rings[0], i * 8);
		if (ret)
			goto err_all;
	}
	qa_hist_grow(&qa_rings[0], 4);	/* shrink */
	qa_vbuf[0] = vmalloc_array(ring_size, sizeof(struct qa_desc));
	qa_vbuf[1] = vcalloc(ring_size, sizeof(u64));
	qa_vbuf[2] = vmalloc_32(PAGE_SIZE);
	qa_vbuf[3] = vmalloc_32_user(PAGE_SIZE);
	return 0;
err_all:
	i = ARRAY_SIZE(qa_rings);
err:
	while (i--)
		qa_ring_free(&qa_rings[i]);
	return ret;
}

static void __exit qa_ring_exit(void)
{
	int i;

	for (i = ARRAY_SIZE(qa_rings) - 1; i >= 0; i--)
		qa_ring_free(&qa_rings[i]);
	for (i = 0; i < ARRAY_SIZE(qa_vbuf); i++)
		vfree(qa_vbuf[i]);
}

module_init(qa_ring_init);
module_exit(qa_ring_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("QA: descriptor rings, page allocators, realloc growth, zero/failed allocations");
