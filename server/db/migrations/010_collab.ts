import type { Migration } from '../migrate.js';

/**
 * Live co-editing: which person each Yjs client id belongs to (so no one can write under another's id), and
 * deleted clauses (their row and text stay for history and comments; they leave the order).
 */
export const collab: Migration = {
  version: 10,
  name: 'collab',
  sqlite: `
      -- A Yjs client id is bound to the first person who writes with it in a document.
      CREATE TABLE collab_client_ids (
        document_id TEXT NOT NULL REFERENCES documents(id),
        client_id INTEGER NOT NULL,
        user_id TEXT NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        PRIMARY KEY (document_id, client_id)
      ) WITHOUT ROWID;
      ALTER TABLE clauses ADD COLUMN deleted_at TEXT;
    `,
  postgres: `
      -- A Yjs client id is bound to the first person who writes with it in a document. Client ids go up to
      -- 2^32 - 1, past PostgreSQL's INTEGER.
      CREATE TABLE collab_client_ids (
        document_id TEXT NOT NULL REFERENCES documents(id),
        client_id BIGINT NOT NULL,
        user_id TEXT NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        PRIMARY KEY (document_id, client_id)
      );
      ALTER TABLE clauses ADD COLUMN deleted_at TEXT;
    `,
};
