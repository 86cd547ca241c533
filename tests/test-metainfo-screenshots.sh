#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Every screenshot the metainfo names is in the repository, where its URL
# points once published.
# Usage: test-metainfo-screenshots.sh METAINFO SCREENSHOTS_DIR
set -eu

metainfo=$1 dir=$2
count=0
for url in $(sed -n 's|.*<image>\(.*\)</image>.*|\1|p' "$metainfo"); do
  name=$(basename "$url")
  case "$url" in
    */data/screenshots/*) ;;
    *) echo "$url: screenshots live in data/screenshots" >&2; exit 1 ;;
  esac
  [ -s "$dir/$name" ] || { echo "$name: named by the metainfo, missing from $dir" >&2; exit 1; }
  count=$((count + 1))
done
[ "$count" -gt 0 ] || { echo "the metainfo names no screenshots" >&2; exit 1; }
echo "$count screenshots present"
