import type { Sql } from '../sql.js';
import { newId, now } from '../ids.js';

export interface NotificationRow {
  seq: number;
  id: string;
  user_id: string;
  kind: string;
  document_id: string;
  /** JSON object of strings: what the notification's sentence names. */
  params: string;
  created_at: string;
  read_at: string | null;
}

export interface NewNotification {
  userId: string;
  kind: string;
  documentId: string;
  params: Record<string, string>;
}

/** Per person, what happened that concerns them; read or not. */
export class Notifications {
  constructor(private readonly sql: Sql) {}

  async insert(n: NewNotification): Promise<NotificationRow> {
    const id = newId();
    await this.sql.run(
      `INSERT INTO notifications (id, user_id, kind, document_id, params, created_at)
       VALUES (@id, @userId, @kind, @documentId, @params, @at)`,
      { ...n, id, params: JSON.stringify(n.params), at: now() },
    );
    return (await this.sql.get<NotificationRow>('SELECT * FROM notifications WHERE id = ?', [id]))!;
  }

  /** The person's notifications older than `before` (a `seq`), newest first; only the unread ones if asked. */
  list(userId: string, o: { before?: number; unread?: boolean; limit: number }): Promise<NotificationRow[]> {
    return this.sql.all<NotificationRow>(
      `SELECT * FROM notifications WHERE user_id = @userId AND seq < @before ${o.unread ? 'AND read_at IS NULL' : ''}
       ORDER BY seq DESC LIMIT @limit`,
      { userId, before: o.before ?? Number.MAX_SAFE_INTEGER, limit: o.limit },
    );
  }

  async unreadCount(userId: string): Promise<number> {
    const row = await this.sql.get<{ n: number | string }>(
      'SELECT COUNT(*) AS n FROM notifications WHERE user_id = ? AND read_at IS NULL',
      [userId],
    );
    return Number(row?.n ?? 0);
  }

  /** Marks the person's own notifications among `ids` read (others' ids change nothing); the ids it changed. */
  async markRead(userId: string, ids: readonly string[], at: string): Promise<string[]> {
    if (ids.length === 0) return [];
    const marks = ids.map((_, i) => `@id${i}`).join(', ');
    const params = Object.fromEntries([['userId', userId], ['at', at], ...ids.map((id, i) => [`id${i}`, id])]);
    const changed = await this.sql.all<{ id: string }>(
      `SELECT id FROM notifications WHERE user_id = @userId AND read_at IS NULL AND id IN (${marks})`,
      params,
    );
    await this.sql.run(
      `UPDATE notifications SET read_at = @at WHERE user_id = @userId AND read_at IS NULL AND id IN (${marks})`,
      params,
    );
    return changed.map((r) => r.id);
  }

  /** Marks every notification of the person read; how many it changed. */
  async markAllRead(userId: string, at: string): Promise<number> {
    return (
      await this.sql.run('UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL', [at, userId])
    ).changes;
  }

  /** Deletes the person's notifications beyond the newest `keep` (their e-mails in the outbox go with them). */
  async prune(userId: string, keep: number): Promise<number> {
    const edge = await this.sql.get<{ seq: number }>(
      'SELECT seq FROM notifications WHERE user_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ?',
      [userId, keep],
    );
    if (!edge) return 0;
    return (await this.sql.run('DELETE FROM notifications WHERE user_id = ? AND seq <= ?', [userId, edge.seq]))
      .changes;
  }
}
