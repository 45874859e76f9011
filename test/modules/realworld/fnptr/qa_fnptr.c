// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/kobject.h>

/* kfree used as a value (callback), as real drivers do for release hooks */
struct qa_obj {
	int v;
	void (*release)(const void *p);
};

static struct kobject *qa_kobj;

static int __init qa_fnptr_init(void)
{
	struct qa_obj *o = kzalloc(sizeof(*o), GFP_KERNEL);
	char *path;

	if (!o)
		return -ENOMEM;
	o->release = kfree;
	o->release(o);

	/* allocated by the kernel on the module's behalf, freed by the module */
	qa_kobj = kobject_create_and_add("qa_fnptr", kernel_kobj);
	if (!qa_kobj)
		return -ENOMEM;
	path = kobject_get_path(qa_kobj, GFP_KERNEL);
	pr_info("qa_fnptr at %s\n", path ? path : "?");
	kfree(path);
	return 0;
}

static void __exit qa_fnptr_exit(void)
{
	kobject_put(qa_kobj);
}

module_init(qa_fnptr_init);
module_exit(qa_fnptr_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("QA: kfree as a function pointer, kernel-allocated memory freed by the module");
