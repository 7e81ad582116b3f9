// SPDX-License-Identifier: GPL-2.0-only
/*
 * Probes: re-measuring the driver a size class does not use.  Routing by
 * size follows learnt costs, and a driver nothing is sent to is never
 * measured again: a cost inflated once (by slower requests of another
 * consumer) would keep a size class away from it for good.  So a request
 * of a routed session now and then goes to the one of its class's two
 * drivers (the base leg's and the cheapest of another kind) that the
 * class is not using: when that driver's cost for the class has had no
 * sample for probe_ms, the first request to notice claims the probe (one
 * per driver, algorithm, class and interval, however many sessions).
 * After each probe route_work decides again, with the usual hysteresis.
 * A probe faster than the driver in use is followed by the next request
 * of the class (up to OCF_PROBE_BURST in all), so a driver whose cost
 * was inflated wins its class back within a few requests; a slower one
 * gets one request per class and probe_ms: at most its latency over
 * probe_ms of the time.
 */
#include <linux/jiffies.h>
#include <linux/module.h>
#include "ocf_internal.h"

unsigned int ocf_probe_ms = 100;
module_param_named(probe_ms, ocf_probe_ms, uint, 0644);
MODULE_PARM_DESC(probe_ms,
		 "Re-measure the driver a size class does not use after this many ms without a sample (0: never)");

/* Is a probe of @alg in size class @class on @drv due?  Claim it if so. */
static bool ocf_probe_claim(struct ocf_driver *drv, int alg, int class)
{
	unsigned long *seen = &drv->cost_seen[alg][class];
	unsigned long then = READ_ONCE(*seen), now = jiffies;
	unsigned long ms = READ_ONCE(ocf_probe_ms);

	/* Every request of a class with an alternative: no call here. */
	if (!ms || time_before(now, then + DIV_ROUND_UP(ms * HZ, 1000)))
		return false;
	/* One request wins the claim: the others see the new stamp. */
	return try_cmpxchg(seen, &then, now);
}

/*
 * Request @crp of size class @class (longest descriptor @len) of @ses
 * would go to leg @leg: the leg it goes to, that of the class's other
 * driver when a probe of it is due (OCF_RS_PROBE marks the request).
 * Every request of a class with another driver passes here: a few reads
 * when no probe is due.
 */
int ocf_probe_pick(struct ocf_session *ses, struct cryptop *crp, int class,
		   int leg, int len)
{
	int alg = ses->ini[0].cri_alg, p, id;
	struct ocf_driver *drv;
	bool due;

	/* Pairs with the release in ocf_session_route_class(). */
	p = leg ? 0 : smp_load_acquire(&ses->alt_leg[class]);
	if (leg || p) {
		if (!ocf_leg_fits(&ses->legs[p], len))
			return leg;
		if (!test_bit(class, &ses->probe_now) ||
		    !test_and_clear_bit(class, &ses->probe_now)) {
			if (!ocf_probe_claim(ses->legs[p].drv, alg, class))
				return leg;
			WRITE_ONCE(ses->probe_burst[class],
				   OCF_PROBE_BURST - 1);
		}
		/* Nobody else sees the request before it is submitted. */
		__set_bit(OCF_RS_PROBE, &crp->crp_priv.state);
		return p;
	}
	/* No leg on the other driver yet: route_work opens one. */
	id = READ_ONCE(ses->alt_id[class]);
	if (!id || id > OCF_MAX_DRIVERS)
		return leg;
	rcu_read_lock();
	drv = rcu_dereference(ocf_drivers[id]);
	due = drv && ocf_probe_claim(drv, alg, class);
	rcu_read_unlock();
	if (due)
		ocf_session_route_again(ses, &ses->probe_open, class);
	return leg;
}

/*
 * A probe completed on @drv, its cost sample @cost_ns (crypto_done(), any
 * context; the session is still active).  Its cost was learnt as any
 * other request's;
 * one faster than the driver in use has the next request of its class
 * probe too, and route_work decides about the class again.
 */
void ocf_probe_done(struct cryptop *crp, struct ocf_driver *drv,
		    bool in_call, u64 cost_ns)
{
	struct ocf_session *ses = crp->crp_priv.session;
	struct ocf_driver *used;
	struct cryptodesc *d;
	int len = 0, n = 0, c, l, left;
	u64 cost;

	atomic64_inc(&drv->probes);
	if (!ses)
		return;
	for (d = crp->crp_desc; d && n < OCF_MAX_DESC; d = d->crd_next, n++)
		len = max(len, d->crd_len);
	c = ocf_size_class(len);
	/* Pairs with the release in ocf_session_route_class(). */
	l = smp_load_acquire(&ses->class_leg[c]);
	used = ses->legs[l].drv;
	left = READ_ONCE(ses->probe_burst[c]);
	if (left && used != drv && ocf_cost_learns(drv, crp, in_call)) {
		cost = ocf_class_cost(used, ses, c);
		if (cost && ocf_consumer_ns(drv, cost_ns) < cost) {
			WRITE_ONCE(ses->probe_burst[c], left - 1);
			set_bit(c, &ses->probe_now);
		}
	}
	ocf_session_route_again(ses, &ses->route_redo, c);
}
