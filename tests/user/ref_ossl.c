// SPDX-License-Identifier: GPL-2.0-only
/*
 * References from OpenSSL's libcrypto (linked statically) and zlib.
 * The legacy ciphers (DES, Blowfish, CAST, RC4) live in OpenSSL 3's
 * legacy provider, which a static program cannot load, so those use
 * libcrypto's low-level functions.  HMAC and XCBC-MAC are built here
 * from the digests / AES block function (RFC 2104, RFC 3566).
 */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <string.h>
#include <stdlib.h>
#include <openssl/evp.h>
#include <openssl/des.h>
#include <openssl/blowfish.h>
#include <openssl/cast.h>
#include <openssl/rc4.h>
#include <openssl/md5.h>
#include <openssl/sha.h>
#include <openssl/ripemd.h>
#include <openssl/aes.h>
#include <openssl/bn.h>
#include <zlib.h>
#include <crypto/cryptodev.h>
#include "cdev_ref.h"

int ref_available(void)
{
	return 1;
}

static const EVP_CIPHER *evp_cipher(uint32_t alg, uint32_t klen)
{
	int k = klen * 8;

	switch (alg) {
	case CRYPTO_AES_CBC:
		return k == 128 ? EVP_aes_128_cbc() : k == 192 ?
		       EVP_aes_192_cbc() : EVP_aes_256_cbc();
	case CRYPTO_AES_ECB:
		return k == 128 ? EVP_aes_128_ecb() : k == 192 ?
		       EVP_aes_192_ecb() : EVP_aes_256_ecb();
	case CRYPTO_AES_CTR:
		return k == 128 ? EVP_aes_128_ctr() : k == 192 ?
		       EVP_aes_192_ctr() : EVP_aes_256_ctr();
	case CRYPTO_AES_CFB:
		return k == 128 ? EVP_aes_128_cfb128() : k == 192 ?
		       EVP_aes_192_cfb128() : EVP_aes_256_cfb128();
	case CRYPTO_AES_OFB:
		return k == 128 ? EVP_aes_128_ofb() : k == 192 ?
		       EVP_aes_192_ofb() : EVP_aes_256_ofb();
	case CRYPTO_AES_XTS:
		return k == 256 ? EVP_aes_128_xts() : EVP_aes_256_xts();
	case CRYPTO_CAMELLIA_CBC:
		return k == 128 ? EVP_camellia_128_cbc() : k == 192 ?
		       EVP_camellia_192_cbc() : EVP_camellia_256_cbc();
	}
	return NULL;
}

int ref_cipher(uint32_t alg, const uint8_t *key, uint32_t klen,
	       const uint8_t *iv, const uint8_t *in, uint8_t *out,
	       size_t len, int encrypt)
{
	const EVP_CIPHER *c;
	EVP_CIPHER_CTX *ctx;
	uint8_t ivc[16];
	int n, ok;

	if (iv)
		memcpy(ivc, iv, 16);
	switch (alg) {
	case CRYPTO_NULL:
		memmove(out, in, len);
		return REF_OK;
	case CRYPTO_DES_CBC: {
		DES_key_schedule ks;

		DES_set_key_unchecked((const_DES_cblock *)key, &ks);
		DES_ncbc_encrypt(in, out, len, &ks, (DES_cblock *)ivc,
				 encrypt);
		return REF_OK;
	}
	case CRYPTO_3DES_CBC: {
		DES_key_schedule k1, k2, k3;

		DES_set_key_unchecked((const_DES_cblock *)key, &k1);
		DES_set_key_unchecked((const_DES_cblock *)(key + 8), &k2);
		DES_set_key_unchecked((const_DES_cblock *)(key + 16), &k3);
		DES_ede3_cbc_encrypt(in, out, len, &k1, &k2, &k3,
				     (DES_cblock *)ivc, encrypt);
		return REF_OK;
	}
	case CRYPTO_BLF_CBC: {
		BF_KEY bk;

		BF_set_key(&bk, klen, key);
		BF_cbc_encrypt(in, out, len, &bk, ivc, encrypt);
		return REF_OK;
	}
	case CRYPTO_CAST_CBC: {
		CAST_KEY ck;

		CAST_set_key(&ck, klen, key);
		CAST_cbc_encrypt(in, out, len, &ck, ivc, encrypt);
		return REF_OK;
	}
	case CRYPTO_ARC4: {
		RC4_KEY rk;

		RC4_set_key(&rk, klen, key);
		RC4(&rk, len, in, out);
		return REF_OK;
	}
	}
	c = evp_cipher(alg, klen);
	if (!c)
		return REF_NONE;
	if (!len)
		return REF_OK;
	ctx = EVP_CIPHER_CTX_new();
	ok = ctx && EVP_CipherInit_ex(ctx, c, NULL, key, iv, encrypt) &&
	     EVP_CIPHER_CTX_set_padding(ctx, 0) &&
	     EVP_CipherUpdate(ctx, out, &n, in, len) &&
	     EVP_CipherFinal_ex(ctx, out + n, &n);
	EVP_CIPHER_CTX_free(ctx);
	return ok ? REF_OK : REF_FAIL;
}

void *ref_arc4_new(const uint8_t *key, uint32_t klen)
{
	RC4_KEY *rk = malloc(sizeof(*rk));

	if (rk)
		RC4_set_key(rk, klen, key);
	return rk;
}

void ref_arc4(void *ctx, const uint8_t *in, uint8_t *out, size_t len)
{
	RC4(ctx, len, in, out);
}

void ref_arc4_free(void *ctx)
{
	free(ctx);
}

/* One-shot digest by CRYPTO_* hash number; returns length or 0. */
static unsigned int hash1(uint32_t alg, const uint8_t *in, size_t len,
			  uint8_t *out, unsigned int *block)
{
	*block = 64;
	switch (alg) {
	case CRYPTO_MD5:
		MD5(in, len, out);
		return 16;
	case CRYPTO_SHA1:
		SHA1(in, len, out);
		return 20;
	case CRYPTO_RIPEMD160:
		RIPEMD160(in, len, out);
		return 20;
	case CRYPTO_SHA2_224:
		SHA224(in, len, out);
		return 28;
	case CRYPTO_SHA2_256:
		SHA256(in, len, out);
		return 32;
	case CRYPTO_SHA2_384:
		*block = 128;
		SHA384(in, len, out);
		return 48;
	case CRYPTO_SHA2_512:
		*block = 128;
		SHA512(in, len, out);
		return 64;
	}
	return 0;
}

/* RFC 2104 over hash1(). */
static unsigned int hmac1(uint32_t h, const uint8_t *key, uint32_t klen,
			  const uint8_t *in, size_t len, uint8_t *out)
{
	uint8_t k[128] = { 0 }, inner[64];
	unsigned int bs, n, i;
	uint8_t *buf = malloc(128 + (len > 64 ? len : 64));

	if (!buf)
		return 0;
	hash1(h, NULL, 0, inner, &bs);
	if (klen > bs)
		hash1(h, key, klen, k, &bs);
	else
		memcpy(k, key, klen);
	for (i = 0; i < bs; i++)
		buf[i] = k[i] ^ 0x36;
	memcpy(buf + bs, in, len);
	n = hash1(h, buf, bs + len, inner, &bs);
	for (i = 0; i < bs; i++)
		buf[i] = k[i] ^ 0x5c;
	memcpy(buf + bs, inner, n);
	n = hash1(h, buf, bs + n, out, &bs);
	free(buf);
	return n;
}

/* RFC 3566 AES-XCBC-MAC-96. */
static void xcbc(const uint8_t *key, const uint8_t *in, size_t len,
		 uint8_t *out)
{
	AES_KEY k, k1;
	uint8_t kk[3][16], e[16] = { 0 }, last[16];
	size_t i, j, full;

	AES_set_encrypt_key(key, 128, &k);
	for (i = 0; i < 3; i++) {
		memset(last, (int)i + 1, 16);
		AES_encrypt(last, kk[i], &k);
	}
	AES_set_encrypt_key(kk[0], 128, &k1);
	full = len ? (len - 1) / 16 : 0;	/* blocks before the last */
	for (i = 0; i < full; i++) {
		for (j = 0; j < 16; j++)
			e[j] ^= in[i * 16 + j];
		AES_encrypt(e, e, &k1);
	}
	memset(last, 0, 16);
	j = len - full * 16;
	memcpy(last, in + full * 16, j);
	if (j == 16) {
		for (i = 0; i < 16; i++)
			last[i] ^= kk[1][i];
	} else {
		last[j] = 0x80;
		for (i = 0; i < 16; i++)
			last[i] ^= kk[2][i];
	}
	for (i = 0; i < 16; i++)
		e[i] ^= last[i];
	AES_encrypt(e, e, &k1);
	memcpy(out, e, 12);
}

static int gcm(const uint8_t *key, uint32_t klen, const uint8_t *nonce,
	       uint32_t nlen, const uint8_t *aad, size_t alen,
	       const uint8_t *in, size_t len, uint8_t *out, uint8_t *tag,
	       uint32_t tlen, int encrypt)
{
	const EVP_CIPHER *c = klen == 16 ? EVP_aes_128_gcm() : klen == 24 ?
			      EVP_aes_192_gcm() : EVP_aes_256_gcm();
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int n, ok;

	ok = ctx && EVP_CipherInit_ex(ctx, c, NULL, NULL, NULL, encrypt) &&
	     EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, nlen, NULL) &&
	     EVP_CipherInit_ex(ctx, NULL, NULL, key, nonce, encrypt) &&
	     (!alen || EVP_CipherUpdate(ctx, NULL, &n, aad, alen)) &&
	     (!len || EVP_CipherUpdate(ctx, out, &n, in, len));
	if (ok && !encrypt)
		ok = EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, tlen, tag);
	if (ok) {
		uint8_t fin[16];

		ok = EVP_CipherFinal_ex(ctx, fin, &n);
		if (!ok && !encrypt) {
			EVP_CIPHER_CTX_free(ctx);
			return REF_FAIL;
		}
	}
	if (ok && encrypt)
		ok = EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, tlen, tag);
	EVP_CIPHER_CTX_free(ctx);
	return ok ? REF_OK : REF_FAIL;
}

static int ccm(const uint8_t *key, uint32_t klen, const uint8_t *nonce,
	       uint32_t nlen, const uint8_t *aad, size_t alen,
	       const uint8_t *in, size_t len, uint8_t *out, uint8_t *tag,
	       uint32_t tlen, int encrypt)
{
	const EVP_CIPHER *c = klen == 16 ? EVP_aes_128_ccm() : klen == 24 ?
			      EVP_aes_192_ccm() : EVP_aes_256_ccm();
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	uint8_t dummy[1];
	int n, ok;

	ok = ctx && EVP_CipherInit_ex(ctx, c, NULL, NULL, NULL, encrypt) &&
	     EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_CCM_SET_IVLEN, nlen, NULL) &&
	     EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_CCM_SET_TAG, tlen,
				 encrypt ? NULL : tag) &&
	     EVP_CipherInit_ex(ctx, NULL, NULL, key, nonce, encrypt) &&
	     EVP_CipherUpdate(ctx, NULL, &n, NULL, len) &&
	     (!alen || EVP_CipherUpdate(ctx, NULL, &n, aad, alen));
	if (!ok) {
		EVP_CIPHER_CTX_free(ctx);
		return REF_FAIL;
	}
	ok = EVP_CipherUpdate(ctx, len ? out : dummy, &n, len ? in : dummy,
			      len);
	if (!ok) {
		EVP_CIPHER_CTX_free(ctx);
		return encrypt ? REF_FAIL : REF_FAIL;
	}
	if (encrypt)
		ok = EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_CCM_GET_TAG, tlen, tag);
	EVP_CIPHER_CTX_free(ctx);
	return ok ? REF_OK : REF_FAIL;
}

int ref_digest(uint32_t alg, const uint8_t *key, uint32_t klen,
	       const uint8_t *iv, const uint8_t *in, size_t len,
	       uint8_t *out, unsigned int *outlen)
{
	unsigned int bs, n = 0;
	uint8_t full[64];

	switch (alg) {
	case CRYPTO_MD5: case CRYPTO_SHA1: case CRYPTO_RIPEMD160:
	case CRYPTO_SHA2_224: case CRYPTO_SHA2_256: case CRYPTO_SHA2_384:
	case CRYPTO_SHA2_512:
		n = hash1(alg, in, len, out, &bs);
		break;
	case CRYPTO_MD5_HMAC:
		n = hmac1(CRYPTO_MD5, key, klen, in, len, out);
		break;
	case CRYPTO_SHA1_HMAC:
		n = hmac1(CRYPTO_SHA1, key, klen, in, len, out);
		break;
	case CRYPTO_RIPEMD160_HMAC:
		n = hmac1(CRYPTO_RIPEMD160, key, klen, in, len, out);
		break;
	case CRYPTO_SHA2_224_HMAC:
		n = hmac1(CRYPTO_SHA2_224, key, klen, in, len, out);
		break;
	case CRYPTO_SHA2_256_HMAC:
		n = hmac1(CRYPTO_SHA2_256, key, klen, in, len, out);
		break;
	case CRYPTO_SHA2_384_HMAC:
		n = hmac1(CRYPTO_SHA2_384, key, klen, in, len, out);
		break;
	case CRYPTO_SHA2_512_HMAC:
		n = hmac1(CRYPTO_SHA2_512, key, klen, in, len, out);
		break;
	case CRYPTO_MD5_HMAC_96:
		hmac1(CRYPTO_MD5, key, klen, in, len, full);
		memcpy(out, full, n = 12);
		break;
	case CRYPTO_SHA1_HMAC_96:
		hmac1(CRYPTO_SHA1, key, klen, in, len, full);
		memcpy(out, full, n = 12);
		break;
	case CRYPTO_RIPEMD160_HMAC_96:
		hmac1(CRYPTO_RIPEMD160, key, klen, in, len, full);
		memcpy(out, full, n = 12);
		break;
	case CRYPTO_AES_XCBC_MAC_96:
		xcbc(key, in, len, out);
		n = 12;
		break;
	case CRYPTO_AES_GMAC: case CRYPTO_AES_128_GMAC:
	case CRYPTO_AES_192_GMAC: case CRYPTO_AES_256_GMAC: {
		uint8_t nonce[12];

		if (klen % 8) {		/* RFC 4543: key || salt, 8-byte IV */
			klen -= 4;
			memcpy(nonce, key + klen, 4);
			memcpy(nonce + 4, iv, 8);
		} else {
			memcpy(nonce, iv, 12);
		}
		if (gcm(key, klen, nonce, 12, in, len, NULL, 0, NULL, out,
			16, 1))
			return REF_FAIL;
		n = 16;
		break;
	}
	default:
		return REF_NONE;
	}
	*outlen = n;
	return n ? REF_OK : REF_FAIL;
}

int ref_aead(uint32_t alg, const uint8_t *key, uint32_t klen,
	     const uint8_t *nonce, uint32_t nlen, const uint8_t *aad,
	     size_t alen, const uint8_t *in, size_t len, uint8_t *out,
	     uint8_t *tag, int encrypt)
{
	return ref_aead_len(alg, key, klen, alg == CRYPTO_AES_GCM ? 12 : nlen,
			    nonce, aad, alen, in, len, out, tag, 16, encrypt);
}

int ref_aead_len(uint32_t alg, const uint8_t *key, uint32_t klen,
		 uint32_t nlen, const uint8_t *nonce, const uint8_t *aad,
		 size_t alen, const uint8_t *in, size_t len, uint8_t *out,
		 uint8_t *tag, uint32_t tlen, int encrypt)
{
	if (alg == CRYPTO_AES_GCM)
		return gcm(key, klen, nonce, nlen, aad, alen, in, len, out,
			   tag, tlen, encrypt);
	if (alg == CRYPTO_AES_CCM)
		return ccm(key, klen, nonce, nlen, aad, alen, in, len, out,
			   tag, tlen, encrypt);
	return REF_NONE;
}

int ref_inflate(int gzip, const uint8_t *in, size_t len, uint8_t *out,
		size_t *outlen)
{
	z_stream z;
	int r;

	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, gzip ? 16 + MAX_WBITS : -MAX_WBITS) != Z_OK)
		return REF_FAIL;
	z.next_in = (Bytef *)in;
	z.avail_in = len;
	z.next_out = out;
	z.avail_out = *outlen;
	r = inflate(&z, Z_FINISH);
	*outlen = z.total_out;
	inflateEnd(&z);
	return r == Z_STREAM_END ? REF_OK : REF_FAIL;
}

int ref_deflate(int gzip, const uint8_t *in, size_t len, uint8_t *out,
		size_t *outlen)
{
	z_stream z;
	int r;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED,
			 gzip ? 16 + MAX_WBITS : -MAX_WBITS, 8,
			 Z_DEFAULT_STRATEGY) != Z_OK)
		return REF_FAIL;
	z.next_in = (Bytef *)in;
	z.avail_in = len;
	z.next_out = out;
	z.avail_out = *outlen;
	r = deflate(&z, Z_FINISH);
	*outlen = z.total_out;
	deflateEnd(&z);
	return r == Z_STREAM_END ? REF_OK : REF_FAIL;
}

int ref_modexp(const uint8_t *b, const uint8_t *e, const uint8_t *m,
	       size_t n, uint8_t *r)
{
	BIGNUM *bb = BN_lebin2bn(b, n, NULL), *be = BN_lebin2bn(e, n, NULL);
	BIGNUM *bm = BN_lebin2bn(m, n, NULL), *br = BN_new();
	BN_CTX *ctx = BN_CTX_new();
	int ok = bb && be && bm && br && ctx &&
		 BN_mod_exp(br, bb, be, bm, ctx) &&
		 BN_bn2lebinpad(br, r, n) == (int)n;

	BN_free(bb);
	BN_free(be);
	BN_free(bm);
	BN_free(br);
	BN_CTX_free(ctx);
	return ok ? REF_OK : REF_FAIL;
}
