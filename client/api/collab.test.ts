import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { clauseOrder, getClauseFragment, readClause } from '../../shared/editor/ydoc.js';
import { clauseToPlainText } from '../../shared/editor/text.js';
import type { Salvage } from '../editor/salvage.js';
import { ROUTES } from '../../shared/api/routes.js';
import { CloseCode } from '../../shared/protocol/collab.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';
import { collabUrl, cookieWebSocket, waitFor, typeInto } from '../../test/helpers/collabClient.js';
import { suggestionsIn } from '../../shared/editor/suggestions.js';
import { createCollabSession, type CollabClose, type CollabSession, type CollabSessionOptions } from './collab.js';

describe('createCollabSession', () => {
  let server: TestServer;
  const sessions: CollabSession[] = [];
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    for (const s of sessions) s.destroy();
    await server.close();
  });

  const open = async (
    user: string,
    mayWrite?: (clauseId: string) => boolean,
    suggestAs?: CollabSessionOptions['suggestAs'],
  ): Promise<CollabSession> => {
    const cookie = (await server.login(user)).cookie!;
    const session = createCollabSession('almaty-declaration', {
      url: collabUrl(server.url),
      WebSocketPolyfill: cookieWebSocket(cookie) as never,
      mayWrite,
      suggestAs,
    });
    sessions.push(session);
    await waitFor(() => session.provider.synced, 5000, 'sync');
    return session;
  };

  it('after a refused write, says why and starts again from the server’s state without the refused edit', async () => {
    const observer = await open('observer');
    const first = observer.doc;
    const closes: CollabClose[] = [];
    let resets = 0;
    observer.on('closed', (close) => closes.push(close));
    observer.on('reset', () => (resets += 1));
    const clauseId = clauseOrder(first)[3]!;
    const original = getClauseFragment(first, clauseId).toString();
    typeInto(first, clauseId, ' not allowed');
    await waitFor(() => resets === 1, 5000, 'reset');
    expect(closes[0]).toMatchObject({
      code: CloseCode.FORBIDDEN_WRITE,
      name: 'FORBIDDEN_WRITE',
      action: 'resync',
      reason: { id: 'role_not_allowed', clauseId },
    });
    expect(observer.doc).not.toBe(first);
    await waitFor(() => observer.provider.synced, 5000, 'resync');
    expect(getClauseFragment(observer.doc, clauseId).toString()).toBe(original);
    expect(observer.status).toBe('connected');
  });

  const serverText = async (clauseId: string): Promise<string> =>
    clauseToPlainText(readClause((await server.ctx.registry.get('almaty-declaration'))!, clauseId));

  it('after a spell offline, keeps what may still be written and hands back the edit to a clause locked meanwhile', async () => {
    const chair = await server.login('chair');
    // The page has not heard of the lock yet: only the server's refusal says so.
    const kaz = await open('kaz-delegate', () => true);
    const salvaged: Salvage[] = [];
    kaz.on('salvaged', (s) => salvaged.push(s));
    const [, , , , , , kept, locked] = clauseOrder(kaz.doc);
    kaz.provider.disconnect();
    typeInto(kaz.doc, kept!, ' typed offline, still open');
    typeInto(kaz.doc, locked!, ' typed offline, locked meanwhile');
    expect(
      (await chair.post(`/api/documents/almaty-declaration/clauses/${locked}/status`, { status: 'agreed_ad_ref' }))
        .status,
    ).toBe(200);
    const lockedBefore = await serverText(locked!);
    try {
      kaz.provider.connect();
      await waitFor(() => salvaged.length === 1, 5000, 'salvage');
      expect(kaz.lastClose).toMatchObject({
        name: 'FORBIDDEN_WRITE',
        reason: { id: 'clause_locked', clauseId: locked },
      });
      expect(salvaged[0]!.restored).toEqual([kept]);
      expect(salvaged[0]!.unsaved.map((u) => u.clauseId)).toEqual([locked]);
      expect(clauseToPlainText(salvaged[0]!.unsaved[0]!.content)).toContain('typed offline, locked meanwhile');
      await waitFor(
        () =>
          clauseToPlainText(readClause(server.ctx.registry.peek('almaty-declaration')!, kept!)).includes(
            'typed offline, still open',
          ),
        5000,
        'restored edit stored',
      );
      expect(await serverText(locked!)).toBe(lockedBefore);
      expect(kaz.status).toBe('connected');
    } finally {
      await chair.post(`/api/documents/almaty-declaration/clauses/${locked}/status`, { status: 'open' });
    }
  });

  it('writes a delegate’s offline text in several clauses back as their suggestions once they must suggest', async () => {
    const secretariat = await server.login('secretariat');
    const api = await server.login('kaz-delegate');
    const { user } = (await api.call(ROUTES.session)).body;
    const author = { user: user!.id, delegation: user!.delegation ?? null };
    // The page suggests only once told to: here by the server's refusal, the requirement's event not heard yet.
    const kaz = await open(
      'kaz-delegate',
      () => true,
      (required) => (required ? author : null),
    );
    const salvaged: Salvage[] = [];
    const closes: CollabClose[] = [];
    kaz.on('salvaged', (s) => salvaged.push(s));
    kaz.on('closed', (c) => closes.push(c));
    const [, , , , first, second] = clauseOrder(kaz.doc);
    kaz.provider.disconnect();
    typeInto(kaz.doc, first!, ' typed offline in one clause');
    typeInto(kaz.doc, second!, ' and in another');
    const requireSuggestions = (required: boolean) =>
      secretariat.call(ROUTES.setSuggestionRequirement, { params: { id: 'almaty-declaration' }, body: { required } });
    expect((await requireSuggestions(true)).status).toBe(200);
    try {
      kaz.provider.connect();
      await waitFor(() => salvaged.length === 1, 5000, 'salvage');
      expect(closes.map((c) => c.reason.id)).toEqual(['suggestion_required']);
      expect(salvaged[0]!.restored.sort()).toEqual([first, second].sort());
      expect(salvaged[0]!.unsaved).toEqual([]);
      const stored = (clauseId: string) =>
        suggestionsIn(readClause(server.ctx.registry.peek('almaty-declaration')!, clauseId)).map((s) => [
          s.kind,
          s.text,
          s.delegation,
        ]);
      await waitFor(() => stored(second!).length === 1, 5000, 'suggestions stored');
      expect(stored(first!)).toEqual([['insertion', ' typed offline in one clause', 'KAZ']]);
      expect(stored(second!)).toEqual([['insertion', ' and in another', 'KAZ']]);
      // Taken, not refused again.
      expect(closes).toHaveLength(1);
      expect(kaz.status).toBe('connected');
    } finally {
      await requireSuggestions(false);
    }
  });

  it('applies the server’s copy with nothing listening for updates, then sends the person’s edits', async () => {
    // Yjs encodes a transaction's update again only for 'update' listeners: none may be there for the first sync.
    const listeners = (doc: Y.Doc): number =>
      (doc as unknown as { _observers: Map<string, Set<unknown>> })._observers.get('update')?.size ?? 0;
    const cookie = (await server.login('kaz-delegate')).cookie!;
    const kaz = createCollabSession('almaty-declaration', {
      url: collabUrl(server.url),
      WebSocketPolyfill: cookieWebSocket(cookie) as never,
    });
    sessions.push(kaz);
    let atSync = -1;
    kaz.provider.on('sync', (synced: boolean) => {
      if (synced && atSync < 0) atSync = listeners(kaz.doc);
    });
    expect(listeners(kaz.doc)).toBe(0);
    await waitFor(() => kaz.provider.synced, 5000, 'sync');
    // By the time the page hears of the sync, the session listens again: nothing typed from then on is missed.
    expect(atSync).toBeGreaterThan(0);
    const gbr = await open('gbr-delegate');
    const clauseId = clauseOrder(kaz.doc)[10]!;
    typeInto(kaz.doc, clauseId, ' typed once synced');
    await waitFor(
      () => getClauseFragment(gbr.doc, clauseId).toString().includes('typed once synced'),
      5000,
      'edit delivered',
    );
  });

  it('knows while edits made offline have not reached the server', async () => {
    const kaz = await open('kaz-delegate');
    const gbr = await open('gbr-delegate');
    const clauseId = clauseOrder(kaz.doc)[11]!;
    typeInto(gbr.doc, clauseId, ' from GBR');
    await waitFor(() => getClauseFragment(kaz.doc, clauseId).toString().includes('from GBR'), 5000, 'remote edit');
    expect(kaz.unsent).toBe(false);
    kaz.provider.disconnect();
    expect(kaz.unsent).toBe(false);
    typeInto(kaz.doc, clauseId, ' from KAZ, offline');
    expect(kaz.unsent).toBe(true);
    kaz.provider.connect();
    await waitFor(() => !kaz.unsent, 5000, 'sent');
    await waitFor(
      () => getClauseFragment(gbr.doc, clauseId).toString().includes('from KAZ, offline'),
      5000,
      'offline edit delivered',
    );
  });

  it('hands back, without writing it again, an edit refused as too large', async () => {
    const kaz = await open('kaz-delegate', () => true);
    const salvaged: Salvage[] = [];
    kaz.on('salvaged', (s) => salvaged.push(s));
    const clauseId = clauseOrder(kaz.doc)[9]!;
    const before = await serverText(clauseId);
    kaz.provider.disconnect();
    typeInto(kaz.doc, clauseId, ' ' + 'x'.repeat(1024 * 1024));
    kaz.provider.connect();
    await waitFor(() => salvaged.length === 1, 5000, 'salvage');
    expect(kaz.lastClose?.name).toBe('MESSAGE_TOO_LARGE');
    expect(salvaged[0]).toMatchObject({ restored: [], orderLost: false });
    expect(salvaged[0]!.unsaved.map((u) => u.clauseId)).toEqual([clauseId]);
    await new Promise((r) => setTimeout(r, 300));
    expect(kaz.lastClose?.name).toBe('MESSAGE_TOO_LARGE');
    expect(await serverText(clauseId)).toBe(before);
    expect(clauseToPlainText(readClause(kaz.doc, clauseId))).toBe(before);
  });

  /** The delegations whose people the session sees on the document (itself included). */
  const present = (session: CollabSession): string[] =>
    [...session.awareness.getStates().values()]
      .map((state) => (state as { user?: { delegation?: string } }).user?.delegation)
      .filter((d): d is string => d === 'DEU' || d === 'ITA')
      .sort();

  it('shows a newcomer to the others at once, and the others to the newcomer, again after a lost connection', async () => {
    const deu = await open('deu-delegate');
    const ita = await open('ita-delegate');
    // Well under the 15 s renewal after which a stock client's presence shows.
    await waitFor(() => present(deu).includes('ITA'), 1000, 'ITA seen by DEU');
    await waitFor(() => present(ita).includes('DEU'), 1000, 'DEU seen by ITA');

    // The connection drops: the server tells the others DEU left, and DEU is back as soon as it reconnects.
    (deu.provider.ws as WebSocket).close();
    await waitFor(() => !present(ita).includes('DEU'), 2000, 'DEU gone for ITA');
    await waitFor(() => deu.provider.synced, 5000, 'DEU reconnected');
    await waitFor(() => present(ita).includes('DEU'), 1000, 'DEU back for ITA');
    await waitFor(() => present(deu).includes('ITA'), 1000, 'ITA back for DEU');

    // Signing off the document on purpose and coming back: the same.
    deu.provider.disconnect();
    await waitFor(() => !present(ita).includes('DEU'), 2000, 'DEU left');
    deu.provider.connect();
    await waitFor(() => deu.provider.synced, 5000, 'DEU reconnected');
    await waitFor(() => present(ita).includes('DEU'), 1000, 'DEU back after leaving');
  });

  it('stops, without reconnecting, when the session ends', async () => {
    const api = await server.login('kaz-delegate');
    const session = createCollabSession('almaty-declaration', {
      url: collabUrl(server.url),
      WebSocketPolyfill: cookieWebSocket(api.cookie!) as never,
    });
    sessions.push(session);
    await waitFor(() => session.provider.synced, 5000, 'sync');
    await api.call(ROUTES.logout, { query: { everywhere: '1' } });
    await waitFor(() => session.status === 'stopped', 5000, 'stopped');
    expect(session.lastClose).toMatchObject({ code: CloseCode.UNAUTHENTICATED, action: 'stop' });
    await new Promise((r) => setTimeout(r, 700));
    expect(session.provider.wsconnected).toBe(false);
  });
});
