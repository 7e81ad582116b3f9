// SPDX-License-Identifier: GPL-2.0-only
/*
 * Buffer helpers for drivers: the four buffer types (contiguous,
 * scatterlist, sk_buff, kvec list) seen as one byte range.  Every call
 * checks off/len against the buffer's real size before touching a byte,
 * so a bad request fails with -EINVAL and never copies halfway.  A
 * contiguous buffer carries no size: its bound is crp_ilen, which the
 * caller checks.
 */
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/scatterlist.h>
#include <linux/skbuff.h>
#include <linux/uio.h>
#include <linux/vmalloc.h>
#include "ocf_internal.h"

#define OCF_SG_WALK_LIMIT	(1024 * 1024)	/* entries: beyond is a loop */

/* Called per piece; a non-zero return stops the walk and is returned. */
typedef int (*ocf_piece_fn)(void *ctx, void *data, unsigned int len);
/* Called per physical piece (never crossing a page). */
typedef int (*ocf_page_fn)(void *ctx, struct page *pg, unsigned int off,
			   unsigned int len);

/* Size of a typed buffer, or -1 for a contiguous one (unknown here). */
static long ocf_buf_size(int flags, void *buf)
{
	long total = 0;
	int i, n = 0;

	switch (flags & CRYPTO_F_BUFTYPE_MASK) {
	case 0:
		return -1;
	case CRYPTO_F_IMBUF:
		return ((struct sk_buff *)buf)->len;
	case CRYPTO_F_SG: {
		struct scatterlist *sg;

		for (sg = buf; sg; sg = sg_next(sg)) {
			if (++n > OCF_SG_WALK_LIMIT)
				return -2;
			total += sg->length;
		}
		return total;
	}
	case CRYPTO_F_IOV: {
		struct cryptouio *uio = buf;

		if (uio->uio_iovcnt < 0 || (uio->uio_iovcnt && !uio->uio_iov))
			return -2;
		for (i = 0; i < uio->uio_iovcnt; i++) {
			if (uio->uio_iov[i].iov_len > INT_MAX)
				return -2;
			total += uio->uio_iov[i].iov_len;
		}
		return total;
	}
	}
	return -2;	/* several type flags at once */
}

static __always_inline int ocf_check(int flags, void *buf, int off, int len)
{
	long size;

	if (!buf || off < 0 || len < 0)
		return -EINVAL;
	/* Contiguous (the hot path): only the int range to check. */
	if (!(flags & CRYPTO_F_BUFTYPE_MASK))
		return len > INT_MAX - off ? -EINVAL : 0;
	size = ocf_buf_size(flags, buf);
	if (size == -2)
		return -EINVAL;
	if (size >= 0 && (off > size || len > size - off))
		return -EINVAL;
	if (size < 0 && len > INT_MAX - off)
		return -EINVAL;
	return 0;
}

/* Split a virtually contiguous range into pages. */
static int ocf_virt_pages(void *data, unsigned int len, ocf_page_fn fn,
			  void *ctx)
{
	while (len) {
		unsigned int off = offset_in_page(data);
		unsigned int n = min_t(unsigned int, len, PAGE_SIZE - off);
		/* Lowmem, else vmalloc/module/vmap-stack space. */
		struct page *pg = virt_addr_valid(data) ?
				  virt_to_page(data) : vmalloc_to_page(data);
		int err;

		if (!pg)
			return -EFAULT;
		err = fn(ctx, pg, off, n);
		if (err)
			return err;
		data += n;
		len -= n;
	}
	return 0;
}

/* Split a physically contiguous page range into single pages. */
static int ocf_phys_pages(struct page *pg, unsigned int off,
			  unsigned int len, ocf_page_fn fn, void *ctx)
{
	pg += off / PAGE_SIZE;
	off %= PAGE_SIZE;
	while (len) {
		unsigned int n = min_t(unsigned int, len, PAGE_SIZE - off);
		int err = fn(ctx, pg, off, n);

		if (err)
			return err;
		pg++;
		off = 0;
		len -= n;
	}
	return 0;
}

/* Walk [*off, *off + *len) of an skb and its fragments, page by page. */
static int ocf_skb_pages(struct sk_buff *skb, unsigned int *off,
			 unsigned int *len, ocf_page_fn fn, void *ctx,
			 int depth)
{
	struct sk_buff *frag;
	unsigned int head = skb_headlen(skb), n;
	int i, err;

	if (depth > 8)
		return -EINVAL;
	if (*off < head) {
		n = min(*len, head - *off);
		err = ocf_virt_pages(skb->data + *off, n, fn, ctx);
		if (err)
			return err;
		*len -= n;
		*off = 0;
	} else {
		*off -= head;
	}
	for (i = 0; i < skb_shinfo(skb)->nr_frags && *len; i++) {
		const skb_frag_t *f = &skb_shinfo(skb)->frags[i];
		unsigned int fsize = skb_frag_size(f);

		if (*off >= fsize) {
			*off -= fsize;
			continue;
		}
		n = min(*len, fsize - *off);
		err = ocf_phys_pages(skb_frag_page(f),
				     skb_frag_off(f) + *off, n, fn, ctx);
		if (err)
			return err;
		*len -= n;
		*off = 0;
	}
	skb_walk_frags(skb, frag) {
		if (!*len)
			break;
		err = ocf_skb_pages(frag, off, len, fn, ctx, depth + 1);
		if (err)
			return err;
	}
	return 0;
}

/* Walk a checked range of any buffer type, page by page. */
static int ocf_walk_pages(int flags, void *buf, unsigned int off,
			  unsigned int len, ocf_page_fn fn, void *ctx)
{
	int err = 0, i;

	switch (flags & CRYPTO_F_BUFTYPE_MASK) {
	case 0:
		return ocf_virt_pages(buf + off, len, fn, ctx);
	case CRYPTO_F_IMBUF:
		err = ocf_skb_pages(buf, &off, &len, fn, ctx, 0);
		break;
	case CRYPTO_F_SG: {
		struct scatterlist *sg;

		for (sg = buf; sg && len; sg = sg_next(sg)) {
			unsigned int n;

			if (off >= sg->length) {
				off -= sg->length;
				continue;
			}
			n = min(len, sg->length - off);
			err = ocf_phys_pages(sg_page(sg), sg->offset + off, n,
					     fn, ctx);
			if (err)
				return err;
			len -= n;
			off = 0;
		}
		break;
	}
	case CRYPTO_F_IOV: {
		struct cryptouio *uio = buf;

		for (i = 0; i < uio->uio_iovcnt && len; i++) {
			struct kvec *v = &uio->uio_iov[i];
			unsigned int n;

			if (off >= v->iov_len) {
				off -= v->iov_len;
				continue;
			}
			n = min_t(size_t, len, v->iov_len - off);
			err = ocf_virt_pages(v->iov_base + off, n, fn, ctx);
			if (err)
				return err;
			len -= n;
			off = 0;
		}
		break;
	}
	default:
		return -EINVAL;
	}
	if (!err && len)
		err = -EINVAL;	/* the buffer changed under us */
	return err;
}

struct ocf_apply_ctx {
	ocf_piece_fn	fn;
	void		*arg;
};

static int ocf_apply_page(void *ctx, struct page *pg, unsigned int off,
			  unsigned int len)
{
	struct ocf_apply_ctx *a = ctx;
	void *p = kmap_local_page(pg);
	int err = a->fn(a->arg, p + off, len);

	kunmap_local(p);
	return err;
}

int crypto_apply(int flags, void *buf, int off, int len,
		 int (*f)(void *arg, void *data, unsigned int len), void *arg)
{
	struct ocf_apply_ctx a = { .fn = f, .arg = arg };
	int err, i;

	if (!f)
		return -EINVAL;
	err = ocf_check(flags, buf, off, len);
	if (err || !len)
		return err;
	/* Virtually contiguous types need no page mapping. */
	switch (flags & CRYPTO_F_BUFTYPE_MASK) {
	case 0:
		return f(arg, buf + off, len);
	case CRYPTO_F_IOV: {
		struct cryptouio *uio = buf;

		for (i = 0; i < uio->uio_iovcnt && len; i++) {
			struct kvec *v = &uio->uio_iov[i];
			unsigned int n;

			if (off >= v->iov_len) {
				off -= v->iov_len;
				continue;
			}
			n = min_t(size_t, len, v->iov_len - off);
			err = f(arg, v->iov_base + off, n);
			if (err)
				return err;
			len -= n;
			off = 0;
		}
		return len ? -EINVAL : 0;
	}
	}
	return ocf_walk_pages(flags, buf, off, len, ocf_apply_page, &a);
}
EXPORT_SYMBOL_GPL(crypto_apply);

static int ocf_copy_out(void *ctx, void *data, unsigned int len)
{
	u8 **dst = ctx;

	memcpy(*dst, data, len);
	*dst += len;
	return 0;
}

static int ocf_copy_in(void *ctx, void *data, unsigned int len)
{
	const u8 **src = ctx;

	memcpy(data, *src, len);
	*src += len;
	return 0;
}

int crypto_copydata(int flags, void *buf, int off, int size, void *out)
{
	u8 *dst = out;
	int err;

	if (!out && size)
		return -EINVAL;
	if (!(flags & CRYPTO_F_BUFTYPE_MASK)) {
		err = ocf_check(flags, buf, off, size);
		if (!err)
			memcpy(out, buf + off, size);
		return err;
	}
	return crypto_apply(flags, buf, off, size, ocf_copy_out, &dst);
}
EXPORT_SYMBOL_GPL(crypto_copydata);

int crypto_copyback(int flags, void *buf, int off, int size, const void *in)
{
	const u8 *src = in;
	int err;

	if (!in && size)
		return -EINVAL;
	if (!(flags & CRYPTO_F_BUFTYPE_MASK)) {
		err = ocf_check(flags, buf, off, size);
		if (!err)
			memcpy(buf + off, in, size);
		return err;
	}
	return crypto_apply(flags, buf, off, size, ocf_copy_in, &src);
}
EXPORT_SYMBOL_GPL(crypto_copyback);

struct ocf_sg_ctx {
	struct scatterlist	*sg;
	int			nents;
	int			used;
};

static int ocf_sg_count(void *ctx, struct page *pg, unsigned int off,
			unsigned int len)
{
	struct ocf_sg_ctx *c = ctx;

	c->used++;
	return 0;
}

static int ocf_sg_fill(void *ctx, struct page *pg, unsigned int off,
		       unsigned int len)
{
	struct ocf_sg_ctx *c = ctx;

	if (c->used == c->nents)
		return -ENOSPC;
	sg_set_page(&c->sg[c->used++], pg, len, off);
	return 0;
}

/* ocf_virt_pages() with ocf_sg_fill(), without the indirect calls. */
static int ocf_virt_to_sg(void *data, unsigned int len, struct ocf_sg_ctx *c)
{
	while (len) {
		unsigned int off = offset_in_page(data);
		unsigned int n = min_t(unsigned int, len, PAGE_SIZE - off);
		struct page *pg = virt_addr_valid(data) ?
				  virt_to_page(data) : vmalloc_to_page(data);

		if (!pg)
			return -EFAULT;
		if (c->used == c->nents)
			return -ENOSPC;
		sg_set_page(&c->sg[c->used++], pg, n, off);
		data += n;
		len -= n;
	}
	return 0;
}

/* Entries crypto_buf_to_sg() needs for [off, off + len): one per page. */
int crypto_buf_sg_nents(int flags, void *buf, int off, int len)
{
	struct ocf_sg_ctx c = { };
	int err;

	err = ocf_check(flags, buf, off, len);
	if (err)
		return err;
	/* Contiguous: the pages the range spans, no walk (the hot path). */
	if (!(flags & CRYPTO_F_BUFTYPE_MASK))
		return len ? DIV_ROUND_UP(offset_in_page(buf + off) + len,
					  PAGE_SIZE) : 0;
	err = ocf_walk_pages(flags, buf, off, len, ocf_sg_count, &c);
	return err ? err : c.used;
}
EXPORT_SYMBOL_GPL(crypto_buf_sg_nents);

/*
 * Describe [off, off + len) of the buffer in @sg (initialised and
 * terminated here).  Returns the entries used, -ENOSPC when @nents is
 * too small, -EINVAL for a range outside the buffer.
 */
int crypto_buf_to_sg(int flags, void *buf, int off, int len,
		     struct scatterlist *sg, int nents)
{
	struct ocf_sg_ctx c = { .sg = sg, .nents = nents };
	int err;

	if (!sg || nents <= 0)
		return -EINVAL;
	err = ocf_check(flags, buf, off, len);
	if (err)
		return err;
	sg_init_table(sg, nents);
	if (!(flags & CRYPTO_F_BUFTYPE_MASK))
		err = ocf_virt_to_sg(buf + off, len, &c);
	else
		err = ocf_walk_pages(flags, buf, off, len, ocf_sg_fill, &c);
	if (err)
		return err;
	if (c.used)
		sg_mark_end(&sg[c.used - 1]);
	return c.used;
}
EXPORT_SYMBOL_GPL(crypto_buf_to_sg);
