/* atlas-window.h: the main window: the story's passages beside the chart each one links to. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "atlas-chart-view.h"
#include "atlas-story.h"
#include "atlas-document.h"
#include "atlas-export-dialog.h"
#include "atlas-import-dialog.h"
#include "atlas-table-view.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_WINDOW (atlas_window_get_type ())

G_DECLARE_FINAL_TYPE (AtlasWindow, atlas_window, ATLAS, WINDOW, AdwApplicationWindow)

AtlasWindow    *atlas_window_new             (GtkApplication *application);
void            atlas_shortcuts_window_name_keys (GtkWidget  *overlay);
gboolean        atlas_window_load_story      (AtlasWindow    *self,
                                              const char     *path,
                                              GError        **error);
void            atlas_window_show_passage    (AtlasWindow    *self,
                                              guint           index);
void            atlas_window_open_story      (AtlasWindow    *self,
                                              GFile          *file);
void            atlas_window_new_story       (AtlasWindow    *self,
                                              const char     *title,
                                              const char     *attribution);
void            atlas_window_add_passage     (AtlasWindow    *self);
void            atlas_window_move_passage    (AtlasWindow    *self,
                                              guint           from,
                                              guint           to);
void            atlas_window_delete_passage  (AtlasWindow    *self,
                                              guint           index);
gboolean        atlas_window_undo_delete_passage (AtlasWindow *self);
gboolean        atlas_window_save_story      (AtlasWindow    *self,
                                              GFile          *file);
void            atlas_window_export_story_to (AtlasWindow    *self,
                                              const char     *path);
AtlasStory     *atlas_window_get_story       (AtlasWindow    *self);
char           *atlas_window_builtin_story_path (void);
gboolean        atlas_window_show_dataset    (AtlasWindow    *self,
                                              const char     *dataset);
gboolean        atlas_window_export_to       (AtlasWindow    *self,
                                              const char     *path,
                                              GError        **error);
AtlasExportDialog *atlas_window_present_export_dialog (AtlasWindow *self);
GMenuModel     *atlas_window_get_recent_menu (AtlasWindow    *self);
AtlasImportDialog *atlas_window_import_file  (AtlasWindow    *self,
                                              GFile          *file);
void            atlas_window_open_file_with  (AtlasWindow               *self,
                                              GFile                     *file,
                                              const AtlasImportSettings *settings);
gboolean        atlas_window_reload          (AtlasWindow    *self);
GtkWindow      *atlas_window_present_problems (AtlasWindow   *self);
gboolean        atlas_window_is_showing_problems (AtlasWindow *self);
void            atlas_window_present_about   (AtlasWindow    *self);
gboolean        atlas_window_set_filter_value (AtlasWindow       *self,
                                               const char        *value);
gboolean        atlas_window_set_group_values (AtlasWindow       *self,
                                              const char * const *groups);
gboolean        atlas_window_set_y_columns   (AtlasWindow        *self,
                                              const char * const *y_columns);
gboolean        atlas_window_change_chart    (AtlasWindow    *self,
                                              const char     *type_name,
                                              const char     *x_column,
                                              int             log_y);
void            atlas_window_open_file       (AtlasWindow    *self,
                                              GFile          *file);
gboolean        atlas_window_save_chart      (AtlasWindow    *self,
                                              GFile          *file);
AtlasDocument  *atlas_window_get_document    (AtlasWindow    *self);
gboolean        atlas_window_close_chart     (AtlasWindow    *self,
                                              GFile          *file);
guint           atlas_window_get_n_your_charts (AtlasWindow  *self);
const char     *atlas_window_get_status      (AtlasWindow    *self);
gboolean        atlas_window_is_sidebar_folded (AtlasWindow  *self);
int             atlas_window_get_passage     (AtlasWindow    *self);
AtlasChartView *atlas_window_get_chart_view  (AtlasWindow    *self);
AtlasTableView *atlas_window_get_table_view  (AtlasWindow    *self);
void            atlas_window_show_view       (AtlasWindow    *self,
                                              const char     *name);

G_END_DECLS
