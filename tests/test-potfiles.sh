#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# test-potfiles.sh: po/POTFILES.in lists every file with strings to translate, and only files that exist.
# Usage: test-potfiles.sh SOURCE_ROOT; prints TAP.
set -u

top=${1:?usage: test-potfiles.sh SOURCE_ROOT}
potfiles="po/POTFILES.in"
# _() N_() C_() NC_() Q_() and the gettext calls in C; translatable
# properties in .ui files; summaries and descriptions in schemas and
# metainfo; the keys a .desktop file translates.
marks='(^|[^A-Za-z0-9_])(N?C?|Q)_ ?\(|gettext2? ?\(|translatable="yes"|<summary>|<description>'
marks="$marks|^(Name|GenericName|Comment|Keywords)="

cd "$top" || exit 1
echo "1..2"

# The listed files, without comments and blank lines.
listed=$(grep -v -e '^#' -e '^[[:space:]]*$' "$potfiles")

# Everything in src and ui; in data, what desktops and software centres show.
candidates=$({
  find src ui -type f
  find data -type f \( -name '*.gschema.xml' -o -name '*.desktop.in' -o -name '*.metainfo.xml.in' \)
} | sort)

unlisted=""
for file in $candidates; do
  if grep -q -E "$marks" "$file" && ! printf '%s\n' "$listed" | grep -q -x -F "$file"; then
    unlisted="$unlisted $file"
  fi
done
if [ -z "$unlisted" ]; then
  echo "ok 1 - every file with translatable strings is in $potfiles"
else
  echo "not ok 1 - files with translatable strings missing from $potfiles"
  for file in $unlisted; do
    echo "# add $file"
  done
fi

missing=""
for file in $listed; do
  [ -f "$file" ] || missing="$missing $file"
done
if [ -z "$missing" ]; then
  echo "ok 2 - every file $potfiles names exists"
else
  echo "not ok 2 - $potfiles names files that do not exist"
  for file in $missing; do
    echo "# remove $file"
  done
fi

[ -z "$unlisted$missing" ]
