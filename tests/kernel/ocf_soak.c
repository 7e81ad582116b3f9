// SPDX-License-Identifier: GPL-2.0-only
/*
 * The in-kernel consumers of the soak test (tests/user/soak.c loads it
 * and churns the drivers meanwhile): `threads` kthreads keep `depth`
 * asynchronous requests each in flight for `secs` seconds on two
 * sessions, AES-128-CBC on whichever driver the framework picks (so it
 * migrates when a driver goes) and Camellia-128-CBC on software only.
 * Every output is compared with the Linux crypto API's; at the end
 * every request submitted must have completed, successfully or with an
 * error, and the counts are printed for the comparison with the
 * framework's statistics (`# soak-count` lines).
 * Results: /sys/kernel/debug/ocf_test/ocf_soak (KTAP).
 */
#include <crypto/skcipher.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/scatterlist.h>
#include <linux/wait.h>
#include <opencrypto/cryptodev.h>
#include "ktap.h"

static unsigned int secs = 20;
module_param(secs, uint, 0444);
MODULE_PARM_DESC(secs, "Seconds of load");
static unsigned int threads = 2;
module_param(threads, uint, 0444);
MODULE_PARM_DESC(threads, "Submitting threads (1-8)");
static unsigned int depth = 8;
module_param(depth, uint, 0444);
MODULE_PARM_DESC(depth, "Requests in flight per thread (1-64)");

#define SOAK_LEN	1024
#define SOAK_MAX_THREADS 8
#define SOAK_NERR	160

static struct ktap_suite suite;

/* One algorithm's session and account. */
struct soak_alg {
	const char	*name;		/* statistics name */
	const char	*linux_name;	/* the reference */
	int		alg;
	int		crid;
	u8		want[SOAK_LEN];	/* the reference ciphertext */
	atomic_long_t	submitted, ok, verified, wrong;
	atomic_long_t	by_errno[SOAK_NERR];
};

static struct soak_alg algs[] = {
	{ .name = "aes-cbc", .linux_name = "cbc(aes)",
	  .alg = CRYPTO_AES_CBC, .crid = 0 },
	{ .name = "camellia-cbc", .linux_name = "cbc(camellia)",
	  .alg = CRYPTO_CAMELLIA_CBC, .crid = CRYPTOCAP_F_SOFTWARE },
};

static u8 key[16], iv[16], plain[SOAK_LEN];

struct soak_thread {
	struct task_struct	*task;
	u64			sid[ARRAY_SIZE(algs)];
	atomic_t		inflight;
	wait_queue_head_t	wq;
	struct completion	drained;
	bool			has_sid[ARRAY_SIZE(algs)];
};

static struct soak_thread *soak;

struct soak_req {
	struct soak_thread	*t;
	struct soak_alg		*a;
	int			which;
	u8			buf[SOAK_LEN];
};

/* The expected output, from the Linux crypto API. */
static int soak_reference(struct soak_alg *a)
{
	struct crypto_skcipher *tfm;
	struct skcipher_request *req;
	struct scatterlist sg;
	DECLARE_CRYPTO_WAIT(wait);
	u8 *buf, v[16];
	int err;

	tfm = crypto_alloc_skcipher(a->linux_name, 0, 0);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	err = -ENOMEM;
	buf = kmemdup(plain, SOAK_LEN, GFP_KERNEL);
	req = skcipher_request_alloc(tfm, GFP_KERNEL);
	if (!buf || !req)
		goto out;
	err = crypto_skcipher_setkey(tfm, key, sizeof(key));
	if (err)
		goto out;
	memcpy(v, iv, sizeof(v));
	sg_init_one(&sg, buf, SOAK_LEN);
	skcipher_request_set_callback(req, CRYPTO_TFM_REQ_MAY_SLEEP,
				      crypto_req_done, &wait);
	skcipher_request_set_crypt(req, &sg, &sg, SOAK_LEN, v);
	err = crypto_wait_req(crypto_skcipher_encrypt(req), &wait);
	if (!err)
		memcpy(a->want, buf, SOAK_LEN);
out:
	skcipher_request_free(req);
	kfree(buf);
	crypto_free_skcipher(tfm);
	return err;
}

static int soak_done(struct cryptop *crp)
{
	struct soak_req *r = crp->crp_opaque;
	struct soak_alg *a = r->a;
	struct soak_thread *t = r->t;
	int e = crp->crp_etype;

	if (!e) {
		atomic_long_inc(&a->ok);
		if (memcmp(r->buf, a->want, SOAK_LEN))
			atomic_long_inc(&a->wrong);
		else
			atomic_long_inc(&a->verified);
	} else {
		atomic_long_inc(&a->by_errno[e > 0 && e < SOAK_NERR ? e : 0]);
		/* The session moved: later requests use the new id. */
		if (e == EAGAIN)
			WRITE_ONCE(t->sid[r->which], crp->crp_sid);
	}
	kfree_sensitive(r);
	crypto_freereq(crp);
	if (atomic_dec_return(&t->inflight) < (int)depth)
		wake_up(&t->wq);
	return 0;
}

static int soak_submit(struct soak_thread *t, int which)
{
	struct soak_alg *a = &algs[which];
	struct cryptodesc *crd;
	struct cryptop *crp;
	struct soak_req *r;

	r = kmalloc(sizeof(*r), GFP_KERNEL);
	crp = crypto_getreq(1);
	if (!r || !crp) {
		kfree(r);
		if (crp)
			crypto_freereq(crp);
		return -ENOMEM;
	}
	r->t = t;
	r->a = a;
	r->which = which;
	memcpy(r->buf, plain, SOAK_LEN);
	crp->crp_sid = READ_ONCE(t->sid[which]);
	crp->crp_buf = r->buf;
	crp->crp_ilen = SOAK_LEN;
	crp->crp_callback = soak_done;
	crp->crp_opaque = r;
	crd = crp->crp_desc;
	crd->crd_alg = a->alg;
	crd->crd_len = SOAK_LEN;
	crd->crd_flags = CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT | CRD_F_IV_PRESENT;
	memcpy(crd->crd_iv, iv, sizeof(iv));
	atomic_long_inc(&a->submitted);
	atomic_inc(&t->inflight);
	if (crypto_dispatch(crp)) {
		/* Only a NULL request or callback: never here. */
		atomic_long_inc(&a->by_errno[EINVAL]);
		atomic_dec(&t->inflight);
		kfree(r);
		crypto_freereq(crp);
		return -EINVAL;
	}
	return 0;
}

static int soak_thread_fn(void *data)
{
	struct soak_thread *t = data;
	unsigned long end = jiffies + secs * HZ;
	unsigned int n = 0;

	while (time_before(jiffies, end) && !kthread_should_stop()) {
		wait_event_timeout(t->wq, atomic_read(&t->inflight) <
				   (int)depth, HZ / 10);
		if (atomic_read(&t->inflight) >= (int)depth)
			continue;
		if (soak_submit(t, n++ % ARRAY_SIZE(algs)))
			msleep(20);
		cond_resched();
	}
	/* Drain: every request submitted must come back. */
	wait_event_timeout(t->wq, !atomic_read(&t->inflight), 60 * HZ);
	complete(&t->drained);
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static long soak_failed(struct soak_alg *a)
{
	long n = 0;
	int e;

	for (e = 0; e < SOAK_NERR; e++)
		n += atomic_long_read(&a->by_errno[e]);
	return n;
}

static void soak_report(struct soak_alg *a, long lost)
{
	long sub = atomic_long_read(&a->submitted);
	long ok = atomic_long_read(&a->ok);
	long failed = soak_failed(a);
	long bad_err = 0;
	int e;

	ktap_diag(&suite, "%s: %ld submitted, %ld completed, %ld failed",
		  a->name, sub, ok, failed);
	ktap_diag(&suite, "%s: %ld verified, %ld wrong", a->name,
		  atomic_long_read(&a->verified), atomic_long_read(&a->wrong));
	for (e = 0; e < SOAK_NERR; e++) {
		long n = atomic_long_read(&a->by_errno[e]);

		if (!n)
			continue;
		ktap_diag(&suite, "  %s: %ld x errno %d", a->name, n, e);
		/*
		 * A moved session answers EAGAIN (then resubmitted with the
		 * new id); a full queue ENOSPC.  Software-only sessions see
		 * neither: their driver stays.
		 */
		if (a->crid || (e != EAGAIN && e != ENOSPC))
			bad_err += n;
	}
	/* What the statistics must agree with (tests/user/soak.c). */
	ktap_diag(&suite, "soak-count %s ok=%ld failed=%ld", a->name, ok,
		  failed);
	ktap_result(&suite, sub > 0 && !lost && sub == ok + failed,
		    a->name[0] == 'a' ?
		    "aes-cbc: every request submitted completed or failed" :
		    "camellia-cbc: every request submitted completed or failed");
	ktap_result(&suite, ok > 0 && !atomic_long_read(&a->wrong) &&
		    atomic_long_read(&a->verified) == ok,
		    a->name[0] == 'a' ?
		    "aes-cbc: every output equals the Linux crypto API's" :
		    "camellia-cbc: every output equals the Linux crypto API's");
	ktap_result(&suite, !bad_err, a->name[0] == 'a' ?
		    "aes-cbc: only EAGAIN (migration) or ENOSPC errors" :
		    "camellia-cbc: no errors on the software driver");
}

static int __init soak_init(void)
{
	struct cryptoini cri = { .cri_klen = 128, .cri_key = key };
	unsigned int i, j, started = 0;
	long lost = 0;
	int err;

	if (ktap_start(&suite, KBUILD_MODNAME, 2 + 3 * ARRAY_SIZE(algs)))
		return -ENOMEM;
	threads = clamp(threads, 1U, (unsigned int)SOAK_MAX_THREADS);
	depth = clamp(depth, 1U, 64U);
	for (i = 0; i < sizeof(key); i++)
		key[i] = 0x11 * i;
	for (i = 0; i < sizeof(iv); i++)
		iv[i] = 0xf0 - i;
	for (i = 0; i < SOAK_LEN; i++)
		plain[i] = i * 7 + 3;

	err = 0;
	for (i = 0; i < ARRAY_SIZE(algs) && !err; i++)
		err = soak_reference(&algs[i]);
	ktap_result(&suite, !err, "reference outputs from the Linux crypto API");
	soak = kcalloc(threads, sizeof(*soak), GFP_KERNEL);
	if (err || !soak)
		goto out;

	for (i = 0; i < threads; i++) {
		init_waitqueue_head(&soak[i].wq);
		init_completion(&soak[i].drained);
		for (j = 0; j < ARRAY_SIZE(algs) && !err; j++) {
			cri.cri_alg = algs[j].alg;
			err = crypto_newsession_crid(&soak[i].sid[j], &cri,
						     algs[j].crid);
			soak[i].has_sid[j] = !err;
		}
	}
	ktap_result(&suite, !err,
		    "sessions: aes-cbc on any driver, camellia-cbc on software");
	if (err)
		goto free;

	ktap_diag(&suite, "%u threads x %u in flight for %u s", threads,
		  depth, secs);
	for (i = 0; i < threads; i++) {
		soak[i].task = kthread_run(soak_thread_fn, &soak[i],
					   "ocf_soak/%u", i);
		if (IS_ERR(soak[i].task)) {
			soak[i].task = NULL;
			break;
		}
		started++;
	}
	for (i = 0; i < started; i++) {
		wait_for_completion(&soak[i].drained);
		kthread_stop(soak[i].task);
	}
	for (i = 0; i < threads; i++)
		lost += atomic_read(&soak[i].inflight);
	if (lost)
		ktap_diag(&suite, "%ld requests never completed", lost);
	for (i = 0; i < ARRAY_SIZE(algs); i++)
		soak_report(&algs[i], lost);
free:
	/* Requests never completed still point here: keep it all. */
	if (lost)
		goto out;
	/* Freeing either id of a moved session frees it. */
	for (i = 0; i < threads; i++)
		for (j = 0; j < ARRAY_SIZE(algs); j++)
			if (soak[i].has_sid[j])
				crypto_freesession(READ_ONCE(soak[i].sid[j]));
	kfree(soak);
out:
	ktap_finish(&suite);
	return 0;
}

static void __exit soak_exit(void)
{
	ktap_release(&suite);
}

module_init(soak_init);
module_exit(soak_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("OCF soak: in-kernel consumers under driver churn");
