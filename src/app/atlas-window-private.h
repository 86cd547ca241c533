/* atlas-window-private.h: what the window's files share: its parts, and the helpers each concern gives the others. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-window.h"

#include "atlas-chart-settings.h"
#include "atlas-document.h"
#include "atlas-import-settings.h"
#include "atlas-dataset.h"
#include "atlas-story.h"

G_BEGIN_DECLS

typedef struct _AtlasDeletedPassage AtlasDeletedPassage;

/* The most groups of a column the settings list to choose from: more are
 * chosen in a chart file. */
#define ATLAS_WINDOW_MAX_LISTED_GROUPS 200

struct _AtlasWindow
{
  AdwApplicationWindow parent_instance;

  /* From the template. */
  AdwToastOverlay *toast_overlay;
  AdwViewSwitcherTitle *window_title;
  AdwViewStack *view_stack;
  AtlasTableView *table_view;
  GtkListBox *passage_list;
  GtkLabel *story_label;
  GtkListBox *dataset_list;
  GtkLabel *your_charts_label;
  GtkListBox *your_charts_list;
  GtkScrolledWindow *sidebar_scroller;
  AdwViewSwitcherBar *switcher_bar;
  AtlasChartView *chart_view;
  AdwFlap *flap;
  AdwFlap *settings_flap;
  AtlasChartSettings *chart_settings;
  AdwSplitButton *open_button;
  GtkRevealer *load_revealer;
  GtkLabel *load_label;
  GtkProgressBar *load_progress;
  GtkInfoBar *problems_bar;
  GtkLabel *problems_label;

  AtlasDocument *document;           /* what the window shows: the chart, where it came from, its loading */
  char *status;                      /* the last message shown in a toast or the problems bar */
  GSettings *settings;               /* NULL where the schema is not installed */
  AtlasImportMemory *import_memory;  /* import choices per file, and saved dialects */
  AtlasChartContext *builtin_context; /* the built-in datasets, for chart files, when the story's are others */

  /* The sidebar. */
  AtlasStory *story;
  GPtrArray *catalog;                /* AtlasDatasetInfo, in the order the sidebar lists them */
  int passage;                       /* -1 when no passage is shown */
  gboolean selecting;                /* the sidebar's selection is being set to what is shown */
  GtkListBoxRow *sidebar_target;     /* the row the sidebar is to scroll to at its next frame */
  guint sidebar_tick;                /* the tick callback that will, 0 for none */
  AdwAnimation *passage_fade;        /* the chart fading in on a new passage */

  /* Writing a story of one's own. */
  char *passage_shown_as;            /* the passage's chart as first shown, in the chart language */
  int editing;                       /* the passage whose text is being edited in its row; -1 for none */
  GtkTextView *editing_view;         /* its editor */
  AtlasDeletedPassage *deleted_passage; /* the passage last deleted, for its toast's Undo */
  gboolean publishing;               /* the story is being exported in another thread */

  /* The chart options: what the settings sidebar and the pointer change. */
  GSimpleActionGroup *chart_options; /* "options.chart-type", "options.x-column", "options.text", ... */
  GHashTable *charts_by_x;           /* x column -> AtlasChartSpec: the table's chart as last shown along it */

  /* Your charts: files opened and charts saved, in the sidebar. */
  GPtrArray *your_charts;            /* GFile, in the order the sidebar lists them */
  GPtrArray *after_save;             /* AtlasWindowThen waiting for Save As to finish: 0 or 1 of them */
  gboolean closing;                  /* the window closes, its changes saved or let go */

  /* The actions. */
  GMenu *recent_menu;                /* files this app opened lately, newest first */
  GHashTable *export_choices;        /* chart key -> the format and size it was last exported at; NULL until read */
};

/* What to do once a person has saved or let go of a chart's changes. */
typedef struct _AtlasWindowThen AtlasWindowThen;
typedef void (*AtlasWindowThenFunc) (AtlasWindow *self,
                                     gpointer     data);

/* atlas-window.c */
void               atlas_window_show_status          (AtlasWindow *self,
                                                      const char  *message);
char              *atlas_window_get_local_path       (AtlasWindow *self,
                                                      GFile       *file);
char              *atlas_window_builtin_datasets_dir (void);
AtlasChartContext *atlas_window_get_chart_context    (AtlasWindow *self);
const char        *atlas_window_get_shown_dataset    (AtlasWindow *self);

/* atlas-window-sidebar.c */
void               atlas_window_class_init_sidebar   (GtkWidgetClass *widget_class);
void               atlas_window_init_sidebar         (AtlasWindow    *self);
GtkWidget         *atlas_window_make_sidebar_label   (const char     *markup,
                                                      int             vertical_margin);
GtkWidget         *atlas_window_make_dataset_row     (const AtlasDatasetInfo *info);

/* atlas-window-story.c */
void               atlas_window_class_init_story     (GtkWidgetClass *widget_class);
void               atlas_window_init_story           (AtlasWindow    *self);
void               atlas_deleted_passage_free        (AtlasDeletedPassage *deleted);
gboolean           atlas_window_story_is_own         (AtlasWindow    *self);
void               atlas_window_update_story         (AtlasWindow    *self);
void               atlas_window_remember_passage_chart (AtlasWindow  *self);
void               atlas_window_keep_passage_chart   (AtlasWindow    *self);
void               atlas_window_fill_passages        (AtlasWindow    *self);
void               atlas_window_take_story           (AtlasWindow    *self,
                                                      AtlasStory     *story);
gboolean           atlas_window_load_story_trusting  (AtlasWindow    *self,
                                                      const char     *path,
                                                      gboolean        read_outside,
                                                      GError        **error);
void               atlas_window_confirm_story_discard (AtlasWindow        *self,
                                                       AtlasWindowThenFunc then,
                                                       gpointer            data,
                                                       GDestroyNotify      destroy);

/* atlas-window-your-charts.c */
void               atlas_window_init_your_charts     (AtlasWindow        *self);
void               atlas_window_confirm_discard      (AtlasWindow        *self,
                                                      AtlasWindowThenFunc then,
                                                      gpointer            data,
                                                      GDestroyNotify      destroy);
void               atlas_window_select_shown         (AtlasWindow        *self);
AdwMessageDialog  *atlas_window_new_save_changes_dialog (AtlasWindow     *self,
                                                         const char      *heading,
                                                         const char      *name,
                                                         gboolean         can_save);
void               atlas_window_run_after_save       (AtlasWindow        *self);

/* atlas-window-chart-options.c */
void               atlas_window_init_chart_options   (AtlasWindow *self);
void               atlas_window_update_chart_options (AtlasWindow *self);

/* atlas-window-actions.c */
void               atlas_window_class_init_actions   (GtkWidgetClass *widget_class);
void               atlas_window_init_actions         (AtlasWindow *self);
void               atlas_window_ask_to_locate_data   (AtlasWindow *self);
void               atlas_window_show_exported        (AtlasWindow *self,
                                                      const char  *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasDeletedPassage, atlas_deleted_passage_free)

G_END_DECLS
