/* atlas-window-story.c: stories in the window: opening any, writing one's own (passages added, edited, moved,
 * deleted), saving, and publishing them. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "atlas-window-private.h"

#include <glib/gi18n.h>

#include "atlas-accessible.h"
#include "atlas-data-dir.h"
#include "atlas-dataset.h"
#include "atlas-file-chooser.h"
#include "atlas-story-publish.h"

/* A passage deleted, kept for its toast's Undo. */
struct _AtlasDeletedPassage
{
  guint index;
  char *text;
  AtlasChartDefinition *chart;
};

void
atlas_deleted_passage_free (AtlasDeletedPassage *deleted)
{
  if (!deleted)
    return;
  g_free (deleted->text);
  atlas_chart_definition_free (deleted->chart);
  g_free (deleted);
}

/* The built-in story, which is read, not written. */
char *
atlas_window_builtin_story_path (void)
{
  g_autofree char *data_dir = atlas_find_data_dir ();

  return g_build_filename (data_dir, "story", "silicon-self-reliance.story", NULL);
}

/* A story of one's own: any but the built-in one, which is changed only
 * by saving a copy of it. */
gboolean
atlas_window_story_is_own (AtlasWindow *self)
{
  g_autofree char *builtin = NULL;
  g_autofree char *canonical_builtin = NULL;
  g_autofree char *path = NULL;

  if (!self->story)
    return FALSE;
  if (!atlas_story_get_path (self->story))
    return TRUE;
  builtin = atlas_window_builtin_story_path ();
  canonical_builtin = g_canonicalize_filename (builtin, NULL);
  path = g_canonicalize_filename (atlas_story_get_path (self->story), NULL);
  return !g_str_equal (canonical_builtin, path);
}

/* A chart definition as the story file would hold it, for telling
 * whether two say the same. */
static char *
definition_text (const AtlasChartDefinition *definition)
{
  g_autoptr (GKeyFile) keys = g_key_file_new ();

  atlas_chart_definition_write (definition, keys, "Chart", "/");
  return g_key_file_to_data (keys, NULL, NULL);
}

/* The sidebar's heading names the story, marked while it has changes not
 * saved; the actions follow what can be done. */
void
atlas_window_update_story (AtlasWindow *self)
{
  gboolean own = atlas_window_story_is_own (self);
  guint n = self->story ? atlas_story_get_n_passages (self->story) : 0;
  gboolean shown = own && self->passage >= 0 && (guint) self->passage < n;
  g_autofree char *heading = NULL;

  if (self->story)
    heading = g_strdup_printf ("%s%s", own && atlas_story_get_modified (self->story) ? "• " : "",
                               atlas_story_get_title (self->story));
  gtk_label_set_label (self->story_label, heading ? heading : _("Story"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->story_label), heading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-passage",
                                 own && atlas_document_get_chart (self->document) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-passage", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-passage", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.move-passage-up", shown && self->passage > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.move-passage-down", shown && (guint) self->passage + 1 < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-story", own);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-story-as", self->story != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-story", n > 0);
}

/* The chart of the passage shown, as it was shown: the edits made since
 * are the passage's. */
void
atlas_window_remember_passage_chart (AtlasWindow *self)
{
  g_autoptr (AtlasChartDefinition) shown = atlas_document_dup_shown_definition (self->document);

  g_clear_pointer (&self->passage_shown_as, g_free);
  if (shown)
    self->passage_shown_as = definition_text (shown);
}

/* Keeps the chart shown in the passage it shows, when it is a passage of
 * one's own story and has changed: the story holds the change, and the
 * chart has nothing left to save of its own. */
void
atlas_window_keep_passage_chart (AtlasWindow *self)
{
  g_autoptr (AtlasChartDefinition) shown = NULL;
  g_autofree char *text = NULL;

  /* Not while a passage is being shown: it is not yet remembered. */
  if (!atlas_window_story_is_own (self) || self->passage < 0 || !self->passage_shown_as
      || atlas_document_get_source (self->document) != ATLAS_DOCUMENT_SOURCE_PASSAGE
      || (guint) self->passage >= atlas_story_get_n_passages (self->story))
    return;
  shown = atlas_document_dup_shown_definition (self->document);
  if (!shown)
    return;
  text = definition_text (shown);
  if (g_strcmp0 (text, self->passage_shown_as) != 0)
    {
      atlas_story_set_passage_chart (self->story, (guint) self->passage, shown);
      g_free (self->passage_shown_as);
      self->passage_shown_as = g_steal_pointer (&text);
    }
  atlas_document_set_saved (self->document);
  atlas_window_update_story (self);
}

static void
on_document_chart_changed (AtlasWindow *self)
{
  atlas_window_keep_passage_chart (self);
  atlas_window_update_story (self);
}

/* Passages in the sidebar */

static void     start_editing  (AtlasWindow *self,
                                guint        index);
static gboolean save_story_now (AtlasWindow *self,
                                const char  *path);

/* A passage as the sidebar shows it: a heading that opens it in bold. */
static GtkWidget *
make_passage_label (const AtlasStoryPassage *passage)
{
  g_autofree char *shown = g_strdup (passage->text);
  const char *text = shown;
  const char *break_at;
  g_autofree char *markup = NULL;

  /* Markup cannot hold control characters, even escaped: as spaces. */
  for (char *c = shown; *c; c++)
    if ((guchar) *c < 0x20 && *c != '\n' && *c != '\t')
      *c = ' ';
  break_at = strstr (text, "\n\n");

  if (!*text)
    {
      g_autofree char *empty = g_markup_escape_text (_("A passage with no text yet: F2 writes it"), -1);
      markup = g_strdup_printf ("<i>%s</i>", empty);
    }
  else if (break_at && break_at - text < 100)
    {
      g_autofree char *heading = g_markup_escape_text (text, break_at - text);
      g_autofree char *body = g_markup_escape_text (break_at + 2, -1);
      markup = g_strdup_printf ("<b>%s</b>\n%s", heading, body);
    }
  else
    markup = g_markup_escape_text (text, -1);
  return atlas_window_make_sidebar_label (markup, 6);
}

/* A passage dragged from its row: its number. */
static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkListBoxRow *row)
{
  g_autoptr (GdkPaintable) icon = gtk_widget_paintable_new (GTK_WIDGET (row));

  gtk_drag_source_set_icon (source, icon, (int) x, (int) y);
  return gdk_content_provider_new_typed (G_TYPE_UINT, (guint) gtk_list_box_row_get_index (row));
}

static gboolean
on_passage_dropped (GtkDropTarget *target,
                    const GValue  *value,
                    double         x,
                    double         y,
                    GtkListBoxRow *row)
{
  AtlasWindow *self = ATLAS_WINDOW (gtk_widget_get_root (GTK_WIDGET (row)));

  if (!G_VALUE_HOLDS_UINT (value) || !self->story)
    return FALSE;
  atlas_window_move_passage (self, g_value_get_uint (value), (guint) gtk_list_box_row_get_index (row));
  return TRUE;
}

/* The sidebar's rows for the story's passages: dragged to a new place in
 * a story of one's own; an empty story says how to fill it. */
void
atlas_window_fill_passages (AtlasWindow *self)
{
  gboolean own = atlas_window_story_is_own (self);
  GtkWidget *child;

  /* An editor open in a row goes with it: what it held was kept or let
   * go by whatever changed the rows. */
  self->editing = -1;
  self->editing_view = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->passage_list))))
    gtk_list_box_remove (self->passage_list, child);
  if (!self->story)
    return;
  for (guint i = 0; i < atlas_story_get_n_passages (self->story); i++)
    {
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), make_passage_label (atlas_story_get_passage (self->story, i)));
      if (own)
        {
          GtkDragSource *drag = gtk_drag_source_new ();
          GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_UINT, GDK_ACTION_MOVE);

          gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
          g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare), row);
          gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drag));
          g_signal_connect (drop, "drop", G_CALLBACK (on_passage_dropped), row);
          gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drop));
        }
      gtk_list_box_append (self->passage_list, row);
    }
  if (atlas_story_get_n_passages (self->story) == 0)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      g_autofree char *hint = g_markup_escape_text (_("No passages yet. Show a chart — a dataset, a CSV file or "
                                                      "a chart file — then Add Passage (Ctrl+Shift+A)."),
                                                    -1);
      GtkWidget *label = atlas_window_make_sidebar_label (hint, 6);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->passage_list, row);
    }
  if (self->passage >= 0)
    {
      self->selecting = TRUE;
      gtk_list_box_select_row (self->passage_list, gtk_list_box_get_row_at_index (self->passage_list, self->passage));
      self->selecting = FALSE;
    }
}

/* Editing a passage's text in its row */

static void
finish_editing (AtlasWindow *self,
                gboolean     keep)
{
  GtkListBoxRow *row;
  GtkTextBuffer *buffer;

  if (self->editing < 0)
    return;
  row = gtk_list_box_get_row_at_index (self->passage_list, self->editing);
  if (keep && self->story && self->editing_view && (guint) self->editing < atlas_story_get_n_passages (self->story))
    {
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      buffer = gtk_text_view_get_buffer (self->editing_view);
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      g_strstrip (text);
      atlas_story_set_passage_text (self->story, (guint) self->editing, text);
    }
  if (row && self->story && (guint) self->editing < atlas_story_get_n_passages (self->story))
    gtk_list_box_row_set_child (row, make_passage_label (atlas_story_get_passage (self->story, (guint) self->editing)));
  self->editing = -1;
  self->editing_view = NULL;
  atlas_window_update_story (self);
  if (row)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
on_edit_done (GtkButton   *button,
              AtlasWindow *self)
{
  finish_editing (self, TRUE);
}

static void
on_edit_cancelled (GtkButton   *button,
                   AtlasWindow *self)
{
  finish_editing (self, FALSE);
}

/* Ctrl+Enter keeps the text, Escape lets it go; Enter starts a new line,
 * and a blank line a new paragraph. */
static gboolean
on_editor_key_pressed (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       AtlasWindow           *self)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) && (state & GDK_CONTROL_MASK))
    {
      finish_editing (self, TRUE);
      return TRUE;
    }
  if (keyval == GDK_KEY_Escape)
    {
      finish_editing (self, FALSE);
      return TRUE;
    }
  return FALSE;
}

/* The text of passage index, in an editor in place of its row's label. */
static void
start_editing (AtlasWindow *self,
               guint        index)
{
  GtkListBoxRow *row;
  GtkWidget *box, *hint, *frame, *view, *buttons, *done, *cancel;
  GtkEventController *keys;
  g_autofree char *name = NULL;

  if (!atlas_window_story_is_own (self) || index >= atlas_story_get_n_passages (self->story))
    return;
  finish_editing (self, TRUE);
  row = gtk_list_box_get_row_at_index (self->passage_list, (int) index);
  if (!row)
    return;
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  hint = gtk_label_new (_("The passage the chart brings to life. A short first paragraph is its heading; a blank "
                          "line starts a new paragraph."));
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "caption");
  gtk_box_append (GTK_BOX (box), hint);
  view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_widget_set_size_request (view, -1, 120);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                            atlas_story_get_passage (self->story, index)->text, -1);
  /* Translators: the accessible name of the editor of passage N's text. */
  name = g_strdup_printf (_("Text of passage %u"), index + 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_editor_key_pressed), self);
  gtk_widget_add_controller (view, keys);
  frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_box_append (GTK_BOX (box), frame);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  done = gtk_button_new_with_mnemonic (_("_Done"));
  gtk_widget_set_tooltip_text (done, _("Keep the text (Ctrl+Enter)"));
  gtk_widget_add_css_class (done, "suggested-action");
  g_signal_connect (cancel, "clicked", G_CALLBACK (on_edit_cancelled), self);
  g_signal_connect (done, "clicked", G_CALLBACK (on_edit_done), self);
  gtk_box_append (GTK_BOX (buttons), cancel);
  gtk_box_append (GTK_BOX (buttons), done);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  gtk_list_box_row_set_child (row, box);
  self->editing = (int) index;
  self->editing_view = GTK_TEXT_VIEW (view);
  gtk_widget_grab_focus (view);
}

/* Changing the story */

/* Moves passage from to index to; the passage shown stays shown. */
void
atlas_window_move_passage (AtlasWindow *self,
                           guint        from,
                           guint        to)
{
  guint n;

  g_return_if_fail (ATLAS_IS_WINDOW (self));

  if (!atlas_window_story_is_own (self))
    return;
  n = atlas_story_get_n_passages (self->story);
  if (from >= n || to >= n || from == to)
    return;
  finish_editing (self, TRUE);
  atlas_window_keep_passage_chart (self);
  atlas_story_move_passage (self->story, from, to);
  if (self->passage == (int) from)
    self->passage = (int) to;
  else if (self->passage > (int) from && self->passage <= (int) to)
    self->passage--;
  else if (self->passage < (int) from && self->passage >= (int) to)
    self->passage++;
  atlas_window_fill_passages (self);
  atlas_window_update_story (self);
  if (self->passage >= 0)
    gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (self->passage_list, self->passage)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-passage", self->passage > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-passage", self->passage + 1 < (int) n);
}

/* A new passage after the one shown (else at the end): the chart shown
 * now, as it shows, and text written at once in its row. */
void
atlas_window_add_passage (AtlasWindow *self)
{
  g_autoptr (AtlasChartDefinition) chart = NULL;
  guint index;

  g_return_if_fail (ATLAS_IS_WINDOW (self));

  if (!atlas_window_story_is_own (self))
    return;
  chart = atlas_document_dup_shown_definition (self->document);
  if (!chart)
    return;
  finish_editing (self, TRUE);
  atlas_window_keep_passage_chart (self);
  index = self->passage >= 0 && atlas_document_get_source (self->document) == ATLAS_DOCUMENT_SOURCE_PASSAGE
            ? (guint) self->passage + 1
            : atlas_story_get_n_passages (self->story);
  atlas_story_insert_passage (self->story, index, "", chart);
  /* The chart is the passage's now: nothing of it is left to save. */
  atlas_document_set_saved (self->document);
  self->passage = -1;
  atlas_window_fill_passages (self);
  atlas_window_show_passage (self, index);
  start_editing (self, index);
}

/* Deletes passage index, with a toast to undo it. */
void
atlas_window_delete_passage (AtlasWindow *self,
                             guint        index)
{
  const AtlasStoryPassage *passage;
  AtlasDeletedPassage *deleted;
  AdwToast *toast;
  guint n;

  g_return_if_fail (ATLAS_IS_WINDOW (self));

  if (!atlas_window_story_is_own (self) || index >= atlas_story_get_n_passages (self->story))
    return;
  finish_editing (self, TRUE);
  atlas_window_keep_passage_chart (self);
  passage = atlas_story_get_passage (self->story, index);
  deleted = g_new0 (AtlasDeletedPassage, 1);
  deleted->index = index;
  deleted->text = g_strdup (passage->text);
  deleted->chart = atlas_chart_definition_copy (passage->chart);
  atlas_deleted_passage_free (self->deleted_passage);
  self->deleted_passage = deleted;
  atlas_story_remove_passage (self->story, index);
  n = atlas_story_get_n_passages (self->story);
  if (self->passage == (int) index)
    {
      self->passage = -1;
      atlas_window_fill_passages (self);
      if (n > 0)
        atlas_window_show_passage (self, MIN (index, n - 1));
    }
  else
    {
      if (self->passage > (int) index)
        self->passage--;
      atlas_window_fill_passages (self);
    }
  atlas_window_update_story (self);
  toast = adw_toast_new (_("Passage deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-delete-passage");
  g_free (self->status);
  self->status = g_strdup (_("Passage deleted"));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The passage last deleted is back where it was, and shown. */
gboolean
atlas_window_undo_delete_passage (AtlasWindow *self)
{
  g_autoptr (AtlasDeletedPassage) deleted = NULL;
  guint index;

  g_return_val_if_fail (ATLAS_IS_WINDOW (self), FALSE);

  deleted = g_steal_pointer (&self->deleted_passage);
  if (!deleted || !atlas_window_story_is_own (self))
    return FALSE;
  finish_editing (self, TRUE);
  atlas_window_keep_passage_chart (self);
  index = MIN (deleted->index, atlas_story_get_n_passages (self->story));
  atlas_story_insert_passage (self->story, index, deleted->text, deleted->chart);
  if (self->passage >= (int) index)
    self->passage++;
  atlas_window_fill_passages (self);
  atlas_window_show_passage (self, index);
  return TRUE;
}

/* Delete, F2 and Alt+Up or Down on a passage's row: in a story of one's own. */
static gboolean
on_passage_key_pressed (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        AtlasWindow           *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->passage_list);
  GdkModifierType modifiers = state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK);
  int index = row ? gtk_list_box_row_get_index (row) : -1;

  if (self->editing >= 0 || index < 0 || !atlas_window_story_is_own (self))
    return FALSE;
  if (keyval == GDK_KEY_Delete && modifiers == 0)
    atlas_window_delete_passage (self, (guint) index);
  else if (keyval == GDK_KEY_F2 && modifiers == 0)
    start_editing (self, (guint) index);
  else if (keyval == GDK_KEY_Up && modifiers == GDK_ALT_MASK && index > 0)
    atlas_window_move_passage (self, (guint) index, (guint) index - 1);
  else if (keyval == GDK_KEY_Down && modifiers == GDK_ALT_MASK)
    atlas_window_move_passage (self, (guint) index, (guint) index + 1);
  else
    return FALSE;
  return TRUE;
}

/* Taking a story in */

/* Shows story in the sidebar (taking it) and its first passage, or what
 * was shown when it has none. */
void
atlas_window_take_story (AtlasWindow *self,
                         AtlasStory  *story)
{
  g_autoptr (GError) catalog_error = NULL;
  GtkWidget *child;
  int first;

  finish_editing (self, FALSE);
  g_clear_pointer (&self->story, atlas_story_free);
  g_clear_pointer (&self->deleted_passage, atlas_deleted_passage_free);
  self->story = story;
  self->passage = -1;
  g_clear_pointer (&self->builtin_context, atlas_chart_context_unref);
  atlas_document_set_context (self->document, atlas_window_get_chart_context (self));
  atlas_window_fill_passages (self);
  adw_view_switcher_title_set_subtitle (self->window_title, atlas_story_get_title (story));
  atlas_chart_view_set_sources (self->chart_view, atlas_story_get_sources (story));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->dataset_list))))
    gtk_list_box_remove (self->dataset_list, child);
  g_clear_pointer (&self->catalog, g_ptr_array_unref);
  self->catalog = atlas_dataset_catalog_load (atlas_story_get_datasets_dir (story), &catalog_error);
  if (!self->catalog)
    atlas_window_show_status (self, catalog_error->message);
  for (guint i = 0; self->catalog && i < self->catalog->len; i++)
    gtk_list_box_append (self->dataset_list, atlas_window_make_dataset_row (g_ptr_array_index (self->catalog, i)));

  atlas_window_update_story (self);
  if (atlas_story_get_n_passages (story) == 0)
    return;
  /* Back where the reader of the built-in story left off, when that
   * passage is still there; a story of one's own opens at its start. */
  first = self->settings && !atlas_window_story_is_own (self) ? g_settings_get_int (self->settings, "passage") : 0;
  atlas_window_show_passage (self, first >= 0 && first < (int) atlas_story_get_n_passages (story) ? (guint) first : 0);
}

/* Reads the story at path into the window: its datasets are those it
 * names or the built-in ones. One naming files outside its own folder is
 * refused (ATLAS_STORY_ERROR_OUTSIDE_FOLDER) unless read_outside. */
gboolean
atlas_window_load_story_trusting (AtlasWindow  *self,
                                  const char   *path,
                                  gboolean      read_outside,
                                  GError      **error)
{
  g_autofree char *builtin = atlas_window_builtin_datasets_dir ();
  AtlasStory *story;

  g_return_val_if_fail (ATLAS_IS_WINDOW (self), FALSE);

  story = atlas_story_open (path, builtin, read_outside ? ATLAS_STORY_OPEN_READ_OUTSIDE : ATLAS_STORY_OPEN_DEFAULT,
                            NULL, error);
  if (!story)
    return FALSE;
  atlas_window_take_story (self, story);
  return TRUE;
}

/* Asking before a story's changes are lost */

typedef struct
{
  AtlasWindow *self;
  AtlasWindowThenFunc then;
  gpointer data;
  GDestroyNotify destroy;
} StoryAsking;

static void
story_asking_free (StoryAsking *asking)
{
  if (asking->destroy)
    asking->destroy (asking->data);
  g_object_unref (asking->self);
  g_free (asking);
}

static void
story_asking_run (StoryAsking *asking)
{
  /* The chart shown may have changes of its own: asked about next. */
  atlas_window_confirm_discard (asking->self, asking->then, g_steal_pointer (&asking->data),
                                g_steal_pointer (&asking->destroy));
}

static void
on_story_discard_response (AdwMessageDialog *dialog,
                           const char       *response,
                           StoryAsking      *asking)
{
  /* A story never saved is given its place first; what waited is left
   * for the person to do again. */
  if (g_str_equal (response, "save-as"))
    gtk_widget_activate_action (GTK_WIDGET (asking->self), "win.save-story-as", NULL);
  else if (g_str_equal (response, "discard"))
    story_asking_run (asking);
  else if (g_str_equal (response, "save") && save_story_now (asking->self, atlas_story_get_path (asking->self->story)))
    story_asking_run (asking);
  story_asking_free (asking);
}

/* Runs then (as atlas_window_confirm_discard() does) once the story's
 * changes are saved or let go: at once when it has none. For a story
 * never saved, Save As gives it a place instead, and then is not run:
 * the person does again what they were doing, the story now saved. */
void
atlas_window_confirm_story_discard (AtlasWindow        *self,
                                    AtlasWindowThenFunc then,
                                    gpointer            data,
                                    GDestroyNotify      destroy)
{
  StoryAsking *asking = g_new0 (StoryAsking, 1);
  AdwMessageDialog *dialog;

  *asking = (StoryAsking) { g_object_ref (self), then, data, destroy };
  finish_editing (self, TRUE);
  atlas_window_keep_passage_chart (self);
  if (!atlas_window_story_is_own (self) || !atlas_story_get_modified (self->story))
    {
      story_asking_run (asking);
      story_asking_free (asking);
      return;
    }
  dialog = atlas_window_new_save_changes_dialog (self, _("Save Changes to the Story?"),
                                                 atlas_story_get_title (self->story),
                                                 atlas_story_get_path (self->story) != NULL);
  /* A story never saved is given a place by Save Story As. */
  if (!atlas_story_get_path (self->story))
    {
      adw_message_dialog_add_response (dialog, "save-as", _("_Save As…"));
      adw_message_dialog_set_response_appearance (dialog, "save-as", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "save-as");
    }
  g_signal_connect (dialog, "response", G_CALLBACK (on_story_discard_response), asking);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Opening a story */

typedef struct
{
  AtlasWindow *self;
  char *path;
} OpeningStory;

static void
opening_story_free (OpeningStory *opening)
{
  g_object_unref (opening->self);
  g_free (opening->path);
  g_free (opening);
}

static void
take_story_from (AtlasWindow *self,
                 const char  *path,
                 gboolean     read_outside)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);

  if (!atlas_window_load_story_trusting (self, path, read_outside, &error))
    {
      atlas_window_show_status (self, error->message);
      return;
    }
  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
}

static void
on_outside_response (AdwMessageDialog *dialog,
                     const char       *response,
                     OpeningStory     *opening)
{
  if (g_str_equal (response, "open"))
    take_story_from (opening->self, opening->path, TRUE);
  opening_story_free (opening);
}

/* Opens the story at path, asking first when it reads files outside its
 * own folder. */
static void
open_story_now (AtlasWindow *self,
                gpointer     data)
{
  const char *path = data;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_filename_display_basename (path);
  AdwMessageDialog *dialog;
  OpeningStory *opening;

  if (atlas_window_load_story_trusting (self, path, FALSE, &error))
    {
      g_autoptr (GFile) file = g_file_new_for_path (path);
      g_autofree char *uri = g_file_get_uri (file);

      gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
      return;
    }
  if (!g_error_matches (error, ATLAS_STORY_ERROR, ATLAS_STORY_ERROR_OUTSIDE_FOLDER))
    {
      atlas_window_show_status (self, error->message);
      return;
    }
  {
    g_autofree char *builtin = atlas_window_builtin_datasets_dir ();
    g_auto (GStrv) files = atlas_story_list_files_outside (path, builtin, NULL);
    g_autofree char *list = files ? g_strjoinv ("\n", files) : g_strdup (error->message);

    dialog = ADW_MESSAGE_DIALOG (
      adw_message_dialog_new (GTK_WINDOW (self), _("Read Files Outside the Story’s Folder?"), NULL));
    /* Translators: the story's file name, then the files it reads, one per line. */
    adw_message_dialog_format_body (dialog,
                                    _("“%s” reads these files from outside its own folder. A story received from "
                                      "someone could use this to put a private file of yours into a page you then "
                                      "share. Open it only if you trust where it came from.\n\n%s"),
                                    name, list);
  }
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "open", _("_Open Anyway"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "open", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  opening = g_new0 (OpeningStory, 1);
  *opening = (OpeningStory) { g_object_ref (self), g_strdup (path) };
  g_signal_connect (dialog, "response", G_CALLBACK (on_outside_response), opening);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Opens the story in file, once the changes of the story and the chart
 * shown are saved or let go. */
void
atlas_window_open_story (AtlasWindow *self,
                         GFile       *file)
{
  char *path;

  g_return_if_fail (ATLAS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = atlas_window_get_local_path (self, file);
  if (path)
    atlas_window_confirm_story_discard (self, open_story_now, path, g_free);
}

static void
on_story_to_open_chosen (GFile   *file,
                         gpointer data)
{
  if (file)
    atlas_window_open_story (ATLAS_WINDOW (data), file);
}

static void
add_story_filter (GListStore *filters)
{
  const char *types[] = { "application/x-silicon-atlas-story", NULL };
  const char *patterns[] = { "*.story", NULL };

  atlas_file_filters_add (filters, _("Silicon Atlas stories"), types, patterns);
}

static void
open_story_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  g_autoptr (GListStore) filters = atlas_file_filters_new ();

  add_story_filter (filters);
  atlas_file_chooser_open (GTK_WINDOW (widget), _("Open a Story"), G_LIST_MODEL (filters), on_story_to_open_chosen,
                           g_object_ref (widget), g_object_unref);
}

static void
builtin_story_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  atlas_window_confirm_story_discard (ATLAS_WINDOW (widget), open_story_now, atlas_window_builtin_story_path (),
                                      g_free);
}

/* A new story */

typedef struct
{
  char *title;
  char *attribution;
} NewStory;

static void
new_story_free (NewStory *story)
{
  g_free (story->title);
  g_free (story->attribution);
  g_free (story);
}

static void
start_new_story (AtlasWindow *self,
                 gpointer     data)
{
  NewStory *asked = data;
  g_autofree char *builtin = atlas_window_builtin_datasets_dir ();

  atlas_window_take_story (self, atlas_story_new (asked->title, asked->attribution, builtin));
  atlas_window_show_status (self, _("A new story: show a chart, then Add Passage"));
}

/* A story of one's own, empty, titled and credited as the person says. */
void
atlas_window_new_story (AtlasWindow *self,
                        const char  *title,
                        const char  *attribution)
{
  NewStory *asked = g_new0 (NewStory, 1);

  g_return_if_fail (ATLAS_IS_WINDOW (self));
  g_return_if_fail (title != NULL);

  asked->title = g_strdup (title);
  asked->attribution = g_strdup (attribution);
  atlas_window_confirm_story_discard (self, start_new_story, asked, (GDestroyNotify) new_story_free);
}

static void
on_new_story_response (AdwMessageDialog *dialog,
                       const char       *response,
                       AtlasWindow      *self)
{
  AdwEntryRow *title = g_object_get_data (G_OBJECT (dialog), "title");
  AdwEntryRow *attribution = g_object_get_data (G_OBJECT (dialog), "attribution");
  g_autofree char *title_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (title))));
  g_autofree char *attribution_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (attribution))));

  if (g_str_equal (response, "create"))
    atlas_window_new_story (self, *title_text ? title_text : _("Untitled Story"), attribution_text);
}

static void
on_new_story_title_changed (GtkEditable      *title,
                            AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (title)));

  adw_message_dialog_set_response_enabled (dialog, "create", *text != '\0');
}

static void
new_story_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  AdwMessageDialog *dialog
    = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("New Story"),
                                                  _("Passages of text, each with the chart it brings to life. "
                                                    "Its charts can draw the built-in datasets, your CSV files "
                                                    "and your chart files.")));
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *title = adw_entry_row_new ();
  GtkWidget *attribution = adw_entry_row_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (title), _("Title"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (attribution), _("Attribution (who wrote the text)"));
  gtk_list_box_append (GTK_LIST_BOX (list), title);
  gtk_list_box_append (GTK_LIST_BOX (list), attribution);
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "create", _("C_reate"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "create", FALSE);
  adw_message_dialog_set_default_response (dialog, "create");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "title", title);
  g_object_set_data (G_OBJECT (dialog), "attribution", attribution);
  g_signal_connect (title, "changed", G_CALLBACK (on_new_story_title_changed), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_new_story_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (title);
}

/* Saving a story */

/* Saves the story at path, keeping the chart shown in its passage first;
 * FALSE, with a toast saying why, when it cannot. */
static gboolean
save_story_now (AtlasWindow *self,
                const char  *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *message = NULL;
  g_autoptr (GFile) saved = NULL;
  g_autofree char *uri = NULL;
  gboolean was_own = atlas_window_story_is_own (self);

  finish_editing (self, TRUE);
  atlas_window_keep_passage_chart (self);
  if (!atlas_story_save (self->story, path, &error))
    {
      /* Translators: a story's file name, then why it could not be written. */
      message = g_strdup_printf (_("Could not save “%s”: %s"), name, error->message);
      atlas_window_show_status (self, message);
      return FALSE;
    }
  saved = g_file_new_for_path (path);
  uri = g_file_get_uri (saved);
  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  message = g_strdup_printf (_("Saved “%s”"), name);
  atlas_window_show_status (self, message);
  /* A copy of the built-in story is one's own from now on. */
  if (!was_own)
    atlas_window_fill_passages (self);
  atlas_window_update_story (self);
  return TRUE;
}

typedef struct
{
  AtlasWindow *self;
  char *path;
} SavingStory;

static void
saving_story_free (SavingStory *saving)
{
  g_object_unref (saving->self);
  g_free (saving->path);
  g_free (saving);
}

static void
on_gather_response (AdwMessageDialog *dialog,
                    const char       *response,
                    SavingStory      *saving)
{
  AtlasWindow *self = saving->self;

  if (g_str_equal (response, "copy") && self->story)
    {
      g_autofree char *folder = g_path_get_dirname (saving->path);
      g_autoptr (GError) error = NULL;

      finish_editing (self, TRUE);
      atlas_window_keep_passage_chart (self);
      if (!atlas_story_gather_data (self->story, folder, &error))
        atlas_window_show_status (self, error->message);
      else
        save_story_now (self, saving->path);
    }
  else if (g_str_equal (response, "keep") && self->story)
    save_story_now (self, saving->path);
  saving_story_free (saving);
}

/* Saves the story at file (NULL: where it was read from or last saved).
 * When its passages read data from outside the story's folder, asks
 * first whether to copy them into it, and saves once answered: FALSE
 * then, as when it cannot be saved (a toast says why). */
gboolean
atlas_window_save_story (AtlasWindow *self,
                         GFile       *file)
{
  g_autofree char *path = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *story_name = NULL;
  g_autoptr (GPtrArray) outside = NULL;
  g_autoptr (GString) names = NULL;
  AdwMessageDialog *dialog;
  SavingStory *saving;

  g_return_val_if_fail (ATLAS_IS_WINDOW (self), FALSE);

  if (!self->story)
    return FALSE;
  path = file ? atlas_window_get_local_path (self, file) : g_strdup (atlas_story_get_path (self->story));
  if (!path || (!file && !atlas_window_story_is_own (self)))
    {
      if (!path && !file)
        gtk_widget_activate_action (GTK_WIDGET (self), "win.save-story-as", NULL);
      return FALSE;
    }
  folder = g_path_get_dirname (path);
  atlas_window_keep_passage_chart (self);
  outside = atlas_story_list_data_outside (self->story, folder);
  if (outside->len == 0)
    return save_story_now (self, path);

  names = g_string_new (NULL);
  for (guint i = 0; i < outside->len; i++)
    g_string_append_printf (names, "\n%s", (const char *) g_ptr_array_index (outside, i));
  story_name = g_filename_display_basename (path);
  dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (GTK_WINDOW (self), _("Copy the Data into the Story’s Folder?"), NULL));
  /* Translators: the story's file name, then the data files, one per line. */
  adw_message_dialog_format_body (dialog,
                                  _("Copied beside “%s”, the data travel with it: the folder can be moved or sent "
                                    "and the story still shows its charts. Left where they are, the story reads "
                                    "them from outside its folder, and asks before it does when opened.\n%s"),
                                  story_name, names->str);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "keep", _("_Leave Them"), "copy", _("C_opy"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "copy", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "copy");
  adw_message_dialog_set_close_response (dialog, "cancel");
  saving = g_new0 (SavingStory, 1);
  *saving = (SavingStory) { g_object_ref (self), g_steal_pointer (&path) };
  g_signal_connect (dialog, "response", G_CALLBACK (on_gather_response), saving);
  gtk_window_present (GTK_WINDOW (dialog));
  return FALSE;
}

static void
on_story_save_chosen (GFile   *file,
                      gpointer data)
{
  g_autofree char *path = NULL;
  g_autoptr (GFile) named = NULL;

  if (!file)
    return;
  /* A name typed without the ending gets it, so the file opens again as a story. */
  path = g_file_get_path (file);
  if (path && !g_str_has_suffix (path, ".story"))
    {
      g_autofree char *with_ending = g_strconcat (path, ".story", NULL);
      named = g_file_new_for_path (with_ending);
    }
  atlas_window_save_story (ATLAS_WINDOW (data), named ? named : file);
}

/* A file name from a title: no folder separators, then extension. */
static char *
name_from_title (const char *title,
                 const char *extension)
{
  g_autofree char *base = g_strdup (title && *title ? title : _("Story"));

  g_strdelimit (base, G_DIR_SEPARATOR_S ":", '-');
  if (g_utf8_strlen (base, -1) > 60)
    {
      g_autofree char *shorter = g_utf8_substring (base, 0, 60);
      g_free (base);
      base = g_strdup (g_strstrip (shorter));
    }
  return g_strconcat (base, extension, NULL);
}

static void
save_story_as_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  g_autoptr (GListStore) filters = atlas_file_filters_new ();
  g_autofree char *name = NULL;

  if (!self->story)
    return;
  name = name_from_title (atlas_story_get_title (self->story), ".story");
  add_story_filter (filters);
  atlas_file_chooser_save (GTK_WINDOW (self), _("Save Story"), _("_Save"), name, G_LIST_MODEL (filters),
                           on_story_save_chosen, g_object_ref (self), g_object_unref);
}

static void
save_story_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  if (self->story && atlas_story_get_path (self->story) && atlas_window_story_is_own (self))
    atlas_window_save_story (self, NULL);
  else
    save_story_as_activated (widget, "win.save-story-as", NULL);
}

/* Publishing a story */

/* A story being published: a copy of the window's, so that the story
 * shown can change, be closed or replaced while the copy is read in the
 * other thread. The window and widgets are let go in the window's thread
 * (on_published()); what is left may be freed in either. */
typedef struct
{
  AtlasWindow *self;
  AdwMessageDialog *dialog;
  GtkProgressBar *progress;
  AtlasStory *story;
  GCancellable *cancellable;
  char *path;
} Publishing;

static void
publishing_free (Publishing *publishing)
{
  g_clear_object (&publishing->self);
  g_clear_object (&publishing->dialog);
  g_clear_object (&publishing->progress);
  atlas_story_free (publishing->story);
  g_object_unref (publishing->cancellable);
  g_free (publishing->path);
  g_free (publishing);
}

typedef struct
{
  GtkProgressBar *progress;
  double fraction;
} PublishStep;

static gboolean
show_publish_step (gpointer data)
{
  PublishStep *step = data;

  gtk_progress_bar_set_fraction (step->progress, step->fraction);
  g_object_unref (step->progress);
  g_free (step);
  return G_SOURCE_REMOVE;
}

/* In the publishing thread: the bar moves in the window's. */
static void
on_publish_progress (guint    done,
                     guint    total,
                     gpointer data)
{
  Publishing *publishing = data;
  PublishStep *step = g_new (PublishStep, 1);

  step->progress = g_object_ref (publishing->progress);
  step->fraction = (double) done / total;
  g_idle_add_full (G_PRIORITY_DEFAULT, show_publish_step, step, NULL);
}

static void
publish_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      data,
                   GCancellable *cancellable)
{
  Publishing *publishing = data;
  GError *error = NULL;

  if (atlas_story_publish (publishing->story, publishing->path, atlas_paper_size_for_locale (),
                           on_publish_progress, publishing, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_published (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Publishing *publishing = g_task_get_task_data (G_TASK (result));
  AtlasWindow *self = publishing->self;
  g_autoptr (GError) error = NULL;

  self->publishing = FALSE;
  gtk_window_destroy (GTK_WINDOW (publishing->dialog));
  if (g_task_propagate_boolean (G_TASK (result), &error))
    atlas_window_show_exported (self, publishing->path);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    atlas_window_show_status (self, error->message);
  else
    atlas_window_show_status (self, _("Export stopped: nothing was written"));
  atlas_window_update_story (self);
  /* The task may be freed in the other thread: no widget goes with it. */
  g_clear_object (&publishing->dialog);
  g_clear_object (&publishing->progress);
  g_clear_object (&publishing->self);
}

static void
on_publish_dialog_response (AdwMessageDialog *dialog,
                            const char       *response,
                            GCancellable     *cancellable)
{
  if (g_str_equal (response, "cancel"))
    g_cancellable_cancel (cancellable);
}

/* Publishes the story at path (a .pdf or .html file) off the main thread,
 * a dialog showing how far it has come with a button to stop. */
void
atlas_window_export_story_to (AtlasWindow *self,
                              const char  *path)
{
  Publishing *publishing;
  g_autoptr (GTask) task = NULL;
  g_autofree char *name = NULL;
  GtkWidget *progress;

  g_return_if_fail (ATLAS_IS_WINDOW (self));

  if (!self->story || self->publishing || atlas_story_get_n_passages (self->story) == 0)
    return;
  finish_editing (self, TRUE);
  atlas_window_keep_passage_chart (self);
  name = g_filename_display_basename (path);
  publishing = g_new0 (Publishing, 1);
  publishing->self = g_object_ref (self);
  publishing->path = g_strdup (path);
  publishing->story = atlas_story_copy (self->story);
  publishing->cancellable = g_cancellable_new ();
  /* Translators: the file a story is being published to. */
  publishing->dialog = g_object_ref_sink (ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_WINDOW (self), _("Exporting Story…"), NULL)));
  adw_message_dialog_format_body (publishing->dialog, _("Writing “%s”, a passage at a time."), name);
  progress = gtk_progress_bar_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (progress), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Export progress"), -1);
  publishing->progress = g_object_ref (GTK_PROGRESS_BAR (progress));
  adw_message_dialog_set_extra_child (publishing->dialog, progress);
  adw_message_dialog_add_response (publishing->dialog, "cancel", _("_Stop"));
  adw_message_dialog_set_close_response (publishing->dialog, "cancel");
  g_signal_connect_object (publishing->dialog, "response", G_CALLBACK (on_publish_dialog_response),
                           publishing->cancellable, 0);
  gtk_window_set_modal (GTK_WINDOW (publishing->dialog), TRUE);
  gtk_window_present (GTK_WINDOW (publishing->dialog));
  /* One export at a time. */
  self->publishing = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-story", FALSE);

  task = g_task_new (NULL, publishing->cancellable, on_published, NULL);
  /* What happened, not whether Stop was pressed: a story published in
   * full before Stop was seen is written, and says so. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, publishing, (GDestroyNotify) publishing_free);
  g_task_run_in_thread (task, publish_in_thread);
}

static void
on_export_story_chosen (GFile   *file,
                        gpointer data)
{
  AtlasWindow *self = data;
  g_autofree char *path = NULL;
  AtlasPublishFormat format;

  if (!file)
    return;
  path = atlas_window_get_local_path (self, file);
  if (!path)
    return;
  if (!atlas_publish_format_from_path (path, &format))
    {
      /* A name typed without an ending is a PDF. */
      g_autofree char *with_ending = g_strconcat (path, ".pdf", NULL);
      atlas_window_export_story_to (self, with_ending);
    }
  else
    atlas_window_export_story_to (self, path);
}

static void
export_story_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  g_autoptr (GListStore) filters = atlas_file_filters_new ();
  const char *pdf_types[] = { "application/pdf", NULL };
  const char *pdf_patterns[] = { "*.pdf", NULL };
  const char *html_types[] = { "text/html", NULL };
  const char *html_patterns[] = { "*.html", "*.htm", NULL };
  g_autofree char *name = NULL;

  if (!self->story)
    return;
  name = name_from_title (atlas_story_get_title (self->story), ".pdf");
  atlas_file_filters_add (filters, _("PDF documents, to print or send"), pdf_types, pdf_patterns);
  atlas_file_filters_add (filters, _("Web pages, one file that needs no network"), html_types, html_patterns);
  atlas_file_chooser_save (GTK_WINDOW (self), _("Export Story"), _("_Export"), name, G_LIST_MODEL (filters),
                           on_export_story_chosen, g_object_ref (self), g_object_unref);
}

/* Actions on passages */

static void
add_passage_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  atlas_window_add_passage (ATLAS_WINDOW (widget));
}

static void
edit_passage_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  if (self->passage >= 0)
    start_editing (self, (guint) self->passage);
}

static void
delete_passage_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);

  if (self->passage >= 0)
    atlas_window_delete_passage (self, (guint) self->passage);
}

static void
undo_delete_passage_activated (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  atlas_window_undo_delete_passage (ATLAS_WINDOW (widget));
}

static void
move_passage_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AtlasWindow *self = ATLAS_WINDOW (widget);
  int to = self->passage + (g_str_equal (action_name, "win.move-passage-up") ? -1 : 1);

  if (self->passage >= 0 && to >= 0)
    atlas_window_move_passage (self, (guint) self->passage, (guint) to);
}

void
atlas_window_init_story (AtlasWindow *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->editing = -1;
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_passage_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->passage_list), keys);
  g_signal_connect_object (self->document, "chart-changed", G_CALLBACK (on_document_chart_changed), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  atlas_window_update_story (self);
}

void
atlas_window_class_init_story (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, AtlasWindow, story_label);
  gtk_widget_class_install_action (widget_class, "win.new-story", NULL, new_story_activated);
  gtk_widget_class_install_action (widget_class, "win.open-story", NULL, open_story_activated);
  gtk_widget_class_install_action (widget_class, "win.builtin-story", NULL, builtin_story_activated);
  gtk_widget_class_install_action (widget_class, "win.save-story", NULL, save_story_activated);
  gtk_widget_class_install_action (widget_class, "win.save-story-as", NULL, save_story_as_activated);
  gtk_widget_class_install_action (widget_class, "win.export-story", NULL, export_story_activated);
  gtk_widget_class_install_action (widget_class, "win.add-passage", NULL, add_passage_activated);
  gtk_widget_class_install_action (widget_class, "win.edit-passage", NULL, edit_passage_activated);
  gtk_widget_class_install_action (widget_class, "win.delete-passage", NULL, delete_passage_activated);
  gtk_widget_class_install_action (widget_class, "win.undo-delete-passage", NULL, undo_delete_passage_activated);
  gtk_widget_class_install_action (widget_class, "win.move-passage-up", NULL, move_passage_activated);
  gtk_widget_class_install_action (widget_class, "win.move-passage-down", NULL, move_passage_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-story", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.add-passage",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export-story",
                                       NULL);
}
