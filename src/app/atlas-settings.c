/* atlas-settings.c: the app's GSettings, looked up rather than assumed. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-settings.h"

/* The app's settings, or NULL where the schema is neither installed nor
 * compiled beside the build: the app then works as designed and forgets,
 * where g_settings_new() would abort. */
GSettings *
atlas_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema
    = source ? g_settings_schema_source_lookup (source, "io.github.siliconatlas.SiliconAtlas", TRUE) : NULL;

  return schema ? g_settings_new_full (schema, NULL, NULL) : NULL;
}
