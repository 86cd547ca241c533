/* test-text-encoding.c: byte order marks, UTF-16, GB18030, Windows-1252, Latin-1 and binary files. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "atlas-text-encoding.h"

static AtlasTextEncoding
detect (const char *bytes,
        gsize       len,
        gsize      *bom_len)
{
  return atlas_text_encoding_detect ((const guint8 *) bytes, len, TRUE, bom_len);
}

static char *
encode (const char *utf8,
        const char *charset,
        gsize      *out_len)
{
  g_autoptr (GError) error = NULL;
  char *bytes = g_convert (utf8, -1, charset, "UTF-8", NULL, out_len, &error);

  g_assert_no_error (error);
  return bytes;
}

static void
test_boms (void)
{
  gsize bom_len;

  g_assert_cmpint (detect ("\xef\xbb\xbf" "a,b\n", 7, &bom_len), ==, ATLAS_TEXT_ENCODING_UTF8);
  g_assert_cmpuint (bom_len, ==, 3);
  g_assert_cmpint (detect ("\xff\xfe" "a\0,\0", 6, &bom_len), ==, ATLAS_TEXT_ENCODING_UTF16LE);
  g_assert_cmpuint (bom_len, ==, 2);
  g_assert_cmpint (detect ("\xfe\xff\0a\0,", 6, &bom_len), ==, ATLAS_TEXT_ENCODING_UTF16BE);
  g_assert_cmpuint (bom_len, ==, 2);
  g_assert_cmpint (detect ("a,b\n1,2\n", 8, &bom_len), ==, ATLAS_TEXT_ENCODING_UTF8);
  g_assert_cmpuint (bom_len, ==, 0);

  /* A forced encoding skips only its own mark. */
  g_assert_cmpuint (atlas_text_encoding_bom_length ((const guint8 *) "\xff\xfe" "a\0", 4, ATLAS_TEXT_ENCODING_UTF16LE),
                    ==, 2);
  g_assert_cmpuint (atlas_text_encoding_bom_length ((const guint8 *) "\xff\xfe" "a\0", 4, ATLAS_TEXT_ENCODING_UTF16BE),
                    ==, 0);
  g_assert_cmpuint (atlas_text_encoding_bom_length ((const guint8 *) "\xef\xbb\xbf" "a", 4,
                                                    ATLAS_TEXT_ENCODING_WINDOWS_1252),
                    ==, 0);
}

static void
test_utf16_without_bom (void)
{
  gsize len, bom_len;
  g_autofree char *le = encode ("year,value\n2020,1.5\n", "UTF-16LE", &len);
  g_autofree char *be = encode ("year,value\n2020,1.5\n", "UTF-16BE", &len);

  g_assert_cmpint (detect (le, len, &bom_len), ==, ATLAS_TEXT_ENCODING_UTF16LE);
  g_assert_cmpint (detect (be, len, &bom_len), ==, ATLAS_TEXT_ENCODING_UTF16BE);
}

static void
test_legacy (void)
{
  gsize len, bom_len;
  g_autofree char *gb = encode ("省份,产能\n上海,12\n北京,7\n", "GB18030", &len);
  g_autofree char *cp1252 = encode ("city,note\nMünchen,“quoted” café\n", "WINDOWS-1252", &len);
  /* 0x81 is undefined in Windows-1252: such a file can only be Latin-1. */
  static const char latin1[] = "name\nAndr\xe9\x81\n";

  g_assert_cmpint (detect (gb, strlen (gb), &bom_len), ==, ATLAS_TEXT_ENCODING_GB18030);
  g_assert_cmpint (detect (cp1252, strlen (cp1252), &bom_len), ==, ATLAS_TEXT_ENCODING_WINDOWS_1252);
  g_assert_cmpint (detect (latin1, strlen (latin1), &bom_len), ==, ATLAS_TEXT_ENCODING_ISO_8859_1);
}

static void
test_cut_sample (void)
{
  gsize bom_len;
  /* A sample that ends inside a multi-byte character is still UTF-8. */
  static const char cut[] = "name\n\xe4\xb8\x8a\xe6\xb5";

  g_assert_cmpint (atlas_text_encoding_detect ((const guint8 *) cut, strlen (cut), FALSE, &bom_len), ==,
                   ATLAS_TEXT_ENCODING_UTF8);
}

static void
test_binary (void)
{
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  static const char text[] = "a,b\n1,2\n";
  gsize offset = 0;

  g_assert_cmpint (atlas_text_encoding_classify ((const guint8 *) png, sizeof png - 1,
                                                 ATLAS_TEXT_ENCODING_UTF8, &offset),
                   ==, ATLAS_TEXT_KIND_BINARY);
  g_assert_cmpuint (offset, ==, 8);
  g_assert_cmpint (atlas_text_encoding_classify ((const guint8 *) text, sizeof text - 1,
                                                 ATLAS_TEXT_ENCODING_UTF8, &offset),
                   ==, ATLAS_TEXT_KIND_TEXT);
}

static void
test_converter (void)
{
  g_autoptr (GConverter) converter = atlas_text_encoding_new_converter (ATLAS_TEXT_ENCODING_GB18030);
  gsize len;
  g_autofree char *gb = encode ("上海", "GB18030", &len);
  char out[32];
  gsize read, written;
  g_autoptr (GError) error = NULL;

  g_assert_null (atlas_text_encoding_new_converter (ATLAS_TEXT_ENCODING_UTF8));
  g_assert_nonnull (converter);
  g_assert_cmpint (g_converter_convert (converter, gb, len, out, sizeof out,
                                        G_CONVERTER_INPUT_AT_END | G_CONVERTER_FLUSH, &read, &written, &error),
                   !=, G_CONVERTER_ERROR);
  g_assert_no_error (error);
  g_assert_cmpuint (read, ==, len);
  g_assert_cmpmem (out, written, "上海", strlen ("上海"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/text-encoding/boms", test_boms);
  g_test_add_func ("/text-encoding/utf16-without-bom", test_utf16_without_bom);
  g_test_add_func ("/text-encoding/legacy", test_legacy);
  g_test_add_func ("/text-encoding/cut-sample", test_cut_sample);
  g_test_add_func ("/text-encoding/binary", test_binary);
  g_test_add_func ("/text-encoding/converter", test_converter);
  return g_test_run ();
}
