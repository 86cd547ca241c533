/* fuzz-support.c: what every libFuzzer harness shares: a GLib critical
 * (a function handed what it refuses) ends the run as a finding, where it
 * would otherwise be printed and the run go on as if all were well. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>
#include <stdlib.h>

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);

/* Aborts rather than GLib's own fatal path, whose breakpoint trap the
 * fuzzer does not catch: an abort saves the input that caused it. */
static void
abort_on_critical (const char     *domain,
                   GLogLevelFlags  level,
                   const char     *message,
                   gpointer        user_data)
{
  g_log_default_handler (domain, level, message, user_data);
  if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR))
    abort ();
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  (void) argc;
  (void) argv;
  g_log_set_default_handler (abort_on_critical, NULL);
  return 0;
}
