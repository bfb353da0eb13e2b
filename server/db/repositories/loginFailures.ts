import type { Sql } from '../sql.js';

/** Failed sign-in attempts by key (address, or address and username), as ms timestamps. */
export class LoginFailures {
  constructor(private readonly sql: Sql) {}

  /** Failures of `key` at or after `since`, oldest first. */
  async since(key: string, since: number): Promise<number[]> {
    const rows = await this.sql.all<{ at: number }>('SELECT at FROM login_failures WHERE key = ? AND at >= ? ORDER BY at', [key, since]);
    return rows.map((r) => Number(r.at));
  }

  /** Records a failure and forgets every failure older than `forgetBefore`. */
  async add(key: string, at: number, forgetBefore: number): Promise<void> {
    await this.sql.run('DELETE FROM login_failures WHERE at < ?', [forgetBefore]);
    await this.sql.run('INSERT INTO login_failures (key, at) VALUES (?, ?)', [key, at]);
  }

  async clear(key: string): Promise<void> {
    await this.sql.run('DELETE FROM login_failures WHERE key = ?', [key]);
  }
}
