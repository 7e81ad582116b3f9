// SPDX-License-Identifier: GPL-2.0-only
/*
 * cdev-ops: every algorithm through /dev/crypto, compared with OpenSSL's
 * libcrypto (64-bit build) for sizes 0..64 KiB, aligned and unaligned,
 * in place and out of place; chained IVs, hash streaming in random
 * pieces, CIOCCPHASH mid-stream, cipher+MAC sessions, AEAD, compression,
 * CIOCKEY and the asynchronous ioctls.  Published known-answer vectors
 * run in every build; the 32-bit build (no 32-bit libcrypto) replaces
 * the cross-checks by round trips and says so in the skip reason.
 * An algorithm no loaded driver offers is a SKIP naming the error.
 */
#include <poll.h>
#include "cdev_test.h"
#include "cdev_ref.h"

#define MAXLEN		65536
#define NOREF		"no reference in this build (32-bit: no libcrypto)"

static int fd;
static uint8_t *bin, *bout, *bref, *bchk;

static const uint32_t sizes[] = {
	0, 1, 2, 3, 7, 8, 15, 16, 17, 31, 32, 33, 64, 100, 255, 256, 1000,
	1024, 4095, 4096, 4097, 8192, 16383, 16384, 65535, 65536,
};

enum chain { CH_NONE, CH_CBC, CH_CTR, CH_CFB, CH_OFB };

struct tcipher {
	uint32_t	alg;
	const char	*name;
	uint32_t	klen[3];
	unsigned int	bs, ivlen;
	enum chain	chain;
};

static const struct tcipher ciphers[] = {
	{ CRYPTO_DES_CBC, "DES-CBC", { 8 }, 8, 8, CH_CBC },
	{ CRYPTO_3DES_CBC, "3DES-CBC", { 24 }, 8, 8, CH_CBC },
	{ CRYPTO_BLF_CBC, "Blowfish-CBC", { 16, 56, 4 }, 8, 8, CH_CBC },
	{ CRYPTO_CAST_CBC, "CAST128-CBC", { 16, 5 }, 8, 8, CH_CBC },
	{ CRYPTO_SKIPJACK_CBC, "Skipjack-CBC", { 10 }, 8, 8, CH_CBC },
	{ CRYPTO_AES_CBC, "AES-CBC", { 16, 24, 32 }, 16, 16, CH_CBC },
	{ CRYPTO_AES_ECB, "AES-ECB", { 16, 24, 32 }, 16, 0, CH_NONE },
	{ CRYPTO_AES_CTR, "AES-CTR", { 16, 24, 32 }, 1, 16, CH_CTR },
	{ CRYPTO_AES_XTS, "AES-XTS", { 32, 64 }, 16, 16, CH_NONE },
	{ CRYPTO_AES_CFB, "AES-CFB", { 16, 24, 32 }, 1, 16, CH_CFB },
	{ CRYPTO_AES_OFB, "AES-OFB", { 16, 24, 32 }, 1, 16, CH_OFB },
	{ CRYPTO_CAMELLIA_CBC, "Camellia-CBC", { 16, 24, 32 }, 16, 16,
	  CH_CBC },
	{ CRYPTO_ARC4, "ARC4", { 16, 5, 256 }, 1, 0, CH_NONE },
	{ CRYPTO_NULL, "NULL", { 0 }, 1, 0, CH_NONE },
};

/* Results per cipher key size: match, chained IV, session IV. */
#define CIPHER_RESULTS	3

static int nkeys(const struct tcipher *c)
{
	int n = 1;

	while (n < 3 && c->klen[n])
		n++;
	return n;
}

/* One-shot encrypt then decrypt of every size; 1 result. */
static void cipher_sizes(const struct tcipher *c, uint32_t klen)
{
	uint8_t key[64], iv[16], iv2[16];
	uint32_t es, ds;
	unsigned int i, bad = 0, done = 0;
	int err, have_ref = ref_available();
	void *rc4 = NULL;

	/* Algorithms libcrypto lacks (Skipjack) fall back to round trips. */
	if (have_ref && ref_cipher(c->alg, key, klen, iv, bin, bout, 0, 1) ==
	    REF_NONE)
		have_ref = 0;

	rnd_fill(key, sizeof(key));
	if (c->alg == CRYPTO_AES_XTS)	/* distinct halves */
		key[0] = key[klen / 2] ^ 1;
	err = ses_new(fd, c->alg, key, klen, 0, NULL, 0, &es);
	if (err) {
		skip(unsupported(err) ? "no loaded driver offers it" :
		     strerror(-err), "%s k%u: encrypt/decrypt, 0..64 KiB",
		     c->name, klen);
		return;
	}
	ses_new(fd, c->alg, key, klen, 0, NULL, 0, &ds);
	if (c->alg == CRYPTO_ARC4 && have_ref)
		rc4 = ref_arc4_new(key, klen);
	for (i = 0; i < ARRAY_LEN(sizes); i++) {
		uint32_t len = sizes[i] - sizes[i] % c->bs;
		unsigned int v = i % 4;
		uint8_t *in = bin + (v & 1 ? 1 + i % 7 : 0);
		uint8_t *out = v & 2 ? in : bout + (v & 1 ? 3 : 0);

		if (i && len == sizes[i - 1] - sizes[i - 1] % c->bs)
			continue;
		rnd_fill(in, len);
		memcpy(bchk, in, len);
		rnd_fill(iv, sizeof(iv));
		memcpy(iv2, iv, sizeof(iv));
		err = do_crypt(fd, es, COP_ENCRYPT, 0, in, out, len,
			       c->ivlen ? iv : NULL, NULL);
		if (err) {
			ktap_diag("%s k%u len %u encrypt: %s", c->name, klen,
				  len, strerror(-err));
			bad++;
			continue;
		}
		if (have_ref) {
			if (rc4)
				ref_arc4(rc4, bchk, bref, len);
			else
				ref_cipher(c->alg, key, klen, iv2, bchk, bref,
					   len, 1);
			if (memcmp(out, bref, len)) {
				ktap_diag("%s k%u len %u v%u: ciphertext differs from libcrypto",
					  c->name, klen, len, v);
				bad++;
				continue;
			}
		} else if (len >= 16 && c->alg != CRYPTO_NULL &&
			   !memcmp(out, bchk, len)) {
			ktap_diag("%s k%u len %u: output equals input",
				  c->name, klen, len);
			bad++;
			continue;
		}
		err = do_crypt(fd, ds, COP_DECRYPT, 0, out, out, len,
			       c->ivlen ? iv2 : NULL, NULL);
		if (err || memcmp(out, bchk, len)) {
			ktap_diag("%s k%u len %u v%u: decrypt %s", c->name,
				  klen, len, v, err ? strerror(-err) :
				  "does not give the plaintext back");
			bad++;
			continue;
		}
		done++;
	}
	if (rc4)
		ref_arc4_free(rc4);
	check(!bad, "%s k%u: encrypt/decrypt %s, %u sizes 0..64 KiB, aligned/unaligned, in/out of place",
	      c->name, klen, have_ref ? "= libcrypto" :
	      "round trip (no libcrypto reference)", done);
	ses_free(fd, es);
	ses_free(fd, ds);
}

/*
 * Split a message over two calls, the second taking the IV the first
 * wrote back (COP_FLAG_WRITE_IV), and over two calls where the second
 * passes no IV (the session's chained IV); both must equal one call.
 */
static void cipher_chain(const struct tcipher *c, uint32_t klen)
{
	uint8_t key[64], iv[16], iv0[16];
	uint32_t ses, ses2;
	uint32_t a = 48, b = 4096 + 32;	/* whole blocks for every mode */
	int err, ok;

	if (c->chain == CH_NONE) {
		const char *why = c->alg == CRYPTO_ARC4 ?
			"ARC4 has no IV (keystream continuity is checked by the sizes test)" :
			"mode has no chaining IV";

		skip(why, "%s k%u: COP_FLAG_WRITE_IV chains calls", c->name,
		     klen);
		skip(why, "%s k%u: session IV chains calls", c->name, klen);
		return;
	}
	rnd_fill(key, sizeof(key));
	err = ses_new(fd, c->alg, key, klen, 0, NULL, 0, &ses);
	if (err) {
		const char *why = unsupported(err) ?
			"no loaded driver offers it" : strerror(-err);

		skip(why, "%s k%u: COP_FLAG_WRITE_IV chains calls", c->name,
		     klen);
		skip(why, "%s k%u: session IV chains calls", c->name, klen);
		return;
	}
	rnd_fill(bin, a + b);
	rnd_fill(iv0, 16);
	/* Reference: one call (or libcrypto). */
	memcpy(iv, iv0, 16);
	err = do_crypt(fd, ses, COP_ENCRYPT, 0, bin, bref, a + b, iv, NULL);
	if (!err && ref_available() &&
	    ref_cipher(c->alg, key, klen, iv0, bin, bchk, a + b, 1) == REF_OK &&
	    memcmp(bchk, bref, a + b))
		err = -EBADMSG;
	memcpy(iv, iv0, 16);
	ok = !err &&
	     !do_crypt(fd, ses, COP_ENCRYPT, COP_FLAG_WRITE_IV, bin, bout, a,
		       iv, NULL) &&
	     !do_crypt(fd, ses, COP_ENCRYPT, COP_FLAG_WRITE_IV, bin + a,
		       bout + a, b, iv, NULL) &&
	     !memcmp(bout, bref, a + b);
	check(ok, "%s k%u: COP_FLAG_WRITE_IV chains calls (%d)", c->name,
	      klen, err);

	err = ses_new(fd, c->alg, key, klen, 0, NULL, 0, &ses2);
	memcpy(iv, iv0, 16);
	ok = !err &&
	     !do_crypt(fd, ses2, COP_ENCRYPT, 0, bin, bout, a, iv, NULL) &&
	     !do_crypt(fd, ses2, COP_ENCRYPT, 0, bin + a, bout + a, b, NULL,
		       NULL) &&
	     !memcmp(bout, bref, a + b);
	check(ok, "%s k%u: a call without IV continues the session's chain",
	      c->name, klen);
	if (!err)
		ses_free(fd, ses2);
	ses_free(fd, ses);
}

static int test_ciphers(int count_only)
{
	unsigned int i, k, n = 0;

	for (i = 0; i < ARRAY_LEN(ciphers); i++)
		for (k = 0; k < (unsigned int)nkeys(&ciphers[i]); k++) {
			n += CIPHER_RESULTS;
			if (count_only)
				continue;
			cipher_sizes(&ciphers[i], ciphers[i].klen[k]);
			cipher_chain(&ciphers[i], ciphers[i].klen[k]);
		}
	return n;
}

/* ---- hashes and MACs ---- */

struct thash {
	uint32_t	alg;
	const char	*name;
	uint32_t	klen;		/* 0: unkeyed */
	unsigned int	dlen;
	int		stream;		/* streaming and CPHASH apply */
};

static const struct thash hashes[] = {
	{ CRYPTO_MD5, "MD5", 0, 16, 1 },
	{ CRYPTO_SHA1, "SHA1", 0, 20, 1 },
	{ CRYPTO_RIPEMD160, "RIPEMD160", 0, 20, 1 },
	{ CRYPTO_SHA2_224, "SHA224", 0, 28, 1 },
	{ CRYPTO_SHA2_256, "SHA256", 0, 32, 1 },
	{ CRYPTO_SHA2_384, "SHA384", 0, 48, 1 },
	{ CRYPTO_SHA2_512, "SHA512", 0, 64, 1 },
	{ CRYPTO_MD5_HMAC, "HMAC-MD5", 16, 16, 1 },
	{ CRYPTO_SHA1_HMAC, "HMAC-SHA1", 20, 20, 1 },
	{ CRYPTO_SHA1_HMAC, "HMAC-SHA1 long key", 100, 20, 0 },
	{ CRYPTO_RIPEMD160_HMAC, "HMAC-RIPEMD160", 20, 20, 1 },
	{ CRYPTO_SHA2_224_HMAC, "HMAC-SHA224", 28, 28, 1 },
	{ CRYPTO_SHA2_256_HMAC, "HMAC-SHA256", 32, 32, 1 },
	{ CRYPTO_SHA2_256_HMAC, "HMAC-SHA256 empty key", 0, 32, 0 },
	{ CRYPTO_SHA2_384_HMAC, "HMAC-SHA384", 48, 48, 1 },
	{ CRYPTO_SHA2_512_HMAC, "HMAC-SHA512", 64, 64, 1 },
	{ CRYPTO_SHA2_512_HMAC, "HMAC-SHA512 long key", 200, 64, 0 },
	{ CRYPTO_MD5_HMAC_96, "HMAC-MD5-96", 16, 12, 1 },
	{ CRYPTO_SHA1_HMAC_96, "HMAC-SHA1-96", 20, 12, 1 },
	{ CRYPTO_RIPEMD160_HMAC_96, "HMAC-RIPEMD160-96", 20, 12, 1 },
	{ CRYPTO_AES_XCBC_MAC_96, "AES-XCBC-MAC-96", 16, 12, 1 },
	{ CRYPTO_AES_GMAC, "AES-GMAC k16", 16, 16, 0 },
	{ CRYPTO_AES_GMAC, "AES-GMAC k32", 32, 16, 0 },
	{ CRYPTO_AES_128_GMAC, "AES-128-GMAC", 16, 16, 0 },
	{ CRYPTO_AES_192_GMAC, "AES-192-GMAC", 24, 16, 0 },
	{ CRYPTO_AES_256_GMAC, "AES-256-GMAC RFC 4543 key+salt", 36, 16, 0 },
	{ CRYPTO_NULL_HMAC, "NULL-HMAC", 16, 12, 0 },
	{ CRYPTO_MD5_KPDK, "MD5-KPDK", 16, 16, 0 },
	{ CRYPTO_SHA1_KPDK, "SHA1-KPDK", 20, 20, 0 },
};

/* one-shot sizes, empty digest, streaming, CPHASH, RESET */
#define HASH_RESULTS	5

static int is_gmac(uint32_t alg)
{
	return alg >= CRYPTO_AES_GMAC && alg <= CRYPTO_AES_256_GMAC;
}

/* The digest of in[0..len) by reference, or REF_NONE. */
static int hash_ref(const struct thash *h, const uint8_t *key,
		    const uint8_t *iv, const uint8_t *in, size_t len,
		    uint8_t *out)
{
	unsigned int n;

	return ref_digest(h->alg, key, h->klen, iv, in, len, out, &n);
}

static void hash_oneshot(const struct thash *h, const uint8_t *key,
			 uint32_t ses)
{
	uint8_t mac[64], want[64], iv[16];
	unsigned int i, bad = 0, cmp = 0;
	int err, r;

	for (i = 0; i < ARRAY_LEN(sizes); i++) {
		uint32_t len = sizes[i];
		uint8_t *in = bin + (i & 1 ? 1 + i % 7 : 0);

		rnd_fill(in, len);
		rnd_fill(iv, sizeof(iv));
		memset(mac, 0xa5, sizeof(mac));
		err = do_crypt(fd, ses, COP_ENCRYPT, 0, in, NULL, len,
			       is_gmac(h->alg) ? iv : NULL, mac);
		if (err) {
			ktap_diag("%s len %u: %s", h->name, len,
				  strerror(-err));
			bad++;
			continue;
		}
		r = hash_ref(h, key, iv, in, len, want);
		if (r == REF_OK) {
			cmp++;
			if (memcmp(mac, want, h->dlen)) {
				ktap_diag("%s len %u: differs from libcrypto",
					  h->name, len);
				hexdiag("got ", mac, h->dlen);
				hexdiag("want", want, h->dlen);
				bad++;
			}
		}
		if (h->dlen < 64 && mac[h->dlen] != 0xa5) {
			ktap_diag("%s: wrote past %u result bytes", h->name,
				  h->dlen);
			bad++;
		}
	}
	if (!cmp && !bad)
		skip(ref_available() ? "no reference for this algorithm" :
		     NOREF, "%s: one-shot = libcrypto, 0..64 KiB", h->name);
	else
		check(!bad, "%s: one-shot = libcrypto, %u sizes 0..64 KiB, aligned/unaligned",
		      h->name, cmp);
}

/* Empty input: one-shot with src NULL, and FINAL with no update. */
static void hash_empty(const struct thash *h, const uint8_t *key,
		       uint32_t ses)
{
	uint8_t m1[64], m2[64], want[64];
	int e1, e2, r;

	if (is_gmac(h->alg)) {
		skip("GMAC takes a nonce per call: covered by one-shot",
		     "%s: digest of empty input", h->name);
		return;
	}
	e1 = do_crypt(fd, ses, COP_ENCRYPT, 0, NULL, NULL, 0, NULL, m1);
	e2 = do_crypt(fd, ses, COP_ENCRYPT, COP_FLAG_FINAL, NULL, NULL, 0,
		      NULL, m2);
	r = hash_ref(h, key, NULL, bin, 0, want);
	if (r != REF_OK) {
		check(!e1 && !e2 && !memcmp(m1, m2, h->dlen),
		      "%s: digest of empty input, one-shot = FINAL-only (%d %d; no reference)",
		      h->name, e1, e2);
		return;
	}
	check(!e1 && !e2 && !memcmp(m1, want, h->dlen) &&
	      !memcmp(m2, want, h->dlen),
	      "%s: digest of empty input, one-shot and FINAL-only (%d %d)",
	      h->name, e1, e2);
}

/* UPDATE in random pieces, FINAL with src NULL; CPHASH mid-stream. */
static void hash_stream(const struct thash *h, const uint8_t *key,
			uint32_t ses)
{
	uint8_t m1[64], m2[64], w1[64], w2[64];
	uint32_t len = 50000, off = 0, split = 7777, s2;
	int err = 0, r, round;

	if (!h->stream) {
		skip("streaming covered by the other key sizes / not a streaming MAC",
		     "%s: UPDATE in random pieces then FINAL", h->name);
		skip("streaming covered by the other key sizes / not a streaming MAC",
		     "%s: CIOCCPHASH mid-stream", h->name);
		skip("streaming covered by the other key sizes / not a streaming MAC",
		     "%s: COP_FLAG_RESET discards a stream", h->name);
		return;
	}
	rnd_fill(bin, len);
	for (round = 0; round < 3 && !err; round++) {
		off = 0;
		while (off < len && !err) {
			uint32_t n = rnd32() % (round == 0 ? 64 : 9000) + 1;

			if (n > len - off)
				n = len - off;
			err = do_crypt(fd, ses, COP_ENCRYPT, COP_FLAG_UPDATE,
				       bin + off, NULL, n, NULL, NULL);
			off += n;
		}
		if (!err)
			err = do_crypt(fd, ses, COP_ENCRYPT, COP_FLAG_FINAL,
				       NULL, NULL, 0, NULL, m1);
		r = hash_ref(h, key, NULL, bin, len, w1);
		if (!err && r == REF_OK && memcmp(m1, w1, h->dlen))
			err = -EBADMSG;
		if (!err && r != REF_OK) {
			/* No reference: streaming must equal one-shot. */
			err = do_crypt(fd, ses, COP_ENCRYPT, 0, bin, NULL, len,
				       NULL, w1);
			if (!err && memcmp(m1, w1, h->dlen))
				err = -EBADMSG;
		}
	}
	check(!err, "%s: UPDATE in random pieces then FINAL (%d)", h->name,
	      err);

	/* CPHASH: fork the state after `split` bytes. */
	if (h->klen)
		err = ses_new(fd, 0, NULL, 0, h->alg, key, h->klen, &s2);
	else
		err = ses_new(fd, 0, NULL, 0, h->alg, NULL, 0, &s2);
	if (!err) {
		struct cphash_op cp = { .dst_ses = s2, .src_ses = ses };

		err = do_crypt(fd, ses, COP_ENCRYPT, COP_FLAG_UPDATE, bin, NULL,
			       split, NULL, NULL);
		if (!err)
			err = xioctl(fd, CIOCCPHASH, &cp);
		if (!err)
			err = do_crypt(fd, ses, COP_ENCRYPT, COP_FLAG_FINAL,
				       bin + split, NULL, 1000, NULL, m1);
		if (!err)
			err = do_crypt(fd, s2, COP_ENCRYPT, COP_FLAG_FINAL,
				       bin + split + 1000, NULL, 3000, NULL,
				       m2);
		if (!err) {
			/* Expected: prefix+1000 and prefix+(other 3000). */
			memcpy(bchk, bin, split);
			memcpy(bchk + split, bin + split + 1000, 3000);
			if (hash_ref(h, key, NULL, bin, split + 1000, w1) ==
			    REF_OK &&
			    hash_ref(h, key, NULL, bchk, split + 3000, w2) ==
			    REF_OK) {
				if (memcmp(m1, w1, h->dlen) ||
				    memcmp(m2, w2, h->dlen))
					err = -EBADMSG;
			} else {
				err = do_crypt(fd, ses, COP_ENCRYPT, 0, bchk,
					       NULL, split + 3000, NULL, w2);
				if (!err && memcmp(m2, w2, h->dlen))
					err = -EBADMSG;
			}
		}
		ses_free(fd, s2);
	}
	check(!err, "%s: CIOCCPHASH mid-stream, both streams finish right (%d)",
	      h->name, err);

	/* RESET: junk first, then a fresh stream. */
	err = do_crypt(fd, ses, COP_ENCRYPT, COP_FLAG_UPDATE, bin + 100, NULL,
		       333, NULL, NULL);
	if (!err)
		err = do_crypt(fd, ses, COP_ENCRYPT,
			       COP_FLAG_UPDATE | COP_FLAG_RESET, bin, NULL, 500,
			       NULL, NULL);
	if (!err)
		err = do_crypt(fd, ses, COP_ENCRYPT, COP_FLAG_FINAL, bin + 500,
			       NULL, 12, NULL, m1);
	if (!err)
		err = do_crypt(fd, ses, COP_ENCRYPT, 0, bin, NULL, 512, NULL,
			       m2);
	check(!err && !memcmp(m1, m2, h->dlen),
	      "%s: COP_FLAG_RESET discards a stream (%d)", h->name, err);
}

static int test_hashes(int count_only)
{
	unsigned int i;
	uint8_t key[256];
	uint32_t ses;
	int err;

	if (count_only)
		return ARRAY_LEN(hashes) * HASH_RESULTS;
	for (i = 0; i < ARRAY_LEN(hashes); i++) {
		const struct thash *h = &hashes[i];

		rnd_fill(key, sizeof(key));
		err = ses_new(fd, 0, NULL, 0, h->alg, h->klen ? key : NULL,
			      h->klen, &ses);
		if (err) {
			int k;

			for (k = 0; k < HASH_RESULTS; k++)
				skip(strerror(-err), "%s: test %d of %d",
				     h->name, k + 1, HASH_RESULTS);
			continue;
		}
		hash_oneshot(h, key, ses);
		hash_empty(h, key, ses);
		hash_stream(h, key, ses);
		ses_free(fd, ses);
	}
	return 0;
}

/* ---- cipher + MAC in one session ---- */

static void test_cipher_mac(void)
{
	uint8_t key[16], mkey[20], iv[16], iv2[16], mac[20], want[20];
	uint32_t ses, len, i;
	unsigned int n;
	int err = 0, bad = 0;

	rnd_fill(key, sizeof(key));
	rnd_fill(mkey, sizeof(mkey));
	err = ses_new(fd, CRYPTO_AES_CBC, key, 16, CRYPTO_SHA1_HMAC, mkey, 20,
		      &ses);
	if (err) {
		skip(strerror(-err), "AES-CBC+HMAC-SHA1: encrypt, MAC over plaintext");
		skip(strerror(-err), "AES-CBC+HMAC-SHA1: decrypt, MAC over plaintext");
		return;
	}
	for (i = 0; i < 4 && !bad; i++) {
		len = i == 3 ? 65536 : 16 << (3 * i);
		rnd_fill(bin, len);
		memcpy(bchk, bin, len);
		rnd_fill(iv, 16);
		memcpy(iv2, iv, 16);
		err = do_crypt(fd, ses, COP_ENCRYPT, 0, bin,
			       i & 1 ? bin : bout, len, iv, mac);
		if (err)
			break;
		if (ref_available()) {
			ref_cipher(CRYPTO_AES_CBC, key, 16, iv2, bchk, bref,
				   len, 1);
			ref_digest(CRYPTO_SHA1_HMAC, mkey, 20, NULL, bchk, len,
				   want, &n);
			if (memcmp(i & 1 ? bin : bout, bref, len) ||
			    memcmp(mac, want, 20))
				bad = 1;
		}
	}
	check(!err && !bad, "AES-CBC+HMAC-SHA1: encrypt, MAC over plaintext%s (%d)",
	      ref_available() ? " = libcrypto" : ", no reference", err);

	bad = 0;
	for (i = 0; i < 4 && !bad; i++) {
		uint8_t mac2[20];

		len = i == 3 ? 65536 : 16 << (3 * i);
		rnd_fill(bin, len);
		memcpy(bchk, bin, len);
		rnd_fill(iv, 16);
		memcpy(iv2, iv, 16);
		err = do_crypt(fd, ses, COP_ENCRYPT, 0, bin, bout, len, iv,
			       mac);
		if (!err)
			err = do_crypt(fd, ses, COP_DECRYPT, 0, bout,
				       i & 1 ? bout : bin, len, iv2, mac2);
		if (err)
			break;
		if (memcmp(i & 1 ? bout : bin, bchk, len) ||
		    memcmp(mac, mac2, 20))
			bad = 1;
	}
	check(!err && !bad,
	      "AES-CBC+HMAC-SHA1: decrypt, MAC over plaintext, in/out of place (%d)",
	      err);
	ses_free(fd, ses);
}

/* ---- AEAD ---- */

/*
 * CIOCAUTHCRYPT: with tag NULL the tag follows the payload in src/dst.
 * Returns the ioctl's result.
 */
static int do_aead_f(uint32_t ses, int op, uint16_t flags, const void *aad,
		     uint32_t alen, const void *src, void *dst, uint32_t *len,
		     void *iv, uint32_t ivlen, void *tag, uint32_t taglen)
{
	struct crypt_auth_op a;
	int err;

	memset(&a, 0, sizeof(a));
	a.ses = ses;
	a.op = op;
	a.flags = flags;
	a.len = *len;
	a.auth_len = alen;
	a.auth_src = (__u8 *)aad;
	a.src = (__u8 *)src;
	a.dst = (__u8 *)dst;
	a.tag = (__u8 *)tag;
	a.tag_len = taglen;
	a.iv = (__u8 *)iv;
	a.iv_len = ivlen;
	err = xioctl(fd, CIOCAUTHCRYPT, &a);
	*len = a.len;
	return err;
}

static int do_aead_t(uint32_t ses, int op, const void *aad, uint32_t alen,
		     const void *src, void *dst, uint32_t *len, void *iv,
		     uint32_t ivlen, void *tag, uint32_t taglen)
{
	return do_aead_f(ses, op, 0, aad, alen, src, dst, len, iv, ivlen,
			 tag, taglen);
}

/* A 16-byte tag in its own buffer. */
static int do_aead(uint32_t ses, int op, const void *aad, uint32_t alen,
		   const void *src, void *dst, uint32_t *len, void *iv,
		   uint32_t ivlen, void *tag)
{
	return do_aead_t(ses, op, aad, alen, src, dst, len, iv, ivlen, tag,
			 16);
}

static const uint32_t aad_sizes[] = { 0, 1, 13, 16, 17, 100, 5000 };
static const uint32_t pl_sizes[] = { 0, 1, 15, 16, 100, 4096, 60000 };

/* 3 results: = libcrypto (or round trip), bad tag, bad AAD. */
static void aead_one(uint32_t alg, const char *name, uint32_t klen,
		     uint32_t ivlen)
{
	uint8_t key[32], iv[16], nonce[13], tag[16], wtag[16];
	uint32_t ses, len, i, j, cmp = 0;
	uint8_t *aad = bchk + MAXLEN / 2;
	int err = 0, bad = 0;

	rnd_fill(key, sizeof(key));
	err = ses_new(fd, alg, key, klen, 0, NULL, 0, &ses);
	if (err) {
		skip(strerror(-err), "%s k%u iv_len %u: = libcrypto", name,
		     klen, ivlen);
		skip(strerror(-err), "%s k%u: tampered tag: EBADMSG", name,
		     klen);
		skip(strerror(-err), "%s k%u: tampered AAD: EBADMSG", name,
		     klen);
		return;
	}
	for (i = 0; i < ARRAY_LEN(aad_sizes) && !bad; i++)
		for (j = 0; j < ARRAY_LEN(pl_sizes) && !bad; j++) {
			uint32_t pl = pl_sizes[j], al = aad_sizes[i];
			uint32_t nlen = alg == CRYPTO_AES_GCM ? 12 :
					ivlen == 16 ? 12 : ivlen;

			rnd_fill(aad, al);
			rnd_fill(bin, pl);
			rnd_fill(nonce, sizeof(nonce));
			if (alg == CRYPTO_AES_CCM && ivlen == 16) {
				/* Linux's ccm(aes) block: L' = 15 - n - 1. */
				memset(iv, 0, 16);
				iv[0] = 15 - nlen - 1;
				memcpy(iv + 1, nonce, nlen);
			} else {
				memcpy(iv, nonce, nlen);
			}
			len = pl;
			err = do_aead(ses, COP_ENCRYPT, aad, al, bin, bout,
				      &len, iv, ivlen, tag);
			if (err || len != pl + 16 ||
			    memcmp(bout + pl, tag, 16)) {
				ktap_diag("%s aad %u len %u: encrypt %d, len %u",
					  name, al, pl, err, len);
				bad = 1;
				break;
			}
			if (ref_available()) {
				ref_aead(alg, key, klen, nonce, nlen, aad, al,
					 bin, pl, bref, wtag, 1);
				cmp++;
				if (memcmp(bref, bout, pl) ||
				    memcmp(wtag, tag, 16)) {
					ktap_diag("%s aad %u len %u: differs from libcrypto",
						  name, al, pl);
					bad = 1;
					break;
				}
			}
			len = pl + 16;
			err = do_aead(ses, COP_DECRYPT, aad, al, bout, bref,
				      &len, iv, ivlen, NULL);
			if (err || len != pl || memcmp(bref, bin, pl)) {
				ktap_diag("%s aad %u len %u: decrypt %d, len %u",
					  name, al, pl, err, len);
				bad = 1;
			}
		}
	check(!bad, "%s k%u iv_len %u: %s, AAD 0..5000, payload 0..60000",
	      name, klen, ivlen, cmp ? "= libcrypto" : "round trip (" NOREF ")");

	/* Tampering: a flipped tag bit and a flipped AAD bit. */
	rnd_fill(bin, 64);
	rnd_fill(aad, 20);
	memset(iv, 0, 16);
	if (alg == CRYPTO_AES_CCM && ivlen == 16)
		iv[0] = 2;		/* 12-byte nonce of zeros */
	len = 64;
	err = do_aead(ses, COP_ENCRYPT, aad, 20, bin, bout, &len, iv, ivlen,
		      NULL);
	bout[64 + 5] ^= 0x10;
	len = 80;
	if (!err)
		err = do_aead(ses, COP_DECRYPT, aad, 20, bout, bref, &len, iv,
			      ivlen, NULL);
	check(err == -EBADMSG, "%s k%u: tampered tag: EBADMSG (%d)", name,
	      klen, err);
	bout[64 + 5] ^= 0x10;
	aad[3] ^= 1;
	len = 80;
	err = do_aead(ses, COP_DECRYPT, aad, 20, bout, bref, &len, iv, ivlen,
		      NULL);
	check(err == -EBADMSG, "%s k%u: tampered AAD: EBADMSG (%d)", name,
	      klen, err);
	ses_free(fd, ses);
}

/*
 * 3 results: every IV (nonce) length x every tag length the mode allows
 * against libcrypto (EVP_CTRL_*_SET_IVLEN / SET_TAG) and back, a flipped
 * bit in each short tag gives EBADMSG, forbidden tag lengths give EINVAL.
 */
static void aead_lengths(uint32_t alg, const char *name)
{
	static const uint32_t gcm_iv[] = { 1, 8, 12, 13, 16, 17, 60, 128 };
	static const uint32_t gcm_tag[] = { 4, 8, 12, 13, 14, 15, 16 };
	static const uint32_t gcm_bad[] = { 1, 3, 5, 7, 9, 11, 17, 32 };
	static const uint32_t ccm_iv[] = { 7, 8, 9, 10, 11, 12, 13 };
	static const uint32_t ccm_tag[] = { 4, 6, 8, 10, 12, 14, 16 };
	static const uint32_t ccm_bad[] = { 1, 2, 3, 5, 7, 15, 17, 18 };
	int gcm = alg == CRYPTO_AES_GCM;
	const uint32_t *ivs = gcm ? gcm_iv : ccm_iv;
	const uint32_t *tags = gcm ? gcm_tag : ccm_tag;
	const uint32_t *bads = gcm ? gcm_bad : ccm_bad;
	size_t niv = gcm ? ARRAY_LEN(gcm_iv) : ARRAY_LEN(ccm_iv);
	size_t ntag = gcm ? ARRAY_LEN(gcm_tag) : ARRAY_LEN(ccm_tag);
	size_t nbad = gcm ? ARRAY_LEN(gcm_bad) : ARRAY_LEN(ccm_bad);
	uint8_t key[16], iv[128], aad[21], wtag[16];
	uint32_t ses, len, i, j, pl = 37, cmp = 0;
	int err, bad = 0, tamper = 0, inval = 0;

	rnd_fill(key, sizeof(key));
	err = ses_new(fd, alg, key, 16, 0, NULL, 0, &ses);
	if (err) {
		skip(strerror(-err), "%s every IV x tag length", name);
		skip(strerror(-err), "%s short tags tampered: EBADMSG", name);
		skip(strerror(-err), "%s forbidden tag lengths: EINVAL", name);
		return;
	}
	for (i = 0; i < niv && !bad; i++)
		for (j = 0; j < ntag && !bad; j++) {
			uint32_t t = tags[j];

			rnd_fill(iv, ivs[i]);
			rnd_fill(aad, sizeof(aad));
			rnd_fill(bin, pl);
			len = pl;
			err = do_aead_t(ses, COP_ENCRYPT, aad, sizeof(aad),
					bin, bout, &len, iv, ivs[i], NULL, t);
			if (err || len != pl + t) {
				ktap_diag("%s iv %u tag %u: encrypt %d, len %u",
					  name, ivs[i], t, err, len);
				bad = 1;
				break;
			}
			if (ref_aead_len(alg, key, 16, ivs[i], iv, aad,
					 sizeof(aad), bin, pl, bref, wtag, t,
					 1) == REF_OK) {
				cmp++;
				if (memcmp(bref, bout, pl) ||
				    memcmp(wtag, bout + pl, t)) {
					ktap_diag("%s iv %u tag %u: differs from libcrypto",
						  name, ivs[i], t);
					bad = 1;
					break;
				}
			}
			len = pl + t;
			err = do_aead_t(ses, COP_DECRYPT, aad, sizeof(aad),
					bout, bref, &len, iv, ivs[i], NULL, t);
			if (err || len != pl || memcmp(bref, bin, pl)) {
				ktap_diag("%s iv %u tag %u: decrypt %d, len %u",
					  name, ivs[i], t, err, len);
				bad = 1;
				break;
			}
			/* The last tag byte is checked too. */
			bout[pl + t - 1] ^= 0x80;
			len = pl + t;
			err = do_aead_t(ses, COP_DECRYPT, aad, sizeof(aad),
					bout, bref, &len, iv, ivs[i], NULL, t);
			if (err != -EBADMSG) {
				ktap_diag("%s iv %u tag %u: tampered gives %d",
					  name, ivs[i], t, err);
				tamper = 1;
			}
		}
	check(!bad, "%s every IV x tag length (%zu x %zu): %s", name, niv,
	      ntag, cmp ? "= libcrypto" : "round trip (" NOREF ")");
	check(!bad && !tamper, "%s short tags tampered: EBADMSG", name);
	for (j = 0; j < nbad; j++) {
		len = pl;
		err = do_aead_t(ses, COP_ENCRYPT, aad, sizeof(aad), bin, bout,
				&len, iv, ivs[0], NULL, bads[j]);
		if (err != -EINVAL) {
			ktap_diag("%s tag length %u gives %d", name, bads[j],
				  err);
			inval = 1;
		}
	}
	if (!gcm) {
		/* CCM nonces are 7..13 bytes (or the 16-byte block). */
		len = pl;
		err = do_aead_t(ses, COP_ENCRYPT, aad, sizeof(aad), bin, bout,
				&len, iv, 14, NULL, 16);
		inval |= err != -EINVAL;
	}
	check(!inval, "%s forbidden tag (and nonce) lengths: EINVAL", name);
	ses_free(fd, ses);
}

/*
 * 1 result: payloads above copy_max (default 4096) encrypt on the pinned
 * user pages; out of place, in place and at odd addresses, with every
 * AAD size class and short tags (GCM's own code path), they give what the
 * copy (COP_FLAG_NO_ZC) gives, tag pointer included, and decrypt back.
 */
static void aead_zc(uint32_t alg, const char *name)
{
	static const uint32_t pls[] = { 8192 + 5, 60000 };
	static const uint32_t aads[] = { 0, 13, 5000 };
	uint32_t tags[] = { 16, alg == CRYPTO_AES_GCM ? 8 : 12 };
	uint8_t key[16], iv[16], tag[16], rtag[16];
	uint8_t *aad = bchk + MAXLEN + 32, *inpl = bchk + 3;
	uint32_t ses, len, rlen, i, j, k, ivlen;
	int err, bad = 0;

	rnd_fill(key, sizeof(key));
	err = ses_new(fd, alg, key, sizeof(key), 0, NULL, 0, &ses);
	if (err) {
		skip(strerror(-err), "%s above copy_max: pinned = copied", name);
		return;
	}
	ivlen = alg == CRYPTO_AES_GCM ? 12 : 16;
	memset(iv, 0, sizeof(iv));
	for (i = 0; i < ARRAY_LEN(pls) && !bad; i++)
		for (j = 0; j < ARRAY_LEN(aads) && !bad; j++)
			for (k = 0; k < ARRAY_LEN(tags) && !bad; k++) {
				uint32_t pl = pls[i], al = aads[j], t = tags[k];

				rnd_fill(iv + 1, 12);
				if (alg == CRYPTO_AES_CCM)
					iv[0] = 2;	/* 12-byte nonce */
				rnd_fill(aad, al);
				rnd_fill(bin, pl);
				rlen = pl;
				err = do_aead_f(ses, COP_ENCRYPT, COP_FLAG_NO_ZC,
						aad, al, bin, bref, &rlen, iv,
						ivlen, rtag, t);
				len = pl;
				if (!err)
					err = do_aead_f(ses, COP_ENCRYPT, 0, aad,
							al, bin, bout + 1, &len,
							iv, ivlen, tag, t);
				if (err || len != rlen || len != pl + t ||
				    memcmp(bout + 1, bref, len) ||
				    memcmp(tag, rtag, t)) {
					ktap_diag("%s aad %u len %u tag %u: apart %d",
						  name, al, pl, t, err);
					bad = 1;
					break;
				}
				memcpy(inpl, bin, pl);
				len = pl;
				err = do_aead_f(ses, COP_ENCRYPT, 0, aad, al,
						inpl, inpl, &len, iv, ivlen,
						NULL, t);
				if (err || len != rlen || memcmp(inpl, bref, len)) {
					ktap_diag("%s aad %u len %u tag %u: in place %d",
						  name, al, pl, t, err);
					bad = 1;
					break;
				}
				err = do_aead_f(ses, COP_DECRYPT, 0, aad, al,
						inpl, inpl, &len, iv, ivlen,
						NULL, t);
				if (err || len != pl || memcmp(inpl, bin, pl)) {
					ktap_diag("%s aad %u len %u tag %u: decrypt %d",
						  name, al, pl, t, err);
					bad = 1;
				}
			}
	check(!bad, "%s above copy_max: pinned = copied, apart, in place, tags %u/%u",
	      name, tags[0], tags[1]);
	ses_free(fd, ses);
}

static int test_aead(int count_only)
{
	if (count_only)
		return 6 * 3 + 2 * 3 + 2;
	aead_zc(CRYPTO_AES_GCM, "AES-GCM");
	aead_zc(CRYPTO_AES_CCM, "AES-CCM");
	aead_lengths(CRYPTO_AES_GCM, "AES-GCM");
	aead_lengths(CRYPTO_AES_CCM, "AES-CCM");
	aead_one(CRYPTO_AES_GCM, "AES-GCM", 16, 12);
	aead_one(CRYPTO_AES_GCM, "AES-GCM", 32, 0);
	aead_one(CRYPTO_AES_GCM, "AES-GCM", 24, 12);
	aead_one(CRYPTO_AES_CCM, "AES-CCM", 16, 16);
	aead_one(CRYPTO_AES_CCM, "AES-CCM", 32, 12);
	aead_one(CRYPTO_AES_CCM, "AES-CCM", 24, 7);
	return 0;
}

/* ---- known-answer vectors (every build) ---- */

static int unhex(const char *s, uint8_t *out)
{
	int n = 0;

	while (s[0] && s[1]) {
		sscanf(s, "%2hhx", &out[n++]);
		s += 2;
	}
	return n;
}

static void kat_cipher(const char *name, uint32_t alg, const char *k,
		       const char *iv, const char *pt, const char *ct)
{
	uint8_t key[64], ivb[16], p[64], c[64], out[64];
	int kl = unhex(k, key), n, err;
	uint32_t ses;

	unhex(iv, ivb);
	n = unhex(pt, p);
	unhex(ct, c);
	err = ses_new(fd, alg, key, kl, 0, NULL, 0, &ses);
	if (err) {
		skip(strerror(-err), "KAT %s", name);
		return;
	}
	err = do_crypt(fd, ses, COP_ENCRYPT, 0, p, out, n, ivb, NULL);
	check(!err && !memcmp(out, c, n), "KAT %s (%d)", name, err);
	ses_free(fd, ses);
}

static void kat_hash(const char *name, uint32_t alg, const char *k,
		     const char *msg, const char *md)
{
	uint8_t key[200], m[200], d[64], out[64];
	int kl = unhex(k, key), dl, err;
	uint32_t ses;

	dl = unhex(md, d);
	memcpy(m, msg, strlen(msg));
	err = ses_new(fd, 0, NULL, 0, alg, kl ? key : NULL, kl, &ses);
	if (err) {
		skip(strerror(-err), "KAT %s", name);
		return;
	}
	err = do_crypt(fd, ses, COP_ENCRYPT, 0, m, NULL, strlen(msg), NULL,
		       out);
	check(!err && !memcmp(out, d, dl), "KAT %s (%d)", name, err);
	ses_free(fd, ses);
}

static void kat_gcm(void)
{
	/* NIST GCM spec (McGrew/Viega) test case 4, AES-128. */
	uint8_t key[16], iv[12], aad[20], pt[60], ct[60], tag[16], out[76];
	uint32_t ses, len = 60;
	int err;

	unhex("feffe9928665731c6d6a8f9467308308", key);
	unhex("cafebabefacedbaddecaf888", iv);
	unhex("feedfacedeadbeeffeedfacedeadbeefabaddad2", aad);
	unhex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
	      "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39", pt);
	unhex("42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
	      "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091", ct);
	unhex("5bc94fbc3221a5db94fae95ae7121a47", tag);
	err = ses_new(fd, CRYPTO_AES_GCM, key, 16, 0, NULL, 0, &ses);
	if (err) {
		skip(strerror(-err), "KAT AES-128-GCM (GCM spec test case 4)");
		return;
	}
	err = do_aead(ses, COP_ENCRYPT, aad, 20, pt, out, &len, iv, 12, NULL);
	check(!err && len == 76 && !memcmp(out, ct, 60) &&
	      !memcmp(out + 60, tag, 16),
	      "KAT AES-128-GCM (GCM spec test case 4) (%d)", err);
	ses_free(fd, ses);
}

static int test_kat(int count_only)
{
	if (count_only)
		return 8;
	/* NIST SP 800-38A F.2.1 CBC-AES128.Encrypt, first two blocks. */
	kat_cipher("AES-128-CBC (SP 800-38A F.2.1)", CRYPTO_AES_CBC,
		   "2b7e151628aed2a6abf7158809cf4f3c",
		   "000102030405060708090a0b0c0d0e0f",
		   "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51",
		   "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2");
	/* SP 800-38A F.5.1 CTR-AES128.Encrypt, first block. */
	kat_cipher("AES-128-CTR (SP 800-38A F.5.1)", CRYPTO_AES_CTR,
		   "2b7e151628aed2a6abf7158809cf4f3c",
		   "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
		   "6bc1bee22e409f96e93d7e117393172a",
		   "874d6191b620e3261bef6864990db6ce");
	/* FIPS 180-2 appendix B.1 / A.1. */
	kat_hash("SHA-256(\"abc\") (FIPS 180-2)", CRYPTO_SHA2_256, "", "abc",
		 "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	kat_hash("SHA-1(\"abc\") (FIPS 180-2)", CRYPTO_SHA1, "", "abc",
		 "a9993e364706816aba3e25717850c26c9cd0d89d");
	/* RFC 4231 test case 2. */
	kat_hash("HMAC-SHA256 (RFC 4231 case 2)", CRYPTO_SHA2_256_HMAC,
		 "4a656665", "what do ya want for nothing?",
		 "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	/* RFC 1321 appendix A.5. */
	kat_hash("MD5(\"abc\") (RFC 1321)", CRYPTO_MD5, "", "abc",
		 "900150983cd24fb0d6963f7d28e17f72");
	/* Skipjack and KEA specification (NIST, 1998), the test vector. */
	kat_cipher("Skipjack (NIST specification vector)", CRYPTO_SKIPJACK_CBC,
		   "00998877665544332211", "0000000000000000",
		   "33221100ddccbbaa", "2587cae27a12d300");
	kat_gcm();
	return 0;
}

/* ---- compression ---- */

static int do_comp(uint32_t ses, int op, const void *src, uint32_t len,
		   void *dst, uint32_t *dlen)
{
	struct crypt_comp_op c;
	int err;

	memset(&c, 0, sizeof(c));
	c.ses = ses;
	c.op = op;
	c.len = len;
	c.dst_len = *dlen;
	c.src = (__u8 *)src;
	c.dst = (__u8 *)dst;
	err = xioctl(fd, CIOCCOMP, &c);
	*dlen = c.dst_len;
	return err;
}

static void fill_text(uint8_t *p, size_t n)
{
	static const char *words[] = { "crypto ", "session ", "deflate ",
				       "framework ", "request ", "driver " };
	size_t o = 0;

	while (o < n) {
		const char *w = words[rnd32() % 6];
		size_t l = strlen(w);

		memcpy(p + o, w, l < n - o ? l : n - o);
		o += l;
	}
}

/* 4 results per algorithm. */
static void comp_one(uint32_t alg, const char *name, int gzip, int nogrow)
{
	uint32_t ses, n, m, len = 30000;
	size_t rn;
	int err, r;

	err = ses_new(fd, alg, NULL, 0, 0, NULL, 0, &ses);
	if (err) {
		skip(strerror(-err), "%s: compress, inflate by zlib", name);
		skip(strerror(-err), "%s: decompress zlib's output", name);
		skip(strerror(-err), "%s: output too small: ENOSPC", name);
		skip(strerror(-err), "%s: incompressible data: %s", name,
		     nogrow ? "ERANGE" : "round trip");
		return;
	}
	fill_text(bin, len);
	n = MAXLEN;
	err = do_comp(ses, COP_COMP, bin, len, bout, &n);
	rn = MAXLEN;
	r = err ? REF_FAIL : ref_inflate(gzip, bout, n, bref, &rn);
	if (r == REF_NONE) {
		m = MAXLEN;
		err = do_comp(ses, COP_DECOMP, bout, n, bref, &m);
		rn = m;
	}
	check(!err && r != REF_FAIL && n < len && rn == len &&
	      !memcmp(bref, bin, len),
	      "%s: compress 30000 -> %u, %s (%d)", name, n,
	      r == REF_NONE ? "round trip (" NOREF ")" : "inflate by zlib",
	      err);

	rn = MAXLEN;
	r = ref_deflate(gzip, bin, len, bref, &rn);
	if (r == REF_OK) {
		m = MAXLEN;
		err = do_comp(ses, COP_DECOMP, bref, rn, bout, &m);
		check(!err && m == len && !memcmp(bout, bin, len),
		      "%s: decompress zlib's output (%d, %u)", name, err, m);
	} else {
		skip(NOREF, "%s: decompress zlib's output", name);
	}

	n = 10;
	err = do_comp(ses, COP_COMP, bin, len, bout, &n);
	check(err == -ENOSPC, "%s: output too small: ENOSPC (%d)", name, err);

	rnd_fill(bin, 4000);
	n = MAXLEN;
	err = do_comp(ses, COP_COMP, bin, 4000, bout, &n);
	if (nogrow) {
		check(err == -ERANGE,
		      "%s: incompressible data: ERANGE (%d)", name, err);
	} else {
		m = MAXLEN;
		if (!err)
			err = do_comp(ses, COP_DECOMP, bout, n, bref, &m);
		check(!err && m == 4000 && !memcmp(bref, bin, 4000),
		      "%s: incompressible data: round trip (%d)", name, err);
	}
	ses_free(fd, ses);
}

static int test_comp(int count_only)
{
	if (count_only)
		return 12;
	comp_one(CRYPTO_DEFLATE_COMP, "DEFLATE", 0, 0);
	comp_one(CRYPTO_DEFLATE_COMP_NOGROW, "DEFLATE-NOGROW", 0, 1);
	comp_one(CRYPTO_GZIP_COMP, "GZIP", 1, 0);
	return 0;
}

/* ---- CIOCKEY ---- */

static int test_key(int count_only)
{
	uint8_t b[64], e[64], m[64], r[64], w[64];
	struct crypt_kop kop;
	uint32_t feat = 0;
	int err;

	if (count_only)
		return 2;
	xioctl(fd, CIOCASYMFEAT, &feat);
	if (!(feat & CRF_MOD_EXP)) {
		skip("CIOCASYMFEAT does not offer CRK_MOD_EXP",
		     "CIOCKEY CRK_MOD_EXP 512-bit");
		skip("CIOCASYMFEAT does not offer CRK_MOD_EXP",
		     "CIOCKEY2 on software returns the driver id");
		return 0;
	}
	rnd_fill(m, 64);
	m[0] |= 1;
	m[63] |= 0x80;		/* little-endian: top byte */
	rnd_fill(b, 64);
	b[63] &= 0x3f;		/* below the modulus */
	rnd_fill(e, 64);
	e[63] &= 0x3f;
	memset(&kop, 0, sizeof(kop));
	kop.crk_op = CRK_MOD_EXP;
	kop.crk_iparams = 3;
	kop.crk_oparams = 1;
	kop.crk_param[0].crp_p = b;
	kop.crk_param[0].crp_nbits = 512;
	kop.crk_param[1].crp_p = e;
	kop.crk_param[1].crp_nbits = 512;
	kop.crk_param[2].crp_p = m;
	kop.crk_param[2].crp_nbits = 512;
	kop.crk_param[3].crp_p = r;
	kop.crk_param[3].crp_nbits = 512;
	err = xioctl(fd, CIOCKEY, &kop);
	if (ref_modexp(b, e, m, 64, w) != REF_OK) {
		/* No reference: 2^1 mod m = 2 must come out of CIOCKEY2. */
		skip(NOREF, "CIOCKEY CRK_MOD_EXP 512-bit");
		memset(b, 0, 64);
		b[0] = 2;
		memset(e, 0, 64);
		e[0] = 1;
		memset(w, 0, 64);
		w[0] = 2;
		memset(r, 0, 64);
		kop.crk_crid = CRYPTOCAP_F_SOFTWARE;
		err = xioctl(fd, CIOCKEY2, &kop);
		check(!err && !kop.crk_status && !memcmp(r, w, 64) &&
		      kop.crk_crid > 0 && kop.crk_crid < 0x1000000,
		      "CIOCKEY2 on software: 2^1 mod m, returns the driver id (%d, crid %u)",
		      err, kop.crk_crid);
		return 0;
	}
	check(!err && !kop.crk_status && !memcmp(r, w, 64),
	      "CIOCKEY CRK_MOD_EXP 512-bit = libcrypto (%d, status %u)", err,
	      kop.crk_status);
	memset(r, 0, 64);
	kop.crk_crid = CRYPTOCAP_F_SOFTWARE;
	err = xioctl(fd, CIOCKEY2, &kop);
	check(!err && !kop.crk_status && !memcmp(r, w, 64) &&
	      kop.crk_crid > 0 && kop.crk_crid < 0x1000000,
	      "CIOCKEY2 on software returns the driver id (%d, crid %u)", err,
	      kop.crk_crid);
	return 0;
}

/* ---- asynchronous ---- */

#define NASYNC	16

static int test_async(int count_only)
{
	uint8_t key[16], iv[NASYNC][16], ivc[NASYNC][16];
	struct crypt_op op;
	struct pollfd p;
	uint32_t ses;
	int i, err, got = 0, bad = 0, seen[NASYNC] = { 0 };

	if (count_only)
		return 2;
	rnd_fill(key, 16);
	err = ses_new(fd, CRYPTO_AES_CBC, key, 16, 0, NULL, 0, &ses);
	if (err) {
		skip(strerror(-err), "CIOCASYNCCRYPT x16, poll, CIOCASYNCFETCH");
		skip(strerror(-err), "CIOCASYNCFETCH with nothing done: EBUSY");
		return 0;
	}
	rnd_fill(bin, NASYNC * 4096);
	for (i = 0; i < NASYNC && !err; i++) {
		rnd_fill(iv[i], 16);
		memcpy(ivc[i], iv[i], 16);
		memset(&op, 0, sizeof(op));
		op.ses = ses;
		op.op = COP_ENCRYPT;
		op.len = i & 1 ? 4096 : 64;	/* pinned and copied */
		op.src = bin + i * 4096;
		op.dst = bout + i * 4096;
		op.iv = iv[i];
		err = xioctl(fd, CIOCASYNCCRYPT, &op);
	}
	while (!err && got < NASYNC) {
		p.fd = fd;
		p.events = POLLIN;
		if (poll(&p, 1, 5000) != 1) {
			err = -ETIMEDOUT;
			break;
		}
		memset(&op, 0, sizeof(op));
		err = xioctl(fd, CIOCASYNCFETCH, &op);
		if (err)
			break;
		i = (op.src - bin) / 4096;
		if (i < 0 || i >= NASYNC || seen[i]++ ||
		    op.dst != bout + i * 4096 || op.ses != ses) {
			bad++;
			continue;
		}
		got++;
		if (ref_available()) {
			ref_cipher(CRYPTO_AES_CBC, key, 16, ivc[i], op.src,
				   bref, op.len, 1);
			if (memcmp(bref, op.dst, op.len))
				bad++;
		}
	}
	check(!err && !bad && got == NASYNC,
	      "CIOCASYNCCRYPT x16, poll, CIOCASYNCFETCH: all back once%s (%d, %d bad)",
	      ref_available() ? ", = libcrypto" : "", err, bad);
	memset(&op, 0, sizeof(op));
	err = xioctl(fd, CIOCASYNCFETCH, &op);
	check(err == -EBUSY, "CIOCASYNCFETCH with nothing done: EBUSY (%d)",
	      err);
	ses_free(fd, ses);
	return 0;
}


/* ---- TLS and SRTP record modes of CIOCAUTHCRYPT ---- */

static int test_records(int count_only)
{
	uint8_t key[16], mkey[20], iv[16], iv0[16], aad[13], rec[256],
		want[256], mac[20], tag[10];
	uint8_t pkt[12 + 100], orig[12 + 100];
	struct crypt_auth_op a;
	uint32_t ses, len = 37, i;
	unsigned int n;
	int err, r;

	if (count_only)
		return 6;
	rnd_fill(key, 16);
	rnd_fill(mkey, 20);
	err = ses_new(fd, CRYPTO_AES_CBC, key, 16, CRYPTO_SHA1_HMAC, mkey, 20,
		      &ses);
	if (err) {
		for (i = 0; i < 3; i++)
			skip(strerror(-err), "TLS record mode test %u", i + 1);
	} else {
		/* Encrypt 37 bytes: 37 + 20 MAC + 7 pad = 64. */
		rnd_fill(aad, sizeof(aad));
		rnd_fill(rec, len);
		memcpy(want, rec, len);
		rnd_fill(iv0, 16);
		memcpy(iv, iv0, 16);
		memset(&a, 0, sizeof(a));
		a.ses = ses;
		a.op = COP_ENCRYPT;
		a.flags = COP_FLAG_AEAD_TLS_TYPE;
		a.len = len;
		a.auth_len = sizeof(aad);
		a.auth_src = aad;
		a.src = a.dst = rec;
		a.iv = iv;
		a.iv_len = 16;
		err = xioctl(fd, CIOCAUTHCRYPT, &a);
		r = REF_NONE;
		if (!err && ref_available()) {
			uint8_t *buf = bchk;

			memcpy(buf, aad, sizeof(aad));
			memcpy(buf + sizeof(aad), want, len);
			ref_digest(CRYPTO_SHA1_HMAC, mkey, 20, NULL, buf,
				   sizeof(aad) + len, mac, &n);
			memcpy(buf, want, len);
			memcpy(buf + len, mac, 20);
			memset(buf + len + 20, 6, 7);
			r = ref_cipher(CRYPTO_AES_CBC, key, 16, iv0, buf, bref,
				       64, 1);
		}
		if (r == REF_OK)
			check(!err && a.len == 64 && !memcmp(rec, bref, 64),
			      "TLS mode: MAC-then-encrypt record = libcrypto (%d, len %u)",
			      err, a.len);
		else
			check(!err && a.len == 64,
			      "TLS mode: MAC-then-encrypt record of 64 bytes (%d, len %u; " NOREF ")",
			      err, a.len);
		memcpy(bref, rec, 64);
		memcpy(iv, iv0, 16);
		a.op = COP_DECRYPT;
		a.len = 64;
		err = xioctl(fd, CIOCAUTHCRYPT, &a);
		check(!err && a.len == len && !memcmp(rec, want, len),
		      "TLS mode: decrypt checks padding and MAC, len back to %u (%d, %u)",
		      len, err, a.len);
		memcpy(rec, bref, 64);
		rec[20] ^= 4;
		memcpy(iv, iv0, 16);
		a.len = 64;
		err = xioctl(fd, CIOCAUTHCRYPT, &a);
		check(err == -EBADMSG, "TLS mode: tampered record: EBADMSG (%d)",
		      err);
		ses_free(fd, ses);
	}

	err = ses_new(fd, CRYPTO_AES_CTR, key, 16, CRYPTO_SHA1_HMAC, mkey, 20,
		      &ses);
	if (err) {
		for (i = 0; i < 3; i++)
			skip(strerror(-err), "SRTP mode test %u", i + 1);
		return 0;
	}
	rnd_fill(pkt, sizeof(pkt));
	memcpy(orig, pkt, sizeof(pkt));
	rnd_fill(iv0, 16);
	memcpy(iv, iv0, 16);
	memset(&a, 0, sizeof(a));
	a.ses = ses;
	a.op = COP_ENCRYPT;
	a.flags = COP_FLAG_AEAD_SRTP_TYPE;
	a.len = 100;
	a.auth_len = sizeof(pkt);
	a.auth_src = pkt;
	a.src = a.dst = pkt + 12;
	a.tag = tag;
	a.tag_len = 10;
	a.iv = iv;
	a.iv_len = 16;
	err = xioctl(fd, CIOCAUTHCRYPT, &a);
	r = REF_NONE;
	if (!err && ref_available()) {
		memcpy(bchk, orig, 12);
		r = ref_cipher(CRYPTO_AES_CTR, key, 16, iv0, orig + 12,
			       bchk + 12, 100, 1);
		ref_digest(CRYPTO_SHA1_HMAC, mkey, 20, NULL, bchk,
			   sizeof(pkt), mac, &n);
	}
	if (r == REF_OK)
		check(!err && !memcmp(pkt, bchk, sizeof(pkt)) &&
		      !memcmp(tag, mac, 10),
		      "SRTP mode: encrypt-then-MAC packet and 10-byte tag = libcrypto (%d)",
		      err);
	else
		check(!err && memcmp(pkt + 12, orig + 12, 100) &&
		      !memcmp(pkt, orig, 12),
		      "SRTP mode: payload encrypted, header untouched (%d; " NOREF ")",
		      err);
	memcpy(iv, iv0, 16);
	a.op = COP_DECRYPT;
	err = xioctl(fd, CIOCAUTHCRYPT, &a);
	check(!err && !memcmp(pkt, orig, sizeof(pkt)),
	      "SRTP mode: decrypt checks the tag and restores the packet (%d)",
	      err);
	memcpy(iv, iv0, 16);
	a.op = COP_ENCRYPT;
	xioctl(fd, CIOCAUTHCRYPT, &a);
	tag[3] ^= 1;
	memcpy(bref, pkt, sizeof(pkt));
	memcpy(iv, iv0, 16);
	a.op = COP_DECRYPT;
	err = xioctl(fd, CIOCAUTHCRYPT, &a);
	check(err == -EBADMSG && !memcmp(pkt, bref, sizeof(pkt)),
	      "SRTP mode: bad tag: EBADMSG, packet left encrypted (%d)", err);
	ses_free(fd, ses);
	return 0;
}

/* ---- NetBSD multi-request family ---- */

/*
 * One CIOCNCRYPTM over runs of entries on two sessions (each run takes
 * its references in one step), one session freed before the results
 * are collected: every entry keeps its session until collected.
 */
static int test_multi_sessions(int count_only)
{
	static const int pick[6] = { 0, 0, 1, 1, 0, 1 };
	uint8_t key[2][16], iv[16], ivc[16], in[6][64], out[6][64];
	uint8_t want[6][64];
	struct pollfd p = { .fd = fd, .events = POLLIN };
	struct crypt_result res[16];
	struct crypt_n_op nop[6];
	struct crypt_mop mop;
	struct cryptret ret;
	uint32_t ses[2], refs[2];
	int err = 0, i, k, ok, got = 0, tries;

	if (count_only)
		return 2;
	for (i = 0; i < 2; i++) {
		rnd_fill(key[i], 16);
		if (ses_new(fd, CRYPTO_AES_CBC, key[i], 16, 0, NULL, 0,
			    &ses[i]) ||
		    ses_new(fd, CRYPTO_AES_CBC, key[i], 16, 0, NULL, 0,
			    &refs[i])) {
			skip("no AES-CBC session", "multi-request on two sessions");
			skip("no AES-CBC session", "multi-request: freed session after");
			return 0;
		}
	}
	rnd_fill(iv, 16);
	rnd_fill(in, sizeof(in));
	for (i = 0; i < 6; i++) {
		memcpy(ivc, iv, 16);
		do_crypt(fd, refs[pick[i]], COP_ENCRYPT, 0, in[i], want[i], 64,
			 ivc, NULL);
	}
	memset(nop, 0, sizeof(nop));
	memset(out, 0, sizeof(out));
	for (i = 0; i < 6; i++) {
		nop[i].ses = ses[pick[i]];
		nop[i].op = COP_ENCRYPT;
		nop[i].len = 64;
		nop[i].src = in[i];
		nop[i].dst = out[i];
		nop[i].iv = iv;
		nop[i].opaque = i;
	}
	memset(&mop, 0, sizeof(mop));
	mop.count = 6;
	mop.reqs = nop;
	err = xioctl(fd, CIOCNCRYPTM, &mop);
	/* Freed while its entries may still be queued or uncollected. */
	ok = !err && ses_free(fd, ses[1]) == 0;
	for (i = 0; ok && i < 6; i++)
		ok = !nop[i].status && nop[i].reqid;
	for (tries = 0; ok && got < 6 && tries < 100; tries++) {
		memset(&ret, 0, sizeof(ret));
		ret.count = 16;
		ret.results = res;
		err = xioctl(fd, CIOCNCRYPTRETM, &ret);
		if (err)
			break;
		for (k = 0; k < (int)ret.count; k++) {
			uint64_t j = res[k].opaque;

			if (j >= 6 || res[k].status ||
			    memcmp(out[j], want[j], 64))
				ok = 0;
			got++;
		}
		if (got < 6)
			poll(&p, 1, 50);
	}
	check(ok && !err && got == 6,
	      "CIOCNCRYPTM on runs of two sessions, one freed before collection: outputs = CIOCCRYPT (%d, %d)",
	      err, got);
	memcpy(ivc, iv, 16);
	err = do_crypt(fd, ses[1], COP_ENCRYPT, 0, in[0], out[0], 64, ivc,
		       NULL);
	memcpy(ivc, iv, 16);
	k = do_crypt(fd, ses[0], COP_ENCRYPT, 0, in[0], out[0], 64, ivc,
		     NULL);
	check(err == -EINVAL && !k && !memcmp(out[0], want[0], 64),
	      "after it the freed session answers EINVAL, the other still works (%d, %d)",
	      err, k);
	ses_free(fd, ses[0]);
	ses_free(fd, refs[0]);
	ses_free(fd, refs[1]);
	return 0;
}

static int test_multi(int count_only)
{
	uint8_t key[16], iv[8][16], ivc[8][16], want[8][256];
	struct session_n_op sn[3];
	struct crypt_sgop sg;
	struct crypt_n_op nop[9];
	struct crypt_mop mop;
	struct crypt_result res[16], one;
	struct cryptret ret;
	struct crypt_sfop sf;
	struct pollfd p;
	uint32_t ids[3], refses;
	int err, i, ok, got = 0;

	if (count_only)
		return 7;
	rnd_fill(key, 16);
	memset(sn, 0, sizeof(sn));
	sn[0].cipher = CRYPTO_AES_CBC;
	sn[0].keylen = 16;
	sn[0].key = key;
	sn[1].cipher = 9999;
	sn[2].mac = CRYPTO_SHA1;
	memset(&sg, 0, sizeof(sg));
	sg.count = 3;
	sg.sessions = sn;
	err = xioctl(fd, CIOCNGSESSION, &sg);
	ok = !err && sn[0].status == 0 && sn[0].ses && sn[1].status == EINVAL &&
	     !sn[1].ses && sg.status == EINVAL;
	check(ok, "CIOCNGSESSION: per-entry status and ids (%d; %d/%d/%d)",
	      err, sn[0].status, sn[1].status, sn[2].status);
	if (!ok || ses_new(fd, CRYPTO_AES_CBC, key, 16, 0, NULL, 0, &refses)) {
		for (i = 0; i < 6; i++)
			skip("CIOCNGSESSION failed", "multi-request test %d", i + 2);
		return 0;
	}

	/* 8 good requests, one on a bad session. */
	memset(nop, 0, sizeof(nop));
	for (i = 0; i < 9; i++) {
		rnd_fill(iv[i % 8], 16);
		memcpy(ivc[i % 8], iv[i % 8], 16);
		nop[i].ses = i == 8 ? 0x7ffffff0 : sn[0].ses;
		nop[i].op = COP_ENCRYPT;
		nop[i].len = 16 * (i + 1);
		nop[i].src = bin + i * 256;
		nop[i].dst = bout + i * 256;
		nop[i].iv = iv[i % 8];
		nop[i].opaque = 0x1234567800000000ull + i;
	}
	rnd_fill(bin, 9 * 256);
	for (i = 0; i < 8; i++)
		do_crypt(fd, refses, COP_ENCRYPT, 0, bin + i * 256, want[i],
			 16 * (i + 1), ivc[i], NULL);
	memset(&mop, 0, sizeof(mop));
	mop.count = 9;
	mop.reqs = nop;
	err = xioctl(fd, CIOCNCRYPTM, &mop);
	ok = !err && nop[8].status == EINVAL && !nop[8].reqid;
	for (i = 0; i < 8; i++)
		ok = ok && !nop[i].status && nop[i].reqid &&
		     (i == 0 || nop[i].reqid != nop[i - 1].reqid);
	check(ok, "CIOCNCRYPTM: 8 queued with request ids, a bad one refused (%d)",
	      err);

	p.fd = fd;
	p.events = POLLIN;
	err = poll(&p, 1, 5000);
	memset(&one, 0, sizeof(one));
	one.reqid = nop[3].reqid;
	for (i = 0; i < 100; i++) {
		err = xioctl(fd, CIOCNCRYPTRET, &one);
		if (err != -EINPROGRESS)
			break;
		usleep(10000);
	}
	check(!err && one.status == 0 && one.opaque == nop[3].opaque &&
	      !memcmp(bout + 3 * 256, want[3], 64),
	      "CIOCNCRYPTRET by request id: result and opaque (%d)", err);
	got = 1;
	for (i = 0; i < 100 && got < 8; i++) {
		int k;

		memset(&ret, 0, sizeof(ret));
		ret.count = 16;
		ret.results = res;
		err = xioctl(fd, CIOCNCRYPTRETM, &ret);
		if (err)
			break;
		for (k = 0; k < (int)ret.count; k++) {
			int j = (int)(res[k].opaque - 0x1234567800000000ull);

			if (j < 0 || j > 7 || j == 3 || res[k].status ||
			    res[k].reqid != nop[j].reqid ||
			    memcmp(bout + j * 256, want[j], 16 * (j + 1)))
				err = -EBADMSG;
			got++;
		}
		if (got < 8)
			usleep(10000);
	}
	check(!err && got == 8,
	      "CIOCNCRYPTRETM collects the other 7, outputs = CIOCCRYPT (%d, %d)",
	      err, got);
	memset(&one, 0, sizeof(one));
	one.reqid = nop[3].reqid;
	err = xioctl(fd, CIOCNCRYPTRET, &one);
	check(err == -EINVAL, "CIOCNCRYPTRET of a collected id: EINVAL (%d)",
	      err);

	ids[0] = sn[0].ses;
	ids[1] = 0x7ffffff0;
	ids[2] = sn[2].ses;
	memset(&sf, 0, sizeof(sf));
	sf.count = 3;
	sf.sesid = ids;
	err = xioctl(fd, CIOCNFSESSION, &sf);
	check(!err && sf.status == EINVAL && ses_free(fd, sn[0].ses) == -EINVAL,
	      "CIOCNFSESSION frees the list, reports the unknown id (%d, %u)",
	      err, sf.status);
	ses_free(fd, refses);

	{
		struct crypt_n_kop nk[2];
		struct crypt_kmop km;
		uint8_t b[8] = { 3 }, e[8] = { 5 }, m[8] = { 0x61 }, r[8];

		memset(nk, 0, sizeof(nk));
		nk[0].kop.crk_op = CRK_MOD_EXP;
		nk[0].kop.crk_iparams = 3;
		nk[0].kop.crk_oparams = 1;
		nk[0].kop.crk_param[0].crp_p = b;
		nk[0].kop.crk_param[0].crp_nbits = 64;
		nk[0].kop.crk_param[1].crp_p = e;
		nk[0].kop.crk_param[1].crp_nbits = 64;
		nk[0].kop.crk_param[2].crp_p = m;
		nk[0].kop.crk_param[2].crp_nbits = 64;
		nk[0].kop.crk_param[3].crp_p = r;
		nk[0].kop.crk_param[3].crp_nbits = 64;
		nk[1].kop.crk_op = 77;
		memset(&km, 0, sizeof(km));
		km.count = 2;
		km.reqs = nk;
		err = xioctl(fd, CIOCNFKEYM, &km);
		/* 3^5 mod 97 = 243 - 194 = 49 */
		check(!err && !nk[0].status && !nk[0].kop.crk_status &&
		      r[0] == 49 && nk[1].status == EINVAL && nk[0].reqid,
		      "CIOCNFKEYM: 3^5 mod 97 = 49, a bad op refused (%d, %d/%u, %d)",
		      err, nk[0].status, nk[0].kop.crk_status, nk[1].status);
	}
	return 0;
}

int main(void)
{
	int n;

	fd = cdev_open_or_skip();
	bin = xmalloc(2 * MAXLEN + 64);
	bout = xmalloc(2 * MAXLEN + 64);
	bref = xmalloc(2 * MAXLEN + 64);
	bchk = xmalloc(2 * MAXLEN + 64);

	n = test_kat(1) + test_ciphers(1) + test_hashes(1) + 2 +
	    test_aead(1) + test_comp(1) + test_key(1) + test_async(1) + test_multi(1) +
	    test_multi_sessions(1) + test_records(1);
	ktap_plan(n);
	ktap_diag("cdev-ops, %s-bit, reference: %s", CDEV_BITS,
		  ref_available() ? "OpenSSL libcrypto (static) and zlib" :
		  "known-answer vectors and round trips only");
	test_kat(0);
	test_ciphers(0);
	test_hashes(0);
	test_cipher_mac();
	test_aead(0);
	test_comp(0);
	test_key(0);
	test_async(0);
	test_multi(0);
	test_multi_sessions(0);
	test_records(0);
	close(fd);
	return ktap_exit();
}
