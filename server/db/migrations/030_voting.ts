import type { Migration } from '../migrate.js';

/**
 * The decision side: recorded votes with one ballot per delegation, explanations of vote, endorsements of
 * the adopted text, each delegation's designated alternate, and what the chair has put under discussion.
 * Every write here also appends a row to the audit chain (the ledger); these tables are its readable state.
 */
export const voting: Migration = {
  version: 30,
  name: 'voting',
  up(db) {
    db.exec(`
      CREATE TABLE votes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        document_id TEXT NOT NULL REFERENCES documents(id),
        subject_type TEXT NOT NULL CHECK (subject_type IN ('amendment','clause','document')),
        -- The amendment's or clause's id; the document's own id for a vote on the whole text.
        subject_id TEXT NOT NULL,
        rule TEXT NOT NULL CHECK (rule IN ('consensus','simple_majority','two_thirds')),
        quorum REAL CHECK (quorum IS NULL OR quorum > 0),
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),
        opened_by TEXT NOT NULL REFERENCES users(id),
        opened_at TEXT NOT NULL,
        closed_by TEXT REFERENCES users(id),
        closed_at TEXT,
        -- The frozen result (canonical JSON), written once at close and never recomputed.
        result TEXT,
        CHECK ((status = 'closed') = (result IS NOT NULL))
      );
      CREATE INDEX votes_document ON votes(document_id, seq);
      -- At most one open vote per subject: a second one is a conflict, enforced by the database itself.
      CREATE UNIQUE INDEX votes_one_open ON votes(document_id, subject_type, subject_id) WHERE status = 'open';
      CREATE TRIGGER votes_result_frozen BEFORE UPDATE ON votes WHEN OLD.status = 'closed'
        BEGIN SELECT RAISE(ABORT, 'a closed vote is frozen'); END;

      -- One ballot per (vote, delegation): a change replaces the choice, so racing ballots leave one row.
      CREATE TABLE ballots (
        vote_id TEXT NOT NULL REFERENCES votes(id),
        delegation TEXT NOT NULL REFERENCES delegations(code),
        choice TEXT NOT NULL CHECK (choice IN ('yes','no','abstain')),
        cast_by TEXT NOT NULL REFERENCES users(id),
        first_cast_at TEXT NOT NULL,
        cast_at TEXT NOT NULL,
        changes INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (vote_id, delegation)
      );

      CREATE TABLE vote_explanations (
        vote_id TEXT NOT NULL REFERENCES votes(id),
        delegation TEXT NOT NULL REFERENCES delegations(code),
        timing TEXT NOT NULL CHECK (timing IN ('before','after')),
        text TEXT NOT NULL,
        author_id TEXT NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        PRIMARY KEY (vote_id, delegation, timing)
      );

      CREATE TABLE endorsements (
        document_id TEXT NOT NULL REFERENCES documents(id),
        delegation TEXT NOT NULL REFERENCES delegations(code),
        kind TEXT NOT NULL CHECK (kind IN ('endorse','endorse_with_reservation','not_endorse')),
        statement TEXT,
        recorded_by TEXT NOT NULL REFERENCES users(id),
        recorded_at TEXT NOT NULL,
        PRIMARY KEY (document_id, delegation),
        CHECK (kind <> 'endorse_with_reservation' OR statement IS NOT NULL)
      );

      CREATE TABLE delegation_alternates (
        delegation TEXT PRIMARY KEY REFERENCES delegations(code),
        user_id TEXT NOT NULL REFERENCES users(id),
        designated_by TEXT NOT NULL REFERENCES users(id),
        designated_at TEXT NOT NULL
      );

      CREATE TABLE now_discussing (
        document_id TEXT PRIMARY KEY REFERENCES documents(id),
        clause_id TEXT,
        set_by TEXT NOT NULL REFERENCES users(id),
        set_at TEXT NOT NULL
      );
    `);
  },
};
