import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase } from '../db/connection.js';
import { Store } from '../db/store.js';
import { getClauseFragment, getOrder } from '../../shared/editor/ydoc.js';
import { CommitPacing } from './commitPacing.js';
import { DocRegistry } from './registry.js';

describe('CommitPacing', () => {
  const crowd = (connections: number): CommitPacing => new CommitPacing({ delayPerConnectionMs: 0.03, maxDelayMs: 36 }, () => connections);

  it('scales the longest wait with the crowd, up to the cap', () => {
    expect(crowd(0).delay('d')).toBe(0);
    expect(crowd(50).delay('d')).toBeCloseTo(1.5);
    expect(crowd(1200).delay('d')).toBe(36);
    expect(crowd(10_000).delay('d')).toBe(36);
  });

  it('commits at once after a quiet spell, else the full wait after the update that opens a batch', () => {
    const pacing = crowd(1200);
    expect(pacing.spacing('d', 1000)).toBe(0); // never committed
    pacing.committed('d', 1000);
    // 10 ms after a commit: the registry waits from its last commit, so 10 + 36 means 36 from now.
    expect(pacing.spacing('d', 1010)).toBe(46);
    expect(pacing.spacing('d', 1035.9)).toBeCloseTo(71.9);
    expect(pacing.spacing('d', 1036)).toBe(0);
    pacing.forget('d');
    expect(pacing.spacing('d', 1010)).toBe(0);
  });

  it('keeps documents apart', () => {
    const pacing = crowd(1200);
    pacing.committed('a', 1000);
    expect(pacing.spacing('b', 1001)).toBe(0);
    expect(pacing.spacing('a', 1001)).toBe(37);
  });
});

describe('CommitPacing driving the registry', () => {
  function setup(): { registry: DocRegistry; edit: (text: string) => Uint8Array } {
    const store = new Store(openDatabase(':memory:'));
    store.conferences.insert({ id: 'conf', name: 'C', place: '', startsOn: null, endsOn: null });
    store.documents.insert({ id: 'd', conferenceId: 'conf', title: 'D', symbol: 'D/1', stage: 'drafting', metadata: {} });
    const seed = new Y.Doc();
    seed.transact(() => {
      getOrder(seed).insert(0, ['a']);
      getClauseFragment(seed, 'a').insert(0, [new Y.XmlText('text')]);
    });
    store.docUpdates.append('d', Y.encodeStateAsUpdate(seed), { userId: null, delegation: null });
    const registry = new DocRegistry(store);
    const doc = registry.get('d')!;
    const edit = (text: string): Uint8Array => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
      copy.clientID = 7;
      const before = Y.encodeStateVector(copy);
      (getClauseFragment(copy, 'a').get(0) as Y.XmlText).insert(4, text);
      return Y.encodeStateAsUpdate(copy, before);
    };
    return { registry, edit };
  }

  it('gives the update that opens a batch the whole wait, measured from its arrival, not from the last commit', async () => {
    const { registry, edit } = setup();
    const pacing = new CommitPacing({ delayPerConnectionMs: 1, maxDelayMs: 60 }, () => 100);
    registry.flushSpacing = (id) => pacing.spacing(id);
    const commits: number[] = [];
    registry.on('update', (id) => {
      pacing.committed(id);
      commits.push(performance.now());
    });
    const author = { userId: null, delegation: null };

    registry.accept('d', edit('a'), author, null);
    await new Promise((r) => setImmediate(r));
    expect(commits).toHaveLength(1); // after a quiet spell: the next turn

    await new Promise((r) => setTimeout(r, 25));
    const openedAt = performance.now();
    registry.accept('d', edit('b'), author, null);
    registry.accept('d', edit('c'), author, null);
    await new Promise((r) => setTimeout(r, 20));
    registry.accept('d', edit('d'), author, null);
    await new Promise((r) => setTimeout(r, 100));
    // Spacing commits 60 ms apart would have committed 35 ms after 'b' arrived; the batch waits the 60.
    expect(commits).toHaveLength(2);
    expect(commits[1]! - openedAt).toBeGreaterThanOrEqual(55);
  });
});
