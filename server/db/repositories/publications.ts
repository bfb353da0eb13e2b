import type { Sql } from '../sql.js';
import { now } from '../ids.js';

export interface PublicationRow {
  document_id: string;
  published_by: string;
  published_by_username: string;
  published_at: string;
}

/** Documents shown in the public gallery (`/public/:id`): a row while public, none otherwise. */
export class Publications {
  constructor(private readonly sql: Sql) {}

  get(documentId: string): Promise<PublicationRow | undefined> {
    return this.sql.get<PublicationRow>(
      `SELECT p.*, u.username AS published_by_username FROM publications p JOIN users u ON u.id = p.published_by
       WHERE p.document_id = ?`,
      [documentId],
    );
  }

  /** Publishes the document; publishing again keeps the first publication's time and author. */
  async publish(documentId: string, by: string): Promise<void> {
    await this.sql.run(
      `INSERT INTO publications (document_id, published_by, published_at) VALUES (@documentId, @by, @at)
       ON CONFLICT (document_id) DO NOTHING`,
      { documentId, by, at: now() },
    );
  }

  /** Withdraws the document from the gallery; true when it was public. */
  async unpublish(documentId: string): Promise<boolean> {
    return (await this.sql.run('DELETE FROM publications WHERE document_id = ?', [documentId])).changes > 0;
  }
}
