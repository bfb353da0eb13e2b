import type { DB } from '../connection.js';
import { now } from '../ids.js';

export interface AlternateRow {
  delegation: string;
  user_id: string;
  username: string;
  designated_by: string;
  designated_at: string;
}

/** Each delegation's designated alternate: the one delegate who may cast the ballot in the head's place. */
export class Alternates {
  private readonly getStmt;
  private readonly setStmt;
  private readonly clearStmt;

  constructor(db: DB) {
    this.getStmt = db.prepare<[string], AlternateRow>(
      `SELECT a.*, u.username FROM delegation_alternates a JOIN users u ON u.id = a.user_id WHERE a.delegation = ?`,
    );
    this.setStmt = db.prepare(
      `INSERT INTO delegation_alternates (delegation, user_id, designated_by, designated_at)
       VALUES (@delegation, @userId, @designatedBy, @at)
       ON CONFLICT (delegation) DO UPDATE SET
         user_id = excluded.user_id, designated_by = excluded.designated_by, designated_at = excluded.designated_at`,
    );
    this.clearStmt = db.prepare('DELETE FROM delegation_alternates WHERE delegation = ?');
  }

  get(delegation: string): AlternateRow | undefined {
    return this.getStmt.get(delegation);
  }

  set(delegation: string, userId: string, designatedBy: string): void {
    this.setStmt.run({ delegation, userId, designatedBy, at: now() });
  }

  clear(delegation: string): void {
    this.clearStmt.run(delegation);
  }
}
