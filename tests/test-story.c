/* test-story.c: the built-in story resolves, quotes the article whole and in order, and every step draws. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "atlas-chart-audit.h"
#include "atlas-dataset.h"
#include "atlas-story.h"
#include "test-support.h"

static char *story_path;

static AtlasStory *
load_story (void)
{
  g_autoptr (GError) error = NULL;
  AtlasStory *story = atlas_story_load (story_path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (story);
  return story;
}

/* Audits chart at a small, a medium and a large size, as a chart desk
 * would: nothing covered, hidden or left out without a word, no tiny
 * text; fails naming what it found. */
static void
assert_audit_clean (AtlasChart *chart,
                    const char *name)
{
  static const double sizes[][2] = { { 320, 240 }, { 1200, 800 }, { 1920, 1080 } };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr (AtlasChartLayout) layout = atlas_chart_layout_new (chart, NULL, sizes[s][0], sizes[s][1]);
      g_autoptr (AtlasChartAudit) audit = atlas_chart_audit (layout);
      g_autofree char *findings = atlas_chart_audit_describe (audit);

      if (!atlas_chart_audit_is_clean (audit))
        g_error ("%s at %gx%g fails the audit:\n%s", name, sizes[s][0], sizes[s][1], findings);
    }
}

/* Every passage names a chart state that builds and draws. */
static void
test_every_step_draws (void)
{
  g_autoptr (AtlasStory) story = load_story ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, 400);

  g_assert_cmpuint (atlas_story_get_n_passages (story), >=, 10);
  for (guint i = 0; i < atlas_story_get_n_passages (story); i++)
    {
      const AtlasStoryPassage *passage = atlas_story_get_passage (story, i);
      g_autoptr (GError) error = NULL;
      g_autoptr (AtlasChart) chart = atlas_story_build_chart (story, i, &error);
      cairo_t *cr = cairo_create (surface);
      g_autoptr (AtlasChartLayout) layout = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (passage->chart->dataset);
      g_assert_nonnull (passage->chart->title);
      layout = atlas_chart_render (chart, cr, 640, 400);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpuint (atlas_chart_get_text_boxes (layout)->len, >, 2);
      cairo_destroy (cr);
      {
        g_autofree char *name = g_strdup_printf ("passage %u", i + 1);
        assert_audit_clean (chart, name);
      }
    }
  cairo_surface_destroy (surface);
}

/* At the size of a window, every passage's notes are drawn where they
 * point, none left out or told under the plot for want of a value; and
 * the timeline of key measures names each of its thirteen events, those
 * near its right edge left of their lines. */
static void
test_notes_point_at_drawn_values (void)
{
  g_autoptr (AtlasStory) story = load_story ();

  for (guint i = 0; i < atlas_story_get_n_passages (story); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (AtlasChart) chart = atlas_story_build_chart (story, i, &error);
      g_autoptr (AtlasChartLayout) layout = NULL;
      g_autoptr (AtlasChartAudit) audit = NULL;

      g_assert_no_error (error);
      layout = atlas_chart_layout_new (chart, NULL, 1200, 800);
      audit = atlas_chart_audit (layout);
      for (guint d = 0; d < audit->dropped->len; d++)
        {
          const AtlasDroppedItem *item = &g_array_index (audit->dropped, AtlasDroppedItem, d);
          if (g_str_has_prefix (item->what, "note") || i == 1)
            g_error ("passage %u at 1200x800 leaves out %s", i + 1, item->what);
        }
    }
}

/* At the size the window gives passage 1's chart, the Huawei and SMIC
 * listings are each named: a one-line label that would touch another's
 * leader wraps to two narrower lines. Failed while it joined its
 * neighbour's label as "+2". */
static void
test_event_labels_narrow_to_fit (void)
{
  g_autoptr (AtlasStory) story = load_story ();
  g_autoptr (GError) error = NULL;
  g_autoptr (AtlasChart) chart = atlas_story_build_chart (story, 0, &error);
  g_autoptr (AtlasChartLayout) layout = NULL;
  g_autoptr (AtlasChartAudit) audit = NULL;

  g_assert_no_error (error);
  layout = atlas_chart_layout_new (chart, NULL, 790, 690);
  audit = atlas_chart_audit (layout);
  for (guint d = 0; d < audit->dropped->len; d++)
    {
      const char *what = g_array_index (audit->dropped, AtlasDroppedItem, d).what;
      if (strstr (what, "“Huawei added to Entity List”,") || strstr (what, "“SMIC added to Entity List”,"))
        g_error ("passage 1 at 790x690 leaves out %s", what);
    }
}

/* Every built-in dataset opens on a chart of its own, titled from its
 * description, that draws: the one its description asks for where it
 * asks; an unknown one is an error naming its file. */
static void
test_every_dataset_charts (void)
{
  g_autoptr (AtlasStory) story = load_story ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) catalog = atlas_dataset_catalog_load (atlas_story_get_datasets_dir (story), &error);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, 400);
  g_autoptr (AtlasChart) missing = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (catalog->len, >=, 10);
  for (guint i = 0; i < catalog->len; i++)
    {
      const AtlasDatasetInfo *info = g_ptr_array_index (catalog, i);
      g_autoptr (AtlasChart) chart = atlas_story_build_dataset_chart (story, info->id, &error);
      cairo_t *cr = cairo_create (surface);

      g_assert_no_error (error);
      g_assert_cmpstr (atlas_chart_get_spec (chart)->title, ==, info->title);
      g_assert_nonnull (atlas_chart_get_spec (chart)->source);
      atlas_chart_layout_unref (atlas_chart_render (chart, cr, 640, 400));
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      assert_audit_clean (chart, info->id);
    }
  /* A description may name the chart its dataset opens on. */
  {
    g_autoptr (AtlasChart) asked = atlas_story_build_dataset_chart (story, "tool-makers-by-country", &error);
    g_assert_no_error (error);
    g_assert_cmpint (atlas_chart_get_spec (asked)->type, ==, ATLAS_CHART_BAR_HORIZONTAL_STACKED);
    g_assert_cmpstr (atlas_chart_get_spec (asked)->group_column, ==, "country");
  }
  missing = atlas_story_build_dataset_chart (story, "no-such-dataset", &error);
  g_assert_null (missing);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "no-such-dataset.csv"));
  cairo_surface_destroy (surface);
}

static char *
collapse_whitespace (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isspace (*p))
        space = out->len > 0;
      else
        {
          if (space)
            g_string_append_c (out, ' ');
          g_string_append_c (out, *p);
          space = FALSE;
        }
    }
  return g_string_free (out, FALSE);
}

/* The passages, put together, are the article, whitespace aside. */
static void
test_quotes_the_article (void)
{
  const char *article_path = g_getenv ("ATLAS_ARTICLE");
  g_autoptr (AtlasStory) story = load_story ();
  g_autoptr (GString) joined = g_string_new (NULL);
  g_autofree char *article = NULL;
  g_autofree char *a = NULL, *b = NULL;

  if (!article_path || !g_file_get_contents (article_path, &article, NULL, NULL))
    {
      g_test_skip ("the article's text is not beside this checkout");
      return;
    }
  for (guint i = 0; i < atlas_story_get_n_passages (story); i++)
    g_string_append_printf (joined, "%s\n\n", atlas_story_get_passage (story, i)->text);
  a = collapse_whitespace (joined->str);
  b = collapse_whitespace (article);
  g_assert_cmpstr (a, ==, b);
}

static void
test_notes_and_events (void)
{
  g_autoptr (AtlasStory) story = load_story ();
  guint notes = 0;
  gboolean controls_over_trade = FALSE;

  for (guint i = 0; i < atlas_story_get_n_passages (story); i++)
    {
      const AtlasStoryPassage *passage = atlas_story_get_passage (story, i);

      notes += passage->chart->annotations->len;
      for (guint n = 0; n < passage->chart->annotations->len; n++)
        {
          const AtlasChartNote *note = g_ptr_array_index (passage->chart->annotations, n);
          g_assert_nonnull (note->sources[0]);
          g_assert_cmpuint (strlen (note->text), >, 10);
        }
      if (passage->chart->events_dataset && g_str_equal (passage->chart->events_dataset, "export-controls")
          && (g_str_equal (passage->chart->dataset, "ic-trade-and-output")
              || g_str_equal (passage->chart->dataset, "equipment-spending-by-region")))
        controls_over_trade = TRUE;
    }
  g_assert_cmpuint (notes, >=, 15);
  g_assert_true (controls_over_trade);
}

/* A broken reference or an unreadable value is reported with the story's
 * file and the line of the passage or key that holds it. */
static void
test_broken_references (void)
{
  g_autofree char *dir = g_dir_make_tmp ("atlas-story-XXXXXX", NULL);
  g_autofree char *datasets = g_path_get_dirname (story_path);
  g_autofree char *datasets_dir = g_build_filename (datasets, "..", "datasets", NULL);
  g_autofree char *path = g_build_filename (dir, "mine.story", NULL);
  static const struct
  {
    const char *passage;
    guint line;
    const char *expected;
  } cases[] = {
    { "Dataset=no-such-data\nChart=line\nX=year\nY=imports (USD bn)", 8, "dataset “no-such-data”" },
    /* A dataset is a file of the datasets folder, never a path out of it. */
    { "Dataset=../datasets/ic-trade-and-output\nChart=line\nX=year\nY=imports (USD bn)", 8,
      "a dataset is named by its file name, without a folder" },
    { "Dataset=ic-trade-and-output\nChart=line\nX=year\nY=import", 11, "the data has no column “import”" },
    { "Dataset=ic-trade-and-output\nChart=pie\nX=year\nY=imports (USD bn)", 9, "no chart type is called “pie”" },
    { "Dataset=ic-trade-and-output\nChart=line\nX=year\nY=imports (USD bn)\nXRange=2017..soon", 12,
      "“soon” is not a value of column “year”" },
    { "Dataset=ic-trade-and-output\nChart=line\nX=year\nY=imports (USD bn)\nNote1=callout|2021|Peak|NOPE", 12,
      "cites source “NOPE”" },
    /* Empty ranges split into no ends at all. */
    { "Dataset=ic-trade-and-output\nChart=line\nX=year\nY=imports (USD bn)\nXRange=", 12, "XRange takes FROM..TO" },
    { "Dataset=ic-trade-and-output\nChart=line\nX=year\nY=imports (USD bn)\nNote1=range||Gap|C35", 12,
      "a range takes FROM..TO" },
    /* Values that are there but cannot be read are not taken for absent
     * ones: a title that is not UTF-8, a note that is not, and a value
     * ending in half an escape. */
    { "Dataset=ic-trade-and-output\nChart=line\nX=year\nY=imports (USD bn)\nTitle=Chips \xff", 12,
      "[Passage 1] Title: " },
    { "Dataset=ic-trade-and-output\nChart=line\nX=year\nY=imports (USD bn)\nNote1=callout|2021|Pe\xff" "ak|S1", 12,
      "[Passage 1] Note1: " },
    { "Dataset=ic-trade-and-output\nChart=line\n  Label  = a\\\nX=year\nY=imports (USD bn)", 10,
      "[Passage 1] Label: " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("[Story]\nTitle=Mine\nDatasets=%s\n\n# a comment\n[Passage 1]\nText=Hello.\n%s\n",
                                               datasets_dir, cases[i].passage);
      g_autofree char *prefix = g_strdup_printf ("%s:%u:1: ", path, cases[i].line);
      g_autoptr (GError) error = NULL;
      g_autoptr (AtlasStory) story = NULL;

      g_assert_true (g_file_set_contents (path, text, -1, NULL));
      story = atlas_story_load (path, &error);
      g_assert_null (story);
      g_assert_nonnull (error);
      if (!g_str_has_prefix (error->message, prefix) || !strstr (error->message, cases[i].expected))
        g_error ("“%s” should start with “%s” and say “%s”", error->message, prefix, cases[i].expected);
    }
  g_unlink (path);
  g_rmdir (dir);
}

/* A story read again reuses the tables of an earlier one over the same
 * datasets folder: it loads even after that folder is gone, which a
 * story read afresh cannot. */
static void
test_reuses_tables (void)
{
  g_autofree char *root = g_dir_make_tmp ("atlas-story-XXXXXX", NULL);
  g_autofree char *story_dir = g_build_filename (root, "story", NULL);
  g_autofree char *link = g_build_filename (root, "datasets", NULL);
  g_autofree char *data_story_dir = g_path_get_dirname (story_path);
  g_autofree char *datasets = g_build_filename (data_story_dir, "..", "datasets", NULL);
  g_autofree char *copy = g_build_filename (story_dir, "copy.story", NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (AtlasStory) first = NULL;
  g_autoptr (AtlasStory) again = NULL;
  g_autoptr (AtlasStory) afresh = NULL;

  g_assert_cmpint (g_mkdir (story_dir, 0700), ==, 0);
  g_assert_cmpint (symlink (datasets, link), ==, 0);
  g_assert_true (g_file_get_contents (story_path, &text, NULL, NULL));
  g_assert_true (g_file_set_contents (copy, text, -1, NULL));
  first = atlas_story_load (copy, &error);
  g_assert_no_error (error);

  g_assert_cmpint (g_unlink (link), ==, 0);
  again = atlas_story_load_reusing (copy, first, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (atlas_story_get_n_passages (again), ==, atlas_story_get_n_passages (first));
  for (guint i = 0; i < atlas_story_get_n_passages (again); i++)
    {
      g_autoptr (AtlasChart) chart = atlas_story_build_chart (again, i, &error);
      g_assert_no_error (error);
    }
  afresh = atlas_story_load (copy, &error);
  g_assert_null (afresh);
  g_assert_error (error, ATLAS_STORY_ERROR, ATLAS_STORY_ERROR_BROKEN_REFERENCE);
  g_assert_true (test_remove_dir (root));
}

/* Every note of the built-in story cites its sources: stories of one's
 * own need not, but the built-in one is held to it. */
static void
test_built_in_notes_cite (void)
{
  g_autoptr (AtlasStory) story = load_story ();

  for (guint i = 0; i < atlas_story_get_n_passages (story); i++)
    {
      const AtlasStoryPassage *passage = atlas_story_get_passage (story, i);
      g_autoptr (GError) error = NULL;

      if (!atlas_chart_definition_check_sources (passage->chart, atlas_story_get_sources (story), TRUE, &error))
        g_error ("passage %u: %s", i + 1, error->message);
    }
}

/* A story written from two CSVs and a built-in dataset, edited, saved,
 * and its folder moved: it opens from there, trusted as no more than a
 * story received from someone, and shows the same charts. */
static void
test_written_story_moves_with_its_folder (void)
{
  g_autofree char *root = g_dir_make_tmp ("atlas-story-XXXXXX", NULL);
  g_autofree char *folder = g_build_filename (root, "mine", NULL);
  g_autofree char *moved = g_build_filename (root, "sent", NULL);
  g_autofree char *data_story_dir = g_path_get_dirname (story_path);
  g_autofree char *builtin = g_build_filename (data_story_dir, "..", "datasets", NULL);
  g_autofree char *first_csv = NULL, *second_csv = NULL, *story_file = NULL, *moved_file = NULL, *text = NULL;
  g_autoptr (AtlasStory) story = atlas_story_new ("Prices and fabs", "Notes of my own", builtin);
  g_autoptr (AtlasStory) reopened = NULL;
  g_autoptr (AtlasChartDefinition) prices = atlas_chart_definition_new ();
  g_autoptr (AtlasChartDefinition) fabs = atlas_chart_definition_new ();
  g_autoptr (AtlasChartDefinition) trade = atlas_chart_definition_new ();
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  first_csv = test_write_file (folder, "prices.csv", "year,price\n2020,1.5\n2021,2.25\n2022,2\n");
  {
    g_autofree char *data_folder = g_build_filename (folder, "data", NULL);
    g_assert_cmpint (g_mkdir (data_folder, 0700), ==, 0);
  }
  second_csv = test_write_file (folder, "data/fabs.csv", "region,fabs\nNorth,4\nSouth,7\nEast,2\n");

  atlas_chart_definition_set_data (prices, first_csv);
  prices->title = g_strdup ("Price per year");
  prices->x_range = g_strdup ("2021..2022");
  atlas_chart_definition_set_data (fabs, second_csv);
  fabs->has_type = TRUE;
  fabs->type = ATLAS_CHART_BAR_HORIZONTAL;
  trade->dataset = g_strdup ("ic-trade-and-output");
  trade->x_column = g_strdup ("year");
  trade->y_columns = g_strsplit ("imports (USD bn)", ";", -1);

  atlas_story_insert_passage (story, 0, "Fabs by region.", fabs);
  atlas_story_insert_passage (story, 0, "Prices rose.", prices);
  atlas_story_insert_passage (story, 2, "Trade & <b>imports</b>.\n\nA second paragraph.", trade);
  atlas_story_insert_passage (story, 3, "A passage to delete.", trade);
  g_assert_true (atlas_story_get_modified (story));
  atlas_story_remove_passage (story, 3);
  atlas_story_move_passage (story, 2, 0);
  atlas_story_move_passage (story, 0, 2);
  atlas_story_set_passage_text (story, 1, "Fabs by region, as counted.");
  g_assert_cmpuint (atlas_story_get_n_passages (story), ==, 3);

  story_file = g_build_filename (folder, "prices.story", NULL);
  g_assert_true (atlas_story_save (story, story_file, &error));
  g_assert_no_error (error);
  g_assert_false (atlas_story_get_modified (story));
  g_assert_cmpstr (atlas_story_get_path (story), ==, story_file);
  before = test_describe_story (story);

  /* Paths are the folder's own; the built-in datasets are named by id. */
  g_assert_true (g_file_get_contents (story_file, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "Data=prices.csv\n"));
  g_assert_nonnull (strstr (text, "Data=data/fabs.csv\n"));
  g_assert_nonnull (strstr (text, "Dataset=ic-trade-and-output\n"));
  g_assert_null (strstr (text, "Datasets="));
  g_assert_null (strstr (text, root));

  g_assert_cmpint (g_rename (folder, moved), ==, 0);
  moved_file = g_build_filename (moved, "prices.story", NULL);
  reopened = atlas_story_open (moved_file, builtin, ATLAS_STORY_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (atlas_story_get_title (reopened), ==, "Prices and fabs");
  g_assert_cmpstr (atlas_story_get_attribution (reopened), ==, "Notes of my own");
  after = test_describe_story (reopened);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpstr (g_ptr_array_index (after, i), ==, g_ptr_array_index (before, i));
  g_assert_nonnull (strstr (g_ptr_array_index (after, 0), "Prices rose."));
  g_assert_nonnull (strstr (g_ptr_array_index (after, 1), "as counted"));
  g_assert_nonnull (strstr (g_ptr_array_index (after, 2), "Trade & <b>imports</b>.\n\nA second"));
  g_assert_true (test_remove_dir (root));
}

/* A story whose data lie elsewhere gathers them into its folder: each
 * file copied once, beside any of the same name, and read from there;
 * then it opens untrusted, with the same charts. */
static void
test_gathers_data_into_its_folder (void)
{
  g_autofree char *root = g_dir_make_tmp ("atlas-story-XXXXXX", NULL);
  g_autofree char *mine = g_build_filename (root, "mine", NULL);
  g_autofree char *elsewhere = g_build_filename (root, "elsewhere", NULL);
  g_autofree char *other = g_build_filename (root, "other", NULL);
  g_autofree char *data_story_dir = g_path_get_dirname (story_path);
  g_autofree char *builtin = g_build_filename (data_story_dir, "..", "datasets", NULL);
  g_autofree char *prices = NULL, *other_prices = NULL, *events = NULL, *inside = NULL, *saved = NULL, *text = NULL;
  g_autoptr (AtlasStory) story = atlas_story_new ("Gathered", NULL, builtin);
  g_autoptr (AtlasStory) reopened = NULL;
  g_autoptr (AtlasChartDefinition) first = atlas_chart_definition_new ();
  g_autoptr (AtlasChartDefinition) second = atlas_chart_definition_new ();
  g_autoptr (AtlasChartDefinition) third = atlas_chart_definition_new ();
  g_autoptr (GPtrArray) outside = NULL;
  g_autoptr (GPtrArray) left = NULL;
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir (mine, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (elsewhere, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (other, 0700), ==, 0);
  prices = test_write_file (elsewhere, "prices.csv", "year,price\n2020,1.5\n2021,2.25\n");
  other_prices = test_write_file (other, "prices.csv", "year,price\n2020,9\n2021,8\n");
  events = test_write_file (elsewhere, "events.csv", "date,title\n2020-06-01,A rule\n");
  inside = test_write_file (mine, "inside.csv", "date,value\n2020-01-01,1\n2021-01-01,2\n");

  atlas_chart_definition_set_data (first, prices);
  atlas_chart_definition_set_data (second, other_prices);
  atlas_chart_definition_set_data (third, inside);
  third->events_data = g_strdup (events);
  atlas_story_insert_passage (story, 0, "Prices.", first);
  atlas_story_insert_passage (story, 1, "Other prices.", second);
  atlas_story_insert_passage (story, 2, "Values and a rule.", third);
  atlas_story_insert_passage (story, 3, "Prices again.", first);
  before = test_describe_story (story);

  outside = atlas_story_list_data_outside (story, mine);
  g_assert_cmpuint (outside->len, ==, 3);
  g_assert_true (atlas_story_gather_data (story, mine, &error));
  g_assert_no_error (error);
  left = atlas_story_list_data_outside (story, mine);
  g_assert_cmpuint (left->len, ==, 0);
  {
    g_autofree char *copy = g_build_filename (mine, "prices-2.csv", NULL);
    g_autofree char *copied = NULL;
    g_assert_true (g_file_get_contents (copy, &copied, NULL, NULL));
    g_assert_cmpstr (copied, ==, "year,price\n2020,9\n2021,8\n");
  }

  saved = g_build_filename (mine, "gathered.story", NULL);
  g_assert_true (atlas_story_save (story, saved, &error));
  g_assert_true (g_file_get_contents (saved, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "Text=Prices.\nData=prices.csv\n"));
  g_assert_nonnull (strstr (text, "Text=Other prices.\nData=prices-2.csv\n"));
  g_assert_nonnull (strstr (text, "EventsData=events.csv\n"));
  g_assert_nonnull (strstr (text, "Text=Prices again.\nData=prices.csv\n"));
  reopened = atlas_story_open (saved, builtin, ATLAS_STORY_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  after = test_describe_story (reopened);
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpstr (g_ptr_array_index (after, i), ==, g_ptr_array_index (before, i));
  g_assert_true (test_remove_dir (root));
}

/* A story that names files outside its own folder is not read unless
 * it is trusted: an absolute path, ".." past the folder, a symbolic link
 * leading out, or a datasets folder that is not the app's own. Nothing
 * of theirs is opened before the story is let read them. */
static void
test_outside_files_need_trust (void)
{
  g_autofree char *root = g_dir_make_tmp ("atlas-story-XXXXXX", NULL);
  g_autofree char *folder = g_build_filename (root, "received", NULL);
  g_autofree char *data_story_dir = g_path_get_dirname (story_path);
  g_autofree char *builtin = g_build_filename (data_story_dir, "..", "datasets", NULL);
  g_autofree char *private_csv = NULL, *inside_csv = NULL, *link = NULL, *path = NULL;
  struct
  {
    const char *story;
    const char *named;
  } cases[] = {
    { "Data=@", NULL },               /* the private file, by its absolute path */
    { "Data=../private.csv", "private.csv" },
    { "Data=inside.csv\nEventsData=../private.csv", "private.csv" },
    { "Data=link.csv", "link.csv" },  /* a link in the folder to the private file */
    { "Datasets=@", NULL },           /* at the [Story]: someone else's datasets */
  };

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  private_csv = test_write_file (root, "private.csv", "date,title,value\n2020-01-01,Secret,42\n2020-06-01,Other,43\n");
  inside_csv = test_write_file (folder, "inside.csv", "date,value\n2020-01-01,1\n2021-01-01,2\n");
  link = g_build_filename (folder, "link.csv", NULL);
  g_assert_cmpint (symlink (private_csv, link), ==, 0);
  path = g_build_filename (folder, "story.story", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean at_story = g_str_has_prefix (cases[i].story, "Datasets");
      g_auto (GStrv) pieces = g_strsplit (cases[i].story, "@", -1);
      g_autofree char *line = g_strjoinv (at_story ? root : private_csv, pieces);
      g_autofree char *body = g_strdup_printf ("[Passage 1]\nText=Hello.\n%s\n", at_story ? "Data=inside.csv" : line);
      g_autofree char *text = g_strdup_printf ("[Story]\nTitle=Received\n%s\n%s", at_story ? line : "", body);
      g_autoptr (GError) error = NULL;
      g_autoptr (AtlasStory) story = NULL;
      g_autoptr (AtlasStory) trusted = NULL;

      g_assert_true (g_file_set_contents (path, text, -1, NULL));
      /* What the window shows whoever it asks: each file, and only those. */
      {
        g_auto (GStrv) files = atlas_story_list_files_outside (path, builtin, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (g_strv_length (files), ==, 1);
        g_assert_nonnull (strstr (files[0], cases[i].named ? cases[i].named : at_story ? root : private_csv));
      }
      story = atlas_story_open (path, builtin, ATLAS_STORY_OPEN_DEFAULT, NULL, &error);
      g_assert_null (story);
      g_assert_error (error, ATLAS_STORY_ERROR, ATLAS_STORY_ERROR_OUTSIDE_FOLDER);
      if (!strstr (error->message, cases[i].named ? cases[i].named : at_story ? root : private_csv))
        g_error ("case %u: “%s” should name the file", i, error->message);
      g_clear_error (&error);
      /* Trusted, it reads them (a datasets folder with no sources.csv
       * then fails for that). */
      trusted = atlas_story_open (path, builtin, ATLAS_STORY_OPEN_READ_OUTSIDE, NULL, &error);
      if (at_story)
        g_assert_error (error, ATLAS_STORY_ERROR, ATLAS_STORY_ERROR_BROKEN_REFERENCE);
      else
        g_assert_no_error (error);
    }

  /* A datasets folder of the story's own, holding a link that leads out. */
  {
    g_autofree char *datasets_link = g_build_filename (folder, "secret.csv", NULL);
    g_autoptr (GError) error = NULL;
    g_autoptr (AtlasStory) story = NULL;

    g_assert_cmpint (symlink (private_csv, datasets_link), ==, 0);
    g_assert_true (g_file_set_contents (path, "[Story]\nTitle=Received\nDatasets=.\n\n[Passage 1]\nText=Hello.\n"
                                              "Dataset=secret\n",
                                        -1, NULL));
    story = atlas_story_open (path, builtin, ATLAS_STORY_OPEN_DEFAULT, NULL, &error);
    g_assert_error (error, ATLAS_STORY_ERROR, ATLAS_STORY_ERROR_OUTSIDE_FOLDER);
    g_assert_nonnull (strstr (error->message, "secret.csv"));
  }

  /* The built-in story's datasets are the app's own: nothing outside. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (AtlasStory) story = atlas_story_open (story_path, builtin, ATLAS_STORY_OPEN_DEFAULT, NULL, &error);
    g_assert_no_error (error);
  }
  g_assert_true (test_remove_dir (root));
}

/* The sources page lists what the charts draw: the rows in view and
 * the notes, not every source of every dataset. */
static void
test_cited_sources (void)
{
  g_autoptr (AtlasStory) story = load_story ();
  g_autoptr (GPtrArray) cited = atlas_story_list_cited_sources (story);
  GHashTable *sources = atlas_story_get_sources (story);
  gboolean has_note_source = FALSE;

  g_assert_cmpuint (cited->len, >, 10);
  g_assert_cmpuint (cited->len, <, g_hash_table_size (sources));
  /* Passage 1's first note cites TR10. */
  for (guint i = 0; i < cited->len; i++)
    has_note_source = has_note_source || g_str_equal (g_ptr_array_index (cited, i), g_hash_table_lookup (sources, "TR10"));
  g_assert_true (has_note_source);
  for (guint i = 0; i < cited->len; i++)
    for (guint j = i + 1; j < cited->len; j++)
      g_assert_cmpstr (g_ptr_array_index (cited, i), !=, g_ptr_array_index (cited, j));
}

/* A passage's chart, shown as exported (its datasets by file, with the
 * source line their descriptions give) and changed, is kept back in the
 * story's terms: datasets by id, no source line it never had. */
static void
test_kept_chart_names_datasets_by_id (void)
{
  g_autoptr (AtlasStory) story = load_story ();
  g_autoptr (AtlasChartDefinition) exported = atlas_story_export_passage (story, 0, "/no/such/datasets");
  const AtlasStoryPassage *passage;

  g_assert_null (exported->dataset);
  g_assert_nonnull (exported->data);
  g_assert_nonnull (exported->events_data);
  g_assert_nonnull (exported->source);
  exported->has_type = TRUE;
  exported->type = ATLAS_CHART_BAR;
  atlas_story_set_passage_chart (story, 0, exported);
  passage = atlas_story_get_passage (story, 0);
  g_assert_cmpstr (passage->chart->dataset, ==, "ic-trade-and-output");
  g_assert_null (passage->chart->data);
  g_assert_cmpstr (passage->chart->events_dataset, ==, "export-controls");
  g_assert_null (passage->chart->events_data);
  g_assert_null (passage->chart->source);
  g_assert_cmpstr (passage->chart->title, ==, "China’s imports of integrated circuits");
  g_assert_cmpint (passage->chart->type, ==, ATLAS_CHART_BAR);
  g_assert_true (atlas_story_get_modified (story));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  story_path = g_build_filename (g_getenv ("ATLAS_DATA_DIR"), "story", "silicon-self-reliance.story", NULL);
  g_test_add_func ("/story/every-step-draws", test_every_step_draws);
  g_test_add_func ("/story/every-dataset-charts", test_every_dataset_charts);
  g_test_add_func ("/story/notes-point-at-drawn-values", test_notes_point_at_drawn_values);
  g_test_add_func ("/story/event-labels-narrow-to-fit", test_event_labels_narrow_to_fit);
  g_test_add_func ("/story/quotes-the-article", test_quotes_the_article);
  g_test_add_func ("/story/notes-and-events", test_notes_and_events);
  g_test_add_func ("/story/broken-references", test_broken_references);
  g_test_add_func ("/story/reuses-tables", test_reuses_tables);
  g_test_add_func ("/story/built-in-notes-cite", test_built_in_notes_cite);
  g_test_add_func ("/story/written-story-moves-with-its-folder", test_written_story_moves_with_its_folder);
  g_test_add_func ("/story/outside-files-need-trust", test_outside_files_need_trust);
  g_test_add_func ("/story/gathers-data-into-its-folder", test_gathers_data_into_its_folder);
  g_test_add_func ("/story/cited-sources", test_cited_sources);
  g_test_add_func ("/story/kept-chart-names-datasets-by-id", test_kept_chart_names_datasets_by_id);
  status = g_test_run ();
  test_release_font_caches ();
  return status;
}
