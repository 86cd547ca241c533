/* atlas-chart-view.c: draws the chart with atlas_chart_render(), the same call exports use, in the system's style. */
#include "atlas-chart-view.h"

#include <adwaita.h>

struct _AtlasChartView
{
  GtkWidget parent_instance;

  AtlasChart *chart; /* owned */
};

G_DEFINE_FINAL_TYPE (AtlasChartView, atlas_chart_view, GTK_TYPE_WIDGET)

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
  atlas_chart_render (self->chart, cr, width, height);
  cairo_destroy (cr);
}

static void
update_accessible_description (AtlasChartView *self)
{
  g_autofree char *summary = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  if (!self->chart)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }
  /* The summary reads the geometry of a layout: lay out once off screen. */
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  atlas_chart_render (self->chart, cr, 800, 500);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  summary = atlas_chart_summarize (self->chart);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary, -1);
}

static void
on_dark_changed (AtlasChartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
atlas_chart_view_dispose (GObject *object)
{
  AtlasChartView *self = ATLAS_CHART_VIEW (object);

  g_clear_pointer (&self->chart, atlas_chart_free);
  G_OBJECT_CLASS (atlas_chart_view_parent_class)->dispose (object);
}

static void
atlas_chart_view_class_init (AtlasChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atlas_chart_view_dispose;
  widget_class->snapshot = atlas_chart_view_snapshot;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "chart");
}

static void
atlas_chart_view_init (AtlasChartView *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, "Chart", -1);
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
  g_clear_pointer (&self->chart, atlas_chart_free);
  self->chart = chart;
  update_accessible_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

AtlasChart *
atlas_chart_view_get_chart (AtlasChartView *self)
{
  g_return_val_if_fail (ATLAS_IS_CHART_VIEW (self), NULL);
  return self->chart;
}
