/* atlas-chart.h: a chart of a table: what to draw (the spec), one render call for screen and files, pick and summary. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "atlas-core-types.h"
#include "atlas-scale.h"
#include "atlas-theme.h"

G_BEGIN_DECLS

#define ATLAS_CHART_ERROR (atlas_chart_error_quark ())

typedef enum
{
  ATLAS_CHART_ERROR_NO_SUCH_COLUMN,
  ATLAS_CHART_ERROR_WRONG_COLUMN_TYPE,
  ATLAS_CHART_ERROR_NO_DATA,
  ATLAS_CHART_ERROR_NOT_POSITIVE,
  ATLAS_CHART_ERROR_EXPORT,
  ATLAS_CHART_ERROR_LOG_UNSUITED, /* a log scale asked of bars, areas or stacks */
} AtlasChartError;

typedef enum
{
  ATLAS_CHART_LINE,
  ATLAS_CHART_AREA,
  ATLAS_CHART_STACKED_AREA,
  ATLAS_CHART_STACKED_AREA_PERCENT,
  ATLAS_CHART_BAR,
  ATLAS_CHART_BAR_HORIZONTAL,
  ATLAS_CHART_BAR_STACKED,
  ATLAS_CHART_BAR_HORIZONTAL_STACKED,
  ATLAS_CHART_SCATTER,
  ATLAS_CHART_DONUT,
  ATLAS_CHART_TIMELINE,
} AtlasChartType;

/* The order bars along names stand in. */
typedef enum
{
  ATLAS_SORT_NONE,       /* as the rows come */
  ATLAS_SORT_ASCENDING,  /* by the first series' value, smallest first */
  ATLAS_SORT_DESCENDING, /* largest first */
} AtlasSortOrder;

typedef enum
{
  ATLAS_ANNOTATION_CALLOUT,        /* a note on one data point */
  ATLAS_ANNOTATION_RANGE,          /* a shaded span between two x values */
  ATLAS_ANNOTATION_REFERENCE_LINE, /* a line across the plot at a y value */
} AtlasAnnotationKind;

/* A note anchored in data, so it follows zoom, resize and export. x values
 * are in the x column's units (seconds for dates). */
typedef struct
{
  AtlasAnnotationKind kind;
  double x;
  double x_end;  /* ranges */
  double y;      /* reference lines */
  guint series;  /* callouts: the series whose value at x is noted */
  char *text;
  GStrv sources; /* the source ids the note cites, as a chart file writes them; NULL for none */
} AtlasAnnotation;

/* A piece of text a layout placed: where, at what size, saying what. */
typedef struct
{
  cairo_rectangle_t box;
  double size; /* the font's size in pixels */
  char *text;
} AtlasTextBox;

/* Something a layout left out for want of room, and whether the chart
 * says so where the reader sees it. */
typedef struct
{
  char *what;
  gboolean announced;
} AtlasDroppedItem;

/* A dated event drawn as a vertical line over a time axis, coloured by
 * the side that acted (NULL: none said). */
typedef struct
{
  double x;
  char *label;
  char *side;
} AtlasChartEvent;

/* What a chart shows. Strings are owned; NULL means "none" or "choose". */
typedef struct
{
  AtlasChartType type;
  char *x_column;
  GStrv y_columns;
  char *title;
  char *subtitle;
  char *source;
  char *notes;
  gboolean log_y;
  gboolean fit_values;  /* lines: the value axis fits the data rather than starting at zero */
  gboolean markers;
  gboolean dark;        /* the look the chart opens in */
  gboolean transparent;
  gboolean hide_header; /* no title, subtitle, source or notes: the window shows them itself */
  double view_x_min;    /* the range the chart opens on; NAN: the data's own */
  double view_x_max;
  double view_y_min;
  double view_y_max;
  char *label_column;  /* timeline: the events' names */
  char *size_column;   /* scatter: numbers that set each point's area */
  char *status_column; /* rows whose status is an estimate or forecast draw dashed */
  char *filter_column; /* with filter_value: only rows whose text here is filter_value are drawn */
  char *filter_value;
  char *group_column;  /* a series for each value of this column (a company, a scope), from rows in long form */
  GStrv group_values;  /* with group_column: the groups drawn, the rest a choice away; NULL: every group */
  GArray *annotations; /* AtlasAnnotation, owned; NULL when none */
  GArray *events;      /* AtlasChartEvent, owned; NULL when none */
  GStrv event_sides;   /* the sides events may name, in the order they take colours; NULL: as they come */
  GArray *highlights;  /* double: x values whose points are ringed; NULL when none */
  int value_decimals;  /* decimals every value is shown with; -1: as many as the axis or the value needs */
  char *value_prefix;  /* written before every value ("$"); NULL for none */
  char *value_suffix;  /* written after every value ("%"); NULL for none */
  char *value_unit;    /* what the values measure, over the value axis; NULL: the columns' own */
  GStrv series_colors; /* per series, "#rrggbb", or "" for the palette's; NULL: the palette throughout */
  AtlasSortOrder sort; /* bars along names: their order */
} AtlasChartSpec;

/* How a chart is looked at now, beside what its spec says it shows: the
 * range in view (NAN: the data's own) and the look, which start as the
 * spec's and change as people zoom, pan and switch themes. */
typedef struct
{
  double x_min;
  double x_max;
  double y_min;
  double y_max;
  gboolean dark;
  gboolean transparent;
} AtlasViewState;

/* What is under a point of the chart. */
typedef struct
{
  guint series;
  gsize row;
  double x;
  double y;
} AtlasChartPick;

typedef struct _AtlasChart AtlasChart;
typedef struct _AtlasChartLayout AtlasChartLayout;

GQuark          atlas_chart_error_quark     (void);

void            atlas_chart_spec_init       (AtlasChartSpec       *spec);
void            atlas_chart_spec_clear      (AtlasChartSpec       *spec);
void            atlas_chart_spec_copy       (const AtlasChartSpec *spec,
                                             AtlasChartSpec       *out_copy,
                                             gboolean              keep_notes);
AtlasAnnotation *atlas_chart_spec_add_annotation (AtlasChartSpec   *spec,
                                                 AtlasAnnotationKind kind,
                                                 double              x,
                                                 double              x_end,
                                                 double              y,
                                                 guint               series,
                                                 const char         *text);
void            atlas_chart_spec_set_y_columns (AtlasChartSpec    *spec,
                                                const char * const *y_columns);
void            atlas_chart_spec_add_highlight (AtlasChartSpec    *spec,
                                                double             x);
void            atlas_chart_spec_add_event  (AtlasChartSpec       *spec,
                                             const char           *side,
                                             double                x,
                                             const char           *label);
GStrv           atlas_chart_split_range     (const char           *text);
gboolean        atlas_chart_parse_x         (const AtlasTable     *table,
                                             const char           *x_column,
                                             const char           *text,
                                             double               *out_value);
gboolean        atlas_chart_spec_parse_x    (const AtlasTable     *table,
                                             const AtlasChartSpec *spec,
                                             const char           *text,
                                             double               *out_value);
const AtlasColumn *atlas_chart_spec_find_filter (const AtlasTable     *table,
                                                 const AtlasChartSpec *spec);
GPtrArray      *atlas_chart_list_names      (const AtlasTable     *table,
                                             const AtlasColumn    *column,
                                             const AtlasColumn    *filter,
                                             const char           *filter_value);
gboolean        atlas_chart_spec_format_value (const AtlasChartSpec *spec,
                                               GString              *number);
gboolean        atlas_chart_parse_color     (const char           *text,
                                             AtlasColor           *out_color);
gboolean        atlas_sort_order_from_string (const char          *name,
                                              AtlasSortOrder      *out_order);
const char     *atlas_sort_order_to_string  (AtlasSortOrder        order);
gboolean        atlas_chart_type_from_string (const char          *name,
                                             AtlasChartType       *out_type);
const char     *atlas_chart_type_to_string  (AtlasChartType        type);
const char     *atlas_chart_type_describe   (AtlasChartType        type);

AtlasChart     *atlas_chart_new             (AtlasTable           *table,
                                             const AtlasChartSpec *spec,
                                             GError              **error);
AtlasChart     *atlas_chart_ref             (AtlasChart           *chart);
GStrv           atlas_table_list_groups     (const AtlasTable     *table,
                                             const char           *column_name,
                                             guint                 max);
GStrv           atlas_chart_list_group_series (const AtlasTable   *table,
                                               const AtlasChartSpec *spec,
                                               GError            **error);
void            atlas_chart_unref           (AtlasChart           *chart);
const AtlasChartSpec *atlas_chart_get_spec  (const AtlasChart     *chart);
const AtlasViewState *atlas_chart_get_view_state (const AtlasChart *chart);
void            atlas_chart_copy_shown_spec (const AtlasChart     *chart,
                                             AtlasChartSpec       *out_copy,
                                             gboolean              keep_notes);
void            atlas_chart_set_look        (AtlasChart           *chart,
                                             gboolean              dark,
                                             gboolean              transparent);
void            atlas_chart_set_view        (AtlasChart           *chart,
                                             double                x_min,
                                             double                x_max,
                                             double                y_min,
                                             double                y_max);
AtlasTable     *atlas_chart_get_table       (const AtlasChart     *chart);
guint           atlas_chart_get_n_series    (const AtlasChart     *chart);
const char     *atlas_chart_get_series_name (const AtlasChart     *chart,
                                             guint                 series);

AtlasChartLayout *atlas_chart_render        (AtlasChart           *chart,
                                             cairo_t              *cr,
                                             double                width,
                                             double                height) G_GNUC_WARN_UNUSED_RESULT;
AtlasChartLayout *atlas_chart_layout_new    (AtlasChart           *chart,
                                             cairo_t              *cr,
                                             double                width,
                                             double                height);
AtlasChartLayout *atlas_chart_layout_ref    (AtlasChartLayout     *layout);
double          atlas_chart_get_height_for_names (AtlasChart      *chart,
                                                  double           width,
                                                  double           height);
void            atlas_chart_layout_unref    (AtlasChartLayout     *layout);
AtlasChart     *atlas_chart_layout_get_chart (const AtlasChartLayout *layout);
gboolean        atlas_chart_pick            (const AtlasChartLayout *layout,
                                             double                x,
                                             double                y,
                                             AtlasChartPick       *out_pick);
gboolean        atlas_chart_pick_within     (const AtlasChartLayout *layout,
                                             double                x,
                                             double                y,
                                             double                radius,
                                             AtlasChartPick       *out_pick);
gboolean        atlas_chart_point_position  (const AtlasChartLayout *layout,
                                             guint                 series,
                                             gsize                 row,
                                             double               *out_x,
                                             double               *out_y);
gboolean        atlas_chart_get_plot_area   (const AtlasChartLayout *layout,
                                             cairo_rectangle_t    *out_area);
gboolean        atlas_chart_get_x_view      (const AtlasChartLayout *layout,
                                             double               *out_min,
                                             double               *out_max);
gboolean        atlas_chart_unmap_point     (const AtlasChartLayout *layout,
                                             double               px,
                                             double               py,
                                             double              *out_x,
                                             double              *out_y);
gboolean        atlas_chart_get_note_area   (const AtlasChartLayout *layout,
                                             guint                index,
                                             cairo_rectangle_t   *out_area);
gboolean        atlas_chart_pick_note       (const AtlasChartLayout *layout,
                                             double               px,
                                             double               py,
                                             guint               *out_index);
gboolean        atlas_chart_step_note       (const AtlasChartLayout *layout,
                                             guint                index,
                                             int                  step,
                                             double              *out_x,
                                             double              *out_x_end,
                                             double              *out_y);
gboolean        atlas_chart_get_y_view      (const AtlasChartLayout *layout,
                                             double               *out_min,
                                             double               *out_max);
void            atlas_chart_set_series_visible (AtlasChart        *chart,
                                                guint              series,
                                                gboolean           visible);
gboolean        atlas_chart_get_series_visible (const AtlasChart  *chart,
                                                guint              series);
gboolean        atlas_chart_pick_legend     (const AtlasChartLayout *layout,
                                             double                x,
                                             double                y,
                                             guint                *out_series);
gboolean        atlas_chart_step_point      (const AtlasChartLayout *layout,
                                             guint                 series,
                                             gsize                 row,
                                             int                   step,
                                             gsize                *out_row);
char           *atlas_chart_describe_pick   (const AtlasChart     *chart,
                                             const AtlasChartPick *pick,
                                             GHashTable           *sources);
GArray         *atlas_chart_get_text_boxes  (const AtlasChartLayout *layout);
GArray         *atlas_chart_get_dropped     (const AtlasChartLayout *layout);
const char     *atlas_chart_hover_note_at   (const AtlasChartLayout *layout,
                                             double                x,
                                             double                y);
char           *atlas_chart_summarize       (const AtlasChartLayout *layout);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasChart, atlas_chart_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasChartLayout, atlas_chart_layout_unref)

G_END_DECLS
