// SPDX-License-Identifier: GPL-2.0-only
/* ocf.ko: module set-up and tear-down of the framework core. */
#include <linux/module.h>
#include "ocf_internal.h"

static int __init ocf_init(void)
{
	int err;

	ocf_wq = alloc_workqueue("ocf", WQ_UNBOUND, 0);
	if (!ocf_wq)
		return -ENOMEM;
	err = ocf_done_init();
	if (err)
		goto fail_wq;
	err = ocf_sessions_init();
	if (err)
		goto fail_done;
	err = ocf_sysctl_init();
	if (err)
		goto fail_ses;
	ocf_stats_init();
	return 0;

fail_ses:
	ocf_sessions_exit();
fail_done:
	ocf_done_exit();
fail_wq:
	destroy_workqueue(ocf_wq);
	return err;
}

static void __exit ocf_exit(void)
{
	ocf_stats_exit();
	ocf_sysctl_exit();
	/* Drivers and consumers depend on us: all are gone by now. */
	flush_workqueue(ocf_wq);
	ocf_done_exit();
	ocf_sessions_exit();
	destroy_workqueue(ocf_wq);
	rcu_barrier();
}

module_init(ocf_init);
module_exit(ocf_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("OpenCrypto Framework: the opencrypto(9) kernel API");
