// SPDX-License-Identifier: GPL-2.0-only
/*
 * CIOCKEY / CIOCKEY2 / CIOCASYMFEAT: asymmetric operations on BSD
 * bignums (little-endian byte strings of crp_nbits bits).  As on the
 * BSDs, the ioctl succeeds once the request ran and the operation's
 * own result is in crk_status (0 or a positive errno).
 */
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/refcount.h>
#include <linux/completion.h>
#include "cdev.h"

/* Largest bignum accepted: 16384 bits (RSA-16384 moduli). */
#define CDEV_MAX_BIGNUM_BITS	16384

/* In and out parameter counts of each CRK_* operation. */
static const u8 cdev_kparams[CRK_ALGORITHM_ALL][2] = {
	[CRK_MOD_EXP] = { 3, 1 },
	[CRK_MOD_EXP_CRT] = { 6, 1 },
	[CRK_DSA_SIGN] = { 5, 2 },
	[CRK_DSA_VERIFY] = { 7, 0 },
	[CRK_DH_COMPUTE_KEY] = { 3, 1 },
};

/* Shared by the waiter and the callback: the last one frees it. */
struct cdev_kreq {
	struct cryptkop		krp;
	struct completion	done;
	refcount_t		ref;
	struct cdev_fd		*fd;
	u32			nbytes[CRK_MAXPARAM];
};

static void cdev_kreq_put(struct cdev_kreq *k)
{
	int i;

	if (!refcount_dec_and_test(&k->ref))
		return;
	for (i = 0; i < CRK_MAXPARAM; i++)
		kfree_sensitive(k->krp.krp_param[i].crp_p);
	kfree_sensitive(k);
}

static int cdev_kdone(struct cryptkop *krp)
{
	struct cdev_kreq *k = container_of(krp, struct cdev_kreq, krp);
	struct cdev_fd *f = k->fd;

	complete(&k->done);
	cdev_kreq_put(k);
	cdev_fd_put(f);
	return 0;
}

static int cdev_key_crid(struct crypt_kop *kop, bool with_crid, u32 *hid)
{
	int allowsoft = READ_ONCE(crypto_devallowsoft);
	u32 allowed = allowsoft < 0 ? CRYPTOCAP_F_SOFTWARE :
		      allowsoft == 0 ? CRYPTOCAP_F_HARDWARE |
				       CRYPTOCAP_F_SOFTWARE :
		      CRYPTOCAP_F_HARDWARE;
	u32 want = with_crid ? kop->crk_crid : allowed;
	u32 flags;

	if (want & (CRYPTOCAP_F_HARDWARE | CRYPTOCAP_F_SOFTWARE)) {
		if (!(want & allowed))
			return -EPERM;
		*hid = want & allowed;
		return 0;
	}
	if (crypto_driver_flags(want, &flags))
		return -ENOENT;
	if (!(allowed & ((flags & CRYPTOCAP_F_SOFTWARE) ?
			 CRYPTOCAP_F_SOFTWARE : CRYPTOCAP_F_HARDWARE)))
		return -EPERM;
	*hid = want;
	return 0;
}

int cdev_key(struct cdev_fd *f, struct crypt_kop *kop, bool with_crid)
{
	struct cdev_kreq *k;
	unsigned int in, out, i;
	u32 hid;
	int err;

	if (!READ_ONCE(crypto_userasymcrypto))
		return -EPERM;
	if (kop->crk_op >= CRK_ALGORITHM_ALL)
		return -EINVAL;
	in = kop->crk_iparams;
	out = kop->crk_oparams;
	if (in != cdev_kparams[kop->crk_op][0] ||
	    out != cdev_kparams[kop->crk_op][1])
		return -EINVAL;
	err = cdev_key_crid(kop, with_crid, &hid);
	if (err)
		return err;

	k = kzalloc(sizeof(*k), GFP_KERNEL);
	if (!k)
		return -ENOMEM;
	init_completion(&k->done);
	refcount_set(&k->ref, 1);
	k->fd = f;
	k->krp.krp_op = kop->crk_op;
	k->krp.krp_iparams = in;
	k->krp.krp_oparams = out;
	k->krp.krp_hid = hid;
	k->krp.krp_callback = cdev_kdone;
	for (i = 0; i < in + out; i++) {
		u32 bits = kop->crk_param[i].crp_nbits;
		u32 n = DIV_ROUND_UP(bits, 8);
		void *p;

		if (bits > CDEV_MAX_BIGNUM_BITS || (i < in && !bits)) {
			err = -EINVAL;
			goto out;
		}
		if (i < in)
			p = memdup_user(cdev_uptr(kop->crk_param[i].crp_p), n);
		else
			p = kzalloc(max(n, 1u), GFP_KERNEL) ?: ERR_PTR(-ENOMEM);
		if (IS_ERR(p)) {
			err = PTR_ERR(p);
			goto out;
		}
		k->krp.krp_param[i].crp_p = p;
		k->krp.krp_param[i].crp_nbits = bits;
		k->nbytes[i] = n;
	}

	atomic_inc(&f->refs);		/* until the callback */
	refcount_inc(&k->ref);		/* the callback's */
	err = crypto_kdispatch(&k->krp);
	if (err) {
		refcount_dec(&k->ref);
		cdev_fd_put(f);
		err = err > 0 ? -err : err;
		goto out;
	}
	err = wait_for_completion_killable(&k->done);
	if (err) {
		err = -EINTR;
		goto out;
	}
	kop->crk_status = k->krp.krp_status;
	if (with_crid)
		kop->crk_crid = k->krp.krp_hid;
	for (i = in; i < in + out && !k->krp.krp_status; i++) {
		if (copy_to_user(cdev_uptr(kop->crk_param[i].crp_p),
				 k->krp.krp_param[i].crp_p, k->nbytes[i])) {
			err = -EFAULT;
			break;
		}
	}
out:
	cdev_kreq_put(k);
	return err;
}

int cdev_asymfeat(u32 *feat)
{
	int f = 0;

	*feat = 0;
	if (!READ_ONCE(crypto_userasymcrypto))
		return 0;
	if (crypto_getfeat(&f) == 0)
		*feat = f;
	return 0;
}
