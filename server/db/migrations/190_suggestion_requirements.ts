import type { Migration } from '../migrate.js';

/**
 * Suggestion mode (docs/negotiation.md, "Suggestion mode"): a row per document on which the secretariat
 * requires the delegations to write as suggestions, with when and by whom. No row: not required. The
 * suggestions themselves are marks in the live text (Yjs); their decisions are ledger entries.
 */
const table = `
    CREATE TABLE suggestion_requirements (
      document_id TEXT PRIMARY KEY REFERENCES documents(id),
      required_by TEXT NOT NULL REFERENCES users(id),
      required_at TEXT NOT NULL
    );
`;

export const suggestionRequirements: Migration = {
  version: 190,
  name: 'suggestion_requirements',
  sqlite: table,
  postgres: table,
};
