/* ms-procedure.h — the procedure sheet (design.md §2) and its JSON form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ms-localized.h"
#include "ms-strict-json.h"

G_BEGIN_DECLS

/* Every enumerated field has an "unset" value 0 so that an absent member stays
 * absent after a round trip: a sheet is only lossless if "not said" and "said
 * false" stay different (the validator treats them differently). */
typedef enum { MS_BOOL_UNSET, MS_BOOL_FALSE, MS_BOOL_TRUE } MsBool;

typedef enum {
  MS_ACT_KIND_UNSET, MS_ACT_KIND_LICENCE, MS_ACT_KIND_PERMIT, MS_ACT_KIND_AUTHORISATION,
  MS_ACT_KIND_CERTIFICATE, MS_ACT_KIND_APPROVAL, MS_ACT_KIND_DECISION, MS_ACT_KIND_OTHER
} MsActKind;

typedef enum {
  MS_AUDIENCE_UNSET, MS_AUDIENCE_CITIZEN, MS_AUDIENCE_BUSINESS, MS_AUDIENCE_ADMINISTRATION
} MsAudience;

typedef enum {
  MS_ADMIN_LEVEL_UNSET, MS_ADMIN_LEVEL_CENTRAL, MS_ADMIN_LEVEL_DECONCENTRATED,
  MS_ADMIN_LEVEL_PUBLIC_ESTABLISHMENT, MS_ADMIN_LEVEL_COLLECTIVITY, MS_ADMIN_LEVEL_DELEGATED
} MsAdminLevel;

typedef enum { MS_PROVIDER_UNSET, MS_PROVIDER_USER, MS_PROVIDER_ADMINISTRATION } MsProvider;

typedef enum {
  MS_ISSUER_UNSET, MS_ISSUER_USER, MS_ISSUER_THIS_ADMINISTRATION, MS_ISSUER_OTHER_ADMINISTRATION
} MsIssuer;

typedef enum { MS_ACTOR_UNSET, MS_ACTOR_USER, MS_ACTOR_ADMINISTRATION } MsActor;

typedef enum { MS_EXTENSION_UNSET, MS_EXTENSION_EXPERTISE, MS_EXTENSION_PUBLIC_INQUIRY } MsExtensionReason;

typedef enum { MS_CHANNEL_UNSET, MS_CHANNEL_ONLINE, MS_CHANNEL_COUNTER, MS_CHANNEL_MAIL } MsChannelKind;

typedef enum {
  MS_LEGAL_UNSET, MS_LEGAL_DAHIR, MS_LEGAL_LOI, MS_LEGAL_DECRET, MS_LEGAL_ARRETE,
  MS_LEGAL_CIRCULAIRE, MS_LEGAL_AUTRE
} MsLegalKind;

typedef enum { MS_APPROVAL_UNSET, MS_APPROVAL_NATIONAL_COMMISSION, MS_APPROVAL_INTERIOR_MINISTRY } MsApprovalBody;

/* The JSON names of an enum's values, indexed by value; [0] (unset) is NULL. */
typedef enum {
  MS_ENUM_ACT_KIND, MS_ENUM_AUDIENCE, MS_ENUM_ADMIN_LEVEL, MS_ENUM_PROVIDER, MS_ENUM_ISSUER,
  MS_ENUM_ACTOR, MS_ENUM_EXTENSION_REASON, MS_ENUM_CHANNEL_KIND, MS_ENUM_LEGAL_KIND,
  MS_ENUM_APPROVAL_BODY, MS_N_ENUMS
} MsEnumType;

const char *ms_enum_to_nick   (MsEnumType  type,
                               int         value);
int         ms_enum_from_nick (MsEnumType  type,
                               const char *nick);

/* Integers are -1 when absent; strings and objects NULL; lists NULL when
 * absent and empty when the sheet says "none". */
typedef struct {
  char        *id;
  MsLocalized *name;
  MsLocalized *section;
  gint64       copies;
  MsProvider   provided_by;
  MsIssuer     issuer;
  MsLocalized *issuer_name;
  MsBool       certified;
  MsBool       sworn_statement_allowed;
  char        *linked_procedure;
  GPtrArray   *legal_basis;       /* char* ids */
  MsLocalized *condition;
} MsDocument;

typedef struct {
  MsLocalized *title;
  char        *url;
} MsForm;

typedef struct {
  char        *id;
  MsLocalized *title;
  MsActor      actor;
  gint64       days;
} MsStep;

typedef struct {
  char        *id;
  MsLocalized *label;
  gint64       amount_centimes;   /* per unit when per_unit is set */
  MsLocalized *per_unit;          /* "page", "صفحة": the amount is charged per unit */
  GPtrArray   *legal_basis;       /* char* ids */
} MsFee;

typedef struct {
  MsChannelKind kind;
  char         *url;
  MsLocalized  *where;
} MsChannel;

typedef struct {
  char        *id;
  MsLegalKind  kind;
  char        *number;
  char        *date;
  MsLocalized *title;
  char        *bulletin;
  char        *articles;
} MsLegalRef;

typedef struct {
  MsLocalized *name;
  gint64       validity_days;
} MsOutput;

typedef struct {
  MsBool             allowed;
  MsExtensionReason  reason;
  MsLocalized       *conditions;
} MsExtension;

typedef struct {
  MsLocalized *authority;
  MsLocalized *text;
} MsAppeal;

typedef struct {
  MsApprovalBody  body;
  char           *reference;
  char           *date;
} MsApproval;

typedef struct {
  char *phone;
  char *email;
  char *url;
} MsContact;

#define MS_TYPE_PROCEDURE (ms_procedure_get_type ())
G_DECLARE_FINAL_TYPE (MsProcedure, ms_procedure, MS, PROCEDURE, GObject)

/* A plain record: the fields are public so that the validator, the store and
 * the views read them directly. Code that changes fields calls
 * ms_procedure_changed() so views can follow. */
struct _MsProcedure
{
  GObject       parent_instance;

  char         *id;
  char         *code;
  MsLocalized  *title;
  MsLocalized  *summary;
  MsActKind     act_kind;
  GArray       *audiences;        /* MsAudience (int) */
  GPtrArray    *life_events;      /* char* */
  GPtrArray    *themes;           /* char* */
  char         *administration;
  MsAdminLevel  admin_level;
  GPtrArray    *receiving;        /* MsLocalized* */
  GPtrArray    *delivering;       /* MsLocalized* */
  MsOutput     *output;
  GPtrArray    *conditions;       /* MsLocalized* */
  GPtrArray    *documents;        /* MsDocument* */
  GPtrArray    *forms;            /* MsForm* */
  GPtrArray    *steps;            /* MsStep* */
  gint64        deadline_days;
  /* The deadline counts working days (ms_procedure_deadline_calendar_days). */
  MsBool        deadline_working_days;
  MsBool        investment_act;
  MsExtension  *extension;
  MsBool        silence_is_acceptance;
  char         *silence_decree;
  MsBool        complement_step;
  GPtrArray    *fees;             /* MsFee* */
  GPtrArray    *channels;         /* MsChannel* */
  GPtrArray    *legal_basis;      /* MsLegalRef* */
  MsAppeal     *appeal;
  MsApproval   *approval_decision;
  MsContact    *contact;
  char         *effective_date;
  char         *review_due;
  /* Present only in bundle entries (design.md §4). */
  gint64        revision;
  char         *published;
};

/* Limits of the format, shared with data/schema/procedure.schema.json. */
#define MS_MAX_TEXT_CHARS   20000
#define MS_MAX_SHORT_CHARS  1000
#define MS_MAX_URL_CHARS    2000
#define MS_MAX_LIST_ITEMS   500
#define MS_MAX_CODES        100
/* Limits of a file, applied while it is read (ms_procedure_json_limits):
 * the schema allows no sheet near them, and they keep a hostile file of
 * tiny values from becoming a tree many times its size. */
#define MS_MAX_SHEET_VALUES 250000
#define MS_MAX_FILE_SHEETS  100000

/* The formats the sheet's strings are checked against (the schema's
 * patterns and the date's existence). */
typedef enum {
  MS_SHEET_STRING_PLAIN, MS_SHEET_STRING_UUID, MS_SHEET_STRING_ITEM_ID, MS_SHEET_STRING_CODE,
  MS_SHEET_STRING_DATE
} MsSheetString;

/* NULL when @s (NUL-terminated) has the format @kind, else what the sheet
 * reader says of it (translated); for readers of the bytes of a sheet
 * (ms-sheet-scan.c), so that both check the same. */
const char *ms_sheet_string_problem (MsSheetString  kind,
                                     const char    *s);

/* The limits the sheet reader applies while parsing (for readers of
 * sheets held elsewhere, such as bundle entries). */
const MsJsonLimits *ms_procedure_json_limits (void);

MsProcedure *ms_procedure_new              (const char   *id);
MsProcedure *ms_procedure_new_from_json    (JsonNode     *node,
                                            GError      **error);
MsProcedure *ms_procedure_new_from_data    (const char   *data,
                                            gssize        length,
                                            GError      **error);
MsProcedure *ms_procedure_new_from_file    (const char   *path,
                                            GError      **error);
GPtrArray   *ms_procedure_list_from_data   (const char   *data,
                                            gssize        length,
                                            GPtrArray   **problems,
                                            GError      **error);
GPtrArray   *ms_procedure_list_from_file   (const char   *path,
                                            GPtrArray   **problems,
                                            GError      **error);
MsProcedure *ms_procedure_copy             (MsProcedure  *self);
JsonNode    *ms_procedure_to_json          (MsProcedure  *self);
char        *ms_procedure_to_data          (MsProcedure  *self,
                                            gsize        *length);
gboolean     ms_procedure_equal            (MsProcedure  *a,
                                            MsProcedure  *b);
void         ms_procedure_changed          (MsProcedure  *self);
const char  *ms_procedure_get_title        (MsProcedure  *self,
                                            MsLang        preferred);
/* The answer deadline in calendar days, the unit of law 55-19 art. 16: a
 * deadline in working days (deadline_working_days) counts a five-day week,
 * so N working days are N × 7 / 5 calendar days, rounded up. -1 when unset. */
gint64       ms_procedure_deadline_calendar_days (MsProcedure *self);
/* The top-level members of the JSON form in schema order, NULL-terminated. */
const char * const *ms_procedure_get_members (void);
/* Re-applies the changes from @base to @mine over @theirs, member by
 * top-level member of the JSON form: a member @mine changed is taken from
 * @mine, any other from @theirs. A member both changed, differently, is a
 * conflict: @mine wins and its name is added to @conflicts (char*, schema
 * order; set only on success, empty when none). The three must be versions
 * of one sheet (same id), else MS_CORE_ERROR_MISMATCH. */
MsProcedure *ms_procedure_merge            (MsProcedure  *base,
                                            MsProcedure  *mine,
                                            MsProcedure  *theirs,
                                            GPtrArray   **conflicts,
                                            GError      **error);

/* One disagreement found by ms_procedure_merge_incoming: @path is the
 * sheet path ("fees[0].amount_centimes", "title.fr", "documents"); the two
 * values as short text (a JSON value, or "3 items" for a list). */
typedef struct {
  char *path;
  char *current;
  char *incoming;
} MsMergeConflict;

/* Merges @incoming (another source's version of the sheet, such as a portal
 * record of another language) into @current, never replacing: a member or
 * a language @current lacks is added; the same language with another text,
 * or another language-neutral value (number, flag, code, URL), is a
 * conflict, settled for @current (for @incoming when @prefer_incoming) and
 * listed in @conflicts (MsMergeConflict*, set on success). Lists whose
 * items have ids (documents, fees…) are matched by id, other lists by
 * rank; lists of different ids or lengths are a conflict on the list, the
 * winner's items kept and their matched items still merged. The two must
 * have the same id, else MS_CORE_ERROR_MISMATCH. */
MsProcedure *ms_procedure_merge_incoming   (MsProcedure  *current,
                                            MsProcedure  *incoming,
                                            gboolean      prefer_incoming,
                                            GPtrArray   **conflicts,
                                            GError      **error);
void         ms_merge_conflict_free        (MsMergeConflict *conflict);
/* The same rule on two sheets' JSON forms (for a mapper that builds a
 * sheet from several sources before reading it once): returns the merged
 * JSON and appends to @conflicts (MsMergeConflict*). */
JsonNode    *ms_procedure_json_merge       (JsonNode     *current,
                                            JsonNode     *incoming,
                                            gboolean      prefer_incoming,
                                            GPtrArray    *conflicts);

void         ms_document_free              (MsDocument   *doc);
void         ms_form_free                  (MsForm       *form);
void         ms_step_free                  (MsStep       *step);
void         ms_fee_free                   (MsFee        *fee);
void         ms_channel_free               (MsChannel    *channel);
void         ms_legal_ref_free             (MsLegalRef   *ref);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsMergeConflict, ms_merge_conflict_free)

G_END_DECLS
