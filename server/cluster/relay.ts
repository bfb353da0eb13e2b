import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import type { Logger } from '../context.js';
import { CATCH_UP_ORIGIN, type DocRegistry } from '../collab/registry.js';

/** Origin of updates another node stored and relayed here; they are broadcast locally, never relayed again. */
export const RELAY_ORIGIN = Symbol('accord-relay');

/** Options of the relay between nodes. */
export interface RelayOptions {
  /** `redis://…` of the Redis every node shares. */
  url: string;
  log: Logger;
  /**
   * How often each loaded document is checked against the database for updates whose relay message was
   * lost (another node could not publish, or this node was cut off), in ms. Default 5 s. Losing Redis and
   * getting it back also triggers a check at once.
   */
  catchUpIntervalMs?: number;
}

/** What the relay needs from the collab door: presence in, and sockets to close when sessions end elsewhere. */
export interface CollabPort {
  /** Presence from another node's sockets, to merge and pass on to this node's sockets. */
  applyRemoteAwareness(documentId: string, nodeId: string, update: Uint8Array): void;
  /** Closes a person's sockets on this node. */
  endUser(userId: string): void;
  /** Closes one session's sockets on this node. */
  endSession(sessionHash: string): void;
}

/** Sessions ended on one node (sign-out, account removed): every node closes their collab sockets. */
const ENDED_CHANNEL = 'accord:ended';
/** Silence procedures changed: re-read the next deadline. */
const SILENCE_CHANNEL = 'accord:silence';
const updatesChannel = (documentId: string): string => `accord:y:${documentId}`;
const awarenessChannel = (documentId: string): string => `accord:a:${documentId}`;

/**
 * Fan-out between Accord nodes over Redis pub/sub, one pair of channels per document:
 *
 * - Yjs: every update this node has *stored* (the registry announces it after commit) is published with
 *   its sequence number; every node following the document applies it (`applyStored`) and broadcasts it to
 *   its own sockets. Nothing is broadcast anywhere before it is durable.
 * - Presence: each node publishes the awareness states of its own sockets, merged, at most once per
 *   awareness interval; other nodes merge them in and send them to their sockets.
 *
 * Pub/sub delivers at most once, so PostgreSQL stays the reference: a node subscribes to a document before
 * reading it from the database, and checks every few seconds (and at once when Redis comes back) that it
 * holds every stored update (`DocRegistry.catchUp`). While Redis is away, a node keeps serving its own
 * sockets; publishing simply fails and is caught up later.
 */
export class ClusterRelay {
  readonly nodeId = randomUUID();
  /** Connection for PUBLISH (and the socket.io adapter's requests): fails fast while Redis is away. */
  readonly pub: Redis;
  /** Connection in subscriber mode (re-subscribes by itself after a reconnect). */
  readonly sub: Redis;
  private registry: DocRegistry | undefined;
  private awareness: CollabPort | undefined;
  private silenceChanged: (() => void) | undefined;
  private readonly followed = new Set<string>();
  private readonly catchUpTimer: NodeJS.Timeout;
  private lost = false;
  private closed = false;

  constructor(private readonly options: RelayOptions) {
    const common = {
      lazyConnect: false,
      maxRetriesPerRequest: 1,
      retryStrategy: (attempt: number) => Math.min(attempt * 200, 2000),
    };
    this.pub = new Redis(options.url, { ...common, enableOfflineQueue: false, connectionName: 'accord-pub' });
    this.sub = new Redis(options.url, { ...common, maxRetriesPerRequest: null, connectionName: 'accord-sub' });
    for (const client of [this.pub, this.sub]) client.on('error', () => undefined);
    this.sub.on('close', () => {
      if (!this.closed && !this.lost) {
        this.lost = true;
        options.log.error('cluster: lost Redis; serving this node’s clients alone until it is back');
      }
    });
    this.sub.on('ready', () => {
      if (!this.lost) return;
      this.lost = false;
      options.log.info('cluster: Redis is back; catching up from the database');
      void this.catchUpAll();
    });
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.receive(channel.toString(), message));
    this.catchUpTimer = setInterval(() => void this.catchUpAll(), options.catchUpIntervalMs ?? 5000);
    this.catchUpTimer.unref();
  }

  /** Resolves once both connections are up (start-up waits for this; later outages are survived). */
  async ready(timeoutMs = 10_000): Promise<void> {
    const up = (client: Redis): Promise<void> =>
      client.status === 'ready' ? Promise.resolve() : new Promise((resolve) => client.once('ready', () => resolve()));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Redis at ${redacted(this.options.url)} did not answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([Promise.all([up(this.pub), up(this.sub)]), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Connects the relay to this node's registry: stored updates go out, relayed ones come in. */
  bind(registry: DocRegistry, awareness: CollabPort): void {
    this.registry = registry;
    this.awareness = awareness;
    registry.on('update', (documentId, update, origin, seq) => {
      if (origin === RELAY_ORIGIN || origin === CATCH_UP_ORIGIN) return;
      this.publish(updatesChannel(documentId), seq, update);
    });
    this.sub.subscribe(ENDED_CHANNEL).catch(() => undefined);
  }

  /**
   * Tells every other node that a person's sessions (or one session) ended, so their collab sockets close at
   * once. Should the message be lost, writes are refused anyway (each is checked against the session) and the
   * sockets close at the next sweep.
   */
  publishEnded(ended: { userId: string } | { sessionHash: string }): void {
    this.publish(ENDED_CHANNEL, 0, new TextEncoder().encode(JSON.stringify(ended)));
  }

  /**
   * Tells every other node that a silence procedure started or ended, so each re-arms its timer for the next
   * deadline (`SilenceClock`). Should the message be lost, each node re-reads the deadline within a minute.
   */
  publishSilence(): void {
    this.publish(SILENCE_CHANNEL, 0, new Uint8Array());
  }

  /** What to do when another node says a silence procedure changed. */
  onSilence(fn: () => void): void {
    this.silenceChanged = fn;
    this.sub.subscribe(SILENCE_CHANNEL).catch(() => undefined);
  }

  /**
   * Subscribes to a document's channels before the registry reads it, so no update stored after the read
   * is missed. Waits only while Redis is up: during an outage the document loads anyway (catch-up covers it).
   */
  async follow(documentId: string): Promise<void> {
    if (this.followed.has(documentId)) return;
    this.followed.add(documentId);
    const subscribed = this.sub.subscribe(updatesChannel(documentId), awarenessChannel(documentId));
    if (this.sub.status !== 'ready') {
      subscribed.catch(() => undefined);
      return;
    }
    await Promise.race([
      subscribed.catch(() => undefined),
      new Promise((resolve) => setTimeout(resolve, 1000).unref()),
    ]);
  }

  /** The document left this node's memory: stop receiving its traffic. */
  unfollow(documentId: string): void {
    if (!this.followed.delete(documentId)) return;
    this.sub.unsubscribe(updatesChannel(documentId), awarenessChannel(documentId)).catch(() => undefined);
  }

  /** Publishes presence of this node's sockets on a document. */
  publishAwareness(documentId: string, update: Uint8Array): void {
    this.publish(awarenessChannel(documentId), 0, update);
  }

  /** Checks every loaded document against the database for stored updates this node has not applied. */
  async catchUpAll(): Promise<void> {
    const registry = this.registry;
    if (!registry || this.closed) return;
    for (const documentId of registry.loadedIds()) {
      try {
        const missing = await registry.catchUp(documentId, CATCH_UP_ORIGIN);
        if (missing > 0)
          this.options.log.info(`cluster: caught up ${missing} update(s) of ${documentId} from the database`);
      } catch (error) {
        this.options.log.error(`cluster: catching up ${documentId} failed`, error);
      }
    }
  }

  close(): void {
    this.closed = true;
    clearInterval(this.catchUpTimer);
    this.pub.disconnect();
    this.sub.disconnect();
  }

  private publish(channel: string, seq: number, payload: Uint8Array): void {
    if (this.closed || this.pub.status !== 'ready') return;
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, this.nodeId);
    encoding.writeVarUint(encoder, seq);
    encoding.writeVarUint8Array(encoder, payload);
    this.pub.publish(channel, Buffer.from(encoding.toUint8Array(encoder))).catch(() => undefined);
  }

  private receiveEnded(payload: Uint8Array): void {
    try {
      const ended = JSON.parse(new TextDecoder().decode(payload)) as { userId?: unknown; sessionHash?: unknown };
      if (typeof ended.userId === 'string') this.awareness?.endUser(ended.userId);
      else if (typeof ended.sessionHash === 'string') this.awareness?.endSession(ended.sessionHash);
    } catch {
      // not ours
    }
  }

  private receive(channel: string, message: Buffer): void {
    let nodeId: string;
    let seq: number;
    let payload: Uint8Array;
    try {
      const decoder = decoding.createDecoder(message);
      nodeId = decoding.readVarString(decoder);
      seq = decoding.readVarUint(decoder);
      payload = decoding.readVarUint8Array(decoder);
    } catch {
      return; // not ours
    }
    if (nodeId === this.nodeId) return;
    if (channel === ENDED_CHANNEL) return this.receiveEnded(payload);
    if (channel === SILENCE_CHANNEL) return this.silenceChanged?.();
    const documentId = channel.slice(9);
    try {
      if (channel.startsWith('accord:y:')) this.registry?.applyStored(documentId, seq, payload, RELAY_ORIGIN);
      else if (channel.startsWith('accord:a:')) this.awareness?.applyRemoteAwareness(documentId, nodeId, payload);
    } catch (error) {
      // A relayed update Yjs cannot apply: the periodic catch-up reads it from the database instead.
      this.options.log.error(`cluster: applying a relayed message for ${documentId} failed`, error);
    }
  }
}

/** The URL without its password, for messages that may end up in logs. */
function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'REDIS_URL';
  }
}
