// SPDX-License-Identifier: GPL-2.0-only
/*
 * ocf_bench: requests/s and MB/s through OCF and, in the same run,
 * through the Linux crypto API on the same transform, with the same
 * number of requests in flight.  Every output is compared with a result
 * computed once per size through the Linux API.
 *
 * Runs from module_init with its parameters and leaves a table (and one
 * "BENCH {json}" line per measurement) in /sys/kernel/debug/ocf_bench/
 * results until it is unloaded.  Without algs= it measures nothing, so
 * loading it by accident costs no time.
 *
 *   modprobe ocf_bench algs=all sizes=64,1500,65536 inflight=8 msecs=300
 *
 * framework=1 also measures the framework alone (a driver that does
 * nothing, against calling it directly), and each measurement prints
 * its best-slice rates: on a busy host these are the steadier numbers.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/wait.h>
#include <linux/sched.h>
#include <linux/scatterlist.h>
#include <linux/string.h>
#include <crypto/skcipher.h>
#include <crypto/aead.h>
#include <crypto/hash.h>
#include <opencrypto/cryptodev.h>
#include <ocf/compat.h>

#define BENCH_MAX_SIZES		16
#define BENCH_MAX_INFLIGHT	64
#define BENCH_MAX_SIZE		(64 * 1024)
#define BENCH_OUT_SIZE		(128 * 1024)
#define BENCH_TAG_LEN		16
#define BENCH_WAIT		(5 * HZ)	/* a request lost, not slow */
#define BENCH_CLOCK_NS		(100 * NSEC_PER_USEC)

static char *driver = "cryptosoft";
module_param(driver, charp, 0444);
MODULE_PARM_DESC(driver, "OCF driver name (empty: use crid)");
static int crid;
module_param(crid, int, 0444);
MODULE_PARM_DESC(crid, "OCF driver id or CRYPTOCAP_F_* mask when driver is empty (0: any)");
static char *algs = "";
module_param(algs, charp, 0444);
MODULE_PARM_DESC(algs, "comma list: aes-128-cbc,aes-128-gcm,sha256,hmac-sha256,null or all (empty: do nothing)");
static int sizes[BENCH_MAX_SIZES] = { 16, 64, 256, 1024, 1500, 4096, 16384, 65536 };
static int nsizes = 8;
module_param_array(sizes, int, &nsizes, 0444);
MODULE_PARM_DESC(sizes, "request sizes in bytes (rounded up to the block size)");
static int inflight = 8;
module_param(inflight, int, 0444);
MODULE_PARM_DESC(inflight, "requests in flight (1-64)");
static int msecs = 300;
module_param(msecs, int, 0444);
MODULE_PARM_DESC(msecs, "time per measurement and path in ms (when count is 0)");
static int count;
module_param(count, int, 0444);
MODULE_PARM_DESC(count, "requests per measurement and path (0: use msecs)");
static int rounds = 2;
module_param(rounds, int, 0444);
MODULE_PARM_DESC(rounds, "alternations of the two paths per measurement");

static char *path = "both";
module_param(path, charp, 0444);
MODULE_PARM_DESC(path, "both, ocf or linux: one path alone is for a profile (no ratio)");

static bool framework;
module_param(framework, bool, 0444);
MODULE_PARM_DESC(framework, "also measure the framework alone, through a driver that does nothing");
static int sessions;
module_param(sessions, int, 0444);
MODULE_PARM_DESC(sessions, "also time this many session set-ups and frees per alg, on any driver and on driver=");
static bool mixed;
module_param(mixed, bool, 0444);
MODULE_PARM_DESC(mixed, "also run all sizes through one session on any driver (routing by size)");

enum bench_kind { BK_CIPHER, BK_AEAD, BK_HASH };

struct bench_alg {
	const char	*name;		/* parameter and report name */
	const char	*linux_name;	/* the same transform in Linux */
	enum bench_kind	kind;
	int		ocf_alg;
	int		ocf_mac;	/* AEAD: the MAC half */
	unsigned int	keylen;
	unsigned int	ivlen;
	unsigned int	digestlen;	/* hash result or tag */
	unsigned int	blocksize;	/* sizes are rounded up to this */
};

static const struct bench_alg bench_algs[] = {
	{ "aes-128-cbc", "cbc(aes)", BK_CIPHER, CRYPTO_AES_CBC, 0, 16, 16, 0,
	  16 },
	{ "aes-128-gcm", "gcm(aes)", BK_AEAD, CRYPTO_AES_GCM_16,
	  CRYPTO_AES_128_GMAC, 16, 12, BENCH_TAG_LEN, 1 },
	{ "sha256", "sha256", BK_HASH, CRYPTO_SHA2_256, 0, 0, 0, 32, 1 },
	{ "hmac-sha256", "hmac(sha256)", BK_HASH, CRYPTO_SHA2_256_HMAC, 0, 32,
	  0, 32, 1 },
	{ "null", "ecb(cipher_null)", BK_CIPHER, CRYPTO_NULL, 0, 0, 0, 0, 1 },
};

/* Fixed key and IV: outputs are deterministic, so one reference suffices. */
static const u8 bench_key[32] = {
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
	0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
	0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
	0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
};

static const u8 bench_iv[16] = {
	0xf0, 0xe1, 0xd2, 0xc3, 0xb4, 0xa5, 0x96, 0x87,
	0x78, 0x69, 0x5a, 0x4b, 0x3c, 0x2d, 0x1e, 0x0f,
};

/* One request slot; both paths use the same slots. */
struct bench_slot {
	struct bench_run	*run;
	bool			busy;
	bool			done;		/* written by the callback */
	int			err;
	u8			*dst;		/* output (+ tag room) */
	u8			mac[64];	/* hash result or tag */
	u8			iv[16];
	struct scatterlist	sg_src, sg_dst;
	struct cryptop		*crp;
	union {
		struct skcipher_request	*skreq;
		struct aead_request	*aereq;
		struct ahash_request	*ahreq;
	};
};

struct bench_stats {
	u64	ops, ns, errors, retries;
	u64	inline_done;	/* complete when the submit call returned */
	u64	sleeps;		/* waits for a completion */
	int	first_err;
};

/* One measurement: both paths over the same slots. */
struct bench_run {
	const struct bench_alg	*alg;
	unsigned int		size;
	u8			*src;		/* shared input, read only */
	const u8		*want;		/* expected output */
	const u8		*want_mac;	/* expected digest or tag */
	struct bench_slot	slots[BENCH_MAX_INFLIGHT];
	unsigned int		nslots;
	wait_queue_head_t	wq;
	bool			ocf;		/* which path runs now */
	u64			sid;
	struct bench_stats	*st;		/* that path's counters */
	bool			lost;		/* slots still owned elsewhere */
};

static struct dentry *bench_dir;
static char *bench_out;
static size_t bench_len;

static __printf(1, 2) void out(const char *fmt, ...)
{
	va_list ap;

	if (!bench_out)
		return;
	va_start(ap, fmt);
	bench_len += vscnprintf(bench_out + bench_len,
				BENCH_OUT_SIZE - bench_len, fmt, ap);
	va_end(ap);
}

static ssize_t results_read(struct file *file, char __user *buf,
			    size_t len, loff_t *pos)
{
	return simple_read_from_buffer(buf, len, pos, bench_out, bench_len);
}

static const struct file_operations results_fops = {
	.owner	= THIS_MODULE,
	.read	= results_read,
	.llseek	= default_llseek,
};

static void slot_complete(struct bench_slot *s, int err)
{
	s->err = err;
	/* Pairs with smp_load_acquire() in the submitting loop. */
	smp_store_release(&s->done, true);
	/*
	 * Mostly the submitter itself, completing inline: no sleeper to
	 * wake (the Linux path pays no wake-up for those either).
	 */
	if (wq_has_sleeper(&s->run->wq))
		wake_up(&s->run->wq);
}

static int ocf_cb(struct cryptop *crp)
{
	slot_complete(crp->crp_opaque, crp->crp_etype);
	return 0;
}

static void linux_cb(OCF_ASYNC_DONE_ARGS(data, err))
{
	OCF_ASYNC_DONE_PROLOGUE(data);

	if (err == -EINPROGRESS)	/* left the backlog; not done yet */
		return;
	slot_complete(data, err);
}

/* Fill and dispatch an OCF request for one slot. */
static int ocf_submit(struct bench_run *r, struct bench_slot *s)
{
	const struct bench_alg *a = r->alg;
	struct cryptop *crp = s->crp;
	struct cryptodesc *d = crp->crp_desc;

	crp->crp_sid = r->sid;
	crp->crp_ilen = r->size;
	crp->crp_flags = CRYPTO_F_CBIFSYNC;
	crp->crp_buf = r->src;
	crp->crp_obuf = a->kind == BK_HASH ? NULL : s->dst;
	crp->crp_mac = a->kind == BK_CIPHER ? NULL : s->mac;
	crp->crp_opaque = s;
	crp->crp_callback = ocf_cb;
	d->crd_skip = 0;
	d->crd_len = r->size;
	d->crd_inject = 0;
	d->crd_alg = a->ocf_alg;
	d->crd_flags = a->kind == BK_HASH ? 0 : CRD_F_ENCRYPT;
	if (a->ivlen) {
		d->crd_flags |= CRD_F_IV_EXPLICIT;
		memcpy(d->crd_iv, bench_iv, a->ivlen);
	}
	if (a->kind == BK_AEAD) {
		/* The MAC half covers the (empty) AAD; the tag goes to crp_mac. */
		d = d->crd_next;
		d->crd_skip = 0;
		d->crd_len = 0;
		d->crd_inject = 0;
		d->crd_alg = a->ocf_mac;
		d->crd_flags = CRD_F_ENCRYPT;
	}
	return crypto_dispatch(crp);
}

/* Submit one Linux API request; 0 and 1 mean in flight, 2 done now. */
static int linux_submit(struct bench_run *r, struct bench_slot *s)
{
	const struct bench_alg *a = r->alg;
	int err;

	memcpy(s->iv, bench_iv, sizeof(s->iv));
	switch (a->kind) {
	case BK_CIPHER:
		skcipher_request_set_crypt(s->skreq, &s->sg_src, &s->sg_dst,
					   r->size, a->ivlen ? s->iv : NULL);
		err = crypto_skcipher_encrypt(s->skreq);
		break;
	case BK_AEAD:
		aead_request_set_ad(s->aereq, 0);
		aead_request_set_crypt(s->aereq, &s->sg_src, &s->sg_dst,
				       r->size, s->iv);
		err = crypto_aead_encrypt(s->aereq);
		break;
	default:
		ahash_request_set_crypt(s->ahreq, &s->sg_src, s->mac, r->size);
		err = crypto_ahash_digest(s->ahreq);
		break;
	}
	if (err == -EINPROGRESS || err == -EBUSY)
		return 0;
	s->err = err;
	s->done = true;
	return 2;
}

/* The slot's result against the reference. */
static bool slot_verify(struct bench_run *r, struct bench_slot *s)
{
	const struct bench_alg *a = r->alg;

	if (s->err)
		return false;
	switch (a->kind) {
	case BK_CIPHER:
		return !memcmp(s->dst, r->want, r->size);
	case BK_AEAD:
		if (memcmp(s->dst, r->want, r->size))
			return false;
		/* Linux writes the tag after the ciphertext, OCF to crp_mac. */
		return !memcmp(r->ocf ? s->mac : s->dst + r->size,
			       r->want_mac, a->digestlen);
	default:
		return !memcmp(s->mac, r->want_mac, a->digestlen);
	}
}

static void slot_account(struct bench_run *r, struct bench_slot *s)
{
	if (slot_verify(r, s)) {
		r->st->ops++;
		return;
	}
	if (!r->st->errors)
		r->st->first_err = s->err;
	r->st->errors++;
}

/* Scribble over the output so a request that does nothing cannot pass. */
static void slot_poison(struct bench_run *r, struct bench_slot *s)
{
	if (r->alg->kind != BK_HASH)
		s->dst[0] = ~r->want[0];
	if (r->want_mac) {
		s->mac[0] = ~r->want_mac[0];
		/* Linux writes the AEAD tag after the ciphertext. */
		if (r->alg->kind == BK_AEAD)
			s->dst[r->size] = ~r->want_mac[0];
	}
}

/* Is the slot's request complete (its result and err visible)? */
static bool slot_done(const struct bench_slot *s)
{
	/* Pairs with smp_store_release() in slot_complete(). */
	return smp_load_acquire(&s->done);
}

static bool slot_any_done(const struct bench_run *r)
{
	unsigned int i;

	for (i = 0; i < r->nslots; i++)
		if (r->slots[i].busy && slot_done(&r->slots[i]))
			return true;
	return false;
}

static int slot_submit(struct bench_run *r, struct bench_slot *s)
{
	int err;

	slot_poison(r, s);
	s->done = false;
	s->err = 0;
	s->busy = true;
	if (!r->ocf) {
		err = linux_submit(r, s);
	} else {
		err = ocf_submit(r, s);
		if (err) {
			s->err = err;
			s->done = true;
		}
	}
	if (slot_done(s))
		r->st->inline_done++;
	return 0;
}

/*
 * Keep every slot busy until the deadline (or the count), verifying
 * each result as it comes back; then drain.
 */
static void bench_loop(struct bench_run *r, u64 budget_ns, u64 budget_ops)
{
	u64 start = ktime_get_ns(), now = start, prev, issued = 0;
	bool stop = false, lost = false;
	unsigned int i, busy, passes = 0, every = 1;

	for (;;) {
		busy = 0;
		for (i = 0; i < r->nslots; i++) {
			struct bench_slot *s = &r->slots[i];

			if (s->busy && slot_done(s)) {
				s->busy = false;
				if (r->ocf && s->err == EAGAIN) {
					/* The session moved: retry it there. */
					r->sid = s->crp->crp_sid;
					r->st->retries++;
					issued--;
				} else {
					slot_account(r, s);
				}
			}
			if (!s->busy && !stop) {
				if (budget_ops ? issued >= budget_ops :
				    now - start >= budget_ns) {
					stop = true;
				} else {
					issued++;
					slot_submit(r, s);
				}
			}
			busy += s->busy;
		}
		if (!busy)
			break;
		if (r->st->errors > 16)
			stop = true;
		/*
		 * The clock about every BENCH_CLOCK_NS, not every pass: on
		 * 6.1 under TCG it is the HPET, and one read costs more than
		 * a small request.
		 */
		if (++passes >= every) {
			passes = 0;
			prev = now;
			now = ktime_get_ns();
			if (now - prev < BENCH_CLOCK_NS && every < 4096)
				every *= 2;
		}
		/* Sleep only when nothing completed inline. */
		if (!slot_any_done(r)) {
			r->st->sleeps++;
			if (!wait_event_timeout(r->wq, slot_any_done(r),
						BENCH_WAIT))
				lost = true;
		}
		if (lost) {
			r->lost = true;
			if (!r->st->errors)
				r->st->first_err = -ETIMEDOUT;
			r->st->errors++;
			break;
		}
		cond_resched();
	}
	r->st->ns += ktime_get_ns() - start;
}

static u64 rate_milli(u64 n, u64 ns)
{
	return ns ? mul_u64_u64_div_u64(n, 1000000000000ULL, ns) : 0;
}

/* One slice of bench_loop(); *@best keeps the fastest slice's rate. */
static void bench_slice(struct bench_run *r, u64 budget_ns, u64 budget_ops,
			u64 *best)
{
	u64 ops = r->st->ops, ns = r->st->ns, rate;

	bench_loop(r, budget_ns, budget_ops);
	rate = rate_milli(r->st->ops - ops, r->st->ns - ns);
	if (rate > *best)
		*best = rate;
}

static int ocf_session(struct bench_run *r, int cr)
{
	const struct bench_alg *a = r->alg;
	struct cryptoini ci = {}, cm = {};

	ci.cri_alg = a->ocf_alg;
	ci.cri_klen = a->keylen * 8;
	ci.cri_key = (void *)bench_key;
	if (a->kind == BK_AEAD) {
		cm.cri_alg = a->ocf_mac;
		cm.cri_klen = a->keylen * 8;
		cm.cri_key = (void *)bench_key;
		ci.cri_next = &cm;
	}
	return crypto_newsession_crid(&r->sid, &ci, cr);
}

/* Linux API transforms and requests for every slot. */
struct bench_tfm {
	struct crypto_skcipher	*sk;
	struct crypto_aead	*ae;
	struct crypto_ahash	*ah;
	const char		*driver_name;
	/* What a synchronous-only allocation of the same name gets. */
	char			sync_name[CRYPTO_MAX_ALG_NAME];
};

static void tfm_sync_name(const struct bench_alg *a, struct bench_tfm *t)
{
	const u32 mask = CRYPTO_ALG_ASYNC;
	struct crypto_skcipher *sk;
	struct crypto_aead *ae;
	struct crypto_ahash *ah;

	strscpy(t->sync_name, "none", sizeof(t->sync_name));
	switch (a->kind) {
	case BK_CIPHER:
		sk = crypto_alloc_skcipher(a->linux_name, 0, mask);
		if (IS_ERR(sk))
			return;
		strscpy(t->sync_name, crypto_skcipher_driver_name(sk),
			sizeof(t->sync_name));
		crypto_free_skcipher(sk);
		break;
	case BK_AEAD:
		ae = crypto_alloc_aead(a->linux_name, 0, mask);
		if (IS_ERR(ae))
			return;
		strscpy(t->sync_name, crypto_aead_driver_name(ae),
			sizeof(t->sync_name));
		crypto_free_aead(ae);
		break;
	default:
		ah = crypto_alloc_ahash(a->linux_name, 0, mask);
		if (IS_ERR(ah))
			return;
		strscpy(t->sync_name, crypto_ahash_driver_name(ah),
			sizeof(t->sync_name));
		crypto_free_ahash(ah);
		break;
	}
}

static int tfm_alloc(const struct bench_alg *a, struct bench_tfm *t)
{
	int err = 0;

	memset(t, 0, sizeof(*t));
	switch (a->kind) {
	case BK_CIPHER:
		t->sk = crypto_alloc_skcipher(a->linux_name, 0, 0);
		if (IS_ERR(t->sk))
			return PTR_ERR(t->sk);
		if (a->keylen)
			err = crypto_skcipher_setkey(t->sk, bench_key, a->keylen);
		t->driver_name = crypto_skcipher_driver_name(t->sk);
		break;
	case BK_AEAD:
		t->ae = crypto_alloc_aead(a->linux_name, 0, 0);
		if (IS_ERR(t->ae))
			return PTR_ERR(t->ae);
		err = crypto_aead_setkey(t->ae, bench_key, a->keylen);
		if (!err)
			err = crypto_aead_setauthsize(t->ae, a->digestlen);
		t->driver_name = crypto_aead_driver_name(t->ae);
		break;
	default:
		t->ah = crypto_alloc_ahash(a->linux_name, 0, 0);
		if (IS_ERR(t->ah))
			return PTR_ERR(t->ah);
		if (a->keylen)
			err = crypto_ahash_setkey(t->ah, bench_key, a->keylen);
		t->driver_name = crypto_ahash_driver_name(t->ah);
		break;
	}
	tfm_sync_name(a, t);
	return err;
}

static void tfm_free(struct bench_tfm *t)
{
	if (!IS_ERR_OR_NULL(t->sk))
		crypto_free_skcipher(t->sk);
	if (!IS_ERR_OR_NULL(t->ae))
		crypto_free_aead(t->ae);
	if (!IS_ERR_OR_NULL(t->ah))
		crypto_free_ahash(t->ah);
}

static int slot_req_alloc(struct bench_slot *s, const struct bench_alg *a,
			  struct bench_tfm *t)
{
	u32 flags = CRYPTO_TFM_REQ_MAY_BACKLOG;

	switch (a->kind) {
	case BK_CIPHER:
		s->skreq = skcipher_request_alloc(t->sk, GFP_KERNEL);
		if (!s->skreq)
			return -ENOMEM;
		skcipher_request_set_callback(s->skreq, flags, linux_cb, s);
		break;
	case BK_AEAD:
		s->aereq = aead_request_alloc(t->ae, GFP_KERNEL);
		if (!s->aereq)
			return -ENOMEM;
		aead_request_set_callback(s->aereq, flags, linux_cb, s);
		break;
	default:
		s->ahreq = ahash_request_alloc(t->ah, GFP_KERNEL);
		if (!s->ahreq)
			return -ENOMEM;
		ahash_request_set_callback(s->ahreq, flags, linux_cb, s);
		break;
	}
	return 0;
}

static void slot_req_free(struct bench_slot *s, const struct bench_alg *a)
{
	switch (a->kind) {
	case BK_CIPHER:
		skcipher_request_free(s->skreq);
		break;
	case BK_AEAD:
		aead_request_free(s->aereq);
		break;
	default:
		ahash_request_free(s->ahreq);
		break;
	}
	s->skreq = NULL;
}

/* The expected output of one size, through the Linux API, synchronously. */
static int reference(struct bench_run *r, struct bench_tfm *t, u8 *want)
{
	const struct bench_alg *a = r->alg;
	struct bench_slot *s = &r->slots[0];
	DECLARE_CRYPTO_WAIT(wait);
	int err;

	memcpy(s->iv, bench_iv, sizeof(s->iv));
	switch (a->kind) {
	case BK_CIPHER:
		skcipher_request_set_callback(s->skreq, 0, crypto_req_done,
					      &wait);
		skcipher_request_set_crypt(s->skreq, &s->sg_src, &s->sg_dst,
					   r->size, a->ivlen ? s->iv : NULL);
		err = crypto_wait_req(crypto_skcipher_encrypt(s->skreq), &wait);
		skcipher_request_set_callback(s->skreq,
					      CRYPTO_TFM_REQ_MAY_BACKLOG,
					      linux_cb, s);
		memcpy(want, s->dst, r->size);
		break;
	case BK_AEAD:
		aead_request_set_callback(s->aereq, 0, crypto_req_done, &wait);
		aead_request_set_ad(s->aereq, 0);
		aead_request_set_crypt(s->aereq, &s->sg_src, &s->sg_dst,
				       r->size, s->iv);
		err = crypto_wait_req(crypto_aead_encrypt(s->aereq), &wait);
		aead_request_set_callback(s->aereq, CRYPTO_TFM_REQ_MAY_BACKLOG,
					  linux_cb, s);
		memcpy(want, s->dst, r->size + a->digestlen);
		break;
	default:
		ahash_request_set_callback(s->ahreq, 0, crypto_req_done, &wait);
		ahash_request_set_crypt(s->ahreq, &s->sg_src, want, r->size);
		err = crypto_wait_req(crypto_ahash_digest(s->ahreq), &wait);
		ahash_request_set_callback(s->ahreq, CRYPTO_TFM_REQ_MAY_BACKLOG,
					   linux_cb, s);
		break;
	}
	return err;
}

/*
 * ops/s and MB/s, both times 1000, without floating point.  @impl is the
 * Linux crypto API implementation (driver name) the path ran on.
 */
static void report(const char *path, const char *drvname, const char *impl,
		   const struct bench_run *r, const struct bench_stats *st)
{
	u64 ops_m = rate_milli(st->ops, st->ns);
	u64 mb_m = div64_u64(rate_milli(st->ops * r->size, st->ns), 1000000);

	/* One line, written in pieces to keep the source readable. */
	out("BENCH {\"layer\":\"kernel\",\"path\":\"%s\",", path);
	out("\"driver\":\"%s\",\"impl\":\"%s\",", drvname, impl);
	out("\"alg\":\"%s\",\"size\":%u,\"inflight\":%u,", r->alg->name,
	    r->size, r->nslots);
	out("\"ops\":%llu,\"ns\":%llu,", st->ops, st->ns);
	out("\"ops_per_s\":%llu.%03llu,\"mb_per_s\":%llu.%03llu,",
	    ops_m / 1000, ops_m % 1000, mb_m / 1000, mb_m % 1000);
	out("\"verified\":%llu,\"errors\":%llu,\"first_err\":%d,", st->ops,
	    st->errors, st->first_err);
	out("\"retries\":%llu,\"inline\":%llu,\"sleeps\":%llu}\n",
	    st->retries, st->inline_done, st->sleeps);
}

/*
 * Which Linux implementation the OCF session runs on, as its driver
 * reports it (crypto_session_impl()), into @impl; "unknown" when the
 * driver does not say.  A comparison is only fair on the same one.
 */
static void ocf_impl(const struct bench_run *r, char *impl, size_t len)
{
	if (crypto_session_impl(r->sid, r->alg->ocf_alg, impl, len) ||
	    !impl[0])
		strscpy(impl, "unknown", len);
}

/* MB/s with one decimal, as tenths. */
static u64 mb_tenths(const struct bench_stats *st, unsigned int size)
{
	return div64_u64(rate_milli(st->ops * size, st->ns), 100000000);
}

static void bench_size(const struct bench_alg *a, struct bench_tfm *t,
		       struct bench_run *r, int cr, unsigned int size,
		       u8 *want)
{
	char drvname[CRYPTO_DRIVER_NAME_LEN] = "?";
	char impl[CRYPTO_MAX_ALG_NAME];
	u64 budget_ns = (u64)msecs * NSEC_PER_MSEC / rounds;
	u64 budget_ops = count > 0 ? (u64)count / rounds + 1 : 0;
	struct bench_stats ocf = {}, lin = {};
	u64 ocf_rate, lin_rate, ratio, om, lm, ocf_best = 0, lin_best = 0;
	unsigned int i;
	u32 drvid;
	int err, k;

	r->size = size;
	for (i = 0; i < r->nslots; i++) {
		struct bench_slot *s = &r->slots[i];

		sg_init_one(&s->sg_src, r->src, size);
		sg_init_one(&s->sg_dst, s->dst, size + BENCH_TAG_LEN);
	}
	err = reference(r, t, want);
	if (err) {
		out("# %s %u: Linux reference failed (%d)\n", a->name, size,
		    err);
		return;
	}
	r->want = want;
	r->want_mac = a->kind == BK_HASH ? want :
		      a->kind == BK_AEAD ? want + size : NULL;

	err = ocf_session(r, cr);
	if (err) {
		out("# %s %u: OCF session failed (%d)\n", a->name, size, err);
		return;
	}
	if (!crypto_session_driver(r->sid, a->ocf_alg, &drvid))
		crypto_get_driver_name(drvid, drvname, sizeof(drvname));
	ocf_impl(r, impl, sizeof(impl));
	out("# %s %u: implementation: ocf %s -> %s, linux %s (%s;", a->name,
	    size, drvname, impl, t->driver_name,
	    !strcmp(impl, "unknown") ? "not known to be the same" :
	    !strcmp(impl, t->driver_name) ? "same" : "DIFFERENT");
	out(" a synchronous-only tfm would be %s)\n", t->sync_name);

	/* Alternate the paths so drift between them averages out. */
	for (k = 0; k < rounds && !r->lost; k++) {
		if (strcmp(path, "linux")) {
			r->ocf = true;
			r->st = &ocf;
			bench_slice(r, budget_ns, budget_ops, &ocf_best);
			if (r->lost)
				break;
		}
		if (strcmp(path, "ocf")) {
			r->ocf = false;
			r->st = &lin;
			bench_slice(r, budget_ns, budget_ops, &lin_best);
		}
	}
	if (!r->lost)
		crypto_freesession(r->sid);

	report("ocf", drvname, impl, r, &ocf);
	report("linux", t->driver_name, t->driver_name, r, &lin);
	ocf_rate = rate_milli(ocf.ops, ocf.ns);
	lin_rate = rate_milli(lin.ops, lin.ns);
	ratio = lin_rate ? div64_u64(ocf_rate * 1000, lin_rate) : 0;
	om = mb_tenths(&ocf, size);
	lm = mb_tenths(&lin, size);
	out("  %-10s %6u %12llu %10llu.%01llu %12llu %10llu.%01llu %4llu.%03llu %s\n",
	    a->name, size, ocf_rate / 1000, om / 10, om % 10,
	    lin_rate / 1000, lm / 10, lm % 10, ratio / 1000, ratio % 1000,
	    ocf.errors || lin.errors ? "VERIFY-FAILED" : "ok");
	/*
	 * On a busy host a slice only loses time to preemption: the best
	 * slice of each path is the steadier comparison.
	 */
	ratio = lin_best ? div64_u64(ocf_best * 1000, lin_best) : 0;
	out("# %s %u best slices: ocf %llu req/s, linux %llu req/s,", a->name,
	    size, ocf_best / 1000, lin_best / 1000);
	out(" ratio %llu.%03llu, ocf extra %lld ns/req\n", ratio / 1000,
	    ratio % 1000, ocf_best && lin_best ?
	    (s64)div64_u64(1000000000000ULL, ocf_best) -
	    (s64)div64_u64(1000000000000ULL, lin_best) : 0LL);
	if (ocf.errors || lin.errors)
		out("# %s %u: %llu OCF errors (first %d), %llu Linux errors (first %d)%s\n",
		    a->name, size, ocf.errors, ocf.first_err, lin.errors,
		    lin.first_err, r->lost ? ", a request never completed" : "");
}

/*
 * Session set-up and free, as a consumer creating a session per use
 * (OpenSSL per EVP init) pays it: @n pairs on driver choice @cr.
 */
static void bench_sessions(struct bench_run *r, int cr, const char *what)
{
	u64 t0 = ktime_get_ns(), ns;
	int i, err = 0;

	for (i = 0; i < sessions && !err; i++) {
		err = ocf_session(r, cr);
		if (!err)
			err = crypto_freesession(r->sid);
		if (!(i % 64))
			cond_resched();
	}
	ns = ktime_get_ns() - t0;
	if (err) {
		out("# %s sessions on %s: failed (%d)\n", r->alg->name, what,
		    err);
		return;
	}
	out("# %s sessions on %s: %llu set-up+free/s (%d in %llu us)\n",
	    r->alg->name, what, rate_milli(sessions, ns) / 1000, sessions,
	    div64_u64(ns, 1000));
}

/*
 * Every size through one session that may use any driver, size after
 * size, @rounds times: the framework's routing by size decides where
 * each goes (the statistics tell).  Outputs are verified as always.
 */
static void bench_mixed(const struct bench_alg *a, struct bench_tfm *t,
			struct bench_run *r)
{
	u64 budget_ns = (u64)msecs * NSEC_PER_MSEC / rounds / max(nsizes, 1);
	struct bench_stats *st = kcalloc(BENCH_MAX_SIZES, sizeof(*st),
					 GFP_KERNEL);
	u8 *want[BENCH_MAX_SIZES] = { };
	unsigned int size[BENCH_MAX_SIZES];
	int n, k, err;
	unsigned int i;

	if (!st)
		return;
	for (n = 0; n < nsizes; n++) {
		size[n] = roundup(clamp(sizes[n], 1, BENCH_MAX_SIZE),
				  a->blocksize);
		want[n] = kmalloc(BENCH_MAX_SIZE + BENCH_TAG_LEN, GFP_KERNEL);
		if (!want[n] || size[n] > BENCH_MAX_SIZE)
			goto out;
		r->size = size[n];
		for (i = 0; i < r->nslots; i++) {
			sg_init_one(&r->slots[i].sg_src, r->src, size[n]);
			sg_init_one(&r->slots[i].sg_dst, r->slots[i].dst,
				    size[n] + BENCH_TAG_LEN);
		}
		if (reference(r, t, want[n]))
			goto out;
	}
	err = ocf_session(r, CRYPTOCAP_F_HARDWARE | CRYPTOCAP_F_SOFTWARE);
	if (err) {
		out("# %s mixed: OCF session failed (%d)\n", a->name, err);
		goto out;
	}
	r->ocf = true;
	for (k = 0; k < rounds && !r->lost; k++) {
		for (n = 0; n < nsizes && !r->lost; n++) {
			r->size = size[n];
			r->want = want[n];
			r->want_mac = a->kind == BK_HASH ? want[n] :
				      a->kind == BK_AEAD ? want[n] + size[n] :
				      NULL;
			r->st = &st[n];
			bench_loop(r, budget_ns, 0);
		}
	}
	if (!r->lost)
		crypto_freesession(r->sid);
	for (n = 0; n < nsizes; n++)
		out("# %s mixed %u: %llu req/s, %llu verified, %llu errors\n",
		    a->name, size[n], rate_milli(st[n].ops, st[n].ns) / 1000,
		    st[n].ops, st[n].errors);
out:
	for (n = 0; n < nsizes; n++)
		kfree(want[n]);
	kfree(st);
}

static void bench_alg(const struct bench_alg *a, int cr)
{
	struct bench_tfm t;
	struct bench_run *r;
	u8 *want = NULL;
	unsigned int i;
	int err, n;

	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r) {
		out("# %s: out of memory\n", a->name);
		return;
	}
	r->alg = a;
	r->nslots = clamp(inflight, 1, BENCH_MAX_INFLIGHT);
	init_waitqueue_head(&r->wq);
	err = tfm_alloc(a, &t);
	if (err) {
		out("# %s: Linux transform %s unavailable (%d)\n", a->name,
		    a->linux_name, err);
		goto out_tfm;
	}
	err = -ENOMEM;
	r->src = kmalloc(BENCH_MAX_SIZE, GFP_KERNEL);
	want = kmalloc(BENCH_MAX_SIZE + BENCH_TAG_LEN, GFP_KERNEL);
	if (!r->src || !want)
		goto out_mem;
	for (i = 0; i < BENCH_MAX_SIZE; i++)
		r->src[i] = (u8)(i * 7 + 3);
	for (i = 0; i < r->nslots; i++) {
		struct bench_slot *s = &r->slots[i];

		s->run = r;
		s->dst = kmalloc(BENCH_MAX_SIZE + BENCH_TAG_LEN, GFP_KERNEL);
		s->crp = crypto_getreq(a->kind == BK_AEAD ? 2 : 1);
		if (!s->dst || !s->crp || slot_req_alloc(s, a, &t))
			goto out_mem;
	}
	if (sessions > 0) {
		bench_sessions(r, CRYPTOCAP_F_HARDWARE | CRYPTOCAP_F_SOFTWARE,
			       "any driver");
		bench_sessions(r, cr, driver && *driver ? driver : "crid");
	}
	if (mixed)
		bench_mixed(a, &t, r);
	for (n = 0; n < nsizes && !r->lost; n++) {
		unsigned int size = sizes[n];

		if (sizes[n] <= 0 || sizes[n] > BENCH_MAX_SIZE) {
			out("# %s: size %d out of range\n", a->name, sizes[n]);
			continue;
		}
		size = roundup(size, a->blocksize);
		if (size > BENCH_MAX_SIZE)
			continue;
		bench_size(a, &t, r, cr, size, want);
	}
	err = 0;
out_mem:
	if (err)
		out("# %s: out of memory\n", a->name);
	if (r->lost) {
		/* A driver may still write into these: leak rather than corrupt. */
		out("# %s: buffers of lost requests are leaked\n", a->name);
		tfm_free(&t);
		return;
	}
	for (i = 0; i < r->nslots; i++) {
		struct bench_slot *s = &r->slots[i];

		if (s->skreq)
			slot_req_free(s, a);
		if (s->crp)
			crypto_freereq(s->crp);
		kfree(s->dst);
	}
	kfree(want);
	kfree(r->src);
out_tfm:
	tfm_free(&t);
	kfree(r);
}

static bool alg_selected(const char *name)
{
	const char *p = algs;
	size_t n = strlen(name);

	if (!strcmp(algs, "all"))
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

/*
 * The framework alone: a synchronous driver that completes each request
 * inside process() without touching it, on a test-reserved algorithm
 * number, against calling that process() directly.  The difference is
 * what dispatch, accounting and completion cost per request.
 */
#define BENCH_NOP_ALG		(CRYPTO_TEST_ALG_FIRST + 9)
/* Short slices: some run without the host taking the vCPU away. */
#define BENCH_FW_SLICE		2000

static int nop_newsession(void *arg, u32 *lid, struct cryptoini *cri)
{
	*lid = 1;
	return 0;
}

static int nop_freesession(void *arg, u64 sid)
{
	return 0;
}

static int nop_process(void *arg, struct cryptop *crp, int hint)
{
	crp->crp_etype = 0;
	crypto_done(crp);
	return 0;
}

static int nop_direct_done(void *arg, struct cryptop *crp, int hint)
{
	crp->crp_etype = 0;
	crp->crp_callback(crp);
	return 0;
}

static int nop_cb(struct cryptop *crp)
{
	(*(u64 *)crp->crp_opaque)++;
	return 0;
}

static void bench_framework(void)
{
	int (*direct)(void *, struct cryptop *, int) = nop_direct_done;
	struct cryptoini cri = { .cri_alg = BENCH_NOP_ALG };
	u64 sid = 0, done = 0, n, k, ns[2] = { }, best[2] = { };
	struct cryptop *crp = crypto_getreq(1);
	s32 id;

	id = crypto_get_driverid_named(CRYPTOCAP_F_SOFTWARE | CRYPTOCAP_F_SYNC,
				       "ocf_bench_nop");
	if (!crp || id < 0 ||
	    crypto_register(id, BENCH_NOP_ALG, 0, 0, nop_newsession,
			    nop_freesession, nop_process, NULL) ||
	    crypto_newsession_crid(&sid, &cri, id)) {
		out("# framework: set-up failed\n");
		goto out;
	}
	/* An indirect call, as the framework's call of process() is. */
	OPTIMIZER_HIDE_VAR(direct);
	crp->crp_desc->crd_alg = BENCH_NOP_ALG;
	crp->crp_desc->crd_len = 64;
	crp->crp_callback = nop_cb;
	crp->crp_opaque = &done;
	for (k = 0; k < rounds * 2; k++) {
		u64 t0 = ktime_get_ns(), t;

		for (n = 0; n < BENCH_FW_SLICE; n++) {
			crp->crp_sid = sid;
			crp->crp_flags = CRYPTO_F_CBIFSYNC;
			if (k & 1)
				direct(NULL, crp, 0);
			else
				crypto_dispatch(crp);
		}
		t = ktime_get_ns() - t0;
		ns[k & 1] += t;
		if (!best[k & 1] || t < best[k & 1])
			best[k & 1] = t;
		cond_resched();
	}
	out("# framework: %llu of %llu called back;", done,
	    (u64)rounds * 2 * BENCH_FW_SLICE);
	out(" per request (best slices): dispatch %llu ns,",
	    div64_u64(best[0], BENCH_FW_SLICE));
	out(" direct call %llu ns, framework %lld ns\n",
	    div64_u64(best[1], BENCH_FW_SLICE),
	    (s64)div64_u64(best[0], BENCH_FW_SLICE) -
	    (s64)div64_u64(best[1], BENCH_FW_SLICE));
out:
	if (sid)
		crypto_freesession(sid);
	crypto_freereq(crp);
	if (id >= 0)
		crypto_unregister_all(id);
}

static void bench_all(void)
{
	int cr = crid;
	unsigned int i;

	if (framework) {
		if (rounds < 1)
			rounds = 1;
		bench_framework();
	}
	if (!algs || !*algs) {
		out("# no algs= given: nothing measured\n");
		return;
	}
	if (driver && *driver) {
		cr = crypto_find_driver(driver);
		if (cr < 0) {
			out("# OCF driver \"%s\" not found (%d)\n", driver, cr);
			return;
		}
	}
	if (strcmp(path, "both") && strcmp(path, "ocf") &&
	    strcmp(path, "linux")) {
		out("# path=%s set-up failed: not both, ocf or linux\n", path);
		return;
	}
	if (msecs < 1)
		msecs = 1;
	if (rounds < 1)
		rounds = 1;
	out("# ocf_bench: driver %s (crid %#x), %d in flight, %s %d%s per path, %d rounds\n",
	    driver && *driver ? driver : "-", cr, clamp(inflight, 1, BENCH_MAX_INFLIGHT),
	    count > 0 ? "count" : "time", count > 0 ? count : msecs,
	    count > 0 ? "" : " ms", rounds);
	out("# %-10s %6s %12s %12s %12s %12s %8s %s\n", "alg", "bytes",
	    "ocf req/s", "ocf MB/s", "linux req/s", "linux MB/s", "ocf/lin",
	    "verify");
	for (i = 0; i < ARRAY_SIZE(bench_algs); i++)
		if (alg_selected(bench_algs[i].name))
			bench_alg(&bench_algs[i], cr);
	out("# done\n");
}

static int __init ocf_bench_init(void)
{
	bench_out = kvzalloc(BENCH_OUT_SIZE, GFP_KERNEL);
	if (!bench_out)
		return -ENOMEM;
	bench_dir = debugfs_create_dir("ocf_bench", NULL);
	debugfs_create_file("results", 0444, bench_dir, NULL, &results_fops);
	bench_all();
	pr_info("ocf_bench: finished, results in debugfs ocf_bench/results\n");
	return 0;
}

static void __exit ocf_bench_exit(void)
{
	debugfs_remove_recursive(bench_dir);
	kvfree(bench_out);
}

module_init(ocf_bench_init);
module_exit(ocf_bench_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("OCF benchmark against the Linux crypto API");
