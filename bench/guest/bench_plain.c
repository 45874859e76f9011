// SPDX-License-Identifier: GPL-2.0
/* The two baselines, compiled with -DMODLEAK_DISABLE. */
#include <linux/slab.h>
#include <linux/ktime.h>
#include <linux/sched.h>
#include <linux/printk.h>
#include "bench.h"

u64 bench_plain_pairs(unsigned int pairs, size_t size)
{
	u64 start = ktime_get_ns();
	unsigned int i;

	for (i = 0; i < pairs; i++) {
		void *p = kmalloc(size, GFP_KERNEL);

		OPTIMIZER_HIDE_VAR(p);
		kfree(p);
		if ((i & 1023) == 1023)
			cond_resched();
	}
	return ktime_get_ns() - start;
}

/* The transport alone: one printk per event, the same line the header writes. */
u64 bench_printk_pairs(unsigned int pairs, size_t size)
{
	u64 start = ktime_get_ns();
	unsigned int i;

	for (i = 0; i < pairs; i++) {
		void *p = kmalloc(size, GFP_KERNEL);

		printk(KERN_DEBUG "modleak1 %s A %s %px %zu %s:%d %s\n",
		       KBUILD_MODNAME, "kmalloc", p, size, __FILE__, __LINE__, __func__);
		printk(KERN_DEBUG "modleak1 %s F %s %px %s:%d %s\n",
		       KBUILD_MODNAME, "kfree", p, __FILE__, __LINE__, __func__);
		kfree(p);
		if ((i & 1023) == 1023)
			cond_resched();
	}
	return ktime_get_ns() - start;
}
