/* atlas-scale.h: data values to pixels and back, nice bounds and labelled ticks, for every axis kind. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "atlas-core-types.h"

G_BEGIN_DECLS

typedef enum
{
  ATLAS_SCALE_LINEAR,
  ATLAS_SCALE_LOG,
  ATLAS_SCALE_TIME,
  ATLAS_SCALE_BAND,
} AtlasScaleKind;

#define ATLAS_SCALE_ERROR (atlas_scale_error_quark ())

typedef enum
{
  ATLAS_SCALE_ERROR_NOT_POSITIVE,
  ATLAS_SCALE_ERROR_EMPTY,
} AtlasScaleError;

/* How numbers are written for the reader of a chart: the user's locale. */
typedef struct
{
  char decimal_mark[8];
  char thousands_sep[8];
} AtlasNumberStyle;

typedef struct
{
  double value; /* data value; for a band scale, the category index */
  char *label;
} AtlasTick;

typedef struct _AtlasScale AtlasScale;

GQuark      atlas_scale_error_quark     (void);

AtlasScale *atlas_scale_new_linear      (double      min,
                                         double      max);
AtlasScale *atlas_scale_new_log         (double      min,
                                         double      max,
                                         GError    **error);
AtlasScale *atlas_scale_new_time        (double      min_seconds,
                                         double      max_seconds,
                                         AtlasDateUnit unit);
AtlasScale *atlas_scale_new_band        (guint       n_bands,
                                         double      padding);
AtlasScale *atlas_scale_new_band_of_values (const double  *values,
                                            guint          n,
                                            gboolean       dates,
                                            AtlasDateUnit  unit,
                                            double         padding);
double      atlas_scale_value_index     (const AtlasScale *scale,
                                         double      value);
AtlasScale *atlas_scale_copy            (const AtlasScale *scale);
void        atlas_scale_free            (AtlasScale *scale);

AtlasScaleKind atlas_scale_get_kind     (const AtlasScale *scale);
void        atlas_scale_set_range       (AtlasScale *scale,
                                         double      start,
                                         double      end);
void        atlas_scale_set_domain      (AtlasScale *scale,
                                         double      min,
                                         double      max);
void        atlas_scale_get_domain      (const AtlasScale *scale,
                                         double     *min,
                                         double     *max);
double      atlas_scale_map             (const AtlasScale *scale,
                                         double      value);
double      atlas_scale_unmap           (const AtlasScale *scale,
                                         double      pixel);
double      atlas_scale_get_bandwidth   (const AtlasScale *scale);
void        atlas_scale_nice            (AtlasScale *scale,
                                         guint       max_ticks);
GArray     *atlas_scale_ticks           (const AtlasScale       *scale,
                                         guint                   max_ticks,
                                         const AtlasNumberStyle *style);
void        atlas_tick_clear            (AtlasTick  *tick);

void        atlas_number_style_from_locale (AtlasNumberStyle *style);
void        atlas_number_style_init_c      (AtlasNumberStyle *style);
char       *atlas_format_number         (double                  value,
                                         double                  step,
                                         double                  magnitude,
                                         const AtlasNumberStyle *style);
char       *atlas_format_value          (double                  value,
                                         const AtlasNumberStyle *style);
char       *atlas_format_fixed          (double                  value,
                                         int                     decimals,
                                         const AtlasNumberStyle *style);
double      atlas_nice_step             (double      span,
                                         guint       max_ticks);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasScale, atlas_scale_free)

G_END_DECLS
