/* test-story-window.c: a story written in the real window from two CSVs and a dataset, edited, saved, moved,
 * reopened and published; and a received story that reads outside its folder, asked about first. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "atlas-window.h"
#include "test-support.h"
#include "ui-test-support.h"

/* The editor open in a passage's row, its text replaced by text and kept
 * with its Done button. */
static void
write_passage_text (AtlasWindow *window,
                    const char  *text)
{
  GtkTextView *view = GTK_TEXT_VIEW (find_descendant (GTK_WIDGET (window), GTK_TYPE_TEXT_VIEW));
  GtkWidget *box;
  GtkWidget *done = NULL;

  g_assert_nonnull (view);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (view)));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
  box = gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (view)));
  for (GtkWidget *buttons = gtk_widget_get_last_child (box), *b = gtk_widget_get_first_child (buttons); b;
       b = gtk_widget_get_next_sibling (b))
    if (gtk_widget_has_css_class (b, "suggested-action"))
      done = b;
  g_assert_nonnull (done);
  g_signal_emit_by_name (done, "clicked");
  wait_for_frames (GTK_WIDGET (window), 1);
  g_assert_null (find_descendant (GTK_WIDGET (window), GTK_TYPE_TEXT_VIEW));
}

static void
open_and_wait (AtlasWindow *window,
               const char  *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);

  atlas_window_open_file (window, file);
  wait_for_loading (window);
  wait_for_frames (GTK_WIDGET (window), 2);
}

/* The message dialog over window whose heading is heading; NULL when
 * there is none. */
static AdwMessageDialog *
find_dialog (AtlasWindow *window,
             const char  *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window)
          && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (toplevel)), heading) == 0
          && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

/* Publishes the window's story at path and waits until it is written. */
static void
export_and_wait (AtlasWindow *window,
                 const char  *path)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *expected = g_strdup_printf ("Exported “%s”", name);
  gint64 deadline = g_get_monotonic_time () + 120 * G_TIME_SPAN_SECOND;

  atlas_window_export_story_to (window, path);
  g_assert_nonnull (find_dialog (window, "Exporting Story…"));
  while (g_strcmp0 (atlas_window_get_status (window), expected) != 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (atlas_window_get_status (window), ==, expected);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_null (find_dialog (window, "Exporting Story…"));
}

/* A story written in the window from two CSV files and a built-in
 * dataset: passages added with their charts and text, moved, deleted and
 * brought back, a chart changed in place; saved, its folder moved, and
 * opened again from there with the same charts; then published. */
static void
test_write_a_story (void)
{
  AtlasWindow *window = new_story_window ();
  g_autofree char *root = g_dir_make_tmp ("atlas-story-window-XXXXXX", NULL);
  g_autofree char *folder = g_build_filename (root, "mine", NULL);
  g_autofree char *moved = g_build_filename (root, "sent", NULL);
  g_autofree char *prices = NULL, *fabs = NULL, *story_file = NULL, *moved_file = NULL, *text = NULL;
  g_autofree char *pdf = NULL, *html = NULL;
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) after = NULL;
  AtlasStory *story;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames (GTK_WIDGET (window), 2);
  /* The built-in story is read, not written. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-passage", NULL);
  g_assert_cmpuint (atlas_story_get_n_passages (atlas_window_get_story (window)), ==, 13);

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  prices = test_write_file (folder, "prices.csv", "year,price\n2019,1.25\n2020,1.5\n2021,2.25\n2022,2\n2023,2.5\n");
  fabs = test_write_file (folder, "fabs.csv", "region,fabs\nNorth,4\nSouth,7\nEast,2\nWest,5\n");

  atlas_window_new_story (window, "Prices & fabs", "Written in the window");
  wait_for_frames (GTK_WIDGET (window), 2);
  story = atlas_window_get_story (window);
  g_assert_cmpstr (atlas_story_get_title (story), ==, "Prices & fabs");
  g_assert_cmpuint (atlas_story_get_n_passages (story), ==, 0);
  save_screenshot (GTK_WIDGET (window), "story-new.png");

  /* 1: the first CSV, as bars. */
  open_and_wait (window, prices);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "options.chart-type", "s", "bar"));
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-passage", NULL));
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_cmpint (atlas_window_get_passage (window), ==, 0);
  save_screenshot (GTK_WIDGET (window), "story-writing-a-passage.png");
  write_passage_text (window, "Prices rose & <fell>.\n\nThen they rose again.");
  /* 2: the second CSV. */
  open_and_wait (window, fabs);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-passage", NULL));
  wait_for_frames (GTK_WIDGET (window), 2);
  write_passage_text (window, "Fabs by region.");
  /* 3: a built-in dataset. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-dataset", "s", "ic-trade-and-output"));
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-passage", NULL));
  wait_for_frames (GTK_WIDGET (window), 2);
  write_passage_text (window, "Imports of chips.");
  g_assert_cmpuint (atlas_story_get_n_passages (story), ==, 3);
  g_assert_cmpint (atlas_window_get_passage (window), ==, 2);
  g_assert_true (atlas_story_get_modified (story));

  /* Moved up twice by its action (Alt+Up), then back down. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.move-passage-up", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.move-passage-up", NULL));
  g_assert_cmpint (atlas_window_get_passage (window), ==, 0);
  g_assert_cmpstr (atlas_story_get_passage (story, 0)->text, ==, "Imports of chips.");
  atlas_window_move_passage (window, 0, 2);
  g_assert_cmpint (atlas_window_get_passage (window), ==, 2);
  g_assert_cmpstr (atlas_story_get_passage (story, 0)->text, ==, "Prices rose & <fell>.\n\nThen they rose again.");

  /* Deleted, then brought back by the toast's Undo. */
  atlas_window_show_passage (window, 1);
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-passage", NULL));
  g_assert_cmpuint (atlas_story_get_n_passages (story), ==, 2);
  g_assert_cmpstr (atlas_window_get_status (window), ==, "Passage deleted");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-delete-passage", NULL));
  g_assert_cmpuint (atlas_story_get_n_passages (story), ==, 3);
  g_assert_cmpstr (atlas_story_get_passage (story, 1)->text, ==, "Fabs by region.");
  g_assert_cmpint (atlas_window_get_passage (window), ==, 1);

  /* The chart editor changes the passage's chart, and the story keeps it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "options.chart-type", "s", "bar-horizontal"));
  wait_for_frames (GTK_WIDGET (window), 2);
  atlas_window_show_passage (window, 0);
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_true (atlas_story_get_passage (story, 1)->chart->has_type);
  g_assert_cmpint (atlas_story_get_passage (story, 1)->chart->type, ==, ATLAS_CHART_BAR_HORIZONTAL);

  /* Ctrl+S asks where, the first time: saved there, paths its own. */
  story_file = g_build_filename (folder, "prices.story", NULL);
  {
    g_autoptr (GFile) file = g_file_new_for_path (story_file);
    g_assert_true (atlas_window_save_story (window, file));
  }
  g_assert_false (atlas_story_get_modified (story));
  g_assert_cmpstr (atlas_window_get_status (window), ==, "Saved “prices.story”");
  g_assert_true (g_file_get_contents (story_file, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "Data=prices.csv\n"));
  g_assert_nonnull (strstr (text, "Data=fabs.csv\n"));
  g_assert_nonnull (strstr (text, "Dataset=ic-trade-and-output\n"));
  g_assert_null (strstr (text, root));
  /* Again with Ctrl+S's action, after another edit. */
  atlas_window_show_passage (window, 2);
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "options.chart-type", "s", "area"));
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_true (atlas_story_get_modified (story));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_false (atlas_story_get_modified (story));
  before = test_describe_story (atlas_window_get_story (window));
  save_screenshot (GTK_WIDGET (window), "story-written.png");

  /* Moved to another folder, and opened from there as a file is
   * (dropped, or named on the command line). */
  g_assert_cmpint (g_rename (folder, moved), ==, 0);
  moved_file = g_build_filename (moved, "prices.story", NULL);
  atlas_window_new_story (window, "Another", NULL);
  {
    g_autoptr (GFile) file = g_file_new_for_path (moved_file);
    g_assert_null (atlas_window_import_file (window, file));
  }
  wait_for_frames (GTK_WIDGET (window), 2);
  story = atlas_window_get_story (window);
  g_assert_cmpstr (atlas_story_get_path (story), ==, moved_file);
  /* Shown, a passage is not changed. */
  g_assert_false (atlas_story_get_modified (story));
  after = test_describe_story (atlas_window_get_story (window));
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpstr (g_ptr_array_index (after, i), ==, g_ptr_array_index (before, i));
  g_assert_nonnull (strstr (g_ptr_array_index (after, 2), "\narea\n"));

  /* A chart file feeds a passage too: its data is named from the story. */
  {
    g_autofree char *chart_file = test_write_file (moved, "share.atlaschart",
                                                   "[Chart]\nVersion=1\nData=fabs.csv\nChart=donut\nX=region\n"
                                                   "Y=fabs\nTitle=Fabs share\n");
    g_autoptr (GFile) file = g_file_new_for_path (chart_file);
    g_autofree char *saved = NULL;

    g_assert_null (atlas_window_import_file (window, file));
    wait_for_loading (window);
    wait_for_frames (GTK_WIDGET (window), 2);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-passage", NULL));
    wait_for_frames (GTK_WIDGET (window), 2);
    write_passage_text (window, "Their shares.");
    g_assert_cmpuint (atlas_story_get_n_passages (story), ==, 4);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
    g_assert_true (g_file_get_contents (moved_file, &saved, NULL, NULL));
    g_assert_nonnull (strstr (saved, "Text=Their shares.\nData=fabs.csv\n"));
    g_assert_nonnull (strstr (saved, "Chart=donut\n"));
  }

  /* Published from the window, both ways, with a dialog showing progress. */
  pdf = g_build_filename (moved, "prices.pdf", NULL);
  export_and_wait (window, pdf);
  html = g_build_filename (moved, "prices.html", NULL);
  /* Published from a copy: the story can change meanwhile. */
  {
    g_autofree char *changed = g_build_filename (moved, "while-changed.html", NULL);
    g_autofree char *page = NULL;
    guint sections = 0;

    gint64 deadline = g_get_monotonic_time () + 120 * G_TIME_SPAN_SECOND;

    atlas_window_export_story_to (window, changed);
    atlas_window_delete_passage (window, 0);
    while (g_strcmp0 (atlas_window_get_status (window), "Exported “while-changed.html”") != 0
           && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpstr (atlas_window_get_status (window), ==, "Exported “while-changed.html”");
    g_assert_true (g_file_get_contents (changed, &page, NULL, NULL));
    for (const char *at = page; (at = strstr (at, "<section id=\"passage-")); at++)
      sections++;
    g_assert_cmpuint (sections, ==, 4);
    g_assert_true (atlas_window_undo_delete_passage (window));
    g_assert_cmpuint (atlas_story_get_n_passages (atlas_window_get_story (window)), ==, 4);
  }
  export_and_wait (window, html);
  /* Stopped, an export leaves no file behind; finished, it is whole. */
  {
    g_autofree char *stopped = g_build_filename (moved, "stopped.pdf", NULL);
    gint64 deadline = g_get_monotonic_time () + 120 * G_TIME_SPAN_SECOND;
    AdwMessageDialog *progress;

    atlas_window_export_story_to (window, stopped);
    progress = find_dialog (window, "Exporting Story…");
    g_assert_nonnull (progress);
    adw_message_dialog_response (progress, "cancel");
    while (g_strcmp0 (atlas_window_get_status (window), "Export stopped: nothing was written") != 0
           && g_strcmp0 (atlas_window_get_status (window), "Exported “stopped.pdf”") != 0
           && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    if (g_str_equal (atlas_window_get_status (window), "Export stopped: nothing was written"))
      g_assert_false (g_file_test (stopped, G_FILE_TEST_EXISTS));
    else
      g_assert_cmpstr (atlas_window_get_status (window), ==, "Exported “stopped.pdf”");
  }
  {
    g_autofree char *page = NULL;
    g_assert_true (g_file_get_contents (html, &page, NULL, NULL));
    g_assert_nonnull (strstr (page, "Prices rose &amp; &lt;fell&gt;."));
    g_assert_null (strstr (page, "<fell>"));
  }

  /* The built-in story is one click away (the deletion undone above
   * left the story changed: saved first). */
  g_assert_true (atlas_story_get_modified (atlas_window_get_story (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-story", NULL));
  g_assert_false (atlas_story_get_modified (atlas_window_get_story (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.builtin-story", NULL));
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_cmpuint (atlas_story_get_n_passages (atlas_window_get_story (window)), ==, 13);
  g_assert_cmpint (atlas_window_get_passage (window), >=, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  g_assert_true (test_remove_dir (root));
}

/* A story received from someone that reads a file outside its folder:
 * the window asks, and reads it only when told to. */
static void
test_received_story_asks (void)
{
  AtlasWindow *window = new_story_window ();
  g_autofree char *root = g_dir_make_tmp ("atlas-story-window-XXXXXX", NULL);
  g_autofree char *folder = g_build_filename (root, "received", NULL);
  g_autofree char *private_csv = NULL, *story_file = NULL;
  g_autoptr (GFile) file = NULL;
  AdwMessageDialog *dialog;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  private_csv = test_write_file (root, "salaries.csv", "year,salary\n2023,100\n2024,120\n");
  story_file = test_write_file (folder, "received.story", "[Story]\nTitle=Received\n\n[Passage 1]\nText=Look.\n"
                                                     "Data=../salaries.csv\n");
  file = g_file_new_for_path (story_file);

  atlas_window_open_story (window, file);
  wait_for_frames (GTK_WIDGET (window), 2);
  dialog = find_dialog (window, "Read Files Outside the Story’s Folder?");
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "salaries.csv"));
  save_screenshot (GTK_WIDGET (dialog), "story-outside-dialog.png");
  /* As its button does: the response, then the dialog closes. */
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_cmpuint (atlas_story_get_n_passages (atlas_window_get_story (window)), ==, 13);

  atlas_window_open_story (window, file);
  wait_for_frames (GTK_WIDGET (window), 2);
  dialog = find_dialog (window, "Read Files Outside the Story’s Folder?");
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "open");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_cmpstr (atlas_story_get_title (atlas_window_get_story (window)), ==, "Received");
  g_assert_cmpint (atlas_window_get_passage (window), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  g_assert_true (test_remove_dir (root));
}

/* A story whose data lie elsewhere, saved: the window offers to copy
 * them into its folder, and the folder then opens anywhere unasked. */
static void
test_save_gathers_data (void)
{
  AtlasWindow *window = new_story_window ();
  g_autofree char *root = g_dir_make_tmp ("atlas-story-window-XXXXXX", NULL);
  g_autofree char *downloads = g_build_filename (root, "downloads", NULL);
  g_autofree char *folder = g_build_filename (root, "story", NULL);
  g_autofree char *sent = g_build_filename (root, "sent", NULL);
  g_autofree char *csv = NULL, *story_file = NULL, *copy = NULL, *text = NULL, *moved = NULL;
  g_autoptr (GFile) file = NULL;
  AdwMessageDialog *dialog;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_cmpint (g_mkdir (downloads, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  csv = test_write_file (downloads, "prices.csv", "year,price\n2019,1.25\n2020,1.5\n2021,2.25\n");

  atlas_window_new_story (window, "Gathered", NULL);
  open_and_wait (window, csv);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-passage", NULL));
  wait_for_frames (GTK_WIDGET (window), 2);
  write_passage_text (window, "Prices from a download.");

  story_file = g_build_filename (folder, "gathered.story", NULL);
  file = g_file_new_for_path (story_file);
  g_assert_false (atlas_window_save_story (window, file));
  wait_for_frames (GTK_WIDGET (window), 2);
  dialog = find_dialog (window, "Copy the Data into the Story’s Folder?");
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), csv));
  save_screenshot (GTK_WIDGET (dialog), "story-gather-dialog.png");
  adw_message_dialog_response (dialog, "copy");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_cmpstr (atlas_window_get_status (window), ==, "Saved “gathered.story”");
  copy = g_build_filename (folder, "prices.csv", NULL);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_get_contents (story_file, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "Data=prices.csv\n"));
  g_assert_false (atlas_story_get_modified (atlas_window_get_story (window)));

  /* Sent on, without the download: it opens at once. */
  g_assert_cmpint (g_rename (folder, sent), ==, 0);
  moved = g_build_filename (sent, "gathered.story", NULL);
  {
    g_autoptr (GFile) moved_file = g_file_new_for_path (moved);
    atlas_window_open_story (window, moved_file);
  }
  wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_null (find_dialog (window, "Read Files Outside the Story’s Folder?"));
  g_assert_cmpstr (atlas_story_get_path (atlas_window_get_story (window)), ==, moved);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  g_assert_true (test_remove_dir (root));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/story-window/write-a-story", test_write_a_story);
  g_test_add_func ("/story-window/received-story-asks", test_received_story_asks);
  g_test_add_func ("/story-window/save-gathers-data", test_save_gathers_data);
  return g_test_run ();
}
