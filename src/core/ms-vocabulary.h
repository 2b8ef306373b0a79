/* ms-vocabulary.h — controlled lists: administrations, themes, life events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ms-localized.h"

G_BEGIN_DECLS

typedef enum {
  MS_VOCAB_ADMINISTRATIONS,
  MS_VOCAB_THEMES,
  MS_VOCAB_LIFE_EVENTS,
  MS_N_VOCABS
} MsVocab;

typedef struct _MsVocabulary MsVocabulary;

/* The folder with schema/, vocabulary/ and demo/: $MASATIR_DATADIR when set
 * (development and tests), else the installed one. */
const char        *ms_get_data_dir            (void);

MsVocabulary      *ms_vocabulary_load         (const char    *dir,
                                               GError       **error);
/* Loaded once from ms_get_data_dir(); an empty vocabulary if that fails. */
MsVocabulary      *ms_vocabulary_get_default  (void);
void               ms_vocabulary_free         (MsVocabulary  *self);
const MsLocalized *ms_vocabulary_lookup       (MsVocabulary  *self,
                                               MsVocab        vocab,
                                               const char    *code);
/* The name in @lang, or the code itself when unknown. */
const char        *ms_vocabulary_label        (MsVocabulary  *self,
                                               MsVocab        vocab,
                                               const char    *code,
                                               MsLang         lang);

GPtrArray         *ms_vocabulary_codes        (MsVocabulary  *self,
                                               MsVocab        vocab);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsVocabulary, ms_vocabulary_free)

G_END_DECLS
