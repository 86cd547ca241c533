/* atlas-located-error.c: one shape for every message that points into a file. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-located-error.h"

#include <string.h>

void
atlas_set_located_error (GError     **error,
                         GQuark       domain,
                         int          code,
                         const char  *path,
                         guint64      line,
                         guint        column,
                         const char  *format,
                         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, domain, code, "%s:%" G_GUINT64_FORMAT ":%u: %s", path, line, column, message);
}

/* Where a key file's [group] header starts, with its 1-based line in
 * *line; NULL (and line 1) when the group is not there. GKeyFile keeps
 * no line numbers. */
static const char *
find_group_header (const char *contents,
                   const char *group,
                   guint      *line)
{
  g_autofree char *header = g_strdup_printf ("\n[%s]", group);
  const char *found = g_str_has_prefix (contents, header + 1) ? contents : strstr (contents, header);

  *line = 1;
  if (!found)
    return NULL;
  if (found != contents)
    found++;
  for (const char *p = contents; p < found; p++)
    *line += *p == '\n';
  return found;
}

/* The 1-based line of a key file's [group] header, for messages. 1 when
 * the group is not there. */
guint
atlas_key_file_group_line (const char *contents,
                           const char *group)
{
  guint line;

  find_group_header (contents, group, &line);
  return line;
}

/* The 1-based line of key in [group], for a message about its value; the
 * group's line when the key is not found there. */
guint
atlas_key_file_key_line (const char *contents,
                         const char *group,
                         const char *key)
{
  guint group_line;
  const char *header = find_group_header (contents, group, &group_line);
  gsize key_len = strlen (key);
  guint line = group_line;

  if (!header)
    return group_line;
  /* Past the group's own line, up to the next group. */
  for (const char *p = strchr (header, '\n'); p && p[1] != '['; p = strchr (p + 1, '\n'))
    {
      const char *start = p + 1;

      line++;
      while (*start == ' ' || *start == '\t')
        start++;
      if (strncmp (start, key, key_len) == 0)
        {
          const char *after = start + key_len;
          while (*after == ' ' || *after == '\t')
            after++;
          if (*after == '=')
            return line;
        }
    }
  return group_line;
}

/* key of [group] into *value, NULL when the key is not there. A value
 * that is there but cannot be read (not UTF-8, a broken escape) is not
 * taken for an absent one: FALSE, with why in *out_why. */
gboolean
atlas_key_file_read_string (GKeyFile    *keys,
                            const char  *group,
                            const char  *key,
                            char       **value,
                            char       **out_why)
{
  g_autoptr (GError) error = NULL;

  *value = g_key_file_get_string (keys, group, key, &error);
  /* A broken escape gives both an error and what was read up to it. */
  if (!error || g_error_matches (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND)
      || g_error_matches (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_GROUP_NOT_FOUND))
    return TRUE;
  g_clear_pointer (value, g_free);
  *out_why = g_strdup (error->message);
  return FALSE;
}
