/**
 * The load generator of the collab benchmarks: lightweight simulated clients (bare WebSockets, see
 * wireSocket.ts, speaking the y-websocket protocol through lib0's encodings, no Y.Doc except for the
 * typists), so that 1,200 of them cost less than the server they measure. Hocuspocus prefixes every message
 * with the document name and wants an authentication message first; an adapter hides that.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { getClauseFragment } from '../../shared/editor/ydoc.js';
import { WireSocket } from './wireSocket.js';

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

/** Milliseconds on the machine's monotonic clock: the same in every thread and process of the load generator. */
export const clock = (): number => Number(process.hrtime.bigint()) / 1e6;

/** Yjs client IDs of the typists: typist t writes as TYPIST_CLIENT_ID + t, so any thread can name a keystroke. */
const TYPIST_CLIENT_ID = 4_000_000_000;

/** The shared memory behind `Latencies`, handed to the load generator's worker threads. */
export interface LatencyBuffers {
  sentAt: SharedArrayBuffer;
  arrival: SharedArrayBuffer;
  sent: SharedArrayBuffer;
}

/**
 * Keystroke bookkeeping: when each was sent, and when each client first had it. Keystroke `clock` of typist
 * t (its Yjs clock: one character each) has slot t × perTypist + clock - untimed; clients 0..typists-1 are
 * the typists. The first `untimed` keystrokes of each typist are a warm-up and not timed. Kept in shared
 * memory, so that typists and receivers may run on different threads.
 */
export class Latencies {
  /** When each keystroke left its typist (`clock()` ms). */
  readonly sentAt: Float64Array;
  /** When each (keystroke, client) pair arrived (`clock()` ms), NaN until it has. */
  readonly arrival: Float64Array;
  /** Keystrokes each typist has sent. */
  private readonly sentCount: Int32Array;
  private readonly decoded = new Map<string, Int32Array>();

  constructor(
    readonly clients: number,
    readonly typists: number,
    readonly perTypist: number,
    readonly untimed = 0,
    readonly buffers: LatencyBuffers = Latencies.allocate(clients, typists, perTypist),
  ) {
    this.sentAt = new Float64Array(buffers.sentAt);
    this.arrival = new Float64Array(buffers.arrival);
    this.sentCount = new Int32Array(buffers.sent);
  }

  private static allocate(clients: number, typists: number, perTypist: number): LatencyBuffers {
    const buffers = {
      sentAt: new SharedArrayBuffer(typists * perTypist * 8),
      arrival: new SharedArrayBuffer(typists * perTypist * clients * 8),
      sent: new SharedArrayBuffer(typists * 4),
    };
    new Float64Array(buffers.arrival).fill(Number.NaN);
    return buffers;
  }

  /** The Yjs client ID typist t writes with. */
  static clientId(typist: number): number {
    return TYPIST_CLIENT_ID + typist;
  }

  sent(typist: number, yClock: number): void {
    const k = yClock - this.untimed;
    if (k < 0 || k >= this.perTypist) return;
    this.sentAt[typist * this.perTypist + k] = clock();
    Atomics.store(this.sentCount, typist, k + 1);
  }

  /** Keystrokes sent so far, in all. */
  get count(): number {
    let n = 0;
    for (let t = 0; t < this.typists; t++) n += Atomics.load(this.sentCount, t);
    return n;
  }

  /** Every keystroke sent so far: its slot and the client that typed it. */
  *keystrokes(): Generator<{ slot: number; author: number }> {
    for (let t = 0; t < this.typists; t++) {
      const sent = Atomics.load(this.sentCount, t);
      for (let c = 0; c < sent; c++) yield { slot: t * this.perTypist + c, author: t };
    }
  }

  /** Milliseconds from a keystroke to its arrival at a client; NaN if it has not arrived. */
  latency(slot: number, receiver: number): number {
    return this.arrival[slot * this.clients + receiver]! - this.sentAt[slot]!;
  }

  /** A client received an update message: note the first arrival of every keystroke in it. */
  received(receiver: number, frame: Buffer, message: Uint8Array): void {
    const key = frame.toString('latin1');
    let slots = this.decoded.get(key);
    if (!slots) {
      slots = this.decode(message);
      this.decoded.set(key, slots);
    }
    if (slots.length === 0) return;
    const now = clock();
    for (const slot of slots) {
      const at = slot * this.clients + receiver;
      if (Number.isNaN(this.arrival[at]!)) this.arrival[at] = now;
    }
  }

  private decode(message: Uint8Array): Int32Array {
    const decoder = decoding.createDecoder(message);
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    const update = decoding.readVarUint8Array(decoder);
    const out: number[] = [];
    for (const struct of Y.decodeUpdate(update).structs) {
      const typist = struct.id.client - TYPIST_CLIENT_ID;
      if (typist < 0 || typist >= this.typists) continue;
      for (let c = Math.max(struct.id.clock, this.untimed); c < struct.id.clock + struct.length && c - this.untimed < this.perTypist; c++) {
        out.push(typist * this.perTypist + c - this.untimed);
      }
    }
    return Int32Array.from(out);
  }

  /** Pairs (keystroke, other client) not delivered yet; cheap enough to poll. */
  missing(): number {
    let n = 0;
    for (const { slot, author } of this.keystrokes()) {
      const base = slot * this.clients;
      for (let r = 0; r < this.clients; r++) if (r !== author && Number.isNaN(this.arrival[base + r]!)) n++;
    }
    return n;
  }

  /** Latencies of every (keystroke, other client) pair, the per-keystroke time to reach everyone, and what never arrived. */
  summary(): { pairs: Float64Array; everyone: Float64Array; missing: number; expected: number } {
    const count = this.count;
    const pairs = new Float64Array(count * (this.clients - 1));
    const everyone = new Float64Array(count);
    let n = 0;
    let k = 0;
    let missing = 0;
    for (const { slot, author } of this.keystrokes()) {
      let worst = 0;
      for (let r = 0; r < this.clients; r++) {
        if (r === author) continue;
        const v = this.latency(slot, r);
        if (Number.isNaN(v)) missing += 1;
        else {
          pairs[n++] = v;
          if (v > worst) worst = v;
        }
      }
      everyone[k++] = worst;
    }
    return { pairs: pairs.subarray(0, n), everyone, missing, expected: count * (this.clients - 1) };
  }
}

/** What the load generator reads of each client, in shared memory: sync time, messages, close code, presence bytes. */
export interface StatsBuffers {
  syncedAt: SharedArrayBuffer;
  counts: SharedArrayBuffer;
  awarenessBytes: SharedArrayBuffer;
}

export class ClientStats {
  /** When each client had the document (`clock()` ms), 0 before. */
  readonly syncedAt: Float64Array;
  /** Per client: messages received, and the close code (0 while open). */
  readonly messages: Int32Array;
  readonly closed: Int32Array;
  readonly awarenessBytes: Float64Array;

  constructor(
    readonly clients: number,
    readonly buffers: StatsBuffers = {
      syncedAt: new SharedArrayBuffer(clients * 8),
      counts: new SharedArrayBuffer(clients * 8),
      awarenessBytes: new SharedArrayBuffer(clients * 8),
    },
  ) {
    this.syncedAt = new Float64Array(buffers.syncedAt);
    this.messages = new Int32Array(buffers.counts, 0, clients);
    this.closed = new Int32Array(buffers.counts, clients * 4, clients);
    this.awarenessBytes = new Float64Array(buffers.awarenessBytes);
  }

  unsynced(): number {
    return this.syncedAt.filter((at) => at === 0).length;
  }

  totalMessages(): number {
    return this.messages.reduce((n, m) => n + m, 0);
  }
}

/** One simulated client; typist t also holds a Y.Doc and writes as `Latencies.clientId(t)`. */
export class SimClient {
  ws!: WireSocket;
  doc: Y.Doc | undefined;
  private readonly dialect: Dialect;

  constructor(
    readonly index: number,
    readonly endpoint: Endpoint,
    private readonly cookie: string | undefined,
    private readonly latencies: Latencies | undefined,
    private readonly stats: ClientStats,
    readonly typist?: number,
  ) {
    this.dialect = new Dialect(!!endpoint.hocuspocus);
    if (typist !== undefined) {
      this.doc = new Y.Doc();
      this.doc.clientID = Latencies.clientId(typist);
    }
  }

  get synced(): boolean {
    return this.stats.syncedAt[this.index] !== 0;
  }

  get closed(): number | undefined {
    return this.stats.closed[this.index] || undefined;
  }

  get messages(): number {
    return this.stats.messages[this.index]!;
  }

  async open(): Promise<void> {
    this.ws = new WireSocket(this.endpoint.ws, this.cookie ? { cookie: this.cookie } : {}, {
      message: (data) => this.receive(data),
      close: (code) => {
        this.stats.closed[this.index] = code;
      },
    });
    await this.ws.opened;
    for (const m of this.dialect.hello()) this.ws.send(m);
  }

  private receive(frame: Buffer): void {
    this.stats.messages[this.index]! += 1;
    const message = this.dialect.unwrap(frame);
    const type = message[0];
    if (type === 1) {
      this.stats.awarenessBytes[this.index]! += frame.length;
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
      if (step === 1 && !this.synced) this.stats.syncedAt[this.index] = clock();
      if (step === 2) this.latencies?.received(this.index, frame, message);
    }
  }

  /** Typists: one character at the end of the clause's first paragraph, sent as an update. */
  type(clauseId: string): void {
    const doc = this.doc!;
    const paragraph = getClauseFragment(doc, clauseId).get(0) as Y.XmlElement;
    const text = paragraph.get(0) as Y.XmlText;
    const yClock = Y.getState(doc.store, doc.clientID);
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
    this.latencies?.sent(this.typist!, yClock);
    this.ws.send(this.dialect.wrap(encoding.toUint8Array(e)));
  }

  /** Presence: a cursor somewhere in the text, as y-prosemirror sends it. */
  moveCursor(clientId: number, yClock: number, at: number): void {
    const pos = (n: number): unknown => ({ type: { client: 1, clock: 3 }, tname: null, item: { client: 1, clock: n }, assoc: 0 });
    const state = JSON.stringify({ cursor: { anchor: pos(at), head: pos(at) } });
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, clientId);
    encoding.writeVarUint(inner, yClock);
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

/**
 * Where in its period each typist starts (0 to 1), drawn from `seed`: every server of a round is offered the
 * same keystrokes. How the typists' phases happen to cluster sets how many keys a batch window can gather,
 * and so moved Accord's broadcasts by a third between rounds that drew them afresh.
 */
export function typingPhases(typists: number, seed: number): number[] {
  // mulberry32
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: typists }, next);
}

/**
 * Each typist types `keys` keys, one every 1000 / keysPerSecond ms from its phase (`phases[t]` of a period),
 * each key its own update, into `clauseOf(typist)`. Keys are sent on a fixed schedule: a timer that fires
 * late sends every key that is due, so the offered load is the same in every run. Resolves once every key is
 * sent.
 */
export function typeOnSchedule(typists: SimClient[], clauseOf: (typist: number) => string, keysPerSecond: number, keys: number, phases: number[]): Promise<void> {
  const period = 1000 / keysPerSecond;
  return new Promise((resolve) => {
    let left = typists.length;
    if (left === 0) resolve();
    const start = clock();
    for (const typist of typists) {
      const clause = clauseOf(typist.typist!);
      let next = start + phases[typist.typist!]! * period;
      let sent = 0;
      const tick = (): void => {
        const now = clock();
        while (sent < keys && next <= now) {
          typist.type(clause);
          sent += 1;
          next += period;
        }
        if (sent < keys) setTimeout(tick, Math.max(0, next - clock()));
        else if (--left === 0) resolve();
      };
      setTimeout(tick, next - start);
    }
  });
}
