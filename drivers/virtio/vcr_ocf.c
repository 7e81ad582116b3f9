// SPDX-License-Identifier: GPL-2.0-only
/*
 * ocf_virtio: the OCF entry points (newsession, freesession, process).
 * Everything a request asks for is checked here, before the device
 * sees it: the device answers a malformed request by wedging.
 */
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "vcr.h"

/* The device's key length for a consumer key, or 0 when refused. */
static unsigned int vcr_dev_klen(const struct vcr_alg *alg,
				 unsigned int klen, bool *rfc3686)
{
	*rfc3686 = false;
	switch (alg->ocf_alg) {
	case CRYPTO_AES_CBC:
	case CRYPTO_AES_ECB:
		return klen == 16 || klen == 24 || klen == 32 ? klen : 0;
	case CRYPTO_AES_CTR:
		if (klen == 16 || klen == 24 || klen == 32)
			return klen;
		/* RFC 3686: key || 4-byte nonce, as cryptosoft takes it. */
		if (klen == 20 || klen == 28 || klen == 36) {
			*rfc3686 = true;
			return klen - 4;
		}
		return 0;
	case CRYPTO_AES_XTS:
		return klen == 32 || klen == 64 ? klen : 0;
	case CRYPTO_3DES_CBC:
		return klen == 24 ? klen : 0;
	}
	return 0;
}

int vcr_newsession(void *arg, u32 *lid, struct cryptoini *cri)
{
	struct vcr_dev *vd = arg;
	const struct vcr_alg *alg;
	struct vcr_ses *ses;
	unsigned int klen, dklen;
	bool rfc3686;
	u32 id;
	int err;

	if (!lid || !cri || cri->cri_next)
		return -EINVAL;
	alg = vcr_find_alg(cri->cri_alg);
	if (!alg || !vd->alg_ok[alg->ocf_alg])
		return -EINVAL;
	if (cri->cri_klen <= 0 || cri->cri_klen % 8 || !cri->cri_key)
		return -EINVAL;
	klen = cri->cri_klen / 8;
	dklen = vcr_dev_klen(alg, klen, &rfc3686);
	/* A key over the device's maximum puts it into NEEDS_RESET. */
	if (!dklen || dklen > vd->max_key)
		return -EINVAL;

	ses = kzalloc(sizeof(*ses), GFP_KERNEL);
	if (!ses)
		return -ENOMEM;
	ses->alg = alg;
	ses->rfc3686 = rfc3686;
	ses->ivlen = rfc3686 ? 8 : alg->ivlen;
	if (rfc3686)
		memcpy(ses->nonce, (u8 *)cri->cri_key + dklen, 4);

	err = vcr_create_session(vd, alg, VCR_ENC, cri->cri_key, dklen,
				 &ses->dev_id[VCR_ENC]);
	if (err)
		goto free;
	err = vcr_create_session(vd, alg, VCR_DEC, cri->cri_key, dklen,
				 &ses->dev_id[VCR_DEC]);
	if (err)
		goto destroy_enc;
	err = xa_alloc(&vd->sessions, &id, ses, xa_limit_32b, GFP_KERNEL);
	if (err)
		goto destroy_dec;
	*lid = id;
	return 0;

destroy_dec:
	vcr_destroy_session(vd, ses->dev_id[VCR_DEC]);
destroy_enc:
	vcr_destroy_session(vd, ses->dev_id[VCR_ENC]);
free:
	kfree_sensitive(ses);
	return err;
}

static void vcr_ses_destroy(struct vcr_dev *vd, struct vcr_ses *ses)
{
	vcr_destroy_session(vd, ses->dev_id[VCR_ENC]);
	vcr_destroy_session(vd, ses->dev_id[VCR_DEC]);
	kfree_sensitive(ses);
}

int vcr_freesession(void *arg, u64 sid)
{
	struct vcr_dev *vd = arg;
	struct vcr_ses *ses;

	if (CRYPTO_SESID2HID(sid) != (u32)vd->driverid)
		return -EINVAL;
	/* Only ids we handed out reach the device. */
	ses = xa_erase(&vd->sessions, CRYPTO_SESID2LID(sid));
	if (!ses)
		return -EINVAL;
	vcr_ses_destroy(vd, ses);
	return 0;
}

/* After the framework let go of the driver: anything left over. */
void vcr_free_all_sessions(struct vcr_dev *vd)
{
	struct vcr_ses *ses;
	unsigned long lid;

	xa_for_each(&vd->sessions, lid, ses) {
		xa_erase(&vd->sessions, lid);
		vcr_ses_destroy(vd, ses);
	}
}

static void vcr_ocf_done(struct vcr_req *req, int err)
{
	struct cryptop *crp = req->ctx;

	vcr_req_free(req);
	crp->crp_etype = -err;
	crypto_done(crp);
}

static bool vcr_range_ok(int total, int off, int len)
{
	return off >= 0 && len >= 0 && total >= 0 && off <= total &&
	       len <= total - off;
}

/*
 * The IV, as the page describes it (and cryptosoft does): crd_iv when
 * explicit; else a fresh one when encrypting, or the one at crd_inject.
 * Encrypting without CRD_F_IV_PRESENT writes the IV used at crd_inject.
 */
static int vcr_get_iv(struct cryptop *crp, struct cryptodesc *crd,
		      void *out, u8 *iv, unsigned int ivlen)
{
	int flags = crp->crp_flags & CRYPTO_F_BUFTYPE_MASK;
	bool enc = crd->crd_flags & CRD_F_ENCRYPT;
	bool present = crd->crd_flags & CRD_F_IV_PRESENT;
	int err;

	if (!ivlen)
		return 0;
	if (crd->crd_flags & CRD_F_IV_EXPLICIT) {
		memcpy(iv, crd->crd_iv, ivlen);
	} else if (enc && !present) {
		get_random_bytes(iv, ivlen);
	} else {
		if (!vcr_range_ok(crp->crp_ilen, crd->crd_inject, ivlen))
			return -EINVAL;
		err = crypto_copydata(flags, crp->crp_buf, crd->crd_inject,
				      ivlen, iv);
		if (err)
			return err < 0 ? err : -err;
	}
	if (enc && !present) {
		if (!vcr_range_ok(crp->crp_ilen, crd->crd_inject, ivlen))
			return -EINVAL;
		err = crypto_copyback(flags, out, crd->crd_inject, ivlen, iv);
		if (err)
			return err < 0 ? err : -err;
	}
	return 0;
}

int vcr_process(void *arg, struct cryptop *crp, int hint)
{
	struct vcr_dev *vd = arg;
	struct cryptodesc *crd = crp->crp_desc;
	int flags = crp->crp_flags & CRYPTO_F_BUFTYPE_MASK;
	void *in = crp->crp_buf;
	void *out = crp->crp_obuf ? crp->crp_obuf : crp->crp_buf;
	const struct vcr_alg *alg;
	struct vcr_ses *ses;
	struct vcr_req *req;
	u8 iv[EALG_MAX_BLOCK_LEN];
	int nsrc, ndst, dir, n, err;

	if (!crd || crd->crd_next || !in)
		return -EINVAL;
	if (CRYPTO_SESID2HID(crp->crp_sid) != (u32)vd->driverid)
		return -EINVAL;
	ses = xa_load(&vd->sessions, CRYPTO_SESID2LID(crp->crp_sid));
	if (!ses || crd->crd_alg != ses->alg->ocf_alg)
		return -EINVAL;
	alg = ses->alg;
	/* A per-request key would need a device session per request. */
	if (crd->crd_flags & CRD_F_KEY_EXPLICIT)
		return -EINVAL;
	if (!vcr_range_ok(crp->crp_ilen, crd->crd_skip, crd->crd_len))
		return -EINVAL;
	if (crd->crd_len % alg->block)
		return -EINVAL;
	dir = crd->crd_flags & CRD_F_ENCRYPT ? VCR_ENC : VCR_DEC;

	err = vcr_get_iv(crp, crd, out, iv, ses->ivlen);
	if (err)
		goto out;
	if (crd->crd_len == 0) {
		crp->crp_etype = 0;
		crypto_done(crp);
		goto out;
	}

	nsrc = crypto_buf_sg_nents(flags, in, crd->crd_skip, crd->crd_len);
	ndst = crypto_buf_sg_nents(flags, out, crd->crd_skip, crd->crd_len);
	if (nsrc < 0 || ndst < 0) {
		err = nsrc < 0 ? nsrc : ndst;
		goto out;
	}
	/* More pieces than one descriptor table takes. */
	if (nsrc > VCR_MAX_SEGS || ndst > VCR_MAX_SEGS) {
		err = -E2BIG;
		goto out;
	}
	req = vcr_req_alloc(vd, nsrc, ndst);
	if (!req) {
		err = -ENOMEM;
		goto out;
	}
	if (ses->rfc3686) {
		/* RFC 3686 section 4: nonce || IV || be32 counter from 1. */
		memcpy(req->iv, ses->nonce, 4);
		memcpy(req->iv + 4, iv, 8);
		req->iv[15] = 1;
	} else {
		memcpy(req->iv, iv, alg->ivlen);
	}
	n = crypto_buf_to_sg(flags, in, crd->crd_skip, crd->crd_len,
			     req->src, nsrc);
	if (n == nsrc) {
		n = crypto_buf_to_sg(flags, out, crd->crd_skip, crd->crd_len,
				     req->dst, ndst);
		if (n == ndst)
			n = 0;
	}
	if (n) {
		err = n < 0 ? n : -EINVAL;
		vcr_req_free(req);
		goto out;
	}
	req->done = vcr_ocf_done;
	req->ctx = crp;
	err = vcr_submit(vd, req, alg, dir, ses->dev_id[dir], crd->crd_len,
			 nsrc, ndst, hint & CRYPTO_HINT_MORE);
	if (err)
		vcr_req_free(req);
out:
	memzero_explicit(iv, sizeof(iv));
	return err;
}
