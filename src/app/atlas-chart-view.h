/* atlas-chart-view.h: a widget that draws an AtlasChart through the engine's render call. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "atlas-chart.h"
#include "atlas-document.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_CHART_VIEW (atlas_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (AtlasChartView, atlas_chart_view, ATLAS, CHART_VIEW, GtkWidget)

GtkWidget  *atlas_chart_view_new       (void);
void        atlas_chart_view_set_chart (AtlasChartView *self,
                                        AtlasChart     *chart);
void        atlas_chart_view_set_document (AtlasChartView *self,
                                           AtlasDocument  *document);
const AtlasChartLayout *atlas_chart_view_get_layout (AtlasChartView *self);
AtlasChart *atlas_chart_view_get_chart (AtlasChartView *self);
gboolean    atlas_chart_view_copy      (AtlasChartView *self);
void        atlas_chart_view_set_sources (AtlasChartView *self,
                                          GHashTable     *sources);
gboolean    atlas_chart_view_zoom      (AtlasChartView *self,
                                        double          factor,
                                        double          anchor);
gboolean    atlas_chart_view_pan       (AtlasChartView *self,
                                        double          dx);
void        atlas_chart_view_reset_view (AtlasChartView *self);
gboolean    atlas_chart_view_zoom_to_span (AtlasChartView *self,
                                           double          from,
                                           double          to);
gboolean    atlas_chart_view_go_back   (AtlasChartView *self,
                                        gboolean        forward);
void        atlas_chart_view_hover     (AtlasChartView *self,
                                        double          x,
                                        double          y);
gboolean    atlas_chart_view_toggle_series (AtlasChartView *self,
                                            guint           series);
gboolean    atlas_chart_view_move_point (AtlasChartView *self,
                                         int             step,
                                         int             series_step);
gboolean    atlas_chart_view_get_marked_point (AtlasChartView *self,
                                               guint          *out_series,
                                               gsize          *out_row);
char       *atlas_chart_view_describe_at (AtlasChartView *self,
                                          double          x,
                                          double          y);

gboolean    atlas_chart_view_select_note (AtlasChartView *self,
                                          int             index);
int         atlas_chart_view_get_selected_note (AtlasChartView *self);
gboolean    atlas_chart_view_edit_text_at (AtlasChartView *self,
                                           double          x,
                                           double          y);
gboolean    atlas_chart_view_add_note_at (AtlasChartView *self,
                                          double          x,
                                          double          y);
gboolean    atlas_chart_view_add_line_at (AtlasChartView *self,
                                          double          x,
                                          double          y);
gboolean    atlas_chart_view_shade_span (AtlasChartView *self,
                                         double          from,
                                         double          to);
gboolean    atlas_chart_view_edit_note (AtlasChartView *self);
gboolean    atlas_chart_view_move_note_to (AtlasChartView *self,
                                           double          x,
                                           double          y);
GtkWidget  *atlas_chart_view_popup_menu (AtlasChartView *self,
                                         double          x,
                                         double          y);

G_END_DECLS
