/* atlas-chart-definition.h: the chart language: a chart as a key-file group, read, written and built into a chart. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "atlas-chart.h"

G_BEGIN_DECLS

#define ATLAS_CHART_FILE_ERROR (atlas_chart_file_error_quark ())

typedef enum
{
  ATLAS_CHART_FILE_ERROR_INVALID,          /* a key or value the language does not have */
  ATLAS_CHART_FILE_ERROR_BROKEN_REFERENCE, /* a column, value, dataset or file that is not there */
  ATLAS_CHART_FILE_ERROR_NEWER_VERSION,    /* written by a later version of the language */
  ATLAS_CHART_FILE_ERROR_MISSING_DATA,     /* the data file it names is not there */
} AtlasChartFileError;

/* The version of the language this build writes, and the newest it reads. */
#define ATLAS_CHART_FILE_VERSION 1
/* The group a .atlaschart file keeps its chart in. */
#define ATLAS_CHART_FILE_GROUP "Chart"

/* A note as written: kind|where|text|sources|series. */
typedef struct
{
  AtlasAnnotationKind kind;
  char *key;     /* Note1, Note2, ...: for messages */
  char *where;   /* x (callouts), x1..x2 (ranges) or y (reference lines), as written */
  char *text;
  GStrv sources; /* source ids; empty when the note cites none */
  char *series;  /* callouts: the series noted; NULL for the first */
} AtlasChartNote;

/* A chart as its key-file group says it, every value as written: what it
 * reads is resolved against the data only when it is built. NULL strings
 * are keys that are not there; what they leave open is suggested from
 * the data, as for a file opened without a chart. */
typedef struct
{
  char *data;                  /* Data: a CSV file, relative to base_dir */
  char *dataset;               /* Dataset: a built-in dataset's id */
  GHashTable *reader_settings; /* how to read data: reader key -> value as written; empty: detect everything */
  gboolean has_type;
  AtlasChartType type;         /* Chart */
  char *x_column;              /* X */
  GStrv y_columns;             /* Y */
  char *label_column;          /* Label */
  char *size_column;           /* Size */
  char *status_column;         /* Status; "" for none */
  char *filter_column;         /* FilterColumn */
  char *filter_value;          /* FilterValue */
  char *group_column;          /* Group: a series for each of its values */
  GStrv group_values;          /* GroupValues: the groups drawn; NULL for all */
  gboolean log_y;              /* Log */
  gboolean fit_values;         /* FitValues: lines' value axis fits the data, not from zero */
  gboolean markers;            /* Markers */
  gboolean dark;               /* Dark */
  gboolean transparent;        /* Transparent */
  char *x_range;               /* XRange: FROM..TO along x */
  char *y_range;               /* YRange: FROM..TO of values */
  GStrv highlights;            /* Highlight: x values whose points are ringed */
  char *title;                 /* Title */
  char *subtitle;              /* Subtitle */
  char *source;                /* Source */
  char *notes;                 /* Notes: the text under the chart */
  char *events_dataset;        /* Events: a built-in dataset of dated events */
  char *events_data;           /* EventsData: a CSV of dated events, relative to base_dir */
  GStrv events_categories;     /* EventsCategory: the events' category column reads one of these */
  GPtrArray *annotations;      /* AtlasChartNote, in the order of their numbers */
  int value_decimals;          /* Decimals: 0 to 12; -1 when not said */
  char *value_prefix;          /* Prefix */
  char *value_suffix;          /* Suffix */
  char *value_unit;            /* Unit */
  GStrv series_colors;         /* Colors: per series, "#rrggbb" or "" for the palette's */
  AtlasSortOrder sort;         /* Sort */

  /* Where it was read from, for resolving paths and for messages. */
  char *base_dir;        /* relative paths resolve here */
  GHashTable *places;    /* key -> "FILE:LINE:1: " or "--option: ", said before a message about it */
  char *group_place;     /* the same for the group as a whole */
} AtlasChartDefinition;

/* What a chart's references lead to, found by whoever reads its data. */
typedef struct
{
  AtlasTable *events; /* the table Events or EventsData names; NULL when it names none */
  const char *title;  /* the title when the chart gives none: its dataset's; NULL for none */
  const char *source; /* the source line when the chart gives none; NULL for none */
} AtlasChartReferences;

extern const char *const atlas_chart_reader_keys[];

GQuark                atlas_chart_file_error_quark      (void);

AtlasChartDefinition *atlas_chart_definition_new        (void);
void                  atlas_chart_definition_free       (AtlasChartDefinition       *definition);
AtlasChartDefinition *atlas_chart_definition_copy       (const AtlasChartDefinition *definition);
AtlasChartDefinition *atlas_chart_definition_read       (GKeyFile                   *keys,
                                                         const char                 *contents,
                                                         const char                 *path,
                                                         const char                 *group,
                                                         const char * const         *other_keys,
                                                         GError                    **error);
AtlasChartDefinition *atlas_chart_definition_read_options (GKeyFile                 *keys,
                                                           GHashTable               *option_names,
                                                           const char               *base_dir,
                                                           GError                  **error);
AtlasChartDefinition *atlas_chart_definition_load       (const char                 *path,
                                                         GError                    **error);
void                  atlas_chart_definition_write      (const AtlasChartDefinition *definition,
                                                         GKeyFile                   *keys,
                                                         const char                 *group,
                                                         const char                 *dir);
gboolean              atlas_chart_definition_save       (const AtlasChartDefinition *definition,
                                                         const char                 *path,
                                                         GError                    **error);
void                  atlas_chart_definition_set_data   (AtlasChartDefinition       *definition,
                                                         const char                 *path);
char                 *atlas_chart_path_relative         (const char                 *dir,
                                                         const char                 *path);
char                 *atlas_chart_definition_resolve_path (const AtlasChartDefinition *definition,
                                                           const char               *path);
gboolean              atlas_chart_definition_check_sources (const AtlasChartDefinition *definition,
                                                            GHashTable              *sources,
                                                            gboolean                 required,
                                                            GError                 **error);
AtlasChart           *atlas_chart_definition_build_chart (const AtlasChartDefinition *definition,
                                                          AtlasTable                 *table,
                                                          const AtlasChartReferences *references,
                                                          GError                    **error);
void                  atlas_chart_definition_set_error  (GError                    **error,
                                                         const AtlasChartDefinition *definition,
                                                         const char                 *key,
                                                         AtlasChartFileError         code,
                                                         const char                 *format,
                                                         ...) G_GNUC_PRINTF (5, 6);
void                  atlas_chart_definition_take_chart (AtlasChartDefinition       *definition,
                                                         const AtlasChart           *chart);
char                 *atlas_chart_note_format           (const AtlasChartNote       *note);
char                 *atlas_chart_format_x              (const AtlasTable           *table,
                                                         const char                 *x_column,
                                                         double                      value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasChartDefinition, atlas_chart_definition_free)

G_END_DECLS
