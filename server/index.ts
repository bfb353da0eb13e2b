import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.js';
import { consoleLogger, type AppContext, type Logger } from './context.js';
import { openStorage } from './db/connection.js';
import { Store } from './db/store.js';
import { DocRegistry, type RegistryOptions } from './collab/registry.js';
import { attachCollab, type CollabOptions, type CollabServer } from './collab/server.js';
import { Events } from './realtime/events.js';
import {
  attachSocketIo,
  disconnectSession,
  disconnectUser,
  socketIoBroadcaster,
  type AccordIo,
} from './realtime/socketio.js';
import { teeBroadcaster } from './realtime/broadcast.js';
import { PublicGallery, GALLERY_INTERVAL_MS } from './gallery/hub.js';
import { followChanges } from './gallery/follow.js';
import { createApp } from './app.js';
import { ClusterRelay } from './cluster/relay.js';
import { useRedisAdapter } from './cluster/socketAdapter.js';
import { isEmpty, seedDemo } from './seed/demo.js';
import { openSigningKey } from './ledger/signingKey.js';
import { checkSigningKeyAtStart } from './ledger/checkpoints.js';
import { followSilences, SilenceClock } from './silence/clock.js';
import { NotificationService, type MailTuning } from './notifications/index.js';

/**
 * How long an idle keep-alive connection stays open, in ms. A client may send a request on a pooled
 * connection at the very moment the server closes it (the request then dies with ECONNRESET), so the client
 * must be the side that closes first. Node's default, 5 s, is shorter than what browsers and load balancers
 * keep (60 s for the usual proxies); 75 s is longer, and the `Keep-Alive: timeout=75` hint Node sends tells
 * clients that honour it (undici, the test client) to drop the connection a little before.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 75_000;
/** Time to receive a request's headers; longer than the keep-alive timeout, as Node advises. */
export const HEADERS_TIMEOUT_MS = 80_000;

export interface AccordServer {
  ctx: AppContext;
  http: http.Server;
  /** Base URL the server listens on, e.g. http://127.0.0.1:3000. */
  url: string;
  /** True when this start seeded the demo conference. */
  seeded: boolean;
  /** The `/collab/:documentId` sockets. */
  collab: CollabServer;
  /** The socket.io server (events to clients). */
  io: AccordIo;
  /** The public gallery (`/public/:id` and its event streams). */
  gallery: PublicGallery;
  /** Notifications made from the events after commit, and their e-mail. */
  notifications: NotificationService;
  /** Where the conference's signing key is, and whether this start created it. */
  signing: { file: string; created: boolean };
  close(): Promise<void>;
}

/** What the environment does not set: for benchmarks' tuning runs and tests. */
export interface ServerOptions {
  /** The group commit's batch window (see `RegistryOptions.batchWindow`). Default: by each document's fan-out. */
  batchWindow?: RegistryOptions['batchWindow'];
  /** Options of the collab door (its rates, its bounds); a test lifts a limit it is not about. Default: none. */
  collab?: CollabOptions;
  /** The e-mail sender's waits and tries, or a transport of a test's own. Default: `MailSenderOptions`' defaults. */
  mail?: MailTuning;
}

/** The database, and the conference's signing key once checked against the ledger it signed. */
async function openStoreAndKey(config: Config): Promise<{ store: Store; signing: ReturnType<typeof openSigningKey> }> {
  const store = new Store(
    await openStorage({
      dataDir: config.dataDir,
      databaseUrl: config.DATABASE_URL,
      poolSize: config.DATABASE_POOL_SIZE,
    }),
  );
  try {
    // Opened after storage, which creates DATA_DIR; the demo seed's first start creates the key there.
    const signing = openSigningKey(config);
    // A key other than the one that signed the ledger would split it in two: refuse before serving.
    await store.transaction(() => checkSigningKeyAtStart(store.audit, signing.key));
    return { store, signing };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/**
 * Several nodes: the fan-out through Redis, once it answers (the registry follows each document's channel
 * before reading it). None without `REDIS_URL`.
 */
async function connectRelay(config: Config, log: Logger, store: Store): Promise<ClusterRelay | undefined> {
  if (!config.REDIS_URL) return undefined;
  const relay = new ClusterRelay({ url: config.REDIS_URL, log });
  try {
    await relay.ready();
    return relay;
  } catch (error) {
    relay.close();
    await store.close();
    throw error;
  }
}

/** Listens on `PORT` and `HOST`; the address to reach it at. */
async function listen(server: http.Server, config: Config): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  return `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
}

/**
 * Composes Accord: one database, one HTTP server, three doors (`/api`, socket.io, `/collab`). Seeds the
 * demo conference into an empty database unless `SEED=none`, then listens.
 */
export async function startServer(
  config: Config,
  log: Logger = consoleLogger(config.LOG_LEVEL),
  options: ServerOptions = {},
): Promise<AccordServer> {
  const { store, signing } = await openStoreAndKey(config);
  const signingKey = signing.key;
  const relay = await connectRelay(config, log, store);
  const registry = new DocRegistry(store, {
    log,
    batchWindow: options.batchWindow,
    shared: config.DATABASE_URL !== undefined,
    ...(relay ? { beforeLoad: (id: string) => relay.follow(id), afterUnload: (id: string) => relay.unfollow(id) } : {}),
  });
  const ctx: AppContext = { config, store, registry, events: new Events(store, log), log, signingKey };

  // Checked and seeded in one transaction: nodes of a cluster starting together seed once.
  const seeded =
    config.SEED === 'demo' &&
    (await store.transaction(async () => (await isEmpty(ctx)) && (await seedDemo(ctx, config.DEMO_PASSWORD), true)));
  await store.sessions.purgeExpired();

  const server = http.createServer({ keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS, headersTimeout: HEADERS_TIMEOUT_MS });
  const io = attachSocketIo(ctx, server);
  const adapterClients = relay ? useRedisAdapter(io, relay) : [];
  const notifications = new NotificationService(ctx, options.mail);
  const { gallery, silenceClock } = followEvents(ctx, io, relay, notifications);
  const collab = attachCollab(ctx, server, {
    ...options.collab,
    ...(relay ? { relayAwareness: (id, update) => relay.publishAwareness(id, update) } : {}),
  });
  // Sessions ended on another node: its own sockets here close too (socket.io's per-user room is already
  // shared through the adapter; a single session is not a room).
  relay?.bind(registry, {
    applyRemoteAwareness: (id, nodeId, update) => collab.applyRemoteAwareness(id, nodeId, update),
    endUser: (userId) => collab.endUser(userId),
    endSession: (sessionHash) => {
      collab.endSession(sessionHash);
      disconnectSession(io, sessionHash);
    },
  });
  server.on(
    'request',
    createApp(
      ctx,
      {
        endUserConnections: (userId) => {
          disconnectUser(io, userId);
          collab.endUser(userId);
          relay?.publishEnded({ userId });
        },
        endSessionConnections: (sessionHash) => {
          disconnectSession(io, sessionHash);
          collab.endSession(sessionHash);
          relay?.publishEnded({ sessionHash });
        },
      },
      gallery,
    ),
  );

  const url = await listen(server, config);
  // Deadlines that passed while no node was running are taken now; then the next one is armed.
  silenceClock.rearm();
  notifications.startMail(url);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= shutDown({ ctx, server, io, collab, relay, adapterClients, gallery, silenceClock, notifications }));

  return {
    ctx,
    http: server,
    url,
    seeded,
    collab,
    io,
    gallery,
    notifications,
    signing: { file: signing.file, created: signing.created },
    close,
  };
}

/**
 * Where events go after their commit: the socket.io rooms, the public gallery's streams, this node's silence
 * clock (which another node's changes reach through the relay), and the notifications they call for.
 */
function followEvents(
  ctx: AppContext,
  io: AccordIo,
  relay: ClusterRelay | undefined,
  notifications: NotificationService,
): { gallery: PublicGallery; silenceClock: SilenceClock } {
  const { config } = ctx;
  const gallery = new PublicGallery(ctx, {
    maxViewers: config.PUBLIC_GALLERY_MAX_VIEWERS,
    heartbeat: config.PUBLIC_GALLERY_HEARTBEAT_MS,
    interval: GALLERY_INTERVAL_MS,
    maxBuffered: 256 * 1024,
    history: 64,
  });
  const silenceClock = new SilenceClock(ctx);
  ctx.events.deliverTo(
    teeBroadcaster(
      socketIoBroadcaster(io),
      followChanges(gallery, ctx.registry),
      followSilences(silenceClock, relay),
      notifications.outlet(),
    ),
  );
  relay?.onSilence(() => silenceClock.rearm());
  return { gallery, silenceClock };
}

/** What `shutDown` closes, in its order. */
interface Running {
  ctx: AppContext;
  server: http.Server;
  io: AccordIo;
  collab: CollabServer;
  relay: ClusterRelay | undefined;
  adapterClients: { disconnect(): void }[];
  gallery: PublicGallery;
  silenceClock: SilenceClock;
  notifications: NotificationService;
}

/** Stops serving without losing an accepted edit: every update that arrived is committed before storage closes. */
async function shutDown({
  ctx,
  server,
  io,
  collab,
  relay,
  adapterClients,
  gallery,
  silenceClock,
  notifications,
}: Running): Promise<void> {
  // Stop accepting: the port is released and idle keep-alive connections end; requests under way finish.
  const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Public streams never finish on their own: they end now (their browsers reconnect elsewhere).
  gallery.close();
  // Updates that have already arrived are read in the next turn; then every accepted one is committed.
  await new Promise((resolve) => setImmediate(resolve));
  await ctx.registry.flush().catch(() => undefined);
  // Collab clients see SERVER_RESTARTING (they reconnect and merge); socket.io clients reconnect too.
  await collab.close();
  const ioClosed = io.close();
  await settled(httpClosed, 2000);
  server.closeAllConnections();
  // A peer that never answers the closing handshake does not hold the shutdown: all is committed.
  await settled(Promise.all([httpClosed, ioClosed]), 3000);
  await silenceClock.stop();
  await ctx.registry.close().catch((error: unknown) => ctx.log.error('Closing: a last commit failed', error));
  // Payloads still being built read storage: they finish (or fail) before it closes; so do notifications.
  await ctx.events.settled();
  await notifications.stop();
  relay?.close();
  for (const client of adapterClients) client.disconnect();
  await ctx.store.close();
}

/** Waits for `promise`, or `ms` at most. */
async function settled(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
