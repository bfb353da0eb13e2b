import { createServer, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { Server } from 'socket.io';
import { WebSocketServer } from 'ws';
import { PromptManager, type AccordSocket } from './socket.js';

type Upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * A socket.io server whose next `cut(n)` WebSockets are let open and then closed cleanly before socket.io's
 * handshake, as a network cut again the moment it came back (or a proxy going down) leaves them.
 */
async function flakyServer(): Promise<{ url: string; io: Server; cut(n: number): void }> {
  const http = createServer();
  const io = new Server(http, { transports: ['websocket'] });
  const [toSocketIo] = http.listeners('upgrade') as Upgrade[];
  http.removeAllListeners('upgrade');
  const gate = new WebSocketServer({ noServer: true });
  let cuts = 0;
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (cuts-- > 0) return gate.handleUpgrade(req, socket, head, (ws) => ws.close(1000));
    toSocketIo!(req, socket, head);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, io, cut: (n) => (cuts = n) };
}

const connected = (socket: AccordSocket) => new Promise<void>((resolve) => socket.once('connect', resolve));

// socket.io's own manager waits out its 20 s `timeout` on each such connection before it tries again: each case
// fails by far on it.
describe('PromptManager', () => {
  const opened: { socket: AccordSocket; io: Server }[] = [];
  afterEach(async () => {
    for (const { socket, io } of opened.splice(0)) {
      socket.disconnect();
      await io.close();
    }
  });

  async function connect(cut: number) {
    const server = await flakyServer();
    server.cut(cut);
    const manager = new PromptManager(server.url, {
      transports: ['websocket'],
      reconnectionDelay: 50,
      reconnectionDelayMax: 50,
    });
    const socket = manager.socket('/');
    opened.push({ socket, io: server.io });
    return { ...server, manager, socket };
  }

  it('takes a first connection closed before the handshake as a failed try at once, and connects on the next', async () => {
    const { socket } = await connect(1);
    const errors: string[] = [];
    socket.on('connect_error', (error) => errors.push(error.message));
    const started = Date.now();
    await connected(socket);
    expect(errors).toEqual(['transport close']);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('after a drop, tries again at once however many tries are cut, and is back once they are not', async () => {
    const { socket, manager, io, cut } = await connect(0);
    await connected(socket);
    const attempts: number[] = [];
    manager.on('reconnect_attempt', (n) => attempts.push(n));
    cut(3);
    // The connection drops under socket.io (no goodbye from the server, which would stop the client retrying).
    for (const s of io.sockets.sockets.values()) s.conn.close();
    const started = Date.now();
    await connected(socket);
    expect(attempts).toEqual([1, 2, 3, 4]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
