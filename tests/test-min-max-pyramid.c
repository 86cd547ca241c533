/* test-min-max-pyramid.c: pyramid queries against a plain scan, over random series with gaps. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include "atlas-min-max-pyramid.h"

static void
test_against_scan (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (17);

  for (guint round = 0; round < 40; round++)
    {
      gsize n = (gsize) g_rand_int_range (rand, 1, 200000);
      g_autofree double *values = g_new (double, n);
      g_autofree gsize *order = g_new (gsize, n);
      g_autoptr (AtlasMinMaxPyramid) pyramid = NULL;

      for (gsize i = 0; i < n; i++)
        {
          values[i] = g_rand_int_range (rand, 0, 10) == 0 ? NAN : g_rand_double_range (rand, -1e6, 1e6);
          order[i] = n - 1 - i; /* read backwards, as an unsorted x would */
        }
      pyramid = atlas_min_max_pyramid_new (values, order, n);

      for (guint q = 0; q < 200; q++)
        {
          gsize from = (gsize) g_rand_int_range (rand, 0, (gint32) n);
          gsize to = from + (gsize) g_rand_int_range (rand, 0, (gint32) MIN (n - from, 70000) + 1);
          double min = INFINITY, max = -INFINITY, got_min, got_max;
          gsize n_valid = 0, got_valid;
          gboolean any;

          for (gsize i = from; i < to; i++)
            {
              double v = values[order[i]];
              if (isnan (v))
                continue;
              min = MIN (min, v);
              max = MAX (max, v);
              n_valid++;
            }
          any = atlas_min_max_pyramid_query (pyramid, from, to, &got_min, &got_max, &got_valid);
          g_assert_cmpint (any, ==, n_valid > 0);
          g_assert_cmpuint (got_valid, ==, n_valid);
          if (any)
            {
              g_assert_cmpfloat (got_min, ==, min);
              g_assert_cmpfloat (got_max, ==, max);
            }
        }
    }
}

static void
test_all_missing (void)
{
  double values[100];
  g_autoptr (AtlasMinMaxPyramid) pyramid = NULL;
  double min, max;
  gsize n_valid;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    values[i] = NAN;
  pyramid = atlas_min_max_pyramid_new (values, NULL, G_N_ELEMENTS (values));
  g_assert_false (atlas_min_max_pyramid_query (pyramid, 0, 100, &min, &max, &n_valid));
  g_assert_cmpuint (n_valid, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/min-max-pyramid/against-scan", test_against_scan);
  g_test_add_func ("/min-max-pyramid/all-missing", test_all_missing);
  return g_test_run ();
}
