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
    const rows = await this.sql.all<{ at: number; address: string }>(
      'SELECT at, address FROM login_attempts WHERE account = ? AND at >= ? ORDER BY at, id',
      [account, since],
    );
    const count = await this.sql.get<{ n: number }>(
      'SELECT COUNT(*) AS n FROM login_attempts WHERE address = ? AND at >= ?',
      [address, since],
    );
    return {
      account: rows.map((r) => Number(r.at)),
      pair: rows.filter((r) => r.address === address).map((r) => Number(r.at)),
      addressFailures: Number(count?.n ?? 0),
    };
  }

  /** Records an attempt (a failure until `succeeded` says otherwise) and forgets every one before `forgetBefore`. */
  async add(attempt: LoginAttempt, forgetBefore: number): Promise<void> {
    await this.sql.run('DELETE FROM login_attempts WHERE at < ?', [forgetBefore]);
    await this.sql.run('INSERT INTO login_attempts (id, account, address, at) VALUES (@id, @account, @address, @at)', {
      ...attempt,
    });
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
