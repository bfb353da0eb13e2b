import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol/collab.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';
import { RawClient, waitFor } from '../../test/helpers/collabClient.js';

const DOC = 'almaty-declaration';

describe('collab rates a connection cannot escape', () => {
  let server: TestServer;
  /** A server that lets a person open sockets as fast as they like (for the test of what each one asks). */
  let lifted: TestServer;
  let liftedCookie: string;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer();
    for (const user of ['observer', 'kaz-delegate', 'gbr-delegate', 'fra-delegate', 'deu-delegate'])
      cookies[user] = (await server.login(user)).cookie!;
    const sockets = { connection: { burst: 1, perSecond: 1 }, person: { burst: 1e6, perSecond: 1e6 } };
    lifted = await startTestServer({}, { server: { collab: { rates: { sockets } } } });
    liftedCookie = (await lifted.login('observer')).cookie!;
  });
  afterAll(async () => {
    await server.close();
    await lifted.close();
  });

  it('refuses a person opening sockets faster than people do at the upgrade, with 429, before sending anything', async () => {
    // A script reopening its socket as fast as it is closed: 40 pass at once, then 2 a second.
    const started = performance.now();
    let opened = 0;
    const refusals: string[] = [];
    for (let i = 0; i < 60; i++) {
      try {
        const socket = await RawClient.connect(server.url, DOC, cookies['fra-delegate']!);
        opened += 1;
        socket.close();
      } catch (error) {
        refusals.push(String(error));
      }
    }
    const seconds = (performance.now() - started) / 1000;
    expect(opened).toBeGreaterThanOrEqual(40);
    expect(opened).toBeLessThanOrEqual(40 + Math.ceil(2 * seconds));
    expect(refusals).toHaveLength(60 - opened);
    expect(refusals.every((r) => r.includes('429'))).toBe(true);
    // Another person, meanwhile, connects as usual.
    const other = await RawClient.synced(server.url, DOC, cookies['deu-delegate']!);
    expect(other.closed).toBeUndefined();
    other.close();
  }, 60_000);

  it('counts the first request for the document of every new socket against its person', async () => {
    // Each socket's first sync step 1 is answered with the whole document: a script reconnecting over and
    // over asks for it each time. A page load's or a reconnection's one request passes (below).
    const started = performance.now();
    let answered = 0;
    const refused: string[] = [];
    // Ten sockets at a time (a person may hold 20), each asking once, a hundred in all. (The person's sockets
    // are counted too; the next test is about them, this one lifts their count.)
    for (let batch = 0; batch < 10; batch++) {
      const sockets = await Promise.all(
        Array.from({ length: 10 }, () => RawClient.connect(lifted.url, DOC, liftedCookie)),
      );
      for (const socket of sockets) socket.sendSyncStep1();
      await waitFor(() => sockets.every((s) => s.synced || s.closed !== undefined), 10_000, 'answers or closes');
      answered += sockets.filter((s) => s.synced).length;
      refused.push(...sockets.flatMap((s) => (s.closed ? [s.closed.reason] : [])));
      for (const socket of sockets) socket.close();
    }
    const seconds = (performance.now() - started) / 1000;
    // The person's burst of 40 and its refill of 2 a second passed; the rest was refused.
    expect(answered).toBeGreaterThanOrEqual(40);
    expect(answered).toBeLessThanOrEqual(40 + Math.ceil(2 * seconds));
    expect(refused.length).toBe(100 - answered);
    expect(new Set(refused)).toEqual(new Set(['rate_limited:syncs']));
    // Someone else connects and is answered as usual.
    const other = await RawClient.synced(server.url, DOC, cookies['kaz-delegate']!);
    expect(other.closed).toBeUndefined();
    other.close();
  }, 60_000);

  it('closes a socket reading more bytes a second than its allowance, with 4429 and the reason', async () => {
    const sender = await RawClient.synced(server.url, DOC, cookies['gbr-delegate']!);
    // Presence states of 256 KiB each, well within the message size and the awareness count: their bytes
    // (parsed and rewritten one by one) are what is refused, once the 8 MiB burst is spent.
    const cursor = 'x'.repeat(256 * 1024);
    let sent = 0;
    for (let clock = 1; clock <= 80 && !sender.closed; clock++, sent++) {
      sender.sendAwareness([{ clientId: sender.doc.clientID, clock, state: { cursor } }]);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect(await sender.waitClosed()).toEqual({ code: CloseCode.RATE_LIMITED, reason: 'rate_limited:bytes' });
    expect(sent).toBeGreaterThanOrEqual(31);
  }, 60_000);
});
