/* bench-process.c: fork, exec, wait4: wall time from fork to exit and ru_maxrss of the child alone. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "bench-process.h"

#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

BenchRun
bench_run_command (const char *const *argv)
{
  BenchRun run = { 0 };
  GString *output = g_string_new (NULL);
  struct rusage usage;
  int pipe_fds[2];
  char buffer[4096];
  gint64 start;
  ssize_t n;
  int status;
  pid_t pid;

  if (pipe (pipe_fds) != 0)
    g_error ("pipe failed");
  start = g_get_monotonic_time ();
  pid = fork ();
  if (pid == 0)
    {
      dup2 (pipe_fds[1], STDOUT_FILENO);
      close (pipe_fds[0]);
      execvp (argv[0], (char *const *) argv);
      _exit (127);
    }
  close (pipe_fds[1]);
  while ((n = read (pipe_fds[0], buffer, sizeof buffer)) > 0)
    g_string_append_len (output, buffer, n);
  close (pipe_fds[0]);
  wait4 (pid, &status, 0, &usage);
  run.seconds = (g_get_monotonic_time () - start) / 1e6;
  run.ok = WIFEXITED (status) && WEXITSTATUS (status) == 0;
  run.max_rss_kb = usage.ru_maxrss;
  run.output = g_string_free (output, FALSE);
  return run;
}

void
bench_run_clear (BenchRun *run)
{
  g_clear_pointer (&run->output, g_free);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

double
bench_median (double *values,
              guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}
