import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import { getClauseFragment } from '../../shared/editor/ydoc.js';
import { MESSAGE_AWARENESS, MESSAGE_SYNC, SYNC_STEP1, SYNC_STEP2, SYNC_UPDATE } from '../../shared/protocol/collab.js';

/**
 * Test tools for the collab socket: the stock y-websocket provider in Node (with the session cookie), and a
 * raw socket that speaks the protocol by hand so tests can send exactly the bytes they mean.
 */

/** A `ws` WebSocket class that sends the given cookie (and Origin) with the upgrade, for WebsocketProvider. */
export function cookieWebSocket(cookie: string, origin?: string): typeof WebSocket {
  return class extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie, ...(origin ? { origin } : {}) } });
    }
  } as typeof WebSocket;
}

/** The collab base URL (ws://…/collab) of an http base URL. */
export function collabUrl(baseUrl: string): string {
  return `${baseUrl.replace(/^http/, 'ws')}/collab`;
}

/** A stock y-websocket provider for `documentId`, signed in with `cookie`. BroadcastChannel is off: each
 * provider stands for a different browser. */
export function stockProvider(
  baseUrl: string,
  documentId: string,
  cookie: string,
  doc = new Y.Doc(),
): WebsocketProvider {
  return new WebsocketProvider(collabUrl(baseUrl), documentId, doc, {
    WebSocketPolyfill: cookieWebSocket(cookie) as never,
    disableBc: true,
    maxBackoffTime: 300,
  });
}

export function waitFor(predicate: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = (): void => {
      if (predicate()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`Timed out waiting for ${what}`));
      setTimeout(tick, 10);
    };
    tick();
  });
}

export function syncedProvider(provider: WebsocketProvider): Promise<void> {
  return waitFor(() => provider.synced, 5000, 'provider sync');
}

/** How a raw socket ended. */
export interface Closed {
  code: number;
  reason: string;
}

/**
 * A raw collab socket: keeps its own Y.Doc in step with the server (applies step 2 and updates), records
 * every message and the close, and sends hand-made bytes.
 */
export class RawClient {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly messages: Uint8Array[] = [];
  synced = false;
  closed: Closed | undefined;
  private constructor(readonly ws: WebSocket) {
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data: Buffer) => this.receive(new Uint8Array(data)));
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
    });
  }

  static connect(
    baseUrl: string,
    documentId: string,
    cookie: string | undefined,
    headers: Record<string, string> = {},
  ): Promise<RawClient> {
    const ws = new WebSocket(`${collabUrl(baseUrl)}/${documentId}`, {
      headers: { ...(cookie ? { cookie } : {}), ...headers },
    });
    return new Promise((resolve, reject) => {
      const client = new RawClient(ws);
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) =>
        reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode })),
      );
      ws.once('error', reject);
    });
  }

  /** Connects and waits for the server's state (sync step 2). */
  static async synced(baseUrl: string, documentId: string, cookie: string): Promise<RawClient> {
    const client = await RawClient.connect(baseUrl, documentId, cookie);
    client.sendSyncStep1();
    await waitFor(() => client.synced, 5000, 'raw sync');
    return client;
  }

  private receive(data: Uint8Array): void {
    this.messages.push(data);
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (step === SYNC_STEP2 || step === SYNC_UPDATE) Y.applyUpdate(this.doc, payload, 'server');
      if (step === SYNC_STEP2) this.synced = true;
    } else if (type === MESSAGE_AWARENESS) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), 'server');
    }
  }

  send(bytes: Uint8Array): void {
    this.ws.send(bytes);
  }

  sendSyncStep1(): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    this.send(encoding.toUint8Array(encoder));
  }

  /** Sends a Yjs update as a sync `update` message. */
  sendUpdate(update: Uint8Array, step: number = SYNC_UPDATE): void {
    this.send(updateMessage(update, step));
  }

  /** Makes a change on a copy of the doc under `clientId` and sends the resulting update (not applied locally). */
  write(fn: (doc: Y.Doc) => void, clientId?: number): Uint8Array {
    const scratch = new Y.Doc();
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(this.doc));
    // Set after loading: Yjs gives a doc a new id when a remote update contains its own.
    if (clientId !== undefined) scratch.clientID = clientId;
    const before = Y.encodeStateVector(scratch);
    scratch.transact(() => fn(scratch));
    const update = Y.encodeStateAsUpdate(scratch, before);
    this.sendUpdate(update);
    return update;
  }

  sendAwareness(entries: { clientId: number; clock: number; state: unknown }[]): void {
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, entries.length);
    for (const e of entries) {
      encoding.writeVarUint(inner, e.clientId);
      encoding.writeVarUint(inner, e.clock);
      encoding.writeVarString(inner, JSON.stringify(e.state));
    }
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
    this.send(encoding.toUint8Array(encoder));
  }

  waitClosed(timeoutMs = 5000): Promise<Closed> {
    return waitFor(() => this.closed !== undefined, timeoutMs, 'close').then(() => this.closed!);
  }

  close(): void {
    this.ws.close();
  }
}

export function updateMessage(update: Uint8Array, step: number = SYNC_UPDATE): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

export { SYNC_STEP1, SYNC_STEP2, SYNC_UPDATE };

/** Types `text` at the end of the first paragraph of a clause, as a person typing there would. */
export function typeInto(doc: Y.Doc, clauseId: string, text: string): void {
  const xmlText = (getClauseFragment(doc, clauseId).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  xmlText.insert(xmlText.length, text);
}
