import type { ServerToClientEvents } from '../../shared/protocol/events.js';
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

export interface FollowOptions {
  /**
   * `resync` runs after the first join too. A screen read before the server confirmed it in the room misses
   * what happened in between (a vote opened as the chair's console appeared): for a screen few people hold
   * open, reading again once is cheap; a room of a thousand would read everything twice on arrival.
   */
  firstJoinToo?: boolean;
}

/**
 * Follows one document for the life of a screen: joins its room (again after every reconnect) and subscribes
 * the handlers as `onDocumentEvents` does. Events sent while the connection is down never arrive: `resync`,
 * when given, runs once the server confirms the tab back in the room after a reconnect, so a screen reads its
 * state again and misses nothing in between (a vote opened during a dropped connection). Not after the first
 * join: a room of a thousand would read everything twice on arrival. Returns the function that unsubscribes
 * them and leaves the room.
 */
export function followDocumentEvents(
  documentId: string,
  handlers: EventHandlers,
  resync?: () => void,
  { firstJoinToo = false }: FollowOptions = {},
): () => void {
  const unjoined = resync ? afterReconnect(documentId, resync, firstJoinToo) : () => {};
  const unfollow = followDocument(documentId);
  const unlisten = onDocumentEvents(documentId, handlers);
  return () => {
    unjoined();
    unlisten();
    unfollow();
  };
}

/**
 * Calls `fn` when the server confirms the tab in the document's room after the connection dropped or failed. A
 * drop counts from the moment the screen follows the document, and before its first join too: a page read and
 * shown while its first connection was still being made, then cut or refused, has missed what happened
 * meanwhile.
 */
function afterReconnect(documentId: string, fn: () => void, firstJoinToo: boolean): () => void {
  const socket = getSocket();
  let dropped = firstJoinToo;
  const disconnected = (): void => {
    dropped = true;
  };
  socket.on('disconnect', disconnected);
  socket.on('connect_error', disconnected);
  const unjoined = onJoined(documentId, () => {
    if (!dropped) return;
    dropped = false;
    fn();
  });
  return () => {
    socket.off('disconnect', disconnected);
    socket.off('connect_error', disconnected);
    unjoined();
  };
}
