import { binaryFrame } from './frame.js';

/** A socket a fan-out writes to (a `CollabConnection`). */
export interface FanOutTarget {
  /**
   * Writes `frames` (one or more whole binary frames, back to back) in one write; `messages` are the same
   * messages unframed, for a socket that must be sent them through `ws`.
   */
  sendFrame(frames: Buffer, messages: readonly Uint8Array[]): void;
}

/** How long one turn of the event loop writes a broadcast before letting the loop turn. */
export const FAN_OUT_SLICE_MS = 6;

interface Queued {
  seq: number;
  frame: Buffer;
  message: Uint8Array;
}

interface Pass<T> {
  targets: T[];
  next: number;
}

/**
 * Writes a room's broadcasts to its sockets, a slice of the room per turn of the event loop. Writing one
 * commit to 1,200 loopback sockets is one write() each, and the kernel delivers to the reader inside each
 * call: in one turn it held the loop for 15–45 ms, and every keystroke read meanwhile, every timer (the next
 * group commit's among them) and every request waited for the last socket. A pass now writes for at most
 * `sliceMs`, then goes on in the loop's next check phase; between slices the loop reads its sockets and runs
 * its timers.
 *
 * Each socket receives every broadcast once, in order, with nothing skipped: the fan-out keeps the frames
 * some socket has not been written yet and, per socket, the last one it was. A broadcast made while a pass
 * is under way joins it: the sockets the pass has not reached yet are written both frames in one write (one
 * write() instead of two, so the busier the loop, the fewer writes each broadcast costs), and the sockets it
 * had passed get the new one in a pass that follows at once. A socket that joins is written what is
 * broadcast from then on (its sync gives it what came before); one that leaves is forgotten.
 */
export class FanOut<T extends FanOutTarget> {
  private queued: Queued[] = [];
  private seq = 0;
  /** Per socket, the last broadcast written to it. */
  private readonly lastWritten = new Map<T, number>();
  private pass: Pass<T> | undefined;
  private continuation: NodeJS.Immediate | undefined;
  /** Told once nothing is left to write (see `written`). */
  private waiting: { promise: Promise<void>; resolve: () => void } | undefined;
  /** The bytes and messages from one socket's last broadcast on, shared by the sockets at the same point. */
  private readonly from = new Map<number, { frames: Buffer; messages: Uint8Array[] }>();

  /** @param sliceMs How long one turn writes before the rest waits for the loop's next check phase. */
  constructor(private readonly sliceMs = FAN_OUT_SLICE_MS) {}

  /**
   * Resolves once every broadcast made so far is written to every socket (or the fan-out stopped); undefined
   * when nothing is left to write.
   */
  written(): Promise<void> | undefined {
    if (!this.pass) return undefined;
    if (!this.waiting) {
      let resolve!: () => void;
      const promise = new Promise<void>((done) => (resolve = done));
      this.waiting = { promise, resolve };
    }
    return this.waiting.promise;
  }

  add(target: T): void {
    if (!this.lastWritten.has(target)) this.lastWritten.set(target, this.seq);
  }

  delete(target: T): void {
    this.lastWritten.delete(target);
  }

  /** Sends `message` to every socket: framed once, written in this turn as far as the slice allows. */
  broadcast(message: Uint8Array): void {
    if (this.lastWritten.size === 0) return;
    this.queued.push({ seq: ++this.seq, frame: binaryFrame(message), message });
    this.from.clear();
    if (!this.pass) this.begin();
  }

  /** Stops writing (the room is gone). */
  stop(): void {
    clearImmediate(this.continuation);
    this.continuation = undefined;
    this.pass = undefined;
    this.queued = [];
    this.from.clear();
    this.idle();
  }

  private idle(): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.resolve();
  }

  private begin(): void {
    this.pass = { targets: [...this.lastWritten.keys()], next: 0 };
    this.write();
  }

  private write(): void {
    this.continuation = undefined;
    const pass = this.pass!;
    const started = performance.now();
    while (pass.next < pass.targets.length) {
      const target = pass.targets[pass.next++]!;
      const last = this.lastWritten.get(target);
      if (last === undefined || last === this.seq) continue;
      const { frames, messages } = this.since(last);
      this.lastWritten.set(target, this.seq);
      target.sendFrame(frames, messages);
      if ((pass.next & 15) === 0 && performance.now() - started >= this.sliceMs) {
        this.continuation = setImmediate(() => this.write());
        return;
      }
    }
    this.pass = undefined;
    this.settle();
  }

  /** A pass is over: frames every socket has are dropped; sockets it passed before a later broadcast get it. */
  private settle(): void {
    let oldest = this.seq;
    for (const last of this.lastWritten.values()) if (last < oldest) oldest = last;
    if (this.queued.length > 0 && this.queued[0]!.seq <= oldest) {
      this.queued = this.queued.filter((q) => q.seq > oldest);
      this.from.clear();
    }
    if (oldest < this.seq) {
      this.pass = { targets: [...this.lastWritten.keys()], next: 0 };
      this.continuation = setImmediate(() => this.write());
    } else this.idle();
  }

  private since(last: number): { frames: Buffer; messages: Uint8Array[] } {
    let entry = this.from.get(last);
    if (!entry) {
      const after = this.queued.filter((q) => q.seq > last);
      entry = {
        frames: after.length === 1 ? after[0]!.frame : Buffer.concat(after.map((q) => q.frame)),
        messages: after.map((q) => q.message),
      };
      this.from.set(last, entry);
    }
    return entry;
  }
}
