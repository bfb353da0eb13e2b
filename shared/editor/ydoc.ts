import type * as Y from 'yjs';
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror';
import type { Node as PMNode } from 'prosemirror-model';
import { clauseSchema } from './schema.js';

/**
 * The Yjs layout of a declaration (public contract): a root `Y.Array<string>` named `order` holding clause
 * ids in document order, and per clause a root `Y.XmlFragment` named `clause/<clauseId>` holding its
 * y-prosemirror content. Each clause is its own root so it keeps its identity when clauses move, and the
 * server can tell which clause any update touches.
 */
export const ORDER_KEY = 'order';
export const CLAUSE_PREFIX = 'clause/';

/** Root name of a clause's fragment. */
export function clauseKey(clauseId: string): string {
  return CLAUSE_PREFIX + clauseId;
}

/** The clause id of a root name, or null when the root is not a clause. */
export function clauseIdOfKey(key: string): string | null {
  return key.startsWith(CLAUSE_PREFIX) ? key.slice(CLAUSE_PREFIX.length) : null;
}

export function getOrder(doc: Y.Doc): Y.Array<string> {
  return doc.getArray<string>(ORDER_KEY);
}

export function getClauseFragment(doc: Y.Doc, clauseId: string): Y.XmlFragment {
  return doc.getXmlFragment(clauseKey(clauseId));
}

/** Clause ids in document order, without duplicates (a concurrent move can briefly list one twice). */
export function clauseOrder(doc: Y.Doc): string[] {
  return [...new Set(getOrder(doc).toArray())];
}

/** The clause's content as a ProseMirror node of the shared schema. */
export function readClause(doc: Y.Doc, clauseId: string): PMNode {
  const node = yXmlFragmentToProseMirrorRootNode(getClauseFragment(doc, clauseId), clauseSchema);
  return node.childCount > 0 ? node : clauseSchema.node('doc', null, [clauseSchema.node('paragraph')]);
}

/** Replaces a clause's whole content (call inside `doc.transact`). */
export function writeClause(doc: Y.Doc, clauseId: string, content: PMNode): void {
  prosemirrorToYXmlFragment(content, getClauseFragment(doc, clauseId));
}
