/* atlas-export-command.c: reads a CSV, builds the chart the options ask for, and writes it or describes it. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-export-command.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "atlas-chart-export.h"
#include "atlas-chart-suggest.h"
#include "atlas-story.h"
#include "atlas-csv-reader.h"
#include "atlas-table.h"

void
atlas_export_options_clear (AtlasExportOptions *options)
{
  g_free (options->output);
  g_free (options->chart_type);
  g_free (options->x_column);
  g_free (options->y_columns);
  g_free (options->title);
  g_free (options->subtitle);
  g_free (options->source);
  g_free (options->notes);
  g_free (options->label_column);
  g_free (options->x_range);
  g_free (options->size_column);
  g_free (options->status_column);
  g_free (options->events_file);
  g_strfreev (options->callouts);
  g_strfreev (options->ranges);
  g_strfreev (options->references);
}

/* Says on stderr what is wrong with the command line. */
static void G_GNUC_PRINTF (1, 2)
print_usage_error (const char *format,
                   ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "silicon-atlas: %s\n", message);
}

/* The table's first column of type, or NULL. */
static const AtlasColumn *
first_column_of_type (const AtlasTable *table,
                      AtlasColumnType   type)
{
  for (guint i = 0; i < atlas_table_get_n_columns (table); i++)
    if (atlas_column_get_column_type (atlas_table_get_column (table, i)) == type)
      return atlas_table_get_column (table, i);
  return NULL;
}

/* "X=TEXT" into the x value (in the x column's units) and the text. */
static gboolean
parse_anchor (const AtlasTable *table,
              const char       *x_column,
              const char       *option,
              const char       *argument,
              double           *out_x,
              double           *out_x_end,
              const char      **out_text)
{
  const char *equals = strchr (argument, '=');
  g_autofree char *where = equals ? g_strndup (argument, equals - argument) : NULL;
  char *dots = where ? strstr (where, "..") : NULL;
  gboolean ok;

  if (!equals)
    {
      /* Translators: an option (--callout), then what was given to it; the
       * words in capitals name what to give, as --help does. */
      print_usage_error (_("%s takes VALUE=TEXT, not “%s”"), option, argument);
      return FALSE;
    }
  *out_text = equals + 1;
  if (out_x_end)
    {
      if (!dots)
        {
          print_usage_error (_("%s takes FROM..TO=TEXT, not “%s”"), option, argument);
          return FALSE;
        }
      *dots = '\0';
      ok = atlas_chart_parse_x (table, x_column, where, out_x) && atlas_chart_parse_x (table, x_column, dots + 2, out_x_end);
    }
  else
    ok = atlas_chart_parse_x (table, x_column, where, out_x);
  if (!ok)
    print_usage_error (_("%s: “%s” is not a value of the x axis"), option, where);
  return ok;
}

/* Events from a CSV of their own: the first date column, and the column
 * of names atlas_table_guess_label_column() picks. */
static gboolean
load_events (const char     *path,
             AtlasChartSpec *spec)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AtlasCsvResult) events = atlas_csv_read_file (path, NULL, NULL, NULL, NULL, &error);
  const AtlasColumn *dates, *names;

  if (!events)
    {
      fprintf (stderr, "%s\n", error->message);
      return FALSE;
    }
  dates = first_column_of_type (events->table, ATLAS_COLUMN_DATE);
  names = atlas_table_guess_label_column (events->table)
            ? atlas_table_find_column (events->table, atlas_table_guess_label_column (events->table))
            : NULL;
  if (!dates || !names)
    {
      fprintf (stderr, "%s: %s\n", path, _("an events file needs a column of dates and a column of names"));
      return FALSE;
    }
  for (gsize row = 0; row < atlas_table_get_n_rows (events->table); row++)
    if (!atlas_column_is_missing (dates, row) && atlas_column_get_text (names, row))
      atlas_chart_spec_add_event (spec, atlas_column_get_number (dates, row), atlas_column_get_text (names, row));
  return TRUE;
}

int
atlas_export_command_run (const AtlasExportOptions *options,
                          const char               *input)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AtlasCsvResult) result = atlas_csv_read_file (input, NULL, NULL, NULL, NULL, &error);
  g_autoptr (AtlasChart) chart = NULL;
  AtlasChartSpec spec;
  gboolean choose_type = options->chart_type == NULL;

  if (!result)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  atlas_chart_spec_init (&spec);
  if (options->chart_type && !atlas_chart_type_from_string (options->chart_type, &spec.type))
    {
      /* Translators: the names after “use” are what --chart takes: they stay in English. */
      print_usage_error (_("unknown chart type “%s”; use line, area, stacked-area, stacked-area-percent, "
                           "bar, bar-horizontal, bar-stacked, bar-horizontal-stacked, scatter, donut or "
                           "timeline"),
                         options->chart_type);
      return 2;
    }
  spec.x_column = g_strdup (options->x_column);
  spec.y_columns = options->y_columns ? g_strsplit (options->y_columns, ",", -1) : NULL;
  spec.title = g_strdup (options->title);
  spec.subtitle = g_strdup (options->subtitle);
  spec.source = g_strdup (options->source);
  spec.notes = g_strdup (options->notes);
  spec.dark = options->dark;
  spec.transparent = options->transparent;
  spec.log_y = options->log_y;
  spec.markers = options->markers;
  spec.label_column = g_strdup (options->label_column);
  spec.size_column = g_strdup (options->size_column);
  spec.status_column = g_strdup (options->status_column);
  atlas_chart_spec_suggest (result->table, &spec, choose_type);
  if (!spec.x_column)
    {
      fprintf (stderr, "%s: %s\n", input, _("the file has no columns to chart"));
      atlas_chart_spec_clear (&spec);
      return 1;
    }

  for (guint i = 0; options->callouts && options->callouts[i]; i++)
    {
      double x;
      const char *text;
      if (!parse_anchor (result->table, spec.x_column, "--callout", options->callouts[i], &x, NULL, &text))
        goto usage_error;
      atlas_chart_spec_add_annotation (&spec, ATLAS_ANNOTATION_CALLOUT, x, x, NAN, 0, text);
    }
  for (guint i = 0; options->ranges && options->ranges[i]; i++)
    {
      double x, x_end;
      const char *text;
      if (!parse_anchor (result->table, spec.x_column, "--range", options->ranges[i], &x, &x_end, &text))
        goto usage_error;
      atlas_chart_spec_add_annotation (&spec, ATLAS_ANNOTATION_RANGE, x, x_end, NAN, 0, text);
    }
  for (guint i = 0; options->references && options->references[i]; i++)
    {
      const char *equals = strchr (options->references[i], '=');
      double y;
      char *end = NULL;

      y = equals ? g_ascii_strtod (options->references[i], &end) : NAN;
      if (!equals || end != equals)
        {
          print_usage_error (_("--reference takes NUMBER=TEXT, not “%s”"), options->references[i]);
          goto usage_error;
        }
      atlas_chart_spec_add_annotation (&spec, ATLAS_ANNOTATION_REFERENCE_LINE, NAN, NAN, y, 0, equals + 1);
    }
  if (options->x_range)
    {
      g_auto (GStrv) ends = atlas_chart_split_range (options->x_range);
      if (!ends || !atlas_chart_parse_x (result->table, spec.x_column, ends[0], &spec.view_x_min)
          || !atlas_chart_parse_x (result->table, spec.x_column, ends[1], &spec.view_x_max))
        {
          print_usage_error (_("--x-range takes FROM..TO in the x axis's values, not “%s”"),
                             options->x_range);
          goto usage_error;
        }
    }
  if (options->events_file && !load_events (options->events_file, &spec))
    {
      atlas_chart_spec_clear (&spec);
      return 1;
    }

  chart = atlas_chart_new (result->table, &spec, &error);
  atlas_chart_spec_clear (&spec);
  if (!chart)
    {
      fprintf (stderr, "%s: %s\n", input, error->message);
      return 1;
    }

  if (options->output)
    {
      if (!atlas_chart_export (chart, options->output, options->width, options->height, options->scale, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
    }
  else
    {
      /* The summary reads the geometry of a render: lay the chart out first. */
      cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cairo_t *cr = cairo_create (surface);
      atlas_chart_render (chart, cr, options->width, options->height);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
  if (options->summary)
    {
      g_autofree char *summary = atlas_chart_summarize (chart);
      printf ("%s\n", summary);
    }
  return 0;

usage_error:
  atlas_chart_spec_clear (&spec);
  return 2;
}

/* Draws passage step (1-based) of the story: its chart state, into the
 * file --export names, at the size and in the look the options ask. */
int
atlas_story_step_command_run (const AtlasExportOptions *options,
                              const char               *story_path,
                              int                       step)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AtlasStory) story = atlas_story_load (story_path, &error);
  g_autoptr (AtlasChart) chart = NULL;

  if (!story)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  if (step < 1 || (guint) step > atlas_story_get_n_passages (story))
    {
      /* Translators: the story's last passage, then the one asked for. */
      print_usage_error (_("the story has passages 1 to %u, not %d"), atlas_story_get_n_passages (story),
                         step);
      return 2;
    }
  chart = atlas_story_build_chart (story, (guint) step - 1, &error);
  if (!chart)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  /* The look is the reader's choice, not the story's. */
  atlas_chart_set_look (chart, options->dark, options->transparent);
  if (options->output
      && !atlas_chart_export (chart, options->output, options->width, options->height, options->scale, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  if (options->summary)
    {
      g_autofree char *summary = NULL;
      if (!options->output)
        {
          cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
          cairo_t *cr = cairo_create (surface);
          atlas_chart_render (chart, cr, options->width, options->height);
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
        }
      summary = atlas_chart_summarize (chart);
      printf ("%s\n", summary);
    }
  return 0;
}
