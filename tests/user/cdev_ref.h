/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reference implementations the tests compare /dev/crypto against.
 * The 64-bit build links OpenSSL's libcrypto and zlib statically; the
 * 32-bit build has neither (no 32-bit libcrypto is installed), so every
 * function there returns REF_NONE and the tests fall back to published
 * known-answer vectors and round trips.
 */
#ifndef OCF_TESTS_CDEV_REF_H
#define OCF_TESTS_CDEV_REF_H

#include <stddef.h>
#include <stdint.h>

#define REF_OK		0
#define REF_NONE	(-1)	/* no reference for this algorithm/build */
#define REF_FAIL	(-2)	/* the reference itself failed (e.g. bad tag) */

/* 1 when the references are real (libcrypto linked in). */
int ref_available(void);

/* Cipher: CRYPTO_* number; iv as /dev/crypto takes it. */
int ref_cipher(uint32_t alg, const uint8_t *key, uint32_t klen,
	       const uint8_t *iv, const uint8_t *in, uint8_t *out,
	       size_t len, int encrypt);
/* ARC4 over a stream split into calls: state kept in *ctx. */
void *ref_arc4_new(const uint8_t *key, uint32_t klen);
void ref_arc4(void *ctx, const uint8_t *in, uint8_t *out, size_t len);
void ref_arc4_free(void *ctx);

/* Hash, HMAC (and _96), XCBC-MAC-96, GMAC (iv = 12-byte nonce). */
int ref_digest(uint32_t alg, const uint8_t *key, uint32_t klen,
	       const uint8_t *iv, const uint8_t *in, size_t len,
	       uint8_t *out, unsigned int *outlen);

/* AEAD: GCM (nonce 12) or CCM (nonce 7..13); 16-byte tag. */
int ref_aead(uint32_t alg, const uint8_t *key, uint32_t klen,
	     const uint8_t *nonce, uint32_t nlen, const uint8_t *aad,
	     size_t alen, const uint8_t *in, size_t len, uint8_t *out,
	     uint8_t *tag, int encrypt);

/* AEAD with any GCM IV / CCM nonce length and tag length. */
int ref_aead_len(uint32_t alg, const uint8_t *key, uint32_t klen,
		 uint32_t nlen, const uint8_t *nonce, const uint8_t *aad,
		 size_t alen, const uint8_t *in, size_t len, uint8_t *out,
		 uint8_t *tag, uint32_t tlen, int encrypt);

/* Compression: raw deflate (gzip != 0: RFC 1952). */
int ref_inflate(int gzip, const uint8_t *in, size_t len, uint8_t *out,
		size_t *outlen);
int ref_deflate(int gzip, const uint8_t *in, size_t len, uint8_t *out,
		size_t *outlen);

/* r = b^e mod m on little-endian byte strings of n bytes. */
int ref_modexp(const uint8_t *b, const uint8_t *e, const uint8_t *m,
	       size_t n, uint8_t *r);

#endif
