/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Known-answer vectors for the ciphers of cryptosoft.
 * Hex strings; each vector cites its source.  Written, and checked
 * against independent implementations, by cryptosoft_vectors.py.
 */
#ifndef _CRYPTOSOFT_VEC_CIPHER_H
#define _CRYPTOSOFT_VEC_CIPHER_H

#include "cryptosoft_vec.h"

static const struct swt_vec swt_cipher_vecs[] = {
	/* NIST SP 800-38A F.2.1/F.2.2 CBC-AES128 */
	{
		.name = "aes-128-cbc",
		.alg = CRYPTO_AES_CBC,
		.key = "2b7e151628aed2a6abf7158809cf4f3c",
		.iv = "000102030405060708090a0b0c0d0e0f",
		.in = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710",
		.out = "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b273bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7",
	},
	/* NIST SP 800-38A F.2.5/F.2.6 CBC-AES256 */
	{
		.name = "aes-256-cbc",
		.alg = CRYPTO_AES_CBC,
		.key = "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
		.iv = "000102030405060708090a0b0c0d0e0f",
		.in = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710",
		.out = "f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b",
	},
	/* NIST SP 800-38A F.1.1/F.1.2 ECB-AES128 */
	{
		.name = "aes-128-ecb",
		.alg = CRYPTO_AES_ECB,
		.key = "2b7e151628aed2a6abf7158809cf4f3c",
		.in = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710",
		.out = "3ad77bb40d7a3660a89ecaf32466ef97f5d3d58503b9699de785895a96fdbaaf43b1cd7f598ece23881b00e3ed0306887b0c785e27e8ad3f8223207104725dd4",
	},
	/* NIST SP 800-38A F.5.1/F.5.2 CTR-AES128 */
	{
		.name = "aes-128-ctr",
		.alg = CRYPTO_AES_CTR,
		.key = "2b7e151628aed2a6abf7158809cf4f3c",
		.iv = "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
		.in = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710",
		.out = "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee",
	},
	/* RFC 3686 section 6, Test Vector #1 (AES-128, key || nonce) */
	{
		.name = "aes-128-ctr-rfc3686",
		.alg = CRYPTO_AES_CTR,
		.key = "ae6852f8121067cc4bf7a5765577f39e00000030",
		.iv = "0000000000000000",
		.in = "53696e676c6520626c6f636b206d7367",
		.out = "e4095d4fb7a7b3792d6175a3261311b8",
	},
	/* RFC 3686 section 6, Test Vector #2 (AES-128, 32 bytes) */
	{
		.name = "aes-128-ctr-rfc3686-2",
		.alg = CRYPTO_AES_CTR,
		.key = "7e24067817fae0d743d6ce1f32539163006cb6db",
		.iv = "c0543b59da48d90b",
		.in = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
		.out = "5104a106168a72d9790d41ee8edad388eb2e1efc46da57c8fce630df9141be28",
	},
	/* IEEE Std 1619-2007 Annex B, XTS-AES-128 Vector 2 (SP 800-38E) */
	{
		.name = "aes-xts-2",
		.alg = CRYPTO_AES_XTS,
		.key = "1111111111111111111111111111111122222222222222222222222222222222",
		.iv = "33333333330000000000000000000000",
		.in = "4444444444444444444444444444444444444444444444444444444444444444",
		.out = "c454185e6a16936e39334038acef838bfb186fff7480adc4289382ecd6d394f0",
	},
	/* FIPS 81 Table C1 CBC example (DES of FIPS 46-3) */
	{
		.name = "des-cbc",
		.alg = CRYPTO_DES_CBC,
		.key = "0123456789abcdef",
		.iv = "1234567890abcdef",
		.in = "4e6f77206973207468652074696d6520666f7220616c6c20",
		.out = "e5c7cdde872bf27c43e934008c389c0f683788499a7c05f6",
	},
	/* NIST SP 800-67 Appendix B TDEA example, block 1 (CBC, IV 0) */
	{
		.name = "3des-cbc",
		.alg = CRYPTO_3DES_CBC,
		.key = "0123456789abcdef23456789abcdef01456789abcdef0123",
		.iv = "0000000000000000",
		.in = "5468652071756663",
		.out = "a826fd8ce53b855f",
	},
	/* Blowfish CBC test of the author's vector set (Schneier, E. Young) */
	{
		.name = "blowfish-cbc",
		.alg = CRYPTO_BLF_CBC,
		.key = "0123456789abcdeff0e1d2c3b4a59687",
		.iv = "fedcba9876543210",
		.in = "37363534333231204e6f77206973207468652074696d6520666f722000000000",
		.out = "6b77b4d63006dee605b156e27403979358deb9e7154616d959f1652bd5ff92cc",
	},
	/* RFC 2144 Appendix B.1, 128-bit key (CBC, IV 0) */
	{
		.name = "cast5-cbc-128",
		.alg = CRYPTO_CAST_CBC,
		.key = "0123456712345678234567893456789a",
		.iv = "0000000000000000",
		.in = "0123456789abcdef",
		.out = "238b4fe5847e44b2",
	},
	/* RFC 2144 Appendix B.1, 80-bit key (CBC, IV 0) */
	{
		.name = "cast5-cbc-80",
		.alg = CRYPTO_CAST_CBC,
		.key = "01234567123456782345",
		.iv = "0000000000000000",
		.in = "0123456789abcdef",
		.out = "eb6a711a2c02271b",
	},
	/* RFC 2144 Appendix B.1, 40-bit key (CBC, IV 0) */
	{
		.name = "cast5-cbc-40",
		.alg = CRYPTO_CAST_CBC,
		.key = "0123456712",
		.iv = "0000000000000000",
		.in = "0123456789abcdef",
		.out = "7ac816d16e9b302e",
	},
	/* RFC 3713 Appendix A, 128-bit key (CBC, IV 0) */
	{
		.name = "camellia-cbc-128",
		.alg = CRYPTO_CAMELLIA_CBC,
		.key = "0123456789abcdeffedcba9876543210",
		.iv = "00000000000000000000000000000000",
		.in = "0123456789abcdeffedcba9876543210",
		.out = "67673138549669730857065648eabe43",
	},
	/* RFC 3713 Appendix A, 192-bit key (CBC, IV 0) */
	{
		.name = "camellia-cbc-192",
		.alg = CRYPTO_CAMELLIA_CBC,
		.key = "0123456789abcdeffedcba98765432100011223344556677",
		.iv = "00000000000000000000000000000000",
		.in = "0123456789abcdeffedcba9876543210",
		.out = "b4993401b3e996f84ee5cee7d79b09b9",
	},
	/* RFC 3713 Appendix A, 256-bit key (CBC, IV 0) */
	{
		.name = "camellia-cbc-256",
		.alg = CRYPTO_CAMELLIA_CBC,
		.key = "0123456789abcdeffedcba987654321000112233445566778899aabbccddeeff",
		.iv = "00000000000000000000000000000000",
		.in = "0123456789abcdeffedcba9876543210",
		.out = "9acc237dff16d76c20ef7c919e3a7509",
	},
	/* NIST SKIPJACK and KEA Algorithm Specifications v2.0, test vector (CBC, IV 0) */
	{
		.name = "skipjack-cbc",
		.alg = CRYPTO_SKIPJACK_CBC,
		.key = "00998877665544332211",
		.iv = "0000000000000000",
		.in = "33221100ddccbbaa",
		.out = "2587cae27a12d300",
	},
	/* RFC 6229 section 2, key 0x0102030405, offsets 0-31 (zeros in) */
	{
		.name = "arc4-40",
		.alg = CRYPTO_ARC4,
		.key = "0102030405",
		.in = "0000000000000000000000000000000000000000000000000000000000000000",
		.out = "b2396305f03dc027ccc3524a0a1118a86982944f18fc82d589c403a47a0d0919",
	},
	/* RFC 6229 section 2, key 0x0102...10 (128-bit), offsets 0-31 */
	{
		.name = "arc4-128",
		.alg = CRYPTO_ARC4,
		.key = "0102030405060708090a0b0c0d0e0f10",
		.in = "0000000000000000000000000000000000000000000000000000000000000000",
		.out = "9ac7cc9a609d1ef7b2932899cde41b975248c4959014126a6e8a84f11d1a9e1c",
	},
};

static const struct swt_vec swt_cipher_opt_vecs[] = {
	/* NIST SP 800-38A F.3.13 CFB128-AES128 */
	{
		.name = "aes-128-cfb",
		.alg = CRYPTO_AES_CFB,
		.key = "2b7e151628aed2a6abf7158809cf4f3c",
		.iv = "000102030405060708090a0b0c0d0e0f",
		.in = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710",
		.out = "3b3fd92eb72dad20333449f8e83cfb4ac8a64537a0b3a93fcde3cdad9f1ce58b26751f67a3cbb140b1808cf187a4f4dfc04b05357c5d1c0eeac4c66f9ff7f2e6",
	},
	/* NIST SP 800-38A F.4.1 OFB-AES128 */
	{
		.name = "aes-128-ofb",
		.alg = CRYPTO_AES_OFB,
		.key = "2b7e151628aed2a6abf7158809cf4f3c",
		.iv = "000102030405060708090a0b0c0d0e0f",
		.in = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710",
		.out = "3b3fd92eb72dad20333449f8e83cfb4a7789508d16918f03f53c52dac54ed8259740051e9c5fecf64344f7a82260edcc304c6528f659c77866a510d9c1d6ae5e",
	},
};

#endif
