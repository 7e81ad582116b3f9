#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# run-vm.sh KVER INITRAMFS OUTDIR [TIMEOUT]
#
# Boot KVER's kernel ($KIMAGE when set) under QEMU (TCG) with a
# virtio-crypto device and the given initramfs.  Writes OUTDIR/console.log (ttyS0), OUTDIR/results.log
# (ttyS1) and OUTDIR/kmsg.log (ttyS2, the kernel log at the end); the
# monitor socket is OUTDIR/monitor.sock for hot-plug tests.  Exit status:
# QEMU's, or 124 when the VM ran out of time.
set -uo pipefail

kver=$1 initrd=$2 out=$3 limit=${4:-900}
mkdir -p "$out"
rm -f "$out"/{console,results,kmsg}.log "$out/monitor.sock"

timeout -k 10 "$limit" qemu-system-x86_64 \
	-accel tcg -cpu max -smp 2 -m 1024 \
	-nodefaults -display none -no-reboot -nic none \
	-kernel "${KIMAGE:-/boot/vmlinuz-$kver}" -initrd "$initrd" \
	-append "console=ttyS0 loglevel=7 panic=-1 oops=panic softlockup_panic=1 ${OCF_VM_APPEND:-}" \
	-serial "file:$out/console.log" \
	-serial "file:$out/results.log" \
	-serial "file:$out/kmsg.log" \
	-monitor "unix:$out/monitor.sock,server,nowait" \
	-object cryptodev-backend-builtin,id=cd0 \
	-device virtio-crypto-pci,id=crypto0,cryptodev=cd0 \
	${OCF_VM_EXTRA:-} </dev/null >"$out/qemu.log" 2>&1
