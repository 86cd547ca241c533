/* atlas-chart-suggest.h: a first chart for any table, and the columns that name and qualify its rows. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-chart.h"

G_BEGIN_DECLS

const char *atlas_table_guess_label_column  (const AtlasTable *table);
const char *atlas_table_guess_status_column (const AtlasTable *table);
const AtlasColumn *atlas_table_guess_side_column (const AtlasTable *table);
GStrv       atlas_table_list_sides           (const AtlasTable *table);
void        atlas_chart_spec_suggest        (const AtlasTable *table,
                                             AtlasChartSpec   *spec,
                                             gboolean          choose_type);

G_END_DECLS
