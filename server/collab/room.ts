import * as Y from 'yjs';
import { CloseCode, SYNC_STEP1, SYNC_STEP2, SYNC_UPDATE } from '../../shared/protocol/collab.js';
import type { AppContext } from '../context.js';
import type { CollabConnection } from './connection.js';
import { DocAwareness } from './awareness.js';
import { FanOut } from './fanOut.js';
import { awarenessMessage, syncMessage } from './messages.js';
import { checkUpdate, type ClientIdOwnership, type PolicyView } from './updatePolicy.js';
import { actorOf } from '../auth/session.js';
import { ClauseLengths, overLimit } from './textBudget.js';
import type { DocSubscriber } from './loadedDocs.js';

/** A client's state vector when it has nothing: what `syncStep1` answers with the whole document. */
const EMPTY_STATE_VECTOR = new Uint8Array([0]);

export interface RoomOptions {
  /** How often merged awareness changes are sent to everyone, in ms. Default 100. */
  awarenessIntervalMs: number;
  /**
   * Awareness sent to each connection at most, in bytes per second. Default 64 KiB/s: a room of 50 sees
   * every cursor move live; in a plenary of 1,500 each cursor is refreshed every few seconds while arrivals
   * and departures still show within one interval.
   */
  awarenessBytesPerSecond: number;
}

/** What a room needs from the collab server around it. */
export interface RoomServices {
  ctx: AppContext;
  /** Reads stage and clause rows for the write policy; undefined when the document is gone. */
  readPolicy(documentId: string): Promise<PolicyView | undefined>;
  options: RoomOptions;
  /** The room emptied: the server forgets it, and destroys it once what it received is stored. */
  dispose(room: CollabRoom): void;
  /** The room's document left memory: the server forgets the room at once (it closes its sockets). */
  forget(room: CollabRoom): void;
  /** Passes this node's presence changes to the other nodes (cluster); absent on a single node. */
  relayAwareness?: (documentId: string, update: Uint8Array) => void;
}

/**
 * Everyone connected to one document. Checks each incoming update against the write policy before applying
 * it, hands accepted ones to the registry's group commit, and, subscribed to its document in the registry,
 * broadcasts what is announced as stored: one encoded message, sent to every connection.
 */
export class CollabRoom implements DocSubscriber {
  readonly connections = new Set<CollabConnection>();
  readonly awareness = new DocAwareness();
  /** Writes broadcasts to the connections, a slice of the room per turn of the event loop. */
  private readonly sockets = new FanOut<CollabConnection>();
  private fullState: Uint8Array | null = null;
  /** Incoming updates, judged and applied one at a time in arrival order (judging reads storage). */
  private inbox: Promise<void> = Promise.resolve();
  private destroyed = false;
  private awarenessTimer: NodeJS.Timeout | undefined;
  /** Characters per clause, for the text limits. */
  private readonly lengths: ClauseLengths;
  private readonly onDocUpdate = (): void => {
    this.fullState = null;
  };
  /** Ends the subscription to the document; unset once it ended. */
  private unsubscribe: (() => void) | undefined;
  /** Updates other nodes stored, held for the batch window (see `stored`). */
  private relayed: { updates: Uint8Array[]; timer: NodeJS.Timeout } | undefined;

  private constructor(
    readonly documentId: string,
    readonly doc: Y.Doc,
    private readonly services: RoomServices,
    private readonly bindings: Map<number, string>,
  ) {
    doc.on('update', this.onDocUpdate);
    this.lengths = new ClauseLengths(doc);
  }

  /**
   * A room for a loaded document, with the document's client id bindings read from storage, subscribed to
   * the document. Undefined when the document was reloaded meanwhile: a room holds the registry's current copy.
   */
  static async open(documentId: string, doc: Y.Doc, services: RoomServices): Promise<CollabRoom | undefined> {
    const room = new CollabRoom(documentId, doc, services, await services.ctx.store.clientIds.load(documentId));
    room.unsubscribe = services.ctx.registry.subscribe(documentId, doc, room);
    if (room.unsubscribe) return room;
    room.destroy();
    return undefined;
  }

  /** Sockets a broadcast is written to: the registry sets the document's batch window by it. */
  get fanOut(): number {
    return this.connections.size;
  }

  /**
   * An update of the document is stored. This node's commits are already gathered over the batch window:
   * out at once, after any relayed ones held (the order in which updates were stored is kept). Updates other
   * nodes stored arrive one relay message per commit of each node; a crowded room gathers them over the same
   * window as its own commits, so its sockets are written to once per window, not once per node.
   */
  stored(update: Uint8Array, relayed: boolean): void {
    if (!relayed) {
      this.sendRelayed();
      this.broadcastUpdate(update);
      return;
    }
    const wait = this.services.ctx.registry.batchWindow(this.documentId);
    if (wait < 1) return this.broadcastUpdate(update);
    if (this.relayed) this.relayed.updates.push(update);
    else this.relayed = { updates: [update], timer: setTimeout(() => this.sendRelayed(), wait) };
  }

  private sendRelayed(): void {
    const batch = this.relayed;
    if (!batch) return;
    clearTimeout(batch.timer);
    this.relayed = undefined;
    this.broadcastUpdate(batch.updates.length === 1 ? batch.updates[0]! : Y.mergeUpdates(batch.updates));
  }

  /** Resolves once every broadcast made so far is written to every socket; undefined when none is left. */
  written(): Promise<void> | undefined {
    return this.sockets.written();
  }

  /** The registry dropped the document (idle, or reloaded after a failed commit): sockets resync on a fresh copy. */
  unloaded(): void {
    this.unsubscribe = undefined;
    this.services.forget(this);
    this.closeAll(CloseCode.SERVER_RESTARTING, 'document_reloaded');
  }

  /** Stops hearing of the document: nobody is left to hear it, or the room is gone. */
  private detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    clearTimeout(this.relayed?.timer);
    this.relayed = undefined;
  }

  /**
   * A socket joins: it is sent the server's sync step 1 and everyone's presence, and with `whole` (a page's first
   * socket, `WHOLE_ON_JOIN_QUERY`) the whole document at once, as its sync step 1 with an empty state vector
   * would be answered.
   */
  join(conn: CollabConnection, whole = false): void {
    this.connections.add(conn);
    this.sockets.add(conn);
    conn.send(syncMessage(SYNC_STEP1, Y.encodeStateVector(this.doc)));
    const everyone = this.awareness.encodeAll();
    if (everyone) conn.send(awarenessMessage(everyone));
    if (whole) this.syncStep1(conn, EMPTY_STATE_VECTOR);
  }

  leave(conn: CollabConnection): void {
    if (!this.connections.delete(conn)) return;
    this.sockets.delete(conn);
    this.awareness.removeOwner(conn);
    this.scheduleAwareness();
    if (this.connections.size > 0) return;
    this.detach();
    this.services.dispose(this);
  }

  /** A client's sync step 1: answer with what it lacks (the whole state is cached for empty clients). */
  syncStep1(conn: CollabConnection, stateVector: Uint8Array): void {
    // What a client is sent must be stored first.
    const { registry } = this.services.ctx;
    if (registry.hasPending(this.documentId)) {
      registry.flush().then(
        () => this.syncStep1(conn, stateVector),
        () => undefined, // the failed commit unloaded the document: its sockets are closed and resync
      );
      return;
    }
    if (!conn.isOpen || this.destroyed) return;
    let update: Uint8Array;
    if (stateVector.length === 1 && stateVector[0] === 0) {
      this.fullState ??= syncMessage(SYNC_STEP2, Y.encodeStateAsUpdate(this.doc));
      conn.send(this.fullState);
      return;
    }
    try {
      update = Y.encodeStateAsUpdate(this.doc, stateVector);
    } catch {
      conn.close(CloseCode.MALFORMED_MESSAGE, 'bad_state_vector');
      return;
    }
    conn.send(syncMessage(SYNC_STEP2, update));
  }

  /** An update (sync step 2 or update) from a client: queued, then checked, applied and queued for commit. */
  receiveUpdate(conn: CollabConnection, update: Uint8Array): void {
    this.inbox = this.inbox.then(() => this.judge(conn, update));
  }

  /** Resolves once every update received so far has been judged. */
  idle(): Promise<void> {
    return this.inbox;
  }

  /**
   * The write policy and the session are read as storage holds them now, for every update: whatever path
   * changed a stage or a lock (a command, a vote, another node), the next write is judged by it, with no
   * cache to fall behind. The check against the document's structs runs right before the update is applied,
   * with nothing in between.
   */
  private async judge(conn: CollabConnection, update: Uint8Array): Promise<void> {
    const { ctx } = this.services;
    // What a socket sent before it was closed (refused, rate-limited, gone) is dropped unread. A flood queues
    // up to its burst of updates behind the first refusal, and reading the policy and the session for each,
    // one after another in one turn of the event loop, held it for tens of milliseconds per socket.
    if (!conn.isOpen || this.destroyed) return;
    try {
      const [policy, session] = await Promise.all([
        this.services.readPolicy(this.documentId),
        ctx.store.sessions.findUser(conn.sessionHash),
      ]);
      if (!conn.isOpen || this.destroyed) return;
      // The translator's languages as the account holds them now, like the session itself.
      const actor = session ? { ...conn.actor, translates: actorOf(session).translates } : conn.actor;
      const verdict = checkUpdate(this.doc, update, actor, policy ?? { stage: 'adopted', clauses: new Map() }, (id) =>
        this.ownership(conn, id),
      );
      if (!verdict.ok) return conn.close(verdict.code, verdict.reason);
      if (verdict.empty) return;
      // A write needs a live session: logging out ends the right to write at once.
      if (!session) return conn.close(CloseCode.UNAUTHENTICATED, 'session_ended');
      const live = [...(policy?.clauses ?? [])].filter(([, row]) => !row.deleted).map(([id]) => id);
      const over = overLimit(verdict.growth, this.lengths, live, ctx.config.textLimits);
      if (over) return conn.close(CloseCode.TEXT_TOO_LONG, over);
      // Each new client id is a row bound for good: their pace is limited per person.
      if (!conn.allow('client_ids', verdict.newClientIds.length)) return;
      const userId = conn.actor.userId;
      const bind = verdict.newClientIds.length
        ? async () => {
            for (const id of verdict.newClientIds) await ctx.store.clientIds.bind(this.documentId, id, userId);
          }
        : undefined;
      try {
        if (ctx.registry.accept(this.documentId, update, { userId, delegation: conn.actor.delegation }, conn, bind)) {
          for (const id of verdict.newClientIds) this.bindings.set(id, userId);
        }
      } catch (error) {
        // Yjs refused (or parked) what the policy let through: reload the document from what is stored. The
        // next updates wait: none is judged against what this one left in memory.
        ctx.log.error(`collab: applying an update to ${this.documentId} failed`, error);
        await ctx.registry.unload(this.documentId);
      }
    } catch (error) {
      // Storage failed while judging: the update is neither applied nor stored; the client reconnects and
      // resends it.
      ctx.log.error(`collab: judging an update to ${this.documentId} failed`, error);
      conn.close(CloseCode.SERVER_RESTARTING, 'storage_unavailable');
    }
  }

  private ownership(conn: CollabConnection, clientId: number): ClientIdOwnership {
    const bound = this.bindings.get(clientId);
    if (bound !== undefined) return bound === conn.actor.userId ? 'own' : 'taken';
    if (Y.getState(this.doc.store, clientId) > 0) return 'taken'; // written before, by the server
    const holder = this.awareness.holder(clientId);
    return holder === undefined || holder === conn.actor.userId ? 'free' : 'taken';
  }

  receiveAwareness(conn: CollabConnection, update: Uint8Array): void {
    const result = this.awareness.apply({ key: conn, user: conn.user, boundTo: (id) => this.bindings.get(id) }, update);
    if (!result.ok) conn.close(result.code, result.reason);
    // A connection closed for claiming client ids too fast leaves, and its presence with it.
    else if (!conn.allow('client_ids', result.claimed)) return;
    else if (result.changed) this.scheduleAwareness();
  }

  sendAwareness(conn: CollabConnection): void {
    const everyone = this.awareness.encodeAll();
    if (everyone) conn.send(awarenessMessage(everyone));
  }

  /** Awareness changes go out merged, at most once per interval. */
  private scheduleAwareness(): void {
    if (this.awarenessTimer || !this.awareness.hasDirty()) return;
    const { awarenessIntervalMs, awarenessBytesPerSecond } = this.services.options;
    this.awarenessTimer = setTimeout(() => {
      this.awarenessTimer = undefined;
      const local = this.services.relayAwareness ? this.awareness.takeLocal() : null;
      if (local) this.services.relayAwareness!(this.documentId, local);
      const update = this.awareness.takeDirty((awarenessBytesPerSecond * awarenessIntervalMs) / 1000);
      if (update) this.broadcast(awarenessMessage(update));
      this.scheduleAwareness();
    }, awarenessIntervalMs);
  }

  /** Presence relayed from another node: merged in, then sent to this room's sockets with the rest. */
  receiveRemoteAwareness(node: object, update: Uint8Array): void {
    if (this.awareness.applyRemote(node, update)) this.scheduleAwareness();
  }

  /** Drops relayed presence not renewed since `before` (its node is gone or cut off). */
  expireRemoteAwareness(before: number): void {
    if (this.awareness.expireRemote(before)) this.scheduleAwareness();
  }

  /** A stored update (from a socket or from a server command): to everyone. */
  broadcastUpdate(update: Uint8Array): void {
    if (this.connections.size > 0) this.broadcast(syncMessage(SYNC_UPDATE, update));
  }

  private broadcast(message: Uint8Array): void {
    this.sockets.broadcast(message);
  }

  /** Closes every connection (shutdown, document reloaded); their clients reconnect and resync. */
  closeAll(code: CloseCode, reason: string): void {
    for (const conn of [...this.connections]) conn.close(code, reason);
    this.destroy();
  }

  destroy(): void {
    this.detach();
    this.destroyed = true;
    this.sockets.stop();
    this.lengths.destroy();
    clearTimeout(this.awarenessTimer);
    this.awarenessTimer = undefined;
    this.doc.off('update', this.onDocUpdate);
  }
}
