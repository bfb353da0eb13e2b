import type { Migration } from '../migrate.js';

/**
 * Language versions of a document (docs/languages.md): the versions a document has (one of them its original;
 * every existing document gets `en` as its original), where each clause's version stands, and the languages an
 * account translates into (a comma-separated list of codes, empty for none).
 *
 * A clause's version row is written when a translator or the secretariat sets its status; `fingerprint` and
 * `original_text` are the original clause's text when it was marked current (the text itself, for the diff a
 * translator reads once the original moved on). No row: the version is a draft, or missing while empty.
 */
const tables = (now: string) => `
  CREATE TABLE document_languages (
    document_id TEXT NOT NULL REFERENCES documents(id),
    code TEXT NOT NULL,
    original INTEGER NOT NULL DEFAULT 0,
    added_by TEXT REFERENCES users(id),
    added_at TEXT NOT NULL,
    PRIMARY KEY (document_id, code)
  );
  CREATE UNIQUE INDEX document_languages_one_original ON document_languages (document_id) WHERE original = 1;
  INSERT INTO document_languages (document_id, code, original, added_by, added_at)
    SELECT id, 'en', 1, NULL, ${now} FROM documents;
  CREATE TABLE clause_translations (
    document_id TEXT NOT NULL REFERENCES documents(id),
    clause_id TEXT NOT NULL,
    lang TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'current')),
    fingerprint TEXT,
    original_text TEXT,
    marked_by TEXT REFERENCES users(id),
    marked_at TEXT NOT NULL,
    PRIMARY KEY (document_id, clause_id, lang)
  );
  ALTER TABLE users ADD COLUMN translation_languages TEXT NOT NULL DEFAULT '';
`;

export const languages: Migration = {
  version: 160,
  name: 'languages',
  sqlite: tables(`strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`),
  postgres: tables(`to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`),
};
