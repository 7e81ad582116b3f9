/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ocf_virtio internals: one vcr_dev per bound virtio-crypto device, each
 * its own OCF driver instance ("virtio-crypto<N>").
 */
#ifndef _VCR_H
#define _VCR_H

#include <linux/types.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/scatterlist.h>
#include <linux/timer.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#include <uapi/linux/virtio_crypto.h>
#include <opencrypto/cryptodev.h>

struct virtio_device;
struct virtqueue;

/* QEMU's builtin backend holds 256 sessions; the spec gives no field. */
#define VCR_DEV_SESSIONS	256
/* Scatterlist entries of one direction of a data request. */
#define VCR_MAX_SEGS		256
/* How long a control request may take before the device is given up. */
#define VCR_CTRL_TIMEOUT_MS	2000
/* How long remove() waits for in-flight requests before resetting. */
#define VCR_DRAIN_TIMEOUT_MS	10000

/* An algorithm the driver may offer, if the device passes its check. */
struct vcr_alg {
	int		ocf_alg;	/* CRYPTO_* */
	u32		dev_algo;	/* VIRTIO_CRYPTO_CIPHER_* */
	const char	*name;
	unsigned int	block;		/* lengths must be multiples of this */
	unsigned int	ivlen;		/* IV the device takes */
	bool		stream;		/* CTR: a partial last block is fine */
};

enum { VCR_ENC, VCR_DEC, VCR_NDIR };

/*
 * An OCF session: both directions are created on the device at
 * newsession(), since a device session is fixed to one direction and a
 * failure at process() time could not fall back to another driver.
 */
struct vcr_ses {
	const struct vcr_alg *alg;
	u64		dev_id[VCR_NDIR];
	unsigned int	ivlen;		/* IV the consumer supplies */
	u8		nonce[4];	/* RFC 3686 keys: the trailing nonce */
	bool		rfc3686;
};

struct vcr_dev {
	struct virtio_device	*vdev;
	struct virtqueue	*dataq;
	struct virtqueue	*ctrlq;
	int			index;		/* N of virtio-crypto<N> */
	char			name[CRYPTO_DRIVER_NAME_LEN];
	s32			driverid;	/* OCF id, -1 when none */
	bool			registered;
	u32			max_key;	/* config max_cipher_key_len */
	u64			max_size;	/* config max_size */
	bool			indirect;	/* VIRTIO_RING_F_INDIRECT_DESC */
	unsigned int		ring_size;
	bool			alg_ok[CRYPTO_ALGORITHM_LIMIT];

	/* Control queue: one request at a time, polled. */
	struct mutex		ctrl_mutex;
	struct vcr_ctrl_buf	*ctrl;
	unsigned int		dev_sessions;	/* device ids we hold */
	bool			ctrl_broken;	/* a request was not answered */

	/* Data queue. */
	spinlock_t		lock;
	unsigned int		inflight;
	unsigned int		inflight_limit;	/* 0: the ring's size */
	bool			blocked;	/* said ERESTART: unblock later */
	bool			kick_pending;	/* added under CRYPTO_HINT_MORE */
	bool			dead;		/* reset: touch the device no more */
	struct timer_list	kick_timer;
	u64			stat_ring_full;
	u64			stat_requests;
	u64			stat_errors;

	struct xarray		sessions;	/* lid -> struct vcr_ses */
	struct mutex		reg_mutex;	/* registered, driverid */
	struct work_struct	fail_work;	/* device broke: withdraw */
	struct mutex		kill_mutex;
	struct delayed_work	drain_watchdog;	/* remove() waits too long */
	bool			gone;		/* no more fail_work */
	struct list_head	link;		/* vcr_list, for the tests */
};

/* A data request in flight. */
struct vcr_req {
	struct virtio_crypto_op_data_req hdr;
	u8			iv[16];
	u8			pad_out[16];	/* CTR: completes the last block */
	u8			pad_in[16];
	struct virtio_crypto_inhdr status;
	struct vcr_dev		*vd;
	void			(*done)(struct vcr_req *req, int err);
	void			*ctx;		/* the cryptop, or a KAT waiter */
	struct vcr_req		*next;		/* completion batch */
	struct scatterlist	sg_hdr, sg_iv, sg_pad_out, sg_pad_in,
				sg_status;
	struct scatterlist	*src, *dst;	/* trailing arrays */
	struct scatterlist	sgs[];
};

/* vcr_main.c */
extern const struct vcr_alg vcr_algs[];
extern const unsigned int vcr_nalgs;
const struct vcr_alg *vcr_find_alg(int ocf_alg);
void vcr_fail_device(struct vcr_dev *vd);
void vcr_kill(struct vcr_dev *vd);

/* vcr_ctrl.c */
int vcr_ctrl_init(struct vcr_dev *vd);
void vcr_ctrl_free(struct vcr_dev *vd);
int vcr_create_session(struct vcr_dev *vd, const struct vcr_alg *alg,
		       int dir, const u8 *key, unsigned int klen, u64 *id);
int vcr_destroy_session(struct vcr_dev *vd, u64 id);

/* vcr_data.c */
struct vcr_req *vcr_req_alloc(struct vcr_dev *vd, int nsrc, int ndst);
void vcr_req_free(struct vcr_req *req);
int vcr_submit(struct vcr_dev *vd, struct vcr_req *req,
	       const struct vcr_alg *alg, int dir, u64 dev_id,
	       unsigned int len, int nsrc, int ndst, bool more);
void vcr_dataq_done(struct virtqueue *vq);
void vcr_kick_timer(struct timer_list *t);
int vcr_status_errno(u8 status);

/* vcr_ocf.c */
int vcr_newsession(void *arg, u32 *lid, struct cryptoini *cri);
int vcr_freesession(void *arg, u64 sid);
int vcr_process(void *arg, struct cryptop *crp, int hint);
void vcr_free_all_sessions(struct vcr_dev *vd);

/* vcr_kat.c */
bool vcr_kat(struct vcr_dev *vd, const struct vcr_alg *alg);

/* For the in-kernel tests. */
struct vcr_stats {
	u64		ring_full;
	u64		requests;
	u64		errors;
	unsigned int	dev_sessions;
	unsigned int	ring_size;
};
int vcr_get_stats(u32 driverid, struct vcr_stats *st);
int vcr_set_inflight_limit(u32 driverid, unsigned int limit);
int vcr_test_fail(u32 driverid);

#endif /* _VCR_H */
