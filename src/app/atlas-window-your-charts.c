/* atlas-window-your-charts.c: your charts in the sidebar, the window's title, and asking before changes are lost. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-window-private.h"

#include <glib/gi18n.h>

#include "atlas-dataset.h"

struct _AtlasWindowThen
{
  AtlasWindowThenFunc func;
  gpointer data;
  GDestroyNotify destroy;
};

static AtlasWindowThen *
then_new (AtlasWindowThenFunc func,
          gpointer            data,
          GDestroyNotify      destroy)
{
  AtlasWindowThen *then = g_new (AtlasWindowThen, 1);

  *then = (AtlasWindowThen) { func, data, destroy };
  return then;
}

static void
then_free (gpointer data)
{
  AtlasWindowThen *then = data;

  if (then->destroy)
    then->destroy (then->data);
  g_free (then);
}

static void
then_run (AtlasWindow     *self,
          AtlasWindowThen *then)
{
  then->func (self, then->data);
}

/* The name what is shown goes by: its chart's title, else the file's. */
static char *
shown_name (AtlasWindow *self)
{
  AtlasChart *chart = atlas_document_get_chart (self->document);
  const char *title = chart ? atlas_chart_get_spec (chart)->title : NULL;
  GFile *file = atlas_document_get_chart_file (self->document);

  if (title && *title)
    return g_strdup (title);
  if (!file)
    file = atlas_document_get_file (self->document);
  return file ? g_file_get_basename (file) : g_strdup (_("Chart"));
}

/* The window's title names what it shows, marked while it has changes
 * not saved, for the window list and the task switcher. */
static void
update_title (AtlasWindow *self)
{
  g_autofree char *name = shown_name (self);
  g_autofree char *title = NULL;

  if (!atlas_document_get_chart (self->document))
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Silicon Atlas"));
      return;
    }
  /* Translators: the window's title: what it shows (• when it has changes
   * not saved), then the app's name. */
  title = g_strdup_printf (_("%s%s — Silicon Atlas"), atlas_document_get_modified (self->document) ? "• " : "",
                           name);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* Asking */

typedef struct
{
  AtlasWindow *self;
  AtlasWindowThen *then;
} Asking;

static void
on_discard_response (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          data)
{
  Asking *asking = data;
  AtlasWindow *self = asking->self;
  GFile *chart_file = atlas_document_get_chart_file (self->document);

  if (g_str_equal (response, "discard"))
    then_run (self, asking->then);
  else if (g_str_equal (response, "save") && chart_file)
    {
      if (atlas_window_save_chart (self, chart_file))
        then_run (self, asking->then);
    }
  else if (g_str_equal (response, "save"))
    {
      /* Saved where the person chooses, and then on. */
      g_ptr_array_set_size (self->after_save, 0);
      g_ptr_array_add (self->after_save, g_steal_pointer (&asking->then));
      gtk_widget_activate_action (GTK_WIDGET (self), "win.save-as", NULL);
    }
  else
    atlas_window_select_shown (self);
  if (asking->then)
    then_free (asking->then);
  g_object_unref (asking->self);
  g_free (asking);
}

/* Asks, called heading, whether to save the changes of what is called
 * name: Save (when can_save), Discard or Cancel. */
AdwMessageDialog *
atlas_window_new_save_changes_dialog (AtlasWindow *self,
                                      const char  *heading,
                                      const char  *name,
                                      gboolean     can_save)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, NULL));

  adw_message_dialog_format_body (dialog, _("“%s” has changes that are not saved. Without saving, they are lost."),
                                  name);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "discard", _("_Discard"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  if (can_save)
    {
      adw_message_dialog_add_response (dialog, "save", _("_Save"));
      adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "save");
    }
  adw_message_dialog_set_close_response (dialog, "cancel");
  return dialog;
}

/* Runs then at once when the chart shown has no changes to lose; else
 * once the person has saved them or let them go. Cancelled, nothing
 * happens, and the sidebar shows what is shown again. */
void
atlas_window_confirm_discard (AtlasWindow        *self,
                              AtlasWindowThenFunc then,
                              gpointer            data,
                              GDestroyNotify      destroy)
{
  AtlasWindowThen *pending = then_new (then, data, destroy);
  g_autofree char *name = NULL;
  AdwMessageDialog *dialog;
  Asking *asking;

  if (!atlas_document_get_modified (self->document))
    {
      then_run (self, pending);
      then_free (pending);
      return;
    }
  name = shown_name (self);
  dialog = atlas_window_new_save_changes_dialog (self, _("Save Changes?"), name, TRUE);
  asking = g_new (Asking, 1);
  *asking = (Asking) { g_object_ref (self), pending };
  g_signal_connect (dialog, "response", G_CALLBACK (on_discard_response), asking);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* What was waiting for Save As to finish goes on, now that it has. */
void
atlas_window_run_after_save (AtlasWindow *self)
{
  g_autoptr (GPtrArray) pending = g_steal_pointer (&self->after_save);

  self->after_save = g_ptr_array_new_with_free_func (then_free);
  for (guint i = 0; i < pending->len; i++)
    then_run (self, g_ptr_array_index (pending, i));
}

static void
close_now (AtlasWindow *self,
           gpointer     data)
{
  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/* Closing the window with changes not saved asks first. */
static gboolean
on_close_request (AtlasWindow *self)
{
  if (self->closing)
    return FALSE;
  /* The story's changes are asked about first, then the chart's. */
  atlas_window_confirm_story_discard (self, close_now, NULL, NULL);
  return TRUE;
}

/* The list */

static int
find_chart (AtlasWindow *self,
            GFile       *file)
{
  for (guint i = 0; file && i < self->your_charts->len; i++)
    if (g_file_equal (g_ptr_array_index (self->your_charts, i), file))
      return (int) i;
  return -1;
}

/* The file shown, as the list has it: the chart file, else the data. */
static GFile *
shown_file (AtlasWindow *self)
{
  AtlasDocumentSource source = atlas_document_get_source (self->document);
  GFile *chart_file = atlas_document_get_chart_file (self->document);

  if (chart_file && find_chart (self, chart_file) >= 0)
    return chart_file;
  if (source == ATLAS_DOCUMENT_SOURCE_FILE || source == ATLAS_DOCUMENT_SOURCE_CHART_FILE)
    return atlas_document_get_file (self->document);
  return NULL;
}

/* The sidebar's selection shows what is shown: a passage, a dataset, or
 * one of your charts. */
void
atlas_window_select_shown (AtlasWindow *self)
{
  int yours = find_chart (self, shown_file (self));
  const char *dataset = atlas_window_get_shown_dataset (self);

  self->selecting = TRUE;
  if (yours >= 0)
    gtk_list_box_select_row (self->your_charts_list, gtk_list_box_get_row_at_index (self->your_charts_list, yours));
  else
    gtk_list_box_unselect_all (self->your_charts_list);
  if (self->passage >= 0 && atlas_document_get_source (self->document) == ATLAS_DOCUMENT_SOURCE_PASSAGE)
    gtk_list_box_select_row (self->passage_list, gtk_list_box_get_row_at_index (self->passage_list, self->passage));
  else
    gtk_list_box_unselect_all (self->passage_list);
  gtk_list_box_unselect_all (self->dataset_list);
  for (guint i = 0; dataset && self->catalog && i < self->catalog->len; i++)
    if (g_str_equal (((AtlasDatasetInfo *) g_ptr_array_index (self->catalog, i))->id, dataset))
      gtk_list_box_select_row (self->dataset_list, gtk_list_box_get_row_at_index (self->dataset_list, (int) i));
  self->selecting = FALSE;
}

static void on_close_clicked (GtkButton *button,
                              gpointer   data);

/* A row: the file's name, what it is and where, and a button closing it. */
static GtkWidget *
make_row (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr (GFile) folder = g_file_get_parent (file);
  g_autofree char *folder_name = folder ? g_file_get_parse_name (folder) : g_strdup ("");
  gboolean chart = g_str_has_suffix (name, ".atlaschart");
  g_autofree char *escaped_name = g_markup_escape_text (name, -1);
  /* Translators: under a file's name in the sidebar: what it is, then its folder. */
  g_autofree char *details = g_markup_printf_escaped (_("%s · %s"), chart ? _("Chart") : _("Data"), folder_name);
  g_autofree char *markup = g_strdup_printf ("%s\n<small>%s</small>", escaped_name, details);
  g_autofree char *close_name = g_strdup_printf (_("Close “%s”"), name);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *close = gtk_button_new_from_icon_name ("window-close-symbolic");

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_margin_top (label, 3);
  gtk_widget_set_margin_bottom (label, 3);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_add_css_class (close, "flat");
  gtk_widget_set_valign (close, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (close, close_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (close), GTK_ACCESSIBLE_PROPERTY_LABEL, close_name, -1);
  g_object_set_data_full (G_OBJECT (close), "file", g_object_ref (file), g_object_unref);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), close);
  return box;
}

static void
add_chart (AtlasWindow *self,
           GFile       *file)
{
  GtkWidget *row;

  if (!file || find_chart (self, file) >= 0)
    return;
  g_ptr_array_add (self->your_charts, g_object_ref (file));
  row = make_row (file);
  g_signal_connect (gtk_widget_get_last_child (row), "clicked", G_CALLBACK (on_close_clicked), self);
  gtk_list_box_append (self->your_charts_list, row);
  gtk_widget_set_visible (GTK_WIDGET (self->your_charts_list), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->your_charts_label), TRUE);
}

static void
remove_chart (AtlasWindow *self,
              GFile       *file)
{
  int index = find_chart (self, file);

  if (index < 0)
    return;
  gtk_list_box_remove (self->your_charts_list,
                       GTK_WIDGET (gtk_list_box_get_row_at_index (self->your_charts_list, index)));
  g_ptr_array_remove_index (self->your_charts, (guint) index);
  gtk_widget_set_visible (GTK_WIDGET (self->your_charts_list), self->your_charts->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->your_charts_label), self->your_charts->len > 0);
}

/* One of yours again: a chart file as it was saved, a data file read as
 * it was read before, with no dialog to ask again. */
static void
open_chart (AtlasWindow *self,
            gpointer     data)
{
  g_autofree char *name = g_file_get_basename (G_FILE (data));

  if (g_str_has_suffix (name, ".atlaschart"))
    atlas_document_open_chart_file (self->document, G_FILE (data));
  else
    atlas_window_open_file (self, G_FILE (data));
}

static void
on_chart_activated (AtlasWindow   *self,
                    GtkListBoxRow *row)
{
  GFile *file;

  if (!row || self->selecting)
    return;
  file = g_ptr_array_index (self->your_charts, (guint) gtk_list_box_row_get_index (row));
  if (shown_file (self) && g_file_equal (shown_file (self), file))
    return;
  atlas_window_confirm_discard (self, open_chart, g_object_ref (file), g_object_unref);
}

/* Closed, a chart leaves the list; the one shown gives way to the story,
 * its changes saved or let go first. */
static void
close_chart (AtlasWindow *self,
             gpointer     data)
{
  GFile *file = G_FILE (data);
  gboolean shown = shown_file (self) && g_file_equal (shown_file (self), file);

  remove_chart (self, file);
  if (shown && self->story)
    atlas_window_show_passage (self, 0);
  atlas_window_select_shown (self);
}

static void
on_close_clicked (GtkButton *button,
                  gpointer   data)
{
  AtlasWindow *self = ATLAS_WINDOW (data);
  GFile *file = g_object_get_data (G_OBJECT (button), "file");
  gboolean shown = shown_file (self) && g_file_equal (shown_file (self), file);

  if (shown)
    atlas_window_confirm_discard (self, close_chart, g_object_ref (file), g_object_unref);
  else
    close_chart (self, file);
}

/* Closes one of your charts, as its close button does; FALSE for a file
 * the list does not hold. */
gboolean
atlas_window_close_chart (AtlasWindow *self,
                          GFile       *file)
{
  int index;

  g_return_val_if_fail (ATLAS_IS_WINDOW (self), FALSE);

  index = find_chart (self, file);
  if (index < 0)
    return FALSE;
  on_close_clicked (GTK_BUTTON (gtk_widget_get_last_child (gtk_list_box_row_get_child (
                      gtk_list_box_get_row_at_index (self->your_charts_list, index)))),
                    self);
  return TRUE;
}

guint
atlas_window_get_n_your_charts (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), 0);
  return self->your_charts->len;
}

static void
on_opened (AtlasWindow   *self,
           GFile         *file,
           AtlasDocument *document)
{
  add_chart (self, file);
  atlas_window_select_shown (self);
}

/* A chart saved joins the list, in place of the data file it charts. */
static void
on_chart_file_changed (AtlasWindow *self)
{
  GFile *chart_file = atlas_document_get_chart_file (self->document);
  GFile *data = atlas_document_get_file (self->document);

  if (!chart_file)
    return;
  if (data && find_chart (self, data) >= 0 && find_chart (self, chart_file) < 0)
    remove_chart (self, data);
  add_chart (self, chart_file);
  atlas_window_select_shown (self);
  update_title (self);
}

static void
on_shown_changed (AtlasWindow *self)
{
  atlas_window_select_shown (self);
  update_title (self);
}

void
atlas_window_init_your_charts (AtlasWindow *self)
{
  self->your_charts = g_ptr_array_new_with_free_func (g_object_unref);
  self->after_save = g_ptr_array_new_with_free_func (then_free);
  g_signal_connect_swapped (self->your_charts_list, "row-activated", G_CALLBACK (on_chart_activated), self);
  g_signal_connect_swapped (self->your_charts_list, "row-selected", G_CALLBACK (on_chart_activated), self);
  g_signal_connect_object (self->document, "opened", G_CALLBACK (on_opened), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::chart-file", G_CALLBACK (on_chart_file_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "chart-changed", G_CALLBACK (on_shown_changed), self,
                           G_CONNECT_AFTER | G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::modified", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request), NULL);
  update_title (self);
}
