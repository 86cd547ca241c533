/* test-hostile-input.c: files nobody should write, made here, read as they come: each loads with the right
 * values and its problems listed, or fails with the right FILE:LINE:COLUMN message. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atlas-csv-reader.h"
#include "atlas-table.h"
#include "test-support.h"

static char *test_dir;

static char *
write_file (const char *name,
            const char *contents,
            gssize      length)
{
  char *path = g_build_filename (test_dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return path;
}

static AtlasCsvResult *
read_ok (const char *path)
{
  g_autoptr (GError) error = NULL;
  AtlasCsvResult *result = atlas_csv_read_file (path, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

/* Reading path fails with code, and a message "PATH:LINE:COLUMN: ..."
 * that contains words. */
static void
assert_read_fails (const char *path,
                   int         code,
                   guint64     line,
                   guint       column,
                   const char *words)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AtlasCsvResult) result = atlas_csv_read_file (path, NULL, NULL, NULL, NULL, &error);
  g_autofree char *where = g_strdup_printf ("%s:%" G_GUINT64_FORMAT ":%u: ", path, line, column);

  g_assert_null (result);
  g_assert_error (error, ATLAS_CSV_ERROR, code);
  /* On a mismatch, both texts in the failure. */
  if (!g_str_has_prefix (error->message, where) || !strstr (error->message, words))
    g_assert_cmpstr (error->message, ==, where);
}

static const AtlasCsvProblem *
problem_at (const AtlasCsvResult *result,
            guint                 index)
{
  g_assert_cmpuint (index, <, result->problems->len);
  return g_ptr_array_index (result->problems, index);
}

static void
test_zero_bytes_header_only_and_folders (void)
{
  g_autofree char *empty = write_file ("empty.csv", "", 0);
  g_autofree char *blank = write_file ("blank.csv", "\n\n  \n", -1);
  g_autofree char *header = write_file ("header.csv", "year,value\n", -1);
  g_autofree char *folder = g_build_filename (test_dir, "folder.csv", NULL);
  g_autofree char *missing = g_build_filename (test_dir, "missing.csv", NULL);
  g_autoptr (AtlasCsvResult) only_header = NULL;

  assert_read_fails (empty, ATLAS_CSV_ERROR_EMPTY, 1, 1, "empty");
  assert_read_fails (blank, ATLAS_CSV_ERROR_EMPTY, 1, 1, "blank");
  assert_read_fails (missing, ATLAS_CSV_ERROR_NOT_FOUND, 1, 1, "no such file");
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  assert_read_fails (folder, ATLAS_CSV_ERROR_NOT_A_FILE, 1, 1, "folder");

  /* A header and nothing under it: the columns, no rows, no problem. */
  only_header = read_ok (header);
  g_assert_cmpuint (atlas_table_get_n_rows (only_header->table), ==, 0);
  g_assert_cmpuint (atlas_table_get_n_columns (only_header->table), ==, 2);
  g_assert_cmpstr (atlas_column_get_name (atlas_table_get_column (only_header->table, 1)), ==, "value");
  g_assert_cmpuint (only_header->n_problems, ==, 0);
}

/* Written by another program while we read: a FIFO is read to its end. */
static gpointer
write_to_fifo (gpointer data)
{
  const char *path = data;
  FILE *out = fopen (path, "w");

  g_assert_nonnull (out);
  fputs ("year,value\n2020,1.5\n2021,2.5\n", out);
  fclose (out);
  return NULL;
}

static void
test_fifo (void)
{
  g_autofree char *path = g_build_filename (test_dir, "pipe.csv", NULL);
  g_autoptr (AtlasCsvResult) result = NULL;
  GThread *writer;

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  writer = g_thread_new ("fifo-writer", write_to_fifo, path);
  result = read_ok (path);
  g_thread_join (writer);
  g_assert_cmpuint (atlas_table_get_n_rows (result->table), ==, 2);
  g_assert_cmpfloat (atlas_column_get_number (atlas_table_get_column (result->table, 1), 1), ==, 2.5);
}

static void
test_binary_and_nul_bytes (void)
{
  static const char nul_in_field[] = "a,b\n1,x\0y\n";
  static const guint8 png_header[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
  g_autofree char *nul = write_file ("nul.csv", nul_in_field, sizeof nul_in_field - 1);
  g_autofree char *png = write_file ("image.csv", (const char *) png_header, sizeof png_header);

  assert_read_fails (nul, ATLAS_CSV_ERROR_BINARY, 2, 4, "binary");
  assert_read_fails (png, ATLAS_CSV_ERROR_BINARY, 3, 1, "binary");
}

/* Quotes nested by doubling load; a quote that never closes says where it
 * opened, whether no row ever ended or some did. */
static void
test_quotes (void)
{
  g_autofree char *nested = write_file ("nested.csv",
                                        "name,said\n\"a \"\"b\"\" c\",\"\"\"\"\"\"\"\"\"\"\n"
                                        "\"x,\ny\",\"\"\n",
                                        -1);
  g_autofree char *never_closed = write_file ("open.csv", "\"name,value\nChina,1\nJapan,2\n", -1);
  g_autofree char *closed_late = write_file ("late.csv", "name,value\nChina,1\nJapan,\"2\n3\n", -1);
  g_autoptr (AtlasCsvResult) result = read_ok (nested);
  const AtlasColumn *said = atlas_table_get_column (result->table, 1);

  g_assert_cmpuint (atlas_table_get_n_rows (result->table), ==, 2);
  g_assert_cmpstr (atlas_column_get_text (atlas_table_get_column (result->table, 0), 0), ==, "a \"b\" c");
  g_assert_cmpstr (atlas_column_get_text (said, 0), ==, "\"\"\"\"");
  g_assert_cmpstr (atlas_column_get_text (atlas_table_get_column (result->table, 0), 1), ==, "x,\ny");
  g_assert_true (atlas_column_is_missing (said, 1));

  /* A quote that never closes: the file is read with no quote character,
   * and the quote is the first problem, where it opened (columns count
   * fields, as in every problem the reader reports). */
  {
    g_autoptr (AtlasCsvResult) open = read_ok (never_closed);
    g_autoptr (AtlasCsvResult) late = read_ok (closed_late);
    const AtlasCsvProblem *first = g_ptr_array_index (open->problems, 0);
    const AtlasCsvProblem *later = g_ptr_array_index (late->problems, 0);

    g_assert_cmpuint (atlas_table_get_n_rows (open->table), ==, 2);
    g_assert_cmpuint (first->line, ==, 1);
    g_assert_cmpuint (first->column, ==, 1);
    g_assert_nonnull (strstr (first->message, "never closed"));
    g_assert_cmpuint (later->line, ==, 3);
    g_assert_cmpuint (later->column, ==, 2);
    g_assert_nonnull (strstr (later->message, "never closed"));
  }
}

/* Broken UTF-8 at the start, middle and end of fields and in a header
 * name, in a file that is otherwise UTF-8: read as UTF-8, the broken
 * bytes as U+FFFD, each field a problem at its line and column. */
static void
test_invalid_utf8 (void)
{
  g_autofree char *path = write_file ("broken.csv",
                                      "région,na\xff" "ve,地区\n"
                                      "\xff" "start,mid\xfe" "dle,end\xc3\n"
                                      "été,ok,上海\n",
                                      -1);
  g_autoptr (AtlasCsvResult) result = read_ok (path);
  const AtlasTable *table = result->table;

  g_assert_cmpint (result->dialect.encoding, ==, ATLAS_TEXT_ENCODING_UTF8);
  g_assert_true (result->dialect.header);
  g_assert_cmpstr (atlas_column_get_name (atlas_table_get_column (table, 0)), ==, "région");
  g_assert_cmpstr (atlas_column_get_name (atlas_table_get_column (table, 1)), ==, "na\xef\xbf\xbdve");
  g_assert_cmpstr (atlas_column_get_text (atlas_table_get_column (table, 0), 0), ==, "\xef\xbf\xbdstart");
  g_assert_cmpstr (atlas_column_get_text (atlas_table_get_column (table, 1), 0), ==, "mid\xef\xbf\xbd" "dle");
  g_assert_cmpstr (atlas_column_get_text (atlas_table_get_column (table, 2), 0), ==, "end\xef\xbf\xbd");
  g_assert_cmpstr (atlas_column_get_text (atlas_table_get_column (table, 2), 1), ==, "上海");
  g_assert_cmpuint (result->n_problems, ==, 4);
  /* The header's problem comes first, in file order. */
  g_assert_cmpuint (problem_at (result, 0)->line, ==, 1);
  g_assert_cmpuint (problem_at (result, 0)->column, ==, 2);
  g_assert_nonnull (strstr (problem_at (result, 0)->message, "column name is not valid UTF-8"));
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpuint (problem_at (result, i + 1)->line, ==, 2);
      g_assert_cmpuint (problem_at (result, i + 1)->column, ==, i + 1);
      g_assert_nonnull (strstr (problem_at (result, i + 1)->message, "UTF-8"));
    }
}

/* CRLF, LF and a lone CR in one file: each ends a line, none makes an
 * empty row. */
static void
test_mixed_line_endings (void)
{
  g_autofree char *path = write_file ("endings.csv", "a,b\r\n1,2\n3,4\r5,6\r\n7,8", -1);
  g_autoptr (AtlasCsvResult) result = read_ok (path);
  const AtlasColumn *b = atlas_table_get_column (result->table, 1);

  g_assert_cmpuint (atlas_table_get_n_rows (result->table), ==, 4);
  for (guint row = 0; row < 4; row++)
    g_assert_cmpfloat (atlas_column_get_number (b, row), ==, 2 * (row + 1));
  g_assert_cmpuint (result->n_problems, ==, 0);
}

/* Numbers at the edges of a double: the largest and the smallest keep
 * their exact values, -0 stays -0, a 20-digit integer is the nearest
 * double, and numbers past the largest are refused, not infinite. */
static void
test_number_limits (void)
{
  g_autofree char *path = write_file ("limits.csv",
                                      "row,value\n1,1e308\n2,1.7976931348623157e308\n3,4.9e-324\n"
                                      "4,2.2250738585072014e-308\n5,-0\n6,12345678901234567890\n"
                                      "7,1e309\n8,-1e309\n9,1e-400\n10,0.1\n",
                                      -1);
  g_autoptr (AtlasCsvResult) result = read_ok (path);
  const AtlasColumn *value = atlas_table_get_column (result->table, 1);

  g_assert_cmpint (atlas_column_get_column_type (value), ==, ATLAS_COLUMN_NUMBER);
  g_assert_cmpfloat (atlas_column_get_number (value, 0), ==, 1e308);
  g_assert_cmpfloat (atlas_column_get_number (value, 1), ==, G_MAXDOUBLE);
  g_assert_cmpfloat (atlas_column_get_number (value, 2), ==, 4.9e-324);
  g_assert_cmpfloat (atlas_column_get_number (value, 3), ==, G_MINDOUBLE);
  g_assert_cmpfloat (atlas_column_get_number (value, 4), ==, 0);
  g_assert_true (signbit (atlas_column_get_number (value, 4)));
  g_assert_cmpfloat (atlas_column_get_number (value, 5), ==, 12345678901234567890.0);
  g_assert_true (atlas_column_is_missing (value, 6));
  g_assert_true (atlas_column_is_missing (value, 7));
  g_assert_cmpfloat (atlas_column_get_number (value, 9), ==, 0.1);
  for (gsize row = 0; row < atlas_table_get_n_rows (result->table); row++)
    g_assert_true (atlas_column_is_missing (value, row) || isfinite (atlas_column_get_number (value, row)));
  g_assert_cmpuint (problem_at (result, 0)->line, ==, 8);
  g_assert_cmpuint (problem_at (result, 0)->column, ==, 2);
  g_assert_cmpuint (problem_at (result, 1)->line, ==, 9);
}

/* Not-a-number and infinity as people spell them: missing, never a NaN
 * number or an infinite one on a chart. */
static void
test_nan_and_infinity (void)
{
  static const char *const missing[] = { "NaN", "nan", "NAN", "NA", "N/A", "n/a", "#N/A", "null", "NULL", "" };
  static const char *const infinite[] = { "inf", "-inf", "+inf", "Inf", "INF", "Infinity", "-Infinity", "∞", "#DIV/0!" };
  g_autoptr (GString) csv = g_string_new ("row,value\n");
  g_autofree char *path = NULL;
  g_autoptr (AtlasCsvResult) result = NULL;
  const AtlasColumn *value;
  guint row = 0;

  /* Enough plain numbers that the column is one of numbers. */
  for (guint i = 0; i < 40; i++)
    g_string_append_printf (csv, "%u,%u.5\n", row++, i);
  for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
    g_string_append_printf (csv, "%u,%s\n", row++, missing[i]);
  for (guint i = 0; i < G_N_ELEMENTS (infinite); i++)
    g_string_append_printf (csv, "%u,%s\n", row++, infinite[i]);
  path = write_file ("nan.csv", csv->str, -1);
  result = read_ok (path);
  value = atlas_table_get_column (result->table, 1);

  g_assert_cmpint (atlas_column_get_column_type (value), ==, ATLAS_COLUMN_NUMBER);
  for (gsize r = 40; r < row; r++)
    g_assert_true (atlas_column_is_missing (value, r));
  for (gsize r = 0; r < atlas_table_get_n_rows (result->table); r++)
    g_assert_true (atlas_column_is_missing (value, r) || isfinite (atlas_column_get_number (value, r)));
  /* Missing spellings are no problem; infinities are, each at its cell. */
  g_assert_cmpuint (result->n_problems, ==, G_N_ELEMENTS (infinite));
  g_assert_cmpuint (problem_at (result, 0)->line, ==, 2 + 40 + G_N_ELEMENTS (missing));
}

/* 100,000 columns: every one named and read. */
static void
test_hundred_thousand_columns (void)
{
  const guint n = 100000;
  g_autoptr (GString) csv = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autoptr (AtlasCsvResult) result = NULL;

  for (guint c = 0; c < n; c++)
    g_string_append_printf (csv, "%sc%u", c ? "," : "", c);
  for (guint r = 0; r < 3; r++)
    {
      g_string_append_c (csv, '\n');
      for (guint c = 0; c < n; c++)
        g_string_append_printf (csv, "%s%u", c ? "," : "", r * n + c);
    }
  g_string_append_c (csv, '\n');
  path = write_file ("wide.csv", csv->str, (gssize) csv->len);
  result = read_ok (path);
  g_assert_cmpuint (atlas_table_get_n_columns (result->table), ==, n);
  g_assert_cmpuint (atlas_table_get_n_rows (result->table), ==, 3);
  g_assert_cmpstr (atlas_column_get_name (atlas_table_get_column (result->table, n - 1)), ==, "c99999");
  g_assert_cmpfloat (atlas_column_get_number (atlas_table_get_column (result->table, n - 1), 2), ==, 3.0 * n - 1);
  g_assert_cmpuint (result->n_problems, ==, 0);
  g_unlink (path);
}

/* 10,000,000 rows of one small number each. */
static void
test_ten_million_rows (void)
{
  const guint n = 10000000;
  g_autofree char *path = g_build_filename (test_dir, "tall.csv", NULL);
  FILE *out = fopen (path, "w");
  g_autoptr (AtlasCsvResult) result = NULL;
  const AtlasColumn *column;

  g_assert_nonnull (out);
  fputs ("n\n", out);
  for (guint r = 0; r < n; r++)
    fprintf (out, "%u\n", r % 10);
  fclose (out);
  result = read_ok (path);
  column = atlas_table_get_column (result->table, 0);
  g_assert_cmpuint (atlas_table_get_n_rows (result->table), ==, n);
  g_assert_cmpfloat (atlas_column_get_number (column, n - 1), ==, (n - 1) % 10);
  g_assert_cmpfloat (atlas_column_get_number (column, 1234567), ==, 7);
  g_assert_cmpuint (result->n_problems, ==, 0);
  g_unlink (path);
}

/* One line of 1 GB: refused at once with its line, not buffered whole. */
static void
test_gigabyte_line (void)
{
  g_autofree char *path = g_build_filename (test_dir, "one-line.csv", NULL);
  g_autofree char *block = g_malloc (1024 * 1024);
  FILE *out = fopen (path, "w");

  g_assert_nonnull (out);
  memset (block, 'x', 1024 * 1024);
  fputs ("name,text\nlong,", out);
  for (guint i = 0; i < 1024; i++)
    g_assert_cmpuint (fwrite (block, 1, 1024 * 1024, out), ==, 1024 * 1024);
  fputs ("\nshort,y\n", out);
  g_assert_cmpint (fclose (out), ==, 0);
  assert_read_fails (path, ATLAS_CSV_ERROR_NOT_A_TABLE, 2, 1, "longer than 256 MB");
  g_unlink (path);
}

/* The file is changed by another program while it is read, the moment
 * the reader reports its first progress: cut short, the read says so
 * (with no crash from the mapping); grown, it reads what was there. */
typedef struct
{
  const char *path;
  gboolean cut; /* else append */
  gboolean changed;
} ChangeWhileReading;

static void
change_on_first_progress (guint64  done,
                          guint64  total,
                          gpointer data)
{
  ChangeWhileReading *change = data;

  if (change->changed || done == 0 || done >= total)
    return;
  change->changed = TRUE;
  if (change->cut)
    g_assert_cmpint (truncate (change->path, 64), ==, 0);
  else
    {
      FILE *out = fopen (change->path, "a");
      fputs ("9,9.5,9\n", out);
      fclose (out);
    }
}

static void
test_file_changed_while_read (void)
{
  const guint n = 3000000;
  g_autofree char *path = g_build_filename (test_dir, "changing.csv", NULL);

  for (int cut = 0; cut <= 1; cut++)
    {
      FILE *out = fopen (path, "w");
      ChangeWhileReading change = { path, cut, FALSE };
      g_autoptr (GError) error = NULL;
      g_autoptr (AtlasCsvResult) result = NULL;

      fputs ("a,b,c\n", out);
      for (guint r = 0; r < n; r++)
        fprintf (out, "%u,%u.5,%u\n", r, r % 97, r % 13);
      fclose (out);
      result = atlas_csv_read_file (path, NULL, change_on_first_progress, &change, NULL, &error);
      g_assert_true (change.changed);
      if (cut)
        {
          g_assert_null (result);
          g_assert_error (error, ATLAS_CSV_ERROR, ATLAS_CSV_ERROR_CHANGED);
          g_assert_true (g_str_has_suffix (error->message, "open it again once it is written"));
        }
      else
        {
          g_assert_no_error (error);
          g_assert_cmpuint (atlas_table_get_n_rows (result->table), ==, n);
          g_assert_cmpfloat (atlas_column_get_number (atlas_table_get_column (result->table, 0), n - 1), ==, n - 1);
        }
    }
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  test_dir = g_dir_make_tmp ("atlas-hostile-XXXXXX", NULL);
  g_test_add_func ("/hostile/zero-bytes-header-only-and-folders", test_zero_bytes_header_only_and_folders);
  g_test_add_func ("/hostile/fifo", test_fifo);
  g_test_add_func ("/hostile/binary-and-nul-bytes", test_binary_and_nul_bytes);
  g_test_add_func ("/hostile/quotes", test_quotes);
  g_test_add_func ("/hostile/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/hostile/mixed-line-endings", test_mixed_line_endings);
  g_test_add_func ("/hostile/number-limits", test_number_limits);
  g_test_add_func ("/hostile/nan-and-infinity", test_nan_and_infinity);
  g_test_add_func ("/hostile/hundred-thousand-columns", test_hundred_thousand_columns);
  g_test_add_func ("/hostile/ten-million-rows", test_ten_million_rows);
  g_test_add_func ("/hostile/gigabyte-line", test_gigabyte_line);
  g_test_add_func ("/hostile/file-changed-while-read", test_file_changed_while_read);
  status = g_test_run ();
  status |= !test_remove_dir (test_dir);
  return status;
}
