// SPDX-License-Identifier: GPL-2.0
/*
 * Calls every API modleak.h wraps, with known sizes, one call per line.  Each
 * line that must produce records says which, in an "expect:" comment:
 *   expect: A <api> <size> | F <api> | R <api> <size>   (';' between events)
 * and "F <api> @cleanup" for a scope-exit free (logged at line 0), or
 * "F <api> @cleanup=<name>" for a __free(<name>) logged as <api>.
 * test/header-runtime.test.ts compares the run's records with these, and
 * test/header-build.test.ts checks each line expands to exactly that many
 * logging calls.  Writing to /sys/kernel/debug/modleak_allapi/user exercises
 * the *_user APIs with the written bytes.
 */
#include <linux/module.h>
#include <linux/version.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/string_helpers.h>
#include <linux/rcupdate.h>
#include <linux/platform_device.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/err.h>
#include <linux/bitmap.h>
#include <linux/device.h>
#include "allapi_helpers.h"

struct allapi_item {
	struct rcu_head rcu;
	char data[40];
};

static struct kmem_cache *allapi_cache;
static struct platform_device *allapi_pdev;
static struct dentry *allapi_dir;
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
static kmem_buckets *allapi_buckets;
#endif

/* kmalloc family from inside a static inline function of a header-like helper */
static inline void *allapi_inline_alloc(size_t n)
{
	return kzalloc(n, GFP_KERNEL); /* expect: A kzalloc 72 */
}

/* The va_list APIs, called from variadic functions as drivers call them. */
static __printf(2, 3)
const char *allapi_format_const(bool kernel_rodata, const char *fmt, ...)
{
	va_list ap;
	const char *s;

	va_start(ap, fmt);
	if (kernel_rodata)
		s = kvasprintf_const(GFP_KERNEL, fmt, ap); /* expect: skipped kvasprintf_const (kernel .rodata) */
	else
		s = kvasprintf_const(GFP_KERNEL, fmt, ap); /* expect: A kvasprintf_const 6 */
	va_end(ap);
	return s;
}

static __printf(2, 3)
char *allapi_devm_format(struct device *dev, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = devm_kvasprintf(dev, GFP_KERNEL, fmt, ap); /* expect: A devm_kvasprintf 6 */
	va_end(ap);
	return s;
}

static void allapi_slab(void)
{
	void *p;
	char *s;
	const char *cs;
	char **names;

	p = kmalloc(100, GFP_KERNEL); /* expect: A kmalloc 100 */
	kfree(p); /* expect: F kfree */
	if (!(p = kzalloc(sizeof(struct allapi_item), GFP_KERNEL))) /* expect: A kzalloc 56 */
		return;
	kfree_sensitive(p); /* expect: F kfree_sensitive */
	p = kcalloc(10, sizeof(u32), GFP_KERNEL); /* expect: A kcalloc 40 */
	kfree(p); /* expect: F kfree */
	p = kmalloc_array(3, 16, GFP_KERNEL); /* expect: A kmalloc_array 48 */
	kvfree(p); /* expect: F kvfree */
	p = kmalloc_node(24, GFP_KERNEL, NUMA_NO_NODE); /* expect: A kmalloc_node 24 */
	kfree(p); /* expect: F kfree */
	p = kzalloc_node(88, GFP_KERNEL, NUMA_NO_NODE); /* expect: A kzalloc_node 88 */
	kfree(p); /* expect: F kfree */
	p = kcalloc_node(4, 12, GFP_KERNEL, NUMA_NO_NODE); /* expect: A kcalloc_node 48 */
	kfree(p); /* expect: F kfree */
	p = kmemdup("abcdefgh", 8, GFP_KERNEL); /* expect: A kmemdup 8 */
	kfree(p); /* expect: F kfree */
	s = kstrdup("modleak", GFP_KERNEL); /* expect: A kstrdup 8 */
	kfree(s); /* expect: F kfree */
	s = kstrndup("modleak-all", 4, GFP_KERNEL); /* expect: A kstrndup 5 */
	kfree(s); /* expect: F kfree */
	cs = kstrdup_const("module rodata", GFP_KERNEL); /* expect: A kstrdup_const 14 */
	kfree_const(cs); /* expect: F kfree_const */
	cs = kstrdup_const(hex_asc, GFP_KERNEL); /* expect: skipped kstrdup_const (kernel .rodata) */
	kfree_const(cs); /* expect: skipped kfree_const */
	s = kmemdup_nul("xyz", 3, GFP_KERNEL); /* expect: A kmemdup_nul 4 */
	kfree(s); /* expect: F kfree */
	s = kasprintf(GFP_KERNEL, "id-%d", 42); /* expect: A kasprintf 6 */
	kfree(s); /* expect: F kfree */
	names = kasprintf_strarray(GFP_KERNEL, "ml", 1); /* expect: A kasprintf_strarray 16; A kasprintf_strarray 5 */
	kfree_strarray(names, 1); /* expect: F kfree_strarray; F kfree_strarray */
	names = kasprintf_strarray(GFP_KERNEL, "ml", 1); /* expect: A kasprintf_strarray 16; A kasprintf_strarray 5 */
	kfree(names[0]); /* expect: F kfree */
	kfree(names); /* expect: F kfree */
	s = kstrdup_quotable("plain", GFP_KERNEL); /* expect: A kstrdup_quotable 6 */
	kfree(s); /* expect: F kfree */
	s = kstrdup_quotable_file(NULL, GFP_KERNEL); /* expect: A kstrdup_quotable_file 10 */
	kfree(s); /* expect: F kfree */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 5, 0)
	s = kstrdup_and_replace("a/b", '/', '!', GFP_KERNEL); /* expect: A kstrdup_and_replace 4 */
	kfree(s); /* expect: F kfree */
#endif
	p = kmalloc_array_node(2, 32, GFP_KERNEL, NUMA_NO_NODE); /* expect: A kmalloc_array_node 64 */
	kfree(p); /* expect: F kfree */
	p = kmalloc_track_caller(28, GFP_KERNEL); /* expect: A kmalloc_track_caller 28 */
	kfree(p); /* expect: F kfree */
	p = kmalloc_node_track_caller(44, GFP_KERNEL, NUMA_NO_NODE); /* expect: A kmalloc_node_track_caller 44 */
	kfree(p); /* expect: F kfree */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
	p = kmem_buckets_alloc(allapi_buckets, 52, GFP_KERNEL); /* expect: A kmem_buckets_alloc 52 */
	kfree(p); /* expect: F kfree */
#endif
	cs = allapi_format_const(false, "id-%d", 42);
	kfree_const(cs); /* expect: F kfree_const */
	cs = allapi_format_const(true, "%s", hex_asc);
	kfree_const(cs); /* expect: skipped kfree_const */
	kfree(allapi_inline_alloc(72)); /* expect: F kfree */
	kfree(NULL); /* expect: F kfree */
	allapi_label_free(allapi_label_new("label", 42));
}

/* Bitmaps are kmalloc memory: bitmap_free() is kfree(). */
static void allapi_bitmaps(void)
{
	unsigned long *map;

	map = bitmap_alloc(100, GFP_KERNEL); /* expect: A bitmap_alloc 16 */
	bitmap_free(map); /* expect: F bitmap_free */
	map = bitmap_zalloc(65, GFP_KERNEL); /* expect: A bitmap_zalloc 16 */
	kfree(map); /* expect: F kfree */
	map = bitmap_alloc_node(200, GFP_KERNEL, NUMA_NO_NODE); /* expect: A bitmap_alloc_node 32 */
	bitmap_free(map); /* expect: F bitmap_free */
	map = bitmap_zalloc_node(1, GFP_KERNEL, NUMA_NO_NODE); /* expect: A bitmap_zalloc_node 8 */
	bitmap_free(map); /* expect: F bitmap_free */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0) /* DEFINE_FREE(bitmap, ...) */
	{
		unsigned long *scoped __free(bitmap) = bitmap_zalloc(64, GFP_KERNEL); /* expect: A bitmap_zalloc 8; F bitmap_free @cleanup=bitmap */

		if (scoped)
			set_bit(3, scoped);
	}
#endif
}

/* Arguments with side effects are evaluated once; wrappers work as expressions. */
static void allapi_hygiene(void)
{
	void *objs[2];
	unsigned int n = 0, i = 0;
	char *p;

	objs[0] = kmalloc(++n * 8, GFP_KERNEL | __GFP_NOWARN); /* expect: A kmalloc 8 */
	objs[1] = kzalloc(sizeof(*objs) * ++n, GFP_KERNEL); /* expect: A kzalloc 16 */
	kfree(objs[i++]); /* expect: F kfree */
	i < n ? kfree(objs[i++]) : (void)0; /* expect: F kfree */
	WARN_ON(n != 2 || i != 2);
	p = (n == 2) ? kstrdup("x", GFP_KERNEL) : NULL; /* expect: A kstrdup 2 */
	kfree(p), p = NULL; /* expect: F kfree */
}

static void allapi_realloc(void)
{
	void *p, *q;

	p = krealloc(NULL, 32, GFP_KERNEL); /* expect: R krealloc 32 */
	q = krealloc(p, 2048, GFP_KERNEL); /* expect: R krealloc 2048 */
	if (!q)
		q = p;
	p = krealloc_array(q, 8, 512, GFP_KERNEL); /* expect: R krealloc_array 4096 */
	if (!p)
		p = q;
	kfree(p); /* expect: F kfree */
	p = kvmalloc(64, GFP_KERNEL); /* expect: A kvmalloc 64 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
	q = kvrealloc(p, 256, GFP_KERNEL); /* expect: R kvrealloc 256 */
#else
	q = kvrealloc(p, 64, 256, GFP_KERNEL); /* expect: R kvrealloc 256 */
#endif
	kvfree(q ? q : p); /* expect: F kvfree */
}

static void allapi_kv_vmalloc(void)
{
	void *p;

	p = kvmalloc(1 << 20, GFP_KERNEL); /* expect: A kvmalloc 1048576 */
	kvfree(p); /* expect: F kvfree */
	p = kvzalloc(300, GFP_KERNEL); /* expect: A kvzalloc 300 */
	kvfree_sensitive(p, 300); /* expect: F kvfree_sensitive */
	p = kvcalloc(5, 100, GFP_KERNEL); /* expect: A kvcalloc 500 */
	kvfree(p); /* expect: F kvfree */
	p = kvmalloc_array(7, 9, GFP_KERNEL); /* expect: A kvmalloc_array 63 */
	kvfree(p); /* expect: F kvfree */
	p = kvmalloc_node(128, GFP_KERNEL, NUMA_NO_NODE); /* expect: A kvmalloc_node 128 */
	kvfree(p); /* expect: F kvfree */
	p = kvzalloc_node(136, GFP_KERNEL, NUMA_NO_NODE); /* expect: A kvzalloc_node 136 */
	kvfree(p); /* expect: F kvfree */
	p = vmalloc(3 * PAGE_SIZE); /* expect: A vmalloc 12288 */
	vfree(p); /* expect: F vfree */
	p = vzalloc(5000); /* expect: A vzalloc 5000 */
	vfree(p); /* expect: F vfree */
	p = vmalloc_user(PAGE_SIZE); /* expect: A vmalloc_user 4096 */
	vfree(p); /* expect: F vfree */
	p = vmalloc_node(6000, NUMA_NO_NODE); /* expect: A vmalloc_node 6000 */
	kvfree(p); /* expect: F kvfree */
	p = vzalloc_node(7000, NUMA_NO_NODE); /* expect: A vzalloc_node 7000 */
	vfree(p); /* expect: F vfree */
	p = __vmalloc(8000, GFP_KERNEL); /* expect: A __vmalloc 8000 */
	vfree(p); /* expect: F vfree */
	p = vmalloc_huge(9000, GFP_KERNEL); /* expect: A vmalloc_huge 9000 */
	kvfree(p); /* expect: F kvfree */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
	p = kvcalloc_node(3, 40, GFP_KERNEL, NUMA_NO_NODE); /* expect: A kvcalloc_node 120 */
	kvfree(p); /* expect: F kvfree */
#endif
}

static void allapi_cache_pages(void)
{
	struct allapi_item *it;
	struct page *pg;
	struct folio *folio;
	unsigned long addr;
	void *objs[1];
	void *exact;

	it = kmem_cache_alloc(allapi_cache, GFP_KERNEL); /* expect: A kmem_cache_alloc 56 */
	kmem_cache_free(allapi_cache, it); /* expect: F kmem_cache_free */
	it = kmem_cache_zalloc(allapi_cache, GFP_KERNEL); /* expect: A kmem_cache_zalloc 56 */
	kmem_cache_free(allapi_cache, it); /* expect: F kmem_cache_free */
	it = kmem_cache_alloc_node(allapi_cache, GFP_KERNEL, NUMA_NO_NODE); /* expect: A kmem_cache_alloc_node 56 */
	kmem_cache_free(allapi_cache, it); /* expect: F kmem_cache_free */
	pg = alloc_pages(GFP_KERNEL, 2); /* expect: A alloc_pages 16384 */
	__free_pages(pg, 2); /* expect: F __free_pages */
	pg = alloc_page(GFP_KERNEL); /* expect: A alloc_pages 4096 */
	__free_page(pg); /* expect: F __free_pages */
	pg = alloc_pages_node(NUMA_NO_NODE, GFP_KERNEL, 1); /* expect: A alloc_pages_node 8192 */
	__free_pages(pg, 1); /* expect: F __free_pages */
	addr = __get_free_pages(GFP_KERNEL, 1); /* expect: A __get_free_pages 8192 */
	free_pages(addr, 1); /* expect: F free_pages */
	addr = __get_free_page(GFP_KERNEL); /* expect: A __get_free_pages 4096 */
	free_page(addr); /* expect: F free_page */
	addr = get_zeroed_page(GFP_KERNEL); /* expect: A get_zeroed_page 4096 */
	free_page(addr); /* expect: F free_page */
	pg = alloc_page(GFP_KERNEL); /* expect: A alloc_pages 4096 */
	put_page(pg); /* expect: F put_page */
	folio = folio_alloc(GFP_KERNEL, 1); /* expect: A folio_alloc 8192 */
	folio_put(folio); /* expect: F folio_put */
	if (kmem_cache_alloc_bulk(allapi_cache, GFP_KERNEL, 1, objs)) /* expect: A kmem_cache_alloc_bulk 56 */
		kmem_cache_free_bulk(allapi_cache, 1, objs); /* expect: F kmem_cache_free_bulk */
	objs[0] = kmalloc(24, GFP_KERNEL); /* expect: A kmalloc 24 */
	kfree_bulk(1, objs); /* expect: F kfree_bulk */
	exact = alloc_pages_exact(3 * PAGE_SIZE + 100, GFP_KERNEL); /* expect: A alloc_pages_exact 12388 */
	free_pages_exact(exact, 3 * PAGE_SIZE + 100); /* expect: F free_pages_exact */
}

static void allapi_rcu_cleanup(void)
{
	struct allapi_item *it;

	it = kzalloc(sizeof(*it), GFP_KERNEL); /* expect: A kzalloc 56 */
	kfree_rcu(it, rcu); /* expect: F kfree_rcu */
	it = kmalloc(sizeof(*it), GFP_KERNEL); /* expect: A kmalloc 56 */
	kfree_rcu_mightsleep(it); /* expect: F kfree_rcu */
#ifdef kzalloc_obj /* newer kernels: type-based helpers built on kzalloc() */
	it = kzalloc_obj(*it); /* expect: A kzalloc 56 */
	kfree(it); /* expect: F kfree */
#endif
	it = kvzalloc(sizeof(*it), GFP_KERNEL); /* expect: A kvzalloc 56 */
	kvfree_rcu(it, rcu); /* expect: F kvfree_rcu */
	it = kvmalloc(sizeof(*it), GFP_KERNEL); /* expect: A kvmalloc 56 */
	kvfree_rcu_mightsleep(it); /* expect: F kvfree_rcu */
#ifdef __free
	{
		char *buf __free(kfree) = kmalloc(40, GFP_KERNEL); /* expect: A kmalloc 40; F kfree @cleanup */
		char *kept __free(kfree) = kmalloc(20, GFP_KERNEL); /* expect: A kmalloc 20 */
		char *mine = no_free_ptr(kept);

		if (buf)
			buf[0] = 1;
		kfree(mine); /* expect: F kfree */
	}
#endif
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 6, 0) /* DEFINE_FREE(kvfree, ...) */
	{
		void *big __free(kvfree) = kvmalloc(4000, GFP_KERNEL); /* expect: A kvmalloc 4000; F kvfree @cleanup */

		if (big)
			memset(big, 0, 4000);
	}
#endif
}

static void allapi_devm(struct device *dev)
{
	const char *cs;
	unsigned long addr;
	void *p;
	char *s;

	p = devm_kmalloc(dev, 33, GFP_KERNEL); /* expect: A devm_kmalloc 33 */
	devm_kfree(dev, p); /* expect: F devm_kfree */
	p = devm_kzalloc(dev, 34, GFP_KERNEL); /* expect: A devm_kzalloc 34 */
	devm_kfree(dev, p); /* expect: F devm_kfree */
	p = devm_kcalloc(dev, 5, 7, GFP_KERNEL); /* expect: A devm_kcalloc 35 */
	devm_kfree(dev, p); /* expect: F devm_kfree */
	p = devm_kmalloc_array(dev, 6, 6, GFP_KERNEL); /* expect: A devm_kmalloc_array 36 */
	devm_kfree(dev, p); /* expect: F devm_kfree */
	s = devm_kstrdup(dev, "devm-string", GFP_KERNEL); /* expect: A devm_kstrdup 12 */
	devm_kfree(dev, s); /* expect: F devm_kfree */
	p = devm_kmemdup(dev, "0123456789abcdef", 16, GFP_KERNEL); /* expect: A devm_kmemdup 16 */
	devm_kfree(dev, p); /* expect: F devm_kfree */
	s = devm_kasprintf(dev, GFP_KERNEL, "dev%u", 7u); /* expect: A devm_kasprintf 5 */
	devm_kfree(dev, s); /* expect: F devm_kfree */
	cs = devm_kstrdup_const(dev, "devm-const", GFP_KERNEL); /* expect: A devm_kstrdup_const 11 */
	devm_kfree(dev, cs); /* expect: F devm_kfree */
	cs = devm_kstrdup_const(dev, hex_asc, GFP_KERNEL); /* expect: skipped devm_kstrdup_const (kernel .rodata) */
	devm_kfree(dev, cs); /* expect: skipped devm_kfree */
	p = devm_kmalloc(dev, 24, GFP_KERNEL); /* expect: A devm_kmalloc 24 */
	p = devm_krealloc(dev, p, 4096, GFP_KERNEL); /* expect: R devm_krealloc 4096 */
	devm_kfree(dev, p); /* expect: F devm_kfree */
	s = allapi_devm_format(dev, "dev%u", 42u);
	devm_kfree(dev, s); /* expect: F devm_kfree */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0) /* Debian's 6.12 has both */
	p = devm_kmemdup_array(dev, "abcdefgh", 4, 2, GFP_KERNEL); /* expect: A devm_kmemdup_array 8 */
	p = devm_krealloc_array(dev, p, 16, 8, GFP_KERNEL); /* expect: R devm_krealloc_array 128 */
	devm_kfree(dev, p); /* expect: F devm_kfree */
#endif
	addr = devm_get_free_pages(dev, GFP_KERNEL, 1); /* expect: A devm_get_free_pages 8192 */
	devm_free_pages(dev, addr); /* expect: F devm_free_pages */
}

static ssize_t allapi_user_write(struct file *file, const char __user *ubuf,
				 size_t len, loff_t *ppos)
{
	void *p;

	if (len != 6)
		return -EINVAL;
	p = memdup_user(ubuf, len); /* expect: A memdup_user 6 */
	if (!IS_ERR(p))
		kfree(p); /* expect: F kfree */
	p = memdup_user_nul(ubuf, len); /* expect: A memdup_user_nul 7 */
	if (!IS_ERR(p))
		kfree(p); /* expect: F kfree */
	p = vmemdup_user(ubuf, len); /* expect: A vmemdup_user 6 */
	if (!IS_ERR(p))
		kvfree(p); /* expect: F kvfree */
	return len;
}

static const struct file_operations allapi_user_fops = {
	.owner = THIS_MODULE,
	.write = allapi_user_write,
};

static int __init allapi_init(void)
{
	allapi_cache = kmem_cache_create("modleak_allapi", sizeof(struct allapi_item), 0, 0, NULL);
	if (!allapi_cache)
		return -ENOMEM;
	allapi_pdev = platform_device_register_simple("modleak_allapi", -1, NULL, 0);
	if (IS_ERR(allapi_pdev)) {
		kmem_cache_destroy(allapi_cache);
		return PTR_ERR(allapi_pdev);
	}
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
	/* Never destroyed (there is no API for it); a NULL set allocates from the kmalloc caches. */
	allapi_buckets = kmem_buckets_create("modleak_allapi_b", 0, 0, 0, NULL);
#endif
	allapi_slab();
	allapi_bitmaps();
	allapi_hygiene();
	allapi_realloc();
	allapi_kv_vmalloc();
	allapi_cache_pages();
	allapi_rcu_cleanup();
	allapi_devm(&allapi_pdev->dev);
	allapi_dir = debugfs_create_dir("modleak_allapi", NULL);
	debugfs_create_file("user", 0200, allapi_dir, NULL, &allapi_user_fops);
	return 0;
}

static void __exit allapi_exit(void)
{
	debugfs_remove_recursive(allapi_dir);
	platform_device_unregister(allapi_pdev);
	rcu_barrier();
	kmem_cache_destroy(allapi_cache);
}

module_init(allapi_init);
module_exit(allapi_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("modleak test: every wrapped API once, with known sizes");
