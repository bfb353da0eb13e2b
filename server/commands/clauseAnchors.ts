import * as Y from 'yjs';
import type { CommentAnchor } from '../../shared/api/comments.js';
import { getClauseFragment } from '../../shared/editor/ydoc.js';
import type { AppContext } from '../context.js';
import { anchorRange, ClauseTextMap } from '../presenters/comment.js';

/**
 * Comments through a split or a merge. An anchor is a pair of relative positions over its clause's
 * fragment, and both commands write words into another clause as new items: each comment on words that
 * change clause is moved with them, to the same words in the other clause. Offsets count the clause's plain
 * text, paragraphs joined by one newline (`ClauseTextMap`).
 */

/** A comment of the clause, and the range of its text its anchor covers now (null: the whole clause). */
export interface PlacedComment {
  id: string;
  anchor: string | null;
  range: [number, number] | null;
}

/** Where each comment of a clause points in its text as it is now. */
export async function placeComments(
  ctx: AppContext,
  doc: Y.Doc,
  documentId: string,
  clauseId: string,
): Promise<PlacedComment[]> {
  const rows = await ctx.store.comments.anchorsOf(documentId, clauseId);
  return rows.map((row) => ({ ...row, range: row.anchor ? rangeOf(doc, clauseId, row.anchor) : null }));
}

/** The length of the clause's text as anchors count it. */
export function anchorTextLength(doc: Y.Doc, clauseId: string): number {
  return new ClauseTextMap(getClauseFragment(doc, clauseId)).text.length;
}

function rangeOf(doc: Y.Doc, clauseId: string, stored: string): [number, number] | null {
  try {
    return anchorRange(doc, new ClauseTextMap(getClauseFragment(doc, clauseId)), JSON.parse(stored) as CommentAnchor);
  } catch {
    return null;
  }
}

/** The stored anchor moved onto `range` of the clause's text as it is now; unchanged when it has no text. */
export function anchorAt(doc: Y.Doc, clauseId: string, stored: string, range: [number, number]): string {
  const target = new ClauseTextMap(getClauseFragment(doc, clauseId));
  const encode = (position: Y.RelativePosition | null): string | null =>
    position ? Buffer.from(Y.encodeRelativePosition(position)).toString('base64') : null;
  const start = encode(target.relativeAt(range[0]));
  const end = encode(target.relativeAt(range[1]));
  return start && end ? JSON.stringify({ ...(JSON.parse(stored) as CommentAnchor), start, end }) : stored;
}

/**
 * Moves the comments of `from` that `moves` picks to `to`, each anchored `shift` characters further on (words
 * already deleted keep their anchor, and read as gone wherever they are). Returns how many moved.
 */
export async function moveComments(
  ctx: AppContext,
  doc: Y.Doc,
  comments: PlacedComment[],
  to: string,
  shift: number,
  moves: (comment: PlacedComment) => boolean,
): Promise<number> {
  let moved = 0;
  for (const comment of comments) {
    if (!moves(comment)) continue;
    const anchor =
      comment.anchor && comment.range
        ? anchorAt(doc, to, comment.anchor, [comment.range[0] + shift, comment.range[1] + shift])
        : comment.anchor;
    await ctx.store.comments.relocate(comment.id, to, anchor);
    moved += 1;
  }
  return moved;
}
