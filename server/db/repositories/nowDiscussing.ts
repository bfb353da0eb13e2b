import type { Sql } from '../sql.js';
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
  constructor(private readonly sql: Sql) {}

  get(documentId: string): Promise<NowDiscussingRow | undefined> {
    return this.sql.get<NowDiscussingRow>(
      `SELECT n.*, u.username AS set_by_username FROM now_discussing n JOIN users u ON u.id = n.set_by WHERE n.document_id = ?`,
      [documentId],
    );
  }

  async set(documentId: string, clauseId: string | null, setBy: string): Promise<void> {
    await this.sql.run(
      `INSERT INTO now_discussing (document_id, clause_id, set_by, set_at) VALUES (@documentId, @clauseId, @setBy, @at)
       ON CONFLICT (document_id) DO UPDATE SET clause_id = excluded.clause_id, set_by = excluded.set_by, set_at = excluded.set_at`,
      { documentId, clauseId, setBy, at: now() },
    );
  }
}
