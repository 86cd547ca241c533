/* test-window.c: the real window under Xvfb: the story's passages, their charts, paging, a screenshot, and teardown. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "atlas-chart-settings.h"
#include "atlas-dataset.h"
#include "atlas-window.h"
#include "test-support.h"
#include "ui-test-support.h"

static int
default_width_of (GtkWindow *window)
{
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  return width;
}

/* Hovers the 2020 point of the imports line (row 6 of the dataset), then
 * zooms in, pans and resets through the chart's actions. */
static void
check_hover_and_zoom (AtlasChartView *view)
{
  AtlasChart *chart = atlas_chart_view_get_chart (view);
  g_autofree char *text = NULL;
  g_autofree char *nothing = NULL;
  double px, py, min, max, zoomed_min, zoomed_max, panned_min, panned_max;

  g_assert_true (atlas_chart_point_position (atlas_chart_view_get_layout (view), 0, 6, &px, &py));
  text = atlas_chart_view_describe_at (view, px + 2, py - 2);
  g_test_message ("tooltip: %s", text);
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "imports (USD bn)\n2020: 350.06 USD bn\nSource: chinanews.jp, "));
  g_assert_nonnull (strstr (text, "\nand 3 more sources"));
  /* Far from every point, there is nothing to tell. */
  nothing = atlas_chart_view_describe_at (view, 2, 2);
  g_assert_null (nothing);

  g_assert_true (atlas_chart_get_x_view (atlas_chart_view_get_layout (view), &min, &max));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "chart.zoom-in", NULL));
  wait_for_frames (GTK_WIDGET (view), 2);
  g_assert_true (atlas_chart_get_x_view (atlas_chart_view_get_layout (view), &zoomed_min, &zoomed_max));
  g_assert_cmpfloat (zoomed_min, >, min);
  g_assert_cmpfloat (zoomed_max, <, max);
  /* Zoomed about the middle: the span shrinks by the zoom step. */
  g_assert_cmpfloat_with_epsilon ((zoomed_max - zoomed_min) * 1.25, max - min, (max - min) * 1e-6);

  /* Dragging right brings earlier data into view. */
  g_assert_true (atlas_chart_view_pan (view, 100));
  wait_for_frames (GTK_WIDGET (view), 2);
  g_assert_true (atlas_chart_get_x_view (atlas_chart_view_get_layout (view), &panned_min, &panned_max));
  g_assert_cmpfloat (panned_min, <, zoomed_min);
  g_assert_cmpfloat_with_epsilon (panned_max - panned_min, zoomed_max - zoomed_min, (max - min) * 1e-6);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "chart.reset-view", NULL));
  wait_for_frames (GTK_WIDGET (view), 2);
  g_assert_true (atlas_chart_get_x_view (atlas_chart_view_get_layout (view), &zoomed_min, &zoomed_max));
  g_assert_cmpfloat (zoomed_min, ==, min);
  g_assert_cmpfloat (zoomed_max, ==, max);

  /* Back and forward step through earlier views; a zoom and a pan apart
   * in time are two steps. */
  {
    double zmin, zmax, bmin, bmax;

    /* Apart in time from the reset too, however slow the frames (under
     * Valgrind they are), so that each change is a step of its own. */
    g_usleep (450 * G_TIME_SPAN_MILLISECOND);
    g_assert_true (atlas_chart_view_zoom (view, 2, px));
    wait_for_frames (GTK_WIDGET (view), 2);
    g_assert_true (atlas_chart_get_x_view (atlas_chart_view_get_layout (view), &zmin, &zmax));
    g_usleep (450 * G_TIME_SPAN_MILLISECOND);
    g_assert_true (atlas_chart_view_pan (view, 50));
    wait_for_frames (GTK_WIDGET (view), 2);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "chart.back", NULL));
    wait_for_frames (GTK_WIDGET (view), 2);
    g_assert_true (atlas_chart_get_x_view (atlas_chart_view_get_layout (view), &bmin, &bmax));
    g_assert_cmpfloat (bmin, ==, zmin);
    g_assert_cmpfloat (bmax, ==, zmax);
    g_assert_true (atlas_chart_view_go_back (view, FALSE));
    wait_for_frames (GTK_WIDGET (view), 2);
    g_assert_true (atlas_chart_get_x_view (atlas_chart_view_get_layout (view), &bmin, &bmax));
    g_assert_cmpfloat (bmin, ==, min);
    g_assert_cmpfloat (bmax, ==, max);
    g_assert_true (atlas_chart_view_go_back (view, TRUE));
    wait_for_frames (GTK_WIDGET (view), 2);
    g_assert_true (atlas_chart_get_x_view (atlas_chart_view_get_layout (view), &bmin, &bmax));
    g_assert_cmpfloat (bmin, ==, zmin);
    atlas_chart_view_reset_view (view);
    wait_for_frames (GTK_WIDGET (view), 2);
  }

  /* A Shift-drag from the 2019 point to the 2021 point zooms to those
   * years; a span of a few pixels is taken for a slip, not a zoom. */
  {
    double x2019, x2021, y, zmin, zmax, t2019, t2021;

    g_assert_true (atlas_chart_point_position (atlas_chart_view_get_layout (view), 0, 5, &x2019, &y));
    g_assert_true (atlas_chart_point_position (atlas_chart_view_get_layout (view), 0, 7, &x2021, &y));
    g_assert_true (atlas_chart_parse_x (atlas_chart_get_table (chart), "year", "2019", &t2019));
    g_assert_true (atlas_chart_parse_x (atlas_chart_get_table (chart), "year", "2021", &t2021));
    g_assert_false (atlas_chart_view_zoom_to_span (view, x2019, x2019 + 5));
    g_assert_true (atlas_chart_view_zoom_to_span (view, x2021, x2019));
    wait_for_frames (GTK_WIDGET (view), 2);
    g_assert_true (atlas_chart_get_x_view (atlas_chart_view_get_layout (view), &zmin, &zmax));
    g_assert_cmpfloat (fabs (zmin - t2019), <, (t2021 - t2019) * 0.01);
    g_assert_cmpfloat (fabs (zmax - t2021), <, (t2021 - t2019) * 0.01);
    atlas_chart_view_reset_view (view);
    wait_for_frames (GTK_WIDGET (view), 2);
  }

  /* The arrow keys' action walks the points: the first in view is 2016,
   * row 2 of the dataset; there is no second series to move to. */
  {
    guint series;
    gsize row;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "chart.move-point", "(ii)", 1, 0));
    g_assert_true (atlas_chart_view_get_marked_point (view, &series, &row));
    g_assert_cmpuint (row, ==, 2);
    g_assert_true (atlas_chart_view_move_point (view, 2, 0));
    g_assert_true (atlas_chart_view_move_point (view, -1, 0));
    g_assert_true (atlas_chart_view_get_marked_point (view, &series, &row));
    g_assert_cmpuint (series, ==, 0);
    g_assert_cmpuint (row, ==, 3);
    g_assert_false (atlas_chart_view_move_point (view, 0, 1));
    g_assert_true (atlas_chart_view_move_point (view, 3, 0));
    wait_for_frames (GTK_WIDGET (view), 2);
    save_screenshot (gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_WINDOW), "window-keyboard-point.png");
  }

  /* Zoom in about 2020 and hover it, for the screenshot. */
  atlas_chart_view_zoom (view, 1.5, px);
  wait_for_frames (GTK_WIDGET (view), 2);
  g_assert_true (atlas_chart_point_position (atlas_chart_view_get_layout (view), 0, 6, &px, &py));
  atlas_chart_view_hover (view, px + 1, py + 1);
  wait_for_frames (GTK_WIDGET (view), 2);
}

static void
test_story_in_window (void)
{
  AtlasWindow *window = new_story_window ();
  AtlasChartView *view = atlas_window_get_chart_view (window);
  AtlasChart *chart;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames (GTK_WIDGET (window), 3);

  /* A new passage's chart fades in; with animations off, as reduced
   * motion asks, it is there at once. The rest of the tests run so, for
   * screenshots of whole charts. */
  atlas_window_show_passage (window, 1);
  g_assert_cmpfloat (gtk_widget_get_opacity (GTK_WIDGET (view)), <, 1);
  wait_for_frames (GTK_WIDGET (window), 30);
  g_assert_cmpfloat (gtk_widget_get_opacity (GTK_WIDGET (view)), ==, 1);
  g_object_set (gtk_widget_get_settings (GTK_WIDGET (window)), "gtk-enable-animations", FALSE, NULL);
  atlas_window_show_passage (window, 0);
  g_assert_cmpfloat (gtk_widget_get_opacity (GTK_WIDGET (view)), ==, 1);
  wait_for_frames (GTK_WIDGET (window), 3);

  /* The first passage's chart: the imports line. */
  g_assert_cmpint (atlas_window_get_passage (window), ==, 0);
  chart = atlas_chart_view_get_chart (view);
  g_assert_nonnull (chart);
  g_assert_cmpstr (atlas_chart_get_spec (chart)->title, ==, "China’s imports of integrated circuits");
  g_assert_cmpuint (gtk_widget_get_width (GTK_WIDGET (view)), >, 320);
  save_screenshot (GTK_WIDGET (window), "window-passage-1.png");
  check_hover_and_zoom (view);
  save_screenshot (GTK_WIDGET (window), "window-passage-1-zoomed.png");

  /* Page Down's action steps through the passages; the first cannot go back. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-passage", NULL);
  g_assert_cmpint (atlas_window_get_passage (window), ==, 0);
  for (guint i = 0; i < 3; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-passage", NULL));
  g_assert_cmpint (atlas_window_get_passage (window), ==, 3);
  chart = atlas_chart_view_get_chart (view);
  g_assert_cmpstr (atlas_chart_get_spec (chart)->title, ==, "The Big Fund’s three phases");
  wait_for_frames (GTK_WIDGET (window), 2);
  save_screenshot (GTK_WIDGET (window), "window-passage-4.png");

  /* On to passage 8, packaging and fabrication capacity: key 2's action
   * switches the second series (fabrication) off and on; the first
   * series stays drawn. */
  for (guint i = 0; i < 4; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-passage", NULL));
  g_assert_cmpint (atlas_window_get_passage (window), ==, 7);
  chart = atlas_chart_view_get_chart (view);
  g_assert_cmpstr (atlas_chart_get_spec (chart)->title, ==, "Where the world’s chips are packaged and tested");
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "chart.toggle-series", "i", 1));
  g_assert_false (atlas_chart_get_series_visible (chart, 1));
  wait_for_frames (GTK_WIDGET (window), 2);
  {
    double px, py;
    /* Row 0 is China, which has both. */
    g_assert_false (atlas_chart_point_position (atlas_chart_view_get_layout (view), 1, 0, &px, &py));
    g_assert_true (atlas_chart_point_position (atlas_chart_view_get_layout (view), 0, 0, &px, &py));
  }
  save_screenshot (GTK_WIDGET (window), "window-series-off.png");
  g_assert_true (atlas_chart_view_toggle_series (view, 1));
  g_assert_true (atlas_chart_get_series_visible (chart, 1));

  /* The chart tells assistive technologies what it shows. */
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (view)), ==, GTK_ACCESSIBLE_ROLE_IMG);

  /* Narrow, the sidebar folds away and F9's action brings it over the
   * chart. */
  g_assert_false (atlas_window_is_sidebar_folded (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 700);
  wait_for_frames (GTK_WIDGET (window), 20);
  g_assert_true (atlas_window_is_sidebar_folded (window));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (view)), >=, 560);
  save_screenshot (GTK_WIDGET (window), "window-narrow.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL));
  wait_for_frames (GTK_WIDGET (window), 20);
  save_screenshot (GTK_WIDGET (window), "window-narrow-sidebar.png");

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);

  /* The next window opens where this one left off: passage 8, 600 px. */
  window = new_story_window ();
  g_assert_cmpint (atlas_window_get_passage (window), ==, 7);
  g_assert_cmpint (default_width_of (GTK_WINDOW (window)), ==, 600);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* Each built-in dataset, chosen through the window's action, shows its own
 * chart; Page Down from there goes back to the story's first passage. */
static void
test_datasets_in_window (void)
{
  AtlasWindow *window = new_story_window ();
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_build_filename (g_getenv ("ATLAS_DATA_DIR"), "datasets", NULL);
  g_autoptr (GPtrArray) catalog = atlas_dataset_catalog_load (folder, &error);
  AtlasChartView *view = atlas_window_get_chart_view (window);

  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames (GTK_WIDGET (window), 2);

  for (guint i = 0; i < catalog->len; i++)
    {
      const AtlasDatasetInfo *info = g_ptr_array_index (catalog, i);
      g_autofree char *name = g_strdup_printf ("window-dataset-%s.png", info->id);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-dataset", "s", info->id));
      g_assert_cmpint (atlas_window_get_passage (window), ==, -1);
      g_assert_cmpstr (atlas_chart_get_spec (atlas_chart_view_get_chart (view))->title, ==, info->title);
      wait_for_frames (GTK_WIDGET (window), 1);
      save_screenshot (GTK_WIDGET (window), name);
    }
  /* A dataset that is not there leaves the chart as it was. */
  g_assert_false (atlas_window_show_dataset (window, "no-such-dataset"));
  g_assert_nonnull (atlas_chart_view_get_chart (view));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-passage", NULL));
  g_assert_cmpint (atlas_window_get_passage (window), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* Exports through the window's action into a temporary folder, in each
 * format, and checks each file is what its name says; then the about
 * window credits the datasets' publishers. */
static void
test_export_and_about (void)
{
  AtlasWindow *window = new_story_window ();
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("atlas-export-XXXXXX", NULL);
  static const struct
  {
    const char *name;
    const char *magic;
  } files[] = { { "chart.png", "\x89PNG" }, { "chart.svg", "<?xml" }, { "chart.pdf", "%PDF" } };
  g_autofree char *wrong = g_build_filename (dir, "chart.bmp", NULL);
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n_before;

  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames (GTK_WIDGET (window), 2);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i].name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-to", "s", path));
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_cmpuint (length, >, 1000);
      g_assert_true (g_str_has_prefix (contents, files[i].magic));
      g_unlink (path);
    }
  /* An unknown format is refused with a reason, and nothing is written. */
  g_assert_false (atlas_window_export_to (window, wrong, &error));
  g_assert_nonnull (strstr (error->message, ".png, .svg or .pdf"));
  g_assert_false (g_file_test (wrong, G_FILE_TEST_EXISTS));
  g_rmdir (dir);

  n_before = g_list_model_get_n_items (toplevels);
  atlas_window_present_about (window);
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, n_before + 1);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) about = g_list_model_get_item (toplevels, i);
      if (ADW_IS_ABOUT_WINDOW (about))
        {
          wait_for_frames (GTK_WIDGET (about), 2);
          save_screenshot (GTK_WIDGET (about), "window-about.png");
          gtk_window_destroy (about);
          break;
        }
    }

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* The action that draws the table's column named, or not. */
static char *
y_column_action (AtlasChart *chart,
                 const char *name)
{
  AtlasTable *table = atlas_chart_get_table (chart);

  for (guint c = 0; c < atlas_table_get_n_columns (table); c++)
    if (g_str_equal (atlas_column_get_name (atlas_table_get_column (table, c)), name))
      return g_strdup_printf ("options.y-column-%u", c);
  g_assert_not_reached ();
}

/* The options menu's values: a column switched off leaves the chart and
 * takes its notes along, one switched on joins after the others, and the
 * last one cannot go. */
static void
test_choose_values (void)
{
  AtlasWindow *window = new_story_window ();
  AtlasChartView *view = atlas_window_get_chart_view (window);
  g_autofree char *packaging = NULL;
  g_autofree char *fabrication = NULL;
  const AtlasChartSpec *spec;

  gtk_window_present (GTK_WINDOW (window));
  atlas_window_show_passage (window, 7);
  wait_for_frames (GTK_WIDGET (window), 2);
  packaging = y_column_action (atlas_chart_view_get_chart (view), "packaging and test capacity (%)");
  fabrication = y_column_action (atlas_chart_view_get_chart (view), "fabrication capacity (%)");
  g_assert_cmpuint (atlas_chart_get_n_series (atlas_chart_view_get_chart (view)), ==, 2);
  g_assert_cmpuint (atlas_chart_get_spec (atlas_chart_view_get_chart (view))->annotations->len, ==, 1);

  /* The note is on packaging: it stays when fabrication goes, and goes
   * with packaging. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), fabrication, NULL));
  spec = atlas_chart_get_spec (atlas_chart_view_get_chart (view));
  g_assert_cmpuint (g_strv_length (spec->y_columns), ==, 1);
  g_assert_cmpstr (spec->y_columns[0], ==, "packaging and test capacity (%)");
  g_assert_cmpuint (spec->annotations->len, ==, 1);
  g_assert_cmpuint (g_array_index (spec->annotations, AtlasAnnotation, 0).series, ==, 0);
  g_assert_true (g_str_has_prefix (g_array_index (spec->annotations, AtlasAnnotation, 0).text, "China held"));
  wait_for_frames (GTK_WIDGET (window), 2);
  save_screenshot (GTK_WIDGET (window), "window-values-one.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), fabrication, NULL));
  spec = atlas_chart_get_spec (atlas_chart_view_get_chart (view));
  g_assert_cmpuint (g_strv_length (spec->y_columns), ==, 2);
  g_assert_cmpstr (spec->y_columns[1], ==, "fabrication capacity (%)");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), packaging, NULL));
  spec = atlas_chart_get_spec (atlas_chart_view_get_chart (view));
  g_assert_cmpuint (g_strv_length (spec->y_columns), ==, 1);
  g_assert_cmpstr (spec->y_columns[0], ==, "fabrication capacity (%)");
  g_assert_true (spec->annotations == NULL || spec->annotations->len == 0);

  /* Down to one, which stays: a chart needs values. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), fabrication, NULL));
  spec = atlas_chart_get_spec (atlas_chart_view_get_chart (view));
  g_assert_cmpuint (g_strv_length (spec->y_columns), ==, 1);
  g_assert_cmpstr (atlas_window_get_status (window), ==, "A chart needs at least one column of values");

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* The window through a run of files nobody should write and exports that
 * cannot be written: after each it still responds, shows the error, and
 * keeps the chart it had. */
static void
test_survives_hostile_files (void)
{
  AtlasWindow *window = new_story_window ();
  AtlasChartView *view = atlas_window_get_chart_view (window);
  g_autofree char *dir = g_dir_make_tmp ("atlas-hostile-window-XXXXXX", NULL);
  static const struct
  {
    const char *name;
    const char *contents;
    gssize length;
    const char *message;
  } files[] = {
    { "empty.csv", "", 0, ":1:1: the file is empty" },
    { "binary.csv", "a,b\n1,\0\0\n", 10, ":2:3: this is a binary file" },
    { "only-blanks.csv", "\n\n\n", -1, ":1:1: the file holds only blank lines" },
  };
  g_autofree char *title = NULL;

  gtk_window_present (GTK_WINDOW (window));
  atlas_window_show_passage (window, 2);
  wait_for_frames (GTK_WIDGET (window), 2);
  /* A copy: each passage shown again is a new chart. */
  title = g_strdup (atlas_chart_get_spec (atlas_chart_view_get_chart (view))->title);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i].name, NULL);
      g_autoptr (GFile) file = g_file_new_for_path (path);

      g_assert_true (g_file_set_contents (path, files[i].contents, files[i].length, NULL));
      atlas_window_open_file (window, file);
      wait_for_loading (window);
      g_assert_nonnull (strstr (atlas_window_get_status (window), files[i].message));
      g_assert_cmpstr (atlas_chart_get_spec (atlas_chart_view_get_chart (view))->title, ==, title);
      /* Still answering: the next passage shows. */
      atlas_window_show_passage (window, 2 + (i % 2));
      wait_for_frames (GTK_WIDGET (window), 1);
      atlas_window_show_passage (window, 2);
      g_unlink (path);
    }

  /* A folder and a file that is not there. */
  {
    g_autoptr (GFile) folder = g_file_new_for_path (dir);
    g_autofree char *missing_path = g_build_filename (dir, "gone.csv", NULL);
    g_autoptr (GFile) missing = g_file_new_for_path (missing_path);

    atlas_window_open_file (window, folder);
    wait_for_loading (window);
    g_assert_nonnull (strstr (atlas_window_get_status (window), "this is a folder, not a CSV file"));
    atlas_window_open_file (window, missing);
    wait_for_loading (window);
    g_assert_nonnull (strstr (atlas_window_get_status (window), "no such file"));
  }

  /* Exports that cannot be written: into a missing folder, over a folder. */
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *nowhere = g_build_filename (dir, "missing", "chart.png", NULL);

    g_assert_false (atlas_window_export_to (window, nowhere, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_false (atlas_window_export_to (window, dir, &error));
    g_assert_nonnull (error);
  }
  g_assert_cmpstr (atlas_chart_get_spec (atlas_chart_view_get_chart (view))->title, ==, title);
  wait_for_frames (GTK_WIDGET (window), 2);
  save_screenshot (GTK_WIDGET (window), "window-after-hostile-files.png");

  /* A quote that never closes: the file shows, read without quotes, and
   * the bar says where the quote opened. */
  {
    g_autofree char *path = g_build_filename (dir, "open-quote.csv", NULL);
    g_autoptr (GFile) file = g_file_new_for_path (path);

    g_assert_true (g_file_set_contents (path, "\"name,value\nChina,1\nJapan,2\n", -1, NULL));
    atlas_window_open_file (window, file);
    wait_for_loading (window);
    g_assert_true (atlas_window_is_showing_problems (window));
    g_assert_nonnull (strstr (atlas_window_get_status (window), "line 1, column 1: a quote opened here is never closed"));
    g_unlink (path);
  }

  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* A long table (one row per year and metric) is charted as its longest
 * series, named on the chart; the options menu shows another metric, or
 * every row as points. */
static void
test_rows_of_a_long_table (void)
{
  AtlasWindow *window = new_story_window ();
  AtlasChartView *view = atlas_window_get_chart_view (window);
  const AtlasChartSpec *spec;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (atlas_window_show_dataset (window, "self-sufficiency"));
  spec = atlas_chart_get_spec (atlas_chart_view_get_chart (view));
  g_assert_cmpint (spec->type, ==, ATLAS_CHART_LINE);
  g_assert_cmpstr (spec->filter_column, ==, "metric");
  g_assert_cmpstr (spec->filter_value, ==, "China-made share of China's IC market");
  wait_for_frames (GTK_WIDGET (window), 2);
  save_screenshot (GTK_WIDGET (window), "window-long-table.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "options.filter-value", "s",
                                             "Chinese-headquartered companies' share of global chip sales"));
  spec = atlas_chart_get_spec (atlas_chart_view_get_chart (view));
  g_assert_cmpstr (spec->filter_value, ==, "Chinese-headquartered companies' share of global chip sales");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "options.filter-value", "s", ""));
  spec = atlas_chart_get_spec (atlas_chart_view_get_chart (view));
  g_assert_null (spec->filter_value);
  g_assert_cmpint (spec->type, ==, ATLAS_CHART_SCATTER);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* A table of a row per year and company opens as a line per company;
 * the options list the companies, and unchecking one takes its line off
 * while checking it again brings it back. */
static void
test_groups_of_a_long_table (void)
{
  AtlasWindow *window = new_story_window ();
  AtlasChartView *view = atlas_window_get_chart_view (window);
  const AtlasChartSpec *spec;
  guint n_series;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (atlas_window_show_dataset (window, "key-companies"));
  spec = atlas_chart_get_spec (atlas_chart_view_get_chart (view));
  g_assert_cmpstr (spec->group_column, ==, "company");
  n_series = atlas_chart_get_n_series (atlas_chart_view_get_chart (view));
  g_assert_cmpuint (n_series, >=, 2);
  g_assert_cmpstr (atlas_chart_get_series_name (atlas_chart_view_get_chart (view), 0), ==, "SMIC");
  wait_for_frames (GTK_WIDGET (window), 2);
  save_screenshot (GTK_WIDGET (window), "window-grouped.png");

  /* The first company listed is SMIC: off, then on again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "options.group-0", NULL));
  spec = atlas_chart_get_spec (atlas_chart_view_get_chart (view));
  g_assert_nonnull (spec->group_values);
  g_assert_false (g_strv_contains ((const char *const *) spec->group_values, "SMIC"));
  g_assert_cmpuint (atlas_chart_get_n_series (atlas_chart_view_get_chart (view)), ==, n_series - 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "options.group-0", NULL));
  spec = atlas_chart_get_spec (atlas_chart_view_get_chart (view));
  g_assert_null (spec->group_values);
  g_assert_cmpuint (atlas_chart_get_n_series (atlas_chart_view_get_chart (view)), ==, n_series);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* In a short window, a chart of many bars grows to name every bar, and
 * the page scrolls: no name is left out for want of room. */
static void
test_every_bar_named (void)
{
  AtlasWindow *window = new_story_window ();
  AtlasChartView *view = atlas_window_get_chart_view (window);
  g_autoptr (AtlasChartLayout) layout = NULL;
  GArray *dropped;
  int width, height;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 360);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (atlas_window_show_dataset (window, "value-chain-shares"));
  wait_for_frames (GTK_WIDGET (window), 3);
  width = gtk_widget_get_width (GTK_WIDGET (view));
  height = gtk_widget_get_height (GTK_WIDGET (view));
  save_screenshot (GTK_WIDGET (window), "window-every-bar-named.png");
  g_assert_cmpint (height, >, gtk_widget_get_height (gtk_widget_get_parent (GTK_WIDGET (view))));
  layout = atlas_chart_layout_new (atlas_chart_view_get_chart (view), NULL, width, height);
  dropped = atlas_chart_get_dropped (layout);
  for (guint i = 0; i < dropped->len; i++)
    g_assert_null (strstr (g_array_index (dropped, AtlasDroppedItem, i).what, "category names"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* The export dialog: it opens on the chart as shown, its choices change
 * the preview and the file, a name without an extension takes the
 * format chosen, a failed write stays in the dialog with the reason, and
 * a good one closes it and says so in the window. */
/* A stand-in file manager on the session bus: what ShowItems was asked
 * to show goes to shown. */
static void
on_show_items (GDBusConnection       *bus,
               const char            *sender,
               const char            *path,
               const char            *interface,
               const char            *method,
               GVariant              *parameters,
               GDBusMethodInvocation *invocation,
               gpointer               shown)
{
  g_autofree const char **uris = NULL;
  const char *startup_id;

  g_variant_get (parameters, "(^a&s&s)", &uris, &startup_id);
  g_ptr_array_add (shown, g_strdup (uris[0]));
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static guint
own_file_manager (GDBusConnection *bus,
                  GPtrArray       *shown)
{
  static const char xml[] = "<node><interface name='org.freedesktop.FileManager1'>"
                            "<method name='ShowItems'><arg type='as' direction='in'/>"
                            "<arg type='s' direction='in'/></method></interface></node>";
  static const GDBusInterfaceVTable vtable = { on_show_items, NULL, NULL, { 0 } };
  g_autoptr (GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (xml, NULL);
  guint object = g_dbus_connection_register_object (bus, "/org/freedesktop/FileManager1", info->interfaces[0],
                                                    &vtable, shown, NULL, NULL);

  g_assert_cmpuint (object, >, 0);
  g_bus_own_name_on_connection (bus, "org.freedesktop.FileManager1", G_BUS_NAME_OWNER_FLAGS_NONE, NULL, NULL, NULL,
                                NULL);
  return object;
}

/* A button labelled label (for find_widget_where). */
static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

/* A label whose text is text (for find_widget_where). */
static gboolean
is_label_reading (GtkWidget     *widget,
                  gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static void
test_export_dialog (void)
{
  AtlasWindow *window = new_story_window ();
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("atlas-export-XXXXXX", NULL);
  g_autofree char *no_extension = g_build_filename (dir, "big-fund", NULL);
  g_autofree char *written = g_build_filename (dir, "big-fund.svg", NULL);
  g_autofree char *unwritable = g_build_filename (dir, "missing-folder", "chart.png", NULL);
  g_autofree char *png = g_build_filename (dir, "big-fund.png", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  AtlasExportDialog *dialog;
  const AtlasChart *chart;
  GdkPixbuf *pixbuf;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  atlas_window_show_passage (window, 3);
  wait_for_frames (GTK_WIDGET (window), 3);

  dialog = atlas_window_present_export_dialog (window);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  wait_for_frames (GTK_WIDGET (dialog), 3);
  save_screenshot (GTK_WIDGET (dialog), "export-dialog.png");
  chart = atlas_export_dialog_get_chart (dialog);
  g_assert_cmpstr (atlas_chart_get_spec (chart)->title, ==, "The Big Fund’s three phases");
  name = atlas_export_dialog_suggest_name (dialog);
  g_assert_cmpstr (name, ==, "the-big-funds-three-phases.png");

  /* Switched off, the title and source leave the file; the preview shows it. */
  g_object_set (dialog, "show-title", FALSE, "show-source", FALSE, "transparent", TRUE, "format", "svg", NULL);
  chart = atlas_export_dialog_get_chart (dialog);
  g_assert_null (atlas_chart_get_spec (chart)->title);
  g_assert_null (atlas_chart_get_spec (chart)->source);
  g_assert_true (atlas_chart_get_view_state (chart)->transparent);
  wait_for_frames (GTK_WIDGET (dialog), 2);
  save_screenshot (GTK_WIDGET (dialog), "export-dialog-plain.png");

  /* A folder that is not there: the reason, and the dialog stays. */
  g_assert_false (atlas_export_dialog_export_to (dialog, unwritable, &error));
  g_assert_nonnull (strstr (error->message, "missing-folder"));
  g_clear_error (&error);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  g_assert_true (atlas_export_dialog_export_to (dialog, no_extension, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (written, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  g_assert_null (strstr (contents, "Big Fund’s three phases"));
  g_assert_cmpstr (atlas_window_get_status (window), ==, "Exported “big-fund.svg”");
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_null (dialog);

  /* The toast offers to open the file and to show it in its folder; the
   * file manager is asked to show the very file. Failed before: the
   * toast only said what was written. */
  {
    g_autoptr (GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
    g_autoptr (GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);
    g_autoptr (GFile) file = g_file_new_for_path (written);
    g_autofree char *uri = g_file_get_uri (file);
    gint64 deadline = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
    guint object = own_file_manager (bus, shown);

    g_assert_nonnull (find_widget_where (GTK_WIDGET (window), is_button_labelled, "_Open"));
    g_assert_nonnull (find_widget_where (GTK_WIDGET (window), is_button_labelled, "Show in _Folder"));
    save_screenshot (GTK_WIDGET (window), "window-exported-toast.png");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-exported", "s", written));
    while (shown->len == 0 && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (shown->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (shown, 0), ==, uri);
    g_dbus_connection_unregister_object (bus, object);
  }

  /* Ctrl+C's action copies the chart as an image, at twice its size on
   * screen. Failed before: there was no way to copy a chart. */
  {
    AtlasChartView *view = atlas_window_get_chart_view (window);
    GdkContentProvider *content;
    GValue value = G_VALUE_INIT;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "chart.copy", NULL));
    content = gdk_clipboard_get_content (gtk_widget_get_clipboard (GTK_WIDGET (view)));
    g_assert_nonnull (content);
    g_value_init (&value, GDK_TYPE_TEXTURE);
    g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
    g_assert_cmpint (gdk_texture_get_width (g_value_get_object (&value)), ==,
                     2 * gtk_widget_get_width (GTK_WIDGET (view)));
    g_value_unset (&value);
  }

  /* The choices come back next time; PNG at three times the size asked. */
  dialog = atlas_window_present_export_dialog (window);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_object_set (dialog, "format", "png", "scale", 3, "width", 600.0, "height", 400.0, "transparent", FALSE, NULL);
  g_assert_true (atlas_export_dialog_export_to (dialog, png, &error));
  g_assert_no_error (error);
  pixbuf = gdk_pixbuf_new_from_file (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 1800);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 1200);
  g_object_unref (pixbuf);
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_null (dialog);

  /* Each chart's export comes back at the size it was last exported at;
   * another chart starts from its own size on screen. The dialog fits in
   * the window. Failed before: the size was the chart's on screen every
   * time, and the dialog was 860 px tall over a 760 px window. */
  {
    double width, height;
    g_autofree char *format = NULL;
    int dialog_width, dialog_height;

    atlas_window_show_passage (window, 4);
    wait_for_frames (GTK_WIDGET (window), 2);
    dialog = atlas_window_present_export_dialog (window);
    g_object_get (dialog, "width", &width, NULL);
    g_assert_cmpfloat (width, !=, 600);
    gtk_window_get_default_size (GTK_WINDOW (dialog), &dialog_width, &dialog_height);
    g_assert_cmpint (dialog_height, <=, gtk_widget_get_height (GTK_WIDGET (window)));
    g_assert_cmpint (dialog_width, <=, gtk_widget_get_width (GTK_WIDGET (window)));
    gtk_window_destroy (GTK_WINDOW (dialog));
    atlas_window_show_passage (window, 3);
    wait_for_frames (GTK_WIDGET (window), 2);
    dialog = atlas_window_present_export_dialog (window);
    g_object_get (dialog, "width", &width, "height", &height, "format", &format, NULL);
    g_assert_cmpfloat (width, ==, 600);
    g_assert_cmpfloat (height, ==, 400);
    g_assert_cmpstr (format, ==, "png");
    gtk_window_destroy (GTK_WINDOW (dialog));
    dialog = NULL;
  }

  /* They outlast the window: the next one remembers them too. */
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  window = new_story_window ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  atlas_window_show_passage (window, 3);
  wait_for_frames (GTK_WIDGET (window), 3);
  {
    double width;

    dialog = atlas_window_present_export_dialog (window);
    g_object_get (dialog, "width", &width, NULL);
    g_assert_cmpfloat (width, ==, 600);
    gtk_window_destroy (GTK_WINDOW (dialog));
    dialog = NULL;
  }

  g_unlink (written);
  g_unlink (png);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
open_fixture (AtlasWindow *window,
              const char  *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("ATLAS_TEST_FIXTURES"), name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);

  atlas_window_open_file (window, file);
  g_assert_true (atlas_document_get_busy (atlas_window_get_document (window)));
  wait_for_loading (window);
}

/* Files people open are read off the main thread and charted; problems in
 * a file that loads are told with line and column, a file that cannot be
 * read leaves the chart as it was, and a long read can be stopped. */
static void
test_open_files (void)
{
  AtlasWindow *window = new_story_window ();
  AtlasChartView *view = atlas_window_get_chart_view (window);
  g_autofree char *dir = g_dir_make_tmp ("atlas-open-XXXXXX", NULL);
  g_autofree char *big = g_build_filename (dir, "big.csv", NULL);
  g_autoptr (GFile) big_file = g_file_new_for_path (big);
  GString *rows = g_string_new ("x,y\n");

  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames (GTK_WIDGET (window), 2);

  open_fixture (window, "comma-basic.csv");
  g_assert_cmpstr (atlas_chart_get_spec (atlas_chart_view_get_chart (view))->title, ==, "comma-basic");
  g_assert_cmpint (atlas_window_get_passage (window), ==, -1);
  g_assert_null (atlas_window_get_status (window));

  /* The options menu's actions: another type, a log scale, another x; a
   * type the data cannot take says why and leaves the chart as it was. */
  {
    AtlasChart *chart;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "options.chart-type", "s", "bar"));
    chart = atlas_chart_view_get_chart (view);
    g_assert_cmpint (atlas_chart_get_spec (chart)->type, ==, ATLAS_CHART_BAR);
    g_assert_cmpstr (atlas_chart_get_spec (chart)->title, ==, "comma-basic");
    /* Bars on a log scale are refused, with the reason; a line takes it. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "options.log-scale", NULL));
    g_assert_false (atlas_chart_get_spec (atlas_chart_view_get_chart (view))->log_y);
    g_assert_true (g_str_has_prefix (atlas_window_get_status (window), "A log scale does not suit bars"));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "options.chart-type", "s", "line"));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "options.log-scale", NULL));
    g_assert_true (atlas_chart_get_spec (atlas_chart_view_get_chart (view))->log_y);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "options.x-column", "s", "imports (USD bn)"));
    chart = atlas_chart_view_get_chart (view);
    g_assert_cmpstr (atlas_chart_get_spec (chart)->x_column, ==, "imports (USD bn)");
    g_assert_false (g_strv_contains ((const char *const *) atlas_chart_get_spec (chart)->y_columns, "imports (USD bn)"));
    wait_for_frames (GTK_WIDGET (window), 2);
    save_screenshot (GTK_WIDGET (window), "window-chart-options.png");
    g_assert_false (atlas_window_change_chart (window, "timeline", NULL, -1));
    g_assert_cmpint (atlas_chart_get_spec (atlas_chart_view_get_chart (view))->type, ==, ATLAS_CHART_LINE);
    g_assert_nonnull (atlas_window_get_status (window));
  }

  /* A quote that never closes no longer stops a file: it shows, read with
   * no quote character, and the bar names the quote's line. */
  open_fixture (window, "unterminated-quote.csv");
  g_assert_cmpstr (atlas_chart_get_spec (atlas_chart_view_get_chart (view))->title, ==, "unterminated-quote");
  g_assert_nonnull (strstr (atlas_window_get_status (window), "line 3, column 1: a quote opened here is never closed"));
  open_fixture (window, "ragged.csv");
  g_assert_cmpstr (atlas_chart_get_spec (atlas_chart_view_get_chart (view))->title, ==, "ragged");
  g_assert_true (g_str_has_prefix (atlas_window_get_status (window), "ragged.csv: 2 problems. The first, at line 3, column 3: "));
  g_assert_true (atlas_window_is_showing_problems (window));
  wait_for_frames (GTK_WIDGET (window), 2);
  save_screenshot (GTK_WIDGET (window), "window-opened-ragged.png");
  {
    GtkWindow *problems = atlas_window_present_problems (window);
    GtkWidget *list;

    g_object_add_weak_pointer (G_OBJECT (problems), (gpointer *) &problems);
    wait_for_frames (GTK_WIDGET (problems), 3);
    save_screenshot (GTK_WIDGET (problems), "window-problems.png");
    list = find_descendant (GTK_WIDGET (problems), GTK_TYPE_LIST_BOX);
    g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1));
    g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 2));
    gtk_window_destroy (problems);
    g_assert_null (problems);
  }
  {
    g_autofree char *path = g_build_filename (dir, "unreadable.csv", NULL);
    g_autoptr (GFile) file = g_file_new_for_path (path);

    g_assert_true (g_file_set_contents (path, "year,value\n2019,1\n2020,2\n2021,abc\n2022,4\n", -1, NULL));
    atlas_window_open_file (window, file);
    wait_for_loading (window);
    g_assert_cmpstr (atlas_window_get_status (window), ==,
                     "unreadable.csv: 1 problem. 1 cell could not be read and is left empty. The first, at line 4, "
                     "column 2: “abc” is not a number like the rest of column “value”; the cell is left empty.");
    wait_for_frames (GTK_WIDGET (window), 2);
    save_screenshot (GTK_WIDGET (window), "window-opened-unreadable.png");
    g_unlink (path);
    open_fixture (window, "ragged.csv");
  }

  /* The data view: one row per line, the short row's missing cell shown
   * as missing, and sorting up by a column puts missing cells last. */
  {
    AtlasTableView *table = atlas_window_get_table_view (window);
    GtkColumnView *columns = atlas_table_view_get_column_view (table);
    g_autoptr (GtkColumnViewColumn) c = NULL;
    g_autofree char *first = NULL, *missing = NULL, *last = NULL;
    gint64 deadline = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;

    /* The data view is filled when shown. */
    atlas_window_show_view (window, "table");
    c = g_list_model_get_item (gtk_column_view_get_columns (columns), 2);
    g_assert_cmpuint (g_list_model_get_n_items (atlas_table_view_get_rows (table)), ==, 3);
    missing = atlas_table_view_get_cell (table, 1, 2);
    g_assert_null (missing);
    gtk_column_view_sort_by_column (columns, c, GTK_SORT_ASCENDING);
    while (gtk_sort_list_model_get_pending (GTK_SORT_LIST_MODEL (gtk_filter_list_model_get_model (
             GTK_FILTER_LIST_MODEL (atlas_table_view_get_rows (table)))))
             > 0
           && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, FALSE);
    first = atlas_table_view_get_cell (table, 0, 2);
    last = atlas_table_view_get_cell (table, 2, 2);
    g_assert_cmpstr (first, ==, "3");
    g_assert_null (last);
    wait_for_frames (GTK_WIDGET (window), 3);
    save_screenshot (GTK_WIDGET (window), "window-data-table.png");
    atlas_window_show_view (window, "chart");
  }

  /* Stopped before the reader is through a 20 MB file. */
  for (guint i = 0; rows->len < 20 * 1024 * 1024; i++)
    g_string_append_printf (rows, "%u,%u.%u\n", i, i % 977, i % 10);
  g_assert_true (g_file_set_contents (big, rows->str, (gssize) rows->len, NULL));
  g_string_free (rows, TRUE);
  atlas_window_open_file (window, big_file);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-open", NULL));
  wait_for_loading (window);
  g_assert_cmpstr (atlas_window_get_status (window), ==, "Stopped reading “big.csv”");
  g_assert_cmpstr (atlas_chart_get_spec (atlas_chart_view_get_chart (view))->title, ==, "ragged");
  g_unlink (big);

  /* The files opened come back under the open button, newest first, and
   * open from there. */
  {
    GMenuModel *recent = atlas_window_get_recent_menu (window);
    g_autofree char *path = g_build_filename (g_getenv ("ATLAS_TEST_FIXTURES"), "comma-basic.csv", NULL);
    g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
    gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
    g_autofree char *newest = NULL;
    gboolean listed = FALSE;

    /* The recent files list is written and read back in the background. */
    while (!listed && g_get_monotonic_time () < deadline)
      {
        g_main_context_iteration (NULL, FALSE);
        for (int i = 0; i < g_menu_model_get_n_items (recent) && !listed; i++)
          {
            g_autofree char *target = NULL;
            listed = g_menu_model_get_item_attribute (recent, i, G_MENU_ATTRIBUTE_TARGET, "s", &target)
                     && g_str_equal (target, uri);
          }
      }
    g_assert_true (listed);
    g_assert_true (g_menu_model_get_item_attribute (recent, 0, G_MENU_ATTRIBUTE_LABEL, "s", &newest));
    g_assert_cmpstr (newest, ==, "ragged.csv");
    /* Opened from the menu, a file goes through the import dialog. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-recent", "s", uri));
    {
      GListModel *toplevels = gtk_window_get_toplevels ();
      AtlasImportDialog *dialog = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (toplevels) && !dialog; i++)
        {
          g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);
          if (ATLAS_IS_IMPORT_DIALOG (toplevel))
            dialog = ATLAS_IMPORT_DIALOG (toplevel);
        }
      g_assert_nonnull (dialog);
      g_assert_true (atlas_import_dialog_accept (dialog));
    }
    wait_for_loading (window);
    g_assert_cmpstr (atlas_chart_get_spec (atlas_chart_view_get_chart (view))->title, ==, "comma-basic");
    g_assert_false (atlas_window_is_showing_problems (window));
  }

  /* Back to the story: its title is the window's subtitle again. */
  atlas_window_show_passage (window, 1);
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (ADW_VIEW_SWITCHER_TITLE (adw_header_bar_get_title_widget (
                     ADW_HEADER_BAR (find_descendant (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR))))),
                   ==, "Silicon Self-Reliance: How China Is Mobilizing Its Chip Industry Under U.S. Export Pressure");
  g_rmdir (dir);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* The shortcuts window GtkApplication shows on Ctrl+? builds from the
 * resource it looks for, and lists the window's shortcuts. */
/* The widget drawn as the screen shows it. */
static GdkTexture *
render_widget (GtkWidget *widget)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                      &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* How many pixels two renders of one size differ in. */
static gsize
count_different_pixels (GdkTexture *a,
                        GdkTexture *b)
{
  int width = gdk_texture_get_width (a), height = gdk_texture_get_height (a);
  gsize stride = (gsize) width * 4, different = 0;
  g_autofree guchar *da = g_malloc (stride * height);
  g_autofree guchar *db = g_malloc (stride * height);

  g_assert_cmpint (gdk_texture_get_width (b), ==, width);
  g_assert_cmpint (gdk_texture_get_height (b), ==, height);
  gdk_texture_download (a, da, stride);
  gdk_texture_download (b, db, stride);
  for (gsize i = 0; i < stride * height; i += 4)
    different += memcmp (da + i, db + i, 4) != 0;
  return different;
}

/* The one key controller a list was given, in the capture phase. */
static GtkEventController *
find_key_controller (GtkWidget *widget)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);
      if (GTK_IS_EVENT_CONTROLLER_KEY (controller)
          && gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        return controller;
    }
  g_assert_not_reached ();
}

static gboolean
press_key (GtkWidget       *widget,
           guint            keyval,
           GdkModifierType  state)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (find_key_controller (widget), "key-pressed", keyval, 0, state, &handled);
  return handled;
}

/* Whether focus is in widget or one of its children. */
static gboolean
focus_is_within (GtkWindow *window,
                 GtkWidget *widget)
{
  GtkWidget *focus = gtk_window_get_focus (window);

  return focus && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* The first list the sidebar shows (for find_widget_where): the
 * passages, while there are none of your charts. */
static gboolean
is_sidebar_list (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_LIST_BOX (widget) && gtk_widget_has_css_class (widget, "navigation-sidebar")
         && gtk_widget_get_visible (widget);
}

/* The window keeps its place: the sidebar's selection shows at once and
 * scrolls into sight, each list is one Tab stop, the chart shows the
 * keyboard's focus and hides its point's description without it, Ctrl+D
 * switches to the data and back, the Chart and Data switcher moves to the
 * bottom when narrow, and names from the data show their underscores.
 * Each of these failed before. */
static void
test_window_keeps_its_place (void)
{
  AtlasWindow *window = new_story_window ();
  AtlasChartView *view = atlas_window_get_chart_view (window);
  GtkListBox *passages = GTK_LIST_BOX (find_widget_where (GTK_WIDGET (window), is_sidebar_list, NULL));
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (passages), GTK_TYPE_SCROLLED_WINDOW);
  GtkListBox *datasets = GTK_LIST_BOX (gtk_widget_get_last_child (gtk_widget_get_parent (GTK_WIDGET (passages))));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  AdwViewSwitcherBar *bar = ADW_VIEW_SWITCHER_BAR (find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR));

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  atlas_window_show_passage (window, 0);
  wait_for_frames (GTK_WIDGET (window), 3);
  g_assert_true (GTK_IS_LIST_BOX (datasets));

  /* The arrow keys move the selection, and the passage shows at once,
   * without Enter. */
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (passages, 0)));
  g_signal_emit_by_name (passages, "move-cursor", GTK_MOVEMENT_DISPLAY_LINES, 1, FALSE, FALSE);
  g_assert_cmpint (atlas_window_get_passage (window), ==, 1);
  g_assert_cmpstr (atlas_chart_get_spec (atlas_chart_view_get_chart (view))->title, ==,
                   "Export controls and China’s countermeasures: the key measures");

  /* Tab leaves the passages for the datasets, then the chart; Shift+Tab
   * goes back a list at a time. */
  g_assert_true (press_key (GTK_WIDGET (passages), GDK_KEY_Tab, 0));
  g_assert_true (focus_is_within (GTK_WINDOW (window), GTK_WIDGET (datasets)));
  g_assert_true (press_key (GTK_WIDGET (datasets), GDK_KEY_Tab, 0));
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == GTK_WIDGET (view));
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (datasets, 5)));
  g_assert_true (press_key (GTK_WIDGET (datasets), GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  g_assert_true (focus_is_within (GTK_WINDOW (window), GTK_WIDGET (passages)));
  g_assert_true (press_key (GTK_WIDGET (passages), GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  g_assert_false (focus_is_within (GTK_WINDOW (window), scroller));

  /* Page Down to the last passage: the sidebar scrolls to it, and the
   * keyboard's focus stays on the chart. */
  gtk_widget_grab_focus (GTK_WIDGET (view));
  for (guint i = 0; i < 11; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-passage", NULL));
  g_assert_cmpint (atlas_window_get_passage (window), ==, 12);
  wait_for_frames (GTK_WIDGET (window), 4);
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == GTK_WIDGET (view));
  {
    GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (passages, 12));
    graphene_rect_t bounds;

    g_assert_true (gtk_widget_compute_bounds (row, scroller, &bounds));
    g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
    g_assert_cmpfloat (bounds.origin.y, >=, 0);
    g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (scroller) + 1);
  }
  save_screenshot (GTK_WIDGET (window), "window-sidebar-follows.png");

  /* The chart draws a ring while it has the keyboard's focus. */
  {
    g_autoptr (GdkTexture) focused = NULL;
    g_autoptr (GdkTexture) unfocused = NULL;

    gtk_window_set_focus_visible (GTK_WINDOW (window), TRUE);
    gtk_widget_grab_focus (GTK_WIDGET (view));
    wait_for_frames (GTK_WIDGET (window), 2);
    g_assert_true (gtk_widget_has_visible_focus (GTK_WIDGET (view)));
    focused = render_widget (GTK_WIDGET (view));
    gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (passages, 12)));
    wait_for_frames (GTK_WIDGET (window), 2);
    unfocused = render_widget (GTK_WIDGET (view));
    g_assert_cmpuint (count_different_pixels (focused, unfocused), >, 2 * gtk_widget_get_height (GTK_WIDGET (view)));
  }

  /* The keyboard's point is described beside it only while the chart
   * has the keyboard: a menu or another control takes it away. */
  {
    g_autoptr (GdkTexture) described = NULL;
    g_autoptr (GdkTexture) away = NULL;

    gtk_widget_grab_focus (GTK_WIDGET (view));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "chart.move-point", "(ii)", 1, 0));
    wait_for_frames (GTK_WIDGET (window), 2);
    described = render_widget (GTK_WIDGET (view));
    gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (passages, 12)));
    wait_for_frames (GTK_WIDGET (window), 2);
    away = render_widget (GTK_WIDGET (view));
    /* More than the focus ring: the description's box has gone. */
    g_assert_cmpuint (count_different_pixels (described, away), >, 4 * gtk_widget_get_height (GTK_WIDGET (view)));
  }

  /* Ctrl+D's action: the data, then the chart again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-view", NULL));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (find_descendant (GTK_WIDGET (window),
                                                                                          ADW_TYPE_VIEW_STACK))),
                   ==, "table");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-view", NULL));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (find_descendant (GTK_WIDGET (window),
                                                                                          ADW_TYPE_VIEW_STACK))),
                   ==, "chart");

  /* Wide, the switcher is in the header; at 800 px the sidebar narrows
   * to keep room for the chart; narrow, the switcher is at the bottom. */
  g_assert_false (adw_view_switcher_bar_get_reveal (bar));
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 700);
  wait_for_frames (GTK_WIDGET (window), 20);
  g_assert_false (atlas_window_is_sidebar_folded (window));
  g_assert_cmpint (gtk_widget_get_width (scroller), <=, 300);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 700);
  wait_for_frames (GTK_WIDGET (window), 20);
  g_assert_true (adw_view_switcher_bar_get_reveal (bar));
  save_screenshot (GTK_WIDGET (window), "window-narrow-switcher.png");
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  wait_for_frames (GTK_WIDGET (window), 20);

  /* A column named with an underscore keeps it in the chart settings. */
  {
    g_autofree char *dir = g_dir_make_tmp ("atlas-names-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "series.csv", NULL);
    g_autoptr (GFile) file = g_file_new_for_path (path);
    GtkWidget *settings = NULL;
    gboolean literal = FALSE;

    g_assert_true (g_file_set_contents (path, "year,series_001,series_002\n2020,1,2\n2021,2,3\n", -1, NULL));
    atlas_window_open_file (window, file);
    wait_for_loading (window);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-settings", NULL));
    wait_for_frames (GTK_WIDGET (window), 10);
    settings = find_descendant (GTK_WIDGET (window), ATLAS_TYPE_CHART_SETTINGS);
    g_assert_nonnull (settings);
    if (!wait_for_mapped (settings))
      {
        AdwFlap *flap = ADW_FLAP (gtk_widget_get_parent (settings));
        g_test_message ("flap %s reveal %d folded %d progress %g visible %d", G_OBJECT_TYPE_NAME (flap),
                        adw_flap_get_reveal_flap (flap), adw_flap_get_folded (flap), adw_flap_get_reveal_progress (flap),
                        gtk_widget_get_visible (settings));
      }
    save_screenshot (GTK_WIDGET (window), "window-settings-literal.png");
    g_assert_true (gtk_widget_get_mapped (settings));
    literal = find_widget_where (settings, is_label_reading, "series_001") != NULL;
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-settings", NULL));
    g_assert_true (literal);
    g_unlink (path);
    g_rmdir (dir);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* The data view helps: its rows are one line each, however many lines a
 * cell holds; a search finds rows by any cell and says how many of all;
 * the rows shown save as CSV. Each failed before. */
static void
test_data_view_helps (void)
{
  AtlasWindow *window = new_story_window ();
  AtlasTableView *table = atlas_window_get_table_view (window);
  g_autofree char *dir = g_dir_make_tmp ("atlas-rows-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "rows.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *list = NULL;
  int tallest = 0, shortest = G_MAXINT, n_rows = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  open_fixture (window, "quoted-multiline.csv");
  atlas_window_show_view (window, "table");
  wait_for_frames (GTK_WIDGET (window), 4);

  /* Two rows, one with a line break in a cell: as tall as each other. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (atlas_table_view_get_column_view (table))); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      list = child;
  g_assert_nonnull (list);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_height (row) > 0)
      {
        tallest = MAX (tallest, gtk_widget_get_height (row));
        shortest = MIN (shortest, gtk_widget_get_height (row));
        n_rows++;
      }
  g_assert_cmpint (n_rows, >=, 2);
  g_assert_cmpint (tallest, ==, shortest);
  g_assert_nonnull (find_widget_where (GTK_WIDGET (table), is_label_reading, "2 rows"));

  /* A search through every cell, whatever the case. */
  atlas_table_view_search (table, "HUAWEI");
  g_assert_cmpuint (g_list_model_get_n_items (atlas_table_view_get_rows (table)), ==, 1);
  g_assert_nonnull (find_widget_where (GTK_WIDGET (table), is_label_reading, "1 of 2 rows"));
  wait_for_frames (GTK_WIDGET (window), 2);
  save_screenshot (GTK_WIDGET (window), "window-data-search.png");

  /* The row found, saved as CSV: the date as ISO, the cell with a line
   * break quoted. */
  g_assert_true (atlas_table_view_save_rows (table, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==,
                   "event,date,note\r\nEntity List: Huawei,2019-05-16,\"Added to the list;\nlicences required\"\r\n");
  atlas_table_view_search (table, "");
  g_assert_cmpuint (g_list_model_get_n_items (atlas_table_view_get_rows (table)), ==, 2);

  /* A problem listed takes people to its cell: the data shown, the row
   * selected, the cell marked, whatever the search was. */
  {
    g_autofree char *bad = g_build_filename (dir, "bad.csv", NULL);
    g_autoptr (GFile) bad_file = g_file_new_for_path (bad);
    GtkWindow *problems;
    GtkListBoxRow *first = NULL;
    GtkSelectionModel *selection;
    guint64 marked_row;
    int marked_column;

    g_assert_true (g_file_set_contents (bad, "year,value,note\n2019,1,a\n2020,2,b\n2021,2.5,c\n2022,x,d\n", -1, NULL));
    atlas_window_open_file (window, bad_file);
    wait_for_loading (window);
    atlas_window_show_view (window, "chart");
    atlas_table_view_search (table, "2019");
    problems = atlas_window_present_problems (window);
    g_assert_nonnull (problems);
    wait_for_frames (GTK_WIDGET (problems), 3);
    first = GTK_LIST_BOX_ROW (find_descendant (GTK_WIDGET (problems), GTK_TYPE_LIST_BOX_ROW));
    g_assert_nonnull (first);
    g_assert_true (gtk_list_box_row_get_activatable (first));
    g_signal_emit_by_name (gtk_widget_get_parent (GTK_WIDGET (first)), "row-activated", first);
    wait_for_frames (GTK_WIDGET (window), 3);
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (
                       ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (table), ADW_TYPE_VIEW_STACK))),
                     ==, "table");
    g_assert_true (atlas_table_view_get_marked_cell (table, &marked_row, &marked_column));
    g_assert_cmpuint (marked_row, ==, 3);
    g_assert_cmpint (marked_column, ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (atlas_table_view_get_rows (table)), ==, 4);
    selection = gtk_column_view_get_model (atlas_table_view_get_column_view (table));
    g_assert_true (gtk_selection_model_is_selected (selection, 3));
    save_screenshot (GTK_WIDGET (window), "window-problem-cell.png");
    gtk_window_destroy (problems);
    g_unlink (bad);
  }

  g_unlink (path);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_shortcuts_window (void)
{
  g_autoptr (GtkBuilder) builder
    = gtk_builder_new_from_resource ("/io/github/siliconatlas/SiliconAtlas/gtk/help-overlay.ui");
  GtkWindow *overlay = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  atlas_shortcuts_window_name_keys (GTK_WIDGET (overlay));
  gtk_window_set_default_size (overlay, 900, 640);
  gtk_window_present (overlay);
  wait_for_frames (GTK_WIDGET (overlay), 2);
  save_screenshot (GTK_WIDGET (overlay), "window-shortcuts.png");
  /* Keys are named as printed: failed while they showed as "Page_Down"
   * and "BackSpace". */
  {
    g_autoptr (GPtrArray) stack = g_ptr_array_new ();
    guint named = 0;

    g_ptr_array_add (stack, overlay);
    while (stack->len > 0)
      {
        GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);
        if (GTK_IS_LABEL (w) && gtk_widget_get_parent (w) && GTK_IS_SHORTCUT_LABEL (gtk_widget_get_parent (w)))
          {
            const char *text = gtk_label_get_label (GTK_LABEL (w));
            g_assert_null (strchr (text, '_'));
            g_assert_cmpstr (text, !=, "BackSpace");
            named += g_str_equal (text, "Page Down");
          }
        for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
      }
    g_assert_cmpuint (named, >=, 1);
  }
  gtk_window_destroy (overlay);
}

static void
test_broken_story (void)
{
  AtlasWindow *window = atlas_window_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("atlas-window-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "broken.story", NULL);

  g_object_ref_sink (window);
  g_assert_true (g_file_set_contents (path, "[Story]\nTitle=Broken\nDatasets=nowhere\n", -1, NULL));
  g_assert_false (atlas_window_load_story (window, path, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_cmpint (atlas_window_get_passage (window), ==, -1);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_unlink (path);
  g_rmdir (dir);
}

/* Saves the chart shown to path, opens that file, and checks the chart
 * it draws is the one saved. */
static void
assert_saves_and_reopens (AtlasWindow *window,
                          const char  *path)
{
  AtlasChartView *view = atlas_window_get_chart_view (window);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *before = test_render_hash (atlas_chart_view_get_chart (view), 800, 500);
  g_autofree char *after = NULL;

  g_assert_true (atlas_window_save_chart (window, file));
  g_assert_true (g_str_has_prefix (atlas_window_get_status (window), "Saved “"));
  g_assert_true (g_file_equal (atlas_document_get_chart_file (atlas_window_get_document (window)), file));
  g_assert_null (atlas_window_import_file (window, file));
  if (atlas_document_get_busy (atlas_window_get_document (window)))
    wait_for_loading (window);
  g_assert_true (g_file_equal (atlas_document_get_chart_file (atlas_window_get_document (window)), file));
  after = test_render_hash (atlas_chart_view_get_chart (view), 800, 500);
  g_assert_cmpstr (after, ==, before);
}

/* Every passage, a dataset and an opened file, changed in the window,
 * saved and opened again draw the same; a folder of a chart and its data
 * moves; data that went missing is asked for and found. */
static void
test_save_and_reopen (void)
{
  AtlasWindow *window = new_story_window ();
  AtlasChartView *view = atlas_window_get_chart_view (window);
  g_autofree char *dir = g_dir_make_tmp ("atlas-save-XXXXXX", NULL);
  g_autofree char *project = g_build_filename (dir, "project", NULL);
  g_autofree char *moved = g_build_filename (dir, "moved", NULL);
  g_autofree char *csv = g_build_filename (project, "trade.csv", NULL);
  g_autofree char *chart_path = g_build_filename (project, "trade.atlaschart", NULL);
  g_autofree char *moved_chart = g_build_filename (moved, "trade.atlaschart", NULL);
  g_autofree char *moved_csv = g_build_filename (moved, "trade.csv", NULL);
  g_autofree char *elsewhere = g_build_filename (dir, "found.csv", NULL);
  g_autofree char *fixture = g_build_filename (g_getenv ("ATLAS_TEST_FIXTURES"), "comma-basic.csv", NULL);
  g_autofree char *text = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (window)));

  for (int i = 0; i < 13; i++)
    {
      g_autofree char *name = g_strdup_printf ("passage-%d.atlaschart", i + 1);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      atlas_window_show_passage (window, (guint) i);
      wait_for_frames (GTK_WIDGET (window), 1);
      assert_saves_and_reopens (window, path);
      /* Opened from a file, the chart is no passage of the story. */
      g_assert_cmpint (atlas_window_get_passage (window), ==, -1);
      g_unlink (path);
    }
  {
    g_autofree char *path = g_build_filename (dir, "funds.atlaschart", NULL);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-dataset", "s", "china-chip-funds"));
    assert_saves_and_reopens (window, path);
    g_unlink (path);
  }

  /* A file of one's own, charted otherwise and zoomed, beside its data. */
  g_assert_cmpint (g_mkdir (project, 0700), ==, 0);
  g_assert_true (g_file_get_contents (fixture, &text, NULL, NULL));
  g_assert_true (g_file_set_contents (csv, text, -1, NULL));
  {
    g_autoptr (GFile) file = g_file_new_for_path (csv);
    atlas_window_open_file (window, file);
    wait_for_loading (window);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "options.chart-type", "s", "bar"));
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_true (atlas_chart_view_zoom (view, 1.6, 400));
  wait_for_frames (GTK_WIDGET (window), 2);
  assert_saves_and_reopens (window, chart_path);
  g_assert_cmpint (atlas_chart_get_spec (atlas_chart_view_get_chart (view))->type, ==, ATLAS_CHART_BAR);
  /* Ctrl+S saves to the chart's own file again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_cmpstr (atlas_window_get_status (window), ==, "Saved “trade.atlaschart”");

  g_assert_cmpint (g_rename (project, moved), ==, 0);
  {
    g_autofree char *before = test_render_hash (atlas_chart_view_get_chart (view), 800, 500);
    g_autofree char *after = NULL;
    g_autoptr (GFile) file = g_file_new_for_path (moved_chart);

    atlas_window_import_file (window, file);
    wait_for_loading (window);
    after = test_render_hash (atlas_chart_view_get_chart (view), 800, 500);
    g_assert_cmpstr (after, ==, before);
    wait_for_frames (GTK_WIDGET (window), 2);
    save_screenshot (GTK_WIDGET (window), "window-reopened-chart.png");
  }

  /* The data went away: the window says which file it looked for, and
   * draws the chart over the file found instead. */
  g_assert_cmpint (g_rename (moved_csv, elsewhere), ==, 0);
  {
    g_autoptr (GFile) file = g_file_new_for_path (moved_chart);
    g_autoptr (GFile) found = g_file_new_for_path (elsewhere);
    GListModel *toplevels = gtk_window_get_toplevels ();

    atlas_window_import_file (window, file);
    g_assert_nonnull (strstr (atlas_window_get_status (window), moved_csv));
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr (GtkWindow) toplevel = g_list_model_get_item (toplevels, i);
        if (ADW_IS_MESSAGE_DIALOG (toplevel))
          {
            wait_for_frames (GTK_WIDGET (toplevel), 3);
            save_screenshot (GTK_WIDGET (toplevel), "window-chart-data-missing.png");
          }
      }
    g_assert_cmpstr (atlas_document_get_missing_data (atlas_window_get_document (window)), ==, moved_csv);
    atlas_document_locate_data (atlas_window_get_document (window), found);
    wait_for_loading (window);
    g_assert_cmpint (atlas_chart_get_spec (atlas_chart_view_get_chart (view))->type, ==, ATLAS_CHART_BAR);
    for (guint i = g_list_model_get_n_items (toplevels); i-- > 0;)
      {
        g_autoptr (GtkWindow) toplevel = g_list_model_get_item (toplevels, i);
        if (ADW_IS_MESSAGE_DIALOG (toplevel))
          gtk_window_destroy (toplevel);
      }
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_unlink (elsewhere);
  g_unlink (moved_chart);
  g_rmdir (moved);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/window/story-in-window", test_story_in_window);
  g_test_add_func ("/window/datasets-in-window", test_datasets_in_window);
  g_test_add_func ("/window/export-and-about", test_export_and_about);
  g_test_add_func ("/window/choose-values", test_choose_values);
  g_test_add_func ("/window/rows-of-a-long-table", test_rows_of_a_long_table);
  g_test_add_func ("/window/groups-of-a-long-table", test_groups_of_a_long_table);
  g_test_add_func ("/window/every-bar-named", test_every_bar_named);
  g_test_add_func ("/window/survives-hostile-files", test_survives_hostile_files);
  g_test_add_func ("/window/export-dialog", test_export_dialog);
  g_test_add_func ("/window/open-files", test_open_files);
  g_test_add_func ("/window/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/window/window-keeps-its-place", test_window_keeps_its_place);
  g_test_add_func ("/window/data-view-helps", test_data_view_helps);
  g_test_add_func ("/window/broken-story", test_broken_story);
  g_test_add_func ("/window/save-and-reopen", test_save_and_reopen);
  return g_test_run ();
}
