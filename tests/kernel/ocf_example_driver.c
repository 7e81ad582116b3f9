// SPDX-License-Identifier: GPL-2.0-only
/*
 * Example OCF driver (docs/kernel-api.md walks through it).  It behaves
 * like a small asynchronous accelerator: process() puts requests on a
 * "ring" of EXAMPLE_RING slots and returns; a worker plays the device,
 * runs them and completes them with crypto_done().  A full ring answers
 * ERESTART, and the drained ring calls crypto_unblock().
 *
 * Its algorithm is a toy (XOR with the key byte, on a test-reserved
 * algorithm number) so that it can never be chosen for real work: the
 * example is about the API, not about cryptography.  On load it tests
 * itself through the framework, naming itself with its driver id (crid),
 * the way a real driver runs a known-answer test at attach.
 * Results: /sys/kernel/debug/ocf_test/ocf_example_driver (KTAP).
 */
#include <linux/completion.h>
#include <linux/idr.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <opencrypto/cryptodev.h>
#include "ktap.h"

#define EXAMPLE_ALG	(CRYPTO_TEST_ALG_FIRST + 8)
#define EXAMPLE_RING	16

struct example_session {
	u8	key;
};

struct example_dev {
	s32			id;		/* our OCF driver id */
	struct idr		sessions;	/* lid -> example_session */
	spinlock_t		lock;
	struct cryptop		*ring[EXAMPLE_RING];
	int			head, count;
	bool			blocked;	/* we answered ERESTART */
	struct work_struct	irq;		/* stands in for the device */
};

static struct example_dev dev;
static struct ktap_suite suite;

static int example_newsession(void *arg, u32 *lid, struct cryptoini *cri)
{
	struct example_dev *d = arg;
	struct example_session *s;
	int id;

	/* One algorithm, keyed, per session. */
	if (!cri || cri->cri_next || cri->cri_alg != EXAMPLE_ALG ||
	    cri->cri_klen != 8 || !cri->cri_key)
		return -EINVAL;
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	s->key = *(u8 *)cri->cri_key;
	idr_preload(GFP_KERNEL);
	spin_lock_bh(&d->lock);
	id = idr_alloc(&d->sessions, s, 1, 0, GFP_NOWAIT);
	spin_unlock_bh(&d->lock);
	idr_preload_end();
	if (id < 0) {
		kfree_sensitive(s);
		return id;
	}
	*lid = id;
	return 0;
}

/* @sid is CRYPTO_SID(our id, lid). */
static int example_freesession(void *arg, u64 sid)
{
	struct example_dev *d = arg;
	struct example_session *s;

	spin_lock_bh(&d->lock);
	s = idr_remove(&d->sessions, CRYPTO_SESID2LID(sid));
	spin_unlock_bh(&d->lock);
	if (!s)
		return -EINVAL;
	kfree_sensitive(s);
	return 0;
}

/* Must not sleep: queue the request and return. */
static int example_process(void *arg, struct cryptop *crp, int hint)
{
	struct example_dev *d = arg;

	spin_lock_bh(&d->lock);
	if (d->count == EXAMPLE_RING) {
		d->blocked = true;
		spin_unlock_bh(&d->lock);
		/* Requests held back by HINT_MORE must still run. */
		schedule_work(&d->irq);
		return -ERESTART;	/* the framework keeps it for later */
	}
	d->ring[(d->head + d->count++) % EXAMPLE_RING] = crp;
	spin_unlock_bh(&d->lock);
	/* A real device is kicked only when no more requests follow. */
	if (!(hint & CRYPTO_HINT_MORE))
		schedule_work(&d->irq);
	return 0;
}

static int example_run(struct example_dev *d, struct cryptop *crp)
{
	struct example_session *s;
	struct cryptodesc *crd = crp->crp_desc;
	u8 buf[64];
	int i, j, n;

	spin_lock_bh(&d->lock);
	s = idr_find(&d->sessions, CRYPTO_SESID2LID(crp->crp_sid));
	spin_unlock_bh(&d->lock);
	if (!s || !crd || crd->crd_next || crd->crd_alg != EXAMPLE_ALG ||
	    crd->crd_skip < 0 || crd->crd_len < 0 ||
	    crd->crd_len > crp->crp_ilen - crd->crd_skip)
		return -EINVAL;
	/* The buffer helpers handle every buffer type the core accepts. */
	for (i = 0; i < crd->crd_len; i += n) {
		n = min_t(int, sizeof(buf), crd->crd_len - i);
		if (crypto_copydata(crp->crp_flags, crp->crp_buf,
				    crd->crd_skip + i, n, buf))
			return -EINVAL;
		for (j = 0; j < n; j++)
			buf[j] ^= s->key;
		if (crypto_copyback(crp->crp_flags, crp->crp_buf,
				    crd->crd_skip + i, n, buf))
			return -EINVAL;
	}
	return 0;
}

/* The "interrupt": finish everything on the ring. */
static void example_irq(struct work_struct *work)
{
	struct example_dev *d = container_of(work, struct example_dev, irq);
	struct cryptop *crp;
	bool unblock;

	for (;;) {
		spin_lock_bh(&d->lock);
		if (!d->count) {
			unblock = d->blocked;
			d->blocked = false;
			spin_unlock_bh(&d->lock);
			break;
		}
		crp = d->ring[d->head];
		d->head = (d->head + 1) % EXAMPLE_RING;
		d->count--;
		spin_unlock_bh(&d->lock);

		crp->crp_etype = -example_run(d, crp);	/* positive errno */
		crypto_done(crp);	/* any context, even hard IRQ */
	}
	if (unblock)
		crypto_unblock(d->id, CRYPTO_SYMQ);
}

/* ---- self-test at load, as a consumer naming this driver ---------- */

struct example_wait {
	struct completion	done;
	atomic_t		left;
	atomic_t		errors;
};

static int example_selftest_done(struct cryptop *crp)
{
	struct example_wait *w = crp->crp_opaque;

	if (crp->crp_etype)
		atomic_inc(&w->errors);
	if (atomic_dec_and_test(&w->left))
		complete(&w->done);
	return 0;
}

static void example_selftest(void)
{
	enum { N = 3 * EXAMPLE_RING };	/* more than the ring: ERESTART */
	/* Runs once, from module init: static keeps the stack frame small. */
	static u8 bufs[N][32];
	static struct cryptop *crp[N];
	u8 key = 0x5c;
	struct cryptoini cri = { .cri_alg = EXAMPLE_ALG, .cri_klen = 8,
				 .cri_key = &key };
	struct example_wait w;
	bool ok = true;
	u64 sid;
	int i, j;

	ok = !crypto_newsession_crid(&sid, &cri, dev.id);
	ktap_result(&suite, ok, "example driver: session by crid");
	if (!ok) {
		ktap_skip(&suite, "example driver: batched requests",
			  "no session");
		return;
	}
	init_completion(&w.done);
	atomic_set(&w.left, N);
	atomic_set(&w.errors, 0);
	for (i = 0; i < N; i++) {
		crp[i] = crypto_getreq(1);
		if (!crp[i]) {
			ok = false;
			break;
		}
		memset(bufs[i], i, sizeof(bufs[i]));
		crp[i]->crp_sid = sid;
		crp[i]->crp_buf = bufs[i];
		crp[i]->crp_ilen = sizeof(bufs[i]);
		crp[i]->crp_flags = CRYPTO_F_BATCH;
		crp[i]->crp_callback = example_selftest_done;
		crp[i]->crp_opaque = &w;
		crp[i]->crp_desc->crd_alg = EXAMPLE_ALG;
		crp[i]->crp_desc->crd_len = sizeof(bufs[i]);
	}
	for (i = 0; ok && i < N; i++)
		crypto_dispatch(crp[i]);
	if (ok)
		ok = wait_for_completion_timeout(&w.done, 20 * HZ) &&
		     !atomic_read(&w.errors);
	for (i = 0; ok && i < N; i++)
		for (j = 0; j < sizeof(bufs[i]); j++)
			ok = ok && bufs[i][j] == (i ^ key);
	ktap_result(&suite, ok,
		    "example driver: batched requests beyond its ring all complete");
	for (i = 0; i < N; i++)
		crypto_freereq(crp[i]);
	crypto_freesession(sid);
}

static int __init example_init(void)
{
	int err;

	if (ktap_start(&suite, KBUILD_MODNAME, 3))
		return -ENOMEM;
	spin_lock_init(&dev.lock);
	idr_init(&dev.sessions);
	INIT_WORK(&dev.irq, example_irq);

	/* flags 0 means a hardware driver; the name shows in look-ups. */
	dev.id = crypto_get_driverid_named(0, "ocf-example");
	err = dev.id < 0 ? -ENODEV :
	      crypto_register(dev.id, EXAMPLE_ALG, 0, 0, example_newsession,
			      example_freesession, example_process, &dev);
	ktap_result(&suite, !err, "example driver: registered");
	if (!err) {
		example_selftest();
	} else {
		ktap_skip(&suite, "example driver: session", "not registered");
		ktap_skip(&suite, "example driver: requests", "not registered");
	}
	ktap_finish(&suite);
	if (err && dev.id >= 0)
		crypto_unregister_all(dev.id);
	return 0;
}

static void __exit example_exit(void)
{
	/* Moves our sessions elsewhere and waits for requests we hold. */
	if (dev.id >= 0)
		crypto_unregister_all(dev.id);
	flush_work(&dev.irq);
	idr_destroy(&dev.sessions);
	ktap_release(&suite);
}

module_init(example_init);
module_exit(example_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Example OCF driver: a toy asynchronous accelerator");
