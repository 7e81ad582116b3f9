// SPDX-License-Identifier: GPL-2.0-only
/*
 * CIOCASYNCCRYPT / CIOCASYNCFETCH: a request is prepared and dispatched
 * like CIOCCRYPT and finished (results copied out, pages released) when
 * it is fetched.  Completed requests are fetched in completion order;
 * poll() reports POLLIN when one is ready and POLLOUT while another may
 * be submitted.  Results are copied into the submitter's memory, so only
 * a thread of the submitting process may fetch (EPERM otherwise).
 */
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include "cdev.h"

int cdev_async_crypt(struct cdev_fd *f, const struct crypt_op *cop)
{
	struct cdev_req *r;
	int err;

	spin_lock_irq(&f->lock);
	if (f->async_count >= READ_ONCE(cdev_max_async)) {
		spin_unlock_irq(&f->lock);
		return -EBUSY;
	}
	f->async_count++;
	spin_unlock_irq(&f->lock);

	r = cdev_req_get(f);
	if (!r) {
		err = -ENOMEM;
		goto out_count;
	}
	err = cdev_crypt_prepare(f, r, cop);
	if (err)
		goto out_put;
	r->async = true;
	cdev_req_set_mm(r);
	if (!r->crp->crp_desc) {
		/* Nothing to run: complete at once. */
		spin_lock_irq(&f->lock);
		r->state = CDEV_R_DONE;
		list_add_tail(&r->link, &f->done);
		wake_up_all(&f->wq);
		spin_unlock_irq(&f->lock);
		return 0;
	}
	err = cdev_req_dispatch(r);
	if (err)
		goto out_put;
	return 0;

out_put:
	cdev_req_put(f, r);
out_count:
	spin_lock_irq(&f->lock);
	f->async_count--;
	spin_unlock_irq(&f->lock);
	return err;
}

int cdev_async_fetch(struct cdev_fd *f, struct crypt_op *cop)
{
	struct cdev_req *r;
	int err;

	spin_lock_irq(&f->lock);
	if (list_empty(&f->done)) {
		spin_unlock_irq(&f->lock);
		return -EBUSY;
	}
	r = list_first_entry(&f->done, struct cdev_req, link);
	if (r->mm != current->mm) {
		spin_unlock_irq(&f->lock);
		return -EPERM;
	}
	list_del_init(&r->link);
	f->async_count--;
	spin_unlock_irq(&f->lock);

	err = cdev_crypt_finish(r);
	*cop = r->uop;
	cdev_req_put(f, r);
	return err;
}
