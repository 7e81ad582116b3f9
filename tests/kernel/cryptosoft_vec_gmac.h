/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Known-answer vectors for GMAC alone (a MAC-only session).
 * Hex strings; each vector cites its source.  Written, and checked
 * against independent implementations, by cryptosoft_vectors.py.
 */
#ifndef _CRYPTOSOFT_VEC_GMAC_H
#define _CRYPTOSOFT_VEC_GMAC_H

#include "cryptosoft_vec.h"

static const struct swt_vec swt_gmac_vecs[] = {
	/* GCM spec Test Case 1: empty input, the tag is the GMAC of nothing */
	{
		.name = "gmac-tc1",
		.alg = CRYPTO_AES_128_GMAC,
		.key = "00000000000000000000000000000000",
		.iv = "000000000000000000000000",
		.in = "",
		.out = "58e2fccefa7e3061367f1d57a4e7455a",
	},
	/* GCM spec Test Case 4 key/IV/AAD with no payload (value from pyca/cryptography) */
	{
		.name = "gmac-tc4-aad",
		.alg = CRYPTO_AES_GMAC,
		.key = "feffe9928665731c6d6a8f9467308308",
		.iv = "cafebabefacedbaddecaf888",
		.in = "feedfacedeadbeeffeedfacedeadbeefabaddad2",
		.out = "346434fd51d5cd0c5887ec63e39b907a",
	},
	/* RFC 4543 key || salt form of the same (value from pyca/cryptography) */
	{
		.name = "gmac-rfc4543",
		.alg = CRYPTO_AES_128_GMAC,
		.key = "feffe9928665731c6d6a8f9467308308cafebabe",
		.iv = "facedbaddecaf888",
		.in = "feedfacedeadbeeffeedfacedeadbeefabaddad2",
		.out = "346434fd51d5cd0c5887ec63e39b907a",
	},
};

#endif
