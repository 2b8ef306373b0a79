/* ms-sheet-scan.c — recursive descent over a sheet's bytes, the schema alongside
 *
 * The descent is ms-strict-json.c's, with the same refusals, messages and
 * limits at the same points (the limits of ms_procedure_json_limits ():
 * exceeding one ends the reading, as it ends the parser's); the schema
 * is the sheet reader's (ms-procedure-json.c), in a table walked with the
 * values. A problem of the format is noted (the first one) and the
 * reading goes on, since a later byte that is not JSON, or a wrong id,
 * comes first in the verdict (design.md §4: check 13 before check 14).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ms-sheet-scan"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ms-input.h"
#include "ms-json-scan.h"
#include "ms-procedure.h"
#include "ms-sheet-scan.h"
#include "ms-json-lex-private.h"
#include "ms-strict-json.h"

/* The schema {{{1 */

typedef enum { T_ANY, T_OBJECT, T_LIST, T_TEXT, T_INT, T_BOOL, T_ENUM } Type;

typedef struct Schema Schema;

typedef struct {
  const char   *name;
  gsize         length;
  const Schema *schema;
} Member;

struct Schema {
  Type           type;
  MsSheetString  kind;       /* T_TEXT */
  guint          max;        /* T_TEXT: characters; T_LIST: items */
  MsEnumType     values;     /* T_ENUM */
  gint64         min_int;    /* T_INT */
  gint64         max_int;
  const Schema  *items;      /* T_LIST */
  const Member  *members;    /* T_OBJECT, NULL-terminated */
  const char    *required;   /* T_OBJECT: the member it must have, if any */
  gboolean       localized;  /* T_OBJECT: at least one member */
};

#define TEXT(k, n)    { T_TEXT, .kind = (k), .max = (n) }
#define INT(lo, hi)   { T_INT, .min_int = (lo), .max_int = (hi) }
#define ENUM(t)       { T_ENUM, .values = (t) }
#define LIST(n, item) { T_LIST, .max = (n), .items = (item) }
#define OBJECT(m, r)  { T_OBJECT, .members = (m), .required = (r) }
#define M(n, schema)  { n, sizeof n - 1, schema }

static const Schema text = TEXT (MS_SHEET_STRING_PLAIN, MS_MAX_TEXT_CHARS);
static const Schema short_text = TEXT (MS_SHEET_STRING_PLAIN, MS_MAX_SHORT_CHARS);
static const Schema url = TEXT (MS_SHEET_STRING_PLAIN, MS_MAX_URL_CHARS);
static const Schema uuid = TEXT (MS_SHEET_STRING_UUID, 36);
static const Schema item_id = TEXT (MS_SHEET_STRING_ITEM_ID, 64);
static const Schema code = TEXT (MS_SHEET_STRING_CODE, 64);
static const Schema date = TEXT (MS_SHEET_STRING_DATE, 10);
static const Schema boolean = { T_BOOL };
static const Schema any = { T_ANY };

static const Member localized_members[] = {
  M ("ar", &text), M ("fr", &text), M ("zgh", &text), M ("en", &text), { NULL }
};
static const Schema localized = { T_OBJECT, .members = localized_members, .localized = TRUE };
static const Schema localized_list = LIST (MS_MAX_LIST_ITEMS, &localized);
static const Schema codes = LIST (MS_MAX_CODES, &code);
static const Schema id_refs = LIST (MS_MAX_LIST_ITEMS, &item_id);

static const Schema act_kind = ENUM (MS_ENUM_ACT_KIND);
static const Schema audience = ENUM (MS_ENUM_AUDIENCE);
static const Schema audiences = LIST (3, &audience);
static const Schema admin_level = ENUM (MS_ENUM_ADMIN_LEVEL);

static const Member output_members[] = {
  M ("name", &localized), M ("validity_days", &(const Schema) INT (0, 36500)), { NULL }
};
static const Schema output = OBJECT (output_members, NULL);

static const Member document_members[] = {
  M ("id", &item_id), M ("name", &localized), M ("section", &localized),
  M ("copies", &(const Schema) INT (1, 100)), M ("provided_by", &(const Schema) ENUM (MS_ENUM_PROVIDER)),
  M ("issuer", &(const Schema) ENUM (MS_ENUM_ISSUER)), M ("issuer_name", &localized),
  M ("certified", &boolean), M ("sworn_statement_allowed", &boolean), M ("linked_procedure", &uuid),
  M ("legal_basis", &id_refs), M ("condition", &localized), { NULL }
};
static const Schema documents = LIST (MS_MAX_LIST_ITEMS, &(const Schema) OBJECT (document_members, "id"));

static const Member form_members[] = { M ("title", &localized), M ("url", &url), { NULL } };
static const Schema forms = LIST (MS_MAX_LIST_ITEMS, &(const Schema) OBJECT (form_members, NULL));

static const Member step_members[] = {
  M ("id", &item_id), M ("title", &localized), M ("actor", &(const Schema) ENUM (MS_ENUM_ACTOR)),
  M ("days", &(const Schema) INT (0, 3650)), { NULL }
};
static const Schema steps = LIST (MS_MAX_LIST_ITEMS, &(const Schema) OBJECT (step_members, "id"));

static const Member extension_members[] = {
  M ("allowed", &boolean), M ("reason", &(const Schema) ENUM (MS_ENUM_EXTENSION_REASON)),
  M ("conditions", &localized), { NULL }
};

static const Member fee_members[] = {
  M ("id", &item_id), M ("label", &localized),
  M ("amount_centimes", &(const Schema) INT (0, MS_MAX_AMOUNT_CENTIMES)), M ("per_unit", &localized),
  M ("legal_basis", &id_refs), { NULL }
};
static const Schema fees = LIST (MS_MAX_LIST_ITEMS, &(const Schema) OBJECT (fee_members, "id"));

static const Member channel_members[] = {
  M ("kind", &(const Schema) ENUM (MS_ENUM_CHANNEL_KIND)), M ("url", &url), M ("where", &localized), { NULL }
};
static const Schema channels = LIST (MS_MAX_LIST_ITEMS, &(const Schema) OBJECT (channel_members, "kind"));

static const Member legal_ref_members[] = {
  M ("id", &item_id), M ("kind", &(const Schema) ENUM (MS_ENUM_LEGAL_KIND)), M ("number", &short_text),
  M ("date", &date), M ("title", &localized), M ("bulletin", &short_text), M ("articles", &short_text),
  { NULL }
};
static const Schema legal_basis = LIST (MS_MAX_LIST_ITEMS, &(const Schema) OBJECT (legal_ref_members, "id"));

static const Member appeal_members[] = { M ("authority", &localized), M ("text", &localized), { NULL } };

static const Member approval_members[] = {
  M ("body", &(const Schema) ENUM (MS_ENUM_APPROVAL_BODY)), M ("reference", &short_text), M ("date", &date),
  { NULL }
};

static const Member contact_members[] = {
  M ("phone", &short_text), M ("email", &short_text), M ("url", &url), { NULL }
};

/* The members of ms_procedure_get_members () (test-sheet-scan checks). */
static const Member procedure_members[] = {
  M ("id", &uuid), M ("code", &short_text), M ("title", &localized), M ("summary", &localized),
  M ("act_kind", &act_kind), M ("audiences", &audiences), M ("life_events", &codes), M ("themes", &codes),
  M ("administration", &code), M ("admin_level", &admin_level), M ("receiving", &localized_list),
  M ("delivering", &localized_list), M ("output", &output), M ("conditions", &localized_list),
  M ("documents", &documents), M ("forms", &forms), M ("steps", &steps),
  M ("deadline_days", &(const Schema) INT (0, 3650)), M ("deadline_working_days", &boolean),
  M ("investment_act", &boolean), M ("extension", &(const Schema) OBJECT (extension_members, NULL)),
  M ("silence_is_acceptance", &boolean), M ("silence_decree", &short_text), M ("complement_step", &boolean),
  M ("fees", &fees), M ("channels", &channels), M ("legal_basis", &legal_basis),
  M ("appeal", &(const Schema) OBJECT (appeal_members, NULL)),
  M ("approval_decision", &(const Schema) OBJECT (approval_members, NULL)),
  M ("contact", &(const Schema) OBJECT (contact_members, NULL)),
  M ("effective_date", &date), M ("review_due", &date),
  M ("revision", &(const Schema) INT (1, G_MAXINT32)), M ("published", &date), { NULL }
};
static const Schema procedure = OBJECT (procedure_members, "id");

/* The scanner {{{1 */

/* The limits of ms_procedure_json_limits (), which ms-strict-json.c applies. */
#define MAX_ITEMS       MS_MAX_LIST_ITEMS
#define MAX_ROOT_ITEMS  MS_MAX_FILE_SHEETS
#define MAX_VALUES      MS_MAX_SHEET_VALUES
#define MAX_CHARS       MS_MAX_TEXT_CHARS
/* The decoded bytes the parser keeps of a string before it counts its
 * characters, as too many. */
#define MAX_KEPT_BYTES  ((gsize) MAX_CHARS * 4)

/* Decoded characters kept of a short string: a string of at most 64
 * characters has at most 256 bytes. */
#define SHORT_BYTES 256

typedef struct {
  const char *name;      /* a member's name as written (NULL: an index) */
  gsize       name_length;
  guint       index;
} Frame;

typedef struct {
  const char  *start;
  const char  *p;
  const char  *end;
  const char  *id;
  MsSheetScan  fatal;         /* NOT_JSON or LIMIT once the reading ended */
  char        *message;
  char        *problem;       /* the first problem of the format */
  gboolean     want_id;       /* the next string at depth 1 is the root's "id" */
  gboolean     id_found;      /* the root's "id" is the expected one */
  guint64      root_seen;     /* the root's members of the format, by bit */
  guint        skipping;      /* > 0: past a limit, the rest only checked */
  guint64      n_values;
  Frame        frames[MS_STRICT_JSON_MAX_DEPTH + 1];
} Scan;

/* A string: its characters counted, and the first SHORT_BYTES of them
 * decoded when @buffer is given. */
typedef struct {
  char       *buffer;
  gsize       length;      /* decoded bytes, up to SHORT_BYTES kept */
  guint64     n_chars;     /* once counted (count_chars) */
  gboolean    counted;
  const char *opening;     /* the opening quote */
  const char *raw;         /* between the quotes */
  gsize       raw_length;
  gboolean    escaped;
} Str;

static gboolean scan_value (Scan         *s,
                            guint         depth,
                            const Schema *schema);

/* Ends the reading: the bytes are not strict JSON. The message is the
 * parser's, "line L, column C: …", @at the place. */
G_GNUC_PRINTF (3, 4)
static gboolean
fatal (Scan       *s,
       const char *at,
       const char *format,
       ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (s->fatal != MS_SHEET_SCAN_OK)
    return FALSE;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  s->fatal = MS_SHEET_SCAN_NOT_JSON;
  s->message = ms_json_locate (s->start, at, message);
  return FALSE;
}

/* The decoded text of a string written at @raw (checked already). */
static void
append_decoded (GString    *out,
                const char *raw,
                gsize       length)
{
  const char *p = raw, *end = raw + length;

  while (p < end)
    {
      gunichar c;

      if (*p != '\\')
        {
          g_string_append_c (out, *p++);
          continue;
        }
      switch (p[1])
        {
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          c = (gunichar) g_ascii_strtoull (((char[5]) { p[2], p[3], p[4], p[5], '\0' }), NULL, 16);
          if (c >= 0xd800 && c <= 0xdbff)
            {
              gunichar low = (gunichar) g_ascii_strtoull (((char[5]) { p[8], p[9], p[10], p[11], '\0' }), NULL, 16);

              c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
              p += 6;
            }
          g_string_append_unichar (out, c);
          p += 4;
          break;
        default: g_string_append_c (out, p[1]); break;
        }
      p += 2;
    }
}

/* The path of frames 1 … @depth, as the parser and the sheet reader
 * write it ("documents[2].legal_basis"). */
static GString *
path_of (Scan  *s,
         guint  depth)
{
  GString *path = g_string_new (NULL);

  for (guint d = 1; d <= depth; d++)
    {
      if (s->frames[d].name != NULL)
        {
          if (path->len > 0)
            g_string_append_c (path, '.');
          append_decoded (path, s->frames[d].name, s->frames[d].name_length);
        }
      else
        g_string_append_printf (path, "[%u]", s->frames[d].index);
    }
  return path;
}

/* Ends the reading: JSON, but beyond a limit of the format ("PATH: …"). */
G_GNUC_PRINTF (3, 4)
static gboolean
fatal_limit (Scan       *s,
             guint       depth,
             const char *format,
             ...)
{
  g_autoptr(GString) path = path_of (s, depth);
  g_autofree char *message = NULL;
  va_list args;

  if (s->fatal != MS_SHEET_SCAN_OK)
    return FALSE;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  s->fatal = MS_SHEET_SCAN_LIMIT;
  s->message = path->len > 0 ? g_strdup_printf ("%s: %s", path->str, message) : g_steal_pointer (&message);
  return FALSE;
}

/* Notes a problem of the format at the value of frames 1 … @depth (the
 * first one only: the reading goes on). */
G_GNUC_PRINTF (3, 4)
static void
problem (Scan       *s,
         guint       depth,
         const char *format,
         ...)
{
  g_autoptr(GString) path = NULL;
  g_autofree char *message = NULL;
  va_list args;

  if (s->problem != NULL || s->skipping > 0)
    return;
  path = path_of (s, depth);
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  s->problem = g_strdup_printf ("%s: %s", path->len > 0 ? path->str : _("(sheet)"), message);
}

static gboolean
count_value (Scan  *s,
             guint  depth)
{
  if (s->skipping > 0 || ++s->n_values <= MAX_VALUES)
    return TRUE;
  return fatal_limit (s, depth, _("more than %llu values"), (unsigned long long) MAX_VALUES);
}

static void
skip_space (Scan *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\n' || *s->p == '\r' || *s->p == '\t'))
    s->p++;
}

static gboolean
read_hex4 (Scan     *s,
           gunichar *out)
{
  *out = 0;
  if (s->end - s->p < 4)
    return fatal (s, s->p, _("\\u needs four hexadecimal digits"));
  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (s->p[i]);

      if (digit < 0)
        return fatal (s, s->p, _("\\u needs four hexadecimal digits"));
      *out = (*out << 4) | (gunichar) digit;
    }
  s->p += 4;
  return TRUE;
}

static gboolean
read_unicode_escape (Scan     *s,
                     gunichar *out)
{
  const char *at = s->p - 2;
  gunichar c, low;

  if (!read_hex4 (s, &c))
    return FALSE;
  if (c >= 0xdc00 && c <= 0xdfff)
    return fatal (s, at, _("a lone low surrogate (\\u%04X) is not a character"), c);
  if (c >= 0xd800 && c <= 0xdbff)
    {
      if (s->end - s->p < 2 || s->p[0] != '\\' || s->p[1] != 'u')
        return fatal (s, at, _("a high surrogate (\\u%04X) must be followed by a low one"), c);
      s->p += 2;
      if (!read_hex4 (s, &low))
        return FALSE;
      if (low < 0xdc00 || low > 0xdfff)
        return fatal (s, at, _("a high surrogate (\\u%04X) must be followed by a low one"), c);
      c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
    }
  if (c == 0)
    return fatal (s, at, _("\\u0000 is not supported"));
  *out = c;
  return TRUE;
}

static void
keep (Str        *str,
      const char *bytes,
      gsize       length)
{
  if (str->buffer != NULL && str->length < SHORT_BYTES)
    memcpy (str->buffer + str->length, bytes, MIN (length, SHORT_BYTES - str->length));
  str->length += length;
}

/* A string, s->p at its opening quote; its characters counted only with
 * @count (count_chars): most strings have fewer bytes than any limit. */
static gboolean
scan_string_full (Scan     *s,
                  Str      *str,
                  gboolean  count)
{
  const char *opening = s->p;

  s->p++;
  str->opening = opening;
  str->raw = s->p;
  str->length = 0;
  str->n_chars = 0;
  str->counted = count;
  str->escaped = FALSE;
  for (;;)
    {
      const char *run = s->p;
      char c, bytes[6];
      gunichar u = 0;

      /* Two calls, so that the one without counting is compiled without. */
      if (count)
        s->p = ms_json_string_run (s->p, s->end, &str->n_chars);
      else
        s->p = ms_json_string_run (s->p, s->end, NULL);
      /* Without an escape the characters are the bytes as written
       * (str_text): kept only from the first escape on. */
      if (str->escaped)
        keep (str, run, s->p - run);
      else
        str->length += s->p - run;
      if (s->p >= s->end)
        return fatal (s, opening, _("a string is not closed"));
      if (*s->p == '"')
        {
          str->raw_length = s->p - str->raw;
          s->p++;
          return TRUE;
        }
      if ((guchar) *s->p < 0x20)
        return fatal (s, s->p, _("a control character in a string must be escaped"));
      if (!str->escaped)
        {
          gsize n = str->length;

          str->length = 0;
          keep (str, str->raw, n);
          str->escaped = TRUE;
        }
      if (++s->p >= s->end)
        return fatal (s, opening, _("a string is not closed"));
      switch ((c = *s->p++))
        {
        case '"': case '\\': case '/': break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        case 'u':
          if (!read_unicode_escape (s, &u))
            return FALSE;
          keep (str, bytes, g_unichar_to_utf8 (u, bytes));
          str->n_chars++;
          continue;
        default:
          return fatal (s, s->p - 2, _("invalid escape sequence"));
        }
      keep (str, &c, 1);
      str->n_chars++;
    }
}

/* The characters of @str, when it was read with a buffer. */
static const char *
str_text (Str *str)
{
  return str->escaped ? str->buffer : str->raw;
}

static gboolean
scan_string (Scan *s,
             Str  *str)
{
  return scan_string_full (s, str, FALSE);
}

/* The characters of @str (read already, so read again without a fault). */
static void
count_chars (Scan *s,
             Str  *str)
{
  const char *p = s->p;
  char *buffer = str->buffer;

  if (str->counted)
    return;
  s->p = str->opening;
  str->buffer = NULL;
  scan_string_full (s, str, TRUE);
  s->p = p;
  str->buffer = buffer;
}

/* The parser's limit on a string's characters: it counts them only past
 * what it keeps. */
static gboolean
check_string_limit (Scan     *s,
                    Str      *str,
                    gboolean  value,
                    guint     depth)
{
  char *message;
  gboolean ok;

  if (s->skipping > 0 || str->length <= MAX_KEPT_BYTES)
    return TRUE;
  count_chars (s, str);
  if (str->n_chars <= MAX_CHARS)
    return TRUE;
  message = ms_json_too_long (value, (glong) str->n_chars, MAX_CHARS);
  ok = fatal_limit (s, depth, "%s", message);
  g_free (message);
  return ok;
}

/* The kinds of value, named as the sheet reader names them. */
static const char *
found (char first)
{
  switch (first)
    {
    case '{': return _("an object");
    case '[': return _("a list");
    case 'n': return _("null");
    case '"': return _("a string");
    case 't': case 'f': return _("a boolean");
    default: return _("an integer");
    }
}

static void
check_text (Scan         *s,
            guint         depth,
            const Schema *schema,
            Str          *str)
{
  guint max = schema->type == T_ENUM ? 64 : schema->max;
  char value[SHORT_BYTES + 1];
  const char *message;

  /* No escape stands for nothing ("\u0000" is refused): no byte, no
   * character; at most @max bytes, at most @max characters. */
  if (str->length < 1)
    {
      problem (s, depth, _("the text is empty"));
      return;
    }
  if (str->length > max)
    count_chars (s, str);
  if (str->length > max && str->n_chars > max)
    {
      problem (s, depth, g_dngettext (GETTEXT_PACKAGE, "the text has %ld character, at most %u are allowed",
                                      "the text has %ld characters, at most %u are allowed", (gulong) str->n_chars),
               (glong) str->n_chars, max);
      return;
    }
  if (schema->type == T_TEXT && schema->kind == MS_SHEET_STRING_PLAIN)
    return;
  /* At most 64 characters: all kept. */
  memcpy (value, str_text (str), str->length);
  value[str->length] = '\0';
  if (schema->type == T_TEXT && (message = ms_sheet_string_problem (schema->kind, value)) != NULL)
    problem (s, depth, "%s", message);
  else if (schema->type == T_ENUM && ms_enum_from_nick (schema->values, value) == 0)
    {
      g_autoptr(GString) allowed = g_string_new (NULL);

      for (int i = 1; ms_enum_to_nick (schema->values, i) != NULL; i++)
        g_string_append_printf (allowed, "%s%s", i > 1 ? ", " : "", ms_enum_to_nick (schema->values, i));
      problem (s, depth, _("“%s” is not one of: %s"), value, allowed->str);
    }
}

/* A number: its syntax and range as the parser checks them, then the
 * integer @schema asks for. */
static gboolean
scan_number (Scan         *s,
             guint         depth,
             const Schema *schema)
{
  const char *start = s->p;
  gboolean integral, fits = FALSE;
  gint64 v = 0;
  double d = 0;

  if (!(s->p = ms_json_lex_number (start, s->end, &integral)))
    {
      s->p = start;
      return fatal (s, start, _("invalid number"));
    }
  if (integral && ms_json_lex_small_int (start, s->p, &v))
    fits = TRUE;
  else
    {
      g_autofree char *written = g_strndup (start, s->p - start);

      d = g_ascii_strtod (written, NULL);
      if (!isfinite (d))
        return fatal (s, start, _("the number %s is out of range"), written);
      fits = integral && g_ascii_string_to_signed (written, 10, G_MININT64, G_MAXINT64, &v, NULL);
    }
  if (schema == NULL || schema->type == T_ANY)
    return TRUE;
  if (schema->type != T_INT)
    {
      const char *what = fits ? _("an integer") : _("a decimal number");

      switch (schema->type)
        {
        case T_TEXT: case T_ENUM: problem (s, depth, _("expected text, found %s"), what); break;
        case T_BOOL: problem (s, depth, _("expected true or false, found %s"), what); break;
        case T_LIST: problem (s, depth, _("expected a list, found %s"), what); break;
        default: problem (s, depth, _("expected an object, found %s"), what); break;
        }
    }
  else if (!fits && (d >= 9223372036854775808.0 || d <= -9223372036854775808.0))
    problem (s, depth, _("not an integer: too large for 64 bits"));
  else if (!fits)
    problem (s, depth, _("expected an integer written with digits only (no fraction or exponent), found a "
                         "decimal number"));
  else if (v < schema->min_int || v > schema->max_int)
    problem (s, depth, _("%lld is out of range (%lld to %lld)"), (long long) v, (long long) schema->min_int,
             (long long) schema->max_int);
  return TRUE;
}

/* What @schema says of a value of another type than its own. */
static void
wrong_type (Scan         *s,
            guint         depth,
            const Schema *schema,
            char          first)
{
  switch (schema->type)
    {
    case T_ANY: break;
    case T_OBJECT: problem (s, depth, _("expected an object, found %s"), found (first)); break;
    case T_LIST: problem (s, depth, _("expected a list, found %s"), found (first)); break;
    case T_TEXT: case T_ENUM: problem (s, depth, _("expected text, found %s"), found (first)); break;
    case T_INT: problem (s, depth, _("expected an integer, found %s"), found (first)); break;
    case T_BOOL: problem (s, depth, _("expected true or false, found %s"), found (first)); break;
    default: g_assert_not_reached ();
    }
}

static gboolean
expect (Scan *s,
        char  c)
{
  skip_space (s);
  if (s->p < s->end && *s->p == c)
    {
      s->p++;
      return TRUE;
    }
  if (s->p >= s->end)
    return fatal (s, s->p, _("“%c” expected, the text ends"), c);
  return fatal (s, s->p, _("“%c” expected"), c);
}

static gboolean
next_element (Scan     *s,
              char      closing,
              gboolean *more)
{
  skip_space (s);
  if (s->p < s->end && (*s->p == ',' || *s->p == closing))
    {
      *more = *s->p++ == ',';
      return TRUE;
    }
  return fatal (s, s->p, _("“,” or “%c” expected"), closing);
}

static gboolean
empty_container (Scan *s,
                 char  closing)
{
  skip_space (s);
  if (s->p < s->end && *s->p == closing)
    {
      s->p++;
      return TRUE;
    }
  return FALSE;
}

/* Past the limit of a container: the rest is checked and counted, not
 * kept, so that the message gives the real number (as the parser). */
static gboolean
too_many (Scan     *s,
          guint     depth,
          gboolean  object,
          guint     limit)
{
  guint64 n = limit + 1;
  gboolean more = TRUE;
  g_autofree char *message = NULL;

  s->skipping++;
  while (more)
    {
      if (object)
        {
          Str name = { NULL };

          skip_space (s);
          if (s->p >= s->end || *s->p != '"')
            return fatal (s, s->p, _("a member name expected"));
          if (!scan_string (s, &name) || !expect (s, ':'))
            return FALSE;
        }
      if (!scan_value (s, depth, NULL) || !next_element (s, object ? '}' : ']', &more))
        return FALSE;
      n += more;
    }
  s->skipping--;
  message = ms_json_too_many (object, n, limit);
  return fatal_limit (s, depth - 1, "%s", message);
}

static int
find_member (const Member *members,
             const char   *name,
             gsize         length)
{
  for (int i = 0; members[i].name != NULL; i++)
    if (members[i].length == length && members[i].name[0] == name[0])
      {
        /* Names of a few bytes: a call to memcmp costs more. */
        gsize k = 1;

        while (k < length && members[i].name[k] == name[k])
          k++;
        if (k == length)
          return i;
      }
  return -1;
}

/* An object of @depth (1 for the root). */
static gboolean
scan_object (Scan         *s,
             guint         depth,
             const Schema *schema)
{
  /* Names not of the format, to find duplicates among them (never in a
   * sheet: only in what is refused). */
  g_autoptr(GHashTable) others = NULL;
  const Member *members = schema != NULL && schema->type == T_OBJECT ? schema->members : NULL;
  guint limit = s->skipping > 0 ? G_MAXUINT : depth == 1 ? MAX_ROOT_ITEMS : MAX_ITEMS;
  guint64 seen = 0;
  gboolean more = TRUE;
  guint n = 0;

  s->p++;
  if (empty_container (s, '}'))
    more = FALSE;
  for (; more; n++)
    {
      char short_name[SHORT_BYTES];
      Str name = { short_name };
      const char *name_at;
      int m = -1;

      if (n == limit)
        return too_many (s, depth, TRUE, limit);
      skip_space (s);
      name_at = s->p;
      if (s->p >= s->end || *s->p != '"')
        return fatal (s, s->p, _("a member name expected"));
      if (!scan_string (s, &name) || !check_string_limit (s, &name, FALSE, depth - 1))
        return FALSE;
      if (s->skipping > 0)
        {
          /* Refused whatever it holds: duplicates do not matter. */
          if (!expect (s, ':') || !scan_value (s, depth, NULL) || !next_element (s, '}', &more))
            return FALSE;
          continue;
        }
      if (members != NULL && name.length <= SHORT_BYTES)
        m = find_member (members, str_text (&name), name.length);
      if (m >= 0)
        {
          if (seen & (G_GUINT64_CONSTANT (1) << m))
            return fatal (s, name_at, _("duplicate member name “%s”"), members[m].name);
          seen |= G_GUINT64_CONSTANT (1) << m;
        }
      else
        {
          GString *decoded = g_string_sized_new (name.raw_length);

          append_decoded (decoded, name.raw, name.raw_length);
          if (others == NULL)
            others = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          if (g_hash_table_contains (others, decoded->str))
            {
              fatal (s, name_at, _("duplicate member name “%s”"), decoded->str);
              g_string_free (decoded, TRUE);
              return FALSE;
            }
          if (members != NULL)
            {
              g_autofree char *shown = g_utf8_make_valid (decoded->str, MIN (decoded->len, 64));

              problem (s, depth - 1, _("unknown member “%s”"), shown);
            }
          g_hash_table_add (others, g_string_free (decoded, FALSE));
        }
      s->frames[depth].name = name.raw;
      s->frames[depth].name_length = name.raw_length;
      s->want_id = depth == 1 && members == procedure_members && m == 0;
      if (!expect (s, ':') || !scan_value (s, depth, m >= 0 ? members[m].schema : NULL))
        return FALSE;
      s->want_id = FALSE;
      if (!next_element (s, '}', &more))
        return FALSE;
    }
  if (s->skipping > 0)
    return TRUE;
  if (members != NULL && schema->required != NULL
      && !(seen & (G_GUINT64_CONSTANT (1) << find_member (members, schema->required, strlen (schema->required)))))
    problem (s, depth - 1, _("the required member “%s” is missing"), schema->required);
  if (members != NULL && schema->localized && n == 0)
    problem (s, depth - 1, _("the text is given in no language"));
  if (depth == 1)
    s->root_seen = seen;
  return count_value (s, depth - 1);
}

static gboolean
scan_array (Scan         *s,
            guint         depth,
            const Schema *schema)
{
  const Schema *items = schema != NULL && schema->type == T_LIST ? schema->items : NULL;
  guint limit = s->skipping > 0 ? G_MAXUINT : depth == 1 ? MAX_ROOT_ITEMS : MAX_ITEMS;
  gboolean more = TRUE;
  guint n = 0;

  s->p++;
  if (empty_container (s, ']'))
    more = FALSE;
  /* Past the format's number, the items are not checked (as the reader). */
  for (; more; n++)
    {
      if (n == limit)
        return too_many (s, depth, FALSE, limit);
      s->frames[depth].name = NULL;
      s->frames[depth].index = n;
      if (!scan_value (s, depth, items != NULL && n < schema->max ? items : NULL)
          || !next_element (s, ']', &more))
        return FALSE;
    }
  if (s->skipping > 0)
    return TRUE;
  if (items != NULL && n > schema->max)
    problem (s, depth - 1, g_dngettext (GETTEXT_PACKAGE, "%u item, at most %u are allowed",
                                        "%u items, at most %u are allowed", n),
             n, schema->max);
  return count_value (s, depth - 1);
}

static gboolean
take_word (Scan       *s,
           const char *word,
           gsize       length)
{
  if ((gsize) (s->end - s->p) < length || memcmp (s->p, word, length) != 0)
    return FALSE;
  s->p += length;
  return TRUE;
}

/* A value inside @depth containers, of @schema (NULL: any value). */
static gboolean
scan_value (Scan         *s,
            guint         depth,
            const Schema *schema)
{
  char first;

  skip_space (s);
  if (s->p >= s->end)
    return fatal (s, s->p, _("a value expected, the text ends"));
  if (schema == NULL || s->skipping > 0)
    schema = &any;
  switch ((first = *s->p))
    {
    case '{':
    case '[':
      if (depth >= MS_STRICT_JSON_MAX_DEPTH)
        return fatal (s, s->p, _("nested deeper than %d levels"), MS_STRICT_JSON_MAX_DEPTH);
      if (schema->type != T_ANY && schema->type != (first == '{' ? T_OBJECT : T_LIST))
        {
          wrong_type (s, depth, schema, first);
          schema = NULL;
        }
      return first == '{' ? scan_object (s, depth + 1, schema) : scan_array (s, depth + 1, schema);
    case '"':
      {
        char buffer[SHORT_BYTES];
        gboolean is_text = schema->type == T_TEXT || schema->type == T_ENUM;
        Str str = { is_text && !(schema->type == T_TEXT && schema->kind == MS_SHEET_STRING_PLAIN) ? buffer : NULL };

        /* The root's id, compared with the expected one. */
        if (depth == 1 && s->want_id)
          str.buffer = buffer;
        if (!scan_string (s, &str) || !check_string_limit (s, &str, TRUE, depth))
          return FALSE;
        if (s->skipping > 0)
          return TRUE;
        if (depth == 1 && s->want_id)
          s->id_found = str.length == strlen (s->id) && memcmp (str_text (&str), s->id, str.length) == 0;
        if (is_text)
          check_text (s, depth, schema, &str);
        else
          wrong_type (s, depth, schema, first);
        return count_value (s, depth);
      }
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      if (!scan_number (s, depth, schema))
        return FALSE;
      return count_value (s, depth);
    default:
      if (take_word (s, "true", 4) || take_word (s, "false", 5) || take_word (s, "null", 4))
        {
          if (schema->type != T_BOOL || first == 'n')
            wrong_type (s, depth, schema, first);
          return count_value (s, depth);
        }
      return fatal (s, s->p, _("a value expected"));
    }
}

MsSheetScan
ms_sheet_scan (const char  *data,
               gsize        length,
               const char  *id,
               char       **message)
{
  Scan s = { .start = data, .p = data, .end = data + length, .id = id };
  guint64 revision = G_GUINT64_CONSTANT (1) << find_member (procedure_members, "revision", 8);
  guint64 published = G_GUINT64_CONSTANT (1) << find_member (procedure_members, "published", 9);
  const char *invalid;
  MsSheetScan verdict;

  g_return_val_if_fail (data != NULL || length == 0, MS_SHEET_SCAN_NOT_JSON);
  g_return_val_if_fail (id != NULL, MS_SHEET_SCAN_NOT_JSON);

  if ((invalid = ms_json_utf8_invalid (data, length)) != NULL)
    fatal (&s, invalid, _("not valid UTF-8 (byte %llu)"), (unsigned long long) (invalid - data));
  else if (scan_value (&s, 0, &procedure))
    {
      skip_space (&s);
      if (s.p != s.end)
        fatal (&s, s.p, _("text after the JSON value"));
    }

  if (s.fatal != MS_SHEET_SCAN_OK)
    verdict = s.fatal;
  else if (!s.id_found)
    verdict = MS_SHEET_SCAN_WRONG_ID;
  else if (s.problem != NULL)
    verdict = MS_SHEET_SCAN_SCHEMA;
  else if (!(s.root_seen & revision) || !(s.root_seen & published))
    verdict = MS_SHEET_SCAN_NO_REVISION;
  else
    verdict = MS_SHEET_SCAN_OK;
  if (message != NULL && verdict == MS_SHEET_SCAN_WRONG_ID)
    *message = g_strdup (_("not an object whose id is the entry's"));
  else if (message != NULL && verdict == MS_SHEET_SCAN_NO_REVISION)
    *message = g_strdup (_("no revision or no published date"));
  else if (message != NULL)
    *message = verdict == MS_SHEET_SCAN_SCHEMA ? g_steal_pointer (&s.problem) : g_steal_pointer (&s.message);
  g_free (s.message);
  g_free (s.problem);
  return verdict;
}
