/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the /dev/crypto tests: KTAP with formatted names,
 * ioctl wrappers returning -errno, session set-up, test data.
 */
#ifndef OCF_TESTS_CDEV_TEST_H
#define OCF_TESTS_CDEV_TEST_H

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <crypto/cryptodev.h>
#include "ktap.h"

#define ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))

/* 32-bit builds exercise the kernel's compat_ioctl path. */
#if defined(__i386__)
#define CDEV_BITS	"32"
#else
#define CDEV_BITS	"64"
#endif

static inline __attribute__((format(printf, 2, 3)))
int check(int ok, const char *fmt, ...)
{
	char name[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	ktap_result(ok, name);
	return ok;
}

static inline __attribute__((format(printf, 2, 3)))
void skip(const char *reason, const char *fmt, ...)
{
	char name[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	ktap_skip(name, reason);
}

/* Write v to a sysfs or procfs file: 1 when all of it was taken. */
static inline int write_file(const char *path, const char *v)
{
	int f = open(path, O_WRONLY), ok;

	if (f < 0)
		return 0;
	ok = write(f, v, strlen(v)) == (ssize_t)strlen(v);
	close(f);
	return ok;
}

/* Read a sysfs or procfs file into buf, NUL-terminated: 1 on success. */
static inline int read_file(const char *path, char *buf, size_t n)
{
	int f = open(path, O_RDONLY);
	ssize_t r;

	if (f < 0)
		return 0;
	r = read(f, buf, n - 1);
	close(f);
	if (r <= 0)
		return 0;
	buf[r] = 0;
	return 1;
}

/* A cryptodev.ko module parameter, or dflt when it cannot be read. */
static inline unsigned int param(const char *name, unsigned int dflt)
{
	char path[128], buf[32];
	FILE *f;

	snprintf(path, sizeof(path), "/sys/module/cryptodev/parameters/%s",
		 name);
	f = fopen(path, "r");
	if (!f)
		return dflt;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = 0;
	fclose(f);
	return buf[0] ? strtoul(buf, NULL, 10) : dflt;
}

/* ioctl returning 0 or -errno. */
static inline int xioctl(int fd, unsigned long req, void *arg)
{
	return ioctl(fd, req, arg) == 0 ? 0 : -errno;
}

/* Open /dev/crypto, or skip the whole program (before the plan). */
static inline int cdev_open_or_skip(void)
{
	int fd = open("/dev/crypto", O_RDWR);
	char why[128];

	if (fd < 0) {
		snprintf(why, sizeof(why), "cannot open /dev/crypto: %s",
			 strerror(errno));
		ktap_skip_all(why);
	}
	return fd;
}

static inline int cdev_open(void)
{
	return open("/dev/crypto", O_RDWR);
}

/* Create a session; returns 0 or -errno, the id in *ses. */
static inline int ses_new(int fd, uint32_t cipher, const void *key,
			  uint32_t klen, uint32_t mac, const void *mkey,
			  uint32_t mklen, uint32_t *ses)
{
	struct session_op s;
	int err;

	memset(&s, 0, sizeof(s));
	s.cipher = cipher;
	s.keylen = klen;
	s.key = (__u8 *)key;
	s.mac = mac;
	s.mackeylen = mklen;
	s.mackey = (__u8 *)mkey;
	err = xioctl(fd, CIOCGSESSION, &s);
	*ses = s.ses;
	return err;
}

/*
 * A cipher session with CIOCGSESSION2 on driver id or class crid (0:
 * either class, since a crid of 0 would name driver 0); 0 or -errno.
 */
static inline int ses_new_crid(int fd, uint32_t cipher, const void *key,
			       uint32_t klen, int crid, uint32_t *ses)
{
	struct session2_op s;
	int err;

	memset(&s, 0, sizeof(s));
	s.cipher = cipher;
	s.keylen = klen;
	s.key = (__u8 *)key;
	s.crid = crid ? crid : CRYPTOCAP_F_HARDWARE | CRYPTOCAP_F_SOFTWARE;
	err = xioctl(fd, CIOCGSESSION2, &s);
	*ses = s.ses;
	return err;
}

static inline int ses_free(int fd, uint32_t ses)
{
	return xioctl(fd, CIOCFSESSION, &ses);
}

static inline int do_crypt(int fd, uint32_t ses, int op, int flags,
			   const void *src, void *dst, size_t len, void *iv,
			   void *mac)
{
	struct crypt_op c;

	memset(&c, 0, sizeof(c));
	c.ses = ses;
	c.op = op;
	c.flags = flags;
	c.len = len;
	c.src = (__u8 *)src;
	c.dst = (__u8 *)dst;
	c.iv = (__u8 *)iv;
	c.mac = (__u8 *)mac;
	return xioctl(fd, CIOCCRYPT, &c);
}

/* Errors meaning "no driver has this algorithm": a reason to skip. */
/*
 * One AES-128-CBC block through a fresh descriptor and session: the
 * stack still answers right.  NIST SP 800-38A F.2.1, CBC-AES128.Encrypt,
 * first block.
 */
static inline int cdev_kat_aes_cbc(void)
{
	static const uint8_t key[16] = {
		0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
		0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c };
	static const uint8_t pt[16] = {
		0x6b, 0xc1, 0xbe, 0xe2, 0x2e, 0x40, 0x9f, 0x96,
		0xe9, 0x3d, 0x7e, 0x11, 0x73, 0x93, 0x17, 0x2a };
	static const uint8_t ct[16] = {
		0x76, 0x49, 0xab, 0xac, 0x81, 0x19, 0xb2, 0x46,
		0xce, 0xe9, 0x8e, 0x9b, 0x12, 0xe9, 0x19, 0x7d };
	uint8_t iv[16], out[16];
	uint32_t s;
	int f = cdev_open(), i, ok;

	if (f < 0)
		return 0;
	for (i = 0; i < 16; i++)
		iv[i] = i;
	ok = !ses_new(f, CRYPTO_AES_CBC, key, 16, 0, NULL, 0, &s) &&
	     !do_crypt(f, s, COP_ENCRYPT, 0, pt, out, 16, iv, NULL) &&
	     !memcmp(out, ct, 16);
	close(f);
	return ok;
}

static inline int unsupported(int err)
{
	return err == -EINVAL || err == -ENOENT || err == -EOPNOTSUPP ||
	       err == -ENXIO || err == -EPERM;
}

/* xorshift: reproducible test data. */
static uint64_t rnd_state = 0x9e3779b97f4a7c15ull;

static inline uint32_t rnd32(void)
{
	uint64_t x = rnd_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	rnd_state = x;
	return (uint32_t)(x >> 16);
}

static inline void rnd_fill(void *p, size_t n)
{
	uint8_t *b = p;

	while (n--)
		*b++ = (uint8_t)rnd32();
}

static inline void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		ktap_diag("out of memory");
		exit(KTAP_EXIT_FAIL);
	}
	return p;
}

static inline void hexdiag(const char *what, const void *p, size_t n)
{
	const uint8_t *b = p;
	char line[200];
	size_t i, o = 0;

	for (i = 0; i < n && o + 3 < sizeof(line); i++)
		o += snprintf(line + o, sizeof(line) - o, "%02x", b[i]);
	ktap_diag("%s: %s", what, line);
}

#endif
