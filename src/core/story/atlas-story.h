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
  ATLAS_STORY_ERROR_OUTSIDE_FOLDER, /* it names data outside its folder, and was not let read it */
  ATLAS_STORY_ERROR_SAVE,
} AtlasStoryError;

typedef enum
{
  ATLAS_STORY_OPEN_DEFAULT = 0,
  /* Read data the story names outside its own folder (an absolute path,
   * or ".." past the folder): only for a story the person trusts. */
  ATLAS_STORY_OPEN_READ_OUTSIDE = 1 << 0,
} AtlasStoryOpenFlags;

/* A passage of the article, and the chart it links to. */
typedef struct
{
  guint line;    /* of the [Passage N] header, for messages */
  char *text;
  AtlasChartDefinition *chart;
} AtlasStoryPassage;

typedef struct _AtlasStory AtlasStory;

GQuark            atlas_story_error_quark   (void);

AtlasStory       *atlas_story_new           (const char  *title,
                                             const char  *attribution,
                                             const char  *builtin_datasets_dir);
AtlasStory       *atlas_story_open          (const char          *path,
                                             const char          *builtin_datasets_dir,
                                             AtlasStoryOpenFlags  flags,
                                             const AtlasStory    *earlier,
                                             GError             **error);
AtlasStory       *atlas_story_load          (const char  *path,
                                             GError     **error);
GStrv             atlas_story_list_files_outside (const char  *path,
                                                  const char  *builtin_datasets_dir,
                                                  GError     **error);
AtlasStory       *atlas_story_load_reusing  (const char  *path,
                                             const AtlasStory *earlier,
                                             GError     **error);
AtlasStory       *atlas_story_copy          (const AtlasStory *story);
void              atlas_story_free          (AtlasStory  *story);
gboolean          atlas_story_save          (AtlasStory  *story,
                                             const char  *path,
                                             GError     **error);
const char       *atlas_story_get_path      (const AtlasStory *story);
gboolean          atlas_story_get_modified  (const AtlasStory *story);
const char       *atlas_story_get_title     (const AtlasStory *story);
void              atlas_story_set_title     (AtlasStory  *story,
                                             const char  *title);
void              atlas_story_set_attribution (AtlasStory *story,
                                               const char *attribution);
void              atlas_story_insert_passage (AtlasStory                 *story,
                                              guint                       index,
                                              const char                 *text,
                                              const AtlasChartDefinition *chart);
void              atlas_story_set_passage_text (AtlasStory *story,
                                                guint       index,
                                                const char *text);
void              atlas_story_set_passage_chart (AtlasStory                 *story,
                                                 guint                       index,
                                                 const AtlasChartDefinition *chart);
void              atlas_story_move_passage  (AtlasStory  *story,
                                             guint        from,
                                             guint        to);
void              atlas_story_remove_passage (AtlasStory *story,
                                              guint       index);
GPtrArray        *atlas_story_list_cited_sources (AtlasStory *story);
GPtrArray        *atlas_story_list_data_outside (AtlasStory *story,
                                                 const char *folder);
gboolean          atlas_story_gather_data   (AtlasStory  *story,
                                             const char  *folder,
                                             GError     **error);
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
