// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentJson } from '../../shared/api/documents.js';
import type { AttributionResponse, RevisionDiffResponse, RevisionJson } from '../../shared/api/revisions.js';
import { mount } from '../components/bridge.js';
import { initI18n } from '../i18n/index.js';
import { Comparison } from './RevisionsView.js';
import { compareDefaults, revisionsReducer, revisionsStart } from './revisionsState.js';

const live = { id: 'd', title: 'Declaration', stage: 'negotiation', clauses: [] } as unknown as DocumentJson;
const rev = (id: string): RevisionJson => ({
  id,
  name: `Rev.${id}`,
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'secretariat',
  createdByName: 'Secretariat',
  clauseCount: 3,
});

describe('the revisions page', () => {
  beforeAll(() => initI18n());

  it('confirms its own publication until the next starts, and then offers the next name afresh', () => {
    const start = revisionsStart(live, { revisions: [], suggestedName: 'Rev.1' });
    const publishing = revisionsReducer(start, { type: 'publishing' });
    const loaded = revisionsReducer(publishing, {
      type: 'loaded',
      live,
      list: { revisions: [rev('1')], suggestedName: 'Rev.2' },
    });
    const published = revisionsReducer(loaded, { type: 'published', name: 'Rev.1' });
    expect(published).toMatchObject({ published: 'Rev.1', publications: 1 });
    expect(published.list.suggestedName).toBe('Rev.2');
    // Someone else's publication reads the list again without taking the confirmation away.
    const again = revisionsReducer(published, {
      type: 'loaded',
      live,
      list: { revisions: [rev('1'), rev('2')], suggestedName: 'Rev.3' },
    });
    expect(again.published).toBe('Rev.1');
    expect(revisionsReducer(again, { type: 'publishing' }).published).toBeNull();
  });

  it('opens and closes a frozen revision, and keeps the last comparison and attribution', () => {
    const start = revisionsStart(live, { revisions: [rev('1')], suggestedName: 'Rev.2' });
    const opened = revisionsReducer(start, { type: 'opened', revision: rev('1'), doc: live });
    expect(opened.reading?.revision.id).toBe('1');
    expect(revisionsReducer(opened, { type: 'closed' }).reading).toBeNull();
    const diff = { clauses: [] } as unknown as RevisionDiffResponse;
    const attribution = { authors: [] } as unknown as AttributionResponse;
    const both = [{ type: 'compared', diff } as const, { type: 'attributed', attribution } as const].reduce(
      revisionsReducer,
      start,
    );
    expect([both.comparison, both.attribution]).toEqual([diff, attribution]);
  });

  it('offers the revision before the last against the live text, unless the address says otherwise', () => {
    const list = { revisions: [rev('1'), rev('2'), rev('3')], suggestedName: 'Rev.4' };
    expect(compareDefaults(list, new URLSearchParams())).toEqual({ from: '2', to: 'live' });
    expect(compareDefaults({ ...list, revisions: [rev('1')] }, new URLSearchParams())).toEqual({
      from: '1',
      to: 'live',
    });
    expect(compareDefaults(list, new URLSearchParams('from=1&to=3'))).toEqual({ from: '1', to: '3' });
    expect(compareDefaults({ ...list, revisions: [] }, new URLSearchParams()).from).toBeNull();
  });

  it('draws a comparison: the counts, and only the clauses that changed, with old and new references', () => {
    const diff = {
      from: { id: '1', name: 'Rev.1' },
      to: { id: 'live', name: 'live' },
      counts: { changed: 1, moved: 1, added: 0, deleted: 0, unchanged: 1 },
      clauses: [
        {
          id: 'a',
          change: 'unchanged',
          statusChanged: false,
          textChanged: false,
          from: { ref: 'OP1' },
          to: { ref: 'OP1' },
          diff: [],
        },
        {
          id: 'b',
          change: 'changed',
          statusChanged: false,
          textChanged: true,
          from: { ref: 'OP2' },
          to: { ref: 'OP2' },
          diff: [{ op: 'insert', text: 'new' }],
        },
        {
          id: 'c',
          change: 'moved',
          statusChanged: false,
          textChanged: false,
          from: { ref: 'OP3' },
          to: { ref: 'OP4' },
          diff: [],
        },
      ],
    } as unknown as RevisionDiffResponse;
    const { el } = mount(<Comparison diff={diff} />);
    expect(el.querySelector('p')?.textContent).toContain('Rev.1');
    expect([...el.querySelectorAll('.clause-diff')].map((li) => li.getAttribute('data-clause-id'))).toEqual(['b', 'c']);
    expect(el.querySelector('[data-clause-id=c] .clause-diff-head')?.textContent).toContain('OP3 → OP4');
    expect(el.querySelector('[data-clause-id=c] ins, [data-clause-id=c] .word-diff')).toBeNull();
    expect(el.querySelector('[data-clause-id=b] ins')?.textContent).toContain('new');
  });
});
