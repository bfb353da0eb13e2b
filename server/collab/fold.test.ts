import fs from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { BACKGROUND_NICE, threadNiceValues } from '../threads/threadPriority.js';
import { Folder } from './fold.js';

const folder = new Folder();
afterAll(() => folder.close());

describe('Folder', () => {
  it('folds a log into one update equal to replaying it', async () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    doc.getText('t').insert(0, 'hello');
    doc.getText('t').delete(0, 1);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, await folder.fold(updates));
    expect(copy.getText('t').toString()).toBe('ello');
  });

  it.skipIf(process.platform !== 'linux')(
    'folds on a thread at the lowest priority, leaving the calling thread as it was',
    async () => {
      const self = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
      const before = threadNiceValues();
      // The suite keeps its threads at its own priority (vitest.config.ts); a server's default is the lowest.
      vi.stubEnv('BACKGROUND_NICE', undefined);
      const other = new Folder();
      try {
        await other.fold([]);
        vi.unstubAllEnvs();
        const after = threadNiceValues();
        expect([...after].filter(([tid, nice]) => !before.has(tid) && nice === BACKGROUND_NICE)).toHaveLength(1);
        expect(after.get(self)).toBe(before.get(self));
      } finally {
        vi.unstubAllEnvs();
        await other.close();
      }
    },
  );
});
