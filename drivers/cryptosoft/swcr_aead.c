// SPDX-License-Identifier: GPL-2.0-only
/*
 * cryptosoft: AES-GCM, AES-CCM and GMAC through Linux's AEAD API.
 *
 * An AEAD request has two descriptors (the header's convention): the
 * cipher one names the payload and IV, the MAC one the AAD and where the
 * tag is.  Both become one AEAD call whose scatterlists are
 * AAD || payload || tag; the tag lives in the request allocation because
 * a scatterlist cannot point at the (vmapped) stack.
 */
#include <linux/slab.h>
#include <crypto/aead.h>
#include "swcr.h"

#define SWCR_TAG_LEN	16

static unsigned int swcr_gmac_keylen(int alg)
{
	switch (alg) {
	case CRYPTO_AES_128_GMAC:
		return 16;
	case CRYPTO_AES_192_GMAC:
		return 24;
	case CRYPTO_AES_256_GMAC:
		return 32;
	}
	return 0;	/* AES_GMAC: any AES key */
}

/* `cri` is the cipher (or the lone GMAC); `mac` the MAC half or NULL. */
int swcr_aead_init(struct swcr_xform *xf, const struct cryptoini *cri,
		   const struct cryptoini *mac)
{
	bool ccm = cri->cri_alg == CRYPTO_AES_CCM;
	unsigned int klen, aeskey, want;
	int err;

	if (cri->cri_klen % 8)
		return -EINVAL;
	klen = cri->cri_klen / 8;
	/* The MAC half names the same key, or none. */
	if (mac && mac->cri_klen &&
	    (mac->cri_klen != cri->cri_klen || !mac->cri_key ||
	     memcmp(mac->cri_key, cri->cri_key, klen)))
		return -EINVAL;

	aeskey = klen;
	if (!ccm && (klen == 20 || klen == 28 || klen == 36)) {
		/* RFC 4106/4543 form: key || 4-byte salt, 8-byte IV. */
		aeskey = klen - 4;
		xf->saltlen = 4;
		memcpy(xf->salt, (u8 *)cri->cri_key + aeskey, 4);
	}
	if (aeskey != 16 && aeskey != 24 && aeskey != 32)
		return -EINVAL;
	want = swcr_gmac_keylen(mac ? mac->cri_alg : cri->cri_alg);
	if (want && want != aeskey)
		return -EINVAL;

	xf->aead = crypto_alloc_aead(ccm ? "ccm(aes)" : "gcm(aes)", 0,
				     CRYPTO_ALG_ASYNC);
	if (IS_ERR(xf->aead)) {
		err = PTR_ERR(xf->aead);
		xf->aead = NULL;
		return err == -ENOENT ? -EINVAL : err;
	}
	err = crypto_aead_setauthsize(xf->aead, SWCR_TAG_LEN);
	if (!err)
		err = crypto_aead_setkey(xf->aead, cri->cri_key, aeskey);
	/* A failed allocation inside setkey is not a bad key. */
	if (err)
		return err == -ENOMEM ? err : -EINVAL;
	/* Short tags and other IV lengths (AEAD sessions only). */
	if (mac && ccm) {
		xf->aead_var = crypto_alloc_aead("ccm(aes)", 0,
						 CRYPTO_ALG_ASYNC);
		if (IS_ERR(xf->aead_var)) {
			err = PTR_ERR(xf->aead_var);
			xf->aead_var = NULL;
			return err;
		}
		err = crypto_aead_setkey(xf->aead_var, cri->cri_key, aeskey);
		if (err)
			return err == -ENOMEM ? err : -EINVAL;
	} else if (mac && !xf->saltlen) {
		err = swcr_gcm_init(xf, cri->cri_key, aeskey);
		if (err)
			return err;
	}
	xf->mlen = SWCR_TAG_LEN;
	xf->ivlen = ccm ? 16 : 12 - xf->saltlen;
	return 0;
}

void swcr_aead_free(struct swcr_xform *xf)
{
	if (xf->aead)
		crypto_free_aead(xf->aead);
	xf->aead = NULL;
	if (xf->aead_var)
		crypto_free_aead(xf->aead_var);
	xf->aead_var = NULL;
	swcr_gcm_free(xf);
}

/* Entries for AAD (always from the input) + payload of `pay` + tag. */
static int swcr_aead_nents(struct swcr_io *io, void *pay,
			   const struct swcr_aead_op *op)
{
	int a = 0, p = 0;

	if (op->aad_len)
		a = swcr_sg_count(io->flags, io->in, op->aad_off,
				  op->aad_len);
	if (op->pay_len)
		p = swcr_sg_count(io->flags, pay, op->pay_off, op->pay_len);
	if (a < 0 || p < 0)
		return -EINVAL;
	return a + p + 1;
}

static int swcr_aead_crypt(struct aead_request *req, bool enc)
{
	return enc ? crypto_aead_encrypt(req) : crypto_aead_decrypt(req);
}

/*
 * A short CCM tag is part of B0, so it needs its own authsize: the
 * second transform is set per request, under the session lock.
 */
static int swcr_aead_crypt_var(struct swcr_xform *xf,
			       struct aead_request *req, unsigned int tlen,
			       bool enc)
{
	int err;

	spin_lock_bh(&xf->lock);
	err = crypto_aead_setauthsize(xf->aead_var, tlen);
	if (!err)
		err = swcr_aead_crypt(req, enc);
	spin_unlock_bh(&xf->lock);
	return err;
}

static int swcr_aead_run(struct swcr_aead_op *op)
{
	struct swcr_io *io = op->io;
	struct swcr_xform *xf = op->xf;
	unsigned int tlen = op->tag_len;
	struct crypto_aead *tfm = tlen == SWCR_TAG_LEN ? xf->aead :
							 xf->aead_var;
	struct aead_request *req;
	struct swcr_sg src, dst;
	struct scatterlist *ssg, *dsg;
	bool inplace = io->in == io->out || op->pay_len == 0;
	unsigned int reqlen;
	u8 *tag;
	int n, err;

	if (!tfm)
		return -EINVAL;
	n = swcr_aead_nents(io, io->in, op);
	if (n < 0)
		return n;

	reqlen = sizeof(*req) + crypto_aead_reqsize(tfm);
	reqlen = ALIGN(reqlen, CRYPTO_MINALIGN);
	req = kzalloc(reqlen + SWCR_TAG_LEN, GFP_ATOMIC);
	if (!req)
		return -ENOMEM;
	tag = (u8 *)req + reqlen;

	if (!op->enc) {
		if (op->tag_off < 0)
			memcpy(tag, io->crp->crp_mac, tlen);
		else if (crypto_copydata(io->flags, io->in, op->tag_off,
					 tlen, tag)) {
			kfree_sensitive(req);
			return -EINVAL;
		}
	}

	dst.sg = NULL;
	err = swcr_sg_alloc(&src, n);
	if (err)
		goto out_req;
	err = swcr_sg_append(&src, io->flags, io->in, op->aad_off,
			     op->aad_len);
	if (!err)
		err = swcr_sg_append(&src, io->flags, io->in, op->pay_off,
				     op->pay_len);
	if (!err)
		err = swcr_sg_append_ptr(&src, tag, tlen);
	if (err)
		goto out_src;
	ssg = swcr_sg_finish(&src);
	dsg = ssg;
	if (!inplace) {
		n = swcr_aead_nents(io, io->out, op);
		err = n < 0 ? n : swcr_sg_alloc(&dst, n);
		if (err)
			goto out_src;
		/* AEAD skips the AAD in dst; it still has to be described. */
		err = swcr_sg_append(&dst, io->flags, io->in, op->aad_off,
				     op->aad_len);
		if (!err)
			err = swcr_sg_append(&dst, io->flags, io->out,
					     op->pay_off, op->pay_len);
		if (!err)
			err = swcr_sg_append_ptr(&dst, tag, tlen);
		if (err)
			goto out_dst;
		dsg = swcr_sg_finish(&dst);
	}

	aead_request_set_tfm(req, tfm);
	aead_request_set_callback(req, 0, NULL, NULL);
	aead_request_set_ad(req, op->aad_len);
	aead_request_set_crypt(req, ssg, dsg,
			       op->pay_len + (op->enc ? 0 : tlen),
			       (u8 *)op->iv);
	if (tlen == SWCR_TAG_LEN)
		err = swcr_aead_crypt(req, op->enc);
	else
		err = swcr_aead_crypt_var(xf, req, tlen, op->enc);
	if (!err && op->enc) {
		if (op->tag_off < 0) {
			memcpy(io->crp->crp_mac, tag, tlen);
		} else {
			err = crypto_copyback(io->flags, io->out, op->tag_off,
					      tlen, tag);
			err = err > 0 ? -err : err;
		}
	}
out_dst:
	if (dst.sg)
		swcr_sg_free(&dst);
out_src:
	swcr_sg_free(&src);
out_req:
	kfree_sensitive(req);
	return err;
}

/*
 * Tag and IV lengths of a request (the header's convention): the MAC
 * descriptor's crd_rnd is the tag length, the GCM cipher descriptor's
 * the IV length; 0 means 16 and 12.  CCM's nonce length is in its
 * counter block.
 */
static int swcr_aead_lengths(const struct swcr_xform *cxf,
			     struct swcr_aead_op *op)
{
	unsigned int t = op->tag_len;

	if (cxf->alg == CRYPTO_AES_CCM) {
		/* RFC 3610: M = 4, 6, ..., 16. */
		if (op->iv_len || t < 4 || t > 16 || t % 2)
			return -EINVAL;
		if (t != SWCR_TAG_LEN && !cxf->aead_var)
			return -EINVAL;
		return 0;
	}
	/* SP 800-38D 5.2.1.2: 128, 120, 112, 104, 96, 64 or 32 bits. */
	if (t != 4 && t != 8 && (t < 12 || t > 16))
		return -EINVAL;
	if (op->iv_len < 0)
		return -EINVAL;
	if (!op->iv_len)
		op->iv_len = 12;
	/* RFC 4106 form (salt in the key): 8-byte IV, full tag only. */
	if (cxf->saltlen)
		return op->iv_len == 12 && t == SWCR_TAG_LEN ? 0 : -EINVAL;
	if ((op->iv_len != 12 || t != SWCR_TAG_LEN) && !cxf->gcm_aes)
		return -EINVAL;
	return 0;
}

static bool swcr_ranges_overlap(int a, int alen, int b, int blen)
{
	return alen && blen && a < b + blen && b < a + alen;
}

int swcr_aead_process(struct swcr_xform *cxf, struct swcr_io *io,
		      struct cryptodesc *ccrd, struct cryptodesc *mcrd)
{
	struct swcr_aead_op op = {
		.xf = cxf,
		.io = io,
		.enc = ccrd->crd_flags & CRD_F_ENCRYPT,
		.aad_off = mcrd->crd_skip,
		.aad_len = mcrd->crd_len,
		.pay_off = ccrd->crd_skip,
		.pay_len = ccrd->crd_len,
		.tag_off = io->crp->crp_mac ? -1 : mcrd->crd_inject,
		.tag_len = mcrd->crd_rnd ? mcrd->crd_rnd : SWCR_TAG_LEN,
		.iv_len = ccrd->crd_rnd,
	};
	bool ccm = cxf->alg == CRYPTO_AES_CCM;
	bool own_gcm;
	u8 iv[16];
	int err;

	err = swcr_aead_lengths(cxf, &op);
	if (err)
		return err;
	own_gcm = !ccm && (op.iv_len != 12 || op.tag_len != SWCR_TAG_LEN);
	if (!swcr_range_ok(io->ilen, op.aad_off, op.aad_len) ||
	    !swcr_range_ok(io->ilen, op.pay_off, op.pay_len) ||
	    swcr_ranges_overlap(op.aad_off, op.aad_len, op.pay_off,
				op.pay_len))
		return -EINVAL;
	if (op.tag_off >= 0 &&
	    (!swcr_range_ok(io->ilen, op.tag_off, op.tag_len) ||
	     swcr_ranges_overlap(op.tag_off, op.tag_len, op.pay_off,
				 op.pay_len)))
		return -EINVAL;

	if (op.iv_len > EALG_MAX_BLOCK_LEN) {
		/* A long GCM IV can only be in the buffer, at crd_inject. */
		if ((ccrd->crd_flags & CRD_F_IV_EXPLICIT) ||
		    !(ccrd->crd_flags & CRD_F_IV_PRESENT) ||
		    !swcr_range_ok(io->ilen, ccrd->crd_inject, op.iv_len))
			return -EINVAL;
		op.iv_off = ccrd->crd_inject;
		err = swcr_gcm_run(&op);
		goto out;
	}
	memcpy(iv, cxf->salt, cxf->saltlen);
	err = swcr_get_iv(cxf, io, ccrd, iv + cxf->saltlen,
			  own_gcm ? op.iv_len : cxf->ivlen);
	if (err)
		return err;
	if (ccm && (iv[0] < 1 || iv[0] > 7))
		return -EINVAL;	/* flags byte: L - 1 */
	op.iv = iv;
	err = own_gcm ? swcr_gcm_run(&op) : swcr_aead_run(&op);
out:
	memzero_explicit(iv, sizeof(iv));
	if (!err)
		io->in = io->out;
	return err;
}

/* GMAC alone: a GCM tag over the range, with no payload. */
int swcr_gmac_process(struct swcr_xform *xf, struct swcr_io *io,
		      struct cryptodesc *crd)
{
	struct swcr_aead_op op = {
		.xf = xf,
		.io = io,
		.enc = true,
		.aad_off = crd->crd_skip,
		.aad_len = crd->crd_len,
		.tag_off = io->crp->crp_mac ? -1 : crd->crd_inject,
		.tag_len = SWCR_TAG_LEN,
	};
	u8 iv[16];
	int err;

	/* The nonce has no place in the buffer: it must be explicit. */
	if (!(crd->crd_flags & CRD_F_IV_EXPLICIT))
		return -EINVAL;
	if (!swcr_range_ok(io->ilen, op.aad_off, op.aad_len) ||
	    (op.tag_off >= 0 &&
	     !swcr_range_ok(io->ilen, op.tag_off, SWCR_TAG_LEN)))
		return -EINVAL;
	memcpy(iv, xf->salt, xf->saltlen);
	memcpy(iv + xf->saltlen, crd->crd_iv, xf->ivlen);
	op.iv = iv;
	err = swcr_aead_run(&op);
	memzero_explicit(iv, sizeof(iv));
	return err;
}
