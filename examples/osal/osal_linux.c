// SPDX-License-Identifier: GPL-2.0
/* The OSAL on Linux.  Built with -DMODLEAK_DISABLE (see Kbuild). */
#include <linux/slab.h>
#include <linux/atomic.h>
#include "osal.h"

struct osal_pool {
	struct kmem_cache *cache;
	atomic_t free_slots;
};

void *osal_mem_alloc(size_t size)
{
	return kmalloc(size, GFP_KERNEL);
}

void osal_mem_free(void *ptr)
{
	kfree(ptr);
}

struct osal_pool *osal_pool_create(const char *name, size_t obj_size, unsigned int max_objs)
{
	struct osal_pool *pool = kzalloc(sizeof(*pool), GFP_KERNEL);

	if (!pool)
		return NULL;
	pool->cache = kmem_cache_create(name, obj_size, 0, 0, NULL);
	if (!pool->cache) {
		kfree(pool);
		return NULL;
	}
	atomic_set(&pool->free_slots, max_objs);
	return pool;
}

void osal_pool_destroy(struct osal_pool *pool)
{
	kmem_cache_destroy(pool->cache);
	kfree(pool);
}

int osal_pool_get(struct osal_pool *pool, void **out)
{
	void *obj;

	if (atomic_dec_if_positive(&pool->free_slots) < 0)
		return -ENOMEM;
	obj = kmem_cache_zalloc(pool->cache, GFP_KERNEL);
	if (!obj) {
		atomic_inc(&pool->free_slots);
		return -ENOMEM;
	}
	*out = obj;
	return 0;
}

void osal_pool_put(struct osal_pool *pool, void *obj)
{
	kmem_cache_free(pool->cache, obj);
	atomic_inc(&pool->free_slots);
}
