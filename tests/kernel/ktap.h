/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A small KTAP emitter for in-kernel test modules.
 *
 * A test module runs its cases from module_init, records each result
 * here, and leaves the KTAP text readable at
 * /sys/kernel/debug/ocf_test/<suite> until it is unloaded.  The VM
 * harness reads that file; `init` returns 0 even when cases fail, so a
 * failure is reported and not retried by insmod.
 */
#ifndef _OCF_TESTS_KTAP_H
#define _OCF_TESTS_KTAP_H

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#define KTAP_BUF_SIZE	(256 * 1024)

struct ktap_suite {
	const char	*name;
	char		*buf;
	size_t		len;
	int		count;
	int		failed;
	int		skipped;
	bool		truncated;
	struct dentry	*dir;
	struct dentry	*file;
	struct debugfs_blob_wrapper blob;
};

static inline __printf(2, 3)
void ktap_printf(struct ktap_suite *s, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!s->buf || s->len >= KTAP_BUF_SIZE - 1) {
		s->truncated = true;
		return;
	}
	va_start(ap, fmt);
	n = vsnprintf(s->buf + s->len, KTAP_BUF_SIZE - s->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (s->len + n >= KTAP_BUF_SIZE) {
		s->len = KTAP_BUF_SIZE - 1;
		s->truncated = true;
	} else {
		s->len += n;
	}
}

/* Start a suite; `planned` is the number of results to come. */
static inline int ktap_start(struct ktap_suite *s, const char *name,
			     int planned)
{
	memset(s, 0, sizeof(*s));
	s->name = name;
	s->buf = vzalloc(KTAP_BUF_SIZE);
	if (!s->buf)
		return -ENOMEM;
	ktap_printf(s, "KTAP version 1\n1..%d\n", planned);
	return 0;
}

/* A diagnostic line, shown with the results. */
#define ktap_diag(s, fmt, ...) ktap_printf(s, "# " fmt "\n", ##__VA_ARGS__)

static inline void ktap_result(struct ktap_suite *s, bool ok,
			       const char *case_name)
{
	s->count++;
	if (!ok)
		s->failed++;
	ktap_printf(s, "%s %d %s\n", ok ? "ok" : "not ok", s->count,
		    case_name);
	if (!ok)
		pr_err("ocf_test %s: FAILED %s\n", s->name, case_name);
}

static inline void ktap_skip(struct ktap_suite *s, const char *case_name,
			     const char *reason)
{
	s->count++;
	s->skipped++;
	ktap_printf(s, "ok %d %s # SKIP %s\n", s->count, case_name, reason);
}

/* Publish the results in debugfs; call once all cases have run. */
static inline void ktap_finish(struct ktap_suite *s)
{
	ktap_printf(s, "# %s: %d cases, %d failed, %d skipped%s\n", s->name,
		    s->count, s->failed, s->skipped,
		    s->truncated ? " (output truncated)" : "");
	s->blob.data = s->buf;
	s->blob.size = s->len;
	s->dir = debugfs_lookup("ocf_test", NULL);
	if (!s->dir)
		s->dir = debugfs_create_dir("ocf_test", NULL);
	else
		dput(s->dir);
	s->file = debugfs_create_blob(s->name, 0444, s->dir, &s->blob);
}

/* Remove the results; call from module_exit. */
static inline void ktap_release(struct ktap_suite *s)
{
	debugfs_remove(s->file);
	vfree(s->buf);
	s->buf = NULL;
}

#endif /* _OCF_TESTS_KTAP_H */
