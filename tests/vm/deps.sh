#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# deps.sh [PACKAGE...]
#
# Install what the build and the VM tests need from Debian's registry,
# and the extra packages named.  Idempotent: when everything is there it
# only asks dpkg and returns.
set -euo pipefail

packages=(
	make gcc libc6-dev gcc-multilib kmod cpio xz-utils
	busybox-static qemu-system-x86 python3
	linux-image-amd64 linux-headers-amd64
	linux-image-6.12-amd64 linux-headers-6.12-amd64
	dkms sparse libssl-dev libkcapi-dev kcapi-tools
	linux-source-6.12
	"$@"
)

# The i386 libcrypto and zlib the 32-bit tests cross-check against
# (Debian multiarch), unpacked from their packages into $i386_root, where
# tests/user/Makefile looks.  Best effort: without them the 32-bit
# cross-checks SKIP.
i386_root=/var/cache/ocf-linux/i386
i386_pkgs=(libssl-dev:i386 zlib1g-dev:i386)
i386_have() {
	local p st
	for p in "${i386_pkgs[@]}"; do
		st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
		[ "$st" = "install ok installed" ] || break
	done
	[ "$st" = "install ok installed" ] ||
		[ -f "$i386_root/usr/lib/i386-linux-gnu/libcrypto.a" ]
}
if ! i386_have && [ "$(id -u)" = 0 ]; then
	echo "# fetching for the 32-bit tests: ${i386_pkgs[*]}" >&2
	dpkg --print-foreign-architectures | grep -qx i386 ||
		dpkg --add-architecture i386
	# One stale index must not stop the rest.
	DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null 2>&1 || true
	# Unpacked, never installed: installing them could make apt remove
	# amd64 packages that conflict (linux-libc-dev, libssl3).
	( rm -rf "$i386_root.new" && mkdir -p "$i386_root.new/debs" &&
	  cd "$i386_root.new/debs" &&
	  apt-get download "${i386_pkgs[@]}" >/dev/null 2>&1 &&
	  for d in ./*.deb; do dpkg-deb -x "$d" "$i386_root.new"; done &&
	  rm -rf "$i386_root" && mv "$i386_root.new" "$i386_root" ) ||
		echo "# no i386 libcrypto: the 32-bit cross-checks SKIP" >&2
fi

missing=()
for p in "${packages[@]}"; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	[ "$st" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "# installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
