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
#   bench-guest.sh profile LABEL MODE ...   a perf profile of the other
#                                           mode's run (OCF_VM_PERF=1)
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
	# A profile names the module's symbols after the run.
	[ -n "${BENCH_KEEP_MODULE:-}" ] || rmmod ocf_bench
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
profile)
	# Self time per symbol on both CPUs, sampled by the clock: TCG has
	# no PMU.  Idle is counted apart; the rest is what the run costs.
	label=$1
	shift
	if ! command -v perf >/dev/null; then
		echo "ok 1 - profile $label # SKIP no perf in the VM (OCF_VM_PERF=1)"
		exit 0
	fi
	echo 0 >/proc/sys/kernel/kptr_restrict
	echo -1 >/proc/sys/kernel/perf_event_paranoid
	BENCH_KEEP_MODULE=1 perf record -q -a -e cpu-clock \
		-F "${PROFILE_HZ:-2000}" -o /tmp/perf.data -- "$0" "$@" \
		>/tmp/profile.run 2>/tmp/perf.err
	rc=$?
	grep -q '^not ok' /tmp/profile.run && rc=1
	# The measured mode's own lines, without its KTAP framing.
	grep -v -e '^KTAP' -e '^1\.\.' /tmp/profile.run |
		sed 's/^\(not \)\{0,1\}ok 1 - /# run: &/'
	perf report -i /tmp/perf.data --stdio --no-children -q \
		--sort comm,dso,sym --percent-limit 0.1 2>>/tmp/perf.err |
		awk -v l="$label" '
		# perf files module symbols under the kernel: name the module.
		# A section marker shares its address with the code after it
		# (the retpoline thunks follow the softirq section): name that.
		FNR == 1 { file++ }
		file == 1 {
			if ($4 ~ /^\[/)
				mod[$3] = $4
			else if ($3 ~ /_text_(start|end)$/)
				at[$3] = $1
			if ($3 in at)
				marked[$1] = 1
			next
		}
		file == 2 {
			if ($1 in marked && $3 !~ /_text_(start|end)$/ &&
			    $3 !~ /^__pfx_/)
				name[$1] = $3
			next
		}
		NF >= 4 && $1 ~ /%$/ {
			sub(/%$/, "", $1)
			sym = $5
			for (i = 6; i <= NF; i++)
				sym = sym " " $i
			if (sym ~ /_text_(start|end)$/ && name[at[sym]] != "")
				sym = name[at[sym]]
			if ($3 == "[kernel.kallsyms]" && sym in mod)
				$3 = mod[sym]
			print "# PROFILE " l " " $1 " " $2 " " $3 " " sym
		}' /proc/kallsyms /proc/kallsyms - >/tmp/profile.out
	rmmod ocf_bench 2>/dev/null
	cat /tmp/profile.out
	if [ $rc = 0 ] && [ -s /tmp/profile.out ]; then
		echo "ok 1 - profile $label"
	else
		sed 's/^/# perf: /' /tmp/perf.err | head -20
		echo "not ok 1 - profile $label"
		status=1
	fi
	;;
*)
	echo "not ok 1 - bench: unknown mode '$mode'"
	status=1
	;;
esac
exit $status
