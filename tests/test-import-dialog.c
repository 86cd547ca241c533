/* test-import-dialog.c: importing the CSV files people bring: what is detected, overrides, memory, reload and cancel. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "atlas-cell-parse.h"
#include "atlas-table.h"
#include "test-support.h"
#include "ui-test-support.h"

static char *test_dir;

static GFile *
write_fixture (const char *name,
               const char *contents,
               gssize      length)
{
  g_autofree char *path = g_build_filename (test_dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return g_file_new_for_path (path);
}

/* The story's window, on screen: dialogs open over it. */
static AtlasWindow *
new_shown_window (void)
{
  AtlasWindow *window = new_story_window ();

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* The table the window charts. */
static AtlasTable *
shown_table (AtlasWindow *window)
{
  return atlas_chart_get_table (atlas_chart_view_get_chart (atlas_window_get_chart_view (window)));
}

static const AtlasColumn *
preview_column (AtlasImportDialog *dialog,
                guint              index)
{
  const AtlasCsvResult *preview = atlas_import_dialog_get_preview (dialog);

  g_assert_nonnull (preview);
  return atlas_table_get_column (preview->table, index);
}

/* The dialog's settings, changed by change, as if chosen in its widgets. */
static void
override (AtlasImportDialog *dialog,
          void (*change) (AtlasImportSettings *settings))
{
  g_autoptr (AtlasImportSettings) settings = atlas_import_settings_copy (atlas_import_dialog_get_settings (dialog));

  change (settings);
  atlas_import_dialog_set_settings (dialog, settings);
}

/* Imports through the dialog and waits for the window to chart the file. */
static void
accept_and_wait (AtlasWindow       *window,
                 AtlasImportDialog *dialog)
{
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (atlas_import_dialog_accept (dialog));
  wait_for_loading (window);
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_null (dialog);
}

static void
use_point_and_comma_grouping (AtlasImportSettings *settings)
{
  AtlasCsvOptions *o = atlas_import_settings_get_options (settings);

  o->decimal_mark = '.';
  o->force_thousands_sep = TRUE;
  o->thousands_sep = ',';
}

static void
hold_numbers_in_second_column (AtlasImportSettings *settings)
{
  atlas_import_settings_set_column_choice (settings, 1, ATLAS_COLUMN_CHOICE_NUMBER);
}

static void
use_utf8 (AtlasImportSettings *settings)
{
  AtlasCsvOptions *o = atlas_import_settings_get_options (settings);

  o->force_encoding = TRUE;
  o->encoding = ATLAS_TEXT_ENCODING_UTF8;
}

static void
use_windows_1252 (AtlasImportSettings *settings)
{
  AtlasCsvOptions *o = atlas_import_settings_get_options (settings);

  o->force_encoding = TRUE;
  o->encoding = ATLAS_TEXT_ENCODING_WINDOWS_1252;
}

static void
skip_nothing_and_no_header (AtlasImportSettings *settings)
{
  AtlasCsvOptions *o = atlas_import_settings_get_options (settings);

  o->force_skip_lines = TRUE;
  o->skip_lines = 0;
  o->header = ATLAS_CSV_HEADER_NONE;
}

static void
use_first_row_as_header (AtlasImportSettings *settings)
{
  AtlasCsvOptions *o = atlas_import_settings_get_options (settings);

  o->header = ATLAS_CSV_HEADER_FIRST_ROW;
}

static void
use_month_first (AtlasImportSettings *settings)
{
  AtlasCsvOptions *o = atlas_import_settings_get_options (settings);

  o->date_order = ATLAS_DATE_ORDER_MONTH_FIRST;
}

/* Decimal commas in a semicolon file: detected, charted right; read with
 * points instead, the numbers change as they should. */
static void
test_semicolon_decimal_comma (void)
{
  AtlasWindow *window = new_shown_window ();
  g_autoptr (GFile) file = write_fixture ("kapazitaet.csv",
                                          "Land;Kapazität (Wafer/Monat)\nDeutschland;1.234,5\nFrankreich;987,25\n"
                                          "Italien;12,5\n",
                                          -1);
  AtlasImportDialog *dialog;
  const AtlasCsvResult *preview;

  dialog = atlas_window_import_file (window, file);
  wait_for_frames (GTK_WIDGET (dialog), 3);
  save_screenshot (GTK_WIDGET (dialog), "import-semicolon-detected.png");
  preview = atlas_import_dialog_get_preview (dialog);
  g_assert_cmpint (preview->dialect.delimiter, ==, ';');
  g_assert_cmpint (preview->dialect.decimal_mark, ==, ',');
  g_assert_cmpint (preview->dialect.thousands_sep, ==, '.');
  g_assert_cmpfloat (atlas_column_get_number (preview_column (dialog, 1), 0), ==, 1234.5);

  /* Read with decimal points, none of the cells is a number: the column
   * reads as text; told it holds numbers, every cell is marked. */
  override (dialog, use_point_and_comma_grouping);
  g_assert_cmpint (atlas_column_get_column_type (preview_column (dialog, 1)), ==, ATLAS_COLUMN_TEXT);
  override (dialog, hold_numbers_in_second_column);
  g_assert_cmpint (atlas_column_get_column_type (preview_column (dialog, 1)), ==, ATLAS_COLUMN_NUMBER);
  g_assert_cmpuint (atlas_column_get_n_invalid (preview_column (dialog, 1)), ==, 3);
  wait_for_frames (GTK_WIDGET (dialog), 2);
  save_screenshot (GTK_WIDGET (dialog), "import-semicolon-overridden.png");

  /* Back to what was detected. */
  {
    g_autoptr (AtlasImportSettings) plain = atlas_import_settings_new ();
    atlas_import_dialog_set_settings (dialog, plain);
  }
  accept_and_wait (window, dialog);
  g_assert_cmpfloat (atlas_column_get_number (atlas_table_get_column (shown_table (window), 1), 1), ==, 987.25);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* A Windows-1252 header read as such; forced to UTF-8 it cannot be, and
 * says so with the replacement character. */
static void
test_windows_1252 (void)
{
  AtlasWindow *window = new_shown_window ();
  g_autoptr (GFile) file = write_fixture ("regions.csv", "R\xe9gion,Valeur\nLorraine,1\n\xcele-de-France,2\n", -1);
  AtlasImportDialog *dialog = atlas_window_import_file (window, file);
  const AtlasCsvResult *preview = atlas_import_dialog_get_preview (dialog);

  g_assert_cmpint (preview->dialect.encoding, ==, ATLAS_TEXT_ENCODING_WINDOWS_1252);
  g_assert_cmpstr (atlas_column_get_name (preview_column (dialog, 0)), ==, "Région");
  override (dialog, use_utf8);
  g_assert_nonnull (strstr (atlas_column_get_name (preview_column (dialog, 0)), "\xef\xbf\xbd"));
  g_assert_cmpuint (atlas_import_dialog_get_preview (dialog)->n_problems, >, 0);
  override (dialog, use_windows_1252);
  accept_and_wait (window, dialog);
  g_assert_cmpstr (atlas_column_get_text (atlas_table_get_column (shown_table (window), 0), 1), ==, "Île-de-France");

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* Chinese headers in GB18030: detected and named right. */
static void
test_gb18030 (void)
{
  AtlasWindow *window = new_shown_window ();
  const char *utf8 = "地区,产能（万片/月）\n上海,120\n北京,80\n深圳,65\n";
  gsize length;
  g_autofree char *gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, &length, NULL);
  g_autoptr (GFile) file = write_fixture ("capacity-gb18030.csv", gb, (gssize) length);
  AtlasImportDialog *dialog = atlas_window_import_file (window, file);
  const AtlasCsvResult *preview = atlas_import_dialog_get_preview (dialog);

  g_assert_cmpint (preview->dialect.encoding, ==, ATLAS_TEXT_ENCODING_GB18030);
  g_assert_cmpstr (atlas_column_get_name (preview_column (dialog, 0)), ==, "地区");
  g_assert_cmpint (atlas_column_get_column_type (preview_column (dialog, 1)), ==, ATLAS_COLUMN_NUMBER);
  wait_for_frames (GTK_WIDGET (dialog), 3);
  save_screenshot (GTK_WIDGET (dialog), "import-gb18030.png");
  override (dialog, use_windows_1252);
  g_assert_cmpstr (atlas_column_get_name (preview_column (dialog, 0)), !=, "地区");
  {
    g_autoptr (AtlasImportSettings) plain = atlas_import_settings_new ();
    atlas_import_dialog_set_settings (dialog, plain);
  }
  accept_and_wait (window, dialog);
  g_assert_cmpstr (atlas_column_get_text (atlas_table_get_column (shown_table (window), 0), 2), ==, "深圳");

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* A file as they come from statistics offices: a title and a source line
 * above the header, semicolons, decimal commas, grouped thousands, a
 * missing value and one cell that is not a number. The screenshot is the
 * app's AppStream and README picture of the dialog. */
static void
test_showcase (void)
{
  AtlasWindow *window = new_shown_window ();
  g_autoptr (GFile) file
    = write_fixture ("wafer-capacity-2025.csv",
                     "Installed wafer capacity by region, thousand 300mm-equivalent wafers per month\n"
                     "Source: industry estimates, example figures\n\n"
                     "Region;Capacity 2024;Capacity 2025;Change (%);Share 2025 (%);Note\n"
                     "China;8.100,5;9.050,0;11,7;31,2;largest additions\n"
                     "Taiwan;5.200,0;5.400,5;3,9;n/a;\n"
                     "South Korea;4.900,0;5.000,0;2,0;17,2;memory-heavy\n"
                     "Japan;3.300,0;3.350,0;1,5;11,5;\n"
                     "United States;2.400,0;2.600,0;8,3;about 9;new fabs\n"
                     "Europe;1.450,0;1.500,0;3,4;5,2;\n"
                     "Southeast Asia;1.150,0;1.250,0;8,7;4,3;\n",
                     -1);
  AtlasImportDialog *dialog = atlas_window_import_file (window, file);
  const AtlasCsvResult *preview = atlas_import_dialog_get_preview (dialog);

  g_assert_cmpuint (preview->dialect.skipped_lines, ==, 3);
  g_assert_cmpuint (atlas_column_get_n_invalid (preview_column (dialog, 4)), ==, 1);
  /* Wide enough for every column, as on a desktop screen. */
  gtk_window_set_default_size (GTK_WINDOW (dialog), 1480, 820);
  wait_for_frames (GTK_WIDGET (dialog), 3);
  save_screenshot (GTK_WIDGET (dialog), "import-showcase.png");
  accept_and_wait (window, dialog);
  g_assert_cmpuint (atlas_table_get_n_rows (shown_table (window)), ==, 7);
  save_screenshot (GTK_WIDGET (window), "import-showcase-chart.png");

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* Two title lines above the header: skipped; read from the top without a
 * header, every line is a row. */
static void
test_title_lines (void)
{
  AtlasWindow *window = new_shown_window ();
  g_autoptr (GFile) file = write_fixture ("output.csv",
                                          "China's integrated circuit output\nSource: National Bureau of Statistics\n"
                                          "year,output (bn units)\n2021,359.4\n2022,324.2\n2023,351.4\n2024,451.4\n",
                                          -1);
  AtlasImportDialog *dialog = atlas_window_import_file (window, file);
  const AtlasCsvResult *preview = atlas_import_dialog_get_preview (dialog);

  g_assert_cmpuint (preview->dialect.skipped_lines, ==, 2);
  g_assert_true (preview->dialect.header);
  g_assert_cmpuint (atlas_table_get_n_rows (preview->table), ==, 4);
  g_assert_cmpstr (atlas_column_get_name (preview_column (dialog, 1)), ==, "output (bn units)");
  override (dialog, skip_nothing_and_no_header);
  preview = atlas_import_dialog_get_preview (dialog);
  g_assert_cmpuint (atlas_table_get_n_rows (preview->table), ==, 7);
  g_assert_cmpstr (atlas_column_get_name (preview_column (dialog, 0)), ==, "Column 1");
  wait_for_frames (GTK_WIDGET (dialog), 3);
  save_screenshot (GTK_WIDGET (dialog), "import-title-lines-overridden.png");
  {
    g_autoptr (AtlasImportSettings) plain = atlas_import_settings_new ();
    atlas_import_dialog_set_settings (dialog, plain);
  }
  accept_and_wait (window, dialog);
  g_assert_cmpuint (atlas_table_get_n_rows (shown_table (window)), ==, 4);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* No header: every row is data; told the first row names the columns, it
 * does. */
static void
test_no_header (void)
{
  AtlasWindow *window = new_shown_window ();
  g_autoptr (GFile) file = write_fixture ("bare.csv", "2020,1.5\n2021,2.5\n2022,3.5\n2023,4.5\n", -1);
  AtlasImportDialog *dialog = atlas_window_import_file (window, file);
  const AtlasCsvResult *preview = atlas_import_dialog_get_preview (dialog);

  g_assert_false (preview->dialect.header);
  g_assert_cmpuint (atlas_table_get_n_rows (preview->table), ==, 4);
  override (dialog, use_first_row_as_header);
  preview = atlas_import_dialog_get_preview (dialog);
  g_assert_cmpuint (atlas_table_get_n_rows (preview->table), ==, 3);
  g_assert_cmpstr (atlas_column_get_name (preview_column (dialog, 1)), ==, "1.5");
  accept_and_wait (window, dialog);
  g_assert_cmpuint (atlas_table_get_n_rows (shown_table (window)), ==, 3);
  g_assert_nonnull (atlas_table_find_column (shown_table (window), "1.5"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* Dates written day first: detected from the 25th; read month first, the
 * 25th cannot be a month and is marked. */
static void
test_day_month_year (void)
{
  AtlasWindow *window = new_shown_window ();
  g_autoptr (GFile) file = write_fixture ("dates.csv", "date,orders\n03/04/2024,10\n25/04/2024,12\n02/05/2024,9\n", -1);
  AtlasImportDialog *dialog = atlas_window_import_file (window, file);
  const AtlasCsvResult *preview = atlas_import_dialog_get_preview (dialog);
  double april_third = atlas_days_from_civil (2024, 4, 3) * 86400;

  g_assert_cmpint (preview->dialect.date_order, ==, ATLAS_DATE_ORDER_DAY_FIRST);
  g_assert_cmpint (atlas_column_get_column_type (preview_column (dialog, 0)), ==, ATLAS_COLUMN_DATE);
  g_assert_cmpfloat (atlas_column_get_number (preview_column (dialog, 0), 0), ==, april_third);
  override (dialog, use_month_first);
  g_assert_cmpfloat (atlas_column_get_number (preview_column (dialog, 0), 0), ==,
                     atlas_days_from_civil (2024, 3, 4) * 86400);
  g_assert_true (atlas_column_is_missing (preview_column (dialog, 0), 1));
  wait_for_frames (GTK_WIDGET (dialog), 3);
  save_screenshot (GTK_WIDGET (dialog), "import-month-first.png");
  accept_and_wait (window, dialog);
  g_assert_true (atlas_column_is_missing (atlas_table_get_column (shown_table (window), 0), 1));
  g_assert_true (g_str_has_prefix (atlas_window_get_status (window), "dates.csv: 1 problem."));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* A preferences row whose title is title (for find_widget_where). */
static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* A column with a decimal comma among columns with a point loads as
 * numbers, and the decimal mark row names it. */
static void
test_decimal_mark_per_column (void)
{
  AtlasWindow *window = new_shown_window ();
  g_autoptr (GFile) file = write_fixture ("mixed-marks.csv", "item;weight;price\nA;0.5;1,25\nB;0.75;2,5\n", -1);
  AtlasImportDialog *dialog = atlas_window_import_file (window, file);
  GtkWidget *row = find_widget_where (GTK_WIDGET (dialog), is_row_titled, "Deci_mal mark");

  g_assert_nonnull (row);
  g_assert_cmpint (atlas_column_get_column_type (preview_column (dialog, 2)), ==, ATLAS_COLUMN_NUMBER);
  g_assert_cmpfloat (atlas_column_get_number (preview_column (dialog, 2), 0), ==, 1.25);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Detected: point; comma in “price”");
  wait_for_frames (GTK_WIDGET (dialog), 3);
  save_screenshot (GTK_WIDGET (dialog), "import-decimal-mark-per-column.png");
  accept_and_wait (window, dialog);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* A column's combo row in the dialog: ignored, the column leaves the
 * table; the choices come back when the file is opened again, and a
 * saved dialect applies to a file written alike. */
static void
test_columns_memory_and_dialects (void)
{
  AtlasWindow *window = new_shown_window ();
  g_autoptr (GFile) file = write_fixture ("fabs.csv", "region;fabs;capacity;note\nChina;44;1,5;new\nTaiwan;21;2,5;x\n", -1);
  g_autoptr (GFile) alike = write_fixture ("fabs-2025.csv", "region;fabs;capacity;note\nJapan;12;0,5;y\n", -1);
  AtlasImportDialog *dialog = atlas_window_import_file (window, file);
  GtkWidget *group;
  AdwComboRow *note_row = NULL;
  AtlasImportSettings *settings;

  /* The fourth row of the columns group is "note". */
  group = find_descendant (GTK_WIDGET (dialog), ADW_TYPE_PREFERENCES_GROUP);
  for (GtkWidget *w = group; w; w = gtk_widget_get_next_sibling (w))
    if (g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (w)), "Columns") == 0)
      group = w;
  {
    GtkWidget *list = find_descendant (group, GTK_TYPE_LIST_BOX);
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 3);
    note_row = ADW_COMBO_ROW (row);
  }
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (note_row)), ==, "note");
  adw_combo_row_set_selected (note_row, ATLAS_COLUMN_CHOICE_IGNORE);
  g_assert_cmpuint (atlas_table_get_n_columns (atlas_import_dialog_get_preview (dialog)->table), ==, 3);
  g_assert_true (g_array_index (atlas_import_dialog_get_preview (dialog)->file_columns, AtlasCsvFileColumn, 3).ignored);
  wait_for_frames (GTK_WIDGET (dialog), 3);
  save_screenshot (GTK_WIDGET (dialog), "import-column-ignored.png");
  g_assert_true (atlas_import_dialog_save_dialect (dialog, "Semicolons"));
  accept_and_wait (window, dialog);
  g_assert_cmpuint (atlas_table_get_n_columns (shown_table (window)), ==, 3);

  /* Opened again: the dialog starts from what was chosen. */
  dialog = atlas_window_import_file (window, file);
  settings = atlas_import_settings_copy (atlas_import_dialog_get_settings (dialog));
  g_assert_cmpint (atlas_import_settings_get_column_choice (settings, 3), ==, ATLAS_COLUMN_CHOICE_IGNORE);
  atlas_import_settings_free (settings);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The dialect on a file written alike. */
  dialog = atlas_window_import_file (window, alike);
  g_assert_true (atlas_import_dialog_apply_dialect (dialog, "Semicolons"));
  g_assert_cmpint (atlas_import_settings_get_options ((AtlasImportSettings *) atlas_import_dialog_get_settings (dialog))
                     ->delimiter,
                   ==, ';');
  gtk_window_destroy (GTK_WINDOW (dialog));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* Waits until the window charts a table of n_rows rows. */
static void
wait_for_rows (AtlasWindow *window,
               gsize        n_rows)
{
  gint64 deadline = g_get_monotonic_time () + 15 * G_TIME_SPAN_SECOND;

  while (atlas_table_get_n_rows (shown_table (window)) != n_rows && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  wait_for_loading (window);
  g_assert_cmpuint (atlas_table_get_n_rows (shown_table (window)), ==, n_rows);
}

/* The file changes on disk: the chart follows, keeping its type, zoom and
 * notes; the reload action does the same on demand. */
static void
test_reload (void)
{
  AtlasWindow *window = new_shown_window ();
  AtlasChartView *view = atlas_window_get_chart_view (window);
  g_autoptr (GFile) file = write_fixture ("growing.csv", "year,value\n2018,1\n2019,2\n2020,3\n2021,4\n", -1);
  g_autoptr (AtlasImportSettings) settings = atlas_import_settings_new ();
  g_autofree char *path = g_file_get_path (file);
  double min, max, after_min, after_max;

  gtk_window_present (GTK_WINDOW (window));
  atlas_window_open_file_with (window, file, settings);
  wait_for_loading (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "options.chart-type", "s", "bar"));
  wait_for_frames (GTK_WIDGET (window), 2);
  atlas_chart_view_zoom (view, 1.5, gtk_widget_get_width (GTK_WIDGET (view)) / 2.0);
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_true (atlas_chart_get_x_view (atlas_chart_view_get_layout (view), &min, &max));

  g_assert_true (g_file_set_contents (path, "year,value\n2018,1\n2019,2\n2020,3\n2021,4\n2022,8\n", -1, NULL));
  wait_for_rows (window, 5);
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_cmpint (atlas_chart_get_spec (atlas_chart_view_get_chart (view))->type, ==, ATLAS_CHART_BAR);
  g_assert_true (atlas_chart_get_x_view (atlas_chart_view_get_layout (view), &after_min, &after_max));
  g_assert_cmpfloat_with_epsilon (after_min, min, 1e-9);
  g_assert_cmpfloat_with_epsilon (after_max, max, 1e-9);
  g_assert_cmpstr (atlas_window_get_status (window), ==, "Reloaded “growing.csv”");
  wait_for_frames (GTK_WIDGET (window), 2);
  save_screenshot (GTK_WIDGET (window), "import-reloaded.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reload", NULL));
  wait_for_loading (window);
  g_assert_cmpuint (atlas_table_get_n_rows (shown_table (window)), ==, 5);

  /* A passage of the story takes the file's place: nothing to reload. */
  atlas_window_show_passage (window, 0);
  g_assert_false (atlas_window_reload (window));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* A large import stopped part way: the chart shown stays, nothing of the
 * file is kept, and the window goes on. */
static void
test_cancel_large_import (void)
{
  AtlasWindow *window = new_shown_window ();
  g_autofree char *path = g_build_filename (test_dir, "large.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (AtlasImportSettings) settings = atlas_import_settings_new ();
  GString *rows = g_string_new ("x,a,b,c\n");
  AtlasChart *before;

  for (guint i = 0; rows->len < 40 * 1024 * 1024; i++)
    g_string_append_printf (rows, "%u,%u.%u,%u,%u\n", i, i % 977, i % 10, i % 13, i % 7);
  g_assert_true (g_file_set_contents (path, rows->str, (gssize) rows->len, NULL));
  g_string_free (rows, TRUE);

  gtk_window_present (GTK_WINDOW (window));
  atlas_window_show_passage (window, 2);
  before = atlas_chart_view_get_chart (atlas_window_get_chart_view (window));
  atlas_window_open_file_with (window, file, settings);
  g_assert_true (atlas_document_get_busy (atlas_window_get_document (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-open", NULL));
  wait_for_loading (window);
  g_assert_true (atlas_chart_view_get_chart (atlas_window_get_chart_view (window)) == before);
  g_assert_cmpint (atlas_window_get_passage (window), ==, 2);
  g_assert_cmpstr (atlas_window_get_status (window), ==, "Stopped reading “large.csv”");
  g_assert_false (atlas_window_reload (window));
  g_unlink (path);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* GSettings' key file backend logs a failed write as a GIO warning, and
 * GTK's recent-files list one of its own; in a test a warning ends the
 * run. These are let through, the settings ones counted; every other
 * message goes on to GLib, where a warning still ends the run. GTK's is
 * structured and meets only the log writer; GIO's comes through g_log(),
 * to a handler for its domain and then the test's fatal handler. */
static guint settings_write_failures;

static gboolean
is_settings_write_failure (const char     *domain,
                           const char     *message)
{
  return g_strcmp0 (domain, "GLib-GIO") == 0 && g_str_has_prefix (message, "Failed to write keyfile")
         && strstr (message, "File too large");
}

static gboolean
is_expected_write_failure (const char     *domain,
                           GLogLevelFlags  level,
                           const char     *message)
{
  return (level & G_LOG_LEVEL_WARNING) && message
         && (is_settings_write_failure (domain, message)
             || (g_strcmp0 (domain, "Gtk") == 0 && g_str_has_prefix (message, "Attempting to store changes into")
                 && strstr (message, "recently-used.xbel") && strstr (message, "File too large")));
}

static GLogWriterOutput
write_log_but_expected_failures (GLogLevelFlags   level,
                                 const GLogField *fields,
                                 gsize            n_fields,
                                 gpointer         user_data)
{
  const char *domain = NULL, *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    if (fields[i].length < 0 && g_str_equal (fields[i].key, "GLIB_DOMAIN"))
      domain = fields[i].value;
    else if (fields[i].length < 0 && g_str_equal (fields[i].key, "MESSAGE"))
      message = fields[i].value;
  if (!is_expected_write_failure (domain, level, message))
    return g_log_writer_default (level, fields, n_fields, user_data);
  if (is_settings_write_failure (domain, message))
    settings_write_failures++;
  return G_LOG_WRITER_HANDLED;
}

/* GIO's warning comes through g_log(), to a handler for its domain. */
static void
count_gio_write_failure (const char     *domain,
                         GLogLevelFlags  level,
                         const char     *message,
                         gpointer        user_data)
{
  if (!is_expected_write_failure (domain, level, message))
    g_log_default_handler (domain, level, message, user_data);
  else if (is_settings_write_failure (domain, message))
    settings_write_failures++;
}

static gboolean
is_fatal_unless_expected (const char     *domain,
                          GLogLevelFlags  level,
                          const char     *message,
                          gpointer        user_data)
{
  return !is_expected_write_failure (domain, level, message);
}

static void
change_format_and_fail (AtlasExportDialog *export,
                        const char        *format)
{
  guint before = settings_write_failures;

  g_object_set (export, "format", format, NULL);
  g_assert_cmpuint (settings_write_failures, ==, before + 1);
}

/* Every file the app keeps while a write fails, as on a full disk or
 * under a file-size limit: the remembered imports and dialects and an
 * export are left as they were, with the error shown; the settings
 * (GSettings' key file, the backend a Flatpak uses) are written again
 * once writing works; and the window goes on working. */
static void
test_failed_writes_keep_earlier_files (void)
{
  AtlasWindow *window = new_shown_window ();
  g_autoptr (GFile) first = write_fixture ("first.csv", "year,value\n2020,1\n2021,2\n", -1);
  g_autoptr (GFile) second = write_fixture ("second.csv", "year,amount\n2019,5\n2020,6\n2021,7\n", -1);
  g_autofree char *settings_dir = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings", NULL);
  g_autofree char *settings_path = g_build_filename (settings_dir, "keyfile", NULL);
  g_autofree char *memory_path = g_build_filename (g_get_user_data_dir (), "silicon-atlas", "imports.ini", NULL);
  g_autofree char *export_path = g_build_filename (test_dir, "chart.svg", NULL);
  g_autofree char *settings_before = NULL, *settings_after = NULL;
  g_autofree char *memory_before = NULL, *memory_after = NULL;
  g_autofree char *export_before = NULL, *export_after = NULL;
  g_autoptr (GError) error = NULL;
  AtlasExportDialog *export;
  AtlasImportDialog *import;
  struct rlimit saved, tight;
  guint gio_handler = g_log_set_handler ("GLib-GIO", G_LOG_LEVEL_WARNING | G_LOG_FLAG_FATAL, count_gio_write_failure,
                                         NULL);

  /* Set here: each test starts without a fatal handler. */
  g_test_log_set_fatal_handler (is_fatal_unless_expected, NULL);

  /* Written while writing works. */
  export = atlas_window_present_export_dialog (window);
  g_object_set (export, "format", "svg", NULL);
  g_assert_true (atlas_export_dialog_export_to (export, export_path, &error));
  g_assert_no_error (error);
  accept_and_wait (window, atlas_window_import_file (window, first));
  g_assert_true (g_file_get_contents (settings_path, &settings_before, NULL, NULL));
  g_assert_nonnull (strstr (settings_before, "export-format='svg'"));
  g_assert_true (g_file_get_contents (memory_path, &memory_before, NULL, NULL));
  g_assert_true (g_file_get_contents (export_path, &export_before, NULL, NULL));

  /* No file may grow past one byte: every write fails part way. */
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  tight = saved;
  tight.rlim_cur = 1;
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &tight), ==, 0);

  /* GSettings tells an app nothing of a failed write, only logs it. Its
   * key-file backend (GLib 2.74) writes the file in place: the failed
   * write leaves it cut short, and both the earlier and the new choice
   * are lost. The app cannot see or prevent that; what it can is to go on
   * and to write them again once writing works. (dconf, the backend
   * outside a sandbox, writes whole files.) */
  export = atlas_window_present_export_dialog (window);
  g_object_add_weak_pointer (G_OBJECT (export), (gpointer *) &export);
  /* Opening the dialog writes nothing: only a change does. */
  g_assert_cmpuint (settings_write_failures, ==, 0);
  change_format_and_fail (export, "pdf");
  change_format_and_fail (export, "svg");
  g_assert_false (atlas_export_dialog_export_to (export, export_path, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "chart.svg"));
  g_clear_error (&error);
  g_assert_nonnull (export);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (export)));
  change_format_and_fail (export, "pdf");
  gtk_window_destroy (GTK_WINDOW (export));

  /* The import itself works; remembering it cannot, and the window says so. */
  import = atlas_window_import_file (window, second);
  g_object_add_weak_pointer (G_OBJECT (import), (gpointer *) &import);
  g_assert_false (atlas_import_dialog_save_dialect (import, "Plain"));
  g_assert_true (atlas_import_dialog_accept (import));
  g_assert_true (g_str_has_prefix (atlas_window_get_status (window), "Could not remember how to read this file: "));
  wait_for_loading (window);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_null (import);
  g_assert_cmpuint (atlas_table_get_n_rows (shown_table (window)), ==, 3);

  g_assert_true (g_file_get_contents (memory_path, &memory_after, NULL, NULL));
  g_assert_cmpstr (memory_after, ==, memory_before);
  g_assert_true (g_file_get_contents (export_path, &export_after, NULL, NULL));
  g_assert_cmpstr (export_after, ==, export_before);

  /* The window goes on: the story steps, and the next write works. */
  atlas_window_show_passage (window, 2);
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_cmpint (atlas_window_get_passage (window), ==, 2);
  export = atlas_window_present_export_dialog (window);
  g_object_set (export, "format", "svg", NULL);
  g_assert_true (atlas_export_dialog_export_to (export, export_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (settings_path, &settings_after, NULL, NULL));
  g_assert_nonnull (strstr (settings_after, "export-format='svg'"));
  g_unlink (export_path);
  /* The dialog closes on its good export. */
  wait_for_frames (GTK_WIDGET (window), 2);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_log_remove_handler ("GLib-GIO", gio_handler);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *config = NULL;
  g_autofree char *data = NULL;
  int status;

  test_dir = g_dir_make_tmp ("atlas-import-XXXXXX", NULL);
  /* Each run starts with nothing remembered. Settings go to a key file
   * of the run's own, where the failed-writes test can look; set before
   * anything asks where settings live. */
  config = g_build_filename (test_dir, "config", NULL);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  /* The remembered imports too: the window tests, which may run at the
   * same time, have their own. */
  data = g_build_filename (test_dir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_log_set_writer_func (write_log_but_expected_failures, NULL, NULL);
  gtk_test_init (&argc, &argv, NULL);
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/import/semicolon-decimal-comma", test_semicolon_decimal_comma);
  g_test_add_func ("/import/windows-1252", test_windows_1252);
  g_test_add_func ("/import/gb18030", test_gb18030);
  g_test_add_func ("/import/showcase", test_showcase);
  g_test_add_func ("/import/title-lines", test_title_lines);
  g_test_add_func ("/import/no-header", test_no_header);
  g_test_add_func ("/import/day-month-year", test_day_month_year);
  g_test_add_func ("/import/decimal-mark-per-column", test_decimal_mark_per_column);
  g_test_add_func ("/import/columns-memory-and-dialects", test_columns_memory_and_dialects);
  g_test_add_func ("/import/reload", test_reload);
  g_test_add_func ("/import/cancel-large-import", test_cancel_large_import);
  g_test_add_func ("/import/failed-writes-keep-earlier-files", test_failed_writes_keep_earlier_files);
  status = g_test_run ();
  status |= !test_remove_dir (test_dir);
  return status;
}
