/* SPDX-License-Identifier: GPL-2.0-only */
/* The shape of a known-answer vector for the cryptosoft tests. */
#ifndef _CRYPTOSOFT_VEC_H
#define _CRYPTOSOFT_VEC_H

#include <opencrypto/cryptodev.h>

/* Byte strings are hex text; NULL means absent. */
struct swt_vec {
	const char	*name;
	int		alg;
	int		mac_alg;	/* AEAD: the MAC half */
	const char	*key;
	const char	*iv;
	const char	*aad;
	const char	*in;
	const char	*out;		/* ciphertext, digest or tag */
	const char	*tag;		/* AEAD tag */
};

#endif
