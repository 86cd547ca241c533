#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A file larger than the memory allowed (ulimit -v) ends with a clear
# error, not a crash; with enough memory the same file loads.
# Usage: test-tight-memory.sh SILICON_ATLAS
set -eu

program=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
file="$dir/big.csv"

{ echo "a,b,c"; seq 1 3000000 | awk '{ print $1 "," ($1 % 97) ".5," ($1 % 13) }'; } > "$file"

status=0
( ulimit -v 120000; exec "$program" --describe "$file" ) > "$dir/out.json" 2> "$dir/err.txt" || status=$?
if [ "$status" -ge 128 ]; then
  echo "killed by signal $((status - 128)) with memory limited: a crash, not an answer" >&2
  cat "$dir/err.txt" >&2
  exit 1
fi
[ "$status" -eq 1 ] || { echo "exit status $status with memory limited; expected 1" >&2; exit 1; }
grep -q "big.csv:1:1: there is not enough memory to load this file" "$dir/err.txt" \
  || { echo "no clear message with memory limited:" >&2; cat "$dir/err.txt" >&2; exit 1; }

"$program" --describe "$file" > "$dir/out.json"
grep -q '"rows" : 3000000' "$dir/out.json" || { echo "the file did not load with enough memory" >&2; exit 1; }
echo "refused clearly at 120 MB of address space; loaded without the limit"
