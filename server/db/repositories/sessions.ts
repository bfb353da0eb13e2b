import type { DB } from '../connection.js';
import type { UserRow } from './users.js';
import { now } from '../ids.js';

/** Server-side sessions, keyed by the SHA-256 of the cookie's token (the token itself is never stored). */
export class Sessions {
  private readonly insertStmt;
  private readonly findStmt;
  private readonly deleteStmt;
  private readonly deleteUserStmt;
  private readonly purgeStmt;

  constructor(db: DB) {
    this.insertStmt = db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)');
    this.findStmt = db.prepare<[string, string], UserRow & { expires_at: string }>(
      `SELECT users.*, sessions.expires_at FROM sessions JOIN users ON users.id = sessions.user_id
       WHERE sessions.token_hash = ? AND sessions.expires_at > ?`,
    );
    this.deleteStmt = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
    this.deleteUserStmt = db.prepare('DELETE FROM sessions WHERE user_id = ?');
    this.purgeStmt = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  }

  create(tokenHash: string, userId: string, expiresAt: Date): void {
    this.insertStmt.run(tokenHash, userId, now(), expiresAt.toISOString());
  }

  /** The user behind a live session, or undefined when unknown or expired. */
  findUser(tokenHash: string): UserRow | undefined {
    return this.findStmt.get(tokenHash, now());
  }

  delete(tokenHash: string): void {
    this.deleteStmt.run(tokenHash);
  }

  /** Ends every session of a user ("log out everywhere"). */
  deleteForUser(userId: string): number {
    return this.deleteUserStmt.run(userId).changes;
  }

  purgeExpired(): number {
    return this.purgeStmt.run(now()).changes;
  }
}
