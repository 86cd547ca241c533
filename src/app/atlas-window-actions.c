/* atlas-window-actions.c: the window's actions: open, import, recent files, chart files, save, reload, export and about. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-window-private.h"

#include <glib/gi18n.h>

#include "atlas-accessible.h"
#include "atlas-chart-export.h"
#include "atlas-dataset.h"
#include "atlas-file-chooser.h"

/* Export */

/* The chart's size on screen, the least an export starts from. */
static void
get_export_size (AtlasWindow *self,
                 double      *out_width,
                 double      *out_height)
{
  *out_width = MAX (gtk_widget_get_width (GTK_WIDGET (self->chart_view)), 480);
  *out_height = MAX (gtk_widget_get_height (GTK_WIDGET (self->chart_view)), 320);
}

/* Exports the chart as shown, zoom included, at the size it has on screen
 * (PNG at twice that, for sharp text); the format follows the extension. */
gboolean
atlas_window_export_to (AtlasWindow  *self,
                        const char   *path,
                        GError      **error)
{
  AtlasChart *chart;
  AtlasExportFormat format;
  double width, height;

  g_return_val_if_fail (ATLAS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  chart = atlas_document_get_chart (self->document);
  if (!chart)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no chart to export"));
      return FALSE;
    }
  if (!atlas_export_format_from_path (path, &format))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("%s: name the file .png, .svg or .pdf to choose its format"), path);
      return FALSE;
    }
  get_export_size (self, &width, &height);
  return atlas_chart_export (chart, path, width, height, format == ATLAS_EXPORT_PNG ? 2 : 1, error);
}

/* A button of the toast after an export, acting on the file written. */
static GtkWidget *
make_toast_button (const char *label,
                   const char *action,
                   const char *path)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", path);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

/* "Exported “chart.png”", with buttons to open the file and to show it
 * in its folder. */
void
atlas_window_show_exported (AtlasWindow *self,
                            const char  *path)
{
  g_autofree char *shown = g_filename_display_basename (path);
  g_autofree char *message = g_strdup_printf (_("Exported “%s”"), shown);
  GtkWidget *title = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (message);
  AdwToast *toast = adw_toast_new (message);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_box_append (GTK_BOX (title), label);
  gtk_box_append (GTK_BOX (title), make_toast_button (_("_Open"), "win.open-exported", path));
  gtk_box_append (GTK_BOX (title), make_toast_button (_("Show in _Folder"), "win.show-exported", path));
  atlas_accessible_name_controls (title);
  adw_toast_set_custom_title (toast, title);
  adw_toast_set_timeout (toast, 8);
  g_free (self->status);
  self->status = g_strdup (message);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_exported (AtlasExportDialog *dialog,
             const char        *path,
             AtlasWindow       *self)
{
  atlas_window_show_exported (self, path);
}

/* The toast's Open: the file in the app the desktop opens it with (through
 * the OpenURI portal in a sandbox). */
static void
open_exported_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  g_autoptr (GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));
  g_autofree char *uri = g_file_get_uri (file);

  gtk_show_uri (GTK_WINDOW (widget), uri, GDK_CURRENT_TIME);
}

/* A Show in Folder under way: the window, and the folder to open where
 * the file manager cannot be asked. */
typedef struct
{
  AtlasWindow *window;
  char *folder_uri;
} ShowRequest;

static void
show_request_free (ShowRequest *request)
{
  g_object_unref (request->window);
  g_free (request->folder_uri);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ShowRequest, show_request_free)

/* Where the file manager cannot be asked to point at the file, its
 * folder opens instead. */
static void
on_items_shown (GObject      *bus,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr (ShowRequest) request = data;
  g_autoptr (GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (bus), result, NULL);

  if (!reply)
    gtk_show_uri (GTK_WINDOW (request->window), request->folder_uri, GDK_CURRENT_TIME);
}

/* The toast's Show in Folder: the file manager opens the file's folder
 * with the file selected (org.freedesktop.FileManager1.ShowItems). */
static void
show_exported_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  g_autoptr (GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));
  g_autoptr (GFile) folder = g_file_get_parent (file);
  g_autofree char *uri = g_file_get_uri (file);
  const char *uris[] = { uri, NULL };
  g_autoptr (GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  ShowRequest *request;

  if (!bus || !folder)
    return;
  request = g_new0 (ShowRequest, 1);
  request->window = g_object_ref (ATLAS_WINDOW (widget));
  request->folder_uri = g_file_get_uri (folder);
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems", g_variant_new ("(^ass)", uris, ""), NULL,
                          G_DBUS_CALL_FLAGS_NONE, 5000, NULL, on_items_shown, request);
}

/* What the last export of a chart chose: format and size. */
typedef struct
{
  char *format;
  double width, height;
} ExportChoice;

static void
export_choice_free (gpointer data)
{
  ExportChoice *choice = data;

  g_free (choice->format);
  g_free (choice);
}

/* Which chart the window shows, to remember its export by: a passage, a
 * dataset, or the file it came from. */
static char *
export_choice_key (AtlasWindow *self)
{
  GFile *file = atlas_document_get_chart_file (self->document);

  if (self->passage >= 0)
    return g_strdup_printf ("passage:%d", self->passage);
  if (atlas_window_get_shown_dataset (self))
    return g_strdup_printf ("dataset:%s", atlas_window_get_shown_dataset (self));
  if (!file)
    file = atlas_document_get_file (self->document);
  return file ? g_file_get_uri (file) : NULL;
}

/* The choices of every chart exported, kept in GSettings where the
 * schema is installed (so they outlast the window), else for the window's
 * life. */
static GHashTable *
load_export_choices (AtlasWindow *self)
{
  g_autoptr (GVariant) saved = NULL;
  GVariantIter iter;
  const char *key, *format;
  double width, height;

  if (self->export_choices)
    return self->export_choices;
  self->export_choices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, export_choice_free);
  if (!self->settings)
    return self->export_choices;
  saved = g_settings_get_value (self->settings, "export-choices");
  g_variant_iter_init (&iter, saved);
  while (g_variant_iter_next (&iter, "{&s(&sdd)}", &key, &format, &width, &height))
    {
      ExportChoice *choice = g_new0 (ExportChoice, 1);

      choice->format = g_strdup (format);
      choice->width = width;
      choice->height = height;
      g_hash_table_replace (self->export_choices, g_strdup (key), choice);
    }
  return self->export_choices;
}

static void
remember_export (AtlasExportDialog *dialog,
                 const char        *path,
                 AtlasWindow       *self)
{
  char *key = g_object_get_data (G_OBJECT (dialog), "atlas-choice-key");
  GHashTable *choices = load_export_choices (self);
  ExportChoice *choice;

  if (!key)
    return;
  choice = g_new0 (ExportChoice, 1);
  g_object_get (dialog, "format", &choice->format, "width", &choice->width, "height", &choice->height, NULL);
  g_hash_table_replace (choices, g_strdup (key), choice);
  if (self->settings)
    {
      GVariantBuilder builder;
      GHashTableIter iter;
      gpointer name, value;

      g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{s(sdd)}"));
      g_hash_table_iter_init (&iter, choices);
      while (g_hash_table_iter_next (&iter, &name, &value))
        {
          const ExportChoice *each = value;
          g_variant_builder_add (&builder, "{s(sdd)}", (const char *) name, each->format, each->width, each->height);
        }
      g_settings_set_value (self->settings, "export-choices", g_variant_builder_end (&builder));
    }
}

/* The export dialog for the chart shown, as it is shown; NULL when there
 * is no chart. It comes back with the format and size this chart was last
 * exported at, and fits in the window. */
AtlasExportDialog *
atlas_window_present_export_dialog (AtlasWindow *self)
{
  AtlasChart *chart;
  AtlasExportDialog *dialog;
  double width, height;
  g_autofree char *key = NULL;
  const ExportChoice *choice;
  int dialog_width, dialog_height;

  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);

  chart = atlas_document_get_chart (self->document);
  if (!chart)
    return NULL;
  get_export_size (self, &width, &height);
  dialog = atlas_export_dialog_new (GTK_WINDOW (self), chart, width, height);
  key = export_choice_key (self);
  choice = key ? g_hash_table_lookup (load_export_choices (self), key) : NULL;
  if (choice)
    g_object_set (dialog, "format", choice->format, "width", choice->width, "height", choice->height, NULL);
  g_object_set_data_full (G_OBJECT (dialog), "atlas-choice-key", g_steal_pointer (&key), g_free);
  /* No taller or wider than the window it serves (its page scrolls). */
  gtk_window_get_default_size (GTK_WINDOW (dialog), &dialog_width, &dialog_height);
  if (gtk_widget_get_height (GTK_WIDGET (self)) > 0)
    gtk_window_set_default_size (GTK_WINDOW (dialog), MIN (dialog_width, gtk_widget_get_width (GTK_WIDGET (self)) - 48),
                                 MIN (dialog_height, gtk_widget_get_height (GTK_WIDGET (self)) - 48));
  g_signal_connect_object (dialog, "exported", G_CALLBACK (remember_export), self, 0);
  g_signal_connect_object (dialog, "exported", G_CALLBACK (on_exported), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  atlas_window_present_export_dialog (ATLAS_WINDOW (widget));
}

static void
export_to_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  g_autoptr (GError) error = NULL;

  if (!atlas_window_export_to (self, g_variant_get_string (parameter, NULL), &error))
    atlas_window_show_status (self, error->message);
}

/* Opening files */

/* The file chooser's filters for CSV and text tables, and for charts. */
static void
add_table_filter (GListStore *filters)
{
  const char *types[] = { "text/csv", "text/tab-separated-values", NULL };
  const char *patterns[] = { "*.csv", "*.tsv", "*.txt", NULL };

  atlas_file_filters_add (filters, _("CSV and text tables"), types, patterns);
}

static void
add_chart_filter (GListStore *filters)
{
  const char *types[] = { "application/x-silicon-atlas-chart", NULL };
  const char *patterns[] = { "*.atlaschart", NULL };

  atlas_file_filters_add (filters, _("Silicon Atlas charts"), types, patterns);
}

/* Reads file with the choices remembered for it, or as the reader
 * detects, without asking. */
void
atlas_window_open_file (AtlasWindow *self,
                        GFile       *file)
{
  g_autofree char *uri = NULL;
  g_autoptr (AtlasImportSettings) remembered = NULL;

  g_return_if_fail (ATLAS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  uri = g_file_get_uri (file);
  remembered = atlas_import_memory_lookup_file (self->import_memory, uri);
  atlas_document_open_file (self->document, file, remembered);
}

/* Reads file with settings, and remembers them for it. */
void
atlas_window_open_file_with (AtlasWindow               *self,
                             GFile                     *file,
                             const AtlasImportSettings *settings)
{
  g_autofree char *uri = NULL;
  g_autoptr (GError) error = NULL;

  g_return_if_fail (ATLAS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (settings != NULL);

  uri = g_file_get_uri (file);
  if (!atlas_import_memory_remember_file (self->import_memory, uri, settings, &error))
    {
      g_autofree char *message
        = g_strdup_printf (_("Could not remember how to read this file: %s"), error->message);
      atlas_window_show_status (self, message);
    }
  atlas_document_open_file (self->document, file, settings);
}

static void
on_import_chosen (AtlasImportDialog         *dialog,
                  const AtlasImportSettings *settings,
                  AtlasWindow               *self)
{
  atlas_window_open_file_with (self, g_object_get_data (G_OBJECT (dialog), "file"), settings);
}

/* The import dialog for file, starting from the choices remembered for
 * it: what the reader detects, a preview, and every setting to change. */
AtlasImportDialog *
atlas_window_import_file (AtlasWindow *self,
                          GFile       *file)
{
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  g_autoptr (AtlasImportSettings) remembered = NULL;
  AtlasImportDialog *dialog;

  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = atlas_window_get_local_path (self, file);
  if (!path)
    return NULL;
  if (g_str_has_suffix (path, ".story"))
    {
      atlas_window_open_story (self, file);
      return NULL;
    }
  if (g_str_has_suffix (path, ".atlaschart"))
    {
      /* What went wrong reading it is said by the document. */
      atlas_document_open_chart_file (self->document, file);
      return NULL;
    }
  uri = g_file_get_uri (file);
  remembered = atlas_import_memory_lookup_file (self->import_memory, uri);
  dialog = atlas_import_dialog_new (GTK_WINDOW (self), file, self->import_memory, remembered);
  g_object_set_data_full (G_OBJECT (dialog), "file", g_object_ref (file), g_object_unref);
  g_signal_connect_object (dialog, "import", G_CALLBACK (on_import_chosen), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
import_file (AtlasWindow *self,
             gpointer     file)
{
  atlas_window_import_file (self, G_FILE (file));
}

/* Another file takes the chart's place once its changes are saved or let go. */
static void
import_when_free (AtlasWindow *self,
                  GFile       *file)
{
  atlas_window_confirm_discard (self, import_file, g_object_ref (file), g_object_unref);
}

static void
on_file_to_open_chosen (GFile   *file,
                        gpointer data)
{
  if (file)
    import_when_free (ATLAS_WINDOW (data), file);
}

static void
open_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  g_autoptr (GListStore) filters = atlas_file_filters_new ();
  const char *openable_types[] = { "text/csv", "text/tab-separated-values", "application/x-silicon-atlas-chart",
                                   "application/x-silicon-atlas-story", NULL };
  const char *openable_patterns[] = { "*.csv", "*.tsv", "*.txt", "*.atlaschart", "*.story", NULL };
  const char *story_types[] = { "application/x-silicon-atlas-story", NULL };
  const char *story_patterns[] = { "*.story", NULL };
  const char *every_pattern[] = { "*", NULL };

  atlas_file_filters_add (filters, _("Tables, charts and stories"), openable_types, openable_patterns);
  add_table_filter (filters);
  add_chart_filter (filters);
  atlas_file_filters_add (filters, _("Silicon Atlas stories"), story_types, story_patterns);
  atlas_file_filters_add (filters, _("All files"), NULL, every_pattern);
  atlas_file_chooser_open (GTK_WINDOW (widget), _("Open a CSV File, Chart or Story"), G_LIST_MODEL (filters),
                           on_file_to_open_chosen, g_object_ref (widget), g_object_unref);
}

/* The file chosen in place of a chart file's missing data, or none. */
static void
on_data_located (GFile   *file,
                 gpointer data)
{
  AtlasWindow *self = data;

  if (file)
    atlas_document_locate_data (self->document, file);
  else
    atlas_document_forget_missing_data (self->document);
}

static void
on_locate_response (AdwMessageDialog *dialog,
                    const char       *response,
                    AtlasWindow      *self)
{
  g_autoptr (GListStore) filters = atlas_file_filters_new ();

  if (!g_str_equal (response, "locate"))
    {
      on_data_located (NULL, self);
      return;
    }
  add_table_filter (filters);
  atlas_file_chooser_open (GTK_WINDOW (self), _("Locate the Chart’s Data"), G_LIST_MODEL (filters), on_data_located,
                           g_object_ref (self), g_object_unref);
}

/* The chart file's data is not where it says: asks where it went. */
void
atlas_window_ask_to_locate_data (AtlasWindow *self)
{
  const AtlasChartDefinition *unlocated = atlas_document_get_unlocated (self->document);
  g_autofree char *chart_name = NULL;
  AdwMessageDialog *dialog;

  g_return_if_fail (unlocated != NULL);

  chart_name = g_file_get_basename (atlas_document_get_unlocated_chart_file (self->document));
  g_free (self->status);
  /* Translators: a chart file's name, then the data file it names, then where that was looked for. */
  self->status = g_strdup_printf (_("“%s” draws “%s”, which is not at %s. Find the file to draw the chart."),
                                  chart_name, unlocated->data, atlas_document_get_missing_data (self->document));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Chart Data Not Found"), self->status));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "locate", _("_Locate…"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "locate", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "locate");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_locate_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Saving */

/* Saves the chart shown, as it shows now (type, columns, view, notes),
 * as a chart file at file; FALSE with a toast saying why when it cannot. */
gboolean
atlas_window_save_chart (AtlasWindow *self,
                         GFile       *file)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  g_autofree char *uri = NULL;

  g_return_val_if_fail (ATLAS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_basename (file);
  if (!atlas_document_save (self->document, file, &error))
    {
      /* Translators: a chart file's name, then why it could not be written. */
      message = g_strdup_printf (_("Could not save “%s”: %s"), name, error->message);
      atlas_window_show_status (self, message);
      return FALSE;
    }
  uri = g_file_get_uri (file);
  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  message = g_strdup_printf (_("Saved “%s”"), name);
  atlas_window_show_status (self, message);
  atlas_window_run_after_save (self);
  return TRUE;
}

static void
on_save_file_chosen (GFile   *file,
                     gpointer data)
{
  g_autofree char *path = NULL;
  g_autoptr (GFile) named = NULL;

  /* Not saved: what waited for the save waits no more. */
  if (!file)
    {
      g_ptr_array_set_size (ATLAS_WINDOW (data)->after_save, 0);
      return;
    }
  /* A name typed without the ending gets it, so the file opens again as a chart. */
  path = g_file_get_path (file);
  if (path && !g_str_has_suffix (path, ".atlaschart"))
    {
      g_autofree char *with_ending = g_strconcat (path, ".atlaschart", NULL);
      named = g_file_new_for_path (with_ending);
    }
  atlas_window_save_chart (ATLAS_WINDOW (data), named ? named : file);
}

static void
save_as_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  AtlasChart *chart = atlas_document_get_chart (self->document);
  GFile *chart_file = atlas_document_get_chart_file (self->document);
  const char *title = chart ? atlas_chart_get_spec (chart)->title : NULL;
  g_autoptr (GListStore) filters = atlas_file_filters_new ();
  g_autofree char *name = NULL;

  if (chart_file)
    name = g_file_get_basename (chart_file);
  else
    {
      g_autofree char *base = g_strdup (title && *title ? title : _("Chart"));
      g_strdelimit (base, G_DIR_SEPARATOR_S, '-');
      name = g_strconcat (base, ".atlaschart", NULL);
    }
  add_chart_filter (filters);
  atlas_file_chooser_save (GTK_WINDOW (self), _("Save Chart"), _("_Save"), name, G_LIST_MODEL (filters),
                           on_save_file_chosen, g_object_ref (self), g_object_unref);
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  GFile *chart_file = atlas_document_get_chart_file (self->document);

  /* A passage of one's own story is kept by the story. */
  if (atlas_window_story_is_own (self) && atlas_document_get_source (self->document) == ATLAS_DOCUMENT_SOURCE_PASSAGE)
    gtk_widget_activate_action (widget, "win.save-story", NULL);
  else if (chart_file)
    atlas_window_save_chart (self, chart_file);
  else
    save_as_activated (widget, "win.save-as", NULL);
}

/* Reloading */

/* Reads the file shown again, as it was read, keeping the chart as it is:
 * its type, columns, view, notes and series switched off. */
gboolean
atlas_window_reload (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), FALSE);
  return atlas_document_reload (self->document);
}

static void
reload_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  atlas_window_reload (ATLAS_WINDOW (widget));
}

static void
cancel_open_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  atlas_document_cancel (ATLAS_WINDOW (widget)->document);
}

/* Recent files */

static gint
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  GDateTime *first = gtk_recent_info_get_modified (*(GtkRecentInfo **) a);
  GDateTime *second = gtk_recent_info_get_modified (*(GtkRecentInfo **) b);

  return g_date_time_compare (second, first);
}

/* The open button's menu: the files this app opened lately that are
 * still there, newest first; no menu when there are none. */
static void
update_recent_menu (AtlasWindow *self)
{
  const guint most = 8;
  /* NULL in a process that never named itself (a window made outside the
   * application, as the benchmarks do): then no item can be told ours. */
  const char *app_name = g_get_application_name ();
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  g_autoptr (GPtrArray) ours = g_ptr_array_new_with_free_func ((GDestroyNotify) gtk_recent_info_unref);

  for (GList *l = items; l && app_name; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      if (gtk_recent_info_has_application (info, app_name) && gtk_recent_info_exists (info))
        g_ptr_array_add (ours, gtk_recent_info_ref (info));
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  g_ptr_array_sort (ours, compare_newest_first);

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; i < MIN (ours->len, most); i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (ours, i);
      g_autoptr (GMenuItem) item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);

      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (gtk_recent_info_get_uri (info)));
      g_menu_append_item (self->recent_menu, item);
    }
  adw_split_button_set_menu_model (self->open_button, ours->len > 0 ? G_MENU_MODEL (self->recent_menu) : NULL);
}

/* The files offered under the open button, for tests to look at. */
GMenuModel *
atlas_window_get_recent_menu (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);
  return G_MENU_MODEL (self->recent_menu);
}

static void
open_recent_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_autoptr (GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  import_when_free (ATLAS_WINDOW (widget), file);
}

/* The rest */

static void
toggle_sidebar_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
toggle_settings_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  adw_flap_set_reveal_flap (self->settings_flap, !adw_flap_get_reveal_flap (self->settings_flap));
}

static void
undo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  atlas_document_undo (ATLAS_WINDOW (widget)->document);
}

static void
redo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  atlas_document_redo (ATLAS_WINDOW (widget)->document);
}

/* Undo and redo are there while there is an edit to step through. */
static void
on_history_changed (AtlasWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", atlas_document_get_can_undo (self->document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", atlas_document_get_can_redo (self->document));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         AtlasWindow   *self)
{
  GSList *files = G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) ? g_value_get_boxed (value) : NULL;

  if (!files)
    return FALSE;
  atlas_window_import_file (self, files->data);
  return TRUE;
}

/* The about window, crediting every publisher the datasets cite, and
 * saying how current each dataset is. */
void
atlas_window_present_about (AtlasWindow *self)
{
  const char *developers[] = { _("The Silicon Atlas developers"), NULL };
  g_autoptr (GPtrArray) publishers = NULL;
  GtkWidget *about;

  g_return_if_fail (ATLAS_IS_WINDOW (self));

  publishers = self->story ? atlas_story_list_publishers (self->story) : g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (publishers, NULL);

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", self,
                        "application-name", "Silicon Atlas",
                        "application-icon", ATLAS_APP_ID,
                        "developer-name", developers[0],
                        "version", ATLAS_VERSION,
                        "comments", _("Charts of China’s push for semiconductor self-reliance under U.S. "
                                      "export controls, beside the article they illustrate."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: your names, one a line, to be thanked in the about window. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  if (publishers->len > 1)
    adw_about_window_add_credit_section (ADW_ABOUT_WINDOW (about), _("Data sources"),
                                         (const char **) publishers->pdata);
  if (self->catalog && self->catalog->len > 0)
    {
      g_autoptr (GPtrArray) datasets = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < self->catalog->len; i++)
        {
          const AtlasDatasetInfo *info = g_ptr_array_index (self->catalog, i);
          g_autofree char *currency = atlas_dataset_info_describe_currency (info);
          /* Translators: a dataset's title, then the years it spans and when it was last brought up to date. */
          g_ptr_array_add (datasets, g_strdup_printf (_("%s (%s)"), info->title, currency));
        }
      g_ptr_array_add (datasets, NULL);
      adw_about_window_add_credit_section (ADW_ABOUT_WINDOW (about), _("Datasets"), (const char **) datasets->pdata);
    }
  atlas_accessible_name_controls (about);
  gtk_window_present (GTK_WINDOW (about));
}

/* Ctrl+D: from the chart to its data and back. */
static void
toggle_view_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  gboolean table = g_str_equal (adw_view_stack_get_visible_child_name (self->view_stack), "table");

  atlas_window_show_view (self, table ? "chart" : "table");
}

/* The window's actions and their keys. */
void
atlas_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.toggle-view", NULL, toggle_view_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.toggle-view", NULL);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_activated);
  gtk_widget_class_install_action (widget_class, "win.toggle-settings", NULL, toggle_settings_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, 0, "win.toggle-settings", NULL);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_activated);
  gtk_widget_class_install_action (widget_class, "win.cancel-open", NULL, cancel_open_activated);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_activated);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel-open", NULL);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as",
                                       NULL);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "win.open-exported", "s", open_exported_activated);
  gtk_widget_class_install_action (widget_class, "win.show-exported", "s", show_exported_activated);
  gtk_widget_class_install_action (widget_class, "win.export-to", "s", export_to_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
}

/* The recent files' menu, and files dropped on the window; nothing to
 * reload, stop or save until a chart shows. */
void
atlas_window_init_actions (AtlasWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  self->recent_menu = g_menu_new ();
  update_recent_menu (self);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed", G_CALLBACK (update_recent_menu), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-open", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", FALSE);
  g_signal_connect_object (self->document, "notify::can-undo", G_CALLBACK (on_history_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::can-redo", G_CALLBACK (on_history_changed), self,
                           G_CONNECT_SWAPPED);
  on_history_changed (self);
}
