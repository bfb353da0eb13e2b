/**
 * The load generator's WebSocket client: the upgrade and the frames read and written by hand on a bare TCP
 * socket. With 1,200 clients reading every broadcast on the same 2 cores as the server, what a client spends
 * per message received is latency measured to the last client, for every server alike. Each socket reads into
 * one buffer shared by all the sockets of the thread (`onread`: no allocation and no stream machinery per
 * read); against `ws` clients this cut the load generator's CPU by more than a quarter (0.64–0.67 to
 * 0.46–0.48 s/s with the reference server) and the reference's median time to everyone from 15–20 to 10–13 ms.
 *
 * It knows what these servers send: unfragmented binary frames (text is taken as binary), pings (answered),
 * pongs (ignored) and close. A fragmented or oversized frame is a protocol error for it.
 */
import crypto from 'node:crypto';
import net from 'node:net';

const OP_CONTINUATION = 0x0;
const OP_BINARY = 0x2;
const OP_CLOSE = 0x8;
const OP_PING = 0x9;
const OP_PONG = 0xa;
/** A message larger than this is not one the benchmarks' servers send. */
const MAX_PAYLOAD = 64 * 1024 * 1024;
/** The longest upgrade response accepted. */
const MAX_HANDSHAKE = 16 * 1024;
/** The close code when the connection ends without a close frame (as `ws` reports it). */
export const ABNORMAL_CLOSURE = 1006;
const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** Every socket of this thread reads into this buffer; what it hands on is used before the next read. */
const readBuffer = Buffer.allocUnsafe(256 * 1024);

export interface WireSocketEvents {
  /** A message; `data` is valid only during the call. */
  message(data: Buffer): void;
  close(code: number): void;
}

export class WireSocket {
  private readonly socket: net.Socket;
  /** Bytes of an incomplete frame (or of the upgrade response), copied out of the shared buffer. */
  private pending: Buffer | undefined;
  private upgraded = false;
  private closeCode: number | undefined;

  /** Settles when the upgrade is answered: resolves once open, rejects if it is refused. */
  readonly opened: Promise<void>;

  /**
   * Opens a connection to `url` (ws://) with extra request headers. The socket exists at once, so `on`
   * may answer a message that arrives with the upgrade itself.
   */
  constructor(
    url: string,
    headers: Record<string, string>,
    private readonly on: WireSocketEvents,
  ) {
    const target = new URL(url);
    const key = crypto.randomBytes(16).toString('base64');
    let settle: { resolve: () => void; reject: (error: Error) => void };
    this.opened = new Promise((resolve, reject) => (settle = { resolve, reject }));
    const expected = crypto.createHash('sha1').update(`${key}${GUID}`).digest('base64');
    this.socket = net.connect({
      host: target.hostname,
      port: Number(target.port),
      noDelay: true,
      onread: {
        buffer: readBuffer,
        callback: (n) => {
          const chunk = readBuffer.subarray(0, n);
          if (this.upgraded) this.read(chunk);
          else this.handshake(chunk, expected, settle);
          return true;
        },
      },
    });
    const request = [
      `GET ${target.pathname}${target.search} HTTP/1.1`,
      `Host: ${target.host}`,
      'Connection: Upgrade',
      'Upgrade: websocket',
      `Sec-WebSocket-Key: ${key}`,
      'Sec-WebSocket-Version: 13',
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
      '',
      '',
    ].join('\r\n');
    this.socket.write(request);
    this.socket.on('error', (error) => {
      settle.reject(error);
      this.socket.destroy();
    });
    this.socket.on('close', () => {
      settle.reject(new Error('connection closed before the WebSocket upgrade'));
      this.closed(ABNORMAL_CLOSURE);
    });
  }

  /** Reads the upgrade response; frames that came with it are read next. */
  private handshake(
    chunk: Buffer,
    expected: string,
    settle: { resolve: () => void; reject: (error: Error) => void },
  ): void {
    const bytes = this.pending ? Buffer.concat([this.pending, chunk]) : Buffer.from(chunk);
    this.pending = undefined;
    const end = bytes.indexOf('\r\n\r\n');
    if (end < 0) {
      if (bytes.length > MAX_HANDSHAKE) this.refuse(settle, 'an endless upgrade response');
      else this.pending = bytes;
      return;
    }
    const [status, ...lines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
    const code = /^HTTP\/1\.1 (\d{3})/.exec(status ?? '')?.[1];
    if (code !== '101') return this.refuse(settle, `HTTP ${code ?? 'garbage'}`);
    const accept = lines
      .find((l) => l.toLowerCase().startsWith('sec-websocket-accept:'))
      ?.slice('sec-websocket-accept:'.length)
      .trim();
    if (accept !== expected) return this.refuse(settle, 'a wrong Sec-WebSocket-Accept');
    this.upgraded = true;
    settle.resolve();
    if (end + 4 < bytes.length) this.read(bytes.subarray(end + 4));
  }

  private refuse(settle: { reject: (error: Error) => void }, why: string): void {
    settle.reject(new Error(`WebSocket upgrade refused: ${why}`));
    this.socket.destroy();
  }

  /** Sends one binary message, masked as a client must. */
  send(payload: Uint8Array): void {
    this.write(OP_BINARY, payload);
  }

  /** Ends the connection at once, without a closing handshake. */
  terminate(): void {
    this.socket.destroy();
  }

  private write(opcode: number, payload: Uint8Array): void {
    const socket = this.socket;
    if (!this.upgraded || socket.destroyed) return;
    const length = payload.length;
    const lengthBytes = length < 126 ? 0 : length < 0x10000 ? 2 : 8;
    const frame = Buffer.allocUnsafe(2 + lengthBytes + 4 + length);
    frame[0] = 0x80 | opcode;
    if (lengthBytes === 0) frame[1] = 0x80 | length;
    else if (lengthBytes === 2) {
      frame[1] = 0x80 | 126;
      frame.writeUInt16BE(length, 2);
    } else {
      frame[1] = 0x80 | 127;
      frame.writeBigUInt64BE(BigInt(length), 2);
    }
    const maskAt = 2 + lengthBytes;
    crypto.randomFillSync(frame, maskAt, 4);
    const dataAt = maskAt + 4;
    for (let i = 0; i < length; i++) frame[dataAt + i] = payload[i]! ^ frame[maskAt + (i & 3)]!;
    socket.write(frame);
  }

  /** Takes whole frames off the byte stream; a partial frame waits for the next chunk. */
  private read(chunk: Buffer): void {
    const buffer = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = undefined;
    let at = 0;
    while (buffer.length - at >= 2) {
      const first = buffer[at]!;
      const second = buffer[at + 1]!;
      let length = second & 0x7f;
      let header = 2;
      if (length === 126) {
        if (buffer.length - at < 4) break;
        length = buffer.readUInt16BE(at + 2);
        header = 4;
      } else if (length === 127) {
        if (buffer.length - at < 10) break;
        length = Number(buffer.readBigUInt64BE(at + 2));
        header = 10;
      }
      if (second & 0x80 || length > MAX_PAYLOAD || (first & 0x80) === 0 || (first & 0x0f) === OP_CONTINUATION) {
        this.fail('unexpected frame from the server (masked, fragmented or oversized)');
        return;
      }
      if (buffer.length - at < header + length) break;
      const payload = buffer.subarray(at + header, at + header + length);
      at += header + length;
      this.frame(first & 0x0f, payload);
      if (this.closeCode !== undefined) return;
    }
    // The chunk lives in the shared read buffer: what waits for the rest of its frame is copied out.
    if (at < buffer.length) this.pending = Buffer.from(buffer.subarray(at));
  }

  private frame(opcode: number, payload: Buffer): void {
    switch (opcode) {
      case OP_PING:
        this.write(OP_PONG, payload);
        return;
      case OP_PONG:
        return;
      case OP_CLOSE: {
        const code = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
        this.write(OP_CLOSE, payload.subarray(0, 2));
        this.closed(code);
        this.socket.end();
        return;
      }
      default:
        this.on.message(payload);
    }
  }

  private fail(reason: string): void {
    this.closed(1002);
    this.socket.destroy(new Error(reason));
  }

  private closed(code: number): void {
    if (this.closeCode !== undefined) return;
    this.closeCode = code;
    this.on.close(code);
  }
}
