import type { Migration } from '../migrate.js';

/**
 * A document's event sequence (docs/architecture.md, "Events and the first join"): how many events have been
 * announced to the document's room, bumped in the transaction of the change each announces. A screen compares
 * the number its reads carried with the one its join was answered with, and reads again only when events
 * went out between the two.
 */
const column = (type: string): string => `
    ALTER TABLE documents ADD COLUMN events_seq ${type} NOT NULL DEFAULT 0;
`;

export const eventsSeq: Migration = {
  version: 200,
  name: 'events_seq',
  sqlite: column('INTEGER'),
  // BIGINT, as every sequence on PostgreSQL (`migrations/postgres.test.ts`); read back as a number.
  postgres: column('BIGINT'),
};
