// SPDX-License-Identifier: GPL-2.0-only
/*
 * cryptosoft: block and stream ciphers through Linux's skcipher API.
 * Each session has a synchronous tfm and, where the kernel's fastest
 * implementation is asynchronous (x86 AES-NI modes behind cryptd), that
 * one too.  Small requests run synchronously with the request context
 * on the stack; from swcr_async_min bytes on a request goes to the fast
 * tfm with its state in a slab object and, when the tfm defers it,
 * completes from the callback.  No lock: requests on one session run
 * concurrently.  The null cipher is done here (it is the identity).
 */
#include <linux/module.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <asm/simd.h>
#include <crypto/internal/simd.h>
#include <ocf/compat.h>
#include "swcr.h"

static struct kmem_cache *swcr_areq_cache;

struct swcr_cipher_desc {
	int		alg;
	const char	*name;
	int		min_key, max_key;	/* bytes */
};

static const struct swcr_cipher_desc swcr_ciphers[] = {
	{ CRYPTO_DES_CBC, "cbc(des)", 8, 8 },
	{ CRYPTO_3DES_CBC, "cbc(des3_ede)", 24, 24 },
	{ CRYPTO_BLF_CBC, "cbc(blowfish)", 4, 56 },
	{ CRYPTO_CAST_CBC, "cbc(cast5)", 5, 16 },
	{ CRYPTO_CAMELLIA_CBC, "cbc(camellia)", 16, 32 },
	{ CRYPTO_AES_CBC, "cbc(aes)", 16, 32 },
	{ CRYPTO_AES_ECB, "ecb(aes)", 16, 32 },
	{ CRYPTO_AES_XTS, "xts(aes)", 32, 64 },
	{ CRYPTO_AES_CFB, "cfb(aes)", 16, 32 },
	{ CRYPTO_AES_OFB, "ofb(aes)", 16, 32 },
	/* AES_CTR: 16/24/32 is ctr(aes), +4 bytes of nonce is RFC 3686. */
	{ CRYPTO_AES_CTR, "ctr(aes)", 16, 36 },
	{ CRYPTO_NULL_CBC, "ecb(cipher_null)", 0, 256 },
};

/*
 * The Linux name for `alg` keyed with `bits` bits, or NULL when the
 * length does not fit.  AES-CTR's name depends on the length (RFC 3686
 * keys carry a nonce), so a per-request key must give the same name.
 */
static const char *swcr_cipher_name(int alg, int bits)
{
	const struct swcr_cipher_desc *d = NULL;
	unsigned int klen;
	int i;

	for (i = 0; i < ARRAY_SIZE(swcr_ciphers); i++)
		if (swcr_ciphers[i].alg == alg)
			d = &swcr_ciphers[i];
	if (!d || bits < 0 || bits % 8)
		return NULL;
	klen = bits / 8;
	if (klen < d->min_key || klen > d->max_key)
		return NULL;
	if (alg == CRYPTO_AES_CTR) {
		if (klen == 20 || klen == 28 || klen == 36)
			return "rfc3686(ctr(aes))";
		if (klen != 16 && klen != 24 && klen != 32)
			return NULL;
	}
	if (alg == CRYPTO_AES_XTS && klen != 32 && klen != 64)
		return NULL;
	return d->name;
}

/*
 * Keep the kernel's preferred implementation of `name` beside the
 * synchronous tfm when it is a different one (then it is asynchronous).
 * Hardware drivers are excluded (SWCR_NOT_HW_MASK).
 * Best effort: without it every request runs synchronously.
 */
static void swcr_cipher_init_async(struct swcr_xform *xf, const char *name,
				   const u8 *key, unsigned int klen)
{
	bool cryptd = swcr_async_use_cryptd();
	char alt[CRYPTO_MAX_ALG_NAME + 8];
	struct crypto_skcipher *tfm;

	/* By driver name: a cryptd instance keeps the inner cra_name. */
	if (cryptd)
		snprintf(alt, sizeof(alt), "cryptd(%s)",
			 crypto_skcipher_driver_name(xf->skc));
	tfm = crypto_alloc_skcipher(cryptd ? alt : name, 0,
				    SWCR_NOT_HW_MASK);
	if (IS_ERR(tfm))
		return;
	if (!strcmp(crypto_skcipher_driver_name(tfm),
		    crypto_skcipher_driver_name(xf->skc)) ||
	    offsetof(struct swcr_areq, req) + sizeof(struct skcipher_request) +
	    crypto_skcipher_reqsize(tfm) > SWCR_AREQ_SIZE ||
	    crypto_skcipher_setkey(tfm, key, klen)) {
		crypto_free_skcipher(tfm);
		return;
	}
	xf->askc = tfm;
	if (cryptd)
		return;
	/*
	 * The SIMD code that wrapper runs inline when the FPU is usable:
	 * called directly then, it needs no slab object and no second
	 * request.  The SIMD wrapper names it "__" + its own driver name;
	 * a template instance (a '(' in the name) has none, and a failed
	 * look-up costs a module probe.
	 */
	if (strchr(crypto_skcipher_driver_name(tfm), '('))
		return;
	snprintf(alt, sizeof(alt), "__%s", crypto_skcipher_driver_name(tfm));
	tfm = crypto_alloc_skcipher(alt, CRYPTO_ALG_INTERNAL,
				    CRYPTO_ALG_INTERNAL | CRYPTO_ALG_ASYNC |
				    CRYPTO_NOLOAD);
	if (IS_ERR(tfm))
		return;
	if (crypto_skcipher_reqsize(tfm) > SWCR_REQ_STACK ||
	    crypto_skcipher_setkey(tfm, key, klen)) {
		crypto_free_skcipher(tfm);
		return;
	}
	xf->simd_skc = tfm;
}

int swcr_cipher_init(struct swcr_xform *xf, const struct cryptoini *cri)
{
	const char *name = swcr_cipher_name(cri->cri_alg, cri->cri_klen);
	unsigned int klen = cri->cri_klen / 8;
	int err;

	if (!name)
		return -EINVAL;
	if (cri->cri_alg == CRYPTO_NULL_CBC)
		return 0;	/* no tfm, no IV, no key */

	/* Requests may come from softirq context: a synchronous tfm. */
	xf->skc = crypto_alloc_skcipher(name, 0, CRYPTO_ALG_ASYNC);
	if (IS_ERR(xf->skc)) {
		err = PTR_ERR(xf->skc);
		xf->skc = NULL;
		/* An algorithm this kernel lacks (CFB/OFB on 6.12). */
		return err == -ENOENT ? -EINVAL : err;
	}
	xf->ivlen = crypto_skcipher_ivsize(xf->skc);
	err = crypto_skcipher_setkey(xf->skc, cri->cri_key, klen);
	if (err)
		return -EINVAL;
	xf->ek_skc = crypto_alloc_skcipher(name, 0, CRYPTO_ALG_ASYNC);
	if (IS_ERR(xf->ek_skc)) {
		err = PTR_ERR(xf->ek_skc);
		xf->ek_skc = NULL;
		return err;
	}
	swcr_cipher_init_async(xf, name, cri->cri_key, klen);
	return 0;
}

void swcr_cipher_free(struct swcr_xform *xf)
{
	/* Freeing a tfm wipes its context, and with it the key. */
	if (xf->skc)
		crypto_free_skcipher(xf->skc);
	xf->skc = NULL;
	if (xf->askc)
		crypto_free_skcipher(xf->askc);
	xf->askc = NULL;
	if (xf->simd_skc)
		crypto_free_skcipher(xf->simd_skc);
	xf->simd_skc = NULL;
	if (xf->ek_skc)
		crypto_free_skcipher(xf->ek_skc);
	xf->ek_skc = NULL;
}

/*
 * The IV of a cipher descriptor, per the page: crd_iv when explicit;
 * otherwise a fresh random one when encrypting, or the one in the
 * buffer at crd_inject.  When encrypting without CRD_F_IV_PRESENT the IV
 * used is written at crd_inject.
 */
int swcr_get_iv(struct swcr_xform *xf, struct swcr_io *io,
		struct cryptodesc *crd, u8 *iv, unsigned int ivlen)
{
	bool enc = crd->crd_flags & CRD_F_ENCRYPT;
	bool present = crd->crd_flags & CRD_F_IV_PRESENT;
	int err;

	if (ivlen == 0)
		return 0;
	if (ivlen > EALG_MAX_BLOCK_LEN)
		return -EINVAL;
	if (crd->crd_flags & CRD_F_IV_EXPLICIT) {
		memcpy(iv, crd->crd_iv, ivlen);
	} else if (enc && !present) {
		get_random_bytes(iv, ivlen);
	} else {
		if (!swcr_range_ok(io->ilen, crd->crd_inject, ivlen))
			return -EINVAL;
		err = crypto_copydata(io->flags, io->in, crd->crd_inject,
				      ivlen, iv);
		if (err)
			return err < 0 ? err : -err;
	}
	if (enc && !present) {
		if (!swcr_range_ok(io->ilen, crd->crd_inject, ivlen))
			return -EINVAL;
		/* A contiguous buffer: the range is checked, no call. */
		if (!(io->flags & CRYPTO_F_BUFTYPE_MASK)) {
			memcpy((u8 *)io->out + crd->crd_inject, iv, ivlen);
			return 0;
		}
		err = crypto_copyback(io->flags, io->out, crd->crd_inject,
				      ivlen, iv);
		if (err)
			return err < 0 ? err : -err;
	}
	return 0;
}

/* Source and destination lists of a descriptor (dst->sg NULL: in place). */
static __always_inline int swcr_cipher_sgs(struct swcr_sg *src,
					   struct swcr_sg *dst,
					   struct swcr_io *io,
					   struct cryptodesc *crd)
{
	int err;

	dst->sg = NULL;
	err = swcr_sg_range(src, io->flags, io->in, crd->crd_skip,
			    crd->crd_len);
	if (err || io->out == io->in)
		return err;
	err = swcr_sg_range(dst, io->flags, io->out, crd->crd_skip,
			    crd->crd_len);
	if (err)
		swcr_sg_free(src);
	return err;
}

static void swcr_cipher_sgs_free(struct swcr_sg *src, struct swcr_sg *dst)
{
	if (dst->sg)
		swcr_sg_free(dst);
	swcr_sg_free(src);
}

static int swcr_cipher_crypt(struct skcipher_request *req,
			     struct cryptodesc *crd)
{
	if (crd->crd_flags & CRD_F_ENCRYPT)
		return crypto_skcipher_encrypt(req);
	return crypto_skcipher_decrypt(req);
}

/*
 * One descriptor through the synchronous `tfm`, the IV already in `iv`.
 * Inline: a small request's cost is mostly calls like this one.
 */
static __always_inline int swcr_cipher_run(struct crypto_skcipher *tfm,
					   struct swcr_io *io,
					   struct cryptodesc *crd, u8 *iv)
{
	/* Set before use: not worth the compiler's zeroing per request. */
	u8 __req[sizeof(struct skcipher_request) + SWCR_REQ_STACK]
		CRYPTO_MINALIGN_ATTR __uninitialized;
	struct skcipher_request *req = (void *)__req;
	unsigned int reqsize = crypto_skcipher_reqsize(tfm);
	struct swcr_sg src __uninitialized, dst __uninitialized;
	int err;

	err = swcr_cipher_sgs(&src, &dst, io, crd);
	if (err)
		return err;
	if (reqsize > SWCR_REQ_STACK) {
		req = skcipher_request_alloc(tfm, GFP_ATOMIC);
		if (!req) {
			err = -ENOMEM;
			goto out;
		}
	} else {
		skcipher_request_set_tfm(req, tfm);
	}
	skcipher_request_set_callback(req, 0, NULL, NULL);
	skcipher_request_set_crypt(req, src.sg, dst.sg ? dst.sg : src.sg,
				   crd->crd_len, iv);
	err = swcr_cipher_crypt(req, crd);
	if (req != (void *)__req)
		skcipher_request_free(req);
	else if (reqsize)
		/* The header holds only pointers; the context may not. */
		memzero_explicit(req->__ctx, reqsize);
out:
	swcr_cipher_sgs_free(&src, &dst);
	return err;
}

/* A per-request key (CRD_F_KEY_EXPLICIT) on the second transform. */
static int swcr_cipher_run_key(struct swcr_xform *xf, struct swcr_io *io,
			       struct cryptodesc *crd, u8 *iv)
{
	const char *name = swcr_cipher_name(xf->alg, crd->crd_klen);
	int err;

	if (!xf->ek_skc || !crd->crd_key || !name ||
	    strcmp(name, crypto_tfm_alg_name(crypto_skcipher_tfm(xf->ek_skc))))
		return -EINVAL;
	spin_lock_bh(&xf->ek_lock);
	err = crypto_skcipher_setkey(xf->ek_skc, crd->crd_key,
				     crd->crd_klen / 8);
	err = err ? -EINVAL : swcr_cipher_run(xf->ek_skc, io, crd, iv);
	spin_unlock_bh(&xf->ek_lock);
	return err;
}

static void swcr_areq_free(struct swcr_areq *areq)
{
	swcr_cipher_sgs_free(&areq->src, &areq->dst);
	kmem_cache_free(swcr_areq_cache, areq);
}

/* The deferred descriptor is over: free its state, run the rest. */
static void swcr_cipher_finish(struct swcr_areq *areq, int err)
{
	struct swcr_session *ses = areq->ses;
	struct cryptodesc *next = areq->crd->crd_next;
	struct swcr_io io = areq->io;

	swcr_areq_free(areq);
	if (!err)
		io.in = io.out;
	swcr_resume(ses, &io, next, err);
}

/* Softirq or a cryptd worker, BHs off. */
static void swcr_cipher_done(OCF_ASYNC_DONE_ARGS(data, err))
{
	OCF_ASYNC_DONE_PROLOGUE(data);

	if (err == -EINPROGRESS)	/* left the backlog; not done yet */
		return;
	swcr_async_count(SWCR_ASYNC_CIPHER);
	swcr_cipher_finish(data, err);
}

/*
 * One descriptor on the fast tfm.  It may complete at once (the SIMD
 * wrapper runs inline where the FPU is usable), or later through
 * swcr_cipher_done(): then -EINPROGRESS, and the request is not ours.
 */
static int swcr_cipher_submit(struct swcr_xform *xf, struct swcr_io *io,
			      struct cryptodesc *crd,
			      struct swcr_session *ses,
			      struct swcr_areq *areq)
{
	struct skcipher_request *req;
	int err;

	err = swcr_get_iv_fast(xf, io, crd, areq->iv, xf->ivlen);
	if (err) {
		kmem_cache_free(swcr_areq_cache, areq);
		return err;
	}
	err = swcr_cipher_sgs(&areq->src, &areq->dst, io, crd);
	if (err) {
		kmem_cache_free(swcr_areq_cache, areq);
		return err;
	}
	areq->ses = ses;
	areq->crd = crd;
	areq->io = *io;
	req = &areq->req;
	skcipher_request_set_tfm(req, xf->askc);
	/* Never MAY_SLEEP: the caller's context is not known to allow it. */
	skcipher_request_set_callback(req, CRYPTO_TFM_REQ_MAY_BACKLOG,
				      swcr_cipher_done, areq);
	skcipher_request_set_crypt(req, areq->src.sg,
				   areq->dst.sg ? areq->dst.sg : areq->src.sg,
				   crd->crd_len, areq->iv);
	atomic_inc(&ses->async_pending);
	err = swcr_cipher_crypt(req, crd);
	/* -EBUSY with MAY_BACKLOG: queued, the callback will come. */
	if (err == -EINPROGRESS || err == -EBUSY)
		return -EINPROGRESS;
	/* Done inline: no callback. */
	atomic_dec(&ses->async_pending);
	swcr_areq_free(areq);
	if (!err)
		io->in = io->out;
	return err;
}

/* The null cipher: the identity, so only out of place moves data. */
static int swcr_null_process(struct swcr_io *io, struct cryptodesc *crd)
{
	u8 *in = (u8 *)io->in + crd->crd_skip;
	u8 *out = (u8 *)io->out + crd->crd_skip;
	u8 chunk[SWCR_CHUNK] __uninitialized;
	int off = crd->crd_skip, len = crd->crd_len, n, err = 0;

	if (io->out == io->in || !len)
		goto done;
	if (!(io->flags & CRYPTO_F_BUFTYPE_MASK)) {
		/* memcpy: the fast string copy; memmove is a plain loop. */
		if (in + len <= out || out + len <= in)
			memcpy(out, in, len);
		else
			memmove(out, in, len);
		goto done;
	}
	while (len > 0 && !err) {
		n = min(len, SWCR_CHUNK);
		err = crypto_copydata(io->flags, io->in, off, n, chunk);
		if (!err)
			err = crypto_copyback(io->flags, io->out, off, n, chunk);
		off += n;
		len -= n;
	}
	if (err)
		return err > 0 ? -err : err;
done:
	io->in = io->out;
	return 0;
}

int swcr_cipher_process(struct swcr_xform *xf, struct swcr_io *io,
			struct cryptodesc *crd, struct swcr_session *ses)
{
	struct crypto_skcipher *tfm = xf->skc;
	struct swcr_areq *areq;
	/* Aligned: an IV off the transform's alignmask is copied per call. */
	u8 iv[EALG_MAX_BLOCK_LEN] __aligned(16) __uninitialized;
	int err;

	if (!swcr_range_ok(io->ilen, crd->crd_skip, crd->crd_len))
		return -EINVAL;
	if (xf->alg == CRYPTO_NULL_CBC)
		return swcr_null_process(io, crd);
	if (xf->simd_skc && !(crd->crd_flags & CRD_F_KEY_EXPLICIT) &&
	    crypto_simd_usable()) {
		tfm = xf->simd_skc;
	} else if (ses && xf->askc && swcr_async_wanted(crd->crd_len) &&
		   !(crd->crd_flags & CRD_F_KEY_EXPLICIT)) {
		/* Without a slab object, the synchronous tfm needs none. */
		areq = kmem_cache_alloc(swcr_areq_cache, GFP_ATOMIC);
		if (areq)
			return swcr_cipher_submit(xf, io, crd, ses, areq);
	}
	err = swcr_get_iv_fast(xf, io, crd, iv, xf->ivlen);
	if (err)
		return err;
	/* IVs are public: the copy on the stack needs no wiping. */
	if (crd->crd_len == 0)
		err = 0;
	else if (crd->crd_flags & CRD_F_KEY_EXPLICIT)
		err = swcr_cipher_run_key(xf, io, crd, iv);
	else
		err = swcr_cipher_run(tfm, io, crd, iv);
	if (err)
		return err;
	io->in = io->out;
	return 0;
}

int swcr_cipher_cache_init(void)
{
	swcr_areq_cache = kmem_cache_create("swcr_areq", SWCR_AREQ_SIZE,
					    __alignof__(struct swcr_areq), 0,
					    NULL);
	return swcr_areq_cache ? 0 : -ENOMEM;
}

void swcr_cipher_cache_exit(void)
{
	kmem_cache_destroy(swcr_areq_cache);
}
