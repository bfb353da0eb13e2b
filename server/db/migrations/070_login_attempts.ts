import type { Migration } from '../migrate.js';

/**
 * Sign-in attempts, one row each, counted before the password is checked: a row is written (as a failure)
 * in the same transaction that decides the attempt may go ahead, and removed only when the password was
 * right. Concurrent guesses therefore see each other, on every node sharing the database. Rows name the
 * account and the address, so the limits can count per account, per (account, address) and per address
 * (`server/auth/loginPolicy.ts`). They replace `login_failures`, which counted failures after the check.
 */
export const loginAttempts: Migration = {
  version: 70,
  name: 'login_attempts',
  sqlite: `
    DROP TABLE login_failures;
    CREATE TABLE login_attempts (
      id TEXT PRIMARY KEY,
      account TEXT NOT NULL,
      address TEXT NOT NULL,
      at INTEGER NOT NULL
    );
    CREATE INDEX login_attempts_account ON login_attempts(account, at);
    CREATE INDEX login_attempts_address ON login_attempts(address, at);
    CREATE INDEX login_attempts_at ON login_attempts(at);
  `,
  postgres: `
    DROP TABLE login_failures;
    CREATE TABLE login_attempts (
      id TEXT PRIMARY KEY,
      account TEXT NOT NULL,
      address TEXT NOT NULL,
      at BIGINT NOT NULL
    );
    CREATE INDEX login_attempts_account ON login_attempts(account, at);
    CREATE INDEX login_attempts_address ON login_attempts(address, at);
    CREATE INDEX login_attempts_at ON login_attempts(at);
  `,
};
