/* atlas-chart.c: the chart model: spec, the columns it reads, stacking, pick and a plain-language summary. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-chart-private.h"

#include "atlas-cell-parse.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (atlas-chart-error-quark, atlas_chart_error)

/* How near, in pixels, the pointer must be to a point to pick it. */
#define PICK_RADIUS 12.0

static const struct
{
  AtlasChartType type;
  const char *name;
  const char *description;
} chart_types[] = {
  { ATLAS_CHART_LINE, "line", N_("Line chart") },
  { ATLAS_CHART_AREA, "area", N_("Area chart") },
  { ATLAS_CHART_STACKED_AREA, "stacked-area", N_("Stacked area chart") },
  /* xgettext:no-c-format */
  { ATLAS_CHART_STACKED_AREA_PERCENT, "stacked-area-percent", N_("100% stacked area chart") },
  { ATLAS_CHART_BAR, "bar", N_("Bar chart") },
  { ATLAS_CHART_BAR_HORIZONTAL, "bar-horizontal", N_("Horizontal bar chart") },
  { ATLAS_CHART_BAR_STACKED, "bar-stacked", N_("Stacked bar chart") },
  { ATLAS_CHART_BAR_HORIZONTAL_STACKED, "bar-horizontal-stacked", N_("Stacked horizontal bar chart") },
  { ATLAS_CHART_SCATTER, "scatter", N_("Scatter plot") },
  { ATLAS_CHART_DONUT, "donut", N_("Donut chart") },
  { ATLAS_CHART_TIMELINE, "timeline", N_("Timeline") },
};

void
atlas_chart_spec_init (AtlasChartSpec *spec)
{
  memset (spec, 0, sizeof *spec);
  spec->type = ATLAS_CHART_LINE;
  spec->view_x_min = spec->view_x_max = NAN;
  spec->view_y_min = spec->view_y_max = NAN;
  spec->value_decimals = -1;
}

static void
annotation_clear (gpointer data)
{
  g_free (((AtlasAnnotation *) data)->text);
  g_strfreev (((AtlasAnnotation *) data)->sources);
}

static void
event_clear (gpointer data)
{
  g_free (((AtlasChartEvent *) data)->label);
  g_free (((AtlasChartEvent *) data)->side);
}

/* Adds a note to spec, and returns it, for its sources to be set. */
AtlasAnnotation *
atlas_chart_spec_add_annotation (AtlasChartSpec     *spec,
                                 AtlasAnnotationKind kind,
                                 double              x,
                                 double              x_end,
                                 double              y,
                                 guint               series,
                                 const char         *text)
{
  AtlasAnnotation annotation = { kind, x, x_end, y, series, g_strdup (text ? text : ""), NULL };

  if (!spec->annotations)
    {
      spec->annotations = g_array_new (FALSE, FALSE, sizeof (AtlasAnnotation));
      g_array_set_clear_func (spec->annotations, annotation_clear);
    }
  g_array_append_val (spec->annotations, annotation);
  return &g_array_index (spec->annotations, AtlasAnnotation, spec->annotations->len - 1);
}

/* Draws y_columns as the series, in that order. A callout follows its
 * column to its new place among them, and leaves with it: notes stay on
 * the data they describe. */
void
atlas_chart_spec_set_y_columns (AtlasChartSpec     *spec,
                                const char * const *y_columns)
{
  guint n_old = spec->y_columns ? g_strv_length (spec->y_columns) : 0;

  for (guint i = spec->annotations ? spec->annotations->len : 0; i-- > 0;)
    {
      AtlasAnnotation *a = &g_array_index (spec->annotations, AtlasAnnotation, i);
      const char *column = a->series < n_old ? spec->y_columns[a->series] : NULL;
      gboolean found = FALSE;

      if (a->kind != ATLAS_ANNOTATION_CALLOUT)
        continue;
      for (guint j = 0; column && y_columns && y_columns[j] && !found; j++)
        if (g_str_equal (column, y_columns[j]))
          {
            a->series = j;
            found = TRUE;
          }
      if (!found)
        g_array_remove_index (spec->annotations, i);
    }
  g_strfreev (spec->y_columns);
  spec->y_columns = g_strdupv ((char **) y_columns);
}

void
atlas_chart_spec_add_highlight (AtlasChartSpec *spec,
                                double          x)
{
  if (!spec->highlights)
    spec->highlights = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_val (spec->highlights, x);
}

void
atlas_chart_spec_add_event (AtlasChartSpec *spec,
                            const char     *side,
                            double          x,
                            const char     *label)
{
  AtlasChartEvent event = { x, g_strdup (label ? label : ""), g_strdup (side) };

  if (!spec->events)
    {
      spec->events = g_array_new (FALSE, FALSE, sizeof (AtlasChartEvent));
      g_array_set_clear_func (spec->events, event_clear);
    }
  g_array_append_val (spec->events, event);
}

/* "FROM..TO" as its two ends, or NULL when text is not that. An empty
 * text splits into no parts at all, so both ends are checked. */
GStrv
atlas_chart_split_range (const char *text)
{
  GStrv ends = g_strsplit (text, "..", 2);

  if (!ends[0] || !ends[1])
    g_clear_pointer (&ends, g_strfreev);
  return ends;
}

/* The column choosing a chart's rows, where it has one that can: its
 * categories are counted among those rows only, as the chart counts them. */
const AtlasColumn *
atlas_chart_spec_find_filter (const AtlasTable     *table,
                              const AtlasChartSpec *spec)
{
  const AtlasColumn *filter;

  if (!spec || !spec->filter_column || !spec->filter_value)
    return NULL;
  filter = atlas_table_find_column (table, spec->filter_column);
  return filter && atlas_column_get_column_type (filter) == ATLAS_COLUMN_TEXT ? filter : NULL;
}

/* The names in column, each once in the order rows first give them,
 * among the rows whose filter column reads filter_value (all rows where
 * filter is NULL): the categories a chart of them draws. */
GPtrArray *
atlas_chart_list_names (const AtlasTable  *table,
                        const AtlasColumn *column,
                        const AtlasColumn *filter,
                        const char        *filter_value)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *names = g_ptr_array_new ();

  for (gsize row = 0; row < atlas_table_get_n_rows (table); row++)
    {
      const char *name = atlas_column_get_text (column, row);

      if (!name || g_hash_table_contains (seen, name)
          || (filter && g_strcmp0 (atlas_column_get_text (filter, row), filter_value) != 0))
        continue;
      g_hash_table_add (seen, (gpointer) name);
      g_ptr_array_add (names, (gpointer) name);
    }
  return names;
}

static gboolean
parse_x_in_rows (const AtlasTable  *table,
                 const char        *x_column,
                 const AtlasColumn *filter,
                 const char        *filter_value,
                 const char        *text,
                 double            *out_value)
{
  const AtlasColumn *column = x_column ? atlas_table_find_column (table, x_column) : NULL;
  static const AtlasNumberFormat plain = { '.', ',' };
  gsize len = strlen (text);

  if (column && atlas_column_get_column_type (column) == ATLAS_COLUMN_TEXT)
    {
      /* A name: its category's index, categories counted in first-seen order. */
      g_autoptr (GPtrArray) names = atlas_chart_list_names (table, column, filter, filter_value);
      guint index;

      if (g_ptr_array_find_with_equal_func (names, text, g_str_equal, &index))
        {
          *out_value = index;
          return TRUE;
        }
      /* "#2.5": a position between names, as a zoomed view can have. */
      return text[0] == '#' && atlas_cell_parse_number (text + 1, len - 1, &plain, out_value, NULL);
    }
  if (column && atlas_column_get_column_type (column) == ATLAS_COLUMN_DATE)
    {
      AtlasDateFormat formats = atlas_cell_date_formats (text, len);

      /* The first notation that fits; 01/02/2024 reads day first. */
      return formats != ATLAS_DATE_FORMAT_NONE
             && atlas_cell_parse_date (text, len, formats & (AtlasDateFormat) - (int) formats, out_value);
    }
  return atlas_cell_parse_number (text, len, &plain, out_value, NULL);
}

/* An x value typed by a person ("2022-10-07", "2021", "1.5", "SMIC") in
 * the units of the x column: a date where it holds dates, a category's
 * index where it holds names. */
gboolean
atlas_chart_parse_x (const AtlasTable *table,
                     const char       *x_column,
                     const char       *text,
                     double           *out_value)
{
  return parse_x_in_rows (table, x_column, NULL, NULL, text, out_value);
}

/* The same, for a chart of spec, whose filter may leave some names out. */
gboolean
atlas_chart_spec_parse_x (const AtlasTable     *table,
                          const AtlasChartSpec *spec,
                          const char           *text,
                          double               *out_value)
{
  return parse_x_in_rows (table, spec->x_column, atlas_chart_spec_find_filter (table, spec), spec->filter_value, text,
                          out_value);
}

void
atlas_chart_spec_clear (AtlasChartSpec *spec)
{
  g_free (spec->label_column);
  g_free (spec->size_column);
  g_free (spec->status_column);
  g_free (spec->filter_column);
  g_free (spec->filter_value);
  g_free (spec->group_column);
  g_strfreev (spec->group_values);
  g_clear_pointer (&spec->annotations, g_array_unref);
  g_clear_pointer (&spec->events, g_array_unref);
  g_clear_pointer (&spec->event_sides, g_strfreev);
  g_clear_pointer (&spec->highlights, g_array_unref);
  g_free (spec->x_column);
  g_strfreev (spec->y_columns);
  g_free (spec->title);
  g_free (spec->subtitle);
  g_free (spec->source);
  g_free (spec->notes);
  g_free (spec->value_prefix);
  g_free (spec->value_suffix);
  g_free (spec->value_unit);
  g_strfreev (spec->series_colors);
  atlas_chart_spec_init (spec);
}

static void
spec_copy (AtlasChartSpec       *to,
           const AtlasChartSpec *from)
{
  *to = *from;
  to->label_column = g_strdup (from->label_column);
  to->size_column = g_strdup (from->size_column);
  to->status_column = g_strdup (from->status_column);
  to->filter_column = g_strdup (from->filter_column);
  to->filter_value = g_strdup (from->filter_value);
  to->group_column = g_strdup (from->group_column);
  to->group_values = g_strdupv (from->group_values);
  to->annotations = NULL;
  to->events = NULL;
  to->event_sides = g_strdupv (from->event_sides);
  to->highlights = from->highlights ? g_array_copy (from->highlights) : NULL;
  for (guint i = 0; from->annotations && i < from->annotations->len; i++)
    {
      const AtlasAnnotation *a = &g_array_index (from->annotations, AtlasAnnotation, i);
      atlas_chart_spec_add_annotation (to, a->kind, a->x, a->x_end, a->y, a->series, a->text)->sources
        = g_strdupv (a->sources);
    }
  for (guint i = 0; from->events && i < from->events->len; i++)
    {
      const AtlasChartEvent *e = &g_array_index (from->events, AtlasChartEvent, i);
      atlas_chart_spec_add_event (to, e->side, e->x, e->label);
    }
  to->x_column = g_strdup (from->x_column);
  to->y_columns = g_strdupv (from->y_columns);
  to->title = g_strdup (from->title);
  to->subtitle = g_strdup (from->subtitle);
  to->source = g_strdup (from->source);
  to->notes = g_strdup (from->notes);
  to->value_prefix = g_strdup (from->value_prefix);
  to->value_suffix = g_strdup (from->value_suffix);
  to->value_unit = g_strdup (from->value_unit);
  to->series_colors = g_strdupv (from->series_colors);
}

static const char *const sort_orders[] = { "none", "ascending", "descending" };

gboolean
atlas_sort_order_from_string (const char     *name,
                              AtlasSortOrder *out_order)
{
  for (guint i = 0; i < G_N_ELEMENTS (sort_orders); i++)
    if (g_strcmp0 (sort_orders[i], name) == 0)
      {
        *out_order = (AtlasSortOrder) i;
        return TRUE;
      }
  return FALSE;
}

const char *
atlas_sort_order_to_string (AtlasSortOrder order)
{
  g_return_val_if_fail ((guint) order < G_N_ELEMENTS (sort_orders), "none");
  return sort_orders[order];
}

/* A colour as written, "#rrggbb": FALSE for anything else. */
gboolean
atlas_chart_parse_color (const char *text,
                         AtlasColor *out_color)
{
  guint channels[3];

  if (!text || strlen (text) != 7 || text[0] != '#' || strspn (text + 1, "0123456789abcdefABCDEF") != 6)
    return FALSE;
  for (guint i = 0; i < 3; i++)
    {
      char pair[3] = { text[1 + 2 * i], text[2 + 2 * i], '\0' };
      channels[i] = (guint) g_ascii_strtoull (pair, NULL, 16);
    }
  *out_color = (AtlasColor) { channels[0] / 255.0, channels[1] / 255.0, channels[2] / 255.0, 1.0 };
  return TRUE;
}

/* Writes spec's prefix and suffix around number, a value already
 * formatted; TRUE when the spec has either. */
gboolean
atlas_chart_spec_format_value (const AtlasChartSpec *spec,
                               GString              *number)
{
  if (spec->value_prefix && *spec->value_prefix)
    g_string_prepend (number, spec->value_prefix);
  if (spec->value_suffix && *spec->value_suffix)
    g_string_append (number, spec->value_suffix);
  return (spec->value_prefix && *spec->value_prefix) || (spec->value_suffix && *spec->value_suffix);
}

gboolean
atlas_chart_type_from_string (const char     *name,
                              AtlasChartType *out_type)
{
  for (guint i = 0; i < G_N_ELEMENTS (chart_types); i++)
    if (g_strcmp0 (chart_types[i].name, name) == 0)
      {
        *out_type = chart_types[i].type;
        return TRUE;
      }
  return FALSE;
}

const char *
atlas_chart_type_to_string (AtlasChartType type)
{
  for (guint i = 0; i < G_N_ELEMENTS (chart_types); i++)
    if (chart_types[i].type == type)
      return chart_types[i].name;
  g_return_val_if_reached ("line");
}

static const char *
chart_type_description (AtlasChartType type)
{
  for (guint i = 0; i < G_N_ELEMENTS (chart_types); i++)
    if (chart_types[i].type == type)
      return _(chart_types[i].description);
  return _("Chart");
}

/* The type's name as people read it: "Line chart", "Scatter plot". */
const char *
atlas_chart_type_describe (AtlasChartType type)
{
  return chart_type_description (type);
}

gboolean
atlas_chart_is_cartesian (AtlasChartType type)
{
  return type != ATLAS_CHART_DONUT;
}

gboolean
atlas_chart_is_horizontal (AtlasChartType type)
{
  return type == ATLAS_CHART_BAR_HORIZONTAL || type == ATLAS_CHART_BAR_HORIZONTAL_STACKED;
}

gboolean
atlas_chart_type_is_bar (AtlasChartType type)
{
  return type == ATLAS_CHART_BAR || type == ATLAS_CHART_BAR_STACKED || atlas_chart_is_horizontal (type);
}

gboolean
atlas_chart_type_stacks (AtlasChartType type)
{
  return type == ATLAS_CHART_STACKED_AREA || type == ATLAS_CHART_STACKED_AREA_PERCENT
         || type == ATLAS_CHART_BAR_STACKED || type == ATLAS_CHART_BAR_HORIZONTAL_STACKED;
}

gboolean
atlas_chart_x_is_band (const AtlasChart *chart)
{
  return chart->categories != NULL;
}

/* The column of table called name, or NULL with an error naming every
 * column there is. */
const AtlasColumn *
atlas_chart_find_column (const AtlasTable *table,
                         const char       *name,
                         GError          **error)
{
  const AtlasColumn *column = atlas_table_find_column (table, name);

  if (!column)
    {
      g_autoptr (GString) names = g_string_new (NULL);
      for (guint i = 0; i < atlas_table_get_n_columns (table); i++)
        g_string_append_printf (names, "%s“%s”", i ? ", " : "",
                                atlas_column_get_name (atlas_table_get_column (table, i)));
      g_set_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_NO_SUCH_COLUMN,
                   /* Translators: the name asked for, then every column's name, quoted. */
                   _("There is no column “%s”; the columns are %s"), name, names->str);
    }
  return column;
}

static int
compare_rows_by_x (gconstpointer a,
                   gconstpointer b,
                   gpointer      data)
{
  const double *x = data;
  double xa = x[*(const gsize *) a], xb = x[*(const gsize *) b];

  if (xa < xb)
    return -1;
  if (xa > xb)
    return 1;
  return (*(const gsize *) a > *(const gsize *) b) - (*(const gsize *) a < *(const gsize *) b);
}

static gboolean
chart_load_x (AtlasChart  *chart,
              GError     **error)
{
  const AtlasColumn *x = chart->x_column;
  gboolean sorted = TRUE;
  gsize present = 0;
  double previous = -INFINITY;

  if (atlas_column_get_column_type (x) == ATLAS_COLUMN_TEXT)
    {
      g_autoptr (GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);

      chart->category_index = g_new (double, MAX (chart->n_rows, 1));
      chart->categories = g_ptr_array_new ();
      for (gsize row = 0; row < chart->n_rows; row++)
        {
          const char *name = atlas_column_get_text (x, row);
          gpointer found;

          if (!name || atlas_chart_row_excluded (chart, row))
            {
              chart->category_index[row] = NAN;
              continue;
            }
          if (!g_hash_table_lookup_extended (index, name, NULL, &found))
            {
              found = GUINT_TO_POINTER (chart->categories->len);
              g_hash_table_insert (index, (gpointer) name, found);
              g_ptr_array_add (chart->categories, (gpointer) name);
            }
          chart->category_index[row] = GPOINTER_TO_UINT (found);
        }
      chart->x_values = chart->category_index;
    }
  else
    chart->x_values = atlas_column_get_numbers (x);

  /* Categories keep the file's order; numbers and dates run ascending.
   * Rows already in order with none missing need no order array. */
  for (gsize row = 0; row < chart->n_rows; row++)
    if (!isnan (chart->x_values[row]) && !atlas_chart_row_excluded (chart, row))
      {
        sorted &= chart->categories || chart->x_values[row] >= previous;
        previous = chart->x_values[row];
        present++;
      }
  chart->n_ordered = present;
  if (present == 0 && chart->excluded)
    {
      g_set_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_NO_DATA,
                   /* Translators: a value, then the name of the column that lacks it. */
                   _("No row has “%s” in column “%s”"), chart->spec.filter_value, chart->spec.filter_column);
      return FALSE;
    }
  if (present == 0)
    {
      g_set_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_NO_DATA,
                   _("Column “%s” has no values to place on the x axis"), atlas_column_get_name (x));
      return FALSE;
    }
  if (sorted && present == chart->n_rows)
    return TRUE;

  chart->order = g_new (gsize, present);
  for (gsize row = 0, i = 0; row < chart->n_rows; row++)
    if (!isnan (chart->x_values[row]) && !atlas_chart_row_excluded (chart, row))
      chart->order[i++] = row;
  if (!sorted)
    g_qsort_with_data (chart->order, (gint) present, sizeof (gsize), compare_rows_by_x, (gpointer) chart->x_values);
  return TRUE;
}

/* Marks the rows the spec's filter leaves out: those whose filter column
 * does not read filter_value. */
static gboolean
chart_load_filter (AtlasChart  *chart,
                   GError     **error)
{
  const AtlasColumn *column;

  if (!chart->spec.filter_column || !chart->spec.filter_value)
    return TRUE;
  column = atlas_chart_find_column (chart->table, chart->spec.filter_column, error);
  if (!column)
    return FALSE;
  if (atlas_column_get_column_type (column) != ATLAS_COLUMN_TEXT)
    {
      g_set_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_WRONG_COLUMN_TYPE,
                   atlas_column_get_column_type (column) == ATLAS_COLUMN_DATE
                     ? _("Column “%s” holds dates: rows are chosen by a column of names")
                     : _("Column “%s” holds numbers: rows are chosen by a column of names"),
                   chart->spec.filter_column);
      return FALSE;
    }
  chart->excluded = g_new (gboolean, MAX (chart->n_rows, 1));
  for (gsize row = 0; row < chart->n_rows; row++)
    chart->excluded[row] = g_strcmp0 (atlas_column_get_text (column, row), chart->spec.filter_value) != 0;
  return TRUE;
}

/* Words that mark a row as not (yet) a measured value. */
gboolean
atlas_chart_status_is_estimate (const char *status)
{
  static const char *const words[] = {
    "estimat", "forecast", "project", "prelimin", "provisional", "target", "expected", "plan",
  };
  g_autofree char *folded = g_utf8_casefold (status, -1);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (folded, words[i]))
      return TRUE;
  return FALSE;
}

static gboolean
chart_load_status (AtlasChart  *chart,
                   GError     **error)
{
  const AtlasColumn *status = atlas_chart_find_column (chart->table, chart->spec.status_column, error);

  if (!status)
    return FALSE;
  if (atlas_column_get_column_type (status) != ATLAS_COLUMN_TEXT)
    {
      g_set_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_WRONG_COLUMN_TYPE,
                   atlas_column_get_column_type (status) == ATLAS_COLUMN_DATE
                     ? _("Column “%s” should say which rows are estimates, but it holds dates")
                     : _("Column “%s” should say which rows are estimates, but it holds numbers"),
                   chart->spec.status_column);
      return FALSE;
    }
  chart->estimated = g_new0 (gboolean, MAX (chart->n_rows, 1));
  for (gsize row = 0; row < chart->n_rows; row++)
    {
      const char *text = atlas_column_get_text (status, row);
      chart->estimated[row] = text && atlas_chart_status_is_estimate (text);
    }
  return TRUE;
}

typedef struct
{
  double value;   /* the category's first value drawn; NAN for none */
  guint category; /* its index in the file's order */
} CategoryValue;

/* Categories with values first, by value; those without keep the file's
 * order after them. */
static int
compare_category_values (gconstpointer a,
                         gconstpointer b,
                         gpointer      data)
{
  const CategoryValue *ca = a, *cb = b;
  int sign = GPOINTER_TO_INT (data);

  if (isnan (ca->value) != isnan (cb->value))
    return isnan (ca->value) ? 1 : -1;
  if (!isnan (ca->value) && ca->value != cb->value)
    return (ca->value < cb->value ? -1 : 1) * sign;
  return (ca->category > cb->category) - (ca->category < cb->category);
}

/* Bars along names stand in the spec's order of their value: the first
 * series', or for stacked bars the stack's total. Rows then run in that
 * order, so keys that step from bar to bar step as the eye does. */
static void
chart_sort_categories (AtlasChart *chart)
{
  guint n = chart->categories->len;
  g_autofree CategoryValue *values = g_new (CategoryValue, MAX (n, 1));
  g_autofree guint *rank = g_new (guint, MAX (n, 1));
  g_autoptr (GPtrArray) names = g_ptr_array_sized_new (n);
  gboolean stacked = atlas_chart_type_stacks (chart->spec.type);

  for (guint c = 0; c < n; c++)
    values[c] = (CategoryValue) { NAN, c };
  for (gsize row = 0; row < chart->n_rows; row++)
    {
      double index = chart->category_index[row];
      CategoryValue *category;

      if (isnan (index))
        continue;
      category = &values[(guint) index];
      for (guint s = 0; s < (stacked ? chart->series->len : MIN (chart->series->len, 1)); s++)
        {
          double v = g_array_index (chart->series, AtlasChartSeries, s).values[row];
          if (isnan (v))
            continue;
          /* A name met again adds its stack to its first row's, or for one
           * series keeps the first value, as the bar draws. */
          if (isnan (category->value))
            category->value = v;
          else if (stacked)
            category->value += v;
        }
    }
  g_qsort_with_data (values, (gint) n, sizeof (CategoryValue), compare_category_values,
                     GINT_TO_POINTER (chart->spec.sort == ATLAS_SORT_DESCENDING ? -1 : 1));
  for (guint i = 0; i < n; i++)
    {
      rank[values[i].category] = i;
      g_ptr_array_add (names, g_ptr_array_index (chart->categories, values[i].category));
    }
  for (guint i = 0; i < n; i++)
    g_ptr_array_index (chart->categories, i) = g_ptr_array_index (names, i);
  for (gsize row = 0; row < chart->n_rows; row++)
    if (!isnan (chart->category_index[row]))
      chart->category_index[row] = rank[(guint) chart->category_index[row]];
  if (!chart->order)
    {
      chart->order = g_new (gsize, MAX (chart->n_ordered, 1));
      for (gsize row = 0, i = 0; row < chart->n_rows; row++)
        if (!isnan (chart->x_values[row]) && !atlas_chart_row_excluded (chart, row))
          chart->order[i++] = row;
    }
  g_qsort_with_data (chart->order, (gint) chart->n_ordered, sizeof (gsize), compare_rows_by_x,
                     (gpointer) chart->x_values);
}

/* A chart whose series are the groups of a column: drawn from the table
 * made wide, a column per group, while its spec stays as asked. */
static AtlasChart *
new_grouped_chart (AtlasTable           *table,
                   const AtlasChartSpec *spec,
                   GError              **error)
{
  g_auto (GStrv) series = NULL;
  g_autoptr (GPtrArray) estimated = NULL;
  g_autoptr (AtlasTable) wide = NULL;
  AtlasChartSpec wide_spec;
  AtlasChart *chart;

  /* Points need no table made wide: each row is a point of its group's
   * series, and two at one x are two points. */
  if (spec->type == ATLAS_CHART_SCATTER)
    {
      AtlasChartSpec plain_spec;

      spec_copy (&plain_spec, spec);
      g_clear_pointer (&plain_spec.group_column, g_free);
      g_clear_pointer (&plain_spec.group_values, g_strfreev);
      chart = atlas_chart_new (table, &plain_spec, error);
      atlas_chart_spec_clear (&plain_spec);
      if (chart && !atlas_chart_split_series_by_group (chart, spec, error))
        g_clear_pointer (&chart, atlas_chart_unref);
      if (chart)
        {
          atlas_chart_spec_clear (&chart->spec);
          spec_copy (&chart->spec, spec);
        }
      return chart;
    }
  wide = atlas_chart_group_table (table, spec, &series, &estimated, error);
  if (!wide)
    return NULL;
  spec_copy (&wide_spec, spec);
  g_clear_pointer (&wide_spec.group_column, g_free);
  g_clear_pointer (&wide_spec.group_values, g_strfreev);
  g_clear_pointer (&wide_spec.status_column, g_free);
  g_strfreev (wide_spec.y_columns);
  wide_spec.y_columns = g_steal_pointer (&series);
  chart = atlas_chart_new (wide, &wide_spec, error);
  atlas_chart_spec_clear (&wide_spec);
  if (!chart)
    return NULL;
  atlas_chart_spec_clear (&chart->spec);
  spec_copy (&chart->spec, spec);
  chart->source_table = atlas_table_ref (table);
  /* Each series' estimates are its own rows': one company's forecast
   * says nothing of another's figure for the same year. */
  if (estimated)
    chart->estimated = g_new0 (gboolean, MAX (chart->n_rows, 1));
  for (guint s = 0; s < chart->series->len; s++)
    {
      AtlasChartSeries *one = &g_array_index (chart->series, AtlasChartSeries, s);
      one->joins_gaps = TRUE;
      if (estimated)
        one->estimated = g_steal_pointer (&g_ptr_array_index (estimated, s));
    }
  return chart;
}

AtlasChart *
atlas_chart_new (AtlasTable           *table,
                 const AtlasChartSpec *spec,
                 GError              **error)
{
  g_autoptr (AtlasChart) chart = NULL;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (spec != NULL && spec->x_column != NULL, NULL);

  if (spec->group_column)
    return new_grouped_chart (table, spec, error);
  chart = g_new0 (AtlasChart, 1);
  g_atomic_ref_count_init (&chart->ref_count);
  spec_copy (&chart->spec, spec);
  chart->view = (AtlasViewState) { spec->view_x_min, spec->view_x_max, spec->view_y_min, spec->view_y_max, spec->dark,
                                   spec->transparent };
  chart->table = atlas_table_ref (table);
  chart->n_rows = atlas_table_get_n_rows (table);
  chart->series = g_array_new (FALSE, TRUE, sizeof (AtlasChartSeries));

  chart->x_column = atlas_chart_find_column (table, spec->x_column, error);
  if (!chart->x_column)
    return NULL;

  for (guint i = 0; spec->y_columns && spec->y_columns[i]; i++)
    {
      const AtlasColumn *column = atlas_chart_find_column (table, spec->y_columns[i], error);
      AtlasChartSeries series = { 0 };

      if (!column)
        return NULL;
      if (atlas_column_get_column_type (column) != ATLAS_COLUMN_NUMBER)
        {
          g_set_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_WRONG_COLUMN_TYPE,
                       atlas_column_get_column_type (column) == ATLAS_COLUMN_DATE
                         ? _("Column “%s” holds dates, not numbers, so it cannot be a series")
                         : _("Column “%s” holds text, not numbers, so it cannot be a series"),
                       spec->y_columns[i]);
          return NULL;
        }
      series.name = g_strdup (atlas_column_get_name (column));
      series.values = atlas_column_get_numbers (column);
      series.unit = atlas_column_get_unit (column);
      g_array_append_val (chart->series, series);
    }
  if (spec->type == ATLAS_CHART_TIMELINE)
    {
      const AtlasColumn *labels;
      if (!spec->label_column)
        {
          g_set_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_NO_DATA,
                       _("A timeline needs a column of event names"));
          return NULL;
        }
      labels = atlas_chart_find_column (table, spec->label_column, error);
      if (!labels)
        return NULL;
      if (atlas_column_get_column_type (labels) != ATLAS_COLUMN_TEXT)
        {
          g_set_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_WRONG_COLUMN_TYPE,
                       _("Column “%s” does not hold names, so it cannot label events"), spec->label_column);
          return NULL;
        }
    }
  else if (chart->series->len == 0)
    {
      g_set_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_NO_DATA,
                   _("The chart needs at least one column of numbers to draw"));
      return NULL;
    }
  if (spec->status_column && !chart_load_status (chart, error))
    return NULL;
  if (spec->size_column)
    {
      const AtlasColumn *sizes = atlas_chart_find_column (table, spec->size_column, error);
      if (!sizes)
        return NULL;
      if (atlas_column_get_column_type (sizes) != ATLAS_COLUMN_NUMBER)
        {
          g_set_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_WRONG_COLUMN_TYPE,
                       _("Column “%s” holds no numbers, so it cannot size points"), spec->size_column);
          return NULL;
        }
      chart->sizes = atlas_column_get_numbers (sizes);
      for (gsize row = 0; row < chart->n_rows; row++)
        if (chart->sizes[row] > chart->max_size)
          chart->max_size = chart->sizes[row];
    }
  if (!chart_load_filter (chart, error) || !chart_load_x (chart, error))
    return NULL;
  if (spec->sort != ATLAS_SORT_NONE && chart->categories && atlas_chart_type_is_bar (spec->type))
    chart_sort_categories (chart);

  /* A bar's length and an area's depth from zero are their values, and a
   * log axis has no zero: drawn on one, they would say nothing true. */
  if (spec->log_y && (atlas_chart_type_is_bar (spec->type) || atlas_chart_type_stacks (spec->type)
                      || spec->type == ATLAS_CHART_AREA))
    {
      g_set_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_LOG_UNSUITED,
                   atlas_chart_type_is_bar (spec->type)
                     ? _("A log scale does not suit bars: a bar's length from zero is its value, and a log axis "
                         "has no zero")
                     : _("A log scale does not suit areas: an area's depth from zero is its value, and a log axis "
                         "has no zero"));
      return NULL;
    }
  if (spec->log_y)
    for (guint s = 0; s < chart->series->len; s++)
      {
        const AtlasChartSeries *series = &g_array_index (chart->series, AtlasChartSeries, s);
        for (gsize row = 0; row < chart->n_rows; row++)
          if (series->values[row] <= 0 && !atlas_chart_row_excluded (chart, row))
            {
              g_set_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_NOT_POSITIVE,
                           /* Translators: a series' name, its value, and the row (from 1) that holds it. */
                           _("A log scale needs values above zero, but “%s” has %g in row %zu"),
                           series->name, series->values[row], row + 1);
              return NULL;
            }
      }
  return g_steal_pointer (&chart);
}

AtlasChart *
atlas_chart_ref (AtlasChart *chart)
{
  g_return_val_if_fail (chart != NULL, NULL);
  g_atomic_ref_count_inc (&chart->ref_count);
  return chart;
}

void
atlas_chart_unref (AtlasChart *chart)
{
  if (!chart || !g_atomic_ref_count_dec (&chart->ref_count))
    return;
  for (guint s = 0; chart->series && s < chart->series->len; s++)
    {
      g_free (g_array_index (chart->series, AtlasChartSeries, s).name);
      g_free (g_array_index (chart->series, AtlasChartSeries, s).estimated);
      g_free (g_array_index (chart->series, AtlasChartSeries, s).owned_values);
    }
  g_clear_pointer (&chart->series, g_array_unref);
  g_clear_pointer (&chart->pyramids, g_ptr_array_unref);
  g_clear_pointer (&chart->categories, g_ptr_array_unref);
  g_clear_pointer (&chart->hidden, g_free);
  g_clear_pointer (&chart->table, atlas_table_unref);
  g_clear_pointer (&chart->source_table, atlas_table_unref);
  g_free (chart->category_index);
  g_free (chart->order);
  g_free (chart->excluded);
  g_free (chart->estimated);
  atlas_chart_spec_clear (&chart->spec);
  g_free (chart);
}

/* The series' min/max pyramid over the rows in x order, built the first
 * time a frame has more points than pixels. */
const AtlasMinMaxPyramid *
atlas_chart_get_pyramid (AtlasChart *chart,
                         guint       series)
{
  if (!chart->pyramids)
    {
      chart->pyramids = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_min_max_pyramid_free);
      g_ptr_array_set_size (chart->pyramids, chart->series->len);
    }
  if (!g_ptr_array_index (chart->pyramids, series))
    g_ptr_array_index (chart->pyramids, series)
      = atlas_min_max_pyramid_new (g_array_index (chart->series, AtlasChartSeries, series).values, chart->order,
                                   chart->n_ordered);
  return g_ptr_array_index (chart->pyramids, series);
}

/* The first position in x order whose x is at least x. */
gsize
atlas_chart_lower_bound (const AtlasChart *chart,
                         double            x)
{
  return atlas_chart_lower_bound_from (chart, x, 0);
}

static inline double
ordered_x (const AtlasChart *chart,
           gsize             i)
{
  return chart->x_values[atlas_chart_row_at (chart, i)];
}

/* The same, for an x known to lie at or after position from. It guesses
 * the position by interpolation (exact for evenly spaced x, such as row
 * numbers or regular dates) and gallops from the guess, so walking a
 * frame's pixel columns in order reads a few entries per column, near
 * each other, instead of bisecting the whole series every time. */
gsize
atlas_chart_lower_bound_from (const AtlasChart *chart,
                              double            x,
                              gsize             from)
{
  gsize n = chart->n_ordered, low, high, guess, step = 1;
  double x_from, x_last;

  if (from >= n || ordered_x (chart, from) >= x)
    return MIN (from, n);
  x_last = ordered_x (chart, n - 1);
  if (x_last < x)
    return n;
  x_from = ordered_x (chart, from);
  guess = from + (gsize) ((x - x_from) / (x_last - x_from) * (double) (n - 1 - from));
  guess = CLAMP (guess, from + 1, n - 1);

  /* Bracket the answer so that x(low) < x <= x(high), then bisect. */
  if (ordered_x (chart, guess) < x)
    {
      low = guess;
      while (low + step < n && ordered_x (chart, low + step) < x)
        {
          low += step;
          step *= 2;
        }
      high = MIN (low + step, n);
    }
  else
    {
      high = guess;
      while (high - from > step && ordered_x (chart, high - step) >= x)
        {
          high -= step;
          step *= 2;
        }
      low = high - from > step ? high - step : from;
    }
  while (high - low > 1)
    {
      gsize middle = low + (high - low) / 2;
      if (ordered_x (chart, middle) < x)
        low = middle;
      else
        high = middle;
    }
  return high;
}

/* Light or dark, opaque or see-through: the reader's choice, the data's no matter. */
void
atlas_chart_set_look (AtlasChart *chart,
                      gboolean    dark,
                      gboolean    transparent)
{
  chart->view.dark = dark;
  chart->view.transparent = transparent;
}

/* What the window changes as people zoom and pan; NAN: the data's range. */
void
atlas_chart_set_view (AtlasChart *chart,
                      double      x_min,
                      double      x_max,
                      double      y_min,
                      double      y_max)
{
  chart->view.x_min = x_min;
  chart->view.x_max = x_max;
  chart->view.y_min = y_min;
  chart->view.y_max = y_max;
}

/* The range in view and the look, as they are now. */
const AtlasViewState *
atlas_chart_get_view_state (const AtlasChart *chart)
{
  g_return_val_if_fail (chart != NULL, NULL);
  return &chart->view;
}

const AtlasChartSpec *
atlas_chart_get_spec (const AtlasChart *chart)
{
  return &chart->spec;
}

/* A copy of spec for another chart of the same table: what it shows and
 * says, and, when keep_notes, its notes, events, highlights and view. */
void
atlas_chart_spec_copy (const AtlasChartSpec *spec,
                       AtlasChartSpec       *out_copy,
                       gboolean              keep_notes)
{
  spec_copy (out_copy, spec);
  if (keep_notes)
    return;
  out_copy->view_x_min = out_copy->view_x_max = out_copy->view_y_min = out_copy->view_y_max = NAN;
  g_clear_pointer (&out_copy->annotations, g_array_unref);
  g_clear_pointer (&out_copy->events, g_array_unref);
  g_clear_pointer (&out_copy->event_sides, g_strfreev);
  g_clear_pointer (&out_copy->highlights, g_array_unref);
}

/* A copy of chart's spec as the chart shows now: the look and, when
 * keep_notes, the range in view taken into it, for another chart of the
 * same table that must look as this one does. */
void
atlas_chart_copy_shown_spec (const AtlasChart *chart,
                             AtlasChartSpec   *out_copy,
                             gboolean          keep_notes)
{
  g_return_if_fail (chart != NULL && out_copy != NULL);

  atlas_chart_spec_copy (&chart->spec, out_copy, keep_notes);
  out_copy->dark = chart->view.dark;
  out_copy->transparent = chart->view.transparent;
  if (!keep_notes)
    return;
  out_copy->view_x_min = chart->view.x_min;
  out_copy->view_x_max = chart->view.x_max;
  out_copy->view_y_min = chart->view.y_min;
  out_copy->view_y_max = chart->view.y_max;
}

/* The table the chart was made of, owned by the chart: for a grouped
 * chart the long table as read, not the wide one it draws. */
AtlasTable *
atlas_chart_get_table (const AtlasChart *chart)
{
  g_return_val_if_fail (chart != NULL, NULL);
  return chart->source_table ? chart->source_table : chart->table;
}

guint
atlas_chart_get_n_series (const AtlasChart *chart)
{
  return chart->series->len;
}

const char *
atlas_chart_get_series_name (const AtlasChart *chart,
                             guint             series)
{
  g_return_val_if_fail (series < chart->series->len, NULL);
  return g_array_index (chart->series, AtlasChartSeries, series).name;
}

/* The top of series' segment in a stack at row (its own value when the
 * chart does not stack) and, in out_base, where the segment starts; NAN
 * where the row has a missing value in the stack. */
double
atlas_chart_stack_value (const AtlasChart *chart,
                         guint             series,
                         gsize             row,
                         double           *out_base)
{
  AtlasChartType type = chart->spec.type;
  double value = g_array_index (chart->series, AtlasChartSeries, series).values[row];
  double base = 0, total = 0;

  if (atlas_chart_series_hidden (chart, series))
    {
      *out_base = NAN;
      return NAN;
    }
  if (!atlas_chart_type_stacks (type))
    {
      *out_base = 0;
      return value;
    }
  /* An area with a missing layer has no honest outline: the whole row is
   * a gap rather than a stack that silently drops a layer. A bar keeps
   * the parts it has, so none of them is hidden; the missing part is
   * drawn as a no-data outline after them. */
  for (guint s = 0; s < chart->series->len; s++)
    {
      double v = g_array_index (chart->series, AtlasChartSeries, s).values[row];
      /* A series switched off leaves the stack, as if it were not there. */
      if (atlas_chart_series_hidden (chart, s))
        continue;
      if (isnan (v) && atlas_chart_type_is_bar (type))
        continue;
      if (isnan (v))
        {
          *out_base = NAN;
          return NAN;
        }
      if (s < series)
        base += v;
      total += v;
    }
  if (type == ATLAS_CHART_STACKED_AREA_PERCENT)
    {
      if (total == 0)
        {
          *out_base = 0;
          return NAN;
        }
      base = base / total * 100;
      value = value / total * 100;
    }
  *out_base = base;
  return base + value;
}

/* Where the renderer drew a point's value; FALSE when it is missing or
 * outside the view. */
gboolean
atlas_chart_point_position (const AtlasChartLayout *layout,
                            guint                   series,
                            gsize                   row,
                            double                 *out_x,
                            double                 *out_y)
{
  const AtlasChart *chart = layout->chart;
  double base, top, px, py, offset = 0;

  if (!layout->x_scale || !layout->y_scale || series >= chart->series->len || row >= chart->n_rows)
    return FALSE;
  top = atlas_chart_stack_value (chart, series, row, &base);
  if (isnan (top) || isnan (chart->x_values[row]))
    return FALSE;
  /* Grouped bars stand side by side in their category's slot: the point
   * is the top of this series' bar, not the slot's middle. */
  if (layout->bar_slot > 0 && !atlas_chart_type_stacks (chart->spec.type) && chart->series->len > 1)
    offset = -layout->bar_slot / 2 + (series + 0.5) * layout->bar_slot / chart->series->len;
  if (atlas_chart_is_horizontal (chart->spec.type))
    {
      px = atlas_scale_map (layout->y_scale, top);
      py = atlas_scale_map (layout->x_scale, chart->x_values[row]) + offset;
    }
  else
    {
      px = atlas_scale_map (layout->x_scale, chart->x_values[row]) + offset;
      py = atlas_scale_map (layout->y_scale, top);
    }
  if (px < layout->plot.x - 0.5 || px > layout->plot.x + layout->plot.width + 0.5 || py < layout->plot.y - 0.5
      || py > layout->plot.y + layout->plot.height + 0.5)
    return FALSE;
  *out_x = px;
  *out_y = py;
  return TRUE;
}

static gboolean
pick_mark (const AtlasChartLayout *layout,
           double                  x,
           double                  y,
           AtlasChartPick         *out_pick)
{
  const AtlasChart *chart = layout->chart;

  for (guint i = 0; i < layout->marks->len; i++)
    {
      const AtlasChartMark *mark = &g_array_index (layout->marks, AtlasChartMark, i);
      gboolean hit;

      if (chart->spec.type == ATLAS_CHART_DONUT)
        {
          double dx = x - layout->donut_cx, dy = y - layout->donut_cy;
          double radius = hypot (dx, dy);
          /* Angles run clockwise from twelve o'clock, as the slices do. */
          double angle = atan2 (dy, dx) + G_PI / 2;
          if (angle < 0)
            angle += 2 * G_PI;
          hit = radius >= layout->donut_inner && radius <= layout->donut_outer && angle >= mark->angle_start
                && angle < mark->angle_end;
        }
      else
        hit = x >= mark->x && x <= mark->x + mark->width && y >= mark->y && y <= mark->y + mark->height;
      if (hit)
        {
          out_pick->series = mark->series;
          out_pick->row = mark->row;
          out_pick->x = chart->x_values[mark->row];
          out_pick->y = g_array_index (chart->series, AtlasChartSeries, mark->series).values[mark->row];
          return TRUE;
        }
    }
  return FALSE;
}

/* What is under (x, y) in layout: the bar or slice there, or the
 * nearest point within a few pixels, found through the same scales. */
gboolean
atlas_chart_pick (const AtlasChartLayout *layout,
                  double                  x,
                  double                  y,
                  AtlasChartPick         *out_pick)
{
  return atlas_chart_pick_within (layout, x, y, PICK_RADIUS, out_pick);
}

/* The point nearest (x, y) within radius pixels, as atlas_chart_pick()
 * finds one: for a note, a point a little way off is the one meant. */
gboolean
atlas_chart_pick_within (const AtlasChartLayout *layout,
                         double                  x,
                         double                  y,
                         double                  radius,
                         AtlasChartPick         *out_pick)
{
  const AtlasChart *chart;
  double best = radius * radius;
  gboolean found = FALSE;
  gsize from = 0, to;

  g_return_val_if_fail (layout != NULL && out_pick != NULL, FALSE);

  chart = layout->chart;
  to = chart->n_ordered;

  if (layout->marks->len > 0)
    return pick_mark (layout, x, y, out_pick);
  if (!layout->x_scale || x < layout->plot.x - radius || x > layout->plot.x + layout->plot.width + radius)
    return FALSE;

  /* Only rows whose x lies within the radius can be nearest. */
  if (!chart->categories)
    {
      double a = atlas_scale_unmap (layout->x_scale, x - radius);
      double b = atlas_scale_unmap (layout->x_scale, x + radius);
      from = atlas_chart_lower_bound (chart, MIN (a, b));
      to = atlas_chart_lower_bound (chart, nextafter (MAX (a, b), INFINITY));
    }

  for (guint s = 0; s < chart->series->len; s++)
    for (gsize i = from; i < to; i++)
      {
        gsize row = atlas_chart_row_at (chart, i);
        double px, py, distance;

        if (!atlas_chart_point_position (layout, s, row, &px, &py))
          continue;
        distance = (px - x) * (px - x) + (py - y) * (py - y);
        if (distance <= best)
          {
            best = distance;
            found = TRUE;
            out_pick->series = s;
            out_pick->row = row;
            out_pick->x = chart->x_values[row];
            out_pick->y = g_array_index (chart->series, AtlasChartSeries, s).values[row];
          }
      }
  return found;
}

/* x as a person reads it: the category, the date at the column's unit,
 * or the number. */
static char *
format_x (const AtlasChart       *chart,
          gsize                   row,
          const AtlasNumberStyle *style)
{
  double x = chart->x_values[row];

  if (chart->categories)
    return g_strdup (g_ptr_array_index (chart->categories, (guint) x));
  if (atlas_column_get_column_type (chart->x_column) == ATLAS_COLUMN_DATE)
    {
      char *date = atlas_format_date (x, atlas_column_get_date_unit (chart->x_column));
      if (date)
        return date;
    }
  return atlas_format_value (x, style);
}

/* A unit written before the number: a currency sign ("$", "€", "¥"),
 * one character that is no letter or digit. */
static gboolean
unit_is_currency_sign (const char *unit)
{
  gunichar c = g_utf8_get_char (unit);

  return *unit && !*g_utf8_next_char (unit) && g_unichar_type (c) == G_UNICODE_CURRENCY_SYMBOL;
}

/* A value as a tooltip or summary says it: in the chart's number format
 * where its author set one ("$12.0bn"), else as exact as the data, with
 * the unit it is measured in. */
static char *
format_y (const AtlasChart       *chart,
          const AtlasChartSeries *series,
          double                  value,
          const AtlasNumberStyle *style)
{
  g_autofree char *digits = chart->spec.value_decimals >= 0
                              ? atlas_format_fixed (value, chart->spec.value_decimals, style)
                              : atlas_format_value (value, style);
  g_autoptr (GString) number = g_string_new (digits);
  const char *unit = chart->spec.value_unit && *chart->spec.value_unit ? chart->spec.value_unit : series->unit;

  if (atlas_chart_spec_format_value (&chart->spec, number) || !unit)
    return g_string_free (g_steal_pointer (&number), FALSE);
  if (g_str_equal (unit, "%"))
    g_string_append (number, "%");
  else if (unit_is_currency_sign (unit))
    /* "$1.5", as the cell was written; a minus sign (U+2212) before it. */
    g_string_insert (number, g_str_has_prefix (number->str, "\xe2\x88\x92") ? strlen ("\xe2\x88\x92") : 0, unit);
  else
    g_string_append_printf (number, " %s", unit);
  return g_string_free (g_steal_pointer (&number), FALSE);
}

/* The rectangle layout draws data in, in its pixels; FALSE for charts
 * with no axes. */
gboolean
atlas_chart_get_plot_area (const AtlasChartLayout *layout,
                           cairo_rectangle_t      *out_area)
{
  g_return_val_if_fail (layout != NULL && out_area != NULL, FALSE);

  if (!layout->x_scale || !layout->y_scale)
    return FALSE;
  *out_area = layout->plot;
  return TRUE;
}

/* The x range layout shows, for zooming and panning from; FALSE where x
 * is categories, which do not pan. */
gboolean
atlas_chart_get_x_view (const AtlasChartLayout *layout,
                        double                 *out_min,
                        double                 *out_max)
{
  const AtlasChart *chart;

  g_return_val_if_fail (layout != NULL && out_min != NULL && out_max != NULL, FALSE);

  chart = layout->chart;
  if (!layout->x_scale || chart->categories || atlas_chart_is_horizontal (chart->spec.type)
      || atlas_scale_get_kind (layout->x_scale) == ATLAS_SCALE_BAND)
    return FALSE;
  atlas_scale_get_domain (layout->x_scale, out_min, out_max);
  return TRUE;
}

/* What lies at pixel (px, py) of layout's plot: x in the x column's
 * units (a category's index for names), y in values, whichever way the
 * chart lies. FALSE outside the plot, or for charts without axes. */
gboolean
atlas_chart_unmap_point (const AtlasChartLayout *layout,
                         double                  px,
                         double                  py,
                         double                 *out_x,
                         double                 *out_y)
{
  const cairo_rectangle_t *plot;

  g_return_val_if_fail (layout != NULL && out_x != NULL && out_y != NULL, FALSE);

  plot = &layout->plot;
  if (!layout->x_scale || !layout->y_scale || px < plot->x || px > plot->x + plot->width || py < plot->y
      || py > plot->y + plot->height)
    return FALSE;
  if (atlas_chart_is_horizontal (layout->chart->spec.type))
    {
      *out_x = atlas_scale_unmap (layout->x_scale, py);
      *out_y = atlas_scale_unmap (layout->y_scale, px);
    }
  else
    {
      *out_x = atlas_scale_unmap (layout->x_scale, px);
      *out_y = atlas_scale_unmap (layout->y_scale, py);
    }
  if (layout->chart->categories)
    *out_x = CLAMP (round (*out_x), 0, MAX ((double) layout->chart->categories->len - 1, 0));
  return TRUE;
}

/* Where the note at index shows in layout: a callout's text, a band
 * around a reference line, a shaded span; FALSE where it does not show
 * (out of view, or left out for want of room). */
gboolean
atlas_chart_get_note_area (const AtlasChartLayout *layout,
                           guint                   index,
                           cairo_rectangle_t      *out_area)
{
  const AtlasChart *chart;
  const AtlasAnnotation *note;
  const cairo_rectangle_t *plot;
  gboolean horizontal;

  g_return_val_if_fail (layout != NULL && out_area != NULL, FALSE);

  chart = layout->chart;
  plot = &layout->plot;
  if (!chart->spec.annotations || index >= chart->spec.annotations->len || !layout->x_scale || !layout->y_scale)
    return FALSE;
  note = &g_array_index (chart->spec.annotations, AtlasAnnotation, index);
  horizontal = atlas_chart_is_horizontal (chart->spec.type);
  if (note->kind == ATLAS_ANNOTATION_CALLOUT)
    {
      for (guint b = 0; layout->text_boxes && b < layout->text_boxes->len; b++)
        {
          const AtlasTextBox *box = &g_array_index (layout->text_boxes, AtlasTextBox, b);
          if (g_strcmp0 (box->text, note->text) == 0)
            {
              *out_area = box->box;
              return TRUE;
            }
        }
      return FALSE;
    }
  if (note->kind == ATLAS_ANNOTATION_REFERENCE_LINE)
    {
      double at = atlas_scale_map (layout->y_scale, note->y);
      if (horizontal ? at < plot->x || at > plot->x + plot->width : at < plot->y || at > plot->y + plot->height)
        return FALSE;
      *out_area = horizontal ? (cairo_rectangle_t) { at - 3, plot->y, 6, plot->height }
                             : (cairo_rectangle_t) { plot->x, at - 3, plot->width, 6 };
      return TRUE;
    }
  {
    double from = atlas_scale_map (layout->x_scale, note->x), to = atlas_scale_map (layout->x_scale, note->x_end);
    double low = MAX (MIN (from, to), horizontal ? plot->y : plot->x);
    double high = MIN (MAX (from, to), horizontal ? plot->y + plot->height : plot->x + plot->width);
    if (high < low)
      return FALSE;
    *out_area = horizontal ? (cairo_rectangle_t) { plot->x, low, plot->width, MAX (high - low, 2) }
                           : (cairo_rectangle_t) { low, plot->y, MAX (high - low, 2), plot->height };
    return TRUE;
  }
}

/* The note of the chart's at pixel (px, py) of layout, by its index
 * among the spec's: a callout's text or point first, then a reference
 * line, then a shaded span. FALSE where no note is. */
gboolean
atlas_chart_pick_note (const AtlasChartLayout *layout,
                       double                  px,
                       double                  py,
                       guint                  *out_index)
{
  const AtlasChart *chart;
  const GArray *notes;
  gboolean horizontal;
  const double near = 5;

  g_return_val_if_fail (layout != NULL && out_index != NULL, FALSE);

  chart = layout->chart;
  notes = chart->spec.annotations;
  horizontal = atlas_chart_is_horizontal (chart->spec.type);
  if (!notes || !layout->x_scale || !layout->y_scale)
    return FALSE;
  for (guint i = 0; i < notes->len; i++)
    {
      const AtlasAnnotation *note = &g_array_index (notes, AtlasAnnotation, i);

      if (note->kind != ATLAS_ANNOTATION_CALLOUT)
        continue;
      for (guint b = 0; layout->text_boxes && b < layout->text_boxes->len; b++)
        {
          const AtlasTextBox *box = &g_array_index (layout->text_boxes, AtlasTextBox, b);
          if (g_strcmp0 (box->text, note->text) == 0 && px >= box->box.x && px <= box->box.x + box->box.width
              && py >= box->box.y && py <= box->box.y + box->box.height)
            {
              *out_index = i;
              return TRUE;
            }
        }
    }
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < notes->len; i++)
      {
        const AtlasAnnotation *note = &g_array_index (notes, AtlasAnnotation, i);
        double value_px = atlas_scale_map (layout->y_scale, note->y);
        double from = atlas_scale_map (layout->x_scale, note->x), to = atlas_scale_map (layout->x_scale, note->x_end);
        double along = horizontal ? py : px, across = horizontal ? px : py;
        gboolean in_plot = px >= layout->plot.x && px <= layout->plot.x + layout->plot.width && py >= layout->plot.y
                           && py <= layout->plot.y + layout->plot.height;

        if (pass == 0 && note->kind == ATLAS_ANNOTATION_REFERENCE_LINE && in_plot && fabs (across - value_px) <= near)
          {
            *out_index = i;
            return TRUE;
          }
        if (pass == 1 && note->kind == ATLAS_ANNOTATION_RANGE && in_plot && along >= MIN (from, to) - near
            && along <= MAX (from, to) + near)
          {
            *out_index = i;
            return TRUE;
          }
      }
  return FALSE;
}

/* The range of values layout's value axis shows; FALSE for charts
 * without one (donuts, timelines). */
gboolean
atlas_chart_get_y_view (const AtlasChartLayout *layout,
                        double                 *out_min,
                        double                 *out_max)
{
  g_return_val_if_fail (layout != NULL && out_min != NULL && out_max != NULL, FALSE);

  if (!layout->y_scale || layout->chart->spec.type == ATLAS_CHART_DONUT
      || layout->chart->spec.type == ATLAS_CHART_TIMELINE)
    return FALSE;
  atlas_scale_get_domain (layout->y_scale, out_min, out_max);
  return TRUE;
}

/* Switches a series on or off, as its legend entry does: off, it is not
 * drawn, picked, stacked or counted in the y range, and its legend entry
 * stays, hollow, to switch it back. */
void
atlas_chart_set_series_visible (AtlasChart *chart,
                                guint       series,
                                gboolean    visible)
{
  g_return_if_fail (chart != NULL && series < chart->series->len);

  if (!chart->hidden)
    {
      if (visible)
        return;
      chart->hidden = g_new0 (gboolean, chart->series->len);
    }
  chart->hidden[series] = !visible;
}

gboolean
atlas_chart_get_series_visible (const AtlasChart *chart,
                                guint             series)
{
  g_return_val_if_fail (chart != NULL && series < chart->series->len, FALSE);
  return !atlas_chart_series_hidden (chart, series);
}

/* The series whose legend entry layout put at (x, y). */
gboolean
atlas_chart_pick_legend (const AtlasChartLayout *layout,
                         double                  x,
                         double                  y,
                         guint                  *out_series)
{
  g_return_val_if_fail (layout != NULL && out_series != NULL, FALSE);

  for (guint i = 0; i < layout->legend_boxes->len; i++)
    {
      const AtlasLegendBox *entry = &g_array_index (layout->legend_boxes, AtlasLegendBox, i);
      if (x >= entry->box.x && x <= entry->box.x + entry->box.width && y >= entry->box.y
          && y <= entry->box.y + entry->box.height)
        {
          *out_series = entry->series;
          return TRUE;
        }
    }
  return FALSE;
}

/* From row (G_MAXSIZE: before the first) step rows along x in series,
 * skipping rows with no point in view; FALSE when there is none that way.
 * For moving from point to point with the keyboard. */
gboolean
atlas_chart_step_point (const AtlasChartLayout *layout,
                        guint                   series,
                        gsize                   row,
                        int                     step,
                        gsize                  *out_row)
{
  const AtlasChart *chart;
  gssize i = -1, direction = step < 0 ? -1 : 1;
  double px, py;

  g_return_val_if_fail (layout != NULL && out_row != NULL && step != 0, FALSE);

  chart = layout->chart;
  if (row != G_MAXSIZE)
    {
      for (gsize k = 0; k < chart->n_ordered && i < 0; k++)
        if (atlas_chart_row_at (chart, k) == row)
          i = (gssize) k;
      if (i < 0)
        return FALSE;
    }
  else if (direction < 0)
    i = (gssize) chart->n_ordered;
  for (int remaining = ABS (step); remaining > 0;)
    {
      i += direction;
      if (i < 0 || i >= (gssize) chart->n_ordered)
        return FALSE;
      if (atlas_chart_point_position (layout, series, atlas_chart_row_at (chart, (gsize) i), &px, &py))
        remaining--;
    }
  *out_row = atlas_chart_row_at (chart, (gsize) i);
  return TRUE;
}

/* Where the note at index goes, moved step places: a callout to the
 * step-th point of its series along x, a span by as many rows, a
 * reference line by step twentieths of the value axis. FALSE where it
 * can go no further. */
gboolean
atlas_chart_step_note (const AtlasChartLayout *layout,
                       guint                   index,
                       int                     step,
                       double                 *out_x,
                       double                 *out_x_end,
                       double                 *out_y)
{
  const AtlasChart *chart;
  const AtlasAnnotation *note;

  g_return_val_if_fail (layout != NULL && out_x != NULL && out_x_end != NULL && out_y != NULL, FALSE);

  chart = layout->chart;
  if (!chart->spec.annotations || index >= chart->spec.annotations->len || step == 0)
    return FALSE;
  note = &g_array_index (chart->spec.annotations, AtlasAnnotation, index);
  *out_x = note->x;
  *out_x_end = note->x_end;
  *out_y = note->y;
  if (note->kind == ATLAS_ANNOTATION_REFERENCE_LINE)
    {
      double min, max;
      if (!layout->y_scale)
        return FALSE;
      atlas_scale_get_domain (layout->y_scale, &min, &max);
      *out_y = note->y + step * (max - min) / 20;
      return *out_y >= min && *out_y <= max;
    }
  if (note->kind == ATLAS_ANNOTATION_CALLOUT)
    {
      gsize i = atlas_chart_lower_bound (chart, note->x), moved;
      if (i >= chart->n_ordered || chart->x_values[atlas_chart_row_at (chart, i)] != note->x
          || !atlas_chart_step_point (layout, note->series, atlas_chart_row_at (chart, i), step, &moved))
        return FALSE;
      *out_x = *out_x_end = chart->x_values[moved];
      return TRUE;
    }
  {
    gsize from = atlas_chart_lower_bound (chart, note->x), to = atlas_chart_lower_bound (chart, note->x_end);
    gssize new_from = (gssize) from + step, new_to = (gssize) MIN (to, chart->n_ordered - 1) + step;
    if (chart->n_ordered == 0 || new_from < 0 || new_to >= (gssize) chart->n_ordered)
      return FALSE;
    *out_x = chart->x_values[atlas_chart_row_at (chart, (gsize) new_from)];
    *out_x_end = chart->x_values[atlas_chart_row_at (chart, (gsize) new_to)];
    return TRUE;
  }
}

/* What a pick found, as a tooltip says it: the series, x, y with its unit
 * and, when the table has a source_id column, the sources the row cites,
 * named through sources (id -> description) where it knows them. */
char *
atlas_chart_describe_pick (const AtlasChart     *chart,
                           const AtlasChartPick *pick,
                           GHashTable           *sources)
{
  AtlasNumberStyle style;
  const AtlasChartSeries *series;
  const AtlasColumn *source_column;
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  GString *text;

  g_return_val_if_fail (chart != NULL && pick != NULL, NULL);
  g_return_val_if_fail (pick->series < chart->series->len && pick->row < chart->n_rows, NULL);

  atlas_number_style_from_locale (&style);
  series = &g_array_index (chart->series, AtlasChartSeries, pick->series);
  x = format_x (chart, pick->row, &style);
  /* Translators: in a tooltip, for a bar whose row has no value. */
  y = isnan (series->values[pick->row]) ? g_strdup (_("no data")) : format_y (chart, series, series->values[pick->row], &style);
  text = g_string_new (series->name);
  g_string_append_c (text, '\n');
  if (atlas_chart_value_estimated (chart, pick->series, pick->row))
    /* Translators: a point's x, then its value, which is not (yet) measured. */
    g_string_append_printf (text, _("%s: %s (estimate or forecast)"), x, y);
  else
    /* Translators: a point's x, then its value. */
    g_string_append_printf (text, C_("point in a tooltip", "%s: %s"), x, y);

  source_column = atlas_table_find_column (chart->table, "source_id");
  if (source_column && atlas_column_get_column_type (source_column) == ATLAS_COLUMN_TEXT
      && !atlas_column_is_missing (source_column, pick->row))
    {
      g_auto (GStrv) ids = g_strsplit (atlas_column_get_text (source_column, pick->row), ";", -1);
      guint n_ids = g_strv_length (ids);
      /* A tooltip stays a glance: the first two sources, then a count. */
      for (guint i = 0; i < MIN (n_ids, 2); i++)
        {
          const char *id = g_strstrip (ids[i]);
          const char *described = sources ? g_hash_table_lookup (sources, id) : NULL;
          g_string_append_c (text, '\n');
          g_string_append_printf (text, _("Source: %s"), described ? described : id);
        }
      if (n_ids > 2)
        {
          guint n_more = n_ids - 2;
          g_string_append_c (text, '\n');
          g_string_append_printf (text,
                                  g_dngettext (GETTEXT_PACKAGE, "and %u more source", "and %u more sources",
                                               n_more),
                                  n_more);
        }
    }
  return g_string_free (text, FALSE);
}

/* The names of the series drawn, as a sentence lists them: "a", "a and
 * b", "a, b and c". */
static char *
list_shown_series (const AtlasChart *chart)
{
  char *list = NULL;
  guint n_shown = 0, k = 0;

  for (guint s = 0; s < chart->series->len; s++)
    n_shown += !atlas_chart_series_hidden (chart, s);
  for (guint s = 0; s < chart->series->len; s++)
    {
      const char *name = g_array_index (chart->series, AtlasChartSeries, s).name;
      char *longer;

      if (atlas_chart_series_hidden (chart, s))
        continue;
      if (k == 0)
        longer = g_strdup (name);
      else if (k + 1 < n_shown)
        /* Translators: joins the items of a list before its last: "a, b". */
        longer = g_strdup_printf (_("%s, %s"), list, name);
      else
        /* Translators: joins the last item to a list: "a, b and c". */
        longer = g_strdup_printf (_("%s and %s"), list, name);
      g_free (list);
      list = longer;
      k++;
    }
  return list ? list : g_strdup ("");
}

/* Adds a sentence to a summary, a space after the one before. */
static void G_GNUC_PRINTF (2, 3)
append_sentence (GString    *text,
                 const char *format,
                 ...)
{
  va_list args;

  if (text->len > 0)
    g_string_append_c (text, ' ');
  va_start (args, format);
  g_string_append_vprintf (text, format, args);
  va_end (args);
}

/* A plain-language description of what the chart shows: chart type, axes
 * and their ranges, and per series its highest, lowest and latest values
 * in view. */
char *
atlas_chart_summarize (const AtlasChartLayout *layout)
{
  const AtlasChart *chart = layout->chart;
  AtlasNumberStyle style;
  GString *text = g_string_new (NULL);
  g_autofree char *first_x = NULL;
  g_autofree char *last_x = NULL;
  g_autofree char *series_list = NULL;
  gsize first_row = G_MAXSIZE, last_row = G_MAXSIZE;

  atlas_number_style_from_locale (&style);
  /* The x range the chart shows: rows in view with a value to draw. */
  for (gsize i = 0; i < chart->n_ordered; i++)
    {
      gsize row = atlas_chart_row_at (chart, i);
      double x = chart->x_values[row];
      gboolean has_value = chart->series->len == 0;

      if (x < chart->view.x_min || x > chart->view.x_max)
        continue;
      for (guint s = 0; s < chart->series->len && !has_value; s++)
        has_value = !isnan (g_array_index (chart->series, AtlasChartSeries, s).values[row]);
      if (!has_value)
        continue;
      if (first_row == G_MAXSIZE)
        first_row = row;
      last_row = row;
    }
  if (first_row == G_MAXSIZE)
    first_row = last_row = atlas_chart_row_at (chart, 0);
  first_x = format_x (chart, first_row, &style);
  last_x = format_x (chart, last_row, &style);

  /* Only the series drawn: those switched off are named apart below. */
  series_list = list_shown_series (chart);
  if (chart->excluded)
    /* Translators: a chart's type ("Line chart"), the series it draws, the
     * column along x, the first and last x shown, then the column and the
     * value that choose its rows. */
    append_sentence (text, _("%s of %s by %s, from %s to %s, for the rows where %s is “%s”."),
                     chart_type_description (chart->spec.type), series_list,
                     atlas_column_get_name (chart->x_column), first_x, last_x, chart->spec.filter_column,
                     chart->spec.filter_value);
  else
    /* Translators: a chart's type ("Line chart"), the series it draws, the
     * column along x, then the first and last x shown. */
    append_sentence (text, _("%s of %s by %s, from %s to %s."), chart_type_description (chart->spec.type),
                     series_list, atlas_column_get_name (chart->x_column), first_x, last_x);
  if (layout->y_scale && chart->spec.type != ATLAS_CHART_DONUT && chart->spec.type != ATLAS_CHART_TIMELINE)
    {
      double min, max;
      g_autofree char *from = NULL, *to = NULL;
      const AtlasChartSeries *first = &g_array_index (chart->series, AtlasChartSeries, 0);

      atlas_scale_get_domain (layout->y_scale, &min, &max);
      from = atlas_format_value (min, &style);
      to = format_y (chart, first, max, &style);
      append_sentence (text,
                       chart->spec.log_y ? _("The value axis runs from %s to %s on a log scale.")
                                         : _("The value axis runs from %s to %s."),
                       from, to);
    }

  for (guint s = 0; s < chart->series->len; s++)
    if (atlas_chart_series_hidden (chart, s))
      append_sentence (text, _("%s is switched off."),
                       g_array_index (chart->series, AtlasChartSeries, s).name);
  for (guint s = 0; s < chart->series->len; s++)
    {
      const AtlasChartSeries *series = &g_array_index (chart->series, AtlasChartSeries, s);
      gsize highest = G_MAXSIZE, lowest = G_MAXSIZE, latest = G_MAXSIZE;
      g_autofree char *high_x = NULL, *high_y = NULL, *low_x = NULL, *low_y = NULL;
      g_autofree char *last_value_x = NULL, *last_value_y = NULL;

      if (atlas_chart_series_hidden (chart, s))
        continue;
      for (gsize i = 0; i < chart->n_ordered; i++)
        {
          gsize row = atlas_chart_row_at (chart, i);
          double v = series->values[row];
          if (isnan (v) || chart->x_values[row] < chart->view.x_min || chart->x_values[row] > chart->view.x_max)
            continue;
          if (highest == G_MAXSIZE || v > series->values[highest])
            highest = row;
          if (lowest == G_MAXSIZE || v < series->values[lowest])
            lowest = row;
          latest = row;
        }
      if (highest == G_MAXSIZE)
        {
          append_sentence (text, _("%s has no values."), series->name);
          continue;
        }
      high_x = format_x (chart, highest, &style);
      high_y = format_y (chart, series, series->values[highest], &style);
      low_x = format_x (chart, lowest, &style);
      low_y = format_y (chart, series, series->values[lowest], &style);
      /* Categories have no order in time: no latest value. */
      if (chart->categories)
        /* Translators: a series' name, then its highest and lowest
         * values, each with its x in parentheses. */
        append_sentence (text, _("%s: highest %s (%s), lowest %s (%s)."), series->name, high_y, high_x,
                         low_y, low_x);
      else
        {
          last_value_x = format_x (chart, latest, &style);
          last_value_y = format_y (chart, series, series->values[latest], &style);
          /* Translators: a series' name, then its highest, lowest and
           * latest values, each with its x in parentheses. */
          append_sentence (text, _("%s: highest %s (%s), lowest %s (%s), latest %s (%s)."), series->name,
                           high_y, high_x, low_y, low_x, last_value_y, last_value_x);
        }
    }
  return g_string_free (text, FALSE);
}

GArray *
atlas_chart_get_text_boxes (const AtlasChartLayout *layout)
{
  return layout->text_boxes;
}

/* What the pointer at (x, y) reads where it is over no value but over an
 * event's line or a label that stands for several; NULL elsewhere. The
 * last placed wins, as it is drawn on top. */
const char *
atlas_chart_hover_note_at (const AtlasChartLayout *layout,
                           double                  x,
                           double                  y)
{
  g_return_val_if_fail (layout != NULL, NULL);

  for (guint i = layout->hover_notes->len; i > 0; i--)
    {
      const AtlasHoverNote *note = &g_array_index (layout->hover_notes, AtlasHoverNote, i - 1);
      if (x >= note->area.x && x <= note->area.x + note->area.width && y >= note->area.y
          && y <= note->area.y + note->area.height)
        return note->text;
    }
  return NULL;
}

/* What the layout left out for want of room (AtlasDroppedItem), each
 * saying whether the chart tells the reader. */
GArray *
atlas_chart_get_dropped (const AtlasChartLayout *layout)
{
  g_return_val_if_fail (layout != NULL, NULL);
  return layout->dropped;
}
