/* atlas-chart-group.c: a long table (a row per year and company) made wide (a column per company), for series by group. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-chart-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "atlas-table-private.h"

/* More series than this are too many to tell apart by colour. */
#define MAX_GROUPS 60

/* What a grouped chart draws, read from the long table: the columns it
 * uses, and for each value column the groups that have values in it. */
typedef struct
{
  const AtlasColumn *x;
  const AtlasColumn *group;
  const AtlasColumn *filter;
  const AtlasColumn *status;
  GPtrArray *row_groups; /* char *: each row's group, as group_name() gives it */
  GPtrArray *values;     /* const AtlasColumn *: the spec's value columns */
  GPtrArray *groups;     /* per value column, a GPtrArray of group names (char *) in first-seen order */
  GPtrArray *series;     /* char *: the series' names, value column by value column, group by group */
} Grouping;

static void
grouping_clear (Grouping *grouping)
{
  g_clear_pointer (&grouping->row_groups, g_ptr_array_unref);
  g_clear_pointer (&grouping->values, g_ptr_array_unref);
  g_clear_pointer (&grouping->groups, g_ptr_array_unref);
  g_clear_pointer (&grouping->series, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Grouping, grouping_clear)

/* The row's group: the cell as a person reads it, or a name for none. */
static char *
group_name (const AtlasColumn *group,
            gsize              row)
{
  if (atlas_column_is_missing (group, row))
    /* Translators: the series of rows whose group column is empty, such as “no company”. */
    return g_strdup_printf (_("no %s"), atlas_column_get_name (group));
  return atlas_column_format_cell (group, row);
}

/* Whether row is drawn at all: the filter keeps it, it has an x, and
 * its group is one the spec draws. */
static gboolean
row_in_chart (const Grouping       *grouping,
              const AtlasChartSpec *spec,
              gsize                 row)
{
  if ((grouping->filter && g_strcmp0 (atlas_column_get_text (grouping->filter, row), spec->filter_value) != 0)
      || atlas_column_is_missing (grouping->x, row))
    return FALSE;
  return !spec->group_values
         || g_strv_contains ((const char *const *) spec->group_values, g_ptr_array_index (grouping->row_groups, row));
}

static int
compare_by_group_values (gconstpointer a,
                         gconstpointer b,
                         gpointer      data)
{
  const char *const *order = data;
  const char *name_a = *(const char *const *) a, *name_b = *(const char *const *) b;
  guint index_a = 0, index_b = 0;

  while (order[index_a] && g_strcmp0 (order[index_a], name_a) != 0)
    index_a++;
  while (order[index_b] && g_strcmp0 (order[index_b], name_b) != 0)
    index_b++;
  return (index_a > index_b) - (index_a < index_b);
}

/* Reads what spec draws of table in long form: its columns, and for each
 * value column the groups with a value in it, in the order they appear.
 * A group with no value in a column is no series of it. */
static gboolean
grouping_read (Grouping             *grouping,
               const AtlasTable     *table,
               const AtlasChartSpec *spec,
               GError              **error)
{
  guint n_values = spec->y_columns ? g_strv_length (spec->y_columns) : 0;

  *grouping = (Grouping) { 0 };
  if (!(grouping->x = atlas_chart_find_column (table, spec->x_column, error))
      || !(grouping->group = atlas_chart_find_column (table, spec->group_column, error)))
    return FALSE;
  if (spec->filter_column && spec->filter_value
      && !(grouping->filter = atlas_chart_find_column (table, spec->filter_column, error)))
    return FALSE;
  if (spec->status_column && !(grouping->status = atlas_chart_find_column (table, spec->status_column, error)))
    return FALSE;
  /* Each row's group, named once: every pass over the rows reads it. */
  grouping->row_groups = g_ptr_array_new_full (atlas_table_get_n_rows (table), g_free);
  for (gsize row = 0; row < atlas_table_get_n_rows (table); row++)
    g_ptr_array_add (grouping->row_groups, group_name (grouping->group, row));
  if (n_values == 0)
    {
      g_set_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_NO_DATA,
                   _("The chart needs at least one column of numbers to draw"));
      return FALSE;
    }
  grouping->values = g_ptr_array_new ();
  grouping->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  grouping->series = g_ptr_array_new_with_free_func (g_free);
  for (guint v = 0; v < n_values; v++)
    {
      const AtlasColumn *column = atlas_chart_find_column (table, spec->y_columns[v], error);
      g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      GPtrArray *groups = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (grouping->groups, groups);
      if (!column)
        return FALSE;
      if (atlas_column_get_column_type (column) != ATLAS_COLUMN_NUMBER)
        {
          g_set_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_WRONG_COLUMN_TYPE,
                       _("Column “%s” holds no numbers, so it cannot be a series"), spec->y_columns[v]);
          return FALSE;
        }
      g_ptr_array_add (grouping->values, (gpointer) column);
      for (gsize row = 0; row < atlas_table_get_n_rows (table); row++)
        {
          char *name = g_ptr_array_index (grouping->row_groups, row);

          if (!row_in_chart (grouping, spec, row) || isnan (atlas_column_get_number (column, row))
              || g_hash_table_contains (seen, name))
            continue;
          g_ptr_array_add (groups, g_strdup (name));
          g_hash_table_add (seen, name);
        }
      /* Groups the spec names come in its order: its first, first. */
      if (spec->group_values)
        g_ptr_array_sort_with_data (groups, compare_by_group_values, spec->group_values);
      for (guint g = 0; g < groups->len; g++)
        {
          const char *name = g_ptr_array_index (groups, g);
          /* Translators: a series of a grouped chart: the group, then the column of values. */
          g_ptr_array_add (grouping->series, n_values > 1 ? g_strdup_printf (_("%s: %s"), name, spec->y_columns[v])
                                                          : g_strdup (name));
        }
    }
  if (grouping->series->len > MAX_GROUPS)
    {
      g_set_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_NO_DATA,
                   /* Translators: a column's name, how many series it makes, and the most a chart draws. */
                   _("Column “%s” makes %u series: too many to tell apart (at most %u)"), spec->group_column,
                   grouping->series->len, MAX_GROUPS);
      return FALSE;
    }
  return TRUE;
}

static GStrv
series_names (const Grouping *grouping)
{
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; i < grouping->series->len; i++)
    g_ptr_array_add (names, g_strdup (g_ptr_array_index (grouping->series, i)));
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (names, FALSE);
}

/* The names of the series spec draws of table when it groups rows, in
 * order; NULL with error where a column is missing or there are too many. */
GStrv
atlas_chart_list_group_series (const AtlasTable     *table,
                               const AtlasChartSpec *spec,
                               GError              **error)
{
  g_auto (Grouping) grouping;

  if (!grouping_read (&grouping, table, spec, error))
    return NULL;
  return series_names (&grouping);
}

/* A column of type in wide, with room for its rows. */
static AtlasColumn *
append_column (AtlasTable      *wide,
               const char      *name,
               AtlasColumnType  type)
{
  AtlasColumn *column = atlas_table_append_column (wide, name, type);
  gsize n_rows = MAX (atlas_table_get_n_rows (wide), 1);

  if (type == ATLAS_COLUMN_TEXT)
    column->texts = g_new0 (const char *, n_rows);
  else
    column->numbers = g_new0 (double, n_rows);
  return column;
}

/* Whether row has a value in any of the value columns. */
static gboolean
row_has_value (const Grouping *grouping,
               gsize           row)
{
  for (guint v = 0; v < grouping->values->len; v++)
    if (!isnan (atlas_column_get_number (g_ptr_array_index (grouping->values, v), row)))
      return TRUE;
  return FALSE;
}

/* Fills the wide column of group's values in long_values: each long row's
 * value at its wide row, and whether its status makes it an estimate.
 * Two rows with different values for one x are an error naming both:
 * either would hide the other. */
static gboolean
fill_series (const Grouping    *grouping,
             const AtlasColumn *long_values,
             const char        *group,
             const gsize       *wide_row,
             gsize              n_long_rows,
             AtlasColumn       *column,
             gboolean          *estimated,
             gsize              n_wide_rows,
             GError           **error)
{
  g_autofree gsize *from = g_new (gsize, MAX (n_wide_rows, 1));

  for (gsize r = 0; r < n_wide_rows; r++)
    {
      column->numbers[r] = NAN;
      from[r] = G_MAXSIZE;
    }
  for (gsize row = 0; row < n_long_rows; row++)
    {
      double value = atlas_column_get_number (long_values, row);
      gsize r = wide_row[row];

      if (r == G_MAXSIZE || isnan (value) || g_strcmp0 (g_ptr_array_index (grouping->row_groups, row), group) != 0)
        continue;
      if (from[r] != G_MAXSIZE && column->numbers[r] != value)
        {
          g_autofree char *at = atlas_column_format_cell (grouping->x, row);
          g_set_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_NO_DATA,
                       /* Translators: two rows (from 1), the group they share, and the x they share. */
                       _("Rows %zu and %zu give “%s” two values at %s: a line or a bar has one value at each x, "
                         "points can show both (a scatter chart)"),
                       from[r] + 1, row + 1, group, at);
          return FALSE;
        }
      from[r] = row;
      column->numbers[r] = value;
      if (estimated && grouping->status)
        {
          const char *status = atlas_column_get_text (grouping->status, row);
          estimated[r] = status && atlas_chart_status_is_estimate (status);
        }
    }
  for (gsize r = 0; r < n_wide_rows; r++)
    if (isnan (column->numbers[r]))
      column->n_missing++;
  return TRUE;
}

/* The table spec draws when it groups rows: a row for each x that has a
 * value, with the x column, a column of values for each series and the
 * filter column. The series' names go to out_series and, where the spec
 * reads a status column, which of each series' values are estimates to
 * out_estimated (a gboolean per wide row for each series; else NULL). */
AtlasTable *
atlas_chart_group_table (AtlasTable           *table,
                         const AtlasChartSpec *spec,
                         GStrv                *out_series,
                         GPtrArray           **out_estimated,
                         GError              **error)
{
  g_autoptr (GPtrArray) estimated = g_ptr_array_new_with_free_func (g_free);
  g_auto (Grouping) grouping;
  g_autoptr (GHashTable) x_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GArray) first_row = g_array_new (FALSE, FALSE, sizeof (gsize));    /* per wide row: its first long row */
  g_autofree gsize *wide_row = NULL;
  g_autoptr (AtlasTable) wide = NULL;
  gsize n_rows = atlas_table_get_n_rows (table);
  GStringChunk *strings;
  AtlasColumn *column;
  guint series = 0;

  if (!grouping_read (&grouping, table, spec, error))
    return NULL;

  /* A wide row for each x with a value, in the order x values appear;
   * the chart puts them in order. */
  wide_row = g_new (gsize, MAX (n_rows, 1));
  for (gsize row = 0; row < n_rows; row++)
    {
      g_autofree char *key = NULL;
      gpointer found;

      wide_row[row] = G_MAXSIZE;
      if (!row_in_chart (&grouping, spec, row) || !row_has_value (&grouping, row))
        continue;
      key = atlas_column_format_cell (grouping.x, row);
      if (g_hash_table_lookup_extended (x_index, key, NULL, &found))
        wide_row[row] = GPOINTER_TO_SIZE (found);
      else
        {
          wide_row[row] = first_row->len;
          g_hash_table_insert (x_index, g_steal_pointer (&key), GSIZE_TO_POINTER (first_row->len));
          g_array_append_val (first_row, row);
        }
    }

  wide = atlas_table_new (first_row->len);
  strings = g_string_chunk_new (4096);
  atlas_table_adopt_strings (wide, strings, 0);
  column = append_column (wide, atlas_column_get_name (grouping.x), atlas_column_get_column_type (grouping.x));
  column->unit = g_strdup (atlas_column_get_unit (grouping.x));
  column->date_unit = atlas_column_get_date_unit (grouping.x);
  for (guint r = 0; r < first_row->len; r++)
    {
      gsize row = g_array_index (first_row, gsize, r);
      if (column->type == ATLAS_COLUMN_TEXT)
        column->texts[r] = g_string_chunk_insert_const (strings, atlas_column_get_text (grouping.x, row));
      else
        column->numbers[r] = atlas_column_get_number (grouping.x, row);
    }

  for (guint v = 0; v < grouping.values->len; v++)
    {
      const AtlasColumn *long_values = g_ptr_array_index (grouping.values, v);
      GPtrArray *groups = g_ptr_array_index (grouping.groups, v);

      for (guint g = 0; g < groups->len; g++, series++)
        {
          gboolean *series_estimated = g_new0 (gboolean, MAX (first_row->len, 1));

          g_ptr_array_add (estimated, series_estimated);
          column = append_column (wide, g_ptr_array_index (grouping.series, series), ATLAS_COLUMN_NUMBER);
          column->unit = g_strdup (atlas_column_get_unit (long_values));
          if (!fill_series (&grouping, long_values, g_ptr_array_index (groups, g), wide_row, n_rows, column,
                            series_estimated, first_row->len, error))
            return NULL;
        }
    }

  if (grouping.filter)
    {
      column = append_column (wide, atlas_column_get_name (grouping.filter), ATLAS_COLUMN_TEXT);
      for (guint r = 0; r < first_row->len; r++)
        column->texts[r] = g_string_chunk_insert_const (strings, spec->filter_value);
    }

  *out_series = series_names (&grouping);
  *out_estimated = grouping.status ? g_steal_pointer (&estimated) : NULL;
  return g_steal_pointer (&wide);
}

/* Makes a scatter of spec's value columns, drawn from the long table, a
 * series for each group: each row a point of its own group's series. */
gboolean
atlas_chart_split_series_by_group (AtlasChart           *chart,
                                   const AtlasChartSpec *spec,
                                   GError              **error)
{
  g_auto (Grouping) grouping;
  g_autoptr (GArray) series = g_array_new (FALSE, TRUE, sizeof (AtlasChartSeries));
  guint next = 0;

  if (!grouping_read (&grouping, chart->table, spec, error))
    return FALSE;
  for (guint v = 0; v < grouping.values->len; v++)
    {
      const AtlasColumn *long_values = g_ptr_array_index (grouping.values, v);
      GPtrArray *groups = g_ptr_array_index (grouping.groups, v);

      for (guint g = 0; g < groups->len; g++, next++)
        {
          AtlasChartSeries one = { 0 };

          one.name = g_strdup (g_ptr_array_index (grouping.series, next));
          one.unit = atlas_column_get_unit (long_values);
          one.owned_values = g_new (double, MAX (chart->n_rows, 1));
          for (gsize row = 0; row < chart->n_rows; row++)
            {
              const char *name = g_ptr_array_index (grouping.row_groups, row);
              one.owned_values[row] = g_strcmp0 (name, g_ptr_array_index (groups, g)) == 0
                                        ? atlas_column_get_number (long_values, row)
                                        : NAN;
            }
          one.values = one.owned_values;
          g_array_append_val (series, one);
        }
    }
  for (guint s = 0; s < chart->series->len; s++)
    g_free (g_array_index (chart->series, AtlasChartSeries, s).name);
  g_array_unref (chart->series);
  chart->series = g_steal_pointer (&series);
  g_clear_pointer (&chart->hidden, g_free);
  return TRUE;
}

/* The names of column's groups, in the order they first appear, the first
 * max of them: what a grouped chart can draw. */
GStrv
atlas_table_list_groups (const AtlasTable *table,
                         const char       *column_name,
                         guint             max)
{
  const AtlasColumn *column = atlas_table_find_column (table, column_name);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *names = g_ptr_array_new ();

  for (gsize row = 0; column && row < atlas_table_get_n_rows (table) && names->len < max; row++)
    {
      char *name = group_name (column, row);
      if (g_hash_table_contains (seen, name))
        {
          g_free (name);
          continue;
        }
      g_hash_table_add (seen, name);
      g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (names, FALSE);
}
