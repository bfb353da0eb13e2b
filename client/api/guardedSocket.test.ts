import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import { guardedSocket } from './guardedSocket.js';

describe('guardedSocket', () => {
  let server: WebSocketServer;
  const received: string[] = [];
  beforeAll(async () => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    server.on('connection', (socket) => socket.on('message', (data) => received.push(String(data))));
    await new Promise((resolve) => server.once('listening', resolve));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('sends while open, and drops (and reports) what is sent once the socket is closing or closed', async () => {
    const dropped: unknown[] = [];
    const Guarded = guardedSocket(WebSocket as unknown as typeof globalThis.WebSocket, (data) => dropped.push(data));
    const socket = new Guarded(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
    await new Promise((resolve) => socket.addEventListener('open', resolve));
    socket.send('while open');
    await expect.poll(() => received).toEqual(['while open']);
    socket.close();
    expect(socket.readyState).toBe(WebSocket.CLOSING);
    expect(() => socket.send('while closing')).not.toThrow();
    await new Promise((resolve) => socket.addEventListener('close', resolve));
    socket.send('after close');
    expect(dropped).toEqual(['while closing', 'after close']);
    expect(received).toEqual(['while open']);
  });
});
