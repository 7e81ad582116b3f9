/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-2-Clause) */
/*
 * /dev/crypto user ABI of OCF for Linux.
 *
 * Binary compatible with cryptodev-linux 1.14 (ioctl numbers, struct
 * layouts, constants), source compatible with the BSD opencrypto names,
 * plus the BSD ioctls cryptodev-linux lacks (numbers 113 and up).
 * Installed as <crypto/cryptodev.h>; needs only <linux/types.h> and
 * <linux/ioctl.h>, and compiles as C and C++.
 */
#ifndef _UAPI_CRYPTO_CRYPTODEV_H
#define _UAPI_CRYPTO_CRYPTODEV_H

#include <linux/types.h>
#include <linux/ioctl.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Algorithm numbers: cryptodev-linux's, then our extensions from 200. */
enum cryptodev_crypto_op_t {
	CRYPTO_DES_CBC = 1,
	CRYPTO_3DES_CBC = 2,
	CRYPTO_BLF_CBC = 3,
	CRYPTO_CAST_CBC = 4,
	CRYPTO_SKIPJACK_CBC = 5,
	CRYPTO_MD5_HMAC = 6,
	CRYPTO_SHA1_HMAC = 7,
	CRYPTO_RIPEMD160_HMAC = 8,
	CRYPTO_MD5_KPDK = 9,
	CRYPTO_SHA1_KPDK = 10,
	CRYPTO_RIJNDAEL128_CBC = 11,
	CRYPTO_AES_CBC = CRYPTO_RIJNDAEL128_CBC,
	CRYPTO_ARC4 = 12,
	CRYPTO_MD5 = 13,
	CRYPTO_SHA1 = 14,
	CRYPTO_DEFLATE_COMP = 15,
	CRYPTO_NULL = 16,
	CRYPTO_LZS_COMP = 17,
	CRYPTO_SHA2_256_HMAC = 18,
	CRYPTO_SHA2_384_HMAC = 19,
	CRYPTO_SHA2_512_HMAC = 20,
	CRYPTO_AES_CTR = 21,
	CRYPTO_AES_XTS = 22,
	CRYPTO_AES_ECB = 23,
	CRYPTO_AES_CFB = 24,
	CRYPTO_AES_OFB = 25,
	CRYPTO_AES_GCM = 50,
	CRYPTO_AES_CCM = 51,
	CRYPTO_CAMELLIA_CBC = 101,
	CRYPTO_RIPEMD160 = 102,
	CRYPTO_SHA2_224 = 103,
	CRYPTO_SHA2_256 = 104,
	CRYPTO_SHA2_384 = 105,
	CRYPTO_SHA2_512 = 106,
	CRYPTO_SHA2_224_HMAC = 107,
	CRYPTO_TLS11_AES_CBC_HMAC_SHA1 = 108,
	CRYPTO_TLS12_AES_CBC_HMAC_SHA256 = 109,
	CRYPTO_ALGORITHM_ALL = 110,

	/* Extensions: the NetBSD list beyond cryptodev-linux. */
	CRYPTO_NULL_HMAC = 200,
	CRYPTO_MD5_HMAC_96 = 201,
	CRYPTO_SHA1_HMAC_96 = 202,
	CRYPTO_RIPEMD160_HMAC_96 = 203,
	CRYPTO_AES_XCBC_MAC_96 = 204,
	CRYPTO_AES_GMAC = 205,
	CRYPTO_AES_128_GMAC = 206,
	CRYPTO_AES_192_GMAC = 207,
	CRYPTO_AES_256_GMAC = 208,
	CRYPTO_DEFLATE_COMP_NOGROW = 209,
	CRYPTO_GZIP_COMP = 210,
	/* The MAC half of a BSD-style two-descriptor CCM session. */
	CRYPTO_AES_CCM_CBC_MAC = 211,
	CRYPTO_ALGORITHM_EXT_END
};

/* cryptodev-linux's bound: the last of its own numbers. */
#define CRYPTO_ALGORITHM_MAX	(CRYPTO_ALGORITHM_ALL - 1)
/* One past the highest number of any kind: size of per-algorithm tables. */
#define CRYPTO_ALGORITHM_LIMIT	CRYPTO_ALGORITHM_EXT_END

/* BSD aliases. */
#define CRYPTO_NULL_CBC		CRYPTO_NULL
#define CRYPTO_AES_GCM_16	CRYPTO_AES_GCM
#define CRYPTO_AES_NIST_GCM_16	CRYPTO_AES_GCM
#define CRYPTO_AES_NIST_GMAC	CRYPTO_AES_GMAC
#define CRYPTO_AES_ICM		CRYPTO_AES_CTR

#define CRYPTO_CIPHER_MAX_KEY_LEN	64
#define CRYPTO_HMAC_MAX_KEY_LEN		512
#define EALG_MAX_BLOCK_LEN		16
#define AALG_MAX_RESULT_LEN		64
#define CRYPTODEV_MAX_ALG_NAME		64
#define HASH_MAX_LEN			64

/* Block sizes (BSD names). */
#define NULL_BLOCK_LEN		4
#define DES_BLOCK_LEN		8
#define DES3_BLOCK_LEN		8
#define BLOWFISH_BLOCK_LEN	8
#define SKIPJACK_BLOCK_LEN	8
#define CAST128_BLOCK_LEN	8
#define RIJNDAEL128_BLOCK_LEN	16
#define AES_BLOCK_LEN		16
#define CAMELLIA_BLOCK_LEN	16
#define AES_GCM_IV_LEN		12
#define AES_GMAC_HASH_LEN	16
#define AES_XCBC_MAC_96_LEN	12

/* Result lengths of the hashes and MACs (BSD names). */
#define MD5_HASH_LEN		16
#define SHA1_HASH_LEN		20
#define RIPEMD160_HASH_LEN	20
#define SHA2_224_HASH_LEN	28
#define SHA2_256_HASH_LEN	32
#define SHA2_384_HASH_LEN	48
#define SHA2_512_HASH_LEN	64
#define HMAC_96_LEN		12

/* Operations.  cryptodev-linux numbers: the BSDs use 1 and 2. */
#define COP_ENCRYPT	0
#define COP_DECRYPT	1
#define COP_COMP	3
#define COP_DECOMP	4

/* crypt_op.flags */
#define COP_FLAG_NONE		(0 << 0)
#define COP_FLAG_UPDATE		(1 << 0)
#define COP_FLAG_FINAL		(1 << 1)
#define COP_FLAG_WRITE_IV	(1 << 2)
#define COP_FLAG_NO_ZC		(1 << 3)
#define COP_FLAG_AEAD_TLS_TYPE	(1 << 4)
#define COP_FLAG_AEAD_SRTP_TYPE	(1 << 5)
#define COP_FLAG_RESET		(1 << 6)
/* BSD name: the request may wait to be batched with others. */
#define COP_F_BATCH		0x0008

/* session_info_op.flags */
#define SIOP_FLAG_KERNEL_DRIVER_ONLY	1

/* Driver capability masks, used as crid in CIOCGSESSION2/CIOCKEY2. */
#define CRYPTOCAP_F_HARDWARE	0x01000000
#define CRYPTOCAP_F_SOFTWARE	0x02000000
#define CRYPTOCAP_F_SYNC	0x04000000
#define CRYPTO_FLAG_HARDWARE	CRYPTOCAP_F_HARDWARE
#define CRYPTO_FLAG_SOFTWARE	CRYPTOCAP_F_SOFTWARE

#define CRIOGET_NOT_NEEDED	1

struct session_op {
	__u32	cipher;		/* CRYPTO_* cipher, 0 for none */
	__u32	mac;		/* CRYPTO_* hash or MAC, 0 for none */
	__u32	keylen;
	__u8	*key;
	__u32	mackeylen;
	__u8	*mackey;
	__u32	ses;		/* out: session id, never 0 */
};

/* CIOCGSESSION2: session_op plus a driver choice. */
struct session2_op {
	__u32	cipher;
	__u32	mac;
	__u32	keylen;
	__u8	*key;
	__u32	mackeylen;
	__u8	*mackey;
	__u32	ses;
	__s32	crid;		/* in: driver id or CRYPTOCAP_F_* mask; out: id */
	__u32	pad[4];
};

struct alg_info {
	char	cra_name[CRYPTODEV_MAX_ALG_NAME];
	char	cra_driver_name[CRYPTODEV_MAX_ALG_NAME];
};

struct session_info_op {
	__u32	ses;
	struct alg_info cipher_info;
	struct alg_info hash_info;
	__u16	alignmask;
	__u32	flags;		/* SIOP_FLAG_* */
};

struct crypt_op {
	__u32	ses;
	__u16	op;		/* COP_ENCRYPT or COP_DECRYPT */
	__u16	flags;		/* COP_FLAG_* */
	__u32	len;
	__u8	*src;
	__u8	*dst;
	__u8	*mac;
	__u8	*iv;
};

struct crypt_auth_op {
	__u32	ses;
	__u16	op;
	__u16	flags;
	__u32	len;		/* in: data length; out: output length */
	__u32	auth_len;
	__u8	*auth_src;	/* additional authenticated data */
	__u8	*src;
	__u8	*dst;
	__u8	*tag;
	__u32	tag_len;
	__u8	*iv;
	__u32	iv_len;
};

/* Bignum parameter: a little-endian byte string of crp_nbits bits. */
struct crparam {
	__u8	*crp_p;
	__u32	crp_nbits;
};

#define CRK_MAXPARAM	8

struct crypt_kop {
	__u32	crk_op;		/* CRK_* */
	__u32	crk_status;
	__u16	crk_iparams;
	__u16	crk_oparams;
	__u32	crk_pad1;	/* CIOCKEY2: crid in and out */
	struct crparam crk_param[CRK_MAXPARAM];
};

#define crk_crid	crk_pad1

#define CRK_MOD_EXP		0
#define CRK_MOD_EXP_CRT		1
#define CRK_DSA_SIGN		2
#define CRK_DSA_VERIFY		3
#define CRK_DH_COMPUTE_KEY	4
#define CRK_ALGORITHM_ALL	5
#define CRK_ALGORITHM_MAX	(CRK_ALGORITHM_ALL - 1)

#define CRF_MOD_EXP		(1 << CRK_MOD_EXP)
#define CRF_MOD_EXP_CRT		(1 << CRK_MOD_EXP_CRT)
#define CRF_DSA_SIGN		(1 << CRK_DSA_SIGN)
#define CRF_DSA_VERIFY		(1 << CRK_DSA_VERIFY)
#define CRF_DH_COMPUTE_KEY	(1 << CRK_DH_COMPUTE_KEY)

struct cphash_op {
	__u32	dst_ses;
	__u32	src_ses;
};

struct crypt_find_op {
	__s32	crid;		/* -1 to look up by name */
	char	name[32];
};

struct crypt_comp_op {
	__u32	ses;
	__u16	op;		/* COP_COMP or COP_DECOMP */
	__u16	flags;
	__u32	len;		/* input bytes */
	__u32	dst_len;	/* in: capacity of dst; out: bytes produced */
	__u8	*src;
	__u8	*dst;
};

/*
 * NetBSD multi-request family.  Fixed-width fields only (no size_t, no
 * pointer-sized counts, 64-bit fields 8-byte aligned on every ABI), so
 * 32- and 64-bit layouts differ only in the pointers, which the kernel's
 * compat path widens.  Every header is { count, status or pad, array }.
 * Per-entry `status` fields are 0 or a positive errno (BSD style); the
 * ioctl itself fails only when the header or array cannot be read or
 * written, or count exceeds the per-file limits (E2BIG).
 */

/* CIOCNGSESSION: create `count` sessions. */
struct crypt_sgop {
	__u32	count;		/* number of entries in sessions */
	__u32	status;		/* out: 0, or errno of the first failure */
	struct session_n_op *sessions;
};

struct session_n_op {
	__u32	cipher;
	__u32	mac;
	__u32	keylen;
	__u8	*key;
	__u32	mackeylen;
	__u8	*mackey;
	__u32	ses;		/* out */
	__s32	status;		/* out: 0 or errno */
};

/* CIOCNFSESSION: free `count` sessions. */
struct crypt_sfop {
	__u32	count;
	__u32	status;		/* out: 0, or errno of the first failure */
	__u32	*sesid;
};

/*
 * CIOCNCRYPTM: submit `count` CIOCCRYPT-style requests without waiting.
 * Each gets a request id (or a status when it could not be queued);
 * results are collected with CIOCNCRYPTRETM or CIOCNCRYPTRET, and poll()
 * reports POLLIN when one is ready.  Output goes to dst/mac/iv as with
 * CIOCCRYPT when the result is collected, by a thread of the submitting
 * process.
 */
struct crypt_n_op {
	__u32	ses;
	__u16	op;		/* COP_ENCRYPT or COP_DECRYPT */
	__u16	flags;		/* COP_FLAG_* as CIOCCRYPT */
	__u32	len;
	__u32	reqid;		/* out: id to fetch the result with */
	__s32	status;		/* out: 0 when queued, else errno */
	__u32	keylen;		/* reserved, 0 */
	__u8	*src;
	__u8	*dst;
	__u8	*mac;
	__u8	*iv;
	__aligned_u64 opaque;	/* returned untouched with the result */
};

struct crypt_mop {
	__u32	count;
	__u32	pad;
	struct crypt_n_op *reqs;
};

/* A finished request; status 0 or errno (EBADMSG, EFAULT...). */
struct crypt_result {
	__u32	reqid;
	__s32	status;
	__aligned_u64 opaque;
};

/*
 * CIOCNCRYPTRETM: collect up to `count` finished requests (count becomes
 * the number filled, 0 when none is ready).  CIOCNCRYPTRET: collect the
 * one named by reqid: EINPROGRESS while it runs, EINVAL if unknown.
 */
struct cryptret {
	__u32	count;		/* in: room in results; out: entries filled */
	__u32	pad;
	struct crypt_result *results;
};

/* CIOCNFKEYM: `count` key operations; each runs to completion. */
struct crypt_n_kop {
	struct crypt_kop kop;	/* crk_status as CIOCKEY */
	__u32	reqid;		/* out */
	__s32	status;		/* out: 0 or errno of the request itself */
	__aligned_u64 opaque;
};

struct crypt_kmop {
	__u32	count;
	__u32	pad;
	struct crypt_n_kop *reqs;
};

/* cryptodev-linux 1.14 ioctls. */
#define CRIOGET		_IOWR('c', 101, __u32)
#define CIOCGSESSION	_IOWR('c', 102, struct session_op)
#define CIOCFSESSION	_IOW('c', 103, __u32)
#define CIOCCRYPT	_IOWR('c', 104, struct crypt_op)
#define CIOCKEY		_IOWR('c', 105, struct crypt_kop)
#define CIOCASYMFEAT	_IOR('c', 106, __u32)
#define CIOCGSESSINFO	_IOWR('c', 107, struct session_info_op)
#define CIOCAUTHCRYPT	_IOWR('c', 109, struct crypt_auth_op)
#define CIOCASYNCCRYPT	_IOW('c', 110, struct crypt_op)
#define CIOCASYNCFETCH	_IOR('c', 111, struct crypt_op)
#define CIOCCPHASH	_IOW('c', 112, struct cphash_op)

/* BSD ioctls cryptodev-linux lacks. */
#define CIOCGSESSION2	_IOWR('c', 113, struct session2_op)
#define CIOCFINDDEV	_IOWR('c', 114, struct crypt_find_op)
#define CIOCKEY2	_IOWR('c', 115, struct crypt_kop)
#define CIOCCOMP	_IOWR('c', 116, struct crypt_comp_op)
#define CIOCNGSESSION	_IOWR('c', 117, struct crypt_sgop)
#define CIOCNFSESSION	_IOW('c', 118, struct crypt_sfop)
#define CIOCNCRYPTM	_IOWR('c', 119, struct crypt_mop)
#define CIOCNCRYPTRETM	_IOWR('c', 120, struct cryptret)
#define CIOCNCRYPTRET	_IOWR('c', 121, struct crypt_result)
#define CIOCNFKEYM	_IOWR('c', 122, struct crypt_kmop)

#ifdef __cplusplus
}
#endif

#endif /* _UAPI_CRYPTO_CRYPTODEV_H */
