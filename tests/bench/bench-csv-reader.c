/* bench-csv-reader.c: the reader beside bare libcsv, data.table's fread and pandas, on the same files in one run.
 *
 * Three files: 1,000,000 and 10,000,000 rows of four numbers, and a messy
 * 1,000,000 x 10 one (numbers, dates, text categories, quoted fields with
 * commas and quotes, missing values). Each measurement runs in a child
 * process of its own, so its peak memory (the kernel's high-water mark of
 * resident pages) is its alone; the runs of all contenders interleave, so a
 * noisy neighbour slows each alike. The peers are whole processes, as a
 * person runs them: `silicon-atlas --describe`, Rscript with fread, python3
 * with pandas. */
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

#define RUNS 5

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

/* The reader in this process, each column but those ignored kept:
 * prints the rows and the bytes the columns hold. */
static void
measure_reader (const char *path,
                gboolean    first_column_only)
{
  const AtlasColumnChoice ignore_rest[] = { ATLAS_COLUMN_CHOICE_DETECT, ATLAS_COLUMN_CHOICE_IGNORE,
                                            ATLAS_COLUMN_CHOICE_IGNORE, ATLAS_COLUMN_CHOICE_IGNORE };
  AtlasCsvOptions options = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (AtlasCsvResult) result = NULL;

  if (first_column_only)
    {
      options.column_choices = ignore_rest;
      options.n_column_choices = G_N_ELEMENTS (ignore_rest);
    }
  result = atlas_csv_read_file (path, &options, NULL, NULL, NULL, &error);
  if (!result)
    {
      fprintf (stderr, "%s\n", error->message);
      exit (1);
    }
  printf ("%zu %zu\n", atlas_table_get_n_rows (result->table), atlas_table_get_data_size (result->table));
}

static FILE *
open_temporary_file (const char  *template,
                     char       **out_path)
{
  int fd = g_file_open_tmp (template, out_path, NULL);
  FILE *f = fd >= 0 ? fdopen (fd, "w") : NULL;

  if (!f)
    g_error ("cannot write a file for the benchmark in %s", g_get_tmp_dir ());
  return f;
}

static char *
write_numbers_file (guint rows)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (1);
  g_autofree char *path = NULL;
  FILE *f = open_temporary_file ("atlas-bench-XXXXXX.csv", &path);

  fputs ("wafer_starts,yield,price_usd,capacity_share\n", f);
  for (guint i = 0; i < rows; i++)
    fprintf (f, "%u,%.4f,%.2f,%.6f\n", g_rand_int_range (rand, 0, 1000000), g_rand_double (rand),
             g_rand_double_range (rand, 0, 100000), g_rand_double_range (rand, -1, 1));
  fclose (f);
  return g_steal_pointer (&path);
}

/* Ten columns as a real export has them: an id, ISO dates, two text
 * categories (one of names with commas, quoted), amounts with gaps, a
 * percentage, counts with "NA", a quoted free-text note with commas and
 * doubled quotes, a price and a yes/no flag. */
static char *
write_messy_file (guint rows)
{
  static const char *const regions[] = { "Shanghai", "Beijing", "Jiangsu", "Guangdong", "Hubei", "Anhui",
                                         "Zhejiang", "Sichuan" };
  static const char *const companies[] = { "\"SMIC, Ltd.\"", "\"Hua Hong, Inc.\"", "YMTC", "CXMT", "\"Naura, Co.\"",
                                           "AMEC", "\"SiEn (Qingdao), Ltd.\"", "Nexchip", "\"GTA, Semiconductor\"",
                                           "Wingtech" };
  static const char *const notes[] = { "\"capacity up, yields steady\"", "\"new line, \"\"phase 2\"\"\"", "",
                                       "estimate", "\"delayed, see filing\"" };
  g_autoptr (GRand) rand = g_rand_new_with_seed (2);
  g_autofree char *path = NULL;
  FILE *f = open_temporary_file ("atlas-bench-messy-XXXXXX.csv", &path);

  fputs ("id,date,region,company,revenue_musd,share,units,note,price,listed\n", f);
  for (guint i = 0; i < rows; i++)
    {
      char revenue[32] = "";
      char units[32] = "NA";

      if (g_rand_int_range (rand, 0, 20) != 0)
        g_snprintf (revenue, sizeof revenue, "%.2f", g_rand_double_range (rand, 0, 50000));
      if (g_rand_int_range (rand, 0, 10) != 0)
        g_snprintf (units, sizeof units, "%d", g_rand_int_range (rand, 0, 100000));
      fprintf (f, "%u,%04d-%02d-%02d,%s,%s,%s,%.1f%%,%s,%s,%.3f,%s\n", i, 2000 + g_rand_int_range (rand, 0, 26),
               g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29),
               regions[g_rand_int_range (rand, 0, G_N_ELEMENTS (regions))],
               companies[g_rand_int_range (rand, 0, G_N_ELEMENTS (companies))], revenue,
               g_rand_double_range (rand, 0, 100), units, notes[g_rand_int_range (rand, 0, G_N_ELEMENTS (notes))],
               g_rand_double_range (rand, 0.5, 900), g_rand_boolean (rand) ? "yes" : "no");
    }
  fclose (f);
  return g_steal_pointer (&path);
}

typedef enum
{
  BARE_LIBCSV,
  READER,
  DESCRIBE,
  FREAD_1,
  FREAD_2,
  PANDAS,
  N_CONTENDERS
} Contender;

static const char *const contender_names[N_CONTENDERS] = {
  "bare libcsv", "reader", "--describe", "fread, 1 thread", "fread, 2 threads", "pandas",
};

typedef struct
{
  const char *self;
  const char *atlas;
  const char *python;
  gboolean have_fread;
  gboolean have_pandas;
} Contenders;

static gboolean
command_works (const char *const *argv)
{
  BenchRun run = bench_run_command (argv);
  gboolean ok = run.ok;

  bench_run_clear (&run);
  return ok;
}

static gboolean
contender_available (const Contenders *contenders,
                     Contender         contender)
{
  if (contender == FREAD_1 || contender == FREAD_2)
    return contenders->have_fread;
  if (contender == PANDAS)
    return contenders->have_pandas;
  return TRUE;
}

/* fread and read_csv make the whole table, as the reader does; nothing is printed. */
#define FREAD_SCRIPT "suppressMessages(library(data.table)); setDTthreads(as.integer(commandArgs(TRUE)[2])); " \
                     "invisible(fread(commandArgs(TRUE)[1]))"
#define PANDAS_SCRIPT "import sys, pandas; pandas.read_csv(sys.argv[1])"

static BenchRun
run_contender (const Contenders *contenders,
               Contender         contender,
               const char       *path)
{
  const char *self_argv[] = { contenders->self, "--measure", contender == BARE_LIBCSV ? "bare-libcsv" : "reader",
                              path, NULL };
  const char *describe_argv[] = { contenders->atlas, "--describe", path, NULL };
  const char *fread_argv[] = { "Rscript", "-e", FREAD_SCRIPT, path, contender == FREAD_1 ? "1" : "2", NULL };
  const char *pandas_argv[] = { contenders->python, "-c", PANDAS_SCRIPT, path, NULL };
  const char *const *argv = contender == DESCRIBE ? describe_argv
                            : contender == FREAD_1 || contender == FREAD_2 ? fread_argv
                            : contender == PANDAS                         ? pandas_argv
                                                                          : self_argv;
  BenchRun run = bench_run_command (argv);

  if (!run.ok)
    g_error ("%s on %s failed", contender_names[contender], path);
  return run;
}

/* Measures each contender RUNS times on path, interleaved, and prints
 * their medians, their ratios to fread on two threads, and their peak
 * memory. Returns the median of --describe over that of fread on two
 * threads (0 without fread). */
static double
measure_file (const Contenders *contenders,
              const char       *label,
              const char       *path,
              guint             expected_rows)
{
  double seconds[N_CONTENDERS][RUNS];
  long max_rss[N_CONTENDERS] = { 0 };
  double medians[N_CONTENDERS] = { 0 };
  double baseline_seconds[RUNS];
  long baseline_rss = 0;
  gsize rows_read = 0, data_size = 0;
  double baseline;
  struct stat st;

  g_stat (path, &st);
  printf ("\n# %s: %.1f MB, median of %d runs each, interleaved\n", label, st.st_size / 1e6, RUNS);
  for (guint run = 0; run < RUNS; run++)
    {
      const char *baseline_argv[] = { contenders->self, "--measure", "baseline", path, NULL };
      BenchRun start_up = bench_run_command (baseline_argv);

      baseline_seconds[run] = start_up.seconds;
      baseline_rss = start_up.max_rss_kb;
      bench_run_clear (&start_up);
      for (Contender c = 0; c < N_CONTENDERS; c++)
        {
          BenchRun child;

          if (!contender_available (contenders, c))
            continue;
          child = run_contender (contenders, c, path);
          seconds[c][run] = child.seconds;
          max_rss[c] = MAX (max_rss[c], child.max_rss_kb);
          if (c == READER)
            sscanf (child.output, "%zu %zu", &rows_read, &data_size);
          bench_run_clear (&child);
        }
    }
  baseline = bench_median (baseline_seconds, RUNS);
  for (Contender c = 0; c < N_CONTENDERS; c++)
    if (contender_available (contenders, c))
      {
        medians[c] = bench_median (seconds[c], RUNS);
        /* In-process contenders: their own work, without this program's start-up. */
        if (c == BARE_LIBCSV || c == READER)
          medians[c] -= baseline;
      }
  for (Contender c = 0; c < N_CONTENDERS; c++)
    {
      if (!contender_available (contenders, c))
        {
          printf ("%-18s (not installed)\n", contender_names[c]);
          continue;
        }
      printf ("%-18s %7.3f s", contender_names[c], medians[c]);
      if (contenders->have_fread)
        printf ("   %5.2fx fread on 2 threads", medians[c] / medians[FREAD_2]);
      printf ("   peak RSS %7.1f MiB\n", max_rss[c] / 1024.0);
    }
  printf ("reader rows read: %zu (expected %u); reader / bare libcsv = %.2fx\n", rows_read, expected_rows,
          medians[READER] / medians[BARE_LIBCSV]);
  printf ("memory: reader peak above start-up %.1f MiB for %.1f MiB of columns = %.2fx (target 1.2x)\n",
          (max_rss[READER] - baseline_rss) / 1024.0, data_size / 1048576.0,
          (max_rss[READER] - baseline_rss) * 1024.0 / data_size);
  if (rows_read != expected_rows)
    g_error ("the reader read %zu rows of %u", rows_read, expected_rows);
  return contenders->have_fread ? medians[DESCRIBE] / medians[FREAD_2] : 0;
}

/* An import that loads one column of four: its memory follows that column. */
static void
measure_one_column (const Contenders *contenders,
                    const char       *path)
{
  const char *all_argv[] = { contenders->self, "--measure", "reader", path, NULL };
  const char *one_argv[] = { contenders->self, "--measure", "reader-1-of-4", path, NULL };
  const char *baseline_argv[] = { contenders->self, "--measure", "baseline", path, NULL };
  BenchRun all = bench_run_command (all_argv);
  BenchRun one = bench_run_command (one_argv);
  BenchRun start_up = bench_run_command (baseline_argv);
  gsize rows = 0, size = 0;

  sscanf (one.output, "%zu %zu", &rows, &size);
  printf ("memory with 3 of 4 columns ignored: peak above start-up %.1f MiB for %.1f MiB of columns kept = %.2fx "
          "(%.0f%% of the peak with every column)\n",
          (one.max_rss_kb - start_up.max_rss_kb) / 1024.0, size / 1048576.0,
          (one.max_rss_kb - start_up.max_rss_kb) * 1024.0 / size,
          100.0 * (one.max_rss_kb - start_up.max_rss_kb) / (all.max_rss_kb - start_up.max_rss_kb));
  bench_run_clear (&all);
  bench_run_clear (&one);
  bench_run_clear (&start_up);
}

int
main (int   argc,
      char *argv[])
{
  const char *fread_check[] = { "Rscript", "-e", "suppressMessages(library(data.table))", NULL };
  /* Debian's interpreter, which has Debian's pandas. */
  const char *python = g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE) ? "/usr/bin/python3" : "python3";
  const char *pandas_check[] = { python, "-c", "import pandas", NULL };
  g_autofree char *self = NULL;
  g_autofree char *path = NULL;
  Contenders contenders = { 0 };
  double ratio_1m, ratio_10m, ratio_messy;

  if (argc == 4 && g_str_equal (argv[1], "--measure"))
    {
      if (g_str_equal (argv[2], "bare-libcsv"))
        measure_bare_libcsv (argv[3]);
      else if (g_str_equal (argv[2], "reader"))
        measure_reader (argv[3], FALSE);
      else if (g_str_equal (argv[2], "reader-1-of-4"))
        measure_reader (argv[3], TRUE);
      else if (!g_str_equal (argv[2], "baseline"))
        return 2;
      return 0;
    }
  if (argc != 2)
    {
      fprintf (stderr, "usage: %s SILICON-ATLAS\n", argv[0]);
      return 2;
    }

  self = g_file_read_link ("/proc/self/exe", NULL);
  contenders.self = self ? self : argv[0];
  contenders.atlas = argv[1];
  contenders.python = python;
  contenders.have_fread = command_works (fread_check);
  contenders.have_pandas = command_works (pandas_check);
  printf ("# %u cores; fread %s, pandas %s (build-aux/install-deps.sh --bench installs them)\n",
          g_get_num_processors (), contenders.have_fread ? "found" : "not installed",
          contenders.have_pandas ? "found" : "not installed");

  path = write_numbers_file (1000000);
  ratio_1m = measure_file (&contenders, "1,000,000 rows x 4 numbers", path, 1000000);
  measure_one_column (&contenders, path);
  g_unlink (path);
  g_free (path);

  path = write_messy_file (1000000);
  ratio_messy = measure_file (&contenders, "messy 1,000,000 x 10", path, 1000000);
  g_unlink (path);
  g_free (path);

  path = write_numbers_file (10000000);
  ratio_10m = measure_file (&contenders, "10,000,000 rows x 4 numbers", path, 10000000);
  g_unlink (path);

  if (contenders.have_fread)
    printf ("\n--describe, whole process, / fread on 2 threads, whole process: 10M rows %.2fx (target 1.0x or "
            "less), 1M rows %.2fx, messy %.2fx\n",
            ratio_10m, ratio_1m, ratio_messy);
  return 0;
}
