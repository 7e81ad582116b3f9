// SPDX-License-Identifier: GPL-2.0-only
/*
 * Load on virtio-crypto0 while the device is hot-unplugged.
 *
 * Loading the module starts the load and returns; the host removes the
 * device (device_del on QEMU's monitor, see drivers/virtio/README.md)
 * while it runs.  Every request must complete with the right output,
 * possibly after EAGAIN (its session moved to another driver) and a
 * re-run; none may fail otherwise or never complete.  The results
 * appear in /sys/kernel/debug/ocf_test/virtio_hotplug_test once the
 * device has been gone for `after_ms`, or after `max_ms` without an
 * unplug (the unplug cases then SKIP).
 */
#include <linux/atomic.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/llist.h>
#include <linux/module.h>
#include <linux/wait.h>
#include "ktap.h"
#include "virtio_test.h"
#include "../../drivers/virtio/vcr.h"

#define HP_CASES	6
#define HP_WINDOW	8

static int threads = 4;
module_param(threads, int, 0444);
MODULE_PARM_DESC(threads, "Consumer threads (each its own session)");
static int max_ms = 60000;
module_param(max_ms, int, 0444);
MODULE_PARM_DESC(max_ms, "Longest run when the device is never unplugged");
static int after_ms = 3000;
module_param(after_ms, int, 0444);
MODULE_PARM_DESC(after_ms, "How long the load goes on after the unplug");
static int fault_ms;
module_param(fault_ms, int, 0444);
MODULE_PARM_DESC(fault_ms, "After this long, make the driver act on a NEEDS_RESET (0: never)");

struct hp_thread;

struct hp_req {
	struct cryptop		*crp;
	u8			*buf;
	u8			*want;
	u8			iv[16];
	int			len;
	struct hp_thread	*t;
	struct llist_node	node;
};

struct hp_thread {
	int			idx;
	const struct vt_alg	*alg;
	u8			key[16];
	u64			sid;
	struct crypto_skcipher	*tfm;
	struct hp_req		reqs[HP_WINDOW];
	struct llist_head	done;
	wait_queue_head_t	wq;
	atomic_t		outstanding;
	struct task_struct	*task;
	int			err;		/* setting up */
	/* Counters. */
	u64			dispatched, completed, eagain, failed, wrong;
	u64			on_virtio, on_other;
	int			first_fail;
};

static struct ktap_suite hp_suite;
static struct hp_thread *hp_threads;
static struct task_struct *hp_ctl;
static int hp_crid;
static bool hp_stop;
static unsigned long hp_gone_at;
static bool hp_faulted;

static int hp_cb(struct cryptop *crp)
{
	struct hp_req *r = crp->crp_opaque;

	llist_add(&r->node, &r->t->done);
	wake_up(&r->t->wq);
	return 0;
}

/* New random contents and their expected result. */
static int hp_prepare(struct hp_thread *t, struct hp_req *r)
{
	struct skcipher_request *req;
	struct scatterlist sg;
	u8 iv[16];
	int err;

	r->len = 16 * (1 + get_random_u32_below(256));
	get_random_bytes(r->buf, r->len);
	get_random_bytes(r->iv, sizeof(r->iv));
	memcpy(r->want, r->buf, r->len);
	memcpy(iv, r->iv, sizeof(iv));
	req = skcipher_request_alloc(t->tfm, GFP_KERNEL);
	if (!req)
		return -ENOMEM;
	sg_init_one(&sg, r->want, r->len);
	skcipher_request_set_callback(req, 0, NULL, NULL);
	skcipher_request_set_crypt(req, &sg, &sg, r->len, iv);
	err = crypto_skcipher_encrypt(req);
	skcipher_request_free(req);
	return err;
}

static void hp_dispatch(struct hp_thread *t, struct hp_req *r, u64 sid)
{
	struct cryptop *crp = r->crp;
	struct cryptodesc *crd = crp->crp_desc;
	int err;

	crp->crp_sid = sid;
	crp->crp_ilen = r->len;
	crp->crp_flags = 0;
	crp->crp_buf = r->buf;
	crp->crp_obuf = NULL;
	crp->crp_etype = 0;
	crp->crp_callback = hp_cb;
	crp->crp_opaque = r;
	crd->crd_skip = 0;
	crd->crd_len = r->len;
	crd->crd_inject = 0;
	crd->crd_alg = t->alg->alg;
	crd->crd_flags = CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT | CRD_F_IV_PRESENT;
	memcpy(crd->crd_iv, r->iv, 16);
	atomic_inc(&t->outstanding);
	t->dispatched++;
	err = crypto_dispatch(crp);
	if (err) {
		crp->crp_etype = -err;
		hp_cb(crp);
	}
}

static void hp_complete(struct hp_thread *t, struct hp_req *r)
{
	struct cryptop *crp = r->crp;
	u32 drv = 0;

	atomic_dec(&t->outstanding);
	if (crp->crp_etype == EAGAIN) {
		/* The session moved: the same request again, new sid. */
		t->eagain++;
		t->sid = crp->crp_sid;
		hp_dispatch(t, r, t->sid);
		return;
	}
	if (crp->crp_etype) {
		t->failed++;
		if (!t->first_fail)
			t->first_fail = crp->crp_etype;
	} else if (memcmp(r->buf, r->want, r->len)) {
		t->wrong++;
	} else {
		t->completed++;
		if (!crypto_session_driver(t->sid, t->alg->alg, &drv) &&
		    drv == hp_crid)
			t->on_virtio++;
		else
			t->on_other++;
	}
	if (!READ_ONCE(hp_stop) && !hp_prepare(t, r))
		hp_dispatch(t, r, t->sid);
}

static int hp_thread_fn(void *arg)
{
	struct hp_thread *t = arg;
	struct llist_node *list;
	struct hp_req *r, *tmp;
	unsigned long deadline;
	int i;

	for (i = 0; i < HP_WINDOW; i++)
		if (!hp_prepare(t, &t->reqs[i]))
			hp_dispatch(t, &t->reqs[i], t->sid);
	deadline = 0;
	for (;;) {
		wait_event_timeout(t->wq, !llist_empty(&t->done) ||
				   READ_ONCE(hp_stop), HZ / 10);
		list = llist_del_all(&t->done);
		llist_for_each_entry_safe(r, tmp, list, node)
			hp_complete(t, r);
		if (!READ_ONCE(hp_stop))
			continue;
		if (!deadline)
			deadline = jiffies + 30 * HZ;
		if (!atomic_read(&t->outstanding) ||
		    time_after(jiffies, deadline))
			break;
	}
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

static void hp_report(void)
{
	u64 disp = 0, done = 0, again = 0, failed = 0, wrong = 0, virt = 0,
	    other = 0, lost = 0;
	int i, first_fail = 0;
	bool unplugged = hp_gone_at != 0;

	for (i = 0; i < threads; i++) {
		struct hp_thread *t = &hp_threads[i];

		disp += t->dispatched;
		done += t->completed;
		again += t->eagain;
		failed += t->failed;
		wrong += t->wrong;
		virt += t->on_virtio;
		other += t->on_other;
		lost += atomic_read(&t->outstanding);
		if (!first_fail)
			first_fail = t->first_fail;
	}
	ktap_diag(&hp_suite,
		  "%llu dispatches, %llu correct (%llu while on virtio, %llu after), %llu EAGAIN re-runs, %llu failed (first %d), %llu wrong, %llu never completed",
		  disp, done, virt, other, again, failed, first_fail, wrong,
		  lost);
	ktap_result(&hp_suite, done > 0 && wrong == 0, "every_output_correct");
	ktap_result(&hp_suite, failed == 0, "no_request_failed");
	ktap_result(&hp_suite, lost == 0, "no_request_lost");
	if (!unplugged) {
		ktap_skip(&hp_suite, "device_unplugged_under_load",
			  fault_ms ? "the device was not withdrawn" :
			  "the device was not unplugged (needs the harness's device_del step)");
		ktap_skip(&hp_suite, "load_moved_to_another_driver",
			  "the device was not unplugged");
		return;
	}
	ktap_result(&hp_suite, virt > 0, "device_unplugged_under_load");
	ktap_result(&hp_suite, other > 0, "load_moved_to_another_driver");
}

static int hp_ctl_fn(void *arg)
{
	unsigned long start = jiffies;
	int i;

	while (!kthread_should_stop()) {
		if (fault_ms > 0 && !hp_faulted &&
		    time_after(jiffies, start + msecs_to_jiffies(fault_ms))) {
			hp_faulted = true;
			ktap_diag(&hp_suite, "device failure injected (%d)",
				  vcr_test_fail(hp_crid));
		}
		/* Gone, or already back as a new instance. */
		if (!hp_gone_at && crypto_find_driver("virtio-crypto0") !=
		    hp_crid) {
			hp_gone_at = jiffies;
			ktap_diag(&hp_suite, "virtio-crypto0 gone after %u ms",
				  jiffies_to_msecs(hp_gone_at - start));
		}
		if (hp_gone_at && time_after(jiffies, hp_gone_at +
					     msecs_to_jiffies(after_ms)))
			break;
		if (time_after(jiffies, start + msecs_to_jiffies(max_ms)))
			break;
		msleep(20);
	}
	WRITE_ONCE(hp_stop, true);
	for (i = 0; i < threads; i++)
		wake_up(&hp_threads[i].wq);
	/* Threads drain, then wait for kthread_stop(). */
	for (i = 0; i < threads; i++) {
		struct hp_thread *t = &hp_threads[i];
		unsigned long deadline = jiffies + 35 * HZ;

		while (atomic_read(&t->outstanding) &&
		       time_before(jiffies, deadline))
			msleep(20);
	}
	hp_report();
	ktap_finish(&hp_suite);
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

static void hp_free(void)
{
	int i, j;

	for (i = 0; i < threads; i++) {
		struct hp_thread *t = &hp_threads[i];

		if (t->task)
			kthread_stop(t->task);
		for (j = 0; j < HP_WINDOW; j++) {
			/* Never completed: the framework may still hold it. */
			if (atomic_read(&t->outstanding))
				break;
			if (t->reqs[j].crp)
				crypto_freereq(t->reqs[j].crp);
			kfree(t->reqs[j].buf);
			kfree(t->reqs[j].want);
		}
		if (t->sid)
			crypto_freesession(t->sid);
		if (t->tfm)
			crypto_free_skcipher(t->tfm);
	}
	kfree(hp_threads);
	hp_threads = NULL;
}

static int hp_setup(struct hp_thread *t, int idx)
{
	struct cryptoini cri;
	int j, err;

	t->idx = idx;
	t->alg = &vt_algs[idx % 2 ? 2 : 0];	/* AES-CBC and AES-CTR */
	init_llist_head(&t->done);
	init_waitqueue_head(&t->wq);
	get_random_bytes(t->key, sizeof(t->key));
	t->tfm = crypto_alloc_skcipher(t->alg->name, 0, CRYPTO_ALG_ASYNC);
	if (IS_ERR(t->tfm)) {
		err = PTR_ERR(t->tfm);
		t->tfm = NULL;
		return err;
	}
	err = crypto_skcipher_setkey(t->tfm, t->key, sizeof(t->key));
	if (err)
		return err;
	for (j = 0; j < HP_WINDOW; j++) {
		struct hp_req *r = &t->reqs[j];

		r->t = t;
		r->crp = crypto_getreq(1);
		r->buf = kmalloc(4096, GFP_KERNEL);
		r->want = kmalloc(4096, GFP_KERNEL);
		if (!r->crp || !r->buf || !r->want)
			return -ENOMEM;
	}
	vt_cri(&cri, t->alg->alg, t->key, sizeof(t->key));
	return crypto_newsession_crid(&t->sid, &cri, hp_crid);
}

static int __init hp_init(void)
{
	int i, err;

	err = ktap_start(&hp_suite, KBUILD_MODNAME, HP_CASES);
	if (err)
		return err;
	hp_crid = crypto_find_driver("virtio-crypto0");
	if (hp_crid <= 0 || threads < 1 || threads > 64) {
		while (hp_suite.count < HP_CASES)
			ktap_skip(&hp_suite, "hotplug",
				  "no virtio-crypto0 bound to ocf_virtio");
		ktap_finish(&hp_suite);
		return 0;
	}
	err = -ENOMEM;
	hp_threads = kcalloc(threads, sizeof(*hp_threads), GFP_KERNEL);
	if (!hp_threads)
		goto fail;
	for (i = 0; i < threads; i++) {
		err = hp_setup(&hp_threads[i], i);
		if (err)
			goto fail;
	}
	for (i = 0; i < threads; i++) {
		hp_threads[i].task = kthread_run(hp_thread_fn, &hp_threads[i],
						 "vhp%d", i);
		if (IS_ERR(hp_threads[i].task)) {
			hp_threads[i].task = NULL;
			err = -ENOMEM;
			goto fail_running;
		}
	}
	/* Before the controller runs: it writes to the suite too. */
	ktap_result(&hp_suite, true, "load_started");
	hp_ctl = kthread_run(hp_ctl_fn, NULL, "vhp_ctl");
	if (IS_ERR(hp_ctl)) {
		hp_ctl = NULL;
		err = -ENOMEM;
		goto fail_running;
	}
	pr_info("virtio_hotplug_test: load running on crid %d\n", hp_crid);
	return 0;

fail_running:
	WRITE_ONCE(hp_stop, true);
	for (i = 0; i < threads; i++)
		wake_up(&hp_threads[i].wq);
	for (i = 0; i < threads; i++)
		while (atomic_read(&hp_threads[i].outstanding))
			msleep(20);
fail:
	ktap_diag(&hp_suite, "setting up the load: %d", err);
	if (!hp_suite.count)
		ktap_result(&hp_suite, false, "load_started");
	while (hp_suite.count < HP_CASES)
		ktap_skip(&hp_suite, "hotplug", "no load");
	ktap_finish(&hp_suite);
	if (hp_threads)
		hp_free();
	return 0;
}

static void __exit hp_exit(void)
{
	if (hp_ctl) {
		WRITE_ONCE(hp_stop, true);
		kthread_stop(hp_ctl);
	}
	if (hp_threads)
		hp_free();
	ktap_release(&hp_suite);
}

module_init(hp_init);
module_exit(hp_exit);
MODULE_DESCRIPTION("OCF virtio-crypto hot-unplug under load");
MODULE_LICENSE("GPL");
