import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { contains } from './soakLoad.js';

describe('fault script (npm run soak)', () => {
  it('finds an edit, a deletion and a dependency that a document lacks', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'abc');
    const known = Y.encodeStateAsUpdate(doc);
    const before = Y.encodeStateVector(doc);
    text.insert(3, 'def');
    const added = Y.encodeStateAsUpdate(doc, before);
    const afterAdd = Y.encodeStateVector(doc);
    text.delete(0, 1);
    const deleted = Y.encodeStateAsUpdate(doc, afterAdd);

    const restored = new Y.Doc();
    Y.applyUpdate(restored, known);
    expect(contains(restored, known)).toBe(true);
    expect(contains(restored, added)).toBe(false);
    Y.applyUpdate(restored, added);
    expect(contains(restored, added)).toBe(true);
    // A deletion is a change even though no struct is new.
    expect(contains(restored, deleted)).toBe(false);
    // An update whose dependencies are missing is not "contained" just because it stays pending.
    const empty = new Y.Doc();
    expect(contains(empty, added)).toBe(false);
  });

  it('kills a loaded server three times and finds everything acknowledged after each restart', () => {
    // Three cycles: the first kill lands on a freshly seeded server, the next two on servers that came back from
    // a kill, so what recovery wrote is proven to survive the next crash as well; every kind of work is
    // acknowledged before the first kill (the script waits for it) and checked after every restart. Longer runs
    // are the long form (`npm run soak -- --cycles 100`, docs/reliability.md), not the suite's.
    // The server and verify-ledger from their bundles, which the global setup keeps up to date: every cycle
    // restarts the one and runs the other, and the TypeScript loader would add its start-up to each.
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/soak.ts', '--cycles', '3', '--seed', '7', '--built'],
      { encoding: 'utf8', timeout: 120_000 },
    );
    const lines = run.stdout.trim().split('\n');
    const summary = JSON.parse(lines[lines.length - 1]!) as Record<string, number | boolean>;
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(summary).toMatchObject({ cycles: 3, lost: 0, survived: true });
    // The load was real: each kind of acknowledged work happened and was checked.
    for (const key of ['comments', 'amendments', 'ballots', 'votesClosed', 'updatesReceived', 'ledgerEntries'])
      expect(summary[key], key).toBeGreaterThan(0);
    expect(lines.filter((l) => /^cycle \d+\/3: .*integrity ok; lost 0/.test(l))).toHaveLength(3);
  }, 150_000);
});
