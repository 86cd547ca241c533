/* atlas-problems-dialog.c: lists the problems found in an opened file, each with its line and column. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-problems-dialog.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "atlas-accessible.h"
#include "atlas-csv-reader.h"

struct _AtlasProblemsDialog
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkListBox *problem_list;
};

G_DEFINE_FINAL_TYPE (AtlasProblemsDialog, atlas_problems_dialog, ADW_TYPE_WINDOW)

enum
{
  SHOW_CELL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
atlas_problems_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ATLAS_TYPE_PROBLEMS_DIALOG);
  G_OBJECT_CLASS (atlas_problems_dialog_parent_class)->dispose (object);
}

static void
atlas_problems_dialog_class_init (AtlasProblemsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_problems_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/siliconatlas/SiliconAtlas/atlas-problems-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasProblemsDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AtlasProblemsDialog, problem_list);

  /* A problem in a cell was activated: the table's row (from 0), then its
   * column (from 0). */
  signals[SHOW_CELL] = g_signal_new ("show-cell", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 2, G_TYPE_UINT64, G_TYPE_INT);
}

static void
on_row_activated (AtlasProblemsDialog *self,
                  AdwActionRow        *row)
{
  const AtlasCsvProblem *problem = g_object_get_data (G_OBJECT (row), "problem");

  if (problem)
    g_signal_emit (self, signals[SHOW_CELL], 0, problem->row, problem->table_column);
}

static void
atlas_problems_dialog_init (AtlasProblemsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  atlas_accessible_name_controls (GTK_WIDGET (self));
}

/* A row: its title, and the subtitle as plain text when there is one; a
 * problem in a cell of the table takes people to the cell. */
static void
add_row (AtlasProblemsDialog   *self,
         const char            *title,
         const char            *subtitle,
         const AtlasCsvProblem *problem)
{
  GtkWidget *row = adw_action_row_new ();

  if (problem && problem->row != G_MAXUINT64 && problem->table_column >= 0)
    {
      GtkWidget *go = gtk_image_new_from_icon_name ("go-next-symbolic");

      g_object_set_data (G_OBJECT (row), "problem", (gpointer) problem);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), go);
      gtk_widget_set_tooltip_text (row, _("Show the Cell in the Data"));
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* Cells quote what people wrote: shown as text, never as markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_append (self->problem_list, row);
}

/* The first problems (AtlasCsvProblem) of the n_problems found in the
 * file shown as file_name, and how many more there are. */
AtlasProblemsDialog *
atlas_problems_dialog_new (GtkWindow  *parent,
                           const char *file_name,
                           GPtrArray  *problems,
                           guint64     n_problems)
{
  AtlasProblemsDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (file_name != NULL && problems != NULL && problems->len > 0, NULL);

  title = g_strdup_printf (_("Problems in “%s”"), file_name);
  self = g_object_new (ATLAS_TYPE_PROBLEMS_DIALOG, "transient-for", parent, "title", title, NULL);
  adw_window_title_set_title (self->window_title, title);
  /* The problems live as long as the dialog that points into them. */
  g_object_set_data_full (G_OBJECT (self), "problems", g_ptr_array_ref (problems), (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_swapped (self->problem_list, "row-activated", G_CALLBACK (on_row_activated), self);
  for (guint i = 0; i < problems->len; i++)
    {
      const AtlasCsvProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *where = g_strdup_printf (_("Line %" PRIu64 ", column %u"), problem->line, problem->column);

      add_row (self, where, problem->message, problem);
    }
  if (n_problems > problems->len)
    {
      const AtlasCsvProblem *last = g_ptr_array_index (problems, problems->len - 1);
      guint64 n_more = n_problems - problems->len;
      /* Translators: how many more problems there are, then the line of the
       * last one listed. */
      g_autofree char *more = g_strdup_printf (ngettext ("and %" PRIu64 " more after line %" PRIu64,
                                                         "and %" PRIu64 " more after line %" PRIu64,
                                                         (gulong) n_more),
                                               n_more, last->line);
      add_row (self, more, NULL, NULL);
    }
  return self;
}
