// SPDX-License-Identifier: GPL-2.0-only
/*
 * Large user buffers are processed in place: their pages are pinned
 * (FOLL_LONGTERM is not needed, the pin lasts one operation) and
 * described by a scatterlist.  Up to CDEV_PIN_PAGES pages use arrays
 * kept in the request, so the common sizes allocate nothing.  The list
 * may start with one kernel buffer (AEAD: the copied AAD before the
 * payload).
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "cdev.h"

static void cdev_free_arrays(struct cdev_pin *p)
{
	if (p->pages && p->pages != p->page_cache) {
		kvfree(p->pages);
		kvfree(p->sg);
	}
	p->pages = NULL;
	p->sg = NULL;
	p->npages = 0;
}

int cdev_pin_user_after(struct cdev_pin *p, void *head, unsigned int hlen,
			const void __user *uaddr, size_t len, bool write)
{
	unsigned long start = (unsigned long)uaddr;
	unsigned int off = offset_in_page(start);
	unsigned int n, i, h = hlen ? 1 : 0;
	int got;

	p->npages = 0;
	p->pages = NULL;
	p->sg = NULL;
	p->write = write;
	if (!len || !access_ok(uaddr, len))
		return -EFAULT;
	n = DIV_ROUND_UP(off + len, PAGE_SIZE);
	if (n <= CDEV_PIN_PAGES) {
		p->pages = p->page_cache;
		p->sg = p->sg_cache;
	} else {
		p->pages = kvmalloc_array(n, sizeof(*p->pages), GFP_KERNEL);
		p->sg = kvmalloc_array(n + h, sizeof(*p->sg), GFP_KERNEL);
		if (!p->pages || !p->sg) {
			kvfree(p->pages);
			kvfree(p->sg);
			return -ENOMEM;
		}
	}

	got = pin_user_pages_fast(start & PAGE_MASK, n,
				  write ? FOLL_WRITE : 0, p->pages);
	if (got != n) {
		if (got > 0)
			unpin_user_pages(p->pages, got);
		cdev_free_arrays(p);
		/* A short pin means part of the range is not mapped. */
		return got < 0 && got != -EFAULT ? got : -EFAULT;
	}
	p->npages = n;

	sg_init_table(p->sg, n + h);
	if (h)
		sg_set_buf(&p->sg[0], head, hlen);
	for (i = 0; i < n; i++) {
		unsigned int chunk = min_t(size_t, PAGE_SIZE - off, len);

		sg_set_page(&p->sg[h + i], p->pages[i], chunk, off);
		len -= chunk;
		off = 0;
	}
	return 0;
}

int cdev_pin_user(struct cdev_pin *p, const void __user *uaddr, size_t len,
		  bool write)
{
	return cdev_pin_user_after(p, NULL, 0, uaddr, len, write);
}

/* Release the pins; `dirty` when the device wrote the pages. */
void cdev_unpin(struct cdev_pin *p, bool dirty)
{
	if (!p->npages)
		return;
	if (p->write)
		unpin_user_pages_dirty_lock(p->pages, p->npages, dirty);
	else
		unpin_user_pages(p->pages, p->npages);
	cdev_free_arrays(p);
}
