import { describe, expect, it } from 'vitest';
import { boundedWordDiff, type BoundedDiff } from '../../shared/domain/wordDiff.js';
import { DiffCache, wordDiffs } from './diffCache.js';

const words = (n: number, seed: number): string =>
  Array.from({ length: n }, (_, i) => `word${(i * seed) % 997}`).join(' ');

/** A stand-in thread that counts its calls and answers a turn of the loop later (or fails). */
function countingThread(fail = false): { thread: (b: string, a: string) => Promise<BoundedDiff>; calls: number } {
  const counter = {
    calls: 0,
    thread: async (before: string, after: string): Promise<BoundedDiff> => {
      counter.calls += 1;
      await new Promise((resolve) => setImmediate(resolve));
      if (fail) throw new Error('the thread stopped');
      return boundedWordDiff(before, after);
    },
  };
  return counter;
}

describe('DiffCache', () => {
  it('diffs short texts at once, without the thread', async () => {
    const counter = countingThread();
    const cache = new DiffCache({ thread: counter.thread, threadMinChars: 1_000 });
    expect(await cache.diff('The Congress', 'The World Congress')).toEqual(
      boundedWordDiff('The Congress', 'The World Congress'),
    );
    expect(counter.calls).toBe(0);
    expect(cache.computed).toBe(1);
  });

  it('sends long texts to the thread once, however many ask at the same time, and keeps the answer', async () => {
    const counter = countingThread();
    const cache = new DiffCache({ thread: counter.thread, threadMinChars: 1_000 });
    const before = words(400, 7);
    const after = words(400, 11);
    const answers = await Promise.all(Array.from({ length: 5 }, () => cache.diff(before, after)));
    expect(await cache.diff(before, after)).toEqual(answers[0]);
    expect(cache.cached(before, after)).toEqual(answers[0]);
    expect(cache.cached(after, before)).toBeUndefined();
    expect(answers[0]).toEqual(boundedWordDiff(before, after));
    expect(counter.calls).toBe(1);
    expect(cache.threaded).toBe(1);
    expect(cache.computed).toBe(1);
  });

  it('computes the diff itself when the thread fails', async () => {
    const counter = countingThread(true);
    const cache = new DiffCache({ thread: counter.thread, threadMinChars: 1_000 });
    const before = words(400, 3);
    const after = words(400, 5);
    expect(await cache.diff(before, after)).toEqual(boundedWordDiff(before, after));
    expect(counter.calls).toBe(1);
    expect(cache.threaded).toBe(0);
  });

  it('has the diff thread compute what the event loop would', async () => {
    const before = words(3_000, 13);
    const after = `${words(1_500, 13)} inserted words ${words(1_500, 17)}`;
    const threaded = wordDiffs.threaded;
    expect(await wordDiffs.diff(before, after)).toEqual(boundedWordDiff(before, after));
    expect(wordDiffs.threaded - threaded).toBe(1);
  });
});
