// SPDX-License-Identifier: GPL-2.0-only
/* cryptosoft: SKIPJACK_CBC, CBC mode around the own Skipjack code. */
#include <linux/slab.h>
#include "swcr.h"
#include "swcr_skipjack.h"

int swcr_skipjack_init(struct swcr_xform *xf, const struct cryptoini *cri)
{
	if (cri->cri_klen != SKIPJACK_KEY_LEN * 8)
		return -EINVAL;
	xf->priv = kmemdup(cri->cri_key, SKIPJACK_KEY_LEN, GFP_KERNEL);
	if (!xf->priv)
		return -ENOMEM;
	xf->ivlen = SKIPJACK_BLOCK;
	return 0;
}

void swcr_skipjack_free(struct swcr_xform *xf)
{
	kfree_sensitive(xf->priv);
	xf->priv = NULL;
}

struct swcr_sj_cbc {
	const u8	*key;
	bool		enc;
	u8		iv[SKIPJACK_BLOCK];
};

static int swcr_sj_chunk(void *arg, u8 *buf, unsigned int len)
{
	struct swcr_sj_cbc *c = arg;
	u8 next[SKIPJACK_BLOCK];
	unsigned int i, j;

	for (i = 0; i < len; i += SKIPJACK_BLOCK) {
		u8 *b = buf + i;

		if (c->enc) {
			for (j = 0; j < SKIPJACK_BLOCK; j++)
				b[j] ^= c->iv[j];
			swcr_skipjack_encrypt_block(c->key, b);
			memcpy(c->iv, b, SKIPJACK_BLOCK);
		} else {
			memcpy(next, b, SKIPJACK_BLOCK);
			swcr_skipjack_decrypt_block(c->key, b);
			for (j = 0; j < SKIPJACK_BLOCK; j++)
				b[j] ^= c->iv[j];
			memcpy(c->iv, next, SKIPJACK_BLOCK);
		}
	}
	memzero_explicit(next, sizeof(next));
	return 0;
}

int swcr_skipjack_process(struct swcr_xform *xf, struct swcr_io *io,
			  struct cryptodesc *crd)
{
	struct swcr_sj_cbc c = {
		.key = xf->priv,
		.enc = crd->crd_flags & CRD_F_ENCRYPT,
	};
	int err;

	if (!swcr_range_ok(io->ilen, crd->crd_skip, crd->crd_len) ||
	    crd->crd_len % SKIPJACK_BLOCK)
		return -EINVAL;
	err = swcr_get_iv(xf, io, crd, c.iv, SKIPJACK_BLOCK);
	if (!err)
		err = swcr_range_transform(io, crd->crd_skip, crd->crd_len,
					   swcr_sj_chunk, &c);
	memzero_explicit(&c, sizeof(c));
	if (!err)
		io->in = io->out;
	return err;
}
