import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADERS_TIMEOUT_MS, KEEP_ALIVE_TIMEOUT_MS } from '../../server/index.js';
import { ApiClient, startTestServer, type TestServer } from '../helpers/server.js';

/**
 * A proxy in front of the server that resets a client connection when a second request arrives on it: what a
 * client meets when the server closes an idle pooled connection at the moment the client reuses it.
 */
async function resettingProxy(target: URL): Promise<{ url: string; resets: () => number; close(): Promise<void> }> {
  let resets = 0;
  const sockets = new Set<net.Socket>();
  const proxy = net.createServer((client) => {
    sockets.add(client);
    const upstream = net.connect(Number(target.port), target.hostname);
    let answered = false;
    upstream.on('data', (chunk) => {
      answered = true;
      client.write(chunk);
    });
    client.on('data', (chunk) => {
      if (answered) {
        resets += 1;
        upstream.destroy();
        client.resetAndDestroy();
        return;
      }
      upstream.write(chunk);
    });
    const end = (): void => {
      upstream.destroy();
      client.destroy();
      sockets.delete(client);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', () => client.end());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    resets: () => resets,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        proxy.close(() => resolve());
      }),
  };
}

describe('keep-alive connections', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('are kept open longer than clients and proxies keep theirs, and the server says so', async () => {
    expect(server.http.keepAliveTimeout).toBe(KEEP_ALIVE_TIMEOUT_MS);
    expect(KEEP_ALIVE_TIMEOUT_MS).toBeGreaterThan(60_000);
    expect(server.http.headersTimeout).toBe(HEADERS_TIMEOUT_MS);
    expect(HEADERS_TIMEOUT_MS).toBeGreaterThan(KEEP_ALIVE_TIMEOUT_MS);
    const res = await server.anonymous().get('/api/health');
    expect(res.headers.get('keep-alive')).toBe(`timeout=${KEEP_ALIVE_TIMEOUT_MS / 1000}`);
  });

  it('a request sent on a pooled connection the server is closing is sent again when it is repeatable', async () => {
    const proxy = await resettingProxy(new URL(server.url));
    try {
      const client = new ApiClient(proxy.url);
      // Each request after the first on a connection is reset; undici reuses pooled connections, so some are.
      for (let i = 0; i < 6; i++) expect((await client.get('/api/health')).status).toBe(200);
      expect(proxy.resets()).toBeGreaterThan(0);
      // A POST without an Idempotency-Key may have run: it is not repeated, the caller sees the failure.
      const before = proxy.resets();
      let failed = 0;
      for (let i = 0; i < 6; i++) {
        await client.post('/api/auth/login', { username: 'chair', password: 'demo' }).catch((error: Error) => {
          expect(error.message).toMatch(/fetch failed/);
          failed += 1;
        });
      }
      expect(failed).toBeGreaterThan(0);
      expect(failed).toBe(proxy.resets() - before);
    } finally {
      await proxy.close();
    }
  });
});
