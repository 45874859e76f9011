// Allocates at load, frees at unload, and leaks one 48-byte object per write to
// /sys/kernel/debug/quiet/leak: small, for the timeout and test-script cases.
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/slab.h>

static void *held;
static struct dentry *dir;

static ssize_t quiet_leak_write(struct file *f, const char __user *buf, size_t len, loff_t *off)
{
	void *lost = kmalloc(48, GFP_KERNEL);

	(void)lost;
	return len;
}

static const struct file_operations quiet_fops = {
	.owner = THIS_MODULE,
	.write = quiet_leak_write,
};

static int __init quiet_init(void)
{
	held = kzalloc(100, GFP_KERNEL);
	if (!held)
		return -ENOMEM;
	dir = debugfs_create_dir("quiet", NULL);
	debugfs_create_file("leak", 0200, dir, NULL, &quiet_fops);
	return 0;
}

static void __exit quiet_exit(void)
{
	debugfs_remove_recursive(dir);
	kfree(held);
}

module_init(quiet_init);
module_exit(quiet_exit);
MODULE_LICENSE("GPL");
