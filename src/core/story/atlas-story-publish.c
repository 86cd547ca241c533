/* atlas-story-publish.c: a story as a PDF (title page, a page per passage with its chart, sources) or as one
 * self-contained web page whose charts are inline SVG. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-story-publish.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <langinfo.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "atlas-chart.h"

/* The PDF's page: margins of about 20 mm, and room under them for the
 * page number. */
#define PAGE_MARGIN 56.0
#define PAGE_FOOTER 22.0
/* The page's chart is at most this tall for its width, and is put on a
 * page of its own rather than drawn smaller than this many points. It is
 * laid out this many units wide and scaled to the page: its 12-unit text
 * prints at 9 points, as charts in print are, and its notes find room. */
#define PAGE_CHART_ASPECT 0.8
#define PAGE_CHART_MIN_HEIGHT 230.0
#define PAGE_CHART_LAYOUT_WIDTH 640.0

/* The web page's charts: one for screens at least 600 px wide, one laid
 * out again for phones, so that its text stays readable there. */
#define WIDE_CHART_WIDTH 720.0
#define WIDE_CHART_HEIGHT 450.0
#define NARROW_CHART_WIDTH 380.0
#define NARROW_CHART_HEIGHT 430.0

gboolean
atlas_publish_format_from_path (const char         *path,
                                AtlasPublishFormat *out_format)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".pdf"))
    *out_format = ATLAS_PUBLISH_PDF;
  else if (g_str_has_suffix (lower, ".html") || g_str_has_suffix (lower, ".htm"))
    *out_format = ATLAS_PUBLISH_HTML;
  else
    return FALSE;
  return TRUE;
}

gboolean
atlas_paper_size_from_string (const char     *name,
                              AtlasPaperSize *out_paper)
{
  if (g_ascii_strcasecmp (name, "a4") == 0)
    *out_paper = ATLAS_PAPER_A4;
  else if (g_ascii_strcasecmp (name, "letter") == 0)
    *out_paper = ATLAS_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

/* The paper of the locale's LC_PAPER: Letter where it is 216 mm wide
 * (North and Central America, the Philippines...), else A4. */
AtlasPaperSize
atlas_paper_size_for_locale (void)
{
#ifdef __GLIBC__
  /* glibc answers this item with a number, not a string. */
  union
  {
    char *string;
    unsigned int word;
  } width;

  width.string = nl_langinfo (_NL_PAPER_WIDTH);
  if (width.word == 216)
    return ATLAS_PAPER_LETTER;
#endif
  return ATLAS_PAPER_A4;
}

/* Where the file is written: g_file_replace() writes beside it and
 * renames on close, and a close after a cancel drops the temporary file,
 * so a failure leaves any older file as it was. */
typedef struct
{
  const char *path;
  GFileOutputStream *stream;
  GError *error;
} PublishOutput;

static gboolean
output_open (PublishOutput *output,
             const char    *path,
             GError       **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) local_error = NULL;

  output->path = path;
  output->stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &local_error);
  if (!output->stream)
    {
      /* Translators: a file's path, then why it cannot be written. */
      g_set_error (error, ATLAS_STORY_ERROR, ATLAS_STORY_ERROR_SAVE, _("Could not write “%s”: %s"), path,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

static void
output_write (PublishOutput *output,
              const char    *data,
              gsize          length)
{
  if (!output->error)
    g_output_stream_write_all (G_OUTPUT_STREAM (output->stream), data, length, NULL, NULL, &output->error);
}

static cairo_status_t
output_write_for_cairo (void                *closure,
                        const unsigned char *data,
                        unsigned int         length)
{
  PublishOutput *output = closure;

  output_write (output, (const char *) data, length);
  return output->error ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* Closes the file into place when all went well (error not set and no
 * write failed), else drops it and says why. */
static gboolean
output_close (PublishOutput *output,
              GError       **error)
{
  g_autoptr (GCancellable) abandon = g_cancellable_new ();
  g_autoptr (GError) local_error = NULL;

  if (error && *error)
    {
      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (output->stream), abandon, NULL);
      g_clear_object (&output->stream);
      g_clear_error (&output->error);
      return FALSE;
    }
  if (output->error || !g_output_stream_close (G_OUTPUT_STREAM (output->stream), NULL, &local_error))
    {
      GError *why = output->error ? output->error : local_error;

      if (output->error)
        {
          g_cancellable_cancel (abandon);
          g_output_stream_close (G_OUTPUT_STREAM (output->stream), abandon, NULL);
        }
      g_set_error (error, ATLAS_STORY_ERROR, ATLAS_STORY_ERROR_SAVE, _("Could not write “%s”: %s"), output->path,
                   why->message);
      g_clear_object (&output->stream);
      g_clear_error (&output->error);
      return FALSE;
    }
  g_clear_object (&output->stream);
  return TRUE;
}

/* A passage's paragraphs ("\n\n" between them), and whether the first is
 * its heading: a short first paragraph before others, as the article's
 * section titles are. */
static GStrv
split_paragraphs (const char *text,
                  gboolean   *out_heading)
{
  g_auto (GStrv) pieces = g_strsplit (text, "\n\n", -1);
  g_autoptr (GStrvBuilder) paragraphs = g_strv_builder_new ();
  GStrv kept;

  for (guint i = 0; pieces[i]; i++)
    {
      g_strstrip (pieces[i]);
      if (*pieces[i])
        g_strv_builder_add (paragraphs, pieces[i]);
    }
  kept = g_strv_builder_end (paragraphs);
  *out_heading = kept[0] && kept[1] && g_utf8_strlen (kept[0], -1) < 100;
  return kept;
}

/* The PDF */

typedef struct
{
  cairo_t *cr;
  cairo_surface_t *surface;
  double width;  /* of the page, in points */
  double height;
  double y;      /* where the next block goes */
  guint page;    /* the page being drawn, from 1 */
} PdfPages;

static double
pdf_text_width (const PdfPages *pages)
{
  return pages->width - 2 * PAGE_MARGIN;
}

static double
pdf_bottom (const PdfPages *pages)
{
  return pages->height - PAGE_MARGIN - PAGE_FOOTER;
}

/* A layout of text for the page, laid out without hinting: a PDF is
 * scaled by whoever reads it. The text is plain: no character of it
 * can be taken for markup. */
static PangoLayout *
pdf_layout (PdfPages   *pages,
            const char *font,
            const char *text)
{
  PangoLayout *layout = pango_cairo_create_layout (pages->cr);
  cairo_font_options_t *options = cairo_font_options_create ();
  PangoFontDescription *description = pango_font_description_from_string (font);

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (options);
  pango_layout_set_font_description (layout, description);
  pango_font_description_free (description);
  pango_layout_set_width (layout, pango_units_from_double (pdf_text_width (pages)));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
pdf_finish_page (PdfPages *pages)
{
  g_autofree char *number = g_strdup_printf ("%u", pages->page);
  g_autoptr (PangoLayout) layout = pdf_layout (pages, "Cantarell, Sans 9", number);
  PangoRectangle logical;

  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_get_extents (layout, NULL, &logical);
  cairo_set_source_rgb (pages->cr, 0.4, 0.4, 0.4);
  cairo_move_to (pages->cr, PAGE_MARGIN, pages->height - PAGE_MARGIN - pango_units_to_double (logical.height) + 4);
  pango_cairo_show_layout (pages->cr, layout);
  cairo_show_page (pages->cr);
  pages->page++;
  pages->y = PAGE_MARGIN;
}

/* Draws the lines of layout from layout y from to to at the page's y. */
static void
pdf_show_lines (PdfPages    *pages,
                PangoLayout *layout,
                double       from,
                double       to)
{
  cairo_save (pages->cr);
  cairo_rectangle (pages->cr, 0, pages->y, pages->width, to - from);
  cairo_clip (pages->cr);
  cairo_move_to (pages->cr, PAGE_MARGIN, pages->y - from);
  pango_cairo_show_layout (pages->cr, layout);
  cairo_restore (pages->cr);
  pages->y += to - from;
}

/* Draws layout at the page's y in the colour grey (0 black), going on
 * to the next page between lines where it does not fit, then leaves gap. */
static void
pdf_flow (PdfPages    *pages,
          PangoLayout *layout,
          double       grey,
          double       gap)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  PangoRectangle logical;
  double from = 0, total;

  pango_layout_get_extents (layout, NULL, &logical);
  total = pango_units_to_double (logical.height);
  cairo_set_source_rgb (pages->cr, grey, grey, grey);
  do
    {
      double top, bottom;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      top = pango_units_to_double (logical.y);
      bottom = top + pango_units_to_double (logical.height);
      if (pages->y + (bottom - from) <= pdf_bottom (pages))
        continue;
      /* A line that does not fit starts the next page, with what came
       * before it on this one; a page that has nothing yet takes it. */
      if (top > from)
        pdf_show_lines (pages, layout, from, top);
      if (top > from || pages->y > PAGE_MARGIN)
        {
          pdf_finish_page (pages);
          cairo_set_source_rgb (pages->cr, grey, grey, grey);
          from = top;
        }
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  pdf_show_lines (pages, layout, from, total);
  pages->y += gap;
}

static void
pdf_flow_text (PdfPages   *pages,
               const char *font,
               const char *text,
               double      grey,
               double      gap)
{
  g_autoptr (PangoLayout) layout = pdf_layout (pages, font, text);

  pdf_flow (pages, layout, grey, gap);
}

static void
pdf_title_page (PdfPages   *pages,
                AtlasStory *story)
{
  guint n = atlas_story_get_n_passages (story);
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u passage, each with its chart",
                                                         "%u passages, each with its chart", n),
                                            n);

  pages->y = pages->height * 0.28;
  pdf_flow_text (pages, "Cantarell, Sans Bold 26", atlas_story_get_title (story), 0.1, 18);
  if (atlas_story_get_attribution (story))
    pdf_flow_text (pages, "Serif Italic 12", atlas_story_get_attribution (story), 0.3, 12);
  pdf_flow_text (pages, "Cantarell, Sans 10", count, 0.4, 4);
  pdf_flow_text (pages, "Cantarell, Sans 10", _("Published with Silicon Atlas"), 0.4, 0);
  pdf_finish_page (pages);
}

static gboolean
pdf_passage_page (PdfPages   *pages,
                  AtlasStory *story,
                  guint       index,
                  GError    **error)
{
  const AtlasStoryPassage *passage = atlas_story_get_passage (story, index);
  g_autoptr (AtlasChart) chart = atlas_story_build_chart (story, index, error);
  g_autofree char *label = NULL;
  g_auto (GStrv) paragraphs = NULL;
  gboolean heading;
  double chart_width = pdf_text_width (pages), chart_height;

  if (!chart)
    return FALSE;
  atlas_chart_set_look (chart, FALSE, FALSE);
  /* Translators: the passage's number, then how many the story has. */
  label = g_strdup_printf (_("Passage %u of %u"), index + 1, atlas_story_get_n_passages (story));
  {
    g_autofree char *outline = g_strdup_printf ("page=%u", pages->page);
    /* g_utf8_substring() needs an end within the text. */
    g_autofree char *start = g_utf8_substring (passage->text, 0, MIN (g_utf8_strlen (passage->text, -1), 60));
    g_autofree char *name = g_strdup_printf ("%u. %s", index + 1, start);
    char *newline = strchr (name, '\n');

    if (newline)
      *newline = '\0';
    cairo_pdf_surface_add_outline (pages->surface, CAIRO_PDF_OUTLINE_ROOT, name, outline, 0);
  }
  pdf_flow_text (pages, "Cantarell, Sans 9", label, 0.45, 10);
  paragraphs = split_paragraphs (passage->text, &heading);
  for (guint i = 0; paragraphs[i]; i++)
    pdf_flow_text (pages, i == 0 && heading ? "Cantarell, Sans Bold 15" : "Serif 11", paragraphs[i], 0.1, 8);

  pages->y += 6;
  chart_height = MIN (chart_width * PAGE_CHART_ASPECT, pdf_bottom (pages) - pages->y);
  if (chart_height < PAGE_CHART_MIN_HEIGHT)
    {
      pdf_finish_page (pages);
      chart_height = MIN (chart_width * PAGE_CHART_ASPECT, pdf_bottom (pages) - pages->y);
    }
  /* The chart paints its background: only within its own box. */
  cairo_save (pages->cr);
  cairo_rectangle (pages->cr, PAGE_MARGIN, pages->y, chart_width, chart_height);
  cairo_clip (pages->cr);
  cairo_translate (pages->cr, PAGE_MARGIN, pages->y);
  cairo_scale (pages->cr, chart_width / PAGE_CHART_LAYOUT_WIDTH, chart_width / PAGE_CHART_LAYOUT_WIDTH);
  atlas_chart_layout_unref (atlas_chart_render (chart, pages->cr, PAGE_CHART_LAYOUT_WIDTH,
                                                chart_height * PAGE_CHART_LAYOUT_WIDTH / chart_width));
  cairo_restore (pages->cr);
  pdf_finish_page (pages);
  return TRUE;
}

static void
pdf_sources_page (PdfPages   *pages,
                  AtlasStory *story)
{
  g_autoptr (GPtrArray) cited = atlas_story_list_cited_sources (story);
  g_autofree char *outline = g_strdup_printf ("page=%u", pages->page);
  double hanging;

  cairo_pdf_surface_add_outline (pages->surface, CAIRO_PDF_OUTLINE_ROOT, _("Sources"), outline, 0);
  pdf_flow_text (pages, "Cantarell, Sans Bold 18", _("Sources"), 0.1, 12);
  if (atlas_story_get_attribution (story))
    pdf_flow_text (pages, "Serif Italic 11", atlas_story_get_attribution (story), 0.2, 12);
  if (cited->len == 0)
    pdf_flow_text (pages, "Serif 10", _("The charts cite no sources."), 0.2, 0);
  /* The text of every source starts where the widest number leaves room. */
  {
    g_autofree char *widest = g_strdup_printf ("%u.", cited->len);
    g_autoptr (PangoLayout) number = pdf_layout (pages, "Serif 9.5", widest);
    PangoRectangle logical;

    pango_layout_get_extents (number, NULL, &logical);
    hanging = pango_units_to_double (logical.width) + 6;
  }
  for (guint i = 0; i < cited->len; i++)
    {
      g_autofree char *text = g_strdup_printf ("%u.\t%s", i + 1, (const char *) g_ptr_array_index (cited, i));
      g_autoptr (PangoLayout) layout = pdf_layout (pages, "Serif 9.5", text);
      PangoTabArray *tabs = pango_tab_array_new_with_positions (1, FALSE, PANGO_TAB_LEFT,
                                                                pango_units_from_double (hanging));

      /* A hanging indent: the number stands out, the lines under it align. */
      pango_layout_set_tabs (layout, tabs);
      pango_tab_array_free (tabs);
      pango_layout_set_indent (layout, pango_units_from_double (-hanging));
      pdf_flow (pages, layout, 0.15, 4);
    }
  pdf_finish_page (pages);
}

static gboolean
publish_pdf (AtlasStory           *story,
             PublishOutput        *output,
             AtlasPaperSize        paper,
             AtlasPublishProgress  progress,
             gpointer              user_data,
             GCancellable         *cancellable,
             GError              **error)
{
  PdfPages pages = { 0 };
  guint n = atlas_story_get_n_passages (story);
  cairo_status_t status;
  gboolean done = TRUE;

  pages.width = paper == ATLAS_PAPER_LETTER ? 612 : 595.276;
  pages.height = paper == ATLAS_PAPER_LETTER ? 792 : 841.89;
  pages.page = 1;
  pages.y = PAGE_MARGIN;
  pages.surface = cairo_pdf_surface_create_for_stream (output_write_for_cairo, output, pages.width, pages.height);
  cairo_pdf_surface_set_metadata (pages.surface, CAIRO_PDF_METADATA_TITLE, atlas_story_get_title (story));
  cairo_pdf_surface_set_metadata (pages.surface, CAIRO_PDF_METADATA_CREATOR, "Silicon Atlas");
  if (atlas_story_get_attribution (story))
    cairo_pdf_surface_set_metadata (pages.surface, CAIRO_PDF_METADATA_SUBJECT, atlas_story_get_attribution (story));
  pages.cr = cairo_create (pages.surface);

  pdf_title_page (&pages, story);
  for (guint i = 0; i < n && done; i++)
    {
      done = !g_cancellable_set_error_if_cancelled (cancellable, error) && pdf_passage_page (&pages, story, i, error);
      if (done && progress)
        progress (i + 1, n, user_data);
    }
  if (done)
    pdf_sources_page (&pages, story);
  status = cairo_status (pages.cr);
  cairo_destroy (pages.cr);
  cairo_surface_finish (pages.surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (pages.surface);
  cairo_surface_destroy (pages.surface);
  if (done && status != CAIRO_STATUS_SUCCESS && !output->error)
    {
      /* Translators: a file's path, then cairo's reason, which is in English. */
      g_set_error (error, ATLAS_STORY_ERROR, ATLAS_STORY_ERROR_SAVE, _("Could not draw “%s”: %s"), output->path,
                   cairo_status_to_string (status));
      done = FALSE;
    }
  return done;
}

/* The web page */

/* Text as HTML text or an attribute's value: markup characters escaped,
 * and what HTML forbids even as a reference (controls other than
 * white space, noncharacters) replaced by U+FFFD. */
static void
append_html_text (GString    *html,
                  const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '&':
          g_string_append (html, "&amp;");
          break;
        case '<':
          g_string_append (html, "&lt;");
          break;
        case '>':
          g_string_append (html, "&gt;");
          break;
        case '"':
          g_string_append (html, "&quot;");
          break;
        case '\'':
          g_string_append (html, "&#39;");
          break;
        default:
          if ((c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7f && c <= 0x9f) || (c >= 0xfdd0 && c <= 0xfdef)
              || (c & 0xfffe) == 0xfffe)
            g_string_append_unichar (html, 0xfffd);
          else
            g_string_append_unichar (html, c);
        }
    }
}

static cairo_status_t
append_to_string (void                *closure,
                  const unsigned char *data,
                  unsigned int         length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A reference to an id in cairo's SVG: id="…", href="#…" or url(#…). */
static gboolean
prefix_reference (const GMatchInfo *match,
                  GString          *result,
                  gpointer          prefix)
{
  g_autofree char *before = g_match_info_fetch (match, 1);
  g_autofree char *name = g_match_info_fetch (match, 2);

  g_string_append_printf (result, "%s%s%s", before, (const char *) prefix, name);
  return FALSE;
}

/* chart drawn as SVG of width × height, made fit to sit in a web page
 * among others: no XML declaration, its ids given prefix (cairo numbers
 * them alike in every drawing), sized by the page, and read by screen
 * readers as one image, named by its title and described by what it
 * shows and its source line. css_class is its class. The chart's text
 * is drawn as shapes, so no cell or note reaches the markup but through
 * the escaped title and description. */
static gboolean
append_chart_svg (GString    *html,
                  AtlasChart *chart,
                  double      width,
                  double      height,
                  const char *prefix,
                  const char *css_class)
{
  const AtlasChartSpec *spec = atlas_chart_get_spec (chart);
  g_autoptr (GRegex) references = g_regex_new ("(\\bid=\"|\\bhref=\"#|url\\(#)([^\")]*)", 0, 0, NULL);
  g_autoptr (GString) svg = g_string_new (NULL);
  g_autofree char *prefixed = NULL;
  g_autofree char *summary = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  AtlasChartLayout *layout;
  const char *open, *open_end;
  cairo_status_t status;

  surface = cairo_svg_surface_create_for_stream (append_to_string, svg, width, height);
  cr = cairo_create (surface);
  layout = atlas_chart_render (chart, cr, width, height);
  summary = atlas_chart_summarize (layout);
  atlas_chart_layout_unref (layout);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    return FALSE;

  prefixed = g_regex_replace_eval (references, svg->str, (gssize) svg->len, 0, 0, prefix_reference, (gpointer) prefix,
                                   NULL);
  open = prefixed ? strstr (prefixed, "<svg") : NULL;
  open_end = open ? strchr (open, '>') : NULL;
  if (!open_end)
    return FALSE;
  /* cairo's opening gives way to one sized by the page. */
  g_string_append_printf (html,
                          "<svg class=\"chart %s\" viewBox=\"0 0 %g %g\" role=\"img\" "
                          "aria-labelledby=\"%stitle %sdesc\" xmlns=\"http://www.w3.org/2000/svg\" "
                          "xmlns:xlink=\"http://www.w3.org/1999/xlink\">",
                          css_class, width, height, prefix, prefix);
  g_string_append_printf (html, "<title id=\"%stitle\">", prefix);
  append_html_text (html, spec->title ? spec->title : "");
  g_string_append_printf (html, "</title><desc id=\"%sdesc\">", prefix);
  append_html_text (html, summary);
  if (spec->source && *spec->source)
    {
      g_string_append_c (html, ' ');
      /* Translators: before a chart's source line, for screen readers. */
      append_html_text (html, _("Source:"));
      g_string_append_c (html, ' ');
      append_html_text (html, spec->source);
    }
  g_string_append (html, "</desc>");
  g_string_append (html, open_end + 1);
  return TRUE;
}

/* The four drawings of a passage's chart: wide and narrow, light and
 * dark; the page's style shows the one that suits the reader. */
static gboolean
append_figure (GString    *html,
               AtlasChart *chart,
               guint       index)
{
  static const struct
  {
    const char *name;
    double width, height;
    gboolean dark;
  } drawings[] = {
    { "wide light", WIDE_CHART_WIDTH, WIDE_CHART_HEIGHT, FALSE },
    { "wide dark", WIDE_CHART_WIDTH, WIDE_CHART_HEIGHT, TRUE },
    { "narrow light", NARROW_CHART_WIDTH, NARROW_CHART_HEIGHT, FALSE },
    { "narrow dark", NARROW_CHART_WIDTH, NARROW_CHART_HEIGHT, TRUE },
  };

  g_string_append (html, "<figure>\n");
  for (guint d = 0; d < G_N_ELEMENTS (drawings); d++)
    {
      g_autofree char *prefix = g_strdup_printf ("p%u-%c%c-", index + 1, drawings[d].name[0],
                                                 drawings[d].dark ? 'd' : 'l');

      atlas_chart_set_look (chart, drawings[d].dark, FALSE);
      if (!append_chart_svg (html, chart, drawings[d].width, drawings[d].height, prefix, drawings[d].name))
        return FALSE;
      g_string_append_c (html, '\n');
    }
  g_string_append (html, "</figure>\n");
  return TRUE;
}

static void
append_paragraphs (GString    *html,
                   const char *text)
{
  g_auto (GStrv) paragraphs = NULL;
  gboolean heading;

  paragraphs = split_paragraphs (text, &heading);
  for (guint i = 0; paragraphs[i]; i++)
    {
      g_auto (GStrv) lines = g_strsplit (paragraphs[i], "\n", -1);

      g_string_append (html, i == 0 && heading ? "<h3>" : "<p>");
      for (guint l = 0; lines[l]; l++)
        {
          if (l > 0)
            g_string_append (html, "<br>");
          append_html_text (html, lines[l]);
        }
      g_string_append (html, i == 0 && heading ? "</h3>\n" : "</p>\n");
    }
}

/* The page's look: the charts' own background colours, light and dark,
 * so that each chart sits on the page without a box. */
static const char page_style[] = ":root{color-scheme:light dark;--text:#1d1d20;--muted:#5e5e66;--page:#ffffff;--rule:#deddda}"
                                 "@media (prefers-color-scheme:dark){:root{--text:#ececef;--muted:#a8a8b0;--page:#242428;--rule:#44444c}}"
                                 "html{background:var(--page);color:var(--text)}"
                                 "body{margin:0 auto;max-width:46rem;padding:1.5rem 1rem 3rem;"
                                 "font:1.0625rem/1.6 Georgia,'Noto Serif','DejaVu Serif',serif}"
                                 "h1,h2,h3,.attribution,footer{font-family:system-ui,Cantarell,'Noto Sans','DejaVu Sans',sans-serif}"
                                 "h1{font-size:1.9rem;line-height:1.2;margin:1rem 0 .5rem}"
                                 "h2{font-size:1.3rem;line-height:1.3;margin:.25rem 0 .5rem}"
                                 "h3{font-size:1.3rem;line-height:1.3;margin:.25rem 0 .5rem}"
                                 ".attribution,h2.count,footer{color:var(--muted);font-size:.9rem;font-weight:normal}"
                                 "section{border-top:1px solid var(--rule);margin-top:2rem;padding-top:1rem}"
                                 "figure{margin:1rem 0 0}"
                                 "svg.chart{display:none;width:100%;height:auto}"
                                 "@media (min-width:600px){svg.wide.light{display:block}}"
                                 "@media (max-width:599.98px){svg.narrow.light{display:block}}"
                                 "@media (min-width:600px) and (prefers-color-scheme:dark){svg.wide.light{display:none}svg.wide.dark{display:block}}"
                                 "@media (max-width:599.98px) and (prefers-color-scheme:dark){"
                                 "svg.narrow.light{display:none}svg.narrow.dark{display:block}}"
                                 "@media print{svg.chart{display:none!important}svg.wide.light{display:block!important}"
                                 "section{break-inside:avoid}}"
                                 "ol{padding-left:1.5rem}li{margin:.25rem 0}";

static gboolean
publish_html (AtlasStory           *story,
              PublishOutput        *output,
              AtlasPublishProgress  progress,
              gpointer              user_data,
              GCancellable         *cancellable,
              GError              **error)
{
  g_autoptr (GString) html = g_string_new (NULL);
  g_autoptr (GPtrArray) cited = NULL;
  guint n = atlas_story_get_n_passages (story);

  g_string_append (html, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
                         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                         "<meta name=\"generator\" content=\"Silicon Atlas\">\n<title>");
  append_html_text (html, atlas_story_get_title (story));
  g_string_append_printf (html, "</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n<header>\n<h1>", page_style);
  append_html_text (html, atlas_story_get_title (story));
  g_string_append (html, "</h1>\n");
  if (atlas_story_get_attribution (story))
    {
      g_string_append (html, "<p class=\"attribution\">");
      append_html_text (html, atlas_story_get_attribution (story));
      g_string_append (html, "</p>\n");
    }
  g_string_append (html, "</header>\n");
  output_write (output, html->str, html->len);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AtlasChart) chart = NULL;
      g_autofree char *count = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      chart = atlas_story_build_chart (story, i, error);
      if (!chart)
        return FALSE;
      g_string_truncate (html, 0);
      /* Translators: the passage's number, then how many the story has. */
      count = g_strdup_printf (_("Passage %u of %u"), i + 1, n);
      g_string_append_printf (html, "<section id=\"passage-%u\">\n<h2 class=\"count\">", i + 1);
      append_html_text (html, count);
      g_string_append (html, "</h2>\n");
      append_paragraphs (html, atlas_story_get_passage (story, i)->text);
      if (!append_figure (html, chart, i))
        {
          g_set_error (error, ATLAS_STORY_ERROR, ATLAS_STORY_ERROR_SAVE, _("Could not draw the chart of passage %u"),
                       i + 1);
          return FALSE;
        }
      g_string_append (html, "</section>\n");
      output_write (output, html->str, html->len);
      if (progress)
        progress (i + 1, n, user_data);
    }

  g_string_truncate (html, 0);
  cited = atlas_story_list_cited_sources (story);
  g_string_append (html, "<section id=\"sources\">\n<h2>");
  append_html_text (html, _("Sources"));
  g_string_append (html, "</h2>\n");
  if (cited->len == 0)
    {
      g_string_append (html, "<p>");
      append_html_text (html, _("The charts cite no sources."));
      g_string_append (html, "</p>\n");
    }
  else
    {
      g_string_append (html, "<ol>\n");
      for (guint i = 0; i < cited->len; i++)
        {
          g_string_append (html, "<li>");
          append_html_text (html, g_ptr_array_index (cited, i));
          g_string_append (html, "</li>\n");
        }
      g_string_append (html, "</ol>\n");
    }
  g_string_append (html, "</section>\n<footer>\n<p>");
  append_html_text (html, _("Published with Silicon Atlas"));
  g_string_append (html, "</p>\n</footer>\n</main>\n</body>\n</html>\n");
  output_write (output, html->str, html->len);
  return TRUE;
}

/* Publishes story at path, as a PDF on paper or as a web page, by the
 * path's extension. progress (NULL for none) hears of each passage done;
 * cancellable stops it between passages. Written whole or not at all. */
gboolean
atlas_story_publish (AtlasStory           *story,
                     const char           *path,
                     AtlasPaperSize        paper,
                     AtlasPublishProgress  progress,
                     gpointer              user_data,
                     GCancellable         *cancellable,
                     GError              **error)
{
  PublishOutput output = { 0 };
  AtlasPublishFormat format;
  GError *local_error = NULL;
  gboolean existed;

  g_return_val_if_fail (story != NULL && path != NULL, FALSE);

  if (!atlas_publish_format_from_path (path, &format))
    {
      g_set_error (error, ATLAS_STORY_ERROR, ATLAS_STORY_ERROR_SAVE,
                   _("Cannot tell the format of “%s”: name it .pdf or .html"), path);
      return FALSE;
    }
  if (atlas_story_get_n_passages (story) == 0)
    {
      g_set_error (error, ATLAS_STORY_ERROR, ATLAS_STORY_ERROR_INVALID, _("The story has no passages to publish"));
      return FALSE;
    }
  /* g_file_replace() writes a file that is not there yet in place:
   * dropped, it is removed. */
  existed = g_file_test (path, G_FILE_TEST_EXISTS);
  if (!output_open (&output, path, error))
    return FALSE;
  if (format == ATLAS_PUBLISH_PDF)
    publish_pdf (story, &output, paper, progress, user_data, cancellable, &local_error);
  else
    publish_html (story, &output, progress, user_data, cancellable, &local_error);
  if (!output_close (&output, &local_error))
    {
      if (!existed)
        g_unlink (path);
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}
