#!/bin/sh
# Sets up, builds and starts Silicon Atlas from this checkout.
set -eu
cd "$(dirname "$0")/.."

build-aux/install-deps.sh
[ -d _build ] || meson setup _build
meson compile -C _build

exec _build/src/silicon-atlas "$@"
