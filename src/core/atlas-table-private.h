/* atlas-table-private.h: how the reader fills a table; not for chart code. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-table.h"

G_BEGIN_DECLS

struct _AtlasColumn
{
  char *name;
  AtlasColumnType type;
  char *unit;
  AtlasDateUnit date_unit;
  gsize n_missing;
  gsize n_invalid;
  /* NUMBER and DATE (seconds since 1970-01-01 UTC): NAN marks a missing cell. */
  double *numbers;
  /* TEXT: NULL marks a missing cell; strings live in the table's string chunks. */
  const char **texts;
};

AtlasTable  *atlas_table_new              (gsize        n_rows);
AtlasColumn *atlas_table_append_column    (AtlasTable  *table,
                                           const char  *name,
                                           AtlasColumnType type);
void         atlas_table_adopt_strings    (AtlasTable   *table,
                                           GStringChunk *strings,
                                           gsize         n_bytes);

G_END_DECLS
