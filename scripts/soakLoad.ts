import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { getClauseFragment } from '../shared/editor/ydoc.js';
import { MESSAGE_SYNC, SYNC_STEP1, SYNC_STEP2, SYNC_UPDATE } from '../shared/protocol/collab.js';

/**
 * The load the fault script puts on a live server: collab peers typing (every update they receive from the
 * server is recorded: the server sends only what it has committed), and HTTP actors whose 2xx answers are
 * recorded as acknowledged.
 */

/** One collab socket with its own Y.Doc: sends local edits, applies and records what the server sends. */
export class Peer {
  readonly doc = new Y.Doc();
  /** Every update received from the server (sync step 2 and broadcasts). */
  readonly received: Uint8Array[] = [];
  synced = false;
  closed = false;
  private readonly ws: WebSocket;

  constructor(baseUrl: string, documentId: string, cookie: string) {
    this.ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/collab/${documentId}`, {
      headers: { cookie },
      perMessageDeflate: false,
    });
    this.ws.binaryType = 'nodebuffer';
    this.ws.on('open', () => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(encoder, this.doc);
      this.ws.send(encoding.toUint8Array(encoder));
    });
    this.ws.on('message', (data: Buffer) => this.receive(new Uint8Array(data)));
    this.ws.on('close', () => (this.closed = true));
    this.ws.on('error', () => (this.closed = true));
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'server' || this.ws.readyState !== WebSocket.OPEN) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      encoding.writeVarUint(encoder, SYNC_UPDATE);
      encoding.writeVarUint8Array(encoder, update);
      this.ws.send(encoding.toUint8Array(encoder));
    });
  }

  private receive(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
    const step = decoding.readVarUint(decoder);
    if (step === SYNC_STEP1) return;
    const payload = decoding.readVarUint8Array(decoder);
    if (step !== SYNC_STEP2 && step !== SYNC_UPDATE) return;
    this.received.push(payload);
    Y.applyUpdate(this.doc, payload, 'server');
    if (step === SYNC_STEP2) this.synced = true;
  }

  /** Types at the end of a clause's first paragraph (a no-op until synced, and once closed). */
  type(clauseId: string, text: string): void {
    if (!this.synced || this.closed) return;
    const paragraph = getClauseFragment(this.doc, clauseId).get(0);
    if (!(paragraph instanceof Y.XmlElement)) return;
    const xmlText = paragraph.get(0);
    if (!(xmlText instanceof Y.XmlText)) return;
    this.doc.transact(() => xmlText.insert(xmlText.length, text));
  }

  close(): void {
    this.ws.terminate();
  }
}

/** Resolves once every peer has synced, or rejects after `ms`. */
export async function allSynced(peers: Peer[], ms = 10_000): Promise<void> {
  const started = Date.now();
  while (!peers.every((p) => p.synced)) {
    if (peers.some((p) => p.closed)) throw new Error('a collab peer was closed before it synced');
    if (Date.now() - started > ms) throw new Error('collab peers did not sync');
    await sleep(10);
  }
}

/** True when `doc` already holds every struct and deletion of `update`. */
export function contains(doc: Y.Doc, update: Uint8Array): boolean {
  const copy = new Y.Doc({ gc: false });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const before = Y.snapshot(copy);
  Y.applyUpdate(copy, update);
  const same =
    Y.equalSnapshots(before, Y.snapshot(copy)) && copy.store.pendingStructs === null && copy.store.pendingDs === null;
  copy.destroy();
  return same;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface Answer {
  status: number;
  body: any;
}

/** A signed-in HTTP actor (cookie and Origin as a browser sends them); network errors answer status 0. */
export class Actor {
  constructor(
    readonly name: string,
    public baseUrl: string,
    readonly cookie: string,
  ) {}

  static async login(baseUrl: string, username: string): Promise<Actor> {
    const res = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: baseUrl },
      body: JSON.stringify({ username, password: 'demo' }),
    });
    const cookie = /accord_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
    if (res.status !== 200 || !cookie) throw new Error(`login ${username}: ${res.status}`);
    return new Actor(username, baseUrl, cookie);
  }

  async request(method: string, path: string, body?: unknown): Promise<Answer> {
    try {
      const res = await fetch(this.baseUrl + path, {
        method,
        headers: {
          cookie: this.cookie,
          origin: this.baseUrl,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return {
        status: res.status,
        body: text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text,
      };
    } catch {
      return { status: 0, body: undefined };
    }
  }
}

/** A small deterministic generator (mulberry32), so a run can be repeated with --seed. */
export function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
