// SPDX-License-Identifier: GPL-2.0-only
/*
 * CIOCAUTHCRYPT's record modes on a cipher+MAC session, with
 * cryptodev-linux's semantics; both work in place (src == dst).
 *
 * TLS (COP_FLAG_AEAD_TLS_TYPE, MAC-then-encrypt): encrypting appends
 * MAC(auth_src | data) and TLS padding to the data and encrypts it all;
 * len becomes the record length.  Decrypting checks the padding and the
 * MAC (EBADMSG, without telling which failed) and len becomes the data
 * length.  dst must have room for len + tag + a block.
 *
 * SRTP (COP_FLAG_AEAD_SRTP_TYPE, encrypt-then-MAC): src/len lies inside
 * the packet auth_src/auth_len; encrypting encrypts it and writes
 * tag_len bytes of MAC(packet) to `tag`; decrypting checks `tag` first.
 */
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <crypto/algapi.h>
#include "cdev.h"

static void cdev_desc_cipher(struct cryptodesc *d, const struct cdev_alg *c,
			     u32 skip, u32 len, bool enc, const u8 *iv)
{
	memset(d, 0, offsetof(struct cryptodesc, crd_next));
	d->crd_skip = skip;
	d->crd_len = len;
	d->crd_alg = c->alg;
	d->crd_flags = enc ? CRD_F_ENCRYPT : 0;
	if (c->ivlen) {
		d->crd_flags |= CRD_F_IV_EXPLICIT | CRD_F_IV_PRESENT;
		memcpy(d->crd_iv, iv, c->ivlen);
	}
	d->crd_next = NULL;
}

static void cdev_desc_mac(struct cryptodesc *d, const struct cdev_alg *m,
			  u32 skip, u32 len)
{
	memset(d, 0, offsetof(struct cryptodesc, crd_next));
	d->crd_skip = skip;
	d->crd_len = len;
	d->crd_alg = m->alg;
	d->crd_flags = CRD_F_HASH_RESET;	/* one-shot */
	d->crd_next = NULL;
}

static int cdev_run_chain(struct cdev_req *r, struct cryptodesc *first,
			  struct cryptodesc *second)
{
	first->crd_next = second;
	r->crp->crp_desc = first;
	r->crp->crp_sid = READ_ONCE(r->ses->sid);
	return cdev_req_exec(r);
}

/* The IV: the user's, or the session's chained one. */
static int cdev_record_iv(struct cdev_req *r, const struct crypt_auth_op *cao)
{
	struct cdev_session *s = r->ses;
	unsigned int n = s->cipher->ivlen;

	if (!n)
		return 0;
	if (cao->iv)
		return copy_from_user(r->iv, cdev_uptr(cao->iv), n) ? -EFAULT
								     : 0;
	spin_lock(&s->ivlock);
	memcpy(r->iv, s->iv, n);
	spin_unlock(&s->ivlock);
	return 0;
}

/* Keep (and with WRITE_IV return) the IV following this record. */
static int cdev_record_next_iv(struct cdev_req *r,
			       const struct crypt_auth_op *cao,
			       const u8 *next)
{
	struct cdev_session *s = r->ses;
	unsigned int n = s->cipher->ivlen;

	if (!n)
		return 0;
	spin_lock(&s->ivlock);
	memcpy(s->iv, next, n);
	spin_unlock(&s->ivlock);
	if ((cao->flags & COP_FLAG_WRITE_IV) && cao->iv &&
	    copy_to_user(cdev_uptr(cao->iv), next, n))
		return -EFAULT;
	return 0;
}

static int cdev_tls(struct cdev_req *r, struct crypt_auth_op *cao)
{
	const struct cdev_alg *c = r->ses->cipher, *m = r->ses->mac;
	u32 bs = c->blocksize, tag = m->digestlen, alen = cao->auth_len;
	bool enc = cao->op == COP_ENCRYPT;
	u32 len = cao->len, out, pad = 0, i;
	u8 *data, last[EALG_MAX_BLOCK_LEN];
	u8 padv, bad = 0;
	int err;

	if (cao->tag_len && cao->tag_len != tag)
		return -EINVAL;	/* the MAC sits in the record whole */
	if (enc) {
		pad = bs > 1 ? bs - (len + tag) % bs : 0;
		out = len + tag + pad;
	} else {
		/* Block ciphers add at least one byte of padding. */
		if (len < tag || (bs > 1 && len == tag) || len % bs)
			return -EINVAL;
		out = len;
	}
	if ((size_t)alen + out > READ_ONCE(cdev_max_op_len))
		return -E2BIG;
	err = cdev_record_iv(r, cao);
	if (!err)
		err = cdev_kbuf(r, (size_t)alen + out);
	if (err)
		return err;
	data = r->kbuf + alen;
	if ((alen && copy_from_user(r->kbuf, cdev_uptr(cao->auth_src), alen)) ||
	    copy_from_user(data, cdev_uptr(cao->src), len))
		return -EFAULT;
	r->crp->crp_flags = 0;
	r->crp->crp_buf = r->kbuf;
	r->crp->crp_obuf = NULL;
	r->crp->crp_ilen = alen + out;

	if (enc) {
		/* MAC into the record, then the padding, then encrypt. */
		memset(data + len, 0, tag);	/* the MAC goes here */
		memset(data + len + tag, pad - 1, pad);
		cdev_desc_mac(r->desc[0], m, 0, alen + len);
		r->desc[0]->crd_inject = alen + len;
		r->crp->crp_mac = NULL;
		cdev_desc_cipher(r->desc[1], c, alen, out, true, r->iv);
		err = cdev_run_chain(r, r->desc[0], r->desc[1]);
		if (err)
			return err;
		if (copy_to_user(cdev_uptr(cao->dst), data, out))
			return -EFAULT;
		cao->len = out;
		return c->ivlen ? cdev_record_next_iv(r, cao,
						      data + out - c->ivlen) : 0;
	}

	if (c->ivlen)
		memcpy(last, data + len - c->ivlen, c->ivlen);
	cdev_desc_cipher(r->desc[0], c, alen, len, false, r->iv);
	r->crp->crp_mac = NULL;
	err = cdev_run_chain(r, r->desc[0], NULL);
	if (err)
		return err;
	/* Check the padding without branching on its bytes. */
	if (bs > 1) {
		padv = data[len - 1];
		if (padv + 1 + tag > len) {
			bad = 1;
			padv = 0;
		}
		for (i = 0; i <= padv; i++)
			bad |= data[len - 1 - i] ^ padv;
		pad = padv + 1;
	}
	out = len - pad - tag;
	cdev_desc_mac(r->desc[0], m, 0, alen + out);
	r->crp->crp_mac = r->mac;
	err = cdev_run_chain(r, r->desc[0], NULL);
	if (err)
		return err;
	if (crypto_memneq(r->mac, data + out, tag) || bad)
		return -EBADMSG;
	if (copy_to_user(cdev_uptr(cao->dst), data, out))
		return -EFAULT;
	cao->len = out;
	return c->ivlen ? cdev_record_next_iv(r, cao, last) : 0;
}

static int cdev_srtp(struct cdev_req *r, struct crypt_auth_op *cao)
{
	const struct cdev_alg *c = r->ses->cipher, *m = r->ses->mac;
	u32 tag = cao->tag_len ? cao->tag_len : m->digestlen;
	u32 alen = cao->auth_len, len = cao->len, off;
	bool enc = cao->op == COP_ENCRYPT;
	u8 want[AALG_MAX_RESULT_LEN];
	int err;

	/* The payload lies inside the authenticated packet. */
	if (!cao->auth_src || cao->src < cao->auth_src)
		return -EINVAL;
	off = cao->src - cao->auth_src;
	if (off > alen || len > alen - off || tag > m->digestlen || !cao->tag)
		return -EINVAL;
	if (alen > READ_ONCE(cdev_max_op_len))
		return -E2BIG;
	if (c->blocksize > 1 && len % c->blocksize)
		return -EINVAL;
	err = cdev_record_iv(r, cao);
	if (!err)
		err = cdev_kbuf(r, alen);
	if (err)
		return err;
	if (copy_from_user(r->kbuf, cdev_uptr(cao->auth_src), alen))
		return -EFAULT;
	if (!enc && copy_from_user(want, cdev_uptr(cao->tag), tag))
		return -EFAULT;
	r->crp->crp_flags = 0;
	r->crp->crp_buf = r->kbuf;
	r->crp->crp_obuf = NULL;
	r->crp->crp_ilen = alen;
	r->crp->crp_mac = r->mac;
	cdev_desc_mac(r->desc[1], m, 0, alen);
	cdev_desc_cipher(r->desc[0], c, off, len, enc, r->iv);
	/* The MAC covers the ciphertext: after encrypting, before decrypting. */
	if (enc)
		err = cdev_run_chain(r, r->desc[0], r->desc[1]);
	else
		err = cdev_run_chain(r, r->desc[1], r->desc[0]);
	if (err)
		return err;
	if (!enc && crypto_memneq(want, r->mac, tag))
		return -EBADMSG;
	if (copy_to_user(cdev_uptr(cao->dst), r->kbuf + off, len))
		return -EFAULT;
	if (enc && copy_to_user(cdev_uptr(cao->tag), r->mac, tag))
		return -EFAULT;
	if (c->alg == CRYPTO_AES_CTR) {
		u32 blocks = DIV_ROUND_UP(len, 16);
		int i;

		for (i = 15; i >= 0 && blocks; i--) {
			u32 sum = r->iv[i] + (blocks & 0xff);

			r->iv[i] = sum;
			blocks = (blocks >> 8) + (sum >> 8);
		}
		return cdev_record_next_iv(r, cao, r->iv);
	}
	return 0;
}

/* The record modes: a cipher+MAC session, in place. */
int cdev_record(struct cdev_fd *f, struct cdev_req *r,
		struct crypt_auth_op *cao)
{
	struct cdev_session *s = r->ses;
	bool tls = cao->flags & COP_FLAG_AEAD_TLS_TYPE;

	if (!s->cipher || !s->mac || s->cipher->kind != CDEV_K_CIPHER)
		return -EINVAL;
	if (cao->src != cao->dst || !cao->src)
		return -EINVAL;
	if (tls == !!(cao->flags & COP_FLAG_AEAD_SRTP_TYPE))
		return -EINVAL;	/* exactly one of the two */
	if (cao->op != COP_ENCRYPT && cao->op != COP_DECRYPT)
		return -EINVAL;
	if (cao->len > READ_ONCE(cdev_max_op_len))
		return -E2BIG;
	return tls ? cdev_tls(r, cao) : cdev_srtp(r, cao);
}
