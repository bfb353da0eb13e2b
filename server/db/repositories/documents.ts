import type { DB } from '../connection.js';
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
  created_at: string;
  updated_at: string;
}

export interface ClauseRow {
  id: string;
  document_id: string;
  kind: ClauseKind;
  status: ClauseStatus;
  created_at: string;
}

/** Documents and their clauses' metadata (kind, status). Clause order and text live in the Y.Doc. */
export class Documents {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly listStmt;
  private readonly setStageStmt;
  private readonly insertClauseStmt;
  private readonly clausesStmt;
  private readonly clauseStmt;
  private readonly setClauseStatusStmt;

  constructor(db: DB) {
    this.insertStmt = db.prepare(
      `INSERT INTO documents (id, conference_id, title, symbol, stage, metadata, created_at, updated_at)
       VALUES (@id, @conferenceId, @title, @symbol, @stage, @metadata, @at, @at)`,
    );
    this.getStmt = db.prepare<[string], DocumentRow>('SELECT * FROM documents WHERE id = ?');
    this.listStmt = db.prepare<[], DocumentRow>('SELECT * FROM documents ORDER BY created_at');
    this.setStageStmt = db.prepare('UPDATE documents SET stage = ?, updated_at = ? WHERE id = ?');
    this.insertClauseStmt = db.prepare(
      'INSERT INTO clauses (id, document_id, kind, status, created_at) VALUES (@id, @documentId, @kind, @status, @at)',
    );
    this.clausesStmt = db.prepare<[string], ClauseRow>('SELECT * FROM clauses WHERE document_id = ?');
    this.clauseStmt = db.prepare<[string, string], ClauseRow>('SELECT * FROM clauses WHERE document_id = ? AND id = ?');
    this.setClauseStatusStmt = db.prepare('UPDATE clauses SET status = ? WHERE document_id = ? AND id = ?');
  }

  insert(d: { id: string; conferenceId: string; title: string; symbol: string; stage: Stage; metadata: object }): void {
    this.insertStmt.run({ ...d, metadata: JSON.stringify(d.metadata), at: now() });
  }

  get(id: string): DocumentRow | undefined {
    return this.getStmt.get(id);
  }

  list(): DocumentRow[] {
    return this.listStmt.all();
  }

  setStage(id: string, stage: Stage): void {
    this.setStageStmt.run(stage, now(), id);
  }

  insertClause(c: { id: string; documentId: string; kind: ClauseKind; status?: ClauseStatus }): void {
    this.insertClauseStmt.run({ status: 'open', ...c, at: now() });
  }

  /** Clause metadata by id (unordered: order comes from the Y.Doc). */
  clauses(documentId: string): Map<string, ClauseRow> {
    return new Map(this.clausesStmt.all(documentId).map((row) => [row.id, row]));
  }

  clause(documentId: string, clauseId: string): ClauseRow | undefined {
    return this.clauseStmt.get(documentId, clauseId);
  }

  setClauseStatus(documentId: string, clauseId: string, status: ClauseStatus): void {
    this.setClauseStatusStmt.run(status, documentId, clauseId);
  }
}
