/* atlas-chart-annotate.c: notes anchored in data (callouts, ranges, reference lines), event lines and the timeline. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-chart-painter.h"

#include <math.h>
#include <string.h>

static double
x_to_pixel (const AtlasChartLayout *layout,
            double                  x)
{
  return atlas_scale_map (layout->x_scale, x);
}

static gboolean
pixel_in_plot_x (const AtlasChartLayout *layout,
                 double                  px)
{
  return px >= layout->plot.x - 0.5 && px <= layout->plot.x + layout->plot.width + 0.5;
}

/* Shaded spans, drawn under the series. */
void
atlas_chart_draw_ranges (Painter *painter)
{
  AtlasChart *chart = painter->chart;
  AtlasChartLayout *layout = painter->layout;
  const GArray *annotations = chart->spec.annotations;

  if (!annotations || atlas_chart_is_horizontal (chart->spec.type) || chart->categories)
    return;
  for (guint i = 0; i < annotations->len; i++)
    {
      const AtlasAnnotation *a = &g_array_index (annotations, AtlasAnnotation, i);
      double left, right, w, h;

      if (a->kind != ATLAS_ANNOTATION_RANGE)
        continue;
      left = MAX (MIN (x_to_pixel (layout, a->x), x_to_pixel (layout, a->x_end)), layout->plot.x);
      right = MIN (MAX (x_to_pixel (layout, a->x), x_to_pixel (layout, a->x_end)), layout->plot.x + layout->plot.width);
      if (right <= left)
        continue; /* out of view */
      atlas_painter_set_color (painter->cr, &painter->theme->highlight_range);
      cairo_rectangle (painter->cr, left, layout->plot.y, right - left, layout->plot.height);
      cairo_fill (painter->cr);

      /* The label sits at the top of the span, inside it. */
      atlas_painter_prepare_text (painter, a->text, TEXT_SMALL, MAX (right - left - painter->unit * 0.6, 1), 2);
      atlas_painter_measure (painter, &w, &h);
      if (right - left > painter->unit * 2
          && atlas_chart_text_box_free (layout, left + painter->unit * 0.3, layout->plot.y + painter->unit * 0.3, w, h))
        atlas_painter_show (painter, left + painter->unit * 0.3, layout->plot.y + painter->unit * 0.3,
                            &painter->theme->muted_text);
    }
}

static void
draw_reference_line (Painter               *painter,
                     const AtlasAnnotation *a)
{
  AtlasChartLayout *layout = painter->layout;
  cairo_t *cr = painter->cr;
  double dash[] = { painter->unit * 0.4, painter->unit * 0.3 };
  double y, w, h;
  double min, max;

  atlas_scale_get_domain (layout->y_scale, &min, &max);
  if (a->y < min || a->y > max)
    return;
  y = round (atlas_scale_map (layout->y_scale, a->y)) + 0.5;
  cairo_save (cr);
  atlas_painter_set_color (cr, &painter->theme->annotation);
  cairo_set_line_width (cr, 1);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_move_to (cr, layout->plot.x, y);
  cairo_line_to (cr, layout->plot.x + layout->plot.width, y);
  cairo_stroke (cr);
  cairo_restore (cr);

  /* The label at the right end, above the line; below it if that is taken. */
  atlas_painter_prepare_text (painter, a->text, TEXT_SMALL, layout->plot.width / 2, 1);
  atlas_painter_measure (painter, &w, &h);
  for (int side = 0; side < 2; side++)
    {
      double ly = side == 0 ? y - h - 2 : y + 2;
      double lx = layout->plot.x + layout->plot.width - w;
      if (atlas_chart_text_box_free (layout, lx, ly, w, h))
        {
          atlas_painter_show (painter, lx, ly, &painter->theme->annotation);
          return;
        }
    }
}

/* The row at x: the category's first row over names, else the first row
 * whose x is exactly x; G_MAXSIZE when there is none. */
static gsize
row_at_x (const AtlasChart *chart,
          double            x)
{
  gsize row;

  if (chart->categories)
    {
      for (row = 0; row < chart->n_rows && (chart->x_values[row] != x || atlas_chart_row_excluded (chart, row)); row++)
        ;
      return row < chart->n_rows ? row : G_MAXSIZE;
    }
  row = atlas_chart_lower_bound (chart, x);
  if (row >= chart->n_ordered)
    return G_MAXSIZE;
  row = atlas_chart_row_at (chart, row);
  return chart->x_values[row] == x ? row : G_MAXSIZE;
}

/* Whether a box would hide part of a bar drawn before it. */
static gboolean
box_covers_mark (const AtlasChartLayout *layout,
                 double                  x,
                 double                  y,
                 double                  width,
                 double                  height)
{
  const AtlasChart *chart = layout->chart;

  for (guint i = 0; i < layout->marks->len; i++)
    {
      const AtlasChartMark *mark = &g_array_index (layout->marks, AtlasChartMark, i);
      if (chart->spec.type != ATLAS_CHART_DONUT
          && atlas_rectangles_intersect (x, y, width, height,
                              &(cairo_rectangle_t) { mark->x, mark->y, mark->width, mark->height }))
        return TRUE;
    }
  return FALSE;
}

/* A note on one point: a ring on the point, a leader line, and the text
 * in a box put where it touches no other text and stays in the plot. */
static void
draw_callout (Painter               *painter,
              const AtlasAnnotation *a)
{
  AtlasChart *chart = painter->chart;
  AtlasChartLayout *layout = painter->layout;
  cairo_t *cr = painter->cr;
  double unit = painter->unit;
  double px, py, w, h, pad = unit * 0.4;
  gsize row;

  if (a->series >= chart->series->len)
    return;
  row = row_at_x (chart, a->x);
  if (row == G_MAXSIZE || !atlas_chart_point_position (layout, a->series, row, &px, &py))
    return;

  atlas_painter_prepare_text (painter, a->text, TEXT_SMALL, unit * 14, 4);
  atlas_painter_measure (painter, &w, &h);
  /* First where the box hides no bar, then anywhere free of text. */
  for (int pass = 0; pass < 2; pass++)
    {
      for (int distance = 1; distance <= 6; distance++)
        for (int corner = 0; corner < 4; corner++)
          {
            double d = unit * 1.6 * distance;
            double bx = corner % 2 == 0 ? px + d : px - d - w - 2 * pad;
            double by = corner < 2 ? py - d - h - 2 * pad : py + d;
            double bw = w + 2 * pad, bh = h + 2 * pad;

            if (bx < layout->plot.x || by < layout->plot.y || bx + bw > layout->plot.x + layout->plot.width
                || by + bh > layout->plot.y + layout->plot.height || !atlas_chart_text_box_free (layout, bx, by, bw, bh)
                || (pass == 0 && box_covers_mark (layout, bx, by, bw, bh)))
              continue;

            /* Leader from the point to the box's nearest corner. */
            atlas_painter_set_color (cr, &painter->theme->annotation);
            cairo_set_line_width (cr, 1);
            cairo_move_to (cr, px, py);
            cairo_line_to (cr, corner % 2 == 0 ? bx : bx + bw, corner < 2 ? by + bh : by);
            cairo_stroke (cr);
            cairo_new_sub_path (cr);
            cairo_arc (cr, px, py, unit * 0.45, 0, 2 * G_PI);
            cairo_set_line_width (cr, 1.5);
            cairo_stroke (cr);

            atlas_painter_set_color_alpha (cr, &painter->theme->background, 0.92);
            cairo_rectangle (cr, bx, by, bw, bh);
            cairo_fill_preserve (cr);
            atlas_painter_set_color (cr, &painter->theme->annotation);
            cairo_set_line_width (cr, 1);
            cairo_stroke (cr);
            /* The whole box, padding included, is what the text takes. */
            cairo_move_to (cr, bx + pad, by + pad);
            atlas_painter_set_color (cr, &painter->theme->text);
            pango_cairo_show_layout (cr, painter->text);
            atlas_chart_record_text_box (layout, bx, by, bw, bh);
            return;
          }
    }
}

/* Whether the point of series at row, ringed to radius, falls in the box. */
static gboolean
ring_in_box (const AtlasChartLayout  *layout,
             guint                    series,
             gsize                    row,
             double                   radius,
             const cairo_rectangle_t *box)
{
  double px, py;

  return row != G_MAXSIZE && atlas_chart_point_position (layout, series, row, &px, &py)
         && atlas_rectangles_intersect (px - radius, py - radius, 2 * radius, 2 * radius, box);
}

/* Whether a label in box would cover a point that a callout or a
 * highlight rings: those rings are what the reader is pointed at. */
static gboolean
box_covers_ringed_point (const AtlasChartLayout  *layout,
                         const cairo_rectangle_t *box,
                         double                   radius)
{
  const AtlasChart *chart = layout->chart;
  const GArray *annotations = chart->spec.annotations;
  const GArray *highlights = chart->spec.highlights;

  for (guint i = 0; annotations && i < annotations->len; i++)
    {
      const AtlasAnnotation *a = &g_array_index (annotations, AtlasAnnotation, i);
      if (a->kind == ATLAS_ANNOTATION_CALLOUT && ring_in_box (layout, a->series, row_at_x (chart, a->x), radius, box))
        return TRUE;
    }
  for (guint i = 0; highlights && i < highlights->len; i++)
    {
      gsize row = row_at_x (chart, g_array_index (highlights, double, i));
      for (guint s = 0; s < chart->series->len; s++)
        if (ring_in_box (layout, s, row, radius, box))
          return TRUE;
    }
  return FALSE;
}

typedef struct
{
  double px;
  const char *label;
} Mark;

static int
compare_marks (gconstpointer a,
               gconstpointer b)
{
  double x = ((const Mark *) a)->px, y = ((const Mark *) b)->px;
  return (x > y) - (x < y);
}

typedef struct
{
  double px;
  double x;
  double y;
  double width;
  int row;
  const char *label;
} PlacedLabel;

/* Whether a label at row, spanning [left, right) with its leader at px,
 * would touch a label in that row, be crossed by another's leader, or
 * cross another label with its own. Leaders run from a label toward the
 * axis: through lower rows when leaders_down_rows, else through higher. */
static gboolean
row_is_clear (GArray   *placed,
              int       row,
              double    px,
              double    left,
              double    right,
              gboolean  leaders_down_rows)
{
  for (guint i = 0; i < placed->len; i++)
    {
      const PlacedLabel *other = &g_array_index (placed, PlacedLabel, i);
      gboolean other_leader_passes = leaders_down_rows ? row < other->row : row > other->row;
      gboolean own_leader_passes = leaders_down_rows ? other->row < row : other->row > row;

      if (other->row == row && left < other->x + other->width && other->x < right)
        return FALSE;
      if (other_leader_passes && other->px >= left && other->px < right)
        return FALSE;
      if (own_leader_passes && px >= other->x && px < other->x + other->width)
        return FALSE;
    }
  return TRUE;
}

/* Places each label beside its mark (left of it near the right edge), in
 * the row nearest top where it touches no other label, no leader line
 * and no text drawn already; rows run down from top, or up when upward.
 * Leaders run from each label to leader_to, dashed when asked; a mark
 * whose label finds no row within max_rows keeps a plain line from top
 * when full_line_unplaced, else nothing. */
static void
draw_stacked_labels (Painter  *painter,
                     GArray   *marks,
                     double    top,
                     int       max_rows,
                     gboolean  upward,
                     double    leader_to,
                     gboolean  dashed,
                     gboolean  full_line_unplaced)
{
  AtlasChartLayout *layout = painter->layout;
  cairo_t *cr = painter->cr;
  double gap = painter->unit * 0.6, row_height, dash[] = { 2, 3 };
  g_autoptr (GArray) placed = g_array_new (FALSE, FALSE, sizeof (PlacedLabel));
  g_autoptr (GArray) unplaced = g_array_new (FALSE, FALSE, sizeof (double));
  int rows_used = 0;
  double w, h;

  atlas_painter_prepare_text (painter, "Ag", TEXT_SMALL, 0, 1);
  atlas_painter_measure (painter, &w, &h);
  row_height = h + painter->unit * 0.35;
  g_array_sort (marks, compare_marks);

  cairo_save (cr);
  atlas_painter_set_color (cr, dashed ? &painter->theme->annotation : &painter->theme->muted_text);
  cairo_set_line_width (cr, 1);
  if (dashed)
    cairo_set_dash (cr, dash, 2, 0);
  for (guint i = marks->len; i > 0; i--)
    {
      const Mark *mark = &g_array_index (marks, Mark, i - 1);
      double lx;
      gboolean found = FALSE;

      atlas_painter_prepare_text (painter, mark->label, TEXT_SMALL, painter->unit * 16, 1);
      atlas_painter_measure (painter, &w, &h);
      lx = mark->px + painter->unit * 0.3;
      if (lx + w > layout->width - 1)
        lx = MAX (mark->px - painter->unit * 0.3 - w, 0);
      for (int r = 0; r < max_rows && !found; r++)
        {
          double ly = upward ? top - (r + 1) * row_height : top + r * row_height;
          PlacedLabel label = { mark->px, lx, ly, w, r, mark->label };

          if (!row_is_clear (placed, r, mark->px, lx - gap, lx + w + gap, upward)
              || !atlas_chart_text_box_free (layout, lx, ly, w, h)
              || box_covers_ringed_point (layout, &(cairo_rectangle_t) { lx, ly, w, h }, painter->unit * 0.7))
            continue;
          g_array_append_val (placed, label);
          rows_used = MAX (rows_used, r + 1);
          found = TRUE;
          cairo_move_to (cr, round (mark->px) + 0.5, upward ? ly + h : ly);
          cairo_line_to (cr, round (mark->px) + 0.5, leader_to);
        }
      if (!found && full_line_unplaced)
        g_array_append_val (unplaced, mark->px);
    }
  /* Lines without a label start under the rows of labels, so they cross none. */
  for (guint i = 0; i < unplaced->len; i++)
    {
      double px = round (g_array_index (unplaced, double, i)) + 0.5;
      cairo_move_to (cr, px, upward ? top - rows_used * row_height : top + rows_used * row_height);
      cairo_line_to (cr, px, leader_to);
    }
  cairo_stroke (cr);
  cairo_restore (cr);

  for (guint i = 0; i < placed->len; i++)
    {
      const PlacedLabel *label = &g_array_index (placed, PlacedLabel, i);

      atlas_painter_prepare_text (painter, label->label, TEXT_SMALL, painter->unit * 16, 1);
      atlas_painter_show (painter, label->x, label->y, &painter->theme->text);
    }
}

/* Dated events over a time axis: a dashed line each, from its label,
 * the labels stacked at the top of the plot. */
static void
draw_events (Painter *painter)
{
  AtlasChart *chart = painter->chart;
  AtlasChartLayout *layout = painter->layout;
  const GArray *events = chart->spec.events;
  g_autoptr (GArray) marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  int max_rows;
  double w, h;

  if (!events || chart->categories || atlas_chart_is_horizontal (chart->spec.type))
    return;
  for (guint i = 0; i < events->len; i++)
    {
      const AtlasChartEvent *event = &g_array_index (events, AtlasChartEvent, i);
      Mark mark = { x_to_pixel (layout, event->x), event->label };

      if (pixel_in_plot_x (layout, mark.px))
        g_array_append_val (marks, mark);
    }
  atlas_painter_prepare_text (painter, "Ag", TEXT_SMALL, 0, 1);
  atlas_painter_measure (painter, &w, &h);
  max_rows = (int) CLAMP (layout->plot.height / 3 / (h + painter->unit * 0.35), 1, 8);
  draw_stacked_labels (painter, marks, layout->plot.y + 2, max_rows, FALSE, layout->plot.y + layout->plot.height, TRUE,
                       TRUE);
}

/* Highlighted points: a ring in the series' colour around each. */
static void
draw_highlights (Painter *painter)
{
  AtlasChart *chart = painter->chart;
  AtlasChartLayout *layout = painter->layout;
  const GArray *highlights = chart->spec.highlights;

  for (guint i = 0; highlights && i < highlights->len; i++)
    {
      gsize row = row_at_x (chart, g_array_index (highlights, double, i));

      for (guint s = 0; row != G_MAXSIZE && s < chart->series->len; s++)
        {
          AtlasColor color = atlas_theme_series_color (painter->theme, s);
          double px, py;

          if (!atlas_chart_point_position (layout, s, row, &px, &py))
            continue;
          cairo_new_sub_path (painter->cr);
          cairo_arc (painter->cr, px, py, painter->unit * 0.55, 0, 2 * G_PI);
          atlas_painter_set_color (painter->cr, &painter->theme->background);
          cairo_fill_preserve (painter->cr);
          atlas_painter_set_color (painter->cr, &color);
          cairo_set_line_width (painter->cr, 2.5);
          cairo_stroke (painter->cr);
        }
    }
}

/* Reference lines, event lines, highlights and callouts, over the series. */
void
atlas_chart_draw_overlays (Painter *painter)
{
  AtlasChart *chart = painter->chart;
  const GArray *annotations = chart->spec.annotations;

  draw_events (painter);
  draw_highlights (painter);
  if (!annotations)
    return;
  /* Reference lines mark a value along y, which horizontal bars lay
   * along x: those charts take callouts only. */
  for (guint i = 0; i < annotations->len && !atlas_chart_is_horizontal (chart->spec.type); i++)
    {
      const AtlasAnnotation *a = &g_array_index (annotations, AtlasAnnotation, i);
      if (a->kind == ATLAS_ANNOTATION_REFERENCE_LINE)
        draw_reference_line (painter, a);
    }
  for (guint i = 0; i < annotations->len; i++)
    {
      const AtlasAnnotation *a = &g_array_index (annotations, AtlasAnnotation, i);
      if (a->kind == ATLAS_ANNOTATION_CALLOUT)
        draw_callout (painter, a);
    }
}

/* The event timeline: a time axis across the middle, a dot per event and
 * its label above, stacked in rows so that none overlap. */
void
atlas_chart_draw_timeline (Painter                 *painter,
                           const cairo_rectangle_t *area)
{
  AtlasChart *chart = painter->chart;
  AtlasChartLayout *layout = painter->layout;
  const AtlasColumn *labels = atlas_table_find_column (chart->table, chart->spec.label_column);
  g_autoptr (GArray) marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  AtlasColor dot = atlas_theme_series_color (painter->theme, 0);
  double axis_y = round (area->y + area->height) - 0.5, w, h;

  atlas_painter_set_color (painter->cr, &painter->theme->baseline);
  cairo_set_line_width (painter->cr, 1);
  cairo_move_to (painter->cr, layout->plot.x, axis_y);
  cairo_line_to (painter->cr, layout->plot.x + layout->plot.width, axis_y);
  cairo_stroke (painter->cr);

  for (gsize i = 0; i < chart->n_ordered; i++)
    {
      gsize row = atlas_chart_row_at (chart, i);
      double px = x_to_pixel (layout, chart->x_values[row]);
      Mark mark = { px, labels ? atlas_column_get_text (labels, row) : NULL };

      if (!pixel_in_plot_x (layout, px))
        continue;
      atlas_painter_set_color (painter->cr, &dot);
      cairo_new_sub_path (painter->cr);
      cairo_arc (painter->cr, px, axis_y, painter->unit * 0.35, 0, 2 * G_PI);
      cairo_fill (painter->cr);
      if (mark.label)
        g_array_append_val (marks, mark);
    }
  atlas_painter_prepare_text (painter, "Ag", TEXT_SMALL, 0, 1);
  atlas_painter_measure (painter, &w, &h);
  draw_stacked_labels (painter, marks, axis_y - painter->unit * 0.8,
                       (int) MAX ((axis_y - area->y - painter->unit) / (h + painter->unit * 0.35), 1), TRUE,
                       axis_y - painter->unit * 0.35, FALSE, FALSE);
}
