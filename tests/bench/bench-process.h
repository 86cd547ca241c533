/* bench-process.h: runs a command as a child process and measures its time and peak memory. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

typedef struct
{
  double seconds;
  long max_rss_kb; /* the kernel's high-water mark of the child's resident pages */
  char *output;    /* what it wrote to standard output */
  gboolean ok;     /* exited with status 0 */
} BenchRun;

BenchRun bench_run_command (const char *const *argv);
void     bench_run_clear   (BenchRun          *run);
double   bench_median      (double            *values,
                            guint              n);
