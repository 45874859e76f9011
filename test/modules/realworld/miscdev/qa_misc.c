// SPDX-License-Identifier: GPL-2.0
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/mutex.h>

struct qa_file {
	char *buf;
	size_t len;
	size_t cap;
	char *tag;
};

static int qa_open(struct inode *inode, struct file *file)
{
	struct qa_file *st;

	st = kzalloc(sizeof(*st), GFP_KERNEL);
	if (!st)
		return -ENOMEM;
	st->tag = kasprintf(GFP_KERNEL, "file-%lu", inode->i_ino);
	if (!st->tag) {
		kfree(st);
		return -ENOMEM;
	}
	file->private_data = st;
	return 0;
}

static ssize_t qa_write(struct file *file, const char __user *ubuf, size_t count, loff_t *ppos)
{
	struct qa_file *st = file->private_data;
	char *chunk, *grown;

	if (count > 4096)
		count = 4096;
	chunk = memdup_user(ubuf, count);
	if (IS_ERR(chunk))
		return PTR_ERR(chunk);
	if (st->len + count > st->cap) {
		size_t cap = max_t(size_t, st->cap * 2, st->len + count);

		grown = krealloc(st->buf, cap, GFP_KERNEL);
		if (!grown) {
			kfree(chunk);
			return -ENOMEM;
		}
		st->buf = grown;
		st->cap = cap;
	}
	memcpy(st->buf + st->len, chunk, count);
	st->len += count;
	kfree(chunk);
	return count;
}

static ssize_t qa_read(struct file *file, char __user *ubuf, size_t count, loff_t *ppos)
{
	struct qa_file *st = file->private_data;

	return simple_read_from_buffer(ubuf, count, ppos, st->buf, st->len);
}

static int qa_release(struct inode *inode, struct file *file)
{
	struct qa_file *st = file->private_data;

	pr_debug("release %s\n", st->tag);
	kfree(st->buf);
	kfree(st->tag);
	kfree(st);
	return 0;
}

static const struct file_operations qa_fops = {
	.owner = THIS_MODULE,
	.open = qa_open,
	.read = qa_read,
	.write = qa_write,
	.release = qa_release,
	.llseek = default_llseek,
};

static struct miscdevice qa_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "qa_misc",
	.fops = &qa_fops,
};

static int __init qa_init(void)
{
	pr_info("loading\n");
	return misc_register(&qa_dev);
}

static void __exit qa_exit(void)
{
	misc_deregister(&qa_dev);
}

module_init(qa_init);
module_exit(qa_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("QA: misc char device with per-file state");
