/* atlas-export-command.h: `silicon-atlas --export` and `--summary`, charts without a display. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *output;
  char *save_chart; /* a .atlaschart file to write */
  char *chart_type;
  char *x_column;
  char *y_columns;
  char *title;
  char *subtitle;
  char *source;
  char *notes;
  double width;
  double height;
  double scale;
  gboolean dark;
  gboolean transparent;
  gboolean summary;
  gboolean audit;
  gboolean log_y;
  gboolean fit_values;
  gboolean markers;
  char *label_column;
  char *x_range;
  char *size_column;
  char *status_column;
  char *group_column;
  char *events_file;
  GStrv callouts;   /* "X=TEXT" */
  GStrv ranges;     /* "X1..X2=TEXT" */
  GStrv references; /* "Y=TEXT" */
} AtlasExportOptions;

void atlas_export_options_clear (AtlasExportOptions *options);

int atlas_export_command_run (const AtlasExportOptions *options,
                              const char               *input,
                              const char               *datasets_dir);
int atlas_story_step_command_run (const AtlasExportOptions *options,
                                  const char               *story_path,
                                  int                       step,
                                  const char               *datasets_dir,
                                  gboolean                  read_outside);
int atlas_publish_story_command_run (const char *output,
                                     const char *story_path,
                                     const char *paper,
                                     const char *datasets_dir,
                                     gboolean    read_outside);

G_END_DECLS
