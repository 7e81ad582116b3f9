#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# kernel.sh   build (or reuse) the debug kernel and print its environment
#
# The debug kernel is Debian's linux-source-6.12 with tinyconfig plus
# tests/debug/debug.config: KASAN, lockdep, DEBUG_ATOMIC_SLEEP,
# DEBUG_OBJECTS, kmemleak, UBSAN and fault injection, and only what the
# test VM needs.  It is built once into /var/cache/ocf-linux/dbg
# and rebuilt (incrementally) when the fragment changes.  Prints
# KVER=, KDIR=, KIMAGE= and KSYSROOT= lines for the harness.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cache=${OCF_DEBUG_CACHE:-/var/cache/ocf-linux/dbg}
fragment=$top/tests/debug/debug.config

# What a kernel build needs beyond the module builds.
"$top/tests/vm/deps.sh" flex bison libelf-dev bc >&2

tarball=$(ls /usr/src/linux-source-6.12*.tar.xz 2>/dev/null | head -n 1)
[ -n "$tarball" ] || { echo "linux-source-6.12 is not installed" >&2; exit 1; }
src=$cache/linux-source-6.12
out=$cache/out
sysroot=$cache/sysroot
key=$( (sha256sum "$fragment" | cut -d' ' -f1; stat -c %s "$tarball") | sha256sum | cut -d' ' -f1)
mkdir -p "$cache"

if [ ! -f "$src/Makefile" ] || [ "$(cat "$cache/source.id" 2>/dev/null)" != "$(stat -c %s "$tarball")" ]; then
	echo "# unpacking $(basename "$tarball")" >&2
	rm -rf "$src"
	mkdir -p "$src"
	tar -C "$src" --strip-components=1 -xJf "$tarball"
	stat -c %s "$tarball" >"$cache/source.id"
	rm -f "$cache/built.key"
fi

if [ "$(cat "$cache/built.key" 2>/dev/null)" != "$key" ] || [ ! -f "$out/arch/x86/boot/bzImage" ]; then
	echo "# building the debug kernel (cached in $cache)" >&2
	mkdir -p "$out"
	make -C "$src" O="$out" tinyconfig >/dev/null
	"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "$fragment" >/dev/null
	make -C "$src" O="$out" olddefconfig >/dev/null
	start=$(date +%s)
	make -C "$src" O="$out" -j"$(nproc)" bzImage modules >"$cache/build.log" 2>&1 ||
		{ tail -n 40 "$cache/build.log" >&2; exit 1; }
	rm -rf "$sysroot"
	make -C "$src" O="$out" INSTALL_MOD_PATH="$sysroot" modules_install >/dev/null
	echo "# debug kernel built in $(($(date +%s) - start)) s" >&2
	echo "$key" >"$cache/built.key"
fi

kver=$(make -s -C "$src" O="$out" kernelrelease 2>/dev/null | tail -n 1)
echo "KVER=$kver"
echo "KDIR=$out"
echo "KIMAGE=$out/arch/x86/boot/bzImage"
echo "KSYSROOT=$sysroot"
