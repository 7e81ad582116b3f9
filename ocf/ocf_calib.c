// SPDX-License-Identifier: GPL-2.0-only
/*
 * Calibration: shortly after a driver registers algorithms, run a few
 * requests of each of four sizes through it, so the driver choice has
 * measured costs before real traffic arrives.  Only algorithms whose
 * key and request shape are known here are calibrated; the others are
 * learnt from traffic.  The cost of a size is the fastest of its rounds
 * for a synchronous driver (preemption, interrupts and a loaded host
 * only ever add time) and the median for a device, whose spread every
 * request pays (ocf_cost_update()); calibration requests do not show in
 * the statistics.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include "ocf_internal.h"

/* One driver at a time: two calibrating at once measure each other. */
static DEFINE_MUTEX(ocf_calib_mutex);

static bool ocf_calibrate = true;
module_param_named(calibrate, ocf_calibrate, bool, 0644);
MODULE_PARM_DESC(calibrate, "Measure drivers' costs when they register");

#define OCF_CALIB_DELAY		msecs_to_jiffies(200)
#define OCF_CALIB_ROUNDS	5
#define OCF_CALIB_MAX		65536

static const int ocf_calib_sizes[] = { 64, 1024, 16384, OCF_CALIB_MAX };

enum { OCF_CIPHER, OCF_HASH };

static const struct {
	int	alg;
	int	klen;	/* bits */
	int	kind;
} ocf_calib_algs[] = {
	{ CRYPTO_AES_CBC, 128, OCF_CIPHER },
	{ CRYPTO_AES_ECB, 128, OCF_CIPHER },
	{ CRYPTO_AES_XTS, 256, OCF_CIPHER },
	{ CRYPTO_3DES_CBC, 192, OCF_CIPHER },
	{ CRYPTO_CAMELLIA_CBC, 128, OCF_CIPHER },
	{ CRYPTO_BLF_CBC, 128, OCF_CIPHER },
	{ CRYPTO_CAST_CBC, 128, OCF_CIPHER },
	{ CRYPTO_MD5, 0, OCF_HASH },
	{ CRYPTO_SHA1, 0, OCF_HASH },
	{ CRYPTO_SHA2_256, 0, OCF_HASH },
	{ CRYPTO_SHA2_512, 0, OCF_HASH },
	{ CRYPTO_SHA1_HMAC, 160, OCF_HASH },
	{ CRYPTO_SHA2_256_HMAC, 256, OCF_HASH },
	{ CRYPTO_SHA2_384_HMAC, 384, OCF_HASH },
	{ CRYPTO_SHA2_512_HMAC, 512, OCF_HASH },
	{ CRYPTO_MD5_HMAC, 128, OCF_HASH },
};

/* Shared by the calibrator and the callback; the last one frees it. */
struct ocf_calib_req {
	struct completion	done;
	refcount_t		ref;
	struct cryptop		*crp;
	u8			*buf;
	u64			ns;	/* dispatch to crypto_done() */
};

static void ocf_calib_put(struct ocf_calib_req *r)
{
	if (refcount_dec_and_test(&r->ref)) {
		crypto_freereq(r->crp);
		kfree(r->buf);
		kfree(r);
	}
}

/* crypto_done() measured a calibration request: @ns is the driver's. */
void ocf_calib_note(struct cryptop *crp, u64 ns)
{
	struct ocf_calib_req *r = crp->crp_opaque;

	r->ns = ns;
}

/* Also how crypto_done() tells a calibration request apart. */
int ocf_calib_cb(struct cryptop *crp)
{
	struct ocf_calib_req *r = crp->crp_opaque;

	complete(&r->done);
	ocf_calib_put(r);
	return 0;
}

/* One request of @len bytes: its ns, or 0 when the driver failed. */
static u64 ocf_calib_one(u64 *sid, int alg, int kind, int len)
{
	struct ocf_calib_req *r = kzalloc(sizeof(*r), GFP_KERNEL);
	struct cryptodesc *crd;
	u64 ns = 0;

	if (!r)
		return 0;
	init_completion(&r->done);
	refcount_set(&r->ref, 2);
	r->buf = kzalloc(len + AALG_MAX_RESULT_LEN, GFP_KERNEL);
	r->crp = crypto_getreq(1);
	if (!r->buf || !r->crp) {
		refcount_set(&r->ref, 1);
		ocf_calib_put(r);
		return 0;
	}
	r->crp->crp_sid = *sid;
	r->crp->crp_buf = r->buf;
	r->crp->crp_ilen = len + AALG_MAX_RESULT_LEN;
	r->crp->crp_callback = ocf_calib_cb;
	r->crp->crp_opaque = r;
	crd = r->crp->crp_desc;
	crd->crd_alg = alg;
	crd->crd_len = len;
	crd->crd_inject = len;
	if (kind == OCF_CIPHER)
		crd->crd_flags = CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT |
				 CRD_F_IV_PRESENT;
	crypto_dispatch(r->crp);
	if (wait_for_completion_timeout(&r->done, HZ)) {
		if (!r->crp->crp_etype)
			ns = max_t(u64, r->ns, 1);
		if (r->crp->crp_etype == EAGAIN)
			*sid = r->crp->crp_sid;
	}
	ocf_calib_put(r);
	return ns;
}

static void ocf_calib_alg(struct ocf_driver *drv, int i)
{
	u8 key[64] = { 0x4f };
	struct cryptoini cri = {
		.cri_alg = ocf_calib_algs[i].alg,
		.cri_klen = ocf_calib_algs[i].klen,
		.cri_key = key,
	};
	u64 sid, ns[OCF_CALIB_ROUNDS], v;
	int s, n, k;

	if (crypto_newsession_crid(&sid, &cri, drv->id))
		return;
	/* The first request pays for set-up (key schedule, tfm): forget it. */
	if (!ocf_calib_one(&sid, cri.cri_alg, ocf_calib_algs[i].kind,
			   ocf_calib_sizes[0]))
		goto out;
	for (s = 0; s < ARRAY_SIZE(ocf_calib_sizes); s++) {
		for (n = 0; n < OCF_CALIB_ROUNDS; n++) {
			if (READ_ONCE(drv->dying))
				goto out;
			v = ocf_calib_one(&sid, cri.cri_alg,
					  ocf_calib_algs[i].kind,
					  ocf_calib_sizes[s]);
			if (!v)
				goto out;
			/* Insertion sort: a handful of rounds. */
			for (k = n; k > 0 && ns[k - 1] > v; k--)
				ns[k] = ns[k - 1];
			ns[k] = v;
		}
		/* As ocf_cost_update(): a device's typical time, else the best. */
		v = ns[(drv->flags & CRYPTOCAP_F_SYNC) ? 0 : OCF_CALIB_ROUNDS / 2];
		WRITE_ONCE(drv->cost[cri.cri_alg]
				    [ocf_size_class(ocf_calib_sizes[s])],
			   min_t(u64, v, U32_MAX / 2));
		ocf_cost_seen(drv, cri.cri_alg,
			      ocf_size_class(ocf_calib_sizes[s]));
	}
out:
	crypto_freesession(sid);
}

void ocf_calib_work(struct work_struct *work)
{
	struct ocf_driver *drv = container_of(to_delayed_work(work),
					      struct ocf_driver, calib_work);
	int i, alg;

	mutex_lock(&ocf_calib_mutex);
	for (i = 0; i < ARRAY_SIZE(ocf_calib_algs); i++) {
		alg = ocf_calib_algs[i].alg;
		if (READ_ONCE(drv->dying))
			break;
		if (!test_and_clear_bit(alg, drv->calib_pending) ||
		    !READ_ONCE(drv->algs[alg].supported))
			continue;
		ocf_calib_alg(drv, i);
	}
	mutex_unlock(&ocf_calib_mutex);
}

/* @alg was just registered on @drv. */
void ocf_calib_schedule(struct ocf_driver *drv, int alg)
{
	if (!READ_ONCE(ocf_calibrate))
		return;
	set_bit(alg, drv->calib_pending);
	/* Drivers register algorithms in a row: calibrate once, after. */
	mod_delayed_work(ocf_wq, &drv->calib_work, OCF_CALIB_DELAY);
}
