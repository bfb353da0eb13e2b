import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { COMMENT_MAX_LENGTH } from '../../shared/api/comments.js';
import { CloseCode } from '../../shared/protocol/collab.js';
import { loadConfig } from '../../server/config.js';
import { endEndedSessions } from '../../server/realtime/socketio.js';
import { RawClient, waitFor } from '../helpers/collabClient.js';
import { ApiClient, startTestServer, type TestServer } from '../helpers/server.js';

const DOC = 'almaty-declaration';

/** A socket.io client with the given cookie; resolves once connected, rejects with the refusal's id. */
function socketIo(server: TestServer, cookie: string | undefined, origin?: string): Promise<Socket> {
  const socket = io(server.url, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    extraHeaders: { ...(cookie ? { cookie } : {}), ...(origin ? { origin } : {}) },
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error: Error & { data?: { id?: string } }) => {
      socket.close();
      reject(new Error(error.data?.id ?? error.message));
    });
  });
}

/** A collab upgrade by hand: 101 when accepted (the socket is dropped again), else the refusal's status and body. */
function upgrade(
  server: TestServer,
  cookie: string | undefined,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${server.url}/collab/${DOC}`, {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        ...(cookie ? { cookie } : {}),
        ...headers,
      },
    });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve({ status: 101, body: '' });
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Retries `fn` for up to a second: a closed socket frees its place once the server has seen the close. */
async function eventually<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= 50) throw error;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

/**
 * The web door's defences, each proven against a live server: headers and CSP, cookie flags, session
 * rotation, logout everywhere (HTTP, socket.io and collab), CSRF by Origin, body and comment limits,
 * connections per person and the login rate limit.
 */
describe('web hardening', () => {
  let server: TestServer;
  const sockets: Socket[] = [];
  const raws: RawClient[] = [];

  beforeAll(async () => {
    server = await startTestServer({ MAX_CONNECTIONS_PER_USER: '3', LOGIN_MAX_FAILURES: '3' });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    for (const r of raws) r.close();
    await server?.close();
  });

  it('sends security headers and a CSP without inline scripts, on the client and on the API', async () => {
    for (const path of ['/', '/login', '/api/health']) {
      const res = await fetch(server.url + path);
      const csp = res.headers.get('content-security-policy') ?? '';
      const scriptSrc = /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1] ?? '';
      expect(scriptSrc.trim()).toBe("'self'");
      expect(csp).toMatch(/default-src 'self'/);
      expect(csp).toMatch(/object-src 'none'/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp).toMatch(/base-uri 'self'/);
      expect(csp).not.toMatch(/unsafe-eval/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers.get('x-powered-by')).toBeNull();
      // Over plain HTTP (SECURE_COOKIES off) HSTS would pin a name to HTTPS that may not serve it.
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
    const api = await fetch(`${server.url}/api/health`);
    expect(api.headers.get('cache-control')).toBe('no-store');
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, Path=/, with a lifetime; Secure and HSTS when configured', async () => {
    const res = await server.anonymous().post('/api/auth/login', { username: 'kaz-head', password: 'demo' });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^accord_session=[A-Za-z0-9_-]{40,}; /);
    expect(cookie.split('; ')).toEqual(
      expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${14 * 24 * 3600}`]),
    );
    expect(cookie).not.toContain('Secure');

    const secure = await startTestServer({ SECURE_COOKIES: 'true' });
    try {
      const login = await secure.anonymous().post('/api/auth/login', { username: 'kaz-head', password: 'demo' });
      expect(login.headers.get('set-cookie')!.split('; ')).toContain('Secure');
      const logout = await secure.anonymous().post('/api/auth/logout');
      expect(logout.headers.get('set-cookie')!.split('; ')).toEqual(expect.arrayContaining(['Secure', 'Max-Age=0']));
      expect((await fetch(`${secure.url}/api/health`)).headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    } finally {
      await secure.close();
    }
  });

  it('rotates the session at every login, password or link, and never honours the old token', async () => {
    const client = await server.login('chn-head');
    const first = client.cookie!;
    expect((await client.post('/api/auth/login', { username: 'chn-head', password: 'demo' })).status).toBe(200);
    const second = client.cookie!;
    expect(second).not.toBe(first);

    const admin = await server.login('admin');
    const links = await admin.post('/api/admin/login-links', { usernames: ['chn-head'] });
    const token = new URL(links.body.links[0].url as string).hash.replace(/^#token=/, '');
    expect((await client.post('/api/auth/link', { token })).status).toBe(200);
    expect(client.cookie).not.toBe(second);

    for (const old of [first, second]) {
      const stale = new ApiClient(server.url);
      stale.cookie = old;
      expect((await stale.get('/api/auth/me')).status).toBe(401);
    }
    expect((await client.get('/api/auth/me')).status).toBe(200);
  });

  it('logs out everywhere: every session, every socket.io socket and every collab socket of that person', async () => {
    const laptop = await server.login('deu-delegate');
    const phone = await server.login('deu-delegate');
    const bystander = await server.login('deu-head');
    const laptopIo = await socketIo(server, laptop.cookie);
    const phoneIo = await socketIo(server, phone.cookie);
    const bystanderIo = await socketIo(server, bystander.cookie);
    sockets.push(laptopIo, phoneIo, bystanderIo);
    const ended: string[] = [];
    phoneIo.on('session:ended', ({ reason }) => ended.push(reason));
    const laptopCollab = await RawClient.synced(server.url, DOC, laptop.cookie!);
    const phoneCollab = await RawClient.synced(server.url, DOC, phone.cookie!);
    const bystanderCollab = await RawClient.synced(server.url, DOC, bystander.cookie!);
    raws.push(laptopCollab, phoneCollab, bystanderCollab);

    expect((await laptop.post('/api/auth/logout', { everywhere: true })).status).toBe(204);

    expect((await laptop.get('/api/auth/me')).status).toBe(401);
    expect((await phone.get('/api/auth/me')).status).toBe(401);
    await waitFor(() => !laptopIo.connected && !phoneIo.connected, 5000, 'socket.io disconnect');
    expect((await phoneCollab.waitClosed()).code).toBe(CloseCode.UNAUTHENTICATED);
    expect((await laptopCollab.waitClosed()).code).toBe(CloseCode.UNAUTHENTICATED);
    expect(ended).toEqual(['logout']);
    // The other person is untouched; the logged-out cookie opens nothing any more.
    expect(bystanderIo.connected).toBe(true);
    expect(bystanderCollab.closed).toBeUndefined();
    expect((await bystander.get('/api/auth/me')).status).toBe(200);
    await expect(socketIo(server, phone.cookie)).rejects.toThrow('not_authenticated');
    expect((await upgrade(server, phone.cookie)).status).toBe(401);
  });

  it('ends the sockets of a session signed out on one device at once, and of an expired one at the next sweep', async () => {
    const desk = await server.login('mex-delegate');
    const tablet = await server.login('mex-delegate');
    const deskIo = await socketIo(server, desk.cookie);
    const tabletIo = await socketIo(server, tablet.cookie);
    sockets.push(deskIo, tabletIo);
    const told: string[] = [];
    deskIo.on('session:ended', ({ reason }) => told.push(reason));
    expect((await desk.post('/api/auth/logout')).status).toBe(204);
    await waitFor(() => !deskIo.connected, 5000, 'socket.io disconnect');
    expect(told).toEqual(['logout']);
    expect(tabletIo.connected).toBe(true);
    // Expiry has no request to hang on: the sweep finds it.
    await server.ctx.store.sessions.deleteForUser((await server.ctx.store.users.byUsername('mex-delegate'))!.id);
    expect(await endEndedSessions(server.io, server.ctx)).toBe(1);
    await waitFor(() => !tabletIo.connected, 5000, 'socket.io disconnect after expiry');
  });

  it('refuses cross-site writes by Origin (or Referer), on the API, socket.io and the collab upgrade', async () => {
    const chair = await server.login('chair');
    const stage = (headers: Record<string, string>) =>
      chair.post(`/api/documents/${DOC}/stage`, { stage: 'drafting' }, headers);
    expect((await stage({ origin: 'https://evil.example' })).body.error.id).toBe('origin_rejected');
    expect((await stage({ origin: '' })).status).toBe(403);
    expect((await stage({ origin: 'null' })).status).toBe(403);
    expect((await stage({ origin: '', referer: 'https://evil.example/page' })).status).toBe(403);
    expect((await stage({ origin: '', referer: `${server.url}/documents/${DOC}` })).status).toBe(200);
    // A look-alike host is not the same origin.
    expect((await stage({ origin: `${server.url}.evil.example` })).status).toBe(403);
    // Safe methods are not state-changing and need no Origin.
    expect((await chair.get('/api/auth/me')).status).toBe(200);
    // No audit entry came from the refused attempts.
    expect((await server.ctx.store.audit.entries()).filter((e) => e.action === 'document.stage')).toHaveLength(0);

    await expect(socketIo(server, chair.cookie, 'https://evil.example')).rejects.toThrow();
    expect((await upgrade(server, chair.cookie, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await upgrade(server, chair.cookie, { origin: server.url })).status).toBe(101);
  });

  it('answers an oversized body with 413 and a comment over the limit with 413 comment_too_long, storing nothing', async () => {
    const head = await server.login('kaz-head');
    const clauseId = (await server.ctx.store.documents.clauses(DOC)).keys().next().value as string;
    const count = async (): Promise<number> => (await server.ctx.store.comments.forDocument(DOC)).length;
    const before = await count();
    const huge = await head.post(`/api/documents/${DOC}/comments`, { clauseId, body: 'x'.repeat(300 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.id).toBe('payload_too_large');
    const long = await head.post(`/api/documents/${DOC}/comments`, {
      clauseId,
      body: 'y'.repeat(COMMENT_MAX_LENGTH + 1),
    });
    expect(long.status).toBe(413);
    expect(long.body.error.id).toBe('comment_too_long');
    expect(await count()).toBe(before);
    expect(
      (await head.post(`/api/documents/${DOC}/comments`, { clauseId, body: 'z'.repeat(COMMENT_MAX_LENGTH) })).status,
    ).toBe(201);
    expect(await count()).toBe(before + 1);
  });

  it('limits live connections per person on socket.io and on the collab socket, and frees a place on close', async () => {
    expect(loadConfig({}).MAX_CONNECTIONS_PER_USER).toBe(20);
    const tabs = await Promise.all([1, 2, 3].map(() => server.login('jpn-delegate')));
    const ios = await Promise.all(tabs.map((t) => socketIo(server, t.cookie)));
    sockets.push(...ios);
    await expect(socketIo(server, tabs[0]!.cookie)).rejects.toThrow('too_many_connections');
    const collabs = await Promise.all(tabs.map((t) => RawClient.synced(server.url, DOC, t.cookie!)));
    raws.push(...collabs);
    const refused = await upgrade(server, tabs[1]!.cookie);
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body)).toMatchObject({ error: { id: 'too_many_connections' } });

    // Another person is not affected by this one's tabs.
    const head = await server.login('jpn-head');
    sockets.push(await socketIo(server, head.cookie));
    expect((await upgrade(server, head.cookie)).status).toBe(101);

    ios[0]!.close();
    collabs[0]!.close();
    sockets.push(await eventually(() => socketIo(server, tabs[0]!.cookie)));
    expect(
      await eventually(async () => {
        const { status } = await upgrade(server, tabs[2]!.cookie);
        if (status !== 101) throw new Error(`status ${status}`);
        return status;
      }),
    ).toBe(101);
  });

  it('rate-limits failed logins per person and address with 429 and Retry-After', async () => {
    const client = server.anonymous();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await client.post('/api/auth/login', { username: 'ind-head', password: 'wrong' })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const right = await client.post('/api/auth/login', { username: 'ind-head', password: 'demo' });
    expect(right.status).toBe(429);
    expect(right.body.error.id).toBe('rate_limited');
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(60);
    expect(right.headers.get('set-cookie')).toBeNull();
    expect((await client.post('/api/auth/login', { username: 'ind-delegate', password: 'demo' })).status).toBe(200);
  });
});
