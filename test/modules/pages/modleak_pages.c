// SPDX-License-Identifier: GPL-2.0
/*
 * Page allocations released through the other page API, as drivers do: legal,
 * so none of these may be reported.  One real finding, on purpose: a free of
 * the second page of an order-1 allocation (marked below).
 */
#include <linux/module.h>
#include <linux/gfp.h>
#include <linux/mm.h>

static int __init modleak_pages_init(void)
{
	struct page *pg;
	unsigned long addr;

	/* struct page * allocations released by their address. */
	pg = alloc_pages(GFP_KERNEL, 1);
	if (pg)
		free_pages((unsigned long)page_address(pg), 1);
	pg = alloc_page(GFP_KERNEL);
	if (pg)
		free_page((unsigned long)page_address(pg));
	pg = alloc_pages_node(NUMA_NO_NODE, GFP_KERNEL, 0);
	if (pg)
		free_pages((unsigned long)page_address(pg), 0);

	/* Address allocations released by their struct page *. */
	addr = __get_free_pages(GFP_KERNEL, 1);
	if (addr)
		__free_pages(virt_to_page((void *)addr), 1);
	addr = get_zeroed_page(GFP_KERNEL);
	if (addr)
		__free_page(virt_to_page((void *)addr));

	/* Each API with its own free. */
	pg = alloc_pages(GFP_KERNEL, 0);
	if (pg)
		__free_pages(pg, 0);
	addr = __get_free_pages(GFP_KERNEL, 0);
	if (addr)
		free_pages(addr, 0);

	/*
	 * An interior free: the second page of an order-1 allocation.  split_page()
	 * (which the header does not see) makes it a page of its own, so the
	 * kernel frees it cleanly; modleak sees a free 4096 bytes inside the
	 * 8192-byte allocation.  The first page is then freed as the allocation.
	 */
	pg = alloc_pages(GFP_KERNEL, 1); /* expect: interior-alloc */
	if (pg) {
		split_page(pg, 1);
		free_pages((unsigned long)page_address(pg) + PAGE_SIZE, 0); /* expect: invalid-free */
		__free_pages(pg, 0);
	}
	return 0;
}

static void __exit modleak_pages_exit(void)
{
}

module_init(modleak_pages_init);
module_exit(modleak_pages_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("modleak test: page allocators freed through either page API");
