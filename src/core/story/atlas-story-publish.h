/* atlas-story-publish.h: a story published for people without the app: a PDF to print, or one web page. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-story.h"

G_BEGIN_DECLS

typedef enum
{
  ATLAS_PUBLISH_PDF,
  ATLAS_PUBLISH_HTML,
} AtlasPublishFormat;

typedef enum
{
  ATLAS_PAPER_A4,
  ATLAS_PAPER_LETTER,
} AtlasPaperSize;

/* Called as each passage is done (in the thread that publishes). */
typedef void (*AtlasPublishProgress) (guint    done,
                                      guint    total,
                                      gpointer user_data);

gboolean       atlas_publish_format_from_path (const char         *path,
                                               AtlasPublishFormat *out_format);
gboolean       atlas_paper_size_from_string   (const char         *name,
                                               AtlasPaperSize     *out_paper);
AtlasPaperSize atlas_paper_size_for_locale    (void);
gboolean       atlas_story_publish            (AtlasStory           *story,
                                               const char           *path,
                                               AtlasPaperSize        paper,
                                               AtlasPublishProgress  progress,
                                               gpointer              user_data,
                                               GCancellable         *cancellable,
                                               GError              **error);

G_END_DECLS
