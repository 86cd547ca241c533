/* atlas-chart-audit.h: what a data desk checks in a laid-out chart: text on text, text on data, values not drawn, text too small. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "atlas-chart.h"

G_BEGIN_DECLS

/* Two text boxes of the layout that overlap: indices into its text boxes. */
typedef struct
{
  guint first;
  guint second;
} AtlasTextOverlap;

typedef struct
{
  double width;
  double height;
  GArray *text_boxes;    /* AtlasTextBox: the layout's, shared */
  GArray *text_overlaps; /* AtlasTextOverlap */
  GArray *text_over_data; /* guint: text boxes that cover a data mark */
  GArray *dropped;       /* AtlasDroppedItem: the layout's, shared */
  GPtrArray *hidden_values; /* char *: each value in view that is not drawn, as "series at x" */
  double smallest_text_px;  /* 0 when there is no text */
  gboolean has_value_axis;
  double value_min;      /* the value axis' ends, where there is one */
  double value_max;
} AtlasChartAudit;

AtlasChartAudit *atlas_chart_audit      (const AtlasChartLayout *layout);
void             atlas_chart_audit_free (AtlasChartAudit        *audit);
gboolean         atlas_chart_audit_is_clean (const AtlasChartAudit *audit);
char            *atlas_chart_audit_describe (const AtlasChartAudit *audit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasChartAudit, atlas_chart_audit_free)

G_END_DECLS
