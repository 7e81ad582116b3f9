#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# build.sh modules KVER   build every module for KVER (its build tree is
#                         $KDIR when set) with W=1 in
#                         build/KVER/src (a copy: two kernels' objects
#                         must not share a directory)
# build.sh user           build the userland tests and tools into build/user,
#                         and OpenSSL's devcrypto engine into build/openssl
#
# The log goes to build/KVER/build.log (build/user/build.log); exit status
# is make's.  Warnings are counted by the caller from the log.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

case ${1:-} in
modules)
	kver=$2
	out=$OCF_BUILD/$kver
	copy_tree "$out/src"
	make -C "${KDIR:-/lib/modules/$kver/build}" M="$out/src" W=1 modules \
		>"$out/build.log" 2>&1
	;;
user)
	out=$OCF_BUILD/user
	mkdir -p "$out"
	: >"$out/build.log"
	rc=0
	if [ -f "$OCF_TOP/tests/user/Makefile" ]; then
		make -C "$OCF_TOP/tests/user" O="$out/tests" >>"$out/build.log" 2>&1 || rc=1
	fi
	if [ -f "$OCF_TOP/tools/Makefile" ]; then
		make -C "$OCF_TOP/tools" O="$out/tools" >>"$out/build.log" 2>&1 || rc=1
	fi
	# A real /dev/crypto client: OpenSSL's devcrypto engine.  Its test
	# skips when it could not be built.
	"$OCF_TOP/tests/openssl/build-engine.sh" "$OCF_BUILD/openssl" \
		>>"$out/build.log" 2>&1 || rm -rf "$OCF_BUILD/openssl"
	exit $rc
	;;
*)
	die "usage: build.sh modules KVER | user"
	;;
esac
