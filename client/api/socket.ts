import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events.js';

export type AccordSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: AccordSocket | undefined;

/**
 * The one socket.io connection of this tab (same origin, session cookie), opened on first use. WebSocket only:
 * the collab door needs WebSockets anyway, and without HTTP long-polling any node behind a load balancer can
 * serve any tab (no sticky sessions).
 */
export function getSocket(): AccordSocket {
  socket ??= io({ path: '/socket.io', withCredentials: true, transports: ['websocket'] });
  return socket;
}

/** Closes the connection (at logout); the next `getSocket` opens a new one with the new session. */
export function closeSocket(): void {
  socket?.disconnect();
  socket = undefined;
}

/**
 * Follows a document's events until the returned function is called. Rejoins after reconnects, since the
 * server forgets rooms when a socket drops.
 */
export function followDocument(documentId: string): () => void {
  const s = getSocket();
  const join = (): void => {
    s.emit('document:join', { documentId }, () => {
      for (const fn of [...(joinedListeners.get(documentId) ?? [])]) fn();
    });
  };
  if (s.connected) join();
  s.on('connect', join);
  return () => {
    s.off('connect', join);
    s.emit('document:leave', { documentId });
  };
}

const joinedListeners = new Map<string, Set<() => void>>();

/**
 * Calls `fn` each time the server confirms this tab in the document's room (the first join and every rejoin
 * after a reconnect). Events sent before that never reach the tab, so a view that read its state before the
 * confirmation reads it again here, and misses nothing in between.
 */
export function onJoined(documentId: string, fn: () => void): () => void {
  let listeners = joinedListeners.get(documentId);
  if (!listeners) joinedListeners.set(documentId, (listeners = new Set()));
  listeners.add(fn);
  return () => {
    listeners.delete(fn);
    if (listeners.size === 0) joinedListeners.delete(documentId);
  };
}
