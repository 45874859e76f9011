// SPDX-License-Identifier: GPL-2.0
/*
 * kmem_cache objects released with kfree() and kvfree() (allowed since Linux
 * 6.4, which removed SLOB) and, on 6.12 and later, with kfree_rcu() (whose
 * pending frees kmem_cache_destroy() waits for).  Mismatched frees on 6.1,
 * legal on 6.12; each marked "expect: <free>" below.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/rcupdate.h>
#include <linux/version.h>

struct cachefree_obj {
	struct rcu_head rcu;
	char data[64];
};

static struct kmem_cache *cachefree_cache;

static int __init cachefree_init(void)
{
	struct cachefree_obj *obj;

	cachefree_cache = kmem_cache_create("modleak_cachefree", sizeof(struct cachefree_obj), 0, 0, NULL);
	if (!cachefree_cache)
		return -ENOMEM;

	obj = kmem_cache_alloc(cachefree_cache, GFP_KERNEL);
	kfree(obj); /* expect: kfree */
	obj = kmem_cache_zalloc(cachefree_cache, GFP_KERNEL);
	kvfree(obj); /* expect: kvfree */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
	obj = kmem_cache_alloc(cachefree_cache, GFP_KERNEL);
	if (obj)
		kfree_rcu(obj, rcu); /* expect: kfree_rcu */
#endif
	obj = kmem_cache_alloc(cachefree_cache, GFP_KERNEL);
	kmem_cache_free(cachefree_cache, obj);
	return 0;
}

static void __exit cachefree_exit(void)
{
	kmem_cache_destroy(cachefree_cache);
}

module_init(cachefree_init);
module_exit(cachefree_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("modleak test: kmem_cache objects released with kfree, kvfree and kfree_rcu");
