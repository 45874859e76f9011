// A write to /sys/kernel/debug/stuck/block waits uninterruptibly for an event that never
// comes: a test script stuck in the kernel, which SIGKILL cannot stop.
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/wait.h>

static DECLARE_WAIT_QUEUE_HEAD(never);
static struct dentry *dir;
static void *held;

static ssize_t stuck_block_write(struct file *f, const char __user *buf, size_t len, loff_t *off)
{
	wait_event(never, false);
	return len;
}

static const struct file_operations stuck_fops = {
	.owner = THIS_MODULE,
	.write = stuck_block_write,
};

static int __init stuck_init(void)
{
	held = kmalloc(32, GFP_KERNEL);
	dir = debugfs_create_dir("stuck", NULL);
	debugfs_create_file("block", 0200, dir, NULL, &stuck_fops);
	return 0;
}

static void __exit stuck_exit(void)
{
	debugfs_remove_recursive(dir);
	kfree(held);
}

module_init(stuck_init);
module_exit(stuck_exit);
MODULE_LICENSE("GPL");
