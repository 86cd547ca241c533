/* atlas-chart-export.c: PNG, SVG and PDF through cairo, into a temporary file renamed into place. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-chart-export.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <png.h>
#include <zlib.h>
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

/* One PNG row as the file holds it: the filter byte (none: charts are
 * mostly flat colour, which compresses best unfiltered), then RGB or
 * RGBA with the colour no longer premultiplied, as cairo keeps it. */
static void
convert_png_row (const guint32 *pixels,
                 int            width,
                 gboolean       alpha,
                 guint8        *out)
{
  *out++ = PNG_FILTER_VALUE_NONE;
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
}

/* A band of rows compressed on its own core: one stretch of the image's
 * single deflate stream, as pigz makes one. */
typedef struct
{
  const guint8 *data;
  int stride;
  int width;
  gboolean alpha;
  int first_row;
  int end_row;
  gboolean last;   /* ends the stream; the others end on a byte boundary (a sync flush) */
  GByteArray *out; /* raw deflate, after the zlib header for the first band */
  uLong adler;     /* of the band's bytes */
  uLong n_bytes;
  gboolean failed;
} PngBand;

#define DEFLATE_WINDOW 32768

static gpointer
deflate_png_band (gpointer user_data)
{
  PngBand *band = user_data;
  gsize row_bytes = 1 + (gsize) band->width * (band->alpha ? 4 : 3);
  g_autofree guint8 *row = g_malloc (row_bytes);
  g_autofree guint8 *chunk = g_malloc (64 * 1024);
  z_stream z = { 0 };

  /* Level 6, zlib's default: half the size of level 3 on charts. Raw
   * deflate: the header and checksum are written once, around all bands. */
  if (deflateInit2 (&z, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    {
      band->failed = TRUE;
      return NULL;
    }
  /* The rows just above, as the window a single stream would have here:
   * matches reach across the seam, and the file is as small as a serial
   * one (a few bytes more for each seam). */
  if (band->first_row > 0)
    {
      int n_rows = MIN (band->first_row, (int) ((DEFLATE_WINDOW + row_bytes - 1) / row_bytes));
      g_autofree guint8 *above = g_malloc ((gsize) n_rows * row_bytes);
      gsize len = (gsize) n_rows * row_bytes;

      for (int i = 0; i < n_rows; i++)
        convert_png_row ((const guint32 *) (band->data + (gsize) (band->first_row - n_rows + i) * band->stride),
                         band->width, band->alpha, above + (gsize) i * row_bytes);
      deflateSetDictionary (&z, above + (len > DEFLATE_WINDOW ? len - DEFLATE_WINDOW : 0),
                            (uInt) MIN (len, DEFLATE_WINDOW));
    }

  band->adler = adler32 (0, Z_NULL, 0);
  for (int y = band->first_row; y < band->end_row && !band->failed; y++)
    {
      int flush = y + 1 < band->end_row ? Z_NO_FLUSH : band->last ? Z_FINISH : Z_SYNC_FLUSH;

      convert_png_row ((const guint32 *) (band->data + (gsize) y * band->stride), band->width, band->alpha, row);
      band->adler = adler32 (band->adler, row, (uInt) row_bytes);
      band->n_bytes += row_bytes;
      z.next_in = row;
      z.avail_in = (uInt) row_bytes;
      do
        {
          z.next_out = chunk;
          z.avail_out = 64 * 1024;
          if (deflate (&z, flush) == Z_STREAM_ERROR)
            band->failed = TRUE;
          g_byte_array_append (band->out, chunk, 64 * 1024 - z.avail_out);
        }
      while (z.avail_out == 0 && !band->failed);
    }
  deflateEnd (&z);
  return NULL;
}

/* The bands not yet taken, for the threads that compress them. */
typedef struct
{
  PngBand *bands;
  guint n_bands;
  gint next;
} PngBandQueue;

static gpointer
deflate_png_bands (gpointer user_data)
{
  PngBandQueue *queue = user_data;

  for (guint i; (i = (guint) g_atomic_int_add (&queue->next, 1)) < queue->n_bands;)
    deflate_png_band (&queue->bands[i]);
  return NULL;
}

/* Writes the deflate stream's bytes as IDAT chunks, each within PNG's
 * chunk length limit. */
static void
write_idat (png_structp   png,
            const guint8 *bytes,
            gsize         len)
{
  const gsize most = 1u << 30;

  for (gsize done = 0; done < len; done += MIN (len - done, most))
    png_write_chunk (png, (png_const_bytep) "IDAT", bytes + done, MIN (len - done, most));
}

/* Writes an image surface as PNG: libpng for the header chunks, the
 * image data compressed in bands, each on a thread of its own. A 1200x800 chart took
 * 13 ms to compress on one core, half the time of a small export. The
 * pHYs chunk records the scale, so viewers can show a 2x export at its
 * intended size. */
static cairo_status_t
write_png (cairo_surface_t *surface,
           gboolean         alpha,
           double           scale,
           StreamWriter    *writer)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  /* Bands by the height alone, not the cores, so that the same chart
   * makes the same file on any machine; a band is worth a thread from
   * about four hundred rows. */
  guint n_bands = (guint) CLAMP (height / 400, 1, 8);
  /* As many threads as cores, this one among them. */
  guint n_threads = MIN (n_bands, g_get_num_processors ());
  g_autofree PngBand *bands = g_new0 (PngBand, n_bands);
  g_autofree GThread **threads = g_new0 (GThread *, n_threads);
  PngBandQueue queue = { bands, n_bands, 0 };
  static const guint8 zlib_header[] = { 0x78, 0x9c }; /* deflate, 32 KB window, default level */
  png_uint_32 pixels_per_metre = (png_uint_32) round (96.0 * scale / 0.0254);
  cairo_status_t status = CAIRO_STATUS_SUCCESS;
  volatile png_structp png;
  png_infop info;
  uLong adler;

  cairo_surface_flush (surface);
  for (guint i = 0; i < n_bands; i++)
    {
      bands[i] = (PngBand) {
        .data = cairo_image_surface_get_data (surface),
        .stride = cairo_image_surface_get_stride (surface),
        .width = width,
        .alpha = alpha,
        .first_row = (int) ((gint64) height * i / n_bands),
        .end_row = (int) ((gint64) height * (i + 1) / n_bands),
        .last = i + 1 == n_bands,
        .out = g_byte_array_new (),
      };
    }
  g_byte_array_append (bands[0].out, zlib_header, sizeof zlib_header);
  for (guint i = 1; i < n_threads; i++)
    threads[i] = g_thread_new ("atlas-png", deflate_png_bands, &queue);
  deflate_png_bands (&queue);
  for (guint i = 1; i < n_threads; i++)
    g_thread_join (threads[i]);

  /* The checksum of the whole stream, from each band's. */
  adler = bands[0].adler;
  for (guint i = 0; i < n_bands; i++)
    {
      if (bands[i].failed)
        status = CAIRO_STATUS_NO_MEMORY;
      if (i > 0)
        adler = adler32_combine (adler, bands[i].adler, (z_off_t) bands[i].n_bytes);
    }
  {
    guint8 trailer[4] = { adler >> 24, adler >> 16, adler >> 8, adler };
    g_byte_array_append (bands[n_bands - 1].out, trailer, sizeof trailer);
  }

  png = status == CAIRO_STATUS_SUCCESS ? png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, on_png_error,
                                                                  on_png_warning)
                                       : NULL;
  info = png ? png_create_info_struct (png) : NULL;
  if (!info)
    {
      png_structp created = png;
      png_destroy_write_struct (&created, NULL);
      status = status == CAIRO_STATUS_SUCCESS ? CAIRO_STATUS_NO_MEMORY : status;
    }
  else if (setjmp (png_jmpbuf (png)))
    {
      png_structp created = png;
      png_destroy_write_struct (&created, &info);
      status = CAIRO_STATUS_WRITE_ERROR;
    }
  else
    {
      png_structp created = png;

      png_set_write_fn (png, writer, write_png_data, flush_png);
      png_set_IHDR (png, info, (png_uint_32) width, (png_uint_32) height, 8,
                    alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                    PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
      png_set_pHYs (png, info, pixels_per_metre, pixels_per_metre, PNG_RESOLUTION_METER);
      png_write_info (png, info);
      /* The image data is compressed already: its chunks go as they are,
       * then the end, which png_write_end() would refuse without rows
       * given to libpng. */
      for (guint i = 0; i < n_bands; i++)
        write_idat (png, bands[i].out->data, bands[i].out->len);
      png_write_chunk (png, (png_const_bytep) "IEND", NULL, 0);
      png_destroy_write_struct (&created, &info);
    }
  for (guint i = 0; i < n_bands; i++)
    g_byte_array_unref (bands[i].out);
  return status;
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
      /* A reader's window, its search and a library list a PDF by these. */
      if (atlas_chart_get_spec (chart)->title)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, atlas_chart_get_spec (chart)->title);
      if (atlas_chart_get_spec (chart)->subtitle)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, atlas_chart_get_spec (chart)->subtitle);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Silicon Atlas");
      break;
    case ATLAS_EXPORT_PNG:
    default:
      /* Opaque charts need no alpha channel: a quarter less to compress. */
      surface = cairo_image_surface_create (atlas_chart_get_view_state (chart)->transparent ? CAIRO_FORMAT_ARGB32
                                                                                    : CAIRO_FORMAT_RGB24,
                                            (int) ceil (width * scale),
                                            (int) ceil (height * scale));
      break;
    }
  cr = cairo_create (surface);
  if (format == ATLAS_EXPORT_PNG)
    cairo_scale (cr, scale, scale);
  atlas_chart_layout_unref (atlas_chart_render (chart, cr, width, height));
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == ATLAS_EXPORT_PNG)
    status = write_png (surface, atlas_chart_get_view_state (chart)->transparent, scale, writer);
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
