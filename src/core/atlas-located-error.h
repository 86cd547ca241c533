/* atlas-located-error.h: errors that say where, as FILE:LINE:COLUMN: message. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void atlas_set_located_error (GError     **error,
                              GQuark       domain,
                              int          code,
                              const char  *path,
                              guint64      line,
                              guint        column,
                              const char  *format,
                              ...) G_GNUC_PRINTF (7, 8);

guint atlas_key_file_group_line (const char *contents,
                                 const char *group);
guint atlas_key_file_key_line   (const char *contents,
                                 const char *group,
                                 const char *key);

gboolean atlas_key_file_read_string (GKeyFile    *keys,
                                     const char  *group,
                                     const char  *key,
                                     char       **value,
                                     char       **out_why);

G_END_DECLS
