/* bench-chart-export.c: `silicon-atlas --export` of a 1,000,000-row CSV beside gnuplot and matplotlib, in one run.
 *
 * Usage: bench-chart-export SILICON-ATLAS [ROWS]. Each contender reads the
 * same CSV (x and three numeric series) and writes a 1200x800 PNG line
 * chart of it, as a whole process, interleaved run after run. Then the
 * headless commands' start-up: --export, --describe and --version of a
 * three-row file. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <stdio.h>

#include "bench-process.h"

#define RUNS 5
#define DEFAULT_ROWS 1000000
#define SMALL_RUNS 31

typedef struct
{
  const char *name;
  GStrv argv;
  double seconds[RUNS];
  long max_rss_kb;
  gboolean available;
} Contender;

static char *
write_series_file (const char *dir,
                   guint       rows)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (3);
  char *path = g_build_filename (dir, "series.csv", NULL);
  FILE *f = fopen (path, "w");
  double a = 0, b = 50, c = -20;

  fputs ("x,a,b,c\n", f);
  for (guint i = 0; i < rows; i++)
    {
      a += g_rand_double_range (rand, -1, 1);
      b += g_rand_double_range (rand, -1, 1);
      c += g_rand_double_range (rand, -1, 1);
      fprintf (f, "%u,%.4f,%.4f,%.4f\n", i, a, b, c);
    }
  fclose (f);
  return path;
}

static gboolean
python_has_matplotlib (const char *python)
{
  const char *argv[] = { python, "-c", "import matplotlib, numpy", NULL };
  BenchRun run = bench_run_command (argv);
  gboolean ok = run.ok;

  bench_run_clear (&run);
  return ok;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("atlas-bench-export-XXXXXX", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *gnuplot = g_find_program_in_path ("gnuplot");
  /* Debian's interpreter, which has Debian's matplotlib. */
  const char *python = g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE) ? "/usr/bin/python3" : "python3";
  g_autofree char *atlas_png = NULL, *gnuplot_png = NULL, *matplotlib_png = NULL;
  g_autofree char *gnuplot_script = NULL, *matplotlib_script = NULL;
  guint rows = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : DEFAULT_ROWS;
  Contender contenders[3] = { 0 };
  double atlas_median;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s SILICON-ATLAS [ROWS]\n", argv[0]);
      return 2;
    }
  csv = write_series_file (dir, rows);
  atlas_png = g_build_filename (dir, "atlas.png", NULL);
  gnuplot_png = g_build_filename (dir, "gnuplot.png", NULL);
  matplotlib_png = g_build_filename (dir, "matplotlib.png", NULL);

  contenders[0].name = "silicon-atlas";
  {
    const char *args[] = { argv[1], "--export", atlas_png, "--width", "1200", "--height", "800", csv, NULL };
    contenders[0].argv = g_strdupv ((char **) args);
  }
  contenders[0].available = TRUE;

  gnuplot_script = g_strdup_printf ("set terminal pngcairo size 1200,800; set output '%s'; "
                                    "set datafile separator ','; set key autotitle columnhead; "
                                    "plot for [i=2:4] '%s' using 1:i with lines",
                                    gnuplot_png, csv);
  contenders[1].name = "gnuplot";
  contenders[1].available = gnuplot != NULL;
  {
    const char *args[] = { gnuplot ? gnuplot : "gnuplot", "-e", gnuplot_script, NULL };
    contenders[1].argv = g_strdupv ((char **) args);
  }

  matplotlib_script = g_strdup_printf (
    "import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\nimport numpy as np\n"
    "d = np.loadtxt('%s', delimiter=',', skiprows=1)\n"
    "fig = plt.figure(figsize=(12, 8), dpi=100)\n"
    "for i in (1, 2, 3):\n    plt.plot(d[:, 0], d[:, i])\n"
    "fig.savefig('%s')\n",
    csv, matplotlib_png);
  contenders[2].name = "matplotlib";
  contenders[2].available = python_has_matplotlib (python);
  {
    const char *args[] = { python, "-c", matplotlib_script, NULL };
    contenders[2].argv = g_strdupv ((char **) args);
  }

  printf ("# %u rows x 3 series to a 1200x800 PNG line chart, whole process, median of %d interleaved runs\n", rows,
          RUNS);
  for (guint c = 1; c < G_N_ELEMENTS (contenders); c++)
    if (!contenders[c].available)
      printf ("# %s is not installed: skipped (apt-get install %s)\n", contenders[c].name,
              c == 1 ? "gnuplot-nox" : "python3-matplotlib");

  for (guint run = 0; run < RUNS; run++)
    for (guint c = 0; c < G_N_ELEMENTS (contenders); c++)
      {
        BenchRun result;

        if (!contenders[c].available)
          continue;
        result = bench_run_command ((const char *const *) contenders[c].argv);
        if (!result.ok)
          g_error ("%s failed", contenders[c].name);
        contenders[c].seconds[run] = result.seconds;
        contenders[c].max_rss_kb = MAX (contenders[c].max_rss_kb, result.max_rss_kb);
        bench_run_clear (&result);
      }

  atlas_median = bench_median (contenders[0].seconds, RUNS);
  for (guint c = 0; c < G_N_ELEMENTS (contenders); c++)
    {
      double median;

      if (!contenders[c].available)
        continue;
      median = bench_median (contenders[c].seconds, RUNS);
      printf ("%-14s %7.3f s   peak RSS %7.1f MiB", contenders[c].name, median, contenders[c].max_rss_kb / 1024.0);
      if (c > 0)
        printf ("   silicon-atlas is %.1fx faster, uses %.2f of the memory", median / atlas_median,
                (double) contenders[0].max_rss_kb / contenders[c].max_rss_kb);
      printf ("\n");
    }
  printf ("# targets: 8x faster than matplotlib, 15x faster than gnuplot, under a quarter of either's memory\n");

  /* Start-up: the headless commands load neither GTK nor libadwaita. */
  {
    g_autofree char *small_csv = write_series_file (dir, 3);
    const char *export_args[] = { argv[1], "--export", atlas_png, small_csv, NULL };
    const char *describe_args[] = { argv[1], "--describe", small_csv, NULL };
    const char *version_args[] = { argv[1], "--version", NULL };
    const char *const *commands[] = { export_args, describe_args, version_args };
    static const char *const names[] = { "--export 1200x800 PNG", "--describe", "--version" };
    double seconds[G_N_ELEMENTS (commands)][SMALL_RUNS];

    for (guint run = 0; run < SMALL_RUNS; run++)
      for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
        {
          BenchRun result = bench_run_command (commands[c]);

          if (!result.ok)
            g_error ("%s of a three-row file failed", names[c]);
          seconds[c][run] = result.seconds;
          bench_run_clear (&result);
        }
    printf ("\n# a three-row CSV, whole process, median of %d interleaved runs\n", SMALL_RUNS);
    for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
      printf ("%-22s %6.1f ms%s\n", names[c], bench_median (seconds[c], SMALL_RUNS) * 1000,
              c == 0 ? "   (target under 25 ms)" : "");
    g_unlink (small_csv);
  }

  for (guint c = 0; c < G_N_ELEMENTS (contenders); c++)
    g_strfreev (contenders[c].argv);
  g_unlink (csv);
  g_unlink (atlas_png);
  g_unlink (gnuplot_png);
  g_unlink (matplotlib_png);
  g_rmdir (dir);
  return 0;
}
