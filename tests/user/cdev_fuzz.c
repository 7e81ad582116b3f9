// SPDX-License-Identifier: GPL-2.0-only
/*
 * cdev-fuzz: a bounded, seeded ioctl fuzzer for /dev/crypto.  Several
 * processes issue random and structure-aware ioctls (valid sessions with
 * mutated fields, hostile pointers and lengths, random flags and ioctl
 * numbers), interleaved with fork, close/reopen, CRIOGET, SIGKILL of a
 * child in the middle of an operation, threads sharing a descriptor and
 * a session, buffers unmapped under a running ioctl, and flips of the
 * kern.* policy and of cryptodev's limits.
 * Checks: nothing dies of a signal we did not send, every ioctl and every
 * per-entry status of the multi-request ioctls gives 0 or an errno from
 * the documented set, shared sessions give right answers, no worker
 * hangs, cryptodev cannot be unloaded while in use and unloads and
 * reloads afterwards, and /dev/crypto still gives a known answer.  The
 * kernel log is judged by the harness.  `-s SEED` replays a run, `-n N`
 * sets operations per worker, `-p P` the number of workers, `-F PCT`
 * fails PCT% of our modules' allocations (debug kernel: failslab and
 * fail_page_alloc, filtered to calls from module code) during the run.
 */
#include <pthread.h>
#include <poll.h>
#include <signal.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "cdev_test.h"

#define DEF_OPS		6000
#define DEF_PROCS	3
#define MAX_SES		48
#define ARENA		(256 * 1024)
#define BIG_LEN		(1024 * 1024)
#define HANG_SECS	240

/*
 * Errnos an ioctl on /dev/crypto may return (docs/cryptodev.md):
 * EINVAL   malformed request (bad alg, key length, op, flags, length)
 * EFAULT   a pointer that cannot be read or written
 * ENOTTY   unknown ioctl number
 * ENOENT   CIOCFINDDEV without a match, unknown session/driver
 * ENOSPC   max_sessions reached; CIOCCOMP output does not fit
 * E2BIG    over max_op_len, or over 1024 entries in a multi-request
 * EBUSY    async limit reached or nothing to fetch
 * EBADMSG  a MAC/tag or TLS padding check failed
 * EPERM    kern.* policy (usercrypto, userasymcrypto, allowsoft, crid);
 *          fetching an async result from another process
 * EOPNOTSUPP no driver for the algorithm (crypto_newsession)
 * ENOMEM   an allocation failed (ops up to max_op_len may be copied)
 * ERANGE   DEFLATE_COMP_NOGROW input would not shrink
 * EINTR    a killable wait interrupted
 * EINPROGRESS CIOCNCRYPTRET on a request still running
 * Not allowed, because the driver must never report them to userland:
 * EAGAIN (session migration is followed inside cryptodev), EIO, ENODEV
 * (but see fz_kstatus()),
 * ENXIO, EOVERFLOW, EBADF (we never use a closed descriptor).
 */
static int errno_allowed(int e)
{
	switch (e) {
	case EINVAL: case EFAULT: case ENOTTY: case ENOENT: case ENOSPC:
	case E2BIG: case EBUSY: case EBADMSG: case EPERM: case EOPNOTSUPP:
	case ENOMEM: case ERANGE: case EINTR: case EINPROGRESS:
		return 1;
	}
	return 0;
}

/* Per worker, in shared memory so the parent can report. */
struct wstats {
	unsigned long	ioctls, ok, errs, forks, kills, statuses;
	unsigned long	threads, unmaps, shared_ok, shared_bad;
	unsigned int	bad_errno, bad_child;
	unsigned long	by_errno[160];	/* how each ioctl failed */
	char		first_bad[4][96];
	char		wrong_where[96];
};

static struct wstats *st;	/* this worker's slot */
static uint8_t *arena, *arena_end, *ro_page, *big;
static int fd = -1, fault_mode;
static uint32_t ses[MAX_SES];
static int nses;

static void note_bad(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static void note_bad(const char *fmt, ...)
{
	unsigned int i = st->bad_errno++;
	va_list ap;

	if (i >= ARRAY_LEN(st->first_bad))
		return;
	va_start(ap, fmt);
	vsnprintf(st->first_bad[i], sizeof(st->first_bad[i]), fmt, ap);
	va_end(ap);
}

static int fz_ioctl(int f, unsigned long req, void *arg, const char *name)
{
	int err = xioctl(f, req, arg);

	st->ioctls++;
	if (!err) {
		st->ok++;
	} else {
		st->errs++;
		if (-err < (int)ARRAY_LEN(st->by_errno))
			st->by_errno[-err]++;
		if (!errno_allowed(-err))
			note_bad("%s (0x%lx): %s", name, req, strerror(-err));
	}
	return err;
}

#define FZ(f, req, arg)	fz_ioctl(f, req, arg, #req)

/* A per-entry status: 0 or a positive errno from the allowed set. */
static void fz_status(const char *what, int32_t status)
{
	st->statuses++;
	if (status && (status < 0 || !errno_allowed(status)))
		note_bad("%s: entry status %d", what, status);
}

/*
 * A key operation's status may also be ENODEV: with
 * kern.cryptodevallowsoft=0 no driver may run it (the software driver
 * is the only one with key operations), as FreeBSD's crypto_kdispatch()
 * reports it.
 */
static void fz_kstatus(const char *what, int32_t status)
{
	fz_status(what, status == ENODEV ? 0 : status);
}

static uint32_t pick(const uint32_t *v, size_t n)
{
	return v[rnd32() % n];
}

#define PICK(...) ({ static const uint32_t v_[] = { __VA_ARGS__ }; \
		     pick(v_, ARRAY_LEN(v_)); })

/* A user pointer for `len` bytes: mostly valid, often hostile. */
static void *fz_ptr(uint32_t len)
{
	uint32_t span = len < ARENA ? len : ARENA;
	uint32_t off = (rnd32() % (ARENA - span + 1)) & ~15u;

	switch (rnd32() % 16) {
	case 0:
		return NULL;
	case 1:		/* unmapped: the guard page after the arena */
		return arena_end + rnd32() % 4096;
	case 2:		/* runs into the guard page */
		return arena_end - 1 - rnd32() % (span ? span : 1);
	case 3:		/* kernel space */
		if (sizeof(void *) == 8)
			return (void *)(uintptr_t)(rnd32() & 1 ?
				0xffffffff81000000ull : 0xffff888000000000ull);
		return (void *)(uintptr_t)0xfffff000u;
	case 4:		/* misaligned */
		return arena + off + 1 + rnd32() % 15;
	case 5:		/* read-only: fine for input, EFAULT for output */
		return ro_page + (len < 4096 ? rnd32() % (4096 - len + 1) : 0);
	case 6:		/* anything (32-bit: below the static binary) */
		if (sizeof(void *) == 8)
			return (void *)(uintptr_t)(((uint64_t)rnd32() << 32) |
						   rnd32());
		return (void *)(uintptr_t)(rnd32() % 0x08000000u);
	default:
		return arena + off;
	}
}

static uint32_t fz_len(void)
{
	switch (rnd32() % 12) {
	case 0:
		return 0;
	case 1:
		return PICK(1, 15, 17, 4095, 4097, 65535, 0x7fffffff,
			    0xffffffff, 4 * 1024 * 1024 + 16, 0x80000000);
	case 2:
		return rnd32();
	case 3:
		return (rnd32() % (ARENA / 16)) * 16;
	case 4:
		return rnd32() % 8192;
	default:
		return 16 * (1 + rnd32() % 256);
	}
}

static uint32_t fz_ses(void)
{
	if (nses && rnd32() % 8)
		return ses[rnd32() % nses];
	return PICK(0, 1, 2, 1023, 1024, 0xffffffff, 0x80000000) + rnd32() % 2;
}

struct alg { uint32_t cipher, klen, mac, mklen; };

/* Valid combinations to start from (cryptosoft has all of these). */
static const struct alg algs[] = {
	{ CRYPTO_AES_CBC, 16, 0, 0 }, { CRYPTO_AES_CBC, 32, 0, 0 },
	{ CRYPTO_AES_CTR, 24, 0, 0 }, { CRYPTO_AES_XTS, 32, 0, 0 },
	{ CRYPTO_AES_XTS, 64, 0, 0 }, { CRYPTO_AES_ECB, 16, 0, 0 },
	{ CRYPTO_3DES_CBC, 24, 0, 0 }, { CRYPTO_DES_CBC, 8, 0, 0 },
	{ CRYPTO_BLF_CBC, 16, 0, 0 }, { CRYPTO_CAST_CBC, 16, 0, 0 },
	{ CRYPTO_CAMELLIA_CBC, 16, 0, 0 }, { CRYPTO_ARC4, 16, 0, 0 },
	{ CRYPTO_NULL, 0, 0, 0 }, { CRYPTO_AES_GCM, 16, 0, 0 },
	{ CRYPTO_AES_CCM, 16, 0, 0 }, { 0, 0, CRYPTO_SHA1, 0 },
	{ 0, 0, CRYPTO_SHA2_256, 0 }, { 0, 0, CRYPTO_SHA2_512, 0 },
	{ 0, 0, CRYPTO_MD5, 0 }, { 0, 0, CRYPTO_RIPEMD160, 0 },
	{ 0, 0, CRYPTO_SHA1_HMAC, 20 }, { 0, 0, CRYPTO_SHA2_256_HMAC, 32 },
	{ 0, 0, CRYPTO_SHA2_384_HMAC, 100 }, { 0, 0, CRYPTO_MD5_HMAC, 16 },
	{ 0, 0, CRYPTO_AES_GMAC, 16 }, { 0, 0, CRYPTO_AES_XCBC_MAC_96, 16 },
	{ 0, 0, CRYPTO_SHA1_HMAC_96, 20 }, { 0, 0, CRYPTO_NULL_HMAC, 0 },
	{ CRYPTO_AES_CBC, 16, CRYPTO_SHA1_HMAC, 20 },
	{ CRYPTO_AES_CBC, 32, CRYPTO_SHA2_256_HMAC, 32 },
	{ CRYPTO_AES_CTR, 16, CRYPTO_SHA2_256_HMAC, 32 },
	{ CRYPTO_AES_GCM, 16, CRYPTO_AES_128_GMAC, 16 },
	{ CRYPTO_DEFLATE_COMP, 0, 0, 0 }, { CRYPTO_GZIP_COMP, 0, 0, 0 },
	{ CRYPTO_DEFLATE_COMP_NOGROW, 0, 0, 0 },
};

static uint32_t fz_alg(uint32_t a)
{
	if (rnd32() % 6)
		return a;
	return rnd32() % 3 ? rnd32() % 256 : rnd32();
}

static uint32_t fz_klen(uint32_t k)
{
	if (rnd32() % 6)
		return k;
	return PICK(0, 1, 7, 15, 17, 33, 63, 64, 65, 511, 512, 513,
		    0xffffffff, 0x80000000);
}

/* Fill a session request from a valid algorithm, then mutate it. */
static void fz_session(uint32_t *cipher, uint32_t *klen, uint8_t **key,
		       uint32_t *mac, uint32_t *mklen, uint8_t **mkey)
{
	const struct alg *a = &algs[rnd32() % ARRAY_LEN(algs)];

	*cipher = fz_alg(a->cipher);
	*klen = fz_klen(a->klen);
	*mac = fz_alg(a->mac);
	*mklen = fz_klen(a->mklen);
	*key = rnd32() % 4 ? arena + (rnd32() % 1024) : fz_ptr(*klen);
	*mkey = rnd32() % 4 ? arena + (rnd32() % 1024) : fz_ptr(*mklen);
}

static void add_ses(uint32_t id)
{
	if (nses < MAX_SES)
		ses[nses++] = id;
}

static void op_newsession(void)
{
	struct session2_op s;
	int err;

	memset(&s, 0, sizeof(s));
	fz_session(&s.cipher, &s.keylen, &s.key, &s.mac, &s.mackeylen,
		   &s.mackey);
	if (rnd32() % 3) {
		err = FZ(fd, CIOCGSESSION, &s);
	} else {
		s.crid = PICK(0, -1, 1, 2, 100, CRYPTOCAP_F_HARDWARE,
			      CRYPTOCAP_F_SOFTWARE, CRYPTOCAP_F_HARDWARE |
			      CRYPTOCAP_F_SOFTWARE, 0x7fffffff);
		if (rnd32() % 4 == 0)
			s.pad[rnd32() % 4] = rnd32();
		err = FZ(fd, CIOCGSESSION2, &s);
	}
	if (!err)
		add_ses(s.ses);
}

static void op_freesession(void)
{
	uint32_t id;
	int i;

	if (nses && rnd32() % 4) {
		i = rnd32() % nses;
		id = ses[i];
		ses[i] = ses[--nses];
	} else {
		id = fz_ses();
	}
	if (rnd32() % 16 == 0)
		FZ(fd, CIOCFSESSION, fz_ptr(4));
	else
		FZ(fd, CIOCFSESSION, &id);
}

/* A well-formed request on a known session with one field mutated. */
static void fz_crypt_near(struct crypt_op *c)
{
	uint32_t len = 16 * (rnd32() % 65);

	memset(c, 0, sizeof(*c));
	c->ses = nses ? ses[rnd32() % nses] : 1;
	c->op = rnd32() % 2;
	c->flags = PICK(0, 0, 0, COP_FLAG_UPDATE, COP_FLAG_FINAL,
			COP_FLAG_WRITE_IV, COP_FLAG_NO_ZC, COP_FLAG_RESET);
	c->len = len;
	c->src = arena + (rnd32() % (ARENA / 2) & ~15u);
	c->dst = rnd32() % 3 ? c->src : arena + ARENA / 2 +
		 (rnd32() % (ARENA / 4) & ~15u);
	c->mac = arena + ARENA - 64;
	c->iv = rnd32() % 4 ? arena + ARENA - 128 : NULL;
	switch (rnd32() % 8) {
	case 0:
		c->len = fz_len();
		break;
	case 1:
		c->src = fz_ptr(len);
		break;
	case 2:
		c->dst = fz_ptr(len);
		break;
	case 3:
		c->mac = fz_ptr(64);
		break;
	case 4:
		c->iv = fz_ptr(16);
		break;
	case 5:
		c->flags = rnd32();
		break;
	case 6:
		c->op = rnd32();
		break;
	default:	/* overlapping but not in place */
		c->dst = c->src + 16 * (1 + rnd32() % 4);
	}
}

static void fz_crypt(struct crypt_op *c)
{
	if (rnd32() % 2) {
		fz_crypt_near(c);
		return;
	}
	memset(c, 0, sizeof(*c));
	c->ses = fz_ses();
	c->op = rnd32() % 4 ? rnd32() % 2 : rnd32();
	c->flags = rnd32() % 3 ? rnd32() & 0x7f : rnd32();
	c->len = fz_len();
	c->src = fz_ptr(c->len);
	c->dst = rnd32() % 4 == 0 ? c->src : fz_ptr(c->len);
	c->mac = rnd32() % 3 ? fz_ptr(64) : NULL;
	c->iv = rnd32() % 3 ? fz_ptr(16) : NULL;
}

static void op_crypt(void)
{
	struct crypt_op c;

	fz_crypt(&c);
	FZ(fd, CIOCCRYPT, rnd32() % 32 ? (void *)&c : fz_ptr(sizeof(c)));
}

static void op_authcrypt(void)
{
	struct crypt_auth_op a;

	memset(&a, 0, sizeof(a));
	a.ses = fz_ses();
	a.op = rnd32() % 4 ? rnd32() % 2 : rnd32();
	a.flags = rnd32() % 2 ? 0 : PICK(COP_FLAG_AEAD_TLS_TYPE,
				      COP_FLAG_AEAD_SRTP_TYPE,
				      COP_FLAG_WRITE_IV, 0x30, 0xffff);
	a.len = fz_len();
	a.auth_len = rnd32() % 2 ? rnd32() % 64 : fz_len();
	a.auth_src = fz_ptr(a.auth_len);
	a.src = fz_ptr(a.len);
	a.dst = rnd32() % 3 == 0 ? a.src : fz_ptr(a.len + 64);
	a.tag_len = PICK(0, 16, 12, 20, 32, 64, 65, 0xffffffff);
	a.tag = rnd32() % 2 ? fz_ptr(a.tag_len) : NULL;
	a.iv_len = PICK(0, 12, 16, 7, 13, 6, 14, 17, 0xffffffff);
	a.iv = rnd32() % 4 ? fz_ptr(a.iv_len) : NULL;
	FZ(fd, CIOCAUTHCRYPT, rnd32() % 32 ? (void *)&a : fz_ptr(sizeof(a)));
}

static void op_async(void)
{
	struct crypt_op c;
	struct pollfd p = { .fd = fd, .events = POLLIN | POLLOUT };
	int i, n = 1 + rnd32() % 8;

	for (i = 0; i < n; i++) {
		fz_crypt(&c);
		FZ(fd, CIOCASYNCCRYPT, &c);
	}
	poll(&p, 1, rnd32() % 3);
	n = rnd32() % 10;
	for (i = 0; i < n; i++)
		FZ(fd, CIOCASYNCFETCH, rnd32() % 16 ? (void *)&c :
		   fz_ptr(sizeof(c)));
}

static void op_multi(void)
{
	struct crypt_n_op req[8];
	struct crypt_result res[16];
	struct crypt_mop m;
	struct cryptret r;
	struct crypt_result one;
	uint32_t i, n = 1 + rnd32() % 8;

	memset(req, 0, sizeof(req));
	for (i = 0; i < n; i++) {
		struct crypt_op c;

		fz_crypt(&c);
		req[i].ses = c.ses;
		req[i].op = c.op;
		req[i].flags = c.flags;
		req[i].len = c.len;
		req[i].keylen = rnd32() % 8 ? 0 : rnd32();
		req[i].src = c.src;
		req[i].dst = c.dst;
		req[i].mac = c.mac;
		req[i].iv = c.iv;
		req[i].opaque = rnd32();
	}
	m.pad = rnd32() % 8 ? 0 : rnd32();
	if (rnd32() % 8) {
		m.count = n;
		m.reqs = req;
	} else {	/* hostile counts only with arena or bad pointers */
		m.count = PICK(0, 1024, 1025, 0xffffffff, 100);
		m.reqs = fz_ptr(m.count * sizeof(req[0]));
	}
	if (!FZ(fd, CIOCNCRYPTM, &m) && m.reqs == req)
		for (i = 0; i < m.count && i < n; i++)
			fz_status("CIOCNCRYPTM", req[i].status);

	memset(&one, 0, sizeof(one));
	one.reqid = rnd32() % 2 ? req[rnd32() % n].reqid : rnd32();
	FZ(fd, CIOCNCRYPTRET, &one);

	r.pad = 0;
	if (rnd32() % 8) {
		r.count = rnd32() % 17;
		r.results = res;
	} else {
		r.count = PICK(0, 1024, 1025, 0xffffffff, 100);
		r.results = fz_ptr(r.count * sizeof(res[0]));
	}
	if (!FZ(fd, CIOCNCRYPTRETM, &r) && r.results == res) {
		if (r.count > 16)
			note_bad("CIOCNCRYPTRETM: %u results in room for 16",
				 r.count);
		for (i = 0; i < r.count && i < 16; i++)
			fz_status("CIOCNCRYPTRETM", res[i].status);
	}
}

/* No entry before i failed: i is the first failure. */
static int first_bad_seen(const struct session_n_op *s, uint32_t i)
{
	while (i--)
		if (s[i].status)
			return 1;
	return 0;
}

static void op_nsession(void)
{
	struct session_n_op s[8];
	uint32_t ids[8];
	struct crypt_sgop g;
	struct crypt_sfop f;
	uint32_t i, n = 1 + rnd32() % 8;

	memset(s, 0, sizeof(s));
	for (i = 0; i < n; i++)
		fz_session(&s[i].cipher, &s[i].keylen, &s[i].key, &s[i].mac,
			   &s[i].mackeylen, &s[i].mackey);
	g.status = 0;
	if (rnd32() % 8) {
		g.count = n;
		g.sessions = s;
	} else {
		g.count = PICK(0, 1024, 1025, 0xffffffff, 300);
		g.sessions = fz_ptr(g.count * sizeof(s[0]));
	}
	if (FZ(fd, CIOCNGSESSION, &g) || g.sessions != s)
		return;
	for (i = 0; i < n; i++) {
		fz_status("CIOCNGSESSION", s[i].status);
		if (s[i].status && (uint32_t)s[i].status != g.status &&
		    !first_bad_seen(s, i))
			note_bad("CIOCNGSESSION: header %u, first entry %d",
				 g.status, s[i].status);
		ids[i] = s[i].ses;
		if (!s[i].status && rnd32() % 2)
			add_ses(s[i].ses);
	}
	if (rnd32() % 2)
		return;
	/* Free the rest (and maybe some we kept: stale ids are fine). */
	f.count = n;
	f.status = 0;
	f.sesid = ids;
	if (rnd32() % 8 == 0) {
		f.count = PICK(0, 1025, 0xffffffff, 64);
		f.sesid = fz_ptr(f.count * 4);
	}
	if (!FZ(fd, CIOCNFSESSION, &f))
		fz_status("CIOCNFSESSION", f.status);
}

static void fz_kop(struct crypt_kop *k)
{
	int i;

	memset(k, 0, sizeof(*k));
	k->crk_op = rnd32() % 4 ? rnd32() % 6 : rnd32();
	k->crk_iparams = rnd32() % 4 ? rnd32() % 5 : rnd32() % 0x10000;
	k->crk_oparams = rnd32() % 4 ? rnd32() % 3 : rnd32() % 0x10000;
	k->crk_pad1 = rnd32() % 4 ? 0 : PICK(CRYPTOCAP_F_SOFTWARE,
				CRYPTOCAP_F_HARDWARE, 1, 0xffffffff);
	for (i = 0; i < CRK_MAXPARAM; i++) {
		/* Small sizes: a 16384-bit modexp takes minutes in TCG. */
		k->crk_param[i].crp_nbits = rnd32() % 4 ? rnd32() % 1024 :
			PICK(0, 1, 16384, 16385, 0xffffffff, 0x80000000);
		k->crk_param[i].crp_p = fz_ptr((k->crk_param[i].crp_nbits +
					       7) / 8);
		if (k->crk_param[i].crp_nbits > 2048 &&
		    k->crk_param[i].crp_nbits <= 16384 && rnd32() % 2)
			k->crk_param[i].crp_p = NULL;
	}
}

static void op_key(void)
{
	struct crypt_kop k;
	struct crypt_n_kop nk[4];
	struct crypt_kmop km;
	uint32_t feat, i;

	switch (rnd32() % 4) {
	case 0:
		fz_kop(&k);
		if (!FZ(fd, CIOCKEY, &k))
			fz_kstatus("CIOCKEY", k.crk_status);
		break;
	case 1:
		fz_kop(&k);
		if (!FZ(fd, CIOCKEY2, &k))
			fz_kstatus("CIOCKEY2", k.crk_status);
		break;
	case 2:
		FZ(fd, CIOCASYMFEAT, rnd32() % 8 ? (void *)&feat :
		   fz_ptr(4));
		break;
	default:
		for (i = 0; i < ARRAY_LEN(nk); i++) {
			fz_kop(&nk[i].kop);
			nk[i].opaque = rnd32();
		}
		km.pad = 0;
		km.count = 1 + rnd32() % 4;
		km.reqs = nk;
		if (rnd32() % 8 == 0) {
			km.count = PICK(0, 1025, 0xffffffff, 50);
			km.reqs = fz_ptr(km.count * sizeof(nk[0]));
		}
		if (!FZ(fd, CIOCNFKEYM, &km) && km.reqs == nk)
			for (i = 0; i < km.count; i++)
				fz_kstatus("CIOCNFKEYM", nk[i].status);
	}
}

static void op_misc(void)
{
	struct session_info_op si;
	struct crypt_find_op fo;
	struct cphash_op ch;
	struct crypt_comp_op co;

	switch (rnd32() % 4) {
	case 0:
		memset(&si, 0, sizeof(si));
		si.ses = fz_ses();
		FZ(fd, CIOCGSESSINFO, rnd32() % 8 ? (void *)&si :
		   fz_ptr(sizeof(si)));
		break;
	case 1:
		fo.crid = PICK(-1, 0, 1, 2, 3, 0x7fffffff, 0x80000000,
			       CRYPTOCAP_F_SOFTWARE);
		rnd_fill(fo.name, sizeof(fo.name));	/* unterminated too */
		if (rnd32() % 2)
			strcpy(fo.name, rnd32() % 2 ? "cryptosoft" :
			       "virtio_crypto");
		FZ(fd, CIOCFINDDEV, &fo);
		break;
	case 2:
		ch.dst_ses = fz_ses();
		ch.src_ses = fz_ses();
		FZ(fd, CIOCCPHASH, &ch);
		break;
	default:
		memset(&co, 0, sizeof(co));
		co.ses = fz_ses();
		co.op = rnd32() % 4 ? COP_COMP + rnd32() % 2 : rnd32();
		co.flags = rnd32() % 4 ? 0 : rnd32();
		co.len = fz_len();
		co.dst_len = rnd32() % 2 ? co.len + 64 : fz_len();
		co.src = fz_ptr(co.len);
		co.dst = fz_ptr(co.dst_len);
		FZ(fd, CIOCCOMP, &co);
	}
}

/* Ioctl numbers the VFS handles before the driver (fs freeze, FIO*). */
static int vfs_type(unsigned int t)
{
	return t == 'X' || t == 'f' || t == 'T' || t == 0 || t == 0x94 ||
	       t == 0x15;
}

static void op_random_ioctl(void)
{
	unsigned int type = rnd32() % 3 ? 'c' : rnd32() % 256;
	unsigned int size = rnd32() % 4 ? rnd32() % 512 : rnd32() % 0x4000;
	unsigned long req;
	int f;

	if (vfs_type(type))
		return;
	req = _IOC(rnd32() % 4, type, rnd32() % 256, size);
	if (req == CRIOGET) {
		/* A clone written into the arena would leak: close it. */
		if (!FZ(fd, CRIOGET, &f))
			close(f);
		return;
	}
	fz_ioctl(fd, req, fz_ptr(size), "random");
}

/* A second descriptor for the same file (sessions shared). */
static void op_crioget(void)
{
	uint32_t f = 0;
	int old = fd, i, n = rnd32() % 8;

	if (FZ(fd, CRIOGET, rnd32() % 16 ? (void *)&f : fz_ptr(4)) ||
	    (int)f <= 2)
		return;
	fd = f;
	for (i = 0; i < n; i++)
		rnd32() % 2 ? op_crypt() : op_newsession();
	close(fd);
	fd = old;
}

/* ---- threads sharing the descriptor and a session ---- */

#define TH_N		3
#define TH_OPS		24
#define TH_LEN		256

struct th_arg {
	uint64_t	rng;
	int		fd;		/* the shared descriptor */
	uint32_t	ses;
	int		killer;		/* frees the shared session midway */
	const uint8_t	*pt, *want;
	uint8_t		iv[16];
};

static uint32_t th_rnd(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return (uint32_t)(*x >> 16);
}

static void th_err(const char *what, int err)
{
	__atomic_fetch_add(&st->ioctls, 1, __ATOMIC_RELAXED);
	if (err && !errno_allowed(-err)) {
		unsigned int i = __atomic_fetch_add(&st->bad_errno, 1,
						    __ATOMIC_RELAXED);

		if (i < ARRAY_LEN(st->first_bad))
			snprintf(st->first_bad[i], sizeof(st->first_bad[i]),
				 "thread %s: %s", what, strerror(-err));
	}
}

/* A right-looking success with a wrong answer: say where it ran. */
static void th_wrong(int tfd, uint32_t ses)
{
	struct session_info_op si;

	memset(&si, 0, sizeof(si));
	si.ses = ses;
	xioctl(tfd, CIOCGSESSINFO, &si);
	if (!__atomic_fetch_add(&st->shared_bad, 1, __ATOMIC_RELAXED))
		snprintf(st->wrong_where, sizeof(st->wrong_where),
			 "shared session %u: wrong output, driver %.40s", ses,
			 si.cipher_info.cra_driver_name);
}

static void *th_main(void *p)
{
	struct th_arg *a = p;
	uint8_t out[TH_LEN], iv[16], key[16] = { 1 };
	struct session_info_op si;
	uint32_t own;
	/*
	 * Sessions of its own on a descriptor of its own: ids are reused
	 * (max_sessions may be 1), and one made on the shared descriptor
	 * after the shared session is freed could take its id.
	 */
	int own_fd = cdev_open(), i, err;

	for (i = 0; i < TH_OPS; i++) {
		switch (th_rnd(&a->rng) % 4) {
		case 0:
		case 1:
			memcpy(iv, a->iv, 16);
			err = do_crypt(a->fd, a->ses, COP_ENCRYPT,
				       th_rnd(&a->rng) % 2 ? COP_FLAG_NO_ZC : 0,
				       a->pt, out, TH_LEN, iv, NULL);
			th_err("CIOCCRYPT", err);
			if (!err && memcmp(out, a->want, TH_LEN))
				th_wrong(a->fd, a->ses);
			else if (!err)
				__atomic_fetch_add(&st->shared_ok, 1,
						   __ATOMIC_RELAXED);
			break;
		case 2:
			memset(&si, 0, sizeof(si));
			si.ses = a->ses;
			th_err("CIOCGSESSINFO",
			       xioctl(a->fd, CIOCGSESSINFO, &si));
			break;
		default:
			if (own_fd < 0)
				break;
			err = ses_new(own_fd, CRYPTO_AES_CBC, key, 16, 0, NULL,
				      0, &own);
			th_err("CIOCGSESSION", err);
			if (!err)
				th_err("CIOCFSESSION", ses_free(own_fd, own));
		}
		if (a->killer && i == TH_OPS / 2)
			th_err("CIOCFSESSION shared", ses_free(a->fd, a->ses));
	}
	if (own_fd >= 0)
		close(own_fd);
	return NULL;
}

/*
 * Threads encrypt with one session on one descriptor; one frees it.
 * The descriptor is opened here, not the worker's: a process forked
 * earlier may share that one (a grandchild whose parent, a forked
 * child, was killed lives on), and a session it creates after the free
 * can take the freed id, so a success with another key's output would
 * be right.  No other process has this one, so after the free the id
 * can only answer EINVAL.
 */
static void op_threads(void)
{
	static uint8_t pt[TH_LEN], want[TH_LEN];
	struct th_arg a[TH_N];
	pthread_t t[TH_N];
	uint8_t key[16], iv[16], v[16];
	uint32_t s;
	int i, n = 0, tfd = cdev_open();

	rnd_fill(key, 16);
	rnd_fill(iv, 16);
	rnd_fill(pt, TH_LEN);
	if (tfd < 0)
		return;
	if (ses_new(tfd, CRYPTO_AES_CBC, key, 16, 0, NULL, 0, &s)) {
		close(tfd);
		return;
	}
	memcpy(v, iv, 16);
	if (do_crypt(tfd, s, COP_ENCRYPT, 0, pt, want, TH_LEN, v, NULL)) {
		ses_free(tfd, s);
		close(tfd);
		return;
	}
	for (i = 0; i < TH_N; i++) {
		a[i].rng = ((uint64_t)rnd32() << 32 | rnd32()) | 1;
		a[i].fd = tfd;
		a[i].ses = s;
		a[i].killer = i == 0 && rnd32() % 2;
		a[i].pt = pt;
		a[i].want = want;
		memcpy(a[i].iv, iv, 16);
	}
	for (i = 0; i < TH_N; i++)
		if (!pthread_create(&t[i], NULL, th_main, &a[i]))
			n = i + 1;
		else
			break;
	for (i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	st->threads += n;
	if (!a[0].killer)
		ses_free(tfd, s);
	close(tfd);
}

/* ---- buffers unmapped under a running ioctl ---- */

#define UNMAP_LEN	(512 * 1024)

struct unmap_arg {
	uint8_t		*buf;
	uint32_t	ses;
	int		async;
};

static void *unmap_victim(void *p)
{
	struct unmap_arg *a = p;
	struct crypt_op c;
	uint8_t iv[16] = { 0 };
	int i, err;

	for (i = 0; i < 3; i++) {
		memset(&c, 0, sizeof(c));
		c.ses = a->ses;
		c.op = i % 2;
		c.flags = i == 1 ? COP_FLAG_NO_ZC : 0;
		c.len = UNMAP_LEN;
		c.src = a->buf;
		c.dst = a->buf;
		c.iv = iv;
		if (a->async) {
			err = xioctl(fd, CIOCASYNCCRYPT, &c);
			th_err("CIOCASYNCCRYPT (unmapped)", err);
		} else {
			th_err("CIOCCRYPT (unmapped)",
			       xioctl(fd, CIOCCRYPT, &c));
		}
	}
	return NULL;
}

/* munmap (or mprotect) the buffer while another thread encrypts it. */
static void op_unmap_race(void)
{
	struct unmap_arg a;
	struct crypt_op r;
	struct pollfd p = { .fd = fd, .events = POLLIN };
	pthread_t t;
	uint8_t key[16] = { 7 };
	int i, prot = rnd32() % 3 == 0;

	a.buf = mmap(NULL, UNMAP_LEN, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (a.buf == MAP_FAILED)
		return;
	memset(a.buf, 0x5a, UNMAP_LEN);
	a.async = rnd32() % 2;
	if (ses_new(fd, CRYPTO_AES_CBC, key, 16, 0, NULL, 0, &a.ses)) {
		munmap(a.buf, UNMAP_LEN);
		return;
	}
	if (pthread_create(&t, NULL, unmap_victim, &a)) {
		munmap(a.buf, UNMAP_LEN);
		ses_free(fd, a.ses);
		return;
	}
	usleep(rnd32() % 4000);
	if (prot)
		mprotect(a.buf, UNMAP_LEN, PROT_NONE);
	else
		munmap(a.buf, UNMAP_LEN);
	pthread_join(t, NULL);
	st->unmaps++;
	/* Collect what the async ones left: 0 or an allowed errno each. */
	for (i = 0; a.async && i < 50; i++) {
		int err = xioctl(fd, CIOCASYNCFETCH, &r);

		if (err == -EBUSY) {
			if (poll(&p, 1, 20) == 0 && i > 10)
				break;
			continue;
		}
		th_err("CIOCASYNCFETCH (unmapped)", err);
	}
	if (prot)
		munmap(a.buf, UNMAP_LEN);
	ses_free(fd, a.ses);
}

static void reopen(void)
{
	if (fd >= 0)
		close(fd);
	nses = 0;
	fd = cdev_open();
	/* usercrypto 0 is the only excuse, or an injected failure. */
	if (fd < 0 && errno != EPERM && !(fault_mode && errno == ENOMEM))
		note_bad("open: %s", strerror(errno));
}

static void do_one(void);

/* Child sharing the file: a few operations, then exit. */
static void op_fork(void)
{
	int i, n = rnd32() % 16, status;
	pid_t pid;

	st->forks++;
	rnd32();
	pid = fork();
	if (pid < 0)
		return;
	if (!pid) {
		rnd_state ^= 0x5555aaaa5555aaaaull;
		for (i = 0; i < n && fd >= 0; i++)
			do_one();
		_exit(0);
	}
	if (rnd32() % 3 == 0) {
		usleep(rnd32() % 3000);
		kill(pid, SIGKILL);
		st->kills++;
	}
	if (waitpid(pid, &status, 0) == pid &&
	    !(WIFEXITED(status) && !WEXITSTATUS(status)) &&
	    !(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)) {
		st->bad_child++;
		note_bad("forked child: status 0x%x", status);
	}
}

/* SIGKILL a child in the middle of large synchronous and async work. */
static void op_kill(void)
{
	int status;
	pid_t pid, parent;
	uint8_t key[16] = { 0 };
	uint32_t s;

	if (ses_new(fd, CRYPTO_AES_CBC, key, 16, 0, NULL, 0, &s))
		return;
	st->kills++;
	parent = getpid();
	pid = fork();
	if (pid < 0)
		return;
	if (!pid) {
		struct crypt_op c = { .ses = s, .op = COP_ENCRYPT,
				      .len = BIG_LEN, .src = big, .dst = big };
		int i;

		/* Never outlive a parent killed by its own parent. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(0);
		for (i = 0; i < 500; i++) {
			xioctl(fd, CIOCASYNCCRYPT, &c);
			c.flags ^= COP_FLAG_NO_ZC;
			xioctl(fd, CIOCCRYPT, &c);
		}
		_exit(0);
	}
	usleep(rnd32() % 20000);
	kill(pid, SIGKILL);
	if (waitpid(pid, &status, 0) == pid &&
	    !(WIFEXITED(status) && !WEXITSTATUS(status)) &&
	    !(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)) {
		st->bad_child++;
		note_bad("killed child: status 0x%x", status);
	}
	if (rnd32() % 2)
		ses_free(fd, s);
	else
		add_ses(s);
}

static void do_one(void)
{
	unsigned int r = rnd32() % 100;

	if (fd < 0) {
		usleep(500);
		reopen();
		return;
	}
	if (r < 14)
		op_newsession();
	else if (r < 20)
		op_freesession();
	else if (r < 38)
		op_crypt();
	else if (r < 48)
		op_authcrypt();
	else if (r < 55)
		op_async();
	else if (r < 62)
		op_multi();
	else if (r < 67)
		op_nsession();
	else if (r < 72)
		op_key();
	else if (r < 80)
		op_misc();
	else if (r < 90)
		op_random_ioctl();
	else if (r < 93)
		op_crioget();
	else if (r < 94)
		reopen();
	else if (r < 96)
		op_fork();
	else if (r < 97)
		op_threads();
	else if (r < 98)
		op_unmap_race();
	else
		op_kill();
}

static void worker(int id, uint64_t seed, unsigned long nops)
{
	unsigned long i;

	rnd_state = seed * 0x9e3779b97f4a7c15ull + id + 1;
	if (!rnd_state)
		rnd_state = 1;
	rnd_fill(arena, ARENA);
	reopen();
	for (i = 0; i < nops; i++)
		do_one();
	_exit(0);
}

/* The kern.* policy knobs, wherever this kernel exposes them. */
static const char *const knobs[][2] = {
	{ "/proc/sys/kern/usercrypto",
	  "/sys/module/ocf/parameters/usercrypto" },
	{ "/proc/sys/kern/cryptodevallowsoft",
	  "/sys/module/ocf/parameters/cryptodevallowsoft" },
};
static char saved[2][32];
static const char *knob_path[2];

static int knob_write(int i, const char *v)
{
	return write_file(knob_path[i], v);
}

static int knob_read(int i, char *buf, size_t n)
{
	return read_file(knob_path[i], buf, n);
}

static int knobs_init(void)
{
	int i, j;

	for (i = 0; i < 2; i++) {
		knob_path[i] = NULL;
		for (j = 0; j < 2 && !knob_path[i]; j++)
			if (!access(knobs[i][j], W_OK))
				knob_path[i] = knobs[i][j];
		if (!knob_path[i] || !knob_read(i, saved[i], sizeof(saved[i])))
			return 0;
	}
	return 1;
}

static void knobs_flip(void)
{
	/* usercrypto 0 only briefly: it shuts every worker out. */
	if (rnd32() % 2) {
		knob_write(0, "0");
		usleep(rnd32() % 2000);
		knob_write(0, "1");
	} else
		knob_write(1, PICK(0, 1, 2) == 0 ? "-1" :
			   rnd32() % 2 ? "0" : "1");
}

/* cryptodev.ko's limits, flipped while the workers run, then restored. */
static const char *const limit_names[] = { "max_sessions", "max_op_len",
					   "max_async" };
static char limit_saved[3][32];
static int have_limits;

static int limit_path(int i, char *path, size_t n)
{
	return snprintf(path, n, "/sys/module/cryptodev/parameters/%s",
			limit_names[i]) > 0;
}

static int limits_init(void)
{
	char path[96];
	int i, f;
	ssize_t r;

	for (i = 0; i < 3; i++) {
		limit_path(i, path, sizeof(path));
		f = open(path, O_RDWR);
		if (f < 0)
			return 0;
		r = read(f, limit_saved[i], sizeof(limit_saved[i]) - 1);
		close(f);
		if (r <= 0)
			return 0;
		limit_saved[i][r] = 0;
	}
	return 1;
}

static int limit_write(int i, const char *v)
{
	char path[96];

	limit_path(i, path, sizeof(path));
	return write_file(path, v);
}

static void limits_flip(void)
{
	static const char *const v[3][4] = {
		{ "1", "2", "8", "1024" },
		{ "0", "4096", "65536", "4194304" },
		{ "1", "2", "8", "64" },
	};
	int i = rnd32() % 3;

	limit_write(i, v[i][rnd32() % 4]);
}

static int limits_restore(void)
{
	int i, ok = 1;

	for (i = 0; i < 3; i++)
		ok &= limit_write(i, limit_saved[i]);
	return ok;
}

/*
 * Fault injection (-F): our modules' allocations fail at random, in
 * every context (the stacktrace filter keeps it to calls from module
 * code).  The kernel counts down `times` for each failure it injects.
 */
#define FI		"/sys/kernel/debug/"
#define FI_TIMES	1000000000
static const char *const fi_attrs[] = { "failslab", "fail_page_alloc" };

static int fi_write(const char *attr, const char *file, const char *v)
{
	char path[128];

	snprintf(path, sizeof(path), FI "%s/%s", attr, file);
	return write_file(path, v);
}

static int fi_start(unsigned int pct)
{
	char v[32];
	unsigned int i;
	int ok = 1;

	for (i = 0; i < ARRAY_LEN(fi_attrs); i++) {
		ok &= fi_write(fi_attrs[i], "probability", "0");
		ok &= fi_write(fi_attrs[i], "verbose", "0");
		ok &= fi_write(fi_attrs[i], "task-filter", "N");
		ok &= fi_write(fi_attrs[i], "ignore-gfp-wait", "N");
		ok &= fi_write(fi_attrs[i], "interval", "1");
		ok &= fi_write(fi_attrs[i], "stacktrace-depth", "32");
		/* x86-64 module space (tests/user/cdev_fault.c says why). */
		ok &= fi_write(fi_attrs[i], "require-start",
			       "18446744072098938880");
		ok &= fi_write(fi_attrs[i], "require-end",
			       "18446744073692774400");
		snprintf(v, sizeof(v), "%d", FI_TIMES);
		ok &= fi_write(fi_attrs[i], "times", v);
	}
	ok &= fi_write("fail_page_alloc", "ignore-gfp-highmem", "N");
	ok &= fi_write("fail_page_alloc", "min-order", "0");
	snprintf(v, sizeof(v), "%u", pct);
	for (i = 0; ok && i < ARRAY_LEN(fi_attrs); i++)
		ok &= fi_write(fi_attrs[i], "probability", v);
	return ok;
}

/* Stop injecting; returns how many failures were injected. */
static long fi_stop(void)
{
	char path[128], buf[32];
	unsigned int i;
	long n = 0;
	FILE *f;

	for (i = 0; i < ARRAY_LEN(fi_attrs); i++) {
		fi_write(fi_attrs[i], "probability", "0");
		snprintf(path, sizeof(path), FI "%s/times", fi_attrs[i]);
		f = fopen(path, "r");
		if (f && fgets(buf, sizeof(buf), f))
			n += FI_TIMES - atol(buf);
		if (f)
			fclose(f);
		fi_write(fi_attrs[i], "times", "1");
	}
	return n;
}

/*
 * Every file we opened is closed once our children are gone, so the
 * module's reference count must come back to 0 (a leaked file or a
 * leaked module reference keeps it up, and the module from unloading).
 */
static int module_idle(void)
{
	char buf[32] = "";
	int f, i;

	for (i = 0; i < 50; i++) {
		f = open("/sys/module/cryptodev/refcnt", O_RDONLY);
		if (f < 0)
			return 1;	/* built in, or not ours to judge */
		if (read(f, buf, sizeof(buf) - 1) <= 0)
			buf[0] = 0;
		close(f);
		if (atoi(buf) == 0)
			return 1;
		usleep(100000);
	}
	ktap_diag("cryptodev refcnt still %s", buf);
	return 0;
}

/*
 * cryptodev.ko was refused unloading while in use (rmmod_busy: the
 * errno, 0 when it unloaded, -1 when not tried); now, idle, it must
 * unload and load again, and work.
 */
static void reload_checks(long rmmod_busy, char *why, size_t n)
{
	int r;

	if (access("/sys/module/cryptodev/refcnt", R_OK) || getuid()) {
		skip("cryptodev is built in or we are not root",
		     "rmmod cryptodev refused while in use");
		skip("cryptodev is built in or we are not root",
		     "cryptodev unloads and reloads after the run, and works");
		return;
	}
	check(rmmod_busy == EWOULDBLOCK || rmmod_busy == EBUSY,
	      "rmmod cryptodev refused while in use (%s)",
	      rmmod_busy == -2 ? "not tried" : rmmod_busy == 0 ?
	      "it unloaded!" : strerror(rmmod_busy));
	if (rmmod_busy == 0)
		(void)!system("modprobe cryptodev");
	r = syscall(SYS_delete_module, "cryptodev", O_NONBLOCK) ? errno : 0;
	snprintf(why, n, "%s", r ? strerror(r) : "");
	if (!r)
		r = system("modprobe cryptodev") ? EIO : 0;
	check(!r && cdev_kat_aes_cbc(),
	      "cryptodev unloads and reloads after the run, and works%s%s",
	      r ? ": " : "", why);
}

static void *map(size_t n, int prot)
{
	void *p = mmap(NULL, n, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		ktap_diag("mmap: %s", strerror(errno));
		exit(KTAP_EXIT_FAIL);
	}
	return p;
}

int main(int argc, char **argv)
{
	unsigned long nops = DEF_OPS, ioctls = 0, errs = 0, forks = 0,
		      kills = 0, statuses = 0, threads = 0, unmaps = 0,
		      shared_ok = 0, shared_bad = 0;
	unsigned int nprocs = DEF_PROCS, bad = 0, bad_child = 0, i, j;
	uint64_t seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 16);
	struct wstats *all;
	int crashed = 0, hung = 0, have_knobs, flips = 0, opt, hold = -1;
	unsigned int fault_pct = 0;
	long injected = -1, rmmod_busy = -2;
	char why[64] = "";
	pid_t pids[16];
	time_t deadline, start;
	uint8_t *map_base;

	while ((opt = getopt(argc, argv, "n:s:p:F:")) != -1) {
		switch (opt) {
		case 'F':
			fault_pct = strtoul(optarg, NULL, 0);
			if (fault_pct > 100)
				fault_pct = 100;
			break;
		case 'n':
			nops = strtoul(optarg, NULL, 0);
			break;
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 'p':
			nprocs = strtoul(optarg, NULL, 0);
			if (!nprocs || nprocs > ARRAY_LEN(pids))
				nprocs = DEF_PROCS;
			break;
		default:
			fprintf(stderr,
				"usage: %s [-n ops] [-s seed] [-p procs] "
				"[-F fault-percent]\n",
				argv[0]);
			return 2;
		}
	}
	close(cdev_open_or_skip());
	if (!cdev_kat_aes_cbc())
		ktap_skip_all("AES-128-CBC known answer fails before fuzzing");

	if (fault_pct) {
		fault_mode = 1;
		if (getuid() != 0)
			ktap_skip_all("fault injection needs root");
		if (access(FI "failslab/require-start", W_OK))
			ktap_skip_all("no fault injection with a stacktrace "
				      "filter in this kernel (debug kernel only)");
	}

	ktap_plan(nprocs + 11);
	ktap_diag("seed %llu, %u workers x %lu operations (" CDEV_BITS
		  "-bit), %u%% of allocations failing; replay with -s %llu "
		  "-n %lu -p %u -F %u", (unsigned long long)seed, nprocs, nops,
		  fault_pct, (unsigned long long)seed, nops, nprocs, fault_pct);

	/* guard | arena | guard | read-only page */
	map_base = map(ARENA + 3 * 4096, PROT_READ | PROT_WRITE);
	arena = map_base + 4096;
	arena_end = arena + ARENA;
	ro_page = arena_end + 4096;
	mprotect(map_base, 4096, PROT_NONE);
	mprotect(arena_end, 4096, PROT_NONE);
	mprotect(ro_page, 4096, PROT_READ);
	big = map(BIG_LEN, PROT_READ | PROT_WRITE);
	all = mmap(NULL, nprocs * sizeof(*all), PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (all == MAP_FAILED) {
		ktap_diag("mmap: %s", strerror(errno));
		return KTAP_EXIT_FAIL;
	}
	memset(all, 0, nprocs * sizeof(*all));
	have_knobs = getuid() == 0 && knobs_init();
	have_limits = getuid() == 0 && limits_init();
	/*
	 * Ours keeps cryptodev in use whatever the workers have open; it is
	 * opened before faults are injected, which could make open() fail.
	 */
	hold = cdev_open();
	if (fault_pct && !fi_start(fault_pct)) {
		fi_stop();
		ktap_diag("cannot set up fault injection");
		return KTAP_EXIT_FAIL;
	}

	for (i = 0; i < nprocs; i++) {
		pids[i] = fork();
		if (pids[i] < 0) {
			ktap_diag("fork: %s", strerror(errno));
			return KTAP_EXIT_FAIL;
		}
		if (!pids[i]) {
			if (hold >= 0)
				close(hold);
			st = &all[i];
			worker(i, seed, nops);
		}
	}

	/* Unloading must be refused while files are open. */
	if (hold >= 0 && getuid() == 0)
		rmmod_busy = syscall(SYS_delete_module, "cryptodev",
				     O_NONBLOCK) ? errno : 0;

	/* Flip the policy while they run; reap with a hang deadline. */
	rnd_state = seed ^ 0xdeadbeefcafef00dull;
	start = time(NULL);
	deadline = start + HANG_SECS;
	for (j = 0; j < nprocs;) {
		int status;
		pid_t p = waitpid(-1, &status, WNOHANG);

		if (p > 0) {
			for (i = 0; i < nprocs; i++)
				if (pids[i] == p)
					break;
			if (i == nprocs)
				continue;
			check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
			      "worker %u exited normally", i);
			if (!WIFEXITED(status)) {
				crashed++;
				ktap_diag("worker %u: status 0x%x (signal %d)",
					  i, status, WTERMSIG(status));
			}
			pids[i] = 0;
			j++;
			continue;
		}
		if (time(NULL) > deadline) {
			for (i = 0; i < nprocs; i++) {
				if (!pids[i])
					continue;
				kill(pids[i], SIGKILL);
				waitpid(pids[i], NULL, 0);
				check(0, "worker %u exited normally", i);
				hung++;
				j++;
			}
			break;
		}
		if (have_knobs && rnd32() % 4 == 0) {
			knobs_flip();
			flips++;
		}
		if (have_limits && rnd32() % 8 == 0) {
			limits_flip();
			flips++;
		}
		usleep(have_knobs ? 2000 : 20000);
	}
	if (fault_pct)
		injected = fi_stop();
	if (hold >= 0)
		close(hold);
	if (have_knobs) {
		char now[2][32];
		int restored = knob_write(0, saved[0]) &&
			       knob_write(1, saved[1]) &&
			       knob_read(0, now[0], sizeof(now[0])) &&
			       knob_read(1, now[1], sizeof(now[1])) &&
			       !strcmp(now[0], saved[0]) &&
			       !strcmp(now[1], saved[1]);
		ktap_diag("%d policy flips (%s, %s)", flips, knob_path[0],
			  knob_path[1]);
		check(restored, "policy knobs restored");
	} else {
		skip("not root or no kern.usercrypto/cryptodevallowsoft",
		     "policy knobs restored");
	}
	if (have_limits)
		check(limits_restore(), "cryptodev limits restored "
		      "(max_sessions, max_op_len, max_async)");
	else
		skip("not root or no cryptodev parameters",
		     "cryptodev limits restored");

	for (i = 0; i < nprocs; i++) {
		ioctls += all[i].ioctls;
		errs += all[i].errs;
		forks += all[i].forks;
		kills += all[i].kills;
		statuses += all[i].statuses;
		threads += all[i].threads;
		unmaps += all[i].unmaps;
		shared_ok += all[i].shared_ok;
		shared_bad += all[i].shared_bad;
		bad += all[i].bad_errno;
		bad_child += all[i].bad_child;
		for (j = 0; j < ARRAY_LEN(all[i].first_bad) &&
		     j < all[i].bad_errno; j++)
			ktap_diag("worker %u: %s", i, all[i].first_bad[j]);
		if (all[i].shared_bad)
			ktap_diag("worker %u: %s", i, all[i].wrong_where);
	}
	ktap_diag("%lu ioctls (%lu failed cleanly), %lu forks, %lu kills, "
		  "%lu entry statuses, %lu threads, %lu unmap races in %ld s",
		  ioctls, errs, forks, kills, statuses, threads, unmaps,
		  (long)(time(NULL) - start));
	for (j = 1; j < ARRAY_LEN(all[0].by_errno); j++) {
		unsigned long n = 0;

		for (i = 0; i < nprocs; i++)
			n += all[i].by_errno[j];
		if (n)
			ktap_diag("  %5lu x %s", n, strerror(j));
	}
	check(!hung, "no worker hung (%d s)", HANG_SECS);
	check(!bad_child, "forked children died only of our SIGKILL");
	check(bad == bad_child, "every ioctl gave 0 or an allowed errno");
	check(!shared_bad, "threads sharing a session got right answers "
	      "(%lu right, %lu wrong)", shared_ok, shared_bad);
	if (fault_pct) {
		ktap_diag("%ld allocation failures injected (%u%%)", injected,
			  fault_pct);
		check(injected > 0, "allocation failures were injected");
	} else {
		skip("no -F", "allocation failures were injected");
	}
	check(cdev_kat_aes_cbc(), "AES-128-CBC known answer after the run");
	check(module_idle(), "cryptodev.ko holds no reference afterwards");
	reload_checks(rmmod_busy, why, sizeof(why));
	if (crashed)
		ktap_diag("replay: -s %llu -n %lu -p %u",
			  (unsigned long long)seed, nops, nprocs);
	return ktap_exit();
}
