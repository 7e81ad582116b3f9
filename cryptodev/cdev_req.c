// SPDX-License-Identifier: GPL-2.0-only
/*
 * Request life cycle.  A request is taken from the file's cache (or
 * allocated once), dispatched to the framework, and completed by the
 * callback, which may run in any context: it only flips the state and
 * wakes someone.  When a synchronous driver completes the request inside
 * crypto_dispatch() the callback runs in the dispatching thread itself,
 * and then needs neither the lock nor a wake-up.  Everything that may
 * sleep (unpinning pages, copying to the user, dropping the session)
 * happens in the ioctl that waits or fetches, or at release.  A waiter
 * killed mid-operation leaves its request orphaned; the callback parks
 * it on the zombie list, reaped later in process context.  Release does
 * not wait: requests still in the framework keep the file's state
 * (sessions included) alive, and the last callback has it freed in
 * process context (cdev_main.c).
 */
#include <linux/ktime.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/sched/clock.h>
#include <linux/sched/mm.h>
#include <linux/sched/stat.h>
#include <linux/mm.h>
#include <linux/kmemleak.h>
#include "cdev.h"

/*
 * Requests that may complete after their ioctl returned (asynchronous,
 * multi-request once published, orphaned) hold a reference on the file's
 * state; a synchronous one does not need it: its ioctl holds the file.
 */
static int cdev_req_done(struct cryptop *crp)
{
	struct cdev_req *r = crp->crp_opaque;
	struct cdev_fd *f = r->fd;
	unsigned long flags;
	bool async, put = false;

	/*
	 * In the dispatching thread (inside its crypto_dispatch()), on a
	 * request nobody else can see yet: no lock, no wake-up, no put.
	 */
	if (in_task() && READ_ONCE(r->task) == current &&
	    (!r->async || (r->multi && !r->published))) {
		r->inline_done = true;
		r->state = CDEV_R_DONE;
		return 0;
	}
	async = r->async;
	spin_lock_irqsave(&f->lock, flags);
	if (r->state == CDEV_R_ORPHAN) {
		list_add_tail(&r->link, &f->zombies);
		put = true;
	} else if (r->multi) {
		/* Stays on f->mreqs; unpublished, the publisher counts it. */
		if (r->published) {
			f->mdone++;
			put = true;
		}
	} else if (async) {
		list_add_tail(&r->link, &f->done);
		put = true;
	}
	r->state = CDEV_R_DONE;
	if (!async)
		wake_up_all(&r->wq);
	/* Whoever frees r takes the lock first: r is ours until here. */
	spin_unlock_irqrestore(&f->lock, flags);
	/* Pollers check under f->lock after queueing: no wake-up is lost. */
	if (async && put && wq_has_sleeper(&f->wq))
		wake_up_all(&f->wq);
	if (put)
		cdev_fd_put(f);
	return 0;
}

/*
 * A request and its first copy buffer share pages of their own, not
 * slab memory: every copy to or from the user (data, IV, MAC) is then
 * checked by hardened usercopy without a slab-object walk.  A larger
 * copy buffer (up to CDEV_BOUNCE_MAX) comes from the page allocator
 * too.  All of it is wiped when freed.  kmemleak is told about the
 * request's page, as it holds the only pointers to the cryptop and to
 * per-operation allocations.
 */
#define CDEV_REQ_ORDER	get_order(sizeof(struct cdev_req) + CDEV_BOUNCE_MIN)
#define CDEV_REQ_HEAD	ALIGN(sizeof(struct cdev_req), SMP_CACHE_BYTES)

static u8 *cdev_bounce_inline(struct cdev_req *r)
{
	return (u8 *)r + CDEV_REQ_HEAD;
}

static void cdev_bounce_free(struct cdev_req *r)
{
	if (r->bounce == cdev_bounce_inline(r))
		return;
	memzero_explicit(r->bounce, r->bounce_size);
	free_pages((unsigned long)r->bounce, get_order(r->bounce_size));
}

/* Grow the request's cached copy to `size` (at most CDEV_BOUNCE_MAX). */
bool cdev_bounce_fit(struct cdev_req *r, size_t size)
{
	unsigned int order;
	struct page *pg;

	if (size <= r->bounce_size)
		return true;
	if (size > CDEV_BOUNCE_MAX)
		return false;
	order = get_order(size);
	pg = alloc_pages(GFP_KERNEL | __GFP_COMP | __GFP_NOWARN, order);
	if (!pg)
		return false;
	cdev_bounce_free(r);
	r->bounce = page_address(pg);
	r->bounce_size = PAGE_SIZE << order;
	return true;
}

static void cdev_req_free(struct cdev_req *r)
{
	crypto_freereq(r->crp);
	cdev_bounce_free(r);
	kmemleak_free(r);
	memzero_explicit(r, PAGE_SIZE << CDEV_REQ_ORDER);
	free_pages((unsigned long)r, CDEV_REQ_ORDER);
}

static struct cdev_req *cdev_req_alloc(struct cdev_fd *f)
{
	struct page *pg = alloc_pages(GFP_KERNEL | __GFP_ZERO | __GFP_COMP,
				      CDEV_REQ_ORDER);
	struct cdev_req *r;

	if (!pg)
		return NULL;
	r = page_address(pg);
	/* Scanned for pointers, never reported itself (min_count 0). */
	kmemleak_alloc(r, PAGE_SIZE << CDEV_REQ_ORDER, 0, GFP_KERNEL);
	r->bounce = cdev_bounce_inline(r);
	r->bounce_size = (PAGE_SIZE << CDEV_REQ_ORDER) - CDEV_REQ_HEAD;
	r->crp = crypto_getreq(2);
	if (!r->crp) {
		kmemleak_free(r);
		free_pages((unsigned long)r, CDEV_REQ_ORDER);
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
	INIT_LIST_HEAD(&r->batch);
	return r;
}

static void cdev_req_reset(struct cdev_req *r)
{
	r->state = CDEV_R_IDLE;
	r->inline_done = false;
	r->async = false;
	r->multi = false;
	r->published = false;
	r->mm = NULL;
	r->ses = NULL;
	r->big = NULL;
	r->obig = NULL;
	r->kbuf = NULL;
	r->utag = NULL;
	r->pinned = false;
	r->src.npages = 0;
	r->dst.npages = 0;
	r->udst = NULL;
	r->ulen = 0;
	r->want_mac = false;
	r->want_iv = false;
}

/*
 * A request: the hot one (with the session reference it may keep), a
 * cached one, or a new one.
 */
static struct cdev_req *cdev_req_take(struct cdev_fd *f)
{
	struct cdev_req *r = xchg(&f->hot, NULL);

	if (!r) {
		spin_lock_irq(&f->lock);
		r = list_first_entry_or_null(&f->free_reqs, struct cdev_req,
					     link);
		if (r) {
			list_del(&r->link);
			f->nfree--;
		}
		spin_unlock_irq(&f->lock);
	}
	if (!r)
		r = cdev_req_alloc(f);
	return r;
}

struct cdev_req *cdev_req_get(struct cdev_fd *f)
{
	struct cdev_req *r = cdev_req_take(f);

	if (r) {
		if (r->ses)
			cdev_session_put(r->ses);
		cdev_req_reset(r);
	}
	return r;
}

/*
 * A request and a reference on session `id` (NULL when there is none):
 * the one the hot request kept when it names that session and has not
 * been freed, else a look-up.  The common case, one session per file,
 * then takes no reference and walks no table.
 */
struct cdev_req *cdev_req_get_ses(struct cdev_fd *f, u32 id,
				  struct cdev_session **ses)
{
	struct cdev_req *r = cdev_req_take(f);
	struct cdev_session *s;

	if (!r)
		return NULL;
	s = r->ses;
	if (s && (s->id != id || READ_ONCE(s->dead))) {
		cdev_session_put(s);
		s = NULL;
	}
	cdev_req_reset(r);
	*ses = s ? s : cdev_session_get(f, id);
	return r;
}

/*
 * Up to n cached requests onto `list` (via ->link), f->lock held; the
 * caller resets them (cdev_req_reset_list()) after dropping the lock.
 */
unsigned int cdev_req_take_cached(struct cdev_fd *f, struct list_head *list,
				  unsigned int n)
{
	struct cdev_req *r;
	unsigned int got = 0;

	lockdep_assert_held(&f->lock);
	while (got < n && !list_empty(&f->free_reqs)) {
		r = list_first_entry(&f->free_reqs, struct cdev_req, link);
		list_move_tail(&r->link, list);
		f->nfree--;
		got++;
	}
	return got;
}

void cdev_req_reset_list(struct list_head *list)
{
	struct cdev_req *r;

	list_for_each_entry(r, list, link)
		cdev_req_reset(r);
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
	/*
	 * The cached copy is not wiped per operation: it is the file's own,
	 * every operation copies out only bytes it wrote, and it is wiped
	 * when replaced or freed.
	 */
	r->kbuf = NULL;
	/* Dispatched or not, written pages are treated as dirty. */
	if (r->src.npages || r->dst.npages) {
		cdev_unpin(&r->src, true);
		cdev_unpin(&r->dst, true);
	}
	r->pinned = false;
	if (r->ses) {
		cdev_session_put(r->ses);
		r->ses = NULL;
	}
	if (r->mm) {
		if (r->mm_held)
			mmdrop(r->mm);
		r->mm = NULL;
	}
	if (r->crp->crp_mac) {
		memzero_explicit(r->mac, sizeof(r->mac));
		r->crp->crp_mac = NULL;
	}
}

/*
 * Record the submitter for the fetch check.  The file keeps its first
 * submitter's mm (its struct only, not the address space) until it is
 * freed, so that mm cannot be freed and its address reused by another
 * process while a request names it: requests of that process need no
 * reference of their own; any other process's take one each.
 */
void cdev_req_set_mm(struct cdev_req *r)
{
	struct mm_struct *mm = current->mm;
	struct cdev_fd *f = r->fd;
	struct mm_struct *owner = READ_ONCE(f->mm_owner);

	if (!owner) {
		mmgrab(mm);
		owner = cmpxchg(&f->mm_owner, NULL, mm);
		if (owner)
			mmdrop(mm);	/* another thread set it first */
		else
			owner = mm;
	}
	r->mm = mm;
	r->mm_held = mm != owner;
	if (r->mm_held)
		mmgrab(mm);
}

/*
 * Put back the requests on `list` (via ->link), one lock for all.
 * Session references go back in one step per run of requests on the
 * same session.
 */
void cdev_req_put_list(struct cdev_fd *f, struct list_head *list)
{
	struct cdev_session *s = NULL;
	struct cdev_req *r, *tmp;
	unsigned int nses = 0;
	LIST_HEAD(extra);

	list_for_each_entry(r, list, link) {
		if (r->ses && r->ses != s) {
			if (s)
				cdev_session_put_many(s, nses);
			s = r->ses;
			nses = 0;
		}
		if (r->ses) {
			nses++;
			r->ses = NULL;
		}
		cdev_req_release_data(r);
	}
	if (s)
		cdev_session_put_many(s, nses);
	if (list_empty(list))
		return;
	spin_lock_irq(&f->lock);
	list_for_each_entry_safe(r, tmp, list, link) {
		if (f->nfree < CDEV_REQ_CACHE) {
			list_move(&r->link, &f->free_reqs);
			f->nfree++;
		} else {
			list_move(&r->link, &extra);
		}
	}
	spin_unlock_irq(&f->lock);
	list_for_each_entry_safe(r, tmp, &extra, link)
		cdev_req_free(r);
}

/*
 * Into the hot slot (keeping r->ses) or the cache (without it).  A
 * session freed meanwhile is not kept: cdev_fsession() marks it dead,
 * then looks at the slot; this stores the slot, then looks at the mark
 * (both through fully ordered atomics), so one of them drops it.  RCU
 * keeps the session readable once r is visible to other threads.
 */
static void cdev_req_park(struct cdev_fd *f, struct cdev_req *r)
{
	struct cdev_session *s = r->ses;
	bool dead;

	rcu_read_lock();
	if (!cmpxchg(&f->hot, NULL, r)) {
		dead = s && READ_ONCE(s->dead);
		rcu_read_unlock();
		if (dead)
			cdev_req_drop_dead_ses(f);
		return;
	}
	rcu_read_unlock();
	if (s) {
		cdev_session_put(s);
		r->ses = NULL;
	}
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

/* The hot request's session reference, if that session was freed. */
void cdev_req_drop_dead_ses(struct cdev_fd *f)
{
	struct cdev_req *r = xchg(&f->hot, NULL);

	if (!r)
		return;		/* its taker checks the mark */
	if (r->ses && READ_ONCE(r->ses->dead)) {
		cdev_session_put(r->ses);
		r->ses = NULL;
	}
	cdev_req_park(f, r);
}

/* Keeps the session for the next request; cdev_req_park() drops a dead one. */
void cdev_req_put(struct cdev_fd *f, struct cdev_req *r)
{
	struct cdev_session *s = r->ses;

	r->ses = NULL;
	cdev_req_release_data(r);
	r->ses = s;
	cdev_req_park(f, r);
}

/*
 * Hand the prepared crp to the framework; the callback will run once.
 * CIOCASYNCCRYPT's requests take their file reference here, published
 * multi-request entries when they are published (cdev_multi.c).
 */
int cdev_req_dispatch(struct cdev_req *r)
{
	struct cdev_fd *f = r->fd;
	struct cryptop *crp = r->crp;
	bool ref = r->async && !r->multi;
	int err;

	crp->crp_callback = cdev_req_done;
	crp->crp_opaque = r;
	crp->crp_etype = 0;
	/*
	 * The callback is safe in any context: let it run where the request
	 * completes (inline on a synchronous driver, in a device's
	 * interrupt), sparing a trip through the completion worker (a
	 * wake-up and two context switches, ~40 us under QEMU TCG).
	 */
	crp->crp_flags = (crp->crp_flags & ~CRYPTO_F_DONE) |
			 CRYPTO_F_CBIFSYNC | CRYPTO_F_CBIMM;

	r->state = CDEV_R_BUSY;
	r->inline_done = false;
	r->task = current;
	if (ref)
		atomic_inc(&f->refs);

	err = crypto_dispatch(crp);
	if (err) {
		/* Not queued: no callback will come. */
		r->state = CDEV_R_IDLE;
		if (ref)
			cdev_fd_put(f);
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
 * How long to poll: twice what this file's waits took lately, up to
 * poll_max_us; a device slower than that is slept on at once.
 */
static u64 cdev_poll_budget(struct cdev_fd *f)
{
	u64 max = (u64)READ_ONCE(cdev_poll_max_us) * NSEC_PER_USEC;
	u64 avg = READ_ONCE(f->dev_wait_ns);

	if (avg > max)
		return 0;
	return avg ? min(2 * avg, max) : max;
}

/* A moving average, 1/8 per sample; racing updates lose a sample. */
static void cdev_note_wait(struct cdev_fd *f, u64 ns)
{
	u32 old = READ_ONCE(f->dev_wait_ns);
	u32 v = min_t(u64, ns, U32_MAX / 2);

	WRITE_ONCE(f->dev_wait_ns, old ? old - old / 8 + v / 8 : v);
}

/*
 * A device completes on the CPU that takes its interrupt.  Waking a
 * waiter asleep on another CPU then adds a second wake-up to the
 * device's own, which under QEMU (a halted vCPU is a sleeping host
 * thread) costs as much as the device's work on 64 KiB.  So a wait
 * expected to be short polls first, as KVM's halt polling does, while
 * nothing else wants this CPU.
 */
static atomic_t cdev_pollers = ATOMIC_INIT(0);

/*
 * One waiter polls at a time; the others sleep.  Polling on every CPU
 * leaves none for the device's own work where that shares the host's
 * CPUs (under QEMU TCG, 6.12, AES-128-CBC 64 KiB on virtio-crypto, two
 * processes: 4300 requests/s with all waiters polling, 5700 with none).
 */
static bool cdev_req_poll(struct cdev_req *r, u64 start)
{
	u64 budget = cdev_poll_budget(r->fd);
	bool done = false;

	if (!budget || atomic_inc_return(&cdev_pollers) > 1)
		goto out;
	for (;;) {
		if (READ_ONCE(r->state) == CDEV_R_DONE) {
			done = true;
			break;
		}
		if (need_resched() || !single_task_running() ||
		    local_clock() - start > budget)
			break;
		cpu_relax();
	}
out:
	if (budget)
		atomic_dec(&cdev_pollers);
	return done;
}

/*
 * Wait for the callback, killably.  On a fatal signal the request is
 * left to the callback and -EINTR returned; the caller must not touch it.
 */
int cdev_req_wait(struct cdev_req *r)
{
	struct cdev_fd *f = r->fd;
	u64 start, now;
	int err = 0;

	if (r->inline_done)
		return 0;	/* the callback ran in our dispatch */
	/*
	 * local_clock(): the kernel's clock may be slow to read (the HPET
	 * of 6.1 under QEMU TCG, where the poll loop's reads were half a
	 * waiting process's time); a wake-up on another CPU skews the
	 * sample a little, and it only steers the poll budget.
	 */
	start = local_clock();
	if (!cdev_req_poll(r, start))
		err = wait_event_killable(r->wq,
					  READ_ONCE(r->state) == CDEV_R_DONE);
	if (!err) {
		now = local_clock();
		cdev_note_wait(f, now > start ? now - start : 0);
		/* Let the callback leave its critical section on r. */
		spin_lock_irq(&f->lock);
		spin_unlock_irq(&f->lock);
		return 0;
	}
	spin_lock_irq(&f->lock);
	if (r->state == CDEV_R_DONE) {
		spin_unlock_irq(&f->lock);
		return 0;
	}
	r->state = CDEV_R_ORPHAN;
	/* The callback's reference, now that the ioctl may end first. */
	atomic_inc(&f->refs);
	/* This task may exit and its address be reused by the callback's. */
	WRITE_ONCE(r->task, NULL);
	spin_unlock_irq(&f->lock);
	return -EINTR;
}

void cdev_reap_zombies_now(struct cdev_fd *f)
{
	struct cdev_req *r, *tmp;
	LIST_HEAD(list);

	spin_lock_irq(&f->lock);
	list_splice_init(&f->zombies, &list);
	spin_unlock_irq(&f->lock);
	list_for_each_entry_safe(r, tmp, &list, link) {
		list_del_init(&r->link);
		cdev_req_put(f, r);
	}
}

/* Once nothing is in flight: free every request. */
void cdev_reqs_release(struct cdev_fd *f)
{
	struct cdev_req *r, *tmp;
	LIST_HEAD(list);

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
	if (f->hot) {
		if (f->hot->ses)
			cdev_session_put(f->hot->ses);
		cdev_req_free(f->hot);
	}
	f->hot = NULL;
}
