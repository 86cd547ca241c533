/* atlas-problems-dialog.h: the problems found in an opened file, each with its line and column. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ATLAS_TYPE_PROBLEMS_DIALOG (atlas_problems_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AtlasProblemsDialog, atlas_problems_dialog, ATLAS, PROBLEMS_DIALOG, AdwWindow)

AtlasProblemsDialog *atlas_problems_dialog_new (GtkWindow *parent,
                                                const char *file_name,
                                                GPtrArray  *problems,
                                                guint64     n_problems);

G_END_DECLS
