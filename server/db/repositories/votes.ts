import type { Sql } from '../sql.js';
import type { VoteSubjectType, VoteStatus } from '../../../shared/api/votes.js';
import type { VoteResult, VoteRule } from '../../../shared/domain/tally.js';
import { canonicalJson } from '../../../shared/domain/canonicalJson.js';
import { now } from '../ids.js';

export interface VoteRow {
  seq: number;
  id: string;
  document_id: string;
  subject_type: VoteSubjectType;
  subject_id: string;
  rule: VoteRule;
  quorum: number | null;
  status: VoteStatus;
  opened_by: string;
  opened_at: string;
  closed_by: string | null;
  closed_at: string | null;
  /** Canonical JSON of the frozen `VoteResult`; null while open, and for a lapsed vote. */
  result: string | null;
  /** Delegations registered when the vote opened; null for votes opened before it was kept. */
  registered: number | null;
  /** A roll-call vote's calling order (JSON array of codes, the State drawn first); null otherwise. */
  roll_call: string | null;
}

export interface NewVote {
  id: string;
  documentId: string;
  subjectType: VoteSubjectType;
  subjectId: string;
  rule: VoteRule;
  quorum: number | null;
  /**
   * Delegations registered now: the quorum's base, kept with the vote (`openVote` always gives it). Without
   * it the close counts those registered then, as for votes opened before it was kept.
   */
  registered?: number | null;
  /** A roll-call vote's calling order, the State drawn by lot first. Default: none. */
  rollCall?: readonly string[] | null;
  openedBy: string;
}

/** Votes. At most one open vote per subject (a partial unique index); a closed or lapsed vote is frozen by a trigger. */
export class Votes {
  constructor(private readonly sql: Sql) {}

  async insert(vote: NewVote): Promise<VoteRow> {
    await this.sql.run(
      `INSERT INTO votes (id, document_id, subject_type, subject_id, rule, quorum, registered, roll_call, status, opened_by, opened_at)
       VALUES (@id, @documentId, @subjectType, @subjectId, @rule, @quorum, @registered, @rollCall, 'open', @openedBy, @at)`,
      { registered: null, ...vote, rollCall: vote.rollCall ? JSON.stringify(vote.rollCall) : null, at: now() },
    );
    return (await this.get(vote.id))!;
  }

  get(id: string): Promise<VoteRow | undefined> {
    return this.sql.get<VoteRow>('SELECT * FROM votes WHERE id = ?', [id]);
  }

  /** The open vote on a subject, if any. */
  openFor(documentId: string, subjectType: VoteSubjectType, subjectId: string): Promise<VoteRow | undefined> {
    return this.sql.get<VoteRow>(
      `SELECT * FROM votes WHERE document_id = ? AND subject_type = ? AND subject_id = ? AND status = 'open'`,
      [documentId, subjectType, subjectId],
    );
  }

  /** The document's open votes, in the order they were opened. */
  openForDocument(documentId: string): Promise<VoteRow[]> {
    return this.sql.all<VoteRow>(`SELECT * FROM votes WHERE document_id = ? AND status = 'open' ORDER BY seq`, [
      documentId,
    ]);
  }

  /** Every vote on a document, in the order they were opened. */
  forDocument(documentId: string): Promise<VoteRow[]> {
    return this.sql.all<VoteRow>('SELECT * FROM votes WHERE document_id = ? ORDER BY seq', [documentId]);
  }

  /** Every vote of every document, in the order they were opened (what `verify-ledger` holds against the ledger). */
  all(): Promise<VoteRow[]> {
    return this.sql.all<VoteRow>('SELECT * FROM votes ORDER BY seq');
  }

  /** Freezes the result of an open vote; false when it was no longer open. */
  async close(id: string, closedBy: string, result: VoteResult): Promise<boolean> {
    const { changes } = await this.sql.run(
      `UPDATE votes SET status = 'closed', closed_by = @closedBy, closed_at = @at, result = @result WHERE id = @id AND status = 'open'`,
      { id, closedBy, at: now(), result: canonicalJson(result) },
    );
    return changes === 1;
  }

  /**
   * Ends an open vote without a result: it was still open when the text was adopted, so it decided nothing.
   * Frozen from then on, like a closed vote. False when it was no longer open.
   */
  async lapse(id: string, closedBy: string): Promise<boolean> {
    const { changes } = await this.sql.run(
      `UPDATE votes SET status = 'lapsed', closed_by = @closedBy, closed_at = @at WHERE id = @id AND status = 'open'`,
      { id, closedBy, at: now() },
    );
    return changes === 1;
  }

  /** Accounts that follow every vote's running tally: the chair's. */
  async chairIds(): Promise<string[]> {
    return (await this.sql.all<{ id: string }>(`SELECT id FROM users WHERE role = 'chair' ORDER BY id`)).map(
      (r) => r.id,
    );
  }
}

/** The frozen result of a closed vote. */
export function resultOf(row: VoteRow): VoteResult | undefined {
  return row.result ? (JSON.parse(row.result) as VoteResult) : undefined;
}
