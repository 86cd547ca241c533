/* atlas-chart-view.c: draws the chart with atlas_chart_render(), the same call exports use, and lets people hover, zoom and pan it. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-chart-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "atlas-cell-parse.h"
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

  /* Notes by pointing: the chart changes through the window's "options"
   * actions, which keep each change to undo. */
  int selected_note;         /* the note selected, by its index among the spec's; -1 for none */
  double menu_x, menu_y;     /* where the context menu was asked for */
  double span_from, span_to; /* a span marked with Shift-drag, along x in the data's units; NAN for none */
  GtkWidget *menu;           /* the context menu: a GtkPopoverMenu */
  GtkWidget *editor;         /* the popover that edits text in place */
  GPtrArray *editor_entries; /* its GtkEntry widgets, each with the field it edits as "field" */
  int editing;               /* what the editor's text becomes: an EditKind */
  AtlasChartPick editing_pick; /* a new callout's point */
  double editing_y;          /* a new reference line's value */
  int names_width;  /* the width names_height was measured at; 0: not yet */
  int names_height; /* the height at which every bar is named */
};

G_DEFINE_FINAL_TYPE (AtlasChartView, atlas_chart_view, GTK_TYPE_WIDGET)

/* How far, in pixels, a click for a note may be from the point it notes. */
#define NOTE_PICK_RADIUS 48.0

/* What text edited in place becomes. */
typedef enum
{
  EDIT_NONE,
  EDIT_TEXT,        /* the title, subtitle, source or notes: each entry's field */
  EDIT_NEW_CALLOUT, /* a note on editing_pick */
  EDIT_NEW_LINE,    /* a line at editing_y */
  EDIT_NEW_SPAN,    /* a shaded span from span_from to span_to */
  EDIT_NOTE,        /* the selected note's text */
} EditKind;

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

/* The note selected, outlined in the accent colour. */
static void
draw_selected_note (AtlasChartView *self,
                    cairo_t        *cr)
{
  cairo_rectangle_t area;
  GdkRGBA accent = { 0.21, 0.52, 0.89, 1 };

  if (self->selected_note >= 0 && atlas_chart_get_note_area (get_layout (self), (guint) self->selected_note, &area))
    {
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self)), "accent_color", &accent);
      G_GNUC_END_IGNORE_DEPRECATIONS
      cairo_new_path (cr);
      cairo_rectangle (cr, area.x - 2.5, area.y - 2.5, area.width + 5, area.height + 5);
      cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.9);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }
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
  draw_selected_note (self, cr);
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

static gboolean step_selected_note (AtlasChartView *self,
                                    int             step);

static void
move_point_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  int step, series_step;

  g_variant_get (parameter, "(ii)", &step, &series_step);
  /* With a note selected, the arrows move it: along x, or a line up and
   * down its axis. */
  if (atlas_chart_view_get_selected_note (ATLAS_CHART_VIEW (widget)) >= 0)
    {
      step_selected_note (ATLAS_CHART_VIEW (widget), step != 0 ? step : -series_step);
      return;
    }
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
  /* Not while text is edited in place: a double-click opened the editor,
   * and its entry keeps the keyboard. */
  if (!self->editor || !gtk_widget_get_visible (self->editor))
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
  cairo_rectangle_t plot;

  if (!self->box_zoom)
    return;
  self->box_to = self->box_from + dx;
  /* A span marked: its menu asks whether to shade it or zoom to it. */
  if (fabs (dx) < 8 || !atlas_chart_get_plot_area (get_layout (self), &plot))
    {
      self->box_zoom = FALSE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  {
    double start_x, start_y;
    gtk_gesture_drag_get_start_point (gesture, &start_x, &start_y);
    atlas_chart_view_popup_menu (self, self->box_to, CLAMP (start_y + dy, plot.y, plot.y + plot.height));
  }
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
  guint series, note;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (!self->chart)
    return;
  if (n_press == 1 && atlas_chart_pick_legend (get_layout (self), x, y, &series))
    atlas_chart_view_toggle_series (self, series);
  else if (n_press == 1)
    /* A click on a note selects it; anywhere else lets it go. */
    atlas_chart_view_select_note (self, atlas_chart_pick_note (get_layout (self), x, y, &note) ? (int) note : -1);
  else if (n_press == 2 && !atlas_chart_view_edit_text_at (self, x, y) && !atlas_chart_view_edit_note (self))
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

/* Notes and text by pointing */

static const AtlasAnnotation *
get_note (AtlasChartView *self,
          int             index)
{
  const GArray *notes = self->chart ? atlas_chart_get_spec (self->chart)->annotations : NULL;

  return notes && index >= 0 && (guint) index < notes->len ? &g_array_index (notes, AtlasAnnotation, index) : NULL;
}

/* The actions that act on the selected note are there while one is. */
static void
update_note_actions (AtlasChartView *self)
{
  gboolean selected = get_note (self, self->selected_note) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.edit-note", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.delete-note", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.move-note-here", selected);
  /* Escape lets the note go; with none selected, it is the window's. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.unselect-note", selected);
}

/* Selects the note at index (-1: none), outlined; the arrow keys then
 * move it, Delete deletes it, F2 edits what it says. FALSE for an index
 * the chart has no note at. */
gboolean
atlas_chart_view_select_note (AtlasChartView *self,
                              int             index)
{
  g_return_val_if_fail (ATLAS_IS_CHART_VIEW (self), FALSE);

  if (index >= 0 && !get_note (self, index))
    return FALSE;
  self->selected_note = index;
  update_note_actions (self);
  queue_description_update (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

int
atlas_chart_view_get_selected_note (AtlasChartView *self)
{
  g_return_val_if_fail (ATLAS_IS_CHART_VIEW (self), -1);
  return get_note (self, self->selected_note) ? self->selected_note : -1;
}

static void
activate_option (AtlasChartView *self,
                 const char     *name,
                 GVariant       *parameter)
{
  gtk_widget_activate_action_variant (GTK_WIDGET (self), name, parameter);
}

static void
add_note (AtlasChartView     *self,
          AtlasAnnotationKind kind,
          guint               series,
          double              x,
          double              x_end,
          double              y,
          const char         *text)
{
  guint n_before = get_note (self, 0) ? atlas_chart_get_spec (self->chart)->annotations->len : 0;

  activate_option (self, "options.add-note", g_variant_new ("(uuddds)", (guint) kind, series, x, x_end, y, text));
  /* The note added is the chart's last, and selected. */
  if (self->chart && atlas_chart_get_spec (self->chart)->annotations
      && atlas_chart_get_spec (self->chart)->annotations->len > n_before)
    atlas_chart_view_select_note (self, (int) atlas_chart_get_spec (self->chart)->annotations->len - 1);
}

/* The editor's text, as what it edits becomes. */
static void
apply_editor (AtlasChartView *self)
{
  const AtlasChartSpec *spec = self->chart ? atlas_chart_get_spec (self->chart) : NULL;
  GtkEntry *first = self->editor_entries->len > 0 ? g_ptr_array_index (self->editor_entries, 0) : NULL;
  const char *text = first ? gtk_editable_get_text (GTK_EDITABLE (first)) : "";
  int editing = self->editing;

  self->editing = EDIT_NONE;
  if (!spec)
    return;
  switch (editing)
    {
    case EDIT_TEXT:
      for (guint i = 0; i < self->editor_entries->len; i++)
        {
          GtkEntry *entry = g_ptr_array_index (self->editor_entries, i);
          activate_option (self, "options.text",
                           g_variant_new ("(ss)", (const char *) g_object_get_data (G_OBJECT (entry), "field"),
                                          gtk_editable_get_text (GTK_EDITABLE (entry))));
        }
      break;
    case EDIT_NEW_CALLOUT:
      add_note (self, ATLAS_ANNOTATION_CALLOUT, self->editing_pick.series, self->editing_pick.x, self->editing_pick.x,
                NAN, text);
      break;
    case EDIT_NEW_LINE:
      add_note (self, ATLAS_ANNOTATION_REFERENCE_LINE, 0, NAN, NAN, self->editing_y, text);
      break;
    case EDIT_NEW_SPAN:
      add_note (self, ATLAS_ANNOTATION_RANGE, 0, MIN (self->span_from, self->span_to),
                MAX (self->span_from, self->span_to), NAN, text);
      break;
    case EDIT_NOTE:
      activate_option (self, "options.note-text", g_variant_new ("(us)", (guint) self->selected_note, text));
      break;
    default:
      break;
    }
}

static void
on_editor_activate (GtkEntry *entry,
                    gpointer  data)
{
  AtlasChartView *self = ATLAS_CHART_VIEW (data);

  apply_editor (self);
  gtk_popover_popdown (GTK_POPOVER (self->editor));
}

static void
on_editor_closed (AtlasChartView *self)
{
  self->editing = EDIT_NONE;
  self->span_from = self->span_to = NAN;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Opens the editor pointing at area, with an entry for each of the
 * fields (label, field name, text), the first focused. */
static void
open_editor (AtlasChartView          *self,
             const cairo_rectangle_t *area,
             EditKind                 kind,
             const char *const       *labels,
             const char *const       *fields,
             const char *const       *texts,
             guint                    n_fields)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  if (!self->editor)
    {
      self->editor = gtk_popover_new ();
      gtk_widget_set_parent (self->editor, GTK_WIDGET (self));
      g_signal_connect_swapped (self->editor, "closed", G_CALLBACK (on_editor_closed), self);
    }
  g_ptr_array_set_size (self->editor_entries, 0);
  for (guint i = 0; i < n_fields; i++)
    {
      GtkWidget *label = gtk_label_new (labels[i]);
      GtkWidget *entry = gtk_entry_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
      gtk_editable_set_text (GTK_EDITABLE (entry), texts[i] ? texts[i] : "");
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 36);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, labels[i], -1);
      g_object_set_data_full (G_OBJECT (entry), "field", g_strdup (fields[i]), g_free);
      g_signal_connect (entry, "activate", G_CALLBACK (on_editor_activate), self);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), entry);
      g_ptr_array_add (self->editor_entries, entry);
    }
  gtk_popover_set_child (GTK_POPOVER (self->editor), box);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->editor),
                               &(GdkRectangle) { (int) area->x, (int) area->y, MAX ((int) area->width, 1),
                                                 MAX ((int) area->height, 1) });
  self->editing = kind;
  gtk_popover_popup (GTK_POPOVER (self->editor));
  if (n_fields > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->editor_entries, 0));
}

/* The editor of what a person double-clicked: the title, the subtitle,
 * or the source line and notes under the chart; TRUE when (x, y) is on
 * one of them. */
gboolean
atlas_chart_view_edit_text_at (AtlasChartView *self,
                               double          x,
                               double          y)
{
  const AtlasChartSpec *spec;
  GArray *boxes;

  g_return_val_if_fail (ATLAS_IS_CHART_VIEW (self), FALSE);

  if (!self->chart)
    return FALSE;
  spec = atlas_chart_get_spec (self->chart);
  boxes = atlas_chart_get_text_boxes (get_layout (self));
  for (guint i = 0; i < boxes->len; i++)
    {
      const AtlasTextBox *box = &g_array_index (boxes, AtlasTextBox, i);
      const char *labels[2], *fields[2], *texts[2];
      guint n = 0;

      if (x < box->box.x || x > box->box.x + box->box.width || y < box->box.y || y > box->box.y + box->box.height)
        continue;
      if (spec->title && g_str_equal (box->text, spec->title))
        {
          labels[n] = _("Title"), fields[n] = "title", texts[n++] = spec->title;
        }
      else if (spec->subtitle && g_str_equal (box->text, spec->subtitle))
        {
          labels[n] = _("Subtitle"), fields[n] = "subtitle", texts[n++] = spec->subtitle;
        }
      else if ((spec->source && strstr (box->text, spec->source)) || (spec->notes && strstr (box->text, spec->notes)))
        {
          labels[n] = _("Source"), fields[n] = "source", texts[n++] = spec->source;
          labels[n] = _("Notes"), fields[n] = "notes", texts[n++] = spec->notes;
        }
      if (n == 0)
        continue;
      open_editor (self, &box->box, EDIT_TEXT, labels, fields, texts, n);
      return TRUE;
    }
  return FALSE;
}

/* The point a new note would mark at (x, y), or the keyboard's. */
static gboolean
point_for_note (AtlasChartView *self,
                double          x,
                double          y,
                AtlasChartPick *out_pick)
{
  double px, py;

  if (!self->chart)
    return FALSE;
  /* A point a little way off is the one meant: notes are not aimed as
   * finely as a tooltip is. */
  if (!isnan (x) && atlas_chart_pick_within (get_layout (self), x, y, NOTE_PICK_RADIUS, out_pick))
    return TRUE;
  if (isnan (x) && self->has_pick
      && atlas_chart_point_position (get_layout (self), self->pick.series, self->pick.row, &px, &py)
      && atlas_chart_pick (get_layout (self), px, py, out_pick))
    return TRUE;
  return FALSE;
}

/* Asks what a new note on the point at (x, y) says (NAN: the keyboard's
 * point); FALSE where there is no point. */
gboolean
atlas_chart_view_add_note_at (AtlasChartView *self,
                              double          x,
                              double          y)
{
  AtlasChartPick pick;
  double px, py;
  const char *label = _("Note");
  const char *field = "note";
  const char *text = "";

  g_return_val_if_fail (ATLAS_IS_CHART_VIEW (self), FALSE);

  if (!point_for_note (self, x, y, &pick)
      || !atlas_chart_point_position (get_layout (self), pick.series, pick.row, &px, &py))
    return FALSE;
  self->editing_pick = pick;
  open_editor (self, &(cairo_rectangle_t) { px - 4, py - 4, 8, 8 }, EDIT_NEW_CALLOUT, &label, &field, &text, 1);
  return TRUE;
}

/* Asks what a new line across the chart at the value at (x, y) says. */
gboolean
atlas_chart_view_add_line_at (AtlasChartView *self,
                              double          x,
                              double          y)
{
  double data_x, value;
  g_autofree char *typed = NULL;
  const char *label = _("Line");
  const char *field = "line";
  const char *text;

  g_return_val_if_fail (ATLAS_IS_CHART_VIEW (self), FALSE);

  if (!self->chart || !atlas_chart_unmap_point (get_layout (self), x, y, &data_x, &value))
    return FALSE;
  /* At a value a person would name: two significant digits of the axis. */
  {
    double min, max, step;
    atlas_chart_get_y_view (get_layout (self), &min, &max);
    step = pow (10, floor (log10 (MAX (max - min, 1e-12))) - 1);
    value = round (value / step) * step;
  }
  typed = atlas_cell_format_number (value);
  text = typed;
  self->editing_y = value;
  open_editor (self, &(cairo_rectangle_t) { x - 4, y - 4, 8, 8 }, EDIT_NEW_LINE, &label, &field, &text, 1);
  return TRUE;
}

/* Asks what a shaded span from widget x from to to says. */
gboolean
atlas_chart_view_shade_span (AtlasChartView *self,
                             double          from,
                             double          to)
{
  cairo_rectangle_t plot;
  double y, x_from, x_to;
  const char *label = _("Span");
  const char *field = "span";
  const char *text = "";

  g_return_val_if_fail (ATLAS_IS_CHART_VIEW (self), FALSE);

  if (!self->chart || !atlas_chart_get_plot_area (get_layout (self), &plot)
      || !atlas_chart_unmap_point (get_layout (self), CLAMP (from, plot.x, plot.x + plot.width), plot.y + 1, &x_from,
                                   &y)
      || !atlas_chart_unmap_point (get_layout (self), CLAMP (to, plot.x, plot.x + plot.width), plot.y + 1, &x_to, &y))
    return FALSE;
  self->span_from = x_from;
  self->span_to = x_to;
  open_editor (self, &(cairo_rectangle_t) { MIN (from, to), plot.y, fabs (to - from), 8 }, EDIT_NEW_SPAN, &label,
               &field, &text, 1);
  return TRUE;
}

/* Asks what the selected note says instead. */
gboolean
atlas_chart_view_edit_note (AtlasChartView *self)
{
  const AtlasAnnotation *note;
  cairo_rectangle_t area;
  const char *label = _("Note");
  const char *field = "note";

  g_return_val_if_fail (ATLAS_IS_CHART_VIEW (self), FALSE);

  note = get_note (self, self->selected_note);
  if (!note)
    return FALSE;
  if (!atlas_chart_get_note_area (get_layout (self), (guint) self->selected_note, &area))
    area = (cairo_rectangle_t) { gtk_widget_get_width (GTK_WIDGET (self)) / 2.0, 0, 1, 1 };
  open_editor (self, &area, EDIT_NOTE, &label, &field, (const char *const *) &note->text, 1);
  return TRUE;
}

/* Moves the selected note step places: a callout along its series, a
 * span by as many rows, a line by a twentieth of the axis. */
static gboolean
step_selected_note (AtlasChartView *self,
                    int             step)
{
  const AtlasAnnotation *note = get_note (self, self->selected_note);
  double x, x_end, y;

  if (!note || !atlas_chart_step_note (get_layout (self), (guint) self->selected_note, step, &x, &x_end, &y))
    return FALSE;
  activate_option (self, "options.move-note",
                   g_variant_new ("(uuddd)", (guint) self->selected_note, note->series, x, x_end, y));
  return TRUE;
}

/* Moves the selected note to the point or value at (x, y). */
gboolean
atlas_chart_view_move_note_to (AtlasChartView *self,
                               double          x,
                               double          y)
{
  const AtlasAnnotation *note;
  AtlasChartPick pick;
  double data_x, value;

  g_return_val_if_fail (ATLAS_IS_CHART_VIEW (self), FALSE);

  note = get_note (self, self->selected_note);
  if (!note)
    return FALSE;
  if (note->kind == ATLAS_ANNOTATION_CALLOUT)
    {
      if (!point_for_note (self, x, y, &pick))
        return FALSE;
      activate_option (self, "options.move-note",
                       g_variant_new ("(uuddd)", (guint) self->selected_note, pick.series, pick.x, pick.x, (double) NAN));
      return TRUE;
    }
  if (!atlas_chart_unmap_point (get_layout (self), x, y, &data_x, &value))
    return FALSE;
  if (note->kind == ATLAS_ANNOTATION_REFERENCE_LINE)
    activate_option (self, "options.move-note",
                     g_variant_new ("(uuddd)", (guint) self->selected_note, 0u, (double) NAN, (double) NAN, value));
  else
    activate_option (self, "options.move-note",
                     g_variant_new ("(uuddd)", (guint) self->selected_note, 0u, data_x,
                                    data_x + (note->x_end - note->x), (double) NAN));
  return TRUE;
}

static void
on_menu_closed (AtlasChartView *self)
{
  /* The span stays marked while its menu asks what it is for. */
  if (self->box_zoom && self->editing != EDIT_NEW_SPAN)
    {
      self->box_zoom = FALSE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/* The context menu at (x, y): the note there, a note on the point there,
 * a line at its value, the span marked, and the chart's own actions. */
GtkWidget *
atlas_chart_view_popup_menu (AtlasChartView *self,
                             double          x,
                             double          y)
{
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GMenu) notes = g_menu_new ();
  g_autoptr (GMenu) adding = g_menu_new ();
  g_autoptr (GMenu) span = g_menu_new ();
  g_autoptr (GMenu) chart = g_menu_new ();
  AtlasChartPick pick;
  double data_x, value;
  guint note;

  g_return_val_if_fail (ATLAS_IS_CHART_VIEW (self), NULL);

  if (!self->chart)
    return NULL;
  self->menu_x = x;
  self->menu_y = y;
  if (self->box_zoom)
    {
      g_menu_append (span, _("Shade This Span…"), "chart.shade-span");
      g_menu_append (span, _("Zoom to This Span"), "chart.zoom-span");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (span));
    }
  else
    {
      if (atlas_chart_pick_note (get_layout (self), x, y, &note))
        atlas_chart_view_select_note (self, (int) note);
      if (get_note (self, self->selected_note))
        {
          g_menu_append (notes, _("Edit Note…"), "chart.edit-note");
          g_menu_append (notes, _("Move Note Here"), "chart.move-note-here");
          g_menu_append (notes, _("Delete Note"), "chart.delete-note");
          g_menu_append_section (menu, NULL, G_MENU_MODEL (notes));
        }
      if (point_for_note (self, x, y, &pick))
        g_menu_append (adding, _("Add Note Here…"), "chart.note-here");
      if (atlas_chart_unmap_point (get_layout (self), x, y, &data_x, &value)
          && atlas_chart_get_y_view (get_layout (self), &data_x, &value))
        g_menu_append (adding, _("Add Line at This Value…"), "chart.line-here");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (adding));
    }
  g_menu_append (chart, _("Copy Chart"), "chart.copy");
  g_menu_append (chart, _("Reset View"), "chart.reset-view");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (chart));

  if (!self->menu)
    {
      self->menu = gtk_popover_menu_new_from_model (NULL);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
      g_signal_connect_swapped (self->menu, "closed", G_CALLBACK (on_menu_closed), self);
    }
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), G_MENU_MODEL (menu));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
  return self->menu;
}

static void
note_here_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AtlasChartView *self = ATLAS_CHART_VIEW (widget);

  atlas_chart_view_add_note_at (self, self->menu_x, self->menu_y);
}

static void
line_here_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AtlasChartView *self = ATLAS_CHART_VIEW (widget);

  atlas_chart_view_add_line_at (self, self->menu_x, self->menu_y);
}

static void
shade_span_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AtlasChartView *self = ATLAS_CHART_VIEW (widget);

  atlas_chart_view_shade_span (self, self->box_from, self->box_to);
  self->box_zoom = FALSE;
}

static void
zoom_span_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AtlasChartView *self = ATLAS_CHART_VIEW (widget);

  self->box_zoom = FALSE;
  if (!atlas_chart_view_zoom_to_span (self, self->box_from, self->box_to))
    gtk_widget_queue_draw (widget);
}

static void
edit_note_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  atlas_chart_view_edit_note (ATLAS_CHART_VIEW (widget));
}

static void
delete_note_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AtlasChartView *self = ATLAS_CHART_VIEW (widget);
  int index = atlas_chart_view_get_selected_note (self);

  if (index < 0)
    return;
  activate_option (self, "options.delete-note", g_variant_new_uint32 ((guint) index));
  atlas_chart_view_select_note (self, -1);
}

static void
move_note_here_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  AtlasChartView *self = ATLAS_CHART_VIEW (widget);

  atlas_chart_view_move_note_to (self, self->menu_x, self->menu_y);
}

/* N: a note on the keyboard's point (the first, before one is marked). */
static void
note_at_point_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  AtlasChartView *self = ATLAS_CHART_VIEW (widget);

  if (!self->has_pick)
    atlas_chart_view_move_point (self, 1, 0);
  atlas_chart_view_add_note_at (self, NAN, NAN);
}

static void
unselect_note_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  atlas_chart_view_select_note (ATLAS_CHART_VIEW (widget), -1);
}

/* ] and [: the next or previous note selected. */
static void
select_note_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AtlasChartView *self = ATLAS_CHART_VIEW (widget);
  int step = g_variant_get_int32 (parameter);
  const GArray *notes = self->chart ? atlas_chart_get_spec (self->chart)->annotations : NULL;
  int n = notes ? (int) notes->len : 0;

  if (step == 0 || n == 0)
    {
      atlas_chart_view_select_note (self, -1);
      return;
    }
  atlas_chart_view_select_note (self, self->selected_note < 0 ? (step > 0 ? 0 : n - 1)
                                                              : ((self->selected_note + step) % n + n) % n);
}

/* Shift+F10 or the Menu key: the context menu at the keyboard's point,
 * or at the chart's middle. */
static void
context_menu_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AtlasChartView *self = ATLAS_CHART_VIEW (widget);
  double px = gtk_widget_get_width (widget) / 2.0, py = gtk_widget_get_height (widget) / 2.0;

  if (self->has_pick)
    atlas_chart_point_position (get_layout (self), self->pick.series, self->pick.row, &px, &py);
  atlas_chart_view_popup_menu (self, px, py);
}

static void
on_secondary_pressed (AtlasChartView  *self,
                      int              n_press,
                      double           x,
                      double           y,
                      GtkGestureClick *gesture)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  atlas_chart_view_popup_menu (self, x, y);
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
  g_clear_pointer (&self->menu, gtk_widget_unparent);
  g_clear_pointer (&self->editor, gtk_widget_unparent);
  g_clear_pointer (&self->editor_entries, g_ptr_array_unref);
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

  gtk_widget_class_install_action (widget_class, "chart.note-here", NULL, note_here_activated);
  gtk_widget_class_install_action (widget_class, "chart.line-here", NULL, line_here_activated);
  gtk_widget_class_install_action (widget_class, "chart.shade-span", NULL, shade_span_activated);
  gtk_widget_class_install_action (widget_class, "chart.zoom-span", NULL, zoom_span_activated);
  gtk_widget_class_install_action (widget_class, "chart.edit-note", NULL, edit_note_activated);
  gtk_widget_class_install_action (widget_class, "chart.delete-note", NULL, delete_note_activated);
  gtk_widget_class_install_action (widget_class, "chart.move-note-here", NULL, move_note_here_activated);
  gtk_widget_class_install_action (widget_class, "chart.note-at-point", NULL, note_at_point_activated);
  gtk_widget_class_install_action (widget_class, "chart.select-note", "i", select_note_activated);
  gtk_widget_class_install_action (widget_class, "chart.context-menu", NULL, context_menu_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, 0, "chart.note-at-point", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "chart.delete-note", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "chart.edit-note", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "chart.edit-note", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketright, 0, "chart.select-note", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketleft, 0, "chart.select-note", "i", -1);
  gtk_widget_class_install_action (widget_class, "chart.unselect-note", NULL, unselect_note_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "chart.unselect-note", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "chart.context-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "chart.context-menu", NULL);
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
  GtkGesture *secondary = gtk_gesture_click_new ();

  self->selected_note = -1;
  self->span_from = self->span_to = NAN;
  self->editor_entries = g_ptr_array_new ();
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
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (secondary), GDK_BUTTON_SECONDARY);
  g_signal_connect_swapped (secondary, "pressed", G_CALLBACK (on_secondary_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (secondary));
  update_note_actions (self);

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
  /* A note stays selected through edits of its chart; another table is
   * another chart. */
  if (!chart || !self->chart || atlas_chart_get_table (chart) != atlas_chart_get_table (self->chart))
    self->selected_note = -1;
  g_clear_pointer (&self->layout, atlas_chart_layout_unref);
  g_clear_pointer (&self->chart, atlas_chart_unref);
  self->chart = chart;
  self->has_pick = FALSE;
  if (!get_note (self, self->selected_note))
    self->selected_note = -1;
  update_note_actions (self);
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
