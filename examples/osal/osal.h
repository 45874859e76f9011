/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small operating-system abstraction layer, the kind portable drivers are
 * written against: the driver calls only these, osal_linux.c implements them.
 */
#ifndef OSAL_H
#define OSAL_H

#include <linux/types.h>

struct osal_pool;

void *osal_mem_alloc(size_t size);
void osal_mem_free(void *ptr);

struct osal_pool *osal_pool_create(const char *name, size_t obj_size, unsigned int max_objs);
void osal_pool_destroy(struct osal_pool *pool);
/* 0 and *out set on success, -ENOMEM when the pool is exhausted. */
int osal_pool_get(struct osal_pool *pool, void **out);
void osal_pool_put(struct osal_pool *pool, void *obj);

/* modleak: one line per OSAL function, and which free releases which alloc. */
#ifdef MODLEAK_ENABLED
#define osal_mem_alloc(...) MODLEAK_WRAP_ALLOC(osal_mem_alloc, 1, __VA_ARGS__)
#define osal_mem_free(...) MODLEAK_WRAP_FREE(osal_mem_free, 1, __VA_ARGS__)
#define osal_pool_get(...) MODLEAK_WRAP_ALLOC_OUT(osal_pool_get, 2, 0, __VA_ARGS__)
#define osal_pool_put(...) MODLEAK_WRAP_FREE(osal_pool_put, 2, __VA_ARGS__)
MODLEAK_DECLARE_PAIR(osal_mem_alloc, osal_mem_free);
MODLEAK_DECLARE_PAIR(osal_pool_get, osal_pool_put);
#endif

#endif /* OSAL_H */
