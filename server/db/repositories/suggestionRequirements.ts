import type { Sql } from '../sql.js';
import { now } from '../ids.js';

/** Documents on which the delegations must write as suggestions: a row while required, none otherwise. */
export class SuggestionRequirements {
  constructor(private readonly sql: Sql) {}

  async isRequired(documentId: string): Promise<boolean> {
    return (
      (await this.sql.get<{ one: number }>('SELECT 1 AS one FROM suggestion_requirements WHERE document_id = ?', [
        documentId,
      ])) !== undefined
    );
  }

  /** Requires or releases suggestions; true when that changed something. */
  async set(documentId: string, required: boolean, by: string): Promise<boolean> {
    if (!required)
      return (
        (await this.sql.run('DELETE FROM suggestion_requirements WHERE document_id = ?', [documentId])).changes > 0
      );
    const result = await this.sql.run(
      `INSERT INTO suggestion_requirements (document_id, required_by, required_at) VALUES (@documentId, @by, @at)
       ON CONFLICT (document_id) DO NOTHING`,
      { documentId, by, at: now() },
    );
    return result.changes > 0;
  }
}
