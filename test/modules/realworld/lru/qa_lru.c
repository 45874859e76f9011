// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/slab.h>

struct qa_inode_info {
	unsigned long flags;
	struct inode vfs_inode;
};

static struct kmem_cache *qa_inode_cachep;
static struct super_block qa_fake_sb;	/* only its s_inode_lru is used */

static int __init qa_lru_init(void)
{
	struct qa_inode_info *a, *b;

	qa_inode_cachep = kmem_cache_create("qa_inode_cache", sizeof(struct qa_inode_info), 0,
					    SLAB_RECLAIM_ACCOUNT, NULL);
	if (!qa_inode_cachep)
		return -ENOMEM;
	a = alloc_inode_sb(&qa_fake_sb, qa_inode_cachep, GFP_KERNEL);
	b = kmem_cache_alloc_lru(qa_inode_cachep, NULL, GFP_KERNEL);
	kmem_cache_free(qa_inode_cachep, a);
	kmem_cache_free(qa_inode_cachep, b);
	return 0;
}

static void __exit qa_lru_exit(void)
{
	kmem_cache_destroy(qa_inode_cachep);
}

module_init(qa_lru_init);
module_exit(qa_lru_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("QA: filesystem-style inode allocation (alloc_inode_sb, kmem_cache_alloc_lru)");
