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

int swcr_sg_alloc(struct swcr_sg *s, int nents)
{
	s->nents = 0;
	if (nents <= 0)
		nents = 1;
	if (nents <= SWCR_SG_STACK) {
		s->sg = s->stack;
		s->cap = SWCR_SG_STACK;
	} else {
		s->sg = kmalloc_array(nents, sizeof(*s->sg), GFP_ATOMIC);
		if (!s->sg)
			return -ENOMEM;
		s->cap = nents;
	}
	sg_init_table(s->sg, s->cap);
	return 0;
}

/* Append bytes [off, off + len) of a request buffer. */
int swcr_sg_append(struct swcr_sg *s, int flags, void *buf, int off, int len)
{
	int n, used;

	if (len == 0)
		return 0;
	n = crypto_buf_sg_nents(flags, buf, off, len);
	if (n < 0)
		return n;
	if (n == 0 || n > s->cap - s->nents)
		return -EINVAL;
	used = crypto_buf_to_sg(flags, buf, off, len, s->sg + s->nents, n);
	if (used < 0)
		return used;
	if (used == 0 || used > n)
		return -EINVAL;
	/* The helper may have ended the list; later ranges continue it. */
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
	sg_set_buf(&s->sg[s->nents], p, len);
	s->nents++;
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
