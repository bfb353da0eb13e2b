import type { Sql } from '../sql.js';
import { now } from '../ids.js';

/**
 * Bindings of Yjs client ids to people, per document (table `collab_client_ids`): a client id belongs to the
 * first person who writes with it. `bind` runs inside the group commit's transaction, so a binding is stored
 * with the first update that uses it.
 */
export class ClientIdBindings {
  constructor(private readonly sql: Sql) {}

  /** Every binding of a document: client id → user id. */
  async load(documentId: string): Promise<Map<number, string>> {
    const rows = await this.sql.all<{ client_id: number; user_id: string }>(
      'SELECT client_id, user_id FROM collab_client_ids WHERE document_id = ?',
      [documentId],
    );
    return new Map(rows.map((row) => [Number(row.client_id), row.user_id]));
  }

  /** Binds unless already bound (the first binding stays). */
  async bind(documentId: string, clientId: number, userId: string): Promise<void> {
    await this.sql.run(
      'INSERT INTO collab_client_ids (document_id, client_id, user_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      [documentId, clientId, userId, now()],
    );
  }
}
