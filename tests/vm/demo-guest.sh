#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The demo's steps inside the VM (tests/vm/demo-plan).  Each step shows
# what it does and checks it: "ok"/"not ok" lines are verdicts, the rest
# is what a person would look at.

n=0
check() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n $2"; else echo "not ok $n $2"; fi
}

case $1 in
drivers)
	echo "# OCF drivers (/sys/kernel/debug/ocf/drivers, via cryptostats):"
	/tests/cryptostats 2>&1 | sed 's/^/  /'
	echo "# algorithms each driver registered:"
	awk 'NR > 1 { a[$2] = a[$2] " " $4 } END { for (d in a) print "  " d ":" a[d] }' \
		/sys/kernel/debug/ocf/algs
	grep -q ' cryptosoft ' /sys/kernel/debug/ocf/drivers
	check $? "the software driver cryptosoft is registered"
	if grep -q 'virtio-crypto' /sys/kernel/debug/ocf/drivers; then
		check 0 "the virtio-crypto accelerator is registered as a hardware driver"
	else
		check 1 "the virtio-crypto accelerator is registered as a hardware driver"
	fi
	[ -c /dev/crypto ]
	check $? "/dev/crypto exists"
	;;
devcrypto)
	export OPENSSL_ENGINES=/opt/ocf/engines OPENSSL_CONF=/ocf/scripts/openssl.cnf
	# FIPS 180-2, appendix B.1: SHA-256("abc").
	want=ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
	got=$(printf abc | openssl dgst -sha256 -r -engine devcrypto 2>/dev/null | cut -d' ' -f1)
	echo "# openssl dgst -sha256 -engine devcrypto of \"abc\": $got"
	[ "$got" = "$want" ]
	check $? "SHA-256 through /dev/crypto gives the FIPS 180-2 answer"
	# NIST SP 800-38A, F.2.1: CBC-AES128.Encrypt, first block.
	want=7649abac8119b246cee98e9b12e9197d
	got=$(printf '\153\301\276\342\056\100\237\226\351\075\176\021\163\223\027\052' |
	      openssl enc -aes-128-cbc -nopad -engine devcrypto \
		-K 2b7e151628aed2a6abf7158809cf4f3c -iv 000102030405060708090a0b0c0d0e0f \
		2>/dev/null | od -An -tx1 | tr -d ' \n')
	echo "# openssl enc -aes-128-cbc -engine devcrypto of SP 800-38A F.2.1 block 1: $got"
	[ "$got" = "$want" ]
	check $? "AES-128-CBC through /dev/crypto gives the SP 800-38A answer"
	;;
stats)
	echo "# the statistics after the demo's requests:"
	/tests/cryptostats 2>&1 | sed 's/^/  /'
	awk 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "requests") c = i; next }
	     { s += $c } END { exit !(s > 0) }' /sys/kernel/debug/ocf/drivers
	check $? "the framework counted the requests"
	;;
esac
