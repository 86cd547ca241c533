/* test-document.c: the document a window shows, without a window: files read off the main thread, problems, reloads, chart files. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <string.h>

#include "atlas-document.h"
#include "test-support.h"

static char *test_dir;

/* Runs the main loop until the document has read what it was reading. */
static void
wait_until_idle (AtlasDocument *document)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;

  while (atlas_document_get_busy (document) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (atlas_document_get_busy (document));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
keep_message (AtlasDocument *document,
              const char    *message,
              char         **out_message)
{
  g_free (*out_message);
  *out_message = g_strdup (message);
}

static char *
write_file (const char *name,
            const char *text)
{
  char *path = g_build_filename (test_dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

/* A file is read off the main thread, busy while it is, and charted as
 * suggested; its problems are kept, with the cells that did not read. */
static void
test_open_file (void)
{
  g_autofree char *path = write_file ("trade.csv", "year,value\n2019,1\n2020,2\n2021,abc\n2022,4\n");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (AtlasDocument) document = atlas_document_new (NULL);
  guint busy_changes = 0;

  g_signal_connect (document, "notify::busy", G_CALLBACK (count_notify), &busy_changes);
  g_assert_null (atlas_document_get_chart (document));
  atlas_document_open_file (document, file, NULL);
  g_assert_true (atlas_document_get_busy (document));
  g_assert_true (g_file_equal (atlas_document_get_loading_file (document), file));
  wait_until_idle (document);
  g_assert_cmpuint (busy_changes, ==, 2);
  g_assert_nonnull (atlas_document_get_chart (document));
  g_assert_cmpint (atlas_document_get_source (document), ==, ATLAS_DOCUMENT_SOURCE_FILE);
  g_assert_cmpstr (atlas_document_get_title (document), ==, "trade.csv");
  g_assert_cmpstr (atlas_chart_get_spec (atlas_document_get_chart (document))->title, ==, "trade");
  g_assert_true (g_file_equal (atlas_document_get_file (document), file));
  g_assert_null (atlas_document_get_chart_file (document));
  g_assert_cmpuint (atlas_document_get_n_problems (document), ==, 1);
  g_assert_cmpuint (atlas_document_get_n_unreadable_cells (document), ==, 1);
  g_assert_cmpstr (atlas_document_get_problems_file (document), ==, "trade.csv");
  g_assert_null (atlas_document_get_error_message (document));
  g_assert_cmpfloat (atlas_document_get_progress (document), >=, 0);
}

/* A file that cannot be read leaves the chart shown, and says why. */
static void
test_open_failure (void)
{
  g_autofree char *good = write_file ("good.csv", "year,value\n2019,1\n2020,2\n");
  g_autofree char *missing = g_build_filename (test_dir, "not-there.csv", NULL);
  g_autoptr (GFile) good_file = g_file_new_for_path (good);
  g_autoptr (GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr (AtlasDocument) document = atlas_document_new (NULL);
  AtlasChart *shown;

  atlas_document_open_file (document, good_file, NULL);
  wait_until_idle (document);
  shown = atlas_document_get_chart (document);
  atlas_document_open_file (document, missing_file, NULL);
  wait_until_idle (document);
  g_assert_true (atlas_document_get_chart (document) == shown);
  g_assert_nonnull (atlas_document_get_error_message (document));
  g_assert_nonnull (strstr (atlas_document_get_error_message (document), "not-there.csv"));
}

/* A reload keeps the chart as it is shown: its type and its view. */
static void
test_reload_keeps_chart (void)
{
  g_autofree char *path = write_file ("reload.csv", "year,value\n2019,1\n2020,2\n2021,3\n");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (AtlasDocument) document = atlas_document_new (NULL);
  AtlasChartSpec spec;
  AtlasChart *bars;

  atlas_document_open_file (document, file, NULL);
  wait_until_idle (document);
  atlas_chart_copy_shown_spec (atlas_document_get_chart (document), &spec, TRUE);
  spec.type = ATLAS_CHART_BAR;
  bars = atlas_chart_new (atlas_chart_get_table (atlas_document_get_chart (document)), &spec, NULL);
  atlas_chart_spec_clear (&spec);
  atlas_document_set_chart (document, bars);

  g_assert_true (g_file_set_contents (path, "year,value\n2019,1\n2020,2\n2021,3\n2022,5\n", -1, NULL));
  g_assert_true (atlas_document_reload (document));
  wait_until_idle (document);
  g_assert_cmpint (atlas_chart_get_spec (atlas_document_get_chart (document))->type, ==, ATLAS_CHART_BAR);
  g_assert_cmpuint (atlas_table_get_n_rows (atlas_chart_get_table (atlas_document_get_chart (document))), ==, 4);
}

/* The shown chart of document, as another type: an edit. */
static void
edit_type (AtlasDocument *document,
           AtlasChartType type)
{
  AtlasChart *chart = atlas_document_get_chart (document);
  AtlasChartSpec spec;

  atlas_chart_copy_shown_spec (chart, &spec, TRUE);
  spec.type = type;
  atlas_document_set_chart (document, atlas_chart_new (atlas_chart_get_table (chart), &spec, NULL));
  atlas_chart_spec_clear (&spec);
}

static AtlasChartType
shown_type (AtlasDocument *document)
{
  return atlas_chart_get_spec (atlas_document_get_chart (document))->type;
}

/* Every edit undoes and redoes in turn; an edit after an undo drops what
 * was undone; the chart is modified until saved, or undone back to as
 * saved; a reload keeps the edits, opening another chart forgets them. */
static void
test_undo_redo (void)
{
  g_autofree char *path = write_file ("undo.csv", "year,value\n2019,1\n2020,2\n2021,3\n");
  g_autofree char *chart_path = g_build_filename (g_get_tmp_dir (), "atlas-test-undo.atlaschart", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) chart_file = g_file_new_for_path (chart_path);
  g_autoptr (AtlasDocument) document = atlas_document_new (NULL);
  g_autoptr (GError) error = NULL;

  atlas_document_open_file (document, file, NULL);
  wait_until_idle (document);
  g_assert_cmpint (shown_type (document), ==, ATLAS_CHART_LINE);
  g_assert_false (atlas_document_get_can_undo (document));
  g_assert_false (atlas_document_get_modified (document));
  g_assert_false (atlas_document_undo (document));

  edit_type (document, ATLAS_CHART_BAR);
  edit_type (document, ATLAS_CHART_AREA);
  g_assert_true (atlas_document_get_modified (document));
  g_assert_true (atlas_document_undo (document));
  g_assert_cmpint (shown_type (document), ==, ATLAS_CHART_BAR);
  g_assert_true (atlas_document_get_can_redo (document));
  g_assert_true (atlas_document_redo (document));
  g_assert_cmpint (shown_type (document), ==, ATLAS_CHART_AREA);
  g_assert_false (atlas_document_get_can_redo (document));
  g_assert_true (atlas_document_undo (document));
  g_assert_true (atlas_document_undo (document));
  g_assert_cmpint (shown_type (document), ==, ATLAS_CHART_LINE);
  g_assert_false (atlas_document_get_modified (document));
  g_assert_false (atlas_document_undo (document));

  /* An edit after undoing drops the edits undone. */
  g_assert_true (atlas_document_redo (document));
  edit_type (document, ATLAS_CHART_SCATTER);
  g_assert_false (atlas_document_get_can_redo (document));
  g_assert_true (atlas_document_undo (document));
  g_assert_cmpint (shown_type (document), ==, ATLAS_CHART_BAR);
  g_assert_true (atlas_document_redo (document));

  /* Saved, it is unchanged; undone past the save, changed again. */
  g_assert_true (atlas_document_save (document, chart_file, &error));
  g_assert_no_error (error);
  g_assert_false (atlas_document_get_modified (document));
  g_assert_true (atlas_document_undo (document));
  g_assert_true (atlas_document_get_modified (document));
  g_assert_true (atlas_document_redo (document));
  g_assert_false (atlas_document_get_modified (document));

  /* A reload keeps the chart's edits; another file starts afresh. */
  edit_type (document, ATLAS_CHART_BAR);
  g_assert_true (g_file_set_contents (path, "year,value\n2019,1\n2020,2\n2021,3\n2022,4\n", -1, NULL));
  g_assert_true (atlas_document_reload (document));
  wait_until_idle (document);
  g_assert_true (atlas_document_get_can_undo (document));
  g_assert_true (atlas_document_get_modified (document));
  g_assert_true (atlas_document_undo (document));
  g_assert_cmpint (shown_type (document), ==, ATLAS_CHART_SCATTER);
  g_assert_cmpuint (atlas_table_get_n_rows (atlas_chart_get_table (atlas_document_get_chart (document))), ==, 4);
  atlas_document_open_file (document, file, NULL);
  wait_until_idle (document);
  g_assert_false (atlas_document_get_can_undo (document));
  g_assert_false (atlas_document_get_can_redo (document));
  g_assert_false (atlas_document_get_modified (document));
  g_unlink (chart_path);
}

/* Saved, a chart is the document's chart file; opened, a chart file whose
 * data went missing says where it looked, and draws once it is found. */
static void
test_chart_files (void)
{
  g_autofree char *csv = write_file ("kept.csv", "year,value\n2019,1\n2020,2\n2021,3\n");
  g_autofree char *moved = g_build_filename (test_dir, "moved.csv", NULL);
  g_autofree char *chart_path = g_build_filename (test_dir, "kept.atlaschart", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (csv);
  g_autoptr (GFile) moved_file = g_file_new_for_path (moved);
  g_autoptr (GFile) chart_file = g_file_new_for_path (chart_path);
  g_autoptr (AtlasDocument) document = atlas_document_new (NULL);
  g_autoptr (AtlasDocument) reopened = atlas_document_new (NULL);
  g_autoptr (GError) error = NULL;
  guint missing_changes = 0;

  atlas_document_open_file (document, file, NULL);
  wait_until_idle (document);
  g_assert_true (atlas_document_save (document, chart_file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_equal (atlas_document_get_chart_file (document), chart_file));

  g_assert_true (atlas_document_open_chart_file (reopened, chart_file));
  wait_until_idle (reopened);
  g_assert_cmpint (atlas_document_get_source (reopened), ==, ATLAS_DOCUMENT_SOURCE_CHART_FILE);
  g_assert_cmpstr (atlas_document_get_title (reopened), ==, "kept.atlaschart");
  g_assert_true (g_file_equal (atlas_document_get_chart_file (reopened), chart_file));

  g_assert_cmpint (g_rename (csv, moved), ==, 0);
  g_signal_connect (reopened, "notify::missing-data", G_CALLBACK (count_notify), &missing_changes);
  g_assert_true (atlas_document_open_chart_file (reopened, chart_file));
  g_assert_cmpuint (missing_changes, ==, 1);
  g_assert_cmpstr (atlas_document_get_missing_data (reopened), ==, csv);
  g_assert_nonnull (atlas_document_get_unlocated (reopened));
  atlas_document_locate_data (reopened, moved_file);
  wait_until_idle (reopened);
  g_assert_null (atlas_document_get_missing_data (reopened));
  g_assert_true (g_file_equal (atlas_document_get_file (reopened), moved_file));

  /* A chart file that is not one says where it goes wrong. */
  g_assert_true (g_file_set_contents (chart_path, "[Chart]\nVersion=1\nData=moved.csv\nColour=red\n", -1, NULL));
  g_assert_false (atlas_document_open_chart_file (reopened, chart_file));
  g_assert_true (g_str_has_prefix (atlas_document_get_error_message (reopened), chart_path));
  g_unlink (moved);
  g_unlink (chart_path);
}

/* Stopped, a read says so and the chart shown stays. */
static void
test_cancel (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (AtlasDocument) document = atlas_document_new (NULL);
  GString *rows = g_string_new ("x,y\n");
  g_autofree char *said = NULL;

  for (int i = 0; i < 400000; i++)
    g_string_append_printf (rows, "%d,%d\n", i, i % 97);
  path = write_file ("big.csv", rows->str);
  g_string_free (rows, TRUE);
  file = g_file_new_for_path (path);
  g_signal_connect (document, "message", G_CALLBACK (keep_message), &said);
  atlas_document_open_file (document, file, NULL);
  atlas_document_cancel (document);
  wait_until_idle (document);
  g_assert_null (atlas_document_get_chart (document));
  g_assert_cmpstr (said, ==, "Stopped reading “big.csv”");
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  test_dir = g_dir_make_tmp ("atlas-document-XXXXXX", NULL);
  g_test_add_func ("/document/open-file", test_open_file);
  g_test_add_func ("/document/open-failure", test_open_failure);
  g_test_add_func ("/document/reload-keeps-chart", test_reload_keeps_chart);
  g_test_add_func ("/document/chart-files", test_chart_files);
  g_test_add_func ("/document/undo-redo", test_undo_redo);
  g_test_add_func ("/document/cancel", test_cancel);
  status = g_test_run ();
  g_assert_true (test_remove_dir (test_dir));
  test_release_font_caches ();
  return status;
}
