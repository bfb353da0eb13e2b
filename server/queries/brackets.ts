import type * as Y from 'yjs';
import type { AlternativeJson, AlternativeInput } from '../../shared/api/brackets.js';
import { alternativeLabel } from '../../shared/api/brackets.js';
import type { Actor } from '../../shared/domain/roles.js';
import type { AppContext } from '../context.js';
import type { BracketRow } from '../db/repositories/brackets.js';
import { HttpError } from '../http/errors.js';
import { placeSpan, type PlacedSpan, type StoredSpan } from './amendmentSpans.js';

/** The bracket, or 404 `bracket_not_found`. */
export async function loadBracket(ctx: AppContext, id: string): Promise<BracketRow> {
  const row = await ctx.store.brackets.get(id);
  if (!row) throw HttpError.of('bracket_not_found', `No bracket ${id}.`);
  return row;
}

/** 409 `bracket_resolved` once a bracket's wording is settled. */
export function requireOpen(row: BracketRow): void {
  if (row.status !== 'open') throw HttpError.of('bracket_resolved');
}

export function bracketSpan(row: BracketRow): StoredSpan {
  return JSON.parse(row.span) as StoredSpan;
}

export function bracketAlternatives(row: BracketRow): AlternativeJson[] {
  return JSON.parse(row.alternatives) as AlternativeJson[];
}

/** Where a bracket's words are in today's text, or null when they no longer resolve to one stretch of one paragraph. */
export function placeBracket(doc: Y.Doc, row: BracketRow): PlacedSpan | null {
  const placed = placeSpan(doc, row.clause_id, bracketSpan(row));
  return placed && placed.text && placed.from <= placed.to ? placed : null;
}

/**
 * The alternatives as stored: labelled A, B… in the order given, their words on one line (400
 * `span_multiline` otherwise: an alternative takes the place of words within a paragraph).
 */
export function labelAlternatives(list: readonly AlternativeInput[]): AlternativeJson[] {
  return list.map((a, i) => {
    if (/[\n\r]/.test(a.text)) {
      throw HttpError.of('span_multiline', 'An alternative is words within one paragraph.', `alternatives.${i}.text`);
    }
    return { label: alternativeLabel(i), text: a.text, sponsors: a.sponsors ?? [] };
  });
}

/**
 * A delegation names only itself as a sponsor: every sponsor other than the actor's own delegation must
 * already sponsor that alternative (by label) in `before` (403 `not_own_delegation`). The secretariat, who
 * records what delegations proposed, names anyone.
 */
export function checkSponsors(
  actor: Actor,
  next: readonly AlternativeJson[],
  before: readonly AlternativeJson[],
): void {
  if (!actor.delegation) return;
  for (const alternative of next) {
    const had = new Set(before.find((b) => b.label === alternative.label)?.sponsors ?? []);
    const other = alternative.sponsors.find((code) => code !== actor.delegation && !had.has(code));
    if (other) {
      throw HttpError.of(
        'not_own_delegation',
        `A delegation names only itself as a sponsor of an alternative; ${other} was not one of alternative ${alternative.label}.`,
      );
    }
  }
}
