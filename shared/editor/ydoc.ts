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

/** Root name of a clause's version in `lang`: `clause/<clauseId>/<lang>` (clause ids hold no `/`). */
export function versionKey(clauseId: string, lang: string): string {
  return `${CLAUSE_PREFIX}${clauseId}/${lang}`;
}

/**
 * The clause id of an original clause's root name, or null when the root is not one (a version's root
 * included: see `versionOfKey`).
 */
export function clauseIdOfKey(key: string): string | null {
  if (!key.startsWith(CLAUSE_PREFIX)) return null;
  const id = key.slice(CLAUSE_PREFIX.length);
  return id.includes('/') ? null : id;
}

/**
 * What the text limits count a root's text under: the clause id for an original clause, `<clauseId>/<lang>`
 * for a version (so `getClauseFragment(doc, key)` reads either); null for any other root.
 */
export function textKeyOf(key: string): string | null {
  if (clauseIdOfKey(key) !== null || versionOfKey(key) !== null) return key.slice(CLAUSE_PREFIX.length);
  return null;
}

/** The clause and language of a version's root name, or null when the root is not a version. */
export function versionOfKey(key: string): { clauseId: string; lang: string } | null {
  if (!key.startsWith(CLAUSE_PREFIX)) return null;
  const parts = key.slice(CLAUSE_PREFIX.length).split('/');
  return parts.length === 2 && parts[0] && parts[1] ? { clauseId: parts[0], lang: parts[1] } : null;
}

export function getOrder(doc: Y.Doc): Y.Array<string> {
  return doc.getArray<string>(ORDER_KEY);
}

export function getClauseFragment(doc: Y.Doc, clauseId: string): Y.XmlFragment {
  return doc.getXmlFragment(clauseKey(clauseId));
}

/** The fragment of a clause's version in `lang` (empty until a translator writes it). */
export function getVersionFragment(doc: Y.Doc, clauseId: string, lang: string): Y.XmlFragment {
  return doc.getXmlFragment(versionKey(clauseId, lang));
}

/** Clause ids in document order, without duplicates (a concurrent move can briefly list one twice). */
export function clauseOrder(doc: Y.Doc): string[] {
  return [...new Set(getOrder(doc).toArray())];
}

/** The clause's content as a ProseMirror node of the shared schema. */
export function readClause(doc: Y.Doc, clauseId: string): PMNode {
  return asClause(yXmlFragmentToProseMirrorRootNode(getClauseFragment(doc, clauseId), clauseSchema));
}

/** A clause's version in `lang` as a ProseMirror node (an empty paragraph while nothing is written). */
export function readVersion(doc: Y.Doc, clauseId: string, lang: string): PMNode {
  const key = versionKey(clauseId, lang);
  // Reading must not create the root: a version nobody wrote stays absent from the document.
  if (!doc.share.has(key)) return clauseSchema.node('doc', null, [clauseSchema.node('paragraph')]);
  return asClause(yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(key), clauseSchema));
}

function asClause(node: PMNode): PMNode {
  return node.childCount > 0 ? node : clauseSchema.node('doc', null, [clauseSchema.node('paragraph')]);
}

/** Replaces a clause's whole content (call inside `doc.transact`). */
export function writeClause(doc: Y.Doc, clauseId: string, content: PMNode): void {
  prosemirrorToYXmlFragment(content, getClauseFragment(doc, clauseId));
}

/** Replaces a clause's version in `lang` (call inside `doc.transact`): the version's root is created. */
export function writeVersion(doc: Y.Doc, clauseId: string, lang: string, content: PMNode): void {
  prosemirrorToYXmlFragment(content, getVersionFragment(doc, clauseId, lang));
}
