import type { DB } from '../connection.js';
import { now } from '../ids.js';

export interface NowDiscussingRow {
  document_id: string;
  clause_id: string | null;
  set_by: string;
  set_by_username: string;
  set_at: string;
}

/** What the chair has put under discussion, per document (the projector and following views show it). */
export class NowDiscussingStore {
  private readonly getStmt;
  private readonly setStmt;

  constructor(db: DB) {
    this.getStmt = db.prepare<[string], NowDiscussingRow>(
      `SELECT n.*, u.username AS set_by_username FROM now_discussing n JOIN users u ON u.id = n.set_by WHERE n.document_id = ?`,
    );
    this.setStmt = db.prepare(
      `INSERT INTO now_discussing (document_id, clause_id, set_by, set_at) VALUES (@documentId, @clauseId, @setBy, @at)
       ON CONFLICT (document_id) DO UPDATE SET clause_id = excluded.clause_id, set_by = excluded.set_by, set_at = excluded.set_at`,
    );
  }

  get(documentId: string): NowDiscussingRow | undefined {
    return this.getStmt.get(documentId);
  }

  set(documentId: string, clauseId: string | null, setBy: string): void {
    this.setStmt.run({ documentId, clauseId, setBy, at: now() });
  }
}
