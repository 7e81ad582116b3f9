/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the cryptosoft test modules: results collected and
 * then published through ktap.h, hex decoding, synchronous requests
 * through the OCF API, and request buffers of every type built from a
 * linear copy without the framework's own buffer helpers.
 */
#ifndef _CRYPTOSOFT_TEST_H
#define _CRYPTOSOFT_TEST_H

#include <linux/completion.h>
#include <linux/kernel.h>
#include <linux/random.h>
#include <linux/scatterlist.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/uio.h>
#include <opencrypto/cryptodev.h>
#include "ktap.h"

/* ---- results: collected first, so the plan line is exact ---- */

struct swt_result {
	char	name[96];
	char	skip[64];
	bool	ok;
};

struct swt_results {
	struct swt_result	*r;
	int			n, cap;
};

static struct swt_results swt_res;

static inline __printf(2, 3) void swt_record(bool ok, const char *fmt, ...)
{
	struct swt_result *r;
	va_list ap;

	if (swt_res.n == swt_res.cap) {
		int cap = swt_res.cap ? swt_res.cap * 2 : 256;
		struct swt_result *nr = krealloc_array(swt_res.r, cap,
						       sizeof(*nr), GFP_KERNEL);

		if (!nr)
			return;
		swt_res.r = nr;
		swt_res.cap = cap;
	}
	r = &swt_res.r[swt_res.n++];
	memset(r, 0, sizeof(*r));
	r->ok = ok;
	va_start(ap, fmt);
	vsnprintf(r->name, sizeof(r->name), fmt, ap);
	va_end(ap);
}

static inline __printf(2, 3) void swt_skip(const char *reason, const char *fmt, ...)
{
	struct swt_result *r;
	va_list ap;

	swt_record(true, "%s", "");
	if (!swt_res.n)
		return;
	r = &swt_res.r[swt_res.n - 1];
	va_start(ap, fmt);
	vsnprintf(r->name, sizeof(r->name), fmt, ap);
	va_end(ap);
	strscpy(r->skip, reason, sizeof(r->skip));
}

static inline void swt_publish(struct ktap_suite *s, const char *suite)
{
	int i;

	if (ktap_start(s, suite, swt_res.n))
		return;
	for (i = 0; i < swt_res.n; i++) {
		struct swt_result *r = &swt_res.r[i];

		if (r->skip[0])
			ktap_skip(s, r->name, r->skip);
		else
			ktap_result(s, r->ok, r->name);
	}
	ktap_finish(s);
	kfree(swt_res.r);
	swt_res.r = NULL;
	swt_res.n = swt_res.cap = 0;
}

/* ---- data ---- */

/* Uniform enough for test sizes; get_random_u32_below() is 6.2+. */
static inline u32 swt_rand_below(u32 n)
{
	return n ? get_random_u32() % n : 0;
}

/* Decode hex text into a new buffer (never NULL on success). */
static inline u8 *swt_unhex(const char *hex, int *len)
{
	size_t n = hex ? strlen(hex) / 2 : 0;
	u8 *p = kzalloc(n + 1, GFP_KERNEL);

	if (!p)
		return NULL;
	if (n && hex2bin(p, hex, n)) {
		kfree(p);
		return NULL;
	}
	*len = n;
	return p;
}

/* ---- synchronous requests ---- */

struct swt_wait {
	struct completion	done;
};

static inline int swt_callback(struct cryptop *crp)
{
	complete(&((struct swt_wait *)crp->crp_opaque)->done);
	return 0;
}

static inline int swt_kcallback(struct cryptkop *krp)
{
	complete(&((struct swt_wait *)krp->krp_opaque)->done);
	return 0;
}

#define SWT_TIMEOUT	(30 * HZ)

/*
 * The wait after a dispatch returned @err: 0 once the callback ran, or a
 * negative errno (then @w is leaked on a timeout: the callback may still
 * come).
 */
static inline int swt_wait_for(struct swt_wait *w, int err)
{
	if (err) {
		kfree(w);
		return err > 0 ? -err : err;
	}
	if (!wait_for_completion_timeout(&w->done, SWT_TIMEOUT))
		return -ETIMEDOUT;
	kfree(w);
	return 0;
}

/*
 * Dispatch and wait (swt_krun: the same for keying requests).  Returns
 * the request's positive errno (0 when done), or a negative one when it
 * could not be dispatched or timed out.
 */
static inline int swt_run(struct cryptop *crp)
{
	struct swt_wait *w = kzalloc(sizeof(*w), GFP_KERNEL);
	int err;

	if (!w)
		return -ENOMEM;
	init_completion(&w->done);
	crp->crp_opaque = w;
	crp->crp_callback = swt_callback;
	err = swt_wait_for(w, crypto_dispatch(crp));
	if (err)
		return err;
	return crp->crp_etype < 0 ? -crp->crp_etype : crp->crp_etype;
}

static inline int swt_krun(struct cryptkop *krp)
{
	struct swt_wait *w = kzalloc(sizeof(*w), GFP_KERNEL);
	int err;

	if (!w)
		return -ENOMEM;
	init_completion(&w->done);
	krp->krp_opaque = w;
	krp->krp_callback = swt_kcallback;
	err = swt_wait_for(w, crypto_kdispatch(krp));
	if (err)
		return err;
	return (int)krp->krp_status < 0 ? -(int)krp->krp_status :
					  (int)krp->krp_status;
}

static int swt_crid = -1;

/* The cryptosoft driver id, or a negative errno when it is not loaded. */
static inline int swt_find_cryptosoft(void)
{
	swt_crid = crypto_find_driver("cryptosoft");
	return swt_crid;
}

/* A session on cryptosoft: one algorithm, or two chained. */
static inline int swt_session(u64 *sid, int alg, const u8 *key, int klen, int alg2,
		       const u8 *key2, int klen2)
{
	struct cryptoini c1 = { }, c2 = { };
	int err;

	c1.cri_alg = alg;
	c1.cri_key = (void *)key;
	c1.cri_klen = klen * 8;
	if (alg2) {
		c2.cri_alg = alg2;
		c2.cri_key = (void *)key2;
		c2.cri_klen = klen2 * 8;
		c1.cri_next = &c2;
	}
	err = crypto_newsession_crid(sid, &c1, swt_crid);
	return err < 0 ? -err : err;
}

/* ---- buffers of every type ---- */

enum swt_buftype { SWT_CONTIG, SWT_SG, SWT_IOV, SWT_SKB, SWT_NTYPES };

static const char *const swt_buftype_name[] __maybe_unused = {
	"contig", "sg", "iov", "skb"
};

/* A request buffer split into segments at odd offsets of their pages. */
struct swt_buf {
	enum swt_buftype	type;
	int			len;
	int			nseg;
	u8			**seg;		/* segment allocations */
	int			*seglen;
	int			*segoff;
	struct scatterlist	*sg;
	struct kvec		*iov;
	struct cryptouio	uio;
	struct sk_buff		*skb;
	void			*buf;		/* what goes in crp_buf */
	int			flags;		/* CRYPTO_F_* type */
};

static inline void swt_buf_free(struct swt_buf *b)
{
	int i;

	if (b->skb)
		kfree_skb(b->skb);	/* frees the head and the frag pages */
	for (i = 0; !b->skb && b->seg && i < b->nseg; i++)
		kfree(b->seg[i]);
	kfree(b->seg);
	kfree(b->seglen);
	kfree(b->segoff);
	kfree(b->sg);
	kfree(b->iov);
	memset(b, 0, sizeof(*b));
}

/*
 * An sk_buff (CRYPTO_F_IMBUF): a linear head, then page fragments of up
 * to 2 KiB at random offsets in their pages.
 */
#define SWT_FRAG_MAX	2048
static inline int swt_skb_alloc(struct swt_buf *b, int len)
{
	int nfrags = min_t(int, MAX_SKB_FRAGS, DIV_ROUND_UP(len, 512));
	int head, left, i;

	head = max_t(int, len - nfrags * SWT_FRAG_MAX,
		     len ? 1 + swt_rand_below(min(len, 256)) : 0);
	left = len - head;
	nfrags = DIV_ROUND_UP(left, SWT_FRAG_MAX);
	b->nseg = 1 + nfrags;
	b->seg = kcalloc(b->nseg, sizeof(*b->seg), GFP_KERNEL);
	b->seglen = kcalloc(b->nseg, sizeof(int), GFP_KERNEL);
	b->segoff = kcalloc(b->nseg, sizeof(int), GFP_KERNEL);
	b->skb = alloc_skb(head + 1, GFP_KERNEL);
	if (!b->seg || !b->seglen || !b->segoff || !b->skb)
		goto fail;
	b->seg[0] = skb_put(b->skb, head);
	b->seglen[0] = head;
	for (i = 1; i <= nfrags; i++) {
		int n = min(left, SWT_FRAG_MAX);
		int off = swt_rand_below(PAGE_SIZE - n + 1);
		struct page *pg = alloc_page(GFP_KERNEL);

		if (!pg)
			goto fail;
		skb_fill_page_desc(b->skb, i - 1, pg, off, n);
		b->skb->len += n;
		b->skb->data_len += n;
		b->skb->truesize += PAGE_SIZE;
		b->seg[i] = page_address(pg);
		b->segoff[i] = off;
		b->seglen[i] = n;
		left -= n;
	}
	b->buf = b->skb;
	b->flags = CRYPTO_F_IMBUF;
	return 0;
fail:
	swt_buf_free(b);
	return -ENOMEM;
}

/*
 * Build a buffer of `len` bytes as `nseg` random-sized segments (one for
 * a contiguous buffer), each at a random offset in its allocation.
 */
static inline int swt_buf_alloc(struct swt_buf *b, enum swt_buftype type, int len,
			 int nseg)
{
	int i, left = len;

	memset(b, 0, sizeof(*b));
	b->type = type;
	b->len = len;
	if (type == SWT_SKB)
		return swt_skb_alloc(b, len);
	if (type == SWT_CONTIG || len == 0)
		nseg = 1;
	nseg = clamp(nseg, 1, max(len, 1));
	b->nseg = nseg;
	b->seg = kcalloc(nseg, sizeof(*b->seg), GFP_KERNEL);
	b->seglen = kcalloc(nseg, sizeof(int), GFP_KERNEL);
	b->segoff = kcalloc(nseg, sizeof(int), GFP_KERNEL);
	if (!b->seg || !b->seglen || !b->segoff)
		goto fail;
	for (i = 0; i < nseg; i++) {
		int n = i == nseg - 1 ? left :
			1 + swt_rand_below(left - (nseg - 1 - i));

		if (type == SWT_CONTIG)
			n = len;
		b->seglen[i] = n;
		b->segoff[i] = type == SWT_CONTIG ? 0 :
			       swt_rand_below(64);
		b->seg[i] = kmalloc(b->segoff[i] + n + 1, GFP_KERNEL);
		if (!b->seg[i])
			goto fail;
		left -= n;
	}
	switch (type) {
	case SWT_CONTIG:
		b->buf = b->seg[0];
		b->flags = 0;
		break;
	case SWT_SG:
		b->sg = kcalloc(nseg, sizeof(*b->sg), GFP_KERNEL);
		if (!b->sg)
			goto fail;
		sg_init_table(b->sg, nseg);
		for (i = 0; i < nseg; i++)
			sg_set_buf(&b->sg[i], b->seg[i] + b->segoff[i],
				   b->seglen[i]);
		b->buf = b->sg;
		b->flags = CRYPTO_F_SG;
		break;
	default:
		b->iov = kcalloc(nseg, sizeof(*b->iov), GFP_KERNEL);
		if (!b->iov)
			goto fail;
		for (i = 0; i < nseg; i++) {
			b->iov[i].iov_base = b->seg[i] + b->segoff[i];
			b->iov[i].iov_len = b->seglen[i];
		}
		b->uio.uio_iov = b->iov;
		b->uio.uio_iovcnt = nseg;
		b->buf = &b->uio;
		b->flags = CRYPTO_F_IOV;
		break;
	}
	return 0;
fail:
	swt_buf_free(b);
	return -ENOMEM;
}

/* Copy between the segments and a linear buffer. */
static inline void swt_buf_xfer(struct swt_buf *b, u8 *lin, bool to_buf)
{
	int i, pos = 0;

	for (i = 0; i < b->nseg; i++) {
		u8 *p = b->seg[i] + b->segoff[i];

		if (to_buf)
			memcpy(p, lin + pos, b->seglen[i]);
		else
			memcpy(lin + pos, p, b->seglen[i]);
		pos += b->seglen[i];
	}
}

static inline void swt_buf_load(struct swt_buf *b, const u8 *lin)
{
	swt_buf_xfer(b, (u8 *)lin, true);
}

static inline void swt_buf_read(struct swt_buf *b, u8 *lin)
{
	swt_buf_xfer(b, lin, false);
}

#endif /* _CRYPTOSOFT_TEST_H */
