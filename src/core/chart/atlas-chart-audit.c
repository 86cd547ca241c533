/* atlas-chart-audit.c: where a laid-out chart's data marks are, for the label placer, and the audit a data desk would make of it. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-chart-audit.h"

#include <math.h>

#include "atlas-chart-painter.h"

/* Whether the segment from (x0, y0) to (x1, y1) passes through box
 * (Liang and Barsky's clipping test). */
static gboolean
segment_crosses_box (double                   x0,
                     double                   y0,
                     double                   x1,
                     double                   y1,
                     const cairo_rectangle_t *box)
{
  double dx = x1 - x0, dy = y1 - y0;
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { x0 - box->x, box->x + box->width - x0, y0 - box->y, box->y + box->height - y0 };
  double enter = 0, leave = 1;

  for (int i = 0; i < 4; i++)
    {
      double t;

      if (p[i] == 0)
        {
          if (q[i] < 0)
            return FALSE;
          continue;
        }
      t = q[i] / p[i];
      if (p[i] < 0)
        enter = MAX (enter, t);
      else
        leave = MIN (leave, t);
      if (enter > leave)
        return FALSE;
    }
  return TRUE;
}

/* The screen position of series' value at row and of its base (the
 * stack under it, or zero); FALSE where it has none. Unlike
 * atlas_chart_point_position() a point past the plot's edge counts: a
 * segment to it still crosses the plot. */
static gboolean
value_pixels (const AtlasChartLayout *layout,
              guint                   series,
              gsize                   row,
              double                 *out_x,
              double                 *out_y,
              double                 *out_base_y)
{
  const AtlasChart *chart = layout->chart;
  double base, top = atlas_chart_stack_value (chart, series, row, &base);

  if (isnan (top) || isnan (chart->x_values[row]))
    return FALSE;
  *out_x = atlas_scale_map (layout->x_scale, chart->x_values[row]);
  *out_y = atlas_scale_map (layout->y_scale, top);
  *out_base_y = atlas_scale_map (layout->y_scale, chart->spec.log_y ? 1 : base);
  return isfinite (*out_x) && isfinite (*out_y);
}

/* Whether box covers any part of the lines, areas or points of the
 * series, as drawn: consecutive values joined, a missing value a gap, a
 * lone value a dot. */
static gboolean
box_covers_series (const AtlasChartLayout  *layout,
                   const cairo_rectangle_t *box)
{
  const AtlasChart *chart = layout->chart;
  AtlasChartType type = chart->spec.type;
  gboolean joined = type != ATLAS_CHART_SCATTER;
  gboolean filled = type == ATLAS_CHART_AREA || type == ATLAS_CHART_STACKED_AREA
                    || type == ATLAS_CHART_STACKED_AREA_PERCENT;
  double line = MAX (1.5, layout->unit * 0.16) / 2 + 1;
  cairo_rectangle_t grown = { box->x - line, box->y - line, box->width + 2 * line, box->height + 2 * line };
  gsize from = 0, to = chart->n_ordered;

  /* Only the rows under the box and one on each side, whose segments may
   * cross it, where x runs along the screen in order. */
  if (atlas_scale_get_kind (layout->x_scale) != ATLAS_SCALE_BAND && chart->n_ordered > 0)
    {
      double a = atlas_scale_unmap (layout->x_scale, grown.x - layout->unit * 2);
      double b = atlas_scale_unmap (layout->x_scale, grown.x + grown.width + layout->unit * 2);
      from = atlas_chart_lower_bound (chart, MIN (a, b));
      to = MIN (atlas_chart_lower_bound (chart, MAX (a, b)) + 1, chart->n_ordered);
      from = from > 0 ? from - 1 : 0;
    }
  for (guint s = 0; s < chart->series->len; s++)
    {
      gboolean have_previous = FALSE;
      double px0 = 0, py0 = 0, base0 = 0;

      if (atlas_chart_series_hidden (chart, s))
        continue;
      for (gsize i = from; i < to; i++)
        {
          gsize row = atlas_chart_row_at (chart, i);
          double px, py, base_y, radius = joined ? layout->unit * 0.3 : atlas_chart_point_radius (layout, row);

          if (!value_pixels (layout, s, row, &px, &py, &base_y))
            {
              /* A row of another group's is no gap in a grouped line. */
              if (!atlas_chart_value_absent (chart, s, row))
                have_previous = FALSE;
              continue;
            }
          if (radius > 0 && atlas_rectangles_intersect (px - radius, py - radius, 2 * radius, 2 * radius, &grown))
            return TRUE;
          if (joined && have_previous)
            {
              if (segment_crosses_box (px0, py0, px, py, &grown))
                return TRUE;
              /* An area also covers everything between its line and its base. */
              if (filled && MAX (px0, px) > grown.x && MIN (px0, px) < grown.x + grown.width
                  && grown.y < MAX (base0, base_y) && grown.y + grown.height > MIN (py0, py))
                return TRUE;
            }
          have_previous = TRUE;
          px0 = px;
          py0 = py;
          base0 = base_y;
        }
    }
  return FALSE;
}

/* Whether a box at (x, y) would cover a data mark: a bar (or the outline
 * of a missing one), a line, an area, a point. The label placer asks it
 * of every place it tries, the audit of every text drawn. */
gboolean
atlas_chart_box_covers_data (const AtlasChartLayout *layout,
                             double                  x,
                             double                  y,
                             double                  width,
                             double                  height)
{
  const AtlasChart *chart = layout->chart;
  double margin = layout->unit * 0.4;
  double left = MAX (x, layout->plot.x - margin), right = MIN (x + width, layout->plot.x + layout->plot.width + margin);
  double top = MAX (y, layout->plot.y - margin), bottom = MIN (y + height, layout->plot.y + layout->plot.height + margin);
  /* Data are drawn clipped to the plot (and a margin for whole markers
   * at its edges): what lies beyond is not there to cover. */
  cairo_rectangle_t box = { left, top, right - left, bottom - top };

  if (right <= left || bottom <= top)
    return FALSE;
  if (!layout->x_scale || !layout->y_scale || chart->spec.type == ATLAS_CHART_DONUT
      || chart->spec.type == ATLAS_CHART_TIMELINE)
    return FALSE;
  if (atlas_chart_type_is_bar (chart->spec.type))
    {
      for (guint i = 0; i < layout->marks->len; i++)
        {
          const AtlasChartMark *mark = &g_array_index (layout->marks, AtlasChartMark, i);
          if (atlas_rectangles_intersect (mark->x, mark->y, mark->width, mark->height, &box))
            return TRUE;
        }
      return FALSE;
    }
  return box_covers_series (layout, &box);
}

/* Whether series' value at row is drawn: bars by their mark, the rest at
 * a point inside the plot (a point's size may leave it out). */
static gboolean
value_is_drawn (const AtlasChartLayout *layout,
                guint                   series,
                gsize                   row)
{
  const AtlasChart *chart = layout->chart;
  double px, py;

  if (chart->spec.type == ATLAS_CHART_DONUT || atlas_chart_type_is_bar (chart->spec.type))
    {
      for (guint i = 0; i < layout->marks->len; i++)
        {
          const AtlasChartMark *mark = &g_array_index (layout->marks, AtlasChartMark, i);
          if (mark->series == series && mark->row == row && !mark->missing)
            return TRUE;
        }
      return FALSE;
    }
  if (!atlas_chart_point_position (layout, series, row, &px, &py))
    return FALSE;
  return chart->spec.type != ATLAS_CHART_SCATTER || atlas_chart_point_radius (layout, row) > 0;
}

/* Whether row is in the part of the chart in view: along x, and along y where the reader chose a range;
 * a value past an axis the chart chose itself is a value hidden. */
static gboolean
value_in_view (const AtlasChartLayout *layout,
               guint                   series,
               gsize                   row)
{
  const AtlasChart *chart = layout->chart;
  double value = g_array_index (chart->series, AtlasChartSeries, series).values[row];
  double min, max, base;

  if (isnan (value) || isnan (chart->x_values[row]) || atlas_chart_row_excluded (chart, row))
    return FALSE;
  if (chart->spec.type == ATLAS_CHART_DONUT)
    return TRUE;
  /* A stack with a part missing, or a share of a zero total, has no
   * honest height: the chart leaves the whole row a gap, by design. */
  if (atlas_chart_type_stacks (chart->spec.type) && isnan (atlas_chart_stack_value (chart, series, row, &base)))
    return FALSE;
  atlas_scale_get_domain (layout->x_scale, &min, &max);
  if (atlas_scale_get_kind (layout->x_scale) == ATLAS_SCALE_BAND)
    {
      /* A band's domain runs from its first band's index to one past its last. */
      double index = atlas_scale_value_index (layout->x_scale, chart->x_values[row]);
      if (index < min || index >= max)
        return FALSE;
    }
  else if (chart->x_values[row] < MIN (min, max) || chart->x_values[row] > MAX (min, max))
    return FALSE;
  if (!isnan (chart->view.y_min) && !isnan (chart->view.y_max) && !atlas_chart_type_stacks (chart->spec.type))
    return value >= MIN (chart->view.y_min, chart->view.y_max) && value <= MAX (chart->view.y_min, chart->view.y_max);
  return TRUE;
}

static void
find_hidden_values (const AtlasChartLayout *layout,
                    GPtrArray              *out_hidden)
{
  AtlasChart *chart = layout->chart;

  /* Bars too many to tell apart are not drawn, and the plot says so in
   * their place: left out, not hidden. */
  if (chart->spec.type == ATLAS_CHART_TIMELINE || !layout->x_scale || !layout->y_scale || layout->bars_withheld)
    return;
  for (guint s = 0; s < chart->series->len; s++)
    {
      if (atlas_chart_series_hidden (chart, s))
        continue;
      for (gsize i = 0; i < chart->n_ordered; i++)
        {
          gsize row = atlas_chart_row_at (chart, i);
          AtlasChartPick pick = { s, row, chart->x_values[row],
                                  g_array_index (chart->series, AtlasChartSeries, s).values[row] };

          if (value_in_view (layout, s, row) && !value_is_drawn (layout, s, row))
            g_ptr_array_add (out_hidden, atlas_chart_describe_pick (chart, &pick, NULL));
        }
    }
}

/* Audits layout as a chart desk would: text over text, text over data,
 * what was left out and whether the chart says so, values in view that
 * are not drawn, the smallest text, and the value axis' ends. */
AtlasChartAudit *
atlas_chart_audit (const AtlasChartLayout *layout)
{
  AtlasChartAudit *audit = g_new0 (AtlasChartAudit, 1);
  GArray *boxes = layout->text_boxes;

  audit->width = layout->width;
  audit->height = layout->height;
  audit->text_boxes = g_array_ref (boxes);
  audit->dropped = g_array_ref (layout->dropped);
  audit->text_overlaps = g_array_new (FALSE, FALSE, sizeof (AtlasTextOverlap));
  audit->text_over_data = g_array_new (FALSE, FALSE, sizeof (guint));
  audit->hidden_values = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < boxes->len; i++)
    {
      const AtlasTextBox *box = &g_array_index (boxes, AtlasTextBox, i);

      if (audit->smallest_text_px == 0 || box->size < audit->smallest_text_px)
        audit->smallest_text_px = box->size;
      for (guint j = i + 1; j < boxes->len; j++)
        {
          const AtlasTextBox *other = &g_array_index (boxes, AtlasTextBox, j);
          if (atlas_rectangles_intersect (box->box.x, box->box.y, box->box.width, box->box.height, &other->box))
            {
              AtlasTextOverlap overlap = { i, j };
              g_array_append_val (audit->text_overlaps, overlap);
            }
        }
      if (atlas_chart_box_covers_data (layout, box->box.x, box->box.y, box->box.width, box->box.height))
        g_array_append_val (audit->text_over_data, i);
    }
  find_hidden_values (layout, audit->hidden_values);
  if (layout->y_scale)
    {
      audit->has_value_axis = TRUE;
      atlas_scale_get_domain (layout->y_scale, &audit->value_min, &audit->value_max);
    }
  return audit;
}

void
atlas_chart_audit_free (AtlasChartAudit *audit)
{
  if (!audit)
    return;
  g_array_unref (audit->text_boxes);
  g_array_unref (audit->dropped);
  g_array_unref (audit->text_overlaps);
  g_array_unref (audit->text_over_data);
  g_ptr_array_unref (audit->hidden_values);
  g_free (audit);
}

/* Whether a desk would pass it: no text on text or on data, nothing
 * left out without saying so, nothing hidden, no text under 9 px. */
gboolean
atlas_chart_audit_is_clean (const AtlasChartAudit *audit)
{
  for (guint i = 0; i < audit->dropped->len; i++)
    if (!g_array_index (audit->dropped, AtlasDroppedItem, i).announced)
      return FALSE;
  return audit->text_overlaps->len == 0 && audit->text_over_data->len == 0 && audit->hidden_values->len == 0
         && (audit->smallest_text_px == 0 || audit->smallest_text_px >= 9 - 1e-9);
}

/* The audit's findings in a few lines, for a failing test to print. */
char *
atlas_chart_audit_describe (const AtlasChartAudit *audit)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < audit->text_overlaps->len; i++)
    {
      const AtlasTextOverlap *overlap = &g_array_index (audit->text_overlaps, AtlasTextOverlap, i);
      g_string_append_printf (text, "text over text: “%s” and “%s”\n",
                              g_array_index (audit->text_boxes, AtlasTextBox, overlap->first).text,
                              g_array_index (audit->text_boxes, AtlasTextBox, overlap->second).text);
    }
  for (guint i = 0; i < audit->text_over_data->len; i++)
    g_string_append_printf (
      text, "text over data: “%s”\n",
      g_array_index (audit->text_boxes, AtlasTextBox, g_array_index (audit->text_over_data, guint, i)).text);
  for (guint i = 0; i < audit->dropped->len; i++)
    {
      const AtlasDroppedItem *item = &g_array_index (audit->dropped, AtlasDroppedItem, i);
      g_string_append_printf (text, "left out%s: %s\n", item->announced ? " (said so)" : " silently", item->what);
    }
  for (guint i = 0; i < audit->hidden_values->len; i++)
    g_string_append_printf (text, "not drawn: %s\n", (const char *) g_ptr_array_index (audit->hidden_values, i));
  if (audit->smallest_text_px > 0 && audit->smallest_text_px < 9 - 1e-9)
    g_string_append_printf (text, "text at %.1f px\n", audit->smallest_text_px);
  return g_string_free (text, FALSE);
}
