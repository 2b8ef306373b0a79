/* ms-bundle.h — procbundle/1: build, sign and verify (design.md §4)
 *
 * Verification runs the checks of design.md §4 in that order and stops at
 * the first failure, whose MsBundleError code has a stable name
 * (ms_bundle_failure_name): the same names as build-aux/verify-bundle.py.
 *
 * The state file remembers, per issuer, the last accepted bundle:
 *   {"ISSUER": {"sequence": N, "manifest_sha256": "HEX"}, ...}
 * A missing state file is an empty state (first contact).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ms-canonical-json.h"
#include "ms-keys.h"
#include "ms-procedure.h"

G_BEGIN_DECLS

/* Size limits, checked first. */
#define MS_BUNDLE_MAX_BYTES        (1024 * 1024 * 1024)  /* the whole file: 1 GiB */
#define MS_BUNDLE_MAX_ENTRIES      100000
#define MS_BUNDLE_MAX_ENTRY_BYTES  (1024 * 1024)         /* one decoded entry */
#define MS_BUNDLE_MAX_MANIFEST     (32 * 1024 * 1024)    /* decoded manifest */
#define MS_BUNDLE_MAX_HEADER       4096                  /* decoded protected header */
#define MS_BUNDLE_CLOCK_SKEW       300                   /* seconds allowed for "created" */

#define MS_BUNDLE_FORMAT        "procbundle/1"
#define MS_BUNDLE_TYP           "procbundle-manifest+jws"
#define MS_BUNDLE_MANIFEST_TYPE "procbundle-manifest"

#define MS_BUNDLE_ERROR (ms_bundle_error_quark ())

/* One code per check, in the order they run. */
typedef enum {
  MS_BUNDLE_ERROR_SIZE,
  MS_BUNDLE_ERROR_FORMAT,
  MS_BUNDLE_ERROR_BASE64URL,
  MS_BUNDLE_ERROR_HEADER,
  MS_BUNDLE_ERROR_KID,
  MS_BUNDLE_ERROR_SIGNATURE,
  MS_BUNDLE_ERROR_MANIFEST,
  MS_BUNDLE_ERROR_ISSUER,
  MS_BUNDLE_ERROR_NOT_YET_VALID,
  MS_BUNDLE_ERROR_EXPIRED,
  MS_BUNDLE_ERROR_ROLLBACK,
  MS_BUNDLE_ERROR_EQUIVOCATION,
  MS_BUNDLE_ERROR_CHAIN,
  MS_BUNDLE_ERROR_MISSING_ENTRY,
  MS_BUNDLE_ERROR_EXTRA_ENTRY,
  MS_BUNDLE_ERROR_ENTRY_SIZE,
  MS_BUNDLE_ERROR_ENTRY_SHA256,
  MS_BUNDLE_ERROR_ENTRY_ID,
  MS_BUNDLE_ERROR_ENTRY_SCHEMA,
} MsBundleError;

GQuark      ms_bundle_error_quark    (void);
/* "size", "format", "base64url", …, "entry-schema". */
const char *ms_bundle_failure_name   (MsBundleError  code);

/* What is signed: built by the exporter, sorted by ms_bundle_build. */
typedef struct {
  char   *id;
  GBytes *bytes;                  /* JCS of the sheet with revision and published */
  char    sha256[MS_SHA256_HEX_LEN + 1];   /* of bytes, lowercase hex */
} MsBundleEntry;

typedef struct {
  const char *issuer;
  gint64      sequence;
  gint64      created;            /* Unix seconds, UTC */
  gint64      expires;
  const char *previous;           /* lowercase hex, NULL for sequence 1 */
  GPtrArray  *entries;            /* MsBundleEntry* */
  GPtrArray  *withdrawn;          /* char* sheet ids, may be NULL */
} MsBundleSpec;

/* A verified bundle. */
typedef struct {
  char      *issuer;
  gint64     sequence;
  char      *manifest_sha256;
  char      *kid;
  GPtrArray *ids;                 /* char*, manifest order */
  GPtrArray *entries;             /* JsonNode*, same order; NULL unless
                                   * MS_BUNDLE_VERIFY_KEEP_ENTRIES */
  GPtrArray *withdrawn;           /* char* */
} MsBundleVerified;

typedef enum {
  MS_BUNDLE_VERIFY_NONE         = 0,
  /* Keep each entry's tree in MsBundleVerified.entries (memory: several
   * times the entries' size). */
  MS_BUNDLE_VERIFY_KEEP_ENTRIES = 1 << 0,
} MsBundleVerifyFlags;

typedef struct _MsTrustStore MsTrustStore;

/* The entry bytes of @procedure published as @revision on @published. */
GBytes           *ms_bundle_entry_bytes      (MsProcedure        *procedure,
                                              gint64              revision,
                                              const char         *published,
                                              GError            **error);
/* The same bytes from the sheet's canonical JSON (@json, as the store keeps
 * it), without parsing it: "revision" and "published" spliced in at their
 * RFC 8785 places, replacing members of those names. MS_CORE_ERROR_FORMAT
 * when @json is not a canonical object. */
GBytes           *ms_bundle_entry_bytes_from_canonical (const char *json,
                                              gsize               length,
                                              gint64              revision,
                                              const char         *published,
                                              GError            **error);
/* Takes @bytes; hashes them (entries are made on every core: see
 * ms_parallel_for). */
MsBundleEntry    *ms_bundle_entry_new        (const char         *id,
                                              GBytes             *bytes);
/* The entry of the sheet whose canonical JSON is @json (see
 * ms_bundle_entry_bytes_from_canonical), hashed; and in @json_sha256 the
 * SHA-256 of @json itself, for the caller to check (most of the two is
 * hashed once: ms_sha256_hex_pair). */
MsBundleEntry    *ms_bundle_entry_new_from_canonical (const char *id,
                                              const char         *json,
                                              gsize               length,
                                              gint64              revision,
                                              const char         *published,
                                              char                json_sha256[MS_SHA256_HEX_LEN + 1],
                                              GError            **error);
void              ms_bundle_entry_free       (MsBundleEntry      *entry);
/* Takes the next @length bytes of the bundle file; FALSE, with @error set,
 * stops the writing. */
typedef gboolean (*MsBundleSink) (const char  *data,
                                  gsize        length,
                                  gpointer     user_data,
                                  GError     **error);

/* A bundle signed, to be written: the manifest is built and signed when
 * it is made (its SHA-256 known), the file written after. The entries of
 * @spec must outlive it. Fails with MS_CORE_ERROR_FORMAT on an invalid spec
 * (bad ids, duplicates, limits). */
typedef struct _MsBundleWriter MsBundleWriter;

MsBundleWriter   *ms_bundle_writer_new       (const MsBundleSpec *spec,
                                              MsKey              *key,
                                              GError            **error);
const char       *ms_bundle_writer_get_manifest_sha256 (MsBundleWriter *writer);
/* The bundle file (pretty outer wrapper, ending with a newline), handed to
 * @sink piece by piece, in order, without ever holding all of it; fails
 * with the sink's error. */
gboolean          ms_bundle_writer_write     (MsBundleWriter     *writer,
                                              MsBundleSink        sink,
                                              gpointer            sink_data,
                                              GError            **error);
void              ms_bundle_writer_free      (MsBundleWriter     *writer);

/* Both at once; the manifest's SHA-256 in @manifest_sha256. */
gboolean          ms_bundle_write            (const MsBundleSpec *spec,
                                              MsKey              *key,
                                              MsBundleSink        sink,
                                              gpointer            sink_data,
                                              char              **manifest_sha256,
                                              GError            **error);
/* The same file, in memory. */
GBytes           *ms_bundle_build            (const MsBundleSpec *spec,
                                              MsKey              *key,
                                              char              **manifest_sha256,
                                              GError            **error);

/* TRUE when @text (may be NULL) is an issuer id as bundles and trust
 * stores carry it: 1 to 64 of [A-Za-z0-9._-]. */
gboolean          ms_bundle_is_issuer        (const char         *text);

/* {"threshold":1,"keys":{KID:{"kty":"OKP","crv":"Ed25519","x":…,"issuer":…}}};
 * each KID must be its key's thumbprint, each key valid
 * (ms_ed25519_public_key_is_valid). MS_CORE_ERROR_FORMAT otherwise. */
MsTrustStore     *ms_trust_store_load        (const char         *path,
                                              GError            **error);
MsTrustStore     *ms_trust_store_new_from_data (const char       *data,
                                              gsize               length,
                                              GError            **error);
void              ms_trust_store_free        (MsTrustStore       *trust);

/* An exclusive lock on the state file @path, for one verifier at a time to
 * read the state, check a bundle against it and write it: two bundles of
 * the same sequence checked at once must not both be accepted. Taken on
 * PATH.lock (created if need be, then kept), which build-aux/verify-bundle.py
 * locks too; waits for the lock. MS_CORE_ERROR_IO when the lock file cannot
 * be opened. Released by ms_bundle_state_unlock. */
typedef struct _MsBundleStateLock MsBundleStateLock;

MsBundleStateLock *ms_bundle_state_lock      (const char         *path,
                                              GError            **error);
void              ms_bundle_state_unlock     (MsBundleStateLock  *lock);

/* The state file's tree (an object); an empty object when @path is absent. */
JsonNode         *ms_bundle_state_load       (const char         *path,
                                              GError            **error);
/* Records @verified in @state and writes it to @path atomically. */
gboolean          ms_bundle_state_save       (JsonNode           *state,
                                              const char         *path,
                                              MsBundleVerified   *verified,
                                              GError            **error);

/* Every check of design.md §4, in order, at time @now (Unix seconds).
 * @state may be NULL (no state file). MS_BUNDLE_ERROR on the first failed
 * check (for the entry checks: the first entry, in manifest order, failing
 * the earliest check). Does not change @state. The entries are checked on
 * every core. Keeps the entries' trees (MS_BUNDLE_VERIFY_KEEP_ENTRIES). */
MsBundleVerified *ms_bundle_verify           (const char         *data,
                                              gsize               length,
                                              MsTrustStore       *trust,
                                              JsonNode           *state,
                                              gint64              now,
                                              GError            **error);
/* The same checks; the trees kept only with MS_BUNDLE_VERIFY_KEEP_ENTRIES. */
MsBundleVerified *ms_bundle_verify_full      (const char         *data,
                                              gsize               length,
                                              MsTrustStore       *trust,
                                              JsonNode           *state,
                                              gint64              now,
                                              MsBundleVerifyFlags flags,
                                              GError            **error);
/* For the exporter reading back the bundle it has just written from
 * @built (the MsBundleEntry* given to ms_bundle_write): every check of
 * ms_bundle_verify_full but each entry's id and procedure format (checks
 * 13 and 14), the entries being the catalog's own revisions, byte for byte
 * (the exporter checks their SHA-256 against the catalog), which were read
 * as procedures when they were saved. An entry read back that is the
 * built one byte for byte takes the built entry's SHA-256 instead of being
 * hashed again, but for one in 16, hashed to check the builder's hashes;
 * any other entry is hashed, and fails check 12. A built entry may have
 * let its bytes go (NULL: the exporter's, once written): the entry read
 * back is hashed. The built entries' SHA-256 must be the manifest's. */
MsBundleVerified *ms_bundle_verify_built     (const char         *data,
                                              gsize               length,
                                              MsTrustStore       *trust,
                                              JsonNode           *state,
                                              gint64              now,
                                              GPtrArray          *built,
                                              GError            **error);
void              ms_bundle_verified_free    (MsBundleVerified   *verified);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsBundleVerified, ms_bundle_verified_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsBundleWriter, ms_bundle_writer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsTrustStore, ms_trust_store_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsBundleStateLock, ms_bundle_state_unlock)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MsBundleEntry, ms_bundle_entry_free)

G_END_DECLS
