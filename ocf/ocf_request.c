// SPDX-License-Identifier: GPL-2.0-only
/* crypto_getreq()/crypto_freereq(): a request and its descriptors. */
#include <linux/module.h>
#include <linux/slab.h>
#include "ocf_internal.h"

/*
 * The request and its descriptors are one allocation, so crypto_freereq()
 * frees exactly what was allocated even if the consumer relinked the
 * chain.  Usable from any context.
 */
struct cryptop *crypto_getreq(int num)
{
	gfp_t gfp = (in_task() && preemptible()) ? GFP_KERNEL : GFP_ATOMIC;
	struct cryptodesc *crd;
	struct cryptop *crp;
	int i;

	if (num < 0 || num > OCF_MAX_DESC)
		return NULL;
	crp = kzalloc(sizeof(*crp) + num * sizeof(*crd), gfp);
	if (!crp)
		return NULL;
	INIT_LIST_HEAD(&crp->crp_next);
	INIT_LIST_HEAD(&crp->crp_priv.link);
	crd = (struct cryptodesc *)(crp + 1);
	for (i = 0; i < num; i++)
		crd[i].crd_next = i + 1 < num ? &crd[i + 1] : NULL;
	crp->crp_desc = num ? crd : NULL;
	return crp;
}
EXPORT_SYMBOL_GPL(crypto_getreq);

void crypto_freereq(struct cryptop *crp)
{
	/* Descriptors may carry explicit keys and IVs. */
	kfree_sensitive(crp);
}
EXPORT_SYMBOL_GPL(crypto_freereq);
