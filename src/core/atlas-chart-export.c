/* atlas-chart-export.c: PNG, SVG and PDF through cairo, into a temporary file renamed into place. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-chart-export.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <png.h>
#include <string.h>

#include "atlas-table.h"

gboolean
atlas_export_format_from_path (const char        *path,
                               AtlasExportFormat *out_format)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".png"))
    *out_format = ATLAS_EXPORT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *out_format = ATLAS_EXPORT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *out_format = ATLAS_EXPORT_PDF;
  else
    return FALSE;
  return TRUE;
}

typedef struct
{
  GOutputStream *stream;
  GError *error;
} StreamWriter;

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  StreamWriter *writer = closure;

  if (writer->error)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (writer->stream, data, length, NULL, NULL, &writer->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static void
write_png_data (png_structp png,
                png_bytep   data,
                png_size_t  length)
{
  if (write_to_stream (png_get_io_ptr (png), data, (unsigned int) length) != CAIRO_STATUS_SUCCESS)
    png_error (png, "write failed");
}

static void
flush_png (png_structp png)
{
  (void) png;
}

/* libpng would print its errors; the caller reports them as a GError. */
static void
on_png_error (png_structp     png,
              png_const_charp message)
{
  (void) message;
  png_longjmp (png, 1);
}

static void
on_png_warning (png_structp     png,
                png_const_charp message)
{
  (void) png;
  (void) message;
}

/* Writes an image surface as PNG with libpng directly. Charts are mostly
 * flat colour, which compresses best unfiltered; cairo's writer tries
 * every filter on every row, which was half the time of a small export.
 * Unfiltered at zlib's level 6, a 1200x800 chart took 23 ms instead of 36
 * and came out no bigger. The pHYs chunk records the scale, so viewers can
 * show a 2x export at its intended size. */
static cairo_status_t
write_png (cairo_surface_t *surface,
           gboolean         alpha,
           double           scale,
           StreamWriter    *writer)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data;
  g_autofree guint8 *row = g_malloc ((gsize) width * 4);
  png_structp png;
  png_infop info;
  png_uint_32 pixels_per_metre = (png_uint_32) round (96.0 * scale / 0.0254);

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, on_png_error, on_png_warning);
  info = png ? png_create_info_struct (png) : NULL;
  if (!info)
    {
      png_destroy_write_struct (&png, NULL);
      return CAIRO_STATUS_NO_MEMORY;
    }
  if (setjmp (png_jmpbuf (png)))
    {
      png_destroy_write_struct (&png, &info);
      return CAIRO_STATUS_WRITE_ERROR;
    }
  png_set_write_fn (png, writer, write_png_data, flush_png);
  png_set_IHDR (png, info, (png_uint_32) width, (png_uint_32) height, 8,
                alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_pHYs (png, info, pixels_per_metre, pixels_per_metre, PNG_RESOLUTION_METER);
  png_set_compression_level (png, 6);
  png_set_filter (png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
  png_write_info (png, info);

  for (int y = 0; y < height; y++)
    {
      const guint32 *pixels = (const guint32 *) (data + (gsize) y * stride);
      guint8 *out = row;

      /* cairo keeps native-endian ARGB with the colour premultiplied. */
      for (int x = 0; x < width; x++)
        {
          guint32 pixel = pixels[x];
          guint a = alpha ? pixel >> 24 : 255;
          guint r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

          if (alpha && a != 255)
            {
              r = a ? (r * 255 + a / 2) / a : 0;
              g = a ? (g * 255 + a / 2) / a : 0;
              b = a ? (b * 255 + a / 2) / a : 0;
            }
          *out++ = (guint8) r;
          *out++ = (guint8) g;
          *out++ = (guint8) b;
          if (alpha)
            *out++ = (guint8) a;
        }
      png_write_row (png, row);
    }
  png_write_end (png, info);
  png_destroy_write_struct (&png, &info);
  return CAIRO_STATUS_SUCCESS;
}

/* Says what went wrong in words a person can act on. */
static void
set_export_error (GError    **error,
                  const char *path,
                  GError     *cause)
{
  g_autofree char *folder = g_path_get_dirname (path);
  const char *reason;

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    reason = _("the folder does not exist");
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED)
           || g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_READ_ONLY))
    reason = _("you may not write in that folder");
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    reason = _("the disk is full");
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    reason = _("a folder has that name");
  else
    reason = cause->message;
  /* Translators: a file's name, its folder, then why it could not be saved. */
  g_set_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_EXPORT, _("Could not save “%s” in “%s”: %s"),
               strrchr (path, G_DIR_SEPARATOR) ? strrchr (path, G_DIR_SEPARATOR) + 1 : path, folder, reason);
}

static cairo_status_t
render_to_stream (AtlasChart        *chart,
                  AtlasExportFormat  format,
                  double             width,
                  double             height,
                  double             scale,
                  StreamWriter      *writer)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  switch (format)
    {
    case ATLAS_EXPORT_SVG:
      surface = cairo_svg_surface_create_for_stream (write_to_stream, writer, width, height);
      break;
    case ATLAS_EXPORT_PDF:
      surface = cairo_pdf_surface_create_for_stream (write_to_stream, writer, width, height);
      break;
    case ATLAS_EXPORT_PNG:
    default:
      /* Opaque charts need no alpha channel: a quarter less to compress. */
      surface = cairo_image_surface_create (atlas_chart_get_spec (chart)->transparent ? CAIRO_FORMAT_ARGB32
                                                                                    : CAIRO_FORMAT_RGB24,
                                            (int) ceil (width * scale),
                                            (int) ceil (height * scale));
      break;
    }
  cr = cairo_create (surface);
  if (format == ATLAS_EXPORT_PNG)
    cairo_scale (cr, scale, scale);
  atlas_chart_render (chart, cr, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == ATLAS_EXPORT_PNG)
    status = write_png (surface, atlas_chart_get_spec (chart)->transparent, scale, writer);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status;
}

/* g_file_replace() writes beside the target and renames on close; a
 * close with a cancelled cancellable drops the temporary file instead,
 * so a failed export leaves any older file as it was. */
gboolean
atlas_chart_export (AtlasChart  *chart,
                    const char  *path,
                    double       width,
                    double       height,
                    double       scale,
                    GError     **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileOutputStream) stream = NULL;
  g_autoptr (GCancellable) abandon = g_cancellable_new ();
  g_autoptr (GError) local_error = NULL;
  StreamWriter writer = { 0 };
  AtlasExportFormat format;
  cairo_status_t status;

  g_return_val_if_fail (chart != NULL && path != NULL, FALSE);

  if (!atlas_export_format_from_path (path, &format))
    {
      g_set_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_EXPORT,
                   _("Cannot tell the format of “%s”: name it .png, .svg or .pdf"), path);
      return FALSE;
    }
  if (!(width >= 16 && height >= 16 && width <= 20000 && height <= 20000 && scale >= 1 && scale <= 4))
    {
      g_set_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_EXPORT,
                   /* Translators: the width and height asked for, in pixels, then the scale. */
                   _("The size must be 16 to 20000 pixels each way and the scale 1 to 4; "
                     "asked for %gx%g at %gx"),
                   width, height, scale);
      return FALSE;
    }
  /* Cairo draws a PNG in memory whole: past this many pixels it would
   * take gigabytes, or fail part way. */
  if (format == ATLAS_EXPORT_PNG && width * scale * height * scale > ATLAS_EXPORT_MAX_PNG_PIXELS)
    {
      g_set_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_EXPORT,
                   /* Translators: the PNG's width and height in pixels, then the limit in millions. */
                   _("A PNG of %.0f×%.0f pixels is too large: at most %.0f million pixels; choose a smaller "
                     "size or scale, or SVG or PDF"),
                   width * scale, height * scale, ATLAS_EXPORT_MAX_PNG_PIXELS / 1e6);
      return FALSE;
    }

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &local_error);
  if (!stream)
    {
      set_export_error (error, path, local_error);
      return FALSE;
    }
  writer.stream = G_OUTPUT_STREAM (stream);
  status = render_to_stream (chart, format, width, height, scale, &writer);
  if (status != CAIRO_STATUS_SUCCESS || writer.error)
    {
      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
      if (writer.error)
        set_export_error (error, path, writer.error);
      else
        /* Translators: a file's path, then cairo's reason, which is in English. */
        g_set_error (error, ATLAS_CHART_ERROR, ATLAS_CHART_ERROR_EXPORT, _("Could not draw “%s”: %s"), path,
                     cairo_status_to_string (status));
      g_clear_error (&writer.error);
      return FALSE;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &local_error))
    {
      set_export_error (error, path, local_error);
      return FALSE;
    }
  return TRUE;
}

/* The text column named "status" (in any case) that says which rows are
 * estimates or forecasts; NULL when there is none. */
const char *
atlas_table_guess_status_column (const AtlasTable *table)
{
  for (guint i = 0; i < atlas_table_get_n_columns (table); i++)
    {
      const AtlasColumn *column = atlas_table_get_column (table, i);
      if (atlas_column_get_column_type (column) == ATLAS_COLUMN_TEXT
          && g_ascii_strcasecmp (atlas_column_get_name (column), "status") == 0)
        return atlas_column_get_name (column);
    }
  return NULL;
}

/* The text column that names things: one called event, title, label or
 * the like, else the one with the longest texts (a description says more
 * than an actor's name). */
const char *
atlas_table_guess_label_column (const AtlasTable *table)
{
  static const char *const names[] = { "event", "title", "label", "name", "description", "what" };
  const AtlasColumn *best = NULL;
  double best_length = -1;

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    for (guint i = 0; i < atlas_table_get_n_columns (table); i++)
      {
        const AtlasColumn *column = atlas_table_get_column (table, i);
        if (atlas_column_get_column_type (column) == ATLAS_COLUMN_TEXT
            && g_ascii_strcasecmp (atlas_column_get_name (column), names[n]) == 0)
          return atlas_column_get_name (column);
      }
  for (guint i = 0; i < atlas_table_get_n_columns (table); i++)
    {
      const AtlasColumn *column = atlas_table_get_column (table, i);
      double length = 0;

      if (atlas_column_get_column_type (column) != ATLAS_COLUMN_TEXT)
        continue;
      for (gsize row = 0; row < atlas_table_get_n_rows (table); row++)
        length += atlas_column_get_text (column, row) ? strlen (atlas_column_get_text (column, row)) : 0;
      length /= MAX (atlas_table_get_n_rows (table), 1);
      if (length > best_length)
        {
          best = column;
          best_length = length;
        }
    }
  return best ? atlas_column_get_name (best) : NULL;
}

static gboolean
has_long_names (const AtlasColumn *column,
                gsize              n_rows)
{
  for (gsize row = 0; row < n_rows; row++)
    {
      const char *name = atlas_column_get_text (column, row);
      if (name && g_utf8_strlen (name, -1) > 14)
        return TRUE;
    }
  return n_rows > 12;
}

static int
compare_numbers (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Whether the first rows nearly all have a value and no value repeats
 * (enough to tell a time series or a list of names from a column that
 * describes rows, and cheap on a million rows). */
static gboolean
column_values_distinct (const AtlasColumn *column,
                        gsize              n_rows)
{
  gsize n = MIN (n_rows, 10000), n_present = 0;

  if (atlas_column_get_column_type (column) == ATLAS_COLUMN_TEXT)
    {
      g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      for (gsize row = 0; row < n; row++)
        {
          const char *text = atlas_column_get_text (column, row);
          if (!text)
            continue;
          if (g_hash_table_contains (seen, text))
            return FALSE;
          g_hash_table_add (seen, (gpointer) text);
        }
      return g_hash_table_size (seen) * 5 >= n * 4;
    }
  else
    {
      g_autofree double *values = g_new (double, MAX (n, 1));

      for (gsize row = 0; row < n; row++)
        if (!atlas_column_is_missing (column, row))
          values[n_present++] = atlas_column_get_number (column, row);
      if (n_present * 5 < n * 4)
        return FALSE;
      qsort (values, n_present, sizeof (double), compare_numbers);
      for (gsize i = 1; i < n_present; i++)
        if (values[i] == values[i - 1])
          return FALSE;
      return TRUE;
    }
}

/* Whether a column's amounts are each in their row's own currency. */
static gboolean
is_in_local_currency (const AtlasColumn *column)
{
  return strstr (atlas_column_get_name (column), "local currency") != NULL;
}

/* Whether the table has a column of numbers other than x and column. */
static gboolean
has_other_numbers (const AtlasTable  *table,
                   const AtlasColumn *x,
                   const AtlasColumn *column)
{
  for (guint i = 0; i < atlas_table_get_n_columns (table); i++)
    {
      const AtlasColumn *other = atlas_table_get_column (table, i);
      if (other != x && other != column && atlas_column_get_column_type (other) == ATLAS_COLUMN_NUMBER)
        return TRUE;
    }
  return FALSE;
}

/* Whether a column says where a row comes from or adds a remark (a
 * source, a note, a release): it does not tell series apart. */
static gboolean
describes_provenance (const AtlasColumn *column)
{
  static const char *const words[] = { "source", "note", "release", "report", "comment", "url", "link" };
  g_autofree char *name = g_utf8_strdown (atlas_column_get_name (column), -1);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (name, words[i]))
      return TRUE;
  return FALSE;
}

/* In a long table, where x repeats because rows of several series are
 * stacked in one, the column of names that tells the series apart (no x
 * twice in a series, but for one row in ten at most) and the series with
 * the most values of the first y column: set as the spec's filter. FALSE
 * when no column of names gives a series of three or more values. */
static gboolean
choose_series_rows (const AtlasTable  *table,
                    const AtlasColumn *x,
                    AtlasChartSpec    *spec)
{
  const AtlasColumn *y = spec->y_columns && spec->y_columns[0] ? atlas_table_find_column (table, spec->y_columns[0])
                                                               : NULL;
  gsize n_rows = atlas_table_get_n_rows (table), best_count = 0;
  const AtlasColumn *best_column = NULL;
  const char *best_name = NULL;

  if (!y || n_rows > 100000)
    return FALSE;
  for (guint c = 0; c < atlas_table_get_n_columns (table); c++)
    {
      const AtlasColumn *names = atlas_table_get_column (table, c);
      g_autoptr (GHashTable) xs_by_name = NULL;
      g_autoptr (GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
      GHashTableIter iter;
      gpointer name, count;
      gsize repeats = 0;

      if (names == x || atlas_column_get_column_type (names) != ATLAS_COLUMN_TEXT || describes_provenance (names)
          || g_strcmp0 (atlas_column_get_name (names), atlas_table_guess_status_column (table)) == 0)
        continue;
      xs_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_hash_table_unref);
      for (gsize row = 0; row < n_rows; row++)
        {
          const char *text = atlas_column_get_text (names, row);
          double value = atlas_column_get_number (x, row);
          GHashTable *xs;

          if (!text || atlas_column_is_missing (x, row))
            continue;
          xs = g_hash_table_lookup (xs_by_name, text);
          if (!xs)
            {
              xs = g_hash_table_new_full (g_double_hash, g_double_equal, g_free, NULL);
              g_hash_table_insert (xs_by_name, (gpointer) text, xs);
            }
          /* An x twice in one series: this column does not split series. */
          if (g_hash_table_contains (xs, &value))
            {
              g_hash_table_insert (counts, (gpointer) text, GSIZE_TO_POINTER (G_MAXSIZE));
              repeats++;
            }
          g_hash_table_add (xs, g_memdup2 (&value, sizeof value));
          if (!atlas_column_is_missing (y, row)
              && GPOINTER_TO_SIZE (g_hash_table_lookup (counts, text)) != G_MAXSIZE)
            g_hash_table_insert (counts, (gpointer) text,
                                 GSIZE_TO_POINTER (GPOINTER_TO_SIZE (g_hash_table_lookup (counts, text)) + 1));
        }
      /* The column must explain why x repeats: an x seen twice within one
       * of its series is an exception, not the rule. */
      if (repeats * 10 > n_rows)
        continue;
      g_hash_table_iter_init (&iter, counts);
      while (g_hash_table_iter_next (&iter, &name, &count))
        if (GPOINTER_TO_SIZE (count) != G_MAXSIZE && GPOINTER_TO_SIZE (count) > best_count)
          {
            best_count = GPOINTER_TO_SIZE (count);
            best_column = names;
            best_name = name;
          }
    }
  if (best_count < 3)
    return FALSE;
  spec->filter_column = g_strdup (atlas_column_get_name (best_column));
  spec->filter_value = g_strdup (best_name);
  return TRUE;
}

/* Whether the values present rise from row to row. */
static gboolean
is_ascending (const AtlasColumn *column,
              gsize              n_rows)
{
  double previous = -INFINITY;

  for (gsize row = 0; row < n_rows; row++)
    {
      double value = atlas_column_get_number (column, row);
      if (atlas_column_is_missing (column, row))
        continue;
      if (!(value > previous))
        return FALSE;
      previous = value;
    }
  return TRUE;
}

/* Whether one column of shares splits a whole among a few named parts:
 * percentages adding up to about 100, none negative, eight parts at most
 * (more slices than that are not read as a whole). */
static gboolean
is_parts_of_whole (const AtlasTable  *table,
                   const AtlasColumn *x,
                   char             **y_columns)
{
  const AtlasColumn *y;
  gsize n_rows = atlas_table_get_n_rows (table), n_parts = 0;
  double total = 0;

  if (!y_columns || !y_columns[0] || y_columns[1] || n_rows < 2 || n_rows > 8)
    return FALSE;
  y = atlas_table_find_column (table, y_columns[0]);
  if (g_strcmp0 (atlas_column_get_unit (y), "%") != 0 || !column_values_distinct (x, n_rows))
    return FALSE;
  for (gsize row = 0; row < n_rows; row++)
    {
      double value = atlas_column_get_number (y, row);
      if (atlas_column_is_missing (y, row))
        continue;
      if (value < 0)
        return FALSE;
      total += value;
      n_parts++;
    }
  return n_parts >= 2 && total >= 98 && total <= 102;
}

/* Fills what the spec leaves open from the column types: x is the first
 * date column of distinct dates, else the first text column of distinct
 * names, else the first date or text column, else the first; y are
 * the number columns; and, when asked, the type: a line over time or
 * numbers, bars over categories (horizontal when names are long or many),
 * a timeline for dates with names and no numbers. */
void
atlas_chart_spec_suggest (const AtlasTable *table,
                          AtlasChartSpec   *spec,
                          gboolean          choose_type)
{
  const AtlasColumn *x = spec->x_column ? atlas_table_find_column (table, spec->x_column) : NULL;

  /* A time series has one row per date; dates that repeat (the year of
   * each figure in a table of segments) describe rows rather than order
   * them, and the names beside them make the better axis. */
  for (int pass = 0; !x && pass < 4; pass++)
    for (guint i = 0; !x && i < atlas_table_get_n_columns (table); i++)
      {
        const AtlasColumn *column = atlas_table_get_column (table, i);
        AtlasColumnType type = atlas_column_get_column_type (column);

        /* The distinct check sorts a sample: only for the passes that ask. */
        if ((pass == 0 && type == ATLAS_COLUMN_DATE && column_values_distinct (column, atlas_table_get_n_rows (table)))
            || (pass == 1 && type == ATLAS_COLUMN_TEXT && column_values_distinct (column, atlas_table_get_n_rows (table)))
            || (pass == 2 && type == ATLAS_COLUMN_DATE) || (pass == 3 && type != ATLAS_COLUMN_NUMBER))
          x = column;
      }
  for (guint i = 0; !x && i < atlas_table_get_n_columns (table); i++)
    x = atlas_table_get_column (table, i);
  if (!x)
    return;
  if (!spec->x_column)
    spec->x_column = g_strdup (atlas_column_get_name (x));

  if (!spec->y_columns)
    {
      GPtrArray *names = g_ptr_array_new ();
      const char *unit = NULL;

      /* Series that share the first one's unit: one axis cannot honestly
       * carry percentages and billions at once. Amounts in each row's own
       * currency cannot be compared row to row: a column in one currency
       * goes first when there is one. */
      for (guint i = 0; i < atlas_table_get_n_columns (table) && names->len < 7; i++)
        {
          const AtlasColumn *column = atlas_table_get_column (table, i);
          if (column == x || atlas_column_get_column_type (column) != ATLAS_COLUMN_NUMBER)
            continue;
          if (is_in_local_currency (column) && has_other_numbers (table, x, column))
            continue;
          if (names->len > 0 && g_strcmp0 (atlas_column_get_unit (column), unit) != 0)
            continue;
          if (names->len == 0)
            unit = atlas_column_get_unit (column);
          g_ptr_array_add (names, g_strdup (atlas_column_get_name (column)));
        }
      g_ptr_array_add (names, NULL);
      spec->y_columns = (GStrv) g_ptr_array_free (names, FALSE);
    }

  if (choose_type)
    {
      if (atlas_column_get_column_type (x) == ATLAS_COLUMN_DATE && spec->y_columns[0] == NULL
          && atlas_table_guess_label_column (table))
        spec->type = ATLAS_CHART_TIMELINE;
      else if (atlas_column_get_column_type (x) == ATLAS_COLUMN_TEXT && is_parts_of_whole (table, x, spec->y_columns))
        spec->type = ATLAS_CHART_DONUT;
      else if (atlas_column_get_column_type (x) == ATLAS_COLUMN_TEXT)
        spec->type = has_long_names (x, atlas_table_get_n_rows (table)) ? ATLAS_CHART_BAR_HORIZONTAL : ATLAS_CHART_BAR;
      /* Numbers against numbers: a line only where x runs in order, as a
       * measurement over a sequence does; otherwise each row is a point. */
      else if (atlas_column_get_column_type (x) == ATLAS_COLUMN_NUMBER && !is_ascending (x, atlas_table_get_n_rows (table)))
        spec->type = ATLAS_CHART_SCATTER;
      /* Several figures at one x (estimates by different publishers, or
       * measures of different scope) are points: a line would join
       * figures that do not follow from each other. Unless a column of
       * names splits them into series of their own (a "long" table: a
       * metric, a company per row): then the longest of those, as a line,
       * saying which rows it shows. */
      else if (!column_values_distinct (x, atlas_table_get_n_rows (table)))
        spec->type = choose_series_rows (table, x, spec) ? ATLAS_CHART_LINE : ATLAS_CHART_SCATTER;
      else
        spec->type = ATLAS_CHART_LINE;
    }
  if (!spec->status_column && atlas_table_guess_status_column (table))
    spec->status_column = g_strdup (atlas_table_guess_status_column (table));
  /* A timeline names its events: the column the guess found. */
  if (spec->type == ATLAS_CHART_TIMELINE && !spec->label_column && atlas_table_guess_label_column (table))
    spec->label_column = g_strdup (atlas_table_guess_label_column (table));
}
