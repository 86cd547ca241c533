/* atlas-chart-painter.c: what every part of a chart's drawing shares: colours, text set with Pango, and the boxes it took. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-chart-painter.h"

#include <pango/pangocairo.h>

/* Latin faces first: a CJK face drawing Latin text would set quotes and
 * apostrophes full-width. Chinese text falls back to a CJK face. */
#define FONT_FAMILY "Cantarell, Noto Sans, DejaVu Sans, Noto Sans CJK SC, sans-serif"

/* The colour series is drawn in: the one its chart's author chose, else
 * the palette's. */
AtlasColor
atlas_painter_series_color (const Painter *painter,
                            guint          series)
{
  const AtlasChartSpec *spec = &painter->chart->spec;
  AtlasColor chosen;

  if (spec->series_colors && series < g_strv_length (spec->series_colors)
      && atlas_chart_parse_color (spec->series_colors[series], &chosen))
    return chosen;
  return atlas_theme_series_color (painter->theme, series);
}

void
atlas_painter_set_color (cairo_t          *cr,
                         const AtlasColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

void
atlas_painter_set_color_alpha (cairo_t          *cr,
                               const AtlasColor *color,
                               double            alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* Prepares the shared layout for text in role, wrapped to width (or on
 * one line when width <= 0) with at most max_lines lines. */
void
atlas_painter_prepare_text (Painter    *painter,
                            const char *text,
                            TextRole    role,
                            double      width,
                            int         max_lines)
{
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);
  /* No text under 9 px: where room runs short, the layout leaves things
   * out and says so rather than shrinking them past reading. */
  double size = MAX (painter->unit * (role == TEXT_TITLE ? 1.45 : role == TEXT_SMALL ? 0.85 : 1.0), 9);

  painter->text_size = size;
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (role == TEXT_TITLE)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (painter->text, font);
  pango_font_description_free (font);
  pango_layout_set_text (painter->text, text, -1);
  pango_layout_set_width (painter->text, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_wrap (painter->text, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (painter->text, width > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_height (painter->text, max_lines > 0 ? -max_lines : -1);
  pango_layout_set_alignment (painter->text, PANGO_ALIGN_LEFT);
}

void
atlas_painter_measure (Painter *painter,
                       double  *out_width,
                       double  *out_height)
{
  PangoRectangle logical;

  pango_layout_get_pixel_extents (painter->text, NULL, &logical);
  *out_width = logical.width;
  *out_height = logical.height;
}

/* Keeps the box the prepared text takes at (x, y), padding included, so
 * that later text keeps clear of it and the audit can check it. */
void
atlas_painter_record_text_box (Painter *painter,
                               double   x,
                               double   y,
                               double   width,
                               double   height)
{
  AtlasTextBox box = { { x, y, width, height }, painter->text_size, NULL };

  if (width <= 0 || height <= 0)
    return;
  box.text = g_strdup (pango_layout_get_text (painter->text));
  g_array_append_val (painter->layout->text_boxes, box);
}

/* Whether the note at index is told under the plot, numbered, rather
 * than in a box by its point. */
gboolean
atlas_painter_note_is_footnoted (const Painter *painter,
                                 guint          index)
{
  return index < 64 && (painter->footnoted & (G_GUINT64_CONSTANT (1) << index));
}

/* The number, from 1, under which a footnoted note is told. */
guint
atlas_painter_footnote_number (const Painter *painter,
                               guint          index)
{
  guint number = 1;

  for (guint i = 0; i < index && i < 64; i++)
    if (painter->footnoted & (G_GUINT64_CONSTANT (1) << i))
      number++;
  return number;
}

/* Notes that something was left out: what (a person's words for it) and
 * of which kind, which says whether the chart tells the reader. */
void
atlas_painter_drop (Painter     *painter,
                    LeftOutKind  kind,
                    const char  *format,
                    ...)
{
  AtlasDroppedItem item = { NULL, FALSE };
  va_list args;

  va_start (args, format);
  item.what = g_strdup_vprintf (format, args);
  va_end (args);
  if (kind < LEFT_OUT_N_KINDS)
    {
      painter->layout->left_out_kinds |= 1u << kind;
      item.announced = (painter->announced & (1u << kind)) != 0;
    }
  else
    item.announced = kind == LEFT_OUT_GROUPED || kind == LEFT_OUT_SAID_IN_PLACE;
  g_array_append_val (painter->layout->dropped, item);
}

/* Draws the prepared text with its top-left corner at (x, y). */
void
atlas_painter_show (Painter          *painter,
                    double            x,
                    double            y,
                    const AtlasColor *color)
{
  double width, height;

  atlas_painter_measure (painter, &width, &height);
  cairo_move_to (painter->cr, x, y);
  atlas_painter_set_color (painter->cr, color);
  pango_cairo_show_layout (painter->cr, painter->text);
  atlas_painter_record_text_box (painter, x, y, width, height);
}

/* A wrapped block of text at (x, y), at most width wide; returns its height. */
double
atlas_painter_draw_text_block (Painter          *painter,
                               const char       *text,
                               TextRole          role,
                               double            x,
                               double            y,
                               double            width,
                               int               max_lines,
                               const AtlasColor *color)
{
  double w, h;

  if (!text || !*text || width < painter->unit)
    return 0;
  atlas_painter_prepare_text (painter, text, role, width, max_lines);
  atlas_painter_measure (painter, &w, &h);
  atlas_painter_show (painter, x, y, color);
  return h;
}

/* Whether a box at (x, y) overlaps box. */
gboolean
atlas_rectangles_intersect (double                   x,
                            double                   y,
                            double                   width,
                            double                   height,
                            const cairo_rectangle_t *box)
{
  return x < box->x + box->width && box->x < x + width && y < box->y + box->height && box->y < y + height;
}

/* Whether a box of text at (x, y) would touch none drawn before and stay
 * on the canvas. */
gboolean
atlas_chart_text_box_free (const AtlasChartLayout *layout,
                           double                  x,
                           double                  y,
                           double                  width,
                           double                  height)
{
  if (x < 0 || y < 0 || x + width > layout->width || y + height > layout->height)
    return FALSE;
  for (guint i = 0; i < layout->text_boxes->len; i++)
    if (atlas_rectangles_intersect (x, y, width, height, &g_array_index (layout->text_boxes, AtlasTextBox, i).box))
      return FALSE;
  return TRUE;
}
