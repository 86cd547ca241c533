/* atlas-chart-private.h: the chart's data, and the layout of one size of it, shared by model, renderer and pick. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <math.h>

#include "atlas-chart.h"
#include "atlas-min-max-pyramid.h"
#include "atlas-table.h"

G_BEGIN_DECLS

typedef struct
{
  char *name;
  const double *values; /* the y column's numbers; NAN where missing */
  const char *unit;
  gboolean *estimated;  /* per row, owned: the series' own estimates (a grouped chart's); NULL: the chart's */
  double *owned_values; /* the values, where the series made them (a grouped scatter's); else NULL */
  gboolean joins_gaps;  /* a grouped series: rows it has no value at belong to other groups, and its line runs on */
} AtlasChartSeries;

/* Where a series' legend entry was drawn, for clicks that toggle it. */
typedef struct
{
  cairo_rectangle_t box;
  guint series;
} AtlasLegendBox;

/* What the pointer over part of a chart that is no value reads: an
 * event's line, a label standing for several. */
typedef struct
{
  cairo_rectangle_t area;
  char *text;
} AtlasHoverNote;

/* Where one bar or slice was drawn, for pick. */
typedef struct
{
  guint series;
  gsize row;
  double x, y, width, height; /* bars: the rectangle */
  gboolean missing;           /* bars: the row has no value, and this marks it as no data */
  double angle_start, angle_end; /* donuts */
} AtlasChartMark;

struct _AtlasChart
{
  gatomicrefcount ref_count;
  AtlasChartSpec spec;
  AtlasViewState view;   /* what the reader changes; the spec stays as made */
  AtlasTable *table;     /* what is drawn: for a grouped chart, the table made wide */
  AtlasTable *source_table; /* a grouped chart's long table, as read; NULL when it is table */
  const AtlasColumn *x_column;
  gsize n_rows;
  gboolean *excluded;    /* per row: left out by the spec's filter; NULL when every row is in */
  gsize *order;          /* rows in ascending x, rows with no x or filtered out left out; NULL when that is every row in turn */
  gsize n_ordered;
  const double *x_values; /* per row: the x number (the column's own array), or the category index for text */
  double *category_index;  /* text x: the array x_values points to */
  GPtrArray *categories; /* text x: distinct names in first-seen order */
  GArray *series;        /* AtlasChartSeries */
  gboolean *estimated;   /* per row: an estimate or forecast, by the status column; NULL when none */
  const double *sizes;   /* scatter: the size column's numbers; NULL when none */
  double max_size;
  GPtrArray *pyramids;   /* AtlasMinMaxPyramid per series, built on first need; NULL until then */
  gboolean *hidden;      /* per series: switched off in the legend; NULL while every series shows */
};

/* Where everything of a chart goes at one size: made as it is drawn (or
 * measured), never changed after. */
struct _AtlasChartLayout
{
  gatomicrefcount ref_count;
  AtlasChart *chart;     /* owned */
  double width;
  double height;
  cairo_rectangle_t plot;
  AtlasScale *x_scale;
  AtlasScale *y_scale;
  GArray *text_boxes;    /* AtlasTextBox */
  GArray *dropped;       /* AtlasDroppedItem */
  guint left_out_kinds;  /* the kinds of what was dropped for want of room, as bits */
  guint64 notes_left_out; /* the notes (by index, as bits) that found no room by their point */
  double unit;           /* the body text's size in pixels, by which every space is measured */
  GArray *marks;         /* AtlasChartMark */
  GArray *legend_boxes;  /* AtlasLegendBox */
  GArray *hover_notes;   /* AtlasHoverNote */
  double bar_slot;       /* bars: the width of a category's slot; 0 for other charts */
  gboolean bars_withheld; /* bars: too many to tell apart, and the plot says so instead */
  double donut_cx, donut_cy, donut_outer, donut_inner;
};

/* Whether the spec's filter leaves row out of the chart. */
static inline gboolean
atlas_chart_row_excluded (const AtlasChart *chart,
                          gsize             row)
{
  return chart->excluded && chart->excluded[row];
}

/* Whether series' value at row is an estimate or forecast, by the status
 * column: its own row's, or in a grouped chart the row it came from. */
static inline gboolean
atlas_chart_value_estimated (const AtlasChart *chart,
                             guint             series,
                             gsize             row)
{
  const AtlasChartSeries *s = &g_array_index (chart->series, AtlasChartSeries, series);

  return s->estimated ? s->estimated[row] : chart->estimated && chart->estimated[row];
}

/* Whether series has no value at row only because the row is another
 * group's: its line passes over the row rather than break there. */
static inline gboolean
atlas_chart_value_absent (const AtlasChart *chart,
                          guint             series,
                          gsize             row)
{
  const AtlasChartSeries *s = &g_array_index (chart->series, AtlasChartSeries, series);

  return s->joins_gaps && isnan (s->values[row]);
}

/* Whether the legend has switched series off. */
static inline gboolean
atlas_chart_series_hidden (const AtlasChart *chart,
                           guint             series)
{
  return chart->hidden && chart->hidden[series];
}

/* The row at position i in x order. */
static inline gsize
atlas_chart_row_at (const AtlasChart *chart,
                    gsize             i)
{
  return chart->order ? chart->order[i] : i;
}

gboolean atlas_chart_is_cartesian   (AtlasChartType type);
const AtlasMinMaxPyramid *atlas_chart_get_pyramid (AtlasChart *chart,
                                                   guint       series);
gsize    atlas_chart_lower_bound    (const AtlasChart *chart,
                                     double            x);
gsize    atlas_chart_lower_bound_from (const AtlasChart *chart,
                                       double            x,
                                       gsize             from);
gboolean atlas_chart_is_horizontal  (AtlasChartType type);
gboolean atlas_chart_type_is_bar    (AtlasChartType type);
gboolean atlas_chart_type_stacks    (AtlasChartType type);
gboolean atlas_chart_x_is_band      (const AtlasChart *chart);
double   atlas_chart_stack_value    (const AtlasChart *chart,
                                     guint             series,
                                     gsize             row,
                                     double           *out_base);

gboolean atlas_chart_status_is_estimate (const char *status);
const AtlasColumn *atlas_chart_find_column (const AtlasTable *table,
                                            const char       *name,
                                            GError          **error);
gboolean atlas_chart_split_series_by_group (AtlasChart           *chart,
                                            const AtlasChartSpec *spec,
                                            GError              **error);
AtlasTable *atlas_chart_group_table (AtlasTable           *table,
                                     const AtlasChartSpec *spec,
                                     GStrv                *out_series,
                                     GPtrArray           **out_estimated,
                                     GError              **error);
double   atlas_chart_point_radius   (const AtlasChartLayout *layout,
                                     gsize                   row);
gboolean atlas_chart_box_covers_data (const AtlasChartLayout *layout,
                                      double                  x,
                                      double                  y,
                                      double                  width,
                                      double                  height);

G_END_DECLS
