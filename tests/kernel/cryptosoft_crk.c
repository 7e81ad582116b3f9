// SPDX-License-Identifier: GPL-2.0-only
/*
 * cryptosoft keying operations (CRK_*) through crypto_kdispatch, with
 * the BSD conventions (little-endian byte strings, nbits): known answers
 * from FIPS 186-2 (DSA), RFC 5114 (DH) and textbook RSA, and the
 * parameter checks (zero or even moduli, sizes, counts).
 */
#include <linux/module.h>
#include <ocf/compat.h>
#include "cryptosoft_test.h"
#include "cryptosoft_vec_crk.h"

static struct ktap_suite suite;

/* A parameter: little-endian bytes of a big-endian hex number. */
struct swk_param {
	u8	*p;
	u32	nbits;
};

static int swk_from_hex(struct swk_param *prm, const char *hex)
{
	int len, i;
	u8 *be = swt_unhex(hex, &len);

	if (!be)
		return -ENOMEM;
	prm->p = kzalloc(len + 1, GFP_KERNEL);
	if (!prm->p) {
		kfree(be);
		return -ENOMEM;
	}
	for (i = 0; i < len; i++)
		prm->p[i] = be[len - 1 - i];
	kfree(be);
	/* nbits: the significant bits (a leading zero byte is allowed). */
	while (len > 0 && !prm->p[len - 1])
		len--;
	prm->nbits = len ? (len - 1) * 8 + fls(prm->p[len - 1]) : 0;
	return 0;
}

static int swk_from_u32(struct swk_param *prm, u32 v)
{
	prm->p = kzalloc(4, GFP_KERNEL);
	if (!prm->p)
		return -ENOMEM;
	put_unaligned_le32(v, prm->p);
	prm->nbits = v ? fls(v) : 0;
	return 0;
}

static int swk_out(struct swk_param *prm, u32 nbits)
{
	prm->p = kzalloc(DIV_ROUND_UP(nbits, 8) + 1, GFP_KERNEL);
	prm->nbits = nbits;
	return prm->p ? 0 : -ENOMEM;
}

/* Compare an output parameter with a big-endian hex value. */
static bool swk_equals(const struct swk_param *out, const char *hex)
{
	struct swk_param want = { };
	int n = DIV_ROUND_UP(out->nbits, 8), wn;
	bool ok;

	if (swk_from_hex(&want, hex))
		return false;
	wn = DIV_ROUND_UP(want.nbits, 8);
	ok = wn <= n && !memcmp(out->p, want.p, wn) &&
	     !memchr_inv(out->p + wn, 0, n - wn);
	kfree(want.p);
	return ok;
}

static void swk_free(struct swk_param *prm, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		kfree(prm[i].p);
		prm[i].p = NULL;
	}
}

/* Run one keying op; `prm` holds in + out parameters in order. */
static int swk_run(u32 op, struct swk_param *prm, int in, int out)
{
	struct cryptkop *krp = kzalloc(sizeof(*krp), GFP_KERNEL);
	int i, err;

	if (!krp)
		return -ENOMEM;
	krp->krp_op = op;
	krp->krp_iparams = in;
	krp->krp_oparams = out;
	krp->krp_hid = swt_crid;
	for (i = 0; i < in + out && i < CRK_MAXPARAM; i++) {
		krp->krp_param[i].crp_p = prm[i].p;
		krp->krp_param[i].crp_nbits = prm[i].nbits;
	}
	err = swt_krun(krp);
	if (err != -ETIMEDOUT)
		kfree(krp);
	return err;
}

static void swk_mod_exp(void)
{
	struct swk_param p[4] = { };
	int err;

	/* 65^17 mod 3233 = 2790 */
	err = swk_from_u32(&p[0], SWT_RSA_M) ?: swk_from_u32(&p[1], SWT_RSA_E) ?:
	      swk_from_u32(&p[2], SWT_RSA_N) ?: swk_out(&p[3], 12);
	err = err ?: swk_run(CRK_MOD_EXP, p, 3, 1);
	swt_record(!err && get_unaligned_le16(p[3].p) == SWT_RSA_C,
		   "crk MOD_EXP textbook RSA encrypt 65^17 mod 3233 (err %d)",
		   err);
	swk_free(p, 4);

	/* RFC 5114 A.1: yA = g^xA mod p */
	err = swk_from_hex(&p[0], swt_dh_g) ?: swk_from_hex(&p[1], swt_dh_xa) ?:
	      swk_from_hex(&p[2], swt_dh_p) ?: swk_out(&p[3], 1024);
	err = err ?: swk_run(CRK_MOD_EXP, p, 3, 1);
	swt_record(!err && swk_equals(&p[3], swt_dh_ya),
		   "crk MOD_EXP RFC 5114 A.1 yA = g^xA mod p (err %d)", err);
	/* A zero modulus is refused before any math. */
	memset(p[2].p, 0, DIV_ROUND_UP(p[2].nbits, 8));
	err = swk_run(CRK_MOD_EXP, p, 3, 1);
	swt_record(err == EINVAL, "crk MOD_EXP zero modulus gives EINVAL (err %d)",
		   err);
	swk_free(p, 4);

	/* The output must hold the modulus' size. */
	err = swk_from_hex(&p[0], swt_dh_g) ?: swk_from_hex(&p[1], swt_dh_xa) ?:
	      swk_from_hex(&p[2], swt_dh_p) ?: swk_out(&p[3], 512);
	err = err ?: swk_run(CRK_MOD_EXP, p, 3, 1);
	swt_record(err == EINVAL, "crk MOD_EXP output smaller than the modulus gives EINVAL (err %d)",
		   err);
	/* Wrong parameter counts. */
	err = swk_run(CRK_MOD_EXP, p, 2, 1);
	swt_record(err == EINVAL, "crk MOD_EXP with 2 inputs gives EINVAL (err %d)",
		   err);
	/* An operand beyond the size limit. */
	p[1].nbits = 20000;
	err = swk_run(CRK_MOD_EXP, p, 3, 1);
	swt_record(err == EINVAL, "crk MOD_EXP 20000-bit operand gives EINVAL (err %d)",
		   err);
	swk_free(p, 4);
}

static void swk_mod_exp_crt(void)
{
	struct swk_param p[7] = { };
	int err;

	/* Textbook RSA decryption: 2790 -> 65. */
	err = swk_from_u32(&p[0], SWT_RSA_P) ?: swk_from_u32(&p[1], SWT_RSA_Q) ?:
	      swk_from_u32(&p[2], SWT_RSA_C) ?: swk_from_u32(&p[3], SWT_RSA_DP) ?:
	      swk_from_u32(&p[4], SWT_RSA_DQ) ?:
	      swk_from_u32(&p[5], SWT_RSA_QINV) ?: swk_out(&p[6], 12);
	err = err ?: swk_run(CRK_MOD_EXP_CRT, p, 6, 1);
	swt_record(!err && get_unaligned_le16(p[6].p) == SWT_RSA_M,
		   "crk MOD_EXP_CRT textbook RSA decrypt 2790 -> 65 (err %d)",
		   err);
	/* An even p is refused. */
	p[0].p[0] = 62;
	err = swk_run(CRK_MOD_EXP_CRT, p, 6, 1);
	swt_record(err == EINVAL, "crk MOD_EXP_CRT even prime gives EINVAL (err %d)",
		   err);
	swk_free(p, 7);

	err = swk_from_hex(&p[0], swt_crt_p) ?: swk_from_hex(&p[1], swt_crt_q) ?:
	      swk_from_hex(&p[2], swt_crt_in) ?: swk_from_hex(&p[3], swt_crt_dp) ?:
	      swk_from_hex(&p[4], swt_crt_dq) ?:
	      swk_from_hex(&p[5], swt_crt_qinv) ?: swk_out(&p[6], 1536);
	err = err ?: swk_run(CRK_MOD_EXP_CRT, p, 6, 1);
	swt_record(!err && swk_equals(&p[6], swt_crt_out),
		   "crk MOD_EXP_CRT 1536-bit (err %d)", err);
	swk_free(p, 7);
}

static int swk_dsa_params(struct swk_param *p)
{
	return swk_from_hex(&p[0], swt_dsa_digest) ?:
	       swk_from_hex(&p[1], swt_dsa_p) ?: swk_from_hex(&p[2], swt_dsa_q) ?:
	       swk_from_hex(&p[3], swt_dsa_g);
}

/* The digest travels as the raw hash bytes, not as a number. */
static void swk_raw_digest(struct swk_param *d)
{
	int len;
	u8 *raw = swt_unhex(swt_dsa_digest, &len);

	if (raw) {
		kfree(d->p);
		d->p = raw;
		d->nbits = len * 8;
	}
}

static void swk_dsa(void)
{
	struct swk_param p[7] = { }, s[7] = { };
	int err;

	/* FIPS 186-2 Appendix 5: the published (r, s) verifies. */
	err = swk_dsa_params(p) ?: swk_from_hex(&p[4], swt_dsa_y) ?:
	      swk_from_hex(&p[5], swt_dsa_r) ?: swk_from_hex(&p[6], swt_dsa_s);
	if (!err)
		swk_raw_digest(&p[0]);
	err = err ?: swk_run(CRK_DSA_VERIFY, p, 7, 0);
	swt_record(err == 0, "crk DSA_VERIFY FIPS 186-2 example signature is valid (err %d)",
		   err);
	p[6].p[0] ^= 1;
	err = swk_run(CRK_DSA_VERIFY, p, 7, 0);
	swt_record(err == EBADMSG, "crk DSA_VERIFY altered s gives EBADMSG (err %d)",
		   err);
	p[6].p[0] ^= 1;
	p[0].p[0] ^= 0x80;
	err = swk_run(CRK_DSA_VERIFY, p, 7, 0);
	swt_record(err == EBADMSG, "crk DSA_VERIFY other digest gives EBADMSG (err %d)",
		   err);
	p[0].p[0] ^= 0x80;

	/* Sign with x, then verify our signature with y. */
	err = swk_dsa_params(s) ?: swk_from_hex(&s[4], swt_dsa_x) ?:
	      swk_out(&s[5], 160) ?: swk_out(&s[6], 160);
	if (!err)
		swk_raw_digest(&s[0]);
	err = err ?: swk_run(CRK_DSA_SIGN, s, 5, 2);
	if (!err) {
		memcpy(p[5].p, s[5].p, 20);
		memcpy(p[6].p, s[6].p, 20);
		p[5].nbits = p[6].nbits = 160;
		err = swk_run(CRK_DSA_VERIFY, p, 7, 0);
	}
	swt_record(!err, "crk DSA_SIGN signature verifies with DSA_VERIFY (err %d)",
		   err);
	/* A second signature uses a fresh k: a different r. */
	if (!err) {
		u8 r1[20];

		memcpy(r1, s[5].p, 20);
		err = swk_run(CRK_DSA_SIGN, s, 5, 2);
		swt_record(!err && memcmp(r1, s[5].p, 20),
			   "crk DSA_SIGN picks a fresh k each time (err %d)", err);
	} else {
		swt_record(false, "crk DSA_SIGN picks a fresh k each time (not run)");
	}
	/* Even q refused. */
	s[2].p[0] &= ~1;
	err = swk_run(CRK_DSA_SIGN, s, 5, 2);
	swt_record(err == EINVAL, "crk DSA_SIGN even q gives EINVAL (err %d)",
		   err);
	swk_free(p, 7);
	swk_free(s, 7);
}

static void swk_dh(void)
{
	struct swk_param p[4] = { };
	int err;

	/* RFC 5114 A.1: Z = yB^xA mod p = yA^xB mod p. */
	err = swk_from_hex(&p[0], swt_dh_xa) ?: swk_from_hex(&p[1], swt_dh_yb) ?:
	      swk_from_hex(&p[2], swt_dh_p) ?: swk_out(&p[3], 1024);
	err = err ?: swk_run(CRK_DH_COMPUTE_KEY, p, 3, 1);
	swt_record(!err && swk_equals(&p[3], swt_dh_z),
		   "crk DH_COMPUTE_KEY RFC 5114 A.1 party A (err %d)", err);
	swk_free(p, 4);
	err = swk_from_hex(&p[0], swt_dh_xb) ?: swk_from_hex(&p[1], swt_dh_ya) ?:
	      swk_from_hex(&p[2], swt_dh_p) ?: swk_out(&p[3], 1024);
	err = err ?: swk_run(CRK_DH_COMPUTE_KEY, p, 3, 1);
	swt_record(!err && swk_equals(&p[3], swt_dh_z),
		   "crk DH_COMPUTE_KEY RFC 5114 A.1 party B (err %d)", err);
	/* Public value 1 (a degenerate key) is refused. */
	memset(p[1].p, 0, DIV_ROUND_UP(p[1].nbits, 8));
	p[1].p[0] = 1;
	err = swk_run(CRK_DH_COMPUTE_KEY, p, 3, 1);
	swt_record(err == EINVAL, "crk DH_COMPUTE_KEY public value 1 gives EINVAL (err %d)",
		   err);
	swk_free(p, 4);
	/* An even modulus is refused. */
	err = swk_from_hex(&p[0], swt_dh_xb) ?: swk_from_hex(&p[1], swt_dh_ya) ?:
	      swk_from_hex(&p[2], swt_dh_p) ?: swk_out(&p[3], 1024);
	if (!err)
		p[2].p[0] &= ~1;
	err = err ?: swk_run(CRK_DH_COMPUTE_KEY, p, 3, 1);
	swt_record(err == EINVAL, "crk DH_COMPUTE_KEY even modulus gives EINVAL (err %d)",
		   err);
	swk_free(p, 4);
}

static void swk_unknown_op(void)
{
	struct swk_param p[4] = { };
	int err;

	err = swk_from_u32(&p[0], 2) ?: swk_from_u32(&p[1], 3) ?:
	      swk_from_u32(&p[2], 5) ?: swk_out(&p[3], 8);
	err = err ?: swk_run(CRK_ALGORITHM_ALL + 2, p, 3, 1);
	swt_record(err != 0, "crk unknown operation refused (err %d)", err);
	swk_free(p, 4);
}

static int __init swk_init(void)
{
	if (swt_find_cryptosoft() < 0) {
		swt_skip("cryptosoft driver not registered", "cryptosoft-crk");
		goto publish;
	}
	swk_mod_exp();
	swk_mod_exp_crt();
	swk_dsa();
	swk_dh();
	swk_unknown_op();
publish:
	swt_publish(&suite, KBUILD_MODNAME);
	return 0;
}

static void __exit swk_exit(void)
{
	ktap_release(&suite);
}

module_init(swk_init);
module_exit(swk_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("cryptosoft keying operation tests");
