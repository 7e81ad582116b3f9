#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# OpenSSL's devcrypto engine against /dev/crypto, in the test VM: `openssl
# enc` and `openssl dgst` through the engine give the same bytes as
# OpenSSL's own software, `openssl speed` runs, and the framework's
# request count proves the work went through /dev/crypto.  KTAP output.

engine=/opt/ocf/engines/devcrypto.so
conf=/ocf/scripts/openssl.cnf
export OPENSSL_ENGINES=/opt/ocf/engines

n=0 failed=0
result() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n $2"
	else
		echo "not ok $n $2"
		failed=$((failed + 1))
	fi
}

# Requests the framework completed, over all drivers (docs/statistics.md).
ocf_requests() {
	awk 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "requests") col = i; next }
	     col { sum += $col } END { print col ? sum : -1 }' \
		/sys/kernel/debug/ocf/drivers 2>/dev/null || echo -1
}

ssl_sw() { OPENSSL_CONF=/dev/null openssl "$@"; }
ssl_dev() { OPENSSL_CONF=$conf openssl "$@" -engine devcrypto; }

echo "KTAP version 1"
if [ ! -c /dev/crypto ]; then
	echo "1..0 # SKIP /dev/crypto is not there"
	exit 4
fi
if [ ! -x /usr/bin/openssl ] || [ ! -e $engine ]; then
	echo "1..0 # SKIP the devcrypto engine was not built (no OpenSSL source)"
	exit 4
fi
echo "1..9"

out=$(OPENSSL_CONF=$conf openssl engine -t devcrypto 2>&1)
echo "$out" | sed 's/^/# /'
echo "$out" | grep -q 'available'
result $? "engine loads and reports available"

before=$(ocf_requests)
key=000102030405060708090a0b0c0d0e0f
iv=f0e0d0c0b0a090807060504030201000
rc=0
for size in 0 1 15 16 17 4096 65539; do
	head -c $size /dev/urandom >in.$size
	ssl_sw enc -aes-128-cbc -K $key -iv $iv -in in.$size -out sw.$size || rc=1
	ssl_dev enc -aes-128-cbc -K $key -iv $iv -in in.$size -out dev.$size \
		2>err.$size || rc=1
	grep -q 'Engine "devcrypto" set' err.$size || rc=1
	cmp -s sw.$size dev.$size || { echo "# aes-128-cbc differs at $size bytes"; rc=1; }
done
result $rc "enc -aes-128-cbc matches software, 0 to 65539 bytes"

rc=0
for size in 1 4096 65539; do
	ssl_dev enc -d -aes-128-cbc -K $key -iv $iv -in sw.$size -out back.$size \
		2>/dev/null || rc=1
	cmp -s in.$size back.$size || rc=1
done
result $rc "enc -d -aes-128-cbc decrypts software's output"

rc=0
for size in 1 16 65539; do
	ssl_sw enc -aes-256-ctr -K $key$key -iv $iv -in in.$size -out sw.ctr || rc=1
	ssl_dev enc -aes-256-ctr -K $key$key -iv $iv -in in.$size -out dev.ctr \
		2>/dev/null || rc=1
	cmp -s sw.ctr dev.ctr || rc=1
done
result $rc "enc -aes-256-ctr matches software"

for alg in sha256 sha1 md5; do
	rc=0
	for size in 0 1 65539; do
		a=$(ssl_sw dgst -$alg -r in.$size | cut -d' ' -f1)
		b=$(ssl_dev dgst -$alg -r in.$size 2>/dev/null | cut -d' ' -f1)
		[ -n "$a" ] && [ "$a" = "$b" ] || { echo "# $alg differs at $size: $a $b"; rc=1; }
	done
	result $rc "dgst -$alg matches software"
done

out=$(ssl_dev speed -evp aes-128-cbc -seconds 1 -bytes 4096 2>&1)
rc=$?
echo "$out" | grep -iE '^(aes-128-cbc|type)' | sed 's/^/# /'
[ $rc = 0 ] && echo "$out" | grep -qi '^aes-128-cbc'
result $? "speed -evp aes-128-cbc runs through the engine"

after=$(ocf_requests)
echo "# framework requests before $before, after $after"
[ "$before" -ge 0 ] && [ "$after" -gt "$before" ]
result $? "the work went through /dev/crypto (framework request count grew)"

[ $failed = 0 ] && exit 0
exit 1
