/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A small KTAP emitter for the userland tests (kselftest conventions:
 * KTAP on stdout, exit 0 when all passed, 1 on a failure, 4 when the
 * whole program was skipped).
 */
#ifndef OCF_TESTS_USER_KTAP_H
#define OCF_TESTS_USER_KTAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#define KTAP_EXIT_PASS	0
#define KTAP_EXIT_FAIL	1
#define KTAP_EXIT_SKIP	4

static int ktap_count, ktap_failed, ktap_skipped;

static inline void ktap_plan(int planned)
{
	printf("KTAP version 1\n1..%d\n", planned);
	fflush(stdout);
}

static inline __attribute__((format(printf, 1, 2)))
void ktap_diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	fflush(stdout);
}

static inline void ktap_result(int ok, const char *name)
{
	ktap_count++;
	if (!ok)
		ktap_failed++;
	printf("%s %d %s\n", ok ? "ok" : "not ok", ktap_count, name);
	fflush(stdout);
}

static inline void ktap_skip(const char *name, const char *reason)
{
	ktap_count++;
	ktap_skipped++;
	printf("ok %d %s # SKIP %s\n", ktap_count, name, reason);
	fflush(stdout);
}

/* Skip the whole program before any plan line. */
static inline void ktap_skip_all(const char *reason)
{
	printf("KTAP version 1\n1..0 # SKIP %s\n", reason);
	exit(KTAP_EXIT_SKIP);
}

static inline int ktap_exit(void)
{
	printf("# totals: %d pass, %d fail, %d skip\n",
	       ktap_count - ktap_failed - ktap_skipped, ktap_failed,
	       ktap_skipped);
	exit(ktap_failed ? KTAP_EXIT_FAIL : KTAP_EXIT_PASS);
}

#endif
