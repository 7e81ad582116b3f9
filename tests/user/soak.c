// SPDX-License-Identifier: GPL-2.0-only
/*
 * soak [-t SECS] [-p PROCS]: a bounded mixed load with a final account.
 * For SECS seconds: the in-kernel consumers of tests/kernel/ocf_soak.ko,
 * PROCS processes on /dev/crypto (AES-CBC on whichever driver, Blowfish-
 * CBC on software), ocf_virtio unloaded and reloaded, and virtio-crypto0
 * unplugged and plugged back by the host (tests/user/soak_host.py answers
 * the "# SOAK-HOTPLUG:" lines on QEMU's monitor).  Then: every request
 * submitted completed or failed with an error, every output was right,
 * and the framework's statistics (/sys/kernel/debug/ocf/algs) counted
 * exactly the requests made on the software driver, which stays.
 * KTAP on stdout; exit 0 pass, 1 fail, 4 skip.
 */
#include <signal.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "cdev_test.h"

#define LEN		4096
#define MAX_PROCS	8
#define ALGS		"/sys/kernel/debug/ocf/algs"
#define VIRTIO_DRV	"/sys/bus/virtio/drivers/ocf_virtio"
#define SOAK_RESULTS	"/sys/kernel/debug/ocf_test/ocf_soak"

struct account {
	long	ops[2], ok[2], wrong[2], failed[2], eagain;
	int	bad_errno, setup;
};

/* A driver's per-algorithm counters from the statistics table. */
static int stat_row(const char *driver, const char *alg, long *req,
		    long *err)
{
	char line[1024], *tok, *save;
	int col, c_drv = -1, c_name = -1, c_req = -1, c_err = -1, found = 0;
	FILE *f = fopen(ALGS, "r");

	if (!f)
		return 0;
	if (fgets(line, sizeof(line), f)) {
		for (col = 0, tok = strtok_r(line, " \t\n", &save); tok;
		     tok = strtok_r(NULL, " \t\n", &save), col++) {
			if (!strcmp(tok, "driver"))
				c_drv = col;
			else if (!strcmp(tok, "name"))
				c_name = col;
			else if (!strcmp(tok, "requests"))
				c_req = col;
			else if (!strcmp(tok, "errors"))
				c_err = col;
		}
	}
	while (!found && c_req >= 0 && c_err >= 0 &&
	       fgets(line, sizeof(line), f)) {
		int d = 0, n = 0;

		for (col = 0, tok = strtok_r(line, " \t\n", &save); tok;
		     tok = strtok_r(NULL, " \t\n", &save), col++) {
			if (col == c_drv)
				d = !strcmp(tok, driver);
			else if (col == c_name)
				n = !strcmp(tok, alg);
			else if (col == c_req)
				*req = atol(tok);
			else if (col == c_err)
				*err = atol(tok);
		}
		found = d && n;
	}
	fclose(f);
	return found;
}

static int bound(void)
{
	char path[128];
	int i;

	for (i = 0; i < 8; i++) {
		snprintf(path, sizeof(path), VIRTIO_DRV "/virtio%d", i);
		if (!access(path, F_OK))
			return 1;
	}
	return 0;
}

/* Poll until bound() == want, up to secs seconds. */
static int wait_bound(int want, int secs)
{
	int i;

	for (i = 0; i < secs * 5; i++) {
		if (bound() == want)
			return 1;
		usleep(200000);
	}
	return 0;
}

static int module_loaded(const char *name)
{
	char path[96];

	snprintf(path, sizeof(path), "/sys/module/%s/initstate", name);
	return !access(path, F_OK);
}

static int run(const char *cmd)
{
	int rc = system(cmd);

	return WIFEXITED(rc) ? WEXITSTATUS(rc) : 128;
}

/* One encryption; the errno or 0. */
static int enc(int fd, uint32_t ses, const uint8_t *pt, uint8_t *out)
{
	uint8_t iv[16];

	memset(iv, 0xa5, sizeof(iv));
	return do_crypt(fd, ses, COP_ENCRYPT, 0, pt, out, LEN, iv, NULL);
}

/* A /dev/crypto process: [0] AES-CBC on any driver, [1] Blowfish software. */
static void worker(struct account *a, int id, time_t end)
{
	static uint8_t pt[LEN], out[LEN], want[2][LEN];
	uint8_t key[16];
	uint32_t ses[2], ref;
	int fd, i, err;

	rnd_state += id * 7919;
	rnd_fill(key, sizeof(key));
	rnd_fill(pt, sizeof(pt));
	fd = cdev_open();
	if (fd < 0) {
		a->setup = errno;
		_exit(0);
	}
	/* References from the software driver, which is not churned. */
	err = ses_new_crid(fd, CRYPTO_AES_CBC, key, 16, CRYPTOCAP_F_SOFTWARE, &ref);
	if (!err)
		err = enc(fd, ref, pt, want[0]);
	if (!err)
		err = ses_new_crid(fd, CRYPTO_AES_CBC, key, 16, 0, &ses[0]);
	if (!err)
		err = ses_new_crid(fd, CRYPTO_BLF_CBC, key, 16,
				   CRYPTOCAP_F_SOFTWARE, &ses[1]);
	if (!err) {
		a->ops[1]++;
		err = enc(fd, ses[1], pt, want[1]);
		if (!err)
			a->ok[1]++;
	}
	if (err) {
		a->setup = -err;
		_exit(0);
	}
	ses_free(fd, ref);
	for (i = 0; time(NULL) < end; i++) {
		int w = i % 2;

		a->ops[w]++;
		err = enc(fd, ses[w], pt, out);
		if (!err) {
			a->ok[w]++;
			if (memcmp(out, want[w], LEN))
				a->wrong[w]++;
		} else {
			a->failed[w]++;
			/* cryptodev follows a moved session itself. */
			if (!a->bad_errno)
				a->bad_errno = -err;
		}
	}
	close(fd);
	_exit(0);
}

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fflush(stdout);
}

/* The module's KTAP, indented; 1 when all its cases passed. */
static int module_results(long *ok, long *failed)
{
	char line[512];
	int good = 1, cases = 0;
	FILE *f = fopen(SOAK_RESULTS, "r");

	if (!f) {
		ktap_diag("no results from ocf_soak");
		return 0;
	}
	while (fgets(line, sizeof(line), f)) {
		char *p = strstr(line, "soak-count camellia-cbc ");

		say("    %s", line);
		if (!strncmp(line, "not ok", 6))
			good = 0;
		else if (!strncmp(line, "ok ", 3))
			cases++;
		if (p)
			sscanf(p, "soak-count camellia-cbc ok=%ld failed=%ld",
			       ok, failed);
	}
	fclose(f);
	return good && cases > 0;
}

int main(int argc, char **argv)
{
	int secs = 40, procs = 3, opt, i, status, fd;
	long breq0 = 0, berr0 = 0, breq1 = 0, berr1 = 0;
	long creq0 = 0, cerr0 = 0, creq1 = 0, cerr1 = 0;
	long kok = -1, kfailed = -1, ops = 0, ok = 0, wrong = 0, failed = 0;
	long bops = 0, bok = 0;
	int have_stats, have_virtio, reloaded = -1, replugged = -1, kgood;
	struct account *acc;
	pid_t pids[MAX_PROCS], kmod;
	char cmd[96];
	time_t start, end;

	while ((opt = getopt(argc, argv, "t:p:")) != -1) {
		if (opt == 't')
			secs = atoi(optarg);
		else if (opt == 'p')
			procs = atoi(optarg);
		else
			return 2;
	}
	if (secs < 10)
		secs = 10;
	if (procs < 1 || procs > MAX_PROCS)
		procs = 3;
	fd = cdev_open_or_skip();
	close(fd);
	if (getuid())
		ktap_skip_all("the soak loads and unloads modules: needs root");

	ktap_plan(8);
	have_stats = stat_row("cryptosoft", "blowfish-cbc", &breq0, &berr0) &&
		     stat_row("cryptosoft", "camellia-cbc", &creq0, &cerr0);
	have_virtio = module_loaded("ocf_virtio");
	ktap_diag("%d s: in-kernel consumers, %d /dev/crypto processes, "
		  "%s", secs, procs, have_virtio ? "ocf_virtio reloaded, "
		  "virtio-crypto0 unplugged and replugged" :
		  "no ocf_virtio to churn");

	acc = mmap(NULL, procs * sizeof(*acc), PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (acc == MAP_FAILED)
		return KTAP_EXIT_FAIL;
	memset(acc, 0, procs * sizeof(*acc));

	start = time(NULL);
	end = start + secs;
	kmod = fork();
	if (kmod == 0) {
		snprintf(cmd, sizeof(cmd), "modprobe ocf_soak secs=%d", secs);
		_exit(run(cmd));
	}
	for (i = 0; i < procs; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			worker(&acc[i], i, end);
	}

	/* A quarter in: the hardware driver goes and comes back. */
	sleep(secs / 4);
	if (have_virtio) {
		reloaded = run("rmmod ocf_virtio") == 0 &&
			   !module_loaded("ocf_virtio") &&
			   run("modprobe ocf_virtio") == 0;
		wait_bound(1, 30);
	}
	/* Half-way: the device itself is unplugged and plugged back. */
	while (time(NULL) < start + secs / 2)
		sleep(1);
	if (bound()) {
		say("# SOAK-HOTPLUG: unplug crypto0\n");
		replugged = wait_bound(0, 60);
		say("# SOAK-HOTPLUG: plug crypto0\n");
		replugged = wait_bound(1, 150) && replugged;
	}

	for (i = 0; i < procs; i++)
		waitpid(pids[i], &status, 0);
	waitpid(kmod, &status, 0);
	kgood = WIFEXITED(status) && !WEXITSTATUS(status) &&
		module_results(&kok, &kfailed);
	run("rmmod ocf_soak");
	if (have_stats)
		have_stats = stat_row("cryptosoft", "blowfish-cbc", &breq1,
				      &berr1) &&
			     stat_row("cryptosoft", "camellia-cbc", &creq1,
				      &cerr1);

	check(kgood, "in-kernel consumers: every request accounted for, "
	      "every output right");
	for (i = 0; i < procs; i++) {
		if (acc[i].setup)
			ktap_diag("process %d: set-up failed: %s", i,
				  strerror(acc[i].setup));
		ops += acc[i].ops[0] + acc[i].ops[1];
		ok += acc[i].ok[0] + acc[i].ok[1];
		wrong += acc[i].wrong[0] + acc[i].wrong[1];
		failed += acc[i].failed[0] + acc[i].failed[1];
		bops += acc[i].ops[1];
		bok += acc[i].ok[1];
		if (acc[i].bad_errno)
			ktap_diag("process %d: first error %s", i,
				  strerror(acc[i].bad_errno));
	}
	ktap_diag("/dev/crypto: %ld operations, %ld right, %ld wrong, "
		  "%ld failed", ops, ok - wrong, wrong, failed);
	check(ops > 0 && ops == ok + failed && !failed,
	      "/dev/crypto: every operation completed, none failed");
	for (i = 0; i < procs && !acc[i].setup; i++)
		;
	check(ok > 0 && !wrong && i == procs,
	      "/dev/crypto: every output right (%ld)", ok);
	if (reloaded < 0)
		skip("ocf_virtio is not loaded", "ocf_virtio unloaded and "
		     "reloaded under load");
	else
		check(reloaded, "ocf_virtio unloaded and reloaded under load");
	if (replugged < 0)
		skip("no device bound to ocf_virtio", "virtio-crypto0 "
		     "unplugged and plugged back under load");
	else
		check(replugged, "virtio-crypto0 unplugged and plugged back "
		      "under load");
	if (!have_stats) {
		skip("no cryptosoft rows in " ALGS,
		     "statistics: in-kernel camellia-cbc requests counted");
		skip("no cryptosoft rows in " ALGS,
		     "statistics: /dev/crypto blowfish-cbc requests counted");
	} else {
		ktap_diag("cryptosoft camellia-cbc: %ld requests, %ld errors; "
			  "the consumers: %ld completed, %ld failed",
			  creq1 - creq0, cerr1 - cerr0, kok, kfailed);
		check(kok >= 0 && creq1 - creq0 == kok + kfailed &&
		      cerr1 - cerr0 == kfailed,
		      "statistics: in-kernel camellia-cbc requests counted");
		ktap_diag("cryptosoft blowfish-cbc: %ld requests, %ld errors; "
			  "the processes: %ld made, %ld completed", breq1 - breq0,
			  berr1 - berr0, bops, bok);
		check(breq1 - breq0 == bops && berr1 - berr0 == bops - bok,
		      "statistics: /dev/crypto blowfish-cbc requests counted");
	}
	check(cdev_kat_aes_cbc(), "AES-128-CBC known answer after the soak");
	return ktap_exit();
}
