#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The guest side of the benchmark (busybox sh in the test VM), for plan
# lines of kind `sh`.  Prints KTAP; every measurement is a "# BENCH {json}"
# line that tools/bench/run-bench.sh collects from the results channel.
#
#   bench-guest.sh kernel [module params]   ocf_bench against cryptosoft
#   bench-guest.sh kernel-hw [params]       ocf_bench on every other OCF
#                                           driver (virtio-crypto)
#   bench-guest.sh user [cryptobench args]  /dev/crypto, AF_ALG, OpenSSL
#   bench-guest.sh mixed [params]           one any-driver session, every
#                                           size: who served what
#   bench-guest.sh stats                    the framework's statistics
here=$(dirname "$0")
status=0
mode=$1
shift

echo "KTAP version 1"
echo "1..1"

# The x86 AES-NI code is a module that loads only when a lookup finds
# nothing: load it first, so every path of every boot uses the same AES.
modprobe aesni_intel 2>/dev/null

# ocf_bench: staged next to this script by run-bench.sh, or installed
# with the test modules.
run_kmod() {
	if [ -e "$here/ocf_bench.ko" ]; then
		insmod "$here/ocf_bench.ko" "$@" 2>/tmp/bench.err
	else
		modprobe ocf_bench "$@" 2>/tmp/bench.err
	fi || { echo "# loading ocf_bench failed: $(cat /tmp/bench.err)"; return 1; }
	sed 's/^/# /' /sys/kernel/debug/ocf_bench/results >/tmp/bench.out
	rmmod ocf_bench
	cat /tmp/bench.out
	! grep -q -e VERIFY-FAILED -e 'failed (' -e 'set-up failed' /tmp/bench.out
}

case $mode in
kernel)
	[ $# -gt 0 ] || set -- algs=all
	if run_kmod driver=cryptosoft "$@"; then
		echo "ok 1 - bench kernel cryptosoft"
	else
		echo "not ok 1 - bench kernel cryptosoft"
		status=1
	fi
	;;
kernel-hw)
	[ $# -gt 0 ] || set -- algs=aes-128-cbc
	rc=skip
	for drv in $("$here/cryptobench" -l 2>/dev/null | awk '{ print $2 }'); do
		[ "$drv" = cryptosoft ] && continue
		rc=ok
		run_kmod driver="$drv" "$@" || rc=fail
	done
	case $rc in
	skip) echo "ok 1 - bench kernel hardware # SKIP no OCF driver besides cryptosoft" ;;
	ok) echo "ok 1 - bench kernel hardware" ;;
	*) echo "not ok 1 - bench kernel hardware"; status=1 ;;
	esac
	;;
user)
	# AF_ALG for libkcapi; nothing autoloads in the test VM.
	for m in af_alg algif_skcipher algif_hash algif_aead crypto_user \
		 crypto_null; do
		modprobe "$m" 2>/dev/null
	done
	"$here/cryptobench" "$@" >/tmp/bench.out 2>/dev/console
	rc=$?
	sed 's/^/# /' /tmp/bench.out
	if [ $rc = 0 ]; then
		echo "ok 1 - bench user"
	else
		echo "not ok 1 - bench user (cryptobench exit $rc)"
		status=1
	fi
	;;
mixed)
	# Requests and bytes per OCF driver across the run: a driver's
	# bytes per request tell which sizes routing sent it.
	f=/sys/kernel/debug/ocf/drivers
	awk 'NR > 1 { print $2, $5, $6 }' $f >/tmp/mixed.before 2>/dev/null
	if run_kmod driver=cryptosoft mixed=1 "$@" &&
	   ! grep -q 'mixed [0-9]*: .* [1-9][0-9]* errors' /tmp/bench.out; then
		echo "ok 1 - bench mixed sizes"
	else
		echo "not ok 1 - bench mixed sizes"
		status=1
	fi
	awk 'NR > 1 { print $2, $5, $6 }' $f 2>/dev/null |
	while read -r name req bytes; do
		set -- $(grep "^$name " /tmp/mixed.before)
		echo "# ROUTED $name $((req - ${2:-0})) $((bytes - ${3:-0}))"
	done
	;;
stats)
	# The framework's per-driver statistics after the mixed-size runs
	# above: which driver the cost-based choice used for what.
	found=0
	for f in /sys/kernel/debug/ocf/drivers /sys/kernel/debug/ocf/algs; do
		[ -r "$f" ] || continue
		found=1
		echo "# STATS == $f"
		sed 's/^/# STATS /' "$f"
	done
	if [ $found = 1 ]; then
		echo "ok 1 - bench framework statistics"
	else
		echo "ok 1 - bench framework statistics # SKIP no /sys/kernel/debug/ocf"
	fi
	;;
*)
	echo "not ok 1 - bench: unknown mode '$mode'"
	status=1
	;;
esac
exit $status
