/* bench-chart-frame.c: time to draw one 1200x800 frame of three series, panned and zoomed, from 10,000 to 10,000,000 points. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdio.h>

#include "atlas-chart.h"
#include "bench-random-walks.h"

#define FRAMES 40

/* Median milliseconds per frame over views that pan across the data at
 * three zoom levels, as a person exploring would. */
static double
median_frame_ms (gsize n_rows)
{
  g_autoptr (AtlasTable) table = bench_make_random_walks (n_rows);
  g_autoptr (AtlasChart) chart = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1200, 800);
  cairo_t *cr = cairo_create (surface);
  double times[FRAMES];
  AtlasChartSpec spec;

  atlas_chart_spec_init (&spec);
  spec.x_column = g_strdup ("t");
  spec.y_columns = g_strsplit ("a,b,c", ",", -1);
  spec.title = g_strdup ("Three random walks");
  chart = atlas_chart_new (table, &spec, NULL);
  atlas_chart_spec_clear (&spec);

  /* The first frame builds the pyramids: not what a pan costs. */
  atlas_chart_layout_unref (atlas_chart_render (chart, cr, 1200, 800));
  for (guint f = 0; f < FRAMES; f++)
    {
      double zoom = (f % 3 == 0) ? 1.0 : (f % 3 == 1) ? 0.5 : 0.1;
      double span = n_rows * zoom;
      double start = (n_rows - span) * (f / (double) FRAMES);
      gint64 begin;

      atlas_chart_set_view (chart, start, start + span, NAN, NAN);
      begin = g_get_monotonic_time ();
      atlas_chart_layout_unref (atlas_chart_render (chart, cr, 1200, 800));
      cairo_surface_flush (surface);
      times[f] = (g_get_monotonic_time () - begin) / 1000.0;
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  for (guint i = 1; i < FRAMES; i++)
    for (guint j = i; j > 0 && times[j - 1] > times[j]; j--)
      {
        double swap = times[j];
        times[j] = times[j - 1];
        times[j - 1] = swap;
      }
  return (times[FRAMES / 2 - 1] + times[FRAMES / 2]) / 2;
}

int
main (void)
{
  static const gsize sizes[] = { 10000, 1000000, 10000000 };
  double medians[G_N_ELEMENTS (sizes)];

  printf ("# one 1200x800 frame, 3 series, panned at 100%%, 50%% and 10%% zoom; median of %d frames\n", FRAMES);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      medians[i] = median_frame_ms (sizes[i]);
      printf ("%9zu points per series: %6.2f ms per frame\n", sizes[i], medians[i]);
    }
  printf ("frame at 10,000,000 / frame at 10,000 = %.2fx (target 1.25x; frame target 8 ms)\n",
          medians[2] / medians[0]);
  return 0;
}
