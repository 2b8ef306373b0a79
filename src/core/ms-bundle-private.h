/* ms-bundle-private.h — what ms-bundle.c and ms-bundle-manifest.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* One line of the manifest's "entries". */
typedef struct {
  const char *id;
  const char *sha256;
  gint64      size;
} ManifestEntry;

/* A manifest read (check 7); its strings point into @tree or @text. */
typedef struct {
  const char *issuer;
  gint64      sequence;
  const char *created_text;
  const char *expires_text;
  gint64      created;
  gint64      expires;
  const char *previous;
  GArray     *entries;      /* ManifestEntry */
  GPtrArray  *withdrawn;    /* const char* */
  JsonNode   *tree;
  char       *text;
} Manifest;

gboolean _ms_bundle_is_hex64    (const char *text);
gboolean _ms_bundle_is_sheet_id (const char *text);

/* Check 7: fills @m (entries and withdrawn made by the caller) from the
 * @length bytes of the manifest at @data; FALSE with the failure. */
gboolean _ms_bundle_read_manifest (const char  *data,
                                   gsize        length,
                                   Manifest    *m,
                                   GError     **error);
/* The same, without the reading of the exporter's own form (tests). */
gboolean _ms_bundle_read_manifest_tree (const char  *data,
                                        gsize        length,
                                        Manifest    *m,
                                        GError     **error);
void     _ms_bundle_manifest_clear (Manifest *m);

G_END_DECLS
