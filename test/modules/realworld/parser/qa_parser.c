// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/parser.h>
#include <linux/slab.h>
#include <linux/string.h>

enum { Opt_name, Opt_err };
static const match_table_t qa_tokens = {
	{ Opt_name, "name=%s" },
	{ Opt_err, NULL },
};

static int __init qa_parser_init(void)
{
	char opts[] = "name=hello";
	substring_t args[MAX_OPT_ARGS];
	char *name = NULL;

	if (match_token(opts, qa_tokens, args) == Opt_name)
		name = match_strdup(&args[0]);
	pr_info("name %s\n", name ? name : "?");
	kfree(name);
	return 0;
}

static void __exit qa_parser_exit(void)
{
}

module_init(qa_parser_init);
module_exit(qa_parser_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("QA: mount-option style parsing with match_strdup");
