/**
 * The vocabulary of amendments the browser and the server share: kinds, the lifecycle and the action of an
 * amendment on a span. The request schemas are in `shared/api/amendments.ts`, which the browser does not load.
 */

/** What an amendment does to its clause. */
export const AMENDMENT_KINDS = ['replace', 'insert_after', 'delete'] as const;
export type AmendmentKind = (typeof AMENDMENT_KINDS)[number];

/**
 * Lifecycle: submitted → withdrawn | accepted | rejected | put_to_vote → adopted | not_adopted. Only a
 * `submitted` amendment can be co-sponsored, withdrawn, decided or put to a vote. One still submitted or put
 * to a vote when the text is adopted becomes `lapsed`: it was never decided.
 */
export const AMENDMENT_STATUSES = [
  'submitted',
  'withdrawn',
  'accepted',
  'rejected',
  'put_to_vote',
  'adopted',
  'not_adopted',
  'lapsed',
] as const;
export type AmendmentStatus = (typeof AMENDMENT_STATUSES)[number];

/** Statuses after which nothing more happens to an amendment. */
export const FINAL_AMENDMENT_STATUSES: readonly AmendmentStatus[] = [
  'withdrawn',
  'accepted',
  'rejected',
  'adopted',
  'not_adopted',
  'lapsed',
];

/** True while an amendment still awaits a decision (the chair's "still to decide" list). */
export function isPending(status: AmendmentStatus): boolean {
  return status === 'submitted' || status === 'put_to_vote';
}

/** What an amendment on a span does to its words: `replace` them, `insert` at a caret, `delete` them. */
export type SpanAction = 'replace' | 'insert' | 'delete';

/** The action of a span amendment of `kind` over `quote`. */
export function spanAction(kind: AmendmentKind, quote: string): SpanAction {
  if (kind === 'delete') return 'delete';
  return quote === '' ? 'insert' : 'replace';
}
