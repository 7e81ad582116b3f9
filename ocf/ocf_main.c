// SPDX-License-Identifier: GPL-2.0-only
/* Placeholder module body until the framework core lands. */
#include <linux/module.h>
#include <opencrypto/cryptodev.h>

static int __init ocf_init(void)
{
	return 0;
}

static void __exit ocf_exit(void)
{
}

module_init(ocf_init);
module_exit(ocf_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("OpenCrypto Framework");
