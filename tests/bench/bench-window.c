/* bench-window.c: the window's own timings: launch to the first drawn frame of the story, frame times while panning three series of 1,000,000 points at 1200x800, and the import preview's update on a 100 MB file. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <math.h>
#include <stdio.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "bench-random-walks.h"
#include "atlas-window.h"

#define LAUNCHES 7
#define PAN_FRAMES 240
#define PAN_ROWS 1000000
#define PREVIEW_FILE_BYTES (100 * 1024 * 1024)
#define PREVIEW_CHANGES 24

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Child mode: start as the app does, print the monotonic clock when the
 * window's first frame has been painted, and quit. */
static void
on_first_paint (GdkFrameClock *clock,
                gpointer       data)
{
  printf ("%" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (clock, on_first_paint, data);
  *(gboolean *) data = TRUE;
}

static void
on_window_realize (GtkWidget *window,
                   gpointer   data)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_first_paint), data);
}

static int
run_first_frame_child (const char *story)
{
  gboolean painted = FALSE;
  AtlasWindow *window;
  g_autoptr (GError) error = NULL;

  gtk_init ();
  adw_init ();
  window = atlas_window_new (NULL);
  g_signal_connect (window, "realize", G_CALLBACK (on_window_realize), &painted);
  if (!atlas_window_load_story (window, story, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  gtk_window_present (GTK_WINDOW (window));
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

/* Launch to first frame: from just before the process is spawned to the
 * end of its first paint, on the one monotonic clock. */
static void
measure_launches (const char *self_path,
                  const char *story)
{
  double times[LAUNCHES];

  for (guint i = 0; i < LAUNCHES; i++)
    {
      const char *argv[] = { self_path, "--first-frame", story, NULL };
      g_autofree char *out = NULL;
      g_autoptr (GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      int status;

      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error)
          || !g_spawn_check_wait_status (status, &error))
        {
          fprintf (stderr, "launch failed: %s\n", error->message);
          exit (1);
        }
      times[i] = (g_ascii_strtoll (out, NULL, 10) - start) / 1000.0;
    }
  qsort (times, LAUNCHES, sizeof (double), compare_doubles);
  printf ("launch to first frame of the story: median %.0f ms of %d launches (min %.0f, max %.0f; target 300 ms)\n",
          times[LAUNCHES / 2], LAUNCHES, times[0], times[LAUNCHES - 1]);
}

typedef struct
{
  AtlasChartView *view;
  GdkFrameClock *clock;
  gint64 paint_start;
  double frame_ms[PAN_FRAMES];
  guint n_frames;
  guint tick;
} PanRun;

/* A frame's work: from the end of the frame clock's update phase (this
 * handler runs after the tick callback that moved the view) to the end of
 * its paint: layout, snapshot and render. */
static void
on_after_update (GdkFrameClock *clock,
                  PanRun        *run)
{
  run->paint_start = g_get_monotonic_time ();
}

static void
on_after_paint (GdkFrameClock *clock,
                PanRun        *run)
{
  if (run->paint_start && run->tick > 2 && run->n_frames < PAN_FRAMES)
    run->frame_ms[run->n_frames++] = (g_get_monotonic_time () - run->paint_start) / 1000.0;
  run->paint_start = 0;
}

/* Each frame pans as a steady drag would: 40 frames one way, then back,
 * zoomed in to a fifth of the data after the first sweep. */
static gboolean
pan_tick (GtkWidget     *widget,
          GdkFrameClock *clock,
          gpointer       data)
{
  PanRun *run = data;

  run->tick++;
  if (run->tick == 60)
    atlas_chart_view_zoom (run->view, 5, gtk_widget_get_width (widget) / 2.0);
  else
    atlas_chart_view_pan (run->view, (run->tick / 40) % 2 == 0 ? -12 : 12);
  return run->n_frames < PAN_FRAMES ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
measure_panning (const char *story)
{
  AtlasWindow *window = atlas_window_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (AtlasTable) table = bench_make_random_walks (PAN_ROWS);
  AtlasChartSpec spec;
  PanRun run = { 0 };
  gint64 deadline;
  guint over_budget = 0;

  g_object_ref_sink (window);
  atlas_window_load_story (window, story, &error);
  run.view = atlas_window_get_chart_view (window);
  atlas_chart_spec_init (&spec);
  spec.x_column = g_strdup ("t");
  spec.y_columns = g_strsplit ("a,b,c", ",", -1);
  spec.title = g_strdup ("Three random walks of 1,000,000 steps");
  atlas_chart_view_set_chart (run.view, atlas_chart_new (table, &spec, NULL));
  atlas_chart_spec_clear (&spec);

  /* The chart view itself at 1200x800, whatever the sidebar takes. */
  gtk_widget_set_size_request (GTK_WIDGET (run.view), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (run.view)))
    g_main_context_iteration (NULL, TRUE);
  run.clock = gtk_widget_get_frame_clock (GTK_WIDGET (run.view));
  g_signal_connect (run.clock, "update", G_CALLBACK (on_after_update), &run);
  g_signal_connect (run.clock, "after-paint", G_CALLBACK (on_after_paint), &run);
  gtk_widget_add_tick_callback (GTK_WIDGET (run.view), pan_tick, &run, NULL);

  deadline = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;
  while (run.n_frames < PAN_FRAMES && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_data (run.clock, &run);

  for (guint i = 0; i < run.n_frames; i++)
    over_budget += run.frame_ms[i] > 16;
  qsort (run.frame_ms, run.n_frames, sizeof (double), compare_doubles);
  if (run.n_frames == 0)
    printf ("panning: no frames were drawn\n");
  else
    printf ("panning 3 x %d points at %dx%d: median %.2f ms, 95th percentile %.2f ms per frame over %u frames, "
            "%u over 16 ms (targets 8 and 16 ms)\n",
            PAN_ROWS, gtk_widget_get_width (GTK_WIDGET (run.view)), gtk_widget_get_height (GTK_WIDGET (run.view)),
            run.frame_ms[run.n_frames / 2], run.frame_ms[(guint) (run.n_frames * 0.95)], run.n_frames, over_budget);
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
}

/* A 100 MB file as people bring them: semicolons, decimal commas, day
 * first dates, a text column. */
static char *
write_preview_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("atlas-bench-import-XXXXXX", NULL);
  char *path = g_build_filename (dir, "large.csv", NULL);
  FILE *out = fopen (path, "w");
  guint64 written = 0;

  g_assert (out != NULL);
  written += fprintf (out, "date;region;capacity;revenue;share;note\n");
  for (guint i = 0; written < PREVIEW_FILE_BYTES; i++)
    written += fprintf (out, "%02u/%02u/%u;Region %u;%u,%u;%u.%03u,%u;%u,%u%%;batch %u\n", i % 28 + 1, i % 12 + 1,
                        1990 + i % 35, i % 40, i % 977, i % 10, i % 90, i % 1000, i % 100, i % 60, i % 10, i);
  fclose (out);
  return path;
}

static void
on_preview_painted (GdkFrameClock *clock,
                    gpointer       data)
{
  *(gboolean *) data = TRUE;
}

/* Median and slowest time from a change of setting in the import dialog
 * to the preview drawn with it, on a 100 MB file. */
static void
measure_import_preview (const char *story)
{
  g_autofree char *path = write_preview_file ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  AtlasWindow *window = atlas_window_new (NULL);
  g_autoptr (GError) error = NULL;
  AtlasImportDialog *dialog;
  GdkFrameClock *clock;
  double ms[PREVIEW_CHANGES];
  gboolean painted = FALSE;

  g_object_ref_sink (window);
  atlas_window_load_story (window, story, &error);
  gtk_window_present (GTK_WINDOW (window));
  dialog = atlas_window_import_file (window, file);
  while (!gtk_widget_get_mapped (GTK_WIDGET (dialog)))
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (dialog));
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_preview_painted), &painted);

  for (guint i = 0; i < PREVIEW_CHANGES; i++)
    {
      g_autoptr (AtlasImportSettings) settings = atlas_import_settings_new ();
      AtlasCsvOptions *o = atlas_import_settings_get_options (settings);
      gint64 start = g_get_monotonic_time ();

      /* A different choice each time: decimal mark, date order, a column. */
      if (i % 3 == 0)
        o->decimal_mark = i % 2 ? ',' : '.';
      else if (i % 3 == 1)
        o->date_order = i % 2 ? ATLAS_DATE_ORDER_DAY_FIRST : ATLAS_DATE_ORDER_MONTH_FIRST;
      else
        atlas_import_settings_set_column_choice (settings, 5, i % 2 ? ATLAS_COLUMN_CHOICE_IGNORE
                                                                    : ATLAS_COLUMN_CHOICE_TEXT);
      painted = FALSE;
      atlas_import_dialog_set_settings (dialog, settings);
      gtk_widget_queue_draw (GTK_WIDGET (dialog));
      while (!painted)
        g_main_context_iteration (NULL, TRUE);
      ms[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  g_signal_handlers_disconnect_by_data (clock, &painted);
  qsort (ms, PREVIEW_CHANGES, sizeof (double), compare_doubles);
  printf ("import preview of a 100 MB file: a change drawn in median %.1f ms, slowest %.1f ms over %d changes "
          "(target 100 ms)\n",
          ms[PREVIEW_CHANGES / 2], ms[PREVIEW_CHANGES - 1], PREVIEW_CHANGES);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  const char *story = g_getenv ("ATLAS_STORY");

  if (argc == 3 && g_str_equal (argv[1], "--first-frame"))
    return run_first_frame_child (argv[2]);
  if (!story)
    {
      fprintf (stderr, "set ATLAS_STORY to the story to open\n");
      return 1;
    }
  measure_launches (argv[0], story);
  fflush (stdout);
  gtk_init ();
  adw_init ();
  measure_panning (story);
  fflush (stdout);
  measure_import_preview (story);
  return 0;
}
