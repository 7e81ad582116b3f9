#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# mkinitramfs.sh KVER SRC PLAN OUT [MODDIR]
#
# Build the test VM's initramfs: busybox, the guest init, the distro
# modules our modules and tests need (with their dependencies, so that
# the crypto API's request_module() finds them through modprobe), our
# modules from SRC (or the production ones from MODDIR, for DKMS builds),
# the userland tests and tools from build/user, and the PLAN to run.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kver=$1 src=$2 plan=$3 out=$4 moddir=${5:-}
# KSYSROOT: where a kernel that is not installed keeps /lib/modules.
sysmods=${KSYSROOT:-}/lib/modules/$kver
root=$(mktemp -d "${TMPDIR:-/tmp}/ocf-initramfs.XXXXXX")
trap 'rm -rf "$root"' EXIT

mkdir -p "$root"/{bin,sbin,dev,proc,sys,tmp,etc,ocf,tests} "$root/lib/modules/$kver"
cp /bin/busybox "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
cp "$OCF_TOP/tests/vm/guest-init" "$root/init"
chmod +x "$root/init"

# Distro modules: the crypto API, its x86 implementations, the libraries
# and the virtio transport, with everything they depend on.
seeds=$( (cd "$sysmods" && find kernel/crypto kernel/arch/x86/crypto \
	kernel/lib/crypto kernel/drivers/virtio kernel/drivers/crypto/virtio \
	-name '*.ko*' 2>/dev/null || true) | sed 's#.*/##; s#\.ko.*##' | sort -u)
for m in $seeds; do
	modprobe ${KSYSROOT:+-d "$KSYSROOT"} -S "$kver" --show-depends "$m" 2>/dev/null || true
done | awk '$1 == "insmod" { print $2 }' | sort -u | while read -r path; do
	rel=${path#$sysmods/}
	mkdir -p "$root/lib/modules/$kver/$(dirname "$rel")"
	case $path in
	*.xz) xz -dc "$path" >"$root/lib/modules/$kver/${rel%.xz}" ;;
	*) cp "$path" "$root/lib/modules/$kver/$rel" ;;
	esac
done
for f in modules.builtin modules.builtin.modinfo modules.order; do
	[ -e "$sysmods/$f" ] && cp "$sysmods/$f" "$root/lib/modules/$kver/"
done

# Our modules: production ones under updates/ocf (loaded at boot by name
# with modprobe), test and benchmark modules under updates/ocf-tests.
dest=$root/lib/modules/$kver/updates
mkdir -p "$dest/ocf" "$dest/ocf-tests"
if [ -n "$moddir" ]; then
	find "$moddir" -name '*.ko*' | while read -r f; do
		case $f in
		*.xz) xz -dc "$f" >"$dest/ocf/$(basename "${f%.xz}")" ;;
		*) cp "$f" "$dest/ocf/" ;;
		esac
	done
else
	find "$src" -name '*.ko' -not -path '*/tests/*' -not -path '*/tools/*' \
		-exec cp {} "$dest/ocf/" \;
fi
# Test modules and the in-kernel benchmark: loaded only by plan lines.
find "$src/tests/kernel" "$src/tools" -name '*.ko' -exec cp {} "$dest/ocf-tests/" \; 2>/dev/null || true
depmod -b "$root" "$kver"

# Load order: the core first, /dev/crypto last, drivers in between.
{
	echo ocf
	ls "$dest/ocf" | sed 's/\.ko$//' | grep -vx -e ocf -e cryptodev | sort || true
	echo cryptodev
} | awk -v d="$dest/ocf" 'system("test -e " d "/" $0 ".ko") == 0' \
	>"$root/ocf/base-modules"

cp "$plan" "$root/ocf/plan"
if [ -d "$OCF_BUILD/user" ]; then
	find "$OCF_BUILD/user" -type f -perm -u+x -exec cp {} "$root/tests/" \;
fi
# OpenSSL with the devcrypto engine, laid over the root.
[ -d "$OCF_BUILD/openssl/root" ] && cp -a "$OCF_BUILD/openssl/root/." "$root/"
mkdir -p "$root/ocf/scripts"
cp "$OCF_TOP/tests/openssl/engine-test.sh" "$OCF_TOP/tests/openssl/openssl.cnf" \
	"$OCF_TOP/tests/vm/demo-guest.sh" "$OCF_TOP"/tests/kernel/virtio_*.sh \
	"$OCF_TOP/tests/kernel/cryptosoft_async.sh" \
	"$root/ocf/scripts/"

# perf and the libraries it links, for profiles (tools/bench/profile.sh).
if [ "${OCF_VM_PERF:-0}" = 1 ]; then
	perf=$(command -v perf) || die "OCF_VM_PERF=1 but no perf (linux-perf)"
	for f in "$perf" $(ldd "$perf" | awk '$(NF - 1) ~ /^\// { print $(NF - 1) } $1 ~ /^\// { print $1 }'); do
		mkdir -p "$root$(dirname "$f")"
		cp -L "$f" "$root$f"
	done
fi

(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$out"
