/* test-view-history.c: back and forward through a chart's x views, bursts of changes taken as one step. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-view-history.h"

static void
assert_step (AtlasViewHistory *history,
             gboolean          forward,
             double            from_min,
             double            from_max,
             double            to_min,
             double            to_max)
{
  double min = 0, max = 0;

  g_assert_true (atlas_view_history_step (history, forward, from_min, from_max, &min, &max));
  g_assert_cmpfloat (min, ==, to_min);
  g_assert_cmpfloat (max, ==, to_max);
}

static void
test_back_and_forward (void)
{
  g_autoptr (AtlasViewHistory) history = atlas_view_history_new ();
  gint64 second = G_TIME_SPAN_SECOND;
  double min, max;

  /* Nothing to step to at first. */
  g_assert_false (atlas_view_history_step (history, FALSE, 0, 10, &min, &max));
  g_assert_false (atlas_view_history_step (history, TRUE, 0, 10, &min, &max));

  /* 0..10, zoomed to 2..8 at one second, then a burst of wheel notches
   * (4..6, 4.5..5.5) a tenth of a second apart, then a pan a second later. */
  atlas_view_history_leave (history, 0, 10, 1 * second);
  atlas_view_history_leave (history, 2, 8, 3 * second);
  atlas_view_history_leave (history, 4, 6, 3 * second + second / 10);
  atlas_view_history_leave (history, 4.5, 5.5, 3 * second + second / 5);
  /* Now at 5..6. Back: the burst was one step, to 2..8; then 0..10. */
  assert_step (history, FALSE, 5, 6, 2, 8);
  assert_step (history, FALSE, 2, 8, 0, 10);
  g_assert_false (atlas_view_history_step (history, FALSE, 0, 10, &min, &max));
  /* Forward again the same way. */
  assert_step (history, TRUE, 0, 10, 2, 8);
  assert_step (history, TRUE, 2, 8, 5, 6);
  g_assert_false (atlas_view_history_step (history, TRUE, 5, 6, &min, &max));

  /* A step is a step of its own: a change right after it is a new one,
   * and a new change forgets what was forward. */
  assert_step (history, FALSE, 5, 6, 2, 8);
  atlas_view_history_leave (history, 2, 8, 3 * second + second / 4);
  g_assert_false (atlas_view_history_step (history, TRUE, 1, 9, &min, &max));
  assert_step (history, FALSE, 1, 9, 2, 8);

  atlas_view_history_clear (history);
  g_assert_false (atlas_view_history_step (history, FALSE, 1, 9, &min, &max));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/view-history/back-and-forward", test_back_and_forward);
  return g_test_run ();
}
