/* atlas-dataset.c: reads .dataset descriptions (GLib key files) and sources.csv. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-dataset.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "atlas-csv-reader.h"
#include "atlas-located-error.h"
#include "atlas-table.h"

G_DEFINE_QUARK (atlas-dataset-error-quark, atlas_dataset_error)

#define DATASET_GROUP "Dataset"

void
atlas_dataset_info_free (AtlasDatasetInfo *info)
{
  if (!info)
    return;
  g_free (info->id);
  g_free (info->csv_path);
  g_free (info->title);
  g_free (info->description);
  g_free (info->units);
  g_free (info->time_span);
  g_clear_pointer (&info->updated, g_date_time_unref);
  g_free (info->caveats);
  g_strfreev (info->sources);
  g_free (info);
}

static char *
required_string (GKeyFile   *keys,
                 const char *text,
                 const char *path,
                 const char *key,
                 GError    **error)
{
  g_autoptr (GError) local_error = NULL;
  char *value = g_key_file_get_locale_string (keys, DATASET_GROUP, key, NULL, &local_error);

  if (!value || !*g_strstrip (value))
    {
      g_free (value);
      atlas_set_located_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_MISSING_KEY, path,
                               atlas_key_file_group_line (text, DATASET_GROUP), 1,
                               /* Translators: a group and a key of a .dataset file, which stay in English. */
                               _("the [%s] group has no %s"), DATASET_GROUP, key);
      return NULL;
    }
  return value;
}

AtlasDatasetInfo *
atlas_dataset_info_load (const char  *dataset_path,
                         GError     **error)
{
  g_autoptr (GKeyFile) keys = g_key_file_new ();
  g_autoptr (AtlasDatasetInfo) info = g_new0 (AtlasDatasetInfo, 1);
  g_autoptr (GError) local_error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *basename = g_path_get_basename (dataset_path);
  g_autofree char *folder = g_path_get_dirname (dataset_path);
  g_autofree char *sources = NULL;
  g_autofree char *updated = NULL;
  gsize len;

  if (!g_file_get_contents (dataset_path, &text, &len, &local_error)
      || !g_key_file_load_from_data (keys, text, len, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_INVALID, "%s:1:1: %s", dataset_path,
                   local_error->message);
      return NULL;
    }
  if (!g_key_file_has_group (keys, DATASET_GROUP))
    {
      atlas_set_located_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_MISSING_KEY, dataset_path,
                               1, 1,
                               /* Translators: a group of a .dataset file, which stays in English. */
                               _("there is no [%s] group"), DATASET_GROUP);
      return NULL;
    }

  info->id = g_strndup (basename, strlen (basename) - (g_str_has_suffix (basename, ".dataset") ? 8 : 0));
  info->csv_path = g_strdup_printf ("%s%c%s.csv", folder, G_DIR_SEPARATOR, info->id);
  if (!(info->title = required_string (keys, text, dataset_path, "Title", error))
      || !(info->description = required_string (keys, text, dataset_path, "Description", error))
      || !(info->units = required_string (keys, text, dataset_path, "Units", error))
      || !(info->time_span = required_string (keys, text, dataset_path, "TimeSpan", error))
      || !(sources = required_string (keys, text, dataset_path, "Sources", error))
      || !(updated = required_string (keys, text, dataset_path, "Updated", error)))
    return NULL;
  /* A date, not a time: noon keeps it the same day in every time zone. */
  {
    g_autofree char *noon = g_strconcat (updated, "T12:00:00Z", NULL);
    info->updated = g_date_time_new_from_iso8601 (noon, NULL);
  }
  if (!info->updated)
    {
      atlas_set_located_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_INVALID, dataset_path,
                               atlas_key_file_group_line (text, DATASET_GROUP), 1,
                               /* Translators: Updated is a key of a .dataset file, which stays in English. */
                               _("Updated is a date such as 2026-12-02, not “%s”"), updated);
      return NULL;
    }
  info->caveats = g_key_file_get_locale_string (keys, DATASET_GROUP, "Caveats", NULL, NULL);
  info->sources = g_strsplit (sources, ";", -1);
  for (guint i = 0; info->sources[i]; i++)
    g_strstrip (info->sources[i]);
  if (!g_file_test (info->csv_path, G_FILE_TEST_IS_REGULAR))
    {
      atlas_set_located_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_INVALID, dataset_path, 1, 1,
                               /* Translators: %s.csv is the data file a .dataset describes. */
                               _("there is no %s.csv beside it"), info->id);
      return NULL;
    }
  return g_steal_pointer (&info);
}

/* How current a dataset is, as a person reads it: the years it spans
 * and when its figures were last brought up to date. */
char *
atlas_dataset_info_describe_currency (const AtlasDatasetInfo *info)
{
  g_autofree char *date = g_date_time_format (info->updated, "%-d %B %Y");

  /* Translators: the years a dataset spans, then the day its figures were last brought up to date. */
  return g_strdup_printf (_("%s, updated %s"), info->time_span, date);
}

static int
compare_infos (gconstpointer a,
               gconstpointer b)
{
  const AtlasDatasetInfo *x = *(AtlasDatasetInfo *const *) a;
  const AtlasDatasetInfo *y = *(AtlasDatasetInfo *const *) b;
  return g_strcmp0 (x->id, y->id);
}

/* Every NAME.dataset in folder, by name. */
GPtrArray *
atlas_dataset_catalog_load (const char  *folder,
                            GError     **error)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, error);
  g_autoptr (GPtrArray) infos = g_ptr_array_new_with_free_func ((GDestroyNotify) atlas_dataset_info_free);
  const char *name;

  if (!dir)
    return NULL;
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *path = NULL;
      AtlasDatasetInfo *info;

      if (!g_str_has_suffix (name, ".dataset"))
        continue;
      path = g_build_filename (folder, name, NULL);
      info = atlas_dataset_info_load (path, error);
      if (!info)
        return NULL;
      g_ptr_array_add (infos, info);
    }
  g_ptr_array_sort (infos, compare_infos);
  return g_steal_pointer (&infos);
}

/* sources.csv as a map from source id to the row's "publisher, title,
 * date" for people to read. */
GHashTable *
atlas_sources_load (const char  *sources_csv,
                    GError     **error)
{
  g_autoptr (AtlasCsvResult) result = atlas_csv_read_file (sources_csv, NULL, NULL, NULL, NULL, error);
  g_autoptr (GHashTable) sources = NULL;
  const AtlasColumn *ids, *publishers, *titles, *dates;

  if (!result)
    return NULL;
  ids = atlas_table_find_column (result->table, "source_id");
  publishers = atlas_table_find_column (result->table, "publisher");
  titles = atlas_table_find_column (result->table, "title");
  dates = atlas_table_find_column (result->table, "date");
  if (!ids || !publishers || !titles || atlas_column_get_column_type (ids) != ATLAS_COLUMN_TEXT)
    {
      atlas_set_located_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_INVALID, sources_csv, 1, 1,
                               /* Translators: the column names stay in English. */
                               _("the header must name source_id, publisher, title and date"));
      return NULL;
    }
  sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (gsize row = 0; row < atlas_table_get_n_rows (result->table); row++)
    {
      const char *id = atlas_column_get_text (ids, row);
      const char *publisher = atlas_column_get_text (publishers, row);
      const char *title = atlas_column_get_text (titles, row);
      const char *date = dates && atlas_column_get_column_type (dates) == ATLAS_COLUMN_TEXT
                           ? atlas_column_get_text (dates, row)
                           : NULL;

      if (!id)
        continue;
      g_hash_table_insert (sources, g_strdup (id),
                           g_strdup_printf ("%s, %s%s%s", publisher ? publisher : "?", title ? title : "",
                                            date ? ", " : "", date ? date : ""));
    }
  return g_steal_pointer (&sources);
}
