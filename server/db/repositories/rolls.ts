import type { Sql } from '../sql.js';
import { now } from '../ids.js';

export interface RollRow {
  id: string;
  document_id: string;
  meeting: string | null;
  status: 'open' | 'closed';
  opened_by: string;
  opened_by_username: string;
  opened_at: string;
  closed_at: string | null;
}

export interface RollEntryRow {
  delegation: string;
  how: 'recorded' | 'checked_in';
  recorded_by_username: string;
  recorded_at: string;
}

/** The rolls of meetings and the delegations each records present. */
export class Rolls {
  constructor(private readonly sql: Sql) {}

  /** The document's latest roll: its meeting's. */
  latest(documentId: string): Promise<RollRow | undefined> {
    return this.sql.get<RollRow>(
      `SELECT r.*, u.username AS opened_by_username FROM rolls r JOIN users u ON u.id = r.opened_by
       WHERE r.document_id = ? ORDER BY r.seq DESC LIMIT 1`,
      [documentId],
    );
  }

  /** Opens a roll; false when one is open for the document already (a partial unique index decides). */
  async open(roll: { id: string; documentId: string; meeting: string | null; by: string }): Promise<boolean> {
    const result = await this.sql.run(
      `INSERT INTO rolls (id, document_id, meeting, opened_by, opened_at) VALUES (@id, @documentId, @meeting, @by, @at)
       ON CONFLICT DO NOTHING`,
      { ...roll, at: now() },
    );
    return result.changes === 1;
  }

  async close(id: string, by: string): Promise<void> {
    await this.sql.run(`UPDATE rolls SET status = 'closed', closed_by = ?, closed_at = ? WHERE id = ?`, [
      by,
      now(),
      id,
    ]);
  }

  entries(rollId: string): Promise<RollEntryRow[]> {
    return this.sql.all<RollEntryRow>(
      `SELECT e.delegation, e.how, e.recorded_at, u.username AS recorded_by_username
       FROM roll_entries e JOIN users u ON u.id = e.recorded_by WHERE e.roll_id = ? ORDER BY e.delegation`,
      [rollId],
    );
  }

  /** Records the delegation present (once: a second record keeps the first). */
  async markPresent(rollId: string, delegation: string, how: RollEntryRow['how'], by: string): Promise<void> {
    await this.sql.run(
      `INSERT INTO roll_entries (roll_id, delegation, how, recorded_by, recorded_at)
       VALUES (@rollId, @delegation, @how, @by, @at) ON CONFLICT (roll_id, delegation) DO NOTHING`,
      { rollId, delegation, how, by, at: now() },
    );
  }

  async markAbsent(rollId: string, delegation: string): Promise<void> {
    await this.sql.run('DELETE FROM roll_entries WHERE roll_id = ? AND delegation = ?', [rollId, delegation]);
  }
}
