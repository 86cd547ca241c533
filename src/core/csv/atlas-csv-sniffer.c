/* atlas-csv-sniffer.c: line ending, delimiter, quote, title lines, header, number format and column types from a sample. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-csv-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The head sample: enough rows to judge types, small enough to be instant. */
#define HEAD_SAMPLE_BYTES (256 * 1024)
#define HEAD_SAMPLE_ROWS 1000
/* A sample reads on past HEAD_SAMPLE_BYTES until it holds this many rows,
 * or has read MAX_SAMPLE_BYTES (a line longer than that is no row). */
#define MIN_SAMPLE_ROWS 4
#define MAX_SAMPLE_BYTES (64 * 1024 * 1024)
#define DELIMITER_SAMPLE_ROWS 100
/* Big files are also sampled at points across the file, as fread does,
 * so a column that turns to text after the first thousand rows is seen. */
#define JUMP_POINTS 9
#define JUMP_SAMPLE_ROWS 100
#define JUMP_SAMPLE_BYTES (32 * 1024)

/* A cell counts as the majority type when at least this share of the
 * column's non-missing cells parse as it. */
#define MAJORITY_SHARE (2.0 / 3.0)

typedef struct
{
  GPtrArray *cells; /* char*, owned */
  guint64 line;     /* 1-based line the row begins on */
  guint64 last_line;/* 1-based line it ends on */
  gsize start;      /* byte offsets in the data */
  gsize end;
} SampleRow;

static void
sample_row_free (gpointer data)
{
  SampleRow *row = data;

  g_ptr_array_unref (row->cells);
  g_free (row);
}

typedef struct
{
  AtlasLineFeeder feeder; /* first, for the libcsv callbacks */
  GPtrArray *rows;
  SampleRow *current;
  gsize row_start;
  gsize line_end;
  guint64 first_line;
} SampleParse;

static void
on_sample_field (void  *cell,
                 size_t len,
                 void  *data)
{
  SampleParse *parse = data;

  if (!parse->current)
    {
      parse->current = g_new0 (SampleRow, 1);
      parse->current->cells = g_ptr_array_new_with_free_func (g_free);
      parse->current->line = parse->first_line + parse->feeder.row_line;
      parse->current->start = parse->row_start;
    }
  g_ptr_array_add (parse->current->cells, g_strndup (cell, len));
  parse->feeder.field_index++;
}

static gboolean
row_is_blank (const SampleRow *row)
{
  for (guint i = 0; i < row->cells->len; i++)
    if (*(const char *) g_ptr_array_index (row->cells, i))
      return FALSE;
  return TRUE;
}

static void
on_sample_row (int   terminator,
               void *data)
{
  SampleParse *parse = data;

  (void) terminator;
  parse->feeder.field_index = 0;
  if (!parse->current)
    return;
  /* A row of delimiters only (",,,," from a spreadsheet) is a blank line,
   * as libcsv keeps an empty line out. */
  if (row_is_blank (parse->current))
    {
      g_clear_pointer (&parse->current, sample_row_free);
      return;
    }
  parse->current->end = parse->line_end;
  parse->current->last_line = parse->first_line + parse->feeder.line;
  g_ptr_array_add (parse->rows, g_steal_pointer (&parse->current));
}

/* Parses up to max_rows rows from data[offset..limit) and returns them. The
 * last row is dropped when the sample ends inside it. */
static GPtrArray *
parse_sample (const char *data,
              gsize       offset,
              gsize       len,
              char        delimiter,
              char        quote,
              char        comment,
              char        terminator,
              guint64     first_line,
              guint       max_rows)
{
  SampleParse parse = { 0 };
  const char *p = data + offset;
  const char *data_end = data + len;
  const char *end = data + MIN (len, offset + HEAD_SAMPLE_BYTES);

  parse.rows = g_ptr_array_new_with_free_func (sample_row_free);
  parse.first_line = first_line;
  if (!atlas_line_feeder_init (&parse.feeder, delimiter, quote, terminator))
    return parse.rows;
  parse.feeder.comment = comment;

  for (;;)
    {
      while (p && p < end && parse.rows->len < max_rows)
        {
          const char *next = memchr (p, terminator, end - p);

          if (!parse.feeder.row_open)
            parse.row_start = p - data;
          parse.line_end = (next ? next + 1 : end) - data;
          p = atlas_line_feeder_feed (&parse.feeder, p, end, on_sample_field, on_sample_row, &parse);
        }
      /* Rows longer than the sample (a hundred thousand columns): read on
       * until a few whole rows are in, never judging from a cut one. */
      if (!p || p != end || end == data_end || parse.rows->len >= MIN (max_rows, MIN_SAMPLE_ROWS)
          || (gsize) (end - (data + offset)) >= MAX_SAMPLE_BYTES)
        break;
      end = data + MIN (len, (gsize) (end - data) + 4 * (gsize) (end - (data + offset)));
    }
  /* A last line without terminator counts only where the data ends. */
  if (p == data_end && parse.rows->len < max_rows)
    atlas_line_feeder_finish (&parse.feeder, on_sample_field, on_sample_row, &parse);
  if (parse.current)
    sample_row_free (parse.current);
  atlas_line_feeder_clear (&parse.feeder);
  return parse.rows;
}

static guint
row_width (GPtrArray *rows,
           guint      i)
{
  return ((SampleRow *) g_ptr_array_index (rows, i))->cells->len;
}

static const char *
row_cell (GPtrArray *rows,
          guint      i,
          guint      col)
{
  SampleRow *row = g_ptr_array_index (rows, i);

  return col < row->cells->len ? g_ptr_array_index (row->cells, col) : "";
}

static guint
modal_width (GPtrArray *rows)
{
  g_autoptr (GHashTable) counts = g_hash_table_new (NULL, NULL);
  guint best = 1, best_count = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      guint width = row_width (rows, i);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (width))) + 1;

      g_hash_table_insert (counts, GUINT_TO_POINTER (width), GUINT_TO_POINTER (count));
      /* Prefer wider on ties: a one-field title must not win over the table. */
      if (count > best_count || (count == best_count && width > best))
        {
          best = width;
          best_count = count;
        }
    }
  return best;
}

static char
detect_terminator (const char      *data,
                   gsize            len,
                   AtlasLineEnding *out_ending)
{
  const char *p = data;
  const char *end = data + MIN (len, HEAD_SAMPLE_BYTES);

  for (; p < end; p++)
    {
      if (*p == '\n')
        {
          *out_ending = ATLAS_LINE_ENDING_LF;
          return '\n';
        }
      if (*p == '\r')
        {
          if (p + 1 < data + len && p[1] == '\n')
            {
              *out_ending = ATLAS_LINE_ENDING_CRLF;
              return '\n';
            }
          *out_ending = ATLAS_LINE_ENDING_CR;
          return '\r';
        }
    }
  *out_ending = ATLAS_LINE_ENDING_LF;
  return '\n';
}

static gboolean
is_field_boundary (char c)
{
  return c == ',' || c == ';' || c == '\t' || c == '|' || c == '\n' || c == '\r';
}

/* '"' unless the file only ever opens fields with single quotes. */
static char
detect_quote (const char *data,
              gsize       len)
{
  gsize limit = MIN (len, HEAD_SAMPLE_BYTES);
  guint doubles = 0, singles = 0;

  for (gsize i = 0; i < limit; i++)
    {
      if ((data[i] == '"' || data[i] == '\'') && (i == 0 || is_field_boundary (data[i - 1])))
        {
          if (data[i] == '"')
            doubles++;
          else
            singles++;
        }
    }
  return (singles >= 2 && doubles == 0) ? '\'' : '"';
}

static gboolean
cell_looks_typed (const char *cell)
{
  static const AtlasNumberFormat point = { '.', ',' };
  static const AtlasNumberFormat comma = { ',', '.' };
  gsize len = strlen (cell);
  double value;

  return atlas_cell_is_missing (cell, len) || atlas_cell_parse_number (cell, len, &point, &value, NULL)
         || atlas_cell_parse_number (cell, len, &comma, &value, NULL)
         || atlas_cell_date_formats (cell, len) != ATLAS_DATE_FORMAT_NONE;
}

/* How well a delimiter splits the sample: rows agreeing on a width of two
 * or more fields first, then cells that read as numbers, dates or blanks. */
static double
score_delimiter (const char *data,
                 gsize       offset,
                 gsize       len,
                 char        delimiter,
                 char        quote,
                 char        terminator)
{
  g_autoptr (GPtrArray) rows = parse_sample (data, offset, len, delimiter, quote, '\0', terminator, 1,
                                             DELIMITER_SAMPLE_ROWS);
  guint modal, agreeing = 0, cells = 0, typed = 0;

  if (rows->len == 0)
    return 0;
  modal = modal_width (rows);
  if (modal < 2)
    return 0;
  for (guint i = 0; i < rows->len; i++)
    {
      if (row_width (rows, i) != modal)
        continue;
      agreeing++;
      for (guint col = 0; col < modal; col++)
        {
          cells++;
          typed += cell_looks_typed (row_cell (rows, i, col));
        }
    }
  return 10.0 * agreeing / rows->len + (cells ? (double) typed / cells : 0);
}

/* Whether lines starting with '#' are comments: some lines do, but not
 * most (a ranking's rows "#1", "#2" are data), and no row of the table's
 * width names a column "#" (a header "#,company"). */
static gboolean
lines_start_with_comments (GPtrArray *rows)
{
  guint hashes = 0, modal;

  if (rows->len == 0)
    return FALSE;
  modal = modal_width (rows);
  for (guint i = 0; i < rows->len; i++)
    {
      const char *first = row_cell (rows, i, 0);

      if (row_width (rows, i) == modal && g_str_equal (first, "#"))
        return FALSE;
      hashes += first[0] == '#';
    }
  return hashes > 0 && hashes * 2 < rows->len;
}

/* Title lines, notes and blank lines above the table: rows narrower than
 * the table, unless the row is a header one short of the data below it. */
static guint
first_table_row (GPtrArray *rows,
                 guint      modal)
{
  for (guint i = 0; i < rows->len; i++)
    {
      guint width = row_width (rows, i);

      if (width == modal)
        return i;
      if (width >= 2 && width + 1 >= modal && i + 1 < rows->len && row_width (rows, i + 1) == modal)
        return i;
    }
  return 0;
}

/* The decimal mark, unless forced_decimal_mark names it, and the digit
 * group separator that goes with it, from every column's cells or, when
 * only_col is not G_MAXUINT, from that column's. Returns whether some
 * cell could be read with only one of the marks: the mark is not a guess. */
static gboolean
detect_number_format (GPtrArray         *rows,
                      guint              from,
                      guint              only_col,
                      char               delimiter,
                      char               forced_decimal_mark,
                      AtlasNumberFormat *format)
{
  guint point = 0, comma = 0, grouped_comma = 0, grouped_point = 0, grouped_space = 0,
        grouped_apostrophe = 0;

  for (guint i = from; i < rows->len; i++)
    for (guint col = only_col != G_MAXUINT ? only_col : 0;
         col < (only_col != G_MAXUINT ? MIN (row_width (rows, i), only_col + 1) : row_width (rows, i)); col++)
      {
        const char *cell = row_cell (rows, i, col);
        AtlasMarkEvidence evidence = atlas_cell_mark_evidence (cell, strlen (cell));

        point += (evidence & ATLAS_MARK_EVIDENCE_POINT) != 0;
        comma += (evidence & ATLAS_MARK_EVIDENCE_COMMA) != 0;
        /* "1,234.5" and "1,234,567" group with commas too, their decimal
         * mark being the point. */
        grouped_comma += (evidence & ATLAS_MARK_EVIDENCE_GROUPED_COMMA) != 0
                         || ((evidence & ATLAS_MARK_EVIDENCE_POINT) && strchr (cell, ','));
        grouped_point += (evidence & ATLAS_MARK_EVIDENCE_GROUPED_POINT) != 0;
        grouped_space += (evidence & ATLAS_MARK_EVIDENCE_GROUPED_SPACE) != 0;
        grouped_apostrophe += (evidence & ATLAS_MARK_EVIDENCE_GROUPED_APOSTROPHE) != 0;
      }

  if (forced_decimal_mark)
    format->decimal_mark = forced_decimal_mark;
  else if (comma > point)
    format->decimal_mark = ',';
  else if (point > comma)
    format->decimal_mark = '.';
  else
    /* Nothing decides it: a semicolon file is usually one written where the
     * comma is the decimal mark. */
    format->decimal_mark = (delimiter == ';' && grouped_comma > 0 && grouped_point == 0) ? ',' : '.';

  if (format->decimal_mark == '.')
    {
      if (grouped_comma > 0 || grouped_space == 0)
        format->thousands_sep = (grouped_apostrophe > 0 && grouped_comma == 0) ? '\'' : ',';
      else
        format->thousands_sep = ' ';
      /* In a comma-separated file only a quoted cell can group digits with
       * commas: without one in the sample, nothing groups them. */
      if (format->thousands_sep == ',' && delimiter == ',' && grouped_comma == 0)
        format->thousands_sep = '\0';
    }
  else
    format->thousands_sep = (grouped_space > grouped_point) ? ' ' : '.';
  return point != comma;
}

/* A column's own number format: the file's, unless every cell of it that
 * tells the marks apart reads only with the other mark ("1,25" in a file
 * of "0.5"), as when a table is pasted together from two sources. */
static void
detect_column_number_format (GPtrArray               *rows,
                             guint                    from,
                             guint                    col,
                             char                     delimiter,
                             const AtlasNumberFormat *file_format,
                             AtlasNumberFormat       *format)
{
  AtlasNumberFormat own;

  *format = *file_format;
  if (detect_number_format (rows, from, col, delimiter, '\0', &own) && own.decimal_mark != file_format->decimal_mark)
    {
      /* Only cells of the other mark: none reads with the file's. */
      for (guint i = from; i < rows->len; i++)
        {
          const char *cell = row_cell (rows, i, col);

          if (atlas_cell_mark_evidence (cell, strlen (cell))
              & (file_format->decimal_mark == '.' ? ATLAS_MARK_EVIDENCE_POINT : ATLAS_MARK_EVIDENCE_COMMA))
            return;
        }
      *format = own;
    }
}

static gboolean
name_suggests_year (const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name ? name : "", -1);

  return strstr (folded, "year") || strstr (folded, "\xe5\xb9\xb4") || g_str_equal (folded, "yr")
         || strstr (folded, "jahr") || strstr (folded, "ann\xc3\xa9" "e") || g_str_equal (folded, "fy")
         || strstr (folded, "a\xc3\xb1o");
}

/* Four digits and nothing else: could be a year. */
static gboolean
cell_is_year_like (const char *cell,
                   int        *out_year)
{
  gsize len = strlen (cell);

  while (len > 0 && (cell[len - 1] == ' ' || cell[len - 1] == '\t'))
    len--;
  while (*cell == ' ' || *cell == '\t')
    cell++, len--;
  if (len != 4 || !g_ascii_isdigit (cell[0]) || !g_ascii_isdigit (cell[1])
      || !g_ascii_isdigit (cell[2]) || !g_ascii_isdigit (cell[3]))
    return FALSE;
  *out_year = atoi (cell);
  return *out_year >= 1000 && *out_year <= 2999;
}

/* YEAR comes last and only counts where a person asks for dates: plain
 * four-digit numbers are years only by the rules in guess_column(). */
static const AtlasDateFormat date_formats_by_preference[] = {
  ATLAS_DATE_FORMAT_ISO_DATE,       ATLAS_DATE_FORMAT_ISO_DATETIME,   ATLAS_DATE_FORMAT_YEAR_MONTH,
  ATLAS_DATE_FORMAT_YEAR_QUARTER,   ATLAS_DATE_FORMAT_DAY_MONTH_YEAR, ATLAS_DATE_FORMAT_MONTH_DAY_YEAR,
  ATLAS_DATE_FORMAT_YEAR,
};
#define YEAR_FORMAT_INDEX (G_N_ELEMENTS (date_formats_by_preference) - 1)

/* The date notations a date order allows. */
static AtlasDateFormat
date_formats_for_order (AtlasDateOrder order)
{
  switch (order)
    {
    case ATLAS_DATE_ORDER_DAY_FIRST:
      return ATLAS_DATE_FORMAT_ALL & ~ATLAS_DATE_FORMAT_MONTH_DAY_YEAR;
    case ATLAS_DATE_ORDER_MONTH_FIRST:
      return ATLAS_DATE_FORMAT_ALL & ~ATLAS_DATE_FORMAT_DAY_MONTH_YEAR;
    case ATLAS_DATE_ORDER_DETECT:
    default:
      return ATLAS_DATE_FORMAT_ALL;
    }
}

static AtlasDateUnit
date_unit_for_format (AtlasDateFormat format)
{
  switch (format)
    {
    case ATLAS_DATE_FORMAT_YEAR:
      return ATLAS_DATE_UNIT_YEAR;
    case ATLAS_DATE_FORMAT_YEAR_QUARTER:
      return ATLAS_DATE_UNIT_QUARTER;
    case ATLAS_DATE_FORMAT_YEAR_MONTH:
      return ATLAS_DATE_UNIT_MONTH;
    case ATLAS_DATE_FORMAT_ISO_DATETIME:
      return ATLAS_DATE_UNIT_SECOND;
    default:
      return ATLAS_DATE_UNIT_DAY;
    }
}

/* A unit written in the header: "Imports (USD bn)", "Share [%]". */
static char *
unit_from_name (const char *name)
{
  gsize len = strlen (name);
  const char *open;
  char close;

  if (len < 3 || (name[len - 1] != ')' && name[len - 1] != ']'))
    return NULL;
  close = name[len - 1];
  open = strrchr (name, close == ')' ? '(' : '[');
  if (!open || open == name || name + len - 1 - open < 2)
    return NULL;
  return g_strstrip (g_strndup (open + 1, name + len - 2 - open));
}

typedef struct
{
  AtlasColumnPlan plan;
  AtlasDateUnit date_unit;
  char *unit;
  gboolean date_order_guessed; /* d/m/y chosen over m/d/y (or back) with no cell to tell them apart */
} ColumnGuess;

/* How the sample's cells are read: the file's number format and the date
 * notations its date order allows. */
typedef struct
{
  const AtlasNumberFormat *number_formats; /* one per column: most follow the file's */
  guint n_number_formats;
  AtlasDateFormat date_formats;
} CellReading;

static const AtlasNumberFormat *
reading_number_format (const CellReading *reading,
                       guint              col)
{
  return &reading->number_formats[MIN (col, reading->n_number_formats - 1)];
}

/* What a column's sample cells can be read as. */
typedef struct
{
  guint non_missing;
  guint numbers;
  guint percents;
  guint currencies;
  const char *currency;
  guint year_like;
  guint zero_padded;      /* numbers written with leading zeros: "01", "002", codes rather than amounts */
  gboolean years_ascending;
  gboolean years_descending;
  gboolean years_in_small_steps;
  guint date_counts[G_N_ELEMENTS (date_formats_by_preference)];
} ColumnEvidence;

/* "01", "002", "-007": digits after a leading zero, as codes, postal
 * codes and identifiers are written; "0", "0.5" and "0,25" are not. */
static gboolean
cell_is_zero_padded (const char *cell)
{
  while (*cell == ' ')
    cell++;
  if (*cell == '-' || *cell == '+')
    cell++;
  return cell[0] == '0' && g_ascii_isdigit (cell[1]);
}

static void
gather_column_evidence (GPtrArray         *rows,
                        guint              from,
                        guint              col,
                        const CellReading *reading,
                        ColumnEvidence    *evidence)
{
  int previous_year = -1;

  memset (evidence, 0, sizeof *evidence);
  evidence->years_ascending = evidence->years_descending = evidence->years_in_small_steps = TRUE;
  for (guint i = from; i < rows->len; i++)
    {
      const char *cell = row_cell (rows, i, col);
      gsize len = strlen (cell);
      AtlasNumberAffix affix;
      AtlasDateFormat formats;
      double value;
      int year;

      if (atlas_cell_is_missing (cell, len))
        continue;
      evidence->non_missing++;
      if (atlas_cell_parse_number (cell, len, reading_number_format (reading, col), &value, &affix))
        {
          evidence->numbers++;
          evidence->zero_padded += cell_is_zero_padded (cell);
          if (affix & ATLAS_NUMBER_AFFIX_PERCENT)
            evidence->percents++;
          if (affix & ATLAS_NUMBER_AFFIX_CURRENCY)
            {
              evidence->currencies++;
              if (!evidence->currency)
                evidence->currency = atlas_cell_find_currency_sign (cell, len);
            }
          if (cell_is_year_like (cell, &year))
            {
              evidence->year_like++;
              if (previous_year >= 0)
                {
                  evidence->years_ascending &= year >= previous_year;
                  evidence->years_descending &= year <= previous_year;
                  evidence->years_in_small_steps &= ABS (year - previous_year) <= 50;
                }
              evidence->years_in_small_steps &= year >= 1700 && year <= 2200;
              previous_year = year;
            }
        }
      formats = atlas_cell_date_formats (cell, len) & reading->date_formats;
      if (formats & ATLAS_DATE_FORMAT_ISO_DATE)
        formats |= ATLAS_DATE_FORMAT_ISO_DATETIME;
      for (guint f = 0; f < G_N_ELEMENTS (date_formats_by_preference); f++)
        evidence->date_counts[f] += (formats & date_formats_by_preference[f]) != 0;
    }
}

/* The allowed date format that reads the most cells, the earlier in
 * date_formats_by_preference on ties; the index of ISO dates when none is allowed. */
static guint
best_date_format (const ColumnEvidence *evidence,
                  AtlasDateFormat       allowed)
{
  guint best = 0;
  gboolean found = FALSE;

  for (guint f = 0; f < G_N_ELEMENTS (date_formats_by_preference); f++)
    if ((date_formats_by_preference[f] & allowed)
        && (!found || evidence->date_counts[f] > evidence->date_counts[best]))
      {
        best = f;
        found = TRUE;
      }
  return best;
}

static void
guess_date_column (guint        format_index,
                   ColumnGuess *guess)
{
  guess->plan.type = ATLAS_COLUMN_DATE;
  guess->plan.date_format = date_formats_by_preference[format_index];
  guess->date_unit = date_unit_for_format (guess->plan.date_format);
}

/* A number column's unit: "%" or a currency most cells carry, else one
 * the header names. */
static void
guess_number_column (const ColumnEvidence *evidence,
                     const char           *name,
                     ColumnGuess          *guess)
{
  guess->plan.type = ATLAS_COLUMN_NUMBER;
  if (evidence->percents * 2 > evidence->numbers)
    guess->unit = g_strdup ("%");
  else if (evidence->currencies * 2 > evidence->numbers && evidence->currency)
    guess->unit = g_strdup (evidence->currency);
  else if (name)
    guess->unit = unit_from_name (name);
}

/* Whether d/m/y (or m/d/y), format best, read every cell the other order
 * reads: no day above 12 tells them apart, and the order is the one
 * preferred, not one the data showed. */
static gboolean
date_order_is_a_guess (const ColumnEvidence *evidence,
                       guint                 best,
                       AtlasDateFormat       allowed)
{
  AtlasDateFormat chosen = date_formats_by_preference[best], other;

  if (chosen == ATLAS_DATE_FORMAT_DAY_MONTH_YEAR)
    other = ATLAS_DATE_FORMAT_MONTH_DAY_YEAR;
  else if (chosen == ATLAS_DATE_FORMAT_MONTH_DAY_YEAR)
    other = ATLAS_DATE_FORMAT_DAY_MONTH_YEAR;
  else
    return FALSE;
  if (!(allowed & other))
    return FALSE;
  for (guint f = 0; f < G_N_ELEMENTS (date_formats_by_preference); f++)
    if (date_formats_by_preference[f] == other)
      return evidence->date_counts[f] == evidence->date_counts[best];
  return FALSE;
}

/* The column's type from its sample, or the one the person chose with
 * the unit or date format that fits the cells best. */
static void
guess_column (GPtrArray         *rows,
              guint              from,
              guint              col,
              const char        *name,
              const CellReading *reading,
              AtlasColumnChoice  choice,
              ColumnGuess       *guess)
{
  ColumnEvidence evidence;
  guint best;

  memset (guess, 0, sizeof *guess);
  guess->plan.type = ATLAS_COLUMN_TEXT;
  gather_column_evidence (rows, from, col, reading, &evidence);

  switch (choice)
    {
    case ATLAS_COLUMN_CHOICE_TEXT:
      return;
    case ATLAS_COLUMN_CHOICE_NUMBER:
      guess_number_column (&evidence, name, guess);
      return;
    case ATLAS_COLUMN_CHOICE_DATE:
      guess_date_column (best_date_format (&evidence, reading->date_formats), guess);
      return;
    case ATLAS_COLUMN_CHOICE_DETECT:
    case ATLAS_COLUMN_CHOICE_IGNORE:
    default:
      break;
    }

  /* Codes written with leading zeros ("01", "00003") keep them: text,
   * unless the person asks for numbers. */
  if (evidence.non_missing == 0)
    return;
  best = best_date_format (&evidence, reading->date_formats & ~ATLAS_DATE_FORMAT_YEAR);
  if (evidence.date_counts[best] >= MAJORITY_SHARE * evidence.non_missing)
    {
      guess_date_column (best, guess);
      guess->date_order_guessed = date_order_is_a_guess (&evidence, best, reading->date_formats);
    }
  else if (evidence.numbers >= MAJORITY_SHARE * evidence.non_missing && evidence.zero_padded == 0)
    {
      /* Four-digit integers are years when the header says so or when they
       * run in order and in small steps through recent centuries, as a
       * time axis does; counts like 1565, 1739, 2018 stay numbers. */
      if (evidence.year_like == evidence.numbers
          && (name_suggests_year (name)
              || (evidence.year_like >= 3 && evidence.years_in_small_steps
                  && (evidence.years_ascending || evidence.years_descending))))
        guess_date_column (YEAR_FORMAT_INDEX, guess);
      else
        guess_number_column (&evidence, name, guess);
    }
}

/* A row of years across the columns over numbers that are no years,
 * after a name ("province,2021,2022,2023" over "Shanghai,120,135,150"):
 * a wide table's header, though each of its cells reads as a number. */
static gboolean
row_names_years_across (GPtrArray *rows,
                        guint      first,
                        guint      n_columns)
{
  int previous = -1, year;
  guint n_years = 0;
  gboolean below_not_years = FALSE;

  if (n_columns < 3 || cell_looks_typed (row_cell (rows, first, 0)))
    return FALSE;
  for (guint col = 1; col < n_columns; col++)
    {
      if (!cell_is_year_like (row_cell (rows, first, col), &year) || (previous >= 0 && year <= previous)
          || year < 1700 || year > 2200)
        return FALSE;
      previous = year;
      n_years++;
      for (guint i = first + 1; i < rows->len && !below_not_years; i++)
        {
          int below;
          const char *cell = row_cell (rows, i, col);
          below_not_years = *cell && cell_looks_typed (cell) && !cell_is_year_like (cell, &below);
        }
    }
  return n_years >= 2 && below_not_years;
}

/* Does the first table row name the columns? Each column votes: a typed
 * column whose first cell does not fit its type says yes; a first cell
 * that parses like the rest, or repeats a value below, says no. A row of
 * years across is a header whatever the votes. */
static gboolean
detect_header (GPtrArray         *rows,
               guint              first,
               guint              n_columns,
               const CellReading *reading)
{
  int votes = 0;

  if (first + 1 < rows->len && row_names_years_across (rows, first, n_columns))
    return TRUE;
  if (first + 1 >= rows->len)
    {
      /* A single row: a header when none of its cells is a value. */
      for (guint col = 0; col < row_width (rows, first); col++)
        if (cell_looks_typed (row_cell (rows, first, col)))
          return FALSE;
      return TRUE;
    }

  for (guint col = 0; col < n_columns; col++)
    {
      const char *cell = row_cell (rows, first, col);
      gsize len = strlen (cell);
      ColumnGuess guess;

      guess_column (rows, first + 1, col, NULL, reading, ATLAS_COLUMN_CHOICE_DETECT, &guess);
      g_free (guess.unit);
      if (atlas_cell_is_missing (cell, len))
        continue;

      if (guess.plan.type == ATLAS_COLUMN_TEXT)
        {
          gboolean repeated = FALSE;
          for (guint i = first + 1; i < rows->len && !repeated; i++)
            repeated = g_str_equal (row_cell (rows, i, col), cell);
          votes += repeated ? -2 : 1;
        }
      else
        {
          double value;
          gboolean fits = guess.plan.type == ATLAS_COLUMN_NUMBER
                            ? atlas_cell_parse_number (cell, len, reading_number_format (reading, col), &value, NULL)
                            : atlas_cell_parse_date (cell, len, guess.plan.date_format, &value);
          int year;
          /* "2015" above a column of years is data, not a name. */
          if (guess.plan.date_format == ATLAS_DATE_FORMAT_YEAR)
            fits = cell_is_year_like (cell, &year);
          votes += fits ? -3 : 3;
        }
    }
  return votes > 0;
}

/* A header cell as a column name: valid UTF-8, control characters as
 * spaces, no surrounding blanks, and at most 200 characters (longer is a
 * sentence, not a name). */
static char *
clean_header_name (const char *cell)
{
  g_autofree char *valid = g_utf8_make_valid (cell, -1);
  GString *name = g_string_new (NULL);
  guint chars = 0;

  for (const char *p = valid; *p && chars < 200; p = g_utf8_next_char (p), chars++)
    {
      gunichar c = g_utf8_get_char (p);
      g_string_append_unichar (name, g_unichar_iscntrl (c) ? ' ' : c);
    }
  if (chars == 200 && *g_utf8_offset_to_pointer (valid, 200))
    g_string_append (name, "\xe2\x80\xa6");
  return g_strstrip (g_string_free (name, FALSE));
}

/* Unique, readable names; out_header_texts gets the header's own words
 * (NULL where it had none), for units and hints that a "(2)" added to
 * tell duplicates apart must not feed. */
static char **
make_column_names (GPtrArray *rows,
                   guint      header_row,
                   gboolean   header,
                   guint      n_columns,
                   char    ***out_header_texts)
{
  char **names = g_new0 (char *, n_columns + 1);
  char **header_texts = g_new0 (char *, n_columns + 1);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint col = 0; col < n_columns; col++)
    {
      g_autofree char *base = NULL;
      char *name;

      if (header && col < row_width (rows, header_row))
        {
          base = clean_header_name (row_cell (rows, header_row, col));
        }
      if (!base || !*base)
        {
          g_free (base);
          /* Translators: the name of a column with no header; %u counts from 1. */
          base = g_strdup_printf (_("Column %u"), col + 1);
        }
      else
        header_texts[col] = g_strdup (base);
      name = g_strdup (base);
      for (guint n = 2; g_hash_table_contains (seen, name); n++)
        {
          g_free (name);
          name = g_strdup_printf ("%s (%u)", base, n);
        }
      names[col] = name;
      g_hash_table_add (seen, name);
    }
  *out_header_texts = header_texts;
  return names;
}

/* Rows from points spread through a big file; each sample starts on the
 * line after its jump point. */
static void
add_jump_samples (const char   *data,
                  gsize         len,
                  gsize         table_start,
                  const AtlasCsvPlan *plan,
                  GPtrArray    *rows)
{
  gsize span = len - table_start;
  gsize head_end = rows->len > 0 ? ((SampleRow *) g_ptr_array_index (rows, rows->len - 1))->end : len;

  /* The head sample stopped short of the end, but what is left is less
   * than the jumps would read: all of it, as far as they would. A column
   * whose first thousand cells are missing is typed by the cells below. */
  if (head_end < len && span < 4 * HEAD_SAMPLE_BYTES)
    {
      g_autoptr (GPtrArray) rest = parse_sample (data, head_end, MIN (len, head_end + JUMP_POINTS * JUMP_SAMPLE_BYTES),
                                                 plan->dialect.delimiter, plan->dialect.quote, plan->dialect.comment,
                                                 plan->terminator, 0,
                                                 JUMP_POINTS * JUMP_SAMPLE_ROWS);
      for (guint i = 0; i < rest->len; i++)
        g_ptr_array_add (rows, g_ptr_array_steal_index (rest, i--));
      return;
    }
  if (span < 4 * HEAD_SAMPLE_BYTES)
    return;
  for (guint j = 1; j <= JUMP_POINTS; j++)
    {
      gsize at = table_start + span / (JUMP_POINTS + 1) * j;
      /* The next line starts near the jump point, or this is no place to
       * sample (inside a line longer than a sample). */
      const char *line = memchr (data + at, plan->terminator, MIN (len - at, JUMP_SAMPLE_BYTES));
      g_autoptr (GPtrArray) sample = NULL;

      if (!line)
        continue;
      at = line + 1 - data;
      sample = parse_sample (data, at, MIN (len, at + JUMP_SAMPLE_BYTES), plan->dialect.delimiter,
                             plan->dialect.quote, plan->dialect.comment, plan->terminator, 0, JUMP_SAMPLE_ROWS);
      for (guint i = 0; i < sample->len; i++)
        g_ptr_array_add (rows, g_ptr_array_steal_index (sample, i--));
    }
}

/* Excel's "sep=;" first line names the delimiter. */
static gboolean
starts_with_excel_sep_line (const char *data,
                            gsize       len)
{
  return len >= 5 && g_ascii_strncasecmp (data, "sep=", 4) == 0
         && (len == 5 || data[5] == '\n' || data[5] == '\r');
}

static char
detect_delimiter (const char *data,
                  gsize       len,
                  char        quote,
                  char        terminator)
{
  static const char delimiters[] = { ',', ';', '\t', '|' };
  double best_score = -1;
  char best = ',';

  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    {
      double score = score_delimiter (data, 0, len, delimiters[i], quote, terminator);
      if (score > best_score)
        {
          best_score = score;
          best = delimiters[i];
        }
    }
  return best;
}

/* Where the physical line after the first n lines begins. */
static gsize
offset_after_lines (const char *data,
                    gsize       len,
                    char        terminator,
                    guint       n)
{
  gsize offset = 0;

  for (guint i = 0; i < n && offset < len; i++)
    {
      const char *line_end = memchr (data + offset, terminator, len - offset);
      offset = line_end ? (gsize) (line_end + 1 - data) : len;
    }
  return offset;
}

/* The first sample row that begins below the first n lines; rows->len
 * when the sample holds none. */
static guint
first_row_below_line (GPtrArray *rows,
                      guint      n)
{
  for (guint i = 0; i < rows->len; i++)
    if (((SampleRow *) g_ptr_array_index (rows, i))->line > n)
      return i;
  return rows->len;
}

static AtlasColumnChoice
column_choice (const AtlasCsvOptions *options,
               guint                  col)
{
  return options->column_choices && col < options->n_column_choices ? options->column_choices[col]
                                                                     : ATLAS_COLUMN_CHOICE_DETECT;
}

static gboolean
choose_header (const AtlasCsvOptions *options,
               GPtrArray             *rows,
               guint                  first,
               guint                  n_columns,
               const CellReading     *reading)
{
  switch (options->header)
    {
    case ATLAS_CSV_HEADER_FIRST_ROW:
      return TRUE;
    case ATLAS_CSV_HEADER_NONE:
      return FALSE;
    case ATLAS_CSV_HEADER_DETECT:
    default:
      return detect_header (rows, first, n_columns, reading);
    }
}

/* Decides how the file is written and what its columns hold, from the
 * sample and from what options force. The sample of the head is the same
 * whether the lines to skip are detected or forced, so that forcing what
 * was detected reads the same table. */
void
atlas_csv_sniff (const char            *data,
                 gsize                  len,
                 const AtlasCsvOptions *options,
                 AtlasCsvPlan          *plan)
{
  gsize offset = 0;
  guint64 first_line = 1;
  g_autoptr (GPtrArray) rows = NULL;
  guint modal, first, n_columns, head_rows, n_loaded = 0;
  gboolean header;
  CellReading reading;
  g_autofree AtlasNumberFormat *column_formats = NULL;
  char **header_texts = NULL;

  plan->keep_raw_rows = options->keep_raw_rows;
  plan->terminator = detect_terminator (data, len, &plan->dialect.line_ending);
  plan->dialect.quote = options->no_quote ? '\0' : options->quote ? options->quote : detect_quote (data, len);

  if (starts_with_excel_sep_line (data, len))
    {
      plan->dialect.delimiter = options->delimiter ? options->delimiter : data[4];
      plan->dialect.excel_sep_line = TRUE;
      offset = offset_after_lines (data, len, plan->terminator, 1);
      first_line = 2;
    }
  else
    plan->dialect.delimiter = options->delimiter ? options->delimiter
                                                 : detect_delimiter (data, len, plan->dialect.quote,
                                                                     plan->terminator);
  /* Told to skip no line, a "sep=" line is read as a row like any other. */
  if (options->force_skip_lines && options->skip_lines < first_line - 1)
    {
      offset = 0;
      first_line = 1;
    }

  rows = parse_sample (data, offset, len, plan->dialect.delimiter, plan->dialect.quote, '\0', plan->terminator,
                       first_line, HEAD_SAMPLE_ROWS);
  if (lines_start_with_comments (rows))
    {
      /* Read again passing over them, so they are neither the header nor
       * a row, above the table or inside it. */
      plan->dialect.comment = '#';
      g_ptr_array_unref (rows);
      rows = parse_sample (data, offset, len, plan->dialect.delimiter, plan->dialect.quote, plan->dialect.comment,
                           plan->terminator, first_line, HEAD_SAMPLE_ROWS);
    }
  first = options->force_skip_lines ? first_row_below_line (rows, options->skip_lines) : 0;
  if (first == rows->len && rows->len > 0)
    {
      /* The lines to skip run past the head sample: sample below them. */
      offset = offset_after_lines (data, len, plan->terminator, options->skip_lines);
      g_ptr_array_unref (rows);
      rows = parse_sample (data, offset, len, plan->dialect.delimiter, plan->dialect.quote, plan->dialect.comment,
                           plan->terminator, options->skip_lines + 1, HEAD_SAMPLE_ROWS);
      first = 0;
    }
  if (rows->len == 0)
    {
      plan->n_columns = 0;
      plan->data_offset = len;
      plan->data_first_line = first_line;
      plan->bytes_per_row = 64;
      plan->dialect.decimal_mark = '.';
      plan->number_format.decimal_mark = '.';
      return;
    }

  modal = modal_width (rows);
  if (!options->force_skip_lines)
    first = first_table_row (rows, modal);
  head_rows = rows->len;
  {
    SampleRow *first_row = g_ptr_array_index (rows, first);
    plan->dialect.skipped_lines = options->force_skip_lines ? options->skip_lines : first_row->line - 1;
    add_jump_samples (data, len, first_row->start, plan, rows);
  }

  detect_number_format (rows, first + 1, G_MAXUINT, plan->dialect.delimiter, options->decimal_mark,
                        &plan->number_format);
  if (options->force_thousands_sep)
    plan->number_format.thousands_sep = options->thousands_sep;
  plan->dialect.decimal_mark = plan->number_format.decimal_mark;
  plan->dialect.thousands_sep = plan->number_format.thousands_sep;

  n_columns = MAX (modal, row_width (rows, first));
  column_formats = g_new (AtlasNumberFormat, n_columns);
  /* A mark the person chose holds for every column. */
  for (guint col = 0; col < n_columns; col++)
    if (options->decimal_mark)
      column_formats[col] = plan->number_format;
    else
      detect_column_number_format (rows, first + 1, col, plan->dialect.delimiter, &plan->number_format,
                                   &column_formats[col]);
  reading.number_formats = column_formats;
  reading.n_number_formats = n_columns;
  reading.date_formats = date_formats_for_order (options->date_order);
  header = choose_header (options, rows, first, n_columns, &reading);
  plan->dialect.header = header;
  plan->n_columns = n_columns;
  plan->names = make_column_names (rows, first, header, n_columns, &header_texts);
  plan->columns = g_new0 (AtlasColumnPlan, n_columns);
  plan->units = g_new0 (char *, n_columns + 1);
  plan->date_units = g_new0 (AtlasDateUnit, n_columns);
  for (guint col = 0; col < n_columns; col++)
    {
      AtlasColumnChoice choice = column_choice (options, col);
      AtlasColumnPlan *column = &plan->columns[col];
      ColumnGuess guess;

      /* An ignored column is still typed, so it can be shown as it would load. */
      guess_column (rows, header ? first + 1 : first, col, header_texts[col], &reading,
                    choice == ATLAS_COLUMN_CHOICE_IGNORE ? ATLAS_COLUMN_CHOICE_DETECT : choice, &guess);
      *column = guess.plan;
      column->number_format = column_formats[col];
      column->forced = choice != ATLAS_COLUMN_CHOICE_DETECT && choice != ATLAS_COLUMN_CHOICE_IGNORE;
      column->ignored = choice == ATLAS_COLUMN_CHOICE_IGNORE;
      column->table_column = column->ignored ? -1 : (int) n_loaded++;
      column->name_repaired = header && col < row_width (rows, first) && !g_utf8_validate (row_cell (rows, first, col), -1, NULL);
      plan->units[col] = guess.unit;
      plan->date_units[col] = guess.date_unit;
      plan->dialect.date_order_guessed |= !column->ignored && guess.date_order_guessed;
    }
  /* Not a GStrv: columns without a header text leave NULL holes. */
  for (guint col = 0; col < n_columns; col++)
    g_free (header_texts[col]);
  g_free (header_texts);

  {
    SampleRow *first_row = g_ptr_array_index (rows, first);
    SampleRow *last_head_row = g_ptr_array_index (rows, head_rows - 1);
    guint data_rows = head_rows - first - (header ? 1 : 0);

    plan->data_offset = header ? first_row->end : first_row->start;
    plan->data_first_line = header ? first_row->last_line + 1 : first_row->line;
    plan->header_line = header ? first_row->line : 0;
    plan->bytes_per_row = data_rows > 0
                            ? (double) (last_head_row->end - plan->data_offset) / data_rows
                            : 64.0;
  }
}

void
atlas_csv_plan_clear (AtlasCsvPlan *plan)
{
  g_strfreev (plan->names);
  if (plan->units)
    for (guint col = 0; col < plan->n_columns; col++)
      g_free (plan->units[col]);
  g_free (plan->units);
  g_free (plan->columns);
  g_free (plan->date_units);
  memset (plan, 0, sizeof *plan);
}
