/* test-scale.c: scales, ticks and number labels, as properties over many random ranges. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "atlas-cell-parse.h"
#include "atlas-scale.h"

static AtlasNumberStyle c_style;

static gboolean
is_one_two_five (double step)
{
  double power = pow (10, floor (log10 (step) + 1e-9));
  double multiple = step / power;

  return fabs (multiple - 1) < 1e-6 || fabs (multiple - 2) < 1e-6 || fabs (multiple - 5) < 1e-6;
}

static void
assert_labels_distinct (GArray *ticks)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < ticks->len; i++)
    {
      const char *label = g_array_index (ticks, AtlasTick, i).label;
      g_assert_nonnull (label);
      g_assert_true (g_utf8_validate (label, -1, NULL));
      if (g_hash_table_contains (seen, label))
        g_error ("label “%s” appears twice", label);
      g_hash_table_add (seen, (gpointer) label);
    }
}

static void
test_nice_step (void)
{
  g_assert_cmpfloat (atlas_nice_step (100, 10), ==, 10);
  g_assert_cmpfloat (atlas_nice_step (95, 10), ==, 10);
  g_assert_cmpfloat (atlas_nice_step (101, 10), ==, 20);
  g_assert_cmpfloat (atlas_nice_step (0.3, 10), ==, 0.05);
  g_assert_cmpfloat (atlas_nice_step (4e9, 8), ==, 5e8);
}

static void
test_linear_properties (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < 5000; i++)
    {
      double magnitude = pow (10, g_rand_double_range (rand, -6, 12));
      double a = g_rand_double_range (rand, -1, 1) * magnitude;
      double b = a + g_rand_double_range (rand, 0.001, 3) * magnitude;
      guint max_ticks = 10;
      g_autoptr (AtlasScale) scale = atlas_scale_new_linear (a, b);
      g_autoptr (GArray) ticks = NULL;
      double first, last, step, min, max;

      atlas_scale_nice (scale, max_ticks);
      atlas_scale_get_domain (scale, &min, &max);
      ticks = atlas_scale_ticks (scale, max_ticks, &c_style);

      g_assert_cmpuint (ticks->len, >=, 4);
      g_assert_cmpuint (ticks->len, <=, 10);
      first = g_array_index (ticks, AtlasTick, 0).value;
      last = g_array_index (ticks, AtlasTick, ticks->len - 1).value;
      /* The ticks cover the data, and the nice domain ends on ticks. */
      g_assert_cmpfloat (first, <=, a);
      g_assert_cmpfloat (last, >=, b);
      g_assert_cmpfloat_with_epsilon (first, min, (max - min) * 1e-9);
      g_assert_cmpfloat_with_epsilon (last, max, (max - min) * 1e-9);
      step = g_array_index (ticks, AtlasTick, 1).value - first;
      g_assert_true (is_one_two_five (step));
      for (guint t = 1; t < ticks->len; t++)
        g_assert_cmpfloat_with_epsilon (g_array_index (ticks, AtlasTick, t).value
                                          - g_array_index (ticks, AtlasTick, t - 1).value,
                                        step, step * 1e-6);
      assert_labels_distinct (ticks);
    }
}

static void
test_linear_zoomed_ticks (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (11);

  /* A zoomed view is not widened: its ticks stay inside it, and there are
   * fewer when the grid of steps falls badly; never fewer than three on
   * an axis with room for seven or more. */
  for (guint i = 0; i < 5000; i++)
    {
      double magnitude = pow (10, g_rand_double_range (rand, -3, 9));
      double a = g_rand_double_range (rand, -1, 1) * magnitude;
      double b = a + g_rand_double_range (rand, 0.01, 2) * magnitude;
      guint max_ticks = (guint) g_rand_int_range (rand, 7, 11);
      g_autoptr (AtlasScale) scale = atlas_scale_new_linear (a, b);
      g_autoptr (GArray) ticks = atlas_scale_ticks (scale, max_ticks, &c_style);

      g_assert_cmpuint (ticks->len, >=, 3);
      g_assert_cmpuint (ticks->len, <=, max_ticks);
      for (guint t = 0; t < ticks->len; t++)
        {
          double value = g_array_index (ticks, AtlasTick, t).value;
          g_assert_cmpfloat (value, >=, a - (b - a) * 1e-9);
          g_assert_cmpfloat (value, <=, b + (b - a) * 1e-9);
        }
      assert_labels_distinct (ticks);
    }
}

static void
test_map_unmap (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (3);
  g_autoptr (GError) error = NULL;
  g_autoptr (AtlasScale) linear = atlas_scale_new_linear (-50, 150);
  g_autoptr (AtlasScale) log = atlas_scale_new_log (0.1, 1e6, &error);
  g_autoptr (AtlasScale) time = atlas_scale_new_time (0, 1e9, ATLAS_DATE_UNIT_SECOND);

  g_assert_no_error (error);
  atlas_scale_set_range (linear, 700, 20);
  atlas_scale_set_range (log, 40, 1200);
  atlas_scale_set_range (time, 0, 800);
  g_assert_cmpfloat (atlas_scale_map (linear, -50), ==, 700);
  g_assert_cmpfloat (atlas_scale_map (linear, 150), ==, 20);
  g_assert_cmpfloat_with_epsilon (atlas_scale_map (log, 1000), 40 + 1160 * 4.0 / 7.0, 1e-9);
  for (guint i = 0; i < 1000; i++)
    {
      double v = g_rand_double_range (rand, -50, 150);
      double p = pow (10, g_rand_double_range (rand, -1, 6));
      double t = g_rand_double_range (rand, 0, 1e9);

      g_assert_cmpfloat_with_epsilon (atlas_scale_unmap (linear, atlas_scale_map (linear, v)), v, 1e-9);
      g_assert_cmpfloat_with_epsilon (atlas_scale_unmap (log, atlas_scale_map (log, p)), p, p * 1e-9);
      g_assert_cmpfloat_with_epsilon (atlas_scale_unmap (time, atlas_scale_map (time, t)), t, 1e-3);
    }
}

static void
test_degenerate_domains (void)
{
  g_autoptr (AtlasScale) single = atlas_scale_new_linear (5, 5);
  g_autoptr (AtlasScale) zero = atlas_scale_new_linear (0, 0);
  g_autoptr (AtlasScale) reversed = atlas_scale_new_linear (10, -10);
  double min, max;

  atlas_scale_get_domain (single, &min, &max);
  g_assert_cmpfloat (min, <, 5);
  g_assert_cmpfloat (max, >, 5);
  atlas_scale_get_domain (zero, &min, &max);
  g_assert_cmpfloat (min, ==, -1);
  g_assert_cmpfloat (max, ==, 1);
  atlas_scale_get_domain (reversed, &min, &max);
  g_assert_cmpfloat (min, ==, -10);
  g_assert_cmpfloat (max, ==, 10);
}

static void
test_log (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AtlasScale) none = atlas_scale_new_log (0, 100, &error);
  g_autoptr (AtlasScale) wide = NULL;
  g_autoptr (AtlasScale) narrow = NULL;
  g_autoptr (GArray) ticks = NULL;

  g_assert_null (none);
  g_assert_error (error, ATLAS_SCALE_ERROR, ATLAS_SCALE_ERROR_NOT_POSITIVE);
  g_assert_nonnull (strstr (error->message, "above zero"));
  g_clear_error (&error);

  wide = atlas_scale_new_log (3, 4e7, &error);
  atlas_scale_nice (wide, 10);
  ticks = atlas_scale_ticks (wide, 10, &c_style);
  /* 1 to 100M after nice: nine powers of ten. */
  g_assert_cmpuint (ticks->len, ==, 9);
  for (guint i = 0; i < ticks->len; i++)
    {
      double value = g_array_index (ticks, AtlasTick, i).value;
      g_assert_cmpfloat_with_epsilon (log10 (value), round (log10 (value)), 1e-9);
    }
  assert_labels_distinct (ticks);
  g_assert_cmpstr (g_array_index (ticks, AtlasTick, 0).label, ==, "1");
  g_assert_cmpstr (g_array_index (ticks, AtlasTick, 8).label, ==, "100M");
  g_clear_pointer (&ticks, g_array_unref);

  narrow = atlas_scale_new_log (2, 40, &error);
  ticks = atlas_scale_ticks (narrow, 10, &c_style);
  /* Between 2 and 40: 2, 5, 10 and 20. */
  g_assert_cmpuint (ticks->len, ==, 4);
  assert_labels_distinct (ticks);
  g_clear_pointer (&ticks, g_array_unref);

  /* Values from 4 to 120 end on 1-2-5 values around them, not on whole
   * decades (1 to 1000, four ticks), and tick at each. */
  {
    g_autoptr (AtlasScale) few = atlas_scale_new_log (4, 120, &error);
    static const double expected[] = { 2, 5, 10, 20, 50, 100, 200 };
    double min, max;

    atlas_scale_nice (few, 10);
    atlas_scale_get_domain (few, &min, &max);
    g_assert_cmpfloat (min, ==, 2);
    g_assert_cmpfloat (max, ==, 200);
    ticks = atlas_scale_ticks (few, 10, &c_style);
    g_assert_cmpuint (ticks->len, ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < ticks->len; i++)
      g_assert_cmpfloat_with_epsilon (g_array_index (ticks, AtlasTick, i).value, expected[i], 1e-9);
    g_clear_pointer (&ticks, g_array_unref);
    /* Too many for a small axis: 1-3 steps. */
    ticks = atlas_scale_ticks (few, 4, &c_style);
    g_assert_cmpuint (ticks->len, <=, 4);
    g_assert_cmpuint (ticks->len, >=, 2);
  }
}

static void
test_time_properties (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (5);
  static const double spans[] = { 600, 7200, 86400 * 3, 86400 * 40, 86400 * 400, 86400 * 3650, 86400 * 36500.0 };

  for (guint i = 0; i < 3000; i++)
    {
      double span = spans[i % G_N_ELEMENTS (spans)] * g_rand_double_range (rand, 0.5, 2);
      double start = g_rand_double_range (rand, -4e9, 5e9);
      guint max_ticks = (guint) g_rand_int_range (rand, 4, 11);
      g_autoptr (AtlasScale) scale = atlas_scale_new_time (start, start + span, ATLAS_DATE_UNIT_SECOND);
      g_autoptr (GArray) ticks = atlas_scale_ticks (scale, max_ticks, &c_style);

      g_assert_cmpuint (ticks->len, >=, 1);
      g_assert_cmpuint (ticks->len, <=, max_ticks);
      assert_labels_distinct (ticks);
      for (guint t = 0; t < ticks->len; t++)
        {
          double value = g_array_index (ticks, AtlasTick, t).value;
          g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc ((gint64) value);

          g_assert_cmpfloat (value, >=, start);
          g_assert_cmpfloat (value, <=, start + span + 1e-6);
          /* Calendar boundaries: whole seconds; months and years start on the 1st at midnight. */
          g_assert_cmpfloat (value, ==, floor (value));
          if (span > 86400 * 200)
            {
              g_assert_cmpint (g_date_time_get_day_of_month (dt), ==, 1);
              g_assert_cmpint (g_date_time_get_hour (dt), ==, 0);
            }
          if (span > 86400 * 3650)
            g_assert_cmpint (g_date_time_get_month (dt), ==, 1);
        }
    }
}

static void
test_time_labels (void)
{
  double y2017 = atlas_days_from_civil (2017, 1, 1) * 86400;
  double y2024 = atlas_days_from_civil (2024, 1, 1) * 86400;
  g_autoptr (AtlasScale) years = atlas_scale_new_time (y2017, y2024, ATLAS_DATE_UNIT_YEAR);
  g_autoptr (AtlasScale) quarters = atlas_scale_new_time (atlas_days_from_civil (2023, 1, 1) * 86400,
                                                          atlas_days_from_civil (2024, 12, 31) * 86400,
                                                          ATLAS_DATE_UNIT_QUARTER);
  g_autoptr (GArray) year_ticks = atlas_scale_ticks (years, 10, &c_style);
  g_autoptr (GArray) quarter_ticks = atlas_scale_ticks (quarters, 10, &c_style);

  g_assert_cmpuint (year_ticks->len, ==, 8);
  g_assert_cmpstr (g_array_index (year_ticks, AtlasTick, 0).label, ==, "2017");
  g_assert_cmpstr (g_array_index (year_ticks, AtlasTick, 7).label, ==, "2024");
  g_assert_cmpuint (quarter_ticks->len, ==, 8);
  g_assert_cmpstr (g_array_index (quarter_ticks, AtlasTick, 1).label, ==, "Q2 2023");
}

static void
test_band (void)
{
  g_autoptr (AtlasScale) band = atlas_scale_new_band (4, 0.2);

  atlas_scale_set_range (band, 0, 400);
  g_assert_cmpfloat (atlas_scale_map (band, 0), ==, 50);
  g_assert_cmpfloat (atlas_scale_map (band, 3), ==, 350);
  g_assert_cmpfloat (atlas_scale_get_bandwidth (band), ==, 80);
  g_assert_cmpfloat (atlas_scale_unmap (band, 120), ==, 1);
  g_assert_cmpfloat (atlas_scale_unmap (band, 399), ==, 3);
}

static void
test_format (void)
{
  AtlasNumberStyle german = { ",", "." };
  g_autofree char *k = atlas_format_number (12500, 500, 20000, &c_style);
  g_autofree char *m = atlas_format_number (3.4e6, 2e5, 4e6, &c_style);
  g_autofree char *bn = atlas_format_number (47.5e9, 0.5e9, 50e9, &c_style);
  g_autofree char *negative = atlas_format_number (-20, 10, 40, &c_style);
  g_autofree char *zero = atlas_format_number (-1e-17, 0.1, 1, &c_style);
  g_autofree char *plain = atlas_format_number (2500, 500, 3000, &c_style);
  g_autofree char *zero_thousands = atlas_format_number (0, 2000, 10000, &c_style);
  g_autofree char *decimal = atlas_format_number (0.25, 0.05, 1, &german);
  g_autofree char *grouped = atlas_format_value (1234567, &c_style);
  g_autofree char *grouped_german = atlas_format_value (1234567.5, &german);
  g_autofree char *exact = atlas_format_value (260.14, &c_style);
  g_autofree char *small = atlas_format_value (-0.000125, &c_style);

  g_assert_cmpstr (k, ==, "12.5k");
  g_assert_cmpstr (m, ==, "3.4M");
  g_assert_cmpstr (bn, ==, "47.5bn");
  g_assert_cmpstr (negative, ==, "\xe2\x88\x92" "20");
  g_assert_cmpstr (zero, ==, "0.0");
  g_assert_cmpstr (plain, ==, "2500");
  g_assert_cmpstr (zero_thousands, ==, "0");
  g_assert_cmpstr (decimal, ==, "0,25");
  g_assert_cmpstr (grouped, ==, "1,234,567");
  g_assert_cmpstr (grouped_german, ==, "1.234.567,5");
  g_assert_cmpstr (exact, ==, "260.14");
  g_assert_cmpstr (small, ==, "\xe2\x88\x92" "0.000125");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  atlas_number_style_init_c (&c_style);
  g_test_add_func ("/scale/nice-step", test_nice_step);
  g_test_add_func ("/scale/linear-properties", test_linear_properties);
  g_test_add_func ("/scale/linear-zoomed-ticks", test_linear_zoomed_ticks);
  g_test_add_func ("/scale/map-unmap", test_map_unmap);
  g_test_add_func ("/scale/degenerate-domains", test_degenerate_domains);
  g_test_add_func ("/scale/log", test_log);
  g_test_add_func ("/scale/time-properties", test_time_properties);
  g_test_add_func ("/scale/time-labels", test_time_labels);
  g_test_add_func ("/scale/band", test_band);
  g_test_add_func ("/scale/format", test_format);
  return g_test_run ();
}
