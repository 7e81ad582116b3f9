// SPDX-License-Identifier: GPL-2.0-only
/*
 * ocf_virtio: the control queue, which creates and destroys the
 * device's sessions.  Requests are rare and the callers may sleep, so
 * one buffer is reused under a mutex and the answer is polled.
 */
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/virtio.h>
#include "vcr.h"

struct vcr_ctrl_buf {
	struct virtio_crypto_op_ctrl_req	req;
	struct virtio_crypto_session_input	input;
	struct virtio_crypto_inhdr		status;
	u8					key[CRYPTO_CIPHER_MAX_KEY_LEN];
};

int vcr_ctrl_init(struct vcr_dev *vd)
{
	mutex_init(&vd->ctrl_mutex);
	vd->ctrl = kzalloc(sizeof(*vd->ctrl), GFP_KERNEL);
	return vd->ctrl ? 0 : -ENOMEM;
}

/* Only once the device is reset: it may still own the buffer before. */
void vcr_ctrl_free(struct vcr_dev *vd)
{
	kfree_sensitive(vd->ctrl);
	vd->ctrl = NULL;
}

/*
 * Send the prepared request and wait for the device to hand it back.
 * A device that does not answer in time is given up (reset and
 * withdrawn): it still owns the buffer, which must not be reused.
 */
static int vcr_ctrl_exec(struct vcr_dev *vd, struct scatterlist **sgs,
			 unsigned int nout, unsigned int nin)
{
	unsigned long deadline;
	unsigned int len;
	void *tok;
	int err;

	lockdep_assert_held(&vd->ctrl_mutex);
	if (READ_ONCE(vd->dead) || vd->ctrl_broken)
		return -ENODEV;
	err = virtqueue_add_sgs(vd->ctrlq, sgs, nout, nin, vd, GFP_KERNEL);
	if (err)
		return err == -ENOSPC ? -EBUSY : err;
	if (!virtqueue_kick(vd->ctrlq))
		goto broken;
	deadline = jiffies + msecs_to_jiffies(VCR_CTRL_TIMEOUT_MS);
	for (;;) {
		tok = virtqueue_get_buf(vd->ctrlq, &len);
		if (tok)
			return 0;
		if (virtqueue_is_broken(vd->ctrlq) || READ_ONCE(vd->dead) ||
		    time_after(jiffies, deadline))
			break;
		usleep_range(20, 100);
	}
broken:
	vd->ctrl_broken = true;
	dev_err(&vd->vdev->dev, "%s: control request not answered\n",
		vd->name);
	vcr_fail_device(vd);
	return -EIO;
}

static int vcr_ctrl_status_errno(u32 status)
{
	switch (status) {
	case VIRTIO_CRYPTO_OK:
		return 0;
	case VIRTIO_CRYPTO_NOTSUPP:
		return -EOPNOTSUPP;
	case VIRTIO_CRYPTO_NOSPC:
		return -ENOSPC;
	case VIRTIO_CRYPTO_INVSESS:
	case VIRTIO_CRYPTO_BADMSG:
	case VIRTIO_CRYPTO_KEY_REJECTED:
		return -EINVAL;
	default:
		return -EIO;
	}
}

/*
 * Create a one-direction cipher session.  The caller checked the key
 * length against the device's maximum: a longer key wedges the device.
 */
int vcr_create_session(struct vcr_dev *vd, const struct vcr_alg *alg,
		       int dir, const u8 *key, unsigned int klen, u64 *id)
{
	struct vcr_ctrl_buf *b = vd->ctrl;
	struct virtio_crypto_cipher_session_para *para;
	struct scatterlist out_hdr, out_key, in_input;
	struct scatterlist *sgs[3];
	int err;

	if (!klen || klen > vd->max_key || klen > sizeof(b->key))
		return -EINVAL;
	mutex_lock(&vd->ctrl_mutex);
	if (vd->dev_sessions >= VCR_DEV_SESSIONS) {
		err = -ENOSPC;
		goto out;
	}
	memset(&b->req, 0, sizeof(b->req));
	b->req.header.opcode =
		cpu_to_le32(VIRTIO_CRYPTO_CIPHER_CREATE_SESSION);
	b->req.header.algo = cpu_to_le32(alg->dev_algo);
	b->req.header.queue_id = 0;
	para = &b->req.u.sym_create_session.u.cipher.para;
	para->algo = cpu_to_le32(alg->dev_algo);
	para->keylen = cpu_to_le32(klen);
	para->op = cpu_to_le32(dir == VCR_ENC ? VIRTIO_CRYPTO_OP_ENCRYPT :
					       VIRTIO_CRYPTO_OP_DECRYPT);
	b->req.u.sym_create_session.op_type =
		cpu_to_le32(VIRTIO_CRYPTO_SYM_OP_CIPHER);
	memcpy(b->key, key, klen);
	memset(&b->input, 0, sizeof(b->input));
	b->input.status = cpu_to_le32(VIRTIO_CRYPTO_ERR);

	sg_init_one(&out_hdr, &b->req, sizeof(b->req));
	sg_init_one(&out_key, b->key, klen);
	sg_init_one(&in_input, &b->input, sizeof(b->input));
	sgs[0] = &out_hdr;
	sgs[1] = &out_key;
	sgs[2] = &in_input;
	err = vcr_ctrl_exec(vd, sgs, 2, 1);
	memzero_explicit(b->key, sizeof(b->key));
	if (err)
		goto out;
	err = vcr_ctrl_status_errno(le32_to_cpu(b->input.status));
	if (err)
		goto out;
	*id = le64_to_cpu(b->input.session_id);
	vd->dev_sessions++;
out:
	mutex_unlock(&vd->ctrl_mutex);
	return err;
}

/*
 * Destroy a session the device gave us (never any other id: QEMU
 * aborts on an unknown one).  Once the device is reset its sessions
 * are gone with it and only the count is dropped.
 */
int vcr_destroy_session(struct vcr_dev *vd, u64 id)
{
	struct vcr_ctrl_buf *b = vd->ctrl;
	struct scatterlist out_hdr, in_status;
	struct scatterlist *sgs[2];
	int err;

	mutex_lock(&vd->ctrl_mutex);
	if (READ_ONCE(vd->dead)) {
		err = 0;
		goto forget;
	}
	memset(&b->req, 0, sizeof(b->req));
	b->req.header.opcode =
		cpu_to_le32(VIRTIO_CRYPTO_CIPHER_DESTROY_SESSION);
	b->req.u.destroy_session.session_id = cpu_to_le64(id);
	b->status.status = VIRTIO_CRYPTO_ERR;
	sg_init_one(&out_hdr, &b->req, sizeof(b->req));
	sg_init_one(&in_status, &b->status, sizeof(b->status));
	sgs[0] = &out_hdr;
	sgs[1] = &in_status;
	err = vcr_ctrl_exec(vd, sgs, 1, 1);
	if (err)
		goto forget;	/* the device is being reset */
	err = vcr_ctrl_status_errno(b->status.status);
	if (err) {
		/* It may still hold the id: keep counting it. */
		dev_warn(&vd->vdev->dev, "%s: destroying session %llu: %d\n",
			 vd->name, id, err);
		goto out;
	}
forget:
	if (vd->dev_sessions)
		vd->dev_sessions--;
out:
	mutex_unlock(&vd->ctrl_mutex);
	return err;
}
