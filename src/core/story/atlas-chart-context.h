/* atlas-chart-context.h: where charts' references lead: the built-in datasets, their sources, and the data files read. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-chart-definition.h"
#include "atlas-import-settings.h"

G_BEGIN_DECLS

/* Where a chart's references lead: the built-in datasets, the sources
 * they cite, and the tables read so far (kept for the next chart). */
typedef struct _AtlasChartContext AtlasChartContext;

AtlasChartContext   *atlas_chart_context_new             (const char                 *datasets_dir);
AtlasChartContext   *atlas_chart_context_ref             (AtlasChartContext          *context);
void                 atlas_chart_context_unref           (AtlasChartContext          *context);
const char          *atlas_chart_context_get_datasets_dir (AtlasChartContext         *context);
GHashTable          *atlas_chart_context_get_sources     (AtlasChartContext          *context,
                                                          GError                    **error);
char                *atlas_chart_context_get_dataset_path (AtlasChartContext         *context,
                                                           const char                *dataset);
AtlasTable          *atlas_chart_context_get_dataset     (AtlasChartContext          *context,
                                                          const char                 *dataset,
                                                          GError                    **error);
GPtrArray           *atlas_chart_context_list_publishers (AtlasChartContext          *context);
char                *atlas_chart_context_describe_sources (AtlasChartContext         *context,
                                                           const char                *dataset);
char                *atlas_chart_context_get_dataset_title (AtlasChartContext        *context,
                                                            const char               *dataset);
char                *atlas_chart_context_get_data_path   (AtlasChartContext          *context,
                                                          const AtlasChartDefinition *definition);
AtlasTable          *atlas_chart_context_read_table      (AtlasChartContext          *context,
                                                          const AtlasChartDefinition *definition,
                                                          GError                    **error);
AtlasChart          *atlas_chart_context_build           (AtlasChartContext          *context,
                                                          const AtlasChartDefinition *definition,
                                                          AtlasTable                 *table,
                                                          GError                    **error);
AtlasImportSettings *atlas_chart_import_settings_read    (const AtlasChartDefinition *definition,
                                                          GError                    **error);
void                 atlas_chart_import_settings_write   (AtlasChartDefinition       *definition,
                                                          const AtlasImportSettings  *settings);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasChartContext, atlas_chart_context_unref)

G_END_DECLS
