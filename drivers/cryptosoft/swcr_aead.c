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
	if (err)
		return -EINVAL;
	xf->mlen = SWCR_TAG_LEN;
	xf->ivlen = ccm ? 16 : 12 - xf->saltlen;
	return 0;
}

void swcr_aead_free(struct swcr_xform *xf)
{
	if (xf->aead)
		crypto_free_aead(xf->aead);
	xf->aead = NULL;
}

struct swcr_aead_op {
	struct swcr_xform	*xf;
	struct swcr_io		*io;
	bool			enc;
	int			aad_off, aad_len;
	int			pay_off, pay_len;
	int			tag_off;	/* -1: crp_mac */
	const u8		*iv;
};

/* Entries for AAD (always from the input) + payload of `pay` + tag. */
static int swcr_aead_nents(struct swcr_io *io, void *pay,
			   const struct swcr_aead_op *op)
{
	int a = 0, p = 0;

	if (op->aad_len)
		a = crypto_buf_sg_nents(io->flags, io->in, op->aad_off,
					op->aad_len);
	if (op->pay_len)
		p = crypto_buf_sg_nents(io->flags, pay, op->pay_off,
					op->pay_len);
	if (a < 0 || p < 0)
		return -EINVAL;
	return a + p + 1;
}

static int swcr_aead_run(struct swcr_aead_op *op)
{
	struct swcr_io *io = op->io;
	struct crypto_aead *tfm = op->xf->aead;
	struct aead_request *req;
	struct swcr_sg src, dst;
	struct scatterlist *ssg, *dsg;
	bool inplace = io->in == io->out || op->pay_len == 0;
	unsigned int reqlen;
	u8 *tag;
	int n, err;

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
			memcpy(tag, io->crp->crp_mac, SWCR_TAG_LEN);
		else if (crypto_copydata(io->flags, io->in, op->tag_off,
					 SWCR_TAG_LEN, tag)) {
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
		err = swcr_sg_append_ptr(&src, tag, SWCR_TAG_LEN);
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
			err = swcr_sg_append_ptr(&dst, tag, SWCR_TAG_LEN);
		if (err)
			goto out_dst;
		dsg = swcr_sg_finish(&dst);
	}

	aead_request_set_tfm(req, tfm);
	aead_request_set_callback(req, 0, NULL, NULL);
	aead_request_set_ad(req, op->aad_len);
	aead_request_set_crypt(req, ssg, dsg,
			       op->pay_len + (op->enc ? 0 : SWCR_TAG_LEN),
			       (u8 *)op->iv);
	err = op->enc ? crypto_aead_encrypt(req) : crypto_aead_decrypt(req);
	if (!err && op->enc) {
		if (op->tag_off < 0) {
			memcpy(io->crp->crp_mac, tag, SWCR_TAG_LEN);
		} else {
			err = crypto_copyback(io->flags, io->out, op->tag_off,
					      SWCR_TAG_LEN, tag);
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
	};
	u8 iv[16];
	int err;

	if (!swcr_range_ok(io->ilen, op.aad_off, op.aad_len) ||
	    !swcr_range_ok(io->ilen, op.pay_off, op.pay_len) ||
	    swcr_ranges_overlap(op.aad_off, op.aad_len, op.pay_off,
				op.pay_len))
		return -EINVAL;
	if (op.tag_off >= 0 &&
	    (!swcr_range_ok(io->ilen, op.tag_off, SWCR_TAG_LEN) ||
	     swcr_ranges_overlap(op.tag_off, SWCR_TAG_LEN, op.pay_off,
				 op.pay_len)))
		return -EINVAL;

	memcpy(iv, cxf->salt, cxf->saltlen);
	err = swcr_get_iv(cxf, io, ccrd, iv + cxf->saltlen, cxf->ivlen);
	if (err)
		return err;
	if (cxf->alg == CRYPTO_AES_CCM && (iv[0] < 1 || iv[0] > 7))
		return -EINVAL;	/* flags byte: L - 1 */
	op.iv = iv;
	err = swcr_aead_run(&op);
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
