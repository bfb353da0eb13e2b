import type { Sql } from '../sql.js';
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
  constructor(private readonly sql: Sql) {}

  async insert(c: {
    id: string;
    name: string;
    place: string;
    startsOn: string | null;
    endsOn: string | null;
  }): Promise<void> {
    await this.sql.run(
      'INSERT INTO conferences (id, name, place, starts_on, ends_on, created_at) VALUES (@id, @name, @place, @startsOn, @endsOn, @createdAt)',
      { ...c, createdAt: now() },
    );
  }

  get(id: string): Promise<ConferenceRow | undefined> {
    return this.sql.get<ConferenceRow>('SELECT * FROM conferences WHERE id = ?', [id]);
  }

  /** The installation's conference (the first created), if any. */
  current(): Promise<ConferenceRow | undefined> {
    return this.sql.get<ConferenceRow>('SELECT * FROM conferences ORDER BY created_at, id LIMIT 1');
  }
}
