// SPDX-License-Identifier: GPL-2.0-only
/*
 * /dev/crypto: the misc device, its files and the native ioctl entry.
 * Every ioctl copies its argument in, runs a handler on the kernel copy
 * and copies it back (CIOCCRYPT, which changes nothing in it, does not;
 * CIOCAUTHCRYPT writes back only `len`), so the 32-bit entry can share
 * the handlers.
 */
#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/sched/mm.h>
#include <linux/uaccess.h>
#include "cdev.h"
#include "cdev_ucopy.h"

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
		 "Largest buffer copied; larger ones are pinned in place (at most 65536 takes effect)");

unsigned int cdev_poll_max_us = CDEV_POLL_MAX_US_DEFAULT;
module_param_named(poll_max_us, cdev_poll_max_us, uint, 0644);
MODULE_PARM_DESC(poll_max_us,
		 "Longest wait for a device's completion spent polling rather than sleeping (0: never poll)");

/*
 * A file released with requests still in the framework is freed by the
 * last callback through this workqueue; module exit waits for those.
 */
static struct workqueue_struct *cdev_wq;
static atomic_t cdev_detached = ATOMIC_INIT(0);
static DECLARE_WAIT_QUEUE_HEAD(cdev_detached_wq);

static void cdev_fd_free(struct cdev_fd *f)
{
	cdev_reqs_release(f);
	kfree(f->marr);
	cdev_sessions_release(f);
	if (f->mm_owner)
		mmdrop(f->mm_owner);
	kfree(f);
}

static void cdev_fd_free_work(struct work_struct *work)
{
	cdev_fd_free(container_of(work, struct cdev_fd, free_work));
	if (atomic_dec_and_test(&cdev_detached))
		wake_up_all(&cdev_detached_wq);
}

/*
 * A request left the framework (any context).  The last one of a
 * released file has it freed in process context.
 */
void cdev_fd_put(struct cdev_fd *f)
{
	if (atomic_dec_and_test(&f->refs))
		queue_work(cdev_wq, &f->free_work);
}

static int cdev_open(struct inode *inode, struct file *filp)
{
	struct cdev_fd *f;

	if (!READ_ONCE(crypto_usercrypto))
		return -EPERM;
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	xa_init_flags(&f->sessions, XA_FLAGS_ALLOC1);
	atomic_set(&f->refs, 1);
	spin_lock_init(&f->lock);
	INIT_LIST_HEAD(&f->free_reqs);
	INIT_LIST_HEAD(&f->done);
	INIT_LIST_HEAD(&f->zombies);
	INIT_LIST_HEAD(&f->mreqs);
	init_waitqueue_head(&f->wq);
	INIT_WORK(&f->free_work, cdev_fd_free_work);
	filp->private_data = f;
	return nonseekable_open(inode, filp);
}

/*
 * Never waits for the framework: with requests in flight, the state
 * (requests, sessions, pinned pages) lives on until the last callback.
 * Unfetched results (their pages may take a while to unpin) are released
 * by the workqueue too; a file without them is freed here.
 */
static int cdev_release(struct inode *inode, struct file *filp)
{
	struct cdev_fd *f = filp->private_data;

	atomic_inc(&cdev_detached);
	if (!atomic_dec_and_test(&f->refs))
		return 0;
	/* No callback is left: the lists are ours. */
	if (!list_empty(&f->done) || !list_empty(&f->mreqs) ||
	    !list_empty(&f->zombies)) {
		queue_work(cdev_wq, &f->free_work);
		return 0;
	}
	cdev_fd_free(f);
	atomic_dec(&cdev_detached);
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

/*
 * CIOCCRYPT, the hot path, on its own: a fixed-size copy of the
 * argument needs no run-time object-size check, and as the operation
 * changes nothing in it, it is not copied back.
 */
static long cdev_ioctl_crypt(struct file *filp, struct crypt_op __user *uop)
{
	struct cdev_fd *f = filp->private_data;
	struct crypt_op cop;

	if (cdev_copy_in(&cop, uop, sizeof(cop)))
		return -EFAULT;
	cdev_reap_zombies(f);
	return cdev_crypt(f, &cop);
}

/*
 * CIOCAUTHCRYPT the same way: of its argument only `len` changes, so
 * only `len` goes back (on success, as for every ioctl).
 */
static long cdev_ioctl_authcrypt(struct file *filp,
				 struct crypt_auth_op __user *uao)
{
	struct cdev_fd *f = filp->private_data;
	struct crypt_auth_op cao;
	long ret;

	if (cdev_copy_in(&cao, uao, sizeof(cao)))
		return -EFAULT;
	cdev_reap_zombies(f);
	ret = cdev_authcrypt(f, &cao);
	if (!ret && put_user(cao.len, &uao->len))
		return -EFAULT;
	return ret;
}

static long cdev_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	if (cmd == CIOCCRYPT)
		return cdev_ioctl_crypt(filp, (void __user *)arg);
	if (cmd == CIOCAUTHCRYPT)
		return cdev_ioctl_authcrypt(filp, (void __user *)arg);
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
	int err;

	cdev_wq = alloc_workqueue("cryptodev", 0, 0);
	if (!cdev_wq)
		return -ENOMEM;
	err = misc_register(&cdev_misc);
	if (err)
		destroy_workqueue(cdev_wq);
	return err;
}

static void __exit cdev_exit(void)
{
	misc_deregister(&cdev_misc);
	/* Files closed with work in flight: their callbacks are ours. */
	wait_event(cdev_detached_wq, !atomic_read(&cdev_detached));
	destroy_workqueue(cdev_wq);
}

module_init(cdev_init);
module_exit(cdev_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("/dev/crypto user interface for OCF");
