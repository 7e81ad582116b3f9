#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Run in the test VM (plan: `cryptosoft-async-* sh sh /ocf/scripts/cryptosoft_async.sh MODULE [PARAMS]`).
# Runs an in-kernel test module with cryptosoft's asynchronous cipher
# path forced: new sessions wrap their ciphers in cryptd() from 16 bytes
# on, so requests complete from its worker.  The module's KTAP is
# printed; the run fails unless it passed and some requests really
# completed from the callback (async_deferred grew).

P=/sys/module/cryptosoft/parameters
mod=$1
shift
out=/tmp/$mod.ktap

before=$(cat $P/async_deferred)
min=$(cat $P/async_min)
echo 1 >$P/async_cryptd
echo 16 >$P/async_min
modprobe "$mod" "$@"
rc=$?
cat /sys/kernel/debug/ocf_test/"$mod" >"$out" 2>/dev/null
rmmod "$mod"
echo 0 >$P/async_cryptd
echo "$min" >$P/async_min
cat "$out"
after=$(cat $P/async_deferred)
echo "# completed from the callback: $((after - before))"
[ $rc = 0 ] && [ "$after" -gt "$before" ] && grep -q '^ok' "$out" &&
	! grep -q '^not ok' "$out"
