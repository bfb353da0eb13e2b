import { describe, expect, it, vi } from 'vitest';
import { eventDocument, followDocumentEvents } from './documentEvents.js';

/** A socket as far as following a document needs: its events, and the room's join confirmations. */
const fake = vi.hoisted(() => {
  const handlers = new Map<string, Set<(...args: unknown[]) => void>>();
  const joined = new Set<() => void>();
  const socket = {
    connected: false,
    on: (event: string, fn: (...args: unknown[]) => void) => {
      if (!handlers.has(event)) handlers.set(event, new Set());
      handlers.get(event)!.add(fn);
    },
    off: (event: string, fn: (...args: unknown[]) => void) => handlers.get(event)?.delete(fn),
    fire: (event: string, ...args: unknown[]) => handlers.get(event)?.forEach((fn) => fn(...args)),
  };
  return { socket, joined, join: () => [...joined].forEach((fn) => fn()) };
});

vi.mock('../api/socket.js', () => ({
  getSocket: () => fake.socket,
  followDocument: () => () => undefined,
  onJoined: (_id: string, fn: () => void) => {
    fake.joined.add(fn);
    return () => fake.joined.delete(fn);
  },
}));

describe('document events', () => {
  it('names the document an event is about: its own, or its vote’s', () => {
    expect(eventDocument({ documentId: 'doc-1', clauseId: 'c' })).toBe('doc-1');
    expect(eventDocument({ vote: { id: 'v', documentId: 'doc-2' } })).toBe('doc-2');
  });

  it('names none for events about no document, so they reach every screen that listens', () => {
    expect(eventDocument({ delegation: 'FRA', alternate: null })).toBeUndefined();
    expect(eventDocument(undefined)).toBeUndefined();
    expect(eventDocument(null)).toBeUndefined();
    expect(eventDocument({ documentId: 42 })).toBeUndefined();
  });

  it('reads again after a join that follows a drop, not on arrival, and not after leaving', () => {
    const resync = vi.fn();
    const unfollow = followDocumentEvents('d', {}, resync);
    fake.socket.fire('connect');
    fake.join();
    expect(resync).not.toHaveBeenCalled();
    fake.socket.fire('disconnect', 'transport close');
    fake.socket.fire('connect');
    fake.join();
    fake.join();
    expect(resync).toHaveBeenCalledTimes(1);
    unfollow();
    fake.socket.fire('disconnect', 'transport close');
    fake.join();
    expect(resync).toHaveBeenCalledTimes(1);
  });

  it('reads again after the first join too when the screen asks, then only after drops', () => {
    const resync = vi.fn();
    const unfollow = followDocumentEvents('d', {}, resync, { firstJoinToo: true });
    fake.socket.fire('connect');
    fake.join();
    expect(resync).toHaveBeenCalledTimes(1);
    fake.join();
    expect(resync).toHaveBeenCalledTimes(1);
    fake.socket.fire('disconnect', 'transport close');
    fake.socket.fire('connect');
    fake.join();
    expect(resync).toHaveBeenCalledTimes(2);
    unfollow();
  });

  it('reads again when the first connection dropped or failed before the room was joined', () => {
    const resync = vi.fn();
    const unfollow = followDocumentEvents('d', {}, resync);
    // Cut while still connecting: what happened before the first join was missed.
    fake.socket.fire('disconnect', 'transport close');
    fake.socket.fire('connect');
    fake.join();
    expect(resync).toHaveBeenCalledTimes(1);
    unfollow();
    const refused = vi.fn();
    const unfollowAgain = followDocumentEvents('d', {}, refused);
    fake.socket.fire('connect_error', new Error('refused'));
    fake.socket.fire('connect');
    fake.join();
    expect(refused).toHaveBeenCalledTimes(1);
    unfollowAgain();
  });
});
