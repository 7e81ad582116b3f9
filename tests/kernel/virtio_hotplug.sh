#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Run in the test VM (plan: `virtio-hotplug sh sh /ocf/scripts/virtio_hotplug.sh`).
# Hot-unplugs virtio-crypto0 under load, unloads and reloads ocf_virtio,
# has a device plugged back and tests it.  The host answers the lines
#   # VIRTIO-HOTPLUG: unplug crypto0   ->  monitor: device_del crypto0
#   # VIRTIO-HOTPLUG: plug crypto0     ->  monitor: device_add
#        virtio-crypto-pci,id=crypto0,cryptodev=cd0
# as drivers/virtio/README.md describes.  KTAP on stdout; exit 0 when
# every case passed or skipped, 1 otherwise.

. "$(dirname "$0")/virtio_lib.sh"
# Indented, so the nested results count only through our own lines.


echo "KTAP version 1"
echo "1..6"
if ! bound; then
	for c in hotplug_under_load cdev_load_during_unplug \
		 driver_unloads_after_unplug \
		 driver_reloads replugged_device_bound replugged_device_works; do
		skip $c "no virtio-crypto device bound to ocf_virtio"
	done
	exit 0
fi

# /dev/crypto processes on the device too, when the program is there.
cdev_load_start
modprobe virtio_hotplug_test
sleep 2
echo "# VIRTIO-HOTPLUG: unplug crypto0"
if wait_for "[ -r $R/virtio_hotplug_test ]" 120; then
	nested $R/virtio_hotplug_test
	! grep -q '^not ok' $R/virtio_hotplug_test
	rc=$?
	unplugged=1
	grep -q 'device_unplugged_under_load # SKIP' $R/virtio_hotplug_test &&
		unplugged=0
	check $rc hotplug_under_load
else
	echo "# no results from virtio_hotplug_test"
	notok hotplug_under_load
	unplugged=0
fi
rmmod virtio_hotplug_test 2>&1 | sed 's/^/# /'
cdev_load_result cdev_load_during_unplug

if [ $unplugged = 0 ]; then
	for c in driver_unloads_after_unplug driver_reloads \
		 replugged_device_bound replugged_device_works; do
		skip $c "the device was not unplugged"
	done
	exit $failed
fi

if wait_for "! bound" 10 && rmmod ocf_virtio 2>&1 | sed 's/^/# /' &&
   ! grep -q '^ocf_virtio ' /proc/modules; then
	ok driver_unloads_after_unplug
else
	notok driver_unloads_after_unplug
fi
modprobe ocf_virtio
check $? driver_reloads

echo "# VIRTIO-HOTPLUG: plug crypto0"
if wait_for bound 60; then
	ok replugged_device_bound
	# The framework calibrates a new driver 200 ms after it registers,
	# with a session of its own: let that finish before counting sessions.
	sleep 2
	modprobe virtio_test iters=4
	if [ -r $R/virtio_test ]; then
		nested $R/virtio_test
		! grep -q '^not ok' $R/virtio_test
		check $? replugged_device_works
	else
		notok replugged_device_works
	fi
	rmmod virtio_test 2>/dev/null
else
	notok replugged_device_bound
	skip replugged_device_works "no device came back"
fi
exit $failed
