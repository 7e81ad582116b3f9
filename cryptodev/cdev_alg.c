// SPDX-License-Identifier: GPL-2.0-only
/*
 * The algorithm numbers /dev/crypto accepts and what it checks before
 * handing a session to the framework: key sizes, block and IV lengths,
 * result lengths.  Whether a driver has the algorithm is the framework's
 * answer (EINVAL when none does).
 */
#include <linux/kernel.h>
#include "cdev.h"

#define KS(bytes)	(1u << ((bytes) / 4))
#define AES_KEYS	(KS(16) | KS(24) | KS(32))
#define GMAC_KEYS	(AES_KEYS | KS(20) | KS(28) | KS(36))

static const struct cdev_alg cdev_algs[] = {
	{ CRYPTO_DES_CBC, CDEV_K_CIPHER, 8, 8, 0, 8, 8, 0, "cbc(des)" },
	{ CRYPTO_3DES_CBC, CDEV_K_CIPHER, 8, 8, 0, 24, 24, 0,
	  "cbc(des3_ede)" },
	{ CRYPTO_BLF_CBC, CDEV_K_CIPHER, 8, 8, 0, 4, 56, 0, "cbc(blowfish)" },
	{ CRYPTO_CAST_CBC, CDEV_K_CIPHER, 8, 8, 0, 5, 16, 0, "cbc(cast5)" },
	{ CRYPTO_SKIPJACK_CBC, CDEV_K_CIPHER, 8, 8, 0, 10, 10, 0,
	  "cbc(skipjack)" },
	{ CRYPTO_AES_CBC, CDEV_K_CIPHER, 16, 16, 0, 0, 0, AES_KEYS,
	  "cbc(aes)" },
	{ CRYPTO_ARC4, CDEV_K_CIPHER, 1, 0, 0, 1, 256, 0, "ecb(arc4)" },
	{ CRYPTO_NULL, CDEV_K_CIPHER, 1, 0, 0, 0, 256, 0,
	  "ecb(cipher_null)" },
	{ CRYPTO_AES_CTR, CDEV_K_CIPHER, 1, 16, 0, 0, 0, AES_KEYS,
	  "ctr(aes)" },
	{ CRYPTO_AES_XTS, CDEV_K_CIPHER, 16, 16, 0, 0, 0, KS(32) | KS(64),
	  "xts(aes)" },
	{ CRYPTO_AES_ECB, CDEV_K_CIPHER, 16, 0, 0, 0, 0, AES_KEYS,
	  "ecb(aes)" },
	{ CRYPTO_AES_CFB, CDEV_K_CIPHER, 1, 16, 0, 0, 0, AES_KEYS,
	  "cfb(aes)" },
	{ CRYPTO_AES_OFB, CDEV_K_CIPHER, 1, 16, 0, 0, 0, AES_KEYS,
	  "ofb(aes)" },
	{ CRYPTO_CAMELLIA_CBC, CDEV_K_CIPHER, 16, 16, 0, 0, 0, AES_KEYS,
	  "cbc(camellia)" },
	{ CRYPTO_AES_GCM, CDEV_K_AEAD, 1, 12, 16, 0, 0, AES_KEYS,
	  "gcm(aes)" },
	{ CRYPTO_AES_CCM, CDEV_K_AEAD, 1, 16, 16, 0, 0, AES_KEYS,
	  "ccm(aes)" },

	{ CRYPTO_MD5, CDEV_K_HASH, 1, 0, 16, 0, 0, 0, "md5" },
	{ CRYPTO_SHA1, CDEV_K_HASH, 1, 0, 20, 0, 0, 0, "sha1" },
	{ CRYPTO_RIPEMD160, CDEV_K_HASH, 1, 0, 20, 0, 0, 0, "rmd160" },
	{ CRYPTO_SHA2_224, CDEV_K_HASH, 1, 0, 28, 0, 0, 0, "sha224" },
	{ CRYPTO_SHA2_256, CDEV_K_HASH, 1, 0, 32, 0, 0, 0, "sha256" },
	{ CRYPTO_SHA2_384, CDEV_K_HASH, 1, 0, 48, 0, 0, 0, "sha384" },
	{ CRYPTO_SHA2_512, CDEV_K_HASH, 1, 0, 64, 0, 0, 0, "sha512" },

	{ CRYPTO_MD5_HMAC, CDEV_K_HMAC, 1, 0, 16, 0, 512, 0, "hmac(md5)" },
	{ CRYPTO_SHA1_HMAC, CDEV_K_HMAC, 1, 0, 20, 0, 512, 0, "hmac(sha1)" },
	{ CRYPTO_RIPEMD160_HMAC, CDEV_K_HMAC, 1, 0, 20, 0, 512, 0,
	  "hmac(rmd160)" },
	{ CRYPTO_SHA2_224_HMAC, CDEV_K_HMAC, 1, 0, 28, 0, 512, 0,
	  "hmac(sha224)" },
	{ CRYPTO_SHA2_256_HMAC, CDEV_K_HMAC, 1, 0, 32, 0, 512, 0,
	  "hmac(sha256)" },
	{ CRYPTO_SHA2_384_HMAC, CDEV_K_HMAC, 1, 0, 48, 0, 512, 0,
	  "hmac(sha384)" },
	{ CRYPTO_SHA2_512_HMAC, CDEV_K_HMAC, 1, 0, 64, 0, 512, 0,
	  "hmac(sha512)" },
	{ CRYPTO_MD5_KPDK, CDEV_K_HMAC, 1, 0, 16, 0, 512, 0, "kpdk(md5)" },
	{ CRYPTO_SHA1_KPDK, CDEV_K_HMAC, 1, 0, 20, 0, 512, 0, "kpdk(sha1)" },
	{ CRYPTO_MD5_HMAC_96, CDEV_K_HMAC, 1, 0, 12, 0, 512, 0,
	  "hmac(md5)" },
	{ CRYPTO_SHA1_HMAC_96, CDEV_K_HMAC, 1, 0, 12, 0, 512, 0,
	  "hmac(sha1)" },
	{ CRYPTO_RIPEMD160_HMAC_96, CDEV_K_HMAC, 1, 0, 12, 0, 512, 0,
	  "hmac(rmd160)" },
	{ CRYPTO_NULL_HMAC, CDEV_K_HMAC, 1, 0, 12, 0, 512, 0,
	  "hmac(digest_null)" },
	{ CRYPTO_AES_XCBC_MAC_96, CDEV_K_HMAC, 1, 0, 12, 16, 16, 0,
	  "xcbc(aes)" },
	{ CRYPTO_AES_GMAC, CDEV_K_HMAC, 1, 12, 16, 0, 0, GMAC_KEYS,
	  "gmac(aes)" },
	{ CRYPTO_AES_128_GMAC, CDEV_K_HMAC, 1, 12, 16, 0, 0,
	  KS(16) | KS(20), "gmac(aes)" },
	{ CRYPTO_AES_192_GMAC, CDEV_K_HMAC, 1, 12, 16, 0, 0,
	  KS(24) | KS(28), "gmac(aes)" },
	{ CRYPTO_AES_256_GMAC, CDEV_K_HMAC, 1, 12, 16, 0, 0,
	  KS(32) | KS(36), "gmac(aes)" },

	{ CRYPTO_DEFLATE_COMP, CDEV_K_COMP, 1, 0, 0, 0, 0, 0, "deflate" },
	{ CRYPTO_DEFLATE_COMP_NOGROW, CDEV_K_COMP, 1, 0, 0, 0, 0, 0,
	  "deflate" },
	{ CRYPTO_GZIP_COMP, CDEV_K_COMP, 1, 0, 0, 0, 0, 0, "gzip" },
	{ CRYPTO_LZS_COMP, CDEV_K_COMP, 1, 0, 0, 0, 0, 0, "lzs" },
};

const struct cdev_alg *cdev_alg_find(u32 alg)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cdev_algs); i++)
		if (cdev_algs[i].alg == alg)
			return &cdev_algs[i];
	return NULL;
}

int cdev_alg_keylen_ok(const struct cdev_alg *a, u32 keylen)
{
	if (a->keysizes)
		return keylen % 4 == 0 && keylen / 4 < 32 &&
		       (a->keysizes & (1u << (keylen / 4)));
	return keylen >= a->keymin && keylen <= a->keymax;
}
