import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { ABNORMAL_CLOSURE, WireSocket } from './wireSocket.js';

/** Waits until `ok` holds (vitest polls it; up to 2 s). */
const until = (ok: () => boolean): Promise<void> => expect.poll(ok, { timeout: 2000 }).toBe(true);

/** The TCP socket under a server-side `ws`, to write frames split as a test needs them. */
const rawSocket = (ws: WebSocket): Socket => (ws as unknown as { _socket: Socket })._socket;

interface Peer {
  url: string;
  /** The server side of the i-th connection (from 0), with the request it came with. */
  connection(i: number): Promise<{ ws: WebSocket; req: http.IncomingMessage }>;
}

const servers: http.Server[] = [];
const clients: WireSocket[] = [];
afterEach(async () => {
  // Upgraded sockets no longer belong to the HTTP server: close() would wait for them.
  for (const client of clients.splice(0)) client.terminate();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve).closeAllConnections())));
});

async function peer(): Promise<Peer> {
  const server = http.createServer((_req, res) => res.writeHead(401).end());
  servers.push(server);
  const wss = new WebSocketServer({ noServer: true });
  const accepted: { ws: WebSocket; req: http.IncomingMessage }[] = [];
  server.on('upgrade', (req, socket, head) => {
    if (req.url !== '/doc') return socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    wss.handleUpgrade(req, socket, head, (ws) => accepted.push({ ws, req }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/doc`,
    connection: async (i) => {
      await until(() => accepted.length > i);
      return accepted[i]!;
    },
  };
}

function collector(): {
  messages: Buffer[];
  codes: number[];
  socket: (url: string, headers?: Record<string, string>) => WireSocket;
} {
  const messages: Buffer[] = [];
  const codes: number[] = [];
  return {
    messages,
    codes,
    socket: (url, headers = {}) => {
      const client = new WireSocket(url, headers, {
        message: (m) => messages.push(Buffer.from(m)),
        close: (c) => codes.push(c),
      });
      clients.push(client);
      return client;
    },
  };
}

/** A peer, a client connected to it, and the server side of that connection. */
async function connectedPair(): Promise<{ p: Peer; c: ReturnType<typeof collector>; ws: WebSocket }> {
  const p = await peer();
  const c = collector();
  await c.socket(p.url).opened;
  return { p, c, ws: (await p.connection(0)).ws };
}

describe('WireSocket', () => {
  it('sends its headers, and exchanges messages of every length encoding both ways', async () => {
    const p = await peer();
    const c = collector();
    const client = c.socket(p.url, { cookie: 'accord_session=abc' });
    await client.opened;
    const { ws, req } = await p.connection(0);
    expect(req.headers.cookie).toBe('accord_session=abc');
    const received: Buffer[] = [];
    ws.on('message', (data: Buffer) => received.push(data));
    const sizes = [0, 1, 125, 126, 65_535, 65_536, 200_000];
    const payloads = sizes.map((n, i) => Buffer.alloc(n, i + 1));
    for (const payload of payloads) {
      client.send(payload);
      ws.send(payload);
    }
    await until(() => received.length === sizes.length && c.messages.length === sizes.length);
    expect(received.map((b, i) => b.equals(payloads[i]!))).toEqual(sizes.map(() => true));
    expect(c.messages.map((b, i) => b.equals(payloads[i]!))).toEqual(sizes.map(() => true));
  });

  it('reads frames split across and packed into TCP chunks', async () => {
    const { c, ws } = await connectedPair();
    const raw = rawSocket(ws);
    // Three frames (5 bytes, 300 bytes, 2 bytes) written one byte at a time, then all at once.
    const frames = Buffer.concat([
      Buffer.from([0x82, 5, 1, 2, 3, 4, 5]),
      Buffer.concat([Buffer.from([0x82, 126, 1, 44]), Buffer.alloc(300, 7)]),
      Buffer.from([0x82, 2, 8, 9]),
    ]);
    for (const byte of frames) {
      raw.write(Buffer.from([byte]));
      await new Promise((r) => setImmediate(r));
    }
    raw.write(frames);
    await until(() => c.messages.length === 6);
    expect(c.messages.map((m) => m.length)).toEqual([5, 300, 2, 5, 300, 2]);
    expect(c.messages[1]!.every((b) => b === 7)).toBe(true);
  });

  it("keeps each socket's partial frame apart from what other sockets read into the shared buffer", async () => {
    const p = await peer();
    const a = collector();
    const b = collector();
    await a.socket(p.url).opened;
    await b.socket(p.url).opened;
    const serverA = (await p.connection(0)).ws;
    const serverB = (await p.connection(1)).ws;
    const frame = (fill: number): Buffer =>
      Buffer.concat([Buffer.from([0x82, 126, 0x03, 0xe8]), Buffer.alloc(1000, fill)]);
    const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 20));
    rawSocket(serverA).write(frame(0xaa).subarray(0, 600));
    await settle();
    rawSocket(serverB).write(frame(0xbb).subarray(0, 300));
    await settle();
    rawSocket(serverA).write(frame(0xaa).subarray(600));
    rawSocket(serverB).write(frame(0xbb).subarray(300));
    await until(() => a.messages.length === 1 && b.messages.length === 1);
    expect(a.messages[0]!.equals(Buffer.alloc(1000, 0xaa))).toBe(true);
    expect(b.messages[0]!.equals(Buffer.alloc(1000, 0xbb))).toBe(true);
  });

  it('answers pings with the same payload and reports the close code', async () => {
    const { c, ws } = await connectedPair();
    const pong = new Promise<Buffer>((resolve) => ws.on('pong', resolve));
    ws.ping(Buffer.from('are you there'));
    expect((await pong).toString()).toBe('are you there');
    const closed = new Promise<number>((resolve) => ws.on('close', resolve));
    ws.close(4403, 'forbidden');
    expect(await closed).toBe(4403);
    await until(() => c.codes.length === 1);
    expect(c.codes).toEqual([4403]);
  });

  it('reports a connection cut without a close frame as 1006, and a refused upgrade as an error', async () => {
    const { p, c, ws } = await connectedPair();
    ws.terminate();
    await until(() => c.codes.length === 1);
    expect(c.codes).toEqual([ABNORMAL_CLOSURE]);
    await expect(c.socket(p.url.replace('/doc', '/other')).opened).rejects.toThrow(/HTTP 403/);
  });
});
