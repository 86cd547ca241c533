/* atlas-file-chooser.h: asks for a file to open or save through the system's file chooser. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Called once with the file chosen, or NULL when the person cancelled. */
typedef void (*AtlasFileChosenFunc) (GFile   *file,
                                     gpointer data);

GListStore *atlas_file_filters_new          (void);
void        atlas_file_filters_add          (GListStore          *filters,
                                             const char          *name,
                                             const char * const  *mime_types,
                                             const char * const  *patterns);
void        atlas_file_chooser_open         (GtkWindow           *parent,
                                             const char          *title,
                                             GListModel          *filters,
                                             AtlasFileChosenFunc  callback,
                                             gpointer             data,
                                             GDestroyNotify       destroy_data);
void        atlas_file_chooser_save         (GtkWindow           *parent,
                                             const char          *title,
                                             const char          *accept_label,
                                             const char          *initial_name,
                                             GListModel          *filters,
                                             AtlasFileChosenFunc  callback,
                                             gpointer             data,
                                             GDestroyNotify       destroy_data);

G_END_DECLS
