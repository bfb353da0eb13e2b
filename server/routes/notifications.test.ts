import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { NotificationJson, NotificationListResponse } from '../../shared/api/notifications.js';
import { ROUTES } from '../../shared/api/routes.js';
import type { Stage } from '../../shared/domain/stages.js';
import { actorOf } from '../auth/session.js';
import { newId } from '../db/ids.js';
import { createDocument } from '../commands/createDocument.js';
import { startTestServer, type ApiClient, type TestServer } from '../../test/helpers/server.js';
import { useFollowers } from '../../test/helpers/events.js';

let server: TestServer;
const clients = new Map<string, ApiClient>();
const followers = useFollowers();

async function as(username: string): Promise<ApiClient> {
  let client = clients.get(username);
  if (!client) {
    client = await server.login(username);
    clients.set(username, client);
  }
  return client;
}

/** A new document in `stage` with one operative clause; its id and the clause's. */
async function freshDocument(stage: Stage): Promise<{ id: string; clause: string }> {
  const id = `doc-${newId()}`;
  const secretariat = actorOf((await server.ctx.store.users.byUsername('secretariat'))!);
  const clauses = await createDocument(server.ctx, secretariat, {
    id,
    conferenceId: (await server.ctx.store.conferences.current())!.id,
    title: 'Test declaration',
    symbol: `TEST/${id}`,
    stage,
    clauses: [
      { kind: 'title', text: 'Test declaration' },
      { kind: 'operative', text: '*Calls upon* States to act.' },
    ],
  });
  return { id, clause: clauses[1]! };
}

async function list(username: string, query = ''): Promise<NotificationListResponse> {
  const res = await (await as(username)).get(`/api/notifications${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as NotificationListResponse;
}

/** The person's notifications about `documentId`, once `count` of them are there (they are written after the commit). */
async function notificationsOf(username: string, documentId: string, count = 1): Promise<NotificationJson[]> {
  return vi.waitFor(
    async () => {
      const mine = (await list(username, '?limit=100')).notifications.filter((n) => n.documentId === documentId);
      expect(mine.length).toBeGreaterThanOrEqual(count);
      return mine;
    },
    { timeout: 15_000, interval: 100 },
  );
}

async function ok(username: string, path: string, body?: unknown): Promise<any> {
  const res = await (await as(username)).post(path, body);
  expect(res.status, `${username} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body;
}

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('what notifies whom', () => {
  it('a vote opened notifies every member of the electorate, live in their room, and nobody else', async () => {
    const doc = await freshDocument('adoption');
    const delegate = await as('kaz-delegate');
    const follower = await followers.follow(server.url, delegate.cookie!, doc.id);
    const before = (await list('kaz-delegate')).unread;
    const vote = await ok('chair', `/api/documents/${doc.id}/votes`, {
      subject: { type: 'document' },
      rule: 'simple_majority',
      acknowledge: true,
    });
    for (const username of ['kaz-delegate', 'kaz-head', 'fra-head']) {
      const [n] = await notificationsOf(username, doc.id);
      expect(n).toMatchObject({ kind: 'vote_opened', params: { voteId: vote.id, subject: 'document' }, readAt: null });
    }
    await server.notifications.notifier.settled();
    for (const username of ['chair', 'secretariat', 'observer']) {
      expect((await list(username)).notifications.filter((n) => n.documentId === doc.id)).toEqual([]);
    }
    await vi.waitFor(() => expect(follower.events.some(([e]) => e === 'notification:added')).toBe(true));
    const [, pushed] = follower.events.find(([e]) => e === 'notification:added')!;
    expect(pushed.notification.kind).toBe('vote_opened');
    expect(pushed.unread).toBe(before + 1);
  });

  it('a mention by username or by delegation notifies those people, never the author', async () => {
    const doc = await freshDocument('negotiation');
    await ok('kaz-delegate', `/api/documents/${doc.id}/comments`, {
      clauseId: doc.clause,
      body: 'Could @fra-head and @GBR look at this? @kaz-delegate (me) and @nobody-here too.',
    });
    for (const username of ['fra-head', 'gbr-head', 'gbr-delegate']) {
      const [n] = await notificationsOf(username, doc.id);
      expect(n).toMatchObject({ kind: 'mentioned', params: { clauseId: doc.clause } });
      expect(n!.params.excerpt).toContain('Could @fra-head');
    }
    await server.notifications.notifier.settled();
    for (const username of ['kaz-delegate', 'fra-delegate', 'usa-head']) {
      expect((await list(username)).notifications.filter((n) => n.documentId === doc.id)).toEqual([]);
    }
  });

  it("one's amendment decided notifies the sponsoring delegation's members", async () => {
    const doc = await freshDocument('negotiation');
    const amendment = await ok('kaz-delegate', `/api/documents/${doc.id}/amendments`, {
      clauseId: doc.clause,
      kind: 'replace',
      text: '*Urges* States to act.',
      rationale: 'Stronger.',
    });
    await ok('secretariat', `/api/amendments/${amendment.id}/decision`, { decision: 'reject' });
    for (const username of ['kaz-head', 'kaz-delegate']) {
      const [n] = await notificationsOf(username, doc.id);
      expect(n).toMatchObject({
        kind: 'amendment_decided',
        params: { amendmentId: amendment.id, outcome: 'rejected' },
      });
    }
    await server.notifications.notifier.settled();
    expect((await list('fra-head')).notifications.filter((n) => n.documentId === doc.id)).toEqual([]);
  });

  it('the floor given notifies the delegation, and a silence procedure everyone following the text', async () => {
    const doc = await freshDocument('adoption');
    const request = await ok('usa-delegate', `/api/documents/${doc.id}/floor`, { kind: 'speaker' });
    await ok('chair', `/api/documents/${doc.id}/floor/requests/${request.id}/grant`);
    expect((await notificationsOf('usa-head', doc.id))[0]).toMatchObject({
      kind: 'floor_given',
      params: { delegation: 'USA' },
    });

    await ok('chair', `/api/documents/${doc.id}/silence`, { subject: 'adoption', minutes: 60, acknowledge: true });
    await ok('fra-head', `/api/documents/${doc.id}/silence/break`, { statement: 'We object.' });
    const kinds = async (username: string, count: number) =>
      (await notificationsOf(username, doc.id, count)).map((n) => n.kind);
    expect(await kinds('secretariat', 2)).toEqual(['silence_broken', 'silence_started']);
    expect(await kinds('chair', 1)).toEqual(['silence_broken']); // the chair started it
    expect(await kinds('usa-delegate', 3)).toEqual(['silence_broken', 'silence_started', 'floor_given']);
    expect((await notificationsOf('secretariat', doc.id))[0]!.params.delegation).toBe('FRA');
    await server.notifications.notifier.settled();
    expect((await list('observer')).notifications.filter((n) => n.documentId === doc.id)).toEqual([]);
  });
});

describe('GET /api/notifications and POST /api/notifications/read', () => {
  it('pages newest first with a cursor, filters the unread, and marks only the reader’s own read', async () => {
    const doc = await freshDocument('negotiation');
    const user = (await server.ctx.store.users.byUsername('pol-head'))!;
    const other = (await server.ctx.store.users.byUsername('pol-delegate'))!;
    // Earlier tests' votes and silences notified them too.
    const base = (await list('pol-head')).unread;
    const otherBase = (await list('pol-delegate')).unread;
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const row = await server.ctx.store.notifications.insert({
        userId: user.id,
        kind: 'floor_given',
        documentId: doc.id,
        params: { delegation: 'POL', n: String(i) },
      });
      ids.push(row.id);
    }
    const foreign = await server.ctx.store.notifications.insert({
      userId: other.id,
      kind: 'floor_given',
      documentId: doc.id,
      params: { delegation: 'POL' },
    });

    const first = await list('pol-head', '?limit=2');
    expect(first.notifications.map((n) => n.id)).toEqual([ids[4], ids[3]]);
    expect(first.unread).toBe(base + 5);
    const second = await list('pol-head', `?limit=2&before=${first.next}`);
    expect(second.notifications.map((n) => n.id)).toEqual([ids[2], ids[1]]);
    const last = await list('pol-head', `?limit=100&before=${second.next}`);
    expect(last.notifications[0]!.id).toBe(ids[0]); // then earlier tests' notifications
    expect(last.next).toBeNull();

    const head = await as('pol-head');
    const follower = await followers.follow(server.url, head.cookie!, doc.id);
    const marked = await head.call(ROUTES.markNotificationsRead, { body: { ids: [ids[4]!, foreign.id] } });
    expect(marked.body).toEqual({ unread: base + 4 });
    expect((await list('pol-delegate')).unread).toBe(otherBase + 1); // someone else's id changed nothing
    const unread = (await list('pol-head', '?unread=1&limit=100')).notifications.filter((n) => n.documentId === doc.id);
    expect(unread.map((n) => n.id)).toEqual(ids.slice(0, 4).reverse());
    await vi.waitFor(() => expect(follower.events.some(([e]) => e === 'notifications:read')).toBe(true));
    expect(follower.events.find(([e]) => e === 'notifications:read')![1]).toMatchObject({
      ids: [ids[4]],
      unread: base + 4,
    });

    expect((await head.call(ROUTES.markNotificationsRead, { body: { all: true } })).body).toEqual({ unread: 0 });
    expect((await list('pol-head', '?unread=1')).notifications).toEqual([]);
    expect((await list('pol-head')).notifications.every((n) => n.readAt !== null)).toBe(true);
  });

  it('refuses malformed requests with 400 and changes nothing; 401 without a session', async () => {
    const head = await as('chn-head');
    for (const body of [
      {},
      { ids: [] },
      { ids: ['x'], all: true },
      { all: false },
      { ids: ['bad id!'] },
      { extra: 1 },
    ]) {
      const res = await head.post('/api/notifications/read', body);
      expect([res.status, res.body.error?.id], JSON.stringify(body)).toEqual([400, 'invalid_input']);
    }
    for (const query of ['?before=abc', '?limit=0', '?limit=101', '?unread=maybe']) {
      expect((await head.get(`/api/notifications${query}`)).status, query).toBe(400);
    }
    // Without SMTP_URL nor an address nothing is e-mailed; the wish is kept all the same.
    expect((await list('chn-head')).email).toEqual({ enabled: true, address: null, serverSends: false });
    expect((await head.post('/api/notifications/email', { enabled: false })).body).toEqual({
      enabled: false,
      address: null,
      serverSends: false,
    });
    expect((await list('chn-head')).email.enabled).toBe(false);
    expect((await head.post('/api/notifications/email', { enabled: 'yes' })).status).toBe(400);
    // An account's address for e-mail must be one; its language one Accord speaks.
    const admin = await as('admin');
    for (const extra of [{ email: 'not an address' }, { email: 'a@b' }, { language: 'de' }]) {
      const res = await admin.post('/api/admin/users', {
        username: `x${newId().toLowerCase()}`.slice(0, 12),
        displayName: 'X',
        role: 'observer',
        ...extra,
      });
      expect([res.status, res.body.error?.id], JSON.stringify(extra)).toEqual([400, 'invalid_input']);
    }
    expect((await server.anonymous().get('/api/notifications')).status).toBe(401);
    expect((await server.anonymous().post('/api/notifications/read', { all: true })).status).toBe(401);
  });

  it('keeps the newest notifications per person and prunes the rest', async () => {
    const doc = await freshDocument('negotiation');
    const user = (await server.ctx.store.users.byUsername('ind-head'))!;
    const { notifications } = server.ctx.store;
    const earlier = (await list('ind-head', '?limit=100')).notifications.length;
    for (let i = 0; i < 7; i += 1) {
      await notifications.insert({
        userId: user.id,
        kind: 'floor_given',
        documentId: doc.id,
        params: { n: String(i) },
      });
    }
    expect(await notifications.prune(user.id, 5)).toBe(earlier + 2);
    const kept = (await list('ind-head')).notifications.map((n) => n.params.n);
    expect(kept).toEqual(['6', '5', '4', '3', '2']);
    expect(await notifications.prune(user.id, 5)).toBe(0);
  });
});
