import type { Sql } from '../sql.js';

/** A request's place under its key: still running, or done with the answer to give again. */
export interface IdempotencyRecord {
  request_hash: string;
  state: 'running' | 'done';
  status: number | null;
  content_type: string | null;
  body: string | null;
  created_at: number;
}

/** Answers to requests sent with an `Idempotency-Key`, by session and key (see migration 080). */
export class IdempotencyKeys {
  constructor(private readonly sql: Sql) {}

  /**
   * Claims `key` for a request: true when this request is the first with it (it runs), false when another
   * holds it (read it with `get`). One statement, so two requests racing on any nodes cannot both claim.
   */
  async claim(sessionHash: string, key: string, requestHash: string, at: number, userId = ''): Promise<boolean> {
    const { changes } = await this.sql.run(
      `INSERT INTO idempotency_keys (session_hash, key, request_hash, state, created_at, user_id) VALUES (?, ?, ?, 'running', ?, ?)
       ON CONFLICT (session_hash, key) DO NOTHING`,
      [sessionHash, key, requestHash, at, userId],
    );
    return changes === 1;
  }

  /**
   * Forgets the answers kept for `userId` beyond the newest `count` (and any as old as the last of those).
   * Keys still running are kept: their requests are under way.
   */
  async keepNewest(userId: string, count: number): Promise<void> {
    await this.sql.run(
      `DELETE FROM idempotency_keys WHERE user_id = ? AND state = 'done' AND created_at < (
         SELECT created_at FROM idempotency_keys WHERE user_id = ? ORDER BY created_at DESC LIMIT 1 OFFSET ?)`,
      [userId, userId, Math.max(0, count - 1)],
    );
  }

  /** How many answers are kept for `userId` (diagnostics and tests). */
  async countFor(userId: string): Promise<number> {
    const row = await this.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM idempotency_keys WHERE user_id = ?', [
      userId,
    ]);
    return Number(row?.n ?? 0);
  }

  async get(sessionHash: string, key: string): Promise<IdempotencyRecord | undefined> {
    const row = await this.sql.get<IdempotencyRecord>(
      'SELECT request_hash, state, status, content_type, body, created_at FROM idempotency_keys WHERE session_hash = ? AND key = ?',
      [sessionHash, key],
    );
    return (
      row && { ...row, status: row.status === null ? null : Number(row.status), created_at: Number(row.created_at) }
    );
  }

  /** Records the answer of the request that claimed the key. */
  async complete(
    sessionHash: string,
    key: string,
    answer: { status: number; contentType: string | null; body: string },
  ): Promise<void> {
    await this.sql.run(
      `UPDATE idempotency_keys SET state = 'done', status = ?, content_type = ?, body = ? WHERE session_hash = ? AND key = ?`,
      [answer.status, answer.contentType, answer.body, sessionHash, key],
    );
  }

  /** Lets the key go (the request failed on the server's side, and may be tried again). */
  async release(sessionHash: string, key: string): Promise<void> {
    await this.sql.run('DELETE FROM idempotency_keys WHERE session_hash = ? AND key = ?', [sessionHash, key]);
  }

  /**
   * Lets the key go if it was claimed before `before` (ms): it expired. Conditional, so a node that read it as
   * expired cannot drop the fresh claim another node has made since (both would run the request).
   */
  async releaseExpired(sessionHash: string, key: string, before: number): Promise<void> {
    await this.sql.run('DELETE FROM idempotency_keys WHERE session_hash = ? AND key = ? AND created_at < ?', [
      sessionHash,
      key,
      before,
    ]);
  }

  /** Forgets every answer recorded before `before` (ms). */
  async forgetBefore(before: number): Promise<void> {
    await this.sql.run('DELETE FROM idempotency_keys WHERE created_at < ?', [before]);
  }
}
