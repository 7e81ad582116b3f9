#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Run in the test VM (plan: `virtio-rebind sh sh /ocf/scripts/virtio_rebind.sh [linux]`).
# Unbinds the virtio-crypto device from ocf_virtio through sysfs and
# binds it back; with `linux`, also hands it to Linux's virtio_crypto.ko
# and takes it back, as drivers/virtio/README.md documents.  (Linux's
# driver fails its RSA self-test on QEMU 7.2 with a WARNING in the
# kernel log, so that part wants cryptomgr.notests=1 on the command
# line.)  KTAP on stdout; exit 0 pass or skip, 1 fail.

. "$(dirname "$0")/virtio_lib.sh"

echo "KTAP version 1"
dev=$(dev_of ocf_virtio)
if [ -z "$dev" ]; then
	echo "1..0 # SKIP no virtio-crypto device bound to ocf_virtio"
	exit 0
fi
echo "1..6"

echo "$dev" >$V/ocf_virtio/unbind
[ -z "$(dev_of ocf_virtio)" ]
check $? unbound_from_ocf_virtio
echo "$dev" >$V/ocf_virtio/bind
[ "$(dev_of ocf_virtio)" = "$dev" ]
check $? bound_again
dmesg | tail -n 5 | grep -q "virtio-crypto0: OCF driver"
check $? instance_registered_again

if [ "${1:-}" != linux ]; then
	for c in handed_to_virtio_crypto taken_back_by_ocf_virtio \
		 virtio_crypto_unloads; do
		skip $c "run with the argument linux (and cryptomgr.notests=1)"
	done
	exit $failed
fi
if ! modprobe virtio_crypto 2>/dev/null; then
	for c in handed_to_virtio_crypto taken_back_by_ocf_virtio \
		 virtio_crypto_unloads; do
		skip $c "virtio_crypto.ko is not available"
	done
	exit $failed
fi
# Give the device to Linux's driver...
echo "$dev" >$V/ocf_virtio/unbind
echo "$dev" >$V/virtio_crypto/bind
[ "$(dev_of virtio_crypto)" = "$dev" ] && [ -z "$(dev_of ocf_virtio)" ] &&
	grep -q virtio_crypto /proc/crypto
check $? handed_to_virtio_crypto
# ...and take it back.
echo "$dev" >$V/virtio_crypto/unbind
echo "$dev" >$V/ocf_virtio/bind
[ "$(dev_of ocf_virtio)" = "$dev" ] && [ -z "$(dev_of virtio_crypto)" ]
check $? taken_back_by_ocf_virtio
# Its self-tests may still hold it for a moment.
i=0
until rmmod virtio_crypto 2>/dev/null || [ $i -ge 50 ]; do
	sleep 0.2
	i=$((i + 1))
done
! grep -q '^virtio_crypto ' /proc/modules
check $? virtio_crypto_unloads
exit $failed
