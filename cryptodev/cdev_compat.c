// SPDX-License-Identifier: GPL-2.0-only
/*
 * 32-bit processes on a 64-bit kernel: the structures with pointers are
 * smaller (and so are their ioctl numbers).  Each is widened into the
 * native structure, run through the common handlers and narrowed back.
 * Structures without pointers have the same layout and number on both.
 */
#include <linux/compat.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include "cdev.h"

#ifdef CONFIG_COMPAT

struct session_op32 {
	u32		cipher;
	u32		mac;
	u32		keylen;
	compat_uptr_t	key;
	u32		mackeylen;
	compat_uptr_t	mackey;
	u32		ses;
};

struct session2_op32 {
	u32		cipher;
	u32		mac;
	u32		keylen;
	compat_uptr_t	key;
	u32		mackeylen;
	compat_uptr_t	mackey;
	u32		ses;
	s32		crid;
	u32		pad[4];
};

struct crypt_op32 {
	u32		ses;
	u16		op;
	u16		flags;
	u32		len;
	compat_uptr_t	src;
	compat_uptr_t	dst;
	compat_uptr_t	mac;
	compat_uptr_t	iv;
};

struct crypt_auth_op32 {
	u32		ses;
	u16		op;
	u16		flags;
	u32		len;
	u32		auth_len;
	compat_uptr_t	auth_src;
	compat_uptr_t	src;
	compat_uptr_t	dst;
	compat_uptr_t	tag;
	u32		tag_len;
	compat_uptr_t	iv;
	u32		iv_len;
};

struct crparam32 {
	compat_uptr_t	crp_p;
	u32		crp_nbits;
};

struct crypt_kop32 {
	u32		crk_op;
	u32		crk_status;
	u16		crk_iparams;
	u16		crk_oparams;
	u32		crk_pad1;
	struct crparam32 crk_param[CRK_MAXPARAM];
};

struct crypt_comp_op32 {
	u32		ses;
	u16		op;
	u16		flags;
	u32		len;
	u32		dst_len;
	compat_uptr_t	src;
	compat_uptr_t	dst;
};

#define CIOCGSESSION32		_IOWR('c', 102, struct session_op32)
#define CIOCCRYPT32		_IOWR('c', 104, struct crypt_op32)
#define CIOCKEY32		_IOWR('c', 105, struct crypt_kop32)
#define CIOCAUTHCRYPT32		_IOWR('c', 109, struct crypt_auth_op32)
#define CIOCASYNCCRYPT32	_IOW('c', 110, struct crypt_op32)
#define CIOCASYNCFETCH32	_IOR('c', 111, struct crypt_op32)
#define CIOCGSESSION2_32	_IOWR('c', 113, struct session2_op32)
#define CIOCKEY2_32		_IOWR('c', 115, struct crypt_kop32)
#define CIOCCOMP32		_IOWR('c', 116, struct crypt_comp_op32)

static_assert(sizeof(struct crypt_kop32) == CDEV_KOP32_SIZE);

/* The uapi structs hold user pointers as plain pointers. */
#define P(x)	((__force __u8 *)compat_ptr(x))
#define U(x)	((compat_uptr_t)ptr_to_compat(cdev_uptr(x)))

static void sop_in(struct session2_op *n, const struct session2_op32 *c)
{
	n->cipher = c->cipher;
	n->mac = c->mac;
	n->keylen = c->keylen;
	n->key = P(c->key);
	n->mackeylen = c->mackeylen;
	n->mackey = P(c->mackey);
	n->ses = c->ses;
	n->crid = c->crid;
}

static void cop_in(struct crypt_op *n, const struct crypt_op32 *c)
{
	n->ses = c->ses;
	n->op = c->op;
	n->flags = c->flags;
	n->len = c->len;
	n->src = P(c->src);
	n->dst = P(c->dst);
	n->mac = P(c->mac);
	n->iv = P(c->iv);
}

static void cop_out(struct crypt_op32 *c, const struct crypt_op *n)
{
	c->ses = n->ses;
	c->op = n->op;
	c->flags = n->flags;
	c->len = n->len;
	c->src = U(n->src);
	c->dst = U(n->dst);
	c->mac = U(n->mac);
	c->iv = U(n->iv);
}

static long cdev_compat_session(struct file *filp, unsigned int cmd,
				void __user *uarg)
{
	struct session2_op32 c = {};
	struct session2_op n = {};
	unsigned int size = _IOC_SIZE(cmd);
	long ret;

	if (copy_from_user(&c, uarg, size))
		return -EFAULT;
	sop_in(&n, &c);
	ret = cdev_ioctl_common(filp, cmd == CIOCGSESSION32 ? CIOCGSESSION :
				CIOCGSESSION2, &n);
	if (ret)
		return ret;
	c.ses = n.ses;
	c.crid = n.crid;
	if (copy_to_user(uarg, &c, size)) {
		/* The caller cannot learn the id: do not leak the session. */
		cdev_fsession(filp->private_data, n.ses);
		return -EFAULT;
	}
	return 0;
}

static long cdev_compat_crypt(struct file *filp, unsigned int cmd,
			      void __user *uarg)
{
	struct crypt_op32 c;
	struct crypt_op n = {};
	long ret;

	if (cmd != CIOCASYNCFETCH32) {
		if (copy_from_user(&c, uarg, sizeof(c)))
			return -EFAULT;
		cop_in(&n, &c);
	}
	ret = cdev_ioctl_common(filp, cmd == CIOCCRYPT32 ? CIOCCRYPT :
				cmd == CIOCASYNCCRYPT32 ? CIOCASYNCCRYPT :
				CIOCASYNCFETCH, &n);
	if (cmd == CIOCASYNCCRYPT32)
		return ret;
	if (cmd == CIOCASYNCFETCH32 && (ret == -EBUSY || ret == -EPERM))
		return ret;
	if (cmd == CIOCCRYPT32 && ret)
		return ret;
	cop_out(&c, &n);
	if (copy_to_user(uarg, &c, sizeof(c)))
		return -EFAULT;
	return ret;
}

static long cdev_compat_authcrypt(struct file *filp, void __user *uarg)
{
	struct crypt_auth_op32 c;
	struct crypt_auth_op n = {};
	long ret;

	if (copy_from_user(&c, uarg, sizeof(c)))
		return -EFAULT;
	n.ses = c.ses;
	n.op = c.op;
	n.flags = c.flags;
	n.len = c.len;
	n.auth_len = c.auth_len;
	n.auth_src = P(c.auth_src);
	n.src = P(c.src);
	n.dst = P(c.dst);
	n.tag = P(c.tag);
	n.tag_len = c.tag_len;
	n.iv = P(c.iv);
	n.iv_len = c.iv_len;
	ret = cdev_ioctl_common(filp, CIOCAUTHCRYPT, &n);
	if (ret)
		return ret;
	c.len = n.len;
	return copy_to_user(uarg, &c, sizeof(c)) ? -EFAULT : 0;
}

void cdev_kop_widen(struct crypt_kop *n, const void *c32)
{
	const struct crypt_kop32 *c = c32;
	unsigned int i;

	n->crk_op = c->crk_op;
	n->crk_status = c->crk_status;
	n->crk_iparams = c->crk_iparams;
	n->crk_oparams = c->crk_oparams;
	n->crk_pad1 = c->crk_pad1;
	for (i = 0; i < CRK_MAXPARAM; i++) {
		n->crk_param[i].crp_p = P(c->crk_param[i].crp_p);
		n->crk_param[i].crp_nbits = c->crk_param[i].crp_nbits;
	}
}

/* Only the status and crid change. */
void cdev_kop_narrow(void *c32, const struct crypt_kop *n)
{
	struct crypt_kop32 *c = c32;

	c->crk_status = n->crk_status;
	c->crk_pad1 = n->crk_pad1;
}

static long cdev_compat_key(struct file *filp, unsigned int cmd,
			    void __user *uarg)
{
	struct crypt_kop32 c;
	struct crypt_kop n = {};
	long ret;

	if (copy_from_user(&c, uarg, sizeof(c)))
		return -EFAULT;
	cdev_kop_widen(&n, &c);
	ret = cdev_ioctl_common(filp, cmd == CIOCKEY32 ? CIOCKEY : CIOCKEY2,
				&n);
	if (ret)
		return ret;
	cdev_kop_narrow(&c, &n);
	return copy_to_user(uarg, &c, sizeof(c)) ? -EFAULT : 0;
}

static long cdev_compat_comp(struct file *filp, void __user *uarg)
{
	struct crypt_comp_op32 c;
	struct crypt_comp_op n = {};
	long ret;

	if (copy_from_user(&c, uarg, sizeof(c)))
		return -EFAULT;
	n.ses = c.ses;
	n.op = c.op;
	n.flags = c.flags;
	n.len = c.len;
	n.dst_len = c.dst_len;
	n.src = P(c.src);
	n.dst = P(c.dst);
	ret = cdev_ioctl_common(filp, CIOCCOMP, &n);
	if (ret)
		return ret;
	c.dst_len = n.dst_len;
	return copy_to_user(uarg, &c, sizeof(c)) ? -EFAULT : 0;
}

long cdev_compat_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = compat_ptr(arg);

	switch (cmd) {
	case CIOCGSESSION32:
	case CIOCGSESSION2_32:
		return cdev_compat_session(filp, cmd, uarg);
	case CIOCCRYPT32:
	case CIOCASYNCCRYPT32:
	case CIOCASYNCFETCH32:
		return cdev_compat_crypt(filp, cmd, uarg);
	case CIOCAUTHCRYPT32:
		return cdev_compat_authcrypt(filp, uarg);
	case CIOCKEY32:
	case CIOCKEY2_32:
		return cdev_compat_key(filp, cmd, uarg);
	case CIOCCOMP32:
		return cdev_compat_comp(filp, uarg);
	case CRIOGET:
	case CIOCFSESSION:
	case CIOCASYMFEAT:
	case CIOCGSESSINFO:
	case CIOCCPHASH:
	case CIOCFINDDEV:
		/* No pointers inside: the same layout on both. */
		return cdev_ioctl_native(filp, cmd, uarg);
	default:
		if (cdev_is_multi(cmd, true))
			return cdev_multi_ioctl(filp, cmd, uarg, true);
		return -ENOTTY;
	}
}

#endif /* CONFIG_COMPAT */
