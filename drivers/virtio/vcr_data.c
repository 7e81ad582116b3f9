// SPDX-License-Identifier: GPL-2.0-only
/*
 * ocf_virtio: the data queue.  A request goes out as
 *   out: header (72 bytes), IV, source [, CTR padding]
 *   in:  destination [, CTR padding], status byte
 * and comes back through the queue's interrupt.  Every length the
 * header declares matches the buffers exactly: a mismatch puts the
 * device into NEEDS_RESET.
 */
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>
#include "vcr.h"

struct vcr_req *vcr_req_alloc(struct vcr_dev *vd, int nsrc, int ndst)
{
	struct vcr_req *req;

	if (nsrc <= 0 || ndst <= 0 || nsrc > VCR_MAX_SEGS ||
	    ndst > VCR_MAX_SEGS)
		return NULL;
	req = kzalloc(struct_size(req, sgs, nsrc + ndst), GFP_ATOMIC);
	if (!req)
		return NULL;
	req->vd = vd;
	req->src = req->sgs;
	req->dst = req->sgs + nsrc;
	return req;
}

void vcr_req_free(struct vcr_req *req)
{
	kfree_sensitive(req);	/* holds the IV */
}

int vcr_status_errno(u8 status)
{
	switch (status) {
	case VIRTIO_CRYPTO_OK:
		return 0;
	case VIRTIO_CRYPTO_BADMSG:
		return -EBADMSG;
	case VIRTIO_CRYPTO_NOTSUPP:
		return -EOPNOTSUPP;
	case VIRTIO_CRYPTO_INVSESS:
		return -EINVAL;
	default:
		return -EIO;
	}
}

/* Caller holds vd->lock; returns whether to notify the device. */
static bool vcr_kick_prepare(struct vcr_dev *vd)
{
	if (!vd->kick_pending)
		return false;
	vd->kick_pending = false;
	return virtqueue_kick_prepare(vd->dataq);
}

/*
 * Queue a prepared request: req->src and req->dst describe @len bytes
 * each (terminated lists of @nsrc and @ndst entries), req->iv holds the
 * device IV.  Returns 0 when the device has it (req->done runs later),
 * -ERESTART when the ring is full (crypto_unblock() follows once it
 * drains), or another negative errno; on error the caller keeps @req.
 */
int vcr_submit(struct vcr_dev *vd, struct vcr_req *req,
	       const struct vcr_alg *alg, int dir, u64 dev_id,
	       unsigned int len, int nsrc, int ndst, bool more)
{
	struct virtio_crypto_cipher_para *para;
	struct scatterlist *sgs[8];
	unsigned int pad = 0, devlen, nout = 0, nin = 0;
	unsigned long flags;
	bool notify = false;
	int err;

	if (len == 0 || len % alg->block)
		return -EINVAL;
	if (alg->stream && len % 16)
		pad = 16 - len % 16;	/* the device wants whole blocks */
	devlen = len + pad;
	if ((u64)alg->ivlen + 2ULL * devlen > vd->max_size || devlen > INT_MAX)
		return -E2BIG;
	if (!vd->indirect && nsrc + ndst + 5 > vd->ring_size)
		return -E2BIG;

	req->hdr.header.opcode = cpu_to_le32(dir == VCR_ENC ?
					     VIRTIO_CRYPTO_CIPHER_ENCRYPT :
					     VIRTIO_CRYPTO_CIPHER_DECRYPT);
	req->hdr.header.algo = cpu_to_le32(alg->dev_algo);
	req->hdr.header.session_id = cpu_to_le64(dev_id);
	req->hdr.u.sym_req.op_type = cpu_to_le32(VIRTIO_CRYPTO_SYM_OP_CIPHER);
	para = &req->hdr.u.sym_req.u.cipher.para;
	para->iv_len = cpu_to_le32(alg->ivlen);
	para->src_data_len = cpu_to_le32(devlen);
	para->dst_data_len = cpu_to_le32(devlen);
	req->status.status = VIRTIO_CRYPTO_ERR;

	sg_init_one(&req->sg_hdr, &req->hdr, sizeof(req->hdr));
	sgs[nout++] = &req->sg_hdr;
	if (alg->ivlen) {
		sg_init_one(&req->sg_iv, req->iv, alg->ivlen);
		sgs[nout++] = &req->sg_iv;
	}
	sgs[nout++] = req->src;
	if (pad) {
		sg_init_one(&req->sg_pad_out, req->pad_out, pad);
		sgs[nout++] = &req->sg_pad_out;
	}
	sgs[nout + nin++] = req->dst;
	if (pad) {
		sg_init_one(&req->sg_pad_in, req->pad_in, pad);
		sgs[nout + nin++] = &req->sg_pad_in;
	}
	sg_init_one(&req->sg_status, &req->status, sizeof(req->status));
	sgs[nout + nin++] = &req->sg_status;

	spin_lock_irqsave(&vd->lock, flags);
	if (vd->dead) {
		/* Withdrawing: the framework fails it with EAGAIN. */
		err = -ERESTART;
		goto out;
	}
	if (vd->inflight_limit && vd->inflight >= vd->inflight_limit)
		err = -ENOSPC;
	else
		err = virtqueue_add_sgs(vd->dataq, sgs, nout, nin, req,
					GFP_ATOMIC);
	if (err == -ENOSPC) {
		if (!vd->inflight) {
			err = -E2BIG;	/* would never fit */
			goto out;
		}
		vd->blocked = true;
		vd->stat_ring_full++;
		notify = vcr_kick_prepare(vd);
		err = -ERESTART;
		goto out;
	}
	if (err)
		goto out;
	vd->inflight++;
	vd->stat_requests++;
	vd->kick_pending = true;
	if (!more)
		notify = vcr_kick_prepare(vd);
	else if (!timer_pending(&vd->kick_timer))
		/* In case the promised requests never come. */
		mod_timer(&vd->kick_timer, jiffies + 1);
out:
	spin_unlock_irqrestore(&vd->lock, flags);
	if (notify)
		virtqueue_notify(vd->dataq);
	return err;
}

void vcr_kick_timer(struct timer_list *t)
{
	struct vcr_dev *vd = from_timer(vd, t, kick_timer);
	unsigned long flags;
	bool notify;

	spin_lock_irqsave(&vd->lock, flags);
	notify = !vd->dead && vcr_kick_prepare(vd);
	spin_unlock_irqrestore(&vd->lock, flags);
	if (notify)
		virtqueue_notify(vd->dataq);
}

/* The data queue's interrupt: finish what the device handed back. */
void vcr_dataq_done(struct virtqueue *vq)
{
	struct vcr_dev *vd = vq->vdev->priv;
	struct vcr_req *req, *list = NULL, **tail = &list;
	unsigned long flags;
	unsigned int len;
	bool unblock = false;

	spin_lock_irqsave(&vd->lock, flags);
	do {
		virtqueue_disable_cb(vq);
		while ((req = virtqueue_get_buf(vq, &len))) {
			req->next = NULL;
			*tail = req;
			tail = &req->next;
			vd->inflight--;
		}
	} while (!virtqueue_enable_cb(vq) && !virtqueue_is_broken(vq));
	if (list && vd->blocked) {
		vd->blocked = false;
		unblock = true;
	}
	spin_unlock_irqrestore(&vd->lock, flags);

	while (list) {
		int err;

		req = list;
		list = req->next;
		err = vcr_status_errno(req->status.status);
		if (err)
			vd->stat_errors++;
		req->done(req, err);
	}
	if (unblock && vd->driverid > 0)
		crypto_unblock(vd->driverid, CRYPTO_SYMQ);
}
