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

describe('the document page’s check after an event it may have missed', () => {
  const live = documentPageStart({ data: doc, choice: { lang: null, parallel: false } });
  const check = (state: DocumentPageState, data: typeof doc): DocumentPageState => {
    let next = documentPageReducer(state, { type: 'missed' });
    expect(next).toMatchObject({ stale: true, checking: true });
    next = documentPageReducer(next, { type: 'reading' });
    return documentPageReducer(next, { type: 'read', text: { data, choice: { lang: null, parallel: false } } });
  };

  it('keeps the drawing when nothing it is drawn from changed, applying statuses in place', () => {
    // A ballot or a comment went out: the text read again is the same, but for what the live copy shows.
    const same = { ...doc, clauses: doc.clauses.map((c) => ({ ...c, text: `${c.text} typed`, openBrackets: 1 })) };
    const kept = check(live, same);
    expect(kept).toMatchObject({ build: 1, reading: false, stale: false, checking: false });
    expect(kept.text).toBe(live.text);
    const moved = {
      ...doc,
      clauses: doc.clauses.map((c) => (c.id === 'op2' ? { ...c, status: 'bracketed' as const } : c)),
    };
    const statuses = check(live, moved);
    expect(statuses.build).toBe(1);
    expect(statuses.text.data.clauses.map((c) => c.status)).toEqual(['open', 'open', 'bracketed']);
    expect(statuses.text.data.clauses[1]).toBe(doc.clauses[1]);
  });

  it('draws afresh when the stage, a clause, or a version read alone changed', () => {
    expect(check(live, { ...doc, stage: 'adoption' }).build).toBe(2);
    expect(check(live, { ...doc, clauses: doc.clauses.slice(0, 2) }).build).toBe(2);
    // A version read alone has no live copy: its words are what the page shows.
    const version = documentPageStart({ data: doc, choice: { lang: 'kk', parallel: false } });
    let next = documentPageReducer(documentPageReducer(version, { type: 'missed' }), { type: 'reading' });
    const words = { ...doc, clauses: doc.clauses.map((c) => ({ ...c, text: `${c.text} (kk)` })) };
    next = documentPageReducer(next, { type: 'read', text: { data: words, choice: { lang: 'kk', parallel: false } } });
    expect(next.build).toBe(2);
  });

  it('draws afresh when something the page must redraw for came with the check', () => {
    let state = documentPageReducer(live, { type: 'missed' });
    state = documentPageReducer(state, { type: 'document:stage' });
    expect(state).toMatchObject({ stale: true, checking: false });
    state = documentPageReducer(state, { type: 'reading' });
    expect(documentPageReducer(state, { type: 'read', text: live.text }).build).toBe(2);
    // A stage change heard while a check is under way: the check's answer may predate it, so another read follows.
    let crossed = documentPageReducer(documentPageReducer(live, { type: 'missed' }), { type: 'reading' });
    crossed = documentPageReducer(crossed, { type: 'document:stage' });
    const landed = documentPageReducer(crossed, { type: 'read', text: live.text });
    expect(landed).toMatchObject({ stale: true, checking: false, reading: false });
  });
});
