import { describe, expect, it } from 'vitest';
import type { FloorEntryJson, FloorJson } from '../../shared/api/floor.js';
import { clockOffset, formatClock, newerFloor, placesOf, speakerClock } from './floor.js';

const entry = (delegation: string, over: Partial<FloorEntryJson> = {}): FloorEntryJson => ({
  id: `r-${delegation}`,
  delegation,
  subject: { type: 'general' },
  kind: 'speaker',
  requestedBy: `${delegation.toLowerCase()}-head`,
  requestedAt: '2026-01-01T10:00:00.000Z',
  grantedAt: null,
  speakingSeconds: null,
  ...over,
});

const floor = (now: string, over: Partial<FloorJson> = {}): FloorJson => ({
  documentId: 'd',
  current: null,
  queue: [],
  open: true,
  speakingTimeSeconds: null,
  now,
  ...over,
});

describe('newerFloor', () => {
  it('keeps the floor read last on the server, whichever arrives last', () => {
    const before = floor('2026-01-01T10:00:00.000Z', { current: entry('KAZ') });
    const after = floor('2026-01-01T10:00:01.000Z');
    expect(newerFloor(before, after)).toBe(after);
    expect(newerFloor(after, before)).toBe(after);
    expect(newerFloor(null, before)).toBe(before);
  });

  it('takes another document’s floor as it comes', () => {
    const other = { ...floor('2000-01-01T00:00:00.000Z'), documentId: 'e' };
    expect(newerFloor(floor('2026-01-01T10:00:00.000Z'), other)).toBe(other);
  });
});

describe('the speaker’s clock', () => {
  const granted = Date.parse('2026-01-01T10:00:00.000Z');
  const speaker = { grantedAt: '2026-01-01T10:00:00.000Z', speakingSeconds: 120 };

  it('counts down the speaking time, then over it', () => {
    expect(speakerClock(speaker, granted + 30_500)).toEqual({ elapsed: 30, remaining: 90, over: false });
    expect(speakerClock(speaker, granted + 125_000)).toEqual({ elapsed: 125, remaining: -5, over: true });
  });

  it('counts up without a limit, and never below zero', () => {
    expect(speakerClock({ ...speaker, speakingSeconds: null }, granted + 61_000)).toEqual({
      elapsed: 61,
      remaining: null,
      over: false,
    });
    expect(speakerClock(speaker, granted - 5000).elapsed).toBe(0);
  });

  it('runs on the server’s clock: the offset of a floor read', () => {
    expect(clockOffset(floor('2026-01-01T10:00:05.000Z'), granted)).toBe(5000);
  });

  it.each([
    [0, '0:00'],
    [9, '0:09'],
    [125, '2:05'],
    [3600, '1:00:00'],
    [-5, '−0:05'],
  ])('reads %i seconds as %s', (seconds, text) => {
    expect(formatClock(seconds)).toBe(text);
  });
});

describe('placesOf', () => {
  it('gives the delegation’s waiting requests with their places', () => {
    const f = floor('2026-01-01T10:00:00.000Z', {
      queue: [entry('FRA'), entry('KAZ', { kind: 'right_of_reply', id: 'r1' }), entry('DEU'), entry('KAZ')],
    });
    expect(placesOf(f, 'KAZ').map(({ entry: e, place }) => [e.id, place])).toEqual([
      ['r1', 2],
      ['r-KAZ', 4],
    ]);
    expect(placesOf(f, 'ITA')).toEqual([]);
  });
});
