#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# run-bench.sh [-k 6.1,6.12] [-o DIR] [-r RESULTS.log] [-P]
#
# The whole benchmark, one VM per kernel (TCG, 2 vCPUs): builds the
# modules (W=1), ocf_bench and cryptobench, boots the kernel with a
# benchmark-only plan (tools/bench/plan) and turns the measurements into
# DIR/results-<kernel>.md, .json and .png (DIR defaults to bench/).
#   -k  comma-separated short kernel names (default 6.1,6.12)
#   -o  output directory
#   -r  no build and no VM: make the report from a results.log of an
#       earlier run (with -k naming its one kernel)
#   -P  profiles instead (tools/bench/profile-plan, perf in the VM):
#       DIR/profile-<kernel>.md, build directory build/profile
# Uses the VM harness's scripts (tests/vm) with its own build directory,
# build/bench, so it never disturbs `make check`.  Each VM is limited to
# 10 minutes.  OCF_BENCH_PLAN=FILE runs another plan (same format).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
kernels=6.1,6.12 outdir=$top/bench from= profile=0
while getopts "k:o:r:Ph" opt; do
	case $opt in
	k) kernels=$OPTARG ;;
	o) outdir=$OPTARG ;;
	r) from=$OPTARG ;;
	P) profile=1 ;;
	*) sed -n '3,19p' "$0"; exit 2 ;;
	esac
done
if [ $profile = 1 ]; then
	export OCF_BUILD=${OCF_BENCH_BUILD:-$top/build/profile}
	export OCF_VM_PERF=1
	plan=${OCF_BENCH_PLAN:-$here/profile-plan}
else
	export OCF_BUILD=${OCF_BENCH_BUILD:-$top/build/bench}
	plan=${OCF_BENCH_PLAN:-$here/plan}
fi
. "$top/tests/vm/lib.sh"
[ $profile = 0 ] || "$top/tests/vm/deps.sh" linux-perf ||
	die "could not install linux-perf"
mkdir -p "$outdir"
outdir=$(cd "$outdir" && pwd)

# The plot needs gnuplot; install it the Debian way when it is missing.
ensure_gnuplot() {
	command -v gnuplot >/dev/null && return 0
	log "installing gnuplot-nox for the plot"
	if [ "$(id -u)" = 0 ]; then
		apt-get install -y -q gnuplot-nox >/dev/null 2>&1 ||
			{ apt-get update -q >/dev/null 2>&1 &&
			  apt-get install -y -q gnuplot-nox >/dev/null 2>&1; }
	else
		sudo apt-get install -y -q gnuplot-nox >/dev/null 2>&1
	fi
	command -v gnuplot >/dev/null || log "no gnuplot: no PNG"
}

report() {
	local short=$1 kver=$2 run=$3
	if [ $profile = 1 ]; then
		/usr/bin/python3 "$here/report-profile.py" --kernel "$kver" \
			--results "$run/results.log" --load "$run/host-load" \
			--command "tools/bench/run-bench.sh -P -k $short" \
			--out "$outdir/profile-$short.md"
		return
	fi
	ensure_gnuplot
	/usr/bin/python3 "$here/report-bench.py" --kernel "$kver" \
		--short "$short" --results "$run/results.log" \
		--kmsg "$run/kmsg.log" --console "$run/console.log" \
		--load "$run/host-load" \
		--command "tools/bench/run-bench.sh -k $short" \
		--out "$outdir/results-$short"
}

if [ -n "$from" ]; then
	kver=$(kernel_release "$kernels") || kver=$kernels
	run=$(dirname "$from")
	report "$kernels" "$kver" "$run"
	exit $?
fi

start=$(date +%s)
mkdir -p "$OCF_BUILD/user/bench"
log "building cryptobench"
make -s -C "$here" O="$OCF_BUILD/user/bench" >"$OCF_BUILD/user/build.log" 2>&1 ||
	die "cryptobench build failed (see $OCF_BUILD/user/build.log)"

rc=0
for short in ${kernels//,/ }; do
	kver=$(kernel_release "$short") || die "kernel $short is not installed"
	run=$OCF_BUILD/runs/$short
	rm -rf "$run"
	mkdir -p "$run"

	log "$short: building modules for $kver"
	"$top/tests/vm/build.sh" modules "$kver" ||
		die "module build failed (see $OCF_BUILD/$kver/build.log)"
	src=$OCF_BUILD/$kver/src
	ko=$src/tools/bench/kernel/ocf_bench.ko
	if [ ! -e "$ko" ]; then
		# Not in the top-level Kbuild: build it against the tree's symbols.
		make -C "/lib/modules/$kver/build" M="$src/tools/bench/kernel" \
			W=1 CONFIG_OCF_TESTS=m \
			KBUILD_EXTRA_SYMBOLS="$src/Module.symvers" modules \
			>>"$OCF_BUILD/$kver/build.log" 2>&1 ||
			die "ocf_bench build failed (see $OCF_BUILD/$kver/build.log)"
	fi
	# The stack the VM loads at boot: everything but tests and tools.
	prod=$OCF_BUILD/$kver/prod
	rm -rf "$prod"
	mkdir -p "$prod"
	find "$src" -name '*.ko' -not -path '*/tests/*' -not -path '*/tools/*' \
		-exec cp {} "$prod/" \;
	# ocf_bench travels with the programs (build/user -> /tests).
	install -m 0755 "$ko" "$OCF_BUILD/user/bench/ocf_bench.ko"

	cp "$plan" "$run/plan"
	log "$short: initramfs"
	"$top/tests/vm/mkinitramfs.sh" "$kver" "$src" "$run/plan" \
		"$run/initramfs.gz" "$prod" >"$run/initramfs.log" 2>&1 ||
		die "initramfs failed (see $run/initramfs.log)"
	log "$short: booting $kver for the benchmark"
	# Other work on the host skews TCG timing: keep the load with the run.
	echo "before $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs" >"$run/host-load"
	"$top/tests/vm/run-vm.sh" "$kver" "$run/initramfs.gz" "$run" \
		"${OCF_BENCH_TIMEOUT:-600}"
	vrc=$?
	echo "after $(cut -d' ' -f1-3 /proc/loadavg)" >>"$run/host-load"
	log "$short: VM finished ($vrc) after $(($(date +%s) - start)) s"
	report "$short" "$kver" "$run" || rc=1
	[ $vrc = 0 ] || rc=1
done
exit $rc
