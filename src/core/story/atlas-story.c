/* atlas-story.c: reads a .story key file, resolves every reference, and builds each passage's chart. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-story.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "atlas-located-error.h"
#include "atlas-table.h"

G_DEFINE_QUARK (atlas-story-error-quark, atlas_story_error)

struct _AtlasStory
{
  char *path;
  char *contents;
  char *title;
  char *attribution;
  AtlasChartContext *context; /* the story's datasets, their sources and the tables read */
  GPtrArray *passages;        /* AtlasStoryPassage */
};

static void
passage_free (gpointer data)
{
  AtlasStoryPassage *passage = data;

  g_free (passage->text);
  g_clear_pointer (&passage->chart, atlas_chart_definition_free);
  g_free (passage);
}

void
atlas_story_free (AtlasStory *story)
{
  if (!story)
    return;
  g_free (story->path);
  g_free (story->contents);
  g_free (story->title);
  g_free (story->attribution);
  g_clear_pointer (&story->context, atlas_chart_context_unref);
  g_clear_pointer (&story->passages, g_ptr_array_unref);
  g_free (story);
}

#define set_story_error(error, code, story, line, ...)                                                   \
  atlas_set_located_error (error, ATLAS_STORY_ERROR, code, (story)->path, line, 1, __VA_ARGS__)

/* Reads key of [Story] into value (NULL when the key is absent). A value
 * that is there but cannot be read (not UTF-8, a broken escape) is an
 * error at its line, never taken for an absent key. */
static gboolean
read_story_key (AtlasStory  *story,
                GKeyFile    *keys,
                const char  *key,
                char       **value,
                GError     **error)
{
  g_autofree char *why = NULL;

  if (atlas_key_file_read_string (keys, "Story", key, value, &why))
    return TRUE;
  set_story_error (error, ATLAS_STORY_ERROR_INVALID, story, atlas_key_file_key_line (story->contents, "Story", key),
                   /* Translators: a key of the .story file, then why its value cannot be read. */
                   _("[Story] %s: %s"), key, why);
  return FALSE;
}

/* A passage: its Text, and a chart in the chart language. */
static AtlasStoryPassage *
parse_passage (AtlasStory  *story,
               GKeyFile    *keys,
               const char  *group,
               GError     **error)
{
  static const char *const passage_keys[] = { "Text", NULL };
  g_autoptr (AtlasChartDefinition) chart = NULL;
  g_autofree char *why = NULL;
  AtlasStoryPassage *passage;
  char *text = NULL;

  if (!atlas_key_file_read_string (keys, group, "Text", &text, &why))
    {
      set_story_error (error, ATLAS_STORY_ERROR_INVALID, story, atlas_key_file_key_line (story->contents, group, "Text"),
                       /* Translators: a passage's group, then why its Text cannot be read. */
                       _("[%s] Text: %s"), group, why);
      return NULL;
    }
  if (!text)
    {
      set_story_error (error, ATLAS_STORY_ERROR_INVALID, story, atlas_key_file_group_line (story->contents, group),
                       _("[%s] needs the Text of its passage"), group);
      return NULL;
    }
  chart = atlas_chart_definition_read (keys, story->contents, story->path, group, passage_keys, error);
  if (!chart
      || !atlas_chart_definition_check_sources (chart, atlas_chart_context_get_sources (story->context, NULL), TRUE,
                                                error))
    {
      g_free (text);
      return NULL;
    }
  passage = g_new0 (AtlasStoryPassage, 1);
  passage->line = atlas_key_file_group_line (story->contents, group);
  passage->text = text;
  passage->chart = g_steal_pointer (&chart);
  return passage;
}

/* Every publisher the story's datasets cite, once each, in the locale's
 * order: for crediting them. */
GPtrArray *
atlas_story_list_publishers (const AtlasStory *story)
{
  g_return_val_if_fail (story != NULL, NULL);
  return atlas_chart_context_list_publishers (story->context);
}

/* The chart of passage index (0-based), every reference resolved. */
AtlasChart *
atlas_story_build_chart (AtlasStory  *story,
                         guint        index,
                         GError     **error)
{
  const AtlasStoryPassage *passage;
  g_autoptr (AtlasTable) table = NULL;

  g_return_val_if_fail (story != NULL && index < story->passages->len, NULL);

  passage = g_ptr_array_index (story->passages, index);
  table = atlas_chart_context_read_table (story->context, passage->chart, error);
  return table ? atlas_chart_context_build (story->context, passage->chart, table, error) : NULL;
}

/* The chart a dataset's description asks to open on, in its [Chart]
 * group in the chart language; a new, empty definition where it asks for
 * none; NULL with error where its [Chart] is wrong. */
static AtlasChartDefinition *
read_dataset_chart (AtlasStory  *story,
                    const char  *dataset,
                    GError     **error)
{
  g_autofree char *csv = atlas_chart_context_get_dataset_path (story->context, dataset);
  g_autofree char *stem = g_str_has_suffix (csv, ".csv") ? g_strndup (csv, strlen (csv) - 4) : g_strdup (csv);
  g_autofree char *path = g_strconcat (stem, ".dataset", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GKeyFile) keys = g_key_file_new ();

  if (!g_file_get_contents (path, &contents, NULL, NULL)
      || !g_key_file_load_from_data (keys, contents, -1, G_KEY_FILE_NONE, NULL)
      || !g_key_file_has_group (keys, ATLAS_CHART_FILE_GROUP))
    return atlas_chart_definition_new ();
  /* The chart is of the dataset the description describes. */
  g_key_file_set_string (keys, ATLAS_CHART_FILE_GROUP, "Dataset", dataset);
  return atlas_chart_definition_read (keys, contents, path, ATLAS_CHART_FILE_GROUP, NULL, error);
}

/* A built-in dataset's own chart, as the sidebar opens it: the chart its
 * description asks for, else the one the reader suggests for its
 * columns, titled and credited from its description. */
AtlasChart *
atlas_story_build_dataset_chart (AtlasStory  *story,
                                 const char  *dataset,
                                 GError     **error)
{
  g_autoptr (AtlasChartDefinition) definition = NULL;
  g_autoptr (AtlasTable) table = NULL;

  g_return_val_if_fail (story != NULL && dataset != NULL, NULL);

  definition = read_dataset_chart (story, dataset, error);
  if (!definition)
    return NULL;
  g_free (definition->dataset);
  definition->dataset = g_strdup (dataset);
  table = atlas_chart_context_read_table (story->context, definition, error);
  return table ? atlas_chart_context_build (story->context, definition, table, error) : NULL;
}

/* Passage index's chart, to be written on its own: it keeps naming its
 * datasets by id where they are the built-in ones (those in
 * builtin_datasets_dir), and names their files otherwise, with the title
 * and source line they give it. */
AtlasChartDefinition *
atlas_story_export_passage (AtlasStory *story,
                            guint       index,
                            const char *builtin_datasets_dir)
{
  const AtlasStoryPassage *passage;
  AtlasChartDefinition *chart;
  g_autofree char *ours = NULL;
  g_autofree char *builtin = NULL;

  g_return_val_if_fail (story != NULL && index < story->passages->len, NULL);

  passage = g_ptr_array_index (story->passages, index);
  chart = atlas_chart_definition_copy (passage->chart);
  ours = g_canonicalize_filename (atlas_chart_context_get_datasets_dir (story->context), NULL);
  builtin = builtin_datasets_dir ? g_canonicalize_filename (builtin_datasets_dir, NULL) : NULL;
  if (builtin && g_str_equal (ours, builtin))
    return chart;
  if (chart->dataset)
    {
      g_autofree char *path = atlas_chart_context_get_dataset_path (story->context, chart->dataset);
      if (!chart->title)
        chart->title = atlas_chart_context_get_dataset_title (story->context, chart->dataset);
      if (!chart->source)
        chart->source = atlas_chart_context_describe_sources (story->context, chart->dataset);
      atlas_chart_definition_set_data (chart, path);
    }
  if (chart->events_dataset)
    {
      chart->events_data = atlas_chart_context_get_dataset_path (story->context, chart->events_dataset);
      g_clear_pointer (&chart->events_dataset, g_free);
    }
  return chart;
}

/* Where the story's datasets are, each a CSV beside its .dataset file. */
const char *
atlas_story_get_datasets_dir (const AtlasStory *story)
{
  g_return_val_if_fail (story != NULL, NULL);
  return atlas_chart_context_get_datasets_dir (story->context);
}

/* What the story's charts refer to: its datasets and their sources. */
AtlasChartContext *
atlas_story_get_context (const AtlasStory *story)
{
  g_return_val_if_fail (story != NULL, NULL);
  return story->context;
}

/* Reads the story at path and checks every reference in it: datasets,
 * columns, x values, series and sources. */
AtlasStory *
atlas_story_load (const char  *path,
                  GError     **error)
{
  return atlas_story_load_reusing (path, NULL, error);
}

/* atlas_story_load(), taking what it can from earlier (NULL: nothing)
 * instead of reading the datasets again. Their files are not looked at:
 * the caller knows they are unchanged. */
AtlasStory *
atlas_story_load_reusing (const char       *path,
                          const AtlasStory *earlier,
                          GError          **error)
{
  g_autoptr (AtlasStory) story = g_new0 (AtlasStory, 1);
  g_autoptr (GKeyFile) keys = g_key_file_new ();
  g_autoptr (GError) local_error = NULL;
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *datasets = NULL;
  g_autofree char *datasets_dir = NULL;
  gsize len;

  g_return_val_if_fail (path != NULL, NULL);

  story->path = g_strdup (path);
  story->passages = g_ptr_array_new_with_free_func (passage_free);
  if (!g_file_get_contents (path, &story->contents, &len, &local_error)
      || !g_key_file_load_from_data (keys, story->contents, len, G_KEY_FILE_NONE, &local_error))
    {
      set_story_error (error, ATLAS_STORY_ERROR_INVALID, story, 1, "%s", local_error->message);
      return NULL;
    }
  if (!read_story_key (story, keys, "Title", &story->title, error)
      || !read_story_key (story, keys, "Attribution", &story->attribution, error)
      || !read_story_key (story, keys, "Datasets", &datasets, error))
    return NULL;
  if (!story->title || !datasets)
    {
      set_story_error (error, ATLAS_STORY_ERROR_INVALID, story, atlas_key_file_group_line (story->contents, "Story"),
                       _("[Story] needs a Title and a Datasets folder"));
      return NULL;
    }
  datasets_dir = g_path_is_absolute (datasets) ? g_strdup (datasets) : g_build_filename (folder, datasets, NULL);
  if (earlier && g_str_equal (atlas_chart_context_get_datasets_dir (earlier->context), datasets_dir))
    story->context = atlas_chart_context_ref (earlier->context);
  else
    story->context = atlas_chart_context_new (datasets_dir);
  if (!atlas_chart_context_get_sources (story->context, &local_error))
    {
      set_story_error (error, ATLAS_STORY_ERROR_BROKEN_REFERENCE, story, atlas_key_file_group_line (story->contents, "Story"),
                       "%s", local_error->message);
      return NULL;
    }

  for (guint n = 1;; n++)
    {
      g_autofree char *group = g_strdup_printf ("Passage %u", n);
      AtlasStoryPassage *passage;

      if (!g_key_file_has_group (keys, group))
        break;
      passage = parse_passage (story, keys, group, error);
      if (!passage)
        return NULL;
      g_ptr_array_add (story->passages, passage);
    }
  if (story->passages->len == 0)
    {
      set_story_error (error, ATLAS_STORY_ERROR_INVALID, story, 1, _("the story has no [Passage 1]"));
      return NULL;
    }
  /* Every reference is checked now, not when a reader comes to it. */
  for (guint i = 0; i < story->passages->len; i++)
    {
      AtlasChart *chart = atlas_story_build_chart (story, i, error);
      if (!chart)
        return NULL;
      atlas_chart_unref (chart);
    }
  return g_steal_pointer (&story);
}

/* The sources its datasets cite: source id -> "publisher, title, date". */
GHashTable *
atlas_story_get_sources (const AtlasStory *story)
{
  g_return_val_if_fail (story != NULL, NULL);
  return atlas_chart_context_get_sources (story->context, NULL);
}

const char *
atlas_story_get_title (const AtlasStory *story)
{
  return story->title;
}

const char *
atlas_story_get_attribution (const AtlasStory *story)
{
  return story->attribution;
}

guint
atlas_story_get_n_passages (const AtlasStory *story)
{
  return story->passages->len;
}

const AtlasStoryPassage *
atlas_story_get_passage (const AtlasStory *story,
                         guint             index)
{
  g_return_val_if_fail (index < story->passages->len, NULL);
  return g_ptr_array_index (story->passages, index);
}
