import { describe, expect, it } from 'vitest';
import { remainingText } from './silenceFeed.js';

describe('remainingText', () => {
  const at = Date.parse('2026-12-06T10:00:00Z');
  it('counts hours past a day, minutes and seconds, rounding a started second up', () => {
    expect(remainingText('2026-12-08T11:05:09Z', at)).toBe('49:05:09');
    expect(remainingText('2026-12-06T10:00:00.200Z', at)).toBe('0:00:01');
  });
  it('stops at zero once the deadline has passed', () => {
    expect(remainingText('2026-12-06T09:59:00Z', at)).toBe('0:00:00');
  });
});
