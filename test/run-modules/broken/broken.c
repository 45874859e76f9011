// Does not compile: the missing semicolon must come back as broken.c:11 (gcc points
// at the token after it) with gcc's message.
#include <linux/module.h>
#include <linux/slab.h>

static int __init broken_init(void)
{
	void *p = kmalloc(16, GFP_KERNEL);

	kfree(p) /* missing semicolon */
	return undeclared_variable;
}

module_init(broken_init);
MODULE_LICENSE("GPL");
