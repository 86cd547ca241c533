/* atlas-core-types.h: forward declarations for the engine, so headers stay acyclic. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _AtlasTable AtlasTable;
typedef struct _AtlasColumn AtlasColumn;
typedef struct _AtlasCsvDialect AtlasCsvDialect;
typedef struct _AtlasCsvProblem AtlasCsvProblem;
typedef struct _AtlasCsvResult AtlasCsvResult;

typedef enum
{
  ATLAS_COLUMN_NUMBER,
  ATLAS_COLUMN_DATE,
  ATLAS_COLUMN_TEXT,
} AtlasColumnType;

/* The granularity a date column was written in, for labels and ticks. */
typedef enum
{
  ATLAS_DATE_UNIT_YEAR,
  ATLAS_DATE_UNIT_QUARTER,
  ATLAS_DATE_UNIT_MONTH,
  ATLAS_DATE_UNIT_DAY,
  ATLAS_DATE_UNIT_SECOND,
} AtlasDateUnit;

G_END_DECLS
