/* atlas-window-chart-options.c: the window's chart options: the type, the column along x, the values, the rows and the scale. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-window-private.h"

#include <glib/gi18n.h>

#include "atlas-chart-suggest.h"

/* A name from the data as a menu shows it literally: menus read an
 * underscore as marking a mnemonic, so each is doubled ("series_001"
 * would show as "series001"). */
static char *
menu_label (const char *name)
{
  g_auto (GStrv) parts = g_strsplit (name, "_", -1);

  return g_strjoinv ("__", parts);
}

static void on_y_column_toggled (GSimpleAction *action,
                                 GVariant      *value,
                                 gpointer       data);
static void on_group_toggled (GSimpleAction *action,
                              GVariant      *value,
                              gpointer       data);

/* Removes the options whose names start with prefix, made for the chart
 * shown before. */
static void
remove_options_named (AtlasWindow *self,
                      const char  *prefix)
{
  g_auto (GStrv) names = g_action_group_list_actions (G_ACTION_GROUP (self->chart_options));

  for (guint i = 0; names[i]; i++)
    if (g_str_has_prefix (names[i], prefix))
      g_action_map_remove_action (G_ACTION_MAP (self->chart_options), names[i]);
}

/* The most groups the options list: more are chosen in a chart file. */
#define MAX_LISTED_GROUPS 40

/* One checkable action per group of a grouped chart: "options.group-N"
 * for the column's Nth group, checked while it is drawn, so that the
 * groups a chart leaves out are a choice away. */
static void
update_group_options (AtlasWindow *self,
                      GMenu       *groups)
{
  AtlasChart *chart = atlas_document_get_chart (self->document);
  const AtlasChartSpec *spec = chart ? atlas_chart_get_spec (chart) : NULL;
  g_auto (GStrv) all = NULL;

  remove_options_named (self, "group-");
  if (!spec || !spec->group_column)
    return;
  all = atlas_table_list_groups (atlas_chart_get_table (chart), spec->group_column, MAX_LISTED_GROUPS);
  for (guint g = 0; all[g]; g++)
    {
      g_autofree char *action_name = g_strdup_printf ("group-%u", g);
      g_autofree char *detailed = g_strdup_printf ("options.%s", action_name);
      gboolean drawn = !spec->group_values || g_strv_contains ((const char *const *) spec->group_values, all[g]);
      g_autoptr (GSimpleAction) action = g_simple_action_new_stateful (action_name, NULL,
                                                                         g_variant_new_boolean (drawn));
      g_autofree char *label = menu_label (all[g]);
      g_autoptr (GMenuItem) item = g_menu_item_new (label, detailed);

      g_signal_connect (action, "change-state", G_CALLBACK (on_group_toggled), self);
      g_object_set_data_full (G_OBJECT (action), "group", g_strdup (all[g]), g_free);
      g_action_map_add_action (G_ACTION_MAP (self->chart_options), G_ACTION (action));
      g_menu_append_item (groups, item);
    }
}

/* One checkable action per column of numbers that could be drawn, other
 * than the one along x: "options.y-column-N" for the table's column N,
 * checked while it is drawn. */
static void
update_y_column_options (AtlasWindow *self,
                         GMenu       *values)
{
  AtlasChart *chart = atlas_document_get_chart (self->document);
  const AtlasChartSpec *spec = chart ? atlas_chart_get_spec (chart) : NULL;
  AtlasTable *table = chart ? atlas_chart_get_table (chart) : NULL;

  remove_options_named (self, "y-column-");
  for (guint c = 0; table && c < atlas_table_get_n_columns (table); c++)
    {
      const AtlasColumn *column = atlas_table_get_column (table, c);
      const char *name = atlas_column_get_name (column);
      g_autofree char *action_name = NULL;
      g_autofree char *detailed = NULL;
      g_autofree char *label = NULL;
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
      label = menu_label (name);
      g_menu_append (values, label, detailed);
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
      g_autofree char *label = NULL;

      if (!name || !g_hash_table_add (seen, (gpointer) name))
        continue;
      label = menu_label (name);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "options.filter-value", g_variant_new_string (name));
      g_menu_append_item (menu, item);
    }
  return menu;
}

/* The options menu for the chart shown: its type, its x column among the
 * table's columns, the columns drawn as values, and a log scale; the
 * actions' states follow the chart. */
void
atlas_window_update_chart_options (AtlasWindow *self)
{
  AtlasChart *chart = atlas_document_get_chart (self->document);
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
      g_autofree char *label = menu_label (atlas_column_get_name (atlas_table_get_column (table, c)));
      g_autoptr (GMenuItem) item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "options.x-column",
                                               g_variant_new_string (atlas_column_get_name (
                                                 atlas_table_get_column (table, c))));
      g_menu_append_item (columns, item);
    }
  g_menu_append (scale, _("Log Scale"), "options.log-scale");
  /* Translators: a line chart's value axis fits its data, rather than starting at zero. */
  g_menu_append (scale, _("Fit Values to Data"), "options.fit-values");
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
  {
    g_autoptr (GMenu) groups = g_menu_new ();
    update_group_options (self, groups);
    if (g_menu_model_get_n_items (G_MENU_MODEL (groups)) > 0)
      g_menu_append_section (self->options_menu, spec->group_column, G_MENU_MODEL (groups));
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
                                                                          "fit-values")),
                             g_variant_new_boolean (spec->fit_values));
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
      atlas_window_show_status (self, error->message);
      atlas_window_update_chart_options (self);
      return FALSE;
    }
  atlas_document_set_chart (self->document, chart);
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

  current = atlas_document_get_chart (self->document);
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

  current = atlas_document_get_chart (self->document);
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

  current = atlas_document_get_chart (self->document);
  if (!current)
    return FALSE;
  if (!y_columns || !y_columns[0])
    {
      atlas_window_show_status (self, _("A chart needs at least one column of values"));
      atlas_window_update_chart_options (self);
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
  AtlasChart *chart = atlas_document_get_chart (self->document);
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

/* Draws the groups named, of a grouped chart: all of them for NULL. */
gboolean
atlas_window_set_group_values (AtlasWindow        *self,
                               const char * const *groups)
{
  AtlasChart *current;
  AtlasChartSpec spec;

  g_return_val_if_fail (ATLAS_IS_WINDOW (self), FALSE);

  current = atlas_document_get_chart (self->document);
  if (!current || !atlas_chart_get_spec (current)->group_column)
    return FALSE;
  if (groups && !groups[0])
    {
      atlas_window_show_status (self, _("A chart needs at least one group to draw"));
      atlas_window_update_chart_options (self);
      return FALSE;
    }
  atlas_chart_copy_shown_spec (current, &spec, TRUE);
  g_strfreev (spec.group_values);
  spec.group_values = g_strdupv ((char **) groups);
  /* Other groups are another range: the view starts over. */
  spec.view_x_min = spec.view_x_max = spec.view_y_min = spec.view_y_max = NAN;
  return show_chart_of_spec (self, atlas_chart_get_table (current), &spec);
}

/* A group checked joins those drawn; unchecked, it leaves them. All of
 * them checked is every group, the ones listed or not. */
static void
on_group_toggled (GSimpleAction *action,
                  GVariant      *value,
                  gpointer       data)
{
  AtlasWindow *self = ATLAS_WINDOW (data);
  const char *group = g_object_get_data (G_OBJECT (action), "group");
  AtlasChart *chart = atlas_document_get_chart (self->document);
  const AtlasChartSpec *spec = chart ? atlas_chart_get_spec (chart) : NULL;
  g_auto (GStrv) all = NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) chosen = NULL;
  guint n_chosen = 0, n_all;

  if (!spec || !spec->group_column)
    return;
  all = atlas_table_list_groups (atlas_chart_get_table (chart), spec->group_column, G_MAXUINT);
  n_all = g_strv_length (all);
  for (guint g = 0; all[g]; g++)
    {
      gboolean drawn = !spec->group_values || g_strv_contains ((const char *const *) spec->group_values, all[g]);
      if (g_str_equal (all[g], group))
        drawn = g_variant_get_boolean (value);
      if (drawn)
        {
          g_strv_builder_add (builder, all[g]);
          n_chosen++;
        }
    }
  chosen = g_strv_builder_end (builder);
  atlas_window_set_group_values (self, n_chosen == n_all ? NULL : (const char * const *) chosen);
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

/* Fits a line chart's value axis to its data, or starts it at zero again. */
static void
on_fit_values_changed (GSimpleAction *action,
                       GVariant      *value,
                       gpointer       data)
{
  AtlasWindow *self = ATLAS_WINDOW (data);
  AtlasChart *current = atlas_document_get_chart (self->document);
  AtlasChartSpec spec;

  if (!current)
    return;
  atlas_chart_copy_shown_spec (current, &spec, TRUE);
  spec.fit_values = g_variant_get_boolean (value);
  show_chart_of_spec (self, atlas_chart_get_table (current), &spec);
}

static void
on_log_scale_changed (GSimpleAction *action,
                      GVariant      *value,
                      gpointer       data)
{
  atlas_window_change_chart (ATLAS_WINDOW (data), NULL, NULL, g_variant_get_boolean (value));
}

void
atlas_window_init_chart_options (AtlasWindow *self)
{
  const GActionEntry entries[] = {
    { "chart-type", NULL, "s", "'line'", on_chart_type_changed, { 0 } },
    { "x-column", NULL, "s", "''", on_x_column_changed, { 0 } },
    { "log-scale", NULL, NULL, "false", on_log_scale_changed, { 0 } },
    { "fit-values", NULL, NULL, "false", on_fit_values_changed, { 0 } },
    { "filter-value", NULL, "s", "''", on_filter_value_changed, { 0 } },
  };

  self->chart_options = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->chart_options), entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "options", G_ACTION_GROUP (self->chart_options));
  self->options_menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->options_button, G_MENU_MODEL (self->options_menu));
}
