import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Stage } from '../../shared/domain/stages.js';
import type { ClauseStatus } from '../../shared/domain/clauses.js';
import { CloseCode, COLLAB_LIMITS } from '../../shared/protocol/collab.js';
import type { AppContext } from '../context.js';
import { CollabConnection, type ConnectionLimits } from './connection.js';
import { admit, documentIdOf, refuse, wantsWholeOnJoin } from './door.js';
import { CollabRoom, type RoomOptions, type RoomServices } from './room.js';
import { DEFAULT_COLLAB_RATES, PersonBuckets, TrafficBuckets, type CollabRates } from './rateLimit.js';
import type { UpdateBounds } from './updateBounds.js';
import type { PolicyView } from './updatePolicy.js';

/**
 * Deletion ranges a sync step 2 may carry when Yjs wrote them (ordered, apart): a reconnecting editor sends the
 * delete set of the whole document, every deletion anyone ever made, which on a long-edited declaration runs
 * to tens of thousands. Already applied here, each costs a lookup: 6,000 were decoded and applied in 17 ms on a
 * loaded 2-core machine, so this bound holds one message to about 140 ms at worst. Those deleting something
 * new are held to `maxUpdateDeleteRanges` by the write policy.
 */
export const SYNC_STEP2_DELETE_RANGES = 50_000;

export { refuse } from './door.js';

export interface CollabOptions extends Partial<RoomOptions> {
  /** Largest message accepted, in bytes. Default `COLLAB_LIMITS.maxMessageBytes` (1 MiB). */
  maxMessageBytes?: number;
  /** Send buffer per connection beyond which it is closed as too slow, in bytes. Default 4 MiB. */
  maxBufferedBytes?: number;
  /** A document with no sockets and no reads for this long is unloaded from memory, in ms. Default 5 min. */
  idleUnloadMs?: number;
  /** How often idle documents and ended sessions are swept, in ms. Default 30 s. */
  sweepIntervalMs?: number;
  /** Presence to other nodes (cluster relay); unset on a single node. */
  relayAwareness?: (documentId: string, update: Uint8Array) => void;
  /**
   * Sockets one person may hold open across documents; the next upgrade is refused with 429
   * `too_many_connections`. 0 lifts the limit. Default `MAX_CONNECTIONS_PER_USER` (20).
   */
  maxConnectionsPerUser?: number;
  /**
   * What one update may hold (structs, deletion ranges, clients); beyond it the socket is closed with
   * `MESSAGE_TOO_LARGE` before the update is decoded. Default `COLLAB_LIMITS` (10,000 structs, 5,000
   * deletion ranges, 16 clients).
   */
  updateBounds?: Partial<UpdateBounds>;
  /**
   * Rate limits (token buckets) on updates and sync step 1s, the structs and deletion ranges they carry,
   * awareness messages and new client ids, per socket and per person; beyond them the socket is closed with `RATE_LIMITED` (`rate_limited:<what>`).
   * Default `DEFAULT_COLLAB_RATES` (see rateLimit.ts: twice the fastest typing, steady).
   */
  rates?: Partial<CollabRates>;
}

/**
 * The collab door, `/collab/:documentId`: authenticates the upgrade (`door.ts`), then hands the socket to
 * the document's room. Rooms exist while someone is connected, each subscribed to its document in the
 * registry (`CollabRoom.open`); documents are unloaded from memory by a periodic sweep once idle. The group
 * commit's batch window is the registry's (`RegistryOptions.batchWindow`), from each room's fan-out.
 */
export class CollabServer {
  private readonly rooms = new Map<string, CollabRoom>();
  private readonly opening = new Map<string, Promise<CollabRoom | undefined>>();
  private readonly limits: ConnectionLimits;
  private readonly rates: CollabRates;
  private readonly people: PersonBuckets;
  private readonly maxPerUser: number;
  /** Sockets per person, counted from the upgrade. */
  private readonly perUser = new Map<string, number>();
  /** One awareness key per other node, for the presence it relays. */
  private readonly nodeKeys = new Map<string, object>();
  private readonly services: RoomServices;
  /** ws enforces a hard ceiling itself (closing with 1009); below it the connection closes with our code. */
  private readonly wss: WebSocketServer;
  private readonly sweepTimer: NodeJS.Timeout;
  private sweeping = false;
  private closing = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly options: CollabOptions = {},
  ) {
    this.limits = {
      maxMessageBytes: options.maxMessageBytes ?? COLLAB_LIMITS.maxMessageBytes,
      maxBufferedBytes: options.maxBufferedBytes ?? 4 * 1024 * 1024,
      updateBounds: {
        structs: COLLAB_LIMITS.maxUpdateStructs,
        deleteRanges: COLLAB_LIMITS.maxUpdateDeleteRanges,
        orderedDeleteRanges: SYNC_STEP2_DELETE_RANGES,
        clients: COLLAB_LIMITS.maxUpdateClients,
        ...options.updateBounds,
      },
    };
    this.rates = { ...DEFAULT_COLLAB_RATES, ...options.rates };
    this.people = new PersonBuckets(this.rates);
    this.maxPerUser = options.maxConnectionsPerUser ?? ctx.config.MAX_CONNECTIONS_PER_USER;
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: this.limits.maxMessageBytes * 2,
      perMessageDeflate: false,
      clientTracking: false,
    });
    this.services = {
      ctx,
      options: {
        awarenessIntervalMs: options.awarenessIntervalMs ?? 100,
        awarenessBytesPerSecond: options.awarenessBytesPerSecond ?? 64 * 1024,
      },
      relayAwareness: options.relayAwareness,
      readPolicy: async (documentId) => {
        const [row, clauses, languages, suggestionsRequired] = await Promise.all([
          ctx.store.documents.get(documentId),
          ctx.store.documents.clauses(documentId),
          ctx.store.languages.forDocument(documentId),
          ctx.store.suggestionRequirements.isRequired(documentId),
        ]);
        const versions = languages.filter((l) => !l.original).map((l) => l.code);
        return row ? policyView(row.stage as Stage, [...clauses.values()], versions, suggestionsRequired) : undefined;
      },
      dispose: (room) => this.dispose(room),
      forget: (room) => {
        if (this.rooms.get(room.documentId) === room) this.rooms.delete(room.documentId);
      },
    };
    this.sweepTimer = setInterval(() => this.sweep(), options.sweepIntervalMs ?? 30_000);
    this.sweepTimer.unref();
  }

  /** Handles the HTTP server's 'upgrade' events for `/collab/:documentId`. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.upgrade(req, socket, head).catch((error: unknown) => {
      this.ctx.log.error('collab: upgrade failed', error);
      refuse(socket, 503, 'server_restarting');
    });
  }

  /** Closes a person's sockets (logout everywhere, account removed). */
  endUser(userId: string): void {
    for (const room of this.rooms.values()) {
      for (const conn of room.connections)
        if (conn.actor.userId === userId) conn.close(CloseCode.UNAUTHENTICATED, 'session_ended');
    }
  }

  /** Closes the sockets of one session (signed out on one device). */
  endSession(sessionHash: string): void {
    for (const room of this.rooms.values()) {
      for (const conn of room.connections)
        if (conn.sessionHash === sessionHash) conn.close(CloseCode.UNAUTHENTICATED, 'session_ended');
    }
  }

  /** Live connections per document (tests, monitoring). */
  connectionCount(documentId?: string): number {
    if (documentId) return this.rooms.get(documentId)?.connections.size ?? 0;
    let n = 0;
    for (const room of this.rooms.values()) n += room.connections.size;
    return n;
  }

  room(documentId: string): CollabRoom | undefined {
    return this.rooms.get(documentId);
  }

  /** Presence another node relayed for a document: merged into the room, if this node has one. */
  applyRemoteAwareness(documentId: string, nodeId: string, update: Uint8Array): void {
    const room = this.rooms.get(documentId);
    if (!room) return;
    let key = this.nodeKeys.get(nodeId);
    if (!key) this.nodeKeys.set(nodeId, (key = { node: nodeId }));
    room.receiveRemoteAwareness(key, update);
  }

  /**
   * Refuses new upgrades (503 `server_restarting`), closes every socket with `SERVER_RESTARTING` and resolves
   * once each has finished its closing handshake, or after `graceMs` (default 2 s).
   */
  async close(graceMs = 2000): Promise<void> {
    this.closing = true;
    clearInterval(this.sweepTimer);
    const sockets = [...this.rooms.values()].flatMap((room) => [...room.connections].map((conn) => conn.ws));
    for (const room of [...this.rooms.values()]) room.closeAll(CloseCode.SERVER_RESTARTING, 'server_restarting');
    this.rooms.clear();
    const ended = sockets.map((ws) =>
      ws.readyState === ws.CLOSED ? Promise.resolve() : new Promise((resolve) => ws.once('close', resolve)),
    );
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(ended), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const documentId = documentIdOf(req);
    if (!documentId) return refuse(socket, 404, 'not_found');
    if (this.closing) return refuse(socket, 503, 'server_restarting');
    const admitted = await admit(this.ctx, req, documentId);
    if ('status' in admitted) return refuse(socket, admitted.status, admitted.id);
    const { actor, sessionHash } = admitted;
    const userId = actor.userId;
    if (socket.destroyed) return;
    if (this.maxPerUser > 0 && (this.perUser.get(userId) ?? 0) >= this.maxPerUser)
      return refuse(socket, 429, 'too_many_connections');
    if (!this.people.mayOpen(userId)) return refuse(socket, 429, 'connecting_too_fast');
    // Counted from the upgrade, not from the handshake's end, so that parallel upgrades cannot overshoot.
    this.countUser(userId, 1);
    socket.once('close', () => this.countUser(userId, -1));
    const room = await this.roomFor(documentId);
    if (socket.destroyed) return;
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      if (!room || this.rooms.get(documentId) !== room) {
        ws.close(CloseCode.SERVER_RESTARTING, 'document_unavailable');
        return;
      }
      // A person's allowance is shared by their sockets and outlives them a while: reconnecting refills nothing.
      const traffic = { own: new TrafficBuckets(this.rates, 'connection'), person: this.people.open(userId) };
      ws.once('close', () => this.people.close(userId));
      room.join(new CollabConnection(ws, actor, sessionHash, room, this.limits, traffic), wantsWholeOnJoin(req));
    });
  }

  private countUser(userId: string, delta: number): void {
    const n = (this.perUser.get(userId) ?? 0) + delta;
    if (n > 0) this.perUser.set(userId, n);
    else this.perUser.delete(userId);
  }

  /** The document's room, opened once however many sockets arrive at the same time. */
  private roomFor(documentId: string): Promise<CollabRoom | undefined> {
    const room = this.rooms.get(documentId);
    if (room) return Promise.resolve(room);
    let pending = this.opening.get(documentId);
    if (!pending) {
      pending = (async () => {
        const doc = await this.ctx.registry.get(documentId);
        if (!doc || this.closing) return undefined;
        const opened = await CollabRoom.open(documentId, doc, this.services);
        if (opened) this.rooms.set(documentId, opened);
        return opened;
      })().finally(() => this.opening.delete(documentId));
      this.opening.set(documentId, pending);
    }
    return pending;
  }

  /**
   * The room emptied: forgotten at once; updates still being judged, then bindings and updates of the last
   * connection, are stored before the room's memory goes.
   */
  private dispose(room: CollabRoom): void {
    if (this.rooms.get(room.documentId) !== room) return;
    this.rooms.delete(room.documentId);
    const { registry } = this.ctx;
    void room
      .idle()
      .then(() => (registry.hasPending(room.documentId) ? registry.flush() : undefined))
      .catch(() => undefined)
      .finally(() => room.destroy());
  }

  private sweep(): void {
    if (this.sweeping) return;
    this.sweeping = true;
    this.sweepOnce()
      .catch((error: unknown) => this.ctx.log.error('collab: sweep failed', error))
      .finally(() => (this.sweeping = false));
  }

  /** Buckets refilled, relayed presence expired, sockets of ended sessions closed, idle documents unloaded. */
  private async sweepOnce(): Promise<void> {
    this.people.sweep();
    for (const room of [...this.rooms.values()]) room.expireRemoteAwareness(Date.now() - 30_000);
    for (const room of [...this.rooms.values()]) {
      for (const conn of [...room.connections]) {
        if (!(await this.ctx.store.sessions.findUser(conn.sessionHash)))
          conn.close(CloseCode.UNAUTHENTICATED, 'session_ended');
      }
    }
    const inUse = (id: string): boolean => this.rooms.has(id) || this.opening.has(id);
    await this.ctx.registry.unloadIdle(this.options.idleUnloadMs ?? 5 * 60_000, inUse);
  }
}

/** Attaches the collab server to the HTTP server's upgrades; socket.io keeps `/socket.io/`, the rest is 404. */
export function attachCollab(ctx: AppContext, http: HttpServer, options?: CollabOptions): CollabServer {
  const collab = new CollabServer(ctx, options);
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/socket.io' || path.startsWith('/socket.io/')) return; // socket.io's own listener answers
    socket.on('error', () => socket.destroy());
    collab.handleUpgrade(req, socket, head);
  });
  return collab;
}

/** A clause row as storage holds it. */
type PolicyRow = { id: string; status: ClauseStatus; deleted_at: string | null };

/** The write policy's view of a document, from its stage, its clause rows and its language versions. */
function policyView(
  stage: Stage,
  rows: PolicyRow[],
  versions: Iterable<string>,
  suggestionsRequired: boolean,
): PolicyView {
  return {
    stage,
    clauses: new Map(rows.map((r) => [r.id, { status: r.status, deleted: r.deleted_at !== null }])),
    versions: new Set(versions),
    suggestionsRequired,
  };
}
