import type { DB } from '../connection.js';
import type { ExplanationTiming } from '../../../shared/api/votes.js';
import { now } from '../ids.js';

export interface ExplanationRow {
  vote_id: string;
  delegation: string;
  timing: ExplanationTiming;
  text: string;
  author_id: string;
  created_at: string;
}

/** Explanations of vote: at most one before and one after per delegation and vote; a new one replaces it. */
export class Explanations {
  private readonly upsertStmt;
  private readonly getStmt;
  private readonly forVoteStmt;

  constructor(db: DB) {
    this.upsertStmt = db.prepare(
      `INSERT INTO vote_explanations (vote_id, delegation, timing, text, author_id, created_at)
       VALUES (@voteId, @delegation, @timing, @text, @authorId, @at)
       ON CONFLICT (vote_id, delegation, timing) DO UPDATE SET
         text = excluded.text, author_id = excluded.author_id, created_at = excluded.created_at`,
    );
    this.getStmt = db.prepare<[string, string, string], ExplanationRow>(
      'SELECT * FROM vote_explanations WHERE vote_id = ? AND delegation = ? AND timing = ?',
    );
    this.forVoteStmt = db.prepare<[string], ExplanationRow>(
      `SELECT * FROM vote_explanations WHERE vote_id = ? ORDER BY timing DESC, created_at, delegation`,
    );
  }

  put(e: { voteId: string; delegation: string; timing: ExplanationTiming; text: string; authorId: string }): ExplanationRow {
    this.upsertStmt.run({ ...e, at: now() });
    return this.getStmt.get(e.voteId, e.delegation, e.timing)!;
  }

  /** Explanations before the vote first, then after it, each in the order given. */
  forVote(voteId: string): ExplanationRow[] {
    return this.forVoteStmt.all(voteId);
  }
}
