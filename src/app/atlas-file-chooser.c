/* atlas-file-chooser.c: GtkFileDialog where GTK has it (4.10), GtkFileChooserNative before;
 * both go through the desktop portal inside a sandbox. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-file-chooser.h"

#include <glib/gi18n.h>

/* What to call back once the chooser has answered. */
typedef struct
{
  AtlasFileChosenFunc callback;
  gpointer data;
  GDestroyNotify destroy_data;
} ChooserReply;

static ChooserReply *
chooser_reply_new (AtlasFileChosenFunc callback,
                   gpointer            data,
                   GDestroyNotify      destroy_data)
{
  ChooserReply *reply = g_new0 (ChooserReply, 1);

  reply->callback = callback;
  reply->data = data;
  reply->destroy_data = destroy_data;
  return reply;
}

/* Answers with file (or NULL), then lets go of the reply. */
static void
chooser_reply_finish (ChooserReply *reply,
                      GFile        *file)
{
  reply->callback (file, reply->data);
  if (reply->destroy_data)
    reply->destroy_data (reply->data);
  g_free (reply);
}

/* An empty list of filters for a chooser, the first one added chosen. */
GListStore *
atlas_file_filters_new (void)
{
  return g_list_store_new (GTK_TYPE_FILE_FILTER);
}

void
atlas_file_filters_add (GListStore         *filters,
                        const char         *name,
                        const char * const *mime_types,
                        const char * const *patterns)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  g_return_if_fail (G_IS_LIST_STORE (filters));

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; mime_types && mime_types[i]; i++)
    gtk_file_filter_add_mime_type (filter, mime_types[i]);
  for (guint i = 0; patterns && patterns[i]; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  g_list_store_append (filters, filter);
}

#if GTK_CHECK_VERSION(4, 10, 0)
/* GtkFileDialog is newer than the GTK the build pins as its most
 * (GDK_VERSION_MAX_ALLOWED, 4.8): this branch is the one that may use it. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static void
on_dialog_answered (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  GtkFileDialog *dialog = GTK_FILE_DIALOG (source);
  ChooserReply *reply = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;

  if (g_object_get_data (source, "atlas-saving"))
    file = gtk_file_dialog_save_finish (dialog, result, &error);
  else
    file = gtk_file_dialog_open_finish (dialog, result, &error);
  /* Dismissing the dialog is an answer too: no file. */
  if (error && !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    g_warning ("The file chooser failed: %s", error->message);
  chooser_reply_finish (reply, file);
}

static GtkFileDialog *
make_file_dialog (const char *title,
                  GListModel *filters)
{
  GtkFileDialog *dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_modal (dialog, TRUE);
  if (filters && g_list_model_get_n_items (filters) > 0)
    {
      g_autoptr (GtkFileFilter) first = g_list_model_get_item (filters, 0);
      gtk_file_dialog_set_filters (dialog, filters);
      gtk_file_dialog_set_default_filter (dialog, first);
    }
  return dialog;
}

void
atlas_file_chooser_open (GtkWindow           *parent,
                         const char          *title,
                         GListModel          *filters,
                         AtlasFileChosenFunc  callback,
                         gpointer             data,
                         GDestroyNotify       destroy_data)
{
  g_autoptr (GtkFileDialog) dialog = make_file_dialog (title, filters);

  gtk_file_dialog_open (dialog, parent, NULL, on_dialog_answered,
                        chooser_reply_new (callback, data, destroy_data));
}

void
atlas_file_chooser_save (GtkWindow           *parent,
                         const char          *title,
                         const char          *accept_label,
                         const char          *initial_name,
                         GListModel          *filters,
                         AtlasFileChosenFunc  callback,
                         gpointer             data,
                         GDestroyNotify       destroy_data)
{
  g_autoptr (GtkFileDialog) dialog = make_file_dialog (title, filters);

  gtk_file_dialog_set_accept_label (dialog, accept_label);
  gtk_file_dialog_set_initial_name (dialog, initial_name);
  g_object_set_data (G_OBJECT (dialog), "atlas-saving", GINT_TO_POINTER (TRUE));
  gtk_file_dialog_save (dialog, parent, NULL, on_dialog_answered,
                        chooser_reply_new (callback, data, destroy_data));
}

G_GNUC_END_IGNORE_DEPRECATIONS

#else /* GTK 4.8: GtkFileChooserNative */

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         data)
{
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  chooser_reply_finish (data, file);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
show_native_chooser (GtkWindow            *parent,
                     const char           *title,
                     GtkFileChooserAction  action,
                     const char           *accept_label,
                     const char           *initial_name,
                     GListModel           *filters,
                     ChooserReply         *reply)
{
  GtkFileChooserNative *chooser
    = gtk_file_chooser_native_new (title, parent, action, accept_label, _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  for (guint i = 0; filters && i < g_list_model_get_n_items (filters); i++)
    {
      g_autoptr (GtkFileFilter) filter = g_list_model_get_item (filters, i);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  if (initial_name)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), initial_name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), reply);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
atlas_file_chooser_open (GtkWindow           *parent,
                         const char          *title,
                         GListModel          *filters,
                         AtlasFileChosenFunc  callback,
                         gpointer             data,
                         GDestroyNotify       destroy_data)
{
  show_native_chooser (parent, title, GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL, filters,
                       chooser_reply_new (callback, data, destroy_data));
}

void
atlas_file_chooser_save (GtkWindow           *parent,
                         const char          *title,
                         const char          *accept_label,
                         const char          *initial_name,
                         GListModel          *filters,
                         AtlasFileChosenFunc  callback,
                         gpointer             data,
                         GDestroyNotify       destroy_data)
{
  show_native_chooser (parent, title, GTK_FILE_CHOOSER_ACTION_SAVE, accept_label, initial_name, filters,
                       chooser_reply_new (callback, data, destroy_data));
}

#endif
