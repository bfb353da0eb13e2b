import type { DB } from '../connection.js';
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

/** Named, frozen revisions of a document (rows are never updated; a trigger refuses it). */
export class Revisions {
  private readonly insertStmt;
  private readonly listStmt;
  private readonly getStmt;
  private readonly byNameStmt;
  private readonly lastSeqStmt;
  private readonly updatesPageStmt;

  constructor(db: DB) {
    this.insertStmt = db.prepare(
      `INSERT INTO revisions (id, document_id, name, state, clauses, stage, through_seq, created_by, created_at)
       VALUES (@id, @documentId, @name, @state, @clauses, @stage, @throughSeq, @createdBy, @at)`,
    );
    this.listStmt = db.prepare<[string], RevisionRow>(`SELECT ${COLUMNS} FROM revisions WHERE document_id = ? ORDER BY seq`);
    this.getStmt = db.prepare<[string, string], RevisionWithState>('SELECT * FROM revisions WHERE document_id = ? AND id = ?');
    this.byNameStmt = db.prepare<[string, string], { id: string }>('SELECT id FROM revisions WHERE document_id = ? AND name = ?');
    this.lastSeqStmt = db.prepare<[string], { seq: number | null }>('SELECT MAX(seq) AS seq FROM doc_updates WHERE document_id = ?');
    this.updatesPageStmt = db.prepare<[string, number, number], { seq: number; data: Buffer; user_id: string | null; delegation: string | null }>(
      'SELECT seq, data, user_id, delegation FROM doc_updates WHERE document_id = ? AND seq > ? ORDER BY seq LIMIT ?',
    );
  }

  insert(r: NewRevision): void {
    this.insertStmt.run({ ...r, state: Buffer.from(r.state), clauses: JSON.stringify(r.clauses), at: now() });
  }

  /** A document's revisions without their state, oldest first. */
  list(documentId: string): RevisionRow[] {
    return this.listStmt.all(documentId);
  }

  /** One revision with its frozen Yjs state. */
  get(documentId: string, id: string): RevisionWithState | undefined {
    return this.getStmt.get(documentId, id);
  }

  /** True when the document already has a revision of that name (names compare without case). */
  nameTaken(documentId: string, name: string): boolean {
    return this.byNameStmt.get(documentId, name) !== undefined;
  }

  /**
   * A page of the attributed update log after `afterSeq`, oldest first: history is read in pages so that
   * replaying a long negotiation never holds the event loop for long.
   */
  updatesPage(documentId: string, afterSeq: number, limit: number): { seq: number; data: Buffer; user_id: string | null; delegation: string | null }[] {
    return this.updatesPageStmt.all(documentId, afterSeq, limit);
  }

  /** Sequence number of the document's last stored update (0 before any). */
  lastUpdateSeq(documentId: string): number {
    return this.lastSeqStmt.get(documentId)?.seq ?? 0;
  }
}
