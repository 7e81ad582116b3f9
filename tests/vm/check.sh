#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# check.sh [--tests PATTERNS] [--kernels LIST] [--no-deps] [--no-dkms]
#          [--no-lint]
#
# What `make check` runs: install what is missing, build the modules for
# each kernel (W=1) and the userland tests, build each kernel's
# initramfs, boot it under QEMU with a virtio-crypto device, run the test
# plan (tests/vm/plan), and report TAP with a closing summary.
#   --tests   comma-separated shell patterns of plan group names (T=)
#   --kernels comma-separated short names (K=), default 6.1,6.12 and, on
#             a full run, debug; "debug" is the debug kernel of tests/debug
#             (KASAN, lockdep, kmemleak, UBSAN, fault injection)
# A full run (no --tests) also runs checkpatch and sparse, builds the
# package with DKMS for every kernel, runs the 6.12 VM on the DKMS-built
# modules, and runs the debug-kernel lane: the groups tests/debug/lane
# names (OCF_DEBUG_TESTS overrides).  An explicit --kernels debug without
# --tests (make check-debug) runs the whole plan there.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

tests= kernels= deps=1 dkms=auto lint=auto
while [ $# -gt 0 ]; do
	case $1 in
	--tests) tests=$2; shift ;;
	--kernels) kernels=$2; shift ;;
	--no-deps) deps=0 ;;
	--no-dkms) dkms=0 ;;
	--no-lint) lint=0 ;;
	-h|--help) sed -n '3,/^set /{/^#/p}' "$0"; exit 0 ;;
	*) die "unknown option $1" ;;
	esac
	shift
done
# A run of selected groups is for iterating: DKMS and lint only on full runs.
[ "$dkms" = auto ] && { [ -z "$tests" ] && dkms=1 || dkms=0; }
[ "$lint" = auto ] && { [ -z "$tests" ] && lint=1 || lint=0; }
# A full run with the default kernels adds the debug lane's groups.
lane=0
if [ -z "$kernels" ]; then
	kernels=6.1,6.12
	[ -z "$tests" ] && { kernels=$kernels,debug; lane=1; }
fi

[ $deps = 1 ] && { "$OCF_TOP/tests/vm/deps.sh" || die "installing dependencies failed"; }

start=$(date +%s)
mkdir -p "$OCF_BUILD"
log "building the userland tests"
"$OCF_TOP/tests/vm/build.sh" user || log "userland build failed (see build/user/build.log)"

# selected_plan [PATTERNS]: the plan lines whose group matches.
selected_plan() {
	local name rest tests=${1:-}
	while read -r name rest; do
		case $name in ''|'#'*) continue ;; esac
		if [ -n "$tests" ]; then
			local keep=0 pat
			for pat in ${tests//,/ }; do
				# shellcheck disable=SC2254
				case $name in $pat) keep=1 ;; esac
			done
			[ $keep = 1 ] || continue
		fi
		echo "$name $rest"
	done <"${OCF_PLAN:-$OCF_TOP/tests/vm/plan}"
}

# Each kernel sets these for itself (make exports its command line).
unset KDIR KIMAGE KSYSROOT

# boot_vm KVER RUNDIR: run the VM; the host side of the hot-plug test
# (QEMU monitor commands on the guest's cue) runs beside it.
boot_vm() {
	local kver=$1 run=$2 helper= soak=
	if grep -q '^virtio-hotplug ' "$run/plan"; then
		/usr/bin/python3 "$OCF_TOP/tests/kernel/virtio_hotplug_host.py" "$run" \
			>"$run/hotplug-host.log" 2>&1 &
		helper=$!
	fi
	# The soak's unplug and replug (tests/user/soak_host.py).
	if grep -q '^soak ' "$run/plan"; then
		/usr/bin/python3 "$OCF_TOP/tests/user/soak_host.py" "$run" \
			>"$run/soak-host.log" 2>&1 &
		soak=$!
	fi
	"$OCF_TOP/tests/vm/run-vm.sh" "$kver" "$run/initramfs.gz" "$run" "${OCF_VM_TIMEOUT:-1200}"
	echo $? >"$run/vm.rc"
	[ -n "$helper" ] && { kill "$helper" 2>/dev/null; wait "$helper" 2>/dev/null; }
	[ -n "$soak" ] && { kill "$soak" 2>/dev/null; wait "$soak" 2>/dev/null; }
	return 0
}

# extra_boot KVER MODDIR DIR NAME PLANLINES WHAT [VAR=VALUE...]: one more
# VM of the same build, with its own plan and QEMU or kernel options.
extra_boot() {
	local kver=$1 moddir=$2 dir=$3 name=$4 lines=$5 what=$6
	shift 6
	rm -rf "$dir"
	mkdir -p "$dir"
	echo "$name" >"$dir/name"
	echo "$lines" >"$dir/plan"
	rundirs+=("$dir")
	# shellcheck disable=SC2086
	"$OCF_TOP/tests/vm/mkinitramfs.sh" "$kver" "$OCF_BUILD/$kver/src" \
		"$dir/plan" "$dir/initramfs.gz" $moddir >"$dir/initramfs.log" 2>&1 ||
		{ echo 1 >"$dir/vm.rc"; return 0; }
	log "$name: booting $kver $what"
	# shellcheck disable=SC2163  # VAR=VALUE words
	(export "$@"; boot_vm "$kver" "$dir")
}

rundirs=()
if [ $lint = 1 ]; then
	log "checkpatch and sparse"
	"$OCF_TOP/tests/vm/lint.sh" checkpatch "$OCF_BUILD/runs/checkpatch" >/dev/null
	echo checkpatch >"$OCF_BUILD/runs/checkpatch/name"
	kver=$(kernel_release 6.12) || die "kernel 6.12 is not installed"
	"$OCF_TOP/tests/vm/lint.sh" sparse "$kver" "$OCF_BUILD/runs/sparse" >/dev/null
	echo sparse >"$OCF_BUILD/runs/sparse/name"
	rundirs+=("$OCF_BUILD/runs/checkpatch" "$OCF_BUILD/runs/sparse")
fi
for short in ${kernels//,/ }; do
	run=$OCF_BUILD/runs/$short
	rm -rf "$run"
	mkdir -p "$run"
	echo "$short" >"$run/name"
	rundirs+=("$run")
	if [ "$short" = debug ]; then
		log "debug: building or reusing the debug kernel"
		if ! env=$("$OCF_TOP/tests/debug/kernel.sh" 2>"$run/kernel.log"); then
			# A TAP failure with the log, and the other kernels' results.
			echo "debug kernel build" >"$run/build.label"
			cp "$run/kernel.log" "$run/build.log"
			echo 1 >"$run/build.rc"
			continue
		fi
		grep '^# debug kernel built' "$run/kernel.log" >&2
		# The whole plan takes about 20 minutes in it (make check-debug).
		export OCF_VM_TIMEOUT=${OCF_VM_TIMEOUT:-3000}
		eval "export $(echo "$env" | tr '\n' ' ')"
		kver=$KVER
	else
		unset KDIR KIMAGE KSYSROOT
		kver=$(kernel_release "$short") || die "kernel $short is not installed"
	fi
	if [ "$short" = debug ] && [ $lane = 1 ]; then
		selected_plan "${OCF_DEBUG_TESTS:-$(grep -v '^#' "$OCF_TOP/tests/debug/lane" | xargs | tr ' ' ,)}" >"$run/plan"
	else
		selected_plan "$tests" >"$run/plan"
	fi
	# The hand-over test boots on its own, with Linux's self-tests off
	# (QEMU 7.2 fails virtio_crypto's RSA self-test with a WARNING).
	handover=
	if [ "$short" != debug ] && grep -qE '^virtio-handover[[:space:]]' "$run/plan"; then
		handover=$(grep -E '^virtio-handover[[:space:]]' "$run/plan")
		sed -i -E '/^virtio-handover[[:space:]]/d' "$run/plan"
	fi

	log "$short: building modules for $kver"
	"$OCF_TOP/tests/vm/build.sh" modules "$kver"
	echo $? >"$run/build.rc"
	cp "$OCF_BUILD/$kver/build.log" "$run/build.log"
	[ "$(cat "$run/build.rc")" = 0 ] || continue

	moddir=
	if [ $dkms = 1 ] && [ "$short" != debug ]; then
		log "$short: building with DKMS"
		drun=$OCF_BUILD/runs/$short-dkms
		rm -rf "$drun"
		mkdir -p "$drun"
		echo "$short-dkms" >"$drun/name"
		echo "dkms build, no warnings" >"$drun/build.label"
		rundirs+=("$drun")
		"$OCF_TOP/tests/vm/dkms-build.sh" "$kver" "$OCF_BUILD/dkms/$kver" \
			>"$drun/build.log" 2>&1
		echo $? >"$drun/build.rc"
		# The 6.12 VM runs on the DKMS-built modules.
		[ "$short" = 6.12 ] && [ "$(cat "$drun/build.rc")" = 0 ] &&
			moddir=$OCF_BUILD/dkms/$kver/modules
	fi

	log "$short: initramfs${moddir:+ (DKMS-built modules)}"
	"$OCF_TOP/tests/vm/mkinitramfs.sh" "$kver" "$OCF_BUILD/$kver/src" \
		"$run/plan" "$run/initramfs.gz" $moddir >"$run/initramfs.log" 2>&1 ||
		{ echo 1 >"$run/vm.rc"; continue; }
	log "$short: booting $kver ($(wc -l <"$run/plan") test groups)"
	boot_vm "$kver" "$run"
	log "$short: VM finished after $(($(date +%s) - start)) s"

	# The virtio group once more with two devices, to spread load.
	if [ -z "$tests" ] && [ "$short" = 6.12 ]; then
		extra_boot "$kver" "$moddir" "$run-2dev" "$short-two-devices" \
			"$(grep -E '^virtio[[:space:]]' "$run/plan")" \
			"with two virtio-crypto devices" \
			OCF_VM_EXTRA="-object cryptodev-backend-builtin,id=cd1 -device virtio-crypto-pci,id=crypto1,cryptodev=cd1"
	fi
	if [ -n "$handover" ]; then
		extra_boot "$kver" "$moddir" "$run-handover" "$short-handover" \
			"$handover" "with cryptomgr.notests=1 (virtio hand-over)" \
			OCF_VM_APPEND=cryptomgr.notests=1
	fi
done

/usr/bin/python3 "$OCF_TOP/tests/vm/report.py" "${rundirs[@]}"
rc=$?
log "check took $(($(date +%s) - start)) s"
exit $rc
