/* atlas-text-encoding.h: which character encoding a CSV file is in, and the way to UTF-8. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  ATLAS_TEXT_ENCODING_UTF8,
  ATLAS_TEXT_ENCODING_UTF16LE,
  ATLAS_TEXT_ENCODING_UTF16BE,
  ATLAS_TEXT_ENCODING_WINDOWS_1252,
  ATLAS_TEXT_ENCODING_ISO_8859_1,
  ATLAS_TEXT_ENCODING_GB18030,
} AtlasTextEncoding;

typedef enum
{
  ATLAS_TEXT_KIND_TEXT,
  ATLAS_TEXT_KIND_BINARY,
} AtlasTextKind;

AtlasTextEncoding atlas_text_encoding_detect       (const guint8 *head,
                                                    gsize         len,
                                                    gboolean      head_is_whole_file,
                                                    gsize        *out_bom_len);
gsize             atlas_text_encoding_bom_length   (const guint8 *head,
                                                    gsize         len,
                                                    AtlasTextEncoding encoding);
AtlasTextKind     atlas_text_encoding_classify     (const guint8 *head,
                                                    gsize         len,
                                                    AtlasTextEncoding encoding,
                                                    gsize        *out_offending_offset);
const char       *atlas_text_encoding_get_name     (AtlasTextEncoding encoding);
GConverter       *atlas_text_encoding_new_converter (AtlasTextEncoding encoding);

G_END_DECLS
