#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Run in the test VM from a plan line of kind sh, whose command is
# `sh /ocf/scripts/cryptosoft_async.sh MODULE [PARAMS]`.
# Runs an in-kernel test module with cryptosoft's asynchronous cipher
# and AEAD paths forced: new sessions wrap their ciphers and AEADs
# (GCM, CCM) in cryptd() from 16 bytes on, so requests complete from its
# worker.  The module's KTAP is printed; the run fails unless it passed
# and both cipher and AEAD requests really completed from the callback
# (async_deferred and async_deferred_aead grew).

P=/sys/module/cryptosoft/parameters
mod=$1
shift
out=/tmp/$mod.ktap

before=$(cat $P/async_deferred)
before_aead=$(cat $P/async_deferred_aead)
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
after_aead=$(cat $P/async_deferred_aead)
echo "# completed from the callback: cipher $((after - before)), AEAD $((after_aead - before_aead))"
# Where cryptd cannot wrap an AEAD (before 6.3) only the cipher path is
# forced; say so rather than pass the AEAD part silently.
aead_ok=true
if [ "$(cat $P/async_cryptd_aead)" = Y ]; then
	[ "$after_aead" -gt "$before_aead" ] || aead_ok=false
else
	echo "# AEAD callback path not forced on this kernel" \
	     "(cryptd rewrites the caller's AEAD request before 6.3)"
fi
[ $rc = 0 ] && [ "$after" -gt "$before" ] && $aead_ok &&
	grep -q '^ok' "$out" && ! grep -q '^not ok' "$out"
