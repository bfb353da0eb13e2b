import { describe, expect, it } from 'vitest';
import type { ClauseJson } from '../../shared/api/documents.js';
import { fixtureClause, fixtureDocument } from './documentFixtures.js';
import { documentPageReducer, documentPageStart, type DocumentPageState } from './documentPageState.js';

const clause = (id: string, kind: ClauseJson['kind'], status: ClauseJson['status'] = 'open'): ClauseJson =>
  fixtureClause(id, kind, { status });

const doc = fixtureDocument([clause('t', 'title'), clause('op1', 'operative'), clause('op2', 'operative')]);

const start = documentPageStart({ data: doc, choice: { lang: 'kk', parallel: false } });

describe('the document page’s state', () => {
  it('changes a clause’s status where it stands: the other clauses, the build and the read are untouched', () => {
    const next = documentPageReducer(start, { type: 'clause:status', clauseId: 'op1', status: 'agreed_ad_ref' });
    expect(next.text.data.clauses.map((c) => c.status)).toEqual(['open', 'agreed_ad_ref', 'open']);
    expect(next.text.data.clauses[2]).toBe(doc.clauses[2]);
    expect(next).toMatchObject({ build: 1, stale: false, reading: false });
    // The event that told what the page shows already changes nothing.
    expect(documentPageReducer(next, { type: 'clause:status', clauseId: 'op1', status: 'agreed_ad_ref' })).toBe(next);
  });

  it('reads the page again for a clause it does not show, or when a read under way may predate the change', () => {
    expect(documentPageReducer(start, { type: 'clause:status', clauseId: 'new', status: 'open' }).stale).toBe(true);
    const reading = documentPageReducer(start, { type: 'reading' });
    const crossed = documentPageReducer(reading, { type: 'clause:status', clauseId: 'op1', status: 'agreed_ad_ref' });
    expect(crossed).toMatchObject({ stale: true, reading: true });
    expect(crossed.text.data.clauses[1]!.status).toBe('open');
  });

  it('reads the page again for a new stage, a clause’s kind, and a change of the version shown only', () => {
    expect(documentPageReducer(start, { type: 'document:stage' }).stale).toBe(true);
    expect(documentPageReducer(start, { type: 'clause:kind' }).stale).toBe(true);
    expect(documentPageReducer(start, { type: 'translation:status', lang: 'kk' }).stale).toBe(true);
    expect(documentPageReducer(start, { type: 'translation:status', lang: 'ru' })).toBe(start);
  });

  it('draws each read that lands afresh, and keeps the page as it is when a read fails', () => {
    let state: DocumentPageState = documentPageReducer(start, { type: 'stale' });
    state = documentPageReducer(state, { type: 'reading' });
    expect(state).toMatchObject({ stale: false, reading: true, build: 1 });
    const text = { data: { ...doc, stage: 'adoption' as const }, choice: { lang: null, parallel: false } };
    const read = documentPageReducer(state, { type: 'read', text });
    expect(read).toMatchObject({ text, reading: false, build: 2 });
    const failed = documentPageReducer(state, { type: 'read-failed' });
    expect(failed).toMatchObject({ text: start.text, reading: false, build: 1 });
  });
});
