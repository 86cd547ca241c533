/* atlas-chart-export.h: a chart into a PNG, SVG or PDF file, written whole or not at all. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-chart.h"

G_BEGIN_DECLS

/* The most pixels a PNG export draws (width × height × scale²): a 4K
 * screen at 4x, about 600 MB while drawn. */
#define ATLAS_EXPORT_MAX_PNG_PIXELS 150e6

typedef enum
{
  ATLAS_EXPORT_PNG,
  ATLAS_EXPORT_SVG,
  ATLAS_EXPORT_PDF,
} AtlasExportFormat;

gboolean atlas_export_format_from_path (const char        *path,
                                        AtlasExportFormat *out_format);
gboolean atlas_chart_export            (AtlasChart        *chart,
                                        const char        *path,
                                        double             width,
                                        double             height,
                                        double             scale,
                                        GError           **error);

G_END_DECLS
