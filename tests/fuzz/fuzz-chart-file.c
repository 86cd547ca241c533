/* fuzz-chart-file.c: libFuzzer harness: any bytes as a .atlaschart file beside a small CSV and the real datasets; a chart
 * that loads is built, drawn, saved and read back.
 *
 * Run from the source tree (the datasets are found at data/datasets);
 * seed it with tests/fuzz/chart-seeds. What loads must also save and
 * load again: the writer and the reader of the language agree. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <cairo.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <string.h>

#include "atlas-chart-context.h"
#include "atlas-table.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static char *folder;
static char *chart_path;
static char *saved_path;
static AtlasChartContext *context;
static cairo_surface_t *surface;

static void
make_folder (void)
{
  g_autofree char *datasets = g_canonicalize_filename ("data/datasets", NULL);
  g_autofree char *csv = NULL;

  folder = g_dir_make_tmp ("atlas-fuzz-chart-XXXXXX", NULL);
  chart_path = g_build_filename (folder, "chart.atlaschart", NULL);
  saved_path = g_build_filename (folder, "saved.atlaschart", NULL);
  csv = g_build_filename (folder, "values.csv", NULL);
  g_assert_true (g_file_set_contents (csv,
                                      "year,imports,exports,status\n2018,300,80,final\n2019,306,101,final\n"
                                      "2020,350,117,final\n2021,432,154,estimate\n2022,415,153,\n",
                                      -1, NULL));
  /* Tables read once stay in the context: the datasets are not what is fuzzed. */
  context = atlas_chart_context_new (datasets);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 320, 240);
}

/* Only files in the harness's folder are read: a Data key may name any
 * path, and a device that never ends is no finding of ours. */
static gboolean
data_is_ours (const AtlasChartDefinition *definition)
{
  g_autofree char *path = definition->data ? atlas_chart_context_get_data_path (context, definition) : NULL;
  g_autofree char *events = definition->events_data ? g_canonicalize_filename (definition->events_data,
                                                                                 definition->base_dir)
                                                     : NULL;
  g_autofree char *prefix = g_strconcat (folder, G_DIR_SEPARATOR_S, NULL);

  return (!path || g_str_has_prefix (path, prefix)) && (!events || g_str_has_prefix (events, prefix));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AtlasChartDefinition) definition = NULL;
  g_autoptr (AtlasChartDefinition) again = NULL;
  g_autoptr (AtlasTable) table = NULL;
  g_autoptr (AtlasChart) chart = NULL;
  cairo_t *cr;

  if (!folder)
    make_folder ();
  g_assert_true (g_file_set_contents_full (chart_path, (const char *) data, (gssize) size, G_FILE_SET_CONTENTS_NONE,
                                           0600, NULL));
  definition = atlas_chart_definition_load (chart_path, &error);
  if (!definition)
    {
      /* Refused with the file and a line to look at. */
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, chart_path));
      return 0;
    }
  if (!data_is_ours (definition))
    return 0;
  table = atlas_chart_context_read_table (context, definition, &error);
  if (!table)
    {
      g_assert_nonnull (error);
      return 0;
    }
  chart = atlas_chart_context_build (context, definition, table, &error);
  if (!chart)
    {
      g_assert_nonnull (error);
      return 0;
    }
  cr = cairo_create (surface);
  atlas_chart_layout_unref (atlas_chart_render (chart, cr, 320, 240));
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);

  /* What built is written, and what is written reads back. */
  atlas_chart_definition_take_chart (definition, chart);
  atlas_chart_definition_save (definition, saved_path, &error);
  g_assert_no_error (error);
  again = atlas_chart_definition_load (saved_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->annotations->len, ==, definition->annotations->len);
  g_assert_cmpstr (again->title, ==, definition->title);
  g_assert_cmpstrv (again->y_columns, definition->y_columns);
  return 0;
}
