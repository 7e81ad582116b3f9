# SPDX-License-Identifier: GPL-2.0-only
#
# Sourced by the virtio_*.sh tests in the VM: KTAP result lines and the
# sysfs look-ups they share.  A test ends with `exit $failed`.

R=/sys/kernel/debug/ocf_test
V=/sys/bus/virtio/drivers
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n $1"; }
notok() { n=$((n + 1)); failed=1; echo "not ok $n $1"; }
skip() { n=$((n + 1)); echo "ok $n $1 # SKIP $2"; }
check() { if [ "$1" = 0 ]; then ok "$2"; else notok "$2"; fi; }
# wait_for TEST SECONDS: poll a shell test every 0.2 s.
wait_for() {
	i=0
	while [ $i -lt $(($2 * 5)) ]; do
		eval "$1" && return 0
		sleep 0.2
		i=$((i + 1))
	done
	return 1
}
# dev_of DRIVER: the virtio device bound to DRIVER, if any.
dev_of() { for d in "$V/$1"/virtio*; do [ -e "$d" ] && echo "${d##*/}" && return; done; }
# linux_idle: nothing holds an algorithm of Linux's virtio_crypto.  Its
# self-test threads hold each one until they run (later under load), and
# unbinding the driver before that warns and leaves the algorithm behind.
# (A later hold once came from cryptosoft sessions that picked Linux's
# cbc(aes): cryptosoft now excludes hardware algorithms, and the hand-over
# test checks it.)
linux_idle() { [ "$(linux_held)" = 0 ]; }
# linux_held: how many algorithms of Linux's virtio_crypto someone holds.
linux_held() {
	grep -A3 '^module *: virtio_crypto$' /proc/crypto |
		grep '^refcnt' | grep -cv ': 1$'
}
# nested FILE: a sub-test's KTAP, indented.
nested() { sed 's/^/    /' "$1"; }
# bound: a virtio-crypto device is bound to ocf_virtio.
bound() { [ -n "$(dev_of ocf_virtio)" ]; }
# registered: how often virtio-crypto0 registered with OCF in this boot.
registered() { dmesg | grep -c 'virtio-crypto0: OCF driver'; }

# load_result CASE: the verdict of virtio_hotplug_test (loaded by the
# caller, which then took virtio-crypto0 away): every output right and
# the device really gone while the load ran.
load_result() {
	if wait_for "[ -r $R/virtio_hotplug_test ]" 90; then
		nested $R/virtio_hotplug_test
		! grep -q '^not ok' $R/virtio_hotplug_test &&
			! grep -q 'device_unplugged_under_load # SKIP' \
				$R/virtio_hotplug_test
		check $? "$1"
	else
		echo "# no results from virtio_hotplug_test"
		notok "$1"
	fi
	rmmod virtio_hotplug_test 2>&1 | sed 's/^/# /'
}

# works CASE: the virtio suite (known answers first) on virtio-crypto0.
works() {
	# Let the framework's calibration of the new instance finish.
	sleep 2
	modprobe virtio_test iters=4
	if [ -r $R/virtio_test ]; then
		nested $R/virtio_test
		! grep -q '^not ok' $R/virtio_test &&
			grep -q '^ok.*kat' $R/virtio_test &&
			! grep -q '^ok.*kat.*# SKIP' $R/virtio_test
		check $? "$1"
	else
		notok "$1"
	fi
	rmmod virtio_test 2>/dev/null
}

# /dev/crypto processes on virtio-crypto0 too, when the program is there:
# cdev_load_start, then cdev_load_result CASE stops them and reports.
CDEV_LOAD=/tests/virtio_cdev_load
CDEV_STOP=/tmp/virtio-cdev-load.stop
cdev_load_start() {
	rm -f $CDEV_STOP
	loadpid=
	if [ -x $CDEV_LOAD ]; then
		$CDEV_LOAD 2 $CDEV_STOP >/tmp/cdev-load.out 2>&1 &
		loadpid=$!
	fi
}
cdev_load_result() {
	if [ -z "$loadpid" ]; then
		skip "$1" "$CDEV_LOAD not built (harness: see drivers/virtio/README.md)"
		return
	fi
	touch $CDEV_STOP
	wait "$loadpid"
	rc=$?
	nested /tmp/cdev-load.out
	if [ $rc = 4 ]; then
		skip "$1" "virtio_cdev_load skipped"
	else
		check $rc "$1"
	fi
}
