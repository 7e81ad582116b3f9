// SPDX-License-Identifier: GPL-2.0-only
/*
 * virtio_cdev_load NPROC STOPFILE [DRIVER]: /dev/crypto load on an OCF
 * driver (virtio-crypto0 unless named), for the hot-unplug and hand-over
 * tests.  NPROC processes each open /dev/crypto, make an AES-CBC session
 * on that driver (CIOCFINDDEV, CIOCGSESSION2) and encrypt then decrypt
 * random buffers until STOPFILE
 * exists; every round trip must give the plaintext back, and the first
 * encryption must match NIST SP 800-38A F.2.1.  KTAP on stdout; exit 0
 * pass, 1 fail, 4 skip.
 *
 * A userland program kept beside the in-kernel test that drives it:
 * built by tests/user/Makefile.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <crypto/cryptodev.h>

struct counts {
	long	ops;
	long	bad;		/* round trip or known answer wrong */
	long	failed;		/* ioctl error other than EAGAIN */
	long	eagain;		/* EAGAIN reached userland (retried) */
	int	first_errno;
	int	setup;		/* 0 ok, else errno of the setup step */
};

/* NIST SP 800-38A F.2.1 CBC-AES128.Encrypt, first block. */
static const uint8_t kat_key[16] = {
	0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
	0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c,
};
static const uint8_t kat_iv[16] = {
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
	0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
};
static const uint8_t kat_pt[16] = {
	0x6b, 0xc1, 0xbe, 0xe2, 0x2e, 0x40, 0x9f, 0x96,
	0xe9, 0x3d, 0x7e, 0x11, 0x73, 0x93, 0x17, 0x2a,
};
static const uint8_t kat_ct[16] = {
	0x76, 0x49, 0xab, 0xac, 0x81, 0x19, 0xb2, 0x46,
	0xce, 0xe9, 0x8e, 0x9b, 0x12, 0xe9, 0x19, 0x7d,
};

/* The OCF driver the sessions are made on (CIOCFINDDEV name). */
static const char *driver = "virtio-crypto0";

/* One CIOCCRYPT; EAGAIN is counted and retried. */
static int do_crypt(int fd, struct counts *c, uint32_t ses, int op,
		 const uint8_t *src, uint8_t *dst, uint32_t len,
		 const uint8_t *iv)
{
	struct crypt_op cop;
	uint8_t ivc[16];
	int tries;

	for (tries = 0; tries < 100; tries++) {
		memcpy(ivc, iv, 16);
		memset(&cop, 0, sizeof(cop));
		cop.ses = ses;
		cop.op = op;
		cop.len = len;
		cop.src = (uint8_t *)src;
		cop.dst = dst;
		cop.iv = ivc;
		if (!ioctl(fd, CIOCCRYPT, &cop))
			return 0;
		if (errno != EAGAIN)
			break;
		c->eagain++;
	}
	c->failed++;
	if (!c->first_errno)
		c->first_errno = errno;
	return -1;
}

static void worker(struct counts *c, const char *stop, unsigned int seed)
{
	struct crypt_find_op find;
	struct session2_op sop;
	uint8_t iv[16], *pt, *ct, *back;
	int fd, i;

	srand(seed);
	if (strlen(driver) >= sizeof(find.name)) {
		c->setup = ENAMETOOLONG;
		return;
	}
	pt = malloc(8192);
	ct = malloc(8192);
	back = malloc(8192);
	fd = open("/dev/crypto", O_RDWR);
	if (fd < 0 || !pt || !ct || !back) {
		c->setup = errno ? errno : ENOMEM;
		return;
	}
	memset(&find, 0, sizeof(find));
	find.crid = -1;
	snprintf(find.name, sizeof(find.name), "%s", driver);
	if (ioctl(fd, CIOCFINDDEV, &find)) {
		c->setup = errno;
		return;
	}
	memset(&sop, 0, sizeof(sop));
	sop.cipher = CRYPTO_AES_CBC;
	sop.keylen = 16;
	sop.key = (uint8_t *)kat_key;
	sop.crid = find.crid;
	if (ioctl(fd, CIOCGSESSION2, &sop)) {
		c->setup = errno;
		return;
	}
	if (!do_crypt(fd, c, sop.ses, COP_ENCRYPT, kat_pt, ct, 16, kat_iv) &&
	    memcmp(ct, kat_ct, 16))
		c->bad++;
	while (access(stop, F_OK)) {
		uint32_t len = 16 * (1 + rand() % 512);

		for (i = 0; i < (int)len; i++)
			pt[i] = rand();
		for (i = 0; i < 16; i++)
			iv[i] = rand();
		if (do_crypt(fd, c, sop.ses, COP_ENCRYPT, pt, ct, len, iv) ||
		    do_crypt(fd, c, sop.ses, COP_DECRYPT, ct, back, len, iv))
			continue;
		c->ops++;
		if (memcmp(back, pt, len) || !memcmp(ct, pt, len))
			c->bad++;
	}
	ioctl(fd, CIOCFSESSION, &sop.ses);
	close(fd);
}

int main(int argc, char **argv)
{
	struct counts *c, sum = { 0 };
	int nproc, i, setup_err = 0;

	nproc = argc == 3 || argc == 4 ? atoi(argv[1]) : 0;
	if (argc == 4)
		driver = argv[3];
	if (nproc < 1 || nproc > 64) {
		fprintf(stderr, "usage: %s NPROC STOPFILE [DRIVER]\n",
			argv[0]);
		return 2;
	}
	c = mmap(NULL, nproc * sizeof(*c), PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (c == MAP_FAILED)
		return 1;
	memset(c, 0, nproc * sizeof(*c));
	for (i = 0; i < nproc; i++) {
		pid_t pid = fork();

		if (pid == 0) {
			worker(&c[i], argv[2], (unsigned int)time(NULL) + i);
			_exit(0);
		}
	}
	while (wait(NULL) > 0)
		;
	for (i = 0; i < nproc; i++) {
		sum.ops += c[i].ops;
		sum.bad += c[i].bad;
		sum.failed += c[i].failed;
		sum.eagain += c[i].eagain;
		if (!sum.first_errno)
			sum.first_errno = c[i].first_errno;
		if (c[i].setup && !setup_err)
			setup_err = c[i].setup;
	}
	printf("KTAP version 1\n");
	if (setup_err == ENOENT || setup_err == ENODEV) {
		printf("1..0 # SKIP no %s or /dev/crypto (%s)\n", driver,
		       strerror(setup_err));
		return 4;
	}
	printf("1..4\n");
	printf("# %d processes: %ld round trips, %ld wrong, %ld failed (first errno %d), %ld EAGAIN seen\n",
	       nproc, sum.ops, sum.bad, sum.failed, sum.first_errno,
	       sum.eagain);
	printf("%s 1 sessions_on_%s\n", setup_err ? "not ok" : "ok", driver);
	printf("%s 2 every_round_trip_correct\n",
	       sum.ops > 0 && !sum.bad ? "ok" : "not ok");
	printf("%s 3 no_ioctl_failed\n", sum.failed ? "not ok" : "ok");
	printf("%s 4 no_eagain_reached_userland\n",
	       sum.eagain ? "not ok" : "ok");
	return setup_err || !sum.ops || sum.bad || sum.failed || sum.eagain;
}
