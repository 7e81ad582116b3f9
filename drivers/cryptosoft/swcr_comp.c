// SPDX-License-Identifier: GPL-2.0-only
/*
 * cryptosoft: DEFLATE_COMP, DEFLATE_COMP_NOGROW and GZIP_COMP with the
 * kernel's zlib.  DEFLATE is raw RFC 1951 data (as IPComp, RFC 2394,
 * uses it); GZIP adds RFC 1952's header and CRC-32/size trailer.
 *
 * The descriptor's range of crp_buf is the input; output goes to
 * crp_obuf from offset 0, at most crp_olen bytes (the header's
 * convention), and crp_olen is set to the bytes produced.  Input and
 * output are streamed through zlib a segment at a time, so any buffer
 * type and size works without a linear copy.  The zlib workspaces are
 * per session and locked for the length of an operation.
 */
#include <linux/crc32.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/zlib.h>
#include "swcr.h"
#include "swcr_comp.h"

/* Window and memory level as the BSDs use them for IPComp. */
#define SWCR_DEFLATE_WBITS	12
#define SWCR_DEFLATE_MEMLEVEL	8

struct swcr_comp {
	void	*dws;	/* deflate workspace */
	void	*iws;	/* inflate workspace */
};


int swcr_comp_init(struct swcr_xform *xf, const struct cryptoini *cri)
{
	struct swcr_comp *c;

	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	xf->priv = c;
	c->dws = vmalloc(zlib_deflate_workspacesize(MAX_WBITS, MAX_MEM_LEVEL));
	c->iws = vmalloc(zlib_inflate_workspacesize());
	if (!c->dws || !c->iws)
		return -ENOMEM;
	return 0;
}

void swcr_comp_free(struct swcr_xform *xf)
{
	struct swcr_comp *c = xf->priv;

	if (!c)
		return;
	vfree(c->dws);
	vfree(c->iws);
	kfree(c);
	xf->priv = NULL;
}

/* Append bytes to the output, within its capacity. */
int swcr_comp_emit(struct swcr_zctx *z, const u8 *p, unsigned int n)
{
	int err;

	if (n == 0)
		return 0;
	/* NOGROW: output as large as the input is a failure. */
	if (z->nogrow && z->opos + n >= z->in_len)
		return -ERANGE;
	if (n > z->cap - z->opos)
		return -ENOSPC;
	err = crypto_copyback(z->io->flags, z->io->crp->crp_obuf, z->opos, n,
			      p);
	if (err)
		return err > 0 ? -err : err;
	z->opos += n;
	return 0;
}

/* Move what zlib produced into the output and reset its window. */
static int swcr_comp_drain(struct swcr_zctx *z)
{
	unsigned int n = SWCR_OUT_CHUNK - z->strm.avail_out;
	int err;

	if (!z->comp && z->gzip) {
		z->crc = crc32_le(z->crc, z->out, n);
		z->raw_len += n;
	}
	err = swcr_comp_emit(z, z->out, n);
	z->strm.next_out = z->out;
	z->strm.avail_out = SWCR_OUT_CHUNK;
	return err;
}

static int swcr_comp_step(struct swcr_zctx *z, int flush)
{
	int ret;

	for (;;) {
		if (z->comp)
			ret = zlib_deflate(&z->strm, flush);
		else
			ret = zlib_inflate(&z->strm, flush);
		if (ret == Z_STREAM_END) {
			z->ended = true;
			return swcr_comp_drain(z);
		}
		if (ret != Z_OK && ret != Z_BUF_ERROR)
			return -EINVAL;	/* corrupt input */
		if (z->strm.avail_out == 0) {
			int err = swcr_comp_drain(z);

			if (err)
				return err;
			continue;
		}
		/* Input consumed and room left: zlib wants more input. */
		if (z->strm.avail_in == 0)
			return 0;
		if (ret == Z_BUF_ERROR)
			return -EINVAL;
	}
}

static int swcr_comp_feed(void *arg, void *data, unsigned int len)
{
	struct swcr_zctx *z = arg;

	if (z->ended)
		return -EINVAL;	/* data after the end of the stream */
	if (z->comp && z->gzip)
		z->crc = crc32_le(z->crc, data, len);
	z->strm.next_in = data;
	z->strm.avail_in = len;
	return swcr_comp_step(z, z->comp ? Z_NO_FLUSH : Z_SYNC_FLUSH);
}

static int swcr_comp_run(struct swcr_comp *c, struct swcr_zctx *z, int off,
			 int len)
{
	int err;

	z->strm.next_out = z->out;
	z->strm.avail_out = SWCR_OUT_CHUNK;
	if (z->comp) {
		z->strm.workspace = c->dws;
		if (zlib_deflateInit2(&z->strm, Z_DEFAULT_COMPRESSION,
				      Z_DEFLATED, -SWCR_DEFLATE_WBITS,
				      SWCR_DEFLATE_MEMLEVEL,
				      Z_DEFAULT_STRATEGY) != Z_OK)
			return -EINVAL;
	} else {
		z->strm.workspace = c->iws;
		if (zlib_inflateInit2(&z->strm, -MAX_WBITS) != Z_OK)
			return -EINVAL;
	}
	err = len ? crypto_apply(z->io->flags, z->io->in, off, len,
				 swcr_comp_feed, z) : 0;
	if (err > 0)
		err = -err;
	if (!err && z->comp) {
		z->strm.next_in = NULL;
		z->strm.avail_in = 0;
		err = swcr_comp_step(z, Z_FINISH);
		if (!err && !z->ended)
			err = -EINVAL;
	}
	if (!err && !z->comp && !z->ended)
		err = -EINVAL;	/* truncated stream */
	if (z->comp)
		zlib_deflateEnd(&z->strm);
	else
		zlib_inflateEnd(&z->strm);
	return err;
}

int swcr_comp_process(struct swcr_xform *xf, struct swcr_io *io,
		      struct cryptodesc *crd)
{
	struct swcr_comp *c = xf->priv;
	struct cryptop *crp = io->crp;
	struct swcr_zctx *z;
	int off = crd->crd_skip, len = crd->crd_len;
	int err;

	if (!swcr_range_ok(io->ilen, crd->crd_skip, crd->crd_len) ||
	    !crp->crp_obuf || crp->crp_olen < 0)
		return -EINVAL;
	/* The zlib stream and bounce buffer are too big for the stack. */
	z = kzalloc(sizeof(*z), GFP_ATOMIC);
	if (!z)
		return -ENOMEM;
	z->io = io;
	z->comp = crd->crd_flags & CRD_F_COMP;
	z->nogrow = z->comp && xf->alg == CRYPTO_DEFLATE_COMP_NOGROW;
	z->gzip = xf->alg == CRYPTO_GZIP_COMP;
	z->in_len = len;
	z->cap = crp->crp_olen;
	z->crc = ~0U;

	spin_lock_bh(&xf->lock);
	if (z->gzip && z->comp) {
		err = swcr_gzip_header(z);
		if (!err)
			err = swcr_comp_run(c, z, off, len);
		if (!err)
			err = swcr_gzip_trailer(z);
	} else if (z->gzip) {
		err = swcr_gzip_parse(z, &off, &len);
		if (!err)
			err = swcr_comp_run(c, z, off, len);
		if (!err)
			err = swcr_gzip_check(z, off + len);
	} else {
		err = swcr_comp_run(c, z, off, len);
	}
	spin_unlock_bh(&xf->lock);
	if (!err)
		crp->crp_olen = z->opos;
	kfree_sensitive(z);
	return err;
}
