#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Sets up, builds and starts Silicon Atlas from this checkout.
set -eu
cd "$(dirname "$0")/.."

build-aux/install-deps.sh
[ -d _build ] || meson setup _build
meson compile -C _build

# The settings schema, compiled beside the build, and the story and
# datasets of this checkout, for running uninstalled.
GSETTINGS_SCHEMA_DIR="$PWD/_build/data${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}" \
ATLAS_DATA_DIR="${ATLAS_DATA_DIR:-$PWD/data}" \
  exec _build/src/silicon-atlas "$@"
