import { describe, expect, it } from 'vitest';
import type { DocumentJson } from '../../shared/api/documents.js';
import type { RevisionJson } from '../../shared/api/revisions.js';
import {
  downloadReducer,
  downloadStart,
  exportQuery,
  exportReducer,
  exportStart,
  liveVersion,
  pendingPick,
  type ExportEvent,
} from './exportState.js';

const live = { id: 'd', title: 'Declaration', stage: 'negotiation', clauses: [{}, {}, {}] } as unknown as DocumentJson;
const rev = (id: string): RevisionJson => ({
  id,
  name: `Rev.${id}`,
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'secretariat',
  createdByName: 'Secretariat',
  clauseCount: 2,
});
const frozen = (id: string) => ({ revision: rev(id), stage: 'drafting' as const, clauseCount: 2 });
const start = exportStart(live, { revisions: [rev('1'), rev('2')], suggestedName: 'Rev.3' });
const run = (...events: ExportEvent[]) => events.reduce(exportReducer, start);

describe('the export page’s state', () => {
  it('shows the live text until a picked revision has been read, and then that revision', () => {
    expect(start.version).toEqual(liveVersion(live));
    const picked = run({ type: 'picked', id: '1' });
    expect(pendingPick(picked)).toBe('1');
    expect(picked.version.revision).toBeNull();
    const read = exportReducer(picked, { type: 'version', id: '1', version: frozen('1') });
    expect(read.version).toEqual(frozen('1'));
    expect(pendingPick(read)).toBeNull();
  });

  it('ignores a revision read for a pick that a later one overtook', () => {
    const overtaken = run(
      { type: 'picked', id: '1' },
      { type: 'picked', id: '2' },
      { type: 'version', id: '1', version: frozen('1') },
    );
    expect(overtaken.version.revision).toBeNull();
    expect(pendingPick(overtaken)).toBe('2');
    // Back to the live text: a late read of a revision changes nothing either.
    const back = run(
      { type: 'picked', id: '1' },
      { type: 'picked', id: '' },
      { type: 'version', id: '1', version: frozen('1') },
    );
    expect(back.version).toEqual(liveVersion(live));
    expect(pendingPick(back)).toBeNull();
  });

  it('follows the live text’s stage, but keeps a revision as it was frozen', () => {
    const adopted = { ...live, stage: 'adopted' } as DocumentJson;
    expect(run({ type: 'live', live: adopted }).version.stage).toBe('adopted');
    const onRevision = run(
      { type: 'picked', id: '1' },
      { type: 'version', id: '1', version: frozen('1') },
      { type: 'live', live: adopted },
    );
    expect(onRevision.version.stage).toBe('drafting');
    expect(onRevision.live.stage).toBe('adopted');
  });

  it('keeps the pick while the list of revisions is read again, and holds the conference key or its error', () => {
    const list = { revisions: [rev('1'), rev('2'), rev('3')], suggestedName: 'Rev.4' };
    const again = run({ type: 'picked', id: '2' }, { type: 'revisions', list });
    expect([again.list, again.picked]).toEqual([list, '2']);
    const failed = new Error('offline');
    expect(run({ type: 'key', key: failed }).key).toBe(failed);
  });

  it('asks for the format, the languages and the revision when one is picked', () => {
    expect(exportQuery('pdf', liveVersion(live), { lang: 'kk' }).toString()).toBe('format=pdf&lang=kk');
    expect(exportQuery('md', frozen('2'), {}).toString()).toBe('format=md&revision=2');
  });
});

describe('a download’s progress', () => {
  it('shows the bar only once a second has passed while the file is prepared, and says what came', () => {
    const started = downloadReducer({ ...downloadStart, status: 'Downloaded a.pdf' }, { type: 'started' });
    expect(started).toEqual({ preparing: true, slow: false, status: '' });
    const slow = downloadReducer(started, { type: 'slow' });
    expect(slow.slow).toBe(true);
    const done = [{ type: 'downloaded', status: 'Downloaded b.pdf' } as const, { type: 'ended' } as const].reduce(
      downloadReducer,
      slow,
    );
    expect(done).toEqual({ preparing: false, slow: false, status: 'Downloaded b.pdf' });
    // A timer that fires after the answer shows no bar.
    expect(downloadReducer(done, { type: 'slow' }).slow).toBe(false);
  });
});
