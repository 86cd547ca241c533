/* atlas-export-command.c: reads a CSV, builds the chart the options ask for, and writes it or describes it. */
#include "atlas-export-command.h"

#include <stdio.h>

#include "atlas-chart-export.h"
#include "atlas-csv-reader.h"
#include "atlas-table.h"

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
      fprintf (stderr,
               "silicon-atlas: unknown chart type “%s”; use line, area, stacked-area, stacked-area-percent, bar, "
               "bar-horizontal, bar-stacked, scatter or donut\n",
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
  atlas_chart_spec_suggest (result->table, &spec, choose_type);
  if (!spec.x_column)
    {
      fprintf (stderr, "%s: the file has no columns to chart\n", input);
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
}
