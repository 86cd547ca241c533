/* atlas-chart-render.c: layout measured with Pango and drawing with cairo, one entry point for screen and files. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-chart-painter.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "atlas-chart-suggest.h"

/* Diagonal hatching in color over a pale tint of it, for estimated bars. */
static cairo_pattern_t *
make_hatch_pattern (const AtlasTheme *theme,
                    const AtlasColor *color)
{
  cairo_surface_t *tile = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 8, 8);
  cairo_t *cr = cairo_create (tile);
  cairo_pattern_t *pattern;

  atlas_painter_set_color (cr, &theme->background);
  cairo_paint (cr);
  atlas_painter_set_color_alpha (cr, color, 0.25);
  cairo_paint (cr);
  atlas_painter_set_color (cr, color);
  cairo_set_line_width (cr, 2);
  cairo_move_to (cr, -2, 10);
  cairo_line_to (cr, 10, -2);
  cairo_move_to (cr, -2, 2);
  cairo_line_to (cr, 2, -2);
  cairo_move_to (cr, 6, 10);
  cairo_line_to (cr, 10, 6);
  cairo_stroke (cr);
  cairo_destroy (cr);
  pattern = cairo_pattern_create_for_surface (tile);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  cairo_surface_destroy (tile);
  return pattern;
}

/* Legend entries: a swatch and the series' name, flowing in rows. */
typedef struct
{
  char *label;
  AtlasColor color;
  gboolean dashed;  /* the note on estimates over lines: a dashed swatch */
  gboolean hatched; /* the note on estimates over bars: a hatched swatch */
  gboolean hollow;  /* the note on estimates over points: a ring */
  gboolean no_data; /* the note on missing bars: a dashed outline */
  gboolean event_line; /* the key of a side's events: a short dashed upright line */
  int series;       /* the series the entry toggles; -1 for none */
  gboolean off;     /* that series is switched off: an outlined swatch, muted text */
} LegendEntry;

static void
legend_entry_clear (gpointer data)
{
  g_free (((LegendEntry *) data)->label);
}

static double
draw_legend (Painter *painter,
             GArray  *entries,
             double   x,
             double   y,
             double   width,
             gboolean line_swatch)
{
  double unit = painter->unit;
  double swatch = unit * 0.8;
  double gap = unit * 1.1;
  double cx = x, cy = y, row_height = 0;
  int rows = 1;
  const int max_rows = 3;

  for (guint i = 0; i < entries->len; i++)
    {
      const LegendEntry *entry = &g_array_index (entries, LegendEntry, i);
      double text_width, text_height, entry_width;

      atlas_painter_prepare_text (painter, entry->label, TEXT_SMALL, MAX (width - swatch - unit * 0.4, unit), 1);
      atlas_painter_measure (painter, &text_width, &text_height);
      entry_width = swatch + unit * 0.4 + text_width;
      if (cx > x && cx + entry_width > x + width)
        {
          if (rows == max_rows)
            break;
          rows++;
          cx = x;
          cy += row_height + unit * 0.3;
          row_height = 0;
        }
      row_height = MAX (row_height, text_height);
      atlas_painter_set_color (painter->cr, &entry->color);
      if (entry->dashed)
        for (int dash = 0; dash < 3; dash++)
          cairo_rectangle (painter->cr, cx + dash * swatch / 2.5, cy + text_height / 2 - unit * 0.1, swatch / 4,
                           unit * 0.2);
      else if (entry->hollow)
        {
          cairo_new_path (painter->cr);
          cairo_arc (painter->cr, cx + swatch / 2, cy + text_height / 2, swatch / 2 - 0.75, 0, 2 * G_PI);
          cairo_set_line_width (painter->cr, 1.5);
          cairo_stroke (painter->cr);
        }
      else if (entry->hatched)
        {
          cairo_pattern_t *hatch = make_hatch_pattern (painter->theme, &entry->color);
          cairo_rectangle (painter->cr, cx, cy + (text_height - swatch) / 2, swatch, swatch);
          cairo_set_source (painter->cr, hatch);
          cairo_pattern_destroy (hatch);
        }
      else if (entry->event_line)
        {
          double dash[] = { 2, 2 };
          cairo_new_path (painter->cr);
          cairo_move_to (painter->cr, round (cx + swatch / 2) + 0.5, cy + (text_height - swatch) / 2);
          cairo_line_to (painter->cr, round (cx + swatch / 2) + 0.5, cy + (text_height + swatch) / 2);
          cairo_set_line_width (painter->cr, 1.5);
          cairo_set_dash (painter->cr, dash, 2, 0);
          cairo_stroke (painter->cr);
          cairo_set_dash (painter->cr, NULL, 0, 0);
        }
      else if (entry->no_data)
        {
          double dash[] = { 2, 2 };
          cairo_new_path (painter->cr);
          cairo_rectangle (painter->cr, cx + 0.75, cy + (text_height - swatch) / 2 + 0.75, swatch - 1.5, swatch - 1.5);
          cairo_set_line_width (painter->cr, 1);
          cairo_set_dash (painter->cr, dash, 2, 0);
          cairo_stroke (painter->cr);
          cairo_set_dash (painter->cr, NULL, 0, 0);
        }
      else if (entry->off)
        {
          cairo_new_path (painter->cr);
          cairo_rectangle (painter->cr, cx + 0.75, cy + (text_height - swatch) / 2 + 0.75, swatch - 1.5, swatch - 1.5);
          cairo_set_line_width (painter->cr, 1.5);
          cairo_stroke (painter->cr);
        }
      else if (line_swatch)
        cairo_rectangle (painter->cr, cx, cy + text_height / 2 - unit * 0.12, swatch, unit * 0.24);
      else
        cairo_rectangle (painter->cr, cx, cy + (text_height - swatch) / 2, swatch, swatch);
      cairo_fill (painter->cr);
      atlas_painter_show (painter, cx + swatch + unit * 0.4, cy,
                          entry->off ? &painter->theme->muted_text : &painter->theme->text);
      if (entry->series >= 0)
        {
          AtlasLegendBox box = { { cx, cy, entry_width, text_height }, (guint) entry->series };
          g_array_append_val (painter->layout->legend_boxes, box);
        }
      cx += entry_width + gap;
    }
  return entries->len > 0 ? cy + row_height - y : 0;
}

/* The y (value) axis domain: the data in view, with zero for bars and
 * areas, which measure from it. */
/* The y (value) axis domain: the data in view, with zero for bars and
 * areas, which measure from it. Unstacked series read their extremes in
 * view from their pyramids, so a frame does not scan every row. */
static void
value_domain (AtlasChart *chart,
              double     *out_min,
              double     *out_max)
{
  AtlasChartType type = chart->spec.type;
  double min = INFINITY, max = -INFINITY;
  double x_min = chart->view.x_min, x_max = chart->view.x_max;
  gsize from = 0, to = chart->n_ordered;

  if (!chart->categories)
    {
      if (!isnan (x_min))
        from = atlas_chart_lower_bound (chart, x_min);
      if (!isnan (x_max))
        to = atlas_chart_lower_bound (chart, nextafter (x_max, INFINITY));
    }
  for (guint s = 0; s < chart->series->len; s++)
    {
      if (atlas_chart_series_hidden (chart, s))
        continue;
      if (!atlas_chart_type_stacks (type))
        {
          double series_min, series_max;
          if (atlas_min_max_pyramid_query (atlas_chart_get_pyramid (chart, s), from, to, &series_min, &series_max,
                                           NULL))
            {
              min = MIN (min, series_min);
              max = MAX (max, series_max);
            }
          continue;
        }
      for (gsize i = from; i < to; i++)
        {
          double base, top = atlas_chart_stack_value (chart, s, atlas_chart_row_at (chart, i), &base);
          if (isnan (top))
            continue;
          min = MIN (min, top);
          max = MAX (max, top);
        }
    }
  if (!isfinite (min))
    min = max = 0;
  if (type == ATLAS_CHART_SCATTER && !chart->spec.log_y)
    {
      double pad = (max - min) * 0.05;
      min = min >= 0 ? MAX (min - pad, 0) : min - pad;
      max += pad;
    }
  /* Bars and areas stand on zero; so do lines of values all on one side
   * of it, unless the chart asks to fit them (OWID's rule): a cut axis
   * makes a modest change look dramatic. */
  if (type != ATLAS_CHART_SCATTER && !chart->spec.log_y && (type != ATLAS_CHART_LINE || !chart->spec.fit_values))
    {
      min = MIN (min, 0);
      max = MAX (max, 0);
    }
  if (type == ATLAS_CHART_STACKED_AREA_PERCENT)
    {
      min = 0;
      max = 100;
    }
  if (chart->spec.log_y && min <= 0)
    {
      /* Only stacked bases reach 0 here: the log axis starts at the
       * smallest value instead. */
      min = INFINITY;
      for (guint s = 0; s < chart->series->len; s++)
        for (gsize i = from; i < to && !atlas_chart_series_hidden (chart, s); i++)
          {
            double v = g_array_index (chart->series, AtlasChartSeries, s).values[atlas_chart_row_at (chart, i)];
            if (v > 0)
              min = MIN (min, v);
          }
      if (!isfinite (min))
        min = 1;
    }
  *out_min = !isnan (chart->view.y_min) ? chart->view.y_min : min;
  *out_max = !isnan (chart->view.y_max) ? chart->view.y_max : max;
}

static AtlasScale *
make_value_scale (AtlasChart *chart,
                  guint       max_ticks)
{
  double min, max;
  AtlasScale *scale;
  gboolean fixed = !isnan (chart->view.y_min) && !isnan (chart->view.y_max);

  value_domain (chart, &min, &max);
  if (chart->spec.log_y)
    scale = atlas_scale_new_log (MAX (min, 1e-300), MAX (max, MAX (min, 1e-300)), NULL);
  else
    scale = atlas_scale_new_linear (min, max);
  if (!fixed && chart->spec.type != ATLAS_CHART_STACKED_AREA_PERCENT)
    atlas_scale_nice (scale, max_ticks);
  return scale;
}

/* About how long one unit of the x column's dates is, in seconds; 1
 * for numbers. */
static double
date_unit_seconds (const AtlasChart *chart)
{
  if (atlas_column_get_column_type (chart->x_column) != ATLAS_COLUMN_DATE)
    return 1;
  switch (atlas_column_get_date_unit (chart->x_column))
    {
    case ATLAS_DATE_UNIT_YEAR:
      return 365.25 * 86400;
    case ATLAS_DATE_UNIT_QUARTER:
      return 91.31 * 86400;
    case ATLAS_DATE_UNIT_MONTH:
      return 30.44 * 86400;
    case ATLAS_DATE_UNIT_DAY:
      return 86400;
    case ATLAS_DATE_UNIT_SECOND:
    default:
      return 1;
    }
}

/* Bars over numbers or dates with gaps between them (years 2012 and
 * 2018, none between) stand in a band each, side by side, rather than
 * leave empty slots for values the data do not have; so do bars over
 * whole numbers evenly more than one apart (2014, 2019, 2024), each
 * named under its bar. NULL where the values are consecutive, which a
 * linear or time axis shows as well. Rows a filter leaves out have no
 * band. */
static AtlasScale *
make_band_of_values (const AtlasChart *chart)
{
  g_autoptr (GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  double step = INFINITY;
  gboolean dates = atlas_column_get_column_type (chart->x_column) == ATLAS_COLUMN_DATE;
  gboolean whole = TRUE;
  AtlasScale *band;

  for (gsize i = 0; i < chart->n_ordered; i++)
    {
      gsize row = atlas_chart_row_at (chart, i);
      double x = chart->x_values[row];

      if (atlas_chart_row_excluded (chart, row))
        continue;
      if (values->len == 0 || x > g_array_index (values, double, values->len - 1))
        g_array_append_val (values, x);
      whole &= x == floor (x);
    }
  for (guint i = 1; i < values->len; i++)
    step = MIN (step, g_array_index (values, double, i) - g_array_index (values, double, i - 1));
  /* Dates a calendar unit apart differ by days in a month or a year:
   * a gap is a step of more than one and a half units. */
  if (values->len < 2
      || (g_array_index (values, double, values->len - 1) - g_array_index (values, double, 0)
            <= step * (values->len - 1) * (dates ? 1.5 : 1.0001)
          && (!whole || step < 1.5 * date_unit_seconds (chart))))
    return NULL;
  band = atlas_scale_new_band_of_values ((const double *) values->data, values->len, dates,
                                         dates ? atlas_column_get_date_unit (chart->x_column) : ATLAS_DATE_UNIT_DAY, 0.25);
  /* A view is a run of the values, by index. */
  if (!isnan (chart->view.x_min) || !isnan (chart->view.x_max))
    {
      double first = !isnan (chart->view.x_min) ? MAX (ceil (atlas_scale_value_index (band, chart->view.x_min) - 1e-9), 0) : 0;
      double last = !isnan (chart->view.x_max)
                      ? MIN (floor (atlas_scale_value_index (band, chart->view.x_max) + 1e-9), values->len - 1)
                      : values->len - 1;
      if (last >= first)
        atlas_scale_set_domain (band, first, last + 1);
    }
  return band;
}

static AtlasScale *
make_category_scale (const AtlasChart *chart)
{
  AtlasChartType type = chart->spec.type;
  gboolean bars = atlas_chart_type_is_bar (type);
  double min, max;

  if (chart->categories)
    {
      AtlasScale *band = atlas_scale_new_band (chart->categories->len, bars ? 0.25 : 0);
      /* A view over categories is a run of them, by index. */
      if (!isnan (chart->view.x_min) || !isnan (chart->view.x_max))
        {
          double first = !isnan (chart->view.x_min) ? MAX (chart->view.x_min, 0) : 0;
          double last = !isnan (chart->view.x_max) ? MIN (chart->view.x_max, chart->categories->len - 1)
                                                         : chart->categories->len - 1;
          if (last >= first)
            atlas_scale_set_domain (band, first, last + 1);
        }
      return band;
    }

  if (bars)
    {
      AtlasScale *band = make_band_of_values (chart);
      if (band)
        return band;
    }
  min = chart->x_values[atlas_chart_row_at (chart, 0)];
  max = chart->x_values[atlas_chart_row_at (chart, chart->n_ordered - 1)];
  if (!isnan (chart->view.x_min))
    min = chart->view.x_min;
  if (!isnan (chart->view.x_max))
    max = chart->view.x_max;
  if (atlas_column_get_column_type (chart->x_column) == ATLAS_COLUMN_DATE)
    return atlas_scale_new_time (min, max, atlas_column_get_date_unit (chart->x_column));
  {
    AtlasScale *scale;
    /* Points of a scatter plot sit inside the axis, with room for their
     * circles, not on its ends. */
    if (chart->spec.type == ATLAS_CHART_SCATTER && isnan (chart->view.x_min) && isnan (chart->view.x_max))
      {
        double pad = (max - min) * 0.05;
        /* Padding never takes an axis of positive values below zero. */
        scale = atlas_scale_new_linear (min >= 0 ? MAX (min - pad, 0) : min - pad, max + pad);
        atlas_scale_nice (scale, 8);
        return scale;
      }
    return atlas_scale_new_linear (min, max);
  }
}

/* Bars on a number or time axis need room on both sides of the first
 * and last bar: half the smallest spacing between bars. */
static void
pad_for_bars (AtlasChart *chart,
              AtlasScale *scale)
{
  double spacing = INFINITY, min, max;

  for (gsize i = 1; i < chart->n_ordered; i++)
    {
      double d = chart->x_values[atlas_chart_row_at (chart, i)] - chart->x_values[atlas_chart_row_at (chart, i - 1)];
      if (d > 0)
        spacing = MIN (spacing, d);
    }
  if (!isfinite (spacing))
    spacing = 1;
  atlas_scale_get_domain (scale, &min, &max);
  atlas_scale_set_domain (scale, min - spacing / 2, max + spacing / 2);
}

static double
bar_slot_width (const AtlasChart *chart,
                const AtlasScale *scale)
{
  double spacing = INFINITY;

  if (atlas_scale_get_kind (scale) == ATLAS_SCALE_BAND)
    return atlas_scale_get_bandwidth (scale);
  for (gsize i = 1; i < chart->n_ordered; i++)
    {
      double a = atlas_scale_map (scale, chart->x_values[atlas_chart_row_at (chart, i - 1)]);
      double b = atlas_scale_map (scale, chart->x_values[atlas_chart_row_at (chart, i)]);
      if (fabs (b - a) > 0)
        spacing = MIN (spacing, fabs (b - a));
    }
  return isfinite (spacing) ? spacing * 0.75 : 40;
}

typedef struct
{
  double position; /* pixel centre along the axis */
  char *label;
  double max_width; /* the label is wrapped and ellipsized to this; 0: never */
  int max_lines;
  gboolean ellipsize_middle; /* shortened in the middle: its end tells it from a name that starts alike */
  double width;
  double height;
} PlacedTick;

static void
placed_tick_clear (gpointer data)
{
  g_free (((PlacedTick *) data)->label);
}

/* Whether name, cut short to about room pixels of text, would read like
 * another category's name cut short: two funds whose names differ only
 * in their last words would show the same words and an ellipsis. */
static gboolean
shortens_alike (Painter    *painter,
                const char *name,
                double      room)
{
  GPtrArray *categories = painter->chart->categories;
  double natural, h;
  gsize shown;

  atlas_painter_prepare_text (painter, name, TEXT_SMALL, 0, 1);
  atlas_painter_measure (painter, &natural, &h);
  /* What stays of the name, less the ellipsis. */
  shown = (gsize) MAX (strlen (name) * MIN (room / MAX (natural, 1), 1) - 3, 0);
  for (guint i = 0; i < categories->len; i++)
    {
      const char *other = g_ptr_array_index (categories, i);
      gsize common = 0;

      if (other == name || g_strcmp0 (other, name) == 0)
        continue;
      while (name[common] && name[common] == other[common])
        common++;
      if (common >= shown)
        return TRUE;
    }
  return FALSE;
}

/* The value axis's labels in the chart's number format, where its author
 * set one: the decimals chosen, between the prefix and suffix. A share of
 * the total stays a percentage. */
static void
format_value_ticks (Painter *painter,
                    GArray  *ticks)
{
  const AtlasChartSpec *spec = &painter->chart->spec;

  if (spec->type == ATLAS_CHART_STACKED_AREA_PERCENT)
    return;
  for (guint i = 0; i < ticks->len; i++)
    {
      AtlasTick *tick = &g_array_index (ticks, AtlasTick, i);
      g_autoptr (GString) label = NULL;

      if (spec->value_decimals >= 0)
        {
          g_free (tick->label);
          tick->label = atlas_format_fixed (tick->value, spec->value_decimals, &painter->style);
        }
      label = g_string_new (tick->label);
      if (atlas_chart_spec_format_value (spec, label))
        {
          g_free (tick->label);
          tick->label = g_string_free (g_steal_pointer (&label), FALSE);
        }
    }
}

/* Ticks for an axis of pixel length, as many as fit without labels
 * touching: fewer ticks until they fit. Category labels are thinned to
 * every k-th one instead, and ellipsized to their slot. */
static GArray *
place_axis_ticks (Painter          *painter,
                  const AtlasScale *scale,
                  double            length,
                  gboolean          horizontal,
                  double            side_width)
{
  AtlasChart *chart = painter->chart;
  double gap = painter->unit * (horizontal ? 1.2 : 0.6);
  guint max_ticks = (guint) CLAMP (length / (painter->unit * (horizontal ? 6 : 2.6)), 2, 10);
  GArray *placed = g_array_new (FALSE, TRUE, sizeof (PlacedTick));
  double line_width, line_height;

  g_array_set_clear_func (placed, placed_tick_clear);
  atlas_painter_prepare_text (painter, "Ag", TEXT_SMALL, 0, 1);
  atlas_painter_measure (painter, &line_width, &line_height);
  for (;;)
    {
      g_autoptr (GArray) ticks = atlas_scale_ticks (scale, max_ticks, &painter->style);
      gboolean band = atlas_scale_get_kind (scale) == ATLAS_SCALE_BAND;
      gboolean values_band = band && !chart->categories;
      guint stride = 1;
      double slot = 0;
      gboolean fits = TRUE;

      g_array_set_size (placed, 0);
      if (scale == painter->layout->y_scale)
        format_value_ticks (painter, ticks);
      if (values_band && ticks->len > 0)
        {
          /* A band of values is labelled like an axis: every k-th band
           * where the widest label needs more than one band's room. */
          double widest = line_height;

          slot = length / ticks->len;
          for (guint i = 0; i < ticks->len && horizontal; i++)
            {
              double w, h;
              atlas_painter_prepare_text (painter, g_array_index (ticks, AtlasTick, i).label, TEXT_SMALL, 0, 1);
              atlas_painter_measure (painter, &w, &h);
              widest = MAX (widest, w);
            }
          while (stride < ticks->len && slot * stride < widest + gap)
            stride++;
        }
      else if (band && ticks->len > 0)
        {
          slot = length / ticks->len;
          if (horizontal)
            {
              /* Category names wrap onto two lines in their slot and are
               * ellipsized past that; only slots too narrow for a few
               * letters are thinned. */
              while (stride < ticks->len && slot * stride < painter->unit * 3)
                stride++;
            }
          else
            {
              while (stride < ticks->len && slot * stride < line_height + gap)
                stride++;
            }
        }

      for (guint i = 0; i < ticks->len; i += stride)
        {
          const AtlasTick *tick = &g_array_index (ticks, AtlasTick, i);
          PlacedTick p = { 0 };
          const char *text = band && chart->categories ? g_ptr_array_index (chart->categories, (guint) tick->value)
                                                       : tick->label;
          /* Names under the plot share its width; names beside it the
           * room left of it. */
          double max_width = band && horizontal ? slot * stride - gap : band ? side_width : 0;

          p.position = atlas_scale_map (scale, tick->value);
          p.label = g_strdup (text ? text : "");
          p.max_width = max_width;
          /* Names wrap onto two lines where their slot has room for two. */
          p.max_lines = band && (horizontal || slot * stride >= 2 * line_height + gap / 2) ? 2 : 1;
          if (values_band)
            {
              /* Numbers and dates are short: one line, never cut. */
              p.max_width = 0;
              p.max_lines = 1;
            }
          atlas_painter_prepare_text (painter, p.label, TEXT_SMALL, p.max_width, p.max_lines);
          if (band && chart->categories && pango_layout_is_ellipsized (painter->text)
              && shortens_alike (painter, p.label, max_width * p.max_lines))
            {
              p.max_lines = 1;
              p.ellipsize_middle = TRUE;
            }
          atlas_painter_prepare_text (painter, p.label, TEXT_SMALL, p.max_width, p.max_lines);
          if (p.ellipsize_middle)
            pango_layout_set_ellipsize (painter->text, PANGO_ELLIPSIZE_MIDDLE);
          atlas_painter_measure (painter, &p.width, &p.height);
          g_array_append_val (placed, p);
        }
      if (band && stride > 1)
        atlas_painter_drop (painter, LEFT_OUT_CATEGORY_NAMES, "%u of %u category names", ticks->len - placed->len, ticks->len);

      for (guint i = 1; i < placed->len && !band; i++)
        {
          const PlacedTick *a = &g_array_index (placed, PlacedTick, i - 1);
          const PlacedTick *b = &g_array_index (placed, PlacedTick, i);
          double extent_a = horizontal ? a->width : a->height;
          double extent_b = horizontal ? b->width : b->height;
          if (fabs (b->position - a->position) < (extent_a + extent_b) / 2 + gap)
            fits = FALSE;
        }
      if (fits || max_ticks <= 2)
        break;
      max_ticks--;
    }
  /* Two labels that still collide: keep the first. */
  if (placed->len == 2 && atlas_scale_get_kind (scale) != ATLAS_SCALE_BAND)
    {
      const PlacedTick *a = &g_array_index (placed, PlacedTick, 0);
      const PlacedTick *b = &g_array_index (placed, PlacedTick, 1);
      double extent = horizontal ? (a->width + b->width) / 2 : (a->height + b->height) / 2;
      if (fabs (b->position - a->position) < extent + gap)
        g_array_remove_index (placed, 1);
    }
  return placed;
}

/* The first position in x order of each pixel column of the plot, and
 * one past the last: shared by every decimated series of a frame. With
 * thousands of rows to a column, each bound is rounded to a whole block
 * of the pyramids (at most a sixteenth of a column away): queries then
 * read only whole blocks of the coarser levels, which stay in cache,
 * instead of the rows and fine blocks at both ends of every column. */
static gsize *
column_bounds (const AtlasChartLayout *layout,
               int                     first_column,
               int                     n_columns)
{
  AtlasChart *chart = layout->chart;
  gsize *bounds = g_new (gsize, n_columns + 1);
  gsize rows_per_column, align = 1;

  bounds[0] = atlas_chart_lower_bound (chart, atlas_scale_unmap (layout->x_scale, first_column));
  for (int c = 1; c <= n_columns; c++)
    bounds[c] = atlas_chart_lower_bound_from (chart, atlas_scale_unmap (layout->x_scale, first_column + c), bounds[c - 1]);

  rows_per_column = (bounds[n_columns] - bounds[0]) / MAX (n_columns, 1);
  while (align * ATLAS_MIN_MAX_PYRAMID_FAN_OUT * ATLAS_MIN_MAX_PYRAMID_FAN_OUT <= rows_per_column)
    align *= ATLAS_MIN_MAX_PYRAMID_FAN_OUT;
  if (align > 1)
    for (int c = 0; c <= n_columns; c++)
      bounds[c] = MIN ((bounds[c] + align / 2) / align * align, chart->n_ordered);
  return bounds;
}

/* Adds the whole-pixel box of column x spanning y_a to y_b, grown by half
 * a line on each side. */
static void
add_column_box (cairo_t *cr,
                int      x,
                double   y_a,
                double   y_b,
                double   half_line)
{
  double top = floor (MIN (y_a, y_b) - half_line);
  double bottom = ceil (MAX (y_a, y_b) + half_line);

  cairo_rectangle (cr, x, top, 2, bottom - top);
}

/* A line (or an area) with more points in view than pixel columns, drawn
 * as kst does: each column is one box from its minimum to its maximum,
 * read from the series' pyramid, reaching to the column before where the
 * two do not touch. Boxes on whole pixels fill without antialiasing, so a
 * frame costs in proportion to the width, and every spike that drawing
 * all points would show is there. A missing value wider than a column
 * breaks the line; columns with no rows between two with values carry
 * the straight line across. An area fills each column down to its base. */
static void
draw_decimated_series (Painter     *painter,
                       guint        s,
                       gboolean     fill_area,
                       const gsize *bounds,
                       int          first_column,
                       int          n_columns)
{
  AtlasChart *chart = painter->chart;
  AtlasChartLayout *layout = painter->layout;
  cairo_t *cr = painter->cr;
  const AtlasMinMaxPyramid *pyramid = atlas_chart_get_pyramid (chart, s);
  const double *values = g_array_index (chart->series, AtlasChartSeries, s).values;
  AtlasColor color = atlas_painter_series_color (painter, s);
  double half_line = MAX (1.5, painter->unit * 0.16) / 2;
  double base_y = atlas_scale_map (layout->y_scale, chart->spec.log_y ? 1 : 0);
  gboolean open = FALSE;
  int previous_column = 0;
  double previous_top = 0, previous_bottom = 0;
  gsize previous_last = 0;

  /* Each column's rows lie far from the last column's in a big series:
   * asking for all of them first lets the memory fetches overlap instead
   * of waiting for each in turn. */
  for (int c = 0; c < n_columns; c++)
    atlas_min_max_pyramid_prefetch (pyramid, bounds[c], bounds[c + 1]);

  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  cairo_new_path (cr);
  for (int c = 0; c < n_columns; c++)
    {
      gsize from = bounds[c], end = bounds[c + 1], first = from, last = end, n_valid;
      double min, max, top, bottom;
      int x = first_column + c;

      if (end <= from)
        continue;
      if (!atlas_min_max_pyramid_query (pyramid, from, end, &min, &max, &n_valid))
        {
          open = FALSE; /* nothing but missing values: a break */
          continue;
        }
      /* Rows are only read one by one where some are missing: to find
       * whether a gap opens or closes the column. */
      if (n_valid < end - from)
        {
          while (isnan (values[atlas_chart_row_at (chart, first)]))
            first++;
          while (isnan (values[atlas_chart_row_at (chart, last - 1)]))
            last--;
          if (first > from)
            open = FALSE;
        }
      top = atlas_scale_map (layout->y_scale, max);
      bottom = atlas_scale_map (layout->y_scale, min);
      if (open && x == previous_column + 1)
        {
          /* Reach the column before, so the line has no break. */
          top = MIN (top, previous_bottom);
          bottom = MAX (bottom, previous_top);
        }
      else if (open)
        {
          /* Columns with no rows in between: the straight line from the
           * last value before to the first value here. */
          double from_y = atlas_scale_map (layout->y_scale, values[atlas_chart_row_at (chart, previous_last)]);
          double to_y = atlas_scale_map (layout->y_scale, values[atlas_chart_row_at (chart, first)]);
          for (int j = previous_column + 1; j < x; j++)
            {
              double t0 = (double) (j - previous_column) / (x - previous_column);
              double t1 = (double) (j + 1 - previous_column) / (x - previous_column);
              double y0 = from_y + (to_y - from_y) * t0, y1 = from_y + (to_y - from_y) * t1;
              if (fill_area)
                add_column_box (cr, j, MIN (y0, y1), base_y, 0);
              else
                add_column_box (cr, j, y0, y1, half_line);
            }
          top = MIN (top, to_y);
          bottom = MAX (bottom, to_y);
        }
      if (fill_area)
        add_column_box (cr, x, top, base_y, 0);
      else
        add_column_box (cr, x, top, bottom, half_line);
      open = last == end;
      previous_column = x;
      previous_top = atlas_scale_map (layout->y_scale, max);
      previous_bottom = atlas_scale_map (layout->y_scale, min);
      previous_last = last - 1;
    }
  atlas_painter_set_color_alpha (cr, &color, fill_area ? 0.25 : 1.0);
  cairo_fill (cr);
  cairo_restore (cr);
}

/* The position in x order next to position i, before it (step -1) or
 * after it (step 1), of a row that is series s's own: rows of other
 * groups are passed over. G_MAXSIZE at either end. */
static gsize
neighbour_with_row (const AtlasChart *chart,
                    guint             s,
                    gsize             i,
                    int               step)
{
  for (;;)
    {
      if ((step < 0 && i == 0) || (step > 0 && i + 1 >= chart->n_ordered))
        return G_MAXSIZE;
      i += step;
      if (!atlas_chart_value_absent (chart, s, atlas_chart_row_at (chart, i)))
        return i;
    }
}

/* A line whose rows include estimates or forecasts: every segment that
 * touches one is dashed, the rest solid, gaps left by missing values. As
 * a plain line, it runs on past the view to be cut by the clip, and a
 * value with gaps on both sides is a dot. */
static void
draw_line_with_estimates (Painter *painter,
                          guint    s)
{
  AtlasChart *chart = painter->chart;
  AtlasChartLayout *layout = painter->layout;
  cairo_t *cr = painter->cr;
  AtlasColor color = atlas_painter_series_color (painter, s);
  double dash[] = { painter->unit * 0.5, painter->unit * 0.35 };

  cairo_save (cr);
  atlas_painter_set_color (cr, &color);
  cairo_set_line_width (cr, MAX (1.5, painter->unit * 0.16));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  for (int dashed = 0; dashed < 2; dashed++)
    {
      gsize previous = G_MAXSIZE;
      double px_previous = 0, py_previous = 0;

      cairo_new_path (cr);
      cairo_set_dash (cr, dash, dashed ? 2 : 0, 0);
      for (gsize i = 0; i < chart->n_ordered; i++)
        {
          gsize row = atlas_chart_row_at (chart, i);
          double base, top = atlas_chart_stack_value (chart, s, row, &base);
          double px, py;

          if (isnan (top))
            {
              if (!atlas_chart_value_absent (chart, s, row))
                previous = G_MAXSIZE;
              continue;
            }
          px = atlas_scale_map (layout->x_scale, chart->x_values[row]);
          py = atlas_scale_map (layout->y_scale, top);
          if (previous != G_MAXSIZE
              && (atlas_chart_value_estimated (chart, s, previous) || atlas_chart_value_estimated (chart, s, row))
                   == dashed)
            {
              cairo_move_to (cr, px_previous, py_previous);
              cairo_line_to (cr, px, py);
            }
          previous = row;
          px_previous = px;
          py_previous = py;
        }
      cairo_stroke (cr);
    }
  cairo_set_dash (cr, NULL, 0, 0);
  for (gsize i = 0; i < chart->n_ordered; i++)
    {
      gsize row = atlas_chart_row_at (chart, i);
      double base;
      gsize before = neighbour_with_row (chart, s, i, -1), after = neighbour_with_row (chart, s, i, 1);
      gboolean alone = !isnan (atlas_chart_stack_value (chart, s, row, &base))
                       && (before == G_MAXSIZE
                           || isnan (atlas_chart_stack_value (chart, s, atlas_chart_row_at (chart, before), &base)))
                       && (after == G_MAXSIZE
                           || isnan (atlas_chart_stack_value (chart, s, atlas_chart_row_at (chart, after), &base)));
      double px, py;

      if (alone && atlas_chart_point_position (layout, s, row, &px, &py))
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, px, py, painter->unit * 0.3, 0, 2 * G_PI);
        }
    }
  cairo_fill (cr);
  cairo_restore (cr);
}

/* Draws the series of a line or area chart, point by point; dense
 * plain lines and areas go through draw_decimated_series(). Stacked areas
 * with more points than pixels still collapse each column to its
 * extremes, point by point. */
static void
draw_line_series (Painter     *painter,
                  guint        s,
                  gboolean     fill_area,
                  const gsize *bounds,
                  int          first_column,
                  int          n_columns)
{
  AtlasChart *chart = painter->chart;
  AtlasChartLayout *layout = painter->layout;
  cairo_t *cr = painter->cr;
  AtlasColor color = atlas_painter_series_color (painter, s);
  gboolean in_path = FALSE;
  double column = NAN, column_min = 0, column_max = 0, last_y = 0;
  gboolean decimate = chart->n_ordered > layout->plot.width * 2;
  GArray *bases;
  g_autoptr (GArray) lonely = g_array_new (FALSE, FALSE, sizeof (double) * 3);
  guint path_points = 0;
  double lonely_point[3] = { 0 };

  if (atlas_chart_series_hidden (chart, s))
    return;
  if (bounds)
    {
      draw_decimated_series (painter, s, fill_area, bounds, first_column, n_columns);
      return;
    }
  if (!fill_area && chart->estimated)
    {
      draw_line_with_estimates (painter, s);
      return;
    }
  bases = g_array_new (FALSE, FALSE, sizeof (double) * 2);

  cairo_new_path (cr);
  for (gsize i = 0; i <= chart->n_ordered; i++)
    {
      gsize row = i < chart->n_ordered ? atlas_chart_row_at (chart, i) : 0;
      double base = 0, top, px, py;

      /* A row of another group is no gap in this one's line. */
      if (i < chart->n_ordered && atlas_chart_value_absent (chart, s, row))
        continue;
      top = i < chart->n_ordered ? atlas_chart_stack_value (chart, s, row, &base) : NAN;
      px = i < chart->n_ordered ? atlas_scale_map (layout->x_scale, chart->x_values[row]) : NAN;
      py = isnan (top) ? NAN : atlas_scale_map (layout->y_scale, top);

      if (decimate && in_path && !isnan (py) && floor (px) == column)
        {
          column_min = MIN (column_min, py);
          column_max = MAX (column_max, py);
          last_y = py;
          continue;
        }
      if (decimate && in_path && !isnan (column))
        {
          /* Close the finished pixel column: its full vertical extent. */
          cairo_line_to (cr, column + 0.5, column_min);
          cairo_line_to (cr, column + 0.5, column_max);
          cairo_line_to (cr, column + 0.5, last_y);
        }
      if (isnan (py))
        {
          /* A value with gaps on both sides would vanish as a line of
           * one point: it is drawn as a dot (a sliver in an area). */
          if (in_path && path_points == 1)
            g_array_append_vals (lonely, lonely_point, 1);
          if (in_path && fill_area)
            {
              /* Back along the base to close the area. */
              for (guint b = bases->len; b > 0; b--)
                {
                  const double *point = &g_array_index (bases, double, (b - 1) * 2);
                  cairo_line_to (cr, point[0], point[1]);
                }
              cairo_close_path (cr);
            }
          g_array_set_size (bases, 0);
          in_path = FALSE;
          column = NAN;
          continue;
        }
      if (!in_path)
        {
          cairo_move_to (cr, px, py);
          path_points = 0;
        }
      else
        cairo_line_to (cr, px, py);
      path_points++;
      lonely_point[0] = px;
      lonely_point[1] = py;
      lonely_point[2] = atlas_scale_map (layout->y_scale, chart->spec.log_y ? 1 : base);
      if (fill_area)
        {
          double point[2] = { px, lonely_point[2] };
          g_array_append_vals (bases, point, 1);
        }
      in_path = TRUE;
      column = floor (px);
      column_min = column_max = last_y = py;
    }
  g_array_unref (bases);

  for (guint i = 0; fill_area && i < lonely->len; i++)
    {
      const double *point = &g_array_index (lonely, double, i * 3);
      cairo_rectangle (cr, point[0] - 1.5, MIN (point[1], point[2]), 3, fabs (point[2] - point[1]));
    }

  if (fill_area)
    {
      /* A plain area is a tint under its line; stacked areas are solid. */
      atlas_painter_set_color_alpha (cr, &color, chart->spec.type == ATLAS_CHART_AREA ? 0.25 : 0.85);
      cairo_fill (cr);
      return;
    }
  atlas_painter_set_color (cr, &color);
  cairo_set_line_width (cr, MAX (1.5, painter->unit * 0.16));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_stroke (cr);

  for (guint i = 0; i < lonely->len; i++)
    {
      const double *point = &g_array_index (lonely, double, i * 3);
      cairo_new_sub_path (cr);
      cairo_arc (cr, point[0], point[1], painter->unit * 0.3, 0, 2 * G_PI);
    }

  if (chart->spec.markers && chart->n_ordered <= layout->plot.width / 6)
    for (gsize i = 0; i < chart->n_ordered; i++)
      {
        double px, py;
        if (atlas_chart_point_position (layout, s, atlas_chart_row_at (chart, i), &px, &py))
          {
            cairo_new_sub_path (cr);
            cairo_arc (cr, px, py, painter->unit * 0.3, 0, 2 * G_PI);
          }
      }
  cairo_fill (cr);
}

/* The radius of a scatter point at row: fixed; with a size column, its
 * area in proportion to the size (the largest a twentieth of the plot's
 * shorter side across); 0 when its size is missing or not positive. */
double
atlas_chart_point_radius (const AtlasChartLayout *layout,
                          gsize                   row)
{
  const AtlasChart *chart = layout->chart;
  double largest = MIN (layout->plot.width, layout->plot.height) / 40;

  if (!chart->sizes)
    return MAX (2, layout->unit * 0.3);
  if (!(chart->sizes[row] > 0) || !(chart->max_size > 0))
    return 0;
  return MAX (1.5, largest * sqrt (chart->sizes[row] / chart->max_size));
}

/* Points, sized by atlas_chart_point_radius(): with a size column
 * translucent and outlined so that overlapping ones stay readable. */
static void
draw_scatter_series (Painter *painter,
                     guint    s)
{
  AtlasChart *chart = painter->chart;
  AtlasChartLayout *layout = painter->layout;
  AtlasColor color = atlas_painter_series_color (painter, s);

  if (atlas_chart_series_hidden (chart, s))
    return;
  /* Measured points are filled; estimates and forecasts are rings, drawn
   * second so that they stay readable where the two overlap. */
  for (int pass = 0; pass < (chart->estimated ? 2 : 1); pass++)
    {
      gboolean hollow = pass == 1;

      for (gsize i = 0; i < chart->n_ordered; i++)
        {
          gsize row = atlas_chart_row_at (chart, i);
          double px, py, r = atlas_chart_point_radius (layout, row);

          if (atlas_chart_value_estimated (chart, s, row) != hollow || r <= 0
              || !atlas_chart_point_position (layout, s, row, &px, &py))
            continue;
          cairo_new_sub_path (painter->cr);
          cairo_arc (painter->cr, px, py, r, 0, 2 * G_PI);
        }
      if (hollow)
        {
          atlas_painter_set_color (painter->cr, &painter->theme->background);
          cairo_fill_preserve (painter->cr);
          atlas_painter_set_color (painter->cr, &color);
          cairo_set_line_width (painter->cr, 1.5);
          cairo_stroke (painter->cr);
        }
      else if (chart->sizes)
        {
          atlas_painter_set_color_alpha (painter->cr, &color, 0.55);
          cairo_fill_preserve (painter->cr);
          atlas_painter_set_color (painter->cr, &color);
          cairo_set_line_width (painter->cr, 1);
          cairo_stroke (painter->cr);
        }
      else
        {
          atlas_painter_set_color_alpha (painter->cr, &color, 0.8);
          cairo_fill (painter->cr);
        }
    }
}

/* The sum of the visible parts of row's stack that have values, and
 * how many visible parts before series have none. */
static double
stack_known_total (const AtlasChart *chart,
                   gsize             row,
                   guint             series,
                   guint            *out_missing_before)
{
  double total = 0;

  *out_missing_before = 0;
  for (guint s = 0; s < chart->series->len; s++)
    {
      double value = g_array_index (chart->series, AtlasChartSeries, s).values[row];

      if (atlas_chart_series_hidden (chart, s))
        continue;
      if (!isnan (value))
        total += value;
      else if (s < series)
        (*out_missing_before)++;
    }
  return total;
}

/* Bars: grouped side by side in each slot, or stacked; horizontal bars
 * swap the axes. Each drawn bar is kept for pick. */
static void
draw_bars (Painter *painter)
{
  AtlasChart *chart = painter->chart;
  AtlasChartLayout *layout = painter->layout;
  gboolean horizontal = atlas_chart_is_horizontal (chart->spec.type);
  gboolean stacked = atlas_chart_type_stacks (chart->spec.type);
  guint n_series = chart->series->len;
  double slot = bar_slot_width (chart, layout->x_scale);
  double bar = stacked ? slot : slot / n_series;

  layout->bar_slot = slot;
  /* Bars thinner than a pixel blur into a block that says nothing: the
   * chart says so instead, and how to see them. */
  if (bar < 1)
    {
      gsize n_bars = chart->n_ordered * n_series;
      g_autofree char *count = atlas_format_value ((double) n_bars, &painter->style);
      /* Translators: %s is a number of bars, grouped by thousands ("10,000"). */
      g_autofree char *message = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%s bar is too many to tell apart at this size: zoom in to see them, or "
                                      "show them as a line",
                     "%s bars are too many to tell apart at this size: zoom in to see them, or show them as a line",
                     n_bars),
        count);
      double box_width = MIN (layout->plot.width * 0.8, painter->unit * 30);

      atlas_painter_draw_text_block (painter, message, TEXT_BODY, layout->plot.x + (layout->plot.width - box_width) / 2,
                                     layout->plot.y + layout->plot.height / 2 - painter->unit, box_width, 3,
                                     &painter->theme->muted_text);
      layout->bars_withheld = TRUE;
      atlas_painter_drop (painter, LEFT_OUT_SAID_IN_PLACE, "%s bars, too many to tell apart at this size", count);
      return;
    }

  for (guint s = 0; s < n_series; s++)
    {
      AtlasColor color = atlas_painter_series_color (painter, s);
      g_autoptr (GArray) missing = g_array_new (FALSE, FALSE, sizeof (AtlasChartMark));

      atlas_painter_set_color (painter->cr, &color);
      for (gsize i = 0; i < chart->n_ordered; i++)
        {
          gsize row = atlas_chart_row_at (chart, i);
          double base, top = atlas_chart_stack_value (chart, s, row, &base);
          double centre = atlas_scale_map (layout->x_scale, chart->x_values[row]);
          double from, to, offset;
          AtlasChartMark mark = { s, row, 0, 0, 0, 0, FALSE, 0, 0 };

          /* A bar whose slot lies outside the view is not drawn: the
           * clip's margin would show a sliver of a value not in view. */
          if (centre < (horizontal ? layout->plot.y : layout->plot.x) - 0.5
              || centre > (horizontal ? layout->plot.y + layout->plot.height : layout->plot.x + layout->plot.width) + 0.5)
            continue;
          if (isnan (top) && !atlas_chart_series_hidden (chart, s))
            {
              /* No value is not zero: a short dashed outline on the
               * baseline says there is no data, where a zero is a line.
               * A stack's missing parts follow the parts it has, one
               * outline each. */
              double length = MIN (painter->unit * 1.2, (horizontal ? layout->plot.width : layout->plot.height) * 0.15);
              guint missing_before = 0;
              double known = stacked ? stack_known_total (chart, row, s, &missing_before) : 0;
              double start = atlas_scale_map (layout->y_scale, known) + (horizontal ? 1 : -1) * missing_before * length;

              offset = stacked ? -slot / 2 : -slot / 2 + s * bar;
              if (horizontal)
                mark = (AtlasChartMark) { s, row, start, centre + offset, length, bar, TRUE, 0, 0 };
              else
                mark = (AtlasChartMark) { s, row, centre + offset, start - length, bar, length, TRUE, 0, 0 };
              g_array_append_val (missing, mark);
              g_array_append_val (layout->marks, mark);
              continue;
            }
          if (isnan (top))
            continue;
          offset = stacked ? -slot / 2 : -slot / 2 + s * bar;
          from = atlas_scale_map (layout->y_scale, chart->spec.log_y ? MAX (base, 1e-300) : base);
          to = atlas_scale_map (layout->y_scale, top);
          if (horizontal)
            {
              mark.x = MIN (from, to);
              mark.width = fabs (to - from);
              mark.y = centre + offset;
              mark.height = bar;
            }
          else
            {
              mark.x = centre + offset;
              mark.width = bar;
              mark.y = MIN (from, to);
              mark.height = fabs (to - from);
            }
          /* An estimate is hatched on its own: the solid bars gathered
           * so far are filled first, so the hatch takes none of them. */
          if (atlas_chart_value_estimated (chart, s, row))
            cairo_fill (painter->cr);
          /* A hairline gap between neighbours keeps grouped bars apart. */
          cairo_rectangle (painter->cr, mark.x + (horizontal ? 0 : 0.5), mark.y + (horizontal ? 0.5 : 0),
                           MAX (mark.width - (horizontal ? 0 : 1), 1), MAX (mark.height - (horizontal ? 1 : 0), 1));
          if (atlas_chart_value_estimated (chart, s, row))
            {
              cairo_pattern_t *hatch = make_hatch_pattern (painter->theme, &color);
              cairo_set_source (painter->cr, hatch);
              cairo_fill (painter->cr);
              cairo_pattern_destroy (hatch);
              atlas_painter_set_color (painter->cr, &color);
            }
          g_array_append_val (layout->marks, mark);
        }
      cairo_fill (painter->cr);
      if (missing->len > 0)
        {
          double dash[] = { 2, 2 };

          cairo_save (painter->cr);
          atlas_painter_set_color (painter->cr, &painter->theme->muted_text);
          cairo_set_line_width (painter->cr, 1);
          cairo_set_dash (painter->cr, dash, 2, 0);
          for (guint m = 0; m < missing->len; m++)
            {
              const AtlasChartMark *gap = &g_array_index (missing, AtlasChartMark, m);
              cairo_rectangle (painter->cr, gap->x + 1, gap->y + 0.5, MAX (gap->width - 2, 1), MAX (gap->height - 1, 1));
            }
          cairo_stroke (painter->cr);
          cairo_restore (painter->cr);
        }
    }
}

static void
draw_grid_and_axes (Painter *painter,
                    GArray  *value_ticks,
                    gboolean value_axis_horizontal)
{
  AtlasChart *chart = painter->chart;
  AtlasChartLayout *layout = painter->layout;
  cairo_t *cr = painter->cr;
  const cairo_rectangle_t *plot = &layout->plot;
  double zero = NAN;

  cairo_set_line_width (cr, 1);
  atlas_painter_set_color (cr, &painter->theme->grid);
  for (guint i = 0; i < value_ticks->len; i++)
    {
      double p = round (g_array_index (value_ticks, PlacedTick, i).position) + 0.5;
      if (value_axis_horizontal)
        {
          cairo_move_to (cr, p, plot->y);
          cairo_line_to (cr, p, plot->y + plot->height);
        }
      else
        {
          cairo_move_to (cr, plot->x, p);
          cairo_line_to (cr, plot->x + plot->width, p);
        }
    }
  cairo_stroke (cr);

  /* The baseline: zero when it is in view, else the axis edge. */
  if (!chart->spec.log_y)
    {
      double min, max;
      atlas_scale_get_domain (layout->y_scale, &min, &max);
      if (min <= 0 && max >= 0)
        zero = round (atlas_scale_map (layout->y_scale, 0)) + 0.5;
    }
  atlas_painter_set_color (cr, &painter->theme->baseline);
  if (value_axis_horizontal)
    {
      double x = isnan (zero) ? plot->x + 0.5 : zero;
      cairo_move_to (cr, x, plot->y);
      cairo_line_to (cr, x, plot->y + plot->height);
    }
  else
    {
      double y = isnan (zero) ? round (plot->y + plot->height) - 0.5 : zero;
      cairo_move_to (cr, plot->x, y);
      cairo_line_to (cr, plot->x + plot->width, y);
    }
  cairo_stroke (cr);
}

/* What the value axis measures. A chart of one series has no legend, so
 * the axis names it whole ("amount raised (CNY bn)"), with the unit its
 * cells were written in where its name does not say it ("revenue ($)",
 * "share (%)"); series sharing a unit, named in the legend, leave the
 * axis their unit ("CNY bn"). */
static char *
value_unit (const AtlasChart *chart)
{
  const AtlasChartSeries *first = &g_array_index (chart->series, AtlasChartSeries, 0);

  if (chart->spec.type == ATLAS_CHART_STACKED_AREA_PERCENT)
    /* xgettext:no-c-format */
    return g_strdup (_("% of total"));
  if (chart->spec.value_unit && *chart->spec.value_unit)
    return g_strdup (chart->spec.value_unit);
  if (chart->series->len == 1)
    {
      g_autofree char *said = first->unit ? g_strdup_printf ("(%s)", first->unit) : NULL;
      if (said && !strstr (first->name, said))
        return g_strdup_printf ("%s %s", first->name, said);
      return g_strdup (first->name);
    }
  for (guint s = 1; s < chart->series->len; s++)
    if (g_strcmp0 (first->unit, g_array_index (chart->series, AtlasChartSeries, s).unit) != 0)
      return NULL;
  return g_strdup (first->unit);
}

/* Whether a row in view is an estimate or forecast: the legend notes
 * what the reader can see. */
static gboolean
chart_has_estimates (const AtlasChart *chart)
{
  double from = chart->view.x_min, to = chart->view.x_max;

  if (!chart->estimated)
    return FALSE;
  for (guint s = 0; s < chart->series->len; s++)
    for (gsize row = 0; row < chart->n_rows; row++)
      if (atlas_chart_value_estimated (chart, s, row) && !atlas_chart_row_excluded (chart, row)
          && !(chart->x_values[row] < from) && !(chart->x_values[row] > to))
        return TRUE;
  return FALSE;
}

/* Whether bars leave a part empty for a row in view that has no value:
 * it is marked as no data, and the legend says how. */
static gboolean
chart_has_missing_bars (const AtlasChart *chart)
{
  if (!atlas_chart_type_is_bar (chart->spec.type))
    return FALSE;
  for (guint s = 0; s < chart->series->len; s++)
    for (gsize i = 0; i < chart->n_ordered && !atlas_chart_series_hidden (chart, s); i++)
      {
        gsize row = atlas_chart_row_at (chart, i);
        double x = chart->x_values[row];

        /* Category positions are in the view's units too. */
        if ((!isnan (chart->view.x_min) && x < chart->view.x_min) || (!isnan (chart->view.x_max) && x > chart->view.x_max))
          continue;
        if (isnan (g_array_index (chart->series, AtlasChartSeries, s).values[row]))
          return TRUE;
      }
  return FALSE;
}

/* Lines and areas of a few series name each at its end, in its colour,
 * as the FT and OWID do; more series, or names too long for the room
 * beside the plot, keep the legend. Returns the width of the widest
 * name, 0 when the chart keeps its legend. */
#define MOST_DIRECT_LABELS 6

/* The row of series' last value between view_min and view_max (NAN: no
 * bound); G_MAXSIZE when it has none there. */
static gsize
last_row_in_view (const AtlasChart *chart,
                  guint             series,
                  double            view_min,
                  double            view_max)
{
  gsize end = isnan (view_max) ? chart->n_ordered : atlas_chart_lower_bound (chart, nextafter (view_max, INFINITY));

  for (gsize i = end; i-- > 0;)
    {
      gsize row = atlas_chart_row_at (chart, i);
      double base;

      if (!isnan (view_min) && chart->x_values[row] < view_min)
        break;
      if (!isnan (atlas_chart_stack_value (chart, series, row, &base)))
        return row;
    }
  return G_MAXSIZE;
}

/* The x of series' last value in the chart's view; NAN when it has none. */
static double
last_x_in_view (const AtlasChart *chart,
                guint             series)
{
  gsize row = last_row_in_view (chart, series, chart->view.x_min, chart->view.x_max);

  return row == G_MAXSIZE ? NAN : chart->x_values[row];
}

/* Whether every series' last value in view is at the same, last x: a
 * name beside the plot then sits at its line's end. A series that ends
 * earlier would be named far from its line, and keeps the legend. */
static gboolean
series_end_together (const AtlasChart *chart)
{
  double last = last_x_in_view (chart, 0);

  for (guint s = 1; s < chart->series->len && !isnan (last); s++)
    if (last_x_in_view (chart, s) != last)
      return FALSE;
  return !isnan (last);
}

static double
direct_label_width (Painter *painter,
                    double   width)
{
  AtlasChart *chart = painter->chart;
  double widest = 0;

  if ((chart->spec.type != ATLAS_CHART_LINE && chart->spec.type != ATLAS_CHART_AREA) || chart->categories
      || chart->series->len < 2 || chart->series->len > MOST_DIRECT_LABELS || !series_end_together (chart))
    return 0;
  for (guint s = 0; s < chart->series->len; s++)
    {
      double w, h;
      atlas_painter_prepare_text (painter, g_array_index (chart->series, AtlasChartSeries, s).name, TEXT_SMALL, 0, 1);
      atlas_painter_measure (painter, &w, &h);
      widest = MAX (widest, w);
    }
  /* The plot keeps at least three quarters of the width. */
  return widest <= width / 4 ? widest : 0;
}

/* Where each series' name goes beside the plot: at the height of its
 * last value in view, moved apart just enough that no two touch. */
typedef struct
{
  guint series;
  double point_y; /* the last value's height; NAN when it ends before the plot's right edge */
  double y;       /* the name's centre */
} DirectLabel;

static int
compare_label_heights (gconstpointer a,
                       gconstpointer b)
{
  double ya = ((const DirectLabel *) a)->y, yb = ((const DirectLabel *) b)->y;

  return (ya > yb) - (ya < yb);
}

static void
draw_direct_labels (Painter *painter,
                    double   label_width)
{
  AtlasChart *chart = painter->chart;
  AtlasChartLayout *layout = painter->layout;
  g_autoptr (GArray) labels = g_array_new (FALSE, FALSE, sizeof (DirectLabel));
  double view_min, view_max, line_height, w;
  double left = layout->plot.x + layout->plot.width + painter->unit * 0.6;

  atlas_painter_prepare_text (painter, "Ag", TEXT_SMALL, 0, 1);
  atlas_painter_measure (painter, &w, &line_height);
  atlas_scale_get_domain (layout->x_scale, &view_min, &view_max);
  for (guint s = 0; s < chart->series->len; s++)
    {
      gsize row = last_row_in_view (chart, s, view_min, view_max);
      double base, y, x;
      DirectLabel label;

      if (row == G_MAXSIZE)
        continue;
      x = chart->x_values[row];
      y = CLAMP (atlas_scale_map (layout->y_scale, atlas_chart_stack_value (chart, s, row, &base)), layout->plot.y,
                 layout->plot.y + layout->plot.height);
      label = (DirectLabel) { s, atlas_scale_map (layout->x_scale, x) >= layout->plot.x + layout->plot.width - 1 ? y : NAN,
                              y };
      g_array_append_val (labels, label);
    }
  g_array_sort (labels, compare_label_heights);
  /* Down from the top, then back up from the bottom: each keeps a line
   * of its own, as near its value as the others allow. */
  for (guint i = 0; i < labels->len; i++)
    {
      DirectLabel *label = &g_array_index (labels, DirectLabel, i);
      double floor_y = i == 0 ? layout->plot.y + line_height / 2
                              : g_array_index (labels, DirectLabel, i - 1).y + line_height;
      label->y = MAX (label->y, floor_y);
    }
  for (guint i = labels->len; i-- > 0;)
    {
      DirectLabel *label = &g_array_index (labels, DirectLabel, i);
      double ceiling_y = i + 1 == labels->len ? layout->plot.y + layout->plot.height - line_height / 2
                                              : g_array_index (labels, DirectLabel, i + 1).y - line_height;
      label->y = MIN (label->y, ceiling_y);
    }
  for (guint i = 0; i < labels->len; i++)
    {
      const DirectLabel *label = &g_array_index (labels, DirectLabel, i);
      gboolean off = atlas_chart_series_hidden (chart, label->series);
      AtlasColor color = off ? painter->theme->muted_text : atlas_painter_series_color (painter, label->series);
      double text_width, text_height;
      AtlasLegendBox box;

      atlas_painter_prepare_text (painter, g_array_index (chart->series, AtlasChartSeries, label->series).name,
                                  TEXT_SMALL, label_width + 1, 1);
      atlas_painter_measure (painter, &text_width, &text_height);
      /* A name moved off its line's end is joined to it. */
      if (!isnan (label->point_y) && fabs (label->point_y - label->y) > text_height / 2 && !off)
        {
          atlas_painter_set_color (painter->cr, &color);
          cairo_set_line_width (painter->cr, 1);
          cairo_move_to (painter->cr, layout->plot.x + layout->plot.width + 1, label->point_y);
          cairo_line_to (painter->cr, left - painter->unit * 0.2, label->y);
          cairo_stroke (painter->cr);
        }
      atlas_painter_show (painter, left, label->y - text_height / 2, &color);
      /* Clicking a name switches its series, as a legend entry does. */
      box = (AtlasLegendBox) { { left, label->y - text_height / 2, text_width, text_height }, label->series };
      g_array_append_val (layout->legend_boxes, box);
    }
}

static void
collect_legend (Painter *painter,
                GArray  *entries,
                gboolean direct_labels)
{
  AtlasChart *chart = painter->chart;

  if (chart->spec.type == ATLAS_CHART_DONUT)
    {
      const AtlasChartSeries *series = &g_array_index (chart->series, AtlasChartSeries, 0);
      double total = 0;

      for (gsize i = 0; i < chart->n_ordered; i++)
        if (series->values[atlas_chart_row_at (chart, i)] > 0)
          total += series->values[atlas_chart_row_at (chart, i)];
      for (gsize i = 0; i < chart->n_ordered; i++)
        {
          gsize row = atlas_chart_row_at (chart, i);
          double v = series->values[row];
          LegendEntry entry = { .series = -1 };
          g_autofree char *share = NULL;
          const char *name = chart->categories ? g_ptr_array_index (chart->categories, (guint) chart->x_values[row])
                                               : NULL;
          /* A date or number names its slice as the table writes it. */
          g_autofree char *fallback = name ? NULL : atlas_column_format_cell (chart->x_column, row);

          if (!(v > 0))
            continue;
          share = atlas_format_number (v / total * 100, 0.1, 100, &painter->style);
          /* Translators: a donut slice in the legend: its name, then its
           * share of the whole in percent. */
          entry.label = g_strdup_printf (_("%s %s%%"), name ? name : fallback, share);
          entry.color = atlas_theme_series_color (painter->theme, (guint) i);
          g_array_append_val (entries, entry);
        }
    }
  for (guint s = 0; s < chart->series->len && chart->series->len > 1 && chart->spec.type != ATLAS_CHART_DONUT
                    && !direct_labels;
       s++)
    {
      LegendEntry entry = { g_strdup (g_array_index (chart->series, AtlasChartSeries, s).name),
                            atlas_painter_series_color (painter, s), FALSE, FALSE, FALSE, FALSE, FALSE, (int) s,
                            atlas_chart_series_hidden (chart, s) };
      g_array_append_val (entries, entry);
    }
  if (chart_has_estimates (chart))
    {
      gboolean bars = atlas_chart_type_is_bar (chart->spec.type) || chart->spec.type == ATLAS_CHART_DONUT;
      gboolean points = chart->spec.type == ATLAS_CHART_SCATTER;
      LegendEntry entry = { g_strdup (bars     ? _("Hatched: estimate or forecast")
                                      : points ? _("Ring: estimate or forecast")
                                               : _("Dashed: estimate or forecast")),
                            painter->theme->muted_text, !bars && !points, bars, points, FALSE, FALSE, -1, FALSE };
      g_array_append_val (entries, entry);
    }
  if (chart_has_missing_bars (chart))
    {
      LegendEntry entry = { g_strdup (_("Dashed outline: no data")), painter->theme->muted_text, FALSE, FALSE, FALSE,
                            TRUE, FALSE, -1, FALSE };
      g_array_append_val (entries, entry);
    }
  /* A timeline's events, coloured by the side that acted. */
  if (chart->spec.type == ATLAS_CHART_TIMELINE)
    {
      g_auto (GStrv) sides = atlas_table_list_sides (chart->table);

      for (guint i = 0; sides && sides[i]; i++)
        {
          LegendEntry entry = { g_strdup_printf (_("%s events"), sides[i]),
                                atlas_theme_event_color (painter->theme, i), FALSE, FALSE, FALSE, FALSE, FALSE, -1,
                                FALSE };
          g_array_append_val (entries, entry);
        }
    }
  /* Event lines, coloured by the side that acted: which is whose. */
  {
    g_autoptr (GPtrArray) sides = g_ptr_array_new ();

    atlas_chart_collect_event_key (painter, sides);
    for (guint i = 0; i < sides->len; i++)
      {
        const char *side = g_ptr_array_index (sides, i);
        AtlasChartEvent event = { 0, NULL, (char *) side };
        /* Translators: the key of event lines by who acted, as in “US events”. */
        LegendEntry entry = { g_strdup_printf (_("%s events"), side), atlas_chart_event_color (painter, &event), FALSE,
                              FALSE, FALSE, FALSE, TRUE, -1, FALSE };
        g_array_append_val (entries, entry);
      }
  }
}

static void
draw_donut (Painter                 *painter,
            const cairo_rectangle_t *area)
{
  AtlasChart *chart = painter->chart;
  AtlasChartLayout *layout = painter->layout;
  const AtlasChartSeries *series = &g_array_index (chart->series, AtlasChartSeries, 0);
  double total = 0, angle = 0;
  cairo_t *cr = painter->cr;

  for (gsize i = 0; i < chart->n_ordered; i++)
    if (series->values[atlas_chart_row_at (chart, i)] > 0)
      total += series->values[atlas_chart_row_at (chart, i)];
  layout->donut_cx = area->x + area->width / 2;
  layout->donut_cy = area->y + area->height / 2;
  layout->donut_outer = MAX (MIN (area->width, area->height) / 2, 1);
  layout->donut_inner = layout->donut_outer * 0.58;
  if (total <= 0)
    return;

  for (gsize i = 0; i < chart->n_ordered; i++)
    {
      gsize row = atlas_chart_row_at (chart, i);
      double v = series->values[row];
      AtlasChartMark mark = { 0, row, 0, 0, 0, 0, 0, 0 };
      AtlasColor color = atlas_theme_series_color (painter->theme, (guint) i);

      if (!(v > 0))
        continue;
      mark.angle_start = angle;
      mark.angle_end = angle + v / total * 2 * G_PI;
      angle = mark.angle_end;
      g_array_append_val (layout->marks, mark);

      cairo_new_path (cr);
      cairo_arc (cr, layout->donut_cx, layout->donut_cy, layout->donut_outer, mark.angle_start - G_PI / 2,
                 mark.angle_end - G_PI / 2);
      cairo_arc_negative (cr, layout->donut_cx, layout->donut_cy, layout->donut_inner, mark.angle_end - G_PI / 2,
                          mark.angle_start - G_PI / 2);
      cairo_close_path (cr);
      if (atlas_chart_value_estimated (chart, 0, row))
        {
          cairo_pattern_t *hatch = make_hatch_pattern (painter->theme, &color);
          cairo_set_source (cr, hatch);
          cairo_pattern_destroy (hatch);
        }
      else
        atlas_painter_set_color (cr, &color);
      cairo_fill_preserve (cr);
      /* Slices are parted by a line of the background. */
      atlas_painter_set_color (cr, &painter->theme->background);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
}

static void
draw_axis_labels (Painter *painter,
                  GArray  *ticks,
                  gboolean along_bottom,
                  double   edge)
{
  for (guint i = 0; i < ticks->len; i++)
    {
      const PlacedTick *tick = &g_array_index (ticks, PlacedTick, i);
      double x, y;

      atlas_painter_prepare_text (painter, tick->label, TEXT_SMALL, tick->max_width, tick->max_lines);
      if (tick->ellipsize_middle)
        pango_layout_set_ellipsize (painter->text, PANGO_ELLIPSIZE_MIDDLE);
      if (along_bottom)
        {
          /* Centred on the tick, but never past the canvas edges. */
          x = CLAMP (tick->position - tick->width / 2, 0, painter->layout->width - tick->width);
          y = edge;
        }
      else
        {
          x = edge - tick->width;
          y = tick->position - tick->height / 2;
        }
      atlas_painter_show (painter, x, y, &painter->theme->text);
    }
}

static void
text_box_clear (gpointer data)
{
  g_free (((AtlasTextBox *) data)->text);
}

static void
dropped_item_clear (gpointer data)
{
  g_free (((AtlasDroppedItem *) data)->what);
}

static void
hover_note_clear (gpointer data)
{
  g_free (((AtlasHoverNote *) data)->text);
}

static AtlasChartLayout *
layout_new (AtlasChart *chart,
            double      width,
            double      height)
{
  AtlasChartLayout *layout = g_new0 (AtlasChartLayout, 1);

  g_atomic_ref_count_init (&layout->ref_count);
  layout->chart = atlas_chart_ref (chart);
  layout->width = width;
  layout->height = height;
  layout->text_boxes = g_array_new (FALSE, FALSE, sizeof (AtlasTextBox));
  g_array_set_clear_func (layout->text_boxes, text_box_clear);
  layout->dropped = g_array_new (FALSE, FALSE, sizeof (AtlasDroppedItem));
  g_array_set_clear_func (layout->dropped, dropped_item_clear);
  layout->hover_notes = g_array_new (FALSE, FALSE, sizeof (AtlasHoverNote));
  g_array_set_clear_func (layout->hover_notes, hover_note_clear);
  layout->marks = g_array_new (FALSE, FALSE, sizeof (AtlasChartMark));
  layout->legend_boxes = g_array_new (FALSE, FALSE, sizeof (AtlasLegendBox));
  return layout;
}

AtlasChartLayout *
atlas_chart_layout_ref (AtlasChartLayout *layout)
{
  g_return_val_if_fail (layout != NULL, NULL);
  g_atomic_ref_count_inc (&layout->ref_count);
  return layout;
}

void
atlas_chart_layout_unref (AtlasChartLayout *layout)
{
  if (!layout || !g_atomic_ref_count_dec (&layout->ref_count))
    return;
  g_clear_pointer (&layout->x_scale, atlas_scale_free);
  g_clear_pointer (&layout->y_scale, atlas_scale_free);
  g_array_unref (layout->text_boxes);
  g_array_unref (layout->dropped);
  g_array_unref (layout->hover_notes);
  g_array_unref (layout->marks);
  g_array_unref (layout->legend_boxes);
  atlas_chart_unref (layout->chart);
  g_free (layout);
}

/* The chart a layout places. */
AtlasChart *
atlas_chart_layout_get_chart (const AtlasChartLayout *layout)
{
  g_return_val_if_fail (layout != NULL, NULL);
  return layout->chart;
}

/* Lays chart out at width x height, and draws it into cr unless only
 * measuring: then everything drawn is clipped away, and the series,
 * which place nothing, are not drawn at all. */
/* The sentence that says which kinds of things (LeftOutKind bits) the
 * chart leaves out for want of room; NULL for none. */
static char *
left_out_sentence (guint kinds)
{
  const char *names[LEFT_OUT_N_KINDS] = {
    [LEFT_OUT_NOTE] = N_("notes"),
    [LEFT_OUT_EVENT_LABEL] = N_("event labels"),
    [LEFT_OUT_CATEGORY_NAMES] = N_("some category names"),
    [LEFT_OUT_SPAN_LABEL] = N_("labels of shaded spans"),
    [LEFT_OUT_LINE_LABEL] = N_("labels of reference lines"),
  };
  g_autoptr (GString) list = g_string_new (NULL);
  g_autofree char *sentence = NULL;
  const char *unanchored = (kinds & (1u << LEFT_OUT_UNANCHORED)) ? _("Notes on values the data lack are not shown.")
                                                                  : NULL;

  for (guint kind = 0; kind < LEFT_OUT_N_KINDS; kind++)
    if (kind != LEFT_OUT_UNANCHORED && (kinds & (1u << kind)))
      {
        if (list->len > 0)
          g_string_append (list, _(", "));
        g_string_append (list, _(names[kind]));
      }
  if (list->len == 0)
    return g_strdup (unanchored);
  /* Translators: the list is of what is left out, such as “notes, event labels”. */
  sentence = g_strdup_printf (_("Left out at this size: %s."), list->str);
  return unanchored ? g_strconcat (sentence, " ", unanchored, NULL) : g_steal_pointer (&sentence);
}

static AtlasChartLayout *
render_once (AtlasChart *chart,
        cairo_t    *cr,
        double      width,
        double      height,
        gboolean    draw,
        guint       announced,
        guint64     footnoted)
{
  AtlasChartLayout *layout = layout_new (chart, width, height);
  Painter painter = { chart, layout, cr, NULL, atlas_theme_get (chart->view.dark), { { 0 } }, 0, 0, announced,
                      footnoted };
  g_autofree char *left_out = left_out_sentence (announced);
  int footer_lines = 2;
  double margin, top, bottom, footer_height = 0, label_width = 0;
  g_autofree char *footer = NULL;
  g_autoptr (GArray) legend = g_array_new (FALSE, TRUE, sizeof (LegendEntry));
  gboolean horizontal = atlas_chart_is_horizontal (chart->spec.type);

  g_array_set_clear_func (legend, legend_entry_clear);
  cairo_save (cr);
  if (!draw)
    {
      cairo_new_path (cr);
      cairo_rectangle (cr, 0, 0, 0, 0);
      cairo_clip (cr);
    }

  atlas_number_style_from_locale (&painter.style);
  painter.unit = CLAMP (MIN (width, height) / 48.0, 9, 15);
  layout->unit = painter.unit;
  painter.text = pango_cairo_create_layout (cr);
  margin = painter.unit * 1.2;

  cairo_save (cr);
  if (!chart->view.transparent)
    {
      atlas_painter_set_color (cr, &painter.theme->background);
      cairo_paint (cr);
    }

  /* Header and footer frame the chart; what is left is the plot. */
  top = margin;
  if (!chart->spec.hide_header)
    {
      double h = atlas_painter_draw_text_block (&painter, chart->spec.title, TEXT_TITLE, margin, top, width - 2 * margin, 2,
                                  &painter.theme->text);
      if (h > 0)
        top += h + painter.unit * 0.25;
      h = atlas_painter_draw_text_block (&painter, chart->spec.subtitle, TEXT_BODY, margin, top, width - 2 * margin, 2,
                           &painter.theme->muted_text);
      if (h > 0)
        top += h + painter.unit * 0.4;
    }
  /* A chart of some of the rows says which, with or without its header:
   * read as the whole table, it would mislead. */
  if (chart->excluded)
    {
      g_autofree char *column = atlas_name_without_bracket (chart->spec.filter_column);
      /* Translators: a column's name, then the value that chooses the rows. */
      g_autofree char *which = g_strdup_printf (_("Rows where %s is “%s”"), column, chart->spec.filter_value);
      double h = atlas_painter_draw_text_block (&painter, which, TEXT_SMALL, margin, top, width - 2 * margin, 2,
                                                &painter.theme->muted_text);
      if (h > 0)
        top += h + painter.unit * 0.4;
    }
  if (!chart->spec.hide_header)
    {
      if (chart->spec.source && chart->spec.notes)
        /* Translators: where the data come from, then the chart's notes. */
        footer = g_strdup_printf (_("Source: %s. %s"), chart->spec.source, chart->spec.notes);
      else if (chart->spec.source)
        footer = g_strdup_printf (_("Source: %s"), chart->spec.source);
      else
        footer = g_strdup (chart->spec.notes);
    }
  /* Notes with no room by their points are told here, numbered. */
  for (guint i = 0; footnoted && chart->spec.annotations && i < chart->spec.annotations->len; i++)
    if (atlas_painter_note_is_footnoted (&painter, i))
      {
        const AtlasAnnotation *a = &g_array_index (chart->spec.annotations, AtlasAnnotation, i);
        char *with_note = g_strdup_printf ("%s%s%u. %s", footer ? footer : "", footer ? "\n" : "",
                                           atlas_painter_footnote_number (&painter, i), a->text);
        g_free (footer);
        footer = with_note;
        footer_lines += 3;
      }
  /* What the chart leaves out for want of room, it says, header or not. */
  if (left_out)
    {
      char *with_left_out = !footer                           ? g_strdup (left_out)
                            : g_str_has_suffix (footer, ".") ? g_strdup_printf ("%s %s", footer, left_out)
                                                             : g_strdup_printf ("%s. %s", footer, left_out);
      g_free (footer);
      footer = with_left_out;
    }
  if (footer)
    {
      double w;
      atlas_painter_prepare_text (&painter, footer, TEXT_SMALL, width - 2 * margin, footer_lines + (left_out ? 1 : 0));
      atlas_painter_measure (&painter, &w, &footer_height);
      atlas_painter_show (&painter, margin, height - margin - footer_height, &painter.theme->muted_text);
      footer_height += painter.unit * 0.6;
    }
  label_width = direct_label_width (&painter, width);
  collect_legend (&painter, legend, label_width > 0);
  if (legend->len > 0)
    top += draw_legend (&painter, legend, margin, top, width - 2 * margin, chart->spec.type == ATLAS_CHART_LINE)
           + painter.unit * 0.6;
  bottom = height - margin - footer_height;

  if (chart->spec.type == ATLAS_CHART_DONUT)
    {
      cairo_rectangle_t area = { margin, top, width - 2 * margin, MAX (bottom - top, 1) };
      draw_donut (&painter, &area);
    }
  else if (chart->spec.type == ATLAS_CHART_TIMELINE)
    {
      g_autoptr (GArray) ticks = NULL;
      double label_height, w;

      atlas_painter_prepare_text (&painter, "Ag", TEXT_SMALL, 0, 1);
      atlas_painter_measure (&painter, &w, &label_height);
      layout->plot = (cairo_rectangle_t) { margin + painter.unit, top,
                                          MAX (width - 2 * margin - painter.unit * 2.5, 1),
                                          MAX (bottom - top - label_height - painter.unit * 0.6, 1) };
      layout->x_scale = make_category_scale (chart);
      atlas_scale_set_range (layout->x_scale, layout->plot.x, layout->plot.x + layout->plot.width);
      ticks = place_axis_ticks (&painter, layout->x_scale, layout->plot.width, TRUE, 0);
      draw_axis_labels (&painter, ticks, TRUE, layout->plot.y + layout->plot.height + painter.unit * 0.5);
      atlas_chart_draw_timeline (&painter, &layout->plot);
    }
  else
    {
      g_autoptr (GArray) value_ticks = NULL;
      g_autoptr (GArray) category_ticks = NULL;
      g_autofree char *unit = value_unit (chart);
      double label_height, w, value_label_width = 0;
      double plot_top = top, plot_left, plot_bottom, x_labels_top_gap;
      gboolean x_is_number;
      g_autofree gsize *bounds = NULL;
      int first_column, n_columns;

      atlas_painter_prepare_text (&painter, "Ag", TEXT_SMALL, 0, 1);
      atlas_painter_measure (&painter, &w, &label_height);
      /* The top tick label is centred on the plot's top edge: half of it
       * stands above, under the unit label. */
      if (unit)
        plot_top += atlas_painter_draw_text_block (&painter, unit, TEXT_SMALL, margin, top, width - 2 * margin, 1,
                                     &painter.theme->muted_text)
                    + painter.unit * 0.3;
      plot_top += label_height / 2;
      /* Under the plot: half of the lowest value label, then the x labels,
       * two lines of them for category names, and for an x of plain
       * numbers a line naming it. */
      x_labels_top_gap = label_height / 2 + painter.unit * 0.2;
      x_is_number = !horizontal && atlas_column_get_column_type (chart->x_column) == ATLAS_COLUMN_NUMBER;
      plot_bottom = bottom - label_height * (chart->categories && !horizontal ? 2 : 1) - x_labels_top_gap
                    - (x_is_number ? label_height + painter.unit * 0.2 : 0);

      layout->x_scale = make_category_scale (chart);
      if (horizontal)
        {
          /* Categories down the left, ellipsized to a third of the width;
           * dates or numbers there take the room of their widest label. */
          double widest = 0;
          for (guint i = 0; chart->categories && i < chart->categories->len; i++)
            {
              double h;
              atlas_painter_prepare_text (&painter, g_ptr_array_index (chart->categories, i), TEXT_SMALL, width / 3, 1);
              atlas_painter_measure (&painter, &w, &h);
              widest = MAX (widest, w);
            }
          if (!chart->categories)
            {
              g_autoptr (GArray) probe = NULL;

              if (atlas_chart_type_is_bar (chart->spec.type) && atlas_scale_get_kind (layout->x_scale) != ATLAS_SCALE_BAND)
                pad_for_bars (chart, layout->x_scale);
              atlas_scale_set_range (layout->x_scale, plot_top, MAX (plot_bottom, plot_top + 1));
              probe = place_axis_ticks (&painter, layout->x_scale, MAX (plot_bottom - plot_top, 1), FALSE, width / 3);
              for (guint i = 0; i < probe->len; i++)
                widest = MAX (widest, g_array_index (probe, PlacedTick, i).width);
            }
          plot_left = margin + MIN (widest, width / 3) + painter.unit * 0.6;
          layout->plot = (cairo_rectangle_t) { plot_left, plot_top, MAX (width - margin - plot_left, 1),
                                              MAX (plot_bottom - plot_top, 1) };
          layout->y_scale = make_value_scale (chart, (guint) CLAMP (layout->plot.width / (painter.unit * 6), 2, 10));
          atlas_scale_set_range (layout->x_scale, layout->plot.y, layout->plot.y + layout->plot.height);
          atlas_scale_set_range (layout->y_scale, layout->plot.x, layout->plot.x + layout->plot.width);
          value_ticks = place_axis_ticks (&painter, layout->y_scale, layout->plot.width, TRUE, 0);
          category_ticks = place_axis_ticks (&painter, layout->x_scale, layout->plot.height, FALSE,
                                             plot_left - margin - painter.unit * 0.6);
        }
      else
        {
          double plot_height = MAX (plot_bottom - plot_top, 1);
          guint max_ticks = (guint) CLAMP (plot_height / (painter.unit * 2.6), 2, 10);

          layout->y_scale = make_value_scale (chart, max_ticks);
          atlas_scale_set_range (layout->y_scale, plot_bottom, plot_top);
          value_ticks = place_axis_ticks (&painter, layout->y_scale, plot_height, FALSE, 0);
          for (guint i = 0; i < value_ticks->len; i++)
            value_label_width = MAX (value_label_width, g_array_index (value_ticks, PlacedTick, i).width);
          plot_left = margin + value_label_width + painter.unit * 0.6;
          /* Room on the right for half of a date or year label under the
           * last point, or for the series' names there. */
          layout->plot = (cairo_rectangle_t) { plot_left, plot_top,
                                              MAX (width - margin - plot_left
                                                     - (label_width > 0 ? label_width + painter.unit * 0.6
                                                                        : painter.unit * 1.5),
                                                   1),
                                              plot_height };
          if (atlas_chart_type_is_bar (chart->spec.type) && atlas_scale_get_kind (layout->x_scale) != ATLAS_SCALE_BAND)
            pad_for_bars (chart, layout->x_scale);
          atlas_scale_set_range (layout->x_scale, layout->plot.x, layout->plot.x + layout->plot.width);
          category_ticks = place_axis_ticks (&painter, layout->x_scale, layout->plot.width, TRUE, 0);
        }

      draw_grid_and_axes (&painter, value_ticks, horizontal);
      atlas_chart_draw_ranges (&painter);

      /* Clipped to the plot, with room for half a line or marker at its
       * edges, so that the first and last points are drawn whole; but
       * where the data runs on past the view, lines are cut at the edge
       * itself, not short of it nor beyond it. */
      cairo_save (cr);
      {
        double left = layout->plot.x - painter.unit * 0.4, right = layout->plot.x + layout->plot.width + painter.unit * 0.4;
        double view_min, view_max;

        if (!chart->categories && !horizontal && chart->n_ordered > 0 && atlas_scale_get_kind (layout->x_scale) != ATLAS_SCALE_BAND)
          {
            atlas_scale_get_domain (layout->x_scale, &view_min, &view_max);
            if (chart->x_values[atlas_chart_row_at (chart, 0)] < view_min)
              left = layout->plot.x;
            if (chart->x_values[atlas_chart_row_at (chart, chart->n_ordered - 1)] > view_max)
              right = layout->plot.x + layout->plot.width;
          }
        cairo_rectangle (cr, left, layout->plot.y - painter.unit * 0.4, right - left,
                         layout->plot.height + painter.unit * 0.8);
      }
      cairo_clip (cr);
      /* Plain lines and areas with more points in view than two per pixel
       * column are drawn per column. */
      first_column = (int) floor (layout->plot.x);
      n_columns = (int) ceil (layout->plot.x + layout->plot.width) - first_column;
      if ((chart->spec.type == ATLAS_CHART_LINE || chart->spec.type == ATLAS_CHART_AREA) && !chart->categories && draw)
        {
          gsize in_view = atlas_chart_lower_bound (chart, atlas_scale_unmap (layout->x_scale, first_column + n_columns))
                          - atlas_chart_lower_bound (chart, atlas_scale_unmap (layout->x_scale, first_column));
          if (in_view > (gsize) n_columns * 2)
            bounds = column_bounds (layout, first_column, n_columns);
        }
      switch (chart->spec.type)
        {
        case ATLAS_CHART_BAR:
        case ATLAS_CHART_BAR_STACKED:
        case ATLAS_CHART_BAR_HORIZONTAL:
        case ATLAS_CHART_BAR_HORIZONTAL_STACKED:
          draw_bars (&painter);
          break;
        case ATLAS_CHART_SCATTER:
          for (guint s = 0; s < chart->series->len && draw; s++)
            draw_scatter_series (&painter, s);
          break;
        case ATLAS_CHART_AREA:
        case ATLAS_CHART_STACKED_AREA:
        case ATLAS_CHART_STACKED_AREA_PERCENT:
          for (guint s = 0; s < chart->series->len && draw; s++)
            draw_line_series (&painter, s, TRUE, bounds, first_column, n_columns);
          if (chart->spec.type == ATLAS_CHART_AREA)
            for (guint s = 0; s < chart->series->len && draw; s++)
              draw_line_series (&painter, s, FALSE, bounds, first_column, n_columns);
          break;
        case ATLAS_CHART_LINE:
        case ATLAS_CHART_DONUT:
        default:
          for (guint s = 0; s < chart->series->len && draw; s++)
            draw_line_series (&painter, s, FALSE, bounds, first_column, n_columns);
          break;
        }
      cairo_restore (cr);

      if (horizontal)
        {
          draw_axis_labels (&painter, value_ticks, TRUE, layout->plot.y + layout->plot.height + x_labels_top_gap);
          draw_axis_labels (&painter, category_ticks, FALSE, layout->plot.x - painter.unit * 0.6);
        }
      else
        {
          draw_axis_labels (&painter, value_ticks, FALSE, layout->plot.x - painter.unit * 0.6);
          draw_axis_labels (&painter, category_ticks, TRUE, layout->plot.y + layout->plot.height + x_labels_top_gap);
          if (x_is_number)
            {
              double title_width, title_height;
              atlas_painter_prepare_text (&painter, atlas_column_get_name (chart->x_column), TEXT_SMALL,
                                          layout->plot.width, 1);
              atlas_painter_measure (&painter, &title_width, &title_height);
              atlas_painter_show (&painter, layout->plot.x + layout->plot.width - title_width,
                                  layout->plot.y + layout->plot.height + x_labels_top_gap + label_height
                                    + painter.unit * 0.2,
                                  &painter.theme->muted_text);
            }
        }
      if (label_width > 0)
        draw_direct_labels (&painter, label_width);
      atlas_chart_draw_overlays (&painter);
    }

  cairo_restore (cr);
  cairo_restore (cr);
  g_object_unref (painter.text);
  return layout;
}

/* Below this height a footnote takes room the plot needs: notes with no
 * room by their points are left out, and the chart says so. */
#define FOOTNOTES_MIN_HEIGHT 400

/* Whether chart has things that room may leave out: notes, events,
 * category names, a timeline's labels. */
static gboolean
chart_may_leave_out (const AtlasChart *chart)
{
  return chart->spec.annotations || chart->spec.events || chart->categories
         || chart->spec.type == ATLAS_CHART_TIMELINE;
}

/* Lays chart out, drawing it unless only measuring. What may not fit is
 * measured first: the chart then says what it leaves out, which takes a
 * line of room and may leave out more, so that is measured again, up to
 * three times before the drawing. */
static AtlasChartLayout *
render (AtlasChart *chart,
        cairo_t    *cr,
        double      width,
        double      height,
        gboolean    draw)
{
  guint announced = 0;
  guint64 footnoted = 0;

  for (int pass = 0; pass < 3 && chart_may_leave_out (chart); pass++)
    {
      AtlasChartLayout *measured = render_once (chart, cr, width, height, FALSE, announced, footnoted);
      guint kinds = measured->left_out_kinds | announced;
      guint64 notes = footnoted;

      /* A chart tall enough tells its notes under the plot, numbered,
       * rather than leave them out. */
      if (height >= FOOTNOTES_MIN_HEIGHT)
        {
          notes |= measured->notes_left_out;
          if (notes == (measured->notes_left_out | footnoted))
            kinds = (kinds & ~(1u << LEFT_OUT_NOTE)) | (announced & (1u << LEFT_OUT_NOTE));
        }
      atlas_chart_layout_unref (measured);
      if (kinds == announced && notes == footnoted)
        break;
      announced = kinds;
      footnoted = notes;
    }
  return render_once (chart, cr, width, height, draw, announced, footnoted);
}

/* Draws chart into cr at width x height: the one entry point for the
 * screen and every file. Returns where everything went, for pick, the
 * summary and the audit at that size. */
AtlasChartLayout *
atlas_chart_render (AtlasChart *chart,
                    cairo_t    *cr,
                    double      width,
                    double      height)
{
  g_return_val_if_fail (chart != NULL && cr != NULL, NULL);
  return render (chart, cr, width, height, TRUE);
}

/* Where everything of chart goes at width x height, measured with cr's
 * fonts (NULL: an image's) and nothing drawn: for pick, the summary and
 * the audit without a render. */
AtlasChartLayout *
atlas_chart_layout_new (AtlasChart *chart,
                        cairo_t    *cr,
                        double      width,
                        double      height)
{
  cairo_surface_t *surface = NULL;
  AtlasChartLayout *layout;

  g_return_val_if_fail (chart != NULL, NULL);

  if (!cr)
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      cr = cairo_create (surface);
    }
  layout = render (chart, cr, width, height, FALSE);
  if (surface)
    {
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
  return layout;
}

/* The height at which a chart width wide names every category beside
 * its horizontal bars, at least height: a chart that can grow (a window's,
 * which then scrolls) grows rather than leave names out. Other charts
 * need no more than height. */
double
atlas_chart_get_height_for_names (AtlasChart *chart,
                                  double      width,
                                  double      height)
{
  g_return_val_if_fail (chart != NULL, height);

  if (!chart->categories || !atlas_chart_is_horizontal (chart->spec.type))
    return height;
  for (int attempt = 0; attempt < 8; attempt++)
    {
      g_autoptr (AtlasChartLayout) layout = atlas_chart_layout_new (chart, NULL, width, height);
      double first, end, line = MAX (layout->unit * 0.85, 9) * 1.3 + layout->unit * 0.6;

      if (!(layout->left_out_kinds & (1u << LEFT_OUT_CATEGORY_NAMES)) || !layout->x_scale)
        return height;
      /* Each name needs a line and a gap: grow by what the plot lacks. */
      atlas_scale_get_domain (layout->x_scale, &first, &end);
      height += MAX ((end - first) * line - layout->plot.height, layout->unit * 2);
    }
  return height;
}
