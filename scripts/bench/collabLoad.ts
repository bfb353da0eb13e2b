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
import { clock, Latencies, type ClientStats } from './collabStats.js';

export { clock, ClientStats, Latencies, type LatencyBuffers, type StatsBuffers } from './collabStats.js';

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
    const pos = (n: number): unknown => ({
      type: { client: 1, clock: 3 },
      tname: null,
      item: { client: 1, clock: n },
      assoc: 0,
    });
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
export function typeOnSchedule(
  typists: SimClient[],
  clauseOf: (typist: number) => string,
  keysPerSecond: number,
  keys: number,
  phases: number[],
): Promise<void> {
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
