/* csv-result-text.c: a reader's result written out whole, to compare two reads byte for byte. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "csv-result-text.h"

#include <string.h>

#include "atlas-table.h"

/* The dialect, each column with every cell (numbers by their bits), the
 * problems and the raw rows when kept. */
GString *
csv_result_to_text (const AtlasCsvResult *result)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "dialect %d %d %d %d %d %d %d %d %d %u %d %d\n", result->dialect.encoding,
                          result->dialect.has_bom, result->dialect.line_ending, result->dialect.delimiter,
                          result->dialect.quote, result->dialect.decimal_mark, result->dialect.thousands_sep,
                          result->dialect.comment, result->dialect.header, result->dialect.skipped_lines,
                          result->dialect.date_order, result->dialect.date_order_guessed);
  for (guint col = 0; col < atlas_table_get_n_columns (result->table); col++)
    {
      const AtlasColumn *column = atlas_table_get_column (result->table, col);

      g_string_append_printf (out, "column %s %d %zu %zu %s\n", atlas_column_get_name (column),
                              atlas_column_get_column_type (column), atlas_column_get_n_missing (column),
                              atlas_column_get_n_invalid (column),
                              atlas_column_get_unit (column) ? atlas_column_get_unit (column) : "-");
      for (gsize row = 0; row < atlas_table_get_n_rows (result->table); row++)
        {
          if (atlas_column_is_missing (column, row))
            g_string_append (out, "~|");
          else if (atlas_column_get_column_type (column) == ATLAS_COLUMN_TEXT)
            g_string_append_printf (out, "%s|", atlas_column_get_text (column, row));
          else
            {
              double value = atlas_column_get_number (column, row);
              guint64 bits;
              memcpy (&bits, &value, sizeof bits);
              g_string_append_printf (out, "%" G_GINT64_MODIFIER "x|", bits);
            }
        }
      g_string_append_c (out, '\n');
    }
  g_string_append_printf (out, "problems %" G_GUINT64_FORMAT "\n", result->n_problems);
  for (guint i = 0; i < result->problems->len; i++)
    {
      const AtlasCsvProblem *problem = g_ptr_array_index (result->problems, i);
      g_string_append_printf (out, "%" G_GUINT64_FORMAT ":%u:%" G_GUINT64_FORMAT ":%d %s\n", problem->line,
                              problem->column, problem->row, problem->table_column, problem->message);
    }
  for (guint row = 0; result->raw_rows && row < result->raw_rows->len; row++)
    {
      g_autofree char *joined = g_strjoinv ("|", g_ptr_array_index (result->raw_rows, row));
      g_string_append_printf (out, "raw %s\n", joined);
    }
  return out;
}
