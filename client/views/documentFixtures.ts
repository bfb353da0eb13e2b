import type { SessionUser } from '../../shared/api/auth.js';
import type { ClauseJson, DocumentJson } from '../../shared/api/documents.js';
import type { DocumentPageProps } from './documentExtensions.js';

/**
 * Documents for the document page's unit tests (its drawing, its parts): a clause of a kind, with its reference
 * and number as the server presents them, and a document in negotiation holding some.
 */
export const fixtureClause = (id: string, kind: ClauseJson['kind'], extra: Partial<ClauseJson> = {}): ClauseJson => ({
  id,
  kind,
  ref: kind === 'title' ? 'Title' : id.toUpperCase(),
  number: kind === 'operative' ? id.slice(2) : null,
  text: `Text of ${id}`,
  status: 'open',
  openBrackets: 0,
  ...extra,
});

export const fixtureDocument = (clauses: ClauseJson[], extra: Partial<DocumentJson> = {}): DocumentJson => ({
  id: 'doc-1',
  title: 'Declaration',
  symbol: 'D/1',
  stage: 'negotiation',
  metadata: {},
  clauses,
  ...extra,
});

/** An operative clause as a version's tests read it: its text and, in a version, its translation's state. */
export const fixtureVersionClause = (id: string, text: string, translation?: ClauseJson['translation']): ClauseJson =>
  fixtureClause(id, 'operative', { number: '1', ref: 'OP1', text, ...(translation ? { translation } : {}) });

/** The original in English and a Kazakh version, with their coverage. */
export const fixtureLanguages: DocumentJson['languages'] = [
  { code: 'en', original: true, current: 31, total: 31 },
  { code: 'kk', original: false, current: 27, total: 31 },
];

/** A person of `role`, of no delegation, translating into `translationLanguages`. */
export const fixturePerson = (role: SessionUser['role'], translationLanguages: string[] = []): SessionUser => ({
  id: 'u',
  username: 'u',
  displayName: 'U',
  role,
  delegation: null,
  translationLanguages,
});

/** The page as its parts see it, for `data` read by `user` in the original. */
export const fixturePageProps = (
  data: DocumentJson,
  user: SessionUser,
  extra: Partial<DocumentPageProps> = {},
): DocumentPageProps => ({
  documentId: data.id,
  data,
  user,
  choice: { lang: null, parallel: false },
  scrollToClause: () => {},
  clauseBody: () => null,
  refresh: async () => {},
  editing: { live: false },
  mark: () => {},
  ...extra,
});
