// SPDX-License-Identifier: GPL-2.0-only
/*
 * The page's sysctls under their BSD names (kern.usercrypto,
 * kern.userasymcrypto, kern.cryptodevallowsoft), the same variables
 * also being ocf.ko parameters.
 */
#include <linux/module.h>
#include <linux/sysctl.h>
#include <ocf/compat.h>
#include "ocf_internal.h"

/* Allow (1) or forbid (0) /dev/crypto. */
int crypto_usercrypto = 1;
EXPORT_SYMBOL_GPL(crypto_usercrypto);
module_param_named(usercrypto, crypto_usercrypto, int, 0644);
MODULE_PARM_DESC(usercrypto, "Allow /dev/crypto (kern.usercrypto)");

/* Allow (1) or forbid (0) keying operations through /dev/crypto. */
int crypto_userasymcrypto = 1;
EXPORT_SYMBOL_GPL(crypto_userasymcrypto);
module_param_named(userasymcrypto, crypto_userasymcrypto, int, 0644);
MODULE_PARM_DESC(userasymcrypto,
		 "Allow asymmetric /dev/crypto requests (kern.userasymcrypto)");

/*
 * < 0 software only, 0 hardware when present else software, > 0
 * hardware only (the page's tri-state).
 */
int crypto_devallowsoft;
EXPORT_SYMBOL_GPL(crypto_devallowsoft);
module_param_named(cryptodevallowsoft, crypto_devallowsoft, int, 0644);
MODULE_PARM_DESC(cryptodevallowsoft,
		 "<0 software only, 0 either, >0 hardware only (kern.cryptodevallowsoft)");

static int ocf_zero;
static int ocf_one = 1;

static struct ctl_table ocf_kern_table[] = {
	{
		.procname	= "usercrypto",
		.data		= &crypto_usercrypto,
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec_minmax,
		.extra1		= &ocf_zero,
		.extra2		= &ocf_one,
	},
	{
		.procname	= "userasymcrypto",
		.data		= &crypto_userasymcrypto,
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec_minmax,
		.extra1		= &ocf_zero,
		.extra2		= &ocf_one,
	},
	{
		.procname	= "cryptodevallowsoft",
		.data		= &crypto_devallowsoft,
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec,
	},
	OCF_CTL_TABLE_END
};

static struct ctl_table_header *ocf_sysctl_header;

int ocf_sysctl_init(void)
{
	ocf_sysctl_header = register_sysctl("kern", ocf_kern_table);
	return ocf_sysctl_header ? 0 : -ENOMEM;
}

void ocf_sysctl_exit(void)
{
	unregister_sysctl_table(ocf_sysctl_header);
}
