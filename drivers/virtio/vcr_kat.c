// SPDX-License-Identifier: GPL-2.0-only
/*
 * ocf_virtio: known-answer checks at probe.  The device's advertised
 * algorithm bitmap is not the truth (QEMU 7.2 advertises only AES-CBC
 * and does more), so each candidate is run in both directions and
 * registered only when the device gets the published answer.
 */
#include <linux/completion.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "vcr.h"
#include "vcr_vectors.h"

struct vcr_kat_vec {
	int		ocf_alg;
	const u8	*key;
	unsigned int	klen;
	const u8	*iv;
	const u8	*pt;
	const u8	*ct;
	unsigned int	len;
};

/* NIST SP 800-38A, appendix F: AES-128 key and the first two blocks. */
static const u8 kat_aes_key[16] = {
	0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
	0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c,
};
static const u8 kat_aes_pt[32] = {
	0x6b, 0xc1, 0xbe, 0xe2, 0x2e, 0x40, 0x9f, 0x96,
	0xe9, 0x3d, 0x7e, 0x11, 0x73, 0x93, 0x17, 0x2a,
	0xae, 0x2d, 0x8a, 0x57, 0x1e, 0x03, 0xac, 0x9c,
	0x9e, 0xb7, 0x6f, 0xac, 0x45, 0xaf, 0x8e, 0x51,
};
/* F.1.1 ECB-AES128.Encrypt */
static const u8 kat_aes_ecb_ct[32] = {
	0x3a, 0xd7, 0x7b, 0xb4, 0x0d, 0x7a, 0x36, 0x60,
	0xa8, 0x9e, 0xca, 0xf3, 0x24, 0x66, 0xef, 0x97,
	0xf5, 0xd3, 0xd5, 0x85, 0x03, 0xb9, 0x69, 0x9d,
	0xe7, 0x85, 0x89, 0x5a, 0x96, 0xfd, 0xba, 0xaf,
};
/* F.2.1 CBC-AES128.Encrypt */
static const u8 kat_aes_cbc_iv[16] = {
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
	0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
};
static const u8 kat_aes_cbc_ct[32] = {
	0x76, 0x49, 0xab, 0xac, 0x81, 0x19, 0xb2, 0x46,
	0xce, 0xe9, 0x8e, 0x9b, 0x12, 0xe9, 0x19, 0x7d,
	0x50, 0x86, 0xcb, 0x9b, 0x50, 0x72, 0x19, 0xee,
	0x95, 0xdb, 0x11, 0x3a, 0x91, 0x76, 0x78, 0xb2,
};
/* F.5.1 CTR-AES128.Encrypt */
static const u8 kat_aes_ctr_iv[16] = {
	0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7,
	0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff,
};
static const u8 kat_aes_ctr_ct[32] = {
	0x87, 0x4d, 0x61, 0x91, 0xb6, 0x20, 0xe3, 0x26,
	0x1b, 0xef, 0x68, 0x64, 0x99, 0x0d, 0xb6, 0xce,
	0x98, 0x06, 0xf6, 0x6b, 0x79, 0x70, 0xfd, 0xff,
	0x86, 0x17, 0x18, 0x7b, 0xb9, 0xff, 0xfd, 0xff,
};


static const struct vcr_kat_vec vcr_kat_vecs[] = {
	{ CRYPTO_AES_CBC, kat_aes_key, 16, kat_aes_cbc_iv, kat_aes_pt,
	  kat_aes_cbc_ct, 32 },
	{ CRYPTO_AES_ECB, kat_aes_key, 16, NULL, kat_aes_pt,
	  kat_aes_ecb_ct, 32 },
	{ CRYPTO_AES_CTR, kat_aes_key, 16, kat_aes_ctr_iv, kat_aes_pt,
	  kat_aes_ctr_ct, 32 },
	/* CTR again over 20 bytes: the padded partial block. */
	{ CRYPTO_AES_CTR, kat_aes_key, 16, kat_aes_ctr_iv, kat_aes_pt,
	  kat_aes_ctr_ct, 20 },
	{ CRYPTO_AES_XTS, kat_xts_key, 32, kat_xts_iv, kat_xts_pt,
	  kat_xts_ct, 32 },
	{ CRYPTO_3DES_CBC, kat_3des_key, 24, kat_3des_iv, kat_3des_pt,
	  kat_3des_ct, 24 },
};

struct vcr_kat_wait {
	struct completion	done;
	int			err;
};

static void vcr_kat_done(struct vcr_req *req, int err)
{
	struct vcr_kat_wait *w = req->ctx;

	w->err = err;
	vcr_req_free(req);
	complete(&w->done);
}

/* One operation through the data queue, waited for. */
static int vcr_kat_op(struct vcr_dev *vd, const struct vcr_alg *alg,
		      int dir, u64 dev_id, const u8 *iv, const u8 *in,
		      u8 *out, unsigned int len)
{
	struct vcr_kat_wait w;
	struct vcr_req *req;
	int err;

	req = vcr_req_alloc(vd, 1, 1);
	if (!req)
		return -ENOMEM;
	init_completion(&w.done);
	w.err = -EIO;
	if (alg->ivlen)
		memcpy(req->iv, iv, alg->ivlen);
	sg_init_one(req->src, in, len);
	sg_init_one(req->dst, out, len);
	req->done = vcr_kat_done;
	req->ctx = &w;
	err = vcr_submit(vd, req, alg, dir, dev_id, len, 1, 1, false);
	if (err) {
		vcr_req_free(req);
		return err;
	}
	if (!wait_for_completion_timeout(&w.done,
					 msecs_to_jiffies(VCR_CTRL_TIMEOUT_MS))) {
		/* The device keeps the request: reset it to get it back. */
		dev_err(&vd->vdev->dev, "%s: %s request not answered\n",
			vd->name, alg->name);
		vcr_kill(vd);
		wait_for_completion(&w.done);
		return -EIO;
	}
	return w.err;
}

static int vcr_kat_vec_run(struct vcr_dev *vd, const struct vcr_alg *alg,
			   const struct vcr_kat_vec *v)
{
	static const int dirs[] = { VCR_ENC, VCR_DEC };
	u8 *in, *out;
	u64 id;
	int i, err = 0;

	/* Kernel memory the device may reach, not the rodata above. */
	in = kmalloc(2 * v->len, GFP_KERNEL);
	if (!in)
		return -ENOMEM;
	out = in + v->len;
	for (i = 0; i < ARRAY_SIZE(dirs) && !err; i++) {
		const u8 *src = dirs[i] == VCR_ENC ? v->pt : v->ct;
		const u8 *want = dirs[i] == VCR_ENC ? v->ct : v->pt;

		err = vcr_create_session(vd, alg, dirs[i], v->key, v->klen,
					 &id);
		if (err)
			break;
		memcpy(in, src, v->len);
		memset(out, 0, v->len);
		err = vcr_kat_op(vd, alg, dirs[i], id, v->iv, in, out, v->len);
		if (!err && memcmp(out, want, v->len))
			err = -EBADMSG;
		vcr_destroy_session(vd, id);
	}
	kfree(in);
	return err;
}

/* Whether the device computes @alg correctly in both directions. */
bool vcr_kat(struct vcr_dev *vd, const struct vcr_alg *alg)
{
	int i, n = 0, err;

	for (i = 0; i < ARRAY_SIZE(vcr_kat_vecs); i++) {
		if (vcr_kat_vecs[i].ocf_alg != alg->ocf_alg)
			continue;
		n++;
		err = vcr_kat_vec_run(vd, alg, &vcr_kat_vecs[i]);
		if (err) {
			dev_info(&vd->vdev->dev,
				 "%s: %s failed its known-answer check (%d, %u bytes): not offered\n",
				 vd->name, alg->name, err,
				 vcr_kat_vecs[i].len);
			return false;
		}
	}
	return n > 0;
}
