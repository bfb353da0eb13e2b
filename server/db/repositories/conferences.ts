import type { DB } from '../connection.js';
import { now } from '../ids.js';

export interface ConferenceRow {
  id: string;
  name: string;
  place: string;
  starts_on: string | null;
  ends_on: string | null;
  created_at: string;
}

/** Conferences. An installation usually serves one; documents and delegations belong to it. */
export class Conferences {
  private readonly insertStmt;
  private readonly firstStmt;
  private readonly getStmt;

  constructor(db: DB) {
    this.insertStmt = db.prepare(
      'INSERT INTO conferences (id, name, place, starts_on, ends_on, created_at) VALUES (@id, @name, @place, @startsOn, @endsOn, @createdAt)',
    );
    this.firstStmt = db.prepare<[], ConferenceRow>('SELECT * FROM conferences ORDER BY created_at LIMIT 1');
    this.getStmt = db.prepare<[string], ConferenceRow>('SELECT * FROM conferences WHERE id = ?');
  }

  insert(c: { id: string; name: string; place: string; startsOn: string | null; endsOn: string | null }): void {
    this.insertStmt.run({ ...c, createdAt: now() });
  }

  get(id: string): ConferenceRow | undefined {
    return this.getStmt.get(id);
  }

  /** The installation's conference (the first created), if any. */
  current(): ConferenceRow | undefined {
    return this.firstStmt.get();
  }
}
