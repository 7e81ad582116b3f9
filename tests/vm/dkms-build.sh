#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# dkms-build.sh KVER OUTDIR
#
# Build the package with DKMS for KVER the way a distro install does,
# but into a private tree under OUTDIR (the machine's own DKMS tree is
# left alone).  The built modules end up in OUTDIR/modules.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kver=$1 out=$2
name=$(sed -n 's/^PACKAGE_NAME="\(.*\)"/\1/p' "$OCF_TOP/dkms.conf")
version=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$OCF_TOP/dkms.conf")
rm -rf "$out"
mkdir -p "$out/source" "$out/tree" "$out/modules"
copy_tree "$out/source/$name-$version"
args=(--dkmstree "$out/tree" --sourcetree "$out/source" -m "$name" -v "$version")
dkms add "${args[@]}" >/dev/null
dkms build "${args[@]}" -k "$kver" --force
find "$out/tree/$name/$version/$kver" -name '*.ko*' -exec cp {} "$out/modules/" \;
ls "$out/modules"
