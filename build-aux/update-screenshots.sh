#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Makes the pictures the README and the AppStream metainfo show, with the
# app itself: the window tests save screenshots, and the command line
# exports a chart of the story.
set -eu
cd "$(dirname "$0")/.."

build-aux/run-tests.sh --suite ui
shots=data/screenshots
cp _build/tests/window-passage-4.png "$shots/story.png"
cp _build/tests/import-showcase.png "$shots/import.png"
cp _build/tests/export-dialog.png "$shots/export.png"
ATLAS_DATA_DIR="$PWD/data" _build/src/silicon-atlas --story-step 4 --export "$shots/chart.png" \
  --width 1200 --height 675 --scale 1
echo "updated $shots"
