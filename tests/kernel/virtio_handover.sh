#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Run in the test VM (plan: `virtio-handover sh sh /ocf/scripts/virtio_handover.sh`).
# Linux's own virtio_crypto.ko owns the device first (as when udev loads
# it at boot); the device is handed to ocf_virtio through sysfs, known
# answers run through ocf_virtio, and the device goes back to Linux's
# driver and finally to ocf_virtio again, as drivers/virtio/README.md
# documents.  Linux's driver fails its RSA self-test on QEMU 7.2 with a
# WARNING, which fails the run: the VM must boot with
# cryptomgr.notests=1, else every case SKIPs.  KTAP on stdout; exit 0
# when every case passed or skipped, 1 otherwise.

. "$(dirname "$0")/virtio_lib.sh"

CASES="linux_driver_binds_first cryptosoft_leaves_linux_driver_alone \
ocf_virtio_leaves_it_alone handed_to_ocf_virtio known_answers_through_ocf_virtio \
handed_back_to_linux linux_driver_unloads device_back_on_ocf_virtio"

echo "KTAP version 1"
echo "1..8"
dev=$(dev_of ocf_virtio)
why=
if [ -z "$dev" ]; then
	why="no virtio-crypto device bound to ocf_virtio"
elif ! grep -qw 'cryptomgr.notests=1' /proc/cmdline; then
	why="needs cryptomgr.notests=1 on the kernel command line"
elif ! modinfo virtio_crypto >/dev/null 2>&1; then
	why="virtio_crypto.ko is not available"
fi
if [ -n "$why" ]; then
	for c in $CASES; do
		skip "$c" "$why"
	done
	exit 0
fi

# Linux's driver takes a free device as soon as it loads.
echo "$dev" >$V/ocf_virtio/unbind
modprobe virtio_crypto
[ "$(dev_of virtio_crypto)" = "$dev" ] && grep -q virtio_crypto /proc/crypto &&
	wait_for linux_idle 20
check $? linux_driver_binds_first
echo "# $(grep -A1 '^name' /proc/crypto | grep -B1 'virtio_crypto' | head -n 2 | tr -s ' \n' ' ')"

# Cryptosoft sessions must not run on Linux's driver: its cbc(aes)
# (priority 150) outranks the generic code while aesni_intel is not
# loaded, and a tfm held on it would keep the device from unbinding.
if [ -x $CDEV_LOAD ]; then
	rm -f $CDEV_STOP
	$CDEV_LOAD 1 $CDEV_STOP cryptosoft >/tmp/cdev-load.out 2>&1 &
	loadpid=$!
	sleep 1
	linux_refs=$(linux_held)
	touch $CDEV_STOP
	wait $loadpid
	rc=$?
	nested /tmp/cdev-load.out
	echo "# virtio_crypto algorithms held during the load: $linux_refs"
	[ $rc = 0 ] && [ "$linux_refs" = 0 ] && wait_for linux_idle 20
	check $? cryptosoft_leaves_linux_driver_alone
else
	skip cryptosoft_leaves_linux_driver_alone "$CDEV_LOAD not built"
fi

# ocf_virtio (no module alias) never takes a bound device on loading.
rmmod ocf_virtio && modprobe ocf_virtio
[ -z "$(dev_of ocf_virtio)" ] && [ "$(dev_of virtio_crypto)" = "$dev" ]
check $? ocf_virtio_leaves_it_alone

# The hand-over.
echo "$dev" >$V/virtio_crypto/unbind
echo "$dev" >$V/ocf_virtio/bind
[ "$(dev_of ocf_virtio)" = "$dev" ] && [ -z "$(dev_of virtio_crypto)" ]
check $? handed_to_ocf_virtio

# Known answers (and the rest of the virtio suite) through ocf_virtio;
# the framework calibrates a new instance first.
sleep 2
if modprobe virtio_test iters=4 && [ -r $R/virtio_test ]; then
	nested $R/virtio_test
	! grep -q '^not ok' $R/virtio_test &&
		grep -q '^ok.*kat_' $R/virtio_test &&
		! grep -q '^ok.*kat_.*# SKIP' $R/virtio_test
	check $? known_answers_through_ocf_virtio
else
	notok known_answers_through_ocf_virtio
fi
rmmod virtio_test 2>/dev/null

# And back to Linux's driver.
echo "$dev" >$V/ocf_virtio/unbind
echo "$dev" >$V/virtio_crypto/bind
[ "$(dev_of virtio_crypto)" = "$dev" ] && [ -z "$(dev_of ocf_virtio)" ] &&
	wait_for linux_idle 20
check $? handed_back_to_linux

# Leave the device as the other groups expect it: on ocf_virtio.
echo "$dev" >$V/virtio_crypto/unbind
i=0
until rmmod virtio_crypto 2>/dev/null || [ $i -ge 50 ]; do
	sleep 0.2
	i=$((i + 1))
done
! grep -q '^virtio_crypto ' /proc/modules
check $? linux_driver_unloads
echo "$dev" >$V/ocf_virtio/bind
[ "$(dev_of ocf_virtio)" = "$dev" ]
check $? device_back_on_ocf_virtio
exit $failed
