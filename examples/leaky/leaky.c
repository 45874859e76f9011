// SPDX-License-Identifier: GPL-2.0
/*
 * leaky: known leaks and one bad free of each kind, at known lines (the
 * expected findings are listed in README.md, the same on every kernel).  The
 * double free comes last, in module exit: SLUB's freelist hardening catches
 * it with a kernel BUG.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/string.h>
#include <linux/debugfs.h>
#include <linux/fs.h>

struct leaky_conf {
	char *name;
	int level;
};

static struct dentry *leaky_dir;
static char *leaky_twice;

static struct leaky_conf *leaky_conf_new(const char *name)
{
	struct leaky_conf *conf = kzalloc(sizeof(*conf), GFP_KERNEL);

	if (!conf)
		return NULL;
	conf->name = kstrdup(name, GFP_KERNEL);
	return conf;
}

/* Frees the struct but forgets conf->name: one kstrdup leak per call. */
static void leaky_conf_free(struct leaky_conf *conf)
{
	kfree(conf);
}

/* Each write to /sys/kernel/debug/leaky/poke leaks one 32-byte buffer. */
static ssize_t leaky_poke_write(struct file *file, const char __user *ubuf,
				size_t len, loff_t *ppos)
{
	char *scratch = kmalloc(32, GFP_KERNEL);

	if (!scratch)
		return -ENOMEM;
	scratch[0] = 0;
	return len;
}

static const struct file_operations leaky_poke_fops = {
	.owner = THIS_MODULE,
	.write = leaky_poke_write,
};

static int __init leaky_init(void)
{
	static const char *const names[] = { "alpha", "beta", "gamma" };
	char *big, *table;
	void *obj;
	int i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		leaky_conf_free(leaky_conf_new(names[i]));

	table = vmalloc(8192);
	if (!table)
		return -ENOMEM;
	table[0] = 1;

	/* Invalid free: an interior pointer.  A large kmalloc comes from the page
	 * allocator, whose kfree() frees the whole block, so the kernel survives. */
	big = kmalloc(16384, GFP_KERNEL);
	if (big)
		kfree(big + 64);

	/* Mismatched free: kvmalloc() memory released with kfree().  A small
	 * kvmalloc() is served by kmalloc, so kfree() works today, silently; the
	 * day the size grows and kvmalloc() falls back to vmalloc (over a page,
	 * when memory is fragmented; always past KMALLOC_MAX_SIZE), this kfree()
	 * crashes the kernel.  kvfree() is right for both. */
	obj = kvmalloc(96, GFP_KERNEL);
	kfree(obj);

	leaky_twice = kmalloc(24, GFP_KERNEL);
	leaky_dir = debugfs_create_dir("leaky", NULL);
	debugfs_create_file("poke", 0200, leaky_dir, NULL, &leaky_poke_fops);
	return 0;
}

static void __exit leaky_exit(void)
{
	debugfs_remove_recursive(leaky_dir);
	/* Double free, the last thing the module does.  Both frees on one CPU,
	 * so the second finds the object at the head of the freelist: kernel
	 * BUG. */
	preempt_disable();
	kfree(leaky_twice);
	kfree(leaky_twice);
	preempt_enable();
}

module_init(leaky_init);
module_exit(leaky_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("modleak example: known leaks and bad frees");
