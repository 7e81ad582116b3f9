/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * /dev/crypto internals: per-open-file state, sessions, requests.
 */
#ifndef _OCF_CDEV_H
#define _OCF_CDEV_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/kref.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/xarray.h>
#include <linux/scatterlist.h>
#include <linux/rcupdate.h>
#include <linux/workqueue.h>
#include <opencrypto/cryptodev.h>

/* Limits; see docs/cryptodev.md. */
#define CDEV_MAX_SESSIONS_DEFAULT	1024
#define CDEV_MAX_OP_LEN_DEFAULT		(4u << 20)
#define CDEV_MAX_ASYNC_DEFAULT		64
#define CDEV_COPY_MAX_DEFAULT		4096
#define CDEV_BOUNCE_MAX			65536
/* Copy buffer a new request starts with, at least; grown on demand. */
#define CDEV_BOUNCE_MIN			512
/* Requests kept for reuse per open file (a multi-request call of 16). */
#define CDEV_REQ_CACHE			16
/* A multi-request call's array kept per file: 16 native crypt_n_op. */
#define CDEV_MARR_SIZE			1024
/* Pages covered by the preallocated pin arrays (64 KiB unaligned). */
#define CDEV_PIN_PAGES			17
/* Longest a synchronous ioctl polls for a device's completion. */
#define CDEV_POLL_MAX_US_DEFAULT	1000

extern unsigned int cdev_max_sessions;
extern unsigned int cdev_max_op_len;
extern unsigned int cdev_max_async;
extern unsigned int cdev_copy_max;
extern unsigned int cdev_poll_max_us;

enum cdev_kind {
	CDEV_K_CIPHER = 1,	/* block or stream cipher */
	CDEV_K_HASH,		/* plain digest, no key */
	CDEV_K_HMAC,		/* keyed hash or MAC */
	CDEV_K_AEAD,		/* GCM, CCM */
	CDEV_K_COMP,		/* compression */
};

/* What /dev/crypto knows about one algorithm number. */
struct cdev_alg {
	u32		alg;
	u8		kind;
	u8		blocksize;	/* length must be a multiple */
	u8		ivlen;		/* 0: no IV */
	u8		digestlen;	/* result bytes (hash/MAC/tag) */
	u16		keymin, keymax;	/* bytes */
	u32		keysizes;	/* bit n set: n*4 bytes allowed (0: range) */
	const char	*name;		/* Linux crypto API style name */
};

const struct cdev_alg *cdev_alg_find(u32 alg);
int cdev_alg_keylen_ok(const struct cdev_alg *a, u32 keylen);

/* One /dev/crypto session: an OCF session plus what ops need to know. */
struct cdev_session {
	struct kref		ref;
	struct rcu_head		rcu;
	u32			id;
	u64			sid;		/* OCF session id */
	const struct cdev_alg	*cipher;	/* cipher or AEAD, or NULL */
	const struct cdev_alg	*mac;		/* hash/MAC, or NULL */
	u32			aead_mac;	/* OCF MAC half of an AEAD */
	u32			klen;		/* cipher key bytes */
	u32			mklen;		/* MAC key bytes */
	bool			dead;		/* freed: ids no longer name it */
	spinlock_t		ivlock;
	u8			iv[EALG_MAX_BLOCK_LEN];	/* chaining IV */
};

/* A user buffer pinned and described by a scatterlist. */
struct cdev_pin {
	struct page		**pages;
	struct scatterlist	*sg;
	unsigned int		npages;
	bool			write;
	struct page		*page_cache[CDEV_PIN_PAGES];
	struct scatterlist	sg_cache[CDEV_PIN_PAGES + 1];	/* + head */
};

enum cdev_req_state {
	CDEV_R_IDLE,
	CDEV_R_BUSY,		/* dispatched, someone waits or will fetch */
	CDEV_R_DONE,		/* callback ran */
	CDEV_R_ORPHAN,		/* waiter gone (killed): callback reaps */
};

struct cdev_fd;

/* One operation in flight; reused from a per-file cache. */
struct cdev_req {
	struct list_head	link;
	struct list_head	batch;		/* CIOCNCRYPTM, while submitting */
	u32			midx;		/* its entry in that call */
	struct cdev_fd		*fd;
	struct cdev_session	*ses;
	struct cryptop		*crp;
	int			state;
	bool			inline_done;	/* callback ran in dispatch */
	struct task_struct	*task;		/* the dispatching thread */
	wait_queue_head_t	wq;
	bool			async;
	bool			multi;		/* CIOCNCRYPTM */
	bool			published;	/* multi: on fd->mreqs */
	u32			reqid;
	u64			opaque;
	struct mm_struct	*mm;		/* submitter (async fetch check) */
	bool			mm_held;	/* r->mm: a reference of its own */

	/* Data: either a kernel copy or pinned user pages. */
	u8			*bounce;	/* cached copy buffer, grown */
	size_t			bounce_size;
	u8			*big;		/* kvmalloc'ed for this op */
	size_t			big_size;
	u8			*obig;		/* compression output */
	size_t			obig_size;
	u8			*kbuf;		/* the copy in use */
	struct cryptodesc	*desc[2];	/* from crypto_getreq(2) */
	bool			pinned;
	struct cdev_pin		src, dst;

	/* The user's request, kept for completion and async fetch. */
	struct crypt_op		uop;
	u8 __user		*udst;		/* where the copy goes back */
	u32			ulen;		/* bytes copied back */
	u8			iv[EALG_MAX_BLOCK_LEN];
	u8			last_in[EALG_MAX_BLOCK_LEN];
	u8			mac[AALG_MAX_RESULT_LEN];
	bool			want_mac;
	bool			want_iv;	/* next IV computed after op */
	u32			cipher_len;	/* bytes the cipher ran over */
	u32			ret_len;	/* AEAD: output length */
	u8 __user		*utag;		/* AEAD: extra tag copy */
};

/* State of one open /dev/crypto file (shared by CRIOGET clones). */
struct cdev_fd {
	struct xarray		sessions;
	u32			next_sid;	/* cyclic over 1..INT_MAX */
	atomic_t		nsessions;	/* against max_sessions */
	/*
	 * One for the open file, one per request that may complete after
	 * its ioctl returned (asynchronous, published multi, orphaned).
	 */
	atomic_t		refs;
	/*
	 * The last request put back; it may keep its session's reference,
	 * so the next CIOCCRYPT on that session skips the look-up.
	 */
	struct cdev_req		*hot;
	void			*marr;		/* CDEV_MARR_SIZE, spare */
	spinlock_t		lock;		/* everything below */
	struct list_head	free_reqs;
	unsigned int		nfree;
	struct list_head	done;		/* async, completed */
	struct list_head	zombies;	/* orphans, completed */
	struct list_head	mreqs;		/* CIOCNCRYPTM, not collected */
	unsigned int		mdone;		/* of those, completed */
	u32			next_reqid;
	unsigned int		async_count;	/* submitted, not fetched */
	wait_queue_head_t	wq;		/* poll */
	struct work_struct	free_work;	/* the last put, from a callback */
	u32			dev_wait_ns;	/* device waits, averaged */
	/*
	 * The first asynchronous submitter's mm, held (mm_count) until the
	 * file is freed: its requests need no reference of their own.
	 */
	struct mm_struct	*mm_owner;
};

/* Sessions (cdev_session.c). */
struct cdev_session *cdev_session_get(struct cdev_fd *f, u32 id);
void cdev_session_put(struct cdev_session *s);
void cdev_session_get_many(struct cdev_session *s, unsigned int n);
void cdev_session_put_many(struct cdev_session *s, unsigned int n);
void cdev_sessions_release(struct cdev_fd *f);
int cdev_gsession(struct cdev_fd *f, struct session_op *sop, s32 *crid);
int cdev_fsession(struct cdev_fd *f, u32 id);
int cdev_gsessinfo(struct cdev_fd *f, struct session_info_op *si);
int cdev_cphash(struct cdev_fd *f, const struct cphash_op *cp);
int cdev_finddev(struct crypt_find_op *fo);

/* Requests (cdev_req.c). */
struct cdev_req *cdev_req_get(struct cdev_fd *f);
struct cdev_req *cdev_req_get_ses(struct cdev_fd *f, u32 id,
				  struct cdev_session **ses);
void cdev_req_drop_dead_ses(struct cdev_fd *f);
void cdev_req_put(struct cdev_fd *f, struct cdev_req *r);
unsigned int cdev_req_take_cached(struct cdev_fd *f, struct list_head *list,
				  unsigned int n);
void cdev_req_reset_list(struct list_head *list);
void cdev_req_put_list(struct cdev_fd *f, struct list_head *list);
int cdev_req_dispatch(struct cdev_req *r);
int cdev_req_wait(struct cdev_req *r);
int cdev_req_run(struct cdev_req *r);
int cdev_req_exec(struct cdev_req *r);
void cdev_req_release_data(struct cdev_req *r);
void cdev_req_set_mm(struct cdev_req *r);
void cdev_reqs_release(struct cdev_fd *f);
void cdev_fd_put(struct cdev_fd *f);
void cdev_reap_zombies_now(struct cdev_fd *f);

/* Requests of killed waiters, released by the next ioctl. */
static inline void cdev_reap_zombies(struct cdev_fd *f)
{
	/* A racy peek is enough: a zombie missed now is reaped later. */
	if (unlikely(!list_empty_careful(&f->zombies)))
		cdev_reap_zombies_now(f);
}

bool cdev_bounce_fit(struct cdev_req *r, size_t size);
int cdev_kbuf(struct cdev_req *r, size_t size);
/* Buffers that share bytes without being the same (in place). */
bool cdev_overlap(const u8 *a, const u8 *b, u32 len);

/* User buffers (cdev_buf.c). */
int cdev_pin_user(struct cdev_pin *p, const void __user *uaddr, size_t len,
		  bool write);
int cdev_pin_user_after(struct cdev_pin *p, void *head, unsigned int hlen,
			const void __user *uaddr, size_t len, bool write);
void cdev_unpin(struct cdev_pin *p, bool dirty);

/* Operations (cdev_op.c, cdev_aead.c, cdev_comp.c, cdev_key.c). */
int cdev_crypt_prepare(struct cdev_fd *f, struct cdev_req *r,
		       const struct crypt_op *cop);
int cdev_crypt_prepare_ses(struct cdev_req *r, const struct crypt_op *cop,
			   struct cdev_session *s);
int cdev_crypt_finish(struct cdev_req *r);
int cdev_crypt(struct cdev_fd *f, struct crypt_op *cop);
int cdev_authcrypt(struct cdev_fd *f, struct crypt_auth_op *cao);
#define CDEV_RECORD_FLAGS (COP_FLAG_AEAD_TLS_TYPE | COP_FLAG_AEAD_SRTP_TYPE | \
			   COP_FLAG_WRITE_IV | COP_FLAG_NO_ZC)
int cdev_record(struct cdev_fd *f, struct cdev_req *r,
		struct crypt_auth_op *cao);
int cdev_comp(struct cdev_fd *f, struct crypt_comp_op *cco);
int cdev_key(struct cdev_fd *f, struct crypt_kop *kop, bool with_crid);
int cdev_asymfeat(u32 *feat);

/* Asynchronous operations (cdev_async.c). */
int cdev_async_crypt(struct cdev_fd *f, const struct crypt_op *cop);
int cdev_async_fetch(struct cdev_fd *f, struct crypt_op *cop);

/* The NetBSD multi-request family (cdev_multi.c). */
bool cdev_is_multi(unsigned int cmd, bool compat);
long cdev_multi_ioctl(struct file *filp, unsigned int cmd, void __user *uarg,
		      bool compat);

/* The 32-bit entry (cdev_compat.c). */
void cdev_kop_widen(struct crypt_kop *n, const void *c32);
void cdev_kop_narrow(void *c32, const struct crypt_kop *n);
#define CDEV_KOP32_SIZE	80
long cdev_compat_ioctl(struct file *filp, unsigned int cmd, unsigned long arg);

/* The native dispatcher, shared with compat for layout-neutral ioctls. */
long cdev_ioctl_common(struct file *filp, unsigned int cmd, void *karg);
long cdev_ioctl_native(struct file *filp, unsigned int cmd,
		       void __user *uarg);
void cdev_crioget_commit(struct file *filp, u32 fd, bool ok);
int cdev_crioget(struct file *filp, u32 *fd_out);

static inline void __user *cdev_uptr(const void *p)
{
	return (void __user *)(uintptr_t)p;
}

#endif /* _OCF_CDEV_H */
