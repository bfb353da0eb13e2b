import type { Sql } from '../sql.js';
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
  constructor(private readonly sql: Sql) {}

  async put(e: {
    voteId: string;
    delegation: string;
    timing: ExplanationTiming;
    text: string;
    authorId: string;
  }): Promise<ExplanationRow> {
    await this.sql.run(
      `INSERT INTO vote_explanations (vote_id, delegation, timing, text, author_id, created_at)
       VALUES (@voteId, @delegation, @timing, @text, @authorId, @at)
       ON CONFLICT (vote_id, delegation, timing) DO UPDATE SET
         text = excluded.text, author_id = excluded.author_id, created_at = excluded.created_at`,
      { ...e, at: now() },
    );
    return (await this.sql.get<ExplanationRow>(
      'SELECT * FROM vote_explanations WHERE vote_id = ? AND delegation = ? AND timing = ?',
      [e.voteId, e.delegation, e.timing],
    ))!;
  }

  /** Explanations before the vote first, then after it, each in the order given. */
  forVote(voteId: string): Promise<ExplanationRow[]> {
    return this.sql.all<ExplanationRow>(
      `SELECT * FROM vote_explanations WHERE vote_id = ? ORDER BY timing DESC, created_at, delegation`,
      [voteId],
    );
  }
}
