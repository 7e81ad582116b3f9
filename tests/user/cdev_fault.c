// SPDX-License-Identifier: GPL-2.0-only
/*
 * cdev-fault: every allocation our modules make for a /dev/crypto
 * operation is made to fail, one at a time (the kernel's fail-nth fault
 * injection, confined to calls from module code).  For each operation
 * and each N, the Nth allocation fails: the operation must then fail
 * with ENOMEM (or succeed with the right output, where a failure has a
 * fallback), and the same operation without injection must still give
 * the right output.  N grows until an operation completes without
 * reaching an Nth allocation.  Leaks are found by kmemleak after the
 * suite (the debug kernel lane); crashes and KASAN reports by the
 * kernel log verdict.  Needs CONFIG_FAULT_INJECTION_DEBUG_FS,
 * CONFIG_FAILSLAB, CONFIG_FAIL_PAGE_ALLOC and the stacktrace filter:
 * skipped in kernels without them.
 */
#include <poll.h>
#include "cdev_test.h"

#define FI		"/sys/kernel/debug/"
#define MAX_NTH		400
#define BUFSZ		(64 * 1024)
/*
 * x86-64 module space: the kernel image ends below it (512 MiB image
 * without KASLR, 1 GiB with), so a stack with a frame in here passed
 * through module code.  Checked against /proc/modules at start.
 */
#define MOD_START	0xffffffffa0000000ull
#define MOD_END		0xffffffffff000000ull

static int fd = -1, nth_fd = -1;
static uint8_t *src, *dst, *mac;
static uint8_t key[32], iv[16];
static unsigned long injected_total;

/* One operation under test: set-up and tear-down run without injection. */
struct fop {
	const char *name;
	int (*setup)(void);
	int (*run)(void);		/* 0 or -errno; output in dst/mac */
	void (*teardown)(void);
	size_t outlen;			/* bytes of dst compared */
	size_t maclen;			/* bytes of mac compared */
};

static int fi_setup(char *why, size_t n)
{
	static const char *const attrs[] = { "failslab", "fail_page_alloc" };
	char path[128], v[32];
	FILE *m;
	char line[512];
	unsigned int i;

	for (i = 0; i < ARRAY_LEN(attrs); i++) {
		snprintf(path, sizeof(path), FI "%s/require-start", attrs[i]);
		if (access(path, W_OK)) {
			snprintf(why, n, "no %s (needs a debug kernel with "
				 "fault injection and its stacktrace filter)",
				 path);
			return 0;
		}
	}
	/* Our modules must sit in the range the filter requires. */
	m = fopen("/proc/modules", "r");
	while (m && fgets(line, sizeof(line), m)) {
		char *p = strstr(line, " 0x");
		unsigned long long a = p ? strtoull(p + 1, NULL, 16) : 0;

		if (a && (a < MOD_START || a >= MOD_END)) {
			snprintf(why, n, "module outside %llx-%llx: %.60s",
				 MOD_START, MOD_END, line);
			fclose(m);
			return 0;
		}
	}
	if (m)
		fclose(m);
	for (i = 0; i < ARRAY_LEN(attrs); i++) {
#define SET(file, val) do {						\
		snprintf(path, sizeof(path), FI "%s/" file, attrs[i]);	\
		if (!write_file(path, val)) {				\
			snprintf(why, n, "cannot write %s", path);	\
			return 0;					\
		}							\
	} while (0)
		SET("probability", "0");
		SET("verbose", "0");
		SET("ignore-gfp-wait", "N");
		SET("stacktrace-depth", "32");
		snprintf(v, sizeof(v), "%llu", MOD_START);
		SET("require-start", v);
		snprintf(v, sizeof(v), "%llu", MOD_END);
		SET("require-end", v);
		if (i == 1) {
			SET("ignore-gfp-highmem", "N");
			SET("min-order", "0");
		}
#undef SET
	}
	nth_fd = open("/proc/thread-self/fail-nth", O_RDWR);
	if (nth_fd < 0) {
		snprintf(why, n, "/proc/thread-self/fail-nth: %s",
			 strerror(errno));
		return 0;
	}
	return 1;
}

/* Fail the Nth allocation from module code in this thread. */
static void arm(unsigned int nth)
{
	char b[16];
	int l = snprintf(b, sizeof(b), "%u", nth);

	if (pwrite(nth_fd, b, l, 0) != l) {
		ktap_diag("fail-nth: %s", strerror(errno));
		exit(KTAP_EXIT_FAIL);
	}
}

/* 1 when the armed failure happened (fail-nth counted down to 0). */
static int disarm(void)
{
	char b[16];
	ssize_t r = pread(nth_fd, b, sizeof(b) - 1, 0);

	if (r <= 0) {
		ktap_diag("fail-nth: %s", strerror(errno));
		exit(KTAP_EXIT_FAIL);
	}
	b[r] = 0;
	if (strtoul(b, NULL, 10) == 0)
		return 1;
	if (pwrite(nth_fd, "0", 1, 0) != 1)
		exit(KTAP_EXIT_FAIL);
	return 0;
}

/* ---- the operations ---- */

static uint32_t s1, s2;
static uint32_t cipher, mac_alg, klen, mklen, crid;

static int new_ses(uint32_t *s)
{
	struct session2_op o;
	int err;

	memset(&o, 0, sizeof(o));
	o.cipher = cipher;
	o.keylen = klen;
	o.key = key;
	o.mac = mac_alg;
	o.mackeylen = mklen;
	o.mackey = key;
	o.crid = crid ? crid : CRYPTOCAP_F_SOFTWARE;
	err = xioctl(fd, CIOCGSESSION2, &o);
	*s = o.ses;
	return err;
}

static void free_s1(void)
{
	if (s1)
		ses_free(fd, s1);
	s1 = 0;
}

static void free_both(void)
{
	free_s1();
	if (s2)
		ses_free(fd, s2);
	s2 = 0;
}

static int setup_none(void)
{
	return 0;
}

static void teardown_none(void)
{
}

static int setup_s1(void)
{
	return new_ses(&s1);
}

static int run_open(void)
{
	int f = cdev_open();

	if (f < 0)
		return -errno;
	close(f);
	return 0;
}

static int run_crioget(void)
{
	uint32_t f = 0;
	int err = xioctl(fd, CRIOGET, &f);

	if (!err)
		close(f);
	return err;
}

static int run_newsession(void)
{
	return new_ses(&s1);
}

static int run_crypt(uint32_t len, int flags)
{
	uint8_t v[16];

	memcpy(v, iv, 16);
	memcpy(dst, src, len);
	return do_crypt(fd, s1, COP_ENCRYPT, flags, dst, dst, len, v,
			mac_alg ? mac : NULL);
}

static int run_crypt_small(void)
{
	return run_crypt(64, 0);
}

static int run_crypt_zc(void)
{
	return run_crypt(BUFSZ, 0);
}

static int run_crypt_4k(void)
{
	return run_crypt(4096, 0);
}

static int run_crypt_nozc(void)
{
	return run_crypt(BUFSZ, COP_FLAG_NO_ZC);
}

static int run_hash(void)
{
	return do_crypt(fd, s1, COP_ENCRYPT, 0, src, NULL, 4096, NULL, mac);
}

static int run_hash_update(void)
{
	int err = do_crypt(fd, s1, COP_ENCRYPT, COP_FLAG_UPDATE, src, NULL,
			   1000, NULL, NULL);

	if (!err)
		err = do_crypt(fd, s1, COP_ENCRYPT, COP_FLAG_FINAL, src + 1000,
			       NULL, 3096, NULL, mac);
	/* A stream left half-way must not carry into the next run. */
	if (err)
		do_crypt(fd, s1, COP_ENCRYPT, COP_FLAG_RESET, src, NULL, 0,
			 NULL, NULL);
	return err;
}

static int setup_cphash(void)
{
	int err = new_ses(&s1);

	if (!err)
		err = new_ses(&s2);
	if (!err)
		err = do_crypt(fd, s1, COP_ENCRYPT, COP_FLAG_UPDATE, src, NULL,
			       1000, NULL, NULL);
	return err;
}

static int run_cphash(void)
{
	struct cphash_op cp = { .dst_ses = s2, .src_ses = s1 };

	return xioctl(fd, CIOCCPHASH, &cp);
}

static void teardown_cphash(void)
{
	/* The copy must hash like the original (mac is compared). */
	if (s2)
		do_crypt(fd, s2, COP_ENCRYPT, COP_FLAG_FINAL, src + 1000, NULL,
			 3096, NULL, mac);
	free_both();
}

static int run_aead(void)
{
	struct crypt_auth_op a;
	uint8_t v[12];

	memcpy(v, iv, 12);
	memset(&a, 0, sizeof(a));
	a.ses = s1;
	a.op = COP_ENCRYPT;
	a.len = 1024;
	a.auth_len = 20;
	a.auth_src = src + 2048;
	a.src = src;
	a.dst = dst;
	a.tag = mac;
	a.tag_len = 16;
	a.iv = v;
	a.iv_len = 12;
	return xioctl(fd, CIOCAUTHCRYPT, &a);
}

static int run_comp(void)
{
	struct crypt_comp_op c;
	uint8_t *out = dst + 8192;
	int err;

	memset(&c, 0, sizeof(c));
	c.ses = s1;
	c.op = COP_COMP;
	c.len = 8192;
	c.dst_len = 16384;
	c.src = src;
	c.dst = out;
	err = xioctl(fd, CIOCCOMP, &c);
	if (err)
		return err;
	/* Compressed output may differ by driver: compare the round trip. */
	c.op = COP_DECOMP;
	c.len = c.dst_len;
	c.dst_len = 8192;
	c.src = out;
	c.dst = dst;
	return xioctl(fd, CIOCCOMP, &c);
}

static int run_async(void)
{
	struct crypt_op c[4], r;
	uint8_t v[4][16];
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int i, err = 0, queued = 0, e, tries;

	for (i = 0; i < 4; i++) {
		memcpy(v[i], iv, 16);
		memset(&c[i], 0, sizeof(c[i]));
		c[i].ses = s1;
		c[i].op = COP_ENCRYPT;
		c[i].len = 1024;
		c[i].src = src + 1024 * i;
		c[i].dst = dst + 1024 * i;
		c[i].iv = v[i];
		e = xioctl(fd, CIOCASYNCCRYPT, &c[i]);
		if (e && !err)
			err = e;
		if (!e)
			queued++;
	}
	/* Collect what was queued, whatever happened to the rest. */
	for (tries = 0; queued && tries < 100; tries++) {
		poll(&p, 1, 1000);
		e = xioctl(fd, CIOCASYNCFETCH, &r);
		if (e == -EBUSY)
			continue;
		queued--;
		if (e && !err)
			err = e;
	}
	if (queued) {
		ktap_diag("CIOCASYNCFETCH: %d results never came", queued);
		return -EPROTO;
	}
	return err;
}

static int run_multi(void)
{
	struct crypt_n_op req[4];
	struct crypt_result res[4];
	struct cryptret r;
	struct crypt_mop m;
	uint8_t v[4][16];
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int i, err, e, tries, queued = 0;

	memset(req, 0, sizeof(req));
	for (i = 0; i < 4; i++) {
		memcpy(v[i], iv, 16);
		req[i].ses = s1;
		req[i].op = COP_ENCRYPT;
		req[i].len = 1024;
		req[i].src = src + 1024 * i;
		req[i].dst = dst + 1024 * i;
		req[i].iv = v[i];
		req[i].opaque = i;
	}
	m.count = 4;
	m.pad = 0;
	m.reqs = req;
	err = xioctl(fd, CIOCNCRYPTM, &m);
	if (err)
		return err;
	for (i = 0; i < 4; i++) {
		if (req[i].status) {
			if (req[i].status < 0) {
				ktap_diag("CIOCNCRYPTM: entry %d status %d",
					  i, req[i].status);
				return -EPROTO;
			}
			if (!err)
				err = -req[i].status;
		} else {
			queued++;
		}
	}
	for (tries = 0; queued && tries < 100; tries++) {
		poll(&p, 1, 1000);
		r.count = queued;
		r.pad = 0;
		r.results = res;
		e = xioctl(fd, CIOCNCRYPTRETM, &r);
		if (e == -ENOMEM) {
			/* Collecting failed: the results must still be there. */
			if (!err)
				err = e;
			continue;
		}
		if (e || r.count > (uint32_t)queued) {
			ktap_diag("CIOCNCRYPTRETM: %s, %u results for %d queued",
				  strerror(-e), r.count, queued);
			return -EPROTO;
		}
		for (i = 0; i < (int)r.count; i++) {
			if (res[i].status < 0 || res[i].opaque > 3) {
				ktap_diag("CIOCNCRYPTRETM: status %d opaque %llu",
					  res[i].status,
					  (unsigned long long)res[i].opaque);
				return -EPROTO;
			}
			if (res[i].status && !err)
				err = -res[i].status;
		}
		queued -= r.count;
	}
	if (queued) {
		ktap_diag("CIOCNCRYPTRETM: %d results never came", queued);
		return -EPROTO;
	}
	return err;
}

static uint32_t nses_ids[4];

static int run_nsession(void)
{
	struct session_n_op s[4];
	struct crypt_sgop g;
	struct crypt_sfop f;
	int i, err, first = 0;

	memset(s, 0, sizeof(s));
	for (i = 0; i < 4; i++) {
		s[i].cipher = CRYPTO_AES_CBC;
		s[i].keylen = 16;
		s[i].key = key;
		s[i].mac = i & 1 ? CRYPTO_SHA2_256_HMAC : 0;
		s[i].mackeylen = i & 1 ? 32 : 0;
		s[i].mackey = key;
	}
	g.count = 4;
	g.status = 0;
	g.sessions = s;
	err = xioctl(fd, CIOCNGSESSION, &g);
	if (err)
		return err;
	for (i = 0; i < 4; i++) {
		if (s[i].status < 0)
			return -EPROTO;
		if (s[i].status && !first)
			first = s[i].status;
	}
	if ((uint32_t)first != g.status) {
		ktap_diag("CIOCNGSESSION: header status %u, first entry %d",
			  g.status, first);
		return -EPROTO;
	}
	/* Free the ones made: the others must not exist. */
	for (i = 0; i < 4; i++)
		nses_ids[i] = s[i].status ? 0 : s[i].ses;
	f.count = 4;
	f.status = 0;
	f.sesid = nses_ids;
	for (i = 0; i < 4; i++)
		if (!nses_ids[i])
			nses_ids[i] = 0xfffffff0;	/* never an id */
	err = xioctl(fd, CIOCNFSESSION, &f);
	if (err)
		return err;
	return -first;
}

/* 5^3 mod 23 = 10: one byte each, little-endian. */
static int run_key(void)
{
	struct crypt_kop k;
	uint8_t b = 5, e = 3, m = 23, r = 0;
	int err;

	memset(&k, 0, sizeof(k));
	k.crk_op = CRK_MOD_EXP;
	k.crk_iparams = 3;
	k.crk_oparams = 1;
	k.crk_param[0].crp_p = &b;
	k.crk_param[0].crp_nbits = 8;
	k.crk_param[1].crp_p = &e;
	k.crk_param[1].crp_nbits = 8;
	k.crk_param[2].crp_p = &m;
	k.crk_param[2].crp_nbits = 8;
	k.crk_param[3].crp_p = &r;
	k.crk_param[3].crp_nbits = 8;
	err = xioctl(fd, CIOCKEY, &k);
	if (!err && k.crk_status)
		err = -(int)k.crk_status;
	dst[0] = r;
	return err;
}

/* Algorithm of the session each operation uses. */
struct fcase {
	struct fop op;
	uint32_t cipher, klen, mac, mklen, crid;
};

#define OP(n, su, ru, td, ol, ml) { n, su, ru, td, ol, ml }
static const struct fcase cases[] = {
	{ .op = OP("open and close /dev/crypto", setup_none, run_open,
	     teardown_none, 0, 0) },
	{ .op = OP("CRIOGET", setup_none, run_crioget, teardown_none, 0, 0) },
	{ .op = OP("CIOCGSESSION aes-cbc", setup_none, run_newsession, free_s1,
	     0, 0),
	  .cipher = CRYPTO_AES_CBC,
	  .klen = 16 },
	{ .op = OP("CIOCGSESSION aes-xts", setup_none, run_newsession, free_s1,
	     0, 0),
	  .cipher = CRYPTO_AES_XTS,
	  .klen = 32 },
	{ .op = OP("CIOCGSESSION hmac-sha256", setup_none, run_newsession,
	     free_s1, 0, 0),
	  .cipher = 0,
	  .klen = 0,
	  .mac = CRYPTO_SHA2_256_HMAC,
	  .mklen = 32 },
	{ .op = OP("CIOCGSESSION aes-cbc + hmac-sha1", setup_none, run_newsession,
	     free_s1, 0, 0),
	  .cipher = CRYPTO_AES_CBC,
	  .klen = 16,
	  .mac = CRYPTO_SHA1_HMAC,
	  .mklen = 20 },
	{ .op = OP("CIOCGSESSION aes-gcm", setup_none, run_newsession, free_s1,
	     0, 0),
	  .cipher = CRYPTO_AES_GCM,
	  .klen = 16 },
	{ .op = OP("CIOCGSESSION deflate", setup_none, run_newsession, free_s1,
	     0, 0),
	  .cipher = CRYPTO_DEFLATE_COMP },
	{ .op = OP("CIOCGSESSION arc4", setup_none, run_newsession, free_s1,
	     0, 0),
	  .cipher = CRYPTO_ARC4,
	  .klen = 16 },
	{ .op = OP("CIOCCRYPT aes-cbc 64 bytes", setup_s1, run_crypt_small,
	     free_s1, 64, 0),
	  .cipher = CRYPTO_AES_CBC,
	  .klen = 16 },
	{ .op = OP("CIOCCRYPT aes-cbc 64 KiB in place (pinned pages)", setup_s1,
	     run_crypt_zc, free_s1, BUFSZ, 0),
	  .cipher = CRYPTO_AES_CBC,
	  .klen = 32 },
	{ .op = OP("CIOCCRYPT aes-ctr 64 KiB NO_ZC (bounce buffer)", setup_s1,
	     run_crypt_nozc, free_s1, BUFSZ, 0),
	  .cipher = CRYPTO_AES_CTR,
	  .klen = 16 },
	{ .op = OP("CIOCCRYPT aes-cbc + hmac-sha1", setup_s1, run_crypt_small,
	     free_s1, 64, 20),
	  .cipher = CRYPTO_AES_CBC,
	  .klen = 16,
	  .mac = CRYPTO_SHA1_HMAC,
	  .mklen = 20 },
	{ .op = OP("CIOCCRYPT sha256", setup_s1, run_hash, free_s1, 0, 32),
	  .cipher = 0,
	  .klen = 0,
	  .mac = CRYPTO_SHA2_256 },
	{ .op = OP("CIOCCRYPT hmac-sha512 UPDATE then FINAL", setup_s1,
	     run_hash_update, free_s1, 0, 64),
	  .cipher = 0,
	  .klen = 0,
	  .mac = CRYPTO_SHA2_512_HMAC,
	  .mklen = 64 },
	{ .op = OP("CIOCCPHASH sha1", setup_cphash, run_cphash, teardown_cphash,
	     0, 20),
	  .cipher = 0,
	  .klen = 0,
	  .mac = CRYPTO_SHA1 },
	{ .op = OP("CIOCAUTHCRYPT aes-gcm", setup_s1, run_aead, free_s1, 1024, 16),
	  .cipher = CRYPTO_AES_GCM,
	  .klen = 16 },
	{ .op = OP("CIOCCOMP deflate round trip", setup_s1, run_comp, free_s1,
	     8192, 0),
	  .cipher = CRYPTO_DEFLATE_COMP },
	{ .op = OP("CIOCASYNCCRYPT x4 and CIOCASYNCFETCH", setup_s1, run_async,
	     free_s1, 4096, 0),
	  .cipher = CRYPTO_AES_CBC,
	  .klen = 16 },
	{ .op = OP("CIOCNCRYPTM x4 and CIOCNCRYPTRETM", setup_s1, run_multi,
	     free_s1, 4096, 0),
	  .cipher = CRYPTO_AES_CBC,
	  .klen = 16 },
	{ .op = OP("CIOCNGSESSION x4 and CIOCNFSESSION", setup_none, run_nsession,
	     teardown_none, 0, 0) },
	{ .op = OP("CIOCKEY CRK_MOD_EXP", setup_none, run_key, teardown_none, 1,
	     0) },
	{ .op = OP("CIOCGSESSION aes-cbc on hardware", setup_none, run_newsession,
	     free_s1, 0, 0),
	  .cipher = CRYPTO_AES_CBC,
	  .klen = 16,
	  .mac = 0,
	  .mklen = 0,
	  .crid = CRYPTOCAP_F_HARDWARE },
	{ .op = OP("CIOCCRYPT aes-cbc 4 KiB on hardware", setup_s1, run_crypt_4k,
	     free_s1, 4096, 0),
	  .cipher = CRYPTO_AES_CBC,
	  .klen = 16,
	  .mac = 0,
	  .mklen = 0,
	  .crid = CRYPTOCAP_F_HARDWARE },
};

static void use(const struct fcase *c)
{
	cipher = c->cipher;
	klen = c->klen;
	mac_alg = c->mac;
	mklen = c->mklen;
	crid = c->crid;
}

/* Run once without injection; the output lands in dst and mac. */
static int clean_run(const struct fop *op)
{
	int err;

	memset(dst, 0, BUFSZ);
	memset(mac, 0, 64);
	err = op->setup();
	if (!err)
		err = op->run();
	op->teardown();
	return err;
}

static int same(const struct fop *op, const uint8_t *ref_out,
		const uint8_t *ref_mac)
{
	return !memcmp(dst, ref_out, op->outlen) &&
	       !memcmp(mac, ref_mac, op->maclen);
}

static void test_case(const struct fcase *c, uint8_t *ref_out,
		      uint8_t *ref_mac)
{
	const struct fop *op = &c->op;
	unsigned int nth, injected = 0, bad = 0, broken = 0, recovered = 0;
	unsigned long by_errno[160] = { 0 };
	int err, i;
	char errs[200] = "";
	size_t o = 0;

	use(c);
	err = clean_run(op);
	if (err) {
		if (c->crid && unsupported(err)) {
			skip("no hardware driver for it", "%s", op->name);
			return;
		}
		check(0, "%s: fails without injection (%s)", op->name,
		      strerror(-err));
		return;
	}
	memcpy(ref_out, dst, op->outlen);
	memcpy(ref_mac, mac, op->maclen);

	for (nth = 1; nth <= MAX_NTH; nth++) {
		memset(dst, 0, BUFSZ);
		memset(mac, 0, 64);
		err = op->setup();
		if (err) {
			ktap_diag("%s: set-up failed: %s", op->name,
				  strerror(-err));
			bad++;
			break;
		}
		arm(nth);
		err = op->run();
		i = disarm();
		op->teardown();
		if (!i) {
			/* No Nth allocation: the plain run, done. */
			if (err || !same(op, ref_out, ref_mac)) {
				ktap_diag("%s: run %u without failure: %s",
					  op->name, nth, err ? strerror(-err) :
					  "wrong output");
				bad++;
			}
			break;
		}
		injected++;
		if (-err < (int)ARRAY_LEN(by_errno))
			by_errno[-err]++;
		if (err == -ENOMEM) {
			/* the clean failure */
		} else if (!err) {
			/* A fallback path: the output must still be right. */
			if (!same(op, ref_out, ref_mac)) {
				ktap_diag("%s: allocation %u failed, the "
					  "operation succeeded with wrong output",
					  op->name, nth);
				bad++;
			}
		} else {
			if (bad < 3)
				ktap_diag("%s: allocation %u failed -> %s",
					  op->name, nth, strerror(-err));
			bad++;
		}
		/* The state must be whole: the next plain run gives the answer. */
		err = clean_run(op);
		if (err || !same(op, ref_out, ref_mac)) {
			if (broken < 3)
				ktap_diag("%s: after failing allocation %u, a "
					  "plain run gives %s", op->name, nth,
					  err ? strerror(-err) : "wrong output");
			broken++;
		} else {
			recovered++;
		}
	}
	injected_total += injected;
	for (i = 0; i < (int)ARRAY_LEN(by_errno); i++)
		if (by_errno[i] && o < sizeof(errs) - 40)
			o += snprintf(errs + o, sizeof(errs) - o, " %s x%lu",
				      i ? strerror(i) : "success", by_errno[i]);
	if (nth > MAX_NTH)
		ktap_diag("%s: still allocating after %u failures", op->name,
			  MAX_NTH);
	if (!injected && !bad) {
		/* Its allocations are made elsewhere (per file, workers). */
		check(1, "%s: no allocation through module code in the "
		      "caller's context, nothing to fail", op->name);
		return;
	}
	check(injected > 0 && !bad && !broken && nth <= MAX_NTH,
	      "%s: %u allocations failed one by one, each a clean error "
	      "(%s), state intact afterwards (%u/%u)", op->name, injected,
	      injected ? errs + 1 : "none", recovered, injected);
}

int main(int argc, char **argv)
{
	uint8_t *ref_out, *ref_mac;
	char why[300];
	unsigned int i;

	fd = cdev_open_or_skip();
	if (getuid() != 0)
		ktap_skip_all("fault injection needs root");
	if (!fi_setup(why, sizeof(why)))
		ktap_skip_all(why);

	ktap_plan(ARRAY_LEN(cases) + 1);
	src = xmalloc(BUFSZ);
	dst = xmalloc(BUFSZ);
	mac = xmalloc(64);
	ref_out = xmalloc(BUFSZ);
	ref_mac = xmalloc(64);
	rnd_fill(key, sizeof(key));
	rnd_fill(iv, sizeof(iv));
	/* Compressible text, so deflate has work to do. */
	for (i = 0; i < BUFSZ; i++)
		src[i] = "framework request session driver "[i % 34] ^
			 (i % 97 == 0);
	/* Touched now, so no page fault inside an injected ioctl. */
	memset(dst, 0, BUFSZ);
	for (i = 0; i < ARRAY_LEN(cases); i++)
		test_case(&cases[i], ref_out, ref_mac);
	ktap_diag("%lu allocation failures injected in all", injected_total);
	check(injected_total > 0, "failures were injected (%lu)",
	      injected_total);
	close(fd);
	close(nth_fd);
	return ktap_exit();
}
