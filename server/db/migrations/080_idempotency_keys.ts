import type { Migration } from '../migrate.js';

/**
 * The first answer to each state-changing request sent with an `Idempotency-Key`, per session, kept 24 hours:
 * a repeated key (a double click, a retry after a lost answer, on any node, after a restart) gets that answer
 * again and changes nothing. A row is claimed (`running`) before the request runs, so of two requests with
 * one key only one runs; the other waits for the first's answer (`done`). `request_hash` tells a key reused
 * for a different request.
 */
export const idempotencyKeys: Migration = {
  version: 80,
  name: 'idempotency_keys',
  sqlite: `
    CREATE TABLE idempotency_keys (
      session_hash TEXT NOT NULL,
      key TEXT NOT NULL,
      request_hash TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('running', 'done')),
      status INTEGER,
      content_type TEXT,
      body TEXT,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (session_hash, key)
    );
    CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);
  `,
  postgres: `
    CREATE TABLE idempotency_keys (
      session_hash TEXT NOT NULL,
      key TEXT NOT NULL,
      request_hash TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('running', 'done')),
      status INTEGER,
      content_type TEXT,
      body TEXT,
      created_at BIGINT NOT NULL,
      PRIMARY KEY (session_hash, key)
    );
    CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);
  `,
};
