// SPDX-License-Identifier: GPL-2.0-only
/*
 * cryptosoft: RFC 1952 (gzip) framing around the raw deflate stream.
 * Compression writes the minimal 10-byte header and the CRC-32/ISIZE
 * trailer; decompression accepts every optional header field and checks
 * the trailer.
 */
#include "swcr_comp.h"
#include <ocf/compat.h>

#define GZ_ID1		0x1f
#define GZ_ID2		0x8b
#define GZ_CM_DEFLATE	8
#define GZ_FHCRC	0x02
#define GZ_FEXTRA	0x04
#define GZ_FNAME	0x08
#define GZ_FCOMMENT	0x10
#define GZ_FRESERVED	0xe0
#define GZ_OS_UNIX	3
#define GZ_HDR_LEN	10
#define GZ_TRAILER_LEN	8

int swcr_gzip_header(struct swcr_zctx *z)
{
	/* No name, no mtime, no extra flags. */
	static const u8 hdr[GZ_HDR_LEN] = {
		GZ_ID1, GZ_ID2, GZ_CM_DEFLATE, 0, 0, 0, 0, 0, 0, GZ_OS_UNIX,
	};

	return swcr_comp_emit(z, hdr, sizeof(hdr));
}

int swcr_gzip_trailer(struct swcr_zctx *z)
{
	u8 t[GZ_TRAILER_LEN];

	put_unaligned_le32(z->crc ^ ~0U, t);
	put_unaligned_le32((u32)z->in_len, t + 4);
	return swcr_comp_emit(z, t, sizeof(t));
}

static int gz_byte(struct swcr_zctx *z, int *off, int end, u8 *b)
{
	if (*off >= end)
		return -EINVAL;
	if (crypto_copydata(z->io->flags, z->io->in, *off, 1, b))
		return -EINVAL;
	(*off)++;
	return 0;
}

static int gz_skip_string(struct swcr_zctx *z, int *off, int end)
{
	u8 b;
	int err;

	do {
		err = gz_byte(z, off, end, &b);
	} while (!err && b);
	return err;
}

/* Parse the header; leave [*off, *off + *len) as the deflate data. */
int swcr_gzip_parse(struct swcr_zctx *z, int *off, int *len)
{
	int pos = *off, end = *off + *len - GZ_TRAILER_LEN;
	u8 hdr[GZ_HDR_LEN], b;
	int err, i, xlen;

	if (*len < GZ_HDR_LEN + GZ_TRAILER_LEN)
		return -EINVAL;
	for (i = 0; i < GZ_HDR_LEN; i++) {
		err = gz_byte(z, &pos, end, &hdr[i]);
		if (err)
			return err;
	}
	if (hdr[0] != GZ_ID1 || hdr[1] != GZ_ID2 || hdr[2] != GZ_CM_DEFLATE ||
	    (hdr[3] & GZ_FRESERVED))
		return -EINVAL;
	if (hdr[3] & GZ_FEXTRA) {
		err = gz_byte(z, &pos, end, &b);
		xlen = b;
		if (!err)
			err = gz_byte(z, &pos, end, &b);
		if (err)
			return err;
		xlen |= b << 8;
		if (xlen > end - pos)
			return -EINVAL;
		pos += xlen;
	}
	if ((hdr[3] & GZ_FNAME) && gz_skip_string(z, &pos, end))
		return -EINVAL;
	if ((hdr[3] & GZ_FCOMMENT) && gz_skip_string(z, &pos, end))
		return -EINVAL;
	if (hdr[3] & GZ_FHCRC) {
		if (end - pos < 2)
			return -EINVAL;
		pos += 2;
	}
	*len = end - pos;
	*off = pos;
	return 0;
}

/* Compare the trailer with what the inflated data gave. */
int swcr_gzip_check(struct swcr_zctx *z, int trailer_off)
{
	u8 t[GZ_TRAILER_LEN];

	if (crypto_copydata(z->io->flags, z->io->in, trailer_off, sizeof(t),
			    t))
		return -EINVAL;
	if (get_unaligned_le32(t) != (z->crc ^ ~0U) ||
	    get_unaligned_le32(t + 4) != z->raw_len)
		return -EBADMSG;
	return 0;
}
