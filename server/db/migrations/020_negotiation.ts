import type { Migration } from '../migrate.js';

/**
 * Negotiation around the text: comment threads (with read markers for unread counts), amendments with their
 * co-sponsors, and frozen named revisions.
 */
export const negotiation: Migration = {
  version: 20,
  name: 'negotiation',
  up(db) {
    db.exec(`
      -- seq orders comments and backs the read markers: "unread" is everything after the marker's seq.
      CREATE TABLE comments (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        document_id TEXT NOT NULL REFERENCES documents(id),
        clause_id TEXT NOT NULL,
        parent_id TEXT REFERENCES comments(id),
        author_id TEXT NOT NULL REFERENCES users(id),
        author_delegation TEXT,
        body TEXT NOT NULL,
        mentions TEXT NOT NULL DEFAULT '[]',
        anchor TEXT,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','resolved')),
        resolved_by TEXT REFERENCES users(id),
        resolved_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        FOREIGN KEY (document_id, clause_id) REFERENCES clauses(document_id, id)
      );
      CREATE INDEX comments_document ON comments(document_id, clause_id, seq);
      CREATE INDEX comments_parent ON comments(parent_id);
      CREATE TABLE comment_reads (
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        document_id TEXT NOT NULL REFERENCES documents(id),
        clause_id TEXT NOT NULL,
        last_seq INTEGER NOT NULL,
        PRIMARY KEY (user_id, document_id, clause_id)
      );
      CREATE TABLE amendments (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        document_id TEXT NOT NULL REFERENCES documents(id),
        clause_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('replace','insert_after','delete')),
        text TEXT,
        rationale TEXT NOT NULL,
        delegation TEXT NOT NULL REFERENCES delegations(code),
        proposer_id TEXT NOT NULL REFERENCES users(id),
        base_text TEXT NOT NULL,
        base_markup TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'submitted'
          CHECK (status IN ('submitted','withdrawn','accepted','rejected','put_to_vote','adopted','not_adopted')),
        decision_note TEXT,
        decided_by TEXT REFERENCES users(id),
        decided_at TEXT,
        applied INTEGER NOT NULL DEFAULT 0,
        new_clause_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        FOREIGN KEY (document_id, clause_id) REFERENCES clauses(document_id, id)
      );
      CREATE INDEX amendments_document ON amendments(document_id, clause_id, seq);
      CREATE TABLE amendment_sponsors (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        amendment_id TEXT NOT NULL REFERENCES amendments(id),
        delegation TEXT NOT NULL REFERENCES delegations(code),
        user_id TEXT NOT NULL REFERENCES users(id),
        joined_at TEXT NOT NULL,
        UNIQUE (amendment_id, delegation)
      );
      -- A revision is frozen: its Yjs state and clause metadata are written once and never updated.
      CREATE TABLE revisions (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        document_id TEXT NOT NULL REFERENCES documents(id),
        name TEXT NOT NULL COLLATE NOCASE,
        state BLOB NOT NULL,
        clauses TEXT NOT NULL,
        stage TEXT NOT NULL,
        through_seq INTEGER NOT NULL,
        created_by TEXT REFERENCES users(id),
        created_at TEXT NOT NULL,
        UNIQUE (document_id, name)
      );
      CREATE TRIGGER revisions_frozen BEFORE UPDATE ON revisions
        BEGIN SELECT RAISE(ABORT, 'revisions are frozen'); END;
      CREATE TRIGGER revisions_kept BEFORE DELETE ON revisions
        BEGIN SELECT RAISE(ABORT, 'revisions are frozen'); END;
    `);
  },
};
