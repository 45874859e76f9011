// SPDX-License-Identifier: GPL-2.0
/*
 * osal_demo: a driver written only against the OSAL (osal.h).  One leak: the
 * session buffer from demo_session_open() is never freed (see README.md).
 */
#include <linux/module.h>
#include <linux/string.h>
#include "osal.h"

struct demo_request {
	u32 id;
	u8 payload[60];
};

struct demo_session {
	char *buffer;
	size_t len;
};

static struct osal_pool *demo_pool;
static struct demo_session *demo_session;

static struct demo_session *demo_session_open(size_t len)
{
	struct demo_session *s = osal_mem_alloc(sizeof(*s));

	if (!s)
		return NULL;
	s->buffer = osal_mem_alloc(len);
	if (!s->buffer) {
		osal_mem_free(s);
		return NULL;
	}
	s->len = len;
	memset(s->buffer, 0, len);
	return s;
}

/* The bug: forgets s->buffer. */
static void demo_session_close(struct demo_session *s)
{
	osal_mem_free(s);
}

static int demo_process(u32 id)
{
	struct demo_request *req;
	int err = osal_pool_get(demo_pool, (void **)&req);

	if (err)
		return err;
	req->id = id;
	osal_pool_put(demo_pool, req);
	return 0;
}

static int __init demo_init(void)
{
	int i, err = 0;

	demo_pool = osal_pool_create("osal_demo_req", sizeof(struct demo_request), 4);
	if (!demo_pool)
		return -ENOMEM;
	for (i = 0; i < 8 && !err; i++)
		err = demo_process(i);
	demo_session = demo_session_open(256);
	if (err || !demo_session) {
		if (demo_session)
			demo_session_close(demo_session);
		osal_pool_destroy(demo_pool);
		return err ?: -ENOMEM;
	}
	return 0;
}

static void __exit demo_exit(void)
{
	demo_session_close(demo_session);
	osal_pool_destroy(demo_pool);
}

module_init(demo_init);
module_exit(demo_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("modleak example: a driver on an OSAL, one leak");
