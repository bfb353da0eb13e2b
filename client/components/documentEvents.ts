import type { ServerToClientEvents } from '../../shared/protocol/events.js';
import { followReads, lowestRead } from '../api/eventsSeq.js';
import { followDocument, getSocket, onJoined } from '../api/socket.js';

type EventName = keyof ServerToClientEvents;

/** Handlers of socket events, by event name, as `socket.on` takes them. */
export type EventHandlers = { [E in EventName]?: ServerToClientEvents[E] };

/**
 * The document a socket event is about: its own `documentId`, or its vote's. Events about no document (a
 * delegation's alternate, the session) have none.
 */
export function eventDocument(payload: unknown): string | undefined {
  const p = payload as { documentId?: unknown; vote?: { documentId?: unknown } } | null | undefined;
  if (typeof p?.documentId === 'string') return p.documentId;
  if (typeof p?.vote?.documentId === 'string') return p.vote.documentId;
  return undefined;
}

/** Subscribes to socket events for the life of a screen; returns the function that unsubscribes them all. */
export function listen(handlers: EventHandlers): () => void {
  const socket = getSocket();
  const entries = Object.entries(handlers) as [EventName, (...args: unknown[]) => void][];
  for (const [event, fn] of entries) socket.on(event, fn as never);
  return () => {
    for (const [event, fn] of entries) socket.off(event, fn as never);
  };
}

/**
 * Hands each handler only the socket events about one document, so no screen filters by document itself.
 * Events about no document (a delegation's alternate) reach their handlers as they come. For a part of a page
 * whose page already follows the document; returns the function that unsubscribes every handler.
 */
export function onDocumentEvents(documentId: string, handlers: EventHandlers): () => void {
  const filtered: Record<string, (...args: unknown[]) => unknown> = {};
  for (const [event, fn] of Object.entries(handlers) as [EventName, (...args: unknown[]) => unknown][]) {
    filtered[event] = (payload: unknown, ...rest: unknown[]) => {
      const about = eventDocument(payload);
      if (about === undefined || about === documentId) return fn(payload, ...rest);
    };
  }
  return listen(filtered as EventHandlers);
}

/**
 * Follows one document for the life of a screen: joins its room (again after every reconnect) and subscribes
 * the handlers as `onDocumentEvents` does. Events sent before the server put the tab in the room never reach
 * it: `resync`, when given, runs whenever the screen may have missed one, so it reads its state again and
 * misses nothing (see `onMissedEvents`). A room of a thousand arriving at once reads once, not twice: the
 * first join reads again only when an event went out since the screen's reads. Returns the function that
 * unsubscribes them and leaves the room.
 */
export function followDocumentEvents(documentId: string, handlers: EventHandlers, resync?: () => void): () => void {
  // Without `resync` the screen still keeps the record of the document's reads for as long as it follows.
  const uncaught = resync ? onMissedEvents(documentId, resync) : followReads(documentId);
  const unfollow = followDocument(documentId);
  const unlisten = onDocumentEvents(documentId, handlers);
  return () => {
    uncaught();
    unlisten();
    unfollow();
  };
}

/**
 * Calls `fn` when the screen may have missed an event, by the document's event sequence (docs/architecture.md,
 * "Events and the first join"), until the returned function is called. `followDocumentEvents` calls it with
 * its `resync`; a part of a page that already follows the document, reading what it shows itself, calls it
 * beside `onDocumentEvents`. It runs:
 * - at the first join, when the sequence it was answered with is ahead of the lowest a read of the document
 *   carried (an event went out between that read and the join: a vote opened as the page appeared);
 * - when a read that lands after the join carries a sequence behind the join's (it was answered before events
 *   the tab may have heard of, or not, before it was in the room);
 * - when the server confirms the tab back in the room after the connection dropped or failed, whatever the
 *   numbers: a drop counts from the moment the screen follows the document, before its first join too.
 */
export function onMissedEvents(documentId: string, fn: () => void): () => void {
  const socket = getSocket();
  let dropped = false;
  /** The sequence the tab's latest join of the document was answered with; undefined before the first. */
  let joined: number | undefined;
  const disconnected = (): void => {
    dropped = true;
  };
  socket.on('disconnect', disconnected);
  socket.on('connect_error', disconnected);
  const unread = followReads(documentId, (seq) => {
    if (joined !== undefined && seq < joined) fn();
  });
  const unjoined = onJoined(documentId, (seq) => {
    const first = joined === undefined;
    if (seq !== undefined) joined = seq;
    if (dropped) {
      dropped = false;
      return fn();
    }
    const read = lowestRead(documentId);
    if (first && seq !== undefined && read !== undefined && read < seq) fn();
  });
  return () => {
    socket.off('disconnect', disconnected);
    socket.off('connect_error', disconnected);
    unjoined();
    unread();
  };
}
