// SPDX-License-Identifier: GPL-2.0-only
/*
 * In-kernel tests of the framework core (ocf.ko), with fake drivers.
 *
 * The fake drivers register only the test-reserved algorithm numbers
 * (CRYPTO_TEST_ALG_FIRST..LAST), so no consumer of a real algorithm can
 * ever be sent to them.  Their "algorithms" are trivial and checkable:
 *   FK_XOR  XOR [skip, skip + len) with the session's key byte
 *   FK_SUM  write the 32-bit byte sum of [skip, skip + len) at inject
 * Results: /sys/kernel/debug/ocf_test/ocf_core_test (KTAP).
 */
#include <linux/delay.h>
#include <linux/fs.h>
#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/scatterlist.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/uio.h>
#include <linux/vmalloc.h>
#include <linux/wait.h>
#include <opencrypto/cryptodev.h>
#include "ktap.h"

static unsigned int stress_count = 1000000;
module_param(stress_count, uint, 0444);
MODULE_PARM_DESC(stress_count, "Requests in the multi-CPU stress case");

#define FK_XOR		CRYPTO_TEST_ALG_FIRST
#define FK_SUM		(CRYPTO_TEST_ALG_FIRST + 1)
#define FK_COST		(CRYPTO_TEST_ALG_FIRST + 2)
#define FK_TIE		(CRYPTO_TEST_ALG_FIRST + 3)
#define FK_STAT		(CRYPTO_TEST_ALG_FIRST + 4)
#define FK_ONE		(CRYPTO_TEST_ALG_FIRST + 5)
#define FK_ROUTE	(CRYPTO_TEST_ALG_FIRST + 6)
#define FK_MAXLEN	(CRYPTO_TEST_ALG_FIRST + 7)
#define FK_SOFT		(CRYPTO_TEST_ALG_FIRST + 8)
#define FK_NONE		CRYPTO_TEST_ALG_LAST	/* never registered */

#define FK_MAXSES	4096
#define WAIT_MS		20000
#define OCF_TEST_BAD_ID	0x7fff

static struct ktap_suite suite;

/* ---- the fake driver ---------------------------------------------- */

enum fk_mode {
	FK_INLINE,	/* crypto_done() inside process() */
	FK_HOLD,	/* keep until fk_release(); ERESTART beyond cap */
	FK_IRQ,		/* complete from a hard-IRQ hrtimer */
	FK_BATCH,	/* all pending, batch_us after the first of them */
};

struct fk_ses {
	bool	used;
	int	n;
	int	alg[4];
	u8	key[4];
};

struct fake {
	const char	*name;
	s32		id;
	u32		flags;
	enum fk_mode	mode;
	int		cap;
	unsigned int	delay_us;
	unsigned int	delay_small_us;	/* extra, longest crd_len <= 64 */
	unsigned int	delay_big_us;	/* extra, longest crd_len > 64 */
	unsigned int	batch_us;	/* FK_BATCH */
	u16		maxoplen;	/* given to crypto_register() */
	atomic_t	small, big;	/* requests run, by size */
	atomic_t	pinned_flags;	/* requests with HASH_* or KEY_EXPLICIT */
	bool		gone;		/* crypto_unregister_all() returned */
	spinlock_t	lock;
	struct list_head pending;
	int		npending;
	struct hrtimer	timer;
	struct fk_ses	ses[FK_MAXSES];
	atomic_t	newses, freeses, process, hints, restarts, kprocess;
	atomic_t	bad_sid, after_gone, copystate;
	int		last_ndesc;
	u64		last_dst, last_src;
	bool		check_order;	/* crp_opaque holds 0, 1, 2, ... */
	long		next_seq;
	atomic_t	order_bad;
};

static struct fake *fk_alloc(const char *name, u32 flags, enum fk_mode mode)
{
	struct fake *fk = vzalloc(sizeof(*fk));

	if (!fk)
		return NULL;
	fk->name = name;
	fk->flags = flags;
	fk->mode = mode;
	fk->cap = INT_MAX;
	spin_lock_init(&fk->lock);
	INIT_LIST_HEAD(&fk->pending);
	return fk;
}

static int fk_newsession(void *arg, u32 *lid, struct cryptoini *cri)
{
	struct fake *fk = arg;
	unsigned long flags;
	int i, n = 0;

	if (fk->gone)
		atomic_inc(&fk->after_gone);
	spin_lock_irqsave(&fk->lock, flags);
	for (i = 1; i < FK_MAXSES && fk->ses[i].used; i++)
		;
	if (i == FK_MAXSES) {
		spin_unlock_irqrestore(&fk->lock, flags);
		return -ENOSPC;
	}
	memset(&fk->ses[i], 0, sizeof(fk->ses[i]));
	for (; cri && n < 4; cri = cri->cri_next, n++) {
		fk->ses[i].alg[n] = cri->cri_alg;
		fk->ses[i].key[n] = cri->cri_klen ? *(u8 *)cri->cri_key : 0;
	}
	fk->ses[i].n = n;
	fk->ses[i].used = true;
	spin_unlock_irqrestore(&fk->lock, flags);
	*lid = i;
	atomic_inc(&fk->newses);
	return 0;
}

static int fk_freesession(void *arg, u64 sid)
{
	struct fake *fk = arg;
	u32 lid = CRYPTO_SESID2LID(sid);

	if (fk->gone)
		atomic_inc(&fk->after_gone);
	if (CRYPTO_SESID2HID(sid) != (u32)fk->id || !lid ||
	    lid >= FK_MAXSES || !fk->ses[lid].used) {
		atomic_inc(&fk->bad_sid);
		return -EINVAL;
	}
	fk->ses[lid].used = false;
	atomic_inc(&fk->freeses);
	return 0;
}

/*
 * Busy for @us on the clock the framework times requests with: in some
 * TCG boots udelay() hardly waits (its calibration is off).
 */
static void fk_spin(unsigned int us)
{
	ktime_t end = ktime_add_us(ktime_get(), us);

	while (us && ktime_before(ktime_get(), end))
		cpu_relax();
}

/* Run the request's descriptors; returns 0 or -errno (crp_etype). */
static int fk_run(struct fake *fk, struct cryptop *crp)
{
	u32 lid = CRYPTO_SESID2LID(crp->crp_sid);
	struct cryptodesc *crd;
	struct fk_ses *s;
	int n = 0, i, k, longest = 0;
	u8 buf[256];

	if (CRYPTO_SESID2HID(crp->crp_sid) != (u32)fk->id || !lid ||
	    lid >= FK_MAXSES || !fk->ses[lid].used) {
		atomic_inc(&fk->bad_sid);
		return -EINVAL;
	}
	s = &fk->ses[lid];
	for (crd = crp->crp_desc; crd; crd = crd->crd_next) {
		if (crd->crd_len > longest)
			longest = crd->crd_len;
		if (crd->crd_flags & (CRD_F_HASH_PARTIAL | CRD_F_HASH_RESET |
				      CRD_F_KEY_EXPLICIT))
			atomic_inc(&fk->pinned_flags);
	}
	atomic_inc(longest > 64 ? &fk->big : &fk->small);
	for (crd = crp->crp_desc; crd; crd = crd->crd_next, n++) {
		for (k = 0; k < s->n && s->alg[k] != crd->crd_alg; k++)
			;
		if (k == s->n || crd->crd_len < 0 ||
		    crd->crd_len > (int)sizeof(buf))
			return -EINVAL;
		if (crypto_copydata(crp->crp_flags, crp->crp_buf,
				    crd->crd_skip, crd->crd_len, buf))
			return -EINVAL;
		if (crd->crd_alg == FK_SUM) {
			u32 sum = 0;

			for (i = 0; i < crd->crd_len; i++)
				sum += buf[i];
			if (crypto_copyback(crp->crp_flags, crp->crp_buf,
					    crd->crd_inject, 4, &sum))
				return -EINVAL;
		} else {
			for (i = 0; i < crd->crd_len; i++)
				buf[i] ^= s->key[k];
			if (crypto_copyback(crp->crp_flags, crp->crp_buf,
					    crd->crd_skip, crd->crd_len, buf))
				return -EINVAL;
		}
	}
	fk->last_ndesc = n;
	fk_spin(fk->delay_us);
	fk_spin(longest > 64 ? fk->delay_big_us : fk->delay_small_us);
	return 0;
}

static int fk_process(void *arg, struct cryptop *crp, int hint)
{
	struct fake *fk = arg;
	unsigned long flags;

	if (fk->gone)
		atomic_inc(&fk->after_gone);
	atomic_inc(&fk->process);
	if (hint & CRYPTO_HINT_MORE)
		atomic_inc(&fk->hints);
	if (fk->mode == FK_INLINE) {
		crp->crp_etype = -fk_run(fk, crp);
		crypto_done(crp);
		return 0;
	}
	spin_lock_irqsave(&fk->lock, flags);
	if (fk->npending >= fk->cap) {
		spin_unlock_irqrestore(&fk->lock, flags);
		atomic_inc(&fk->restarts);
		return -ERESTART;
	}
	/* The sid is the driver's own until completion: run now. */
	crp->crp_etype = -fk_run(fk, crp);
	if (fk->check_order && (long)crp->crp_opaque != fk->next_seq++)
		atomic_inc(&fk->order_bad);
	list_add_tail(&crp->crp_next, &fk->pending);
	/* A batch's first request sets its end: later ones do not move it. */
	if (fk->mode == FK_BATCH && !fk->npending++)
		hrtimer_start(&fk->timer, ns_to_ktime(fk->batch_us * 1000ULL),
			      HRTIMER_MODE_REL_HARD);
	else if (fk->mode != FK_BATCH)
		fk->npending++;
	spin_unlock_irqrestore(&fk->lock, flags);
	if (fk->mode == FK_IRQ)
		hrtimer_start(&fk->timer, ns_to_ktime(20000),
			      HRTIMER_MODE_REL_HARD);
	return 0;
}

/* Complete everything pending (any context). */
static int fk_release(struct fake *fk)
{
	struct cryptop *crp, *tmp;
	unsigned long flags;
	LIST_HEAD(list);
	int n = 0;

	spin_lock_irqsave(&fk->lock, flags);
	list_splice_init(&fk->pending, &list);
	fk->npending = 0;
	spin_unlock_irqrestore(&fk->lock, flags);
	list_for_each_entry_safe(crp, tmp, &list, crp_next) {
		list_del_init(&crp->crp_next);
		crypto_done(crp);
		n++;
	}
	return n;
}

/* Complete the oldest request @fk holds; false when it holds none. */
static bool fk_release_one(struct fake *fk)
{
	struct cryptop *crp;
	unsigned long flags;

	spin_lock_irqsave(&fk->lock, flags);
	crp = list_first_entry_or_null(&fk->pending, struct cryptop,
				       crp_next);
	if (crp) {
		list_del_init(&crp->crp_next);
		fk->npending--;
	}
	spin_unlock_irqrestore(&fk->lock, flags);
	if (crp)
		crypto_done(crp);
	return crp;
}

static bool irq_seen_hard;

static enum hrtimer_restart fk_timer(struct hrtimer *t)
{
	struct fake *fk = container_of(t, struct fake, timer);

	if (in_hardirq())
		irq_seen_hard = true;
	fk_release(fk);
	return HRTIMER_NORESTART;
}

static int fk_kprocess(void *arg, struct cryptkop *krp, int hint)
{
	struct fake *fk = arg;

	atomic_inc(&fk->kprocess);
	if (fk->mode == FK_HOLD && fk->cap == 0)
		return -ERESTART;
	krp->krp_status = 0;
	crypto_kdone(krp);
	return 0;
}

static int fk_copystate(void *arg, u64 dst, u64 src)
{
	struct fake *fk = arg;

	fk->last_dst = dst;
	fk->last_src = src;
	atomic_inc(&fk->copystate);
	return 0;
}

static int fk_register(struct fake *fk, const int *algs, int nalgs)
{
	int i, err;

	fk->id = crypto_get_driverid_named(fk->flags, fk->name);
	if (fk->id < 0)
		return -ENODEV;
	hrtimer_init(&fk->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	fk->timer.function = fk_timer;
	for (i = 0; i < nalgs; i++) {
		err = crypto_register(fk->id, algs[i], fk->maxoplen, 0,
				      fk_newsession,
				      fk_freesession, fk_process, fk);
		if (err)
			return err;
	}
	return 0;
}

static void fk_unregister(struct fake *fk)
{
	if (fk->id > 0 && !fk->gone) {
		crypto_unregister_all(fk->id);
		fk->gone = true;
	}
	hrtimer_cancel(&fk->timer);
}

static void fk_free(struct fake *fk)
{
	if (!fk)
		return;
	fk_unregister(fk);
	vfree(fk);
}

/* ---- consumer helpers --------------------------------------------- */

struct waiter {
	wait_queue_head_t	wq;
	atomic_t		calls;
	int			etype;
	u64			sid;
	bool			in_irq;
	bool			in_bh;		/* BHs off (a driver's worker) */
	bool			in_dispatcher;	/* ran on the dispatching task */
	struct task_struct	*dispatcher;
	bool			cbimm_freed;
};

static int w_callback(struct cryptop *crp)
{
	struct waiter *w = crp->crp_opaque;
	unsigned long flags;

	w->etype = crp->crp_etype;
	w->sid = crp->crp_sid;
	w->in_irq = in_hardirq();
	w->in_bh = in_softirq();
	w->in_dispatcher = !in_interrupt() && current == w->dispatcher;
	/*
	 * Count and wake under the wait queue's lock: once w_wait() saw
	 * the count and took that lock, this callback is done with @w,
	 * which lives on its owner's stack and is reused at once.
	 */
	spin_lock_irqsave(&w->wq.lock, flags);
	atomic_inc(&w->calls);
	wake_up_locked(&w->wq);
	spin_unlock_irqrestore(&w->wq.lock, flags);
	return 0;
}

static void w_init(struct waiter *w)
{
	memset(w, 0, sizeof(*w));
	init_waitqueue_head(&w->wq);
	w->dispatcher = current;
}

static bool w_wait(struct waiter *w, int n)
{
	bool ok = wait_event_timeout(w->wq, atomic_read(&w->calls) >= n,
				     msecs_to_jiffies(WAIT_MS)) > 0;

	/* A callback still waking us leaves @w before we return. */
	spin_lock_irq(&w->wq.lock);
	spin_unlock_irq(&w->wq.lock);
	return ok;
}

static int new1(u64 *sid, int alg, u8 key, int crid)
{
	struct cryptoini cri = { .cri_alg = alg, .cri_klen = 8,
				 .cri_key = &key };

	return crypto_newsession_crid(sid, &cri, crid);
}

/* A one-descriptor request over @buf (16 bytes) for @alg. */
static struct cryptop *req1(u64 sid, int alg, void *buf, struct waiter *w)
{
	struct cryptop *crp = crypto_getreq(1);

	if (!crp)
		return NULL;
	crp->crp_sid = sid;
	crp->crp_ilen = 16;
	crp->crp_buf = buf;
	crp->crp_callback = w_callback;
	crp->crp_opaque = w;
	crp->crp_desc->crd_alg = alg;
	crp->crp_desc->crd_len = 16;
	return crp;
}

#define CHECK(cond, name) ktap_result(&suite, (cond), name)

static bool all_bytes(const u8 *p, int n, u8 v)
{
	while (n--)
		if (*p++ != v)
			return false;
	return true;
}

/* ---- cases -------------------------------------------------------- */

static void t_registration(void)
{
	struct fake *a = fk_alloc("ocftest-reg", CRYPTOCAP_F_SOFTWARE |
				  CRYPTOCAP_F_SYNC, FK_INLINE);
	int algs[] = { FK_XOR };
	char name[CRYPTO_DRIVER_NAME_LEN];
	u32 flags = 0;
	bool ok;

	ok = a && !fk_register(a, algs, 1) && a->id >= 1;
	CHECK(ok, "register: crypto_get_driverid and crypto_register");
	if (!ok)
		goto out;
	CHECK(crypto_find_driver("ocftest-reg") == a->id,
	      "look-up: crypto_find_driver by name");
	CHECK(!crypto_get_driver_name(a->id, name, sizeof(name)) &&
	      !strcmp(name, "ocftest-reg"), "look-up: crypto_get_driver_name");
	CHECK(!crypto_driver_flags(a->id, &flags) &&
	      (flags & CRYPTOCAP_F_SOFTWARE) && (flags & CRYPTOCAP_F_SYNC),
	      "look-up: crypto_driver_flags");
	CHECK(crypto_register(a->id, 0, 0, 0, fk_newsession, fk_freesession,
			      fk_process, a) == -EINVAL &&
	      crypto_register(a->id, CRYPTO_ALGORITHM_LIMIT, 0, 0,
			      fk_newsession, fk_freesession, fk_process, a) ==
	      -EINVAL &&
	      crypto_register(OCF_TEST_BAD_ID, FK_XOR, 0, 0, fk_newsession,
			      fk_freesession, fk_process, a) == -EINVAL,
	      "register: bad algorithm or driver id is EINVAL");
	CHECK(crypto_get_driverid(CRYPTOCAP_F_HARDWARE |
				  CRYPTOCAP_F_SOFTWARE) == -1,
	      "register: hardware and software at once is refused");
	CHECK(crypto_unregister_all(a->id) == 0, "unregister: crypto_unregister_all");
	a->gone = true;
	CHECK(crypto_find_driver("ocftest-reg") == -ENOENT &&
	      crypto_get_driver_name(a->id, name, sizeof(name)) == -ENOENT &&
	      crypto_unregister_all(a->id) == -EINVAL,
	      "unregister: driver gone from look-ups, second call EINVAL");
out:
	fk_free(a);
}

static int k_callback(struct cryptkop *krp)
{
	struct waiter *w = krp->krp_opaque;

	w->etype = krp->krp_status;
	atomic_inc(&w->calls);
	wake_up(&w->wq);
	return 0;
}

static void t_errors(void)
{
	struct fake *a = fk_alloc("ocftest-err", CRYPTOCAP_F_SOFTWARE,
				  FK_INLINE);
	int algs[] = { FK_XOR };
	struct cryptoini cri = { .cri_alg = FK_XOR };
	struct cryptkop krp = { };
	struct cryptop *crp = NULL;
	struct waiter w;
	u8 buf[16] = { };
	u64 sid = 0, sid2;
	int err;

	if (!a || fk_register(a, algs, 1)) {
		CHECK(false, "errors: fake driver registers");
		goto out;
	}
	CHECK(crypto_newsession(NULL, &cri, 0) == -EINVAL &&
	      crypto_newsession(&sid, NULL, 0) == -EINVAL,
	      "errors: newsession with NULL sid or cryptoini is EINVAL");
	cri.cri_alg = 0;
	err = crypto_newsession(&sid, &cri, 0);
	cri.cri_alg = CRYPTO_ALGORITHM_LIMIT;
	CHECK(err == -EINVAL && crypto_newsession(&sid, &cri, 0) == -EINVAL,
	      "errors: newsession with an invalid algorithm is EINVAL");
	cri.cri_alg = FK_NONE;
	CHECK(crypto_newsession(&sid, &cri, 0) == -EOPNOTSUPP,
	      "errors: newsession nobody supports is EOPNOTSUPP");
	cri.cri_alg = FK_XOR;
	cri.cri_klen = 8;
	cri.cri_key = NULL;
	CHECK(crypto_newsession(&sid, &cri, 0) == -EINVAL,
	      "errors: key length without a key is EINVAL");
	CHECK(new1(&sid, FK_XOR, 1, CRYPTOCAP_F_HARDWARE) == -EOPNOTSUPP,
	      "errors: hardware-only newsession ignores a software driver");
	CHECK(crypto_freesession(0) == -EINVAL &&
	      crypto_freesession(0x123456789ULL) == -EINVAL,
	      "errors: freesession of 0 or a forged sid is EINVAL");
	/*
	 * The framework's sid is its own (generation << 32 | index), not
	 * the driver's (id << 32 | lid): a generation may equal the driver
	 * id by chance, two in a row cannot.
	 */
	err = new1(&sid, FK_XOR, 1, a->id);
	if (!err)
		err = new1(&sid2, FK_XOR, 1, a->id);
	CHECK(!err && sid && sid2 && sid != sid2 &&
	      (CRYPTO_SESID2HID(sid) != (u32)a->id ||
	       CRYPTO_SESID2HID(sid2) != (u32)a->id),
	      "sid: newsession gives a non-zero framework sid");
	if (!err)
		crypto_freesession(sid2);
	sid2 = sid ^ (1ULL << 40);
	CHECK(crypto_freesession(sid2) == -EINVAL &&
	      crypto_freesession(sid + 1) == -EINVAL,
	      "errors: a sid with a wrong generation or index is EINVAL");

	CHECK(crypto_dispatch(NULL) == -EINVAL, "errors: dispatch(NULL) is EINVAL");
	crp = crypto_getreq(1);
	if (!crp)
		goto out;
	crp->crp_sid = sid;
	crp->crp_callback = NULL;
	CHECK(crypto_dispatch(crp) == -EINVAL,
	      "errors: dispatch without callback is EINVAL");

	w_init(&w);
	crypto_freereq(crp);
	crp = req1(sid, FK_XOR, buf, &w);
	crp->crp_desc->crd_alg = FK_SUM;	/* not in the session */
	err = crypto_dispatch(crp);
	CHECK(!err && w_wait(&w, 1) && w.etype == EINVAL && w.sid == sid,
	      "errors: driver error reaches the callback in crp_etype");

	CHECK(!crypto_freesession(sid) && crypto_freesession(sid) == -EINVAL,
	      "errors: second freesession is EINVAL");
	w_init(&w);
	crp->crp_desc->crd_alg = FK_XOR;
	crp->crp_sid = sid;
	err = crypto_dispatch(crp);
	CHECK(!err && w_wait(&w, 1) && w.etype == EINVAL &&
	      atomic_read(&a->process) == 1,
	      "errors: dispatch on a freed sid calls back EINVAL, driver untouched");
	w_init(&w);
	crp->crp_sid = 0;
	err = crypto_dispatch(crp);
	CHECK(!err && w_wait(&w, 1) && w.etype == EINVAL,
	      "errors: dispatch on sid 0 calls back EINVAL");
	CHECK(atomic_read(&a->bad_sid) == 0 &&
	      atomic_read(&a->freeses) == atomic_read(&a->newses),
	      "errors: driver saw only its own sids, freesession per session");

	CHECK(!crypto_getreq(-1), "errors: getreq(-1) is NULL");
	CHECK(crypto_kdispatch(NULL) == -EINVAL,
	      "errors: kdispatch(NULL) is EINVAL");
	w_init(&w);
	krp.krp_op = CRK_DH_COMPUTE_KEY;
	krp.krp_hid = a->id;	/* has no keying support */
	krp.krp_callback = k_callback;
	krp.krp_opaque = &w;
	err = crypto_kdispatch(&krp);
	CHECK(!err && w_wait(&w, 1) && w.etype == ENODEV,
	      "errors: keying request no driver can do calls back ENODEV");
	w_init(&w);
	krp.krp_op = 77;
	err = crypto_kdispatch(&krp);
	CHECK(!err && w_wait(&w, 1) && w.etype == EINVAL,
	      "errors: unknown keying op calls back EINVAL");
out:
	crypto_freereq(crp);
	fk_free(a);
}

/* Sids, inline vs queued callbacks, completion from hard IRQ. */
static void t_callbacks(void)
{
	struct fake *s = fk_alloc("ocftest-sync", CRYPTOCAP_F_SOFTWARE |
				  CRYPTOCAP_F_SYNC, FK_INLINE);
	struct fake *h = fk_alloc("ocftest-irq", CRYPTOCAP_F_HARDWARE,
				  FK_IRQ);
	int algs[] = { FK_XOR };
	struct cryptop *crp = NULL;
	struct waiter w;
	u8 buf[16];
	u64 sid = 0, hsid = 0;
	u32 drv;

	if (!s || !h || fk_register(s, algs, 1) || fk_register(h, algs, 1) ||
	    new1(&sid, FK_XOR, 0x5a, s->id) || new1(&hsid, FK_XOR, 0x0f, h->id)) {
		CHECK(false, "callbacks: set-up");
		goto out;
	}
	CHECK(!crypto_session_driver(sid, FK_XOR, &drv) && drv == (u32)s->id &&
	      !crypto_session_driver(hsid, 0, &drv) && drv == (u32)h->id &&
	      crypto_session_driver(sid, FK_SUM, &drv) == -ENOENT,
	      "look-up: crypto_session_driver names the serving driver");

	memset(buf, 0, sizeof(buf));
	w_init(&w);
	crp = req1(sid, FK_XOR, buf, &w);
	CHECK(!crypto_dispatch(crp) && w_wait(&w, 1) && !w.etype &&
	      w.sid == sid && all_bytes(buf, 16, 0x5a) &&
	      atomic_read(&s->bad_sid) == 0,
	      "dispatch: driver sees its own sid, consumer gets its sid back");
	CHECK(!w.in_dispatcher && (crp->crp_flags & CRYPTO_F_DONE),
	      "callback: queued by default (not on the dispatching task)");
	msleep(20);
	CHECK(atomic_read(&w.calls) == 1, "callback: exactly once");

	w_init(&w);
	crp->crp_flags = CRYPTO_F_CBIMM;
	CHECK(!crypto_dispatch(crp) && atomic_read(&w.calls) == 1 &&
	      w.in_dispatcher && !w.etype,
	      "callback: CRYPTO_F_CBIMM runs it inline from crypto_done");
	w_init(&w);
	crp->crp_flags = CRYPTO_F_CBIFSYNC;
	CHECK(!crypto_dispatch(crp) && atomic_read(&w.calls) == 1 &&
	      w.in_dispatcher,
	      "callback: CRYPTO_F_CBIFSYNC inline on a SYNC driver");

	/* The IRQ driver is not SYNC: CBIFSYNC queues. */
	memset(buf, 0, sizeof(buf));
	w_init(&w);
	irq_seen_hard = false;
	crp->crp_sid = hsid;
	crp->crp_flags = CRYPTO_F_CBIFSYNC;
	CHECK(!crypto_dispatch(crp) && w_wait(&w, 1) && !w.etype &&
	      !w.in_irq && w.sid == hsid && all_bytes(buf, 16, 0x0f) &&
	      irq_seen_hard,
	      "irq: crypto_done from hard IRQ, callback later in task context");
	w_init(&w);
	irq_seen_hard = false;
	crp->crp_flags = CRYPTO_F_CBIMM;
	CHECK(!crypto_dispatch(crp) && w_wait(&w, 1) && w.in_irq &&
	      irq_seen_hard && !w.etype,
	      "irq: CRYPTO_F_CBIMM callback runs in the IRQ");
	msleep(20);
	CHECK(atomic_read(&w.calls) == 1 && atomic_read(&h->bad_sid) == 0,
	      "irq: exactly one callback");
	crypto_freesession(sid);
	crypto_freesession(hsid);
out:
	crypto_freereq(crp);
	fk_free(s);
	fk_free(h);
}

/* Requests complete in dispatch order: checked through crp_opaque. */
struct seqw {
	wait_queue_head_t	wq;
	atomic_t		calls;
	atomic_t		errors;
	atomic_t		enospc;
	atomic_t		next;	/* successful completions */
};

static int seq_callback(struct cryptop *crp)
{
	struct seqw *sw = (struct seqw *)crp->crp_mac;

	if (crp->crp_etype == ENOSPC)
		atomic_inc(&sw->enospc);
	else if (crp->crp_etype)
		atomic_inc(&sw->errors);
	else
		atomic_inc(&sw->next);
	atomic_inc(&sw->calls);
	wake_up(&sw->wq);
	return 0;
}

static void seqw_init(struct seqw *sw)
{
	memset(sw, 0, sizeof(*sw));
	init_waitqueue_head(&sw->wq);
}

static bool seqw_wait(struct seqw *sw, int n)
{
	return wait_event_timeout(sw->wq, atomic_read(&sw->calls) >= n,
				  msecs_to_jiffies(WAIT_MS)) > 0;
}

static struct cryptop **reqs_alloc(int n, u64 sid, struct seqw *sw,
				   u8 *buf, int flags)
{
	struct cryptop **v = vzalloc(n * sizeof(*v));
	int i;

	if (!v)
		return NULL;
	for (i = 0; i < n; i++) {
		v[i] = crypto_getreq(1);
		if (!v[i])
			continue;
		v[i]->crp_sid = sid;
		v[i]->crp_buf = buf;
		v[i]->crp_ilen = 16;
		v[i]->crp_flags = flags;
		v[i]->crp_callback = seq_callback;
		v[i]->crp_opaque = (void *)(long)i;
		v[i]->crp_mac = sw;	/* unused by FK_XOR: our context */
		v[i]->crp_desc->crd_alg = FK_XOR;
		v[i]->crp_desc->crd_len = 0;
	}
	return v;
}

static void reqs_free(struct cryptop **v, int n)
{
	int i;

	if (!v)
		return;
	for (i = 0; i < n; i++)
		crypto_freereq(v[i]);
	vfree(v);
}

/* Read a debugfs statistics table and return a field of one row. */
static long long stat_field(const char *file, const char *drv, int alg,
			    const char *col);
static long read_int_file(const char *path);
static int write_int_file(const char *path, int v);

/* ocf.ko's probe interval (ocf_probe.c). */
#define PROBE_MS_PARAM	"/sys/module/ocf/parameters/probe_ms"

static void t_restart(void)
{
	struct fake *h = fk_alloc("ocftest-ring", CRYPTOCAP_F_HARDWARE,
				  FK_HOLD);
	int algs[] = { FK_XOR }, i, n = 8, big = 2000;
	struct cryptop **v = NULL, **bv = NULL;
	u8 buf[16] = { };
	struct seqw sw;
	u64 sid = 0;
	bool ok;

	if (!h || fk_register(h, algs, 1) || new1(&sid, FK_XOR, 1, h->id)) {
		CHECK(false, "restart: set-up");
		goto out;
	}
	h->cap = 2;
	h->check_order = true;
	seqw_init(&sw);
	v = reqs_alloc(n, sid, &sw, buf, 0);
	for (i = 0, ok = v; ok && i < n; i++)
		ok = !crypto_dispatch(v[i]);
	CHECK(ok && h->npending == 2 && atomic_read(&h->restarts) == 1 &&
	      atomic_read(&sw.calls) == 0,
	      "restart: ERESTART blocks the driver, later requests wait");
	CHECK(stat_field("drivers", "ocftest-ring", 0, "blocks") == 1 &&
	      stat_field("drivers", "ocftest-ring", 0, "queued") == n - 2,
	      "stats: blocks and queue depth of a blocked driver");
	fk_release(h);
	ok = seqw_wait(&sw, 2);
	msleep(20);
	CHECK(ok && atomic_read(&sw.calls) == 2 && h->npending == 0,
	      "restart: nothing is retried before crypto_unblock");
	h->cap = INT_MAX;
	crypto_unblock(h->id, CRYPTO_SYMQ);
	for (i = 0; i < 100 && h->npending < n - 2; i++)
		msleep(20);
	fk_release(h);
	CHECK(seqw_wait(&sw, n) && atomic_read(&sw.calls) == n &&
	      !atomic_read(&sw.errors) && !atomic_read(&h->order_bad),
	      "restart: after unblock each request runs once, in order");
	/* All n-2 queued went out in one drain: all but the last hinted. */
	CHECK(atomic_read(&h->hints) == n - 3,
	      "batch: CRYPTO_HINT_MORE while more requests follow");

	/* Batched requests to a blocked driver: the bound and ENOSPC. */
	h->cap = 0;
	h->next_seq = 0;
	seqw_init(&sw);
	atomic_set(&h->hints, 0);
	bv = reqs_alloc(big, sid, &sw, buf, CRYPTO_F_BATCH);
	/* The first, not batched, meets ERESTART and blocks the driver. */
	if (bv && bv[0])
		bv[0]->crp_flags = 0;
	for (i = 0, ok = bv; ok && i < big; i++)
		ok = bv[i] && !crypto_dispatch(bv[i]);
	/* ENOSPC comes through callbacks: wait for them (slow kernels). */
	for (i = 0; i < 250 && atomic_read(&sw.calls) < big - 1024; i++)
		msleep(20);
	msleep(20);
	CHECK(ok && atomic_read(&sw.enospc) == big - 1024 &&
	      atomic_read(&sw.calls) == big - 1024,
	      "queue: driver queue holds 1024 (queue_max_driver), then ENOSPC");
	h->cap = INT_MAX;
	crypto_unblock(h->id, CRYPTO_SYMQ);
	for (i = 0; i < 500 && atomic_read(&sw.calls) < big; i++) {
		fk_release(h);
		msleep(20);
	}
	fk_release(h);
	CHECK(seqw_wait(&sw, big) && !atomic_read(&sw.errors) &&
	      atomic_read(&sw.next) == 1024 && !atomic_read(&h->order_bad) &&
	      atomic_read(&h->hints) == 1023,
	      "queue: the 1024 queued complete in order with batching hints");
	crypto_freesession(sid);
out:
	reqs_free(v, n);
	reqs_free(bv, big);
	fk_free(h);
}

struct unreg_ctx {
	struct fake		*fk;
	struct completion	done;
	int			err;
};

static int unreg_thread(void *arg)
{
	struct unreg_ctx *u = arg;

	u->err = crypto_unregister_all(u->fk->id);
	u->fk->gone = true;
	complete(&u->done);
	return 0;
}

static bool wait_gone(const char *name)
{
	int i;

	for (i = 0; i < 2000 && crypto_find_driver(name) >= 0; i++)
		usleep_range(1000, 2000);
	return crypto_find_driver(name) < 0;
}

/* Collects EAGAIN completions and the new sid they carry. */
struct migw {
	wait_queue_head_t	wq;
	atomic_t		calls, ok, eagain, other;
	u64			new_sid;
};

static int mig_callback(struct cryptop *crp)
{
	struct migw *m = crp->crp_opaque;

	if (!crp->crp_etype) {
		atomic_inc(&m->ok);
	} else if (crp->crp_etype == EAGAIN) {
		m->new_sid = crp->crp_sid;
		atomic_inc(&m->eagain);
	} else {
		atomic_inc(&m->other);
	}
	atomic_inc(&m->calls);
	wake_up(&m->wq);
	return 0;
}

static void t_migration(void)
{
	struct fake *a = fk_alloc("ocftest-mig-a", CRYPTOCAP_F_HARDWARE,
				  FK_HOLD);
	struct fake *b = fk_alloc("ocftest-mig-b", CRYPTOCAP_F_SOFTWARE,
				  FK_INLINE);
	int algs[] = { FK_XOR }, i, n = 8;
	struct cryptop *v[8] = { };
	struct unreg_ctx u;
	struct task_struct *t;
	struct migw m = { };
	struct waiter w;
	u8 buf[16] = { };
	u64 sid = 0, nsid;
	u32 drv = 0;
	bool ok;

	init_waitqueue_head(&m.wq);
	if (!a || !b || fk_register(a, algs, 1) || fk_register(b, algs, 1) ||
	    new1(&sid, FK_XOR, 3, a->id)) {
		CHECK(false, "migration: set-up");
		goto out;
	}
	a->cap = 4;
	for (i = 0, ok = true; i < n && ok; i++) {
		v[i] = crypto_getreq(1);
		ok = v[i];
		if (!ok)
			break;
		v[i]->crp_sid = sid;
		v[i]->crp_buf = buf;
		v[i]->crp_ilen = 16;
		v[i]->crp_callback = mig_callback;
		v[i]->crp_opaque = &m;
		v[i]->crp_desc->crd_alg = FK_XOR;
		ok = !crypto_dispatch(v[i]);
	}
	if (!ok || a->npending != 4) {
		CHECK(false, "migration: 4 requests in the driver, 4 queued");
		goto out;
	}
	init_completion(&u.done);
	u.fk = a;
	t = kthread_run(unreg_thread, &u, "ocftest-unreg");
	if (IS_ERR(t)) {
		CHECK(false, "migration: unregister thread");
		goto out;
	}
	ok = wait_gone("ocftest-mig-a");
	/* Queued requests come back with EAGAIN and the new sid... */
	wait_event_timeout(m.wq, atomic_read(&m.eagain) >= 4,
			   msecs_to_jiffies(WAIT_MS));
	CHECK(ok && atomic_read(&m.eagain) == 4 && m.new_sid &&
	      m.new_sid != sid && !completion_done(&u.done),
	      "migration: queued requests fail EAGAIN with the new sid; "
	      "unregister waits for requests in the driver");
	/* ...and the ones inside the driver complete normally. */
	fk_release(a);
	ok = wait_for_completion_timeout(&u.done, msecs_to_jiffies(WAIT_MS));
	CHECK(ok && !u.err && atomic_read(&m.ok) == 4 &&
	      atomic_read(&m.calls) == n && !atomic_read(&m.other),
	      "migration: in-flight requests complete, none lost, unregister returns");
	CHECK(atomic_read(&a->freeses) == atomic_read(&a->newses) &&
	      !atomic_read(&a->bad_sid),
	      "migration: the old driver's freesession ran for its session");
	nsid = m.new_sid;
	CHECK(!crypto_session_driver(nsid, FK_XOR, &drv) && drv == (u32)b->id,
	      "migration: the new session lives on the other driver");

	w_init(&w);
	memset(buf, 0, sizeof(buf));
	crypto_freereq(v[0]);
	v[0] = req1(sid, FK_XOR, buf, &w);
	ok = v[0] && !crypto_dispatch(v[0]) && w_wait(&w, 1);
	CHECK(ok && w.etype == EAGAIN && w.sid == nsid &&
	      all_bytes(buf, 16, 0),
	      "migration: the old sid keeps answering EAGAIN + new sid");
	w_init(&w);
	v[0]->crp_sid = nsid;
	ok = !crypto_dispatch(v[0]) && w_wait(&w, 1);
	CHECK(ok && !w.etype && w.sid == nsid && all_bytes(buf, 16, 3),
	      "migration: the new sid works, with the same key");
	CHECK(!crypto_freesession(sid) && crypto_freesession(nsid) == -EINVAL &&
	      atomic_read(&b->freeses) == atomic_read(&b->newses),
	      "migration: freeing the old sid frees the whole session");
	msleep(20);
	CHECK(!atomic_read(&a->after_gone),
	      "migration: nothing calls the driver after unregister returned");
out:
	for (i = 0; i < n; i++)
		crypto_freereq(v[i]);
	fk_free(a);
	fk_free(b);
}

/* Nobody can take the session over: it is lost, ENXIO. */
static void t_lost(void)
{
	struct fake *a = fk_alloc("ocftest-lost", CRYPTOCAP_F_SOFTWARE,
				  FK_INLINE);
	int algs[] = { FK_ONE, FK_TIE };
	struct cryptop *crp = NULL;
	struct waiter w;
	u8 buf[16];
	u64 sid = 0, sid2 = 0;
	u32 drv;

	if (!a || fk_register(a, algs, 2) || new1(&sid, FK_ONE, 1, 0) ||
	    new1(&sid2, FK_TIE, 1, 0)) {
		CHECK(false, "lost: set-up");
		goto out;
	}
	CHECK(!crypto_unregister(a->id, FK_ONE) &&
	      crypto_find_driver("ocftest-lost") == a->id &&
	      !crypto_session_driver(sid2, FK_TIE, &drv) && drv == (u32)a->id,
	      "unregister: one algorithm, the driver stays for the others");
	w_init(&w);
	crp = req1(sid, FK_ONE, buf, &w);
	CHECK(crp && !crypto_dispatch(crp) && w_wait(&w, 1) &&
	      w.etype == ENXIO,
	      "unregister: a session no driver can take completes ENXIO");
	CHECK(!crypto_freesession(sid) && !crypto_freesession(sid2) &&
	      atomic_read(&a->freeses) == 2,
	      "unregister: lost session is freed, driver freesession ran once");
out:
	crypto_freereq(crp);
	fk_free(a);
}

/* Unregister while other threads keep dispatching. */
struct racer {
	u64			sid;
	atomic_t		sent, done, bad;
	bool			stop;
	struct completion	exited;
	wait_queue_head_t	wq;
};

static int race_callback(struct cryptop *crp)
{
	struct racer *r = crp->crp_opaque;

	if (crp->crp_etype == EAGAIN)
		WRITE_ONCE(r->sid, crp->crp_sid);
	else if (crp->crp_etype)
		atomic_inc(&r->bad);
	atomic_inc(&r->done);
	wake_up(&r->wq);
	return 0;
}

static int race_thread(void *arg)
{
	struct racer *r = arg;
	struct cryptop *crp = crypto_getreq(1);
	u8 buf[16];

	if (crp) {
		crp->crp_buf = buf;
		crp->crp_ilen = 16;
		crp->crp_callback = race_callback;
		crp->crp_opaque = r;
		crp->crp_desc->crd_alg = FK_XOR;
		crp->crp_desc->crd_len = 16;
		while (!READ_ONCE(r->stop)) {
			int want = atomic_read(&r->sent) + 1;

			crp->crp_sid = READ_ONCE(r->sid);
			atomic_inc(&r->sent);
			if (crypto_dispatch(crp))
				atomic_inc(&r->bad);
			wait_event_timeout(r->wq,
					   atomic_read(&r->done) >= want,
					   msecs_to_jiffies(WAIT_MS));
			if (atomic_read(&r->done) < want)
				break;
		}
		crypto_freereq(crp);
	}
	complete(&r->exited);
	return 0;
}

static void t_race(void)
{
	struct fake *a = fk_alloc("ocftest-race-a", CRYPTOCAP_F_SOFTWARE,
				  FK_INLINE);
	struct fake *b = fk_alloc("ocftest-race-b", CRYPTOCAP_F_SOFTWARE,
				  FK_IRQ);
	int algs[] = { FK_XOR };
	struct racer r = { };
	struct task_struct *t;
	u32 drv = 0;

	init_completion(&r.exited);
	init_waitqueue_head(&r.wq);
	if (!a || !b || fk_register(a, algs, 1) || fk_register(b, algs, 1) ||
	    new1(&r.sid, FK_XOR, 9, a->id)) {
		CHECK(false, "race: set-up");
		goto out;
	}
	t = kthread_run(race_thread, &r, "ocftest-race");
	if (IS_ERR(t)) {
		CHECK(false, "race: thread");
		goto out;
	}
	msleep(50);
	crypto_unregister_all(a->id);
	a->gone = true;
	msleep(50);
	WRITE_ONCE(r.stop, true);
	wait_for_completion(&r.exited);
	CHECK(atomic_read(&r.sent) == atomic_read(&r.done) &&
	      !atomic_read(&r.bad) && atomic_read(&r.sent) > 2 &&
	      !crypto_session_driver(r.sid, FK_XOR, &drv) &&
	      drv == (u32)b->id && !atomic_read(&a->after_gone),
	      "race: unregister during dispatch loses nothing, work moves on");
	ktap_diag(&suite, "race: %d sent, %d done, %d bad, driver %u (b %d), %d after gone",
		  atomic_read(&r.sent), atomic_read(&r.done), atomic_read(&r.bad),
		  drv, b->id, atomic_read(&a->after_gone));
	crypto_freesession(r.sid);
out:
	fk_free(a);
	fk_free(b);
}

/*
 * A session still being built: its index holds a reserved (zero) entry
 * while the driver's newsession sleeps.  Sids naming that index must be
 * refused at once, not spun on inside the look-up.
 */
static struct completion build_entered, build_go;
static bool build_hold;

static int fk_slow_newsession(void *arg, u32 *lid, struct cryptoini *cri)
{
	if (READ_ONCE(build_hold)) {
		complete(&build_entered);
		/* Bounded, so a broken case cannot keep the build for ever. */
		wait_for_completion_timeout(&build_go,
					    msecs_to_jiffies(WAIT_MS));
	}
	return fk_newsession(arg, lid, cri);
}

struct build_ctx {
	struct completion	done;
	u64			sid;
	int			err;
};

static int build_thread(void *arg)
{
	struct build_ctx *b = arg;

	b->err = new1(&b->sid, FK_ONE, 5, 0);
	complete(&b->done);
	return 0;
}

#define PROBE_SIDS	8

struct probe_ctx {
	struct completion	done;
	u64			sid[PROBE_SIDS];
	bool			abort;	/* the test gave up waiting */
	int			calls;	/* calls that returned */
	int			bad;	/* ...with another answer than EINVAL */
};

/* Every sid-taking call, on every probe sid; freesession last. */
static int probe_thread(void *arg)
{
	struct probe_ctx *p = arg;
	struct cryptop *crp;
	struct waiter w;
	u8 buf[16] = { };
	char impl[32];
	u32 drv;
	int i;

	for (i = 0; i < PROBE_SIDS && !READ_ONCE(p->abort); i++) {
		w_init(&w);
		crp = req1(p->sid[i], FK_ONE, buf, &w);
		if (!crp || crypto_dispatch(crp) || !w_wait(&w, 1) ||
		    w.etype != EINVAL)
			p->bad++;
		crypto_freereq(crp);
		p->calls++;
		if (READ_ONCE(p->abort))
			break;
		p->bad += crypto_session_driver(p->sid[i], FK_ONE, &drv) !=
			  -EINVAL;
		p->bad += crypto_session_impl(p->sid[i], FK_ONE, impl,
					      sizeof(impl)) != -EINVAL;
		p->bad += crypto_copystate(p->sid[i], p->sid[i]) != -EINVAL;
		p->calls += 3;
		if (READ_ONCE(p->abort))
			break;
		p->bad += crypto_freesession(p->sid[i]) != -EINVAL;
		p->calls++;
	}
	complete(&p->done);
	return 0;
}

/*
 * Hold one build in the driver and probe the indexes it may have
 * reserved.  0: built in the probed window; 1: other sessions took the
 * whole window first (*built to be freed, try again); -1: failed
 * (reported).
 */
static int reserved_round(u64 *built)
{
	struct build_ctx b = { };
	struct probe_ctx p = { };
	struct task_struct *t;
	bool ok, probe_stuck = false;
	int calls_in_time = 0, i;
	u64 sid = 0;
	u32 gen, last, idx;

	init_completion(&build_entered);
	init_completion(&build_go);
	init_completion(&b.done);
	init_completion(&p.done);
	WRITE_ONCE(build_hold, false);
	if (new1(&sid, FK_ONE, 5, 0) || crypto_freesession(sid)) {
		CHECK(false, "reserved: set-up");
		return -1;
	}
	/*
	 * The build reserves the lowest free index: this one again, unless
	 * other sessions come first.  Probe a window around it with a
	 * generation no session has, so a probe never names a live
	 * session, and each must answer EINVAL whatever holds its index.
	 */
	last = CRYPTO_SESID2LID(sid);
	last = last > PROBE_SIDS / 2 ? last - PROBE_SIDS / 2 : 0;
	gen = CRYPTO_SESID2HID(sid) + 0x40000000u ?: 1;
	WRITE_ONCE(build_hold, true);
	t = kthread_run(build_thread, &b, "ocftest-build");
	if (IS_ERR(t)) {
		CHECK(false, "reserved: set-up (build thread)");
		return -1;
	}
	if (!wait_for_completion_timeout(&build_entered,
					 msecs_to_jiffies(WAIT_MS))) {
		CHECK(false, "reserved: set-up (newsession not entered)");
		goto release;
	}
	for (i = 0; i < PROBE_SIDS; i++)
		p.sid[i] = ((u64)gen << 32) | (last + 1 + i);
	t = kthread_run(probe_thread, &p, "ocftest-probe");
	if (IS_ERR(t)) {
		CHECK(false, "reserved: set-up (probe thread)");
		goto release;
	}
	ok = wait_for_completion_timeout(&p.done, msecs_to_jiffies(5000));
	if (!ok) {
		calls_in_time = READ_ONCE(p.calls);
		WRITE_ONCE(p.abort, true);
		probe_stuck = true;
	}
release:
	complete(&build_go);
	ok = wait_for_completion_timeout(&b.done, msecs_to_jiffies(WAIT_MS));
	/* The probe uses this stack frame: it must have ended. */
	if (probe_stuck)
		wait_for_completion(&p.done);
	if (!ok || b.err) {
		CHECK(false, "reserved: the held newsession completes");
		return -1;
	}
	*built = b.sid;
	idx = CRYPTO_SESID2LID(b.sid);
	if ((idx <= last || idx > last + PROBE_SIDS) && !probe_stuck && !p.bad)
		return 1;	/* its index was outside the window */
	CHECK(!probe_stuck && p.calls == PROBE_SIDS * 5 && !p.bad,
	      "reserved: sids of a session being built are EINVAL at once");
	if (probe_stuck)
		ktap_diag(&suite, "reserved: %d of %d calls returned in 5 s",
			  calls_in_time, PROBE_SIDS * 5);
	return 0;
}

static void t_reserved(void)
{
	struct fake *a = fk_alloc("ocftest-slowbuild", CRYPTOCAP_F_SOFTWARE,
				  FK_INLINE);
	struct cryptop *crp;
	struct waiter w;
	u8 buf[16] = { };
	u64 sid = 0;
	int tries, res = 1;
	bool ok;

	if (!a || fk_register(a, NULL, 0)) {
		CHECK(false, "reserved: set-up");
		goto out;
	}
	/* No other driver may offer FK_ONE, or the build could go there. */
	if (!new1(&sid, FK_ONE, 5, 0)) {
		crypto_freesession(sid);
		CHECK(false, "reserved: set-up (FK_ONE already offered)");
		goto out;
	}
	if (crypto_register(a->id, FK_ONE, 0, 0, fk_slow_newsession,
			    fk_freesession, fk_process, a)) {
		CHECK(false, "reserved: set-up");
		goto out;
	}
	for (tries = 0; tries < 3 && res == 1; tries++) {
		res = reserved_round(&sid);
		if (res == 1)
			crypto_freesession(sid);
	}
	if (res < 0)
		goto out;
	if (tries > 1)
		ktap_diag(&suite, "reserved: index taken by others, %d tries",
			  tries);
	CHECK(!res, "reserved: the held newsession completes in the probed window");
	if (res)
		goto out;
	w_init(&w);
	crp = req1(sid, FK_ONE, buf, &w);
	ok = crp && !crypto_dispatch(crp) && w_wait(&w, 1) && !w.etype &&
	     all_bytes(buf, 16, 5);
	crypto_freereq(crp);
	CHECK(ok, "reserved: the session works once built");
	CHECK(!crypto_freesession(sid) &&
	      atomic_read(&a->freeses) == atomic_read(&a->newses),
	      "reserved: the session frees, driver freesession ran");
out:
	fk_free(a);
}

static struct cryptop *req2(u64 sid, int alg1, int alg2, u8 *buf,
			    struct waiter *w)
{
	struct cryptop *crp = crypto_getreq(2);
	struct cryptodesc *d1, *d2;

	if (!crp)
		return NULL;
	d1 = crp->crp_desc;
	d2 = d1->crd_next;
	crp->crp_sid = sid;
	crp->crp_buf = buf;
	crp->crp_ilen = 20;
	crp->crp_callback = w_callback;
	crp->crp_opaque = w;
	d1->crd_alg = alg1;
	d1->crd_len = 16;
	d1->crd_inject = 16;
	d2->crd_alg = alg2;
	d2->crd_len = 16;
	d2->crd_inject = 16;
	return crp;
}

static u32 sum16(const u8 *p)
{
	u32 s = 0;
	int i;

	for (i = 0; i < 16; i++)
		s += p[i];
	return s;
}

static void t_split(void)
{
	struct fake *c = fk_alloc("ocftest-cipher", CRYPTOCAP_F_HARDWARE,
				  FK_IRQ);
	struct fake *m = fk_alloc("ocftest-mac", CRYPTOCAP_F_SOFTWARE,
				  FK_INLINE);
	int calg[] = { FK_XOR }, malg[] = { FK_SUM };
	struct cryptoini ci[2] = { }, *pc = &ci[0];
	struct cryptop *crp = NULL;
	struct cryptodesc *d1 = NULL;
	u8 key = 0x21, key2 = 0x42, buf[20];
	struct waiter w;
	u64 sid = 0;
	u32 d1id = 0, d2id = 0, sum;
	int i;

	if (!c || !m || fk_register(c, calg, 1) || fk_register(m, malg, 1)) {
		CHECK(false, "split: set-up");
		goto out;
	}
	ci[0].cri_alg = FK_XOR;
	ci[0].cri_klen = 8;
	ci[0].cri_key = &key;
	ci[0].cri_next = &ci[1];
	ci[1].cri_alg = FK_SUM;
	CHECK(!crypto_newsession(&sid, pc, 0) &&
	      !crypto_session_driver(sid, FK_XOR, &d1id) &&
	      !crypto_session_driver(sid, FK_SUM, &d2id) &&
	      d1id == (u32)c->id && d2id == (u32)m->id,
	      "split: cipher on one driver, MAC on another");

	/* Encrypt then MAC the ciphertext. */
	for (i = 0; i < 16; i++)
		buf[i] = i;
	w_init(&w);
	crp = req2(sid, FK_XOR, FK_SUM, buf, &w);
	if (crp)
		d1 = crp->crp_desc;
	CHECK(crp && !crypto_dispatch(crp) && w_wait(&w, 1) && !w.etype &&
	      w.sid == sid && buf[0] == (0 ^ 0x21) && buf[15] == (15 ^ 0x21) &&
	      (memcpy(&sum, buf + 16, 4), sum == sum16(buf)) &&
	      crp->crp_desc == d1 && d1->crd_next &&
	      !d1->crd_next->crd_next && c->last_ndesc == 1 &&
	      m->last_ndesc == 1,
	      "split: encrypt-then-MAC chained in order, chain given back");
	/* MAC the ciphertext, then decrypt. */
	if (crp) {
		u32 want;

		for (i = 0; i < 16; i++)
			buf[i] = i ^ 0x21;
		want = sum16(buf);
		w_init(&w);
		d1->crd_alg = FK_SUM;
		d1->crd_next->crd_alg = FK_XOR;
		CHECK(!crypto_dispatch(crp) && w_wait(&w, 1) && !w.etype &&
		      buf[0] == 0 && buf[15] == 15 &&
		      (memcpy(&sum, buf + 16, 4), sum == want),
		      "split: MAC-then-decrypt runs in descriptor order");
	}
	crypto_freesession(sid);
	CHECK(atomic_read(&c->freeses) == 1 && atomic_read(&m->freeses) == 1,
	      "split: freesession reaches both drivers");

	/* The same algorithm twice: two legs, neither sees a duplicate. */
	ci[1].cri_alg = FK_XOR;
	ci[1].cri_klen = 8;
	ci[1].cri_key = &key2;
	sid = 0;
	CHECK(!crypto_newsession(&sid, pc, 0) && atomic_read(&c->newses) == 3,
	      "twice: a session with one algorithm twice");
	if (crp && sid) {
		memset(buf, 0, sizeof(buf));
		w_init(&w);
		crp->crp_sid = sid;
		d1->crd_alg = FK_XOR;
		d1->crd_next->crd_alg = FK_XOR;
		d1->crd_next->crd_len = 8;
		CHECK(!crypto_dispatch(crp) && w_wait(&w, 1) && !w.etype &&
		      all_bytes(buf, 8, 0x21 ^ 0x42) &&
		      all_bytes(buf + 8, 8, 0x21),
		      "twice: each instance applies its own key, in order");
	}
	crypto_freesession(sid);
out:
	crypto_freereq(crp);
	fk_free(c);
	fk_free(m);
}

static long long stat_field(const char *file, const char *drv, int alg,
			    const char *col)
{
	char path[64], *buf, *line, *next, *tok, *hdr;
	int want = -1, namecol = -1, algcol = -1, i;
	long long val = -1;
	struct file *f;
	loff_t pos = 0;
	ssize_t n, len = 0;

	snprintf(path, sizeof(path), "/sys/kernel/debug/ocf/%s", file);
	buf = vzalloc(65536);
	if (!buf)
		return -1;
	f = filp_open(path, O_RDONLY, 0);
	if (IS_ERR(f))
		goto out;
	while (len < 65535 &&
	       (n = kernel_read(f, buf + len, 65535 - len, &pos)) > 0)
		len += n;
	filp_close(f, NULL);

	next = buf;
	hdr = strsep(&next, "\n");
	for (i = 0; (tok = strsep(&hdr, " ")); i++) {
		if (!strcmp(tok, col))
			want = i;
		if (!strcmp(tok, "name") && namecol < 0)
			namecol = i;
		if (!strcmp(tok, "driver"))
			namecol = i;
		if (!strcmp(tok, "alg"))
			algcol = i;
	}
	if (want < 0 || namecol < 0)
		goto out;
	while ((line = strsep(&next, "\n")) && *line) {
		bool name_ok = false, alg_ok = !alg;
		long long v = -1;

		for (i = 0; (tok = strsep(&line, " ")); i++) {
			if (i == namecol)
				name_ok = !strcmp(tok, drv);
			if (i == algcol && alg) {
				int a;

				alg_ok = !kstrtoint(tok, 10, &a) && a == alg;
			}
			if (i == want && kstrtoll(tok, 10, &v))
				v = -1;
		}
		if (name_ok && alg_ok) {
			val = v;
			break;
		}
	}
out:
	vfree(buf);
	return val;
}

/* Run @n one-shot requests of @len bytes on @sid and wait for them. */
static int run_n(u64 sid, int alg, int n, int len)
{
	static u8 big[256];
	struct cryptop *crp;
	struct waiter w;
	int i, errors = 0;

	crp = req1(sid, alg, big, &w);
	if (!crp)
		return -ENOMEM;
	crp->crp_ilen = sizeof(big);
	crp->crp_desc->crd_len = len;
	for (i = 0; i < n; i++) {
		w_init(&w);
		if (crypto_dispatch(crp) || !w_wait(&w, 1)) {
			errors = -ETIMEDOUT;
			break;
		}
		if (w.etype)
			errors++;
	}
	crypto_freereq(crp);
	return errors;
}

static void t_cost(void)
{
	struct fake *fast = fk_alloc("ocftest-fast", CRYPTOCAP_F_SOFTWARE,
				     FK_INLINE);
	struct fake *slow = fk_alloc("ocftest-slow", CRYPTOCAP_F_SOFTWARE,
				     FK_INLINE);
	struct fake *t1 = fk_alloc("ocftest-tie1", CRYPTOCAP_F_SOFTWARE,
				   FK_INLINE);
	struct fake *t2 = fk_alloc("ocftest-tie2", CRYPTOCAP_F_SOFTWARE,
				   FK_INLINE);
	int calg[] = { FK_COST }, talg[] = { FK_TIE }, i;
	u64 sf = 0, ss = 0, extra[4] = { }, s = 0, ta = 0, tb = 0, tc = 0;
	u32 drv = 0, drv2 = 0;

	if (!fast || !slow || !t1 || !t2 || fk_register(fast, calg, 1) ||
	    fk_register(slow, calg, 1) || fk_register(t1, talg, 1) ||
	    fk_register(t2, talg, 1)) {
		CHECK(false, "cost: set-up");
		goto out;
	}
	slow->delay_us = 1000;
	if (new1(&sf, FK_COST, 1, fast->id) || new1(&ss, FK_COST, 1, slow->id) ||
	    run_n(sf, FK_COST, 16, 200) || run_n(ss, FK_COST, 16, 200)) {
		CHECK(false, "cost: calibration requests");
		goto out;
	}
	/* The fast driver also carries more sessions: cost must win. */
	for (i = 0; i < 4; i++)
		new1(&extra[i], FK_COST, 1, fast->id);
	CHECK(!new1(&s, FK_COST, 1, CRYPTOCAP_F_SOFTWARE) &&
	      !crypto_session_driver(s, 0, &drv) && drv == (u32)fast->id,
	      "cost: the measured cheaper driver gets the session");
	ktap_diag(&suite, "cost: fast %lld ns, slow %lld ns (<=256 byte class)",
		  stat_field("algs", "ocftest-fast", FK_COST, "cost_256"),
		  stat_field("algs", "ocftest-slow", FK_COST, "cost_256"));
	crypto_freesession(s);

	/* Unmeasured drivers: the BSD rule, fewest sessions. */
	new1(&ta, FK_TIE, 1, t1->id);
	CHECK(!new1(&tb, FK_TIE, 1, 0) &&
	      !crypto_session_driver(tb, 0, &drv) && drv == (u32)t2->id &&
	      !new1(&tc, FK_TIE, 1, 0) &&
	      !crypto_session_driver(tc, 0, &drv2) &&
	      (drv2 == (u32)t1->id || drv2 == (u32)t2->id),
	      "cost: equal costs go to the driver with fewest sessions");
	crypto_freesession(ta);
	crypto_freesession(tb);
	crypto_freesession(tc);
	crypto_freesession(sf);
	crypto_freesession(ss);
	for (i = 0; i < 4; i++)
		crypto_freesession(extra[i]);
out:
	fk_free(fast);
	fk_free(slow);
	fk_free(t1);
	fk_free(t2);
}

/*
 * One FK_XOR request of @len bytes (at most 256) with descriptor flags
 * @dflags on @sid: true when it completed with @want_etype and, when
 * that is 0, every byte came back XORed with @key.
 */
static bool xor_one(u64 sid, int len, int dflags, u8 key, int want_etype,
		    int alg)
{
	static u8 buf[256], ref[256];
	struct cryptop *crp;
	struct waiter w;
	bool ok;
	int i;

	for (i = 0; i < len; i++) {
		ref[i] = (u8)(i * 7 + len);
		buf[i] = ref[i];
	}
	w_init(&w);
	crp = req1(sid, alg, buf, &w);
	if (!crp)
		return false;
	crp->crp_ilen = sizeof(buf);
	crp->crp_desc->crd_len = len;
	crp->crp_desc->crd_flags = dflags;
	ok = !crypto_dispatch(crp) && w_wait(&w, 1) &&
	     w.etype == want_etype && w.sid == sid;
	for (i = 0; ok && !want_etype && i < len; i++)
		if (buf[i] != (ref[i] ^ key))
			ok = false;
	crypto_freereq(crp);
	return ok;
}

/*
 * Wait (up to 2 s) until @a and @b have opened @na and @nb driver
 * sessions since their counters were reset: routing legs open from a
 * worker after the first request of their size.
 */
static bool legs_open(struct fake *a, struct fake *b, int na, int nb)
{
	int i;

	for (i = 0; i < 200; i++) {
		if (atomic_read(&a->newses) >= na &&
		    atomic_read(&b->newses) >= nb)
			break;
		usleep_range(10000, 20000);
	}
	return atomic_read(&a->newses) == na && atomic_read(&b->newses) == nb;
}

/*
 * Routing by size (issue 3): "small" is cheap for requests of at most
 * 64 bytes and slow beyond, "large" the other way round.  A session
 * either may take holds a driver session on both, and each request goes
 * to the cheaper one for its size.
 */
/*
 * Teach the framework both drivers' FK_ROUTE costs: a session bound to
 * each (*@ma on @a, *@mb on @b), @nsmall 32-byte and @nbig 200-byte
 * requests on each.  0 when all ran.
 */
static int measure_pair(struct fake *a, struct fake *b, int nsmall, int nbig,
			u64 *ma, u64 *mb)
{
	return new1(ma, FK_ROUTE, 5, a->id) || new1(mb, FK_ROUTE, 5, b->id) ||
	       run_n(*ma, FK_ROUTE, nsmall, 32) ||
	       run_n(*ma, FK_ROUTE, nbig, 200) ||
	       run_n(*mb, FK_ROUTE, nsmall, 32) ||
	       run_n(*mb, FK_ROUTE, nbig, 200);
}

static void t_route(void)
{
	struct fake *sm = fk_alloc("ocftest-small", CRYPTOCAP_F_SOFTWARE,
				   FK_INLINE);
	struct fake *lg = fk_alloc("ocftest-large", CRYPTOCAP_F_SOFTWARE,
				   FK_INLINE);
	int algs[] = { FK_ROUTE }, i, bad = 0, nsmall = 0, nbig = 0;
	long long sm0, lg0;
	u64 m1 = 0, m2 = 0, sid = 0, sid2 = 0, nsid;
	u32 drv = 0;
	struct waiter w;
	struct cryptop *crp = NULL;
	u8 buf[16];

	if (!sm || !lg || fk_register(sm, algs, 1) || fk_register(lg, algs, 1)) {
		CHECK(false, "route: set-up");
		goto out;
	}
	sm->delay_big_us = 400;
	lg->delay_small_us = 400;
	/*
	 * Costs learnt from traffic on sessions bound to each driver: a
	 * moving average (asynchronous fakes), given enough samples to
	 * forget a first one the host stalled.
	 */
	if (measure_pair(sm, lg, 40, 40, &m1, &m2)) {
		CHECK(false, "route: measuring requests");
		goto out;
	}
	ktap_diag(&suite, "route: small %lld/%lld ns, large %lld/%lld ns (64/256 classes)",
		  stat_field("algs", "ocftest-small", FK_ROUTE, "cost_64"),
		  stat_field("algs", "ocftest-small", FK_ROUTE, "cost_256"),
		  stat_field("algs", "ocftest-large", FK_ROUTE, "cost_64"),
		  stat_field("algs", "ocftest-large", FK_ROUTE, "cost_256"));
	atomic_set(&sm->small, 0);
	atomic_set(&sm->big, 0);
	atomic_set(&lg->small, 0);
	atomic_set(&lg->big, 0);
	atomic_set(&sm->newses, 0);
	atomic_set(&lg->newses, 0);
	CHECK(!new1(&sid, FK_ROUTE, 0x5a, CRYPTOCAP_F_SOFTWARE) &&
	      atomic_read(&sm->newses) + atomic_read(&lg->newses) == 1,
	      "route: a new session opens one driver session, routes wait for use");
	CHECK(xor_one(sid, 20, 0, 0x5a, 0, FK_ROUTE) &&
	      xor_one(sid, 200, 0, 0x5a, 0, FK_ROUTE) &&
	      legs_open(sm, lg, 1, 1) &&
	      stat_field("algs", "ocftest-small", FK_ROUTE, "sessions") == 2 &&
	      stat_field("algs", "ocftest-large", FK_ROUTE, "sessions") == 2,
	      "route: the first request of each size opens a leg on its winner");
	atomic_set(&sm->small, 0);
	atomic_set(&sm->big, 0);
	atomic_set(&lg->small, 0);
	atomic_set(&lg->big, 0);
	sm0 = stat_field("algs", "ocftest-small", FK_ROUTE, "requests");
	lg0 = stat_field("algs", "ocftest-large", FK_ROUTE, "requests");
	/* Mixed sizes, every output checked. */
	for (i = 0; i < 60; i++) {
		int len = (i % 3) ? 16 + (i * 5) % 49 : 65 + (i * 13) % 192;

		if (len > 64)
			nbig++;
		else
			nsmall++;
		if (!xor_one(sid, len, 0, 0x5a, 0, FK_ROUTE))
			bad++;
	}
	CHECK(!bad, "route: mixed-size requests all correct");
	ktap_diag(&suite, "route: ran small/large: small driver %d/%d, large %d/%d",
		  atomic_read(&sm->small), atomic_read(&sm->big),
		  atomic_read(&lg->small), atomic_read(&lg->big));
	CHECK(atomic_read(&sm->small) == nsmall && !atomic_read(&sm->big) &&
	      atomic_read(&lg->big) == nbig && !atomic_read(&lg->small),
	      "route: small requests on one driver, large on the other");
	CHECK(stat_field("algs", "ocftest-small", FK_ROUTE, "requests") - sm0 ==
	      nsmall &&
	      stat_field("algs", "ocftest-large", FK_ROUTE, "requests") - lg0 ==
	      nbig,
	      "route: statistics count each request on the driver that ran it");

	/* Driver-held state (hash streaming) keeps the session on one. */
	CHECK(!crypto_session_driver(sid, FK_ROUTE, &drv) &&
	      (drv == (u32)sm->id || drv == (u32)lg->id),
	      "route: crypto_session_driver names the base driver");
	atomic_set(&sm->big, 0);
	atomic_set(&lg->big, 0);
	atomic_set(&sm->small, 0);
	atomic_set(&lg->small, 0);
	CHECK(xor_one(sid, 200, CRD_F_HASH_PARTIAL, 0x5a, 0, FK_ROUTE) &&
	      xor_one(sid, 200, 0, 0x5a, 0, FK_ROUTE) &&
	      xor_one(sid, 20, 0, 0x5a, 0, FK_ROUTE) &&
	      atomic_read(drv == (u32)sm->id ? &sm->big : &lg->big) == 2 &&
	      atomic_read(drv == (u32)sm->id ? &sm->small : &lg->small) == 1,
	      "route: after a HASH_PARTIAL request every request stays on the base driver");

	/* Migration: the driver of a routing leg leaves. */
	if (new1(&sid2, FK_ROUTE, 0x33, CRYPTOCAP_F_SOFTWARE) ||
	    crypto_session_driver(sid2, FK_ROUTE, &drv) ||
	    !xor_one(sid2, 20, 0, 0x33, 0, FK_ROUTE) ||
	    !xor_one(sid2, 200, 0, 0x33, 0, FK_ROUTE) ||
	    !legs_open(sm, lg, 2, 2)) {
		CHECK(false, "route: second session");
		goto out;
	}
	atomic_set(&sm->freeses, 0);
	atomic_set(&lg->freeses, 0);
	/* Unregister the driver that is not the base (its leg is a route). */
	fk_unregister(drv == (u32)sm->id ? lg : sm);
	w_init(&w);
	crp = req1(sid2, FK_ROUTE, buf, &w);
	CHECK(crp && !crypto_dispatch(crp) && w_wait(&w, 1) &&
	      w.etype == EAGAIN && w.sid != sid2,
	      "route: a routed session moves when a routing driver leaves");
	nsid = w.sid;
	CHECK(xor_one(nsid, 200, 0, 0x33, 0, FK_ROUTE) &&
	      xor_one(nsid, 20, 0, 0x33, 0, FK_ROUTE),
	      "route: the moved session serves every size on the driver left");
	CHECK(!crypto_freesession(sid2) && !crypto_freesession(sid) &&
	      atomic_read(drv == (u32)sm->id ? &sm->freeses : &lg->freeses) == 4 &&
	      atomic_read(drv == (u32)sm->id ? &lg->freeses : &sm->freeses) == 3 &&
	      !atomic_read(&sm->bad_sid) && !atomic_read(&lg->bad_sid),
	      "route: freesession reaches every leg of every driver once");
	sid = 0;
	sid2 = 0;
out:
	crypto_freereq(crp);
	if (sid)
		crypto_freesession(sid);
	if (sid2)
		crypto_freesession(sid2);
	if (m1)
		crypto_freesession(m1);
	if (m2)
		crypto_freesession(m2);
	fk_free(sm);
	fk_free(lg);
}

/*
 * The routing rule's noise band: @base is the session's driver (cheaper
 * for 200-byte requests), @other is cheaper for 32-byte ones by the
 * ratio @base_us / @other_us.  True when a small request made the
 * session open a leg on @other.
 */
static bool band_routes(const char *what, unsigned int base_us,
			unsigned int other_us, bool *ok)
{
	/* Synchronous: their costs are lower envelopes, steady under load. */
	struct fake *b = fk_alloc("ocftest-band-base",
				  CRYPTOCAP_F_SOFTWARE | CRYPTOCAP_F_SYNC,
				  FK_INLINE);
	struct fake *o = fk_alloc("ocftest-band-other",
				  CRYPTOCAP_F_SOFTWARE | CRYPTOCAP_F_SYNC,
				  FK_INLINE);
	int algs[] = { FK_ROUTE };
	u64 mb = 0, mo = 0, sid = 0;
	bool routed = false;
	u32 drv = 0;

	*ok = false;
	if (!b || !o || fk_register(b, algs, 1) || fk_register(o, algs, 1))
		goto out;
	b->delay_small_us = base_us;
	o->delay_small_us = other_us;
	o->delay_big_us = 300;
	/*
	 * A synchronous driver is timed one request in 64 (OCF_LAT_SAMPLE):
	 * 20 of them let the lower envelope shed a first one that the host
	 * stalled for milliseconds.
	 */
	if (measure_pair(b, o, 1280, 130, &mb, &mo))
		goto out;
	ktap_diag(&suite, "%s: 32-byte costs: base %lld ns, other %lld ns", what,
		  stat_field("algs", "ocftest-band-base", FK_ROUTE, "cost_64"),
		  stat_field("algs", "ocftest-band-other", FK_ROUTE, "cost_64"));
	atomic_set(&o->newses, 0);
	if (new1(&sid, FK_ROUTE, 0x21, CRYPTOCAP_F_SOFTWARE) ||
	    crypto_session_driver(sid, FK_ROUTE, &drv) || drv != (u32)b->id ||
	    !xor_one(sid, 20, 0, 0x21, 0, FK_ROUTE))
		goto out;
	/* Long enough for the routing worker to have run if it was asked. */
	msleep(300);
	routed = atomic_read(&o->newses) == 1;
	*ok = atomic_read(&o->newses) <= 1 &&
	      xor_one(sid, 20, 0, 0x21, 0, FK_ROUTE);
out:
	if (sid)
		crypto_freesession(sid);
	if (mb)
		crypto_freesession(mb);
	if (mo)
		crypto_freesession(mo);
	fk_free(b);
	fk_free(o);
	return routed;
}

/*
 * Routing needs the other driver cheaper beyond the noise band
 * (ocf_cost_band(): 25%); devices of one kind are never routed to each
 * other, however their measured costs differ.
 */
static void t_route_band(void)
{
	struct fake *k0 = fk_alloc("ocftest-kind0", CRYPTOCAP_F_SOFTWARE,
				   FK_INLINE);
	struct fake *k1 = fk_alloc("ocftest-kind1", CRYPTOCAP_F_SOFTWARE,
				   FK_INLINE);
	int algs[] = { FK_ROUTE };
	u64 m0 = 0, m1 = 0, sid = 0;
	bool ok, routed;
	u32 drv = 0;

	routed = band_routes("route band 10%", 300, 270, &ok);
	CHECK(ok && !routed,
	      "route: a driver 10% cheaper (within the noise band) gets no leg");
	routed = band_routes("route band 2x", 300, 150, &ok);
	CHECK(ok && routed,
	      "route: a driver 2x cheaper (beyond the band) gets a leg");

	if (!k0 || !k1 || fk_register(k0, algs, 1) ||
	    fk_register(k1, algs, 1)) {
		CHECK(false, "route: same-kind set-up");
		goto out;
	}
	k0->delay_small_us = 800;
	k1->delay_big_us = 800;
	if (measure_pair(k0, k1, 12, 12, &m0, &m1)) {
		CHECK(false, "route: same-kind measuring requests");
		goto out;
	}
	atomic_set(&k0->newses, 0);
	atomic_set(&k1->newses, 0);
	CHECK(!new1(&sid, FK_ROUTE, 0x44, CRYPTOCAP_F_SOFTWARE) &&
	      !crypto_session_driver(sid, FK_ROUTE, &drv) &&
	      xor_one(sid, 20, 0, 0x44, 0, FK_ROUTE) &&
	      xor_one(sid, 200, 0, 0x44, 0, FK_ROUTE) &&
	      !msleep_interruptible(300) &&
	      atomic_read(&k0->newses) + atomic_read(&k1->newses) == 1,
	      "route: devices of one kind are not routed to each other");
out:
	if (sid)
		crypto_freesession(sid);
	if (m0)
		crypto_freesession(m0);
	if (m1)
		crypto_freesession(m1);
	fk_free(k0);
	fk_free(k1);
}

/*
 * One new session on any driver and one 32-byte request: did it open a
 * leg on @o (the session's driver being @b)?
 */
static bool route_opens(struct fake *b, struct fake *o, u8 key)
{
	u64 sid = 0;
	u32 drv = 0;
	bool ok;

	atomic_set(&o->newses, 0);
	ok = !new1(&sid, FK_ROUTE, key, CRYPTOCAP_F_SOFTWARE) &&
	     !crypto_session_driver(sid, FK_ROUTE, &drv) && drv == (u32)b->id &&
	     xor_one(sid, 20, 0, key, 0, FK_ROUTE);
	/* Long enough for the routing worker to have run if it was asked. */
	msleep(300);
	ok = ok && atomic_read(&o->newses) == 1;
	if (sid)
		crypto_freesession(sid);
	return ok;
}

/*
 * Hysteresis: a size class routed to a driver 4x cheaper stays routed
 * there when the session's driver gets faster and the other is only a
 * little cheaper (within the band), and stops when it is no cheaper.
 * Synchronous fakes (steady lower envelopes, sampled one in 64): the
 * base driver's estimate falls quickly with its faster requests.
 */
static void t_route_sticky(void)
{
	struct fake *b = fk_alloc("ocftest-stick-base",
				  CRYPTOCAP_F_SOFTWARE | CRYPTOCAP_F_SYNC,
				  FK_INLINE);
	struct fake *o = fk_alloc("ocftest-stick-other",
				  CRYPTOCAP_F_SOFTWARE | CRYPTOCAP_F_SYNC,
				  FK_INLINE);
	int algs[] = { FK_ROUTE };
	bool first = false, kept = false, left = false;
	u64 mb = 0, mo = 0;

	if (!b || !o || fk_register(b, algs, 1) || fk_register(o, algs, 1)) {
		CHECK(false, "route: hysteresis set-up");
		goto out;
	}
	b->delay_small_us = 400;
	o->delay_small_us = 100;
	o->delay_big_us = 300;
	first = !measure_pair(b, o, 1280, 130, &mb, &mo) &&
		route_opens(b, o, 0x61);
	/* The other now only 15% cheaper: inside the band, still cheaper. */
	b->delay_small_us = 118;
	kept = first && !run_n(mb, FK_ROUTE, 1280, 32) &&
	       route_opens(b, o, 0x62);
	ktap_diag(&suite, "route hysteresis: 32-byte costs base %lld, other %lld ns",
		  stat_field("algs", "ocftest-stick-base", FK_ROUTE, "cost_64"),
		  stat_field("algs", "ocftest-stick-other", FK_ROUTE, "cost_64"));
	/* Now the other is dearer: routing there stops. */
	b->delay_small_us = 60;
	left = kept && !run_n(mb, FK_ROUTE, 1280, 32) &&
	       !route_opens(b, o, 0x63);
	CHECK(first && kept && left,
	      "route: a routed class stays while cheaper, leaves at parity (hysteresis)");
out:
	if (mb)
		crypto_freesession(mb);
	if (mo)
		crypto_freesession(mo);
	fk_free(b);
	fk_free(o);
}

/*
 * Send 20-byte requests on @sid (every output checked, *@bad counts the
 * wrong ones) until @n in a row ran on @on (@want) or did not (!@want),
 * for at most @ms: true when that happened.
 */
static bool run_until(u64 sid, u8 key, struct fake *on, bool want, int n,
		      unsigned int ms, int *bad, int *sent)
{
	unsigned long end = jiffies + msecs_to_jiffies(ms);
	int streak = 0, before;

	while (streak < n && time_before(jiffies, end)) {
		before = atomic_read(&on->small);
		if (!xor_one(sid, 20, 0, key, 0, FK_ROUTE))
			(*bad)++;
		(*sent)++;
		if ((atomic_read(&on->small) > before) == want)
			streak++;
		else
			streak = 0;
	}
	return streak >= n;
}

/*
 * Probes (ocf_probe.c), with a 20 ms interval: "dev" is cheap for 32-byte
 * requests and dear for 200-byte ones, "base" the other way round
 * (asynchronous fakes: moving-average costs, every request timed).
 * 1. dev's small-request cost is inflated by slow requests of a session
 *    bound to it, then dev gets fast again: a session on any driver
 *    starts on base, probes re-measure dev and the class goes back to it.
 * 2. dev gets truly slow: probes of base take the class back, and from
 *    then on dev gets no more than one request per probe interval.
 * 3. A session bound to one driver never sends a probe elsewhere.
 */
static void t_route_probe(void)
{
	struct fake *b = fk_alloc("ocftest-probe-base", CRYPTOCAP_F_SOFTWARE,
				  FK_INLINE);
	struct fake *o = fk_alloc("ocftest-probe-dev", CRYPTOCAP_F_SOFTWARE,
				  FK_INLINE);
	int algs[] = { FK_ROUTE }, bad = 0, sent = 0, probes, i;
	long saved = read_int_file(PROBE_MS_PARAM);
	u64 mb = 0, mo = 0, sid = 0, pin = 0, t0, ms;
	long long inflated = 0, base64 = 0, probed = -1;
	bool back = false, left = false;
	u32 drv = 0;

	if (!b || !o || saved < 0 || fk_register(b, algs, 1) ||
	    fk_register(o, algs, 1) || write_int_file(PROBE_MS_PARAM, 20)) {
		CHECK(false, "probe: set-up");
		goto out;
	}
	b->delay_small_us = 400;
	o->delay_big_us = 400;
	o->delay_small_us = 2000;
	if (measure_pair(b, o, 40, 40, &mb, &mo) ||
	    run_n(mo, FK_ROUTE, 30, 32)) {
		CHECK(false, "probe: measuring requests");
		goto out;
	}
	o->delay_small_us = 0;
	inflated = stat_field("algs", "ocftest-probe-dev", FK_ROUTE, "cost_64");
	base64 = stat_field("algs", "ocftest-probe-base", FK_ROUTE, "cost_64");
	if (new1(&sid, FK_ROUTE, 0x71, CRYPTOCAP_F_SOFTWARE) ||
	    crypto_session_driver(sid, FK_ROUTE, &drv) || drv != (u32)b->id ||
	    inflated <= base64) {
		CHECK(false, "probe: session on base, dev's cost inflated");
		ktap_diag(&suite, "probe: 32-byte costs base %lld, dev %lld ns",
			  base64, inflated);
		goto out;
	}
	back = run_until(sid, 0x71, o, true, 20, 5000, &bad, &sent);
	ktap_diag(&suite, "probe: dev at 32 B %lld ns (base %lld), now %lld; back after %d",
		  inflated, base64,
		  stat_field("algs", "ocftest-probe-dev", FK_ROUTE, "cost_64"),
		  sent - 20);
	CHECK(back && !bad,
	      "probe: an inflated cost is re-measured and the class routed back to its driver");

	/* Now dev really is slow: the class leaves it, probes stay. */
	o->delay_small_us = 2000;
	sent = 0;
	left = back && run_until(sid, 0x71, o, false, 20, 5000, &bad, &sent);
	atomic_set(&o->small, 0);
	atomic_set(&b->small, 0);
	probed = stat_field("drivers", "ocftest-probe-dev", 0, "probes");
	t0 = ktime_get_ns();
	for (i = 0; left && i < 2000 && ktime_get_ns() - t0 < 600 * NSEC_PER_MSEC;
	     i++)
		if (!xor_one(sid, 20, 0, 0x71, 0, FK_ROUTE))
			bad++;
	ms = div_u64(ktime_get_ns() - t0, NSEC_PER_MSEC);
	probes = atomic_read(&o->small);
	ktap_diag(&suite, "probe: slow dev got %d of %d requests in %llu ms",
		  probes, probes + atomic_read(&b->small), ms);
	CHECK(left && !bad && probes >= 1 && probes <= ms / 20 + 2 &&
	      atomic_read(&b->small) + probes == i,
	      "probe: a slower driver keeps only one request per probe interval");
	CHECK(left && probed >= 0 &&
	      stat_field("drivers", "ocftest-probe-dev", 0, "probes") - probed ==
	      probes,
	      "probe: the drivers table counts them in its probes column");

	/* Bound to base: nothing to turn to, nothing probed. */
	atomic_set(&o->small, 0);
	atomic_set(&o->newses, 0);
	msleep(40);
	CHECK(!new1(&pin, FK_ROUTE, 0x72, b->id) &&
	      !run_n(pin, FK_ROUTE, 200, 20) && !msleep_interruptible(40) &&
	      !run_n(pin, FK_ROUTE, 200, 20) && !atomic_read(&o->small) &&
	      !atomic_read(&o->newses),
	      "probe: a session bound to one driver sends no probe elsewhere");
out:
	if (saved >= 0)
		write_int_file(PROBE_MS_PARAM, saved);
	if (pin)
		crypto_freesession(pin);
	if (sid)
		crypto_freesession(sid);
	if (mb)
		crypto_freesession(mb);
	if (mo)
		crypto_freesession(mo);
	fk_free(b);
	fk_free(o);
}

#define OV_INFLIGHT	16
#define OVERFLOW_PARAM	"/sys/module/ocf/parameters/overflow"

/*
 * @rounds rounds of OV_INFLIGHT 200-byte FK_ROUTE requests in flight at
 * once on @sid, every output checked: how many came back wrong or
 * failed (-errno when the set-up failed or a round timed out).
 */
static int run_inflight(u64 sid, u8 key, int rounds)
{
	struct cryptop *crp[OV_INFLIGHT] = { };
	int r, i, bad = 0, n = OV_INFLIGHT * 200;
	struct seqw sw;
	u8 *buf = kmalloc(n, GFP_KERNEL);

	for (i = 0; i < OV_INFLIGHT; i++) {
		crp[i] = crypto_getreq(1);
		if (!crp[i])
			bad = -ENOMEM;
	}
	if (!buf)
		bad = -ENOMEM;
	for (r = 0; !bad && r < rounds; r++) {
		seqw_init(&sw);
		for (i = 0; i < n; i++)
			buf[i] = (u8)(i * 7 + r);
		for (i = 0; i < OV_INFLIGHT; i++) {
			struct cryptop *c = crp[i];

			c->crp_sid = sid;
			c->crp_buf = buf + i * 200;
			c->crp_ilen = 200;
			c->crp_flags = 0;
			c->crp_callback = seq_callback;
			c->crp_mac = (void *)&sw;
			c->crp_desc->crd_alg = FK_ROUTE;
			c->crp_desc->crd_len = 200;
			c->crp_desc->crd_skip = 0;
			c->crp_desc->crd_flags = 0;
			if (crypto_dispatch(c))
				atomic_inc(&sw.errors);
		}
		if (!seqw_wait(&sw, OV_INFLIGHT)) {
			bad = -ETIMEDOUT;
			break;
		}
		/* The last callback may still be waking us: let it leave. */
		spin_lock_irq(&sw.wq.lock);
		spin_unlock_irq(&sw.wq.lock);
		bad += atomic_read(&sw.errors) + atomic_read(&sw.enospc);
		for (i = 0; i < n; i++) {
			if (buf[i] != ((u8)(i * 7 + r) ^ key)) {
				bad++;
				break;
			}
		}
	}
	for (i = 0; i < OV_INFLIGHT; i++)
		crypto_freereq(crp[i]);
	kfree(buf);
	return bad;
}

/* run_inflight() from a thread: another consumer's backlog. */
struct backlog {
	u64			sid;
	u8			key;
	int			rounds;
	int			result;
	struct completion	done;
};

static int backlog_thread(void *arg)
{
	struct backlog *bl = arg;

	bl->result = run_inflight(bl->sid, bl->key, bl->rounds);
	complete(&bl->done);
	return 0;
}

/*
 * While another session (@bsid, key @bkey) keeps 16 requests in flight
 * on @dev for @rounds rounds, send one 200-byte request at a time on
 * @sid, each once @dev holds half of them: how many were sent (*@bad
 * counts wrong outputs and backlog errors).
 */
static int lone_during_backlog(struct fake *dev, u64 sid, u8 key, u64 bsid,
			       u8 bkey, int rounds, int *bad)
{
	struct backlog bl = { .sid = bsid, .key = bkey, .rounds = rounds };
	struct task_struct *t;
	int n = 0, i;

	init_completion(&bl.done);
	t = kthread_run(backlog_thread, &bl, "ocftest-backlog");
	if (IS_ERR(t)) {
		(*bad)++;
		return 0;
	}
	while (!completion_done(&bl.done)) {
		for (i = 0; i < 500 && !completion_done(&bl.done) &&
		     READ_ONCE(dev->npending) < OV_INFLIGHT / 2; i++)
			usleep_range(10, 20);
		if (!xor_one(sid, 200, 0, key, 0, FK_ROUTE))
			(*bad)++;
		n++;
	}
	wait_for_completion(&bl.done);
	if (bl.result)
		(*bad)++;
	return n;
}

/*
 * Service cost and overflow (issue 7), with probes off.  "deep" is a
 * device that completes all its pending requests together, batch_us
 * after the first of them: 16 in flight all wait 1.6 ms, yet it serves
 * one per 100 us.  "cpu" is a synchronous driver taking 750 us: above
 * the noise band of deep's cost as a consumer sees it (its service plus
 * the callback's hand-off, ~500 us on the debug kernel), below that of
 * a lone request queued behind 8 of another session (~1100 us on 6.12).
 * 1. After rounds of 16 in flight on a session bound to deep, deep's
 *    learnt cost is its service time, well below cpu's, and a session on
 *    any driver sends its 200-byte requests to deep.
 * 2. That session's own 16 in flight all stay on deep (its pipeline).
 * 3. One request at a time on another session, while a third keeps deep
 *    busy: a share goes to cpu (the overflow column counts them).
 * 4. Turned off (ocf.ko overflow=0), every request waits for deep.
 * 5. A lone user with deep idle always gets deep.
 * 6. A session bound to deep never overflows, whatever the backlog.
 */
static void t_overflow(void)
{
	struct fake *d = fk_alloc("ocftest-deep", CRYPTOCAP_F_HARDWARE,
				  FK_BATCH);
	struct fake *c = fk_alloc("ocftest-cpu",
				  CRYPTOCAP_F_SOFTWARE | CRYPTOCAP_F_SYNC,
				  FK_INLINE);
	int algs[] = { FK_ROUTE }, bad = 0, i, n, lone = 0;
	long long dcost, ccost, ov0, ov1;
	u64 md = 0, mc = 0, sid = 0, one = 0;

	if (!d || !c || fk_register(d, algs, 1) || fk_register(c, algs, 1)) {
		CHECK(false, "overflow: set-up");
		goto out;
	}
	d->batch_us = 1600;
	c->delay_big_us = 750;
	/* cpu is timed one request in 64 (OCF_LAT_SAMPLE). */
	if (new1(&mc, FK_ROUTE, 0x3c, c->id) ||
	    run_n(mc, FK_ROUTE, 640, 200) ||
	    new1(&md, FK_ROUTE, 0x3c, d->id) || run_inflight(md, 0x3c, 40) ||
	    new1(&sid, FK_ROUTE, 0x5c,
		 CRYPTOCAP_F_HARDWARE | CRYPTOCAP_F_SOFTWARE)) {
		CHECK(false, "overflow: measuring requests");
		goto out;
	}
	dcost = stat_field("algs", "ocftest-deep", FK_ROUTE, "cost_256");
	ccost = stat_field("algs", "ocftest-cpu", FK_ROUTE, "cost_256");
	ktap_diag(&suite, "overflow: 200-byte cost deep %lld ns (mean latency %lld), cpu %lld ns",
		  dcost,
		  stat_field("algs", "ocftest-deep", FK_ROUTE,
			     "latency_mean_ns"), ccost);
	CHECK(dcost > 0 && ccost > 0 && dcost * 2 < ccost,
	      "overflow: a device's learnt cost is its service time, not its latency behind others");
	atomic_set(&d->big, 0);
	atomic_set(&c->big, 0);
	CHECK(xor_one(sid, 200, 0, 0x5c, 0, FK_ROUTE) &&
	      atomic_read(&d->big) == 1 && !atomic_read(&c->big),
	      "overflow: a deep device with the better service rate gets the requests");

	ov0 = stat_field("drivers", "ocftest-deep", 0, "overflow");
	atomic_set(&d->big, 0);
	CHECK(ov0 >= 0 && !run_inflight(sid, 0x5c, 10) &&
	      atomic_read(&d->big) == 10 * OV_INFLIGHT &&
	      !atomic_read(&c->big) &&
	      stat_field("drivers", "ocftest-deep", 0, "overflow") == ov0,
	      "overflow: a session's own requests in flight stay on the device");

	/* A session that sends one request at a time. */
	if (new1(&one, FK_ROUTE, 0x6d,
		 CRYPTOCAP_F_HARDWARE | CRYPTOCAP_F_SOFTWARE))
		bad++;
	atomic_set(&d->big, 0);
	atomic_set(&c->big, 0);
	n = lone_during_backlog(d, one, 0x6d, md, 0x3c, 30, &bad);
	ov1 = stat_field("drivers", "ocftest-deep", 0, "overflow");
	ktap_diag(&suite, "overflow: %d lone requests beside 16: cpu ran %d, overflow %lld",
		  n, atomic_read(&c->big), ov1 - ov0);
	CHECK(!bad && atomic_read(&c->big) > 0 &&
	      atomic_read(&d->big) + atomic_read(&c->big) ==
	      30 * OV_INFLIGHT + n && ov1 - ov0 == atomic_read(&c->big),
	      "overflow: another consumer's backlog sends a share of requests to the other driver");

	/* The rule turned off (ocf.ko overflow): everything waits for deep. */
	atomic_set(&c->big, 0);
	bad = write_int_file(OVERFLOW_PARAM, 0);
	if (!bad)
		n = lone_during_backlog(d, one, 0x6d, md, 0x3c, 10, &bad);
	CHECK(!write_int_file(OVERFLOW_PARAM, 1) && !bad && n > 0 &&
	      !atomic_read(&c->big) &&
	      stat_field("drivers", "ocftest-deep", 0, "overflow") == ov1,
	      "overflow: turned off, a busy device keeps every request");

	atomic_set(&d->big, 0);
	atomic_set(&c->big, 0);
	for (i = 0; i < 10; i++)
		if (xor_one(one, 200, 0, 0x6d, 0, FK_ROUTE))
			lone++;
	CHECK(lone == 10 && atomic_read(&d->big) == 10 &&
	      !atomic_read(&c->big) &&
	      stat_field("drivers", "ocftest-deep", 0, "overflow") == ov1,
	      "overflow: a lone user, one request at a time, always gets the device");

	/* Bound to deep: the any-driver session is now the backlog. */
	atomic_set(&c->big, 0);
	bad = 0;
	n = lone_during_backlog(d, md, 0x3c, sid, 0x5c, 10, &bad);
	CHECK(!bad && n > 0 && !atomic_read(&c->big) &&
	      stat_field("drivers", "ocftest-deep", 0, "overflow") == ov1,
	      "overflow: a session bound to the device never overflows");
out:
	if (one)
		crypto_freesession(one);
	if (sid)
		crypto_freesession(sid);
	if (md)
		crypto_freesession(md);
	if (mc)
		crypto_freesession(mc);
	fk_free(d);
	fk_free(c);
}

#define SVC_FIRST_MS	100
#define SVC_GROUP	3

/*
 * A device's first service sample is learnt as its cost and counts only
 * once: the group after it averages the samples that follow it.  "svc"
 * holds its requests.  SVC_GROUP + 1 go in together; the first completes
 * after SVC_FIRST_MS (X, learnt as it is), each other one a few ms after
 * the one before (samples Y, queued behind it: no group starts there);
 * one more request on the idle device then closes their group.  One step
 * of the moving average from X toward the mean of the Ys is
 * X - (X - Y) / 8; with X counted in the group again it was
 * X - 3 (X - Y) / 32.
 */
static void t_service_first(void)
{
	struct fake *d = fk_alloc("ocftest-svc", CRYPTOCAP_F_HARDWARE,
				  FK_HOLD);
	int algs[] = { FK_XOR }, i, n = SVC_GROUP + 2, sent = 0;
	long long first = -1, learnt = -1, want = 0, twice = 0;
	struct cryptop **v = NULL;
	u64 sid = 0, t0 = 0, t1 = 0, y = 0;
	u8 buf[16] = { };
	struct seqw sw;
	bool ok;

	seqw_init(&sw);
	if (!d || fk_register(d, algs, 1) || new1(&sid, FK_XOR, 1, d->id)) {
		CHECK(false, "service cost: set-up");
		goto out;
	}
	v = reqs_alloc(n, sid, &sw, buf, 0);
	for (ok = v; ok && sent <= SVC_GROUP; sent++)
		ok = v[sent] && !crypto_dispatch(v[sent]);
	msleep(SVC_FIRST_MS);
	t0 = ktime_get_ns();
	ok = ok && fk_release_one(d);
	first = stat_field("algs", "ocftest-svc", FK_XOR, "cost_64");
	for (i = 0; ok && i < SVC_GROUP; i++) {
		usleep_range(2000, 3000);
		t1 = ktime_get_ns();
		ok = fk_release_one(d);
	}
	ok = ok && seqw_wait(&sw, sent) && v[sent] &&
	     !crypto_dispatch(v[sent++]) && fk_release_one(d) &&
	     seqw_wait(&sw, sent) && !atomic_read(&sw.errors);
	learnt = stat_field("algs", "ocftest-svc", FK_XOR, "cost_64");
	if (ok && first > 0) {
		y = div_u64(t1 - t0, SVC_GROUP);
		want = first - (first - (long long)y) / 8;
		twice = first - 3 * (first - (long long)y) / 32;
	}
	ktap_diag(&suite, "service cost: first %lld ns, %d of %llu ns: learnt %lld",
		  first, SVC_GROUP, y, learnt);
	ktap_diag(&suite, "service cost: one step gives %lld, the first twice %lld",
		  want, twice);
	/* Within a quarter of the gap: y is the test's clock, not OCF's. */
	CHECK(ok && first > 0 && (long long)y < first / 4 &&
	      4 * abs(learnt - want) < twice - want,
	      "service cost: a device's first sample counts once, not again in the next group");
out:
	if (d)
		fk_release(d);
	if (sent)
		seqw_wait(&sw, sent);
	if (sid)
		crypto_freesession(sid);
	reqs_free(v, n);
	fk_free(d);
}

#define MANY_SES	1100	/* more than the core's flat array (1024) */

static u8 many_key(int i)
{
	return (u8)(i * 7 + 1);
}

/*
 * Many live sessions: those with an index past the core's flat array of
 * sessions are found in its xarray.  Each request must reach its own
 * session (its key), and a freed sid there is refused.
 */
static void t_many_sessions(void)
{
	struct fake *a = fk_alloc("ocftest-many",
				  CRYPTOCAP_F_SOFTWARE | CRYPTOCAP_F_SYNC,
				  FK_INLINE);
	u64 *sids = vzalloc(MANY_SES * sizeof(*sids)), old;
	int algs[] = { FK_XOR }, i, n = 0, high = -1;
	bool ok;

	if (!a || !sids || fk_register(a, algs, 1)) {
		CHECK(false, "sessions: more than 1024 live, each request on its own");
		CHECK(false, "sessions: a freed sid past the first 1024 is refused");
		goto out;
	}
	for (n = 0; n < MANY_SES; n++) {
		if (new1(&sids[n], FK_XOR, many_key(n), a->id))
			break;
		if (CRYPTO_SESID2LID(sids[n]) >= 1024)
			high = n;
	}
	ok = n == MANY_SES && high >= 0;
	for (i = 0; ok && i < n; i += 97)
		ok = xor_one(sids[i], 16, 0, many_key(i), 0, FK_XOR);
	ok = ok && xor_one(sids[high], 16, 0, many_key(high), 0, FK_XOR) &&
	     xor_one(sids[n - 1], 16, 0, many_key(n - 1), 0, FK_XOR);
	ktap_diag(&suite, "sessions: %d opened, index of #%d: %u", n, high,
		  high >= 0 ? CRYPTO_SESID2LID(sids[high]) : 0);
	CHECK(ok, "sessions: more than 1024 live, each request on its own");
	old = high >= 0 ? sids[high] : 0;
	ok = old && !crypto_freesession(old);
	if (ok)
		sids[high] = 0;
	CHECK(ok && xor_one(old, 16, 0, 0, EINVAL, FK_XOR) &&
	      crypto_freesession(old) == -EINVAL,
	      "sessions: a freed sid past the first 1024 is refused");
out:
	for (i = 0; sids && i < n; i++)
		if (sids[i])
			crypto_freesession(sids[i]);
	vfree(sids);
	fk_free(a);
}

/* maxoplen: a request too long for a driver goes to one that takes it. */
static void t_maxoplen(void)
{
	struct fake *sh = fk_alloc("ocftest-short", CRYPTOCAP_F_SOFTWARE,
				   FK_INLINE);
	struct fake *lo = fk_alloc("ocftest-long", CRYPTOCAP_F_SOFTWARE,
				   FK_INLINE);
	int algs[] = { FK_MAXLEN };
	u64 m1 = 0, sid = 0, only = 0;
	u32 drv = 0;

	if (!sh || !lo) {
		CHECK(false, "maxoplen: set-up");
		goto out;
	}
	sh->maxoplen = 100;
	if (fk_register(sh, algs, 1) || fk_register(lo, algs, 1)) {
		CHECK(false, "maxoplen: set-up");
		goto out;
	}
	lo->delay_us = 300;
	if (new1(&m1, FK_MAXLEN, 9, lo->id) || run_n(m1, FK_MAXLEN, 8, 32)) {
		CHECK(false, "maxoplen: measuring requests");
		goto out;
	}
	CHECK(!new1(&sid, FK_MAXLEN, 0x21, CRYPTOCAP_F_SOFTWARE) &&
	      !crypto_session_driver(sid, FK_MAXLEN, &drv) &&
	      drv == (u32)sh->id,
	      "maxoplen: the session's base is the cheaper, limited driver");
	atomic_set(&sh->process, 0);
	atomic_set(&lo->process, 0);
	CHECK(xor_one(sid, 100, 0, 0x21, 0, FK_MAXLEN) &&
	      xor_one(sid, 101, 0, 0x21, 0, FK_MAXLEN) &&
	      xor_one(sid, 250, 0, 0x21, 0, FK_MAXLEN) &&
	      atomic_read(&sh->process) == 1 &&
	      atomic_read(&lo->process) == 2,
	      "maxoplen: requests beyond a driver's maxoplen go to one that takes them");
	CHECK(!new1(&only, FK_MAXLEN, 0x21, sh->id) &&
	      xor_one(only, 100, 0, 0x21, 0, FK_MAXLEN) &&
	      xor_one(only, 101, 0, 0x21, E2BIG, FK_MAXLEN) &&
	      atomic_read(&sh->process) == 2,
	      "maxoplen: with no driver able to take it, E2BIG and the driver is not called");
out:
	if (only)
		crypto_freesession(only);
	if (sid)
		crypto_freesession(sid);
	if (m1)
		crypto_freesession(m1);
	fk_free(sh);
	fk_free(lo);
}

/* Write @v to a sysctl file; 0 or a negative errno. */
static int write_int_file(const char *path, int v)
{
	struct file *f = filp_open(path, O_WRONLY, 0);
	char buf[16];
	loff_t pos = 0;
	ssize_t n;
	int len;

	if (IS_ERR(f))
		return PTR_ERR(f);
	len = snprintf(buf, sizeof(buf), "%d\n", v);
	n = kernel_write(f, buf, len, &pos);
	filp_close(f, NULL);
	return n == len ? 0 : n < 0 ? (int)n : -EIO;
}

/*
 * kern.cryptodevallowsoft is /dev/crypto's policy for new sessions:
 * flipping it never moves or loses a session that exists.
 */
static void t_allowsoft(void)
{
	struct fake *a = fk_alloc("ocftest-soft", CRYPTOCAP_F_SOFTWARE,
				  FK_INLINE);
	int algs[] = { FK_SOFT }, saved = crypto_devallowsoft, v, bad = 0;
	static const int flips[] = { 1, -1, 0, 1, 0 };
	u64 sid = 0;
	u32 drv = 0;

	if (!a || fk_register(a, algs, 1) || new1(&sid, FK_SOFT, 0x44, 0)) {
		CHECK(false, "allowsoft: set-up");
		goto out;
	}
	for (v = 0; v < ARRAY_SIZE(flips); v++) {
		if (write_int_file("/proc/sys/kern/cryptodevallowsoft",
				   flips[v]) ||
		    crypto_devallowsoft != flips[v] ||
		    !xor_one(sid, 32, 0, 0x44, 0, FK_SOFT))
			bad++;
	}
	write_int_file("/proc/sys/kern/cryptodevallowsoft", saved);
	CHECK(!bad && crypto_devallowsoft == saved &&
	      !crypto_session_driver(sid, FK_SOFT, &drv) && drv == (u32)a->id &&
	      stat_field("drivers", "ocftest-soft", 0, "migrations") == 0 &&
	      atomic_read(&a->newses) == 1 && !atomic_read(&a->freeses),
	      "allowsoft: flips of kern.cryptodevallowsoft keep existing sessions working");
out:
	if (sid)
		crypto_freesession(sid);
	fk_free(a);
}

static void t_stats(void)
{
	struct fake *a = fk_alloc("ocftest-stats", CRYPTOCAP_F_SOFTWARE,
				  FK_INLINE);
	int algs[] = { FK_STAT };
	u64 s1 = 0, s2 = 0;
	int bad;

	if (!a || fk_register(a, algs, 1) || new1(&s1, FK_STAT, 1, a->id) ||
	    new1(&s2, FK_STAT, 1, a->id)) {
		CHECK(false, "stats: set-up");
		goto out;
	}
	bad = run_n(s1, FK_STAT, 10, 100);
	bad += run_n(s2, FK_STAT, 3, 300);	/* > 256: the fake refuses */
	CHECK(bad == 3, "stats: 10 good and 3 failing requests ran");
	CHECK(stat_field("algs", "ocftest-stats", FK_STAT, "requests") == 13 &&
	      stat_field("algs", "ocftest-stats", FK_STAT, "errors") == 3 &&
	      stat_field("algs", "ocftest-stats", FK_STAT, "bytes") == 1900 &&
	      stat_field("algs", "ocftest-stats", FK_STAT, "sessions") == 2,
	      "stats: per-algorithm requests, errors, bytes, sessions");
	CHECK(stat_field("drivers", "ocftest-stats", 0, "requests") == 13 &&
	      stat_field("drivers", "ocftest-stats", 0, "errors") == 3 &&
	      stat_field("drivers", "ocftest-stats", 0, "sessions") == 2 &&
	      stat_field("drivers", "ocftest-stats", 0, "latency_mean_ns") > 0 &&
	      stat_field("drivers", "ocftest-stats", 0, "latency_max_ns") >=
	      stat_field("drivers", "ocftest-stats", 0, "latency_mean_ns"),
	      "stats: per-driver requests, errors, sessions, latency");
	crypto_freesession(s1);
	CHECK(stat_field("drivers", "ocftest-stats", 0, "sessions") == 1,
	      "stats: sessions drop on freesession");
	crypto_freesession(s2);
out:
	fk_free(a);
}

static int fk_describe(void *arg, u64 sid, int alg, char *buf, size_t len)
{
	struct fake *fk = arg;

	snprintf(buf, len, "%s-%u-alg%d", fk->name, CRYPTO_SESID2HID(sid), alg);
	return 0;
}

/*
 * A synchronous driver's requests are timed only one in many: counts
 * must stay exact and the first request is timed.  Then the describe
 * hook, through crypto_session_impl().
 */
static void t_sync_stats(void)
{
	struct fake *a = fk_alloc("ocftest-sync",
				  CRYPTOCAP_F_SOFTWARE | CRYPTOCAP_F_SYNC,
				  FK_INLINE);
	int algs[] = { FK_STAT };
	char name[64], want[64];
	u64 s1 = 0;
	bool ok;
	int bad;

	if (!a || fk_register(a, algs, 1) || new1(&s1, FK_STAT, 1, a->id)) {
		CHECK(false, "stats: sync driver set-up");
		CHECK(false, "describe: set-up");
		goto out;
	}
	bad = run_n(s1, FK_STAT, 200, 100);
	CHECK(!bad &&
	      stat_field("algs", "ocftest-sync", FK_STAT, "requests") == 200 &&
	      stat_field("algs", "ocftest-sync", FK_STAT, "bytes") == 20000 &&
	      stat_field("algs", "ocftest-sync", FK_STAT, "errors") == 0 &&
	      stat_field("drivers", "ocftest-sync", 0, "requests") == 200 &&
	      stat_field("drivers", "ocftest-sync", 0, "latency_mean_ns") > 0 &&
	      stat_field("drivers", "ocftest-sync", 0, "latency_max_ns") >=
	      stat_field("drivers", "ocftest-sync", 0, "latency_mean_ns"),
	      "stats: a sync driver's counts are exact, its latency sampled");

	name[0] = 'x';
	ok = crypto_session_impl(s1, 0, name, sizeof(name)) == -EOPNOTSUPP &&
	     !name[0];
	ok = ok && crypto_register_describe(OCF_TEST_BAD_ID, fk_describe) ==
		   -EINVAL;
	ok = ok && !crypto_register_describe(a->id, fk_describe);
	snprintf(want, sizeof(want), "ocftest-sync-%d-alg%d", a->id, FK_STAT);
	ok = ok && !crypto_session_impl(s1, 0, name, sizeof(name)) &&
	     !strcmp(name, want);
	ok = ok && !crypto_session_impl(s1, FK_STAT, name, sizeof(name)) &&
	     !strcmp(name, want);
	ok = ok && crypto_session_impl(s1, FK_XOR, name, sizeof(name)) ==
		   -ENOENT;
	crypto_freesession(s1);
	ok = ok && crypto_session_impl(s1, 0, name, sizeof(name)) == -EINVAL;
	CHECK(ok, "describe: crypto_session_impl() names the implementation");
out:
	fk_free(a);
}

/* A driver's worker completing what it held, BHs off (as cryptd runs). */
struct release_work {
	struct work_struct	work;
	struct fake		*fk;
};

static void release_fn(struct work_struct *work)
{
	struct release_work *rw = container_of(work, struct release_work,
					       work);

	local_bh_disable();
	fk_release(rw->fk);
	local_bh_enable();
}

/*
 * A SYNC driver that completes from elsewhere (cryptosoft through
 * cryptd): CRYPTO_F_CBIFSYNC callbacks are queued, not run in the
 * driver's worker, and such latencies (the worker's queueing) are not
 * learnt as the driver's cost; requests completed inside process() are.
 */
static void t_sync_elsewhere(void)
{
	struct fake *a = fk_alloc("ocftest-syncq",
				  CRYPTOCAP_F_SOFTWARE | CRYPTOCAP_F_SYNC,
				  FK_HOLD);
	struct release_work rw;
	struct cryptop *crp = NULL;
	int algs[] = { FK_XOR }, i, bad = 0;
	bool unlearnt;
	struct waiter w;
	u8 buf[16];
	u64 sid = 0;

	if (a && !fk_register(a, algs, 1) && !new1(&sid, FK_XOR, 0x11, a->id))
		crp = req1(sid, FK_XOR, buf, &w);
	if (!crp) {
		CHECK(false, "sync elsewhere: set-up");
		CHECK(false, "sync elsewhere: costs");
		goto out;
	}
	rw.fk = a;
	INIT_WORK_ONSTACK(&rw.work, release_fn);
	for (i = 0; i < 70; i++) {
		w_init(&w);
		crp->crp_flags = CRYPTO_F_CBIFSYNC;
		if (crypto_dispatch(crp)) {
			bad++;
			break;
		}
		schedule_work(&rw.work);
		flush_work(&rw.work);
		if (!w_wait(&w, 1) || w.etype || w.in_bh || w.in_irq)
			bad++;
	}
	destroy_work_on_stack(&rw.work);
	CHECK(!bad, "sync elsewhere: CBIFSYNC callback queued, not run in the driver's worker");
	ktap_diag(&suite, "sync elsewhere: timed %lld ns mean, cost %lld ns",
		  stat_field("drivers", "ocftest-syncq", 0, "latency_mean_ns"),
		  stat_field("algs", "ocftest-syncq", FK_XOR, "cost_64"));
	unlearnt = stat_field("algs", "ocftest-syncq", FK_XOR, "cost_64") == 0 &&
		   stat_field("drivers", "ocftest-syncq", 0, "latency_mean_ns") > 0;
	a->mode = FK_INLINE;
	CHECK(unlearnt && !run_n(sid, FK_XOR, 130, 16) &&
	      stat_field("algs", "ocftest-syncq", FK_XOR, "cost_64") > 0,
	      "sync elsewhere: only completions inside process() teach the cost");
out:
	crypto_freereq(crp);
	if (sid)
		crypto_freesession(sid);
	fk_free(a);
}

static void t_keying(void)
{
	struct fake *k1 = fk_alloc("ocftest-k1", CRYPTOCAP_F_HARDWARE, FK_HOLD);
	struct fake *k2 = fk_alloc("ocftest-k2", CRYPTOCAP_F_HARDWARE,
				   FK_INLINE);
	struct cryptkop krp = { }, krp2 = { };
	struct waiter w, w2;
	int feat = 0;
	bool ok;

	if (k1)
		k1->id = crypto_get_driverid_named(k1->flags, k1->name);
	if (k2)
		k2->id = crypto_get_driverid_named(k2->flags, k2->name);
	if (!k1 || !k2 || k1->id < 0 || k2->id < 0 ||
	    crypto_kregister(k1->id, CRK_MOD_EXP, 0, fk_kprocess, k1) ||
	    crypto_kregister(k2->id, CRK_MOD_EXP, 0, fk_kprocess, k2)) {
		CHECK(false, "keying: set-up");
		goto out;
	}
	hrtimer_init(&k1->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	hrtimer_init(&k2->timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	CHECK(!crypto_getfeat(&feat) && (feat & CRF_MOD_EXP),
	      "keying: crypto_getfeat reports a registered operation");
	w_init(&w);
	krp.krp_op = CRK_MOD_EXP;
	krp.krp_hid = k2->id;
	krp.krp_callback = k_callback;
	krp.krp_opaque = &w;
	CHECK(!crypto_kdispatch(&krp) && w_wait(&w, 1) && !w.etype &&
	      krp.krp_hid == (u32)k2->id && atomic_read(&k2->kprocess) == 1,
	      "keying: kdispatch to a named driver, crypto_kdone");
	/* Block k1, queue one behind, unregister: it moves to k2. */
	k1->mode = FK_HOLD;
	k1->cap = 0;
	w_init(&w);
	w_init(&w2);
	krp.krp_hid = CRYPTOCAP_F_HARDWARE;
	krp2 = krp;
	krp2.krp_opaque = &w2;
	ok = !crypto_kdispatch(&krp) && !crypto_kdispatch(&krp2);
	ok = ok && atomic_read(&k1->kprocess) == 1 && !atomic_read(&w.calls);
	crypto_unregister_all(k1->id);
	k1->gone = true;
	CHECK(ok && w_wait(&w, 1) && w_wait(&w2, 1) && !w.etype && !w2.etype &&
	      krp.krp_hid == (u32)k2->id && krp2.krp_hid == (u32)k2->id,
	      "keying: requests queued on a leaving driver run elsewhere");
out:
	if (k1)
		k1->gone = k1->gone || k1->id <= 0;
	fk_free(k1);
	fk_free(k2);
}

static void t_copystate(void)
{
	struct fake *a = fk_alloc("ocftest-cs-a", CRYPTOCAP_F_SOFTWARE,
				  FK_INLINE);
	struct fake *b = fk_alloc("ocftest-cs-b", CRYPTOCAP_F_SOFTWARE,
				  FK_INLINE);
	int algs[] = { FK_XOR };
	u64 s1 = 0, s2 = 0, s3 = 0;

	if (!a || !b || fk_register(a, algs, 1) || fk_register(b, algs, 1) ||
	    crypto_register_copystate(a->id, fk_copystate) ||
	    new1(&s1, FK_XOR, 1, a->id) || new1(&s2, FK_XOR, 1, a->id) ||
	    new1(&s3, FK_XOR, 1, b->id)) {
		CHECK(false, "copystate: set-up");
		goto out;
	}
	CHECK(!crypto_copystate(s2, s1) && atomic_read(&a->copystate) == 1 &&
	      CRYPTO_SESID2HID(a->last_dst) == (u32)a->id &&
	      a->last_dst != a->last_src,
	      "copystate: same driver, the driver's op gets driver sids");
	CHECK(crypto_copystate(s3, s1) == -EINVAL &&
	      crypto_copystate(s1, 0) == -EINVAL,
	      "copystate: sessions on different drivers are EINVAL");
	crypto_freesession(s1);
	new1(&s1, FK_XOR, 1, b->id);
	CHECK(crypto_copystate(s3, s1) == -EOPNOTSUPP,
	      "copystate: a driver without the op is EOPNOTSUPP");
	crypto_freesession(s1);
	crypto_freesession(s2);
	crypto_freesession(s3);
out:
	fk_free(a);
	fk_free(b);
}

static int sum_apply(void *arg, void *data, unsigned int len)
{
	u32 *s = arg;
	u8 *p = data;

	while (len--)
		*s += *p++;
	return 0;
}

/* copydata/copyback/apply/to_sg on one buffer type holding 0..n-1. */
static bool buf_roundtrip(int flags, void *buf, int n, const char *what)
{
	struct scatterlist *sg;
	u8 *tmp = vmalloc(n);
	u32 sum = 0, want = 0;
	int i, nents, used, got = 0;
	bool ok = tmp;

	for (i = 0; ok && i < n; i++)
		want += (u8)i;
	ok = ok && !crypto_copydata(flags, buf, 0, n, tmp);
	for (i = 0; ok && i < n; i++)
		ok = tmp[i] == (u8)i;
	ok = ok && !crypto_apply(flags, buf, 0, n, sum_apply, &sum) &&
	     sum == want;
	/* Write a marker across the middle and read it back. */
	if (ok) {
		memset(tmp, 0xee, 64);
		ok = !crypto_copyback(flags, buf, n / 2 - 32, 64, tmp);
		memset(tmp, 0, 64);
		ok = ok && !crypto_copydata(flags, buf, n / 2 - 40, 80, tmp) &&
		     tmp[7] == (u8)(n / 2 - 33) && all_bytes(tmp + 8, 64, 0xee) &&
		     tmp[72] == (u8)(n / 2 + 32);
	}
	ok = ok && crypto_copydata(flags, buf, -1, 4, tmp) == -EINVAL &&
	     crypto_copydata(flags, buf, 4, -1, tmp) == -EINVAL;
	/* Only typed buffers know their end (contiguous: crp_ilen). */
	if (flags)
		ok = ok && crypto_copydata(flags, buf, n - 4, 5, tmp) == -EINVAL &&
		     crypto_copyback(flags, buf, n, 1, tmp) == -EINVAL &&
		     crypto_buf_sg_nents(flags, buf, 1, n) == -EINVAL;
	nents = crypto_buf_sg_nents(flags, buf, 3, n - 5);
	sg = nents > 0 ? kcalloc(nents, sizeof(*sg), GFP_KERNEL) : NULL;
	used = sg ? crypto_buf_to_sg(flags, buf, 3, n - 5, sg, nents) : -1;
	if (ok && used == nents) {
		struct scatterlist *s;

		for (s = sg; s && ok; s = sg_next(s)) {
			u8 *p = kmap_local_page(sg_page(s));

			for (i = 0; i < s->length && ok; i++, got++) {
				int at = 3 + got;
				u8 want_b = (at >= n / 2 - 32 && at < n / 2 + 32) ?
					    0xee : (u8)at;

				ok = p[s->offset + i] == want_b;
			}
			kunmap_local(p);
		}
		ok = ok && got == n - 5;
		if (ok && nents > 1)
			ok = crypto_buf_to_sg(flags, buf, 3, n - 5, sg,
					      nents - 1) == -ENOSPC;
	} else {
		ok = false;
	}
	kfree(sg);
	vfree(tmp);
	if (!ok)
		ktap_diag(&suite, "buffer %s failed", what);
	return ok;
}

static void t_buffers(void)
{
	const int n = 3 * PAGE_SIZE + 100;
	struct scatterlist sg[5];
	struct cryptouio uio;
	struct kvec iov[4];
	struct sk_buff *skb = NULL, *frag = NULL;
	struct page *pg = NULL;
	u8 *lin = kmalloc(n, GFP_KERNEL), *vm = vmalloc(n);
	u8 *parts = kmalloc(n, GFP_KERNEL);
	int i, cut[] = { 0, 1, 700, PAGE_SIZE + 1, n };

	if (!lin || !vm || !parts) {
		CHECK(false, "buffers: allocation");
		goto out;
	}
	for (i = 0; i < n; i++) {
		lin[i] = (u8)i;
		vm[i] = (u8)i;
		parts[i] = (u8)i;
	}
	CHECK(buf_roundtrip(0, lin, n, "kmalloc") &&
	      buf_roundtrip(0, vm, n, "vmalloc"),
	      "buffers: contiguous (lowmem and vmalloc)");

	for (i = 0; i < n; i++)
		parts[i] = (u8)i;
	sg_init_table(sg, 4);
	for (i = 0; i < 4; i++)
		sg_set_buf(&sg[i], parts + cut[i], cut[i + 1] - cut[i]);
	CHECK(buf_roundtrip(CRYPTO_F_SG, sg, n, "scatterlist"),
	      "buffers: scatterlist (CRYPTO_F_SG) with odd segments");

	for (i = 0; i < n; i++)
		parts[i] = (u8)i;
	for (i = 0; i < 4; i++) {
		iov[i].iov_base = parts + cut[i];
		iov[i].iov_len = cut[i + 1] - cut[i];
	}
	uio.uio_iov = iov;
	uio.uio_iovcnt = 4;
	CHECK(buf_roundtrip(CRYPTO_F_IOV, &uio, n, "iov"),
	      "buffers: kvec list (CRYPTO_F_IOV)");

	/* sk_buff: 300 linear bytes, a page fragment, a frag_list skb. */
	skb = alloc_skb(300, GFP_KERNEL);
	frag = alloc_skb(n - 300 - PAGE_SIZE, GFP_KERNEL);
	pg = alloc_page(GFP_KERNEL);
	if (skb && frag && pg) {
		u8 *p = page_address(pg);

		for (i = 0; i < 300; i++)
			*(u8 *)skb_put(skb, 1) = (u8)i;
		for (i = 0; i < PAGE_SIZE; i++)
			p[i] = (u8)(300 + i);
		skb_fill_page_desc(skb, 0, pg, 0, PAGE_SIZE);
		pg = NULL;	/* the skb owns it now */
		skb->len += PAGE_SIZE;
		skb->data_len += PAGE_SIZE;
		for (i = 300 + PAGE_SIZE; i < n; i++)
			*(u8 *)skb_put(frag, 1) = (u8)i;
		skb_shinfo(skb)->frag_list = frag;
		skb->len += frag->len;
		skb->data_len += frag->len;
		frag = NULL;
		CHECK(skb->len == n && buf_roundtrip(CRYPTO_F_IMBUF, skb, n,
						     "skb"),
		      "buffers: sk_buff with page frags and frag_list (CRYPTO_F_IMBUF)");
	} else {
		CHECK(false, "buffers: sk_buff allocation");
	}
out:
	kfree_skb(skb);
	kfree_skb(frag);
	if (pg)
		__free_page(pg);
	kfree(lin);
	vfree(vm);
	kfree(parts);
}

static long read_int_file(const char *path)
{
	char buf[32] = { };
	struct file *f = filp_open(path, O_RDONLY, 0);
	loff_t pos = 0;
	long v = -999;

	if (IS_ERR(f))
		return v;
	if (kernel_read(f, buf, sizeof(buf) - 1, &pos) > 0 &&
	    kstrtol(strim(buf), 10, &v))
		v = -999;
	filp_close(f, NULL);
	return v;
}

static void t_sysctl(void)
{
	long a = read_int_file("/proc/sys/kern/usercrypto");
	long b = read_int_file("/proc/sys/kern/userasymcrypto");
	long c = read_int_file("/proc/sys/kern/cryptodevallowsoft");

	CHECK(a == crypto_usercrypto && b == crypto_userasymcrypto &&
	      c == crypto_devallowsoft && a == 1 && b == 1 && c == 0,
	      "sysctl: kern.usercrypto, userasymcrypto, cryptodevallowsoft");
	CHECK(read_int_file("/sys/module/ocf/parameters/usercrypto") == a &&
	      read_int_file("/sys/module/ocf/parameters/cryptodevallowsoft") == c,
	      "sysctl: mirrored as ocf.ko parameters");
}

/* ---- many requests from every CPU --------------------------------- */

#define STRESS_WINDOW	32

struct stress_thr {
	u64			sid;
	unsigned long		*seen;
	unsigned int		first, count;
	struct llist_head	free;
	wait_queue_head_t	wq;
	atomic_t		done, dup, err;
	struct cryptop		*crp[STRESS_WINDOW];
	struct completion	exited;
	u8			buf[16];
};

static int stress_callback(struct cryptop *crp)
{
	struct stress_thr *t = crp->crp_opaque;
	unsigned long id = (unsigned long)crp->crp_mac;

	if (test_and_set_bit(id, t->seen))
		atomic_inc(&t->dup);
	if (crp->crp_etype)
		atomic_inc(&t->err);
	llist_add((struct llist_node *)&crp->crp_next, &t->free);
	atomic_inc(&t->done);
	wake_up(&t->wq);
	return 0;
}

static int stress_thread(void *arg)
{
	struct stress_thr *t = arg;
	struct llist_node *node;
	unsigned int i;

	for (i = 0; i < t->count; i++) {
		struct cryptop *crp;

		while (!(node = llist_del_first(&t->free)))
			wait_event_timeout(t->wq, !llist_empty(&t->free), HZ);
		crp = container_of((struct list_head *)node, struct cryptop,
				   crp_next);
		crp->crp_sid = t->sid;
		crp->crp_mac = (void *)(unsigned long)(t->first + i);
		if (crypto_dispatch(crp))
			atomic_inc(&t->err);
	}
	while (atomic_read(&t->done) < t->count)
		if (!wait_event_timeout(t->wq,
					atomic_read(&t->done) >= t->count,
					30 * HZ))
			break;
	complete(&t->exited);
	return 0;
}

static void t_stress(void)
{
	struct fake *a = fk_alloc("ocftest-stress", CRYPTOCAP_F_SOFTWARE,
				  FK_INLINE);
	int algs[] = { FK_XOR }, cpu, nthr = 0, i, k;
	unsigned int n = stress_count, per, done = 0, dup = 0, err = 0;
	struct stress_thr *thr = NULL;
	unsigned long *seen = NULL;
	u64 sid = 0, t0, ns;
	bool ok = true;

	if (!n) {
		ktap_skip(&suite, "stress: requests from every CPU",
			  "stress_count=0");
		goto out;
	}
	nthr = num_online_cpus();
	thr = vzalloc(nthr * sizeof(*thr));
	seen = vzalloc(BITS_TO_LONGS(n) * sizeof(long));
	if (!a || !thr || !seen || fk_register(a, algs, 1) ||
	    new1(&sid, FK_XOR, 1, a->id)) {
		CHECK(false, "stress: set-up");
		goto out;
	}
	per = n / nthr;
	i = 0;
	for_each_online_cpu(cpu) {
		struct stress_thr *t = &thr[i];

		if (i == nthr)
			break;
		t->sid = sid;
		t->seen = seen;
		t->first = i * per;
		t->count = i == nthr - 1 ? n - i * per : per;
		init_llist_head(&t->free);
		init_waitqueue_head(&t->wq);
		init_completion(&t->exited);
		for (k = 0; k < STRESS_WINDOW; k++) {
			t->crp[k] = crypto_getreq(1);
			if (!t->crp[k]) {
				ok = false;
				break;
			}
			t->crp[k]->crp_callback = stress_callback;
			t->crp[k]->crp_opaque = t;
			t->crp[k]->crp_desc->crd_alg = FK_XOR;
			t->crp[k]->crp_buf = t->buf;
			t->crp[k]->crp_ilen = sizeof(t->buf);
			llist_add((struct llist_node *)&t->crp[k]->crp_next,
				  &t->free);
		}
		i++;
	}
	if (!ok) {
		CHECK(false, "stress: requests");
		nthr = i;
		goto out;
	}
	t0 = ktime_get_ns();
	i = 0;
	for_each_online_cpu(cpu) {
		struct task_struct *task;

		if (i == nthr)
			break;
		task = kthread_create(stress_thread, &thr[i], "ocfstress/%d",
				      cpu);
		if (IS_ERR(task)) {
			complete(&thr[i].exited);
			ok = false;
		} else {
			kthread_bind(task, cpu);
			wake_up_process(task);
		}
		i++;
	}
	for (i = 0; i < nthr; i++) {
		while (!wait_for_completion_timeout(&thr[i].exited, 10 * HZ))
			;
		done += atomic_read(&thr[i].done);
		dup += atomic_read(&thr[i].dup);
		err += atomic_read(&thr[i].err);
	}
	ns = ktime_get_ns() - t0;
	ok = ok && done == n && !dup && !err &&
	     bitmap_weight(seen, n) == n;
	ktap_diag(&suite, "stress: %u requests on %d CPUs in %llu ms (%llu/s)",
		  n, nthr, ns / 1000000, ns ? (u64)n * 1000000000ULL / ns : 0);
	ktap_diag(&suite, "stress: %u done, %u duplicate, %u errors", done,
		  dup, err);
	CHECK(ok, "stress: every request from every CPU called back once");
	CHECK(stat_field("algs", "ocftest-stress", FK_XOR, "requests") == n,
	      "stress: statistics count every request");
out:
	if (thr) {
		for (i = 0; i < nthr; i++)
			for (k = 0; k < STRESS_WINDOW; k++)
				crypto_freereq(thr[i].crp[k]);
	}
	if (sid)
		crypto_freesession(sid);
	vfree(thr);
	vfree(seen);
	fk_free(a);
}

/*
 * Calibration: a real driver (cryptosoft, if loaded) has measured costs
 * for AES-CBC in the three calibrated size classes soon after loading.
 */
static void t_calibration(void)
{
	static const char *const cols[] = { "cost_64", "cost_1k", "cost_16k",
					    "cost_64k" };
	int i, c, measured = 0;

	if (crypto_find_driver("cryptosoft") < 0) {
		ktap_skip(&suite, "calibration: costs measured at registration",
			  "cryptosoft is not loaded");
		return;
	}
	for (i = 0; i < 100 && measured < 4; i++) {
		for (c = 0, measured = 0; c < 4; c++)
			if (stat_field("algs", "cryptosoft", CRYPTO_AES_CBC,
				       cols[c]) > 0)
				measured++;
		if (measured < 4)
			msleep(100);
	}
	ktap_diag(&suite, "cryptosoft aes-cbc cost: %lld / %lld / %lld / %lld ns",
		  stat_field("algs", "cryptosoft", CRYPTO_AES_CBC, cols[0]),
		  stat_field("algs", "cryptosoft", CRYPTO_AES_CBC, cols[1]),
		  stat_field("algs", "cryptosoft", CRYPTO_AES_CBC, cols[2]),
		  stat_field("algs", "cryptosoft", CRYPTO_AES_CBC, cols[3]));
	CHECK(measured == 4, "calibration: costs measured at registration");
}

/* ---- module ------------------------------------------------------- */

static int __init ocf_core_test_init(void)
{
	long probe_ms;

	if (ktap_start(&suite, KBUILD_MODNAME, 123))
		return -ENOMEM;
	t_registration();
	t_errors();
	t_callbacks();
	t_restart();
	t_migration();
	t_lost();
	t_race();
	t_reserved();
	t_split();
	t_cost();
	/*
	 * These check the routing rule request by request: probes (timed,
	 * t_route_probe) would add requests on the other driver.
	 */
	probe_ms = read_int_file(PROBE_MS_PARAM);
	CHECK(probe_ms >= 0 && !write_int_file(PROBE_MS_PARAM, 0),
	      "route: probes can be turned off (ocf.ko probe_ms)");
	t_route();
	t_route_band();
	t_route_sticky();
	t_maxoplen();
	t_overflow();
	t_service_first();
	if (probe_ms >= 0)
		write_int_file(PROBE_MS_PARAM, probe_ms);
	t_route_probe();
	t_allowsoft();
	t_stats();
	t_sync_stats();
	t_sync_elsewhere();
	t_many_sessions();
	t_keying();
	t_copystate();
	t_buffers();
	t_sysctl();
	t_calibration();
	t_stress();
	ktap_finish(&suite);
	return 0;
}

static void __exit ocf_core_test_exit(void)
{
	ktap_release(&suite);
}

module_init(ocf_core_test_init);
module_exit(ocf_core_test_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("In-kernel tests of the OCF core with fake drivers");
