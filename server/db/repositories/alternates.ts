import type { Sql } from '../sql.js';
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
  constructor(private readonly sql: Sql) {}

  get(delegation: string): Promise<AlternateRow | undefined> {
    return this.sql.get<AlternateRow>(
      `SELECT a.*, u.username FROM delegation_alternates a JOIN users u ON u.id = a.user_id WHERE a.delegation = ?`,
      [delegation],
    );
  }

  async set(delegation: string, userId: string, designatedBy: string): Promise<void> {
    await this.sql.run(
      `INSERT INTO delegation_alternates (delegation, user_id, designated_by, designated_at)
       VALUES (@delegation, @userId, @designatedBy, @at)
       ON CONFLICT (delegation) DO UPDATE SET
         user_id = excluded.user_id, designated_by = excluded.designated_by, designated_at = excluded.designated_at`,
      { delegation, userId, designatedBy, at: now() },
    );
  }

  async clear(delegation: string): Promise<void> {
    await this.sql.run('DELETE FROM delegation_alternates WHERE delegation = ?', [delegation]);
  }
}
