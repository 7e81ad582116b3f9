/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The differences between the kernels we build for (6.1 and 6.12) live
 * here and only here: no version checks anywhere else in the tree.
 */
#ifndef _OCF_COMPAT_H
#define _OCF_COMPAT_H

#include <linux/version.h>

/* <asm/unaligned.h> moved to <linux/unaligned.h> in 6.12. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

/*
 * Async crypto completion callbacks take the request's data pointer
 * since 6.3, the request itself before.  Declare a callback as
 *   static void done(OCF_ASYNC_DONE_ARGS(data, err))
 * and `data` is the pointer given to *_request_set_callback().
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
#define OCF_ASYNC_DONE_ARGS(data, err)	void *data, int err
#define OCF_ASYNC_DONE_PROLOGUE(data)	do { } while (0)
#else
#define OCF_ASYNC_DONE_ARGS(data, err)	\
	struct crypto_async_request *data##_areq, int err
#define OCF_ASYNC_DONE_PROLOGUE(data)	void *data = data##_areq->data
#endif

/* sysctl tables and handlers are const since 6.11. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
#define OCF_CTL_TABLE_CONST const
#else
#define OCF_CTL_TABLE_CONST
#endif

/*
 * cryptd's AEAD passes the caller's own request to the inner transform
 * (rewriting its tfm and completion) before 6.3, and a cryptd(aead)
 * instance fails its self-tests there (seen on 6.1); later kernels use a
 * subrequest.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
#define OCF_CRYPTD_AEAD_SUBREQ	1
#else
#define OCF_CRYPTD_AEAD_SUBREQ	0
#endif

/*
 * register_sysctl() takes the table's size since 6.6; before, the table
 * ends with an empty entry (which later kernels reject).  Close a table
 * with OCF_CTL_TABLE_END.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 6, 0)
#define OCF_CTL_TABLE_END
#else
#define OCF_CTL_TABLE_END	{ }
#endif

#endif /* _OCF_COMPAT_H */

/*
 * virtio_find_vqs() takes one struct virtqueue_info array since 6.11,
 * separate callback and name arrays before.  ocf_virtio_find_vqs()
 * takes the separate arrays on both; a NULL name leaves that queue
 * unset.  Defined when <linux/virtio_config.h> is included first; kept
 * outside the include guard so a later inclusion still gets it.
 */
#if defined(_LINUX_VIRTIO_CONFIG_H) && !defined(_OCF_COMPAT_VIRTIO)
#define _OCF_COMPAT_VIRTIO
#include <linux/slab.h>
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
static inline int ocf_virtio_find_vqs(struct virtio_device *vdev,
				      unsigned int nvqs,
				      struct virtqueue *vqs[],
				      vq_callback_t *callbacks[],
				      const char * const names[])
{
	struct virtqueue_info *info;
	unsigned int i;
	int err;

	info = kcalloc(nvqs, sizeof(*info), GFP_KERNEL);
	if (!info)
		return -ENOMEM;
	for (i = 0; i < nvqs; i++) {
		info[i].name = names[i];
		info[i].callback = callbacks[i];
	}
	err = virtio_find_vqs(vdev, nvqs, vqs, info, NULL);
	kfree(info);
	return err;
}
#else
static inline int ocf_virtio_find_vqs(struct virtio_device *vdev,
				      unsigned int nvqs,
				      struct virtqueue *vqs[],
				      vq_callback_t *callbacks[],
				      const char * const names[])
{
	return virtio_find_vqs(vdev, nvqs, vqs, callbacks, names, NULL);
}
#endif
#endif /* _OCF_COMPAT_VIRTIO */
