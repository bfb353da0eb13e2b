import type { Sql } from '../sql.js';
import { now } from '../ids.js';

/** An e-mail to send, with what writing it takes: the notification and its person. */
export interface MailRow {
  notification_id: string;
  attempts: number;
  kind: string;
  document_id: string;
  params: string;
  email: string | null;
  /** 0 once the person turned e-mail off: the row is not sent. */
  email_notifications: number;
  language: string | null;
  role: string;
  display_name: string;
}

/**
 * The e-mails waiting to be sent, one per notification. Rows are taken by a conditional update, so of several
 * nodes (or passes) exactly one sends each: the claim holds until `claimed_until`, after which a row whose
 * sender died is taken again.
 */
export class MailOutbox {
  constructor(private readonly sql: Sql) {}

  async enqueue(notificationId: string): Promise<void> {
    const at = now();
    await this.sql.run(
      `INSERT INTO mail_outbox (notification_id, next_attempt_at, created_at) VALUES (?, ?, ?)
       ON CONFLICT (notification_id) DO NOTHING`,
      [notificationId, at, at],
    );
  }

  /** Up to `limit` ids of rows due at `at` (pending, their time come, no live claim), oldest first. */
  async due(at: string, limit: number): Promise<string[]> {
    const rows = await this.sql.all<{ notification_id: string }>(
      `SELECT notification_id FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= @at
       AND (claimed_until IS NULL OR claimed_until <= @at) ORDER BY seq LIMIT @limit`,
      { at, limit },
    );
    return rows.map((r) => r.notification_id);
  }

  /**
   * Takes the row until `until`, counting an attempt; the row with its notification and person, or undefined
   * when another node (or pass) took it first or it was sent meanwhile.
   */
  async claim(notificationId: string, at: string, until: string): Promise<MailRow | undefined> {
    const taken = await this.sql.run(
      `UPDATE mail_outbox SET claimed_until = @until, attempts = attempts + 1
       WHERE notification_id = @id AND status = 'pending' AND next_attempt_at <= @at
       AND (claimed_until IS NULL OR claimed_until <= @at)`,
      { id: notificationId, at, until },
    );
    if (taken.changes !== 1) return undefined;
    return this.sql.get<MailRow>(
      `SELECT o.notification_id, o.attempts, n.kind, n.document_id, n.params, u.email, u.email_notifications, u.language, u.role,
              u.display_name
       FROM mail_outbox o JOIN notifications n ON n.id = o.notification_id JOIN users u ON u.id = n.user_id
       WHERE o.notification_id = ?`,
      [notificationId],
    );
  }

  async sent(notificationId: string): Promise<void> {
    await this.sql.run(
      `UPDATE mail_outbox SET status = 'sent', sent_at = ?, claimed_until = NULL, last_error = NULL
       WHERE notification_id = ?`,
      [now(), notificationId],
    );
  }

  /** Puts the row back for another try at `retryAt`, or gives it up (`failed`) when `retryAt` is null. */
  async failed(notificationId: string, error: string, retryAt: string | null): Promise<void> {
    await this.sql.run(
      `UPDATE mail_outbox SET status = @status, next_attempt_at = COALESCE(@retryAt, next_attempt_at),
       claimed_until = NULL, last_error = @error WHERE notification_id = @id`,
      { id: notificationId, status: retryAt ? 'pending' : 'failed', retryAt, error: error.slice(0, 500) },
    );
  }

  /** Forgets rows sent or given up before `before` (the notifications themselves stay). */
  async purge(before: string): Promise<number> {
    return (await this.sql.run(`DELETE FROM mail_outbox WHERE status <> 'pending' AND created_at < ?`, [before]))
      .changes;
  }

  /** The row's state, for tests and the operator. */
  state(notificationId: string): Promise<{ status: string; attempts: number; last_error: string | null } | undefined> {
    return this.sql.get('SELECT status, attempts, last_error FROM mail_outbox WHERE notification_id = ?', [
      notificationId,
    ]);
  }
}
