// SPDX-License-Identifier: GPL-2.0-only
/*
 * The session table.  A consumer sid is (generation << 32 | index): the
 * index finds the object in an RCU-read xarray and the generation, which
 * is never reused, rejects stale and forged ids.  Migration gives a
 * session a new object (and sid); the old one stays as a forwarder so a
 * request naming it completes with EAGAIN and the new sid.
 */
#include <linux/module.h>
#include <linux/nospec.h>
#include <linux/rwsem.h>
#include <linux/slab.h>
#include <linux/xarray.h>
#include "ocf_internal.h"

DEFINE_XARRAY_FLAGS(ocf_ses_xa, XA_FLAGS_ALLOC1 | XA_FLAGS_LOCK_IRQ);
struct ocf_session __rcu *ocf_ses_direct[OCF_SES_DIRECT];
static atomic_t ocf_ses_gen = ATOMIC_INIT(0);
/* Serialises migrations (they call drivers, so they may sleep). */
static DEFINE_MUTEX(ocf_migrate_mutex);
/*
 * Held for reading from driver choice to publication of a new session:
 * a migration takes it for writing once, after marking what goes away,
 * so its scan sees every session built on what it is removing.
 */
static DECLARE_RWSEM(ocf_build_rwsem);

static void ocf_ses_free_rcu(struct rcu_head *head)
{
	kfree(container_of(head, struct ocf_session, rcu));
}

static void ocf_ses_put(struct ocf_session *ses)
{
	if (refcount_dec_and_test(&ses->ref))
		call_rcu(&ses->rcu, ocf_ses_free_rcu);
}

static void ocf_ses_release_work(struct work_struct *work)
{
	struct ocf_session *ses =
		container_of(work, struct ocf_session, release_work);

	ocf_session_release_legs(ses);
	ocf_ses_put(ses);
}

/*
 * The last active count is gone: give the legs back to the drivers.
 * Only the control paths (@inline_ok) may call the driver's freesession
 * directly: a completing request may be inside the driver, holding its
 * locks, and freesession may sleep.
 */
static void ocf_ses_last_put(struct ocf_session *ses, bool inline_ok)
{
	if (inline_ok && preemptible() && in_task()) {
		ocf_session_release_legs(ses);
		ocf_ses_put(ses);
	} else {
		queue_work(ocf_wq, &ses->release_work);
	}
}

static void ocf_ses_active_put(struct ocf_session *ses)
{
	if (atomic_dec_and_test(&ses->active))
		ocf_ses_last_put(ses, true);
}

static void ocf_ses_wipe_keys(struct ocf_session *ses)
{
	int i;

	for (i = 0; i < ses->ncri; i++) {
		kfree_sensitive(ses->ini[i].cri_key);
		ses->ini[i].cri_key = NULL;
	}
}

static void ocf_ses_route_work(struct work_struct *work);

static struct ocf_session *ocf_ses_alloc(void)
{
	struct ocf_session *ses = kzalloc(sizeof(*ses), GFP_KERNEL);

	if (!ses)
		return NULL;
	refcount_set(&ses->ref, 2);	/* table entry + active base */
	atomic_set(&ses->active, 1);
	ses->has_base = true;
	INIT_WORK(&ses->release_work, ocf_ses_release_work);
	INIT_WORK(&ses->route_work, ocf_ses_route_work);
	return ses;
}

/* Free an object that never became visible (no legs, not in table). */
static void ocf_ses_discard(struct ocf_session *ses)
{
	ocf_ses_wipe_keys(ses);
	kfree(ses);
}

/* Give @ses an index and a sid; it is not visible until published. */
static int ocf_ses_reserve(struct ocf_session *ses)
{
	u32 idx, gen;
	int err;

	/*
	 * The lowest free index, not the next one round: the xarray stays
	 * as shallow as the number of live sessions, so each request's
	 * lookup walks one or two levels however many sessions were
	 * created before (a cycle through 2^31 indexes ends at six).  The
	 * generation keeps a reused index's old sids dead.
	 */
	err = xa_alloc_irq(&ocf_ses_xa, &idx, NULL, xa_limit_31b, GFP_KERNEL);
	if (err < 0)
		return err;
	do {
		gen = (u32)atomic_inc_return(&ocf_ses_gen);
	} while (!gen);
	ses->sid = ((u64)gen << 32) | idx;
	return 0;
}

static void ocf_ses_unreserve(struct ocf_session *ses)
{
	xa_erase_irq(&ocf_ses_xa, CRYPTO_SESID2LID(ses->sid));
}

/* Make @ses findable by its sid; the caller holds the xarray's lock. */
static void ocf_ses_publish(struct ocf_session *ses)
{
	u32 idx = CRYPTO_SESID2LID(ses->sid);

	/* The index is reserved: nothing to allocate. */
	__xa_store(&ocf_ses_xa, idx, ses, GFP_ATOMIC);
	if (idx < OCF_SES_DIRECT)
		rcu_assign_pointer(ocf_ses_direct[idx], ses);
}

/* The opposite, for freesession and unload; under the xarray's lock. */
static void ocf_ses_unpublish(u32 idx)
{
	__xa_erase(&ocf_ses_xa, idx);
	if (idx < OCF_SES_DIRECT)
		RCU_INIT_POINTER(ocf_ses_direct[idx], NULL);
}

static int ocf_ses_copy_ini(struct ocf_session *ses, struct cryptoini *cri)
{
	int n = 0, bytes;

	for (; cri; cri = cri->cri_next, n++) {
		if (n == OCF_MAX_CRI || cri->cri_alg <= 0 ||
		    cri->cri_alg >= CRYPTO_ALGORITHM_LIMIT ||
		    cri->cri_klen < 0 || cri->cri_klen > 8 * 1024 * 8 ||
		    (cri->cri_klen && !cri->cri_key))
			goto bad;
		ses->ini[n] = *cri;
		/* Indexes per-algorithm tables; the number comes from users. */
		ses->ini[n].cri_alg = array_index_nospec(cri->cri_alg,
							 CRYPTO_ALGORITHM_LIMIT);
		ses->ini[n].cri_key = NULL;
		ses->ini[n].cri_next = NULL;
		if (n)
			ses->ini[n - 1].cri_next = &ses->ini[n];
		ses->ncri = n + 1;
		bytes = DIV_ROUND_UP(cri->cri_klen, 8);
		if (bytes) {
			ses->ini[n].cri_key = kmemdup(cri->cri_key, bytes,
						      GFP_KERNEL);
			if (!ses->ini[n].cri_key) {
				ocf_ses_wipe_keys(ses);
				return -ENOMEM;
			}
		}
	}
	if (n)
		return 0;
bad:
	ocf_ses_wipe_keys(ses);
	return -EINVAL;
}

static int ocf_newsession(u64 *sid, struct cryptoini *cri, u32 mask,
			  u32 want_id)
{
	struct ocf_session *ses;
	int err;

	might_sleep();
	if (!sid || !cri)
		return -EINVAL;
	ses = ocf_ses_alloc();
	if (!ses)
		return -ENOMEM;
	ses->mask = mask;
	ses->want_id = want_id;
	err = ocf_ses_copy_ini(ses, cri);
	if (err) {
		kfree(ses);
		return err;
	}
	err = ocf_ses_reserve(ses);
	if (err) {
		ocf_ses_discard(ses);
		return err;
	}
	down_read(&ocf_build_rwsem);
	err = ocf_session_build(ses, NULL);
	if (!err) {
		xa_lock_irq(&ocf_ses_xa);
		ocf_ses_publish(ses);
		xa_unlock_irq(&ocf_ses_xa);
	}
	up_read(&ocf_build_rwsem);
	if (err) {
		ocf_ses_unreserve(ses);
		ocf_ses_discard(ses);
		return err;
	}
	*sid = ses->sid;
	return 0;
}

int crypto_newsession(u64 *sid, struct cryptoini *cri, int hard)
{
	u32 mask = CRYPTOCAP_F_HARDWARE | CRYPTOCAP_F_SOFTWARE;

	if (hard > 0)
		mask = CRYPTOCAP_F_HARDWARE;
	else if (hard < 0)
		mask = CRYPTOCAP_F_SOFTWARE;
	return ocf_newsession(sid, cri, mask, 0);
}
EXPORT_SYMBOL_GPL(crypto_newsession);

int crypto_newsession_crid(u64 *sid, struct cryptoini *cri, int crid)
{
	u32 both = CRYPTOCAP_F_HARDWARE | CRYPTOCAP_F_SOFTWARE;

	if (crid > 0 && (crid & both))
		return ocf_newsession(sid, cri, crid & both, 0);
	if (crid > 0 && crid <= OCF_MAX_DRIVERS)
		return ocf_newsession(sid, cri, both, crid);
	if (crid > 0)
		return -EINVAL;
	return ocf_newsession(sid, cri, both, 0);
}
EXPORT_SYMBOL_GPL(crypto_newsession_crid);

u64 ocf_session_newest_sid(struct ocf_session *ses)
{
	struct ocf_session *next;
	u64 sid;

	rcu_read_lock();
	while ((next = READ_ONCE(ses->moved_to)))
		ses = next;
	sid = ses->sid;
	rcu_read_unlock();
	return sid;
}

/*
 * ocf_session_begin() found no session for @sid, or @ses without active
 * count: why, as a negative errno (the caller is in an RCU-sched
 * reader).
 */
int ocf_session_refused(struct ocf_session *ses, u64 *new_sid)
{
	struct ocf_session *next;

	if (!ses)
		return -EINVAL;
	/* moved_to and lost are set before the base count drops. */
	smp_rmb();
	if (READ_ONCE(ses->moved_to)) {
		while ((next = READ_ONCE(ses->moved_to)))
			ses = next;
		*new_sid = ses->sid;
		return -EAGAIN;
	}
	return READ_ONCE(ses->lost) ? -ENXIO : -EINVAL;
}

/* ocf_session_lookup() beyond the flat array. */
struct ocf_session *ocf_session_lookup_xa(u32 idx)
{
	XA_STATE(xas, &ocf_ses_xa, idx);
	struct ocf_session *ses;

	rcu_read_lock();
	do {
		ses = xas_load(&xas);
		/*
		 * A reserved index (a session being built) holds a zero
		 * entry, which xas_retry() would retry for ever.
		 */
		if (xa_is_zero(ses)) {
			ses = NULL;
			break;
		}
	} while (xas_retry(&xas, ses));
	rcu_read_unlock();
	return ses;
}

/*
 * Open the routing legs asked for and decide again where probes asked.
 * The active count keeps the legs (and the drivers) from going while we
 * add one; the build lock makes a migration that starts meanwhile wait
 * for the new leg, or makes us see its driver leaving.  One run at a
 * time: route_work is not reentrant.
 */
static void ocf_ses_route_work(struct work_struct *work)
{
	struct ocf_session *ses =
		container_of(work, struct ocf_session, route_work);
	unsigned long todo, open, ov;
	int c;

	if (atomic_inc_not_zero(&ses->active)) {
		down_read(&ocf_build_rwsem);
		todo = READ_ONCE(ses->route_asked) & ~ses->route_done;
		ses->route_done |= todo;
		open = xchg(&ses->probe_open, 0);
		ov = xchg(&ses->overflow_open, 0);
		todo |= open | ov | xchg(&ses->route_redo, 0);
		for_each_set_bit(c, &todo, OCF_NCLASS) {
			if (READ_ONCE(ses->moved_to) || READ_ONCE(ses->dead) ||
			    READ_ONCE(ses->pinned))
				break;
			ocf_session_route_class(ses, c, test_bit(c, &open),
						test_bit(c, &ov));
		}
		up_read(&ocf_build_rwsem);
		ocf_ses_active_put(ses);
	}
	ocf_ses_put(ses);
}

static void ocf_ses_route_queue(struct ocf_session *ses)
{
	refcount_inc(&ses->ref);
	if (!queue_work(ocf_wq, &ses->route_work))
		ocf_ses_put(ses);
}

/*
 * The first request of size class @class came to a session that would
 * route it to another driver: have the leg opened (any context; the
 * request itself runs on the base leg).
 */
void ocf_session_route_ask(struct ocf_session *ses, int class)
{
	if (!test_and_set_bit(class, &ses->route_asked))
		ocf_ses_route_queue(ses);
}

/*
 * Have route_work decide about @class again, for the reason @why (a bit
 * mask of the session: route_redo, probe_open or overflow_open).  Any
 * context, with an active count held.
 */
void ocf_session_route_again(struct ocf_session *ses, unsigned long *why,
			     int class)
{
	set_bit(class, why);
	ocf_ses_route_queue(ses);
}

/* ocf_session_end() dropped the last active count (any context). */
void ocf_session_last_put(struct ocf_session *ses)
{
	ocf_ses_last_put(ses, false);
}

/* Take the base count away (once) so the legs go when requests end. */
static void ocf_ses_drop_base(struct ocf_session *ses, bool had_base)
{
	if (had_base)
		ocf_ses_active_put(ses);
}

int crypto_freesession(u64 sid)
{
	struct ocf_session *ses, *next, *list = NULL;
	unsigned long flags;

	xa_lock_irqsave(&ocf_ses_xa, flags);
	ses = ocf_session_lookup(sid);
	if (!ses || ses->dead) {
		xa_unlock_irqrestore(&ocf_ses_xa, flags);
		return -EINVAL;
	}
	/* Free the whole migration chain, whichever of its sids was named. */
	while (ses->moved_to)
		ses = ses->moved_to;
	for (; ses; ses = ses->moved_from) {
		ses->dead = true;
		ocf_ses_unpublish(CRYPTO_SESID2LID(ses->sid));
		ses->free_next = list;
		list = ses;
	}
	xa_unlock_irqrestore(&ocf_ses_xa, flags);

	for (ses = list; ses; ses = next) {
		bool had_base;

		next = ses->free_next;
		xa_lock_irqsave(&ocf_ses_xa, flags);
		had_base = ses->has_base;
		ses->has_base = false;
		xa_unlock_irqrestore(&ocf_ses_xa, flags);
		ocf_ses_drop_base(ses, had_base);
		ocf_ses_put(ses);
	}
	return 0;
}
EXPORT_SYMBOL_GPL(crypto_freesession);

/* Does @drv serve the session's algorithm number @i (on any leg)? */
static bool ocf_ses_uses_alg_on(const struct ocf_session *ses, int i,
				const struct ocf_driver *drv)
{
	/* Pairs with the release in ocf_alt_leg(): whole legs only. */
	int n = ses->nlegs + smp_load_acquire(&ses->nalt), l;

	if (ses->legs[ses->cri_leg[i]].drv == drv)
		return true;
	for (l = ses->nlegs; l < n; l++)
		if (ses->legs[l].drv == drv)
			return true;
	return false;
}

static bool ocf_ses_uses(const struct ocf_session *ses,
			 const struct ocf_driver *drv, int alg)
{
	int i;

	for (i = 0; i < ses->ncri; i++)
		if ((!alg || ses->ini[i].cri_alg == alg) &&
		    ocf_ses_uses_alg_on(ses, i, drv))
			return true;
	return false;
}

/* Move one session off @drv; the caller holds ocf_migrate_mutex. */
static void ocf_ses_migrate(struct ocf_session *ses, struct ocf_driver *drv)
{
	struct ocf_session *nses;
	unsigned long flags;
	bool had_base = false, moved = false;
	int err, i;

	if (!atomic_inc_not_zero(&ses->active))
		return;		/* freed, moved or lost meanwhile */
	nses = ocf_ses_alloc();
	if (!nses)
		goto lose;
	nses->mask = ses->mask;
	nses->want_id = ses->want_id;
	nses->pinned = READ_ONCE(ses->pinned);
	err = ocf_ses_copy_ini(nses, &ses->ini[0]);
	if (!err)
		err = ocf_ses_reserve(nses);
	if (err) {
		ocf_ses_discard(nses);
		nses = NULL;
		goto lose;
	}
	err = ocf_session_build(nses, drv);
	if (err && (nses->want_id || nses->mask != (CRYPTOCAP_F_HARDWARE |
						    CRYPTOCAP_F_SOFTWARE))) {
		/* The chosen driver class is gone: any driver beats none. */
		nses->want_id = 0;
		nses->mask = CRYPTOCAP_F_HARDWARE | CRYPTOCAP_F_SOFTWARE;
		err = ocf_session_build(nses, drv);
	}
	if (err) {
		ocf_ses_unreserve(nses);
		ocf_ses_discard(nses);
		nses = NULL;
	}
lose:
	xa_lock_irqsave(&ocf_ses_xa, flags);
	if (!ses->dead && ses->has_base) {
		if (nses) {
			ocf_ses_publish(nses);
			nses->moved_from = ses;
			WRITE_ONCE(ses->moved_to, nses);
			moved = true;
		} else {
			WRITE_ONCE(ses->lost, true);
		}
		had_base = true;
		ses->has_base = false;
	}
	xa_unlock_irqrestore(&ocf_ses_xa, flags);

	if (nses && !moved) {
		/* Freed while we built the replacement: undo it. */
		ocf_ses_unreserve(nses);
		nses->has_base = false;
		ocf_ses_active_put(nses);
		ocf_ses_put(nses);
	}
	if (moved) {
		atomic64_inc(&drv->migrations);
		for (i = 0; i < ses->ncri; i++)
			if (ocf_ses_uses_alg_on(ses, i, drv))
				atomic_inc(&drv->alg_migrations[ses->ini[i].cri_alg]);
	} else if (!nses && had_base) {
		pr_warn("ocf: session %llx lost: no driver but %s can take it\n",
			ses->sid, drv->name);
	}
	ocf_ses_drop_base(ses, had_base);
	ocf_ses_active_put(ses);
}

/* Move every session with a leg on @drv (using @alg, or any when 0). */
void ocf_session_migrate_driver(struct ocf_driver *drv, int alg)
{
	struct ocf_session *ses;
	unsigned long idx;

	/* Let sessions being built on what goes away get published. */
	down_write(&ocf_build_rwsem);
	up_write(&ocf_build_rwsem);
	mutex_lock(&ocf_migrate_mutex);
	xa_for_each(&ocf_ses_xa, idx, ses) {
		rcu_read_lock();
		ses = xa_load(&ocf_ses_xa, idx);
		if (!ses || !refcount_inc_not_zero(&ses->ref)) {
			rcu_read_unlock();
			continue;
		}
		rcu_read_unlock();
		/* Legs are fixed while the session is active. */
		if (atomic_read(&ses->active) && ocf_ses_uses(ses, drv, alg))
			ocf_ses_migrate(ses, drv);
		ocf_ses_put(ses);
	}
	mutex_unlock(&ocf_migrate_mutex);
}

int crypto_session_driver(u64 sid, int alg, u32 *driverid)
{
	struct ocf_session *ses;
	u64 nsid;
	int err, i;

	if (!driverid)
		return -EINVAL;
	ses = ocf_session_begin(sid, &err, &nsid);
	if (!ses)
		return -err;
	err = -ENOENT;
	for (i = 0; i < ses->ncri; i++) {
		if (!alg || ses->ini[i].cri_alg == alg) {
			*driverid = ses->legs[ses->cri_leg[i]].drv->id;
			err = 0;
			break;
		}
	}
	ocf_session_end(ses);
	return err;
}
EXPORT_SYMBOL_GPL(crypto_session_driver);

/*
 * What implements @alg (0: the first algorithm) of a session, as its
 * driver names it: -EOPNOTSUPP when the driver has no describe hook.
 */
int crypto_session_impl(u64 sid, int alg, char *buf, size_t len)
{
	struct ocf_session *ses;
	struct ocf_leg *leg = NULL;
	crypto_describe_t fn;
	u64 nsid;
	int err, i;

	might_sleep();
	if (!buf || !len)
		return -EINVAL;
	buf[0] = '\0';
	ses = ocf_session_begin(sid, &err, &nsid);
	if (!ses)
		return -err;
	for (i = 0; i < ses->ncri && !leg; i++) {
		if (!alg || ses->ini[i].cri_alg == alg) {
			leg = &ses->legs[ses->cri_leg[i]];
			alg = ses->ini[i].cri_alg;
		}
	}
	if (!leg) {
		err = -ENOENT;
	} else {
		fn = READ_ONCE(leg->drv->describe);
		err = fn ? fn(leg->drv->arg, leg->dsid, alg, buf, len) :
			   -EOPNOTSUPP;
		if (err > 0)
			err = -err;
		buf[len - 1] = '\0';
	}
	ocf_session_end(ses);
	return err;
}
EXPORT_SYMBOL_GPL(crypto_session_impl);

int crypto_copystate(u64 dst_sid, u64 src_sid)
{
	struct ocf_session *dst, *src;
	struct ocf_driver *drv;
	crypto_copystate_t fn;
	u64 nsid;
	int err;

	dst = ocf_session_begin(dst_sid, &err, &nsid);
	if (!dst)
		return -err;
	src = ocf_session_begin(src_sid, &err, &nsid);
	if (!src) {
		ocf_session_end(dst);
		return -err;
	}
	drv = dst->legs[0].drv;
	if (dst->nlegs != 1 || src->nlegs != 1 || src->legs[0].drv != drv) {
		err = -EINVAL;
	} else {
		/* The state lives in the base legs: keep both sessions there. */
		WRITE_ONCE(dst->pinned, true);
		WRITE_ONCE(src->pinned, true);
		fn = READ_ONCE(drv->copystate);
		err = fn ? fn(drv->arg, dst->legs[0].dsid, src->legs[0].dsid) :
			   -EOPNOTSUPP;
		if (err > 0)
			err = -err;
	}
	ocf_session_end(src);
	ocf_session_end(dst);
	return err;
}
EXPORT_SYMBOL_GPL(crypto_copystate);

int ocf_sessions_init(void)
{
	return 0;
}

/* At unload every driver is gone; free what consumers left behind. */
void ocf_sessions_exit(void)
{
	struct ocf_session *ses;
	unsigned long idx;
	int left = 0;

	xa_for_each(&ocf_ses_xa, idx, ses) {
		xa_lock_irq(&ocf_ses_xa);
		ocf_ses_unpublish(idx);
		xa_unlock_irq(&ocf_ses_xa);
		ocf_ses_wipe_keys(ses);
		left++;
		/* Live legs would pin a driver module: none can be left. */
		if (!atomic_read(&ses->active))
			kfree(ses);
	}
	if (left)
		pr_warn("ocf: %d sessions were never freed\n", left);
	xa_destroy(&ocf_ses_xa);
}
