import type { Sql } from '../sql.js';
import type { UserRow } from './users.js';
import { now } from '../ids.js';

/** Server-side sessions, keyed by the SHA-256 of the cookie's token (the token itself is never stored). */
export class Sessions {
  constructor(private readonly sql: Sql) {}

  async create(tokenHash: string, userId: string, expiresAt: Date): Promise<void> {
    await this.sql.run('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)', [
      tokenHash,
      userId,
      now(),
      expiresAt.toISOString(),
    ]);
  }

  /** The user behind a live session, or undefined when unknown or expired. */
  findUser(tokenHash: string): Promise<(UserRow & { expires_at: string }) | undefined> {
    return this.sql.get(
      `SELECT users.*, sessions.expires_at FROM sessions JOIN users ON users.id = sessions.user_id
       WHERE sessions.token_hash = ? AND sessions.expires_at > ?`,
      [tokenHash, now()],
    );
  }

  async delete(tokenHash: string): Promise<void> {
    await this.sql.run('DELETE FROM sessions WHERE token_hash = ?', [tokenHash]);
  }

  /** Ends every session of a user ("log out everywhere"). */
  async deleteForUser(userId: string): Promise<number> {
    return (await this.sql.run('DELETE FROM sessions WHERE user_id = ?', [userId])).changes;
  }

  async purgeExpired(): Promise<number> {
    return (await this.sql.run('DELETE FROM sessions WHERE expires_at <= ?', [now()])).changes;
  }
}
