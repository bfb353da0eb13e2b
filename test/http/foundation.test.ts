import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startTestServer, type TestServer } from '../helpers/server.js';

describe('foundation HTTP contract', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ LOGIN_MAX_FAILURES: '3' });
  });
  afterAll(() => server?.close());

  it('GET /api/health → {ok:true}', async () => {
    const res = await server.anonymous().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
  });

  it('logs in with a demo account and sets an httpOnly, SameSite=Lax session cookie', async () => {
    const client = server.anonymous();
    const res = await client.post('/api/auth/login', { username: 'kaz-head', password: 'demo' });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: 'kaz-head', role: 'head', delegation: 'KAZ' });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/accord_session=[A-Za-z0-9_-]{40,}/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect((await client.get('/api/auth/me')).body.user.username).toBe('kaz-head');
  });

  it('GET /api/session names the signed-in person, and answers a visitor or an ended session 200 with no one', async () => {
    const visitor = await server.anonymous().get('/api/session');
    expect(visitor.status).toBe(200);
    expect(visitor.body).toEqual({ user: null });
    const client = await server.login('kaz-head');
    expect((await client.get('/api/session')).body.user).toMatchObject({ username: 'kaz-head', delegation: 'KAZ' });
    expect((await client.post('/api/auth/logout', {})).status).toBe(204);
    expect((await client.get('/api/session')).body).toEqual({ user: null });
  });

  it('answers a wrong password and an unknown user with the same 401', async () => {
    const client = server.anonymous();
    const wrong = await client.post('/api/auth/login', { username: 'chair', password: 'nope' });
    const unknown = await client.post('/api/auth/login', { username: 'nobody-here', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.id).toBe('invalid_credentials');
  });

  it('rate-limits repeated failed logins with 429 and Retry-After, without locking out others', async () => {
    const client = server.anonymous();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await client.post('/api/auth/login', { username: 'usa-head', password: 'bad' })).status);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    const limited = await client.post('/api/auth/login', { username: 'usa-head', password: 'demo' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body.error.id).toBe('rate_limited');
    expect((await client.post('/api/auth/login', { username: 'usa-delegate', password: 'demo' })).status).toBe(200);
  });

  it('refuses state-changing requests without an Origin or from a foreign one', async () => {
    const client = server.anonymous();
    const missing = await client.post('/api/auth/login', { username: 'chair', password: 'demo' }, { origin: '' });
    expect(missing.status).toBe(403);
    expect(missing.body.error.id).toBe('origin_rejected');
    const foreign = await client.post(
      '/api/auth/login',
      { username: 'chair', password: 'demo' },
      { origin: 'https://evil.example' },
    );
    expect(foreign.status).toBe(403);
    const chair = await server.login('chair');
    const res = await chair.post(
      '/api/documents/almaty-declaration/stage',
      { stage: 'negotiation' },
      { origin: 'https://evil.example' },
    );
    expect(res.status).toBe(403);
    expect((await chair.get('/api/documents/almaty-declaration')).body.stage).toBe('drafting');
  });

  it('maps malformed JSON, schema violations, unknown routes and oversized bodies to JSON errors', async () => {
    const client = server.anonymous();
    const bad = await client.post('/api/auth/login', '{"username": "chair",');
    expect(bad.status).toBe(400);
    expect(bad.body.error.id).toBe('invalid_json');
    const schema = await client.post('/api/auth/login', { username: 'chair' });
    expect(schema.status).toBe(400);
    expect(schema.body.error).toMatchObject({ id: 'invalid_input', field: 'password' });
    expect(schema.body.error.message).toContain('password');
    const unknown = await client.get('/api/no-such-route');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.id).toBe('not_found');
    const huge = await client.post('/api/auth/login', { username: 'chair', password: 'x'.repeat(300_000) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.id).toBe('payload_too_large');
    for (const res of [bad, schema, unknown, huge])
      expect(JSON.stringify(res.body)).not.toMatch(/\n\s+at |node_modules/);
  });

  it('serves the declaration by the public contract, numbered and in UN form', async () => {
    const client = await server.login('observer');
    const res = await client.get('/api/documents/almaty-declaration');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc).toMatchObject({
      id: 'almaty-declaration',
      title: 'Almaty Declaration on Inclusive Education',
      stage: 'drafting',
    });
    expect(doc.metadata.demo).toBe(true);
    const kinds = doc.clauses.map((c: { kind: string }) => c.kind);
    expect(kinds[0]).toBe('title');
    const preamble = doc.clauses.filter((c: { kind: string }) => c.kind === 'preamble');
    const operative = doc.clauses.filter((c: { kind: string }) => c.kind === 'operative');
    expect(preamble.length).toBeGreaterThanOrEqual(8);
    expect(operative.length).toBeGreaterThanOrEqual(14);
    operative.forEach((c: { number: string }, i: number) => expect(c.number).toBe(String(i + 1)));
    for (const c of preamble) expect(c.text.trimEnd()).toMatch(/,$/);
    operative.slice(0, -1).forEach((c: { text: string }) => expect(c.text.trimEnd()).toMatch(/;$/));
    expect(operative.at(-1).text.trimEnd()).toMatch(/\.$/);
    for (const c of doc.clauses) {
      expect(Object.keys(c)).toEqual(expect.arrayContaining(['id', 'kind', 'number', 'text', 'status']));
      expect(c.status).toBe('open');
    }
  });

  it('requires a session to read and answers 404 for an unknown document', async () => {
    expect((await server.anonymous().get('/api/documents/almaty-declaration')).status).toBe(401);
    const client = await server.login('observer');
    const missing = await client.get('/api/documents/no-such-doc');
    expect(missing.status).toBe(404);
    expect(missing.body.error.id).toBe('document_not_found');
  });

  it('lists 40 delegations with ISO 3166-1 alpha-3 codes and names in three languages', async () => {
    const client = await server.login('kaz-delegate');
    const { delegations } = (await client.get('/api/delegations')).body;
    expect(delegations).toHaveLength(40);
    for (const code of ['KAZ', 'UZB', 'GBR', 'CHN', 'USA', 'POL', 'JPN', 'FRA', 'DEU'])
      expect(delegations.map((d: { code: string }) => d.code)).toContain(code);
    const kaz = delegations.find((d: { code: string }) => d.code === 'KAZ');
    expect(kaz.names).toEqual({ en: 'Kazakhstan', ru: 'Казахстан', kk: 'Қазақстан' });
    expect(kaz.members).toBe(2);
  });
});

describe('roles, stage and clause status', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('lets only the chair move the stage, audits it, and keeps adoption final', async () => {
    const delegate = await server.login('fra-delegate');
    const denied = await delegate.post('/api/documents/almaty-declaration/stage', { stage: 'negotiation' });
    expect(denied.status).toBe(403);
    expect(denied.body.error.id).toBe('role_not_allowed');
    const chair = await server.login('chair');
    const invalid = await chair.post('/api/documents/almaty-declaration/stage', { stage: 'final' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.field).toBe('stage');
    const moved = await chair.post('/api/documents/almaty-declaration/stage', { stage: 'negotiation' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ stage: 'negotiation', previous: 'drafting' });
    // Adopted is the chair's recorded decision (or a vote's), never a bare stage move.
    const bare = await chair.post('/api/documents/almaty-declaration/stage', { stage: 'adopted' });
    expect([bare.status, bare.body.error.id]).toEqual([409, 'adoption_not_by_stage']);
    expect((await chair.post('/api/documents/almaty-declaration/stage', { stage: 'adoption' })).status).toBe(200);
    expect(
      (await chair.post('/api/documents/almaty-declaration/adoption', { objectionWindowMinutes: 0, acknowledge: true }))
        .status,
    ).toBe(200);
    const back = await chair.post('/api/documents/almaty-declaration/stage', {
      stage: 'drafting',
      reason: 'Reopen the text.',
    });
    expect(back.status).toBe(409);
    expect(back.body.error.id).toBe('stage_final');
    const entries = (await server.ctx.store.audit.entries()).filter((e) => e.action === 'document.stage');
    expect(entries.map((e) => e.payload)).toEqual([
      { from: 'drafting', to: 'negotiation' },
      { from: 'negotiation', to: 'adoption' },
      { from: 'adoption', to: 'adopted', method: 'without_vote', acknowledged: expect.any(Array) },
    ]);
    expect(await server.ctx.store.audit.verify()).toMatchObject({ intact: true });
  });
});

describe('clause status', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('is set by the chair or the secretariat, not by delegations or observers', async () => {
    const observer = await server.login('observer');
    const doc = (await observer.get('/api/documents/almaty-declaration')).body;
    const op1 = doc.clauses.find((c: { kind: string }) => c.kind === 'operative');
    const path = `/api/documents/almaty-declaration/clauses/${op1.id}/status`;
    expect((await observer.post(path, { status: 'agreed_ad_ref' })).status).toBe(403);
    expect((await (await server.login('kaz-head')).post(path, { status: 'agreed_ad_ref' })).status).toBe(403);
    const secretariat = await server.login('secretariat');
    expect((await secretariat.post(path, { status: 'locked' })).status).toBe(400);
    expect(
      (await secretariat.post(`/api/documents/almaty-declaration/clauses/nope/status`, { status: 'open' })).status,
    ).toBe(404);
    expect((await secretariat.post(path, { status: 'agreed_ad_ref' })).status).toBe(200);
    const after = (await observer.get('/api/documents/almaty-declaration')).body;
    expect(after.clauses.find((c: { id: string }) => c.id === op1.id).status).toBe('agreed_ad_ref');
    expect((await (await server.login('chair')).post(path, { status: 'open' })).status).toBe(200);
  });
});

describe('administration and one-time login links', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('creates delegations and accounts, refusing bad codes, duplicates and non-admins', async () => {
    const admin = await server.login('admin');
    expect((await (await server.login('chair')).post('/api/admin/delegations', { code: 'BRA' })).status).toBe(403);
    expect((await admin.post('/api/admin/delegations', { code: 'XYZ' })).status).toBe(400);
    expect((await admin.post('/api/admin/delegations', { code: 'kaz' })).status).toBe(409);
    const created = await admin.post('/api/admin/delegations', { code: 'bra' });
    expect(created.status).toBe(201);
    expect(created.body.names.en).toBe('Brazil');
    const noDelegation = await admin.post('/api/admin/users', {
      username: 'bra-head',
      displayName: 'Head, Brazil',
      role: 'head',
    });
    expect(noDelegation.status).toBe(400);
    expect(noDelegation.body.error.field).toBe('delegation');
    const head = await admin.post('/api/admin/users', {
      username: 'bra-head',
      displayName: 'Head, Brazil',
      role: 'head',
      delegation: 'BRA',
      password: 'correct horse',
    });
    expect(head.status).toBe(201);
    expect(
      (await admin.post('/api/admin/users', { username: 'bra-head', displayName: 'x', role: 'observer' })).status,
    ).toBe(409);
    expect(
      (
        await admin.post('/api/admin/users', {
          username: 'bra-head-2',
          displayName: 'x',
          role: 'head',
          delegation: 'BRA',
        })
      ).status,
    ).toBe(409);
    expect(
      (await server.anonymous().post('/api/auth/login', { username: 'BRA-HEAD', password: 'correct horse' })).status,
    ).toBe(200);
  });

  it('issues one-time links that sign in once and only once', async () => {
    const admin = await server.login('admin');
    const res = await admin.post('/api/admin/login-links', { delegation: 'JPN', hours: 2 });
    expect(res.status).toBe(201);
    const links = res.body.links as { username: string; url: string }[];
    expect(links.map((l) => l.username).sort()).toEqual(['jpn-delegate', 'jpn-head']);
    const token = new URL(links[0]!.url).hash.replace('#token=', '');
    const first = server.anonymous();
    const ok = await first.post('/api/auth/link', { token });
    expect(ok.status).toBe(200);
    expect((await first.get('/api/auth/me')).body.user.username).toBe(links[0]!.username);
    const again = await server.anonymous().post('/api/auth/link', { token });
    expect(again.status).toBe(401);
    expect(again.body.error.id).toBe('link_invalid');
    expect((await (await server.login('jpn-head')).post('/api/admin/login-links', { delegation: 'JPN' })).status).toBe(
      403,
    );
  });

  it('logs out one device, or every device at once', async () => {
    const a = await server.login('pol-head');
    const b = await server.login('pol-head');
    expect((await a.post('/api/auth/logout')).status).toBe(204);
    expect((await a.get('/api/auth/me')).status).toBe(401);
    expect((await b.get('/api/auth/me')).status).toBe(200);
    const c = await server.login('pol-head');
    expect((await c.post('/api/auth/logout', { everywhere: true })).status).toBe(204);
    expect((await b.get('/api/auth/me')).status).toBe(401);
  });

  it('gives a new session token at every login (no fixation)', async () => {
    const client = await server.login('chn-head');
    const before = client.cookie;
    await client.post('/api/auth/login', { username: 'chn-head', password: 'demo' });
    expect(client.cookie).not.toBe(before);
    const stale = new ApiClient(server.url);
    stale.cookie = before;
    expect((await stale.get('/api/auth/me')).status).toBe(401);
  });
});

describe('restart and seeding', () => {
  it('keeps accounts, sessions and the document across a restart, and seeds only once', async () => {
    const first = await startTestServer({}, { keepData: true });
    const client = await first.login('kaz-head');
    const before = (await client.get('/api/documents/almaty-declaration')).body;
    await first.close();
    const second = await startTestServer({}, { dataDir: first.dataDir });
    try {
      expect(second.seeded).toBe(false);
      const again = new ApiClient(second.url);
      again.cookie = client.cookie;
      expect((await again.get('/api/auth/me')).body.user.username).toBe('kaz-head');
      expect((await again.get('/api/documents/almaty-declaration')).body).toEqual(before);
      expect(await second.ctx.store.users.count()).toBe(84);
      expect(await second.ctx.store.documents.list()).toHaveLength(1);
    } finally {
      await second.close();
      (await import('node:fs')).rmSync(first.dataDir, { recursive: true, force: true });
    }
  });

  it('starts empty with SEED=none and honours DEMO_PASSWORD', async () => {
    const empty = await startTestServer({ SEED: 'none' });
    expect(await empty.ctx.store.users.count()).toBe(0);
    await empty.close();
    const custom = await startTestServer({ DEMO_PASSWORD: 'congress-2025' });
    try {
      expect((await custom.anonymous().post('/api/auth/login', { username: 'chair', password: 'demo' })).status).toBe(
        401,
      );
      expect(
        (await custom.anonymous().post('/api/auth/login', { username: 'chair', password: 'congress-2025' })).status,
      ).toBe(200);
    } finally {
      await custom.close();
    }
  });
});
