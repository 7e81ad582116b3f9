// SPDX-License-Identifier: GPL-2.0-only
/*
 * cryptosoft known-answer tests through the OCF API: every symmetric
 * algorithm with the standards' vectors (tests/kernel/cryptosoft_vec_*.h),
 * in every buffer type, in and out of place, plus the request semantics
 * of opencrypto(9) (IV handling, chains, hash streaming) and its errors.
 * Sessions are opened on the cryptosoft driver by id.
 */
#include <linux/module.h>
#include "cryptosoft_test.h"
#include "cryptosoft_vec_cipher.h"
#include "cryptosoft_vec_hash.h"
#include "cryptosoft_vec_aead.h"
#include "cryptosoft_vec_gmac.h"
#include "cryptosoft_vec_comp.h"

static struct ktap_suite suite;

/* One descriptor's worth of a request. */
struct swt_op {
	int		alg;
	int		skip, len, inject, flags;
	const u8	*iv;
	int		ivlen;
	int		rnd;	/* AEAD: IV (cipher) or tag (MAC) length */
};

/* Run a request of `n` descriptors on `sid` over `b` (and `ob`). */
static int swt_request(u64 sid, const struct swt_op *ops, int n,
		       struct swt_buf *b, struct swt_buf *ob, void *mac)
{
	struct cryptop *crp = crypto_getreq(n);
	struct cryptodesc *crd;
	int i, err;

	if (!crp)
		return -ENOMEM;
	for (i = 0, crd = crp->crp_desc; i < n && crd;
	     i++, crd = crd->crd_next) {
		crd->crd_alg = ops[i].alg;
		crd->crd_skip = ops[i].skip;
		crd->crd_len = ops[i].len;
		crd->crd_inject = ops[i].inject;
		crd->crd_flags = ops[i].flags;
		crd->crd_rnd = ops[i].rnd;
		if (ops[i].iv)
			memcpy(crd->crd_iv, ops[i].iv, ops[i].ivlen);
	}
	crp->crp_sid = sid;
	crp->crp_ilen = b->len;
	crp->crp_flags = b->flags;
	crp->crp_buf = b->buf;
	crp->crp_obuf = ob ? ob->buf : NULL;
	crp->crp_mac = mac;
	err = swt_run(crp);
	if (err != -ETIMEDOUT)
		crypto_freereq(crp);
	return err;
}

struct swt_data {
	u8	*key, *iv, *aad, *in, *out, *tag;
	int	klen, ivlen, aadlen, inlen, outlen, taglen;
};

static void swt_data_free(struct swt_data *d)
{
	kfree_sensitive(d->key);
	kfree(d->iv);
	kfree(d->aad);
	kfree(d->in);
	kfree(d->out);
	kfree(d->tag);
	memset(d, 0, sizeof(*d));
}

static int swt_data_load(struct swt_data *d, const struct swt_vec *v)
{
	memset(d, 0, sizeof(*d));
	d->key = swt_unhex(v->key, &d->klen);
	d->iv = swt_unhex(v->iv, &d->ivlen);
	d->aad = swt_unhex(v->aad, &d->aadlen);
	d->in = swt_unhex(v->in, &d->inlen);
	d->out = swt_unhex(v->out, &d->outlen);
	d->tag = swt_unhex(v->tag, &d->taglen);
	if (!d->key || !d->iv || !d->aad || !d->in || !d->out || !d->tag) {
		swt_data_free(d);
		return -ENOMEM;
	}
	return 0;
}

/* ---------------------------------------------------------- ciphers */

/*
 * One cipher pass on a fresh session (ARC4's keystream continues per
 * session).  Returns 0 and fills `res` (len bytes) or an errno.
 */
static int swt_cipher_pass(const struct swt_vec *v, struct swt_data *d,
			   bool enc, enum swt_buftype type, bool oop,
			   const u8 *src, u8 *res)
{
	struct swt_buf b, ob;
	struct swt_op op = {
		.alg = v->alg, .len = d->inlen,
		.flags = (enc ? CRD_F_ENCRYPT : 0) | CRD_F_IV_EXPLICIT |
			 CRD_F_IV_PRESENT,
		.iv = d->iv, .ivlen = d->ivlen,
	};
	u64 sid;
	int err;

	err = swt_session(&sid, v->alg, d->key, d->klen, 0, NULL, 0);
	if (err)
		return err;
	err = swt_buf_alloc(&b, type, d->inlen, 3);
	if (err)
		goto out_ses;
	err = oop ? swt_buf_alloc(&ob, type, d->inlen, 2) : 0;
	if (err)
		goto out_b;
	swt_buf_load(&b, src);
	err = swt_request(sid, &op, 1, &b, oop ? &ob : NULL, NULL);
	if (!err)
		swt_buf_read(oop ? &ob : &b, res);
	if (oop)
		swt_buf_free(&ob);
out_b:
	swt_buf_free(&b);
out_ses:
	crypto_freesession(sid);
	return err;
}

static void swt_cipher_vec(const struct swt_vec *v, bool optional)
{
	static const struct { bool enc; enum swt_buftype t; bool oop; } runs[] = {
		{ true, SWT_CONTIG, false }, { false, SWT_CONTIG, false },
		{ true, SWT_SG, true }, { false, SWT_SG, false },
		{ true, SWT_IOV, false }, { false, SWT_IOV, true },
		{ true, SWT_SKB, true }, { false, SWT_SKB, false },
	};
	struct swt_data d;
	u8 *res;
	int i, err;
	u64 sid;

	if (swt_data_load(&d, v)) {
		swt_record(false, "cipher %s: out of memory", v->name);
		return;
	}
	if (optional) {
		err = swt_session(&sid, v->alg, d.key, d.klen, 0, NULL, 0);
		if (err) {
			swt_skip("not in this kernel (EINVAL)", "cipher %s",
				 v->name);
			swt_record(err == EINVAL, "cipher %s absent: EINVAL",
				   v->name);
			goto out;
		}
		crypto_freesession(sid);
	}
	res = kzalloc(d.inlen + 1, GFP_KERNEL);
	for (i = 0; res && i < ARRAY_SIZE(runs); i++) {
		const u8 *src = runs[i].enc ? d.in : d.out;
		const u8 *want = runs[i].enc ? d.out : d.in;

		err = swt_cipher_pass(v, &d, runs[i].enc, runs[i].t,
				      runs[i].oop, src, res);
		swt_record(!err && !memcmp(res, want, d.inlen),
			   "cipher %s %s %s %s (err %d)", v->name,
			   runs[i].enc ? "encrypt" : "decrypt",
			   swt_buftype_name[runs[i].t],
			   runs[i].oop ? "out-of-place" : "in-place", err);
	}
	kfree(res);
out:
	swt_data_free(&d);
}

/*
 * The page's IV rules: encrypting with an explicit IV and no
 * CRD_F_IV_PRESENT writes the IV at crd_inject; decrypting without
 * CRD_F_IV_EXPLICIT reads it from there.
 */
static void swt_cipher_iv_inject(const struct swt_vec *v,
				 enum swt_buftype type, bool oop)
{
	struct swt_data d;
	struct swt_buf b, ob, *res = oop ? &ob : &b;
	struct swt_op op;
	u8 *lin = NULL;
	u64 sid;
	int err = -ENOMEM, len;
	bool ok = false;

	if (swt_data_load(&d, v))
		goto out;
	len = d.ivlen + d.inlen;
	lin = kzalloc(len, GFP_KERNEL);
	if (!lin || swt_buf_alloc(&b, type, len, 4))
		goto out;
	if (oop && swt_buf_alloc(&ob, type, len, 3))
		goto out_b;
	err = swt_session(&sid, v->alg, d.key, d.klen, 0, NULL, 0);
	if (err)
		goto out_ob;
	memcpy(lin + d.ivlen, d.in, d.inlen);
	swt_buf_load(&b, lin);
	op = (struct swt_op){ .alg = v->alg, .skip = d.ivlen, .len = d.inlen,
			      .inject = 0,
			      .flags = CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT,
			      .iv = d.iv, .ivlen = d.ivlen };
	err = swt_request(sid, &op, 1, &b, oop ? &ob : NULL, NULL);
	swt_buf_read(res, lin);
	/* Out of place, the IV goes to the output with the ciphertext. */
	ok = !err && !memcmp(lin, d.iv, d.ivlen) &&
	     !memcmp(lin + d.ivlen, d.out, d.inlen);
	op.flags = 0;
	op.iv = NULL;
	if (ok) {
		err = swt_request(sid, &op, 1, res, NULL, NULL);
		swt_buf_read(res, lin);
		ok = !err && !memcmp(lin + d.ivlen, d.in, d.inlen);
	}
	crypto_freesession(sid);
out_ob:
	if (oop)
		swt_buf_free(&ob);
out_b:
	swt_buf_free(&b);
out:
	swt_record(ok, "cipher %s IV written at and read from crd_inject, %s %s (err %d)",
		   v->name, swt_buftype_name[type],
		   oop ? "out-of-place" : "in-place", err);
	kfree(lin);
	swt_data_free(&d);
}

/*
 * More sessions than the driver keeps in its direct table (256): the
 * ones past it are found the slow way, and every one keeps its own key.
 */
#define SWT_MANY_SESSIONS	300
static void swt_cipher_many_sessions(const struct swt_vec *v)
{
	static const int probe[] = { 0, 255, 256, SWT_MANY_SESSIONS - 1 };
	struct swt_data d;
	struct swt_buf b;
	struct swt_op op;
	u64 *sids;
	u8 *res = NULL;
	int i, n = 0, err = -ENOMEM;
	bool ok = false;

	sids = kcalloc(SWT_MANY_SESSIONS, sizeof(*sids), GFP_KERNEL);
	if (!sids || swt_data_load(&d, v))
		goto out;
	res = kzalloc(d.inlen, GFP_KERNEL);
	if (!res || swt_buf_alloc(&b, SWT_CONTIG, d.inlen, 1))
		goto out_d;
	for (err = 0; n < SWT_MANY_SESSIONS && !err; n++)
		err = swt_session(&sids[n], v->alg, d.key, d.klen, 0, NULL,
				  0);
	if (err) {
		n--;
		goto out_free;
	}
	op = (struct swt_op){ .alg = v->alg, .len = d.inlen,
			      .flags = CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT |
				       CRD_F_IV_PRESENT,
			      .iv = d.iv, .ivlen = d.ivlen };
	ok = true;
	for (i = 0; i < ARRAY_SIZE(probe) && ok; i++) {
		swt_buf_load(&b, d.in);
		err = swt_request(sids[probe[i]], &op, 1, &b, NULL, NULL);
		swt_buf_read(&b, res);
		ok = !err && !memcmp(res, d.out, d.inlen);
	}
out_free:
	while (n > 0)
		crypto_freesession(sids[--n]);
	swt_buf_free(&b);
out_d:
	swt_data_free(&d);
out:
	swt_record(ok, "cipher %s on %d sessions at once (err %d)", v->name,
		   SWT_MANY_SESSIONS, err);
	kfree(res);
	kfree(sids);
}

/* No IV given: the driver picks a random one and writes it. */
static void swt_cipher_random_iv(void)
{
	static const u8 key[16] = "0123456789abcdef";
	u8 lin[2][48], iv0[16];
	struct swt_buf b;
	struct swt_op op = { .alg = CRYPTO_AES_CBC, .skip = 16, .len = 32,
			     .inject = 0, .flags = CRD_F_ENCRYPT };
	u64 sid;
	int err, i;
	bool ok = true;

	err = swt_session(&sid, CRYPTO_AES_CBC, key, 16, 0, NULL, 0);
	if (err || swt_buf_alloc(&b, SWT_CONTIG, 48, 1)) {
		swt_record(false, "cipher random IV: setup (err %d)", err);
		return;
	}
	for (i = 0; i < 2 && ok; i++) {
		memset(lin[i], 0xa5, sizeof(lin[i]));
		swt_buf_load(&b, lin[i]);
		op.flags = CRD_F_ENCRYPT;
		err = swt_request(sid, &op, 1, &b, NULL, NULL);
		swt_buf_read(&b, lin[i]);
		memcpy(iv0, lin[i], 16);
		op.flags = 0;	/* decrypt, IV from crd_inject */
		err = err ?: swt_request(sid, &op, 1, &b, NULL, NULL);
		swt_buf_read(&b, lin[i]);
		ok = !err && !memcmp(lin[i], iv0, 16) &&
		     memchr_inv(lin[i] + 16, 0xa5, 32) == NULL;
		memcpy(lin[i], iv0, 16);
	}
	ok = ok && memcmp(lin[0], lin[1], 16);
	swt_record(ok, "cipher AES-CBC random IV written at crd_inject, fresh per request (err %d)",
		   err);
	swt_buf_free(&b);
	crypto_freesession(sid);
}

/* ARC4's keystream continues from one request to the next (RFC 6229). */
static void swt_arc4_continues(void)
{
	const struct swt_vec *v = &swt_cipher_vecs[0];
	struct swt_data d;
	struct swt_buf b;
	u8 res[32] = { };
	struct swt_op op = { .alg = CRYPTO_ARC4, .len = 16,
			     .flags = CRD_F_ENCRYPT };
	u64 sid;
	int i, err = -ENOENT;
	bool ok = false;

	for (i = 0; i < ARRAY_SIZE(swt_cipher_vecs); i++)
		if (swt_cipher_vecs[i].alg == CRYPTO_ARC4)
			v = &swt_cipher_vecs[i];
	if (v->alg != CRYPTO_ARC4 || swt_data_load(&d, v))
		goto out;
	err = swt_session(&sid, CRYPTO_ARC4, d.key, d.klen, 0, NULL, 0);
	if (!err && !swt_buf_alloc(&b, SWT_CONTIG, 16, 1)) {
		for (i = 0; i < 2 && !err; i++) {
			swt_buf_load(&b, d.in);
			err = swt_request(sid, &op, 1, &b, NULL, NULL);
			swt_buf_read(&b, res + 16 * i);
		}
		ok = !err && !memcmp(res, d.out, 32);
		swt_buf_free(&b);
	}
	if (!err)
		crypto_freesession(sid);
	swt_data_free(&d);
out:
	swt_record(ok, "cipher arc4 keystream continues across requests (err %d)",
		   err);
}

/* ----------------------------------------------------------- hashes */

static int swt_hash_len(int alg)
{
	switch (alg) {
	case CRYPTO_MD5:
	case CRYPTO_MD5_HMAC:
	case CRYPTO_MD5_KPDK:
		return 16;
	case CRYPTO_SHA2_224:
	case CRYPTO_SHA2_224_HMAC:
		return 28;
	case CRYPTO_SHA2_256:
	case CRYPTO_SHA2_256_HMAC:
		return 32;
	case CRYPTO_SHA2_384:
	case CRYPTO_SHA2_384_HMAC:
		return 48;
	case CRYPTO_SHA2_512:
	case CRYPTO_SHA2_512_HMAC:
		return 64;
	case CRYPTO_MD5_HMAC_96:
	case CRYPTO_SHA1_HMAC_96:
	case CRYPTO_RIPEMD160_HMAC_96:
	case CRYPTO_AES_XCBC_MAC_96:
	case CRYPTO_NULL_HMAC:
		return 12;
	}
	return 20;
}

/* The MACs Linux keys (HMAC, XCBC): the ones a per-request key fits. */
static bool swt_hash_keyed(int alg)
{
	switch (alg) {
	case CRYPTO_MD5_HMAC:
	case CRYPTO_MD5_HMAC_96:
	case CRYPTO_SHA1_HMAC:
	case CRYPTO_SHA1_HMAC_96:
	case CRYPTO_SHA2_224_HMAC:
	case CRYPTO_SHA2_256_HMAC:
	case CRYPTO_SHA2_384_HMAC:
	case CRYPTO_SHA2_512_HMAC:
	case CRYPTO_RIPEMD160_HMAC:
	case CRYPTO_RIPEMD160_HMAC_96:
	case CRYPTO_AES_XCBC_MAC_96:
		return true;
	}
	return false;
}

static void swt_hash_vec(const struct swt_vec *v)
{
	struct swt_data d;
	struct swt_buf b;
	struct swt_op op = { .alg = v->alg };
	int mlen = swt_hash_len(v->alg), err, t;
	u8 *lin = NULL, mac[64];
	u64 sid, sid2;
	bool ok, have2;

	if (swt_data_load(&d, v)) {
		swt_record(false, "hash %s: out of memory", v->name);
		return;
	}
	lin = kzalloc(d.inlen + mlen, GFP_KERNEL);
	err = lin ? swt_session(&sid, v->alg, d.key, d.klen, 0, NULL, 0) :
		    -ENOMEM;
	if (err) {
		swt_record(false, "hash %s: session (err %d)", v->name, err);
		goto out;
	}
	op.len = d.inlen;
	/* Result into the buffer at crd_inject, every buffer type. */
	for (t = 0; t < SWT_NTYPES; t++) {
		ok = false;
		op.inject = d.inlen;
		memcpy(lin, d.in, d.inlen);
		memset(lin + d.inlen, 0, mlen);
		if (!swt_buf_alloc(&b, t, d.inlen + mlen, 3)) {
			swt_buf_load(&b, lin);
			err = swt_request(sid, &op, 1, &b, NULL, NULL);
			swt_buf_read(&b, lin);
			ok = !err && !memcmp(lin + d.inlen, d.out, mlen) &&
			     !memcmp(lin, d.in, d.inlen);
			swt_buf_free(&b);
		}
		swt_record(ok, "hash %s %s result at crd_inject (err %d)",
			   v->name, swt_buftype_name[t], err);
	}
	/* Result to crp_mac. */
	ok = false;
	memset(mac, 0, sizeof(mac));
	if (!swt_buf_alloc(&b, SWT_SG, d.inlen, 2)) {
		swt_buf_load(&b, d.in);
		err = swt_request(sid, &op, 1, &b, NULL, mac);
		ok = !err && !memcmp(mac, d.out, mlen) &&
		     !memchr_inv(mac + mlen, 0, sizeof(mac) - mlen);
		swt_buf_free(&b);
	}
	swt_record(ok, "hash %s result to crp_mac, %d bytes (err %d)",
		   v->name, mlen, err);

	/* Streaming: first byte PARTIAL (with RESET), the rest finalises. */
	if (d.inlen >= 2 && v->alg != CRYPTO_NULL_HMAC) {
		ok = false;
		memset(mac, 0, sizeof(mac));
		if (!swt_buf_alloc(&b, SWT_IOV, d.inlen, 2)) {
			struct swt_op p1 = { .alg = v->alg, .len = 1,
				.flags = CRD_F_HASH_RESET | CRD_F_HASH_PARTIAL };
			struct swt_op p2 = { .alg = v->alg, .skip = 1,
					     .len = d.inlen - 1 };

			swt_buf_load(&b, d.in);
			/* A stale partial state first: RESET must drop it. */
			p1.flags = CRD_F_HASH_PARTIAL;
			err = swt_request(sid, &p1, 1, &b, NULL, mac);
			p1.flags = CRD_F_HASH_RESET | CRD_F_HASH_PARTIAL;
			err = err ?: swt_request(sid, &p1, 1, &b, NULL, mac);
			err = err ?: swt_request(sid, &p2, 1, &b, NULL, mac);
			ok = !err && !memcmp(mac, d.out, mlen);
			swt_buf_free(&b);
		}
		swt_record(ok, "hash %s streaming PARTIAL/RESET (err %d)",
			   v->name, err);

		/* Copy a running state to a second session, finish both. */
		ok = false;
		err = swt_session(&sid2, v->alg, d.key, d.klen, 0, NULL, 0);
		have2 = !err;
		if (!err && !swt_buf_alloc(&b, SWT_CONTIG, d.inlen, 1)) {
			struct swt_op p1 = { .alg = v->alg, .len = 1,
				.flags = CRD_F_HASH_RESET | CRD_F_HASH_PARTIAL };
			struct swt_op p2 = { .alg = v->alg, .skip = 1,
					     .len = d.inlen - 1 };
			u8 mac2[64] = { };

			swt_buf_load(&b, d.in);
			err = swt_request(sid, &p1, 1, &b, NULL, mac);
			err = err ?: crypto_copystate(sid2, sid);
			err = err < 0 ? -err : err;
			err = err ?: swt_request(sid, &p2, 1, &b, NULL, mac);
			err = err ?: swt_request(sid2, &p2, 1, &b, NULL, mac2);
			ok = !err && !memcmp(mac, d.out, mlen) &&
			     !memcmp(mac2, d.out, mlen);
			swt_buf_free(&b);
		}
		if (have2)
			crypto_freesession(sid2);
		swt_record(ok, "hash %s copystate mid-stream (err %d)",
			   v->name, err);
	}
	crypto_freesession(sid);
out:
	kfree(lin);
	swt_data_free(&d);
}

/* ------------------------------------------------------------- AEAD */

static void swt_aead_vec(const struct swt_vec *v)
{
	struct swt_data d;
	struct swt_buf b;
	struct swt_op ops[2];
	int len, err, t, tagoff, ivoff;
	bool gcm = v->alg == CRYPTO_AES_GCM_16, longiv;
	u8 *lin = NULL;
	u64 sid;
	bool ok;

	if (swt_data_load(&d, v)) {
		swt_record(false, "aead %s: out of memory", v->name);
		return;
	}
	/* Buffer: AAD | payload | tag [| IV too long for crd_iv]. */
	longiv = d.ivlen > EALG_MAX_BLOCK_LEN;
	tagoff = d.aadlen + d.inlen;
	ivoff = tagoff + d.taglen;
	len = ivoff + (longiv ? d.ivlen : 0);
	lin = kzalloc(len, GFP_KERNEL);
	err = lin ? swt_session(&sid, v->alg, d.key, d.klen, v->mac_alg,
				d.key, d.klen) : -ENOMEM;
	if (err) {
		swt_record(false, "aead %s: session (err %d)", v->name, err);
		goto out;
	}
	/* Cipher descriptor for the payload, MAC descriptor for the AAD. */
	ops[0] = (struct swt_op){ .alg = v->alg, .skip = d.aadlen,
		.len = d.inlen, .iv = d.iv, .ivlen = d.ivlen,
		.rnd = gcm ? d.ivlen : 0,
		.flags = CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT | CRD_F_IV_PRESENT };
	if (longiv) {
		ops[0].iv = NULL;
		ops[0].inject = ivoff;
		ops[0].flags &= ~CRD_F_IV_EXPLICIT;
	}
	ops[1] = (struct swt_op){ .alg = v->mac_alg, .len = d.aadlen,
		.inject = tagoff, .rnd = d.taglen };
	for (t = 0; t < SWT_NTYPES; t++) {
		ok = false;
		if (swt_buf_alloc(&b, t, len, 4))
			break;
		memcpy(lin, d.aad, d.aadlen);
		memcpy(lin + d.aadlen, d.in, d.inlen);
		memset(lin + tagoff, 0, d.taglen);
		if (longiv)
			memcpy(lin + ivoff, d.iv, d.ivlen);
		swt_buf_load(&b, lin);
		ops[0].flags |= CRD_F_ENCRYPT;
		err = swt_request(sid, ops, 2, &b, NULL, NULL);
		swt_buf_read(&b, lin);
		ok = !err && !memcmp(lin + d.aadlen, d.out, d.inlen) &&
		     !memcmp(lin + tagoff, d.tag, d.taglen);
		swt_record(ok, "aead %s encrypt %s (err %d)", v->name,
			   swt_buftype_name[t], err);

		ops[0].flags &= ~CRD_F_ENCRYPT;
		err = swt_request(sid, ops, 2, &b, NULL, NULL);
		swt_buf_read(&b, lin);
		ok = !err && !memcmp(lin + d.aadlen, d.in, d.inlen);
		swt_record(ok, "aead %s decrypt %s (err %d)", v->name,
			   swt_buftype_name[t], err);

		/* Re-encrypt, flip a tag bit: decrypt must fail EBADMSG. */
		ops[0].flags |= CRD_F_ENCRYPT;
		err = swt_request(sid, ops, 2, &b, NULL, NULL);
		swt_buf_read(&b, lin);
		lin[tagoff + d.taglen - 1] ^= 1;
		swt_buf_load(&b, lin);
		ops[0].flags &= ~CRD_F_ENCRYPT;
		err = err ?: swt_request(sid, ops, 2, &b, NULL, NULL);
		swt_record(err == EBADMSG, "aead %s bad tag gives EBADMSG %s (err %d)",
			   v->name, swt_buftype_name[t], err);
		swt_buf_free(&b);
	}
	crypto_freesession(sid);
out:
	kfree(lin);
	swt_data_free(&d);
}

/* Tag and IV lengths the modes forbid: EINVAL, the buffer untouched. */
static void swt_aead_bad_len(int alg, int mac, int ivlen, int taglen)
{
	static const u8 key[16] = { 1 };
	u8 iv[16] = { 1 };	/* CCM: flags byte L - 1 = 1 */
	u8 data[64] = { }, zero[64] = { };
	struct swt_buf b;
	struct swt_op ops[2] = {
		{ .alg = alg, .skip = 16, .len = 16, .iv = iv, .ivlen = 16,
		  .rnd = ivlen,
		  .flags = CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT |
			   CRD_F_IV_PRESENT },
		{ .alg = mac, .len = 16, .inject = 32, .rnd = taglen },
	};
	u64 sid;
	int err;
	bool ok = false;

	err = swt_session(&sid, alg, key, 16, mac, key, 16);
	if (err) {
		swt_record(false, "aead bad lengths: session (err %d)", err);
		return;
	}
	if (!swt_buf_alloc(&b, SWT_CONTIG, sizeof(data), 1)) {
		swt_buf_load(&b, zero);
		err = swt_request(sid, ops, 2, &b, NULL, NULL);
		swt_buf_read(&b, data);
		ok = err == EINVAL && !memcmp(data, zero, sizeof(data));
		swt_buf_free(&b);
	}
	crypto_freesession(sid);
	swt_record(ok, "aead %s IV length %d tag length %d gives EINVAL (err %d)",
		   alg == CRYPTO_AES_CCM ? "CCM" : "GCM", ivlen, taglen, err);
}

static void swt_gmac_vec(const struct swt_vec *v)
{
	struct swt_data d;
	struct swt_buf b;
	struct swt_op op = { .alg = v->alg, .flags = CRD_F_IV_EXPLICIT };
	u8 tag[16] = { };
	int err;
	u64 sid;
	bool ok = false;

	if (swt_data_load(&d, v)) {
		swt_record(false, "gmac %s: out of memory", v->name);
		return;
	}
	err = swt_session(&sid, v->alg, d.key, d.klen, 0, NULL, 0);
	if (!err) {
		if (!swt_buf_alloc(&b, SWT_SG, max(d.inlen, 1), 2)) {
			op.len = d.inlen;
			op.iv = d.iv;
			op.ivlen = d.ivlen;
			swt_buf_load(&b, d.in);
			b.len = d.inlen;
			err = swt_request(sid, &op, 1, &b, NULL, tag);
			ok = !err && !memcmp(tag, d.out, 16);
			swt_buf_free(&b);
		}
		crypto_freesession(sid);
	}
	swt_record(ok, "gmac %s tag (err %d)", v->name, err);
	swt_data_free(&d);
}

/* ------------------------------------------------------------ chains */

/* Encrypt-then-MAC and MAC-then-decrypt in one request each. */
static void swt_chains(void)
{
	static const u8 ckey[16] = "chain-cipher-key", mkey[20] = "chain-mac-key.......";
	static const u8 iv[16] = "initial-vector!!";
	u8 lin[64 + 20], ct[64], want[20];
	struct swt_op ops[2];
	struct swt_buf b;
	u64 sid, msid;
	int err, i;
	bool ok = false;

	for (i = 0; i < 64; i++)
		lin[i] = i;
	err = swt_session(&sid, CRYPTO_AES_CBC, ckey, 16, CRYPTO_SHA1_HMAC,
			  mkey, 20);
	if (!err)
		err = swt_session(&msid, CRYPTO_SHA1_HMAC, mkey, 20, 0, NULL, 0);
	if (err || swt_buf_alloc(&b, SWT_SG, sizeof(lin), 5)) {
		swt_record(false, "chain: setup (err %d)", err);
		return;
	}
	ops[0] = (struct swt_op){ .alg = CRYPTO_AES_CBC, .len = 64,
		.flags = CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT | CRD_F_IV_PRESENT,
		.iv = iv, .ivlen = 16 };
	ops[1] = (struct swt_op){ .alg = CRYPTO_SHA1_HMAC, .len = 64,
				  .inject = 64 };
	swt_buf_load(&b, lin);
	err = swt_request(sid, ops, 2, &b, NULL, NULL);
	swt_buf_read(&b, lin);
	memcpy(ct, lin, 64);
	/* The MAC must be over the ciphertext: compute it separately. */
	if (!err)
		err = swt_request(msid, &ops[1], 1, &b, NULL, want);
	ok = !err && !memcmp(lin + 64, want, 20);
	swt_record(ok, "chain encrypt-then-MAC covers the ciphertext (err %d)",
		   err);

	/* MAC, then decrypt: the MAC is over the ciphertext again. */
	ops[0].flags = CRD_F_IV_EXPLICIT | CRD_F_IV_PRESENT;
	swap(ops[0], ops[1]);
	memset(lin + 64, 0, 20);
	swt_buf_load(&b, lin);
	err = swt_request(sid, ops, 2, &b, NULL, NULL);
	swt_buf_read(&b, lin);
	for (i = 0, ok = !err; i < 64; i++)
		ok = ok && lin[i] == i;
	ok = ok && !memcmp(lin + 64, want, 20);
	swt_record(ok, "chain MAC-then-decrypt (err %d)", err);
	swt_buf_free(&b);
	crypto_freesession(sid);
	crypto_freesession(msid);
}

/* ------------------------------------------------------ compression */

static int swt_comp(u64 sid, int alg, const u8 *in, int inlen, u8 *out,
		    int *outlen, bool comp)
{
	struct cryptop *crp = crypto_getreq(1);
	struct swt_buf b;
	u8 *o;
	int err;

	if (!crp)
		return -ENOMEM;
	err = swt_buf_alloc(&b, SWT_CONTIG, inlen, 1);
	o = kzalloc(*outlen + 1, GFP_KERNEL);
	if (err || !o) {
		crypto_freereq(crp);
		kfree(o);
		return -ENOMEM;
	}
	swt_buf_load(&b, in);
	crp->crp_desc->crd_alg = alg;
	crp->crp_desc->crd_len = inlen;
	crp->crp_desc->crd_flags = comp ? CRD_F_COMP : 0;
	crp->crp_sid = sid;
	crp->crp_ilen = inlen;
	crp->crp_buf = b.buf;
	crp->crp_obuf = o;
	crp->crp_olen = *outlen;
	err = swt_run(crp);
	if (!err) {
		*outlen = crp->crp_olen;
		memcpy(out, o, *outlen);
	}
	if (err != -ETIMEDOUT)
		crypto_freereq(crp);
	swt_buf_free(&b);
	kfree(o);
	return err;
}

static void swt_comp_known(const char *name, int alg, const char *hex,
			   int want_err)
{
	u8 *in, out[64];
	int inlen = 0, outlen = sizeof(out), err;
	u64 sid;
	bool ok = false;

	in = swt_unhex(hex, &inlen);
	err = in ? swt_session(&sid, alg, NULL, 0, 0, NULL, 0) : -ENOMEM;
	if (!err) {
		err = swt_comp(sid, alg, in, inlen, out, &outlen, false);
		ok = want_err ? err == want_err :
			!err && outlen == 5 && !memcmp(out, "hello", 5);
		crypto_freesession(sid);
	}
	swt_record(ok, "comp %s (err %d)", name, err);
	kfree(in);
}

static void swt_comp_roundtrip(int alg, const char *name)
{
	int n = 10000, clen = 2 * n, dlen = n + 16, err, i;
	u8 *src, *c, *d;
	u64 sid;
	bool ok = false;

	src = kmalloc(n, GFP_KERNEL);
	c = kmalloc(clen, GFP_KERNEL);
	d = kmalloc(dlen, GFP_KERNEL);
	err = src && c && d ? swt_session(&sid, alg, NULL, 0, 0, NULL, 0) :
			      -ENOMEM;
	if (!err) {
		for (i = 0; i < n; i++)
			src[i] = "opencrypto framework "[i % 21];
		err = swt_comp(sid, alg, src, n, c, &clen, true);
		err = err ?: swt_comp(sid, alg, c, clen, d, &dlen, false);
		ok = !err && clen < n / 4 && dlen == n && !memcmp(src, d, n);
		swt_record(ok, "comp %s round trip 10000 -> %d bytes (err %d)",
			   name, clen, err);
		/* Output capacity too small: ENOSPC. */
		clen = 8;
		err = swt_comp(sid, alg, src, n, c, &clen, true);
		swt_record(err == ENOSPC, "comp %s small output gives ENOSPC (err %d)",
			   name, err);
		crypto_freesession(sid);
	} else {
		swt_record(false, "comp %s: setup (err %d)", name, err);
	}
	kfree(src);
	kfree(c);
	kfree(d);
}

static void swt_comp_tests(void)
{
	u8 *rnd, *out;
	int n = 1000, olen = 4 * n, err;
	u64 sid;

	swt_comp_known("deflate stored block (RFC 1951 3.2.4)",
		       CRYPTO_DEFLATE_COMP, SWT_DEFLATE_STORED, 0);
	swt_comp_known("deflate fixed Huffman (RFC 1951 3.2.6)",
		       CRYPTO_DEFLATE_COMP, SWT_DEFLATE_FIXED, 0);
	swt_comp_known("gzip stored member (RFC 1952)", CRYPTO_GZIP_COMP,
		       SWT_GZIP_STORED, 0);
	swt_comp_known("gzip member with FNAME (RFC 1952)", CRYPTO_GZIP_COMP,
		       SWT_GZIP_FNAME, 0);
	swt_comp_known("gzip bad CRC-32 gives EBADMSG", CRYPTO_GZIP_COMP,
		       SWT_GZIP_BADCRC, EBADMSG);
	swt_comp_known("deflate truncated stream gives EINVAL",
		       CRYPTO_DEFLATE_COMP, "010500faff6865", EINVAL);
	swt_comp_roundtrip(CRYPTO_DEFLATE_COMP, "deflate");
	swt_comp_roundtrip(CRYPTO_DEFLATE_COMP_NOGROW, "deflate-nogrow");
	swt_comp_roundtrip(CRYPTO_GZIP_COMP, "gzip");

	/* NOGROW refuses to grow random data; plain DEFLATE grows it. */
	rnd = kmalloc(n, GFP_KERNEL);
	out = kmalloc(olen, GFP_KERNEL);
	if (!rnd || !out) {
		swt_record(false, "comp nogrow: out of memory");
		goto out;
	}
	get_random_bytes(rnd, n);
	err = swt_session(&sid, CRYPTO_DEFLATE_COMP_NOGROW, NULL, 0, 0, NULL,
			  0);
	if (!err) {
		err = swt_comp(sid, CRYPTO_DEFLATE_COMP_NOGROW, rnd, n, out,
			       &olen, true);
		crypto_freesession(sid);
	}
	swt_record(err == ERANGE, "comp deflate-nogrow random data gives ERANGE (err %d)",
		   err);
	olen = 4 * n;
	err = swt_session(&sid, CRYPTO_DEFLATE_COMP, NULL, 0, 0, NULL, 0);
	if (!err) {
		err = swt_comp(sid, CRYPTO_DEFLATE_COMP, rnd, n, out, &olen,
			       true);
		crypto_freesession(sid);
	}
	swt_record(!err && olen >= n, "comp deflate random data may grow: %d -> %d (err %d)",
		   n, olen, err);
out:
	kfree(rnd);
	kfree(out);
}

/* ------------------------------------------------------ bad requests */

static void swt_bad_requests(void)
{
	static const u8 key[32] = "0123456789abcdef0123456789abcdef";
	u8 *lin;
	struct swt_buf b;
	struct swt_op op;
	u64 sid;
	int err;

	err = swt_session(&sid, CRYPTO_AES_CBC, key, 15, 0, NULL, 0);
	swt_record(err == EINVAL, "bad AES key length 15 gives EINVAL (err %d)",
		   err);
	if (!err)
		crypto_freesession(sid);
	err = swt_session(&sid, CRYPTO_DES_CBC, key, 7, 0, NULL, 0);
	swt_record(err == EINVAL, "bad DES key length 7 gives EINVAL (err %d)",
		   err);
	if (!err)
		crypto_freesession(sid);
	err = swt_session(&sid, 9999, key, 16, 0, NULL, 0);
	swt_record(err != 0, "unknown algorithm refused (err %d)", err);
	if (!err)
		crypto_freesession(sid);
	err = swt_session(&sid, CRYPTO_AES_GCM_16, key, 16, 0, NULL, 0);
	swt_record(err == EINVAL, "GCM without its GMAC half gives EINVAL (err %d)",
		   err);
	if (!err)
		crypto_freesession(sid);

	/* A buffer with a guard past crp_ilen that must stay untouched. */
	lin = kmalloc(96, GFP_KERNEL);
	err = swt_session(&sid, CRYPTO_AES_CBC, key, 16, CRYPTO_SHA1_HMAC,
			  key, 20);
	if (!lin || err || swt_buf_alloc(&b, SWT_CONTIG, 96, 1)) {
		swt_record(false, "bad requests: setup (err %d)", err);
		kfree(lin);
		return;
	}
	memset(lin, 0x5a, 96);
	swt_buf_load(&b, lin);
	b.len = 64;

	op = (struct swt_op){ .alg = CRYPTO_AES_CBC, .len = 15,
		.flags = CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT | CRD_F_IV_PRESENT,
		.iv = key, .ivlen = 16 };
	err = swt_request(sid, &op, 1, &b, NULL, NULL);
	swt_record(err == EINVAL, "CBC length not a block multiple gives EINVAL (err %d)",
		   err);
	op.len = 64;
	op.skip = 16;
	err = swt_request(sid, &op, 1, &b, NULL, NULL);
	swt_record(err == EINVAL, "skip + len past crp_ilen gives EINVAL (err %d)",
		   err);
	op = (struct swt_op){ .alg = CRYPTO_SHA1_HMAC, .len = 32,
			      .inject = 50 };
	err = swt_request(sid, &op, 1, &b, NULL, NULL);
	swt_record(err == EINVAL, "MAC inject past crp_ilen gives EINVAL (err %d)",
		   err);
	op = (struct swt_op){ .alg = CRYPTO_AES_CBC, .len = 16,
			      .inject = 60, .flags = CRD_F_ENCRYPT };
	err = swt_request(sid, &op, 1, &b, NULL, NULL);
	swt_record(err == EINVAL, "IV inject past crp_ilen gives EINVAL (err %d)",
		   err);
	op = (struct swt_op){ .alg = CRYPTO_MD5, .len = 16 };
	err = swt_request(sid, &op, 1, &b, NULL, NULL);
	swt_record(err == EINVAL, "descriptor for an algorithm not in the session gives EINVAL (err %d)",
		   err);
	op = (struct swt_op){ .alg = CRYPTO_AES_CBC, .len = 16,
		.flags = CRD_F_ENCRYPT | CRD_F_KEY_EXPLICIT |
			 CRD_F_IV_EXPLICIT | CRD_F_IV_PRESENT,
		.iv = key, .ivlen = 16 };
	err = swt_request(sid, &op, 1, &b, NULL, NULL);
	swt_record(err == EINVAL, "CRD_F_KEY_EXPLICIT without crd_key gives EINVAL (err %d)",
		   err);
	swt_buf_read(&b, lin);	/* reads the 64 visible bytes */
	memcpy(lin, b.seg[0], 96);
	swt_record(!memchr_inv(lin + 64, 0x5a, 32),
		   "failed requests left the bytes past crp_ilen untouched");
	swt_buf_free(&b);
	kfree(lin);
	crypto_freesession(sid);

	/* XTS needs at least one block. */
	err = swt_session(&sid, CRYPTO_AES_XTS, key, 32, 0, NULL, 0);
	if (!err && !swt_buf_alloc(&b, SWT_CONTIG, 8, 1)) {
		op = (struct swt_op){ .alg = CRYPTO_AES_XTS, .len = 8,
			.flags = CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT |
				 CRD_F_IV_PRESENT, .iv = key, .ivlen = 16 };
		err = swt_request(sid, &op, 1, &b, NULL, NULL);
		swt_buf_free(&b);
		crypto_freesession(sid);
	}
	swt_record(err == EINVAL, "XTS shorter than a block gives EINVAL (err %d)",
		   err);

	/* GMAC alone has nowhere to read a nonce from: it must be explicit. */
	err = swt_session(&sid, CRYPTO_AES_GMAC, key, 16, 0, NULL, 0);
	if (!err && !swt_buf_alloc(&b, SWT_CONTIG, 32, 1)) {
		u8 tag[16];

		op = (struct swt_op){ .alg = CRYPTO_AES_GMAC, .len = 16 };
		err = swt_request(sid, &op, 1, &b, NULL, tag);
		swt_buf_free(&b);
		crypto_freesession(sid);
	}
	swt_record(err == EINVAL, "GMAC without CRD_F_IV_EXPLICIT gives EINVAL (err %d)",
		   err);

	/* A CCM counter block whose flags byte is not L - 1 (1..7). */
	err = swt_session(&sid, CRYPTO_AES_CCM, key, 16,
			  CRYPTO_AES_CCM_CBC_MAC, key, 16);
	if (!err && !swt_buf_alloc(&b, SWT_CONTIG, 48, 1)) {
		struct swt_op ops[2] = {
			{ .alg = CRYPTO_AES_CCM, .skip = 8, .len = 24,
			  .flags = CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT |
				   CRD_F_IV_PRESENT, .iv = key, .ivlen = 16 },
			{ .alg = CRYPTO_AES_CCM_CBC_MAC, .len = 8,
			  .inject = 32 },
		};

		err = swt_request(sid, ops, 2, &b, NULL, NULL);
		swt_buf_free(&b);
		crypto_freesession(sid);
	}
	swt_record(err == EINVAL, "CCM counter block with a bad flags byte gives EINVAL (err %d)",
		   err);
}

/* ------------------------------------------ per-request keys */

/*
 * One request on `sid` over a contiguous copy of `in` (a cipher writes
 * `res`, a hash its result to `res` via crp_mac); with `key` the
 * request carries it (CRD_F_KEY_EXPLICIT).
 */
static int swt_key_request(u64 sid, const struct swt_vec *v,
			   const struct swt_data *d, const u8 *key, int klen,
			   bool hash, bool enc, const u8 *in, u8 *res)
{
	struct cryptop *crp = crypto_getreq(1);
	struct cryptodesc *crd;
	int err;

	if (!crp)
		return -ENOMEM;
	crd = crp->crp_desc;
	crd->crd_alg = v->alg;
	crd->crd_len = d->inlen;
	if (!hash) {
		crd->crd_flags = (enc ? CRD_F_ENCRYPT : 0) |
				 CRD_F_IV_EXPLICIT | CRD_F_IV_PRESENT;
		memcpy(crd->crd_iv, d->iv, d->ivlen);
	}
	if (key) {
		crd->crd_flags |= CRD_F_KEY_EXPLICIT;
		crd->crd_key = (void *)key;
		crd->crd_klen = klen * 8;
	}
	memcpy(res, in, d->inlen);
	crp->crp_sid = sid;
	crp->crp_ilen = d->inlen;
	crp->crp_buf = res;
	crp->crp_mac = hash ? res : NULL;
	err = swt_run(crp);
	if (err != -ETIMEDOUT)
		crypto_freereq(crp);
	return err;
}

/*
 * CRD_F_KEY_EXPLICIT: a session keyed with the complement of the
 * vector's key, requests carrying the vector's key give the vector's
 * answer, and a request without one still uses the session's key.
 */
static void swt_key_explicit_vec(const struct swt_vec *v, bool hash)
{
	struct swt_data d;
	u8 *other = NULL, *res = NULL;
	int i, err, n, mlen = hash ? swt_hash_len(v->alg) : 0;
	bool ok = false;
	u64 sid;

	if (swt_data_load(&d, v)) {
		swt_record(false, "per-request key %s: out of memory",
			   v->name);
		return;
	}
	n = max(d.inlen, 64);	/* room for any MAC */
	other = kmemdup(d.key, d.klen + 1, GFP_KERNEL);
	res = kzalloc(n, GFP_KERNEL);
	err = other && res ? 0 : -ENOMEM;
	for (i = 0; other && i < d.klen; i++)
		other[i] ^= 0xff;
	err = err ?: swt_session(&sid, v->alg, other, d.klen, 0, NULL, 0);
	if (err)
		goto out;
	err = swt_key_request(sid, v, &d, d.key, d.klen, hash, true, d.in,
			      res);
	ok = !err && !memcmp(res, d.out, hash ? mlen : d.inlen);
	if (ok && !hash) {
		err = swt_key_request(sid, v, &d, d.key, d.klen, false, false,
				      d.out, res);
		ok = !err && !memcmp(res, d.in, d.inlen);
	}
	/* The session's own key is untouched. */
	if (ok) {
		err = swt_key_request(sid, v, &d, NULL, 0, hash, true, d.in,
				      res);
		ok = !err && memcmp(res, d.out, hash ? mlen : d.inlen);
	}
	crypto_freesession(sid);
out:
	swt_record(ok, "KEY_EXPLICIT %s: %s, session key kept (err %d)",
		   v->name, hash ? "MAC matches" : "enc and dec match", err);
	kfree(other);
	kfree(res);
	swt_data_free(&d);
}

/* What cannot take a per-request key says so. */
static void swt_key_explicit_refused(void)
{
	static const u8 key[36] = "0123456789abcdef0123456789abcdef0123";
	static const struct { int alg, klen, bad; const char *what; } refusals[] = {
		{ CRYPTO_AES_CTR, 16, 20, "AES-CTR key of the RFC 3686 length" },
		{ CRYPTO_AES_CBC, 16, 15, "AES-CBC key of 15 bytes" },
		{ CRYPTO_SHA2_256, 0, 16, "plain SHA-256" },
		{ CRYPTO_ARC4, 16, 16, "ARC4" },
		{ CRYPTO_MD5_KPDK, 16, 16, "MD5_KPDK" },
	};
	struct swt_data d = { };
	u8 buf[64], iv[16] = { };
	int i, err, want;
	u64 sid;

	d.inlen = 32;
	d.iv = iv;
	d.ivlen = 16;
	for (i = 0; i < ARRAY_SIZE(refusals); i++) {
		struct swt_vec c = { .alg = refusals[i].alg };

		want = refusals[i].alg == CRYPTO_ARC4 ||
		       refusals[i].alg == CRYPTO_MD5_KPDK ? EOPNOTSUPP : EINVAL;
		err = swt_session(&sid, c.alg, key, refusals[i].klen, 0, NULL, 0);
		if (!err) {
			err = swt_key_request(sid, &c, &d, key, refusals[i].bad,
					      c.alg != CRYPTO_AES_CTR &&
					      c.alg != CRYPTO_AES_CBC &&
					      c.alg != CRYPTO_ARC4, true,
					      buf, buf);
			crypto_freesession(sid);
		}
		swt_record(err == want, "KEY_EXPLICIT refused: %s gives %s (err %d)",
			   refusals[i].what, want == EINVAL ? "EINVAL" :
			   "EOPNOTSUPP", err);
	}
}

/* --------------------------------------------------------------- run */

static int __init swt_kat_init(void)
{
	int i;

	if (swt_find_cryptosoft() < 0) {
		swt_skip("cryptosoft driver not registered", "cryptosoft-kat");
		goto publish;
	}
	for (i = 0; i < ARRAY_SIZE(swt_cipher_vecs); i++)
		swt_cipher_vec(&swt_cipher_vecs[i], false);
	for (i = 0; i < ARRAY_SIZE(swt_cipher_opt_vecs); i++)
		swt_cipher_vec(&swt_cipher_opt_vecs[i], true);
	for (i = 0; i < ARRAY_SIZE(swt_cipher_vecs); i++)
		if (swt_cipher_vecs[i].iv && swt_cipher_vecs[i].alg !=
		    CRYPTO_AES_XTS) {
			swt_cipher_iv_inject(&swt_cipher_vecs[i], SWT_SG,
					     false);
			swt_cipher_iv_inject(&swt_cipher_vecs[i], SWT_CONTIG,
					     false);
			swt_cipher_iv_inject(&swt_cipher_vecs[i], SWT_CONTIG,
					     true);
		}
	for (i = 0; i < ARRAY_SIZE(swt_cipher_vecs); i++)
		if (swt_cipher_vecs[i].alg == CRYPTO_AES_CBC) {
			swt_cipher_many_sessions(&swt_cipher_vecs[i]);
			break;
		}
	swt_cipher_random_iv();
	swt_arc4_continues();
	for (i = 0; i < ARRAY_SIZE(swt_hash_vecs); i++)
		swt_hash_vec(&swt_hash_vecs[i]);
	for (i = 0; i < ARRAY_SIZE(swt_aead_vecs); i++)
		swt_aead_vec(&swt_aead_vecs[i]);
	swt_aead_bad_len(CRYPTO_AES_GCM_16, CRYPTO_AES_GMAC, 0, 5);
	swt_aead_bad_len(CRYPTO_AES_GCM_16, CRYPTO_AES_GMAC, 0, 17);
	swt_aead_bad_len(CRYPTO_AES_GCM_16, CRYPTO_AES_GMAC, -1, 16);
	swt_aead_bad_len(CRYPTO_AES_CCM, CRYPTO_AES_CCM_CBC_MAC, 0, 5);
	swt_aead_bad_len(CRYPTO_AES_CCM, CRYPTO_AES_CCM_CBC_MAC, 0, 2);
	swt_aead_bad_len(CRYPTO_AES_CCM, CRYPTO_AES_CCM_CBC_MAC, 12, 16);
	for (i = 0; i < ARRAY_SIZE(swt_gmac_vecs); i++)
		swt_gmac_vec(&swt_gmac_vecs[i]);
	swt_chains();
	swt_comp_tests();
	swt_bad_requests();
	for (i = 0; i < ARRAY_SIZE(swt_cipher_vecs); i++)
		if (swt_cipher_vecs[i].alg != CRYPTO_ARC4 &&
		    swt_cipher_vecs[i].alg != CRYPTO_SKIPJACK_CBC)
			swt_key_explicit_vec(&swt_cipher_vecs[i], false);
	for (i = 0; i < ARRAY_SIZE(swt_hash_vecs); i++)
		if (swt_hash_keyed(swt_hash_vecs[i].alg))
			swt_key_explicit_vec(&swt_hash_vecs[i], true);
	swt_key_explicit_refused();
publish:
	swt_publish(&suite, KBUILD_MODNAME);
	return 0;
}

static void __exit swt_kat_exit(void)
{
	ktap_release(&suite);
}

module_init(swt_kat_init);
module_exit(swt_kat_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("cryptosoft known-answer tests");
