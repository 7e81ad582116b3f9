// SPDX-License-Identifier: GPL-2.0-only
/*
 * cdev-abi: the /dev/crypto binary interface.  Layouts and ioctl numbers
 * (cryptodev-linux 1.14's, ABI.md), the device node, CRIOGET, session
 * ids, CIOCGSESSINFO, CIOCGSESSION2/CIOCFINDDEV, CIOCASYMFEAT, unknown
 * ioctls, poll() on an idle file, and the three sysctls.
 */
#include <poll.h>
#include <stddef.h>
#include <sys/stat.h>
#include "cdev_test.h"

static const uint8_t key16[16] = "0123456789abcdef";

static void test_layout(void)
{
#if defined(__x86_64__)
	/* ABI.md §2: x86-64 values. */
	check(CRIOGET == 0xc0046365 && CIOCGSESSION == 0xc0306366 &&
	      CIOCFSESSION == 0x40046367 && CIOCCRYPT == 0xc0306368 &&
	      CIOCKEY == 0xc0906369 && CIOCASYMFEAT == 0x8004636a &&
	      CIOCGSESSINFO == 0xc10c636b && CIOCAUTHCRYPT == 0xc048636d &&
	      CIOCASYNCCRYPT == 0x4030636e && CIOCASYNCFETCH == 0x8030636f &&
	      CIOCCPHASH == 0x40086370,
	      "ioctl numbers match cryptodev-linux 1.14 (x86-64)");
	check(sizeof(struct session_op) == 48 &&
	      offsetof(struct session_op, key) == 16 &&
	      offsetof(struct session_op, mackeylen) == 24 &&
	      offsetof(struct session_op, mackey) == 32 &&
	      offsetof(struct session_op, ses) == 40 &&
	      sizeof(struct crypt_op) == 48 &&
	      offsetof(struct crypt_op, flags) == 6 &&
	      offsetof(struct crypt_op, src) == 16 &&
	      offsetof(struct crypt_op, iv) == 40 &&
	      sizeof(struct crypt_auth_op) == 72 &&
	      offsetof(struct crypt_auth_op, auth_src) == 16 &&
	      offsetof(struct crypt_auth_op, tag_len) == 48 &&
	      offsetof(struct crypt_auth_op, iv_len) == 64 &&
	      sizeof(struct crypt_kop) == 144 &&
	      offsetof(struct crypt_kop, crk_param) == 16 &&
	      sizeof(struct session_info_op) == 268 &&
	      offsetof(struct session_info_op, alignmask) == 260 &&
	      offsetof(struct session_info_op, flags) == 264 &&
	      sizeof(struct cphash_op) == 8,
	      "struct layouts match cryptodev-linux 1.14 (x86-64)");
	check(sizeof(struct session2_op) == 64 &&
	      offsetof(struct session2_op, crid) == 44 &&
	      sizeof(struct crypt_find_op) == 36 &&
	      sizeof(struct crypt_comp_op) == 32 &&
	      offsetof(struct crypt_comp_op, dst_len) == 12 &&
	      offsetof(struct crypt_comp_op, src) == 16 &&
	      offsetof(struct crypt_comp_op, dst) == 24 &&
	      sizeof(struct crypt_n_op) == 64 &&
	      offsetof(struct crypt_n_op, opaque) == 56 &&
	      sizeof(struct crypt_result) == 16 &&
	      sizeof(struct crypt_n_kop) == 160 &&
	      sizeof(struct crypt_sgop) == 16,
	      "extension layouts match ABI.md §4 (x86-64)");
#else
	/* i386: 4-byte pointers, the compat layouts the kernel widens. */
	check(sizeof(struct session_op) == 28 &&
	      sizeof(struct crypt_op) == 28 &&
	      sizeof(struct crypt_auth_op) == 44 &&
	      sizeof(struct crypt_kop) == 80 &&
	      sizeof(struct session_info_op) == 268 &&
	      sizeof(struct session2_op) == 48 &&
	      sizeof(struct crypt_comp_op) == 24 &&
	      sizeof(struct crypt_n_op) == 48 &&
	      offsetof(struct crypt_n_op, opaque) == 40 &&
	      sizeof(struct crypt_result) == 16 &&
	      sizeof(struct crypt_n_kop) == 96 &&
	      sizeof(struct crypt_sgop) == 12,
	      "32-bit struct sizes are the compat layouts");
	check(_IOC_NR(CIOCCRYPT) == 104 && _IOC_SIZE(CIOCCRYPT) == 28 &&
	      _IOC_NR(CIOCGSESSION) == 102 && _IOC_SIZE(CIOCGSESSION) == 28,
	      "32-bit ioctl numbers carry the 32-bit sizes");
	skip("x86-64 only", "extension layouts match ABI.md §4 (x86-64)");
#endif
	check(CRYPTO_AES_CBC == 11 && CRYPTO_AES_GCM == 50 &&
	      CRYPTO_SHA2_512 == 106 && CRYPTO_ALGORITHM_ALL == 110 &&
	      CRYPTO_AES_GMAC == 205 && CRYPTO_GZIP_COMP == 210 &&
	      COP_DECRYPT == 1 && COP_FLAG_RESET == 0x40 &&
	      CRYPTOCAP_F_HARDWARE == 0x01000000 &&
	      CRYPTO_FLAG_SOFTWARE == CRYPTOCAP_F_SOFTWARE,
	      "constants match ABI.md");
}

static void test_node(void)
{
	struct stat st;

	if (stat("/dev/crypto", &st)) {
		check(0, "/dev/crypto exists");
		return;
	}
	check(S_ISCHR(st.st_mode) && (st.st_mode & 0777) == 0666,
	      "/dev/crypto is a character device with mode 0666 (is %o)",
	      st.st_mode & 0777);
}

static void test_sessions(int fd)
{
	uint32_t ses = 0, ses2 = 0;
	int err;

	err = ses_new(fd, CRYPTO_AES_CBC, key16, 16, 0, NULL, 0, &ses);
	if (err) {
		skip(strerror(-err), "AES-CBC session: id non-zero");
		skip("no AES-CBC session", "CIOCFSESSION of a live id");
		skip("no AES-CBC session", "CIOCFSESSION of a freed id: EINVAL");
		skip("no AES-CBC session", "freed ids are not reused at once");
		return;
	}
	check(ses != 0, "AES-CBC session: id non-zero (%u)", ses);
	check(ses_free(fd, ses) == 0, "CIOCFSESSION of a live id");
	err = ses_free(fd, ses);
	check(err == -EINVAL, "CIOCFSESSION of a freed id: EINVAL (%d)", err);
	err = ses_new(fd, CRYPTO_AES_CBC, key16, 16, 0, NULL, 0, &ses2);
	check(!err && ses2 != ses,
	      "freed ids are not reused at once (%u then %u)", ses, ses2);
	if (!err)
		ses_free(fd, ses2);
}

static void test_crioget(void)
{
	uint32_t clone = (uint32_t)-1, ses;
	struct session_info_op si;
	int err, fd2;

	fd2 = cdev_open();
	err = xioctl(fd2, CRIOGET, &clone);
	if (!check(err == 0 && (int)clone >= 0 && (int)clone != fd2,
		   "CRIOGET returns a new descriptor (%d, fd %d)", err,
		   (int)clone)) {
		skip("CRIOGET failed", "CRIOGET clone shares the sessions");
		close(fd2);
		return;
	}
	err = ses_new(fd2, 0, NULL, 0, CRYPTO_SHA2_256, NULL, 0, &ses);
	if (err) {
		skip(strerror(-err), "CRIOGET clone shares the sessions");
	} else {
		memset(&si, 0, sizeof(si));
		si.ses = ses;
		close(fd2);
		err = xioctl(clone, CIOCGSESSINFO, &si);
		check(err == 0,
		      "CRIOGET clone shares the sessions and outlives the original (%d)",
		      err);
		fd2 = -1;
	}
	if (fd2 >= 0)
		close(fd2);
	close(clone);
}

static void test_sessinfo(int fd)
{
	struct session_info_op si;
	struct session2_op s2;
	struct crypt_find_op fo;
	uint32_t ses;
	int err;

	err = ses_new(fd, CRYPTO_AES_CBC, key16, 16, CRYPTO_SHA1_HMAC, key16,
		      16, &ses);
	if (err) {
		skip(strerror(-err), "CIOCGSESSINFO names the algorithms");
	} else {
		memset(&si, 0xff, sizeof(si));
		si.ses = ses;
		err = xioctl(fd, CIOCGSESSINFO, &si);
		check(!err && !strcmp(si.cipher_info.cra_name, "cbc(aes)") &&
		      !strcmp(si.hash_info.cra_name, "hmac(sha1)") &&
		      si.cipher_info.cra_driver_name[0] &&
		      memchr(si.cipher_info.cra_driver_name, 0,
			     CRYPTODEV_MAX_ALG_NAME),
		      "CIOCGSESSINFO names the algorithms (%d: %.64s/%.64s via %.64s)",
		      err, si.cipher_info.cra_name, si.hash_info.cra_name,
		      si.cipher_info.cra_driver_name);
		ses_free(fd, ses);
	}
	memset(&si, 0, sizeof(si));
	si.ses = 0x7fffffff;
	err = xioctl(fd, CIOCGSESSINFO, &si);
	check(err == -EINVAL, "CIOCGSESSINFO of an unknown id: EINVAL (%d)",
	      err);

	/* A software session must not claim to be hardware. */
	memset(&s2, 0, sizeof(s2));
	s2.cipher = CRYPTO_AES_CBC;
	s2.keylen = 16;
	s2.key = (__u8 *)key16;
	s2.crid = CRYPTOCAP_F_SOFTWARE;
	err = xioctl(fd, CIOCGSESSION2, &s2);
	if (err) {
		skip(strerror(-err), "CIOCGSESSION2 on a software driver");
		skip("no software session", "software session: no SIOP_FLAG_KERNEL_DRIVER_ONLY");
		skip("no software session", "CIOCGSESSION2 naming a driver id uses it");
		skip("no software session", "CIOCGSESSION2 naming no driver: ENOENT");
		skip("no software session", "CIOCFINDDEV: crid to name and back");
	} else {
		check(s2.ses != 0 && s2.crid > 0 &&
		      !(s2.crid & (CRYPTOCAP_F_SOFTWARE | CRYPTOCAP_F_HARDWARE)),
		      "CIOCGSESSION2 on a software driver returns its id (%d)",
		      s2.crid);
		memset(&si, 0, sizeof(si));
		si.ses = s2.ses;
		err = xioctl(fd, CIOCGSESSINFO, &si);
		check(!err && !(si.flags & SIOP_FLAG_KERNEL_DRIVER_ONLY),
		      "software session: no SIOP_FLAG_KERNEL_DRIVER_ONLY (flags %#x)",
		      si.flags);
		{
			struct session2_op again = s2;
			int crid = s2.crid;

			again.crid = crid;
			err = xioctl(fd, CIOCGSESSION2, &again);
			check(!err && again.crid == crid,
			      "CIOCGSESSION2 naming a driver id uses it (%d, %d)",
			      err, again.crid);
			if (!err)
				ses_free(fd, again.ses);
			again.crid = 4000;
			err = xioctl(fd, CIOCGSESSION2, &again);
			check(err == -ENOENT,
			      "CIOCGSESSION2 naming no driver: ENOENT (%d)", err);
		}
		memset(&fo, 0, sizeof(fo));
		fo.crid = s2.crid;
		err = xioctl(fd, CIOCFINDDEV, &fo);
		if (!err) {
			int crid = fo.crid;

			fo.crid = -1;
			err = xioctl(fd, CIOCFINDDEV, &fo);
			check(!err && fo.crid == crid,
			      "CIOCFINDDEV: crid to name (%s) and back (%d)",
			      fo.name, fo.crid);
		} else {
			check(0, "CIOCFINDDEV: crid to name and back (%d)",
			      err);
		}
		ses_free(fd, s2.ses);
	}
	memset(&fo, 0, sizeof(fo));
	fo.crid = -1;
	strcpy(fo.name, "no-such-driver");
	err = xioctl(fd, CIOCFINDDEV, &fo);
	check(err == -ENOENT, "CIOCFINDDEV of an unknown name: ENOENT (%d)",
	      err);

	/* Hardware sessions must carry the flag. */
	memset(&s2, 0, sizeof(s2));
	s2.cipher = CRYPTO_AES_CBC;
	s2.keylen = 16;
	s2.key = (__u8 *)key16;
	s2.crid = CRYPTOCAP_F_HARDWARE;
	err = xioctl(fd, CIOCGSESSION2, &s2);
	if (err) {
		skip("no hardware AES-CBC driver loaded",
		     "hardware session: SIOP_FLAG_KERNEL_DRIVER_ONLY");
	} else {
		memset(&si, 0, sizeof(si));
		si.ses = s2.ses;
		err = xioctl(fd, CIOCGSESSINFO, &si);
		check(!err && (si.flags & SIOP_FLAG_KERNEL_DRIVER_ONLY),
		      "hardware session: SIOP_FLAG_KERNEL_DRIVER_ONLY (%s)",
		      si.cipher_info.cra_driver_name);
		ses_free(fd, s2.ses);
	}
}

static void test_misc_ioctls(int fd)
{
	uint32_t feat = 0xdeadbeef;
	char junk[64] = { 0 };
	struct pollfd p;
	int err;

	err = xioctl(fd, CIOCASYMFEAT, &feat);
	check(!err && !(feat & ~0x1fu),
	      "CIOCASYMFEAT succeeds with CRF_* bits only (%d, %#x)", err,
	      feat);
	err = xioctl(fd, _IOWR('c', 200, int), junk);
	check(err == -ENOTTY, "unknown ioctl number: ENOTTY (%d)", err);
	err = xioctl(fd, _IOWR('c', 104, char[40]), junk);
	check(err == -ENOTTY, "known number with a wrong size: ENOTTY (%d)",
	      err);
	err = xioctl(fd, _IO('x', 1), junk);
	check(err == -ENOTTY, "foreign ioctl type: ENOTTY (%d)", err);

	p.fd = fd;
	p.events = POLLIN | POLLOUT;
	p.revents = 0;
	err = poll(&p, 1, 0);
	check(err == 1 && (p.revents & POLLOUT) && !(p.revents & POLLIN),
	      "poll on an idle file: writable, nothing to read (%#x)",
	      p.revents);
}

/* The page's sysctls, /proc/sys/kern/...; restored afterwards. */
static int sysctl_rw(const char *name, int set, int *old)
{
	char path[128], buf[32];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/sys/kern/%s", name);
	f = fopen(path, "r");
	if (!f || !fgets(buf, sizeof(buf), f)) {
		if (f)
			fclose(f);
		return -1;
	}
	fclose(f);
	*old = atoi(buf);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "%d\n", set);
	return fclose(f) ? -1 : 0;
}

static void test_sysctls(int fd)
{
	uint32_t ses, feat = 1;
	struct crypt_kop kop;
	int old, tmp, err, fd2;

	if (sysctl_rw("usercrypto", 0, &old)) {
		skip("no writable /proc/sys/kern/usercrypto (needs root and ocf.ko)",
		     "kern.usercrypto=0 forbids /dev/crypto");
	} else {
		fd2 = open("/dev/crypto", O_RDWR);
		err = fd2 < 0 ? -errno : ses_new(fd, CRYPTO_SHA1, NULL, 0, 0,
						  NULL, 0, &ses);
		sysctl_rw("usercrypto", old, &tmp);
		check(err == -EPERM,
		      "kern.usercrypto=0 forbids /dev/crypto (%d)", err);
		if (fd2 >= 0)
			close(fd2);
	}

	if (sysctl_rw("userasymcrypto", 0, &old)) {
		skip("no writable /proc/sys/kern/userasymcrypto",
		     "kern.userasymcrypto=0 forbids CIOCKEY");
	} else {
		memset(&kop, 0, sizeof(kop));
		kop.crk_op = CRK_MOD_EXP;
		kop.crk_iparams = 3;
		kop.crk_oparams = 1;
		err = xioctl(fd, CIOCKEY, &kop);
		xioctl(fd, CIOCASYMFEAT, &feat);
		sysctl_rw("userasymcrypto", old, &tmp);
		check(err == -EPERM && feat == 0,
		      "kern.userasymcrypto=0 forbids CIOCKEY (%d) and hides features (%#x)",
		      err, feat);
	}

	/* SHA-512 only has a software driver (virtio-crypto has no hashes). */
	err = ses_new(fd, 0, NULL, 0, CRYPTO_SHA2_512, NULL, 0, &ses);
	if (err) {
		skip("no SHA-512 driver at all",
		     "kern.cryptodevallowsoft=1 refuses software-only algorithms");
		skip("no SHA-512 driver at all",
		     "kern.cryptodevallowsoft=-1 still serves software");
		return;
	}
	ses_free(fd, ses);
	if (sysctl_rw("cryptodevallowsoft", 1, &old)) {
		skip("no writable /proc/sys/kern/cryptodevallowsoft",
		     "kern.cryptodevallowsoft=1 refuses software-only algorithms");
		skip("no writable /proc/sys/kern/cryptodevallowsoft",
		     "kern.cryptodevallowsoft=-1 still serves software");
		return;
	}
	err = ses_new(fd, 0, NULL, 0, CRYPTO_SHA2_512, NULL, 0, &ses);
	if (!err)
		ses_free(fd, ses);
	sysctl_rw("cryptodevallowsoft", old, &tmp);
	check(err != 0,
	      "kern.cryptodevallowsoft=1 refuses software-only algorithms (%d)",
	      err);
	sysctl_rw("cryptodevallowsoft", -1, &old);
	err = ses_new(fd, 0, NULL, 0, CRYPTO_SHA2_512, NULL, 0, &ses);
	if (!err)
		ses_free(fd, ses);
	sysctl_rw("cryptodevallowsoft", old, &tmp);
	check(err == 0, "kern.cryptodevallowsoft=-1 still serves software (%d)",
	      err);
}

int main(void)
{
	int fd = cdev_open_or_skip();

	ktap_plan(29);
	ktap_diag("cdev-abi, %s-bit", CDEV_BITS);
	test_layout();		/* 4 */
	test_node();		/* 1 */
	test_sessions(fd);	/* 4 */
	test_crioget();	/* 2 */
	test_sessinfo(fd);	/* 7 */
	test_misc_ioctls(fd);	/* 5 */
	test_sysctls(fd);	/* 4 */
	close(fd);
	return ktap_exit();
}
