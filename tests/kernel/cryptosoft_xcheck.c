// SPDX-License-Identifier: GPL-2.0-only
/*
 * cryptosoft randomised cross-checks: results through OCF compared with
 * the Linux crypto API called directly (its own, possibly accelerated,
 * implementations) for random data, keys and IVs; sizes from 1 byte to
 * 64 KiB; data at odd offsets inside buffers split into random
 * segments (contiguous, scatterlist, kvec); both directions, in and out
 * of place.  Bytes outside the processed range must come back intact.
 *
 * Each algorithm runs every buffer type and placement at all sizes
 * 1..`full_upto` (default 80) plus `samples` (default 8) random sizes up
 * to 64 KiB and the edges 4095, 4096, 4097, 65535, 65536; then the
 * sweep (below) runs one request per size, every size to `sweep_upto`
 * and one every `sweep_stride` bytes beyond, or with `exhaustive=1`
 * every size 1..64 KiB (about half an hour per kernel under TCG, so
 * not part of `make check`).  Also: hash streaming in random pieces,
 * requests from softirq context, and several threads sharing one
 * session.
 */
#include <linux/module.h>
#include <linux/interrupt.h>
#include <linux/kthread.h>
#include <crypto/aead.h>
#include <crypto/arc4.h>
#include <crypto/hash.h>
#include <crypto/skcipher.h>
#include "cryptosoft_test.h"

static unsigned int full_upto = 80;
module_param(full_upto, uint, 0444);
MODULE_PARM_DESC(full_upto, "test every size from 1 to this");
static unsigned int samples = 8;
module_param(samples, uint, 0444);
MODULE_PARM_DESC(samples, "random sizes above full_upto, up to 64 KiB");
static bool exhaustive;
module_param(exhaustive, bool, 0444);
MODULE_PARM_DESC(exhaustive, "only the sweep, over every size 1..64 KiB");
static unsigned int sweep_upto = 4096;
module_param(sweep_upto, uint, 0444);
MODULE_PARM_DESC(sweep_upto, "sweep every size up to this");
static unsigned int sweep_stride = 251;
module_param(sweep_stride, uint, 0444);
MODULE_PARM_DESC(sweep_stride, "then one size every this many bytes");
static char *only;
module_param(only, charp, 0444);
MODULE_PARM_DESC(only, "sweep only the algorithms whose name has this");

#define SWX_MAX		65536
#define SWX_PAD		32	/* bytes around the processed range */

static struct ktap_suite suite;

struct swx_cipher {
	int		alg;
	const char	*linux_name;
	int		klen, ivlen, block;
};

static const struct swx_cipher swx_ciphers[] = {
	{ CRYPTO_AES_CBC, "cbc(aes)", 16, 16, 16 },
	{ CRYPTO_AES_CBC, "cbc(aes)", 32, 16, 16 },
	{ CRYPTO_AES_CTR, "ctr(aes)", 24, 16, 1 },
	{ CRYPTO_AES_CTR, "rfc3686(ctr(aes))", 20, 8, 1 },
	{ CRYPTO_AES_ECB, "ecb(aes)", 16, 0, 16 },
	{ CRYPTO_AES_XTS, "xts(aes)", 64, 16, 16 },
	{ CRYPTO_DES_CBC, "cbc(des)", 8, 8, 8 },
	{ CRYPTO_3DES_CBC, "cbc(des3_ede)", 24, 8, 8 },
	{ CRYPTO_BLF_CBC, "cbc(blowfish)", 16, 8, 8 },
	{ CRYPTO_CAST_CBC, "cbc(cast5)", 16, 8, 8 },
	{ CRYPTO_CAMELLIA_CBC, "cbc(camellia)", 32, 16, 16 },
	{ CRYPTO_NULL_CBC, "ecb(cipher_null)", 0, 0, 1 },
	{ CRYPTO_ARC4, NULL, 16, 0, 1 },	/* against libarc4 */
};

struct swx_hash {
	int		alg;
	const char	*linux_name;
	int		klen, mlen;
};

static const struct swx_hash swx_hashes[] = {
	{ CRYPTO_MD5, "md5", 0, 16 },
	{ CRYPTO_SHA1, "sha1", 0, 20 },
	{ CRYPTO_SHA2_224, "sha224", 0, 28 },
	{ CRYPTO_SHA2_256, "sha256", 0, 32 },
	{ CRYPTO_SHA2_384, "sha384", 0, 48 },
	{ CRYPTO_SHA2_512, "sha512", 0, 64 },
	{ CRYPTO_RIPEMD160, "rmd160", 0, 20 },
	{ CRYPTO_MD5_HMAC, "hmac(md5)", 16, 16 },
	{ CRYPTO_SHA1_HMAC_96, "hmac(sha1)", 20, 12 },
	{ CRYPTO_SHA2_256_HMAC, "hmac(sha256)", 32, 32 },
	{ CRYPTO_SHA2_512_HMAC, "hmac(sha512)", 100, 64 },
	{ CRYPTO_RIPEMD160_HMAC, "hmac(rmd160)", 20, 20 },
	{ CRYPTO_AES_XCBC_MAC_96, "xcbc(aes)", 16, 12 },
};

/* Sizes: 1..full_upto, then edges and random samples. */
static int swx_sizes(int *sizes, int cap)
{
	static const int edges[] = { 4095, 4096, 4097, SWX_MAX - 1, SWX_MAX };
	int n = 0, i;

	for (i = 1; i <= full_upto && i <= SWX_MAX && n < cap; i++)
		sizes[n++] = i;
	for (i = 0; i < ARRAY_SIZE(edges) && n < cap; i++)
		if (edges[i] > full_upto)
			sizes[n++] = edges[i];
	for (i = 0; i < samples && n < cap; i++)
		sizes[n++] = full_upto + 1 +
			     swt_rand_below(SWX_MAX - full_upto);
	return n;
}

static int *swx_size_list;
static int swx_nsizes;

/* Reference encryption/decryption through Linux on a linear buffer. */
static int swx_linux_cipher(const struct swx_cipher *c, const u8 *key,
			    const u8 *iv, u8 *data, int len, bool enc)
{
	struct crypto_skcipher *tfm;
	struct skcipher_request *req;
	struct scatterlist sg;
	DECLARE_CRYPTO_WAIT(wait);
	u8 ivbuf[16];
	int err;

	if (!c->linux_name) {
		struct arc4_ctx *ctx = kmalloc(sizeof(*ctx), GFP_KERNEL);

		if (!ctx)
			return -ENOMEM;
		err = arc4_setkey(ctx, key, c->klen);
		if (!err)
			arc4_crypt(ctx, data, data, len);
		kfree_sensitive(ctx);
		return err;
	}
	tfm = crypto_alloc_skcipher(c->linux_name, 0, 0);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	err = c->klen ? crypto_skcipher_setkey(tfm, key, c->klen) : 0;
	req = skcipher_request_alloc(tfm, GFP_KERNEL);
	if (!err && req) {
		memcpy(ivbuf, iv, c->ivlen);
		sg_init_one(&sg, data, len);
		skcipher_request_set_callback(req, CRYPTO_TFM_REQ_MAY_BACKLOG |
					      CRYPTO_TFM_REQ_MAY_SLEEP,
					      crypto_req_done, &wait);
		skcipher_request_set_crypt(req, &sg, &sg, len, ivbuf);
		err = crypto_wait_req(enc ? crypto_skcipher_encrypt(req) :
					    crypto_skcipher_decrypt(req), &wait);
	} else if (!err) {
		err = -ENOMEM;
	}
	skcipher_request_free(req);
	crypto_free_skcipher(tfm);
	return err;
}

/* One OCF cipher request over [skip, skip + len) of a fresh buffer. */
static int swx_ocf_cipher(u64 sid, const struct swx_cipher *c, const u8 *iv,
			  enum swt_buftype type, bool oop, bool enc,
			  const u8 *in, u8 *out, int total, int skip, int len)
{
	struct swt_buf b, ob;
	struct cryptop *crp;
	struct cryptodesc *crd;
	int err;

	err = swt_buf_alloc(&b, type, total, 1 + swt_rand_below(8));
	if (err)
		return err;
	if (oop && swt_buf_alloc(&ob, type, total, 1 + swt_rand_below(8))) {
		swt_buf_free(&b);
		return -ENOMEM;
	}
	swt_buf_load(&b, in);
	if (oop)
		swt_buf_load(&ob, in);	/* same surroundings to compare */
	crp = crypto_getreq(1);
	if (!crp) {
		err = -ENOMEM;
		goto out;
	}
	crd = crp->crp_desc;
	crd->crd_alg = c->alg;
	crd->crd_skip = skip;
	crd->crd_len = len;
	crd->crd_flags = (enc ? CRD_F_ENCRYPT : 0) | CRD_F_IV_EXPLICIT |
			 CRD_F_IV_PRESENT;
	memcpy(crd->crd_iv, iv, c->ivlen);
	crp->crp_sid = sid;
	crp->crp_ilen = total;
	crp->crp_flags = b.flags;
	crp->crp_buf = b.buf;
	crp->crp_obuf = oop ? ob.buf : NULL;
	err = swt_run(crp);
	if (err != -ETIMEDOUT)
		crypto_freereq(crp);
	if (!err)
		swt_buf_read(oop ? &ob : &b, out);
out:
	if (oop)
		swt_buf_free(&ob);
	swt_buf_free(&b);
	return err;
}

static void swx_cipher(const struct swx_cipher *c)
{
	u8 key[64], iv[16], *plain, *ref, *buf, *res;
	int t, s, oop, err = 0, len = 0, total, skip, fail_len = 0;
	u64 sid;

	plain = kvmalloc(SWX_MAX, GFP_KERNEL);
	ref = kvmalloc(SWX_MAX, GFP_KERNEL);
	buf = kvmalloc(SWX_MAX + 2 * SWX_PAD, GFP_KERNEL);
	res = kvmalloc(SWX_MAX + 2 * SWX_PAD, GFP_KERNEL);
	if (!plain || !ref || !buf || !res) {
		swt_record(false, "xcheck cipher %s: out of memory",
			   c->linux_name ?: "arc4");
		goto out;
	}
	for (t = 0; t < SWT_NTYPES; t++) {
		for (oop = 0; oop < 2; oop++) {
			bool ok = true;

			for (s = 0; s < swx_nsizes && ok; s++) {
				len = swx_size_list[s] / c->block * c->block;
				if (c->alg == CRYPTO_AES_XTS && len < 16)
					len = 16;
				if (len == 0)
					len = c->block;
				get_random_bytes(key, sizeof(key));
				get_random_bytes(iv, sizeof(iv));
				get_random_bytes(plain, len);
				memcpy(ref, plain, len);
				err = swx_linux_cipher(c, key, iv, ref, len,
						       true);
				if (err)
					break;
				skip = swt_rand_below(SWX_PAD);
				total = skip + len + swt_rand_below(SWX_PAD);
				get_random_bytes(buf, total);
				memcpy(buf + skip, plain, len);
				/* ARC4's stream restarts with a new session. */
				err = swt_session(&sid, c->alg, key, c->klen,
						  0, NULL, 0);
				if (err)
					break;
				err = swx_ocf_cipher(sid, c, iv, t, oop, true,
						     buf, res, total, skip,
						     len);
				ok = !err && !memcmp(res + skip, ref, len) &&
				     !memcmp(res, buf, skip) &&
				     !memcmp(res + skip + len,
					     buf + skip + len,
					     total - skip - len);
				crypto_freesession(sid);
				if (!ok)
					break;
				/* And back, from the Linux ciphertext. */
				memcpy(buf + skip, ref, len);
				err = swt_session(&sid, c->alg, key, c->klen,
						  0, NULL, 0);
				if (err)
					break;
				err = swx_ocf_cipher(sid, c, iv, t, !oop,
						     false, buf, res, total,
						     skip, len);
				ok = !err && !memcmp(res + skip, plain, len);
				crypto_freesession(sid);
			}
			if (err || !ok)
				fail_len = len;
			swt_record(!err && ok,
				   "xcheck %s/%d %s %s, %d sizes%s (err %d, len %d)",
				   c->linux_name ?: "arc4(libarc4)", c->klen,
				   swt_buftype_name[t],
				   oop ? "enc-oop/dec-inplace" :
					 "enc-inplace/dec-oop",
				   swx_nsizes, err || !ok ? " FAILED" : "",
				   err, fail_len);
		}
	}
out:
	kvfree(plain);
	kvfree(ref);
	kvfree(buf);
	kvfree(res);
}

/* Hash the buffer through OCF, in `pieces` streaming requests. */
static int swx_ocf_hash(u64 sid, const struct swx_hash *h,
			enum swt_buftype type, const u8 *in, int total,
			int skip, int len, int pieces, u8 *mac)
{
	struct swt_buf b;
	int err, i, off = 0;

	err = swt_buf_alloc(&b, type, total, 1 + swt_rand_below(8));
	if (err)
		return err;
	swt_buf_load(&b, in);
	for (i = 0; i < pieces && !err; i++) {
		struct cryptop *crp = crypto_getreq(1);
		struct cryptodesc *crd;
		int n = i == pieces - 1 ? len - off :
			swt_rand_below(len - off + 1);

		if (!crp) {
			err = -ENOMEM;
			break;
		}
		crd = crp->crp_desc;
		crd->crd_alg = h->alg;
		crd->crd_skip = skip + off;
		crd->crd_len = n;
		if (i < pieces - 1)
			crd->crd_flags = CRD_F_HASH_PARTIAL;
		if (i == 0)
			crd->crd_flags |= CRD_F_HASH_RESET;
		crp->crp_sid = sid;
		crp->crp_ilen = total;
		crp->crp_flags = b.flags;
		crp->crp_buf = b.buf;
		crp->crp_mac = mac;
		err = swt_run(crp);
		if (err != -ETIMEDOUT)
			crypto_freereq(crp);
		off += n;
	}
	swt_buf_free(&b);
	return err;
}

static void swx_hash(const struct swx_hash *h)
{
	struct crypto_shash *tfm;
	u8 key[128], ref[64], mac[64], *buf = NULL;
	int t, s, err = 0, len = 0, skip, total;
	u64 sid;

	tfm = crypto_alloc_shash(h->linux_name, 0, 0);
	if (IS_ERR(tfm)) {
		swt_record(false, "xcheck hash %s: no Linux tfm (%ld)",
			   h->linux_name, PTR_ERR(tfm));
		return;
	}
	buf = kvmalloc(SWX_MAX + 2 * SWX_PAD, GFP_KERNEL);
	get_random_bytes(key, sizeof(key));
	err = buf ? (h->klen ? crypto_shash_setkey(tfm, key, h->klen) : 0) :
		    -ENOMEM;
	err = err ?: swt_session(&sid, h->alg, key, h->klen, 0, NULL, 0);
	if (err) {
		swt_record(false, "xcheck hash %s: setup (err %d)",
			   h->linux_name, err);
		goto out;
	}
	for (t = 0; t < SWT_NTYPES; t++) {
		bool ok = true;

		for (s = 0; s < swx_nsizes && ok; s++) {
			/* Hashes also take the empty input. */
			len = s == 0 ? 0 : swx_size_list[s];
			skip = swt_rand_below(SWX_PAD);
			total = skip + len + swt_rand_below(SWX_PAD);
			get_random_bytes(buf, total);
			err = crypto_shash_tfm_digest(tfm, buf + skip, len,
						      ref);
			memset(mac, 0, sizeof(mac));
			err = err ?: swx_ocf_hash(sid, h, t, buf, total, skip,
						  len, 1 + swt_rand_below(4),
						  mac);
			ok = !err && !memcmp(mac, ref, h->mlen);
		}
		swt_record(ok, "xcheck hash %s %s, %d sizes, random streaming pieces%s (err %d, len %d)",
			   h->linux_name, swt_buftype_name[t], swx_nsizes,
			   ok ? "" : " FAILED", err, len);
	}
	crypto_freesession(sid);
out:
	kvfree(buf);
	crypto_free_shash(tfm);
}

/* AES-GCM and AES-CCM: OCF two-descriptor AEAD against Linux's AEAD. */
static int swx_linux_aead(const char *name, const u8 *key, int klen,
			  u8 *iv, u8 *data, int aadlen, int len)
{
	struct crypto_aead *tfm;
	struct aead_request *req;
	struct scatterlist sg;
	DECLARE_CRYPTO_WAIT(wait);
	int err;

	tfm = crypto_alloc_aead(name, 0, 0);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	err = crypto_aead_setauthsize(tfm, 16) ?:
	      crypto_aead_setkey(tfm, key, klen);
	req = aead_request_alloc(tfm, GFP_KERNEL);
	if (!err && req) {
		sg_init_one(&sg, data, aadlen + len + 16);
		aead_request_set_callback(req, CRYPTO_TFM_REQ_MAY_BACKLOG |
					  CRYPTO_TFM_REQ_MAY_SLEEP,
					  crypto_req_done, &wait);
		aead_request_set_ad(req, aadlen);
		aead_request_set_crypt(req, &sg, &sg, len, iv);
		err = crypto_wait_req(crypto_aead_encrypt(req), &wait);
	} else if (!err) {
		err = -ENOMEM;
	}
	aead_request_free(req);
	crypto_free_aead(tfm);
	return err;
}

static void swx_aead(int alg, int mac_alg, const char *name)
{
	u8 key[32], iv[16], *lin = NULL, *ref = NULL, *res = NULL;
	int t, s, err = 0, len = 0, aadlen, total, gap;
	bool ccm = alg == CRYPTO_AES_CCM;
	u64 sid;

	lin = kvmalloc(SWX_MAX + 4 * SWX_PAD + 16, GFP_KERNEL);
	ref = kvmalloc(SWX_MAX + 4 * SWX_PAD + 16, GFP_KERNEL);
	res = kvmalloc(SWX_MAX + 4 * SWX_PAD + 16, GFP_KERNEL);
	if (!lin || !ref || !res) {
		swt_record(false, "xcheck aead %s: out of memory", name);
		goto out;
	}
	for (t = 0; t < SWT_NTYPES; t++) {
		bool ok = true;

		for (s = 0; s < swx_nsizes && ok; s++) {
			struct swt_buf b;
			struct cryptop *crp;
			struct cryptodesc *c, *m;

			len = swx_size_list[s] - 1;
			aadlen = swt_rand_below(2 * SWX_PAD);
			gap = swt_rand_below(SWX_PAD);
			get_random_bytes(key, sizeof(key));
			get_random_bytes(iv, sizeof(iv));
			if (ccm) {
				iv[0] = 1 + swt_rand_below(7);	/* L - 1 */
				memset(iv + 15 - iv[0], 0, iv[0] + 1);
			}
			/* Linux: aad || payload || tag. */
			get_random_bytes(ref, aadlen + len);
			memcpy(lin, ref, aadlen + len);
			err = swx_linux_aead(name, key, 16, iv, ref, aadlen,
					     len);
			if (err)
				break;
			/* OCF: aad, a gap, payload, tag. */
			total = aadlen + gap + len + 16;
			memcpy(res, lin, aadlen);
			get_random_bytes(res + aadlen, gap);
			memcpy(res + aadlen + gap, lin + aadlen, len);
			memset(res + aadlen + gap + len, 0, 16);
			err = swt_session(&sid, alg, key, 16, mac_alg, key, 16);
			if (err)
				break;
			err = swt_buf_alloc(&b, t, total, 1 + swt_rand_below(8));
			if (err) {
				crypto_freesession(sid);
				break;
			}
			crp = crypto_getreq(2);
			if (crp) {
				swt_buf_load(&b, res);
				c = crp->crp_desc;
				m = c->crd_next;
				c->crd_alg = alg;
				c->crd_skip = aadlen + gap;
				c->crd_len = len;
				c->crd_flags = CRD_F_ENCRYPT |
					       CRD_F_IV_EXPLICIT |
					       CRD_F_IV_PRESENT;
				memcpy(c->crd_iv, iv, 16);
				m->crd_alg = mac_alg;
				m->crd_len = aadlen;
				m->crd_inject = aadlen + gap + len;
				crp->crp_sid = sid;
				crp->crp_ilen = total;
				crp->crp_flags = b.flags;
				crp->crp_buf = b.buf;
				err = swt_run(crp);
				swt_buf_read(&b, res);
				ok = !err && !memcmp(res + aadlen + gap,
						     ref + aadlen, len + 16);
				if (ok) {
					/* Decrypt and verify back. */
					c->crd_flags &= ~CRD_F_ENCRYPT;
					err = swt_run(crp);
					swt_buf_read(&b, res);
					ok = !err &&
					     !memcmp(res + aadlen + gap,
						     lin + aadlen, len);
				}
				if (err != -ETIMEDOUT)
					crypto_freereq(crp);
			} else {
				err = -ENOMEM;
			}
			swt_buf_free(&b);
			crypto_freesession(sid);
			if (err)
				ok = false;
		}
		swt_record(ok && !err, "xcheck aead %s %s, %d sizes, random AAD and layout%s (err %d, len %d)",
			   name, swt_buftype_name[t], swx_nsizes,
			   ok && !err ? "" : " FAILED", err, len);
	}
out:
	kvfree(lin);
	kvfree(ref);
	kvfree(res);
}

/* ------------------------------------------ softirq and concurrency */

struct swx_irq_ctx {
	struct tasklet_struct	tasklet;
	struct cryptop		*crp;
	struct completion	done;
	int			dispatch_err;
	bool			in_softirq;
};

static int swx_irq_cb(struct cryptop *crp)
{
	struct swx_irq_ctx *x = crp->crp_opaque;

	complete(&x->done);
	return 0;
}

static void swx_irq_fn(struct tasklet_struct *t)
{
	struct swx_irq_ctx *x = from_tasklet(x, t, tasklet);

	x->in_softirq = in_softirq();
	x->dispatch_err = crypto_dispatch(x->crp);
	if (x->dispatch_err)
		complete(&x->done);
}

/* AES-CBC + HMAC-SHA256 dispatched from a tasklet (softirq context). */
static void swx_softirq(void)
{
	static const u8 key[32] = "softirq-context-key-0123456789ab";
	struct swx_irq_ctx *x;
	u8 *data = NULL, ref[32], mac[32] = { };
	struct scatterlist sg[2];
	int err, i;
	u64 sid;
	bool ok = false;

	x = kzalloc(sizeof(*x), GFP_KERNEL);
	data = kmalloc(4096, GFP_KERNEL);
	err = x && data ? swt_session(&sid, CRYPTO_AES_CBC, key, 16,
				      CRYPTO_SHA2_256_HMAC, key, 32) : -ENOMEM;
	if (err)
		goto out;
	x->crp = crypto_getreq(2);
	if (!x->crp) {
		crypto_freesession(sid);
		goto out;
	}
	for (i = 0; i < 4096; i++)
		data[i] = i;
	sg_init_table(sg, 2);
	sg_set_buf(&sg[0], data, 1000);
	sg_set_buf(&sg[1], data + 1000, 3096);
	x->crp->crp_desc->crd_alg = CRYPTO_AES_CBC;
	x->crp->crp_desc->crd_len = 4096;
	x->crp->crp_desc->crd_flags = CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT |
				      CRD_F_IV_PRESENT;
	memset(x->crp->crp_desc->crd_iv, 0, 16);
	x->crp->crp_desc->crd_next->crd_alg = CRYPTO_SHA2_256_HMAC;
	x->crp->crp_desc->crd_next->crd_len = 4096;
	x->crp->crp_sid = sid;
	x->crp->crp_ilen = 4096;
	x->crp->crp_flags = CRYPTO_F_SG | CRYPTO_F_CBIMM;
	x->crp->crp_buf = sg;
	x->crp->crp_mac = mac;
	x->crp->crp_opaque = x;
	x->crp->crp_callback = swx_irq_cb;
	init_completion(&x->done);
	tasklet_setup(&x->tasklet, swx_irq_fn);
	tasklet_schedule(&x->tasklet);
	if (!wait_for_completion_timeout(&x->done, SWT_TIMEOUT)) {
		swt_record(false, "softirq dispatch: timed out");
		return;	/* x stays allocated: the callback may come */
	}
	tasklet_kill(&x->tasklet);
	err = x->dispatch_err ?: x->crp->crp_etype;
	/* Check against the same chain run from process context. */
	if (!err) {
		static const u8 zero_iv[16];
		struct crypto_shash *h = crypto_alloc_shash("hmac(sha256)", 0, 0);
		u8 *copy = kmalloc(4096, GFP_KERNEL);
		const struct swx_cipher c = { CRYPTO_AES_CBC, "cbc(aes)", 16,
					      16, 16 };

		if (!IS_ERR(h) && copy) {
			for (i = 0; i < 4096; i++)
				copy[i] = i;
			err = swx_linux_cipher(&c, key, zero_iv, copy, 4096,
					       true);
			err = err ?: crypto_shash_setkey(h, key, 32);
			err = err ?: crypto_shash_tfm_digest(h, copy, 4096,
							     ref);
			ok = !err && x->in_softirq &&
			     !memcmp(copy, data, 4096) &&
			     !memcmp(ref, mac, 32);
		}
		kfree(copy);
		if (!IS_ERR(h))
			crypto_free_shash(h);
	}
	crypto_freereq(x->crp);
	crypto_freesession(sid);
out:
	swt_record(ok, "softirq: encrypt-then-MAC dispatched from a tasklet matches Linux (err %d)",
		   err);
	kfree(x);
	kfree(data);
}

struct swx_thread {
	u64		sid;
	int		iterations;
	int		failures;
	int		err;
	struct completion done;
};

/* Requests on a shared session; each checks its own round trip. */
static int swx_thread_fn(void *arg)
{
	struct swx_thread *th = arg;
	u8 in[256], buf[256 + 32], mac1[32], mac2[32];
	static const u8 iv[16];
	int i, err;

	for (i = 0; i < th->iterations; i++) {
		struct swt_buf b;
		struct cryptop *crp;
		int len = 16 * (1 + swt_rand_below(16));

		get_random_bytes(in, len);
		memcpy(buf, in, len);
		if (swt_buf_alloc(&b, SWT_CONTIG, len, 1)) {
			th->err = -ENOMEM;
			break;
		}
		crp = crypto_getreq(2);
		if (!crp) {
			swt_buf_free(&b);
			th->err = -ENOMEM;
			break;
		}
		swt_buf_load(&b, buf);
		crp->crp_desc->crd_alg = CRYPTO_AES_CBC;
		crp->crp_desc->crd_len = len;
		crp->crp_desc->crd_flags = CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT |
					   CRD_F_IV_PRESENT;
		memcpy(crp->crp_desc->crd_iv, iv, 16);
		crp->crp_desc->crd_next->crd_alg = CRYPTO_SHA2_256_HMAC;
		crp->crp_desc->crd_next->crd_len = len;
		crp->crp_sid = th->sid;
		crp->crp_ilen = len;
		crp->crp_buf = b.buf;
		crp->crp_mac = mac1;
		err = swt_run(crp);
		/* MAC then decrypt must undo it and give the same MAC. */
		if (!err) {
			swap(crp->crp_desc->crd_alg,
			     crp->crp_desc->crd_next->crd_alg);
			crp->crp_desc->crd_flags = 0;
			crp->crp_desc->crd_next->crd_flags =
				CRD_F_IV_EXPLICIT | CRD_F_IV_PRESENT;
			memcpy(crp->crp_desc->crd_next->crd_iv, iv, 16);
			crp->crp_mac = mac2;
			err = swt_run(crp);
		}
		swt_buf_read(&b, buf);
		if (err || memcmp(buf, in, len) || memcmp(mac1, mac2, 32))
			th->failures++;
		if (err)
			th->err = err;
		if (err != -ETIMEDOUT)
			crypto_freereq(crp);
		swt_buf_free(&b);
	}
	complete(&th->done);
	return 0;
}

static void swx_concurrency(void)
{
	static const u8 key[32] = "shared-session-key-0123456789abc";
	struct swx_thread th[4];
	int i, n = min_t(int, 4, max_t(int, 2, num_online_cpus())), fails = 0;
	int err;
	u64 sid;

	err = swt_session(&sid, CRYPTO_AES_CBC, key, 16, CRYPTO_SHA2_256_HMAC,
			  key, 32);
	if (err) {
		swt_record(false, "concurrency: session (err %d)", err);
		return;
	}
	for (i = 0; i < n; i++) {
		struct task_struct *task;

		memset(&th[i], 0, sizeof(th[i]));
		th[i].sid = sid;
		th[i].iterations = 500;
		init_completion(&th[i].done);
		task = kthread_run(swx_thread_fn, &th[i], "swx/%d", i);
		if (IS_ERR(task)) {
			th[i].err = PTR_ERR(task);
			complete(&th[i].done);
		}
	}
	for (i = 0; i < n; i++) {
		/* Short waits: a long D-state sleep trips the hung-task check. */
		while (!wait_for_completion_timeout(&th[i].done, 5 * HZ))
			;
		fails += th[i].failures + (th[i].err ? 1 : 0);
		err = err ?: th[i].err;
	}
	crypto_freesession(sid);
	swt_record(!fails, "concurrency: %d threads x 500 chained requests on one session (%d failures, err %d)",
		   n, fails, err);
}

/*
 * Skipjack has no Linux implementation to compare with: check that
 * decryption undoes encryption for every size, buffer type and
 * placement (the known answer is in cryptosoft_kat).
 */
static void swx_skipjack(void)
{
	static const struct swx_cipher c = { CRYPTO_SKIPJACK_CBC, NULL, 10,
					     8, 8 };
	u8 key[10], iv[8], *plain, *buf, *enc, *res;
	int t, s, oop, err = 0, len = 0, total, skip;
	u64 sid;

	plain = kvmalloc(SWX_MAX, GFP_KERNEL);
	buf = kvmalloc(SWX_MAX + 2 * SWX_PAD, GFP_KERNEL);
	enc = kvmalloc(SWX_MAX + 2 * SWX_PAD, GFP_KERNEL);
	res = kvmalloc(SWX_MAX + 2 * SWX_PAD, GFP_KERNEL);
	for (t = 0; plain && buf && enc && res && t < SWT_NTYPES; t++) {
		for (oop = 0; oop < 2; oop++) {
			bool ok = true;

			for (s = 0; s < swx_nsizes && ok; s++) {
				len = max(8, swx_size_list[s] / 8 * 8);
				get_random_bytes(key, sizeof(key));
				get_random_bytes(iv, sizeof(iv));
				skip = swt_rand_below(SWX_PAD);
				total = skip + len + swt_rand_below(SWX_PAD);
				get_random_bytes(buf, total);
				memcpy(plain, buf + skip, len);
				err = swt_session(&sid, c.alg, key, 10, 0,
						  NULL, 0);
				if (err)
					break;
				err = swx_ocf_cipher(sid, &c, iv, t, oop, true,
						     buf, enc, total, skip,
						     len);
				err = err ?: swx_ocf_cipher(sid, &c, iv, t,
							    !oop, false, enc,
							    res, total, skip,
							    len);
				ok = !err && memcmp(enc + skip, plain, len) &&
				     !memcmp(res, buf, total);
				crypto_freesession(sid);
			}
			swt_record(ok && !err,
				   "xcheck skipjack %s %s, %d sizes, round trip%s (err %d, len %d)",
				   swt_buftype_name[t], oop ? "oop/inplace" :
				   "inplace/oop", swx_nsizes,
				   ok && !err ? "" : " FAILED", err, len);
		}
	}
	kvfree(plain);
	kvfree(buf);
	kvfree(enc);
	kvfree(res);
}

/*
 * DEFLATE decompression of what Linux's own "deflate" compressor made
 * (raw RFC 1951, its own window size), at sampled sizes; and our
 * compressor's output back through our decompressor.
 */
static void swx_deflate(void)
{
	struct crypto_comp *tfm;
	u8 *src = NULL, *lz = NULL, *out = NULL;
	unsigned int lzlen;
	int s, err = 0, len = 0, olen, i;
	u64 sid;
	bool ok = true, have_sid;

	tfm = crypto_alloc_comp("deflate", 0, 0);
	if (IS_ERR(tfm)) {
		swt_record(false, "xcheck deflate: no Linux deflate (%ld)",
			   PTR_ERR(tfm));
		return;
	}
	src = kvmalloc(SWX_MAX, GFP_KERNEL);
	lz = kvmalloc(2 * SWX_MAX, GFP_KERNEL);
	out = kvmalloc(SWX_MAX + 1, GFP_KERNEL);
	err = src && lz && out ? swt_session(&sid, CRYPTO_DEFLATE_COMP, NULL,
					     0, 0, NULL, 0) : -ENOMEM;
	have_sid = !err;
	for (s = 0; !err && ok && s < swx_nsizes; s++) {
		struct cryptop *crp = crypto_getreq(1);

		if (!crp) {
			err = -ENOMEM;
			break;
		}
		len = swx_size_list[s];
		/* Compressible: words from a small random alphabet. */
		for (i = 0; i < len; i++)
			src[i] = 'a' + swt_rand_below(4 + (i / 512) % 8);
		lzlen = 2 * SWX_MAX;
		err = crypto_comp_compress(tfm, src, len, lz, &lzlen);
		if (err) {
			crypto_freereq(crp);
			break;
		}
		crp->crp_desc->crd_alg = CRYPTO_DEFLATE_COMP;
		crp->crp_desc->crd_len = lzlen;
		crp->crp_sid = sid;
		crp->crp_ilen = lzlen;
		crp->crp_buf = lz;
		crp->crp_obuf = out;
		crp->crp_olen = SWX_MAX + 1;
		err = swt_run(crp);
		olen = crp->crp_olen;
		ok = !err && olen == len && !memcmp(out, src, len);
		if (err != -ETIMEDOUT)
			crypto_freereq(crp);
	}
	if (have_sid)
		crypto_freesession(sid);
	swt_record(ok && !err, "xcheck deflate: OCF inflates Linux deflate output, %d sizes%s (err %d, len %d)",
		   swx_nsizes, ok && !err ? "" : " FAILED", err, len);
	kvfree(src);
	kvfree(lz);
	kvfree(out);
	crypto_free_comp(tfm);
}

/* ------------------------------------------------ the size sweep */

/*
 * Every size (exhaustive=1) or every size up to sweep_upto and then one
 * every sweep_stride bytes: one OCF request per size, its shape rotating
 * through buffer type, placement and direction, with a random offset,
 * tail and segmentation.  The Linux reference is computed once per key
 * where the mode allows it: a prefix of a CBC/ECB/CTR/XTS/stream
 * encryption is the encryption of the prefix, and a hash's running
 * state is carried from one size to the next.
 */
#define SWX_REKEY	4096	/* sizes between new keys and data */
#define SWX_MAX_WORKERS	4

/* Sweep threads record their results one at a time. */
static DEFINE_MUTEX(swx_record_lock);
#define swx_record(...)	do {				\
	mutex_lock(&swx_record_lock);			\
	swt_record(__VA_ARGS__);			\
	mutex_unlock(&swx_record_lock);			\
} while (0)
/* Room for the data, AAD, surroundings and a tag. */
#define SWX_BUFSZ	(SWX_MAX + 4 * SWX_PAD + 16)

struct swx_shape {
	enum swt_buftype	type;
	bool			oop, enc;
	int			skip, total, nseg;
};

static void swx_shape(struct swx_shape *sh, unsigned int k, int len)
{
	sh->type = k % SWT_NTYPES;
	sh->oop = (k / SWT_NTYPES) % 2;
	sh->enc = (k / (2 * SWT_NTYPES)) % 2;
	sh->skip = swt_rand_below(SWX_PAD);
	sh->total = sh->skip + len + swt_rand_below(SWX_PAD);
	sh->nseg = 1 + swt_rand_below(16);
}

/* The size after `n`: a multiple of `block`, 0 when done. */
static int swx_next_size(int n, int block, int min)
{
	int next;

	if (exhaustive || n < sweep_upto) {
		next = n + 1;
	} else {
		next = n + max(1U, sweep_stride);
		if (next > SWX_MAX && n < SWX_MAX)
			next = SWX_MAX;
	}
	next = max(next, min);
	next = roundup(next, block);
	return next <= SWX_MAX ? next : 0;
}

static const char *swx_mode(void)
{
	return exhaustive ? "every size" : "sweep";
}

/* The surroundings and the data at sh->skip; bytes outside stay put. */
static void swx_frame(u8 *buf, const struct swx_shape *sh, const u8 *data,
		      int len)
{
	get_random_bytes(buf, sh->skip);
	memcpy(buf + sh->skip, data, len);
	get_random_bytes(buf + sh->skip + len, sh->total - sh->skip - len);
}

static bool swx_framed_ok(const u8 *res, const u8 *buf,
			  const struct swx_shape *sh, const u8 *want, int len)
{
	return !memcmp(res + sh->skip, want, len) &&
	       !memcmp(res, buf, sh->skip) &&
	       !memcmp(res + sh->skip + len, buf + sh->skip + len,
		       sh->total - sh->skip - len);
}

/* Linux skcipher on a linear buffer with a held tfm and request. */
static int swx_linux_crypt(struct skcipher_request *req, const u8 *iv,
			   int ivlen, u8 *data, int len, bool enc)
{
	struct crypto_wait *wait = req->base.data;
	struct scatterlist sg;
	u8 ivbuf[16];

	memcpy(ivbuf, iv, ivlen);
	sg_init_one(&sg, data, len);
	skcipher_request_set_crypt(req, &sg, &sg, len, ivbuf);
	return crypto_wait_req(enc ? crypto_skcipher_encrypt(req) :
			       crypto_skcipher_decrypt(req), wait);
}

struct swx_sweep_bufs {
	u8	*plain, *ref, *one, *buf, *res;
};

static int swx_bufs_alloc(struct swx_sweep_bufs *b)
{
	b->plain = kvmalloc(SWX_MAX, GFP_KERNEL);
	b->ref = kvmalloc(SWX_MAX, GFP_KERNEL);
	b->one = kvmalloc(SWX_BUFSZ, GFP_KERNEL);
	b->buf = kvmalloc(SWX_BUFSZ, GFP_KERNEL);
	b->res = kvmalloc(SWX_BUFSZ, GFP_KERNEL);
	return b->plain && b->ref && b->one && b->buf && b->res ? 0 :
	       -ENOMEM;
}

static void swx_bufs_free(struct swx_sweep_bufs *b)
{
	kvfree(b->plain);
	kvfree(b->ref);
	kvfree(b->one);
	kvfree(b->buf);
	kvfree(b->res);
}

static bool swx_selected(const char *name)
{
	return !only || !*only || strstr(name, only);
}

static void swx_sweep_report(bool ok, const char *name, int nsizes,
			     int first, int skipped, ktime_t t0, int err,
			     int len)
{
	s64 ms = ktime_ms_delta(ktime_get(), t0);

	pr_info("cryptosoft_xcheck: %s %s: %d sizes in %lld ms%s\n",
		swx_mode(), name, nsizes, ms, ok ? "" : " FAILED");
	swx_record(ok, "%s %s: %d sizes %d..%d%s, %lld.%llds%s (err %d, len %d)",
		   swx_mode(), name, nsizes, first, SWX_MAX,
		   skipped ? ", others not a mode length" : "",
		   ms / 1000, (ms % 1000) / 100, ok ? "" : " FAILED", err,
		   len);
}

/*
 * The sweeps over every size 0..64 KiB: count size `n` as done; false
 * after the last one (the step from SWX_MAX wraps to 0, a valid size).
 */
static bool swx_sweep_more(int *nsizes, int n)
{
	++*nsizes;
	if (n == SWX_MAX)
		return false;
	cond_resched();
	return true;
}

/* Such a sweep is over: its session goes, its result is recorded. */
static void swx_sweep_done(bool have_sid, u64 sid, bool ok, const char *name,
			   int nsizes, ktime_t t0, int err, int n)
{
	if (have_sid)
		crypto_freesession(sid);
	swx_sweep_report(ok, name, nsizes, 0, 0, t0, err, n);
}

/*
 * One cipher over the sizes.  Block modes take multiples of the block
 * only (other sizes are skipped); XTS takes any size from 16 on, the
 * ones that are not a block multiple (ciphertext stealing) against a
 * Linux reference of that size.
 */
static void swx_sweep_cipher(const struct swx_cipher *c)
{
	struct crypto_skcipher *tfm = NULL;
	struct skcipher_request *req = NULL;
	DECLARE_CRYPTO_WAIT(wait);
	struct swx_sweep_bufs b = { };
	struct swx_shape sh;
	bool xts = c->alg == CRYPTO_AES_XTS, ok = true, have_sid = false;
	int block = xts ? 1 : c->block, min = xts ? 16 : c->block;
	int n, first, nsizes = 0, err = 0;
	const char *name = c->linux_name ?: "arc4";
	char label[40];
	u8 key[64], iv[16];
	ktime_t t0 = ktime_get();
	u64 sid = 0;

	snprintf(label, sizeof(label), "%s/%d", name, c->klen);
	if (!swx_selected(label))
		return;
	err = swx_bufs_alloc(&b);
	if (!err && c->linux_name) {
		tfm = crypto_alloc_skcipher(c->linux_name, 0, 0);
		if (IS_ERR(tfm)) {
			err = PTR_ERR(tfm);
			tfm = NULL;
		} else {
			req = skcipher_request_alloc(tfm, GFP_KERNEL);
			if (!req)
				err = -ENOMEM;
			else
				skcipher_request_set_callback(req,
					CRYPTO_TFM_REQ_MAY_SLEEP,
					crypto_req_done, &wait);
		}
	}
	first = swx_next_size(0, block, min);
	for (n = first; !err && ok && n; n = swx_next_size(n, block, min)) {
		const u8 *in, *want;

		if (nsizes % SWX_REKEY == 0) {
			if (have_sid)
				crypto_freesession(sid);
			have_sid = false;
			get_random_bytes(key, sizeof(key));
			get_random_bytes(iv, sizeof(iv));
			get_random_bytes(b.plain, SWX_MAX);
			memcpy(b.ref, b.plain, SWX_MAX);
			if (tfm) {
				err = c->klen ? crypto_skcipher_setkey(tfm, key,
								       c->klen) : 0;
				err = err ?: swx_linux_crypt(req, iv, c->ivlen,
							     b.ref, SWX_MAX,
							     true);
			} else {
				err = swx_linux_cipher(c, key, iv, b.ref,
						       SWX_MAX, true);
			}
			if (err)
				break;
		}
		want = b.ref;
		if (xts && n % 16) {
			memcpy(b.one, b.plain, n);
			err = swx_linux_crypt(req, iv, c->ivlen, b.one, n, true);
			if (err)
				break;
			want = b.one;
		}
		/* ARC4's keystream restarts only with a new session. */
		if (!have_sid || !c->linux_name) {
			if (have_sid)
				crypto_freesession(sid);
			err = swt_session(&sid, c->alg, key, c->klen, 0,
					  NULL, 0);
			have_sid = !err;
			if (err)
				break;
		}
		swx_shape(&sh, nsizes, n);
		in = sh.enc ? b.plain : want;
		swx_frame(b.buf, &sh, in, n);
		err = swx_ocf_cipher(sid, c, iv, sh.type, sh.oop, sh.enc,
				     b.buf, b.res, sh.total, sh.skip, n);
		ok = !err && swx_framed_ok(b.res, b.buf, &sh,
					   sh.enc ? want : b.plain, n);
		nsizes++;
		cond_resched();
	}
	if (have_sid)
		crypto_freesession(sid);
	skcipher_request_free(req);
	if (tfm)
		crypto_free_skcipher(tfm);
	swx_bufs_free(&b);
	swx_sweep_report(ok && !err, label, nsizes, first, block > 1, t0,
			 err, n);
}

/* Skipjack: OCF's own 64 KiB encryption is the prefix reference. */
static void swx_sweep_skipjack(void)
{
	static const struct swx_cipher c = { CRYPTO_SKIPJACK_CBC, NULL, 10,
					     8, 8 };
	struct swx_sweep_bufs b = { };
	struct swx_shape sh;
	int n, first, nsizes = 0, err;
	bool ok = true, have_sid = false;
	u8 key[10], iv[8];
	ktime_t t0 = ktime_get();
	u64 sid = 0;

	if (!swx_selected("skipjack"))
		return;
	err = swx_bufs_alloc(&b);
	first = swx_next_size(0, 8, 8);
	for (n = first; !err && ok && n; n = swx_next_size(n, 8, 8)) {
		if (nsizes % SWX_REKEY == 0) {
			if (have_sid)
				crypto_freesession(sid);
			get_random_bytes(key, sizeof(key));
			get_random_bytes(iv, sizeof(iv));
			get_random_bytes(b.plain, SWX_MAX);
			err = swt_session(&sid, c.alg, key, 10, 0, NULL, 0);
			have_sid = !err;
			err = err ?: swx_ocf_cipher(sid, &c, iv, SWT_CONTIG,
						    false, true, b.plain, b.ref,
						    SWX_MAX, 0, SWX_MAX);
			if (err)
				break;
		}
		swx_shape(&sh, nsizes, n);
		swx_frame(b.buf, &sh, sh.enc ? b.plain : b.ref, n);
		err = swx_ocf_cipher(sid, &c, iv, sh.type, sh.oop, sh.enc,
				     b.buf, b.res, sh.total, sh.skip, n);
		ok = !err && swx_framed_ok(b.res, b.buf, &sh,
					   sh.enc ? b.ref : b.plain, n);
		nsizes++;
		cond_resched();
	}
	if (have_sid)
		crypto_freesession(sid);
	swx_bufs_free(&b);
	swx_sweep_report(ok && !err, "skipjack (prefix consistency)", nsizes,
			 first, 1, t0, err, n);
}

/*
 * One hash or MAC over sizes 0..64 KiB: the Linux reference of each size
 * is the running state over the same data, exported and finished.
 */
static void swx_sweep_hash(const struct swx_hash *h)
{
	struct crypto_shash *tfm;
	struct shash_desc *run = NULL, *fin = NULL;
	struct swx_sweep_bufs b = { };
	struct swx_shape sh;
	u8 key[128], ref[64], mac[64], *state = NULL;
	int n, prev = 0, nsizes = 0, err;
	bool ok = true, have_sid = false;
	ktime_t t0 = ktime_get();
	u64 sid = 0;

	if (!swx_selected(h->linux_name))
		return;
	tfm = crypto_alloc_shash(h->linux_name, 0, 0);
	if (IS_ERR(tfm)) {
		swx_record(false, "%s %s: no Linux tfm (%ld)", swx_mode(),
			   h->linux_name, PTR_ERR(tfm));
		return;
	}
	err = swx_bufs_alloc(&b);
	run = kzalloc(sizeof(*run) + crypto_shash_descsize(tfm), GFP_KERNEL);
	fin = kzalloc(sizeof(*fin) + crypto_shash_descsize(tfm), GFP_KERNEL);
	state = kzalloc(crypto_shash_statesize(tfm), GFP_KERNEL);
	if (!run || !fin || !state)
		err = -ENOMEM;
	for (n = 0; !err && ok; n = swx_next_size(n, 1, 1)) {
		if (nsizes % SWX_REKEY == 0) {
			if (have_sid)
				crypto_freesession(sid);
			get_random_bytes(key, sizeof(key));
			get_random_bytes(b.plain, SWX_MAX);
			err = h->klen ? crypto_shash_setkey(tfm, key, h->klen) :
					0;
			err = err ?: swt_session(&sid, h->alg, key, h->klen, 0,
						 NULL, 0);
			have_sid = !err;
			run->tfm = tfm;
			fin->tfm = tfm;
			err = err ?: crypto_shash_init(run);
			prev = 0;
		}
		/* Carry the running state from the last size to this one. */
		err = err ?: crypto_shash_update(run, b.plain + prev, n - prev);
		prev = n;
		err = err ?: crypto_shash_export(run, state);
		err = err ?: crypto_shash_import(fin, state);
		err = err ?: crypto_shash_final(fin, ref);
		if (err)
			break;
		swx_shape(&sh, nsizes, n);
		swx_frame(b.buf, &sh, b.plain, n);
		memset(mac, 0, sizeof(mac));
		err = swx_ocf_hash(sid, h, sh.type, b.buf, sh.total, sh.skip,
				   n, 1 + nsizes % 4, mac);
		ok = !err && !memcmp(mac, ref, h->mlen);
		if (!swx_sweep_more(&nsizes, n))
			break;
	}
	kfree_sensitive(run);
	kfree_sensitive(fin);
	kfree_sensitive(state);
	swx_bufs_free(&b);
	crypto_free_shash(tfm);
	swx_sweep_done(have_sid, sid, ok && !err, h->linux_name, nsizes, t0,
		       err, n);
}

/*
 * GCM and CCM: a Linux encryption per size (the tag covers the whole
 * payload); OCF encrypts or decrypts it, in or out of place.
 */
static void swx_sweep_aead(int alg, int mac_alg, const char *name)
{
	struct crypto_aead *tfm;
	struct aead_request *req = NULL;
	DECLARE_CRYPTO_WAIT(wait);
	struct swx_sweep_bufs b = { };
	struct scatterlist sg;
	struct swx_shape sh;
	bool ccm = alg == CRYPTO_AES_CCM, ok = true, have_sid = false;
	int n, nsizes = 0, err, aadlen;
	u8 key[16], iv[16], ivc[16];
	ktime_t t0 = ktime_get();
	u64 sid = 0;

	if (!swx_selected(name))
		return;
	tfm = crypto_alloc_aead(name, 0, 0);
	if (IS_ERR(tfm)) {
		swx_record(false, "%s %s: no Linux tfm (%ld)", swx_mode(),
			   name, PTR_ERR(tfm));
		return;
	}
	err = swx_bufs_alloc(&b) ?: crypto_aead_setauthsize(tfm, 16);
	if (!err) {
		req = aead_request_alloc(tfm, GFP_KERNEL);
		if (!req)
			err = -ENOMEM;
		else
			aead_request_set_callback(req, CRYPTO_TFM_REQ_MAY_SLEEP,
						  crypto_req_done, &wait);
	}
	for (n = 0; !err && ok; n = swx_next_size(n, 1, 1)) {
		struct swt_buf ib, ob;
		struct cryptop *crp;
		struct cryptodesc *cd, *md;
		int off;

		if (nsizes % SWX_REKEY == 0) {
			if (have_sid)
				crypto_freesession(sid);
			get_random_bytes(key, sizeof(key));
			get_random_bytes(b.plain, SWX_MAX);
			err = crypto_aead_setkey(tfm, key, 16) ?:
			      swt_session(&sid, alg, key, 16, mac_alg, key, 16);
			have_sid = !err;
			if (err)
				break;
		}
		/* Linux: aad || payload || tag in b.one. */
		aadlen = swt_rand_below(2 * SWX_PAD);
		get_random_bytes(iv, sizeof(iv));
		if (ccm) {
			iv[0] = 1 + swt_rand_below(7);	/* L - 1 */
			memset(iv + 15 - iv[0], 0, iv[0] + 1);
		}
		get_random_bytes(b.one, aadlen);
		memcpy(b.one + aadlen, b.plain, n);
		memcpy(ivc, iv, 16);
		sg_init_one(&sg, b.one, aadlen + n + 16);
		aead_request_set_ad(req, aadlen);
		aead_request_set_crypt(req, &sg, &sg, n, ivc);
		err = crypto_wait_req(crypto_aead_encrypt(req), &wait);
		if (err)
			break;
		/* OCF: aad at 0, payload at aadlen + skip, tag after it. */
		swx_shape(&sh, nsizes, n);
		off = aadlen + sh.skip;
		sh.total = off + n + 16;
		memcpy(b.buf, b.one, aadlen);
		get_random_bytes(b.buf + aadlen, sh.skip);
		memcpy(b.buf + off, sh.enc ? b.plain : b.one + aadlen, n);
		if (sh.enc)
			memset(b.buf + off + n, 0, 16);
		else
			memcpy(b.buf + off + n, b.one + aadlen + n, 16);
		err = swt_buf_alloc(&ib, sh.type, sh.total, sh.nseg);
		if (err)
			break;
		if (sh.oop && swt_buf_alloc(&ob, sh.type, sh.total, sh.nseg)) {
			swt_buf_free(&ib);
			err = -ENOMEM;
			break;
		}
		swt_buf_load(&ib, b.buf);
		if (sh.oop)
			swt_buf_load(&ob, b.buf);
		crp = crypto_getreq(2);
		if (!crp) {
			err = -ENOMEM;
		} else {
			cd = crp->crp_desc;
			md = cd->crd_next;
			cd->crd_alg = alg;
			cd->crd_skip = off;
			cd->crd_len = n;
			cd->crd_flags = (sh.enc ? CRD_F_ENCRYPT : 0) |
					CRD_F_IV_EXPLICIT | CRD_F_IV_PRESENT;
			memcpy(cd->crd_iv, iv, 16);
			md->crd_alg = mac_alg;
			md->crd_len = aadlen;
			md->crd_inject = off + n;
			crp->crp_sid = sid;
			crp->crp_ilen = sh.total;
			crp->crp_flags = ib.flags;
			crp->crp_buf = ib.buf;
			crp->crp_obuf = sh.oop ? ob.buf : NULL;
			err = swt_run(crp);
			if (err != -ETIMEDOUT)
				crypto_freereq(crp);
		}
		if (!err)
			swt_buf_read(sh.oop ? &ob : &ib, b.res);
		if (sh.oop)
			swt_buf_free(&ob);
		swt_buf_free(&ib);
		ok = !err && !memcmp(b.res + off, sh.enc ? b.one + aadlen :
				     b.plain, n) &&
		     (!sh.enc || !memcmp(b.res + off + n, b.one + aadlen + n,
					 16));
		if (!swx_sweep_more(&nsizes, n))
			break;
	}
	aead_request_free(req);
	crypto_free_aead(tfm);
	swx_bufs_free(&b);
	swx_sweep_done(have_sid, sid, ok && !err, name, nsizes, t0, err, n);
}

/*
 * DEFLATE: what Linux's "deflate" made, inflated by OCF; every other
 * size OCF's own output inflated back (Linux's 2 KiB window cannot read
 * OCF's 4 KiB one).
 */
static int swx_ocf_comp(u64 sid, bool comp, u8 *in, int len, u8 *out,
			int *olen)
{
	struct cryptop *crp = crypto_getreq(1);
	int err;

	if (!crp)
		return -ENOMEM;
	crp->crp_desc->crd_alg = CRYPTO_DEFLATE_COMP;
	crp->crp_desc->crd_len = len;
	crp->crp_desc->crd_flags = comp ? CRD_F_COMP : 0;
	crp->crp_sid = sid;
	crp->crp_ilen = len;
	crp->crp_buf = in;
	crp->crp_obuf = out;
	crp->crp_olen = *olen;
	err = swt_run(crp);
	if (err == -ETIMEDOUT)
		return err;
	*olen = crp->crp_olen;
	crypto_freereq(crp);
	return err;
}

static void swx_sweep_deflate(void)
{
	struct crypto_comp *tfm;
	struct swx_sweep_bufs b = { };
	int n, i, nsizes = 0, err, olen;
	unsigned int lzlen;
	bool ok = true, have_sid = false;
	ktime_t t0 = ktime_get();
	u64 sid = 0;

	if (!swx_selected("deflate"))
		return;
	tfm = crypto_alloc_comp("deflate", 0, 0);
	if (IS_ERR(tfm)) {
		swx_record(false, "%s deflate: no Linux deflate (%ld)",
			   swx_mode(), PTR_ERR(tfm));
		return;
	}
	err = swx_bufs_alloc(&b);
	err = err ?: swt_session(&sid, CRYPTO_DEFLATE_COMP, NULL, 0, 0, NULL,
				 0);
	have_sid = !err;
	/* Compressible: runs from a small alphabet changing every 512. */
	for (i = 0; !err && i < SWX_MAX; i++)
		b.plain[i] = 'a' + swt_rand_below(4 + (i / 512) % 8);
	for (n = 1; !err && ok && n; n = swx_next_size(n, 1, 1)) {
		if (nsizes % 2 == 0) {
			lzlen = SWX_BUFSZ;
			err = crypto_comp_compress(tfm, b.plain, n, b.one,
						   &lzlen);
			olen = lzlen;
		} else {
			olen = SWX_BUFSZ;
			err = swx_ocf_comp(sid, true, b.plain, n, b.one, &olen);
		}
		if (err)
			break;
		lzlen = olen;
		olen = SWX_MAX + 1;
		err = swx_ocf_comp(sid, false, b.one, lzlen, b.res, &olen);
		ok = !err && olen == n && !memcmp(b.res, b.plain, n);
		nsizes++;
		cond_resched();
	}
	if (have_sid)
		crypto_freesession(sid);
	swx_bufs_free(&b);
	crypto_free_comp(tfm);
	swx_sweep_report(ok && !err, "deflate", nsizes, 1, 0, t0, err, n);
}

/* The sweep's items, shared out to one thread per CPU. */
enum {
	SWX_ITEM_CIPHER, SWX_ITEM_SKIPJACK, SWX_ITEM_HASH, SWX_ITEM_GCM,
	SWX_ITEM_CCM, SWX_ITEM_DEFLATE,
};

static const struct { int kind, count; } swx_items[] = {
	{ SWX_ITEM_DEFLATE, 1 },	/* the longest first */
	{ SWX_ITEM_CCM, 1 },
	{ SWX_ITEM_GCM, 1 },
	{ SWX_ITEM_CIPHER, ARRAY_SIZE(swx_ciphers) },
	{ SWX_ITEM_SKIPJACK, 1 },
	{ SWX_ITEM_HASH, ARRAY_SIZE(swx_hashes) },
};

struct swx_worker {
	atomic_t		*next;
	struct completion	done;
};

static void swx_sweep_item(int n)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(swx_items); i++) {
		if (n >= swx_items[i].count) {
			n -= swx_items[i].count;
			continue;
		}
		switch (swx_items[i].kind) {
		case SWX_ITEM_CIPHER:
			swx_sweep_cipher(&swx_ciphers[n]);
			break;
		case SWX_ITEM_SKIPJACK:
			swx_sweep_skipjack();
			break;
		case SWX_ITEM_HASH:
			swx_sweep_hash(&swx_hashes[n]);
			break;
		case SWX_ITEM_GCM:
			swx_sweep_aead(CRYPTO_AES_GCM_16, CRYPTO_AES_128_GMAC,
				       "gcm(aes)");
			break;
		case SWX_ITEM_CCM:
			swx_sweep_aead(CRYPTO_AES_CCM, CRYPTO_AES_CCM_CBC_MAC,
				       "ccm(aes)");
			break;
		case SWX_ITEM_DEFLATE:
			swx_sweep_deflate();
			break;
		}
		return;
	}
}

static int swx_sweep_fn(void *arg)
{
	struct swx_worker *w = arg;
	int total = 0, i, n;

	for (i = 0; i < ARRAY_SIZE(swx_items); i++)
		total += swx_items[i].count;
	while ((n = atomic_inc_return(w->next) - 1) < total)
		swx_sweep_item(n);
	complete(&w->done);
	return 0;
}

static void swx_sweep(void)
{
	struct swx_worker w[SWX_MAX_WORKERS];
	int i, n = clamp_t(int, num_online_cpus(), 1, SWX_MAX_WORKERS);
	ktime_t t0 = ktime_get();
	atomic_t next = ATOMIC_INIT(0);

	for (i = 0; i < n; i++) {
		struct task_struct *task;

		w[i].next = &next;
		init_completion(&w[i].done);
		task = kthread_run(swx_sweep_fn, &w[i], "swx-sweep/%d", i);
		if (IS_ERR(task))
			complete(&w[i].done);
	}
	/* Thread 0 may have failed to start: the others take its share. */
	for (i = 0; i < n; i++)
		while (!wait_for_completion_timeout(&w[i].done, 5 * HZ))
			;
	if (atomic_read(&next) == 0)
		swx_sweep_fn(&w[0]);
	pr_info("cryptosoft_xcheck: %s took %lld s on %d threads\n",
		swx_mode(), ktime_ms_delta(ktime_get(), t0) / 1000, n);
}

static int __init swx_init(void)
{
	int i;

	if (swt_find_cryptosoft() < 0) {
		swt_skip("cryptosoft driver not registered", "cryptosoft-xcheck");
		goto publish;
	}
	if (exhaustive) {
		swx_sweep();
		goto publish;
	}
	swx_size_list = kcalloc(full_upto + samples + 8, sizeof(int),
				GFP_KERNEL);
	if (!swx_size_list) {
		swt_record(false, "xcheck: out of memory");
		goto publish;
	}
	swx_nsizes = swx_sizes(swx_size_list, full_upto + samples + 8);
	for (i = 0; i < ARRAY_SIZE(swx_ciphers); i++)
		swx_cipher(&swx_ciphers[i]);
	for (i = 0; i < ARRAY_SIZE(swx_hashes); i++)
		swx_hash(&swx_hashes[i]);
	swx_skipjack();
	swx_deflate();
	swx_aead(CRYPTO_AES_GCM_16, CRYPTO_AES_128_GMAC, "gcm(aes)");
	swx_aead(CRYPTO_AES_CCM, CRYPTO_AES_CCM_CBC_MAC, "ccm(aes)");
	swx_softirq();
	swx_concurrency();
	swx_sweep();
	kfree(swx_size_list);
publish:
	swt_publish(&suite, KBUILD_MODNAME);
	return 0;
}

static void __exit swx_exit(void)
{
	ktap_release(&suite);
}

module_init(swx_init);
module_exit(swx_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("cryptosoft cross-checks against the Linux crypto API");
