import { afterAll, beforeAll, expect, it } from 'vitest';
import { clauseOrder } from '../../shared/editor/ydoc.js';
import { CloseCode } from '../../shared/protocol/collab.js';
import { RawClient } from '../helpers/collabClient.js';
import { describeCluster } from '../helpers/engines.js';
import { signIn, startCluster, withCookie, type InProcessCluster } from '../helpers/cluster.js';
import type { TestServer } from '../helpers/server.js';
import { typeInto } from '../helpers/collabClient.js';
import { DOC, eventually, plainClause, servedClause, useEngines, useProviders } from './tools.js';

/**
 * Two nodes on one PostgreSQL and one Redis, a browser on each: they edit one text together as if they
 * were on the same node, see each other's presence, and the governance of either node binds writes on both.
 */
describeCluster('co-editing across two nodes', () => {
  const engines = useEngines();
  const providers = useProviders();
  let cluster: InProcessCluster;
  let a: TestServer;
  let b: TestServer;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    cluster = await startCluster(2, await engines.fresh());
    [a, b] = cluster.nodes as [TestServer, TestServer];
    cookies['kaz-delegate'] = await signIn(a.url, 'kaz-delegate');
    for (const user of ['gbr-delegate', 'observer', 'chair']) cookies[user] = await signIn(b.url, user);
  });
  afterAll(() => cluster?.close());

  it('converges one clause typed into on both nodes, serves it from either, and shows each node’s typing live on the other', async () => {
    const kaz = await providers.open(a.url, cookies['kaz-delegate']!);
    const gbr = await providers.open(b.url, cookies['gbr-delegate']!);
    const observer = await providers.open(b.url, cookies.observer!);
    const clauseId = clauseOrder(kaz.doc)[3]!;

    // Each round, both type at once: the node of each sees the other's keystrokes arrive through the relay.
    // Promptly, so that the periodic catch-up from the database (5 s apart) cannot pass for it.
    for (let round = 1; round <= 4; round++) {
      typeInto(kaz.doc, clauseId, ` kaz${round}`);
      typeInto(gbr.doc, clauseId, ` gbr${round}`);
      await eventually(
        () => plainClause(observer.doc, clauseId).includes(` kaz${round}`),
        1500,
        `observer on B sees kaz${round} typed on A`,
      );
      await eventually(
        () => plainClause(kaz.doc, clauseId).includes(` gbr${round}`),
        1500,
        `kaz on A sees gbr${round} typed on B`,
      );
    }
    await eventually(
      () => [kaz, gbr, observer].every((p) => plainClause(p.doc, clauseId) === plainClause(kaz.doc, clauseId)),
      2000,
      'the three clients to converge',
    );
    const text = plainClause(kaz.doc, clauseId);
    for (let round = 1; round <= 4; round++) {
      expect(text).toContain(` kaz${round}`);
      expect(text).toContain(` gbr${round}`);
    }

    const viaA = withCookie(a.url, cookies.observer!);
    const viaB = withCookie(b.url, cookies.observer!);
    expect(await servedClause(viaA, clauseId)).toBe(text);
    expect(await servedClause(viaB, clauseId)).toBe(text);
    // Stored once each, attributed, in the one shared database.
    const authors = await b.ctx.store.sql.all<{ username: string }>(
      "SELECT DISTINCT u.username FROM doc_updates d JOIN users u ON u.id = d.user_id WHERE u.username IN ('kaz-delegate', 'gbr-delegate') ORDER BY u.username",
    );
    expect(authors.map((r) => r.username)).toEqual(['gbr-delegate', 'kaz-delegate']);
  });

  it('shows a client on one node to clients on the other, with the identity the server gave it', async () => {
    const kaz = await providers.open(a.url, cookies['kaz-delegate']!);
    const gbr = await providers.open(b.url, cookies['gbr-delegate']!);
    kaz.awareness.setLocalState({
      user: { name: 'The Secretary-General', color: '#000000' },
      cursor: null,
      secret: 'claimed',
    });
    gbr.awareness.setLocalState({ user: { name: 'Anyone' }, cursor: null });
    type Presence = { user?: { name?: string; role?: string; delegation?: string } } & Record<string, unknown>;
    const kazSeenOnB = (): Presence | undefined =>
      gbr.awareness.getStates().get(kaz.doc.clientID) as Presence | undefined;
    await eventually(() => kazSeenOnB()?.user?.delegation === 'KAZ', 3000, 'gbr on B to see kaz on A in presence');
    expect(kazSeenOnB()!.user).toMatchObject({ role: 'delegate', delegation: 'KAZ' });
    expect(kazSeenOnB()!.user!.name).not.toBe('The Secretary-General');
    expect(kazSeenOnB()!.secret).toBeUndefined();
    const gbrSeenOnA = (): Presence | undefined =>
      kaz.awareness.getStates().get(gbr.doc.clientID) as Presence | undefined;
    await eventually(() => gbrSeenOnA()?.user?.delegation === 'GBR', 3000, 'kaz on A to see gbr on B in presence');

    // Leaving is seen across nodes too.
    const gbrId = gbr.doc.clientID;
    gbr.destroy();
    await eventually(() => !kaz.awareness.getStates().has(gbrId), 5000, 'kaz on A to see gbr leave B');
  });

  it('refuses, on node A, a write to a clause the chair locked through node B', async () => {
    const chair = withCookie(b.url, cookies.chair!);
    const order = (await chair.get(`/api/documents/${DOC}`)).body.clauses.map((c: { id: string }) => c.id) as string[];
    const locked = order[5]!;
    const open = order[6]!;
    const before = await servedClause(chair, locked);
    const res = await chair.post(`/api/documents/${DOC}/clauses/${locked}/status`, { status: 'agreed_ad_ref' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);

    // A write elsewhere from the same person on A still goes through: the refusal is the lock, not the node.
    const control = await RawClient.synced(a.url, DOC, cookies['kaz-delegate']!);
    control.write((doc) => typeInto(doc, open, ' still open'));
    await eventually(
      async () => (await servedClause(chair, open)).endsWith(' still open'),
      3000,
      'the write to an open clause to reach B',
    );
    control.close();

    const raw = await RawClient.synced(a.url, DOC, cookies['kaz-delegate']!);
    raw.write((doc) => typeInto(doc, locked, ' written after the lock'));
    const closed = await raw.waitClosed();
    expect(closed.code).toBe(CloseCode.FORBIDDEN_WRITE);
    expect(closed.reason).toContain(`clause_locked:${locked}`);
    expect(await servedClause(withCookie(a.url, cookies.observer!), locked)).toBe(before);
    expect(await servedClause(chair, locked)).toBe(before);
  });

  it('closes a person’s collab socket on node A at once when they sign out everywhere through node B', async () => {
    const cookie = await signIn(a.url, 'fra-delegate');
    const socket = await RawClient.synced(a.url, DOC, cookie);
    const started = Date.now();
    const res = await fetch(`${b.url}/api/auth/logout?everywhere=1`, {
      method: 'POST',
      headers: { cookie, origin: b.url },
    });
    expect(res.status).toBeLessThan(300);
    const closed = await socket.waitClosed(3000);
    expect(closed.code).toBe(CloseCode.UNAUTHENTICATED);
    // Relayed, not left to the sweep (every 30 s).
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
