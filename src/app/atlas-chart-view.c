/* atlas-chart-view.c: draws the chart with atlas_chart_render(), the same call exports use, and lets people hover, zoom and pan it. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-chart-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "atlas-view-history.h"

/* One wheel notch or key press zooms by this factor. */
#define ZOOM_STEP 1.25
/* Zooming stops at a millionth of the chart's own x range. */
#define MIN_SPAN_FRACTION 1e-6

struct _AtlasChartView
{
  GtkWidget parent_instance;

  AtlasDocument *document; /* whose chart shows; NULL: the chart set by hand */
  AtlasChart *chart;   /* owned */
  AtlasChartLayout *layout; /* the chart as the last frame placed it: hover, zoom and keys read it */
  GHashTable *sources; /* source id -> description, or NULL */

  /* The x range the chart opened with (NAN: the data's own), which Home
   * and double-click return to, and the widest it may zoom out to. */
  double home_min, home_max;
  double full_min, full_max;

  double pointer_x, pointer_y; /* NAN when the pointer is elsewhere */
  gboolean has_pick;
  gboolean pick_by_keyboard; /* then the point's description is drawn beside it */
  AtlasChartPick pick;

  double drag_min, drag_max; /* the x view when a drag began */
  gboolean box_zoom;         /* the drag began with Shift: it marks a span to zoom to */
  double box_from, box_to;   /* that span, in widget x */
  double pinch_min, pinch_max; /* the x view when a pinch began */
  guint description_source;  /* pending update of the accessible description */

  AtlasViewHistory *history; /* earlier and later x views, for back and forward */
  int names_width;  /* the width names_height was measured at; 0: not yet */
  int names_height; /* the height at which every bar is named */
};

G_DEFINE_FINAL_TYPE (AtlasChartView, atlas_chart_view, GTK_TYPE_WIDGET)

/* The height a chart starts from when asked how tall it must be: the
 * smallest chart the window shows. */
#define MIN_HEIGHT 240

enum
{
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The layout of the frame on screen; before the first frame, one
 * measured at the widget's size (or a window's, while it has none).
 * NULL without a chart. */
static const AtlasChartLayout *
get_layout (AtlasChartView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (!self->layout && self->chart)
    self->layout = atlas_chart_layout_new (self->chart, NULL, width >= 16 ? width : 800, height >= 16 ? height : 500);
  return self->layout;
}

/* What the keyboard's point is, in a box beside it: no tooltip shows
 * without a pointer. The box keeps inside the plot. */
static void
draw_point_description (AtlasChartView          *self,
                        cairo_t                 *cr,
                        double                   px,
                        double                   py,
                        const cairo_rectangle_t *plot,
                        gboolean                 dark)
{
  g_autofree char *text = atlas_chart_describe_pick (self->chart, &self->pick, self->sources);
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int width, height;
  double pad = 6, bx, by;

  pango_layout_get_pixel_size (layout, &width, &height);
  /* Right of the point, else left of it, else above or below it. */
  by = CLAMP (py - height / 2.0 - pad, plot->y, MAX (plot->y, plot->y + plot->height - height - 2 * pad));
  if (px + 12 + width + 2 * pad <= plot->x + plot->width)
    bx = px + 12;
  else if (px - 12 - width - 2 * pad >= plot->x)
    bx = px - 12 - width - 2 * pad;
  else
    {
      bx = CLAMP (px - width / 2.0 - pad, plot->x, MAX (plot->x, plot->x + plot->width - width - 2 * pad));
      by = py - 12 - height - 2 * pad >= plot->y ? py - 12 - height - 2 * pad : py + 12;
    }
  cairo_rectangle (cr, bx, by, width + 2 * pad, height + 2 * pad);
  cairo_set_source_rgba (cr, dark ? 0.12 : 1, dark ? 0.12 : 1, dark ? 0.12 : 1, 1);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, dark ? 1 : 0, dark ? 1 : 0, dark ? 1 : 0, 0.4);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  cairo_set_source_rgba (cr, dark ? 1 : 0, dark ? 1 : 0, dark ? 1 : 0, 0.9);
  cairo_move_to (cr, bx + pad, by + pad);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

/* A thin line through the point under the pointer and a ring on it, in
 * the text colour so it reads on light and dark alike. */
static void
draw_crosshair (AtlasChartView *self,
                cairo_t        *cr)
{
  cairo_rectangle_t plot;
  double px, py;
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  if (!self->has_pick || !atlas_chart_get_plot_area (get_layout (self), &plot)
      || !atlas_chart_point_position (get_layout (self), self->pick.series, self->pick.row, &px, &py))
    return;
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_set_source_rgba (cr, dark ? 1 : 0, dark ? 1 : 0, dark ? 1 : 0, 0.45);
  cairo_set_line_width (cr, 1);
  if (atlas_chart_get_x_view (get_layout (self), &(double) { 0 }, &(double) { 0 }))
    {
      cairo_move_to (cr, round (px) + 0.5, plot.y);
      cairo_line_to (cr, round (px) + 0.5, plot.y + plot.height);
      cairo_stroke (cr);
    }
  cairo_set_source_rgba (cr, dark ? 1 : 0, dark ? 1 : 0, dark ? 1 : 0, 0.85);
  cairo_set_line_width (cr, 2);
  /* The render may leave a current point: the ring must not join it. */
  cairo_new_path (cr);
  cairo_arc (cr, px, py, 5, 0, 2 * G_PI);
  cairo_stroke (cr);
  /* Only while the chart has the keyboard: an open menu or another
   * control takes it, and the box would cover them. */
  if (self->pick_by_keyboard && gtk_widget_has_focus (GTK_WIDGET (self)))
    draw_point_description (self, cr, px, py, &plot, dark);
  cairo_restore (cr);
}

/* The span a Shift-drag marks, shaded over the plot's height. */
static void
draw_zoom_span (AtlasChartView *self,
                cairo_t        *cr)
{
  cairo_rectangle_t plot;
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  if (!self->box_zoom || !atlas_chart_get_plot_area (get_layout (self), &plot))
    return;
  cairo_new_path (cr);
  cairo_rectangle (cr, MIN (self->box_from, self->box_to), plot.y, fabs (self->box_to - self->box_from), plot.height);
  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, dark ? 0.3 : 0.2);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.8);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

/* The chart is one focusable control: with the keyboard's focus it shows
 * a ring inside its edge in the accent colour, as libadwaita's controls
 * do. */
static void
draw_focus_ring (AtlasChartView *self,
                 GtkSnapshot    *snapshot,
                 int             width,
                 int             height)
{
  GdkRGBA accent = { 0.21, 0.52, 0.89, 1 };
  GskRoundedRect outline;
  float widths[4] = { 2, 2, 2, 2 };
  GdkRGBA colors[4];

  if (!gtk_widget_has_visible_focus (GTK_WIDGET (self)))
    return;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self)), "accent_color", &accent);
  G_GNUC_END_IGNORE_DEPRECATIONS
  accent.alpha = 0.5f;
  for (guint i = 0; i < G_N_ELEMENTS (colors); i++)
    colors[i] = accent;
  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (1, 1, width - 2, height - 2), 6);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

/* The focus ring and the point's description follow the keyboard's
 * focus, and whether focus is shown at all. */
static void
atlas_chart_view_state_flags_changed (GtkWidget     *widget,
                                      GtkStateFlags  previous)
{
  GtkStateFlags changed = previous ^ gtk_widget_get_state_flags (widget);

  if (changed & (GTK_STATE_FLAG_FOCUSED | GTK_STATE_FLAG_FOCUS_VISIBLE))
    gtk_widget_queue_draw (widget);
  GTK_WIDGET_CLASS (atlas_chart_view_parent_class)->state_flags_changed (widget, previous);
}

static void
atlas_chart_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  AtlasChartView *self = ATLAS_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (!self->chart || width < 16 || height < 16)
    return;
  /* Light or dark as the system is, whatever the chart's spec says. */
  atlas_chart_set_look (self->chart, adw_style_manager_get_dark (adw_style_manager_get_default ()), FALSE);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_clear_pointer (&self->layout, atlas_chart_layout_unref);
  self->layout = atlas_chart_render (self->chart, cr, width, height);
  /* The first render with the chart's own range says how far zooming out
   * may go. */
  if (isnan (self->full_min) && isnan (atlas_chart_get_spec (self->chart)->view_x_min)
      && isnan (atlas_chart_get_spec (self->chart)->view_x_max))
    atlas_chart_get_x_view (get_layout (self), &self->full_min, &self->full_max);
  draw_crosshair (self, cr);
  draw_zoom_span (self, cr);
  cairo_destroy (cr);
  draw_focus_ring (self, snapshot, width, height);
}

static void
update_accessible_description (AtlasChartView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  g_autofree char *summary = NULL;
  g_autoptr (AtlasChartLayout) layout = NULL;

  if (!self->chart)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }
  /* The summary of the chart as it is now, at the size on screen: the
   * view may have changed since the last frame. */
  layout = atlas_chart_layout_new (self->chart, NULL, width >= 16 ? width : 800, height >= 16 ? height : 500);
  summary = atlas_chart_summarize (layout);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary, -1);
}

static gboolean
update_description_later (gpointer data)
{
  AtlasChartView *self = data;

  self->description_source = 0;
  update_accessible_description (self);
  return G_SOURCE_REMOVE;
}

/* The description follows the chart and its view once they have settled:
 * redoing it on every step of a pan, or before a new chart's first frame,
 * would cost that frame a second layout. */
static void
queue_description_update (AtlasChartView *self)
{
  if (self->description_source)
    g_source_remove (self->description_source);
  self->description_source = g_timeout_add (250, update_description_later, self);
}

static void
on_dark_changed (AtlasChartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
apply_x_view (AtlasChartView *self,
              double          min,
              double          max)
{
  const AtlasViewState *view = atlas_chart_get_view_state (self->chart);

  atlas_chart_set_view (self->chart, min, max, view->y_min, view->y_max);
  self->has_pick = FALSE;
  queue_description_update (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Shows x from min to max; the y axis follows what is then in view. The
 * view left behind goes to the history. */
static void
set_x_view (AtlasChartView *self,
            double          min,
            double          max)
{
  const AtlasViewState *view = atlas_chart_get_view_state (self->chart);

  atlas_view_history_leave (self->history, view->x_min, view->x_max, g_get_monotonic_time ());
  apply_x_view (self, min, max);
}

/* Steps back (or forward) through the x views; FALSE when there is none. */
gboolean
atlas_chart_view_go_back (AtlasChartView *self,
                          gboolean        forward)
{
  const AtlasViewState *view;
  double min, max;

  g_return_val_if_fail (ATLAS_IS_CHART_VIEW (self), FALSE);

  if (!self->chart)
    return FALSE;
  view = atlas_chart_get_view_state (self->chart);
  if (!atlas_view_history_step (self->history, forward, view->x_min, view->x_max, &min, &max))
    return FALSE;
  apply_x_view (self, min, max);
  return TRUE;
}

static void
go_back_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  atlas_chart_view_go_back (ATLAS_CHART_VIEW (widget), g_str_equal (action_name, "chart.forward"));
}

/* Zooms x by factor (above 1 zooms in) keeping the data under anchor, a
 * widget x coordinate, where it is; FALSE where the chart cannot zoom. */
gboolean
atlas_chart_view_zoom (AtlasChartView *self,
                       double          factor,
                       double          anchor)
{
  cairo_rectangle_t plot;
  double min, max, at, span, full_span;

  g_return_val_if_fail (ATLAS_IS_CHART_VIEW (self), FALSE);
  g_return_val_if_fail (factor > 0, FALSE);

  if (!self->chart || !atlas_chart_get_plot_area (get_layout (self), &plot)
      || !atlas_chart_get_x_view (get_layout (self), &min, &max) || plot.width <= 0)
    return FALSE;
  anchor = CLAMP (anchor, plot.x, plot.x + plot.width);
  at = min + (anchor - plot.x) / plot.width * (max - min);
  full_span = isnan (self->full_min) ? max - min : self->full_max - self->full_min;
  span = CLAMP ((max - min) / factor, full_span * MIN_SPAN_FRACTION, full_span);
  min = at - (anchor - plot.x) / plot.width * span;
  max = min + span;
  /* Out as far as the whole range: show the chart as it opened. */
  if (span >= full_span && !isnan (self->full_min))
    {
      min = self->full_min;
      max = self->full_max;
    }
  set_x_view (self, min, max);
  return TRUE;
}

/* Moves the x view by dx widget pixels, as dragging the data does. */
gboolean
atlas_chart_view_pan (AtlasChartView *self,
                      double          dx)
{
  cairo_rectangle_t plot;
  double min, max, shift;

  g_return_val_if_fail (ATLAS_IS_CHART_VIEW (self), FALSE);

  if (!self->chart || !atlas_chart_get_plot_area (get_layout (self), &plot)
      || !atlas_chart_get_x_view (get_layout (self), &min, &max) || plot.width <= 0)
    return FALSE;
  shift = -dx / plot.width * (max - min);
  set_x_view (self, min + shift, max + shift);
  return TRUE;
}

/* Back to the x range the chart opened with. */
void
atlas_chart_view_reset_view (AtlasChartView *self)
{
  g_return_if_fail (ATLAS_IS_CHART_VIEW (self));

  if (self->chart)
    set_x_view (self, self->home_min, self->home_max);
}

/* The tooltip's text for what is at (x, y) in widget coordinates, or NULL
 * where nothing is. */
char *
atlas_chart_view_describe_at (AtlasChartView *self,
                              double          x,
                              double          y)
{
  AtlasChartPick pick;

  g_return_val_if_fail (ATLAS_IS_CHART_VIEW (self), NULL);

  if (!self->chart)
    return NULL;
  if (!atlas_chart_pick (get_layout (self), x, y, &pick))
    return g_strdup (atlas_chart_hover_note_at (get_layout (self), x, y));
  return atlas_chart_describe_pick (self->chart, &pick, self->sources);
}

static gboolean
on_query_tooltip (AtlasChartView *self,
                  int             x,
                  int             y,
                  gboolean        keyboard,
                  GtkTooltip     *tooltip)
{
  g_autofree char *text = NULL;

  if (keyboard)
    return FALSE;
  text = atlas_chart_view_describe_at (self, x, y);
  if (!text)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Marks what is under the pointer at (x, y), as moving it there does. */
void
atlas_chart_view_hover (AtlasChartView *self,
                        double          x,
                        double          y)
{
  AtlasChartPick pick;
  gboolean found;

  g_return_if_fail (ATLAS_IS_CHART_VIEW (self));

  self->pointer_x = x;
  self->pointer_y = y;
  found = self->chart && atlas_chart_pick (get_layout (self), x, y, &pick);
  if (found == self->has_pick && (!found || (pick.series == self->pick.series && pick.row == self->pick.row)))
    return;
  self->has_pick = found;
  self->pick_by_keyboard = FALSE;
  if (found)
    self->pick = pick;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Moves the keyboard's point step rows along x, or series_step series
 * across at the same row; the first press picks the first point in view.
 * FALSE when there is no point that way. */
gboolean
atlas_chart_view_move_point (AtlasChartView *self,
                             int             step,
                             int             series_step)
{
  guint n_series;
  guint series;
  gsize row;
  double px, py;

  g_return_val_if_fail (ATLAS_IS_CHART_VIEW (self), FALSE);

  if (!self->chart || (n_series = atlas_chart_get_n_series (self->chart)) == 0)
    return FALSE;
  if (!self->has_pick)
    {
      if (!atlas_chart_step_point (get_layout (self), 0, G_MAXSIZE, step < 0 ? -1 : 1, &row))
        return FALSE;
      series = 0;
    }
  else if (series_step != 0)
    {
      gint64 next = (gint64) self->pick.series + series_step;
      row = self->pick.row;
      if (next < 0 || next >= n_series
          || !atlas_chart_point_position (get_layout (self), (guint) next, row, &px, &py))
        return FALSE;
      series = (guint) next;
    }
  else
    {
      series = self->pick.series;
      if (step == 0 || !atlas_chart_step_point (get_layout (self), series, self->pick.row, step, &row))
        return FALSE;
    }
  self->has_pick = TRUE;
  self->pick_by_keyboard = TRUE;
  self->pick.series = series;
  self->pick.row = row;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

/* Which point the keyboard or pointer marks; FALSE when none. */
gboolean
atlas_chart_view_get_marked_point (AtlasChartView *self,
                                   guint          *out_series,
                                   gsize          *out_row)
{
  g_return_val_if_fail (ATLAS_IS_CHART_VIEW (self), FALSE);

  if (!self->has_pick)
    return FALSE;
  *out_series = self->pick.series;
  *out_row = self->pick.row;
  return TRUE;
}

static void
move_point_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  int step, series_step;

  g_variant_get (parameter, "(ii)", &step, &series_step);
  atlas_chart_view_move_point (ATLAS_CHART_VIEW (widget), step, series_step);
}

static void
on_motion (AtlasChartView           *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  atlas_chart_view_hover (self, x, y);
}

static void
on_leave (AtlasChartView           *self,
          GtkEventControllerMotion *controller)
{
  self->pointer_x = self->pointer_y = NAN;
  if (self->has_pick)
    {
      self->has_pick = FALSE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static gboolean
on_scroll (AtlasChartView           *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  double anchor = isnan (self->pointer_x) ? gtk_widget_get_width (GTK_WIDGET (self)) / 2.0 : self->pointer_x;

  /* Wheel up zooms in, as in maps and other chart tools. */
  return dy != 0 && atlas_chart_view_zoom (self, pow (ZOOM_STEP, -dy), anchor);
}

/* Zooms x to the span between two widget x coordinates, as a Shift-drag
 * across the plot does; FALSE where the span is too narrow to mean it. */
gboolean
atlas_chart_view_zoom_to_span (AtlasChartView *self,
                               double          from,
                               double          to)
{
  cairo_rectangle_t plot;
  double min, max, a, b;

  g_return_val_if_fail (ATLAS_IS_CHART_VIEW (self), FALSE);

  if (!self->chart || !atlas_chart_get_plot_area (get_layout (self), &plot)
      || !atlas_chart_get_x_view (get_layout (self), &min, &max) || fabs (to - from) < 8 || plot.width <= 0)
    return FALSE;
  a = CLAMP (MIN (from, to), plot.x, plot.x + plot.width);
  b = CLAMP (MAX (from, to), plot.x, plot.x + plot.width);
  if (b - a < 8)
    return FALSE;
  set_x_view (self, min + (a - plot.x) / plot.width * (max - min), min + (b - plot.x) / plot.width * (max - min));
  return TRUE;
}

static void
on_drag_begin (AtlasChartView *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  if (!self->chart || !atlas_chart_get_x_view (get_layout (self), &self->drag_min, &self->drag_max))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->box_zoom = (state & GDK_SHIFT_MASK) != 0;
  self->box_from = self->box_to = x;
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_drag_update (AtlasChartView *self,
                double          dx,
                double          dy,
                GtkGestureDrag *gesture)
{
  cairo_rectangle_t plot;
  double shift;

  if (!self->chart || !atlas_chart_get_plot_area (get_layout (self), &plot) || plot.width <= 0)
    return;
  if (self->box_zoom)
    {
      self->box_to = self->box_from + dx;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  /* From where the drag began, so rounding never accumulates. */
  shift = -dx / plot.width * (self->drag_max - self->drag_min);
  set_x_view (self, self->drag_min + shift, self->drag_max + shift);
}

static void
on_drag_end (AtlasChartView *self,
             double          dx,
             double          dy,
             GtkGestureDrag *gesture)
{
  if (!self->box_zoom)
    return;
  self->box_zoom = FALSE;
  if (!atlas_chart_view_zoom_to_span (self, self->box_from, self->box_from + dx))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_pinch_begin (AtlasChartView   *self,
                GdkEventSequence *sequence,
                GtkGesture       *gesture)
{
  if (!self->chart || !atlas_chart_get_x_view (get_layout (self), &self->pinch_min, &self->pinch_max))
    gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_DENIED);
}

/* A touchpad or touchscreen pinch zooms about the fingers' centre, from
 * the view the pinch began with. */
static void
on_pinch_scale_changed (AtlasChartView *self,
                        double          scale,
                        GtkGestureZoom *gesture)
{
  cairo_rectangle_t plot;
  double cx, cy, at, span;

  if (!self->chart || scale <= 0 || !atlas_chart_get_plot_area (get_layout (self), &plot) || plot.width <= 0
      || !gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &cx, &cy))
    return;
  cx = CLAMP (cx, plot.x, plot.x + plot.width);
  at = self->pinch_min + (cx - plot.x) / plot.width * (self->pinch_max - self->pinch_min);
  span = (self->pinch_max - self->pinch_min) / scale;
  set_x_view (self, at - (cx - plot.x) / plot.width * span, at - (cx - plot.x) / plot.width * span + span);
}

/* Switches series (counted from 0) on or off, as its legend entry does;
 * FALSE where the chart has no such series to switch. */
gboolean
atlas_chart_view_toggle_series (AtlasChartView *self,
                                guint           series)
{
  g_return_val_if_fail (ATLAS_IS_CHART_VIEW (self), FALSE);

  /* One series, or a donut's slices, have no legend entries to switch. */
  if (!self->chart || series >= atlas_chart_get_n_series (self->chart) || atlas_chart_get_n_series (self->chart) < 2
      || atlas_chart_get_spec (self->chart)->type == ATLAS_CHART_DONUT)
    return FALSE;
  atlas_chart_set_series_visible (self->chart, series, !atlas_chart_get_series_visible (self->chart, series));
  self->has_pick = FALSE;
  queue_description_update (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static void
on_pressed (AtlasChartView  *self,
            int              n_press,
            double           x,
            double           y,
            GtkGestureClick *gesture)
{
  guint series;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (n_press == 1 && self->chart && atlas_chart_pick_legend (get_layout (self), x, y, &series))
    atlas_chart_view_toggle_series (self, series);
  else if (n_press == 2)
    atlas_chart_view_reset_view (self);
}

static void
toggle_series_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  atlas_chart_view_toggle_series (ATLAS_CHART_VIEW (widget), (guint) g_variant_get_int32 (parameter));
}

/* Ctrl+C: the chart as shown, zoom included, at twice its size on
 * screen for sharp text, to paste as an image into a document or a mail. */
gboolean
atlas_chart_view_copy (AtlasChartView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self)), height = gtk_widget_get_height (GTK_WIDGET (self));
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GdkTexture) texture = NULL;

  g_return_val_if_fail (ATLAS_IS_CHART_VIEW (self), FALSE);

  if (!self->chart || width < 16 || height < 16)
    return FALSE;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * 2, height * 2);
  cr = cairo_create (surface);
  cairo_scale (cr, 2, 2);
  atlas_chart_layout_unref (atlas_chart_render (self->chart, cr, width, height));
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * (gsize) (height * 2));
  texture = gdk_memory_texture_new (width * 2, height * 2, GDK_MEMORY_DEFAULT, bytes,
                                    (gsize) cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
  return TRUE;
}

static void
copy_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  atlas_chart_view_copy (ATLAS_CHART_VIEW (widget));
}

static void
zoom_in_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  atlas_chart_view_zoom (ATLAS_CHART_VIEW (widget), ZOOM_STEP, gtk_widget_get_width (widget) / 2.0);
}

static void
zoom_out_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  atlas_chart_view_zoom (ATLAS_CHART_VIEW (widget), 1 / ZOOM_STEP, gtk_widget_get_width (widget) / 2.0);
}

static void
reset_view_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  atlas_chart_view_reset_view (ATLAS_CHART_VIEW (widget));
}

static void
atlas_chart_view_dispose (GObject *object)
{
  AtlasChartView *self = ATLAS_CHART_VIEW (object);

  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_handle_id (&self->description_source, g_source_remove);
  g_clear_pointer (&self->history, atlas_view_history_free);
  g_clear_pointer (&self->layout, atlas_chart_layout_unref);
  g_clear_pointer (&self->chart, atlas_chart_unref);
  g_clear_pointer (&self->sources, g_hash_table_unref);
  G_OBJECT_CLASS (atlas_chart_view_parent_class)->dispose (object);
}

static void
atlas_chart_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AtlasChartView *self = ATLAS_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_chart_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AtlasChartView *self = ATLAS_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      atlas_chart_view_set_document (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Tall enough, at a width, to name every bar: where the window is
 * shorter, the chart grows and the page scrolls rather than leave names
 * out. */
static GtkSizeRequestMode
atlas_chart_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
atlas_chart_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  AtlasChartView *self = ATLAS_CHART_VIEW (widget);

  *minimum = *natural = 0;
  if (orientation != GTK_ORIENTATION_VERTICAL || !self->chart || for_size <= 0)
    return;
  if (self->names_width != for_size)
    {
      self->names_width = for_size;
      self->names_height = (int) ceil (atlas_chart_get_height_for_names (self->chart, for_size, MIN_HEIGHT));
    }
  *minimum = *natural = self->names_height > MIN_HEIGHT ? self->names_height : 0;
}

static void
atlas_chart_view_class_init (AtlasChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_chart_view_dispose;
  object_class->get_property = atlas_chart_view_get_property;
  object_class->set_property = atlas_chart_view_set_property;
  widget_class->snapshot = atlas_chart_view_snapshot;
  widget_class->state_flags_changed = atlas_chart_view_state_flags_changed;
  widget_class->get_request_mode = atlas_chart_view_get_request_mode;
  widget_class->measure = atlas_chart_view_measure;

  properties[PROP_DOCUMENT] = g_param_spec_object ("document", NULL, NULL, ATLAS_TYPE_DOCUMENT,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                     | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "chart");

  gtk_widget_class_install_action (widget_class, "chart.copy", NULL, copy_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "chart.copy", NULL);
  gtk_widget_class_install_action (widget_class, "chart.zoom-in", NULL, zoom_in_activated);
  gtk_widget_class_install_action (widget_class, "chart.zoom-out", NULL, zoom_out_activated);
  gtk_widget_class_install_action (widget_class, "chart.reset-view", NULL, reset_view_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "chart.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "chart.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "chart.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "chart.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "chart.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "chart.reset-view", NULL);
  gtk_widget_class_install_action (widget_class, "chart.back", NULL, go_back_activated);
  gtk_widget_class_install_action (widget_class, "chart.forward", NULL, go_back_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "chart.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "chart.forward", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "chart.back", NULL);
  gtk_widget_class_install_action (widget_class, "chart.move-point", "(ii)", move_point_activated);
  /* Keys 1 to 9 switch the legend's series, as clicking their entries does. */
  gtk_widget_class_install_action (widget_class, "chart.toggle-series", "i", toggle_series_activated);
  for (guint key = 0; key < 9; key++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + key, 0, "chart.toggle-series", "i", (int) key);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "chart.move-point", "(ii)", -1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "chart.move-point", "(ii)", 1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "chart.move-point", "(ii)", 0, -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "chart.move-point", "(ii)", 0, 1);
}

static void
atlas_chart_view_init (AtlasChartView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL
                                                                | GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *pinch = gtk_gesture_zoom_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->home_min = self->home_max = self->full_min = self->full_max = NAN;
  self->pointer_x = self->pointer_y = NAN;
  self->history = atlas_view_history_new ();
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);

  g_signal_connect_swapped (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect_swapped (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  g_signal_connect_swapped (pinch, "begin", G_CALLBACK (on_pinch_begin), self);
  g_signal_connect_swapped (pinch, "scale-changed", G_CALLBACK (on_pinch_scale_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (pinch));
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Chart"), -1);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (on_dark_changed), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
atlas_chart_view_new (void)
{
  return g_object_new (ATLAS_TYPE_CHART_VIEW, NULL);
}

/* Takes ownership of chart (NULL for none). */
void
atlas_chart_view_set_chart (AtlasChartView *self,
                            AtlasChart     *chart)
{
  g_return_if_fail (ATLAS_IS_CHART_VIEW (self));

  if (self->chart == chart)
    return;
  g_clear_pointer (&self->layout, atlas_chart_layout_unref);
  g_clear_pointer (&self->chart, atlas_chart_unref);
  self->chart = chart;
  self->has_pick = FALSE;
  self->home_min = chart ? atlas_chart_get_spec (chart)->view_x_min : NAN;
  self->home_max = chart ? atlas_chart_get_spec (chart)->view_x_max : NAN;
  self->full_min = self->full_max = NAN;
  self->names_width = 0;
  atlas_view_history_clear (self->history);
  queue_description_update (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
show_document_chart (AtlasChartView *self)
{
  AtlasChart *chart = self->document ? atlas_document_get_chart (self->document) : NULL;

  atlas_chart_view_set_chart (self, chart ? atlas_chart_ref (chart) : NULL);
}

/* Shows document's chart, and each chart it shows after (NULL: none). */
void
atlas_chart_view_set_document (AtlasChartView *self,
                               AtlasDocument  *document)
{
  g_return_if_fail (ATLAS_IS_CHART_VIEW (self));
  g_return_if_fail (document == NULL || ATLAS_IS_DOCUMENT (document));

  if (self->document == document)
    return;
  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document)
    g_signal_connect_object (document, "chart-changed", G_CALLBACK (show_document_chart), self, G_CONNECT_SWAPPED);
  show_document_chart (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

/* Where the chart shown is placed on screen, as the last frame drew it:
 * for hover, zoom and the keys. NULL without a chart. */
const AtlasChartLayout *
atlas_chart_view_get_layout (AtlasChartView *self)
{
  g_return_val_if_fail (ATLAS_IS_CHART_VIEW (self), NULL);
  return get_layout (self);
}

AtlasChart *
atlas_chart_view_get_chart (AtlasChartView *self)
{
  g_return_val_if_fail (ATLAS_IS_CHART_VIEW (self), NULL);
  return self->chart;
}

/* The sources rows cite, to name them in tooltips; NULL for none. */
void
atlas_chart_view_set_sources (AtlasChartView *self,
                              GHashTable     *sources)
{
  g_return_if_fail (ATLAS_IS_CHART_VIEW (self));

  if (sources)
    g_hash_table_ref (sources);
  g_clear_pointer (&self->sources, g_hash_table_unref);
  self->sources = sources;
}
