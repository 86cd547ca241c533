/* atlas-document.h: what a window shows: the chart of a passage, a dataset, a CSV file or a chart file, and its loading. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "atlas-chart-context.h"
#include "atlas-csv-reader.h"
#include "atlas-import-settings.h"

G_BEGIN_DECLS

typedef enum
{
  ATLAS_DOCUMENT_SOURCE_NONE,
  ATLAS_DOCUMENT_SOURCE_PASSAGE,
  ATLAS_DOCUMENT_SOURCE_DATASET,
  ATLAS_DOCUMENT_SOURCE_FILE,
  ATLAS_DOCUMENT_SOURCE_CHART_FILE,
} AtlasDocumentSource;

#define ATLAS_TYPE_DOCUMENT_SOURCE (atlas_document_source_get_type ())
#define ATLAS_TYPE_DOCUMENT (atlas_document_get_type ())

G_DECLARE_FINAL_TYPE (AtlasDocument, atlas_document, ATLAS, DOCUMENT, GObject)

GType                 atlas_document_source_get_type   (void) G_GNUC_CONST;

char                 *atlas_document_file_get_local_path (GFile                   *file,
                                                          GError                 **error);
AtlasDocument        *atlas_document_new               (AtlasChartContext         *context);
void                  atlas_document_set_context       (AtlasDocument             *self,
                                                        AtlasChartContext         *context);
void                  atlas_document_show              (AtlasDocument             *self,
                                                        AtlasDocumentSource        source,
                                                        AtlasChartDefinition      *definition,
                                                        AtlasChart                *chart,
                                                        const char                *title);
void                  atlas_document_set_chart         (AtlasDocument             *self,
                                                        AtlasChart                *chart);
gboolean              atlas_document_undo              (AtlasDocument             *self);
gboolean              atlas_document_redo              (AtlasDocument             *self);
gboolean              atlas_document_get_can_undo      (AtlasDocument             *self);
gboolean              atlas_document_get_can_redo      (AtlasDocument             *self);
gboolean              atlas_document_get_modified      (AtlasDocument             *self);
void                  atlas_document_open_file         (AtlasDocument             *self,
                                                        GFile                     *file,
                                                        const AtlasImportSettings *settings);
gboolean              atlas_document_open_chart_file   (AtlasDocument             *self,
                                                        GFile                     *chart_file);
void                  atlas_document_locate_data       (AtlasDocument             *self,
                                                        GFile                     *data);
void                  atlas_document_forget_missing_data (AtlasDocument           *self);
gboolean              atlas_document_reload            (AtlasDocument             *self);
void                  atlas_document_cancel            (AtlasDocument             *self);
gboolean              atlas_document_save              (AtlasDocument             *self,
                                                        GFile                     *file,
                                                        GError                   **error);
AtlasChartDefinition *atlas_document_dup_shown_definition (AtlasDocument          *self);
void                  atlas_document_set_saved         (AtlasDocument             *self);

AtlasDocumentSource   atlas_document_get_source        (AtlasDocument             *self);
AtlasChart           *atlas_document_get_chart         (AtlasDocument             *self);
const AtlasChartDefinition *atlas_document_get_definition (AtlasDocument          *self);
const char           *atlas_document_get_title         (AtlasDocument             *self);
GFile                *atlas_document_get_file          (AtlasDocument             *self);
const AtlasImportSettings *atlas_document_get_import_settings (AtlasDocument      *self);
GFile                *atlas_document_get_chart_file    (AtlasDocument             *self);
const char           *atlas_document_get_missing_data  (AtlasDocument             *self);
const AtlasChartDefinition *atlas_document_get_unlocated (AtlasDocument          *self);
GFile                *atlas_document_get_unlocated_chart_file (AtlasDocument     *self);
GFile                *atlas_document_get_loading_file  (AtlasDocument             *self);
gboolean              atlas_document_get_busy          (AtlasDocument             *self);
double                atlas_document_get_progress      (AtlasDocument             *self);
const char           *atlas_document_get_error_message (AtlasDocument             *self);
guint64               atlas_document_get_n_problems    (AtlasDocument             *self);
GPtrArray            *atlas_document_get_problems      (AtlasDocument             *self);
guint64               atlas_document_get_n_unreadable_cells (AtlasDocument        *self);
const char           *atlas_document_get_problems_file (AtlasDocument             *self);

G_END_DECLS
