import type { DB } from '../db/connection.js';
import { now } from '../db/ids.js';

/**
 * The clause-structure statements (deleted clauses), prepared once per connection. Clause rows themselves
 * belong to the documents repository; this adds only what moving and deleting clauses needs.
 */
export class ClauseRows {
  private static readonly cache = new WeakMap<DB, ClauseRows>();
  private readonly markDeletedStmt;
  private readonly deletedAtStmt;

  static of(db: DB): ClauseRows {
    let rows = ClauseRows.cache.get(db);
    if (!rows) {
      rows = new ClauseRows(db);
      ClauseRows.cache.set(db, rows);
    }
    return rows;
  }

  private constructor(db: DB) {
    this.markDeletedStmt = db.prepare('UPDATE clauses SET deleted_at = ? WHERE document_id = ? AND id = ? AND deleted_at IS NULL');
    this.deletedAtStmt = db.prepare<[string, string], { deleted_at: string | null }>(
      'SELECT deleted_at FROM clauses WHERE document_id = ? AND id = ?',
    );
  }

  markDeleted(documentId: string, clauseId: string): void {
    this.markDeletedStmt.run(now(), documentId, clauseId);
  }

  isDeleted(documentId: string, clauseId: string): boolean {
    return (this.deletedAtStmt.get(documentId, clauseId)?.deleted_at ?? null) !== null;
  }
}
