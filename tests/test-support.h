/* test-support.h: what the engine's tests share: a table from CSV text, a render's pixels hashed, a temporary folder gone, caches let go. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-chart.h"
#include "atlas-story.h"
#include "atlas-table.h"

G_BEGIN_DECLS

AtlasTable *test_load_table          (const char *dir,
                                      const char *name,
                                      const char *text);
char       *test_render_hash         (AtlasChart *chart,
                                      int         width,
                                      int         height);
gboolean    test_remove_dir          (const char *dir);
GPtrArray  *test_describe_story      (AtlasStory *story);
char       *test_write_file          (const char *dir,
                                      const char *name,
                                      const char *contents);
void        test_release_font_caches (void);

G_END_DECLS
