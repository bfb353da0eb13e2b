import type { DB } from '../connection.js';
import { now } from '../ids.js';

export interface DelegationRow {
  code: string;
  conference_id: string;
  created_at: string;
  members: number;
}

/** Delegations: one per country, keyed by ISO 3166-1 alpha-3 code. */
export class Delegations {
  private readonly insertStmt;
  private readonly listStmt;
  private readonly getStmt;

  constructor(db: DB) {
    this.insertStmt = db.prepare('INSERT INTO delegations (code, conference_id, created_at) VALUES (?, ?, ?)');
    this.listStmt = db.prepare<[], DelegationRow>(
      `SELECT d.*, (SELECT COUNT(*) FROM users u WHERE u.delegation = d.code) AS members
       FROM delegations d ORDER BY d.code`,
    );
    this.getStmt = db.prepare<[string], DelegationRow>(
      `SELECT d.*, (SELECT COUNT(*) FROM users u WHERE u.delegation = d.code) AS members
       FROM delegations d WHERE d.code = ?`,
    );
  }

  insert(code: string, conferenceId: string): void {
    this.insertStmt.run(code, conferenceId, now());
  }

  get(code: string): DelegationRow | undefined {
    return this.getStmt.get(code);
  }

  list(): DelegationRow[] {
    return this.listStmt.all();
  }
}
