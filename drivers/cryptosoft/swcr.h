/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cryptosoft internals: sessions, transforms and the per-family
 * operations the request loop calls.  Internal functions return 0 or a
 * negative errno; swcr_main.c converts at the OCF boundary.
 */
#ifndef _SWCR_H
#define _SWCR_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/spinlock.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/scatterlist.h>
#include <crypto/skcipher.h>
#include <opencrypto/cryptodev.h>

struct crypto_skcipher;
struct crypto_shash;
struct shash_desc;
struct crypto_aead;
struct crypto_aes_ctx;

/* OCF reports errors as positive errnos (the BSD convention). */
#define SWCR_OCF_ERR(err)	(-(err))

/* Most transforms a session may chain (cri_next). */
#define SWCR_MAX_XFORMS		8
/* Scatterlist entries kept on the stack before allocating. */
#define SWCR_SG_STACK		8
/* Request context kept on the stack before allocating. */
#define SWCR_REQ_STACK		384
/*
 * Flags that mark a hardware implementation in a look-up's mask: such a
 * driver is an OCF driver of its own (or Linux's, such as virtio_crypto,
 * which sets only ALLOCATES_MEMORY), and a tfm held on it would keep its
 * device from being unbound.
 */
#define SWCR_NOT_HW_MASK	(CRYPTO_ALG_KERN_DRIVER_ONLY | \
				 CRYPTO_ALG_ALLOCATES_MEMORY)

enum swcr_kind {
	SWCR_CIPHER,		/* Linux skcipher */
	SWCR_ARC4,		/* libarc4, keystream kept per session */
	SWCR_SKIPJACK,		/* own code, CBC */
	SWCR_HASH,		/* Linux shash: plain hash or keyed (HMAC/XCBC) */
	SWCR_KPDK,		/* key || pad || data || key */
	SWCR_NULL_HMAC,		/* writes zeros */
	SWCR_AEAD_CIPHER,	/* cipher half of GCM/CCM */
	SWCR_AEAD_MAC,		/* MAC half of GCM/CCM */
	SWCR_GMAC,		/* GMAC alone */
	SWCR_COMP,		/* deflate, deflate-nogrow, gzip */
};

struct swcr_xform {
	int			alg;
	enum swcr_kind		kind;
	unsigned int		mlen;	/* MAC bytes written */
	unsigned int		ivlen;
	union {
		struct crypto_skcipher	*skc;
		struct crypto_shash	*shash;
		struct crypto_aead	*aead;
	};
	/*
	 * Cipher: the fastest implementation when it is asynchronous (the
	 * x86 SIMD modes sit behind cryptd), used from swcr_async_min
	 * bytes on; skc is the synchronous one.  NULL: skc is the fastest.
	 * simd_skc: the SIMD code that wrapper calls, used directly where
	 * crypto_simd_usable().
	 */
	struct crypto_skcipher	*askc;
	struct crypto_skcipher	*simd_skc;
	/* Per-session mutable state (streaming hash, ARC4, compression). */
	spinlock_t		lock;
	struct shash_desc	*state;
	bool			state_live;
	/* KPDK key, GMAC/GCM salt. */
	u8			*key;
	unsigned int		klen;
	u8			salt[4];
	unsigned int		saltlen;
	void			*priv;	/* ARC4 / Skipjack / compression */
	/* AEAD lengths gcm(aes)/ccm(aes) with a 16-byte tag cannot do. */
	struct crypto_aead	*aead_var;	/* CCM: tag set per request */
	/*
	 * AEAD: as askc and simd_skc for a cipher.  aead_async: the fastest
	 * implementation when it is asynchronous; aead_simd: the SIMD code
	 * behind it, run directly where crypto_simd_usable().
	 */
	struct crypto_aead	*aead_async;
	struct crypto_aead	*aead_simd;
	struct crypto_aes_ctx	*gcm_aes;	/* GCM: own J0 and CTR */
	struct crypto_shash	*ghash;		/* GCM: keyed with H */
	int			partner_alg;	/* AEAD: the other half */
	/*
	 * CRD_F_KEY_EXPLICIT: a second transform, keyed per request under
	 * ek_lock, so the session's own key and its concurrent requests
	 * are never disturbed.  NULL where per-request keys are refused.
	 */
	union {
		struct crypto_skcipher	*ek_skc;
		struct crypto_shash	*ek_shash;
	};
	spinlock_t		ek_lock;	/* serialises ek_* keying */
};

struct swcr_session {
	u32			lid;
	int			nxf;
	/* Requests whose completion callback has not finished yet. */
	atomic_t		async_pending;
	struct swcr_xform	xf[SWCR_MAX_XFORMS];
};

/*
 * Where a request reads and writes.  In place both are crp_buf.  Out of
 * place (crp_obuf set), a cipher reads `in` and writes `out`, and from
 * then on the request's data is in crp_obuf: later descriptors (the MAC
 * of encrypt-then-MAC) read it there.  IVs and MAC results are written
 * to `out`; IVs and expected tags are read from `in`.
 */
struct swcr_io {
	struct cryptop		*crp;
	int			flags;	/* buffer type */
	void			*in;
	void			*out;
	int			ilen;
};

/* Scatterlist for a range of a request buffer, on the stack if small. */
struct swcr_sg {
	struct scatterlist	stack[SWCR_SG_STACK];
	struct scatterlist	*sg;
	int			nents;
	int			cap;
};

/*
 * The per-request helpers below are always inline: under emulation
 * every call is a large part of a small request's cost, and the
 * compiler would otherwise keep some of them out of line.
 */
static __always_inline bool swcr_range_ok(int total, int off, int len)
{
	return off >= 0 && len >= 0 && total >= 0 && off <= total &&
	       len <= total - off;
}

/*
 * A range of a contiguous buffer in the kernel's linear map
 * [PAGE_OFFSET, high_memory) is one scatterlist entry, with no page
 * walk: the common case.  Stack, vmalloc, module and kernel-image
 * addresses lie outside it and take the general path.
 */
static __always_inline bool swcr_linear(int flags, void *buf, int off, int len)
{
	const u8 *p = (const u8 *)buf + off;

	return !(flags & CRYPTO_F_BUFTYPE_MASK) && len > 0 &&
	       (unsigned long)p >= PAGE_OFFSET &&
	       p + len <= (const u8 *)high_memory;
}

/* One unterminated entry for `len` bytes of the linear map at `p`. */
static __always_inline void swcr_sg_set(struct scatterlist *e, void *p,
					unsigned int len)
{
	memset(e, 0, sizeof(*e));
	sg_set_buf(e, p, len);
}

int swcr_sg_range_walk(struct swcr_sg *s, int flags, void *buf, int off,
		       int len);
int swcr_sg_count_walk(int flags, void *buf, int off, int len);
int swcr_sg_alloc_heap(struct swcr_sg *s, int nents);
int swcr_sg_append_walk(struct swcr_sg *s, int flags, void *buf, int off,
			int len);

/* The scatterlist of one range, ready to use. */
static __always_inline int swcr_sg_range(struct swcr_sg *s, int flags,
					 void *buf, int off, int len)
{
	if (!swcr_linear(flags, buf, off, len))
		return swcr_sg_range_walk(s, flags, buf, off, len);
	s->sg = s->stack;
	s->nents = 1;
	s->cap = 1;
	swcr_sg_set(s->sg, (u8 *)buf + off, len);
	sg_mark_end(s->sg);
	return 0;
}

/* Entries swcr_sg_append() needs for [off, off + len). */
static __always_inline int swcr_sg_count(int flags, void *buf, int off, int len)
{
	if (len == 0)
		return 0;
	if (swcr_linear(flags, buf, off, len))
		return 1;
	return swcr_sg_count_walk(flags, buf, off, len);
}

/* Room for `nents` entries, initialised when they are used. */
static __always_inline int swcr_sg_alloc(struct swcr_sg *s, int nents)
{
	if (nents > SWCR_SG_STACK)
		return swcr_sg_alloc_heap(s, nents);
	s->nents = 0;
	s->sg = s->stack;
	s->cap = SWCR_SG_STACK;
	return 0;
}

/* Append bytes [off, off + len) of a request buffer. */
static __always_inline int swcr_sg_append(struct swcr_sg *s, int flags,
					  void *buf, int off, int len)
{
	if (len == 0)
		return 0;
	if (s->nents >= s->cap)
		return -EINVAL;
	if (!swcr_linear(flags, buf, off, len))
		return swcr_sg_append_walk(s, flags, buf, off, len);
	swcr_sg_set(&s->sg[s->nents++], (u8 *)buf + off, len);
	return 0;
}

/* Append a kernel (lowmem, not stack-vmapped) buffer. */
static __always_inline int swcr_sg_append_ptr(struct swcr_sg *s, void *p,
					      unsigned int len)
{
	if (len == 0)
		return 0;
	if (s->nents >= s->cap)
		return -EINVAL;
	swcr_sg_set(&s->sg[s->nents++], p, len);
	return 0;
}

static __always_inline struct scatterlist *swcr_sg_finish(struct swcr_sg *s)
{
	if (s->nents == 0) {
		/* An empty list still needs a terminated first entry. */
		sg_init_table(s->sg, 1);
		return s->sg;
	}
	sg_mark_end(&s->sg[s->nents - 1]);
	return s->sg;
}

static __always_inline void swcr_sg_free(struct swcr_sg *s)
{
	if (s->sg && s->sg != s->stack)
		kfree(s->sg);
	s->sg = NULL;
}

/* Bounce size of the own-code ciphers (a multiple of every block). */
#define SWCR_CHUNK		256
int swcr_range_transform(struct swcr_io *io, int off, int len,
			 int (*fn)(void *arg, u8 *buf, unsigned int len),
			 void *arg);

/*
 * One cipher descriptor on an asynchronous transform: everything it uses
 * until its completion callback, from one slab object.
 */
struct swcr_areq {
	struct swcr_session	*ses;
	struct cryptodesc	*crd;
	struct swcr_io		io;
	struct swcr_sg		src, dst;
	u8			iv[EALG_MAX_BLOCK_LEN] __aligned(16);
	struct skcipher_request	req;	/* last: its context follows */
};

/* The slab object size; a transform needing more stays synchronous. */
#define SWCR_AREQ_SIZE		1024

/* When requests go to asynchronous transforms (swcr_async.c). */
enum swcr_async_kind {
	SWCR_ASYNC_CIPHER,
	SWCR_ASYNC_AEAD,
	SWCR_ASYNC_KINDS,
};

bool swcr_async_use_cryptd(void);
bool swcr_async_cryptd_aead_ok(void);
bool swcr_async_wanted(int len);
void swcr_async_count(enum swcr_async_kind kind);

/* Ciphers through the Linux crypto API. */
int swcr_cipher_init(struct swcr_xform *xf, const struct cryptoini *cri);
void swcr_cipher_free(struct swcr_xform *xf);
/*
 * -EINPROGRESS: the descriptor went to an asynchronous transform (only
 * when `ses` is given) and swcr_resume() finishes the request.
 */
int swcr_cipher_process(struct swcr_xform *xf, struct swcr_io *io,
			struct cryptodesc *crd, struct swcr_session *ses);
int swcr_cipher_cache_init(void);
void swcr_cipher_cache_exit(void);
void swcr_resume(struct swcr_session *ses, struct swcr_io *io,
		 struct cryptodesc *next, int err);
int swcr_get_iv(struct swcr_xform *xf, struct swcr_io *io,
		struct cryptodesc *crd, u8 *iv, unsigned int ivlen);

/* A copy of an IV of a length swcr_get_iv_fast() takes, with no call. */
static __always_inline void swcr_iv_copy(u8 *dst, const u8 *src,
					 unsigned int ivlen)
{
	if (ivlen == 16)
		memcpy(dst, src, 16);
	else if (ivlen == 12)
		memcpy(dst, src, 12);
	else
		memcpy(dst, src, 8);
}

/*
 * swcr_get_iv() with its common case done inline: an explicit IV of 8,
 * 12 or 16 bytes and, when it is to be written, a contiguous buffer.
 */
static __always_inline int swcr_get_iv_fast(struct swcr_xform *xf,
					    struct swcr_io *io,
					    struct cryptodesc *crd, u8 *iv,
					    unsigned int ivlen)
{
	const int flags = crd->crd_flags;

	if (!ivlen)
		return 0;
	if (!(flags & CRD_F_IV_EXPLICIT) ||
	    (ivlen != 16 && ivlen != 12 && ivlen != 8))
		return swcr_get_iv(xf, io, crd, iv, ivlen);
	swcr_iv_copy(iv, crd->crd_iv, ivlen);
	if (!(flags & CRD_F_ENCRYPT) || (flags & CRD_F_IV_PRESENT))
		return 0;
	/* Encrypting: the IV used goes into the output at crd_inject. */
	if ((io->flags & CRYPTO_F_BUFTYPE_MASK) ||
	    !swcr_range_ok(io->ilen, crd->crd_inject, ivlen))
		return swcr_get_iv(xf, io, crd, iv, ivlen);
	swcr_iv_copy((u8 *)io->out + crd->crd_inject, iv, ivlen);
	return 0;
}

/* ARC4 and Skipjack: own code, byte-range processing. */
int swcr_arc4_init(struct swcr_xform *xf, const struct cryptoini *cri);
void swcr_arc4_free(struct swcr_xform *xf);
int swcr_arc4_process(struct swcr_xform *xf, struct swcr_io *io,
		      struct cryptodesc *crd);
int swcr_skipjack_init(struct swcr_xform *xf, const struct cryptoini *cri);
void swcr_skipjack_free(struct swcr_xform *xf);
int swcr_skipjack_process(struct swcr_xform *xf, struct swcr_io *io,
			  struct cryptodesc *crd);

/* Hashes and MACs. */
int swcr_hash_init(struct swcr_xform *xf, const struct cryptoini *cri);
void swcr_hash_free(struct swcr_xform *xf);
int swcr_hash_process(struct swcr_xform *xf, struct swcr_io *io,
		      struct cryptodesc *crd);
int swcr_hash_copystate(struct swcr_xform *dst, struct swcr_xform *src);
int swcr_hash_write_result(struct swcr_io *io, struct cryptodesc *crd,
			   const u8 *res, unsigned int len);

/* AEAD (GCM, CCM) and GMAC. */
int swcr_aead_init(struct swcr_xform *xf, const struct cryptoini *cri,
		   const struct cryptoini *partner);
void swcr_aead_free(struct swcr_xform *xf);
/*
 * -EINPROGRESS: the request went to an asynchronous transform (only
 * when `ses` is given) and swcr_resume() finishes it.
 */
int swcr_aead_process(struct swcr_xform *cxf, struct swcr_io *io,
		      struct cryptodesc *ccrd, struct cryptodesc *mcrd,
		      struct swcr_session *ses);
int swcr_aead_cache_init(void);
void swcr_aead_cache_exit(void);
/* One AEAD request, as swcr_aead.c and swcr_gcm.c see it. */
struct swcr_aead_op {
	struct swcr_xform	*xf;
	struct swcr_io		*io;
	bool			enc;
	int			aad_off, aad_len;
	int			pay_off, pay_len;
	int			tag_off;	/* -1: crp_mac */
	unsigned int		tag_len;
	const u8		*iv;		/* NULL: ivlen bytes at iv_off */
	int			iv_off, iv_len;
};

int swcr_gcm_init(struct swcr_xform *xf, const u8 *key, unsigned int klen);
void swcr_gcm_free(struct swcr_xform *xf);
int swcr_gcm_run(const struct swcr_aead_op *op);
int swcr_gmac_process(struct swcr_xform *xf, struct swcr_io *io,
		      struct cryptodesc *crd);

/* Compression. */
int swcr_comp_init(struct swcr_xform *xf, const struct cryptoini *cri);
void swcr_comp_free(struct swcr_xform *xf);
int swcr_comp_process(struct swcr_xform *xf, struct swcr_io *io,
		      struct cryptodesc *crd);

/* Keying operations. */
int swcr_kprocess(void *arg, struct cryptkop *krp, int hint);
int swcr_kop_init(void);
void swcr_kop_exit(void);

#endif /* _SWCR_H */
