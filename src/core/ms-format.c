/* ms-format.c — values of a sheet as people read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-format"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ms-format.h"

static const char * const enum_labels[MS_N_ENUMS][8] = {
  [MS_ENUM_ACT_KIND] = { NULL, N_("Licence"), N_("Permit"), N_("Authorisation"), N_("Certificate"),
                         N_("Approval"), N_("Decision"), N_("Other act") },
  [MS_ENUM_AUDIENCE] = { NULL, N_("Citizens"), N_("Businesses"), N_("Administrations") },
  [MS_ENUM_ADMIN_LEVEL] = { NULL, N_("Central administration"), N_("Deconcentrated service"),
                            N_("Public establishment"), N_("Territorial collectivity"),
                            N_("Delegated manager") },
  [MS_ENUM_PROVIDER] = { NULL, N_("Provided by the user"), N_("Obtained by the administration") },
  [MS_ENUM_ISSUER] = { NULL, N_("Issued by the user"), N_("Issued by this administration"),
                       N_("Issued by another administration") },
  [MS_ENUM_ACTOR] = { NULL, N_("User"), N_("Administration") },
  [MS_ENUM_EXTENSION_REASON] = { NULL, N_("Technical expertise"), N_("Public inquiry") },
  [MS_ENUM_CHANNEL_KIND] = { NULL, N_("Online"), N_("At the counter"), N_("By mail") },
  [MS_ENUM_LEGAL_KIND] = { NULL, N_("Dahir"), N_("Law"), N_("Decree"), N_("Order"), N_("Circular"),
                           N_("Other text") },
  [MS_ENUM_APPROVAL_BODY] = { NULL, N_("National Commission"), N_("Ministry of the Interior") },
};

const char *
ms_format_not_stated (void)
{
  return _("Not stated");
}

char *
ms_format_amount (gint64 centimes)
{
  if (centimes < 0)
    return NULL;
  /* TRANSLATORS: an amount of Moroccan dirhams: units, decimal part */
  return g_strdup_printf (_("%lld.%02d MAD"), (long long) (centimes / 100), (int) (centimes % 100));
}

char *
ms_format_days (gint64 days)
{
  if (days < 0)
    return NULL;
  if (days == 0)
    return g_strdup (_("Immediate"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", (gulong) days), (int) days);
}

const char *
ms_format_bool (MsBool value)
{
  switch (value)
    {
    case MS_BOOL_TRUE:
      return _("Yes");
    case MS_BOOL_FALSE:
      return _("No");
    case MS_BOOL_UNSET:
    default:
      return NULL;
    }
}

const char *
ms_format_enum (MsEnumType type,
                int        value)
{
  g_return_val_if_fail (type < MS_N_ENUMS, NULL);

  if (value <= 0 || value >= (int) G_N_ELEMENTS (enum_labels[type]) || enum_labels[type][value] == NULL)
    return NULL;
  return _(enum_labels[type][value]);
}

char *
ms_format_legal_ref (MsLegalRef *ref,
                     MsLang      lang)
{
  const char *kind = ms_format_enum (MS_ENUM_LEGAL_KIND, ref->kind);
  GString *text = g_string_new (kind != NULL ? kind : _("Legal text"));
  const char *title = ms_localized_best (ref->title, lang);

  if (ref->number != NULL)
    g_string_append_printf (text, _(" no. %s"), ref->number);
  if (ref->date != NULL)
    g_string_append_printf (text, _(" of %s"), ref->date);
  if (title != NULL)
    g_string_append_printf (text, " — %s", title);
  if (ref->bulletin != NULL)
    g_string_append_printf (text, " (%s)", ref->bulletin);
  return g_string_free (text, FALSE);
}
