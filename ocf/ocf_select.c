// SPDX-License-Identifier: GPL-2.0-only
/*
 * Which driver gets a session.  Each driver keeps, per algorithm and
 * request size class, a moving average of its completion latency (which
 * includes time spent queued, so a busy driver looks slower).  Sessions
 * go to the cheapest eligible driver; a driver not yet measured for an
 * algorithm is tried first (hardware before software) so it gets
 * measured; costs within the measurement noise (OCF_COST_BAND) count as
 * equal and fall back to the BSD rule, fewest sessions, so that equal
 * devices share the load.
 */
#include <linux/log2.h>
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

void ocf_cost_update(struct ocf_driver *drv, int alg, int len, u64 ns)
{
	u32 *slot = &drv->cost[alg][ocf_size_class(len)];
	u32 old = READ_ONCE(*slot), sample = min_t(u64, ns, U32_MAX / 2);

	if (!sample)
		sample = 1;
	/*
	 * EWMA with weight 1/8; racing updates may lose one sample.  One
	 * outlier (a page fault, a preemption) counts as at most 4x the
	 * average, so it cannot dominate the estimate.
	 */
	if (old && sample / 4 > old)
		sample = old * 4;
	WRITE_ONCE(*slot, old ? old - old / 8 + sample / 8 : sample);
}

/* Estimated ns for one request of @alg; small values mean unmeasured. */
static u64 ocf_estimate(const struct ocf_driver *drv, int alg)
{
	int d, c;
	u32 v;

	for (d = 0; d < OCF_NCLASS; d++) {
		c = OCF_REF_CLASS - d;
		if (c >= 0) {
			v = READ_ONCE(drv->cost[alg][c]);
			if (v)
				return (u64)v + 2;
		}
		c = OCF_REF_CLASS + d;
		if (c < OCF_NCLASS) {
			v = READ_ONCE(drv->cost[alg][c]);
			if (v)
				return (u64)v + 2;
		}
	}
	return (drv->flags & CRYPTOCAP_F_HARDWARE) ? 0 : 1;
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
 * Latencies of one driver vary by about 15% under emulation and more on
 * a loaded machine: scores within 25% of the cheapest are a tie.
 */
#define OCF_COST_BAND(best)	((best) + (best) / 4)

/* Among the ties with the cheapest candidate, the least loaded goes first. */
static void ocf_prefer_idle(struct ocf_cand *cand, int n)
{
	struct ocf_cand pick;
	int i, best = 0;

	for (i = 1; i < n && cand[i].score <= OCF_COST_BAND(cand[0].score); i++)
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
		u64 score = 0;

		drv = rcu_dereference(ocf_drivers[id]);
		if (!drv || drv == excl || READ_ONCE(drv->dying))
			continue;
		/* Pairs with crypto_register(): arg, newsession set first. */
		if (!smp_load_acquire(&drv->process))
			continue;
		if (ses->want_id ? ses->want_id != id :
				   !(drv->flags & ses->mask))
			continue;
		for (i = first; i <= last; i++) {
			int alg = ses->ini[i].cri_alg;

			if (!READ_ONCE(drv->algs[alg].supported))
				break;
			score += ocf_estimate(drv, alg);
		}
		if (i <= last)
			continue;
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

	ocf_prefer_idle(cand, kept);
	for (i = 0; i < kept; i++) {
		if (i < nout)
			out[i] = cand[i].drv;
		else
			ocf_driver_put(cand[i].drv);
	}
	return min(kept, nout);
}
