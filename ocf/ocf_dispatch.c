// SPDX-License-Identifier: GPL-2.0-only
/*
 * Getting requests to drivers.  A request goes straight to the driver in
 * the caller's context unless it asked to be batched or the driver is
 * blocked (or already has a backlog, to keep order); those wait in the
 * driver's own queues, drained by a workqueue worker that passes
 * CRYPTO_HINT_MORE while more follow.  No global lock is taken on the
 * way: the session table is read under RCU and each driver has its own
 * queue lock.
 */
#include <linux/module.h>
#include "ocf_internal.h"

struct workqueue_struct *ocf_wq;
DEFINE_PER_CPU(struct ocf_in_dispatch, ocf_in_dispatch);

/*
 * Queue bounds.  A request that finds its driver's queue (or all queues
 * together) full completes with ENOSPC; a request the driver refused
 * with ERESTART is always put back, at the head, whatever the bound.
 */
int ocf_qmax_driver = 1024;
module_param_named(queue_max_driver, ocf_qmax_driver, int, 0644);
MODULE_PARM_DESC(queue_max_driver,
		 "Requests one driver's queue holds before ENOSPC");
int ocf_qmax_global = 16384;
module_param_named(queue_max, ocf_qmax_global, int, 0644);
MODULE_PARM_DESC(queue_max, "Requests all queues hold before ENOSPC");
static atomic_t ocf_queued = ATOMIC_INIT(0);

static bool ocf_overflow_on = true;
module_param_named(overflow, ocf_overflow_on, bool, 0644);
MODULE_PARM_DESC(overflow,
		 "Send a request from a busy device to its size class's other driver when it would finish sooner there");

#define OCF_CHAIN_LIMIT	1024	/* descriptors: beyond is a loop */

/* The leg serving descriptor @d: the k-th use of an algorithm maps to
 * the k-th instance of it in the session.
 */
static int ocf_desc_leg(const struct ocf_session *ses,
			struct cryptodesc *first, struct cryptodesc *d)
{
	struct cryptodesc *p;
	int k = 0, i, n = 0;

	for (p = first; p != d; p = p->crd_next) {
		if (!p || ++n > OCF_CHAIN_LIMIT)
			return -1;
		if (p->crd_alg == d->crd_alg)
			k++;
	}
	for (i = 0; i < ses->ncri; i++)
		if (ses->ini[i].cri_alg == d->crd_alg && k-- == 0)
			return ses->cri_leg[i];
	return -1;
}

/* Is a descriptor of [first, last] longer than leg @l's maxoplen? */
static bool ocf_stage_too_long(const struct ocf_session *ses, int l,
			       const struct cryptodesc *first,
			       const struct cryptodesc *last)
{
	u32 max = ses->legs[l].maxlen;

	if (!max)
		return false;
	for (;; first = first->crd_next) {
		if (first->crd_len > 0 && (u32)first->crd_len > max)
			return true;
		if (first == last)
			return false;
	}
}

/* Cut the descriptor run starting at @start that one leg serves. */
static int ocf_stage_setup(struct cryptop *crp, struct cryptodesc *start)
{
	struct crypto_req_priv *priv = &crp->crp_priv;
	struct ocf_session *ses = priv->session;
	struct cryptodesc *last = start;
	int leg, n = 0;

	leg = ocf_desc_leg(ses, priv->saved_desc, start);
	if (leg < 0)
		return -EINVAL;
	while (last->crd_next &&
	       ocf_desc_leg(ses, priv->saved_desc, last->crd_next) == leg) {
		if (++n > OCF_CHAIN_LIMIT)
			return -EINVAL;
		last = last->crd_next;
	}
	if (ocf_stage_too_long(ses, leg, start, last))
		return -E2BIG;
	priv->stage_leg = leg;
	priv->stage_last = last;
	priv->stage_next = last->crd_next;
	last->crd_next = NULL;
	crp->crp_desc = start;
	return 0;
}

static void ocf_requeue_head(struct ocf_driver *drv, struct cryptop *crp,
			     unsigned int seq)
{
	unsigned long flags;
	bool kick = false;

	spin_lock_irqsave(&drv->qlock, flags);
	if (drv->qdead) {
		spin_unlock_irqrestore(&drv->qlock, flags);
		ocf_finish(crp, EAGAIN);
		return;
	}
	list_add(&crp->crp_priv.link, &drv->symq);
	drv->symq_len++;
	atomic_inc(&ocf_queued);
	if (drv->unblock_seq == seq) {
		if (!drv->sym_blocked)
			atomic64_inc(&drv->blocks);
		drv->sym_blocked = true;
	} else {
		kick = true;	/* crypto_unblock() came in meanwhile */
	}
	spin_unlock_irqrestore(&drv->qlock, flags);
	if (kick)
		queue_work(ocf_wq, &drv->qwork);
}

/* Hand a request to its driver; the request is not ours after 0. */
static __always_inline void ocf_invoke(struct ocf_driver *drv,
				       struct cryptop *crp, int hint,
				       unsigned int seq)
{
	struct crypto_req_priv *priv = &crp->crp_priv;
	struct ocf_session *ses = priv->session;
	struct task_struct *prev_task;
	struct cryptop *prev;
	int err;

	crp->crp_sid = ses->legs[priv->stage_leg].dsid;
	/* A device's backlog, for the overflow rule (ocf_overflow()). */
	if (!(drv->flags & CRYPTOCAP_F_SYNC))
		atomic_inc(&drv->inflight);
	/* Nobody else touches the request before process(). */
	__clear_bit(OCF_RS_DONE, &priv->state);
	if (ocf_timed(drv, crp)) {
		__set_bit(OCF_RS_TIMED, &priv->state);
		priv->submitted = ocf_stamp(drv);
	} else {
		__clear_bit(OCF_RS_TIMED, &priv->state);
	}
	/* A callback may dispatch again: restore the outer request after. */
	prev = this_cpu_read(ocf_in_dispatch.crp);
	prev_task = this_cpu_read(ocf_in_dispatch.task);
	this_cpu_write(ocf_in_dispatch.crp, crp);
	this_cpu_write(ocf_in_dispatch.task, current);
	err = drv->process(drv->arg, crp, hint);
	/*
	 * Preemption may have moved us to another CPU: the marker left
	 * behind names a task that is not running there, and this one
	 * overwrites another CPU's (a callback there is queued instead of
	 * run inline, nothing worse).
	 */
	this_cpu_write(ocf_in_dispatch.crp, prev);
	this_cpu_write(ocf_in_dispatch.task, prev_task);
	if (likely(!err))
		return;
	err = ocf_errno(err);
	crp->crp_sid = priv->consumer_sid;
	if (err == ERESTART) {
		if (!(drv->flags & CRYPTOCAP_F_SYNC))
			atomic_dec(&drv->inflight);
		ocf_requeue_head(drv, crp, seq);
		return;
	}
	crp->crp_etype = err;
	crypto_done(crp);
}

static void ocf_enqueue(struct ocf_driver *drv, struct cryptop *crp)
{
	unsigned long flags;
	int etype = 0;
	bool kick;

	spin_lock_irqsave(&drv->qlock, flags);
	if (drv->qdead) {
		etype = EAGAIN;
	} else if (drv->symq_len >= READ_ONCE(ocf_qmax_driver) ||
		   atomic_read(&ocf_queued) >= READ_ONCE(ocf_qmax_global)) {
		etype = ENOSPC;
	} else {
		list_add_tail(&crp->crp_priv.link, &drv->symq);
		drv->symq_len++;
		if (drv->symq_len > drv->symq_max_seen)
			drv->symq_max_seen = drv->symq_len;
		atomic_inc(&ocf_queued);
	}
	kick = !etype && !drv->sym_blocked;
	spin_unlock_irqrestore(&drv->qlock, flags);
	if (etype) {
		if (etype == ENOSPC)
			ocf_stats_error(drv, crp);
		ocf_finish(crp, etype);
	} else if (kick) {
		queue_work(ocf_wq, &drv->qwork);
	}
}

/*
 * Send the request's current stage to its leg's driver: straight in
 * when it is idle and not blocked, with no lock taken.
 */
static __always_inline void __ocf_submit(struct cryptop *crp)
{
	struct crypto_req_priv *priv = &crp->crp_priv;
	struct ocf_session *ses = priv->session;
	struct ocf_driver *drv = ses->legs[priv->stage_leg].drv;

	priv->driver = drv;
	if (likely(!(crp->crp_flags & CRYPTO_F_BATCH) &&
		   !READ_ONCE(drv->sym_blocked) && !READ_ONCE(drv->symq_len)))
		ocf_invoke(drv, crp, 0, READ_ONCE(drv->unblock_seq));
	else
		ocf_enqueue(drv, crp);
}

void ocf_submit(struct cryptop *crp)
{
	__ocf_submit(crp);
}

/* A split request's stage completed without error: run the next one. */
void ocf_next_stage(struct cryptop *crp)
{
	struct crypto_req_priv *priv = &crp->crp_priv;
	struct cryptodesc *next = priv->stage_next;
	int err;

	priv->stage_last->crd_next = next;
	priv->stage_last = NULL;
	err = ocf_stage_setup(crp, next);
	if (err) {
		ocf_finish(crp, -err);
		return;
	}
	ocf_submit(crp);
}

/*
 * Descriptor flags that use state the driver keeps in its session: once
 * a request carries one, the session's requests all go to its base leg.
 */
#define OCF_PIN_FLAGS	(CRD_F_HASH_PARTIAL | CRD_F_HASH_RESET | \
			 CRD_F_KEY_EXPLICIT)

/*
 * Load-aware overflow.  Costs compare drivers by the work of one request
 * (a device's service time); a device with requests in flight finishes
 * a new one only after them.  When that wait makes the request finish
 * later, beyond the noise band, than on the other driver of its size
 * class (cryptosoft: it runs on the submitting CPU, and scales with
 * them), the request goes there.  Only for a session that sends one
 * request at a time to devices: one that keeps a pipeline full (16
 * asynchronous /dev/crypto requests) would stall it by running a request
 * on its own CPU, and measured 1.3-3.6x slower so, while one waiting for
 * its only request would wait behind other consumers' work with its CPU
 * idle.
 * Decided per request from atomic counters, no lock: a lone user always
 * finds the device idle, and the share sent away follows the backlog
 * as it builds and drains.
 */
static bool ocf_finishes_later(const struct ocf_session *ses, int class,
			       const struct ocf_driver *drv,
			       const struct ocf_driver *alt, int ahead)
{
	u64 here = ocf_class_work(drv, ses, class);
	u64 there = ocf_class_work(alt, ses, class);

	if (!here || !there)
		return false;
	if (!(alt->flags & CRYPTOCAP_F_SYNC))
		there *= atomic_read(&alt->inflight) + 1;
	here = ocf_consumer_ns(drv, here * (ahead + 1));
	return here > ocf_cost_band(ocf_consumer_ns(alt, there));
}

/*
 * Leg @l of @ses, on an asynchronous driver, would serve a request of
 * size class @class (longest descriptor @len): the leg it goes to.
 */
static int ocf_overflow(struct ocf_session *ses, int class, int l, int len)
{
	struct ocf_driver *drv = ses->legs[l].drv;
	const struct ocf_driver *alt;
	int ahead = atomic_read(&drv->inflight), p, id;
	bool later;

	if (ahead <= 0 || READ_ONCE(ses->pipelined) ||
	    !READ_ONCE(ocf_overflow_on))
		return l;
	/* Pairs with the release in ocf_session_route_class(). */
	p = l ? 0 : smp_load_acquire(&ses->alt_leg[class]);
	if (p != l) {
		if (!ocf_leg_fits(&ses->legs[p], len) ||
		    !ocf_finishes_later(ses, class, drv, ses->legs[p].drv,
					ahead))
			return l;
		atomic64_inc(&drv->overflows);
		return p;
	}
	/* No leg on the other driver yet: have one opened, once. */
	id = READ_ONCE(ses->alt_id[class]);
	if (!id || id > OCF_MAX_DRIVERS ||
	    test_bit(class, &ses->overflow_asked))
		return l;
	rcu_read_lock();
	alt = rcu_dereference(ocf_drivers[id]);
	later = alt && ocf_finishes_later(ses, class, drv, alt, ahead);
	rcu_read_unlock();
	if (later && !test_and_set_bit(class, &ses->overflow_asked))
		ocf_session_route_again(ses, &ses->overflow_open, class);
	return l;
}

/*
 * Pick the leg of an unsplit session for this request: by its size
 * class when the session is routed by size, and one whose driver takes
 * requests this long (else E2BIG).
 */
static int ocf_route(struct ocf_session *ses, struct cryptop *crp)
{
	struct crypto_req_priv *priv = &crp->crp_priv;
	bool pin = READ_ONCE(ses->pinned);
	struct cryptodesc *d;
	int len = 0, n = 0, l, c;

	for (d = crp->crp_desc; d; d = d->crd_next) {
		if (++n > OCF_CHAIN_LIMIT)
			return -EINVAL;
		len = max(len, d->crd_len);
		if (d->crd_flags & OCF_PIN_FLAGS)
			pin = true;
	}
	if (pin && !READ_ONCE(ses->pinned))
		WRITE_ONCE(ses->pinned, true);
	c = ocf_size_class(len);
	/* Pairs with the release in ocf_session_route_class(). */
	l = pin ? 0 : smp_load_acquire(&ses->class_leg[c]);
	if (!l && !pin && unlikely(test_bit(c, &ses->route_wanted)) &&
	    !test_bit(c, &ses->route_asked))
		ocf_session_route_ask(ses, c);
	/* A class with another driver to turn to re-measures it now and then. */
	if (!pin && READ_ONCE(ses->alt_id[c]))
		l = ocf_probe_pick(ses, crp, c, l, len);
	if (ocf_leg_fits(&ses->legs[l], len)) {
		/* A device's backlog may send the request elsewhere. */
		if (!(ses->legs[l].drv->flags & CRYPTOCAP_F_SYNC)) {
			if (!pin && !test_bit(OCF_RS_PROBE, &priv->state))
				l = ocf_overflow(ses, c, l, len);
			if (!(ses->legs[l].drv->flags & CRYPTOCAP_F_SYNC)) {
				if (atomic_inc_return(&ses->dev_pending) > 1 &&
				    !READ_ONCE(ses->pipelined))
					WRITE_ONCE(ses->pipelined, true);
				__set_bit(OCF_RS_OWN, &priv->state);
			}
		}
		priv->stage_leg = l;
		return 0;
	}
	if (pin)
		return -E2BIG;
	/* Pairs with the release in ocf_alt_leg(). */
	n = ses->nlegs + smp_load_acquire(&ses->nalt);
	for (l = 0; l < n; l++) {
		if (ocf_leg_fits(&ses->legs[l], len)) {
			priv->stage_leg = l;
			return 0;
		}
	}
	return -E2BIG;
}

int crypto_dispatch(struct cryptop *crp)
{
	struct crypto_req_priv *priv;
	struct ocf_session *ses;
	int err = 0;

	if (!crp || !crp->crp_callback)
		return -EINVAL;
	priv = &crp->crp_priv;
	/* The stage fields are read only once OCF_RS_SPLIT is set. */
	priv->state = 0;
	priv->consumer_sid = crp->crp_sid;
	priv->session = NULL;
	priv->driver = NULL;
	priv->stage_leg = 0;
	crp->crp_flags &= ~CRYPTO_F_DONE;
	crp->crp_etype = 0;

	/* A migrated session's EAGAIN gives the consumer the new sid. */
	ses = ocf_session_begin(crp->crp_sid, &err, &priv->consumer_sid);
	if (!ses) {
		ocf_finish(crp, err);
		return 0;
	}
	priv->session = ses;
	if (!crp->crp_desc) {
		ocf_finish(crp, EINVAL);
		return 0;
	}
	if (ses->nlegs > 1) {
		__set_bit(OCF_RS_SPLIT, &priv->state);
		priv->saved_desc = crp->crp_desc;
		priv->stage_last = NULL;
		err = ocf_stage_setup(crp, crp->crp_desc);
	} else if (ses->routed) {
		err = ocf_route(ses, crp);
	}
	if (unlikely(err)) {
		ocf_finish(crp, -err);
		return 0;
	}
	__ocf_submit(crp);
	return 0;
}
EXPORT_SYMBOL_GPL(crypto_dispatch);

/* Keying requests: no session, a driver chosen per request. */
static struct ocf_driver *ocf_kchoose(u32 op, u32 hid)
{
	u32 mask = CRYPTOCAP_F_HARDWARE | CRYPTOCAP_F_SOFTWARE, want = 0;
	struct ocf_driver *drv, *best = NULL;
	int id, best_q = INT_MAX;

	if (hid & mask)
		mask &= hid;
	else
		want = hid;
	rcu_read_lock();
	for (id = 1; id <= OCF_MAX_DRIVERS; id++) {
		u32 kalgs;
		int q;

		drv = rcu_dereference(ocf_drivers[id]);
		if (!drv || READ_ONCE(drv->dying))
			continue;
		/* Pairs with crypto_kregister(): kprocess is set first. */
		kalgs = smp_load_acquire(&drv->kalgs);
		if (!(kalgs & (1u << op)) ||
		    (want ? want != id : !(drv->flags & mask)))
			continue;
		/* Hardware first, then the shortest backlog. */
		q = READ_ONCE(drv->asymq_len) +
		    ((drv->flags & CRYPTOCAP_F_HARDWARE) ? 0 : 1 << 20);
		if (q < best_q) {
			best = drv;
			best_q = q;
		}
	}
	if (best && !refcount_inc_not_zero(&best->users))
		best = NULL;
	rcu_read_unlock();
	return best;
}

static void ocf_krequeue_head(struct ocf_driver *drv, struct cryptkop *krp,
			      unsigned int seq)
{
	unsigned long flags;
	bool kick = false, dead;

	spin_lock_irqsave(&drv->qlock, flags);
	dead = drv->qdead;
	if (!dead) {
		list_add(&krp->krp_priv.link, &drv->asymq);
		drv->asymq_len++;
		if (drv->unblock_seq == seq) {
			if (!drv->asym_blocked)
				atomic64_inc(&drv->blocks);
			drv->asym_blocked = true;
		} else {
			kick = true;
		}
	}
	spin_unlock_irqrestore(&drv->qlock, flags);
	if (dead) {
		ocf_driver_put(drv);
		ocf_kresubmit(krp);
	} else if (kick) {
		queue_work(ocf_wq, &drv->qwork);
	}
}

static void ocf_kinvoke(struct ocf_driver *drv, struct cryptkop *krp,
			int hint, unsigned int seq)
{
	int err;

	clear_bit(OCF_RS_DONE, &krp->krp_priv.state);
	krp->krp_priv.submitted = ktime_get();
	err = drv->kprocess(drv->karg, krp, hint);
	if (likely(!err))
		return;
	err = ocf_errno(err);
	if (err == ERESTART) {
		ocf_krequeue_head(drv, krp, seq);
		return;
	}
	krp->krp_status = err;
	crypto_kdone(krp);
}

static void ocf_ksubmit(struct cryptkop *krp, u32 hid, bool relax)
{
	struct ocf_driver *drv;
	unsigned long flags;
	bool direct = false, dead = false, kick = false;

	if (krp->krp_op > CRK_ALGORITHM_MAX ||
	    krp->krp_iparams + krp->krp_oparams > CRK_MAXPARAM) {
		ocf_kfinish(krp, EINVAL);
		return;
	}
	drv = ocf_kchoose(krp->krp_op, hid);
	if (!drv && relax && hid)
		drv = ocf_kchoose(krp->krp_op, 0);
	if (!drv) {
		ocf_kfinish(krp, ENODEV);
		return;
	}
	krp->krp_hid = drv->id;
	krp->krp_priv.driver = drv;

	spin_lock_irqsave(&drv->qlock, flags);
	if (drv->qdead) {
		dead = true;
	} else if (!drv->asym_blocked && !drv->asymq_len) {
		direct = true;
	} else {
		list_add_tail(&krp->krp_priv.link, &drv->asymq);
		drv->asymq_len++;
		kick = !drv->asym_blocked;
	}
	spin_unlock_irqrestore(&drv->qlock, flags);
	if (direct) {
		ocf_kinvoke(drv, krp, 0, READ_ONCE(drv->unblock_seq));
	} else if (kick) {
		queue_work(ocf_wq, &drv->qwork);
	} else if (dead) {
		ocf_driver_put(drv);
		ocf_kresubmit(krp);
	}
}

/* The driver holding @krp went away before running it: try another. */
void ocf_kresubmit(struct cryptkop *krp)
{
	u32 hid = (u32)krp->krp_priv.consumer_sid;

	krp->krp_priv.driver = NULL;
	/* As sessions do: the same kind of driver if any, else any driver. */
	ocf_ksubmit(krp, hid, true);
}

int crypto_kdispatch(struct cryptkop *krp)
{
	if (!krp || !krp->krp_callback)
		return -EINVAL;
	krp->krp_priv.state = 0;
	krp->krp_priv.consumer_sid = krp->krp_hid;
	krp->krp_priv.driver = NULL;
	krp->krp_priv.session = NULL;
	krp->krp_status = 0;
	ocf_ksubmit(krp, krp->krp_hid, false);
	return 0;
}
EXPORT_SYMBOL_GPL(crypto_kdispatch);

int crypto_unblock(u32 driverid, int what)
{
	struct ocf_driver *drv;
	unsigned long flags;
	bool kick = false;
	int err = -EINVAL;

	rcu_read_lock();
	drv = driverid && driverid <= OCF_MAX_DRIVERS ?
	      rcu_dereference(ocf_drivers[driverid]) : NULL;
	if (drv) {
		spin_lock_irqsave(&drv->qlock, flags);
		drv->unblock_seq++;
		if (what & CRYPTO_SYMQ)
			drv->sym_blocked = false;
		if (what & CRYPTO_ASYMQ)
			drv->asym_blocked = false;
		kick = !drv->qdead && (!list_empty(&drv->symq) ||
				       !list_empty(&drv->asymq));
		spin_unlock_irqrestore(&drv->qlock, flags);
		if (kick)
			queue_work(ocf_wq, &drv->qwork);
		err = 0;
	}
	rcu_read_unlock();
	return err;
}
EXPORT_SYMBOL_GPL(crypto_unblock);

/* The queue worker: one per driver, never blocks in the driver. */
void ocf_qwork_fn(struct work_struct *work)
{
	struct ocf_driver *drv = container_of(work, struct ocf_driver, qwork);
	struct cryptop *crp;
	struct cryptkop *krp;
	unsigned long flags;
	unsigned int seq;
	int n, hint;

	for (n = 1;; n++) {
		crp = NULL;
		krp = NULL;
		spin_lock_irqsave(&drv->qlock, flags);
		if (drv->qdead) {
			spin_unlock_irqrestore(&drv->qlock, flags);
			return;
		}
		if (!drv->sym_blocked && !list_empty(&drv->symq)) {
			crp = list_first_entry(&drv->symq, struct cryptop,
					       crp_priv.link);
			list_del_init(&crp->crp_priv.link);
			drv->symq_len--;
			atomic_dec(&ocf_queued);
			hint = drv->symq_len ? CRYPTO_HINT_MORE : 0;
		} else if (!drv->asym_blocked && !list_empty(&drv->asymq)) {
			krp = list_first_entry(&drv->asymq, struct cryptkop,
					       krp_priv.link);
			list_del_init(&krp->krp_priv.link);
			drv->asymq_len--;
			hint = drv->asymq_len ? CRYPTO_HINT_MORE : 0;
		}
		seq = drv->unblock_seq;
		spin_unlock_irqrestore(&drv->qlock, flags);
		if (crp)
			ocf_invoke(drv, crp, hint, seq);
		else if (krp)
			ocf_kinvoke(drv, krp, hint, seq);
		else
			return;
		if (!(n % 32))
			cond_resched();
	}
}

/* Requests waiting in every queue, for the statistics. */
int ocf_queued_total(void)
{
	return atomic_read(&ocf_queued);
}

/*
 * The driver is going away: close its queues, complete what waited in
 * the symmetric one with EAGAIN (with the session's new sid) and move
 * the keying requests to another driver.
 */
void ocf_driver_flush_queues(struct ocf_driver *drv)
{
	struct cryptop *crp, *tcrp;
	struct cryptkop *krp, *tkrp;
	LIST_HEAD(symq);
	LIST_HEAD(asymq);
	unsigned long flags;

	spin_lock_irqsave(&drv->qlock, flags);
	drv->qdead = true;
	list_splice_init(&drv->symq, &symq);
	list_splice_init(&drv->asymq, &asymq);
	atomic_sub(drv->symq_len, &ocf_queued);
	drv->symq_len = 0;
	drv->asymq_len = 0;
	spin_unlock_irqrestore(&drv->qlock, flags);

	list_for_each_entry_safe(crp, tcrp, &symq, crp_priv.link) {
		list_del_init(&crp->crp_priv.link);
		ocf_finish(crp, EAGAIN);
	}
	list_for_each_entry_safe(krp, tkrp, &asymq, krp_priv.link) {
		list_del_init(&krp->krp_priv.link);
		ocf_driver_put(drv);
		ocf_kresubmit(krp);
	}
}
