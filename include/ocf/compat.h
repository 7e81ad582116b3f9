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

#endif /* _OCF_COMPAT_H */
