// SPDX-License-Identifier: GPL-2.0-only
/*
 * Which driver gets a session.  Each driver keeps, per algorithm and
 * request size class, an estimate of a request's cost, seeded by
 * calibration: a synchronous driver's latency, and a device's service
 * time (its latency less the time it queued behind other requests, so
 * a deep queue does not make a device look slow; ocf_overflow() weighs
 * the queue per request).
 * Sessions go to the cheapest eligible driver; a driver not yet measured
 * for an algorithm is tried first (hardware before software) so it gets
 * measured; costs within the measurement noise (ocf_cost_band()) count as
 * equal and fall back to the BSD rule, fewest sessions, so that equal
 * devices share the load.  ocf_choose_other() gives, per size class, the
 * driver of another kind a session may route requests of that size to
 * (ocf_build.c) and probes (ocf_probe.c).
 */
#include <linux/bits.h>
#include <linux/ctype.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/string.h>
#include "ocf_internal.h"

/* <=64, <=256, <=1K, <=4K, <=16K, <=64K, larger */
int ocf_size_class(int len)
{
	int bits;

	if (len <= 64)
		return 0;
	bits = ilog2(len - 1) + 1;
	return min((bits - 7) / 2 + 1, OCF_NCLASS - 1);
}

/*
 * A device's service samples (crypto_done()) are learnt in groups, as
 * their mean: a device completing a batch of n requests at once gives
 * one interval of n services (the first request's) and n - 1 near zero.
 * A group starts with a sample that is no part of a batch's tail: one
 * of at least half the estimate, or a request that found the device
 * idle, and ends where the next one starts (or at OCF_SVC_GROUP samples,
 * so that a stale estimate far above the samples still moves).  Groups
 * cut inside a batch would learn its zeros alone: two processes of 16
 * multi-request calls taught virtio-crypto a quarter of its service so.
 * Kept per slot as ns in the low OCF_SVC_NS_BITS bits, samples above.
 */
#define OCF_SVC_GROUP		256
#define OCF_SVC_NS_BITS		48

static bool ocf_svc_group(u64 *acc, u32 est, u64 *ns, bool alone)
{
	u64 a = READ_ONCE(*acc);
	u64 sum = a & GENMASK_ULL(OCF_SVC_NS_BITS - 1, 0);
	u64 n = a >> OCF_SVC_NS_BITS;

	if (!est) {
		/*
		 * The first sample is learnt as it is: the next group starts
		 * empty, or the sample would be averaged in a second time.
		 */
		WRITE_ONCE(*acc, 0);
		return true;
	}
	if ((alone || *ns >= est / 2) && n) {
		/* This sample opens the next group; learn the last one. */
		WRITE_ONCE(*acc, 1ULL << OCF_SVC_NS_BITS | *ns);
		*ns = div64_u64(sum, n);
		return true;
	}
	sum += *ns;
	if (++n < OCF_SVC_GROUP) {
		WRITE_ONCE(*acc, n << OCF_SVC_NS_BITS | sum);
		return false;
	}
	WRITE_ONCE(*acc, 0);
	*ns = div64_u64(sum, n);
	return true;
}

void ocf_cost_update(struct ocf_driver *drv, int alg, int len, u64 ns,
		     bool alone)
{
	int class = ocf_size_class(len);
	u32 *slot = &drv->cost[alg][class];
	u32 old = READ_ONCE(*slot), sample, v;

	ns = min_t(u64, ns, U32_MAX / 2);
	if (!(drv->flags & CRYPTOCAP_F_SYNC) &&
	    !ocf_svc_group(&drv->svc_acc[alg][class], old, &ns, alone))
		return;
	sample = ns ? ns : 1;
	/*
	 * A synchronous driver runs on the caller's CPU: interrupts,
	 * preemption and a loaded host only ever add time, so the estimate
	 * follows the lower envelope of the samples: it falls by a quarter
	 * of the gap to a faster sample and rises by at most 1/32 per
	 * slower one.  A driver that really got slower is seen after a few
	 * dozen requests; one stall moves nothing.
	 * A device's spread of service times is its own (its host thread
	 * being scheduled) and every request pays it on average: the
	 * estimate is a moving average (1/8 per sample), of samples cut
	 * at twice the estimate so one stall moves it by 1/8 at most.  Its
	 * lower envelope was 5x below the mean on a virtio-crypto device,
	 * and routing on it sent requests to the slower driver.
	 * Racing updates may lose a sample.
	 */
	if (!old)
		v = sample;
	else if (!(drv->flags & CRYPTOCAP_F_SYNC))
		v = sample >= old ? old + (min(sample, 2 * old) - old) / 8 :
				    old - (old - sample) / 8;
	else if (sample < old)
		v = old - (old - sample) / 4;
	else
		v = old + min(sample - old, old) / 32;
	WRITE_ONCE(*slot, v);
	ocf_cost_seen(drv, alg, class);
}

/* Measured ns of @alg in the class nearest @ref, or 0 if none is. */
static u32 ocf_measured(const struct ocf_driver *drv, int alg, int ref)
{
	int d, c;
	u32 v;

	for (d = 0; d < OCF_NCLASS; d++) {
		c = ref - d;
		if (c >= 0) {
			v = READ_ONCE(drv->cost[alg][c]);
			if (v)
				return v;
		}
		c = ref + d;
		if (c < OCF_NCLASS) {
			v = READ_ONCE(drv->cost[alg][c]);
			if (v)
				return v;
		}
	}
	return 0;
}

/* Estimated ns for one request of @alg; small values mean unmeasured. */
static u64 ocf_estimate(const struct ocf_driver *drv, int alg)
{
	u32 v = ocf_measured(drv, alg, OCF_REF_CLASS);

	if (v)
		return (u64)v + 2;
	return (drv->flags & CRYPTOCAP_F_HARDWARE) ? 0 : 1;
}

/*
 * Measured ns of work for a request of size class @class of the whole
 * session on @drv (a device's service time); 0 when @drv cannot serve
 * the session or any of its algorithms is unmeasured there.
 */
u64 ocf_class_work(const struct ocf_driver *drv,
		   const struct ocf_session *ses, int class)
{
	u64 sum = 0;
	int i, alg;
	u32 v;

	for (i = 0; i < ses->ncri; i++) {
		alg = ses->ini[i].cri_alg;
		if (!READ_ONCE(drv->algs[alg].supported))
			return 0;
		v = ocf_measured(drv, alg, class);
		if (!v)
			return 0;
		sum += v;
	}
	return sum;
}

/*
 * ocf_class_work() as the consumer waits for it: a device's completion
 * also waits for the callback (ocf_handoff_ns).
 */
u64 ocf_class_cost(const struct ocf_driver *drv,
		   const struct ocf_session *ses, int class)
{
	u64 sum = ocf_class_work(drv, ses, class);

	return sum ? ocf_consumer_ns(drv, sum) : 0;
}

struct ocf_cand {
	struct ocf_driver	*drv;
	u64			score;
	int			sessions;
};

static int ocf_cand_cmp(const void *a, const void *b)
{
	const struct ocf_cand *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? -1 : 1;
	if (x->sessions != y->sessions)
		return x->sessions < y->sessions ? -1 : 1;
	return x->drv->id < y->drv->id ? -1 : 1;
}

/*
 * Same kind of device: the same driver code and the same name but for
 * the unit number ("virtio-crypto0", "virtio-crypto1").
 */
bool ocf_same_kind(const struct ocf_driver *a, const struct ocf_driver *b)
{
	size_t la = strlen(a->name), lb = strlen(b->name);

	if (a->process != b->process ||
	    ((a->flags ^ b->flags) & CRYPTOCAP_F_HARDWARE))
		return false;
	while (la && isdigit(a->name[la - 1]))
		la--;
	while (lb && isdigit(b->name[lb - 1]))
		lb--;
	return la == lb && !memcmp(a->name, b->name, la);
}

/*
 * Devices of the same kind (two virtio-crypto devices) are equal: their
 * measured costs differ only by noise, which on a loaded host is far
 * beyond any band (identical devices measured 29 and 242 us per 1 KiB
 * request in one run).  They share the cheapest one's score, so the
 * fewest-sessions rule spreads sessions over them.  @cand stays sorted.
 */
static void ocf_pool_kinds(struct ocf_cand *cand, int n)
{
	struct ocf_cand c;
	int i, j;

	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (ocf_same_kind(cand[i].drv, cand[j].drv))
				cand[j].score = cand[i].score;
	/* Insertion sort: at most OCF_CHOOSE_MAX entries. */
	for (i = 1; i < n; i++) {
		c = cand[i];
		for (j = i; j > 0 && ocf_cand_cmp(&c, &cand[j - 1]) < 0; j--)
			cand[j] = cand[j - 1];
		cand[j] = c;
	}
}

/* Among the ties with the cheapest candidate, the least loaded goes first. */
static void ocf_prefer_idle(struct ocf_cand *cand, int n)
{
	struct ocf_cand pick;
	int i, best = 0;

	for (i = 1; i < n && cand[i].score <= ocf_cost_band(cand[0].score); i++)
		if (cand[i].sessions < cand[best].sessions)
			best = i;
	if (!best)
		return;
	pick = cand[best];
	memmove(&cand[1], &cand[0], best * sizeof(cand[0]));
	cand[0] = pick;
}

/* Keep @c in @cand (sorted, at most OCF_CHOOSE_MAX) if it ranks. */
static int ocf_cand_insert(struct ocf_cand *cand, int n,
			   const struct ocf_cand *c)
{
	int pos = n;

	while (pos > 0 && ocf_cand_cmp(c, &cand[pos - 1]) < 0)
		pos--;
	if (pos == OCF_CHOOSE_MAX)
		return n;
	if (n == OCF_CHOOSE_MAX)
		n--;		/* the last one falls off */
	memmove(&cand[pos + 1], &cand[pos], (n - pos) * sizeof(cand[0]));
	cand[pos] = *c;
	return n + 1;
}

/* May @drv serve @ses at all (the algorithms aside)?  Under RCU. */
static bool ocf_eligible(const struct ocf_driver *drv,
			 const struct ocf_session *ses,
			 const struct ocf_driver *excl)
{
	if (!drv || drv == excl || READ_ONCE(drv->dying))
		return false;
	/* Pairs with crypto_register(): arg, newsession set first. */
	if (!smp_load_acquire(&drv->process))
		return false;
	return ses->want_id ? ses->want_id == drv->id :
			      !!(drv->flags & ses->mask);
}

/*
 * Fill @out with up to @nout (at most OCF_CHOOSE_MAX) drivers able to
 * serve the session's algorithm number @cri (or all of them when
 * @cri < 0), cheapest first.  Each returned driver carries a users
 * reference.  Only the best few are kept: the stack stays small however
 * many drivers there are.
 */
int ocf_choose(const struct ocf_session *ses, int cri,
	       const struct ocf_driver *excl, struct ocf_driver **out,
	       int nout)
{
	struct ocf_cand cand[OCF_CHOOSE_MAX], c;
	struct ocf_driver *drv;
	int id, i, n = 0, kept = 0, first, last;

	first = cri < 0 ? 0 : cri;
	last = cri < 0 ? ses->ncri - 1 : cri;
	rcu_read_lock();
	for (id = 1; id <= OCF_MAX_DRIVERS; id++) {
		bool measured = true;
		u64 score = 0, e;

		drv = rcu_dereference(ocf_drivers[id]);
		if (!ocf_eligible(drv, ses, excl))
			continue;
		for (i = first; i <= last; i++) {
			int alg = ses->ini[i].cri_alg;

			if (!READ_ONCE(drv->algs[alg].supported))
				break;
			e = ocf_estimate(drv, alg);
			measured = measured && e > 1;
			score += e;
		}
		if (i <= last)
			continue;
		if (measured)
			score = ocf_consumer_ns(drv, score);
		c.drv = drv;
		c.score = score;
		c.sessions = atomic_read(&drv->sessions);
		n = ocf_cand_insert(cand, n, &c);
	}
	/* Still under RCU: the drivers kept cannot have been freed. */
	for (i = 0; i < n; i++)
		if (refcount_inc_not_zero(&cand[i].drv->users))
			cand[kept++] = cand[i];
	rcu_read_unlock();

	ocf_pool_kinds(cand, kept);
	ocf_prefer_idle(cand, kept);
	for (i = 0; i < kept; i++) {
		if (i < nout)
			out[i] = cand[i].drv;
		else
			ocf_driver_put(cand[i].drv);
	}
	return min(kept, nout);
}

/*
 * May requests of @ses go to @drv instead of its base leg's driver: not
 * the base driver nor a device of its kind (those differ by noise only).
 */
static bool ocf_other_kind(const struct ocf_session *ses,
			   const struct ocf_driver *drv)
{
	const struct ocf_driver *base = ses->legs[0].drv;

	return drv != base && !ocf_same_kind(drv, base);
}

/*
 * ocf_choose_other() for every size class in one pass over the drivers:
 * @best[c] (NULL: none measured) and @cost[c].  The caller holds
 * rcu_read_lock(); the drivers carry no reference.
 */
void ocf_choose_others(const struct ocf_session *ses,
		       const struct ocf_driver *excl,
		       const struct ocf_driver **best, u64 *cost)
{
	struct ocf_driver *drv;
	int id, c;
	u64 v;

	for (c = 0; c < OCF_NCLASS; c++) {
		best[c] = NULL;
		cost[c] = U64_MAX;
	}
	for (id = 1; id <= OCF_MAX_DRIVERS; id++) {
		drv = rcu_dereference(ocf_drivers[id]);
		if (!ocf_eligible(drv, ses, excl) || !ocf_other_kind(ses, drv))
			continue;
		for (c = 0; c < OCF_NCLASS; c++) {
			v = ocf_class_cost(drv, ses, c);
			if (v && v < cost[c]) {
				best[c] = drv;
				cost[c] = v;
			}
		}
	}
}

/*
 * The measured cheapest driver of another kind than the session's base
 * driver for requests of size class @class of the whole session (*@cost
 * its cost), with a users reference; NULL when no eligible one has costs
 * for every algorithm of the session.
 */
struct ocf_driver *ocf_choose_other(const struct ocf_session *ses,
				    int class, u64 *cost)
{
	struct ocf_driver *drv, *best = NULL;
	u64 c, best_cost = U64_MAX;
	int id;

	rcu_read_lock();
	for (id = 1; id <= OCF_MAX_DRIVERS; id++) {
		drv = rcu_dereference(ocf_drivers[id]);
		if (!ocf_eligible(drv, ses, NULL) || !ocf_other_kind(ses, drv))
			continue;
		c = ocf_class_cost(drv, ses, class);
		if (c && c < best_cost) {
			best = drv;
			best_cost = c;
		}
	}
	if (best && !refcount_inc_not_zero(&best->users))
		best = NULL;
	rcu_read_unlock();
	*cost = best_cost;
	return best;
}
