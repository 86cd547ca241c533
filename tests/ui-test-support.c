/* ui-test-support.c: what the window tests share: waiting for frames and reads, screenshots, finding widgets. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ui-test-support.h"

/* Runs the main loop until widget has drawn n_frames more frames. */
void
wait_for_frames (GtkWidget *widget,
                 guint      n_frames)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 deadline = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
  gint64 start = clock ? gdk_frame_clock_get_frame_counter (clock) : 0;

  /* Frames come only when something asks for one. */
  gtk_widget_queue_draw (widget);

  while (g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      clock = gtk_widget_get_frame_clock (widget);
      if (clock && gdk_frame_clock_get_frame_counter (clock) >= start + n_frames && gtk_widget_get_mapped (widget))
        break;
      if (clock && gdk_frame_clock_get_frame_counter (clock) < start + n_frames)
        gtk_widget_queue_draw (widget);
    }
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Waits, up to a minute (Valgrind makes a sidebar of 200 rows slow),
 * for widget to show (a sidebar sliding in); TRUE when it does. */
gboolean
wait_for_mapped (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;

  while (!gtk_widget_get_mapped (widget) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  /* Then the frames that slide it fully in. */
  if (gtk_widget_get_mapped (widget))
    wait_for_frames (widget, 20);
  return gtk_widget_get_mapped (widget);
}

/* Saves what the window shows as a PNG beside the test's output, for
 * people to look at. */
void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("ATLAS_SCREENSHOT_DIR") ? g_getenv ("ATLAS_SCREENSHOT_DIR")
                                                                            : g_get_tmp_dir (),
                                            name, NULL);
  int width = 0, height = 0;

  /* A window just shown, or just changed, has its size and its picture
   * only after its next frames. */
  for (int attempt = 0; attempt < 3 && !node; attempt++)
    {
      g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();

      if (attempt > 0 || gtk_widget_get_width (widget) == 0)
        wait_for_frames (widget, 5);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  if (!node)
    g_test_message ("nothing to save of %s: %dx%d, mapped %d, visible %d", G_OBJECT_TYPE_NAME (widget), width, height,
                    gtk_widget_get_mapped (widget), gtk_widget_get_visible (widget));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* A window on the built-in story, not yet shown; the caller holds the one
 * reference and checks it is finalized. */
AtlasWindow *
new_story_window (void)
{
  g_autofree char *story_path = g_build_filename (g_getenv ("ATLAS_DATA_DIR"), "story", "silicon-self-reliance.story",
                                                  NULL);
  AtlasWindow *window = atlas_window_new (NULL);
  g_autoptr (GError) error = NULL;

  g_object_ref_sink (window);
  g_assert_true (atlas_window_load_story (window, story_path, &error));
  g_assert_no_error (error);
  return window;
}

/* The first widget, widget itself or inside it, that passes test, found
 * by walking its children in order. */
GtkWidget *
find_widget_where (GtkWidget    *widget,
                   WidgetTest    test,
                   gconstpointer data)
{
  if (test (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_where (child, test, data);
      if (found)
        return found;
    }
  return NULL;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

/* The first widget of type inside widget, found by walking its children. */
GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  return find_widget_where (widget, is_of_type, GSIZE_TO_POINTER (type));
}

/* Runs the main loop until the window has read its file. */
void
wait_for_loading (AtlasWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;

  while (atlas_document_get_busy (atlas_window_get_document (window)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (atlas_document_get_busy (atlas_window_get_document (window)));
}
