/* test-datasets.c: the built-in datasets load cleanly, cite sources that exist, carry units and describe themselves. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "atlas-csv-reader.h"
#include "atlas-dataset.h"
#include "atlas-table.h"

static char *datasets_dir;

static GHashTable *
load_sources (void)
{
  g_autofree char *path = g_build_filename (datasets_dir, "sources.csv", NULL);
  g_autoptr (GError) error = NULL;
  GHashTable *sources = atlas_sources_load (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (sources);
  return sources;
}

static GPtrArray *
load_catalog (void)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *catalog = atlas_dataset_catalog_load (datasets_dir, &error);

  g_assert_no_error (error);
  g_assert_nonnull (catalog);
  return catalog;
}

static AtlasCsvResult *
read_dataset (const AtlasDatasetInfo *info)
{
  g_autoptr (GError) error = NULL;
  AtlasCsvResult *result = atlas_csv_read_file (info->csv_path, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return result;
}

/* Every dataset says what it is, where its figures come from, and how
 * current it is: the years it spans and the day it was last brought up
 * to date, which is no later than today. */
static void
test_catalog (void)
{
  g_autoptr (GPtrArray) catalog = load_catalog ();
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) tomorrow = g_date_time_add_days (now, 1); /* a date is read as its noon */

  g_assert_cmpuint (catalog->len, >=, 8);
  for (guint i = 0; i < catalog->len; i++)
    {
      const AtlasDatasetInfo *info = g_ptr_array_index (catalog, i);
      g_autofree char *currency = atlas_dataset_info_describe_currency (info);

      g_assert_true (g_utf8_validate (info->title, -1, NULL));
      g_assert_cmpuint (strlen (info->description), >, 20);
      g_assert_nonnull (info->sources[0]);
      g_assert_nonnull (info->updated);
      g_assert_cmpint (g_date_time_compare (info->updated, tomorrow), <, 0);
      g_assert_true (g_str_has_prefix (currency, info->time_span));
      g_assert_nonnull (strstr (currency, ", updated "));
    }
}

/* A description whose Updated is no date says so, naming its file. */
static void
test_updated_is_a_date (void)
{
  g_autofree char *folder = g_dir_make_tmp ("atlas-dataset-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (folder, "bad.dataset", NULL);
  g_autofree char *csv = g_build_filename (folder, "bad.csv", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (AtlasDatasetInfo) info = NULL;

  g_assert_true (g_file_set_contents (csv, "year,value (%)\n2024,1\n", -1, NULL));
  g_assert_true (g_file_set_contents (path,
                                      "[Dataset]\nTitle=Bad\nDescription=A dataset whose date is no date.\n"
                                      "Units=%\nTimeSpan=2024\nUpdated=last spring\nSources=S1\n",
                                      -1, NULL));
  info = atlas_dataset_info_load (path, &error);
  g_assert_null (info);
  g_assert_error (error, ATLAS_DATASET_ERROR, ATLAS_DATASET_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "bad.dataset"));
  g_assert_nonnull (strstr (error->message, "Updated is a date such as 2026-12-02, not “last spring”"));
  g_unlink (csv);
  g_unlink (path);
  g_rmdir (folder);
}

/* Every dataset reads with no problem at all, and a number column says
 * its unit in its header. */
static void
test_clean_and_with_units (void)
{
  g_autoptr (GPtrArray) catalog = load_catalog ();

  for (guint i = 0; i < catalog->len; i++)
    {
      const AtlasDatasetInfo *info = g_ptr_array_index (catalog, i);
      g_autoptr (AtlasCsvResult) result = read_dataset (info);
      const AtlasTable *table = result->table;

      if (result->n_problems > 0)
        {
          const AtlasCsvProblem *problem = g_ptr_array_index (result->problems, 0);
          g_error ("%s:%" G_GUINT64_FORMAT ":%u: %s", info->csv_path, problem->line, problem->column,
                   problem->message);
        }
      g_assert_cmpuint (atlas_table_get_n_rows (table), >, 0);
      for (guint c = 0; c < atlas_table_get_n_columns (table); c++)
        {
          const AtlasColumn *column = atlas_table_get_column (table, c);
          if (atlas_column_get_column_type (column) == ATLAS_COLUMN_NUMBER && !atlas_column_get_unit (column))
            g_error ("%s: number column “%s” names no unit", info->csv_path, atlas_column_get_name (column));
        }
    }
}

static void
assert_ids_resolve (GHashTable *sources,
                    const char *where,
                    const char *ids)
{
  g_auto (GStrv) parts = g_strsplit (ids, ";", -1);

  for (guint i = 0; parts[i]; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] && !g_hash_table_contains (sources, parts[i]))
        g_error ("%s cites source “%s”, which sources.csv does not list", where, parts[i]);
    }
}

/* Whether any number in the row is given; a year kept only to show a gap
 * needs no source. */
static gboolean
row_has_figures (const AtlasTable *table,
                 gsize             row)
{
  for (guint c = 0; c < atlas_table_get_n_columns (table); c++)
    {
      const AtlasColumn *column = atlas_table_get_column (table, c);
      if (atlas_column_get_column_type (column) == ATLAS_COLUMN_NUMBER && !atlas_column_is_missing (column, row))
        return TRUE;
    }
  return FALSE;
}

/* Each row's source_id, and each description's Sources, are rows of sources.csv. */
static void
test_sources_resolve (void)
{
  g_autoptr (GHashTable) sources = load_sources ();
  g_autoptr (GPtrArray) catalog = load_catalog ();

  g_assert_cmpuint (g_hash_table_size (sources), >, 100);
  for (guint i = 0; i < catalog->len; i++)
    {
      const AtlasDatasetInfo *info = g_ptr_array_index (catalog, i);
      g_autoptr (AtlasCsvResult) result = read_dataset (info);
      const AtlasColumn *ids = atlas_table_find_column (result->table, "source_id");
      g_autofree char *description_ids = g_strjoinv (";", info->sources);

      assert_ids_resolve (sources, info->id, description_ids);
      if (!ids)
        g_error ("%s has no source_id column", info->csv_path);
      for (gsize row = 0; row < atlas_table_get_n_rows (result->table); row++)
        {
          g_autofree char *where = g_strdup_printf ("%s row %zu", info->csv_path, row + 1);
          const char *text = atlas_column_get_text (ids, row);
          if (text)
            assert_ids_resolve (sources, where, text);
          else if (row_has_figures (result->table, row))
            g_error ("%s has figures but no source", where);
        }
    }
}

/* A status says how a figure came about, in one of four words. */
static void
test_statuses (void)
{
  static const char *const allowed[] = { "actual", "estimate", "forecast", "derived" };
  g_autoptr (GPtrArray) catalog = load_catalog ();

  for (guint i = 0; i < catalog->len; i++)
    {
      const AtlasDatasetInfo *info = g_ptr_array_index (catalog, i);
      g_autoptr (AtlasCsvResult) result = read_dataset (info);
      const AtlasColumn *status = atlas_table_find_column (result->table, "status");

      for (gsize row = 0; status && row < atlas_table_get_n_rows (result->table); row++)
        {
          const char *text = atlas_column_get_text (status, row);
          gboolean known = FALSE;
          for (guint a = 0; text && a < G_N_ELEMENTS (allowed); a++)
            known |= g_str_equal (text, allowed[a]);
          if (text && !known)
            g_error ("%s row %zu: status “%s” is not actual, estimate, forecast or derived", info->csv_path, row + 1,
                     text);
        }
    }
}

static const AtlasColumn *
column_named (const AtlasTable *table,
              const char       *name)
{
  const AtlasColumn *column = atlas_table_find_column (table, name);

  if (!column)
    g_error ("no column “%s”", name);
  return column;
}

/* Whether row's key_column reads key: the text, or, for a year or a
 * date column, the year ("2024") or the day ("2024-05-24"). */
static gboolean
row_has_key (const AtlasTable *table,
             const char       *key_column,
             const char       *key,
             gsize             row)
{
  const AtlasColumn *column = column_named (table, key_column);

  if (atlas_column_get_column_type (column) == ATLAS_COLUMN_TEXT)
    return g_strcmp0 (atlas_column_get_text (column, row), key) == 0;
  if (atlas_column_is_missing (column, row))
    return FALSE;
  {
    g_autoptr (GDateTime) date = g_date_time_new_from_unix_utc ((gint64) atlas_column_get_number (column, row));
    g_autofree char *text = g_date_time_format (date, strlen (key) == 4 ? "%Y" : "%Y-%m-%d");
    return g_str_equal (text, key);
  }
}

/* The one row whose key_column reads key and, where key2_column is
 * given, whose key2_column reads key2. */
static gsize
find_row (const AtlasTable *table,
          const char       *key_column,
          const char       *key,
          const char       *key2_column,
          const char       *key2)
{
  gsize found = G_MAXSIZE;

  for (gsize row = 0; row < atlas_table_get_n_rows (table); row++)
    if (row_has_key (table, key_column, key, row) && (!key2_column || row_has_key (table, key2_column, key2, row)))
      {
        if (found != G_MAXSIZE)
          g_error ("two rows have “%s” in column “%s”", key, key_column);
        found = row;
      }
  if (found == G_MAXSIZE)
    g_error ("no row “%s” in column “%s”", key, key_column);
  return found;
}

/* Headline figures, each as the research notes give it with its source
 * (data-facts.md and data-facts-2025.md): a change to a dataset that
 * moves one of them must be a correction the notes agree with. */
static void
test_headline_figures (void)
{
  static const struct
  {
    const char *dataset;
    const char *key_column;
    const char *key;
    const char *key2_column;
    const char *key2;
    const char *column;
    double value;
  } checks[] = {
    /* Big Fund: registrations and raises (F1, F2, F5). */
    { "china-chip-funds", "name", "Big Fund phase I", NULL, NULL, "registered capital (CNY bn)", 98.72 },
    { "china-chip-funds", "name", "Big Fund phase I", NULL, NULL, "amount raised (CNY bn)", 138.72 },
    { "china-chip-funds", "name", "Big Fund phase II", NULL, NULL, "registered capital (CNY bn)", 204.15 },
    { "china-chip-funds", "name", "Big Fund phase III", NULL, NULL, "registered capital (CNY bn)", 344 },
    { "china-chip-funds", "name", "Big Fund phase III", NULL, NULL, "amount (USD bn)", 47.5 },
    /* SEMI equipment billings (C40, C48, C49, EQ5). */
    { "equipment-spending-by-region", "year", "2014", NULL, NULL, "China (USD bn)", 4.37 },
    { "equipment-spending-by-region", "year", "2022", NULL, NULL, "Rest of world (USD bn)", 5.95 },
    { "equipment-spending-by-region", "year", "2023", NULL, NULL, "China (USD bn)", 36.60 },
    { "equipment-spending-by-region", "year", "2024", NULL, NULL, "China (USD bn)", 49.6 },
    { "equipment-spending-by-region", "year", "2024", NULL, NULL, "World (USD bn)", 117.1 },
    { "equipment-spending-by-region", "year", "2024", NULL, NULL, "China share of world (%)", 42.4 },
    /* Customs trade and NBS/MIIT output (C30, C37, C38, C39, TR1, TR2, TR6, TR10, TR11, TR18, C20). */
    { "ic-trade-and-output", "year", "2016", NULL, NULL, "imports (USD bn)", 227.07 },
    { "ic-trade-and-output", "year", "2017", NULL, NULL, "imports (USD bn)", 260.14 },
    { "ic-trade-and-output", "year", "2019", NULL, NULL, "output (bn units)", 201.8 },
    { "ic-trade-and-output", "year", "2020", NULL, NULL, "exports (USD bn)", 116.6 },
    { "ic-trade-and-output", "year", "2021", NULL, NULL, "imports (USD bn)", 432.6 },
    { "ic-trade-and-output", "year", "2022", NULL, NULL, "imports (USD bn)", 415.58 },
    { "ic-trade-and-output", "year", "2023", NULL, NULL, "imports (USD bn)", 349.4 },
    { "ic-trade-and-output", "year", "2023", NULL, NULL, "exports (USD bn)", 136.0 },
    { "ic-trade-and-output", "year", "2024", NULL, NULL, "imports (USD bn)", 385 },
    { "ic-trade-and-output", "year", "2024", NULL, NULL, "exports (USD bn)", 159 },
    { "ic-trade-and-output", "year", "2025", NULL, NULL, "imports (bn units)", 591.7 },
    { "ic-trade-and-output", "year", "2025", NULL, NULL, "exports (USD bn)", 201.9 },
    { "ic-trade-and-output", "year", "2022", NULL, NULL, "output (bn units)", 324.19 },
    { "ic-trade-and-output", "year", "2024", NULL, NULL, "output (bn units)", 451.4 },
    { "ic-trade-and-output", "year", "2025", NULL, NULL, "output (bn units)", 484.3 },
    /* SMIC's IFRS results (S20, CO14). */
    { "smic-results", "year", "2023", NULL, NULL, "gross margin (%)", 19.3 },
    { "smic-results", "year", "2024", NULL, NULL, "revenue (USD bn)", 8.0299 },
    { "smic-results", "year", "2025", NULL, NULL, "revenue (USD bn)", 9.3268 },
    { "smic-results", "year", "2025", NULL, NULL, "year-end capacity (thousand 8-inch-eq. wafers per month)", 1059 },
    /* Toolmakers' filings (CO1, CO10) and ETO's makers by country (S1). */
    { "domestic-equipment-makers", "company", "NAURA", "year", "2024", "revenue (CNY bn)", 29.838 },
    { "domestic-equipment-makers", "company", "Piotech", "year", "2024", "revenue (CNY bn)", 4.103 },
    { "tool-makers-by-country", "segment", "Lithography tools", "country", "Netherlands", "share of world sales (%)", 81.5 },
    { "tool-makers-by-country", "segment", "Etch & clean tools", "country", "United States", "share of world sales (%)", 52.6 },
    { "value-chain-shares", "segment", "Lithography tools", NULL, NULL, "United States share (%)", 0.6 },
    { "capacity-by-location", "location", "China", NULL, NULL, "packaging and test capacity (%)", 30 },
    /* Mature-node capacity (C12, C14), programmes (F35, F48), ASML (LI1, LI2), memory (ME3). */
    { "china-wafer-capacity", "year", "2022", "scope", "28nm and older", "share of world capacity (%)", 33 },
    { "chip-programmes-compared", "programme", "US CHIPS and Science Act: semiconductor funding", NULL, NULL,
      "amount (USD bn)", 52.7 },
    { "chip-programmes-compared", "programme", "Japan subsidy to TSMC Kumamoto fab 2", NULL, NULL,
      "amount (local currency bn)", 732 },
    { "lithography-imports", "year", "2023", NULL, NULL, "ASML sales to China (% of total)", 26.3 },
    { "lithography-imports", "year", "2025", NULL, NULL, "ASML sales to China (% of total)", 33 },
    { "memory-makers", "company", "Samsung", NULL, NULL, "share (%)", 40.35 },
  };

  g_assert_cmpuint (G_N_ELEMENTS (checks), >=, 30);
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/%s.csv", datasets_dir, checks[i].dataset);
      g_autoptr (GError) error = NULL;
      g_autoptr (AtlasCsvResult) result = atlas_csv_read_file (path, NULL, NULL, NULL, NULL, &error);
      gsize row;

      g_assert_no_error (error);
      row = find_row (result->table, checks[i].key_column, checks[i].key, checks[i].key2_column, checks[i].key2);
      if (atlas_column_get_number (column_named (result->table, checks[i].column), row) != checks[i].value)
        g_error ("%s, %s %s: %s is %g, not %g as the research notes give it", checks[i].dataset, checks[i].key,
                 checks[i].key2 ? checks[i].key2 : "", checks[i].column,
                 atlas_column_get_number (column_named (result->table, checks[i].column), row), checks[i].value);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  datasets_dir = g_build_filename (g_getenv ("ATLAS_DATA_DIR"), "datasets", NULL);
  g_test_add_func ("/datasets/catalog", test_catalog);
  g_test_add_func ("/datasets/updated-is-a-date", test_updated_is_a_date);
  g_test_add_func ("/datasets/clean-and-with-units", test_clean_and_with_units);
  g_test_add_func ("/datasets/sources-resolve", test_sources_resolve);
  g_test_add_func ("/datasets/statuses", test_statuses);
  g_test_add_func ("/datasets/headline-figures", test_headline_figures);
  return g_test_run ();
}
