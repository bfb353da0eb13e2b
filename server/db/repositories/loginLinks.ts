import type { DB } from '../connection.js';
import { now } from '../ids.js';

/** One-time login links: the SHA-256 of the token, its user, and when it expires or was used. */
export class LoginLinks {
  private readonly insertStmt;
  private readonly consumeStmt;

  constructor(db: DB) {
    this.insertStmt = db.prepare(
      'INSERT INTO login_links (token_hash, user_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.consumeStmt = db.prepare<[string, string, string], { user_id: string }>(
      `UPDATE login_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?
       RETURNING user_id`,
    );
  }

  create(tokenHash: string, userId: string, createdBy: string | null, expiresAt: Date): void {
    this.insertStmt.run(tokenHash, userId, createdBy, now(), expiresAt.toISOString());
  }

  /** Marks the link used and returns its user, or undefined if unknown, expired or already used. */
  consume(tokenHash: string): string | undefined {
    const at = now();
    return this.consumeStmt.get(at, tokenHash, at)?.user_id;
  }
}
