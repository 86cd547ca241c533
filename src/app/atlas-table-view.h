/* atlas-table-view.h: the rows of the table a chart draws, in sortable columns. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "atlas-document.h"
#include "atlas-table.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_TABLE_VIEW (atlas_table_view_get_type ())

G_DECLARE_FINAL_TYPE (AtlasTableView, atlas_table_view, ATLAS, TABLE_VIEW, GtkWidget)

void        atlas_table_view_set_table  (AtlasTableView *self,
                                         AtlasTable     *table);
void        atlas_table_view_set_document (AtlasTableView *self,
                                           AtlasDocument  *document);
GListModel *atlas_table_view_get_rows   (AtlasTableView *self);
char       *atlas_table_view_get_cell   (AtlasTableView *self,
                                         guint           position,
                                         guint           column);
GtkColumnView *atlas_table_view_get_column_view (AtlasTableView *self);
void            atlas_table_view_search          (AtlasTableView *self,
                                                  const char     *text);
gboolean        atlas_table_view_mark_cell       (AtlasTableView *self,
                                                  guint64         row,
                                                  int             column);
gboolean        atlas_table_view_get_marked_cell (AtlasTableView *self,
                                                  guint64        *out_row,
                                                  int            *out_column);
gboolean        atlas_table_view_save_rows       (AtlasTableView  *self,
                                                  const char      *path,
                                                  GError         **error);

void            atlas_table_view_setup_cell (GtkSignalListItemFactory *factory,
                                             GtkListItem              *item,
                                             gpointer                  data);

G_END_DECLS
