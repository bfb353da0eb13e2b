import { describe, expect, it } from 'vitest';
import type { AmendmentJson } from '../../shared/api/amendments.js';
import type { ClauseJson, DocumentJson } from '../../shared/api/documents.js';
import type { AmendmentChanged } from '../../shared/protocol/events.js';
import { compilationReducer, compilationStart, compile, type CompilationEvent } from './compilationState.js';

const clause = (id: string, kind: ClauseJson['kind'], status: ClauseJson['status'] = 'open'): ClauseJson =>
  ({ id, kind, ref: id.toUpperCase(), number: null, text: id, status, openBrackets: 0 }) as ClauseJson;

const doc = {
  id: 'd',
  title: 'Declaration',
  symbol: 'WIC/1',
  stage: 'negotiation',
  metadata: {},
  clauses: [clause('t', 'title'), clause('h', 'heading'), clause('op1', 'operative'), clause('op2', 'operative')],
} as DocumentJson;

const amendment = (id: string, clauseId: string, status: string, createdAt: string, words = 1): AmendmentJson =>
  ({
    id,
    clauseId,
    status,
    createdAt,
    kind: 'replace',
    // Distance from the original: how many words it changes.
    diff: Array.from({ length: words }, () => ({ op: 'insert', text: 'x ' })),
  }) as unknown as AmendmentJson;

const changed = (change: AmendmentChanged['change'], amendment: AmendmentJson): AmendmentChanged => ({
  documentId: 'd',
  clauseId: amendment.clauseId,
  amendmentId: amendment.id,
  status: amendment.status,
  change,
  by: 'x',
  amendment,
  others: [],
});

describe('the compilation page', () => {
  const a1 = amendment('a1', 'op1', 'proposed', '2026-01-01');
  const a2 = amendment('a2', 'op2', 'withdrawn', '2026-01-02');
  const start = compilationStart(doc, [a1, a2]);

  it('applies amendments and statuses where the events bring them, keeping what they do not touch', () => {
    const a3 = amendment('a3', 'op1', 'proposed', '2026-01-03');
    const next = compilationReducer(start, { type: 'amendment:changed', change: changed('proposed', a3) });
    expect(next.amendments.map((a) => a.id)).toEqual(['a1', 'a2', 'a3']);
    expect(next.amendments[1]).toBe(a2);
    expect(next.stale).toBe(false);
    const agreed = compilationReducer(next, { type: 'clause:status', clauseId: 'op2', status: 'agreed_ad_ref' });
    expect(agreed.data.clauses[3]!.status).toBe('agreed_ad_ref');
    expect(agreed.data.clauses[2]).toBe(doc.clauses[2]);
  });

  it('reads the page again for a changed text, a stage, a kind or a clause it lacks', () => {
    const events: CompilationEvent[] = [
      { type: 'amendment:changed', change: changed('accepted', a1) },
      { type: 'amendment:changed', change: changed('adopted', a1) },
      { type: 'document:stage' },
      { type: 'clause:kind' },
      { type: 'clause:status', clauseId: 'new', status: 'open' },
    ];
    for (const event of events) expect(compilationReducer(start, event), event.type).toMatchObject({ stale: true });
  });

  it('reads again after a read under way when something changed meanwhile', () => {
    const reading = compilationReducer({ ...start, stale: true }, { type: 'reading' });
    expect(reading).toMatchObject({ reading: true, stale: false });
    const meanwhile = compilationReducer(reading, { type: 'clause:status', clauseId: 'op1', status: 'agreed_ad_ref' });
    expect(meanwhile.data).toBe(doc);
    const read = compilationReducer(meanwhile, { type: 'read', data: doc, amendments: [], placed: 0 });
    expect(read).toMatchObject({ reading: false, stale: true, amendments: [] });
    const quiet = compilationReducer(reading, { type: 'read-failed' });
    expect(quiet).toMatchObject({ reading: false, stale: false });
  });

  it('lists what awaits a decision furthest from the original first, the clauses not agreed, and orphans', () => {
    const near = amendment('near', 'op1', 'submitted', '2026-01-01', 1);
    const far = amendment('far', 'op1', 'submitted', '2026-01-02', 5);
    const done = amendment('done', 'op1', 'rejected', '2026-01-03', 9);
    const gone = amendment('gone', 'deleted-clause', 'proposed', '2026-01-04');
    const agreed = {
      ...doc,
      clauses: doc.clauses.map((c) => (c.id === 'op2' ? { ...c, status: 'agreed_ad_ref' } : c)),
    };
    const compiled = compile(agreed as DocumentJson, [near, far, done, gone]);
    expect(compiled.byClause.get('op1')!.map((a) => a.id)).toEqual(['far', 'near', 'done']);
    expect(compiled.pending.map((a) => a.id)).toEqual(['far', 'near']);
    expect(compiled.undecided.map((c) => c.id)).toEqual(['op1']);
    expect(compiled.orphans.map((a) => a.id)).toEqual(['gone']);
  });
});
