/* atlas-text-encoding.c: encoding detection (BOMs, UTF-8 validity, Windows-1252 vs GB18030). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-text-encoding.h"

#include <string.h>

static gboolean
utf8_valid_but_for_cut_tail (const guint8 *head,
                             gsize         len,
                             gboolean      head_is_whole_file)
{
  const char *end = NULL;

  if (g_utf8_validate_len ((const char *) head, len, &end))
    return TRUE;
  /* The sample may stop inside a multi-byte character. */
  return !head_is_whole_file && (gsize) (end - (const char *) head) + 4 > len
         && g_utf8_get_char_validated (end, len - (end - (const char *) head)) == (gunichar) -2;
}

/* UTF-8 with a few broken bytes (a field pasted from elsewhere, a cut in
 * the middle of a character): many valid multi-byte characters, and at
 * most a third as many bytes that are not. Read as UTF-8, the broken bytes
 * show as U+FFFD with a problem each; read as Windows-1252, every good
 * character would turn to mojibake instead. */
static gboolean
utf8_mostly_valid (const guint8 *head,
                   gsize         len)
{
  const char *p = (const char *) head, *end = p + len;
  gsize valid = 0, broken = 0;

  while (p < end)
    {
      gunichar c;

      if ((guint8) *p < 0x80)
        {
          p++;
          continue;
        }
      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          broken++;
          p++;
          continue;
        }
      valid++;
      p = g_utf8_next_char (p);
    }
  return valid >= 4 && valid >= broken;
}

static gboolean
is_cjk (gunichar c)
{
  return (c >= 0x4e00 && c <= 0x9fff)     /* unified ideographs */
         || (c >= 0x3400 && c <= 0x4dbf)  /* extension A */
         || (c >= 0x3000 && c <= 0x303f)  /* CJK punctuation */
         || (c >= 0xff00 && c <= 0xffef); /* fullwidth forms */
}

/* Decodes the sample as GB18030 and returns the share of non-ASCII
 * characters that are Chinese; -1 when the bytes are not GB18030 at all.
 * Latin-1 accents can decode as ideographs too ("é" + "t"), but those sit
 * between Latin letters, where Chinese text rarely puts one: ideographs
 * touching a Latin letter do not count as Chinese. */
static double
gb18030_cjk_share (const guint8 *head,
                   gsize         len,
                   gboolean      head_is_whole_file)
{
  GIConv conv = g_iconv_open ("UTF-8", "GB18030");
  gchar *in = (gchar *) head;
  gsize in_left = len;
  gsize out_size = len * 2 + 16;
  g_autofree gchar *out = g_malloc (out_size);
  gchar *out_p = out;
  gsize out_left = out_size;
  guint cjk = 0, other = 0;

  if (conv == (GIConv) -1)
    return -1;
  if (g_iconv (conv, &in, &in_left, &out_p, &out_left) == (gsize) -1)
    {
      /* An incomplete character at the cut end of a sample is fine. */
      if (errno != EINVAL || head_is_whole_file)
        {
          g_iconv_close (conv);
          return -1;
        }
    }
  g_iconv_close (conv);

  for (const char *p = out, *prev = NULL; p < out_p; prev = p, p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);
      gboolean touches_latin = (prev && g_ascii_isalpha (*prev)) || (next < out_p && g_ascii_isalpha (*next));

      if (c < 0x80)
        continue;
      if (is_cjk (c) && !touches_latin)
        cjk++;
      else
        other++;
    }
  if (cjk + other == 0)
    return -1;
  return (double) cjk / (cjk + other);
}

/* Bytes that Windows-1252 leaves undefined; a file with them is Latin-1. */
static gboolean
has_bytes_undefined_in_windows_1252 (const guint8 *head,
                                     gsize         len)
{
  for (gsize i = 0; i < len; i++)
    if (head[i] == 0x81 || head[i] == 0x8d || head[i] == 0x8f || head[i] == 0x90 || head[i] == 0x9d)
      return TRUE;
  return FALSE;
}

/* UTF-16 without a byte order mark: ASCII text leaves every other byte zero. */
static gboolean
looks_like_utf16 (const guint8 *head,
                  gsize         len,
                  gsize         zero_parity)
{
  gsize zeros = 0, pairs;

  /* The first few kilobytes tell; the rest would only cost time. */
  len = MIN (len, 4096);
  pairs = len / 2;
  if (pairs < 4)
    return FALSE;
  for (gsize i = 0; i + 1 < len; i += 2)
    if (head[i + zero_parity] == 0 && head[i + 1 - zero_parity] != 0)
      zeros++;
  return zeros * 10 >= pairs * 9;
}

static const struct
{
  AtlasTextEncoding encoding;
  const char *bytes;
  gsize len;
} byte_order_marks[] = {
  { ATLAS_TEXT_ENCODING_UTF8, "\xef\xbb\xbf", 3 },
  { ATLAS_TEXT_ENCODING_UTF16LE, "\xff\xfe", 2 },
  { ATLAS_TEXT_ENCODING_UTF16BE, "\xfe\xff", 2 },
  /* U+FEFF in GB18030: four bytes that Windows-1252 would show as „1•3. */
  { ATLAS_TEXT_ENCODING_GB18030, "\x84\x31\x95\x33", 4 },
};

/* The length of the byte order mark of encoding at the start of head; 0
 * when there is none, or the encoding has no such mark. */
gsize
atlas_text_encoding_bom_length (const guint8      *head,
                                gsize              len,
                                AtlasTextEncoding  encoding)
{
  for (gsize i = 0; i < G_N_ELEMENTS (byte_order_marks); i++)
    if (byte_order_marks[i].encoding == encoding && len >= byte_order_marks[i].len
        && memcmp (head, byte_order_marks[i].bytes, byte_order_marks[i].len) == 0)
      return byte_order_marks[i].len;
  return 0;
}

AtlasTextEncoding
atlas_text_encoding_detect (const guint8 *head,
                            gsize         len,
                            gboolean      head_is_whole_file,
                            gsize        *out_bom_len)
{
  double cjk_share;

  for (gsize i = 0; i < G_N_ELEMENTS (byte_order_marks); i++)
    {
      *out_bom_len = atlas_text_encoding_bom_length (head, len, byte_order_marks[i].encoding);
      if (*out_bom_len > 0)
        return byte_order_marks[i].encoding;
    }
  if (looks_like_utf16 (head, len, 1))
    return ATLAS_TEXT_ENCODING_UTF16LE;
  if (looks_like_utf16 (head, len, 0))
    return ATLAS_TEXT_ENCODING_UTF16BE;
  if (utf8_valid_but_for_cut_tail (head, len, head_is_whole_file) || utf8_mostly_valid (head, len))
    return ATLAS_TEXT_ENCODING_UTF8;

  cjk_share = gb18030_cjk_share (head, len, head_is_whole_file);
  if (cjk_share >= 0.5)
    return ATLAS_TEXT_ENCODING_GB18030;
  if (has_bytes_undefined_in_windows_1252 (head, len))
    return ATLAS_TEXT_ENCODING_ISO_8859_1;
  return ATLAS_TEXT_ENCODING_WINDOWS_1252;
}

/* Text files hold no NUL bytes and few control characters; anything else
 * is binary (a spreadsheet, an image, a compressed file) and is refused
 * before it can fill a table with garbage. */
AtlasTextKind
atlas_text_encoding_classify (const guint8      *head,
                              gsize              len,
                              AtlasTextEncoding  encoding,
                              gsize             *out_offending_offset)
{
  gsize controls = 0;

  if (encoding == ATLAS_TEXT_ENCODING_UTF16LE || encoding == ATLAS_TEXT_ENCODING_UTF16BE)
    return ATLAS_TEXT_KIND_TEXT;

  for (gsize i = 0; i < len; i++)
    {
      guint8 c = head[i];
      if (c == 0)
        {
          *out_offending_offset = i;
          return ATLAS_TEXT_KIND_BINARY;
        }
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
        {
          if (controls++ == 0)
            *out_offending_offset = i;
        }
    }
  if (controls * 100 > len)
    return ATLAS_TEXT_KIND_BINARY;
  return ATLAS_TEXT_KIND_TEXT;
}

const char *
atlas_text_encoding_get_name (AtlasTextEncoding encoding)
{
  switch (encoding)
    {
    case ATLAS_TEXT_ENCODING_UTF8:
      return "UTF-8";
    case ATLAS_TEXT_ENCODING_UTF16LE:
      return "UTF-16LE";
    case ATLAS_TEXT_ENCODING_UTF16BE:
      return "UTF-16BE";
    case ATLAS_TEXT_ENCODING_WINDOWS_1252:
      return "windows-1252";
    case ATLAS_TEXT_ENCODING_ISO_8859_1:
      return "ISO-8859-1";
    case ATLAS_TEXT_ENCODING_GB18030:
      return "GB18030";
    default:
      g_return_val_if_reached ("UTF-8");
    }
}

/* NULL for UTF-8, which needs no conversion. */
GConverter *
atlas_text_encoding_new_converter (AtlasTextEncoding encoding)
{
  GCharsetConverter *converter;

  if (encoding == ATLAS_TEXT_ENCODING_UTF8)
    return NULL;
  converter = g_charset_converter_new ("UTF-8", atlas_text_encoding_get_name (encoding), NULL);
  if (converter)
    g_charset_converter_set_use_fallback (converter, TRUE);
  return G_CONVERTER (converter);
}
