/* ms-localized.h — a text in several languages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The languages a sheet may carry, in the order they are written out. */
typedef enum {
  MS_LANG_AR,
  MS_LANG_FR,
  MS_LANG_ZGH,
  MS_LANG_EN,
  MS_N_LANGS
} MsLang;

typedef struct {
  char *text[MS_N_LANGS];
} MsLocalized;

const char  *ms_lang_to_code       (MsLang             lang);
gboolean     ms_lang_from_code     (const char        *code,
                                    MsLang            *lang);
gboolean     ms_lang_is_rtl        (MsLang             lang);
/* The language's name for people ("Arabic"), translated. */
const char  *ms_lang_to_label      (MsLang             lang);

MsLocalized *ms_localized_new      (void);
MsLocalized *ms_localized_copy     (const MsLocalized *self);
void         ms_localized_free     (MsLocalized       *self);
const char  *ms_localized_get      (const MsLocalized *self,
                                    MsLang             lang);
void         ms_localized_set      (MsLocalized       *self,
                                    MsLang             lang,
                                    const char        *text);
gboolean     ms_localized_is_empty (const MsLocalized *self);
const char  *ms_localized_best     (const MsLocalized *self,
                                    MsLang             preferred);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsLocalized, ms_localized_free)

G_END_DECLS
