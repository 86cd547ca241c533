/* atlas-window.c: the main window: a document's chart beside the story's passages, how its loading and problems show. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-window-private.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "atlas-accessible.h"
#include "atlas-data-dir.h"
#include "atlas-problems-dialog.h"
#include "atlas-settings.h"

G_DEFINE_FINAL_TYPE (AtlasWindow, atlas_window, ADW_TYPE_APPLICATION_WINDOW)

/* Says something in a toast, and keeps it for atlas_window_get_status(). */
void
atlas_window_show_status (AtlasWindow *self,
                          const char  *message)
{
  g_free (self->status);
  self->status = g_strdup (message);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* The path of file, or NULL with a toast saying why it cannot be read. */
char *
atlas_window_get_local_path (AtlasWindow *self,
                             GFile       *file)
{
  g_autoptr (GError) error = NULL;
  char *path = atlas_document_file_get_local_path (file, &error);

  if (!path)
    atlas_window_show_status (self, error->message);
  return path;
}

/* The folder of the built-in datasets, which chart files name by id. */
char *
atlas_window_builtin_datasets_dir (void)
{
  g_autofree char *data_dir = atlas_find_data_dir ();

  return g_build_filename (data_dir, "datasets", NULL);
}

/* Where chart files' references lead: the story's context when its
 * datasets are the built-in ones, so their tables are read once. */
AtlasChartContext *
atlas_window_get_chart_context (AtlasWindow *self)
{
  g_autofree char *builtin = NULL;
  g_autofree char *ours = NULL;

  if (self->builtin_context)
    return self->builtin_context;
  builtin = atlas_window_builtin_datasets_dir ();
  ours = self->story ? g_canonicalize_filename (atlas_story_get_datasets_dir (self->story), NULL) : NULL;
  if (ours && g_str_equal (ours, builtin))
    return atlas_story_get_context (self->story);
  self->builtin_context = atlas_chart_context_new (builtin);
  return self->builtin_context;
}

/* The document's chart shows its options in the menu (the chart and data
 * views follow the document themselves); a chart of a file or a dataset
 * is no passage of the story, and Page Down goes to the story's first. */
static void
on_chart_changed (AtlasWindow   *self,
                  AtlasDocument *document)
{
  AtlasChart *chart = atlas_document_get_chart (document);
  AtlasDocumentSource source = atlas_document_get_source (document);

  atlas_window_update_chart_options (self);
  adw_view_switcher_title_set_subtitle (self->window_title, atlas_document_get_title (document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", chart != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", chart != NULL);
  if (source == ATLAS_DOCUMENT_SOURCE_PASSAGE)
    return;
  self->passage = -1;
  self->selecting = TRUE;
  gtk_list_box_unselect_all (self->passage_list);
  if (source != ATLAS_DOCUMENT_SOURCE_DATASET)
    gtk_list_box_unselect_all (self->dataset_list);
  self->selecting = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-passage", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-passage", self->story != NULL);
}

/* A bar above the chart while a file is read, with how far it has come
 * and a button to stop. */
static void
on_busy_changed (AtlasWindow   *self,
                 GParamSpec    *pspec,
                 AtlasDocument *document)
{
  gboolean busy = atlas_document_get_busy (document);
  GFile *file = atlas_document_get_loading_file (document);

  if (busy && file)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *label = g_strdup_printf (_("Reading “%s”"), name);
      gtk_label_set_text (self->load_label, label);
    }
  gtk_revealer_set_reveal_child (self->load_revealer, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-open", busy);
}

static void
on_progress_changed (AtlasWindow   *self,
                     GParamSpec    *pspec,
                     AtlasDocument *document)
{
  gtk_progress_bar_set_fraction (self->load_progress, atlas_document_get_progress (document));
}

static void
on_file_changed (AtlasWindow   *self,
                 GParamSpec    *pspec,
                 AtlasDocument *document)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload", atlas_document_get_file (document) != NULL);
}

/* What loaded is charted; a bar above it says how much did not, and
 * where to look first, and stays until dismissed or another chart
 * shows. "Show Problems" lists them with their lines and columns. */
static void
on_problems_changed (AtlasWindow   *self,
                     GParamSpec    *pspec,
                     AtlasDocument *document)
{
  guint64 n_problems = atlas_document_get_n_problems (document);
  guint64 unreadable = atlas_document_get_n_unreadable_cells (document);
  const AtlasCsvProblem *first;
  GString *text;

  if (n_problems == 0)
    {
      gtk_info_bar_set_revealed (self->problems_bar, FALSE);
      return;
    }
  first = g_ptr_array_index (atlas_document_get_problems (document), 0);
  text = g_string_new (NULL);
  /* Translators: a file's name, then how many problems reading it had. */
  g_string_append_printf (text, ngettext ("%s: %" PRIu64 " problem.", "%s: %" PRIu64 " problems.", (gulong) n_problems),
                          atlas_document_get_problems_file (document), n_problems);
  if (unreadable > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, ngettext ("%" PRIu64 " cell could not be read and is left empty.",
                                              "%" PRIu64 " cells could not be read and are left empty.",
                                              (gulong) unreadable),
                              unreadable);
    }
  g_string_append_c (text, ' ');
  /* Translators: a line and a column of the file, then the reader's message. */
  g_string_append_printf (text, _("The first, at line %" PRIu64 ", column %u: %s."), first->line, first->column,
                          first->message);
  g_free (self->status);
  self->status = g_string_free (text, FALSE);
  gtk_label_set_text (self->problems_label, self->status);
  gtk_info_bar_set_revealed (self->problems_bar, TRUE);
}

static void
on_missing_data_changed (AtlasWindow   *self,
                         GParamSpec    *pspec,
                         AtlasDocument *document)
{
  if (atlas_document_get_missing_data (document))
    atlas_window_ask_to_locate_data (self);
}

static void
on_document_message (AtlasWindow   *self,
                     const char    *message,
                     AtlasDocument *document)
{
  atlas_window_show_status (self, message);
}

/* A file the document opened goes to the recent files. */
static void
on_document_opened (AtlasWindow   *self,
                    GFile         *file,
                    AtlasDocument *document)
{
  g_autofree char *uri = g_file_get_uri (file);

  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
}

/* A problem's cell, in the data view. */
static void
on_show_cell (AtlasWindow *self,
              guint64      row,
              int          column)
{
  adw_view_stack_set_visible_child_name (self->view_stack, "table");
  atlas_table_view_mark_cell (self->table_view, row, column);
}

/* A window listing the opened file's problems, each with its line and
 * column; a problem in a cell shows it in the data. NULL when there are
 * none. */
GtkWindow *
atlas_window_present_problems (AtlasWindow *self)
{
  AtlasProblemsDialog *dialog;

  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);

  if (atlas_document_get_n_problems (self->document) == 0)
    return NULL;
  dialog = atlas_problems_dialog_new (GTK_WINDOW (self), atlas_document_get_problems_file (self->document),
                                      atlas_document_get_problems (self->document),
                                      atlas_document_get_n_problems (self->document));
  g_signal_connect_object (dialog, "show-cell", G_CALLBACK (on_show_cell), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

/* Whether the bar telling of the opened file's problems shows. */
gboolean
atlas_window_is_showing_problems (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), FALSE);
  return gtk_info_bar_get_revealed (self->problems_bar);
}

static void
on_problems_response (AtlasWindow *self,
                      int          response)
{
  if (response == 1)
    atlas_window_present_problems (self);
  else
    gtk_info_bar_set_revealed (self->problems_bar, FALSE);
}

/* What the window shows: the chart, where it came from, its loading. */
AtlasDocument *
atlas_window_get_document (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);
  return self->document;
}

/* The last message the window showed in a toast or its problems bar, or NULL. */
const char *
atlas_window_get_status (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);
  return self->status;
}

/* The id of the built-in dataset whose own chart is shown, as the
 * document holds it; NULL when the chart is of something else. */
const char *
atlas_window_get_shown_dataset (AtlasWindow *self)
{
  const AtlasChartDefinition *definition = atlas_document_get_definition (self->document);

  if (atlas_document_get_source (self->document) != ATLAS_DOCUMENT_SOURCE_DATASET || !definition)
    return NULL;
  return definition->dataset;
}

/* Whether the sidebar is folded away for a narrow window. */
gboolean
atlas_window_is_sidebar_folded (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), FALSE);
  return adw_flap_get_folded (self->flap);
}

AtlasTableView *
atlas_window_get_table_view (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);
  return self->table_view;
}

/* Shows the chart ("chart") or its data ("table"). */
void
atlas_window_show_view (AtlasWindow *self,
                        const char  *name)
{
  g_return_if_fail (ATLAS_IS_WINDOW (self));
  adw_view_stack_set_visible_child_name (self->view_stack, name);
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

  if (self->document)
    {
      atlas_document_cancel (self->document);
      g_signal_handlers_disconnect_by_data (self->document, self);
    }
  g_clear_object (&self->document);
  g_clear_pointer (&self->import_memory, atlas_import_memory_free);
  g_clear_pointer (&self->status, g_free);
  if (self->sidebar_tick)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->sidebar_scroller), self->sidebar_tick);
  self->sidebar_tick = 0;
  g_clear_object (&self->sidebar_target);
  g_clear_object (&self->settings);
  g_clear_object (&self->chart_options);
  g_clear_pointer (&self->charts_by_x, g_hash_table_unref);
  g_clear_pointer (&self->your_charts, g_ptr_array_unref);
  g_clear_pointer (&self->after_save, g_ptr_array_unref);
  if (self->passage_fade)
    adw_animation_skip (self->passage_fade);
  g_clear_object (&self->passage_fade);
  g_clear_object (&self->recent_menu);
  g_clear_pointer (&self->export_choices, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_WINDOW);
  g_clear_pointer (&self->builtin_context, atlas_chart_context_unref);
  g_clear_pointer (&self->story, atlas_story_free);
  g_clear_pointer (&self->catalog, g_ptr_array_unref);
  g_clear_pointer (&self->passage_shown_as, g_free);
  g_clear_pointer (&self->deleted_passage, atlas_deleted_passage_free);
  G_OBJECT_CLASS (atlas_window_parent_class)->dispose (object);
}

static void
atlas_window_class_init (AtlasWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_window_dispose;

  g_type_ensure (ATLAS_TYPE_CHART_VIEW);
  g_type_ensure (ATLAS_TYPE_TABLE_VIEW);
  g_type_ensure (ATLAS_TYPE_CHART_SETTINGS);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/siliconatlas/SiliconAtlas/atlas-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, passage_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, chart_view);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, dataset_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, your_charts_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, your_charts_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, sidebar_scroller);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, settings_flap);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, chart_settings);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, table_view);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, load_revealer);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, load_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, load_progress);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, problems_bar);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, problems_label);
  gtk_widget_class_bind_template_callback (widget_class, on_problems_response);
  atlas_window_class_init_sidebar (widget_class);
  atlas_window_class_init_story (widget_class);
  atlas_window_class_init_actions (widget_class);
}

/* The window's size and the passage shown last, kept in GSettings when
 * the schema is installed (or compiled beside the build); without it the
 * window opens as designed and forgets. */
static void
restore_window_state (AtlasWindow *self)
{
  self->settings = atlas_settings_new ();
  if (!self->settings)
    return;
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}

static void
atlas_window_init (AtlasWindow *self)
{
  self->passage = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->document = atlas_document_new (NULL);
  g_signal_connect_object (self->document, "chart-changed", G_CALLBACK (on_chart_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::busy", G_CALLBACK (on_busy_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::progress", G_CALLBACK (on_progress_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::file", G_CALLBACK (on_file_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::n-problems", G_CALLBACK (on_problems_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::missing-data", G_CALLBACK (on_missing_data_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "message", G_CALLBACK (on_document_message), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "opened", G_CALLBACK (on_document_opened), self, G_CONNECT_SWAPPED);
  self->passage_fade
    = adw_timed_animation_new (GTK_WIDGET (self->chart_view), 0.25, 1, 220,
                               adw_property_animation_target_new (G_OBJECT (self->chart_view), "opacity"));
  adw_timed_animation_set_easing (ADW_TIMED_ANIMATION (self->passage_fade), ADW_EASE_OUT_CUBIC);
  atlas_chart_view_set_document (self->chart_view, self->document);
  atlas_table_view_set_document (self->table_view, self->document);
  restore_window_state (self);
  {
    g_autofree char *imports = g_build_filename (g_get_user_data_dir (), "silicon-atlas", "imports.ini", NULL);
    self->import_memory = atlas_import_memory_new (imports);
  }
  atlas_window_init_sidebar (self);
  atlas_window_init_story (self);
  atlas_window_init_chart_options (self);
  atlas_window_init_actions (self);
  atlas_window_init_your_charts (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-passage", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-passage", FALSE);
  atlas_accessible_name_controls (GTK_WIDGET (self));
}

/* GtkShortcutsWindow shows some keys by their raw names ("Page_Down",
 * "BackSpace"): each key cap in overlay is named as the key is printed. */
void
atlas_shortcuts_window_name_keys (GtkWidget *overlay)
{
  static const struct
  {
    const char *raw;
    const char *name;
  } names[] = {
    { "Page_Down", N_("Page Down") },
    { "Page_Up", N_("Page Up") },
    { "BackSpace", N_("Backspace") },
    { "bracketright", "]" },
    { "bracketleft", "[" },
    { "Return", N_("Enter") },
  };

  if (GTK_IS_LABEL (overlay))
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      if (g_strcmp0 (gtk_label_get_label (GTK_LABEL (overlay)), names[i].raw) == 0)
        gtk_label_set_label (GTK_LABEL (overlay), _(names[i].name));
  for (GtkWidget *child = gtk_widget_get_first_child (overlay); child; child = gtk_widget_get_next_sibling (child))
    atlas_shortcuts_window_name_keys (child);
}

AtlasWindow *
atlas_window_new (GtkApplication *application)
{
  AtlasWindow *self = g_object_new (ATLAS_TYPE_WINDOW, "application", application, NULL);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self));

  if (overlay)
    {
      atlas_shortcuts_window_name_keys (GTK_WIDGET (overlay));
      atlas_accessible_name_controls (GTK_WIDGET (overlay));
    }
  return self;
}
