import type { Sql } from '../sql.js';
import { now } from '../ids.js';

/** One-time login links: the SHA-256 of the token, its user, and when it expires or was used. */
export class LoginLinks {
  constructor(private readonly sql: Sql) {}

  async create(tokenHash: string, userId: string, createdBy: string | null, expiresAt: Date): Promise<void> {
    await this.sql.run(
      'INSERT INTO login_links (token_hash, user_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      [tokenHash, userId, createdBy, now(), expiresAt.toISOString()],
    );
  }

  /** Marks the link used and returns its user, or undefined if unknown, expired or already used. */
  async consume(tokenHash: string): Promise<string | undefined> {
    const at = now();
    const row = await this.sql.get<{ user_id: string }>(
      `UPDATE login_links SET used_at = @at WHERE token_hash = @tokenHash AND used_at IS NULL AND expires_at > @at RETURNING user_id`,
      { at, tokenHash },
    );
    return row?.user_id;
  }
}
