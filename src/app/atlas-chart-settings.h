/* atlas-chart-settings.h: the chart settings sidebar: type, columns, text, axis, numbers, colours, order and notes. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "atlas-chart.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_CHART_SETTINGS (atlas_chart_settings_get_type ())

G_DECLARE_FINAL_TYPE (AtlasChartSettings, atlas_chart_settings, ATLAS, CHART_SETTINGS, GtkWidget)

GtkWidget *atlas_chart_settings_new            (void);
void       atlas_chart_settings_set_chart      (AtlasChartSettings *self,
                                                AtlasChart         *chart);
void       atlas_chart_settings_prepare    (AtlasChartSettings *self);
void       atlas_chart_settings_edit_text      (AtlasChartSettings *self,
                                                const char         *field);
void       atlas_chart_settings_edit_note      (AtlasChartSettings *self,
                                                guint               note);

G_END_DECLS
