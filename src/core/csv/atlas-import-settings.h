/* atlas-import-settings.h: how a person chose to read a CSV file, and where those choices are remembered. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-csv-reader.h"

G_BEGIN_DECLS

/* The reader's overrides, owning their column choices. */
typedef struct _AtlasImportSettings AtlasImportSettings;

AtlasImportSettings   *atlas_import_settings_new               (void);
AtlasImportSettings   *atlas_import_settings_copy              (const AtlasImportSettings *settings);
void                   atlas_import_settings_free              (AtlasImportSettings       *settings);
AtlasCsvOptions       *atlas_import_settings_get_options       (AtlasImportSettings       *settings);
AtlasColumnChoice      atlas_import_settings_get_column_choice (const AtlasImportSettings *settings,
                                                                guint                      column);
void                   atlas_import_settings_set_column_choice (AtlasImportSettings       *settings,
                                                                guint                      column,
                                                                AtlasColumnChoice          choice);
void                   atlas_import_settings_clear_columns     (AtlasImportSettings       *settings);
gboolean               atlas_import_settings_equal             (const AtlasImportSettings *a,
                                                                const AtlasImportSettings *b);
void                   atlas_import_settings_write_group       (const AtlasImportSettings *settings,
                                                                GKeyFile                  *keys,
                                                                const char                *group,
                                                                gboolean                   with_columns);
AtlasImportSettings   *atlas_import_settings_read_group        (GKeyFile                  *keys,
                                                                const char                *group,
                                                                const char               **out_unread);

extern const char *const atlas_import_settings_keys[];

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasImportSettings, atlas_import_settings_free)

/* Choices remembered per file and dialects saved by name, in one key file. */
typedef struct _AtlasImportMemory AtlasImportMemory;

AtlasImportMemory     *atlas_import_memory_new                 (const char                *path);
void                   atlas_import_memory_free                (AtlasImportMemory         *memory);
AtlasImportSettings   *atlas_import_memory_lookup_file         (AtlasImportMemory         *memory,
                                                                const char                *uri);
gboolean               atlas_import_memory_remember_file       (AtlasImportMemory         *memory,
                                                                const char                *uri,
                                                                const AtlasImportSettings *settings,
                                                                GError                   **error);
GStrv                  atlas_import_memory_list_dialects       (AtlasImportMemory         *memory);
AtlasImportSettings   *atlas_import_memory_lookup_dialect      (AtlasImportMemory         *memory,
                                                                const char                *name);
gboolean               atlas_import_memory_save_dialect        (AtlasImportMemory         *memory,
                                                                const char                *name,
                                                                const AtlasImportSettings *settings,
                                                                GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasImportMemory, atlas_import_memory_free)

G_END_DECLS
