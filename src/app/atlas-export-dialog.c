/* atlas-export-dialog.c: a preview of the file to be written, and the choices that shape it. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n.h>
#include <math.h>

#include "atlas-export-dialog.h"

#include "atlas-accessible.h"
#include "atlas-file-chooser.h"
#include "atlas-settings.h"

#include "atlas-chart-export.h"
#include "atlas-table.h"

struct _AtlasExportDialog
{
  AdwWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkDrawingArea *preview;
  AdwComboRow *format_row;
  GtkSpinButton *width_spin;
  GtkSpinButton *height_spin;
  AdwComboRow *scale_row;
  GtkSwitch *title_switch;
  GtkSwitch *source_switch;
  GtkSwitch *transparent_switch;
  GtkSwitch *dark_switch;

  AtlasTable *table;        /* the chart's, shared */
  AtlasChartSpec base_spec; /* the chart as shown, zoom and notes included */
  GArray *hidden_series;    /* guint: series switched off in the legend */
  AtlasChart *chart;        /* what the file will show: rebuilt as choices change */
  GSettings *settings;      /* NULL where the schema is not installed */

  char *format; /* "png", "svg" or "pdf" */
  double width;
  double height;
  int scale;
  gboolean transparent;
  gboolean dark;
  gboolean show_title;
  gboolean show_source;
};

G_DEFINE_FINAL_TYPE (AtlasExportDialog, atlas_export_dialog, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_FORMAT,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_SCALE,
  PROP_TRANSPARENT,
  PROP_DARK,
  PROP_SHOW_TITLE,
  PROP_SHOW_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The formats in the order the format row lists them. */
static const char *const format_names[] = { "png", "svg", "pdf" };

static const char *
format_label (const char *format)
{
  if (g_str_equal (format, "svg"))
    return _("SVG drawing");
  if (g_str_equal (format, "pdf"))
    return _("PDF document");
  return _("PNG image");
}

/* The chart the file will show: the one on screen, with the title and
 * the source line left out when they are switched off. */
static void
rebuild_chart (AtlasExportDialog *self)
{
  AtlasChartSpec spec;
  g_autoptr (GError) error = NULL;
  AtlasChart *chart;

  atlas_chart_spec_copy (&self->base_spec, &spec, TRUE);
  spec.hide_header = FALSE;
  if (!self->show_title)
    {
      g_clear_pointer (&spec.title, g_free);
      g_clear_pointer (&spec.subtitle, g_free);
    }
  if (!self->show_source)
    {
      g_clear_pointer (&spec.source, g_free);
      g_clear_pointer (&spec.notes, g_free);
    }
  spec.dark = self->dark;
  spec.transparent = self->transparent;
  chart = atlas_chart_new (self->table, &spec, &error);
  atlas_chart_spec_clear (&spec);
  /* The spec drew a chart once already: it cannot fail now but for a bug. */
  g_return_if_fail (chart != NULL);
  for (guint i = 0; i < self->hidden_series->len; i++)
    atlas_chart_set_series_visible (chart, g_array_index (self->hidden_series, guint, i), FALSE);
  g_clear_pointer (&self->chart, atlas_chart_unref);
  self->chart = chart;
  gtk_widget_queue_draw (GTK_WIDGET (self->preview));
}

/* A grey checkerboard where the background will be transparent, as image
 * editors show it. */
static void
draw_checkerboard (cairo_t *cr,
                   double   width,
                   double   height)
{
  const double square = 8;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cairo_set_source_rgb (cr, 0.86, 0.86, 0.86);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.70, 0.70, 0.70);
  for (int row = 0; row * square < height; row++)
    for (int column = row % 2; column * square < width; column += 2)
      cairo_rectangle (cr, column * square, row * square, square, square);
  cairo_fill (cr);
  cairo_restore (cr);
}

/* The file in small: the chart laid out at the export's size, then scaled
 * to fit, so what wraps or thins out in the file does so here too. */
static void
draw_preview (GtkDrawingArea *area,
              cairo_t        *cr,
              int             area_width,
              int             area_height,
              gpointer        data)
{
  AtlasExportDialog *self = data;
  double fit, shown_width, shown_height;

  if (!self->chart || self->width <= 0 || self->height <= 0)
    return;
  fit = MIN (area_width / self->width, area_height / self->height);
  shown_width = self->width * fit;
  shown_height = self->height * fit;
  cairo_translate (cr, floor ((area_width - shown_width) / 2), floor ((area_height - shown_height) / 2));
  if (self->transparent)
    draw_checkerboard (cr, shown_width, shown_height);
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, shown_width, shown_height);
  cairo_clip (cr);
  cairo_scale (cr, fit, fit);
  atlas_chart_layout_unref (atlas_chart_render (self->chart, cr, self->width, self->height));
  cairo_restore (cr);
  /* A hairline frames the page, so a white chart stands out from a light
   * dialog and a transparent one shows where it ends. */
  cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.45);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, -0.5, -0.5, shown_width + 1, shown_height + 1);
  cairo_stroke (cr);
}

/* The scale matters only to PNG; its row says how many pixels it gives. */
static void
update_scale_row (AtlasExportDialog *self)
{
  gboolean png = g_str_equal (self->format, "png");
  g_autofree char *subtitle = NULL;

  if (png)
    {
      double pixel_height = self->height * self->scale;
      /* Translators: the width and height of the image to be written; the
       * plural follows the height. */
      subtitle = g_strdup_printf (ngettext ("%.0f × %.0f pixel", "%.0f × %.0f pixels", (gulong) pixel_height),
                                  self->width * self->scale, pixel_height);
    }
  else
    /* Translators: %s is "SVG drawing" or "PDF document". */
    subtitle = g_strdup_printf (_("%s keeps every size sharp"), format_label (self->format));
  gtk_widget_set_sensitive (GTK_WIDGET (self->scale_row), png);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->scale_row), subtitle);
}

/* A file name from the chart's title: lower case words joined by dashes,
 * "chart" when there is no title. */
static char *
file_name_from_title (const char *title,
                      const char *extension)
{
  GString *name = g_string_new (NULL);
  gboolean dash = FALSE;

  for (const char *p = title ? title : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isalnum (c))
        {
          if (dash && name->len > 0)
            g_string_append_c (name, '-');
          g_string_append_unichar (name, g_unichar_tolower (c));
          dash = FALSE;
        }
      else if (c != 0x2019 && c != '\'')
        dash = TRUE;
    }
  if (name->len == 0)
    g_string_append (name, "chart");
  g_string_append_printf (name, ".%s", extension);
  return g_string_free (name, FALSE);
}

/* The name the save dialog offers: the chart's title, in the format chosen. */
char *
atlas_export_dialog_suggest_name (AtlasExportDialog *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPORT_DIALOG (self), NULL);
  return file_name_from_title (self->base_spec.title, self->format);
}

/* The chart as the file will show it. */
const AtlasChart *
atlas_export_dialog_get_chart (AtlasExportDialog *self)
{
  g_return_val_if_fail (ATLAS_IS_EXPORT_DIALOG (self), NULL);
  return self->chart;
}

/* Writes the file; its name's extension decides the format, and a name
 * without one gets the format chosen. On success the dialog says so
 * through ::exported and closes; a failure stays on screen, in a toast,
 * so another place or name can be tried. */
gboolean
atlas_export_dialog_export_to (AtlasExportDialog  *self,
                               const char         *path,
                               GError            **error)
{
  g_autofree char *named = NULL;
  g_autofree char *base = NULL;
  AtlasExportFormat format;
  GError *local_error = NULL;

  g_return_val_if_fail (ATLAS_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  base = g_path_get_basename (path);
  named = strchr (base, '.') ? g_strdup (path) : g_strdup_printf ("%s.%s", path, self->format);
  if (!atlas_export_format_from_path (named, &format))
    g_set_error (&local_error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                 _("%s: name the file .png, .svg or .pdf to choose its format"), named);
  else
    atlas_chart_export (self->chart, named, self->width, self->height, format == ATLAS_EXPORT_PNG ? self->scale : 1,
                        &local_error);
  if (local_error)
    {
      g_autofree char *message = g_strdup_printf (_("Could not export: %s"), local_error->message);
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_timeout (toast, 0); /* until dismissed: it may take a while to read */
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      g_propagate_error (error, local_error);
      return FALSE;
    }
  /* The format typed in the name is the one to offer next time. */
  g_object_set (self, "format", format_names[format], NULL);
  g_signal_emit (self, signals[SIGNAL_EXPORTED], 0, named);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
on_file_chosen (GFile   *file,
                gpointer data)
{
  AtlasExportDialog *self = data;
  g_autofree char *path = file ? g_file_get_path (file) : NULL;

  if (path)
    atlas_export_dialog_export_to (self, path, NULL);
}

static void
choose_file_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AtlasExportDialog *self = ATLAS_EXPORT_DIALOG (widget);
  g_autoptr (GListStore) filters = atlas_file_filters_new ();
  g_autofree char *name = atlas_export_dialog_suggest_name (self);
  g_autofree char *pattern = g_strdup_printf ("*.%s", self->format);
  const char *patterns[] = { pattern, NULL };

  atlas_file_filters_add (filters, format_label (self->format), NULL, patterns);
  atlas_file_chooser_save (GTK_WINDOW (self), _("Export Chart"), _("_Export"), name, G_LIST_MODEL (filters),
                           on_file_chosen, g_object_ref (self), g_object_unref);
}

static gboolean
format_to_row (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      data)
{
  const char *format = g_value_get_string (from);

  for (guint i = 0; format && i < G_N_ELEMENTS (format_names); i++)
    if (g_str_equal (format, format_names[i]))
      {
        g_value_set_uint (to, i);
        return TRUE;
      }
  return FALSE;
}

static gboolean
row_to_format (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      data)
{
  guint row = g_value_get_uint (from);

  if (row >= G_N_ELEMENTS (format_names))
    return FALSE;
  g_value_set_string (to, format_names[row]);
  return TRUE;
}

static gboolean
scale_to_row (GBinding     *binding,
              const GValue *from,
              GValue       *to,
              gpointer      data)
{
  g_value_set_uint (to, (guint) (g_value_get_int (from) - 1));
  return TRUE;
}

static gboolean
row_to_scale (GBinding     *binding,
              const GValue *from,
              GValue       *to,
              gpointer      data)
{
  guint row = g_value_get_uint (from);

  if (row == GTK_INVALID_LIST_POSITION)
    return FALSE;
  g_value_set_int (to, (int) row + 1);
  return TRUE;
}

static void
atlas_export_dialog_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AtlasExportDialog *self = ATLAS_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_FORMAT:
      g_value_set_string (value, self->format);
      break;
    case PROP_WIDTH:
      g_value_set_double (value, self->width);
      break;
    case PROP_HEIGHT:
      g_value_set_double (value, self->height);
      break;
    case PROP_SCALE:
      g_value_set_int (value, self->scale);
      break;
    case PROP_TRANSPARENT:
      g_value_set_boolean (value, self->transparent);
      break;
    case PROP_DARK:
      g_value_set_boolean (value, self->dark);
      break;
    case PROP_SHOW_TITLE:
      g_value_set_boolean (value, self->show_title);
      break;
    case PROP_SHOW_SOURCE:
      g_value_set_boolean (value, self->show_source);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Sets a boolean choice; TRUE when it changed. */
static gboolean
set_choice (gboolean     *choice,
            const GValue *value)
{
  gboolean new_value = g_value_get_boolean (value);

  if (*choice == new_value)
    return FALSE;
  *choice = new_value;
  return TRUE;
}

static void
atlas_export_dialog_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AtlasExportDialog *self = ATLAS_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_FORMAT:
      if (g_strcmp0 (self->format, g_value_get_string (value)) == 0)
        return;
      g_free (self->format);
      self->format = g_value_dup_string (value);
      update_scale_row (self);
      break;
    case PROP_WIDTH:
    case PROP_HEIGHT:
      if (prop_id == PROP_WIDTH)
        self->width = g_value_get_double (value);
      else
        self->height = g_value_get_double (value);
      update_scale_row (self);
      gtk_widget_queue_draw (GTK_WIDGET (self->preview));
      break;
    case PROP_SCALE:
      if (self->scale == g_value_get_int (value))
        return;
      self->scale = g_value_get_int (value);
      update_scale_row (self);
      break;
    case PROP_TRANSPARENT:
      if (!set_choice (&self->transparent, value))
        return;
      if (self->chart)
        atlas_chart_set_look (self->chart, self->dark, self->transparent);
      gtk_widget_queue_draw (GTK_WIDGET (self->preview));
      break;
    case PROP_DARK:
      if (!set_choice (&self->dark, value))
        return;
      if (self->chart)
        atlas_chart_set_look (self->chart, self->dark, self->transparent);
      gtk_widget_queue_draw (GTK_WIDGET (self->preview));
      break;
    case PROP_SHOW_TITLE:
    case PROP_SHOW_SOURCE:
      if (!set_choice (prop_id == PROP_SHOW_TITLE ? &self->show_title : &self->show_source, value))
        return;
      if (self->chart)
        rebuild_chart (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  g_object_notify_by_pspec (object, pspec);
}

static void
atlas_export_dialog_dispose (GObject *object)
{
  AtlasExportDialog *self = ATLAS_EXPORT_DIALOG (object);

  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_EXPORT_DIALOG);
  G_OBJECT_CLASS (atlas_export_dialog_parent_class)->dispose (object);
}

static void
atlas_export_dialog_finalize (GObject *object)
{
  AtlasExportDialog *self = ATLAS_EXPORT_DIALOG (object);

  g_clear_pointer (&self->chart, atlas_chart_unref);
  g_clear_pointer (&self->table, atlas_table_unref);
  atlas_chart_spec_clear (&self->base_spec);
  g_clear_pointer (&self->hidden_series, g_array_unref);
  g_free (self->format);
  G_OBJECT_CLASS (atlas_export_dialog_parent_class)->finalize (object);
}

static void
atlas_export_dialog_class_init (AtlasExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = atlas_export_dialog_get_property;
  object_class->set_property = atlas_export_dialog_set_property;
  object_class->dispose = atlas_export_dialog_dispose;
  object_class->finalize = atlas_export_dialog_finalize;

  properties[PROP_FORMAT] = g_param_spec_string ("format", NULL, NULL, "png", flags);
  properties[PROP_WIDTH] = g_param_spec_double ("width", NULL, NULL, 240, 8000, 1200, flags);
  properties[PROP_HEIGHT] = g_param_spec_double ("height", NULL, NULL, 180, 8000, 800, flags);
  properties[PROP_SCALE] = g_param_spec_int ("scale", NULL, NULL, 1, 4, 2, flags);
  properties[PROP_TRANSPARENT] = g_param_spec_boolean ("transparent", NULL, NULL, FALSE, flags);
  properties[PROP_DARK] = g_param_spec_boolean ("dark", NULL, NULL, FALSE, flags);
  properties[PROP_SHOW_TITLE] = g_param_spec_boolean ("show-title", NULL, NULL, TRUE, flags);
  properties[PROP_SHOW_SOURCE] = g_param_spec_boolean ("show-source", NULL, NULL, TRUE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The file written, once it is whole on disk. */
  signals[SIGNAL_EXPORTED] = g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                           NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/siliconatlas/SiliconAtlas/atlas-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, preview);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, scale_row);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, title_switch);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, source_switch);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, transparent_switch);
  gtk_widget_class_bind_template_child (widget_class, AtlasExportDialog, dark_switch);
  gtk_widget_class_install_action (widget_class, "export.choose-file", NULL, choose_file_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
atlas_export_dialog_init (AtlasExportDialog *self)
{
  const GBindingFlags both = G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE;

  self->format = g_strdup ("png");
  self->width = 1200;
  self->height = 800;
  self->scale = 2;
  self->show_title = TRUE;
  self->show_source = TRUE;
  self->hidden_series = g_array_new (FALSE, FALSE, sizeof (guint));
  atlas_chart_spec_init (&self->base_spec);
  gtk_widget_init_template (GTK_WIDGET (self));
  atlas_accessible_name_controls (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->preview, draw_preview, self, NULL);

  g_object_bind_property_full (self, "format", self->format_row, "selected", both, format_to_row, row_to_format,
                               NULL, NULL);
  g_object_bind_property_full (self, "scale", self->scale_row, "selected", both, scale_to_row, row_to_scale, NULL,
                               NULL);
  g_object_bind_property (self, "width", self->width_spin, "value", both);
  g_object_bind_property (self, "height", self->height_spin, "value", both);
  g_object_bind_property (self, "show-title", self->title_switch, "active", both);
  g_object_bind_property (self, "show-source", self->source_switch, "active", both);
  g_object_bind_property (self, "transparent", self->transparent_switch, "active", both);
  g_object_bind_property (self, "dark", self->dark_switch, "active", both);
  update_scale_row (self);
}

/* The last export's choices come back; size and colours follow the chart.
 * Bound once the dialog is made: bound while it is made, each value read
 * would be announced when construction ends and written straight back,
 * a needless write of the settings every time the dialog opens. */
static void
bind_settings (AtlasExportDialog *self)
{
  self->settings = atlas_settings_new ();
  if (!self->settings)
    return;
  g_settings_bind (self->settings, "export-format", self, "format", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "export-scale", self, "scale", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "export-transparent", self, "transparent", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "export-title", self, "show-title", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "export-source", self, "show-source", G_SETTINGS_BIND_DEFAULT);
}

/* A dialog to export chart (copied: the window may move on) at width by
 * height, in the chart's own colours, over parent. */
AtlasExportDialog *
atlas_export_dialog_new (GtkWindow        *parent,
                         const AtlasChart *chart,
                         double            width,
                         double            height)
{
  AtlasExportDialog *self;

  g_return_val_if_fail (chart != NULL, NULL);

  self = g_object_new (ATLAS_TYPE_EXPORT_DIALOG, "transient-for", parent, "width", round (width), "height",
                       round (height), "dark", atlas_chart_get_view_state (chart)->dark, NULL);
  bind_settings (self);
  self->table = atlas_table_ref (atlas_chart_get_table (chart));
  atlas_chart_copy_shown_spec (chart, &self->base_spec, TRUE);
  for (guint i = 0; i < atlas_chart_get_n_series (chart); i++)
    if (!atlas_chart_get_series_visible (chart, i))
      g_array_append_val (self->hidden_series, i);
  rebuild_chart (self);
  return self;
}
