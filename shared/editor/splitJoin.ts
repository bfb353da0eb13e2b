import type { Fragment, Node as PMNode } from 'prosemirror-model';
import { clauseSchema } from './schema.js';

/**
 * Splitting a clause in two and joining two clauses into one, on the shared schema. Both are pure: the
 * server applies them to the live text (`server/commands/splitClause.ts`, `mergeClause.ts`), the tests read
 * them as sentences.
 */

/** A clause with no blocks is one empty paragraph, as the editor shows it. */
function asClause(content: Fragment): PMNode {
  const node = clauseSchema.node('doc', null, content.childCount > 0 ? content : [clauseSchema.node('paragraph')]);
  node.check();
  return node;
}

const isEmptyParagraph = (node: PMNode | null): boolean =>
  node?.type === clauseSchema.nodes.paragraph && node.content.size === 0;

/**
 * The clause cut at `pos` (a ProseMirror position in it): what stays before, what goes to the new clause.
 * A cut inside a subparagraph keeps the list on both sides, so (a)/(i) carry on in the second clause. A cut
 * between two paragraphs leaves no empty paragraph behind on either side (one in a clause of its own stays,
 * to type into). Throws `RangeError` when `pos` is outside the clause.
 */
export function splitClauseAt(clause: PMNode, pos: number): { first: PMNode; second: PMNode } {
  if (!Number.isInteger(pos) || pos < 0 || pos > clause.content.size)
    throw new RangeError(`Position ${pos} is outside the clause (0–${clause.content.size})`);
  let before = clause.content.cut(0, pos);
  let after = clause.content.cut(pos);
  if (before.childCount > 1 && isEmptyParagraph(before.lastChild))
    before = before.cut(0, before.size - before.lastChild!.nodeSize);
  if (after.childCount > 1 && isEmptyParagraph(after.firstChild)) after = after.cut(after.firstChild!.nodeSize);
  return { first: asClause(before), second: asClause(after) };
}

/**
 * `previous` followed by `next` as one clause. When the first ends with a paragraph and the second starts
 * with one, the two paragraphs become one (as Backspace joins them in a word processor); lists stay lists.
 * Returns the joined clause and where the second's text begins in it (for the caret).
 */
export function joinClauses(previous: PMNode, next: PMNode): { joined: PMNode; joinAt: number } {
  const last = previous.lastChild;
  const first = next.firstChild;
  if (last?.type.name === 'paragraph' && first?.type.name === 'paragraph') {
    const paragraph = last.copy(last.content.append(first.content));
    const before = previous.content.cut(0, previous.content.size - last.nodeSize);
    const joined = asClause(before.addToEnd(paragraph).append(next.content.cut(first.nodeSize)));
    return { joined, joinAt: previous.content.size - 1 };
  }
  return { joined: asClause(previous.content.append(next.content)), joinAt: previous.content.size + 1 };
}

/** True when the clause holds no text at all (a fresh empty paragraph). */
export function isEmptyClause(clause: PMNode): boolean {
  return clause.textContent.length === 0;
}
