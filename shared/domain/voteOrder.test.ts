import { describe, expect, it } from 'vitest';
import { wordDiff } from './wordDiff.js';
import { distanceFromOriginal, furthestFirst, type Orderable } from './voteOrder.js';

const ORIGINAL = 'Calls upon States to ensure inclusive education for all learners.';

describe('distanceFromOriginal', () => {
  it.each([
    ['the same text', ORIGINAL, 0],
    ['one word replaced', 'Calls upon States to ensure inclusive education for all children.', 2],
    ['a phrase added', 'Calls upon States to ensure inclusive and equitable education for all learners.', 2],
    ['punctuation only', 'Calls upon States to ensure inclusive education for all learners;', 0],
    ['rewritten', 'Encourages Member States to consider inclusive schooling.', 11],
  ])('%s', (_name, after, words) => {
    expect(distanceFromOriginal(wordDiff(ORIGINAL, after), 'replace')).toBe(words);
  });

  it('puts a deletion furthest', () => {
    expect(distanceFromOriginal(wordDiff(ORIGINAL, ''), 'delete')).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('furthestFirst', () => {
  const amendment = (id: string, after: string, createdAt: string, kind: Orderable['kind'] = 'replace'): Orderable => ({
    id,
    kind,
    diff: wordDiff(ORIGINAL, after),
    createdAt,
  });

  it('orders by distance, deletion first, ties by submission', () => {
    const list = [
      amendment('small', 'Calls upon States to ensure inclusive education for all children.', '2025-10-15T10:00:00Z'),
      amendment('large', 'Encourages Member States to consider inclusive schooling.', '2025-10-15T10:05:00Z'),
      amendment('delete', '', '2025-10-15T10:10:00Z', 'delete'),
      amendment(
        'small-later',
        'Calls upon States to ensure inclusive education for all pupils.',
        '2025-10-15T10:15:00Z',
      ),
      amendment(
        'small-earlier',
        'Calls upon States to ensure inclusive education for every learner.',
        '2025-10-15T09:00:00Z',
      ),
    ];
    expect(furthestFirst(list).map((a) => a.id)).toEqual(['delete', 'large', 'small-earlier', 'small', 'small-later']);
  });

  it('leaves the input alone', () => {
    const list = [amendment('a', ORIGINAL, '1'), amendment('b', 'Notes.', '2')];
    furthestFirst(list);
    expect(list.map((a) => a.id)).toEqual(['a', 'b']);
  });
});
