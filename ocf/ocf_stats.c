// SPDX-License-Identifier: GPL-2.0-only
/*
 * Statistics per driver and per (driver, algorithm), updated with
 * per-CPU counters on the completion path and summed when read.  Shown
 * as whitespace-separated tables with a header line in debugfs:
 *   /sys/kernel/debug/ocf/drivers   one line per driver
 *   /sys/kernel/debug/ocf/algs      one line per registered algorithm
 * (docs/statistics.md describes the columns; tools/cryptostats prints
 * them).
 */
#include <linux/debugfs.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include "ocf_internal.h"

/* The timed part of ocf_stats_account(): latencies and costs. */
void ocf_stats_timed(struct ocf_driver *drv, struct cryptop *crp,
		     bool in_call, u64 ns, u64 cost_ns, bool alone)
{
	bool learn = ocf_cost_learns(drv, crp, in_call);
	struct cryptodesc *crd;
	int n = 0;

	for (crd = crp->crp_desc; crd && n < OCF_MAX_DESC;
	     crd = crd->crd_next, n++) {
		int alg = crd->crd_alg;

		if (alg <= 0 || alg >= CRYPTO_ALGORITHM_LIMIT)
			continue;
		ocf_stat_time(drv->alg_stat + alg, ns);
		if (learn)
			ocf_cost_update(drv, alg, crd->crd_len, cost_ns, alone);
	}
	ocf_stat_time(drv->stat, ns);
}

/*
 * seq_file fops with only read_iter, so the tables can also be read
 * with kernel_read() (the in-kernel tests do).  Created "unsafe": debugfs
 * then installs these fops at open, and .owner pins the module.
 */
#define OCF_SHOW_FOPS(name)						\
static int name##_open(struct inode *inode, struct file *file)		\
{									\
	return single_open(file, name##_show, inode->i_private);	\
}									\
static const struct file_operations name##_fops = {			\
	.owner		= THIS_MODULE,					\
	.open		= name##_open,					\
	.read_iter	= seq_read_iter,				\
	.llseek		= seq_lseek,					\
	.release	= single_release,				\
}

static const char *const ocf_alg_names[CRYPTO_ALGORITHM_LIMIT] = {
	[CRYPTO_DES_CBC] = "des-cbc",
	[CRYPTO_3DES_CBC] = "3des-cbc",
	[CRYPTO_BLF_CBC] = "blowfish-cbc",
	[CRYPTO_CAST_CBC] = "cast128-cbc",
	[CRYPTO_SKIPJACK_CBC] = "skipjack-cbc",
	[CRYPTO_MD5_HMAC] = "hmac-md5",
	[CRYPTO_SHA1_HMAC] = "hmac-sha1",
	[CRYPTO_RIPEMD160_HMAC] = "hmac-ripemd160",
	[CRYPTO_MD5_KPDK] = "md5-kpdk",
	[CRYPTO_SHA1_KPDK] = "sha1-kpdk",
	[CRYPTO_AES_CBC] = "aes-cbc",
	[CRYPTO_ARC4] = "arc4",
	[CRYPTO_MD5] = "md5",
	[CRYPTO_SHA1] = "sha1",
	[CRYPTO_DEFLATE_COMP] = "deflate",
	[CRYPTO_NULL] = "null-cbc",
	[CRYPTO_LZS_COMP] = "lzs",
	[CRYPTO_SHA2_256_HMAC] = "hmac-sha256",
	[CRYPTO_SHA2_384_HMAC] = "hmac-sha384",
	[CRYPTO_SHA2_512_HMAC] = "hmac-sha512",
	[CRYPTO_AES_CTR] = "aes-ctr",
	[CRYPTO_AES_XTS] = "aes-xts",
	[CRYPTO_AES_ECB] = "aes-ecb",
	[CRYPTO_AES_CFB] = "aes-cfb",
	[CRYPTO_AES_OFB] = "aes-ofb",
	[CRYPTO_AES_GCM] = "aes-gcm",
	[CRYPTO_AES_CCM] = "aes-ccm",
	[CRYPTO_CAMELLIA_CBC] = "camellia-cbc",
	[CRYPTO_RIPEMD160] = "ripemd160",
	[CRYPTO_SHA2_224] = "sha224",
	[CRYPTO_SHA2_256] = "sha256",
	[CRYPTO_SHA2_384] = "sha384",
	[CRYPTO_SHA2_512] = "sha512",
	[CRYPTO_SHA2_224_HMAC] = "hmac-sha224",
	[CRYPTO_TLS11_AES_CBC_HMAC_SHA1] = "tls11-aes-cbc-hmac-sha1",
	[CRYPTO_TLS12_AES_CBC_HMAC_SHA256] = "tls12-aes-cbc-hmac-sha256",
	[CRYPTO_NULL_HMAC] = "hmac-null",
	[CRYPTO_MD5_HMAC_96] = "hmac-md5-96",
	[CRYPTO_SHA1_HMAC_96] = "hmac-sha1-96",
	[CRYPTO_RIPEMD160_HMAC_96] = "hmac-ripemd160-96",
	[CRYPTO_AES_XCBC_MAC_96] = "aes-xcbc-mac-96",
	[CRYPTO_AES_GMAC] = "aes-gmac",
	[CRYPTO_AES_128_GMAC] = "aes-128-gmac",
	[CRYPTO_AES_192_GMAC] = "aes-192-gmac",
	[CRYPTO_AES_256_GMAC] = "aes-256-gmac",
	[CRYPTO_DEFLATE_COMP_NOGROW] = "deflate-nogrow",
	[CRYPTO_GZIP_COMP] = "gzip",
	[CRYPTO_AES_CCM_CBC_MAC] = "aes-ccm-cbc-mac",
};

const char *ocf_alg_name(int alg)
{
	if (alg > 0 && alg < CRYPTO_ALGORITHM_LIMIT && ocf_alg_names[alg])
		return ocf_alg_names[alg];
	return NULL;
}

/* A request failed before reaching @drv (its queue was full). */
void ocf_stats_error(struct ocf_driver *drv, struct cryptop *crp)
{
	this_cpu_inc(drv->stat->errors);
}

static void ocf_stat_sum(struct ocf_stat __percpu *st, struct ocf_stat *sum)
{
	int cpu;

	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		struct ocf_stat *s = per_cpu_ptr(st, cpu);

		sum->requests += READ_ONCE(s->requests);
		sum->errors += READ_ONCE(s->errors);
		sum->bytes += READ_ONCE(s->bytes);
		sum->lat_n += READ_ONCE(s->lat_n);
		sum->lat_sum_ns += READ_ONCE(s->lat_sum_ns);
		sum->lat_max_ns = max(sum->lat_max_ns, READ_ONCE(s->lat_max_ns));
	}
}

static u64 ocf_mean(const struct ocf_stat *s)
{
	return s->lat_n ? div64_u64(s->lat_sum_ns, s->lat_n) : 0;
}

static void ocf_flags_str(u32 flags, char *buf)
{
	snprintf(buf, 16, "%s%s", flags & CRYPTOCAP_F_HARDWARE ? "hw" : "sw",
		 flags & CRYPTOCAP_F_SYNC ? ",sync" : "");
}

static int ocf_drivers_show(struct seq_file *m, void *v)
{
	struct ocf_driver *drv;
	struct ocf_stat s;
	char fl[16];
	int id;

	seq_puts(m, "id name flags sessions requests bytes errors blocks queued queue_peak latency_mean_ns latency_max_ns migrations kreqs kerrors probes overflow\n");
	rcu_read_lock();
	for (id = 1; id <= OCF_MAX_DRIVERS; id++) {
		drv = rcu_dereference(ocf_drivers[id]);
		if (!drv || READ_ONCE(drv->dying))
			continue;
		ocf_stat_sum(drv->stat, &s);
		ocf_flags_str(drv->flags, fl);
		seq_printf(m, "%u %s %s %d %llu %llu %llu %lld %d %d %llu %llu %lld %lld %lld %lld %lld\n",
			   drv->id, drv->name, fl,
			   atomic_read(&drv->sessions), s.requests, s.bytes,
			   s.errors, (s64)atomic64_read(&drv->blocks),
			   READ_ONCE(drv->symq_len) + READ_ONCE(drv->asymq_len),
			   READ_ONCE(drv->symq_max_seen), ocf_mean(&s),
			   s.lat_max_ns,
			   (s64)atomic64_read(&drv->migrations),
			   (s64)atomic64_read(&drv->kreqs),
			   (s64)atomic64_read(&drv->kerrors),
			   (s64)atomic64_read(&drv->probes),
			   (s64)atomic64_read(&drv->overflows));
	}
	rcu_read_unlock();
	return 0;
}

OCF_SHOW_FOPS(ocf_drivers);

static int ocf_algs_show(struct seq_file *m, void *v)
{
	struct ocf_driver *drv;
	struct ocf_stat s;
	int id, alg, c;

	seq_puts(m, "id driver alg name sessions requests bytes errors latency_mean_ns latency_max_ns migrations cost_64 cost_256 cost_1k cost_4k cost_16k cost_64k cost_big\n");
	rcu_read_lock();
	for (id = 1; id <= OCF_MAX_DRIVERS; id++) {
		drv = rcu_dereference(ocf_drivers[id]);
		if (!drv || READ_ONCE(drv->dying))
			continue;
		for (alg = 1; alg < CRYPTO_ALGORITHM_LIMIT; alg++) {
			const char *name = ocf_alg_name(alg);

			ocf_stat_sum(drv->alg_stat + alg, &s);
			if (!READ_ONCE(drv->algs[alg].supported) &&
			    !s.requests)
				continue;
			if (name)
				seq_printf(m, "%u %s %d %s", drv->id,
					   drv->name, alg, name);
			else
				seq_printf(m, "%u %s %d alg%d", drv->id,
					   drv->name, alg, alg);
			seq_printf(m, " %d %llu %llu %llu %llu %llu %d",
				   atomic_read(&drv->alg_sessions[alg]),
				   s.requests, s.bytes, s.errors, ocf_mean(&s),
				   s.lat_max_ns,
				   atomic_read(&drv->alg_migrations[alg]));
			for (c = 0; c < OCF_NCLASS; c++)
				seq_printf(m, " %u", READ_ONCE(drv->cost[alg][c]));
			seq_putc(m, '\n');
		}
	}
	rcu_read_unlock();
	return 0;
}

OCF_SHOW_FOPS(ocf_algs);

static struct dentry *ocf_debugfs;

void ocf_stats_init(void)
{
	ocf_debugfs = debugfs_create_dir("ocf", NULL);
	debugfs_create_file_unsafe("drivers", 0444, ocf_debugfs, NULL,
				   &ocf_drivers_fops);
	debugfs_create_file_unsafe("algs", 0444, ocf_debugfs, NULL,
				   &ocf_algs_fops);
}

void ocf_stats_exit(void)
{
	debugfs_remove_recursive(ocf_debugfs);
}
