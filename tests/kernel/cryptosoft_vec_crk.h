/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Known-answer data for the keying operations.  Numbers are written
 * here big-endian in hex as the standards print them; the test converts
 * them to the BSD little-endian byte strings.  Written, and checked
 * with Python integers, by cryptosoft_vectors.py.
 */
#ifndef _CRYPTOSOFT_VEC_CRK_H
#define _CRYPTOSOFT_VEC_CRK_H

/* FIPS 186-2 Appendix 5: the DSA example (SHA-1 of "abc"). */
static const char *const swt_dsa_p = "8df2a494492276aa3d25759bb06869cbeac0d83afb8d0cf7cbb8324f0d7882e5d0762fc5b7210eafc2e9adac32ab7aac49693dfbf83724c2ec0736ee31c80291";
static const char *const swt_dsa_q = "c773218c737ec8ee993b4f2ded30f48edace915f";
static const char *const swt_dsa_g = "626d027839ea0a13413163a55b4cb500299d5522956cefcb3bff10f399ce2c2e71cb9de5fa24babf58e5b79521925c9cc42e9f6f464b088cc572af53e6d78802";
static const char *const swt_dsa_x = "2070b3223dba372fde1c0ffc7b2e3b498b260614";
static const char *const swt_dsa_y = "19131871d75b1612a819f29d78d1b0d7346f7aa77bb62a859bfd6c5675da9d212d3a36ef1672ef660b8c7c255cc0ec74858fba33f44c06699630a76b030ee333";
static const char *const swt_dsa_r = "8bac1ab66410435cb7181f95b16ab97c92b341c0";
static const char *const swt_dsa_s = "41e2345f1f56df2458f426d155b4ba2db6dcd8c8";
/* SHA-1("abc"), FIPS 180-2 Appendix A.1: the digest that was signed. */
static const char *const swt_dsa_digest = "a9993e364706816aba3e25717850c26c9cd0d89d";

/* RFC 5114 section 2.1 group and Appendix A.1 test data. */
static const char *const swt_dh_p = "b10b8f96a080e01dde92de5eae5d54ec52c99fbcfb06a3c69a6a9dca52d23b616073e28675a23d189838ef1e2ee652c013ecb4aea906112324975c3cd49b83bfaccbdd7d90c4bd7098488e9c219a73724effd6fae5644738faa31a4ff55bccc0a151af5f0dc8b4bd45bf37df365c1a65e68cfda76d4da708df1fb2bc2e4a4371";
static const char *const swt_dh_g = "a4d1cbd5c3fd34126765a442efb99905f8104dd258ac507fd6406cff14266d31266fea1e5c41564b777e690f5504f213160217b4b01b886a5e91547f9e2749f4d7fbd7d3b9a92ee1909d0d2263f80a76a6a24c087a091f531dbf0a0169b6a28ad662a4d18e73afa32d779d5918d08bc8858f4dcef97c2a24855e6eeb22b3b2e5";
static const char *const swt_dh_xa = "b9a3b3ae8fefc1a2930496507086f8455d48943e";
static const char *const swt_dh_ya = "2a853b3d92197501b9015b2deb3ed84f5e021dcc3e52f109d3273d2b7521281cbabe0e76ff5727fa8acce26956ba9a1fca26f20228d8693feb10841d84a7360054ece5a7f5b7a61ad3dfb3c60d2e43106d8727da37df9cce95b478755d06bcea8f9d45965f75a5f3d1df3701165fc9e50c4279ceb07f989540ae96d5d88ed776";
static const char *const swt_dh_xb = "9392c9f9eb6a7a6a9022f7d83e7223c6835bbdda";
static const char *const swt_dh_yb = "717a6cb053371ff4a3b932941c1e5663f861a1d6ad34ae66576dfb98f6c6cbf9ddd5a56c7833f6bcfdff095582ad868e440e8d09fd769e3ceccdc3d3b1e4cfa057776caaf9739b6a9fee8e7411f8d6dac09d6a4edb46cc2b5d5203090eae6126311e53fd2c14b574e6a3109a3da1be41bdceaa186f5ce06716a2b6a07b3c33fe";
static const char *const swt_dh_z = "5c804f454d30d9c4df85271f93528c91df6b48ab5f80b3b59caac1b28f8acba9cd3e39f3cb614525d9521d2e644c53b807b810f340062f257d7d6fbfe8d5e8f072e9b6e9afda9413eafb2e8b0699b1fb5a0caceddeaead7e9cfbb36ae2b420835bd83a19fb0b5e96bf8fa4d09e345525167ecd9155416f46f408ed31b63c6e6d";

/*
 * Textbook RSA (the example of Rivest, Shamir and Adleman's scheme used
 * in most references): p = 61, q = 53, e = 17, d = 2753; 65^17 mod 3233
 * = 2790.  CRT parameters dP = 53, dQ = 49, qInv = 38.
 */
#define SWT_RSA_P	61
#define SWT_RSA_Q	53
#define SWT_RSA_N	3233
#define SWT_RSA_E	17
#define SWT_RSA_D	2753
#define SWT_RSA_DP	53
#define SWT_RSA_DQ	49
#define SWT_RSA_QINV	38
#define SWT_RSA_M	65
#define SWT_RSA_C	2790

/*
 * A 1536-bit CRT case: p is the RFC 5114 section 2.1 prime, q the FIPS
 * 186-2 example's DSA prime; input and exponent are arbitrary and the
 * result was computed with Python's pow() (no published vector).
 */
static const char *const swt_crt_p = "b10b8f96a080e01dde92de5eae5d54ec52c99fbcfb06a3c69a6a9dca52d23b616073e28675a23d189838ef1e2ee652c013ecb4aea906112324975c3cd49b83bfaccbdd7d90c4bd7098488e9c219a73724effd6fae5644738faa31a4ff55bccc0a151af5f0dc8b4bd45bf37df365c1a65e68cfda76d4da708df1fb2bc2e4a4371";
static const char *const swt_crt_q = "8df2a494492276aa3d25759bb06869cbeac0d83afb8d0cf7cbb8324f0d7882e5d0762fc5b7210eafc2e9adac32ab7aac49693dfbf83724c2ec0736ee31c80291";
static const char *const swt_crt_in = "35f0f345e0f2fb5053df14c64959403fdba339534870799c32bb574cfda4ae63cd6aeaa499c1c0d7368c8d65f47dfa6ee968ea45e45ac4f66d5a8416013ecef7206d2d0692d895099fdfbe659788839850e2ecd55ff6ff44df5ee56e6a1dff2774e87efd5eee6e51387f4bfdfc7d971402f7f8f6ea26fc29d18352ddc3f190bd986f50d5e5e7eb001b51e3b725a501c2a01788a9935e243d1161ef7bf14baccff196ce3f0ad2";
static const char *const swt_crt_dp = "04e34d4b9425abc6bff953b020a29b77de53ac65fa7ddba23b2e96665bcdbb2994d1d5f91e725004ad4026323fffffffffffffffffffffffffffffffffffff";
static const char *const swt_crt_dq = "04e34d4b9425abc6bff953b020a29b77de53ac65fa7ddba23b2e96665bcdbb2994d1d5f91e725004ad4026323fffffffffffffffffffffffffffffffffffff";
static const char *const swt_crt_qinv = "a16d544d128b1bd667e6497003bed7667792adc3ab43eef315df91f71a03d6852668f575ad6fbbd82648796a2e81dacc73b2bf515acd15adebaf43a10230489d40f506c13c8a4013778893496d9e67294b6e9f341431e600f27fa410212dae7612cbc760c91e36da5d6cc0f591518bf6af35665b5ed63463df24c53bba2f88dd";
static const char *const swt_crt_out = "48a27d1f479ea711feabcc71dc32456b55f175feeb211292ed99b8d447fc8104f690162a7edeafbf4ad2cf5615fb6da169dc8c88765e59ec728518b4d82fa264230edb737e497e28c6d6ec3e20c5408dd92ba341100251a04e2a6b1e85ccb3b578576020e6df5227e605deb9d7697c1776ba206e8bd4d24d836c69ea99fa39985442c7ae6e6d187d128a6538f1dc44be86fab9946824bae1e14664996e6812ecd3695140c52f650b250a498659e40fed0d03b3a54e3faf670e3302dd3f437fec";

#endif
