/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Known-answer data for DEFLATE (RFC 1951) and GZIP (RFC 1952).  A
 * compressor's output is not unique, so the known answers are for
 * decompression; compression is checked by round trip, and
 * decompression also against Linux's own deflate in the cross-checks.
 * Written, and checked with zlib, by cryptosoft_vectors.py.
 */
#ifndef _CRYPTOSOFT_VEC_COMP_H
#define _CRYPTOSOFT_VEC_COMP_H

#include "cryptosoft_vec.h"

/* RFC 1951 3.2.4: one final stored block (BFINAL 1, BTYPE 00), LEN 5, NLEN. */
#define SWT_DEFLATE_STORED	"010500faff68656c6c6f"
/* RFC 1951 3.2.6: "hello" in one fixed-Huffman block (as zlib emits it). */
#define SWT_DEFLATE_FIXED	"cb48cdc9c90700"
/*
 * RFC 1952: 10-byte header (ID1 ID2 CM=8 FLG=0 MTIME=0 XFL=0 OS=255),
 * the stored block, CRC-32 ("hello" = 0x3610a686) and ISIZE, little-endian.
 */
#define SWT_GZIP_STORED		"1f8b08000000000000ff010500faff68656c6c6f86a6103605000000"
/* RFC 1952 with FLG.FNAME ("a.txt") and the fixed-Huffman block. */
#define SWT_GZIP_FNAME		"1f8b08080000000000ff612e74787400cb48cdc9c9070086a6103605000000"
/* The stored-block member with its CRC-32 off by one bit. */
#define SWT_GZIP_BADCRC		"1f8b08000000000000ff010500faff68656c6c6f87a6103605000000"

#endif
