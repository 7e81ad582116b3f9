// SPDX-License-Identifier: GPL-2.0-only
/*
 * cryptosoft: the GCM cases Linux's gcm(aes) cannot do, i.e. IVs other
 * than 96 bits (J0 = GHASH(IV || pad || len), SP 800-38D 7.1) and tags
 * shorter than 16 bytes.  AES comes from the AES library, GHASH from the
 * "ghash" shash keyed with H.  Decrypt checks the tag before it writes
 * any plaintext.
 */
#include <linux/slab.h>
#include <crypto/aes.h>
#include <crypto/algapi.h>
#include <crypto/hash.h>
#include "swcr.h"

int swcr_gcm_init(struct swcr_xform *xf, const u8 *key, unsigned int klen)
{
	u8 h[AES_BLOCK_SIZE] = { };
	int err;

	xf->gcm_aes = kmalloc(sizeof(*xf->gcm_aes), GFP_KERNEL);
	if (!xf->gcm_aes)
		return -ENOMEM;
	if (aes_expandkey(xf->gcm_aes, key, klen))
		return -EINVAL;
	xf->ghash = crypto_alloc_shash("ghash", 0, 0);
	if (IS_ERR(xf->ghash)) {
		err = PTR_ERR(xf->ghash);
		xf->ghash = NULL;
		return err;
	}
	aes_encrypt(xf->gcm_aes, h, h);		/* H = E(K, 0^128) */
	err = crypto_shash_setkey(xf->ghash, h, sizeof(h));
	memzero_explicit(h, sizeof(h));
	return err;
}

void swcr_gcm_free(struct swcr_xform *xf)
{
	kfree_sensitive(xf->gcm_aes);
	xf->gcm_aes = NULL;
	if (xf->ghash)
		crypto_free_shash(xf->ghash);
	xf->ghash = NULL;
}

static int swcr_ghash_range(struct shash_desc *desc, int flags, void *buf,
			    int off, int len)
{
	u8 chunk[SWCR_CHUNK];
	int n, err = 0;

	while (len > 0 && !err) {
		n = min(len, SWCR_CHUNK);
		err = crypto_copydata(flags, buf, off, n, chunk);
		err = err > 0 ? -err : err;
		if (!err)
			err = crypto_shash_update(desc, chunk, n);
		off += n;
		len -= n;
	}
	return err;
}

/* GHASH works on whole blocks: each part is padded with zeros. */
static int swcr_ghash_pad(struct shash_desc *desc, unsigned int len)
{
	static const u8 zero[AES_BLOCK_SIZE];

	if (len % AES_BLOCK_SIZE == 0)
		return 0;
	return crypto_shash_update(desc, zero,
				   AES_BLOCK_SIZE - len % AES_BLOCK_SIZE);
}

static int swcr_gcm_j0(const struct swcr_aead_op *op,
		       struct shash_desc *desc, u8 *j0)
{
	struct swcr_io *io = op->io;
	__be64 lens[2];
	int err;

	if (op->iv_len == 12 && op->iv) {
		memcpy(j0, op->iv, 12);
		memcpy(j0 + 12, "\0\0\0\1", 4);
		return 0;
	}
	err = crypto_shash_init(desc);
	if (err)
		return err;
	if (op->iv)
		err = crypto_shash_update(desc, op->iv, op->iv_len);
	else
		err = swcr_ghash_range(desc, io->flags, io->in, op->iv_off,
				       op->iv_len);
	lens[0] = 0;
	lens[1] = cpu_to_be64((u64)op->iv_len * 8);
	err = err ?: swcr_ghash_pad(desc, op->iv_len);
	err = err ?: crypto_shash_update(desc, (u8 *)lens, sizeof(lens));
	return err ?: crypto_shash_final(desc, j0);
}

/* Full tag: GHASH(A || pad || C || pad || len(A) || len(C)) ^ E(J0). */
static int swcr_gcm_tag(const struct swcr_aead_op *op,
			struct shash_desc *desc, void *cbuf,
			const u8 *ekj0, u8 *tag)
{
	struct swcr_io *io = op->io;
	__be64 lens[2];
	int err;

	lens[0] = cpu_to_be64((u64)op->aad_len * 8);
	lens[1] = cpu_to_be64((u64)op->pay_len * 8);
	err = crypto_shash_init(desc);
	err = err ?: swcr_ghash_range(desc, io->flags, io->in, op->aad_off,
				      op->aad_len);
	err = err ?: swcr_ghash_pad(desc, op->aad_len);
	err = err ?: swcr_ghash_range(desc, io->flags, cbuf, op->pay_off,
				      op->pay_len);
	err = err ?: swcr_ghash_pad(desc, op->pay_len);
	err = err ?: crypto_shash_update(desc, (u8 *)lens, sizeof(lens));
	err = err ?: crypto_shash_final(desc, tag);
	if (!err)
		crypto_xor(tag, ekj0, AES_BLOCK_SIZE);
	return err;
}

struct swcr_gcm_ctr {
	const struct crypto_aes_ctx	*aes;
	u8				ctr[AES_BLOCK_SIZE];
	u8				ks[AES_BLOCK_SIZE];
};

/* CTR with GCM's inc32: only the low 32 bits count (and wrap). */
static int swcr_gcm_ctr_chunk(void *arg, u8 *buf, unsigned int len)
{
	struct swcr_gcm_ctr *c = arg;
	unsigned int i, n;

	for (i = 0; i < len; i += n) {
		n = min_t(unsigned int, len - i, AES_BLOCK_SIZE);
		crypto_inc(c->ctr + 12, 4);
		aes_encrypt(c->aes, c->ks, c->ctr);
		crypto_xor(buf + i, c->ks, n);
	}
	return 0;
}

int swcr_gcm_run(const struct swcr_aead_op *op)
{
	struct swcr_xform *xf = op->xf;
	struct swcr_io *io = op->io;
	SHASH_DESC_ON_STACK(desc, xf->ghash);
	struct swcr_gcm_ctr c = { .aes = xf->gcm_aes };
	u8 ekj0[AES_BLOCK_SIZE], tag[AES_BLOCK_SIZE], want[AES_BLOCK_SIZE];
	int err;

	desc->tfm = xf->ghash;
	err = swcr_gcm_j0(op, desc, c.ctr);
	if (err)
		goto out;
	aes_encrypt(xf->gcm_aes, ekj0, c.ctr);

	if (!op->enc) {
		if (op->tag_off < 0) {
			memcpy(want, io->crp->crp_mac, op->tag_len);
		} else {
			err = crypto_copydata(io->flags, io->in, op->tag_off,
					      op->tag_len, want);
			if (err) {
				err = -EINVAL;
				goto out;
			}
		}
		err = swcr_gcm_tag(op, desc, io->in, ekj0, tag);
		if (!err && crypto_memneq(tag, want, op->tag_len))
			err = -EBADMSG;
		if (!err && op->pay_len)
			err = swcr_range_transform(io, op->pay_off,
						   op->pay_len,
						   swcr_gcm_ctr_chunk, &c);
		goto out;
	}

	if (op->pay_len)
		err = swcr_range_transform(io, op->pay_off, op->pay_len,
					   swcr_gcm_ctr_chunk, &c);
	err = err ?: swcr_gcm_tag(op, desc, io->out, ekj0, tag);
	if (err)
		goto out;
	if (op->tag_off < 0) {
		memcpy(io->crp->crp_mac, tag, op->tag_len);
	} else {
		err = crypto_copyback(io->flags, io->out, op->tag_off,
				      op->tag_len, tag);
		err = err > 0 ? -err : err;
	}
out:
	shash_desc_zero(desc);
	memzero_explicit(&c, sizeof(c));
	memzero_explicit(ekj0, sizeof(ekj0));
	memzero_explicit(tag, sizeof(tag));
	return err;
}
