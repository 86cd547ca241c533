/* bench-csv-reader.c: the full reader against bare libcsv on the same 1,000,000-row file, in one run.
 *
 * Each measurement runs in a child process of its own, so its peak memory
 * (the kernel's high-water mark of resident pages) is its alone. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <csv.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atlas-csv-reader.h"
#include "atlas-table.h"
#include "bench-process.h"

#define DEFAULT_ROWS 1000000
#define RUNS 7

typedef struct
{
  gsize fields;
  gsize rows;
} TokenCount;

static void
count_field (void  *cell,
             size_t len,
             void  *data)
{
  ((TokenCount *) data)->fields++;
}

static void
count_row (int   terminator,
           void *data)
{
  ((TokenCount *) data)->rows++;
}

/* The floor: libcsv tokenising the mapped bytes, nothing kept. */
static void
measure_bare_libcsv (const char *path)
{
  g_autoptr (GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);
  struct csv_parser parser;
  TokenCount count = { 0 };

  csv_init (&parser, 0);
  csv_parse (&parser, g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped), count_field,
             count_row, &count);
  csv_fini (&parser, count_field, count_row, &count);
  csv_free (&parser);
  printf ("%zu\n", count.rows);
}

typedef struct
{
  GArray *columns[4];
  guint field;
  gboolean header_done;
} StrtodColumns;

static void
strtod_field (void  *cell,
              size_t len,
              void  *data)
{
  StrtodColumns *columns = data;

  if (columns->header_done && columns->field < 4)
    {
      double value = g_ascii_strtod (cell, NULL);
      g_array_append_val (columns->columns[columns->field], value);
    }
  columns->field++;
}

static void
strtod_row (int   terminator,
            void *data)
{
  StrtodColumns *columns = data;

  columns->field = 0;
  columns->header_done = TRUE;
}

/* The usual hand-written loader, for reference: libcsv plus strtod. */
static void
measure_libcsv_strtod (const char *path)
{
  g_autoptr (GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);
  struct csv_parser parser;
  StrtodColumns columns = { 0 };

  for (guint i = 0; i < 4; i++)
    columns.columns[i] = g_array_new (FALSE, FALSE, sizeof (double));
  csv_init (&parser, CSV_APPEND_NULL);
  csv_parse (&parser, g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped), strtod_field,
             strtod_row, &columns);
  csv_fini (&parser, strtod_field, strtod_row, &columns);
  csv_free (&parser);
  printf ("%u\n", columns.columns[0]->len);
  for (guint i = 0; i < 4; i++)
    g_array_unref (columns.columns[i]);
}

static void
measure_reader (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AtlasCsvResult) result = atlas_csv_read_file (path, NULL, NULL, NULL, NULL, &error);

  if (!result)
    {
      fprintf (stderr, "%s\n", error->message);
      exit (1);
    }
  /* Rows, then the bytes the columns hold. */
  printf ("%zu %zu\n", atlas_table_get_n_rows (result->table), atlas_table_get_data_size (result->table));
}

/* The reader told to load only the first column, as an import that
 * ignores the rest: its memory should follow the one column kept. */
static void
measure_reader_one_column (const char *path)
{
  const AtlasColumnChoice ignore_rest[] = { ATLAS_COLUMN_CHOICE_DETECT, ATLAS_COLUMN_CHOICE_IGNORE,
                                            ATLAS_COLUMN_CHOICE_IGNORE, ATLAS_COLUMN_CHOICE_IGNORE };
  AtlasCsvOptions options = { .column_choices = ignore_rest, .n_column_choices = G_N_ELEMENTS (ignore_rest) };
  g_autoptr (GError) error = NULL;
  g_autoptr (AtlasCsvResult) result = atlas_csv_read_file (path, &options, NULL, NULL, NULL, &error);

  if (!result)
    {
      fprintf (stderr, "%s\n", error->message);
      exit (1);
    }
  printf ("%zu %zu\n", atlas_table_get_n_rows (result->table), atlas_table_get_data_size (result->table));
}

/* Runs this program again as `--measure WHAT FILE`. */
static BenchRun
run_child (const char *self,
           const char *what,
           const char *path)
{
  const char *argv[] = { self, "--measure", what, path, NULL };
  BenchRun run = bench_run_command (argv);

  if (!run.ok)
    g_error ("measuring %s failed", what);
  return run;
}

static char *
write_numbers_file (guint rows)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (1);
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("atlas-bench-XXXXXX.csv", &path, NULL);
  FILE *f = fdopen (fd, "w");

  fputs ("wafer_starts,yield,price_usd,capacity_share\n", f);
  for (guint i = 0; i < rows; i++)
    fprintf (f, "%u,%.4f,%.2f,%.6f\n", g_rand_int_range (rand, 0, 1000000), g_rand_double (rand),
             g_rand_double_range (rand, 0, 100000), g_rand_double_range (rand, -1, 1));
  fclose (f);
  return g_steal_pointer (&path);
}

int
main (int   argc,
      char *argv[])
{
  static const char *const contenders[] = { "bare-libcsv", "libcsv-strtod", "reader", "reader-1-of-4" };
  double seconds[G_N_ELEMENTS (contenders)][RUNS];
  long max_rss[G_N_ELEMENTS (contenders)] = { 0 };
  double medians[G_N_ELEMENTS (contenders)];
  g_autofree char *path = NULL;
  g_autofree char *self = NULL;
  BenchRun baseline;
  gsize rows_read = 0, data_size = 0, one_column_rows = 0, one_column_size = 0;
  double baseline_seconds[RUNS];
  double baseline_median, time_ratio, memory_ratio;
  guint rows = DEFAULT_ROWS;
  struct stat st;

  if (argc == 4 && g_str_equal (argv[1], "--measure"))
    {
      if (g_str_equal (argv[2], "bare-libcsv"))
        measure_bare_libcsv (argv[3]);
      else if (g_str_equal (argv[2], "libcsv-strtod"))
        measure_libcsv_strtod (argv[3]);
      else if (g_str_equal (argv[2], "reader"))
        measure_reader (argv[3]);
      else if (g_str_equal (argv[2], "reader-1-of-4"))
        measure_reader_one_column (argv[3]);
      else if (!g_str_equal (argv[2], "baseline"))
        return 2;
      return 0;
    }
  if (argc == 2)
    rows = (guint) g_ascii_strtoull (argv[1], NULL, 10);

  self = g_file_read_link ("/proc/self/exe", NULL);
  if (!self)
    self = g_strdup (argv[0]);
  path = write_numbers_file (rows);
  g_stat (path, &st);
  printf ("# %u rows x 4 numbers, %.1f MB, %u cores, median of %d runs each, interleaved\n", rows,
          st.st_size / 1e6, g_get_num_processors (), RUNS);

  /* Interleaved, so a noisy neighbour slows every contender alike. */
  for (guint run = 0; run < RUNS; run++)
    {
      baseline = run_child (self, "baseline", path);
      baseline_seconds[run] = baseline.seconds;
      bench_run_clear (&baseline);
      for (guint c = 0; c < G_N_ELEMENTS (contenders); c++)
        {
          BenchRun child = run_child (self, contenders[c], path);
          seconds[c][run] = child.seconds;
          max_rss[c] = MAX (max_rss[c], child.max_rss_kb);
          if (c == 2)
            sscanf (child.output, "%zu %zu", &rows_read, &data_size);
          if (c == 3)
            sscanf (child.output, "%zu %zu", &one_column_rows, &one_column_size);
          bench_run_clear (&child);
        }
    }
  baseline = run_child (self, "baseline", path);
  baseline_median = bench_median (baseline_seconds, RUNS);

  for (guint c = 0; c < G_N_ELEMENTS (contenders); c++)
    {
      medians[c] = bench_median (seconds[c], RUNS) - baseline_median;
      printf ("%-14s %8.3f s   peak RSS %7.1f MiB\n", contenders[c], medians[c], max_rss[c] / 1024.0);
    }
  bench_run_clear (&baseline);

  time_ratio = medians[2] / medians[0];
  memory_ratio = (max_rss[2] - baseline.max_rss_kb) * 1024.0 / data_size;
  printf ("reader rows read: %zu (expected %u)\n", rows_read, rows);
  printf ("time: reader / bare libcsv = %.2fx (target 1.5x, limit 2x); libcsv+strtod / bare libcsv = %.2fx\n",
          time_ratio, medians[1] / medians[0]);
  printf ("memory: reader peak above start-up %.1f MiB for %.1f MiB of columns = %.2fx (target 1.5x)\n",
          (max_rss[2] - baseline.max_rss_kb) / 1024.0, data_size / 1048576.0, memory_ratio);

  printf ("memory with 3 of 4 columns ignored: peak above start-up %.1f MiB for %.1f MiB of columns kept = %.2fx "
          "(%.0f%% of the peak with every column)\n",
          (max_rss[3] - baseline.max_rss_kb) / 1024.0, one_column_size / 1048576.0,
          (max_rss[3] - baseline.max_rss_kb) * 1024.0 / one_column_size,
          100.0 * (max_rss[3] - baseline.max_rss_kb) / (max_rss[2] - baseline.max_rss_kb));

  g_unlink (path);
  return rows_read == rows && one_column_rows == rows ? 0 : 1;
}
