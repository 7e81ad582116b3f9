// SPDX-License-Identifier: GPL-2.0-only
/*
 * Completion.  crypto_done()/crypto_kdone() may be called from any
 * context, hard IRQ included: they only account the request and push it
 * on a lock-free per-CPU list; a per-CPU worker then runs the next stage
 * of a split request or the consumer's callback.  Callbacks run inline
 * only when the consumer asked (CRYPTO_F_CBIMM, or CRYPTO_F_CBIFSYNC on a
 * CRYPTOCAP_F_SYNC driver that completed the request inside the
 * process() call OCF made: the consumer's crypto_dispatch() or OCF's
 * queue worker).  Each request gets exactly one callback.
 */
#include <linux/module.h>
#include "ocf_internal.h"

struct ocf_done_queue {
	struct llist_head	sym;
	struct llist_head	asym;
	struct work_struct	work;
};

static DEFINE_PER_CPU(struct ocf_done_queue, ocf_done_queues);
static struct workqueue_struct *ocf_done_wq;

/*
 * How long a device's completion waits here for its callback when it
 * found the queue idle (behind others it is queueing, as for costs): a
 * moving average, 1/8 per sample, of samples cut at twice the estimate.
 * A consumer of a device pays it on top of the device's latency, one of
 * an inline synchronous driver does not, so the driver choice adds it
 * to devices' costs (ocf_class_cost()).
 */
u32 ocf_handoff_ns;

static void ocf_handoff_note(ktime_t since)
{
	s64 d = ktime_to_ns(ktime_sub(ktime_get(), since));
	u32 old = READ_ONCE(ocf_handoff_ns), v;

	v = clamp_t(s64, d, 1, U32_MAX / 4);
	if (old)
		v = v >= old ? old + (min(v, 2 * old) - old) / 8 :
			       old - (old - v) / 8;
	WRITE_ONCE(ocf_handoff_ns, v);
}

static void ocf_done_push(struct llist_node *node, bool asym)
{
	struct ocf_done_queue *q;
	int cpu = get_cpu();

	q = per_cpu_ptr(&ocf_done_queues, cpu);
	if (llist_add(node, asym ? &q->asym : &q->sym))
		queue_work_on(cpu, ocf_done_wq, &q->work);
	put_cpu();
}

static void ocf_done_work(struct work_struct *work)
{
	struct ocf_done_queue *q =
		container_of(work, struct ocf_done_queue, work);
	struct crypto_req_priv *priv, *tmp;
	struct llist_node *list;
	bool first = true;

	list = llist_reverse_order(llist_del_all(&q->sym));
	llist_for_each_entry_safe(priv, tmp, list, done_node) {
		struct cryptop *crp =
			container_of(priv, struct cryptop, crp_priv);

		if (test_and_clear_bit(OCF_RS_NEXT_STAGE, &priv->state)) {
			ocf_next_stage(crp);
		} else {
			/* Only the oldest waited for the worker alone. */
			if (first && test_bit(OCF_RS_HANDOFF, &priv->state))
				ocf_handoff_note(priv->submitted);
			first = false;
			crp->crp_flags |= CRYPTO_F_DONE;
			crp->crp_callback(crp);
		}
	}
	list = llist_reverse_order(llist_del_all(&q->asym));
	llist_for_each_entry_safe(priv, tmp, list, done_node) {
		struct cryptkop *krp =
			container_of(priv, struct cryptkop, krp_priv);

		krp->krp_callback(krp);
	}
}

/*
 * The request is over (all stages, or an error): give the consumer its
 * sid and descriptor chain back and run or queue the callback.
 */
static __always_inline void __ocf_finish(struct cryptop *crp, int etype,
					 bool in_call)
{
	struct crypto_req_priv *priv = &crp->crp_priv;
	struct ocf_session *ses = priv->session;
	struct ocf_driver *drv = priv->driver;
	bool now = crp->crp_flags & CRYPTO_F_CBIMM;
	/* A device's completion: time how long the callback waits. */
	bool handoff = drv && !(drv->flags & CRYPTOCAP_F_SYNC) && !etype;

	if (test_bit(OCF_RS_SPLIT, &priv->state)) {
		if (priv->stage_last) {
			priv->stage_last->crd_next = priv->stage_next;
			priv->stage_last = NULL;
		}
		crp->crp_desc = priv->saved_desc;
	}
	crp->crp_etype = etype;
	crp->crp_sid = priv->consumer_sid;
	/*
	 * CBIFSYNC: inline only within the process() call that submitted
	 * the request; a synchronous driver completing from its own worker
	 * (cryptd: BHs off) gets the callback queued like an async one.
	 */
	if (in_call && drv && (crp->crp_flags & CRYPTO_F_CBIFSYNC) &&
	    (drv->flags & CRYPTOCAP_F_SYNC))
		now = true;
	if (ses) {
		if (test_bit(OCF_RS_OWN, &priv->state))
			atomic_dec(&ses->dev_pending);
		if (etype == EAGAIN && READ_ONCE(ses->moved_to))
			crp->crp_sid = ocf_session_newest_sid(ses);
		priv->session = NULL;
		priv->driver = NULL;
		/* The driver may go away from here on. */
		ocf_session_end(ses);
	}
	if (now) {
		crp->crp_flags |= CRYPTO_F_DONE;
		crp->crp_callback(crp);
	} else {
		if (handoff) {
			priv->submitted = ktime_get();
			__set_bit(OCF_RS_HANDOFF, &priv->state);
		}
		ocf_done_push(&priv->done_node, false);
	}
}

/*
 * A device's request completes: its latency into *@lat, and as the
 * result its service time, what it kept the device busy.  That is the
 * time since the later of its submission and the device's previous
 * completion: behind others, a request's latency is mostly their
 * service (queueing), which says how deep the queue was, not how fast
 * the device works.  A device that completes requests in batches gives
 * one long interval and several near zero: ocf_cost_update() averages
 * them; *@alone says the request found the device idle.  Completions
 * racing on several CPUs may see a later stamp than their own: a zero
 * interval, as in a batch.
 */
static __always_inline u64 ocf_service_ns(struct ocf_driver *drv,
					  ktime_t submitted, u64 *lat,
					  bool *alone)
{
	s64 now = ktime_get_ns(), start = ktime_to_ns(submitted);
	s64 prev = atomic64_xchg(&drv->last_done_ns, now);

	*lat = now > start ? now - start : 0;
	*alone = prev <= start;
	if (!*alone)
		start = prev;
	return now > start ? now - start : 0;
}

void ocf_finish(struct cryptop *crp, int etype)
{
	__ocf_finish(crp, etype, false);
}

void crypto_done(struct cryptop *crp)
{
	struct crypto_req_priv *priv = &crp->crp_priv;
	struct ocf_driver *drv = priv->driver;
	bool in_call = ocf_done_in_call(crp);
	int etype;

	/*
	 * Inside the process() call that handed the request over nobody
	 * else writes its state: a plain read-modify-write there (one
	 * locked instruction less per synchronous request) still catches a
	 * driver completing it twice in a row.
	 */
	if (unlikely(in_call ? __test_and_set_bit(OCF_RS_DONE, &priv->state) :
			       test_and_set_bit(OCF_RS_DONE, &priv->state))) {
		pr_err_ratelimited("ocf: %s() twice for one request\n", __func__);
		return;
	}
	etype = ocf_errno(crp->crp_etype);
	crp->crp_etype = etype;
	if (drv) {
		bool timed = test_bit(OCF_RS_TIMED, &priv->state);
		bool alone = true;
		u64 ns = 0, cost_ns;

		/* Devices' requests are always timed. */
		if (!(drv->flags & CRYPTOCAP_F_SYNC)) {
			atomic_dec(&drv->inflight);
			cost_ns = ocf_service_ns(drv, priv->submitted, &ns,
						 &alone);
		} else {
			ns = timed ? ocf_elapsed(drv, priv->submitted) : 0;
			cost_ns = ns;
		}
		if (unlikely(crp->crp_callback == ocf_calib_cb))
			ocf_calib_note(crp, ns);
		else
			ocf_stats_account(drv, crp, timed, in_call, ns, cost_ns,
					  alone);
		/* Probes are always timed: untimed requests skip the test. */
		if (timed && unlikely(test_bit(OCF_RS_PROBE, &priv->state)))
			ocf_probe_done(crp, drv, in_call, cost_ns);
	}
	if (!etype && test_bit(OCF_RS_SPLIT, &priv->state) &&
	    priv->stage_next) {
		/* Next leg from the worker: bounded stack, no driver locks. */
		set_bit(OCF_RS_NEXT_STAGE, &priv->state);
		ocf_done_push(&priv->done_node, false);
		return;
	}
	__ocf_finish(crp, etype, in_call);
}
EXPORT_SYMBOL_GPL(crypto_done);

void ocf_kfinish(struct cryptkop *krp, int etype)
{
	struct ocf_driver *drv = krp->krp_priv.driver;

	krp->krp_status = etype;
	krp->krp_priv.driver = NULL;
	if (drv)
		ocf_driver_put(drv);
	ocf_done_push(&krp->krp_priv.done_node, true);
}

void crypto_kdone(struct cryptkop *krp)
{
	struct ocf_driver *drv = krp->krp_priv.driver;
	int status;

	if (unlikely(test_and_set_bit(OCF_RS_DONE, &krp->krp_priv.state))) {
		pr_err_ratelimited("ocf: %s() twice for one request\n", __func__);
		return;
	}
	status = ocf_errno((int)krp->krp_status);
	if (drv) {
		atomic64_inc(&drv->kreqs);
		if (status)
			atomic64_inc(&drv->kerrors);
	}
	ocf_kfinish(krp, status);
}
EXPORT_SYMBOL_GPL(crypto_kdone);

int ocf_done_init(void)
{
	int cpu;

	ocf_done_wq = alloc_workqueue("ocf_done", WQ_HIGHPRI, 0);
	if (!ocf_done_wq)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		struct ocf_done_queue *q = per_cpu_ptr(&ocf_done_queues, cpu);

		init_llist_head(&q->sym);
		init_llist_head(&q->asym);
		INIT_WORK(&q->work, ocf_done_work);
	}
	return 0;
}

void ocf_done_exit(void)
{
	destroy_workqueue(ocf_done_wq);
}
