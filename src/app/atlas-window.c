/* atlas-window.c: lists a story's passages and the built-in datasets, and shows the chart of the one activated. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-window.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "atlas-export-dialog.h"
#include "atlas-file-chooser.h"
#include "atlas-import-dialog.h"
#include "atlas-settings.h"
#include "atlas-table-view.h"

#include "atlas-chart-definition.h"
#include "atlas-chart-export.h"
#include "atlas-chart-suggest.h"
#include "atlas-data-dir.h"
#include "atlas-csv-reader.h"
#include "atlas-dataset.h"
#include "atlas-table.h"
#include "atlas-story.h"

struct _AtlasWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwViewSwitcherTitle *window_title;
  AdwViewStack *view_stack;
  AtlasTableView *table_view;
  GtkListBox *passage_list;
  GtkListBox *dataset_list;
  AtlasChartView *chart_view;
  AdwFlap *flap;
  GtkMenuButton *options_button;
  GtkRevealer *load_revealer;
  GtkLabel *load_label;
  GtkProgressBar *load_progress;
  GtkInfoBar *problems_bar;
  GtkLabel *problems_label;

  GCancellable *load_cancellable; /* while a file is being read */
  guint load_progress_source;
  struct LoadProgress *load_state; /* shared with the reading thread */
  char *status;                     /* the last message shown in a toast or the problems bar */
  GPtrArray *problems;              /* AtlasCsvProblem: the first of the opened file's */
  guint64 n_problems;               /* all of the opened file's */
  char *problems_file;              /* its name, as shown */
  GSettings *settings;              /* NULL where the schema is not installed */
  AdwAnimation *passage_fade;       /* the chart fading in on a new passage */
  GSimpleActionGroup *chart_options; /* "options.chart-type", "options.x-column", "options.log-scale" */
  GMenu *options_menu;               /* the header's chart options, rebuilt for each table */
  AdwSplitButton *open_button;
  GMenu *recent_menu;                /* files this app opened lately, newest first */

  AtlasImportMemory *import_memory; /* import choices per file, and saved dialects */
  GFile *shown_file;                 /* the file whose chart shows, watched for changes; NULL for the story's */
  AtlasImportSettings *shown_settings; /* how it was read */
  GFileMonitor *shown_monitor;
  guint reload_source;               /* a reload waiting for the file to settle */

  AtlasChartDefinition *shown_definition; /* the chart shown in the chart language: what Save writes */
  GFile *chart_file;                      /* the chart file it was opened from or saved to; NULL: never saved */
  AtlasChartContext *builtin_context;     /* the built-in datasets, for chart files that name them */
  AtlasChartDefinition *unlocated;        /* a chart file's chart whose data was not found, while asked for */
  GFile *unlocated_chart_file;

  AtlasStory *story;
  GPtrArray *catalog; /* AtlasDatasetInfo, in the order the sidebar lists them */
  int passage;        /* -1 when no passage is shown */
};

G_DEFINE_FINAL_TYPE (AtlasWindow, atlas_window, ADW_TYPE_APPLICATION_WINDOW)

/* The data view is filled when it is shown: building its columns for
 * every passage would slow the first frame and each step. */
static void
on_visible_view_changed (AtlasWindow *self)
{
  AtlasChart *chart = atlas_chart_view_get_chart (self->chart_view);

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "table") == 0)
    atlas_table_view_set_table (self->table_view, chart ? atlas_chart_get_table (chart) : NULL);
}

static void update_chart_options (AtlasWindow *self);
static void forget_shown_file (AtlasWindow *self);
static void show_status (AtlasWindow *self,
                         const char  *message);

/* Shows chart (taking it) in the chart view, and its table in the data view. */
static void
show_chart (AtlasWindow *self,
            AtlasChart  *chart)
{
  atlas_chart_view_set_chart (self->chart_view, chart);
  update_chart_options (self);
  on_visible_view_changed (self);
}

/* Shows a chart that is no passage of the story (a dataset's, a file's):
 * no passage is marked, and Page Down goes to the story's first. */
/* Problems belong to the file they were found in: gone with its chart. */
static void
hide_problems (AtlasWindow *self)
{
  gtk_info_bar_set_revealed (self->problems_bar, FALSE);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->problems_file, g_free);
  self->n_problems = 0;
}

static void
show_chart_outside_story (AtlasWindow *self,
                          AtlasChart  *chart,
                          const char  *subtitle)
{
  hide_problems (self);
  self->passage = -1;
  adw_view_switcher_title_set_subtitle (self->window_title, subtitle);
  show_chart (self, chart);
  gtk_list_box_unselect_all (self->passage_list);
  gtk_list_box_unselect_all (self->dataset_list);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-passage", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-passage", self->story != NULL);
}

/* The folder of the built-in datasets, which chart files name by id. */
static char *
builtin_datasets_dir (void)
{
  g_autofree char *data_dir = atlas_find_data_dir ();

  return g_build_filename (data_dir, "datasets", NULL);
}

/* Where chart files' references lead: the story's context when its
 * datasets are the built-in ones, so their tables are read once. */
static AtlasChartContext *
get_chart_context (AtlasWindow *self)
{
  g_autofree char *builtin = NULL;
  g_autofree char *ours = NULL;

  if (self->builtin_context)
    return self->builtin_context;
  builtin = builtin_datasets_dir ();
  ours = self->story ? g_canonicalize_filename (atlas_story_get_datasets_dir (self->story), NULL) : NULL;
  if (ours && g_str_equal (ours, builtin))
    return atlas_story_get_context (self->story);
  self->builtin_context = atlas_chart_context_new (builtin);
  return self->builtin_context;
}

/* What the chart shown is, in the chart language (taking definition),
 * and the chart file it came from (NULL: none yet). */
static void
set_shown_definition (AtlasWindow          *self,
                      AtlasChartDefinition *definition,
                      GFile                *chart_file)
{
  g_clear_pointer (&self->shown_definition, atlas_chart_definition_free);
  self->shown_definition = definition;
  g_set_object (&self->chart_file, chart_file);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", definition != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", definition != NULL);
}

static void on_y_column_toggled (GSimpleAction *action,
                                 GVariant      *value,
                                 gpointer       data);

/* One checkable action per column of numbers that could be drawn, other
 * than the one along x: "options.y-column-N" for the table's column N,
 * checked while it is drawn. */
static void
update_y_column_options (AtlasWindow *self,
                         GMenu       *values)
{
  AtlasChart *chart = atlas_chart_view_get_chart (self->chart_view);
  const AtlasChartSpec *spec = chart ? atlas_chart_get_spec (chart) : NULL;
  AtlasTable *table = chart ? atlas_chart_get_table (chart) : NULL;
  g_auto (GStrv) names = g_action_group_list_actions (G_ACTION_GROUP (self->chart_options));

  for (guint i = 0; names[i]; i++)
    if (g_str_has_prefix (names[i], "y-column-"))
      g_action_map_remove_action (G_ACTION_MAP (self->chart_options), names[i]);
  for (guint c = 0; table && c < atlas_table_get_n_columns (table); c++)
    {
      const AtlasColumn *column = atlas_table_get_column (table, c);
      const char *name = atlas_column_get_name (column);
      g_autofree char *action_name = NULL;
      g_autofree char *detailed = NULL;
      g_autoptr (GSimpleAction) action = NULL;

      if (atlas_column_get_column_type (column) != ATLAS_COLUMN_NUMBER || g_strcmp0 (name, spec->x_column) == 0)
        continue;
      action_name = g_strdup_printf ("y-column-%u", c);
      action = g_simple_action_new_stateful (action_name, NULL,
                                             g_variant_new_boolean (spec->y_columns
                                                                    && g_strv_contains ((const char * const *)
                                                                                          spec->y_columns,
                                                                                        name)));
      g_signal_connect (action, "change-state", G_CALLBACK (on_y_column_toggled), self);
      g_object_set_data_full (G_OBJECT (action), "column", g_strdup (name), g_free);
      g_action_map_add_action (G_ACTION_MAP (self->chart_options), G_ACTION (action));
      detailed = g_strdup_printf ("options.%s", action_name);
      g_menu_append (values, name, detailed);
    }
}

/* "All rows", then each name in column, in the table's order (the first
 * forty): the rows a chart of a long table can show. */
static GMenu *
make_filter_menu (AtlasTable *table,
                  const char *column_name)
{
  const AtlasColumn *column = atlas_table_find_column (table, column_name);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GMenu *menu = g_menu_new ();
  g_autoptr (GMenuItem) all = g_menu_item_new (_("All rows"), NULL);

  g_menu_item_set_action_and_target_value (all, "options.filter-value", g_variant_new_string (""));
  g_menu_append_item (menu, all);
  for (gsize row = 0; column && row < atlas_table_get_n_rows (table) && g_hash_table_size (seen) < 40; row++)
    {
      const char *name = atlas_column_get_text (column, row);
      g_autoptr (GMenuItem) item = NULL;

      if (!name || !g_hash_table_add (seen, (gpointer) name))
        continue;
      item = g_menu_item_new (name, NULL);
      g_menu_item_set_action_and_target_value (item, "options.filter-value", g_variant_new_string (name));
      g_menu_append_item (menu, item);
    }
  return menu;
}

/* The options menu for the chart shown: its type, its x column among the
 * table's columns, the columns drawn as values, and a log scale; the
 * actions' states follow the chart. */
static void
update_chart_options (AtlasWindow *self)
{
  AtlasChart *chart = atlas_chart_view_get_chart (self->chart_view);
  const AtlasChartSpec *spec = chart ? atlas_chart_get_spec (chart) : NULL;
  AtlasTable *table = chart ? atlas_chart_get_table (chart) : NULL;
  g_autoptr (GMenu) types = g_menu_new ();
  g_autoptr (GMenu) columns = g_menu_new ();
  g_autoptr (GMenu) values = g_menu_new ();
  g_autoptr (GMenu) scale = g_menu_new ();
  static const AtlasChartType all_types[] = {
    ATLAS_CHART_LINE,         ATLAS_CHART_AREA,           ATLAS_CHART_STACKED_AREA,
    ATLAS_CHART_STACKED_AREA_PERCENT, ATLAS_CHART_BAR,    ATLAS_CHART_BAR_STACKED,
    ATLAS_CHART_BAR_HORIZONTAL, ATLAS_CHART_BAR_HORIZONTAL_STACKED, ATLAS_CHART_SCATTER,
    ATLAS_CHART_DONUT,        ATLAS_CHART_TIMELINE,
  };

  g_menu_remove_all (self->options_menu);
  for (guint i = 0; i < G_N_ELEMENTS (all_types); i++)
    {
      g_autofree char *detailed
        = g_strdup_printf ("options.chart-type::%s", atlas_chart_type_to_string (all_types[i]));
      g_menu_append (types, atlas_chart_type_describe (all_types[i]), detailed);
    }
  for (guint c = 0; table && c < atlas_table_get_n_columns (table); c++)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (atlas_column_get_name (atlas_table_get_column (table, c)), NULL);
      g_menu_item_set_action_and_target_value (item, "options.x-column",
                                               g_variant_new_string (atlas_column_get_name (
                                                 atlas_table_get_column (table, c))));
      g_menu_append_item (columns, item);
    }
  g_menu_append (scale, _("Log Scale"), "options.log-scale");
  g_menu_append_section (self->options_menu, _("Chart Type"), G_MENU_MODEL (types));
  /* Translators: the menu section choosing the column along the x axis. */
  g_menu_append_section (self->options_menu, _("Along x"), G_MENU_MODEL (columns));

  if (!spec)
    return;
  update_y_column_options (self, values);
  if (g_menu_model_get_n_items (G_MENU_MODEL (values)) > 0)
    g_menu_append_section (self->options_menu, _("Values"), G_MENU_MODEL (values));
  if (spec->filter_column)
    {
      g_autoptr (GMenu) rows = make_filter_menu (table, spec->filter_column);
      g_menu_append_section (self->options_menu, spec->filter_column, G_MENU_MODEL (rows));
    }
  g_menu_append_section (self->options_menu, NULL, G_MENU_MODEL (scale));
  g_simple_action_set_state (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->chart_options),
                                                                          "chart-type")),
                             g_variant_new_string (atlas_chart_type_to_string (spec->type)));
  g_simple_action_set_state (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->chart_options),
                                                                          "x-column")),
                             g_variant_new_string (spec->x_column ? spec->x_column : ""));
  g_simple_action_set_state (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->chart_options),
                                                                          "log-scale")),
                             g_variant_new_boolean (spec->log_y));
  g_simple_action_set_state (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->chart_options),
                                                                          "filter-value")),
                             g_variant_new_string (spec->filter_value ? spec->filter_value : ""));
}

/* Shows the chart spec (cleared) makes of table; one the data cannot
 * take says why in a toast and leaves the chart as it was. */
static gboolean
show_chart_of_spec (AtlasWindow    *self,
                    AtlasTable     *table,
                    AtlasChartSpec *spec)
{
  g_autoptr (GError) error = NULL;
  AtlasChart *chart = atlas_chart_new (table, spec, &error);

  atlas_chart_spec_clear (spec);
  if (!chart)
    {
      show_status (self, error->message);
      update_chart_options (self);
      return FALSE;
    }
  show_chart (self, chart);
  return TRUE;
}

/* Draws the chart shown again with another type, x column or scale. A
 * new x drops the notes, which sit on the old one, and lets the reader
 * choose the values again; a change the data cannot take says why in a
 * toast and leaves the chart as it was. */
gboolean
atlas_window_change_chart (AtlasWindow *self,
                           const char  *type_name,
                           const char  *x_column,
                           int          log_y)
{
  AtlasChart *current;
  AtlasChartSpec spec;
  gboolean new_x;

  g_return_val_if_fail (ATLAS_IS_WINDOW (self), FALSE);

  current = atlas_chart_view_get_chart (self->chart_view);
  if (!current)
    return FALSE;
  new_x = x_column && g_strcmp0 (x_column, atlas_chart_get_spec (current)->x_column) != 0;
  atlas_chart_copy_shown_spec (current, &spec, !new_x);
  if (type_name && !atlas_chart_type_from_string (type_name, &spec.type))
    {
      atlas_chart_spec_clear (&spec);
      return FALSE;
    }
  if (new_x)
    {
      g_free (spec.x_column);
      spec.x_column = g_strdup (x_column);
      g_clear_pointer (&spec.y_columns, g_strfreev);
      atlas_chart_spec_suggest (atlas_chart_get_table (current), &spec, FALSE);
    }
  if (log_y >= 0)
    spec.log_y = log_y != 0;
  return show_chart_of_spec (self, atlas_chart_get_table (current), &spec);
}

/* Shows only the rows whose filter column reads value, or every row for
 * "" (as points, when a line would join rows of different series). */
gboolean
atlas_window_set_filter_value (AtlasWindow *self,
                               const char  *value)
{
  AtlasChart *current;
  AtlasChartSpec spec;

  g_return_val_if_fail (ATLAS_IS_WINDOW (self), FALSE);

  current = atlas_chart_view_get_chart (self->chart_view);
  if (!current || !atlas_chart_get_spec (current)->filter_column)
    return FALSE;
  atlas_chart_copy_shown_spec (current, &spec, TRUE);
  g_free (spec.filter_value);
  spec.filter_value = value && *value ? g_strdup (value) : NULL;
  /* Another series is another range: the view starts over. */
  spec.view_x_min = spec.view_x_max = spec.view_y_min = spec.view_y_max = NAN;
  if (!spec.filter_value && (spec.type == ATLAS_CHART_LINE || spec.type == ATLAS_CHART_AREA))
    spec.type = ATLAS_CHART_SCATTER;
  return show_chart_of_spec (self, atlas_chart_get_table (current), &spec);
}

static void
on_filter_value_changed (GSimpleAction *action,
                         GVariant      *value,
                         gpointer       data)
{
  atlas_window_set_filter_value (ATLAS_WINDOW (data), g_variant_get_string (value, NULL));
}

/* Draws the columns named as the chart's values, in that order, keeping
 * its type, view and the notes on columns still drawn. */
gboolean
atlas_window_set_y_columns (AtlasWindow        *self,
                            const char * const *y_columns)
{
  AtlasChart *current;
  AtlasChartSpec spec;

  g_return_val_if_fail (ATLAS_IS_WINDOW (self), FALSE);

  current = atlas_chart_view_get_chart (self->chart_view);
  if (!current)
    return FALSE;
  if (!y_columns || !y_columns[0])
    {
      show_status (self, _("A chart needs at least one column of values"));
      update_chart_options (self);
      return FALSE;
    }
  atlas_chart_copy_shown_spec (current, &spec, TRUE);
  atlas_chart_spec_set_y_columns (&spec, y_columns);
  return show_chart_of_spec (self, atlas_chart_get_table (current), &spec);
}

/* A column checked joins the values drawn, after the others; unchecked,
 * it leaves them. */
static void
on_y_column_toggled (GSimpleAction *action,
                     GVariant      *value,
                     gpointer       data)
{
  AtlasWindow *self = ATLAS_WINDOW (data);
  const char *column = g_object_get_data (G_OBJECT (action), "column");
  AtlasChart *chart = atlas_chart_view_get_chart (self->chart_view);
  char **drawn = chart ? atlas_chart_get_spec (chart)->y_columns : NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) chosen = NULL;

  for (guint i = 0; drawn && drawn[i]; i++)
    if (!g_str_equal (drawn[i], column))
      g_strv_builder_add (builder, drawn[i]);
  if (g_variant_get_boolean (value))
    g_strv_builder_add (builder, column);
  chosen = g_strv_builder_end (builder);
  atlas_window_set_y_columns (self, (const char * const *) chosen);
}

static void
on_chart_type_changed (GSimpleAction *action,
                       GVariant      *value,
                       gpointer       data)
{
  atlas_window_change_chart (ATLAS_WINDOW (data), g_variant_get_string (value, NULL), NULL, -1);
}

static void
on_x_column_changed (GSimpleAction *action,
                     GVariant      *value,
                     gpointer       data)
{
  atlas_window_change_chart (ATLAS_WINDOW (data), NULL, g_variant_get_string (value, NULL), -1);
}

static void
on_log_scale_changed (GSimpleAction *action,
                      GVariant      *value,
                      gpointer       data)
{
  atlas_window_change_chart (ATLAS_WINDOW (data), NULL, NULL, g_variant_get_boolean (value));
}

static void
install_chart_options (AtlasWindow *self)
{
  const GActionEntry entries[] = {
    { "chart-type", NULL, "s", "'line'", on_chart_type_changed, { 0 } },
    { "x-column", NULL, "s", "''", on_x_column_changed, { 0 } },
    { "log-scale", NULL, NULL, "false", on_log_scale_changed, { 0 } },
    { "filter-value", NULL, "s", "''", on_filter_value_changed, { 0 } },
  };

  self->chart_options = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->chart_options), entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "options", G_ACTION_GROUP (self->chart_options));
  self->options_menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->options_button, G_MENU_MODEL (self->options_menu));
}

/* Says something in a toast, and keeps it for atlas_window_get_status(). */
static void
show_status (AtlasWindow *self,
             const char  *message)
{
  g_free (self->status);
  self->status = g_strdup (message);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* A wrapped, left-aligned label for a sidebar row, from Pango markup. */
static GtkWidget *
make_sidebar_label (const char *markup,
                    int         vertical_margin)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, vertical_margin);
  gtk_widget_set_margin_bottom (label, vertical_margin);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  return label;
}

/* A passage as the sidebar shows it: a heading that opens it in bold. */
static GtkWidget *
make_passage_row (const AtlasStoryPassage *passage)
{
  const char *text = passage->text;
  const char *break_at = strstr (text, "\n\n");
  g_autofree char *markup = NULL;

  if (break_at && break_at - text < 100)
    {
      g_autofree char *heading = g_markup_escape_text (text, break_at - text);
      g_autofree char *body = g_markup_escape_text (break_at + 2, -1);
      markup = g_strdup_printf ("<b>%s</b>\n%s", heading, body);
    }
  else
    markup = g_markup_escape_text (text, -1);
  return make_sidebar_label (markup, 6);
}

/* A dataset as the sidebar lists it: its title, then its span and units. */
static GtkWidget *
make_dataset_row (const AtlasDatasetInfo *info)
{
  g_autofree char *title = g_markup_escape_text (info->title, -1);
  g_autofree char *details = g_markup_printf_escaped ("%s · %s", info->time_span, info->units);
  g_autofree char *markup = g_strdup_printf ("%s\n<small>%s</small>", title, details);

  return make_sidebar_label (markup, 3);
}

/* Shows a built-in dataset's own chart; FALSE, with a toast saying why,
 * when it cannot be charted. */
gboolean
atlas_window_show_dataset (AtlasWindow *self,
                           const char  *dataset)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AtlasChartDefinition) definition = NULL;
  AtlasChart *chart;

  g_return_val_if_fail (ATLAS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (dataset != NULL, FALSE);

  chart = self->story ? atlas_story_build_dataset_chart (self->story, dataset, &error) : NULL;
  if (!chart)
    {
      if (error)
        show_status (self, error->message);
      return FALSE;
    }
  forget_shown_file (self);
  show_chart_outside_story (self, chart, atlas_story_get_title (self->story));
  definition = atlas_chart_definition_new ();
  definition->dataset = g_strdup (dataset);
  set_shown_definition (self, g_steal_pointer (&definition), NULL);
  for (guint i = 0; self->catalog && i < self->catalog->len; i++)
    if (g_str_equal (((AtlasDatasetInfo *) g_ptr_array_index (self->catalog, i))->id, dataset))
      {
        GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->dataset_list, (int) i);
        gtk_list_box_select_row (self->dataset_list, row);
        /* Focus scrolls the sidebar to the row, wherever the choice came from. */
        gtk_widget_grab_focus (GTK_WIDGET (row));
      }
  return TRUE;
}

static void
on_dataset_activated (AtlasWindow   *self,
                      GtkListBoxRow *row)
{
  const AtlasDatasetInfo *info = g_ptr_array_index (self->catalog, (guint) gtk_list_box_row_get_index (row));

  atlas_window_show_dataset (self, info->id);
}

static void
show_dataset_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  atlas_window_show_dataset (ATLAS_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

void
atlas_window_show_passage (AtlasWindow *self,
                           guint        index)
{
  g_autoptr (GError) error = NULL;
  AtlasChart *chart;

  g_return_if_fail (ATLAS_IS_WINDOW (self));
  g_return_if_fail (self->story && index < atlas_story_get_n_passages (self->story));

  chart = atlas_story_build_chart (self->story, index, &error);
  if (!chart)
    {
      show_status (self, error->message);
      return;
    }
  hide_problems (self);
  forget_shown_file (self);
  {
    g_autofree char *builtin = builtin_datasets_dir ();
    set_shown_definition (self, atlas_story_export_passage (self->story, index, builtin), NULL);
  }
  self->passage = (int) index;
  /* A short fade marks the change of passage; AdwAnimation skips it when
   * the system asks for reduced motion (animations off). */
  adw_animation_reset (self->passage_fade);
  adw_animation_play (self->passage_fade);
  adw_view_switcher_title_set_subtitle (self->window_title, atlas_story_get_title (self->story));
  if (self->settings)
    g_settings_set_int (self->settings, "passage", (int) index);
  show_chart (self, chart);
  gtk_list_box_unselect_all (self->dataset_list);
  gtk_list_box_select_row (self->passage_list, gtk_list_box_get_row_at_index (self->passage_list, (int) index));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-passage", index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-passage",
                                 index + 1 < atlas_story_get_n_passages (self->story));
}

static void
on_passage_activated (AtlasWindow   *self,
                      GtkListBoxRow *row)
{
  atlas_window_show_passage (self, (guint) gtk_list_box_row_get_index (row));
}

static void
step_passage (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  int next = self->passage + (g_str_equal (action_name, "win.next-passage") ? 1 : -1);

  if (self->story && next >= 0 && next < (int) atlas_story_get_n_passages (self->story))
    atlas_window_show_passage (self, (guint) next);
}

/* Fills the sidebar with the story's passages and shows the first. */
gboolean
atlas_window_load_story (AtlasWindow  *self,
                         const char   *path,
                         GError      **error)
{
  AtlasStory *story = atlas_story_load (path, error);
  g_autoptr (GError) catalog_error = NULL;
  GtkWidget *child;
  int first;

  g_return_val_if_fail (ATLAS_IS_WINDOW (self), FALSE);

  if (!story)
    return FALSE;
  g_clear_pointer (&self->story, atlas_story_free);
  self->story = story;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->passage_list))))
    gtk_list_box_remove (self->passage_list, child);
  for (guint i = 0; i < atlas_story_get_n_passages (story); i++)
    gtk_list_box_append (self->passage_list, make_passage_row (atlas_story_get_passage (story, i)));
  adw_view_switcher_title_set_subtitle (self->window_title, atlas_story_get_title (story));
  atlas_chart_view_set_sources (self->chart_view, atlas_story_get_sources (story));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->dataset_list))))
    gtk_list_box_remove (self->dataset_list, child);
  g_clear_pointer (&self->catalog, g_ptr_array_unref);
  self->catalog = atlas_dataset_catalog_load (atlas_story_get_datasets_dir (story), &catalog_error);
  if (!self->catalog)
    show_status (self, catalog_error->message);
  for (guint i = 0; self->catalog && i < self->catalog->len; i++)
    gtk_list_box_append (self->dataset_list, make_dataset_row (g_ptr_array_index (self->catalog, i)));

  /* Back where the reader left off, when that passage is still there. */
  first = self->settings ? g_settings_get_int (self->settings, "passage") : 0;
  atlas_window_show_passage (self, first >= 0 && first < (int) atlas_story_get_n_passages (story) ? (guint) first : 0);
  return TRUE;
}

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
  gboolean exported;

  g_return_val_if_fail (ATLAS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  chart = atlas_chart_view_get_chart (self->chart_view);
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
  exported = atlas_chart_export (chart, path, width, height, format == ATLAS_EXPORT_PNG ? 2 : 1, error);
  /* The export laid the chart out at its own size: lay it out again for
   * the screen, so hover finds what is drawn there. */
  gtk_widget_queue_draw (GTK_WIDGET (self->chart_view));
  return exported;
}

static void
on_exported (AtlasExportDialog *dialog,
             const char        *path,
             AtlasWindow       *self)
{
  g_autofree char *shown = g_filename_display_basename (path);
  g_autofree char *message = g_strdup_printf (_("Exported “%s”"), shown);

  show_status (self, message);
}

/* The export dialog for the chart shown, as it is shown; NULL when there
 * is no chart. */
AtlasExportDialog *
atlas_window_present_export_dialog (AtlasWindow *self)
{
  AtlasChart *chart;
  AtlasExportDialog *dialog;
  double width, height;

  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);

  chart = atlas_chart_view_get_chart (self->chart_view);
  if (!chart)
    return NULL;
  get_export_size (self, &width, &height);
  dialog = atlas_export_dialog_new (GTK_WINDOW (self), chart, width, height);
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
    show_status (self, error->message);
}

/* How far the reading thread has come; it writes, a timer on the main
 * thread reads. */
struct LoadProgress
{
  gint ref_count;
  GMutex lock;
  guint64 done;
  guint64 total;
};

static struct LoadProgress *
load_progress_ref (struct LoadProgress *progress)
{
  g_atomic_int_inc (&progress->ref_count);
  return progress;
}

static void
load_progress_unref (gpointer data)
{
  struct LoadProgress *progress = data;

  if (g_atomic_int_dec_and_test (&progress->ref_count))
    {
      g_mutex_clear (&progress->lock);
      g_free (progress);
    }
}

static void
on_read_progress (guint64  done,
                  guint64  total,
                  gpointer data)
{
  struct LoadProgress *progress = data;

  g_mutex_lock (&progress->lock);
  progress->done = done;
  progress->total = total;
  g_mutex_unlock (&progress->lock);
}

static gboolean
update_load_progress (gpointer data)
{
  AtlasWindow *self = data;
  double fraction = 0;

  g_mutex_lock (&self->load_state->lock);
  if (self->load_state->total > 0)
    fraction = (double) self->load_state->done / (double) self->load_state->total;
  g_mutex_unlock (&self->load_state->lock);
  gtk_progress_bar_set_fraction (self->load_progress, CLAMP (fraction, 0, 1));
  return G_SOURCE_CONTINUE;
}

static void
read_file_in_thread (GTask        *task,
                     gpointer      source,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  const char *path = g_object_get_data (G_OBJECT (task), "path");
  AtlasImportSettings *settings = g_object_get_data (G_OBJECT (task), "settings");
  GError *error = NULL;
  AtlasCsvResult *result = atlas_csv_read_file (path, atlas_import_settings_get_options (settings), on_read_progress,
                                                task_data, cancellable, &error);

  if (result)
    g_task_return_pointer (task, result, (GDestroyNotify) atlas_csv_result_free);
  else
    g_task_return_error (task, error);
}

static void
stop_load_progress (AtlasWindow *self)
{
  g_clear_handle_id (&self->load_progress_source, g_source_remove);
  g_clear_pointer (&self->load_state, load_progress_unref);
  g_clear_object (&self->load_cancellable);
  gtk_revealer_set_reveal_child (self->load_revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-open", FALSE);
}

/* The chart of a file people opened, in the chart language: the file,
 * read with settings, and the chart the reader suggests for its
 * columns, titled with the file's name. */
static AtlasChartDefinition *
definition_for_opened_file (const char                *path,
                            const AtlasImportSettings *settings)
{
  AtlasChartDefinition *definition = atlas_chart_definition_new ();
  g_autofree char *name = g_filename_display_basename (path);
  const char *dot = strrchr (name, '.');

  atlas_chart_definition_set_data (definition, path);
  if (settings)
    atlas_chart_import_settings_write (definition, settings);
  definition->title = dot && dot != name ? g_strndup (name, (gsize) (dot - name)) : g_strdup (name);
  return definition;
}

/* How many cells held something their column could not read, and were
 * left empty. */
static guint64
count_unreadable_cells (const AtlasTable *table)
{
  guint64 n = 0;

  for (guint c = 0; c < atlas_table_get_n_columns (table); c++)
    n += atlas_column_get_n_invalid (atlas_table_get_column (table, c));
  return n;
}

/* What loaded is charted; a bar above it says how much did not, and
 * where to look first, and stays until dismissed or another chart
 * shows. "Show Problems" lists them with their lines and columns. */
static void
show_problems (AtlasWindow          *self,
               const char           *name,
               const AtlasCsvResult *result)
{
  const AtlasCsvProblem *first = g_ptr_array_index (result->problems, 0);
  guint64 unreadable = count_unreadable_cells (result->table);
  GString *text = g_string_new (NULL);
  g_autofree char *message = NULL;

  /* Translators: a file's name, then how many problems reading it had. */
  g_string_append_printf (text, ngettext ("%s: %" PRIu64 " problem.", "%s: %" PRIu64 " problems.",
                                          (gulong) result->n_problems),
                          name, result->n_problems);
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
  g_string_append_printf (text, _("The first, at line %" PRIu64 ", column %u: %s."), first->line,
                          first->column, first->message);
  message = g_string_free (text, FALSE);
  gtk_label_set_text (self->problems_label, message);
  gtk_info_bar_set_revealed (self->problems_bar, TRUE);
  g_free (self->status);
  self->status = g_steal_pointer (&message);
  self->problems = g_ptr_array_ref (result->problems);
  self->n_problems = result->n_problems;
  self->problems_file = g_strdup (name);
}

/* A window listing the opened file's problems, each with its line and
 * column; NULL when there are none. */
GtkWindow *
atlas_window_present_problems (AtlasWindow *self)
{
  GtkWidget *window, *box, *header, *scrolled, *clamp, *list;
  g_autofree char *title = NULL;

  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);

  if (!self->problems || self->problems->len == 0)
    return NULL;
  title = g_strdup_printf (_("Problems in “%s”"), self->problems_file);
  window = g_object_new (ADW_TYPE_WINDOW, "transient-for", self, "modal", TRUE, "title", title, "default-width",
                         640, "default-height", 520, NULL);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (title, NULL));
  gtk_box_append (GTK_BOX (box), header);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_valign (list, GTK_ALIGN_START);
  for (guint i = 0; i < self->problems->len; i++)
    {
      const AtlasCsvProblem *problem = g_ptr_array_index (self->problems, i);
      g_autofree char *where
        = g_strdup_printf (_("Line %" PRIu64 ", column %u"), problem->line, problem->column);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), where);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), problem->message);
      /* Cells quote what people wrote: shown as text, never as markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  if (self->n_problems > self->problems->len)
    {
      const AtlasCsvProblem *last = g_ptr_array_index (self->problems, self->problems->len - 1);
      guint64 n_more = self->n_problems - self->problems->len;
      /* Translators: how many more problems there are, then the line of the
       * last one listed. */
      g_autofree char *more = g_strdup_printf (ngettext ("and %" PRIu64 " more after line %" PRIu64,
                                                         "and %" PRIu64 " more after line %" PRIu64,
                                                         (gulong) n_more),
                                               n_more, last->line);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  clamp = adw_clamp_new ();
  gtk_widget_set_margin_top (clamp, 12);
  gtk_widget_set_margin_bottom (clamp, 18);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), list);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
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

static AtlasChart *chart_again (AtlasWindow *self,
                                AtlasTable  *table);
static void watch_shown_file (AtlasWindow               *self,
                              GFile                     *file,
                              const AtlasImportSettings *settings);

static void
on_file_read (GObject      *source,
              GAsyncResult *async_result,
              gpointer      data)
{
  AtlasWindow *self = ATLAS_WINDOW (source);
  GTask *task = G_TASK (async_result);
  const char *path = g_object_get_data (G_OBJECT (task), "path");
  GFile *chart_file = g_object_get_data (G_OBJECT (task), "chart-file");
  const AtlasChartDefinition *asked = g_object_get_data (G_OBJECT (task), "definition");
  const AtlasImportSettings *settings = g_object_get_data (G_OBJECT (task), "settings");
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *shown_name = chart_file ? g_file_get_basename (chart_file) : g_strdup (name);
  g_autoptr (GError) error = NULL;
  g_autoptr (AtlasCsvResult) result = g_task_propagate_pointer (task, &error);
  g_autoptr (AtlasChartDefinition) definition = NULL;
  g_autofree char *message = NULL;
  g_autofree char *uri = NULL;
  AtlasChart *chart, *reloaded;

  /* A newer file took this one's place: say nothing of this one. */
  if (g_task_get_cancellable (task) != self->load_cancellable)
    return;
  stop_load_progress (self);
  if (!result)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        message = g_strdup_printf (_("Stopped reading “%s”"), name);
      else
        message = g_strdup (error->message);
      show_status (self, message);
      return;
    }
  reloaded = g_object_get_data (G_OBJECT (task), "reload") ? chart_again (self, result->table) : NULL;
  if (!reloaded)
    definition = asked ? atlas_chart_definition_copy (asked) : definition_for_opened_file (path, settings);
  chart = reloaded ? reloaded : atlas_chart_context_build (get_chart_context (self), definition, result->table, &error);
  if (!chart)
    {
      message = g_strdup_printf ("%s: %s", path, error->message);
      show_status (self, message);
      return;
    }
  show_chart_outside_story (self, chart, shown_name);
  if (definition)
    set_shown_definition (self, g_steal_pointer (&definition), chart_file);
  watch_shown_file (self, g_object_get_data (G_OBJECT (task), "file"), settings);
  uri = chart_file ? g_file_get_uri (chart_file) : g_strdup (g_object_get_data (G_OBJECT (task), "uri"));
  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  if (result->n_problems > 0)
    show_problems (self, name, result);
  else if (reloaded)
    {
      message = g_strdup_printf (_("Reloaded “%s”"), name);
      show_status (self, message);
    }
}

/* The path of file, or NULL with a toast saying why it cannot be read. */
static char *
get_local_path (AtlasWindow *self,
                GFile       *file)
{
  char *path = g_file_get_path (file);

  if (!path)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *message = g_strdup_printf (_("%s: only files on this computer can be opened"), uri);
      show_status (self, message);
    }
  return path;
}

/* Reads file with settings (NULL: as the reader detects) off the main
 * thread, with a progress bar and a way to stop, and charts it when done;
 * a reload draws the chart shown again on the new data. What went wrong
 * shows in a toast. */
static void
read_file (AtlasWindow                *self,
           GFile                      *file,
           const AtlasImportSettings  *settings,
           gboolean                    reload,
           const AtlasChartDefinition *definition,
           GFile                      *chart_file)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;

  path = get_local_path (self, file);
  if (!path)
    return;
  if (self->load_cancellable)
    g_cancellable_cancel (self->load_cancellable);
  stop_load_progress (self);

  self->load_cancellable = g_cancellable_new ();
  self->load_state = g_new0 (struct LoadProgress, 1);
  self->load_state->ref_count = 1;
  g_mutex_init (&self->load_state->lock);
  task = g_task_new (self, self->load_cancellable, on_file_read, NULL);
  g_task_set_task_data (task, load_progress_ref (self->load_state), load_progress_unref);
  g_object_set_data_full (G_OBJECT (task), "path", g_strdup (path), g_free);
  g_object_set_data_full (G_OBJECT (task), "uri", g_file_get_uri (file), g_free);
  g_object_set_data_full (G_OBJECT (task), "file", g_object_ref (file), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "settings",
                          settings ? atlas_import_settings_copy (settings) : atlas_import_settings_new (),
                          (GDestroyNotify) atlas_import_settings_free);
  if (reload)
    g_object_set_data (G_OBJECT (task), "reload", GINT_TO_POINTER (TRUE));
  /* A chart file's data: its chart is drawn rather than one suggested. */
  if (definition)
    g_object_set_data_full (G_OBJECT (task), "definition", atlas_chart_definition_copy (definition),
                            (GDestroyNotify) atlas_chart_definition_free);
  if (chart_file)
    g_object_set_data_full (G_OBJECT (task), "chart-file", g_object_ref (chart_file), g_object_unref);

  name = g_filename_display_basename (path);
  label = g_strdup_printf (reload ? _("Reloading “%s”") : _("Reading “%s”"), name);
  gtk_label_set_text (self->load_label, label);
  gtk_progress_bar_set_fraction (self->load_progress, 0);
  gtk_revealer_set_reveal_child (self->load_revealer, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-open", TRUE);
  self->load_progress_source = g_timeout_add (50, update_load_progress, self);
  g_task_run_in_thread (task, read_file_in_thread);
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
  read_file (self, file, remembered, FALSE, NULL, NULL);
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
      show_status (self, message);
    }
  read_file (self, file, settings, FALSE, NULL, NULL);
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

  path = get_local_path (self, file);
  if (!path)
    return NULL;
  if (g_str_has_suffix (path, ".atlaschart"))
    {
      atlas_window_open_chart_file (self, file);
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

/* Chart files */

static void ask_to_locate_data (AtlasWindow          *self,
                                GFile                *chart_file,
                                AtlasChartDefinition *definition);

/* Draws the chart definition (taking it) of chart_file: a built-in
 * dataset's at once, a CSV file's once read, off the main thread. */
static void
open_chart_definition (AtlasWindow          *self,
                       GFile                *chart_file,
                       AtlasChartDefinition *definition)
{
  g_autoptr (AtlasChartDefinition) owned = definition;
  g_autofree char *name = g_file_get_basename (chart_file);
  g_autofree char *data_path = NULL;
  g_autoptr (AtlasImportSettings) settings = NULL;
  g_autoptr (GFile) data = NULL;
  g_autoptr (GError) error = NULL;

  if (owned->dataset)
    {
      g_autoptr (AtlasTable) table = atlas_chart_context_read_table (get_chart_context (self), owned, &error);
      AtlasChart *chart = table ? atlas_chart_context_build (get_chart_context (self), owned, table, &error) : NULL;
      g_autofree char *uri = g_file_get_uri (chart_file);

      if (!chart)
        {
          show_status (self, error->message);
          return;
        }
      forget_shown_file (self);
      show_chart_outside_story (self, chart, name);
      set_shown_definition (self, g_steal_pointer (&owned), chart_file);
      gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
      return;
    }
  data_path = atlas_chart_context_get_data_path (NULL, owned);
  if (!g_file_test (data_path, G_FILE_TEST_IS_REGULAR))
    {
      ask_to_locate_data (self, chart_file, g_steal_pointer (&owned));
      return;
    }
  settings = atlas_chart_import_settings_read (owned, &error);
  if (!settings)
    {
      show_status (self, error->message);
      return;
    }
  data = g_file_new_for_path (data_path);
  read_file (self, data, settings, FALSE, owned, chart_file);
}

/* Opens a .atlaschart file: its chart, over its data. */
void
atlas_window_open_chart_file (AtlasWindow *self,
                              GFile       *file)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  AtlasChartDefinition *definition;

  g_return_if_fail (ATLAS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = get_local_path (self, file);
  if (!path)
    return;
  definition = atlas_chart_definition_load (path, &error);
  if (!definition)
    {
      show_status (self, error->message);
      return;
    }
  open_chart_definition (self, file, definition);
}

/* Draws the chart file whose data was not found over data instead. */
void
atlas_window_locate_chart_data (AtlasWindow *self,
                                GFile       *data)
{
  g_autofree char *path = NULL;
  g_autoptr (GFile) chart_file = NULL;
  AtlasChartDefinition *definition;

  g_return_if_fail (ATLAS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (data));
  g_return_if_fail (self->unlocated != NULL);

  path = get_local_path (self, data);
  if (!path)
    return;
  definition = g_steal_pointer (&self->unlocated);
  chart_file = g_steal_pointer (&self->unlocated_chart_file);
  atlas_chart_definition_set_data (definition, path);
  open_chart_definition (self, chart_file, definition);
}

static void
on_data_located (GFile   *file,
                 gpointer data)
{
  AtlasWindow *self = data;

  if (file)
    atlas_window_locate_chart_data (self, file);
  else
    {
      g_clear_pointer (&self->unlocated, atlas_chart_definition_free);
      g_clear_object (&self->unlocated_chart_file);
    }
}

static void
on_locate_response (AdwMessageDialog *dialog,
                    const char       *response,
                    AtlasWindow      *self)
{
  g_autoptr (GListStore) filters = atlas_file_filters_new ();
  const char *table_types[] = { "text/csv", "text/tab-separated-values", NULL };
  const char *table_patterns[] = { "*.csv", "*.tsv", "*.txt", NULL };

  if (!g_str_equal (response, "locate"))
    {
      on_data_located (NULL, self);
      return;
    }
  atlas_file_filters_add (filters, _("CSV and text tables"), table_types, table_patterns);
  atlas_file_chooser_open (GTK_WINDOW (self), _("Locate the Chart’s Data"), G_LIST_MODEL (filters), on_data_located,
                           g_object_ref (self), g_object_unref);
}

/* The chart file's data is not where it says: asks where it went. */
static void
ask_to_locate_data (AtlasWindow          *self,
                    GFile                *chart_file,
                    AtlasChartDefinition *definition)
{
  g_autofree char *chart_name = g_file_get_basename (chart_file);
  g_autofree char *data_path = atlas_chart_context_get_data_path (NULL, definition);
  AdwMessageDialog *dialog;

  g_clear_pointer (&self->unlocated, atlas_chart_definition_free);
  self->unlocated = definition;
  g_set_object (&self->unlocated_chart_file, chart_file);
  g_free (self->status);
  /* Translators: a chart file's name, then the data file it names, then where that was looked for. */
  self->status = g_strdup_printf (_("“%s” draws “%s”, which is not at %s. Find the file to draw the chart."),
                                  chart_name, definition->data, data_path);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Chart Data Not Found"), self->status));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "locate", _("_Locate…"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "locate", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "locate");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_locate_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Saves the chart shown, as it shows now (type, columns, view, notes),
 * as a chart file at file; FALSE with a toast saying why when it cannot. */
gboolean
atlas_window_save_chart (AtlasWindow *self,
                         GFile       *file)
{
  g_autoptr (AtlasChartDefinition) definition = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  g_autofree char *uri = NULL;
  AtlasChart *chart = atlas_chart_view_get_chart (self->chart_view);

  g_return_val_if_fail (ATLAS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!chart || !self->shown_definition)
    return FALSE;
  path = get_local_path (self, file);
  if (!path)
    return FALSE;
  name = g_filename_display_basename (path);
  definition = atlas_chart_definition_copy (self->shown_definition);
  atlas_chart_definition_take_chart (definition, chart);
  if (!atlas_chart_definition_save (definition, path, &error))
    {
      /* Translators: a chart file's name, then why it could not be written. */
      message = g_strdup_printf (_("Could not save “%s”: %s"), name, error->message);
      show_status (self, message);
      return FALSE;
    }
  set_shown_definition (self, g_steal_pointer (&definition), file);
  uri = g_file_get_uri (file);
  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  message = g_strdup_printf (_("Saved “%s”"), name);
  show_status (self, message);
  return TRUE;
}

/* The chart file the chart shown was opened from or saved to, or NULL. */
GFile *
atlas_window_get_chart_file (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);
  return self->chart_file;
}

static void
on_save_file_chosen (GFile   *file,
                     gpointer data)
{
  g_autofree char *path = NULL;
  g_autoptr (GFile) named = NULL;

  if (!file)
    return;
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
  AtlasChart *chart = atlas_chart_view_get_chart (self->chart_view);
  const char *title = chart ? atlas_chart_get_spec (chart)->title : NULL;
  g_autoptr (GListStore) filters = atlas_file_filters_new ();
  const char *chart_types[] = { "application/x-silicon-atlas-chart", NULL };
  const char *chart_patterns[] = { "*.atlaschart", NULL };
  g_autofree char *name = NULL;

  if (self->chart_file)
    name = g_file_get_basename (self->chart_file);
  else
    {
      g_autofree char *base = g_strdup (title && *title ? title : _("Chart"));
      g_strdelimit (base, G_DIR_SEPARATOR_S, '-');
      name = g_strconcat (base, ".atlaschart", NULL);
    }
  atlas_file_filters_add (filters, _("Silicon Atlas charts"), chart_types, chart_patterns);
  atlas_file_chooser_save (GTK_WINDOW (self), _("Save Chart"), _("_Save"), name, G_LIST_MODEL (filters),
                           on_save_file_chosen, g_object_ref (self), g_object_unref);
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  if (self->chart_file)
    atlas_window_save_chart (self, self->chart_file);
  else
    save_as_activated (widget, "win.save-as", NULL);
}

/* Reads the file shown again, as it was read, keeping the chart as it is:
 * its type, columns, view, notes and series switched off. */
gboolean
atlas_window_reload (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), FALSE);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (!self->shown_file)
    return FALSE;
  read_file (self, self->shown_file, self->shown_settings, TRUE, NULL, self->chart_file);
  return TRUE;
}

static void
reload_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  atlas_window_reload (ATLAS_WINDOW (widget));
}

static gboolean
reload_after_change (gpointer data)
{
  AtlasWindow *self = data;

  self->reload_source = 0;
  atlas_window_reload (self);
  return G_SOURCE_REMOVE;
}

/* The file changed on disk: reload once it has been quiet for a moment,
 * as programs write in bursts; gone, it leaves the chart as loaded. */
static void
on_shown_file_changed (GFileMonitor      *monitor,
                       GFile             *file,
                       GFile             *other,
                       GFileMonitorEvent  event,
                       AtlasWindow       *self)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_RENAMED:
      g_clear_handle_id (&self->reload_source, g_source_remove);
      self->reload_source = g_timeout_add (300, reload_after_change, self);
      break;
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
      {
        g_autofree char *name = g_file_get_basename (file);
        g_autofree char *message
          = g_strdup_printf (_("“%s” was removed; the chart keeps what was loaded"), name);
        show_status (self, message);
      }
      break;
    default:
      break;
    }
}

/* Stops watching the file shown: another chart took its place. */
static void
forget_shown_file (AtlasWindow *self)
{
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->shown_monitor)
    {
      g_file_monitor_cancel (self->shown_monitor);
      g_signal_handlers_disconnect_by_data (self->shown_monitor, self);
    }
  g_clear_object (&self->shown_monitor);
  g_clear_object (&self->shown_file);
  g_clear_pointer (&self->shown_settings, atlas_import_settings_free);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload", FALSE);
}

/* Watches the file whose chart shows, to reload it when it changes. */
static void
watch_shown_file (AtlasWindow               *self,
                  GFile                     *file,
                  const AtlasImportSettings *settings)
{
  g_autoptr (GError) error = NULL;

  if (self->shown_file && g_file_equal (self->shown_file, file))
    {
      atlas_import_settings_free (self->shown_settings);
      self->shown_settings = atlas_import_settings_copy (settings);
      return;
    }
  forget_shown_file (self);
  self->shown_file = g_object_ref (file);
  self->shown_settings = atlas_import_settings_copy (settings);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload", TRUE);
  self->shown_monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->shown_monitor)
    g_signal_connect (self->shown_monitor, "changed", G_CALLBACK (on_shown_file_changed), self);
  else
    g_debug ("Changes to the file will not reload it: %s", error->message);
}

/* The chart shown drawn again from table (a reload of its file): the
 * same type, columns, view and notes, and the same series switched off;
 * NULL when the file lost a column it draws. */
static AtlasChart *
chart_again (AtlasWindow *self,
             AtlasTable  *table)
{
  AtlasChart *current = atlas_chart_view_get_chart (self->chart_view);
  AtlasChartSpec spec;
  AtlasChart *chart;

  if (!current)
    return NULL;
  atlas_chart_copy_shown_spec (current, &spec, TRUE);
  chart = atlas_chart_new (table, &spec, NULL);
  atlas_chart_spec_clear (&spec);
  for (guint i = 0; chart && i < atlas_chart_get_n_series (current); i++)
    if (!atlas_chart_get_series_visible (current, i))
      atlas_chart_set_series_visible (chart, i, FALSE);
  return chart;
}

/* Whether a file is being read. */
gboolean
atlas_window_is_loading (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), FALSE);
  return self->load_cancellable != NULL;
}

/* The last message the window showed in a toast, or NULL. */
const char *
atlas_window_get_status (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), NULL);
  return self->status;
}

static void
on_file_to_open_chosen (GFile   *file,
                        gpointer data)
{
  if (file)
    atlas_window_import_file (ATLAS_WINDOW (data), file);
}

static void
open_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  g_autoptr (GListStore) filters = atlas_file_filters_new ();
  const char *openable_types[] = { "text/csv", "text/tab-separated-values", "application/x-silicon-atlas-chart", NULL };
  const char *openable_patterns[] = { "*.csv", "*.tsv", "*.txt", "*.atlaschart", NULL };
  const char *table_types[] = { "text/csv", "text/tab-separated-values", NULL };
  const char *table_patterns[] = { "*.csv", "*.tsv", "*.txt", NULL };
  const char *chart_types[] = { "application/x-silicon-atlas-chart", NULL };
  const char *chart_patterns[] = { "*.atlaschart", NULL };
  const char *every_pattern[] = { "*", NULL };

  atlas_file_filters_add (filters, _("Tables and charts"), openable_types, openable_patterns);
  atlas_file_filters_add (filters, _("CSV and text tables"), table_types, table_patterns);
  atlas_file_filters_add (filters, _("Silicon Atlas charts"), chart_types, chart_patterns);
  atlas_file_filters_add (filters, _("All files"), NULL, every_pattern);
  atlas_file_chooser_open (GTK_WINDOW (widget), _("Open a CSV File or Chart"), G_LIST_MODEL (filters),
                           on_file_to_open_chosen, g_object_ref (widget), g_object_unref);
}

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

  atlas_window_import_file (ATLAS_WINDOW (widget), file);
}

static void
toggle_sidebar_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

/* Whether the sidebar is folded away for a narrow window. */
gboolean
atlas_window_is_sidebar_folded (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), FALSE);
  return adw_flap_get_folded (self->flap);
}

static void
cancel_open_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  if (self->load_cancellable)
    g_cancellable_cancel (self->load_cancellable);
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

/* The about window, crediting every publisher the datasets cite. */
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
  gtk_window_present (GTK_WINDOW (about));
}

int
atlas_window_get_passage (AtlasWindow *self)
{
  g_return_val_if_fail (ATLAS_IS_WINDOW (self), -1);
  return self->passage;
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

  if (self->load_cancellable)
    g_cancellable_cancel (self->load_cancellable);
  stop_load_progress (self);
  forget_shown_file (self);
  g_clear_pointer (&self->import_memory, atlas_import_memory_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->problems_file, g_free);
  g_clear_object (&self->settings);
  g_clear_object (&self->chart_options);
  if (self->passage_fade)
    adw_animation_skip (self->passage_fade);
  g_clear_object (&self->passage_fade);
  g_clear_object (&self->options_menu);
  g_clear_object (&self->recent_menu);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_WINDOW);
  g_clear_pointer (&self->shown_definition, atlas_chart_definition_free);
  g_clear_object (&self->chart_file);
  g_clear_pointer (&self->unlocated, atlas_chart_definition_free);
  g_clear_object (&self->unlocated_chart_file);
  g_clear_pointer (&self->builtin_context, atlas_chart_context_unref);
  g_clear_pointer (&self->story, atlas_story_free);
  g_clear_pointer (&self->catalog, g_ptr_array_unref);
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
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/siliconatlas/SiliconAtlas/atlas-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, passage_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, chart_view);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, dataset_list);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, options_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, table_view);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, load_revealer);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, load_label);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, load_progress);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, problems_bar);
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, problems_label);
  gtk_widget_class_bind_template_callback (widget_class, on_problems_response);
  gtk_widget_class_bind_template_callback (widget_class, on_passage_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_dataset_activated);
  gtk_widget_class_install_action (widget_class, "win.show-dataset", "s", show_dataset_activated);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_activated);
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
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "win.export-to", "s", export_to_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);

  gtk_widget_class_install_action (widget_class, "win.next-passage", NULL, step_passage);
  gtk_widget_class_install_action (widget_class, "win.previous-passage", NULL, step_passage);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "win.next-passage", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "win.previous-passage", NULL);
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
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  self->passage = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  install_chart_options (self);
  self->passage_fade
    = adw_timed_animation_new (GTK_WIDGET (self->chart_view), 0.25, 1, 220,
                               adw_property_animation_target_new (G_OBJECT (self->chart_view), "opacity"));
  adw_timed_animation_set_easing (ADW_TIMED_ANIMATION (self->passage_fade), ADW_EASE_OUT_CUBIC);
  g_signal_connect_swapped (self->view_stack, "notify::visible-child-name", G_CALLBACK (on_visible_view_changed),
                            self);
  restore_window_state (self);
  {
    g_autofree char *imports = g_build_filename (g_get_user_data_dir (), "silicon-atlas", "imports.ini", NULL);
    self->import_memory = atlas_import_memory_new (imports);
  }
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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-passage", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-passage", FALSE);
}

AtlasWindow *
atlas_window_new (GtkApplication *application)
{
  return g_object_new (ATLAS_TYPE_WINDOW, "application", application, NULL);
}
