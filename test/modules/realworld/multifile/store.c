// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/rbtree.h>
#include "qa_multi.h"

static struct kmem_cache *qa_item_cache;
static struct rb_root qa_root = RB_ROOT;
static LIST_HEAD(qa_lru);

int qa_store_init(void)
{
	qa_item_cache = KMEM_CACHE(qa_item, 0);
	return qa_item_cache ? 0 : -ENOMEM;
}

void qa_store_exit(void)
{
	qa_store_clear();
	kmem_cache_destroy(qa_item_cache);
}

static struct qa_item *qa_find(u32 key)
{
	struct rb_node *n = qa_root.rb_node;

	while (n) {
		struct qa_item *it = rb_entry(n, struct qa_item, node);

		if (key < it->key)
			n = n->rb_left;
		else if (key > it->key)
			n = n->rb_right;
		else
			return it;
	}
	return NULL;
}

static void qa_item_free(struct qa_item *it)
{
	qa_name_free(it->name);
	kvfree(it->payload);
	kmem_cache_free(qa_item_cache, it);
}

int qa_store_add(u32 key, const void *data, size_t len)
{
	struct rb_node **link = &qa_root.rb_node, *parent = NULL;
	struct qa_item *it;

	it = kmem_cache_zalloc(qa_item_cache, GFP_KERNEL);
	if (!it)
		return -ENOMEM;
	it->key = key;
	it->name = qa_name_dup("item", key);
	it->payload = kvmalloc(len, GFP_KERNEL);
	if (!it->name || !it->payload)
		goto fail;
	memcpy(it->payload, data, len);
	it->payload_len = len;

	while (*link) {
		struct qa_item *cur = rb_entry(*link, struct qa_item, node);

		parent = *link;
		if (key < cur->key) {
			link = &(*link)->rb_left;
		} else if (key > cur->key) {
			link = &(*link)->rb_right;
		} else {
			/* replace: the old one goes */
			rb_replace_node(&cur->node, &it->node, &qa_root);
			list_del(&cur->lru);
			list_add(&it->lru, &qa_lru);
			qa_item_free(cur);
			return 0;
		}
	}
	rb_link_node(&it->node, parent, link);
	rb_insert_color(&it->node, &qa_root);
	list_add(&it->lru, &qa_lru);
	return 0;
fail:
	qa_item_free(it);
	return -ENOMEM;
}

bool qa_store_del(u32 key)
{
	struct qa_item *it = qa_find(key);

	if (!it)
		return false;
	rb_erase(&it->node, &qa_root);
	list_del(&it->lru);
	qa_item_free(it);
	return true;
}

void qa_store_clear(void)
{
	struct qa_item *it, *tmp;

	list_for_each_entry_safe(it, tmp, &qa_lru, lru) {
		rb_erase(&it->node, &qa_root);
		list_del(&it->lru);
		qa_item_free(it);
	}
}
