import { describe, expect, it, vi } from 'vitest';
import { noteRead } from '../api/eventsSeq.js';
import { eventDocument, followDocumentEvents } from './documentEvents.js';

/** A socket as far as following a document needs: its events, and the room's join confirmations. */
const fake = vi.hoisted(() => {
  const handlers = new Map<string, Set<(...args: unknown[]) => void>>();
  const joined = new Set<(seq?: number) => void>();
  const socket = {
    connected: false,
    on: (event: string, fn: (...args: unknown[]) => void) => {
      if (!handlers.has(event)) handlers.set(event, new Set());
      handlers.get(event)!.add(fn);
    },
    off: (event: string, fn: (...args: unknown[]) => void) => handlers.get(event)?.delete(fn),
    fire: (event: string, ...args: unknown[]) => handlers.get(event)?.forEach((fn) => fn(...args)),
  };
  /** The server confirms the tab in the room, with the document's event sequence then (0 unless given). */
  const join = (seq: number | undefined = 0) => [...joined].forEach((fn) => fn(seq));
  return { socket, joined, join };
});

vi.mock('../api/socket.js', () => ({
  getSocket: () => fake.socket,
  followDocument: () => () => undefined,
  onJoined: (_id: string, fn: (seq?: number) => void) => {
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

  it('reads again after the first join exactly when an event went out since the screen’s reads', () => {
    // Read at 4 and 6 (a part read later), joined at 6: events 5 and 6 may have gone before the tab was in the room.
    const behind = vi.fn();
    noteRead('/api/documents/d', '4');
    noteRead('/api/documents/d/votes', '6');
    const unfollow = followDocumentEvents('d', {}, behind);
    fake.socket.fire('connect');
    fake.join(6);
    expect(behind).toHaveBeenCalledTimes(1);
    // Later joins (another part of the page joining too) are no first arrival.
    fake.join(9);
    expect(behind).toHaveBeenCalledTimes(1);
    unfollow();

    // Read at 7, joined at 7: nothing went out in between; nothing is read again.
    const level = vi.fn();
    noteRead('/api/documents/d?include=content', '7');
    const unfollowLevel = followDocumentEvents('d', {}, level);
    fake.socket.fire('connect');
    fake.join(7);
    expect(level).not.toHaveBeenCalled();
    unfollowLevel();
  });

  it('counts only the reads of the document followed, and since the last screen following it let go', () => {
    const resync = vi.fn();
    noteRead('/api/documents/d', '2');
    // The screen that read at 2 leaves; the next one reads at 8 and joins at 8.
    followDocumentEvents('d', {})();
    noteRead('/api/documents/d', '8');
    noteRead('/api/documents/other', '1');
    noteRead('/api/delegations', '1');
    const unfollow = followDocumentEvents('d', {}, resync);
    fake.join(8);
    expect(resync).not.toHaveBeenCalled();
    unfollow();
  });

  it('reads again when a read that lands after the join is behind it', () => {
    const resync = vi.fn();
    noteRead('/api/documents/d', '3');
    const unfollow = followDocumentEvents('d', {}, resync);
    fake.join(3);
    expect(resync).not.toHaveBeenCalled();
    // Asked before the join, answered after it: events 4 and 5 may have gone before the tab was in the room.
    noteRead('/api/documents/d/floor', '2');
    expect(resync).toHaveBeenCalledTimes(1);
    // A read as new as the join, or newer, misses nothing.
    noteRead('/api/documents/d/floor', '3');
    noteRead('/api/documents/d/votes', '5');
    expect(resync).toHaveBeenCalledTimes(1);
    unfollow();
  });

  it('does not read again at the first join when the server says no sequence (refused, or an older server)', () => {
    const resync = vi.fn();
    noteRead('/api/documents/d', '3');
    const unfollow = followDocumentEvents('d', {}, resync);
    fake.join(undefined);
    expect(resync).not.toHaveBeenCalled();
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
