/* atlas-chart-context.c: reads what charts refer to: built-in datasets and their sources, data files with their settings, events. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-chart-context.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "atlas-csv-reader.h"
#include "atlas-dataset.h"
#include "atlas-table.h"

struct _AtlasChartContext
{
  gatomicrefcount ref_count;
  char *datasets_dir; /* NULL: no built-in datasets */
  GHashTable *sources; /* source id -> "publisher, title, date"; NULL until read */
  GHashTable *tables;  /* "dataset:ID" or "file:PATH" -> AtlasTable */
  GMutex lock;         /* the tables: a window reads in a worker thread */
};

AtlasChartContext *
atlas_chart_context_new (const char *datasets_dir)
{
  AtlasChartContext *context = g_new0 (AtlasChartContext, 1);

  g_atomic_ref_count_init (&context->ref_count);
  context->datasets_dir = g_strdup (datasets_dir);
  context->tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) atlas_table_unref);
  g_mutex_init (&context->lock);
  return context;
}

AtlasChartContext *
atlas_chart_context_ref (AtlasChartContext *context)
{
  g_return_val_if_fail (context != NULL, NULL);
  g_atomic_ref_count_inc (&context->ref_count);
  return context;
}

void
atlas_chart_context_unref (AtlasChartContext *context)
{
  if (!context || !g_atomic_ref_count_dec (&context->ref_count))
    return;
  g_free (context->datasets_dir);
  g_clear_pointer (&context->sources, g_hash_table_unref);
  g_hash_table_unref (context->tables);
  g_mutex_clear (&context->lock);
  g_free (context);
}

const char *
atlas_chart_context_get_datasets_dir (AtlasChartContext *context)
{
  g_return_val_if_fail (context != NULL, NULL);
  return context->datasets_dir;
}

/* The sources the built-in datasets cite, read once from sources.csv. */
GHashTable *
atlas_chart_context_get_sources (AtlasChartContext *context,
                                 GError           **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (context != NULL, NULL);

  g_mutex_lock (&context->lock);
  if (!context->sources && context->datasets_dir)
    {
      path = g_build_filename (context->datasets_dir, "sources.csv", NULL);
      context->sources = atlas_sources_load (path, error);
    }
  else if (!context->sources)
    g_set_error (error, ATLAS_CHART_FILE_ERROR, ATLAS_CHART_FILE_ERROR_BROKEN_REFERENCE,
                 _("there are no built-in datasets here"));
  g_mutex_unlock (&context->lock);
  return context->sources;
}

/* The table under key, read by read_table when it is not kept yet. */
static AtlasTable *
context_table (AtlasChartContext *context,
               const char        *key,
               const char        *path,
               GError           **error)
{
  AtlasTable *table;
  g_autoptr (AtlasCsvResult) result = NULL;

  g_mutex_lock (&context->lock);
  table = g_hash_table_lookup (context->tables, key);
  g_mutex_unlock (&context->lock);
  if (table)
    return table;
  result = atlas_csv_read_file (path, NULL, NULL, NULL, NULL, error);
  if (!result)
    return NULL;
  g_mutex_lock (&context->lock);
  table = g_hash_table_lookup (context->tables, key);
  if (!table)
    {
      table = atlas_table_ref (result->table);
      g_hash_table_insert (context->tables, g_strdup (key), table);
    }
  g_mutex_unlock (&context->lock);
  return table;
}

/* A dataset's id is a file name in the datasets folder: never a path
 * that leads elsewhere ("../../home/me/salaries"), which a story or chart
 * received from someone could otherwise use to read any CSV. */
static gboolean
is_dataset_id (const char *dataset)
{
  return *dataset && dataset[0] != '.' && !strchr (dataset, '/') && !strchr (dataset, '\\');
}

/* Where the CSV of a built-in dataset is; NULL where there are none, or
 * for an id that is no file name. */
char *
atlas_chart_context_get_dataset_path (AtlasChartContext *context,
                                      const char        *dataset)
{
  g_return_val_if_fail (context != NULL && dataset != NULL, NULL);

  if (!context->datasets_dir || !is_dataset_id (dataset))
    return NULL;
  return g_strdup_printf ("%s%c%s.csv", context->datasets_dir, G_DIR_SEPARATOR, dataset);
}

/* A built-in dataset's table, read once and kept; the reader's error
 * names the file, line and column. */
AtlasTable *
atlas_chart_context_get_dataset (AtlasChartContext *context,
                                 const char        *dataset,
                                 GError           **error)
{
  g_autofree char *key = g_strconcat ("dataset:", dataset, NULL);
  g_autofree char *path = NULL;

  g_return_val_if_fail (context != NULL && dataset != NULL, NULL);

  path = atlas_chart_context_get_dataset_path (context, dataset);
  if (!path)
    {
      g_set_error (error, ATLAS_CHART_FILE_ERROR, ATLAS_CHART_FILE_ERROR_BROKEN_REFERENCE, "%s",
                   is_dataset_id (dataset) ? _("there are no built-in datasets here")
                                           : _("a dataset is named by its file name, without a folder"));
      return NULL;
    }
  return context_table (context, key, path, error);
}

/* A CSV file's table, read as detected, once. */
static AtlasTable *
context_get_file (AtlasChartContext *context,
                  const char        *path,
                  GError           **error)
{
  g_autofree char *key = g_strconcat ("file:", path, NULL);

  return context_table (context, key, path, error);
}

static AtlasDatasetInfo *
load_dataset_info (AtlasChartContext *context,
                   const char        *dataset)
{
  g_autofree char *path = NULL;

  if (!context || !context->datasets_dir || !is_dataset_id (dataset))
    return NULL;
  path = g_strdup_printf ("%s%c%s.dataset", context->datasets_dir, G_DIR_SEPARATOR, dataset);
  return atlas_dataset_info_load (path, NULL);
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

/* Every publisher the built-in datasets cite, once each, in the locale's
 * order. */
GPtrArray *
atlas_chart_context_list_publishers (AtlasChartContext *context)
{
  GPtrArray *publishers = g_ptr_array_new_with_free_func (g_free);
  GHashTable *sources;
  GHashTableIter iter;
  gpointer source;

  g_return_val_if_fail (context != NULL, publishers);

  sources = atlas_chart_context_get_sources (context, NULL);
  if (!sources)
    return publishers;
  g_hash_table_iter_init (&iter, sources);
  while (g_hash_table_iter_next (&iter, NULL, &source))
    add_publisher (publishers, source);
  g_ptr_array_sort (publishers, compare_names);
  return publishers;
}

/* The publishers a dataset's description cites, for a chart's source
 * line; NULL when the dataset has no description. */
char *
atlas_chart_context_describe_sources (AtlasChartContext *context,
                                      const char        *dataset)
{
  g_autoptr (AtlasDatasetInfo) info = load_dataset_info (context, dataset);
  g_autoptr (GPtrArray) publishers = g_ptr_array_new_with_free_func (g_free);
  GHashTable *sources = info ? atlas_chart_context_get_sources (context, NULL) : NULL;
  GString *line;

  if (!info || !sources)
    return NULL;
  for (guint i = 0; info->sources[i]; i++)
    add_publisher (publishers, g_hash_table_lookup (sources, info->sources[i]));
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

/* A built-in dataset's title, from its description; NULL without one. */
char *
atlas_chart_context_get_dataset_title (AtlasChartContext *context,
                                       const char        *dataset)
{
  g_autoptr (AtlasDatasetInfo) info = load_dataset_info (context, dataset);

  return info ? g_strdup (info->title) : NULL;
}

/* The CSV file definition draws, as an absolute path; NULL for a
 * built-in dataset where there are none. */
char *
atlas_chart_context_get_data_path (AtlasChartContext          *context,
                                   const AtlasChartDefinition *definition)
{
  g_return_val_if_fail (definition != NULL, NULL);

  if (definition->data)
    return atlas_chart_definition_resolve_path (definition, definition->data);
  return context ? atlas_chart_context_get_dataset_path (context, definition->dataset) : NULL;
}

/* How definition's data is to be read, from its reader settings; NULL,
 * with an error at the key, for a value the reader cannot take. */
AtlasImportSettings *
atlas_chart_import_settings_read (const AtlasChartDefinition *definition,
                                  GError                    **error)
{
  g_autoptr (GKeyFile) keys = g_key_file_new ();
  g_autoptr (AtlasImportSettings) settings = NULL;
  GHashTableIter iter;
  gpointer key, value;
  const char *unread = NULL;

  g_return_val_if_fail (definition != NULL, NULL);

  g_hash_table_iter_init (&iter, definition->reader_settings);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_key_file_set_value (keys, ATLAS_CHART_FILE_GROUP, key, value);
  settings = atlas_import_settings_read_group (keys, ATLAS_CHART_FILE_GROUP, &unread);
  if (unread)
    {
      atlas_chart_definition_set_error (error, definition, unread, ATLAS_CHART_FILE_ERROR_INVALID,
                                        /* Translators: a key of the reader's settings, then its value. */
                                        _("the reader cannot take %s=%s"), unread,
                                        (char *) g_hash_table_lookup (definition->reader_settings, unread));
      return NULL;
    }
  return g_steal_pointer (&settings);
}

/* Reads definition's data with settings from now on. */
void
atlas_chart_import_settings_write (AtlasChartDefinition      *definition,
                                   const AtlasImportSettings *settings)
{
  g_autoptr (GKeyFile) keys = g_key_file_new ();

  g_return_if_fail (definition != NULL && settings != NULL);

  g_hash_table_remove_all (definition->reader_settings);
  atlas_import_settings_write_group (settings, keys, ATLAS_CHART_FILE_GROUP, TRUE);
  for (guint i = 0; atlas_chart_reader_keys[i]; i++)
    {
      char *value = g_key_file_get_value (keys, ATLAS_CHART_FILE_GROUP, atlas_chart_reader_keys[i], NULL);
      if (value)
        g_hash_table_insert (definition->reader_settings, g_strdup (atlas_chart_reader_keys[i]), value);
    }
}

/* The table definition draws. A data file that is not there is named as
 * the chart file gives it and as it was looked for. */
AtlasTable *
atlas_chart_context_read_table (AtlasChartContext          *context,
                                const AtlasChartDefinition *definition,
                                GError                    **error)
{
  g_autofree char *path = NULL;
  g_autoptr (AtlasCsvResult) result = NULL;
  g_autoptr (AtlasImportSettings) settings = NULL;
  g_autoptr (GError) local_error = NULL;
  AtlasTable *table;

  g_return_val_if_fail (definition != NULL, NULL);

  if (definition->dataset)
    {
      table = context ? atlas_chart_context_get_dataset (context, definition->dataset, &local_error) : NULL;
      if (!table)
        atlas_chart_definition_set_error (error, definition, "Dataset", ATLAS_CHART_FILE_ERROR_BROKEN_REFERENCE,
                                          /* Translators: a dataset's name, then what went wrong reading it. */
                                          _("dataset “%s”: %s"), definition->dataset,
                                          local_error ? local_error->message : _("there are no built-in datasets here"));
      return table ? atlas_table_ref (table) : NULL;
    }
  path = atlas_chart_definition_resolve_path (definition, definition->data);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      atlas_chart_definition_set_error (error, definition, "Data", ATLAS_CHART_FILE_ERROR_MISSING_DATA,
                                        /* Translators: the data file as the chart names it, then where it was looked for. */
                                        _("the chart's data “%s” is not there: no file %s"), definition->data, path);
      return NULL;
    }
  if (g_hash_table_size (definition->reader_settings) == 0 && context)
    {
      table = context_get_file (context, path, error);
      return table ? atlas_table_ref (table) : NULL;
    }
  settings = atlas_chart_import_settings_read (definition, error);
  if (!settings)
    return NULL;
  result = atlas_csv_read_file (path, atlas_import_settings_get_options (settings), NULL, NULL, NULL, error);
  return result ? atlas_table_ref (result->table) : NULL;
}

/* The events table definition names, or NULL with an error at its key. */
static AtlasTable *
read_events (AtlasChartContext          *context,
             const AtlasChartDefinition *definition,
             GError                    **error)
{
  const char *key = definition->events_dataset ? "Events" : "EventsData";
  const char *name = definition->events_dataset ? definition->events_dataset : definition->events_data;
  g_autoptr (GError) local_error = NULL;
  AtlasTable *events = NULL;

  if (definition->events_dataset)
    {
      AtlasTable *table = context ? atlas_chart_context_get_dataset (context, name, &local_error) : NULL;
      events = table ? atlas_table_ref (table) : NULL;
    }
  else
    {
      g_autofree char *path = atlas_chart_definition_resolve_path (definition, definition->events_data);
      g_autoptr (AtlasCsvResult) result = atlas_csv_read_file (path, NULL, NULL, NULL, NULL, &local_error);
      events = result ? atlas_table_ref (result->table) : NULL;
    }
  if (!events)
    atlas_chart_definition_set_error (error, definition, key, ATLAS_CHART_FILE_ERROR_BROKEN_REFERENCE,
                                      _("events “%s”: %s"), name,
                                      local_error ? local_error->message : _("there are no built-in datasets here"));
  return events;
}

/* The chart definition says, of table, with the events it names read
 * and, for a built-in dataset, the title and source line its
 * description gives when the chart gives none. context finds built-in
 * datasets; NULL where there are none. */
AtlasChart *
atlas_chart_context_build (AtlasChartContext          *context,
                           const AtlasChartDefinition *definition,
                           AtlasTable                 *table,
                           GError                    **error)
{
  g_autoptr (AtlasTable) events = NULL;
  g_autofree char *title = NULL;
  g_autofree char *source = NULL;
  AtlasChartReferences references = { NULL, NULL, NULL };

  g_return_val_if_fail (definition != NULL && table != NULL, NULL);

  if (definition->events_dataset || definition->events_data)
    {
      events = read_events (context, definition, error);
      if (!events)
        return NULL;
    }
  if (definition->dataset && !definition->title)
    title = atlas_chart_context_get_dataset_title (context, definition->dataset);
  if (definition->dataset && !definition->source)
    source = atlas_chart_context_describe_sources (context, definition->dataset);
  references = (AtlasChartReferences) { events, title, source };
  return atlas_chart_definition_build_chart (definition, table, &references, error);
}
