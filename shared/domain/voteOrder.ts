import type { WordDiff } from './wordDiff.js';

/**
 * How far an amendment moves a clause from its original wording: the number of words (tokens that contain
 * a letter or a digit) it deletes or inserts. A deletion of the whole clause is the furthest of all.
 */
export function distanceFromOriginal(diff: WordDiff, kind: 'replace' | 'insert_after' | 'delete'): number {
  if (kind === 'delete') return Number.POSITIVE_INFINITY;
  let words = 0;
  for (const part of diff) {
    if (part.op === 'equal') continue;
    words += part.text.match(/[\p{L}\p{M}\p{N}]+(?:['’\-‐][\p{L}\p{M}\p{N}]+)*/gu)?.length ?? 0;
  }
  return words;
}

/** What the order needs of an amendment. */
export interface Orderable {
  id: string;
  kind: 'replace' | 'insert_after' | 'delete';
  diff: WordDiff;
  /** ISO timestamp of submission: the tie-breaker, earlier first. */
  createdAt: string;
}

/**
 * Amendments to one clause in the order they are put to the vote: the one furthest removed in substance from
 * the original first, then the next furthest, and so on (the rule most conferences follow, e.g. rule 90 of
 * the UN General Assembly's rules of procedure). Equally distant amendments keep the order of submission.
 */
export function furthestFirst<T extends Orderable>(amendments: readonly T[]): T[] {
  return amendments
    .map((a) => ({ a, d: distanceFromOriginal(a.diff, a.kind) }))
    .sort((x, y) => (x.d === y.d ? x.a.createdAt.localeCompare(y.a.createdAt) : y.d - x.d))
    .map(({ a }) => a);
}
