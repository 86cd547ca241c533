/* atlas-chart-painter.h: the text and colour helpers every part of a chart's drawing shares. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "atlas-chart-private.h"

G_BEGIN_DECLS

typedef struct
{
  AtlasChart *chart;
  AtlasChartLayout *layout; /* where what is drawn goes: filled as the chart is drawn */
  cairo_t *cr;
  PangoLayout *text;
  const AtlasTheme *theme;
  AtlasNumberStyle style;
  double unit; /* body text size in pixels; every space is measured in it */
} Painter;

typedef enum
{
  TEXT_BODY,
  TEXT_SMALL,
  TEXT_TITLE,
} TextRole;

void   atlas_painter_set_color       (cairo_t          *cr,
                                      const AtlasColor *color);
void   atlas_painter_set_color_alpha (cairo_t          *cr,
                                      const AtlasColor *color,
                                      double            alpha);
void   atlas_painter_prepare_text    (Painter          *painter,
                                      const char       *text,
                                      TextRole          role,
                                      double            width,
                                      int               max_lines);
void   atlas_painter_measure         (Painter          *painter,
                                      double           *out_width,
                                      double           *out_height);
void   atlas_painter_show            (Painter          *painter,
                                      double            x,
                                      double            y,
                                      const AtlasColor *color);
double atlas_painter_draw_text_block (Painter          *painter,
                                      const char       *text,
                                      TextRole          role,
                                      double            x,
                                      double            y,
                                      double            width,
                                      int               max_lines,
                                      const AtlasColor *color);
void   atlas_chart_record_text_box   (AtlasChartLayout *layout,
                                      double            x,
                                      double            y,
                                      double            width,
                                      double            height);
gboolean atlas_rectangles_intersect  (double            x,
                                      double            y,
                                      double            width,
                                      double            height,
                                      const cairo_rectangle_t *box);
gboolean atlas_chart_text_box_free   (const AtlasChartLayout *layout,
                                      double            x,
                                      double            y,
                                      double            width,
                                      double            height);

void   atlas_chart_draw_ranges       (Painter          *painter);
void   atlas_chart_draw_overlays     (Painter          *painter);
void   atlas_chart_draw_timeline     (Painter          *painter,
                                      const cairo_rectangle_t *area);

G_END_DECLS
