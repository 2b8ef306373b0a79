-- 001-schema.sql — the catalog on PostgreSQL, version 1 (issue 16 items 2–3)
--
-- The tables mirror the SQLite catalog's (ms-migrations.c). Logins read
-- them; they write nothing directly: every write is one of the functions
-- below, SECURITY DEFINER (they run as the schema's owner) with a pinned
-- search_path (pg_temp last, so that no temporary table a caller makes can
-- stand in for a catalog's), which check the caller (session_user: SET ROLE does not
-- change it) against the catalog's users, the workflow's table
-- (src/core/ms-workflow.c), the four-eyes rule and the optimistic lock, and
-- append the audit entry in the same transaction with the hash C computes
-- (audit_entry_hash: SHA-256 of the RFC 8785 canonical JSON of the entry).
-- Law 55-19 validation is the client's (a quality gate): the functions take
-- its error and warning counts as given.
--
-- Errors a client maps (ms-pg-store.c): SQLSTATE MS001 not found, MS002
-- conflict, MS003 denied by the catalog, MS004 denied by the workflow's
-- rules, MS005 invalid input, MS006 corrupt.
--
-- SPDX-License-Identifier: GPL-3.0-or-later

DO $roles$
DECLARE
  r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['masatir_editor', 'masatir_reviewer', 'masatir_publisher', 'masatir_admin'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN
      EXECUTE pg_catalog.format ('CREATE ROLE %I NOLOGIN', r);
    END IF;
  END LOOP;
END
$roles$;

CREATE TABLE masatir.settings (
  key   text PRIMARY KEY,
  value text NOT NULL
);
INSERT INTO masatir.settings (key, value) VALUES ('bundle_sequence', '0');

CREATE TABLE masatir.users (
  login   text PRIMARY KEY,
  name    text NOT NULL,
  roles   integer NOT NULL CHECK (roles BETWEEN 0 AND 15),
  created text NOT NULL,
  active  integer NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE masatir.sheets (
  num            bigserial PRIMARY KEY,
  id             text NOT NULL UNIQUE,
  code           text,
  administration text,
  title_ar       text,
  title_fr       text,
  title_zgh      text,
  title_en       text,
  state          text NOT NULL CHECK (state IN ('draft', 'in_review', 'changes_requested',
                                                'approved', 'published', 'withdrawn')),
  head           bigint NOT NULL,
  live           bigint,
  last_published bigint NOT NULL DEFAULT 0,
  submitted_by   text REFERENCES masatir.users (login),
  approved_by    text REFERENCES masatir.users (login),
  approved_sha   text,
  errors         integer NOT NULL DEFAULT 0,
  warnings       integer NOT NULL DEFAULT 0,
  updated        text NOT NULL,
  updated_by     text NOT NULL REFERENCES masatir.users (login)
);
CREATE INDEX sheets_code ON masatir.sheets (code);
CREATE INDEX sheets_state ON masatir.sheets (state);
CREATE INDEX sheets_administration ON masatir.sheets (administration);

CREATE TABLE masatir.revisions (
  sheet   bigint NOT NULL REFERENCES masatir.sheets (num),
  number  bigint NOT NULL CHECK (number >= 1),
  sha256  text NOT NULL CHECK (length (sha256) = 64),
  author  text NOT NULL REFERENCES masatir.users (login),
  created text NOT NULL,
  json    text NOT NULL,
  UNIQUE (sheet, number)
);

CREATE TABLE masatir.publications (
  sheet     bigint NOT NULL REFERENCES masatir.sheets (num),
  number    bigint NOT NULL,
  published text NOT NULL,
  PRIMARY KEY (sheet, number)
);

CREATE TABLE masatir.sheet_terms (
  sheet bigint NOT NULL REFERENCES masatir.sheets (num),
  kind  text NOT NULL,
  code  text NOT NULL,
  PRIMARY KEY (kind, code, sheet)
);
CREATE INDEX sheet_terms_sheet ON masatir.sheet_terms (sheet);

CREATE TABLE masatir.comments (
  id       bigserial PRIMARY KEY,
  sheet    bigint NOT NULL REFERENCES masatir.sheets (num),
  revision bigint NOT NULL,
  author   text NOT NULL REFERENCES masatir.users (login),
  created  text NOT NULL,
  body     text NOT NULL
);

CREATE TABLE masatir.audit (
  seq        bigint PRIMARY KEY,
  time       text NOT NULL,
  actor      text NOT NULL,
  action     text NOT NULL,
  sheet_id   text,
  revision   bigint NOT NULL DEFAULT 0,
  sha256     text,
  from_state text,
  to_state   text,
  comment    text,
  prev       text NOT NULL,
  hash       text NOT NULL
);
CREATE INDEX audit_sheet ON masatir.audit (sheet_id);

-- The head of the chain, one row: appends lock it, so they are serialised
-- and the chain never forks; deleting the last entries shows against it.
CREATE TABLE masatir.audit_head (
  one  boolean PRIMARY KEY DEFAULT true CHECK (one),
  seq  bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO masatir.audit_head (seq, hash)
  VALUES (0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE masatir.import_origins (
  sheet_id       text PRIMARY KEY,
  portal_id      text NOT NULL,
  records_sha256 text NOT NULL CHECK (length (records_sha256) = 64),
  revision       bigint NOT NULL CHECK (revision >= 1),
  imported       text NOT NULL,
  imported_by    text NOT NULL
);

-- History is append-only even for the owner: the functions never change
-- an audit entry or a revision, and nobody else writes at all.
CREATE FUNCTION masatir.refuse_change () RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, masatir, pg_temp
AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'MS006', MESSAGE = TG_ARGV[0];
END
$$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON masatir.audit
  FOR EACH STATEMENT EXECUTE FUNCTION masatir.refuse_change ('the audit log is append-only');
CREATE TRIGGER revisions_no_update BEFORE UPDATE OR TRUNCATE ON masatir.revisions
  FOR EACH STATEMENT EXECUTE FUNCTION masatir.refuse_change ('a revision is never changed');

-- Helpers (not callable by logins) {{{1

CREATE FUNCTION masatir.now_text () RETURNS text
  LANGUAGE sql STABLE SET search_path = pg_catalog, masatir, pg_temp
AS $$ SELECT to_char (now () AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') $$;

CREATE FUNCTION masatir.sha256_hex (p_text text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT SET search_path = pg_catalog, masatir, pg_temp
AS $$ SELECT encode (sha256 (convert_to (p_text, 'UTF8')), 'hex') $$;

-- "editor,reviewer", as ms_roles_to_string.
CREATE FUNCTION masatir.roles_text (p_roles integer) RETURNS text
  LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, masatir, pg_temp
AS $$
  SELECT coalesce (string_agg (name, ',' ORDER BY bit), '')
  FROM (VALUES (1, 'editor'), (2, 'reviewer'), (4, 'publisher'), (8, 'admin')) AS r (bit, name)
  WHERE p_roles & bit != 0
$$;

-- The SHA-256 (hex) of an audit entry's RFC 8785 canonical JSON, the same
-- bytes as audit_entry_hash () in C: members in sorted order, absent when
-- NULL, integers as written, strings escaped by to_json (text) (what RFC
-- 8785 requires of text: \b \t \n \f \r \" \\ and \u00xx for the other
-- controls, everything else as it is).
CREATE FUNCTION masatir.audit_hash (p_seq bigint, p_time text, p_actor text, p_action text,
                                    p_sheet text, p_revision bigint, p_sha256 text,
                                    p_from text, p_to text, p_comment text, p_prev text)
  RETURNS text
  LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, masatir, pg_temp
AS $$
  SELECT masatir.sha256_hex ('{' || concat_ws (',',
    '"action":' || to_json (p_action)::text,
    '"actor":' || to_json (p_actor)::text,
    '"comment":' || to_json (p_comment)::text,
    '"from":' || to_json (p_from)::text,
    '"prev":' || to_json (p_prev)::text,
    '"revision":' || p_revision::text,
    '"seq":' || p_seq::text,
    '"sha256":' || to_json (p_sha256)::text,
    '"sheet":' || to_json (p_sheet)::text,
    '"time":' || to_json (p_time)::text,
    '"to":' || to_json (p_to)::text) || '}')
$$;

-- Appends an entry to the chain, after every other (the head row locked
-- until the transaction ends), and tells the listeners.
CREATE FUNCTION masatir.audit_append (p_time text, p_actor text, p_action text, p_sheet text,
                                      p_revision bigint, p_sha256 text, p_from text, p_to text,
                                      p_comment text)
  RETURNS bigint
  LANGUAGE plpgsql SET search_path = pg_catalog, masatir, pg_temp
AS $$
DECLARE
  h masatir.audit_head;
  v_hash text;
BEGIN
  SELECT * INTO STRICT h FROM masatir.audit_head FOR UPDATE;
  v_hash := masatir.audit_hash (h.seq + 1, p_time, p_actor, p_action, p_sheet, coalesce (p_revision, 0),
                                p_sha256, p_from, p_to, p_comment, h.hash);
  INSERT INTO masatir.audit (seq, time, actor, action, sheet_id, revision, sha256, from_state, to_state,
                             comment, prev, hash)
    VALUES (h.seq + 1, p_time, p_actor, p_action, p_sheet, coalesce (p_revision, 0), p_sha256, p_from, p_to,
            p_comment, h.hash, v_hash);
  UPDATE masatir.audit_head SET seq = h.seq + 1, hash = v_hash;
  PERFORM pg_notify ('masatir', (h.seq + 1)::text);
  RETURN h.seq + 1;
END
$$;

-- Every write function starts here: the head of the audit chain locked
-- first, before any sheet, so that writes wait for each other in one order
-- (never a deadlock) and append to the chain one at a time.
CREATE FUNCTION masatir.write_begin () RETURNS void
  LANGUAGE sql SET search_path = pg_catalog, masatir, pg_temp
AS $$ SELECT NULL::void FROM masatir.audit_head FOR UPDATE $$;

-- The catalog user the session is: session_user, which SET ROLE does not
-- change. Refused when not a user, or deactivated. Its roles are those the
-- catalog gives it that the login also holds as PostgreSQL group roles: a
-- DBA's REVOKE takes a role away at once.
CREATE FUNCTION masatir.acting_user () RETURNS masatir.users
  LANGUAGE plpgsql STABLE SET search_path = pg_catalog, masatir, pg_temp
AS $$
DECLARE
  u masatir.users;
BEGIN
  SELECT login, name,
         roles & ((CASE WHEN pg_has_role (session_user, 'masatir_editor', 'MEMBER') THEN 1 ELSE 0 END)
                  | (CASE WHEN pg_has_role (session_user, 'masatir_reviewer', 'MEMBER') THEN 2 ELSE 0 END)
                  | (CASE WHEN pg_has_role (session_user, 'masatir_publisher', 'MEMBER') THEN 4 ELSE 0 END)
                  | (CASE WHEN pg_has_role (session_user, 'masatir_admin', 'MEMBER') THEN 8 ELSE 0 END)),
         created, active
    INTO u FROM masatir.users WHERE login = session_user;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'MS003',
      MESSAGE = format ('“%s” is not a user of this catalog; an admin adds people with “masatir-cli users add”',
                        session_user);
  END IF;
  IF u.active = 0 THEN
    RAISE EXCEPTION USING ERRCODE = 'MS003',
      MESSAGE = format ('“%s” was deactivated and can no longer act in this catalog', session_user);
  END IF;
  RETURN u;
END
$$;

-- The table of src/core/ms-workflow.c (design.md §3) and its rules; fails
-- with MS004 saying which.
CREATE FUNCTION masatir.workflow_check (p_action text, p_state text, p_actor text, p_roles integer,
                                        p_editors text[], p_submitter text, p_has_errors boolean,
                                        p_comment text)
  RETURNS text
  LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, masatir, pg_temp
AS $$
DECLARE
  v_role integer;
  v_role_name text;
  v_from text[];
  v_to text;
BEGIN
  CASE p_action
    WHEN 'edit' THEN
      v_role := 1; v_from := ARRAY['draft', 'in_review', 'changes_requested', 'approved', 'published', 'withdrawn'];
      v_to := 'draft';
    WHEN 'submit' THEN v_role := 1; v_from := ARRAY['draft', 'changes_requested']; v_to := 'in_review';
    WHEN 'request-changes' THEN v_role := 2; v_from := ARRAY['in_review']; v_to := 'changes_requested';
    WHEN 'approve' THEN v_role := 2; v_from := ARRAY['in_review']; v_to := 'approved';
    WHEN 'publish' THEN v_role := 4; v_from := ARRAY['approved']; v_to := 'published';
    WHEN 'withdraw' THEN v_role := 4; v_from := ARRAY['published']; v_to := 'withdrawn';
    ELSE
      RAISE EXCEPTION USING ERRCODE = 'MS005', MESSAGE = format ('unknown action “%s”', p_action);
  END CASE;
  v_role_name := masatir.roles_text (v_role);
  IF coalesce (p_roles, 0) & v_role = 0 THEN
    RAISE EXCEPTION USING ERRCODE = 'MS004',
      MESSAGE = format ('“%s” does not have the %s role needed to %s', p_actor, v_role_name, p_action);
  END IF;
  IF NOT p_state = ANY (v_from) THEN
    RAISE EXCEPTION USING ERRCODE = 'MS004',
      MESSAGE = format ('“%s” is not possible while the sheet is “%s”', p_action, p_state);
  END IF;
  IF p_action = 'submit' AND p_has_errors THEN
    RAISE EXCEPTION USING ERRCODE = 'MS004',
      MESSAGE = 'the sheet has validation errors; correct them before submitting it';
  END IF;
  IF p_action IN ('request-changes', 'withdraw') AND coalesce (btrim (p_comment, E' \t\r\n'), '') = '' THEN
    RAISE EXCEPTION USING ERRCODE = 'MS004',
      MESSAGE = CASE p_action WHEN 'withdraw' THEN 'a reason is required to withdraw a sheet (--comment)'
                ELSE 'a comment is required to request changes (--comment)' END;
  END IF;
  IF p_action = 'approve' THEN
    IF p_actor = ANY (coalesce (p_editors, '{}')) THEN
      RAISE EXCEPTION USING ERRCODE = 'MS004',
        MESSAGE = format ('“%s” edited this revision and cannot approve it (four-eyes rule)', p_actor);
    END IF;
    IF p_submitter = p_actor THEN
      RAISE EXCEPTION USING ERRCODE = 'MS004',
        MESSAGE = format ('“%s” submitted this revision and cannot approve it (four-eyes rule)', p_actor);
    END IF;
    IF p_has_errors THEN
      RAISE EXCEPTION USING ERRCODE = 'MS004', MESSAGE = 'the sheet has validation errors and cannot be approved';
    END IF;
  END IF;
  RETURN v_to;
END
$$;

-- Grants (or revokes) the group roles of @p_roles to the login of the same
-- name, when there is one and the owner may: catalog roles are PostgreSQL
-- roles too, for what a login may read and call.
CREATE FUNCTION masatir.sync_grants (p_login text, p_roles integer)
  RETURNS void
  LANGUAGE plpgsql SET search_path = pg_catalog, masatir, pg_temp
AS $$
DECLARE
  g record;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login) THEN
    RETURN;   -- the DBA creates the login later, and grants (README)
  END IF;
  IF NOT (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
    RETURN;   -- an owner without CREATEROLE: the DBA grants (README)
  END IF;
  FOR g IN SELECT * FROM (VALUES (1, 'masatir_editor'), (2, 'masatir_reviewer'),
                                 (4, 'masatir_publisher'), (8, 'masatir_admin')) AS r (bit, name) LOOP
    IF p_roles & g.bit != 0 THEN
      EXECUTE format ('GRANT %I TO %I', g.name, p_login);
    ELSIF pg_has_role (p_login, g.name, 'MEMBER') THEN
      EXECUTE format ('REVOKE %I FROM %I', g.name, p_login);
    END IF;
  END LOOP;
END
$$;

-- Users {{{1

-- The first user can be added by anyone who may call this (the schema's
-- owner, in practice) and must be an admin; later ones only by an admin.
CREATE FUNCTION masatir.add_user (p_login text, p_name text, p_roles integer)
  RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, masatir, pg_temp
AS $$
DECLARE
  u masatir.users;
  v_now text := masatir.now_text ();
  v_first boolean;
BEGIN
  PERFORM masatir.write_begin ();
  IF p_login IS NULL OR p_login = '' OR p_login ~ '[ \t\n,:]' THEN
    RAISE EXCEPTION USING ERRCODE = 'MS005',
      MESSAGE = format ('“%s” is not a valid login: no spaces, commas or colons', p_login);
  END IF;
  IF p_roles IS NULL OR p_roles NOT BETWEEN 0 AND 15 THEN
    RAISE EXCEPTION USING ERRCODE = 'MS005', MESSAGE = 'roles out of range';
  END IF;
  -- Two first users at once: one of them is second.
  LOCK TABLE masatir.users IN SHARE ROW EXCLUSIVE MODE;
  v_first := NOT EXISTS (SELECT 1 FROM masatir.users);
  IF v_first AND p_roles & 8 = 0 THEN
    RAISE EXCEPTION USING ERRCODE = 'MS003', MESSAGE = 'The first user of a catalog must have the admin role';
  END IF;
  IF NOT v_first THEN
    u := masatir.acting_user ();
    IF u.roles & 8 = 0 THEN
      RAISE EXCEPTION USING ERRCODE = 'MS004',
        MESSAGE = format ('Adding users: “%s” does not have the admin role', u.login);
    END IF;
  END IF;
  IF EXISTS (SELECT 1 FROM masatir.users WHERE login = p_login) THEN
    RAISE EXCEPTION USING ERRCODE = 'MS002', MESSAGE = format ('“%s” is already a user of this catalog', p_login);
  END IF;
  INSERT INTO masatir.users (login, name, roles, created)
    VALUES (p_login, coalesce (p_name, p_login), p_roles, v_now);
  PERFORM masatir.sync_grants (p_login, p_roles);
  RETURN masatir.audit_append (v_now, session_user, 'user-add', NULL, 0, NULL, NULL, NULL,
                               p_login || ': ' || masatir.roles_text (p_roles));
END
$$;

-- Roles (@p_roles not NULL) or activation (@p_active); setting what is set
-- writes nothing (returns 0). Never leaves the catalog without an active admin.
CREATE FUNCTION masatir.change_user (p_login text, p_roles integer, p_active boolean)
  RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, masatir, pg_temp
AS $$
DECLARE
  a masatir.users := masatir.acting_user ();
  u masatir.users;
  v_now text := masatir.now_text ();
  v_was_admin boolean;
  v_stays_admin boolean;
BEGIN
  PERFORM masatir.write_begin ();
  IF a.roles & 8 = 0 THEN
    RAISE EXCEPTION USING ERRCODE = 'MS004',
      MESSAGE = format ('Changing users: “%s” does not have the admin role', a.login);
  END IF;
  IF (p_roles IS NULL) = (p_active IS NULL) OR p_roles NOT BETWEEN 0 AND 15 THEN
    RAISE EXCEPTION USING ERRCODE = 'MS005', MESSAGE = 'change_user: roles or activation, one of them';
  END IF;
  LOCK TABLE masatir.users IN SHARE ROW EXCLUSIVE MODE;
  SELECT * INTO u FROM masatir.users WHERE login = p_login;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'MS001', MESSAGE = format ('“%s” is not a user of this catalog', p_login);
  END IF;
  IF (CASE WHEN p_roles IS NOT NULL THEN u.roles = p_roles ELSE (u.active = 1) = p_active END) THEN
    RETURN 0;
  END IF;
  v_was_admin := u.active = 1 AND u.roles & 8 != 0;
  v_stays_admin := CASE WHEN p_roles IS NOT NULL THEN u.active = 1 AND p_roles & 8 != 0
                        ELSE p_active AND u.roles & 8 != 0 END;
  IF v_was_admin AND NOT v_stays_admin
     AND NOT EXISTS (SELECT 1 FROM masatir.users WHERE active = 1 AND roles & 8 != 0 AND login != u.login) THEN
    RAISE EXCEPTION USING ERRCODE = 'MS003',
      MESSAGE = CASE WHEN p_roles IS NOT NULL
                THEN format ('“%s” is the last active admin of this catalog: give the admin role to someone else first', u.login)
                ELSE format ('“%s” is the last active admin of this catalog and cannot be deactivated: give the admin role to someone else first', u.login) END;
  END IF;
  IF p_roles IS NOT NULL THEN
    UPDATE masatir.users SET roles = p_roles WHERE login = u.login;
    PERFORM masatir.sync_grants (u.login, p_roles);
    RETURN masatir.audit_append (v_now, a.login, 'user-roles', NULL, 0, NULL, NULL, NULL,
                                 u.login || ': ' || masatir.roles_text (p_roles));
  END IF;
  UPDATE masatir.users SET active = CASE WHEN p_active THEN 1 ELSE 0 END WHERE login = u.login;
  RETURN masatir.audit_append (v_now, a.login, CASE WHEN p_active THEN 'user-activate' ELSE 'user-deactivate' END,
                               NULL, 0, NULL, NULL, NULL, u.login);
END
$$;

-- The issuer id bundles are signed with (init), by an admin.
CREATE FUNCTION masatir.set_issuer (p_issuer text)
  RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, masatir, pg_temp
AS $$
DECLARE
  a masatir.users := masatir.acting_user ();
BEGIN
  IF a.roles & 8 = 0 THEN
    RAISE EXCEPTION USING ERRCODE = 'MS004', MESSAGE = format ('“%s” does not have the admin role', a.login);
  END IF;
  INSERT INTO masatir.settings (key, value) VALUES ('issuer', p_issuer)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value;
  PERFORM pg_notify ('masatir', 'issuer');
END
$$;

-- Revisions and the workflow {{{1

-- Stores @p_json (a sheet's canonical JSON, whose SHA-256 is @p_sha256) as
-- the next revision of its sheet, by the caller; @p_base is the revision
-- the edit started from (0 for a new sheet, NULL for an import, which
-- replaces whatever is there). The sheet's columns are read from the JSON
-- itself. Returns the sheet's head: unchanged when the content was.
CREATE FUNCTION masatir.save_revision (p_json text, p_sha256 text, p_base bigint,
                                       p_errors integer, p_warnings integer,
                                       p_action text DEFAULT 'edit', p_comment text DEFAULT NULL)
  RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, masatir, pg_temp
AS $$
DECLARE
  a masatir.users := masatir.acting_user ();
  s masatir.sheets;
  r masatir.revisions;
  j jsonb;
  v_id text;
  v_code text;
  v_adm text;
  v_other text;
  v_now text := masatir.now_text ();
  v_number bigint;
BEGIN
  PERFORM masatir.write_begin ();
  IF p_action IS NULL OR p_action NOT IN ('edit', 'import') THEN
    RAISE EXCEPTION USING ERRCODE = 'MS005', MESSAGE = format ('a revision is written by an edit or an import, not “%s”', p_action);
  END IF;
  IF p_json IS NULL OR p_sha256 IS NULL OR masatir.sha256_hex (p_json) != p_sha256 THEN
    RAISE EXCEPTION USING ERRCODE = 'MS005', MESSAGE = 'the revision does not match its SHA-256';
  END IF;
  BEGIN
    j := p_json::jsonb;
  EXCEPTION WHEN others THEN
    RAISE EXCEPTION USING ERRCODE = 'MS005', MESSAGE = 'the revision is not JSON';
  END;
  IF jsonb_typeof (j) != 'object' OR jsonb_typeof (j->'id') IS DISTINCT FROM 'string' THEN
    RAISE EXCEPTION USING ERRCODE = 'MS005', MESSAGE = 'the revision is not a sheet with an id';
  END IF;
  v_id := j->>'id';
  v_code := j->>'code';
  v_adm := j->>'administration';

  SELECT * INTO s FROM masatir.sheets WHERE id = v_id FOR UPDATE;
  IF FOUND THEN
    SELECT * INTO STRICT r FROM masatir.revisions WHERE sheet = s.num AND number = s.head;
    IF p_base IS NOT NULL AND p_base != s.head THEN
      RAISE EXCEPTION USING ERRCODE = 'MS002',
        MESSAGE = format ('Sheet %s was changed by %s at %s (revision %s); this edit is based on revision %s. '
                          'Nothing was saved: reopen the sheet and redo the edit',
                          v_id, r.author, r.created, s.head, p_base);
    END IF;
  ELSIF coalesce (p_base, 0) > 0 THEN
    RAISE EXCEPTION USING ERRCODE = 'MS001',
      MESSAGE = format ('No sheet “%s” in the catalog: revision %s cannot be the base of this save', v_id, p_base);
  END IF;
  PERFORM masatir.workflow_check ('edit', coalesce (s.state, 'draft'), a.login, a.roles, NULL, NULL, false, NULL);
  IF s.num IS NOT NULL AND r.sha256 = p_sha256 THEN
    RETURN s.head;
  END IF;
  IF v_code IS NOT NULL THEN
    -- Writes are one at a time (write_begin): a code given meanwhile is seen.
    SELECT id INTO v_other FROM masatir.sheets
      WHERE code = v_code AND administration IS NOT DISTINCT FROM v_adm AND id != v_id LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION USING ERRCODE = 'MS002',
        MESSAGE = format ('%s: the code “%s” is already used by sheet %s of the same administration',
                          v_id, v_code, v_other);
    END IF;
  END IF;

  IF s.num IS NULL THEN
    v_number := 1;
    INSERT INTO masatir.sheets (id, code, administration, title_ar, title_fr, title_zgh, title_en, state, head,
                                errors, warnings, updated, updated_by)
      VALUES (v_id, v_code, v_adm, j->'title'->>'ar', j->'title'->>'fr', j->'title'->>'zgh', j->'title'->>'en',
              'draft', 1, coalesce (p_errors, 0), coalesce (p_warnings, 0), v_now, a.login)
      RETURNING * INTO s;
  ELSE
    v_number := s.head + 1;
    UPDATE masatir.sheets SET code = v_code, administration = v_adm, title_ar = j->'title'->>'ar',
        title_fr = j->'title'->>'fr', title_zgh = j->'title'->>'zgh', title_en = j->'title'->>'en',
        state = 'draft', head = v_number, submitted_by = NULL, approved_by = NULL, approved_sha = NULL,
        errors = coalesce (p_errors, 0), warnings = coalesce (p_warnings, 0), updated = v_now, updated_by = a.login
      WHERE num = s.num;
    DELETE FROM masatir.sheet_terms WHERE sheet = s.num;
  END IF;
  INSERT INTO masatir.sheet_terms (sheet, kind, code)
    SELECT DISTINCT s.num, t.kind, t.code FROM (
      SELECT 'audience' AS kind, jsonb_array_elements_text (CASE WHEN jsonb_typeof (j->'audiences') = 'array'
                                                             THEN j->'audiences' ELSE '[]' END) AS code
      UNION ALL
      SELECT 'theme', jsonb_array_elements_text (CASE WHEN jsonb_typeof (j->'themes') = 'array'
                                                  THEN j->'themes' ELSE '[]' END)) AS t;
  INSERT INTO masatir.revisions (sheet, number, sha256, author, created, json)
    VALUES (s.num, v_number, p_sha256, a.login, v_now, p_json);
  PERFORM masatir.audit_append (v_now, a.login, p_action, v_id, v_number, p_sha256,
                                CASE WHEN v_number > 1 THEN s.state END, 'draft', p_comment);
  RETURN v_number;
END
$$;

-- Submit, request changes, approve or withdraw sheet @p_id, by the caller.
-- @p_sha256 is the head revision the client validated (law 55-19, a
-- client-side gate) and found @p_errors errors in: another head is a
-- conflict. NULL for both: the counts stored with the head. Publishing is
-- an export (commit_export). Returns the state reached.
CREATE FUNCTION masatir.transition (p_id text, p_action text, p_comment text,
                                    p_sha256 text DEFAULT NULL, p_errors integer DEFAULT NULL)
  RETURNS text
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, masatir, pg_temp
AS $$
DECLARE
  a masatir.users := masatir.acting_user ();
  s masatir.sheets;
  v_head_sha text;
  v_sha text;
  v_editors text[];
  v_from text;
  v_to text;
  v_revision bigint;
  v_live bigint;
  v_submitted text;
  v_approved text;
  v_approved_sha text;
  v_now text := masatir.now_text ();
BEGIN
  PERFORM masatir.write_begin ();
  IF p_action IS NULL OR p_action NOT IN ('submit', 'request-changes', 'approve', 'withdraw', 'publish') THEN
    RAISE EXCEPTION USING ERRCODE = 'MS005', MESSAGE = format ('“%s” is not a transition', p_action);
  END IF;
  SELECT * INTO s FROM masatir.sheets WHERE id = p_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'MS001', MESSAGE = format ('No sheet “%s” in the catalog', p_id);
  END IF;
  SELECT sha256 INTO STRICT v_head_sha FROM masatir.revisions WHERE sheet = s.num AND number = s.head;
  IF p_sha256 IS NOT NULL AND p_sha256 != v_head_sha THEN
    RAISE EXCEPTION USING ERRCODE = 'MS002',
      MESSAGE = format ('Sheet %s was changed by %s at %s (revision %s) while this was being done; nothing was changed',
                        p_id, s.updated_by, s.updated, s.head);
  END IF;
  IF p_action = 'approve' THEN
    v_editors := ARRAY (SELECT DISTINCT author FROM masatir.revisions
                        WHERE sheet = s.num AND number > s.last_published);
  END IF;
  v_from := CASE WHEN p_action = 'withdraw' AND coalesce (s.live, 0) > 0 THEN 'published' ELSE s.state END;
  v_to := masatir.workflow_check (p_action, v_from, a.login, a.roles, v_editors, s.submitted_by,
                                  coalesce (p_errors, s.errors) > 0, p_comment);
  IF p_action = 'publish' THEN
    RAISE EXCEPTION USING ERRCODE = 'MS004', MESSAGE = 'a sheet is published by an export of the catalog';
  END IF;

  v_live := s.live;
  v_submitted := s.submitted_by;
  v_revision := s.head;
  v_sha := v_head_sha;
  CASE p_action
    WHEN 'submit' THEN v_submitted := a.login;
    WHEN 'approve' THEN v_approved := a.login; v_approved_sha := v_head_sha;
    WHEN 'withdraw' THEN
      v_revision := s.live;
      v_live := NULL;
      IF s.head != s.live THEN
        v_to := s.state;   -- the draft over it stays a draft
      END IF;
      SELECT sha256 INTO STRICT v_sha FROM masatir.revisions WHERE sheet = s.num AND number = v_revision;
    ELSE NULL;
  END CASE;

  UPDATE masatir.sheets SET state = v_to, live = v_live, submitted_by = v_submitted, approved_by = v_approved,
      approved_sha = v_approved_sha, updated = v_now, updated_by = a.login
    WHERE num = s.num;
  IF coalesce (p_comment, '') != '' THEN
    INSERT INTO masatir.comments (sheet, revision, author, created, body)
      VALUES (s.num, v_revision, a.login, v_now, p_comment);
  END IF;
  PERFORM masatir.audit_append (v_now, a.login, p_action, p_id, v_revision, v_sha, v_from, v_to, p_comment);
  RETURN v_to;
END
$$;

-- Records an export (ms_store_commit_export): @p_expected is the set the
-- bundle was written from, as read_export () read it (ids sorted, each
-- with its revision, SHA-256 and publication date, then the withdrawn
-- ids); another export since, or a changed set, is a conflict. Publishes
-- every approved sheet, one audit entry each, then one for the export.
CREATE FUNCTION masatir.commit_export (p_sequence bigint, p_manifest_sha256 text, p_published text,
                                       p_ids text[], p_revisions bigint[], p_shas text[],
                                       p_dates text[], p_withdrawn text[], p_previous text)
  RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, masatir, pg_temp
AS $$
DECLARE
  a masatir.users := masatir.acting_user ();
  v_now text := masatir.now_text ();
  v_sequence bigint;
  v_issuer text;
  v_previous text;
  x record;
BEGIN
  PERFORM masatir.write_begin ();
  PERFORM masatir.workflow_check ('publish', 'approved', a.login, a.roles, NULL, NULL, false, NULL);
  -- One export at a time; sequence numbers never repeat.
  SELECT value::bigint INTO STRICT v_sequence FROM masatir.settings WHERE key = 'bundle_sequence' FOR UPDATE;
  SELECT value INTO v_issuer FROM masatir.settings WHERE key = 'issuer';
  SELECT value INTO v_previous FROM masatir.settings WHERE key = 'bundle_manifest_sha256';
  IF v_issuer IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'MS005', MESSAGE = 'The catalog has no issuer id to sign bundles with';
  END IF;
  IF p_sequence IS DISTINCT FROM v_sequence + 1 THEN
    RAISE EXCEPTION USING ERRCODE = 'MS002',
      MESSAGE = format ('Another export (sequence %s) was recorded since this one started; nothing was changed: export again',
                        v_sequence);
  END IF;
  IF p_manifest_sha256 IS NULL OR p_manifest_sha256 !~ '^[0-9a-f]{64}$' OR p_published IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'MS005', MESSAGE = 'an export needs its manifest SHA-256 and publication date';
  END IF;
  -- Sheets, then their revisions, locked in id order (as saves lock them).
  PERFORM 1 FROM masatir.sheets WHERE state = 'approved' OR live IS NOT NULL OR last_published > 0
    ORDER BY id FOR UPDATE;
  IF v_previous IS DISTINCT FROM p_previous
     OR (SELECT coalesce (array_agg (s.id ORDER BY s.id COLLATE "C"), '{}') IS DISTINCT FROM coalesce (p_ids, '{}')
                OR coalesce (array_agg (r.number ORDER BY s.id COLLATE "C"), '{}') IS DISTINCT FROM coalesce (p_revisions, '{}')
                OR coalesce (array_agg (r.sha256 ORDER BY s.id COLLATE "C"), '{}') IS DISTINCT FROM coalesce (p_shas, '{}')
                OR coalesce (array_agg (CASE WHEN s.state = 'approved' THEN NULL ELSE p.published END
                                        ORDER BY s.id COLLATE "C"), '{}')
                   IS DISTINCT FROM coalesce (p_dates, '{}')
         FROM masatir.sheets s JOIN masatir.revisions r ON r.sheet = s.num
           AND r.number = CASE WHEN s.state = 'approved' THEN s.head ELSE s.live END
         LEFT JOIN masatir.publications p ON p.sheet = r.sheet AND p.number = r.number
         WHERE s.state = 'approved' OR s.live IS NOT NULL)
     OR (SELECT coalesce (array_agg (id ORDER BY id COLLATE "C"), '{}') FROM masatir.sheets
         WHERE live IS NULL AND last_published > 0 AND state != 'approved')
        IS DISTINCT FROM coalesce (p_withdrawn, '{}') THEN
    RAISE EXCEPTION USING ERRCODE = 'MS002',
      MESSAGE = 'Sheets were edited, approved or withdrawn while the bundle was being written; nothing was changed: export again';
  END IF;

  FOR x IN SELECT s.num, s.id, s.head, r.sha256, s.approved_sha IS NOT DISTINCT FROM r.sha256 AS same
           FROM masatir.sheets s JOIN masatir.revisions r ON r.sheet = s.num AND r.number = s.head
           WHERE s.state = 'approved' ORDER BY s.id COLLATE "C" LOOP
    IF NOT x.id = ANY (coalesce (p_ids, '{}')) THEN
      RAISE EXCEPTION USING ERRCODE = 'MS002',
        MESSAGE = 'Sheets were edited, approved or withdrawn while the bundle was being written; nothing was changed: export again';
    END IF;
    IF NOT x.same THEN
      RAISE EXCEPTION USING ERRCODE = 'MS006',
        MESSAGE = format ('Sheet %s is not the content its reviewer approved; nothing was changed', x.id);
    END IF;
    PERFORM masatir.audit_append (v_now, a.login, 'publish', x.id, x.head, x.sha256, 'approved', 'published', NULL);
    INSERT INTO masatir.publications (sheet, number, published) VALUES (x.num, x.head, p_published)
      ON CONFLICT (sheet, number) DO UPDATE SET published = excluded.published;
    UPDATE masatir.sheets SET state = 'published', live = head, last_published = head, approved_by = NULL,
        approved_sha = NULL, updated = v_now, updated_by = a.login
      WHERE num = x.num;
  END LOOP;
  PERFORM masatir.audit_append (v_now, a.login, 'export', NULL, 0, p_manifest_sha256, NULL, NULL,
                                v_issuer || '-' || p_sequence);
  UPDATE masatir.settings SET value = p_sequence::text WHERE key = 'bundle_sequence';
  INSERT INTO masatir.settings (key, value) VALUES ('bundle_manifest_sha256', p_manifest_sha256)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value;
END
$$;

-- Deletes sheet @p_id, by the caller (an editor or an admin), when it was
-- never submitted for review nor published; with @p_dry_run, only says
-- whether it may (ms_store_check_delete). The audit log keeps its entries
-- and one more, "delete".
CREATE FUNCTION masatir.delete_draft (p_id text, p_dry_run boolean)
  RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, masatir, pg_temp
AS $$
DECLARE
  a masatir.users := masatir.acting_user ();
  s masatir.sheets;
  v_name text;
  v_sha text;
  v_submitted_by text;
  v_submitted_at text;
  v_published_at text;
  v_withdrawn_at text;
  v_label text;
BEGIN
  PERFORM masatir.write_begin ();
  IF a.roles & 9 = 0 THEN
    RAISE EXCEPTION USING ERRCODE = 'MS003',
      MESSAGE = format ('“%s” has neither the editor nor the admin role needed to delete a draft', a.login);
  END IF;
  SELECT * INTO s FROM masatir.sheets WHERE id = p_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'MS001', MESSAGE = format ('No sheet “%s” in the catalog', p_id);
  END IF;
  v_name := coalesce (s.code, p_id);
  -- The first transition is a submission, unless the log was forged.
  SELECT actor, time INTO v_submitted_by, v_submitted_at FROM masatir.audit
    WHERE sheet_id = p_id AND action NOT IN ('edit', 'import', 'delete') ORDER BY seq LIMIT 1;
  SELECT min (time) FILTER (WHERE action = 'publish'), max (time) FILTER (WHERE action = 'withdraw')
    INTO v_published_at, v_withdrawn_at FROM masatir.audit WHERE sheet_id = p_id;
  v_label := CASE s.state WHEN 'draft' THEN 'Draft' WHEN 'in_review' THEN 'In review'
             WHEN 'changes_requested' THEN 'Changes requested' WHEN 'approved' THEN 'Approved'
             WHEN 'published' THEN 'Published' ELSE 'Withdrawn' END;
  IF s.live IS NOT NULL OR s.state = 'published' THEN
    RAISE EXCEPTION USING ERRCODE = 'MS003',
      MESSAGE = format ('Sheet %s was published on %s and cannot be deleted; withdraw it instead',
                        v_name, coalesce (v_published_at, '?'));
  ELSIF s.last_published > 0 OR s.state = 'withdrawn' THEN
    RAISE EXCEPTION USING ERRCODE = 'MS003',
      MESSAGE = format ('Sheet %s was published, then withdrawn on %s; it stays in the catalog as the record '
                        'of a publication and cannot be deleted', v_name, coalesce (v_withdrawn_at, '?'));
  ELSIF v_submitted_at IS NOT NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'MS003',
      MESSAGE = format ('Sheet %s was submitted for review by %s on %s and is now “%s”; a sheet that went to '
                        'review stays in the catalog and cannot be deleted', v_name, v_submitted_by,
                        v_submitted_at, v_label);
  ELSIF s.state != 'draft' THEN
    RAISE EXCEPTION USING ERRCODE = 'MS003',
      MESSAGE = format ('Sheet %s is “%s” and cannot be deleted; only a draft never submitted for review can be',
                        v_name, v_label);
  END IF;
  IF p_dry_run THEN
    RETURN 0;
  END IF;
  SELECT sha256 INTO STRICT v_sha FROM masatir.revisions WHERE sheet = s.num AND number = s.head;
  DELETE FROM masatir.sheet_terms WHERE sheet = s.num;
  DELETE FROM masatir.comments WHERE sheet = s.num;
  DELETE FROM masatir.revisions WHERE sheet = s.num;
  DELETE FROM masatir.sheets WHERE num = s.num;
  RETURN masatir.audit_append (masatir.now_text (), a.login, 'delete', p_id, s.head, v_sha, s.state, NULL, s.code);
END
$$;

-- Records where sheet @p_sheet_id was imported from (portal import): its
-- head, @p_revision, is what the caller's import wrote. By an editor.
CREATE FUNCTION masatir.record_import_origin (p_sheet_id text, p_portal_id text, p_records_sha256 text,
                                              p_revision bigint)
  RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, masatir, pg_temp
AS $$
DECLARE
  a masatir.users := masatir.acting_user ();
BEGIN
  PERFORM masatir.write_begin ();
  PERFORM masatir.workflow_check ('edit', 'draft', a.login, a.roles, NULL, NULL, false, NULL);
  IF p_portal_id IS NULL OR p_records_sha256 IS NULL OR p_records_sha256 !~ '^[0-9a-f]{64}$' THEN
    RAISE EXCEPTION USING ERRCODE = 'MS005', MESSAGE = 'an import origin needs a portal id and a records SHA-256';
  END IF;
  PERFORM 1 FROM masatir.sheets WHERE id = p_sheet_id AND head = p_revision FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'MS002',
      MESSAGE = format ('Sheet %s has another revision than %s now: its import origin was not recorded',
                        p_sheet_id, p_revision);
  END IF;
  INSERT INTO masatir.import_origins (sheet_id, portal_id, records_sha256, revision, imported, imported_by)
    VALUES (p_sheet_id, p_portal_id, p_records_sha256, p_revision, masatir.now_text (), a.login)
    ON CONFLICT (sheet_id) DO UPDATE SET portal_id = excluded.portal_id, records_sha256 = excluded.records_sha256,
      revision = excluded.revision, imported = excluded.imported, imported_by = excluded.imported_by;
END
$$;

-- Rights {{{1

-- Logins read; they write only through the functions above.
REVOKE ALL ON SCHEMA masatir FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA masatir FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA masatir FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA masatir FROM PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA masatir REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
GRANT USAGE ON SCHEMA masatir TO masatir_editor, masatir_reviewer, masatir_publisher, masatir_admin;
GRANT SELECT ON ALL TABLES IN SCHEMA masatir TO masatir_editor, masatir_reviewer, masatir_publisher, masatir_admin;
GRANT EXECUTE ON FUNCTION
  masatir.add_user (text, text, integer),
  masatir.change_user (text, integer, boolean),
  masatir.set_issuer (text),
  masatir.save_revision (text, text, bigint, integer, integer, text, text),
  masatir.transition (text, text, text, text, integer),
  masatir.delete_draft (text, boolean),
  masatir.record_import_origin (text, text, text, bigint),
  masatir.commit_export (bigint, text, text, text[], bigint[], text[], text[], text[], text),
  masatir.audit_hash (bigint, text, text, text, text, bigint, text, text, text, text, text),
  masatir.sha256_hex (text)
  TO masatir_editor, masatir_reviewer, masatir_publisher, masatir_admin;

-- vim: set foldmethod=marker:
