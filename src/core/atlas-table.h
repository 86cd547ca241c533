/* atlas-table.h: the columnar table every chart reads: typed columns, missing kept as missing. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-core-types.h"

G_BEGIN_DECLS

AtlasTable        *atlas_table_ref               (AtlasTable  *table);
void               atlas_table_unref             (AtlasTable  *table);
gsize              atlas_table_get_n_rows        (const AtlasTable *table);
guint              atlas_table_get_n_columns     (const AtlasTable *table);
const AtlasColumn *atlas_table_get_column        (const AtlasTable *table,
                                                  guint             index);
const AtlasColumn *atlas_table_find_column       (const AtlasTable *table,
                                                  const char       *name);
gsize              atlas_table_get_data_size     (const AtlasTable *table);

const char        *atlas_column_get_name         (const AtlasColumn *column);
AtlasColumnType    atlas_column_get_column_type  (const AtlasColumn *column);
const char        *atlas_column_get_unit         (const AtlasColumn *column);
AtlasDateUnit      atlas_column_get_date_unit    (const AtlasColumn *column);
char              *atlas_column_format_cell      (const AtlasColumn *column,
                                                  gsize              row);
char              *atlas_name_without_bracket    (const char        *name);
char              *atlas_format_date             (double             seconds,
                                                  AtlasDateUnit      unit);
gsize              atlas_column_get_n_missing    (const AtlasColumn *column);
gsize              atlas_column_get_n_invalid    (const AtlasColumn *column);
gboolean           atlas_column_is_missing       (const AtlasColumn *column,
                                                  gsize              row);
double             atlas_column_get_number       (const AtlasColumn *column,
                                                  gsize              row);
const double      *atlas_column_get_numbers      (const AtlasColumn *column);
const char        *atlas_column_get_text         (const AtlasColumn *column,
                                                  gsize              row);

const char        *atlas_column_type_to_string   (AtlasColumnType    type);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasTable, atlas_table_unref)

G_END_DECLS
