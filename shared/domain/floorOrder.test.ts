import { describe, expect, it } from 'vitest';
import type { FloorKind } from '../api/floor.js';
import { insertAt, moveOnList, placeOnList } from './floorOrder.js';

/** A list from kinds' initials: "s" speaker, "p" point of order, "r" right of reply. */
const list = (initials: string): { id: string; kind: FloorKind }[] =>
  [...initials].map((c, i) => ({
    id: `${c}${i}`,
    kind: c === 'p' ? 'point_of_order' : c === 'r' ? 'right_of_reply' : 'speaker',
  }));

describe('placeOnList', () => {
  it.each([
    ['', 'speaker', 0],
    ['sss', 'speaker', 3],
    ['sss', 'point_of_order', 0],
    ['pss', 'point_of_order', 1],
    ['sss', 'right_of_reply', 0],
    ['prss', 'right_of_reply', 2],
    ['prss', 'point_of_order', 1],
    ['rr', 'speaker', 2],
  ] as const)('on "%s" a %s goes at %i', (initials, kind, index) => {
    expect(placeOnList(list(initials), kind)).toBe(index);
  });

  it('keeps a speaker the chair moved ahead of a right of reply', () => {
    // The chair moved a speaker to the front; a new right of reply goes before the first speaker it finds.
    expect(placeOnList(list('srs'), 'right_of_reply')).toBe(0);
    expect(placeOnList(list('srs'), 'speaker')).toBe(3);
  });
});

describe('moveOnList', () => {
  const three = list('sss');

  it('moves one place up or down', () => {
    expect(moveOnList(three, 's1', 'up').map((e) => e.id)).toEqual(['s1', 's0', 's2']);
    expect(moveOnList(three, 's1', 'down').map((e) => e.id)).toEqual(['s0', 's2', 's1']);
  });

  it('leaves the first up and the last down where they are', () => {
    expect(moveOnList(three, 's0', 'up').map((e) => e.id)).toEqual(['s0', 's1', 's2']);
    expect(moveOnList(three, 's2', 'down').map((e) => e.id)).toEqual(['s0', 's1', 's2']);
  });

  it('refuses an id not on the list', () => {
    expect(() => moveOnList(three, 'x', 'up')).toThrow(RangeError);
  });
});

describe('insertAt', () => {
  it('inserts without changing the list given', () => {
    const given = ['a', 'c'];
    expect(insertAt(given, 1, 'b')).toEqual(['a', 'b', 'c']);
    expect(given).toEqual(['a', 'c']);
  });
});
