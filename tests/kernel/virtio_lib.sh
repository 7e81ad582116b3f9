# SPDX-License-Identifier: GPL-2.0-only
#
# Sourced by the virtio_*.sh tests in the VM: KTAP result lines and the
# sysfs look-ups they share.  A test ends with `exit $failed`.

R=/sys/kernel/debug/ocf_test
V=/sys/bus/virtio/drivers
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n $1"; }
notok() { n=$((n + 1)); failed=1; echo "not ok $n $1"; }
skip() { n=$((n + 1)); echo "ok $n $1 # SKIP $2"; }
check() { if [ "$1" = 0 ]; then ok "$2"; else notok "$2"; fi; }
# wait_for TEST SECONDS: poll a shell test every 0.2 s.
wait_for() {
	i=0
	while [ $i -lt $(($2 * 5)) ]; do
		eval "$1" && return 0
		sleep 0.2
		i=$((i + 1))
	done
	return 1
}
# dev_of DRIVER: the virtio device bound to DRIVER, if any.
dev_of() { for d in "$V/$1"/virtio*; do [ -e "$d" ] && echo "${d##*/}" && return; done; }
# nested FILE: a sub-test's KTAP, indented.
nested() { sed 's/^/    /' "$1"; }
