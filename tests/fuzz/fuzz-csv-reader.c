/* fuzz-csv-reader.c: libFuzzer harness: any bytes through the whole reader, one and several threads. */
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
  AtlasCsvOptions options = { .n_threads = (size > 0 && data[0] & 1) ? 2 : 1 };
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
