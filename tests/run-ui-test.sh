#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs one window test inside its Xvfb and session bus: under the command
# in ATLAS_UI_TEST_WRAPPER when that is set (.ci/run sets Valgrind), so
# the checker sees the test program and not xvfb-run's shell.
exec ${ATLAS_UI_TEST_WRAPPER:-} "$@"
