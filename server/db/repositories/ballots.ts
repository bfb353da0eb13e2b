import type { Sql } from '../sql.js';
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
  /** Seq of the ledger entry that recorded the current choice (null for ballots cast before it was kept). */
  ledger_seq: number | null;
}

/** Ballots: one row per (vote, delegation), the latest choice wins until the vote closes. */
export class Ballots {
  constructor(private readonly sql: Sql) {}

  get(voteId: string, delegation: string): Promise<BallotRow | undefined> {
    return this.sql.get<BallotRow>('SELECT * FROM ballots WHERE vote_id = ? AND delegation = ?', [voteId, delegation]);
  }

  /** Casts or replaces the delegation's ballot; returns the stored row. Call inside the command's transaction. */
  async cast(voteId: string, delegation: string, choice: BallotChoice, castBy: string): Promise<BallotRow> {
    // One statement, so two ballots of a delegation can never both insert: the second updates the first.
    await this.sql.run(
      `INSERT INTO ballots (vote_id, delegation, choice, cast_by, first_cast_at, cast_at, changes)
       VALUES (@voteId, @delegation, @choice, @castBy, @at, @at, 0)
       ON CONFLICT (vote_id, delegation) DO UPDATE SET
         choice = excluded.choice,
         cast_by = excluded.cast_by,
         cast_at = excluded.cast_at,
         changes = ballots.changes + CASE WHEN ballots.choice <> excluded.choice THEN 1 ELSE 0 END`,
      { voteId, delegation, choice, castBy, at: now() },
    );
    return (await this.get(voteId, delegation))!;
  }

  /** Points the ballot at the ledger entry that recorded its current choice. Call in the same transaction. */
  async linkEntry(voteId: string, delegation: string, seq: number): Promise<void> {
    await this.sql.run('UPDATE ballots SET ledger_seq = ? WHERE vote_id = ? AND delegation = ?', [
      seq,
      voteId,
      delegation,
    ]);
  }

  /** Every ballot of a vote, by delegation code. */
  forVote(voteId: string): Promise<BallotRow[]> {
    return this.sql.all<BallotRow>('SELECT * FROM ballots WHERE vote_id = ? ORDER BY delegation', [voteId]);
  }
}
