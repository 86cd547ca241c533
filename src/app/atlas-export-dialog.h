/* atlas-export-dialog.h: the chart into a PNG, SVG or PDF file, with its size, scale and content chosen. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "atlas-chart.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_EXPORT_DIALOG (atlas_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AtlasExportDialog, atlas_export_dialog, ATLAS, EXPORT_DIALOG, AdwWindow)

AtlasExportDialog *atlas_export_dialog_new       (GtkWindow          *parent,
                                                  const AtlasChart   *chart,
                                                  double              width,
                                                  double              height);
char              *atlas_export_dialog_suggest_name (AtlasExportDialog *self);
gboolean           atlas_export_dialog_export_to (AtlasExportDialog  *self,
                                                  const char         *path,
                                                  GError            **error);
const AtlasChart  *atlas_export_dialog_get_chart (AtlasExportDialog  *self);

G_END_DECLS
