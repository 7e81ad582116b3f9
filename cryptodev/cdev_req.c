// SPDX-License-Identifier: GPL-2.0-only
/*
 * Request life cycle.  A request is taken from the file's cache (or
 * allocated once), dispatched to the framework, and completed by the
 * callback, which may run in any context: it only flips the state and
 * wakes someone.  Everything that may sleep (unpinning pages, copying to
 * the user, dropping the session) happens in the ioctl that waits or
 * fetches, or at release.  A waiter killed mid-operation leaves its
 * request orphaned; the callback parks it on the zombie list, reaped
 * later in process context.  Release waits until nothing is in flight.
 */
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/mm.h>
#include "cdev.h"

static int cdev_req_done(struct cryptop *crp)
{
	struct cdev_req *r = crp->crp_opaque;
	struct cdev_fd *f = r->fd;
	unsigned long flags;

	spin_lock_irqsave(&f->lock, flags);
	if (r->state == CDEV_R_ORPHAN)
		list_add_tail(&r->link, &f->zombies);
	else if (r->multi)
		f->mdone++;		/* stays on f->mreqs */
	else if (r->async)
		list_add_tail(&r->link, &f->done);
	r->state = CDEV_R_DONE;
	wake_up_all(&r->wq);
	f->inflight--;
	wake_up_all(&f->wq);
	spin_unlock_irqrestore(&f->lock, flags);
	return 0;
}

static void cdev_req_free(struct cdev_req *r)
{
	crypto_freereq(r->crp);
	kfree_sensitive(r->bounce);
	kfree_sensitive(r);
}

struct cdev_req *cdev_req_get(struct cdev_fd *f)
{
	struct cdev_req *r = NULL;

	spin_lock_irq(&f->lock);
	if (!list_empty(&f->free_reqs)) {
		r = list_first_entry(&f->free_reqs, struct cdev_req, link);
		list_del(&r->link);
		f->nfree--;
	}
	spin_unlock_irq(&f->lock);
	if (r)
		goto reset;

	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return NULL;
	r->crp = crypto_getreq(2);
	/* At least room for small hashes/AEAD, at most what kmalloc likes. */
	r->bounce_size = clamp_t(unsigned int, READ_ONCE(cdev_copy_max), 64,
				 CDEV_BOUNCE_MAX);
	r->bounce = kmalloc(r->bounce_size, GFP_KERNEL);
	if (!r->crp || !r->bounce) {
		if (r->crp)
			crypto_freereq(r->crp);
		kfree(r->bounce);
		kfree(r);
		return NULL;
	}
	init_waitqueue_head(&r->wq);
	r->fd = f;
	r->desc[0] = r->crp->crp_desc;
	r->desc[1] = r->desc[0] ? r->desc[0]->crd_next : NULL;
	if (!r->desc[1]) {
		cdev_req_free(r);
		return NULL;
	}
	INIT_LIST_HEAD(&r->link);
reset:
	r->state = CDEV_R_IDLE;
	r->async = false;
	r->multi = false;
	r->mm = NULL;
	r->ses = NULL;
	r->big = NULL;
	r->obig = NULL;
	r->kbuf = NULL;
	r->kused = 0;
	r->utag = NULL;
	r->pinned = false;
	r->src.npages = 0;
	r->dst.npages = 0;
	r->udst = NULL;
	r->ulen = 0;
	r->want_mac = false;
	r->want_iv = false;
	return r;
}

/* Drop what one operation held: data, pins, session, mm. */
void cdev_req_release_data(struct cdev_req *r)
{
	/* Put the descriptors back as crypto_getreq() chained them. */
	r->desc[0]->crd_next = r->desc[1];
	r->desc[1]->crd_next = NULL;
	r->crp->crp_desc = r->desc[0];
	if (r->big) {
		kvfree_sensitive(r->big, r->big_size);
		r->big = NULL;
	}
	if (r->obig) {
		kvfree_sensitive(r->obig, r->obig_size);
		r->obig = NULL;
	}
	if (r->kbuf == r->bounce)
		memzero_explicit(r->bounce, min(r->bounce_size, r->kused));
	r->kbuf = NULL;
	/* Dispatched or not, written pages are treated as dirty. */
	cdev_unpin(&r->src, true);
	cdev_unpin(&r->dst, true);
	r->pinned = false;
	if (r->ses) {
		cdev_session_put(r->ses);
		r->ses = NULL;
	}
	if (r->mm) {
		mmdrop(r->mm);
		r->mm = NULL;
	}
	memzero_explicit(r->mac, sizeof(r->mac));
}

void cdev_req_put(struct cdev_fd *f, struct cdev_req *r)
{
	cdev_req_release_data(r);
	spin_lock_irq(&f->lock);
	if (f->nfree < CDEV_REQ_CACHE) {
		list_add(&r->link, &f->free_reqs);
		f->nfree++;
		r = NULL;
	}
	spin_unlock_irq(&f->lock);
	if (r)
		cdev_req_free(r);
}

/* Hand the prepared crp to the framework; the callback will run once. */
int cdev_req_dispatch(struct cdev_req *r)
{
	struct cdev_fd *f = r->fd;
	struct cryptop *crp = r->crp;
	int err;

	crp->crp_callback = cdev_req_done;
	crp->crp_opaque = r;
	crp->crp_etype = 0;
	/*
	 * The callback is safe in any context: on a synchronous driver let
	 * it run inline, sparing a trip through the completion worker.
	 */
	crp->crp_flags = (crp->crp_flags & ~CRYPTO_F_DONE) | CRYPTO_F_CBIFSYNC;

	spin_lock_irq(&f->lock);
	r->state = CDEV_R_BUSY;
	f->inflight++;
	spin_unlock_irq(&f->lock);

	err = crypto_dispatch(crp);
	if (err) {
		/* Not queued: no callback will come. */
		spin_lock_irq(&f->lock);
		r->state = CDEV_R_IDLE;
		f->inflight--;
		wake_up_all(&f->wq);
		spin_unlock_irq(&f->lock);
		return err > 0 ? -err : err;
	}
	return 0;
}

/*
 * Dispatch and wait.  A session the framework migrated to another driver
 * answers EAGAIN with the new id in crp_sid: follow it and retry.
 */
int cdev_req_run(struct cdev_req *r)
{
	int tries, err;

	for (tries = 0; tries < 4; tries++) {
		err = cdev_req_dispatch(r);
		if (err)
			return err;
		err = cdev_req_wait(r);
		if (err)
			return err;	/* the callback owns r now */
		if (r->crp->crp_etype != EAGAIN && r->crp->crp_etype != -EAGAIN)
			return 0;
		WRITE_ONCE(r->ses->sid, r->crp->crp_sid);
	}
	return 0;
}

/*
 * Run and fold the request's own outcome into the result: 0, -EINTR when
 * the waiter was killed (the callback owns r then), or a negative errno.
 */
int cdev_req_exec(struct cdev_req *r)
{
	int err = cdev_req_run(r);

	if (err)
		return err;
	err = r->crp->crp_etype;
	return err > 0 ? -err : err;
}

/*
 * Wait for the callback, killably.  On a fatal signal the request is
 * left to the callback and -EINTR returned; the caller must not touch it.
 */
int cdev_req_wait(struct cdev_req *r)
{
	struct cdev_fd *f = r->fd;
	int err;

	err = wait_event_killable(r->wq, READ_ONCE(r->state) == CDEV_R_DONE);
	if (!err)
		return 0;
	spin_lock_irq(&f->lock);
	if (r->state == CDEV_R_DONE) {
		spin_unlock_irq(&f->lock);
		return 0;
	}
	r->state = CDEV_R_ORPHAN;
	spin_unlock_irq(&f->lock);
	return -EINTR;
}

void cdev_reap_zombies(struct cdev_fd *f)
{
	struct cdev_req *r, *tmp;
	LIST_HEAD(list);

	/* A racy peek is enough: a zombie missed now is reaped later. */
	if (list_empty(&f->zombies))
		return;
	spin_lock_irq(&f->lock);
	list_splice_init(&f->zombies, &list);
	spin_unlock_irq(&f->lock);
	list_for_each_entry_safe(r, tmp, &list, link) {
		list_del_init(&r->link);
		cdev_req_put(f, r);
	}
}

/* At release: wait for the framework, then free every request. */
void cdev_reqs_release(struct cdev_fd *f)
{
	struct cdev_req *r, *tmp;
	LIST_HEAD(list);

	wait_event(f->wq, READ_ONCE(f->inflight) == 0);
	/* The last callback may still hold the lock it woke us under. */
	spin_lock_irq(&f->lock);
	list_splice_init(&f->done, &list);
	list_splice_init(&f->zombies, &list);
	list_splice_init(&f->mreqs, &list);
	f->async_count = 0;
	f->mdone = 0;
	spin_unlock_irq(&f->lock);
	list_for_each_entry_safe(r, tmp, &list, link) {
		list_del_init(&r->link);
		cdev_req_release_data(r);
		cdev_req_free(r);
	}
	list_for_each_entry_safe(r, tmp, &f->free_reqs, link) {
		list_del(&r->link);
		cdev_req_free(r);
	}
	f->nfree = 0;
}
