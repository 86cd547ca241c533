/* atlas-chart-annotate.c: notes anchored in data (callouts, ranges, reference lines), event lines and the timeline. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-chart-painter.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "atlas-chart-suggest.h"

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
          && atlas_chart_text_box_free (layout, left + painter->unit * 0.3, layout->plot.y + painter->unit * 0.3, w, h)
          && !atlas_chart_box_covers_data (layout, left + painter->unit * 0.3, layout->plot.y + painter->unit * 0.3, w,
                                           h))
        atlas_painter_show (painter, left + painter->unit * 0.3, layout->plot.y + painter->unit * 0.3,
                            &painter->theme->muted_text);
      else
        atlas_painter_drop (painter, LEFT_OUT_SPAN_LABEL, "range label “%s”", a->text);
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

  /* The label at the right end, above the line; below it, or at the
   * left end, where that covers text or data. */
  atlas_painter_prepare_text (painter, a->text, TEXT_SMALL, layout->plot.width / 2, 1);
  atlas_painter_measure (painter, &w, &h);
  for (int place = 0; place < 4; place++)
    {
      double ly = place % 2 == 0 ? y - h - 2 : y + 2;
      double lx = place < 2 ? layout->plot.x + layout->plot.width - w : layout->plot.x + 2;
      if (atlas_chart_text_box_free (layout, lx, ly, w, h) && !atlas_chart_box_covers_data (layout, lx, ly, w, h))
        {
          atlas_painter_show (painter, lx, ly, &painter->theme->annotation);
          return;
        }
    }
  atlas_painter_drop (painter, LEFT_OUT_LINE_LABEL, "reference line label “%s”", a->text);
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

/* Whether a label box is somewhere a label may go: on the canvas, clear
 * of other text, of the points rings point at, and of the data. */
static gboolean
label_box_is_free (Painter                 *painter,
                   const cairo_rectangle_t *box)
{
  AtlasChartLayout *layout = painter->layout;

  return atlas_chart_text_box_free (layout, box->x, box->y, box->width, box->height)
         && !box_covers_ringed_point (layout, box, painter->unit * 0.7)
         && !atlas_chart_box_covers_data (layout, box->x, box->y, box->width, box->height);
}

/* A ring around the point a note is on. */
static void
ring_point (Painter *painter,
            double   px,
            double   py)
{
  atlas_painter_set_color (painter->cr, &painter->theme->annotation);
  cairo_new_sub_path (painter->cr);
  cairo_arc (painter->cr, px, py, painter->unit * 0.45, 0, 2 * G_PI);
  cairo_set_line_width (painter->cr, 1.5);
  cairo_stroke (painter->cr);
}

/* Finds the nearest place around (px, py), within reach steps, for a box
 * of width x height inside bounds where a label may go; FALSE if none. */
static gboolean
find_place_around (Painter                 *painter,
                   double                   px,
                   double                   py,
                   double                   width,
                   double                   height,
                   int                      reach_steps,
                   const cairo_rectangle_t *bounds,
                   cairo_rectangle_t       *out_box)
{
  /* Right, left, above, below, then the corners between. */
  static const double directions[][2] = { { 1, 0 },  { -1, 0 },  { 0, -1 }, { 0, 1 },
                                          { 1, -1 }, { -1, -1 }, { 1, 1 },  { -1, 1 } };

  /* Beside the point, the box may be centred on it or slid to either
   * side along the other axis: a box left of a point at the plot's top
   * edge hangs below it. */
  static const double slides[] = { 0.5, 0, 1 };

  for (int distance = 1; distance <= reach_steps; distance++)
    for (guint d = 0; d < G_N_ELEMENTS (directions); d++)
      for (guint k = 0; k < G_N_ELEMENTS (slides); k++)
        {
          double dx = directions[d][0], dy = directions[d][1];
          double reach = painter->unit * (0.6 + 0.9 * distance) * (dx != 0 && dy != 0 ? 0.7 : 1);
          /* dx, dy of -1, 0, 1: the box left of, beside, or right of the point. */
          double across_x = dx != 0 ? (1 - dx) / 2 : slides[k], across_y = dy != 0 ? (1 - dy) / 2 : slides[k];
          cairo_rectangle_t box = { px + dx * reach - across_x * width, py + dy * reach - across_y * height, width,
                                    height };

          if ((dx != 0 && dy != 0 && k > 0) || box.x < bounds->x || box.y < bounds->y
              || box.x + width > bounds->x + bounds->width || box.y + height > bounds->y + bounds->height
              || !label_box_is_free (painter, &box))
            continue;
          *out_box = box;
          return TRUE;
        }
  return FALSE;
}

/* A note on one point: a ring on the point, a leader line, and the text
 * in a box, put at the nearest place around the point where it covers no
 * data, no other text and no ringed point, inside the plot; narrower and
 * taller where a wide box finds no room. A note the layout moved under
 * the plot (footnoted) gets its number beside the ring instead. Where
 * neither fits, the note is left out and the layout says so. */
static void
draw_callout (Painter               *painter,
              const AtlasAnnotation *a,
              guint                  index)
{
  AtlasChart *chart = painter->chart;
  AtlasChartLayout *layout = painter->layout;
  cairo_t *cr = painter->cr;
  double unit = painter->unit;
  double px, py, w, h, pad = unit * 0.4;
  const double widths[] = { 14, 10, 7 };
  gsize row;

  if (a->series >= chart->series->len)
    return;
  row = row_at_x (chart, a->x);
  if (row == G_MAXSIZE || isnan (g_array_index (chart->series, AtlasChartSeries, a->series).values[row]))
    {
      /* A note on a value the data do not hold would point at nothing. */
      atlas_painter_drop (painter, LEFT_OUT_UNANCHORED, "note “%s”: no value at its x", a->text);
      return;
    }
  if (!atlas_chart_point_position (layout, a->series, row, &px, &py))
    return;

  if (atlas_painter_note_is_footnoted (painter, index))
    {
      g_autofree char *number = g_strdup_printf ("%u", atlas_painter_footnote_number (painter, index));
      cairo_rectangle_t box;

      ring_point (painter, px, py);
      atlas_painter_prepare_text (painter, number, TEXT_SMALL, 0, 1);
      atlas_painter_measure (painter, &w, &h);
      /* The number may stand just outside the plot, where bars fill it. */
      if (find_place_around (painter, px, py, w, h, 2, &(cairo_rectangle_t) { 0, 0, layout->width, layout->height },
                             &box))
        atlas_painter_show (painter, box.x, box.y, &painter->theme->annotation);
      return;
    }

  for (guint k = 0; k < G_N_ELEMENTS (widths); k++)
    {
      cairo_rectangle_t box;
      double lx, ly, length;

      atlas_painter_prepare_text (painter, a->text, TEXT_SMALL, MIN (unit * widths[k], layout->plot.width * 0.45), 8);
      atlas_painter_measure (painter, &w, &h);
      if (!find_place_around (painter, px, py, w + 2 * pad, h + 2 * pad, 16, &layout->plot, &box))
        continue;

      /* Leader from the ring to the nearest point of the box. */
      lx = CLAMP (px, box.x, box.x + box.width);
      ly = CLAMP (py, box.y, box.y + box.height);
      length = hypot (lx - px, ly - py);
      atlas_painter_set_color (cr, &painter->theme->annotation);
      cairo_set_line_width (cr, 1);
      if (length > unit * 0.45)
        {
          cairo_move_to (cr, px + (lx - px) * unit * 0.45 / length, py + (ly - py) * unit * 0.45 / length);
          cairo_line_to (cr, lx, ly);
          cairo_stroke (cr);
        }
      ring_point (painter, px, py);

      atlas_painter_set_color_alpha (cr, &painter->theme->background, 0.92);
      cairo_rectangle (cr, box.x, box.y, box.width, box.height);
      cairo_fill_preserve (cr);
      atlas_painter_set_color (cr, &painter->theme->annotation);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
      /* The whole box, padding included, is what the text takes. */
      cairo_move_to (cr, box.x + pad, box.y + pad);
      atlas_painter_set_color (cr, &painter->theme->text);
      pango_cairo_show_layout (cr, painter->text);
      atlas_painter_record_text_box (painter, box.x, box.y, box.width, box.height);
      return;
    }
  if (index < 64)
    layout->notes_left_out |= G_GUINT64_CONSTANT (1) << index;
  atlas_painter_drop (painter, LEFT_OUT_NOTE, "note “%s”", a->text);
}

typedef struct
{
  double px;
  const char *label;
  AtlasColor color; /* the label's and its line's */
} Mark;

static int
compare_marks (gconstpointer a,
               gconstpointer b)
{
  double x = ((const Mark *) a)->px, y = ((const Mark *) b)->px;
  return (x > y) - (x < y);
}

/* Where a stack of labels may go: rows from start, down the canvas or
 * up it, each label's leader running from it to leader_to. */
typedef struct
{
  double start;
  gboolean upward;
  int rows;
  double leader_to;
} LabelBand;

typedef struct
{
  double px;
  cairo_rectangle_t box;
  double leader_from, leader_to; /* the leader's ends, down the line at px */
  const char *label;
  double wrap_width; /* the width its text was set to, and its lines */
  int lines;
  gboolean leftward; /* set left of its line, text against the line, where the right lacks room */
  AtlasColor color;
  GPtrArray *joined; /* the labels of marks grouped under this one, or NULL */
} PlacedLabel;

static void
placed_label_clear (gpointer data)
{
  g_clear_pointer (&((PlacedLabel *) data)->joined, g_ptr_array_unref);
}

/* Whether a vertical leader at px from y0 to y1 passes through box,
 * grown by gap on each side. */
static gboolean
leader_crosses_box (double                   px,
                    double                   y0,
                    double                   y1,
                    const cairo_rectangle_t *box,
                    double                   gap)
{
  return px >= box->x - gap && px <= box->x + box->width + gap && MIN (y0, y1) < box->y + box->height
         && MAX (y0, y1) > box->y;
}

/* Whether candidate would touch a label placed before it (gap apart
 * along a row), cross one with its leader, or be crossed by one's. */
static gboolean
label_conflicts (GArray            *placed,
                 const PlacedLabel *candidate,
                 guint              skip,
                 double             gap)
{
  const cairo_rectangle_t *box = &candidate->box;

  for (guint i = 0; i < placed->len; i++)
    {
      const PlacedLabel *other = &g_array_index (placed, PlacedLabel, i);

      if (i == skip)
        continue;
      if (atlas_rectangles_intersect (box->x - gap, box->y - 1, box->width + 2 * gap, box->height + 2, &other->box)
          || leader_crosses_box (other->px, other->leader_from, other->leader_to, box, gap / 2)
          || leader_crosses_box (candidate->px, candidate->leader_from, candidate->leader_to, &other->box, gap / 2))
        return TRUE;
    }
  return FALSE;
}

/* Draws a vertical line at px from y0 to y1, broken where it would run
 * through a placed label. */
static void
add_line_around_labels (cairo_t *cr,
                        GArray  *placed,
                        double   px,
                        double   y0,
                        double   y1)
{
  double top = MIN (y0, y1), bottom = MAX (y0, y1), x = round (px) + 0.5;

  while (top < bottom)
    {
      double stop = bottom, resume = bottom;

      for (guint i = 0; i < placed->len; i++)
        {
          const cairo_rectangle_t *box = &g_array_index (placed, PlacedLabel, i).box;
          if (px >= box->x - 2 && px <= box->x + box->width + 2 && box->y + box->height > top && box->y - 2 < stop)
            {
              stop = MAX (box->y - 2, top);
              resume = box->y + box->height + 2;
            }
        }
      if (stop > top)
        {
          cairo_move_to (cr, x, top);
          cairo_line_to (cr, x, stop);
        }
      top = MAX (resume, stop + 1);
    }
}

/* Shows a placed label: its text, and for a group " +N" after it, the
 * text shortened where the two would not fit in the label's box. */
static void
show_placed_label (Painter           *painter,
                   const PlacedLabel *label)
{
  AtlasChartLayout *layout = painter->layout;
  g_autofree char *suffix = NULL;
  double suffix_width, w, h;

  if (!label->joined)
    {
      /* Left of its line, each line of text ends against the line. */
      atlas_painter_prepare_text (painter, label->label, TEXT_SMALL,
                                  label->leftward ? label->box.width + 0.5 : label->wrap_width, label->lines);
      if (label->leftward)
        pango_layout_set_alignment (painter->text, PANGO_ALIGN_RIGHT);
      atlas_painter_show (painter, label->box.x, label->box.y, &label->color);
      return;
    }
  /* Translators: after an event's label, how many more events its label stands for. */
  suffix = g_strdup_printf (_(" +%u"), label->joined->len);
  atlas_painter_prepare_text (painter, suffix, TEXT_SMALL, 0, 1);
  atlas_painter_measure (painter, &suffix_width, &h);
  atlas_painter_prepare_text (painter, label->label, TEXT_SMALL, MAX (label->box.width - suffix_width, 1), 1);
  atlas_painter_measure (painter, &w, &h);
  atlas_painter_show (painter, label->box.x, label->box.y, &label->color);
  atlas_painter_prepare_text (painter, suffix, TEXT_SMALL, 0, 1);
  atlas_painter_show (painter, label->box.x + w, label->box.y, &painter->theme->annotation);

  {
    GString *names = g_string_new (label->label);
    AtlasHoverNote note = { { label->box.x, label->box.y, w + suffix_width, label->box.height }, NULL };

    for (guint i = 0; i < label->joined->len; i++)
      g_string_append_printf (names, "\n%s", (const char *) g_ptr_array_index (label->joined, i));
    note.text = g_string_free (names, FALSE);
    g_array_append_val (layout->hover_notes, note);
  }
}

/* How a label's text is set: where its box starts, its size, the width
 * it wraps at and its lines. */
typedef struct
{
  double x, width, height;
  double wrap_width;
  int lines;
} LabelShape;

/* Where a mark's label sits beside its line: its text on as few lines as
 * fit, and, where one line is long, narrower on two, which slips between
 * leaders the wide one would touch. */
typedef struct
{
  LabelShape shapes[2];
  guint n_shapes;
  gboolean leftward;
} LabelSide;

/* Sets label's text in at most width, on as few lines as it fits on,
 * up to three; returns the lines it was given. */
static int
set_label_text (Painter    *painter,
                const char *label,
                double      width)
{
  int lines = 1;

  atlas_painter_prepare_text (painter, label, TEXT_SMALL, width, lines);
  while (pango_layout_is_ellipsized (painter->text) && lines < 3)
    atlas_painter_prepare_text (painter, label, TEXT_SMALL, width, ++lines);
  return lines;
}

/* Where each mark's label goes beside its line: one line where it fits,
 * else two; with allow_leftward, a label near the right edge that would
 * be cut short there sits left of its line instead, where there is more
 * room. out_n_leftward, where given, counts those. */
static LabelSide *
choose_label_sides (Painter  *painter,
                    GArray   *marks,
                    gboolean  allow_leftward,
                    guint    *out_n_leftward)
{
  AtlasChartLayout *layout = painter->layout;
  LabelSide *sides = g_new0 (LabelSide, marks->len);
  guint n_leftward = 0;

  for (guint i = 0; i < marks->len; i++)
    {
      const Mark *mark = &g_array_index (marks, Mark, i);
      LabelSide *side = &sides[i];
      double room_left = mark->px - painter->unit * 0.3 - 1;

      LabelShape *wide = &side->shapes[0];
      LabelShape *narrow = &side->shapes[1];

      if (!mark->label)
        continue;
      wide->wrap_width = MIN (painter->unit * 16, layout->width - 1 - (mark->px + painter->unit * 0.3));
      wide->lines = set_label_text (painter, mark->label, wide->wrap_width);
      if (allow_leftward && (wide->wrap_width < painter->unit * 4 || pango_layout_is_ellipsized (painter->text))
          && room_left > wide->wrap_width)
        {
          side->leftward = TRUE;
          n_leftward++;
          wide->wrap_width = MIN (painter->unit * 16, room_left);
          wide->lines = set_label_text (painter, mark->label, wide->wrap_width);
        }
      atlas_painter_measure (painter, &wide->width, &wide->height);
      side->n_shapes = 1;
      if (wide->lines == 1 && wide->width > painter->unit * 8)
        {
          narrow->wrap_width = MAX (wide->width * 0.6, painter->unit * 4);
          atlas_painter_prepare_text (painter, mark->label, TEXT_SMALL, narrow->wrap_width, 2);
          if (!pango_layout_is_ellipsized (painter->text))
            {
              narrow->lines = 2;
              atlas_painter_measure (painter, &narrow->width, &narrow->height);
              side->n_shapes = 2;
            }
        }
      for (guint k = 0; k < side->n_shapes; k++)
        side->shapes[k].x = side->leftward ? mark->px - painter->unit * 0.3 - side->shapes[k].width
                                           : mark->px + painter->unit * 0.3;
    }
  if (out_n_leftward)
    *out_n_leftward = n_leftward;
  return sides;
}

/* Stacks the labels, band by band, into placed, marking done the marks
 * placed; returns how many. Labels right of their lines go in a stack
 * that runs down from its start taking marks from the left, or up taking
 * them from the right, so no leader then crosses a label; labels left of
 * their lines go first, taking marks the other way round. */
static guint
stack_labels (Painter         *painter,
              GArray          *marks,
              const LabelSide *sides,
              const LabelBand *bands,
              guint            n_bands,
              GArray          *placed,
              gboolean        *done)
{
  double gap = painter->unit * 0.6, row_height, w, h;
  guint n_placed = 0;

  atlas_painter_prepare_text (painter, "Ag", TEXT_SMALL, 0, 1);
  atlas_painter_measure (painter, &w, &h);
  row_height = h + painter->unit * 0.35;
  for (guint b = 0; b < n_bands; b++)
    for (int pass = 0; pass < 2; pass++)
      for (guint k = 0; k < marks->len; k++)
        {
          guint i = (bands[b].upward != (pass == 0)) ? marks->len - 1 - k : k;
          const Mark *mark = &g_array_index (marks, Mark, i);
          const LabelSide *side = &sides[i];

          if (done[i] || !mark->label || side->leftward != (pass == 0)
              || side->shapes[0].wrap_width < painter->unit * 4)
            continue;
          for (int r = 0; r < bands[b].rows && !done[i]; r++)
            for (guint n = 0; n < side->n_shapes && !done[i]; n++)
              {
                const LabelShape *shape = &side->shapes[n];
                double ly = bands[b].upward ? bands[b].start - r * row_height - shape->height
                                            : bands[b].start + r * row_height;
                PlacedLabel label = { mark->px, { shape->x, ly, shape->width, shape->height }, 0,
                                      bands[b].leader_to, mark->label, shape->wrap_width, shape->lines,
                                      side->leftward, mark->color, NULL };

                label.leader_from = bands[b].leader_to > label.box.y ? label.box.y + shape->height : label.box.y;
                if (label_conflicts (placed, &label, G_MAXUINT, gap) || !label_box_is_free (painter, &label.box))
                  continue;
                g_array_append_val (placed, label);
                done[i] = TRUE;
                n_placed++;
              }
        }
  return n_placed;
}

/* Places each mark's label beside its line, in the first row of
 * the first band where it touches no other label, leader, text, ringed
 * point or data: right of the line, or, where that names more marks,
 * left of it near the right edge. A mark whose label finds no place
 * joins the nearest placed label, which then reads "LABEL +N" and lists
 * them on hover. Leaders are drawn dashed when asked; marks grouped away
 * keep a line across the plot (broken around labels) when
 * full_line_unplaced. */
static void
draw_stacked_labels (Painter         *painter,
                     GArray          *marks,
                     const LabelBand *bands,
                     guint            n_bands,
                     gboolean         dashed,
                     gboolean         full_line_unplaced)
{
  AtlasChartLayout *layout = painter->layout;
  cairo_t *cr = painter->cr;
  double gap = painter->unit * 0.6, dash[] = { 2, 3 };
  g_autoptr (GArray) placed = g_array_new (FALSE, FALSE, sizeof (PlacedLabel));
  g_autoptr (GArray) unplaced = g_array_new (FALSE, FALSE, sizeof (Mark));
  g_autofree gboolean *done = NULL;
  g_autofree LabelSide *sides = NULL;
  g_autofree LabelSide *sides_leftward = NULL;
  guint n_labels = 0, n_leftward = 0;
  double h;

  g_array_set_clear_func (placed, placed_label_clear);
  g_array_sort (marks, compare_marks);
  done = g_new0 (gboolean, marks->len);
  sides = choose_label_sides (painter, marks, FALSE, NULL);
  for (guint i = 0; i < marks->len; i++)
    n_labels += g_array_index (marks, Mark, i).label != NULL;
  if (stack_labels (painter, marks, sides, bands, n_bands, placed, done) < n_labels)
    sides_leftward = choose_label_sides (painter, marks, TRUE, &n_leftward);
  if (n_leftward > 0)
    {
      /* Some labels found no place right of their lines: try those near
       * the right edge on their left, and keep whichever names more. */
      g_autoptr (GArray) placed_leftward = g_array_new (FALSE, FALSE, sizeof (PlacedLabel));
      g_autofree gboolean *done_leftward = g_new0 (gboolean, marks->len);

      g_array_set_clear_func (placed_leftward, placed_label_clear);
      if (stack_labels (painter, marks, sides_leftward, bands, n_bands, placed_leftward, done_leftward) > placed->len)
        {
          g_array_unref (g_steal_pointer (&placed));
          placed = g_steal_pointer (&placed_leftward);
          g_free (g_steal_pointer (&done));
          done = g_steal_pointer (&done_leftward);
        }
    }
  for (guint i = 0; i < marks->len; i++)
    if (!done[i] && g_array_index (marks, Mark, i).label)
      g_array_append_val (unplaced, g_array_index (marks, Mark, i));

  /* What found no place joins the label nearest it. */
  for (guint i = 0; i < unplaced->len; i++)
    {
      const Mark *mark = &g_array_index (unplaced, Mark, i);
      PlacedLabel *nearest = NULL;

      for (guint j = 0; j < placed->len; j++)
        {
          PlacedLabel *label = &g_array_index (placed, PlacedLabel, j);
          if (!nearest || fabs (label->px - mark->px) < fabs (nearest->px - mark->px))
            nearest = label;
        }
      if (!nearest)
        {
          atlas_painter_drop (painter, LEFT_OUT_EVENT_LABEL, "label “%s”", mark->label);
          continue;
        }
      if (!nearest->joined)
        nearest->joined = g_ptr_array_new ();
      g_ptr_array_add (nearest->joined, (gpointer) mark->label);
      atlas_painter_drop (painter, LEFT_OUT_GROUPED, "label “%s”, grouped under “%s”", mark->label, nearest->label);
    }
  /* A group's label grows to take its count where that stays clear. */
  for (guint i = 0; i < placed->len; i++)
    {
      PlacedLabel *label = &g_array_index (placed, PlacedLabel, i);
      PlacedLabel grown = *label;
      g_autofree char *suffix = NULL;
      double suffix_width;

      if (!label->joined)
        continue;
      suffix = g_strdup_printf (_(" +%u"), label->joined->len);
      atlas_painter_prepare_text (painter, suffix, TEXT_SMALL, 0, 1);
      atlas_painter_measure (painter, &suffix_width, &h);
      if (label->leftward)
        {
          /* A label left of its line grows away from the line. */
          grown.box.x = MAX (label->box.x - suffix_width, 0);
          grown.box.width = label->box.x + label->box.width - grown.box.x;
        }
      else
        grown.box.width = MIN (label->box.width + suffix_width, layout->width - 1 - label->box.x);
      if (!label_conflicts (placed, &grown, i, gap) && label_box_is_free (painter, &grown.box))
        label->box.width = grown.box.width;
    }

  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  if (dashed)
    cairo_set_dash (cr, dash, 2, 0);
  for (guint i = 0; i < placed->len; i++)
    {
      const PlacedLabel *label = &g_array_index (placed, PlacedLabel, i);
      add_line_around_labels (cr, placed, label->px, label->leader_from, label->leader_to);
      atlas_painter_set_color (cr, dashed ? &label->color : &painter->theme->muted_text);
      cairo_stroke (cr);
    }
  for (guint i = 0; i < unplaced->len && full_line_unplaced && n_bands > 0; i++)
    {
      const Mark *mark = &g_array_index (unplaced, Mark, i);
      add_line_around_labels (cr, placed, mark->px, layout->plot.y, layout->plot.y + layout->plot.height);
      atlas_painter_set_color (cr, &mark->color);
      cairo_stroke (cr);
    }
  cairo_restore (cr);

  for (guint i = 0; i < placed->len; i++)
    show_placed_label (painter, &g_array_index (placed, PlacedLabel, i));
}

/* The index of side's colour: its place among the sides of the events'
 * table, or else among the chart's events, in the order they first act;
 * a side keeps its colour however the chart is zoomed. */
static guint
event_side_index (const AtlasChart *chart,
                  const char       *side)
{
  const GArray *events = chart->spec.events;
  g_autoptr (GPtrArray) seen = g_ptr_array_new ();

  for (guint i = 0; chart->spec.event_sides && chart->spec.event_sides[i]; i++)
    if (g_str_equal (chart->spec.event_sides[i], side))
      return i;
  for (guint i = 0; events && i < events->len; i++)
    {
      const char *other = g_array_index (events, AtlasChartEvent, i).side;
      if (!other || g_ptr_array_find_with_equal_func (seen, other, g_str_equal, NULL))
        continue;
      if (g_str_equal (other, side))
        return seen->len;
      g_ptr_array_add (seen, (gpointer) other);
    }
  return seen->len;
}

/* An event's colour: its side's, or the annotation colour when none is
 * said. */
AtlasColor
atlas_chart_event_color (Painter               *painter,
                         const AtlasChartEvent *event)
{
  if (!event->side)
    return painter->theme->annotation;
  return atlas_theme_event_color (painter->theme, event_side_index (painter->chart, event->side));
}

/* The sides whose events fall in the x range in view, for the key, in
 * the order they first act. */
void
atlas_chart_collect_event_key (Painter   *painter,
                               GPtrArray *out_sides)
{
  AtlasChart *chart = painter->chart;
  const GArray *events = chart->spec.events;

  if (chart->categories || atlas_chart_is_horizontal (chart->spec.type))
    return;
  for (guint i = 0; events && i < events->len; i++)
    {
      const AtlasChartEvent *event = &g_array_index (events, AtlasChartEvent, i);
      if (event->side && !(event->x < chart->view.x_min) && !(event->x > chart->view.x_max)
          && !g_ptr_array_find_with_equal_func (out_sides, event->side, g_str_equal, NULL))
        g_ptr_array_add (out_sides, event->side);
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
      Mark mark = { x_to_pixel (layout, event->x), event->label, atlas_chart_event_color (painter, event) };

      if (pixel_in_plot_x (layout, mark.px))
        g_array_append_val (marks, mark);
    }
  atlas_painter_prepare_text (painter, "Ag", TEXT_SMALL, 0, 1);
  atlas_painter_measure (painter, &w, &h);
  max_rows = (int) CLAMP (layout->plot.height / 3 / (h + painter->unit * 0.35), 1, 8);
  {
    /* Labels stack down from the plot's top, or where the data fill the
     * top, up from its bottom. */
    double top = layout->plot.y + 2, bottom = layout->plot.y + layout->plot.height - 2;
    LabelBand bands[] = { { top, FALSE, max_rows, bottom + 2 }, { bottom, TRUE, max_rows, top - 2 } };

    draw_stacked_labels (painter, marks, bands, G_N_ELEMENTS (bands), TRUE, TRUE);
  }
  for (guint i = 0; i < marks->len; i++)
    {
      const Mark *mark = &g_array_index (marks, Mark, i);
      AtlasHoverNote note = { { mark->px - 3, layout->plot.y, 6, layout->plot.height }, g_strdup (mark->label) };
      g_array_append_val (layout->hover_notes, note);
    }
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
          AtlasColor color = atlas_painter_series_color (painter, s);
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
        draw_callout (painter, a, i);
    }
}

/* The event timeline: a time axis across the middle, a dot per event and
 * its label above, stacked in rows so that none overlap; dots and labels
 * in the colour of the side that acted, where the table says. */
void
atlas_chart_draw_timeline (Painter                 *painter,
                           const cairo_rectangle_t *area)
{
  AtlasChart *chart = painter->chart;
  AtlasChartLayout *layout = painter->layout;
  const AtlasColumn *labels = atlas_table_find_column (chart->table, chart->spec.label_column);
  g_autoptr (GArray) marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  g_auto (GStrv) side_names = atlas_table_list_sides (chart->table);
  const AtlasColumn *sides = atlas_table_guess_side_column (chart->table);
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
      const char *side = sides ? atlas_column_get_text (sides, row) : NULL;
      AtlasColor dot;
      Mark mark = { px, labels ? atlas_column_get_text (labels, row) : NULL, painter->theme->text };

      if (!pixel_in_plot_x (layout, px))
        continue;
      for (guint s = 0; side && side_names && side_names[s]; s++)
        if (g_str_equal (side_names[s], side))
          mark.color = atlas_theme_event_color (painter->theme, s);
      dot = side ? mark.color : atlas_theme_series_color (painter->theme, 0);
      atlas_painter_set_color (painter->cr, &dot);
      cairo_new_sub_path (painter->cr);
      cairo_arc (painter->cr, px, axis_y, painter->unit * 0.35, 0, 2 * G_PI);
      cairo_fill (painter->cr);
      if (mark.label)
        g_array_append_val (marks, mark);
    }
  atlas_painter_prepare_text (painter, "Ag", TEXT_SMALL, 0, 1);
  atlas_painter_measure (painter, &w, &h);
  {
    LabelBand band = { axis_y - painter->unit * 0.8, TRUE,
                       (int) MAX ((axis_y - area->y - painter->unit) / (h + painter->unit * 0.35), 1),
                       axis_y - painter->unit * 0.35 };
    draw_stacked_labels (painter, marks, &band, 1, FALSE, FALSE);
  }
}
