/* atlas-chart-definition.c: the chart language: one parser for chart files, story passages and the command line. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-chart-definition.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "atlas-cell-parse.h"
#include "atlas-chart-suggest.h"
#include "atlas-located-error.h"
#include "atlas-table.h"

G_DEFINE_QUARK (atlas-chart-file-error-quark, atlas_chart_file_error)

/* Every key of the language but the notes (Note1, Note2, ...) and the
 * reader's settings. */
/* How to read the data, as the reader's own settings name it (the import
 * settings read them); kept as written, in this order. */
const char *const atlas_chart_reader_keys[] = {
  "TextEncoding", "Delimiter", "Quote", "Header", "SkipLines", "DecimalMark", "ThousandsSeparator", "DateOrder",
  "Columns", NULL,
};

static const char *const chart_keys[] = {
  "Data", "Dataset", "Chart", "X", "Y", "Label", "Size", "Status", "FilterColumn", "FilterValue", "Group", "GroupValues", "Log", "FitValues",
  "Markers", "Dark", "Transparent", "XRange", "YRange", "Highlight", "Title", "Subtitle", "Source", "Notes", "Events",
  "EventsData", "EventsCategory", "Decimals", "Prefix", "Suffix", "Unit", "Colors", "Sort", NULL,
};

/* Notes */

static void
note_free (gpointer data)
{
  AtlasChartNote *note = data;

  g_free (note->key);
  g_free (note->where);
  g_free (note->text);
  g_strfreev (note->sources);
  g_free (note->series);
  g_free (note);
}

static AtlasChartNote *
note_copy (const AtlasChartNote *note)
{
  AtlasChartNote *copy = g_new0 (AtlasChartNote, 1);

  copy->kind = note->kind;
  copy->key = g_strdup (note->key);
  copy->where = g_strdup (note->where);
  copy->text = g_strdup (note->text);
  copy->sources = g_strdupv (note->sources);
  copy->series = g_strdup (note->series);
  return copy;
}

static const char *const note_kinds[] = { "callout", "range", "reference" };

/* Definition */

AtlasChartDefinition *
atlas_chart_definition_new (void)
{
  AtlasChartDefinition *definition = g_new0 (AtlasChartDefinition, 1);

  definition->annotations = g_ptr_array_new_with_free_func (note_free);
  definition->places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  definition->reader_settings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  definition->value_decimals = -1;
  return definition;
}

void
atlas_chart_definition_free (AtlasChartDefinition *definition)
{
  if (!definition)
    return;
  g_free (definition->data);
  g_free (definition->dataset);
  g_hash_table_unref (definition->reader_settings);
  g_free (definition->x_column);
  g_strfreev (definition->y_columns);
  g_free (definition->label_column);
  g_free (definition->size_column);
  g_free (definition->status_column);
  g_free (definition->filter_column);
  g_free (definition->filter_value);
  g_free (definition->group_column);
  g_strfreev (definition->group_values);
  g_free (definition->x_range);
  g_free (definition->y_range);
  g_strfreev (definition->highlights);
  g_free (definition->title);
  g_free (definition->subtitle);
  g_free (definition->source);
  g_free (definition->notes);
  g_free (definition->events_dataset);
  g_free (definition->events_data);
  g_strfreev (definition->events_categories);
  g_ptr_array_unref (definition->annotations);
  g_free (definition->value_prefix);
  g_free (definition->value_suffix);
  g_free (definition->value_unit);
  g_strfreev (definition->series_colors);
  g_free (definition->base_dir);
  g_hash_table_unref (definition->places);
  g_free (definition->group_place);
  g_free (definition);
}

AtlasChartDefinition *
atlas_chart_definition_copy (const AtlasChartDefinition *definition)
{
  AtlasChartDefinition *copy = atlas_chart_definition_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (definition != NULL, copy);

  copy->data = g_strdup (definition->data);
  copy->dataset = g_strdup (definition->dataset);
  g_hash_table_iter_init (&iter, definition->reader_settings);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->reader_settings, g_strdup (key), g_strdup (value));
  copy->has_type = definition->has_type;
  copy->type = definition->type;
  copy->x_column = g_strdup (definition->x_column);
  copy->y_columns = g_strdupv (definition->y_columns);
  copy->label_column = g_strdup (definition->label_column);
  copy->size_column = g_strdup (definition->size_column);
  copy->status_column = g_strdup (definition->status_column);
  copy->filter_column = g_strdup (definition->filter_column);
  copy->filter_value = g_strdup (definition->filter_value);
  copy->group_column = g_strdup (definition->group_column);
  copy->group_values = g_strdupv (definition->group_values);
  copy->log_y = definition->log_y;
  copy->fit_values = definition->fit_values;
  copy->markers = definition->markers;
  copy->dark = definition->dark;
  copy->transparent = definition->transparent;
  copy->x_range = g_strdup (definition->x_range);
  copy->y_range = g_strdup (definition->y_range);
  copy->highlights = g_strdupv (definition->highlights);
  copy->title = g_strdup (definition->title);
  copy->subtitle = g_strdup (definition->subtitle);
  copy->source = g_strdup (definition->source);
  copy->notes = g_strdup (definition->notes);
  copy->events_dataset = g_strdup (definition->events_dataset);
  copy->events_data = g_strdup (definition->events_data);
  copy->events_categories = g_strdupv (definition->events_categories);
  for (guint i = 0; i < definition->annotations->len; i++)
    g_ptr_array_add (copy->annotations, note_copy (g_ptr_array_index (definition->annotations, i)));
  copy->value_decimals = definition->value_decimals;
  copy->value_prefix = g_strdup (definition->value_prefix);
  copy->value_suffix = g_strdup (definition->value_suffix);
  copy->value_unit = g_strdup (definition->value_unit);
  copy->series_colors = g_strdupv (definition->series_colors);
  copy->sort = definition->sort;
  copy->base_dir = g_strdup (definition->base_dir);
  g_hash_table_iter_init (&iter, definition->places);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->places, g_strdup (key), g_strdup (value));
  copy->group_place = g_strdup (definition->group_place);
  return copy;
}

/* What a message about key starts with: where the key was written. */
static const char *
place_of (const AtlasChartDefinition *definition,
          const char                 *key)
{
  const char *place = key ? g_hash_table_lookup (definition->places, key) : NULL;

  return place ? place : definition->group_place ? definition->group_place : "";
}

/* Sets error, with code, saying where key (NULL: the group) was written
 * before the message. */
void
atlas_chart_definition_set_error (GError                    **error,
                                  const AtlasChartDefinition *definition,
                                  const char                 *key,
                                  AtlasChartFileError         code,
                                  const char                 *format,
                                  ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, ATLAS_CHART_FILE_ERROR, code, "%s%s", place_of (definition, key), message);
}

/* Reading */

/* Ends piece: blanks that were written as they are (not \s) leave its
 * ends when strip, as GKeyFile strips a value's. */
static char *
end_piece (GString  *piece,
           gsize     kept_len,
           gboolean  strip)
{
  while (strip && piece->len > kept_len && g_ascii_isspace (piece->str[piece->len - 1]))
    g_string_truncate (piece, piece->len - 1);
  return g_string_free (piece, FALSE);
}

/* A raw key-file value split at each separator not escaped with a
 * backslash, GKeyFile's escapes (\s \n \t \r \\) and an escaped separator
 * undone in each piece, and, when strip, the blanks around each piece
 * that were not escaped left out; NULL when an escape is broken. */
static GPtrArray *
split_escaped (const char *raw,
               char        separator,
               gboolean    strip)
{
  g_autoptr (GPtrArray) pieces = g_ptr_array_new_with_free_func (g_free);
  GString *piece = g_string_new (NULL);
  gsize kept_len = 0; /* the piece up to its last escaped character */

  for (const char *p = raw; *p; p++)
    {
      if (*p == separator)
        {
          g_ptr_array_add (pieces, end_piece (piece, kept_len, strip));
          piece = g_string_new (NULL);
          kept_len = 0;
          continue;
        }
      if (*p != '\\')
        {
          if (!(strip && piece->len == 0 && g_ascii_isspace (*p)))
            g_string_append_c (piece, *p);
          continue;
        }
      switch (*++p)
        {
        case 's': g_string_append_c (piece, ' '); break;
        case 'n': g_string_append_c (piece, '\n'); break;
        case 't': g_string_append_c (piece, '\t'); break;
        case 'r': g_string_append_c (piece, '\r'); break;
        case '\\': g_string_append_c (piece, '\\'); break;
        default:
          if (*p && *p == separator)
            {
              g_string_append_c (piece, *p);
              break;
            }
          g_string_free (piece, TRUE);
          return NULL;
        }
      kept_len = piece->len;
    }
  g_ptr_array_add (pieces, end_piece (piece, kept_len, strip));
  return g_steal_pointer (&pieces);
}

/* text with GKeyFile's escapes, blanks at its ends and separator escaped
 * too, for split_escaped() to read back. */
static void
append_escaped (GString    *out,
                const char *text,
                char        separator)
{
  gsize end = strlen (text);

  while (end > 0 && g_ascii_isspace (text[end - 1]))
    end--;
  for (const char *p = text; *p; p++)
    {
      gboolean at_end = p == text || (gsize) (p - text) >= end;

      if (*p == ' ' && at_end)
        g_string_append (out, "\\s");
      else if (*p == '\n')
        g_string_append (out, "\\n");
      else if (*p == '\t')
        g_string_append (out, "\\t");
      else if (*p == '\r')
        g_string_append (out, "\\r");
      else if (*p == '\\')
        g_string_append (out, "\\\\");
      else
        {
          if (*p == separator)
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
    }
}

/* What the reader of one group shares with its helpers. */
typedef struct
{
  GKeyFile *keys;
  const char *group;
  AtlasChartDefinition *definition;
} GroupReader;

static void G_GNUC_PRINTF (3, 4)
set_read_error (GError            **error,
                const GroupReader  *reader,
                const char         *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, ATLAS_CHART_FILE_ERROR, ATLAS_CHART_FILE_ERROR_INVALID, "%s%s",
               place_of (reader->definition, NULL), message);
}

/* A key whose value cannot be read is an error at its line, never taken
 * for an absent key. */
static void
set_unreadable (GError           **error,
                const GroupReader *reader,
                const char        *key,
                const char        *why)
{
  atlas_chart_definition_set_error (error, reader->definition, key, ATLAS_CHART_FILE_ERROR_INVALID,
                                    /* Translators: a group and a key of a chart or story file, then why its value cannot be read. */
                                    _("[%s] %s: %s"), reader->group, key, why);
}

/* key's value into *value (NULL when the key is absent). */
static gboolean
read_string (const GroupReader *reader,
             const char        *key,
             char             **value,
             GError           **error)
{
  g_autofree char *why = NULL;

  if (atlas_key_file_read_string (reader->keys, reader->group, key, value, &why))
    return TRUE;
  set_unreadable (error, reader, key, why);
  return FALSE;
}

/* key's value split at separator into pieces (NULL when the key is
 * absent), each with its escapes undone, in UTF-8, and stripped of the
 * blanks around it when strip. */
static gboolean
read_pieces (const GroupReader *reader,
             const char        *key,
             char               separator,
             gboolean           strip,
             GPtrArray        **out_pieces,
             GError           **error)
{
  g_autofree char *raw = g_key_file_get_value (reader->keys, reader->group, key, NULL);
  GPtrArray *pieces;

  *out_pieces = NULL;
  if (!raw)
    return TRUE;
  pieces = split_escaped (raw, separator, strip);
  if (!pieces)
    {
      set_unreadable (error, reader, key, _("it holds a backslash that escapes nothing"));
      return FALSE;
    }
  for (guint i = 0; i < pieces->len; i++)
    {
      char *piece = g_ptr_array_index (pieces, i);
      if (!g_utf8_validate (piece, -1, NULL))
        {
          set_unreadable (error, reader, key, _("it is not UTF-8 text"));
          g_ptr_array_unref (pieces);
          return FALSE;
        }
    }
  *out_pieces = pieces;
  return TRUE;
}

/* A list of names separated by ';' (NULL when the key is absent). */
static gboolean
read_list (const GroupReader *reader,
           const char        *key,
           GStrv             *out_list,
           GError           **error)
{
  GPtrArray *pieces = NULL;

  if (!read_pieces (reader, key, ';', TRUE, &pieces, error))
    return FALSE;
  if (pieces)
    {
      /* "a;b;" ends in an empty piece, as GKeyFile's own lists do, and
       * an empty value is an empty list: no name is empty. */
      for (guint i = pieces->len; i-- > 0;)
        if (!*(char *) g_ptr_array_index (pieces, i))
          g_ptr_array_remove_index (pieces, i);
      g_ptr_array_add (pieces, NULL);
      *out_list = (GStrv) g_ptr_array_free (pieces, FALSE);
    }
  return TRUE;
}

static gboolean
read_boolean (const GroupReader *reader,
              const char        *key,
              gboolean          *value,
              GError           **error)
{
  g_autoptr (GError) local_error = NULL;

  if (!g_key_file_has_key (reader->keys, reader->group, key, NULL))
    return TRUE;
  *value = g_key_file_get_boolean (reader->keys, reader->group, key, &local_error);
  if (!local_error)
    return TRUE;
  set_unreadable (error, reader, key, _("it is true or false"));
  return FALSE;
}

/* Note2 before Note10: by the number after "Note". */
static int
compare_note_keys (gconstpointer a,
                   gconstpointer b)
{
  return atoi (*(const char *const *) a + strlen ("Note")) - atoi (*(const char *const *) b + strlen ("Note"));
}

/* Note, then digits. */
static gboolean
is_note_key (const char *key)
{
  if (!g_str_has_prefix (key, "Note") || !key[4])
    return FALSE;
  for (const char *p = key + 4; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static gboolean
read_note (const GroupReader *reader,
           const char        *key,
           GError           **error)
{
  AtlasChartDefinition *definition = reader->definition;
  g_autoptr (GPtrArray) fields = NULL;
  AtlasChartNote *note;
  gboolean kind_found = FALSE;

  if (!read_pieces (reader, key, '|', FALSE, &fields, error))
    return FALSE;
  if (fields->len < 3 || fields->len > 5)
    {
      g_autofree char *value = g_key_file_get_value (reader->keys, reader->group, key, NULL);
      atlas_chart_definition_set_error (error, definition, key, ATLAS_CHART_FILE_ERROR_INVALID,
                                        /* Translators: chart and story messages quote the file's own words
                                        * (keys, groups, kinds of note), which stay in English. */
                                        _("a note is kind|where|text[|sources[|series]], not “%s”"), value);
      return FALSE;
    }
  note = g_new0 (AtlasChartNote, 1);
  g_ptr_array_add (definition->annotations, note);
  note->key = g_strdup (key);
  for (guint k = 0; k < G_N_ELEMENTS (note_kinds); k++)
    if (g_str_equal (g_ptr_array_index (fields, 0), note_kinds[k]))
      {
        note->kind = (AtlasAnnotationKind) k;
        kind_found = TRUE;
      }
  if (!kind_found)
    {
      atlas_chart_definition_set_error (error, definition, key, ATLAS_CHART_FILE_ERROR_INVALID,
                                        _("a note is a callout, a range or a reference, not “%s”"),
                                        (char *) g_ptr_array_index (fields, 0));
      return FALSE;
    }
  note->where = g_strdup (g_ptr_array_index (fields, 1));
  note->text = g_strdup (g_ptr_array_index (fields, 2));
  if (fields->len > 3)
    {
      note->sources = g_strsplit (g_ptr_array_index (fields, 3), ";", -1);
      for (guint i = 0; note->sources[i]; i++)
        g_strstrip (note->sources[i]);
      /* "" cites nothing, as "A;" cites A alone. */
      for (guint i = g_strv_length (note->sources); i-- > 0;)
        if (!*note->sources[i])
          {
            g_free (note->sources[i]);
            memmove (note->sources + i, note->sources + i + 1, (g_strv_length (note->sources + i + 1) + 1) * sizeof (char *));
          }
    }
  else
    note->sources = g_new0 (char *, 1);
  if (fields->len > 4 && *(char *) g_ptr_array_index (fields, 4))
    note->series = g_strdup (g_ptr_array_index (fields, 4));
  return TRUE;
}

/* Every key of the group is one of the language's, or in other_keys. */
static gboolean
check_keys (const GroupReader  *reader,
            const char * const *other_keys,
            GError            **error)
{
  g_auto (GStrv) names = g_key_file_get_keys (reader->keys, reader->group, NULL, NULL);

  for (guint i = 0; names && names[i]; i++)
    if (!g_strv_contains (chart_keys, names[i]) && !g_strv_contains (atlas_chart_reader_keys, names[i])
        && !is_note_key (names[i]) && !(other_keys && g_strv_contains (other_keys, names[i])))
      {
        atlas_chart_definition_set_error (error, reader->definition, names[i], ATLAS_CHART_FILE_ERROR_INVALID,
                                          /* Translators: a key of a chart or story file, then its group. */
                                          _("there is no key “%s” in a chart; [%s] cannot hold it"), names[i], reader->group);
        return FALSE;
      }
  return TRUE;
}

/* Decimals, Colors and Sort: how values are written and bars drawn. */
static gboolean
read_number_format (GroupReader *reader,
                    GError     **error)
{
  AtlasChartDefinition *definition = reader->definition;
  g_autofree char *decimals = NULL;
  g_autofree char *sort = NULL;
  GPtrArray *colors = NULL;

  if (!read_string (reader, "Decimals", &decimals, error) || !read_string (reader, "Sort", &sort, error)
      || !read_pieces (reader, "Colors", ';', TRUE, &colors, error))
    return FALSE;
  if (decimals)
    {
      guint64 value;
      if (!g_ascii_string_to_unsigned (decimals, 10, 0, 12, &value, NULL))
        {
          set_unreadable (error, reader, "Decimals", _("it is a whole number from 0 to 12"));
          return FALSE;
        }
      definition->value_decimals = (int) value;
    }
  if (sort && !atlas_sort_order_from_string (sort, &definition->sort))
    {
      set_unreadable (error, reader, "Sort", _("it is none, ascending or descending"));
      return FALSE;
    }
  if (colors)
    {
      g_ptr_array_add (colors, NULL);
      definition->series_colors = (GStrv) g_ptr_array_free (colors, FALSE);
      for (guint i = 0; definition->series_colors[i]; i++)
        {
          AtlasColor color;
          if (*definition->series_colors[i] && !atlas_chart_parse_color (definition->series_colors[i], &color))
            {
              set_unreadable (error, reader, "Colors", _("it is colours as #rrggbb, a ‘;’ between them"));
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* Reads group of keys into definition, whose places are set. */
static gboolean
read_group (GroupReader        *reader,
            const char * const *other_keys,
            GError            **error)
{
  AtlasChartDefinition *definition = reader->definition;
  g_autofree char *chart = NULL;
  g_auto (GStrv) names = NULL;
  g_autoptr (GPtrArray) note_keys = g_ptr_array_new ();

  if (!check_keys (reader, other_keys, error))
    return FALSE;
  if (!read_string (reader, "Data", &definition->data, error)
      || !read_string (reader, "Dataset", &definition->dataset, error)
      || !read_string (reader, "Chart", &chart, error)
      || !read_string (reader, "X", &definition->x_column, error)
      || !read_list (reader, "Y", &definition->y_columns, error)
      || !read_string (reader, "Label", &definition->label_column, error)
      || !read_string (reader, "Size", &definition->size_column, error)
      || !read_string (reader, "Status", &definition->status_column, error)
      || !read_string (reader, "FilterColumn", &definition->filter_column, error)
      || !read_string (reader, "FilterValue", &definition->filter_value, error)
      || !read_string (reader, "Group", &definition->group_column, error)
      || !read_list (reader, "GroupValues", &definition->group_values, error)
      || !read_boolean (reader, "Log", &definition->log_y, error)
      || !read_boolean (reader, "FitValues", &definition->fit_values, error)
      || !read_boolean (reader, "Markers", &definition->markers, error)
      || !read_boolean (reader, "Dark", &definition->dark, error)
      || !read_boolean (reader, "Transparent", &definition->transparent, error)
      || !read_string (reader, "XRange", &definition->x_range, error)
      || !read_string (reader, "YRange", &definition->y_range, error)
      || !read_list (reader, "Highlight", &definition->highlights, error)
      || !read_string (reader, "Title", &definition->title, error)
      || !read_string (reader, "Subtitle", &definition->subtitle, error)
      || !read_string (reader, "Source", &definition->source, error)
      || !read_string (reader, "Notes", &definition->notes, error)
      || !read_string (reader, "Events", &definition->events_dataset, error)
      || !read_string (reader, "EventsData", &definition->events_data, error)
      || !read_list (reader, "EventsCategory", &definition->events_categories, error)
      || !read_string (reader, "Prefix", &definition->value_prefix, error)
      || !read_string (reader, "Suffix", &definition->value_suffix, error)
      || !read_string (reader, "Unit", &definition->value_unit, error)
      || !read_number_format (reader, error))
    return FALSE;

  if (!definition->data == !definition->dataset)
    {
      set_read_error (error, reader, definition->data ? _("[%s] names both Data and Dataset: a chart draws one table")
                                                      : _("[%s] needs Data (a CSV file) or Dataset (a built-in one)"),
                      reader->group);
      return FALSE;
    }
  if (definition->events_dataset && definition->events_data)
    {
      atlas_chart_definition_set_error (error, definition, "EventsData", ATLAS_CHART_FILE_ERROR_INVALID,
                                        _("[%s] names both Events and EventsData: a chart takes its events from one table"),
                                        reader->group);
      return FALSE;
    }
  if (chart)
    {
      if (!atlas_chart_type_from_string (chart, &definition->type))
        {
          atlas_chart_definition_set_error (error, definition, "Chart", ATLAS_CHART_FILE_ERROR_INVALID,
                                            /* Translators: the names after “use” are what a chart type is written as: they stay in English. */
                                            _("no chart type is called “%s”; use line, area, stacked-area, stacked-area-percent, "
                                            "bar, bar-horizontal, bar-stacked, bar-horizontal-stacked, scatter, donut or timeline"),
                                            chart);
          return FALSE;
        }
      definition->has_type = TRUE;
    }

  /* The reader's settings are kept as written: the reader reads them
   * when it reads the data, and says there what it cannot take. */
  for (guint i = 0; atlas_chart_reader_keys[i]; i++)
    {
      char *value = g_key_file_get_value (reader->keys, reader->group, atlas_chart_reader_keys[i], NULL);
      if (value)
        g_hash_table_insert (definition->reader_settings, g_strdup (atlas_chart_reader_keys[i]), value);
    }
  if (definition->dataset && g_hash_table_size (definition->reader_settings) > 0)
    {
      set_read_error (error, reader, _("[%s]: a built-in dataset is read as it is, without reader settings"),
                      reader->group);
      return FALSE;
    }

  names = g_key_file_get_keys (reader->keys, reader->group, NULL, NULL);
  for (guint i = 0; names && names[i]; i++)
    if (is_note_key (names[i]))
      g_ptr_array_add (note_keys, names[i]);
  g_ptr_array_sort (note_keys, compare_note_keys);
  for (guint i = 0; i < note_keys->len; i++)
    if (!read_note (reader, g_ptr_array_index (note_keys, i), error))
      return FALSE;
  return TRUE;
}

/* Reads [group] of keys, whose text is contents, read from path (for
 * messages and relative paths). other_keys may stand in the group
 * beside the language's own (a story's Text). */
AtlasChartDefinition *
atlas_chart_definition_read (GKeyFile           *keys,
                             const char         *contents,
                             const char         *path,
                             const char         *group,
                             const char * const *other_keys,
                             GError            **error)
{
  g_autoptr (AtlasChartDefinition) definition = atlas_chart_definition_new ();
  g_auto (GStrv) names = g_key_file_get_keys (keys, group, NULL, NULL);
  g_autofree char *folder = g_path_get_dirname (path);
  GroupReader reader = { keys, group, definition };

  g_return_val_if_fail (keys != NULL && contents != NULL && path != NULL && group != NULL, NULL);

  definition->base_dir = g_canonicalize_filename (folder, NULL);
  definition->group_place = g_strdup_printf ("%s:%u:1: ", path, atlas_key_file_group_line (contents, group));
  for (guint i = 0; names && names[i]; i++)
    g_hash_table_insert (definition->places, g_strdup (names[i]),
                         g_strdup_printf ("%s:%u:1: ", path, atlas_key_file_key_line (contents, group, names[i])));
  if (!read_group (&reader, other_keys, error))
    return NULL;
  return g_steal_pointer (&definition);
}

/* Reads the chart the command line's options made into the keys of
 * [Chart]: messages name the option each key came from (key ->
 * "--option" in option_names), and relative paths are base_dir's. */
AtlasChartDefinition *
atlas_chart_definition_read_options (GKeyFile    *keys,
                                     GHashTable  *option_names,
                                     const char  *base_dir,
                                     GError     **error)
{
  g_autoptr (AtlasChartDefinition) definition = atlas_chart_definition_new ();
  GroupReader reader = { keys, ATLAS_CHART_FILE_GROUP, definition };
  GHashTableIter iter;
  gpointer key, option;

  g_return_val_if_fail (keys != NULL && option_names != NULL && base_dir != NULL, NULL);

  definition->base_dir = g_canonicalize_filename (base_dir, NULL);
  g_hash_table_iter_init (&iter, option_names);
  while (g_hash_table_iter_next (&iter, &key, &option))
    g_hash_table_insert (definition->places, g_strdup (key), g_strdup_printf ("%s: ", (char *) option));
  if (!read_group (&reader, NULL, error))
    return NULL;
  return g_steal_pointer (&definition);
}

/* Reads a .atlaschart file: [Chart] with its Version. */
AtlasChartDefinition *
atlas_chart_definition_load (const char  *path,
                             GError     **error)
{
  static const char *const file_keys[] = { "Version", NULL };
  g_autoptr (GKeyFile) keys = g_key_file_new ();
  g_autoptr (GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (AtlasChartDefinition) definition = NULL;
  g_auto (GStrv) groups = NULL;
  gsize length;
  gint64 version = 1;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, ATLAS_CHART_FILE_ERROR, ATLAS_CHART_FILE_ERROR_INVALID, "%s", local_error->message);
      return NULL;
    }
  if (!g_key_file_load_from_data (keys, contents, length, G_KEY_FILE_NONE, &local_error))
    {
      atlas_set_located_error (error, ATLAS_CHART_FILE_ERROR, ATLAS_CHART_FILE_ERROR_INVALID, path, 1, 1, "%s",
                               local_error->message);
      return NULL;
    }
  if (!g_key_file_has_group (keys, ATLAS_CHART_FILE_GROUP))
    {
      atlas_set_located_error (error, ATLAS_CHART_FILE_ERROR, ATLAS_CHART_FILE_ERROR_INVALID, path, 1, 1,
                               _("a chart file holds its chart in a [%s] group"), ATLAS_CHART_FILE_GROUP);
      return NULL;
    }
  if (g_key_file_has_key (keys, ATLAS_CHART_FILE_GROUP, "Version", NULL))
    version = g_key_file_get_int64 (keys, ATLAS_CHART_FILE_GROUP, "Version", &local_error);
  if (local_error || version < 1 || version > ATLAS_CHART_FILE_VERSION)
    {
      guint line = atlas_key_file_key_line (contents, ATLAS_CHART_FILE_GROUP, "Version");
      if (local_error || version < 1)
        atlas_set_located_error (error, ATLAS_CHART_FILE_ERROR, ATLAS_CHART_FILE_ERROR_INVALID, path, line, 1,
                                 _("Version is a whole number from 1"));
      else
        atlas_set_located_error (error, ATLAS_CHART_FILE_ERROR, ATLAS_CHART_FILE_ERROR_NEWER_VERSION, path, line, 1,
                                 /* Translators: the file's version of the chart language, then this program's. */
                                 _("this chart is written in version %" G_GINT64_FORMAT " of the chart language; "
                                   "this Silicon Atlas reads up to version %d"),
                                 version, ATLAS_CHART_FILE_VERSION);
      return NULL;
    }
  definition = atlas_chart_definition_read (keys, contents, path, ATLAS_CHART_FILE_GROUP, file_keys, error);
  if (!definition)
    return NULL;
  groups = g_key_file_get_groups (keys, NULL);
  for (guint i = 0; groups[i]; i++)
    if (!g_str_equal (groups[i], ATLAS_CHART_FILE_GROUP))
      {
        atlas_set_located_error (error, ATLAS_CHART_FILE_ERROR, ATLAS_CHART_FILE_ERROR_INVALID, path,
                                 atlas_key_file_group_line (contents, groups[i]), 1,
                                 _("a chart file holds one [%s] group and nothing else, not [%s]"),
                                 ATLAS_CHART_FILE_GROUP, groups[i]);
        return NULL;
      }
  return g_steal_pointer (&definition);
}

/* Writing */

/* path relative to dir when both are on one tree, by their canonical
 * forms; ".." climbs out of dir as far as needed. */
char *
atlas_chart_path_relative (const char *dir,
                           const char *path)
{
  g_autofree char *canonical_dir = g_canonicalize_filename (dir, NULL);
  g_autofree char *canonical_path = g_canonicalize_filename (path, NULL);
  g_auto (GStrv) from = g_strsplit (canonical_dir, G_DIR_SEPARATOR_S, -1);
  g_auto (GStrv) to = g_strsplit (canonical_path, G_DIR_SEPARATOR_S, -1);
  GString *relative = g_string_new (NULL);
  guint common = 0;

  /* The empty piece before the first separator is shared by both. */
  while (from[common] && to[common] && g_str_equal (from[common], to[common]))
    common++;
  for (guint i = common; from[i]; i++)
    if (*from[i])
      g_string_append (relative, ".." G_DIR_SEPARATOR_S);
  for (guint i = common; to[i]; i++)
    g_string_append_printf (relative, "%s%s", to[i], to[i + 1] ? G_DIR_SEPARATOR_S : "");
  return g_string_free (relative, FALSE);
}

/* An absolute path for path as written in definition. */
char *
atlas_chart_definition_resolve_path (const AtlasChartDefinition *definition,
                                     const char                 *path)
{
  return g_canonicalize_filename (path, definition->base_dir);
}

static void
write_string (GKeyFile   *keys,
              const char *group,
              const char *key,
              const char *value)
{
  if (value)
    g_key_file_set_string (keys, group, key, value);
}

/* A list as read_list() reads it back: ';' between names, escaped in them. */
static void
write_list (GKeyFile           *keys,
            const char         *group,
            const char         *key,
            const char * const *list)
{
  g_autoptr (GString) value = g_string_new (NULL);

  if (!list)
    return;
  for (guint i = 0; list[i]; i++)
    {
      if (i > 0)
        g_string_append_c (value, ';');
      append_escaped (value, list[i], ';');
    }
  g_key_file_set_value (keys, group, key, value->str);
}

/* A note as the chart language writes it: kind|where|text[|sources[|series]],
 * a '|' in any of them escaped. */
char *
atlas_chart_note_format (const AtlasChartNote *note)
{
  GString *value = g_string_new (note_kinds[note->kind]);
  g_autofree char *sources = note->sources ? g_strjoinv (";", note->sources) : g_strdup ("");

  g_string_append_c (value, '|');
  append_escaped (value, note->where, '|');
  g_string_append_c (value, '|');
  append_escaped (value, note->text, '|');
  if (*sources || note->series)
    {
      g_string_append_c (value, '|');
      append_escaped (value, sources, '|');
    }
  if (note->series)
    {
      g_string_append_c (value, '|');
      append_escaped (value, note->series, '|');
    }
  return g_string_free (value, FALSE);
}

/* Writes definition into [group] of keys, for a file in dir: paths to
 * data are written relative to dir, so a folder holding a chart and its
 * data can move. */
void
atlas_chart_definition_write (const AtlasChartDefinition *definition,
                              GKeyFile                   *keys,
                              const char                 *group,
                              const char                 *dir)
{
  g_return_if_fail (definition != NULL && keys != NULL && group != NULL && dir != NULL);

  if (definition->data)
    {
      g_autofree char *path = atlas_chart_definition_resolve_path (definition, definition->data);
      g_autofree char *relative = atlas_chart_path_relative (dir, path);
      write_string (keys, group, "Data", relative);
    }
  write_string (keys, group, "Dataset", definition->dataset);
  for (guint i = 0; atlas_chart_reader_keys[i]; i++)
    {
      const char *value = g_hash_table_lookup (definition->reader_settings, atlas_chart_reader_keys[i]);
      if (value)
        g_key_file_set_value (keys, group, atlas_chart_reader_keys[i], value);
    }
  if (definition->has_type)
    write_string (keys, group, "Chart", atlas_chart_type_to_string (definition->type));
  write_string (keys, group, "X", definition->x_column);
  write_list (keys, group, "Y", (const char *const *) definition->y_columns);
  write_string (keys, group, "Label", definition->label_column);
  write_string (keys, group, "Size", definition->size_column);
  write_string (keys, group, "Status", definition->status_column);
  write_string (keys, group, "FilterColumn", definition->filter_column);
  write_string (keys, group, "FilterValue", definition->filter_value);
  write_string (keys, group, "Group", definition->group_column);
  write_list (keys, group, "GroupValues", (const char *const *) definition->group_values);
  if (definition->log_y)
    g_key_file_set_boolean (keys, group, "Log", TRUE);
  if (definition->fit_values)
    g_key_file_set_boolean (keys, group, "FitValues", TRUE);
  if (definition->markers)
    g_key_file_set_boolean (keys, group, "Markers", TRUE);
  if (definition->dark)
    g_key_file_set_boolean (keys, group, "Dark", TRUE);
  if (definition->transparent)
    g_key_file_set_boolean (keys, group, "Transparent", TRUE);
  write_string (keys, group, "XRange", definition->x_range);
  write_string (keys, group, "YRange", definition->y_range);
  write_list (keys, group, "Highlight", (const char *const *) definition->highlights);
  write_string (keys, group, "Title", definition->title);
  write_string (keys, group, "Subtitle", definition->subtitle);
  write_string (keys, group, "Source", definition->source);
  write_string (keys, group, "Notes", definition->notes);
  write_string (keys, group, "Events", definition->events_dataset);
  if (definition->events_data)
    {
      g_autofree char *path = atlas_chart_definition_resolve_path (definition, definition->events_data);
      g_autofree char *relative = atlas_chart_path_relative (dir, path);
      write_string (keys, group, "EventsData", relative);
    }
  write_list (keys, group, "EventsCategory", (const char *const *) definition->events_categories);
  if (definition->value_decimals >= 0)
    g_key_file_set_integer (keys, group, "Decimals", definition->value_decimals);
  write_string (keys, group, "Prefix", definition->value_prefix);
  write_string (keys, group, "Suffix", definition->value_suffix);
  write_string (keys, group, "Unit", definition->value_unit);
  if (definition->series_colors)
    {
      g_autofree char *colors = g_strjoinv (";", definition->series_colors);
      g_key_file_set_value (keys, group, "Colors", colors);
    }
  if (definition->sort != ATLAS_SORT_NONE)
    write_string (keys, group, "Sort", atlas_sort_order_to_string (definition->sort));
  for (guint i = 0; i < definition->annotations->len; i++)
    {
      g_autofree char *key = g_strdup_printf ("Note%u", i + 1);
      g_autofree char *value = atlas_chart_note_format (g_ptr_array_index (definition->annotations, i));
      g_key_file_set_value (keys, group, key, value);
    }
}

/* Writes definition as a .atlaschart file at path, through a temporary
 * file renamed into place: a failure leaves what was there. */
gboolean
atlas_chart_definition_save (const AtlasChartDefinition *definition,
                             const char                 *path,
                             GError                    **error)
{
  g_autoptr (GKeyFile) keys = g_key_file_new ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *contents = NULL;
  g_autoptr (GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (definition != NULL && path != NULL, FALSE);

  g_key_file_set_comment (keys, NULL, NULL, " A chart made with Silicon Atlas: the chart language is described in its README.",
                          NULL);
  g_key_file_set_integer (keys, ATLAS_CHART_FILE_GROUP, "Version", ATLAS_CHART_FILE_VERSION);
  atlas_chart_definition_write (definition, keys, ATLAS_CHART_FILE_GROUP, folder);
  contents = g_key_file_to_data (keys, &length, NULL);
  if (!g_file_set_contents (path, contents, (gssize) length, &local_error))
    {
      g_set_error (error, ATLAS_CHART_FILE_ERROR, ATLAS_CHART_FILE_ERROR_INVALID, "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Draws the CSV file at path instead of what the chart drew before,
 * read with the reader settings it has. */
void
atlas_chart_definition_set_data (AtlasChartDefinition *definition,
                                 const char           *path)
{
  g_return_if_fail (definition != NULL && path != NULL);

  g_clear_pointer (&definition->dataset, g_free);
  g_free (definition->data);
  definition->data = atlas_chart_definition_resolve_path (definition, path);
}

/* Every note cites sources that sources lists, and at least one when
 * required (as a story's notes must). */
gboolean
atlas_chart_definition_check_sources (const AtlasChartDefinition *definition,
                                      GHashTable                 *sources,
                                      gboolean                    required,
                                      GError                    **error)
{
  g_return_val_if_fail (definition != NULL, FALSE);

  for (guint n = 0; n < definition->annotations->len; n++)
    {
      const AtlasChartNote *note = g_ptr_array_index (definition->annotations, n);

      for (guint i = 0; note->sources[i]; i++)
        if (!sources || !g_hash_table_contains (sources, note->sources[i]))
          {
            atlas_chart_definition_set_error (error, definition, note->key, ATLAS_CHART_FILE_ERROR_BROKEN_REFERENCE,
                                              /* Translators: a note's text, then a source id. */
                                              _("note “%s” cites source “%s”, which sources.csv does not list"), note->text,
                                              note->sources[i]);
            return FALSE;
          }
      if (required && !note->sources[0])
        {
          atlas_chart_definition_set_error (error, definition, note->key, ATLAS_CHART_FILE_ERROR_INVALID, _("note “%s” names no source"),
                                            note->text);
          return FALSE;
        }
    }
  return TRUE;
}

/* Building */

static gboolean
parse_x_at (const AtlasChartDefinition *definition,
            const char                 *key,
            const AtlasTable           *table,
            const AtlasChartSpec       *spec,
            const char                 *text,
            double                     *out,
            GError                    **error)
{
  if (atlas_chart_spec_parse_x (table, spec, text, out))
    return TRUE;
  atlas_chart_definition_set_error (error, definition, key, ATLAS_CHART_FILE_ERROR_BROKEN_REFERENCE,
                                    /* Translators: a value written in a chart, then a column's name. */
                                    _("“%s” is not a value of column “%s”"), text, spec->x_column);
  return FALSE;
}

/* "FROM..TO" along x into two values, or an error at key. */
static gboolean
parse_x_range (const AtlasChartDefinition *definition,
               const char                 *key,
               const char                 *what,
               const AtlasTable           *table,
               const AtlasChartSpec       *spec,
               const char                 *text,
               double                     *out_from,
               double                     *out_to,
               GError                    **error)
{
  g_auto (GStrv) ends = atlas_chart_split_range (text);

  if (!ends)
    {
      atlas_chart_definition_set_error (error, definition, key, ATLAS_CHART_FILE_ERROR_INVALID,
                                        /* Translators: XRange or “a range”, then what it was given. */
                                        _("%s takes FROM..TO, not “%s”"), what, text);
      return FALSE;
    }
  return parse_x_at (definition, key, table, spec, ends[0], out_from, error)
         && parse_x_at (definition, key, table, spec, ends[1], out_to, error);
}

static gboolean
parse_number (const char *text,
              double     *out)
{
  char *end = NULL;

  *out = g_ascii_strtod (text, &end);
  return end != text && !*end && isfinite (*out);
}

static gboolean
add_notes (const AtlasChartDefinition *definition,
           const AtlasTable           *table,
           AtlasChartSpec             *spec,
           GError                    **error)
{
  /* A note names its series: a column, or in a grouped chart a group. */
  g_auto (GStrv) groups_series = spec->group_column ? atlas_chart_list_group_series (table, spec, NULL) : NULL;
  char **series_names = spec->group_column ? groups_series : spec->y_columns;

  for (guint i = 0; i < definition->annotations->len; i++)
    {
      const AtlasChartNote *note = g_ptr_array_index (definition->annotations, i);
      double x = NAN, x_end = NAN, y = NAN;
      guint series = 0;

      if (note->kind == ATLAS_ANNOTATION_REFERENCE_LINE)
        {
          if (!parse_number (note->where, &y))
            {
              atlas_chart_definition_set_error (error, definition, note->key, ATLAS_CHART_FILE_ERROR_INVALID,
                                                _("a reference line needs a number, not “%s”"), note->where);
              return FALSE;
            }
        }
      else if (note->kind == ATLAS_ANNOTATION_RANGE)
        {
          if (!parse_x_range (definition, note->key, _("a range"), table, spec, note->where, &x, &x_end, error))
            return FALSE;
        }
      else if (!parse_x_at (definition, note->key, table, spec, note->where, &x, error))
        return FALSE;
      else
        x_end = x;

      if (note->series)
        {
          gboolean found = FALSE;
          for (guint s = 0; series_names && series_names[s] && !found; s++)
            if (g_str_equal (series_names[s], note->series))
              {
                series = s;
                found = TRUE;
              }
          if (!found)
            {
              atlas_chart_definition_set_error (error, definition, note->key, ATLAS_CHART_FILE_ERROR_BROKEN_REFERENCE,
                                                _("note “%s” names series “%s”, which the chart does not draw"), note->text,
                                                note->series);
              return FALSE;
            }
        }
      atlas_chart_spec_add_annotation (spec, note->kind, x, x_end, y, series, note->text)->sources
        = g_strdupv (note->sources);
    }
  return TRUE;
}

/* The table's first column of type, or NULL. */
static const AtlasColumn *
first_column_of_type (const AtlasTable *table,
                      AtlasColumnType   type)
{
  for (guint i = 0; i < atlas_table_get_n_columns (table); i++)
    if (atlas_column_get_column_type (atlas_table_get_column (table, i)) == type)
      return atlas_table_get_column (table, i);
  return NULL;
}

/* Events from a table of their own: its first date column, and the
 * column of names atlas_table_guess_label_column() picks; those whose
 * category is one of the chart's when it names any. */
static gboolean
add_events (const AtlasChartDefinition *definition,
            const AtlasTable           *events,
            AtlasChartSpec             *spec,
            GError                    **error)
{
  const char *key = definition->events_dataset ? "Events" : "EventsData";
  const char *name = definition->events_dataset ? definition->events_dataset : definition->events_data;
  const AtlasColumn *dates, *names, *category = NULL, *side;

  g_return_val_if_fail (events != NULL, FALSE);

  side = atlas_table_guess_side_column (events);
  /* Sides take colours in the order the whole table names them, so that
   * a side keeps its colour in every chart of those events. */
  g_clear_pointer (&spec->event_sides, g_strfreev);
  spec->event_sides = atlas_table_list_sides (events);
  dates = first_column_of_type (events, ATLAS_COLUMN_DATE);
  names = atlas_table_guess_label_column (events) ? atlas_table_find_column (events, atlas_table_guess_label_column (events))
                                                   : NULL;
  if (!dates || !names)
    {
      atlas_chart_definition_set_error (error, definition, key, ATLAS_CHART_FILE_ERROR_BROKEN_REFERENCE,
                                        _("events “%s” need a column of dates and one of names"), name);
      return FALSE;
    }
  if (definition->events_categories)
    {
      category = atlas_table_find_column (events, "category");
      if (!category || atlas_column_get_column_type (category) != ATLAS_COLUMN_TEXT)
        {
          atlas_chart_definition_set_error (error, definition, "EventsCategory", ATLAS_CHART_FILE_ERROR_BROKEN_REFERENCE,
                                            _("events “%s” have no category column to choose events by"), name);
          return FALSE;
        }
    }
  for (gsize row = 0; row < atlas_table_get_n_rows (events); row++)
    {
      const char *row_category = category ? atlas_column_get_text (category, row) : NULL;

      if (atlas_column_is_missing (dates, row) || !atlas_column_get_text (names, row))
        continue;
      if (category && !g_strv_contains ((const char *const *) definition->events_categories, row_category ? row_category : ""))
        continue;
      atlas_chart_spec_add_event (spec, side ? atlas_column_get_text (side, row) : NULL,
                                  atlas_column_get_number (dates, row), atlas_column_get_text (names, row));
    }
  return TRUE;
}

/* Every column the definition names is in table, or an error at the
 * key that names it. */
static gboolean
check_columns (const AtlasChartDefinition *definition,
               const AtlasTable           *table,
               GError                    **error)
{
  const struct
  {
    const char *key;
    const char *column;
  } named[] = {
    { "X", definition->x_column },
    { "Label", definition->label_column },
    { "Size", definition->size_column },
    { "Status", definition->status_column && *definition->status_column ? definition->status_column : NULL },
    { "FilterColumn", definition->filter_column },
    { "Group", definition->group_column },
  };

  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    if (named[i].column && !atlas_table_find_column (table, named[i].column))
      {
        atlas_chart_definition_set_error (error, definition, named[i].key, ATLAS_CHART_FILE_ERROR_BROKEN_REFERENCE,
                                          _("the data has no column “%s”"), named[i].column);
        return FALSE;
      }
  for (guint i = 0; definition->y_columns && definition->y_columns[i]; i++)
    if (!atlas_table_find_column (table, definition->y_columns[i]))
      {
        atlas_chart_definition_set_error (error, definition, "Y", ATLAS_CHART_FILE_ERROR_BROKEN_REFERENCE,
                                          _("the data has no column “%s”"), definition->y_columns[i]);
        return FALSE;
      }
  return TRUE;
}

/* The chart definition says, of table, every reference resolved through
 * references; what it leaves open is suggested from the columns. */
AtlasChart *
atlas_chart_definition_build_chart (const AtlasChartDefinition *definition,
                                    AtlasTable                 *table,
                                    const AtlasChartReferences *references,
                                    GError                    **error)
{
  AtlasChartSpec spec;
  g_autoptr (GError) local_error = NULL;
  AtlasChart *chart = NULL;

  g_return_val_if_fail (definition != NULL && table != NULL && references != NULL, NULL);

  atlas_chart_spec_init (&spec);
  spec.type = definition->has_type ? definition->type : ATLAS_CHART_LINE;
  spec.x_column = g_strdup (definition->x_column);
  spec.y_columns = g_strdupv (definition->y_columns);
  spec.label_column = g_strdup (definition->label_column);
  spec.size_column = g_strdup (definition->size_column);
  spec.status_column = g_strdup (definition->status_column);
  spec.filter_column = g_strdup (definition->filter_column);
  spec.filter_value = g_strdup (definition->filter_value);
  spec.group_column = g_strdup (definition->group_column);
  spec.group_values = g_strdupv (definition->group_values);
  spec.log_y = definition->log_y;
  spec.fit_values = definition->fit_values;
  spec.markers = definition->markers;
  spec.dark = definition->dark;
  spec.transparent = definition->transparent;
  spec.title = g_strdup (definition->title ? definition->title : references->title);
  spec.subtitle = g_strdup (definition->subtitle);
  spec.source = g_strdup (definition->source ? definition->source : references->source);
  spec.notes = g_strdup (definition->notes);
  spec.value_decimals = definition->value_decimals;
  spec.value_prefix = g_strdup (definition->value_prefix);
  spec.value_suffix = g_strdup (definition->value_suffix);
  spec.value_unit = g_strdup (definition->value_unit);
  spec.series_colors = g_strdupv (definition->series_colors);
  spec.sort = definition->sort;

  if (!check_columns (definition, table, error))
    goto out;
  atlas_chart_spec_suggest (table, &spec, !definition->has_type);
  if (!spec.x_column)
    {
      atlas_chart_definition_set_error (error, definition, NULL, ATLAS_CHART_FILE_ERROR_BROKEN_REFERENCE,
                                        _("the data has no columns to chart"));
      goto out;
    }
  /* Status= names no column: none is guessed either. */
  if (spec.status_column && !*spec.status_column)
    g_clear_pointer (&spec.status_column, g_free);
  if (definition->x_range
      && !parse_x_range (definition, "XRange", "XRange", table, &spec, definition->x_range, &spec.view_x_min,
                         &spec.view_x_max, error))
    goto out;
  if (definition->y_range)
    {
      g_auto (GStrv) ends = atlas_chart_split_range (definition->y_range);
      if (!ends || !parse_number (ends[0], &spec.view_y_min) || !parse_number (ends[1], &spec.view_y_max))
        {
          atlas_chart_definition_set_error (error, definition, "YRange", ATLAS_CHART_FILE_ERROR_INVALID,
                                            _("YRange takes FROM..TO in numbers, not “%s”"), definition->y_range);
          goto out;
        }
    }
  for (guint i = 0; definition->highlights && definition->highlights[i]; i++)
    {
      double x;
      if (!parse_x_at (definition, "Highlight", table, &spec, definition->highlights[i], &x, error))
        goto out;
      atlas_chart_spec_add_highlight (&spec, x);
    }
  if (!add_notes (definition, table, &spec, error))
    goto out;
  if ((definition->events_dataset || definition->events_data) && !add_events (definition, references->events, &spec, error))
    goto out;

  chart = atlas_chart_new (table, &spec, &local_error);
  if (!chart)
    atlas_chart_definition_set_error (error, definition, NULL, ATLAS_CHART_FILE_ERROR_BROKEN_REFERENCE, "%s", local_error->message);

out:
  atlas_chart_spec_clear (&spec);
  return chart;
}

/* Taking a chart back */

/* value along x as text that atlas_chart_parse_x() reads back: a name,
 * or "#" and a position between names, a date in the column's own
 * granularity where it falls on one, a date-time to the microsecond, or
 * a number. */
static char *
format_x_in_rows (const AtlasTable  *table,
                  const char        *x_column,
                  const AtlasColumn *filter,
                  const char        *filter_value,
                  double             value)
{
  const AtlasColumn *column = x_column ? atlas_table_find_column (table, x_column) : NULL;

  g_return_val_if_fail (table != NULL, NULL);

  if (column && atlas_column_get_column_type (column) == ATLAS_COLUMN_TEXT && value == floor (value) && value >= 0)
    {
      g_autoptr (GPtrArray) names = atlas_chart_list_names (table, column, filter, filter_value);

      if ((guint) value < names->len)
        return g_strdup (g_ptr_array_index (names, (guint) value));
    }
  if (column && atlas_column_get_column_type (column) == ATLAS_COLUMN_TEXT)
    {
      g_autofree char *number = atlas_cell_format_number (value);
      return g_strconcat ("#", number, NULL);
    }
  if (column && atlas_column_get_column_type (column) == ATLAS_COLUMN_DATE && isfinite (value))
    {
      double whole = floor (value);
      g_autoptr (GDateTime) time = g_date_time_new_from_unix_utc ((gint64) whole);
      g_autoptr (GDateTime) exact = time ? g_date_time_add_seconds (time, value - whole) : NULL;
      gboolean midnight = exact && value == whole && g_date_time_get_hour (exact) == 0
                          && g_date_time_get_minute (exact) == 0 && g_date_time_get_second (exact) == 0;

      if (midnight && g_date_time_get_day_of_year (exact) == 1)
        return g_date_time_format (exact, "%Y");
      if (midnight && g_date_time_get_day_of_month (exact) == 1)
        return g_date_time_format (exact, "%Y-%m");
      if (midnight)
        return g_date_time_format (exact, "%Y-%m-%d");
      if (exact)
        return g_date_time_format (exact, "%Y-%m-%dT%H:%M:%S.%fZ");
    }
  return atlas_cell_format_number (value);
}

char *
atlas_chart_format_x (const AtlasTable *table,
                      const char       *x_column,
                      double            value)
{
  return format_x_in_rows (table, x_column, NULL, NULL, value);
}

/* The same for a chart of spec, whose filter may leave some names out:
 * what atlas_chart_spec_parse_x() reads back. */
static char *
format_spec_x (const AtlasTable     *table,
               const AtlasChartSpec *spec,
               double                value)
{
  return format_x_in_rows (table, spec->x_column, atlas_chart_spec_find_filter (table, spec), spec->filter_value,
                           value);
}

/* definition's notes as chart has them now: those added, changed or
 * moved in the window as much as those read. A callout names its series
 * where the chart draws more than one. */
static void
take_notes (AtlasChartDefinition *definition,
            const AtlasChart     *chart)
{
  const AtlasChartSpec *spec = atlas_chart_get_spec (chart);
  AtlasTable *table = atlas_chart_get_table (chart);

  g_ptr_array_set_size (definition->annotations, 0);
  for (guint i = 0; spec->annotations && i < spec->annotations->len; i++)
    {
      const AtlasAnnotation *a = &g_array_index (spec->annotations, AtlasAnnotation, i);
      AtlasChartNote *note = g_new0 (AtlasChartNote, 1);

      note->kind = a->kind;
      note->key = g_strdup_printf ("Note%u", i + 1);
      note->text = g_strdup (a->text);
      note->sources = a->sources ? g_strdupv (a->sources) : g_new0 (char *, 1);
      if (a->kind == ATLAS_ANNOTATION_REFERENCE_LINE)
        note->where = atlas_cell_format_number (a->y);
      else if (a->kind == ATLAS_ANNOTATION_RANGE)
        {
          g_autofree char *from = format_spec_x (table, spec, a->x);
          g_autofree char *to = format_spec_x (table, spec, a->x_end);
          note->where = g_strdup_printf ("%s..%s", from, to);
        }
      else
        {
          note->where = format_spec_x (table, spec, a->x);
          if (atlas_chart_get_n_series (chart) > 1 && a->series < atlas_chart_get_n_series (chart))
            note->series = g_strdup (atlas_chart_get_series_name (chart, a->series));
        }
      g_ptr_array_add (definition->annotations, note);
    }
}

/* definition as chart shows it now: its type, columns, rows, scale,
 * text and view. Notes on series the chart no longer draws leave, and
 * the others name their series. */
void
atlas_chart_definition_take_chart (AtlasChartDefinition *definition,
                                   const AtlasChart     *chart)
{
  const AtlasChartSpec *spec;
  const AtlasViewState *view;
  AtlasTable *table;

  g_return_if_fail (definition != NULL && chart != NULL);

  spec = atlas_chart_get_spec (chart);
  view = atlas_chart_get_view_state (chart);
  table = atlas_chart_get_table (chart);
  take_notes (definition, chart);

  definition->has_type = TRUE;
  definition->type = spec->type;
  g_free (definition->x_column);
  definition->x_column = g_strdup (spec->x_column);
  g_strfreev (definition->y_columns);
  definition->y_columns = g_strdupv (spec->y_columns);
  g_free (definition->label_column);
  definition->label_column = g_strdup (spec->label_column);
  g_free (definition->size_column);
  definition->size_column = g_strdup (spec->size_column);
  g_free (definition->status_column);
  /* No status column where one could be guessed: none, said so. */
  definition->status_column = g_strdup (spec->status_column ? spec->status_column
                                        : atlas_table_guess_status_column (table) ? ""
                                                                                  : NULL);
  g_free (definition->filter_column);
  definition->filter_column = g_strdup (spec->filter_column);
  g_free (definition->filter_value);
  definition->filter_value = g_strdup (spec->filter_value);
  g_free (definition->group_column);
  definition->group_column = g_strdup (spec->group_column);
  g_strfreev (definition->group_values);
  definition->group_values = g_strdupv (spec->group_values);
  definition->log_y = spec->log_y;
  definition->fit_values = spec->fit_values;
  definition->markers = spec->markers;
  g_free (definition->title);
  definition->title = g_strdup (spec->title);
  g_free (definition->subtitle);
  definition->subtitle = g_strdup (spec->subtitle);
  g_free (definition->source);
  definition->source = g_strdup (spec->source);
  g_free (definition->notes);
  definition->notes = g_strdup (spec->notes);
  definition->value_decimals = spec->value_decimals;
  g_free (definition->value_prefix);
  definition->value_prefix = g_strdup (spec->value_prefix);
  g_free (definition->value_suffix);
  definition->value_suffix = g_strdup (spec->value_suffix);
  g_free (definition->value_unit);
  definition->value_unit = g_strdup (spec->value_unit);
  g_strfreev (definition->series_colors);
  definition->series_colors = g_strdupv (spec->series_colors);
  definition->sort = spec->sort;

  g_clear_pointer (&definition->x_range, g_free);
  if (isfinite (view->x_min) && isfinite (view->x_max))
    {
      g_autofree char *from = format_spec_x (table, spec, view->x_min);
      g_autofree char *to = format_spec_x (table, spec, view->x_max);
      definition->x_range = g_strdup_printf ("%s..%s", from, to);
    }
  g_clear_pointer (&definition->y_range, g_free);
  if (isfinite (view->y_min) && isfinite (view->y_max))
    {
      g_autofree char *from = atlas_cell_format_number (view->y_min);
      g_autofree char *to = atlas_cell_format_number (view->y_max);
      definition->y_range = g_strdup_printf ("%s..%s", from, to);
    }
}
