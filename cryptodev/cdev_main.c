// SPDX-License-Identifier: GPL-2.0-only
/*
 * /dev/crypto: the misc device, its files and the native ioctl entry.
 * Every ioctl copies its argument in, runs a handler on the kernel copy
 * and copies it back, so the 32-bit entry can share the handlers.
 */
#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "cdev.h"

unsigned int cdev_max_sessions = CDEV_MAX_SESSIONS_DEFAULT;
module_param_named(max_sessions, cdev_max_sessions, uint, 0644);
MODULE_PARM_DESC(max_sessions, "Sessions per open file (ENOSPC beyond)");

unsigned int cdev_max_op_len = CDEV_MAX_OP_LEN_DEFAULT;
module_param_named(max_op_len, cdev_max_op_len, uint, 0644);
MODULE_PARM_DESC(max_op_len, "Bytes per operation (E2BIG beyond)");

unsigned int cdev_max_async = CDEV_MAX_ASYNC_DEFAULT;
module_param_named(max_async, cdev_max_async, uint, 0644);
MODULE_PARM_DESC(max_async,
		 "Asynchronous operations not yet fetched per file (EBUSY beyond)");

unsigned int cdev_copy_max = CDEV_COPY_MAX_DEFAULT;
module_param_named(copy_max, cdev_copy_max, uint, 0644);
MODULE_PARM_DESC(copy_max,
		 "Largest buffer copied; larger ones are pinned in place (at most the size requests were created with)");

static int cdev_open(struct inode *inode, struct file *filp)
{
	struct cdev_fd *f;

	if (!READ_ONCE(crypto_usercrypto))
		return -EPERM;
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	xa_init_flags(&f->sessions, XA_FLAGS_ALLOC1);
	spin_lock_init(&f->lock);
	INIT_LIST_HEAD(&f->free_reqs);
	INIT_LIST_HEAD(&f->done);
	INIT_LIST_HEAD(&f->zombies);
	INIT_LIST_HEAD(&f->mreqs);
	init_waitqueue_head(&f->wq);
	filp->private_data = f;
	return nonseekable_open(inode, filp);
}

static int cdev_release(struct inode *inode, struct file *filp)
{
	struct cdev_fd *f = filp->private_data;

	cdev_reqs_release(f);
	cdev_sessions_release(f);
	kfree(f);
	return 0;
}

static __poll_t cdev_poll(struct file *filp, poll_table *wait)
{
	struct cdev_fd *f = filp->private_data;
	__poll_t mask = 0;

	poll_wait(filp, &f->wq, wait);
	spin_lock_irq(&f->lock);
	if (!list_empty(&f->done) || f->mdone)
		mask |= EPOLLIN | EPOLLRDNORM;
	if (f->async_count < READ_ONCE(cdev_max_async))
		mask |= EPOLLOUT | EPOLLWRNORM;
	spin_unlock_irq(&f->lock);
	return mask;
}

/* A second descriptor for the same open file (cryptodev-linux's CRIOGET). */
int cdev_crioget(struct file *filp, u32 *fd_out)
{
	int fd = get_unused_fd_flags(0);

	if (fd < 0)
		return fd;
	*fd_out = fd;
	return 0;
}

void cdev_crioget_commit(struct file *filp, u32 fd, bool ok)
{
	if (!ok) {
		put_unused_fd(fd);
		return;
	}
	get_file(filp);
	fd_install(fd, filp);
}

/* The handlers, on kernel copies of the native structures. */
long cdev_ioctl_common(struct file *filp, unsigned int cmd, void *karg)
{
	struct cdev_fd *f = filp->private_data;
	struct session2_op *s2;

	cdev_reap_zombies(f);
	switch (cmd) {
	case CIOCGSESSION:
		return cdev_gsession(f, karg, NULL);
	case CIOCGSESSION2:
		s2 = karg;
		/* session2_op starts with session_op's fields, same offsets. */
		return cdev_gsession(f, karg, &s2->crid);
	case CIOCFSESSION:
		return cdev_fsession(f, *(u32 *)karg);
	case CIOCCRYPT:
		return cdev_crypt(f, karg);
	case CIOCAUTHCRYPT:
		return cdev_authcrypt(f, karg);
	case CIOCGSESSINFO:
		return cdev_gsessinfo(f, karg);
	case CIOCCPHASH:
		return cdev_cphash(f, karg);
	case CIOCASYNCCRYPT:
		return cdev_async_crypt(f, karg);
	case CIOCASYNCFETCH:
		return cdev_async_fetch(f, karg);
	case CIOCKEY:
		return cdev_key(f, karg, false);
	case CIOCKEY2:
		return cdev_key(f, karg, true);
	case CIOCASYMFEAT:
		return cdev_asymfeat(karg);
	case CIOCFINDDEV:
		return cdev_finddev(karg);
	case CIOCCOMP:
		return cdev_comp(f, karg);
	default:
		return -ENOTTY;
	}
}

union cdev_args {
	u32			u;
	struct session_op	sop;
	struct session2_op	s2;
	struct crypt_op		cop;
	struct crypt_auth_op	cao;
	struct session_info_op	si;
	struct cphash_op	cp;
	struct crypt_kop	kop;
	struct crypt_find_op	fo;
	struct crypt_comp_op	cco;
};

static bool cdev_known(unsigned int cmd)
{
	switch (cmd) {
	case CIOCGSESSION: case CIOCGSESSION2: case CIOCFSESSION:
	case CIOCCRYPT: case CIOCAUTHCRYPT: case CIOCGSESSINFO:
	case CIOCCPHASH: case CIOCASYNCCRYPT: case CIOCASYNCFETCH:
	case CIOCKEY: case CIOCKEY2: case CIOCASYMFEAT: case CIOCFINDDEV:
	case CIOCCOMP:
		return true;
	}
	return false;
}

/*
 * Copy in, run, copy out.  Key requests report their status in the
 * structure, and an asynchronous fetch returns the request it consumed,
 * so those are copied back even when the handler fails.
 */
long cdev_ioctl_native(struct file *filp, unsigned int cmd,
		       void __user *uarg)
{
	union cdev_args a;
	unsigned int size = _IOC_SIZE(cmd);
	long ret;

	if (cmd == CRIOGET) {
		u32 fd;

		ret = cdev_crioget(filp, &fd);
		if (ret)
			return ret;
		ret = put_user(fd, (u32 __user *)uarg) ? -EFAULT : 0;
		cdev_crioget_commit(filp, fd, !ret);
		return ret;
	}
	if (cdev_is_multi(cmd, false))
		return cdev_multi_ioctl(filp, cmd, uarg, false);
	if (!cdev_known(cmd))
		return -ENOTTY;
	if (WARN_ON_ONCE(size > sizeof(a)))
		return -ENOTTY;
	if (_IOC_DIR(cmd) & _IOC_WRITE) {
		if (copy_from_user(&a, uarg, size))
			return -EFAULT;
	} else {
		/* Read-only ioctls: nothing of the stack may reach the user. */
		memset(&a, 0, size);
	}
	ret = cdev_ioctl_common(filp, cmd, &a);
	if ((_IOC_DIR(cmd) & _IOC_READ) &&
	    (!ret || ((cmd == CIOCASYNCFETCH && ret != -EBUSY &&
		       ret != -EPERM))) &&
	    copy_to_user(uarg, &a, size))
		return -EFAULT;
	return ret;
}

static long cdev_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	return cdev_ioctl_native(filp, cmd, (void __user *)arg);
}

static const struct file_operations cdev_fops = {
	.owner		= THIS_MODULE,
	.open		= cdev_open,
	.release	= cdev_release,
	.poll		= cdev_poll,
	.unlocked_ioctl	= cdev_ioctl,
#ifdef CONFIG_COMPAT
	.compat_ioctl	= cdev_compat_ioctl,
#endif
};

static struct miscdevice cdev_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "crypto",
	.fops	= &cdev_fops,
	.mode	= 0666,
};

static int __init cdev_init(void)
{
	return misc_register(&cdev_misc);
}

static void __exit cdev_exit(void)
{
	misc_deregister(&cdev_misc);
}

module_init(cdev_init);
module_exit(cdev_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("/dev/crypto user interface for OCF");
