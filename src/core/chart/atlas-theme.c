/* atlas-theme.c: Okabe-Ito series colours and the light and dark chart themes. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-theme.h"

#define RGB(r, g, b) { (r) / 255.0, (g) / 255.0, (b) / 255.0, 1.0 }

/* Okabe and Ito's palette, which people with every common colour vision
 * deficiency can tell apart; yellow is left out because it vanishes on a
 * light background. Series keep their colour in every chart type: the
 * colour follows the series' index, never the chart. */
static const AtlasColor light_series[] = {
  RGB (0, 114, 178),   /* blue */
  RGB (213, 94, 0),    /* vermillion */
  RGB (0, 158, 115),   /* bluish green */
  RGB (204, 121, 167), /* reddish purple */
  RGB (230, 159, 0),   /* orange */
  RGB (86, 180, 233),  /* sky blue */
  RGB (90, 90, 90),    /* grey, for the eighth series on */
};

/* The same hues, lightened where they would sink into a dark background. */
static const AtlasColor dark_series[] = {
  RGB (86, 160, 230),  RGB (240, 120, 40), RGB (40, 190, 145), RGB (220, 140, 185),
  RGB (240, 175, 40),  RGB (130, 200, 240), RGB (170, 170, 170),
};

/* Events by the side that acted: deep hues kept apart from the series'
 * so that an event line is never read as data, then the annotation
 * colour for any side past the third. */
static const AtlasColor light_events[] = {
  RGB (168, 50, 45),  /* brick */
  RGB (58, 78, 140),  /* slate blue */
  RGB (122, 106, 31), /* olive */
};

static const AtlasColor dark_events[] = {
  RGB (240, 130, 120),
  RGB (150, 170, 235),
  RGB (215, 195, 110),
};

static const AtlasTheme light_theme = {
  .background = RGB (255, 255, 255),
  .text = RGB (28, 28, 30),
  .muted_text = RGB (94, 92, 100),
  .grid = RGB (228, 228, 231),
  .baseline = RGB (120, 120, 128),
  .annotation = RGB (60, 60, 66),
  .highlight_range = { 0.35, 0.35, 0.40, 0.10 },
};

static const AtlasTheme dark_theme = {
  .background = RGB (36, 36, 40),
  .text = RGB (238, 238, 242),
  .muted_text = RGB (170, 170, 180),
  .grid = RGB (64, 64, 70),
  .baseline = RGB (150, 150, 158),
  .annotation = RGB (215, 215, 222),
  .highlight_range = { 0.85, 0.85, 0.90, 0.10 },
};

const AtlasTheme *
atlas_theme_get (gboolean dark)
{
  return dark ? &dark_theme : &light_theme;
}

guint
atlas_theme_n_series_colors (void)
{
  return G_N_ELEMENTS (light_series);
}

/* The colour of the events of the index-th side to act in a chart. */
AtlasColor
atlas_theme_event_color (const AtlasTheme *theme,
                         guint             index)
{
  const AtlasColor *palette = theme == &dark_theme ? dark_events : light_events;

  return index < G_N_ELEMENTS (light_events) ? palette[index] : theme->annotation;
}

AtlasColor
atlas_theme_series_color (const AtlasTheme *theme,
                          guint             index)
{
  const AtlasColor *palette = theme == &dark_theme ? dark_series : light_series;

  return palette[MIN (index, G_N_ELEMENTS (light_series) - 1)];
}
