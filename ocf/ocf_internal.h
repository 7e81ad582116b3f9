/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Internals of ocf.ko shared between its files.  Nothing here is part
 * of the kernel API: consumers and drivers use <opencrypto/cryptodev.h>.
 */
#ifndef _OCF_INTERNAL_H
#define _OCF_INTERNAL_H

#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/mutex.h>
#include <linux/nospec.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/clock.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#include <opencrypto/cryptodev.h>

#define OCF_MAX_DRIVERS		64	/* ids 1..OCF_MAX_DRIVERS */
#define OCF_MAX_CRI		8	/* algorithms in one session */
#define OCF_CHOOSE_MAX		8	/* candidate drivers tried per session */
#define OCF_MAX_DESC		64	/* descriptors crypto_getreq() makes */
#define OCF_NCLASS		7	/* request size classes for costs */
#define OCF_REF_CLASS		2	/* class used when size is unknown */
#define OCF_MAX_ALT		3	/* extra legs for routing by size */
#define OCF_MAX_LEGS		(OCF_MAX_CRI + OCF_MAX_ALT)

/*
 * Latencies of one driver vary by about 15% under emulation and more on
 * a loaded machine: costs within 25% of the cheapest are a tie.  Routing
 * by size uses the same band: a size class goes to another driver only
 * when that one is cheaper beyond the band, and keeps going there while
 * it stays cheaper at all (driver->route_memo), so that a ratio near the
 * edge of the band does not flip from one session to the next.
 */
static inline u64 ocf_cost_band(u64 best)
{
	return best + best / 4;
}

/* crypto_req_priv.state bits */
#define OCF_RS_DONE		0	/* crypto_done() seen for this stage */
#define OCF_RS_NEXT_STAGE	1	/* completion worker runs next stage */
#define OCF_RS_SPLIT		2	/* request runs in stages */
#define OCF_RS_TIMED		3	/* this stage's latency is measured */
#define OCF_RS_HANDOFF		4	/* queued callback: time its wait */
#define OCF_RS_PROBE		5	/* re-measures a driver (ocf_probe.c) */
#define OCF_RS_OWN		6	/* counted in session->dev_pending */

/*
 * Requests to a synchronous driver are timed one in OCF_LAT_SAMPLE (per
 * CPU and driver, the first one included): under emulation two clock
 * reads cost about as much as the rest of the framework's path.  Counts
 * stay exact; latencies and costs come from the timed requests.
 * Asynchronous drivers and calibration requests are always timed.
 */
#define OCF_LAT_SAMPLE		64

/* Counters updated on the hot path, one copy per CPU. */
struct ocf_stat {
	u64	requests;
	u64	errors;
	u64	bytes;
	u64	lat_n;		/* timed requests */
	u64	lat_sum_ns;
	u64	lat_max_ns;
};

struct ocf_alg_cap {
	bool	supported;
	u16	maxoplen;
	u32	flags;
};

struct ocf_driver {
	/* What every request reads, together at the start. */
	u32			flags;		/* CRYPTOCAP_F_* */
	u32			id;
	crypto_process_t	process;
	void			*arg;
	struct ocf_stat __percpu *stat;
	struct ocf_stat __percpu *alg_stat;	/* [CRYPTO_ALGORITHM_LIMIT] */

	char			name[CRYPTO_DRIVER_NAME_LEN];
	bool			dying;		/* unregistering: choose no more */
	refcount_t		users;		/* base + legs + keying reqs */
	struct completion	gone;		/* users reached zero */

	crypto_newsession_t	newsession;
	crypto_freesession_t	freesession;
	void			*karg;
	crypto_kprocess_t	kprocess;
	crypto_copystate_t	copystate;
	crypto_describe_t	describe;
	struct ocf_alg_cap	algs[CRYPTO_ALGORITHM_LIMIT];
	u32			kalgs;		/* CRF_* bits */

	/* Queues for batched and blocked requests. */
	spinlock_t		qlock;
	struct list_head	symq;
	struct list_head	asymq;
	int			symq_len;
	int			asymq_len;
	int			symq_max_seen;
	bool			sym_blocked;
	bool			asym_blocked;
	bool			qdead;
	unsigned int		unblock_seq;
	struct work_struct	qwork;

	/* Statistics and costs. */
	atomic_t		sessions;
	atomic_t		inflight;
	atomic64_t		blocks;
	atomic64_t		migrations;
	atomic64_t		kreqs;
	atomic64_t		kerrors;
	atomic64_t		probes;		/* ocf_probe.c */
	atomic64_t		overflows;	/* requests sent elsewhere */
	/* Asynchronous drivers: ktime (ns) of the last completion. */
	atomic64_t		last_done_ns;
	atomic_t		alg_sessions[CRYPTO_ALGORITHM_LIMIT];
	atomic_t		alg_migrations[CRYPTO_ALGORITHM_LIMIT];
	u32			cost[CRYPTO_ALGORITHM_LIMIT][OCF_NCLASS];
	/* Service samples not yet learnt (ocf_cost_update()). */
	u64			svc_acc[CRYPTO_ALGORITHM_LIMIT][OCF_NCLASS];
	/* Driver id a size class was last routed to from here, or 0. */
	u8			route_memo[CRYPTO_ALGORITHM_LIMIT][OCF_NCLASS];
	/* jiffies of the last cost sample (or probe claim), ocf_probe.c */
	unsigned long		cost_seen[CRYPTO_ALGORITHM_LIMIT][OCF_NCLASS];
	DECLARE_BITMAP(calib_pending, CRYPTO_ALGORITHM_LIMIT);
	struct delayed_work	calib_work;
	struct rcu_head		rcu;
};

/* One driver session of a consumer session. */
struct ocf_leg {
	struct ocf_driver	*drv;
	u64			dsid;		/* CRYPTO_SID(drv->id, lid) */
	u32			maxlen;		/* driver's maxoplen, 0: none */
};

struct ocf_session {
	u64			sid;		/* this object's consumer sid */
	refcount_t		ref;		/* memory */
	atomic_t		active;		/* base + requests using legs */
	bool			dead;		/* freed by the consumer */
	bool			lost;		/* no driver could take it over */
	bool			has_base;	/* active's base count not dropped */
	bool			pinned;		/* driver-held state: no routing */
	struct ocf_session	*free_next;	/* freesession's work list */
	struct ocf_session	*moved_to;	/* newer object after migration */
	struct ocf_session	*moved_from;
	u32			mask;		/* CRYPTOCAP_F_HW|SW allowed */
	u32			want_id;	/* explicit driver id or 0 */
	int			ncri;
	int			nlegs;		/* legs serving the algorithms */
	/*
	 * Routing by size (unsplit sessions only): legs[nlegs..] are whole
	 * copies of legs[0] on other drivers; class_leg[] names the leg
	 * for each request size class.  A leg for a cheaper driver is
	 * opened by route_work after the first request of its class (until
	 * then the class runs on legs[0]): a session used for one size only
	 * never pays for the others' driver sessions.  nalt and class_leg[]
	 * grow while requests run: written with release, read with acquire.
	 * alt_id[] names, per class, the driver of another kind that the
	 * class could use (0: none); probes re-measure whichever of it and
	 * the base driver the class is not using (ocf_probe.c), and
	 * route_work decides again after each probe.
	 */
	bool			routed;		/* requests go through ocf_route() */
	int			nalt;
	u8			class_leg[OCF_NCLASS];
	u8			alt_id[OCF_NCLASS];
	u8			alt_leg[OCF_NCLASS];	/* its leg, 0: not open */
	u8			probe_burst[OCF_NCLASS]; /* probes left */
	unsigned long		route_wanted;	/* classes to route when used */
	unsigned long		route_asked;	/* ... a request of it came */
	unsigned long		route_done;	/* ... route_work decided */
	unsigned long		route_redo;	/* decide again: a probe ended */
	unsigned long		probe_open;	/* open alt_leg[] to probe it */
	unsigned long		probe_now;	/* next request probes */
	unsigned long		overflow_open;	/* open alt_leg[] to overflow */
	unsigned long		overflow_asked;	/* ... asked once already */
	atomic_t		dev_pending;	/* its requests on devices */
	bool			pipelined;	/* ... were ever more than one */
	struct work_struct	route_work;
	struct cryptoini	ini[OCF_MAX_CRI];	/* deep copy, keys owned */
	u8			cri_leg[OCF_MAX_CRI];
	struct ocf_leg		legs[OCF_MAX_LEGS];
	struct work_struct	release_work;
	struct rcu_head		rcu;
};

/* ocf_driver.c */
extern struct mutex ocf_drv_mutex;
extern struct ocf_driver __rcu *ocf_drivers[OCF_MAX_DRIVERS + 1];
struct ocf_driver *ocf_driver_get(u32 id);	/* takes a users ref */
void ocf_driver_put(struct ocf_driver *drv);

/* ocf_session.c */
int ocf_sessions_init(void);
void ocf_sessions_exit(void);
extern struct xarray ocf_ses_xa;
int ocf_session_refused(struct ocf_session *ses, u64 *new_sid);
void ocf_session_last_put(struct ocf_session *ses);
u64 ocf_session_newest_sid(struct ocf_session *ses);
void ocf_session_route_ask(struct ocf_session *ses, int class);
void ocf_session_route_again(struct ocf_session *ses, unsigned long *why,
			     int class);
void ocf_session_migrate_driver(struct ocf_driver *drv, int alg);

/* ocf_build.c */
int ocf_session_build(struct ocf_session *ses,
		      const struct ocf_driver *exclude);
void ocf_session_release_legs(struct ocf_session *ses);
void ocf_session_route_class(struct ocf_session *ses, int class,
			     bool open_probe, bool open_leg);

/* ocf_select.c */
int ocf_size_class(int len);
int ocf_choose(const struct ocf_session *ses, int cri,
	       const struct ocf_driver *excl, struct ocf_driver **out,
	       int nout);
struct ocf_driver *ocf_choose_other(const struct ocf_session *ses,
				    int class, u64 *cost);
void ocf_choose_others(const struct ocf_session *ses,
		       const struct ocf_driver *excl,
		       const struct ocf_driver **best, u64 *cost);
u64 ocf_class_work(const struct ocf_driver *drv,
		   const struct ocf_session *ses, int class);
u64 ocf_class_cost(const struct ocf_driver *drv,
		   const struct ocf_session *ses, int class);
bool ocf_same_kind(const struct ocf_driver *a, const struct ocf_driver *b);
void ocf_cost_update(struct ocf_driver *drv, int alg, int len, u64 ns,
		     bool alone);

/* ocf_dispatch.c */
/*
 * The request this CPU's task is in a driver's process() with, and that
 * task: a completion matching both happens inside the call that handed
 * the request over (not from a driver's worker or an interrupt).  Only
 * there may a CRYPTO_F_CBIFSYNC callback run inline, and only there is
 * a synchronous driver's latency its own.
 */
struct ocf_in_dispatch {
	struct cryptop		*crp;
	struct task_struct	*task;
};

DECLARE_PER_CPU(struct ocf_in_dispatch, ocf_in_dispatch);

static __always_inline bool ocf_done_in_call(const struct cryptop *crp)
{
	return in_task() && this_cpu_read(ocf_in_dispatch.crp) == crp &&
	       this_cpu_read(ocf_in_dispatch.task) == current;
}

extern struct workqueue_struct *ocf_wq;
extern int ocf_qmax_driver;
extern int ocf_qmax_global;
void ocf_submit(struct cryptop *crp);
void ocf_kresubmit(struct cryptkop *krp);
void ocf_qwork_fn(struct work_struct *work);
void ocf_next_stage(struct cryptop *crp);
void ocf_driver_flush_queues(struct ocf_driver *drv);
int ocf_queued_total(void);

/* ocf_done.c */
extern u32 ocf_handoff_ns;

/*
 * What a consumer waits for work that takes @ns on @drv: a device's
 * completion also waits for the callback hand-off.
 */
static inline u64 ocf_consumer_ns(const struct ocf_driver *drv, u64 ns)
{
	if (!(drv->flags & CRYPTOCAP_F_SYNC))
		ns += READ_ONCE(ocf_handoff_ns);
	return ns;
}

int ocf_done_init(void);
void ocf_done_exit(void);
void ocf_finish(struct cryptop *crp, int etype);
void ocf_kfinish(struct cryptkop *krp, int etype);

/* ocf_stats.c */
void ocf_stats_init(void);
void ocf_stats_exit(void);
void ocf_stats_error(struct ocf_driver *drv, struct cryptop *crp);
const char *ocf_alg_name(int alg);

/* ocf_calib.c */
void ocf_calib_work(struct work_struct *work);
int ocf_calib_cb(struct cryptop *crp);
void ocf_calib_note(struct cryptop *crp, u64 ns);
void ocf_calib_schedule(struct ocf_driver *drv, int alg);

/* ocf_probe.c */
#define OCF_PROBE_BURST		8	/* probes per due one at most */
extern unsigned int ocf_probe_ms;
int ocf_probe_pick(struct ocf_session *ses, struct cryptop *crp, int class,
		   int leg, int len);
void ocf_probe_done(struct cryptop *crp, struct ocf_driver *drv,
		    bool in_call, u64 cost_ns);

static inline void ocf_cost_seen(struct ocf_driver *drv, int alg, int class)
{
	WRITE_ONCE(drv->cost_seen[alg][class], jiffies);
}

/* ocf_sysctl.c */
int ocf_sysctl_init(void);
void ocf_sysctl_exit(void);

/*
 * Timestamps for latencies and costs.  A synchronous driver's request is
 * timed across its process() call, on one CPU (only such completions
 * teach it costs): local_clock(), which reads the TSC even where the
 * kernel keeps time with a clock slow to read (6.1 under QEMU TCG keeps
 * it with the HPET, and there two reads per 64 requests were a seventh
 * of the framework's cost).  A device completes on any CPU: ktime_get(),
 * the same on every CPU.
 */
static inline ktime_t ocf_stamp(const struct ocf_driver *drv)
{
	if (drv->flags & CRYPTOCAP_F_SYNC)
		return ns_to_ktime(local_clock());
	return ktime_get();
}

static inline u64 ocf_elapsed(const struct ocf_driver *drv, ktime_t since)
{
	s64 d = ktime_to_ns(ktime_sub(ocf_stamp(drv), since));

	return d > 0 ? d : 0;
}

/* Does @leg's driver take requests whose longest descriptor is @len? */
static inline bool ocf_leg_fits(const struct ocf_leg *leg, int len)
{
	return !leg->maxlen || len <= 0 || (u32)len <= leg->maxlen;
}

static inline int ocf_errno(int err)
{
	return err < 0 ? -err : err;
}

/* Should this request to @drv be timed?  Called just before process(). */
static __always_inline bool ocf_timed(struct ocf_driver *drv,
				      const struct cryptop *crp)
{
	if (!(drv->flags & CRYPTOCAP_F_SYNC) ||
	    unlikely(crp->crp_callback == ocf_calib_cb) ||
	    unlikely(test_bit(OCF_RS_PROBE, &crp->crp_priv.state)))
		return true;
	/* The count so far picks the sample: a read, no extra write. */
	return !(this_cpu_read(drv->stat->requests) & (OCF_LAT_SAMPLE - 1));
}

/*
 * Sessions whose index is below OCF_SES_DIRECT (nearly all: sessions take
 * the lowest free index) are also in a flat array, so a request finds its
 * session with one load instead of an xarray walk.  Written under the
 * xarray's lock; read in an RCU-sched reader (preemption off), which
 * call_rcu() waits for as for rcu_read_lock() since Linux 4.20.
 */
#define OCF_SES_DIRECT		1024
extern struct ocf_session __rcu *ocf_ses_direct[OCF_SES_DIRECT];
struct ocf_session *ocf_session_lookup_xa(u32 idx);

/*
 * The session object of @sid; the caller is in an RCU-sched reader or
 * holds the xarray's lock.
 */
static __always_inline struct ocf_session *ocf_session_lookup(u64 sid)
{
	u32 idx = CRYPTO_SESID2LID(sid);
	struct ocf_session *ses;

	if (!idx || !CRYPTO_SESID2HID(sid))
		return NULL;
	if (likely(idx < OCF_SES_DIRECT)) {
		/* The index comes from the consumer (/dev/crypto's user). */
		idx = array_index_nospec(idx, OCF_SES_DIRECT);
		ses = rcu_dereference_sched_check(ocf_ses_direct[idx],
						  lockdep_is_held(&ocf_ses_xa.xa_lock));
	} else {
		ses = ocf_session_lookup_xa(idx);
	}
	if (!ses || READ_ONCE(ses->sid) != sid)
		return NULL;
	return ses;
}

/*
 * Pin a session's legs for one request (inline: every request does it).
 * On failure *err is EINVAL (unknown, stale or freed), EAGAIN (migrated:
 * *new_sid is the sid to use) or ENXIO (no driver could take the
 * session over); *new_sid is written only then.
 */
static __always_inline struct ocf_session *
ocf_session_begin(u64 sid, int *err, u64 *new_sid)
{
	struct ocf_session *ses;

	rcu_read_lock_sched();
	ses = ocf_session_lookup(sid);
	if (likely(ses && atomic_inc_not_zero(&ses->active))) {
		rcu_read_unlock_sched();
		return ses;
	}
	*err = -ocf_session_refused(ses, new_sid);
	rcu_read_unlock_sched();
	return NULL;
}

/* End of a request's use of the session's legs (any context). */
static __always_inline void ocf_session_end(struct ocf_session *ses)
{
	if (atomic_dec_and_test(&ses->active))
		ocf_session_last_put(ses);
}

static __always_inline void
ocf_stat_count(struct ocf_stat __percpu *st, u64 bytes, bool err)
{
	this_cpu_inc(st->requests);
	this_cpu_add(st->bytes, bytes);
	if (err)
		this_cpu_inc(st->errors);
}

static __always_inline void ocf_stat_time(struct ocf_stat __percpu *st, u64 ns)
{
	this_cpu_inc(st->lat_n);
	this_cpu_add(st->lat_sum_ns, ns);
	/* A racing update may keep the smaller maximum: statistics only. */
	if (ns > this_cpu_read(st->lat_max_ns))
		this_cpu_write(st->lat_max_ns, ns);
}

/*
 * Does a timed completion of @crp on @drv teach its cost?  Only a whole,
 * successful request; and a synchronous driver that completed from
 * elsewhere (cryptosoft through cryptd) measured its worker's queueing,
 * not its cost.  A device's sample is its service time (crypto_done()):
 * requests queued behind others teach it too.
 */
static __always_inline bool ocf_cost_learns(const struct ocf_driver *drv,
					    const struct cryptop *crp,
					    bool in_call)
{
	return !crp->crp_etype &&
	       (in_call || !(drv->flags & CRYPTOCAP_F_SYNC));
}

void ocf_stats_timed(struct ocf_driver *drv, struct cryptop *crp,
		     bool in_call, u64 ns, u64 cost_ns, bool alone);

/*
 * One stage of @crp completed on @drv (any context); @timed says @ns is
 * its latency, @in_call that it completed inside the driver's process()
 * call.  The latency statistics are what the consumer saw; the cost
 * estimate learns @cost_ns, the latency of a synchronous driver and the
 * service time of a device (crypto_done(); @alone: it found the device
 * idle).  Calibration requests are not counted here: they set costs
 * themselves.  Most requests to a synchronous driver are not timed:
 * their counts take a loop with no call in it.
 */
static __always_inline void ocf_stats_account(struct ocf_driver *drv,
					      struct cryptop *crp, bool timed,
					      bool in_call, u64 ns, u64 cost_ns,
					      bool alone)
{
	bool err = crp->crp_etype != 0;
	struct cryptodesc *crd;
	u64 bytes = 0;
	int n = 0;

	for (crd = crp->crp_desc; crd && n < OCF_MAX_DESC;
	     crd = crd->crd_next, n++) {
		int alg = crd->crd_alg;
		u64 len = crd->crd_len > 0 ? crd->crd_len : 0;

		bytes += len;
		if (alg > 0 && alg < CRYPTO_ALGORITHM_LIMIT)
			ocf_stat_count(drv->alg_stat + alg, len, err);
	}
	ocf_stat_count(drv->stat, bytes, err);
	if (timed)
		ocf_stats_timed(drv, crp, in_call, ns, cost_ns, alone);
}

#endif /* _OCF_INTERNAL_H */
