// SPDX-License-Identifier: GPL-2.0
/*
 * clean: correct code that allocates and frees through every family modleak
 * knows.  Expected report: zero leaks, zero bad frees.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/rcupdate.h>
#include <linux/debugfs.h>
#include <linux/fs.h>

struct clean_item {
	struct rcu_head rcu;
	int value;
};

static struct kmem_cache *clean_cache;
static struct dentry *clean_dir;

static int clean_slab(void)
{
	char *a = kmalloc(100, GFP_KERNEL);
	char *b = kzalloc(200, GFP_KERNEL);
	u32 *c = kcalloc(10, sizeof(*c), GFP_KERNEL);
	u64 *d = kmalloc_array(4, sizeof(*d), GFP_KERNEL);
	char *e = kstrdup("clean", GFP_KERNEL);
	char *f = kstrndup("clean-module", 5, GFP_KERNEL);
	const char *g = kstrdup_const("constant", GFP_KERNEL);
	void *h = kmemdup("0123456789", 10, GFP_KERNEL);
	void *i = kzalloc_node(64, GFP_KERNEL, NUMA_NO_NODE);
	void *j = kmalloc_node(48, GFP_KERNEL, NUMA_NO_NODE);
	int err = (a && b && c && d && e && f && g && h && i && j) ? 0 : -ENOMEM;

	kfree(a);
	kfree_sensitive(b);
	kfree(c);
	kvfree(d);
	kfree(e);
	kfree(f);
	kfree_const(g);
	kfree(h);
	kfree(i);
	kfree(j);
	return err;
}

static int clean_realloc(void)
{
	char *p = krealloc(NULL, 16, GFP_KERNEL);
	char *q;

	if (!p)
		return -ENOMEM;
	q = krealloc(p, 4096, GFP_KERNEL);
	if (!q) {
		kfree(p);
		return -ENOMEM;
	}
	kfree(q);
	return 0;
}

static int clean_kv_and_vmalloc(void)
{
	void *a = kvmalloc(1 << 20, GFP_KERNEL);
	void *b = kvzalloc(512, GFP_KERNEL);
	void *c = kvcalloc(16, 64, GFP_KERNEL);
	void *d = vmalloc(3 * PAGE_SIZE);
	void *e = vzalloc(PAGE_SIZE);
	void *f = vmalloc_user(PAGE_SIZE);
	int err = (a && b && c && d && e && f) ? 0 : -ENOMEM;

	kvfree(a);
	kvfree(b);
	kvfree(c);
	vfree(d);
	vfree(e);
	kvfree(f);
	return err;
}

static int clean_pages_and_cache(void)
{
	struct page *pg = alloc_pages(GFP_KERNEL, 1);
	unsigned long fp = __get_free_pages(GFP_KERNEL, 2);
	unsigned long zp = get_zeroed_page(GFP_KERNEL);
	struct clean_item *it = kmem_cache_alloc(clean_cache, GFP_KERNEL);
	struct clean_item *iz = kmem_cache_zalloc(clean_cache, GFP_KERNEL);
	int err = (pg && fp && zp && it && iz) ? 0 : -ENOMEM;

	if (pg)
		__free_pages(pg, 1);
	if (fp)
		free_pages(fp, 2);
	if (zp)
		free_page(zp);
	if (it)
		kmem_cache_free(clean_cache, it);
	if (iz)
		kmem_cache_free(clean_cache, iz);
	return err;
}

static int clean_rcu(void)
{
	struct clean_item *it = kzalloc(sizeof(*it), GFP_KERNEL);

	if (!it)
		return -ENOMEM;
	it->value = 1;
	kfree_rcu(it, rcu);
	return 0;
}

#ifdef __free
/* Scope-based cleanup (linux/cleanup.h): freed when buf goes out of scope. */
static int clean_scoped(void)
{
	char *buf __free(kfree) = kmalloc(128, GFP_KERNEL);

	if (!buf)
		return -ENOMEM;
	strscpy(buf, "scoped", 128);
	return 0;
}
#else
static int clean_scoped(void)
{
	return 0;
}
#endif

/* Each write to /sys/kernel/debug/clean/run does one round of everything. */
static int clean_round(void)
{
	int err = clean_slab();

	err = err ?: clean_realloc();
	err = err ?: clean_kv_and_vmalloc();
	err = err ?: clean_pages_and_cache();
	err = err ?: clean_rcu();
	err = err ?: clean_scoped();
	return err;
}

static ssize_t clean_run_write(struct file *file, const char __user *ubuf,
			       size_t len, loff_t *ppos)
{
	int err = clean_round();

	return err ? err : len;
}

static const struct file_operations clean_run_fops = {
	.owner = THIS_MODULE,
	.write = clean_run_write,
};

static int __init clean_init(void)
{
	int err;

	clean_cache = kmem_cache_create("clean_item", sizeof(struct clean_item), 0, 0, NULL);
	if (!clean_cache)
		return -ENOMEM;
	err = clean_round();
	if (err) {
		kmem_cache_destroy(clean_cache);
		return err;
	}
	clean_dir = debugfs_create_dir("clean", NULL);
	debugfs_create_file("run", 0200, clean_dir, NULL, &clean_run_fops);
	return 0;
}

static void __exit clean_exit(void)
{
	debugfs_remove_recursive(clean_dir);
	rcu_barrier(); /* kfree_rcu callbacks done before the cache and module go */
	kmem_cache_destroy(clean_cache);
}

module_init(clean_init);
module_exit(clean_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("modleak example: correct allocation code, zero findings");
