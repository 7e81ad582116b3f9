// SPDX-License-Identifier: GPL-2.0-only
/*
 * cryptosoft: ranges of request buffers as scatterlists, through the
 * framework's buffer helpers, so every buffer type and any number of
 * segments work the same way.
 */
#include <linux/slab.h>
#include <linux/overflow.h>
#include "swcr.h"

/* swcr_sg_count() of a range that is not in the linear map. */
int swcr_sg_count_walk(int flags, void *buf, int off, int len)
{
	return crypto_buf_sg_nents(flags, buf, off, len);
}

/* swcr_sg_alloc() of more entries than the stack holds. */
int swcr_sg_alloc_heap(struct swcr_sg *s, int nents)
{
	s->nents = 0;
	s->sg = kmalloc_array(nents, sizeof(*s->sg), GFP_ATOMIC);
	if (!s->sg)
		return -ENOMEM;
	s->cap = nents;
	return 0;
}

/* swcr_sg_append() of a range that is not in the linear map. */
int swcr_sg_append_walk(struct swcr_sg *s, int flags, void *buf, int off,
			int len)
{
	int used;

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

/* swcr_sg_range() of a range that is not in the linear map. */
int swcr_sg_range_walk(struct swcr_sg *s, int flags, void *buf, int off,
		       int len)
{
	int n, err;

	n = swcr_sg_count(flags, buf, off, len);
	if (n < 0)
		return n;
	err = swcr_sg_alloc(s, n > 0 ? n : 1);
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

/*
 * Run `fn` over bytes [off, off + len) of the input in chunks, writing
 * the result at the same offsets of the output.  For the own-code
 * ciphers, whose bounce buffer never meets a scatterlist.
 */
int swcr_range_transform(struct swcr_io *io, int off, int len,
			 int (*fn)(void *arg, u8 *buf, unsigned int len),
			 void *arg)
{
	u8 chunk[SWCR_CHUNK] __uninitialized;
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
