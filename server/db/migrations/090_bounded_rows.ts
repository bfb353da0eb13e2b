import type { Migration } from '../migrate.js';

/**
 * Two bounds on rows a person's requests leave behind:
 *
 * - `login_attempts.failed`: an attempt is written before its password is checked and counts as a failure of
 *   its account until it succeeds; it is marked `failed` once the check said no. The per-address limit holds
 *   only accounts with such a settled failure from the address, so a person signing in from a crowded address
 *   (twice at once: a double click, two devices) is never held by their own attempt under way. Rows written
 *   before this migration were failures or abandoned checks: they count as failed.
 * - `idempotency_keys.user_id`: whose request claimed the key, so the answers kept for one person are
 *   bounded (`server/http/idempotency.ts`), not only their age. Rows written before carry ''.
 */
export const boundedRows: Migration = {
  version: 90,
  name: 'bounded_rows',
  sqlite: `
    ALTER TABLE login_attempts ADD COLUMN failed INTEGER NOT NULL DEFAULT 0;
    UPDATE login_attempts SET failed = 1;
    ALTER TABLE idempotency_keys ADD COLUMN user_id TEXT NOT NULL DEFAULT '';
    CREATE INDEX idempotency_keys_user ON idempotency_keys(user_id, created_at);
  `,
  postgres: `
    ALTER TABLE login_attempts ADD COLUMN failed INTEGER NOT NULL DEFAULT 0;
    UPDATE login_attempts SET failed = 1;
    ALTER TABLE idempotency_keys ADD COLUMN user_id TEXT NOT NULL DEFAULT '';
    CREATE INDEX idempotency_keys_user ON idempotency_keys(user_id, created_at);
  `,
};
