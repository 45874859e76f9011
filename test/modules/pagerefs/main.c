// SPDX-License-Identifier: GPL-2.0
/*
 * Pages released by their last reference (put_page, folio_put), folios, and the
 * bulk slab APIs, as network and block drivers use them: all legal, so none may
 * be reported, except what is marked below: three pages whose extra reference is
 * never dropped (leaks: the free of the allocation's own reference does not free
 * them) and, on kernels before 6.4, kfree_bulk() of kmem_cache objects (a
 * mismatched free there; legal since).
 */
#include <linux/module.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>

struct page *modleak_untracked_page(void);

static struct kmem_cache *cache;

static int __init modleak_pagerefs_init(void)
{
	struct page *pg;
	unsigned long addr;
	struct folio *folio;
	void *objs[4];
	void *more[2];
	void *bufs[3];
	int i;

	/* Two references; the second put_page() drops the last and frees the page. */
	pg = alloc_page(GFP_KERNEL);
	if (pg) {
		get_page(pg);
		put_page(pg);
		put_page(pg);
	}
	/* A compound page, its last reference dropped through its tail page. */
	pg = alloc_pages(GFP_KERNEL | __GFP_COMP, 1);
	if (pg)
		put_page(pg + 1);
	/* Folios: released by folio_put(), or by the page API. */
	folio = folio_alloc(GFP_KERNEL, 0);
	if (folio) {
		folio_get(folio);
		folio_put(folio);
		folio_put(folio);
	}
	folio = folio_alloc(GFP_KERNEL, 1);
	if (folio)
		__free_pages(&folio->page, 1);
	/* A page the module did not allocate: dropping its last reference is no finding. */
	pg = modleak_untracked_page();
	if (pg)
		put_page(pg);
	/* A reference taken and dropped, the allocation's own never: the page leaks. */
	pg = alloc_page(GFP_KERNEL); /* expect: leak */
	if (pg) {
		get_page(pg);
		put_page(pg);
	}
	/* __free_pages() and free_page() drop a reference too: with another held, the page stays. */
	pg = alloc_page(GFP_KERNEL);
	if (pg) {
		get_page(pg);
		__free_page(pg);
		put_page(pg);
	}
	pg = alloc_page(GFP_KERNEL); /* expect: leak-free-pages */
	if (pg) {
		get_page(pg);
		__free_pages(pg, 0);
	}
	addr = __get_free_page(GFP_KERNEL); /* expect: leak-free-page */
	if (addr) {
		get_page(virt_to_page((void *)addr));
		free_page(addr);
	}

	cache = kmem_cache_create("modleak_pagerefs", 64, 0, 0, NULL);
	if (!cache)
		return -ENOMEM;
	if (kmem_cache_alloc_bulk(cache, GFP_KERNEL, ARRAY_SIZE(objs), objs))
		kmem_cache_free_bulk(cache, ARRAY_SIZE(objs), objs);
	for (i = 0; i < ARRAY_SIZE(bufs); i++)
		bufs[i] = kmalloc(32 << i, GFP_KERNEL);
	if (bufs[0] && bufs[1] && bufs[2])
		kfree_bulk(ARRAY_SIZE(bufs), bufs);
	/* kmem_cache objects by kfree_bulk(): legal from Linux 6.4, as kfree() of them. */
	if (kmem_cache_alloc_bulk(cache, GFP_KERNEL, ARRAY_SIZE(more), more))
		kfree_bulk(ARRAY_SIZE(more), more); /* expect: kfree-bulk-of-cache */
	return 0;
}

static void __exit modleak_pagerefs_exit(void)
{
	kmem_cache_destroy(cache);
}

module_init(modleak_pagerefs_init);
module_exit(modleak_pagerefs_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("modleak test: pages released by their last reference, folios, bulk slab APIs");
