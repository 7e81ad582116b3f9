// SPDX-License-Identifier: GPL-2.0-only
/*
 * cryptosoft: ARC4 through the kernel's libarc4 (Linux has no arc4
 * skcipher in Debian's kernels).  As in the BSDs, the keystream of a
 * session continues from one request to the next, so its state is
 * locked for the length of an operation.
 */
#include <linux/slab.h>
#include <crypto/arc4.h>
#include "swcr.h"

int swcr_arc4_init(struct swcr_xform *xf, const struct cryptoini *cri)
{
	struct arc4_ctx *ctx;
	unsigned int klen;

	if (cri->cri_klen % 8)
		return -EINVAL;
	klen = cri->cri_klen / 8;
	if (klen < ARC4_MIN_KEY_SIZE || klen > ARC4_MAX_KEY_SIZE)
		return -EINVAL;
	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	if (arc4_setkey(ctx, cri->cri_key, klen)) {
		kfree_sensitive(ctx);
		return -EINVAL;
	}
	xf->priv = ctx;
	return 0;
}

void swcr_arc4_free(struct swcr_xform *xf)
{
	kfree_sensitive(xf->priv);
	xf->priv = NULL;
}

static int swcr_arc4_chunk(void *arg, u8 *buf, unsigned int len)
{
	arc4_crypt(arg, buf, buf, len);
	return 0;
}

int swcr_arc4_process(struct swcr_xform *xf, struct swcr_io *io,
		      struct cryptodesc *crd)
{
	int err;

	if (!swcr_range_ok(io->ilen, crd->crd_skip, crd->crd_len))
		return -EINVAL;
	spin_lock_bh(&xf->lock);
	err = swcr_range_transform(io, crd->crd_skip, crd->crd_len,
				   swcr_arc4_chunk, xf->priv);
	spin_unlock_bh(&xf->lock);
	if (!err)
		io->in = io->out;
	return err;
}
