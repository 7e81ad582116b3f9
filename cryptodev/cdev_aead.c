// SPDX-License-Identifier: GPL-2.0-only
/*
 * CIOCAUTHCRYPT for GCM and CCM.  The framework takes an AEAD as two
 * descriptors (cipher half over the payload, MAC half over the AAD with
 * the tag at crd_inject), so one kernel buffer holds AAD | payload | tag.
 * The AAD may be any size up to the per-operation limit.
 *
 * Encrypt: dst receives ciphertext then tag, len becomes len + tag_len,
 * and the tag is also written to `tag` when that is set.  Decrypt: src
 * holds ciphertext then tag (len includes it); dst receives the
 * plaintext and len becomes len - tag_len; a bad tag is EBADMSG.
 * tag_len (0: 16) is any tag length the mode allows: GCM 4, 8, 12..16
 * (SP 800-38D), CCM 4, 6, ..., 16 (RFC 3610).  iv_len: GCM any length
 * >= 1 (0: 12), CCM a 7..13-byte nonce or the 16-byte counter block.
 * A GCM IV longer than crd_iv travels in the kernel buffer after the tag.
 * The TLS and SRTP record modes are in cdev_record.c.
 */
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "cdev.h"

#define CDEV_AEAD_TAG	16

/* Tag lengths each mode allows (SP 800-38D 5.2.1.2, RFC 3610 2). */
static bool cdev_aead_tag_ok(const struct cdev_alg *c, u32 t)
{
	if (c->alg == CRYPTO_AES_GCM)
		return t == 4 || t == 8 || (t >= 12 && t <= 16);
	return t >= 4 && t <= 16 && t % 2 == 0;
}

/*
 * The IV the framework wants: a GCM IV of up to EALG_MAX_BLOCK_LEN bytes
 * (longer ones are copied into the buffer by the caller), CCM's counter
 * block.
 */
static int cdev_aead_iv(const struct cdev_alg *c,
			const struct crypt_auth_op *cao, u8 *iv)
{
	u8 nonce[EALG_MAX_BLOCK_LEN];
	u32 n = cao->iv_len;

	if (!cao->iv)
		return -EINVAL;
	if (c->alg == CRYPTO_AES_GCM) {
		if (!n)
			n = AES_GCM_IV_LEN;
		if (n > EALG_MAX_BLOCK_LEN)
			return 0;
		return copy_from_user(iv, cdev_uptr(cao->iv), n) ? -EFAULT : 0;
	}
	/* CCM: the full counter block, or a 7..13-byte nonce (RFC 3610). */
	if (!n || n == 16)
		return copy_from_user(iv, cdev_uptr(cao->iv), 16) ? -EFAULT : 0;
	if (n < 7 || n > 13)
		return -EINVAL;
	if (copy_from_user(nonce, cdev_uptr(cao->iv), n))
		return -EFAULT;
	memset(iv, 0, 16);
	iv[0] = 15 - n - 1;		/* L' = L - 1, L = 15 - n */
	memcpy(iv + 1, nonce, n);
	return 0;
}

static int cdev_aead_prepare(struct cdev_fd *f, struct cdev_req *r,
			     const struct crypt_auth_op *cao)
{
	struct cdev_session *s;
	struct cryptodesc *dc = r->desc[0], *dm = r->desc[1];
	struct cryptop *crp = r->crp;
	bool enc = cao->op == COP_ENCRYPT;
	u32 tag = cao->tag_len ? cao->tag_len : CDEV_AEAD_TAG;
	u32 payload, ivlen = 0, longiv = 0;
	size_t total;
	int err;

	if (cao->op != COP_ENCRYPT && cao->op != COP_DECRYPT)
		return -EINVAL;
	if (cao->flags & ~(COP_FLAG_NO_ZC | COP_FLAG_WRITE_IV))
		return -EINVAL;
	s = cdev_session_get(f, cao->ses);
	if (!s)
		return -EINVAL;
	r->ses = s;
	if (!s->cipher || s->cipher->kind != CDEV_K_AEAD)
		return -EINVAL;
	if (!cdev_aead_tag_ok(s->cipher, tag))
		return -EINVAL;
	if (s->cipher->alg == CRYPTO_AES_GCM) {
		ivlen = cao->iv_len ? cao->iv_len : AES_GCM_IV_LEN;
		if (ivlen > EALG_MAX_BLOCK_LEN)
			longiv = ivlen;
	}
	if (!enc && cao->len < tag)
		return -EINVAL;
	payload = enc ? cao->len : cao->len - tag;
	total = (size_t)cao->auth_len + payload + tag + longiv;
	if (total > READ_ONCE(cdev_max_op_len))
		return -E2BIG;
	if (payload && !cao->dst)
		return -EFAULT;
	err = cdev_aead_iv(s->cipher, cao, r->iv);
	if (err)
		return err;

	err = cdev_kbuf(r, total);
	if (err)
		return err;
	if (cao->auth_len &&
	    copy_from_user(r->kbuf, cdev_uptr(cao->auth_src), cao->auth_len))
		return -EFAULT;
	if (copy_from_user(r->kbuf + cao->auth_len, cdev_uptr(cao->src),
			   enc ? payload : payload + tag))
		return -EFAULT;
	if (longiv && copy_from_user(r->kbuf + total - longiv,
				     cdev_uptr(cao->iv), longiv))
		return -EFAULT;

	memset(dc, 0, offsetof(struct cryptodesc, crd_next));
	dc->crd_skip = cao->auth_len;
	dc->crd_len = payload;
	dc->crd_alg = s->cipher->alg;
	/* PRESENT: the driver must not write the IV into the buffer. */
	dc->crd_flags = CRD_F_IV_EXPLICIT | CRD_F_IV_PRESENT |
			(enc ? CRD_F_ENCRYPT : 0);
	/* AEAD lengths go in crd_rnd (include/opencrypto/cryptodev.h). */
	dc->crd_rnd = ivlen;
	if (longiv) {
		dc->crd_flags &= ~CRD_F_IV_EXPLICIT;
		dc->crd_inject = total - longiv;
	} else {
		memcpy(dc->crd_iv, r->iv, ivlen ? ivlen : s->cipher->ivlen);
	}
	memset(dm, 0, offsetof(struct cryptodesc, crd_next));
	dm->crd_len = cao->auth_len;
	dm->crd_inject = cao->auth_len + payload;
	dm->crd_rnd = tag;
	dm->crd_alg = s->aead_mac;
	dm->crd_flags = enc ? CRD_F_ENCRYPT : 0;
	dc->crd_next = dm;
	dm->crd_next = NULL;
	crp->crp_desc = dc;
	crp->crp_sid = READ_ONCE(s->sid);
	crp->crp_flags = 0;
	crp->crp_buf = r->kbuf;
	crp->crp_obuf = NULL;
	crp->crp_ilen = total;
	crp->crp_mac = NULL;

	r->udst = cdev_uptr(cao->dst);
	r->ulen = enc ? payload + tag : payload;
	r->ret_len = r->ulen;
	if (enc && cao->tag)
		r->utag = cdev_uptr(cao->tag);
	return 0;
}

int cdev_authcrypt(struct cdev_fd *f, struct crypt_auth_op *cao)
{
	struct cdev_req *r = cdev_req_get(f);
	u32 tag;
	int err;

	if (!r)
		return -ENOMEM;
	if (cao->flags & (COP_FLAG_AEAD_TLS_TYPE | COP_FLAG_AEAD_SRTP_TYPE)) {
		err = -EINVAL;
		if (cao->flags & ~CDEV_RECORD_FLAGS)
			goto out;
		r->ses = cdev_session_get(f, cao->ses);
		if (!r->ses)
			goto out;
		err = cdev_record(f, r, cao);
		if (err == -EINTR)
			return err;	/* the callback owns r now */
		goto out;
	}
	err = cdev_aead_prepare(f, r, cao);
	if (err)
		goto out;
	err = cdev_req_exec(r);
	if (err == -EINTR)
		return err;	/* the callback owns r now */
	if (err)
		goto out;
	if (r->ulen && copy_to_user(r->udst, r->kbuf + cao->auth_len,
				    r->ulen)) {
		err = -EFAULT;
		goto out;
	}
	/* Only encrypt sets utag: dst got ciphertext || tag. */
	tag = cao->tag_len ? cao->tag_len : CDEV_AEAD_TAG;
	if (r->utag && copy_to_user(r->utag, r->kbuf + cao->auth_len +
				    r->ulen - tag, tag)) {
		err = -EFAULT;
		goto out;
	}
	cao->len = r->ret_len;
out:
	cdev_req_put(f, r);
	return err;
}
