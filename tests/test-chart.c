/* test-chart.c: rendering checked on pixels, pick against render, layout without overlaps, export and summary. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE
#include <cairo.h>
#include <pango/pangocairo.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "atlas-cell-parse.h"
#include "atlas-chart-audit.h"
#include "atlas-chart-export.h"
#include "atlas-chart-suggest.h"
#include "atlas-chart-private.h"
#include "atlas-csv-reader.h"
#include "atlas-table.h"
#include "test-support.h"

static char *test_dir;

static AtlasTable *
load_table (const char *name,
            const char *text)
{
  return test_load_table (test_dir, name, text);
}

static AtlasChart *
make_chart (AtlasTable     *table,
            AtlasChartType  type,
            const char     *x,
            const char     *y,
            gboolean        dark)
{
  AtlasChartSpec spec;
  g_autoptr (GError) error = NULL;
  AtlasChart *chart;

  atlas_chart_spec_init (&spec);
  spec.type = type;
  spec.x_column = g_strdup (x);
  spec.y_columns = g_strsplit (y, ",", -1);
  spec.title = g_strdup ("China’s chip imports, 2017–2024: 中国集成电路进口");
  spec.subtitle = g_strdup ("Value of integrated circuits imported, by year");
  spec.source = g_strdup ("General Administration of Customs of China");
  spec.dark = dark;
  chart = atlas_chart_new (table, &spec, &error);
  g_assert_no_error (error);
  atlas_chart_spec_clear (&spec);
  return chart;
}

/* Draws chart at width x height; its layout goes to out_layout, which
 * lets go of the one before. */
static cairo_surface_t *
render (AtlasChart        *chart,
        int                width,
        int                height,
        AtlasChartLayout **out_layout)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  g_clear_pointer (out_layout, atlas_chart_layout_unref);
  *out_layout = atlas_chart_render (chart, cr, width, height);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* The pixel's colour, unpremultiplied, as 0-255 components. */
static void
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y,
          int             *r,
          int             *g,
          int             *b)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 pixel = *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4);

  *r = (pixel >> 16) & 0xff;
  *g = (pixel >> 8) & 0xff;
  *b = pixel & 0xff;
}

static gboolean
pixel_is (cairo_surface_t  *surface,
          int               x,
          int               y,
          const AtlasColor *color,
          int               tolerance)
{
  int r, g, b;

  pixel_at (surface, x, y, &r, &g, &b);
  return ABS (r - (int) round (color->red * 255)) <= tolerance && ABS (g - (int) round (color->green * 255)) <= tolerance
         && ABS (b - (int) round (color->blue * 255)) <= tolerance;
}

static const char imports_csv[] = "year,imports (USD bn),exports (USD bn)\n"
                                  "2017,260.14,66.88\n2018,312.1,84.6\n2019,305.55,101.58\n2020,350.06,\n"
                                  "2021,432,\n2022,415.58,\n2023,349.4,\n2024,385,159\n";

static void
test_line_pixels (void)
{
  g_autoptr (AtlasChartLayout) layout = NULL;
  g_autoptr (AtlasTable) table = load_table ("imports.csv", imports_csv);
  g_autoptr (AtlasChart) chart = make_chart (table, ATLAS_CHART_LINE, "year", "imports (USD bn),exports (USD bn)",
                                             FALSE);
  cairo_surface_t *surface = render (chart, 900, 600, &layout);
  const AtlasTheme *theme = atlas_theme_get (FALSE);
  AtlasColor first = atlas_theme_series_color (theme, 0);
  double x, y, x_before, y_before, x_after, y_after;

  /* The series colour sits on each drawn point. */
  for (gsize row = 0; row < 8; row++)
    {
      g_assert_true (atlas_chart_point_position (layout, 0, row, &x, &y));
      g_assert_true (pixel_is (surface, (int) x, (int) y, &first, 40));
    }
  /* Exports are missing for 2020-2023: the second line has a gap there. */
  g_assert_false (atlas_chart_point_position (layout, 1, 4, &x, &y));
  g_assert_true (atlas_chart_point_position (layout, 1, 2, &x_before, &y_before));
  g_assert_true (atlas_chart_point_position (layout, 1, 7, &x_after, &y_after));
  {
    /* Where a line from 2019 to 2024 would run, there is background. */
    double mx = (x_before + x_after) / 2, my = (y_before + y_after) / 2;
    g_assert_true (pixel_is (surface, (int) mx, (int) my, &theme->background, 0));
  }
  /* Far from everything, the background. */
  g_assert_true (pixel_is (surface, 899, 300, &theme->background, 0));
  cairo_surface_destroy (surface);
}

static void
test_pick_inverts_render (void)
{
  g_autoptr (AtlasChartLayout) layout = NULL;
  g_autoptr (AtlasTable) table = load_table ("imports.csv", imports_csv);
  static const AtlasChartType types[] = { ATLAS_CHART_LINE, ATLAS_CHART_SCATTER, ATLAS_CHART_BAR };

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      g_autoptr (AtlasChart) chart = make_chart (table, types[t], "year", "imports (USD bn)", FALSE);
      cairo_surface_t *surface = render (chart, 1000, 700, &layout);

      for (gsize row = 0; row < 8; row++)
        {
          AtlasChartPick pick;
          double x, y;

          g_assert_true (atlas_chart_point_position (layout, 0, row, &x, &y));
          /* Bars are picked inside the bar, just under its top. */
          g_assert_true (atlas_chart_pick (layout, x, types[t] == ATLAS_CHART_BAR ? y + 3 : y, &pick));
          g_assert_cmpuint (pick.series, ==, 0);
          g_assert_cmpuint (pick.row, ==, row);
        }
      cairo_surface_destroy (surface);
    }
}

static void
test_pick_donut (void)
{
  g_autoptr (AtlasChartLayout) layout = NULL;
  g_autoptr (AtlasTable) table = load_table ("regions.csv", "region,share\nChina,26\nTaiwan,21\nKorea,19\nOther,34\n");
  g_autoptr (AtlasChart) chart = make_chart (table, ATLAS_CHART_DONUT, "region", "share", FALSE);
  cairo_surface_t *surface = render (chart, 800, 600, &layout);
  AtlasColor china = atlas_theme_series_color (atlas_theme_get (FALSE), 0);
  AtlasChartPick pick;
  gboolean found = FALSE;

  g_assert_false (atlas_chart_pick (layout, 5, 5, &pick));
  /* The first slice (China, 26%) starts at twelve o'clock and runs
   * clockwise: just right of the centre line, going down from the top,
   * the first pixel of its colour is on the ring. */
  for (int y = 0; y < 600 && !found; y++)
    if (pixel_is (surface, 420, y, &china, 10))
      {
        g_assert_true (atlas_chart_pick (layout, 420, y + 2, &pick));
        g_assert_cmpuint (pick.row, ==, 0);
        g_assert_cmpfloat (pick.y, ==, 26);
        found = TRUE;
      }
  g_assert_true (found);
  cairo_surface_destroy (surface);
}

/* The tooltip's words for a picked point: the series, x as the column
 * reads, y with its unit, and each cited source by name. */
static void
test_describe_pick (void)
{
  g_autoptr (AtlasChartLayout) layout = NULL;
  g_autoptr (AtlasTable) table = load_table ("cited.csv", "year,imports (USD bn),source_id\n"
                                                          "2020,350.06,A;B;C\n2021,432.5,A\n2022,415.6,\n");
  g_autoptr (AtlasChart) chart = make_chart (table, ATLAS_CHART_LINE, "year", "imports (USD bn)", FALSE);
  g_autoptr (GHashTable) sources = g_hash_table_new (g_str_hash, g_str_equal);
  cairo_surface_t *surface = render (chart, 800, 500, &layout);
  AtlasChartPick pick = { .series = 0, .row = 0 };
  double min, max;
  char *text;

  g_hash_table_insert (sources, "A", "Customs, Trade in 2020");
  text = atlas_chart_describe_pick (chart, &pick, sources);
  g_assert_cmpstr (text, ==, "imports (USD bn)\n2020: 350.06 USD bn\nSource: Customs, Trade in 2020\nSource: B\n"
                             "and 1 more source");
  g_free (text);
  pick.row = 2;
  text = atlas_chart_describe_pick (chart, &pick, NULL);
  g_assert_cmpstr (text, ==, "imports (USD bn)\n2022: 415.6 USD bn");
  g_free (text);

  /* Signs parsed out of cells stay with the values: the axis names the
   * unit, a tooltip writes a currency before the number, a percent after. */
  {
    g_autoptr (AtlasTable) signed_table = load_table ("signs.csv", "year,revenue,share\n2019,$1.5,10%\n2020,-$2.5,12%\n"
                                                                   "2021,$3,15%\n");
    g_autoptr (AtlasChart) revenue = make_chart (signed_table, ATLAS_CHART_LINE, "year", "revenue", FALSE);
    g_autoptr (AtlasChart) share = make_chart (signed_table, ATLAS_CHART_LINE, "year", "share", FALSE);
    g_autoptr (AtlasChartLayout) revenue_layout = atlas_chart_layout_new (revenue, NULL, 800, 500);
    g_autoptr (AtlasChartLayout) share_layout = atlas_chart_layout_new (share, NULL, 800, 500);
    AtlasChartPick second = { .series = 0, .row = 1 };
    g_autofree char *revenue_text = atlas_chart_describe_pick (revenue, &second, NULL);
    g_autofree char *share_text = atlas_chart_describe_pick (share, &second, NULL);
    gboolean revenue_named = FALSE, share_named = FALSE;

    g_assert_cmpstr (revenue_text, ==, "revenue\n2020: \xe2\x88\x92$2.5");
    g_assert_cmpstr (share_text, ==, "share\n2020: 12%");
    for (guint i = 0; i < atlas_chart_get_text_boxes (revenue_layout)->len; i++)
      revenue_named |= g_str_equal (g_array_index (atlas_chart_get_text_boxes (revenue_layout), AtlasTextBox, i).text,
                                    "revenue ($)");
    for (guint i = 0; i < atlas_chart_get_text_boxes (share_layout)->len; i++)
      share_named |= g_str_equal (g_array_index (atlas_chart_get_text_boxes (share_layout), AtlasTextBox, i).text,
                                  "share (%)");
    g_assert_true (revenue_named);
    g_assert_true (share_named);
  }

  /* Stepping from point to point, as the arrow keys do. */
  {
    gsize row;
    g_assert_true (atlas_chart_step_point (layout, 0, G_MAXSIZE, 1, &row));
    g_assert_cmpuint (row, ==, 0);
    g_assert_true (atlas_chart_step_point (layout, 0, 0, 2, &row));
    g_assert_cmpuint (row, ==, 2);
    g_assert_false (atlas_chart_step_point (layout, 0, 2, 1, &row));
    g_assert_true (atlas_chart_step_point (layout, 0, G_MAXSIZE, -1, &row));
    g_assert_cmpuint (row, ==, 2);
  }

  /* The x the render showed, in the seconds years are kept in, holds
   * every year: 1 Jan 2020 to 1 Jan 2022. */
  g_assert_true (atlas_chart_get_x_view (layout, &min, &max));
  g_assert_cmpfloat (min, <=, 1577836800.0);
  g_assert_cmpfloat (max, >=, 1640995200.0);
  cairo_surface_destroy (surface);
}

/* A series switched off through its legend entry is not drawn, picked,
 * stacked or counted in the y range, and its entry stays to switch it
 * back; the summary says so. */
/* Choosing other columns keeps each callout on its own column's point,
 * and drops those whose column left; ranges and lines stay. */
static void
test_choose_y_columns (void)
{
  g_autoptr (AtlasTable) table = load_table ("three.csv", "year,a,b,c\n2020,1,10,100\n2021,2,20,200\n");
  const char *chosen[] = { "c", "a", NULL };
  g_autoptr (AtlasChart) chart = NULL;
  AtlasChartSpec spec;
  const AtlasAnnotation *a;

  atlas_chart_spec_init (&spec);
  spec.x_column = g_strdup ("year");
  spec.y_columns = g_strsplit ("a,b", ",", -1);
  atlas_chart_spec_add_annotation (&spec, ATLAS_ANNOTATION_CALLOUT, 2021, NAN, NAN, 0, "on a");
  atlas_chart_spec_add_annotation (&spec, ATLAS_ANNOTATION_CALLOUT, 2021, NAN, NAN, 1, "on b");
  atlas_chart_spec_add_annotation (&spec, ATLAS_ANNOTATION_RANGE, 2020, 2021, NAN, 0, "span");
  atlas_chart_spec_set_y_columns (&spec, chosen);

  g_assert_cmpstrv (spec.y_columns, chosen);
  g_assert_cmpuint (spec.annotations->len, ==, 2);
  a = &g_array_index (spec.annotations, AtlasAnnotation, 0);
  g_assert_cmpstr (a->text, ==, "on a");
  g_assert_cmpuint (a->series, ==, 1);
  a = &g_array_index (spec.annotations, AtlasAnnotation, 1);
  g_assert_cmpstr (a->text, ==, "span");

  chart = atlas_chart_new (table, &spec, NULL);
  atlas_chart_spec_clear (&spec);
  g_assert_nonnull (chart);
  g_assert_cmpstr (atlas_chart_get_series_name (chart, 0), ==, "c");
  g_assert_cmpstr (atlas_chart_get_series_name (chart, 1), ==, "a");
}

static void
test_series_toggle (void)
{
  g_autoptr (AtlasChartLayout) layout = NULL;
  g_autoptr (AtlasTable) table = load_table ("two.csv", "year,a,b\n2020,1,10\n2021,2,20\n2022,3,30\n");
  g_autoptr (AtlasChart) stacked = NULL;
  AtlasChartSpec spec;
  cairo_surface_t *surface;
  double px, py, base, min, max;
  guint series = G_MAXUINT;
  gboolean found = FALSE;
  g_autofree char *summary = NULL;

  /* Two series, stacked, so that switching one off moves the other. */
  atlas_chart_spec_init (&spec);
  spec.type = ATLAS_CHART_BAR_STACKED;
  spec.x_column = g_strdup ("year");
  spec.y_columns = g_strsplit ("a,b", ",", -1);
  stacked = atlas_chart_new (table, &spec, NULL);
  atlas_chart_spec_clear (&spec);
  g_assert_nonnull (stacked);

  surface = render (stacked, 800, 500, &layout);
  for (int y = 0; y < 150 && !found; y++)
    for (int x = 0; x < 800 && !found; x++)
      found = atlas_chart_pick_legend (layout, x, y, &series) && series == 1;
  g_assert_true (found);
  g_assert_true (atlas_chart_point_position (layout, 1, 2, &px, &py));
  cairo_surface_destroy (surface);

  atlas_chart_set_series_visible (stacked, 1, FALSE);
  g_assert_false (atlas_chart_get_series_visible (stacked, 1));
  surface = render (stacked, 800, 500, &layout);
  g_assert_false (atlas_chart_point_position (layout, 1, 2, &px, &py));
  /* a alone: its bar starts at zero and the axis ends near 3, not 33. */
  g_assert_cmpfloat (atlas_chart_stack_value (stacked, 0, 2, &base), ==, 3);
  g_assert_cmpfloat (base, ==, 0);
  atlas_scale_get_domain (layout->y_scale, &min, &max);
  g_assert_cmpfloat (max, <, 10);
  summary = atlas_chart_summarize (layout);
  g_assert_nonnull (strstr (summary, "b is switched off."));
  /* Its legend entry is still there to switch it back. */
  found = FALSE;
  for (int y = 0; y < 150 && !found; y++)
    for (int x = 0; x < 800 && !found; x++)
      found = atlas_chart_pick_legend (layout, x, y, &series) && series == 1;
  g_assert_true (found);
  cairo_surface_destroy (surface);

  atlas_chart_set_series_visible (stacked, 1, TRUE);
  surface = render (stacked, 800, 500, &layout);
  g_assert_true (atlas_chart_point_position (layout, 1, 2, &px, &py));
  cairo_surface_destroy (surface);
}

static gboolean
boxes_overlap (const cairo_rectangle_t *a,
               const cairo_rectangle_t *b)
{
  /* Touching edges do not count: a pixel of rounding is not an overlap. */
  return a->x + 0.5 < b->x + b->width && b->x + 0.5 < a->x + a->width && a->y + 0.5 < b->y + b->height
         && b->y + 0.5 < a->y + a->height;
}

static AtlasTable *
load_fixture (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("ATLAS_TEST_FIXTURES"), name, NULL);
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return load_table (name, text);
}

static AtlasChart *
make_timeline (AtlasTable *events,
               gboolean    dark)
{
  AtlasChartSpec spec;
  AtlasChart *chart;

  atlas_chart_spec_init (&spec);
  spec.type = ATLAS_CHART_TIMELINE;
  spec.x_column = g_strdup ("date");
  spec.label_column = g_strdup ("event");
  spec.title = g_strdup ("Export controls and countermeasures");
  spec.source = g_strdup ("BIS, MOFCOM, METI");
  spec.dark = dark;
  chart = atlas_chart_new (events, &spec, NULL);
  g_assert_nonnull (chart);
  atlas_chart_spec_clear (&spec);
  return chart;
}

/* A chart with a callout, a shaded range and a reference line, and over a
 * time axis the export-control events. */
static AtlasChart *
make_annotated_chart (AtlasTable     *table,
                      AtlasChartType  type,
                      const char     *x,
                      const char     *y,
                      gboolean        dark,
                      AtlasTable     *events)
{
  g_autoptr (AtlasChart) plain = make_chart (table, type, x, y, dark);
  AtlasChartSpec spec = *atlas_chart_get_spec (plain);
  const AtlasColumn *x_column = atlas_table_find_column (table, x);
  AtlasChart *chart;

  spec.annotations = NULL;
  spec.events = NULL;
  if (atlas_column_get_column_type (x_column) != ATLAS_COLUMN_TEXT)
    {
      double first = atlas_column_get_number (x_column, 1), last = atlas_column_get_number (x_column, 3);
      atlas_chart_spec_add_annotation (&spec, ATLAS_ANNOTATION_CALLOUT, atlas_column_get_number (x_column, 4), 0,
                                       NAN, 0, "Record imports before the 2022 rules");
      atlas_chart_spec_add_annotation (&spec, ATLAS_ANNOTATION_RANGE, first, last, NAN, 0, "Trade war");
      atlas_chart_spec_add_annotation (&spec, ATLAS_ANNOTATION_REFERENCE_LINE, NAN, NAN, 300, 0, "USD 300 bn");
    }
  for (gsize row = 0; events && row < atlas_table_get_n_rows (events); row++)
    atlas_chart_spec_add_event (&spec, NULL, atlas_column_get_number (atlas_table_find_column (events, "date"), row),
                                atlas_column_get_text (atlas_table_find_column (events, "event"), row));
  chart = atlas_chart_new (table, &spec, NULL);
  g_clear_pointer (&spec.annotations, g_array_unref);
  g_clear_pointer (&spec.events, g_array_unref);
  g_assert_nonnull (chart);
  return chart;
}

static void
test_layout_no_overlaps (void)
{
  g_autoptr (AtlasChartLayout) layout = NULL;
  g_autoptr (AtlasTable) imports = load_table ("imports.csv", imports_csv);
  g_autoptr (AtlasTable) events = load_fixture ("export-controls-sample.csv");
  g_autoptr (AtlasTable) long_names = load_table (
    "long-names.csv", "fund,amount (CNY bn)\n"
                      "Big Fund III commitment to Guotou Jixin (Beijing) Equity Investment Fund Partnership,71\n"
                      "Guangdong Semiconductor and Integrated Circuit Equity Investment Fund phase II,50\n"
                      "Shanghai integrated-circuit industry parent fund established in 2024 with city money,45\n");
  g_autoptr (AtlasTable) segments = load_table (
    "segments.csv", "segment,China share (%),United States share (%)\n"
                    "Electronic design automation,1,74\nCore intellectual property,2,52\nLogic design,5,67\n"
                    "Memory design,4,28\nWafer fabrication equipment,2,44\nMaterials,13,10\n"
                    "Wafer fabrication,21,11\nAssembly test and packaging,30,3\n");
  static const int sizes[][2] = { { 320, 240 }, { 480, 320 }, { 640, 480 }, { 1200, 800 }, { 1920, 1080 }, { 3840, 2160 } };
  const struct
  {
    AtlasTable *table;
    AtlasChartType type;
    const char *x;
    const char *y;
  } charts[] = {
    { imports, ATLAS_CHART_LINE, "year", "imports (USD bn),exports (USD bn)" },
    { imports, ATLAS_CHART_AREA, "year", "imports (USD bn)" },
    { imports, ATLAS_CHART_STACKED_AREA, "year", "imports (USD bn),exports (USD bn)" },
    { imports, ATLAS_CHART_BAR, "year", "imports (USD bn),exports (USD bn)" },
    { imports, ATLAS_CHART_SCATTER, "year", "imports (USD bn)" },
    { segments, ATLAS_CHART_BAR, "segment", "China share (%),United States share (%)" },
    { segments, ATLAS_CHART_BAR_HORIZONTAL, "segment", "China share (%),United States share (%)" },
    { segments, ATLAS_CHART_BAR_STACKED, "segment", "China share (%),United States share (%)" },
    { segments, ATLAS_CHART_BAR_HORIZONTAL_STACKED, "segment", "China share (%),United States share (%)" },
    { segments, ATLAS_CHART_DONUT, "segment", "China share (%)" },
    { events, ATLAS_CHART_TIMELINE, "date", NULL },
    { long_names, ATLAS_CHART_BAR_HORIZONTAL, "fund", "amount (CNY bn)" },
    { long_names, ATLAS_CHART_BAR, "fund", "amount (CNY bn)" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (charts); c++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        g_autoptr (AtlasChart) chart = charts[c].type == ATLAS_CHART_TIMELINE
                                         ? make_timeline (charts[c].table, s % 2)
                                         : make_annotated_chart (charts[c].table, charts[c].type, charts[c].x,
                                                                 charts[c].y, s % 2, c == 0 ? events : NULL);
        cairo_surface_t *surface = render (chart, sizes[s][0], sizes[s][1], &layout);
        GArray *boxes = atlas_chart_get_text_boxes (layout);
        g_autoptr (AtlasChartLayout) measured = atlas_chart_layout_new (chart, NULL, sizes[s][0], sizes[s][1]);
        GArray *measured_boxes = atlas_chart_get_text_boxes (measured);
        cairo_rectangle_t plot, measured_plot;

        g_assert_cmpuint (boxes->len, >, 2);
        /* Measured without drawing, a chart is placed as it is drawn. */
        g_assert_cmpuint (measured_boxes->len, ==, boxes->len);
        for (guint i = 0; i < boxes->len; i++)
          {
            const AtlasTextBox *drawn = &g_array_index (boxes, AtlasTextBox, i);
            const AtlasTextBox *measured_box = &g_array_index (measured_boxes, AtlasTextBox, i);
            g_assert_cmpmem (&drawn->box, sizeof drawn->box, &measured_box->box, sizeof measured_box->box);
            g_assert_cmpstr (drawn->text, ==, measured_box->text);
          }
        g_assert_cmpint (atlas_chart_get_plot_area (layout, &plot), ==,
                         atlas_chart_get_plot_area (measured, &measured_plot));
        if (atlas_chart_get_plot_area (layout, &plot))
          g_assert_cmpmem (&plot, sizeof plot, &measured_plot, sizeof measured_plot);
        for (double px = 0; px < sizes[s][0]; px += sizes[s][0] / 7.0)
          {
            AtlasChartPick drawn_pick = { 0 }, measured_pick = { 0 };
            double py = sizes[s][1] / 2.0;
            g_assert_cmpint (atlas_chart_pick (layout, px, py, &drawn_pick), ==,
                             atlas_chart_pick (measured, px, py, &measured_pick));
            g_assert_cmpmem (&drawn_pick, sizeof drawn_pick, &measured_pick, sizeof measured_pick);
          }
        for (guint i = 0; i < boxes->len; i++)
          {
            const cairo_rectangle_t *a = &g_array_index (boxes, AtlasTextBox, i).box;
            if (a->x < -0.5 || a->y < -0.5 || a->x + a->width > sizes[s][0] + 0.5 || a->y + a->height > sizes[s][1] + 0.5)
              g_error ("%s at %dx%d: text box %u (%g,%g %gx%g) leaves the canvas",
                       atlas_chart_type_to_string (charts[c].type), sizes[s][0], sizes[s][1], i, a->x, a->y, a->width,
                       a->height);
            for (guint j = i + 1; j < boxes->len; j++)
              if (boxes_overlap (a, &g_array_index (boxes, AtlasTextBox, j).box))
                {
                  const cairo_rectangle_t *b = &g_array_index (boxes, AtlasTextBox, j).box;
                  g_error ("%s at %dx%d: text boxes %u (%g,%g %gx%g) and %u (%g,%g %gx%g) overlap",
                           atlas_chart_type_to_string (charts[c].type), sizes[s][0], sizes[s][1], i, a->x, a->y,
                           a->width, a->height, j, b->x, b->y, b->width, b->height);
                }
          }
        cairo_surface_destroy (surface);
      }
}

/* Notes and event labels go where they cover no data and no text; every
 * event line is labelled or grouped under a neighbour's "+N" label, and
 * reads its event on hover; what cannot fit is named under the plot; no
 * text is under 9 px. Each failed before the placer checked the data. */
static void
test_labels_cover_nothing (void)
{
  g_autoptr (AtlasTable) table = load_table (
    "peak.csv", "year,imports (USD bn)\n2017,260\n2018,312\n2019,306\n2020,350\n2021,432\n2022,415\n2023,349\n"
                "2024,385\n");
  g_autoptr (AtlasChart) plain = make_chart (table, ATLAS_CHART_LINE, "year", "imports (USD bn)", FALSE);
  AtlasChartSpec spec = *atlas_chart_get_spec (plain);
  const char *events[] = { "Huawei added to Entity List", "46 more Huawei affiliates listed",
                           "FDP rule amended to target Huawei", "Huawei FDP rule tightened", "SMIC added to Entity List",
                           "EDA controls for GAAFET designs", "Advanced computing and chipmaking rule",
                           "YMTC and Cambricon added to Entity List", "Update of the October 2022 rules" };
  const double event_years[] = { 2019.37, 2019.63, 2020.37, 2020.63, 2020.97, 2022.62, 2022.77, 2022.96, 2023.8 };
  static const double sizes[][2] = { { 320, 240 }, { 800, 500 }, { 1200, 800 } };
  g_autoptr (AtlasChart) chart = NULL;

  const AtlasColumn *years = atlas_table_find_column (table, "year");
  double event_x[G_N_ELEMENTS (events)];

  spec.annotations = NULL;
  spec.events = NULL;
  atlas_chart_spec_add_annotation (&spec, ATLAS_ANNOTATION_CALLOUT, atlas_column_get_number (years, 4), 0, NAN, 0,
                                   "Imports peaked at USD 432 bn in 2021.");
  atlas_chart_spec_add_annotation (&spec, ATLAS_ANNOTATION_CALLOUT, atlas_column_get_number (years, 6), 0, NAN, 0,
                                   "USD 349.4 bn in 2023, 15.4% less than in 2022.");
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      /* Years may read as dates: the event's x lies between its year's and the next's. */
      gsize row = (gsize) floor (event_years[i]) - 2017;
      double from = atlas_column_get_number (years, row), to = atlas_column_get_number (years, row + 1);
      event_x[i] = from + (event_years[i] - floor (event_years[i])) * (to - from);
      atlas_chart_spec_add_event (&spec, NULL, event_x[i], events[i]);
    }
  chart = atlas_chart_new (table, &spec, NULL);
  g_clear_pointer (&spec.annotations, g_array_unref);
  g_clear_pointer (&spec.events, g_array_unref);
  g_assert_nonnull (chart);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr (AtlasChartLayout) layout = atlas_chart_layout_new (chart, NULL, sizes[s][0], sizes[s][1]);
      g_autoptr (AtlasChartAudit) audit = atlas_chart_audit (layout);
      g_autofree char *findings = atlas_chart_audit_describe (audit);
      GArray *boxes = atlas_chart_get_text_boxes (layout);
      GArray *dropped = atlas_chart_get_dropped (layout);
      cairo_rectangle_t plot;
      gboolean says_left_out = FALSE;

      if (!atlas_chart_audit_is_clean (audit))
        g_error ("at %gx%g:\n%s", sizes[s][0], sizes[s][1], findings);
      g_assert_cmpfloat (audit->smallest_text_px, >=, 9);
      for (guint i = 0; i < boxes->len; i++)
        says_left_out |= strstr (g_array_index (boxes, AtlasTextBox, i).text, "Left out at this size") != NULL;
      /* Anything left out but grouped is named under the plot. */
      for (guint i = 0; i < dropped->len; i++)
        if (!strstr (g_array_index (dropped, AtlasDroppedItem, i).what, "grouped under") && !says_left_out)
          g_error ("at %gx%g, “%s” is left out without a word", sizes[s][0], sizes[s][1],
                   g_array_index (dropped, AtlasDroppedItem, i).what);
      /* Each event's line reads its label under the pointer. */
      g_assert_true (atlas_chart_get_plot_area (layout, &plot));
      for (guint i = 0; i < G_N_ELEMENTS (events); i++)
        {
          AtlasScale *x_scale = atlas_scale_new_linear (atlas_column_get_number (years, 0),
                                                        atlas_column_get_number (years, 7));
          const char *note;
          AtlasChartPick pick;
          double px;

          atlas_scale_set_range (x_scale, plot.x, plot.x + plot.width);
          px = atlas_scale_map (x_scale, event_x[i]);
          atlas_scale_free (x_scale);
          /* A label of its own starts just right of its line, never ends at it. */
          for (guint b = 0; b < boxes->len; b++)
            if (g_strcmp0 (g_array_index (boxes, AtlasTextBox, b).text, events[i]) == 0)
              {
                double start = g_array_index (boxes, AtlasTextBox, b).box.x;
                g_assert_cmpfloat (start, >, px);
                g_assert_cmpfloat (start, <, px + 20);
              }
          if (atlas_chart_pick (layout, px, plot.y + plot.height - 1, &pick))
            continue; /* a value is nearer: it wins the pointer */
          note = atlas_chart_hover_note_at (layout, px, plot.y + plot.height - 1);
          g_assert_nonnull (note);
          g_assert_nonnull (strstr (note, events[i]));
        }
      /* At 1200 x 800 both notes have their boxes. */
      for (guint i = 0; s == 2 && i < dropped->len; i++)
        g_assert_null (strstr (g_array_index (dropped, AtlasDroppedItem, i).what, "note"));
    }
}

/* Bars over years stand side by side for the years present, with no
 * empty slots for the years between (2012, then 2018): failed while bars
 * stood on a linear axis. */
static void
test_bars_over_years_present (void)
{
  g_autoptr (AtlasTable) table = load_table ("years.csv", "year,share (%)\n2012,42\n2018,34\n2019,33\n");
  g_autoptr (AtlasChart) chart = make_chart (table, ATLAS_CHART_BAR, "year", "share (%)", FALSE);
  g_autoptr (AtlasChartLayout) layout = NULL;
  cairo_surface_t *surface = render (chart, 800, 500, &layout);
  GArray *boxes = atlas_chart_get_text_boxes (layout);
  const char *years[] = { "2012", "2018", "2019" };
  double first_gap, second_gap;

  g_assert_cmpuint (layout->marks->len, ==, 3);
  first_gap = g_array_index (layout->marks, AtlasChartMark, 1).x - g_array_index (layout->marks, AtlasChartMark, 0).x;
  second_gap = g_array_index (layout->marks, AtlasChartMark, 2).x - g_array_index (layout->marks, AtlasChartMark, 1).x;
  g_assert_cmpfloat (fabs (first_gap - second_gap), <, 1);
  /* Each year present is named under its bar, and no other. */
  for (guint y = 0; y < G_N_ELEMENTS (years); y++)
    {
      gboolean named = FALSE;
      for (guint i = 0; i < boxes->len; i++)
        named |= g_strcmp0 (g_array_index (boxes, AtlasTextBox, i).text, years[y]) == 0;
      g_assert_true (named);
    }
  for (guint i = 0; i < boxes->len; i++)
    g_assert_cmpstr (g_array_index (boxes, AtlasTextBox, i).text, !=, "2015");
  cairo_surface_destroy (surface);
}

/* Two names that differ only at their ends, cut short beside their bars,
 * still read differently: failed while names were cut at the end. */
static void
test_names_keep_their_ends (void)
{
  g_autoptr (AtlasTable) table = load_table (
    "funds.csv", "fund,amount (CNY bn)\n"
                 "Guangdong Semiconductor and IC Equity Investment Fund phase I,10\n"
                 "Guangdong Semiconductor and IC Equity Investment Fund phase II,11\n"
                 "Shenzhen semiconductor and IC industry fund,5\n");
  g_autoptr (AtlasChart) chart = make_chart (table, ATLAS_CHART_BAR_HORIZONTAL, "fund", "amount (CNY bn)", FALSE);
  g_autoptr (AtlasChartLayout) layout = NULL;
  cairo_surface_t *surface = render (chart, 640, 400, &layout);
  GArray *boxes = atlas_chart_get_text_boxes (layout);
  const cairo_rectangle_t *names[2] = { NULL, NULL };
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  gboolean differ = FALSE;

  for (guint i = 0; i < boxes->len; i++)
    {
      const AtlasTextBox *box = &g_array_index (boxes, AtlasTextBox, i);
      if (g_str_has_suffix (box->text, "phase I"))
        names[0] = &box->box;
      else if (g_str_has_suffix (box->text, "phase II"))
        names[1] = &box->box;
    }
  g_assert_nonnull (names[0]);
  g_assert_nonnull (names[1]);
  /* Cut short, or the test says nothing. */
  g_assert_cmpfloat (names[0]->width, <, 640 / 2.5);
  /* Right-aligned beside the plot: compare the pixels leftwards from their right ends. */
  for (int dy = 0; dy < (int) MIN (names[0]->height, names[1]->height) && !differ; dy++)
    for (int dx = 1; dx < (int) MIN (names[0]->width, names[1]->width) && !differ; dx++)
      {
        const guint32 *a = (const guint32 *) (data + ((int) names[0]->y + dy) * stride) + (int) (names[0]->x + names[0]->width) - dx;
        const guint32 *b = (const guint32 *) (data + ((int) names[1]->y + dy) * stride) + (int) (names[1]->x + names[1]->width) - dx;
        differ = *a != *b;
      }
  g_assert_true (differ);
  cairo_surface_destroy (surface);
}

/* A note with no room by its point (bars fill the plot) is told under
 * the plot, numbered, on a chart tall enough; on a small one it is left
 * out and the chart says so. */
static void
test_notes_without_room (void)
{
  g_autoptr (AtlasTable) table = load_table ("shares.csv", "year,design (%),making (%)\n2012,35,65\n2018,38,62\n");
  g_autoptr (AtlasChart) plain = make_chart (table, ATLAS_CHART_BAR_STACKED, "year", "design (%),making (%)", FALSE);
  AtlasChartSpec spec = *atlas_chart_get_spec (plain);
  g_autoptr (AtlasChart) chart = NULL;
  static const double sizes[][2] = { { 320, 240 }, { 800, 500 } };

  spec.annotations = NULL;
  atlas_chart_spec_add_annotation (&spec, ATLAS_ANNOTATION_CALLOUT,
                                   atlas_column_get_number (atlas_table_find_column (table, "year"), 0), 0, NAN, 1,
                                   "Making earned 65% of the revenue in 2012.");
  chart = atlas_chart_new (table, &spec, NULL);
  g_clear_pointer (&spec.annotations, g_array_unref);
  g_assert_nonnull (chart);
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr (AtlasChartLayout) layout = atlas_chart_layout_new (chart, NULL, sizes[s][0], sizes[s][1]);
      g_autoptr (AtlasChartAudit) audit = atlas_chart_audit (layout);
      GArray *boxes = atlas_chart_get_text_boxes (layout);
      gboolean told = FALSE, said_left_out = FALSE;

      g_assert_true (atlas_chart_audit_is_clean (audit));
      for (guint i = 0; i < boxes->len; i++)
        {
          const char *text = g_array_index (boxes, AtlasTextBox, i).text;
          told |= strstr (text, "1. Making earned 65%") != NULL;
          said_left_out |= strstr (text, "Left out at this size: notes") != NULL;
        }
      g_assert_true (s == 0 ? said_left_out && !told : told && !said_left_out);
    }
}

/* A long table, a row per year and company, grouped by company: a line
 * per company, each with its own estimates; a year a company lacks is no
 * gap in its line; two values for one company and year are refused for
 * lines, naming both rows, and drawn as two points in a scatter. */
static void
test_group_by_column (void)
{
  g_autoptr (AtlasTable) table = load_table (
    "companies.csv", "year,company,revenue (USD bn),status\n"
                     "2021,SMIC,5.4,actual\n2021,Hua Hong,1.6,actual\n2022,SMIC,7.3,actual\n"
                     "2023,SMIC,6.3,actual\n2023,Hua Hong,2.3,actual\n2024,SMIC,8.0,actual\n"
                     "2024,Hua Hong,2.0,forecast\n");
  g_autoptr (AtlasTable) twice = load_table ("twice.csv", "year,scope,share (%)\n2022,300mm,22\n2022,300mm,21\n"
                                                          "2023,300mm,23\n2022,all,24\n");
  g_autoptr (AtlasChart) chart = NULL;
  g_autoptr (AtlasChart) points = NULL;
  g_autoptr (AtlasChartLayout) layout = NULL;
  g_autoptr (GError) error = NULL;
  AtlasChartSpec spec;
  cairo_surface_t *surface;
  double x, y;

  atlas_chart_spec_init (&spec);
  spec.type = ATLAS_CHART_LINE;
  spec.x_column = g_strdup ("year");
  spec.y_columns = g_strsplit ("revenue (USD bn)", ",", -1);
  spec.group_column = g_strdup ("company");
  spec.status_column = g_strdup ("status");
  chart = atlas_chart_new (table, &spec, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (atlas_chart_get_n_series (chart), ==, 2);
  g_assert_cmpstr (atlas_chart_get_series_name (chart, 0), ==, "SMIC");
  g_assert_cmpstr (atlas_chart_get_series_name (chart, 1), ==, "Hua Hong");
  /* The spec stays as asked: the value column, grouped. */
  g_assert_cmpstr (atlas_chart_get_spec (chart)->group_column, ==, "company");
  g_assert_cmpstr (atlas_chart_get_spec (chart)->y_columns[0], ==, "revenue (USD bn)");
  /* Hua Hong's 2024 forecast makes SMIC's 2024 figure no estimate. */
  for (gsize row = 0; row < chart->n_rows; row++)
    if (chart->x_values[row] == atlas_column_get_number (atlas_table_find_column (chart->table, "year"), row)
        && !isnan (g_array_index (chart->series, AtlasChartSeries, 0).values[row]))
      g_assert_false (atlas_chart_value_estimated (chart, 0, row));
  surface = render (chart, 800, 500, &layout);
  /* Hua Hong has no 2022 row: its line runs on from 2021 to 2023. */
  {
    gsize row_2021 = G_MAXSIZE, row_2023 = G_MAXSIZE;
    double x0, y0, x1, y1;
    AtlasColor color = atlas_theme_series_color (atlas_theme_get (FALSE), 1);

    for (gsize row = 0; row < chart->n_rows; row++)
      {
        double value = g_array_index (chart->series, AtlasChartSeries, 1).values[row];
        if (value == 1.6)
          row_2021 = row;
        else if (value == 2.3)
          row_2023 = row;
      }
    g_assert_true (atlas_chart_point_position (layout, 1, row_2021, &x0, &y0));
    g_assert_true (atlas_chart_point_position (layout, 1, row_2023, &x1, &y1));
    {
      gboolean found = FALSE;
      for (int dy = -2; dy <= 2 && !found; dy++)
        found = pixel_is (surface, (int) ((x0 + x1) / 2), (int) round ((y0 + y1) / 2) + dy, &color, 80);
      g_assert_true (found);
    }
  }
  g_assert_true (atlas_chart_point_position (layout, 0, 0, &x, &y));
  cairo_surface_destroy (surface);

  /* Two 2022 values for 300mm: refused for a line, naming both rows. */
  g_free (spec.group_column);
  spec.group_column = g_strdup ("scope");
  g_strfreev (spec.y_columns);
  spec.y_columns = g_strsplit ("share (%)", ",", -1);
  g_clear_pointer (&spec.status_column, g_free);
  g_assert_null (atlas_chart_new (twice, &spec, &error));
  g_assert_nonnull (strstr (error->message, "Rows 1 and 2 give “300mm” two values at 2022"));
  g_clear_error (&error);
  /* As points, both stand. */
  spec.type = ATLAS_CHART_SCATTER;
  points = atlas_chart_new (twice, &spec, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (atlas_chart_get_n_series (points), ==, 2);
  g_clear_pointer (&layout, atlas_chart_layout_unref);
  layout = atlas_chart_layout_new (points, NULL, 800, 500);
  g_assert_true (atlas_chart_point_position (layout, 0, 0, &x, &y));
  g_assert_true (atlas_chart_point_position (layout, 0, 1, &x, &y));
  g_assert_false (atlas_chart_point_position (layout, 0, 3, &x, &y));
  g_assert_true (atlas_chart_point_position (layout, 1, 3, &x, &y));
  atlas_chart_spec_clear (&spec);

  /* A column with more values than a chart can tell apart: why not. */
  {
    g_autoptr (GString) csv = g_string_new ("year,id,value\n");
    g_autoptr (AtlasTable) many = NULL;

    for (guint i = 0; i < 70; i++)
      g_string_append_printf (csv, "2020,n%u,%u\n", i, i);
    many = load_table ("ids.csv", csv->str);
    atlas_chart_spec_init (&spec);
    spec.x_column = g_strdup ("year");
    spec.y_columns = g_strsplit ("value", ",", -1);
    spec.group_column = g_strdup ("id");
    g_assert_null (atlas_chart_new (many, &spec, &error));
    g_assert_nonnull (strstr (error->message, "Column “id” makes 70 series: too many to tell apart (at most 60)"));
    atlas_chart_spec_clear (&spec);
  }
}

/* The first chart of tables shaped as public data often are, read as a
 * person would: a decimal year along x and never among the values; ids,
 * codes and coordinates never drawn as values; only columns of a size
 * share an axis; a country-by-year panel as a handful of lines, its
 * aggregate first. The tables are made here. */
static void
test_suggestions_read_tables (void)
{
  /* A monthly record with its year, month and decimal date. */
  {
    g_autoptr (GString) csv = g_string_new ("year,month,decimal date,average,deseasonalized,ndays,sdev,unc\n");
    g_autoptr (AtlasTable) table = NULL;
    AtlasChartSpec spec;
    const char *expected[] = { "average", "deseasonalized", NULL };

    for (guint i = 0; i < 48; i++)
      g_string_append_printf (csv, "%u,%u,%.4f,%.2f,%.2f,%u,%.2f,%.2f\n", 1990 + i / 12, i % 12 + 1,
                              1990 + (i + 0.5) / 12.0, 350 + i * 0.15 + (i % 12 < 6 ? 2 : -2), 350 + i * 0.15,
                              20 + i % 9, 0.3 + (i % 5) * 0.1, 0.1 + (i % 3) * 0.05);
    table = load_table ("monthly.csv", csv->str);
    atlas_chart_spec_init (&spec);
    atlas_chart_spec_suggest (table, &spec, TRUE);
    g_assert_cmpint (spec.type, ==, ATLAS_CHART_LINE);
    g_assert_cmpstr (spec.x_column, ==, "decimal date");
    g_assert_cmpstrv (spec.y_columns, expected);
    atlas_chart_spec_clear (&spec);
  }

  /* People with ages, coordinates and county codes, all in one year. */
  {
    g_autoptr (AtlasTable) table = load_table (
      "people.csv", "person,age,latitude,longitude,county fips,year\n"
                    "Ana,34,40.71,-74.00,36061,2020\nBo,51,34.05,-118.24,6037,2020\n"
                    "Cy,27,41.88,-87.63,17031,2020\nDee,45,29.76,-95.37,48201,2020\n");
    AtlasChartSpec spec;
    const char *expected[] = { "age", NULL };

    atlas_chart_spec_init (&spec);
    atlas_chart_spec_suggest (table, &spec, TRUE);
    g_assert_cmpstr (spec.x_column, ==, "person");
    g_assert_cmpstrv (spec.y_columns, expected);
    atlas_chart_spec_clear (&spec);
  }

  /* Billions beside hundreds, with no units said: not on one axis. */
  {
    g_autoptr (AtlasTable) table = load_table ("sizes.csv", "year,revenue,employees,profit\n"
                                                            "2020,3100000000,120,410000000\n"
                                                            "2021,3900000000,135,520000000\n"
                                                            "2022,5400000000,150,900000000\n");
    AtlasChartSpec spec;
    const char *expected[] = { "revenue", "profit", NULL };

    atlas_chart_spec_init (&spec);
    atlas_chart_spec_suggest (table, &spec, TRUE);
    g_assert_cmpstr (spec.x_column, ==, "year");
    g_assert_cmpstrv (spec.y_columns, expected);
    atlas_chart_spec_clear (&spec);
  }

  /* Countries by year, with the world: the world and the four largest. */
  {
    g_autoptr (GString) csv = g_string_new ("Country Name,Country Code,Year,Value\n");
    g_autoptr (AtlasTable) table = NULL;
    AtlasChartSpec spec;
    const char *expected[] = { "World", "Country 19", "Country 18", "Country 17", "Country 16", NULL };

    for (guint c = 0; c < 20; c++)
      for (guint year = 2000; year <= 2020; year++)
        g_string_append_printf (csv, "Country %02u,C%02u,%u,%u\n", c, c, year, (c + 1) * 10 + year - 2000);
    for (guint year = 2000; year <= 2020; year++)
      g_string_append_printf (csv, "World,WLD,%u,%u\n", year, 5000 + year);
    table = load_table ("countries.csv", csv->str);
    atlas_chart_spec_init (&spec);
    atlas_chart_spec_suggest (table, &spec, TRUE);
    g_assert_cmpint (spec.type, ==, ATLAS_CHART_LINE);
    g_assert_cmpstr (spec.x_column, ==, "Year");
    g_assert_cmpstr (spec.group_column, ==, "Country Name");
    g_assert_cmpstrv (spec.group_values, expected);
    atlas_chart_spec_clear (&spec);
  }
}

/* Event lines take the colour of the side that acted, in the order the
 * events' table names the sides (so a side keeps its colour in every
 * chart), and the key says which is whose. */
static void
test_events_by_side (void)
{
  g_autoptr (AtlasTable) table = load_table ("trade.csv", "year,imports (USD bn)\n2017,260\n2018,312\n2019,306\n"
                                                          "2020,350\n2021,432\n");
  g_autoptr (AtlasChart) plain = make_chart (table, ATLAS_CHART_LINE, "year", "imports (USD bn)", FALSE);
  AtlasChartSpec spec = *atlas_chart_get_spec (plain);
  const AtlasColumn *years = atlas_table_find_column (table, "year");
  const char *sides[] = { "China", "US", NULL };
  double x = atlas_column_get_number (years, 2) + (atlas_column_get_number (years, 3) - atlas_column_get_number (years, 2)) / 2;
  g_autoptr (AtlasChart) chart = NULL;
  g_autoptr (AtlasChartLayout) layout = NULL;
  cairo_surface_t *surface;
  AtlasColor us = atlas_theme_event_color (atlas_theme_get (FALSE), 1);
  GArray *boxes;
  gboolean keyed = FALSE, found = FALSE;
  AtlasScale *x_scale;
  double px;

  spec.annotations = NULL;
  spec.events = NULL;
  spec.event_sides = (GStrv) sides;
  atlas_chart_spec_add_event (&spec, "US", x, "Entity List rule");
  chart = atlas_chart_new (table, &spec, NULL);
  g_clear_pointer (&spec.events, g_array_unref);
  g_assert_nonnull (chart);
  surface = render (chart, 800, 500, &layout);
  boxes = atlas_chart_get_text_boxes (layout);
  for (guint i = 0; i < boxes->len; i++)
    keyed |= g_strcmp0 (g_array_index (boxes, AtlasTextBox, i).text, "US events") == 0;
  g_assert_true (keyed);
  /* The line, under the plot's middle, is in the US's colour: the
   * second side of the table, though the only one in this chart. */
  x_scale = atlas_scale_new_linear (atlas_column_get_number (years, 0), atlas_column_get_number (years, 4));
  atlas_scale_set_range (x_scale, layout->plot.x, layout->plot.x + layout->plot.width);
  px = round (atlas_scale_map (x_scale, x)) + 0.5;
  atlas_scale_free (x_scale);
  for (int y = (int) (layout->plot.y + layout->plot.height * 0.6); y < layout->plot.y + layout->plot.height - 2 && !found; y++)
    found = pixel_is (surface, (int) px, y, &us, 60);
  g_assert_true (found);
  cairo_surface_destroy (surface);
}

static void
test_million_point_spike (void)
{
  g_autoptr (AtlasChartLayout) layout = NULL;
  GString *text = g_string_new ("t,v\n");
  g_autoptr (AtlasTable) table = NULL;
  g_autoptr (AtlasChart) chart = NULL;
  cairo_surface_t *surface;
  AtlasColor color = atlas_theme_series_color (atlas_theme_get (FALSE), 0);
  const gsize n = 1000000, spike = 612345;
  double x, y;
  gboolean found = FALSE;

  /* One sample in a million stands out; drawing every point would show it. */
  for (gsize i = 0; i < n; i++)
    g_string_append_printf (text, "%zu,%s\n", i, i == spike ? "100" : (i % 2 ? "1" : "0"));
  table = load_table ("spike.csv", text->str);
  g_string_free (text, TRUE);
  chart = make_chart (table, ATLAS_CHART_LINE, "t", "v", FALSE);
  surface = render (chart, 1200, 800, &layout);

  g_assert_true (atlas_chart_point_position (layout, 0, spike, &x, &y));
  for (int dx = -1; dx <= 1 && !found; dx++)
    found = pixel_is (surface, (int) x + dx, (int) y + 2, &color, 60);
  g_assert_true (found);
  cairo_surface_destroy (surface);
}

/* The interpolating, galloping search against a plain scan, on x with
 * repeats, uneven gaps, missing values and rows out of order. */
static void
test_lower_bound (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (23);

  for (guint round = 0; round < 20; round++)
    {
      GString *text = g_string_new ("x,y\n");
      g_autoptr (AtlasTable) table = NULL;
      g_autoptr (AtlasChart) chart = NULL;
      guint n = (guint) g_rand_int_range (rand, 1, 3000);

      for (guint i = 0; i < n; i++)
        {
          if (g_rand_int_range (rand, 0, 20) == 0)
            g_string_append (text, "NA,1\n");
          else
            g_string_append_printf (text, "%d,1\n", round % 2 ? g_rand_int_range (rand, 0, 500)
                                                               : (int) (i * i / 50));
        }
      table = load_table ("bounds.csv", text->str);
      g_string_free (text, TRUE);
      chart = make_chart (table, ATLAS_CHART_LINE, "x", "y", FALSE);

      for (guint q = 0; q < 500; q++)
        {
          double x = g_rand_double_range (rand, -10, 600);
          gsize from = (gsize) g_rand_int_range (rand, 0, (gint32) chart->n_ordered + 1);
          gsize expected = from;

          while (expected < chart->n_ordered && chart->x_values[atlas_chart_row_at (chart, expected)] < x)
            expected++;
          g_assert_cmpuint (atlas_chart_lower_bound_from (chart, x, from), ==, expected);
        }
    }
}

/* The chart drawn at width x height x scale into an image surface, as an
 * export draws it before writing its PNG. */
static cairo_surface_t *
render_for_png (AtlasChart *chart,
                int         width,
                int         height,
                int         scale)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
  cairo_t *cr = cairo_create (surface);

  cairo_scale (cr, scale, scale);
  atlas_chart_layout_unref (atlas_chart_render (chart, cr, width, height));
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* A PNG's image data is compressed in bands, each on a thread: read back,
 * it holds exactly the pixels drawn, opaque or see-through, for one band
 * (under 400 rows) and several (800 and 1,600 rows). See-through pixels come back
 * as PNG keeps them, not premultiplied: their alpha exactly, their colour
 * to within the rounding of premultiplying it again. */
static void
test_export_png_pixels (void)
{
  static const struct
  {
    int width, height, scale;
    gboolean transparent;
  } sizes[] = {
    { 200, 90, 1, FALSE }, { 800, 400, 4, FALSE }, { 640, 400, 2, TRUE },
  };
  g_autoptr (AtlasTable) table = load_table ("imports.csv", imports_csv);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr (AtlasChart) chart = make_chart (table, ATLAS_CHART_LINE, "year", "imports (USD bn)", FALSE);
      g_autofree char *path = g_build_filename (test_dir, "pixels.png", NULL);
      g_autoptr (GError) error = NULL;
      cairo_surface_t *drawn, *read;
      int width = sizes[i].width * sizes[i].scale, height = sizes[i].height * sizes[i].scale;

      atlas_chart_set_look (chart, FALSE, sizes[i].transparent);
      g_assert_true (atlas_chart_export (chart, path, sizes[i].width, sizes[i].height, sizes[i].scale, &error));
      g_assert_no_error (error);
      drawn = render_for_png (chart, sizes[i].width, sizes[i].height, sizes[i].scale);
      read = cairo_image_surface_create_from_png (path);
      g_assert_cmpint (cairo_surface_status (read), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (read), ==, width);
      g_assert_cmpint (cairo_image_surface_get_height (read), ==, height);
      cairo_surface_flush (read);
      for (int y = 0; y < height; y++)
        {
          const guint32 *want = (const guint32 *) (cairo_image_surface_get_data (drawn)
                                                   + (gsize) y * cairo_image_surface_get_stride (drawn));
          const guint32 *got = (const guint32 *) (cairo_image_surface_get_data (read)
                                                  + (gsize) y * cairo_image_surface_get_stride (read));
          for (int x = 0; x < width; x++)
            {
              guint alpha = want[x] >> 24;

              if (!sizes[i].transparent)
                g_assert_cmphex (got[x] | 0xff000000u, ==, want[x]);
              else
                {
                  g_assert_cmpuint (got[x] >> 24, ==, alpha);
                  for (int shift = 0; shift < 24; shift += 8)
                    g_assert_cmpint (ABS ((int) ((got[x] >> shift) & 0xff) - (int) ((want[x] >> shift) & 0xff)), <=, 1);
                }
            }
        }
      cairo_surface_destroy (drawn);
      cairo_surface_destroy (read);
    }
}

static void
test_export_formats (void)
{
  g_autoptr (AtlasTable) table = load_table ("imports.csv", imports_csv);
  g_autoptr (AtlasChart) chart = make_chart (table, ATLAS_CHART_LINE, "year", "imports (USD bn)", FALSE);
  g_autofree char *png = g_build_filename (test_dir, "chart.png", NULL);
  g_autofree char *svg = g_build_filename (test_dir, "chart.svg", NULL);
  g_autofree char *pdf = g_build_filename (test_dir, "chart.pdf", NULL);
  g_autofree char *svg_text = NULL, *pdf_text = NULL;
  g_autoptr (GError) error = NULL;
  cairo_surface_t *image;
  gsize len;

  g_assert_true (atlas_chart_export (chart, png, 640, 400, 2, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1280);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 800);
  /* An opaque chart is written without an alpha channel. */
  g_assert_cmpint (cairo_image_surface_get_format (image), ==, CAIRO_FORMAT_RGB24);
  cairo_surface_destroy (image);

  {
    g_autoptr (AtlasChart) transparent = NULL;
    AtlasChartSpec spec = *atlas_chart_get_spec (chart);
    g_autofree char *clear = g_build_filename (test_dir, "clear.png", NULL);

    spec.transparent = TRUE;
    transparent = atlas_chart_new (table, &spec, &error);
    g_assert_no_error (error);
    g_assert_true (atlas_chart_export (transparent, clear, 320, 200, 1, &error));
    image = cairo_image_surface_create_from_png (clear);
    g_assert_cmpint (cairo_image_surface_get_format (image), ==, CAIRO_FORMAT_ARGB32);
    cairo_surface_flush (image);
    /* The corner, outside every mark and label, is see-through. */
    g_assert_cmpuint (*(const guint32 *) cairo_image_surface_get_data (image) >> 24, ==, 0);
    cairo_surface_destroy (image);
  }

  g_assert_true (atlas_chart_export (chart, svg, 640, 400, 1, &error));
  g_assert_true (g_file_get_contents (svg, &svg_text, &len, NULL));
  g_assert_nonnull (strstr (svg_text, "<svg"));
  g_assert_nonnull (strstr (svg_text, "width=\"640\""));
  g_assert_nonnull (strstr (svg_text, "height=\"400\""));

  g_assert_true (atlas_chart_export (chart, pdf, 640, 400, 1, &error));
  g_assert_true (g_file_get_contents (pdf, &pdf_text, &len, NULL));
  g_assert_true (g_str_has_prefix (pdf_text, "%PDF-"));
  /* memmem: a PDF holds binary streams with NUL bytes. */
  g_assert_nonnull (memmem (pdf_text, len, "/MediaBox [ 0 0 640 400 ]", 25));
  /* Fonts travel with the file, the CJK face for the title's Chinese too. */
  g_assert_nonnull (memmem (pdf_text, len, "/FontFile", 9));
  g_assert_nonnull (memmem (pdf_text, len, "NotoSansCJK", 11));
  /* The title and subtitle are the document's own, as UTF-16 for the
   * Chinese in them; the program that made it is named. */
  g_assert_nonnull (memmem (pdf_text, len, "/Title <FEFF", 12));
  g_assert_nonnull (memmem (pdf_text, len, "/Subject (Value of integrated circuits imported, by year)", 56));
  g_assert_nonnull (memmem (pdf_text, len, "/Creator (Silicon Atlas)", 24));
}

static void
assert_export_fails_keeping (AtlasChart *chart,
                             const char *path,
                             const char *expected_reason)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gboolean existed = g_file_get_contents (path, &before, NULL, NULL);

  g_assert_false (atlas_chart_export (chart, path, 3840, 2160, 4, &error));
  g_assert_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_EXPORT);
  if (!strstr (error->message, expected_reason))
    g_error ("“%s” does not say “%s”", error->message, expected_reason);
  if (existed)
    {
      g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
      g_assert_cmpstr (before, ==, after);
    }
}

static void
test_export_failures (void)
{
  g_autoptr (AtlasTable) table = load_table ("imports.csv", imports_csv);
  g_autoptr (AtlasChart) chart = make_chart (table, ATLAS_CHART_LINE, "year", "imports (USD bn)", FALSE);
  g_autofree char *missing = g_build_filename (test_dir, "no-such-folder", "chart.png", NULL);
  g_autofree char *locked_dir = g_build_filename (test_dir, "locked", NULL);
  g_autofree char *locked = g_build_filename (locked_dir, "chart.png", NULL);
  g_autoptr (GError) error = NULL;

  assert_export_fails_keeping (chart, missing, "the folder does not exist");
  g_assert_false (atlas_chart_export (chart, "chart.gif", 100, 100, 1, &error));
  g_assert_nonnull (strstr (error->message, ".png, .svg or .pdf"));
  g_clear_error (&error);
  /* 80,000 × 32,000 pixels would take 10 GB: refused before drawing. */
  g_assert_false (atlas_chart_export (chart, missing, 20000, 8000, 4, &error));
  g_assert_nonnull (strstr (error->message, "too large"));
  g_clear_error (&error);
  {
    g_autofree char *vector = g_build_filename (test_dir, "large.svg", NULL);
    /* The same size as a drawing costs nothing more. */
    g_assert_true (atlas_chart_export (chart, vector, 20000, 8000, 1, &error));
    g_assert_no_error (error);
  }

  g_mkdir (locked_dir, 0755);
  g_assert_true (g_file_set_contents (locked, "an older chart", -1, NULL));
  g_chmod (locked_dir, 0555);
  if (access (locked_dir, W_OK) == 0)
    g_test_message ("running with rights that write anywhere: the read-only case is covered by the full disk");
  else
    assert_export_fails_keeping (chart, locked, "you may not write in that folder");
  g_chmod (locked_dir, 0755);
}

/* A full disk, from a tiny tmpfs; needs the right to mount, which CI has. */
static void
test_export_disk_full (void)
{
  g_autoptr (AtlasTable) table = load_table ("imports.csv", imports_csv);
  g_autoptr (AtlasChart) chart = make_chart (table, ATLAS_CHART_LINE, "year", "imports (USD bn)", FALSE);
  g_autofree char *mount_point = g_build_filename (test_dir, "small-disk", NULL);
  g_autofree char *path = g_build_filename (mount_point, "chart.png", NULL);
  const char *mount_argv[] = { "mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount_point, NULL };
  const char *umount_argv[] = { "umount", mount_point, NULL };
  int status = -1;

  g_mkdir (mount_point, 0755);
  if (!g_spawn_sync (NULL, (char **) mount_argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                     NULL, NULL, NULL, &status, NULL)
      || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_rmdir (mount_point);
      g_test_skip ("no right to mount a small filesystem here");
      return;
    }
  g_assert_true (g_file_set_contents (path, "an older chart", -1, NULL));
  assert_export_fails_keeping (chart, path, "the disk is full");
  g_spawn_sync (NULL, (char **) umount_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  g_rmdir (mount_point);
}

static void
test_annotation_out_of_view (void)
{
  g_autoptr (AtlasChartLayout) layout = NULL;
  g_autoptr (AtlasTable) table = load_table ("imports.csv", imports_csv);
  g_autoptr (AtlasChart) chart = make_annotated_chart (table, ATLAS_CHART_LINE, "year", "imports (USD bn)", FALSE,
                                                        NULL);
  cairo_surface_t *surface = render (chart, 900, 600, &layout);
  guint with_all = atlas_chart_get_text_boxes (layout)->len;
  double x2017 = atlas_days_from_civil (2017, 1, 1) * 86400, x2019 = atlas_days_from_civil (2019, 6, 1) * 86400;

  /* Zoomed to 2017-2019: the 2021 callout's anchor is out of view, and so
   * is the 300 bn line once the y range is 250-280; the range stays. */
  atlas_chart_set_view (chart, x2017, x2019, 250, 280);
  cairo_surface_destroy (surface);
  surface = render (chart, 900, 600, &layout);
  g_assert_cmpuint (atlas_chart_get_text_boxes (layout)->len, <, with_all);
  cairo_surface_destroy (surface);
}

/* In a table with a status column, as every built-in dataset has, a value
 * with no neighbour is a dot, and a zoomed line runs to the plot's edge
 * rather than stopping at the last point in view. */
static void
test_status_lines_hide_nothing (void)
{
  g_autoptr (AtlasChartLayout) layout = NULL;
  g_autoptr (AtlasTable) table = load_table ("lonely.csv", "year,value,status\n2014,5,final\n2015,,final\n"
                                                             "2016,8,final\n2017,7,final\n2018,,final\n"
                                                             "2019,8,final\n2020,,final\n2021,9,final\n");
  AtlasColor color = atlas_theme_series_color (atlas_theme_get (FALSE), 0);
  AtlasChartSpec spec;
  g_autoptr (AtlasChart) chart = NULL;
  cairo_surface_t *surface;
  cairo_rectangle_t plot;
  double x, y, t2016, t2019, x2016, y2016, x2017, y2017;

  atlas_chart_spec_init (&spec);
  spec.x_column = g_strdup ("year");
  spec.y_columns = g_strsplit ("value", ",", -1);
  spec.status_column = g_strdup ("status");
  chart = atlas_chart_new (table, &spec, NULL);
  atlas_chart_spec_clear (&spec);
  surface = render (chart, 800, 500, &layout);
  /* 2014, 2019 and 2021 stand alone: each is drawn where hover finds it. */
  for (gsize row = 0; row < 8; row++)
    if (row == 0 || row == 5 || row == 7)
      {
        g_assert_true (atlas_chart_point_position (layout, 0, row, &x, &y));
        g_assert_true (pixel_is (surface, (int) x, (int) y, &color, 40));
      }
  cairo_surface_destroy (surface);

  /* Zoomed from mid-2016 to mid-2019: the line from 2016 to 2017 enters
   * at the plot's left edge. */
  g_assert_true (atlas_chart_parse_x (table, "year", "2016", &t2016));
  g_assert_true (atlas_chart_parse_x (table, "year", "2019", &t2019));
  atlas_chart_set_view (chart, t2016 + 0.5 * 365 * 86400, t2019 + 0.5 * 365 * 86400, NAN, NAN);
  surface = render (chart, 800, 500, &layout);
  g_assert_true (atlas_chart_get_plot_area (layout, &plot));
  g_assert_false (atlas_chart_point_position (layout, 0, 2, &x2016, &y2016));
  g_assert_true (atlas_chart_point_position (layout, 0, 3, &x2017, &y2017));
  /* The series colour is somewhere in the plot's first columns: before,
   * the line began at 2017, well inside. */
  {
    gboolean found = FALSE;

    g_assert_cmpfloat (x2017, >, plot.x + 20);
    for (int py = (int) plot.y; py < (int) (plot.y + plot.height) && !found; py++)
      found = pixel_is (surface, (int) plot.x + 2, py, &color, 60);
    g_assert_true (found);
  }
  cairo_surface_destroy (surface);
}

static void
test_estimates_dashed (void)
{
  g_autoptr (AtlasChartLayout) layout = NULL;
  g_autoptr (AtlasTable) table = load_table ("status.csv", "year,value,status\n2020,10,actual\n2021,10,actual\n"
                                                             "2022,10,actual\n2023,10.37,estimate\n2024,10.37,forecast\n");
  AtlasChartSpec spec;
  g_autoptr (AtlasChart) chart = NULL;
  cairo_surface_t *surface;
  AtlasColor color = atlas_theme_series_color (atlas_theme_get (FALSE), 0);
  const AtlasTheme *theme = atlas_theme_get (FALSE);
  double x0, y0, x1, y1, x3, y3, x4, y4;
  guint solid_hits = 0, dashed_hits = 0, dashed_gaps = 0;

  atlas_chart_spec_init (&spec);
  spec.x_column = g_strdup ("year");
  spec.y_columns = g_strsplit ("value", ",", -1);
  spec.status_column = g_strdup ("status");
  chart = atlas_chart_new (table, &spec, NULL);
  atlas_chart_spec_clear (&spec);
  surface = render (chart, 800, 500, &layout);

  g_assert_true (atlas_chart_point_position (layout, 0, 0, &x0, &y0));
  g_assert_true (atlas_chart_point_position (layout, 0, 1, &x1, &y1));
  g_assert_true (atlas_chart_point_position (layout, 0, 3, &x3, &y3));
  g_assert_true (atlas_chart_point_position (layout, 0, 4, &x4, &y4));
  for (int i = 1; i < 40; i++)
    {
      double t = i / 40.0;
      solid_hits += pixel_is (surface, (int) (x0 + (x1 - x0) * t), (int) y0, &color, 40);
      if (pixel_is (surface, (int) (x3 + (x4 - x3) * t), (int) y3, &color, 40))
        dashed_hits++;
      else if (pixel_is (surface, (int) (x3 + (x4 - x3) * t), (int) y3, &theme->background, 10))
        dashed_gaps++;
    }
  /* Measured years are one solid line; estimated ones are dashed. */
  g_assert_cmpuint (solid_hits, ==, 39);
  g_assert_cmpuint (dashed_hits, >, 5);
  g_assert_cmpuint (dashed_gaps, >, 5);
  cairo_surface_destroy (surface);
}

/* With a size column, a point's circle grows with the square root of its
 * size: the largest reaches far past a plain point, the smallest not. */
static void
test_scatter_sizes (void)
{
  g_autoptr (AtlasChartLayout) layout = NULL;
  g_autoptr (AtlasTable) table = load_table ("sizes.csv", "x,y,size\n1,1,1\n5,5,100\n9,9,25\n");
  AtlasChartSpec spec;
  g_autoptr (AtlasChart) chart = NULL;
  cairo_surface_t *surface;
  const AtlasColor *background = &atlas_theme_get (FALSE)->background;
  double x, y, reach;

  atlas_chart_spec_init (&spec);
  spec.type = ATLAS_CHART_SCATTER;
  spec.x_column = g_strdup ("x");
  spec.y_columns = g_strsplit ("y", ",", -1);
  spec.size_column = g_strdup ("size");
  chart = atlas_chart_new (table, &spec, NULL);
  atlas_chart_spec_clear (&spec);
  g_assert_nonnull (chart);
  surface = render (chart, 800, 800, &layout);
  reach = MIN (layout->plot.width, layout->plot.height) / 40 * 0.8;

  g_assert_true (atlas_chart_point_position (layout, 0, 1, &x, &y));
  g_assert_false (pixel_is (surface, (int) (x + reach), (int) y, background, 5));
  g_assert_true (atlas_chart_point_position (layout, 0, 0, &x, &y));
  g_assert_true (pixel_is (surface, (int) (x + reach), (int) y, background, 5));
  cairo_surface_destroy (surface);
}

/* The chart the columns suggest for the project's own fixtures is the one
 * a person would pick. */
static void
test_suggested_charts (void)
{
  g_autoptr (AtlasChartLayout) layout = NULL;
  static const struct
  {
    const char *fixture;
    AtlasChartType type;
    const char *x;
    const char *first_y;
  } cases[] = {
    { "value-chain-shares.csv", ATLAS_CHART_BAR_HORIZONTAL, "segment", "China share (%)" },
    { "export-controls-sample.csv", ATLAS_CHART_TIMELINE, "date", NULL },
    { "china-wafer-capacity-semi.csv", ATLAS_CHART_LINE, "year", "China (M wafers/month)" },
    { "comma-basic.csv", ATLAS_CHART_LINE, "year", "imports (USD bn)" },
    { "semicolon-decimal-comma.csv", ATLAS_CHART_BAR, "Land", "Kapazität (Wafer/Monat)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (AtlasTable) table = load_fixture (cases[i].fixture);
      AtlasChartSpec spec;

      atlas_chart_spec_init (&spec);
      atlas_chart_spec_suggest (table, &spec, TRUE);
      g_assert_cmpstr (atlas_chart_type_to_string (spec.type), ==, atlas_chart_type_to_string (cases[i].type));
      g_assert_cmpstr (spec.x_column, ==, cases[i].x);
      g_assert_cmpstr (spec.y_columns[0], ==, cases[i].first_y);
      atlas_chart_spec_clear (&spec);
    }

  /* Shares of a whole make a donut; numbers against unordered numbers,
   * points; against a sequence, a line. */
  {
    static const struct
    {
      const char *name;
      const char *csv;
      AtlasChartType type;
    } shapes[] = {
      { "shares.csv", "segment,share (%)\nDesign,40\nManufacturing,35\nPackaging and test,25\n", ATLAS_CHART_DONUT },
      { "not-whole.csv", "segment,share (%)\nDesign,40\nManufacturing,35\n", ATLAS_CHART_BAR },
      { "pairs.csv", "capacity,revenue\n5,2\n1,9\n3,4\n", ATLAS_CHART_SCATTER },
      { "sequence.csv", "step,value\n1,2\n2,9\n3,4\n", ATLAS_CHART_LINE },
    };

    for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
      {
        g_autoptr (AtlasTable) table = load_table (shapes[i].name, shapes[i].csv);
        AtlasChartSpec spec;

        atlas_chart_spec_init (&spec);
        atlas_chart_spec_suggest (table, &spec, TRUE);
        g_assert_cmpstr (atlas_chart_type_to_string (spec.type), ==, atlas_chart_type_to_string (shapes[i].type));
        atlas_chart_spec_clear (&spec);
      }
  }

  /* A long table, one row per year and maker: a line per maker, the
   * rows grouped by the column that tells them apart. */
  {
    g_autoptr (AtlasTable) table = load_table ("long.csv",
                                               "year,maker,value (%),source_id\n"
                                               "2019,made in China,15.7,S1\n2019,made by Chinese firms,6.6,S2\n"
                                               "2020,made in China,15.9,S1\n2021,made in China,16.7,S1\n"
                                               "2021,made by Chinese firms,6.6,S3\n2022,made in China,17.8,S1\n");
    g_autoptr (AtlasChart) chart = NULL;
    g_autofree char *summary = NULL;
    cairo_surface_t *surface;
    AtlasChartSpec spec;

    atlas_chart_spec_init (&spec);
    atlas_chart_spec_suggest (table, &spec, TRUE);
    g_assert_cmpint (spec.type, ==, ATLAS_CHART_LINE);
    g_assert_cmpstr (spec.group_column, ==, "maker");
    g_assert_null (spec.filter_column);
    chart = atlas_chart_new (table, &spec, NULL);
    atlas_chart_spec_clear (&spec);
    g_assert_nonnull (chart);
    g_assert_cmpuint (atlas_chart_get_n_series (chart), ==, 2);
    g_assert_cmpstr (atlas_chart_get_series_name (chart, 0), ==, "made in China");
    g_assert_cmpstr (atlas_chart_get_series_name (chart, 1), ==, "made by Chinese firms");
    surface = render (chart, 600, 400, &layout);
    summary = atlas_chart_summarize (layout);
    g_assert_nonnull (strstr (summary, "made in China: highest 17.8% (2022), lowest 15.7% (2019), latest 17.8% (2022)"));
    g_assert_nonnull (strstr (summary, "made by Chinese firms: highest 6.6%"));
    cairo_surface_destroy (surface);
    g_clear_pointer (&layout, atlas_chart_layout_unref);
  }

  /* A panel, twelve firms over years: too many lines to follow, so a
   * handful, the largest by their latest value, and the others a choice
   * away; with an aggregate, it comes first. */
  {
    g_autoptr (GString) csv = g_string_new ("year,company,revenue (USD bn)\n");
    g_autoptr (AtlasTable) table = NULL;
    g_autoptr (AtlasChart) chart = NULL;
    AtlasChartSpec spec;
    const char *expected[] = { "World", "firm 03", "firm 11", "firm 10", "firm 09", NULL };

    for (guint c = 0; c < 12; c++)
      for (guint year = 2019; year < 2022 + (c == 3); year++)
        g_string_append_printf (csv, "%u,firm %02u,%u\n", year, c, c == 3 ? 90 : c + year - 2000);
    for (guint year = 2019; year < 2022; year++)
      g_string_append_printf (csv, "%u,World,%u\n", year, 300 + year - 2000);
    table = load_table ("many.csv", csv->str);
    atlas_chart_spec_init (&spec);
    atlas_chart_spec_suggest (table, &spec, TRUE);
    g_assert_cmpint (spec.type, ==, ATLAS_CHART_LINE);
    g_assert_cmpstr (spec.x_column, ==, "year");
    g_assert_cmpstr (spec.group_column, ==, "company");
    g_assert_null (spec.filter_column);
    g_assert_cmpstrv (spec.group_values, expected);
    chart = atlas_chart_new (table, &spec, NULL);
    atlas_chart_spec_clear (&spec);
    g_assert_nonnull (chart);
    g_assert_cmpuint (atlas_chart_get_n_series (chart), ==, 5);
    for (guint i = 0; expected[i]; i++)
      g_assert_cmpstr (atlas_chart_get_series_name (chart, i), ==, expected[i]);

    /* Rows chosen by a name no row has, or by a column of numbers: why. */
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (AtlasTable) metrics = load_table ("metrics.csv", "year,metric,value (%)\n2019,made in China,15.7\n"
                                                                  "2019,made by Chinese firms,6.6\n");

      atlas_chart_spec_init (&spec);
      spec.x_column = g_strdup ("year");
      spec.y_columns = g_strsplit ("value (%)", ",", -1);
      spec.filter_column = g_strdup ("metric");
      spec.filter_value = g_strdup ("made on the Moon");
      g_assert_null (atlas_chart_new (metrics, &spec, &error));
      g_assert_cmpstr (error->message, ==, "No row has “made on the Moon” in column “metric”");
      g_clear_error (&error);
      g_free (spec.filter_column);
      spec.filter_column = g_strdup ("value (%)");
      g_assert_null (atlas_chart_new (metrics, &spec, &error));
      g_assert_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_WRONG_COLUMN_TYPE);
      atlas_chart_spec_clear (&spec);
    }
  }

  /* Amounts in each row's own currency are not compared: the column in
   * one currency is. */
  {
    g_autoptr (AtlasTable) table = load_table ("programmes.csv",
                                               "programme,amount (local currency bn),currency,amount (USD bn)\n"
                                               "CHIPS Act,52.7,USD,52.7\nBig Fund III,344,CNY,47.5\n"
                                               "EU Chips Act,43,EUR,46.6\n");
    AtlasChartSpec spec;

    atlas_chart_spec_init (&spec);
    atlas_chart_spec_suggest (table, &spec, TRUE);
    g_assert_cmpstr (spec.y_columns[0], ==, "amount (USD bn)");
    g_assert_null (spec.y_columns[1]);
    atlas_chart_spec_clear (&spec);
  }
}

static void
test_summary (void)
{
  g_autoptr (AtlasChartLayout) layout = NULL;
  g_autoptr (AtlasTable) table = load_table ("imports.csv", imports_csv);
  g_autoptr (AtlasChart) chart = make_chart (table, ATLAS_CHART_LINE, "year", "imports (USD bn)", FALSE);
  cairo_surface_t *surface = render (chart, 600, 400, &layout);
  g_autofree char *summary = atlas_chart_summarize (layout);

  g_assert_cmpstr (summary, ==,
                   "Line chart of imports (USD bn) by year, from 2017 to 2024. The value axis runs from 0 to "
                   "450 USD bn. imports (USD bn): highest 432 USD bn (2021), lowest 260.14 USD bn (2017), latest "
                   "385 USD bn (2024).");
  cairo_surface_destroy (surface);
}

/* A bar with no value is marked as no data, where a zero is a hairline:
 * hover says so, and the legend says what the mark means. */
static void
test_missing_bar_is_no_data (void)
{
  g_autoptr (AtlasChartLayout) layout = NULL;
  g_autoptr (AtlasTable) table = load_table ("funds.csv", "fund,raised,registered\nPhase I,138.72,98.72\n"
                                                          "Phase II,204.15,204.15\nPhase III,,344\n");
  g_autoptr (AtlasChart) chart = make_chart (table, ATLAS_CHART_BAR, "fund", "raised,registered", FALSE);
  cairo_surface_t *surface = render (chart, 800, 500, &layout);
  const AtlasTheme *theme = atlas_theme_get (FALSE);
  cairo_rectangle_t plot;
  AtlasChartPick pick = { 0 };
  g_autofree char *said = NULL;
  double x_registered, y_registered;
  gboolean outlined = FALSE;

  g_assert_true (atlas_chart_get_plot_area (layout, &plot));
  /* Phase III's raised bar stands left of its registered bar, on the baseline. */
  g_assert_true (atlas_chart_point_position (layout, 1, 2, &x_registered, &y_registered));
  for (int dx = 1; dx < 120; dx++)
    if (atlas_chart_pick (layout, x_registered - dx, plot.y + plot.height - 3, &pick) && pick.series == 0)
      break;
  g_assert_cmpuint (pick.series, ==, 0);
  g_assert_cmpuint (pick.row, ==, 2);
  g_assert_true (isnan (pick.y));
  said = atlas_chart_describe_pick (chart, &pick, NULL);
  g_assert_nonnull (strstr (said, "Phase III: no data"));
  /* The outline is drawn in the muted colour along the baseline. */
  for (int dx = 1; dx < 120 && !outlined; dx++)
    for (int dy = 1; dy < 20 && !outlined; dy++)
      outlined = pixel_is (surface, (int) x_registered - dx, (int) (plot.y + plot.height) - dy, &theme->muted_text, 60);
  g_assert_true (outlined);
  cairo_surface_destroy (surface);
}

/* Bars of categories outside the view are not drawn, not even as a
 * sliver in the clip's margin at a small size. */
static void
test_bars_out_of_view_hidden (void)
{
  g_autoptr (AtlasChartLayout) layout = NULL;
  g_autoptr (GString) csv = g_string_new ("fund,amount\n");
  g_autoptr (AtlasTable) table = NULL;
  AtlasColor color = atlas_theme_series_color (atlas_theme_get (FALSE), 0);
  g_autoptr (AtlasChart) chart = NULL;
  cairo_surface_t *surface;
  cairo_rectangle_t plot;

  for (int i = 0; i < 20; i++)
    g_string_append_printf (csv, "Fund %d,%d\n", i, 10 + i);
  table = load_table ("twenty.csv", csv->str);
  chart = make_chart (table, ATLAS_CHART_BAR_HORIZONTAL, "fund", "amount", FALSE);
  atlas_chart_set_view (chart, 5, 15, NAN, NAN);
  /* Short: the bars' slots are narrower than the clip's margin is deep. */
  surface = render (chart, 480, 200, &layout);
  g_assert_true (atlas_chart_get_plot_area (layout, &plot));
  for (int y = 0; y < (int) plot.y; y++)
    for (int x = (int) plot.x; x < (int) (plot.x + plot.width); x++)
      if (pixel_is (surface, x, y, &color, 30))
        g_error ("a bar out of view shows above the plot at %d,%d", x, y);
  cairo_surface_destroy (surface);
}

/* Lines of a few series are named at their ends, in their colours, and a
 * name is clicked as a legend entry is; seven series keep the legend. */
static void
test_direct_labels (void)
{
  g_autoptr (GString) csv = g_string_new ("year,a,b,c,d,e,f,g\n");
  g_autoptr (AtlasTable) table = NULL;

  for (int year = 2015; year <= 2024; year++)
    g_string_append_printf (csv, "%d,%d,%d,%d,%d,%d,%d,%d\n", year, year - 2000, 30 - (year - 2015), 12, 40, 5, 22,
                            33);
  table = load_table ("seven.csv", csv->str);
  for (int n = 3; n <= 7; n += 4)
    {
      g_autoptr (AtlasChartLayout) layout = NULL;
      g_autoptr (AtlasChart) chart = make_chart (table, ATLAS_CHART_LINE, "year", n == 3 ? "a,b,c" : "a,b,c,d,e,f,g",
                                                 FALSE);
      cairo_surface_t *surface = render (chart, 900, 600, &layout);
      cairo_rectangle_t plot;
      double x, y;
      guint series = G_MAXUINT;

      g_assert_true (atlas_chart_get_plot_area (layout, &plot));
      g_assert_true (atlas_chart_point_position (layout, 1, 9, &x, &y));
      if (n == 3)
        {
          /* Beside the plot, level with the line's last value. */
          g_assert_true (atlas_chart_pick_legend (layout, plot.x + plot.width + 10, y, &series));
          g_assert_cmpuint (series, ==, 1);
          g_assert_false (atlas_chart_pick_legend (layout, plot.x + 20, plot.y - 10, &series));
        }
      else
        {
          g_assert_false (atlas_chart_pick_legend (layout, plot.x + plot.width + 10, y, &series));
          /* The legend is above the plot. */
          for (double lx = 0; lx < 900 && series == G_MAXUINT; lx += 2)
            for (double ly = 0; ly < plot.y && series == G_MAXUINT; ly += 2)
              atlas_chart_pick_legend (layout, lx, ly, &series);
          g_assert_cmpuint (series, !=, G_MAXUINT);
        }
      cairo_surface_destroy (surface);
    }
}

/* Axes that tell no lies: a line of positive values starts at zero
 * unless the chart asks to fit it; bars, areas and stacks refuse a log
 * scale, which has no zero; a log axis over a few decades ticks at the
 * 1-2-5 values that fit the data. */
static void
test_honest_axes (void)
{
  g_autoptr (AtlasTable) table = load_table ("imports.csv", imports_csv);
  g_autoptr (AtlasTable) spread = load_table ("spread.csv", "year,value\n2020,4\n2021,15\n2022,60\n2023,120\n");
  const AtlasChartType refused[] = { ATLAS_CHART_BAR, ATLAS_CHART_BAR_HORIZONTAL, ATLAS_CHART_BAR_STACKED,
                                     ATLAS_CHART_AREA, ATLAS_CHART_STACKED_AREA, ATLAS_CHART_STACKED_AREA_PERCENT };

  {
    AtlasChartSpec spec;
    g_autoptr (AtlasChart) fitted = NULL;
    g_autoptr (AtlasChartLayout) layout = NULL;
    g_autofree char *summary = NULL;

    atlas_chart_spec_init (&spec);
    spec.x_column = g_strdup ("year");
    spec.y_columns = g_strsplit ("imports (USD bn)", ",", -1);
    spec.fit_values = TRUE;
    fitted = atlas_chart_new (table, &spec, NULL);
    atlas_chart_spec_clear (&spec);
    layout = atlas_chart_layout_new (fitted, NULL, 600, 400);
    summary = atlas_chart_summarize (layout);
    g_assert_nonnull (strstr (summary, "The value axis runs from 260 to 440 USD bn."));
  }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      AtlasChartSpec spec;
      g_autoptr (GError) error = NULL;
      g_autoptr (AtlasChart) chart = NULL;

      atlas_chart_spec_init (&spec);
      spec.type = refused[i];
      spec.x_column = g_strdup ("year");
      spec.y_columns = g_strsplit ("imports (USD bn)", ",", -1);
      spec.log_y = TRUE;
      chart = atlas_chart_new (table, &spec, &error);
      atlas_chart_spec_clear (&spec);
      g_assert_null (chart);
      g_assert_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_LOG_UNSUITED);
    }
  {
    AtlasChartSpec spec;
    g_autoptr (AtlasChart) chart = NULL;
    g_autoptr (AtlasChartLayout) layout = NULL;
    g_autofree char *summary = NULL;

    atlas_chart_spec_init (&spec);
    spec.x_column = g_strdup ("year");
    spec.y_columns = g_strsplit ("value", ",", -1);
    spec.log_y = TRUE;
    chart = atlas_chart_new (spread, &spec, NULL);
    atlas_chart_spec_clear (&spec);
    layout = atlas_chart_layout_new (chart, NULL, 800, 500);
    summary = atlas_chart_summarize (layout);
    /* 4 to 120 fits between 2 and 200, not 1 and 1000. */
    g_assert_nonnull (strstr (summary, "The value axis runs from 2 to 200 on a log scale."));
  }
}

/* A stack with a part missing keeps the parts it has, each drawn where it
 * stands, and the missing part is outlined as no data after them: failed
 * while such a stack was left out whole. */
static void
test_stack_keeps_known_parts (void)
{
  g_autoptr (AtlasChartLayout) layout = NULL;
  g_autoptr (AtlasTable) table = load_table ("tools.csv", "tool,us (%),japan (%),china (%)\nLithography,0.6,15,0.2\n"
                                                          "Packaging,,57.3,2\n");
  g_autoptr (AtlasChart) chart = make_chart (table, ATLAS_CHART_BAR_STACKED, "tool", "us (%),japan (%),china (%)", FALSE);
  cairo_surface_t *surface = render (chart, 800, 500, &layout);
  g_autoptr (AtlasChartAudit) audit = atlas_chart_audit (layout);
  double base, top;
  guint outlined = 0;

  top = atlas_chart_stack_value (chart, 2, 1, &base);
  g_assert_cmpfloat (base, ==, 57.3);
  g_assert_cmpfloat (top, ==, 59.3);
  g_assert_true (isnan (atlas_chart_stack_value (chart, 0, 1, &base)));
  g_assert_cmpuint (audit->hidden_values->len, ==, 0);
  for (guint i = 0; i < layout->marks->len; i++)
    {
      const AtlasChartMark *mark = &g_array_index (layout->marks, AtlasChartMark, i);
      if (mark->missing)
        {
          double x, y;
          outlined++;
          g_assert_cmpuint (mark->series, ==, 0);
          g_assert_cmpuint (mark->row, ==, 1);
          /* Above the parts the stack has, not on the baseline under them. */
          g_assert_true (atlas_chart_point_position (layout, 2, 1, &x, &y));
          g_assert_cmpfloat (mark->y + mark->height, <=, y + 1);
        }
    }
  g_assert_cmpuint (outlined, ==, 1);
  cairo_surface_destroy (surface);
}

/* Bars over years evenly more than one apart (2014, 2019, 2024) name
 * each year under its bar, with no ticks between: failed while they
 * stood on a linear axis ticked at 2012, 2016, 2020. */
static void
test_bars_over_spaced_years (void)
{
  g_autoptr (AtlasTable) table = load_table ("phases.csv", "year,registered (CNY bn)\n2014,98.72\n2019,204.15\n"
                                                           "2024,344\n");
  g_autoptr (AtlasChart) chart = make_chart (table, ATLAS_CHART_BAR, "year", "registered (CNY bn)", FALSE);
  g_autoptr (AtlasChartLayout) layout = NULL;
  cairo_surface_t *surface = render (chart, 800, 500, &layout);
  GArray *boxes = atlas_chart_get_text_boxes (layout);

  g_assert_cmpint (atlas_scale_get_kind (layout->x_scale), ==, ATLAS_SCALE_BAND);
  for (guint i = 0; i < boxes->len; i++)
    {
      const char *text = g_array_index (boxes, AtlasTextBox, i).text;
      g_assert_cmpstr (text, !=, "2012");
      g_assert_cmpstr (text, !=, "2016");
    }
  cairo_surface_destroy (surface);
}

/* Only an estimate's bar is hatched: failed while the hatch filled every
 * bar of the series drawn before it. */
static void
test_only_estimates_hatched (void)
{
  g_autoptr (AtlasTable) table = load_table ("raised.csv", "fund,raised (CNY bn),status\nPhase I,138.72,actual\n"
                                                           "Phase II,200,estimate\n");
  g_autoptr (AtlasChart) chart = make_chart (table, ATLAS_CHART_BAR, "fund", "raised (CNY bn)", FALSE);
  g_autoptr (AtlasChartLayout) layout = NULL;
  cairo_surface_t *surface = render (chart, 800, 500, &layout);
  const AtlasTheme *theme = atlas_theme_get (FALSE);
  AtlasColor color = atlas_theme_series_color (theme, 0);
  const AtlasChartMark *actual = &g_array_index (layout->marks, AtlasChartMark, 0);
  guint solid = 0, samples = 0;

  g_assert_cmpuint (actual->row, ==, 0);
  for (double t = 0.2; t < 0.8; t += 0.05, samples++)
    solid += pixel_is (surface, (int) (actual->x + actual->width * t), (int) (actual->y + actual->height * t), &color, 20);
  g_assert_cmpuint (solid, ==, samples);
  cairo_surface_destroy (surface);
}

/* A name along x counts among the rows a filter keeps, as the chart
 * counts its categories, so a note or a range on it finds its bar:
 * failed while names were counted over every row. */
static void
test_filtered_names_parse (void)
{
  g_autoptr (AtlasTable) table = load_table ("kinds.csv", "name,headline,amount (USD bn)\nA,yes,1\nB,no,2\nC,yes,3\n");
  AtlasChartSpec spec;
  g_autoptr (GError) error = NULL;
  g_autoptr (AtlasChart) chart = NULL;
  double x;

  atlas_chart_spec_init (&spec);
  spec.type = ATLAS_CHART_BAR;
  spec.x_column = g_strdup ("name");
  spec.y_columns = g_strsplit ("amount (USD bn)", ",", -1);
  spec.filter_column = g_strdup ("headline");
  spec.filter_value = g_strdup ("yes");
  chart = atlas_chart_new (table, &spec, &error);
  g_assert_no_error (error);
  g_assert_true (atlas_chart_spec_parse_x (table, &spec, "C", &x));
  g_assert_cmpstr (g_ptr_array_index (chart->categories, (guint) x), ==, "C");
  g_assert_false (atlas_chart_spec_parse_x (table, &spec, "B", &x));
  atlas_chart_spec_clear (&spec);
}

/* A table of events, two of them on one day, is drawn as a timeline of
 * its dates: failed while a repeated date sent the axis to the names. */
static void
test_events_with_shared_days_suggest_timeline (void)
{
  g_autoptr (AtlasTable) table = load_table ("events.csv", "date,title\n2025-01-15,Listing\n2025-01-15,Dutch rule\n"
                                                           "2025-03-25,Another listing\n");
  AtlasChartSpec spec;

  atlas_chart_spec_init (&spec);
  atlas_chart_spec_suggest (table, &spec, TRUE);
  g_assert_cmpint (spec.type, ==, ATLAS_CHART_TIMELINE);
  g_assert_cmpstr (spec.x_column, ==, "date");
  atlas_chart_spec_clear (&spec);
}

/* A long table whose rows say what they measure is charted one measure
 * at a time, not as series of different quantities on one axis: failed
 * once a table's repeated row went and its metrics became groups. */
static void
test_metrics_are_filtered_not_grouped (void)
{
  g_autoptr (AtlasTable) table = load_table ("metrics.csv", "year,metric,value (%)\n2019,Made in China,15\n"
                                                            "2020,Made in China,16\n2021,Made in China,17\n"
                                                            "2020,Tool localisation,20\n2021,Tool localisation,25\n"
                                                            "2022,Tool localisation,30\n");
  AtlasChartSpec spec;

  atlas_chart_spec_init (&spec);
  atlas_chart_spec_suggest (table, &spec, TRUE);
  g_assert_null (spec.group_column);
  g_assert_cmpstr (spec.filter_column, ==, "metric");
  atlas_chart_spec_clear (&spec);
}

static void
test_errors (void)
{
  g_autoptr (AtlasTable) table = load_table ("negative.csv", "year,balance,name\n2020,-5,a\n2021,10,b\n");
  AtlasChartSpec spec;
  g_autoptr (GError) error = NULL;
  AtlasChart *chart;

  atlas_chart_spec_init (&spec);
  spec.x_column = g_strdup ("year");
  spec.y_columns = g_strsplit ("balance", ",", -1);
  spec.log_y = TRUE;
  chart = atlas_chart_new (table, &spec, &error);
  g_assert_null (chart);
  g_assert_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_NOT_POSITIVE);
  g_clear_error (&error);

  spec.log_y = FALSE;
  g_strfreev (spec.y_columns);
  spec.y_columns = g_strsplit ("name", ",", -1);
  g_assert_null (atlas_chart_new (table, &spec, &error));
  g_assert_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_WRONG_COLUMN_TYPE);
  g_clear_error (&error);

  g_strfreev (spec.y_columns);
  spec.y_columns = g_strsplit ("imports", ",", -1);
  g_assert_null (atlas_chart_new (table, &spec, &error));
  g_assert_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_NO_SUCH_COLUMN);
  g_assert_nonnull (strstr (error->message, "“year”, “balance”, “name”"));
  atlas_chart_spec_clear (&spec);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  test_dir = g_dir_make_tmp ("atlas-chart-XXXXXX", NULL);
  g_test_add_func ("/chart/line-pixels", test_line_pixels);
  g_test_add_func ("/chart/stack-keeps-known-parts", test_stack_keeps_known_parts);
  g_test_add_func ("/chart/bars-over-spaced-years", test_bars_over_spaced_years);
  g_test_add_func ("/chart/only-estimates-hatched", test_only_estimates_hatched);
  g_test_add_func ("/chart/filtered-names-parse", test_filtered_names_parse);
  g_test_add_func ("/chart/events-with-shared-days-suggest-timeline", test_events_with_shared_days_suggest_timeline);
  g_test_add_func ("/chart/metrics-are-filtered-not-grouped", test_metrics_are_filtered_not_grouped);
  g_test_add_func ("/chart/pick-inverts-render", test_pick_inverts_render);
  g_test_add_func ("/chart/pick-donut", test_pick_donut);
  g_test_add_func ("/chart/describe-pick", test_describe_pick);
  g_test_add_func ("/chart/choose-y-columns", test_choose_y_columns);
  g_test_add_func ("/chart/series-toggle", test_series_toggle);
  g_test_add_func ("/chart/layout-no-overlaps", test_layout_no_overlaps);
  g_test_add_func ("/chart/million-point-spike", test_million_point_spike);
  g_test_add_func ("/chart/lower-bound", test_lower_bound);
  g_test_add_func ("/chart/export-formats", test_export_formats);
  g_test_add_func ("/chart/export-png-pixels", test_export_png_pixels);
  g_test_add_func ("/chart/export-failures", test_export_failures);
  g_test_add_func ("/chart/export-disk-full", test_export_disk_full);
  g_test_add_func ("/chart/annotation-out-of-view", test_annotation_out_of_view);
  g_test_add_func ("/chart/estimates-dashed", test_estimates_dashed);
  g_test_add_func ("/chart/status-lines-hide-nothing", test_status_lines_hide_nothing);
  g_test_add_func ("/chart/scatter-sizes", test_scatter_sizes);
  g_test_add_func ("/chart/suggested-charts", test_suggested_charts);
  g_test_add_func ("/chart/summary", test_summary);
  g_test_add_func ("/chart/honest-axes", test_honest_axes);
  g_test_add_func ("/chart/missing-bar-is-no-data", test_missing_bar_is_no_data);
  g_test_add_func ("/chart/bars-out-of-view-hidden", test_bars_out_of_view_hidden);
  g_test_add_func ("/chart/direct-labels", test_direct_labels);
  g_test_add_func ("/chart/labels-cover-nothing", test_labels_cover_nothing);
  g_test_add_func ("/chart/bars-over-years-present", test_bars_over_years_present);
  g_test_add_func ("/chart/names-keep-their-ends", test_names_keep_their_ends);
  g_test_add_func ("/chart/notes-without-room", test_notes_without_room);
  g_test_add_func ("/chart/group-by-column", test_group_by_column);
  g_test_add_func ("/chart/events-by-side", test_events_by_side);
  g_test_add_func ("/chart/suggestions-read-tables", test_suggestions_read_tables);
  g_test_add_func ("/chart/errors", test_errors);
  status = g_test_run ();
  status |= !test_remove_dir (test_dir);
  test_release_font_caches ();
  return status;
}
