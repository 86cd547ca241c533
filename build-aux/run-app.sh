#!/bin/sh
# Sets up, builds and starts Silicon Atlas from this checkout.
set -eu
cd "$(dirname "$0")/.."

build-aux/install-deps.sh
[ -d _build ] || meson setup _build
meson compile -C _build

if [ "$#" -gt 0 ]; then
  exec _build/src/silicon-atlas "$@"
fi
# The window arrives in a later release; until then the app describes the
# bundled sample, as it would any CSV you give it.
exec _build/src/silicon-atlas --describe data/samples/china-ic-imports.csv
