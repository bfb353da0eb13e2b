import type { Migration } from '../migrate.js';

/**
 * Amendments on a span: `amendments.span` holds the words an amendment changes inside its clause, as JSON
 * `{ start, end, quote }` (two base64 Yjs relative positions and the words quoted when it was proposed; see
 * `amendmentSpan` in shared/api/amendments.ts). Null for a whole-clause amendment, as every earlier row is.
 */
export const amendmentSpans: Migration = {
  version: 140,
  name: 'amendment_spans',
  sqlite: `ALTER TABLE amendments ADD COLUMN span TEXT;`,
  postgres: `ALTER TABLE amendments ADD COLUMN span TEXT;`,
};
