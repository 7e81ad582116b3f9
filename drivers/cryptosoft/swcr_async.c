// SPDX-License-Identifier: GPL-2.0-only
/*
 * cryptosoft: when a request goes to an asynchronous transform (the
 * ciphers of swcr_cipher.c and the AEADs of swcr_aead.c), and how many
 * completed from their callback.
 */
#include <linux/module.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include <ocf/compat.h>
#include "swcr.h"

/*
 * Where the SIMD code cannot run inline: below this size the synchronous
 * tfm, with no slab object and no trip through cryptd, is the cheaper
 * choice (a guess: that case is not benchmarked).
 */
static unsigned int swcr_async_min = 512;
module_param_named(async_min, swcr_async_min, uint, 0644);
MODULE_PARM_DESC(async_min,
		 "Smallest cipher or AEAD payload (bytes) for the asynchronous (SIMD) transform");

/*
 * Wrap each cipher and AEAD (see async_cryptd_aead) in cryptd() for the
 * asynchronous transform: every request from async_min bytes on then
 * completes from a cryptd worker (spreads work over CPUs; the tests use
 * it to reach the callback path).  Read when a session is created.
 */
static bool swcr_async_cryptd;
module_param_named(async_cryptd, swcr_async_cryptd, bool, 0644);
MODULE_PARM_DESC(async_cryptd,
		 "Run large cipher and AEAD requests through cryptd (new sessions)");

/*
 * Whether async_cryptd also forces AEADs through cryptd on this kernel
 * (include/ocf/compat.h: before 6.3 cryptd would rewrite our request).
 */
static bool swcr_async_cryptd_aead = OCF_CRYPTD_AEAD_SUBREQ;
module_param_named(async_cryptd_aead, swcr_async_cryptd_aead, bool, 0444);
MODULE_PARM_DESC(async_cryptd_aead,
		 "async_cryptd also applies to AEAD sessions on this kernel");

/* Requests that completed from the callback (read-only parameters). */
static atomic_long_t swcr_deferred[SWCR_ASYNC_KINDS];

static int swcr_deferred_get(char *buf, const struct kernel_param *kp)
{
	atomic_long_t *n = kp->arg;

	return sysfs_emit(buf, "%ld\n", atomic_long_read(n));
}

static const struct kernel_param_ops swcr_deferred_ops = {
	.get = swcr_deferred_get,
};
module_param_cb(async_deferred, &swcr_deferred_ops,
		&swcr_deferred[SWCR_ASYNC_CIPHER], 0444);
MODULE_PARM_DESC(async_deferred,
		 "Cipher requests completed from the asynchronous callback");
module_param_cb(async_deferred_aead, &swcr_deferred_ops,
		&swcr_deferred[SWCR_ASYNC_AEAD], 0444);
MODULE_PARM_DESC(async_deferred_aead,
		 "AEAD requests completed from the asynchronous callback");

bool swcr_async_use_cryptd(void)
{
	return READ_ONCE(swcr_async_cryptd);
}

bool swcr_async_cryptd_aead_ok(void)
{
	return swcr_async_cryptd_aead;
}

/*
 * The fast tfm pays from swcr_async_min bytes on.  Not in hard IRQ
 * context or with IRQs off: there the SIMD code is unusable and cryptd
 * would only add a trip through a worker.
 */
bool swcr_async_wanted(int len)
{
	return len > 0 && (unsigned int)len >= READ_ONCE(swcr_async_min) &&
	       !in_hardirq() && !irqs_disabled();
}

void swcr_async_count(enum swcr_async_kind kind)
{
	atomic_long_inc(&swcr_deferred[kind]);
}
