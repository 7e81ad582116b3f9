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
