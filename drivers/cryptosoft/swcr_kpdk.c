// SPDX-License-Identifier: GPL-2.0-only
/*
 * cryptosoft: MD5_KPDK and SHA1_KPDK, the keyed hashes of RFC 1828
 * (MD5) and RFC 1852 (SHA-1): H(key || fill || data || key), where fill
 * is the hash's own padding of the key alone (0x80, zeros, the key's
 * bit length) up to a 64-byte block boundary.  Linux has no such
 * construction; it is built here on the plain shash.
 */
#include <linux/slab.h>
#include <crypto/hash.h>
#include "swcr.h"
#include "swcr_kpdk.h"
#include <ocf/compat.h>

#define KPDK_BLOCK	64

int swcr_kpdk_init(struct swcr_xform *xf, const void *key, unsigned int klen)
{
	if (klen > CRYPTO_HMAC_MAX_KEY_LEN)
		return -EINVAL;
	xf->key = kmemdup(key ? key : "", klen ? klen : 1, GFP_KERNEL);
	if (!xf->key)
		return -ENOMEM;
	xf->klen = klen;
	return 0;
}

int swcr_kpdk_begin(struct swcr_xform *xf, struct shash_desc *desc)
{
	u8 fill[KPDK_BLOCK + 8];
	unsigned int n;
	u64 bits = (u64)xf->klen * 8;
	int err;

	err = crypto_shash_update(desc, xf->key, xf->klen);
	if (err)
		return err;
	/* 0x80, then zeros so that key + fill + 8 ends on a block. */
	n = KPDK_BLOCK - ((xf->klen + 1 + 8) % KPDK_BLOCK);
	if (n == KPDK_BLOCK)
		n = 0;
	memset(fill, 0, sizeof(fill));
	fill[0] = 0x80;
	/* MD5 stores the length little-endian, SHA-1 big-endian. */
	if (xf->alg == CRYPTO_MD5_KPDK)
		put_unaligned_le64(bits, fill + 1 + n);
	else
		put_unaligned_be64(bits, fill + 1 + n);
	return crypto_shash_update(desc, fill, 1 + n + 8);
}

int swcr_kpdk_end(struct swcr_xform *xf, struct shash_desc *desc)
{
	return crypto_shash_update(desc, xf->key, xf->klen);
}
