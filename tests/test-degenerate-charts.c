/* test-degenerate-charts.c: data no chart expects, in every chart type: each draws something sensible, or refuses with
 * a message that says why, and never crashes or draws outside its surface. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "atlas-chart-audit.h"
#include "atlas-chart.h"
#include "atlas-csv-reader.h"
#include "atlas-table.h"
#include "test-support.h"

static char *test_dir;

static const AtlasChartType all_types[] = {
  ATLAS_CHART_LINE, ATLAS_CHART_AREA, ATLAS_CHART_STACKED_AREA, ATLAS_CHART_STACKED_AREA_PERCENT, ATLAS_CHART_BAR,
  ATLAS_CHART_BAR_STACKED, ATLAS_CHART_BAR_HORIZONTAL, ATLAS_CHART_BAR_HORIZONTAL_STACKED, ATLAS_CHART_SCATTER,
  ATLAS_CHART_DONUT, ATLAS_CHART_TIMELINE,
};

static AtlasTable *
load_table (const char *name,
            const char *text)
{
  return test_load_table (test_dir, name, text);
}

/* Whether the surface holds anything but its background: a chart that
 * draws nothing at all is no answer. */
static gboolean
draws_something (cairo_surface_t *surface)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 background = *(const guint32 *) data;

  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      if (*(const guint32 *) (data + y * stride + x * 4) != background)
        return TRUE;
  return FALSE;
}

/* Charts table in every type, y from y_columns, x from x_column, with the
 * spec's extras set by adjust: each either draws something and its text
 * stays inside the surface, or is refused with a message. Returns how
 * many types drew. */
static guint
chart_every_type (const char *case_name,
                  AtlasTable *table,
                  const char *x_column,
                  const char *y_columns,
                  void (*adjust) (AtlasChartSpec *spec))
{
  static const double sizes[][2] = { { 320, 240 }, { 1200, 800 }, { 1920, 1080 } };
  guint drawn = 0;

  for (guint t = 0; t < G_N_ELEMENTS (all_types); t++)
    {
      AtlasChartSpec spec;
      g_autoptr (GError) error = NULL;
      g_autoptr (AtlasChart) chart = NULL;

      atlas_chart_spec_init (&spec);
      spec.type = all_types[t];
      spec.x_column = g_strdup (x_column);
      spec.y_columns = y_columns ? g_strsplit (y_columns, "|", -1) : NULL;
      spec.title = g_strdup (case_name);
      spec.source = g_strdup ("made by the test");
      if (adjust)
        adjust (&spec);
      chart = atlas_chart_new (table, &spec, &error);
      atlas_chart_spec_clear (&spec);
      if (!chart)
        {
          /* Refused: with a message a person can act on. */
          g_assert_nonnull (error);
          g_assert_cmpuint (strlen (error->message), >, 10);
          g_test_message ("%s, %s: refused: %s", case_name, atlas_chart_type_to_string (all_types[t]),
                          error->message);
          continue;
        }
      for (guint size = 0; size < G_N_ELEMENTS (sizes); size++)
        {
          double width = sizes[size][0], height = sizes[size][1];
          cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width, (int) height);
          cairo_t *cr = cairo_create (surface);
          GArray *boxes; /* the layout's own */
          g_autofree char *summary = NULL;
          g_autoptr (AtlasChartLayout) layout = atlas_chart_render (chart, cr, width, height);
          cairo_surface_flush (surface);
          g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
          g_assert_true (draws_something (surface));
          boxes = atlas_chart_get_text_boxes (layout);
          for (guint b = 0; b < boxes->len; b++)
            {
              const cairo_rectangle_t *box = &g_array_index (boxes, AtlasTextBox, b).box;
              if (!(isfinite (box->x) && isfinite (box->y) && box->x >= -0.5 && box->y >= -0.5
                    && box->x + box->width <= width + 0.5 && box->y + box->height <= height + 0.5))
                g_error ("%s, %s at %gx%g: text at %g,%g %gx%g runs off the surface", case_name,
                         atlas_chart_type_to_string (all_types[t]), width, height, box->x, box->y, box->width,
                         box->height);
            }
          {
            /* As a chart desk would check it: nothing covered, nothing
             * hidden, nothing left out without saying so, no tiny text. */
            g_autoptr (AtlasChartAudit) audit = atlas_chart_audit (layout);
            g_autofree char *findings = atlas_chart_audit_describe (audit);
            if (!atlas_chart_audit_is_clean (audit))
              g_error ("%s, %s at %gx%g fails the audit:\n%s", case_name, atlas_chart_type_to_string (all_types[t]),
                       width, height, findings);
          }
          summary = atlas_chart_summarize (layout);
          g_assert_nonnull (summary);
          g_assert_null (strstr (summary, "nan"));
          g_assert_null (strstr (summary, "inf"));
          if (size == 1)
            {
              g_autofree char *name = g_strdup_printf ("degenerate-%s-%s.png", case_name,
                                                       atlas_chart_type_to_string (all_types[t]));
              g_autofree char *path = g_build_filename (g_getenv ("ATLAS_SCREENSHOT_DIR") ? g_getenv (
                                                          "ATLAS_SCREENSHOT_DIR")
                                                                                           : test_dir,
                                                        name, NULL);
              cairo_surface_write_to_png (surface, path);
            }
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
        }
      drawn++;
    }
  return drawn;
}

static void
test_zero_range (void)
{
  g_autoptr (AtlasTable) table = load_table ("flat.csv", "year,value,name\n2020,5,a\n2021,5,b\n2022,5,c\n");

  g_assert_cmpuint (chart_every_type ("zero-range", table, "year", "value", NULL), >=, 8);
}

static void
test_one_point (void)
{
  g_autoptr (AtlasTable) table = load_table ("one.csv", "year,value,name\n2024,42,only\n");

  g_assert_cmpuint (chart_every_type ("one-point", table, "year", "value", NULL), >=, 8);
}

static void
test_all_missing (void)
{
  g_autoptr (AtlasTable) table = load_table ("none.csv", "year,value,other\n2020,,1\n2021,,2\n2022,,3\n");

  /* A column of nothing reads as text: no chart of it as values. */
  chart_every_type ("all-missing", table, "year", "value", NULL);
  g_assert_cmpuint (chart_every_type ("all-missing-x", table, "value", "other", NULL), ==, 0);
}

static void
use_log_scale (AtlasChartSpec *spec)
{
  spec->log_y = TRUE;
}

static void
test_log_of_zero_and_negatives (void)
{
  g_autoptr (AtlasTable) table = load_table ("signs.csv", "year,balance\n2020,-5\n2021,0\n2022,10\n");

  g_assert_cmpuint (chart_every_type ("log-negative", table, "year", "balance", use_log_scale), ==, 0);
}

static void
test_ten_thousand_categories (void)
{
  g_autoptr (GString) csv = g_string_new ("name,value\n");
  g_autoptr (AtlasTable) table = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (csv, "category %u,%u\n", i, (i * 7919) % 1000);
  table = load_table ("many.csv", csv->str);
  g_assert_cmpuint (chart_every_type ("ten-thousand-categories", table, "name", "value", NULL), >=, 7);
}

static void
test_long_label (void)
{
  g_autoptr (GString) csv = g_string_new ("name,value\n");
  g_autoptr (AtlasTable) table = NULL;

  g_string_append (csv, "\"");
  for (guint i = 0; i < 50; i++)
    g_string_append (csv, "semicondu ");
  g_string_append (csv, "\",10\nshort,20\n");
  table = load_table ("long-label.csv", csv->str);
  g_assert_cmpuint (chart_every_type ("long-label", table, "name", "value", NULL), >=, 8);
}

static void
test_dates_far_away (void)
{
  g_autoptr (AtlasTable) table = load_table ("ages.csv",
                                             "date,value,event\n1850-03-01,1,telegraph\n1899-12-31,2,century\n"
                                             "2101-01-01,3,next century\n2250-06-30,4,far\n");

  g_assert_cmpint (atlas_column_get_column_type (atlas_table_get_column (table, 0)), ==, ATLAS_COLUMN_DATE);
  g_assert_cmpuint (chart_every_type ("far-dates", table, "date", "value", NULL), >=, 8);
}

static void
test_magnitudes_apart (void)
{
  g_autoptr (AtlasTable) table = load_table ("apart.csv", "year,tiny,huge\n2020,0.000001,1e12\n2021,0.000002,3e12\n"
                                                          "2022,0.0000015,2e12\n");

  g_assert_cmpuint (chart_every_type ("magnitudes-apart", table, "year", "tiny|huge", NULL), >=, 8);
}

static void
note_a_missing_value (AtlasChartSpec *spec)
{
  atlas_chart_spec_add_annotation (spec, ATLAS_ANNOTATION_CALLOUT, 2021, NAN, NAN, 0, "Nothing was measured here");
  atlas_chart_spec_add_annotation (spec, ATLAS_ANNOTATION_RANGE, 2020, 2022, NAN, 0, "A span");
  atlas_chart_spec_add_annotation (spec, ATLAS_ANNOTATION_REFERENCE_LINE, NAN, NAN, 7, 0, "A line");
}

static void
test_note_on_a_missing_value (void)
{
  g_autoptr (AtlasTable) table = load_table ("gap.csv", "year,value\n2020,5\n2021,\n2022,9\n");

  g_assert_cmpuint (chart_every_type ("note-on-missing", table, "year", "value", note_a_missing_value), >=, 8);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  test_dir = g_dir_make_tmp ("atlas-degenerate-XXXXXX", NULL);
  g_test_add_func ("/degenerate/zero-range", test_zero_range);
  g_test_add_func ("/degenerate/one-point", test_one_point);
  g_test_add_func ("/degenerate/all-missing", test_all_missing);
  g_test_add_func ("/degenerate/log-of-zero-and-negatives", test_log_of_zero_and_negatives);
  g_test_add_func ("/degenerate/ten-thousand-categories", test_ten_thousand_categories);
  g_test_add_func ("/degenerate/long-label", test_long_label);
  g_test_add_func ("/degenerate/dates-far-away", test_dates_far_away);
  g_test_add_func ("/degenerate/magnitudes-apart", test_magnitudes_apart);
  g_test_add_func ("/degenerate/note-on-a-missing-value", test_note_on_a_missing_value);
  status = g_test_run ();
  status |= !test_remove_dir (test_dir);
  test_release_font_caches ();
  return status;
}
