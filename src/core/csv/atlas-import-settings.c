/* atlas-import-settings.c: import choices as reader options, and a key file that remembers them.
 *
 * Only what the person set is stored: whatever they left to detection is
 * detected again next time, so a file that changes shape is read afresh. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-import-settings.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

struct _AtlasImportSettings
{
  AtlasCsvOptions options; /* column_choices points into choices */
  GArray *choices;         /* AtlasColumnChoice, by position in the file */
};

/* Remembering a file's choices stops at this many files: the oldest go. */
#define MAX_REMEMBERED_FILES 200

#define FILE_GROUP_PREFIX "File "
#define DIALECT_GROUP_PREFIX "Dialect "

static const char *const header_names[] = { "detect", "first-row", "none" };
static const char *const date_order_names[] = { "detect", "day-first", "month-first" };
static const char *const column_choice_names[] = { "detect", "number", "date", "text", "ignore" };

AtlasImportSettings *
atlas_import_settings_new (void)
{
  AtlasImportSettings *settings = g_new0 (AtlasImportSettings, 1);

  settings->choices = g_array_new (FALSE, TRUE, sizeof (AtlasColumnChoice));
  return settings;
}

AtlasImportSettings *
atlas_import_settings_copy (const AtlasImportSettings *settings)
{
  AtlasImportSettings *copy = atlas_import_settings_new ();

  copy->options = settings->options;
  g_array_append_vals (copy->choices, settings->choices->data, settings->choices->len);
  return copy;
}

void
atlas_import_settings_free (AtlasImportSettings *settings)
{
  if (!settings)
    return;
  g_array_unref (settings->choices);
  g_free (settings);
}

/* The reader's options for these choices, valid until the settings change. */
AtlasCsvOptions *
atlas_import_settings_get_options (AtlasImportSettings *settings)
{
  settings->options.column_choices = (const AtlasColumnChoice *) settings->choices->data;
  settings->options.n_column_choices = settings->choices->len;
  return &settings->options;
}

AtlasColumnChoice
atlas_import_settings_get_column_choice (const AtlasImportSettings *settings,
                                         guint                      column)
{
  return column < settings->choices->len ? g_array_index (settings->choices, AtlasColumnChoice, column)
                                         : ATLAS_COLUMN_CHOICE_DETECT;
}

void
atlas_import_settings_set_column_choice (AtlasImportSettings *settings,
                                         guint                column,
                                         AtlasColumnChoice    choice)
{
  if (column >= settings->choices->len)
    {
      if (choice == ATLAS_COLUMN_CHOICE_DETECT)
        return;
      g_array_set_size (settings->choices, column + 1);
    }
  g_array_index (settings->choices, AtlasColumnChoice, column) = choice;
}

/* Every column back to detection: for a layout that changed under them. */
void
atlas_import_settings_clear_columns (AtlasImportSettings *settings)
{
  g_array_set_size (settings->choices, 0);
}

gboolean
atlas_import_settings_equal (const AtlasImportSettings *a,
                             const AtlasImportSettings *b)
{
  const AtlasCsvOptions *x = &a->options, *y = &b->options;
  guint n = MAX (a->choices->len, b->choices->len);

  if (x->force_encoding != y->force_encoding || (x->force_encoding && x->encoding != y->encoding)
      || x->delimiter != y->delimiter || x->quote != y->quote || x->no_quote != y->no_quote || x->header != y->header
      || x->force_skip_lines != y->force_skip_lines || (x->force_skip_lines && x->skip_lines != y->skip_lines)
      || x->decimal_mark != y->decimal_mark || x->force_thousands_sep != y->force_thousands_sep
      || (x->force_thousands_sep && x->thousands_sep != y->thousands_sep) || x->date_order != y->date_order)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (atlas_import_settings_get_column_choice (a, i) != atlas_import_settings_get_column_choice (b, i))
      return FALSE;
  return TRUE;
}

/* The index of name among names, or -1. */
static int
find_name (const char *const *names,
           guint              n_names,
           const char        *name)
{
  for (guint i = 0; name && i < n_names; i++)
    if (g_str_equal (names[i], name))
      return (int) i;
  return -1;
}

/* A single character as the key file keeps it ("" for none). */
static void
set_character (GKeyFile   *keys,
               const char *group,
               const char *key,
               char        c)
{
  char text[2] = { c, '\0' };

  g_key_file_set_string (keys, group, key, text);
}

static gboolean
get_character (GKeyFile   *keys,
               const char *group,
               const char *key,
               char       *out_c)
{
  g_autofree char *text = g_key_file_get_string (keys, group, key, NULL);

  if (!text || strlen (text) > 1)
    return FALSE;
  *out_c = text[0];
  return TRUE;
}

/* The keys a group of import settings may hold. */
const char *const atlas_import_settings_keys[] = {
  "TextEncoding", "Delimiter", "Quote", "Header", "SkipLines", "DecimalMark", "ThousandsSeparator", "DateOrder",
  "Columns", NULL,
};

/* Writes the choices that override detection into group; columns too
 * when with_columns (a dialect is a way of writing, not a file's columns). */
void
atlas_import_settings_write_group (const AtlasImportSettings *settings,
                                   GKeyFile                  *keys,
                                   const char                *group,
                                   gboolean                   with_columns)
{
  const AtlasCsvOptions *o = &settings->options;

  if (o->force_encoding)
    g_key_file_set_string (keys, group, "TextEncoding", atlas_text_encoding_get_name (o->encoding));
  if (o->delimiter)
    set_character (keys, group, "Delimiter", o->delimiter);
  if (o->quote)
    set_character (keys, group, "Quote", o->quote);
  else if (o->no_quote)
    /* Quote= says no quote character, as ThousandsSeparator= says none. */
    g_key_file_set_string (keys, group, "Quote", "");
  if (o->header != ATLAS_CSV_HEADER_DETECT)
    g_key_file_set_string (keys, group, "Header", header_names[o->header]);
  if (o->force_skip_lines)
    g_key_file_set_uint64 (keys, group, "SkipLines", o->skip_lines);
  if (o->decimal_mark)
    set_character (keys, group, "DecimalMark", o->decimal_mark);
  if (o->force_thousands_sep)
    set_character (keys, group, "ThousandsSeparator", o->thousands_sep);
  if (o->date_order != ATLAS_DATE_ORDER_DETECT)
    g_key_file_set_string (keys, group, "DateOrder", date_order_names[o->date_order]);
  if (with_columns && settings->choices->len > 0)
    {
      g_autoptr (GPtrArray) names = g_ptr_array_new ();

      for (guint i = 0; i < settings->choices->len; i++)
        g_ptr_array_add (names, (gpointer) column_choice_names[g_array_index (settings->choices, AtlasColumnChoice,
                                                                                i)]);
      g_key_file_set_string_list (keys, group, "Columns", (const char *const *) names->pdata, names->len);
    }
}

/* Reads what atlas_import_settings_write_group() wrote. What it cannot
 * make sense of (a hand-edited file, a newer version's words) is left to
 * detection, and the first such key is put in *out_unread (when not
 * NULL) for callers that say so; NULL there when every key was read. */
AtlasImportSettings *
atlas_import_settings_read_group (GKeyFile    *keys,
                                  const char  *group,
                                  const char **out_unread)
{
  AtlasImportSettings *settings = atlas_import_settings_new ();
  AtlasCsvOptions *o = &settings->options;
  g_autofree char *encoding = g_key_file_get_string (keys, group, "TextEncoding", NULL);
  g_autofree char *header = g_key_file_get_string (keys, group, "Header", NULL);
  g_autofree char *date_order = g_key_file_get_string (keys, group, "DateOrder", NULL);
  g_auto (GStrv) columns = g_key_file_get_string_list (keys, group, "Columns", NULL, NULL);
  g_autoptr (GError) error = NULL;
  const char *unread = NULL;
  guint64 skip;
  int index;

  for (AtlasTextEncoding e = ATLAS_TEXT_ENCODING_UTF8; encoding && e <= ATLAS_TEXT_ENCODING_GB18030; e++)
    if (g_ascii_strcasecmp (encoding, atlas_text_encoding_get_name (e)) == 0)
      {
        o->force_encoding = TRUE;
        o->encoding = e;
      }
  if (encoding && !o->force_encoding)
    unread = "TextEncoding";
  if (!get_character (keys, group, "Delimiter", &o->delimiter) && g_key_file_has_key (keys, group, "Delimiter", NULL))
    unread = unread ? unread : "Delimiter";
  if (g_key_file_has_key (keys, group, "Quote", NULL))
    {
      if (!get_character (keys, group, "Quote", &o->quote))
        unread = unread ? unread : "Quote";
      else
        o->no_quote = o->quote == '\0';
    }
  if ((index = find_name (header_names, G_N_ELEMENTS (header_names), header)) >= 0)
    o->header = (AtlasCsvHeaderChoice) index;
  else if (header)
    unread = unread ? unread : "Header";
  skip = g_key_file_get_uint64 (keys, group, "SkipLines", &error);
  if (!error && skip < G_MAXUINT)
    {
      o->force_skip_lines = TRUE;
      o->skip_lines = (guint) skip;
    }
  else if (g_key_file_has_key (keys, group, "SkipLines", NULL))
    unread = unread ? unread : "SkipLines";
  if (get_character (keys, group, "DecimalMark", &o->decimal_mark) && o->decimal_mark != '.'
      && o->decimal_mark != ',')
    o->decimal_mark = '\0';
  if (!o->decimal_mark && g_key_file_has_key (keys, group, "DecimalMark", NULL))
    unread = unread ? unread : "DecimalMark";
  o->force_thousands_sep = get_character (keys, group, "ThousandsSeparator", &o->thousands_sep);
  if (!o->force_thousands_sep && g_key_file_has_key (keys, group, "ThousandsSeparator", NULL))
    unread = unread ? unread : "ThousandsSeparator";
  if ((index = find_name (date_order_names, G_N_ELEMENTS (date_order_names), date_order)) >= 0)
    o->date_order = (AtlasDateOrder) index;
  else if (date_order)
    unread = unread ? unread : "DateOrder";
  for (guint i = 0; columns && columns[i]; i++)
    {
      index = find_name (column_choice_names, G_N_ELEMENTS (column_choice_names), columns[i]);
      atlas_import_settings_set_column_choice (settings, i,
                                               index >= 0 ? (AtlasColumnChoice) index : ATLAS_COLUMN_CHOICE_DETECT);
      if (index < 0)
        unread = unread ? unread : "Columns";
    }
  if (out_unread)
    *out_unread = unread;
  return settings;
}

struct _AtlasImportMemory
{
  char *path;
  GKeyFile *keys;
};

/* The choices kept at path; an unreadable or missing file starts empty
 * (and is replaced whole on the next save). */
AtlasImportMemory *
atlas_import_memory_new (const char *path)
{
  AtlasImportMemory *memory = g_new0 (AtlasImportMemory, 1);

  memory->path = g_strdup (path);
  /* Read when first looked at: every lookup and change reads the file
   * as it is then (refresh_from_disk), so a window opens without it. */
  memory->keys = g_key_file_new ();
  return memory;
}

void
atlas_import_memory_free (AtlasImportMemory *memory)
{
  if (!memory)
    return;
  g_key_file_free (memory->keys);
  g_free (memory->path);
  g_free (memory);
}

/* Writes the key file through a temporary file renamed over the old one,
 * so a full disk or a crash leaves the earlier choices whole. */
static gboolean
save_memory (AtlasImportMemory  *memory,
             GError            **error)
{
  g_autofree char *folder = g_path_get_dirname (memory->path);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", folder, g_strerror (saved));
      return FALSE;
    }
  return g_key_file_save_to_file (memory->keys, memory->path, error);
}

/* Takes up what is on disk now: another window, or another run of the
 * app, may have saved since. Each change is then made to the latest
 * file, and none overwrites another's. Kept as it is when the file
 * cannot be read (not made yet, or gone). */
static void
refresh_from_disk (AtlasImportMemory *memory)
{
  g_autoptr (GKeyFile) keys = g_key_file_new ();

  if (!g_key_file_load_from_file (keys, memory->path, G_KEY_FILE_NONE, NULL))
    return;
  g_key_file_free (memory->keys);
  memory->keys = g_steal_pointer (&keys);
}

/* The settings kept in the group prefix + name, or NULL when there is none. */
static AtlasImportSettings *
lookup_group (AtlasImportMemory *memory,
              const char        *prefix,
              const char        *name)
{
  g_autofree char *group = g_strconcat (prefix, name, NULL);

  refresh_from_disk (memory);
  return g_key_file_has_group (memory->keys, group) ? atlas_import_settings_read_group (memory->keys, group, NULL) : NULL;
}

/* Writes settings as the group prefix + name, in place of what was there,
 * stamped with the time under stamp_key; the file is saved by the caller. */
static void
replace_group (AtlasImportMemory         *memory,
               const char                *prefix,
               const char                *name,
               const char                *stamp_key,
               const AtlasImportSettings *settings,
               gboolean                   with_columns)
{
  g_autofree char *group = g_strconcat (prefix, name, NULL);

  refresh_from_disk (memory);
  g_key_file_remove_group (memory->keys, group, NULL);
  /* The stamp also keeps a group that detects everything from vanishing. */
  g_key_file_set_int64 (memory->keys, group, stamp_key, g_get_real_time ());
  atlas_import_settings_write_group (settings, memory->keys, group, with_columns);
}

AtlasImportSettings *
atlas_import_memory_lookup_file (AtlasImportMemory *memory,
                                 const char        *uri)
{
  return lookup_group (memory, FILE_GROUP_PREFIX, uri);
}

/* Drops the files used longest ago beyond MAX_REMEMBERED_FILES. */
static void
forget_oldest_files (GKeyFile *keys)
{
  g_auto (GStrv) groups = g_key_file_get_groups (keys, NULL);
  g_autoptr (GPtrArray) files = g_ptr_array_new ();

  for (guint i = 0; groups[i]; i++)
    if (g_str_has_prefix (groups[i], FILE_GROUP_PREFIX))
      g_ptr_array_add (files, groups[i]);
  while (files->len > MAX_REMEMBERED_FILES)
    {
      guint oldest = 0;
      gint64 oldest_used = G_MAXINT64;

      for (guint i = 0; i < files->len; i++)
        {
          gint64 used = g_key_file_get_int64 (keys, g_ptr_array_index (files, i), "Used", NULL);
          if (used < oldest_used)
            {
              oldest_used = used;
              oldest = i;
            }
        }
      g_key_file_remove_group (keys, g_ptr_array_index (files, oldest), NULL);
      g_ptr_array_remove_index (files, oldest);
    }
}

gboolean
atlas_import_memory_remember_file (AtlasImportMemory          *memory,
                                   const char                 *uri,
                                   const AtlasImportSettings  *settings,
                                   GError                    **error)
{
  replace_group (memory, FILE_GROUP_PREFIX, uri, "Used", settings, TRUE);
  forget_oldest_files (memory->keys);
  return save_memory (memory, error);
}

static int
compare_names (const void *a,
               const void *b)
{
  return g_utf8_collate (*(const char *const *) a, *(const char *const *) b);
}

/* The names of the saved dialects, sorted. */
GStrv
atlas_import_memory_list_dialects (AtlasImportMemory *memory)
{
  g_auto (GStrv) groups = NULL;
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  GStrv list;

  refresh_from_disk (memory);
  groups = g_key_file_get_groups (memory->keys, NULL);
  for (guint i = 0; groups[i]; i++)
    if (g_str_has_prefix (groups[i], DIALECT_GROUP_PREFIX))
      g_strv_builder_add (names, groups[i] + strlen (DIALECT_GROUP_PREFIX));
  list = g_strv_builder_end (names);
  qsort (list, g_strv_length (list), sizeof (char *), compare_names);
  return list;
}

AtlasImportSettings *
atlas_import_memory_lookup_dialect (AtlasImportMemory *memory,
                                    const char        *name)
{
  return lookup_group (memory, DIALECT_GROUP_PREFIX, name);
}

/* Saves how a file is written under name, for files written alike; its
 * columns stay with the file. */
gboolean
atlas_import_memory_save_dialect (AtlasImportMemory          *memory,
                                  const char                 *name,
                                  const AtlasImportSettings  *settings,
                                  GError                    **error)
{
  replace_group (memory, DIALECT_GROUP_PREFIX, name, "Saved", settings, FALSE);
  return save_memory (memory, error);
}
