import type { Migration } from '../migrate.js';

/**
 * The public gallery: a row per document the chair has published at `/public/:id` (no account needed), with
 * when and by whom. No row: not public. Unpublishing deletes the row; the ledger keeps both moves.
 */
export const publications: Migration = {
  version: 130,
  name: 'publications',
  sqlite: `
    CREATE TABLE publications (
      document_id TEXT PRIMARY KEY REFERENCES documents(id),
      published_by TEXT NOT NULL REFERENCES users(id),
      published_at TEXT NOT NULL
    );
  `,
  postgres: `
    CREATE TABLE publications (
      document_id TEXT PRIMARY KEY REFERENCES documents(id),
      published_by TEXT NOT NULL REFERENCES users(id),
      published_at TEXT NOT NULL
    );
  `,
};
