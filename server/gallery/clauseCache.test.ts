import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseMarkup } from '../../shared/editor/markup.js';
import { getClauseFragment, getOrder, writeClause } from '../../shared/editor/ydoc.js';
import type { ClauseRow } from '../db/repositories/documents.js';
import { ClauseCache } from './clauseCache.js';

function setup(clauses: [string, ClauseRow['kind'], string][]): { doc: Y.Doc; rows: Map<string, ClauseRow> } {
  const doc = new Y.Doc();
  doc.transact(() => {
    getOrder(doc).push(clauses.map(([id]) => id));
    for (const [id, , text] of clauses) writeClause(doc, id, parseMarkup(text));
  });
  const rows = new Map(
    clauses.map(([id, kind]): [string, ClauseRow] => [
      id,
      { id, document_id: 'd', kind, status: 'open', created_at: '', deleted_at: null },
    ]),
  );
  return { doc, rows };
}

function type(doc: Y.Doc, clauseId: string, text: string): void {
  const xmlText = (getClauseFragment(doc, clauseId).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  xmlText.insert(xmlText.length, text);
}

describe('ClauseCache', () => {
  it('reads again only the clause a transaction touched, and a clause whose number moved', () => {
    const { doc, rows } = setup([
      ['p1', 'preamble', '*Recognizing* all,'],
      ['o1', 'operative', '*Calls upon* States.'],
      ['o2', 'operative', '*Urges* all.'],
    ]);
    const cache = new ClauseCache();
    const first = cache.clauses(doc, rows);
    expect(first.map((c) => [c.ref, c.text])).toEqual([
      ['PP1', 'Recognizing all,'],
      ['OP1', 'Calls upon States.'],
      ['OP2', 'Urges all.'],
    ]);
    expect(cache.clauses(doc, rows)).toEqual(first);
    expect(cache.clauses(doc, rows).every((c, i) => c === first[i])).toBe(true);

    type(doc, 'o2', ' Now.');
    const second = cache.clauses(doc, rows);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toBe(first[1]);
    expect(second[2]!.text).toBe('Urges all. Now.');

    // A new operative paragraph first: the two after it are numbered anew, the preamble is untouched.
    doc.transact(() => {
      getOrder(doc).insert(1, ['o0']);
      writeClause(doc, 'o0', parseMarkup('*Welcomes* this.'));
    });
    rows.set('o0', { ...rows.get('o1')!, id: 'o0' });
    const third = cache.clauses(doc, rows);
    expect(third.map((c) => c.ref)).toEqual(['PP1', 'OP1', 'OP2', 'OP3']);
    expect(third[0]).toBe(first[0]);
    expect(third[2]).not.toBe(second[1]);
    expect(third[2]!.text).toBe('Calls upon States.');
  });

  it('reads everything again from a new copy of the document, and stops following the old one', () => {
    const { doc, rows } = setup([['o1', 'operative', '*Calls upon* States.']]);
    const cache = new ClauseCache();
    const [before] = cache.clauses(doc, rows);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const [after] = cache.clauses(copy, rows);
    expect(after).not.toBe(before);
    expect(after).toEqual(before);
    type(doc, 'o1', ' Old copy.');
    expect(cache.clauses(copy, rows)[0]).toBe(after);
    cache.close();
  });
});
