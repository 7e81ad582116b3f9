// SPDX-License-Identifier: GPL-2.0-only
/*
 * Turning a session's algorithm list into driver sessions ("legs").
 * One driver takes the whole list when it can.  Otherwise each algorithm
 * goes to its cheapest driver and requests are chained through the legs
 * in descriptor order.  An algorithm listed twice gets a leg of its own
 * for each instance, so no driver ever sees a duplicate.  A session on
 * one driver may also get routing legs: whole copies of it on drivers
 * cheaper for some request sizes, or able to take longer requests.
 */
#include <linux/slab.h>
#include "ocf_internal.h"

/* AEAD halves must share a driver: one computes what the other checks. */
static bool ocf_needs_one_driver(const struct ocf_session *ses)
{
	bool gcm = false, gmac = false, ccm = false, ccm_mac = false;
	int i;

	for (i = 0; i < ses->ncri; i++) {
		switch (ses->ini[i].cri_alg) {
		case CRYPTO_AES_GCM_16:
			gcm = true;
			break;
		case CRYPTO_AES_GMAC:
		case CRYPTO_AES_128_GMAC:
		case CRYPTO_AES_192_GMAC:
		case CRYPTO_AES_256_GMAC:
			gmac = true;
			break;
		case CRYPTO_AES_CCM:
			ccm = true;
			break;
		case CRYPTO_AES_CCM_CBC_MAC:
			ccm_mac = true;
			break;
		}
	}
	return (gcm && gmac) || (ccm && ccm_mac);
}

/* Does leg @l serve algorithm number @i?  Routing legs serve them all. */
static bool ocf_leg_serves(const struct ocf_session *ses, int l, int i)
{
	return l >= ses->nlegs || ses->cri_leg[i] == l;
}

static void ocf_leg_free(struct ocf_session *ses, int l)
{
	struct ocf_leg *leg = &ses->legs[l];
	struct ocf_driver *drv = leg->drv;
	int i;

	drv->freesession(drv->arg, leg->dsid);
	for (i = 0; i < ses->ncri; i++)
		if (ocf_leg_serves(ses, l, i))
			atomic_dec(&drv->alg_sessions[ses->ini[i].cri_alg]);
	atomic_dec(&drv->sessions);
	ocf_driver_put(drv);
}

/* Open leg @l on its driver with the algorithms it serves. */
static int ocf_leg_open(struct ocf_session *ses, int l)
{
	struct ocf_driver *drv = ses->legs[l].drv;
	struct cryptoini chain[OCF_MAX_CRI];
	u32 lid = 0, maxlen = 0, m;
	int i, n = 0, err;

	for (i = 0; i < ses->ncri; i++) {
		if (!ocf_leg_serves(ses, l, i))
			continue;
		chain[n] = ses->ini[i];
		chain[n].cri_next = NULL;
		if (n)
			chain[n - 1].cri_next = &chain[n];
		n++;
		m = READ_ONCE(drv->algs[ses->ini[i].cri_alg].maxoplen);
		if (m && (!maxlen || m < maxlen))
			maxlen = m;
	}
	err = drv->newsession(drv->arg, &lid, chain);
	if (err)
		return err > 0 ? -err : err;
	refcount_inc(&drv->users);
	ses->legs[l].dsid = CRYPTO_SID(drv->id, lid);
	ses->legs[l].maxlen = maxlen;
	atomic_inc(&drv->sessions);
	for (i = 0; i < ses->ncri; i++)
		if (ocf_leg_serves(ses, l, i))
			atomic_inc(&drv->alg_sessions[ses->ini[i].cri_alg]);
	return 0;
}

/* Create the legs for the driver assignment @per (one per cri). */
static int ocf_build_legs(struct ocf_session *ses, struct ocf_driver **per)
{
	int i, j, l, err;

	ses->nlegs = 0;
	ses->nalt = 0;
	ses->routed = false;
	ses->route_wanted = 0;
	memset(ses->class_leg, 0, sizeof(ses->class_leg));
	memset(ses->alt_id, 0, sizeof(ses->alt_id));
	memset(ses->alt_leg, 0, sizeof(ses->alt_leg));
	for (i = 0; i < ses->ncri; i++) {
		for (l = 0; l < ses->nlegs; l++) {
			if (ses->legs[l].drv != per[i])
				continue;
			for (j = 0; j < i; j++)
				if (ses->cri_leg[j] == l &&
				    ses->ini[j].cri_alg == ses->ini[i].cri_alg)
					break;
			if (j == i)
				break;
		}
		if (l == ses->nlegs) {
			ses->legs[l].drv = per[i];
			ses->nlegs++;
		}
		ses->cri_leg[i] = l;
	}

	for (l = 0; l < ses->nlegs; l++) {
		err = ocf_leg_open(ses, l);
		if (err) {
			while (--l >= 0)
				ocf_leg_free(ses, l);
			ses->nlegs = 0;
			return err;
		}
	}
	return 0;
}

/*
 * Algorithms whose driver keeps state from one request to the next
 * (a keystream, a compression dictionary): all their requests must go
 * to one driver.  Hash streaming and explicit keys pin a session when a
 * request uses them (crypto_dispatch()).
 */
static bool ocf_has_stateful_alg(const struct ocf_session *ses)
{
	int i;

	for (i = 0; i < ses->ncri; i++) {
		switch (ses->ini[i].cri_alg) {
		case CRYPTO_ARC4:
		case CRYPTO_DEFLATE_COMP:
		case CRYPTO_DEFLATE_COMP_NOGROW:
		case CRYPTO_GZIP_COMP:
		case CRYPTO_LZS_COMP:
			return true;
		}
	}
	return false;
}

/*
 * The routing leg on @drv, opened if needed; -1 if it cannot be.  The
 * leg is complete before nalt counts it: requests may be reading.
 */
static int ocf_alt_leg(struct ocf_session *ses, struct ocf_driver *drv)
{
	int l, n = ses->nlegs + ses->nalt;

	for (l = 0; l < n; l++)
		if (ses->legs[l].drv == drv)
			return l;
	if (ses->nalt == OCF_MAX_ALT)
		return -1;
	ses->legs[l].drv = drv;
	if (ocf_leg_open(ses, l))
		return -1;
	/* The leg before the count: pairs with ocf_route()'s acquire. */
	smp_store_release(&ses->nalt, ses->nalt + 1);
	return l;
}

/* The smallest maxoplen of the session's algorithms on @drv (0: none). */
static u32 ocf_drv_maxlen(const struct ocf_driver *drv,
			  const struct ocf_session *ses)
{
	u32 m = 0, v;
	int i;

	for (i = 0; i < ses->ncri; i++) {
		v = READ_ONCE(drv->algs[ses->ini[i].cri_alg].maxoplen);
		if (v && (!m || v < m))
			m = v;
	}
	return m;
}

/* A leg on a driver that takes longer requests than the base leg. */
static void ocf_build_overflow(struct ocf_session *ses,
			       const struct ocf_driver *exclude)
{
	struct ocf_driver *cand[OCF_CHOOSE_MAX];
	u32 base = ses->legs[0].maxlen, m;
	bool found = false;
	int n, i;

	n = ocf_choose(ses, -1, exclude, cand, ARRAY_SIZE(cand));
	for (i = 0; i < n; i++) {
		m = ocf_drv_maxlen(cand[i], ses);
		if (!found && cand[i] != ses->legs[0].drv && (!m || m > base))
			found = ocf_alt_leg(ses, cand[i]) >= 0;
		ocf_driver_put(cand[i]);
	}
}

/*
 * Should requests of size class @class of @ses go to @other (the
 * cheapest driver of another kind there, at @cost) instead of to its
 * base leg's driver?  Another driver must be cheaper beyond the noise
 * band to be chosen, and stays chosen while it is cheaper at all: a cost
 * ratio near the band's edge keeps one answer instead of alternating
 * with the noise.  An unmeasured base leg is left alone.
 */
static bool ocf_route_decide(const struct ocf_session *ses,
			     const struct ocf_driver *other, u64 cost,
			     int class)
{
	struct ocf_driver *base = ses->legs[0].drv;
	u8 *memo = &base->route_memo[ses->ini[0].cri_alg][class];
	u64 base_cost, bar;

	if (!other)
		return false;
	base_cost = ocf_class_cost(base, ses, class);
	bar = READ_ONCE(*memo) == other->id ? cost : ocf_cost_band(cost);
	if (!base_cost || base_cost <= bar) {
		WRITE_ONCE(*memo, 0);
		return false;
	}
	WRITE_ONCE(*memo, other->id);
	return true;
}

/*
 * Routing by size: note the size classes where another driver is
 * measurably cheaper than the base leg's, and per class the driver of
 * another kind that probes re-measure (ocf_probe.c).  Legs open only
 * when a request of the class comes (ocf_session_route_class()), so a
 * session costs one driver session to set up, as without routing.  A
 * session with no other driver to turn to is not routed at all.
 */
static void ocf_build_routes(struct ocf_session *ses,
			     const struct ocf_driver *exclude)
{
	const struct ocf_driver *best[OCF_NCLASS];
	bool probe = false;
	u64 cost[OCF_NCLASS];
	int c;

	/* Too long a request must meet ocf_route()'s E2BIG anyway. */
	ses->routed = ses->legs[0].maxlen;
	if (ses->nlegs != 1 || ses->want_id || ocf_has_stateful_alg(ses))
		return;
	/* One pass over the drivers for all classes: set-up stays cheap. */
	rcu_read_lock();
	ocf_choose_others(ses, exclude, best, cost);
	for (c = 0; c < OCF_NCLASS; c++) {
		if (!best[c])
			continue;
		ses->alt_id[c] = best[c]->id;
		probe = true;
		if (ocf_route_decide(ses, best[c], cost[c], c))
			__set_bit(c, &ses->route_wanted);
	}
	rcu_read_unlock();
	if (ses->legs[0].maxlen)
		ocf_build_overflow(ses, exclude);
	/* A class with another driver: probes and overflow (ocf_route()). */
	ses->routed = ses->route_wanted || ses->nalt || ses->legs[0].maxlen ||
		      probe;
}

/* The open leg of @ses on @drv (never the base leg), or 0. */
static int ocf_leg_on(const struct ocf_session *ses,
		      const struct ocf_driver *drv)
{
	int l;

	for (l = 1; l < ses->nlegs + ses->nalt; l++)
		if (ses->legs[l].drv == drv)
			return l;
	return 0;
}

/*
 * Decide again where requests of size class @class of @ses go, with
 * today's costs (route_work, with an active count held and the build
 * lock read): after the first request of a class to route, after each
 * probe, and with @open_probe when a probe of the other driver is due
 * and the session has no leg on it yet (the next request of the class
 * is then the probe), and with @open_leg when the overflow rule wants a
 * leg there (ocf_overflow()).  Routing is an optimisation: a driver refusing
 * the extra session only leaves the class on the base leg.
 */
void ocf_session_route_class(struct ocf_session *ses, int class,
			     bool open_probe, bool open_leg)
{
	struct ocf_driver *other;
	bool route;
	u64 cost;
	int l;

	other = ocf_choose_other(ses, class, &cost);
	if (!other) {
		WRITE_ONCE(ses->alt_id[class], 0);
		/* Pairs with ocf_route()'s acquire: the base leg is always. */
		smp_store_release(&ses->class_leg[class], 0);
		return;
	}
	route = ocf_route_decide(ses, other, cost, class);
	l = ocf_leg_on(ses, other);
	if (!l && (route || open_probe || open_leg))
		l = max(ocf_alt_leg(ses, other), 0);
	/* The leg before its use: pairs with ocf_route()'s acquire. */
	smp_store_release(&ses->alt_leg[class], (u8)l);
	WRITE_ONCE(ses->alt_id[class], (u8)other->id);
	/* Also pairs with ocf_route()'s acquire. */
	smp_store_release(&ses->class_leg[class], route ? (u8)l : 0);
	if (open_probe && l && !route) {
		WRITE_ONCE(ses->probe_burst[class], OCF_PROBE_BURST - 1);
		set_bit(class, &ses->probe_now);
	}
	ocf_driver_put(other);
}

int ocf_session_build(struct ocf_session *ses,
		      const struct ocf_driver *exclude)
{
	struct ocf_driver *cand[OCF_CHOOSE_MAX];
	struct ocf_driver *per[OCF_MAX_CRI];
	int n, i, c, err = -EOPNOTSUPP;

	n = ocf_choose(ses, -1, exclude, cand, ARRAY_SIZE(cand));
	for (i = 0; i < n; i++) {
		if (err) {
			for (c = 0; c < ses->ncri; c++)
				per[c] = cand[i];
			err = ocf_build_legs(ses, per);
		}
		ocf_driver_put(cand[i]);
	}
	if (!err)
		ocf_build_routes(ses, exclude);
	if (n || ses->ncri < 2 || ocf_needs_one_driver(ses))
		return err;

	/* No driver does it all: split the session. */
	for (c = 0; c < ses->ncri; c++) {
		if (!ocf_choose(ses, c, exclude, &per[c], 1)) {
			while (--c >= 0)
				ocf_driver_put(per[c]);
			return -EOPNOTSUPP;
		}
	}
	err = ocf_build_legs(ses, per);
	for (c = 0; c < ses->ncri; c++)
		ocf_driver_put(per[c]);
	return err;
}

/* Give every leg back to its driver; keys are no longer needed either. */
void ocf_session_release_legs(struct ocf_session *ses)
{
	int l, i;

	for (l = 0; l < ses->nlegs + ses->nalt; l++)
		ocf_leg_free(ses, l);
	for (i = 0; i < ses->ncri; i++) {
		kfree_sensitive(ses->ini[i].cri_key);
		ses->ini[i].cri_key = NULL;
	}
}
