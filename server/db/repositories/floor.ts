import type { Sql } from '../sql.js';
import type { FloorKind } from '../../../shared/api/floor.js';
import { now } from '../ids.js';

export type FloorStatus = 'waiting' | 'speaking' | 'done' | 'skipped' | 'withdrawn';

export interface FloorRequestRow {
  seq: number;
  id: string;
  document_id: string;
  delegation: string;
  kind: FloorKind;
  subject_type: 'general' | 'clause' | 'amendment';
  subject_id: string | null;
  status: FloorStatus;
  position: number;
  requested_by: string;
  requested_by_username: string;
  requested_at: string;
  granted_at: string | null;
  speaking_seconds: number | null;
  ended_at: string | null;
}

export interface FloorSettingsRow {
  document_id: string;
  open: number;
  speaking_time_seconds: number | null;
}

export interface NewFloorRequest {
  id: string;
  documentId: string;
  delegation: string;
  kind: FloorKind;
  subjectType: FloorRequestRow['subject_type'];
  subjectId: string | null;
  requestedBy: string;
}

const SELECT = `SELECT r.*, u.username AS requested_by_username FROM floor_requests r JOIN users u ON u.id = r.requested_by`;

/** The floor of each document: the chair's settings and the requests, waiting, speaking and settled. */
export class FloorStore {
  constructor(private readonly sql: Sql) {}

  settings(documentId: string): Promise<FloorSettingsRow | undefined> {
    return this.sql.get<FloorSettingsRow>(
      'SELECT document_id, open, speaking_time_seconds FROM floors WHERE document_id = ?',
      [documentId],
    );
  }

  async setSettings(
    documentId: string,
    settings: { open: boolean; seconds: number | null },
    by: string,
  ): Promise<void> {
    await this.sql.run(
      `INSERT INTO floors (document_id, open, speaking_time_seconds, updated_by, updated_at)
       VALUES (@documentId, @open, @seconds, @by, @at)
       ON CONFLICT (document_id) DO UPDATE SET open = excluded.open,
         speaking_time_seconds = excluded.speaking_time_seconds, updated_by = excluded.updated_by,
         updated_at = excluded.updated_at`,
      { documentId, open: settings.open ? 1 : 0, seconds: settings.seconds, by, at: now() },
    );
  }

  /**
   * Takes the document's floor for the rest of the transaction: every floor command calls it first, so two
   * changes of one list never interleave (PostgreSQL holds the row's lock until commit; SQLite runs one writer
   * at a time anyway) and each reorders the list as the other left it. Creates the floor's row, open and without
   * a speaking time, the first time.
   */
  async lock(documentId: string, by: string): Promise<void> {
    await this.sql.run(
      `INSERT INTO floors (document_id, open, speaking_time_seconds, updated_by, updated_at)
       VALUES (@documentId, 1, NULL, @by, @at)
       ON CONFLICT (document_id) DO UPDATE SET updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      { documentId, by, at: now() },
    );
  }

  get(id: string): Promise<FloorRequestRow | undefined> {
    return this.sql.get<FloorRequestRow>(`${SELECT} WHERE r.id = ?`, [id]);
  }

  /** The requests still waiting, in the order they will be heard. */
  waiting(documentId: string): Promise<FloorRequestRow[]> {
    return this.sql.all<FloorRequestRow>(
      `${SELECT} WHERE r.document_id = ? AND r.status = 'waiting' ORDER BY r.position, r.seq`,
      [documentId],
    );
  }

  speaking(documentId: string): Promise<FloorRequestRow | undefined> {
    return this.sql.get<FloorRequestRow>(`${SELECT} WHERE r.document_id = ? AND r.status = 'speaking'`, [documentId]);
  }

  /**
   * Adds a waiting request; false when the delegation already has one of this kind waiting (the partial unique
   * index answers, so two requests racing on two connections still leave one row).
   */
  async add(request: NewFloorRequest): Promise<boolean> {
    const result = await this.sql.run(
      `INSERT INTO floor_requests (id, document_id, delegation, kind, subject_type, subject_id, requested_by, requested_at)
       VALUES (@id, @documentId, @delegation, @kind, @subjectType, @subjectId, @requestedBy, @at)
       ON CONFLICT DO NOTHING`,
      { ...request, at: now() },
    );
    return result.changes === 1;
  }

  /** Writes the list's order: `ids` first to last. Call in the command's transaction. */
  async reorder(ids: readonly string[]): Promise<void> {
    for (const [position, id] of ids.entries())
      await this.sql.run('UPDATE floor_requests SET position = ? WHERE id = ?', [position, id]);
  }

  async grant(id: string, seconds: number | null): Promise<void> {
    await this.sql.run(
      `UPDATE floor_requests SET status = 'speaking', granted_at = ?, speaking_seconds = ? WHERE id = ?`,
      [now(), seconds, id],
    );
  }

  /** Settles a waiting or speaking request. */
  async settle(id: string, status: 'done' | 'skipped' | 'withdrawn'): Promise<void> {
    await this.sql.run('UPDATE floor_requests SET status = ?, ended_at = ? WHERE id = ?', [status, now(), id]);
  }
}
