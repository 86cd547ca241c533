/* bench-random-walks.h: the seeded random walks the frame benchmarks draw. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-table.h"

AtlasTable *bench_make_random_walks (gsize n_rows);
