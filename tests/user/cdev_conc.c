// SPDX-License-Identifier: GPL-2.0-only
/*
 * cdev-conc: concurrency and lifetime.  Threads sharing one session and
 * one file, sessions freed under other threads' feet, fork (the child
 * shares the open file), CRIOGET clones used from threads, the async
 * limit, fetching from another process, close and exit with async
 * operations in flight, processes killed in the middle of operations,
 * close and exit not waiting for operations still inside an asynchronous
 * driver, the module refusing to unload while a file is open, and a
 * stress of one session (every answer right or an errno), and the
 * session the last request keeps for the next call answering exactly as
 * the session table does.  After each,
 * /dev/crypto must still give correct results.
 */
#include <poll.h>
#include <stdarg.h>
#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/mman.h>
#include <time.h>
#include "cdev_test.h"

#define NTHREADS	4
#define NOPS		300

static const uint8_t key[16] = "conc-test-key-16";
static uint8_t kat_ct[64];	/* AES-CBC of zeros, zero IV, from one call */

/* Encrypt 64 zero bytes with a zero IV and compare with kat_ct. */
static int sanity(int f, uint32_t ses)
{
	uint8_t in[64] = { 0 }, out[64], iv[16] = { 0 };

	return !do_crypt(f, ses, COP_ENCRYPT, 0, in, out, 64, iv, NULL) &&
	       !memcmp(out, kat_ct, 64);
}

/* Decrypt-after-encrypt on a fresh file: the device still works. */
static int device_ok(void)
{
	int f = cdev_open(), ok;
	uint32_t ses;

	if (f < 0)
		return 0;
	ok = !ses_new(f, CRYPTO_AES_CBC, key, 16, 0, NULL, 0, &ses) &&
	     sanity(f, ses);
	close(f);
	return ok;
}

struct targ {
	int		fd;
	uint32_t	ses;
	int		errors;
	int		id;
};

static void *worker_shared(void *p)
{
	struct targ *t = p;
	uint8_t *in = xmalloc(8192), *out = xmalloc(8192), *back =
		xmalloc(8192), iv[16], iv2[16];
	int i;

	for (i = 0; i < NOPS; i++) {
		uint32_t len = (i % 3 == 0) ? 8192 : 16 * (1 + i % 64);

		memset(in, t->id + i, len);
		memset(iv, i, 16);
		memcpy(iv2, iv, 16);
		if (do_crypt(t->fd, t->ses, COP_ENCRYPT, 0, in, out, len, iv,
			     NULL) ||
		    do_crypt(t->fd, t->ses, COP_DECRYPT, 0, out, back, len, iv2,
			     NULL) ||
		    memcmp(in, back, len))
			t->errors++;
	}
	free(in);
	free(out);
	free(back);
	return NULL;
}

static void test_threads_shared(int fd, uint32_t ses)
{
	pthread_t th[NTHREADS];
	struct targ t[NTHREADS];
	int i, errors = 0;

	for (i = 0; i < NTHREADS; i++) {
		t[i] = (struct targ){ .fd = fd, .ses = ses, .id = i };
		pthread_create(&th[i], NULL, worker_shared, &t[i]);
	}
	for (i = 0; i < NTHREADS; i++) {
		pthread_join(th[i], NULL);
		errors += t[i].errors;
	}
	check(!errors && sanity(fd, ses),
	      "%d threads x %d round trips on one session and one file (%d errors)",
	      NTHREADS, NOPS, errors);
}

static volatile int stop_churn;

static void *worker_churn(void *p)
{
	struct targ *t = p;
	uint32_t s;

	while (!stop_churn) {
		if (ses_new(t->fd, CRYPTO_AES_CBC, key, 16, 0, NULL, 0, &s)) {
			t->errors++;
			continue;
		}
		if (ses_free(t->fd, s))
			t->errors++;
	}
	return NULL;
}

/* Free a session while other threads are using it. */
static void *worker_victim(void *p)
{
	struct targ *t = p;
	uint8_t buf[4096], iv[16] = { 0 };
	int err;

	while (!stop_churn) {
		err = do_crypt(t->fd, t->ses, COP_ENCRYPT, 0, buf, buf,
			       sizeof(buf), iv, NULL);
		if (err == -EINVAL)
			break;		/* freed: the expected end */
		if (err)
			t->errors++;
	}
	return NULL;
}

static void test_churn(int fd)
{
	pthread_t th[4];
	struct targ t[4];
	uint32_t victim;
	int i, errors = 0;

	if (ses_new(fd, CRYPTO_AES_CBC, key, 16, 0, NULL, 0, &victim)) {
		skip("no AES-CBC session", "sessions created/freed/used concurrently");
		return;
	}
	stop_churn = 0;
	for (i = 0; i < 4; i++) {
		t[i] = (struct targ){ .fd = fd, .ses = victim, .id = i };
		pthread_create(&th[i], NULL, i < 2 ? worker_churn :
			       worker_victim, &t[i]);
	}
	usleep(200000);
	i = ses_free(fd, victim);
	usleep(100000);
	stop_churn = 1;
	for (i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		errors += t[i].errors;
	}
	check(!errors && ses_free(fd, victim) == -EINVAL && device_ok(),
	      "sessions created/freed/used concurrently; a freed session answers EINVAL (%d errors)",
	      errors);
}

static void test_fork(int fd, uint32_t ses)
{
	pid_t pid = fork();
	int status = 0;

	if (pid == 0) {
		uint32_t mine;
		int ok = sanity(fd, ses) &&
			 !ses_new(fd, CRYPTO_AES_CBC, key, 16, 0, NULL, 0,
				  &mine) &&
			 sanity(fd, mine);

		/* mine is left open on purpose: the file is shared. */
		_exit(ok ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
	      sanity(fd, ses),
	      "fork: the child uses the parent's session and file, the parent goes on");
}

static void *worker_clone(void *p)
{
	struct targ *t = p;
	int i;

	for (i = 0; i < 100; i++)
		if (!sanity(t->fd, t->ses))
			t->errors++;
	return NULL;
}

static void test_crioget(int fd, uint32_t ses)
{
	uint32_t clone;
	pthread_t th;
	struct targ t;
	int err;

	err = xioctl(fd, CRIOGET, &clone);
	if (err) {
		check(0, "CRIOGET clone used from a thread (%d)", err);
		return;
	}
	t = (struct targ){ .fd = (int)clone, .ses = ses };
	pthread_create(&th, NULL, worker_clone, &t);
	worker_clone(&(struct targ){ .fd = fd, .ses = ses });
	pthread_join(th, NULL);
	close((int)clone);
	check(!t.errors && sanity(fd, ses),
	      "CRIOGET clone used from a thread while the original is used (%d errors)",
	      t.errors);
}

static int async_submit(int f, uint32_t ses, uint8_t *buf, uint32_t len,
			uint8_t *iv)
{
	struct crypt_op op;

	memset(&op, 0, sizeof(op));
	op.ses = ses;
	op.op = COP_ENCRYPT;
	op.len = len;
	op.src = buf;
	op.dst = buf;
	op.iv = iv;
	return xioctl(f, CIOCASYNCCRYPT, &op);
}

static void test_async_limits(void)
{
	unsigned int max = param("max_async", 64), i;
	uint8_t *buf = xmalloc(4096 * 8), iv[16] = { 0 };
	struct crypt_op op;
	int f = cdev_open(), err = 0, err2 = 0;
	uint32_t ses;
	pid_t pid;
	int status;

	if (f < 0 || ses_new(f, CRYPTO_AES_CBC, key, 16, 0, NULL, 0, &ses)) {
		skip("no AES-CBC session", "async operations beyond max_async: EBUSY");
		skip("no AES-CBC session", "CIOCASYNCFETCH from another process: EPERM");
		if (f >= 0)
			close(f);
		free(buf);
		return;
	}
	for (i = 0; i < max && !err; i++)
		err = async_submit(f, ses, buf + (i % 8) * 4096, 64, iv);
	err2 = async_submit(f, ses, buf, 64, iv);
	check(!err && err2 == -EBUSY,
	      "async operations beyond max_async (%u): EBUSY (%d, %d)", max,
	      err, err2);

	pid = fork();
	if (pid == 0) {
		memset(&op, 0, sizeof(op));
		_exit(xioctl(f, CIOCASYNCFETCH, &op) == -EPERM ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "CIOCASYNCFETCH from another process: EPERM");
	close(f);	/* with max_async results never fetched */
	free(buf);
}

/* Close (and exit) with asynchronous operations in flight. */
static void test_async_close(void)
{
	int round, ok = 1;

	for (round = 0; round < 4; round++) {
		pid_t pid = fork();
		int status;

		if (pid == 0) {
			int f = cdev_open(), i;
			uint32_t ses;
			uint8_t *big = xmalloc(64 * 65536), iv[16] = { 0 };

			if (f < 0 || ses_new(f, CRYPTO_AES_CBC, key, 16, 0,
					     NULL, 0, &ses))
				_exit(2);
			for (i = 0; i < 32; i++)
				async_submit(f, ses, big + (i % 64) * 65536,
					     65536, iv);
			if (round & 1)
				close(f);	/* then exit */
			if (round & 2)
				munmap(big, 64 * 65536);	/* may fail */
			_exit(0);
		}
		waitpid(pid, &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			ok = 0;
	}
	check(ok && device_ok(),
	      "close/exit with 32 async 64 KiB operations in flight leaves a working device");
}

/* Operations left in an asynchronous driver by close() and exit. */
#define HW_OPS		64	/* max_async's default */
#define HW_LEN		(1u << 20)
#define NOWAIT_TRIES	8

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/*
 * An AES-CBC session on a hardware driver (virtio-crypto in the VM):
 * cryptosoft finishes every operation inside the ioctl that submits it,
 * so only a hardware driver leaves operations in flight.
 */
static int hw_open(uint32_t *ses)
{
	int f = cdev_open();

	if (f < 0)
		return -1;
	if (ses_new_crid(f, CRYPTO_AES_CBC, key, 16, CRYPTOCAP_F_HARDWARE,
			 ses)) {
		close(f);
		return -1;
	}
	return f;
}

/* HW_OPS in-place operations over one buffer: 0 when all were queued. */
static int hw_submit(int f, uint32_t ses, uint8_t *buf)
{
	uint8_t iv[16] = { 0 };
	int i, err = 0;

	for (i = 0; i < HW_OPS && !err; i++)
		err = async_submit(f, ses, buf, HW_LEN, iv);
	return err;
}

/* Fetch HW_OPS results; 0 when all came back without error. */
static int hw_fetch_all(int f)
{
	struct pollfd p = { .fd = f, .events = POLLIN };
	struct crypt_op op;
	int got = 0, err;

	while (got < HW_OPS) {
		if (poll(&p, 1, 60000) != 1)
			return -ETIMEDOUT;
		memset(&op, 0, sizeof(op));
		err = xioctl(f, CIOCASYNCFETCH, &op);
		if (err == -EBUSY)
			continue;
		if (err)
			return err;
		got++;
	}
	return 0;
}

/*
 * One column of /sys/kernel/debug/ocf/drivers summed over every driver,
 * or over hardware drivers only when @hw_only; -1 when unreadable.
 */
static long long ocf_drivers_sum(const char *column, int hw_only)
{
	char line[512], *tok, *save;
	long long total = 0;
	int col = -1, i, seen;
	FILE *fp = fopen("/sys/kernel/debug/ocf/drivers", "r");

	if (!fp)
		return -1;
	if (fgets(line, sizeof(line), fp))	/* the header names them */
		for (i = 0, tok = strtok_r(line, " \n", &save); tok;
		     i++, tok = strtok_r(NULL, " \n", &save))
			if (!strcmp(tok, column))
				col = i;
	while (col >= 0 && fgets(line, sizeof(line), fp)) {
		int hw = 0;

		for (i = 0, seen = 0, tok = strtok_r(line, " \n", &save); tok;
		     i++, tok = strtok_r(NULL, " \n", &save)) {
			if (i == 2)	/* flags: "hw", "sw,sync"... */
				hw = !strncmp(tok, "hw", 2);
			if (i == col) {
				if (!hw_only || hw)
					total += strtoll(tok, NULL, 10);
				seen = 1;
			}
		}
		if (!seen)
			col = -1;
	}
	fclose(fp);
	return col >= 0 ? total : -1;
}

/*
 * Bytes hardware drivers have completed: counted before each request's
 * callback runs.
 */
static long long hw_bytes(void)
{
	return ocf_drivers_sum("bytes", 1);
}

/* hw_bytes() once it stops moving (100 ms still, at most 10 s). */
static long long hw_bytes_settled(void)
{
	long long last = hw_bytes(), b;
	int still = 0, polls;

	for (polls = 0; polls < 2000 && still < 20 && last >= 0; polls++) {
		usleep(5000);
		b = hw_bytes();
		still = b == last ? still + 1 : 0;
		last = b;
	}
	return last;
}

/*
 * A child opens a session on the hardware driver, queues HW_OPS
 * operations, fetches their results when @fetch, and exits.  *@left
 * (when not NULL): what the driver completed after the child was
 * reaped (bytes).
 * Returns the ms from its last step until it was reaped, or -1 without
 * a pipe; *@clean: it ran and exited cleanly.
 */
static double time_exit(uint8_t *buf, int fetch, long long *left,
			int *clean)
{
	int pipefd[2], status, err;
	long long reaped;
	uint32_t ses;
	double t0;
	pid_t pid;
	char c;
	int f;

	*clean = 0;
	if (pipe(pipefd))
		return -1;
	pid = fork();
	if (pid == 0) {
		f = hw_open(&ses);
		if (f < 0 || hw_submit(f, ses, buf))
			_exit(2);
		if (fetch && hw_fetch_all(f))
			_exit(4);
		c = 1;
		if (write(pipefd[1], &c, 1) != 1)
			_exit(3);
		_exit(0);	/* the file is closed by exit */
	}
	close(pipefd[1]);
	err = read(pipefd[0], &c, 1) != 1;
	t0 = now_ms();
	waitpid(pid, &status, 0);
	t0 = now_ms() - t0;
	if (left) {
		reaped = hw_bytes();
		*left = hw_bytes_settled() - reaped;
	}
	close(pipefd[0]);
	*clean = !err && WIFEXITED(status) && WEXITSTATUS(status) == 0;
	return t0;
}

/*
 * Not waiting is seen directly: the driver still completes the file's
 * operations after close() returned, or after the process was reaped.
 * One that waited leaves nothing to complete.  A vCPU the host takes
 * away, or device work the emulator runs on the caller's vCPU, can
 * stall close() or exit until the driver is done: up to eight tries.
 * A child's exit and reap can outlast a short tail, though: then exit
 * is timed against the same child's exit with nothing left (waiting
 * would add about the tail), or skipped when the tail is too short to
 * tell.
 */
static void test_close_nowait(void)
{
	const char *n1 = "close() with 64 async 1 MiB operations queued on a hardware driver does not wait for them";
	const char *n2 = "exit with 64 async 1 MiB operations queued on a hardware driver does not wait; the device works after";
	/* Page-aligned: one virtio descriptor per page. */
	uint8_t *buf = mmap(NULL, HW_LEN, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long long closed, left = 0;
	int f, err, tries, clean = 0;
	double t0, tail, texit = 1e9, tdone = 1e9;
	uint32_t ses;

	if (buf == MAP_FAILED) {
		skip("no memory", "%s", n1);
		skip("no memory", "%s", n2);
		return;
	}
	memset(buf, 7, HW_LEN);
	f = hw_open(&ses);
	if (f < 0) {
		skip("no hardware driver for AES-CBC: every operation ends inside its ioctl", "%s", n1);
		skip("no hardware driver for AES-CBC: every operation ends inside its ioctl", "%s", n2);
		munmap(buf, HW_LEN);
		return;
	}
	err = hw_submit(f, ses, buf);
	t0 = now_ms();
	if (!err)
		err = hw_fetch_all(f);
	tail = now_ms() - t0;
	if (err || hw_bytes() < 0) {
		char why[96];

		snprintf(why, sizeof(why), "%s%s",
			 err ? "the batch failed: " :
			 "/sys/kernel/debug/ocf/drivers not readable",
			 err ? strerror(-err) : "");
		skip(why, "%s", n1);
		skip(why, "%s", n2);
		close(f);
		munmap(buf, HW_LEN);
		return;
	}
	ktap_diag("%d x 1 MiB: the driver works %.1f ms after the last submission",
		  HW_OPS, tail);

	for (tries = 0, left = 0; tries < NOWAIT_TRIES && !left; tries++) {
		if (tries) {
			f = hw_open(&ses);
			if (f < 0)
				break;
		}
		err = hw_submit(f, ses, buf);
		t0 = now_ms();
		close(f);
		closed = hw_bytes();
		t0 = now_ms() - t0;
		left = hw_bytes_settled() - closed;
		ktap_diag("close() took %.2f ms; the driver completed %lld KiB after it",
			  t0, left >> 10);
		if (err)
			break;
	}
	check(!err && left > 0, "%s", n1);

	for (tries = 0, left = 0; tries < NOWAIT_TRIES && !left; tries++) {
		t0 = time_exit(buf, 0, &left, &clean);
		if (t0 < 0)
			goto no_pipe;
		ktap_diag("exit took %.2f ms; the driver completed %lld KiB after the reap",
			  t0, left >> 10);
		if (!clean)
			break;
		if (t0 < texit)
			texit = t0;
	}
	if (clean && !left && tail < 8) {
		char why[128];

		snprintf(why, sizeof(why),
			 "the driver was done before the child was reaped (tail %.1f ms): too fast to tell",
			 tail);
		skip(why, "%s", n2);
		munmap(buf, HW_LEN);
		return;
	}
	for (tries = 0; clean && !left && tries < 3; tries++) {
		/* Nothing is left in the driver: no byte count to wait for. */
		t0 = time_exit(buf, 1, NULL, &clean);
		if (t0 < 0)
			goto no_pipe;
		if (t0 < tdone)
			tdone = t0;
	}
	if (clean && !left)
		ktap_diag("exit: best %.2f ms with every result fetched, %.2f ms with them queued",
			  tdone, texit);
	check(clean && (left > 0 || texit < tdone + tail / 2) && device_ok(),
	      "%s", n2);
	munmap(buf, HW_LEN);
	return;
no_pipe:
	skip("no pipe", "%s", n2);
	munmap(buf, HW_LEN);
}

/* A process killed while it is in the middle of operations. */
static void test_killed(void)
{
	int round, ok = 1;

	for (round = 0; round < 8; round++) {
		pid_t pid = fork();
		int status;

		if (pid == 0) {
			int f = cdev_open();
			uint32_t ses, len = 4u << 20;
			uint8_t *big = xmalloc(len), iv[16] = { 0 };

			if (f < 0 || ses_new(f, CRYPTO_AES_CBC, key, 16, 0,
					     NULL, 0, &ses))
				_exit(2);
			memset(big, 1, len);
			for (;;)
				do_crypt(f, ses, COP_ENCRYPT, 0, big,
					 big, len, iv, NULL);
		}
		usleep(20000 + round * 30000);
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		if (!WIFSIGNALED(status))
			ok = 0;
	}
	check(ok && device_ok(),
	      "processes killed in the middle of 4 MiB operations leave a working device");
}

static void test_rmmod(void)
{
	long r;

	/* O_NONBLOCK: fail at once instead of waiting for users to leave. */
	r = syscall(SYS_delete_module, "cryptodev", O_NONBLOCK);
	if (r == -1 && errno == EPERM) {
		skip("not allowed to unload modules", "rmmod cryptodev refused while /dev/crypto is open");
		return;
	}
	if (r == -1 && errno == ENOENT) {
		skip("cryptodev is not a module here", "rmmod cryptodev refused while /dev/crypto is open");
		return;
	}
	check(r == -1 && (errno == EWOULDBLOCK || errno == EBUSY) &&
	      device_ok(),
	      "rmmod cryptodev refused while /dev/crypto is open (%s), device still works",
	      r ? strerror(errno) : "it unloaded!");
}

/*
 * ---- one session hammered by threads: every answer right or an errno ----
 *
 * Threads encrypt and decrypt with the file's current session, sizes
 * around the copy/pin crossover, NO_ZC on and off, in place, out of
 * place and on their stacks, while one thread replaces the session (a
 * new one, then CIOCFSESSION of the old: users of the old one must get
 * EINVAL), one churns sessions on a file of its own, and, as root, one
 * flips kern.cryptodevallowsoft and cryptodev's copy_max.  Every session
 * has the same key, so a reused id cannot excuse a wrong answer.
 */
#define ST_THREADS	6

/* Around copy_max (256/4096 as flipped) and the 64 KiB bounce limit. */
static const uint32_t st_lens[] = { 16, 240, 256, 272, 1024, 4080, 4096,
				    4112, 8192, 65536, 65552 };
#define ST_NLEN		ARRAY_LEN(st_lens)
#define ST_MAXLEN	65552
#define ST_STACKLEN	8192
#define CDEV_DEFAULT_MAX_OP_LEN	(4u << 20)

struct stress {
	int		fd;
	uint32_t	ses;		/* the current session, atomically */
	unsigned int	gen;		/* bumped before the old one is freed */
	volatile int	stop;
	uint8_t		*pt;
	uint8_t		*ct[ST_NLEN];
	uint8_t		iv[ST_NLEN][16];
	unsigned long	replaced, flips, bad_ctl;
	unsigned int	max_op_len;	/* cryptodev's, at the start */
	unsigned int	reported;
	char		first[3][200];
};

struct st_thread {
	struct stress	*s;
	pthread_t	th;
	uint64_t	rng;
	unsigned long	ok, freed, limited, wrong, errs;
	unsigned long	ops_zc, ops_nozc;
};

static uint32_t st_rnd(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return (uint32_t)(*x >> 16);
}

static __attribute__((format(printf, 2, 3)))
void st_note(struct stress *s, const char *fmt, ...)
{
	unsigned int i = __atomic_fetch_add(&s->reported, 1, __ATOMIC_RELAXED);
	va_list ap;

	if (i >= ARRAY_LEN(s->first))
		return;
	va_start(ap, fmt);
	vsnprintf(s->first[i], sizeof(s->first[i]), fmt, ap);
	va_end(ap);
}

static const char *st_driver(int fd, uint32_t ses)
{
	static __thread char name[64];
	struct session_info_op si;

	memset(&si, 0, sizeof(si));
	si.ses = ses;
	if (xioctl(fd, CIOCGSESSINFO, &si))
		return "(session gone)";
	snprintf(name, sizeof(name), "%.60s", si.cipher_info.cra_driver_name);
	return name;
}

/* One operation; what came back is classified into the counters. */
static void st_one(struct st_thread *t, uint8_t *heap, uint8_t *stack)
{
	struct stress *s = t->s;
	unsigned int i = st_rnd(&t->rng) % ST_NLEN, mode, off, nbad = 0;
	uint32_t len = st_lens[i], ses, gen;
	int enc = st_rnd(&t->rng) % 2, flags = 0, err;
	const uint8_t *in = enc ? s->pt : s->ct[i];
	const uint8_t *want = enc ? s->ct[i] : s->pt;
	uint8_t iv[16], *src, *dst;

	if (st_rnd(&t->rng) % 2)
		flags |= COP_FLAG_NO_ZC;
	mode = st_rnd(&t->rng) % 3;
	if (mode == 2 && len > ST_STACKLEN)
		mode = 0;
	memcpy(iv, s->iv[i], 16);
	if (mode == 0) {		/* out of place */
		src = (uint8_t *)in;
		dst = heap;
		memset(dst, 0xa5, len);
	} else {			/* in place, heap or stack */
		src = dst = mode == 1 ? heap : stack;
		memcpy(dst, in, len);
	}
	gen = __atomic_load_n(&s->gen, __ATOMIC_ACQUIRE);
	ses = __atomic_load_n(&s->ses, __ATOMIC_ACQUIRE);
	err = do_crypt(s->fd, ses, enc ? COP_ENCRYPT : COP_DECRYPT, flags,
		       src, dst, len, iv, NULL);
	if (flags & COP_FLAG_NO_ZC)
		t->ops_nozc++;
	else
		t->ops_zc++;
	if (!err && !memcmp(dst, want, len)) {
		t->ok++;
		return;
	}
	if (!err) {
		t->wrong++;
		for (off = 0; off < len; off++)
			nbad += dst[off] != want[off];
		for (off = 0; dst[off] == want[off]; off++)
			;
		st_note(s, "wrong answer: ses %u %s %u B %s %s, %u bytes differ from %u, driver now %s",
			ses, enc ? "enc" : "dec", len,
			flags ? "NO_ZC" : "ZC-allowed",
			mode == 0 ? "out of place" : mode == 1 ?
			"in place" : "in place on the stack", nbad, off,
			st_driver(s->fd, ses));
		return;
	}
	if (err == -EINVAL && __atomic_load_n(&s->gen, __ATOMIC_ACQUIRE) != gen) {
		t->freed++;		/* replaced and freed meanwhile */
		return;
	}
	/* max_op_len lowered (by cdev_fuzz run alongside): not our doing. */
	if (err == -E2BIG && (len > s->max_op_len ||
			      param("max_op_len", ~0u) != s->max_op_len ||
			      s->max_op_len != CDEV_DEFAULT_MAX_OP_LEN)) {
		t->limited++;
		return;
	}
	t->errs++;
	st_note(s, "ses %u %s %u B flags %#x mode %u: %s (session not freed)",
		ses, enc ? "enc" : "dec", len, flags, mode, strerror(-err));
}

static void *st_worker(void *p)
{
	struct st_thread *t = p;
	uint8_t *heap = xmalloc(ST_MAXLEN), stack[ST_STACKLEN];

	while (!t->s->stop)
		st_one(t, heap, stack);
	free(heap);
	return NULL;
}

/* A session with the stress key on driver class crid (0: either). */
static int st_session(int fd, int crid, uint32_t *ses)
{
	return ses_new_crid(fd, CRYPTO_AES_CBC, key, 16, crid, ses);
}

/* Replace the shared session now and then: new one in, old one freed. */
static void *st_replacer(void *p)
{
	struct st_thread *t = p;
	struct stress *s = t->s;
	static const int crids[] = { 0, CRYPTOCAP_F_SOFTWARE,
				     CRYPTOCAP_F_HARDWARE };
	uint32_t ses, old;
	int err;

	while (!s->stop) {
		usleep(st_rnd(&t->rng) % 20000);
		/* EPERM/ENOENT: the policy or the hardware forbids it now. */
		if (st_session(s->fd, crids[st_rnd(&t->rng) % 3], &ses))
			continue;
		old = __atomic_exchange_n(&s->ses, ses, __ATOMIC_ACQ_REL);
		__atomic_fetch_add(&s->gen, 1, __ATOMIC_ACQ_REL);
		err = ses_free(s->fd, old);
		if (err) {
			s->bad_ctl++;
			st_note(s, "CIOCFSESSION of replaced session %u: %s",
				old, strerror(-err));
		}
		s->replaced++;
	}
	return NULL;
}

/* Sessions of its own on a file of its own, and CIOCGSESSINFO. */
static void *st_churn(void *p)
{
	struct st_thread *t = p;
	struct stress *s = t->s;
	int f = cdev_open();
	uint32_t ses;

	while (!s->stop) {
		st_driver(s->fd, __atomic_load_n(&s->ses, __ATOMIC_ACQUIRE));
		if (f >= 0 && !ses_new(f, CRYPTO_AES_CBC, key, 16, 0, NULL, 0,
				       &ses))
			ses_free(f, ses);
	}
	if (f >= 0)
		close(f);
	return NULL;
}

static const char *const st_knobs[] = {
	"/proc/sys/kern/cryptodevallowsoft",
	"/sys/module/ocf/parameters/cryptodevallowsoft",
	"/sys/module/cryptodev/parameters/copy_max",
};

/* As root: flip the software policy and the copy/pin crossover. */
static void *st_flipper(void *p)
{
	struct st_thread *t = p;
	struct stress *s = t->s;
	static const char *const allow[] = { "-1", "0", "1" };
	static const char *const copy[] = { "256", "4096", "65536" };
	const char *knob = NULL;
	char saved[2][32];
	int have_copy;

	if (read_file(st_knobs[0], saved[0], sizeof(saved[0])))
		knob = st_knobs[0];
	else if (read_file(st_knobs[1], saved[0], sizeof(saved[0])))
		knob = st_knobs[1];
	have_copy = read_file(st_knobs[2], saved[1], sizeof(saved[1]));
	while (!s->stop) {
		usleep(st_rnd(&t->rng) % 5000);
		if (knob && write_file(knob, allow[st_rnd(&t->rng) % 3]))
			s->flips++;
		if (have_copy && write_file(st_knobs[2],
					  copy[st_rnd(&t->rng) % 3]))
			s->flips++;
	}
	if ((knob && !write_file(knob, saved[0])) ||
	    (have_copy && !write_file(st_knobs[2], saved[1])))
		s->bad_ctl++;
	return NULL;
}

/* The expected ciphertexts, from a software session; hardware agrees. */
static int st_setup(struct stress *s)
{
	uint32_t sw, hw;
	uint8_t iv[16], *tmp = xmalloc(ST_MAXLEN);
	int f = cdev_open(), have_hw, ok = 1;
	unsigned int i;

	if (f < 0 || st_session(f, CRYPTOCAP_F_SOFTWARE, &sw)) {
		ktap_diag("no software AES-CBC session");
		ok = 0;
		goto out;
	}
	have_hw = !st_session(f, CRYPTOCAP_F_HARDWARE, &hw);
	s->pt = xmalloc(ST_MAXLEN);
	rnd_fill(s->pt, ST_MAXLEN);
	for (i = 0; i < ST_NLEN && ok; i++) {
		s->ct[i] = xmalloc(st_lens[i]);
		rnd_fill(s->iv[i], 16);
		memcpy(iv, s->iv[i], 16);
		ok = !do_crypt(f, sw, COP_ENCRYPT, COP_FLAG_NO_ZC, s->pt,
			       s->ct[i], st_lens[i], iv, NULL);
		if (ok && have_hw) {
			memcpy(iv, s->iv[i], 16);
			ok = !do_crypt(f, hw, COP_ENCRYPT, 0, s->pt, tmp,
				       st_lens[i], iv, NULL) &&
			     !memcmp(tmp, s->ct[i], st_lens[i]);
			if (!ok)
				ktap_diag("software and hardware disagree at %u B",
					  st_lens[i]);
		}
	}
out:
	if (f >= 0)
		close(f);
	free(tmp);
	return ok;
}

static void test_stress(unsigned int secs, unsigned int nthreads)
{
	struct stress s;
	struct st_thread *t = calloc(nthreads + 3, sizeof(*t));
	unsigned long ok = 0, freed = 0, limited = 0, wrong = 0, errs = 0;
	unsigned long zc = 0, nozc = 0;
	unsigned int i, n = 0;

	memset(&s, 0, sizeof(s));
	s.max_op_len = param("max_op_len", ~0u);
	s.fd = cdev_open();
	if (!t || s.fd < 0 || !st_setup(&s) ||
	    st_session(s.fd, 0, &s.ses)) {
		check(0, "stress: set-up");
		return;
	}
	for (i = 0; i < nthreads + 3; i++) {
		void *(*fn)(void *) = i < nthreads ? st_worker :
				      i == nthreads ? st_replacer :
				      i == nthreads + 1 ? st_churn : st_flipper;

		t[i].s = &s;
		t[i].rng = ((uint64_t)rnd32() << 32 | rnd32()) | 1;
		if (pthread_create(&t[i].th, NULL, fn, &t[i]))
			break;
		n++;
	}
	sleep(secs);
	s.stop = 1;
	for (i = 0; i < n; i++) {
		pthread_join(t[i].th, NULL);
		ok += t[i].ok;
		freed += t[i].freed;
		limited += t[i].limited;
		wrong += t[i].wrong;
		errs += t[i].errs;
		zc += t[i].ops_zc;
		nozc += t[i].ops_nozc;
	}
	ktap_diag("stress: %u threads, %us: %lu right, %lu EINVAL (freed), %lu E2BIG (max_op_len lowered), %lu wrong, %lu other errors; %lu replacements, %lu knob flips; %lu ZC allowed, %lu NO_ZC",
		  nthreads, secs, ok, freed, limited, wrong, errs, s.replaced,
		  s.flips, zc, nozc);
	for (i = 0; i < s.reported && i < ARRAY_LEN(s.first); i++)
		ktap_diag("stress: %s", s.first[i]);
	ses_free(s.fd, s.ses);
	close(s.fd);
	for (i = 0; i < ST_NLEN; i++)
		free(s.ct[i]);
	free(s.pt);
	free(t);
	check(n == nthreads + 3 && ok && !wrong && !errs && !s.bad_ctl &&
	      device_ok(),
	      "%u threads on one session, replaced and freed under them, knobs flipped: every answer right or EINVAL (%lu right, %lu wrong, %lu errors)",
	      nthreads, ok, wrong, errs);
}

/*
 * The hot request keeps its session's reference for the next CIOCCRYPT
 * (docs/cryptodev.md): whatever it keeps must answer as the session
 * table does.  Two AES-CBC keys tell which session ran a call.
 */
static const uint8_t key2[16] = "conc-other-key-2";
static uint8_t ref_ct[2][64];	/* 64 zero bytes, zero IV, key / key2 */

static const uint8_t *sc_key(int which)
{
	return which ? key2 : key;
}

/* 0 when 64 zero bytes encrypt to the reference of `which`, else -errno. */
static int sc_enc(int f, uint32_t ses, int which)
{
	uint8_t in[64] = { 0 }, out[64], iv[16] = { 0 };
	int err = do_crypt(f, ses, COP_ENCRYPT, 0, in, out, 64, iv, NULL);

	if (!err && memcmp(out, ref_ct[which], 64))
		err = -EILSEQ;
	return err;
}

static int sc_new(int f, int which, uint32_t *ses)
{
	return ses_new(f, CRYPTO_AES_CBC, sc_key(which), 16, 0, NULL, 0, ses);
}

/* The references, each from a file of its own with one session. */
static int sc_refs(void)
{
	uint8_t zero[64] = { 0 }, iv[16];
	uint32_t s;
	int i, f, ok = 1;

	for (i = 0; ok && i < 2; i++) {
		f = cdev_open();
		memset(iv, 0, sizeof(iv));
		ok = f >= 0 && !sc_new(f, i, &s) &&
		     !do_crypt(f, s, COP_ENCRYPT, 0, zero, ref_ct[i], 64, iv,
			       NULL);
		if (f >= 0)
			close(f);
	}
	return ok && memcmp(ref_ct[0], ref_ct[1], 64);
}

static void test_cache_freed(int fd)
{
	struct crypt_sfop sf;
	uint32_t a, b;
	int e1 = -1, e2 = -1, e3 = -1, e4 = -1;

	if (!sc_new(fd, 0, &a)) {
		e1 = sc_enc(fd, a, 0);
		if (!ses_free(fd, a))
			e2 = sc_enc(fd, a, 0);
	}
	if (!sc_new(fd, 1, &b)) {
		e3 = sc_enc(fd, b, 1);
		sf = (struct crypt_sfop){ .count = 1, .sesid = &b };
		if (!xioctl(fd, CIOCNFSESSION, &sf) && !sf.status)
			e4 = sc_enc(fd, b, 1);
	}
	check(!e1 && e2 == -EINVAL && !e3 && e4 == -EINVAL,
	      "a session used and then freed answers EINVAL at once (CIOCFSESSION %d, CIOCNFSESSION %d)",
	      e2, e4);
}

static void test_cache_turns(int fd)
{
	uint32_t a, b, c;
	int i, bad = 0, freed_ok = 0;

	if (sc_new(fd, 0, &a) || sc_new(fd, 1, &b)) {
		check(0, "two sessions used in turn on one file");
		return;
	}
	for (i = 0; i < 32; i++)
		bad += !!sc_enc(fd, a, 0) + !!sc_enc(fd, b, 1);
	check(!bad, "two sessions used in turn on one file each run with their own key (%d wrong)",
	      bad);
	/* A fresh session after each free, with the other key. */
	bad = 0;
	for (i = 0; i < 64; i++) {
		if (sc_new(fd, i & 1, &c)) {
			bad++;
			continue;
		}
		bad += !!sc_enc(fd, c, i & 1);
		bad += !!ses_free(fd, c);
		freed_ok += sc_enc(fd, c, i & 1) == -EINVAL;
		bad += !!sc_enc(fd, a, 0);
	}
	check(!bad && freed_ok == 64,
	      "sessions created, used and freed in turn: each runs with its own key, each freed id answers EINVAL (%d wrong, %d/64 EINVAL)",
	      bad, freed_ok);
	ses_free(fd, a);
	ses_free(fd, b);
}

static void test_cache_two_files(void)
{
	int fx = cdev_open(), fy = cdev_open(), i, bad = 0;
	uint32_t sx = 0, sy = 0;

	if (fx < 0 || fy < 0 || sc_new(fx, 0, &sx) || sc_new(fy, 1, &sy))
		bad = -1;
	for (i = 0; !bad && i < 32; i++)
		bad += !!sc_enc(fx, sx, 0) + !!sc_enc(fy, sy, 1);
	check(!bad, "session %u of one file and %u of another, used in turn, each run with their own key (%d wrong)",
	      sx, sy, bad);
	if (fx >= 0)
		close(fx);
	if (fy >= 0)
		close(fy);
}

/*
 * The count covers every driver, so sessions of earlier groups still
 * being torn down, or a leg the framework opens in the background, can
 * move it meanwhile: up to five tries, one exact one passes.  A session
 * kept alive would leave one more each time and fail them all.
 */
static void test_cache_released(int fd)
{
	long before = ocf_drivers_sum("sessions", 0), during = -1, after = -1;
	uint32_t s;
	int err = 0, i;

	if (before < 0) {
		skip("/sys/kernel/debug/ocf/drivers not readable",
		     "CIOCFSESSION releases the driver's session");
		return;
	}
	for (i = 0; i < 5; i++) {
		before = ocf_drivers_sum("sessions", 0);
		err = sc_new(fd, 0, &s);
		if (err)
			break;
		err = sc_enc(fd, s, 0);
		during = ocf_drivers_sum("sessions", 0);
		ses_free(fd, s);
		after = ocf_drivers_sum("sessions", 0);
		if (err || (during > before && after == before))
			break;
		usleep(100000);
	}
	check(!err && during > before && after == before,
	      "CIOCFSESSION releases the driver's session at once, used or not (%ld, %ld, %ld; try %d)",
	      before, during, after, i + 1);
}

struct sc_arg {
	int		fd;
	int		which;
	int		errors;
	uint32_t	ses;
	int		freed;		/* set once CIOCFSESSION returned */
};

static volatile int sc_stop;

static void *sc_user(void *p)
{
	struct sc_arg *t = p;
	int i;

	for (i = 0; i < 400; i++)
		t->errors += !!sc_enc(t->fd, t->ses, t->which);
	return NULL;
}

static void *sc_churner(void *p)
{
	struct sc_arg *t = p;
	uint32_t s;
	int i = 0;

	while (!sc_stop) {
		i++;
		if (sc_new(t->fd, i & 1, &s)) {
			t->errors++;
			continue;
		}
		t->errors += !!sc_enc(t->fd, s, i & 1);
		t->errors += !!ses_free(t->fd, s);
		t->errors += sc_enc(t->fd, s, i & 1) != -EINVAL;
	}
	return NULL;
}

static void test_cache_threads(int fd)
{
	struct sc_arg t[4];
	pthread_t th[4];
	int i, errors = 0;

	sc_stop = 0;
	for (i = 0; i < 4; i++) {
		t[i] = (struct sc_arg){ .fd = fd, .which = i & 1 };
		if (i < 3 && sc_new(fd, i & 1, &t[i].ses))
			t[i].errors++;
	}
	pthread_create(&th[3], NULL, sc_churner, &t[3]);
	for (i = 0; i < 3; i++)
		pthread_create(&th[i], NULL, sc_user, &t[i]);
	for (i = 0; i < 3; i++)
		pthread_join(th[i], NULL);
	sc_stop = 1;
	pthread_join(th[3], NULL);
	for (i = 0; i < 4; i++) {
		errors += t[i].errors;
		if (i < 3)
			ses_free(fd, t[i].ses);
	}
	check(!errors,
	      "3 threads on their own sessions of one file and one creating, using and freeing more: right key, freed ids EINVAL (%d wrong)",
	      errors);
}

/* Calls that start after another thread's CIOCFSESSION returned fail. */
static void *sc_victim(void *p)
{
	struct sc_arg *t = p;
	int freed, err;

	for (;;) {
		freed = __atomic_load_n(&t->freed, __ATOMIC_SEQ_CST);
		err = sc_enc(t->fd, t->ses, t->which);
		if (freed) {
			t->errors += err != -EINVAL;
			return NULL;
		}
		if (err && err != -EINVAL)
			t->errors++;
	}
}

static void test_cache_free_race(int fd)
{
	struct sc_arg t;
	pthread_t th;
	int round, errors = 0;

	for (round = 0; round < 40; round++) {
		t = (struct sc_arg){ .fd = fd, .which = round & 1 };
		if (sc_new(fd, t.which, &t.ses)) {
			errors++;
			continue;
		}
		pthread_create(&th, NULL, sc_victim, &t);
		usleep(500 + 250 * (round % 8));
		errors += !!ses_free(fd, t.ses);
		__atomic_store_n(&t.freed, 1, __ATOMIC_SEQ_CST);
		pthread_join(th, NULL);
		errors += t.errors;
	}
	check(!errors,
	      "a session freed by one thread answers EINVAL to the other's next call, 40 rounds (%d wrong)",
	      errors);
}

static void test_session_cache(int fd)
{
	if (!sc_refs()) {
		ktap_diag("no reference ciphertexts for two AES-CBC keys");
		check(0, "session cache: references");
		return;
	}
	test_cache_freed(fd);
	test_cache_turns(fd);		/* 2 */
	test_cache_two_files();
	test_cache_released(fd);
	test_cache_threads(fd);
	test_cache_free_race(fd);
}

/*
 * cdev_conc [-S SECONDS] [-t THREADS]: with -S, only the stress case, for
 * that long (a reproducer); without, every case and a short stress.
 */
int main(int argc, char **argv)
{
	int fd = cdev_open_or_skip();
	uint8_t zero[64] = { 0 }, iv[16] = { 0 };
	unsigned int secs = 0, nthreads = ST_THREADS;
	uint32_t ses;
	int err, c;

	while ((c = getopt(argc, argv, "S:t:")) != -1) {
		if (c == 'S')
			secs = strtoul(optarg, NULL, 0);
		else if (c == 't')
			nthreads = strtoul(optarg, NULL, 0);
		else
			return KTAP_EXIT_FAIL;
	}
	err = ses_new(fd, CRYPTO_AES_CBC, key, 16, 0, NULL, 0, &ses);
	if (err) {
		char why[128];

		snprintf(why, sizeof(why), "no AES-CBC session: %s",
			 strerror(-err));
		ktap_skip_all(why);
	}
	if (do_crypt(fd, ses, COP_ENCRYPT, 0, zero, kat_ct, 64, iv, NULL))
		ktap_skip_all("AES-CBC does not run");
	if (secs) {
		ktap_plan(1);
		ktap_diag("cdev-conc stress, %s-bit", CDEV_BITS);
		test_stress(secs, nthreads ? nthreads : 1);
		close(fd);
		return ktap_exit();
	}
	ktap_plan(20);
	ktap_diag("cdev-conc, %s-bit", CDEV_BITS);
	test_threads_shared(fd, ses);
	test_session_cache(fd);		/* 7 */
	test_churn(fd);
	test_fork(fd, ses);
	test_crioget(fd, ses);
	test_async_limits();		/* 2 */
	test_async_close();
	test_close_nowait();		/* 2 */
	test_killed();
	test_rmmod();
	test_stress(3, nthreads);
	check(sanity(fd, ses), "the first file still works at the end");
	close(fd);
	return ktap_exit();
}
