import type { DB } from '../connection.js';
import type { BallotChoice } from '../../../shared/domain/tally.js';
import { now } from '../ids.js';

export interface BallotRow {
  vote_id: string;
  delegation: string;
  choice: BallotChoice;
  cast_by: string;
  first_cast_at: string;
  cast_at: string;
  changes: number;
}

/** Ballots: one row per (vote, delegation), the latest choice wins until the vote closes. */
export class Ballots {
  private readonly getStmt;
  private readonly upsertStmt;
  private readonly forVoteStmt;

  constructor(db: DB) {
    this.getStmt = db.prepare<[string, string], BallotRow>('SELECT * FROM ballots WHERE vote_id = ? AND delegation = ?');
    // One statement, so two ballots of a delegation can never both insert: the second updates the first.
    this.upsertStmt = db.prepare(
      `INSERT INTO ballots (vote_id, delegation, choice, cast_by, first_cast_at, cast_at, changes)
       VALUES (@voteId, @delegation, @choice, @castBy, @at, @at, 0)
       ON CONFLICT (vote_id, delegation) DO UPDATE SET
         choice = excluded.choice,
         cast_by = excluded.cast_by,
         cast_at = excluded.cast_at,
         changes = ballots.changes + (ballots.choice <> excluded.choice)`,
    );
    this.forVoteStmt = db.prepare<[string], BallotRow>('SELECT * FROM ballots WHERE vote_id = ? ORDER BY delegation');
  }

  get(voteId: string, delegation: string): BallotRow | undefined {
    return this.getStmt.get(voteId, delegation);
  }

  /** Casts or replaces the delegation's ballot; returns the stored row. Call inside the command's transaction. */
  cast(voteId: string, delegation: string, choice: BallotChoice, castBy: string): BallotRow {
    this.upsertStmt.run({ voteId, delegation, choice, castBy, at: now() });
    return this.get(voteId, delegation)!;
  }

  /** Every ballot of a vote, by delegation code. */
  forVote(voteId: string): BallotRow[] {
    return this.forVoteStmt.all(voteId);
  }
}
