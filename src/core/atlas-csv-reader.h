/* atlas-csv-reader.h: CSV file -> typed AtlasTable, with the dialect it detected and the problems it met. */
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
} AtlasCsvError;

typedef enum
{
  ATLAS_LINE_ENDING_LF,
  ATLAS_LINE_ENDING_CRLF,
  ATLAS_LINE_ENDING_CR,
} AtlasLineEnding;

/* How a file is written, as the sniffer found it. */
struct _AtlasCsvDialect
{
  AtlasTextEncoding encoding;
  gboolean has_bom;
  AtlasLineEnding line_ending;
  char delimiter;
  char quote;
  char decimal_mark;
  char thousands_sep;      /* '\0' when none */
  gboolean excel_sep_line; /* the file starts with Excel's "sep=X" */
  gboolean header;
  guint skipped_lines;     /* lines before the header (or first row): titles, blanks, sep= */
};

/* One thing wrong in a file that did load: a bad cell, a short row. */
struct _AtlasCsvProblem
{
  guint64 line;   /* 1-based physical line */
  guint column;   /* 1-based field number */
  char *message;
};

#define ATLAS_CSV_MAX_KEPT_PROBLEMS 100

struct _AtlasCsvResult
{
  AtlasTable *table;
  AtlasCsvDialect dialect;
  GPtrArray *problems;  /* AtlasCsvProblem*: the first ATLAS_CSV_MAX_KEPT_PROBLEMS, in file order */
  guint64 n_problems;   /* all of them */
};

typedef struct
{
  guint n_threads;         /* 0: one per core */
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
