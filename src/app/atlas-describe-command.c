/* atlas-describe-command.c: prints what the reader detected in a file as one JSON object. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-describe-command.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "atlas-dataset.h"
#include "atlas-table.h"

/* How many problems the JSON lists; the count covers all of them. */
#define DESCRIBED_PROBLEMS 10

static const char *
line_ending_name (AtlasLineEnding ending)
{
  switch (ending)
    {
    case ATLAS_LINE_ENDING_CRLF:
      return "CRLF";
    case ATLAS_LINE_ENDING_CR:
      return "CR";
    case ATLAS_LINE_ENDING_LF:
    default:
      return "LF";
    }
}

static const char *
date_unit_name (AtlasDateUnit unit)
{
  switch (unit)
    {
    case ATLAS_DATE_UNIT_YEAR:
      return "year";
    case ATLAS_DATE_UNIT_QUARTER:
      return "quarter";
    case ATLAS_DATE_UNIT_MONTH:
      return "month";
    case ATLAS_DATE_UNIT_SECOND:
      return "second";
    case ATLAS_DATE_UNIT_DAY:
    default:
      return "day";
    }
}

static void
add_char_member (JsonBuilder *builder,
                 const char  *name,
                 char         c)
{
  char text[2] = { c, '\0' };

  json_builder_set_member_name (builder, name);
  if (c == '\0')
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, text);
}

/* The decimal mark the number column table_column was read with. */
static char
decimal_mark_of (const AtlasCsvResult *result,
                 guint                 table_column)
{
  for (guint i = 0; i < result->file_columns->len; i++)
    {
      const AtlasCsvFileColumn *column = &g_array_index (result->file_columns, AtlasCsvFileColumn, i);
      if (column->table_column == (int) table_column)
        return column->decimal_mark;
    }
  return result->dialect.decimal_mark;
}

char *
atlas_csv_result_to_json (const AtlasCsvResult *result,
                          const char           *path)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  const AtlasCsvDialect *dialect = &result->dialect;
  const AtlasTable *table = result->table;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, path);
  json_builder_set_member_name (builder, "encoding");
  json_builder_add_string_value (builder, atlas_text_encoding_get_name (dialect->encoding));
  json_builder_set_member_name (builder, "bom");
  json_builder_add_boolean_value (builder, dialect->has_bom);
  add_char_member (builder, "delimiter", dialect->delimiter);
  add_char_member (builder, "quote", dialect->quote);
  add_char_member (builder, "decimal_mark", dialect->decimal_mark);
  add_char_member (builder, "thousands_separator", dialect->thousands_sep);
  add_char_member (builder, "comment", dialect->comment);
  json_builder_set_member_name (builder, "line_ending");
  json_builder_add_string_value (builder, line_ending_name (dialect->line_ending));
  json_builder_set_member_name (builder, "header");
  json_builder_add_boolean_value (builder, dialect->header);
  json_builder_set_member_name (builder, "skipped_lines");
  json_builder_add_int_value (builder, dialect->skipped_lines);
  /* Of dates written d/m/y or m/d/y: null when there are none. */
  json_builder_set_member_name (builder, "date_order");
  if (dialect->date_order == ATLAS_DATE_ORDER_DETECT)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder,
                                   dialect->date_order == ATLAS_DATE_ORDER_DAY_FIRST ? "day-first" : "month-first");
  json_builder_set_member_name (builder, "date_order_guessed");
  json_builder_add_boolean_value (builder, dialect->date_order_guessed);
  json_builder_set_member_name (builder, "rows");
  json_builder_add_int_value (builder, (gint64) atlas_table_get_n_rows (table));

  json_builder_set_member_name (builder, "columns");
  json_builder_begin_array (builder);
  for (guint i = 0; i < atlas_table_get_n_columns (table); i++)
    {
      const AtlasColumn *column = atlas_table_get_column (table, i);
      AtlasColumnType type = atlas_column_get_column_type (column);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, atlas_column_get_name (column));
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, atlas_column_type_to_string (type));
      json_builder_set_member_name (builder, "missing");
      json_builder_add_int_value (builder, (gint64) atlas_column_get_n_missing (column));
      json_builder_set_member_name (builder, "invalid");
      json_builder_add_int_value (builder, (gint64) atlas_column_get_n_invalid (column));
      if (atlas_column_get_unit (column))
        {
          json_builder_set_member_name (builder, "unit");
          json_builder_add_string_value (builder, atlas_column_get_unit (column));
        }
      /* Each number column's own: a column may use the other mark. */
      if (type == ATLAS_COLUMN_NUMBER)
        add_char_member (builder, "decimal_mark", decimal_mark_of (result, i));
      if (type == ATLAS_COLUMN_DATE)
        {
          json_builder_set_member_name (builder, "date_unit");
          json_builder_add_string_value (builder, date_unit_name (atlas_column_get_date_unit (column)));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "problems");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, (gint64) result->n_problems);
  json_builder_set_member_name (builder, "first");
  json_builder_begin_array (builder);
  for (guint i = 0; i < MIN (result->problems->len, DESCRIBED_PROBLEMS); i++)
    {
      const AtlasCsvProblem *problem = g_ptr_array_index (result->problems, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, (gint64) problem->line);
      json_builder_set_member_name (builder, "column");
      json_builder_add_int_value (builder, problem->column);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, problem->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}

int
atlas_describe_command_run (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AtlasCsvResult) result = atlas_csv_read_file (path, NULL, NULL, NULL, NULL, &error);
  g_autofree char *json = NULL;

  if (!result)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  json = atlas_csv_result_to_json (result, path);
  printf ("%s\n", json);
  return 0;
}

/* The built-in datasets with what their descriptions say, for people
 * choosing one: title, file, rows, time span, units, sentence, caveats. */
int
atlas_list_datasets_command_run (const char *datasets_dir)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) catalog = atlas_dataset_catalog_load (datasets_dir, &error);

  if (!catalog)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < catalog->len; i++)
    {
      const AtlasDatasetInfo *info = g_ptr_array_index (catalog, i);
      g_autoptr (AtlasCsvResult) result = atlas_csv_read_file (info->csv_path, NULL, NULL, NULL, NULL, &error);
      g_autofree char *heading = NULL;
      g_autofree char *units = NULL;
      g_autofree char *currency = NULL;
      gsize n_rows;

      if (!result)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      n_rows = atlas_table_get_n_rows (result->table);
      /* Translators: a dataset's title, its file's name, how many rows it
       * holds, and the time it spans. */
      heading = g_strdup_printf (ngettext ("%s (%s.csv, %zu row, %s)", "%s (%s.csv, %zu rows, %s)", n_rows),
                                 info->title, info->id, n_rows, info->time_span);
      units = g_strdup_printf (_("Units: %s"), info->units);
      currency = atlas_dataset_info_describe_currency (info);
      printf ("%s%s\n  %s\n  %s\n  %s\n", i ? "\n" : "", heading, currency, units, info->description);
      if (info->caveats)
        {
          g_autofree char *caveats = g_strdup_printf (_("Caveats: %s"), info->caveats);
          printf ("  %s\n", caveats);
        }
    }
  return 0;
}
