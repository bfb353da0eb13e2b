import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import { closeAction, closeCodeName, parseCloseReason, type CloseAction } from '../../shared/protocol/collab.js';
import { salvage, type Salvage } from '../editor/salvage.js';
import type { SuggestAuthor } from '../editor/suggestMode.js';
import { adoptEarly, collabBaseUrl } from './earlyCollab.js';
import { guardedSocket, type Sendable } from './guardedSocket.js';

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

/**
 * Sets this person's presence again, one clock tick later: on connecting, so that it is there at once, and on
 * losing the connection, so that the next connect outruns the removal the server sent for this one.
 *
 * y-protocols takes a state from a client it does not know only from clock 1 up, and the provider's first state
 * has clock 0: without this, the others heard of a newcomer, and the newcomer of them, only at the 15-second
 * renewal. A connection's end is sent to everyone as a removal one tick after its last state (as y-protocols'
 * `removeAwarenessStates` does), so a reconnect needs two ticks: one set while disconnected (sent to no one,
 * the provider drops it) and one as it connects. The identity in the state is the server's to write.
 */
export function renewPresence(awareness: Awareness): void {
  const state = awareness.getLocalState();
  if (state !== null) awareness.setLocalState({ ...state });
}

/**
 * Forgets the clocks of the people the provider removed when the connection was lost. It removes them a tick
 * after their last state, so that their states, sent again by the server as this page reconnects, would
 * otherwise look old and be ignored until their next renewal, up to 15 s later.
 */
export function forgetDeparted(awareness: Awareness): void {
  for (const clientId of [...awareness.meta.keys()]) {
    if (clientId !== awareness.clientID && !awareness.states.has(clientId)) awareness.meta.delete(clientId);
  }
}

export interface CollabSessionOptions {
  url?: string;
  WebSocketPolyfill?: typeof WebSocket;
  /** Whether this person may write the clause now (asked when restoring edits after a resync). */
  mayWrite?: (clauseId: string) => boolean;
  /**
   * Who this person suggests as when they suggest now, else null (asked when restoring edits after a resync):
   * their edits are then written again as their suggestions. `required` says the server has just refused a
   * write of theirs for not being one. Default: never suggesting.
   */
  suggestAs?: (required: boolean) => SuggestAuthor | null;
}

export function createCollabSession(documentId: string, options: CollabSessionOptions = {}): CollabSession {
  return new LiveSession(documentId, options);
}

type Listeners = { [E in keyof CollabSessionEvents]: Set<CollabSessionEvents[E]> };

/** The session of `createCollabSession`: one provider at a time, replaced on a resync. */
class LiveSession implements CollabSession {
  private readonly listeners: Listeners = {
    status: new Set(),
    reset: new Set(),
    closed: new Set(),
    salvaged: new Set(),
    synced: new Set(),
  };
  private currentStatus: CollabStatus = 'connecting';
  private close: CollabClose | undefined;
  private destroyed = false;
  private isReady = false;
  private hasUnsent = false;
  private copy!: Y.Doc;
  private current!: WebsocketProvider;
  /** The copy a resync replaced, with the close that did, until the fresh copy is synced. */
  private replaced: { doc: Y.Doc; close: CollabClose } | undefined;
  private lastRestore = -Infinity;

  constructor(
    readonly documentId: string,
    private readonly options: CollabSessionOptions,
  ) {
    this.connect();
  }

  get doc(): Y.Doc {
    return this.copy;
  }
  get provider(): WebsocketProvider {
    return this.current;
  }
  get awareness(): Awareness {
    return this.current.awareness;
  }
  get status(): CollabStatus {
    return this.currentStatus;
  }
  get ready(): boolean {
    return this.isReady;
  }
  get unsent(): boolean {
    return this.hasUnsent;
  }
  get lastClose(): CollabClose | undefined {
    return this.close;
  }

  on<E extends keyof CollabSessionEvents>(event: E, fn: CollabSessionEvents[E]): () => void {
    this.listeners[event].add(fn as never);
    return () => this.listeners[event].delete(fn as never);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.current.destroy();
    this.copy.destroy();
    this.replaced?.doc.destroy();
    for (const set of Object.values(this.listeners)) set.clear();
  }

  private emit<E extends keyof CollabSessionEvents>(event: E, ...args: Parameters<CollabSessionEvents[E]>): void {
    for (const fn of this.listeners[event]) (fn as (...a: Parameters<CollabSessionEvents[E]>) => void)(...args);
  }

  private setStatus(next: CollabStatus): void {
    if (this.currentStatus === next) return;
    this.currentStatus = next;
    this.emit('status', next);
  }

  /** Once the fresh copy is synced: the person's changes the replaced copy held are written again or handed back. */
  private restore(fresh: Y.Doc): void {
    if (!this.replaced) return;
    const { doc: previous, close } = this.replaced;
    this.replaced = undefined;
    const loop = close.reason.clauseId === undefined && Date.now() - this.lastRestore < RESTORE_GUARD_MS;
    // Too large stays too large when written again, and so does a declaration over its length; a refusal
    // right after a restore names what to leave out, or else nothing is written again.
    const tooMuch =
      close.name === 'MESSAGE_TOO_LARGE' || (close.name === 'TEXT_TOO_LONG' && close.reason.clauseId === undefined);
    const allowed = !tooMuch && !loop;
    const required = close.reason.id === 'suggestion_required';
    const suggestAs = this.options.suggestAs?.(required) ?? null;
    // Refused for not suggesting: the refused clause is written again too, as suggestions, unless that is
    // what was just refused.
    const retried = required && suggestAs !== null && Date.now() - this.lastRestore >= RESTORE_GUARD_MS;
    const refused = retried ? undefined : close.reason.clauseId;
    const result = salvage(
      previous,
      fresh,
      (clauseId) => allowed && clauseId !== refused && (this.options.mayWrite?.(clauseId) ?? true),
      suggestAs,
    );
    previous.destroy();
    if (result.restored.length > 0) this.lastRestore = Date.now();
    this.emit('salvaged', result, close);
  }

  /** The provider's socket: the one the entry opened for this document if it waits (`adoptEarly`), else a new one. */
  private socketClass(onDropped: (data: Sendable) => void): typeof WebSocket {
    const Guarded = guardedSocket(this.options.WebSocketPolyfill ?? WebSocket, onDropped);
    return function CollabSocket(url: string, protocols?: string | string[]) {
      return adoptEarly(url, onDropped) ?? new Guarded(url, protocols);
    } as unknown as typeof WebSocket;
  }

  private connect(): void {
    const { options } = this;
    this.isReady = false;
    this.copy = new Y.Doc();
    const current = (this.current = new WebsocketProvider(options.url ?? collabBaseUrl(), this.documentId, this.copy, {
      disableBc: true,
      maxBackoffTime: 5000,
      WebSocketPolyfill: this.socketClass((data) => {
        // A sync message (the protocol's first byte 0) dropped while closing: the copy holds what was not sent.
        if (current === this.current && data instanceof Uint8Array && data[0] === 0) this.hasUnsent = true;
      }),
      shouldReconnect: (event: CloseEvent) => closeAction(event.code) === 'reconnect',
    }));
    const tracksUnsent = (_update: Uint8Array, origin: unknown): void => {
      if (current === this.current && origin !== current && !current.wsconnected) this.hasUnsent = true;
    };
    // Yjs encodes a transaction's update only for the copy's 'update' listeners, and applying the server's copy
    // is the largest transaction a page makes (a tenth of a second on a slow laptop). Both listeners — the
    // provider's sender and the tracker above — ignore what the provider applied, so they are attached once the
    // copy is first synced: nothing is edited before (editors are made on a synced copy).
    this.copy.off('update', current._updateHandler);
    let listening = false;
    const listen = (): void => {
      if (listening) return;
      listening = true;
      current.doc.on('update', current._updateHandler);
      current.doc.on('update', tracksUnsent);
    };
    current.on('status', ({ status: s }: { status: string }) => {
      if (s === 'disconnected') forgetDeparted(current.awareness);
      if (s === 'connected' || s === 'disconnected') renewPresence(current.awareness);
      if (current === this.current && this.currentStatus !== 'stopped')
        this.setStatus(s === 'connected' ? 'connected' : s === 'connecting' ? 'connecting' : 'disconnected');
    });
    current.on('sync', (synced: boolean) => {
      if (!synced) return;
      listen();
      if (current !== this.current) return;
      this.restore(current.doc);
      this.isReady = true;
      // What was typed offline went out with this sync (in reply to the server's step 1, which comes first).
      this.hasUnsent = false;
      this.emit('synced');
    });
    current.on('connection-close', (event: CloseEvent | null) => {
      if (event && current === this.current && !this.destroyed) this.closed(current, event);
    });
  }

  private closed(current: WebsocketProvider, event: CloseEvent): void {
    const close: CollabClose = {
      code: event.code,
      name: closeCodeName(event.code),
      action: closeAction(event.code),
      reason: parseCloseReason(event.reason ?? ''),
    };
    this.close = close;
    this.emit('closed', close);
    if (close.action === 'stop') this.setStatus('stopped');
    else if (close.action === 'resync') {
      // Replace the copy: what the server refused must not be offered again. The old copy is kept until the
      // fresh one is synced, to restore what else it held.
      queueMicrotask(() => {
        if (this.destroyed) return;
        current.destroy();
        // A copy refused before it synced holds nothing of its own: the first replaced copy is the one to keep.
        if (this.replaced) current.doc.destroy();
        else this.replaced = { doc: current.doc, close };
        this.connect();
        this.emit('reset', close);
      });
    }
  }
}
