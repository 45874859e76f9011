// SPDX-License-Identifier: GPL-2.0
/*
 * modleak_bench: the header's cost per event, measured in one boot.  Rounds of
 * N kmalloc/kfree pairs, interleaved (order alternating by round): uninstrumented, with a bare printk per
 * event (bench_plain.c), and through the header (this file, instrumented).
 * One line per round: "modleak-bench: round R pairs N plain NS printk NS header NS".
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/ktime.h>
#include <linux/sched.h>
#include <linux/delay.h>
#include "bench.h"

static unsigned int pairs = 20000;
module_param(pairs, uint, 0444);
MODULE_PARM_DESC(pairs, "kmalloc/kfree pairs per mode and round");
static unsigned int rounds = 5;
module_param(rounds, uint, 0444);
MODULE_PARM_DESC(rounds, "rounds of the three modes");

#define BENCH_SIZE 64
/*
 * The guest's record streamer forwards a mode's records after the fact; a gap long
 * enough for it to drain keeps one mode from paying for the previous one's records.
 */
#define MODE_GAP_MS 2000

static u64 bench_header_pairs(unsigned int n, size_t size)
{
	u64 start = ktime_get_ns();
	unsigned int i;

	for (i = 0; i < n; i++) {
		void *p = kmalloc(size, GFP_KERNEL);

		kfree(p);
		if ((i & 1023) == 1023)
			cond_resched();
	}
	return ktime_get_ns() - start;
}

static int __init bench_init(void)
{
	unsigned int r;

	for (r = 0; r < rounds; r++) {
		u64 plain, bare, header;

		/* Alternate which printk mode goes first, and let the host-side
		 * reader drain the records of one mode before the next starts. */
		plain = bench_plain_pairs(pairs, BENCH_SIZE);
		msleep(MODE_GAP_MS);
		if (r & 1) {
			header = bench_header_pairs(pairs, BENCH_SIZE);
			msleep(MODE_GAP_MS);
			bare = bench_printk_pairs(pairs, BENCH_SIZE);
		} else {
			bare = bench_printk_pairs(pairs, BENCH_SIZE);
			msleep(MODE_GAP_MS);
			header = bench_header_pairs(pairs, BENCH_SIZE);
		}
		msleep(MODE_GAP_MS);

		pr_warn("modleak-bench: round %u pairs %u plain %llu printk %llu header %llu\n",
			r, pairs, plain, bare, header);
	}
	return 0;
}

static void __exit bench_exit(void)
{
}

module_init(bench_init);
module_exit(bench_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("modleak benchmark: header cost per event against a bare printk");
