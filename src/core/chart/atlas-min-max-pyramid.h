/* atlas-min-max-pyramid.h: minimum and maximum of any run of a series in time proportional to its blocks, not its rows. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _AtlasMinMaxPyramid AtlasMinMaxPyramid;

/* Each level summarises this many entries of the level below. */
#define ATLAS_MIN_MAX_PYRAMID_FAN_OUT 16

AtlasMinMaxPyramid *atlas_min_max_pyramid_new   (const double *values,
                                                 const gsize  *order,
                                                 gsize         n);
void                atlas_min_max_pyramid_free  (AtlasMinMaxPyramid *pyramid);
void                atlas_min_max_pyramid_prefetch (const AtlasMinMaxPyramid *pyramid,
                                                    gsize                     from,
                                                    gsize                     to);
gboolean            atlas_min_max_pyramid_query (const AtlasMinMaxPyramid *pyramid,
                                                 gsize                     from,
                                                 gsize                     to,
                                                 double                   *out_min,
                                                 double                   *out_max,
                                                 gsize                    *out_n_valid);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasMinMaxPyramid, atlas_min_max_pyramid_free)

G_END_DECLS
