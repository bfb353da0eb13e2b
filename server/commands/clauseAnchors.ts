import * as Y from 'yjs';
import type { CommentAnchor } from '../../shared/api/comments.js';
import { getClauseFragment } from '../../shared/editor/ydoc.js';
import { anchorRange, ClauseTextMap } from '../presenters/comment.js';

/**
 * Comment anchors through a merge: an anchor is a pair of relative positions over its clause's fragment,
 * and a merge writes the second clause's words into the first as new items, so each anchor of the second
 * clause is moved to the same words in the merged text. Call after the merge has been applied, with the
 * second clause's fragment untouched (a deleted clause keeps its text).
 */
export function anchorMover(doc: Y.Doc, from: string, into: string): (stored: string | null) => string | null {
  const source = new ClauseTextMap(getClauseFragment(doc, from));
  const target = new ClauseTextMap(getClauseFragment(doc, into));
  // The merged clause ends with the second clause's text: a paragraph joined or one after a newline.
  const shift = target.text.length - source.text.length;
  const encode = (position: Y.RelativePosition | null): string | null =>
    position ? Buffer.from(Y.encodeRelativePosition(position)).toString('base64') : null;
  return (stored) => {
    if (!stored) return null;
    const anchor = JSON.parse(stored) as CommentAnchor;
    let range: [number, number] | null = null;
    try {
      range = anchorRange(doc, source, anchor);
    } catch {
      range = null;
    }
    // Words already deleted stay deleted: the anchor keeps its quote and reads as gone wherever it is.
    if (!range) return stored;
    const start = encode(target.relativeAt(range[0] + shift));
    const end = encode(target.relativeAt(range[1] + shift));
    return start && end ? JSON.stringify({ ...anchor, start, end }) : stored;
  };
}
