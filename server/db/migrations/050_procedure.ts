import type { Migration } from '../migrate.js';

/**
 * The procedure's safeguards: a vote may also end `lapsed` (still open when the text was adopted: no result,
 * frozen like a closed one), so may an amendment still undecided at adoption; and a vote keeps the number of
 * delegations registered when it opened, which its quorum is counted against at close (a delegation
 * registered meanwhile no longer moves the outcome). Votes opened before this step have none (NULL) and are
 * counted as before, against the delegations registered at close.
 *
 * SQLite cannot change a CHECK constraint in place, so `votes` and `amendments` are rebuilt with the same
 * columns, rows, indexes and trigger. Ballots, explanations and co-sponsorships point at them: the foreign
 * keys are deferred to the end of the step, and re-inserting the rows satisfies them again (a row that went
 * missing would fail the commit). PostgreSQL swaps the constraints by name.
 */
export const procedure: Migration = {
  version: 50,
  name: 'procedure',
  sqlite: `
      PRAGMA defer_foreign_keys = ON;

      CREATE TEMP TABLE votes_before_050 AS SELECT * FROM votes;
      DROP TABLE votes;
      CREATE TABLE votes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        document_id TEXT NOT NULL REFERENCES documents(id),
        subject_type TEXT NOT NULL CHECK (subject_type IN ('amendment','clause','document')),
        -- The amendment's or clause's id; the document's own id for a vote on the whole text.
        subject_id TEXT NOT NULL,
        rule TEXT NOT NULL CHECK (rule IN ('consensus','simple_majority','two_thirds')),
        quorum REAL CHECK (quorum IS NULL OR quorum > 0),
        -- lapsed: still open when the text was adopted; it decided nothing and has no result.
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed','lapsed')),
        opened_by TEXT NOT NULL REFERENCES users(id),
        opened_at TEXT NOT NULL,
        closed_by TEXT REFERENCES users(id),
        closed_at TEXT,
        -- The frozen result (canonical JSON), written once at close and never recomputed.
        result TEXT,
        -- Delegations registered when the vote opened: the base of its quorum (NULL before this step).
        registered INTEGER CHECK (registered IS NULL OR registered >= 0),
        CHECK ((status = 'closed') = (result IS NOT NULL))
      );
      INSERT INTO votes (seq, id, document_id, subject_type, subject_id, rule, quorum, status, opened_by, opened_at, closed_by, closed_at, result)
        SELECT seq, id, document_id, subject_type, subject_id, rule, quorum, status, opened_by, opened_at, closed_by, closed_at, result
        FROM votes_before_050;
      DROP TABLE votes_before_050;
      CREATE INDEX votes_document ON votes(document_id, seq);
      -- At most one open vote per subject: a second one is a conflict, enforced by the database itself.
      CREATE UNIQUE INDEX votes_one_open ON votes(document_id, subject_type, subject_id) WHERE status = 'open';
      CREATE TRIGGER votes_result_frozen BEFORE UPDATE ON votes WHEN OLD.status <> 'open'
        BEGIN SELECT RAISE(ABORT, 'a closed vote is frozen'); END;

      CREATE TEMP TABLE amendments_before_050 AS SELECT * FROM amendments;
      DROP TABLE amendments;
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
        -- lapsed: still submitted or before a vote when the text was adopted.
        status TEXT NOT NULL DEFAULT 'submitted'
          CHECK (status IN ('submitted','withdrawn','accepted','rejected','put_to_vote','adopted','not_adopted','lapsed')),
        decision_note TEXT,
        decided_by TEXT REFERENCES users(id),
        decided_at TEXT,
        applied INTEGER NOT NULL DEFAULT 0,
        new_clause_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        FOREIGN KEY (document_id, clause_id) REFERENCES clauses(document_id, id)
      );
      INSERT INTO amendments (seq, id, document_id, clause_id, kind, text, rationale, delegation, proposer_id, base_text, base_markup, status,
          decision_note, decided_by, decided_at, applied, new_clause_id, created_at, updated_at)
        SELECT seq, id, document_id, clause_id, kind, text, rationale, delegation, proposer_id, base_text, base_markup, status,
          decision_note, decided_by, decided_at, applied, new_clause_id, created_at, updated_at
        FROM amendments_before_050;
      DROP TABLE amendments_before_050;
      CREATE INDEX amendments_document ON amendments(document_id, clause_id, seq);
    `,
  postgres: `
      ALTER TABLE votes DROP CONSTRAINT votes_status_check;
      -- lapsed: still open when the text was adopted; it decided nothing and has no result.
      ALTER TABLE votes ADD CONSTRAINT votes_status_check CHECK (status IN ('open','closed','lapsed'));
      -- Delegations registered when the vote opened: the base of its quorum (NULL before this step).
      ALTER TABLE votes ADD COLUMN registered INTEGER CHECK (registered IS NULL OR registered >= 0);
      DROP TRIGGER votes_result_frozen ON votes;
      CREATE TRIGGER votes_result_frozen BEFORE UPDATE ON votes
        FOR EACH ROW WHEN (OLD.status <> 'open') EXECUTE FUNCTION votes_result_frozen();

      ALTER TABLE amendments DROP CONSTRAINT amendments_status_check;
      -- lapsed: still submitted or before a vote when the text was adopted.
      ALTER TABLE amendments ADD CONSTRAINT amendments_status_check
        CHECK (status IN ('submitted','withdrawn','accepted','rejected','put_to_vote','adopted','not_adopted','lapsed'));
    `,
};
