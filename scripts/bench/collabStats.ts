import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';

/**
 * What the collab load generator measures, in shared memory so that its worker threads can write it: when
 * each keystroke was sent and when each client first had it, and each client's sync time and messages.
 */

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
      for (
        let c = Math.max(struct.id.clock, this.untimed);
        c < struct.id.clock + struct.length && c - this.untimed < this.perTypist;
        c++
      ) {
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
