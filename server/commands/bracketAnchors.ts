import type * as Y from 'yjs';
import type { AppContext } from '../context.js';
import { placeBracket } from '../queries/brackets.js';
import { anchorAt } from './clauseAnchors.js';

/**
 * Open brackets through a split or a merge, as amendments on a span go (`amendmentAnchors.ts`): words that
 * change clause are new items there, so a bracket over them is moved with them, to the same words in the
 * other clause. A bracket whose words are no longer found stays as it was (its words read as gone).
 */

export interface PlacedBracket {
  id: string;
  span: string;
  range: [number, number] | null;
}

/** Where each open bracket of the clause lies in its text as it is now. */
export async function placeBrackets(
  ctx: AppContext,
  doc: Y.Doc,
  documentId: string,
  clauseId: string,
): Promise<PlacedBracket[]> {
  const rows = (await ctx.store.brackets.forDocument(documentId)).filter((row) => row.clause_id === clauseId);
  return rows.map((row) => {
    const placed = placeBracket(doc, row);
    return { id: row.id, span: row.span, range: placed ? [placed.from, placed.to] : null };
  });
}

/** Moves the brackets `moves` picks to `to`, each `shift` characters further on. Returns how many moved. */
export async function moveBrackets(
  ctx: AppContext,
  doc: Y.Doc,
  placed: PlacedBracket[],
  to: string,
  shift: number,
  moves: (bracket: PlacedBracket) => boolean,
): Promise<number> {
  let moved = 0;
  for (const bracket of placed) {
    if (!moves(bracket)) continue;
    const span = bracket.range
      ? anchorAt(doc, to, bracket.span, [bracket.range[0] + shift, bracket.range[1] + shift])
      : bracket.span;
    await ctx.store.brackets.relocate(bracket.id, to, span);
    moved += 1;
  }
  return moved;
}
