/* SPDX-License-Identifier: GPL-2.0-only */
/* cryptosoft: the Skipjack block cipher (NIST, 1998). */
#ifndef _SWCR_SKIPJACK_H
#define _SWCR_SKIPJACK_H

#include <linux/types.h>

#define SKIPJACK_KEY_LEN	10
#define SKIPJACK_BLOCK		8

void swcr_skipjack_encrypt_block(const u8 key[SKIPJACK_KEY_LEN], u8 *blk);
void swcr_skipjack_decrypt_block(const u8 key[SKIPJACK_KEY_LEN], u8 *blk);

#endif /* _SWCR_SKIPJACK_H */
