/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Small copies between userland and a request's own buffers, a word at
 * a time.  copy_{from,to}_user() end in a string move (`rep movsb` on
 * CPUs with fast short moves, a byte loop below 64 bytes on 6.1), which
 * QEMU's TCG runs a byte per iteration: about 4.5 cycles a byte, 1100
 * cycles for the two copies of a 64 B request, more than the whole
 * framework's share.  A non-constant size also costs a hardened-usercopy
 * walk of the kernel object per call.  The callers copy into or out of
 * buffers they sized themselves (checked lengths, never a slab object),
 * so a plain word loop between user_access_begin() and
 * user_access_end() does the job; larger copies keep the string move.
 */
#ifndef _OCF_CDEV_UCOPY_H
#define _OCF_CDEV_UCOPY_H

#include <linux/uaccess.h>

/* Unaligned words on the kernel side (no fortified memcpy() inside). */
struct cdev_w64 {
	u64 v;
} __packed;
struct cdev_w32 {
	u32 v;
} __packed;

/* Up to here the word loop; above, copy_{from,to}_user(). */
#define CDEV_UCOPY_MAX	1024

/* Read `len` bytes of user memory; 0 or -EFAULT. */
static __always_inline int cdev_copy_in(void *dst, const void __user *src,
					size_t len)
{
	const u8 __user *s = src;
	u8 *d = dst;

	might_fault();
	if (len > CDEV_UCOPY_MAX)
		return copy_from_user(dst, src, len) ? -EFAULT : 0;
	if (!user_access_begin(src, len))
		return -EFAULT;
	for (; len >= 8; len -= 8, s += 8, d += 8) {
		u64 w;

		unsafe_get_user(w, (const u64 __user *)s, fault);
		((struct cdev_w64 *)d)->v = w;
	}
	if (len >= 4) {
		u32 w;

		unsafe_get_user(w, (const u32 __user *)s, fault);
		((struct cdev_w32 *)d)->v = w;
		len -= 4, s += 4, d += 4;
	}
	for (; len; len--, s++, d++)
		unsafe_get_user(*d, s, fault);
	user_access_end();
	return 0;
fault:
	user_access_end();
	return -EFAULT;
}

/* Write `len` bytes to user memory; 0 or -EFAULT. */
static __always_inline int cdev_copy_out(void __user *dst, const void *src,
					 size_t len)
{
	u8 __user *d = dst;
	const u8 *s = src;

	might_fault();
	if (len > CDEV_UCOPY_MAX)
		return copy_to_user(dst, src, len) ? -EFAULT : 0;
	if (!user_access_begin(dst, len))
		return -EFAULT;
	for (; len >= 8; len -= 8, s += 8, d += 8) {
		u64 w = ((const struct cdev_w64 *)s)->v;

		unsafe_put_user(w, (u64 __user *)d, fault);
	}
	if (len >= 4) {
		u32 w = ((const struct cdev_w32 *)s)->v;

		unsafe_put_user(w, (u32 __user *)d, fault);
		len -= 4, s += 4, d += 4;
	}
	for (; len; len--, s++, d++)
		unsafe_put_user(*s, d, fault);
	user_access_end();
	return 0;
fault:
	user_access_end();
	return -EFAULT;
}

#endif /* _OCF_CDEV_UCOPY_H */
