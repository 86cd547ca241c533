/* atlas-view-history.h: the x views a chart showed before and after the one in view, for back and forward. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Changes closer together than this are one step: a wheel's notches, a
 * drag's moves. */
#define ATLAS_VIEW_HISTORY_PAUSE (400 * G_TIME_SPAN_MILLISECOND)

typedef struct _AtlasViewHistory AtlasViewHistory;

AtlasViewHistory *atlas_view_history_new      (void);
void              atlas_view_history_free     (AtlasViewHistory *history);
void              atlas_view_history_clear    (AtlasViewHistory *history);
void              atlas_view_history_leave    (AtlasViewHistory *history,
                                               double            min,
                                               double            max,
                                               gint64            now);
gboolean          atlas_view_history_step     (AtlasViewHistory *history,
                                               gboolean          forward,
                                               double            min,
                                               double            max,
                                               double           *out_min,
                                               double           *out_max);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasViewHistory, atlas_view_history_free)

G_END_DECLS
