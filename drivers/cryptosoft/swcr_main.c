// SPDX-License-Identifier: GPL-2.0-only
/*
 * cryptosoft: the OCF software driver.  Sessions map each cryptoini to a
 * transform; requests run in the caller's context, one descriptor after
 * another in chain order, and mostly complete inline.  A large cipher
 * descriptor may go to an asynchronous transform (swcr_cipher.c): then
 * its callback runs the rest of the chain and completes the request.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/wait_bit.h>
#include <linux/xarray.h>
#include <crypto/aead.h>
#include <crypto/hash.h>
#include <crypto/skcipher.h>
#include "swcr.h"

static s32 swcr_id = -1;
static DEFINE_XARRAY_ALLOC1(swcr_sessions);
/*
 * The sessions with the lowest ids (xa_alloc hands out the lowest free
 * one) again, as a plain array: the per-request look-up is one load,
 * where xa_load() takes the RCU read lock and walks a node.  A pointer
 * read here is valid as long as one from xa_load() would be: until the
 * framework frees the session, which it does with no request running.
 * The xarray stays the authority: an empty slot falls back to it.
 */
#define SWCR_FAST_SESSIONS	256
static struct swcr_session *swcr_fast[SWCR_FAST_SESSIONS];

static void swcr_fast_set(u32 lid, struct swcr_session *ses)
{
	if (lid < SWCR_FAST_SESSIONS)
		WRITE_ONCE(swcr_fast[lid], ses);
}

/*
 * Empty the slot only if it still holds `ses`: once the id is out of the
 * xarray a new session may already have taken it and its slot.
 */
static void swcr_fast_clear(u32 lid, struct swcr_session *ses)
{
	if (lid < SWCR_FAST_SESSIONS)
		cmpxchg(&swcr_fast[lid], ses, NULL);
}

static struct swcr_session *swcr_session_get(u32 lid)
{
	struct swcr_session *ses;

	if (likely(lid < SWCR_FAST_SESSIONS)) {
		ses = READ_ONCE(swcr_fast[lid]);
		if (likely(ses))
			return ses;
	}
	return xa_load(&swcr_sessions, lid);
}

struct swcr_alg_info {
	int		alg;
	enum swcr_kind	kind;
};

/* Every algorithm registered, with the family that implements it. */
static const struct swcr_alg_info swcr_algs[] = {
	{ CRYPTO_DES_CBC, SWCR_CIPHER },
	{ CRYPTO_3DES_CBC, SWCR_CIPHER },
	{ CRYPTO_BLF_CBC, SWCR_CIPHER },
	{ CRYPTO_CAST_CBC, SWCR_CIPHER },
	{ CRYPTO_CAMELLIA_CBC, SWCR_CIPHER },
	{ CRYPTO_AES_CBC, SWCR_CIPHER },
	{ CRYPTO_AES_CTR, SWCR_CIPHER },
	{ CRYPTO_AES_XTS, SWCR_CIPHER },
	{ CRYPTO_AES_ECB, SWCR_CIPHER },
	{ CRYPTO_AES_CFB, SWCR_CIPHER },
	{ CRYPTO_AES_OFB, SWCR_CIPHER },
	{ CRYPTO_NULL_CBC, SWCR_CIPHER },
	{ CRYPTO_SKIPJACK_CBC, SWCR_SKIPJACK },
	{ CRYPTO_ARC4, SWCR_ARC4 },
	{ CRYPTO_MD5, SWCR_HASH },
	{ CRYPTO_SHA1, SWCR_HASH },
	{ CRYPTO_SHA2_224, SWCR_HASH },
	{ CRYPTO_SHA2_256, SWCR_HASH },
	{ CRYPTO_SHA2_384, SWCR_HASH },
	{ CRYPTO_SHA2_512, SWCR_HASH },
	{ CRYPTO_RIPEMD160, SWCR_HASH },
	{ CRYPTO_MD5_HMAC, SWCR_HASH },
	{ CRYPTO_MD5_HMAC_96, SWCR_HASH },
	{ CRYPTO_SHA1_HMAC, SWCR_HASH },
	{ CRYPTO_SHA1_HMAC_96, SWCR_HASH },
	{ CRYPTO_SHA2_224_HMAC, SWCR_HASH },
	{ CRYPTO_SHA2_256_HMAC, SWCR_HASH },
	{ CRYPTO_SHA2_384_HMAC, SWCR_HASH },
	{ CRYPTO_SHA2_512_HMAC, SWCR_HASH },
	{ CRYPTO_RIPEMD160_HMAC, SWCR_HASH },
	{ CRYPTO_RIPEMD160_HMAC_96, SWCR_HASH },
	{ CRYPTO_AES_XCBC_MAC_96, SWCR_HASH },
	{ CRYPTO_MD5_KPDK, SWCR_KPDK },
	{ CRYPTO_SHA1_KPDK, SWCR_KPDK },
	{ CRYPTO_NULL_HMAC, SWCR_NULL_HMAC },
	{ CRYPTO_AES_GCM_16, SWCR_AEAD_CIPHER },
	{ CRYPTO_AES_CCM, SWCR_AEAD_CIPHER },
	{ CRYPTO_AES_CCM_CBC_MAC, SWCR_AEAD_MAC },
	{ CRYPTO_AES_GMAC, SWCR_GMAC },
	{ CRYPTO_AES_128_GMAC, SWCR_GMAC },
	{ CRYPTO_AES_192_GMAC, SWCR_GMAC },
	{ CRYPTO_AES_256_GMAC, SWCR_GMAC },
	{ CRYPTO_DEFLATE_COMP, SWCR_COMP },
	{ CRYPTO_DEFLATE_COMP_NOGROW, SWCR_COMP },
	{ CRYPTO_GZIP_COMP, SWCR_COMP },
};

static const struct swcr_alg_info *swcr_alg_lookup(int alg)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(swcr_algs); i++)
		if (swcr_algs[i].alg == alg)
			return &swcr_algs[i];
	return NULL;
}

static bool swcr_is_gmac(int alg)
{
	return alg == CRYPTO_AES_GMAC || alg == CRYPTO_AES_128_GMAC ||
	       alg == CRYPTO_AES_192_GMAC || alg == CRYPTO_AES_256_GMAC;
}

/* The AEAD half that pairs with `alg`, or 0. */
static bool swcr_aead_pair(int cipher, int mac)
{
	if (cipher == CRYPTO_AES_GCM_16)
		return swcr_is_gmac(mac);
	if (cipher == CRYPTO_AES_CCM)
		return mac == CRYPTO_AES_CCM_CBC_MAC;
	return false;
}

static void swcr_xform_free(struct swcr_xform *xf)
{
	switch (xf->kind) {
	case SWCR_CIPHER:
		swcr_cipher_free(xf);
		break;
	case SWCR_ARC4:
		swcr_arc4_free(xf);
		break;
	case SWCR_SKIPJACK:
		swcr_skipjack_free(xf);
		break;
	case SWCR_HASH:
	case SWCR_KPDK:
	case SWCR_NULL_HMAC:
		swcr_hash_free(xf);
		break;
	case SWCR_AEAD_CIPHER:
	case SWCR_AEAD_MAC:
	case SWCR_GMAC:
		swcr_aead_free(xf);
		break;
	case SWCR_COMP:
		swcr_comp_free(xf);
		break;
	}
}

static void swcr_session_free(struct swcr_session *ses)
{
	int i;

	/* A callback still running uses the session's transforms. */
	wait_var_event(&ses->async_pending,
		       !atomic_read(&ses->async_pending));
	for (i = 0; i < ses->nxf; i++)
		swcr_xform_free(&ses->xf[i]);
	kfree_sensitive(ses);
}

/* Set up transform `xf` from `cri`; `all` is the whole chain. */
static int swcr_xform_init(struct swcr_xform *xf, const struct cryptoini *cri,
			   const struct cryptoini *all)
{
	const struct swcr_alg_info *info = swcr_alg_lookup(cri->cri_alg);
	const struct cryptoini *c;

	if (!info)
		return -EINVAL;
	if (cri->cri_klen < 0 || (cri->cri_klen && !cri->cri_key))
		return -EINVAL;
	xf->alg = cri->cri_alg;
	xf->kind = info->kind;
	spin_lock_init(&xf->lock);
	spin_lock_init(&xf->ek_lock);

	switch (info->kind) {
	case SWCR_CIPHER:
		return swcr_cipher_init(xf, cri);
	case SWCR_ARC4:
		return swcr_arc4_init(xf, cri);
	case SWCR_SKIPJACK:
		return swcr_skipjack_init(xf, cri);
	case SWCR_HASH:
	case SWCR_KPDK:
	case SWCR_NULL_HMAC:
		return swcr_hash_init(xf, cri);
	case SWCR_COMP:
		return swcr_comp_init(xf, cri);
	case SWCR_AEAD_CIPHER:
	case SWCR_AEAD_MAC:
	case SWCR_GMAC:
		break;
	}

	/* AEAD halves find their partner in the same chain. */
	for (c = all; c; c = c->cri_next) {
		if (c == cri)
			continue;
		if (info->kind == SWCR_AEAD_CIPHER &&
		    swcr_aead_pair(cri->cri_alg, c->cri_alg)) {
			xf->partner_alg = c->cri_alg;
			return swcr_aead_init(xf, cri, c);
		}
		if (info->kind != SWCR_AEAD_CIPHER &&
		    swcr_aead_pair(c->cri_alg, cri->cri_alg)) {
			/* The MAC half only marks the pairing. */
			xf->kind = SWCR_AEAD_MAC;
			xf->partner_alg = c->cri_alg;
			return 0;
		}
	}
	if (info->kind == SWCR_GMAC)
		return swcr_aead_init(xf, cri, NULL);
	/* A GCM/CCM cipher with no MAC half has nowhere to put its tag. */
	xf->kind = SWCR_GMAC;	/* nothing allocated yet: frees cleanly */
	return -EINVAL;
}

static int swcr_newsession(void *arg, u32 *lid, struct cryptoini *cri)
{
	struct swcr_session *ses;
	const struct cryptoini *c;
	int n = 0, err;
	u32 id;

	if (!lid || !cri)
		return SWCR_OCF_ERR(-EINVAL);
	for (c = cri; c; c = c->cri_next)
		if (++n > SWCR_MAX_XFORMS)
			return SWCR_OCF_ERR(-EINVAL);

	ses = kzalloc(sizeof(*ses), GFP_KERNEL);
	if (!ses)
		return SWCR_OCF_ERR(-ENOMEM);
	for (c = cri; c; c = c->cri_next) {
		err = swcr_xform_init(&ses->xf[ses->nxf], c, cri);
		ses->nxf++;
		if (err) {
			/* Free what the failing init left, then the rest. */
			swcr_session_free(ses);
			return SWCR_OCF_ERR(err);
		}
	}
	err = xa_alloc(&swcr_sessions, &id, ses, xa_limit_32b, GFP_KERNEL);
	if (err) {
		swcr_session_free(ses);
		return SWCR_OCF_ERR(err);
	}
	ses->lid = id;
	swcr_fast_set(id, ses);
	*lid = id;
	return 0;
}

static int swcr_freesession(void *arg, u64 sid)
{
	struct swcr_session *ses;

	ses = xa_erase(&swcr_sessions, CRYPTO_SESID2LID(sid));
	if (!ses)
		return SWCR_OCF_ERR(-EINVAL);
	swcr_fast_clear(ses->lid, ses);
	swcr_session_free(ses);
	return 0;
}

/*
 * The transform for a descriptor: the n-th descriptor of an algorithm
 * in the chain uses the n-th transform of that algorithm.
 */
static struct swcr_xform *swcr_find_xform(struct swcr_session *ses,
					  struct cryptop *crp,
					  struct cryptodesc *crd)
{
	struct cryptodesc *d;
	int nth = 0, i;

	for (d = crp->crp_desc; d && d != crd; d = d->crd_next)
		if (d->crd_alg == crd->crd_alg)
			nth++;
	for (i = 0; i < ses->nxf; i++)
		if (ses->xf[i].alg == crd->crd_alg && nth-- == 0)
			return &ses->xf[i];
	return NULL;
}

static struct cryptodesc *swcr_find_desc(struct cryptop *crp, int alg)
{
	struct cryptodesc *d;

	for (d = crp->crp_desc; d; d = d->crd_next)
		if (d->crd_alg == alg)
			return d;
	return NULL;
}

/*
 * Run descriptors `from` on.  With `may_defer`, a cipher may return
 * -EINPROGRESS: its callback finishes the request, which is then no
 * longer ours to touch.
 */
static int swcr_run(struct swcr_session *ses, struct swcr_io *io,
		    struct cryptodesc *from, bool may_defer)
{
	struct cryptop *crp = io->crp;
	struct cryptodesc *crd, *other;
	struct swcr_xform *xf;
	int err;

	for (crd = from; crd; crd = crd->crd_next) {
		xf = swcr_find_xform(ses, crp, crd);
		if (!xf)
			return -EINVAL;
		/* Per-request keys: Linux-API ciphers and keyed hashes. */
		if ((crd->crd_flags & CRD_F_KEY_EXPLICIT) &&
		    xf->kind != SWCR_CIPHER && xf->kind != SWCR_HASH)
			return -EOPNOTSUPP;
		switch (xf->kind) {
		case SWCR_CIPHER:
			err = swcr_cipher_process(xf, io, crd,
						  may_defer ? ses : NULL);
			break;
		case SWCR_ARC4:
			err = swcr_arc4_process(xf, io, crd);
			break;
		case SWCR_SKIPJACK:
			err = swcr_skipjack_process(xf, io, crd);
			break;
		case SWCR_HASH:
		case SWCR_KPDK:
		case SWCR_NULL_HMAC:
			err = swcr_hash_process(xf, io, crd);
			break;
		case SWCR_AEAD_CIPHER:
			other = swcr_find_desc(crp, xf->partner_alg);
			err = other ? swcr_aead_process(xf, io, crd, other,
							may_defer ? ses : NULL) :
				      -EINVAL;
			break;
		case SWCR_AEAD_MAC:
			/* Done together with its cipher descriptor. */
			err = swcr_find_desc(crp, xf->partner_alg) ? 0 :
								    -EINVAL;
			break;
		case SWCR_GMAC:
			err = swcr_gmac_process(xf, io, crd);
			break;
		case SWCR_COMP:
			err = swcr_comp_process(xf, io, crd);
			break;
		default:
			err = -EINVAL;
		}
		if (err)
			return err;
	}
	return 0;
}

/*
 * A deferred cipher descriptor finished with `err`: run the rest of the
 * chain here (synchronously: the callback's context, BHs off) and
 * complete the request.  The session stays until async_pending drops.
 */
void swcr_resume(struct swcr_session *ses, struct swcr_io *io,
		 struct cryptodesc *next, int err)
{
	struct cryptop *crp = io->crp;

	if (!err && next)
		err = swcr_run(ses, io, next, false);
	crp->crp_etype = SWCR_OCF_ERR(err);
	crypto_done(crp);
	/* Fully ordered: swcr_session_free() sees it before it frees. */
	if (atomic_dec_and_test(&ses->async_pending))
		wake_up_var(&ses->async_pending);
}

static int swcr_process(void *arg, struct cryptop *crp, int hint)
{
	struct swcr_io io = {
		.crp = crp,
		.flags = crp->crp_flags & CRYPTO_F_BUFTYPE_MASK,
		.in = crp->crp_buf,
		.out = crp->crp_obuf ? crp->crp_obuf : crp->crp_buf,
		.ilen = crp->crp_ilen,
	};
	struct swcr_session *ses;
	int err = -EINVAL;

	ses = swcr_session_get(CRYPTO_SESID2LID(crp->crp_sid));
	if (ses && crp->crp_buf && crp->crp_desc && crp->crp_ilen >= 0) {
		err = swcr_run(ses, &io, crp->crp_desc, true);
		if (err == -EINPROGRESS)
			return 0;
	}
	crp->crp_etype = SWCR_OCF_ERR(err);
	crypto_done(crp);
	return 0;
}

/* Copy a streaming hash's state between two sessions (CIOCCPHASH). */
static int swcr_copystate(void *arg, u64 dst_sid, u64 src_sid)
{
	struct swcr_session *dst, *src;
	int i, j;

	dst = xa_load(&swcr_sessions, CRYPTO_SESID2LID(dst_sid));
	src = xa_load(&swcr_sessions, CRYPTO_SESID2LID(src_sid));
	if (!dst || !src || dst == src)
		return SWCR_OCF_ERR(-EINVAL);
	for (i = 0; i < src->nxf; i++) {
		struct swcr_xform *from = &src->xf[i];

		if (from->kind != SWCR_HASH && from->kind != SWCR_KPDK)
			continue;
		for (j = 0; j < dst->nxf; j++)
			if (dst->xf[j].alg == from->alg)
				return SWCR_OCF_ERR(swcr_hash_copystate(&dst->xf[j],
									 from));
	}
	return SWCR_OCF_ERR(-EINVAL);
}

/*
 * The Linux implementation behind algorithm @alg of a session (for
 * ocf_bench's report).  A cipher names its fastest transform: the SIMD
 * wrapper when there is one, whose inner code it calls where it can.
 */
static int swcr_describe(void *arg, u64 sid, int alg, char *buf, size_t len)
{
	struct swcr_session *ses;
	struct crypto_tfm *tfm = NULL;
	int i;

	ses = xa_load(&swcr_sessions, CRYPTO_SESID2LID(sid));
	if (!ses)
		return SWCR_OCF_ERR(-EINVAL);
	for (i = 0; i < ses->nxf && !tfm; i++) {
		struct swcr_xform *xf = &ses->xf[i];

		if (xf->alg != alg)
			continue;
		if (xf->kind == SWCR_AEAD_CIPHER && xf->aead_async)
			tfm = crypto_aead_tfm(xf->aead_async);
		else if (xf->kind == SWCR_AEAD_CIPHER && xf->aead)
			tfm = crypto_aead_tfm(xf->aead);
		else if (xf->kind == SWCR_CIPHER && xf->askc)
			tfm = crypto_skcipher_tfm(xf->askc);
		else if (xf->kind == SWCR_CIPHER && xf->skc)
			tfm = crypto_skcipher_tfm(xf->skc);
		else if (xf->kind == SWCR_HASH && xf->shash)
			tfm = crypto_shash_tfm(xf->shash);
		else
			return SWCR_OCF_ERR(-EOPNOTSUPP);
	}
	if (!tfm)
		return SWCR_OCF_ERR(-ENOENT);
	strscpy(buf, crypto_tfm_alg_driver_name(tfm), len);
	return 0;
}

static const u32 swcr_kops[] = {
	CRK_MOD_EXP, CRK_MOD_EXP_CRT, CRK_DSA_SIGN, CRK_DSA_VERIFY,
	CRK_DH_COMPUTE_KEY,
};

static int __init swcr_init(void)
{
	int i, err;

	err = swcr_cipher_cache_init();
	if (err)
		return err;
	err = swcr_aead_cache_init();
	if (err)
		goto fail_aead;
	err = swcr_kop_init();
	if (err)
		goto fail_kop;
	swcr_id = crypto_get_driverid_named(CRYPTOCAP_F_SOFTWARE |
					    CRYPTOCAP_F_SYNC, "cryptosoft");
	if (swcr_id < 0) {
		pr_err("cryptosoft: no driver id (%d)\n", swcr_id);
		err = -ENODEV;
		goto fail_id;
	}
	for (i = 0; i < ARRAY_SIZE(swcr_algs); i++) {
		err = crypto_register(swcr_id, swcr_algs[i].alg, 0, 0,
				      swcr_newsession, swcr_freesession,
				      swcr_process, NULL);
		if (err)
			goto fail;
	}
	for (i = 0; i < ARRAY_SIZE(swcr_kops); i++) {
		err = crypto_kregister(swcr_id, swcr_kops[i], 0,
				       swcr_kprocess, NULL);
		if (err)
			goto fail;
	}
	err = crypto_register_copystate(swcr_id, swcr_copystate);
	if (!err)
		err = crypto_register_describe(swcr_id, swcr_describe);
	if (err)
		goto fail;
	return 0;
fail:
	pr_err("cryptosoft: registration failed (%d)\n", err);
	crypto_unregister_all(swcr_id);
	err = err < 0 ? err : -err;
fail_id:
	swcr_kop_exit();
fail_kop:
	swcr_aead_cache_exit();
fail_aead:
	swcr_cipher_cache_exit();
	return err;
}

static void __exit swcr_exit(void)
{
	struct swcr_session *ses;
	unsigned long id;

	crypto_unregister_all(swcr_id);
	/* Keying requests in flight complete before the module goes. */
	swcr_kop_exit();
	/* The framework freed or migrated every session; drop leftovers. */
	xa_for_each(&swcr_sessions, id, ses) {
		xa_erase(&swcr_sessions, id);
		swcr_fast_clear(id, ses);
		swcr_session_free(ses);
	}
	xa_destroy(&swcr_sessions);
	swcr_aead_cache_exit();
	swcr_cipher_cache_exit();
}

module_init(swcr_init);
module_exit(swcr_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("OCF software crypto driver (cryptosoft)");
