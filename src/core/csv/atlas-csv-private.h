/* atlas-csv-private.h: the parts of the reader shared by the sniffer, the chunk parser and the driver. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <csv.h>

#include "atlas-cell-parse.h"
#include "atlas-csv-reader.h"
#include "atlas-table-private.h"

G_BEGIN_DECLS

/* Feeds libcsv one physical line at a time, so every row and every cell
 * knows the line it came from. libcsv keeps its built-in tests for spaces
 * and line ends (CR or LF): custom ones cost a call per byte. */
typedef struct
{
  struct csv_parser parser;
  char terminator;
  guint64 line;       /* 0-based number of the next line to feed, relative to the start */
  guint64 row_line;   /* line the current row began on */
  gboolean row_open;  /* a row has begun and not ended: a quoted field spans lines */
  guint field_index;  /* fields completed in the current row */
  gboolean line_too_long; /* feeding stopped at a line longer than ATLAS_CSV_MAX_LINE_BYTES */
  char comment;       /* a line starting with it, outside a quoted field, is passed over; '\0' for none */
  char delimiter;
  char quote;
  gboolean splits_plain_lines; /* lines without a quote may be split without libcsv */
} AtlasLineFeeder;

/* Whether lines without a quote mark are split without libcsv (the
 * default); the differential fuzz harness turns it off to compare. */
extern gboolean atlas_csv_split_plain_lines;

/* No table has a line this long: a longer one is refused before libcsv
 * would buffer it whole (a 1 GB line of one field would need 1 GB more). */
#define ATLAS_CSV_MAX_LINE_BYTES (256 * 1024 * 1024)

/* A field's len bytes; libcsv ends them with a NUL, lines split without
 * it do not: read len bytes, never up to a NUL. */
typedef void (*AtlasFieldFunc) (void *cell, size_t len, void *data);
typedef void (*AtlasRowFunc) (int terminator, void *data);

gboolean atlas_line_feeder_init       (AtlasLineFeeder *feeder,
                                       char             delimiter,
                                       char             quote,
                                       char             terminator);
void     atlas_line_feeder_clear      (AtlasLineFeeder *feeder);
const char *atlas_line_feeder_feed    (AtlasLineFeeder *feeder,
                                       const char      *p,
                                       const char      *end,
                                       AtlasFieldFunc   on_field,
                                       AtlasRowFunc     on_row,
                                       void            *data);
gboolean atlas_line_feeder_finish     (AtlasLineFeeder *feeder,
                                       AtlasFieldFunc   on_field,
                                       AtlasRowFunc     on_row,
                                       void            *data);

typedef struct
{
  AtlasColumnType type;
  AtlasDateFormat date_format;
  AtlasNumberFormat number_format; /* the file's, or the column's own where its cells use the other mark */
  gboolean forced;   /* the person chose the type: cells that do not fit are invalid, never retyped */
  gboolean ignored;  /* not loaded: no cells kept, no table column */
  int table_column;  /* its index in the table; -1 when ignored */
  gboolean name_repaired; /* its header cell was not valid text: the name shows U+FFFD */
} AtlasColumnPlan;

/* Everything the sniffer decided, read by every chunk parser. */
typedef struct
{
  AtlasCsvDialect dialect;
  AtlasNumberFormat number_format;
  char terminator;
  guint n_columns;         /* the file's columns, ignored ones included */
  AtlasColumnPlan *columns;
  char **names;           /* n_columns, unique and valid UTF-8 */
  char **units;           /* n_columns, NULL where none */
  AtlasDateUnit *date_units;
  gsize data_offset;      /* where data rows begin, in the UTF-8 bytes */
  guint64 data_first_line;/* 1-based line of data_offset */
  guint64 header_line;    /* 1-based line of the header row; 0 when there is none */
  double bytes_per_row;   /* from the sample, to size the column arrays */
  gboolean keep_raw_rows; /* chunks keep every row's fields as written */
} AtlasCsvPlan;

void     atlas_csv_release_pages (const void         *from,
                                  const void         *to);

void     atlas_csv_plan_clear (AtlasCsvPlan          *plan);
void     atlas_csv_sniff      (const char            *data,
                               gsize                  len,
                               const AtlasCsvOptions *options,
                               AtlasCsvPlan          *plan);

typedef struct
{
  guint64 line;   /* relative to the chunk until merged */
  gsize row;      /* the row of the chunk's it is in */
  guint column;
  char *message;
} AtlasChunkProblem;

/* The distinct texts of a chunk, each stored once: found by their bytes
 * and length, which the parser already knows, with no strlen or strcmp. */
typedef struct
{
  const char *text; /* in the chunk's strings; NULL for an empty slot */
  guint32 len;
  guint32 hash;
} AtlasInternSlot;

typedef struct
{
  AtlasInternSlot *slots; /* open addressing, a power of two of them */
  gsize mask;
  gsize n_used;
} AtlasTextInterner;

/* One slice of the file and the columns parsed from it. */
typedef struct
{
  AtlasLineFeeder feeder; /* first, so libcsv callbacks can reach it */
  const AtlasCsvPlan *plan;
  const char *start;
  const char *end;
  gboolean is_last;

  gsize n_rows;
  gsize capacity;
  double **numbers;
  const char ***texts;
  GStringChunk *strings;
  AtlasTextInterner interner; /* the distinct strings in strings */
  gsize string_bytes;
  gsize *n_missing;
  gsize *n_invalid;
  GPtrArray *raw_rows;    /* GStrv per row, with plan->keep_raw_rows; else NULL */
  GPtrArray *raw_fields;  /* char*: the fields of the row being read, for raw_rows */
  gboolean row_has_text;  /* some field of the row being read is not empty */
  gsize trailing_notes;   /* the rows of one field that end the chunk, so far: a note under a table */

  GArray *problems;       /* AtlasChunkProblem, at most ATLAS_CSV_MAX_KEPT_PROBLEMS */
  guint64 n_problems;
  guint64 n_lines;
  gboolean ended_in_quote;
  gboolean out_of_memory;
  gboolean line_too_long; /* at long_line, relative to the chunk */
  gboolean file_changed;  /* a read of the mapping failed: the file was cut short */
  guint64 long_line;
  guint64 quote_line;     /* relative line an unterminated quote opened on */
  guint quote_column;
  gint64 bytes_done;      /* read by the driver for progress */
  /* Chunks sit side by side in one array and are written by different
   * threads: this keeps the next chunk's hot fields off this chunk's last
   * cache line. */
  char cache_line_padding[64];
} AtlasCsvChunk;

void atlas_csv_chunk_init  (AtlasCsvChunk      *chunk,
                            const AtlasCsvPlan *plan,
                            const char         *start,
                            const char         *end,
                            gboolean            is_last);
void atlas_csv_chunk_parse (AtlasCsvChunk      *chunk,
                            GCancellable       *cancellable);
void atlas_csv_chunk_clear (AtlasCsvChunk      *chunk);

char *atlas_csv_describe_cell (const char *cell,
                               gsize       len);

G_END_DECLS
