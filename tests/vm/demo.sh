#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# What `make demo` runs: install what is missing, build for 6.12, boot it
# under QEMU with a virtio-crypto device, load the modules, and run
# tests/vm/demo-plan, printing what each step shows.  Every result shown
# is checked inside the VM; the demo exits non-zero when any check fails.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

"$OCF_TOP/tests/vm/deps.sh" || die "installing dependencies failed"
kver=$(kernel_release 6.12) || die "kernel 6.12 is not installed"
run=$OCF_BUILD/runs/demo
rm -rf "$run"
mkdir -p "$run"

log "building modules for $kver and the userland programs"
"$OCF_TOP/tests/vm/build.sh" user || log "userland build failed (see build/user/build.log)"
"$OCF_TOP/tests/vm/build.sh" modules "$kver" ||
	{ tail -n 30 "$OCF_BUILD/$kver/build.log"; die "module build failed"; }
"$OCF_TOP/tests/vm/mkinitramfs.sh" "$kver" "$OCF_BUILD/$kver/src" \
	"$OCF_TOP/tests/vm/demo-plan" "$run/initramfs.gz" || die "initramfs failed"
log "booting $kver under QEMU (TCG) with a virtio-crypto device"
"$OCF_TOP/tests/vm/run-vm.sh" "$kver" "$run/initramfs.gz" "$run" 600
vm_rc=$?

# Show the results channel as a person reads it.
failed=0
while IFS= read -r line; do
	line=${line%$'\r'}
	case $line in
	"@@ boot "*) echo "== booted Linux ${line#@@ boot }" ;;
	"@@ load ok "*) echo "   loaded ${line#@@ load ok }" ;;
	"@@ load failed "*) echo "!! failed to load ${line#@@ load failed }"; failed=1 ;;
	"@@ group "*) echo; echo "== ${line#@@ group }" ;;
	"@@ exit 0"|"@@ exit 4"|"@@ endgroup "*|"@@ end") ;;
	"@@ exit "*) echo "!! step failed (status ${line#@@ exit })"; failed=1 ;;
	"@@ unload ok "*) echo "   unloaded ${line#@@ unload ok }" ;;
	"@@ unload failed "*) echo "!! ${line#@@ }"; failed=1 ;;
	"@@ tainted "*) ;;
	"@@ "*) echo "!! ${line#@@ }"; failed=1 ;;
	"KTAP version"*|"1.."*) ;;
	"not ok "*) echo "   FAILED: ${line#not ok }"; failed=1 ;;
	"ok "*) echo "   checked: ${line#ok [0-9]* }" ;;
	"# "*) echo "   ${line#\# }" ;;
	*) echo "   $line" ;;
	esac
done <"$run/results.log"

if grep -qE 'Oops|BUG:|WARNING:|general protection' "$run/console.log"; then
	echo "!! the kernel log shows a problem:"
	grep -E 'Oops|BUG:|WARNING:|general protection' "$run/console.log"
	failed=1
fi
grep -q '^@@ end' "$run/results.log" || { echo "!! the VM did not finish (status $vm_rc)"; failed=1; }
echo
[ $failed = 0 ] && echo "demo: every step above was checked and passed" ||
	echo "demo: some steps failed (console log: $run/console.log)"
exit $failed
