// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-file session table: ids are non-zero integers handed out
 * cyclically over 1..INT_MAX, whatever max_sessions is, so a freed id
 * comes back only after 2^31 sessions on that file: a stale id (a
 * double CIOCFSESSION, or a thread still using a session another
 * freed) answers EINVAL rather than reaching a newer session.  They are
 * looked up in O(1) under RCU and held by reference while an operation
 * uses them.
 */
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/string.h>
#include "cdev.h"

/* The framework may answer with BSD-style positive errnos. */
static int cdev_errno(int err)
{
	return err > 0 ? -err : err;
}

struct cdev_session *cdev_session_get(struct cdev_fd *f, u32 id)
{
	struct cdev_session *s;

	rcu_read_lock();
	s = xa_load(&f->sessions, id);
	if (s && !kref_get_unless_zero(&s->ref))
		s = NULL;
	rcu_read_unlock();
	return s;
}

static void cdev_session_free(struct kref *ref)
{
	struct cdev_session *s = container_of(ref, struct cdev_session, ref);

	crypto_freesession(s->sid);
	memzero_explicit(s->iv, sizeof(s->iv));
	kfree_rcu(s, rcu);
}

/* Always called from process context: the last put frees the session. */
void cdev_session_put(struct cdev_session *s)
{
	kref_put(&s->ref, cdev_session_free);
}

/* n more references at once, on a session the caller holds. */
void cdev_session_get_many(struct cdev_session *s, unsigned int n)
{
	if (n)
		refcount_add(n, &s->ref.refcount);
}

/* n references at once (a multi-request call's entries). */
void cdev_session_put_many(struct cdev_session *s, unsigned int n)
{
	if (n && refcount_sub_and_test(n, &s->ref.refcount))
		cdev_session_free(&s->ref);
}

void cdev_sessions_release(struct cdev_fd *f)
{
	struct cdev_session *s;
	unsigned long id;

	xa_for_each(&f->sessions, id, s) {
		xa_erase(&f->sessions, id);
		atomic_dec(&f->nsessions);
		cdev_session_put(s);
	}
	xa_destroy(&f->sessions);
}

/* The driver set a session may use, from kern.cryptodevallowsoft. */
static int cdev_allowed_mask(void)
{
	int allowsoft = READ_ONCE(crypto_devallowsoft);

	if (allowsoft < 0)
		return CRYPTOCAP_F_SOFTWARE;
	if (allowsoft == 0)
		return CRYPTOCAP_F_HARDWARE | CRYPTOCAP_F_SOFTWARE;
	return CRYPTOCAP_F_HARDWARE;
}

/* Turn the user's crid (driver id or mask) into one the policy allows. */
static int cdev_pick_crid(s32 *crid)
{
	int allowed = cdev_allowed_mask();
	u32 flags;

	if (*crid & (CRYPTOCAP_F_HARDWARE | CRYPTOCAP_F_SOFTWARE)) {
		int want = *crid & (CRYPTOCAP_F_HARDWARE |
				    CRYPTOCAP_F_SOFTWARE);

		if (*crid & ~(CRYPTOCAP_F_HARDWARE | CRYPTOCAP_F_SOFTWARE))
			return -EINVAL;
		if (!(want & allowed))
			return -EPERM;
		*crid = want & allowed;
		return 0;
	}
	if (*crid < 0)
		return -EINVAL;
	if (crypto_driver_flags(*crid, &flags))
		return -ENOENT;
	/* A driver is software when it says so, hardware otherwise. */
	if (!(allowed & ((flags & CRYPTOCAP_F_SOFTWARE) ?
			 CRYPTOCAP_F_SOFTWARE : CRYPTOCAP_F_HARDWARE)))
		return -EPERM;
	return 0;
}

static u32 cdev_gmac_for_key(u32 keylen)
{
	switch (keylen) {
	case 16:
		return CRYPTO_AES_128_GMAC;
	case 24:
		return CRYPTO_AES_192_GMAC;
	default:
		return CRYPTO_AES_256_GMAC;
	}
}

static int cdev_copy_key(u8 **out, const u8 *ukey, u32 len)
{
	*out = NULL;
	if (!len)
		return 0;
	*out = memdup_user(cdev_uptr(ukey), len);
	if (IS_ERR(*out)) {
		int err = PTR_ERR(*out);

		*out = NULL;
		return err;
	}
	return 0;
}

/* Check a session request against the algorithm table. */
static int cdev_check_session(const struct session_op *sop,
			      const struct cdev_alg **cipher,
			      const struct cdev_alg **mac, u32 *aead_mac)
{
	const struct cdev_alg *c = NULL, *m = NULL;

	*aead_mac = 0;
	if (sop->cipher) {
		c = cdev_alg_find(sop->cipher);
		if (!c || c->kind == CDEV_K_HASH || c->kind == CDEV_K_HMAC)
			return -EINVAL;
		if (c->kind == CDEV_K_COMP) {
			if (sop->keylen || sop->mac)
				return -EINVAL;
		} else if (!cdev_alg_keylen_ok(c, sop->keylen)) {
			return -EINVAL;
		}
	}
	if (c && c->kind == CDEV_K_AEAD) {
		/* cryptodev-linux: mac 0; BSD: the matching MAC half. */
		if (c->alg == CRYPTO_AES_GCM) {
			*aead_mac = cdev_gmac_for_key(sop->keylen);
			if (sop->mac && sop->mac != CRYPTO_AES_GMAC &&
			    sop->mac != *aead_mac)
				return -EINVAL;
		} else {
			*aead_mac = CRYPTO_AES_CCM_CBC_MAC;
			if (sop->mac && sop->mac != CRYPTO_AES_CCM_CBC_MAC)
				return -EINVAL;
		}
		if (sop->mac && sop->mackeylen && sop->mackeylen != sop->keylen)
			return -EINVAL;
	} else if (sop->mac) {
		m = cdev_alg_find(sop->mac);
		if (!m || (m->kind != CDEV_K_HASH && m->kind != CDEV_K_HMAC))
			return -EINVAL;
		if (m->kind == CDEV_K_HASH ? sop->mackeylen != 0 :
		    !cdev_alg_keylen_ok(m, sop->mackeylen))
			return -EINVAL;
		/* GMAC needs its nonce in iv: not combinable with a cipher. */
		if (c && m->ivlen)
			return -EINVAL;
	}
	if (!c && !m)
		return -EINVAL;
	*cipher = c;
	*mac = m;
	return 0;
}

int cdev_gsession(struct cdev_fd *f, struct session_op *sop, s32 *crid)
{
	struct cryptoini ci = {}, cm = {};
	struct cryptoini *head = NULL;
	const struct cdev_alg *c, *m;
	struct cdev_session *s;
	u8 *key = NULL, *mackey = NULL;
	s32 want = crid ? *crid : cdev_allowed_mask();
	u32 aead_mac, drv, id;
	u64 sid;
	int err;

	if (!READ_ONCE(crypto_usercrypto))
		return -EPERM;
	err = cdev_check_session(sop, &c, &m, &aead_mac);
	if (err)
		return err;
	if (crid) {
		err = cdev_pick_crid(&want);
		if (err)
			return err;
	}
	err = cdev_copy_key(&key, sop->key, c ? sop->keylen : 0);
	if (!err && m)
		err = cdev_copy_key(&mackey, sop->mackey, sop->mackeylen);
	if (err)
		goto out_keys;

	if (c) {
		ci.cri_alg = c->alg;
		ci.cri_klen = sop->keylen * 8;
		ci.cri_key = key;
		head = &ci;
	}
	if (aead_mac) {
		/* Both AEAD halves take the cipher key. */
		cm.cri_alg = aead_mac;
		cm.cri_klen = sop->keylen * 8;
		cm.cri_key = key;
	} else if (m) {
		cm.cri_alg = m->alg;
		cm.cri_klen = sop->mackeylen * 8;
		cm.cri_key = mackey;
	}
	if (cm.cri_alg) {
		if (head)
			ci.cri_next = &cm;
		else
			head = &cm;
	}

	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s) {
		err = -ENOMEM;
		goto out_keys;
	}
	err = cdev_errno(crypto_newsession_crid(&sid, head, want));
	if (err) {
		kfree(s);
		goto out_keys;
	}
	kref_init(&s->ref);
	spin_lock_init(&s->ivlock);
	s->sid = sid;
	s->cipher = c;
	s->mac = m;
	s->aead_mac = aead_mac;
	s->klen = c ? sop->keylen : 0;
	s->mklen = m ? sop->mackeylen : 0;

	if (atomic_inc_return(&f->nsessions) > READ_ONCE(cdev_max_sessions))
		err = -ENOSPC;
	else
		err = xa_alloc_cyclic(&f->sessions, &id, s,
				      XA_LIMIT(1, INT_MAX), &f->next_sid,
				      GFP_KERNEL);
	if (err < 0) {
		atomic_dec(&f->nsessions);
		cdev_session_put(s);
		err = err == -EBUSY ? -ENOSPC : err;
		goto out_keys;
	}
	s->id = id;
	sop->ses = id;
	if (crid) {
		if (crypto_session_driver(sid, head->cri_alg, &drv) == 0)
			*crid = drv;
	}
	err = 0;
out_keys:
	kfree_sensitive(key);
	kfree_sensitive(mackey);
	return err;
}

int cdev_fsession(struct cdev_fd *f, u32 id)
{
	struct cdev_session *s = xa_erase(&f->sessions, id);

	if (!s)
		return -EINVAL;
	/* Its id names nothing now: the hot request must not keep it. */
	WRITE_ONCE(s->dead, true);
	cdev_req_drop_dead_ses(f);
	atomic_dec(&f->nsessions);
	cdev_session_put(s);
	return 0;
}

static void cdev_fill_info(struct alg_info *ai, const char *name, u32 drv)
{
	strscpy(ai->cra_name, name, sizeof(ai->cra_name));
	if (crypto_get_driver_name(drv, ai->cra_driver_name,
				   sizeof(ai->cra_driver_name)))
		strscpy(ai->cra_driver_name, "unknown",
			sizeof(ai->cra_driver_name));
}

int cdev_gsessinfo(struct cdev_fd *f, struct session_info_op *si)
{
	struct cdev_session *s = cdev_session_get(f, si->ses);
	u32 drv = 0, flags = 0;
	u32 alg;
	int err;

	if (!s)
		return -EINVAL;
	memset(&si->cipher_info, 0, sizeof(si->cipher_info));
	memset(&si->hash_info, 0, sizeof(si->hash_info));
	alg = s->cipher ? s->cipher->alg : s->mac->alg;
	err = cdev_errno(crypto_session_driver(s->sid, alg, &drv));
	if (err)
		goto out;
	if (s->cipher)
		cdev_fill_info(&si->cipher_info, s->cipher->name, drv);
	if (s->mac)
		cdev_fill_info(&si->hash_info, s->mac->name, drv);
	si->alignmask = 0;	/* any alignment: we copy or build an sg */
	si->flags = 0;
	/* Drivers register with flags 0 unless they are software. */
	if (!crypto_driver_flags(drv, &flags) &&
	    !(flags & CRYPTOCAP_F_SOFTWARE))
		si->flags |= SIOP_FLAG_KERNEL_DRIVER_ONLY;
out:
	cdev_session_put(s);
	return err;
}

int cdev_cphash(struct cdev_fd *f, const struct cphash_op *cp)
{
	struct cdev_session *dst, *src;
	int err = -EINVAL;

	dst = cdev_session_get(f, cp->dst_ses);
	if (!dst)
		return -EINVAL;
	src = cdev_session_get(f, cp->src_ses);
	if (!src)
		goto out_dst;
	if (src->cipher || dst->cipher || !src->mac || !dst->mac ||
	    src->mac != dst->mac)
		goto out;
	err = src == dst ? 0 : cdev_errno(crypto_copystate(dst->sid,
							    src->sid));
out:
	cdev_session_put(src);
out_dst:
	cdev_session_put(dst);
	return err;
}

int cdev_finddev(struct crypt_find_op *fo)
{
	int id;

	if (fo->crid == -1) {
		fo->name[sizeof(fo->name) - 1] = '\0';
		id = crypto_find_driver(fo->name);
		if (id < 0)
			return -ENOENT;
		fo->crid = id;
		return 0;
	}
	if (fo->crid < 0)
		return -EINVAL;
	if (crypto_get_driver_name(fo->crid, fo->name, sizeof(fo->name)))
		return -ENOENT;
	return 0;
}
