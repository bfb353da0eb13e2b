/**
 * The public gallery benchmark's audience: many viewers of `/public/:id/events` on raw TCP sockets (a
 * request written by hand, the answer only scanned for `id:` lines, so that ten thousand of them cost the
 * load generator little), and one probe that reads the stream properly and tells which event first carried
 * each marker the typists wrote.
 */
import http from 'node:http';
import net from 'node:net';

const ID_LINE = Buffer.from('\nid: ');

/** Every viewer's arrivals: per event sequence number, the times (performance.now()) it reached a viewer. */
export class Viewers {
  readonly arrivals = new Map<number, number[]>();
  private readonly sockets: net.Socket[] = [];
  connected = 0;
  /** Viewers that have had their first event (the snapshot). */
  started = 0;
  refused = 0;
  closed = 0;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly path: string,
  ) {}

  /** Opens `count` viewers, `batch` at a time, each batch once the one before has its first event. */
  async open(count: number, batch = 250): Promise<void> {
    for (let i = 0; i < count; i += batch) {
      const target = this.started + this.refused + this.closed + Math.min(batch, count - i);
      for (let j = i; j < Math.min(count, i + batch); j++) this.openOne();
      const deadline = Date.now() + 30_000;
      while (this.started + this.refused + this.closed < target && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  }

  /** Viewers still connected. */
  get streaming(): number {
    return this.connected - this.closed;
  }

  close(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  private openOne(): void {
    const socket = net.connect({ host: this.host, port: this.port });
    this.sockets.push(socket);
    let first = true;
    socket.setNoDelay(true);
    socket.once('connect', () => {
      this.connected += 1;
      socket.write(`GET ${this.path} HTTP/1.1\r\nHost: ${this.host}\r\nAccept: text/event-stream\r\n\r\n`);
    });
    socket.on('data', (chunk: Buffer) => {
      const at = performance.now();
      if (first) {
        first = false;
        if (!chunk.subarray(0, 16).toString('latin1').startsWith('HTTP/1.1 200')) {
          this.refused += 1;
          socket.destroy();
          return;
        }
        this.started += 1;
      }
      for (let i = chunk.indexOf(ID_LINE); i >= 0; i = chunk.indexOf(ID_LINE, i + 1)) {
        const end = chunk.indexOf(10, i + ID_LINE.length);
        const line = chunk.toString('latin1', i + ID_LINE.length, end < 0 ? undefined : end);
        const seq = Number(line.slice(line.lastIndexOf('.') + 1));
        if (!Number.isInteger(seq)) continue;
        let times = this.arrivals.get(seq);
        if (!times) this.arrivals.set(seq, (times = []));
        times.push(at);
      }
    });
    socket.on('error', () => undefined);
    socket.once('close', () => {
      this.closed += 1;
    });
  }
}

/** One viewer that parses every event: which event (by sequence number) first carried each marker. */
export class Probe {
  /** Marker number → the sequence number of the first event that carried it. */
  readonly firstSeen = new Map<number, number>();
  events = 0;
  private request: http.ClientRequest | undefined;

  constructor(
    private readonly url: string,
    private readonly marker: RegExp,
  ) {}

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.request = http.get(this.url, { headers: { accept: 'text/event-stream' } }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`probe: ${res.statusCode}`));
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (text: string) => {
          buffer += text;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            this.frame(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        });
        resolve();
      });
      this.request.on('error', reject);
    });
  }

  close(): void {
    this.request?.destroy();
  }

  private frame(frame: string): void {
    const id = /^id: .*\.(\d+)$/m.exec(frame);
    if (!id) return;
    this.events += 1;
    const seq = Number(id[1]);
    for (const match of frame.matchAll(this.marker)) {
      const n = Number(match[1]);
      if (!this.firstSeen.has(n)) this.firstSeen.set(n, seq);
    }
  }
}
