import type { ClauseStatus } from './clauses.js';
import type { TranslationStatus } from './languages.js';

/**
 * What is still unfinished in a text when the chair puts it to a vote as a whole, or records it as adopted
 * without a vote. The server refuses either with 409 `needs_acknowledgement` listing these items, unless
 * the chair acknowledged them (`acknowledge: true`); the console shows the list. Adoption itself lapses the
 * undecided amendments and the other open votes, so the chair should know about them before.
 */

/**
 * How long after a person's edit a clause still counts as being typed in, in ms (15 s): someone who paused
 * mid-sentence is still writing it. Edits still waiting for their group commit count too: the server applies
 * them in memory as they arrive.
 */
export const TYPING_WINDOW_MS = 15_000;

/** The kinds of unfinished work, in the order the list gives them. */
export const UNFINISHED_KINDS = [
  'bracketed',
  'suggestions_pending',
  'not_agreed',
  'amendment_undecided',
  'typing',
  'open_vote',
  'translation_unfinished',
] as const;
export type UnfinishedKind = (typeof UNFINISHED_KINDS)[number];

/**
 * One unfinished item. `ref` is the clause's short reference ("OP3"), null for a clause no longer in the
 * text (an amendment's), so a list reads on its own.
 * - `bracketed`: the clause's text still holds `passages` bracketed passages (`[…]`);
 * - `suggestions_pending`: the clause holds `count` suggestions no one has accepted or rejected yet (suggestion
 *   mode): their words are not part of the text that would be adopted;
 * - `not_agreed`: the clause is not agreed ad referendum (`status`: open, under discussion or bracketed);
 * - `amendment_undecided`: an amendment submitted or put to a vote, by `delegation`; it lapses at adoption;
 * - `typing`: someone edited the clause within `TYPING_WINDOW_MS`;
 * - `open_vote`: another vote is open (on a clause or an amendment); it lapses at adoption;
 * - `translation_unfinished`: a language version (`lang`) with clauses not current: `missing` (no text),
 *   `stale` (the original changed since it was marked current) and `draft` (never vouched for), each a list of
 *   clauses in document order; `total` is the clauses of the text. Every version of a document is official (an
 *   outcome document is equally authentic in each of its languages), so each is listed.
 */
export type UnfinishedItem =
  | { kind: 'bracketed'; clauseId: string; ref: string; passages: number }
  | { kind: 'suggestions_pending'; clauseId: string; ref: string; count: number }
  | { kind: 'not_agreed'; clauseId: string; ref: string; status: ClauseStatus }
  | {
      kind: 'amendment_undecided';
      amendmentId: string;
      clauseId: string;
      ref: string | null;
      status: 'submitted' | 'put_to_vote';
      delegation: string;
    }
  | { kind: 'typing'; clauseId: string; ref: string }
  | { kind: 'open_vote'; voteId: string; subject: { type: 'clause' | 'amendment'; id: string }; ref: string | null }
  | {
      kind: 'translation_unfinished';
      lang: string;
      missing: UnfinishedClauseRef[];
      stale: UnfinishedClauseRef[];
      draft: UnfinishedClauseRef[];
      total: number;
    };

/** A clause an item names, by id and short reference. */
export interface UnfinishedClauseRef {
  clauseId: string;
  ref: string;
}

/** A language version as the rule reads it: the status of each clause's version (absent: missing). */
export interface UnfinishedVersion {
  lang: string;
  statuses: Readonly<Record<string, TranslationStatus>>;
}

/** A clause of the text as the rule needs it, in document order. */
export interface UnfinishedClause {
  id: string;
  ref: string;
  status: ClauseStatus;
  /** Bracketed passages in its text. */
  openBrackets: number;
  /** Suggestions pending in its text (none when absent). */
  suggestions?: number;
}

/** What the rule reads: the text, the amendments, the votes, and the clauses people are typing in. */
export interface UnfinishedInput {
  clauses: readonly UnfinishedClause[];
  amendments: readonly { id: string; clauseId: string; status: string; delegation: string }[];
  /** Open votes other than the one being decided (or opened); a vote on the whole text is not listed. */
  openVotes: readonly { id: string; subject: { type: 'clause' | 'amendment' | 'document'; id: string } }[];
  /** Ids of the clauses edited within the typing window. */
  typing: Iterable<string>;
  /** The document's language versions besides its original, in the order listed (none when absent). */
  versions?: readonly UnfinishedVersion[];
}

/**
 * The unfinished items of a text, grouped by kind in `UNFINISHED_KINDS` order and in document order within a
 * kind (amendments, votes and versions in the order given). Empty when the text is finished: every clause
 * agreed ad referendum without brackets or pending suggestions, nothing undecided, nobody typing, no other vote open, and every
 * clause current in every language version.
 */
export function unfinishedItems(input: UnfinishedInput): UnfinishedItem[] {
  const refOf = new Map(input.clauses.map((c) => [c.id, c.ref]));
  const amendmentClause = new Map(input.amendments.map((a) => [a.id, a.clauseId]));
  const typing = new Set(input.typing);
  const items: UnfinishedItem[] = [];
  for (const c of input.clauses)
    if (c.openBrackets > 0) items.push({ kind: 'bracketed', clauseId: c.id, ref: c.ref, passages: c.openBrackets });
  for (const c of input.clauses)
    if (c.suggestions) items.push({ kind: 'suggestions_pending', clauseId: c.id, ref: c.ref, count: c.suggestions });
  for (const c of input.clauses)
    if (c.status !== 'agreed_ad_ref') items.push({ kind: 'not_agreed', clauseId: c.id, ref: c.ref, status: c.status });
  for (const a of input.amendments) {
    if (a.status !== 'submitted' && a.status !== 'put_to_vote') continue;
    items.push({
      kind: 'amendment_undecided',
      amendmentId: a.id,
      clauseId: a.clauseId,
      ref: refOf.get(a.clauseId) ?? null,
      status: a.status,
      delegation: a.delegation,
    });
  }
  for (const c of input.clauses) if (typing.has(c.id)) items.push({ kind: 'typing', clauseId: c.id, ref: c.ref });
  for (const v of input.openVotes) {
    if (v.subject.type === 'document') continue;
    const clauseId = v.subject.type === 'clause' ? v.subject.id : amendmentClause.get(v.subject.id);
    items.push({
      kind: 'open_vote',
      voteId: v.id,
      subject: { type: v.subject.type, id: v.subject.id },
      ref: (clauseId && refOf.get(clauseId)) ?? null,
    });
  }
  for (const version of input.versions ?? []) {
    const item = unfinishedVersion(input.clauses, version);
    if (item) items.push(item);
  }
  return items;
}

/** A version's clauses that are not current, or null when every one is. */
function unfinishedVersion(clauses: readonly UnfinishedClause[], version: UnfinishedVersion): UnfinishedItem | null {
  const of = (status: TranslationStatus): UnfinishedClauseRef[] =>
    clauses
      .filter((c) => (version.statuses[c.id] ?? 'missing') === status)
      .map((c) => ({ clauseId: c.id, ref: c.ref }));
  const missing = of('missing');
  const stale = of('stale');
  const draft = of('draft');
  if (missing.length + stale.length + draft.length === 0) return null;
  return { kind: 'translation_unfinished', lang: version.lang, missing, stale, draft, total: clauses.length };
}
