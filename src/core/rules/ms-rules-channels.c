/* ms-rules-channels.c — how the user files and follows the request (art. 6, 13, 25)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-rules"

#include "config.h"

#include <string.h>

#include "ms-rules-private.h"

/* An https URL with a host: what a browser can open from the portal. */
static gboolean
is_https_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  if (url == NULL || g_ascii_strncasecmp (url, "https://", 8) != 0)
    return FALSE;
  if (!(uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL)))
    return FALSE;
  return g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0';
}

static gboolean
has_online_channel (MsProcedure *p)
{
  for (guint i = 0; p->channels != NULL && i < p->channels->len; i++)
    if (((MsChannel *) g_ptr_array_index (p->channels, i))->kind == MS_CHANNEL_ONLINE)
      return TRUE;
  return FALSE;
}

/* channel: error, path "channels", when channels is absent or empty; path
 * "channels[i].url" for each online channel whose url is absent or not an
 * https:// URL with a host. */
static void
rule_channel (MsRuleContext *ctx,
              MsProcedure   *p)
{
  if (_ms_rules_list_is_empty (p->channels))
    {
      _ms_rule_report (ctx, g_strdup ("channels"),
                       _("Law 55-19 art. 6: say where and how the request is filed"));
      return;
    }
  for (guint i = 0; i < p->channels->len; i++)
    {
      MsChannel *channel = g_ptr_array_index (p->channels, i);

      if (channel->kind == MS_CHANNEL_ONLINE && !is_https_url (channel->url))
        _ms_rule_report (ctx, g_strdup_printf ("channels[%u].url", i),
                         _("Law 55-19 art. 13: give the online channel’s address, starting with https://"));
    }
}

/* no-online: warning, path "channels", when no channel is "online". */
static void
rule_no_online (MsRuleContext *ctx,
                MsProcedure   *p)
{
  if (!has_online_channel (p))
    _ms_rule_report (ctx, g_strdup ("channels"),
                     _("Law 55-19 art. 25: offer a way to file the request online"));
}

/* no-contact: warning, path "contact", when contact is absent or its phone,
 * email and url are all absent or blank. */
static void
rule_no_contact (MsRuleContext *ctx,
                 MsProcedure   *p)
{
  MsContact *c = p->contact;

  if (c == NULL || (_ms_rules_is_blank (c->phone) && _ms_rules_is_blank (c->email)
                    && _ms_rules_is_blank (c->url)))
    _ms_rule_report (ctx, g_strdup ("contact"),
                     _("Give a phone number, an email address or a web page where users can ask questions"));
}

/* no-steps: warning, path "steps", when steps is absent or empty. */
static void
rule_no_steps (MsRuleContext *ctx,
               MsProcedure   *p)
{
  if (_ms_rules_list_is_empty (p->steps))
    _ms_rule_report (ctx, g_strdup ("steps"),
                     _("List the steps of the procedure in order, from filing to delivery"));
}

const MsRule _ms_rules_channels[] = {
  { { "channel", MS_SEVERITY_ERROR, "6, 13",
      N_("How to file the request") }, rule_channel },
  { { "no-online", MS_SEVERITY_WARNING, "25",
      N_("Online filing") }, rule_no_online },
  { { "no-contact", MS_SEVERITY_WARNING, N_("good practice"),
      N_("Contact details") }, rule_no_contact },
  { { "no-steps", MS_SEVERITY_WARNING, N_("good practice"),
      N_("Steps of the procedure") }, rule_no_steps },
};
const guint _ms_rules_channels_len = G_N_ELEMENTS (_ms_rules_channels);
