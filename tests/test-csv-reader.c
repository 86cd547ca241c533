/* test-csv-reader.c: whole files through the reader: dialects, types, encodings, problems, errors, threads. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atlas-csv-private.h"
#include "atlas-table.h"
#include "csv-result-text.h"

static char *test_dir;

static char *
write_fixture (const char *name,
               const char *bytes,
               gssize      len)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (test_dir, name, NULL);

  g_file_set_contents (path, bytes, len, &error);
  g_assert_no_error (error);
  return path;
}

static AtlasCsvResult *
read_with_options (const char            *path,
                   const AtlasCsvOptions *options)
{
  g_autoptr (GError) error = NULL;
  AtlasCsvResult *result = atlas_csv_read_file (path, options, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static AtlasCsvResult *
read_with_threads (const char *path,
                   guint       n_threads)
{
  AtlasCsvOptions options = { .n_threads = n_threads };

  return read_with_options (path, &options);
}

static AtlasCsvResult *
read_text (const char *name,
           const char *text)
{
  g_autofree char *path = write_fixture (name, text, -1);
  return read_with_threads (path, 0);
}

static const AtlasColumn *
column (const AtlasCsvResult *result,
        guint                 index)
{
  return atlas_table_get_column (result->table, index);
}

static void
assert_column (const AtlasCsvResult *result,
               guint                 index,
               const char           *name,
               AtlasColumnType       type,
               gsize                 missing)
{
  const AtlasColumn *c = column (result, index);

  g_assert_cmpstr (atlas_column_get_name (c), ==, name);
  g_assert_cmpstr (atlas_column_type_to_string (atlas_column_get_column_type (c)), ==,
                   atlas_column_type_to_string (type));
  g_assert_cmpuint (atlas_column_get_n_missing (c), ==, missing);
}

static void
assert_numbers (const AtlasCsvResult *result,
                guint                 index,
                const double         *expected,
                gsize                 n)
{
  const AtlasColumn *c = column (result, index);

  g_assert_cmpuint (atlas_table_get_n_rows (result->table), ==, n);
  for (gsize row = 0; row < n; row++)
    {
      double value = atlas_column_get_number (c, row);
      if (isnan (expected[row]))
        g_assert_true (isnan (value));
      else
        g_assert_cmpfloat (value, ==, expected[row]);
    }
}

static const AtlasCsvProblem *
problem (const AtlasCsvResult *result,
         guint                 index)
{
  g_assert_cmpuint (index, <, result->problems->len);
  return g_ptr_array_index (result->problems, index);
}

static double
date_seconds (const char *iso)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_iso8601 (iso, g_time_zone_new_utc ());
  g_assert_nonnull (dt);
  return (double) g_date_time_to_unix (dt);
}

static void
assert_tables_equal (const AtlasCsvResult *a,
                     const AtlasCsvResult *b)
{
  gsize n_rows = atlas_table_get_n_rows (a->table);

  g_assert_cmpuint (n_rows, ==, atlas_table_get_n_rows (b->table));
  g_assert_cmpuint (atlas_table_get_n_columns (a->table), ==, atlas_table_get_n_columns (b->table));
  g_assert_cmpuint (a->n_problems, ==, b->n_problems);
  for (guint col = 0; col < atlas_table_get_n_columns (a->table); col++)
    {
      const AtlasColumn *ca = column (a, col);
      const AtlasColumn *cb = column (b, col);

      g_assert_cmpstr (atlas_column_get_name (ca), ==, atlas_column_get_name (cb));
      g_assert_cmpint (atlas_column_get_column_type (ca), ==, atlas_column_get_column_type (cb));
      g_assert_cmpuint (atlas_column_get_n_missing (ca), ==, atlas_column_get_n_missing (cb));
      for (gsize row = 0; row < n_rows; row++)
        {
          if (atlas_column_get_column_type (ca) == ATLAS_COLUMN_TEXT)
            g_assert_cmpstr (atlas_column_get_text (ca, row), ==, atlas_column_get_text (cb, row));
          else if (!atlas_column_is_missing (ca, row))
            g_assert_cmpfloat (atlas_column_get_number (ca, row), ==, atlas_column_get_number (cb, row));
          else
            g_assert_true (atlas_column_is_missing (cb, row));
        }
    }
  for (guint i = 0; i < a->problems->len; i++)
    {
      g_assert_cmpuint (problem (a, i)->line, ==, problem (b, i)->line);
      g_assert_cmpstr (problem (a, i)->message, ==, problem (b, i)->message);
    }
}

/* Reading again with every dialect field forced to what a read reported
 * gives the same table: what an import dialog shows as detected is what
 * loads. */
static void
assert_dialect_round_trips (const char           *path,
                            const AtlasCsvResult *detected)
{
  const AtlasCsvDialect *d = &detected->dialect;
  AtlasCsvOptions options = {
    .force_encoding = TRUE,
    .encoding = d->encoding,
    .delimiter = d->delimiter,
    .quote = d->quote,
    .header = d->header ? ATLAS_CSV_HEADER_FIRST_ROW : ATLAS_CSV_HEADER_NONE,
    .force_skip_lines = TRUE,
    .skip_lines = d->skipped_lines,
    .decimal_mark = d->decimal_mark,
    .force_thousands_sep = TRUE,
    .thousands_sep = d->thousands_sep,
    .date_order = d->date_order,
  };
  g_autoptr (AtlasCsvResult) forced = read_with_options (path, &options);

  assert_tables_equal (detected, forced);
  g_assert_cmpint (forced->dialect.encoding, ==, d->encoding);
  g_assert_cmpint (forced->dialect.has_bom, ==, d->has_bom);
  g_assert_cmpint (forced->dialect.delimiter, ==, d->delimiter);
  g_assert_cmpint (forced->dialect.quote, ==, d->quote);
  g_assert_cmpint (forced->dialect.decimal_mark, ==, d->decimal_mark);
  g_assert_cmpint (forced->dialect.thousands_sep, ==, d->thousands_sep);
  g_assert_cmpint (forced->dialect.header, ==, d->header);
  g_assert_cmpuint (forced->dialect.skipped_lines, ==, d->skipped_lines);
  g_assert_cmpint (forced->dialect.date_order, ==, d->date_order);
}

static void
test_basic (void)
{
  g_autoptr (AtlasCsvResult) r = read_text ("basic.csv",
                                            "year,imports (USD bn),share,company\n"
                                            "2017,260.14,12.5%,SMIC\n"
                                            "2018,312.1,NA,Hua Hong\n"
                                            "2019,305.55,15%,SMIC\n");
  static const double imports[] = { 260.14, 312.1, 305.55 };
  static const double share[] = { 12.5, NAN, 15 };

  g_assert_cmpint (r->dialect.delimiter, ==, ',');
  g_assert_cmpint (r->dialect.quote, ==, '"');
  g_assert_cmpint (r->dialect.decimal_mark, ==, '.');
  g_assert_true (r->dialect.header);
  g_assert_cmpuint (r->dialect.skipped_lines, ==, 0);
  g_assert_cmpint (r->dialect.line_ending, ==, ATLAS_LINE_ENDING_LF);
  g_assert_cmpuint (atlas_table_get_n_columns (r->table), ==, 4);
  assert_column (r, 0, "year", ATLAS_COLUMN_DATE, 0);
  g_assert_cmpint (atlas_column_get_date_unit (column (r, 0)), ==, ATLAS_DATE_UNIT_YEAR);
  g_assert_cmpfloat (atlas_column_get_number (column (r, 0), 1), ==, date_seconds ("2018-01-01T00:00:00Z"));
  assert_column (r, 1, "imports (USD bn)", ATLAS_COLUMN_NUMBER, 0);
  g_assert_cmpstr (atlas_column_get_unit (column (r, 1)), ==, "USD bn");
  assert_numbers (r, 1, imports, 3);
  assert_column (r, 2, "share", ATLAS_COLUMN_NUMBER, 1);
  g_assert_cmpstr (atlas_column_get_unit (column (r, 2)), ==, "%");
  assert_numbers (r, 2, share, 3);
  assert_column (r, 3, "company", ATLAS_COLUMN_TEXT, 0);
  g_assert_cmpstr (atlas_column_get_text (column (r, 3), 1), ==, "Hua Hong");
  /* Interned: equal strings share storage. */
  g_assert_true (atlas_column_get_text (column (r, 3), 0) == atlas_column_get_text (column (r, 3), 2));
  g_assert_cmpuint (r->n_problems, ==, 0);
}

static void
test_semicolon_decimal_comma (void)
{
  g_autoptr (AtlasCsvResult) r = read_text ("semicolon.csv",
                                            "Region;Kapazität;Anteil\n"
                                            "China;1.234,5;18,7\n"
                                            "Taiwan;2.001,25;21,3\n"
                                            "Korea;987,5;19\n");
  static const double capacity[] = { 1234.5, 2001.25, 987.5 };
  static const double share[] = { 18.7, 21.3, 19 };

  g_assert_cmpint (r->dialect.delimiter, ==, ';');
  g_assert_cmpint (r->dialect.decimal_mark, ==, ',');
  g_assert_cmpint (r->dialect.thousands_sep, ==, '.');
  assert_column (r, 0, "Region", ATLAS_COLUMN_TEXT, 0);
  assert_column (r, 1, "Kapazität", ATLAS_COLUMN_NUMBER, 0);
  assert_numbers (r, 1, capacity, 3);
  assert_numbers (r, 2, share, 3);
}

static void
test_other_delimiters (void)
{
  g_autoptr (AtlasCsvResult) tab = read_text ("tab.tsv", "a\tb\tc\n1\t2\t3\n4\t5\t6\n");
  g_autoptr (AtlasCsvResult) pipe = read_text ("pipe.csv", "a|b\nx, y|2\nz, w|3\n");
  static const double b[] = { 2, 3 };

  g_assert_cmpint (tab->dialect.delimiter, ==, '\t');
  g_assert_cmpuint (atlas_table_get_n_columns (tab->table), ==, 3);
  g_assert_cmpint (pipe->dialect.delimiter, ==, '|');
  g_assert_cmpstr (atlas_column_get_text (column (pipe, 0), 0), ==, "x, y");
  assert_numbers (pipe, 1, b, 2);
}

static void
test_quotes (void)
{
  g_autoptr (AtlasCsvResult) r = read_text ("quotes.csv",
                                            "name,note,value\n"
                                            "\"SMIC, Shanghai\",\"said \"\"7nm\"\"\",1\n"
                                            "\"YMTC\",\"line one\nline two\",2\n"
                                            "CXMT,plain,oops\n");
  g_autoptr (AtlasCsvResult) single = read_text ("single-quotes.csv",
                                                 "'name','value'\n'a, b',1\n'c',2\n");

  g_assert_cmpstr (atlas_column_get_text (column (r, 0), 0), ==, "SMIC, Shanghai");
  g_assert_cmpstr (atlas_column_get_text (column (r, 1), 0), ==, "said \"7nm\"");
  g_assert_cmpstr (atlas_column_get_text (column (r, 1), 1), ==, "line one\nline two");
  /* The quoted newline shifts the physical line of the bad cell to 5. */
  assert_column (r, 2, "value", ATLAS_COLUMN_NUMBER, 1);
  g_assert_cmpuint (r->n_problems, ==, 1);
  g_assert_cmpuint (problem (r, 0)->line, ==, 5);
  g_assert_cmpuint (problem (r, 0)->column, ==, 3);
  g_assert_nonnull (strstr (problem (r, 0)->message, "oops"));

  g_assert_cmpint (single->dialect.quote, ==, '\'');
  g_assert_cmpstr (atlas_column_get_text (column (single, 0), 0), ==, "a, b");
}

static void
test_excel_sep_line (void)
{
  g_autofree char *path = write_fixture ("sep.csv", "sep=;\na;b\n1,5;2\n3;4\n", -1);
  g_autoptr (AtlasCsvResult) r = read_with_options (path, NULL);
  AtlasCsvOptions keep_sep_line = { .force_skip_lines = TRUE, .skip_lines = 0 };
  g_autoptr (AtlasCsvResult) with_sep_line = read_with_options (path, &keep_sep_line);
  static const double a[] = { 1.5, 3 };

  g_assert_true (r->dialect.excel_sep_line);
  g_assert_cmpint (r->dialect.delimiter, ==, ';');
  g_assert_cmpuint (r->dialect.skipped_lines, ==, 1);
  assert_column (r, 0, "a", ATLAS_COLUMN_NUMBER, 0);
  assert_numbers (r, 0, a, 2);
  assert_dialect_round_trips (path, r);

  /* Told to skip nothing, the "sep=" line is the header. */
  g_assert_true (with_sep_line->dialect.excel_sep_line);
  g_assert_cmpuint (with_sep_line->dialect.skipped_lines, ==, 0);
  g_assert_cmpuint (atlas_table_get_n_rows (with_sep_line->table), ==, 3);
}

static void
test_line_endings (void)
{
  g_autoptr (AtlasCsvResult) crlf = read_text ("crlf.csv", "a,b\r\n1,x\r\n2,y\r\n");
  g_autoptr (AtlasCsvResult) cr = read_text ("cr.csv", "a,b\r1,x\r2,y\r");
  g_autoptr (AtlasCsvResult) no_final = read_text ("no-final.csv", "a,b\n1,x\n2,y");
  static const double a[] = { 1, 2 };

  g_assert_cmpint (crlf->dialect.line_ending, ==, ATLAS_LINE_ENDING_CRLF);
  g_assert_cmpstr (atlas_column_get_text (column (crlf, 1), 1), ==, "y");
  assert_numbers (crlf, 0, a, 2);
  g_assert_cmpint (cr->dialect.line_ending, ==, ATLAS_LINE_ENDING_CR);
  g_assert_cmpstr (atlas_column_get_text (column (cr, 1), 1), ==, "y");
  assert_numbers (cr, 0, a, 2);
  assert_numbers (no_final, 0, a, 2);
}

/* Found by fuzzing: a stray CR ends a row inside a line, and the row
 * after it, on the file's unterminated last line, still counts. */
static void
test_stray_carriage_return (void)
{
  g_autoptr (AtlasCsvResult) r = read_text ("stray-cr.csv", "a,b\n1,2\n3,4\r,6");
  static const double a[] = { 1, 3, NAN };
  static const double b[] = { 2, 4, 6 };

  assert_numbers (r, 0, a, 3);
  assert_numbers (r, 1, b, 3);
  assert_column (r, 0, "a", ATLAS_COLUMN_NUMBER, 1);
}

static void
test_title_lines (void)
{
  g_autoptr (AtlasCsvResult) r = read_text ("titles.csv",
                                            "China IC output, 2017-2019\n"
                                            "Source: NBS\n"
                                            "\n"
                                            "year,output,growth\n"
                                            "2017,1565,18.2\n"
                                            "2018,1739,11.2\n"
                                            "\n"
                                            "2019,2018,7.2\n"
                                            "2020,x,16.2\n");

  g_assert_cmpuint (r->dialect.skipped_lines, ==, 3);
  g_assert_true (r->dialect.header);
  g_assert_cmpuint (atlas_table_get_n_rows (r->table), ==, 4);
  assert_column (r, 0, "year", ATLAS_COLUMN_DATE, 0);
  assert_column (r, 1, "output", ATLAS_COLUMN_NUMBER, 1);
  /* Line numbers count the title lines and the blank line inside the table. */
  g_assert_cmpuint (problem (r, 0)->line, ==, 9);
  g_assert_cmpuint (problem (r, 0)->column, ==, 2);
}

static void
test_header_detection (void)
{
  g_autoptr (AtlasCsvResult) none = read_text ("no-header.csv", "1.5,2\n2.5,3\n3.5,4\n");
  g_autoptr (AtlasCsvResult) names = read_text ("names.csv", "value,,value, \n1,2,3,4\n5,6,7,8\n");
  g_autoptr (AtlasCsvResult) text_only = read_text ("text-only.csv", "city,country\nParis,France\nLyon,France\n");
  static const double first[] = { 1.5, 2.5, 3.5 };

  g_assert_false (none->dialect.header);
  assert_column (none, 0, "Column 1", ATLAS_COLUMN_NUMBER, 0);
  assert_column (none, 1, "Column 2", ATLAS_COLUMN_NUMBER, 0);
  assert_numbers (none, 0, first, 3);

  g_assert_true (names->dialect.header);
  assert_column (names, 0, "value", ATLAS_COLUMN_NUMBER, 0);
  assert_column (names, 1, "Column 2", ATLAS_COLUMN_NUMBER, 0);
  assert_column (names, 2, "value (2)", ATLAS_COLUMN_NUMBER, 0);
  assert_column (names, 3, "Column 4", ATLAS_COLUMN_NUMBER, 0);
  g_assert_null (atlas_column_get_unit (column (names, 2)));

  g_assert_true (text_only->dialect.header);
  g_assert_cmpuint (atlas_table_get_n_rows (text_only->table), ==, 2);
}

static void
test_number_forms (void)
{
  g_autoptr (AtlasCsvResult) r = read_text ("forms.csv",
                                            "label,money,accounting,sci,pct\n"
                                            "a,\"$1,234.50\",\"(1,000)\",1.5e3,5%\n"
                                            "b,$12,250,-2E-2,\"12.5 %\"\n"
                                            "c,\"$1,000,000\",(3.5),7,100%\n");
  static const double money[] = { 1234.5, 12, 1000000 };
  static const double accounting[] = { -1000, 250, -3.5 };
  static const double sci[] = { 1500, -0.02, 7 };
  static const double pct[] = { 5, 12.5, 100 };

  assert_numbers (r, 1, money, 3);
  g_assert_cmpstr (atlas_column_get_unit (column (r, 1)), ==, "$");
  assert_numbers (r, 2, accounting, 3);
  assert_numbers (r, 3, sci, 3);
  assert_numbers (r, 4, pct, 3);
  g_assert_cmpstr (atlas_column_get_unit (column (r, 4)), ==, "%");
}

static void
test_dates (void)
{
  g_autoptr (AtlasCsvResult) r = read_text ("dates.csv",
                                            "iso,stamp,month,quarter,dmy,mdy\n"
                                            "2024-01-31,2024-01-31T08:00:00Z,2024-01,2024-Q1,31/01/2024,01/31/2024\n"
                                            "2024-02-29,2024-02-29T12:30:00+08:00,2024-02,2024-Q2,05/02/2024,02/05/2024\n"
                                            "2024-03-01,2024-03-01,2024-03,2024-Q3,01/03/2024,03/01/2024\n");
  static const AtlasDateUnit units[] = {
    ATLAS_DATE_UNIT_DAY, ATLAS_DATE_UNIT_SECOND, ATLAS_DATE_UNIT_MONTH,
    ATLAS_DATE_UNIT_QUARTER, ATLAS_DATE_UNIT_DAY, ATLAS_DATE_UNIT_DAY,
  };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      g_assert_cmpint (atlas_column_get_column_type (column (r, i)), ==, ATLAS_COLUMN_DATE);
      g_assert_cmpint (atlas_column_get_date_unit (column (r, i)), ==, units[i]);
    }
  g_assert_cmpfloat (atlas_column_get_number (column (r, 0), 1), ==, date_seconds ("2024-02-29T00:00:00Z"));
  g_assert_cmpfloat (atlas_column_get_number (column (r, 1), 1), ==, date_seconds ("2024-02-29T04:30:00Z"));
  g_assert_cmpfloat (atlas_column_get_number (column (r, 3), 1), ==, date_seconds ("2024-04-01T00:00:00Z"));
  /* 31/01 can only be day first; 01/31 only month first: each column is read its own way. */
  g_assert_cmpfloat (atlas_column_get_number (column (r, 4), 1), ==, date_seconds ("2024-02-05T00:00:00Z"));
  g_assert_cmpfloat (atlas_column_get_number (column (r, 5), 1), ==, date_seconds ("2024-02-05T00:00:00Z"));
  /* Columns of both orders: no one order to report, and detection reads them again. */
  g_assert_cmpint (r->dialect.date_order, ==, ATLAS_DATE_ORDER_DETECT);
}

static void
test_majority_and_missing (void)
{
  GString *text = g_string_new ("id,mostly_numbers,mostly_text,gaps\n");
  g_autoptr (AtlasCsvResult) r = NULL;
  static const char *const gap_spellings[] = { "", "NA", "N/A", "NaN", "null", "-", "\xe2\x80\x94", ".." };

  for (guint i = 0; i < 24; i++)
    g_string_append_printf (text, "%u,%s,%s,%s\n", i, i == 7 ? "n.v." : "3.5", i % 6 == 0 ? "4" : "label",
                            i < G_N_ELEMENTS (gap_spellings) ? gap_spellings[i] : "0");
  r = read_text ("majority.csv", text->str);
  g_string_free (text, TRUE);

  assert_column (r, 1, "mostly_numbers", ATLAS_COLUMN_NUMBER, 1);
  g_assert_cmpuint (atlas_column_get_n_invalid (column (r, 1)), ==, 1);
  g_assert_true (isnan (atlas_column_get_number (column (r, 1), 7)));
  assert_column (r, 2, "mostly_text", ATLAS_COLUMN_TEXT, 0);
  g_assert_cmpstr (atlas_column_get_text (column (r, 2), 0), ==, "4");
  /* Missing spellings stay missing, never 0; the real zeros stay 0. */
  assert_column (r, 3, "gaps", ATLAS_COLUMN_NUMBER, 8);
  g_assert_cmpuint (atlas_column_get_n_invalid (column (r, 3)), ==, 0);
  g_assert_cmpfloat (atlas_column_get_number (column (r, 3), 8), ==, 0);
  g_assert_cmpuint (r->n_problems, ==, 1);
  g_assert_cmpuint (problem (r, 0)->line, ==, 9);
  g_assert_cmpuint (problem (r, 0)->column, ==, 2);
}

static void
test_retype_after_sample (void)
{
  GString *text = g_string_new ("n,code\n");
  g_autoptr (AtlasCsvResult) r = NULL;

  /* The head sample sees numbers; the rest of the file is mostly text. */
  for (guint i = 0; i < 1500; i++)
    g_string_append_printf (text, "%u,%u\n", i, i);
  for (guint i = 0; i < 6000; i++)
    g_string_append_printf (text, "%u,X-%u\n", i, i);
  r = read_text ("retype.csv", text->str);
  g_string_free (text, TRUE);

  assert_column (r, 1, "code", ATLAS_COLUMN_TEXT, 0);
  g_assert_cmpstr (atlas_column_get_text (column (r, 1), 3), ==, "3");
  g_assert_cmpstr (atlas_column_get_text (column (r, 1), 7499), ==, "X-5999");
  g_assert_cmpuint (r->n_problems, ==, 0);
}

static void
test_ragged_rows (void)
{
  g_autoptr (AtlasCsvResult) r = read_text ("ragged.csv", "a,b,c\n1,2,3\n4,5\n\n6,7,8,9\n10,11,12\n");
  static const double c[] = { 3, NAN, 8, 12 };

  g_assert_cmpuint (atlas_table_get_n_rows (r->table), ==, 4);
  assert_numbers (r, 2, c, 4);
  assert_column (r, 2, "c", ATLAS_COLUMN_NUMBER, 1);
  g_assert_cmpuint (r->n_problems, ==, 2);
  g_assert_cmpuint (problem (r, 0)->line, ==, 3);
  g_assert_cmpuint (problem (r, 0)->column, ==, 3);
  g_assert_nonnull (strstr (problem (r, 0)->message, "2 fields where the header has 3"));
  g_assert_cmpuint (problem (r, 1)->line, ==, 5);
  g_assert_cmpuint (problem (r, 1)->column, ==, 4);
  g_assert_nonnull (strstr (problem (r, 1)->message, "extra fields are ignored"));
}

static void
assert_same_as_utf8 (const char *name,
                     const char *charset,
                     gboolean    with_bom,
                     AtlasTextEncoding expected)
{
  static const char utf8[] = "省份,产能 (万片/月),备注\n上海,12.5,中芯国际\n北京,7,“北方”\n";
  g_autoptr (GError) error = NULL;
  gsize len;
  g_autofree char *encoded = g_convert (utf8, -1, charset, "UTF-8", NULL, &len, &error);
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  g_autofree char *path = NULL;
  g_autoptr (AtlasCsvResult) r = NULL;

  g_assert_no_error (error);
  if (with_bom)
    {
      g_autofree char *bom = g_convert ("\xef\xbb\xbf", -1, charset, "UTF-8", NULL, NULL, NULL);
      /* UTF-16's mark holds a zero byte; the others' (UTF-8's three bytes,
       * GB18030's four) none. */
      g_byte_array_append (bytes, (const guint8 *) bom, g_str_has_prefix (charset, "UTF-16") ? 2 : strlen (bom));
    }
  g_byte_array_append (bytes, (const guint8 *) encoded, len);
  path = write_fixture (name, (const char *) bytes->data, bytes->len);
  r = read_with_threads (path, 0);

  g_assert_cmpint (r->dialect.encoding, ==, expected);
  g_assert_cmpint (r->dialect.has_bom, ==, with_bom);
  assert_column (r, 0, "省份", ATLAS_COLUMN_TEXT, 0);
  assert_column (r, 1, "产能 (万片/月)", ATLAS_COLUMN_NUMBER, 0);
  g_assert_cmpstr (atlas_column_get_unit (column (r, 1)), ==, "万片/月");
  g_assert_cmpfloat (atlas_column_get_number (column (r, 1), 0), ==, 12.5);
  g_assert_cmpstr (atlas_column_get_text (column (r, 0), 1), ==, "北京");
  g_assert_cmpstr (atlas_column_get_text (column (r, 2), 1), ==, "“北方”");
}

static void
test_encodings (void)
{
  assert_same_as_utf8 ("utf8.csv", "UTF-8", FALSE, ATLAS_TEXT_ENCODING_UTF8);
  assert_same_as_utf8 ("utf8-bom.csv", "UTF-8", TRUE, ATLAS_TEXT_ENCODING_UTF8);
  assert_same_as_utf8 ("utf16le.csv", "UTF-16LE", TRUE, ATLAS_TEXT_ENCODING_UTF16LE);
  assert_same_as_utf8 ("utf16be.csv", "UTF-16BE", TRUE, ATLAS_TEXT_ENCODING_UTF16BE);
  assert_same_as_utf8 ("gb18030.csv", "GB18030", FALSE, ATLAS_TEXT_ENCODING_GB18030);
  /* GB18030's own mark, 84 31 95 33: read as the mark, not as „1•3. */
  assert_same_as_utf8 ("gb18030-bom.csv", "GB18030", TRUE, ATLAS_TEXT_ENCODING_GB18030);
}

static void
test_windows_1252 (void)
{
  static const char utf8[] = "Société;Chiffre d’affaires (€)\nSTMicro;1.234,5\nSoitec;987,25\n";
  g_autofree char *encoded = g_convert (utf8, -1, "WINDOWS-1252", "UTF-8", NULL, NULL, NULL);
  g_autofree char *path = write_fixture ("cp1252.csv", encoded, -1);
  g_autoptr (AtlasCsvResult) r = read_with_threads (path, 0);
  static const double revenue[] = { 1234.5, 987.25 };

  g_assert_cmpint (r->dialect.encoding, ==, ATLAS_TEXT_ENCODING_WINDOWS_1252);
  assert_column (r, 0, "Société", ATLAS_COLUMN_TEXT, 0);
  assert_column (r, 1, "Chiffre d’affaires (€)", ATLAS_COLUMN_NUMBER, 0);
  assert_numbers (r, 1, revenue, 2);
}

static void
test_invalid_utf8_late (void)
{
  GString *text = g_string_new ("name,value\n");
  g_autoptr (AtlasCsvResult) r = NULL;
  g_autofree char *path = NULL;
  gsize rows = 0;

  /* Past the encoding sample, one cell holds a stray Latin-1 byte. */
  while (text->len < (1 << 20) + 4096)
    g_string_append_printf (text, "plain text %zu,%zu\n", rows, rows), rows++;
  g_string_append (text, "caf\xe9,1\n");
  path = write_fixture ("late-invalid.csv", text->str, text->len);
  g_string_free (text, TRUE);
  r = read_with_threads (path, 0);

  g_assert_cmpint (r->dialect.encoding, ==, ATLAS_TEXT_ENCODING_UTF8);
  g_assert_cmpstr (atlas_column_get_text (column (r, 0), rows), ==, "caf\xef\xbf\xbd");
  g_assert_cmpuint (r->n_problems, ==, 1);
  g_assert_cmpuint (problem (r, 0)->line, ==, rows + 2);
  g_assert_cmpuint (problem (r, 0)->column, ==, 1);
}

/* expected is what follows "PATH:" in the message: "LINE:COLUMN: words". */
static void
assert_read_error (const char   *path,
                   AtlasCsvError code,
                   const char   *expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AtlasCsvResult) r = atlas_csv_read_file (path, NULL, NULL, NULL, NULL, &error);
  g_autofree char *prefix = g_strdup_printf ("%s:%s", path, expected);

  g_assert_null (r);
  g_assert_error (error, ATLAS_CSV_ERROR, (gint) code);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("“%s” does not start with “%s”", error->message, prefix);
}

static void
test_errors (void)
{
  g_autofree char *missing = g_build_filename (test_dir, "nope.csv", NULL);
  g_autofree char *empty = write_fixture ("empty.csv", "", 0);
  g_autofree char *blank = write_fixture ("blank.csv", "\n\n  \n", -1);
  g_autofree char *binary = write_fixture ("binary.csv", "a,b\n1,2\n\x89PNG\0\0\0", 15);
  g_autofree char *unterminated = write_fixture ("unterminated.csv", "a,b\n1,2\n3,\"open\n4,5\n", -1);
  const struct
  {
    const char *path;
    AtlasCsvError code;
    const char *expected;
  } cases[] = {
    { missing, ATLAS_CSV_ERROR_NOT_FOUND, "1:1: no such file" },
    { test_dir, ATLAS_CSV_ERROR_NOT_A_FILE, "1:1: this is a folder" },
    { empty, ATLAS_CSV_ERROR_EMPTY, "1:1: the file is empty" },
    { blank, ATLAS_CSV_ERROR_EMPTY, "1:1: the file holds only blank lines" },
    { binary, ATLAS_CSV_ERROR_BINARY, "3:5: this is a binary file" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_read_error (cases[i].path, cases[i].code, cases[i].expected);

  /* A stray quote opening a field: read again with no quote character,
   * the quote the first problem, where it is. A quote the person chose is
   * kept, and the error says where it opened. */
  {
    g_autoptr (AtlasCsvResult) r = read_with_threads (unterminated, 0);
    AtlasCsvOptions quoted = { .quote = '"' };
    g_autoptr (AtlasCsvResult) forced = NULL;
    g_autoptr (GError) error = NULL;

    g_assert_nonnull (r);
    g_assert_cmpint (r->dialect.quote, ==, '\0');
    g_assert_cmpuint (atlas_table_get_n_rows (r->table), ==, 3);
    g_assert_cmpuint (problem (r, 0)->line, ==, 3);
    g_assert_cmpuint (problem (r, 0)->column, ==, 2);
    g_assert_true (g_str_has_prefix (problem (r, 0)->message, "a quote opened here is never closed"));
    g_assert_nonnull (strstr (problem (r, 1)->message, "“\"open”"));
    forced = atlas_csv_read_file (unterminated, &quoted, NULL, NULL, NULL, &error);
    g_assert_null (forced);
    g_assert_error (error, ATLAS_CSV_ERROR, ATLAS_CSV_ERROR_UNTERMINATED_QUOTE);
    g_assert_nonnull (strstr (error->message, "3:2: a quoted field opened here is never closed"));
  }
}

static void
test_permission_denied (void)
{
  g_autofree char *path = write_fixture ("secret.csv", "a\n1\n", -1);

  g_chmod (path, 0);
  if (access (path, R_OK) == 0)
    {
      g_test_skip ("running with rights that read any file");
      return;
    }
  assert_read_error (path, ATLAS_CSV_ERROR_PERMISSION, "1:1: permission denied");
}

static void
test_header_only (void)
{
  g_autoptr (AtlasCsvResult) r = read_text ("header-only.csv", "year,value,name\n");

  g_assert_true (r->dialect.header);
  g_assert_cmpuint (atlas_table_get_n_rows (r->table), ==, 0);
  g_assert_cmpuint (atlas_table_get_n_columns (r->table), ==, 3);
  assert_column (r, 1, "value", ATLAS_COLUMN_TEXT, 0);
}

/* A file big enough to be split, with quoted cells and text. */
static char *
write_big_file (const char *name,
                gboolean    quoted_newlines)
{
  GString *text = g_string_new ("id,value,label,when\n");
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);
  char *path;

  for (guint i = 0; text->len < 6 * 1024 * 1024; i++)
    {
      double value = g_rand_double_range (rand, -1e6, 1e6);
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (number, sizeof number, "%.6f", value);
      if (quoted_newlines && i % 3 == 0)
        g_string_append_printf (text, "%u,%s,\"line\nbreak %u\",2024-01-%02u\n", i, number, i % 97, i % 28 + 1);
      else
        g_string_append_printf (text, "%u,%s,name %u,2024-01-%02u\n", i, i % 1000 == 5 ? "NA" : number, i % 97,
                                i % 28 + 1);
    }
  path = write_fixture (name, text->str, text->len);
  g_string_free (text, TRUE);
  return path;
}

static void
test_parallel_matches_single (void)
{
  g_autofree char *path = write_big_file ("big.csv", FALSE);
  g_autoptr (AtlasCsvResult) single = read_with_threads (path, 1);
  g_autoptr (AtlasCsvResult) parallel = read_with_threads (path, 4);

  g_assert_cmpuint (atlas_table_get_n_rows (single->table), >, 100000);
  /* Rows 5, 1005, 2005, ... hold "NA". */
  assert_column (single, 1, "value", ATLAS_COLUMN_NUMBER, (atlas_table_get_n_rows (single->table) + 994) / 1000);
  assert_column (single, 3, "when", ATLAS_COLUMN_DATE, 0);
  assert_tables_equal (single, parallel);
}

static void
test_parallel_quoted_newlines (void)
{
  g_autofree char *path = write_big_file ("big-quoted.csv", TRUE);
  g_autoptr (AtlasCsvResult) single = read_with_threads (path, 1);
  g_autoptr (AtlasCsvResult) parallel = read_with_threads (path, 4);

  g_assert_cmpstr (atlas_column_get_text (column (single, 2), 0), ==, "line\nbreak 0");
  assert_tables_equal (single, parallel);
}

/* A row of delimiters only is a blank line, above the table or in it, as
 * CSVW and fread read it: no row of missing values, no problem; a row of
 * missing values that says so ("NA") stays. */
static void
test_delimiter_rows_are_blank (void)
{
  g_autoptr (AtlasCsvResult) r = read_text ("delimiter-rows.csv",
                                            ",,,\n,,,\nname,value,when,note\nA,1,2024-01-05,x\n,,,\n"
                                            "B,2,2024-02-05,y\n,,\nNA,NA,NA,NA\nC,3,2024-03-05,z\n,,,,\n");

  g_assert_cmpuint (atlas_table_get_n_rows (r->table), ==, 4);
  g_assert_cmpuint (r->n_problems, ==, 0);
  assert_column (r, 0, "name", ATLAS_COLUMN_TEXT, 1);
  assert_column (r, 1, "value", ATLAS_COLUMN_NUMBER, 1);
  assert_column (r, 2, "when", ATLAS_COLUMN_DATE, 1);
  g_assert_cmpstr (atlas_column_get_text (column (r, 0), 1), ==, "B");
  g_assert_cmpstr (atlas_column_get_text (column (r, 0), 3), ==, "C");
  g_assert_cmpfloat (atlas_column_get_number (column (r, 1), 3), ==, 3);
}

/* Codes written with leading zeros keep them: the column is text, its
 * cells as written; "0", "0.5" and "10" beside them are still numbers. */
static void
test_zero_padded_codes_stay_text (void)
{
  g_autoptr (AtlasCsvResult) r = read_text ("zero-padded.csv",
                                            "code,postal,value\n01,02139,3\n002,10115,0.5\n00003,75001,0\n"
                                            "10,00100,-0.25\n");

  assert_column (r, 0, "code", ATLAS_COLUMN_TEXT, 0);
  assert_column (r, 1, "postal", ATLAS_COLUMN_TEXT, 0);
  assert_column (r, 2, "value", ATLAS_COLUMN_NUMBER, 0);
  g_assert_cmpstr (atlas_column_get_text (column (r, 0), 1), ==, "002");
  g_assert_cmpstr (atlas_column_get_text (column (r, 1), 3), ==, "00100");
  g_assert_cmpfloat (atlas_column_get_number (column (r, 2), 3), ==, -0.25);
}

/* In a comma-separated file the comma groups digits only inside quotes:
 * without such a cell, no thousands separator is reported; with one, it
 * is the comma, and the quoted number reads. */
static void
test_comma_files_group_only_in_quotes (void)
{
  g_autoptr (AtlasCsvResult) plain = read_text ("plain-commas.csv", "year,value\n2019,1\n2020,2.5\n");
  g_autoptr (AtlasCsvResult) grouped = read_text ("grouped-commas.csv", "name,value\nA,\"1,234.5\"\nB,2\nC,\"12,000\"\n");

  g_assert_cmpint (plain->dialect.thousands_sep, ==, '\0');
  g_assert_cmpint (plain->dialect.decimal_mark, ==, '.');
  g_assert_cmpint (grouped->dialect.thousands_sep, ==, ',');
  assert_column (grouped, 1, "value", ATLAS_COLUMN_NUMBER, 0);
  g_assert_cmpfloat (atlas_column_get_number (column (grouped, 1), 0), ==, 1234.5);
  g_assert_cmpfloat (atlas_column_get_number (column (grouped, 1), 2), ==, 12000);
}

/* Digits grouped as French and Swiss tables group them: with a space, a
 * no-break space (U+00A0) or a narrow one (U+202F) before a decimal
 * comma, with an apostrophe before a decimal point. */
static void
test_grouping_spaces_and_apostrophes (void)
{
  g_autoptr (AtlasCsvResult) french = read_text ("french-groups.csv",
                                                 "pays;montant\nFrance;1\xc2\xa0" "234,5\nSuisse;12\xe2\x80\xaf" "345,25\n"
                                                 "Italie;2 000,75\n");
  g_autoptr (AtlasCsvResult) swiss = read_text ("swiss-groups.csv", "land,betrag\nCH,1'234.5\nDE,12'345.25\nAT,2'000\n");

  g_assert_cmpint (french->dialect.decimal_mark, ==, ',');
  g_assert_cmpint (french->dialect.thousands_sep, ==, ' ');
  assert_column (french, 1, "montant", ATLAS_COLUMN_NUMBER, 0);
  g_assert_cmpfloat (atlas_column_get_number (column (french, 1), 0), ==, 1234.5);
  g_assert_cmpfloat (atlas_column_get_number (column (french, 1), 1), ==, 12345.25);
  g_assert_cmpfloat (atlas_column_get_number (column (french, 1), 2), ==, 2000.75);
  g_assert_cmpint (swiss->dialect.thousands_sep, ==, '\'');
  assert_column (swiss, 1, "betrag", ATLAS_COLUMN_NUMBER, 0);
  g_assert_cmpfloat (atlas_column_get_number (column (swiss, 1), 1), ==, 12345.25);
}

/* A table pasted together from two sources: one column with a decimal
 * comma among columns with a point, and the other way round. Each column
 * is read with its own mark and says so; a column whose cells read with
 * either mark ("1,234") follows the file's. */
static void
test_decimal_mark_per_column (void)
{
  g_autoptr (AtlasCsvResult) point_file = read_text ("mixed-marks.csv",
                                                     "name;share;price;count\nA;0.5;1,1;1,234\nB;0.75;0,25;2,000\n"
                                                     "C;1.5;1,53e4;3,500\nD;2;7;12\n");
  g_autoptr (AtlasCsvResult) comma_file = read_text ("mixed-marks-comma.csv",
                                                     "name;a;b;c\nA;0,5;1.5;2,5\nB;1,25;2.75;3,75\nC;3;0.125;1\n");
  static const double price[] = { 1.1, 0.25, 15300, 7 };
  static const double count[] = { 1234, 2000, 3500, 12 };
  static const double b[] = { 1.5, 2.75, 0.125 };
  static const double c[] = { 2.5, 3.75, 1 };

  g_assert_cmpint (point_file->dialect.decimal_mark, ==, '.');
  assert_column (point_file, 1, "share", ATLAS_COLUMN_NUMBER, 0);
  assert_column (point_file, 2, "price", ATLAS_COLUMN_NUMBER, 0);
  assert_numbers (point_file, 2, price, G_N_ELEMENTS (price));
  assert_numbers (point_file, 3, count, G_N_ELEMENTS (count));
  g_assert_cmpint (g_array_index (point_file->file_columns, AtlasCsvFileColumn, 0).decimal_mark, ==, '\0');
  g_assert_cmpint (g_array_index (point_file->file_columns, AtlasCsvFileColumn, 1).decimal_mark, ==, '.');
  g_assert_cmpint (g_array_index (point_file->file_columns, AtlasCsvFileColumn, 2).decimal_mark, ==, ',');
  g_assert_cmpint (g_array_index (point_file->file_columns, AtlasCsvFileColumn, 3).decimal_mark, ==, '.');
  g_assert_cmpuint (point_file->n_problems, ==, 0);

  g_assert_cmpint (comma_file->dialect.decimal_mark, ==, ',');
  assert_numbers (comma_file, 2, b, G_N_ELEMENTS (b));
  assert_numbers (comma_file, 3, c, G_N_ELEMENTS (c));
  g_assert_cmpint (g_array_index (comma_file->file_columns, AtlasCsvFileColumn, 2).decimal_mark, ==, '.');
  g_assert_cmpint (g_array_index (comma_file->file_columns, AtlasCsvFileColumn, 3).decimal_mark, ==, ',');
}

/* Lines without a quote mark are split without libcsv: each of these
 * files, one thread or two, reads to the same table, problems and raw
 * rows as with libcsv splitting every line. They hold what libcsv treats
 * specially: blanks around fields and a tab or space as delimiter, CR LF
 * and lone CRs, blank and blanks-only lines, empty last fields, quotes
 * mid-field or with no quote character, a CR as the delimiter (Excel's
 * "sep=" names any), and no final newline. (NUL bytes,
 * which libcsv takes for the quote when there is none, the reader refuses
 * before splitting; the differential fuzz harness feeds them.) */
static void
test_plain_lines_as_libcsv_splits_them (void)
{
  static const struct
  {
    const char *text;
    gboolean no_quote;
  } files[] = {
    { "a, b ,c\n 1 ,2,  3  \n4,5,\n\n   \n6,,7\n", FALSE },
    { "a\tb\tc\n1\t 2 \t3\n\t\t\n4\t5\t6", FALSE },
    { "a b c\n1  2 3\n 4 5 6 \n", FALSE },
    { "a,b\r\n1,2\r\n3,4\r5,6\r\n\r\n7,8\r\r\n", FALSE },
    { "a;b\rx;1\ry;2\n3\rz;4\r", FALSE },
    { "name,note\nx,\"one, two\"\ny,say \"hi\" now\nz,\"a\nb\",c\nw,5\n", FALSE },
    { "a,b\n1,\"q\" x\n 2 ,say \"hi\"\n", TRUE },
    { "sep=\r\nx\r\n1\r2\r\n3\n", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    for (guint n_threads = 1; n_threads <= 2; n_threads++)
      {
        g_autofree char *name = g_strdup_printf ("plain-lines-%u.csv", i);
        g_autofree char *path = write_fixture (name, files[i].text, -1);
        AtlasCsvOptions options = { .n_threads = n_threads, .keep_raw_rows = TRUE, .no_quote = files[i].no_quote };
        g_autoptr (AtlasCsvResult) split = read_with_options (path, &options);
        g_autoptr (AtlasCsvResult) by_libcsv = NULL;
        g_autoptr (GString) split_text = csv_result_to_text (split);
        g_autoptr (GString) libcsv_text = NULL;

        atlas_csv_split_plain_lines = FALSE;
        by_libcsv = read_with_options (path, &options);
        atlas_csv_split_plain_lines = TRUE;
        libcsv_text = csv_result_to_text (by_libcsv);
        g_assert_cmpmem (split_text->str, split_text->len, libcsv_text->str, libcsv_text->len);
        g_assert_cmpuint (atlas_table_get_n_rows (split->table), >, 0);
      }
}

/* Texts are stored once each, found by their bytes and length: 3,000
 * distinct ones (past the interner's first growths), prefixes of each
 * other ("item1", "item10", "item100") and longer than a word, each row
 * reading its own, equal ones sharing storage. */
static void
test_texts_stored_once (void)
{
  GString *text = g_string_new ("name,value\n");
  g_autofree char *path = NULL;
  g_autoptr (AtlasCsvResult) r = NULL;
  const AtlasColumn *names;

  for (guint i = 0; i < 9000; i++)
    g_string_append_printf (text, "%sitem%u,%u\n", i % 2 ? "a longer name than a word: " : "", i % 3000, i);
  path = write_fixture ("interned.csv", text->str, text->len);
  g_string_free (text, TRUE);
  r = read_with_threads (path, 1);
  names = column (r, 0);
  g_assert_cmpuint (atlas_table_get_n_rows (r->table), ==, 9000);
  for (guint i = 0; i < 9000; i++)
    {
      g_autofree char *expected = g_strdup_printf ("%sitem%u", i % 2 ? "a longer name than a word: " : "", i % 3000);
      g_assert_cmpstr (atlas_column_get_text (names, i), ==, expected);
      if (i >= 6000)
        g_assert_true (atlas_column_get_text (names, i) == atlas_column_get_text (names, i - 6000));
    }
}

/* A wide table as statistics offices publish it: title lines, a header
 * of years across, and a note under it. The header is found though its
 * cells read as numbers, and the note is said as one, not kept as a row;
 * a short row in the middle stays a row, with its problem. */
static void
test_years_across_and_a_note_under (void)
{
  g_autoptr (AtlasCsvResult) r = read_text ("years-across.csv",
                                            "Table 3. Wafer capacity by province\nUnit: thousand wafers a month\n"
                                            "province,2021,2022,2023\nShanghai,120,135,150\nBeijing\nJiangsu,60,70,82\n"
                                            "Guangdong,40,48,60\nHubei,30,35,41\nAnhui,12,20,26\n"
                                            "Note: figures are estimates.\nSource: a survey\n");

  g_assert_true (r->dialect.header);
  g_assert_cmpuint (atlas_table_get_n_rows (r->table), ==, 6);
  assert_column (r, 0, "province", ATLAS_COLUMN_TEXT, 0);
  assert_column (r, 1, "2021", ATLAS_COLUMN_NUMBER, 1);
  assert_column (r, 3, "2023", ATLAS_COLUMN_NUMBER, 1);
  g_assert_cmpstr (atlas_column_get_text (column (r, 0), 1), ==, "Beijing");
  g_assert_cmpuint (r->n_problems, ==, 3);
  g_assert_cmpuint (problem (r, 0)->row, ==, 1);
  g_assert_cmpstr (problem (r, 1)->message, ==, "a note under the table, not a row of it: “Note: figures are estimates.”");
  g_assert_cmpuint (problem (r, 1)->line, ==, 10);
  g_assert_cmpuint (problem (r, 1)->row, ==, G_MAXUINT64);
  g_assert_cmpint (problem (r, 1)->table_column, ==, -1);
  g_assert_cmpstr (problem (r, 2)->message, ==, "a note under the table, not a row of it: “Source: a survey”");

  /* The rows as written, kept for a preview, leave with the notes. */
  {
    g_autofree char *path = write_fixture ("note-raw.csv", "name,a,b\nx,1,2\ny,3,4\nz,5,6\nNote: estimates\n", -1);
    AtlasCsvOptions options = { .keep_raw_rows = TRUE };
    g_autoptr (AtlasCsvResult) raw = read_with_options (path, &options);
    g_assert_cmpuint (atlas_table_get_n_rows (raw->table), ==, 3);
    g_assert_cmpuint (raw->raw_rows->len, ==, 3);
  }

  /* A line under the table that is only a missing-value marker leaves
   * with the notes without leaving its missing cell counted. */
  {
    g_autofree char *path = write_fixture ("note-marker.csv", "name,a\nx,1\ny,2\n?\n", -1);
    g_autoptr (AtlasCsvResult) marker = read_with_options (path, &(AtlasCsvOptions) { 0 });
    g_assert_cmpuint (atlas_table_get_n_rows (marker->table), ==, 2);
    assert_column (marker, 0, "name", ATLAS_COLUMN_TEXT, 0);
    assert_column (marker, 1, "a", ATLAS_COLUMN_NUMBER, 0);
  }
}

/* readr's challenge: a column whose first 1,500 cells are missing and
 * the rest dates is typed by the dates, in a file too small for the jump
 * samples (under 1 MB) and in one that takes them. */
static void
test_types_from_the_whole_file (void)
{
  for (guint big = 0; big <= 1; big++)
    {
      GString *text = g_string_new ("x,y\n");
      g_autofree char *path = NULL;
      g_autoptr (AtlasCsvResult) r = NULL;
      guint n_missing = 1500, n_dates = big ? 60000 : 500;

      for (guint i = 0; i < n_missing; i++)
        g_string_append_printf (text, "%u,NA\n", i);
      for (guint i = 0; i < n_dates; i++)
        g_string_append_printf (text, "%u,2015-%02u-%02u\n", n_missing + i, i % 12 + 1, i % 28 + 1);
      path = write_fixture (big ? "challenge-big.csv" : "challenge.csv", text->str, text->len);
      g_string_free (text, TRUE);
      r = read_with_threads (path, 0);
      assert_column (r, 1, "y", ATLAS_COLUMN_DATE, n_missing);
      g_assert_cmpuint (r->n_problems, ==, 0);
      g_assert_cmpfloat (atlas_column_get_number (column (r, 1), n_missing), ==, date_seconds ("2015-01-01T00:00:00Z"));
    }
}

/* Dates with no day past the 12th are read day first, and said to be a
 * guess; one day past it settles the order; a person's choice is none. */
static void
test_date_order_guess_is_said (void)
{
  g_autoptr (AtlasCsvResult) guessed = read_text ("dates-guessed.csv", "when,value\n05/06/2024,1\n07/08/2024,2\n01/02/2024,3\n");
  g_autoptr (AtlasCsvResult) settled = read_text ("dates-settled.csv", "when,value\n25/06/2024,1\n07/08/2024,2\n");
  g_autofree char *path = write_fixture ("dates-chosen.csv", "when,value\n05/06/2024,1\n07/08/2024,2\n", -1);
  AtlasCsvOptions options = { .date_order = ATLAS_DATE_ORDER_MONTH_FIRST };
  g_autoptr (AtlasCsvResult) chosen = read_with_options (path, &options);

  g_assert_cmpint (guessed->dialect.date_order, ==, ATLAS_DATE_ORDER_DAY_FIRST);
  g_assert_true (guessed->dialect.date_order_guessed);
  g_assert_cmpfloat (atlas_column_get_number (column (guessed, 0), 0), ==, date_seconds ("2024-06-05T00:00:00Z"));
  g_assert_cmpint (settled->dialect.date_order, ==, ATLAS_DATE_ORDER_DAY_FIRST);
  g_assert_false (settled->dialect.date_order_guessed);
  g_assert_cmpint (chosen->dialect.date_order, ==, ATLAS_DATE_ORDER_MONTH_FIRST);
  g_assert_false (chosen->dialect.date_order_guessed);
}

/* Lines starting with '#' above the table and between its rows are
 * comments, passed over and counted as lines; a ranking's "#1" rows and a
 * column named "#" are data. */
static void
test_comment_lines (void)
{
  g_autoptr (AtlasCsvResult) r = read_text ("comments.csv", "# Wafer capacity, thousand a month\n# Source: a survey\n"
                                                            "province,capacity\nShanghai,120\n# revised below\n"
                                                            "Beijing,x\nJiangsu,60\n");
  g_autoptr (AtlasCsvResult) ranking = read_text ("ranking.csv", "rank,company\n#1,TSMC\n#2,Samsung\n#3,Intel\n");
  g_autoptr (AtlasCsvResult) named = read_text ("hash-named.csv", "#,company\n1,TSMC\n2,Samsung\n");

  g_assert_cmpint (r->dialect.comment, ==, '#');
  g_assert_cmpuint (r->dialect.skipped_lines, ==, 2);
  g_assert_cmpuint (atlas_table_get_n_rows (r->table), ==, 3);
  assert_column (r, 0, "province", ATLAS_COLUMN_TEXT, 0);
  assert_column (r, 1, "capacity", ATLAS_COLUMN_NUMBER, 1);
  g_assert_cmpstr (atlas_column_get_text (column (r, 0), 1), ==, "Beijing");
  /* The bad cell's line counts the comment above it. */
  g_assert_cmpuint (problem (r, 0)->line, ==, 6);
  g_assert_cmpint (ranking->dialect.comment, ==, '\0');
  g_assert_cmpuint (atlas_table_get_n_rows (ranking->table), ==, 3);
  g_assert_cmpint (named->dialect.comment, ==, '\0');
  assert_column (named, 0, "#", ATLAS_COLUMN_NUMBER, 0);
}

/* Each problem names the table's row and column it is in, read in one
 * thread or several: a cell that is not a number, in rows whose lines
 * lie further down than their number, past quoted line breaks. */
static void
test_problems_name_their_cells (void)
{
  GString *text = g_string_new ("id,value,label\n");
  g_autofree char *path = NULL;

  for (guint i = 0; text->len < 4 * 1024 * 1024; i++)
    g_string_append_printf (text, "%u,%s,\"two\nlines %u\"\n", i, i % 20000 == 11 ? "oops" : "1.5", i);
  path = write_fixture ("problem-rows.csv", text->str, text->len);
  g_string_free (text, TRUE);
  for (guint threads = 1; threads <= 4; threads += 3)
    {
      g_autoptr (AtlasCsvResult) r = read_with_threads (path, threads);

      g_assert_cmpuint (r->problems->len, >, 3);
      for (guint i = 0; i < r->problems->len; i++)
        {
          const AtlasCsvProblem *p = problem (r, i);
          g_assert_cmpuint (p->row, ==, 20000 * i + 11);
          g_assert_cmpint (p->table_column, ==, 1);
          g_assert_cmpuint (p->column, ==, 2);
          /* Two lines a row, after the header's. */
          g_assert_cmpuint (p->line, ==, 2 + 2 * p->row);
          g_assert_true (atlas_column_is_missing (column (r, 1), (gsize) p->row));
        }
    }
}

typedef struct
{
  guint64 last;
  guint64 total;
  guint calls;
  GCancellable *cancel_after_first;
} ProgressLog;

static void
log_progress (guint64  done,
              guint64  total,
              gpointer data)
{
  ProgressLog *log = data;

  g_assert_cmpuint (done, >=, log->last);
  g_assert_cmpuint (done, <=, total);
  log->last = done;
  log->total = total;
  log->calls++;
  if (log->cancel_after_first)
    g_cancellable_cancel (log->cancel_after_first);
}

static void
test_progress_and_cancel (void)
{
  g_autofree char *path = write_big_file ("big-progress.csv", FALSE);
  ProgressLog log = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (AtlasCsvResult) r = atlas_csv_read_file (path, NULL, log_progress, &log, NULL, &error);
  AtlasCsvResult *cancelled;
  struct stat st;

  g_assert_no_error (error);
  g_assert_nonnull (r);
  g_stat (path, &st);
  g_assert_cmpuint (log.calls, >=, 1);
  g_assert_cmpuint (log.total, ==, (guint64) st.st_size);
  g_assert_cmpuint (log.last, ==, log.total);

  memset (&log, 0, sizeof log);
  log.cancel_after_first = cancellable;
  cancelled = atlas_csv_read_file (path, NULL, log_progress, &log, cancellable, &error);
  g_assert_null (cancelled);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

typedef struct
{
  char *path;
  const char *text;
} FifoWriter;

static gpointer
write_fifo (gpointer data)
{
  FifoWriter *writer = data;
  FILE *f = fopen (writer->path, "w");

  g_assert_nonnull (f);
  fputs (writer->text, f);
  fclose (f);
  return NULL;
}

static void
test_fifo (void)
{
  FifoWriter writer = { g_build_filename (test_dir, "fifo.csv", NULL), "x;y\n1,5;a\n2,5;b\n" };
  GThread *thread;
  g_autoptr (AtlasCsvResult) r = NULL;
  static const double x[] = { 1.5, 2.5 };

  g_assert_cmpint (mkfifo (writer.path, 0600), ==, 0);
  thread = g_thread_new ("fifo-writer", write_fifo, &writer);
  r = read_with_threads (writer.path, 0);
  g_thread_join (thread);

  g_assert_cmpint (r->dialect.delimiter, ==, ';');
  assert_numbers (r, 0, x, 2);
  g_free (writer.path);
}

static void
test_override_number_format (void)
{
  g_autofree char *path = write_fixture ("override-numbers.csv",
                                         "Region;Kapazität;Anteil\n"
                                         "China;1.234,5;1.500\n"
                                         "Taiwan;2.001;2.250\n"
                                         "Korea;987;19\n"
                                         "Japan;12;7\n",
                                         -1);
  g_autoptr (AtlasCsvResult) detected = read_with_options (path, NULL);
  AtlasCsvOptions options = { .decimal_mark = '.', .force_thousands_sep = TRUE, .thousands_sep = ',' };
  g_autoptr (AtlasCsvResult) forced = read_with_options (path, &options);
  static const double detected_capacity[] = { 1234.5, 2001, 987, 12 };
  static const double detected_share[] = { 1500, 2250, 19, 7 };
  static const double forced_capacity[] = { NAN, 2.001, 987, 12 };
  static const double forced_share[] = { 1.5, 2.25, 19, 7 };

  g_assert_cmpint (detected->dialect.delimiter, ==, ';');
  g_assert_cmpint (detected->dialect.decimal_mark, ==, ',');
  g_assert_cmpint (detected->dialect.thousands_sep, ==, '.');
  assert_numbers (detected, 1, detected_capacity, 4);
  assert_numbers (detected, 2, detected_share, 4);
  g_assert_cmpuint (detected->n_problems, ==, 0);
  assert_dialect_round_trips (path, detected);

  g_assert_cmpint (forced->dialect.decimal_mark, ==, '.');
  g_assert_cmpint (forced->dialect.thousands_sep, ==, ',');
  assert_column (forced, 1, "Kapazität", ATLAS_COLUMN_NUMBER, 1);
  g_assert_cmpuint (atlas_column_get_n_invalid (column (forced, 1)), ==, 1);
  assert_numbers (forced, 1, forced_capacity, 4);
  assert_numbers (forced, 2, forced_share, 4);
  g_assert_cmpuint (forced->n_problems, ==, 1);
  g_assert_cmpuint (problem (forced, 0)->line, ==, 2);
  g_assert_cmpuint (problem (forced, 0)->column, ==, 2);
  g_assert_nonnull (strstr (problem (forced, 0)->message, "1.234,5"));
}

static void
test_override_encoding_windows_1252 (void)
{
  static const char utf8[] = "Société;Chiffre d’affaires (€)\nSTMicro;1.234,5\nSoitec;987,25\nÉlan;5\n";
  g_autofree char *encoded = g_convert (utf8, -1, "WINDOWS-1252", "UTF-8", NULL, NULL, NULL);
  g_autofree char *path = write_fixture ("override-cp1252.csv", encoded, -1);
  g_autoptr (AtlasCsvResult) detected = read_with_options (path, NULL);
  AtlasCsvOptions latin1 = { .force_encoding = TRUE, .encoding = ATLAS_TEXT_ENCODING_ISO_8859_1 };
  AtlasCsvOptions utf8_forced = {
    .force_encoding = TRUE,
    .encoding = ATLAS_TEXT_ENCODING_UTF8,
    .keep_raw_rows = TRUE,
  };
  g_autoptr (AtlasCsvResult) as_latin1 = read_with_options (path, &latin1);
  g_autoptr (AtlasCsvResult) as_utf8 = read_with_options (path, &utf8_forced);
  GStrv raw;

  g_assert_cmpint (detected->dialect.encoding, ==, ATLAS_TEXT_ENCODING_WINDOWS_1252);
  assert_column (detected, 0, "Société", ATLAS_COLUMN_TEXT, 0);
  assert_column (detected, 1, "Chiffre d’affaires (€)", ATLAS_COLUMN_NUMBER, 0);
  g_assert_cmpstr (atlas_column_get_text (column (detected, 0), 2), ==, "Élan");
  assert_dialect_round_trips (path, detected);

  /* Latin-1 has control characters where Windows-1252 has ’ and €. */
  g_assert_cmpint (as_latin1->dialect.encoding, ==, ATLAS_TEXT_ENCODING_ISO_8859_1);
  assert_column (as_latin1, 0, "Société", ATLAS_COLUMN_TEXT, 0);
  assert_column (as_latin1, 1, "Chiffre d affaires ( )", ATLAS_COLUMN_NUMBER, 0);
  g_assert_cmpuint (as_latin1->n_problems, ==, 0);

  g_assert_cmpint (as_utf8->dialect.encoding, ==, ATLAS_TEXT_ENCODING_UTF8);
  assert_column (as_utf8, 0, "Soci\xef\xbf\xbdt\xef\xbf\xbd", ATLAS_COLUMN_TEXT, 0);
  g_assert_cmpstr (atlas_column_get_text (column (as_utf8, 0), 2), ==, "\xef\xbf\xbdlan");
  /* Both header names, then the one cell with a byte UTF-8 cannot read. */
  g_assert_cmpuint (as_utf8->n_problems, ==, 3);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpuint (problem (as_utf8, i)->line, ==, 1);
      g_assert_cmpuint (problem (as_utf8, i)->column, ==, i + 1);
      g_assert_nonnull (strstr (problem (as_utf8, i)->message, "column name is not valid UTF-8"));
    }
  g_assert_cmpuint (problem (as_utf8, 2)->line, ==, 4);
  g_assert_cmpuint (problem (as_utf8, 2)->column, ==, 1);
  g_assert_nonnull (strstr (problem (as_utf8, 2)->message, "not valid UTF-8"));
  /* Raw rows are valid UTF-8 too. */
  raw = g_ptr_array_index (as_utf8->raw_rows, 2);
  g_assert_cmpstr (raw[0], ==, "\xef\xbf\xbdlan");
  g_assert_cmpstr (raw[1], ==, "5");
}

static void
test_override_encoding_gb18030 (void)
{
  static const char utf8[] = "省份,产能,备注\n上海,12.5,中芯国际\n北京,7,北方华创\n";
  g_autoptr (GError) error = NULL;
  gsize len;
  g_autofree char *encoded = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, &len, &error);
  g_autofree char *path = NULL;
  g_autoptr (AtlasCsvResult) detected = NULL;
  g_autoptr (AtlasCsvResult) as_cp1252 = NULL;
  AtlasCsvOptions cp1252 = { .force_encoding = TRUE, .encoding = ATLAS_TEXT_ENCODING_WINDOWS_1252 };

  g_assert_no_error (error);
  path = write_fixture ("override-gb18030.csv", encoded, len);
  detected = read_with_options (path, NULL);
  as_cp1252 = read_with_options (path, &cp1252);

  g_assert_cmpint (detected->dialect.encoding, ==, ATLAS_TEXT_ENCODING_GB18030);
  assert_column (detected, 0, "省份", ATLAS_COLUMN_TEXT, 0);
  assert_column (detected, 1, "产能", ATLAS_COLUMN_NUMBER, 0);
  assert_column (detected, 2, "备注", ATLAS_COLUMN_TEXT, 0);
  g_assert_cmpstr (atlas_column_get_text (column (detected, 2), 1), ==, "北方华创");
  assert_dialect_round_trips (path, detected);

  /* Read as Windows-1252 the same bytes are other, still readable, names. */
  g_assert_cmpint (as_cp1252->dialect.encoding, ==, ATLAS_TEXT_ENCODING_WINDOWS_1252);
  g_assert_cmpuint (atlas_table_get_n_columns (as_cp1252->table), ==, 3);
  g_assert_cmpstr (atlas_column_get_name (column (as_cp1252, 0)), !=, "省份");
  g_assert_true (g_utf8_validate (atlas_column_get_name (column (as_cp1252, 0)), -1, NULL));
  g_assert_cmpfloat (atlas_column_get_number (column (as_cp1252, 1), 0), ==, 12.5);
}

static void
test_override_skip_lines_and_header (void)
{
  g_autofree char *path = write_fixture ("override-titles.csv",
                                         "Fab capacity survey\n"
                                         "Source: SEMI\n"
                                         "region,wafers,share\n"
                                         "China,120,18.5\n"
                                         "Taiwan,150,21.3\n"
                                         "Korea,130,19.1\n",
                                         -1);
  g_autoptr (AtlasCsvResult) detected = read_with_options (path, NULL);
  AtlasCsvOptions options = { .force_skip_lines = TRUE, .skip_lines = 0, .header = ATLAS_CSV_HEADER_NONE };
  g_autoptr (AtlasCsvResult) forced = read_with_options (path, &options);
  static const double wafers[] = { 120, 150, 130 };
  static const double forced_wafers[] = { NAN, NAN, NAN, 120, 150, 130 };

  g_assert_cmpuint (detected->dialect.skipped_lines, ==, 2);
  g_assert_true (detected->dialect.header);
  assert_column (detected, 0, "region", ATLAS_COLUMN_TEXT, 0);
  assert_column (detected, 1, "wafers", ATLAS_COLUMN_NUMBER, 0);
  assert_numbers (detected, 1, wafers, 3);
  assert_dialect_round_trips (path, detected);

  g_assert_cmpuint (forced->dialect.skipped_lines, ==, 0);
  g_assert_false (forced->dialect.header);
  assert_column (forced, 0, "Column 1", ATLAS_COLUMN_TEXT, 0);
  g_assert_cmpstr (atlas_column_get_text (column (forced, 0), 0), ==, "Fab capacity survey");
  g_assert_cmpstr (atlas_column_get_text (column (forced, 0), 2), ==, "region");
  /* The title lines are short rows, the header's "wafers" a bad number. */
  assert_column (forced, 1, "Column 2", ATLAS_COLUMN_NUMBER, 3);
  g_assert_cmpuint (atlas_column_get_n_invalid (column (forced, 1)), ==, 1);
  assert_numbers (forced, 1, forced_wafers, 6);
  g_assert_cmpuint (problem (forced, 0)->line, ==, 1);
  g_assert_cmpuint (problem (forced, 0)->column, ==, 2);
}

static void
test_override_header_first_row (void)
{
  g_autofree char *path = write_fixture ("override-no-header.csv", "1.5,2\n2.5,3\n3.5,4\n", -1);
  g_autoptr (AtlasCsvResult) detected = read_with_options (path, NULL);
  AtlasCsvOptions options = { .header = ATLAS_CSV_HEADER_FIRST_ROW };
  g_autoptr (AtlasCsvResult) forced = read_with_options (path, &options);
  static const double first[] = { 2.5, 3.5 };

  g_assert_false (detected->dialect.header);
  g_assert_cmpuint (atlas_table_get_n_rows (detected->table), ==, 3);
  assert_column (detected, 0, "Column 1", ATLAS_COLUMN_NUMBER, 0);
  assert_dialect_round_trips (path, detected);

  g_assert_true (forced->dialect.header);
  assert_column (forced, 0, "1.5", ATLAS_COLUMN_NUMBER, 0);
  assert_column (forced, 1, "2", ATLAS_COLUMN_NUMBER, 0);
  assert_numbers (forced, 0, first, 2);
}

static void
test_override_date_order (void)
{
  g_autofree char *path = write_fixture ("override-dates.csv",
                                         "date,value\n"
                                         "03/04/2024,1\n"
                                         "05/06/2024,2\n"
                                         "07/08/2024,3\n"
                                         "25/04/2024,4\n",
                                         -1);
  g_autoptr (AtlasCsvResult) detected = read_with_options (path, NULL);
  AtlasCsvOptions options = { .date_order = ATLAS_DATE_ORDER_MONTH_FIRST };
  g_autoptr (AtlasCsvResult) forced = read_with_options (path, &options);
  const double day_first[] = {
    date_seconds ("2024-04-03T00:00:00Z"), date_seconds ("2024-06-05T00:00:00Z"),
    date_seconds ("2024-08-07T00:00:00Z"), date_seconds ("2024-04-25T00:00:00Z"),
  };
  const double month_first[] = {
    date_seconds ("2024-03-04T00:00:00Z"), date_seconds ("2024-05-06T00:00:00Z"),
    date_seconds ("2024-07-08T00:00:00Z"), NAN,
  };

  g_assert_cmpint (detected->dialect.date_order, ==, ATLAS_DATE_ORDER_DAY_FIRST);
  assert_column (detected, 0, "date", ATLAS_COLUMN_DATE, 0);
  assert_numbers (detected, 0, day_first, 4);
  assert_dialect_round_trips (path, detected);

  g_assert_cmpint (forced->dialect.date_order, ==, ATLAS_DATE_ORDER_MONTH_FIRST);
  assert_column (forced, 0, "date", ATLAS_COLUMN_DATE, 1);
  g_assert_cmpuint (atlas_column_get_n_invalid (column (forced, 0)), ==, 1);
  assert_numbers (forced, 0, month_first, 4);
  g_assert_cmpuint (forced->n_problems, ==, 1);
  g_assert_cmpuint (problem (forced, 0)->line, ==, 5);
  g_assert_nonnull (strstr (problem (forced, 0)->message, "25/04/2024"));
}

static const AtlasCsvFileColumn *
file_column (const AtlasCsvResult *result,
             guint                 index)
{
  g_assert_cmpuint (index, <, result->file_columns->len);
  return &g_array_index (result->file_columns, AtlasCsvFileColumn, index);
}

static void
test_override_column_choices (void)
{
  g_autofree char *path = write_fixture ("override-columns.csv",
                                         "id,amount,code,label\n"
                                         "1,10.5,A1,x\n"
                                         "2,20,B2,y\n"
                                         "3,30,C3,z\n"
                                         "4,40\n",
                                         -1);
  static const AtlasColumnChoice choices[] = {
    ATLAS_COLUMN_CHOICE_IGNORE, ATLAS_COLUMN_CHOICE_TEXT, ATLAS_COLUMN_CHOICE_NUMBER,
  };
  AtlasCsvOptions options = {
    .column_choices = choices,
    .n_column_choices = G_N_ELEMENTS (choices),
    .keep_raw_rows = TRUE,
  };
  g_autoptr (AtlasCsvResult) detected = read_with_options (path, NULL);
  g_autoptr (AtlasCsvResult) forced = read_with_options (path, &options);
  GStrv raw;

  g_assert_cmpuint (atlas_table_get_n_columns (detected->table), ==, 4);
  g_assert_cmpuint (detected->file_columns->len, ==, 4);
  g_assert_null (detected->raw_rows);
  assert_column (detected, 1, "amount", ATLAS_COLUMN_NUMBER, 0);
  assert_column (detected, 2, "code", ATLAS_COLUMN_TEXT, 1);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_false (file_column (detected, i)->ignored);
      g_assert_cmpint (file_column (detected, i)->table_column, ==, i);
    }

  /* The ignored column is gone from the table, the others keep file order. */
  g_assert_cmpuint (atlas_table_get_n_columns (forced->table), ==, 3);
  g_assert_null (atlas_table_find_column (forced->table, "id"));
  g_assert_cmpuint (forced->file_columns->len, ==, 4);
  g_assert_cmpstr (file_column (forced, 0)->name, ==, "id");
  g_assert_true (file_column (forced, 0)->ignored);
  g_assert_cmpint (file_column (forced, 0)->table_column, ==, -1);
  g_assert_cmpint (file_column (forced, 0)->type, ==, ATLAS_COLUMN_NUMBER);
  g_assert_cmpint (file_column (forced, 2)->table_column, ==, 1);
  g_assert_cmpint (file_column (forced, 2)->type, ==, ATLAS_COLUMN_NUMBER);
  g_assert_cmpint (file_column (forced, 3)->type, ==, ATLAS_COLUMN_TEXT);

  /* A number column read as text keeps the cells as written. */
  assert_column (forced, 0, "amount", ATLAS_COLUMN_TEXT, 0);
  g_assert_cmpstr (atlas_column_get_text (column (forced, 0), 0), ==, "10.5");
  /* A text column forced to numbers stays numbers: every cell is invalid. */
  assert_column (forced, 1, "code", ATLAS_COLUMN_NUMBER, 4);
  g_assert_cmpuint (atlas_column_get_n_invalid (column (forced, 1)), ==, 3);
  assert_column (forced, 2, "label", ATLAS_COLUMN_TEXT, 1);

  /* Problems name file columns: "code" is the third field. */
  g_assert_cmpuint (forced->n_problems, ==, 4);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpuint (problem (forced, i)->line, ==, i + 2);
      g_assert_cmpuint (problem (forced, i)->column, ==, 3);
    }
  g_assert_nonnull (strstr (problem (forced, 0)->message, "A1"));

  /* Raw rows hold every field of the file, ignored ones too. */
  g_assert_cmpuint (forced->raw_rows->len, ==, atlas_table_get_n_rows (forced->table));
  raw = g_ptr_array_index (forced->raw_rows, 0);
  g_assert_cmpuint (g_strv_length (raw), ==, 4);
  g_assert_cmpstr (raw[0], ==, "1");
  g_assert_cmpstr (raw[2], ==, "A1");
  raw = g_ptr_array_index (forced->raw_rows, 3);
  g_assert_cmpuint (g_strv_length (raw), ==, 4);
  g_assert_cmpstr (raw[1], ==, "40");
  g_assert_cmpstr (raw[2], ==, "");
  g_assert_cmpstr (raw[3], ==, "");
}

static void
test_override_max_bytes (void)
{
  const gsize max_bytes = 64 * 1024;
  GString *text = g_string_new ("id,value,label\n");
  g_autofree char *path = NULL;
  g_autoptr (AtlasCsvResult) r = NULL;
  g_autoptr (GTimer) timer = NULL;
  AtlasCsvOptions options = { .max_bytes = max_bytes, .keep_raw_rows = TRUE };
  gsize n_rows, whole_lines = 0;
  g_autofree char *last_label = NULL;
  GStrv raw;

  /* Windows-1252 ("caf\xe9"), so that a preview converting the whole file would show. */
  for (guint i = 0; text->len < 10 * 1024 * 1024; i++)
    g_string_append_printf (text, "%u,%u.5,caf\xe9 %u\n", i, i, i);
  path = write_fixture ("override-preview.csv", text->str, text->len);
  for (gsize i = 0; i < max_bytes; i++)
    whole_lines += text->str[i] == '\n';
  g_string_free (text, TRUE);

  timer = g_timer_new ();
  r = read_with_options (path, &options);
  /* A few milliseconds are meant; the bound leaves room for sanitizers. */
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 1.0);

  g_assert_true (r->truncated);
  g_assert_cmpint (r->dialect.encoding, ==, ATLAS_TEXT_ENCODING_WINDOWS_1252);
  n_rows = atlas_table_get_n_rows (r->table);
  /* Every whole line in the first max_bytes, and only those. */
  g_assert_cmpuint (n_rows, ==, whole_lines - 1);
  last_label = g_strdup_printf ("café %zu", n_rows - 1);
  g_assert_cmpstr (atlas_column_get_text (column (r, 2), n_rows - 1), ==, last_label);
  g_assert_cmpuint (r->n_problems, ==, 0);
  g_assert_cmpuint (r->raw_rows->len, ==, n_rows);
  raw = g_ptr_array_index (r->raw_rows, n_rows - 1);
  g_assert_cmpstr (raw[2], ==, last_label);
}

static void
test_override_max_bytes_edges (void)
{
  static const char quoted[] = "id,note\n1,\"x\ny\"\n2,\"p\nq\"\n3,z\n";
  g_autofree char *quoted_path = write_fixture ("preview-quoted.csv", quoted, -1);
  AtlasCsvOptions inside_quotes = { .max_bytes = strchr (quoted, 'q') - quoted };
  AtlasCsvOptions whole = { .max_bytes = sizeof quoted * 2 };
  g_autofree char *utf16 = g_convert ("\xef\xbb\xbf" "a,b\n1,2\n3,4\n", -1, "UTF-16LE", "UTF-8", NULL, NULL, NULL);
  g_autofree char *utf16_path = write_fixture ("preview-utf16.csv", utf16, 2 + 2 * 12);
  /* Odd, and one byte past the second line's end. */
  AtlasCsvOptions odd = { .max_bytes = 2 + 2 * 8 + 1 };
  g_autoptr (AtlasCsvResult) cut_row = read_with_options (quoted_path, &inside_quotes);
  g_autoptr (AtlasCsvResult) all = read_with_options (quoted_path, &whole);
  g_autoptr (AtlasCsvResult) r16 = read_with_options (utf16_path, &odd);
  static const double a[] = { 1 };

  /* The cut fell inside a quoted field: its row is left out, not an error. */
  g_assert_true (cut_row->truncated);
  g_assert_cmpuint (atlas_table_get_n_rows (cut_row->table), ==, 1);
  g_assert_cmpstr (atlas_column_get_text (column (cut_row, 1), 0), ==, "x\ny");
  g_assert_false (all->truncated);
  g_assert_cmpuint (atlas_table_get_n_rows (all->table), ==, 3);

  g_assert_true (r16->truncated);
  g_assert_cmpint (r16->dialect.encoding, ==, ATLAS_TEXT_ENCODING_UTF16LE);
  g_assert_true (r16->dialect.has_bom);
  assert_numbers (r16, 0, a, 1);
}

static void
remove_test_dir (void)
{
  g_autoptr (GDir) dir = g_dir_open (test_dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (test_dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (test_dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  test_dir = g_dir_make_tmp ("atlas-csv-reader-XXXXXX", NULL);
  g_assert_nonnull (test_dir);

  g_test_add_func ("/csv-reader/basic", test_basic);
  g_test_add_func ("/csv-reader/semicolon-decimal-comma", test_semicolon_decimal_comma);
  g_test_add_func ("/csv-reader/other-delimiters", test_other_delimiters);
  g_test_add_func ("/csv-reader/quotes", test_quotes);
  g_test_add_func ("/csv-reader/excel-sep-line", test_excel_sep_line);
  g_test_add_func ("/csv-reader/line-endings", test_line_endings);
  g_test_add_func ("/csv-reader/stray-carriage-return", test_stray_carriage_return);
  g_test_add_func ("/csv-reader/title-lines", test_title_lines);
  g_test_add_func ("/csv-reader/header-detection", test_header_detection);
  g_test_add_func ("/csv-reader/number-forms", test_number_forms);
  g_test_add_func ("/csv-reader/dates", test_dates);
  g_test_add_func ("/csv-reader/majority-and-missing", test_majority_and_missing);
  g_test_add_func ("/csv-reader/retype-after-sample", test_retype_after_sample);
  g_test_add_func ("/csv-reader/ragged-rows", test_ragged_rows);
  g_test_add_func ("/csv-reader/encodings", test_encodings);
  g_test_add_func ("/csv-reader/windows-1252", test_windows_1252);
  g_test_add_func ("/csv-reader/invalid-utf8-late", test_invalid_utf8_late);
  g_test_add_func ("/csv-reader/errors", test_errors);
  g_test_add_func ("/csv-reader/permission-denied", test_permission_denied);
  g_test_add_func ("/csv-reader/header-only", test_header_only);
  g_test_add_func ("/csv-reader/parallel-matches-single", test_parallel_matches_single);
  g_test_add_func ("/csv-reader/parallel-quoted-newlines", test_parallel_quoted_newlines);
  g_test_add_func ("/csv-reader/problems-name-their-cells", test_problems_name_their_cells);
  g_test_add_func ("/csv-reader/delimiter-rows-are-blank", test_delimiter_rows_are_blank);
  g_test_add_func ("/csv-reader/zero-padded-codes-stay-text", test_zero_padded_codes_stay_text);
  g_test_add_func ("/csv-reader/comma-files-group-only-in-quotes", test_comma_files_group_only_in_quotes);
  g_test_add_func ("/csv-reader/grouping-spaces-and-apostrophes", test_grouping_spaces_and_apostrophes);
  g_test_add_func ("/csv-reader/decimal-mark-per-column", test_decimal_mark_per_column);
  g_test_add_func ("/csv-reader/texts-stored-once", test_texts_stored_once);
  g_test_add_func ("/csv-reader/plain-lines-as-libcsv-splits-them", test_plain_lines_as_libcsv_splits_them);
  g_test_add_func ("/csv-reader/years-across-and-a-note-under", test_years_across_and_a_note_under);
  g_test_add_func ("/csv-reader/types-from-the-whole-file", test_types_from_the_whole_file);
  g_test_add_func ("/csv-reader/date-order-guess-is-said", test_date_order_guess_is_said);
  g_test_add_func ("/csv-reader/comment-lines", test_comment_lines);
  g_test_add_func ("/csv-reader/progress-and-cancel", test_progress_and_cancel);
  g_test_add_func ("/csv-reader/fifo", test_fifo);
  g_test_add_func ("/csv-reader/override-number-format", test_override_number_format);
  g_test_add_func ("/csv-reader/override-encoding-windows-1252", test_override_encoding_windows_1252);
  g_test_add_func ("/csv-reader/override-encoding-gb18030", test_override_encoding_gb18030);
  g_test_add_func ("/csv-reader/override-skip-lines-and-header", test_override_skip_lines_and_header);
  g_test_add_func ("/csv-reader/override-header-first-row", test_override_header_first_row);
  g_test_add_func ("/csv-reader/override-date-order", test_override_date_order);
  g_test_add_func ("/csv-reader/override-column-choices", test_override_column_choices);
  g_test_add_func ("/csv-reader/override-max-bytes", test_override_max_bytes);
  g_test_add_func ("/csv-reader/override-max-bytes-edges", test_override_max_bytes_edges);

  status = g_test_run ();
  remove_test_dir ();
  return status;
}
