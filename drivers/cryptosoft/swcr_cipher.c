// SPDX-License-Identifier: GPL-2.0-only
/*
 * cryptosoft: block and stream ciphers through Linux's skcipher API.
 * One synchronous tfm per session; each request gets its own request
 * context (on the stack when small), so requests on one session run
 * concurrently without a lock.
 */
#include <linux/random.h>
#include <linux/slab.h>
#include <crypto/skcipher.h>
#include "swcr.h"

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

int swcr_cipher_init(struct swcr_xform *xf, const struct cryptoini *cri)
{
	const char *name = swcr_cipher_name(cri->cri_alg, cri->cri_klen);
	unsigned int klen = cri->cri_klen / 8;
	int err;

	if (!name)
		return -EINVAL;

	/* Synchronous only: requests may come from softirq context. */
	xf->skc = crypto_alloc_skcipher(name, 0, CRYPTO_ALG_ASYNC);
	if (IS_ERR(xf->skc)) {
		err = PTR_ERR(xf->skc);
		xf->skc = NULL;
		/* An algorithm this kernel lacks (CFB/OFB on 6.12). */
		return err == -ENOENT ? -EINVAL : err;
	}
	xf->ivlen = crypto_skcipher_ivsize(xf->skc);
	if (cri->cri_alg == CRYPTO_NULL_CBC)
		return 0;	/* cipher_null takes no key */
	err = crypto_skcipher_setkey(xf->skc, cri->cri_key, klen);
	if (err)
		return -EINVAL;
	xf->ek_skc = crypto_alloc_skcipher(name, 0, CRYPTO_ALG_ASYNC);
	if (IS_ERR(xf->ek_skc)) {
		err = PTR_ERR(xf->ek_skc);
		xf->ek_skc = NULL;
		return err;
	}
	return 0;
}

void swcr_cipher_free(struct swcr_xform *xf)
{
	if (xf->skc)
		crypto_free_skcipher(xf->skc);
	xf->skc = NULL;
	/* Freeing a tfm wipes its context, and with it the last key. */
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
		err = crypto_copyback(io->flags, io->out, crd->crd_inject,
				      ivlen, iv);
		if (err)
			return err < 0 ? err : -err;
	}
	return 0;
}

/* One descriptor through `tfm`, the IV already in `iv`. */
static int swcr_cipher_run(struct crypto_skcipher *tfm, struct swcr_io *io,
			   struct cryptodesc *crd, u8 *iv)
{
	u8 __req[sizeof(struct skcipher_request) + SWCR_REQ_STACK]
		CRYPTO_MINALIGN_ATTR;
	struct skcipher_request *req = (void *)__req;
	unsigned int reqsize = crypto_skcipher_reqsize(tfm);
	struct swcr_sg src, dst;
	struct scatterlist *ssg, *dsg;
	int n, err;

	n = swcr_sg_count(io->flags, io->in, crd->crd_skip, crd->crd_len);
	if (n < 0)
		return n;
	err = swcr_sg_alloc(&src, n);
	if (err)
		return err;
	err = swcr_sg_append(&src, io->flags, io->in, crd->crd_skip,
			     crd->crd_len);
	if (err)
		goto out_src;
	ssg = swcr_sg_finish(&src);
	dsg = ssg;
	dst.sg = NULL;
	if (io->out != io->in) {
		n = swcr_sg_count(io->flags, io->out, crd->crd_skip,
				  crd->crd_len);
		err = n < 0 ? n : swcr_sg_alloc(&dst, n);
		if (err)
			goto out_src;
		err = swcr_sg_append(&dst, io->flags, io->out, crd->crd_skip,
				     crd->crd_len);
		if (err)
			goto out_dst;
		dsg = swcr_sg_finish(&dst);
	}

	if (reqsize > SWCR_REQ_STACK) {
		req = skcipher_request_alloc(tfm, GFP_ATOMIC);
		if (!req) {
			err = -ENOMEM;
			goto out_dst;
		}
	} else {
		skcipher_request_set_tfm(req, tfm);
	}
	skcipher_request_set_callback(req, 0, NULL, NULL);
	skcipher_request_set_crypt(req, ssg, dsg, crd->crd_len, iv);
	if (crd->crd_flags & CRD_F_ENCRYPT)
		err = crypto_skcipher_encrypt(req);
	else
		err = crypto_skcipher_decrypt(req);
	if (req != (void *)__req)
		skcipher_request_free(req);
	else
		skcipher_request_zero(req);
out_dst:
	if (dst.sg)
		swcr_sg_free(&dst);
out_src:
	swcr_sg_free(&src);
	return err;
}

/* A per-request key (CRD_F_KEY_EXPLICIT) on the second transform. */
static int swcr_cipher_run_key(struct swcr_xform *xf, struct swcr_io *io,
			       struct cryptodesc *crd, u8 *iv)
{
	const char *name = swcr_cipher_name(xf->alg, crd->crd_klen);
	int err;

	if (xf->alg == CRYPTO_NULL_CBC)
		return swcr_cipher_run(xf->skc, io, crd, iv);
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

int swcr_cipher_process(struct swcr_xform *xf, struct swcr_io *io,
			struct cryptodesc *crd)
{
	u8 iv[EALG_MAX_BLOCK_LEN];
	int err;

	if (!swcr_range_ok(io->ilen, crd->crd_skip, crd->crd_len))
		return -EINVAL;
	err = swcr_get_iv(xf, io, crd, iv, xf->ivlen);
	if (err)
		return err;
	if (crd->crd_len == 0)
		err = 0;
	else if (crd->crd_flags & CRD_F_KEY_EXPLICIT)
		err = swcr_cipher_run_key(xf, io, crd, iv);
	else
		err = swcr_cipher_run(xf->skc, io, crd, iv);
	memzero_explicit(iv, sizeof(iv));
	if (err)
		return err;
	io->in = io->out;
	return 0;
}
