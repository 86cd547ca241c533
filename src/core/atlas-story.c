/* atlas-story.c: reads a .story key file, resolves every reference, and builds each passage's chart. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-story.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "atlas-chart-export.h"
#include "atlas-csv-reader.h"
#include "atlas-dataset.h"
#include "atlas-located-error.h"
#include "atlas-table.h"

G_DEFINE_QUARK (atlas-story-error-quark, atlas_story_error)

struct _AtlasStory
{
  char *path;
  char *contents;
  char *title;
  char *attribution;
  char *datasets_dir;
  GPtrArray *passages;  /* AtlasStoryPassage */
  GHashTable *tables;   /* dataset id -> AtlasTable */
  GHashTable *sources;  /* source id -> "publisher, title, date" */
};

static void
note_free (gpointer data)
{
  AtlasStoryNote *note = data;

  g_free (note->where);
  g_free (note->text);
  g_strfreev (note->sources);
  g_free (note->series);
  g_free (note);
}

static void
passage_free (gpointer data)
{
  AtlasStoryPassage *passage = data;

  g_free (passage->text);
  g_free (passage->chart_title);
  g_free (passage->dataset);
  g_free (passage->x_column);
  g_strfreev (passage->y_columns);
  g_free (passage->label_column);
  g_free (passage->x_range);
  g_strfreev (passage->highlights);
  g_free (passage->events_dataset);
  g_strfreev (passage->events_categories);
  g_clear_pointer (&passage->notes, g_ptr_array_unref);
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
  g_free (story->datasets_dir);
  g_clear_pointer (&story->passages, g_ptr_array_unref);
  g_clear_pointer (&story->tables, g_hash_table_unref);
  g_clear_pointer (&story->sources, g_hash_table_unref);
  g_free (story);
}

#define set_story_error(error, code, story, line, ...)                                                   \
  atlas_set_located_error (error, ATLAS_STORY_ERROR, code, (story)->path, line, 1, __VA_ARGS__)

/* Reads key of [group] into value (NULL when the key is absent). A value
 * that is there but cannot be read (not UTF-8, a broken escape) is an
 * error at its line, never taken for an absent key. */
static gboolean
read_story_key (AtlasStory  *story,
                GKeyFile    *keys,
                const char  *group,
                const char  *key,
                char       **value,
                GError     **error)
{
  g_autoptr (GError) local_error = NULL;

  *value = g_key_file_get_string (keys, group, key, &local_error);
  /* A broken escape gives both an error and what was read up to it. */
  if (!local_error || g_error_matches (local_error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND)
      || g_error_matches (local_error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_GROUP_NOT_FOUND))
    return TRUE;
  g_clear_pointer (value, g_free);
  set_story_error (error, ATLAS_STORY_ERROR_INVALID, story, atlas_key_file_key_line (story->contents, group, key),
                   /* Translators: a group and a key of the .story file, then why its value cannot be read. */
                   _("[%s] %s: %s"), group, key, local_error->message);
  return FALSE;
}

static GStrv
split_list (const char *text)
{
  GStrv items = g_strsplit (text ? text : "", ";", -1);

  for (guint i = 0; items[i]; i++)
    g_strstrip (items[i]);
  return items;
}

/* Note2 before Note10: by the number after "Note". */
static int
compare_note_keys (gconstpointer a,
                   gconstpointer b)
{
  return atoi (*(const char *const *) a + strlen ("Note")) - atoi (*(const char *const *) b + strlen ("Note"));
}

static gboolean
parse_note (AtlasStory        *story,
            guint              line,
            const char        *value,
            AtlasStoryPassage *passage,
            GError           **error)
{
  g_auto (GStrv) fields = g_strsplit (value, "|", 5);
  AtlasStoryNote *note;

  if (g_strv_length (fields) < 4)
    {
      set_story_error (error, ATLAS_STORY_ERROR_INVALID, story, line,
                       /* Translators: story messages quote the .story file's own words
                        * (keys, groups, kinds of note), which stay in English. */
                       _("a note is kind|where|text|sources[|series], not “%s”"), value);
      return FALSE;
    }
  note = g_new0 (AtlasStoryNote, 1);
  g_ptr_array_add (passage->notes, note);
  if (g_str_equal (fields[0], "callout"))
    note->kind = ATLAS_ANNOTATION_CALLOUT;
  else if (g_str_equal (fields[0], "range"))
    note->kind = ATLAS_ANNOTATION_RANGE;
  else if (g_str_equal (fields[0], "reference"))
    note->kind = ATLAS_ANNOTATION_REFERENCE_LINE;
  else
    {
      set_story_error (error, ATLAS_STORY_ERROR_INVALID, story, line,
                       _("a note is a callout, a range or a reference, not “%s”"), fields[0]);
      return FALSE;
    }
  note->where = g_strdup (fields[1]);
  note->text = g_strdup (fields[2]);
  note->sources = split_list (fields[3]);
  note->series = fields[4] ? g_strdup (fields[4]) : NULL;
  for (guint i = 0; note->sources[i]; i++)
    if (!g_hash_table_contains (story->sources, note->sources[i]))
      {
        set_story_error (error, ATLAS_STORY_ERROR_BROKEN_REFERENCE, story, line,
                         /* Translators: a note's text, then a source id. */
                         _("note “%s” cites source “%s”, which sources.csv does not list"), note->text,
                         note->sources[i]);
        return FALSE;
      }
  if (!note->sources[0])
    {
      set_story_error (error, ATLAS_STORY_ERROR_INVALID, story, line, _("note “%s” names no source"),
                       note->text);
      return FALSE;
    }
  return TRUE;
}

static AtlasStoryPassage *
parse_passage (AtlasStory  *story,
               GKeyFile    *keys,
               const char  *group,
               GError     **error)
{
  AtlasStoryPassage *passage = g_new0 (AtlasStoryPassage, 1);
  g_autofree char *chart = NULL;
  g_autofree char *y = NULL;
  g_autofree char *highlight = NULL;
  g_autofree char *categories = NULL;
  g_auto (GStrv) key_names = NULL;
  g_autoptr (GPtrArray) note_keys = g_ptr_array_new ();
  gsize n_keys = 0;

  passage->line = atlas_key_file_group_line (story->contents, group);
  passage->notes = g_ptr_array_new_with_free_func (note_free);
  if (!read_story_key (story, keys, group, "Text", &passage->text, error)
      || !read_story_key (story, keys, group, "Dataset", &passage->dataset, error)
      || !read_story_key (story, keys, group, "Chart", &chart, error)
      || !read_story_key (story, keys, group, "X", &passage->x_column, error)
      || !read_story_key (story, keys, group, "Y", &y, error)
      || !read_story_key (story, keys, group, "Label", &passage->label_column, error)
      || !read_story_key (story, keys, group, "Title", &passage->chart_title, error)
      || !read_story_key (story, keys, group, "XRange", &passage->x_range, error)
      || !read_story_key (story, keys, group, "Highlight", &highlight, error)
      || !read_story_key (story, keys, group, "Events", &passage->events_dataset, error)
      || !read_story_key (story, keys, group, "EventsCategory", &categories, error))
    goto failed;
  passage->events_categories = categories ? split_list (categories) : NULL;
  passage->y_columns = y ? split_list (y) : NULL;
  passage->highlights = highlight ? split_list (highlight) : NULL;

  if (!passage->text || !passage->dataset || !chart || !passage->x_column)
    {
      set_story_error (error, ATLAS_STORY_ERROR_INVALID, story, passage->line,
                       _("[%s] needs Text, Dataset, Chart and X"), group);
      goto failed;
    }
  if (!atlas_chart_type_from_string (chart, &passage->chart_type))
    {
      set_story_error (error, ATLAS_STORY_ERROR_INVALID, story, passage->line,
                       _("[%s]: no chart type is called “%s”"), group, chart);
      goto failed;
    }

  key_names = g_key_file_get_keys (keys, group, &n_keys, NULL);
  for (gsize i = 0; i < n_keys; i++)
    if (g_str_has_prefix (key_names[i], "Note"))
      g_ptr_array_add (note_keys, key_names[i]);
  g_ptr_array_sort (note_keys, compare_note_keys);
  for (guint i = 0; i < note_keys->len; i++)
    {
      const char *key = g_ptr_array_index (note_keys, i);
      g_autofree char *value = NULL;

      if (!read_story_key (story, keys, group, key, &value, error)
          || !parse_note (story, atlas_key_file_key_line (story->contents, group, key), value, passage, error))
        goto failed;
    }
  return passage;

failed:
  passage_free (passage);
  return NULL;
}

/* The table of a built-in dataset, read once and kept; the reader's error
 * names the file, line and column. */
static AtlasTable *
dataset_table (AtlasStory  *story,
               const char  *dataset,
               GError     **error)
{
  AtlasTable *table = g_hash_table_lookup (story->tables, dataset);
  g_autofree char *path = NULL;
  g_autoptr (AtlasCsvResult) result = NULL;

  if (table)
    return table;
  path = g_strdup_printf ("%s%c%s.csv", story->datasets_dir, G_DIR_SEPARATOR, dataset);
  result = atlas_csv_read_file (path, NULL, NULL, NULL, NULL, error);
  if (!result)
    return NULL;
  table = atlas_table_ref (result->table);
  g_hash_table_insert (story->tables, g_strdup (dataset), table);
  return table;
}

/* The dataset a passage at line names, or an error that points there. */
static AtlasTable *
story_table (AtlasStory  *story,
             const char  *dataset,
             guint        line,
             GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  AtlasTable *table = dataset_table (story, dataset, &local_error);

  if (!table)
    /* Translators: a dataset's name, then what went wrong reading it. */
    set_story_error (error, ATLAS_STORY_ERROR_BROKEN_REFERENCE, story, line, _("dataset “%s”: %s"), dataset,
                     local_error->message);
  return table;
}

/* Adds the publisher of a source ("publisher, title, date"; NULL for
 * none) to publishers unless it is there already or unknown ("?"). */
static void
add_publisher (GPtrArray  *publishers,
               const char *source)
{
  const char *comma = source ? strstr (source, ", ") : NULL;
  g_autofree char *publisher = source ? g_strndup (source, comma ? (gsize) (comma - source) : strlen (source)) : NULL;

  if (!publisher || !*publisher || g_str_equal (publisher, "?"))
    return;
  for (guint p = 0; p < publishers->len; p++)
    if (g_str_equal (g_ptr_array_index (publishers, p), publisher))
      return;
  g_ptr_array_add (publishers, g_steal_pointer (&publisher));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char *const *) a, *(const char *const *) b);
}

/* Every publisher the story's datasets cite, once each, in the locale's
 * order: for crediting them. */
GPtrArray *
atlas_story_list_publishers (const AtlasStory *story)
{
  GPtrArray *publishers = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer source;

  g_return_val_if_fail (story != NULL, publishers);

  g_hash_table_iter_init (&iter, story->sources);
  while (g_hash_table_iter_next (&iter, NULL, &source))
    add_publisher (publishers, source);
  g_ptr_array_sort (publishers, compare_names);
  return publishers;
}

/* The publishers a dataset's description cites, for the chart's source line. */
static char *
dataset_source_line (AtlasStory *story,
                     const char *dataset)
{
  g_autofree char *path = g_strdup_printf ("%s%c%s.dataset", story->datasets_dir, G_DIR_SEPARATOR, dataset);
  g_autoptr (AtlasDatasetInfo) info = atlas_dataset_info_load (path, NULL);
  g_autoptr (GPtrArray) publishers = g_ptr_array_new_with_free_func (g_free);
  GString *line;

  if (!info)
    return NULL;
  for (guint i = 0; info->sources[i]; i++)
    add_publisher (publishers, g_hash_table_lookup (story->sources, info->sources[i]));
  line = g_string_new (NULL);
  for (guint p = 0; p < MIN (publishers->len, 4); p++)
    g_string_append_printf (line, "%s%s", p ? ", " : "", (char *) g_ptr_array_index (publishers, p));
  if (publishers->len > 4)
    {
      g_autofree char *first = g_string_free (line, FALSE);
      /* Translators: the first publishers a chart cites, when there are more. */
      return g_strdup_printf (_("%s and others"), first);
    }
  return g_string_free (line, FALSE);
}

static gboolean
parse_x (AtlasStory       *story,
         const AtlasTable *table,
         const char       *x_column,
         const char       *text,
         guint             line,
         double           *out,
         GError          **error)
{
  if (atlas_chart_parse_x (table, x_column, text, out))
    return TRUE;
  set_story_error (error, ATLAS_STORY_ERROR_BROKEN_REFERENCE, story, line,
                   /* Translators: a value written in the story, then a column's name. */
                   _("“%s” is not a value of column “%s”"), text, x_column);
  return FALSE;
}

static gboolean
add_notes (AtlasStory              *story,
           const AtlasStoryPassage *passage,
           const AtlasTable        *table,
           AtlasChartSpec          *spec,
           GError                 **error)
{
  for (guint i = 0; i < passage->notes->len; i++)
    {
      const AtlasStoryNote *note = g_ptr_array_index (passage->notes, i);
      double x = NAN, x_end = NAN, y = NAN;
      guint series = 0;

      if (note->kind == ATLAS_ANNOTATION_REFERENCE_LINE)
        {
          char *end = NULL;
          y = g_ascii_strtod (note->where, &end);
          if (!end || *end)
            {
              set_story_error (error, ATLAS_STORY_ERROR_INVALID, story, passage->line,
                               _("a reference line needs a number, not “%s”"), note->where);
              return FALSE;
            }
        }
      else if (note->kind == ATLAS_ANNOTATION_RANGE)
        {
          g_auto (GStrv) ends = atlas_chart_split_range (note->where);
          if (!ends)
            {
              set_story_error (error, ATLAS_STORY_ERROR_INVALID, story, passage->line,
                               _("a range is FROM..TO, not “%s”"), note->where);
              return FALSE;
            }
          if (!parse_x (story, table, passage->x_column, ends[0], passage->line, &x, error)
              || !parse_x (story, table, passage->x_column, ends[1], passage->line, &x_end, error))
            return FALSE;
        }
      else if (!parse_x (story, table, passage->x_column, note->where, passage->line, &x, error))
        return FALSE;

      if (note->series)
        {
          gboolean found = FALSE;
          for (guint s = 0; passage->y_columns && passage->y_columns[s] && !found; s++)
            if (g_str_equal (passage->y_columns[s], note->series))
              {
                series = s;
                found = TRUE;
              }
          if (!found)
            {
              set_story_error (error, ATLAS_STORY_ERROR_BROKEN_REFERENCE, story, passage->line,
                               _("note “%s” names series “%s”, which the chart does not draw"), note->text,
                               note->series);
              return FALSE;
            }
        }
      atlas_chart_spec_add_annotation (spec, note->kind, x, x_end, y, series, note->text);
    }
  return TRUE;
}

static gboolean
add_events (AtlasStory              *story,
            const AtlasStoryPassage *passage,
            AtlasChartSpec          *spec,
            GError                 **error)
{
  AtlasTable *events = story_table (story, passage->events_dataset, passage->line, error);
  const AtlasColumn *dates = NULL, *names, *category = NULL;

  if (!events)
    return FALSE;
  for (guint c = 0; c < atlas_table_get_n_columns (events) && !dates; c++)
    if (atlas_column_get_column_type (atlas_table_get_column (events, c)) == ATLAS_COLUMN_DATE)
      dates = atlas_table_get_column (events, c);
  names = atlas_table_guess_label_column (events) ? atlas_table_find_column (events, atlas_table_guess_label_column (events))
                                                   : NULL;
  if (!dates || !names)
    {
      set_story_error (error, ATLAS_STORY_ERROR_BROKEN_REFERENCE, story, passage->line,
                       _("events dataset “%s” needs a column of dates and one of names"),
                       passage->events_dataset);
      return FALSE;
    }
  if (passage->events_categories)
    {
      category = atlas_table_find_column (events, "category");
      if (!category || atlas_column_get_column_type (category) != ATLAS_COLUMN_TEXT)
        {
          set_story_error (error, ATLAS_STORY_ERROR_BROKEN_REFERENCE, story, passage->line,
                           _("events dataset “%s” has no category column to choose events by"),
                           passage->events_dataset);
          return FALSE;
        }
    }
  for (gsize row = 0; row < atlas_table_get_n_rows (events); row++)
    {
      if (atlas_column_is_missing (dates, row) || !atlas_column_get_text (names, row))
        continue;
      if (category && !g_strv_contains ((const char *const *) passage->events_categories,
                                        atlas_column_get_text (category, row) ? atlas_column_get_text (category, row) : ""))
        continue;
      atlas_chart_spec_add_event (spec, atlas_column_get_number (dates, row), atlas_column_get_text (names, row));
    }
  return TRUE;
}

/* The chart of passage index (0-based), every reference resolved. */
AtlasChart *
atlas_story_build_chart (AtlasStory  *story,
                         guint        index,
                         GError     **error)
{
  const AtlasStoryPassage *passage;
  AtlasTable *table;
  AtlasChartSpec spec;
  g_autoptr (GError) local_error = NULL;
  AtlasChart *chart = NULL;

  g_return_val_if_fail (story != NULL && index < story->passages->len, NULL);

  passage = g_ptr_array_index (story->passages, index);
  table = story_table (story, passage->dataset, passage->line, error);
  if (!table)
    return NULL;

  atlas_chart_spec_init (&spec);
  spec.type = passage->chart_type;
  spec.x_column = g_strdup (passage->x_column);
  spec.y_columns = g_strdupv (passage->y_columns);
  spec.label_column = g_strdup (passage->label_column);
  spec.title = g_strdup (passage->chart_title);
  spec.source = dataset_source_line (story, passage->dataset);
  spec.status_column = g_strdup (atlas_table_guess_status_column (table));

  if (!atlas_table_find_column (table, passage->x_column))
    {
      set_story_error (error, ATLAS_STORY_ERROR_BROKEN_REFERENCE, story, passage->line,
                       _("dataset “%s” has no column “%s”"), passage->dataset, passage->x_column);
      goto out;
    }
  if (passage->x_range)
    {
      g_auto (GStrv) ends = atlas_chart_split_range (passage->x_range);
      if (!ends)
        {
          set_story_error (error, ATLAS_STORY_ERROR_INVALID, story, passage->line,
                           _("XRange is FROM..TO, not “%s”"), passage->x_range);
          goto out;
        }
      if (!parse_x (story, table, passage->x_column, ends[0], passage->line, &spec.view_x_min, error)
          || !parse_x (story, table, passage->x_column, ends[1], passage->line, &spec.view_x_max, error))
        goto out;
    }
  for (guint i = 0; passage->highlights && passage->highlights[i]; i++)
    {
      double x;
      if (!parse_x (story, table, passage->x_column, passage->highlights[i], passage->line, &x, error))
        goto out;
      atlas_chart_spec_add_highlight (&spec, x);
    }
  if (!add_notes (story, passage, table, &spec, error))
    goto out;
  if (passage->events_dataset && !add_events (story, passage, &spec, error))
    goto out;

  chart = atlas_chart_new (table, &spec, &local_error);
  if (!chart)
    set_story_error (error, ATLAS_STORY_ERROR_BROKEN_REFERENCE, story, passage->line, "%s", local_error->message);

out:
  atlas_chart_spec_clear (&spec);
  return chart;
}

/* A built-in dataset's own chart, as the sidebar opens it: the chart the
 * reader suggests for its columns, titled and credited from its
 * description. */
AtlasChart *
atlas_story_build_dataset_chart (AtlasStory  *story,
                                 const char  *dataset,
                                 GError     **error)
{
  g_autofree char *path = NULL;
  g_autoptr (AtlasDatasetInfo) info = NULL;
  AtlasTable *table;
  AtlasChartSpec spec;
  AtlasChart *chart;

  g_return_val_if_fail (story != NULL && dataset != NULL, NULL);

  table = dataset_table (story, dataset, error);
  if (!table)
    return NULL;
  path = g_strdup_printf ("%s%c%s.dataset", story->datasets_dir, G_DIR_SEPARATOR, dataset);
  info = atlas_dataset_info_load (path, error);
  if (!info)
    return NULL;
  atlas_chart_spec_init (&spec);
  atlas_chart_spec_suggest (table, &spec, TRUE);
  spec.title = g_strdup (info->title);
  spec.source = dataset_source_line (story, dataset);
  chart = atlas_chart_new (table, &spec, error);
  atlas_chart_spec_clear (&spec);
  return chart;
}

/* Where the story's datasets are, each a CSV beside its .dataset file. */
const char *
atlas_story_get_datasets_dir (const AtlasStory *story)
{
  g_return_val_if_fail (story != NULL, NULL);
  return story->datasets_dir;
}

/* Reads the story at path and checks every reference in it: datasets,
 * columns, x values, series and sources. */
AtlasStory *
atlas_story_load (const char  *path,
                  GError     **error)
{
  return atlas_story_load_reusing (path, NULL, error);
}

/* Takes the sources and every table read by earlier when both stories
 * name the same datasets folder: for reading a story's text again (as it
 * is edited, or fuzzed) over datasets that have not changed. */
static void
reuse_datasets (AtlasStory       *story,
                const AtlasStory *earlier)
{
  GHashTableIter iter;
  gpointer name, table;

  story->sources = g_hash_table_ref (earlier->sources);
  g_hash_table_iter_init (&iter, earlier->tables);
  while (g_hash_table_iter_next (&iter, &name, &table))
    g_hash_table_insert (story->tables, g_strdup (name), atlas_table_ref (table));
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
  g_autofree char *sources_path = NULL;
  gsize len;

  g_return_val_if_fail (path != NULL, NULL);

  story->path = g_strdup (path);
  story->passages = g_ptr_array_new_with_free_func (passage_free);
  story->tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) atlas_table_unref);
  if (!g_file_get_contents (path, &story->contents, &len, &local_error)
      || !g_key_file_load_from_data (keys, story->contents, len, G_KEY_FILE_NONE, &local_error))
    {
      set_story_error (error, ATLAS_STORY_ERROR_INVALID, story, 1, "%s", local_error->message);
      return NULL;
    }
  if (!read_story_key (story, keys, "Story", "Title", &story->title, error)
      || !read_story_key (story, keys, "Story", "Attribution", &story->attribution, error)
      || !read_story_key (story, keys, "Story", "Datasets", &datasets, error))
    return NULL;
  if (!story->title || !datasets)
    {
      set_story_error (error, ATLAS_STORY_ERROR_INVALID, story, atlas_key_file_group_line (story->contents, "Story"),
                       _("[Story] needs a Title and a Datasets folder"));
      return NULL;
    }
  story->datasets_dir = g_path_is_absolute (datasets) ? g_strdup (datasets) : g_build_filename (folder, datasets, NULL);
  if (earlier && g_str_equal (earlier->datasets_dir, story->datasets_dir))
    reuse_datasets (story, earlier);
  else
    {
      sources_path = g_build_filename (story->datasets_dir, "sources.csv", NULL);
      story->sources = atlas_sources_load (sources_path, &local_error);
    }
  if (!story->sources)
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
  for (guint i = 0; i < story->passages->len; i++)
    {
      AtlasChart *chart = atlas_story_build_chart (story, i, error);
      if (!chart)
        return NULL;
      atlas_chart_free (chart);
    }
  return g_steal_pointer (&story);
}

/* The sources its datasets cite: source id -> "publisher, title, date". */
GHashTable *
atlas_story_get_sources (const AtlasStory *story)
{
  g_return_val_if_fail (story != NULL, NULL);
  return story->sources;
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
