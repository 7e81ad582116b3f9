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
	/* GCM spec (McGrew-Viega) Test Case 5: 8-byte IV */
	{
		.name = "gcm-tc5-iv8",
		.alg = CRYPTO_AES_GCM_16,
		.mac_alg = CRYPTO_AES_GMAC,
		.key = "feffe9928665731c6d6a8f9467308308",
		.iv = "cafebabefacedbad",
		.aad = "feedfacedeadbeeffeedfacedeadbeefabaddad2",
		.in = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
		.out = "61353b4c2806934a777ff51fa22a4755699b2a714fcdc6f83766e5f97b6c742373806900e49f24b22b097544d4896b424989b5e1ebac0f07c23f4598",
		.tag = "3612d2e79e3b0785561be14aaca2fccb",
	},
	/* GCM spec Test Case 6: 60-byte IV (goes in the buffer, not crd_iv) */
	{
		.name = "gcm-tc6-iv60",
		.alg = CRYPTO_AES_GCM_16,
		.mac_alg = CRYPTO_AES_GMAC,
		.key = "feffe9928665731c6d6a8f9467308308",
		.iv = "9313225df88406e555909c5aff5269aa6a7a9538534f7da1e4c303d2a318a728c3c0c95156809539fcf0e2429a6b525416aedbf5a0de6a57a637b39b",
		.aad = "feedfacedeadbeeffeedfacedeadbeefabaddad2",
		.in = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
		.out = "8ce24998625615b603a033aca13fb894be9112a5c3a211a8ba262a3cca7e2ca701e4a9a4fba43c90ccdcb281d48c7c6fd62875d2aca417034c34aee5",
		.tag = "619cc5aefffe0bfa462af43c1699d050",
	},
	/* GCM spec Test Case 4, tag truncated to 12 bytes (SP 800-38D 7.1: T = MSB_t) */
	{
		.name = "gcm-tc4-tag12",
		.alg = CRYPTO_AES_GCM_16,
		.mac_alg = CRYPTO_AES_GMAC,
		.key = "feffe9928665731c6d6a8f9467308308",
		.iv = "cafebabefacedbaddecaf888",
		.aad = "feedfacedeadbeeffeedfacedeadbeefabaddad2",
		.in = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
		.out = "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
		.tag = "5bc94fbc3221a5db94fae95a",
	},
	/* GCM spec Test Case 4, tag truncated to 8 bytes (SP 800-38D 7.1: T = MSB_t) */
	{
		.name = "gcm-tc4-tag8",
		.alg = CRYPTO_AES_GCM_16,
		.mac_alg = CRYPTO_AES_GMAC,
		.key = "feffe9928665731c6d6a8f9467308308",
		.iv = "cafebabefacedbaddecaf888",
		.aad = "feedfacedeadbeeffeedfacedeadbeefabaddad2",
		.in = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
		.out = "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
		.tag = "5bc94fbc3221a5db",
	},
	/* GCM spec Test Case 4, tag truncated to 4 bytes (SP 800-38D 7.1: T = MSB_t) */
	{
		.name = "gcm-tc4-tag4",
		.alg = CRYPTO_AES_GCM_16,
		.mac_alg = CRYPTO_AES_GMAC,
		.key = "feffe9928665731c6d6a8f9467308308",
		.iv = "cafebabefacedbaddecaf888",
		.aad = "feedfacedeadbeeffeedfacedeadbeefabaddad2",
		.in = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
		.out = "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
		.tag = "5bc94fbc",
	},
	/* GCM spec Test Case 4 inputs with a 16-byte IV (value from pyca/cryptography) */
	{
		.name = "gcm-iv16",
		.alg = CRYPTO_AES_GCM_16,
		.mac_alg = CRYPTO_AES_GMAC,
		.key = "feffe9928665731c6d6a8f9467308308",
		.iv = "cafebabefacedbaddecaf888feedface",
		.aad = "feedfacedeadbeeffeedfacedeadbeefabaddad2",
		.in = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
		.out = "710b5746678b6ba050b7b313b4eb3eb5b4b787bc37adf97a283cf269efb1745f33f559ac93afcc71c1527aca31492c6b1a33a3ce34872f7e05f793aa",
		.tag = "8632a7ac1974d9378bc3d3ac53a2a1ab",
	},
	/* RFC 3610 Packet Vector #1 (13-byte nonce, M = 8) */
	{
		.name = "ccm-rfc3610-1-m8",
		.alg = CRYPTO_AES_CCM,
		.mac_alg = CRYPTO_AES_CCM_CBC_MAC,
		.key = "c0c1c2c3c4c5c6c7c8c9cacbcccdcecf",
		.iv = "0100000003020100a0a1a2a3a4a50000",
		.aad = "0001020304050607",
		.in = "08090a0b0c0d0e0f101112131415161718191a1b1c1d1e",
		.out = "588c979a61c663d2f066d0c2c0f989806d5f6b61dac384",
		.tag = "17e8d12cfdf926e0",
	},
	/* RFC 3610 Packet Vector #7 (13-byte nonce, M = 10) */
	{
		.name = "ccm-rfc3610-7-m10",
		.alg = CRYPTO_AES_CCM,
		.mac_alg = CRYPTO_AES_CCM_CBC_MAC,
		.key = "c0c1c2c3c4c5c6c7c8c9cacbcccdcecf",
		.iv = "0100000009080706a0a1a2a3a4a50000",
		.aad = "0001020304050607",
		.in = "08090a0b0c0d0e0f101112131415161718191a1b1c1d1e",
		.out = "0135d1b2c95f41d5d1d4fec185d166b8094e999dfed96c",
		.tag = "048c56602c97acbb7490",
	},
	/* RFC 3610 Packet Vector #1 inputs with M = 4 (value from pyca/cryptography) */
	{
		.name = "ccm-rfc3610-1-m4",
		.alg = CRYPTO_AES_CCM,
		.mac_alg = CRYPTO_AES_CCM_CBC_MAC,
		.key = "c0c1c2c3c4c5c6c7c8c9cacbcccdcecf",
		.iv = "0100000003020100a0a1a2a3a4a50000",
		.aad = "0001020304050607",
		.in = "08090a0b0c0d0e0f101112131415161718191a1b1c1d1e",
		.out = "588c979a61c663d2f066d0c2c0f989806d5f6b61dac384",
		.tag = "50198bbc",
	},
};

#endif
