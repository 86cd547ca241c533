/* atlas-theme.h: the colours of a chart, light and dark, and the colour-blind-safe series palette. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} AtlasColor;

typedef struct
{
  AtlasColor background;
  AtlasColor text;       /* titles, tick labels */
  AtlasColor muted_text; /* subtitle, source line, axis titles */
  AtlasColor grid;
  AtlasColor baseline;   /* the zero line and the axis */
  AtlasColor annotation; /* callouts, reference lines, event lines */
  AtlasColor highlight_range;
} AtlasTheme;

const AtlasTheme *atlas_theme_get         (gboolean dark);
AtlasColor        atlas_theme_series_color (const AtlasTheme *theme,
                                            guint             index);
guint             atlas_theme_n_series_colors (void);
AtlasColor        atlas_theme_event_color  (const AtlasTheme *theme,
                                            guint             index);

G_END_DECLS
