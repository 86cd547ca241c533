/* atlas-window.c: lists a story's passages and the built-in datasets, and shows the chart of the one activated. */
#include "atlas-window.h"

#include "atlas-dataset.h"
#include "atlas-story.h"

struct _AtlasWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  GtkListBox *passage_list;
  GtkListBox *dataset_list;
  AtlasChartView *chart_view;

  AtlasStory *story;
  GPtrArray *catalog; /* AtlasDatasetInfo, in the order the sidebar lists them */
  int passage;        /* -1 when no passage is shown */
};

G_DEFINE_FINAL_TYPE (AtlasWindow, atlas_window, ADW_TYPE_APPLICATION_WINDOW)

/* A wrapped, left-aligned label for a sidebar row, from Pango markup. */
static GtkWidget *
make_sidebar_label (const char *markup,
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

/* A passage as the sidebar shows it: a heading that opens it in bold. */
static GtkWidget *
make_passage_row (const AtlasStoryPassage *passage)
{
  const char *text = passage->text;
  const char *break_at = strstr (text, "\n\n");
  g_autofree char *markup = NULL;

  if (break_at && break_at - text < 100)
    {
      g_autofree char *heading = g_markup_escape_text (text, break_at - text);
      g_autofree char *body = g_markup_escape_text (break_at + 2, -1);
      markup = g_strdup_printf ("<b>%s</b>\n%s", heading, body);
    }
  else
    markup = g_markup_escape_text (text, -1);
  return make_sidebar_label (markup, 6);
}

/* A dataset as the sidebar lists it: its title, then its span and units. */
static GtkWidget *
make_dataset_row (const AtlasDatasetInfo *info)
{
  g_autofree char *title = g_markup_escape_text (info->title, -1);
  g_autofree char *details = g_markup_printf_escaped ("%s · %s", info->time_span, info->units);
  g_autofree char *markup = g_strdup_printf ("%s\n<small>%s</small>", title, details);

  return make_sidebar_label (markup, 3);
}

/* Shows a built-in dataset's own chart; FALSE, with a toast saying why,
 * when it cannot be charted. */
gboolean
atlas_window_show_dataset (AtlasWindow *self,
                           const char  *dataset)
{
  g_autoptr (GError) error = NULL;
  AtlasChart *chart;

  g_return_val_if_fail (ATLAS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (dataset != NULL, FALSE);

  chart = self->story ? atlas_story_build_dataset_chart (self->story, dataset, &error) : NULL;
  if (!chart)
    {
      if (error)
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return FALSE;
    }
  self->passage = -1;
  atlas_chart_view_set_chart (self->chart_view, chart);
  gtk_list_box_unselect_all (self->passage_list);
  for (guint i = 0; self->catalog && i < self->catalog->len; i++)
    if (g_str_equal (((AtlasDatasetInfo *) g_ptr_array_index (self->catalog, i))->id, dataset))
      {
        GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->dataset_list, (int) i);
        gtk_list_box_select_row (self->dataset_list, row);
        /* Focus scrolls the sidebar to the row, wherever the choice came from. */
        gtk_widget_grab_focus (GTK_WIDGET (row));
      }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-passage", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-passage", TRUE);
  return TRUE;
}

static void
on_dataset_activated (AtlasWindow   *self,
                      GtkListBoxRow *row)
{
  const AtlasDatasetInfo *info = g_ptr_array_index (self->catalog, (guint) gtk_list_box_row_get_index (row));

  atlas_window_show_dataset (self, info->id);
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
  AtlasChart *chart;

  g_return_if_fail (ATLAS_IS_WINDOW (self));
  g_return_if_fail (self->story && index < atlas_story_get_n_passages (self->story));

  chart = atlas_story_build_chart (self->story, index, &error);
  if (!chart)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  self->passage = (int) index;
  atlas_chart_view_set_chart (self->chart_view, chart);
  gtk_list_box_unselect_all (self->dataset_list);
  gtk_list_box_select_row (self->passage_list, gtk_list_box_get_row_at_index (self->passage_list, (int) index));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-passage", index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-passage",
                                 index + 1 < atlas_story_get_n_passages (self->story));
}

static void
on_passage_activated (AtlasWindow   *self,
                      GtkListBoxRow *row)
{
  atlas_window_show_passage (self, (guint) gtk_list_box_row_get_index (row));
}

static void
step_passage (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  int next = self->passage + (g_str_equal (action_name, "win.next-passage") ? 1 : -1);

  if (self->story && next >= 0 && next < (int) atlas_story_get_n_passages (self->story))
    atlas_window_show_passage (self, (guint) next);
}

/* Fills the sidebar with the story's passages and shows the first. */
gboolean
atlas_window_load_story (AtlasWindow  *self,
                         const char   *path,
                         GError      **error)
{
  AtlasStory *story = atlas_story_load (path, error);
  g_autoptr (GError) catalog_error = NULL;
  GtkWidget *child;

  g_return_val_if_fail (ATLAS_IS_WINDOW (self), FALSE);

  if (!story)
    return FALSE;
  g_clear_pointer (&self->story, atlas_story_free);
  self->story = story;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->passage_list))))
    gtk_list_box_remove (self->passage_list, child);
  for (guint i = 0; i < atlas_story_get_n_passages (story); i++)
    gtk_list_box_append (self->passage_list, make_passage_row (atlas_story_get_passage (story, i)));
  adw_window_title_set_subtitle (self->window_title, atlas_story_get_title (story));
  atlas_chart_view_set_sources (self->chart_view, atlas_story_get_sources (story));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->dataset_list))))
    gtk_list_box_remove (self->dataset_list, child);
  g_clear_pointer (&self->catalog, g_ptr_array_unref);
  self->catalog = atlas_dataset_catalog_load (atlas_story_get_datasets_dir (story), &catalog_error);
  if (!self->catalog)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (catalog_error->message));
  for (guint i = 0; self->catalog && i < self->catalog->len; i++)
    gtk_list_box_append (self->dataset_list, make_dataset_row (g_ptr_array_index (self->catalog, i)));

  atlas_window_show_passage (self, 0);
  return TRUE;
}

int
atlas_window_get_passage (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), -1);
  return self->passage;
}

AtlasChartView *
atlas_window_get_chart_view (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);
  return self->chart_view;
}

static void
atlas_window_dispose (GObject *object)
{
  AtlasWindow *self = ATLAS_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_WINDOW);
  g_clear_pointer (&self->story, atlas_story_free);
  g_clear_pointer (&self->catalog, g_ptr_array_unref);
  G_OBJECT_CLASS (atlas_window_parent_class)->dispose (object);
}

static void
atlas_window_class_init (AtlasWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_window_dispose;

  g_type_ensure (ATLAS_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/siliconatlas/SiliconAtlas/atlas-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, passage_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, chart_view);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, dataset_list);
  gtk_widget_class_bind_template_callback (widget_class, on_passage_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_dataset_activated);
  gtk_widget_class_install_action (widget_class, "win.show-dataset", "s", show_dataset_activated);

  gtk_widget_class_install_action (widget_class, "win.next-passage", NULL, step_passage);
  gtk_widget_class_install_action (widget_class, "win.previous-passage", NULL, step_passage);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "win.next-passage", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "win.previous-passage", NULL);
}

static void
atlas_window_init (AtlasWindow *self)
{
  self->passage = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-passage", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-passage", FALSE);
}

AtlasWindow *
atlas_window_new (GtkApplication *application)
{
  return g_object_new (ATLAS_TYPE_WINDOW, "application", application, NULL);
}
