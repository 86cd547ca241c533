/* atlas-min-max-pyramid.c: levels of per-block minima, maxima and counts of present values. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-min-max-pyramid.h"

#include <math.h>

#define FAN_OUT ATLAS_MIN_MAX_PYRAMID_FAN_OUT

typedef struct
{
  double min;
  double max;
  gsize n_valid;
} Block;

typedef struct
{
  Block *blocks;
  gsize n_blocks;
  gsize span; /* rows per block at this level */
} Level;

struct _AtlasMinMaxPyramid
{
  const double *values;
  const gsize *order;
  gsize n;
  GArray *levels; /* Level, finest first */
};

static double
value_at (const AtlasMinMaxPyramid *pyramid,
          gsize                     i)
{
  return pyramid->values[pyramid->order ? pyramid->order[i] : i];
}

/* values are read through order (position i holds row order[i]; NULL for
 * rows in order). Both must outlive the pyramid, which adds one block per
 * 16 rows at the finest level, and a sixteenth of that at each next. */
AtlasMinMaxPyramid *
atlas_min_max_pyramid_new (const double *values,
                           const gsize  *order,
                           gsize         n)
{
  AtlasMinMaxPyramid *pyramid = g_new0 (AtlasMinMaxPyramid, 1);
  gsize span = FAN_OUT;

  pyramid->values = values;
  pyramid->order = order;
  pyramid->n = n;
  pyramid->levels = g_array_new (FALSE, FALSE, sizeof (Level));

  while (span / FAN_OUT < n)
    {
      Level level = { NULL, (n + span - 1) / span, span };
      const Level *below = pyramid->levels->len ? &g_array_index (pyramid->levels, Level, pyramid->levels->len - 1) : NULL;

      level.blocks = g_new (Block, level.n_blocks);
      for (gsize b = 0; b < level.n_blocks; b++)
        {
          Block block = { INFINITY, -INFINITY, 0 };

          if (!below)
            for (gsize i = b * span; i < MIN (n, (b + 1) * span); i++)
              {
                double v = value_at (pyramid, i);
                if (isnan (v))
                  continue;
                block.min = MIN (block.min, v);
                block.max = MAX (block.max, v);
                block.n_valid++;
              }
          else
            for (gsize c = b * FAN_OUT; c < MIN (below->n_blocks, (b + 1) * FAN_OUT); c++)
              {
                block.min = MIN (block.min, below->blocks[c].min);
                block.max = MAX (block.max, below->blocks[c].max);
                block.n_valid += below->blocks[c].n_valid;
              }
          level.blocks[b] = block;
        }
      g_array_append_val (pyramid->levels, level);
      if (level.n_blocks == 1)
        break;
      span *= FAN_OUT;
    }
  return pyramid;
}

void
atlas_min_max_pyramid_free (AtlasMinMaxPyramid *pyramid)
{
  if (!pyramid)
    return;
  for (guint l = 0; l < pyramid->levels->len; l++)
    g_free (g_array_index (pyramid->levels, Level, l).blocks);
  g_array_unref (pyramid->levels);
  g_free (pyramid);
}

static void
add_value (double  v,
           double *min,
           double *max,
           gsize  *n_valid)
{
  if (isnan (v))
    return;
  *min = MIN (*min, v);
  *max = MAX (*max, v);
  (*n_valid)++;
}

/* Adds positions [from, to) using the coarsest whole blocks that fit and
 * single rows at the ragged ends. */
static void
query_range (const AtlasMinMaxPyramid *pyramid,
             int                       level,
             gsize                     from,
             gsize                     to,
             double                   *min,
             double                   *max,
             gsize                    *n_valid)
{
  const Level *l;
  gsize first_block, end_block;

  if (from >= to)
    return;
  if (level < 0)
    {
      for (gsize i = from; i < to; i++)
        add_value (value_at (pyramid, i), min, max, n_valid);
      return;
    }
  l = &g_array_index (pyramid->levels, Level, level);
  first_block = (from + l->span - 1) / l->span;
  end_block = to / l->span;
  if (first_block >= end_block)
    {
      query_range (pyramid, level - 1, from, to, min, max, n_valid);
      return;
    }
  query_range (pyramid, level - 1, from, first_block * l->span, min, max, n_valid);
  for (gsize b = first_block; b < end_block; b++)
    {
      const Block *block = &l->blocks[b];
      if (block->n_valid == 0)
        continue;
      *min = MIN (*min, block->min);
      *max = MAX (*max, block->max);
      *n_valid += block->n_valid;
    }
  query_range (pyramid, level - 1, end_block * l->span, to, min, max, n_valid);
}

/* Asks the memory system for what a query of [from, to) will read first:
 * the rows at its start and the blocks where each level's run begins. */
void
atlas_min_max_pyramid_prefetch (const AtlasMinMaxPyramid *pyramid,
                                gsize                     from,
                                gsize                     to)
{
#if defined(__GNUC__) || defined(__clang__)
  if (from >= pyramid->n)
    return;
  __builtin_prefetch (&pyramid->values[pyramid->order ? pyramid->order[from] : from]);
  for (guint l = 0; l < pyramid->levels->len; l++)
    {
      const Level *level = &g_array_index (pyramid->levels, Level, l);
      gsize block = (from + level->span - 1) / level->span;
      if (block >= level->n_blocks || block * level->span >= to)
        break;
      __builtin_prefetch (&level->blocks[block]);
    }
#else
  (void) pyramid;
  (void) from;
  (void) to;
#endif
}

/* The extremes of positions [from, to) and how many are present; FALSE
 * when none is. */
gboolean
atlas_min_max_pyramid_query (const AtlasMinMaxPyramid *pyramid,
                             gsize                     from,
                             gsize                     to,
                             double                   *out_min,
                             double                   *out_max,
                             gsize                    *out_n_valid)
{
  double min = INFINITY, max = -INFINITY;
  gsize n_valid = 0;

  to = MIN (to, pyramid->n);
  query_range (pyramid, (int) pyramid->levels->len - 1, from, to, &min, &max, &n_valid);
  *out_min = min;
  *out_max = max;
  if (out_n_valid)
    *out_n_valid = n_valid;
  return n_valid > 0;
}
