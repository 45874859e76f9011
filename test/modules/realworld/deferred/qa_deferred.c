// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <linux/timer.h>
#include <linux/rcupdate.h>
#include <linux/completion.h>
#include <linux/version.h>
#include <linux/mm.h>

struct qa_work {
	struct work_struct work;
	int value;
	char *note;
};

struct qa_node {
	struct rcu_head rcu;
	int value;
	struct qa_node __rcu *next;
};

struct qa_timer {
	struct timer_list timer;
	void *data;
	struct completion done;
};

static struct workqueue_struct *qa_wq;
static struct qa_node __rcu *qa_head;

static void qa_work_fn(struct work_struct *w)
{
	struct qa_work *qw = container_of(w, struct qa_work, work);

	pr_debug("work %d %s\n", qw->value, qw->note);
	kfree(qw->note);
	kfree(qw);
}

static void qa_node_rcu_free(struct rcu_head *head)
{
	struct qa_node *n = container_of(head, struct qa_node, rcu);

	kfree(n);
}

static void qa_timer_fn(struct timer_list *t)
{
	struct qa_timer *qt = from_timer(qt, t, timer);

	vfree(qt->data);
	qt->data = NULL;
	complete(&qt->done);
}

static int qa_queue_work(int i)
{
	struct qa_work *qw;

	if (!(qw = kzalloc(sizeof(*qw), GFP_KERNEL)))
		return -ENOMEM;
	qw->value = i;
	qw->note = kstrndup("queued work item note", 8 + i, GFP_KERNEL);
	INIT_WORK(&qw->work, qa_work_fn);
	queue_work(qa_wq, &qw->work);
	return 0;
}

static int qa_rcu_list(void)
{
	struct qa_node *n, *old;
	int i;

	for (i = 0; i < 4; i++) {
		n = kmalloc(sizeof(*n), GFP_KERNEL);
		if (!n)
			return -ENOMEM;
		n->value = i;
		RCU_INIT_POINTER(n->next, rcu_dereference_protected(qa_head, 1));
		rcu_assign_pointer(qa_head, n);
	}
	/* pop two: one by kfree_rcu, one by call_rcu */
	old = rcu_dereference_protected(qa_head, 1);
	rcu_assign_pointer(qa_head, rcu_dereference_protected(old->next, 1));
	kfree_rcu(old, rcu);
	old = rcu_dereference_protected(qa_head, 1);
	rcu_assign_pointer(qa_head, rcu_dereference_protected(old->next, 1));
	call_rcu(&old->rcu, qa_node_rcu_free);
	return 0;
}

static void qa_rcu_drain(void)
{
	struct qa_node *n = rcu_dereference_protected(qa_head, 1), *next;

	RCU_INIT_POINTER(qa_head, NULL);
	while (n) {
		next = rcu_dereference_protected(n->next, 1);
		kfree_rcu(n, rcu);
		n = next;
	}
}

static int qa_timer_once(void)
{
	struct qa_timer *qt = kzalloc(sizeof(*qt), GFP_KERNEL);

	if (!qt)
		return -ENOMEM;
	qt->data = vzalloc(3 * PAGE_SIZE);
	init_completion(&qt->done);
	timer_setup(&qt->timer, qa_timer_fn, 0);
	mod_timer(&qt->timer, jiffies + msecs_to_jiffies(20));
	wait_for_completion(&qt->done);
	del_timer_sync(&qt->timer);
	kfree(qt);
	return 0;
}

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 6, 0)
static int *qa_scoped(int n)
{
	int *tmp __free(kfree) = kmalloc_array(n, sizeof(int), GFP_KERNEL);
	int *keep __free(kfree) = kcalloc(n, sizeof(int), GFP_KERNEL);
	int i;

	if (!tmp || !keep)
		return NULL;
	for (i = 0; i < n; i++)
		tmp[i] = keep[i] = i;
	return no_free_ptr(keep);
}
#else
static int *qa_scoped(int n)
{
	int *tmp = kmalloc_array(n, sizeof(int), GFP_KERNEL);
	int *keep = kcalloc(n, sizeof(int), GFP_KERNEL);

	kfree(tmp);
	return keep;
}
#endif

static int __init qa_deferred_init(void)
{
	int i, ret;
	int *kept;
	unsigned long *bitmap;

	qa_wq = alloc_workqueue("qa_deferred", WQ_UNBOUND, 0);
	if (!qa_wq)
		return -ENOMEM;
	for (i = 0; i < 6; i++) {
		ret = qa_queue_work(i);
		if (ret)
			goto out_wq;
	}
	flush_workqueue(qa_wq);
	ret = qa_rcu_list();
	if (ret)
		goto out_rcu;
	ret = qa_timer_once();
	if (ret)
		goto out_rcu;
	kept = qa_scoped(10);
	kfree(kept);
	bitmap = kvmalloc_array(BITS_TO_LONGS(4096), sizeof(unsigned long), GFP_KERNEL);
	kvfree(bitmap);
	return 0;
out_rcu:
	qa_rcu_drain();
out_wq:
	destroy_workqueue(qa_wq);
	return ret;
}

static void __exit qa_deferred_exit(void)
{
	qa_rcu_drain();
	rcu_barrier();
	destroy_workqueue(qa_wq);
}

module_init(qa_deferred_init);
module_exit(qa_deferred_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("QA: workqueue, timer, RCU and scope-based frees");
