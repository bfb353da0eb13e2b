import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import { closeAction, closeCodeName, COLLAB_PATH, parseCloseReason, type CloseAction } from '../../shared/protocol/collab.js';
import { salvage, type Salvage } from '../editor/salvage.js';

/** Why the server last closed the socket, for the editor to explain. */
export interface CollabClose {
  code: number;
  /** `FORBIDDEN_WRITE`, `RATE_LIMITED`…; undefined for codes Accord does not send (network loss: 1006). */
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
  /**
   * After a resync, before `synced`: this person's edits the server's copy lacked, written again where they
   * may still write, the rest handed back (see `salvage`).
   */
  salvaged: (salvaged: Salvage, close: CollabClose) => void;
  /** First sync (and each resync) with the server completed. */
  synced: () => void;
}

/** A resync that follows a restore this soon without naming a clause restores nothing (no refusal loop). */
const RESTORE_GUARD_MS = 10_000;

/**
 * One live copy of a document: a Y.Doc kept in step with `/collab/:documentId` through the stock
 * `WebsocketProvider` (same origin, session cookie), with Accord's close codes handled:
 *
 * - `reconnect` codes (too slow, server restarting, network loss): the provider reconnects with backoff
 *   and merges what was typed meanwhile (offline editing);
 * - `resync` codes (a refused write, a client id clash, a malformed or too large message): the copy holds
 *   something the server will never take, so it is replaced by a fresh one synced from the server, and
 *   `reset` tells the editors to remount; `closed` says why. The old copy may hold more than the refused
 *   edit (a spell of offline typing in several clauses): once the fresh copy is synced, each clause the
 *   person changed is written again where `mayWrite` allows and it was not the refused clause, and handed
 *   back otherwise (`salvaged`);
 * - `stop` (signed out): no reconnection.
 */
export interface CollabSession {
  readonly documentId: string;
  /** The current copy; replaced on `reset`. */
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  readonly awareness: Awareness;
  readonly status: CollabStatus;
  /**
   * The current copy has been synced with the server (and may have been edited offline since): editors can
   * be mounted on it, connected or not. False from a reset until the fresh copy is synced.
   */
  readonly ready: boolean;
  /**
   * This person changed the copy while it was not connected, and it has not been synced with the server
   * since: destroying the session now would lose those edits.
   */
  readonly unsent: boolean;
  readonly lastClose: CollabClose | undefined;
  on<E extends keyof CollabSessionEvents>(event: E, fn: CollabSessionEvents[E]): () => void;
  destroy(): void;
}

/** The collab base URL of this page's origin (ws: or wss:). */
export function collabBaseUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${COLLAB_PATH}`;
}

export interface CollabSessionOptions {
  url?: string;
  WebSocketPolyfill?: typeof WebSocket;
  /** Whether this person may write the clause now (asked when restoring edits after a resync). */
  mayWrite?: (clauseId: string) => boolean;
}

export function createCollabSession(documentId: string, options: CollabSessionOptions = {}): CollabSession {
  const listeners: { [E in keyof CollabSessionEvents]: Set<CollabSessionEvents[E]> } = {
    status: new Set(),
    reset: new Set(),
    closed: new Set(),
    salvaged: new Set(),
    synced: new Set(),
  };
  const emit = <E extends keyof CollabSessionEvents>(event: E, ...args: Parameters<CollabSessionEvents[E]>): void => {
    for (const fn of listeners[event]) (fn as (...a: Parameters<CollabSessionEvents[E]>) => void)(...args);
  };

  let status: CollabStatus = 'connecting';
  let lastClose: CollabClose | undefined;
  let destroyed = false;
  let ready = false;
  let unsent = false;
  let doc!: Y.Doc;
  let provider!: WebsocketProvider;
  /** The copy a resync replaced, with the close that did, until the fresh copy is synced. */
  let replaced: { doc: Y.Doc; close: CollabClose } | undefined;
  let lastRestore = -Infinity;

  const restore = (fresh: Y.Doc): void => {
    if (!replaced) return;
    const { doc: previous, close } = replaced;
    replaced = undefined;
    const loop = close.reason.clauseId === undefined && Date.now() - lastRestore < RESTORE_GUARD_MS;
    // Too large stays too large when written again, and so does a declaration over its length; a refusal
    // right after a restore names what to leave out, or else nothing is written again.
    const tooMuch = close.name === 'MESSAGE_TOO_LARGE' || (close.name === 'TEXT_TOO_LONG' && close.reason.clauseId === undefined);
    const allowed = !tooMuch && !loop;
    const result = salvage(previous, fresh, (clauseId) => allowed && clauseId !== close.reason.clauseId && (options.mayWrite?.(clauseId) ?? true));
    previous.destroy();
    if (result.restored.length > 0) lastRestore = Date.now();
    emit('salvaged', result, close);
  };

  const setStatus = (next: CollabStatus): void => {
    if (status === next) return;
    status = next;
    emit('status', next);
  };

  const connect = (): void => {
    ready = false;
    doc = new Y.Doc();
    provider = new WebsocketProvider(options.url ?? collabBaseUrl(), documentId, doc, {
      disableBc: true,
      maxBackoffTime: 5000,
      ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
      shouldReconnect: (event: CloseEvent) => closeAction(event.code) === 'reconnect',
    });
    const current = provider;
    doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (current === provider && origin !== current && !current.wsconnected) unsent = true;
    });
    current.on('status', ({ status: s }: { status: string }) => {
      if (current === provider && status !== 'stopped') setStatus(s === 'connected' ? 'connected' : s === 'connecting' ? 'connecting' : 'disconnected');
    });
    current.on('sync', (synced: boolean) => {
      if (!synced || current !== provider) return;
      restore(current.doc);
      ready = true;
      // What was typed offline went out with this sync (in reply to the server's step 1, which comes first).
      unsent = false;
      emit('synced');
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
        // Replace the copy: what the server refused must not be offered again. The old copy is kept until the
        // fresh one is synced, to restore what else it held.
        const old = current;
        queueMicrotask(() => {
          if (destroyed) return;
          old.destroy();
          // A copy refused before it synced holds nothing of its own: the first replaced copy is the one to keep.
          if (replaced) old.doc.destroy();
          else replaced = { doc: old.doc, close };
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
    get ready() {
      return ready;
    },
    get unsent() {
      return unsent;
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
      replaced?.doc.destroy();
      for (const set of Object.values(listeners)) set.clear();
    },
  };
}
