/* SPDX-License-Identifier: GPL-2.0-only */
/* cryptosoft: the key-prefix/suffix MACs MD5_KPDK and SHA1_KPDK. */
#ifndef _SWCR_KPDK_H
#define _SWCR_KPDK_H

struct swcr_xform;
struct shash_desc;

int swcr_kpdk_init(struct swcr_xform *xf, const void *key, unsigned int klen);
int swcr_kpdk_begin(struct swcr_xform *xf, struct shash_desc *desc);
int swcr_kpdk_end(struct swcr_xform *xf, struct shash_desc *desc);

#endif /* _SWCR_KPDK_H */
