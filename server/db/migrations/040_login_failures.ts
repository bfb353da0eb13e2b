import type { Migration } from '../migrate.js';

/**
 * Failed sign-ins, counted in the database rather than in one process's memory: every node sharing the
 * database enforces the same limit, and a restart does not reset it. Rows older than the window are purged
 * as new failures arrive.
 */
export const loginFailures: Migration = {
  version: 40,
  name: 'login_failures',
  sqlite: `
    CREATE TABLE login_failures (
      key TEXT NOT NULL,
      at INTEGER NOT NULL
    );
    CREATE INDEX login_failures_lookup ON login_failures(key, at);
    CREATE INDEX login_failures_at ON login_failures(at);
  `,
  postgres: `
    CREATE TABLE login_failures (
      key TEXT NOT NULL,
      at BIGINT NOT NULL
    );
    CREATE INDEX login_failures_lookup ON login_failures(key, at);
    CREATE INDEX login_failures_at ON login_failures(at);
  `,
};
