/* test-chart-editing.c: making a chart in the window: the settings sidebar, text edited in place, notes by pointing, undo. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "atlas-chart-definition.h"
#include "atlas-chart-settings.h"
#include "atlas-window.h"
#include "test-support.h"
#include "ui-test-support.h"

/* A preferences row whose title is title (for find_widget_where). */
static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static GtkWidget *
settings_row (AtlasWindow *window,
              const char  *title)
{
  GtkWidget *settings = find_descendant (GTK_WIDGET (window), ATLAS_TYPE_CHART_SETTINGS);
  GtkWidget *row = find_widget_where (settings, is_row_titled, title);

  if (!row)
    g_error ("the chart settings have no row titled “%s”", title);
  return row;
}

static const AtlasChartSpec *
shown_spec (AtlasWindow *window)
{
  return atlas_chart_get_spec (atlas_document_get_chart (atlas_window_get_document (window)));
}

/* Types text into an entry row and applies it, as Enter does. */
static void
apply_entry_row (AtlasWindow *window,
                 const char  *title,
                 const char  *text)
{
  GtkWidget *row = settings_row (window, title);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
  wait_for_frames (GTK_WIDGET (window), 2);
}

static void
select_combo_row (AtlasWindow *window,
                  const char  *title,
                  const char  *item)
{
  AdwComboRow *row = ADW_COMBO_ROW (settings_row (window, title));
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), item))
      {
        adw_combo_row_set_selected (row, i);
        wait_for_frames (GTK_WIDGET (window), 2);
        return;
      }
  g_error ("“%s” offers no “%s”", title, item);
}

/* The check button of the row titled name among the values. */
static GtkCheckButton *
value_check (AtlasWindow *window,
             const char  *name)
{
  GtkWidget *check = find_descendant (settings_row (window, name), GTK_TYPE_CHECK_BUTTON);

  g_assert_nonnull (check);
  return GTK_CHECK_BUTTON (check);
}

/* The popover the chart view shows now, other than its menu. */
static GtkWidget *
shown_editor (AtlasChartView *view)
{
  GtkWidget *popover = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view)); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child) && !GTK_IS_POPOVER_MENU (child) && gtk_widget_get_visible (child))
      popover = child;
  return popover;
}

/* The editor that opened in place: its first entry takes text, and Enter. */
static void
type_in_editor (AtlasChartView *view,
                const char     *text)
{
  GtkWidget *popover = shown_editor (view);
  GtkWidget *entry = NULL;

  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));
  entry = find_descendant (popover, GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
  wait_for_frames (GTK_WIDGET (view), 2);
  g_assert_false (gtk_widget_get_visible (popover));
}

static guint
n_notes (AtlasWindow *window)
{
  const GArray *notes = shown_spec (window)->annotations;

  return notes ? notes->len : 0;
}

static const AtlasAnnotation *
note_at (AtlasWindow *window,
         guint        index)
{
  return &g_array_index (shown_spec (window)->annotations, AtlasAnnotation, index);
}

/* The settings sidebar sets what the popover could not: each change
 * applies at once through one path, the list of values stays open while
 * several are checked, choices the chart cannot take are off with the
 * reason, and switching x and back keeps the values and notes. */
static void
test_settings_sidebar (void)
{
  AtlasWindow *window = new_story_window ();
  GtkWidget *settings;
  GtkCheckButton *exports;
  AdwActionRow *sort_row, *log_row;
  guint notes_before;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  atlas_window_show_passage (window, 0);
  wait_for_frames (GTK_WIDGET (window), 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-settings", NULL));
  settings = find_descendant (GTK_WIDGET (window), ATLAS_TYPE_CHART_SETTINGS);
  g_assert_true (wait_for_mapped (settings));
  notes_before = n_notes (window);
  g_assert_cmpuint (notes_before, >, 0);

  /* Two more columns checked, one after another: the list is where it
   * was, and both are drawn. */
  exports = value_check (window, "exports (USD bn)");
  g_assert_false (gtk_check_button_get_active (exports));
  g_assert_true (gtk_widget_activate (GTK_WIDGET (exports)));
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_true (value_check (window, "exports (USD bn)") == exports);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (exports)));
  g_assert_true (gtk_widget_activate (GTK_WIDGET (value_check (window, "output (bn units)"))));
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_cmpuint (g_strv_length (shown_spec (window)->y_columns), ==, 3);
  g_assert_true (gtk_check_button_get_active (exports));
  save_screenshot (GTK_WIDGET (window), "editing-settings.png");

  /* Along another x and back: the values and the story's notes return. */
  select_combo_row (window, "Along the X Axis", "exports (USD bn)");
  g_assert_cmpstr (shown_spec (window)->x_column, ==, "exports (USD bn)");
  select_combo_row (window, "Along the X Axis", "year");
  g_assert_cmpuint (g_strv_length (shown_spec (window)->y_columns), ==, 3);
  g_assert_cmpuint (n_notes (window), ==, notes_before);

  /* Bars along years cannot be sorted, and the row says so; a log scale
   * suits a line. */
  sort_row = ADW_ACTION_ROW (settings_row (window, "Order"));
  log_row = ADW_ACTION_ROW (settings_row (window, "Log Scale"));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (sort_row)));
  g_assert_cmpstr (adw_action_row_get_subtitle (sort_row), ==, "Only bars are sorted");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (log_row)));
  select_combo_row (window, "Type", "Bar chart");
  g_assert_cmpint (shown_spec (window)->type, ==, ATLAS_CHART_BAR);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (log_row)));
  g_assert_cmpstr (adw_action_row_get_subtitle (log_row), ==, "Bars and areas need a zero, which a log axis lacks");
  g_assert_cmpstr (adw_action_row_get_subtitle (sort_row), ==, "Bars along dates or numbers keep their order");

  /* The number format and the text, each applied as typed. */
  select_combo_row (window, "Decimals", "1");
  g_assert_cmpint (shown_spec (window)->value_decimals, ==, 1);
  apply_entry_row (window, "Before Each Value", "$");
  apply_entry_row (window, "After Each Value", " bn");
  apply_entry_row (window, "Unit over the Axis", "US dollars");
  g_assert_cmpstr (shown_spec (window)->value_prefix, ==, "$");
  g_assert_cmpstr (shown_spec (window)->value_suffix, ==, " bn");
  g_assert_cmpstr (shown_spec (window)->value_unit, ==, "US dollars");
  apply_entry_row (window, "Title", "Chips in and out");
  apply_entry_row (window, "Subtitle", "Customs figures");
  g_assert_cmpstr (shown_spec (window)->title, ==, "Chips in and out");
  g_assert_cmpstr (shown_spec (window)->subtitle, ==, "Customs figures");
  apply_entry_row (window, "Highest Value Shown", "600");
  g_assert_cmpfloat (atlas_chart_get_view_state (atlas_document_get_chart (atlas_window_get_document (window)))->y_max,
                     ==, 600);

  /* A colour per series, and back to the palette's. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "options.series-color", "(us)", 1u, "#aa3377"));
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_cmpstr (shown_spec (window)->series_colors[1], ==, "#aa3377");
  g_assert_cmpstr (shown_spec (window)->series_colors[0], ==, "");
  save_screenshot (GTK_WIDGET (window), "editing-formatted.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "options.series-color", "(us)", 1u, ""));
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_null (shown_spec (window)->series_colors);

  /* Every change above is a step back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpstr (shown_spec (window)->series_colors[1], ==, "#aa3377");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_null (shown_spec (window)->series_colors);

  /* All of it is in the chart file saved. */
  {
    g_autofree char *dir = g_dir_make_tmp ("atlas-settings-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "set.atlaschart", NULL);
    g_autoptr (GFile) file = g_file_new_for_path (path);
    g_autofree char *text = NULL;

    g_assert_true (atlas_window_save_chart (window, file));
    g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
    for (const char *const *key = (const char *const[]){ "Chart=bar\n", "Y=imports (USD bn);exports (USD bn);output (bn units)\n",
                                                          "Decimals=1\n", "Prefix=$\n",
                                                          /* GKeyFile keeps a leading space as \s. */
                                                          "Suffix=\\sbn\n",
                                                          "Unit=US dollars\n", "Title=Chips in and out\n",
                                                          "Subtitle=Customs figures\n", NULL };
         *key; key++)
      if (!strstr (text, *key))
        g_error ("the chart file lacks %s:\n%s", *key, text);
    g_unlink (path);
    g_rmdir (dir);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static gboolean
is_search_entry (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_SEARCH_ENTRY (widget) && gtk_widget_get_visible (widget);
}

/* A table of 200 columns: the values are a list that fits the window,
 * searched by name, a column checked in it drawn at once, underscores
 * and all. */
static void
test_many_columns (void)
{
  g_autofree char *dir = g_dir_make_tmp ("atlas-wide-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "wide.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  GString *text = g_string_new ("year");
  AtlasWindow *window = new_story_window ();
  GtkWidget *settings, *search, *list;
  guint shown = 0;

  for (guint c = 1; c <= 200; c++)
    g_string_append_printf (text, ",series_%03u", c);
  for (guint year = 2000; year < 2010; year++)
    {
      g_string_append_printf (text, "\n%u", year);
      for (guint c = 1; c <= 200; c++)
        g_string_append_printf (text, ",%u", year - 1990 + c);
    }
  g_string_append_c (text, '\n');
  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));
  g_string_free (text, TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  atlas_window_open_file (window, file);
  wait_for_loading (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-settings", NULL));
  settings = find_descendant (GTK_WIDGET (window), ATLAS_TYPE_CHART_SETTINGS);
  g_assert_true (wait_for_mapped (settings));
  g_assert_cmpint (gtk_widget_get_height (settings), <=, gtk_widget_get_height (GTK_WIDGET (window)));
  /* No column of names: nothing to draw a series for each of, and the row says so. */
  g_assert_false (gtk_widget_get_sensitive (settings_row (window, "A Series for Each")));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (settings_row (window, "A Series for Each"))), ==,
                   "The data has no column of names");

  search = find_widget_where (settings, is_search_entry, NULL);
  g_assert_nonnull (search);
  gtk_editable_set_text (GTK_EDITABLE (search), "SERIES_150");
  g_signal_emit_by_name (search, "search-changed");
  wait_for_frames (GTK_WIDGET (window), 2);
  list = gtk_widget_get_next_sibling (search);
  g_assert_true (GTK_IS_LIST_BOX (list));
  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    shown += gtk_widget_get_child_visible (row) ? 1 : 0;
  g_assert_cmpuint (shown, ==, 1);
  save_screenshot (GTK_WIDGET (window), "editing-many-columns.png");
  g_assert_true (gtk_widget_activate (GTK_WIDGET (value_check (window, "series_150"))));
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_true (g_strv_contains ((const char *const *) shown_spec (window)->y_columns, "series_150"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_unlink (path);
  g_rmdir (dir);
}

/* Whether title is in header capitalization, as GNOME writes the titles
 * of groups and rows: every word capitalized but the short articles,
 * conjunctions and prepositions after the first. */
static gboolean
is_header_capitalized (const char *title)
{
  static const char *const small[] = { "a", "an", "the", "and", "but", "or", "nor", "for", "as", "at", "by", "from",
                                       "in", "into", "of", "off", "on", "onto", "out", "over", "to", "up", "with", NULL };
  g_auto (GStrv) words = g_strsplit (title, " ", -1);

  for (guint i = 0; words[i]; i++)
    if (*words[i] && g_unichar_islower (g_utf8_get_char (words[i]))
        && (i == 0 || !g_strv_contains (small, words[i])))
      return FALSE;
  return TRUE;
}

/* The titles of the settings' groups and rows, but for those that name
 * the data's own columns and series (written as the data writes them). */
static void
collect_titles (GtkWidget *widget,
                GPtrArray *titles)
{
  if (ADW_IS_PREFERENCES_GROUP (widget) && adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget))
      && *adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)))
    g_ptr_array_add (titles, (gpointer) adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)));
  if (ADW_IS_PREFERENCES_ROW (widget) && !find_descendant (widget, GTK_TYPE_CHECK_BUTTON)
      && !find_descendant (widget, GTK_TYPE_COLOR_BUTTON) && !g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), "Note"))
    g_ptr_array_add (titles, (gpointer) adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_titles (child, titles);
}

/* The options popover mixed "Chart Type" and "Log Scale" with "Line
 * chart": the settings' titles are all in header capitalization. */
static void
test_titles_capitalized (void)
{
  AtlasWindow *window = new_story_window ();
  GtkWidget *settings;
  g_autoptr (GPtrArray) titles = g_ptr_array_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  atlas_window_show_passage (window, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-settings", NULL));
  settings = find_descendant (GTK_WIDGET (window), ATLAS_TYPE_CHART_SETTINGS);
  g_assert_true (wait_for_mapped (settings));
  collect_titles (settings, titles);
  g_assert_cmpuint (titles->len, >, 20);
  for (guint i = 0; i < titles->len; i++)
    if (!is_header_capitalized (g_ptr_array_index (titles, i)))
      g_error ("“%s” is not in header capitalization", (const char *) g_ptr_array_index (titles, i));
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* Bars along names sort by value from the sidebar. */
static void
test_sort_bars (void)
{
  g_autofree char *dir = g_dir_make_tmp ("atlas-sort-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "fabs.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  AtlasWindow *window = new_story_window ();
  AtlasChartView *view = atlas_window_get_chart_view (window);
  double a_x, a_y, b_x, b_y;

  g_assert_true (g_file_set_contents (path, "company,capacity\nA,3\nB,9\nC,5\n", -1, NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  atlas_window_open_file (window, file);
  wait_for_loading (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-settings", NULL));
  g_assert_true (wait_for_mapped (find_descendant (GTK_WIDGET (window), ATLAS_TYPE_CHART_SETTINGS)));
  select_combo_row (window, "Type", "Bar chart");
  g_assert_true (gtk_widget_get_sensitive (settings_row (window, "Order")));
  select_combo_row (window, "Order", "Largest first");
  g_assert_cmpint (shown_spec (window)->sort, ==, ATLAS_SORT_DESCENDING);
  wait_for_frames (GTK_WIDGET (window), 3);
  g_assert_true (atlas_chart_point_position (atlas_chart_view_get_layout (view), 0, 0, &a_x, &a_y));
  g_assert_true (atlas_chart_point_position (atlas_chart_view_get_layout (view), 0, 1, &b_x, &b_y));
  g_assert_cmpfloat (b_x, <, a_x);
  save_screenshot (GTK_WIDGET (window), "editing-sorted-bars.png");

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_unlink (path);
  g_rmdir (dir);
}

/* The title is edited where it stands, by double-click, and notes are
 * added by pointing (a callout on a point, a line at a value, a span
 * from a Shift-drag), selected, moved, edited and deleted; all of it is
 * saved in the chart file, opened again, and undone step by step. */
static void
test_notes_by_pointing (void)
{
  AtlasWindow *window = new_story_window ();
  AtlasChartView *view = atlas_window_get_chart_view (window);
  g_autofree char *dir = g_dir_make_tmp ("atlas-notes-XXXXXX", NULL);
  g_autofree char *chart_path = g_build_filename (dir, "noted.atlaschart", NULL);
  g_autoptr (GFile) chart_file = g_file_new_for_path (chart_path);
  g_autoptr (AtlasChartDefinition) saved = NULL;
  g_autoptr (GError) error = NULL;
  GArray *boxes;
  const AtlasChartSpec *spec;
  cairo_rectangle_t plot;
  double px, py, moved_x;
  guint notes_before;
  GtkWidget *menu;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  atlas_window_show_passage (window, 0);
  wait_for_frames (GTK_WIDGET (window), 3);
  spec = shown_spec (window);
  notes_before = n_notes (window);

  /* Double-click the title: it is edited in place. */
  boxes = atlas_chart_get_text_boxes (atlas_chart_view_get_layout (view));
  for (guint i = 0; i < boxes->len; i++)
    if (g_str_equal (g_array_index (boxes, AtlasTextBox, i).text, spec->title))
      {
        const cairo_rectangle_t *box = &g_array_index (boxes, AtlasTextBox, i).box;
        g_assert_true (atlas_chart_view_edit_text_at (view, box->x + 4, box->y + box->height / 2));
      }
  g_assert_nonnull (shown_editor (view));
  wait_for_frames (shown_editor (view), 3);
  save_screenshot (shown_editor (view), "editing-title-in-place.png");
  type_in_editor (view, "Imports, in dollars");
  g_assert_cmpstr (shown_spec (window)->title, ==, "Imports, in dollars");

  /* The context menu on a point offers a note there. */
  g_assert_true (atlas_chart_point_position (atlas_chart_view_get_layout (view), 0, 2, &px, &py));
  menu = atlas_chart_view_popup_menu (view, px, py);
  g_assert_nonnull (menu);
  wait_for_frames (menu, 3);
  save_screenshot (menu, "editing-context-menu.png");
  gtk_popover_popdown (GTK_POPOVER (menu));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "chart.note-here", NULL));
  type_in_editor (view, "A note on 2018");
  g_assert_cmpuint (n_notes (window), ==, notes_before + 1);
  g_assert_cmpint (note_at (window, notes_before)->kind, ==, ATLAS_ANNOTATION_CALLOUT);
  g_assert_cmpstr (note_at (window, notes_before)->text, ==, "A note on 2018");
  g_assert_cmpint (atlas_chart_view_get_selected_note (view), ==, (int) notes_before);

  /* Selected, it moves with the arrow keys to the next point. */
  moved_x = note_at (window, notes_before)->x;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "chart.move-point", "(ii)", 1, 0));
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_cmpfloat (note_at (window, notes_before)->x, >, moved_x);
  g_assert_cmpint (atlas_chart_view_get_selected_note (view), ==, (int) notes_before);

  /* Its text edited, by F2's action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "chart.edit-note", NULL));
  type_in_editor (view, "A note on 2019");
  g_assert_cmpstr (note_at (window, notes_before)->text, ==, "A note on 2019");

  /* A line at a value, and a span marked by a drag. */
  g_assert_true (atlas_chart_get_plot_area (atlas_chart_view_get_layout (view), &plot));
  g_assert_true (atlas_chart_view_add_line_at (view, plot.x + plot.width / 2, plot.y + plot.height / 2));
  type_in_editor (view, "Half way");
  g_assert_cmpint (note_at (window, notes_before + 1)->kind, ==, ATLAS_ANNOTATION_REFERENCE_LINE);
  g_assert_true (isfinite (note_at (window, notes_before + 1)->y));
  g_assert_true (atlas_chart_view_shade_span (view, plot.x + plot.width * 0.1, plot.x + plot.width * 0.3));
  type_in_editor (view, "Early years");
  g_assert_cmpint (note_at (window, notes_before + 2)->kind, ==, ATLAS_ANNOTATION_RANGE);
  g_assert_cmpfloat (note_at (window, notes_before + 2)->x, <, note_at (window, notes_before + 2)->x_end);
  wait_for_frames (GTK_WIDGET (window), 3);
  save_screenshot (GTK_WIDGET (window), "editing-notes.png");

  /* A click on the line selects it; Delete deletes it. */
  {
    cairo_rectangle_t area;
    guint picked;
    g_assert_true (atlas_chart_get_note_area (atlas_chart_view_get_layout (view), notes_before + 1, &area));
    g_assert_true (atlas_chart_pick_note (atlas_chart_view_get_layout (view), area.x + area.width / 2,
                                          area.y + area.height / 2, &picked));
    g_assert_cmpuint (picked, ==, notes_before + 1);
    g_assert_true (atlas_chart_view_select_note (view, (int) picked));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "chart.delete-note", NULL));
  g_assert_cmpuint (n_notes (window), ==, notes_before + 2);
  g_assert_cmpint (note_at (window, notes_before + 1)->kind, ==, ATLAS_ANNOTATION_RANGE);

  /* Saved and opened again, every note and the title are there. */
  g_assert_true (atlas_window_save_chart (window, chart_file));
  saved = atlas_chart_definition_load (chart_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved->title, ==, "Imports, in dollars");
  g_assert_cmpuint (saved->annotations->len, ==, notes_before + 2);
  g_assert_cmpstr (((AtlasChartNote *) g_ptr_array_index (saved->annotations, notes_before))->text, ==,
                   "A note on 2019");
  atlas_window_show_passage (window, 1);
  g_assert_null (atlas_window_import_file (window, chart_file));
  wait_for_loading (window);
  g_assert_cmpint (atlas_document_get_source (atlas_window_get_document (window)), ==,
                   ATLAS_DOCUMENT_SOURCE_CHART_FILE);
  g_assert_cmpuint (n_notes (window), ==, notes_before + 2);
  g_assert_cmpstr (shown_spec (window)->title, ==, "Imports, in dollars");

  /* By keyboard alone: N notes the marked point, ] and [ step through
   * the notes, Escape lets the note go. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "chart.note-at-point", NULL));
  type_in_editor (view, "Typed, not pointed");
  g_assert_cmpuint (n_notes (window), ==, notes_before + 3);
  g_assert_cmpint (note_at (window, notes_before + 2)->kind, ==, ATLAS_ANNOTATION_CALLOUT);
  g_assert_cmpint (atlas_chart_view_get_selected_note (view), ==, (int) notes_before + 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "chart.select-note", "i", 1));
  g_assert_cmpint (atlas_chart_view_get_selected_note (view), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "chart.select-note", "i", -1));
  g_assert_cmpint (atlas_chart_view_get_selected_note (view), ==, (int) notes_before + 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "chart.unselect-note", NULL));
  g_assert_cmpint (atlas_chart_view_get_selected_note (view), ==, -1);
  /* With none selected, Delete deletes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (view), "chart.delete-note", NULL);
  g_assert_cmpuint (n_notes (window), ==, notes_before + 3);

  /* Undone step by step, back to the story's chart. */
  atlas_window_show_passage (window, 0);
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_true (atlas_chart_view_add_line_at (view, plot.x + plot.width / 2, plot.y + plot.height / 3));
  type_in_editor (view, "Undone");
  g_assert_cmpuint (n_notes (window), ==, notes_before + 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (n_notes (window), ==, notes_before);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpuint (n_notes (window), ==, notes_before + 1);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_unlink (chart_path);
  g_rmdir (dir);
}

/* The dialog asking about changes not saved, once it shows; NULL when
 * none shows. */
static AdwMessageDialog *
wait_for_question (AtlasWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 3 * G_TIME_SPAN_SECOND;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr (GList) toplevels = gtk_window_list_toplevels ();
      for (GList *l = toplevels; l; l = l->next)
        if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data)
            && gtk_window_get_transient_for (l->data) == GTK_WINDOW (window))
          return l->data;
      g_main_context_iteration (NULL, FALSE);
    }
  return NULL;
}

static void
answer (AtlasWindow *window,
        const char  *response)
{
  AdwMessageDialog *question = wait_for_question (window);

  g_assert_nonnull (question);
  adw_message_dialog_response (question, response);
  gtk_window_destroy (GTK_WINDOW (question));
  wait_for_frames (GTK_WIDGET (window), 2);
}

/* Files opened and charts saved are listed as your charts; the window's
 * title names what it shows and marks changes not saved; going to
 * another chart, closing one of yours or the window asks first, and
 * Cancel keeps everything as it was. */
static void
test_your_charts (void)
{
  g_autofree char *dir = g_dir_make_tmp ("atlas-yours-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "fabs.csv", NULL);
  g_autofree char *chart_path = g_build_filename (dir, "fabs.atlaschart", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) chart_file = g_file_new_for_path (chart_path);
  AtlasWindow *window = new_story_window ();
  AtlasDocument *document = atlas_window_get_document (window);

  g_assert_true (g_file_set_contents (path, "year,capacity\n2020,3\n2021,9\n2022,5\n", -1, NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpuint (atlas_window_get_n_your_charts (window), ==, 0);
  atlas_window_open_file (window, file);
  wait_for_loading (window);
  g_assert_cmpuint (atlas_window_get_n_your_charts (window), ==, 1);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "fabs — Silicon Atlas");

  /* Changed, the title says so; saved, the chart takes the data's place. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "options.text", "(ss)", "title", "Fab capacity"));
  g_assert_true (atlas_document_get_modified (document));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "• Fab capacity — Silicon Atlas");
  g_assert_true (atlas_window_save_chart (window, chart_file));
  g_assert_false (atlas_document_get_modified (document));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Fab capacity — Silicon Atlas");
  g_assert_cmpuint (atlas_window_get_n_your_charts (window), ==, 1);
  save_screenshot (GTK_WIDGET (window), "editing-your-charts.png");

  /* Another passage, with changes not saved: asked; Cancel stays. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "options.text", "(ss)", "title", "Fabs again"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-passage", NULL));
  answer (window, "cancel");
  g_assert_cmpint (atlas_document_get_source (document), !=, ATLAS_DOCUMENT_SOURCE_PASSAGE);
  g_assert_cmpstr (shown_spec (window)->title, ==, "Fabs again");
  g_assert_true (atlas_document_get_modified (document));

  /* Closing the chart asks too; Discard lets its changes go, the list
   * lets it go, and the story shows. */
  g_assert_true (atlas_window_close_chart (window, chart_file));
  answer (window, "discard");
  g_assert_cmpuint (atlas_window_get_n_your_charts (window), ==, 0);
  g_assert_cmpint (atlas_document_get_source (document), ==, ATLAS_DOCUMENT_SOURCE_PASSAGE);
  g_assert_false (atlas_document_get_modified (document));

  /* The window, closed with changes, asks; Cancel keeps it open, Save
   * (to the chart file the chart came from) saves and closes. */
  g_assert_null (atlas_window_import_file (window, chart_file));
  wait_for_loading (window);
  g_assert_cmpuint (atlas_window_get_n_your_charts (window), ==, 1);
  g_assert_cmpstr (shown_spec (window)->title, ==, "Fab capacity");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "options.text", "(ss)", "title", "Kept"));
  g_object_ref (window);
  gtk_window_close (GTK_WINDOW (window));
  answer (window, "cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  gtk_window_close (GTK_WINDOW (window));
  answer (window, "save");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (AtlasChartDefinition) saved = atlas_chart_definition_load (chart_path, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (saved->title, ==, "Kept");
  }
  g_object_unref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_unlink (chart_path);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/editing/settings-sidebar", test_settings_sidebar);
  g_test_add_func ("/editing/many-columns", test_many_columns);
  g_test_add_func ("/editing/titles-capitalized", test_titles_capitalized);
  g_test_add_func ("/editing/sort-bars", test_sort_bars);
  g_test_add_func ("/editing/notes-by-pointing", test_notes_by_pointing);
  g_test_add_func ("/editing/your-charts", test_your_charts);
  return g_test_run ();
}
