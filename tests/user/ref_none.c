// SPDX-License-Identifier: GPL-2.0-only
/* The references of a build without libcrypto: none (see cdev_ref.h). */
#include <stdlib.h>
#include "cdev_ref.h"

int ref_available(void)
{
	return 0;
}

int ref_cipher(uint32_t alg, const uint8_t *key, uint32_t klen,
	       const uint8_t *iv, const uint8_t *in, uint8_t *out,
	       size_t len, int encrypt)
{
	return REF_NONE;
}

void *ref_arc4_new(const uint8_t *key, uint32_t klen)
{
	return NULL;
}

void ref_arc4(void *ctx, const uint8_t *in, uint8_t *out, size_t len)
{
}

void ref_arc4_free(void *ctx)
{
}

int ref_digest(uint32_t alg, const uint8_t *key, uint32_t klen,
	       const uint8_t *iv, const uint8_t *in, size_t len,
	       uint8_t *out, unsigned int *outlen)
{
	return REF_NONE;
}

int ref_aead(uint32_t alg, const uint8_t *key, uint32_t klen,
	     const uint8_t *nonce, uint32_t nlen, const uint8_t *aad,
	     size_t alen, const uint8_t *in, size_t len, uint8_t *out,
	     uint8_t *tag, int encrypt)
{
	return REF_NONE;
}

int ref_aead_len(uint32_t alg, const uint8_t *key, uint32_t klen,
		 uint32_t nlen, const uint8_t *nonce, const uint8_t *aad,
		 size_t alen, const uint8_t *in, size_t len, uint8_t *out,
		 uint8_t *tag, uint32_t tlen, int encrypt)
{
	return REF_NONE;
}

int ref_inflate(int gzip, const uint8_t *in, size_t len, uint8_t *out,
		size_t *outlen)
{
	return REF_NONE;
}

int ref_deflate(int gzip, const uint8_t *in, size_t len, uint8_t *out,
		size_t *outlen)
{
	return REF_NONE;
}

int ref_modexp(const uint8_t *b, const uint8_t *e, const uint8_t *m,
	       size_t n, uint8_t *r)
{
	return REF_NONE;
}
