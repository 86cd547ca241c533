/* atlas-dataset.h: the built-in datasets' descriptions and the sources their rows cite. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "atlas-core-types.h"

G_BEGIN_DECLS

#define ATLAS_DATASET_ERROR (atlas_dataset_error_quark ())

typedef enum
{
  ATLAS_DATASET_ERROR_INVALID,
  ATLAS_DATASET_ERROR_MISSING_KEY,
  ATLAS_DATASET_ERROR_UNKNOWN_SOURCE,
} AtlasDatasetError;

/* One dataset: its CSV and what its .dataset file says of it. */
typedef struct
{
  char *id;          /* the file name without extension */
  char *csv_path;
  char *title;
  char *description;
  char *units;
  char *time_span;
  GDateTime *updated; /* when its figures were last brought up to date here: Updated=, an ISO date */
  char *caveats;     /* NULL when the figures have none */
  GStrv sources;
} AtlasDatasetInfo;

GQuark            atlas_dataset_error_quark  (void);

AtlasDatasetInfo *atlas_dataset_info_load    (const char        *dataset_path,
                                              GError           **error);
void              atlas_dataset_info_free    (AtlasDatasetInfo  *info);
char             *atlas_dataset_info_describe_currency (const AtlasDatasetInfo *info);
GPtrArray        *atlas_dataset_catalog_load (const char        *folder,
                                              GError           **error);
GHashTable       *atlas_sources_load         (const char        *sources_csv,
                                              GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasDatasetInfo, atlas_dataset_info_free)

G_END_DECLS
