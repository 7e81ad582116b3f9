// SPDX-License-Identifier: GPL-2.0-only
/*
 * ocf_virtio: an OCF driver for virtio-crypto devices (virtio id 20).
 * Each bound device is its own OCF driver instance, "virtio-crypto<N>",
 * offering the ciphers that pass a known-answer check at probe.
 *
 * Going away: remove() first withdraws the instance from OCF while the
 * device still works (crypto_unregister_all() moves its sessions and
 * waits for the requests it holds to complete), then resets the
 * device.  A device that stops answering is reset at once; what it
 * held completes with EAGAIN, which tells the consumer to re-run the
 * request on the session's new driver.
 */
#include <linux/idr.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ids.h>
#include <linux/virtio_ring.h>
#include <ocf/compat.h>
#include "vcr.h"

#ifndef VIRTIO_ID_CRYPTO
#define VIRTIO_ID_CRYPTO	20
#endif

/* 3DES-ECB and 3DES-CTR have no OCF algorithm number: not offered. */
const struct vcr_alg vcr_algs[] = {
	{ CRYPTO_AES_CBC, VIRTIO_CRYPTO_CIPHER_AES_CBC, "aes-cbc", 16, 16 },
	{ CRYPTO_AES_CTR, VIRTIO_CRYPTO_CIPHER_AES_CTR, "aes-ctr", 1, 16,
	  true },
	{ CRYPTO_AES_ECB, VIRTIO_CRYPTO_CIPHER_AES_ECB, "aes-ecb", 16, 0 },
	{ CRYPTO_AES_XTS, VIRTIO_CRYPTO_CIPHER_AES_XTS, "aes-xts", 16, 16 },
	{ CRYPTO_3DES_CBC, VIRTIO_CRYPTO_CIPHER_3DES_CBC, "3des-cbc", 8, 8 },
};

const unsigned int vcr_nalgs = ARRAY_SIZE(vcr_algs);

static DEFINE_IDA(vcr_ida);
static DEFINE_MUTEX(vcr_list_mutex);
static LIST_HEAD(vcr_list);

/*
 * Re-initialising a device that failed while in service: unbind and
 * probe it again (the virtio core resets it and negotiates afresh), at
 * most once per VCR_REPROBE_GAP so a device that keeps failing stays
 * down.  On their own workqueue, flushed at module exit.
 */
#define VCR_REPROBE_GAP		(10 * HZ)
static struct workqueue_struct *vcr_wq;
static DEFINE_SPINLOCK(vcr_reprobe_lock);
static unsigned long vcr_last_reprobe;
static bool vcr_reprobed;

struct vcr_reprobe {
	struct work_struct	work;
	struct device		*dev;
};

static void vcr_reprobe_fn(struct work_struct *work)
{
	struct vcr_reprobe *r = container_of(work, struct vcr_reprobe, work);
	int err;

	err = device_reprobe(r->dev);
	if (err)
		dev_warn(r->dev, "re-initialisation failed (%d)\n", err);
	put_device(r->dev);
	kfree(r);
}

static void vcr_schedule_reprobe(struct vcr_dev *vd)
{
	struct vcr_reprobe *r;
	bool go;

	spin_lock(&vcr_reprobe_lock);
	go = !vcr_reprobed ||
	     time_after(jiffies, vcr_last_reprobe + VCR_REPROBE_GAP);
	if (go) {
		vcr_reprobed = true;
		vcr_last_reprobe = jiffies;
	}
	spin_unlock(&vcr_reprobe_lock);
	if (!go) {
		dev_err(&vd->vdev->dev, "%s: failed again, left down\n",
			vd->name);
		return;
	}
	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return;
	INIT_WORK(&r->work, vcr_reprobe_fn);
	r->dev = get_device(&vd->vdev->dev);
	queue_work(vcr_wq, &r->work);
}

const struct vcr_alg *vcr_find_alg(int ocf_alg)
{
	unsigned int i;

	for (i = 0; i < vcr_nalgs; i++)
		if (vcr_algs[i].ocf_alg == ocf_alg)
			return &vcr_algs[i];
	return NULL;
}

/*
 * Reset the device and give back what it held: completed requests
 * complete normally, the rest with EAGAIN.  Afterwards nothing touches
 * the device; process() answers ERESTART, which the framework turns
 * into EAGAIN once the instance is unregistered.
 */
void vcr_kill(struct vcr_dev *vd)
{
	struct vcr_req *req, *list = NULL;

	mutex_lock(&vd->kill_mutex);
	if (READ_ONCE(vd->dead))
		goto out;
	spin_lock_irq(&vd->lock);
	vd->dead = true;
	spin_unlock_irq(&vd->lock);
	virtio_reset_device(vd->vdev);
	/*
	 * What the device finished up to the reset completes normally: an
	 * in-place request done but given back with EAGAIN would be run
	 * twice on its output.
	 */
	vcr_dataq_done(vd->dataq);

	spin_lock_irq(&vd->lock);
	while ((req = virtqueue_detach_unused_buf(vd->dataq))) {
		req->next = list;
		list = req;
		vd->inflight--;
	}
	vd->kick_pending = false;
	vd->blocked = false;
	spin_unlock_irq(&vd->lock);
	/* The control buffer is the device's own; nothing to finish. */
	while (virtqueue_detach_unused_buf(vd->ctrlq))
		;
	while (list) {
		req = list;
		list = req->next;
		req->done(req, -EAGAIN);
	}
out:
	mutex_unlock(&vd->kill_mutex);
}

static void vcr_fail_work(struct work_struct *work)
{
	struct vcr_dev *vd = container_of(work, struct vcr_dev, fail_work);
	bool was_registered;

	dev_err(&vd->vdev->dev, "%s: device failed, withdrawing it\n",
		vd->name);
	vcr_kill(vd);
	mutex_lock(&vd->reg_mutex);
	was_registered = vd->registered;
	if (vd->registered) {
		vd->registered = false;
		crypto_unregister_all(vd->driverid);
	}
	mutex_unlock(&vd->reg_mutex);
	/* A device that failed in service (not at probe) gets a new start. */
	if (was_registered && !READ_ONCE(vd->gone))
		vcr_schedule_reprobe(vd);
}

/* Any context: the device misbehaved; withdraw it from process context. */
void vcr_fail_device(struct vcr_dev *vd)
{
	if (!READ_ONCE(vd->gone))
		schedule_work(&vd->fail_work);
}

static void vcr_drain_watchdog(struct work_struct *work)
{
	struct vcr_dev *vd = container_of(to_delayed_work(work),
					  struct vcr_dev, drain_watchdog);

	dev_err(&vd->vdev->dev,
		"%s: requests not completed at removal, resetting\n",
		vd->name);
	vcr_kill(vd);
}

static void vcr_config_changed(struct virtio_device *vdev)
{
	struct vcr_dev *vd = vdev->priv;

	/* A request it could not take (our bug) breaks the device. */
	if (vd && (vdev->config->get_status(vdev) &
		   VIRTIO_CONFIG_S_NEEDS_RESET))
		vcr_fail_device(vd);
}

static int vcr_find_vqs(struct vcr_dev *vd, u32 ndataq)
{
	struct virtqueue **vqs;
	vq_callback_t **cbs;
	const char **names;
	unsigned int n = ndataq + 1, i;
	int err = -ENOMEM;

	vqs = kcalloc(n, sizeof(*vqs), GFP_KERNEL);
	cbs = kcalloc(n, sizeof(*cbs), GFP_KERNEL);
	names = kcalloc(n, sizeof(*names), GFP_KERNEL);
	if (!vqs || !cbs || !names)
		goto out;
	/* One data queue is used; the others stay unset (NULL name). */
	cbs[0] = vcr_dataq_done;
	names[0] = "dataq0";
	names[ndataq] = "controlq";
	err = ocf_virtio_find_vqs(vd->vdev, n, vqs, cbs, names);
	if (err)
		goto out;
	vd->dataq = vqs[0];
	vd->ctrlq = vqs[ndataq];
	for (i = 1; i < ndataq; i++)
		WARN_ON(vqs[i]);
out:
	kfree(vqs);
	kfree(cbs);
	kfree(names);
	return err;
}

static int vcr_register(struct vcr_dev *vd)
{
	unsigned int i;
	int err = 0;

	vd->driverid = crypto_get_driverid_named(CRYPTOCAP_F_HARDWARE,
						 vd->name);
	if (vd->driverid < 0)
		return -EBUSY;
	for (i = 0; i < vcr_nalgs && !err; i++) {
		if (!vd->alg_ok[vcr_algs[i].ocf_alg])
			continue;
		err = crypto_register(vd->driverid, vcr_algs[i].ocf_alg, 0, 0,
				      vcr_newsession, vcr_freesession,
				      vcr_process, vd);
	}
	if (err) {
		crypto_unregister_all(vd->driverid);
		vd->driverid = -1;
		return err;
	}
	vd->registered = true;
	return 0;
}

static int vcr_probe(struct virtio_device *vdev)
{
	struct vcr_dev *vd;
	u32 status, ndataq, max_key;
	u64 max_size;
	char algs[64] = "";
	unsigned int i;
	int err;

	if (!virtio_has_feature(vdev, VIRTIO_F_VERSION_1))
		return -ENODEV;
	virtio_cread_le(vdev, struct virtio_crypto_config, status, &status);
	virtio_cread_le(vdev, struct virtio_crypto_config, max_dataqueues,
			&ndataq);
	virtio_cread_le(vdev, struct virtio_crypto_config,
			max_cipher_key_len, &max_key);
	virtio_cread_le(vdev, struct virtio_crypto_config, max_size,
			&max_size);
	if (!(status & VIRTIO_CRYPTO_S_HW_READY) || !ndataq || ndataq > 1024) {
		dev_info(&vdev->dev, "not ready (status %#x, %u data queues)\n",
			 status, ndataq);
		return -ENODEV;
	}

	vd = kzalloc(sizeof(*vd), GFP_KERNEL);
	if (!vd)
		return -ENOMEM;
	mutex_init(&vd->kill_mutex);
	INIT_DELAYED_WORK(&vd->drain_watchdog, vcr_drain_watchdog);
	vd->vdev = vdev;
	vd->driverid = -1;
	vd->max_key = min_t(u32, max_key, CRYPTO_CIPHER_MAX_KEY_LEN);
	vd->max_size = max_size;
	spin_lock_init(&vd->lock);
	mutex_init(&vd->reg_mutex);
	xa_init_flags(&vd->sessions, XA_FLAGS_ALLOC1);
	INIT_WORK(&vd->fail_work, vcr_fail_work);
	timer_setup(&vd->kick_timer, vcr_kick_timer, 0);
	err = ida_alloc(&vcr_ida, GFP_KERNEL);
	if (err < 0)
		goto free;
	vd->index = err;
	snprintf(vd->name, sizeof(vd->name), "virtio-crypto%d", vd->index);
	err = vcr_ctrl_init(vd);
	if (err)
		goto free_ida;
	vdev->priv = vd;
	err = vcr_find_vqs(vd, ndataq);
	if (err)
		goto free_ctrl;
	vd->indirect = virtio_has_feature(vdev, VIRTIO_RING_F_INDIRECT_DESC);
	vd->ring_size = virtqueue_get_vring_size(vd->dataq);
	virtio_device_ready(vdev);

	for (i = 0; i < vcr_nalgs && !READ_ONCE(vd->dead); i++) {
		if (!vcr_kat(vd, &vcr_algs[i]))
			continue;
		vd->alg_ok[vcr_algs[i].ocf_alg] = true;
		if (strlen(algs) + strlen(vcr_algs[i].name) + 2 < sizeof(algs))
			sprintf(algs + strlen(algs), " %s", vcr_algs[i].name);
	}
	if (READ_ONCE(vd->dead) || !algs[0]) {
		dev_warn(&vdev->dev, "%s: no algorithm passed its check\n",
			 vd->name);
		err = -ENODEV;
		goto reset;
	}
	mutex_lock(&vd->reg_mutex);
	err = vcr_register(vd);
	mutex_unlock(&vd->reg_mutex);
	if (err)
		goto reset;

	mutex_lock(&vcr_list_mutex);
	list_add_tail(&vd->link, &vcr_list);
	mutex_unlock(&vcr_list_mutex);
	dev_info(&vdev->dev,
		 "%s: OCF driver %d,%s (ring %u%s, max key %u)\n",
		 vd->name, vd->driverid, algs, vd->ring_size,
		 vd->indirect ? ", indirect" : "", vd->max_key);
	return 0;

reset:
	vcr_kill(vd);
	WRITE_ONCE(vd->gone, true);
	cancel_work_sync(&vd->fail_work);
	timer_delete_sync(&vd->kick_timer);
	vdev->config->del_vqs(vdev);
free_ctrl:
	vcr_ctrl_free(vd);
	vdev->priv = NULL;
free_ida:
	ida_free(&vcr_ida, vd->index);
free:
	kfree(vd);
	return err;
}

/* Give everything back; @why ends up in the log. */
static void vcr_teardown(struct virtio_device *vdev, const char *why)
{
	struct vcr_dev *vd = vdev->priv;

	/* A failed re-probe at resume left nothing to tear down. */
	if (!vd)
		return;
	mutex_lock(&vcr_list_mutex);
	list_del(&vd->link);
	mutex_unlock(&vcr_list_mutex);

	/* Surprise removal: nothing will complete, give it all back now. */
	if (virtqueue_is_broken(vd->dataq))
		vcr_kill(vd);

	mutex_lock(&vd->reg_mutex);
	if (vd->registered) {
		vd->registered = false;
		schedule_delayed_work(&vd->drain_watchdog,
				      msecs_to_jiffies(VCR_DRAIN_TIMEOUT_MS));
		crypto_unregister_all(vd->driverid);
		cancel_delayed_work_sync(&vd->drain_watchdog);
	}
	mutex_unlock(&vd->reg_mutex);

	vcr_kill(vd);
	WRITE_ONCE(vd->gone, true);
	cancel_work_sync(&vd->fail_work);
	timer_delete_sync(&vd->kick_timer);
	vcr_free_all_sessions(vd);
	vdev->config->del_vqs(vdev);
	vcr_ctrl_free(vd);
	xa_destroy(&vd->sessions);
	ida_free(&vcr_ida, vd->index);
	vdev->priv = NULL;
	dev_info(&vdev->dev, "%s: %s\n", vd->name, why);
	kfree(vd);
}

static void vcr_remove(struct virtio_device *vdev)
{
	vcr_teardown(vdev, "removed");
}

#ifdef CONFIG_PM_SLEEP
/*
 * System sleep resets the device, so its sessions do not survive it.
 * Leave as on removal (sessions move to another driver, requests in
 * flight finish or re-run there) and come back as a new instance that
 * passes the known-answer checks again.
 */
static int vcr_freeze(struct virtio_device *vdev)
{
	vcr_teardown(vdev, "suspended");
	return 0;
}

static int vcr_restore(struct virtio_device *vdev)
{
	return vcr_probe(vdev);
}
#endif

/* The instance registered as OCF driver @driverid, or NULL. */
static struct vcr_dev *vcr_find_locked(u32 driverid)
{
	struct vcr_dev *vd;

	lockdep_assert_held(&vcr_list_mutex);
	list_for_each_entry(vd, &vcr_list, link)
		if (vd->driverid == driverid)
			return vd;
	return NULL;
}

/* For the in-kernel tests: counters of the instance with this OCF id. */
int vcr_get_stats(u32 driverid, struct vcr_stats *st)
{
	struct vcr_dev *vd;

	mutex_lock(&vcr_list_mutex);
	vd = vcr_find_locked(driverid);
	if (vd) {
		spin_lock_irq(&vd->lock);
		st->ring_full = vd->stat_ring_full;
		st->requests = vd->stat_requests;
		st->errors = vd->stat_errors;
		st->ring_size = vd->ring_size;
		spin_unlock_irq(&vd->lock);
		st->dev_sessions = READ_ONCE(vd->dev_sessions);
	}
	mutex_unlock(&vcr_list_mutex);
	return vd ? 0 : -ENOENT;
}
EXPORT_SYMBOL_GPL(vcr_get_stats);

/*
 * For the in-kernel tests: hold at most @limit requests in the ring
 * (0: the ring's size), so the full-ring path runs on demand.
 */
int vcr_set_inflight_limit(u32 driverid, unsigned int limit)
{
	struct vcr_dev *vd;

	mutex_lock(&vcr_list_mutex);
	vd = vcr_find_locked(driverid);
	if (vd) {
		spin_lock_irq(&vd->lock);
		vd->inflight_limit = limit;
		spin_unlock_irq(&vd->lock);
	}
	mutex_unlock(&vcr_list_mutex);
	return vd ? 0 : -ENOENT;
}
EXPORT_SYMBOL_GPL(vcr_set_inflight_limit);

/*
 * For the in-kernel tests: what the driver does when the device reports
 * VIRTIO_CONFIG_S_NEEDS_RESET (vcr_config_changed()), on demand: QEMU
 * raises it only for a request the driver never sends.
 */
int vcr_test_fail(u32 driverid)
{
	struct vcr_dev *vd;

	mutex_lock(&vcr_list_mutex);
	vd = vcr_find_locked(driverid);
	if (vd)
		vcr_fail_device(vd);
	mutex_unlock(&vcr_list_mutex);
	return vd ? 0 : -ENOENT;
}
EXPORT_SYMBOL_GPL(vcr_test_fail);

static const struct virtio_device_id vcr_id_table[] = {
	{ VIRTIO_ID_CRYPTO, VIRTIO_DEV_ANY_ID },
	{ 0 },
};

static struct virtio_driver vcr_driver = {
	.driver.name		= KBUILD_MODNAME,
	.driver.owner		= THIS_MODULE,
	.id_table		= vcr_id_table,
	.probe			= vcr_probe,
	.remove			= vcr_remove,
	.config_changed		= vcr_config_changed,
#ifdef CONFIG_PM_SLEEP
	.freeze			= vcr_freeze,
	.restore		= vcr_restore,
#endif
};

static int __init vcr_init(void)
{
	int err;

	vcr_wq = alloc_workqueue("ocf_virtio", 0, 0);
	if (!vcr_wq)
		return -ENOMEM;
	err = register_virtio_driver(&vcr_driver);
	if (err)
		destroy_workqueue(vcr_wq);
	return err;
}

static void __exit vcr_exit(void)
{
	unregister_virtio_driver(&vcr_driver);
	/* A pending re-initialisation finds no driver now; let it end. */
	destroy_workqueue(vcr_wq);
}

module_init(vcr_init);
module_exit(vcr_exit);

/*
 * No MODULE_DEVICE_TABLE: the device is bound on purpose (insmod, or
 * sysfs bind), never autoloaded in place of Linux's virtio_crypto.
 */
MODULE_DESCRIPTION("OCF driver for virtio-crypto devices");
MODULE_LICENSE("GPL");
