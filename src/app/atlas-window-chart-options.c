/* atlas-window-chart-options.c: the window's chart options: the type, the column along x, the values, the rows and the scale. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-window-private.h"

#include <glib/gi18n.h>

#include "atlas-cell-parse.h"
#include "atlas-chart-settings.h"
#include "atlas-chart-suggest.h"

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

/* Sets the state of the option action_name, or makes it, checkable, with
 * what it toggles kept as its data under key. Options stay while the
 * table does, so that what shows them keeps its place. */
static void
set_toggle_option (AtlasWindow *self,
                   const char  *action_name,
                   const char  *key,
                   const char  *name,
                   gboolean     checked,
                   GCallback    on_toggled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->chart_options), action_name);
  g_autoptr (GSimpleAction) made = NULL;

  if (action && g_strcmp0 (g_object_get_data (G_OBJECT (action), key), name) == 0)
    {
      g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (checked));
      return;
    }
  made = g_simple_action_new_stateful (action_name, NULL, g_variant_new_boolean (checked));
  g_signal_connect (made, "change-state", on_toggled, self);
  g_object_set_data_full (G_OBJECT (made), key, g_strdup (name), g_free);
  g_action_map_add_action (G_ACTION_MAP (self->chart_options), G_ACTION (made));
}

/* One checkable action per group of a grouped chart: "options.group-N"
 * for the column's Nth group, checked while it is drawn, so that the
 * groups a chart leaves out are a choice away. */
static void
update_group_options (AtlasWindow *self)
{
  AtlasChart *chart = atlas_document_get_chart (self->document);
  const AtlasChartSpec *spec = chart ? atlas_chart_get_spec (chart) : NULL;
  g_auto (GStrv) all = NULL;
  g_autofree char *first_unused = NULL;

  if (!spec || !spec->group_column)
    {
      remove_options_named (self, "group-");
      return;
    }
  all = atlas_table_list_groups (atlas_chart_get_table (chart), spec->group_column, ATLAS_WINDOW_MAX_LISTED_GROUPS);
  for (guint g = 0; all[g]; g++)
    {
      g_autofree char *action_name = g_strdup_printf ("group-%u", g);
      gboolean drawn = !spec->group_values || g_strv_contains ((const char *const *) spec->group_values, all[g]);

      set_toggle_option (self, action_name, "group", all[g], drawn, G_CALLBACK (on_group_toggled));
    }
  first_unused = g_strdup_printf ("group-%u", g_strv_length (all));
  for (guint g = g_strv_length (all);
       g_action_map_lookup_action (G_ACTION_MAP (self->chart_options), first_unused); g++)
    {
      g_action_map_remove_action (G_ACTION_MAP (self->chart_options), first_unused);
      g_free (first_unused);
      first_unused = g_strdup_printf ("group-%u", g + 1);
    }
}

/* One checkable action per column of numbers that could be drawn, other
 * than the one along x: "options.y-column-N" for the table's column N,
 * checked while it is drawn. */
static void
update_y_column_options (AtlasWindow *self)
{
  AtlasChart *chart = atlas_document_get_chart (self->document);
  const AtlasChartSpec *spec = chart ? atlas_chart_get_spec (chart) : NULL;
  AtlasTable *table = chart ? atlas_chart_get_table (chart) : NULL;

  for (guint c = 0; table && c < atlas_table_get_n_columns (table); c++)
    {
      const AtlasColumn *column = atlas_table_get_column (table, c);
      const char *name = atlas_column_get_name (column);
      g_autofree char *action_name = g_strdup_printf ("y-column-%u", c);

      if (atlas_column_get_column_type (column) != ATLAS_COLUMN_NUMBER || g_strcmp0 (name, spec->x_column) == 0)
        {
          g_action_map_remove_action (G_ACTION_MAP (self->chart_options), action_name);
          continue;
        }
      set_toggle_option (self, action_name, "column", name,
                         spec->y_columns && g_strv_contains ((const char *const *) spec->y_columns, name),
                         G_CALLBACK (on_y_column_toggled));
    }
  if (!table)
    remove_options_named (self, "y-column-");
}

static void
set_option_state (AtlasWindow *self,
                  const char  *name,
                  GVariant    *state)
{
  g_simple_action_set_state (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->chart_options), name)),
                             state);
}

/* The options' states follow the chart shown, and the settings sidebar
 * shows them. */
void
atlas_window_update_chart_options (AtlasWindow *self)
{
  AtlasChart *chart = atlas_document_get_chart (self->document);
  const AtlasChartSpec *spec = chart ? atlas_chart_get_spec (chart) : NULL;
  AtlasTable *table = chart ? atlas_chart_get_table (chart) : NULL;

  /* Another table: its columns are others, numbered anew. */
  if (table != g_object_get_data (G_OBJECT (self->chart_options), "table"))
    {
      remove_options_named (self, "y-column-");
      remove_options_named (self, "group-");
      g_object_set_data (G_OBJECT (self->chart_options), "table", table);
    }
  /* Another chart shown, of this table or another: the charts kept along
   * other x columns were the last one's. */
  if ((gpointer) atlas_document_get_definition (self->document)
      != g_object_get_data (G_OBJECT (self->chart_options), "definition"))
    {
      g_hash_table_remove_all (self->charts_by_x);
      g_object_set_data (G_OBJECT (self->chart_options), "definition",
                         (gpointer) atlas_document_get_definition (self->document));
    }
  update_y_column_options (self);
  update_group_options (self);
  if (spec)
    {
      set_option_state (self, "chart-type", g_variant_new_string (atlas_chart_type_to_string (spec->type)));
      set_option_state (self, "x-column", g_variant_new_string (spec->x_column ? spec->x_column : ""));
      set_option_state (self, "log-scale", g_variant_new_boolean (spec->log_y));
      set_option_state (self, "fit-values", g_variant_new_boolean (spec->fit_values));
      set_option_state (self, "filter-value", g_variant_new_string (spec->filter_value ? spec->filter_value : ""));
    }
  atlas_chart_settings_set_chart (self->chart_settings, chart);
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
  if (new_x)
    {
      /* The chart along this x is kept, to come back to as it was. */
      AtlasChartSpec *kept = g_new (AtlasChartSpec, 1);
      atlas_chart_copy_shown_spec (current, kept, TRUE);
      g_hash_table_insert (self->charts_by_x, g_strdup (kept->x_column), kept);
    }
  if (new_x && g_hash_table_contains (self->charts_by_x, x_column))
    {
      /* Back to an x shown before: its values, notes and view again. */
      atlas_chart_spec_copy (g_hash_table_lookup (self->charts_by_x, x_column), &spec, TRUE);
      new_x = FALSE;
    }
  else
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

static void
chart_spec_free (gpointer data)
{
  atlas_chart_spec_clear (data);
  g_free (data);
}

/* Edits of the chart shown, each the same shape: a copy of its spec, as
 * it shows now, changed by the action's parameter. FALSE leaves it. */
typedef gboolean (*SpecEdit) (AtlasWindow    *self,
                              AtlasChart     *current,
                              AtlasChartSpec *spec,
                              GVariant       *parameter);

static gboolean
edit_shown_spec (AtlasWindow *self,
                 SpecEdit     edit,
                 GVariant    *parameter)
{
  AtlasChart *current = atlas_document_get_chart (self->document);
  AtlasChartSpec spec;

  if (!current)
    return FALSE;
  atlas_chart_copy_shown_spec (current, &spec, TRUE);
  if (!edit (self, current, &spec, parameter))
    {
      atlas_chart_spec_clear (&spec);
      atlas_window_update_chart_options (self);
      return FALSE;
    }
  return show_chart_of_spec (self, atlas_chart_get_table (current), &spec);
}

/* NULL for "": a field left empty says nothing. */
static char *
dup_text (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  return *stripped ? g_steal_pointer (&stripped) : NULL;
}

/* ("title", text): the chart's title, subtitle, source line, notes under
 * it, or the prefix, suffix or unit of its values. */
static gboolean
edit_text (AtlasWindow    *self,
           AtlasChart     *current,
           AtlasChartSpec *spec,
           GVariant       *parameter)
{
  const char *field, *text;
  char **target = NULL;

  g_variant_get (parameter, "(&s&s)", &field, &text);
  if (g_str_equal (field, "title"))
    target = &spec->title;
  else if (g_str_equal (field, "subtitle"))
    target = &spec->subtitle;
  else if (g_str_equal (field, "source"))
    target = &spec->source;
  else if (g_str_equal (field, "notes"))
    target = &spec->notes;
  else if (g_str_equal (field, "prefix"))
    target = &spec->value_prefix;
  else if (g_str_equal (field, "suffix"))
    target = &spec->value_suffix;
  else if (g_str_equal (field, "unit"))
    target = &spec->value_unit;
  if (!target)
    return FALSE;
  /* Prefixes and suffixes keep their spaces: " bn" is not "bn". */
  if (target == &spec->value_prefix || target == &spec->value_suffix)
    {
      if (g_strcmp0 (*target ? *target : "", text) == 0)
        return FALSE;
      g_free (*target);
      *target = *text ? g_strdup (text) : NULL;
      return TRUE;
    }
  {
    g_autofree char *value = dup_text (text);
    if (g_strcmp0 (*target, value) == 0)
      return FALSE;
    g_free (*target);
    *target = g_steal_pointer (&value);
  }
  return TRUE;
}

static gboolean
edit_decimals (AtlasWindow    *self,
               AtlasChart     *current,
               AtlasChartSpec *spec,
               GVariant       *parameter)
{
  int decimals = CLAMP (g_variant_get_int32 (parameter), -1, 12);

  if (spec->value_decimals == decimals)
    return FALSE;
  spec->value_decimals = decimals;
  return TRUE;
}

/* A number typed for an axis limit; empty is NAN, the data's own. */
static gboolean
parse_axis_limit (const char *text,
                  double     *out_value)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  *out_value = NAN;
  return !*stripped || atlas_cell_parse_typed_number (stripped, out_value);
}

/* ("from", "to"): the value axis runs between them; an end left empty
 * is where the data put it. */
static gboolean
edit_y_range (AtlasWindow    *self,
              AtlasChart     *current,
              AtlasChartSpec *spec,
              GVariant       *parameter)
{
  const char *from_text, *to_text;
  double from, to, auto_from, auto_to;

  g_variant_get (parameter, "(&s&s)", &from_text, &to_text);
  if (!parse_axis_limit (from_text, &from) || !parse_axis_limit (to_text, &to))
    {
      atlas_window_show_status (self, _("The value axis runs between numbers: type one, or leave it empty"));
      return FALSE;
    }
  if (isnan (from) && isnan (to))
    {
      spec->view_y_min = spec->view_y_max = NAN;
      return TRUE;
    }
  {
    AtlasChartSpec own;
    g_autoptr (AtlasChart) unzoomed = NULL;
    g_autoptr (AtlasChartLayout) layout = NULL;

    atlas_chart_spec_copy (spec, &own, TRUE);
    own.view_y_min = own.view_y_max = NAN;
    unzoomed = atlas_chart_new (atlas_chart_get_table (current), &own, NULL);
    atlas_chart_spec_clear (&own);
    layout = unzoomed ? atlas_chart_layout_new (unzoomed, NULL, 800, 500) : NULL;
    if (!layout || !atlas_chart_get_y_view (layout, &auto_from, &auto_to))
      return FALSE;
  }
  from = isnan (from) ? auto_from : from;
  to = isnan (to) ? auto_to : to;
  if (!(to > from))
    {
      atlas_window_show_status (self, _("The value axis's highest value must be above its lowest"));
      return FALSE;
    }
  spec->view_y_min = from;
  spec->view_y_max = to;
  return TRUE;
}

/* (series, "#rrggbb"): the series' colour; "" for the palette's. */
static gboolean
edit_series_color (AtlasWindow    *self,
                   AtlasChart     *current,
                   AtlasChartSpec *spec,
                   GVariant       *parameter)
{
  guint series, n_series = atlas_chart_get_n_series (current);
  const char *color;
  AtlasColor parsed;
  GPtrArray *colors;
  gboolean any = FALSE;

  g_variant_get (parameter, "(u&s)", &series, &color);
  if (series >= n_series || (*color && !atlas_chart_parse_color (color, &parsed)))
    return FALSE;
  colors = g_ptr_array_new ();
  for (guint s = 0; s < n_series; s++)
    {
      const char *kept = spec->series_colors && s < g_strv_length (spec->series_colors) ? spec->series_colors[s] : "";
      g_ptr_array_add (colors, g_strdup (s == series ? color : kept));
      any |= *(const char *) g_ptr_array_index (colors, s) != '\0';
    }
  g_ptr_array_add (colors, NULL);
  g_strfreev (spec->series_colors);
  spec->series_colors = (GStrv) g_ptr_array_free (colors, FALSE);
  if (!any)
    g_clear_pointer (&spec->series_colors, g_strfreev);
  return TRUE;
}

static gboolean
edit_sort (AtlasWindow    *self,
           AtlasChart     *current,
           AtlasChartSpec *spec,
           GVariant       *parameter)
{
  AtlasSortOrder order;

  if (!atlas_sort_order_from_string (g_variant_get_string (parameter, NULL), &order) || order == spec->sort)
    return FALSE;
  spec->sort = order;
  return TRUE;
}

/* A series for each value of a column of names, or "" for none: the
 * values drawn start over from the suggestion. */
static gboolean
edit_group_column (AtlasWindow    *self,
                   AtlasChart     *current,
                   AtlasChartSpec *spec,
                   GVariant       *parameter)
{
  g_autofree char *column = dup_text (g_variant_get_string (parameter, NULL));

  if (g_strcmp0 (column, spec->group_column) == 0)
    return FALSE;
  g_free (spec->group_column);
  spec->group_column = g_steal_pointer (&column);
  g_clear_pointer (&spec->group_values, g_strfreev);
  g_clear_pointer (&spec->annotations, g_array_unref);
  spec->view_x_min = spec->view_x_max = spec->view_y_min = spec->view_y_max = NAN;
  if (spec->group_column && spec->y_columns && spec->y_columns[0])
    {
      /* Each group draws one column of values: the first drawn. */
      g_autofree char *first = g_strdup (spec->y_columns[0]);
      g_strfreev (spec->y_columns);
      spec->y_columns = g_new0 (char *, 2);
      spec->y_columns[0] = g_steal_pointer (&first);
    }
  g_clear_pointer (&spec->series_colors, g_strfreev);
  return TRUE;
}

/* The note at index of the spec, or NULL. */
static AtlasAnnotation *
spec_note (AtlasChartSpec *spec,
           guint           index)
{
  return spec->annotations && index < spec->annotations->len
           ? &g_array_index (spec->annotations, AtlasAnnotation, index)
           : NULL;
}

/* (note, text): what a note says. */
static gboolean
edit_note_text (AtlasWindow    *self,
                AtlasChart     *current,
                AtlasChartSpec *spec,
                GVariant       *parameter)
{
  guint index;
  const char *text;
  AtlasAnnotation *note;
  g_autofree char *value = NULL;

  g_variant_get (parameter, "(u&s)", &index, &text);
  note = spec_note (spec, index);
  value = dup_text (text);
  if (!note || !value || g_strcmp0 (note->text, value) == 0)
    return FALSE;
  g_free (note->text);
  note->text = g_steal_pointer (&value);
  return TRUE;
}

static gboolean
edit_delete_note (AtlasWindow    *self,
                  AtlasChart     *current,
                  AtlasChartSpec *spec,
                  GVariant       *parameter)
{
  guint index = g_variant_get_uint32 (parameter);

  if (!spec_note (spec, index))
    return FALSE;
  g_array_remove_index (spec->annotations, index);
  return TRUE;
}

/* (note, series, x, x_end, y): where a note stands: a callout on another
 * point, a range over another span, a reference line at another value. */
static gboolean
edit_move_note (AtlasWindow    *self,
                AtlasChart     *current,
                AtlasChartSpec *spec,
                GVariant       *parameter)
{
  guint index, series;
  double x, x_end, y;
  AtlasAnnotation *note;

  g_variant_get (parameter, "(uuddd)", &index, &series, &x, &x_end, &y);
  note = spec_note (spec, index);
  if (!note)
    return FALSE;
  note->series = series;
  note->x = x;
  note->x_end = x_end;
  note->y = y;
  return TRUE;
}

/* (kind, series, x, x_end, y, text): a new note, of any kind. */
static gboolean
edit_add_note (AtlasWindow    *self,
               AtlasChart     *current,
               AtlasChartSpec *spec,
               GVariant       *parameter)
{
  guint kind, series;
  double x, x_end, y;
  const char *text;
  g_autofree char *value = NULL;

  g_variant_get (parameter, "(uuddd&s)", &kind, &series, &x, &x_end, &y, &text);
  value = dup_text (text);
  if (kind > ATLAS_ANNOTATION_REFERENCE_LINE || !value)
    return FALSE;
  if (kind == ATLAS_ANNOTATION_RANGE && x_end < x)
    {
      double swap = x;
      x = x_end;
      x_end = swap;
    }
  atlas_chart_spec_add_annotation (spec, (AtlasAnnotationKind) kind, x, x_end, y, series, value);
  return TRUE;
}

#define DEFINE_EDIT_ACTION(name, edit)                                                                                  \
  static void name (GSimpleAction *action, GVariant *parameter, gpointer data)                                         \
  {                                                                                                                    \
    edit_shown_spec (ATLAS_WINDOW (data), edit, parameter);                                                            \
  }

DEFINE_EDIT_ACTION (on_text, edit_text)
DEFINE_EDIT_ACTION (on_decimals, edit_decimals)
DEFINE_EDIT_ACTION (on_y_range, edit_y_range)
DEFINE_EDIT_ACTION (on_series_color, edit_series_color)
DEFINE_EDIT_ACTION (on_sort, edit_sort)
DEFINE_EDIT_ACTION (on_group_column, edit_group_column)
DEFINE_EDIT_ACTION (on_note_text, edit_note_text)
DEFINE_EDIT_ACTION (on_delete_note, edit_delete_note)
DEFINE_EDIT_ACTION (on_move_note, edit_move_note)
DEFINE_EDIT_ACTION (on_add_note, edit_add_note)

void
atlas_window_init_chart_options (AtlasWindow *self)
{
  const GActionEntry entries[] = {
    { "chart-type", NULL, "s", "'line'", on_chart_type_changed, { 0 } },
    { "x-column", NULL, "s", "''", on_x_column_changed, { 0 } },
    { "log-scale", NULL, NULL, "false", on_log_scale_changed, { 0 } },
    { "fit-values", NULL, NULL, "false", on_fit_values_changed, { 0 } },
    { "filter-value", NULL, "s", "''", on_filter_value_changed, { 0 } },
    { "text", on_text, "(ss)", NULL, NULL, { 0 } },
    { "decimals", on_decimals, "i", NULL, NULL, { 0 } },
    { "y-range", on_y_range, "(ss)", NULL, NULL, { 0 } },
    { "series-color", on_series_color, "(us)", NULL, NULL, { 0 } },
    { "sort", on_sort, "s", NULL, NULL, { 0 } },
    { "group-column", on_group_column, "s", NULL, NULL, { 0 } },
    { "note-text", on_note_text, "(us)", NULL, NULL, { 0 } },
    { "delete-note", on_delete_note, "u", NULL, NULL, { 0 } },
    { "move-note", on_move_note, "(uuddd)", NULL, NULL, { 0 } },
    { "add-note", on_add_note, "(uuddds)", NULL, NULL, { 0 } },
  };

  self->charts_by_x = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, chart_spec_free);
  self->chart_options = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->chart_options), entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "options", G_ACTION_GROUP (self->chart_options));
}
