// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { MountQueue, type IdleSlice, type WhenIdle } from './mountQueue.js';

/** Idle slices the test hands out by hand, each with the time the test gives it; an item takes 10 ms. */
function slices(): { whenIdle: WhenIdle; asked: () => number; run: (ms: number) => void; tick: () => void } {
  const waiting: ((slice: IdleSlice) => void)[] = [];
  let clock = 0;
  return {
    tick: () => (clock += 10),
    whenIdle: (fn) => {
      waiting.push(fn);
      return () => waiting.splice(waiting.indexOf(fn), 1);
    },
    asked: () => waiting.length,
    run: (ms) => {
      const end = clock + ms;
      waiting.shift()?.({ timeRemaining: () => Math.max(0, end - clock) });
    },
  };
}

describe('the mounting queue', () => {
  it('does the items in their order, as many per slice as its time allows and at least one', () => {
    const idle = slices();
    const done: string[] = [];
    const queue = new MountQueue((id) => done.push(id) && idle.tick(), idle.whenIdle);
    queue.add(['a', 'b', 'c', 'd', 'e']);
    expect(done).toEqual([]);
    idle.run(0);
    expect(done).toEqual(['a']);
    idle.run(25);
    expect(done).toEqual(['a', 'b', 'c', 'd']);
    expect(queue.pending).toBe(1);
    idle.run(0);
    expect(done).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(idle.asked()).toBe(0);
  });

  it('does an item taken ahead of its turn at once, and only once', () => {
    const idle = slices();
    const done: string[] = [];
    const queue = new MountQueue((id) => done.push(id) && idle.tick(), idle.whenIdle);
    queue.add(['a', 'b', 'c']);
    expect(queue.take('c')).toBe(true);
    expect(done).toEqual(['c']);
    expect(queue.take('c')).toBe(false);
    idle.run(100);
    expect(done).toEqual(['c', 'a', 'b']);
    expect(queue.has('b')).toBe(true);
    queue.add(['a', 'b', 'c']);
    expect(idle.asked()).toBe(0);
  });

  it('leaves an item that is not ready for a later slice, and does it at once when taken', () => {
    const idle = slices();
    const done: string[] = [];
    const busy = new Set(['b']);
    const queue = new MountQueue(
      (id) => done.push(id) && idle.tick(),
      idle.whenIdle,
      (id) => !busy.has(id),
    );
    queue.add(['a', 'b', 'c']);
    idle.run(100);
    // Words selected in b's text: its editor would replace the text, and the selection with it.
    expect(done).toEqual(['a', 'c']);
    expect(queue.pending).toBe(1);
    idle.run(100);
    expect(done).toEqual(['a', 'c']);
    expect(idle.asked()).toBe(1);
    busy.delete('b');
    idle.run(100);
    expect(done).toEqual(['a', 'c', 'b']);
    expect(idle.asked()).toBe(0);
    // Reached for (a click), an item is done whatever the slices wait for.
    busy.add('d');
    queue.add(['d']);
    expect(queue.take('d')).toBe(true);
    expect(done).toEqual(['a', 'c', 'b', 'd']);
  });

  it('forgets what it did and what waited when cleared, and asks for no more slices', () => {
    const idle = slices();
    const done: string[] = [];
    const queue = new MountQueue((id) => done.push(id) && idle.tick(), idle.whenIdle);
    queue.add(['a', 'b']);
    idle.run(0);
    queue.clear();
    expect(idle.asked()).toBe(0);
    expect(queue.has('a')).toBe(false);
    queue.add(['a']);
    idle.run(0);
    expect(done).toEqual(['a', 'a']);
  });

  it('asks the browser for idle slices, with a deadline so that a busy page still gets its editors', async () => {
    const done: string[] = [];
    const queue = new MountQueue((id) => done.push(id));
    queue.add(['a', 'b']);
    await expect.poll(() => done).toEqual(['a', 'b']);
  });
});
