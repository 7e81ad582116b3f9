/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for OpenSSL's internal e_os.h when e_devcrypto.c is built
 * outside OpenSSL's tree: the engine uses only this macro from it.
 */
#define OSSL_NELEM(x) (sizeof(x) / sizeof((x)[0]))
