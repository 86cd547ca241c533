/* bench-random-walks.c: the seeded random walks the frame benchmarks draw. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "bench-random-walks.h"

#include "atlas-table-private.h"

/* A table of a time column t and three random walks a, b and c, the same
 * for every run: what the frame benchmarks draw. */
AtlasTable *
bench_make_random_walks (gsize n_rows)
{
  AtlasTable *table = atlas_table_new (n_rows);
  g_autoptr (GRand) rand = g_rand_new_with_seed (9);
  static const char *const names[] = { "t", "a", "b", "c" };

  for (guint c = 0; c < G_N_ELEMENTS (names); c++)
    {
      AtlasColumn *column = atlas_table_append_column (table, names[c], ATLAS_COLUMN_NUMBER);
      double walk = c * 10.0;

      column->numbers = g_new (double, n_rows);
      for (gsize i = 0; i < n_rows; i++)
        {
          walk += g_rand_double_range (rand, -1, 1);
          column->numbers[i] = c == 0 ? (double) i : walk;
        }
    }
  return table;
}
