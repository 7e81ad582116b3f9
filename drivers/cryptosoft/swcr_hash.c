// SPDX-License-Identifier: GPL-2.0-only
/*
 * cryptosoft: hashes and MACs through Linux's shash API, plus the
 * constructions Linux lacks (KPDK, NULL_HMAC).  A one-shot descriptor
 * uses a descriptor context on the stack, so concurrent requests on one
 * session need no lock; only the streaming state (CRD_F_HASH_PARTIAL)
 * is per session and locked.
 */
#include <linux/slab.h>
#include <crypto/hash.h>
#include "swcr.h"
#include "swcr_kpdk.h"

struct swcr_hash_desc {
	int		alg;
	const char	*name;
	unsigned int	mlen;	/* bytes of result written */
	bool		keyed;
};

static const struct swcr_hash_desc swcr_hashes[] = {
	{ CRYPTO_MD5, "md5", 16, false },
	{ CRYPTO_SHA1, "sha1", 20, false },
	{ CRYPTO_SHA2_224, "sha224", 28, false },
	{ CRYPTO_SHA2_256, "sha256", 32, false },
	{ CRYPTO_SHA2_384, "sha384", 48, false },
	{ CRYPTO_SHA2_512, "sha512", 64, false },
	{ CRYPTO_RIPEMD160, "rmd160", 20, false },
	{ CRYPTO_MD5_HMAC, "hmac(md5)", 16, true },
	{ CRYPTO_MD5_HMAC_96, "hmac(md5)", 12, true },
	{ CRYPTO_SHA1_HMAC, "hmac(sha1)", 20, true },
	{ CRYPTO_SHA1_HMAC_96, "hmac(sha1)", 12, true },
	{ CRYPTO_SHA2_224_HMAC, "hmac(sha224)", 28, true },
	{ CRYPTO_SHA2_256_HMAC, "hmac(sha256)", 32, true },
	{ CRYPTO_SHA2_384_HMAC, "hmac(sha384)", 48, true },
	{ CRYPTO_SHA2_512_HMAC, "hmac(sha512)", 64, true },
	{ CRYPTO_RIPEMD160_HMAC, "hmac(rmd160)", 20, true },
	{ CRYPTO_RIPEMD160_HMAC_96, "hmac(rmd160)", 12, true },
	{ CRYPTO_AES_XCBC_MAC_96, "xcbc(aes)", 12, true },
	/* KPDK: the plain hash, keyed by swcr_kpdk.c. */
	{ CRYPTO_MD5_KPDK, "md5", 16, false },
	{ CRYPTO_SHA1_KPDK, "sha1", 20, false },
	/* NetBSD's NULL_HMAC: a 12-byte result of zeros. */
	{ CRYPTO_NULL_HMAC, NULL, 12, false },
};

int swcr_hash_init(struct swcr_xform *xf, const struct cryptoini *cri)
{
	const struct swcr_hash_desc *d = NULL;
	unsigned int klen;
	int i, err;

	for (i = 0; i < ARRAY_SIZE(swcr_hashes); i++)
		if (swcr_hashes[i].alg == cri->cri_alg)
			d = &swcr_hashes[i];
	if (!d || cri->cri_klen % 8)
		return -EINVAL;
	klen = cri->cri_klen / 8;
	xf->mlen = d->mlen;
	if (!d->name)
		return klen <= CRYPTO_HMAC_MAX_KEY_LEN ? 0 : -EINVAL;

	xf->shash = crypto_alloc_shash(d->name, 0, 0);
	if (IS_ERR(xf->shash)) {
		err = PTR_ERR(xf->shash);
		xf->shash = NULL;
		return err == -ENOENT ? -EINVAL : err;
	}
	if (d->keyed) {
		if (klen > CRYPTO_HMAC_MAX_KEY_LEN)
			return -EINVAL;
		err = crypto_shash_setkey(xf->shash, cri->cri_key, klen);
		if (err)
			return -EINVAL;
		xf->ek_shash = crypto_alloc_shash(d->name, 0, 0);
		if (IS_ERR(xf->ek_shash)) {
			err = PTR_ERR(xf->ek_shash);
			xf->ek_shash = NULL;
			return err;
		}
	}
	if (xf->kind == SWCR_KPDK) {
		err = swcr_kpdk_init(xf, cri->cri_key, klen);
		if (err)
			return err;
	}
	xf->state = kzalloc(sizeof(*xf->state) +
			    crypto_shash_descsize(xf->shash), GFP_KERNEL);
	if (!xf->state)
		return -ENOMEM;
	xf->state->tfm = xf->shash;
	return 0;
}

void swcr_hash_free(struct swcr_xform *xf)
{
	if (xf->state)
		kfree_sensitive(xf->state);
	xf->state = NULL;
	if (xf->shash)
		crypto_free_shash(xf->shash);
	xf->shash = NULL;
	/* Freeing a tfm wipes its context, and with it the last key. */
	if (xf->ek_shash)
		crypto_free_shash(xf->ek_shash);
	xf->ek_shash = NULL;
	kfree_sensitive(xf->key);
	xf->key = NULL;
}

static int swcr_shash_update(void *arg, void *data, unsigned int len)
{
	return crypto_shash_update(arg, data, len);
}

static int swcr_hash_begin(struct swcr_xform *xf, struct shash_desc *desc)
{
	int err;

	desc->tfm = xf->shash;
	err = crypto_shash_init(desc);
	if (!err && xf->kind == SWCR_KPDK)
		err = swcr_kpdk_begin(xf, desc);
	return err;
}

static int swcr_hash_end(struct swcr_xform *xf, struct shash_desc *desc,
			 u8 *out)
{
	int err = 0;

	if (xf->kind == SWCR_KPDK)
		err = swcr_kpdk_end(xf, desc);
	return err ? err : crypto_shash_final(desc, out);
}

static int swcr_hash_update(struct swcr_xform *xf, struct swcr_io *io,
			    struct cryptodesc *crd, struct shash_desc *desc)
{
	int err;

	if (crd->crd_len == 0)
		return 0;
	/* A contiguous buffer needs no walk (swcr_hash_process checked it). */
	if (!(io->flags & CRYPTO_F_BUFTYPE_MASK))
		return crypto_shash_update(desc, (u8 *)io->in + crd->crd_skip,
					   crd->crd_len);
	err = crypto_apply(io->flags, io->in, crd->crd_skip, crd->crd_len,
			   swcr_shash_update, desc);
	return err > 0 ? -err : err;
}

/* The result goes to crp_mac when set, else into the buffer. */
int swcr_hash_write_result(struct swcr_io *io, struct cryptodesc *crd,
			   const u8 *res, unsigned int len)
{
	int err;

	if (io->crp->crp_mac) {
		memcpy(io->crp->crp_mac, res, len);
		return 0;
	}
	if (!swcr_range_ok(io->ilen, crd->crd_inject, len))
		return -EINVAL;
	err = crypto_copyback(io->flags, io->out, crd->crd_inject, len, res);
	return err > 0 ? -err : err;
}

/*
 * A keyed hash with a per-request key (CRD_F_KEY_EXPLICIT), one-shot
 * only: a running state belongs to the session's key.
 */
static int swcr_hash_keyed(struct swcr_xform *xf, struct swcr_io *io,
			   struct cryptodesc *crd, u8 *res)
{
	int err;

	if (!xf->ek_shash || !crd->crd_key || crd->crd_klen < 0 ||
	    crd->crd_klen % 8 || crd->crd_klen / 8 > CRYPTO_HMAC_MAX_KEY_LEN ||
	    (crd->crd_flags & (CRD_F_HASH_RESET | CRD_F_HASH_PARTIAL)))
		return -EINVAL;
	spin_lock_bh(&xf->ek_lock);
	err = crypto_shash_setkey(xf->ek_shash, crd->crd_key,
				  crd->crd_klen / 8);
	if (err) {
		err = -EINVAL;
	} else {
		SHASH_DESC_ON_STACK(desc, xf->ek_shash);

		desc->tfm = xf->ek_shash;
		err = crypto_shash_init(desc);
		if (!err)
			err = swcr_hash_update(xf, io, crd, desc);
		if (!err)
			err = crypto_shash_final(desc, res);
		shash_desc_zero(desc);
	}
	spin_unlock_bh(&xf->ek_lock);
	return err;
}

int swcr_hash_process(struct swcr_xform *xf, struct swcr_io *io,
		      struct cryptodesc *crd)
{
	u8 res[HASH_MAX_DIGESTSIZE] __uninitialized;
	bool streaming;
	int err;

	if (!swcr_range_ok(io->ilen, crd->crd_skip, crd->crd_len))
		return -EINVAL;
	if (!io->crp->crp_mac && !(crd->crd_flags & CRD_F_HASH_PARTIAL) &&
	    !swcr_range_ok(io->ilen, crd->crd_inject, xf->mlen))
		return -EINVAL;
	if (xf->kind == SWCR_NULL_HMAC) {
		if (crd->crd_flags & CRD_F_HASH_PARTIAL)
			return 0;
		memset(res, 0, xf->mlen);
		return swcr_hash_write_result(io, crd, res, xf->mlen);
	}
	if (crd->crd_flags & CRD_F_KEY_EXPLICIT) {
		err = swcr_hash_keyed(xf, io, crd, res);
		if (err)
			goto out;
		goto result;
	}

	streaming = crd->crd_flags & (CRD_F_HASH_RESET | CRD_F_HASH_PARTIAL);
	if (streaming || READ_ONCE(xf->state_live)) {
		spin_lock_bh(&xf->lock);
		if (crd->crd_flags & CRD_F_HASH_RESET)
			xf->state_live = false;
		if (xf->state_live || (crd->crd_flags & CRD_F_HASH_PARTIAL)) {
			err = 0;
			if (!xf->state_live)
				err = swcr_hash_begin(xf, xf->state);
			if (!err)
				err = swcr_hash_update(xf, io, crd, xf->state);
			xf->state_live = !err;
			if (!err && !(crd->crd_flags & CRD_F_HASH_PARTIAL)) {
				err = swcr_hash_end(xf, xf->state, res);
				xf->state_live = false;
			}
			spin_unlock_bh(&xf->lock);
			if (err || (crd->crd_flags & CRD_F_HASH_PARTIAL))
				goto out;
			goto result;
		}
		spin_unlock_bh(&xf->lock);
	}

	{
		/* Set before use: not worth the compiler's zeroing. */
		u8 dbuf[sizeof(struct shash_desc) + HASH_MAX_DESCSIZE]
			CRYPTO_MINALIGN_ATTR __uninitialized;
		struct shash_desc *desc = (void *)dbuf;

		if (xf->kind == SWCR_HASH &&
		    !(io->flags & CRYPTO_F_BUFTYPE_MASK)) {
			/* One call, as the Linux API's own digest makes. */
			desc->tfm = xf->shash;
			err = crypto_shash_digest(desc, (u8 *)io->in +
						  crd->crd_skip,
						  crd->crd_len, res);
		} else {
			err = swcr_hash_begin(xf, desc);
			if (!err)
				err = swcr_hash_update(xf, io, crd, desc);
			if (!err)
				err = swcr_hash_end(xf, desc, res);
		}
		shash_desc_zero(desc);
		if (err)
			goto out;
	}
result:
	err = swcr_hash_write_result(io, crd, res, xf->mlen);
out:
	memzero_explicit(res, crypto_shash_digestsize(xf->shash));
	return err;
}

/* Make `dst`'s running state a copy of `src`'s (same algorithm). */
int swcr_hash_copystate(struct swcr_xform *dst, struct swcr_xform *src)
{
	u8 state[HASH_MAX_DESCSIZE];
	bool live;
	int err = 0;

	if (!src->shash || !dst->shash || dst->alg != src->alg ||
	    crypto_shash_statesize(src->shash) > sizeof(state))
		return -EINVAL;
	spin_lock_bh(&src->lock);
	live = src->state_live;
	if (live)
		err = crypto_shash_export(src->state, state);
	spin_unlock_bh(&src->lock);
	if (err)
		goto out;
	spin_lock_bh(&dst->lock);
	dst->state_live = false;
	if (live) {
		err = crypto_shash_import(dst->state, state);
		dst->state_live = !err;
	}
	spin_unlock_bh(&dst->lock);
out:
	memzero_explicit(state, sizeof(state));
	return err;
}
