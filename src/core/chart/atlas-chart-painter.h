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
  double text_size; /* the size of the text last prepared, in pixels */
  guint announced; /* the LeftOutKinds, as bits, that the chart says it leaves out */
  guint64 footnoted; /* the notes (by index, as bits) moved under the plot, numbered there */
} Painter;

/* What a layout leaves out for want of room, by kind: the chart names
 * each kind it left out, under the plot. */
typedef enum
{
  LEFT_OUT_NOTE,
  LEFT_OUT_EVENT_LABEL,
  LEFT_OUT_CATEGORY_NAMES,
  LEFT_OUT_SPAN_LABEL,
  LEFT_OUT_LINE_LABEL,
  LEFT_OUT_UNANCHORED,                 /* a note on a value the data lack: the author's slip, not the room's */
  LEFT_OUT_N_KINDS,
  LEFT_OUT_GROUPED = LEFT_OUT_N_KINDS, /* said where it is grouped, as "+N" */
  LEFT_OUT_SAID_IN_PLACE,              /* said where it would be drawn */
} LeftOutKind;

typedef enum
{
  TEXT_BODY,
  TEXT_SMALL,
  TEXT_TITLE,
} TextRole;

AtlasColor atlas_painter_series_color (const Painter *painter,
                                       guint          series);
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
void   atlas_painter_record_text_box (Painter          *painter,
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
AtlasColor atlas_chart_event_color   (Painter          *painter,
                                      const AtlasChartEvent *event);
void   atlas_chart_collect_event_key (Painter          *painter,
                                      GPtrArray        *out_sides);
void   atlas_chart_draw_overlays     (Painter          *painter);
void   atlas_chart_draw_timeline     (Painter          *painter,
                                      const cairo_rectangle_t *area);
gboolean atlas_painter_note_is_footnoted (const Painter *painter,
                                          guint          index);
guint  atlas_painter_footnote_number (const Painter    *painter,
                                      guint             index);
void   atlas_painter_drop            (Painter          *painter,
                                      LeftOutKind       kind,
                                      const char       *format,
                                      ...) G_GNUC_PRINTF (3, 4);

G_END_DECLS
