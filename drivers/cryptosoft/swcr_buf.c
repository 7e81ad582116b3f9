// SPDX-License-Identifier: GPL-2.0-only
/*
 * cryptosoft: ranges of request buffers as scatterlists, through the
 * framework's buffer helpers, so every buffer type and any number of
 * segments work the same way.
 */
#include <linux/slab.h>
#include <linux/overflow.h>
#include "swcr.h"

bool swcr_range_ok(int total, int off, int len)
{
	return off >= 0 && len >= 0 && total >= 0 && off <= total &&
	       len <= total - off;
}

/*
 * A contiguous buffer in the kernel's linear map is one scatterlist
 * entry, with no page walk: the common case, worth a fast path.
 */
static bool swcr_linear(int flags, void *buf, int off, int len)
{
	u8 *p = (u8 *)buf + off;

	return !(flags & CRYPTO_F_BUFTYPE_MASK) && len > 0 &&
	       virt_addr_valid(p) && virt_addr_valid(p + len - 1);
}

/* Entries swcr_sg_append() needs for [off, off + len). */
int swcr_sg_count(int flags, void *buf, int off, int len)
{
	if (len == 0)
		return 0;
	if (swcr_linear(flags, buf, off, len))
		return 1;
	return crypto_buf_sg_nents(flags, buf, off, len);
}

/* Room for `nents` entries, initialised when they are used. */
int swcr_sg_alloc(struct swcr_sg *s, int nents)
{
	s->nents = 0;
	if (nents <= 0)
		nents = 1;
	if (nents <= SWCR_SG_STACK) {
		s->sg = s->stack;
	} else {
		s->sg = kmalloc_array(nents, sizeof(*s->sg), GFP_ATOMIC);
		if (!s->sg)
			return -ENOMEM;
	}
	s->cap = nents;
	return 0;
}

/* One more entry, for a linear-map buffer; swcr_sg_finish() ends the list. */
static void swcr_sg_add(struct swcr_sg *s, void *p, unsigned int len)
{
	struct scatterlist *e = &s->sg[s->nents++];

	sg_init_table(e, 1);
	sg_unmark_end(e);
	sg_set_buf(e, p, len);
}

/* Append bytes [off, off + len) of a request buffer. */
int swcr_sg_append(struct swcr_sg *s, int flags, void *buf, int off, int len)
{
	int used;

	if (len == 0)
		return 0;
	if (s->nents >= s->cap)
		return -EINVAL;
	if (swcr_linear(flags, buf, off, len)) {
		swcr_sg_add(s, (u8 *)buf + off, len);
		return 0;
	}
	used = crypto_buf_to_sg(flags, buf, off, len, s->sg + s->nents,
				s->cap - s->nents);
	if (used < 0)
		return used == -ENOSPC ? -EINVAL : used;
	if (used == 0)
		return -EINVAL;
	/* The helper ended the list; later ranges continue it. */
	sg_unmark_end(&s->sg[s->nents + used - 1]);
	s->nents += used;
	return 0;
}

/* Append a kernel (lowmem, not stack-vmapped) buffer. */
int swcr_sg_append_ptr(struct swcr_sg *s, void *p, unsigned int len)
{
	if (len == 0)
		return 0;
	if (s->nents >= s->cap)
		return -EINVAL;
	swcr_sg_add(s, p, len);
	return 0;
}

struct scatterlist *swcr_sg_finish(struct swcr_sg *s)
{
	if (s->nents == 0) {
		/* An empty list still needs a terminated first entry. */
		sg_init_table(s->sg, 1);
		return s->sg;
	}
	sg_mark_end(&s->sg[s->nents - 1]);
	return s->sg;
}

/*
 * The scatterlist of one range, ready to use: one entry with no walk
 * for a linear-map buffer (the common case), else the general build.
 */
int swcr_sg_range(struct swcr_sg *s, int flags, void *buf, int off, int len)
{
	int n, err;

	if (swcr_linear(flags, buf, off, len)) {
		s->sg = s->stack;
		s->nents = 1;
		s->cap = 1;
		sg_init_one(s->sg, (u8 *)buf + off, len);
		return 0;
	}
	n = swcr_sg_count(flags, buf, off, len);
	if (n < 0)
		return n;
	err = swcr_sg_alloc(s, n);
	if (err)
		return err;
	err = swcr_sg_append(s, flags, buf, off, len);
	if (err) {
		swcr_sg_free(s);
		return err;
	}
	swcr_sg_finish(s);
	return 0;
}

void swcr_sg_free(struct swcr_sg *s)
{
	if (s->sg && s->sg != s->stack)
		kfree(s->sg);
	s->sg = NULL;
}

/*
 * Run `fn` over bytes [off, off + len) of the input in chunks, writing
 * the result at the same offsets of the output.  For the own-code
 * ciphers, whose bounce buffer never meets a scatterlist.
 */
int swcr_range_transform(struct swcr_io *io, int off, int len,
			 int (*fn)(void *arg, u8 *buf, unsigned int len),
			 void *arg)
{
	u8 chunk[SWCR_CHUNK];
	int n, err = 0;

	while (len > 0) {
		n = min(len, SWCR_CHUNK);
		err = crypto_copydata(io->flags, io->in, off, n, chunk);
		if (!err)
			err = fn(arg, chunk, n);
		if (!err)
			err = crypto_copyback(io->flags, io->out, off, n, chunk);
		if (err) {
			err = err > 0 ? -err : err;
			break;
		}
		off += n;
		len -= n;
	}
	memzero_explicit(chunk, sizeof(chunk));
	return err;
}
