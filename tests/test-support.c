/* test-support.c: what the engine's tests share: a table from CSV text, a render's pixels hashed, a temporary folder gone, caches let go. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "test-support.h"

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <stdlib.h>

#include "atlas-csv-reader.h"

/* The table the reader makes of text, written as name in dir. */
AtlasTable *
test_load_table (const char *dir,
                 const char *name,
                 const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (AtlasCsvResult) result = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  result = atlas_csv_read_file (path, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return atlas_table_ref (result->table);
}

/* The SHA-256 of the pixels chart draws at width x height, in the look
 * it has, row by row: two renders that hash alike are the same picture. */
char *
test_render_hash (AtlasChart *chart,
                  int         width,
                  int         height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const guchar *pixels;
  int stride;

  atlas_chart_layout_unref (atlas_chart_render (chart, cr, width, height));
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    g_checksum_update (checksum, pixels + (gsize) y * stride, (gssize) width * 4);
  cairo_surface_destroy (surface);
  return g_strdup (g_checksum_get_string (checksum));
}

/* Removes a test's temporary folder and all in it; FALSE when it could not. */
gboolean
test_remove_dir (const char *dir)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);

  return system (command) != -1;
}

/* Lets go of the font and glyph caches, so a leak checker sees only what
 * the charts themselves may have kept. */
void
test_release_font_caches (void)
{
  pango_cairo_font_map_set_default (NULL);
  cairo_debug_reset_static_data ();
  FcFini ();
}

/* Writes contents to a file called name in dir; its path. */
char *
test_write_file (const char *dir,
                 const char *name,
                 const char *contents)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

/* What each passage of story shows: its text, its chart's type and
 * title, and the chart described in words; for telling two stories'
 * charts apart. */
GPtrArray *
test_describe_story (AtlasStory *story)
{
  GPtrArray *descriptions = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < atlas_story_get_n_passages (story); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (AtlasChart) chart = atlas_story_build_chart (story, i, &error);
      g_autoptr (AtlasChartLayout) layout = NULL;
      g_autofree char *summary = NULL;

      g_assert_no_error (error);
      layout = atlas_chart_layout_new (chart, NULL, 900, 600);
      summary = atlas_chart_summarize (layout);
      g_ptr_array_add (descriptions,
                       g_strdup_printf ("%s\n%s\n%s\n%s", atlas_story_get_passage (story, i)->text,
                                        atlas_chart_type_to_string (atlas_chart_get_spec (chart)->type),
                                        atlas_chart_get_spec (chart)->title, summary));
    }
  return descriptions;
}
