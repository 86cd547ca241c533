#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what Silicon Atlas needs to build and run on Debian 12 or Ubuntu;
# with --tests, also what every test needs; with --bench, the peers the
# benchmarks compare against. Only missing packages are fetched.
set -eu

packages="meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libjson-glib-dev libcsv-dev
  libgtk-4-dev libadwaita-1-dev libcairo2-dev libpango1.0-dev libpng-dev zlib1g-dev"

case "${1:-}" in
  --tests)
    # clang and its runtime for the fuzz harness; Xvfb and a session bus
    # for tests that open real windows; CJK fonts so Chinese text is drawn;
    # clang-format (with git-clang-format) and Python for the format check;
    # the AT-SPI registry, its Python bindings and xdotool for the
    # accessibility test; poppler's tools and Java for reading back
    # published stories (the HTML validator is fetched below).
    packages="$packages clang libclang-rt-dev xvfb xauth dbus
      desktop-file-utils appstream shared-mime-info valgrind fonts-noto-cjk fonts-cantarell
      clang-format python3 at-spi2-core gir1.2-atspi-2.0 python3-gi xdotool
      poppler-utils default-jre-headless"
    command -v npm >/dev/null 2>&1 || packages="$packages npm"
    tests=1
    ;;
  --bench)
    # The peers the benchmarks measure Silicon Atlas against: gnuplot and
    # matplotlib drawing charts, data.table's fread and pandas reading CSV.
    packages="$packages gnuplot-nox python3-matplotlib r-cran-data.table python3-pandas"
    ;;
esac

tests="${tests:-}"

# The W3C's HTML validator (vnu), which test-publish runs on published
# stories: from the npm registry, as Debian does not package it. It lives
# in the user's cache, outside the checkout.
install_validator () {
  vnu_dir="${XDG_CACHE_HOME:-$HOME/.cache}/silicon-atlas-tests/vnu"
  if [ -n "$tests" ] && [ ! -f "$vnu_dir/node_modules/vnu-jar/build/dist/vnu.jar" ]; then
    mkdir -p "$vnu_dir"
    npm install --prefix "$vnu_dir" --no-audit --no-fund --silent vnu-jar@26.9.27
  fi
}

missing=""
for package in $packages; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $package"
  fi
done

if [ -z "$missing" ]; then
  install_validator
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=""
else
  sudo="sudo"
fi

echo "Installing:$missing"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
install_validator
