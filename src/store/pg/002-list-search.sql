-- 002-list-search.sql — the catalog on PostgreSQL, version 2: the window's
-- paged list (issue 15 item 1) and search (issue 16 item 6)
--
-- The list's order (ms-pg-store-list.c: code by bytes, NULL first, then id)
-- read from an index without a sort, as SQLite's migration 8 does.
--
-- Search: core's analysis (ms-analyzer.h: normalisation, Arabic light
-- stemming, French Snowball, law numbers as one term) cannot run in the
-- server, so the client computes each sheet's terms and hands them to
-- save_revision as a tsvector (ms_pg_search_vector: the titles and the code
-- weighted A, the rest D, positions as the analysis gives them, colocated
-- forms at one position); queries are tsqueries of the same analysis
-- (ms_pg_search_query), never parsed by a text search configuration. The
-- index is written by save_revision, in the transaction of the revision it
-- describes, only when a revision is written, by whoever may write it.
--
-- SPDX-License-Identifier: GPL-3.0-or-later

CREATE INDEX sheets_code_id ON masatir.sheets (code COLLATE "C" NULLS FIRST, id COLLATE "C");

CREATE TABLE masatir.sheet_search (
  sheet bigint PRIMARY KEY REFERENCES masatir.sheets (num) ON DELETE CASCADE,
  terms tsvector NOT NULL
);
CREATE INDEX sheet_search_terms ON masatir.sheet_search USING gin (terms);

-- Version 1's save_revision, kept as it is under another name and callable
-- by nobody but the functions of the schema.
ALTER FUNCTION masatir.save_revision (text, text, bigint, integer, integer, text, text)
  RENAME TO write_revision_v1;
REVOKE ALL ON FUNCTION masatir.write_revision_v1 (text, text, bigint, integer, integer, text, text)
  FROM PUBLIC, masatir_editor, masatir_reviewer, masatir_publisher, masatir_admin;

-- Stores a revision as version 1 did (every check of write_revision_v1:
-- the caller, the workflow, the lock, the code) and, when a revision was
-- written, @p_terms (a tsvector's text) as its sheet's search terms.
CREATE FUNCTION masatir.save_revision (p_json text, p_sha256 text, p_base bigint,
                                       p_errors integer, p_warnings integer,
                                       p_action text DEFAULT 'edit', p_comment text DEFAULT NULL,
                                       p_terms text DEFAULT NULL)
  RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, masatir, pg_temp
AS $$
DECLARE
  v_terms tsvector;
  v_before bigint;
  v_head bigint;
  v_num bigint;
  v_id text;
BEGIN
  IF p_terms IS NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'MS005', MESSAGE = 'the revision comes without its search terms';
  END IF;
  BEGIN
    v_terms := p_terms::tsvector;
    v_id := p_json::jsonb->>'id';
  EXCEPTION WHEN others THEN
    RAISE EXCEPTION USING ERRCODE = 'MS005', MESSAGE = 'the search terms or the revision do not read';
  END;
  SELECT head INTO v_before FROM masatir.sheets WHERE id = v_id;
  v_head := masatir.write_revision_v1 (p_json, p_sha256, p_base, p_errors, p_warnings, p_action, p_comment);
  IF v_before IS NULL OR v_head != v_before THEN
    SELECT num INTO STRICT v_num FROM masatir.sheets WHERE id = v_id;
    INSERT INTO masatir.sheet_search (sheet, terms) VALUES (v_num, v_terms)
      ON CONFLICT (sheet) DO UPDATE SET terms = EXCLUDED.terms;
  END IF;
  RETURN v_head;
END
$$;

REVOKE ALL ON masatir.sheet_search FROM PUBLIC;
REVOKE ALL ON FUNCTION masatir.save_revision (text, text, bigint, integer, integer, text, text, text) FROM PUBLIC;
GRANT SELECT ON masatir.sheet_search TO masatir_editor, masatir_reviewer, masatir_publisher, masatir_admin;
GRANT EXECUTE ON FUNCTION masatir.save_revision (text, text, bigint, integer, integer, text, text, text)
  TO masatir_editor, masatir_reviewer, masatir_publisher, masatir_admin;
