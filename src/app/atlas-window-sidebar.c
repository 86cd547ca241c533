/* atlas-window-sidebar.c: the window's sidebar: the story's passages and the built-in datasets, each showing its chart. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-window-private.h"

#include <glib/gi18n.h>

/* A wrapped, left-aligned label for a sidebar row, from Pango markup. */
GtkWidget *
atlas_window_make_sidebar_label (const char *markup,
                                 int         vertical_margin)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, vertical_margin);
  gtk_widget_set_margin_bottom (label, vertical_margin);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  return label;
}

/* A dataset as the sidebar lists it: its title, then its span, when it
 * was last brought up to date, and its units. */
GtkWidget *
atlas_window_make_dataset_row (const AtlasDatasetInfo *info)
{
  g_autofree char *title = g_markup_escape_text (info->title, -1);
  g_autofree char *currency = atlas_dataset_info_describe_currency (info);
  g_autofree char *details = g_markup_printf_escaped ("%s · %s", currency, info->units);
  g_autofree char *markup = g_strdup_printf ("%s\n<small>%s</small>", title, details);

  return atlas_window_make_sidebar_label (markup, 3);
}

/* Scrolls the sidebar so that the row shown is in sight, without taking
 * the keyboard's focus from where it is: once the rows have their places,
 * as a story just loaded has none yet. Only the last row asked for
 * counts. */
static gboolean
scroll_sidebar_when_laid_out (GtkWidget     *widget,
                              GdkFrameClock *clock,
                              gpointer       data)
{
  AtlasWindow *self = data;
  GtkListBoxRow *row = g_steal_pointer (&self->sidebar_target);
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (widget));
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double value, page;

  self->sidebar_tick = 0;
  /* Places within the scrolled content, not within its window on it. */
  if (GTK_IS_VIEWPORT (content))
    content = gtk_viewport_get_child (GTK_VIEWPORT (content));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (widget));
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  if (row && gtk_widget_get_parent (GTK_WIDGET (row)) && content
      && gtk_widget_compute_bounds (GTK_WIDGET (row), content, &bounds))
    {
      if (bounds.origin.y < value)
        gtk_adjustment_set_value (adjustment, bounds.origin.y - 6);
      else if (bounds.origin.y + bounds.size.height > value + page)
        gtk_adjustment_set_value (adjustment, MIN (bounds.origin.y - 6, bounds.origin.y + bounds.size.height - page + 6));
    }
  g_clear_object (&row);
  return G_SOURCE_REMOVE;
}

static void
scroll_sidebar_to (AtlasWindow   *self,
                   GtkListBoxRow *row)
{
  if (!row)
    return;
  g_set_object (&self->sidebar_target, row);
  if (!self->sidebar_tick)
    self->sidebar_tick
      = gtk_widget_add_tick_callback (GTK_WIDGET (self->sidebar_scroller), scroll_sidebar_when_laid_out, self, NULL);
}

/* Shows a built-in dataset's own chart; FALSE, with a toast saying why,
 * when it cannot be charted. */
gboolean
atlas_window_show_dataset (AtlasWindow *self,
                           const char  *dataset)
{
  g_autoptr (GError) error = NULL;
  AtlasChartDefinition *definition;
  AtlasChart *chart;

  g_return_val_if_fail (ATLAS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (dataset != NULL, FALSE);

  chart = self->story ? atlas_story_build_dataset_chart (self->story, dataset, &error) : NULL;
  if (!chart)
    {
      if (error)
        atlas_window_show_status (self, error->message);
      return FALSE;
    }
  definition = atlas_chart_definition_new ();
  definition->dataset = g_strdup (dataset);
  atlas_document_show (self->document, ATLAS_DOCUMENT_SOURCE_DATASET, definition, chart,
                       atlas_story_get_title (self->story));
  for (guint i = 0; self->catalog && i < self->catalog->len; i++)
    if (g_str_equal (((AtlasDatasetInfo *) g_ptr_array_index (self->catalog, i))->id, dataset))
      {
        GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->dataset_list, (int) i);

        self->selecting = TRUE;
        gtk_list_box_select_row (self->dataset_list, row);
        self->selecting = FALSE;
        scroll_sidebar_to (self, row);
      }
  return TRUE;
}

static void
show_dataset_when_free (AtlasWindow *self,
                        gpointer     dataset)
{
  atlas_window_show_dataset (self, dataset);
}

/* A dataset chosen in the sidebar, by a click, Enter or the arrow keys,
 * shows at once (once the chart's changes are saved or let go); choosing
 * the one shown changes nothing. */
static void
on_dataset_activated (AtlasWindow   *self,
                      GtkListBoxRow *row)
{
  const AtlasDatasetInfo *info;

  if (!row || self->selecting || !self->catalog)
    return;
  info = g_ptr_array_index (self->catalog, (guint) gtk_list_box_row_get_index (row));
  if (g_strcmp0 (atlas_window_get_shown_dataset (self), info->id) != 0)
    atlas_window_confirm_discard (self, show_dataset_when_free, g_strdup (info->id), g_free);
}

static void
show_dataset_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  atlas_window_show_dataset (ATLAS_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

void
atlas_window_show_passage (AtlasWindow *self,
                           guint        index)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *builtin = NULL;
  AtlasChart *chart;

  g_return_if_fail (ATLAS_IS_WINDOW (self));
  g_return_if_fail (self->story && index < atlas_story_get_n_passages (self->story));

  chart = atlas_story_build_chart (self->story, index, &error);
  if (!chart)
    {
      atlas_window_show_status (self, error->message);
      return;
    }
  builtin = atlas_window_builtin_datasets_dir ();
  /* The passage left keeps what was changed of its chart. */
  atlas_window_keep_passage_chart (self);
  g_clear_pointer (&self->passage_shown_as, g_free);
  self->passage = (int) index;
  /* A short fade marks the change of passage; AdwAnimation skips it when
   * the system asks for reduced motion (animations off). */
  adw_animation_reset (self->passage_fade);
  adw_animation_play (self->passage_fade);
  if (self->settings && !atlas_window_story_is_own (self))
    g_settings_set_int (self->settings, "passage", (int) index);
  atlas_document_show (self->document, ATLAS_DOCUMENT_SOURCE_PASSAGE,
                       atlas_story_export_passage (self->story, index, builtin), chart,
                       atlas_story_get_title (self->story));
  atlas_window_remember_passage_chart (self);
  atlas_window_update_story (self);
  self->selecting = TRUE;
  gtk_list_box_unselect_all (self->dataset_list);
  gtk_list_box_select_row (self->passage_list, gtk_list_box_get_row_at_index (self->passage_list, (int) index));
  self->selecting = FALSE;
  scroll_sidebar_to (self, gtk_list_box_get_row_at_index (self->passage_list, (int) index));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-passage", index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-passage",
                                 index + 1 < atlas_story_get_n_passages (self->story));
}

/* A passage chosen in the sidebar, by a click, Enter or the arrow keys,
 * shows at once; choosing the one shown changes nothing. */
static void
show_passage_when_free (AtlasWindow *self,
                        gpointer     index)
{
  atlas_window_show_passage (self, GPOINTER_TO_UINT (index));
}

static void
on_passage_activated (AtlasWindow   *self,
                      GtkListBoxRow *row)
{
  if (row && !self->selecting && gtk_list_box_row_get_index (row) != self->passage)
    atlas_window_confirm_discard (self, show_passage_when_free,
                                  GUINT_TO_POINTER ((guint) gtk_list_box_row_get_index (row)), NULL);
}

static void
step_passage (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  int next = self->passage + (g_str_equal (action_name, "win.next-passage") ? 1 : -1);

  if (self->story && next >= 0 && next < (int) atlas_story_get_n_passages (self->story))
    atlas_window_confirm_discard (self, show_passage_when_free, GUINT_TO_POINTER ((guint) next), NULL);
}

/* Fills the sidebar with the story at path and shows its first passage.
 * A story naming files outside its own folder is refused here
 * (ATLAS_STORY_ERROR_OUTSIDE_FOLDER): atlas_window_open_story() asks. */
gboolean
atlas_window_load_story (AtlasWindow  *self,
                         const char   *path,
                         GError      **error)
{
  return atlas_window_load_story_trusting (self, path, FALSE, error);
}

AtlasStory *
atlas_window_get_story (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);
  return self->story;
}

int
atlas_window_get_passage (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), -1);
  return self->passage;
}

/* Where Tab goes from a sidebar list: each list is one stop, its rows
 * walked with the arrow keys; Tab goes on to the next list with rows
 * (your charts, the passages, the datasets), then to the chart or the
 * data, Shift+Tab back. NULL back from the first. */
static GtkWidget *
next_focus_stop (AtlasWindow *self,
                 GtkListBox  *list,
                 gboolean     backward)
{
  GtkListBox *order[] = { self->your_charts_list, self->passage_list, self->dataset_list };
  GtkListBox *to = NULL;
  GtkListBoxRow *row;
  int at = 0;

  if (list == self->dataset_list && !backward)
    return g_str_equal (adw_view_stack_get_visible_child_name (self->view_stack), "table")
             ? GTK_WIDGET (self->table_view)
             : GTK_WIDGET (self->chart_view);
  /* Into the next list that has rows: at the row shown, else the first. */
  for (int i = 0; i < (int) G_N_ELEMENTS (order); i++)
    if (order[i] == list)
      at = i;
  for (int i = at + (backward ? -1 : 1); i >= 0 && i < (int) G_N_ELEMENTS (order) && !to; i += backward ? -1 : 1)
    if (gtk_list_box_get_row_at_index (order[i], 0))
      to = order[i];
  if (!to)
    return NULL;
  row = gtk_list_box_get_selected_row (to);
  return GTK_WIDGET (row ? row : gtk_list_box_get_row_at_index (to, 0));
}

static gboolean
on_sidebar_key_pressed (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        AtlasWindow           *self)
{
  GtkListBox *list = GTK_LIST_BOX (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
  gboolean backward = keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK);
  GtkWidget *target;

  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_ISO_Left_Tab && keyval != GDK_KEY_KP_Tab)
    return FALSE;
  target = next_focus_stop (self, list, backward);
  if (!target && backward)
    {
      /* Before the first list: whatever comes before the sidebar. */
      gtk_widget_set_can_focus (GTK_WIDGET (self->sidebar_scroller), FALSE);
      gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_BACKWARD);
      gtk_widget_set_can_focus (GTK_WIDGET (self->sidebar_scroller), TRUE);
      return TRUE;
    }
  return target && gtk_widget_grab_focus (target);
}

/* A window under 1000 px wide keeps more of its width for the chart: the
 * sidebar narrows from 380 to 280 px (narrower still, it folds away).
 * Under 720 px the chart settings rise from the bottom, a sheet over the
 * lower part of the chart, rather than take a column beside it. */
static void
on_width_changed (AtlasWindow *self)
{
  int width = 0, height = 0;
  gboolean sheet;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  gtk_widget_set_size_request (GTK_WIDGET (self->sidebar_scroller), width > 0 && width < 1000 ? 280 : 380, -1);
  sheet = width > 0 && width < 720;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->settings_flap),
                                  sheet ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_set_size_request (GTK_WIDGET (self->chart_settings), sheet ? -1 : 340,
                               sheet ? MAX (height * 2 / 5, 240) : -1);
}

/* Where the header has no room for the Chart and Data switcher (its title
 * shows instead), the switcher shows at the bottom: set after the frame's
 * layout, as revealing the bar resizes the window's content. */
static void
reveal_switcher_bar (gpointer data)
{
  AtlasWindow *self = data;

  adw_view_switcher_bar_set_reveal (self->switcher_bar, adw_view_switcher_title_get_title_visible (self->window_title));
  g_object_unref (self);
}

static void
on_title_visible_changed (AtlasWindow *self)
{
  g_idle_add_once (reveal_switcher_bar, g_object_ref (self));
}

/* The chart settings are made and set before they slide in. */
static void
on_settings_revealed (AtlasWindow *self)
{
  if (adw_flap_get_reveal_flap (self->settings_flap))
    atlas_chart_settings_prepare (self->chart_settings);
}

/* Each sidebar list is one Tab stop; the sidebar narrows with the window. */
void
atlas_window_init_sidebar (AtlasWindow *self)
{
  GtkListBox *lists[] = { self->passage_list, self->your_charts_list, self->dataset_list };

  g_signal_connect (self, "notify::default-width", G_CALLBACK (on_width_changed), NULL);
  g_signal_connect (self, "notify::default-height", G_CALLBACK (on_width_changed), NULL);
  g_signal_connect_object (self->settings_flap, "notify::reveal-flap", G_CALLBACK (on_settings_revealed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->window_title, "notify::title-visible", G_CALLBACK (on_title_visible_changed), self,
                           G_CONNECT_SWAPPED);
  on_width_changed (self);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      GtkEventController *keys = gtk_event_controller_key_new ();

      gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
      g_signal_connect (keys, "key-pressed", G_CALLBACK (on_sidebar_key_pressed), self);
      gtk_widget_add_controller (GTK_WIDGET (lists[i]), keys);
    }
}

/* The sidebar's actions, keys and callbacks. */
void
atlas_window_class_init_sidebar (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_passage_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_dataset_activated);
  gtk_widget_class_install_action (widget_class, "win.show-dataset", "s", show_dataset_activated);
  gtk_widget_class_install_action (widget_class, "win.next-passage", NULL, step_passage);
  gtk_widget_class_install_action (widget_class, "win.previous-passage", NULL, step_passage);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "win.next-passage", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "win.previous-passage", NULL);
}
