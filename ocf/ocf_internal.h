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
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
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
 * a loaded machine: costs within 25% of the cheapest are a tie.  A size
 * class is routed to another driver only when that one is more than
 * twice as cheap: the extra driver session must clearly pay off.
 */
#define OCF_COST_BAND(best)	((best) + (best) / 4)
#define OCF_ROUTE_GAIN(best)	((best) * 2)

/* crypto_req_priv.state bits */
#define OCF_RS_DONE		0	/* crypto_done() seen for this stage */
#define OCF_RS_NEXT_STAGE	1	/* completion worker runs next stage */
#define OCF_RS_SPLIT		2	/* request runs in stages */

/* Counters updated on the hot path, one copy per CPU. */
struct ocf_stat {
	u64	requests;
	u64	errors;
	u64	bytes;
	u64	lat_sum_ns;
	u64	lat_max_ns;
};

struct ocf_alg_cap {
	bool	supported;
	u16	maxoplen;
	u32	flags;
};

struct ocf_driver {
	u32			id;
	u32			flags;		/* CRYPTOCAP_F_* */
	char			name[CRYPTO_DRIVER_NAME_LEN];
	bool			dying;		/* unregistering: choose no more */
	refcount_t		users;		/* base + legs + keying reqs */
	struct completion	gone;		/* users reached zero */

	void			*arg;
	crypto_newsession_t	newsession;
	crypto_freesession_t	freesession;
	crypto_process_t	process;
	void			*karg;
	crypto_kprocess_t	kprocess;
	crypto_copystate_t	copystate;
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
	atomic_t		alg_sessions[CRYPTO_ALGORITHM_LIMIT];
	atomic_t		alg_migrations[CRYPTO_ALGORITHM_LIMIT];
	struct ocf_stat __percpu *stat;
	struct ocf_stat __percpu *alg_stat;	/* [CRYPTO_ALGORITHM_LIMIT] */
	u32			cost[CRYPTO_ALGORITHM_LIMIT][OCF_NCLASS];
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
	 * for each request size class.
	 */
	int			nalt;
	u8			class_leg[OCF_NCLASS];
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
struct ocf_session *ocf_session_begin(u64 sid, int *err, u64 *new_sid);
void ocf_session_end(struct ocf_session *ses);
u64 ocf_session_newest_sid(struct ocf_session *ses);
void ocf_session_migrate_driver(struct ocf_driver *drv, int alg);

/* ocf_build.c */
int ocf_session_build(struct ocf_session *ses,
		      const struct ocf_driver *exclude);
void ocf_session_release_legs(struct ocf_session *ses);

/* ocf_select.c */
int ocf_size_class(int len);
int ocf_choose(const struct ocf_session *ses, int cri,
	       const struct ocf_driver *excl, struct ocf_driver **out,
	       int nout);
struct ocf_driver *ocf_choose_class(const struct ocf_session *ses,
				    const struct ocf_driver *excl, int class,
				    u64 *cost);
u64 ocf_class_cost(const struct ocf_driver *drv,
		   const struct ocf_session *ses, int class);
bool ocf_same_kind(const struct ocf_driver *a, const struct ocf_driver *b);
void ocf_cost_update(struct ocf_driver *drv, int alg, int len, u64 ns);

/* ocf_dispatch.c */
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
int ocf_done_init(void);
void ocf_done_exit(void);
void ocf_finish(struct cryptop *crp, int etype);
void ocf_kfinish(struct cryptkop *krp, int etype);

/* ocf_stats.c */
void ocf_stats_init(void);
void ocf_stats_exit(void);
void ocf_stats_account(struct ocf_driver *drv, struct cryptop *crp, u64 ns);
void ocf_stats_error(struct ocf_driver *drv, struct cryptop *crp);
const char *ocf_alg_name(int alg);

/* ocf_calib.c */
void ocf_calib_work(struct work_struct *work);
int ocf_calib_cb(struct cryptop *crp);
void ocf_calib_note(struct cryptop *crp, u64 ns);
void ocf_calib_schedule(struct ocf_driver *drv, int alg);

/* ocf_sysctl.c */
int ocf_sysctl_init(void);
void ocf_sysctl_exit(void);

/*
 * Timestamps for latencies: ktime_get().  local_clock() would skip the
 * seqlock, but where sched_clock is not stable (QEMU) it costs more.
 */
static inline ktime_t ocf_stamp(const struct ocf_driver *drv)
{
	return ktime_get();
}

static inline u64 ocf_elapsed(const struct ocf_driver *drv, ktime_t since)
{
	s64 d = ktime_to_ns(ktime_sub(ktime_get(), since));

	return d > 0 ? d : 0;
}

static inline int ocf_errno(int err)
{
	return err < 0 ? -err : err;
}

#endif /* _OCF_INTERNAL_H */
