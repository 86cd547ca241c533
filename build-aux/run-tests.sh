#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Sets up, builds and runs every Silicon Atlas test from this checkout.
set -eu
cd "$(dirname "$0")/.."

build-aux/install-deps.sh --tests
[ -d _build ] || meson setup _build -Dwerror=true
meson compile -C _build
meson test -C _build --print-errorlogs "$@"
