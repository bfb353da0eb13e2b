import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseMarkup } from '../../shared/editor/markup.js';
import { getOrder, writeClause } from '../../shared/editor/ydoc.js';
import type { ClauseRow } from '../db/repositories/documents.js';
import { liveClausesOf } from './source.js';

function liveText(): { doc: Y.Doc; rows: Map<string, ClauseRow> } {
  const doc = new Y.Doc();
  const rows = new Map<string, ClauseRow>();
  for (const [id, text] of [
    ['c1', 'Draft Declaration'],
    ['c2', '*Recalling* the Almaty congress,'],
  ] as const) {
    getOrder(doc).push([id]);
    writeClause(doc, id, parseMarkup(text));
    rows.set(id, {
      id,
      document_id: 'd',
      kind: id === 'c1' ? 'title' : 'preamble',
      status: 'open',
      created_at: '2025-10-01',
      deleted_at: null,
    });
  }
  return { doc, rows };
}

describe('liveClausesOf', () => {
  it('reads the live text once per version, and again after an edit or a change to a clause row', () => {
    const { doc, rows } = liveText();
    const first = liveClausesOf(doc, rows);
    expect(first.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(liveClausesOf(doc, new Map(rows))).toBe(first);

    writeClause(doc, 'c1', parseMarkup('Almaty Declaration'));
    const edited = liveClausesOf(doc, rows);
    expect(edited).not.toBe(first);
    expect(JSON.stringify(edited[0]!.content)).toContain('Almaty Declaration');

    rows.set('c2', { ...rows.get('c2')!, status: 'agreed_ad_ref' });
    const restated = liveClausesOf(doc, rows);
    expect(restated).not.toBe(edited);
    expect(restated[1]!.status).toBe('agreed_ad_ref');

    rows.set('c2', { ...rows.get('c2')!, deleted_at: '2025-10-02' });
    expect(liveClausesOf(doc, rows).map((c) => c.id)).toEqual(['c1']);
  });
});
