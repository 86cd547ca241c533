/* atlas-scale.c: linear, log, time and band scales as small tables of functions, with 1-2-5 and calendar ticks. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-scale.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "atlas-cell-parse.h"
#include "atlas-table.h"

G_DEFINE_QUARK (atlas-scale-error-quark, atlas_scale_error)

/* What differs between scale kinds: data value <-> fraction of the range,
 * nice bounds and ticks. */
typedef struct
{
  double (*forward) (const AtlasScale *scale, double value);
  double (*inverse) (const AtlasScale *scale, double fraction);
  void (*nice) (AtlasScale *scale, guint max_ticks);
  GArray *(*ticks) (const AtlasScale *scale, guint max_ticks, const AtlasNumberStyle *style);
} AtlasScaleClass;

struct _AtlasScale
{
  const AtlasScaleClass *klass;
  AtlasScaleKind kind;
  double min;
  double max;
  double range_start;
  double range_end;
  AtlasDateUnit date_unit;
  double padding;
  double nice_step; /* the step atlas_scale_nice() aligned the domain to; 0 once the domain changes */
  double *values;   /* a band of values: the numbers or dates present, ascending, one band each; else NULL */
  guint n_values;
  gboolean values_are_dates;
};

#define MINUS_SIGN "\xe2\x88\x92"

void
atlas_tick_clear (AtlasTick *tick)
{
  g_clear_pointer (&tick->label, g_free);
}

static GArray *
tick_array_new (void)
{
  GArray *ticks = g_array_new (FALSE, TRUE, sizeof (AtlasTick));

  g_array_set_clear_func (ticks, (GDestroyNotify) atlas_tick_clear);
  return ticks;
}

static void
tick_array_add (GArray *ticks,
                double  value,
                char   *label)
{
  AtlasTick tick = { value, label };

  g_array_append_val (ticks, tick);
}

/* The 1-2-5 step that puts at most max_ticks intervals over span. */
double
atlas_nice_step (double span,
                 guint  max_ticks)
{
  static const double multiples[] = { 1, 2, 5, 10 };
  double raw, power;

  if (!(span > 0) || !isfinite (span))
    return 1;
  raw = span / MAX (max_ticks, 1);
  power = pow (10, floor (log10 (raw)));
  for (guint i = 0; i < G_N_ELEMENTS (multiples); i++)
    if (multiples[i] * power >= raw * (1 - 1e-9))
      return multiples[i] * power;
  return 10 * power;
}

/* The next step up the 1, 2, 5, 10, 20 ... ladder. */
static double
next_nice_step (double step)
{
  double power = pow (10, floor (log10 (step) + 1e-9));
  double multiple = step / power;

  if (multiple < 1.5)
    return 2 * power;
  if (multiple < 3.5)
    return 5 * power;
  return 10 * power;
}

static double
count_ticks (double   min,
             double   max,
             double   step,
             gboolean outward)
{
  if (outward)
    return ceil (max / step - 1e-9) - floor (min / step + 1e-9) + 1;
  return floor (max / step + 1e-9) - ceil (min / step - 1e-9) + 1;
}

/* The smallest 1-2-5 step that gives at most max_ticks ticks over
 * [min, max], counting the domain grown outward to whole steps when
 * outward: as many ticks as fit, never more. */
static double
choose_tick_step (double   min,
                  double   max,
                  guint    max_ticks,
                  gboolean outward)
{
  double step = atlas_nice_step (max - min, MAX (max_ticks, 2) * 4);

  while (count_ticks (min, max, step, outward) > MAX (max_ticks, 2))
    step = next_nice_step (step);
  return step;
}

void
atlas_number_style_init_c (AtlasNumberStyle *style)
{
  g_strlcpy (style->decimal_mark, ".", sizeof style->decimal_mark);
  g_strlcpy (style->thousands_sep, ",", sizeof style->thousands_sep);
}

/* The decimal mark and digit grouping of LC_NUMERIC. Locales that name no
 * grouping character (C, POSIX) still get one: long numbers are easier to
 * read grouped. */
void
atlas_number_style_from_locale (AtlasNumberStyle *style)
{
  const struct lconv *conv = localeconv ();
  const char *mark = conv->decimal_point && *conv->decimal_point ? conv->decimal_point : ".";
  const char *sep = conv->thousands_sep;

  g_strlcpy (style->decimal_mark, mark, sizeof style->decimal_mark);
  if (!sep || !*sep)
    sep = g_str_equal (mark, ",") ? "." : ",";
  g_strlcpy (style->thousands_sep, sep, sizeof style->thousands_sep);
}

/* "1234567.5" (C locale digits) -> "1,234,567.5" in the given style. */
static void
append_grouped (GString                *out,
                const char             *digits,
                const AtlasNumberStyle *style)
{
  const char *point = strchr (digits, '.');
  gsize integer_len = point ? (gsize) (point - digits) : strlen (digits);

  for (gsize i = 0; i < integer_len; i++)
    {
      if (i > 0 && (integer_len - i) % 3 == 0 && integer_len > 4)
        g_string_append (out, style->thousands_sep);
      g_string_append_c (out, digits[i]);
    }
  if (point)
    {
      g_string_append (out, style->decimal_mark);
      g_string_append (out, point + 1);
    }
}

/* value with a fixed number of decimals, '.' as the mark whatever the
 * locale: the style puts in the user's marks afterwards. */
static void
format_fixed (char   *buffer,
              gsize   size,
              double  value,
              int     decimals)
{
  char format[16];

  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ascii_formatd (buffer, (int) size, format, value);
}

/* A tick label: value shown with the decimals step needs, in thousands
 * (k), millions (M), billions (bn) or trillions (tn) when magnitude, the
 * largest value on the axis, is that big. */
char *
atlas_format_number (double                  value,
                     double                  step,
                     double                  magnitude,
                     const AtlasNumberStyle *style)
{
  static const struct
  {
    double divisor;
    const char *suffix;
  } suffixes[] = {
    /* Translators: appended to a number on an axis to mean trillions,
     * billions, millions or thousands of it: "12k". */
    { 1e12, NC_("number suffix", "tn") },
    { 1e9, NC_("number suffix", "bn") },
    { 1e6, NC_("number suffix", "M") },
    { 1e4, NC_("number suffix", "k") },
  };
  double divisor = 1;
  const char *suffix = "";
  int decimals = 0;
  char digits[64];
  GString *out = g_string_new (NULL);

  if (!isfinite (value))
    return g_string_free (out, FALSE);
  magnitude = fabs (magnitude);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (magnitude >= suffixes[i].divisor)
      {
        divisor = suffixes[i].divisor == 1e4 ? 1e3 : suffixes[i].divisor;
        suffix = g_dpgettext2 (GETTEXT_PACKAGE, "number suffix", suffixes[i].suffix);
        break;
      }
  if (step > 0 && isfinite (step))
    decimals = (int) CLAMP (ceil (-log10 (step / divisor) - 1e-9), 0, 12);

  format_fixed (digits, sizeof digits, fabs (value) / divisor, decimals);
  if (value < 0 && strspn (digits, "0.") != strlen (digits))
    g_string_append (out, MINUS_SIGN);
  append_grouped (out, digits, style);
  /* Zero is zero in any unit: "0", never "0k". */
  if (strspn (digits, "0.") != strlen (digits))
    g_string_append (out, suffix);
  return g_string_free (out, FALSE);
}

/* A single value for a tooltip or summary, as exact as the data: up to ten
 * significant digits, no trailing zeros, grouped, no suffix. */
char *
atlas_format_value (double                  value,
                    const AtlasNumberStyle *style)
{
  double magnitude = fabs (value);
  int decimals = 0;
  char digits[64];
  GString *out = g_string_new (NULL);

  if (!isfinite (value))
    return g_string_free (out, FALSE);
  if (magnitude > 0)
    decimals = (int) CLAMP (9 - floor (log10 (magnitude)), 0, 12);
  format_fixed (digits, sizeof digits, magnitude, decimals);
  if (strchr (digits, '.'))
    {
      char *end = digits + strlen (digits) - 1;
      while (*end == '0')
        *end-- = '\0';
      if (*end == '.')
        *end = '\0';
    }
  if (value < 0 && strspn (digits, "0.") != strlen (digits))
    g_string_append (out, MINUS_SIGN);
  append_grouped (out, digits, style);
  return g_string_free (out, FALSE);
}

/* value with exactly decimals decimals, grouped: the number format a
 * chart's author chose. */
char *
atlas_format_fixed (double                  value,
                    int                     decimals,
                    const AtlasNumberStyle *style)
{
  char digits[64];
  GString *out = g_string_new (NULL);

  if (!isfinite (value))
    return g_string_free (out, FALSE);
  format_fixed (digits, sizeof digits, fabs (value), CLAMP (decimals, 0, 12));
  if (value < 0 && strspn (digits, "0.") != strlen (digits))
    g_string_append (out, MINUS_SIGN);
  append_grouped (out, digits, style);
  return g_string_free (out, FALSE);
}

/* Linear */

static double
linear_forward (const AtlasScale *scale,
                double            value)
{
  return (value - scale->min) / (scale->max - scale->min);
}

static double
linear_inverse (const AtlasScale *scale,
                double            fraction)
{
  return scale->min + fraction * (scale->max - scale->min);
}

/* Grows the domain to whole steps and keeps the step, so that the ticks
 * land on both ends of the axis. */
static void
linear_nice (AtlasScale *scale,
             guint       max_ticks)
{
  double step = choose_tick_step (scale->min, scale->max, max_ticks, TRUE);

  scale->min = floor (scale->min / step + 1e-9) * step;
  scale->max = ceil (scale->max / step - 1e-9) * step;
  scale->nice_step = step;
}

static GArray *
linear_ticks (const AtlasScale       *scale,
              guint                   max_ticks,
              const AtlasNumberStyle *style)
{
  GArray *ticks = tick_array_new ();
  double step = scale->nice_step > 0 ? scale->nice_step : choose_tick_step (scale->min, scale->max, max_ticks, FALSE);
  double first = ceil (scale->min / step - 1e-9);
  double last = floor (scale->max / step + 1e-9);
  double magnitude = MAX (fabs (first * step), fabs (last * step));

  for (double i = first; i <= last; i++)
    {
      /* i * step, not a running sum: no drift, and exact zero. */
      double value = i * step;
      if (fabs (value) < step * 1e-9)
        value = 0;
      tick_array_add (ticks, value, atlas_format_number (value, step, magnitude, style));
    }
  return ticks;
}

static const AtlasScaleClass linear_class = { linear_forward, linear_inverse, linear_nice, linear_ticks };

/* Log */

static double
log_forward (const AtlasScale *scale,
             double            value)
{
  if (!(value > 0))
    return -INFINITY;
  return (log10 (value) - log10 (scale->min)) / (log10 (scale->max) - log10 (scale->min));
}

static double
log_inverse (const AtlasScale *scale,
             double            fraction)
{
  return pow (10, log10 (scale->min) + fraction * (log10 (scale->max) - log10 (scale->min)));
}

/* Spans of this many decades or more are told in powers of ten; shorter
 * ones in the 1-2-5 values inside them, so that the axis fits the data. */
#define LOG_DECADES_SPAN 3

/* The nearest 1-2-5 value (1, 2, 5, 10, 20, ...) at or below value, or at
 * or above it when up. */
static double
log_round_125 (double   value,
               gboolean up)
{
  static const double steps[] = { 1, 2, 5, 10 };
  double power = pow (10, floor (log10 (value) + 1e-9));

  if (up)
    {
      for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
        if (steps[i] * power >= value * (1 - 1e-9))
          return steps[i] * power;
      return 10 * power;
    }
  for (guint i = G_N_ELEMENTS (steps); i-- > 0;)
    if (steps[i] * power <= value * (1 + 1e-9))
      return steps[i] * power;
  return power;
}

static void
log_nice (AtlasScale *scale,
          guint       max_ticks)
{
  if (log10 (scale->max / scale->min) >= LOG_DECADES_SPAN)
    {
      scale->min = pow (10, floor (log10 (scale->min) + 1e-9));
      scale->max = pow (10, ceil (log10 (scale->max) - 1e-9));
    }
  else
    {
      scale->min = log_round_125 (scale->min, FALSE);
      scale->max = log_round_125 (scale->max, TRUE);
    }
  if (scale->max <= scale->min)
    scale->max = log_round_125 (scale->min * 1.5, TRUE);
}

/* The values m x 10^e inside the scale for each m of multipliers, in
 * order, into ticks (NULL: only counted); how many there are. */
static guint
log_multiples (const AtlasScale       *scale,
               const int              *multipliers,
               guint                   n_multipliers,
               const AtlasNumberStyle *style,
               GArray                 *ticks)
{
  int first = (int) floor (log10 (scale->min) + 1e-9);
  int last = (int) ceil (log10 (scale->max) - 1e-9);
  guint n = 0;

  for (int e = first; e <= last; e++)
    for (guint i = 0; i < n_multipliers; i++)
      {
        double value = multipliers[i] * pow (10, e);
        if (value < scale->min * (1 - 1e-9) || value > scale->max * (1 + 1e-9))
          continue;
        n++;
        if (ticks)
          tick_array_add (ticks, value, atlas_format_number (value, pow (10, e), scale->max, style));
      }
  return n;
}

static GArray *
log_ticks (const AtlasScale       *scale,
           guint                   max_ticks,
           const AtlasNumberStyle *style)
{
  static const int one_two_five[] = { 1, 2, 5 };
  static const int one_three[] = { 1, 3 };
  GArray *ticks = tick_array_new ();
  int first = (int) ceil (log10 (scale->min) - 1e-9);
  int last = (int) floor (log10 (scale->max) + 1e-9);
  int decades = last - first + 1;
  int every = MAX (1, (decades + (int) max_ticks - 1) / (int) MAX (max_ticks, 1));

  /* Within a few decades, the finest of 1-2-5 and 1-3 steps that fits. */
  if (log10 (scale->max / scale->min) < LOG_DECADES_SPAN)
    {
      if (log_multiples (scale, one_two_five, G_N_ELEMENTS (one_two_five), style, NULL) <= MAX (max_ticks, 2))
        {
          log_multiples (scale, one_two_five, G_N_ELEMENTS (one_two_five), style, ticks);
          return ticks;
        }
      if (log_multiples (scale, one_three, G_N_ELEMENTS (one_three), style, NULL) <= MAX (max_ticks, 2))
        {
          log_multiples (scale, one_three, G_N_ELEMENTS (one_three), style, ticks);
          return ticks;
        }
    }
  for (int e = first; e <= last; e += every)
    {
      double value = pow (10, e);
      tick_array_add (ticks, value, atlas_format_number (value, value, value, style));
    }
  return ticks;
}

static const AtlasScaleClass log_class = { log_forward, log_inverse, log_nice, log_ticks };

/* Time: seconds since 1970-01-01 UTC, ticks on calendar boundaries. */

typedef enum
{
  STEP_SECOND,
  STEP_MINUTE,
  STEP_HOUR,
  STEP_DAY,
  STEP_MONTH,
  STEP_YEAR,
} CalendarField;

typedef struct
{
  CalendarField field;
  int count;
  double approx_seconds;
} CalendarStep;

static const CalendarStep calendar_steps[] = {
  { STEP_SECOND, 1, 1 },       { STEP_SECOND, 5, 5 },        { STEP_SECOND, 15, 15 },
  { STEP_SECOND, 30, 30 },     { STEP_MINUTE, 1, 60 },       { STEP_MINUTE, 5, 300 },
  { STEP_MINUTE, 15, 900 },    { STEP_MINUTE, 30, 1800 },    { STEP_HOUR, 1, 3600 },
  { STEP_HOUR, 3, 10800 },     { STEP_HOUR, 6, 21600 },      { STEP_HOUR, 12, 43200 },
  { STEP_DAY, 1, 86400 },      { STEP_DAY, 2, 172800 },      { STEP_DAY, 7, 604800 },
  { STEP_MONTH, 1, 2629746 },  { STEP_MONTH, 3, 7889238 },   { STEP_MONTH, 6, 15778476 },
  { STEP_YEAR, 1, 31556952 },  { STEP_YEAR, 2, 63113904 },   { STEP_YEAR, 5, 157784760 },
  { STEP_YEAR, 10, 315569520 }, { STEP_YEAR, 20, 631139040 }, { STEP_YEAR, 50, 1577847600 },
  { STEP_YEAR, 100, 3155695200 }, { STEP_YEAR, 200, 6311390400 }, { STEP_YEAR, 500, 15778476000 },
  { STEP_YEAR, 1000, 31556952000 },
};

/* The finest step a column written in unit can use: no monthly ticks on
 * yearly data. */
static double
unit_min_seconds (AtlasDateUnit unit)
{
  switch (unit)
    {
    case ATLAS_DATE_UNIT_YEAR:
      return 31556952;
    case ATLAS_DATE_UNIT_QUARTER:
      return 7889238;
    case ATLAS_DATE_UNIT_MONTH:
      return 2629746;
    case ATLAS_DATE_UNIT_DAY:
      return 86400;
    case ATLAS_DATE_UNIT_SECOND:
    default:
      return 1;
    }
}

static const CalendarStep *
choose_calendar_step (const AtlasScale *scale,
                      guint             max_ticks)
{
  double span = scale->max - scale->min;
  double floor_seconds = unit_min_seconds (scale->date_unit);

  for (guint i = 0; i < G_N_ELEMENTS (calendar_steps); i++)
    if (calendar_steps[i].approx_seconds >= floor_seconds * 0.999
        && span / calendar_steps[i].approx_seconds <= MAX (max_ticks, 1))
      return &calendar_steps[i];
  return &calendar_steps[G_N_ELEMENTS (calendar_steps) - 1];
}

typedef struct
{
  gint64 year;
  int month;
  int day;
} CivilDate;

/* The inverse of atlas_days_from_civil. */
static CivilDate
civil_from_days (gint64 days)
{
  CivilDate date;
  gint64 z = days + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 day_of_era = z - era * 146097;
  gint64 year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  gint64 day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  gint64 mp = (5 * day_of_year + 2) / 153;

  date.day = (int) (day_of_year - (153 * mp + 2) / 5 + 1);
  date.month = (int) (mp < 10 ? mp + 3 : mp - 9);
  date.year = year_of_era + era * 400 + (date.month <= 2);
  return date;
}

static const char *const month_abbreviations[] = {
  NC_("abbreviated month", "Jan"), NC_("abbreviated month", "Feb"), NC_("abbreviated month", "Mar"),
  NC_("abbreviated month", "Apr"), NC_("abbreviated month", "May"), NC_("abbreviated month", "Jun"),
  NC_("abbreviated month", "Jul"), NC_("abbreviated month", "Aug"), NC_("abbreviated month", "Sep"),
  NC_("abbreviated month", "Oct"), NC_("abbreviated month", "Nov"), NC_("abbreviated month", "Dec"),
};

/* month is 1 to 12. */
static const char *
month_abbreviation (int month)
{
  return g_dpgettext2 (GETTEXT_PACKAGE, "abbreviated month", month_abbreviations[month - 1]);
}

/* A tick label that names no more than the step needs, plus the day (or
 * year) when the axis spans several of them, so no two labels read alike. */
static char *
format_calendar_tick (double              seconds,
                      const CalendarStep *step,
                      double              span)
{
  gint64 days = (gint64) floor (seconds / 86400);
  gint64 second_of_day = (gint64) (seconds - days * 86400.0);
  CivilDate date = civil_from_days (days);
  int hour = (int) (second_of_day / 3600), minute = (int) (second_of_day / 60 % 60);
  g_autofree char *day = NULL;

  switch (step->field)
    {
    case STEP_YEAR:
      return g_strdup_printf ("%" G_GINT64_FORMAT, date.year);
    case STEP_MONTH:
      if (step->count == 3 || step->count == 6)
        /* Translators: a quarter of a year, then the year: "Q1 2024". */
        return g_strdup_printf (_("Q%d %d"), (date.month - 1) / 3 + 1, (int) date.year);
      /* Translators: an abbreviated month, then the year: "Mar 2024". */
      return g_strdup_printf (_("%s %d"), month_abbreviation (date.month), (int) date.year);
    case STEP_DAY:
      if (span > 300 * 86400.0)
        /* Translators: a day, an abbreviated month and the year: "7 Mar 2024". */
        return g_strdup_printf (_("%d %s %d"), date.day, month_abbreviation (date.month), (int) date.year);
      /* Translators: a day and an abbreviated month: "7 Mar". */
      return g_strdup_printf (_("%d %s"), date.day, month_abbreviation (date.month));
    case STEP_HOUR:
    case STEP_MINUTE:
    case STEP_SECOND:
    default:
      if (span > 86400 || days != (gint64) floor ((seconds + span) / 86400))
        day = g_strdup_printf (_("%d %s"), date.day, month_abbreviation (date.month));
      if (step->field == STEP_SECOND)
        return g_strdup_printf ("%s%s%02d:%02d:%02d", day ? day : "", day ? " " : "", hour, minute,
                                (int) (second_of_day % 60));
      return g_strdup_printf ("%s%s%02d:%02d", day ? day : "", day ? " " : "", hour, minute);
    }
}

/* The first calendar boundary at or after seconds. */
static double
calendar_ceil (double              seconds,
               const CalendarStep *step)
{
  gint64 days = (gint64) floor (seconds / 86400);
  CivilDate date = civil_from_days (days);
  double candidate;

  switch (step->field)
    {
    case STEP_YEAR:
      {
        gint64 year = date.year - (((date.year % step->count) + step->count) % step->count);
        candidate = atlas_days_from_civil (year, 1, 1) * 86400.0;
        while (candidate < seconds)
          {
            year += step->count;
            candidate = atlas_days_from_civil (year, 1, 1) * 86400.0;
          }
        return candidate;
      }
    case STEP_MONTH:
      {
        gint64 month_index = date.year * 12 + (date.month - 1);
        month_index -= ((month_index % step->count) + step->count) % step->count;
        for (;;)
          {
            gint64 year = month_index >= 0 ? month_index / 12 : (month_index - 11) / 12;
            candidate = atlas_days_from_civil (year, (guint) (month_index - year * 12 + 1), 1) * 86400.0;
            if (candidate >= seconds)
              return candidate;
            month_index += step->count;
          }
      }
    case STEP_DAY:
      {
        double interval = step->count * 86400.0;
        /* Weeks start on Monday; 1970-01-05 was one. */
        double origin = step->count == 7 ? 4 * 86400.0 : 0;
        return origin + ceil ((seconds - origin) / interval - 1e-9) * interval;
      }
    default:
      return ceil (seconds / step->approx_seconds - 1e-9) * step->approx_seconds;
    }
}

static double
calendar_next (double              seconds,
               const CalendarStep *step)
{
  if (step->field == STEP_YEAR || step->field == STEP_MONTH)
    {
      CivilDate date = civil_from_days ((gint64) floor (seconds / 86400));
      gint64 month_index = date.year * 12 + (date.month - 1)
                           + (step->field == STEP_YEAR ? 12 * step->count : step->count);
      gint64 year = month_index >= 0 ? month_index / 12 : (month_index - 11) / 12;
      return atlas_days_from_civil (year, (guint) (month_index - year * 12 + 1), 1) * 86400.0;
    }
  return seconds + step->approx_seconds;
}

static void
time_nice (AtlasScale *scale,
           guint       max_ticks)
{
  /* A time axis spans exactly its data: padding months onto a yearly
   * series would suggest data that is not there. */
  (void) scale;
  (void) max_ticks;
}

static GArray *
time_ticks (const AtlasScale       *scale,
            guint                   max_ticks,
            const AtlasNumberStyle *style)
{
  GArray *ticks = tick_array_new ();
  const CalendarStep *step = choose_calendar_step (scale, max_ticks);

  (void) style;
  for (double t = calendar_ceil (scale->min, step); t <= scale->max + 1e-6 && ticks->len < 1000;
       t = calendar_next (t, step))
    tick_array_add (ticks, t, format_calendar_tick (t, step, scale->max - scale->min));
  return ticks;
}

static const AtlasScaleClass time_class = { linear_forward, linear_inverse, time_nice, time_ticks };

/* Where value falls among a band of values' values, as an index: exact
 * for a value present, in proportion between (or past) its neighbours
 * for one that is not. */
static double
value_index (const AtlasScale *scale,
             double            value)
{
  const double *values = scale->values;
  guint n = scale->n_values, low = 0, high = n;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      if (values[middle] < value)
        low = middle + 1;
      else
        high = middle;
    }
  if (low < n && values[low] == value)
    return low;
  if (n < 2)
    return value - values[0];
  if (low == 0)
    return (value - values[0]) / (values[1] - values[0]);
  if (low == n)
    return n - 1 + (value - values[n - 1]) / (values[n - 1] - values[n - 2]);
  return low - 1 + (value - values[low - 1]) / (values[low] - values[low - 1]);
}

/* Band: categories by index, each in the middle of its band; a band of
 * values takes the values themselves. The domain [min, max) is the run
 * of bands in view, by index: all of them, or those a zoom or a story
 * step shows. */
static double
band_forward (const AtlasScale *scale,
              double            value)
{
  double index = scale->values ? value_index (scale, value) : value;

  return (index - scale->min + 0.5) / MAX (scale->max - scale->min, 1);
}

static double
band_inverse (const AtlasScale *scale,
              double            fraction)
{
  double index = scale->min + fraction * MAX (scale->max - scale->min, 1);
  guint i;

  if (!scale->values)
    return floor (index);
  /* The value at a point between two bands' middles, in proportion. */
  index -= 0.5;
  if (scale->n_values < 2)
    return scale->values[0] + index;
  i = (guint) CLAMP (floor (index), 0, scale->n_values - 2);
  return scale->values[i] + (index - i) * (scale->values[i + 1] - scale->values[i]);
}

static void
band_nice (AtlasScale *scale,
           guint       max_ticks)
{
  (void) scale;
  (void) max_ticks;
}

static GArray *
band_ticks (const AtlasScale       *scale,
            guint                   max_ticks,
            const AtlasNumberStyle *style)
{
  GArray *ticks = tick_array_new ();

  (void) max_ticks;
  (void) style;
  /* Labels are the category names, which the chart knows; a band of
   * values is labelled with its values. */
  for (double i = ceil (scale->min); i < scale->max; i++)
    {
      double value;

      if (!scale->values)
        {
          tick_array_add (ticks, i, NULL);
          continue;
        }
      value = scale->values[(guint) CLAMP (i, 0, scale->n_values - 1)];
      tick_array_add (ticks, value,
                      scale->values_are_dates
                        ? atlas_format_date (value, scale->date_unit)
                        : atlas_format_value (value, style));
    }
  return ticks;
}

static const AtlasScaleClass band_class = { band_forward, band_inverse, band_nice, band_ticks };

static AtlasScale *
scale_new (const AtlasScaleClass *klass,
           AtlasScaleKind         kind,
           double                 min,
           double                 max)
{
  AtlasScale *scale = g_new0 (AtlasScale, 1);

  scale->klass = klass;
  scale->kind = kind;
  scale->range_end = 1;
  atlas_scale_set_domain (scale, min, max);
  return scale;
}

AtlasScale *
atlas_scale_new_linear (double min,
                        double max)
{
  return scale_new (&linear_class, ATLAS_SCALE_LINEAR, min, max);
}

AtlasScale *
atlas_scale_new_log (double   min,
                     double   max,
                     GError **error)
{
  if (!(min > 0) || !(max > 0))
    {
      g_set_error (error, ATLAS_SCALE_ERROR, ATLAS_SCALE_ERROR_NOT_POSITIVE,
                   _("A log scale needs values above zero; the data go down to %g"), MIN (min, max));
      return NULL;
    }
  return scale_new (&log_class, ATLAS_SCALE_LOG, min, max);
}

AtlasScale *
atlas_scale_new_time (double        min_seconds,
                      double        max_seconds,
                      AtlasDateUnit unit)
{
  AtlasScale *scale = scale_new (&time_class, ATLAS_SCALE_TIME, min_seconds, max_seconds);

  scale->date_unit = unit;
  return scale;
}

AtlasScale *
atlas_scale_new_band (guint  n_bands,
                      double padding)
{
  AtlasScale *scale = scale_new (&band_class, ATLAS_SCALE_BAND, 0, MAX (n_bands, 1));

  scale->padding = CLAMP (padding, 0, 0.9);
  return scale;
}

/* A band for each of values (n of them, ascending and distinct; dates
 * in seconds at unit when dates), so that bars over years stand side by
 * side with no empty slots for years the data do not have. */
AtlasScale *
atlas_scale_new_band_of_values (const double  *values,
                                guint          n,
                                gboolean       dates,
                                AtlasDateUnit  unit,
                                double         padding)
{
  AtlasScale *scale = atlas_scale_new_band (n, padding);

  g_return_val_if_fail (values != NULL && n > 0, scale);
  scale->values = g_memdup2 (values, n * sizeof *values);
  scale->n_values = n;
  scale->values_are_dates = dates;
  scale->date_unit = unit;
  return scale;
}

/* For a band of values, the index of value's band, in proportion
 * between bands for a value not present; value itself for other scales. */
double
atlas_scale_value_index (const AtlasScale *scale,
                         double            value)
{
  return scale->values ? value_index (scale, value) : value;
}

AtlasScale *
atlas_scale_copy (const AtlasScale *scale)
{
  AtlasScale *copy = g_memdup2 (scale, sizeof *scale);

  if (scale->values)
    copy->values = g_memdup2 (scale->values, scale->n_values * sizeof *scale->values);
  return copy;
}

void
atlas_scale_free (AtlasScale *scale)
{
  if (!scale)
    return;
  g_free (scale->values);
  g_free (scale);
}

AtlasScaleKind
atlas_scale_get_kind (const AtlasScale *scale)
{
  return scale->kind;
}

void
atlas_scale_set_range (AtlasScale *scale,
                       double      start,
                       double      end)
{
  scale->range_start = start;
  scale->range_end = end;
}

/* An empty or single-value domain is widened so that the value sits in
 * the middle of a readable range instead of dividing by zero. */
void
atlas_scale_set_domain (AtlasScale *scale,
                        double      min,
                        double      max)
{
  if (!isfinite (min) || !isfinite (max))
    {
      min = isfinite (min) ? min : (isfinite (max) ? max : 0);
      max = isfinite (max) ? max : min;
    }
  if (min > max)
    {
      double swap = min;
      min = max;
      max = swap;
    }
  if (max == min)
    {
      double pad;
      switch (scale->kind)
        {
        case ATLAS_SCALE_LOG:
          min /= 10;
          max *= 10;
          break;
        case ATLAS_SCALE_TIME:
          pad = unit_min_seconds (scale->date_unit);
          min -= pad;
          max += pad;
          break;
        default:
          pad = min == 0 ? 1 : fabs (min) * 0.1;
          min -= pad;
          max += pad;
          break;
        }
    }
  scale->min = min;
  scale->max = max;
  scale->nice_step = 0;
}

void
atlas_scale_get_domain (const AtlasScale *scale,
                        double           *min,
                        double           *max)
{
  *min = scale->min;
  *max = scale->max;
}

double
atlas_scale_map (const AtlasScale *scale,
                 double            value)
{
  return scale->range_start + scale->klass->forward (scale, value) * (scale->range_end - scale->range_start);
}

double
atlas_scale_unmap (const AtlasScale *scale,
                   double            pixel)
{
  double length = scale->range_end - scale->range_start;

  if (length == 0)
    return scale->min;
  return scale->klass->inverse (scale, (pixel - scale->range_start) / length);
}

/* The width of one band in pixels, less its padding; 0 for other kinds. */
double
atlas_scale_get_bandwidth (const AtlasScale *scale)
{
  if (scale->kind != ATLAS_SCALE_BAND)
    return 0;
  return fabs (scale->range_end - scale->range_start) / MAX (scale->max - scale->min, 1) * (1 - scale->padding);
}

void
atlas_scale_nice (AtlasScale *scale,
                  guint       max_ticks)
{
  scale->klass->nice (scale, max_ticks);
}

GArray *
atlas_scale_ticks (const AtlasScale       *scale,
                   guint                   max_ticks,
                   const AtlasNumberStyle *style)
{
  AtlasNumberStyle c_style;

  if (!style)
    {
      atlas_number_style_init_c (&c_style);
      style = &c_style;
    }
  return scale->klass->ticks (scale, max_ticks, style);
}
