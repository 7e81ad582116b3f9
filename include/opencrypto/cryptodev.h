/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * OCF for Linux: the in-kernel opencrypto(9) API.
 *
 * Names follow NetBSD's opencrypto(9).  Driver callbacks take the
 * driver's `arg` first (the page's "calling convention" text).  Algorithm
 * numbers, CRK_* and CRYPTOCAP_F_* come from the user ABI header so the
 * two can never disagree.
 */
#ifndef _OPENCRYPTO_CRYPTODEV_H
#define _OPENCRYPTO_CRYPTODEV_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/llist.h>
#include <linux/ktime.h>
#include <crypto/cryptodev.h>

struct scatterlist;
struct sk_buff;
struct kvec;

/* Session set-up: one per algorithm, chained with cri_next. */
struct cryptoini {
	int		cri_alg;	/* CRYPTO_* */
	int		cri_klen;	/* key length in bits */
	int		cri_rnd;	/* rounds, for variable-round algorithms */
	void		*cri_key;
	u8		cri_iv[EALG_MAX_BLOCK_LEN];
	struct cryptoini *cri_next;
};

/* One operation of a request; descriptors run in list order. */
struct cryptodesc {
	int		crd_skip;	/* where processing starts */
	int		crd_len;	/* bytes processed after crd_skip */
	int		crd_inject;	/* where an IV or MAC result goes */
	int		crd_flags;	/* CRD_F_* */
	struct cryptoini CRD_INI;
	struct cryptodesc *crd_next;
};

#define crd_iv		CRD_INI.cri_iv
#define crd_key		CRD_INI.cri_key
#define crd_rnd		CRD_INI.cri_rnd
#define crd_alg		CRD_INI.cri_alg
#define crd_klen	CRD_INI.cri_klen

/* crd_flags */
#define CRD_F_ENCRYPT		0x0001	/* encrypt (else decrypt) */
#define CRD_F_IV_PRESENT	0x0002	/* IV already at crd_inject */
#define CRD_F_IV_EXPLICIT	0x0004	/* IV is in crd_iv */
#define CRD_F_COMP		0x0008	/* compress (else decompress) */
#define CRD_F_KEY_EXPLICIT	0x0010	/* key for this request in crd_key */
/*
 * Hash streaming (for /dev/crypto's UPDATE/FINAL).  A hash descriptor
 * normally hashes its range and writes the result.  With
 * CRD_F_HASH_RESET the session's running state is discarded first; with
 * CRD_F_HASH_PARTIAL the range is added to the running state and no
 * result is written.  A descriptor without PARTIAL finalises the running
 * state and resets it.
 */
#define CRD_F_HASH_RESET	0x0020
#define CRD_F_HASH_PARTIAL	0x0040

/*
 * Buffer types (crp_flags).  Without a type flag crp_buf is a contiguous
 * kernel buffer of crp_ilen bytes (lowmem or vmalloc).
 */
#define CRYPTO_F_IMBUF		0x0001	/* struct sk_buff * (the Linux mbuf) */
#define CRYPTO_F_IOV		0x0002	/* struct cryptouio * */
#define CRYPTO_F_SG		0x0004	/* struct scatterlist * (terminated) */
#define CRYPTO_F_BUFTYPE_MASK	(CRYPTO_F_IMBUF | CRYPTO_F_IOV | CRYPTO_F_SG)
/* Request behaviour (crp_flags). */
#define CRYPTO_F_BATCH		0x0008	/* may wait to be batched */
#define CRYPTO_F_CBIMM		0x0010	/* callback inline from crypto_done */
#define CRYPTO_F_CBIFSYNC	0x0020	/* inline callback if driver is sync */
#define CRYPTO_F_DONE		0x0040	/* set by the framework when done */

/* A list of kernel vectors: the CRYPTO_F_IOV buffer type. */
struct cryptouio {
	struct kvec	*uio_iov;
	int		uio_iovcnt;
};

/*
 * Conventions beyond the page:
 * - Out of place: when crp_obuf is set, results go to crp_obuf at the same
 *   offsets as the input in crp_buf (cipher descriptors only).
 * - Compression (DEFLATE_COMP, DEFLATE_COMP_NOGROW, GZIP_COMP): the
 *   descriptor's range of crp_buf is the input; the output goes to
 *   crp_obuf from offset 0, whose capacity is crp_olen on entry; on
 *   completion crp_olen holds the bytes produced.  ENOSPC when it does
 *   not fit; NOGROW fails with ERANGE when the output is not smaller.
 * - Hashes and MACs write their result at crd_inject, or to crp_mac when
 *   that is set.  The _96 variants write 12 bytes.
 * - AEAD, as the BSDs do it: a GCM session is {AES_GCM_16, AES_*GMAC} and
 *   a CCM session {AES_CCM, AES_CCM_CBC_MAC}, both halves with the same
 *   key.  A request has one descriptor per half: the cipher one covers the
 *   payload (IV in crd_iv with CRD_F_IV_EXPLICIT, 12 bytes for GCM, the
 *   16-byte counter block for CCM), the MAC one covers the AAD (may be
 *   empty) and names where the tag is (crd_inject, or crp_mac).  Encrypt
 *   writes the tag; decrypt compares it and fails with EBADMSG.
 * - AEAD lengths ride in crd_rnd (0: the defaults above).  MAC
 *   descriptor: the tag length in bytes (GCM 4, 8, 12..16; CCM 4, 6, ...,
 *   16).  GCM cipher descriptor: the IV length in bytes (any >= 1); up to
 *   EALG_MAX_BLOCK_LEN it may be in crd_iv, a longer one only in the
 *   buffer at crd_inject (CRD_F_IV_PRESENT without CRD_F_IV_EXPLICIT).
 *   Lengths the mode forbids are EINVAL.
 * - GMAC alone (MAC-only session): the descriptor covers the data to
 *   authenticate, the 12-byte nonce is in crd_iv, the 16-byte tag is
 *   written.  A key of 20/28/36 bytes is RFC 4543's key || 4-byte salt
 *   with an 8-byte IV in crd_iv.
 */
struct cryptop;

/*
 * Error conventions (Linux style for return values, BSD style in the
 * request):
 * - Functions return 0 or a negative errno (crypto_dispatch(): -EINVAL,
 *   only for a NULL request or callback).  crypto_get_driverid() returns
 *   the id (>= 1) or -1.
 * - crp_etype and krp_status hold 0 or a POSITIVE errno once the request
 *   is complete (a driver storing a negative one is corrected).
 * - process()/kprocess() return 0 when they took the request (they call
 *   crypto_done() later or already did), ERESTART (either sign) when the
 *   driver is full (the request is queued until crypto_unblock()), or
 *   another errno, in which case the framework completes the request
 *   with that error: the driver must not call crypto_done() for it then.
 * - Driver ids start at 1; 0 as a krp_hid or crid means "any driver".
 * - Consumer session ids are opaque 64-bit handles of the framework
 *   (never 0); drivers see CRYPTO_SID(their id, their lid) in crp_sid
 *   during process() and in freesession().  Use crypto_session_driver()
 *   to learn which driver serves a session.
 */

/* Per-request state owned by the framework; drivers never touch it. */
struct crypto_req_priv {
	struct list_head	link;		/* driver queue */
	struct llist_node	done_node;	/* completion queue */
	u64			consumer_sid;	/* krp: the consumer's krp_hid */
	void			*session;
	void			*driver;
	ktime_t			submitted;
	unsigned long		state;		/* OCF_RS_* bits */
	struct cryptodesc	*saved_desc;	/* whole chain (split) */
	struct cryptodesc	*stage_last;	/* last desc of this stage */
	struct cryptodesc	*stage_next;	/* its saved crd_next */
	int			stage_leg;
};

struct cryptop {
	struct list_head crp_next;	/* the consumer's to use */
	u64		crp_sid;
	int		crp_ilen;	/* total length of crp_buf */
	int		crp_olen;	/* result length (compression) */
	int		crp_etype;	/* 0 or an errno, set on completion */
	int		crp_flags;	/* CRYPTO_F_* */
	void		*crp_buf;	/* input, and output when in place */
	void		*crp_obuf;	/* output buffer (same type) or NULL */
	void		*crp_opaque;	/* the consumer's */
	struct cryptodesc *crp_desc;
	int		(*crp_callback)(struct cryptop *crp);
	void		*crp_mac;	/* MAC result goes here when set */
	struct crypto_req_priv crp_priv;
};

#define CRYPTO_HINT_MORE	0x1	/* more requests follow at once */

/* crypto_unblock() `what` */
#define CRYPTO_SYMQ		0x1
#define CRYPTO_ASYMQ		0x2

/* Keying (asymmetric) requests.  Bignums are little-endian byte strings. */
struct cryptkop {
	struct list_head krp_next;	/* the consumer's to use */
	u32		krp_op;		/* CRK_* */
	u32		krp_status;	/* 0 or an errno */
	u16		krp_iparams;
	u16		krp_oparams;
	/* in: driver id or CRYPTOCAP_F_* mask (0: any); out: driver used */
	u32		krp_hid;
	struct {
		void	*crp_p;
		u32	crp_nbits;	/* out params: capacity in bits */
	}		krp_param[CRK_MAXPARAM];
	int		(*krp_callback)(struct cryptkop *krp);
	void		*krp_opaque;	/* the consumer's */
	struct crypto_req_priv krp_priv;
};

/* Session and driver ids. */
#define CRYPTO_SESID2HID(sid)	((u32)((sid) >> 32))
#define CRYPTO_SESID2LID(sid)	((u32)(sid))
#define CRYPTO_SID(hid, lid)	(((u64)(hid) << 32) | (u32)(lid))

/* Driver capability flags for crypto_get_driverid() and crypto_register(). */
/* CRYPTOCAP_F_HARDWARE / _SOFTWARE / _SYNC come from the user ABI. */
#define CRYPTO_ALG_FLAG_SUPPORTED	0x01
#define CRYPTO_ALG_FLAG_RNG_ENABLE	0x02
#define CRYPTO_ALG_FLAG_DSA_SHA		0x04

/*
 * Algorithm numbers reserved for in-kernel tests and examples: no real
 * driver registers them, so a test driver using them never shadows one.
 */
#define CRYPTO_TEST_ALG_FIRST		190
#define CRYPTO_TEST_ALG_LAST		199

/* Longest driver name, as /dev/crypto reports it. */
#define CRYPTO_DRIVER_NAME_LEN		32

typedef int (*crypto_newsession_t)(void *arg, u32 *lid, struct cryptoini *cri);
typedef int (*crypto_freesession_t)(void *arg, u64 sid);
typedef int (*crypto_process_t)(void *arg, struct cryptop *crp, int hint);
typedef int (*crypto_kprocess_t)(void *arg, struct cryptkop *krp, int hint);
typedef int (*crypto_copystate_t)(void *arg, u64 dst_sid, u64 src_sid);
/*
 * Optional: name what serves algorithm @alg of the driver session @sid
 * (e.g. the Linux crypto API driver name, "cbc-aes-aesni") in @buf, NUL
 * terminated; 0 or a negative errno.  Called in process context.
 */
typedef int (*crypto_describe_t)(void *arg, u64 sid, int alg, char *buf,
				 size_t len);

/* Driver side. */
s32 crypto_get_driverid(u32 flags);
s32 crypto_get_driverid_named(u32 flags, const char *name);
int crypto_register(u32 driverid, int alg, u16 maxoplen, u32 flags,
		    crypto_newsession_t newses, crypto_freesession_t freeses,
		    crypto_process_t process, void *arg);
int crypto_kregister(u32 driverid, int kalg, u32 flags,
		     crypto_kprocess_t kprocess, void *arg);
int crypto_register_copystate(u32 driverid, crypto_copystate_t copystate);
int crypto_register_describe(u32 driverid, crypto_describe_t describe);
int crypto_unregister(u32 driverid, int alg);
int crypto_unregister_all(u32 driverid);
void crypto_done(struct cryptop *crp);
void crypto_kdone(struct cryptkop *krp);
int crypto_unblock(u32 driverid, int what);

/* Consumer side. */
int crypto_newsession(u64 *sid, struct cryptoini *cri, int hard);
int crypto_newsession_crid(u64 *sid, struct cryptoini *cri, int crid);
int crypto_freesession(u64 sid);
int crypto_dispatch(struct cryptop *crp);
int crypto_kdispatch(struct cryptkop *krp);
struct cryptop *crypto_getreq(int num);
void crypto_freereq(struct cryptop *crp);
int crypto_copystate(u64 dst_sid, u64 src_sid);

/* Look-ups for /dev/crypto and tools. */
int crypto_find_driver(const char *name);
int crypto_get_driver_name(u32 driverid, char *buf, size_t len);
int crypto_driver_flags(u32 driverid, u32 *flags);
int crypto_getfeat(int *featp);
int crypto_session_driver(u64 sid, int alg, u32 *driverid);
int crypto_session_impl(u64 sid, int alg, char *buf, size_t len);

/*
 * The page's sysctls (kern.usercrypto, kern.userasymcrypto,
 * kern.cryptodevallowsoft), also ocf.ko module parameters; read by
 * /dev/crypto.
 */
extern int crypto_usercrypto;
extern int crypto_userasymcrypto;
extern int crypto_devallowsoft;

/* Buffer helpers for drivers: offsets and lengths are bytes into crp_buf. */
int crypto_copydata(int flags, void *buf, int off, int size, void *out);
int crypto_copyback(int flags, void *buf, int off, int size, const void *in);
int crypto_apply(int flags, void *buf, int off, int len,
		 int (*f)(void *arg, void *data, unsigned int len), void *arg);
int crypto_buf_sg_nents(int flags, void *buf, int off, int len);
int crypto_buf_to_sg(int flags, void *buf, int off, int len,
		     struct scatterlist *sg, int nents);

#endif /* _OPENCRYPTO_CRYPTODEV_H */
