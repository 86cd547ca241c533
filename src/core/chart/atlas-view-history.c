/* atlas-view-history.c: back and forward through a chart's x views, a burst of changes counted as one step. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-view-history.h"

struct _AtlasViewHistory
{
  GArray *back;      /* earlier views, as pairs of doubles, the latest last */
  GArray *forward;   /* views stepped back from, the nearest last */
  gint64 last_leave; /* when the view last changed by a zoom or pan; 0 after a step */
};

AtlasViewHistory *
atlas_view_history_new (void)
{
  AtlasViewHistory *history = g_new0 (AtlasViewHistory, 1);

  history->back = g_array_new (FALSE, FALSE, sizeof (double));
  history->forward = g_array_new (FALSE, FALSE, sizeof (double));
  return history;
}

void
atlas_view_history_free (AtlasViewHistory *history)
{
  if (!history)
    return;
  g_array_unref (history->back);
  g_array_unref (history->forward);
  g_free (history);
}

/* Forgets every view: another chart is shown. */
void
atlas_view_history_clear (AtlasViewHistory *history)
{
  g_return_if_fail (history != NULL);

  g_array_set_size (history->back, 0);
  g_array_set_size (history->forward, 0);
  history->last_leave = 0;
}

static void
push (GArray *stack,
      double  min,
      double  max)
{
  double view[2] = { min, max };

  g_array_append_vals (stack, view, 2);
}

/* The view from min to max is being left for another at time now (in
 * microseconds): it goes on the back list, unless it was itself reached
 * a moment ago by the same zoom or drag. What was forward is gone. */
void
atlas_view_history_leave (AtlasViewHistory *history,
                          double            min,
                          double            max,
                          gint64            now)
{
  g_return_if_fail (history != NULL);

  if (history->last_leave == 0 || now - history->last_leave > ATLAS_VIEW_HISTORY_PAUSE)
    push (history->back, min, max);
  history->last_leave = now;
  g_array_set_size (history->forward, 0);
}

/* Steps back (or forward) from the view from min to max, which the other
 * list keeps; the view to show goes to out_min and out_max. FALSE when
 * there is none that way. */
gboolean
atlas_view_history_step (AtlasViewHistory *history,
                         gboolean          forward,
                         double            min,
                         double            max,
                         double           *out_min,
                         double           *out_max)
{
  GArray *from, *to;

  g_return_val_if_fail (history != NULL && out_min != NULL && out_max != NULL, FALSE);

  from = forward ? history->forward : history->back;
  to = forward ? history->back : history->forward;
  if (from->len < 2)
    return FALSE;
  *out_min = g_array_index (from, double, from->len - 2);
  *out_max = g_array_index (from, double, from->len - 1);
  g_array_set_size (from, from->len - 2);
  push (to, min, max);
  history->last_leave = 0;
  return TRUE;
}
