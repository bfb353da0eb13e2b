import type { Sql } from '../sql.js';
import type { Stage } from '../../../shared/domain/stages.js';
import type { ClauseKind, ClauseStatus } from '../../../shared/domain/clauses.js';
import { now } from '../ids.js';

export interface DocumentRow {
  id: string;
  conference_id: string;
  title: string;
  symbol: string;
  stage: Stage;
  metadata: string;
  /** How many events have been announced to the document's room (`countEvent`). */
  events_seq: number;
  created_at: string;
  updated_at: string;
}

export interface ClauseRow {
  id: string;
  document_id: string;
  kind: ClauseKind;
  status: ClauseStatus;
  created_at: string;
  deleted_at: string | null;
}

/** Documents and their clauses' metadata (kind, status). Clause order and text live in the Y.Doc. */
export class Documents {
  constructor(private readonly sql: Sql) {}

  async insert(d: {
    id: string;
    conferenceId: string;
    title: string;
    symbol: string;
    stage: Stage;
    metadata: object;
  }): Promise<void> {
    await this.sql.run(
      `INSERT INTO documents (id, conference_id, title, symbol, stage, metadata, created_at, updated_at)
       VALUES (@id, @conferenceId, @title, @symbol, @stage, @metadata, @at, @at)`,
      { ...d, metadata: JSON.stringify(d.metadata), at: now() },
    );
  }

  get(id: string): Promise<DocumentRow | undefined> {
    return this.sql.get<DocumentRow>('SELECT * FROM documents WHERE id = ?', [id]);
  }

  /**
   * Counts one event announced to the document's room, in the transaction of the change it announces: the
   * sequence a screen compares between its reads and its join (docs/architecture.md, "Events and the first
   * join").
   */
  async countEvent(id: string): Promise<void> {
    await this.sql.run('UPDATE documents SET events_seq = events_seq + 1 WHERE id = ?', [id]);
  }

  /** The document's event sequence now, or undefined for an unknown document. */
  async eventsSeq(id: string): Promise<number | undefined> {
    const row = await this.sql.get<{ events_seq: number }>('SELECT events_seq FROM documents WHERE id = ?', [id]);
    return row === undefined ? undefined : Number(row.events_seq);
  }

  list(): Promise<DocumentRow[]> {
    return this.sql.all<DocumentRow>('SELECT * FROM documents ORDER BY created_at, id');
  }

  async setStage(id: string, stage: Stage): Promise<void> {
    await this.sql.run('UPDATE documents SET stage = ?, updated_at = ? WHERE id = ?', [stage, now(), id]);
  }

  async insertClause(c: { id: string; documentId: string; kind: ClauseKind; status?: ClauseStatus }): Promise<void> {
    await this.sql.run(
      'INSERT INTO clauses (id, document_id, kind, status, created_at) VALUES (@id, @documentId, @kind, @status, @at)',
      {
        status: 'open',
        ...c,
        at: now(),
      },
    );
  }

  /** Clause metadata by id (unordered: order comes from the Y.Doc). */
  async clauses(documentId: string): Promise<Map<string, ClauseRow>> {
    const rows = await this.sql.all<ClauseRow>('SELECT * FROM clauses WHERE document_id = ?', [documentId]);
    return new Map(rows.map((row) => [row.id, row]));
  }

  clause(documentId: string, clauseId: string): Promise<ClauseRow | undefined> {
    return this.sql.get<ClauseRow>('SELECT * FROM clauses WHERE document_id = ? AND id = ?', [documentId, clauseId]);
  }

  async setClauseStatus(documentId: string, clauseId: string, status: ClauseStatus): Promise<void> {
    await this.sql.run('UPDATE clauses SET status = ? WHERE document_id = ? AND id = ?', [
      status,
      documentId,
      clauseId,
    ]);
  }

  /** Marks a clause deleted: its row and text stay for history and comments; it leaves the order. */
  async markClauseDeleted(documentId: string, clauseId: string): Promise<void> {
    await this.sql.run('UPDATE clauses SET deleted_at = ? WHERE document_id = ? AND id = ? AND deleted_at IS NULL', [
      now(),
      documentId,
      clauseId,
    ]);
  }

  async setClauseKind(documentId: string, clauseId: string, kind: ClauseKind): Promise<void> {
    await this.sql.run('UPDATE clauses SET kind = ? WHERE document_id = ? AND id = ?', [kind, documentId, clauseId]);
  }

  /** Brings a deleted clause's row back (the undo of `markClauseDeleted`). */
  async restoreClause(documentId: string, clauseId: string): Promise<void> {
    await this.sql.run('UPDATE clauses SET deleted_at = NULL WHERE document_id = ? AND id = ?', [documentId, clauseId]);
  }
}
