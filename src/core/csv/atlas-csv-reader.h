/* atlas-csv-reader.h: CSV file -> typed AtlasTable, with the dialect it detected and the problems it met. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "atlas-core-types.h"
#include "atlas-text-encoding.h"

G_BEGIN_DECLS

#define ATLAS_CSV_ERROR (atlas_csv_error_quark ())

typedef enum
{
  ATLAS_CSV_ERROR_NOT_FOUND,
  ATLAS_CSV_ERROR_PERMISSION,
  ATLAS_CSV_ERROR_NOT_A_FILE,
  ATLAS_CSV_ERROR_EMPTY,
  ATLAS_CSV_ERROR_BINARY,
  ATLAS_CSV_ERROR_UNTERMINATED_QUOTE,
  ATLAS_CSV_ERROR_IO,
  ATLAS_CSV_ERROR_NO_MEMORY,
  ATLAS_CSV_ERROR_NOT_A_TABLE, /* a line too long to be a row */
  ATLAS_CSV_ERROR_CHANGED,     /* cut short by another program while read */
} AtlasCsvError;

typedef enum
{
  ATLAS_LINE_ENDING_LF,
  ATLAS_LINE_ENDING_CRLF,
  ATLAS_LINE_ENDING_CR,
} AtlasLineEnding;

/* Which of day and month comes first in dates written d/m/y or m/d/y. */
typedef enum
{
  ATLAS_DATE_ORDER_DETECT,      /* in options: from the data; in a dialect: no such dates */
  ATLAS_DATE_ORDER_DAY_FIRST,   /* 31/03/2024 */
  ATLAS_DATE_ORDER_MONTH_FIRST, /* 03/31/2024 */
} AtlasDateOrder;

typedef enum
{
  ATLAS_CSV_HEADER_DETECT,
  ATLAS_CSV_HEADER_FIRST_ROW, /* the first row after the skipped lines names the columns */
  ATLAS_CSV_HEADER_NONE,      /* every row is data; columns are named "Column 1", ... */
} AtlasCsvHeaderChoice;

/* What one column of the file becomes. */
typedef enum
{
  ATLAS_COLUMN_CHOICE_DETECT,
  ATLAS_COLUMN_CHOICE_NUMBER,
  ATLAS_COLUMN_CHOICE_DATE,
  ATLAS_COLUMN_CHOICE_TEXT,
  ATLAS_COLUMN_CHOICE_IGNORE, /* not loaded at all: no memory, no table column */
} AtlasColumnChoice;

/* How a file is written, as the sniffer found it or the options forced it:
 * reading again with every field forced to these values gives the same
 * table, but for number columns detected with the other decimal mark
 * (AtlasCsvFileColumn.decimal_mark): a forced mark holds for every column. */
struct _AtlasCsvDialect
{
  AtlasTextEncoding encoding;
  gboolean has_bom;
  AtlasLineEnding line_ending;
  char delimiter;
  char quote;              /* '\0' when none: quote marks are text */
  char decimal_mark;
  char thousands_sep;      /* '\0' when none */
  char comment;            /* lines starting with it are notes, not rows ('#'); '\0' for none */
  gboolean excel_sep_line; /* the file starts with Excel's "sep=X" */
  gboolean header;
  guint skipped_lines;     /* lines before the header (or first row): titles, blanks, sep= */
  AtlasDateOrder date_order; /* of the d/m/y or m/d/y date columns; DETECT when there are none,
                              * or columns of both orders */
  gboolean date_order_guessed; /* no date told day from month (none past the 12th): the order is the
                                * one preferred, a guess */
};

/* One column as the file has it, loaded or ignored. */
typedef struct
{
  char *name;
  AtlasColumnType type;     /* as loaded, or as it would load when ignored */
  gboolean ignored;
  int table_column;         /* its index in the table; -1 when ignored */
  char decimal_mark;        /* of a number column: the dialect's, or the other where its cells
                             * all use that one ("1,25" among "0.5" columns); else '\0' */
} AtlasCsvFileColumn;

/* One thing wrong in a file that did load: a bad cell, a short row. */
struct _AtlasCsvProblem
{
  guint64 line;   /* 1-based physical line */
  guint column;   /* 1-based field number */
  char *message;
  guint64 row;    /* 0-based row of the table it is in; G_MAXUINT64 for the header */
  int table_column; /* 0-based column of the table it is in; -1 for a field the table has no column for */
};

#define ATLAS_CSV_MAX_KEPT_PROBLEMS 100

struct _AtlasCsvResult
{
  AtlasTable *table;
  AtlasCsvDialect dialect;
  GPtrArray *problems;  /* AtlasCsvProblem*: the first ATLAS_CSV_MAX_KEPT_PROBLEMS, in file order */
  guint64 n_problems;   /* all of them */
  GArray *file_columns; /* AtlasCsvFileColumn: every column of the file, in file order */
  GPtrArray *raw_rows;  /* GStrv per table row: each file column's field as written, as UTF-8;
                         * only with AtlasCsvOptions.keep_raw_rows, else NULL */
  gboolean truncated;   /* AtlasCsvOptions.max_bytes stopped the read before the file's end */
};

/* How to read a file. A zeroed struct reads as the sniffer decides; each
 * field set overrides one decision, and the rest still follow the file. */
typedef struct
{
  guint n_threads;         /* 0: one per core */
  guint64 max_bytes;       /* 0: the whole file; else read only this many bytes from its start, up
                            * to the last whole line in them (a preview: fast on any size) */
  gboolean keep_raw_rows;  /* fill AtlasCsvResult.raw_rows */

  gboolean force_encoding;
  AtlasTextEncoding encoding;
  char delimiter;          /* '\0': detect */
  char quote;              /* '\0': detect */
  gboolean no_quote;       /* read with no quote character: every quote mark is text */
  AtlasCsvHeaderChoice header;
  gboolean force_skip_lines;
  guint skip_lines;        /* lines before the header or first row, "sep=" included */
  char decimal_mark;       /* '\0': detect; else '.' or ',' */
  gboolean force_thousands_sep;
  char thousands_sep;      /* with force_thousands_sep: '\0' never grouped, or ',', '.', ' ', '\'' */
  AtlasDateOrder date_order;
  const AtlasColumnChoice *column_choices; /* by position in the file; NULL or past the end: detect */
  guint n_column_choices;
} AtlasCsvOptions;

/* Called from the thread that called atlas_csv_read_file(). */
typedef void (*AtlasCsvProgressFunc) (guint64  bytes_done,
                                      guint64  bytes_total,
                                      gpointer user_data);

GQuark          atlas_csv_error_quark  (void);

AtlasCsvResult *atlas_csv_read_file    (const char            *path,
                                        const AtlasCsvOptions *options,
                                        AtlasCsvProgressFunc   progress,
                                        gpointer               progress_data,
                                        GCancellable          *cancellable,
                                        GError               **error);
void            atlas_csv_result_free  (AtlasCsvResult        *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasCsvResult, atlas_csv_result_free)

G_END_DECLS
