import { describe, expect, it, vi } from 'vitest';
import { noteRead } from '../api/eventsSeq.js';
import { FloorFeed } from './floorFeed.js';

/** A socket as far as a feed needs: its events, and the room's join confirmations with their sequence. */
const fake = vi.hoisted(() => {
  const handlers = new Map<string, Set<(...args: unknown[]) => void>>();
  const joined = new Set<(seq?: number) => void>();
  const socket = {
    on: (event: string, fn: (...args: unknown[]) => void) => {
      if (!handlers.has(event)) handlers.set(event, new Set());
      handlers.get(event)!.add(fn);
    },
    off: (event: string, fn: (...args: unknown[]) => void) => handlers.get(event)?.delete(fn),
    fire: (event: string, ...args: unknown[]) => handlers.get(event)?.forEach((fn) => fn(...args)),
  };
  const reads = vi.fn(async () => null);
  return { socket, joined, reads, join: (seq: number) => [...joined].forEach((fn) => fn(seq)) };
});

vi.mock('../api/socket.js', () => ({
  getSocket: () => fake.socket,
  followDocument: () => () => undefined,
  onJoined: (_id: string, fn: (seq?: number) => void) => {
    fake.joined.add(fn);
    return () => fake.joined.delete(fn);
  },
}));
vi.mock('../api/http.js', () => ({ call: fake.reads }));

describe('the floor as a page follows it', () => {
  it('is read once on arrival, again only when the join says a change may have been missed, and after a drop', async () => {
    const feed = new FloorFeed('d', () => undefined);
    await feed.load();
    noteRead('/api/documents/d/floor', '5');
    fake.join(5);
    // Nothing went out between the read and the join: a room of a thousand reads the floor once, not twice.
    expect(fake.reads).toHaveBeenCalledTimes(1);
    fake.socket.fire('disconnect', 'transport close');
    fake.join(5);
    expect(fake.reads).toHaveBeenCalledTimes(2);
    feed.destroy();

    const late = new FloorFeed('d', () => undefined);
    await late.load();
    noteRead('/api/documents/d/floor', '6');
    fake.join(7);
    expect(fake.reads).toHaveBeenCalledTimes(4);
    late.destroy();
  });
});
