// SPDX-License-Identifier: GPL-2.0-only
/*
 * cdev-bad: bad input gets its errno, never a crash or a silent success.
 * NULL and unmapped pointers (copied and pinned sizes), buffers running
 * into an unmapped page, read-only destinations, unknown/freed/foreign
 * session ids, bad algorithms and key lengths, partial blocks,
 * overlapping buffers, oversized lengths, too many sessions, bad AEAD
 * parameters, bad key-op parameters.  The file must still work after.
 */
#include <sys/mman.h>
#include "cdev_test.h"

static int fd;
static long pagesz;

#define EXPECT(want, expr, ...) do {					\
	int e_ = (expr);						\
	check(e_ == (want), __VA_ARGS__);				\
	if (e_ != (want))						\
		ktap_diag("  got %d (%s), want %d", e_,			\
			  e_ ? strerror(-e_) : "success", (want));	\
} while (0)

#define SKIP_IF(cond, reason, ...) if (cond) { skip(reason, __VA_ARGS__); } else

/* Two pages, the second unmapped: returns the end of the first. */
static uint8_t *page_then_hole(size_t pages)
{
	uint8_t *p = mmap(NULL, (pages + 1) * pagesz, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	munmap(p + pages * pagesz, pagesz);
	memset(p, 0x5a, pages * pagesz);
	return p + pages * pagesz;
}

static int crypt_op(uint32_t ses, int op, int flags, const void *src,
		    void *dst, uint32_t len, void *iv, void *mac)
{
	return do_crypt(fd, ses, op, flags, src, dst, len, iv, mac);
}

static void test_pointers(uint32_t aes, uint32_t sha)
{
	static uint8_t buf[16384], out[16384], iv[16], mac[64];
	uint8_t *end = page_then_hole(4), *hole, *ro;
	void *top = (void *)(uintptr_t)-4096;
	int e;
	int have = aes != 0;

	hole = end;
	ro = mmap(NULL, 4 * pagesz, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
		  -1, 0);

	SKIP_IF(!have, "no AES-CBC session", "NULL src: EFAULT")
		EXPECT(-EFAULT, crypt_op(aes, COP_ENCRYPT, 0, NULL, out, 64,
					 iv, NULL), "NULL src: EFAULT");
	SKIP_IF(!have, "no AES-CBC session", "NULL dst: EFAULT")
		EXPECT(-EFAULT, crypt_op(aes, COP_ENCRYPT, 0, buf, NULL, 64,
					 iv, NULL), "NULL dst: EFAULT");
	SKIP_IF(!have, "no AES-CBC session", "NULL src, pinned size: EFAULT")
		EXPECT(-EFAULT, crypt_op(aes, COP_ENCRYPT, 0, NULL, out, 16384,
					 iv, NULL),
		       "NULL src, pinned size: EFAULT");
	SKIP_IF(!have || !end, "no AES-CBC session or mmap failed",
		"src running into an unmapped page (copied size): EFAULT")
		EXPECT(-EFAULT, crypt_op(aes, COP_ENCRYPT, 0, end - 32, out,
					 64, iv, NULL),
		       "src running into an unmapped page (copied size): EFAULT");
	SKIP_IF(!have || !end, "no AES-CBC session or mmap failed",
		"dst running into an unmapped page (copied size): EFAULT")
		EXPECT(-EFAULT, crypt_op(aes, COP_ENCRYPT, 0, buf, end - 32,
					 64, iv, NULL),
		       "dst running into an unmapped page (copied size): EFAULT");
	/* The top page: kernel space, or above a 32-bit task's limit. */
	SKIP_IF(!have, "no AES-CBC session",
		"src or dst in the top page (copied size): EFAULT")
		EXPECT(-EFAULT,
		       (e = crypt_op(aes, COP_ENCRYPT, 0, top, out, 64, iv,
				     NULL)) != -EFAULT ? e :
		       crypt_op(aes, COP_ENCRYPT, 0, buf, top, 64, iv, NULL),
		       "src or dst in the top page (copied size): EFAULT");
	SKIP_IF(!have || !end, "no AES-CBC session or mmap failed",
		"src running into an unmapped page (pinned size): EFAULT")
		EXPECT(-EFAULT, crypt_op(aes, COP_ENCRYPT, 0,
					 end - 3 * pagesz - 16, out,
					 3 * pagesz + 32, iv, NULL),
		       "src running into an unmapped page (pinned size): EFAULT");
	SKIP_IF(!have || !end, "no AES-CBC session or mmap failed",
		"dst running into an unmapped page (pinned size): EFAULT")
		EXPECT(-EFAULT, crypt_op(aes, COP_ENCRYPT, 0, buf,
					 end - 2 * pagesz - 16,
					 2 * pagesz + 32, iv, NULL),
		       "dst running into an unmapped page (pinned size): EFAULT");
	SKIP_IF(!have || !end, "no AES-CBC session or mmap failed",
		"src wholly unmapped: EFAULT")
		EXPECT(-EFAULT, crypt_op(aes, COP_ENCRYPT, 0, hole, out, 32,
					 iv, NULL),
		       "src wholly unmapped: EFAULT");
	SKIP_IF(!have || ro == MAP_FAILED, "no AES-CBC session or mmap failed",
		"read-only dst (copied size): EFAULT")
		EXPECT(-EFAULT, crypt_op(aes, COP_ENCRYPT, 0, buf, ro, 64, iv,
					 NULL),
		       "read-only dst (copied size): EFAULT");
	SKIP_IF(!have || ro == MAP_FAILED, "no AES-CBC session or mmap failed",
		"read-only dst (pinned size): EFAULT")
		EXPECT(-EFAULT, crypt_op(aes, COP_ENCRYPT, 0, buf, ro,
					 2 * pagesz, iv, NULL),
		       "read-only dst (pinned size): EFAULT");
	SKIP_IF(!have || !end, "no AES-CBC session or mmap failed",
		"iv unmapped: EFAULT")
		EXPECT(-EFAULT, crypt_op(aes, COP_ENCRYPT, 0, buf, out, 32,
					 end - 8, NULL),
		       "iv running into an unmapped page: EFAULT");
	SKIP_IF(!sha, "no SHA-256 session", "hash with NULL mac: EFAULT")
		EXPECT(-EFAULT, crypt_op(sha, COP_ENCRYPT, 0, buf, NULL, 32,
					 NULL, NULL),
		       "hash with NULL mac: EFAULT");
	SKIP_IF(!sha || !end, "no SHA-256 session or mmap failed",
		"hash with mac running into an unmapped page: EFAULT")
		EXPECT(-EFAULT, crypt_op(sha, COP_ENCRYPT, 0, buf, NULL, 32,
					 NULL, end - 8),
		       "hash with mac running into an unmapped page: EFAULT");
	SKIP_IF(!sha, "no SHA-256 session", "hash with NULL src: EFAULT")
		EXPECT(-EFAULT, crypt_op(sha, COP_ENCRYPT, 0, NULL, NULL, 32,
					 NULL, mac),
		       "hash with NULL src: EFAULT");
	EXPECT(-EFAULT, xioctl(fd, CIOCCRYPT, NULL),
	       "CIOCCRYPT with a NULL argument: EFAULT");
	EXPECT(-EFAULT, xioctl(fd, CIOCGSESSION, (void *)hole),
	       "CIOCGSESSION with an unmapped argument: EFAULT");
	if (end)
		munmap(end - 4 * pagesz, 4 * pagesz);
	if (ro != MAP_FAILED)
		munmap(ro, 4 * pagesz);
}

static void test_ids(uint32_t aes)
{
	static uint8_t buf[64], iv[16];
	uint32_t ses, other = 0;
	int fd2 = cdev_open(), err, i;
	uint8_t key[16] = { 0 };

	EXPECT(-EINVAL, crypt_op(0, COP_ENCRYPT, 0, buf, buf, 16, iv, NULL),
	       "session id 0: EINVAL");
	EXPECT(-EINVAL, crypt_op(0x7ffffff0, COP_ENCRYPT, 0, buf, buf, 16, iv,
				 NULL), "unknown session id: EINVAL");
	err = ses_new(fd, CRYPTO_AES_CBC, key, 16, 0, NULL, 0, &ses);
	SKIP_IF(err, strerror(-err), "freed session id: EINVAL") {
		ses_free(fd, ses);
		EXPECT(-EINVAL, crypt_op(ses, COP_ENCRYPT, 0, buf, buf, 16, iv,
					 NULL), "freed session id: EINVAL");
	}
	/*
	 * Ids are per file, so fd2's first ones may exist on fd too: take
	 * fd2's sessions (closing fd2 frees them) until one id is fd2's only.
	 */
	err = fd2 < 0 ? -errno : -EEXIST;
	for (i = 0; err == -EEXIST && i < 64; i++) {
		struct session_info_op si;

		err = ses_new(fd2, CRYPTO_AES_CBC, key, 16, 0, NULL, 0, &other);
		memset(&si, 0, sizeof(si));
		si.ses = other;
		if (!err && xioctl(fd, CIOCGSESSINFO, &si) == 0)
			err = -EEXIST;
	}
	SKIP_IF(err, strerror(-err), "session id of another file: EINVAL")
		EXPECT(-EINVAL, crypt_op(other, COP_ENCRYPT, 0, buf, buf, 16, iv,
					 NULL), "session id of another file: EINVAL");
	EXPECT(-EINVAL, ses_free(fd, 0x7ffffff0),
	       "CIOCFSESSION of an unknown id: EINVAL");
	if (fd2 >= 0)
		close(fd2);
	(void)aes;
}

static void test_sessions(void)
{
	uint8_t key[600] = { 1 };
	uint32_t ses;

	EXPECT(-EINVAL, ses_new(fd, 0, NULL, 0, 0, NULL, 0, &ses),
	       "session with no algorithm: EINVAL");
	EXPECT(-EINVAL, ses_new(fd, 9999, key, 16, 0, NULL, 0, &ses),
	       "unknown cipher number: EINVAL");
	EXPECT(-EINVAL, ses_new(fd, 0, NULL, 0, 9999, NULL, 0, &ses),
	       "unknown mac number: EINVAL");
	EXPECT(-EINVAL, ses_new(fd, CRYPTO_SHA1, key, 16, 0, NULL, 0, &ses),
	       "a hash as the cipher: EINVAL");
	EXPECT(-EINVAL, ses_new(fd, CRYPTO_AES_CBC, key, 15, 0, NULL, 0, &ses),
	       "AES key of 15 bytes: EINVAL");
	EXPECT(-EINVAL, ses_new(fd, CRYPTO_AES_CBC, key, 0, 0, NULL, 0, &ses),
	       "AES key of 0 bytes: EINVAL");
	EXPECT(-EINVAL, ses_new(fd, CRYPTO_3DES_CBC, key, 16, 0, NULL, 0, &ses),
	       "3DES key of 16 bytes: EINVAL");
	EXPECT(-EINVAL, ses_new(fd, CRYPTO_AES_XTS, key, 48, 0, NULL, 0, &ses),
	       "AES-XTS key of 48 bytes: EINVAL");
	EXPECT(-EINVAL, ses_new(fd, 0, NULL, 0, CRYPTO_SHA2_256, key, 16, &ses),
	       "plain hash with a key: EINVAL");
	EXPECT(-EINVAL, ses_new(fd, 0, NULL, 0, CRYPTO_SHA1_HMAC, key, 513,
				&ses), "HMAC key over 512 bytes: EINVAL");
	EXPECT(-EFAULT, ses_new(fd, CRYPTO_AES_CBC, NULL, 16, 0, NULL, 0, &ses),
	       "NULL key pointer: EFAULT");
	EXPECT(-EINVAL, ses_new(fd, CRYPTO_AES_GCM, key, 16, CRYPTO_SHA1_HMAC,
				key, 20, &ses),
	       "GCM with an HMAC: EINVAL");
}

static void test_lengths(uint32_t aes, uint32_t des)
{
	static uint8_t buf[256], iv[16];
	unsigned int max = param("max_op_len", 4u << 20);

	SKIP_IF(!aes, "no AES-CBC session", "AES-CBC length 17: EINVAL")
		EXPECT(-EINVAL, crypt_op(aes, COP_ENCRYPT, 0, buf, buf, 17, iv,
					 NULL), "AES-CBC length 17: EINVAL");
	SKIP_IF(!des, "no 3DES-CBC session", "3DES-CBC length 12: EINVAL")
		EXPECT(-EINVAL, crypt_op(des, COP_ENCRYPT, 0, buf, buf, 12, iv,
					 NULL), "3DES-CBC length 12: EINVAL");
	SKIP_IF(!aes, "no AES-CBC session", "overlapping src/dst: EINVAL")
		EXPECT(-EINVAL, crypt_op(aes, COP_ENCRYPT, 0, buf, buf + 16,
					 64, iv, NULL),
		       "overlapping src/dst: EINVAL");
	SKIP_IF(!aes, "no AES-CBC session", "length 0xfffffff0: E2BIG")
		EXPECT(-E2BIG, crypt_op(aes, COP_ENCRYPT, 0, buf, buf,
					0xfffffff0u, iv, NULL),
		       "length 0xfffffff0: E2BIG");
	SKIP_IF(!aes, "no AES-CBC session", "length max_op_len + 16: E2BIG")
		EXPECT(-E2BIG, crypt_op(aes, COP_ENCRYPT, 0, buf, buf,
					(max + 16) & ~15u, iv, NULL),
		       "length max_op_len + 16 (%u): E2BIG", max + 16);
	SKIP_IF(!aes, "no AES-CBC session", "op 7: EINVAL")
		EXPECT(-EINVAL, crypt_op(aes, 7, 0, buf, buf, 16, iv, NULL),
		       "op 7: EINVAL");
	SKIP_IF(!aes, "no AES-CBC session", "unknown flag 0x8000: EINVAL")
		EXPECT(-EINVAL, crypt_op(aes, COP_ENCRYPT, 0x8000, buf, buf, 16,
					 iv, NULL),
		       "unknown flag 0x8000: EINVAL");
}

static void test_too_many(void)
{
	unsigned int max = param("max_sessions", 1024), n = 0;
	int f = cdev_open(), err = 0;
	uint32_t ses;

	if (f < 0) {
		skip("cannot open a second file", "sessions beyond max_sessions: ENOSPC");
		return;
	}
	while (n <= max + 1) {
		err = ses_new(f, 0, NULL, 0, CRYPTO_SHA1, NULL, 0, &ses);
		if (err)
			break;
		n++;
	}
	if (unsupported(err) && n == 0)
		skip(strerror(-err), "sessions beyond max_sessions: ENOSPC");
	else
		check(err == -ENOSPC && n == max,
		      "sessions beyond max_sessions (%u): ENOSPC (%d after %u)",
		      max, err, n);
	close(f);
}

static void test_aead_bad(uint32_t aes)
{
	static uint8_t buf[256], iv[16], aad[16];
	uint8_t key[16] = { 2 };
	struct crypt_auth_op a;
	uint32_t gcm;
	int err;

	err = ses_new(fd, CRYPTO_AES_GCM, key, 16, 0, NULL, 0, &gcm);
	if (err) {
		skip(strerror(-err), "GCM tag_len 9: EINVAL");
		skip(strerror(-err), "GCM iv_len 4 GiB - 1: E2BIG");
		skip(strerror(-err), "AEAD decrypt shorter than the tag: EINVAL");
		skip(strerror(-err), "CIOCCRYPT on an AEAD session: EINVAL");
		skip(strerror(-err), "AEAD NULL iv: EINVAL");
	} else {
		memset(&a, 0, sizeof(a));
		a.ses = gcm;
		a.op = COP_ENCRYPT;
		a.len = 32;
		a.src = buf;
		a.dst = buf + 64;
		a.auth_src = aad;
		a.auth_len = 16;
		a.iv = iv;
		a.iv_len = 12;
		a.tag_len = 9;
		EXPECT(-EINVAL, xioctl(fd, CIOCAUTHCRYPT, &a),
		       "GCM tag_len 9: EINVAL");
		a.tag_len = 16;
		a.iv_len = 0xffffffff;	/* counts towards the op limit */
		EXPECT(-E2BIG, xioctl(fd, CIOCAUTHCRYPT, &a),
		       "GCM iv_len 4 GiB - 1: E2BIG");
		a.iv_len = 12;
		a.op = COP_DECRYPT;
		a.len = 15;
		EXPECT(-EINVAL, xioctl(fd, CIOCAUTHCRYPT, &a),
		       "AEAD decrypt shorter than the tag: EINVAL");
		EXPECT(-EINVAL, crypt_op(gcm, COP_ENCRYPT, 0, buf, buf, 16, iv,
					 NULL),
		       "CIOCCRYPT on an AEAD session: EINVAL");
		a.op = COP_ENCRYPT;
		a.len = 32;
		a.iv = NULL;
		EXPECT(-EINVAL, xioctl(fd, CIOCAUTHCRYPT, &a),
		       "AEAD NULL iv: EINVAL");
		ses_free(fd, gcm);
	}
	SKIP_IF(!aes, "no AES-CBC session", "CIOCAUTHCRYPT on a plain cipher session: EINVAL") {
		memset(&a, 0, sizeof(a));
		a.ses = aes;
		a.len = 32;
		a.src = buf;
		a.dst = buf;
		a.iv = iv;
		a.tag_len = 16;
		EXPECT(-EINVAL, xioctl(fd, CIOCAUTHCRYPT, &a),
		       "CIOCAUTHCRYPT on a plain cipher session: EINVAL");
	}
}

static void test_misc(uint32_t aes, uint32_t sha)
{
	struct cphash_op cp;
	struct crypt_kop kop;
	struct crypt_comp_op cc;
	uint32_t sha1;
	uint8_t buf[64];
	int err;

	err = ses_new(fd, 0, NULL, 0, CRYPTO_SHA1, NULL, 0, &sha1);
	SKIP_IF(err || !sha, "no SHA-1 or SHA-256 session",
		"CIOCCPHASH between different hashes: EINVAL") {
		cp.dst_ses = sha1;
		cp.src_ses = sha;
		EXPECT(-EINVAL, xioctl(fd, CIOCCPHASH, &cp),
		       "CIOCCPHASH between different hashes: EINVAL");
	}
	SKIP_IF(!aes || !sha, "no AES-CBC or SHA-256 session",
		"CIOCCPHASH from a cipher session: EINVAL") {
		cp.dst_ses = sha;
		cp.src_ses = aes;
		EXPECT(-EINVAL, xioctl(fd, CIOCCPHASH, &cp),
		       "CIOCCPHASH from a cipher session: EINVAL");
	}
	SKIP_IF(!sha, "no SHA-256 session", "CIOCCPHASH to an unknown id: EINVAL") {
		cp.dst_ses = 0x7ffffff0;
		cp.src_ses = sha;
		EXPECT(-EINVAL, xioctl(fd, CIOCCPHASH, &cp),
		       "CIOCCPHASH to an unknown id: EINVAL");
	}
	if (!err)
		ses_free(fd, sha1);

	memset(&kop, 0, sizeof(kop));
	kop.crk_op = 99;
	EXPECT(-EINVAL, xioctl(fd, CIOCKEY, &kop), "CIOCKEY op 99: EINVAL");
	kop.crk_op = CRK_MOD_EXP;
	kop.crk_iparams = 2;
	kop.crk_oparams = 1;
	EXPECT(-EINVAL, xioctl(fd, CIOCKEY, &kop),
	       "CIOCKEY MOD_EXP with 2 inputs: EINVAL");
	kop.crk_iparams = 3;
	kop.crk_param[0].crp_p = buf;
	kop.crk_param[0].crp_nbits = 1u << 30;
	kop.crk_param[1].crp_p = buf;
	kop.crk_param[1].crp_nbits = 8;
	kop.crk_param[2].crp_p = buf;
	kop.crk_param[2].crp_nbits = 8;
	kop.crk_param[3].crp_p = buf;
	kop.crk_param[3].crp_nbits = 8;
	EXPECT(-EINVAL, xioctl(fd, CIOCKEY, &kop),
	       "CIOCKEY with a 2^30-bit parameter: EINVAL");

	SKIP_IF(!aes, "no AES-CBC session", "CIOCCOMP on a cipher session: EINVAL") {
		memset(&cc, 0, sizeof(cc));
		cc.ses = aes;
		cc.op = COP_COMP;
		cc.len = 16;
		cc.dst_len = 64;
		cc.src = buf;
		cc.dst = buf;
		EXPECT(-EINVAL, xioctl(fd, CIOCCOMP, &cc),
		       "CIOCCOMP on a cipher session: EINVAL");
	}
	EXPECT(-ENOTTY, xioctl(fd, _IOWR('c', 250, struct crypt_op), NULL),
	       "unknown ioctl with a NULL argument: ENOTTY");
}

int main(void)
{
	uint8_t key[24] = { 7 }, buf[64] = { 0 }, iv[16] = { 0 }, mac[32];
	uint32_t aes = 0, sha = 0, des = 0;

	fd = cdev_open_or_skip();
	pagesz = sysconf(_SC_PAGESIZE);
	ktap_plan(17 + 5 + 12 + 7 + 1 + 6 + 8 + 1);
	ktap_diag("cdev-bad, %s-bit", CDEV_BITS);
	if (ses_new(fd, CRYPTO_AES_CBC, key, 16, 0, NULL, 0, &aes))
		aes = 0;
	if (ses_new(fd, 0, NULL, 0, CRYPTO_SHA2_256, NULL, 0, &sha))
		sha = 0;
	if (ses_new(fd, CRYPTO_3DES_CBC, key, 24, 0, NULL, 0, &des))
		des = 0;

	test_pointers(aes, sha);	/* 17 */
	test_ids(aes);			/* 5 */
	test_sessions();		/* 12 */
	test_lengths(aes, des);		/* 7 */
	test_too_many();		/* 1 */
	test_aead_bad(aes);		/* 6 */
	test_misc(aes, sha);		/* 8 */

	/* The file still works after all that. */
	SKIP_IF(!aes || !sha, "no AES-CBC or SHA-256 session",
		"the file still works after the bad calls")
		check(!crypt_op(aes, COP_ENCRYPT, 0, buf, buf, 64, iv, NULL) &&
		      !crypt_op(sha, COP_ENCRYPT, 0, buf, NULL, 64, NULL, mac),
		      "the file still works after the bad calls");
	close(fd);
	return ktap_exit();
}
