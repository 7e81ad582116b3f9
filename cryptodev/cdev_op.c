// SPDX-License-Identifier: GPL-2.0-only
/*
 * CIOCCRYPT: cipher, hash/MAC, or both (cryptodev-linux order: the MAC
 * covers the plaintext, so it runs before encryption and after
 * decryption).  Small buffers go through a kernel copy, large ones are
 * processed from the pinned user pages.  The chaining IV is computed
 * here, so COP_FLAG_WRITE_IV works for every driver, and kept in the
 * session for a following call without an IV.
 */
#include <linux/log2.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/scatterlist.h>
#include "cdev.h"
#include "cdev_ucopy.h"

#define CDEV_CRYPT_FLAGS (COP_FLAG_UPDATE | COP_FLAG_FINAL | \
			  COP_FLAG_WRITE_IV | COP_FLAG_NO_ZC | COP_FLAG_RESET)

/*
 * A kernel buffer for `size` bytes: the request's cached one (grown on
 * demand up to CDEV_BOUNCE_MAX), or one for this op.
 */
int cdev_kbuf(struct cdev_req *r, size_t size)
{
	if (cdev_bounce_fit(r, size)) {
		r->kbuf = r->bounce;
	} else {
		r->big = kvmalloc(size, GFP_KERNEL);
		if (!r->big)
			return -ENOMEM;
		r->big_size = size;
		r->kbuf = r->big;
	}
	return 0;
}

bool cdev_overlap(const u8 *a, const u8 *b, u32 len)
{
	uintptr_t x = (uintptr_t)a, y = (uintptr_t)b;

	return a != b && x < y + len && y < x + len;
}

/* How the IV chains from one call to the next. */
enum cdev_chain { CH_NONE, CH_CBC, CH_CTR, CH_CFB, CH_OFB };

static enum cdev_chain cdev_chain_of(u32 alg)
{
	switch (alg) {
	case CRYPTO_AES_CTR:
		return CH_CTR;
	case CRYPTO_AES_CFB:
		return CH_CFB;
	case CRYPTO_AES_OFB:
		return CH_OFB;
	case CRYPTO_AES_XTS:
		return CH_NONE;
	default:
		return CH_CBC;
	}
}

static void cdev_ctr_add(u8 *ctr, u32 blocks)
{
	int i;

	for (i = 15; i >= 0 && blocks; i--) {
		u32 sum = ctr[i] + (blocks & 0xff);

		ctr[i] = sum;
		blocks = (blocks >> 8) + (sum >> 8);
	}
}

/* Read the last output block of a finished request. */
static void cdev_last_out(struct cdev_req *r, u8 *out, unsigned int n)
{
	u32 off = r->cipher_len - n;

	if (!r->pinned)
		memcpy(out, r->kbuf + off, n);
	else if (r->dst.npages)
		sg_pcopy_to_buffer(r->dst.sg, r->dst.npages, out, n, off);
	else
		sg_pcopy_to_buffer(r->src.sg, r->src.npages, out, n, off);
}

/* Compute the next IV into r->iv; false when the mode cannot chain. */
static bool cdev_next_iv(struct cdev_req *r)
{
	const struct cdev_alg *c = r->ses->cipher;
	unsigned int n = c->ivlen;
	bool enc = r->uop.op == COP_ENCRYPT;
	u8 out[EALG_MAX_BLOCK_LEN];
	unsigned int i;

	switch (cdev_chain_of(c->alg)) {
	case CH_CTR:
		cdev_ctr_add(r->iv, DIV_ROUND_UP(r->cipher_len, 16));
		return true;
	case CH_CBC:
	case CH_CFB:
		if (r->cipher_len < n || r->cipher_len % n)
			return false;
		if (enc)
			cdev_last_out(r, r->iv, n);
		else
			memcpy(r->iv, r->last_in, n);
		return true;
	case CH_OFB:
		if (r->cipher_len < n || r->cipher_len % n)
			return false;
		cdev_last_out(r, out, n);
		for (i = 0; i < n; i++)
			r->iv[i] = out[i] ^ r->last_in[i];
		memzero_explicit(out, sizeof(out));
		return true;
	default:
		return false;
	}
}

/* Hash descriptor flags from cryptodev-linux's UPDATE/FINAL/RESET. */
static int cdev_hash_flags(u16 flags, u32 len, bool *final)
{
	bool update = flags & COP_FLAG_UPDATE;
	bool fin = flags & COP_FLAG_FINAL;
	int crd = 0;

	if ((flags & COP_FLAG_RESET) || (!update && !fin))
		crd |= CRD_F_HASH_RESET;
	/* RESET alone with no data: just start over. */
	if ((flags & COP_FLAG_RESET) && !update && !fin && !len) {
		*final = false;
		return crd | CRD_F_HASH_PARTIAL;
	}
	*final = fin || !update || !len;
	if (!*final)
		crd |= CRD_F_HASH_PARTIAL;
	return crd;
}

static int cdev_map_data(struct cdev_req *r, const struct crypt_op *cop,
			 bool need_copy)
{
	const struct cdev_alg *c = r->ses->cipher;
	struct cryptop *crp = r->crp;
	u32 len = cop->len;
	int err;

	crp->crp_obuf = NULL;
	crp->crp_ilen = len;
	if (!need_copy && !(cop->flags & COP_FLAG_NO_ZC) &&
	    len > min_t(u32, READ_ONCE(cdev_copy_max), CDEV_BOUNCE_MAX)) {
		bool inplace = !c || cop->src == cop->dst;

		err = cdev_pin_user(&r->src, cdev_uptr(cop->src), len,
				    c && inplace);
		if (!err && !inplace)
			err = cdev_pin_user(&r->dst, cdev_uptr(cop->dst), len,
					    true);
		if (err)
			return err;
		r->pinned = true;
		crp->crp_flags = CRYPTO_F_SG;
		crp->crp_buf = r->src.sg;
		if (!inplace)
			crp->crp_obuf = r->dst.sg;
		return 0;
	}
	err = cdev_kbuf(r, len);
	if (err)
		return err;
	if (len && cdev_copy_in(r->kbuf, cdev_uptr(cop->src), len))
		return -EFAULT;
	crp->crp_flags = 0;
	crp->crp_buf = r->kbuf;
	if (c) {
		r->udst = cdev_uptr(cop->dst);
		r->ulen = len;
	}
	return 0;
}

/* Look the session up, then prepare. */
int cdev_crypt_prepare(struct cdev_fd *f, struct cdev_req *r,
		       const struct crypt_op *cop)
{
	return cdev_crypt_prepare_ses(r, cop, cdev_session_get(f, cop->ses));
}

/*
 * Check a CIOCCRYPT-style request and set up the crp.  `s` (a reference
 * the request now owns, or NULL when the session is unknown) is the
 * session cop->ses names.
 */
int cdev_crypt_prepare_ses(struct cdev_req *r, const struct crypt_op *cop,
			   struct cdev_session *s)
{
	const struct cdev_alg *c, *m;
	struct cryptodesc *dc = NULL, *dm = NULL;
	struct cryptop *crp = r->crp;
	bool enc = cop->op == COP_ENCRYPT;
	bool final = false, last_in = false;
	int hflags = 0;
	int err;

	r->ses = s;
	r->uop = *cop;
	if (cop->op != COP_ENCRYPT && cop->op != COP_DECRYPT)
		return -EINVAL;
	if (cop->flags & ~CDEV_CRYPT_FLAGS)
		return -EINVAL;
	if (cop->len > READ_ONCE(cdev_max_op_len))
		return -E2BIG;
	if (!s)
		return -EINVAL;
	c = s->cipher;
	m = s->mac;
	if (c && c->kind != CDEV_K_CIPHER)
		return -EINVAL;
	if (c && cop->len % c->blocksize)
		return -EINVAL;
	if (c && cop->len && !cop->dst)
		return -EFAULT;
	if (c && cdev_overlap(cop->src, cop->dst, cop->len))
		return -EINVAL;
	if (m) {
		hflags = cdev_hash_flags(cop->flags, cop->len, &final);
		if (final && !cop->mac)
			return -EFAULT;
		r->want_mac = final;
	}

	/* Cipher IV: given, or the one the session chained to. */
	if (c && c->ivlen) {
		if (cop->iv) {
			if (cdev_copy_in(r->iv, cdev_uptr(cop->iv), c->ivlen))
				return -EFAULT;
		} else {
			spin_lock(&s->ivlock);
			memcpy(r->iv, s->iv, c->ivlen);
			spin_unlock(&s->ivlock);
		}
		r->want_iv = true;
		/* The last input block, before the op overwrites it. */
		last_in = cop->len >= c->ivlen &&
			  (!enc || cdev_chain_of(c->alg) == CH_OFB);
	}
	/* GMAC as a MAC: the nonce is the IV. */
	if (m && m->ivlen && !cop->iv)
		return -EINVAL;

	/* Decrypt-then-MAC out of place needs the plaintext in one place. */
	err = cdev_map_data(r, cop, c && m && !enc && cop->src != cop->dst);
	if (err)
		return err;
	if (last_in && !r->pinned)
		memcpy(r->last_in, r->kbuf + cop->len - c->ivlen, c->ivlen);
	else if (last_in &&
		 cdev_copy_in(r->last_in, cdev_uptr(cop->src + cop->len -
						     c->ivlen), c->ivlen))
		return -EFAULT;

	if (c && cop->len) {
		dc = r->desc[0];
		memset(dc, 0, offsetof(struct cryptodesc, crd_next));
		dc->crd_len = cop->len;
		dc->crd_alg = c->alg;
		dc->crd_flags = enc ? CRD_F_ENCRYPT : 0;
		if (c->ivlen) {
			/* PRESENT: the driver must not write the IV out. */
			dc->crd_flags |= CRD_F_IV_EXPLICIT | CRD_F_IV_PRESENT;
			memcpy(dc->crd_iv, r->iv, c->ivlen);
		}
		r->cipher_len = cop->len;
	}
	if (m) {
		dm = r->desc[1];
		memset(dm, 0, offsetof(struct cryptodesc, crd_next));
		dm->crd_len = cop->len;
		dm->crd_alg = m->alg;
		dm->crd_flags = hflags;
		if (m->ivlen) {
			unsigned int n = s->mklen % 8 ? 8 : 12;

			if (cdev_copy_in(dm->crd_iv, cdev_uptr(cop->iv), n))
				return -EFAULT;
			dm->crd_flags |= CRD_F_IV_EXPLICIT | CRD_F_IV_PRESENT;
		}
		crp->crp_mac = r->mac;
	} else {
		crp->crp_mac = NULL;
	}
	if (!dc && !dm) {
		/* A cipher over nothing: done without the framework. */
		crp->crp_desc = NULL;
		return 0;
	}

	/* Order the descriptors: the MAC sees the plaintext. */
	if (dc && dm) {
		struct cryptodesc *first = enc ? dm : dc;

		first->crd_next = enc ? dc : dm;
		(enc ? dc : dm)->crd_next = NULL;
		crp->crp_desc = first;
	} else {
		crp->crp_desc = dc ? dc : dm;
		crp->crp_desc->crd_next = NULL;
	}
	crp->crp_sid = READ_ONCE(s->sid);
	return 0;
}

/* After the callback: check, copy results out, chain the IV. */
int cdev_crypt_finish(struct cdev_req *r)
{
	struct cdev_session *s = r->ses;
	const struct crypt_op *cop = &r->uop;
	int err = r->crp->crp_desc ? r->crp->crp_etype : 0;

	if (err)
		return err > 0 ? -err : err;

	if (r->ulen && cdev_copy_out(r->udst, r->kbuf, r->ulen))
		return -EFAULT;
	if (r->want_mac &&
	    cdev_copy_out(cdev_uptr(cop->mac), r->mac, s->mac->digestlen))
		return -EFAULT;
	if (r->want_iv) {
		unsigned int n = s->cipher->ivlen;

		if (r->cipher_len && !cdev_next_iv(r))
			return 0;
		spin_lock(&s->ivlock);
		memcpy(s->iv, r->iv, n);
		spin_unlock(&s->ivlock);
		if ((cop->flags & COP_FLAG_WRITE_IV) && cop->iv &&
		    cdev_copy_out(cdev_uptr(cop->iv), r->iv, n))
			return -EFAULT;
	}
	return 0;
}

int cdev_crypt(struct cdev_fd *f, struct crypt_op *cop)
{
	struct cdev_session *s;
	struct cdev_req *r = cdev_req_get_ses(f, cop->ses, &s);
	int err;

	if (!r)
		return -ENOMEM;
	err = cdev_crypt_prepare_ses(r, cop, s);
	if (err)
		goto out;
	if (r->crp->crp_desc) {
		err = cdev_req_run(r);
		if (err == -EINTR)
			return err;	/* the callback owns r now */
		if (err)
			goto out;
	}
	err = cdev_crypt_finish(r);
out:
	cdev_req_put(f, r);
	return err;
}
