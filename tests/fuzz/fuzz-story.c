/* fuzz-story.c: libFuzzer harness: any bytes as a story file, beside the real datasets; every passage that loads is
 * charted and drawn, its sources listed, and the story saved and read back the same.
 *
 * Run from the source tree (the datasets are found at data/datasets);
 * seed it with data/story. The built-in story is read once first, and
 * each run reuses its tables: the datasets are not what is fuzzed, and
 * reading them again took most of every run. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <cairo.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "atlas-chart.h"
#include "atlas-story.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static char *story_path;
static AtlasStory *built_in;
/* One surface for every chart: a new one per chart made most of each
 * run's allocations, which the sanitizer makes slow. */
static cairo_surface_t *surface;

/* A folder holding story.story and "datasets", the real ones: a story
 * that names ../datasets, as the built-in one does, finds them too. The
 * built-in story is loaded from the same folder, so its datasets folder
 * is the one such a story names. */
static void
make_folder (void)
{
  g_autofree char *root = g_dir_make_tmp ("atlas-fuzz-story-XXXXXX", NULL);
  g_autofree char *story_dir = g_build_filename (root, "story", NULL);
  g_autofree char *datasets = g_canonicalize_filename ("data/datasets", NULL);
  g_autofree char *link = g_build_filename (root, "datasets", NULL);
  g_autofree char *built_in_path = g_build_filename (story_dir, "built-in.story", NULL);
  g_autofree char *built_in_text = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir (story_dir, 0700), ==, 0);
  g_assert_cmpint (symlink (datasets, link), ==, 0);
  story_path = g_build_filename (story_dir, "story.story", NULL);
  g_assert_true (g_file_get_contents ("data/story/silicon-self-reliance.story", &built_in_text, NULL, NULL));
  g_assert_true (g_file_set_contents (built_in_path, built_in_text, -1, NULL));
  built_in = atlas_story_load (built_in_path, &error);
  g_assert_no_error (error);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 320, 240);
}

/* A story that loads, saved, loads again with the same passages, and
 * saves again to the same bytes. */
static void
assert_saves_as_it_reads (AtlasStory *story)
{
  g_autofree char *folder = g_path_get_dirname (story_path);
  g_autofree char *saved = g_build_filename (folder, "saved.story", NULL);
  g_autofree char *again = g_build_filename (folder, "again.story", NULL);
  g_autofree char *saved_text = NULL;
  g_autofree char *again_text = NULL;
  g_autoptr (AtlasStory) reread = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (atlas_story_save (story, saved, &error));
  reread = atlas_story_load_reusing (saved, built_in, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (atlas_story_get_title (reread), ==, atlas_story_get_title (story));
  g_assert_cmpstr (atlas_story_get_attribution (reread), ==, atlas_story_get_attribution (story));
  g_assert_cmpuint (atlas_story_get_n_passages (reread), ==, atlas_story_get_n_passages (story));
  for (guint i = 0; i < atlas_story_get_n_passages (story); i++)
    g_assert_cmpstr (atlas_story_get_passage (reread, i)->text, ==, atlas_story_get_passage (story, i)->text);
  g_assert_true (atlas_story_save (reread, again, &error));
  g_assert_true (g_file_get_contents (saved, &saved_text, NULL, NULL));
  g_assert_true (g_file_get_contents (again, &again_text, NULL, NULL));
  g_assert_cmpstr (again_text, ==, saved_text);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AtlasStory) story = NULL;

  if (!story_path)
    make_folder ();
  /* Without the fsync g_file_set_contents() makes, which took a third of
   * every run: the file only has to last the run. */
  g_assert_true (g_file_set_contents_full (story_path, (const char *) data, (gssize) size, G_FILE_SET_CONTENTS_NONE,
                                           0600, NULL));
  story = atlas_story_load_reusing (story_path, built_in, &error);
  if (!story)
    {
      /* Refused with the file and a line to look at. */
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, story_path));
      return 0;
    }
  for (guint i = 0; i < atlas_story_get_n_passages (story); i++)
    {
      g_autoptr (GError) chart_error = NULL;
      g_autoptr (AtlasChart) chart = atlas_story_build_chart (story, i, &chart_error);
      cairo_t *cr;

      if (!chart)
        {
          g_assert_nonnull (chart_error);
          continue;
        }
      cr = cairo_create (surface);
      atlas_chart_layout_unref (atlas_chart_render (chart, cr, 320, 240));
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
    }
  g_ptr_array_unref (atlas_story_list_cited_sources (story));
  assert_saves_as_it_reads (story);
  return 0;
}
