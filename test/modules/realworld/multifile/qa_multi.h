/* SPDX-License-Identifier: GPL-2.0 */
#ifndef QA_MULTI_H
#define QA_MULTI_H

#include <linux/slab.h>
#include <linux/list.h>
#include <linux/rbtree.h>
#include <linux/string.h>

struct qa_item {
	struct rb_node node;
	struct list_head lru;
	u32 key;
	char *name;
	void *payload;
	size_t payload_len;
};

/* A module-private allocation macro, the style many drivers have. */
#define QA_ALLOC_BUF(len) kmalloc((len), GFP_KERNEL | __GFP_NOWARN)

static inline char *qa_name_dup(const char *prefix, u32 key)
{
	char *s = kasprintf(GFP_KERNEL, "%s-%u", prefix, key);

	return s;
}

static inline void qa_name_free(char *s)
{
	kfree(s);
}

int qa_store_init(void);
void qa_store_exit(void);
int qa_store_add(u32 key, const void *data, size_t len);
bool qa_store_del(u32 key);
void qa_store_clear(void);
void *qa_util_blob(size_t len, u8 fill);
void qa_util_blob_free(void *blob);

#endif
