// SPDX-License-Identifier: GPL-2.0
#include <linux/slab.h>
#include <linux/string.h>
#include "qa_multi.h"

void *qa_util_blob(size_t len, u8 fill)
{
	u8 *b = QA_ALLOC_BUF(len);

	if (b)
		memset(b, fill, len);
	return b;
}

void qa_util_blob_free(void *blob)
{
	kfree(blob);
}
