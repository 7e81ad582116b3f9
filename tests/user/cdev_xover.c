// SPDX-License-Identifier: GPL-2.0-only
/*
 * cdev_xover: measures where pinning the user's pages beats copying, to
 * choose cryptodev.ko's copy_max.  For each size it times AES-CBC and
 * SHA-256 through the copy (COP_FLAG_NO_ZC) and through the pinned path
 * (copy_max set to 0 for the run), interleaved so drift hits both alike.
 * Needs root (writes /sys/module/cryptodev/parameters/copy_max, restored
 * after).  Not a pass/fail test: one KTAP result that the run completed.
 */
#include <time.h>
#include "cdev_test.h"

#define PARAM "/sys/module/cryptodev/parameters/copy_max"

static int set_copy_max(unsigned int v)
{
	FILE *f = fopen(PARAM, "w");

	if (!f)
		return -1;
	fprintf(f, "%u\n", v);
	return fclose(f);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Operations per second over ~0.1 s. */
static double rate(int fd, uint32_t ses, int hash, int flags, uint8_t *buf,
		   uint32_t len)
{
	uint8_t iv[16] = { 0 }, mac[64];
	double t0 = now(), t;
	long n = 0;

	do {
		int i;

		for (i = 0; i < 16; i++)
			if (do_crypt(fd, ses, COP_ENCRYPT, flags, buf,
				     hash ? NULL : buf, len, hash ? NULL : iv,
				     hash ? mac : NULL))
				return -1;
		n += 16;
		t = now() - t0;
	} while (t < 0.1);
	return n / t;
}

int main(void)
{
	static const uint32_t sizes[] = { 64, 256, 1024, 2048, 4096, 8192,
					  16384, 65536 };
	uint8_t key[16] = { 1 }, *buf;
	unsigned int old = 4096, i, r;
	uint32_t aes, sha;
	FILE *f;
	int fd = cdev_open_or_skip();

	f = fopen(PARAM, "r");
	if (!f || fscanf(f, "%u", &old) != 1)
		ktap_skip_all("cannot read " PARAM);
	fclose(f);
	if (set_copy_max(old))
		ktap_skip_all("cannot write " PARAM " (root needed)");
	if (ses_new(fd, CRYPTO_AES_CBC, key, 16, 0, NULL, 0, &aes) ||
	    ses_new(fd, 0, NULL, 0, CRYPTO_SHA2_256, NULL, 0, &sha))
		ktap_skip_all("no AES-CBC or SHA-256 session");
	buf = xmalloc(65536 + 64);
	memset(buf, 7, 65536);
	ktap_plan(1);
	ktap_diag("size  aes-copy/s  aes-pin/s  ratio  sha-copy/s  sha-pin/s  ratio");
	for (i = 0; i < ARRAY_LEN(sizes); i++) {
		double c[2] = { 0, 0 }, p[2] = { 0, 0 };
		int h;

		for (r = 0; r < 3; r++)
			for (h = 0; h < 2; h++) {
				uint32_t s = h ? sha : aes;

				set_copy_max(old);
				c[h] += rate(fd, s, h, COP_FLAG_NO_ZC, buf + 1,
					     sizes[i]);
				set_copy_max(0);
				p[h] += rate(fd, s, h, 0, buf + 1, sizes[i]);
			}
		ktap_diag("%5u %10.0f %10.0f %6.2f %10.0f %10.0f %6.2f",
			  sizes[i], c[0] / 3, p[0] / 3, p[0] / c[0],
			  c[1] / 3, p[1] / 3, p[1] / c[1]);
	}
	set_copy_max(old);
	check(1, "copy vs pin crossover measured (copy_max restored to %u)",
	      old);
	return ktap_exit();
}
