/* atlas-csv-chunk.c: libcsv fed line by line, and the parse of one slice of a file into typed columns. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-csv-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdatomic.h>
#include <string.h>
#ifdef G_OS_UNIX
#include <sys/mman.h>
#include <unistd.h>
#endif

/* Stop checks and progress reports happen once per this many bytes. */
#define CHUNK_STEP_BYTES (1 << 20)
/* Parsed input is handed back to the kernel in steps this large, so a big
 * mapped file does not stay resident beside the columns built from it. */
#define RELEASE_STEP_BYTES (2 << 20)

gboolean
atlas_line_feeder_init (AtlasLineFeeder *feeder,
                        char             delimiter,
                        char             quote,
                        char             terminator)
{
  memset (feeder, 0, sizeof *feeder);
  if (csv_init (&feeder->parser, CSV_APPEND_NULL) != 0)
    return FALSE;
  csv_set_delim (&feeder->parser, (unsigned char) delimiter);
  csv_set_quote (&feeder->parser, (unsigned char) quote);
  feeder->terminator = terminator;
  feeder->delimiter = delimiter;
  feeder->quote = quote;
  /* libcsv takes a CR or LF delimiter for a line end at a field's start
   * and for a delimiter inside one: only it reads such files right. */
  feeder->splits_plain_lines = delimiter != '\r' && delimiter != '\n';
  return TRUE;
}

void
atlas_line_feeder_clear (AtlasLineFeeder *feeder)
{
  csv_free (&feeder->parser);
}

gboolean atlas_csv_split_plain_lines = TRUE;

/* libcsv's blanks: trimmed around a field outside quotes, unless they are
 * the delimiter. */
static inline gboolean
is_field_blank (char c,
                char delimiter)
{
  return (c == ' ' || c == '\t') && c != delimiter;
}

/* Splits a whole line with no quote mark in it, outside any quoted field,
 * as libcsv would: fields between delimiters with their blanks trimmed,
 * a line of blanks no row, the row ended by the CR of a CR LF. The fields
 * are handed on where they lie in the file, so, unlike libcsv's, they do
 * not end in a NUL: whoever takes them reads len bytes. Returns FALSE,
 * having called nothing, for a line only libcsv reads right: a quote mark
 * (or, with no quote character, a NUL, which libcsv then takes for one)
 * or a line end inside it. */
G_ALWAYS_INLINE static inline gboolean
split_plain_line (AtlasLineFeeder *feeder,
                  const char      *p,
                  const char      *terminator,
                  AtlasFieldFunc   on_field,
                  AtlasRowFunc     on_row,
                  void            *data)
{
  const char *end = terminator;
  char row_end = feeder->terminator;
  char other_line_end = feeder->terminator == '\n' ? '\r' : '\n';
  char delimiter = feeder->delimiter;
  const char *q = p;

  if (feeder->terminator == '\n' && end > p && end[-1] == '\r')
    {
      end--;
      row_end = '\r';
    }
  if (memchr (p, feeder->quote, end - p) || memchr (p, other_line_end, end - p))
    return FALSE;

  while (q < end && is_field_blank (*q, delimiter))
    q++;
  if (q == end)
    return TRUE;
  for (;;)
    {
      const char *field = q;
      const char *field_end;

      while (q < end && *q != delimiter)
        q++;
      field_end = q;
      while (field_end > field && is_field_blank (field_end[-1], delimiter))
        field_end--;
      on_field ((void *) field, field_end - field, data);
      if (q == end)
        break;
      q++;
      while (q < end && is_field_blank (*q, delimiter))
        q++;
    }
  on_row ((unsigned char) row_end, data);
  return TRUE;
}

/* libcsv's state between rows. csv.h exposes the parser's state field;
 * libcsv.c names this value ROW_NOT_BEGUN. */
#define LIBCSV_ROW_NOT_BEGUN 0

static inline gboolean
feeder_row_open (const AtlasLineFeeder *feeder)
{
  return feeder->parser.pstate != LIBCSV_ROW_NOT_BEGUN;
}

/* Feeds the line at p (up to and including its terminator) and returns
 * where the next line starts, or NULL when libcsv ran out of memory.
 * Inlined where the callbacks are known, so a chunk's plain lines call
 * its field function directly, not through a pointer. */
G_ALWAYS_INLINE static inline const char *
feed_line (AtlasLineFeeder *feeder,
           const char      *p,
           const char      *end,
           AtlasFieldFunc   on_field,
           AtlasRowFunc     on_row,
           void            *data)
{
  /* Looked for no further than a line may run, so a huge one is not read
   * through before it is refused. */
  size_t scan = MIN ((size_t) (end - p), (size_t) ATLAS_CSV_MAX_LINE_BYTES + 1);
  const char *terminator = memchr (p, feeder->terminator, scan);
  const char *line_end = terminator ? terminator + 1 : end;
  size_t len = line_end - p;

  if (G_UNLIKELY (len > ATLAS_CSV_MAX_LINE_BYTES))
    {
      feeder->line_too_long = TRUE;
      return NULL;
    }
  /* A comment line ("# Source: ...") between rows: counted, not read. */
  if (feeder->comment && !feeder->row_open && len > 0 && *p == feeder->comment)
    {
      feeder->line++;
      return line_end;
    }
  if (!feeder->row_open)
    feeder->row_line = feeder->line;
  /* Most lines of most files: no quote, so no need for libcsv's state
   * machine. The file's last line, with no terminator, stays with libcsv,
   * which ends its row only when the feeding is finished. */
  if (!feeder->row_open && terminator && feeder->splits_plain_lines && atlas_csv_split_plain_lines
      && split_plain_line (feeder, p, terminator, on_field, on_row, data))
    {
      feeder->line++;
      return line_end;
    }
  /* libcsv grows its field buffer by its block size, copying it each
   * time: by its default of 128 bytes a field of tens of megabytes took
   * minutes. A block as long as the line fits any field of it in one
   * step, and doubling covers a quoted field that spans many lines; a
   * fixed large block instead cost every small file a megabyte. */
  csv_set_blk_size (&feeder->parser, MAX (MAX (len + 2, (size_t) 128), feeder->parser.entry_size));
  if (csv_parse (&feeder->parser, p, len, on_field, on_row, data) != len)
    return NULL;
  /* A row is open after the line when a quoted field spans it, or when
   * the line ended without a terminator (the file's last line). */
  feeder->row_open = feeder_row_open (feeder);
  feeder->line++;
  return line_end;
}

const char *
atlas_line_feeder_feed (AtlasLineFeeder *feeder,
                        const char      *p,
                        const char      *end,
                        AtlasFieldFunc   on_field,
                        AtlasRowFunc     on_row,
                        void            *data)
{
  return feed_line (feeder, p, end, on_field, on_row, data);
}

/* Ends the last row. FALSE when it cannot end: a quote was never closed. */
gboolean
atlas_line_feeder_finish (AtlasLineFeeder *feeder,
                          AtlasFieldFunc   on_field,
                          AtlasRowFunc     on_row,
                          void            *data)
{
  if (!feeder->row_open)
    return TRUE;
  csv_parse (&feeder->parser, &feeder->terminator, 1, on_field, on_row, data);
  feeder->row_open = feeder_row_open (feeder);
  return !feeder->row_open;
}

/* A cell quoted in a message: valid UTF-8, no control characters, short. */
char *
atlas_csv_describe_cell (const char *cell,
                         gsize       len)
{
  g_autofree char *valid = g_utf8_make_valid (cell, MIN (len, 200));
  GString *out = g_string_new (NULL);
  guint chars = 0;

  for (const char *p = valid; *p && chars < 40; p = g_utf8_next_char (p), chars++)
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_iscntrl (c))
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  if (chars == 40 || len > 200)
    g_string_append (out, "\xe2\x80\xa6");
  return g_string_free (out, FALSE);
}

static void G_GNUC_PRINTF (4, 5)
chunk_add_problem (AtlasCsvChunk *chunk,
                   guint64        line,
                   guint          column,
                   const char    *format,
                   ...)
{
  AtlasChunkProblem problem;
  va_list args;

  chunk->n_problems++;
  if (chunk->problems->len >= ATLAS_CSV_MAX_KEPT_PROBLEMS)
    return;
  problem.line = line;
  problem.row = chunk->n_rows;
  problem.column = column;
  va_start (args, format);
  problem.message = g_strdup_vprintf (format, args);
  va_end (args);
  g_array_append_val (chunk->problems, problem);
}

static void
chunk_grow (AtlasCsvChunk *chunk)
{
  const AtlasCsvPlan *plan = chunk->plan;
  gsize capacity = chunk->capacity + chunk->capacity / 2 + 64;

  for (guint col = 0; col < plan->n_columns; col++)
    {
      if (plan->columns[col].ignored)
        continue;
      if (plan->columns[col].type == ATLAS_COLUMN_TEXT)
        {
          const char **texts = g_try_realloc_n (chunk->texts[col], capacity, sizeof (char *));
          if (!texts)
            goto out_of_memory;
          chunk->texts[col] = texts;
        }
      else
        {
          double *numbers = g_try_realloc_n (chunk->numbers[col], capacity, sizeof (double));
          if (!numbers)
            goto out_of_memory;
          chunk->numbers[col] = numbers;
        }
    }
  chunk->capacity = capacity;
  return;

out_of_memory:
  chunk->out_of_memory = TRUE;
}

static void
chunk_store_missing (AtlasCsvChunk *chunk,
                     guint          col)
{
  if (chunk->plan->columns[col].type == ATLAS_COLUMN_TEXT)
    chunk->texts[col][chunk->n_rows] = NULL;
  else
    chunk->numbers[col][chunk->n_rows] = NAN;
  chunk->n_missing[col]++;
}

static void
chunk_store_invalid (AtlasCsvChunk *chunk,
                     guint          col,
                     const char    *cell,
                     gsize          len)
{
  g_autofree char *shown = atlas_csv_describe_cell (cell, len);

  chunk->numbers[col][chunk->n_rows] = NAN;
  chunk->n_missing[col]++;
  chunk->n_invalid[col]++;
  chunk_add_problem (chunk, chunk->feeder.row_line, col + 1,
                     chunk->plan->columns[col].type == ATLAS_COLUMN_DATE
                       /* Translators: the cell as written, then the column's name. */
                       ? _("\xe2\x80\x9c%s\xe2\x80\x9d is not a date like the rest of column "
                           "\xe2\x80\x9c%s\xe2\x80\x9d; the cell is left empty")
                       : _("\xe2\x80\x9c%s\xe2\x80\x9d is not a number like the rest of column "
                           "\xe2\x80\x9c%s\xe2\x80\x9d; the cell is left empty"),
                     shown, chunk->plan->names[col]);
}

/* A hash of len bytes, eight at a time: cells are short, and most differ
 * in their first word. */
static inline guint32
hash_text (const char *text,
           gsize       len)
{
  guint64 h = 0x9e3779b97f4a7c15ull ^ len;
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 word;
      memcpy (&word, text + i, 8);
      h = (h ^ word) * 0xff51afd7ed558ccdull;
      h ^= h >> 29;
    }
  if (i < len)
    {
      guint64 word = 0;
      memcpy (&word, text + i, len - i);
      h = (h ^ word) * 0xff51afd7ed558ccdull;
    }
  h ^= h >> 32;
  h *= 0xc4ceb9fe1a85ec53ull;
  return (guint32) (h ^ (h >> 29));
}

static void
interner_grow (AtlasTextInterner *interner)
{
  gsize n_slots = interner->slots ? 2 * (interner->mask + 1) : 256;
  AtlasInternSlot *slots = g_new0 (AtlasInternSlot, n_slots);

  for (gsize i = 0; interner->slots && i <= interner->mask; i++)
    {
      AtlasInternSlot *slot = &interner->slots[i];
      gsize at = slot->hash & (n_slots - 1);

      if (!slot->text)
        continue;
      while (slots[at].text)
        at = (at + 1) & (n_slots - 1);
      slots[at] = *slot;
    }
  g_free (interner->slots);
  interner->slots = slots;
  interner->mask = n_slots - 1;
}

/* The chunk's copy of the len bytes at text, made on first sight. */
static const char *
chunk_intern (AtlasCsvChunk *chunk,
              const char    *text,
              gsize          len)
{
  AtlasTextInterner *interner = &chunk->interner;
  guint32 hash = hash_text (text, len);
  gsize at;

  /* Kept at most half full, so a probe ends soon at an empty slot. */
  if (G_UNLIKELY (!interner->slots || 2 * (interner->n_used + 1) > interner->mask + 1))
    interner_grow (interner);
  for (at = hash & interner->mask; interner->slots[at].text; at = (at + 1) & interner->mask)
    {
      const AtlasInternSlot *slot = &interner->slots[at];
      if (slot->hash == hash && slot->len == len && memcmp (slot->text, text, len) == 0)
        return slot->text;
    }
  interner->slots[at].text = g_string_chunk_insert_len (chunk->strings, text, (gssize) len);
  interner->slots[at].len = (guint32) len;
  interner->slots[at].hash = hash;
  interner->n_used++;
  chunk->string_bytes += len + 1;
  return interner->slots[at].text;
}

static void
chunk_store_text (AtlasCsvChunk *chunk,
                  guint          col,
                  const char    *cell,
                  gsize          len)
{
  g_autofree char *repaired = NULL;

  if (atlas_cell_is_missing (cell, len))
    {
      chunk_store_missing (chunk, col);
      return;
    }
  /* A NUL inside a cell fails validation and is repaired like any other
   * unreadable byte. */
  if (G_UNLIKELY (!g_utf8_validate_len (cell, len, NULL)))
    {
      repaired = g_utf8_make_valid (cell, len);
      cell = repaired;
      len = strlen (repaired);
      chunk_add_problem (chunk, chunk->feeder.row_line, col + 1,
                         /* Translators: %s names a text encoding, such as UTF-8. */
                         _("the text is not valid %s; unreadable bytes are shown as \xef\xbf\xbd"),
                         atlas_text_encoding_get_name (chunk->plan->dialect.encoding));
    }
  chunk->texts[col][chunk->n_rows] = chunk_intern (chunk, cell, len);
}

/* A field as written, kept for AtlasCsvResult.raw_rows. */
static void
chunk_keep_raw_field (AtlasCsvChunk *chunk,
                      const char    *cell,
                      gsize          len)
{
  g_ptr_array_add (chunk->raw_fields, g_utf8_make_valid (cell, len));
}

/* Ends the row's raw fields: one per file column, "" where the row was short. */
static void
chunk_keep_raw_row (AtlasCsvChunk *chunk)
{
  while (chunk->raw_fields->len < chunk->plan->n_columns)
    g_ptr_array_add (chunk->raw_fields, g_strdup (""));
  g_ptr_array_add (chunk->raw_fields, NULL);
  g_ptr_array_add (chunk->raw_rows, g_ptr_array_free (chunk->raw_fields, FALSE));
  chunk->raw_fields = g_ptr_array_new_with_free_func (g_free);
}

static void
on_chunk_field (void  *cell,
                size_t len,
                void  *data)
{
  AtlasCsvChunk *chunk = data;
  const AtlasCsvPlan *plan = chunk->plan;
  guint col = chunk->feeder.field_index++;
  double value;

  chunk->row_has_text |= len > 0;
  if (G_UNLIKELY (col == 0 && chunk->n_rows == chunk->capacity))
    chunk_grow (chunk);
  if (G_UNLIKELY (col >= plan->n_columns || chunk->out_of_memory))
    return;
  if (G_UNLIKELY (chunk->raw_fields != NULL))
    chunk_keep_raw_field (chunk, cell, len);
  if (G_UNLIKELY (plan->columns[col].ignored))
    return;

  switch (plan->columns[col].type)
    {
    case ATLAS_COLUMN_NUMBER:
    case ATLAS_COLUMN_DATE:
      if (plan->columns[col].type == ATLAS_COLUMN_NUMBER
            ? atlas_cell_parse_plain_number (cell, len, plan->columns[col].number_format.decimal_mark, &value)
                || atlas_cell_parse_number (cell, len, &plan->columns[col].number_format, &value, NULL)
            : atlas_cell_parse_date (cell, len, plan->columns[col].date_format, &value))
        chunk->numbers[col][chunk->n_rows] = value;
      else if (atlas_cell_is_missing (cell, len))
        chunk_store_missing (chunk, col);
      else
        chunk_store_invalid (chunk, col, cell, len);
      break;
    case ATLAS_COLUMN_TEXT:
    default:
      chunk_store_text (chunk, col, cell, len);
      break;
    }
}

static void
on_chunk_row (int   terminator,
              void *data)
{
  AtlasCsvChunk *chunk = data;
  guint n_columns = chunk->plan->n_columns;
  guint n_fields = chunk->feeder.field_index;

  (void) terminator;
  chunk->feeder.field_index = 0;
  if (chunk->out_of_memory)
    return;
  /* A row of delimiters only (",,,," from a spreadsheet) is a blank line,
   * as CSVW and fread read it: its empty cells are taken back. */
  if (G_UNLIKELY (!chunk->row_has_text))
    {
      for (guint col = 0; col < MIN (n_fields, n_columns); col++)
        if (!chunk->plan->columns[col].ignored)
          chunk->n_missing[col]--;
      if (chunk->raw_fields)
        g_ptr_array_set_size (chunk->raw_fields, 0);
      return;
    }
  chunk->row_has_text = FALSE;
  /* One field in a wider table: a note, if nothing but such lines follow. */
  chunk->trailing_notes = n_fields == 1 && n_columns > 1 ? chunk->trailing_notes + 1 : 0;

  if (G_UNLIKELY (n_fields != n_columns))
    {
      if (n_fields < n_columns)
        {
          for (guint col = n_fields; col < n_columns; col++)
            if (!chunk->plan->columns[col].ignored)
              chunk_store_missing (chunk, col);
          chunk_add_problem (chunk, chunk->feeder.row_line, n_fields + 1,
                             g_dngettext (GETTEXT_PACKAGE,
                                          "the row has %u field where the header has %u; "
                                          "the missing cells are left empty",
                                          "the row has %u fields where the header has %u; "
                                          "the missing cells are left empty",
                                          n_fields),
                             n_fields, n_columns);
        }
      else
        chunk_add_problem (chunk, chunk->feeder.row_line, n_columns + 1,
                           g_dngettext (GETTEXT_PACKAGE,
                                        "the row has %u field where the header has %u; "
                                        "the extra fields are ignored",
                                        "the row has %u fields where the header has %u; "
                                        "the extra fields are ignored",
                                        n_fields),
                           n_fields, n_columns);
    }
  if (G_UNLIKELY (chunk->raw_rows != NULL))
    chunk_keep_raw_row (chunk);
  chunk->n_rows++;
}

/* Gives the kernel advice on the whole pages inside [from, to). */
static void
advise_pages (const void *from,
              const void *to,
              int         advice)
{
#ifdef G_OS_UNIX
  gsize page_size = (gsize) sysconf (_SC_PAGESIZE);
  guintptr start = ((guintptr) from + page_size - 1) & ~(guintptr) (page_size - 1);
  guintptr stop = (guintptr) to & ~(guintptr) (page_size - 1);

  if (stop > start)
    madvise ((void *) start, stop - start, advice);
#else
  (void) from;
  (void) to;
  (void) advice;
#endif
}

/* Hands the whole pages inside [from, to) back to the kernel: what they
 * held is done with and will not be read again. */
void
atlas_csv_release_pages (const void *from,
                         const void *to)
{
#ifdef MADV_DONTNEED
  advise_pages (from, to, MADV_DONTNEED);
#else
  (void) from;
  (void) to;
#endif
}

void
atlas_csv_chunk_init (AtlasCsvChunk      *chunk,
                      const AtlasCsvPlan *plan,
                      const char         *start,
                      const char         *end,
                      gboolean            is_last)
{
  guint n = plan->n_columns;
  gsize estimate;

  memset (chunk, 0, sizeof *chunk);
  chunk->plan = plan;
  chunk->start = start;
  chunk->end = end;
  chunk->is_last = is_last;
  chunk->numbers = g_new0 (double *, n);
  chunk->texts = g_new0 (const char **, n);
  chunk->n_missing = g_new0 (gsize, n);
  chunk->n_invalid = g_new0 (gsize, n);
  chunk->strings = g_string_chunk_new (16 * 1024);
  chunk->problems = g_array_new (FALSE, FALSE, sizeof (AtlasChunkProblem));
  if (!atlas_line_feeder_init (&chunk->feeder, plan->dialect.delimiter, plan->dialect.quote,
                               plan->terminator))
    chunk->out_of_memory = TRUE;
  chunk->feeder.comment = plan->dialect.comment;
  if (plan->keep_raw_rows)
    {
      chunk->raw_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      chunk->raw_fields = g_ptr_array_new_with_free_func (g_free);
    }

  /* Sized from the sample's bytes per row, so most chunks never grow. */
  estimate = (gsize) ((end - start) / MAX (plan->bytes_per_row, 1.0) * 1.05) + 16;
  for (guint col = 0; col < n; col++)
    {
      gpointer cells;

      /* Ignored columns get no cells: memory follows the columns kept. */
      if (plan->columns[col].ignored)
        continue;
      if (plan->columns[col].type == ATLAS_COLUMN_TEXT)
        cells = chunk->texts[col] = g_try_new (const char *, estimate);
      else
        cells = chunk->numbers[col] = g_try_new (double, estimate);
      if (!cells)
        chunk->out_of_memory = TRUE;
    }
  chunk->capacity = estimate;
}

void
atlas_csv_chunk_parse (AtlasCsvChunk *chunk,
                       GCancellable  *cancellable)
{
  const char *p = chunk->start;
  const char *released = chunk->start;

  while (p < chunk->end && !chunk->out_of_memory)
    {
      const char *step_end = p + MIN ((gsize) (chunk->end - p), CHUNK_STEP_BYTES);

      while (p < step_end)
        {
          p = feed_line (&chunk->feeder, p, chunk->end, on_chunk_field, on_chunk_row, chunk);
          if (G_UNLIKELY (p == NULL && chunk->feeder.line_too_long))
            {
              chunk->line_too_long = TRUE;
              chunk->long_line = chunk->feeder.line;
              return;
            }
          if (G_UNLIKELY (p == NULL))
            {
              chunk->out_of_memory = TRUE;
              return;
            }
        }
      atomic_store_explicit ((_Atomic gint64 *) &chunk->bytes_done, p - chunk->start,
                             memory_order_relaxed);
      if (p - released >= RELEASE_STEP_BYTES)
        {
          atlas_csv_release_pages (released, p);
          released = p;
        }
      if (g_cancellable_is_cancelled (cancellable))
        return;
    }

  if (chunk->is_last)
    {
      if (!atlas_line_feeder_finish (&chunk->feeder, on_chunk_field, on_chunk_row, chunk))
        {
          chunk->ended_in_quote = TRUE;
          chunk->quote_line = chunk->feeder.row_line;
          chunk->quote_column = chunk->feeder.field_index + 1;
        }
    }
  else
    chunk->ended_in_quote = chunk->feeder.row_open;
  chunk->n_lines = chunk->feeder.line;
  atlas_csv_release_pages (released, p);
}

void
atlas_csv_chunk_clear (AtlasCsvChunk *chunk)
{
  const AtlasCsvPlan *plan = chunk->plan;

  atlas_line_feeder_clear (&chunk->feeder);
  for (guint col = 0; plan && col < plan->n_columns; col++)
    {
      g_free (chunk->numbers[col]);
      g_free (chunk->texts[col]);
    }
  g_free (chunk->numbers);
  g_free (chunk->texts);
  g_free (chunk->n_missing);
  g_free (chunk->n_invalid);
  if (chunk->strings)
    g_string_chunk_free (chunk->strings);
  g_clear_pointer (&chunk->interner.slots, g_free);
  g_clear_pointer (&chunk->raw_rows, g_ptr_array_unref);
  g_clear_pointer (&chunk->raw_fields, g_ptr_array_unref);
  for (guint i = 0; chunk->problems && i < chunk->problems->len; i++)
    g_free (g_array_index (chunk->problems, AtlasChunkProblem, i).message);
  if (chunk->problems)
    g_array_unref (chunk->problems);
  memset (chunk, 0, sizeof *chunk);
}
