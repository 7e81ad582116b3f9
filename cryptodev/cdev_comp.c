// SPDX-License-Identifier: GPL-2.0-only
/*
 * CIOCCOMP: compression and decompression on a DEFLATE_COMP,
 * DEFLATE_COMP_NOGROW or GZIP_COMP session.  The output goes to a kernel
 * buffer of the user's capacity (dst_len, at most the per-operation
 * limit), and dst_len returns the bytes produced.
 */
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "cdev.h"

static int cdev_comp_prepare(struct cdev_fd *f, struct cdev_req *r,
			     const struct crypt_comp_op *cco)
{
	struct cryptodesc *d = r->desc[0];
	struct cryptop *crp = r->crp;
	struct cdev_session *s;
	u32 cap = cco->dst_len;
	int err;

	if (cco->op != COP_COMP && cco->op != COP_DECOMP)
		return -EINVAL;
	if (cco->flags)
		return -EINVAL;
	if (cco->len > READ_ONCE(cdev_max_op_len))
		return -E2BIG;
	s = cdev_session_get(f, cco->ses);
	if (!s)
		return -EINVAL;
	r->ses = s;
	if (!s->cipher || s->cipher->kind != CDEV_K_COMP)
		return -EINVAL;
	if (!cap)
		return -ENOSPC;
	cap = min(cap, READ_ONCE(cdev_max_op_len));
	if (!cco->dst)
		return -EFAULT;

	err = cdev_kbuf(r, cco->len);
	if (err)
		return err;
	if (cco->len && copy_from_user(r->kbuf, cdev_uptr(cco->src), cco->len))
		return -EFAULT;
	r->obig = kvmalloc(cap, GFP_KERNEL);
	if (!r->obig)
		return -ENOMEM;
	r->obig_size = cap;

	memset(d, 0, offsetof(struct cryptodesc, crd_next));
	d->crd_len = cco->len;
	d->crd_alg = s->cipher->alg;
	d->crd_flags = cco->op == COP_COMP ? CRD_F_COMP : 0;
	d->crd_next = NULL;
	crp->crp_desc = d;
	crp->crp_sid = READ_ONCE(s->sid);
	crp->crp_flags = 0;
	crp->crp_buf = r->kbuf;
	crp->crp_ilen = cco->len;
	crp->crp_obuf = r->obig;
	crp->crp_olen = cap;
	crp->crp_mac = NULL;
	return 0;
}

int cdev_comp(struct cdev_fd *f, struct crypt_comp_op *cco)
{
	struct cdev_req *r = cdev_req_get(f);
	int err;

	if (!r)
		return -ENOMEM;
	err = cdev_comp_prepare(f, r, cco);
	if (err)
		goto out;
	err = cdev_req_exec(r);
	if (err == -EINTR)
		return err;	/* the callback owns r now */
	if (err)
		goto out;
	if (r->crp->crp_olen < 0 || r->crp->crp_olen > r->obig_size) {
		err = -EIO;	/* a driver bug: never copy past the buffer */
		goto out;
	}
	if (copy_to_user(cdev_uptr(cco->dst), r->obig, r->crp->crp_olen)) {
		err = -EFAULT;
		goto out;
	}
	cco->dst_len = r->crp->crp_olen;
out:
	cdev_req_put(f, r);
	return err;
}
