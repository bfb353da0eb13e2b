import type { Sql } from '../sql.js';
import { now } from '../ids.js';

export interface DelegationRow {
  code: string;
  conference_id: string;
  created_at: string;
  members: number;
}

const SELECT = `SELECT d.*, (SELECT COUNT(*) FROM users u WHERE u.delegation = d.code) AS members FROM delegations d`;

/** Delegations: one per country, keyed by ISO 3166-1 alpha-3 code. */
export class Delegations {
  constructor(private readonly sql: Sql) {}

  async insert(code: string, conferenceId: string): Promise<void> {
    await this.sql.run('INSERT INTO delegations (code, conference_id, created_at) VALUES (?, ?, ?)', [
      code,
      conferenceId,
      now(),
    ]);
  }

  get(code: string): Promise<DelegationRow | undefined> {
    return this.sql.get<DelegationRow>(`${SELECT} WHERE d.code = ?`, [code]);
  }

  list(): Promise<DelegationRow[]> {
    return this.sql.all<DelegationRow>(`${SELECT} ORDER BY d.code`);
  }
}
