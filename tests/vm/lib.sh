# SPDX-License-Identifier: GPL-2.0-only
# Shared helpers of the VM harness.  Sourced, not run.

OCF_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OCF_BUILD=${OCF_BUILD:-$OCF_TOP/build}

log() { printf '# %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 2; }

# The installed kernel release for a short name (6.1, 6.12), newest first.
kernel_release() {
	local short=$1 rel
	rel=$(ls /lib/modules 2>/dev/null |
	      grep -E "^${short//./\\.}\.[0-9]+[-+].*amd64$" | sort -V | tail -n 1)
	[ -n "$rel" ] || return 1
	[ -e "/boot/vmlinuz-$rel" ] && [ -d "/lib/modules/$rel/build" ] || return 1
	echo "$rel"
}

# Copy the source tree (tracked or not, without build output) to $1.
copy_tree() {
	local dest=$1
	rm -rf "$dest"
	mkdir -p "$dest"
	(cd "$OCF_TOP" && tar -cf - --exclude=./build --exclude=./.git \
		--exclude='*.o' --exclude='*.ko' --exclude='*.cmd' \
		--exclude='*.mod' --exclude='*.mod.c' --exclude=tests/user/bin .) |
		tar -xf - -C "$dest"
}
