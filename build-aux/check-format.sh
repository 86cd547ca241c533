#!/bin/sh
# Fails, printing the fix, when C lines changed since a base revision are not formatted per .clang-format.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/check-format.sh [BASE]
#
# Judges the lines of .c and .h files that differ between BASE and HEAD,
# as committed: lines not changed since BASE are not judged, nor are
# edits not yet committed, nor the lines of a file that was only moved.
# BASE defaults to the merge base with origin/main, else HEAD~1.
#
# This is `git clang-format --diff BASE HEAD` with renames followed: the
# changed lines of each file go to clang-format -lines, through
# build-aux/clang-format-house.py, which leaves to the author what
# clang-format 14 cannot say about the house style (see its head).
#
# To apply the fix to uncommitted edits instead:
#   git clang-format --binary "$PWD/build-aux/clang-format-house.py"
set -eu
cd "$(dirname "$0")/.."

if [ $# -gt 0 ]; then
  base="$1"
elif git rev-parse -q --verify origin/main >/dev/null && base=$(git merge-base origin/main HEAD); then
  :
else
  base=HEAD~1
fi

# Both ends named once, by commit: HEAD may move while the check runs.
if ! base_commit=$(git rev-parse -q --verify "$base^{commit}"); then
  echo "check-format: $base is not a commit of this clone" >&2
  exit 2
fi
head_commit=$(git rev-parse --verify "HEAD^{commit}")

for tool in clang-format python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "check-format: $tool is missing (build-aux/install-deps.sh --tests installs it)" >&2
    exit 2
  fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# "FIRST LAST<tab>FILE" for every run of lines added or changed in HEAD's files.
git -c core.quotePath=false diff --no-ext-diff --no-color --find-renames -U0 --diff-filter=AMR \
    "$base_commit" "$head_commit" -- '*.c' '*.h' |
  awk '/^\+\+\+ b\// { file = substr ($0, 7) }
       /^@@ / { split ($3, range, ","); first = substr (range[1], 2); count = (2 in range) ? range[2] : 1;
                if (count > 0) printf "%d %d\t%s\n", first, first + count - 1, file }' > "$work/ranges"

cut -f 2 "$work/ranges" | uniq | while IFS= read -r file; do
  # Symbolic links are not C, whatever their name.
  case "$(git ls-tree "$head_commit" -- "$file")" in 120000*) continue ;; esac
  lines=$(awk -F '\t' -v file="$file" '$2 == file { split ($1, r, " "); printf " -lines=%d:%d", r[1], r[2] }' \
            "$work/ranges")
  git cat-file blob "$head_commit:$file" > "$work/written"
  # shellcheck disable=SC2086 # one word per -lines option
  build-aux/clang-format-house.py -style=file -assume-filename="$file" $lines < "$work/written" > "$work/formatted" || {
    echo "check-format: clang-format failed on $file" >&2
    exit 2
  }
  diff -u --label "a/$file" --label "b/$file" "$work/written" "$work/formatted" || touch "$work/failed"
done

if [ -e "$work/failed" ]; then
  echo
  echo "check-format: the lines above, changed since $base, are not formatted as .clang-format says;" \
       "the '+' lines are the fix." >&2
  exit 1
fi
echo "check-format: the C lines changed since $base are formatted as .clang-format says."
