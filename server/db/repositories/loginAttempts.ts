import type { LoginHistory } from '../../auth/loginPolicy.js';
import type { Sql } from '../sql.js';

/** One sign-in attempt: who was tried (lower-cased username, '' for a link), from where, when (ms). */
export interface LoginAttempt {
  id: string;
  account: string;
  address: string;
  at: number;
}

/**
 * Sign-in attempts that have not succeeded: failures, and attempts whose password is being checked. Kept in the
 * database, so every node sharing it counts the same attempts, and a restart forgets nothing.
 */
export class LoginAttempts {
  constructor(private readonly sql: Sql) {}

  /** What the login limits read: this account's and this address's attempts at or after `since`. */
  async history(account: string, address: string, since: number): Promise<LoginHistory> {
    const rows = await this.sql.all<{ at: number; address: string; failed: number }>(
      'SELECT at, address, failed FROM login_attempts WHERE account = ? AND at >= ? ORDER BY at, id',
      [account, since],
    );
    const count = await this.sql.get<{ n: number }>(
      'SELECT COUNT(*) AS n FROM login_attempts WHERE address = ? AND at >= ?',
      [address, since],
    );
    const pair = rows.filter((r) => r.address === address);
    return {
      account: rows.map((r) => Number(r.at)),
      pair: pair.map((r) => Number(r.at)),
      pairFailed: pair.filter((r) => Number(r.failed) === 1).map((r) => Number(r.at)),
      addressFailures: Number(count?.n ?? 0),
    };
  }

  /**
   * Records an attempt (a failure until `succeeded` says otherwise; `failed` when it is known to be one already)
   * and forgets every one before `forgetBefore`.
   */
  async add(attempt: LoginAttempt, forgetBefore: number, failed = false): Promise<void> {
    await this.sql.run('DELETE FROM login_attempts WHERE at < ?', [forgetBefore]);
    await this.sql.run(
      'INSERT INTO login_attempts (id, account, address, at, failed) VALUES (@id, @account, @address, @at, @failed)',
      { ...attempt, failed: failed ? 1 : 0 },
    );
  }

  /** The attempt's password was checked and wrong: a failure settled, no longer one under way. */
  async failed(attempt: LoginAttempt): Promise<void> {
    await this.sql.run('UPDATE login_attempts SET failed = 1 WHERE id = ?', [attempt.id]);
  }

  /**
   * The attempt was right: it is no failure, and neither are the earlier failures of its account from its
   * address (the person got there in the end). Failures from other addresses stay: they were someone else.
   */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await this.sql.run(
      'DELETE FROM login_attempts WHERE id = @id OR (account = @account AND address = @address AND at <= @at)',
      { ...attempt },
    );
  }
}
