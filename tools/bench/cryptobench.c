// SPDX-License-Identifier: GPL-2.0-only
/*
 * cryptobench: requests/s and MB/s of /dev/crypto (CIOCCRYPT,
 * CIOCAUTHCRYPT, the multi-request and the async ioctls) against AF_ALG
 * (libkcapi) and OpenSSL's libcrypto in-process, for 1 and more
 * processes.  Every output is compared with OpenSSL's result for the
 * same input, computed once per size.
 *
 * stdout: one "BENCH {json}" line per measurement, then a markdown table.
 * stderr: a progress line per measurement.
 * Exit status: 0 when every measurement that ran verified, 1 otherwise.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <crypto/cryptodev.h>
#include <kcapi.h>
#include <openssl/evp.h>
#include <openssl/core_names.h>
#include <openssl/params.h>

#define MAX_SIZE	(64 * 1024)
#define TAG_LEN		16
#define MAX_SLOTS	16	/* requests per multi-request call / in flight */
#define MAX_PROCS	8

enum kind { K_CIPHER, K_AEAD, K_HASH };

struct alg {
	const char	*name;
	const char	*kname;		/* Linux crypto API (AF_ALG) name */
	enum kind	kind;
	uint32_t	cipher, mac;	/* /dev/crypto session */
	unsigned int	keylen, ivlen, outlen, block;
};

static const struct alg algs[] = {
	{ "aes-128-cbc", "cbc(aes)", K_CIPHER, CRYPTO_AES_CBC, 0, 16, 16, 0, 16 },
	{ "aes-128-gcm", "gcm(aes)", K_AEAD, CRYPTO_AES_GCM, 0, 16, 12, TAG_LEN, 1 },
	{ "sha256", "sha256", K_HASH, 0, CRYPTO_SHA2_256, 0, 0, 32, 1 },
	{ "hmac-sha256", "hmac(sha256)", K_HASH, 0, CRYPTO_SHA2_256_HMAC, 32, 0, 32, 1 },
	{ "null", "ecb(cipher_null)", K_CIPHER, CRYPTO_NULL, 0, 0, 0, 0, 1 },
};
#define NALGS	(sizeof(algs) / sizeof(algs[0]))

static const uint8_t key[32] = {
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
	0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
	0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
	0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
};
static const uint8_t iv0[16] = {
	0xf0, 0xe1, 0xd2, 0xc3, 0xb4, 0xa5, 0x96, 0x87,
	0x78, 0x69, 0x5a, 0x4b, 0x3c, 0x2d, 0x1e, 0x0f,
};

/* Settings. */
static unsigned int opt_msecs = 100;
static unsigned int opt_passes = 3;	/* interleaved repetitions */
static const char *opt_device = "/dev/crypto";
static const char *opt_driver;		/* OCF driver for CIOCGSESSION2 */
static bool opt_wordcmp;		/* -w: verify without memcmp() */
static int opt_crid;

/* One measurement's context, private to the process running it. */
struct ctx {
	const struct alg *a;
	unsigned int	size;
	const uint8_t	*src;		/* shared input */
	const uint8_t	*want;		/* expected output (ct||tag or digest) */
	unsigned int	wantlen;
	uint8_t		*dst[MAX_SLOTS];
	uint8_t		iv[MAX_SLOTS][16];
	int		fd;
	uint32_t	ses;
	struct kcapi_handle *kh;
	EVP_CIPHER_CTX	*ec;
	EVP_MD_CTX	*mc;
	EVP_MAC_CTX	*hc;
	const EVP_CIPHER *cipher;
	const EVP_MD	*md;
	unsigned long	errors;
	char		mismatch[64];
	char		driver[64];	/* OCF driver of the session */
	char		err[160];
};

struct path {
	const char	*name;
	const char	*what;
	bool		(*applies)(const struct alg *a);
	int		(*setup)(struct ctx *c);
	long		(*run)(struct ctx *c);	/* requests done, or -errno */
	void		(*teardown)(struct ctx *c);
};

static __attribute__((format(printf, 2, 3)))
int fail(struct ctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->err, sizeof(c->err), fmt, ap);
	va_end(ap);
	return -1;
}

#define CLOCK_EVERY_NS	100000ull	/* how often measure() reads the clock */

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

/*
 * -w: glibc picks an AVX2 memcmp(), which QEMU's TCG emulates at about
 * 75 us per 64 KiB, more than a device's work on it; a word loop is ~27.
 */
static bool same_bytes(const uint8_t *a, const uint8_t *b, size_t n)
{
	uint64_t x, y, diff = 0;
	size_t i;

	if (!opt_wordcmp)
		return !memcmp(a, b, n);
	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&x, a + i, 8);
		memcpy(&y, b + i, 8);
		diff |= x ^ y;
	}
	for (; i < n; i++)
		diff |= a[i] ^ b[i];
	return !diff;
}

static bool check_out(struct ctx *c, const uint8_t *got)
{
	unsigned int i;

	if (same_bytes(got, c->want, c->wantlen))
		return true;
	if (!c->errors++) {
		for (i = 0; i < c->wantlen && got[i] == c->want[i]; i++)
			;
		snprintf(c->mismatch, sizeof(c->mismatch),
			 "first differs at byte %u of %u (%02x, want %02x)",
			 i, c->wantlen, got[i], c->want[i]);
	}
	return false;
}

/* ---- OpenSSL: the reference, and a path of its own ---- */

static const EVP_CIPHER *ossl_cipher(const struct alg *a)
{
	if (!strcmp(a->name, "aes-128-cbc"))
		return EVP_aes_128_cbc();
	if (!strcmp(a->name, "aes-128-gcm"))
		return EVP_aes_128_gcm();
	return EVP_enc_null();
}

static int ossl_setup(struct ctx *c)
{
	const struct alg *a = c->a;
	OSSL_PARAM p[2];
	EVP_MAC *mac;

	if (a->kind == K_HASH && a->keylen) {
		mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
		c->hc = mac ? EVP_MAC_CTX_new(mac) : NULL;
		EVP_MAC_free(mac);
		p[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
							"SHA256", 0);
		p[1] = OSSL_PARAM_construct_end();
		if (!c->hc || !EVP_MAC_init(c->hc, key, a->keylen, p))
			return fail(c, "EVP_MAC HMAC-SHA256 failed");
	} else if (a->kind == K_HASH) {
		c->md = EVP_sha256();
		c->mc = EVP_MD_CTX_new();
		if (!c->mc)
			return fail(c, "EVP_MD_CTX_new failed");
	} else {
		c->cipher = ossl_cipher(a);
		c->ec = EVP_CIPHER_CTX_new();
		if (!c->ec || !EVP_EncryptInit_ex(c->ec, c->cipher, NULL, key,
						  a->ivlen ? iv0 : NULL))
			return fail(c, "EVP_EncryptInit failed");
		EVP_CIPHER_CTX_set_padding(c->ec, 0);
	}
	return 0;
}

/* One request through OpenSSL into out (ct||tag or digest). */
static int ossl_one(struct ctx *c, uint8_t *out)
{
	const struct alg *a = c->a;
	unsigned int mdlen;
	size_t maclen;
	int n, m;

	if (c->hc) {
		return EVP_MAC_init(c->hc, NULL, 0, NULL) &&
		       EVP_MAC_update(c->hc, c->src, c->size) &&
		       EVP_MAC_final(c->hc, out, &maclen, 32) ? 0 : -1;
	}
	if (c->mc) {
		return EVP_DigestInit_ex(c->mc, c->md, NULL) &&
		       EVP_DigestUpdate(c->mc, c->src, c->size) &&
		       EVP_DigestFinal_ex(c->mc, out, &mdlen) ? 0 : -1;
	}
	/* Same key, fresh IV: every request has the same output. */
	if (!EVP_EncryptInit_ex(c->ec, NULL, NULL, NULL, a->ivlen ? iv0 : NULL) ||
	    !EVP_EncryptUpdate(c->ec, out, &n, c->src, c->size) ||
	    !EVP_EncryptFinal_ex(c->ec, out + n, &m))
		return -1;
	if (a->kind == K_AEAD &&
	    !EVP_CIPHER_CTX_ctrl(c->ec, EVP_CTRL_AEAD_GET_TAG, TAG_LEN,
				 out + c->size))
		return -1;
	return 0;
}

static long ossl_run(struct ctx *c)
{
	if (ossl_one(c, c->dst[0]))
		return fail(c, "OpenSSL operation failed");
	return check_out(c, c->dst[0]) ? 1 : 0;
}

static void ossl_teardown(struct ctx *c)
{
	EVP_CIPHER_CTX_free(c->ec);
	EVP_MD_CTX_free(c->mc);
	EVP_MAC_CTX_free(c->hc);
	c->ec = NULL;
	c->mc = NULL;
	c->hc = NULL;
}

static bool any_alg(const struct alg *a)
{
	(void)a;
	return true;
}

/* ---- AF_ALG through libkcapi ---- */

static int afalg_setup(struct ctx *c)
{
	const struct alg *a = c->a;
	int err;

	switch (a->kind) {
	case K_CIPHER:
		err = kcapi_cipher_init(&c->kh, a->kname, 0);
		if (!err && a->keylen)
			err = kcapi_cipher_setkey(c->kh, key, a->keylen);
		break;
	case K_AEAD:
		err = kcapi_aead_init(&c->kh, a->kname, 0);
		if (!err)
			err = kcapi_aead_setkey(c->kh, key, a->keylen);
		if (!err)
			err = kcapi_aead_settaglen(c->kh, TAG_LEN);
		if (!err)
			kcapi_aead_setassoclen(c->kh, 0);
		break;
	default:
		err = kcapi_md_init(&c->kh, a->kname, 0);
		if (!err && a->keylen)
			err = kcapi_md_setkey(c->kh, key, a->keylen);
		break;
	}
	if (err) {
		c->kh = NULL;
		return fail(c, "AF_ALG %s: %s", a->kname, strerror(-err));
	}
	return 0;
}

static long afalg_run(struct ctx *c)
{
	const struct alg *a = c->a;
	uint8_t *out = c->dst[0];
	ssize_t n;

	memcpy(c->iv[0], iv0, 16);
	switch (a->kind) {
	case K_CIPHER:
		n = kcapi_cipher_encrypt(c->kh, c->src, c->size,
					 a->ivlen ? c->iv[0] : NULL, out,
					 c->size, KCAPI_ACCESS_HEURISTIC);
		break;
	case K_AEAD:
		n = kcapi_aead_encrypt(c->kh, c->src, c->size, c->iv[0], out,
				       c->size + TAG_LEN,
				       KCAPI_ACCESS_HEURISTIC);
		break;
	default:
		n = kcapi_md_digest(c->kh, c->src, c->size, out, a->outlen);
		break;
	}
	if (n < 0)
		return fail(c, "AF_ALG: %s", strerror((int)-n));
	return check_out(c, out) ? 1 : 0;
}

static void afalg_teardown(struct ctx *c)
{
	if (!c->kh)
		return;
	switch (c->a->kind) {
	case K_CIPHER:
		kcapi_cipher_destroy(c->kh);
		break;
	case K_AEAD:
		kcapi_aead_destroy(c->kh);
		break;
	default:
		kcapi_md_destroy(c->kh);
		break;
	}
	c->kh = NULL;
}

/* ---- /dev/crypto ---- */

static int cdev_open_session(struct ctx *c)
{
	const struct alg *a = c->a;
	struct session2_op s = { 0 };
	struct session_info_op si;

	c->fd = open(opt_device, O_RDWR | O_CLOEXEC);
	if (c->fd < 0)
		return fail(c, "%s: %s", opt_device, strerror(errno));
	s.cipher = a->cipher;
	s.mac = a->mac;
	if (a->cipher) {
		s.keylen = a->keylen;
		s.key = (uint8_t *)key;
	} else if (a->keylen) {
		s.mackeylen = a->keylen;
		s.mackey = (uint8_t *)key;
	}
	if (opt_crid) {
		s.crid = opt_crid;
		if (ioctl(c->fd, CIOCGSESSION2, &s))
			return fail(c, "CIOCGSESSION2: %s", strerror(errno));
	} else if (ioctl(c->fd, CIOCGSESSION, &s)) {
		return fail(c, "CIOCGSESSION: %s", strerror(errno));
	}
	c->ses = s.ses;
	/* Which driver the session landed on, for the report. */
	memset(&si, 0, sizeof(si));
	si.ses = c->ses;
	if (!ioctl(c->fd, CIOCGSESSINFO, &si))
		snprintf(c->driver, sizeof(c->driver), "%s",
			 a->cipher ? si.cipher_info.cra_driver_name :
				     si.hash_info.cra_driver_name);
	return 0;
}

static void cdev_teardown(struct ctx *c)
{
	if (c->fd < 0)
		return;
	if (c->ses)
		ioctl(c->fd, CIOCFSESSION, &c->ses);
	close(c->fd);
	c->fd = -1;
	c->ses = 0;
}

static void cop_fill(struct ctx *c, struct crypt_op *op, int slot)
{
	const struct alg *a = c->a;

	memset(op, 0, sizeof(*op));
	op->ses = c->ses;
	op->op = COP_ENCRYPT;
	op->len = c->size;
	op->src = (uint8_t *)c->src;
	if (a->kind == K_HASH) {
		op->mac = c->dst[slot];
	} else {
		op->dst = c->dst[slot];
		if (a->ivlen) {
			memcpy(c->iv[slot], iv0, 16);
			op->iv = c->iv[slot];
		}
	}
}

static long cdev_run(struct ctx *c)
{
	struct crypt_auth_op ao;
	struct crypt_op op;

	if (c->a->kind == K_AEAD) {
		memset(&ao, 0, sizeof(ao));
		memcpy(c->iv[0], iv0, 16);
		ao.ses = c->ses;
		ao.op = COP_ENCRYPT;
		ao.len = c->size;
		ao.src = (uint8_t *)c->src;
		ao.dst = c->dst[0];
		ao.tag_len = TAG_LEN;
		ao.iv = c->iv[0];
		ao.iv_len = 12;
		if (ioctl(c->fd, CIOCAUTHCRYPT, &ao))
			return fail(c, "CIOCAUTHCRYPT: %s", strerror(errno));
	} else {
		cop_fill(c, &op, 0);
		if (ioctl(c->fd, CIOCCRYPT, &op))
			return fail(c, "CIOCCRYPT: %s", strerror(errno));
	}
	return check_out(c, c->dst[0]) ? 1 : 0;
}

static bool not_aead(const struct alg *a)
{
	return a->kind != K_AEAD;
}

/* Async: keep MAX_SLOTS requests in flight, fetch in completion order. */
static long cdev_async_run(struct ctx *c)
{
	struct pollfd pfd = { .fd = c->fd, .events = POLLIN };
	struct crypt_op op;
	long done = 0;
	int i, inflight = 0;

	for (i = 0; i < MAX_SLOTS; i++) {
		cop_fill(c, &op, i);
		if (ioctl(c->fd, CIOCASYNCCRYPT, &op)) {
			if (errno == EBUSY && inflight)
				break;
			return fail(c, "CIOCASYNCCRYPT: %s", strerror(errno));
		}
		inflight++;
	}
	while (inflight) {
		if (ioctl(c->fd, CIOCASYNCFETCH, &op)) {
			if (errno != EBUSY)
				return fail(c, "CIOCASYNCFETCH: %s",
					    strerror(errno));
			if (poll(&pfd, 1, 5000) <= 0)
				return fail(c, "async: nothing completed in 5 s");
			continue;
		}
		inflight--;
		done += check_out(c, c->a->kind == K_HASH ? op.mac : op.dst);
	}
	return done;
}

/* A request that reports an error instead of a result. */
static void req_failed(struct ctx *c, const char *when, int status)
{
	if (!c->errors++)
		snprintf(c->mismatch, sizeof(c->mismatch),
			 "first failed at %s: %s", when, strerror(status));
}

/* Multi-request: MAX_SLOTS requests per CIOCNCRYPTM, then collect them. */
static long cdev_multi_run(struct ctx *c)
{
	struct pollfd pfd = { .fd = c->fd, .events = POLLIN };
	struct crypt_n_op reqs[MAX_SLOTS];
	struct crypt_result res[MAX_SLOTS];
	struct crypt_mop mop = { .count = MAX_SLOTS, .reqs = reqs };
	struct cryptret ret;
	unsigned int i, got = 0;
	long done = 0;

	for (i = 0; i < MAX_SLOTS; i++) {
		struct crypt_op op;

		cop_fill(c, &op, i);
		memset(&reqs[i], 0, sizeof(reqs[i]));
		reqs[i].ses = op.ses;
		reqs[i].op = op.op;
		reqs[i].len = op.len;
		reqs[i].src = op.src;
		reqs[i].dst = op.dst;
		reqs[i].mac = op.mac;
		reqs[i].iv = op.iv;
		reqs[i].opaque = i;
	}
	if (ioctl(c->fd, CIOCNCRYPTM, &mop))
		return fail(c, "CIOCNCRYPTM: %s", strerror(errno));
	for (i = 0; i < MAX_SLOTS; i++)
		if (reqs[i].status) {
			/* Failed at submission: no result follows. */
			req_failed(c, "submit", reqs[i].status);
			got++;
		}
	while (got < MAX_SLOTS) {
		ret.count = MAX_SLOTS;
		ret.results = res;
		if (ioctl(c->fd, CIOCNCRYPTRETM, &ret)) {
			if (errno != EBUSY && errno != EAGAIN)
				return fail(c, "CIOCNCRYPTRETM: %s",
					    strerror(errno));
			ret.count = 0;
		}
		if (!ret.count) {
			if (poll(&pfd, 1, 5000) <= 0)
				return fail(c, "multi: nothing completed in 5 s");
			continue;
		}
		for (i = 0; i < ret.count && i < MAX_SLOTS; i++) {
			uint64_t k = res[i].opaque;

			got++;
			if (res[i].status || k >= MAX_SLOTS) {
				req_failed(c, "result", res[i].status ?
					   res[i].status : ERANGE);
				continue;
			}
			done += check_out(c, c->dst[k]);
		}
	}
	return done;
}

/* The cheapest call into the driver: an unknown command (ENOTTY). */
static long noop_run(struct ctx *c)
{
	if (ioctl(c->fd, _IOWR('c', 250, struct crypt_op), NULL) != -1 ||
	    errno != ENOTTY)
		return fail(c, "unknown ioctl did not fail with ENOTTY");
	return 1;
}

/* A CIOCCRYPT that copies its argument in and fails the session look-up. */
static long badses_run(struct ctx *c)
{
	struct crypt_op op = { .ses = 0xfffffff0u, .len = 16 };

	if (ioctl(c->fd, CIOCCRYPT, &op) != -1 || errno != EINVAL)
		return fail(c, "CIOCCRYPT on a bad session: %s",
			    errno ? strerror(errno) : "succeeded");
	return 1;
}

static int noop_setup(struct ctx *c)
{
	c->fd = open(opt_device, O_RDWR | O_CLOEXEC);
	if (c->fd < 0)
		return fail(c, "%s: %s", opt_device, strerror(errno));
	return 0;
}

static bool only_null(const struct alg *a)
{
	/* Baselines do no crypto: measured once, listed under "null". */
	return a->cipher == CRYPTO_NULL;
}

static const struct path paths[] = {
	{ "cdev", "/dev/crypto CIOCCRYPT (CIOCAUTHCRYPT for GCM), one request per call",
	  any_alg, cdev_open_session, cdev_run, cdev_teardown },
	{ "cdev-multi", "/dev/crypto CIOCNCRYPTM with 16 requests + CIOCNCRYPTRETM",
	  not_aead, cdev_open_session, cdev_multi_run, cdev_teardown },
	{ "cdev-async", "/dev/crypto CIOCASYNCCRYPT x16 in flight + CIOCASYNCFETCH",
	  not_aead, cdev_open_session, cdev_async_run, cdev_teardown },
	{ "afalg", "AF_ALG through libkcapi, one-shot calls",
	  any_alg, afalg_setup, afalg_run, afalg_teardown },
	{ "openssl", "OpenSSL libcrypto EVP in-process",
	  any_alg, ossl_setup, ossl_run, ossl_teardown },
	{ "noop", "/dev/crypto unknown ioctl (ENOTTY): the system-call floor",
	  only_null, noop_setup, noop_run, cdev_teardown },
	{ "badses", "/dev/crypto CIOCCRYPT on an unknown session (EINVAL)",
	  only_null, noop_setup, badses_run, cdev_teardown },
};
#define NPATHS	(sizeof(paths) / sizeof(paths[0]))

struct result {
	uint64_t	ops, ns, errors;
	int		status;		/* 0 ok, 1 unavailable, 2 failed */
	double		rate;		/* req/s: median over the passes */
	char		driver[64];
	char		err[160];
};

static uint8_t *input;

static void ctx_init(struct ctx *c, const struct alg *a, unsigned int size,
		     const uint8_t *want)
{
	int i;

	memset(c, 0, sizeof(*c));
	c->a = a;
	c->size = size;
	c->src = input;
	c->want = want;
	c->wantlen = a->kind == K_HASH ? a->outlen :
		     size + (a->kind == K_AEAD ? TAG_LEN : 0);
	c->fd = -1;
	for (i = 0; i < MAX_SLOTS; i++) {
		if (posix_memalign((void **)&c->dst[i], 4096, MAX_SIZE + 4096)) {
			fprintf(stderr, "out of memory\n");
			exit(2);
		}
		memset(c->dst[i], 0xa5, MAX_SIZE + 4096);
	}
}

static void ctx_free(struct ctx *c)
{
	int i;

	for (i = 0; i < MAX_SLOTS; i++)
		free(c->dst[i]);
}

/* Is this path missing rather than broken? */
static bool unavailable(const struct path *p, const char *err)
{
	if (strstr(err, "Not supported") || strstr(err, "not supported") ||
	    strstr(err, "No such file") || strstr(err, "No such device"))
		return true;
	/* An ioctl the driver does not have. */
	if (strstr(err, "Inappropriate ioctl"))
		return true;
	(void)p;
	return false;
}

/* Measure in this process; `go` is called between set-up and timing. */
static void measure(const struct path *p, const struct alg *a,
		    unsigned int size, const uint8_t *want, struct result *r,
		    int ready_fd, int go_fd)
{
	uint64_t start, end, budget = (uint64_t)opt_msecs * 1000000ull;
	struct ctx c;
	char b = 0;
	long n;

	memset(r, 0, sizeof(*r));
	ctx_init(&c, a, size, want);
	if (p->setup(&c)) {
		r->status = unavailable(p, c.err) ? 1 : 2;
		snprintf(r->err, sizeof(r->err), "%s", c.err);
		p->teardown(&c);
		ctx_free(&c);
		if (ready_fd >= 0 && write(ready_fd, "n", 1) != 1)
			exit(2);
		return;
	}
	/* One request before timing: warms caches, catches hard errors. */
	n = p->run(&c);
	if (n >= 0 && ready_fd >= 0) {
		if (write(ready_fd, "y", 1) != 1 || read(go_fd, &b, 1) != 1)
			exit(2);
	} else if (ready_fd >= 0 && write(ready_fd, "n", 1) != 1) {
		exit(2);
	}
	if (n >= 0 && b != 'x') {
		unsigned long calls = 0, every = 1;
		uint64_t prev;

		c.errors = 0;
		start = now_ns();
		end = start;
		while (end - start < budget) {
			n = p->run(&c);
			if (n < 0)
				break;
			r->ops += n;
			/*
			 * The clock about every CLOCK_EVERY_NS, not every
			 * call: where the kernel's clocksource is the HPET
			 * (6.1 under TCG) one read costs more than a small
			 * request.
			 */
			if (++calls < every)
				continue;
			calls = 0;
			prev = end;
			end = now_ns();
			if (end - prev < CLOCK_EVERY_NS && every < 4096)
				every *= 2;
		}
		r->ns = now_ns() - start;
	}
	r->errors = c.errors;
	memcpy(r->driver, c.driver, sizeof(r->driver));
	if (n < 0) {
		r->status = unavailable(p, c.err) ? 1 : 2;
		snprintf(r->err, sizeof(r->err), "%s", c.err);
	} else if (c.errors) {
		r->status = 2;
		snprintf(r->err, sizeof(r->err),
			 "%lu requests failed or differ from OpenSSL, %s",
			 c.errors,
			 c.mismatch);
	}
	p->teardown(&c);
	ctx_free(&c);
}

/* Run `procs` copies at once; the result sums their rates. */
static void measure_procs(const struct path *p, const struct alg *a,
			  unsigned int size, const uint8_t *want,
			  unsigned int procs, struct result *sum)
{
	int ready[2], go[2], outp[MAX_PROCS][2];
	pid_t pid[MAX_PROCS];
	struct result r[MAX_PROCS];
	double rate = 0;
	unsigned int i, ok = 0;
	char b;

	if (procs == 1) {
		measure(p, a, size, want, sum, -1, -1);
		return;
	}
	if (pipe(ready) || pipe(go)) {
		perror("pipe");
		exit(2);
	}
	for (i = 0; i < procs; i++) {
		if (pipe(outp[i])) {
			perror("pipe");
			exit(2);
		}
		fflush(NULL);
		pid[i] = fork();
		if (pid[i] < 0) {
			perror("fork");
			exit(2);
		}
		if (!pid[i]) {
			close(ready[0]);
			close(go[1]);
			close(outp[i][0]);
			measure(p, a, size, want, &r[0], ready[1], go[0]);
			if (write(outp[i][1], &r[0], sizeof(r[0])) !=
			    sizeof(r[0]))
				_exit(2);
			_exit(0);
		}
		close(outp[i][1]);
	}
	close(ready[1]);
	close(go[0]);
	for (i = 0; i < procs; i++)
		if (read(ready[0], &b, 1) == 1 && b == 'y')
			ok++;
	/* Start all together, or none when one failed to set up. */
	memset(&b, ok == procs ? 'g' : 'x', 1);
	for (i = 0; i < procs; i++)
		if (write(go[1], &b, 1) != 1)
			break;
	close(go[1]);
	close(ready[0]);
	memset(sum, 0, sizeof(*sum));
	for (i = 0; i < procs; i++) {
		if (read(outp[i][0], &r[i], sizeof(r[i])) != sizeof(r[i])) {
			memset(&r[i], 0, sizeof(r[i]));
			r[i].status = 2;
			snprintf(r[i].err, sizeof(r[i].err), "worker died");
		}
		close(outp[i][0]);
		waitpid(pid[i], NULL, 0);
		if (r[i].status > sum->status) {
			sum->status = r[i].status;
			memcpy(sum->err, r[i].err, sizeof(sum->err));
		}
		if (!sum->driver[0])
			memcpy(sum->driver, r[i].driver, sizeof(sum->driver));
		sum->ops += r[i].ops;
		sum->errors += r[i].errors;
		if (r[i].ns > sum->ns)
			sum->ns = r[i].ns;
		if (r[i].ns)
			rate += (double)r[i].ops / r[i].ns;
	}
	/* Aggregate rate: report ops over the longest worker's time. */
	if (sum->ns)
		sum->ops = (uint64_t)(rate * sum->ns + 0.5);
}

/* ---- expected outputs ---- */

static int expected(const struct alg *a, unsigned int size, uint8_t *want)
{
	struct ctx c;
	int err;

	ctx_init(&c, a, size, NULL);
	err = ossl_setup(&c) || ossl_one(&c, want);
	ossl_teardown(&c);
	ctx_free(&c);
	return err;
}

/* ---- output ---- */

/*
 * Requests each OCF driver served, from the framework's statistics: a
 * session's requests may run on another driver than the one it was
 * built on (routing by size), so the session's driver alone can mislead.
 */
#define OCF_DRIVERS_FILE	"/sys/kernel/debug/ocf/drivers"
#define MAX_SERVED		8

struct served {
	unsigned int		n;
	char			name[MAX_SERVED][32];
	unsigned long long	requests[MAX_SERVED];
};

static unsigned long long *served_slot(struct served *s, const char *name)
{
	unsigned int i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->name[i], name))
			return &s->requests[i];
	if (s->n == MAX_SERVED)
		return NULL;
	snprintf(s->name[s->n], sizeof(s->name[0]), "%s", name);
	s->requests[s->n] = 0;
	return &s->requests[s->n++];
}

/* Column @col (0-based, blank-separated) of @line, copied to @out. */
static bool column(const char *line, int col, char *out, size_t outlen)
{
	size_t len;

	for (;;) {
		line += strspn(line, " \t");
		len = strcspn(line, " \t\n");
		if (!len)
			return false;
		if (!col--)
			break;
		line += len;
	}
	snprintf(out, outlen, "%.*s", (int)len, line);
	return true;
}

/* The per-driver request counts now; empty without debugfs. */
static void served_read(struct served *s)
{
	char line[512], word[32], name[32];
	int c, name_col = -1, req_col = -1;
	unsigned long long *slot;
	FILE *f = fopen(OCF_DRIVERS_FILE, "r");

	memset(s, 0, sizeof(*s));
	if (!f)
		return;
	if (fgets(line, sizeof(line), f))
		for (c = 0; column(line, c, word, sizeof(word)); c++) {
			if (!strcmp(word, "name"))
				name_col = c;
			else if (!strcmp(word, "requests"))
				req_col = c;
		}
	while (name_col >= 0 && req_col >= 0 && fgets(line, sizeof(line), f))
		if (column(line, name_col, name, sizeof(name)) &&
		    column(line, req_col, word, sizeof(word)) &&
		    (slot = served_slot(s, name)))
			*slot = strtoull(word, NULL, 10);
	fclose(f);
}

/* @acc += @after - @before, driver by driver. */
static void served_add(struct served *acc, const struct served *before,
		       const struct served *after)
{
	unsigned long long *slot, was;
	unsigned int i, k;

	for (i = 0; i < after->n; i++) {
		was = 0;
		for (k = 0; k < before->n; k++)
			if (!strcmp(before->name[k], after->name[i]))
				was = before->requests[k];
		if (after->requests[i] > was &&
		    (slot = served_slot(acc, after->name[i])))
			*slot += after->requests[i] - was;
	}
}

struct row {
	char		path[48];	/* path, @driver when one was forced */
	const char	*alg;
	unsigned int	size, procs;
	struct result	r;
	struct served	served;		/* requests per OCF driver */
};

static struct row *rows;
static size_t nrows, rows_cap;

static double ops_per_s(const struct result *r)
{
	return r->ns ? r->ops * 1e9 / r->ns : 0;
}

static double row_rate(const struct row *w)
{
	return w->r.status ? 0 : w->r.rate;
}

static void emit_json(FILE *f, const struct row *w)
{
	static const char *const st[] = { "ok", "unavailable", "failed" };
	double ops = row_rate(w);
	const char *e;
	unsigned int i;

	fprintf(f, "{\"layer\":\"user\",\"path\":\"%s\",\"alg\":\"%s\",\"size\":%u,\"procs\":%u,\"passes\":%u,\"ops\":%llu,\"ns\":%llu,\"ops_per_s\":%.1f,\"mb_per_s\":%.3f,\"verified\":%llu,\"errors\":%llu,\"driver\":\"%.63s\",\"status\":\"%s\",\"error\":\"",
		w->path, w->alg, w->size, w->procs, opt_passes,
		(unsigned long long)w->r.ops, (unsigned long long)w->r.ns,
		ops, ops * w->size / 1e6,
		(unsigned long long)(w->r.status ? 0 : w->r.ops),
		(unsigned long long)w->r.errors, w->r.driver, st[w->r.status]);
	for (e = w->r.err; *e; e++)
		if (*e != '"' && *e != '\\' && (unsigned char)*e >= 0x20)
			fputc(*e, f);
	fputs("\",\"served\":{", f);
	for (i = 0; i < w->served.n; i++)
		fprintf(f, "%s\"%s\":%llu", i ? "," : "", w->served.name[i],
			w->served.requests[i]);
	fputs("}}", f);
}

static void add_row(const char *path, const char *alg, unsigned int size,
		    unsigned int procs, const struct result *r,
		    const struct served *served)
{
	if (nrows == rows_cap) {
		rows_cap = rows_cap ? rows_cap * 2 : 64;
		rows = realloc(rows, rows_cap * sizeof(*rows));
		if (!rows) {
			fprintf(stderr, "out of memory\n");
			exit(2);
		}
	}
	/* Sessions pinned to a driver are a path of their own. */
	snprintf(rows[nrows].path, sizeof(rows[nrows].path), "%s%s%s", path,
		 opt_driver && !strncmp(path, "cdev", 4) ? "@" : "",
		 opt_driver && !strncmp(path, "cdev", 4) ? opt_driver : "");
	rows[nrows].alg = alg;
	rows[nrows].size = size;
	rows[nrows].procs = procs;
	rows[nrows].r = *r;
	rows[nrows].served = *served;
	fputs("BENCH ", stdout);
	emit_json(stdout, &rows[nrows]);
	fputc('\n', stdout);
	fflush(stdout);
	nrows++;
}

static void markdown(FILE *f)
{
	size_t i;

	fprintf(f, "| path | alg | bytes | procs | req/s | MB/s | status |\n");
	fprintf(f, "|---|---|---:|---:|---:|---:|---|\n");
	for (i = 0; i < nrows; i++) {
		const struct row *w = &rows[i];
		double ops = row_rate(w);

		fprintf(f, "| %s | %s | %u | %u | %.0f | %.2f | %s%s%s |\n",
			w->path, w->alg, w->size, w->procs, ops,
			ops * w->size / 1e6,
			w->r.status == 0 ? "ok" :
			w->r.status == 1 ? "n/a" : "FAILED",
			w->r.err[0] ? ": " : "", w->r.err);
	}
}

/* ---- main ---- */

static bool in_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p = list;

	if (!list || !strcmp(list, "all"))
		return true;
	while (p && *p) {
		if (!strncmp(p, name, n) && (p[n] == ',' || !p[n]))
			return true;
		p = strchr(p, ',');
		if (p)
			p++;
	}
	return false;
}

static int parse_list(const char *s, unsigned int *v, int max)
{
	int n = 0;
	char *end;

	while (*s && n < max) {
		v[n++] = strtoul(s, &end, 0);
		if (*end == 'k' || *end == 'K') {
			v[n - 1] *= 1024;
			end++;
		}
		if (*end != ',' && *end)
			return -1;
		s = *end ? end + 1 : end;
	}
	return n;
}

static void list_drivers(void)
{
	struct crypt_find_op fo;
	int fd = open(opt_device, O_RDWR), id;

	if (fd < 0) {
		perror(opt_device);
		exit(1);
	}
	for (id = 1; id < 64; id++) {
		memset(&fo, 0, sizeof(fo));
		fo.crid = id;
		if (!ioctl(fd, CIOCFINDDEV, &fo))
			printf("%d %.*s\n", id, (int)sizeof(fo.name), fo.name);
	}
	close(fd);
	exit(0);
}

static int find_driver(const char *name)
{
	struct crypt_find_op fo = { .crid = -1 };
	int fd = open(opt_device, O_RDWR);

	if (fd < 0)
		return -1;
	snprintf(fo.name, sizeof(fo.name), "%s", name);
	if (ioctl(fd, CIOCFINDDEV, &fo))
		fo.crid = -1;
	close(fd);
	return fo.crid;
}

#define MAX_JOBS	1024
#define MAX_PASSES	9

struct job {
	const struct alg	*a;
	const struct path	*p;
	bool			base;
	unsigned int		size, procs;
	double			rates[MAX_PASSES];
	struct result		sum;
	struct served		served;
};

static double median(const double *v, unsigned int n)
{
	double t[MAX_PASSES], x;
	unsigned int i, k;

	memcpy(t, v, n * sizeof(*t));
	for (i = 1; i < n; i++)
		for (k = i; k > 0 && t[k - 1] > t[k]; k--) {
			x = t[k];
			t[k] = t[k - 1];
			t[k - 1] = x;
		}
	return n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
}

static void usage(void)
{
	size_t i;

	fprintf(stderr,
		"usage: cryptobench [-a ALGS] [-p PATHS] [-s SIZES] [-n PROCS] [-t MSECS] [-r PASSES]\n"
		"                   [-d DRIVER] [-D DEVICE] [-j FILE.json] [-m FILE.md] [-l] [-w]\n"
		"  -a  comma list of algorithms (default all)\n"
		"  -p  comma list of paths (default all)\n"
		"  -s  sizes, e.g. 16,64,256,1k,4k,16k,64k (default)\n"
		"  -n  process counts, e.g. 1,2 (default)\n"
		"  -t  time per measurement and pass in ms (default 100)\n"
		"  -r  passes over all measurements, interleaved (default 3);\n"
		"      the rate reported is the median of the passes\n"
		"  -d  OCF driver for /dev/crypto sessions (CIOCGSESSION2)\n"
		"  -w  verify outputs with a word loop, not memcmp() (cheaper under TCG)\n"
		"  -l  list OCF drivers (CIOCFINDDEV) and exit\n"
		"algorithms:");
	for (i = 0; i < NALGS; i++)
		fprintf(stderr, " %s", algs[i].name);
	fprintf(stderr, "\npaths:\n");
	for (i = 0; i < NPATHS; i++)
		fprintf(stderr, "  %-11s %s\n", paths[i].name, paths[i].what);
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned int sizes[32] = { 16, 64, 256, 1024, 4096, 16384, 65536 };
	unsigned int procs[MAX_PROCS] = { 1, 2 };
	int nsizes = 7, nprocs = 2, opt, total = 0, step = 0, bad = 0;
	static struct job jobs[MAX_JOBS];
	unsigned int njobs = 0, pass;
	const char *alist = NULL, *plist = NULL, *jfile = NULL, *mfile = NULL;
	bool tty = isatty(2);
	uint8_t *want;
	size_t ai, pi, i;
	int si, ni;

	while ((opt = getopt(argc, argv, "a:p:s:n:t:r:d:D:j:m:lwh")) != -1) {
		switch (opt) {
		case 'a': alist = optarg; break;
		case 'p': plist = optarg; break;
		case 's':
			nsizes = parse_list(optarg, sizes, 32);
			if (nsizes <= 0)
				usage();
			break;
		case 'n':
			nprocs = parse_list(optarg, procs, MAX_PROCS);
			if (nprocs <= 0)
				usage();
			break;
		case 't': opt_msecs = strtoul(optarg, NULL, 0); break;
		case 'r':
			opt_passes = strtoul(optarg, NULL, 0);
			if (!opt_passes || opt_passes > MAX_PASSES)
				usage();
			break;
		case 'd': opt_driver = optarg; break;
		case 'D': opt_device = optarg; break;
		case 'j': jfile = optarg; break;
		case 'm': mfile = optarg; break;
		case 'l': list_drivers(); break;
		case 'w': opt_wordcmp = true; break;
		default: usage();
		}
	}
	for (si = 0; si < nsizes; si++)
		if (!sizes[si] || sizes[si] > MAX_SIZE)
			usage();
	for (ni = 0; ni < nprocs; ni++)
		if (!procs[ni] || procs[ni] > MAX_PROCS)
			usage();
	if (opt_driver) {
		opt_crid = find_driver(opt_driver);
		if (opt_crid < 0) {
			fprintf(stderr, "OCF driver %s not found\n", opt_driver);
			return 1;
		}
	}
	signal(SIGPIPE, SIG_IGN);
	if (posix_memalign((void **)&input, 4096, MAX_SIZE) ||
	    !(want = malloc(MAX_SIZE + TAG_LEN)))
		return 2;
	for (i = 0; i < MAX_SIZE; i++)
		input[i] = (uint8_t)(i * 7 + 3);

	/* Every measurement once per pass: drift hits all paths alike. */
	for (ai = 0; ai < NALGS; ai++) {
		const struct alg *a = &algs[ai];

		if (!in_list(alist, a->name))
			continue;
		for (si = 0; si < nsizes; si++) {
			for (pi = 0; pi < NPATHS; pi++) {
				const struct path *p = &paths[pi];
				bool base = p->run == noop_run ||
					    p->run == badses_run;

				if (!in_list(plist, p->name) || !p->applies(a) ||
				    (base && si))
					continue;
				for (ni = 0; ni < nprocs; ni++) {
					struct job *j;

					if (njobs == MAX_JOBS)
						usage();
					j = &jobs[njobs++];
					j->a = a;
					j->p = p;
					j->base = base;
					/* Block ciphers take whole blocks. */
					j->size = base ? 0 :
						(sizes[si] + a->block - 1) /
						a->block * a->block;
					j->procs = procs[ni];
				}
			}
		}
	}
	total = njobs * opt_passes;
	for (pass = 0; pass < opt_passes; pass++) {
		const struct alg *cur = NULL;
		unsigned int cur_size = ~0u;

		for (i = 0; i < njobs; i++) {
			struct job *j = &jobs[i];
			struct served before, after;
			struct result r;
			double rate;

			if (j->a != cur || j->size != cur_size) {
				cur = j->a;
				cur_size = j->size;
				if (expected(cur, cur_size ? cur_size : 16,
					     want)) {
					fprintf(stderr, "OpenSSL reference for %s failed\n",
						cur->name);
					return 2;
				}
			}
			served_read(&before);
			measure_procs(j->p, j->a, j->size, want, j->procs, &r);
			served_read(&after);
			served_add(&j->served, &before, &after);
			rate = ops_per_s(&r);
			j->rates[pass] = r.status ? 0 : rate;
			j->sum.ops += r.ops;
			j->sum.ns += r.ns;
			j->sum.errors += r.errors;
			if (!j->sum.driver[0])
				memcpy(j->sum.driver, r.driver, sizeof(r.driver));
			if (r.status > j->sum.status) {
				j->sum.status = r.status;
				memcpy(j->sum.err, r.err, sizeof(r.err));
			}
			fprintf(stderr, "%s[%d/%d] %-11s %-11s %6u B x%u: %10.0f req/s %9.2f MB/s %s%s",
				tty ? "\r\033[K" : "", ++step, total,
				j->p->name, j->a->name, j->size, j->procs,
				rate, rate * j->size / 1e6,
				r.status == 0 ? "ok" :
				r.status == 1 ? "n/a " : "FAILED ",
				r.status ? r.err : "");
			fputs(tty && !r.status ? "" : "\n", stderr);
		}
	}
	for (i = 0; i < njobs; i++) {
		struct job *j = &jobs[i];

		j->sum.rate = median(j->rates, opt_passes);
		add_row(j->p->name, j->base ? "none" : j->a->name, j->size,
			j->procs, &j->sum, &j->served);
		bad |= j->sum.status == 2;
	}
	if (tty)
		fputc('\n', stderr);

	markdown(stdout);
	if (mfile) {
		FILE *f = fopen(mfile, "w");

		if (!f) {
			perror(mfile);
			return 2;
		}
		markdown(f);
		fclose(f);
	}
	if (jfile) {
		FILE *f = fopen(jfile, "w");

		if (!f) {
			perror(jfile);
			return 2;
		}
		fputs("[\n", f);
		for (i = 0; i < nrows; i++) {
			fputs("  ", f);
			emit_json(f, &rows[i]);
			fputs(i + 1 < nrows ? ",\n" : "\n", f);
		}
		fputs("]\n", f);
		fclose(f);
	}
	free(want);
	free(rows);
	return bad;
}
