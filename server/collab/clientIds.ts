import type { DB } from '../db/connection.js';
import { now } from '../db/ids.js';

/**
 * Bindings of Yjs client ids to people, per document (table `collab_client_ids`). Statements are prepared
 * once; `bind` runs inside the group commit's transaction, so a binding is stored with the first update that
 * uses it.
 */
export class ClientIdBindings {
  private readonly listStmt;
  private readonly bindStmt;

  constructor(db: DB) {
    this.listStmt = db.prepare<[string], { client_id: number; user_id: string }>(
      'SELECT client_id, user_id FROM collab_client_ids WHERE document_id = ?',
    );
    this.bindStmt = db.prepare(
      'INSERT INTO collab_client_ids (document_id, client_id, user_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
  }

  /** Every binding of a document: client id → user id. */
  load(documentId: string): Map<number, string> {
    return new Map(this.listStmt.all(documentId).map((row) => [row.client_id, row.user_id]));
  }

  bind(documentId: string, clientId: number, userId: string): void {
    this.bindStmt.run(documentId, clientId, userId, now());
  }
}
