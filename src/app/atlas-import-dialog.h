/* atlas-import-dialog.h: a CSV file's detected settings beside a preview of its rows, each setting changeable. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "atlas-import-settings.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_IMPORT_DIALOG (atlas_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AtlasImportDialog, atlas_import_dialog, ATLAS, IMPORT_DIALOG, AdwWindow)

AtlasImportDialog         *atlas_import_dialog_new               (GtkWindow                 *parent,
                                                                  GFile                     *file,
                                                                  AtlasImportMemory         *memory,
                                                                  const AtlasImportSettings *initial);
const AtlasImportSettings *atlas_import_dialog_get_settings      (AtlasImportDialog         *self);
void                       atlas_import_dialog_set_settings      (AtlasImportDialog         *self,
                                                                  const AtlasImportSettings *settings);
const AtlasCsvResult      *atlas_import_dialog_get_preview       (AtlasImportDialog         *self);
const char                *atlas_import_dialog_get_preview_error (AtlasImportDialog         *self);
guint                      atlas_import_dialog_get_n_shown_rows  (AtlasImportDialog         *self);
gboolean                   atlas_import_dialog_accept            (AtlasImportDialog         *self);
gboolean                   atlas_import_dialog_save_dialect      (AtlasImportDialog         *self,
                                                                  const char                *name);
gboolean                   atlas_import_dialog_apply_dialect     (AtlasImportDialog         *self,
                                                                  const char                *name);

G_END_DECLS
