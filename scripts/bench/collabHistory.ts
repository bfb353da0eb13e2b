import * as Y from 'yjs';
import { readDemoDeclaration } from '../../server/seed/demoDocument.js';
import { parseMarkup } from '../../shared/editor/markup.js';
import { getClauseFragment, getOrder, writeClause } from '../../shared/editor/ydoc.js';
import type { ClauseKind } from '../../shared/domain/clauses.js';

/** The benchmark document: the demo declaration's clauses, then a history of small edits. */
export interface BenchDocument {
  clauses: { id: string; kind: ClauseKind }[];
  /** The initial state, then one update per edit of the history, in order. */
  updates: Uint8Array[];
}

/** A small deterministic generator, so every server gets the same history. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 0x100000000;
  };
}

/**
 * Builds the declaration and `edits` edits made by a few earlier authors (insertions of words and, one in
 * four, deletions), each its own update, like a drafting session's log.
 */
export function benchDocument(edits: number): BenchDocument {
  const seed = readDemoDeclaration();
  const doc = new Y.Doc();
  doc.clientID = 1;
  const clauses = seed.clauses.map((c, i) => ({ id: `c${i}`, kind: c.kind }));
  doc.transact(() => {
    seed.clauses.forEach((c, i) => writeClause(doc, clauses[i]!.id, parseMarkup(c.text)));
    getOrder(doc).insert(
      0,
      clauses.map((c) => c.id),
    );
  });
  const updates = [Y.encodeStateAsUpdate(doc)];
  const rand = random(42);
  const words = ['inclusive', 'education', 'all', 'learners', 'States', 'accessible', 'quality', 'support'];
  for (let i = 0; i < edits; i++) {
    doc.clientID = 2 + (i % 5);
    const clause = clauses[Math.floor(rand() * clauses.length)]!;
    const paragraph = getClauseFragment(doc, clause.id).get(0);
    const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
    if (!(text instanceof Y.XmlText)) continue;
    const before = Y.encodeStateVector(doc);
    if (rand() < 0.25 && text.length > 10) text.delete(Math.floor(rand() * (text.length - 5)), 3);
    else text.insert(Math.floor(rand() * text.length), ` ${words[Math.floor(rand() * words.length)]}`);
    updates.push(Y.encodeStateAsUpdate(doc, before));
  }
  return { clauses, updates };
}
