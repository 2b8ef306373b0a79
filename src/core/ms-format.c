/* ms-format.c — values of a sheet as people read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-format"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <stdio.h>
#include <string.h>

#include "ms-format.h"
#include "ms-input.h"

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

/* The names used in Morocco, in the translations: يناير … دجنبر, janvier … */
static const char * const month_names[12] = {
  NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
  NC_("month", "April"), NC_("month", "May"), NC_("month", "June"),
  NC_("month", "July"), NC_("month", "August"), NC_("month", "September"),
  NC_("month", "October"), NC_("month", "November"), NC_("month", "December"),
};

const char *
ms_format_not_stated (void)
{
  return _("Not stated");
}

/* Whole dirhams with the translation's separator between groups of three
 * digits. */
static void
append_grouped (GString *out,
                gint64   units)
{
  /* TRANSLATORS: between groups of three digits in amounts ("1,234.50"):
   * French a narrow no-break space (U+202F); write "none" for no separator. */
  const char *group = C_("thousands separator", ",");
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, units);
  gsize n = strlen (digits);

  if (g_strcmp0 (group, "none") == 0)
    group = "";
  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append (out, group);
      g_string_append_c (out, digits[i]);
    }
}

char *
ms_format_amount (gint64 centimes)
{
  g_autoptr(GString) number = g_string_new (NULL);

  if (centimes < 0)
    return NULL;
  append_grouped (number, centimes / 100);
  /* TRANSLATORS: the decimal separator of amounts ("1,234.50") */
  g_string_append (number, C_("decimal separator", "."));
  g_string_append_printf (number, "%02d", (int) (centimes % 100));
  /* TRANSLATORS: an amount of Moroccan dirhams, the number already written
   * with the separators above: "1 234,50 DH", "1234,50 درهم" */
  return g_strdup_printf (C_("amount", "%s MAD"), number->str);
}

char *
ms_format_date (const char *iso)
{
  int year, month, day;
  char end;

  if (iso == NULL)
    return NULL;
  if (sscanf (iso, "%4d-%2d-%2d%c", &year, &month, &day, &end) != 3
      || !ms_date_is_valid (iso))
    return g_strdup (iso);
  /* TRANSLATORS: a date: day, month name, year, as in "20 December 2021";
   * reorder with %1$d, %2$s, %3$d */
  return g_strdup_printf (C_("date", "%1$d %2$s %3$d"), day,
                          g_dpgettext2 (GETTEXT_PACKAGE, "month", month_names[month - 1]), year);
}

char *
ms_format_date_time (GDateTime *time)
{
  g_autofree char *iso = NULL;
  g_autofree char *date = NULL;
  g_autofree char *hour = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  iso = g_date_time_format (time, "%Y-%m-%d");
  date = ms_format_date (iso);
  hour = g_date_time_format (time, "%H:%M");
  /* TRANSLATORS: a date, then a time of day: "20 December 2021, 14:05" */
  return g_strdup_printf (C_("date and time", "%s, %s"), date, hour);
}

char *
ms_format_timestamp (const char *iso)
{
  g_autoptr(GDateTime) time = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = time != NULL ? g_date_time_to_local (time) : NULL;

  if (local == NULL)
    return g_strdup (iso != NULL ? iso : "");
  return ms_format_date_time (local);
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
    {
      g_autofree char *date = ms_format_date (ref->date);

      g_string_append_printf (text, _(" of %s"), date);
    }
  if (title != NULL)
    g_string_append_printf (text, " — %s", title);
  if (ref->bulletin != NULL)
    g_string_append_printf (text, " (%s)", ref->bulletin);
  return g_string_free (text, FALSE);
}
