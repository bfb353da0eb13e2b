import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import { closeAction, closeCodeName, COLLAB_PATH, parseCloseReason, type CloseAction } from '../../shared/protocol/collab.js';

/** Why the server last closed the socket, for the editor to explain. */
export interface CollabClose {
  code: number;
  /** `FORBIDDEN_WRITE`, `TOO_SLOW`…; undefined for codes Accord does not send (network loss: 1006). */
  name: string | undefined;
  action: CloseAction;
  /** The reason's id (`clause_locked`, `stage_not_allowed`…) and clause, when the server gave one. */
  reason: { id: string; clauseId?: string };
}

export type CollabStatus = 'connecting' | 'connected' | 'disconnected' | 'stopped';

export interface CollabSessionEvents {
  /** Connection status changed. */
  status: (status: CollabStatus) => void;
  /** The server refused something and the copy was replaced by the server's: remount editors on `doc`. */
  reset: (close: CollabClose) => void;
  /** The server closed the socket (with the reason; reconnecting or not). */
  closed: (close: CollabClose) => void;
  /** First sync (and each resync) with the server completed. */
  synced: () => void;
}

/**
 * One live copy of a document: a Y.Doc kept in step with `/collab/:documentId` through the stock
 * `WebsocketProvider` (same origin, session cookie), with Accord's close codes handled:
 *
 * - `reconnect` codes (too slow, server restarting, network loss): the provider reconnects with backoff
 *   and merges what was typed meanwhile (offline editing);
 * - `resync` codes (a refused write, a client id clash, a malformed or too large message): the copy holds
 *   something the server will never take, so it is replaced by a fresh one synced from the server — the
 *   refused edit is dropped — and `reset` tells the editors to remount; `closed` says why;
 * - `stop` (signed out): no reconnection.
 */
export interface CollabSession {
  readonly documentId: string;
  /** The current copy; replaced on `reset`. */
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  readonly awareness: Awareness;
  readonly status: CollabStatus;
  readonly lastClose: CollabClose | undefined;
  on<E extends keyof CollabSessionEvents>(event: E, fn: CollabSessionEvents[E]): () => void;
  destroy(): void;
}

/** The collab base URL of this page's origin (ws: or wss:). */
export function collabBaseUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${COLLAB_PATH}`;
}

export function createCollabSession(documentId: string, options: { url?: string; WebSocketPolyfill?: typeof WebSocket } = {}): CollabSession {
  const listeners: { [E in keyof CollabSessionEvents]: Set<CollabSessionEvents[E]> } = {
    status: new Set(),
    reset: new Set(),
    closed: new Set(),
    synced: new Set(),
  };
  const emit = <E extends keyof CollabSessionEvents>(event: E, ...args: Parameters<CollabSessionEvents[E]>): void => {
    for (const fn of listeners[event]) (fn as (...a: Parameters<CollabSessionEvents[E]>) => void)(...args);
  };

  let status: CollabStatus = 'connecting';
  let lastClose: CollabClose | undefined;
  let destroyed = false;
  let doc!: Y.Doc;
  let provider!: WebsocketProvider;

  const setStatus = (next: CollabStatus): void => {
    if (status === next) return;
    status = next;
    emit('status', next);
  };

  const connect = (): void => {
    doc = new Y.Doc();
    provider = new WebsocketProvider(options.url ?? collabBaseUrl(), documentId, doc, {
      disableBc: true,
      maxBackoffTime: 5000,
      ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
      shouldReconnect: (event: CloseEvent) => closeAction(event.code) === 'reconnect',
    });
    const current = provider;
    current.on('status', ({ status: s }: { status: string }) => {
      if (current === provider && status !== 'stopped') setStatus(s === 'connected' ? 'connected' : s === 'connecting' ? 'connecting' : 'disconnected');
    });
    current.on('sync', (synced: boolean) => {
      if (synced && current === provider) emit('synced');
    });
    current.on('connection-close', (event: CloseEvent | null) => {
      if (!event || current !== provider || destroyed) return;
      const close: CollabClose = {
        code: event.code,
        name: closeCodeName(event.code),
        action: closeAction(event.code),
        reason: parseCloseReason(event.reason ?? ''),
      };
      lastClose = close;
      emit('closed', close);
      if (close.action === 'stop') setStatus('stopped');
      else if (close.action === 'resync') {
        // Replace the copy: what the server refused must not be offered again.
        const old = current;
        queueMicrotask(() => {
          if (destroyed) return;
          old.destroy();
          old.doc.destroy();
          connect();
          emit('reset', close);
        });
      }
    });
  };
  connect();

  return {
    documentId,
    get doc() {
      return doc;
    },
    get provider() {
      return provider;
    },
    get awareness() {
      return provider.awareness;
    },
    get status() {
      return status;
    },
    get lastClose() {
      return lastClose;
    },
    on(event, fn) {
      listeners[event].add(fn as never);
      return () => listeners[event].delete(fn as never);
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      provider.destroy();
      doc.destroy();
      for (const set of Object.values(listeners)) set.clear();
    },
  };
}
