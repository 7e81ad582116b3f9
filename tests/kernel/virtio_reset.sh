#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Run in the test VM (plan: `virtio-reset sh sh /ocf/scripts/virtio_reset.sh`).
# The device failing or going away from inside the guest, under load
# (virtio_hotplug_test.ko keeps virtio-crypto0 busy and checks every
# output), with no help from the host:
#   1. the driver acts on a NEEDS_RESET (injected with fault_ms=): it
#      resets the device, fails what it held with EAGAIN (re-run on
#      cryptosoft), withdraws the instance and re-initialises the
#      device, which comes back as a new instance that works;
#   2. the PCI function is removed (sysfs remove) and found again
#      (sysfs rescan);
#   3. the function is reset through sysfs while unbound, then bound.
# KTAP on stdout; exit 0 when every case passed or skipped, 1 otherwise.

. "$(dirname "$0")/virtio_lib.sh"
dev() { dev_of ocf_virtio; }

# load_until_gone CASE [PARAMS]: the load, until virtio-crypto0 is gone.
load_until_gone() {
	name=$1
	shift
	modprobe virtio_hotplug_test "$@"
	load_result "$name"
}

echo "KTAP version 1"
echo "1..8"
if ! bound; then
	for c in needs_reset_under_load instance_comes_back back_instance_works \
		 pci_remove_under_load pci_rescan_binds rescanned_device_works \
		 reset_while_unbound reset_device_works; do
		skip "$c" "no virtio-crypto device bound to ocf_virtio"
	done
	exit 0
fi

# 1. NEEDS_RESET in service.
before=$(registered)
load_until_gone needs_reset_under_load fault_ms=1500
wait_for "[ \$(registered) -gt $before ]" 30
check $? instance_comes_back
works back_instance_works

# 2. The PCI function removed and found again.
pci=$(readlink -f /sys/bus/virtio/devices/"$(dev)"/..)
echo "# PCI function ${pci##*/}"
modprobe virtio_hotplug_test
sleep 2
echo 1 >"$pci/remove"
load_result pci_remove_under_load
echo 1 >/sys/bus/pci/rescan
wait_for bound 30
check $? pci_rescan_binds
works rescanned_device_works

# 3. A reset through sysfs while no driver holds the device.
d=$(dev)
pci=$(readlink -f /sys/bus/virtio/devices/"$d"/..)
if [ ! -e "$pci/reset" ]; then
	skip reset_while_unbound "no reset method for ${pci##*/} ($(cat "$pci/reset_method" 2>/dev/null))"
	skip reset_device_works "no reset"
	exit $failed
fi
echo "$d" >$V/ocf_virtio/unbind
if echo 1 >"$pci/reset"; then rc=0; else rc=1; fi
echo "$d" >$V/ocf_virtio/bind
[ $rc = 0 ] && bound
check $? reset_while_unbound
works reset_device_works
exit $failed
