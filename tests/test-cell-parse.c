/* test-cell-parse.c: numbers, dates and missing values in single cells. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "atlas-cell-parse.h"

static const AtlasNumberFormat point_format = { '.', ',' };
static const AtlasNumberFormat comma_format = { ',', '.' };
static const AtlasNumberFormat space_format = { ',', ' ' };

static gboolean
parse (const char              *cell,
       const AtlasNumberFormat *format,
       double                  *value,
       AtlasNumberAffix        *affix)
{
  return atlas_cell_parse_number (cell, strlen (cell), format, value, affix);
}

static void
assert_number (const char              *cell,
               const AtlasNumberFormat *format,
               double                   expected,
               AtlasNumberAffix         expected_affix)
{
  double value = NAN;
  AtlasNumberAffix affix = ATLAS_NUMBER_AFFIX_NONE;

  if (!parse (cell, format, &value, &affix))
    g_error ("“%s” did not parse as a number", cell);
  g_assert_cmpfloat (value, ==, expected);
  g_assert_cmpint (affix, ==, expected_affix);
}

static void
assert_not_number (const char              *cell,
                   const AtlasNumberFormat *format)
{
  double value;

  if (parse (cell, format, &value, NULL))
    g_error ("“%s” parsed as %g but is not a number", cell, value);
}

static void
test_numbers_plain (void)
{
  assert_number ("0", &point_format, 0, 0);
  assert_number ("42", &point_format, 42, 0);
  assert_number ("-42", &point_format, -42, 0);
  assert_number ("+7", &point_format, 7, 0);
  assert_number ("3.25", &point_format, 3.25, 0);
  assert_number (".5", &point_format, 0.5, 0);
  assert_number ("5.", &point_format, 5, 0);
  assert_number ("-.5", &point_format, -0.5, 0);
  assert_number ("-5.", &point_format, -5, 0);
  assert_number ("0000000000000000042", &point_format, 42, 0);
  assert_not_number (".", &point_format);
  assert_not_number ("-.", &point_format);
  assert_not_number ("1.2.3", &point_format);
  assert_not_number ("1-2", &point_format);
  assert_number ("  12.5  ", &point_format, 12.5, 0);
  assert_number ("1e3", &point_format, 1000, 0);
  assert_number ("2.5E-3", &point_format, 0.0025, 0);
  assert_number ("-1.5e+10", &point_format, -1.5e10, 0);
  assert_number ("\xe2\x88\x92" "4", &point_format, -4, 0);
}

static void
test_numbers_negative_zero (void)
{
  double value = 1;

  g_assert_true (parse ("-0", &point_format, &value, NULL));
  g_assert_cmpfloat (value, ==, 0);
  g_assert_true (signbit (value));
}

static void
test_numbers_grouped (void)
{
  assert_number ("1,234", &point_format, 1234, 0);
  assert_number ("1,234,567.89", &point_format, 1234567.89, 0);
  assert_number ("1.234.567,89", &comma_format, 1234567.89, 0);
  assert_number ("3,5", &comma_format, 3.5, 0);
  assert_number ("-0,25", &comma_format, -0.25, 0);
  assert_number ("1 234,5", &space_format, 1234.5, 0);
  assert_number ("1\xc2\xa0" "234,5", &space_format, 1234.5, 0);
  /* Groups must be three digits after a first group of one to three. */
  assert_not_number ("1,5", &point_format);
  assert_not_number ("12,34", &point_format);
  assert_not_number ("1234,567", &point_format);
  assert_not_number ("1,234,56", &point_format);
  assert_not_number ("0,123", &point_format);
  assert_not_number ("1,234e5", &point_format);
}

static void
test_numbers_affixes (void)
{
  assert_number ("12.5%", &point_format, 12.5, ATLAS_NUMBER_AFFIX_PERCENT);
  assert_number ("12,5 %", &comma_format, 12.5, ATLAS_NUMBER_AFFIX_PERCENT);
  assert_number ("$1,234", &point_format, 1234, ATLAS_NUMBER_AFFIX_CURRENCY);
  assert_number ("-$5.50", &point_format, -5.5, ATLAS_NUMBER_AFFIX_CURRENCY);
  assert_number ("$-5.50", &point_format, -5.5, ATLAS_NUMBER_AFFIX_CURRENCY);
  assert_number ("\xc2\xa5" "300", &point_format, 300, ATLAS_NUMBER_AFFIX_CURRENCY);
  assert_number ("\xe2\x82\xac 12", &point_format, 12, ATLAS_NUMBER_AFFIX_CURRENCY);
  assert_number ("12 \xe2\x82\xac", &comma_format, 12, ATLAS_NUMBER_AFFIX_CURRENCY);
  assert_number ("(1,234)", &point_format, -1234, 0);
  assert_number ("($1,234.5)", &point_format, -1234.5, ATLAS_NUMBER_AFFIX_CURRENCY);
  assert_not_number ("()", &point_format);
  assert_not_number ("$", &point_format);
  assert_not_number ("%", &point_format);
  assert_not_number ("12abc", &point_format);
  assert_not_number ("1.2.3", &point_format);
  assert_not_number ("e5", &point_format);
  assert_not_number ("1e", &point_format);
  assert_not_number ("--5", &point_format);
  assert_not_number ("inf", &point_format);
  assert_not_number ("1e400", &point_format);
}

/* The fast path must give the very double g_ascii_strtod gives. */
static void
test_numbers_exact (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261125);
  static const char *const hard[] = {
    "0.1", "0.2", "0.3", "2.2250738585072014e-308", "4.9e-324", "1.7976931348623157e308",
    "9007199254740993", "9007199254740992", "123456789012345678901234567890", "0.000000000000000000001",
    "1e22", "1e23", "8.98846567431158e307", "3.14159265358979323846264338327950288",
    "179769313486231570000000000000000000000000000000000000000000000000000000000000000",
  };

  for (guint i = 0; i < G_N_ELEMENTS (hard); i++)
    assert_number (hard[i], &point_format, g_ascii_strtod (hard[i], NULL), 0);

  for (guint i = 0; i < 200000; i++)
    {
      char cell[64];
      int digits = g_rand_int_range (rand, 1, 21);
      int point = g_rand_int_range (rand, 0, digits + 1);
      int len = 0;

      if (g_rand_boolean (rand))
        cell[len++] = '-';
      for (int d = 0; d < digits; d++)
        {
          if (d == point && d > 0)
            cell[len++] = '.';
          cell[len++] = (char) ('0' + g_rand_int_range (rand, 0, 10));
        }
      if (g_rand_int_range (rand, 0, 4) == 0)
        len += g_snprintf (cell + len, sizeof cell - len, "e%d", g_rand_int_range (rand, -30, 30));
      cell[len] = '\0';
      assert_number (cell, &point_format, g_ascii_strtod (cell, NULL), 0);
    }
}

/* What a person types into a field: a point or, failing that, a comma. */
static void
test_typed_numbers (void)
{
  static const struct
  {
    const char *text;
    double value;
  } typed[] = {
    { "1.5", 1.5 }, { "1,5", 1.5 }, { " -20 ", -20 }, { "1,500", 1500 }, { "2 000,25", 2000.25 },
    { "1e3", 1000 }, { "12 %", 12 },
  };
  static const char *const not_numbers[] = { "", " ", "abc", "1..2", "inf", "nan", "1e999" };
  double value;

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_assert_true (atlas_cell_parse_typed_number (typed[i].text, &value));
      g_assert_cmpfloat (value, ==, typed[i].value);
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_numbers); i++)
    if (atlas_cell_parse_typed_number (not_numbers[i], &value))
      g_error ("“%s” was taken for %g", not_numbers[i], value);
}

static void
test_missing (void)
{
  static const char *const missing[] = {
    "", "   ", "NA", "na", "N/A", "n/a", "NaN", "nan", "null", "NULL", "None", "-", "\xe2\x80\x94",
    "\xe2\x80\x93", "..", "...", "#N/A", ":", "n.a.",
  };
  static const char *const present[] = { "0", "N", "Nam", "nullable", "a", "—x", "-1" };

  for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
    g_assert_true (atlas_cell_is_missing (missing[i], strlen (missing[i])));
  for (guint i = 0; i < G_N_ELEMENTS (present); i++)
    g_assert_false (atlas_cell_is_missing (present[i], strlen (present[i])));
}

static void
assert_date (const char      *cell,
             AtlasDateFormat  format,
             int              year,
             int              month,
             int              day,
             double           seconds_of_day)
{
  double seconds;

  if (!atlas_cell_parse_date (cell, strlen (cell), format, &seconds))
    g_error ("“%s” did not parse as a date", cell);
  g_assert_cmpfloat (seconds, ==, atlas_days_from_civil (year, month, day) * 86400.0 + seconds_of_day);
}

static void
test_dates (void)
{
  g_assert_cmpfloat (atlas_days_from_civil (1970, 1, 1), ==, 0);
  g_assert_cmpfloat (atlas_days_from_civil (2000, 3, 1), ==, 11017);
  g_assert_cmpfloat (atlas_days_from_civil (1899, 12, 31), ==, -25568);

  assert_date ("2024-03-31", ATLAS_DATE_FORMAT_ISO_DATE, 2024, 3, 31, 0);
  assert_date ("2024/03/31", ATLAS_DATE_FORMAT_ISO_DATE, 2024, 3, 31, 0);
  assert_date ("2024-02-29T12:30:15Z", ATLAS_DATE_FORMAT_ISO_DATETIME, 2024, 2, 29, 45015);
  assert_date ("2024-02-29 08:00+08:00", ATLAS_DATE_FORMAT_ISO_DATETIME, 2024, 2, 29, 0);
  assert_date ("2024-02-29", ATLAS_DATE_FORMAT_ISO_DATETIME, 2024, 2, 29, 0);
  assert_date ("2019", ATLAS_DATE_FORMAT_YEAR, 2019, 1, 1, 0);
  assert_date ("2019-07", ATLAS_DATE_FORMAT_YEAR_MONTH, 2019, 7, 1, 0);
  assert_date ("2019-Q3", ATLAS_DATE_FORMAT_YEAR_QUARTER, 2019, 7, 1, 0);
  assert_date ("2019 Q4", ATLAS_DATE_FORMAT_YEAR_QUARTER, 2019, 10, 1, 0);
  assert_date ("2019q1", ATLAS_DATE_FORMAT_YEAR_QUARTER, 2019, 1, 1, 0);
  assert_date ("31/12/2024", ATLAS_DATE_FORMAT_DAY_MONTH_YEAR, 2024, 12, 31, 0);
  assert_date ("1.2.2024", ATLAS_DATE_FORMAT_DAY_MONTH_YEAR, 2024, 2, 1, 0);
  assert_date ("12/31/2024", ATLAS_DATE_FORMAT_MONTH_DAY_YEAR, 2024, 12, 31, 0);
  assert_date ("01/02/2024", ATLAS_DATE_FORMAT_MONTH_DAY_YEAR, 2024, 1, 2, 0);
  assert_date ("1850-06-01", ATLAS_DATE_FORMAT_ISO_DATE, 1850, 6, 1, 0);
  assert_date ("2150-06-01", ATLAS_DATE_FORMAT_ISO_DATE, 2150, 6, 1, 0);

  g_assert_cmpint (atlas_cell_date_formats ("13/01/2024", 10), ==, ATLAS_DATE_FORMAT_DAY_MONTH_YEAR);
  g_assert_cmpint (atlas_cell_date_formats ("01/13/2024", 10), ==, ATLAS_DATE_FORMAT_MONTH_DAY_YEAR);
  g_assert_cmpint (atlas_cell_date_formats ("01/02/2024", 10), ==,
                   ATLAS_DATE_FORMAT_DAY_MONTH_YEAR | ATLAS_DATE_FORMAT_MONTH_DAY_YEAR);
  g_assert_cmpint (atlas_cell_date_formats ("2024-02-30", 10), ==, ATLAS_DATE_FORMAT_NONE);
  g_assert_cmpint (atlas_cell_date_formats ("2023-02-29", 10), ==, ATLAS_DATE_FORMAT_NONE);
  g_assert_cmpint (atlas_cell_date_formats ("2024-13", 7), ==, ATLAS_DATE_FORMAT_NONE);
  g_assert_cmpint (atlas_cell_date_formats ("2024-Q5", 7), ==, ATLAS_DATE_FORMAT_NONE);
  g_assert_cmpint (atlas_cell_date_formats ("hello", 5), ==, ATLAS_DATE_FORMAT_NONE);
  g_assert_cmpint (atlas_cell_date_formats ("2024-01-01T25:00", 16), ==, ATLAS_DATE_FORMAT_NONE);
}

static void
test_mark_evidence (void)
{
  g_assert_cmpint (atlas_cell_mark_evidence ("1,5", 3), ==, ATLAS_MARK_EVIDENCE_COMMA);
  g_assert_cmpint (atlas_cell_mark_evidence ("1.5", 3), ==, ATLAS_MARK_EVIDENCE_POINT);
  g_assert_cmpint (atlas_cell_mark_evidence ("1,234", 5), ==, ATLAS_MARK_EVIDENCE_GROUPED_COMMA);
  g_assert_cmpint (atlas_cell_mark_evidence ("1.234", 5), ==, ATLAS_MARK_EVIDENCE_GROUPED_POINT);
  g_assert_cmpint (atlas_cell_mark_evidence ("0.234", 5), ==, ATLAS_MARK_EVIDENCE_POINT);
  g_assert_cmpint (atlas_cell_mark_evidence ("1,234.5", 7), ==, ATLAS_MARK_EVIDENCE_POINT);
  g_assert_cmpint (atlas_cell_mark_evidence ("1.234,5", 7), ==, ATLAS_MARK_EVIDENCE_COMMA);
  g_assert_cmpint (atlas_cell_mark_evidence ("1,234,567", 9), ==, ATLAS_MARK_EVIDENCE_POINT);
  g_assert_cmpint (atlas_cell_mark_evidence ("1 234", 5), ==, ATLAS_MARK_EVIDENCE_GROUPED_SPACE);
  g_assert_cmpint (atlas_cell_mark_evidence ("abc", 3), ==, ATLAS_MARK_EVIDENCE_NONE);
  g_assert_cmpint (atlas_cell_mark_evidence ("42", 2), ==, ATLAS_MARK_EVIDENCE_NONE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cell-parse/numbers/plain", test_numbers_plain);
  g_test_add_func ("/cell-parse/numbers/negative-zero", test_numbers_negative_zero);
  g_test_add_func ("/cell-parse/numbers/grouped", test_numbers_grouped);
  g_test_add_func ("/cell-parse/numbers/affixes", test_numbers_affixes);
  g_test_add_func ("/cell-parse/numbers/exact", test_numbers_exact);
  g_test_add_func ("/cell-parse/typed-numbers", test_typed_numbers);
  g_test_add_func ("/cell-parse/missing", test_missing);
  g_test_add_func ("/cell-parse/dates", test_dates);
  g_test_add_func ("/cell-parse/mark-evidence", test_mark_evidence);
  return g_test_run ();
}
