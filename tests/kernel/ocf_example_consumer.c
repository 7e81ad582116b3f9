// SPDX-License-Identifier: GPL-2.0-only
/*
 * Example OCF consumer (docs/kernel-api.md walks through it): encrypt one
 * AES-128-CBC block with whichever driver the framework picks, wait for
 * the callback, check the known answer, free everything.
 *
 * Vector: NIST SP 800-38A, F.2.1 CBC-AES128.Encrypt, block #1.
 * Results: /sys/kernel/debug/ocf_test/ocf_example_consumer (KTAP).
 */
#include <linux/completion.h>
#include <linux/module.h>
#include <opencrypto/cryptodev.h>
#include "ktap.h"

static const u8 key[16] = {
	0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
	0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c };
static const u8 iv[16] = {
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
	0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f };
static const u8 plain[16] = {
	0x6b, 0xc1, 0xbe, 0xe2, 0x2e, 0x40, 0x9f, 0x96,
	0xe9, 0x3d, 0x7e, 0x11, 0x73, 0x93, 0x17, 0x2a };
static const u8 cipher[16] = {
	0x76, 0x49, 0xab, 0xac, 0x81, 0x19, 0xb2, 0x46,
	0xce, 0xe9, 0x8e, 0x9b, 0x12, 0xe9, 0x19, 0x7d };

static struct ktap_suite suite;

/* Runs once per request, from the framework's completion worker. */
static int example_done(struct cryptop *crp)
{
	complete(crp->crp_opaque);
	return 0;
}

/* Encrypt @buf in place; returns 0 or -errno. */
static int example_encrypt(u64 *sid, u8 *buf, int len)
{
	DECLARE_COMPLETION_ONSTACK(done);
	struct cryptop *crp;
	struct cryptodesc *crd;
	int err;

	crp = crypto_getreq(1);			/* one descriptor */
	if (!crp)
		return -ENOMEM;
	crp->crp_sid = *sid;
	crp->crp_buf = buf;			/* contiguous kernel buffer */
	crp->crp_ilen = len;
	crp->crp_callback = example_done;
	crp->crp_opaque = &done;

	crd = crp->crp_desc;
	crd->crd_alg = CRYPTO_AES_CBC;
	crd->crd_skip = 0;
	crd->crd_len = len;
	crd->crd_flags = CRD_F_ENCRYPT | CRD_F_IV_EXPLICIT | CRD_F_IV_PRESENT;
	memcpy(crd->crd_iv, iv, sizeof(iv));

	/* Only a NULL request or callback is refused here. */
	if (crypto_dispatch(crp)) {
		crypto_freereq(crp);
		return -EINVAL;
	}
	wait_for_completion(&done);

	err = -crp->crp_etype;		/* crp_etype is a positive errno */
	if (err == -EAGAIN)		/* the session moved: keep the new sid */
		*sid = crp->crp_sid;
	crypto_freereq(crp);
	return err;
}

static int __init example_init(void)
{
	struct cryptoini cri = {
		.cri_alg = CRYPTO_AES_CBC,
		.cri_klen = 128,		/* bits */
		.cri_key = (void *)key,
	};
	char name[CRYPTO_DRIVER_NAME_LEN] = "?";
	u8 buf[16];
	u32 driver;
	u64 sid;
	int err, tries;

	if (ktap_start(&suite, KBUILD_MODNAME, 2))
		return -ENOMEM;

	/* 0: hardware or software, whichever the framework finds best. */
	err = crypto_newsession(&sid, &cri, 0);
	if (err == -EOPNOTSUPP) {
		ktap_skip(&suite, "example: AES-128-CBC session",
			  "no driver registered AES-CBC");
		ktap_skip(&suite, "example: SP 800-38A F.2.1 block 1",
			  "no driver registered AES-CBC");
		goto out;
	}
	ktap_result(&suite, !err, "example: AES-128-CBC session");
	if (err)
		goto out;
	if (!crypto_session_driver(sid, CRYPTO_AES_CBC, &driver))
		crypto_get_driver_name(driver, name, sizeof(name));
	ktap_diag(&suite, "session served by driver %s", name);

	/* A migrated session answers EAGAIN once: retry with the new sid. */
	for (tries = 0; tries < 3; tries++) {
		memcpy(buf, plain, sizeof(buf));
		err = example_encrypt(&sid, buf, sizeof(buf));
		if (err != -EAGAIN)
			break;
	}
	ktap_result(&suite, !err && !memcmp(buf, cipher, sizeof(cipher)),
		    "example: SP 800-38A F.2.1 block 1");
	crypto_freesession(sid);
out:
	ktap_finish(&suite);
	return 0;
}

static void __exit example_exit(void)
{
	ktap_release(&suite);
}

module_init(example_init);
module_exit(example_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Example OCF consumer: one AES-CBC block, known answer");
