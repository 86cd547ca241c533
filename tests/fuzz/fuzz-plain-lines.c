/* fuzz-plain-lines.c: libFuzzer differential harness: lines split without libcsv give what libcsv gives.
 *
 * Event by event (each field's bytes, each row end, the lines they are
 * on) and table by table. Split fields are not NUL-ended as libcsv's are:
 * a reader of the cells that looked past their length would read the
 * delimiter there, and the tables would differ. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE
#include <math.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "atlas-csv-private.h"
#include "csv-result-text.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Every field and row end the feeder hands on, with the line it is on. */
typedef struct
{
  AtlasLineFeeder feeder; /* first, as the reader's callbacks have it */
  GString *events;
} Recording;

static void
record_field (void  *cell,
              size_t len,
              void  *data)
{
  Recording *recording = data;

  g_string_append_printf (recording->events, "F%zu@%" G_GUINT64_FORMAT ":", len, recording->feeder.row_line);
  g_string_append_len (recording->events, cell, (gssize) len);
}

static void
record_row (int   terminator,
            void *data)
{
  Recording *recording = data;

  g_string_append_printf (recording->events, "R%d@%" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT ";", terminator,
                          recording->feeder.row_line, recording->feeder.line);
}

/* The events of feeding data line by line, as the reader feeds a chunk. */
static GString *
record_feeding (const char *data,
                gsize       size,
                char        delimiter,
                char        quote,
                char        terminator,
                gboolean    split_plain_lines)
{
  Recording recording = { .events = g_string_new (NULL) };
  const char *p = data;
  const char *end = data + size;

  atlas_csv_split_plain_lines = split_plain_lines;
  g_assert_true (atlas_line_feeder_init (&recording.feeder, delimiter, quote, terminator));
  while (p && p < end)
    p = atlas_line_feeder_feed (&recording.feeder, p, end, record_field, record_row, &recording);
  g_string_append_printf (recording.events, "end:%d;", p != NULL);
  if (p)
    g_string_append_printf (recording.events, "finished:%d",
                            atlas_line_feeder_finish (&recording.feeder, record_field, record_row, &recording));
  atlas_line_feeder_clear (&recording.feeder);
  atlas_csv_split_plain_lines = TRUE;
  return recording.events;
}

/* Everything a read of path gives, with or without lines split apart
 * from libcsv. */
static GString *
describe_read (const char *path,
               gboolean    split_plain_lines,
               guint       n_threads)
{
  AtlasCsvOptions options = { .n_threads = n_threads, .keep_raw_rows = TRUE };
  g_autoptr (GError) error = NULL;
  g_autoptr (AtlasCsvResult) result = NULL;

  atlas_csv_split_plain_lines = split_plain_lines;
  result = atlas_csv_read_file (path, &options, NULL, NULL, NULL, &error);
  atlas_csv_split_plain_lines = TRUE;
  if (!result)
    return g_string_new (error->message);
  return csv_result_to_text (result);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char delimiters[] = { ',', ';', '\t', ' ', '|' };
  static const char quotes[] = { '"', '\'', '\0' };
  guint8 flags = size > 0 ? data[0] : 0;
  const char *text = size > 0 ? (const char *) data + 1 : "";
  gsize text_size = size > 0 ? size - 1 : 0;
  char delimiter = delimiters[(flags & 0x7) % G_N_ELEMENTS (delimiters)];
  char quote = quotes[((flags >> 3) & 0x3) % G_N_ELEMENTS (quotes)];
  char terminator = (flags & 0x20) ? '\r' : '\n';
  g_autoptr (GString) split = record_feeding (text, text_size, delimiter, quote, terminator, TRUE);
  g_autoptr (GString) by_libcsv = record_feeding (text, text_size, delimiter, quote, terminator, FALSE);

  g_assert_cmpmem (split->str, split->len, by_libcsv->str, by_libcsv->len);

  /* The whole reader, one thread or two, gives the same table either way. */
  {
    int fd = memfd_create ("plain-lines.csv", MFD_CLOEXEC);
    g_autofree char *path = g_strdup_printf ("/proc/self/fd/%d", fd);
    guint n_threads = (flags & 0x40) ? 2 : 1;
    g_autoptr (GString) read_split = NULL;
    g_autoptr (GString) read_by_libcsv = NULL;

    g_assert_cmpint (fd, >=, 0);
    g_assert_cmpint (write (fd, text, text_size), ==, (gssize) text_size);
    read_split = describe_read (path, TRUE, n_threads);
    read_by_libcsv = describe_read (path, FALSE, n_threads);
    g_assert_cmpmem (read_split->str, read_split->len, read_by_libcsv->str, read_by_libcsv->len);
    close (fd);
  }
  return 0;
}
