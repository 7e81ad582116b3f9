#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# build-engine.sh OUTDIR
#
# Build OpenSSL's devcrypto engine (Debian builds OpenSSL without it) as
# a dynamic engine against our <crypto/cryptodev.h>, to test /dev/crypto
# with a real client.  The source comes from Debian's openssl source
# package (upstream tarball only), fetched with an apt state of our own so
# the machine's apt configuration is left alone, and cached.
# OUTDIR/root is laid over the test VM's root: the engine as
# /opt/ocf/engines/devcrypto.so, and /usr/bin/openssl with its libraries.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$1
cache=/var/cache/ocf-linux/openssl
root=$out/root
rm -rf "$root"
mkdir -p "$cache" "$root/opt/ocf/engines" "$root/usr/bin"

tarball=$(ls "$cache"/openssl_*.orig.tar.gz 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$tarball" ]; then
	st=$cache/apt
	mkdir -p "$st/lists/partial" "$st/cache/archives/partial"
	key=/usr/share/keyrings/debian-archive-keyring.gpg
	cat >"$st/sources.list" <<LIST
deb-src [signed-by=$key] http://deb.debian.org/debian bookworm main
deb-src [signed-by=$key] http://deb.debian.org/debian-security bookworm-security main
LIST
	opts=(-o "Dir::Etc::SourceList=$st/sources.list"
	      -o Dir::Etc::SourceParts=/dev/null
	      -o "Dir::State::Lists=$st/lists" -o "Dir::Cache=$st/cache")
	apt-get "${opts[@]}" -q update >/dev/null
	# The .dsc may be missing on the security suite; the tarball is enough.
	(cd "$cache" && apt-get "${opts[@]}" -q source --download-only openssl \
		>/dev/null 2>&1 || true)
	tarball=$(ls "$cache"/openssl_*.orig.tar.gz 2>/dev/null | sort -V | tail -n 1 || true)
	[ -n "$tarball" ] || { echo "could not fetch OpenSSL's source" >&2; exit 1; }
fi

src=$(mktemp -d)
trap 'rm -rf "$src"' EXIT
# openssl_X.orig.tar.gz unpacks to openssl-X/.
dir=$(basename "$tarball" .orig.tar.gz)
dir=${dir/_/-}
tar -C "$src" -xzf "$tarball" "$dir/engines/e_devcrypto.c"
cp "$top/tests/openssl/e_os.h" "$src/$dir/e_os.h"
gcc -O2 -Wall -shared -fPIC -I"$top/include/uapi" \
	"$src/$dir/engines/e_devcrypto.c" -o "$root/opt/ocf/engines/devcrypto.so" -lcrypto
cp /usr/bin/openssl "$root/usr/bin/openssl"
for lib in $(ldd /usr/bin/openssl "$root/opt/ocf/engines/devcrypto.so" |
	     awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// && $2 ~ /^\(/ { print $1 }' |
	     sort -u); do
	mkdir -p "$root$(dirname "$lib")"
	cp -L "$lib" "$root$lib"
done
