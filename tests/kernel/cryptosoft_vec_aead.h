/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Known-answer vectors for AES-GCM and AES-CCM (two-descriptor AEAD).
 * Hex strings; each vector cites its source.  Written, and checked
 * against independent implementations, by cryptosoft_vectors.py.
 */
#ifndef _CRYPTOSOFT_VEC_AEAD_H
#define _CRYPTOSOFT_VEC_AEAD_H

#include "cryptosoft_vec.h"

static const struct swt_vec swt_aead_vecs[] = {
	/* GCM spec (McGrew-Viega) Test Case 2, as in NIST SP 800-38D validation */
	{
		.name = "gcm-tc2",
		.alg = CRYPTO_AES_GCM_16,
		.mac_alg = CRYPTO_AES_128_GMAC,
		.key = "00000000000000000000000000000000",
		.iv = "000000000000000000000000",
		.aad = "",
		.in = "00000000000000000000000000000000",
		.out = "0388dace60b6a392f328c2b971b2fe78",
		.tag = "ab6e47d42cec13bdf53a67b21257bddf",
	},
	/* GCM spec Test Case 4 (AES-128, 60-byte payload, 20-byte AAD) */
	{
		.name = "gcm-tc4",
		.alg = CRYPTO_AES_GCM_16,
		.mac_alg = CRYPTO_AES_GMAC,
		.key = "feffe9928665731c6d6a8f9467308308",
		.iv = "cafebabefacedbaddecaf888",
		.aad = "feedfacedeadbeeffeedfacedeadbeefabaddad2",
		.in = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
		.out = "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
		.tag = "5bc94fbc3221a5db94fae95ae7121a47",
	},
	/* GCM spec Test Case 16 (AES-256, 60-byte payload, 20-byte AAD) */
	{
		.name = "gcm-tc16",
		.alg = CRYPTO_AES_GCM_16,
		.mac_alg = CRYPTO_AES_256_GMAC,
		.key = "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
		.iv = "cafebabefacedbaddecaf888",
		.aad = "feedfacedeadbeeffeedfacedeadbeefabaddad2",
		.in = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
		.out = "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
		.tag = "76fc6ece0f4e1768cddf8853bb2d551b",
	},
	/* RFC 3610 Packet Vector #1 inputs with a 16-byte tag (value from pyca/cryptography) */
	{
		.name = "ccm-rfc3610-1",
		.alg = CRYPTO_AES_CCM,
		.mac_alg = CRYPTO_AES_CCM_CBC_MAC,
		.key = "c0c1c2c3c4c5c6c7c8c9cacbcccdcecf",
		.iv = "0100000003020100a0a1a2a3a4a50000",
		.aad = "0001020304050607",
		.in = "08090a0b0c0d0e0f101112131415161718191a1b1c1d1e",
		.out = "588c979a61c663d2f066d0c2c0f989806d5f6b61dac384",
		.tag = "509da654e32deac369c2dae7133cb08d",
	},
};

#endif
