/* SPDX-License-Identifier: GPL-2.0-only */
/* cryptosoft: the zlib stream shared by deflate and its gzip framing. */
#ifndef _SWCR_COMP_H
#define _SWCR_COMP_H

#include <linux/zlib.h>
#include "swcr.h"

#define SWCR_OUT_CHUNK		512

struct swcr_zctx {
	struct z_stream_s	strm;
	struct swcr_io		*io;
	bool			comp;
	bool			nogrow;
	bool			gzip;
	bool			ended;
	int			in_len;		/* bytes of input in total */
	int			opos;		/* bytes written to obuf */
	int			cap;		/* obuf capacity */
	u32			crc;		/* gzip: CRC-32 of the raw data */
	u32			raw_len;	/* gzip: raw data length */
	u8			out[SWCR_OUT_CHUNK];
};

int swcr_comp_emit(struct swcr_zctx *z, const u8 *p, unsigned int n);

/* RFC 1952 framing (swcr_gzip.c). */
int swcr_gzip_header(struct swcr_zctx *z);
int swcr_gzip_trailer(struct swcr_zctx *z);
int swcr_gzip_parse(struct swcr_zctx *z, int *off, int *len);
int swcr_gzip_check(struct swcr_zctx *z, int trailer_off);

#endif /* _SWCR_COMP_H */
