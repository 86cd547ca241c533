/* atlas-cell-parse.h: turning one CSV cell into a number, a date or a missing value. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How numbers are written in one file. */
typedef struct
{
  char decimal_mark;  /* '.' or ',' */
  char thousands_sep; /* '\0' when digits are never grouped, else ',', '.', ' ' or '\'' */
} AtlasNumberFormat;

/* What a number cell carried besides its digits, so a column can keep its unit. */
typedef enum
{
  ATLAS_NUMBER_AFFIX_NONE = 0,
  ATLAS_NUMBER_AFFIX_PERCENT = 1 << 0,
  ATLAS_NUMBER_AFFIX_CURRENCY = 1 << 1,
} AtlasNumberAffix;

/* What a cell says about the decimal mark of its file. */
typedef enum
{
  ATLAS_MARK_EVIDENCE_NONE = 0,
  ATLAS_MARK_EVIDENCE_POINT = 1 << 0, /* only readable with '.' as decimal mark */
  ATLAS_MARK_EVIDENCE_COMMA = 1 << 1, /* only readable with ',' as decimal mark */
  ATLAS_MARK_EVIDENCE_GROUPED_COMMA = 1 << 2, /* "1,234": either reading */
  ATLAS_MARK_EVIDENCE_GROUPED_POINT = 1 << 3, /* "1.234": either reading */
  ATLAS_MARK_EVIDENCE_GROUPED_SPACE = 1 << 4, /* "1 234" */
  ATLAS_MARK_EVIDENCE_GROUPED_APOSTROPHE = 1 << 5, /* "1'234" */
} AtlasMarkEvidence;

/* The date notations the reader knows. A column uses exactly one. */
typedef enum
{
  ATLAS_DATE_FORMAT_NONE = 0,
  ATLAS_DATE_FORMAT_ISO_DATE = 1 << 0,       /* 2024-03-31, 2024/03/31 */
  ATLAS_DATE_FORMAT_ISO_DATETIME = 1 << 1,   /* 2024-03-31T12:00[:00[.000]][Z|+08:00] */
  ATLAS_DATE_FORMAT_YEAR = 1 << 2,           /* 2024 */
  ATLAS_DATE_FORMAT_YEAR_MONTH = 1 << 3,     /* 2024-03 */
  ATLAS_DATE_FORMAT_YEAR_QUARTER = 1 << 4,   /* 2024-Q1, 2024 Q1, 2024Q1 */
  ATLAS_DATE_FORMAT_DAY_MONTH_YEAR = 1 << 5, /* 31/03/2024, 31.03.2024 */
  ATLAS_DATE_FORMAT_MONTH_DAY_YEAR = 1 << 6, /* 03/31/2024 */
} AtlasDateFormat;

#define ATLAS_DATE_FORMAT_ALL ((AtlasDateFormat) 0x7f)

/* Powers of ten that a double holds exactly: dividing an exact mantissa
 * by one of them rounds once, exactly as strtod does. */
extern const double atlas_exact_powers_of_ten[23];

#define ATLAS_MAX_EXACT_MANTISSA (G_GUINT64_CONSTANT (1) << 53)

/* The common case, [-]digits[mark digits] with 1 to 19 digits, read in
 * one pass without trimming or copying: TRUE with the very double
 * g_ascii_strtod gives, FALSE for anything else, which
 * atlas_cell_parse_number() reads the general way. Inline, as it runs for
 * nearly every cell of a file of numbers: one loop with one unsigned test
 * per byte. */
static inline gboolean
atlas_cell_parse_plain_number (const char *cell,
                               gsize       len,
                               char        decimal_mark,
                               double     *out_value)
{
  const char *end = cell + len;
  gboolean negative = len > 0 && *cell == '-';
  const char *digits = cell + negative;
  const char *mark = NULL;
  guint64 mantissa = 0;
  gssize n_digits;
  double value;

  /* Longer cannot hold at most 19 digits and one mark. */
  if (digits >= end || end - digits > 20)
    return FALSE;
  for (const char *q = digits; q < end; q++)
    {
      unsigned digit = (unsigned char) *q - '0';

      if (G_LIKELY (digit < 10))
        mantissa = mantissa * 10 + digit;
      else if (*q == decimal_mark && !mark)
        mark = q;
      else
        return FALSE;
    }
  n_digits = (end - digits) - (mark != NULL);
  if (n_digits == 0 || n_digits > 19 || mantissa > ATLAS_MAX_EXACT_MANTISSA)
    return FALSE;
  value = (double) mantissa;
  if (mark && end - mark > 1)
    value /= atlas_exact_powers_of_ten[end - mark - 1];
  *out_value = negative ? -value : value;
  return TRUE;
}

gboolean atlas_cell_is_missing (const char *cell,
                                gsize       len);

gboolean atlas_cell_parse_number (const char              *cell,
                                  gsize                    len,
                                  const AtlasNumberFormat *format,
                                  double                  *out_value,
                                  AtlasNumberAffix        *out_affix);

gboolean atlas_cell_parse_typed_number (const char *text,
                                        double     *out_value);

const char *atlas_cell_find_currency_sign (const char *cell,
                                          gsize       len);

AtlasMarkEvidence atlas_cell_mark_evidence (const char *cell,
                                            gsize       len);

AtlasDateFormat atlas_cell_date_formats (const char *cell,
                                         gsize       len);

gboolean atlas_cell_parse_date (const char      *cell,
                                gsize            len,
                                AtlasDateFormat  format,
                                double          *out_seconds);

char *atlas_cell_format_number (double value);

double atlas_days_from_civil (gint64 year,
                              guint  month,
                              guint  day);

G_END_DECLS
