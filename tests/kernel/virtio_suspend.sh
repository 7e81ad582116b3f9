#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Run in the test VM (plan: `virtio-suspend sh sh /ocf/scripts/virtio_suspend.sh`).
# A system sleep while virtio-crypto0 is busy: virtio_hotplug_test keeps
# it loaded and checks every output, and /dev/crypto processes use it
# too.  The sleep is a suspend-to-idle test cycle (pm_test=devices:
# every device is suspended and resumed, the machine does not sleep),
# which runs the driver's freeze and restore.  The device loses its
# state across a sleep, so the driver leaves as on removal (sessions
# move to cryptosoft, nothing is lost) and comes back as a new instance
# that passes its known-answer checks.  KTAP on stdout; exit 0 when every
# case passed or skipped, 1 otherwise.

. "$(dirname "$0")/virtio_lib.sh"

CASES="sleep_cycle load_across_sleep cdev_load_across_sleep \
instance_comes_back back_instance_works"

echo "KTAP version 1"
echo "1..5"
why=
bound || why="no virtio-crypto device bound to ocf_virtio"
if [ -z "$why" ] && { [ ! -w /sys/power/pm_test ] ||
			! grep -qw freeze /sys/power/state; }; then
	why="no suspend-to-idle test mode (/sys/power/pm_test, freeze)"
fi
if [ -n "$why" ]; then
	for c in $CASES; do
		skip $c "$why"
	done
	exit 0
fi

before=$(registered)
cdev_load_start
modprobe virtio_hotplug_test
sleep 2
echo devices >/sys/power/pm_test
# Resume at once: the devices' freeze and restore are what is tested.
echo 0 >/sys/module/suspend/parameters/pm_test_delay 2>/dev/null
if echo freeze >/sys/power/state; then rc=0; else rc=1; fi
echo none >/sys/power/pm_test
if [ $rc = 0 ] && ! dmesg | grep -q 'virtio-crypto0: suspended'; then
	echo "# the driver's freeze did not run"
	rc=1
fi
check $rc sleep_cycle
load_result load_across_sleep
cdev_load_result cdev_load_across_sleep
wait_for "[ \$(registered) -gt $before ]" 30
check $? instance_comes_back
works back_instance_works
exit $failed
