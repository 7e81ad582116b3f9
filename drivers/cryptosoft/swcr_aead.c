// SPDX-License-Identifier: GPL-2.0-only
/*
 * cryptosoft: AES-GCM, AES-CCM and GMAC through Linux's AEAD API.
 *
 * An AEAD request has two descriptors (the header's convention): the
 * cipher one names the payload and IV, the MAC one the AAD and where the
 * tag is.  Both become one AEAD call whose scatterlists are
 * AAD || payload || tag, the tag entry pointing at the tag's own place
 * (crp_mac or its range of the buffer): nothing is copied but a tag on
 * the stack or in vmalloc space, or one overlapping the AAD, which goes
 * through a bounce in the request object.
 *
 * Transforms as for the ciphers (swcr_cipher.c): the synchronous
 * gcm(aes)/ccm(aes); where the kernel's fastest implementation is an
 * asynchronous SIMD wrapper (x86 "generic-gcm-aesni*"), that one for
 * requests from async_min bytes on, completing from its callback; and
 * the SIMD code behind the wrapper, called directly where
 * crypto_simd_usable(), with the request on the stack.
 */
#include <linux/slab.h>
#include <asm/simd.h>
#include <crypto/aead.h>
#include <crypto/internal/simd.h>
#include <ocf/compat.h>
#include "swcr.h"

#define SWCR_TAG_LEN	16
/* Request context kept on the stack (the x86 SIMD GCM needs none). */
#define SWCR_AEAD_STACK_CTX	64
/* The request cache's object size; larger ones are kmalloc()ed. */
#define SWCR_AEAD_OBJ		2048

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

/* A keyed copy of `name` with a 16-byte tag, or NULL. */
static struct crypto_aead *swcr_aead_alloc_keyed(const char *name, u32 type,
						 u32 mask, const u8 *key,
						 unsigned int klen)
{
	struct crypto_aead *tfm = crypto_alloc_aead(name, type, mask);

	if (IS_ERR(tfm))
		return NULL;
	if (crypto_aead_setauthsize(tfm, SWCR_TAG_LEN) ||
	    crypto_aead_setkey(tfm, key, klen)) {
		crypto_free_aead(tfm);
		return NULL;
	}
	return tfm;
}

/*
 * The kernel's preferred implementation of `name` when it is not the
 * synchronous one (then it is asynchronous), for AEAD sessions (with
 * `pair`), and the SIMD code it wraps.  Hardware-only drivers are
 * excluded: they are OCF drivers of their own.  Best effort: without
 * them every request runs on the synchronous tfm.
 */
static void swcr_aead_init_fast(struct swcr_xform *xf, const char *name,
				bool pair, const u8 *key, unsigned int klen)
{
	bool cryptd = swcr_async_use_cryptd(), simd;
	char alt[CRYPTO_MAX_ALG_NAME + 8];
	struct crypto_aead *tfm;
	const char *drv;

	/* No cryptd where it would rewrite our request: synchronous. */
	if (cryptd && !swcr_async_cryptd_aead_ok())
		return;
	/* By driver name: a cryptd instance keeps the inner cra_name. */
	if (cryptd)
		snprintf(alt, sizeof(alt), "cryptd(%s)",
			 crypto_aead_driver_name(xf->aead));
	tfm = swcr_aead_alloc_keyed(cryptd ? alt : name, 0,
				    SWCR_NOT_HW_MASK, key, klen);
	if (!tfm)
		return;
	drv = crypto_aead_driver_name(tfm);
	if (!strcmp(drv, crypto_aead_driver_name(xf->aead))) {
		crypto_free_aead(tfm);
		return;
	}
	/*
	 * A SIMD wrapper names its inner code "__" + its own driver name;
	 * a template instance (a '(' in the name) has none.  That code runs
	 * in the caller's context, its request on the stack.
	 */
	simd = !cryptd && !strchr(drv, '(');
	if (simd)
		snprintf(alt, sizeof(alt), "__%s", drv);
	if (pair)
		xf->aead_async = tfm;
	else
		crypto_free_aead(tfm);
	if (!simd)
		return;
	tfm = swcr_aead_alloc_keyed(alt, CRYPTO_ALG_INTERNAL,
				    CRYPTO_ALG_INTERNAL | CRYPTO_ALG_ASYNC |
				    CRYPTO_NOLOAD, key, klen);
	if (tfm && crypto_aead_reqsize(tfm) > SWCR_AEAD_STACK_CTX) {
		crypto_free_aead(tfm);
		tfm = NULL;
	}
	xf->aead_simd = tfm;
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
	swcr_aead_init_fast(xf, ccm ? "ccm(aes)" : "gcm(aes)", !!mac,
			    cri->cri_key, aeskey);
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
	if (xf->aead_async)
		crypto_free_aead(xf->aead_async);
	xf->aead_async = NULL;
	if (xf->aead_simd)
		crypto_free_aead(xf->aead_simd);
	xf->aead_simd = NULL;
	swcr_gcm_free(xf);
}

/*
 * One AEAD call: everything it uses until it completes.  On the stack
 * for a synchronous call whose transform needs little context, else from
 * swcr_aead_cache (or kmalloc when the context is larger still).
 */
struct swcr_aead_req {
	struct swcr_session	*ses;
	struct cryptodesc	*crd;	/* the cipher descriptor */
	struct swcr_io		io;
	struct swcr_sg		src, dst;
	int			tag_off;	/* as in swcr_aead_op */
	unsigned int		tag_len;
	bool			enc;
	bool			bounce;		/* the tag is in tag[] */
	bool			heap;		/* not from the cache */
	u8			iv[16] __aligned(16);
	u8			tag[SWCR_TAG_LEN];
	struct aead_request	req;	/* last: its context follows */
};

static struct kmem_cache *swcr_aead_cache;

int swcr_aead_cache_init(void)
{
	swcr_aead_cache = kmem_cache_create("swcr_aead", SWCR_AEAD_OBJ,
					    __alignof__(struct swcr_aead_req),
					    0, NULL);
	return swcr_aead_cache ? 0 : -ENOMEM;
}

void swcr_aead_cache_exit(void)
{
	kmem_cache_destroy(swcr_aead_cache);
}

static struct swcr_aead_req *swcr_aead_req_alloc(struct crypto_aead *tfm)
{
	size_t need = sizeof(struct swcr_aead_req) + crypto_aead_reqsize(tfm);
	struct swcr_aead_req *r;

	if (need <= SWCR_AEAD_OBJ) {
		r = kmem_cache_alloc(swcr_aead_cache, GFP_ATOMIC);
		if (r)
			r->heap = false;
	} else {
		r = kmalloc(need, GFP_ATOMIC);
		if (r)
			r->heap = true;
	}
	return r;
}

/* The request's lists, and its context and tag, which may be secret. */
static __always_inline void swcr_aead_req_release(struct swcr_aead_req *r,
						  bool stack)
{
	unsigned int ctx = crypto_aead_reqsize(crypto_aead_reqtfm(&r->req));

	if (r->dst.sg)
		swcr_sg_free(&r->dst);
	swcr_sg_free(&r->src);
	if (ctx)
		memzero_explicit(r->req.__ctx, ctx);
	if (r->bounce)
		memzero_explicit(r->tag, sizeof(r->tag));
	if (stack)
		return;
	if (r->heap)
		kfree(r);
	else
		kmem_cache_free(swcr_aead_cache, r);
}

static bool swcr_ranges_overlap(int a, int alen, int b, int blen)
{
	return alen && blen && a < b + blen && b < a + alen;
}

/*
 * Can the tag's own place be a scatterlist entry (no copy)?  crp_mac in
 * the linear map (not on the stack or in vmalloc space); a range of the
 * buffer that does not overlap the AAD, which is read while the tag is
 * written.
 */
static __always_inline bool
swcr_aead_tag_direct(const struct swcr_aead_op *op)
{
	if (op->tag_off >= 0)
		return !swcr_ranges_overlap(op->tag_off, op->tag_len,
					    op->aad_off, op->aad_len);
	return swcr_linear(0, op->io->crp->crp_mac, 0, op->tag_len);
}

/*
 * AAD (always from the input) || payload of `pay` || tag: the bounce
 * when `tag` is set, else crp_mac or the tag's range of `pay`.
 */
static __always_inline int swcr_aead_sg(struct swcr_sg *s,
					const struct swcr_aead_op *op,
					void *pay, u8 *tag)
{
	struct swcr_io *io = op->io;
	int a = 0, p = 0, t = 1, err;

	if (!tag && op->tag_off < 0)
		tag = io->crp->crp_mac;
	if (op->aad_len)
		a = swcr_sg_count(io->flags, io->in, op->aad_off,
				  op->aad_len);
	if (op->pay_len)
		p = swcr_sg_count(io->flags, pay, op->pay_off, op->pay_len);
	if (!tag)
		t = swcr_sg_count(io->flags, pay, op->tag_off, op->tag_len);
	if (a < 0 || p < 0 || t < 0)
		return -EINVAL;
	err = swcr_sg_alloc(s, a + p + t);
	if (err)
		return err;
	err = swcr_sg_append(s, io->flags, io->in, op->aad_off, op->aad_len);
	if (!err)
		err = swcr_sg_append(s, io->flags, pay, op->pay_off,
				     op->pay_len);
	if (!err && tag)
		err = swcr_sg_append_ptr(s, tag, op->tag_len);
	else if (!err)
		err = swcr_sg_append(s, io->flags, pay, op->tag_off,
				     op->tag_len);
	if (err) {
		swcr_sg_free(s);
		return err;
	}
	swcr_sg_finish(s);
	return 0;
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

/* A bounced tag of a successful encryption goes where it belongs. */
static __always_inline int swcr_aead_put_tag(struct swcr_aead_req *r)
{
	int err;

	if (!r->bounce || !r->enc)
		return 0;
	if (r->tag_off < 0) {
		memcpy(r->io.crp->crp_mac, r->tag, r->tag_len);
		return 0;
	}
	err = crypto_copyback(r->io.flags, r->io.out, r->tag_off, r->tag_len,
			      r->tag);
	return err > 0 ? -err : err;
}

/* Softirq or a cryptd worker, BHs off. */
static void swcr_aead_done(OCF_ASYNC_DONE_ARGS(data, err))
{
	OCF_ASYNC_DONE_PROLOGUE(data);
	struct swcr_aead_req *r = data;
	struct swcr_session *ses = r->ses;
	struct cryptodesc *next = r->crd->crd_next;
	struct swcr_io io = r->io;

	if (err == -EINPROGRESS)	/* left the backlog; not done yet */
		return;
	swcr_async_count(SWCR_ASYNC_AEAD);
	if (!err)
		err = swcr_aead_put_tag(r);
	swcr_aead_req_release(r, false);
	if (!err)
		io.in = io.out;
	swcr_resume(ses, &io, next, err);
}

/*
 * The transform for a request: a short CCM tag's own; the SIMD code
 * where it can run; the asynchronous wrapper from swcr_async_min bytes
 * on (with `ses`: the caller can let the callback finish the request);
 * else the synchronous one.
 */
static struct crypto_aead *swcr_aead_tfm(const struct swcr_aead_op *op,
					 struct swcr_session *ses,
					 bool *async)
{
	struct swcr_xform *xf = op->xf;

	*async = false;
	if (op->tag_len != SWCR_TAG_LEN)
		return xf->aead_var;
	if (xf->aead_simd && crypto_simd_usable())
		return xf->aead_simd;
	if (ses && xf->aead_async && swcr_async_wanted(op->pay_len)) {
		*async = true;
		return xf->aead_async;
	}
	return xf->aead;
}

/*
 * One AEAD call.  -EINPROGRESS: it went to the asynchronous transform,
 * whose callback finishes the request (then neither it nor `io` is
 * ours any more).  `crd` is the cipher descriptor the chain resumes
 * after.
 */
static int swcr_aead_run(const struct swcr_aead_op *op,
			 struct swcr_session *ses, struct cryptodesc *crd)
{
	/* Set before use: not worth the compiler's zeroing per request. */
	u8 stk[sizeof(struct swcr_aead_req) + SWCR_AEAD_STACK_CTX]
		__aligned(__alignof__(struct swcr_aead_req)) __uninitialized;
	struct swcr_io *io = op->io;
	struct swcr_xform *xf = op->xf;
	struct swcr_aead_req *r = (void *)stk;
	bool bounce = !swcr_aead_tag_direct(op), on_stack, async;
	struct crypto_aead *tfm = swcr_aead_tfm(op, ses, &async);
	unsigned int tlen = op->tag_len;
	int err;

	if (!tfm)
		return -EINVAL;
	on_stack = !async && !bounce &&
		   crypto_aead_reqsize(tfm) <= SWCR_AEAD_STACK_CTX;
	if (!on_stack) {
		r = swcr_aead_req_alloc(tfm);
		if (!r)
			return -ENOMEM;
	}
	r->bounce = bounce;
	r->enc = op->enc;
	r->tag_off = op->tag_off;
	r->tag_len = tlen;
	r->src.sg = NULL;
	r->dst.sg = NULL;
	aead_request_set_tfm(&r->req, tfm);

	if (bounce && !op->enc && op->tag_off < 0) {
		memcpy(r->tag, io->crp->crp_mac, tlen);
	} else if (bounce && !op->enc &&
		   crypto_copydata(io->flags, io->in, op->tag_off, tlen,
				   r->tag)) {
		err = -EINVAL;
		goto out;
	}
	err = swcr_aead_sg(&r->src, op, io->in, bounce ? r->tag : NULL);
	if (!err && io->in != io->out)
		err = swcr_aead_sg(&r->dst, op, io->out,
				   bounce ? r->tag : NULL);
	if (err)
		goto out;

	aead_request_set_ad(&r->req, op->aad_len);
	aead_request_set_crypt(&r->req, r->src.sg,
			       r->dst.sg ? r->dst.sg : r->src.sg,
			       op->pay_len + (op->enc ? 0 : tlen),
			       async ? r->iv : (u8 *)op->iv);
	if (async) {
		memcpy(r->iv, op->iv, sizeof(r->iv));
		r->ses = ses;
		r->crd = crd;
		r->io = *io;
		/* Never MAY_SLEEP: the caller's context may not allow it. */
		aead_request_set_callback(&r->req, CRYPTO_TFM_REQ_MAY_BACKLOG,
					  swcr_aead_done, r);
		atomic_inc(&ses->async_pending);
		err = swcr_aead_crypt(&r->req, op->enc);
		/* -EBUSY with MAY_BACKLOG: queued, the callback will come. */
		if (err == -EINPROGRESS || err == -EBUSY)
			return -EINPROGRESS;
		/* Done inline: no callback. */
		atomic_dec(&ses->async_pending);
	} else {
		aead_request_set_callback(&r->req, 0, NULL, NULL);
		if (tfm == xf->aead_var)
			err = swcr_aead_crypt_var(xf, &r->req, tlen, op->enc);
		else
			err = swcr_aead_crypt(&r->req, op->enc);
	}
	if (!err) {
		r->io = *io;
		err = swcr_aead_put_tag(r);
	}
out:
	swcr_aead_req_release(r, on_stack);
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

int swcr_aead_process(struct swcr_xform *cxf, struct swcr_io *io,
		      struct cryptodesc *ccrd, struct cryptodesc *mcrd,
		      struct swcr_session *ses)
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
	u8 iv[16] __aligned(16) = { 0 };
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
	if (cxf->saltlen)
		memcpy(iv, cxf->salt, sizeof(cxf->salt));
	err = swcr_get_iv_fast(cxf, io, ccrd, iv + cxf->saltlen,
			       own_gcm ? op.iv_len : cxf->ivlen);
	if (err)
		return err;
	if (ccm && (iv[0] < 1 || iv[0] > 7))
		return -EINVAL;	/* flags byte: L - 1 */
	op.iv = iv;
	err = own_gcm ? swcr_gcm_run(&op) : swcr_aead_run(&op, ses, ccrd);
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
	u8 iv[16] __aligned(16);
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
	err = swcr_aead_run(&op, NULL, crd);
	memzero_explicit(iv, sizeof(iv));
	return err;
}
