/* atlas-cell-parse.c: number, date and missing-value recognition for single CSV cells. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-cell-parse.h"

#include <math.h>
#include <string.h>

const double atlas_exact_powers_of_ten[23] = {
  1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

static inline gboolean
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

static void
trim_cell (const char **cell,
           gsize       *len)
{
  const char *p = *cell;
  const char *end = p + *len;

  while (p < end && is_blank (*p))
    p++;
  while (end > p && is_blank (end[-1]))
    end--;
  *cell = p;
  *len = end - p;
}

/* Spellings that mean "no value here" in spreadsheets, statistics offices
 * and database dumps. Compared without regard to ASCII case. */
#define SPELLING(text) { text, sizeof text - 1 }
static const struct
{
  const char *text;
  gsize len;
} missing_spellings[] = {
  SPELLING ("na"),    SPELLING ("n/a"),  SPELLING ("n.a."), SPELLING ("nan"),          SPELLING ("null"),
  SPELLING ("none"),  SPELLING ("nil"),  SPELLING ("-"),    SPELLING ("--"),           SPELLING ("\xe2\x80\x94"),
  SPELLING ("\xe2\x80\x93"),         SPELLING (".."),   SPELLING ("..."),          SPELLING ("\xe2\x80\xa6"),
  SPELLING ("#n/a"),  SPELLING ("#na"),  SPELLING ("?"),    SPELLING (":"),            SPELLING ("n.d."),
  SPELLING ("#value!"),
};
#undef SPELLING

/* Whether a spelling of missing_spellings can start with c: most cells
 * are told apart by their first byte alone. */
static inline gboolean
may_start_missing_spelling (char c)
{
  switch (c)
    {
    case 'n':
    case 'N':
    case '-':
    case '.':
    case '#':
    case '?':
    case ':':
    case '\xe2':
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
atlas_cell_is_missing (const char *cell,
                       gsize       len)
{
  trim_cell (&cell, &len);
  if (len == 0)
    return TRUE;
  if (len > 8 || !may_start_missing_spelling (cell[0]))
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (missing_spellings); i++)
    if (missing_spellings[i].len == len && g_ascii_strncasecmp (missing_spellings[i].text, cell, len) == 0)
      return TRUE;
  return FALSE;
}

/* Currency signs accepted before (or after) a number, UTF-8 encoded. */
static const char *const currency_signs[] = {
  "$",
  "\xe2\x82\xac", /* euro */
  "\xc2\xa3",     /* pound */
  "\xc2\xa5",     /* yen, yuan */
  "\xef\xbf\xa5", /* fullwidth yen, yuan */
  "\xe2\x82\xa9", /* won */
  "\xe2\x82\xb9", /* rupee */
};

static gsize
match_currency_prefix (const char *p,
                       const char *end)
{
  for (gsize i = 0; i < G_N_ELEMENTS (currency_signs); i++)
    {
      gsize n = strlen (currency_signs[i]);
      if ((gsize) (end - p) >= n && memcmp (p, currency_signs[i], n) == 0)
        return n;
    }
  return 0;
}

static gsize
match_currency_suffix (const char *p,
                       const char *end)
{
  for (gsize i = 0; i < G_N_ELEMENTS (currency_signs); i++)
    {
      gsize n = strlen (currency_signs[i]);
      if ((gsize) (end - p) >= n && memcmp (end - n, currency_signs[i], n) == 0)
        return n;
    }
  return 0;
}

/* The minus sign U+2212, which typeset tables use instead of '-'. */
#define UNICODE_MINUS "\xe2\x88\x92"

/* A group separator at p: the ASCII one of the format, or for a space
 * separator also the no-break spaces French and Swiss tables use. Returns its
 * length in bytes, 0 when there is none. */
static inline gsize
match_group_separator (const char *p,
                       const char *end,
                       char        thousands_sep)
{
  if (thousands_sep == '\0')
    return 0;
  if (*p == thousands_sep)
    return 1;
  if (thousands_sep == ' ')
    {
      if (end - p >= 2 && (guchar) p[0] == 0xc2 && (guchar) p[1] == 0xa0)
        return 2;
      if (end - p >= 3 && (guchar) p[0] == 0xe2 && (guchar) p[1] == 0x80 && (guchar) p[2] == 0xaf)
        return 3;
    }
  return 0;
}

gboolean
atlas_cell_parse_number (const char              *cell,
                         gsize                    len,
                         const AtlasNumberFormat *format,
                         double                  *out_value,
                         AtlasNumberAffix        *out_affix)
{
  const char *p;
  const char *end;
  gboolean negative = FALSE;
  gboolean have_sign = FALSE;
  AtlasNumberAffix affix = ATLAS_NUMBER_AFFIX_NONE;
  guint64 mantissa = 0;
  int significant_digits = 0;
  int decimal_exponent = 0;
  gboolean any_digit = FALSE;
  gboolean grouped = FALSE;
  /* Digits, '.', 'e' and the exponent, for the exact slow path. */
  char clean[96];
  gsize clean_len = 0;

  if (atlas_cell_parse_plain_number (cell, len, format->decimal_mark, out_value))
    {
      if (out_affix)
        *out_affix = ATLAS_NUMBER_AFFIX_NONE;
      return TRUE;
    }

  trim_cell (&cell, &len);
  p = cell;
  end = cell + len;
  if (p == end)
    return FALSE;

  /* Accounting negatives: (1,234) */
  if (*p == '(' && end[-1] == ')' && end - p > 2)
    {
      negative = TRUE;
      have_sign = TRUE;
      p++;
      end--;
      while (p < end && is_blank (*p))
        p++;
      while (end > p && is_blank (end[-1]))
        end--;
    }

  /* Sign and currency, in either order: -$5, $-5. The byte tests first
   * keep plain numbers off the slower sign and currency matching. */
  for (int round = 0; round < 2 && p < end; round++)
    {
      gsize n;

      if (is_digit (*p) || *p == '.' || *p == ',')
        break;
      if (!have_sign && (*p == '-' || *p == '+'))
        {
          negative = *p == '-';
          have_sign = TRUE;
          p++;
        }
      else if (*p != '$' && (guchar) *p < 0x80)
        break;
      else if (!have_sign && end - p >= 3 && memcmp (p, UNICODE_MINUS, 3) == 0)
        {
          negative = TRUE;
          have_sign = TRUE;
          p += 3;
        }
      else if (!(affix & ATLAS_NUMBER_AFFIX_CURRENCY) && (n = match_currency_prefix (p, end)) > 0)
        {
          affix |= ATLAS_NUMBER_AFFIX_CURRENCY;
          p += n;
          while (p < end && is_blank (*p))
            p++;
        }
      else
        break;
    }

  /* Suffix: 12.5%, 12,5 %, 100 € */
  if (p < end && !is_digit (end[-1]))
    {
      if (end[-1] == '%')
        {
          affix |= ATLAS_NUMBER_AFFIX_PERCENT;
          end--;
          while (end > p && is_blank (end[-1]))
            end--;
        }
      else if (!(affix & ATLAS_NUMBER_AFFIX_CURRENCY) && (guchar) end[-1] >= 0x80)
        {
          gsize n = match_currency_suffix (p, end);
          if (n > 0)
            {
              affix |= ATLAS_NUMBER_AFFIX_CURRENCY;
              end -= n;
              while (end > p && is_blank (end[-1]))
                end--;
            }
        }
    }

  if (p == end || (end - p) > (gssize) sizeof clean - 8)
    return FALSE;

  if (negative)
    clean[clean_len++] = '-';

  /* Integer part, with digit groups checked: a separator follows one to
   * three digits, then every group has exactly three. */
  {
    int group_len = 0;
    gboolean leading_zero = (*p == '0');

    while (p < end)
      {
        gsize sep_len;

        if (is_digit (*p))
          {
            any_digit = TRUE;
            group_len++;
            clean[clean_len++] = *p;
            if (mantissa != 0 || *p != '0')
              {
                if (significant_digits < 19)
                  mantissa = mantissa * 10 + (guint64) (*p - '0');
                else
                  decimal_exponent++;
                significant_digits++;
              }
            p++;
          }
        else if ((sep_len = match_group_separator (p, end, format->thousands_sep)) > 0
                 && *p != format->decimal_mark)
          {
            if (group_len == 0 || group_len > 3 || (grouped && group_len != 3)
                || (!grouped && leading_zero && group_len == 1))
              return FALSE;
            grouped = TRUE;
            group_len = 0;
            p += sep_len;
          }
        else
          break;
      }
    if (grouped && group_len != 3)
      return FALSE;
  }

  /* Fraction */
  if (p < end && *p == format->decimal_mark)
    {
      clean[clean_len++] = '.';
      p++;
      while (p < end && is_digit (*p))
        {
          any_digit = TRUE;
          clean[clean_len++] = *p;
          if (mantissa != 0 || *p != '0')
            {
              if (significant_digits < 19)
                {
                  mantissa = mantissa * 10 + (guint64) (*p - '0');
                  decimal_exponent--;
                }
              significant_digits++;
            }
          else
            decimal_exponent--;
          p++;
        }
    }

  if (!any_digit)
    return FALSE;

  /* Exponent, never together with digit groups */
  if (p < end && (*p == 'e' || *p == 'E') && !grouped)
    {
      gboolean exponent_negative = FALSE;
      int exponent = 0;
      gboolean exponent_digits = FALSE;

      clean[clean_len++] = 'e';
      p++;
      if (p < end && (*p == '-' || *p == '+'))
        {
          exponent_negative = *p == '-';
          clean[clean_len++] = *p;
          p++;
        }
      while (p < end && is_digit (*p))
        {
          exponent_digits = TRUE;
          if (exponent < 100000)
            exponent = exponent * 10 + (*p - '0');
          clean[clean_len++] = *p;
          p++;
        }
      if (!exponent_digits)
        return FALSE;
      decimal_exponent += exponent_negative ? -exponent : exponent;
    }

  if (p != end)
    return FALSE;

  clean[clean_len] = '\0';

  if (significant_digits <= 19 && mantissa <= ATLAS_MAX_EXACT_MANTISSA
      && decimal_exponent >= -22 && decimal_exponent <= 22)
    {
      double value = (double) mantissa;

      if (decimal_exponent >= 0)
        value *= atlas_exact_powers_of_ten[decimal_exponent];
      else
        value /= atlas_exact_powers_of_ten[-decimal_exponent];
      *out_value = negative ? -value : value;
    }
  else
    {
      double value = g_ascii_strtod (clean, NULL);

      if (!isfinite (value))
        return FALSE;
      *out_value = value;
    }

  if (out_affix)
    *out_affix = affix;
  return TRUE;
}

/* What the commas and points of a number cell say of its decimal mark. */
static AtlasMarkEvidence
decimal_mark_evidence (guint       commas,
                       guint       points,
                       const char *last_comma,
                       const char *last_point,
                       const char *first_digit,
                       const char *end)
{
  if (commas > 0 && points > 0)
    return last_comma > last_point ? ATLAS_MARK_EVIDENCE_COMMA : ATLAS_MARK_EVIDENCE_POINT;
  if (commas > 1)
    return ATLAS_MARK_EVIDENCE_POINT;
  if (points > 1)
    return ATLAS_MARK_EVIDENCE_COMMA;
  if (commas == 1)
    {
      gsize after = end - last_comma - 1;
      gboolean zero_lead = (*first_digit == '0' && last_comma - first_digit == 1);
      if (after != 3 || zero_lead || last_comma - first_digit > 3)
        return ATLAS_MARK_EVIDENCE_COMMA;
      return ATLAS_MARK_EVIDENCE_GROUPED_COMMA;
    }
  if (points == 1)
    {
      gsize after = end - last_point - 1;
      gboolean zero_lead = (*first_digit == '0' && last_point - first_digit == 1);
      if (after != 3 || zero_lead || last_point - first_digit > 3)
        return ATLAS_MARK_EVIDENCE_POINT;
      return ATLAS_MARK_EVIDENCE_GROUPED_POINT;
    }
  return ATLAS_MARK_EVIDENCE_NONE;
}

/* The currency sign a number cell carries, for the column's unit; NULL if none. */
/* A number a person typed into a field ("1.5", "1,5", "-2 000,25",
 * "12 %"): read as a cell is, with a decimal point, or failing that a
 * decimal comma. FALSE when it is no finite number. */
gboolean
atlas_cell_parse_typed_number (const char *text,
                               double     *out_value)
{
  /* The ways of writing numbers, the English one first, as "1,500" is. */
  static const AtlasNumberFormat formats[] = { { '.', ',' }, { ',', '.' }, { ',', ' ' }, { '.', ' ' } };
  gsize len = strlen (text);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (atlas_cell_parse_number (text, len, &formats[i], out_value, NULL))
      return isfinite (*out_value);
  return FALSE;
}

const char *
atlas_cell_find_currency_sign (const char *cell,
                               gsize       len)
{
  const char *end = cell + len;

  for (const char *p = cell; p < end; p++)
    for (gsize i = 0; i < G_N_ELEMENTS (currency_signs); i++)
      {
        gsize n = strlen (currency_signs[i]);
        if ((gsize) (end - p) >= n && memcmp (p, currency_signs[i], n) == 0)
          return currency_signs[i];
      }
  return NULL;
}

AtlasMarkEvidence
atlas_cell_mark_evidence (const char *cell,
                          gsize       len)
{
  const char *p;
  const char *end;
  const char *last_comma = NULL;
  const char *last_point = NULL;
  const char *first_digit = NULL;
  guint commas = 0, points = 0, spaces = 0, apostrophes = 0, digits = 0;

  trim_cell (&cell, &len);
  p = cell;
  end = cell + len;
  while (p < end && (*p == '-' || *p == '+' || *p == '(' || *p == '$'))
    p++;
  while (end > p && (end[-1] == '%' || end[-1] == ')' || is_blank (end[-1])))
    end--;

  for (const char *q = p; q < end; q++)
    {
      if (is_digit (*q))
        {
          digits++;
          if (!first_digit)
            first_digit = q;
        }
      else if (*q == ',')
        commas++, last_comma = q;
      else if (*q == '.')
        points++, last_point = q;
      else if (*q == ' ' && first_digit)
        spaces++;
      else if (first_digit && match_group_separator (q, end, ' ') > 1)
        {
          /* A no-break space or a narrow one, as French and Swiss tables
           * group digits: a space. */
          spaces++;
          q += match_group_separator (q, end, ' ') - 1;
        }
      else if (*q == '\'' && first_digit)
        apostrophes++;
      else
        return ATLAS_MARK_EVIDENCE_NONE;
    }
  if (digits == 0 || !first_digit || p == end || !is_digit (end[-1]))
    return ATLAS_MARK_EVIDENCE_NONE;

  /* Spaces and apostrophes group digits beside either mark: "1 234,5"
   * and "1'234.5" say which separator goes with it. */
  return decimal_mark_evidence (commas, points, last_comma, last_point, first_digit, end)
         | (spaces > 0 ? ATLAS_MARK_EVIDENCE_GROUPED_SPACE : 0)
         | (apostrophes > 0 ? ATLAS_MARK_EVIDENCE_GROUPED_APOSTROPHE : 0);
}

/* Reads exactly n digits at *p; advances *p. */
static gboolean
read_fixed_digits (const char **p,
                   const char  *end,
                   int          n,
                   int         *out)
{
  int value = 0;

  if (end - *p < n)
    return FALSE;
  for (int i = 0; i < n; i++)
    {
      char c = (*p)[i];
      if (!is_digit (c))
        return FALSE;
      value = value * 10 + (c - '0');
    }
  *p += n;
  *out = value;
  return TRUE;
}

/* Reads one or two digits at *p; advances *p. */
static gboolean
read_short_number (const char **p,
                   const char  *end,
                   int         *out)
{
  int value = 0;
  int n = 0;

  while (*p < end && n < 2 && is_digit (**p))
    {
      value = value * 10 + (**p - '0');
      (*p)++;
      n++;
    }
  if (n == 0 || (*p < end && is_digit (**p)))
    return FALSE;
  *out = value;
  return TRUE;
}

static int
days_in_month (gint64 year,
               int    month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

  if (month == 2 && leap)
    return 29;
  return days[month - 1];
}

static gboolean
valid_day (gint64 year,
           int    month,
           int    day)
{
  return month >= 1 && month <= 12 && day >= 1 && day <= days_in_month (year, month);
}

/* Days since 1970-01-01 in the proleptic Gregorian calendar, for any year. */
double
atlas_days_from_civil (gint64 year,
                       guint  month,
                       guint  day)
{
  gint64 y = year - (month <= 2);
  gint64 era = (y >= 0 ? y : y - 399) / 400;
  gint64 year_of_era = y - era * 400;
  gint64 day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  gint64 day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;

  return (double) (era * 146097 + day_of_era - 719468);
}

/* HH:MM[:SS[.fff]][Z|+HH[:MM]|-HH[:MM]] */
static gboolean
parse_time_of_day (const char *p,
                   const char *end,
                   double     *out_seconds)
{
  int hour, minute, second = 0;
  double fraction = 0;
  int offset_minutes = 0;

  if (!read_fixed_digits (&p, end, 2, &hour) || p >= end || *p != ':'
      || (p++, !read_fixed_digits (&p, end, 2, &minute)))
    return FALSE;
  if (p < end && *p == ':')
    {
      p++;
      if (!read_fixed_digits (&p, end, 2, &second))
        return FALSE;
      if (p < end && (*p == '.' || *p == ','))
        {
          double scale = 0.1;
          p++;
          if (p >= end || !is_digit (*p))
            return FALSE;
          while (p < end && is_digit (*p))
            {
              fraction += (*p - '0') * scale;
              scale /= 10;
              p++;
            }
        }
    }
  if (p < end && *p == 'Z')
    p++;
  else if (p < end && (*p == '+' || *p == '-'))
    {
      int sign = *p == '-' ? -1 : 1;
      int offset_hours, offset_mins = 0;
      p++;
      if (!read_fixed_digits (&p, end, 2, &offset_hours))
        return FALSE;
      if (p < end && *p == ':')
        p++;
      if (p < end && !read_fixed_digits (&p, end, 2, &offset_mins))
        return FALSE;
      if (offset_hours > 14 || offset_mins > 59)
        return FALSE;
      offset_minutes = sign * (offset_hours * 60 + offset_mins);
    }
  if (p != end || hour > 24 || minute > 59 || second > 60 || (hour == 24 && (minute || second)))
    return FALSE;
  *out_seconds = hour * 3600.0 + minute * 60.0 + second + fraction - offset_minutes * 60.0;
  return TRUE;
}

/* The fields of a date cell that all formats share. */
typedef struct
{
  int year;
  int month;
  int day;
  double seconds_of_day;
} DateParts;

static AtlasDateFormat
match_date (const char *cell,
            gsize       len,
            AtlasDateFormat wanted,
            DateParts  *parts)
{
  const char *p = cell;
  const char *end = cell + len;
  int year, a, b;
  const char *after_year;

  if (len < 4 || len > 40)
    return ATLAS_DATE_FORMAT_NONE;

  if (read_fixed_digits (&p, end, 4, &year))
    {
      after_year = p;
      parts->year = year;
      parts->month = 1;
      parts->day = 1;
      parts->seconds_of_day = 0;

      if (p == end)
        return wanted & ATLAS_DATE_FORMAT_YEAR;

      /* 2024Q1, 2024 Q1, 2024-Q1 */
      if (*p == '-' || *p == ' ')
        p++;
      if (p < end && (*p == 'Q' || *p == 'q'))
        {
          p++;
          if (p + 1 == end && *p >= '1' && *p <= '4')
            {
              parts->month = (*p - '1') * 3 + 1;
              return wanted & ATLAS_DATE_FORMAT_YEAR_QUARTER;
            }
          return ATLAS_DATE_FORMAT_NONE;
        }

      p = after_year;
      if (*p == '-' || *p == '/')
        {
          char sep = *p++;
          if (!read_fixed_digits (&p, end, 2, &a) || a < 1 || a > 12)
            return ATLAS_DATE_FORMAT_NONE;
          parts->month = a;
          if (p == end)
            return wanted & ATLAS_DATE_FORMAT_YEAR_MONTH;
          if (*p != sep)
            return ATLAS_DATE_FORMAT_NONE;
          p++;
          if (!read_fixed_digits (&p, end, 2, &b) || !valid_day (year, a, b))
            return ATLAS_DATE_FORMAT_NONE;
          parts->day = b;
          if (p == end)
            return wanted & ATLAS_DATE_FORMAT_ISO_DATE;
          if ((*p == 'T' || *p == ' ') && sep == '-'
              && parse_time_of_day (p + 1, end, &parts->seconds_of_day))
            return wanted & ATLAS_DATE_FORMAT_ISO_DATETIME;
        }
      return ATLAS_DATE_FORMAT_NONE;
    }

  /* 31/03/2024, 03/31/2024, 31.03.2024, 31-03-2024 */
  p = cell;
  if (read_short_number (&p, end, &a) && p < end && (*p == '/' || *p == '.' || *p == '-'))
    {
      char sep = *p++;
      AtlasDateFormat found = ATLAS_DATE_FORMAT_NONE;

      if (!read_short_number (&p, end, &b) || p >= end || *p != sep)
        return ATLAS_DATE_FORMAT_NONE;
      p++;
      if (!read_fixed_digits (&p, end, 4, &year) || p != end)
        return ATLAS_DATE_FORMAT_NONE;
      parts->year = year;
      parts->seconds_of_day = 0;
      if ((wanted & ATLAS_DATE_FORMAT_DAY_MONTH_YEAR) && valid_day (year, b, a))
        {
          found |= ATLAS_DATE_FORMAT_DAY_MONTH_YEAR;
          parts->month = b;
          parts->day = a;
        }
      if ((wanted & ATLAS_DATE_FORMAT_MONTH_DAY_YEAR) && valid_day (year, a, b))
        {
          found |= ATLAS_DATE_FORMAT_MONTH_DAY_YEAR;
          if (!(found & ATLAS_DATE_FORMAT_DAY_MONTH_YEAR))
            {
              parts->month = a;
              parts->day = b;
            }
        }
      return found;
    }
  return ATLAS_DATE_FORMAT_NONE;
}

AtlasDateFormat
atlas_cell_date_formats (const char *cell,
                         gsize       len)
{
  DateParts parts;

  trim_cell (&cell, &len);
  return match_date (cell, len, ATLAS_DATE_FORMAT_ALL, &parts);
}

gboolean
atlas_cell_parse_date (const char      *cell,
                       gsize            len,
                       AtlasDateFormat  format,
                       double          *out_seconds)
{
  DateParts parts;

  trim_cell (&cell, &len);
  /* A date-time column may hold plain dates: midnight is meant. */
  if (format & ATLAS_DATE_FORMAT_ISO_DATETIME)
    format |= ATLAS_DATE_FORMAT_ISO_DATE;
  if (match_date (cell, len, format, &parts) == ATLAS_DATE_FORMAT_NONE)
    return FALSE;
  *out_seconds = atlas_days_from_civil (parts.year, parts.month, parts.day) * 86400.0
                 + parts.seconds_of_day;
  return TRUE;
}

/* A number as a file writes it: with a point, in as few significant
 * digits (15 to 17) as read back as the same double. */
char *
atlas_cell_format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  for (int digits = 15; digits <= 17; digits++)
    {
      g_autofree char *format = g_strdup_printf ("%%.%dg", digits);

      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  return g_strdup (buffer);
}
