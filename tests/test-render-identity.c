/* test-render-identity.c: every story step, every dataset chart and a chart of an opened CSV draw the pixels recorded in render-hashes.txt. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "atlas-chart-export.h"
#include "atlas-chart-suggest.h"
#include "atlas-csv-reader.h"
#include "atlas-dataset.h"
#include "atlas-story.h"
#include "atlas-table.h"
#include "test-support.h"

/* Two sizes and both looks: the layout's small and large paths, and the
 * dark palette. */
static const struct
{
  int width, height;
  gboolean dark;
} looks[] = {
  { 1200, 800, FALSE },
  { 480, 320, TRUE },
};

/* "NAME WIDTHxHEIGHT LOOK HASH" for each look of chart, into lines. */
static void
add_renders (GPtrArray  *lines,
             const char *name,
             AtlasChart *chart)
{
  for (guint i = 0; i < G_N_ELEMENTS (looks); i++)
    {
      g_autofree char *hash = NULL;

      atlas_chart_set_look (chart, looks[i].dark, FALSE);
      hash = test_render_hash (chart, looks[i].width, looks[i].height);
      g_ptr_array_add (lines, g_strdup_printf ("%s %dx%d %s %s", name, looks[i].width, looks[i].height,
                                               looks[i].dark ? "dark" : "light", hash));
    }
}

/* A chart of a CSV as the window opens it: the suggested chart, titled
 * with the file's name. */
static AtlasChart *
opened_file_chart (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AtlasCsvResult) result = atlas_csv_read_file (path, NULL, NULL, NULL, NULL, &error);
  g_autofree char *name = g_path_get_basename (path);
  AtlasChartSpec spec;
  AtlasChart *chart;

  g_assert_no_error (error);
  atlas_chart_spec_init (&spec);
  atlas_chart_spec_suggest (result->table, &spec, TRUE);
  spec.title = g_strndup (name, strrchr (name, '.') - name);
  chart = atlas_chart_new (result->table, &spec, &error);
  g_assert_no_error (error);
  atlas_chart_spec_clear (&spec);
  return chart;
}

/* Every chart the test draws, one line a render. */
static GPtrArray *
render_every_chart (void)
{
  g_autoptr (GError) error = NULL;
  const char *data_dir = g_getenv ("ATLAS_DATA_DIR");
  g_autofree char *story_path = g_build_filename (data_dir, "story", "silicon-self-reliance.story", NULL);
  g_autofree char *datasets_dir = g_build_filename (data_dir, "datasets", NULL);
  g_autofree char *sample = g_build_filename (data_dir, "samples", "china-ic-imports.csv", NULL);
  g_autofree char *fixture = g_build_filename (g_getenv ("ATLAS_TEST_FIXTURES"), "semicolon-decimal-comma.csv", NULL);
  g_autoptr (AtlasStory) story = atlas_story_load (story_path, &error);
  g_autoptr (GPtrArray) catalog = NULL;
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < atlas_story_get_n_passages (story); i++)
    {
      g_autoptr (AtlasChart) chart = atlas_story_build_chart (story, i, &error);
      g_autofree char *name = g_strdup_printf ("passage-%u", i + 1);
      g_assert_no_error (error);
      add_renders (lines, name, chart);
    }
  catalog = atlas_dataset_catalog_load (datasets_dir, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < catalog->len; i++)
    {
      const AtlasDatasetInfo *info = g_ptr_array_index (catalog, i);
      g_autoptr (AtlasChart) chart = atlas_story_build_dataset_chart (story, info->id, &error);
      g_autofree char *name = g_strdup_printf ("dataset-%s", info->id);
      g_assert_no_error (error);
      add_renders (lines, name, chart);
    }
  for (guint i = 0; i < 2; i++)
    {
      const char *path = i == 0 ? sample : fixture;
      g_autoptr (AtlasChart) chart = opened_file_chart (path);
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *name = g_strdup_printf ("file-%s", base);
      add_renders (lines, name, chart);
    }
  return lines;
}

/* Each render against its recorded hash. ATLAS_RENDER_HASHES_OUT names a
 * file to write the hashes to instead, when a change to the drawing is
 * meant: the commit then says what changed and why. */
static void
test_renders_match_recorded_hashes (void)
{
  g_autoptr (GPtrArray) lines = render_every_chart ();
  const char *out = g_getenv ("ATLAS_RENDER_HASHES_OUT");
  g_autofree char *recorded_path = g_build_filename (g_getenv ("ATLAS_TEST_FIXTURES"), "..", "render-hashes.txt", NULL);
  g_autofree char *recorded = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  g_auto (GStrv) recorded_lines = NULL;
  guint n_recorded = 0, n_different = 0;

  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (text, "%s\n", (char *) g_ptr_array_index (lines, i));
  if (out)
    {
      g_file_set_contents (out, text->str, -1, &error);
      g_assert_no_error (error);
      return;
    }
  g_file_get_contents (recorded_path, &recorded, NULL, &error);
  g_assert_no_error (error);
  recorded_lines = g_strsplit (recorded, "\n", -1);
  for (guint i = 0; recorded_lines[i]; i++)
    if (recorded_lines[i][0] && recorded_lines[i][0] != '#')
      {
        if (!g_ptr_array_find_with_equal_func (lines, recorded_lines[i], g_str_equal, NULL))
          {
            g_test_message ("drawn differently now: %s", recorded_lines[i]);
            n_different++;
          }
        n_recorded++;
      }
  g_assert_cmpuint (n_different, ==, 0);
  g_assert_cmpuint (n_recorded, ==, lines->len);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render-identity/recorded-hashes", test_renders_match_recorded_hashes);
  status = g_test_run ();
  test_release_font_caches ();
  return status;
}
