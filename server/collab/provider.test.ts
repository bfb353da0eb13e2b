import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { clauseOrder, getClauseFragment } from '../../shared/editor/ydoc.js';
import { CloseCode } from '../../shared/protocol/collab.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';
import { RawClient, stockProvider, syncedProvider, waitFor, typeInto } from '../../test/helpers/collabClient.js';

const DOC = 'almaty-declaration';

function clauseText(doc: Y.Doc, clauseId: string): string {
  return getClauseFragment(doc, clauseId).toString();
}

describe('the stock y-websocket client against /collab', () => {
  let server: TestServer;
  const cookies: Record<string, string> = {};
  const providers: WebsocketProvider[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    for (const user of ['kaz-delegate', 'gbr-delegate', 'observer', 'secretariat'])
      cookies[user] = (await server.login(user)).cookie!;
  });
  afterAll(async () => {
    for (const p of providers) p.destroy();
    await server.close();
  });

  const open = (user: string): WebsocketProvider => {
    const p = stockProvider(server.url, DOC, cookies[user]!);
    providers.push(p);
    return p;
  };

  it('syncs the declaration, carries edits both ways, stores them and shows them over HTTP', async () => {
    const kaz = open('kaz-delegate');
    const gbr = open('gbr-delegate');
    const observer = open('observer');
    await Promise.all([syncedProvider(kaz), syncedProvider(gbr), syncedProvider(observer)]);
    const order = clauseOrder(kaz.doc);
    expect(order.length).toBeGreaterThan(5);
    const clauseId = order[3]!;

    typeInto(kaz.doc, clauseId, ' KAZ');
    await waitFor(() => clauseText(gbr.doc, clauseId).includes(' KAZ'), 5000, 'gbr sees kaz');
    typeInto(gbr.doc, clauseId, ' GBR');
    await waitFor(
      () => clauseText(kaz.doc, clauseId).includes(' GBR') && clauseText(observer.doc, clauseId).includes(' GBR'),
    );
    expect(clauseText(kaz.doc, clauseId)).toBe(clauseText(gbr.doc, clauseId));
    expect(clauseText(observer.doc, clauseId)).toBe(clauseText(kaz.doc, clauseId));

    const api = await server.login('observer');
    const res = await api.get(`/api/documents/${DOC}`);
    const clause = res.body.clauses.find((c: { id: string }) => c.id === clauseId);
    expect(clause.text).toMatch(/ KAZ GBR$/);

    const rows = await server.ctx.store.sql.all<{ username: string; delegation: string }>(
      "SELECT u.username, d.delegation FROM doc_updates d JOIN users u ON u.id = d.user_id WHERE u.username IN ('kaz-delegate','gbr-delegate')",
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { username: 'kaz-delegate', delegation: 'KAZ' },
        { username: 'gbr-delegate', delegation: 'GBR' },
      ]),
    );
  });

  it('writes identity into awareness from the session, whatever the client claims', async () => {
    const kaz = open('kaz-delegate');
    const gbr = open('gbr-delegate');
    await Promise.all([syncedProvider(kaz), syncedProvider(gbr)]);
    kaz.awareness.setLocalState({
      user: { name: 'The Secretary-General', color: '#000' },
      cursor: null,
      secret: 'x'.repeat(10),
    });
    await waitFor(() => {
      const state = gbr.awareness.getStates().get(kaz.doc.clientID) as { user?: { name: string } } | undefined;
      return state?.user?.name !== undefined;
    });
    const state = gbr.awareness.getStates().get(kaz.doc.clientID) as Record<string, any>;
    expect(state.user).toMatchObject({ role: 'delegate', delegation: 'KAZ' });
    expect(state.user.name).not.toBe('The Secretary-General');
    expect(state.secret).toBeUndefined();
    // The stock client echoes every remote change back: that must not get it closed.
    gbr.awareness.setLocalStateField('cursor', null);
    await new Promise((r) => setTimeout(r, 300));
    expect(kaz.wsconnected && gbr.wsconnected).toBe(true);
  });

  it('merges what was typed offline when the connection returns, without losing anyone’s edits', async () => {
    const kaz = open('kaz-delegate');
    const gbr = open('gbr-delegate');
    await Promise.all([syncedProvider(kaz), syncedProvider(gbr)]);
    const clauseId = clauseOrder(kaz.doc)[6]!;
    kaz.disconnect();
    typeInto(kaz.doc, clauseId, ' offline-KAZ');
    typeInto(gbr.doc, clauseId, ' online-GBR');
    await waitFor(() => clauseText(server.ctx.registry.peek(DOC)!, clauseId).includes('online-GBR'));
    kaz.connect();
    await waitFor(() => clauseText(gbr.doc, clauseId).includes('offline-KAZ'), 5000, 'offline edit merged');
    await waitFor(() => clauseText(kaz.doc, clauseId).includes('online-GBR'));
    expect(clauseText(kaz.doc, clauseId)).toBe(clauseText(gbr.doc, clauseId));
    expect(clauseText((await server.ctx.registry.get(DOC))!, clauseId)).toBe(clauseText(kaz.doc, clauseId));
  });

  it('sends the whole document unasked to a socket opened with ?whole=1, and only to such a socket', async () => {
    const asked = await RawClient.connect(server.url, `${DOC}?whole=1`, cookies.observer!);
    await waitFor(() => asked.synced, 5000, 'the whole document, unasked');
    expect(clauseOrder(asked.doc).length).toBeGreaterThan(10);
    // Sent once: the socket's step 2 is the whole document, and nothing asked for it again.
    const steps2 = () => asked.messages.filter((m) => m[0] === 0 && m[1] === 1).length;
    expect(steps2()).toBe(1);
    const plain = await RawClient.connect(server.url, DOC, cookies.observer!);
    await waitFor(() => plain.messages.length >= 1, 5000, 'the server’s step 1');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(plain.synced).toBe(false);
    asked.close();
    plain.close();
  });

  it('refuses the upgrade without a session (401), for an unknown document (404), from a foreign origin (403)', async () => {
    await expect(RawClient.connect(server.url, DOC, undefined)).rejects.toMatchObject({ status: 401 });
    await expect(RawClient.connect(server.url, DOC, 'accord_session=forged')).rejects.toMatchObject({ status: 401 });
    await expect(RawClient.connect(server.url, 'no-such-document', cookies.observer)).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      RawClient.connect(server.url, DOC, cookies.observer, { origin: 'https://evil.example' }),
    ).rejects.toMatchObject({ status: 403 });
    const same = await RawClient.connect(server.url, DOC, cookies.observer, { origin: server.url });
    same.close();
  });

  it('answers other upgrade paths with 404 and leaves socket.io alone', async () => {
    const res = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/elsewhere`);
      ws.on('unexpected-response', (_req, r) => resolve(r.statusCode ?? 0));
      ws.on('error', () => resolve(-1));
    });
    expect(res).toBe(404);
  });

  it('closes a signed-out person’s sockets with UNAUTHENTICATED', async () => {
    const api = await server.login('gbr-delegate');
    const raw = await RawClient.synced(server.url, DOC, api.cookie!);
    await api.post('/api/auth/logout?everywhere=1');
    const closed = await raw.waitClosed();
    expect(closed.code).toBe(CloseCode.UNAUTHENTICATED);
  });

  it('refuses a write once the session behind the socket has ended', async () => {
    const api = await server.login('kaz-delegate');
    const raw = await RawClient.synced(server.url, DOC, api.cookie!);
    await api.post('/api/auth/logout');
    const clauseId = clauseOrder(raw.doc)[2]!;
    const before = clauseText((await server.ctx.registry.get(DOC))!, clauseId);
    raw.write((doc) => typeInto(doc, clauseId, ' after logout'));
    expect((await raw.waitClosed()).code).toBe(CloseCode.UNAUTHENTICATED);
    expect(clauseText((await server.ctx.registry.get(DOC))!, clauseId)).toBe(before);
  });
});
