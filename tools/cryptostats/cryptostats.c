// SPDX-License-Identifier: GPL-2.0-only
/*
 * cryptostats: print the OCF framework's statistics as tables.
 *
 * Reads the tables ocf.ko publishes in debugfs (docs/statistics.md):
 *   <dir>/drivers   one row per driver
 *   <dir>/algs      one row per (driver, algorithm)
 * and prints them with human units.  Needs debugfs mounted (root).
 *
 *   cryptostats [-d DIR] [-a] [-c] [-z]
 *     -d DIR  statistics directory (default /sys/kernel/debug/ocf)
 *     -a      only the per-algorithm table
 *     -c      add the per-size-class cost estimates to that table
 *     -z      also show algorithms that have seen no request
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAXCOLS	32
#define MAXROWS	4096

struct table {
	int	ncols, nrows;
	char	*head[MAXCOLS];
	char	*cell[MAXROWS][MAXCOLS];
	char	*text;
};

enum kind { TEXT, NUM, BYTES, NSEC, COST };

struct column {
	const char	*name;	/* column in the kernel's table */
	const char	*title;
	enum kind	kind;
	int		width;	/* negative: left-aligned */
};

static int split(char *line, char **out, int max)
{
	int n = 0;
	char *tok, *save = NULL;

	for (tok = strtok_r(line, " \t", &save); tok && n < max;
	     tok = strtok_r(NULL, " \t", &save))
		out[n++] = tok;
	return n;
}

static int load(const char *dir, const char *file, struct table *t)
{
	char path[4096];
	size_t len = 0, cap = 65536;
	char *line, *save = NULL;
	FILE *f;

	memset(t, 0, sizeof(*t));
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "cryptostats: %s: %s%s\n", path, strerror(errno),
			errno == ENOENT ?
			" (is ocf.ko loaded and debugfs mounted?)" : "");
		return -1;
	}
	t->text = malloc(cap + 1);
	while (t->text) {
		size_t n = fread(t->text + len, 1, cap - len, f);

		len += n;
		if (len < cap)
			break;
		cap *= 2;
		t->text = realloc(t->text, cap + 1);
	}
	fclose(f);
	if (!t->text)
		return -1;
	t->text[len] = 0;
	line = strtok_r(t->text, "\n", &save);
	if (!line)
		return -1;
	t->ncols = split(line, t->head, MAXCOLS);
	while ((line = strtok_r(NULL, "\n", &save)) && t->nrows < MAXROWS) {
		memset(t->cell[t->nrows], 0, sizeof(t->cell[0]));
		if (split(line, t->cell[t->nrows], MAXCOLS) == t->ncols)
			t->nrows++;
	}
	return 0;
}

static const char *get(const struct table *t, int row, const char *name)
{
	int c;

	for (c = 0; c < t->ncols; c++)
		if (!strcmp(t->head[c], name))
			return t->cell[row][c];
	return NULL;
}

static void human(char *buf, size_t len, const char *v, enum kind kind)
{
	static const char *const bunits[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	static const char *const tunits[] = { "ns", "us", "ms", "s" };
	double x = strtod(v, NULL);
	int u = 0;

	if (kind == COST && x == 0) {
		snprintf(buf, len, "-");	/* not measured yet */
		return;
	}
	switch (kind) {
	case BYTES:
		while (x >= 1024 && u < 4) {
			x /= 1024;
			u++;
		}
		snprintf(buf, len, u ? "%.1f %s" : "%.0f %s", x, bunits[u]);
		break;
	case NSEC:
	case COST:
		while (x >= 1000 && u < 3) {
			x /= 1000;
			u++;
		}
		snprintf(buf, len, u ? "%.1f %s" : "%.0f %s", x, tunits[u]);
		break;
	default:
		snprintf(buf, len, "%s", v);
	}
}

static void print(const struct table *t, const struct column *cols, int n,
		  int (*keep)(const struct table *, int))
{
	char buf[64];
	int r, c;

	for (c = 0; c < n; c++)
		printf("%*s%s", cols[c].width, cols[c].title,
		       c + 1 < n ? " " : "\n");
	for (r = 0; r < t->nrows; r++) {
		if (keep && !keep(t, r))
			continue;
		for (c = 0; c < n; c++) {
			const char *v = get(t, r, cols[c].name);

			human(buf, sizeof(buf), v ? v : "-", v ? cols[c].kind : TEXT);
			printf("%*s%s", cols[c].width, buf, c + 1 < n ? " " : "\n");
		}
	}
}

static const struct column driver_cols[] = {
	{ "id", "ID", NUM, 3 },
	{ "name", "DRIVER", TEXT, -16 },
	{ "flags", "FLAGS", TEXT, -7 },
	{ "sessions", "SESS", NUM, 6 },
	{ "requests", "REQUESTS", NUM, 10 },
	{ "bytes", "BYTES", BYTES, 10 },
	{ "errors", "ERRORS", NUM, 7 },
	{ "blocks", "BLOCKS", NUM, 6 },
	{ "queued", "QUEUED", NUM, 6 },
	{ "queue_peak", "QPEAK", NUM, 5 },
	{ "latency_mean_ns", "LAT-MEAN", NSEC, 9 },
	{ "latency_max_ns", "LAT-MAX", NSEC, 9 },
	{ "migrations", "MIGR", NUM, 5 },
	{ "kreqs", "KREQS", NUM, 6 },
};

static const struct column alg_cols[] = {
	{ "driver", "DRIVER", TEXT, -16 },
	{ "name", "ALGORITHM", TEXT, -18 },
	{ "sessions", "SESS", NUM, 6 },
	{ "requests", "REQUESTS", NUM, 10 },
	{ "bytes", "BYTES", BYTES, 10 },
	{ "errors", "ERRORS", NUM, 7 },
	{ "latency_mean_ns", "LAT-MEAN", NSEC, 9 },
	{ "latency_max_ns", "LAT-MAX", NSEC, 9 },
	{ "migrations", "MIGR", NUM, 5 },
	{ "cost_64", "C<=64", COST, 8 },
	{ "cost_256", "C<=256", COST, 8 },
	{ "cost_1k", "C<=1K", COST, 8 },
	{ "cost_4k", "C<=4K", COST, 8 },
	{ "cost_16k", "C<=16K", COST, 8 },
	{ "cost_64k", "C<=64K", COST, 8 },
	{ "cost_big", "C>64K", COST, 8 },
};

static int show_idle;

static int alg_used(const struct table *t, int row)
{
	const char *v = get(t, row, "requests");
	const char *s = get(t, row, "sessions");

	return show_idle || (v && strcmp(v, "0")) || (s && strcmp(s, "0"));
}

int main(int argc, char **argv)
{
	const char *dir = "/sys/kernel/debug/ocf";
	static struct table t;
	int opt, only_algs = 0, costs = 0, rc = 0;

	while ((opt = getopt(argc, argv, "d:aczh")) != -1) {
		switch (opt) {
		case 'd':
			dir = optarg;
			break;
		case 'a':
			only_algs = 1;
			break;
		case 'c':
			costs = 1;
			break;
		case 'z':
			show_idle = 1;
			break;
		default:
			fprintf(stderr,
				"usage: %s [-d DIR] [-a] [-c] [-z]\n", argv[0]);
			return opt == 'h' ? 0 : 2;
		}
	}
	if (!only_algs) {
		if (load(dir, "drivers", &t))
			return 1;
		print(&t, driver_cols, sizeof(driver_cols) / sizeof(driver_cols[0]),
		      NULL);
		free(t.text);
		printf("\n");
	}
	if (load(dir, "algs", &t))
		return 1;
	print(&t, alg_cols, costs ? 16 : 9, alg_used);
	free(t.text);
	return rc;
}
