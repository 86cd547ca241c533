/* atlas-table.c: the columnar table and its column accessors. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-table-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

struct _AtlasTable
{
  gsize n_rows;
  GPtrArray *columns;       /* AtlasColumn*, owned */
  GPtrArray *string_chunks; /* GStringChunk*, owned: the text cells point into them */
  gsize string_bytes;       /* bytes of distinct strings in string_chunks */
};

static void
atlas_column_free (gpointer data)
{
  AtlasColumn *column = data;

  g_free (column->name);
  g_free (column->unit);
  g_free (column->numbers);
  g_free (column->texts);
  g_free (column);
}

AtlasTable *
atlas_table_new (gsize n_rows)
{
  AtlasTable *table = g_atomic_rc_box_new0 (AtlasTable);

  table->n_rows = n_rows;
  table->columns = g_ptr_array_new_with_free_func (atlas_column_free);
  table->string_chunks = g_ptr_array_new_with_free_func ((GDestroyNotify) g_string_chunk_free);
  return table;
}

static void
atlas_table_clear (gpointer data)
{
  AtlasTable *table = data;

  g_ptr_array_unref (table->columns);
  g_ptr_array_unref (table->string_chunks);
}

AtlasTable *
atlas_table_ref (AtlasTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  return g_atomic_rc_box_acquire (table);
}

void
atlas_table_unref (AtlasTable *table)
{
  g_return_if_fail (table != NULL);
  g_atomic_rc_box_release_full (table, atlas_table_clear);
}

/* The column's cells are left for the caller to fill: numbers as NAN, texts as NULL. */
AtlasColumn *
atlas_table_append_column (AtlasTable      *table,
                           const char      *name,
                           AtlasColumnType  type)
{
  AtlasColumn *column = g_new0 (AtlasColumn, 1);

  column->name = g_strdup (name);
  column->type = type;
  g_ptr_array_add (table->columns, column);
  return column;
}

void
atlas_table_adopt_strings (AtlasTable   *table,
                           GStringChunk *strings,
                           gsize         n_bytes)
{
  g_ptr_array_add (table->string_chunks, strings);
  table->string_bytes += n_bytes;
}

gsize
atlas_table_get_n_rows (const AtlasTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->n_rows;
}

guint
atlas_table_get_n_columns (const AtlasTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->columns->len;
}

const AtlasColumn *
atlas_table_get_column (const AtlasTable *table,
                        guint             index)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (index < table->columns->len, NULL);
  return g_ptr_array_index (table->columns, index);
}

const AtlasColumn *
atlas_table_find_column (const AtlasTable *table,
                         const char       *name)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < table->columns->len; i++)
    {
      const AtlasColumn *column = g_ptr_array_index (table->columns, i);
      if (g_strcmp0 (column->name, name) == 0)
        return column;
    }
  return NULL;
}

/* Bytes held by the cells: what the reader's memory budget is measured against. */
gsize
atlas_table_get_data_size (const AtlasTable *table)
{
  gsize size = 0;

  g_return_val_if_fail (table != NULL, 0);

  for (guint i = 0; i < table->columns->len; i++)
    {
      const AtlasColumn *column = g_ptr_array_index (table->columns, i);
      size += table->n_rows * (column->type == ATLAS_COLUMN_TEXT ? sizeof (char *) : sizeof (double));
    }
  return size + table->string_bytes;
}

const char *
atlas_column_get_name (const AtlasColumn *column)
{
  g_return_val_if_fail (column != NULL, NULL);
  return column->name;
}

AtlasColumnType
atlas_column_get_column_type (const AtlasColumn *column)
{
  g_return_val_if_fail (column != NULL, ATLAS_COLUMN_TEXT);
  return column->type;
}

const char *
atlas_column_get_unit (const AtlasColumn *column)
{
  g_return_val_if_fail (column != NULL, NULL);
  return column->unit;
}

AtlasDateUnit
atlas_column_get_date_unit (const AtlasColumn *column)
{
  g_return_val_if_fail (column != NULL, ATLAS_DATE_UNIT_DAY);
  return column->date_unit;
}

/* A date kept as seconds since 1970, written at the column's unit: 2024,
 * Q2 2024, May 2024, 24 May 2024; NULL when out of range. */
char *
atlas_format_date (double        seconds,
                   AtlasDateUnit unit)
{
  g_autoptr (GDateTime) date = isfinite (seconds) ? g_date_time_new_from_unix_utc ((gint64) floor (seconds)) : NULL;

  if (!date)
    return NULL;
  switch (unit)
    {
    case ATLAS_DATE_UNIT_YEAR:
      return g_date_time_format (date, "%Y");
    case ATLAS_DATE_UNIT_QUARTER:
      /* Translators: a quarter of a year, then the year: "Q1 2024". */
      return g_strdup_printf (_("Q%d %d"), (g_date_time_get_month (date) - 1) / 3 + 1,
                              g_date_time_get_year (date));
    case ATLAS_DATE_UNIT_MONTH:
      /* Translators: a month as g_date_time_format() writes it: "Mar 2024". */
      return g_date_time_format (date, C_("date format", "%b %Y"));
    case ATLAS_DATE_UNIT_DAY:
      /* Translators: a day as g_date_time_format() writes it: "7 Mar 2024". */
      return g_date_time_format (date, C_("date format", "%-d %b %Y"));
    case ATLAS_DATE_UNIT_SECOND:
    default:
      /* Translators: a moment as g_date_time_format() writes it: "7 Mar 2024 14:05". */
      return g_date_time_format (date, C_("date format", "%-d %b %Y %H:%M"));
    }
}

/* name without the bracket at its end, which gives a column's unit or
 * values ("side (US|ally|China)") or a tooltip's key ("Open… (Ctrl+O)"),
 * for a sentence that needs it no more; name itself where it has none. */
char *
atlas_name_without_bracket (const char *name)
{
  const char *bracket = g_str_has_suffix (name, ")") ? strrchr (name, '(') : NULL;

  if (bracket && bracket > name)
    return g_strchomp (g_strndup (name, bracket - name));
  return g_strdup (name);
}

/* A cell as a table shows it: the text, the date at the column's unit, or
 * the number with up to 12 significant digits; NULL where it is missing. */
char *
atlas_column_format_cell (const AtlasColumn *column,
                          gsize              row)
{
  g_return_val_if_fail (column != NULL, NULL);

  if (atlas_column_is_missing (column, row))
    return NULL;
  switch (atlas_column_get_column_type (column))
    {
    case ATLAS_COLUMN_TEXT:
      return g_strdup (atlas_column_get_text (column, row));
    case ATLAS_COLUMN_DATE:
      return atlas_format_date (atlas_column_get_number (column, row), column->date_unit);
    case ATLAS_COLUMN_NUMBER:
    default:
      return g_strdup_printf ("%.12g", atlas_column_get_number (column, row));
    }
}

gsize
atlas_column_get_n_missing (const AtlasColumn *column)
{
  g_return_val_if_fail (column != NULL, 0);
  return column->n_missing;
}

gsize
atlas_column_get_n_invalid (const AtlasColumn *column)
{
  g_return_val_if_fail (column != NULL, 0);
  return column->n_invalid;
}

gboolean
atlas_column_is_missing (const AtlasColumn *column,
                         gsize              row)
{
  g_return_val_if_fail (column != NULL, TRUE);
  if (column->type == ATLAS_COLUMN_TEXT)
    return column->texts[row] == NULL;
  return isnan (column->numbers[row]);
}

double
atlas_column_get_number (const AtlasColumn *column,
                         gsize              row)
{
  g_return_val_if_fail (column != NULL, NAN);
  g_return_val_if_fail (column->type != ATLAS_COLUMN_TEXT, NAN);
  return column->numbers[row];
}

const double *
atlas_column_get_numbers (const AtlasColumn *column)
{
  g_return_val_if_fail (column != NULL, NULL);
  return column->numbers;
}

const char *
atlas_column_get_text (const AtlasColumn *column,
                       gsize              row)
{
  g_return_val_if_fail (column != NULL, NULL);
  g_return_val_if_fail (column->type == ATLAS_COLUMN_TEXT, NULL);
  return column->texts[row];
}

const char *
atlas_column_type_to_string (AtlasColumnType type)
{
  switch (type)
    {
    case ATLAS_COLUMN_NUMBER:
      return "number";
    case ATLAS_COLUMN_DATE:
      return "date";
    case ATLAS_COLUMN_TEXT:
      return "text";
    default:
      g_return_val_if_reached ("text");
    }
}
