import type { Sql } from '../sql.js';
import type { BracketResolution } from '../../../shared/api/brackets.js';
import { now } from '../ids.js';

export interface BracketRow {
  seq: number;
  id: string;
  document_id: string;
  clause_id: string;
  /** JSON `{ start, end, quote, at }`: the span the brackets enclose (`StoredSpan`). */
  span: string;
  /** JSON `[{ label, text, sponsors }]`; `[]` for plain brackets. */
  alternatives: string;
  status: 'open' | 'resolved';
  resolution: BracketResolution | null;
  chosen_label: string | null;
  resolved_text: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  resolved_by: string | null;
  resolved_at: string | null;
  /** Joined from `users`: who placed it, and who resolved it. */
  created_by_username: string;
  created_by_name: string;
  resolved_by_username: string | null;
  resolved_by_name: string | null;
}

const SELECT = `SELECT b.*, c.username AS created_by_username, c.display_name AS created_by_name,
    r.username AS resolved_by_username, r.display_name AS resolved_by_name
  FROM brackets b JOIN users c ON c.id = b.created_by LEFT JOIN users r ON r.id = b.resolved_by`;

/** Brackets placed in a document's clauses and how each was resolved. */
export class Brackets {
  constructor(private readonly sql: Sql) {}

  async insert(b: {
    id: string;
    documentId: string;
    clauseId: string;
    span: string;
    alternatives: string;
    by: string;
  }): Promise<BracketRow> {
    await this.sql.run(
      `INSERT INTO brackets (id, document_id, clause_id, span, alternatives, created_by, created_at, updated_at)
       VALUES (@id, @documentId, @clauseId, @span, @alternatives, @by, @at, @at)`,
      { ...b, at: now() },
    );
    return (await this.get(b.id))!;
  }

  get(id: string): Promise<BracketRow | undefined> {
    return this.sql.get<BracketRow>(`${SELECT} WHERE b.id = ?`, [id]);
  }

  /** The document's brackets in the order they were placed; only open ones unless `all`. */
  forDocument(documentId: string, all = false): Promise<BracketRow[]> {
    return this.sql.all<BracketRow>(
      `${SELECT} WHERE b.document_id = ?${all ? '' : ` AND b.status = 'open'`} ORDER BY b.seq`,
      [documentId],
    );
  }

  async setAlternatives(id: string, alternatives: string): Promise<void> {
    await this.sql.run('UPDATE brackets SET alternatives = ?, updated_at = ? WHERE id = ?', [alternatives, now(), id]);
  }

  /** A bracket follows its words to another clause (a split or a merge). */
  async relocate(id: string, clauseId: string, span: string): Promise<void> {
    await this.sql.run('UPDATE brackets SET clause_id = ?, span = ?, updated_at = ? WHERE id = ?', [
      clauseId,
      span,
      now(),
      id,
    ]);
  }

  /** Resolves an open bracket; false when it was resolved already (by another request meanwhile). */
  async resolve(
    id: string,
    r: { resolution: BracketResolution; label: string | null; text: string; by: string },
  ): Promise<boolean> {
    const result = await this.sql.run(
      `UPDATE brackets SET status = 'resolved', resolution = @resolution, chosen_label = @label,
         resolved_text = @text, resolved_by = @by, resolved_at = @at, updated_at = @at
       WHERE id = @id AND status = 'open'`,
      { id, ...r, at: now() },
    );
    return result.changes === 1;
  }
}
