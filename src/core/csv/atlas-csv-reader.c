/* atlas-csv-reader.c: opens, maps or spools a file, sniffs it, parses it in parallel chunks and joins the columns. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-csv-private.h"
#include "atlas-located-error.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <glib/gstdio.h>
#include <gio/gunixinputstream.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

G_DEFINE_QUARK (atlas-csv-error-quark, atlas_csv_error)

/* Encoding and binary checks look this far into the file. */
#define HEAD_BYTES (1 << 20)
/* Files smaller than this are parsed by one parser: threads would cost more than they save. */
#define MIN_PARALLEL_BYTES (1 << 20)
#define MIN_CHUNK_BYTES (512 * 1024)
#define MAX_THREADS 16
#define SPOOL_BLOCK_BYTES (64 * 1024)

/* The file's text as UTF-8 bytes, mapped from the file itself or from a
 * temporary copy when it had to be converted or came from a pipe. */
typedef struct
{
  GMappedFile *mapped;
  const char *data;
  gsize len;
  AtlasTextEncoding encoding;
  gboolean has_bom;
  gboolean truncated; /* a preview: the file goes on after len */
} CsvSource;

#define set_file_error(error, code, path, line, column, ...)                                               \
  atlas_set_located_error (error, ATLAS_CSV_ERROR, code, path, line, column, __VA_ARGS__)

/* A mapped file cut short while it is read (another program truncating
 * or rewriting it) makes every read past its new end a SIGBUS, which would
 * kill the app. The reader's reads of the mapping run guarded: a SIGBUS on
 * a guarded thread jumps back to run_guarded(), which says the file
 * changed; a SIGBUS anywhere else goes where it would have gone. */
static _Thread_local sigjmp_buf *bus_error_jump;
static struct sigaction previous_bus_action;

static void
on_bus_error (int        signal_number,
              siginfo_t *info,
              void      *context)
{
  if (bus_error_jump)
    siglongjmp (*bus_error_jump, 1);
  if ((previous_bus_action.sa_flags & SA_SIGINFO) && previous_bus_action.sa_sigaction)
    previous_bus_action.sa_sigaction (signal_number, info, context);
  else if (previous_bus_action.sa_handler != SIG_DFL && previous_bus_action.sa_handler != SIG_IGN)
    previous_bus_action.sa_handler (signal_number);
  else
    {
      signal (SIGBUS, SIG_DFL);
      raise (SIGBUS);
    }
}

static void
install_bus_error_handler (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      struct sigaction action = { 0 };

      action.sa_sigaction = on_bus_error;
      action.sa_flags = SA_SIGINFO | SA_NODEFER;
      sigemptyset (&action.sa_mask);
      sigaction (SIGBUS, &action, &previous_bus_action);
      g_once_init_leave (&installed, 1);
    }
}

/* Runs func (data), reading the mapping; FALSE when the file changed under
 * it (func was cut short: what it allocated may be lost, never used). */
static gboolean
run_guarded (void   (*func) (gpointer data),
             gpointer data)
{
  sigjmp_buf jump;
  sigjmp_buf *outer = bus_error_jump;

  if (sigsetjmp (jump, 1) != 0)
    {
      bus_error_jump = outer;
      return FALSE;
    }
  bus_error_jump = &jump;
  func (data);
  bus_error_jump = outer;
  return TRUE;
}

/* Progress runs over the file's bytes. A source that is copied first
 * (a pipe, a converted encoding) spends the first half of it copying. */
typedef struct
{
  AtlasCsvProgressFunc func;
  gpointer data;
  guint64 total;
  double phase_start;
  double phase_share;
  guint64 reported;
} Progress;

static void
report_progress (Progress *progress,
                 double    phase_fraction)
{
  guint64 done;

  if (!progress->func || progress->total == 0)
    return;
  done = (guint64) (progress->total * (progress->phase_start + progress->phase_share * CLAMP (phase_fraction, 0, 1)));
  if (done < progress->reported)
    return;
  progress->reported = done;
  progress->func (done, progress->total, progress->data);
}

static void
start_copy_phase (Progress *progress)
{
  progress->phase_start = 0;
  progress->phase_share = 0.5;
}

static void
start_parse_phase (Progress *progress,
                   gboolean  after_copy)
{
  progress->phase_start = after_copy ? 0.5 : 0;
  progress->phase_share = after_copy ? 0.5 : 1;
}

/* Copies a stream into an unlinked temporary file and maps it: a pipe can
 * then be sampled, split and re-read like any file, and a converted file
 * never has to fit in memory. */
static GMappedFile *
spool_to_mapped_file (GInputStream   *input,
                      const char     *path,
                      guint64         size_hint,
                      Progress       *progress,
                      GCancellable   *cancellable,
                      GError        **error)
{
  g_autofree char *tmp_path = NULL;
  g_autofree char *buffer = g_malloc (SPOOL_BLOCK_BYTES);
  g_autoptr (GError) local_error = NULL;
  guint64 copied = 0;
  GMappedFile *mapped;
  int fd;

  fd = g_file_open_tmp ("silicon-atlas-XXXXXX.csv", &tmp_path, &local_error);
  if (fd < 0)
    {
      /* Translators: every reader message follows "file:line:column: ";
       * %s here is the system's reason. */
      set_file_error (error, ATLAS_CSV_ERROR_IO, path, 1, 1, _("no room for a temporary copy: %s"),
                      local_error->message);
      return NULL;
    }
  g_unlink (tmp_path);
  start_copy_phase (progress);

  for (;;)
    {
      gssize n = g_input_stream_read (input, buffer, SPOOL_BLOCK_BYTES, cancellable, &local_error);
      gsize written = 0;

      if (n < 0)
        {
          close (fd);
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            set_file_error (error, ATLAS_CSV_ERROR_IO, path, 1, 1, _("could not be read: %s"),
                            local_error->message);
          return NULL;
        }
      if (n == 0)
        break;
      while (written < (gsize) n)
        {
          gssize w = write (fd, buffer + written, n - written);
          if (w < 0 && errno == EINTR)
            continue;
          if (w < 0)
            {
              int saved = errno;
              close (fd);
              set_file_error (error, ATLAS_CSV_ERROR_IO, path, 1, 1,
                              _("no room for a temporary copy: %s"), g_strerror (saved));
              return NULL;
            }
          written += w;
        }
      copied += n;
      if (size_hint > 0)
        report_progress (progress, (double) copied / size_hint);
    }

  if (copied == 0)
    {
      close (fd);
      set_file_error (error, ATLAS_CSV_ERROR_EMPTY, path, 1, 1, _("the file is empty"));
      return NULL;
    }
  mapped = g_mapped_file_new_from_fd (fd, FALSE, &local_error);
  close (fd);
  if (!mapped)
    set_file_error (error, ATLAS_CSV_ERROR_IO, path, 1, 1, _("could not be read: %s"), local_error->message);
  return mapped;
}

static gboolean
open_raw (const char     *path,
          GMappedFile   **out_mapped,
          Progress       *progress,
          GCancellable   *cancellable,
          GError        **error)
{
  struct stat st;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    {
      int saved = errno;
      if (saved == ENOENT || saved == ENOTDIR)
        set_file_error (error, ATLAS_CSV_ERROR_NOT_FOUND, path, 1, 1, _("no such file"));
      else if (saved == EACCES || saved == EPERM)
        set_file_error (error, ATLAS_CSV_ERROR_PERMISSION, path, 1, 1,
                        _("permission denied: you may not read this file"));
      else
        set_file_error (error, ATLAS_CSV_ERROR_IO, path, 1, 1, _("could not be opened: %s"),
                        g_strerror (saved));
      return FALSE;
    }
  if (fstat (fd, &st) != 0)
    {
      int saved = errno;
      close (fd);
      set_file_error (error, ATLAS_CSV_ERROR_IO, path, 1, 1, _("could not be read: %s"), g_strerror (saved));
      return FALSE;
    }
  if (S_ISDIR (st.st_mode))
    {
      close (fd);
      set_file_error (error, ATLAS_CSV_ERROR_NOT_A_FILE, path, 1, 1, _("this is a folder, not a CSV file"));
      return FALSE;
    }

  if (S_ISREG (st.st_mode))
    {
      g_autoptr (GError) local_error = NULL;

      if (st.st_size == 0)
        {
          close (fd);
          set_file_error (error, ATLAS_CSV_ERROR_EMPTY, path, 1, 1, _("the file is empty"));
          return FALSE;
        }
      *out_mapped = g_mapped_file_new_from_fd (fd, FALSE, &local_error);
      close (fd);
      if (!*out_mapped)
        {
          set_file_error (error, ATLAS_CSV_ERROR_IO, path, 1, 1, _("could not be read: %s"),
                          local_error->message);
          return FALSE;
        }
      return TRUE;
    }

  /* A pipe, a FIFO or a device: copy it first. */
  {
    g_autoptr (GInputStream) input = g_unix_input_stream_new (fd, TRUE);
    *out_mapped = spool_to_mapped_file (input, path, 0, progress, cancellable, error);
    return *out_mapped != NULL;
  }
}

/* Line and byte column of an offset, for errors found before parsing. */
static void
locate_offset (const char *data,
               gsize       offset,
               guint64    *out_line,
               guint      *out_column)
{
  guint64 line = 1;
  gsize line_start = 0;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      {
        line++;
        line_start = i + 1;
      }
  *out_line = line;
  *out_column = (guint) (offset - line_start) + 1;
}

/* The ASCII character in the code unit at offset i, or '\0' for any other. */
static char
ascii_at (const guint8      *bytes,
          gsize              i,
          AtlasTextEncoding  encoding)
{
  switch (encoding)
    {
    case ATLAS_TEXT_ENCODING_UTF16LE:
      return bytes[i + 1] == 0 && bytes[i] < 0x80 ? (char) bytes[i] : '\0';
    case ATLAS_TEXT_ENCODING_UTF16BE:
      return bytes[i] == 0 && bytes[i + 1] < 0x80 ? (char) bytes[i + 1] : '\0';
    default:
      /* No other encoding the reader knows puts ASCII bytes inside a character. */
      return (char) bytes[i];
    }
}

/* Does the code unit at offset i end a line? A CR before an LF does not:
 * a cut between them would leave half a line end. */
static gboolean
ends_line_at (const guint8      *bytes,
              gsize              len,
              gsize              i,
              gsize              unit,
              AtlasTextEncoding  encoding)
{
  char c = ascii_at (bytes, i, encoding);

  return c == '\n' || (c == '\r' && !(i + 2 * unit <= len && ascii_at (bytes, i + unit, encoding) == '\n'));
}

/* How many of the file's bytes a read of at most max_bytes takes: up to
 * the end of the last whole line in them, or of the first line when even
 * that one is longer. Found in the raw bytes, so that only what is read
 * gets converted. */
static gsize
length_to_read (const guint8      *bytes,
                gsize              len,
                gsize              bom_len,
                AtlasTextEncoding  encoding,
                guint64            max_bytes)
{
  gsize unit = (encoding == ATLAS_TEXT_ENCODING_UTF16LE || encoding == ATLAS_TEXT_ENCODING_UTF16BE) ? 2 : 1;
  gsize limit;

  if (max_bytes == 0 || max_bytes >= len)
    return len;
  limit = MAX ((gsize) max_bytes - (gsize) max_bytes % unit, bom_len);
  for (gsize end = limit; end >= bom_len + unit; end -= unit)
    if (ends_line_at (bytes, len, end - unit, unit, encoding))
      return end;
  for (gsize i = limit; i + unit <= len; i += unit)
    if (ends_line_at (bytes, len, i, unit, encoding))
      return i + unit;
  return len;
}

static gboolean
open_source (const char            *path,
             const AtlasCsvOptions *options,
             CsvSource             *source,
             Progress              *progress,
             GCancellable          *cancellable,
             GError               **error)
{
  GMappedFile *raw = NULL;
  const guint8 *bytes;
  gsize len, head_len, bom_len, read_len, offending = 0;

  if (!open_raw (path, &raw, progress, cancellable, error))
    return FALSE;

  bytes = (const guint8 *) g_mapped_file_get_contents (raw);
  len = g_mapped_file_get_length (raw);
  head_len = MIN (len, HEAD_BYTES);
  if (options->force_encoding)
    {
      source->encoding = options->encoding;
      bom_len = atlas_text_encoding_bom_length (bytes, len, source->encoding);
    }
  else
    source->encoding = atlas_text_encoding_detect (bytes, head_len, head_len == len, &bom_len);
  source->has_bom = bom_len > 0;
  read_len = length_to_read (bytes, len, bom_len, source->encoding, options->max_bytes);
  source->truncated = read_len < len;
  if (source->truncated)
    progress->total = read_len;

  if (atlas_text_encoding_classify (bytes + bom_len, head_len - bom_len, source->encoding, &offending)
      == ATLAS_TEXT_KIND_BINARY)
    {
      guint64 line;
      guint column;

      locate_offset ((const char *) bytes, bom_len + offending, &line, &column);
      set_file_error (error, ATLAS_CSV_ERROR_BINARY, path, line, column,
                      /* Translators: the first byte that cannot be text, in hexadecimal. */
                      _("this is a binary file, not CSV text (byte 0x%02x)"), bytes[bom_len + offending]);
      g_mapped_file_unref (raw);
      return FALSE;
    }

  if (source->encoding == ATLAS_TEXT_ENCODING_UTF8)
    {
      source->mapped = raw;
      source->data = (const char *) bytes + bom_len;
      source->len = read_len - bom_len;
    }
  else
    {
      g_autoptr (GConverter) converter = atlas_text_encoding_new_converter (source->encoding);
      g_autoptr (GInputStream) raw_stream = NULL;
      g_autoptr (GInputStream) converted = NULL;

      if (!converter)
        {
          /* Translators: %s names a text encoding, such as GB18030. */
          set_file_error (error, ATLAS_CSV_ERROR_IO, path, 1, 1, _("this system cannot convert %s text"),
                          atlas_text_encoding_get_name (source->encoding));
          g_mapped_file_unref (raw);
          return FALSE;
        }
      raw_stream = g_memory_input_stream_new_from_data (bytes + bom_len, read_len - bom_len, NULL);
      converted = g_converter_input_stream_new (raw_stream, converter);
      source->mapped = spool_to_mapped_file (converted, path, read_len, progress, cancellable, error);
      g_mapped_file_unref (raw);
      if (!source->mapped)
        return FALSE;
      source->data = g_mapped_file_get_contents (source->mapped);
      source->len = g_mapped_file_get_length (source->mapped);
    }

  if (source->len == 0)
    {
      set_file_error (error, ATLAS_CSV_ERROR_EMPTY, path, 1, 1, _("the file is empty"));
      g_clear_pointer (&source->mapped, g_mapped_file_unref);
      return FALSE;
    }
  return TRUE;
}

/* Where a quoted field opens that is still open at the end of data;
 * FALSE when every quote closes. A doubled quote inside a quoted field
 * is a quote character, not its end. */
static gboolean
find_unclosed_quote (const char *data,
                     gsize       len,
                     char        quote,
                     gsize      *out_offset)
{
  gboolean quoted = FALSE;
  gsize opened = 0;

  if (!quote)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (data[i] != quote)
        continue;
      if (quoted && i + 1 < len && data[i + 1] == quote)
        i++;
      else
        {
          quoted = !quoted;
          opened = i;
        }
    }
  *out_offset = opened;
  return quoted;
}

typedef struct
{
  AtlasCsvChunk *chunks;
  guint n_chunks;
  GCancellable *cancellable;
  GMutex lock;
  GCond done_changed;
  guint n_done;
} ChunkRun;

typedef struct
{
  ChunkRun *run;
  guint index;
} ChunkJob;

static void
parse_chunk_guarded (gpointer data)
{
  ChunkJob *job = data;

  atlas_csv_chunk_parse (&job->run->chunks[job->index], job->run->cancellable);
}

static gpointer
run_chunk_job (gpointer data)
{
  ChunkJob *job = data;
  ChunkRun *run = job->run;

  if (!run_guarded (parse_chunk_guarded, job))
    run->chunks[job->index].file_changed = TRUE;
  g_mutex_lock (&run->lock);
  run->n_done++;
  g_cond_signal (&run->done_changed);
  g_mutex_unlock (&run->lock);
  return NULL;
}

/* Splits the data region at line starts, parses every piece on its own
 * thread, and waits, reporting progress from the calling thread. */
static void
parse_chunks (const CsvSource    *source,
              const AtlasCsvPlan *plan,
              guint               n_threads,
              Progress           *progress,
              GCancellable       *cancellable,
              ChunkRun           *run)
{
  const char *start = source->data + plan->data_offset;
  const char *end = source->data + source->len;
  gsize region = end - start;
  guint n_chunks = 1;
  GThread **threads;
  ChunkJob *jobs;
  const char *chunk_start = start;

  if (region >= MIN_PARALLEL_BYTES && n_threads > 1)
    n_chunks = (guint) MIN ((gsize) n_threads, region / MIN_CHUNK_BYTES);

  run->chunks = g_new0 (AtlasCsvChunk, n_chunks);
  run->cancellable = cancellable;
  g_mutex_init (&run->lock);
  g_cond_init (&run->done_changed);

  for (guint i = 0; i < n_chunks; i++)
    {
      const char *chunk_end = end;

      if (i + 1 < n_chunks)
        {
          const char *split = start + region / n_chunks * (i + 1);
          const char *line_end = split > chunk_start ? memchr (split, plan->terminator, end - split) : NULL;
          chunk_end = line_end ? line_end + 1 : end;
        }
      atlas_csv_chunk_init (&run->chunks[i], plan, chunk_start, chunk_end, chunk_end == end);
      chunk_start = chunk_end;
      if (chunk_end == end)
        {
          n_chunks = i + 1;
          break;
        }
    }
  run->n_chunks = n_chunks;

  /* One chunk and nobody waiting for progress: no thread to start. */
  if (n_chunks == 1 && !progress->func)
    {
      atlas_csv_chunk_parse (&run->chunks[0], cancellable);
      return;
    }

  threads = g_new0 (GThread *, n_chunks);
  jobs = g_new0 (ChunkJob, n_chunks);
  for (guint i = 0; i < n_chunks; i++)
    {
      jobs[i].run = run;
      jobs[i].index = i;
      /* Where no thread can be made (memory short, too many threads),
       * this one parses the chunk itself: slower, never an abort. */
      threads[i] = g_thread_try_new ("atlas-csv-chunk", run_chunk_job, &jobs[i], NULL);
      if (!threads[i])
        run_chunk_job (&jobs[i]);
    }

  g_mutex_lock (&run->lock);
  while (run->n_done < n_chunks)
    {
      if (progress->func)
        {
          guint64 done = plan->data_offset;

          g_cond_wait_until (&run->done_changed, &run->lock, g_get_monotonic_time () + 50 * G_TIME_SPAN_MILLISECOND);
          g_mutex_unlock (&run->lock);
          for (guint i = 0; i < n_chunks; i++)
            done += atomic_load_explicit ((_Atomic gint64 *) &run->chunks[i].bytes_done, memory_order_relaxed);
          report_progress (progress, (double) done / source->len);
          g_mutex_lock (&run->lock);
        }
      else
        g_cond_wait (&run->done_changed, &run->lock);
    }
  g_mutex_unlock (&run->lock);

  for (guint i = 0; i < n_chunks; i++)
    if (threads[i])
      g_thread_join (threads[i]);
  g_free (threads);
  g_free (jobs);
}

static void
chunk_run_clear (ChunkRun *run)
{
  for (guint i = 0; i < run->n_chunks; i++)
    atlas_csv_chunk_clear (&run->chunks[i]);
  g_free (run->chunks);
  g_mutex_clear (&run->lock);
  g_cond_clear (&run->done_changed);
  memset (run, 0, sizeof *run);
}

static void
problem_free (gpointer data)
{
  AtlasCsvProblem *problem = data;

  g_free (problem->message);
  g_free (problem);
}

/* Copied at most this much at a time, the source's pages handed back
 * after each step: columns joined side by side on every core add this
 * much each to the peak, not half a column. */
#define JOIN_STEP_BYTES (1 << 20)

/* Columns joined on several threads from this size. */
#define PARALLEL_JOIN_BYTES (32 << 20)

/* One file column's cells from every chunk in one array: the first
 * chunk's array is grown in place and the others copied after it and
 * freed, so the join needs little more memory than the table itself.
 * NULL when memory runs out, the first chunk's array left as it was. */
static char *
join_cells (ChunkRun           *run,
            const AtlasCsvPlan *plan,
            guint               col,
            gsize               n_rows)
{
  gboolean is_text = plan->columns[col].type == ATLAS_COLUMN_TEXT;
  gsize cell_size = is_text ? sizeof (char *) : sizeof (double);
  gpointer *first = is_text ? (gpointer *) &run->chunks[0].texts[col] : (gpointer *) &run->chunks[0].numbers[col];
  char *cells = g_try_realloc_n (*first, MAX (n_rows, 1), cell_size);
  gsize row = run->chunks[0].n_rows;

  if (!cells)
    return NULL;
  *first = NULL;
  for (guint i = 1; i < run->n_chunks; i++)
    {
      AtlasCsvChunk *chunk = &run->chunks[i];
      gpointer *part = is_text ? (gpointer *) &chunk->texts[col] : (gpointer *) &chunk->numbers[col];

      const char *from = *part;
      gsize bytes = chunk->n_rows * cell_size;

      for (gsize done = 0; done < bytes; done += MIN (bytes - done, JOIN_STEP_BYTES))
        {
          gsize step = MIN (bytes - done, JOIN_STEP_BYTES);

          memcpy (cells + row * cell_size + done, from + done, step);
          atlas_csv_release_pages (from + done, from + done + step);
        }
      g_clear_pointer (part, g_free);
      row += chunk->n_rows;
    }
  return cells;
}

/* The columns to join, taken one at a time by each joining thread. */
typedef struct
{
  ChunkRun *run;
  const AtlasCsvPlan *plan;
  gsize n_rows;
  char **cells; /* per file column: its joined cells, NULL when ignored or out of memory */
  gint next;
} ColumnJoin;

static gpointer
join_columns_in_thread (gpointer data)
{
  ColumnJoin *join = data;

  for (guint col; (col = (guint) g_atomic_int_add (&join->next, 1)) < join->plan->n_columns;)
    if (!join->plan->columns[col].ignored)
      join->cells[col] = join_cells (join->run, join->plan, col, join->n_rows);
  return NULL;
}

/* Joins every kept column's cells, on as many threads as the chunks were
 * read on: copying hundreds of megabytes and touching their pages for
 * the first time is work for every core, not one. Then gives each to a
 * table column, in file order; FALSE when memory ran out. */
static gboolean
join_columns (ChunkRun           *run,
              const AtlasCsvPlan *plan,
              AtlasTable         *table,
              gsize               n_rows)
{
  g_autofree char **cells = g_new0 (char *, plan->n_columns);
  ColumnJoin join = { run, plan, n_rows, cells, 0 };
  /* Smaller columns join in less time than threads take to start, and
   * side by side would hold more of them twice at once. */
  guint n_threads = run->n_chunks > 1 && n_rows * sizeof (double) >= PARALLEL_JOIN_BYTES
                      ? MIN (run->n_chunks, plan->n_columns)
                      : 1;
  g_autofree GThread **threads = g_new0 (GThread *, n_threads);
  gboolean joined = TRUE;

  for (guint i = 1; i < n_threads; i++)
    threads[i] = g_thread_try_new ("atlas-csv-join", join_columns_in_thread, &join, NULL);
  join_columns_in_thread (&join);
  for (guint i = 1; i < n_threads; i++)
    if (threads[i])
      g_thread_join (threads[i]);

  for (guint col = 0; col < plan->n_columns; col++)
    joined &= plan->columns[col].ignored || cells[col] != NULL;
  for (guint col = 0; col < plan->n_columns; col++)
    {
      AtlasColumn *column;

      if (plan->columns[col].ignored)
        continue;
      if (!joined)
        {
          g_free (cells[col]);
          continue;
        }
      column = atlas_table_append_column (table, plan->names[col], plan->columns[col].type);
      if (plan->columns[col].type == ATLAS_COLUMN_TEXT)
        column->texts = (const char **) cells[col];
      else
        column->numbers = (double *) cells[col];
      for (guint i = 0; i < run->n_chunks; i++)
        {
          column->n_missing += run->chunks[i].n_missing[col];
          column->n_invalid += run->chunks[i].n_invalid[col];
        }
      column->unit = g_strdup (plan->units[col]);
      column->date_unit = plan->date_units[col];
    }
  return joined;
}

/* Lines of one field under a table of several, with nothing but such
 * lines after them ("Note: figures are estimates."), are notes on the
 * table, not rows: the last rows are taken off, and each row's problem
 * says it is left out as a note. Only where the first column holds text,
 * where the note's words went; in a column of numbers its cell is
 * already a problem of its own. */
static void
drop_trailing_notes (ChunkRun           *run,
                     const AtlasCsvPlan *plan)
{
  AtlasCsvChunk *last = NULL;
  gsize kept;

  for (guint i = run->n_chunks; i-- > 0 && !last;)
    if (run->chunks[i].n_rows > 0)
      last = &run->chunks[i];
  if (!last || last->trailing_notes == 0 || last->trailing_notes >= last->n_rows || plan->n_columns < 2
      || plan->columns[0].ignored || plan->columns[0].type != ATLAS_COLUMN_TEXT)
    return;
  kept = last->n_rows - last->trailing_notes;
  for (gsize row = kept; row < last->n_rows; row++)
    {
      /* A note that is only a missing-value marker, such as "?", was
       * counted missing in the first column too. */
      if (last->texts[0][row] == NULL)
        last->n_missing[0]--;
      for (guint col = 1; col < plan->n_columns; col++)
        if (!plan->columns[col].ignored)
          last->n_missing[col]--;
    }
  for (guint p = 0; p < last->problems->len; p++)
    {
      AtlasChunkProblem *problem = &g_array_index (last->problems, AtlasChunkProblem, p);
      g_autofree char *shown = NULL;

      if (problem->row < kept)
        continue;
      shown = atlas_csv_describe_cell (last->texts[0][problem->row] ? last->texts[0][problem->row] : "",
                                       last->texts[0][problem->row] ? strlen (last->texts[0][problem->row]) : 0);
      g_free (problem->message);
      /* Translators: the words of a line under a table, left out of it. */
      problem->message = g_strdup_printf (_("a note under the table, not a row of it: “%s”"), shown);
      problem->row = G_MAXSIZE;
      problem->column = 1;
    }
  /* The rows as written go with them. */
  if (last->raw_rows && last->raw_rows->len > kept)
    g_ptr_array_set_size (last->raw_rows, (guint) kept);
  last->n_rows = kept;
}

/* The table's column of the file's field col (0-based), counting only
 * the columns not ignored; -1 for a field the table has no column for. */
static int
table_column_of (const AtlasCsvPlan *plan,
                 guint               col)
{
  int index = 0;

  if (col >= plan->n_columns || plan->columns[col].ignored)
    return -1;
  for (guint c = 0; c < col; c++)
    if (!plan->columns[c].ignored)
      index++;
  return index;
}

/* A problem for each header cell that was not valid text: its name was
 * repaired, and the person should know the name differs from the file. */
static void
add_header_problems (const AtlasCsvPlan *plan,
                     AtlasCsvResult     *result)
{
  for (guint col = 0; col < plan->n_columns; col++)
    {
      AtlasCsvProblem *problem;

      if (!plan->columns[col].name_repaired)
        continue;
      result->n_problems++;
      if (result->problems->len >= ATLAS_CSV_MAX_KEPT_PROBLEMS)
        continue;
      problem = g_new0 (AtlasCsvProblem, 1);
      problem->line = plan->header_line;
      problem->column = col + 1;
      problem->row = G_MAXUINT64;
      problem->table_column = table_column_of (plan, col);
      /* Translators: %s names a text encoding, such as UTF-8. */
      problem->message = g_strdup_printf (_("the column name is not valid %s; unreadable bytes are shown as \xef\xbf\xbd"),
                                          atlas_text_encoding_get_name (plan->dialect.encoding));
      g_ptr_array_add (result->problems, problem);
    }
}

/* Joins the chunks into one table of the columns kept, in file order,
 * with their problems and raw rows; NULL when memory runs out. */
static AtlasTable *
join_chunks (ChunkRun           *run,
             const AtlasCsvPlan *plan,
             AtlasCsvResult     *result)
{
  gsize n_rows = 0;
  guint64 line = plan->data_first_line;
  guint64 rows_before = 0;
  AtlasTable *table;

  drop_trailing_notes (run, plan);
  for (guint i = 0; i < run->n_chunks; i++)
    n_rows += run->chunks[i].n_rows;
  table = atlas_table_new (n_rows);

  if (!join_columns (run, plan, table, n_rows))
    {
      atlas_table_unref (table);
      return NULL;
    }

  add_header_problems (plan, result);
  for (guint i = 0; i < run->n_chunks; i++)
    {
      AtlasCsvChunk *chunk = &run->chunks[i];

      atlas_table_adopt_strings (table, g_steal_pointer (&chunk->strings), chunk->string_bytes);
      for (guint p = 0; p < chunk->problems->len; p++)
        {
          AtlasChunkProblem *from = &g_array_index (chunk->problems, AtlasChunkProblem, p);
          if (result->problems->len < ATLAS_CSV_MAX_KEPT_PROBLEMS)
            {
              AtlasCsvProblem *problem = g_new0 (AtlasCsvProblem, 1);
              problem->line = line + from->line;
              problem->column = from->column;
              problem->message = g_steal_pointer (&from->message);
              problem->row = from->row == G_MAXSIZE ? G_MAXUINT64 : rows_before + from->row;
              problem->table_column = from->row == G_MAXSIZE || from->column == 0 ? -1
                                                                                   : table_column_of (plan, from->column - 1);
              g_ptr_array_add (result->problems, problem);
            }
        }
      result->n_problems += chunk->n_problems;
      line += chunk->n_lines;
      rows_before += chunk->n_rows;
      if (chunk->raw_rows)
        g_ptr_array_extend_and_steal (result->raw_rows, g_steal_pointer (&chunk->raw_rows));
    }
  return table;
}

/* A column the sample typed as numbers or dates but where too many cells
 * failed: the file as a whole says it is text. A type the person chose
 * stays, its failed cells counted as invalid. */
static gboolean
retype_failed_columns (AtlasCsvPlan *plan,
                       AtlasTable   *table)
{
  gboolean changed = FALSE;

  for (guint col = 0; col < plan->n_columns; col++)
    {
      const AtlasColumn *column;
      gsize present;

      if (plan->columns[col].ignored || plan->columns[col].forced)
        continue;
      column = atlas_table_get_column (table, plan->columns[col].table_column);
      present = atlas_table_get_n_rows (table) - column->n_missing + column->n_invalid;
      if (column->type != ATLAS_COLUMN_TEXT && column->n_invalid > present / 3)
        {
          plan->columns[col].type = ATLAS_COLUMN_TEXT;
          g_clear_pointer (&plan->units[col], g_free);
          changed = TRUE;
        }
    }
  return changed;
}

/* Where the row that began on a line of the chunk begins in the data. */
static const char *
chunk_line_start (const AtlasCsvChunk *chunk,
                  guint64              line)
{
  const char *p = chunk->start;

  for (guint64 i = 0; i < line && p < chunk->end; i++)
    {
      const char *line_end = memchr (p, chunk->plan->terminator, chunk->end - p);
      p = line_end ? line_end + 1 : chunk->end;
    }
  return p;
}

/* DAY_FIRST or MONTH_FIRST when every loaded column of d/m/y or m/d/y
 * dates reads them that way; DETECT when there are none, or both kinds,
 * which reading again with DETECT gives back. */
static AtlasDateOrder
loaded_date_order (const AtlasCsvPlan *plan)
{
  gboolean day_first = FALSE, month_first = FALSE;

  for (guint col = 0; col < plan->n_columns; col++)
    {
      const AtlasColumnPlan *column = &plan->columns[col];

      if (column->ignored || column->type != ATLAS_COLUMN_DATE)
        continue;
      day_first |= column->date_format == ATLAS_DATE_FORMAT_DAY_MONTH_YEAR;
      month_first |= column->date_format == ATLAS_DATE_FORMAT_MONTH_DAY_YEAR;
    }
  if (day_first == month_first)
    return ATLAS_DATE_ORDER_DETECT;
  return day_first ? ATLAS_DATE_ORDER_DAY_FIRST : ATLAS_DATE_ORDER_MONTH_FIRST;
}

static void
file_column_clear (gpointer data)
{
  AtlasCsvFileColumn *column = data;

  g_free (column->name);
}

static GArray *
list_file_columns (const AtlasCsvPlan *plan)
{
  GArray *columns = g_array_sized_new (FALSE, TRUE, sizeof (AtlasCsvFileColumn), plan->n_columns);

  g_array_set_clear_func (columns, file_column_clear);
  for (guint col = 0; col < plan->n_columns; col++)
    {
      AtlasCsvFileColumn column = {
        .name = g_strdup (plan->names[col]),
        .type = plan->columns[col].type,
        .ignored = plan->columns[col].ignored,
        .table_column = plan->columns[col].table_column,
        .decimal_mark = plan->columns[col].type == ATLAS_COLUMN_NUMBER ? plan->columns[col].number_format.decimal_mark
                                                                      : '\0',
      };
      g_array_append_val (columns, column);
    }
  return columns;
}

/* Parses and joins this many times at the most: a column retyped after a
 * parse needs another. */
#define MAX_JOINS 3

/* The reader's steps that read the mapping, as run_guarded() takes them. */
typedef struct
{
  const char *path;
  const AtlasCsvOptions *options;
  CsvSource *source;
  Progress *progress;
  GCancellable *cancellable;
  GError **error;
  gboolean opened;
} OpenCall;

static void
open_source_guarded (gpointer data)
{
  OpenCall *call = data;

  call->opened = open_source (call->path, call->options, call->source, call->progress, call->cancellable,
                              call->error);
}

typedef struct
{
  const CsvSource *source;
  const AtlasCsvOptions *options;
  AtlasCsvPlan *plan;
} SniffCall;

static void
sniff_guarded (gpointer data)
{
  SniffCall *call = data;

  atlas_csv_sniff (call->source->data, call->source->len, call->options, call->plan);
}

typedef struct
{
  const CsvSource *source;
  const AtlasCsvPlan *plan;
  guint n_threads;
  Progress *progress;
  GCancellable *cancellable;
  ChunkRun *run;
} ParseCall;

static void
parse_chunks_guarded (gpointer data)
{
  ParseCall *call = data;

  parse_chunks (call->source, call->plan, call->n_threads, call->progress, call->cancellable, call->run);
}

static void
set_file_changed_error (GError    **error,
                        const char *path)
{
  set_file_error (error, ATLAS_CSV_ERROR_CHANGED, path, 1, 1,
                  _("the file changed while it was read; open it again once it is written"));
}

static AtlasCsvResult *
read_file_once (const char            *path,
                const AtlasCsvOptions *options,
                AtlasCsvProgressFunc   progress_func,
                gpointer               progress_data,
                GCancellable          *cancellable,
                guint64               *out_quote_line,
                guint                 *out_quote_column,
                GError               **error)
{
  static const AtlasCsvOptions detect_everything = { 0 };
  CsvSource source = { 0 };
  AtlasCsvPlan plan = { 0 };
  g_autoptr (AtlasCsvResult) result = NULL;
  Progress progress = { progress_func, progress_data, 0 };
  guint n_threads, n_joins = 0;
  struct stat st;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!options)
    options = &detect_everything;
  n_threads = options->n_threads ? options->n_threads : g_get_num_processors ();
  n_threads = CLAMP (n_threads, 1, MAX_THREADS);

  progress.total = (g_stat (path, &st) == 0 && S_ISREG (st.st_mode)) ? (guint64) st.st_size : 0;
  install_bus_error_handler ();
  {
    OpenCall call = { path, options, &source, &progress, cancellable, error, FALSE };
    if (!run_guarded (open_source_guarded, &call))
      {
        set_file_changed_error (error, path);
        return NULL;
      }
    if (!call.opened)
      return NULL;
  }
  if (progress.total == 0)
    progress.total = source.len;
  start_parse_phase (&progress, progress.phase_share > 0);

  {
    SniffCall call = { &source, options, &plan };
    if (!run_guarded (sniff_guarded, &call))
      {
        set_file_changed_error (error, path);
        goto failed;
      }
  }
  plan.dialect.encoding = source.encoding;
  plan.dialect.has_bom = source.has_bom;
  if (plan.n_columns == 0)
    {
      gsize quote_offset;

      if (find_unclosed_quote (source.data, source.len, plan.dialect.quote, &quote_offset))
        {
          guint64 line;
          guint column;

          /* Not blank: one quoted field runs to the end of the file, so
           * no row ever ends. */
          locate_offset (source.data, quote_offset, &line, &column);
          *out_quote_line = line;
          *out_quote_column = column;
          set_file_error (error, ATLAS_CSV_ERROR_UNTERMINATED_QUOTE, path, line, column,
                          _("a quoted field opened here is never closed"));
        }
      else if (options->force_skip_lines)
        set_file_error (error, ATLAS_CSV_ERROR_EMPTY, path, 1, 1, _("the file holds no rows below line %u"),
                        options->skip_lines);
      else
        set_file_error (error, ATLAS_CSV_ERROR_EMPTY, path, 1, 1, _("the file holds only blank lines"));
      goto failed;
    }

  result = g_new0 (AtlasCsvResult, 1);
  result->problems = g_ptr_array_new_with_free_func (problem_free);
  result->truncated = source.truncated;

  for (;;)
    {
      ChunkRun run = { 0 };
      gboolean split_inside_quotes = FALSE;
      AtlasCsvChunk *last;

      {
        ParseCall call = { &source, &plan, n_threads, &progress, cancellable, &run };
        gboolean changed = !run_guarded (parse_chunks_guarded, &call);

        for (guint i = 0; !changed && i < run.n_chunks; i++)
          changed = run.chunks[i].file_changed;
        if (changed)
          {
            /* What the threads made is dropped with the run; a cut in
             * the split itself leaves the run half made, and lost. */
            if (run.n_done == run.n_chunks)
              chunk_run_clear (&run);
            set_file_changed_error (error, path);
            goto failed;
          }
      }
      last = &run.chunks[run.n_chunks - 1];

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          chunk_run_clear (&run);
          goto failed;
        }
      for (guint i = 0; i < run.n_chunks; i++)
        if (run.chunks[i].line_too_long)
          {
            /* The first chunk with one began on a row: earlier chunks are
             * whole, so the line number adds up. */
            guint64 line = plan.data_first_line + run.chunks[i].long_line;
            for (guint k = 0; k < i; k++)
              line += run.chunks[k].n_lines;
            set_file_error (error, ATLAS_CSV_ERROR_NOT_A_TABLE, path, line, 1,
                            _("this line is longer than %u MB: it is not a row of a table"),
                            ATLAS_CSV_MAX_LINE_BYTES / (1024 * 1024));
            chunk_run_clear (&run);
            goto failed;
          }
      for (guint i = 0; i < run.n_chunks; i++)
        if (run.chunks[i].out_of_memory)
          {
            set_file_error (error, ATLAS_CSV_ERROR_NO_MEMORY, path, 1, 1,
                            _("there is not enough memory to load this file"));
            chunk_run_clear (&run);
            goto failed;
          }
      /* A split is safe when the chunk before it ended outside quotes; by
       * induction from the first chunk, every chunk then began on a row.
       * One chunk cannot be split wrong: this runs once at the most. */
      for (guint i = 0; i + 1 < run.n_chunks; i++)
        split_inside_quotes |= run.chunks[i].ended_in_quote;
      if (split_inside_quotes)
        {
          chunk_run_clear (&run);
          n_threads = 1;
          continue;
        }
      if (last->ended_in_quote && source.truncated)
        {
          /* The preview's end cut a quoted field spanning lines: end it
           * before that row instead. The data gets shorter every time. */
          source.len = chunk_line_start (last, last->quote_line) - source.data;
          chunk_run_clear (&run);
          continue;
        }
      if (last->ended_in_quote)
        {
          guint64 line = plan.data_first_line + last->quote_line;
          for (guint i = 0; i + 1 < run.n_chunks; i++)
            line += run.chunks[i].n_lines;
          *out_quote_line = line;
          *out_quote_column = last->quote_column;
          set_file_error (error, ATLAS_CSV_ERROR_UNTERMINATED_QUOTE, path, line, last->quote_column,
                          _("a quoted field opened here is never closed"));
          chunk_run_clear (&run);
          goto failed;
        }

      g_clear_pointer (&result->table, atlas_table_unref);
      g_ptr_array_set_size (result->problems, 0);
      result->n_problems = 0;
      g_clear_pointer (&result->raw_rows, g_ptr_array_unref);
      if (plan.keep_raw_rows)
        result->raw_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      result->table = join_chunks (&run, &plan, result);
      chunk_run_clear (&run);
      if (!result->table)
        {
          set_file_error (error, ATLAS_CSV_ERROR_NO_MEMORY, path, 1, 1,
                          _("there is not enough memory to load this file"));
          goto failed;
        }
      /* The plan must keep describing the table: no retype after the last join. */
      if (++n_joins == MAX_JOINS || !retype_failed_columns (&plan, result->table))
        break;
    }

  report_progress (&progress, 1.0);
  plan.dialect.date_order = loaded_date_order (&plan);
  result->dialect = plan.dialect;
  result->file_columns = list_file_columns (&plan);
  atlas_csv_plan_clear (&plan);
  g_clear_pointer (&source.mapped, g_mapped_file_unref);
  return g_steal_pointer (&result);

failed:
  atlas_csv_plan_clear (&plan);
  g_clear_pointer (&source.mapped, g_mapped_file_unref);
  return NULL;
}

/* Reads the file at path as options say (NULL: detect everything). One
 * quote that never closes (a stray inch mark opening a field) would make
 * every row after it one field: the file is read again with no quote
 * character, and the quote is said as the first problem. */
AtlasCsvResult *
atlas_csv_read_file (const char            *path,
                     const AtlasCsvOptions *options,
                     AtlasCsvProgressFunc   progress_func,
                     gpointer               progress_data,
                     GCancellable          *cancellable,
                     GError               **error)
{
  g_autoptr (GError) local_error = NULL;
  guint64 quote_line = 0;
  guint quote_column = 0;
  AtlasCsvOptions without_quotes = { 0 };
  AtlasCsvResult *result;
  AtlasCsvProblem *problem;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  result = read_file_once (path, options, progress_func, progress_data, cancellable, &quote_line, &quote_column,
                           &local_error);
  if (result || !g_error_matches (local_error, ATLAS_CSV_ERROR, ATLAS_CSV_ERROR_UNTERMINATED_QUOTE)
      || (options && (options->no_quote || options->quote)))
    {
      if (!result)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return result;
    }
  if (options)
    without_quotes = *options;
  without_quotes.no_quote = TRUE;
  result = read_file_once (path, &without_quotes, progress_func, progress_data, cancellable, &quote_line,
                           &quote_column, NULL);
  if (!result)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  problem = g_new0 (AtlasCsvProblem, 1);
  problem->line = quote_line;
  problem->column = quote_column;
  problem->row = G_MAXUINT64;
  problem->table_column = -1;
  problem->message = g_strdup (_("a quote opened here is never closed: the file is read with no quote character, "
                                 "every quote mark as text"));
  g_ptr_array_insert (result->problems, 0, problem);
  if (result->problems->len > ATLAS_CSV_MAX_KEPT_PROBLEMS)
    g_ptr_array_set_size (result->problems, ATLAS_CSV_MAX_KEPT_PROBLEMS);
  result->n_problems++;
  return result;
}

void
atlas_csv_result_free (AtlasCsvResult *result)
{
  if (!result)
    return;
  g_clear_pointer (&result->table, atlas_table_unref);
  g_clear_pointer (&result->problems, g_ptr_array_unref);
  g_clear_pointer (&result->file_columns, g_array_unref);
  g_clear_pointer (&result->raw_rows, g_ptr_array_unref);
  g_free (result);
}
