/* ms-vocabulary.c — controlled lists kept in data/vocabulary/
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-vocabulary"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ms-core-error.h"
#include "ms-json-reader.h"
#include "ms-vocabulary.h"

struct _MsVocabulary
{
  GHashTable *lists[MS_N_VOCABS];   /* code → MsLocalized* */
};

static const char * const vocab_files[MS_N_VOCABS] = {
  [MS_VOCAB_ADMINISTRATIONS] = "administrations.json",
  [MS_VOCAB_THEMES] = "themes.json",
  [MS_VOCAB_LIFE_EVENTS] = "life-events.json",
};

/* $MASATIR_DATADIR, else the installed folder, else (a build that was not
 * installed) the source tree's data/. */
const char *
ms_get_data_dir (void)
{
  const char *dir = g_getenv ("MASATIR_DATADIR");

  if (dir != NULL && *dir != '\0')
    return dir;
  if (g_file_test (PKGDATADIR "/rules", G_FILE_TEST_IS_DIR))
    return PKGDATADIR;
  return MS_SOURCE_DATADIR;
}

void
ms_vocabulary_free (MsVocabulary *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < MS_N_VOCABS; i++)
    g_clear_pointer (&self->lists[i], g_hash_table_unref);
  g_free (self);
}

static gboolean
load_list (GHashTable  *list,
           const char  *path,
           GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *base = g_path_get_basename (path);
  JsonObjectIter iter;
  const char *code;
  JsonNode *value;
  MsJsonReader r;

  if (!(root = ms_json_parse_file (path, error)))
    {
      g_prefix_error (error, "%s: ", base);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, MS_CORE_ERROR, MS_CORE_ERROR_FORMAT,
                   _("%s: expected an object of codes"), base);
      return FALSE;
    }

  ms_json_reader_init (&r, base);
  json_object_iter_init (&iter, json_node_get_object (root));
  while (json_object_iter_next (&iter, &code, &value))
    {
      MsLocalized *label;

      ms_json_reader_push_member (&r, code);
      if ((label = ms_json_reader_localized (&r, value)))
        g_hash_table_replace (list, g_strdup (code), label);
      ms_json_reader_pop (&r);
    }
  if (!ms_json_reader_ok (&r))
    {
      ms_json_reader_set_error (&r, error);
      ms_json_reader_clear (&r);
      return FALSE;
    }
  ms_json_reader_clear (&r);
  return TRUE;
}

MsVocabulary *
ms_vocabulary_load (const char  *dir,
                    GError     **error)
{
  g_autoptr(MsVocabulary) self = g_new0 (MsVocabulary, 1);

  g_return_val_if_fail (dir != NULL, NULL);

  for (guint i = 0; i < MS_N_VOCABS; i++)
    {
      g_autofree char *path = g_build_filename (dir, vocab_files[i], NULL);

      self->lists[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) ms_localized_free);
      if (!load_list (self->lists[i], path, error))
        return NULL;
    }
  return g_steal_pointer (&self);
}

MsVocabulary *
ms_vocabulary_get_default (void)
{
  static MsVocabulary *vocabulary;

  if (g_once_init_enter (&vocabulary))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_build_filename (ms_get_data_dir (), "vocabulary", NULL);
      MsVocabulary *loaded = ms_vocabulary_load (dir, &error);

      if (loaded == NULL)
        {
          g_message ("Vocabulary not loaded, codes are shown as they are: %s", error->message);
          loaded = g_new0 (MsVocabulary, 1);
        }
      g_once_init_leave (&vocabulary, loaded);
    }
  return vocabulary;
}

const MsLocalized *
ms_vocabulary_lookup (MsVocabulary *self,
                      MsVocab       vocab,
                      const char   *code)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (vocab < MS_N_VOCABS, NULL);

  if (code == NULL || self->lists[vocab] == NULL)
    return NULL;
  return g_hash_table_lookup (self->lists[vocab], code);
}

const char *
ms_vocabulary_label (MsVocabulary *self,
                     MsVocab       vocab,
                     const char   *code,
                     MsLang        lang)
{
  const char *label = ms_localized_best (ms_vocabulary_lookup (self, vocab, code), lang);

  return label != NULL ? label : code;
}

static int
compare_codes (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The codes of @vocab, sorted, for the editor's choices. Transfer
 * container: the codes are the vocabulary's. */
GPtrArray *
ms_vocabulary_codes (MsVocabulary *self,
                     MsVocab       vocab)
{
  GPtrArray *codes;
  GHashTableIter iter;
  gpointer code;

  g_return_val_if_fail (vocab < MS_N_VOCABS, NULL);

  codes = g_ptr_array_new ();
  if (self == NULL || self->lists[vocab] == NULL)
    return codes;

  g_hash_table_iter_init (&iter, self->lists[vocab]);
  while (g_hash_table_iter_next (&iter, &code, NULL))
    g_ptr_array_add (codes, code);
  g_ptr_array_sort (codes, compare_codes);

  return codes;
}
