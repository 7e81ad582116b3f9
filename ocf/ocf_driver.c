// SPDX-License-Identifier: GPL-2.0-only
/*
 * The driver registry: ids, capabilities, unregistration (with session
 * migration and draining) and the look-ups /dev/crypto needs.
 */
#include <linux/module.h>
#include <linux/nospec.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "ocf_internal.h"

/* Serialises registration, unregistration and the driver table's writers. */
DEFINE_MUTEX(ocf_drv_mutex);
struct ocf_driver __rcu *ocf_drivers[OCF_MAX_DRIVERS + 1];
/* Ids are handed out round-robin so a stale crid rarely names a new one. */
static u32 ocf_next_id = 1;

/* Caller holds rcu_read_lock() or ocf_drv_mutex. */
static struct ocf_driver *ocf_driver_lookup(u32 id)
{
	if (id < 1 || id > OCF_MAX_DRIVERS)
		return NULL;
	/* Ids come from users (crid): no speculation past the check. */
	id = array_index_nospec(id, OCF_MAX_DRIVERS + 1);
	return rcu_dereference_check(ocf_drivers[id],
				     lockdep_is_held(&ocf_drv_mutex));
}

struct ocf_driver *ocf_driver_get(u32 id)
{
	struct ocf_driver *drv;

	rcu_read_lock();
	drv = ocf_driver_lookup(id);
	if (drv && (READ_ONCE(drv->dying) ||
		    !refcount_inc_not_zero(&drv->users)))
		drv = NULL;
	rcu_read_unlock();
	return drv;
}

void ocf_driver_put(struct ocf_driver *drv)
{
	if (refcount_dec_and_test(&drv->users))
		complete(&drv->gone);
}

s32 crypto_get_driverid_named(u32 flags, const char *name)
{
	struct ocf_driver *drv;
	u32 id, i;

	if ((flags & CRYPTOCAP_F_HARDWARE) && (flags & CRYPTOCAP_F_SOFTWARE))
		return -1;
	/* The page: flags 0 for hardware, SOFTWARE for software drivers. */
	if (!(flags & CRYPTOCAP_F_SOFTWARE))
		flags |= CRYPTOCAP_F_HARDWARE;

	/* Per-algorithm tables make it over 20 KiB: no high-order need. */
	drv = kvzalloc(sizeof(*drv), GFP_KERNEL);
	if (!drv)
		return -1;
	drv->stat = alloc_percpu(struct ocf_stat);
	drv->alg_stat = __alloc_percpu(sizeof(struct ocf_stat) *
				       CRYPTO_ALGORITHM_LIMIT,
				       __alignof__(struct ocf_stat));
	if (!drv->stat || !drv->alg_stat)
		goto fail;
	drv->flags = flags;
	refcount_set(&drv->users, 1);
	init_completion(&drv->gone);
	spin_lock_init(&drv->qlock);
	INIT_LIST_HEAD(&drv->symq);
	INIT_LIST_HEAD(&drv->asymq);
	INIT_WORK(&drv->qwork, ocf_qwork_fn);
	INIT_DELAYED_WORK(&drv->calib_work, ocf_calib_work);

	mutex_lock(&ocf_drv_mutex);
	for (i = 0; i < OCF_MAX_DRIVERS; i++) {
		id = (ocf_next_id + i - 1) % OCF_MAX_DRIVERS + 1;
		if (!rcu_access_pointer(ocf_drivers[id]))
			break;
	}
	if (i == OCF_MAX_DRIVERS) {
		mutex_unlock(&ocf_drv_mutex);
		pr_err("ocf: no free driver id\n");
		goto fail;
	}
	ocf_next_id = id % OCF_MAX_DRIVERS + 1;
	drv->id = id;
	if (name && *name)
		strscpy(drv->name, name, sizeof(drv->name));
	else
		snprintf(drv->name, sizeof(drv->name), "ocf%u", id);
	rcu_assign_pointer(ocf_drivers[id], drv);
	mutex_unlock(&ocf_drv_mutex);
	return id;

fail:
	free_percpu(drv->stat);
	free_percpu(drv->alg_stat);
	kvfree(drv);
	return -1;
}
EXPORT_SYMBOL_GPL(crypto_get_driverid_named);

s32 crypto_get_driverid(u32 flags)
{
	return crypto_get_driverid_named(flags, NULL);
}
EXPORT_SYMBOL_GPL(crypto_get_driverid);

int crypto_register(u32 driverid, int alg, u16 maxoplen, u32 flags,
		    crypto_newsession_t newses, crypto_freesession_t freeses,
		    crypto_process_t process, void *arg)
{
	struct ocf_driver *drv;
	int err = 0;

	if (alg <= 0 || alg >= CRYPTO_ALGORITHM_LIMIT || !newses ||
	    !freeses || !process)
		return -EINVAL;
	mutex_lock(&ocf_drv_mutex);
	drv = ocf_driver_lookup(driverid);
	if (!drv || drv->dying) {
		err = -EINVAL;
		goto out;
	}
	if (drv->process && (drv->process != process ||
			     drv->newsession != newses ||
			     drv->freesession != freeses || drv->arg != arg)) {
		/* One set of entry points per driver id. */
		err = -EINVAL;
		goto out;
	}
	drv->newsession = newses;
	drv->freesession = freeses;
	drv->arg = arg;
	drv->algs[alg].maxoplen = maxoplen;
	drv->algs[alg].flags = flags;
	/*
	 * Publish arg and entry points before process: pairs with the
	 * smp_load_acquire() in ocf_choose().
	 */
	smp_store_release(&drv->process, process);
	WRITE_ONCE(drv->algs[alg].supported, true);
	ocf_calib_schedule(drv, alg);
out:
	mutex_unlock(&ocf_drv_mutex);
	return err;
}
EXPORT_SYMBOL_GPL(crypto_register);

int crypto_kregister(u32 driverid, int kalg, u32 flags,
		     crypto_kprocess_t kprocess, void *arg)
{
	struct ocf_driver *drv;
	int err = 0;

	if (kalg < 0 || kalg > CRK_ALGORITHM_MAX || !kprocess)
		return -EINVAL;
	mutex_lock(&ocf_drv_mutex);
	drv = ocf_driver_lookup(driverid);
	if (!drv || drv->dying ||
	    (drv->kprocess && (drv->kprocess != kprocess ||
			       drv->karg != arg))) {
		err = -EINVAL;
		goto out;
	}
	drv->karg = arg;
	WRITE_ONCE(drv->kprocess, kprocess);
	/* Entry point before capability: ocf_kchoose() acquires kalgs. */
	smp_store_release(&drv->kalgs, drv->kalgs | (1u << kalg));
out:
	mutex_unlock(&ocf_drv_mutex);
	return err;
}
EXPORT_SYMBOL_GPL(crypto_kregister);

/* Lock the driver table; the driver @driverid if it is live, else NULL. */
static struct ocf_driver *ocf_driver_lock_live(u32 driverid)
{
	struct ocf_driver *drv;

	mutex_lock(&ocf_drv_mutex);
	drv = ocf_driver_lookup(driverid);
	return drv && !drv->dying ? drv : NULL;
}

int crypto_register_copystate(u32 driverid, crypto_copystate_t copystate)
{
	struct ocf_driver *drv = ocf_driver_lock_live(driverid);

	if (drv)
		WRITE_ONCE(drv->copystate, copystate);
	mutex_unlock(&ocf_drv_mutex);
	return drv ? 0 : -EINVAL;
}
EXPORT_SYMBOL_GPL(crypto_register_copystate);

int crypto_register_describe(u32 driverid, crypto_describe_t describe)
{
	struct ocf_driver *drv = ocf_driver_lock_live(driverid);

	if (drv)
		WRITE_ONCE(drv->describe, describe);
	mutex_unlock(&ocf_drv_mutex);
	return drv ? 0 : -EINVAL;
}
EXPORT_SYMBOL_GPL(crypto_register_describe);

static bool ocf_driver_has_algs(const struct ocf_driver *drv)
{
	int alg;

	if (drv->kalgs)
		return true;
	for (alg = 1; alg < CRYPTO_ALGORITHM_LIMIT; alg++)
		if (drv->algs[alg].supported)
			return true;
	return false;
}

static void ocf_driver_free_rcu(struct rcu_head *head)
{
	struct ocf_driver *drv = container_of(head, struct ocf_driver, rcu);

	free_percpu(drv->stat);
	free_percpu(drv->alg_stat);
	kvfree(drv);
}

/*
 * Take the driver out of service: move its sessions, fail or move what
 * waits in its queues, wait until nothing uses it, forget it.
 */
static int ocf_driver_remove(u32 driverid)
{
	struct ocf_driver *drv;
	int alg;

	mutex_lock(&ocf_drv_mutex);
	drv = ocf_driver_lookup(driverid);
	if (!drv || drv->dying) {
		mutex_unlock(&ocf_drv_mutex);
		return -EINVAL;
	}
	WRITE_ONCE(drv->dying, true);
	for (alg = 0; alg < CRYPTO_ALGORITHM_LIMIT; alg++)
		WRITE_ONCE(drv->algs[alg].supported, false);
	WRITE_ONCE(drv->kalgs, 0);
	mutex_unlock(&ocf_drv_mutex);
	/* A calibration in progress stops at its next request. */
	cancel_delayed_work_sync(&drv->calib_work);

	/* New sessions first, so a queued request learns its new sid. */
	ocf_session_migrate_driver(drv, 0);

	ocf_driver_flush_queues(drv);

	/* Requests in the driver complete; the legs' freesession runs. */
	ocf_driver_put(drv);
	wait_for_completion(&drv->gone);
	cancel_work_sync(&drv->qwork);

	mutex_lock(&ocf_drv_mutex);
	RCU_INIT_POINTER(ocf_drivers[drv->id], NULL);
	mutex_unlock(&ocf_drv_mutex);
	call_rcu(&drv->rcu, ocf_driver_free_rcu);
	return 0;
}

int crypto_unregister(u32 driverid, int alg)
{
	struct ocf_driver *drv;
	bool last;

	if (alg <= 0 || alg >= CRYPTO_ALGORITHM_LIMIT)
		return -EINVAL;
	mutex_lock(&ocf_drv_mutex);
	drv = ocf_driver_lookup(driverid);
	if (!drv || drv->dying || !drv->algs[alg].supported) {
		mutex_unlock(&ocf_drv_mutex);
		return -EINVAL;
	}
	WRITE_ONCE(drv->algs[alg].supported, false);
	last = !ocf_driver_has_algs(drv);
	mutex_unlock(&ocf_drv_mutex);

	if (last)
		return ocf_driver_remove(driverid);
	ocf_session_migrate_driver(drv, alg);
	return 0;
}
EXPORT_SYMBOL_GPL(crypto_unregister);

int crypto_unregister_all(u32 driverid)
{
	might_sleep();
	return ocf_driver_remove(driverid);
}
EXPORT_SYMBOL_GPL(crypto_unregister_all);

int crypto_find_driver(const char *name)
{
	struct ocf_driver *drv;
	int id, found = -ENOENT;

	if (!name)
		return -EINVAL;
	rcu_read_lock();
	for (id = 1; id <= OCF_MAX_DRIVERS; id++) {
		drv = rcu_dereference(ocf_drivers[id]);
		if (drv && !READ_ONCE(drv->dying) &&
		    !strncmp(drv->name, name, sizeof(drv->name))) {
			found = id;
			break;
		}
	}
	rcu_read_unlock();
	return found;
}
EXPORT_SYMBOL_GPL(crypto_find_driver);

int crypto_get_driver_name(u32 driverid, char *buf, size_t len)
{
	struct ocf_driver *drv;
	int err = -ENOENT;

	if (!buf || !len)
		return -EINVAL;
	rcu_read_lock();
	drv = ocf_driver_lookup(driverid);
	if (drv && !READ_ONCE(drv->dying)) {
		strscpy(buf, drv->name, len);
		err = 0;
	}
	rcu_read_unlock();
	return err;
}
EXPORT_SYMBOL_GPL(crypto_get_driver_name);

int crypto_driver_flags(u32 driverid, u32 *flags)
{
	struct ocf_driver *drv;
	int err = -ENOENT;

	if (!flags)
		return -EINVAL;
	rcu_read_lock();
	drv = ocf_driver_lookup(driverid);
	if (drv && !READ_ONCE(drv->dying)) {
		*flags = drv->flags;
		err = 0;
	}
	rcu_read_unlock();
	return err;
}
EXPORT_SYMBOL_GPL(crypto_driver_flags);

/*
 * The keying operations /dev/crypto may offer: as NetBSD's, it applies
 * kern.userasymcrypto and kern.cryptodevallowsoft.
 */
int crypto_getfeat(int *featp)
{
	struct ocf_driver *drv;
	int allowsoft = READ_ONCE(crypto_devallowsoft);
	int id, feat = 0;

	if (!featp)
		return -EINVAL;
	if (!READ_ONCE(crypto_userasymcrypto)) {
		*featp = 0;
		return 0;
	}
	rcu_read_lock();
	for (id = 1; id <= OCF_MAX_DRIVERS; id++) {
		drv = rcu_dereference(ocf_drivers[id]);
		if (!drv || READ_ONCE(drv->dying))
			continue;
		if (allowsoft > 0 && (drv->flags & CRYPTOCAP_F_SOFTWARE))
			continue;
		if (allowsoft < 0 && !(drv->flags & CRYPTOCAP_F_SOFTWARE))
			continue;
		feat |= READ_ONCE(drv->kalgs);
	}
	rcu_read_unlock();
	*featp = feat;
	return 0;
}
EXPORT_SYMBOL_GPL(crypto_getfeat);
