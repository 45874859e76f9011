/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MODLEAK_BENCH_H
#define MODLEAK_BENCH_H
#include <linux/types.h>

/* Each runs `pairs` kmalloc(size)/kfree pairs and returns the elapsed ns. */
u64 bench_plain_pairs(unsigned int pairs, size_t size);
u64 bench_printk_pairs(unsigned int pairs, size_t size);
#endif
