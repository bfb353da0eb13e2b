import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import type { Actor } from '../../shared/domain/roles.js';
import { CloseCode } from '../../shared/protocol/collab.js';
import { CollabConnection } from './connection.js';
import { binaryFrame } from './frame.js';
import type { CollabRoom } from './room.js';

const actor = { userId: 'u1', displayName: 'Observer', role: 'observer', delegation: null } as unknown as Actor;
const limits = { maxMessageBytes: 1024, maxBufferedBytes: 1000 };

/** Records what the connection tells its room. */
function fakeRoom(): CollabRoom & { left: CollabConnection[] } {
  const left: CollabConnection[] = [];
  return { left, leave: (conn: CollabConnection) => left.push(conn) } as unknown as CollabRoom & {
    left: CollabConnection[];
  };
}

/** The parts of a `ws` WebSocket and its net.Socket that sending touches, recorded. */
function fakeWs(writableLength = 0, readyState = 1) {
  const written: Buffer[] = [];
  const sent: Uint8Array[] = [];
  const closed: number[] = [];
  const ws = {
    readyState,
    _socket: { writableLength, write: (chunk: Buffer) => written.push(chunk) },
    bufferedAmount: writableLength,
    on: () => ws,
    send: (data: Uint8Array) => sent.push(data),
    close: (code: number) => closed.push(code),
    terminate: () => undefined,
  };
  return { ws: ws as unknown as WebSocket, written, sent, closed };
}

describe('CollabConnection.sendFrame', () => {
  const message = Uint8Array.of(0, 2, 1, 7);
  const frame = binaryFrame(message);

  it('writes the prepared frame, whole and as it is, to the socket under ws', () => {
    const { ws, written, sent } = fakeWs();
    new CollabConnection(ws, actor, 'h', fakeRoom(), limits).sendFrame(frame, [message]);
    expect(written).toEqual([frame]);
    expect(written[0]).toBe(frame);
    expect(sent).toEqual([]);
  });

  it('closes a connection whose send buffer is over the limit instead of writing more', () => {
    const { ws, written, closed } = fakeWs(limits.maxBufferedBytes + 1);
    const room = fakeRoom();
    const conn = new CollabConnection(ws, actor, 'h', room, limits);
    conn.sendFrame(frame, [message]);
    conn.sendFrame(frame, [message]);
    expect(written).toEqual([]);
    expect(closed).toEqual([CloseCode.RATE_LIMITED]);
    expect(room.left).toEqual([conn]);
    expect(conn.isOpen).toBe(false);
  });

  it('leaves a socket past OPEN to ws.send, which sends no data frame after a close frame', () => {
    const { ws, written, sent } = fakeWs(0, 2);
    const second = Uint8Array.of(0, 2, 1, 8);
    const frames = Buffer.concat([frame, binaryFrame(second)]);
    new CollabConnection(ws, actor, 'h', fakeRoom(), limits).sendFrame(frames, [message, second]);
    expect(written).toEqual([]);
    expect(sent).toEqual([message, second]);
  });
});

describe('frames written beside ws', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  it('arrive whole and in order among the frames ws writes itself (pings, messages, close)', async () => {
    const server = http.createServer();
    const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
    const room = fakeRoom();
    server.on('upgrade', (req, socket, head) =>
      wss.handleUpgrade(req, socket, head, (ws) => {
        const conn = new CollabConnection(ws, actor, 'h', room, limits);
        for (let i = 0; i < 200; i++) {
          const message = Uint8Array.from({ length: 1 + (i % 130) * 3 }, () => i);
          if (i % 3 === 0) conn.send(message);
          else conn.sendFrame(binaryFrame(message), [message]);
          if (i % 7 === 0) ws.ping(Buffer.from([i]));
        }
        conn.close(CloseCode.SERVER_RESTARTING, 'done');
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
    const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const received: number[] = [];
    let pings = 0;
    client.on('message', (data: Buffer) => {
      expect(data.length).toBe(1 + (received.length % 130) * 3);
      expect(data.every((b) => b === received.length)).toBe(true);
      received.push(data[0]!);
    });
    client.on('ping', () => (pings += 1));
    const code = await new Promise<number>((resolve) => client.on('close', resolve));
    expect(received).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(pings).toBe(29);
    expect(code).toBe(CloseCode.SERVER_RESTARTING);
  });
});
