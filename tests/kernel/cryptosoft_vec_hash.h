/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Known-answer vectors for the hashes and MACs of cryptosoft.
 * Hex strings; each vector cites its source.  Written, and checked
 * against independent implementations, by cryptosoft_vectors.py.
 */
#ifndef _CRYPTOSOFT_VEC_HASH_H
#define _CRYPTOSOFT_VEC_HASH_H

#include "cryptosoft_vec.h"

static const struct swt_vec swt_hash_vecs[] = {
	/* RFC 1321 A.5 test suite: MD5("") */
	{
		.name = "md5-0",
		.alg = CRYPTO_MD5,
		.in = "",
		.out = "d41d8cd98f00b204e9800998ecf8427e",
	},
	/* RFC 1321 A.5 test suite: MD5("abc") */
	{
		.name = "md5-3",
		.alg = CRYPTO_MD5,
		.in = "616263",
		.out = "900150983cd24fb0d6963f7d28e17f72",
	},
	/* RFC 1321 A.5 test suite: MD5("message digest") */
	{
		.name = "md5-14",
		.alg = CRYPTO_MD5,
		.in = "6d65737361676520646967657374",
		.out = "f96b697d7cb7938d525a2f31aaf161d0",
	},
	/* FIPS 180-2 Appendix A.1: SHA-1("abc") */
	{
		.name = "sha1-abc",
		.alg = CRYPTO_SHA1,
		.in = "616263",
		.out = "a9993e364706816aba3e25717850c26c9cd0d89d",
	},
	/* FIPS 180-2 Appendix A.2: SHA-1 of the 56-byte message */
	{
		.name = "sha1-56",
		.alg = CRYPTO_SHA1,
		.in = "6162636462636465636465666465666765666768666768696768696a68696a6b696a6b6c6a6b6c6d6b6c6d6e6c6d6e6f6d6e6f706e6f7071",
		.out = "84983e441c3bd26ebaae4aa1f95129e5e54670f1",
	},
	/* FIPS 180-2 Change Notice 1: SHA-224("abc") */
	{
		.name = "sha224-abc",
		.alg = CRYPTO_SHA2_224,
		.in = "616263",
		.out = "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7",
	},
	/* FIPS 180-2 Appendix B.1: SHA-256("abc") */
	{
		.name = "sha256-abc",
		.alg = CRYPTO_SHA2_256,
		.in = "616263",
		.out = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
	},
	/* FIPS 180-2 Appendix B.2: SHA-256 of the 56-byte message */
	{
		.name = "sha256-56",
		.alg = CRYPTO_SHA2_256,
		.in = "6162636462636465636465666465666765666768666768696768696a68696a6b696a6b6c6a6b6c6d6b6c6d6e6c6d6e6f6d6e6f706e6f7071",
		.out = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
	},
	/* FIPS 180-2 Appendix D.1: SHA-384("abc") */
	{
		.name = "sha384-abc",
		.alg = CRYPTO_SHA2_384,
		.in = "616263",
		.out = "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
	},
	/* FIPS 180-2 Appendix C.1: SHA-512("abc") */
	{
		.name = "sha512-abc",
		.alg = CRYPTO_SHA2_512,
		.in = "616263",
		.out = "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
	},
	/* RIPEMD-160 authors' page (Dobbertin, Bosselaers, Preneel): RMD160("") */
	{
		.name = "rmd160-empty",
		.alg = CRYPTO_RIPEMD160,
		.in = "",
		.out = "9c1185a5c5e9fc54612808977ee8f548b2258d31",
	},
	/* RIPEMD-160 authors' page: RMD160("abc") */
	{
		.name = "rmd160-abc",
		.alg = CRYPTO_RIPEMD160,
		.in = "616263",
		.out = "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc",
	},
	/* RFC 2202 section 2, HMAC-MD5 test case 1 */
	{
		.name = "hmac-md5-1",
		.alg = CRYPTO_MD5_HMAC,
		.key = "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
		.in = "4869205468657265",
		.out = "9294727a3638bb1c13f48ef8158bfc9d",
	},
	/* RFC 2202 section 2, HMAC-MD5 test case 2 */
	{
		.name = "hmac-md5-2",
		.alg = CRYPTO_MD5_HMAC,
		.key = "4a656665",
		.in = "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
		.out = "750c783e6ab0b503eaa86e310a5db738",
	},
	/* RFC 2202 section 2, HMAC-MD5-96 test case 2 (RFC 2403 truncation) */
	{
		.name = "hmac-md5-96",
		.alg = CRYPTO_MD5_HMAC_96,
		.key = "4a656665",
		.in = "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
		.out = "750c783e6ab0b503eaa86e31",
	},
	/* RFC 2202 section 3, HMAC-SHA-1 test case 1 */
	{
		.name = "hmac-sha1-1",
		.alg = CRYPTO_SHA1_HMAC,
		.key = "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
		.in = "4869205468657265",
		.out = "b617318655057264e28bc0b6fb378c8ef146be00",
	},
	/* RFC 2202 section 3, HMAC-SHA-1 test case 2 */
	{
		.name = "hmac-sha1-2",
		.alg = CRYPTO_SHA1_HMAC,
		.key = "4a656665",
		.in = "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
		.out = "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
	},
	/* RFC 2202 section 3, HMAC-SHA-1-96 test case 2 (RFC 2404 truncation) */
	{
		.name = "hmac-sha1-96",
		.alg = CRYPTO_SHA1_HMAC_96,
		.key = "4a656665",
		.in = "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
		.out = "effcdf6ae5eb2fa2d27416d5",
	},
	/* RFC 4231 section 4.3, test case 2, HMAC-SHA224 */
	{
		.name = "hmac-sha224-2",
		.alg = CRYPTO_SHA2_224_HMAC,
		.key = "4a656665",
		.in = "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
		.out = "a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44",
	},
	/* RFC 4231 section 4.3, test case 2, HMAC-SHA256 */
	{
		.name = "hmac-sha256-2",
		.alg = CRYPTO_SHA2_256_HMAC,
		.key = "4a656665",
		.in = "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
		.out = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
	},
	/* RFC 4231 section 4.3, test case 2, HMAC-SHA384 */
	{
		.name = "hmac-sha384-2",
		.alg = CRYPTO_SHA2_384_HMAC,
		.key = "4a656665",
		.in = "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
		.out = "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649",
	},
	/* RFC 4231 section 4.3, test case 2, HMAC-SHA512 */
	{
		.name = "hmac-sha512-2",
		.alg = CRYPTO_SHA2_512_HMAC,
		.key = "4a656665",
		.in = "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
		.out = "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
	},
	/* RFC 4231 section 4.7, test case 6 (131-byte key), HMAC-SHA-256 */
	{
		.name = "hmac-sha256-6",
		.alg = CRYPTO_SHA2_256_HMAC,
		.key = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		.in = "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374",
		.out = "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
	},
	/* RFC 2286 section 2, HMAC-RIPEMD160 test case 1 */
	{
		.name = "hmac-rmd160-1",
		.alg = CRYPTO_RIPEMD160_HMAC,
		.key = "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
		.in = "4869205468657265",
		.out = "24cb4bd67d20fc1a5d2ed7732dcc39377f0a5668",
	},
	/* RFC 2286 section 2, HMAC-RIPEMD160 test case 2 */
	{
		.name = "hmac-rmd160-2",
		.alg = CRYPTO_RIPEMD160_HMAC,
		.key = "4a656665",
		.in = "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
		.out = "dda6c0213a485a9e24f4742064a7f033b43c4069",
	},
	/* RFC 2286 test case 2, truncated to 96 bits (RFC 2857 HMAC-RIPEMD-160-96) */
	{
		.name = "hmac-rmd160-96",
		.alg = CRYPTO_RIPEMD160_HMAC_96,
		.key = "4a656665",
		.in = "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
		.out = "dda6c0213a485a9e24f47420",
	},
	/* RFC 3566 section 4.6, Test Case #1 (empty), first 96 bits */
	{
		.name = "aes-xcbc-96-0",
		.alg = CRYPTO_AES_XCBC_MAC_96,
		.key = "000102030405060708090a0b0c0d0e0f",
		.in = "",
		.out = "75f0251d528ac01c4573dfd5",
	},
	/* RFC 3566 section 4.6, Test Case #2 (3 bytes), first 96 bits */
	{
		.name = "aes-xcbc-96-3",
		.alg = CRYPTO_AES_XCBC_MAC_96,
		.key = "000102030405060708090a0b0c0d0e0f",
		.in = "000102",
		.out = "5b376580ae2f19afe7219cee",
	},
	/* RFC 3566 section 4.6, Test Case #3 (16 bytes), first 96 bits */
	{
		.name = "aes-xcbc-96-16",
		.alg = CRYPTO_AES_XCBC_MAC_96,
		.key = "000102030405060708090a0b0c0d0e0f",
		.in = "000102030405060708090a0b0c0d0e0f",
		.out = "d2a246fa349b68a79998a439",
	},
	/* RFC 3566 section 4.6, Test Case #4 (20 bytes), first 96 bits */
	{
		.name = "aes-xcbc-96-20",
		.alg = CRYPTO_AES_XCBC_MAC_96,
		.key = "000102030405060708090a0b0c0d0e0f",
		.in = "000102030405060708090a0b0c0d0e0f10111213",
		.out = "47f51b4564966215b8985c63",
	},
	/* RFC 1828 keyed MD5 construction (no published vector; hashlib value) */
	{
		.name = "md5-kpdk",
		.alg = CRYPTO_MD5_KPDK,
		.key = "30313233343536373839616263646566",
		.in = "616263",
		.out = "8a5cf96fc298f3ca2b7a63e5a4fdcea8",
	},
	/* RFC 1852 keyed SHA-1 construction (no published vector; hashlib value) */
	{
		.name = "sha1-kpdk",
		.alg = CRYPTO_SHA1_KPDK,
		.key = "3031323334353637383961626364656678797a77",
		.in = "616263",
		.out = "3a6fee0ebca809b13fb17a243d280d5397f3218e",
	},
	/* NetBSD NULL_HMAC: 12-byte result of zeros */
	{
		.name = "null-hmac",
		.alg = CRYPTO_NULL_HMAC,
		.key = "6b",
		.in = "616263",
		.out = "000000000000000000000000",
	},
};

#endif
