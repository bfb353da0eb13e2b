import type { Sql } from '../sql.js';
import type { ClauseKind, ClauseStatus } from '../../../shared/domain/clauses.js';
import type { Stage } from '../../../shared/domain/stages.js';
import { now } from '../ids.js';

/** Clause metadata frozen with a revision, in document order. */
export interface FrozenClause {
  id: string;
  kind: ClauseKind;
  status: ClauseStatus;
}

export interface RevisionRow {
  seq: number;
  id: string;
  document_id: string;
  name: string;
  clauses: string;
  stage: Stage;
  through_seq: number;
  created_by: string | null;
  created_at: string;
}

export interface RevisionWithState extends RevisionRow {
  state: Buffer;
}

export interface NewRevision {
  id: string;
  documentId: string;
  name: string;
  state: Uint8Array;
  clauses: FrozenClause[];
  stage: Stage;
  throughSeq: number;
  createdBy: string | null;
}

const COLUMNS = 'seq, id, document_id, name, clauses, stage, through_seq, created_by, created_at';

/** One stored update, as history replays it. */
export interface HistoryRow {
  seq: number;
  data: Buffer;
  user_id: string | null;
  delegation: string | null;
}

/** Named, frozen revisions of a document (rows are never updated; a trigger refuses it). */
export class Revisions {
  constructor(private readonly sql: Sql) {}

  async insert(r: NewRevision): Promise<void> {
    await this.sql.run(
      `INSERT INTO revisions (id, document_id, name, state, clauses, stage, through_seq, created_by, created_at)
       VALUES (@id, @documentId, @name, @state, @clauses, @stage, @throughSeq, @createdBy, @at)`,
      { ...r, clauses: JSON.stringify(r.clauses), at: now() },
    );
  }

  /** A document's revisions without their state, oldest first. */
  list(documentId: string): Promise<RevisionRow[]> {
    return this.sql.all<RevisionRow>(`SELECT ${COLUMNS} FROM revisions WHERE document_id = ? ORDER BY seq`, [
      documentId,
    ]);
  }

  /** One revision with its frozen Yjs state. */
  get(documentId: string, id: string): Promise<RevisionWithState | undefined> {
    return this.sql.get<RevisionWithState>('SELECT * FROM revisions WHERE document_id = ? AND id = ?', [
      documentId,
      id,
    ]);
  }

  /** True when the document has a revision `id`: asked without reading its frozen state, which can be megabytes. */
  async exists(documentId: string, id: string): Promise<boolean> {
    return (
      (await this.sql.get('SELECT 1 AS one FROM revisions WHERE document_id = ? AND id = ?', [documentId, id])) !==
      undefined
    );
  }

  /** True when the document already has a revision of that name (names compare without case). */
  async nameTaken(documentId: string, name: string): Promise<boolean> {
    return (
      (await this.sql.get('SELECT id FROM revisions WHERE document_id = ? AND lower(name) = lower(?)', [
        documentId,
        name,
      ])) !== undefined
    );
  }

  /**
   * A page of the attributed update log after `afterSeq`, oldest first: history is read in pages so that
   * replaying a long negotiation never holds the event loop for long.
   */
  updatesPage(documentId: string, afterSeq: number, limit: number): Promise<HistoryRow[]> {
    return this.sql.all<HistoryRow>(
      'SELECT seq, data, user_id, delegation FROM doc_updates WHERE document_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      [documentId, afterSeq, limit],
    );
  }

  /** Sequence number of the document's last stored update (0 before any). */
  async lastUpdateSeq(documentId: string): Promise<number> {
    return (
      (
        await this.sql.get<{ seq: number | null }>('SELECT MAX(seq) AS seq FROM doc_updates WHERE document_id = ?', [
          documentId,
        ])
      )?.seq ?? 0
    );
  }
}
