import { describe, expect, it } from 'vitest';
import type { WhenIdle } from '../editor/mountQueue.js';
import { PartTurns } from './partTurns.js';

/** Idle slices the test hands out by hand. */
function slices(): { whenIdle: WhenIdle; asked: () => number; run: () => void } {
  const waiting: (() => void)[] = [];
  return {
    whenIdle: (fn) => {
      const slice = (): void => fn({ timeRemaining: () => 0 });
      waiting.push(slice);
      return () => void waiting.splice(waiting.indexOf(slice), 1);
    },
    asked: () => waiting.length,
    run: () => waiting.shift()?.(),
  };
}

describe('the turns of the parts beside and under each clause', () => {
  it('shows them in the order they waited, a few per idle slice, and asks for slices only while some wait', () => {
    const idle = slices();
    const turns = new PartTurns(idle.whenIdle, 2);
    const shown: string[] = [];
    for (const id of ['a', 'b', 'c', 'd', 'e']) turns.wait(() => shown.push(id));
    expect(shown).toEqual([]);
    expect(idle.asked()).toBe(1);
    idle.run();
    expect(shown).toEqual(['a', 'b']);
    idle.run();
    idle.run();
    expect(shown).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(turns.pending).toBe(0);
    expect(idle.asked()).toBe(0);
  });

  it('forgets a clause that left the page before its turn, and shows at once once stopped', () => {
    const idle = slices();
    const turns = new PartTurns(idle.whenIdle, 2);
    const shown: string[] = [];
    turns.wait(() => shown.push('a'));
    const withdraw = turns.wait(() => shown.push('b'));
    turns.wait(() => shown.push('c'));
    withdraw();
    idle.run();
    expect(shown).toEqual(['a', 'c']);
    turns.wait(() => shown.push('d'));
    turns.stop();
    expect(idle.asked()).toBe(0);
    idle.run();
    expect(shown).toEqual(['a', 'c']);
    turns.wait(() => shown.push('e'));
    expect(shown).toEqual(['a', 'c', 'e']);
  });
});
