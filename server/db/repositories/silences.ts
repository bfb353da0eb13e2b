import type { Sql } from '../sql.js';
import { now } from '../ids.js';

export interface SilenceRow {
  id: string;
  document_id: string;
  subject: 'adoption';
  status: 'running' | 'broken' | 'passed' | 'withdrawn';
  deadline: string;
  /** 1 when the chair acknowledged, at the start, what is unfinished in the text. */
  acknowledge: number;
  started_by: string;
  started_by_username: string;
  started_at: string;
  ended_at: string | null;
  /** Why a procedure ended otherwise than as asked (`stage_not_allowed`, `vote_open`), or null. */
  ended_reason: string | null;
}

export interface SilenceBreakRow {
  delegation: string;
  statement: string;
  broken_by_username: string;
  broken_at: string;
}

const SELECT = `SELECT s.*, u.username AS started_by_username FROM silences s JOIN users u ON u.id = s.started_by`;

/** Silence procedures and the statements that broke them. */
export class Silences {
  constructor(private readonly sql: Sql) {}

  /** The document's latest procedure (running or ended). */
  latest(documentId: string): Promise<SilenceRow | undefined> {
    return this.sql.get<SilenceRow>(`${SELECT} WHERE s.document_id = ? ORDER BY s.seq DESC LIMIT 1`, [documentId]);
  }

  get(id: string): Promise<SilenceRow | undefined> {
    return this.sql.get<SilenceRow>(`${SELECT} WHERE s.id = ?`, [id]);
  }

  /** The earliest deadline of any running procedure, across documents: the next one a node must arm for. */
  async nextDeadline(): Promise<string | undefined> {
    const row = await this.sql.get<{ deadline: string }>(
      `SELECT deadline FROM silences WHERE status = 'running' ORDER BY deadline LIMIT 1`,
    );
    return row?.deadline;
  }

  /** Running procedures whose deadline is at or before `at`. */
  due(at: string): Promise<{ id: string }[]> {
    return this.sql.all<{ id: string }>(
      `SELECT id FROM silences WHERE status = 'running' AND deadline <= ? ORDER BY deadline`,
      [at],
    );
  }

  /** Starts a procedure; false when one is running for the document already (a partial unique index decides). */
  async start(s: {
    id: string;
    documentId: string;
    subject: SilenceRow['subject'];
    deadline: string;
    acknowledge: boolean;
    by: string;
  }): Promise<boolean> {
    const result = await this.sql.run(
      `INSERT INTO silences (id, document_id, subject, deadline, acknowledge, started_by, started_at)
       VALUES (@id, @documentId, @subject, @deadline, @acknowledge, @by, @at) ON CONFLICT DO NOTHING`,
      { ...s, acknowledge: s.acknowledge ? 1 : 0, at: now() },
    );
    return result.changes === 1;
  }

  /**
   * Ends a running procedure: true only for the one caller whose update found it running (another node, or a
   * head breaking it at the same moment, finds it ended and gets false).
   */
  async end(
    id: string,
    status: Exclude<SilenceRow['status'], 'running'>,
    reason: string | null = null,
  ): Promise<boolean> {
    const result = await this.sql.run(
      `UPDATE silences SET status = ?, ended_at = ?, ended_reason = ? WHERE id = ? AND status = 'running'`,
      [status, now(), reason, id],
    );
    return result.changes === 1;
  }

  breaks(silenceId: string): Promise<SilenceBreakRow[]> {
    return this.sql.all<SilenceBreakRow>(
      `SELECT b.delegation, b.statement, b.broken_at, u.username AS broken_by_username
       FROM silence_breaks b JOIN users u ON u.id = b.broken_by WHERE b.silence_id = ? ORDER BY b.broken_at, b.delegation`,
      [silenceId],
    );
  }

  /** Records a delegation's statement; false when the delegation has already made one. */
  async addBreak(silenceId: string, delegation: string, statement: string, by: string): Promise<boolean> {
    const result = await this.sql.run(
      `INSERT INTO silence_breaks (silence_id, delegation, statement, broken_by, broken_at)
       VALUES (@silenceId, @delegation, @statement, @by, @at) ON CONFLICT (silence_id, delegation) DO NOTHING`,
      { silenceId, delegation, statement, by, at: now() },
    );
    return result.changes === 1;
  }
}
