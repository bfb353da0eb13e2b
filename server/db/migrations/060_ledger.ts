import type { Migration } from '../migrate.js';

/**
 * The ledger made harder to bend from inside the database: the audit log is append-only, the ballots of a
 * vote that is no longer open are frozen (as the vote's own row already is), and each ballot points at the
 * ledger entry that recorded it, which is what a ballot receipt proves. Triggers stop mistakes and careless
 * scripts; someone who can drop them is caught by the checkpoints and `verify-ledger` instead. Indexes let a
 * command find the last checkpoint, and a receipt its vote's entries, without reading the whole chain.
 */
export const ledger: Migration = {
  version: 60,
  name: 'ledger',
  sqlite: `
    ALTER TABLE ballots ADD COLUMN ledger_seq INTEGER;
    CREATE INDEX audit_action ON audit_log(action, seq);
    CREATE INDEX audit_subject ON audit_log(subject, seq);
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
    CREATE TRIGGER audit_log_kept BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
    CREATE TRIGGER ballots_frozen_insert BEFORE INSERT ON ballots
      WHEN EXISTS (SELECT 1 FROM votes WHERE id = NEW.vote_id AND status <> 'open')
      BEGIN SELECT RAISE(ABORT, 'the ballots of a closed vote are frozen'); END;
    CREATE TRIGGER ballots_frozen_update BEFORE UPDATE ON ballots
      WHEN EXISTS (SELECT 1 FROM votes WHERE id = OLD.vote_id AND status <> 'open')
      BEGIN SELECT RAISE(ABORT, 'the ballots of a closed vote are frozen'); END;
    CREATE TRIGGER ballots_frozen_delete BEFORE DELETE ON ballots
      WHEN EXISTS (SELECT 1 FROM votes WHERE id = OLD.vote_id AND status <> 'open')
      BEGIN SELECT RAISE(ABORT, 'the ballots of a closed vote are frozen'); END;
  `,
  postgres: `
    ALTER TABLE ballots ADD COLUMN ledger_seq BIGINT;
    CREATE INDEX audit_action ON audit_log(action, seq);
    CREATE INDEX audit_subject ON audit_log(subject, seq);
    -- Class 23 (integrity constraint violation), as SQLite reports RAISE(ABORT) in a trigger.
    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the ledger is append-only' USING ERRCODE = 'integrity_constraint_violation'; END;
    $$;
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
    CREATE TRIGGER audit_log_kept BEFORE DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
    CREATE FUNCTION ballots_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        vote TEXT := CASE WHEN TG_OP = 'INSERT' THEN NEW.vote_id ELSE OLD.vote_id END;
      BEGIN
        IF EXISTS (SELECT 1 FROM votes WHERE id = vote AND status <> 'open') THEN
          RAISE EXCEPTION 'the ballots of a closed vote are frozen' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END;
    $$;
    CREATE TRIGGER ballots_frozen_insert BEFORE INSERT ON ballots
      FOR EACH ROW EXECUTE FUNCTION ballots_frozen();
    CREATE TRIGGER ballots_frozen_update BEFORE UPDATE ON ballots
      FOR EACH ROW EXECUTE FUNCTION ballots_frozen();
    CREATE TRIGGER ballots_frozen_delete BEFORE DELETE ON ballots
      FOR EACH ROW EXECUTE FUNCTION ballots_frozen();
  `,
};
