/* atlas-story.h: an article's passages, each linked to a chart state over the datasets, read from a .story file. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "atlas-chart-context.h"

G_BEGIN_DECLS

#define ATLAS_STORY_ERROR (atlas_story_error_quark ())

typedef enum
{
  ATLAS_STORY_ERROR_INVALID,
  ATLAS_STORY_ERROR_BROKEN_REFERENCE,
} AtlasStoryError;

/* A passage of the article, and the chart it links to. */
typedef struct
{
  guint line;    /* of the [Passage N] header, for messages */
  char *text;
  AtlasChartDefinition *chart;
} AtlasStoryPassage;

typedef struct _AtlasStory AtlasStory;

GQuark            atlas_story_error_quark   (void);

AtlasStory       *atlas_story_load          (const char  *path,
                                             GError     **error);
AtlasStory       *atlas_story_load_reusing  (const char  *path,
                                             const AtlasStory *earlier,
                                             GError     **error);
void              atlas_story_free          (AtlasStory  *story);
const char       *atlas_story_get_title     (const AtlasStory *story);
GHashTable       *atlas_story_get_sources   (const AtlasStory *story);
GPtrArray        *atlas_story_list_publishers (const AtlasStory *story);
const char       *atlas_story_get_attribution (const AtlasStory *story);
guint             atlas_story_get_n_passages (const AtlasStory *story);
const AtlasStoryPassage *atlas_story_get_passage (const AtlasStory *story,
                                                  guint             index);
AtlasChart       *atlas_story_build_chart   (AtlasStory  *story,
                                             guint        index,
                                             GError     **error);
AtlasChart       *atlas_story_build_dataset_chart (AtlasStory  *story,
                                                   const char  *dataset,
                                                   GError     **error);
const char       *atlas_story_get_datasets_dir (const AtlasStory *story);
AtlasChartContext *atlas_story_get_context   (const AtlasStory *story);
AtlasChartDefinition *atlas_story_export_passage (AtlasStory *story,
                                                  guint       index,
                                                  const char *builtin_datasets_dir);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasStory, atlas_story_free)

G_END_DECLS
