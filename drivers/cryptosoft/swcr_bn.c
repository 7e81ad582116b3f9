// SPDX-License-Identifier: GPL-2.0-only
/*
 * cryptosoft: small bignum helpers on top of the MPI exports both
 * kernels share.  Numbers travel as big-endian byte strings between MPI
 * and a little-endian array of 32-bit limbs for the schoolbook
 * multiplication and the additions.
 */
#include <linux/slab.h>
#include "swcr_bn.h"

struct swcr_bn {
	u32		*d;	/* least significant limb first */
	unsigned int	n;
};

static void bn_free(struct swcr_bn *b)
{
	kfree_sensitive(b->d);
	b->d = NULL;
}

static int bn_alloc(struct swcr_bn *b, unsigned int n)
{
	b->n = n ? n : 1;
	b->d = kcalloc(b->n, sizeof(u32), GFP_KERNEL);
	return b->d ? 0 : -ENOMEM;
}

static int bn_from_mpi(struct swcr_bn *b, MPI a)
{
	unsigned int len = DIV_ROUND_UP(mpi_get_nbits(a), 8), got, i;
	u8 *be;
	int err;

	err = bn_alloc(b, DIV_ROUND_UP(len, 4));
	if (err || len == 0)
		return err;
	be = kmalloc(len, GFP_KERNEL);
	if (!be) {
		bn_free(b);
		return -ENOMEM;
	}
	err = mpi_read_buffer(a, be, len, &got, NULL);
	if (!err)
		for (i = 0; i < got; i++)
			b->d[i / 4] |= (u32)be[got - 1 - i] << (8 * (i % 4));
	kfree_sensitive(be);
	if (err)
		bn_free(b);
	return err;
}

static MPI bn_to_mpi(const struct swcr_bn *b)
{
	unsigned int len = b->n * 4, i;
	u8 *be;
	MPI r;

	be = kmalloc(len, GFP_KERNEL);
	if (!be)
		return NULL;
	for (i = 0; i < len; i++)
		be[len - 1 - i] = b->d[i / 4] >> (8 * (i % 4));
	r = mpi_read_raw_data(be, len);
	kfree_sensitive(be);
	return r;
}

MPI swcr_mpi_from_be(const u8 *p, unsigned int len)
{
	static const u8 zero;

	return len ? mpi_read_raw_data(p, len) : mpi_read_raw_data(&zero, 1);
}

MPI swcr_mpi_from_le(const u8 *p, unsigned int len)
{
	u8 *be;
	unsigned int i;
	MPI r;

	if (len == 0)
		return swcr_mpi_from_be(NULL, 0);
	be = kmalloc(len, GFP_KERNEL);
	if (!be)
		return NULL;
	for (i = 0; i < len; i++)
		be[i] = p[len - 1 - i];
	r = mpi_read_raw_data(be, len);
	kfree_sensitive(be);
	return r;
}

int swcr_mpi_to_le(MPI a, u8 *p, unsigned int len)
{
	unsigned int need = DIV_ROUND_UP(mpi_get_nbits(a), 8), got, i;
	u8 *be;
	int err;

	if (need > len)
		return -EOVERFLOW;
	memset(p, 0, len);
	if (need == 0)
		return 0;
	be = kmalloc(need, GFP_KERNEL);
	if (!be)
		return -ENOMEM;
	err = mpi_read_buffer(a, be, need, &got, NULL);
	if (!err)
		for (i = 0; i < got; i++)
			p[i] = be[got - 1 - i];
	kfree_sensitive(be);
	return err;
}

MPI swcr_mpi_powm(MPI b, MPI e, MPI m)
{
	MPI r = mpi_alloc(0);

	if (r && mpi_powm(r, b, e, m)) {
		mpi_free(r);
		r = NULL;
	}
	return r;
}

MPI swcr_mpi_mod(MPI a, MPI m)
{
	static const u8 one = 1;
	MPI e = mpi_read_raw_data(&one, 1), r;

	if (!e)
		return NULL;
	r = swcr_mpi_powm(a, e, m);
	mpi_free(e);
	return r;
}

MPI swcr_mpi_mul(MPI a, MPI b)
{
	struct swcr_bn x, y, z;
	unsigned int i, j;
	MPI r = NULL;

	if (bn_from_mpi(&x, a))
		return NULL;
	if (bn_from_mpi(&y, b))
		goto out_x;
	if (bn_alloc(&z, x.n + y.n))
		goto out_y;
	for (i = 0; i < x.n; i++) {
		u64 carry = 0;

		for (j = 0; j < y.n; j++) {
			u64 t = (u64)x.d[i] * y.d[j] + z.d[i + j] + carry;

			z.d[i + j] = (u32)t;
			carry = t >> 32;
		}
		z.d[i + y.n] = (u32)carry;
	}
	r = bn_to_mpi(&z);
	bn_free(&z);
out_y:
	bn_free(&y);
out_x:
	bn_free(&x);
	return r;
}

/* a + b, or a - b when `sub` (then a >= b is required). */
static MPI swcr_mpi_addsub(MPI a, MPI b, bool sub)
{
	struct swcr_bn x, y, z;
	unsigned int i;
	MPI r = NULL;
	s64 carry = 0;

	if (bn_from_mpi(&x, a))
		return NULL;
	if (bn_from_mpi(&y, b))
		goto out_x;
	if (bn_alloc(&z, max(x.n, y.n) + 1))
		goto out_y;
	for (i = 0; i < z.n; i++) {
		s64 t = carry + (i < x.n ? x.d[i] : 0);

		t += sub ? -(s64)(i < y.n ? y.d[i] : 0) :
			   (s64)(i < y.n ? y.d[i] : 0);
		z.d[i] = (u32)t;
		carry = t >> 32;	/* arithmetic: -1 on borrow */
	}
	r = bn_to_mpi(&z);
	bn_free(&z);
out_y:
	bn_free(&y);
out_x:
	bn_free(&x);
	return r;
}

MPI swcr_mpi_add(MPI a, MPI b)
{
	return swcr_mpi_addsub(a, b, false);
}

static MPI swcr_mpi_addsub_ui(MPI a, u8 v, bool sub)
{
	MPI c = mpi_read_raw_data(&v, 1), r;

	if (!c)
		return NULL;
	r = swcr_mpi_addsub(a, c, sub);
	mpi_free(c);
	return r;
}

MPI swcr_mpi_add_ui(MPI a, u8 v)
{
	return swcr_mpi_addsub_ui(a, v, false);
}

MPI swcr_mpi_sub_ui(MPI a, u8 v)
{
	return mpi_cmp_ui(a, v) < 0 ? NULL : swcr_mpi_addsub_ui(a, v, true);
}

MPI swcr_mpi_mulm(MPI a, MPI b, MPI m)
{
	MPI t = swcr_mpi_mul(a, b), r;

	if (!t)
		return NULL;
	r = swcr_mpi_mod(t, m);
	mpi_free(t);
	return r;
}

MPI swcr_mpi_subm(MPI a, MPI b, MPI m)
{
	MPI am = swcr_mpi_mod(a, m), bm = NULL, t = NULL, r = NULL;

	if (!am)
		return NULL;
	bm = swcr_mpi_mod(b, m);
	if (!bm)
		goto out;
	/* am + m - bm is positive and below 2m. */
	t = swcr_mpi_add(am, m);
	if (t) {
		MPI d = swcr_mpi_addsub(t, bm, true);

		if (d) {
			r = swcr_mpi_mod(d, m);
			mpi_free(d);
		}
	}
out:
	mpi_free(t);
	mpi_free(bm);
	mpi_free(am);
	return r;
}

MPI swcr_mpi_invm_prime(MPI a, MPI p)
{
	MPI e = swcr_mpi_sub_ui(p, 2), r = NULL;

	if (e)
		r = swcr_mpi_powm(a, e, p);
	mpi_free(e);
	return r;
}

bool swcr_mpi_is_zero(MPI a)
{
	return mpi_get_nbits(a) == 0;
}

bool swcr_mpi_is_odd(MPI a)
{
	u8 *be;
	unsigned int len = DIV_ROUND_UP(mpi_get_nbits(a), 8), got;
	bool odd = false;

	if (len == 0)
		return false;
	be = kmalloc(len, GFP_KERNEL);
	if (!be)
		return false;
	if (!mpi_read_buffer(a, be, len, &got, NULL) && got)
		odd = be[got - 1] & 1;
	kfree_sensitive(be);
	return odd;
}
