import type { Sql } from '../sql.js';
import { newId, now } from '../ids.js';

export interface NotificationRow {
  /** The row's place in the table: pages are cut by it. */
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

  /** Stores a notification; the row as stored, but for its `seq` (0: not read back, a vote notifies hundreds). */
  async insert(n: NewNotification): Promise<NotificationRow> {
    const row = {
      seq: 0,
      id: newId(),
      user_id: n.userId,
      kind: n.kind,
      document_id: n.documentId,
      params: JSON.stringify(n.params),
      created_at: now(),
      read_at: null,
    };
    await this.sql.run(
      `INSERT INTO notifications (id, user_id, kind, document_id, params, created_at)
       VALUES (@id, @user_id, @kind, @document_id, @params, @created_at)`,
      row,
    );
    return row;
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

  /** The unread count of each of `userIds` (those with none are absent). */
  async unreadCounts(userIds: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (userIds.length === 0) return counts;
    const params = Object.fromEntries(userIds.map((id, i) => [`u${i}`, id]));
    const rows = await this.sql.all<{ user_id: string; n: number }>(
      `SELECT user_id, COUNT(*) AS n FROM notifications WHERE read_at IS NULL
       AND user_id IN (${userIds.map((_, i) => `@u${i}`).join(', ')}) GROUP BY user_id`,
      params,
    );
    for (const row of rows) counts.set(row.user_id, Number(row.n));
    return counts;
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
    // One statement: the newest row past `keep`, and every older one (none when there are not that many).
    const result = await this.sql.run(
      `DELETE FROM notifications WHERE user_id = @userId AND seq <= (
         SELECT seq FROM notifications WHERE user_id = @userId ORDER BY seq DESC LIMIT 1 OFFSET @keep)`,
      { userId, keep },
    );
    return result.changes;
  }
}
