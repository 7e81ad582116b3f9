// SPDX-License-Identifier: GPL-2.0-only
/*
 * cryptosoft: the keying operations (CRK_*), with the BSD parameter
 * conventions: little-endian byte strings of crp_nbits bits, inputs
 * first, then outputs (whose crp_nbits is their capacity).  The DSA
 * digest is the raw hash output, as OpenSSL's engines pass it.
 *
 *   MOD_EXP         in: base, exponent, modulus          out: result
 *   MOD_EXP_CRT     in: p, q, input, dP, dQ, qInv        out: result
 *   DSA_SIGN        in: digest, p, q, g, x               out: r, s
 *   DSA_VERIFY      in: digest, p, q, g, y, r, s         (0 or EBADMSG)
 *   DH_COMPUTE_KEY  in: private, public, p               out: key
 *
 * The MPI library allocates with GFP_KERNEL, so the math runs from a
 * workqueue and the request completes from there.
 */
#include <linux/module.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include "swcr.h"
#include "swcr_bn.h"

/* Largest operand accepted: 16384-bit moduli. */
#define SWCR_KOP_MAX_BITS	16384

struct swcr_kop_work {
	struct work_struct	work;
	struct cryptkop		*krp;
};

static struct workqueue_struct *swcr_kop_wq;

static unsigned int swcr_kbytes(const struct cryptkop *krp, int i)
{
	return DIV_ROUND_UP(krp->krp_param[i].crp_nbits, 8);
}

/* Parameter i as an MPI; NULL when missing, too large or no memory. */
static MPI swcr_kparam(struct cryptkop *krp, int i)
{
	if (!krp->krp_param[i].crp_p ||
	    krp->krp_param[i].crp_nbits > SWCR_KOP_MAX_BITS)
		return NULL;
	return swcr_mpi_from_le(krp->krp_param[i].crp_p, swcr_kbytes(krp, i));
}

static int swcr_kout(struct cryptkop *krp, int i, MPI v)
{
	if (!krp->krp_param[i].crp_p)
		return -EINVAL;
	return swcr_mpi_to_le(v, krp->krp_param[i].crp_p, swcr_kbytes(krp, i));
}

/* An output parameter must hold any value below `bound`. */
static bool swcr_kout_fits(struct cryptkop *krp, int i, MPI bound)
{
	return krp->krp_param[i].crp_p &&
	       krp->krp_param[i].crp_nbits >= mpi_get_nbits(bound);
}

/* Load params [0, n); every one must be present and within limits. */
static int swcr_kload(struct cryptkop *krp, MPI *v, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		v[i] = swcr_kparam(krp, i);
		if (!v[i])
			return krp->krp_param[i].crp_p &&
			       krp->krp_param[i].crp_nbits <=
			       SWCR_KOP_MAX_BITS ? -ENOMEM : -EINVAL;
	}
	return 0;
}

static void swcr_kfree(MPI *v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		mpi_free(v[i]);
}

static int swcr_mod_exp(struct cryptkop *krp)
{
	MPI v[3] = { }, r = NULL;
	int err;

	err = swcr_kload(krp, v, 3);
	if (err)
		goto out;
	err = -EINVAL;
	if (swcr_mpi_is_zero(v[2]) || !swcr_kout_fits(krp, 3, v[2]))
		goto out;
	r = swcr_mpi_powm(v[0], v[1], v[2]);
	err = r ? swcr_kout(krp, 3, r) : -ENOMEM;
out:
	mpi_free(r);
	swcr_kfree(v, 3);
	return err;
}

static int swcr_mod_exp_crt(struct cryptkop *krp)
{
	enum { P, Q, IN, DP, DQ, QINV, N };
	MPI v[N] = { }, m1 = NULL, m2 = NULL, h = NULL, t = NULL, r = NULL;
	MPI pq = NULL;
	int err;

	err = swcr_kload(krp, v, N);
	if (err)
		goto out;
	err = -EINVAL;
	/* p and q are odd primes; even or zero ones are refused. */
	if (!swcr_mpi_is_odd(v[P]) || !swcr_mpi_is_odd(v[Q]) ||
	    mpi_cmp_ui(v[P], 1) == 0 || mpi_cmp_ui(v[Q], 1) == 0)
		goto out;
	err = -ENOMEM;
	pq = swcr_mpi_mul(v[P], v[Q]);
	if (!pq)
		goto out;
	err = -EINVAL;
	if (!swcr_kout_fits(krp, 6, pq) || mpi_cmp(v[IN], pq) >= 0)
		goto out;
	err = -ENOMEM;
	/* m1 = c^dP mod p, m2 = c^dQ mod q, h = qInv (m1 - m2) mod p. */
	m1 = swcr_mpi_powm(v[IN], v[DP], v[P]);
	m2 = m1 ? swcr_mpi_powm(v[IN], v[DQ], v[Q]) : NULL;
	t = m2 ? swcr_mpi_subm(m1, m2, v[P]) : NULL;
	h = t ? swcr_mpi_mulm(v[QINV], t, v[P]) : NULL;
	mpi_free(t);
	/* m = m2 + h q */
	t = h ? swcr_mpi_mul(h, v[Q]) : NULL;
	r = t ? swcr_mpi_add(m2, t) : NULL;
	if (r)
		err = swcr_kout(krp, 6, r);
out:
	mpi_free(r);
	mpi_free(t);
	mpi_free(h);
	mpi_free(m2);
	mpi_free(m1);
	mpi_free(pq);
	swcr_kfree(v, N);
	return err;
}

/* z: the leftmost min(N, outlen) bits of the digest (FIPS 186-4 4.6). */
static MPI swcr_dsa_z(struct cryptkop *krp, MPI q)
{
	const u8 *d = krp->krp_param[0].crp_p;
	unsigned int dbits = krp->krp_param[0].crp_nbits & ~7u;
	unsigned int take = min(dbits, mpi_get_nbits(q));
	unsigned int n = DIV_ROUND_UP(take, 8), shift = n * 8 - take, i;
	u8 *b, carry = 0;
	MPI z;

	if (!d || dbits > SWCR_KOP_MAX_BITS)
		return NULL;
	if (n == 0)
		return swcr_mpi_from_be(NULL, 0);
	b = kmemdup(d, n, GFP_KERNEL);
	if (!b)
		return NULL;
	/* Drop the low bits the last whole byte brought in. */
	for (i = 0; shift && i < n; i++) {
		u8 c = b[i];

		b[i] = (c >> shift) | carry;
		carry = c << (8 - shift);
	}
	z = swcr_mpi_from_be(b, n);
	kfree_sensitive(b);
	return z;
}

/* Check p, q, g: odd p and q, q < p, 1 < g < p. */
static bool swcr_dsa_params_ok(MPI p, MPI q, MPI g)
{
	return swcr_mpi_is_odd(p) && swcr_mpi_is_odd(q) &&
	       mpi_cmp_ui(q, 1) > 0 && mpi_cmp(q, p) < 0 &&
	       mpi_cmp_ui(g, 1) > 0 && mpi_cmp(g, p) < 0;
}

static int swcr_dsa_sign(struct cryptkop *krp)
{
	enum { P = 1, Q, G, X, N };
	MPI v[N] = { }, z = NULL, k = NULL, kinv = NULL, r = NULL, s = NULL;
	MPI t = NULL, u = NULL, qm1 = NULL;
	unsigned int qbytes, tries;
	u8 *rnd = NULL;
	int err;

	v[0] = NULL;
	err = -EINVAL;
	for (tries = P; tries < N; tries++) {
		v[tries] = swcr_kparam(krp, tries);
		if (!v[tries])
			goto out;
	}
	if (!swcr_dsa_params_ok(v[P], v[Q], v[G]) ||
	    swcr_mpi_is_zero(v[X]) || mpi_cmp(v[X], v[Q]) >= 0 ||
	    !swcr_kout_fits(krp, 5, v[Q]) || !swcr_kout_fits(krp, 6, v[Q]))
		goto out;
	z = swcr_dsa_z(krp, v[Q]);
	if (!z)
		goto out;
	err = -ENOMEM;
	qbytes = DIV_ROUND_UP(mpi_get_nbits(v[Q]), 8);
	rnd = kmalloc(qbytes + 8, GFP_KERNEL);
	if (!rnd)
		goto out;
	qm1 = swcr_mpi_sub_ui(v[Q], 1);
	if (!qm1)
		goto out;
	for (tries = 0; tries < 64; tries++) {

		/* k uniform in [1, q - 1]: 64 extra bits, reduced. */
		get_random_bytes(rnd, qbytes + 8);
		t = swcr_mpi_from_be(rnd, qbytes + 8);
		k = t ? swcr_mpi_mod(t, qm1) : NULL;
		mpi_free(t);
		t = NULL;
		t = k ? swcr_mpi_add_ui(k, 1) : NULL;
		mpi_free(k);
		k = t;
		t = NULL;
		if (!k)
			goto out;
		/* r = (g^k mod p) mod q */
		t = swcr_mpi_powm(v[G], k, v[P]);
		r = t ? swcr_mpi_mod(t, v[Q]) : NULL;
		mpi_free(t);
		t = NULL;
		/* s = k^-1 (z + x r) mod q */
		kinv = r ? swcr_mpi_invm_prime(k, v[Q]) : NULL;
		t = kinv ? swcr_mpi_mul(v[X], r) : NULL;
		u = t ? swcr_mpi_add(z, t) : NULL;
		s = u ? swcr_mpi_mulm(kinv, u, v[Q]) : NULL;
		if (!s)
			goto out;
		if (!swcr_mpi_is_zero(r) && !swcr_mpi_is_zero(s))
			break;
		mpi_free(r);
		mpi_free(s);
		mpi_free(kinv);
		mpi_free(t);
		mpi_free(u);
		mpi_free(k);
		r = s = kinv = t = u = k = NULL;
	}
	err = -EAGAIN;
	if (tries == 64)
		goto out;
	err = swcr_kout(krp, 5, r);
	if (!err)
		err = swcr_kout(krp, 6, s);
out:
	kfree_sensitive(rnd);
	mpi_free(qm1);
	mpi_free(u);
	mpi_free(t);
	mpi_free(s);
	mpi_free(r);
	mpi_free(kinv);
	mpi_free(k);
	mpi_free(z);
	swcr_kfree(v, N);
	return err;
}

static int swcr_dsa_verify(struct cryptkop *krp)
{
	enum { P = 1, Q, G, Y, R, S, N };
	MPI v[N] = { }, z = NULL, w = NULL, u1 = NULL, u2 = NULL;
	MPI a = NULL, b = NULL, t = NULL, vv = NULL;
	int err, i;

	err = -EINVAL;
	for (i = P; i < N; i++) {
		v[i] = swcr_kparam(krp, i);
		if (!v[i])
			goto out;
	}
	if (!swcr_dsa_params_ok(v[P], v[Q], v[G]) ||
	    mpi_cmp_ui(v[Y], 1) <= 0 || mpi_cmp(v[Y], v[P]) >= 0)
		goto out;
	z = swcr_dsa_z(krp, v[Q]);
	if (!z)
		goto out;
	/* 0 < r < q and 0 < s < q, else the signature is simply wrong. */
	err = -EBADMSG;
	if (swcr_mpi_is_zero(v[R]) || mpi_cmp(v[R], v[Q]) >= 0 ||
	    swcr_mpi_is_zero(v[S]) || mpi_cmp(v[S], v[Q]) >= 0)
		goto out;
	err = -ENOMEM;
	w = swcr_mpi_invm_prime(v[S], v[Q]);
	u1 = w ? swcr_mpi_mulm(z, w, v[Q]) : NULL;
	u2 = u1 ? swcr_mpi_mulm(v[R], w, v[Q]) : NULL;
	a = u2 ? swcr_mpi_powm(v[G], u1, v[P]) : NULL;
	b = a ? swcr_mpi_powm(v[Y], u2, v[P]) : NULL;
	t = b ? swcr_mpi_mulm(a, b, v[P]) : NULL;
	vv = t ? swcr_mpi_mod(t, v[Q]) : NULL;
	if (vv)
		err = mpi_cmp(vv, v[R]) == 0 ? 0 : -EBADMSG;
out:
	mpi_free(vv);
	mpi_free(t);
	mpi_free(b);
	mpi_free(a);
	mpi_free(u2);
	mpi_free(u1);
	mpi_free(w);
	mpi_free(z);
	swcr_kfree(v, N);
	return err;
}

static int swcr_dh_compute_key(struct cryptkop *krp)
{
	MPI v[3] = { }, pm1 = NULL, r = NULL;
	int err;

	err = swcr_kload(krp, v, 3);
	if (err)
		goto out;
	err = -EINVAL;
	/* An odd p above 3; a public value in [2, p - 2]. */
	if (!swcr_mpi_is_odd(v[2]) || mpi_cmp_ui(v[2], 3) <= 0 ||
	    swcr_mpi_is_zero(v[0]) || mpi_cmp_ui(v[1], 1) <= 0 ||
	    !swcr_kout_fits(krp, 3, v[2]))
		goto out;
	/* pub + 1 must be below p. */
	err = -ENOMEM;
	pm1 = swcr_mpi_add_ui(v[1], 1);
	if (!pm1)
		goto out;
	err = -EINVAL;
	if (mpi_cmp(pm1, v[2]) >= 0)
		goto out;
	err = -ENOMEM;
	r = swcr_mpi_powm(v[1], v[0], v[2]);
	if (r)
		err = swcr_kout(krp, 3, r);
out:
	mpi_free(r);
	mpi_free(pm1);
	swcr_kfree(v, 3);
	return err;
}

struct swcr_kop_shape {
	int	in, out;
	int	(*run)(struct cryptkop *krp);
};

static const struct swcr_kop_shape swcr_kop_shapes[] = {
	[CRK_MOD_EXP]		= { 3, 1, swcr_mod_exp },
	[CRK_MOD_EXP_CRT]	= { 6, 1, swcr_mod_exp_crt },
	[CRK_DSA_SIGN]		= { 5, 2, swcr_dsa_sign },
	[CRK_DSA_VERIFY]	= { 7, 0, swcr_dsa_verify },
	[CRK_DH_COMPUTE_KEY]	= { 3, 1, swcr_dh_compute_key },
};

static int swcr_krun(struct cryptkop *krp)
{
	const struct swcr_kop_shape *sh;

	if (krp->krp_op >= ARRAY_SIZE(swcr_kop_shapes))
		return -EINVAL;
	sh = &swcr_kop_shapes[krp->krp_op];
	if (krp->krp_iparams != sh->in || krp->krp_oparams != sh->out)
		return -EINVAL;
	return sh->run(krp);
}

static void swcr_kop_work_fn(struct work_struct *work)
{
	struct swcr_kop_work *w = container_of(work, struct swcr_kop_work,
					       work);
	struct cryptkop *krp = w->krp;

	kfree(w);
	krp->krp_status = SWCR_OCF_ERR(swcr_krun(krp));
	crypto_kdone(krp);
}

int swcr_kprocess(void *arg, struct cryptkop *krp, int hint)
{
	struct swcr_kop_work *w;

	w = kmalloc(sizeof(*w), GFP_ATOMIC);
	if (!w) {
		krp->krp_status = SWCR_OCF_ERR(-ENOMEM);
		crypto_kdone(krp);
		return 0;
	}
	INIT_WORK(&w->work, swcr_kop_work_fn);
	w->krp = krp;
	queue_work(swcr_kop_wq, &w->work);
	return 0;
}

int swcr_kop_init(void)
{
	swcr_kop_wq = alloc_workqueue("cryptosoft_kop", WQ_UNBOUND, 0);
	return swcr_kop_wq ? 0 : -ENOMEM;
}

void swcr_kop_exit(void)
{
	if (swcr_kop_wq)
		destroy_workqueue(swcr_kop_wq);
	swcr_kop_wq = NULL;
}
