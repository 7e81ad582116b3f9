#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# lint.sh checkpatch OUTDIR   checkpatch.pl (from Debian's linux-source
#                             package) over every kernel source file
# lint.sh sparse KVER OUTDIR  a sparse (C=2) build of every module
#
# Writes OUTDIR/build.{label,log,rc} for report.py; rc 0 means clean.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

cache=/var/cache/ocf-linux
checkpatch_dir=$cache/linux-source-6.12/scripts

fetch_checkpatch() {
	[ -x "$checkpatch_dir/checkpatch.pl" ] && return 0
	local tarball
	tarball=$(ls /usr/src/linux-source-6.12*.tar.xz 2>/dev/null | head -n 1)
	[ -n "$tarball" ] || return 1
	mkdir -p "$cache"
	tar -C "$cache" -xJf "$tarball" \
		linux-source-6.12/scripts/checkpatch.pl \
		linux-source-6.12/scripts/spelling.txt \
		linux-source-6.12/scripts/const_structs.checkpatch
}

case ${1:-} in
checkpatch)
	out=$2
	mkdir -p "$out"
	echo "checkpatch clean (kernel sources)" >"$out/build.label"
	if ! fetch_checkpatch >"$out/build.log" 2>&1; then
		echo "checkpatch.pl not available" >>"$out/build.log"
		echo 1 >"$out/build.rc"
		exit 1
	fi
	cd "$OCF_TOP" || exit 2
	files=$(git ls-files -co --exclude-standard -- ocf drivers cryptodev \
		include tests/kernel | grep -E '\.[ch]$' |
		grep -v -e '^include/ocf/compat\.h$')
	rc=0
	# shellcheck disable=SC2086
	"$checkpatch_dir/checkpatch.pl" --no-tree --terse --show-types \
		--ignore FILE_PATH_CHANGES -f $files >"$out/build.log" 2>&1 || rc=1
	# The compat header is where version checks belong.
	"$checkpatch_dir/checkpatch.pl" --no-tree --terse --show-types \
		--ignore LINUX_VERSION_CODE,CONSTANT_COMPARISON,MACRO_ARG_UNUSED \
		-f include/ocf/compat.h >>"$out/build.log" 2>&1 || rc=1
	grep -E ': (ERROR|WARNING|CHECK):' "$out/build.log" && rc=1
	echo $rc >"$out/build.rc"
	;;
sparse)
	kver=$2 out=$3
	mkdir -p "$out"
	echo "sparse clean (C=2, $kver)" >"$out/build.label"
	src=$OCF_BUILD/sparse-$kver
	copy_tree "$src"
	make -C "${KDIR:-/lib/modules/$kver/build}" M="$src" C=2 modules \
		>"$out/build.log" 2>&1
	rc=$?
	# sparse reports as "file:line:col: warning:/error:" lines.
	grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error):' "$out/build.log" && rc=1
	echo $rc >"$out/build.rc"
	;;
*)
	die "usage: lint.sh checkpatch OUTDIR | sparse KVER OUTDIR"
	;;
esac
