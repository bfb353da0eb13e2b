import { Manager, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events.js';

export type AccordSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: AccordSocket | undefined;

/**
 * socket.io's connection manager, except that a try closed before its handshake fails at once. While a
 * connection is being made socket.io's manager listens for errors only: a WebSocket that opens and is closed
 * cleanly before the handshake (a network cut again as it comes back, a proxy or a server going down) left it
 * waiting out its 20 s connection timeout before the next try, so a page back online went that long without its
 * events and without reading again what it had missed. Each try is otherwise socket.io's, backoff included.
 */
export class PromptManager extends Manager<ServerToClientEvents, ClientToServerEvents> {
  override open(fn?: (err?: Error) => void): this {
    const before = this.engine;
    super.open(fn);
    const engine = this.engine;
    // Already open or being opened: this try is followed already.
    if (engine === before) return this;
    let settled = false;
    const settle = (): void => {
      settled = true;
    };
    engine.once('open', settle);
    engine.once('error', settle);
    engine.once('close', (reason) => {
      // The manager's own way out of a failed try (as for a WebSocket error): retry after its backoff.
      if (!settled) (engine as unknown as Emitting).emit('error', new Error(reason));
    });
    return this;
  }
}

/** The engine's events are typed for listening only; the manager hears this one as the engine's own. */
interface Emitting {
  emit(event: 'error', error: Error): void;
}

/**
 * The one socket.io connection of this tab (same origin, session cookie), opened on first use. WebSocket only:
 * the collab door needs WebSockets anyway, and without HTTP long-polling any node behind a load balancer can
 * serve any tab (no sticky sessions).
 */
export function getSocket(): AccordSocket {
  socket ??= new PromptManager({ path: '/socket.io', withCredentials: true, transports: ['websocket'] }).socket('/');
  return socket;
}

/** Closes the connection (at logout); the next `getSocket` opens a new one with the new session. */
export function closeSocket(): void {
  socket?.disconnect();
  socket = undefined;
}

/** How many screens of this tab follow each document: the tab leaves a document's room with the last. */
const followers = new Map<string, number>();

/**
 * Follows a document's events until the returned function is called. Rejoins after reconnects, since the
 * server forgets rooms when a socket drops. Several screens of a tab may follow one document (the page, its
 * panels, the floor's feeds): each asks to join, for its own acknowledgement, but the tab leaves the room only
 * when the last of them stops following, so that one part going does not deafen the rest.
 */
export function followDocument(
  documentId: string,
  s: Pick<AccordSocket, 'connected' | 'emit' | 'on' | 'off'> = getSocket(),
): () => void {
  followers.set(documentId, (followers.get(documentId) ?? 0) + 1);
  let following = true;
  const join = (): void => {
    s.emit('document:join', { documentId }, (result) => {
      const seq = result.ok ? result.seq : undefined;
      for (const fn of [...(joinedListeners.get(documentId) ?? [])]) fn(seq);
    });
  };
  if (s.connected) join();
  s.on('connect', join);
  return () => {
    if (!following) return;
    following = false;
    s.off('connect', join);
    const left = (followers.get(documentId) ?? 1) - 1;
    if (left > 0) return void followers.set(documentId, left);
    followers.delete(documentId);
    s.emit('document:leave', { documentId });
  };
}

const joinedListeners = new Map<string, Set<(seq?: number) => void>>();

/**
 * Calls `fn` each time the server confirms this tab in the document's room (the first join and every rejoin
 * after a reconnect), with the document's event sequence as it stood once the tab was in the room (undefined
 * when the join was refused, or from a server that does not count). Events sent before that never reach the
 * tab, so a view that read its state before the confirmation reads it again here when it may have missed one
 * (`followDocumentEvents`), and misses nothing in between.
 */
export function onJoined(documentId: string, fn: (seq?: number) => void): () => void {
  let listeners = joinedListeners.get(documentId);
  if (!listeners) joinedListeners.set(documentId, (listeners = new Set()));
  listeners.add(fn);
  return () => {
    listeners.delete(fn);
    if (listeners.size === 0) joinedListeners.delete(documentId);
  };
}
