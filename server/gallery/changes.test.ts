import { describe, expect, it } from 'vitest';
import type { ExportClause } from '../export/model.js';
import { changeOf, diff, frameOf, render, snapshotOf } from './changes.js';
import type { GalleryState, PublicVote } from './state.js';

const clause = (id: string, kind: ExportClause['kind'], number: string | null, text: string): ExportClause => ({
  id,
  kind,
  status: 'open',
  number,
  ref: number ?? id,
  openingPhrase: null,
  text,
  blocks: [{ type: 'paragraph', runs: [{ text, em: false, strong: false }] }],
});

const state = (over: Partial<GalleryState> = {}): GalleryState => ({
  documentId: 'd',
  title: 'A declaration',
  stage: 'drafting',
  clauses: [
    clause('t', 'title', null, 'A declaration'),
    clause('p1', 'preamble', 'PP1', 'Recognizing <all>,'),
    clause('o1', 'operative', '1', 'Calls upon States.'),
  ],
  discussing: null,
  votes: [],
  key: Math.random().toString(),
  ...over,
});

const vote: PublicVote = {
  id: 'v1',
  subject: 'clause',
  ref: 'OP1',
  rule: 'simple_majority',
  result: { outcome: 'adopted', yes: 3, no: 1, abstain: 2, present: 6, registered: 10, required: 0 },
  closedAt: '2026-01-01T00:00:00Z',
};

describe('gallery changes', () => {
  it('renders every clause but the title, escaped, with its printed number', () => {
    const rendition = render(state());
    expect([...rendition.clauses.keys()]).toEqual(['p1', 'o1']);
    expect(rendition.clauses.get('p1')!.html).toContain('<span class="num">PP1</span>');
    expect(rendition.clauses.get('p1')!.html).toContain('Recognizing &lt;all&gt;,');
    expect(rendition.clauses.get('o1')!.html).toContain('<span class="num">1.</span>');
  });

  it('carries only what changed: a clause, the order, the pointer, the results', () => {
    const before = render(state());
    expect(diff(before, render(state()), 2)).toBeNull();
    const edited = state();
    edited.clauses[2] = clause('o1', 'operative', '1', 'Calls upon all States.');
    const change = changeOf(diff(before, render(edited), 2)!, 'en');
    expect(change.clauses.map((c) => c.id)).toEqual(['o1']);
    expect(change.order).toEqual(['p1', 'o1']);
    expect(change).not.toHaveProperty('votesHtml');
    expect(change).not.toHaveProperty('discussing');

    const later = changeOf(diff(before, render(state({ discussing: 'o1', votes: [vote] })), 3)!, 'ru');
    expect(later.clauses).toEqual([]);
    expect(later.discussing).toBe('o1');
    expect(later.discussingHtml).toContain('href="#c-o1"');
    expect(later.votesHtml).toContain('За 3 · Против 1 · Воздержались 2');
  });

  it('frames an event once per language, as one data line', () => {
    const record = snapshotOf(render(state()), 7);
    const frame = frameOf(record, 'kk', 'epoch', 'snapshot');
    expect(frame).toMatch(/^id: epoch\.7\nevent: snapshot\ndata: \{[^\n]*\}\n\n$/);
    expect(frameOf(record, 'kk', 'epoch', 'snapshot')).toBe(frame);
    expect(JSON.parse(frame.split('data: ')[1]!).headerHtml).toContain('Ашық галерея');
  });
});
