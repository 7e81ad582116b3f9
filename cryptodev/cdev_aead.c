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
#include "cdev_ucopy.h"

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
		return cdev_copy_in(iv, cdev_uptr(cao->iv), n);
	}
	/* CCM: the full counter block, or a 7..13-byte nonce (RFC 3610). */
	if (!n || n == 16)
		return cdev_copy_in(iv, cdev_uptr(cao->iv), 16);
	if (n < 7 || n > 13)
		return -EINVAL;
	if (cdev_copy_in(nonce, cdev_uptr(cao->iv), n))
		return -EFAULT;
	memset(iv, 0, 16);
	iv[0] = 15 - n - 1;		/* L' = L - 1, L = 15 - n */
	memcpy(iv + 1, nonce, n);
	return 0;
}

/*
 * Encryption above copy_max runs on the pinned user pages: the AAD is
 * copied to the request's bounce buffer, which heads both scatterlists
 * (the framework finds it at the same offsets in the input and the
 * output), and the tag goes through crp_mac.  Decryption copies, so a
 * wrong tag leaves dst untouched; so do long GCM IVs (they ride in the
 * buffer) and src/dst that overlap without being the same.
 */
static bool cdev_aead_zc(struct cdev_req *r, const struct crypt_auth_op *cao,
			 u32 payload, u32 longiv)
{
	if (cao->op != COP_ENCRYPT || longiv || (cao->flags & COP_FLAG_NO_ZC))
		return false;
	if (payload <= min_t(u32, READ_ONCE(cdev_copy_max), CDEV_BOUNCE_MAX))
		return false;
	if (cdev_overlap(cao->src, cao->dst, payload))
		return false;
	return !cao->auth_len || cdev_bounce_fit(r, cao->auth_len);
}

static int cdev_aead_map_pinned(struct cdev_req *r,
				const struct crypt_auth_op *cao, u32 payload)
{
	struct cryptop *crp = r->crp;
	bool inplace = cao->src == cao->dst;
	u32 alen = cao->auth_len;
	int err;

	r->kbuf = r->bounce;
	if (alen && cdev_copy_in(r->kbuf, cdev_uptr(cao->auth_src), alen))
		return -EFAULT;
	err = cdev_pin_user_after(&r->src, r->kbuf, alen, cdev_uptr(cao->src),
				  payload, inplace);
	if (!err && !inplace)
		err = cdev_pin_user_after(&r->dst, r->kbuf, alen,
					  cdev_uptr(cao->dst), payload, true);
	if (err)
		return err;
	r->pinned = true;
	crp->crp_flags = CRYPTO_F_SG;
	crp->crp_buf = r->src.sg;
	crp->crp_obuf = inplace ? NULL : r->dst.sg;
	crp->crp_ilen = alen + payload;
	crp->crp_mac = r->mac;
	return 0;
}

/* AAD | payload (| tag when decrypting) | long IV, in a kernel copy. */
static int cdev_aead_map_copy(struct cdev_req *r,
			      const struct crypt_auth_op *cao, u32 payload,
			      u32 tag, u32 longiv)
{
	struct cryptop *crp = r->crp;
	bool enc = cao->op == COP_ENCRYPT;
	size_t total = (size_t)cao->auth_len + payload + tag + longiv;
	int err;

	err = cdev_kbuf(r, total);
	if (err)
		return err;
	if (cao->auth_len &&
	    cdev_copy_in(r->kbuf, cdev_uptr(cao->auth_src), cao->auth_len))
		return -EFAULT;
	if (cdev_copy_in(r->kbuf + cao->auth_len, cdev_uptr(cao->src),
			 enc ? payload : payload + tag))
		return -EFAULT;
	if (longiv && cdev_copy_in(r->kbuf + total - longiv,
				   cdev_uptr(cao->iv), longiv))
		return -EFAULT;
	/* The driver writes the tag; no earlier bytes may show through. */
	if (enc)
		memset(r->kbuf + cao->auth_len + payload, 0, tag);
	crp->crp_flags = 0;
	crp->crp_buf = r->kbuf;
	crp->crp_obuf = NULL;
	crp->crp_ilen = total;
	crp->crp_mac = NULL;
	r->ulen = enc ? payload + tag : payload;
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

	if (cdev_aead_zc(r, cao, payload, longiv))
		err = cdev_aead_map_pinned(r, cao, payload);
	else
		err = cdev_aead_map_copy(r, cao, payload, tag, longiv);
	if (err)
		return err;

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
	/* The tag: after the payload in the copy, else in crp_mac. */
	dm->crd_inject = crp->crp_mac ? 0 : cao->auth_len + payload;
	dm->crd_rnd = tag;
	dm->crd_alg = s->aead_mac;
	dm->crd_flags = enc ? CRD_F_ENCRYPT : 0;
	dc->crd_next = dm;
	dm->crd_next = NULL;
	crp->crp_desc = dc;
	crp->crp_sid = READ_ONCE(s->sid);

	r->udst = cdev_uptr(cao->dst);
	r->ret_len = enc ? payload + tag : payload;
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
	tag = cao->tag_len ? cao->tag_len : CDEV_AEAD_TAG;
	if (r->pinned) {
		/* Encrypted in place in dst; the tag follows the payload. */
		err = -EFAULT;
		if (cdev_copy_out(r->udst + r->ret_len - tag, r->mac, tag) ||
		    (r->utag && cdev_copy_out(r->utag, r->mac, tag)))
			goto out;
		err = 0;
	} else {
		err = -EFAULT;
		if (r->ulen && cdev_copy_out(r->udst, r->kbuf + cao->auth_len,
					     r->ulen))
			goto out;
		/* Only encrypt sets utag: dst got ciphertext || tag. */
		if (r->utag && cdev_copy_out(r->utag, r->kbuf + cao->auth_len +
					     r->ulen - tag, tag))
			goto out;
		err = 0;
	}
	cao->len = r->ret_len;
out:
	cdev_req_put(f, r);
	return err;
}
