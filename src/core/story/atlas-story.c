/* atlas-story.c: reads a .story key file, resolves every reference, and builds each passage's chart. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-story.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "atlas-chart-suggest.h"
#include "atlas-dataset.h"

#include "atlas-located-error.h"
#include "atlas-table.h"

G_DEFINE_QUARK (atlas-story-error-quark, atlas_story_error)

struct _AtlasStory
{
  char *path;                 /* NULL until a new story is saved */
  char *contents;             /* as read or last saved: for the lines of messages */
  char *title;
  char *attribution;
  char *builtin_datasets_dir; /* the app's own datasets; NULL where not known */
  AtlasChartContext *context; /* the story's datasets, their sources and the tables read */
  GPtrArray *passages;        /* AtlasStoryPassage */
  gboolean modified;          /* changed since it was read or saved */
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
  g_free (story->builtin_datasets_dir);
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

/* A passage: its Text, and a chart in the chart language. Nothing it
 * names is read yet: the caller first checks where its files are. */
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
  if (!chart)
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

/* path lies in folder or below it, both as written (no "..", no absolute
 * path leading out) and as the file system finds it (no symbolic link
 * leading out, where the file is there). */
static gboolean
path_is_within (const char *folder,
                const char *path)
{
  g_autofree char *dir = g_canonicalize_filename (folder, NULL);
  g_autofree char *file = g_canonicalize_filename (path, dir);
  g_autofree char *real_dir = realpath (dir, NULL);
  g_autofree char *real_file = realpath (file, NULL);
  gsize dir_length = strlen (dir);
  gboolean within = g_str_has_prefix (file, dir) && (dir_length == 1 || file[dir_length] == G_DIR_SEPARATOR || file[dir_length] == '\0');

  if (within && real_dir && real_file)
    {
      gsize real_length = strlen (real_dir);
      within = g_str_has_prefix (real_file, real_dir)
               && (real_length == 1 || real_file[real_length] == G_DIR_SEPARATOR || real_file[real_length] == '\0');
    }
  return within;
}

static gboolean
same_folder (const char *a,
             const char *b)
{
  g_autofree char *canonical_a = a ? g_canonicalize_filename (a, NULL) : NULL;
  g_autofree char *canonical_b = b ? g_canonicalize_filename (b, NULL) : NULL;
  g_autofree char *real_a = canonical_a ? realpath (canonical_a, NULL) : NULL;
  g_autofree char *real_b = canonical_b ? realpath (canonical_b, NULL) : NULL;

  if (!canonical_a || !canonical_b)
    return FALSE;
  return g_str_equal (canonical_a, canonical_b) || (real_a && real_b && g_str_equal (real_a, real_b));
}

/* Adds "LINE: PATH" to outside for a file the story names at key of
 * group, when it lies outside folder. */
static void
note_outside (AtlasStory  *story,
              GPtrArray   *outside,
              const char  *folder,
              const char  *group,
              const char  *key,
              const char  *path)
{
  if (path_is_within (folder, path))
    return;
  g_ptr_array_add (outside, g_strdup_printf ("%u: %s", atlas_key_file_key_line (story->contents, group, key), path));
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
  g_autofree char *stem = csv && g_str_has_suffix (csv, ".csv") ? g_strndup (csv, strlen (csv) - 4) : g_strdup (csv);
  g_autofree char *path = stem ? g_strconcat (stem, ".dataset", NULL) : NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GKeyFile) keys = g_key_file_new ();

  if (!path || !g_file_get_contents (path, &contents, NULL, NULL)
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
      if (path)
        atlas_chart_definition_set_data (chart, path);
    }
  if (chart->events_dataset)
    {
      char *events = atlas_chart_context_get_dataset_path (story->context, chart->events_dataset);

      if (events)
        {
          chart->events_data = events;
          g_clear_pointer (&chart->events_dataset, g_free);
        }
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
 * columns, x values, series and sources. The story is trusted: it may
 * read data anywhere. */
AtlasStory *
atlas_story_load (const char  *path,
                  GError     **error)
{
  return atlas_story_open (path, NULL, ATLAS_STORY_OPEN_READ_OUTSIDE, NULL, error);
}

/* atlas_story_load(), taking what it can from earlier (NULL: nothing)
 * instead of reading the datasets again. Their files are not looked at:
 * the caller knows they are unchanged. */
AtlasStory *
atlas_story_load_reusing (const char       *path,
                          const AtlasStory *earlier,
                          GError          **error)
{
  return atlas_story_open (path, NULL, ATLAS_STORY_OPEN_READ_OUTSIDE, earlier, error);
}

/* Every file outside the story's folder that it names, "LINE: PATH"
 * each: its datasets folder, unless that is the app's own, and each
 * passage's data and events. */
static GPtrArray *
list_outside_files (AtlasStory *story,
                    const char *datasets)
{
  g_autofree char *folder = g_path_get_dirname (story->path);
  GPtrArray *outside = g_ptr_array_new_with_free_func (g_free);
  const char *datasets_dir = atlas_chart_context_get_datasets_dir (story->context);

  if (datasets && !same_folder (datasets_dir, story->builtin_datasets_dir))
    note_outside (story, outside, folder, "Story", "Datasets", datasets_dir);
  for (guint i = 0; i < story->passages->len; i++)
    {
      const AtlasStoryPassage *passage = g_ptr_array_index (story->passages, i);
      g_autofree char *group = g_strdup_printf ("Passage %u", i + 1);

      if (passage->chart->data)
        {
          g_autofree char *path = atlas_chart_definition_resolve_path (passage->chart, passage->chart->data);
          note_outside (story, outside, folder, group, "Data", path);
        }
      if (passage->chart->events_data)
        {
          g_autofree char *path = atlas_chart_definition_resolve_path (passage->chart, passage->chart->events_data);
          note_outside (story, outside, folder, group, "EventsData", path);
        }
      /* A datasets folder of the story's own can hold a link leading out. */
      if (datasets && !same_folder (datasets_dir, story->builtin_datasets_dir))
        {
          const char *ids[] = { passage->chart->dataset, passage->chart->events_dataset };
          const char *keys[] = { "Dataset", "Events" };

          for (guint k = 0; k < G_N_ELEMENTS (ids); k++)
            {
              g_autofree char *path = ids[k] ? atlas_chart_context_get_dataset_path (story->context, ids[k]) : NULL;
              if (path)
                note_outside (story, outside, folder, group, keys[k], path);
            }
        }
    }
  return outside;
}

/* Reads the story file at path: its [Story] and its passages, each
 * chart in the chart language, nothing they name opened yet. datasets
 * takes its Datasets key as written (NULL: absent). */
static AtlasStory *
read_story (const char        *path,
            const char        *builtin_datasets_dir,
            const AtlasStory  *earlier,
            char             **datasets,
            GError           **error)
{
  g_autoptr (AtlasStory) story = g_new0 (AtlasStory, 1);
  g_autoptr (GKeyFile) keys = g_key_file_new ();
  g_autoptr (GError) local_error = NULL;
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *datasets_dir = NULL;
  gsize len;

  story->path = g_strdup (path);
  story->builtin_datasets_dir = g_strdup (builtin_datasets_dir);
  story->passages = g_ptr_array_new_with_free_func (passage_free);
  if (!g_file_get_contents (path, &story->contents, &len, &local_error)
      || !g_key_file_load_from_data (keys, story->contents, len, G_KEY_FILE_NONE, &local_error))
    {
      set_story_error (error, ATLAS_STORY_ERROR_INVALID, story, 1, "%s", local_error->message);
      return NULL;
    }
  if (!read_story_key (story, keys, "Title", &story->title, error)
      || !read_story_key (story, keys, "Attribution", &story->attribution, error)
      || !read_story_key (story, keys, "Datasets", datasets, error))
    return NULL;
  if (!story->title || (!*datasets && !builtin_datasets_dir))
    {
      set_story_error (error, ATLAS_STORY_ERROR_INVALID, story, atlas_key_file_group_line (story->contents, "Story"),
                       _("[Story] needs a Title and a Datasets folder"));
      return NULL;
    }
  if (!*datasets)
    datasets_dir = g_strdup (builtin_datasets_dir);
  else if (g_path_is_absolute (*datasets))
    datasets_dir = g_strdup (*datasets);
  else
    datasets_dir = g_build_filename (folder, *datasets, NULL);
  if (earlier && g_str_equal (atlas_chart_context_get_datasets_dir (earlier->context), datasets_dir))
    story->context = atlas_chart_context_ref (earlier->context);
  else
    story->context = atlas_chart_context_new (datasets_dir);

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
  return g_steal_pointer (&story);
}

/* The files outside its own folder that the story at path would read,
 * as atlas_story_open() refuses them, without opening any: to show
 * whoever is asked. NULL, with an error, when the story cannot be read. */
GStrv
atlas_story_list_files_outside (const char  *path,
                                const char  *builtin_datasets_dir,
                                GError     **error)
{
  g_autofree char *datasets = NULL;
  g_autoptr (AtlasStory) story = NULL;
  g_autoptr (GPtrArray) outside = NULL;
  g_autoptr (GStrvBuilder) files = g_strv_builder_new ();

  g_return_val_if_fail (path != NULL, NULL);

  story = read_story (path, builtin_datasets_dir, NULL, &datasets, error);
  if (!story)
    return NULL;
  outside = list_outside_files (story, datasets);
  /* Each is "LINE: PATH". */
  for (guint i = 0; i < outside->len; i++)
    g_strv_builder_add (files, strstr (g_ptr_array_index (outside, i), ": ") + 2);
  return g_strv_builder_end (files);
}

/* Reads the story at path and checks every reference in it. Its
 * datasets are those its Datasets key names, else the app's own in
 * builtin_datasets_dir (NULL: not known, and the key is needed). Unless
 * flags let it, a story that names files outside its own folder is not
 * read further: ATLAS_STORY_ERROR_OUTSIDE_FOLDER lists them, and nothing
 * of theirs has been opened. earlier (NULL: none) lends its tables, as
 * for atlas_story_load_reusing(). */
AtlasStory *
atlas_story_open (const char          *path,
                  const char          *builtin_datasets_dir,
                  AtlasStoryOpenFlags  flags,
                  const AtlasStory    *earlier,
                  GError             **error)
{
  g_autoptr (AtlasStory) story = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GPtrArray) outside = NULL;
  g_autofree char *datasets = NULL;
  GHashTable *sources;

  g_return_val_if_fail (path != NULL, NULL);

  story = read_story (path, builtin_datasets_dir, earlier, &datasets, error);
  if (!story)
    return NULL;

  /* Before anything it names is opened: a story received from someone
   * must not quietly pull a private file into what is then shared. */
  outside = list_outside_files (story, datasets);
  if (outside->len > 0 && !(flags & ATLAS_STORY_OPEN_READ_OUTSIDE))
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (outside, NULL);
      list = g_strjoinv ("; line ", (char **) outside->pdata);
      set_story_error (error, ATLAS_STORY_ERROR_OUTSIDE_FOLDER, story, 1,
                       /* Translators: the lines of the story, each with the file it names there. */
                       _("the story reads files outside its own folder (line %s): open it only if you trust "
                         "where it came from"),
                       list);
      return NULL;
    }

  sources = atlas_chart_context_get_sources (story->context, &local_error);
  if (!sources)
    {
      set_story_error (error, ATLAS_STORY_ERROR_BROKEN_REFERENCE, story, atlas_key_file_group_line (story->contents, "Story"),
                       "%s", local_error->message);
      return NULL;
    }
  /* Every reference is checked now, not when a reader comes to it. */
  for (guint i = 0; i < story->passages->len; i++)
    {
      const AtlasStoryPassage *passage = g_ptr_array_index (story->passages, i);
      AtlasChart *chart;

      if (!atlas_chart_definition_check_sources (passage->chart, sources, FALSE, error))
        return NULL;
      chart = atlas_story_build_chart (story, i, error);
      if (!chart)
        return NULL;
      atlas_chart_unref (chart);
    }
  return g_steal_pointer (&story);
}

/* A new story of no passages, over the app's own datasets (NULL: none),
 * not yet saved anywhere. */
AtlasStory *
atlas_story_new (const char *title,
                 const char *attribution,
                 const char *builtin_datasets_dir)
{
  AtlasStory *story;

  g_return_val_if_fail (title != NULL, NULL);

  story = g_new0 (AtlasStory, 1);
  story->title = g_strdup (title);
  story->attribution = g_strdup (attribution && *attribution ? attribution : NULL);
  story->builtin_datasets_dir = g_strdup (builtin_datasets_dir);
  story->context = atlas_chart_context_new (builtin_datasets_dir);
  story->passages = g_ptr_array_new_with_free_func (passage_free);
  story->contents = g_strdup ("");
  return story;
}

/* A story of its own with story's passages, sharing its datasets and
 * the tables read of them: for work in another thread while story is
 * changed in this one. */
AtlasStory *
atlas_story_copy (const AtlasStory *story)
{
  AtlasStory *copy;

  g_return_val_if_fail (story != NULL, NULL);

  copy = g_new0 (AtlasStory, 1);
  copy->path = g_strdup (story->path);
  copy->contents = g_strdup (story->contents);
  copy->title = g_strdup (story->title);
  copy->attribution = g_strdup (story->attribution);
  copy->builtin_datasets_dir = g_strdup (story->builtin_datasets_dir);
  copy->context = atlas_chart_context_ref (story->context);
  copy->passages = g_ptr_array_new_with_free_func (passage_free);
  copy->modified = story->modified;
  for (guint i = 0; i < story->passages->len; i++)
    {
      const AtlasStoryPassage *passage = g_ptr_array_index (story->passages, i);
      AtlasStoryPassage *passage_copy = g_new0 (AtlasStoryPassage, 1);

      passage_copy->line = passage->line;
      passage_copy->text = g_strdup (passage->text);
      passage_copy->chart = atlas_chart_definition_copy (passage->chart);
      g_ptr_array_add (copy->passages, passage_copy);
    }
  return copy;
}

/* Writes the story at path, through a temporary file renamed into place:
 * a failure leaves what was there. Paths to data are written relative to
 * the story's folder, so a folder holding a story and its data can be
 * moved or sent; the app's own datasets are named by id alone. */
gboolean
atlas_story_save (AtlasStory  *story,
                  const char  *path,
                  GError     **error)
{
  g_autoptr (GKeyFile) keys = g_key_file_new ();
  g_autofree char *folder = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GError) local_error = NULL;
  const char *datasets_dir;
  gsize length;

  g_return_val_if_fail (story != NULL && path != NULL, FALSE);

  folder = g_path_get_dirname (path);
  g_key_file_set_comment (keys, NULL, NULL,
                          " A story made with Silicon Atlas: the format is described in data/story/README.md of its "
                          "source.",
                          NULL);
  g_key_file_set_string (keys, "Story", "Title", story->title);
  if (story->attribution)
    g_key_file_set_string (keys, "Story", "Attribution", story->attribution);
  datasets_dir = atlas_chart_context_get_datasets_dir (story->context);
  if (datasets_dir && !same_folder (datasets_dir, story->builtin_datasets_dir))
    {
      g_autofree char *relative = atlas_chart_path_relative (folder, datasets_dir);
      g_key_file_set_string (keys, "Story", "Datasets", *relative ? relative : ".");
    }
  for (guint i = 0; i < story->passages->len; i++)
    {
      const AtlasStoryPassage *passage = g_ptr_array_index (story->passages, i);
      g_autofree char *group = g_strdup_printf ("Passage %u", i + 1);

      g_key_file_set_string (keys, group, "Text", passage->text);
      atlas_chart_definition_write (passage->chart, keys, group, folder);
    }
  contents = g_key_file_to_data (keys, &length, NULL);
  if (!g_file_set_contents (path, contents, (gssize) length, &local_error))
    {
      g_set_error (error, ATLAS_STORY_ERROR, ATLAS_STORY_ERROR_SAVE, "%s", local_error->message);
      return FALSE;
    }
  if (story->path != path)
    {
      g_free (story->path);
      story->path = g_strdup (path);
    }
  g_free (story->contents);
  story->contents = g_steal_pointer (&contents);
  for (guint i = 0; i < story->passages->len; i++)
    {
      AtlasStoryPassage *passage = g_ptr_array_index (story->passages, i);
      g_autofree char *group = g_strdup_printf ("Passage %u", i + 1);
      passage->line = atlas_key_file_group_line (story->contents, group);
    }
  story->modified = FALSE;
  return TRUE;
}

/* The data files (CSV and events) the story's passages read from
 * outside folder, each once, in the order they come. */
GPtrArray *
atlas_story_list_data_outside (AtlasStory *story,
                               const char *folder)
{
  GPtrArray *outside = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (story != NULL && folder != NULL, outside);

  for (guint i = 0; i < story->passages->len; i++)
    {
      const AtlasChartDefinition *chart = ((AtlasStoryPassage *) g_ptr_array_index (story->passages, i))->chart;
      const char *named[] = { chart->data, chart->events_data };

      for (guint n = 0; n < G_N_ELEMENTS (named); n++)
        {
          g_autofree char *path = named[n] ? atlas_chart_definition_resolve_path (chart, named[n]) : NULL;

          if (path && !path_is_within (folder, path)
              && !g_ptr_array_find_with_equal_func (outside, path, g_str_equal, NULL))
            g_ptr_array_add (outside, g_steal_pointer (&path));
        }
    }
  return outside;
}

/* A name in folder for a copy of source: its own name, else with -2, -3...
 * before the extension where another file has that name already. */
static char *
name_for_copy (const char *folder,
               const char *source)
{
  g_autofree char *base = g_path_get_basename (source);
  const char *dot = strrchr (base, '.');
  g_autofree char *stem = dot && dot != base ? g_strndup (base, (gsize) (dot - base)) : g_strdup (base);
  const char *extension = dot && dot != base ? dot : "";
  char *path = g_build_filename (folder, base, NULL);

  for (guint n = 2; g_file_test (path, G_FILE_TEST_EXISTS); n++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%u%s", stem, n, extension);
      g_free (path);
      path = g_build_filename (folder, name, NULL);
    }
  return path;
}

/* Copies every data file the story reads from outside folder into it,
 * and has its passages read the copies: the folder then holds all a
 * story of one's own needs, to be moved or sent. A file is copied once,
 * beside any of the same name; FALSE, with what was copied so far
 * read from its copies, when one cannot be. */
gboolean
atlas_story_gather_data (AtlasStory  *story,
                         const char  *folder,
                         GError     **error)
{
  g_autoptr (GPtrArray) outside = NULL;
  g_autoptr (GHashTable) copies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_return_val_if_fail (story != NULL && folder != NULL, FALSE);

  outside = atlas_story_list_data_outside (story, folder);
  for (guint i = 0; i < outside->len; i++)
    {
      const char *source = g_ptr_array_index (outside, i);
      g_autofree char *target = name_for_copy (folder, source);
      g_autoptr (GFile) from = g_file_new_for_path (source);
      g_autoptr (GFile) to = g_file_new_for_path (target);
      g_autoptr (GError) local_error = NULL;

      if (!g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &local_error))
        {
          /* Translators: a data file, then why it could not be copied. */
          g_set_error (error, ATLAS_STORY_ERROR, ATLAS_STORY_ERROR_SAVE, _("Could not copy “%s”: %s"), source,
                       local_error->message);
          break;
        }
      g_hash_table_insert (copies, g_strdup (source), g_steal_pointer (&target));
    }
  for (guint i = 0; i < story->passages->len; i++)
    {
      AtlasChartDefinition *chart = ((AtlasStoryPassage *) g_ptr_array_index (story->passages, i))->chart;
      g_autofree char *data = chart->data ? atlas_chart_definition_resolve_path (chart, chart->data) : NULL;
      g_autofree char *events = chart->events_data ? atlas_chart_definition_resolve_path (chart, chart->events_data)
                                                   : NULL;
      const char *data_copy = data ? g_hash_table_lookup (copies, data) : NULL;
      const char *events_copy = events ? g_hash_table_lookup (copies, events) : NULL;

      if (data_copy)
        {
          g_free (chart->data);
          chart->data = g_strdup (data_copy);
          story->modified = TRUE;
        }
      if (events_copy)
        {
          g_free (chart->events_data);
          chart->events_data = g_strdup (events_copy);
          story->modified = TRUE;
        }
    }
  return g_hash_table_size (copies) == outside->len;
}

/* Passage index (0-based) holds text from now on. */
void
atlas_story_set_passage_text (AtlasStory *story,
                              guint       index,
                              const char *text)
{
  AtlasStoryPassage *passage;

  g_return_if_fail (story != NULL && index < story->passages->len && text != NULL);

  passage = g_ptr_array_index (story->passages, index);
  if (g_str_equal (passage->text, text))
    return;
  g_free (passage->text);
  passage->text = g_strdup (text);
  story->modified = TRUE;
}

/* path (as chart writes it) is the CSV of the dataset called id. */
static gboolean
is_dataset_file (AtlasStory                 *story,
                 const AtlasChartDefinition *chart,
                 const char                 *path,
                 const char                 *id)
{
  g_autofree char *dataset = atlas_chart_context_get_dataset_path (story->context, id);
  g_autofree char *canonical_dataset = dataset ? g_canonicalize_filename (dataset, NULL) : NULL;
  g_autofree char *canonical_path = atlas_chart_definition_resolve_path (chart, path);

  return canonical_dataset && g_str_equal (canonical_dataset, canonical_path);
}

/* chart as atlas_story_export_passage() gave it for a passage that was
 * original, back in the story's terms: its datasets named by id again,
 * and the title and source line their descriptions gave left unsaid. */
static void
unexport_chart (AtlasStory                 *story,
                const AtlasChartDefinition *original,
                AtlasChartDefinition       *chart)
{
  if (original->dataset && !chart->dataset && chart->data
      && is_dataset_file (story, chart, chart->data, original->dataset))
    {
      g_autofree char *title = atlas_chart_context_get_dataset_title (story->context, original->dataset);
      g_autofree char *source = atlas_chart_context_describe_sources (story->context, original->dataset);

      g_clear_pointer (&chart->data, g_free);
      chart->dataset = g_strdup (original->dataset);
      if (!original->title && g_strcmp0 (chart->title, title) == 0)
        g_clear_pointer (&chart->title, g_free);
      if (!original->source && g_strcmp0 (chart->source, source) == 0)
        g_clear_pointer (&chart->source, g_free);
    }
  if (original->events_dataset && !chart->events_dataset && chart->events_data
      && is_dataset_file (story, chart, chart->events_data, original->events_dataset))
    {
      g_clear_pointer (&chart->events_data, g_free);
      chart->events_dataset = g_strdup (original->events_dataset);
    }
}

/* Passage index shows a copy of chart from now on: a chart as the
 * passage was exported (atlas_story_export_passage()) names its datasets
 * by id again. */
void
atlas_story_set_passage_chart (AtlasStory                 *story,
                               guint                       index,
                               const AtlasChartDefinition *chart)
{
  AtlasStoryPassage *passage;
  AtlasChartDefinition *copy;

  g_return_if_fail (story != NULL && index < story->passages->len && chart != NULL);

  passage = g_ptr_array_index (story->passages, index);
  copy = atlas_chart_definition_copy (chart);
  unexport_chart (story, passage->chart, copy);
  atlas_chart_definition_free (passage->chart);
  passage->chart = copy;
  story->modified = TRUE;
}

/* A new passage of text and a copy of chart, at index (up to the number
 * of passages: after the last). */
void
atlas_story_insert_passage (AtlasStory                 *story,
                            guint                       index,
                            const char                 *text,
                            const AtlasChartDefinition *chart)
{
  AtlasStoryPassage *passage;

  g_return_if_fail (story != NULL && index <= story->passages->len && text != NULL && chart != NULL);

  passage = g_new0 (AtlasStoryPassage, 1);
  passage->text = g_strdup (text);
  passage->chart = atlas_chart_definition_copy (chart);
  g_ptr_array_insert (story->passages, (int) index, passage);
  story->modified = TRUE;
}

/* Moves passage from to index to, the others closing up around it. */
void
atlas_story_move_passage (AtlasStory *story,
                          guint       from,
                          guint       to)
{
  gpointer passage;

  g_return_if_fail (story != NULL && from < story->passages->len && to < story->passages->len);

  if (from == to)
    return;
  passage = g_ptr_array_steal_index (story->passages, from);
  g_ptr_array_insert (story->passages, (int) to, passage);
  story->modified = TRUE;
}

void
atlas_story_remove_passage (AtlasStory *story,
                            guint       index)
{
  g_return_if_fail (story != NULL && index < story->passages->len);

  g_ptr_array_remove_index (story->passages, index);
  story->modified = TRUE;
}

void
atlas_story_set_title (AtlasStory *story,
                       const char *title)
{
  g_return_if_fail (story != NULL && title != NULL);

  if (g_str_equal (story->title, title))
    return;
  g_free (story->title);
  story->title = g_strdup (title);
  story->modified = TRUE;
}

void
atlas_story_set_attribution (AtlasStory *story,
                             const char *attribution)
{
  g_return_if_fail (story != NULL);

  if (attribution && !*attribution)
    attribution = NULL;
  if (g_strcmp0 (story->attribution, attribution) == 0)
    return;
  g_free (story->attribution);
  story->attribution = g_strdup (attribution);
  story->modified = TRUE;
}

/* Where the story was read from or last saved; NULL for a new one. */
const char *
atlas_story_get_path (const AtlasStory *story)
{
  g_return_val_if_fail (story != NULL, NULL);
  return story->path;
}

gboolean
atlas_story_get_modified (const AtlasStory *story)
{
  g_return_val_if_fail (story != NULL, FALSE);
  return story->modified;
}

static void
add_cited (GPtrArray  *cited,
           const char *text)
{
  if (!text || !*text)
    return;
  for (guint i = 0; i < cited->len; i++)
    if (g_str_equal (g_ptr_array_index (cited, i), text))
      return;
  g_ptr_array_add (cited, g_strdup (text));
}

/* The sources a dataset's description cites: for data without a
 * source for each row. */
static void
add_dataset_sources (AtlasStory *story,
                     GPtrArray  *cited,
                     GHashTable *sources,
                     const char *dataset)
{
  g_autofree char *csv = atlas_chart_context_get_dataset_path (story->context, dataset);
  g_autofree char *stem = csv && g_str_has_suffix (csv, ".csv") ? g_strndup (csv, strlen (csv) - 4) : NULL;
  g_autofree char *path = stem ? g_strconcat (stem, ".dataset", NULL) : NULL;
  g_autoptr (AtlasDatasetInfo) info = path ? atlas_dataset_info_load (path, NULL) : NULL;

  for (guint i = 0; info && sources && info->sources[i]; i++)
    add_cited (cited, g_hash_table_lookup (sources, info->sources[i]));
}

/* The sources row of table cites in its source_id column ("C35;D1"). */
static void
add_row_sources (GPtrArray         *cited,
                 GHashTable        *sources,
                 const AtlasColumn *ids,
                 gsize              row)
{
  g_auto (GStrv) row_ids = NULL;

  if (!atlas_column_get_text (ids, row))
    return;
  row_ids = g_strsplit (atlas_column_get_text (ids, row), ";", -1);
  for (guint i = 0; row_ids[i]; i++)
    add_cited (cited, g_hash_table_lookup (sources, g_strstrip (row_ids[i])));
}

static gboolean
within_view (double x,
             double from,
             double to)
{
  return (isnan (from) || x >= from) && (isnan (to) || x <= to);
}

/* A row the chart draws: past its filter and among its groups, along x
 * within the range it shows, with a value in one of its series. */
static gboolean
chart_draws_row (const AtlasChart *chart,
                 gsize             row)
{
  const AtlasChartSpec *spec = atlas_chart_get_spec (chart);
  const AtlasViewState *view = atlas_chart_get_view_state (chart);
  AtlasTable *table = atlas_chart_get_table (chart);
  const AtlasColumn *filter = atlas_chart_spec_find_filter (table, spec);
  const AtlasColumn *group = spec->group_column ? atlas_table_find_column (table, spec->group_column) : NULL;
  const AtlasColumn *x = spec->x_column ? atlas_table_find_column (table, spec->x_column) : NULL;
  gboolean has_value = !spec->y_columns || !spec->y_columns[0];

  if (filter && g_strcmp0 (atlas_column_get_text (filter, row), spec->filter_value) != 0)
    return FALSE;
  if (group && spec->group_values
      && !g_strv_contains ((const char *const *) spec->group_values, atlas_column_get_text (group, row)
                                                                       ? atlas_column_get_text (group, row)
                                                                       : ""))
    return FALSE;
  if (x && atlas_column_get_column_type (x) != ATLAS_COLUMN_TEXT
      && (atlas_column_is_missing (x, row)
          || !within_view (atlas_column_get_number (x, row), view->x_min, view->x_max)))
    return FALSE;
  for (guint i = 0; spec->y_columns && spec->y_columns[i] && !has_value; i++)
    {
      const AtlasColumn *y = atlas_table_find_column (table, spec->y_columns[i]);
      has_value = y && !atlas_column_is_missing (y, row);
    }
  return has_value;
}

/* The sources of passage index's chart: those of the rows it draws
 * (else its dataset's), of the events it draws, and of its notes. */
static void
add_chart_sources (AtlasStory *story,
                   guint       index,
                   GPtrArray  *cited,
                   GHashTable *sources)
{
  const AtlasStoryPassage *passage = g_ptr_array_index (story->passages, index);
  const AtlasChartDefinition *definition = passage->chart;
  g_autoptr (AtlasChart) chart = atlas_story_build_chart (story, index, NULL);
  const AtlasChartSpec *spec;
  const AtlasColumn *ids;
  AtlasTable *table;

  add_cited (cited, definition->source);
  if (!chart || !sources)
    return;
  spec = atlas_chart_get_spec (chart);
  table = atlas_chart_get_table (chart);
  ids = atlas_table_find_column (table, "source_id");
  if (ids && atlas_column_get_column_type (ids) == ATLAS_COLUMN_TEXT)
    {
      for (gsize row = 0; row < atlas_table_get_n_rows (table); row++)
        if (chart_draws_row (chart, row))
          add_row_sources (cited, sources, ids, row);
    }
  else if (definition->dataset)
    add_dataset_sources (story, cited, sources, definition->dataset);

  if (definition->events_dataset && spec->events)
    {
      AtlasTable *events = atlas_chart_context_get_dataset (story->context, definition->events_dataset, NULL);
      const char *label_name = events ? atlas_table_guess_label_column (events) : NULL;
      const AtlasColumn *labels = label_name ? atlas_table_find_column (events, label_name) : NULL;
      const AtlasColumn *event_ids = events ? atlas_table_find_column (events, "source_id") : NULL;
      const AtlasViewState *view = atlas_chart_get_view_state (chart);

      for (guint e = 0; labels && event_ids && e < spec->events->len; e++)
        {
          const AtlasChartEvent *event = &g_array_index (spec->events, AtlasChartEvent, e);

          if (!within_view (event->x, view->x_min, view->x_max))
            continue;
          for (gsize row = 0; row < atlas_table_get_n_rows (events); row++)
            if (g_strcmp0 (atlas_column_get_text (labels, row), event->label) == 0)
              add_row_sources (cited, sources, event_ids, row);
        }
    }
  for (guint n = 0; n < definition->annotations->len; n++)
    {
      const AtlasChartNote *note = g_ptr_array_index (definition->annotations, n);
      for (guint s = 0; note->sources && note->sources[s]; s++)
        add_cited (cited, g_hash_table_lookup (sources, note->sources[s]));
    }
}

/* Every source the story's passages and charts cite, once each, in the
 * order they first come: the source line of each chart that gives its
 * own, then, as "publisher, title, date", those of each row it draws and
 * of each note. */
GPtrArray *
atlas_story_list_cited_sources (AtlasStory *story)
{
  GPtrArray *cited = g_ptr_array_new_with_free_func (g_free);
  GHashTable *sources;

  g_return_val_if_fail (story != NULL, cited);

  sources = atlas_chart_context_get_sources (story->context, NULL);
  for (guint i = 0; i < story->passages->len; i++)
    add_chart_sources (story, i, cited, sources);
  return cited;
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
