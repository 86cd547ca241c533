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
}

static void
atlas_problems_dialog_init (AtlasProblemsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  atlas_accessible_name_controls (GTK_WIDGET (self));
}

/* A row: its title, and the subtitle as plain text when there is one. */
static void
add_row (AtlasProblemsDialog *self,
         const char          *title,
         const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

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
  for (guint i = 0; i < problems->len; i++)
    {
      const AtlasCsvProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *where = g_strdup_printf (_("Line %" PRIu64 ", column %u"), problem->line, problem->column);

      add_row (self, where, problem->message);
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
      add_row (self, more, NULL);
    }
  return self;
}
