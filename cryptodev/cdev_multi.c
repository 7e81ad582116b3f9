// SPDX-License-Identifier: GPL-2.0-only
/*
 * The NetBSD multi-request ioctls: CIOCNGSESSION, CIOCNFSESSION,
 * CIOCNCRYPTM, CIOCNCRYPTRETM, CIOCNCRYPTRET, CIOCNFKEYM.  Every header
 * is { u32 count; u32 status-or-pad; pointer to an array }.  Arrays are
 * read into native kernel copies (widening 32-bit entries), processed
 * entry by entry with per-entry status, and written back.
 */
#include <linux/compat.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include "cdev.h"
#include "cdev_ucopy.h"

/* Most entries one call may carry. */
#define CDEV_MULTI_MAX	1024

struct mhdr32 {
	u32		count;
	u32		status;
	compat_uptr_t	arr;
};

struct session_n_op32 {
	u32		cipher;
	u32		mac;
	u32		keylen;
	compat_uptr_t	key;
	u32		mackeylen;
	compat_uptr_t	mackey;
	u32		ses;
	s32		status;
};

struct crypt_n_op32 {
	u32		ses;
	u16		op;
	u16		flags;
	u32		len;
	u32		reqid;
	s32		status;
	u32		keylen;
	compat_uptr_t	src;
	compat_uptr_t	dst;
	compat_uptr_t	mac;
	compat_uptr_t	iv;
	u64 __aligned(8)	opaque;
};

struct crypt_n_kop32 {
	u8		kop[CDEV_KOP32_SIZE];
	u32		reqid;
	s32		status;
	u64 __aligned(8)	opaque;
};

#define CIOCNGSESSION32		_IOWR('c', 117, struct mhdr32)
#define CIOCNFSESSION32		_IOW('c', 118, struct mhdr32)
#define CIOCNCRYPTM32		_IOWR('c', 119, struct mhdr32)
#define CIOCNCRYPTRETM32	_IOWR('c', 120, struct mhdr32)
#define CIOCNFKEYM32		_IOWR('c', 122, struct mhdr32)

#define P(x)	((__force __u8 *)compat_ptr(x))

/* The multi ioctls, by their native number. */
static unsigned int cdev_multi_native(unsigned int cmd, bool compat)
{
	if (!compat || cmd == CIOCNCRYPTRET)
		return cmd;
	switch (cmd) {
	case CIOCNGSESSION32:
		return CIOCNGSESSION;
	case CIOCNFSESSION32:
		return CIOCNFSESSION;
	case CIOCNCRYPTM32:
		return CIOCNCRYPTM;
	case CIOCNCRYPTRETM32:
		return CIOCNCRYPTRETM;
	case CIOCNFKEYM32:
		return CIOCNFKEYM;
	}
	return 0;
}

bool cdev_is_multi(unsigned int cmd, bool compat)
{
	switch (cdev_multi_native(cmd, compat)) {
	case CIOCNGSESSION: case CIOCNFSESSION: case CIOCNCRYPTM:
	case CIOCNCRYPTRETM: case CIOCNCRYPTRET: case CIOCNFKEYM:
		return true;
	}
	return false;
}

/* The entry size of each array, native and 32-bit. */
static size_t cdev_entry_size(unsigned int ncmd, bool compat)
{
	switch (ncmd) {
	case CIOCNGSESSION:
		return compat ? sizeof(struct session_n_op32) :
				sizeof(struct session_n_op);
	case CIOCNFSESSION:
		return sizeof(u32);
	case CIOCNCRYPTM:
		return compat ? sizeof(struct crypt_n_op32) :
				sizeof(struct crypt_n_op);
	case CIOCNCRYPTRETM:
		return sizeof(struct crypt_result);
	case CIOCNFKEYM:
		return compat ? sizeof(struct crypt_n_kop32) :
				sizeof(struct crypt_n_kop);
	}
	return 0;
}

static size_t cdev_native_size(unsigned int ncmd)
{
	return cdev_entry_size(ncmd, false);
}

/* Widen one 32-bit entry into its native form (native: a copy). */
static void cdev_widen(unsigned int ncmd, bool compat, void *n,
		       const void *c)
{
	switch (compat ? ncmd : 0) {
	case CIOCNGSESSION: {
		const struct session_n_op32 *s = c;
		struct session_n_op *d = n;

		d->cipher = s->cipher;
		d->mac = s->mac;
		d->keylen = s->keylen;
		d->key = P(s->key);
		d->mackeylen = s->mackeylen;
		d->mackey = P(s->mackey);
		d->ses = s->ses;
		d->status = s->status;
		break;
	}
	case CIOCNCRYPTM: {
		const struct crypt_n_op32 *s = c;
		struct crypt_n_op *d = n;

		d->ses = s->ses;
		d->op = s->op;
		d->flags = s->flags;
		d->len = s->len;
		d->reqid = s->reqid;
		d->status = s->status;
		d->keylen = s->keylen;
		d->src = P(s->src);
		d->dst = P(s->dst);
		d->mac = P(s->mac);
		d->iv = P(s->iv);
		d->opaque = s->opaque;
		break;
	}
	case CIOCNFKEYM: {
		const struct crypt_n_kop32 *s = c;
		struct crypt_n_kop *d = n;

		cdev_kop_widen(&d->kop, s->kop);
		d->reqid = s->reqid;
		d->status = s->status;
		d->opaque = s->opaque;
		break;
	}
	default:
		memcpy(n, c, cdev_native_size(ncmd));
	}
}

/* Narrow back the fields the kernel wrote. */
static void cdev_narrow(unsigned int ncmd, bool compat, void *c,
			const void *n)
{
	switch (compat ? ncmd : 0) {
	case CIOCNGSESSION: {
		const struct session_n_op *s = n;
		struct session_n_op32 *d = c;

		d->ses = s->ses;
		d->status = s->status;
		break;
	}
	case CIOCNCRYPTM: {
		const struct crypt_n_op *s = n;
		struct crypt_n_op32 *d = c;

		d->reqid = s->reqid;
		d->status = s->status;
		break;
	}
	case CIOCNFKEYM: {
		const struct crypt_n_kop *s = n;
		struct crypt_n_kop32 *d = c;

		cdev_kop_narrow(d->kop, &s->kop);
		d->reqid = s->reqid;
		d->status = s->status;
		break;
	}
	default:
		memcpy(c, n, cdev_native_size(ncmd));
	}
}

static int cdev_ngsession_one(struct cdev_fd *f, struct session_n_op *s)
{
	struct session_op sop = {
		.cipher = s->cipher, .mac = s->mac, .keylen = s->keylen,
		.key = s->key, .mackeylen = s->mackeylen, .mackey = s->mackey,
	};
	int err = cdev_gsession(f, &sop, NULL);

	s->ses = err ? 0 : sop.ses;
	s->status = -err;
	return err;
}

/* Entries from i on (below `end`) that name the same session as entry i. */
static u32 cdev_same_ses(const struct crypt_n_op *ops, u32 i, u32 end)
{
	u32 j = i + 1;

	while (j < end && ops[j].ses == ops[i].ses)
		j++;
	return j - i;
}

/*
 * CIOCNCRYPTM: the async slots of the whole call are reserved and its
 * requests taken from the cache in one lock hold, each run of entries
 * on one session looks it up once and takes the run's references in
 * one step, and every entry is prepared and dispatched while
 * the requests are still private to this call: one its driver finishes
 * inside crypto_dispatch() needs no lock, no wake-up and no file
 * reference.  Then all are published on f->mreqs (with their ids) under
 * one lock, where only those still running take a file reference.
 */
static void cdev_ncrypt_batch(struct cdev_fd *f, struct crypt_n_op *ops,
			      u32 count)
{
	unsigned int max = READ_ONCE(cdev_max_async);
	struct cdev_session *last = NULL;
	struct cdev_req *r, *tmp;
	LIST_HEAD(cached);
	LIST_HEAD(batch);
	u32 i, slots, queued = 0, running = 0, spare = 0;
	bool woke = false;
	int err;

	/* The call's slots and cached requests, in one lock hold. */
	spin_lock_irq(&f->lock);
	slots = f->async_count < max ? min(count, max - f->async_count) : 0;
	f->async_count += slots;
	cdev_req_take_cached(f, &cached, slots);
	spin_unlock_irq(&f->lock);
	cdev_req_reset_list(&cached);

	for (i = 0; i < count; i++) {
		struct crypt_n_op *n = &ops[i];
		struct crypt_op cop = {
			.ses = n->ses, .op = n->op, .flags = n->flags,
			.len = n->len, .src = n->src, .dst = n->dst,
			.mac = n->mac, .iv = n->iv,
		};

		n->reqid = 0;
		if (i >= slots) {
			n->status = EBUSY;
			continue;
		}
		/*
		 * The call's own reference on the session of this run of
		 * entries, plus one for each entry, unused ones put back.
		 */
		if (!last || last->id != n->ses) {
			if (last)
				cdev_session_put_many(last, spare + 1);
			last = cdev_session_get(f, n->ses);
			spare = 0;
			if (last) {
				spare = cdev_same_ses(ops, i, slots);
				cdev_session_get_many(last, spare);
			}
		}
		r = list_first_entry_or_null(&cached, struct cdev_req, link);
		if (r)
			list_del_init(&r->link);
		else
			r = cdev_req_get(f);
		if (!r) {
			n->status = ENOMEM;
			continue;
		}
		if (last)
			spare--;	/* now the request's */
		err = cdev_crypt_prepare_ses(r, &cop, last);
		if (!err) {
			r->async = true;
			r->multi = true;
			r->opaque = n->opaque;
			cdev_req_set_mm(r);
			r->midx = i;
			if (r->crp->crp_desc)
				err = cdev_req_dispatch(r);
			else
				r->state = CDEV_R_DONE;	/* nothing to run */
		}
		if (err) {
			cdev_req_put(f, r);
			n->status = -err;
			continue;
		}
		n->status = 0;
		list_add_tail(&r->batch, &batch);
		queued++;
	}
	if (last)
		cdev_session_put_many(last, spare + 1);
	cdev_req_put_list(f, &cached);

	spin_lock_irq(&f->lock);
	f->async_count -= slots - queued;
	list_for_each_entry_safe(r, tmp, &batch, batch) {
		list_del_init(&r->batch);
		if (++f->next_reqid == 0)
			f->next_reqid = 1;
		r->reqid = f->next_reqid;
		ops[r->midx].reqid = r->reqid;
		list_add_tail(&r->link, &f->mreqs);
		r->published = true;
		if (r->state == CDEV_R_DONE) {
			f->mdone++;
			woke = true;
		} else {
			running++;	/* its callback will count it */
		}
	}
	/* Under the lock: a callback seeing `published` finds the reference. */
	if (running)
		atomic_add(running, &f->refs);
	spin_unlock_irq(&f->lock);
	/* From here on, requests may be collected: none is touched. */
	if (woke && wq_has_sleeper(&f->wq))
		wake_up_all(&f->wq);
}

/* Finish one collected request into a result entry. */
static void cdev_collect(struct cdev_req *r, struct crypt_result *res)
{
	int err = cdev_crypt_finish(r);

	res->reqid = r->reqid;
	res->status = -err;
	res->opaque = r->opaque;
}

/* Take up to `max` completed requests of this process off the list. */
static unsigned int cdev_take_done(struct cdev_fd *f, struct list_head *out,
				   unsigned int max, u32 reqid, int *state)
{
	struct cdev_req *r, *tmp;
	unsigned int n = 0;

	*state = -EINVAL;
	spin_lock_irq(&f->lock);
	list_for_each_entry_safe(r, tmp, &f->mreqs, link) {
		if (n == max)
			break;
		if (reqid && r->reqid != reqid)
			continue;
		if (r->mm != current->mm) {
			*state = -EPERM;
			continue;
		}
		if (r->state != CDEV_R_DONE) {
			*state = -EINPROGRESS;
			continue;
		}
		list_move_tail(&r->link, out);
		f->mdone--;
		f->async_count--;
		n++;
	}
	spin_unlock_irq(&f->lock);
	return n;
}

static int cdev_multi_run(struct cdev_fd *f, unsigned int ncmd, void *arr,
			  u32 count, u32 *status)
{
	LIST_HEAD(done);
	struct cdev_req *r;
	unsigned int i, n;
	int err, state;

	*status = 0;
	switch (ncmd) {
	case CIOCNGSESSION:
		for (i = 0; i < count; i++) {
			struct session_n_op *sn = arr;

			err = cdev_ngsession_one(f, sn + i);
			if (err && !*status)
				*status = -err;
		}
		return 0;
	case CIOCNFSESSION:
		for (i = 0; i < count; i++) {
			err = cdev_fsession(f, ((u32 *)arr)[i]);
			if (err && !*status)
				*status = -err;
		}
		return 0;
	case CIOCNCRYPTM:
		cdev_ncrypt_batch(f, arr, count);
		return 0;
	case CIOCNCRYPTRETM:
		n = cdev_take_done(f, &done, count, 0, &state);
		i = 0;
		list_for_each_entry(r, &done, link)
			cdev_collect(r, (struct crypt_result *)arr + i++);
		cdev_req_put_list(f, &done);
		*status = n;	/* the header's count on the way out */
		return 0;
	case CIOCNFKEYM:
		for (i = 0; i < count; i++) {
			struct crypt_n_kop *k = (struct crypt_n_kop *)arr + i;

			spin_lock_irq(&f->lock);
			if (++f->next_reqid == 0)
				f->next_reqid = 1;
			k->reqid = f->next_reqid;
			spin_unlock_irq(&f->lock);
			k->status = -cdev_key(f, &k->kop, false);
			if (k->status == EINTR)
				return -EINTR;
		}
		return 0;
	}
	return -ENOTTY;
}

/*
 * CIOCNCRYPTM writes back only reqid and status of each entry: one pass
 * of two stores an entry instead of the whole array (64 bytes each).
 */
static int cdev_ncrypt_results_out(struct crypt_n_op __user *uarr,
				   const struct crypt_n_op *ops, u32 count)
{
	u32 i;

	if (!user_access_begin(uarr, count * sizeof(*ops)))
		return -EFAULT;
	for (i = 0; i < count; i++) {
		unsafe_put_user(ops[i].reqid, &uarr[i].reqid, fault);
		unsafe_put_user(ops[i].status, &uarr[i].status, fault);
	}
	user_access_end();
	return 0;
fault:
	user_access_end();
	return -EFAULT;
}

static long cdev_ncryptret(struct cdev_fd *f, void __user *uarg)
{
	struct crypt_result res;
	struct cdev_req *r;
	LIST_HEAD(done);
	int state;

	if (copy_from_user(&res, uarg, sizeof(res)))
		return -EFAULT;
	if (!res.reqid)
		return -EINVAL;
	if (!cdev_take_done(f, &done, 1, res.reqid, &state))
		return state;
	r = list_first_entry(&done, struct cdev_req, link);
	list_del_init(&r->link);
	cdev_collect(r, &res);
	cdev_req_put(f, r);
	return copy_to_user(uarg, &res, sizeof(res)) ? -EFAULT : 0;
}

/*
 * The kernel copy of a call's array: the file's spare one when it is
 * free and large enough (the usual 16 entries), saving an allocation
 * and a free per call; else its own.
 */
static void *cdev_marr_get(struct cdev_fd *f, size_t size)
{
	void *a = NULL;

	if (size <= CDEV_MARR_SIZE) {
		a = xchg(&f->marr, NULL);
		if (!a)
			a = kmalloc(CDEV_MARR_SIZE, GFP_KERNEL);
		return a;
	}
	return kvmalloc(size, GFP_KERNEL);
}

static void cdev_marr_put(struct cdev_fd *f, void *a, size_t size)
{
	if (a && size <= CDEV_MARR_SIZE && !cmpxchg(&f->marr, NULL, a))
		return;
	kvfree(a);
}

long cdev_multi_ioctl(struct file *filp, unsigned int cmd, void __user *uarg,
		      bool compat)
{
	struct cdev_fd *f = filp->private_data;
	unsigned int ncmd = cdev_multi_native(cmd, compat);
	size_t nsz = cdev_native_size(ncmd), usz, ksize = 0;
	struct crypt_sgop hdr;
	struct mhdr32 hdr32;
	void __user *uarr;
	void *karr = NULL, *carr = NULL;
	u32 count, status = 0, i;
	long ret;

	cdev_reap_zombies(f);
	if (ncmd == CIOCNCRYPTRET)
		return cdev_ncryptret(f, uarg);
	usz = cdev_entry_size(ncmd, compat);

	if (compat) {
		if (copy_from_user(&hdr32, uarg, sizeof(hdr32)))
			return -EFAULT;
		count = hdr32.count;
		uarr = compat_ptr(hdr32.arr);
	} else {
		if (copy_from_user(&hdr, uarg, sizeof(hdr)))
			return -EFAULT;
		count = hdr.count;
		uarr = cdev_uptr(hdr.sessions);
	}
	if (count > CDEV_MULTI_MAX)
		return -E2BIG;
	if (!count)
		goto out_hdr;

	/*
	 * Native arrays are read and written back as they are; 32-bit ones
	 * go through a copy in their own layout.  Results are copied out
	 * only as far as they were filled, every field set: no zeroing.
	 * Nothing in them is secret.
	 */
	ksize = count * nsz;
	karr = cdev_marr_get(f, ksize);
	if (compat)
		carr = kvmalloc_array(count, usz, GFP_KERNEL);
	ret = -ENOMEM;
	if (!karr || (compat && !carr))
		goto out;
	ret = -EFAULT;
	if (ncmd != CIOCNCRYPTRETM && !compat) {
		if (cdev_copy_in(karr, uarr, count * nsz))
			goto out;
	} else if (ncmd != CIOCNCRYPTRETM) {
		if (cdev_copy_in(carr, uarr, count * usz))
			goto out;
		for (i = 0; i < count; i++)
			cdev_widen(ncmd, compat, karr + i * nsz,
				   carr + i * usz);
	}

	ret = cdev_multi_run(f, ncmd, karr, count, &status);
	if (ret)
		goto out;

	/* Write the array back (results: only the entries filled). */
	if (ncmd == CIOCNCRYPTRETM) {
		ret = cdev_copy_out(uarr, karr, status * nsz);
		count = status;
		status = 0;
	} else if (ncmd == CIOCNCRYPTM && !compat) {
		ret = cdev_ncrypt_results_out(uarr, karr, count);
	} else if (ncmd != CIOCNFSESSION && !compat) {
		ret = cdev_copy_out(uarr, karr, count * nsz);
	} else if (ncmd != CIOCNFSESSION) {
		for (i = 0; i < count; i++)
			cdev_narrow(ncmd, compat, carr + i * usz,
				    karr + i * nsz);
		ret = cdev_copy_out(uarr, carr, count * usz);
	}
	if (ret)
		goto out;
out_hdr:
	/* Header: count (results) and status (sessions) at offsets 0, 4. */
	ret = 0;
	if (ncmd == CIOCNCRYPTRETM)
		ret = put_user(count, (u32 __user *)uarg);
	else if (ncmd == CIOCNGSESSION || ncmd == CIOCNFSESSION)
		ret = put_user(status, (u32 __user *)uarg + 1);
	ret = ret ? -EFAULT : 0;
out:
	cdev_marr_put(f, karr, ksize);
	kvfree(carr);
	return ret;
}
