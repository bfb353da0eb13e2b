import type { Migration } from '../migrate.js';

/** Conference, delegations, accounts, sessions, documents and their Yjs history, and the audit chain. */
export const foundation: Migration = {
  version: 1,
  name: 'foundation',
  sqlite: `
      CREATE TABLE conferences (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        place TEXT NOT NULL DEFAULT '',
        starts_on TEXT,
        ends_on TEXT,
        created_at TEXT NOT NULL
      );
      CREATE TABLE delegations (
        code TEXT PRIMARY KEY CHECK (code GLOB '[A-Z][A-Z][A-Z]'),
        conference_id TEXT NOT NULL REFERENCES conferences(id),
        created_at TEXT NOT NULL
      );
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin','chair','secretariat','head','delegate','observer')),
        delegation TEXT REFERENCES delegations(code),
        password_hash TEXT,
        created_at TEXT NOT NULL,
        CHECK ((role IN ('head','delegate')) = (delegation IS NOT NULL))
      );
      CREATE INDEX users_delegation ON users(delegation);
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE INDEX sessions_user ON sessions(user_id);
      CREATE TABLE login_links (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_by TEXT REFERENCES users(id),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT
      );
      CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        conference_id TEXT NOT NULL REFERENCES conferences(id),
        title TEXT NOT NULL,
        symbol TEXT NOT NULL,
        stage TEXT NOT NULL CHECK (stage IN ('drafting','negotiation','adoption','adopted')),
        metadata TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE clauses (
        id TEXT NOT NULL,
        document_id TEXT NOT NULL REFERENCES documents(id),
        kind TEXT NOT NULL CHECK (kind IN ('title','preamble','operative','heading','annex')),
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','under_discussion','agreed_ad_ref','bracketed')),
        created_at TEXT NOT NULL,
        PRIMARY KEY (document_id, id)
      );
      -- Every accepted Yjs update, in order, with its author: the durable log replayed on load.
      CREATE TABLE doc_updates (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        document_id TEXT NOT NULL REFERENCES documents(id),
        data BLOB NOT NULL,
        user_id TEXT REFERENCES users(id),
        delegation TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX doc_updates_document ON doc_updates(document_id, seq);
      -- Compacted state: the merge of every update up to and including through_seq.
      CREATE TABLE doc_snapshots (
        document_id TEXT PRIMARY KEY REFERENCES documents(id),
        data BLOB NOT NULL,
        through_seq INTEGER NOT NULL,
        created_at TEXT NOT NULL
      );
      -- Append-only, hash-chained log of every governance action (and the vote ledger).
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        actor_id TEXT,
        actor TEXT,
        document_id TEXT,
        subject TEXT,
        payload TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE
      );
      CREATE INDEX audit_document ON audit_log(document_id, seq);
    `,
  postgres: `
      CREATE TABLE conferences (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        place TEXT NOT NULL DEFAULT '',
        starts_on TEXT,
        ends_on TEXT,
        created_at TEXT NOT NULL
      );
      CREATE TABLE delegations (
        code TEXT PRIMARY KEY CHECK (code ~ '^[A-Z]{3}$'),
        conference_id TEXT NOT NULL REFERENCES conferences(id),
        created_at TEXT NOT NULL
      );
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin','chair','secretariat','head','delegate','observer')),
        delegation TEXT REFERENCES delegations(code),
        password_hash TEXT,
        created_at TEXT NOT NULL,
        CHECK ((role IN ('head','delegate')) = (delegation IS NOT NULL))
      );
      CREATE INDEX users_delegation ON users(delegation);
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE INDEX sessions_user ON sessions(user_id);
      CREATE TABLE login_links (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_by TEXT REFERENCES users(id),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT
      );
      CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        conference_id TEXT NOT NULL REFERENCES conferences(id),
        title TEXT NOT NULL,
        symbol TEXT NOT NULL,
        stage TEXT NOT NULL CHECK (stage IN ('drafting','negotiation','adoption','adopted')),
        metadata TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE clauses (
        id TEXT NOT NULL,
        document_id TEXT NOT NULL REFERENCES documents(id),
        kind TEXT NOT NULL CHECK (kind IN ('title','preamble','operative','heading','annex')),
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','under_discussion','agreed_ad_ref','bracketed')),
        created_at TEXT NOT NULL,
        PRIMARY KEY (document_id, id)
      );
      -- Every accepted Yjs update, in order, with its author: the durable log replayed on load.
      CREATE TABLE doc_updates (
        seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id),
        data BYTEA NOT NULL,
        user_id TEXT REFERENCES users(id),
        delegation TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX doc_updates_document ON doc_updates(document_id, seq);
      -- Compacted state: the merge of every update up to and including through_seq.
      CREATE TABLE doc_snapshots (
        document_id TEXT PRIMARY KEY REFERENCES documents(id),
        data BYTEA NOT NULL,
        through_seq BIGINT NOT NULL,
        created_at TEXT NOT NULL
      );
      -- Append-only, hash-chained log of every governance action (and the vote ledger). The writer gives seq
      -- (the previous entry's plus one, under the writer lock); the identity only mirrors SQLite's rowid alias.
      CREATE TABLE audit_log (
        seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        actor_id TEXT,
        actor TEXT,
        document_id TEXT,
        subject TEXT,
        payload TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE
      );
      CREATE INDEX audit_document ON audit_log(document_id, seq);
    `,
};
