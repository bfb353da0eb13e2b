/**
 * The load generator of the collab benchmarks: lightweight simulated clients (raw WebSockets speaking the
 * y-websocket protocol through y-protocols' encodings, no Y.Doc except for the typists), so that 1,200 of them
 * cost less than the server they measure. Hocuspocus prefixes every message with the document name and wants
 * an authentication message first; an adapter hides that.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { getClauseFragment } from '../../shared/editor/ydoc.js';

export interface Endpoint {
  ws: string;
  hocuspocus?: boolean;
}

const DOCUMENT = 'bench';

/** Wraps and unwraps messages for the server's dialect. */
class Dialect {
  private readonly prefix: Uint8Array;
  constructor(readonly hocuspocus: boolean) {
    const e = encoding.createEncoder();
    if (hocuspocus) encoding.writeVarString(e, DOCUMENT);
    this.prefix = encoding.toUint8Array(e);
  }

  wrap(message: Uint8Array): Uint8Array {
    if (!this.hocuspocus) return message;
    const out = new Uint8Array(this.prefix.length + message.length);
    out.set(this.prefix, 0);
    out.set(message, this.prefix.length);
    return out;
  }

  /** The y-websocket message inside a frame, or null for dialect-only messages. */
  unwrap(data: Buffer): Uint8Array {
    return this.hocuspocus ? data.subarray(this.prefix.length) : data;
  }

  /** What a client sends first: hocuspocus' authentication (an empty token), then sync step 1. */
  hello(): Uint8Array[] {
    const step1 = new Uint8Array([0, 0, 1, 0]);
    if (!this.hocuspocus) return [step1];
    const auth = encoding.createEncoder();
    encoding.writeVarUint(auth, 2);
    encoding.writeVarUint(auth, 0);
    encoding.writeVarString(auth, '');
    return [this.wrap(encoding.toUint8Array(auth)), this.wrap(step1)];
  }
}

/** Keystroke bookkeeping: when each was sent, and when each client first had it. */
export class Latencies {
  readonly sentAt: Float64Array;
  readonly author: Int32Array;
  private readonly ids = new Map<number, number>();
  private readonly decoded = new Map<string, Int32Array>();
  readonly arrival: Float32Array;
  count = 0;
  constructor(
    readonly clients: number,
    readonly capacity: number,
  ) {
    this.sentAt = new Float64Array(capacity);
    this.author = new Int32Array(capacity);
    this.arrival = new Float32Array(capacity * clients).fill(Number.NaN);
  }

  sent(client: number, clock: number, author: number): void {
    const k = this.count++;
    this.sentAt[k] = performance.now();
    this.author[k] = author;
    this.ids.set(client * 1048576 + clock, k);
  }

  /** A client received an update message: note the first arrival of every keystroke in it. */
  received(receiver: number, frame: Buffer, message: Uint8Array): void {
    const key = frame.toString('latin1');
    let ks = this.decoded.get(key);
    if (!ks) {
      ks = this.decode(message);
      this.decoded.set(key, ks);
    }
    if (ks.length === 0) return;
    const now = performance.now();
    for (const k of ks) {
      const at = k * this.clients + receiver;
      if (Number.isNaN(this.arrival[at]!)) this.arrival[at] = now - this.sentAt[k]!;
    }
  }

  private decode(message: Uint8Array): Int32Array {
    const decoder = decoding.createDecoder(message);
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    const update = decoding.readVarUint8Array(decoder);
    const out: number[] = [];
    for (const struct of Y.decodeUpdate(update).structs) {
      for (let c = struct.id.clock; c < struct.id.clock + struct.length; c++) {
        const k = this.ids.get(struct.id.client * 1048576 + c);
        if (k !== undefined) out.push(k);
      }
    }
    return Int32Array.from(out);
  }

  /** Latencies of every (keystroke, other client) pair, the per-keystroke time to reach everyone, and what never arrived. */
  summary(): { pairs: number[]; everyone: number[]; missing: number; expected: number } {
    const pairs: number[] = [];
    const everyone: number[] = [];
    let missing = 0;
    for (let k = 0; k < this.count; k++) {
      let worst = 0;
      for (let r = 0; r < this.clients; r++) {
        if (r === this.author[k]) continue;
        const v = this.arrival[k * this.clients + r]!;
        if (Number.isNaN(v)) missing += 1;
        else {
          pairs.push(v);
          if (v > worst) worst = v;
        }
      }
      everyone.push(worst);
    }
    return { pairs, everyone, missing, expected: this.count * (this.clients - 1) };
  }
}

/** One simulated client. */
export class SimClient {
  ws!: WebSocket;
  synced = false;
  syncedAt = 0;
  closed: number | undefined;
  awarenessBytes = 0;
  messages = 0;
  doc: Y.Doc | undefined;
  private readonly dialect: Dialect;

  constructor(
    readonly index: number,
    readonly endpoint: Endpoint,
    private readonly cookie: string | undefined,
    private readonly latencies: Latencies | undefined,
    withDoc: boolean,
  ) {
    this.dialect = new Dialect(!!endpoint.hocuspocus);
    if (withDoc) this.doc = new Y.Doc();
  }

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.endpoint.ws, { perMessageDeflate: false, headers: this.cookie ? { cookie: this.cookie } : {} });
      this.ws = ws;
      ws.binaryType = 'nodebuffer';
      ws.on('open', () => {
        for (const m of this.dialect.hello()) ws.send(m);
        resolve();
      });
      ws.on('error', reject);
      ws.on('close', (code) => {
        this.closed = code;
      });
      ws.on('message', (data: Buffer) => this.receive(data));
    });
  }

  private receive(frame: Buffer): void {
    this.messages += 1;
    const message = this.dialect.unwrap(frame);
    const type = message[0];
    if (type === 1) {
      this.awarenessBytes += frame.length;
      return;
    }
    if (type !== 0 && type !== 4) return;
    const step = message[1];
    if (step === 0) {
      // The server's sync step 1: answer with what we have (nothing, or the typist's doc).
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, this.doc ? Y.encodeStateAsUpdate(this.doc) : new Uint8Array([0, 0]));
      this.ws.send(this.dialect.wrap(encoding.toUint8Array(e)));
    } else if (step === 1 || step === 2) {
      if (this.doc) {
        const decoder = decoding.createDecoder(message);
        decoding.readVarUint(decoder);
        decoding.readVarUint(decoder);
        Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder), 'server');
      }
      if (step === 1 && !this.synced) {
        this.synced = true;
        this.syncedAt = performance.now();
      }
      if (step === 2) this.latencies?.received(this.index, frame, message);
    }
  }

  /** Typists: one character at the end of the clause's first paragraph, sent as an update. */
  type(clauseId: string): void {
    const doc = this.doc!;
    const paragraph = getClauseFragment(doc, clauseId).get(0) as Y.XmlElement;
    const text = paragraph.get(0) as Y.XmlText;
    const clock = Y.getState(doc.store, doc.clientID);
    // What y-websocket's provider sends: the transaction's own update.
    let update: Uint8Array = new Uint8Array();
    const capture = (u: Uint8Array): void => {
      update = u;
    };
    doc.on('update', capture);
    text.insert(text.length, 'x');
    doc.off('update', capture);
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, update);
    this.latencies?.sent(doc.clientID, clock, this.index);
    this.ws.send(this.dialect.wrap(encoding.toUint8Array(e)));
  }

  /** Presence: a cursor somewhere in the text, as y-prosemirror sends it. */
  moveCursor(clientId: number, clock: number, at: number): void {
    const pos = (n: number): unknown => ({ type: { client: 1, clock: 3 }, tname: null, item: { client: 1, clock: n }, assoc: 0 });
    const state = JSON.stringify({ cursor: { anchor: pos(at), head: pos(at) } });
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, clientId);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, state);
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
    this.ws.send(this.dialect.wrap(encoding.toUint8Array(e)));
  }

  close(): void {
    this.ws.terminate();
  }
}

/** Opens clients with at most `parallel` handshakes in flight (a burst of 1,200 SYNs would overflow the accept backlog). */
export async function openAll(clients: SimClient[], parallel = 200): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < clients.length) await clients[next++]!.open();
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}
