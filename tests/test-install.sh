#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the build into a temporary folder and runs the installed program
# from there, as a packager would: its story, datasets, desktop file,
# metainfo, icons and schema must all be where they belong, and found.
# Usage: test-install.sh BUILD_DIR PREFIX BINDIR DATADIR APP_ID LIBEXECDIR
set -eu

build_dir=$1 prefix=$2 bindir=$3 datadir=$4 app_id=$5 libexecdir=$6
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

meson install -C "$build_dir" --destdir "$stage" --no-rebuild --quiet >/dev/null
root="$stage$prefix"

fail () {
  echo "not installed right: $*" >&2
  exit 1
}

for file in \
    "$bindir/silicon-atlas" \
    "$libexecdir/silicon-atlas-window" \
    "$datadir/silicon-atlas/story/silicon-self-reliance.story" \
    "$datadir/silicon-atlas/datasets/sources.csv" \
    "$datadir/silicon-atlas/datasets/ic-trade-and-output.csv" \
    "$datadir/silicon-atlas/datasets/ic-trade-and-output.dataset" \
    "$datadir/applications/$app_id.desktop" \
    "$datadir/metainfo/$app_id.metainfo.xml" \
    "$datadir/icons/hicolor/scalable/apps/$app_id.svg" \
    "$datadir/icons/hicolor/symbolic/apps/$app_id-symbolic.svg" \
    "$datadir/mime/packages/$app_id.xml" \
    "$datadir/glib-2.0/schemas/io.github.siliconatlas.SiliconAtlas.gschema.xml"; do
  [ -f "$root/$file" ] || fail "$file is missing"
done

# The installed program finds its own data, with nothing set to help it.
program="$root/$bindir/silicon-atlas"
unset ATLAS_DATA_DIR

# The commands that need no display do not load GTK or libadwaita; the
# window is the program in libexec, which this one finds and becomes.
if ldd "$program" | grep -q -E "libgtk-4|libadwaita"; then
  fail "silicon-atlas loads GTK or libadwaita"
fi
window_said=$(env -u DISPLAY -u WAYLAND_DISPLAY "$program" 2>&1 || true)
case "$window_said" in
  *"cannot open display"*) ;;
  *) fail "silicon-atlas did not start its window program: $window_said" ;;
esac
"$program" --list-datasets > "$stage/datasets.txt" || fail "--list-datasets failed"
grep -q "ic-trade-and-output" "$stage/datasets.txt" || fail "--list-datasets does not list the installed datasets"
"$program" --describe "$root/$datadir/silicon-atlas/datasets/ic-trade-and-output.csv" > "$stage/describe.json" \
  || fail "--describe of an installed dataset failed"
grep -q '"imports (USD bn)"' "$stage/describe.json" || fail "--describe did not read the installed dataset"
"$program" --export "$stage/step.png" --story-step 1 || fail "--export of the installed story's first step failed"
[ -s "$stage/step.png" ] || fail "--export wrote nothing"
"$program" --export "$stage/trade.svg" "$root/$datadir/silicon-atlas/datasets/ic-trade-and-output.csv" \
  || fail "--export of an installed dataset failed"
grep -q "<svg" "$stage/trade.svg" || fail "--export did not write an SVG"

# Chart files are known by their name to the desktop, and open with the app.
mime="$stage/mime"
mkdir -p "$mime/packages"
cp "$root/$datadir/mime/packages/$app_id.xml" "$mime/packages/"
update-mime-database "$mime" || fail "update-mime-database refuses the chart files' type"
grep -q "application/x-silicon-atlas-chart:\*\.atlaschart" "$mime/globs2" \
  || fail "*.atlaschart is not application/x-silicon-atlas-chart"
grep -q "application/x-silicon-atlas-chart;" "$root/$datadir/applications/$app_id.desktop" \
  || fail "the desktop file does not open chart files"
"$program" --save-chart "$stage/step.atlaschart" --story-step 1 || fail "--save-chart of the first step failed"
"$program" --export "$stage/step-again.png" "$stage/step.atlaschart" || fail "--export of a saved chart failed"
cmp -s "$stage/step.png" "$stage/step-again.png" || fail "a saved chart draws differently from its story step"

# Moved elsewhere, the installed tree still finds its data.
mv "$root" "$stage/moved"
"$stage/moved/$bindir/silicon-atlas" --list-datasets | grep -q "ic-trade-and-output" \
  || fail "a moved installation does not find its datasets"
window_said=$(env -u DISPLAY -u WAYLAND_DISPLAY "$stage/moved/$bindir/silicon-atlas" 2>&1 || true)
case "$window_said" in
  *"cannot open display"*) ;;
  *) fail "a moved installation does not find its window program: $window_said" ;;
esac
echo "installed and ran from $prefix"
