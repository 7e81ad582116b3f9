/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the virtio-crypto test modules: the cipher table,
 * a synchronous OCF run that follows EAGAIN, and the Linux crypto API
 * reference the results are compared with.
 */
#ifndef _VIRTIO_TEST_H
#define _VIRTIO_TEST_H

#include <linux/completion.h>
#include <linux/jiffies.h>
#include <linux/random.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <crypto/skcipher.h>
#include <opencrypto/cryptodev.h>

struct vt_alg {
	int		alg;
	const char	*name;		/* Linux crypto API name */
	const char	*label;
	int		block;		/* length granularity */
	int		ivlen;
	int		klens[4];	/* 0-terminated */
};

static const struct vt_alg vt_algs[] = {
	{ CRYPTO_AES_CBC, "cbc(aes)", "aes-cbc", 16, 16, { 16, 24, 32 } },
	{ CRYPTO_AES_ECB, "ecb(aes)", "aes-ecb", 16, 0, { 16, 24, 32 } },
	{ CRYPTO_AES_CTR, "ctr(aes)", "aes-ctr", 1, 16, { 16, 24, 32 } },
	{ CRYPTO_AES_XTS, "xts(aes)", "aes-xts", 16, 16, { 32, 64 } },
	{ CRYPTO_3DES_CBC, "cbc(des3_ede)", "3des-cbc", 8, 8, { 24 } },
};

static inline void vt_cri(struct cryptoini *cri, int alg, const u8 *key,
			  int klen)
{
	memset(cri, 0, sizeof(*cri));
	cri->cri_alg = alg;
	cri->cri_klen = klen * 8;
	cri->cri_key = (void *)key;
}

static inline int vt_done_cb(struct cryptop *crp)
{
	complete(crp->crp_opaque);
	return 0;
}

struct vt_op {
	int		alg;
	bool		enc;
	const u8	*iv;		/* explicit IV, ivlen bytes */
	int		ivlen;
	int		bflags;		/* CRYPTO_F_* buffer type (and more) */
	void		*buf;
	void		*obuf;
	int		ilen;
	int		skip;
	int		len;
	int		extra_flags;	/* CRD_F_* added */
};

/*
 * Run one cipher descriptor on *sid and wait; EAGAIN (the session moved)
 * is followed with the new sid.  Returns 0 or a negative errno.
 */
static inline int vt_run(u64 *sid, const struct vt_op *op)
{
	struct completion *done;
	struct cryptop *crp;
	struct cryptodesc *crd;
	int tries, err = -EAGAIN;

	/* Not on the stack: a request that times out may still finish. */
	done = kmalloc(sizeof(*done), GFP_KERNEL);
	crp = crypto_getreq(1);
	if (!crp || !done) {
		kfree(done);
		if (crp)
			crypto_freereq(crp);
		return -ENOMEM;
	}
	init_completion(done);
	for (tries = 0; tries < 20 && err == -EAGAIN; tries++) {
		reinit_completion(done);
		crp->crp_sid = *sid;
		crp->crp_ilen = op->ilen;
		crp->crp_flags = op->bflags;
		crp->crp_buf = op->buf;
		crp->crp_obuf = op->obuf;
		crp->crp_etype = 0;
		crp->crp_callback = vt_done_cb;
		crp->crp_opaque = done;
		crd = crp->crp_desc;
		crd->crd_skip = op->skip;
		crd->crd_len = op->len;
		crd->crd_inject = 0;
		crd->crd_alg = op->alg;
		/* IV given, and not to be written into the buffer. */
		crd->crd_flags = (op->enc ? CRD_F_ENCRYPT : 0) |
				 CRD_F_IV_EXPLICIT | CRD_F_IV_PRESENT |
				 op->extra_flags;
		memset(crd->crd_iv, 0, sizeof(crd->crd_iv));
		if (op->ivlen)
			memcpy(crd->crd_iv, op->iv, op->ivlen);
		err = crypto_dispatch(crp);
		if (err)
			break;
		if (!wait_for_completion_timeout(done, 20 * HZ)) {
			/* Still owned by the framework: leak both. */
			return -ETIMEDOUT;
		}
		err = -crp->crp_etype;
		if (err == -EAGAIN)
			*sid = crp->crp_sid;
	}
	crypto_freereq(crp);
	kfree(done);
	return err;
}

/* The Linux crypto API's answer, in place over a linear buffer. */
static inline int vt_ref(const char *name, const u8 *key, int klen,
			 const u8 *iv, int ivlen, bool enc, u8 *buf, int len)
{
	struct crypto_skcipher *tfm;
	struct skcipher_request *req;
	struct scatterlist sg;
	u8 ivbuf[16] = { };
	int err;

	tfm = crypto_alloc_skcipher(name, 0, CRYPTO_ALG_ASYNC);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	err = crypto_skcipher_setkey(tfm, key, klen);
	if (err)
		goto out;
	req = skcipher_request_alloc(tfm, GFP_KERNEL);
	if (!req) {
		err = -ENOMEM;
		goto out;
	}
	if (ivlen)
		memcpy(ivbuf, iv, ivlen);
	sg_init_one(&sg, buf, len);
	skcipher_request_set_callback(req, 0, NULL, NULL);
	skcipher_request_set_crypt(req, &sg, &sg, len, ivbuf);
	err = enc ? crypto_skcipher_encrypt(req) :
		    crypto_skcipher_decrypt(req);
	skcipher_request_free(req);
out:
	crypto_free_skcipher(tfm);
	return err;
}

#endif /* _VIRTIO_TEST_H */
