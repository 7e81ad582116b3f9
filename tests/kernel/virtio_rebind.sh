#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Run in the test VM (plan: `virtio-rebind sh sh /ocf/scripts/virtio_rebind.sh`).
# Unbinds the virtio-crypto device from ocf_virtio through sysfs and
# binds it back.  The hand-over to Linux's virtio_crypto.ko and back is
# virtio_handover.sh, in a boot of its own.  KTAP on stdout; exit 0
# pass or skip, 1 fail.

. "$(dirname "$0")/virtio_lib.sh"

echo "KTAP version 1"
dev=$(dev_of ocf_virtio)
if [ -z "$dev" ]; then
	echo "1..0 # SKIP no virtio-crypto device bound to ocf_virtio"
	exit 0
fi
echo "1..3"

echo "$dev" >$V/ocf_virtio/unbind
[ -z "$(dev_of ocf_virtio)" ]
check $? unbound_from_ocf_virtio
echo "$dev" >$V/ocf_virtio/bind
[ "$(dev_of ocf_virtio)" = "$dev" ]
check $? bound_again
dmesg | tail -n 5 | grep -q "virtio-crypto0: OCF driver"
check $? instance_registered_again

exit $failed
