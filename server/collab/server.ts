import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import type { Stage } from '../../shared/domain/stages.js';
import { decide } from '../../shared/domain/permissions.js';
import { CloseCode, COLLAB_LIMITS, COLLAB_PATH } from '../../shared/protocol/collab.js';
import type { AppContext } from '../context.js';
import { resolveSession } from '../auth/session.js';
import { claimedOrigin, isSameOrigin } from '../http/origin.js';
import { CollabConnection } from './connection.js';
import { CollabRoom, policyView, type RoomOptions } from './room.js';
import { COLLAB_ORIGIN, SERVER_ORIGIN } from './registry.js';
import { DEFAULT_COLLAB_RATES, PersonBuckets, TrafficBuckets, type CollabRates } from './rateLimit.js';
import type { UpdateBounds } from './updateBounds.js';

/** Defaults of the group commit's batch window (see `CollabOptions`); the benchmarks report against them. */
export const BATCH_WINDOW = { perConnectionMs: 0.025, maxMs: 20 } as const;

export interface CollabOptions extends Partial<RoomOptions> {
  /** Largest message accepted, in bytes. Default `COLLAB_LIMITS.maxMessageBytes` (1 MiB). */
  maxMessageBytes?: number;
  /** Send buffer per connection beyond which it is closed as too slow, in bytes. Default 4 MiB. */
  maxBufferedBytes?: number;
  /** A document with no sockets and no reads for this long is unloaded from memory, in ms. Default 5 min. */
  idleUnloadMs?: number;
  /** How often idle documents and ended sessions are swept, in ms. Default 30 s. */
  sweepIntervalMs?: number;
  /**
   * Batch window of the group commit per connected socket, in ms (capped at `maxBatchWindowMs`): the longest
   * an update waits for its commit and broadcast while updates keep coming. Default 0.025: 800 sockets and
   * more → 20 ms (the cap); 50 sockets → 1.25 ms.
   */
  batchWindowPerConnectionMs?: number;
  /**
   * Cap on the batch window, in ms. Default 20: with the commit, the 1,200 writes and their reading, a
   * keystroke's p99 to everyone stays under 50 ms on a 2-core machine (docs/benchmarks.md).
   */
  maxBatchWindowMs?: number;
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

export interface CollabServer {
  /** Handles the HTTP server's 'upgrade' events for `/collab/:documentId`. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes a person's sockets (logout everywhere, account removed). */
  endUser(userId: string): void;
  /** Closes the sockets of one session (signed out on one device). */
  endSession(sessionHash: string): void;
  /** Live connections per document (tests, monitoring). */
  connectionCount(documentId?: string): number;
  room(documentId: string): CollabRoom | undefined;
  /** Presence another node relayed for a document: merged into the room, if this node has one. */
  applyRemoteAwareness(documentId: string, nodeId: string, update: Uint8Array): void;
  /**
   * Refuses new upgrades (503 `server_restarting`), closes every socket with `SERVER_RESTARTING` and resolves
   * once each has finished its closing handshake, or after `graceMs` (default 2 s).
   */
  close(graceMs?: number): Promise<void>;
}

const DOCUMENT_PATH = new RegExp(`^${COLLAB_PATH}/([A-Za-z0-9_-]{1,64})/?$`);

/**
 * The collab door, `/collab/:documentId`: authenticates the upgrade with the session cookie (401 without a
 * session, 403 without `document.read`, 404 for an unknown document, 403 for a foreign Origin), then hands
 * the socket to the document's room. Rooms exist while someone is connected; documents are unloaded from
 * memory by a periodic sweep once idle.
 */
export function createCollabServer(ctx: AppContext, options: CollabOptions = {}): CollabServer {
  const limits = {
    maxMessageBytes: options.maxMessageBytes ?? COLLAB_LIMITS.maxMessageBytes,
    maxBufferedBytes: options.maxBufferedBytes ?? 4 * 1024 * 1024,
    updateBounds: {
      structs: COLLAB_LIMITS.maxUpdateStructs,
      deleteRanges: COLLAB_LIMITS.maxUpdateDeleteRanges,
      clients: COLLAB_LIMITS.maxUpdateClients,
      ...options.updateBounds,
    },
  };
  const rates: CollabRates = { ...DEFAULT_COLLAB_RATES, ...options.rates };
  const people = new PersonBuckets(rates);
  const roomOptions: RoomOptions = {
    awarenessIntervalMs: options.awarenessIntervalMs ?? 100,
    awarenessBytesPerSecond: options.awarenessBytesPerSecond ?? 64 * 1024,
  };
  // ws enforces a hard ceiling itself (closing with 1009); below it the connection closes with our code.
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes * 2, perMessageDeflate: false, clientTracking: false });
  const rooms = new Map<string, CollabRoom>();
  const opening = new Map<string, Promise<CollabRoom | undefined>>();
  let closing = false;
  const maxPerUser = options.maxConnectionsPerUser ?? ctx.config.MAX_CONNECTIONS_PER_USER;
  const perUser = new Map<string, number>();
  const countUser = (userId: string, delta: number): void => {
    const n = (perUser.get(userId) ?? 0) + delta;
    if (n > 0) perUser.set(userId, n);
    else perUser.delete(userId);
  };

  const nodeKeys = new Map<string, object>();
  const services = {
    ctx,
    options: roomOptions,
    relayAwareness: options.relayAwareness,
    async readPolicy(documentId: string) {
      const [row, clauses] = await Promise.all([ctx.store.documents.get(documentId), ctx.store.documents.clauses(documentId)]);
      return row ? policyView(row.stage as Stage, [...clauses.values()]) : undefined;
    },
    dispose(room: CollabRoom) {
      if (rooms.get(room.documentId) !== room) return;
      rooms.delete(room.documentId);
      // Updates still being judged, then bindings and updates of the last connection, are stored before the
      // room's memory goes.
      void room
        .idle()
        .then(() => (ctx.registry.hasPending(room.documentId) ? ctx.registry.flush() : undefined))
        .catch(() => undefined)
        .finally(() => room.destroy());
    },
  };

  // Fan-out budget: a commit is broadcast with one socket write per connection, so while people type, a
  // crowded document gathers the keystrokes of a window into one commit (1,200 sockets: up to 20 ms); a small
  // room commits every turn or nearly.
  const perConnection = options.batchWindowPerConnectionMs ?? BATCH_WINDOW.perConnectionMs;
  const maxWindow = options.maxBatchWindowMs ?? BATCH_WINDOW.maxMs;
  ctx.registry.batchWindow = (documentId) => Math.min(maxWindow, (rooms.get(documentId)?.connections.size ?? 0) * perConnection);
  // Updates stored by other nodes arrive one relay message per commit of each node; a crowded room gathers
  // them over the same window as its own commits, so its sockets are written to once per window, not once
  // per node. This node's own commits are already gathered: they go out at once.
  const relayed = new Map<string, { updates: Uint8Array[]; timer: NodeJS.Timeout }>();
  const sendRelayed = (documentId: string): void => {
    const batch = relayed.get(documentId);
    if (!batch) return;
    relayed.delete(documentId);
    rooms.get(documentId)?.broadcastUpdate(batch.updates.length === 1 ? batch.updates[0]! : Y.mergeUpdates(batch.updates));
  };
  const onUpdate = (documentId: string, update: Uint8Array, origin: unknown): void => {
    if (origin === SERVER_ORIGIN || origin === COLLAB_ORIGIN) {
      sendRelayed(documentId); // keep the order in which updates were stored
      rooms.get(documentId)?.broadcastUpdate(update);
      return;
    }
    const wait = ctx.registry.batchWindow(documentId);
    if (wait < 1) return rooms.get(documentId)?.broadcastUpdate(update);
    const batch = relayed.get(documentId);
    if (batch) batch.updates.push(update);
    else relayed.set(documentId, { updates: [update], timer: setTimeout(() => sendRelayed(documentId), wait) });
  };
  const onUnload = (documentId: string): void => {
    const room = rooms.get(documentId);
    if (!room) return;
    rooms.delete(documentId);
    room.closeAll(CloseCode.SERVER_RESTARTING, 'document_reloaded');
  };
  const onParked = (documentId: string, where: string): void => {
    ctx.log.error(`collab: Yjs held structs of ${documentId} pending (${where}); dropped, never integrated`);
  };
  ctx.registry.on('update', onUpdate);
  ctx.registry.on('unload', onUnload);
  ctx.registry.on('parked', onParked);

  const sweepOnce = async (): Promise<void> => {
    people.sweep();
    for (const room of [...rooms.values()]) room.expireRemoteAwareness(Date.now() - 30_000);
    for (const room of [...rooms.values()]) {
      for (const conn of [...room.connections]) {
        if (!(await ctx.store.sessions.findUser(conn.sessionHash))) conn.close(CloseCode.UNAUTHENTICATED, 'session_ended');
      }
    }
    await ctx.registry.unloadIdle(options.idleUnloadMs ?? 5 * 60_000, (id) => rooms.has(id) || opening.has(id));
  };
  let sweeping = false;
  const sweep = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    sweepOnce()
      .catch((error: unknown) => ctx.log.error('collab: sweep failed', error))
      .finally(() => (sweeping = false));
  }, options.sweepIntervalMs ?? 30_000);
  sweep.unref();

  /** The document's room, opened once however many sockets arrive at the same time. */
  function roomFor(documentId: string): Promise<CollabRoom | undefined> {
    const room = rooms.get(documentId);
    if (room) return Promise.resolve(room);
    let pending = opening.get(documentId);
    if (!pending) {
      pending = (async () => {
        const doc = await ctx.registry.get(documentId);
        if (!doc || closing) return undefined;
        const opened = await CollabRoom.open(documentId, doc, services);
        // The document may have been reloaded meanwhile: a room must hold the registry's current copy.
        if (ctx.registry.peek(documentId) !== doc) return undefined;
        rooms.set(documentId, opened);
        return opened;
      })().finally(() => opening.delete(documentId));
      opening.set(documentId, pending);
    }
    return pending;
  }

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://accord.invalid');
      const match = DOCUMENT_PATH.exec(url.pathname);
      if (!match) return refuse(socket, 404, 'not_found');
      if (closing) return refuse(socket, 503, 'server_restarting');
      const origin = claimedOrigin(req);
      if (origin && !isSameOrigin(req, origin, ctx.config.allowedOrigins)) return refuse(socket, 403, 'origin_rejected');
      const session = await resolveSession(ctx, req.headers.cookie);
      if (!session) return refuse(socket, 401, 'not_authenticated');
      const documentId = match[1]!;
      const row = await ctx.store.documents.get(documentId);
      if (!row) return refuse(socket, 404, 'document_not_found');
      const decision = decide(session.actor, 'document.read', { stage: row.stage });
      if (!decision.allowed) return refuse(socket, 403, decision.reason);
      const userId = session.actor.userId;
      if (socket.destroyed) return;
      if (maxPerUser > 0 && (perUser.get(userId) ?? 0) >= maxPerUser) return refuse(socket, 429, 'too_many_connections');
      // Counted from the upgrade, not from the handshake's end, so that parallel upgrades cannot overshoot.
      countUser(userId, 1);
      socket.once('close', () => countUser(userId, -1));
      const room = await roomFor(documentId);
      if (socket.destroyed) return;
      wss.handleUpgrade(req, socket, head, (ws) => {
        if (!room || rooms.get(documentId) !== room) {
          ws.close(CloseCode.SERVER_RESTARTING, 'document_unavailable');
          return;
        }
        // A person's allowance is shared by their sockets and outlives them a while: reconnecting refills nothing.
        const traffic = { own: new TrafficBuckets(rates, 'connection'), person: people.open(userId) };
        ws.once('close', () => people.close(userId));
        const conn = new CollabConnection(ws, session.actor, session.sessionHash, room, limits, traffic);
        room.join(conn);
      });
  }

  return {
    handleUpgrade(req, socket, head) {
      upgrade(req, socket, head).catch((error: unknown) => {
        ctx.log.error('collab: upgrade failed', error);
        refuse(socket, 503, 'server_restarting');
      });
    },
    endUser(userId) {
      for (const room of rooms.values()) {
        for (const conn of room.connections) if (conn.actor.userId === userId) conn.close(CloseCode.UNAUTHENTICATED, 'session_ended');
      }
    },
    endSession(sessionHash) {
      for (const room of rooms.values()) {
        for (const conn of room.connections) if (conn.sessionHash === sessionHash) conn.close(CloseCode.UNAUTHENTICATED, 'session_ended');
      }
    },
    connectionCount(documentId) {
      if (documentId) return rooms.get(documentId)?.connections.size ?? 0;
      let n = 0;
      for (const room of rooms.values()) n += room.connections.size;
      return n;
    },
    room: (documentId) => rooms.get(documentId),
    applyRemoteAwareness(documentId, nodeId, update) {
      const room = rooms.get(documentId);
      if (!room) return;
      let key = nodeKeys.get(nodeId);
      if (!key) nodeKeys.set(nodeId, (key = { node: nodeId }));
      room.receiveRemoteAwareness(key, update);
    },
    async close(graceMs = 2000) {
      closing = true;
      clearInterval(sweep);
      ctx.registry.off('update', onUpdate);
      for (const batch of relayed.values()) clearTimeout(batch.timer);
      relayed.clear();
      ctx.registry.off('unload', onUnload);
      ctx.registry.off('parked', onParked);
      const sockets = [...rooms.values()].flatMap((room) => [...room.connections].map((conn) => conn.ws));
      for (const room of [...rooms.values()]) room.closeAll(CloseCode.SERVER_RESTARTING, 'server_restarting');
      rooms.clear();
      const ended = sockets.map((ws) => (ws.readyState === ws.CLOSED ? Promise.resolve() : new Promise((resolve) => ws.once('close', resolve))));
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(ended), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
    },
  };
}

const STATUS_TEXT: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 429: 'Too Many Requests', 503: 'Service Unavailable' };

/** Answers a refused upgrade with a plain HTTP status and the JSON error body, then closes the socket. */
export function refuse(socket: Duplex, status: number, id: string): void {
  const body = JSON.stringify({ error: { id, message: STATUS_TEXT[status] ?? 'Refused' } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Refused'}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** Attaches the collab server to the HTTP server's upgrades; socket.io keeps `/socket.io/`, the rest is 404. */
export function attachCollab(ctx: AppContext, http: HttpServer, options?: CollabOptions): CollabServer {
  const collab = createCollabServer(ctx, options);
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/socket.io' || path.startsWith('/socket.io/')) return; // socket.io's own listener answers
    socket.on('error', () => socket.destroy());
    collab.handleUpgrade(req, socket, head);
  });
  return collab;
}
