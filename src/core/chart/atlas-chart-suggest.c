/* atlas-chart-suggest.c: a first chart for any table: which columns go along x and up y, and the chart type. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-chart-suggest.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "atlas-table.h"

/* The text column named "status" (in any case) that says which rows are
 * estimates or forecasts; NULL when there is none. */
const char *
atlas_table_guess_status_column (const AtlasTable *table)
{
  for (guint i = 0; i < atlas_table_get_n_columns (table); i++)
    {
      const AtlasColumn *column = atlas_table_get_column (table, i);
      if (atlas_column_get_column_type (column) == ATLAS_COLUMN_TEXT
          && g_ascii_strcasecmp (atlas_column_get_name (column), "status") == 0)
        return atlas_column_get_name (column);
    }
  return NULL;
}

/* The text column that says which side acted in a table of events (a
 * name that starts with "side", as "side (US|ally|China)"); NULL when
 * there is none. */
const AtlasColumn *
atlas_table_guess_side_column (const AtlasTable *table)
{
  for (guint i = 0; i < atlas_table_get_n_columns (table); i++)
    {
      const AtlasColumn *column = atlas_table_get_column (table, i);
      g_autofree char *name = g_utf8_strdown (atlas_column_get_name (column), -1);

      if (atlas_column_get_column_type (column) == ATLAS_COLUMN_TEXT && g_str_has_prefix (name, "side"))
        return column;
    }
  return NULL;
}

/* The sides a table of events names in its side column, each once, in
 * the order its rows first name them: the order they take colours in,
 * over a timeline of the table or as events over another chart. NULL
 * when the table has no side column. */
GStrv
atlas_table_list_sides (const AtlasTable *table)
{
  const AtlasColumn *column = atlas_table_guess_side_column (table);
  GPtrArray *sides;

  if (!column)
    return NULL;
  sides = g_ptr_array_new ();
  for (gsize row = 0; row < atlas_table_get_n_rows (table); row++)
    {
      const char *side = atlas_column_get_text (column, row);
      if (side && !g_ptr_array_find_with_equal_func (sides, side, g_str_equal, NULL))
        g_ptr_array_add (sides, (gpointer) side);
    }
  for (guint i = 0; i < sides->len; i++)
    g_ptr_array_index (sides, i) = g_strdup (g_ptr_array_index (sides, i));
  g_ptr_array_add (sides, NULL);
  return (GStrv) g_ptr_array_free (sides, FALSE);
}

/* The text column that names things: one called event, title, label or
 * the like, else the one with the longest texts (a description says more
 * than an actor's name). */
const char *
atlas_table_guess_label_column (const AtlasTable *table)
{
  static const char *const names[] = { "event", "title", "label", "name", "description", "what" };
  const AtlasColumn *best = NULL;
  double best_length = -1;

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    for (guint i = 0; i < atlas_table_get_n_columns (table); i++)
      {
        const AtlasColumn *column = atlas_table_get_column (table, i);
        if (atlas_column_get_column_type (column) == ATLAS_COLUMN_TEXT
            && g_ascii_strcasecmp (atlas_column_get_name (column), names[n]) == 0)
          return atlas_column_get_name (column);
      }
  for (guint i = 0; i < atlas_table_get_n_columns (table); i++)
    {
      const AtlasColumn *column = atlas_table_get_column (table, i);
      double length = 0;

      if (atlas_column_get_column_type (column) != ATLAS_COLUMN_TEXT)
        continue;
      for (gsize row = 0; row < atlas_table_get_n_rows (table); row++)
        length += atlas_column_get_text (column, row) ? strlen (atlas_column_get_text (column, row)) : 0;
      length /= MAX (atlas_table_get_n_rows (table), 1);
      if (length > best_length)
        {
          best = column;
          best_length = length;
        }
    }
  return best ? atlas_column_get_name (best) : NULL;
}

static gboolean
has_long_names (const AtlasColumn *column,
                gsize              n_rows)
{
  for (gsize row = 0; row < n_rows; row++)
    {
      const char *name = atlas_column_get_text (column, row);
      if (name && g_utf8_strlen (name, -1) > 14)
        return TRUE;
    }
  return n_rows > 12;
}

static int
compare_numbers (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Whether the first rows nearly all have a value and no value repeats
 * (enough to tell a time series or a list of names from a column that
 * describes rows, and cheap on a million rows). */
static gboolean
column_values_distinct (const AtlasColumn *column,
                        gsize              n_rows)
{
  gsize n = MIN (n_rows, 10000), n_present = 0;

  if (atlas_column_get_column_type (column) == ATLAS_COLUMN_TEXT)
    {
      g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      for (gsize row = 0; row < n; row++)
        {
          const char *text = atlas_column_get_text (column, row);
          if (!text)
            continue;
          if (g_hash_table_contains (seen, text))
            return FALSE;
          g_hash_table_add (seen, (gpointer) text);
        }
      return g_hash_table_size (seen) * 5 >= n * 4;
    }
  else
    {
      g_autofree double *values = g_new (double, MAX (n, 1));

      for (gsize row = 0; row < n; row++)
        if (!atlas_column_is_missing (column, row))
          values[n_present++] = atlas_column_get_number (column, row);
      if (n_present * 5 < n * 4)
        return FALSE;
      qsort (values, n_present, sizeof (double), compare_numbers);
      for (gsize i = 1; i < n_present; i++)
        if (values[i] == values[i - 1])
          return FALSE;
      return TRUE;
    }
}

/* Whether the column's name holds one of words, as a whole word (split
 * at anything not a letter or a digit), in any case. */
static gboolean
name_has_word (const AtlasColumn  *column,
               const char *const *words)
{
  g_autofree char *name = g_utf8_strdown (atlas_column_get_name (column), -1);
  g_auto (GStrv) parts = g_regex_split_simple ("[^\\p{L}\\p{N}#]+", name, 0, 0);

  for (guint i = 0; parts[i]; i++)
    if (*parts[i] && g_strv_contains (words, parts[i]))
      return TRUE;
  return FALSE;
}

/* The smallest and largest of the first rows' values, and how many have one. */
static gsize
number_bounds (const AtlasColumn *column,
               gsize              n_rows,
               double            *out_min,
               double            *out_max)
{
  gsize n_present = 0;

  *out_min = INFINITY;
  *out_max = -INFINITY;
  for (gsize row = 0; row < MIN (n_rows, 10000); row++)
    {
      double value = atlas_column_get_number (column, row);
      if (isnan (value))
        continue;
      *out_min = MIN (*out_min, value);
      *out_max = MAX (*out_max, value);
      n_present++;
    }
  return n_present;
}

/* Whether a column of numbers tells time, so that it belongs along x and
 * never among the values: a year, a decimal year ("decimal date" 1958.21),
 * or a month or a day of one, by its name and its values. */
static gboolean
is_time_of_numbers (const AtlasColumn *column,
                    gsize              n_rows)
{
  static const char *const years[] = { "year", "years", "yr", "date", "time", "decimal", "fy", "period", NULL };
  static const char *const parts[] = { "month", "quarter", "week", "day", "hour", "minute", NULL };
  double min, max;
  g_autofree char *name = NULL;

  if (atlas_column_get_column_type (column) != ATLAS_COLUMN_NUMBER || number_bounds (column, n_rows, &min, &max) == 0)
    return FALSE;
  if (name_has_word (column, years) && min >= 1000 && max <= 3000)
    return TRUE;
  /* A month or a day is the column's whole name: "wafers/month" is a unit. */
  name = g_utf8_strdown (atlas_column_get_name (column), -1);
  return g_strv_contains (parts, g_strstrip (name)) && min >= 0 && max <= 60 && min == floor (min)
         && max == floor (max);
}

/* Whether a column of numbers names things rather than measures them:
 * an id, a code, a postal or FIPS code, an index, or a coordinate. */
static gboolean
is_label_of_numbers (const AtlasColumn *column)
{
  static const char *const words[] = { "id", "code", "codes", "fips", "zip", "zipcode", "postcode", "postal",
                                       "index", "idx", "key", "uid", "#", "lat", "latitude", "lon", "lng",
                                       "long", "longitude", "easting", "northing", NULL };

  return atlas_column_get_column_type (column) == ATLAS_COLUMN_NUMBER && name_has_word (column, words);
}

/* Whether two columns of values can share one axis: the same unit where
 * both say one, else sizes within ten times of each other; one in
 * billions beside one in single units would flatten the smaller. */
static gboolean
share_an_axis (const AtlasColumn *a,
               const AtlasColumn *b,
               gsize              n_rows)
{
  const char *unit_a = atlas_column_get_unit (a), *unit_b = atlas_column_get_unit (b);
  double min_a, max_a, min_b, max_b, size_a, size_b;

  if (unit_a || unit_b)
    return g_strcmp0 (unit_a, unit_b) == 0;
  if (number_bounds (a, n_rows, &min_a, &max_a) == 0 || number_bounds (b, n_rows, &min_b, &max_b) == 0)
    return TRUE;
  size_a = MAX (fabs (min_a), fabs (max_a));
  size_b = MAX (fabs (min_b), fabs (max_b));
  return size_a <= size_b * 10 && size_b <= size_a * 10;
}

/* Whether a column's amounts are each in their row's own currency. */
static gboolean
is_in_local_currency (const AtlasColumn *column)
{
  return strstr (atlas_column_get_name (column), "local currency") != NULL;
}

/* Whether the table has a column of numbers other than x and column. */
static gboolean
has_other_numbers (const AtlasTable  *table,
                   const AtlasColumn *x,
                   const AtlasColumn *column)
{
  for (guint i = 0; i < atlas_table_get_n_columns (table); i++)
    {
      const AtlasColumn *other = atlas_table_get_column (table, i);
      if (other != x && other != column && atlas_column_get_column_type (other) == ATLAS_COLUMN_NUMBER)
        return TRUE;
    }
  return FALSE;
}

/* Whether a column says where a row comes from or adds a remark (a
 * source, a note, a release): it does not tell series apart. */
static gboolean
describes_provenance (const AtlasColumn *column)
{
  static const char *const words[] = { "source", "note", "release", "report", "comment", "url", "link" };
  g_autofree char *name = g_utf8_strdown (atlas_column_get_name (column), -1);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (name, words[i]))
      return TRUE;
  return FALSE;
}

/* Whether a column names what each row measures (a metric, an
 * indicator): its values are different quantities, which a chart shows
 * one at a time rather than as series side by side. */
static gboolean
names_measures (const AtlasColumn *column)
{
  static const char *const words[] = { "metric", "measure", "indicator", "variable" };
  g_autofree char *name = g_utf8_strdown (atlas_column_get_name (column), -1);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (name, words[i]))
      return TRUE;
  return FALSE;
}

/* Whether a group's name stands for the whole of a panel: World, Total. */
static gboolean
is_aggregate (const char *name)
{
  static const char *const wholes[] = { "world", "total", "all", "global", "overall", NULL };
  g_autofree char *folded = g_utf8_casefold (name, -1);

  return g_strv_contains (wholes, folded) || g_str_has_prefix (folded, "world");
}

typedef struct
{
  const char *name;
  double latest_x;
  double latest_value;
} GroupLatest;

static int
compare_latest_descending (gconstpointer a,
                           gconstpointer b)
{
  double x = ((const GroupLatest *) a)->latest_value, y = ((const GroupLatest *) b)->latest_value;
  return (x < y) - (x > y);
}

/* The handful of groups a panel (an entity for each row and year) draws
 * first: its aggregate where it has one, then the largest by their latest
 * value, five in all; the rest are a choice away. */
static GStrv
choose_handful (const AtlasTable  *table,
                const AtlasColumn *x,
                const AtlasColumn *y,
                const AtlasColumn *groups)
{
  g_autoptr (GHashTable) latest = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr (GArray) ranked = g_array_new (FALSE, FALSE, sizeof (GroupLatest));
  GPtrArray *handful = g_ptr_array_new ();
  const char *aggregate = NULL;
  GHashTableIter iter;
  gpointer value;

  for (gsize row = 0; row < atlas_table_get_n_rows (table); row++)
    {
      const char *name = atlas_column_get_text (groups, row);
      GroupLatest *entry;

      if (!name || atlas_column_is_missing (x, row) || atlas_column_is_missing (y, row))
        continue;
      entry = g_hash_table_lookup (latest, name);
      if (!entry)
        {
          entry = g_new (GroupLatest, 1);
          *entry = (GroupLatest) { name, -INFINITY, NAN };
          g_hash_table_insert (latest, (gpointer) name, entry);
        }
      if (atlas_column_get_number (x, row) >= entry->latest_x)
        {
          entry->latest_x = atlas_column_get_number (x, row);
          entry->latest_value = atlas_column_get_number (y, row);
        }
    }
  g_hash_table_iter_init (&iter, latest);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const GroupLatest *entry = value;
      if (is_aggregate (entry->name) && (!aggregate || strcmp (entry->name, aggregate) < 0))
        aggregate = entry->name;
      else if (!is_aggregate (entry->name))
        g_array_append_vals (ranked, entry, 1);
    }
  g_array_sort (ranked, compare_latest_descending);
  if (aggregate)
    g_ptr_array_add (handful, g_strdup (aggregate));
  for (guint i = 0; i < ranked->len && handful->len < 5; i++)
    g_ptr_array_add (handful, g_strdup (g_array_index (ranked, GroupLatest, i).name));
  g_ptr_array_add (handful, NULL);
  return (GStrv) g_ptr_array_free (handful, FALSE);
}

/* More series than this from one column of groups are too many lines to
 * follow: the suggestion then draws a handful of a panel over time, or
 * else one. */
#define MAX_GROUPED_SERIES 8

/* In a long table, where x repeats because rows of several series are
 * stacked in one, the column of names that tells the series apart (no x
 * twice in a series with a value, but for one row in ten at most). With
 * two to MAX_GROUPED_SERIES series of values it groups the rows, a series
 * each; with more, the series with the most values of the first y column
 * is drawn alone, set as the spec's filter. FALSE when no column of names
 * gives a series of three or more values. */
static gboolean
choose_series_rows (const AtlasTable  *table,
                    const AtlasColumn *x,
                    AtlasChartSpec    *spec)
{
  const AtlasColumn *y = spec->y_columns && spec->y_columns[0] ? atlas_table_find_column (table, spec->y_columns[0])
                                                               : NULL;
  gsize n_rows = atlas_table_get_n_rows (table), best_count = 0;
  const AtlasColumn *best_column = NULL;
  const char *best_name = NULL;
  guint best_n_series = 0;

  if (!y || n_rows > 100000)
    return FALSE;
  for (guint c = 0; c < atlas_table_get_n_columns (table); c++)
    {
      const AtlasColumn *names = atlas_table_get_column (table, c);
      g_autoptr (GHashTable) xs_by_name = NULL;
      g_autoptr (GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
      GHashTableIter iter;
      gpointer name, count;
      gsize repeats = 0;

      if (names == x || atlas_column_get_column_type (names) != ATLAS_COLUMN_TEXT || describes_provenance (names)
          || g_strcmp0 (atlas_column_get_name (names), atlas_table_guess_status_column (table)) == 0)
        continue;
      xs_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_hash_table_unref);
      for (gsize row = 0; row < n_rows; row++)
        {
          const char *text = atlas_column_get_text (names, row);
          double value = atlas_column_get_number (x, row);
          GHashTable *xs;

          if (!text || atlas_column_is_missing (x, row) || atlas_column_is_missing (y, row))
            continue;
          xs = g_hash_table_lookup (xs_by_name, text);
          if (!xs)
            {
              xs = g_hash_table_new_full (g_double_hash, g_double_equal, g_free, NULL);
              g_hash_table_insert (xs_by_name, (gpointer) text, xs);
            }
          /* An x twice in one series: this column does not split series. */
          if (g_hash_table_contains (xs, &value))
            {
              g_hash_table_insert (counts, (gpointer) text, GSIZE_TO_POINTER (G_MAXSIZE));
              repeats++;
            }
          g_hash_table_add (xs, g_memdup2 (&value, sizeof value));
          if (!atlas_column_is_missing (y, row)
              && GPOINTER_TO_SIZE (g_hash_table_lookup (counts, text)) != G_MAXSIZE)
            g_hash_table_insert (counts, (gpointer) text,
                                 GSIZE_TO_POINTER (GPOINTER_TO_SIZE (g_hash_table_lookup (counts, text)) + 1));
        }
      /* The column must explain why x repeats: an x seen twice within one
       * of its series is an exception, not the rule. */
      if (repeats * 10 > n_rows)
        continue;
      {
        guint n_series = 0;
        gsize column_best = 0;
        const char *column_best_name = NULL;

        g_hash_table_iter_init (&iter, counts);
        while (g_hash_table_iter_next (&iter, &name, &count))
          if (GPOINTER_TO_SIZE (count) != G_MAXSIZE && GPOINTER_TO_SIZE (count) > 0)
            {
              n_series++;
              if (GPOINTER_TO_SIZE (count) > column_best
                  || (GPOINTER_TO_SIZE (count) == column_best && g_strcmp0 (name, column_best_name) < 0))
                {
                  column_best = GPOINTER_TO_SIZE (count);
                  column_best_name = name;
                }
            }
        if (column_best > best_count)
          {
            best_count = column_best;
            best_column = names;
            best_name = column_best_name;
            /* Series that share an x would hide one value behind another. */
            best_n_series = repeats == 0 ? n_series : 0;
          }
      }
    }
  if (best_count < 3)
    return FALSE;
  if (best_n_series >= 2 && best_n_series <= MAX_GROUPED_SERIES && !names_measures (best_column))
    {
      spec->group_column = g_strdup (atlas_column_get_name (best_column));
      return TRUE;
    }
  /* A panel, an entity for each row and date: a handful of entities. */
  if (best_n_series > MAX_GROUPED_SERIES && !names_measures (best_column)
      && (atlas_column_get_column_type (x) == ATLAS_COLUMN_DATE || is_time_of_numbers (x, n_rows)))
    {
      spec->group_column = g_strdup (atlas_column_get_name (best_column));
      spec->group_values = choose_handful (table, x, y, best_column);
      return TRUE;
    }
  spec->filter_column = g_strdup (atlas_column_get_name (best_column));
  spec->filter_value = g_strdup (best_name);
  return TRUE;
}

/* Whether the values present rise from row to row. */
static gboolean
is_ascending (const AtlasColumn *column,
              gsize              n_rows)
{
  double previous = -INFINITY;

  for (gsize row = 0; row < n_rows; row++)
    {
      double value = atlas_column_get_number (column, row);
      if (atlas_column_is_missing (column, row))
        continue;
      if (!(value > previous))
        return FALSE;
      previous = value;
    }
  return TRUE;
}

/* Whether one column of shares splits a whole among a few named parts:
 * percentages adding up to about 100, none negative, eight parts at most
 * (more slices than that are not read as a whole). */
static gboolean
is_parts_of_whole (const AtlasTable  *table,
                   const AtlasColumn *x,
                   char             **y_columns)
{
  const AtlasColumn *y;
  gsize n_rows = atlas_table_get_n_rows (table), n_parts = 0;
  double total = 0;

  if (!y_columns || !y_columns[0] || y_columns[1] || n_rows < 2 || n_rows > 8)
    return FALSE;
  y = atlas_table_find_column (table, y_columns[0]);
  if (g_strcmp0 (atlas_column_get_unit (y), "%") != 0 || !column_values_distinct (x, n_rows))
    return FALSE;
  for (gsize row = 0; row < n_rows; row++)
    {
      double value = atlas_column_get_number (y, row);
      if (atlas_column_is_missing (y, row))
        continue;
      if (value < 0)
        return FALSE;
      total += value;
      n_parts++;
    }
  return n_parts >= 2 && total >= 98 && total <= 102;
}

/* Fills what the spec leaves open from the column types: x is the first
 * date column of distinct dates, else the first text column of distinct
 * names, else the first date or text column, else the first; y are
 * the number columns; and, when asked, the type: a line over time or
 * numbers, bars over categories (horizontal when names are long or many),
 * a timeline for dates with names and no numbers. */
void
atlas_chart_spec_suggest (const AtlasTable *table,
                          AtlasChartSpec   *spec,
                          gboolean          choose_type)
{
  const AtlasColumn *x = spec->x_column ? atlas_table_find_column (table, spec->x_column) : NULL;
  gsize n_rows = atlas_table_get_n_rows (table);
  gboolean values_suggested = spec->y_columns == NULL;

  /* A time series has one row per date; dates that repeat (the year of
   * each figure in a table of segments) describe rows rather than order
   * them, and the names beside them make the better axis. */
  /* Numbers that tell time (a year, a decimal year) count as dates. A
   * table with no numbers at all is a list of events: its dates make the
   * axis of a timeline even where two events share a day. Remarks
   * (notes, sources) name no rows, however distinct. */
  gboolean has_numbers = FALSE;

  for (guint i = 0; i < atlas_table_get_n_columns (table); i++)
    has_numbers |= atlas_column_get_column_type (atlas_table_get_column (table, i)) == ATLAS_COLUMN_NUMBER;
  for (int pass = 0; !x && pass < 4; pass++)
    for (guint i = 0; !x && i < atlas_table_get_n_columns (table); i++)
      {
        const AtlasColumn *column = atlas_table_get_column (table, i);
        AtlasColumnType type = atlas_column_get_column_type (column);
        gboolean time = type == ATLAS_COLUMN_DATE || is_time_of_numbers (column, n_rows);

        /* The distinct check sorts a sample: only for the passes that ask. */
        if ((pass == 0 && time && (!has_numbers || column_values_distinct (column, n_rows)))
            || (pass == 1 && type == ATLAS_COLUMN_TEXT && !describes_provenance (column)
                && column_values_distinct (column, n_rows))
            || (pass == 2 && time) || (pass == 3 && type != ATLAS_COLUMN_NUMBER))
          x = column;
      }
  for (guint i = 0; !x && i < atlas_table_get_n_columns (table); i++)
    x = atlas_table_get_column (table, i);
  if (!x)
    return;
  if (!spec->x_column)
    spec->x_column = g_strdup (atlas_column_get_name (x));

  if (!spec->y_columns)
    {
      GPtrArray *names = g_ptr_array_new ();
      const AtlasColumn *first = NULL;

      /* Series that share the first one's unit, or its size where the
       * columns say no unit: one axis cannot honestly carry percentages
       * and billions at once. Amounts in each row's own currency cannot
       * be compared row to row: a column in one currency goes first when
       * there is one. Numbers that tell time or name things (years, ids,
       * codes, coordinates) are no values to draw. */
      for (guint i = 0; i < atlas_table_get_n_columns (table) && names->len < 7; i++)
        {
          const AtlasColumn *column = atlas_table_get_column (table, i);
          if (column == x || atlas_column_get_column_type (column) != ATLAS_COLUMN_NUMBER
              || is_time_of_numbers (column, n_rows) || is_label_of_numbers (column))
            continue;
          if (is_in_local_currency (column) && has_other_numbers (table, x, column))
            continue;
          if (first && !share_an_axis (first, column, n_rows))
            continue;
          if (!first)
            first = column;
          g_ptr_array_add (names, g_strdup (atlas_column_get_name (column)));
        }
      g_ptr_array_add (names, NULL);
      spec->y_columns = (GStrv) g_ptr_array_free (names, FALSE);
    }

  if (choose_type)
    {
      if (atlas_column_get_column_type (x) == ATLAS_COLUMN_DATE && spec->y_columns[0] == NULL
          && atlas_table_guess_label_column (table))
        spec->type = ATLAS_CHART_TIMELINE;
      else if (atlas_column_get_column_type (x) == ATLAS_COLUMN_TEXT && is_parts_of_whole (table, x, spec->y_columns))
        spec->type = ATLAS_CHART_DONUT;
      else if (atlas_column_get_column_type (x) == ATLAS_COLUMN_TEXT)
        spec->type = has_long_names (x, atlas_table_get_n_rows (table)) ? ATLAS_CHART_BAR_HORIZONTAL : ATLAS_CHART_BAR;
      /* Series from a column of groups: lines over a time or a
       * sequence, bars over names. */
      else if (spec->group_column)
        spec->type = atlas_column_get_column_type (x) == ATLAS_COLUMN_TEXT ? ATLAS_CHART_BAR : ATLAS_CHART_LINE;
      /* Numbers against numbers: a line only where x runs in order, as a
       * measurement over a sequence does; otherwise each row is a point. */
      else if (atlas_column_get_column_type (x) == ATLAS_COLUMN_NUMBER && !is_ascending (x, atlas_table_get_n_rows (table)))
        spec->type = ATLAS_CHART_SCATTER;
      /* Several figures at one x (estimates by different publishers, or
       * measures of different scope) are points: a line would join
       * figures that do not follow from each other. Unless a column of
       * names splits them into series of their own (a "long" table: a
       * metric, a company per row): then the longest of those, as a line,
       * saying which rows it shows. */
      else if (!column_values_distinct (x, atlas_table_get_n_rows (table)))
        spec->type = choose_series_rows (table, x, spec) ? ATLAS_CHART_LINE : ATLAS_CHART_SCATTER;
      else
        spec->type = ATLAS_CHART_LINE;
      /* Grouped, each value column makes a series per group: one measure
       * (revenue, not revenue beside net income) is what a person charts. */
      if (spec->group_column && values_suggested && spec->y_columns && spec->y_columns[0])
        {
          for (guint i = 1; spec->y_columns[i]; i++)
            g_clear_pointer (&spec->y_columns[i], g_free);
        }
    }
  if (!spec->status_column && atlas_table_guess_status_column (table))
    spec->status_column = g_strdup (atlas_table_guess_status_column (table));
  /* A timeline names its events: the column the guess found. */
  if (spec->type == ATLAS_CHART_TIMELINE && !spec->label_column && atlas_table_guess_label_column (table))
    spec->label_column = g_strdup (atlas_table_guess_label_column (table));
}
