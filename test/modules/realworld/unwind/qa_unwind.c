// SPDX-License-Identifier: GPL-2.0
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/debugfs.h>
#include <linux/kobject.h>
#include <linux/sysfs.h>

static int nbufs = 4;
module_param(nbufs, int, 0444);
static bool use_pages = true;
module_param(use_pages, bool, 0444);

struct qa_ctx {
	void **bufs;
	unsigned long *words;
	struct page *pages;
	unsigned long zpage;
	unsigned long gfp_pages;
	void *shared;
	const char *name;
	u8 *blob;
	char *attr_val;
	struct dentry *dbg;
	struct kobject *kobj;
};

static struct qa_ctx *ctx;
static const u8 qa_table[24] = { 1, 1, 2, 3, 5, 8, 13, 21 };

static ssize_t value_show(struct kobject *k, struct kobj_attribute *a, char *buf)
{
	return sysfs_emit(buf, "%s\n", ctx->attr_val ? ctx->attr_val : "");
}

static ssize_t value_store(struct kobject *k, struct kobj_attribute *a, const char *buf, size_t count)
{
	char *v = kstrndup(buf, count, GFP_KERNEL);

	if (!v)
		return -ENOMEM;
	kfree(ctx->attr_val);
	ctx->attr_val = v;
	return count;
}

static struct kobj_attribute qa_value_attr = __ATTR_RW(value);

static int qa_dbg_set(void *data, u64 val)
{
	u64 *copy = kmemdup(&val, sizeof(val), GFP_KERNEL);

	if (!copy)
		return -ENOMEM;
	kfree_sensitive(copy);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(qa_dbg_fops, NULL, qa_dbg_set, "%llu\n");

static int __init qa_unwind_init(void)
{
	int i, ret = -ENOMEM;

	if (!(ctx = kzalloc(sizeof(*ctx), GFP_KERNEL)))
		return -ENOMEM;
	ctx->bufs = kcalloc(nbufs, sizeof(*ctx->bufs), GFP_KERNEL);
	if (!ctx->bufs)
		goto err_ctx;
	for (i = 0; i < nbufs; i++) {
		ctx->bufs[i] = kmalloc(32 << i, GFP_KERNEL);
		if (!ctx->bufs[i])
			goto err_bufs;
	}
	ctx->words = kvmalloc_array(1000, sizeof(*ctx->words), GFP_KERNEL | __GFP_ZERO);
	if (!ctx->words)
		goto err_bufs;
	if (use_pages) {
		ctx->pages = alloc_pages(GFP_KERNEL, 1);
		if (!ctx->pages)
			goto err_words;
	}
	ctx->zpage = get_zeroed_page(GFP_KERNEL);
	if (!ctx->zpage)
		goto err_pages;
	ctx->gfp_pages = __get_free_pages(GFP_KERNEL, 2);
	if (!ctx->gfp_pages)
		goto err_zpage;
	ctx->shared = vmalloc_user(2 * PAGE_SIZE);
	if (!ctx->shared)
		goto err_gfp;
	ctx->name = kstrdup_const("qa_unwind", GFP_KERNEL);
	if (!ctx->name)
		goto err_shared;
	ctx->blob = kmemdup(qa_table, sizeof(qa_table), GFP_KERNEL);
	if (!ctx->blob)
		goto err_name;
	ctx->kobj = kobject_create_and_add("qa_unwind", kernel_kobj);
	if (!ctx->kobj)
		goto err_blob;
	ret = sysfs_create_file(ctx->kobj, &qa_value_attr.attr);
	if (ret)
		goto err_kobj;
	ctx->dbg = debugfs_create_file_unsafe("qa_unwind", 0200, NULL, NULL, &qa_dbg_fops);
	pr_info("ready: %d bufs\n", nbufs);
	return 0;

err_kobj:
	kobject_put(ctx->kobj);
err_blob:
	kfree(ctx->blob);
err_name:
	kfree_const(ctx->name);
err_shared:
	vfree(ctx->shared);
err_gfp:
	free_pages(ctx->gfp_pages, 2);
err_zpage:
	free_page(ctx->zpage);
err_pages:
	if (ctx->pages)
		__free_pages(ctx->pages, 1);
err_words:
	kvfree(ctx->words);
err_bufs:
	while (--i >= 0)
		kfree(ctx->bufs[i]);
	kfree(ctx->bufs);
err_ctx:
	kfree(ctx);
	return ret;
}

static void __exit qa_unwind_exit(void)
{
	int i;

	debugfs_remove(ctx->dbg);
	sysfs_remove_file(ctx->kobj, &qa_value_attr.attr);
	kobject_put(ctx->kobj);
	kfree(ctx->attr_val);
	kfree(ctx->blob);
	kfree_const(ctx->name);
	vfree(ctx->shared);
	free_pages(ctx->gfp_pages, 2);
	free_page(ctx->zpage);
	if (ctx->pages)
		__free_pages(ctx->pages, 1);
	kvfree(ctx->words);
	for (i = 0; i < nbufs; i++)
		kfree(ctx->bufs[i]);
	kfree(ctx->bufs);
	kfree(ctx);
}

module_init(qa_unwind_init);
module_exit(qa_unwind_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("QA: goto unwinding, params, sysfs/debugfs, page allocators");
