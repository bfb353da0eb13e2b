import { describe, expect, it } from 'vitest';
import { FanOut, type FanOutTarget } from './fanOut.js';
import { binaryFrame } from './frame.js';

/** A socket that records each write: the bytes, and the messages they frame. */
class Socket implements FanOutTarget {
  readonly writes: { frames: Buffer; messages: readonly Uint8Array[] }[] = [];
  constructor(readonly onWrite?: () => void) {}
  sendFrame(frames: Buffer, messages: readonly Uint8Array[]): void {
    this.writes.push({ frames, messages });
    this.onWrite?.();
  }
  /** What it received, as the first byte of each message, in order. */
  get received(): number[] {
    return this.writes.flatMap((w) => w.messages.map((m) => m[0]!));
  }
}

const message = (n: number): Uint8Array => Uint8Array.of(n, 2, 1, n);
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A fan-out whose slice is spent at once: it writes 16 sockets per turn (it reads the clock every 16). */
function room(n: number, sliceMs = 0): { fanOut: FanOut<Socket>; sockets: Socket[] } {
  const fanOut = new FanOut<Socket>(sliceMs);
  const sockets = Array.from({ length: n }, () => new Socket());
  for (const s of sockets) fanOut.add(s);
  return { fanOut, sockets };
}

async function drained(fanOut: FanOut<Socket>): Promise<void> {
  while (fanOut.written()) await nextTurn();
}

describe('FanOut', () => {
  it('writes a small room in the turn of the broadcast, one frame per socket, framed once', () => {
    const { fanOut, sockets } = room(10, 1000);
    fanOut.broadcast(message(1));
    expect(fanOut.written()).toBeUndefined();
    const frame = sockets[0]!.writes[0]!.frames;
    expect(frame).toEqual(binaryFrame(message(1)));
    for (const s of sockets) expect(s.writes).toEqual([{ frames: frame, messages: [message(1)] }]);
    for (const s of sockets) expect(s.writes[0]!.frames).toBe(frame);
  });

  it('writes a turn’s slice of a large room, and the rest in the turns that follow', async () => {
    const { fanOut, sockets } = room(40);
    fanOut.broadcast(message(1));
    expect(sockets.filter((s) => s.writes.length === 1)).toHaveLength(16);
    await nextTurn();
    expect(sockets.filter((s) => s.writes.length === 1)).toHaveLength(32);
    await drained(fanOut);
    for (const s of sockets) expect(s.received).toEqual([1]);
  });

  it('writes a broadcast made during a pass with the first, in one write, to the sockets not reached yet', async () => {
    const { fanOut, sockets } = room(40);
    fanOut.broadcast(message(1));
    fanOut.broadcast(message(2));
    await drained(fanOut);
    for (const s of sockets) expect(s.received).toEqual([1, 2]);
    // The first 16 had the first before the second came: two writes. The others: one, both frames in it.
    for (const s of sockets.slice(0, 16)) expect(s.writes).toHaveLength(2);
    for (const s of sockets.slice(16)) {
      expect(s.writes).toHaveLength(1);
      expect(s.writes[0]!.frames).toEqual(Buffer.concat([binaryFrame(message(1)), binaryFrame(message(2))]));
    }
  });

  it('keeps each socket’s order through many overlapping broadcasts', async () => {
    const { fanOut, sockets } = room(100);
    for (let n = 1; n <= 20; n++) {
      fanOut.broadcast(message(n));
      if (n % 3 === 0) await nextTurn();
    }
    await drained(fanOut);
    const all = Array.from({ length: 20 }, (_, i) => i + 1);
    for (const s of sockets) expect(s.received).toEqual(all);
    // Fewer writes than broadcasts: the sockets a pass had not reached took several at once.
    expect(sockets.reduce((n, s) => n + s.writes.length, 0)).toBeLessThan(20 * 100);
  });

  it('writes a socket that joins during a pass what is broadcast from then on, and one that leaves nothing more', async () => {
    const { fanOut, sockets } = room(40);
    fanOut.broadcast(message(1));
    const late = new Socket();
    fanOut.add(late);
    const gone = sockets[39]!;
    fanOut.delete(gone);
    fanOut.broadcast(message(2));
    await drained(fanOut);
    expect(late.received).toEqual([2]);
    expect(gone.received).toEqual([]);
    for (const s of sockets.slice(0, 39)) expect(s.received).toEqual([1, 2]);
  });

  it('lets a socket leave while it is written to (its buffer was full) and goes on with the others', async () => {
    const fanOut = new FanOut<Socket>(0);
    const sockets: Socket[] = [];
    for (let i = 0; i < 20; i++) {
      const s = new Socket(i === 3 ? () => fanOut.delete(s) : undefined);
      sockets.push(s);
      fanOut.add(s);
    }
    fanOut.broadcast(message(1));
    fanOut.broadcast(message(2));
    await drained(fanOut);
    expect(sockets[3]!.received).toEqual([1]);
    for (const s of sockets.filter((_, i) => i !== 3)) expect(s.received).toEqual([1, 2]);
  });

  it('tells when every broadcast made so far is written to every socket', async () => {
    const { fanOut, sockets } = room(40);
    expect(fanOut.written()).toBeUndefined();
    fanOut.broadcast(message(1));
    let done = false;
    void fanOut.written()!.then(() => (done = true));
    fanOut.broadcast(message(2));
    await nextTurn();
    expect(done).toBe(false);
    await fanOut.written();
    for (const s of sockets) expect(s.received).toEqual([1, 2]);
    expect(fanOut.written()).toBeUndefined();
    // Stopped with sockets left: told too (nothing will be written).
    fanOut.broadcast(message(3));
    const left = fanOut.written()!;
    fanOut.stop();
    await left;
  });

  it('writes nothing more once stopped', async () => {
    const { fanOut, sockets } = room(40);
    fanOut.broadcast(message(1));
    fanOut.stop();
    await nextTurn();
    expect(fanOut.written()).toBeUndefined();
    expect(sockets.filter((s) => s.writes.length > 0)).toHaveLength(16);
  });
});
