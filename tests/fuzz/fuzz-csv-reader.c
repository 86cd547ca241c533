/* fuzz-csv-reader.c: libFuzzer harness: any bytes through the whole reader, one and several threads. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE
#include <math.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "atlas-csv-reader.h"
#include "atlas-table.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Touches every cell, so a bad pointer or length shows under ASan. */
static void
check_table (const AtlasCsvResult *result)
{
  const AtlasTable *table = result->table;

  for (guint col = 0; col < atlas_table_get_n_columns (table); col++)
    {
      const AtlasColumn *column = atlas_table_get_column (table, col);
      gsize missing = 0;

      g_assert_true (g_utf8_validate (atlas_column_get_name (column), -1, NULL));
      for (gsize row = 0; row < atlas_table_get_n_rows (table); row++)
        {
          if (atlas_column_is_missing (column, row))
            missing++;
          else if (atlas_column_get_column_type (column) == ATLAS_COLUMN_TEXT)
            g_assert_true (g_utf8_validate (atlas_column_get_text (column, row), -1, NULL));
          else
            g_assert_true (isfinite (atlas_column_get_number (column, row)));
        }
      g_assert_cmpuint (missing, ==, atlas_column_get_n_missing (column));
    }
  for (guint i = 0; i < result->file_columns->len; i++)
    {
      const AtlasCsvFileColumn *file_column = &g_array_index (result->file_columns, AtlasCsvFileColumn, i);
      g_assert_true (file_column->ignored == (file_column->table_column < 0));
      g_assert_true (file_column->table_column < (int) atlas_table_get_n_columns (table));
    }
  if (result->raw_rows)
    {
      g_assert_cmpuint (result->raw_rows->len, ==, atlas_table_get_n_rows (table));
      for (guint row = 0; row < result->raw_rows->len; row++)
        {
          GStrv fields = g_ptr_array_index (result->raw_rows, row);
          g_assert_cmpuint (g_strv_length (fields), ==, result->file_columns->len);
          for (guint i = 0; fields[i]; i++)
            g_assert_true (g_utf8_validate (fields[i], -1, NULL));
        }
    }
  for (guint i = 0; i < result->problems->len; i++)
    {
      const AtlasCsvProblem *problem = g_ptr_array_index (result->problems, i);
      g_assert_true (problem->line >= 1 && problem->column >= 1);
      g_assert_true (g_utf8_validate (problem->message, -1, NULL));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  int fd = memfd_create ("fuzz.csv", MFD_CLOEXEC);
  g_autofree char *path = g_strdup_printf ("/proc/self/fd/%d", fd);
  static const AtlasColumnChoice ignore_second[] = { ATLAS_COLUMN_CHOICE_DETECT, ATLAS_COLUMN_CHOICE_IGNORE };
  guint8 flags = size > 0 ? data[0] : 0;
  /* The first byte also picks the overrides a preview uses. */
  AtlasCsvOptions options = {
    .n_threads = (flags & 1) ? 2 : 1,
    .keep_raw_rows = (flags & 2) != 0,
    .max_bytes = (flags & 4) ? size / 2 : 0,
    .column_choices = (flags & 8) ? ignore_second : NULL,
    .n_column_choices = G_N_ELEMENTS (ignore_second),
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (AtlasCsvResult) result = NULL;

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, data, size), ==, (gssize) size);
  result = atlas_csv_read_file (path, &options, NULL, NULL, NULL, &error);
  if (result)
    check_table (result);
  else
    {
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, path));
    }
  close (fd);
  return 0;
}
