import type * as Y from 'yjs';
import type { AppContext } from '../context.js';
import { placeSpan, spanOf } from '../queries/amendmentSpans.js';
import { anchorAt } from './clauseAnchors.js';

/**
 * Amendments on a span through a split or a merge, as comments go (`clauseAnchors.ts`): both commands write
 * words into another clause as new items, so a span over words that change clause is moved with them, to
 * the same words in the other clause. A span no longer found stays as it was, and reads as stale.
 */

/** An amendment of the clause on a span, and where its words are in the clause's text now. */
export interface PlacedSpanAmendment {
  id: string;
  span: string;
  range: [number, number] | null;
}

/** Where each amendment on a span of the clause points in its text as it is now. */
export async function placeSpanAmendments(
  ctx: AppContext,
  doc: Y.Doc,
  documentId: string,
  clauseId: string,
): Promise<PlacedSpanAmendment[]> {
  const rows = (await ctx.store.amendments.forDocument(documentId)).filter(
    (row) => row.clause_id === clauseId && row.span,
  );
  return rows.map((row) => {
    const placed = placeSpan(doc, clauseId, spanOf(row)!);
    return { id: row.id, span: row.span!, range: placed && placed.from <= placed.to ? [placed.from, placed.to] : null };
  });
}

/**
 * Moves the amendments on a span that `moves` picks to `to`, each span `shift` characters further on. Returns
 * how many moved.
 */
export async function moveSpanAmendments(
  ctx: AppContext,
  doc: Y.Doc,
  placed: PlacedSpanAmendment[],
  to: string,
  shift: number,
  moves: (amendment: PlacedSpanAmendment) => boolean,
): Promise<number> {
  let moved = 0;
  for (const amendment of placed) {
    if (!moves(amendment)) continue;
    const span = amendment.range
      ? anchorAt(doc, to, amendment.span, [amendment.range[0] + shift, amendment.range[1] + shift])
      : amendment.span;
    await ctx.store.amendments.relocate(amendment.id, to, span);
    moved += 1;
  }
  return moved;
}
