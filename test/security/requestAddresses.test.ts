import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** Sends `head` as it is (a request line no client library would write) and reads the status of the answer. */
function rawStatus(url: string, head: string): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(`${head}\r\nHost: ${hostname}\r\n\r\n`));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      if (status) {
        resolve(Number(status[1]));
        socket.destroy();
      }
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error(`no status line in ${JSON.stringify(answer.slice(0, 80))}`)));
  });
}

/**
 * A request's address is read without a host: one that starts with `//` and cannot be taken for a URL with a
 * host (`//[`) is an address like another, not a server error.
 */
describe('addresses no URL parser takes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('a page: answered as any unknown page, not with a server error', async () => {
    expect(await rawStatus(server.url, 'GET //[/documents?lang=kk HTTP/1.1')).not.toBe(500);
    expect(await rawStatus(server.url, 'GET /documents?lang=kk HTTP/1.1')).toBe(200);
  });

  it('a collab socket: refused as an unknown path (404), not as a server restarting (503)', async () => {
    const upgrade =
      'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==';
    expect(await rawStatus(server.url, `GET //[/collab/almaty-declaration?whole=1 HTTP/1.1\r\n${upgrade}`)).toBe(404);
  });
});
