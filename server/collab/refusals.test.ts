import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { clauseOrder, getClauseFragment, getOrder } from '../../shared/editor/ydoc.js';
import { CloseCode, MESSAGE_SYNC, SYNC_UPDATE } from '../../shared/protocol/collab.js';
import { startTestServer, type ApiClient, type TestServer } from '../../test/helpers/server.js';
import { RawClient, updateMessage, waitFor, typeInto } from '../../test/helpers/collabClient.js';

const DOC = 'almaty-declaration';
/**
 * The bystander writes under one client id. (Its own copy takes the server's echo of each write as a remote
 * change to its id, and Yjs would give it a new id every time: a client id a write, which the collab door
 * limits.)
 */
const BYSTANDER_ID = 4_100_001;

/**
 * Every row of the write policy, and every kind of bad input, over raw sockets with hand-made updates. Each
 * refusal must close only the offending socket with its code, leave the document and `doc_updates` as they
 * were, and let a bystander keep editing.
 */
describe('refusals on /collab', () => {
  let server: TestServer;
  let chair: ApiClient;
  let secretariat: ApiClient;
  const cookies: Record<string, string> = {};
  let clauses: string[];
  let bystander: RawClient;
  let typed = 0;

  beforeAll(async () => {
    server = await startTestServer();
    chair = await server.login('chair');
    secretariat = await server.login('secretariat');
    for (const user of ['kaz-delegate', 'gbr-delegate', 'observer', 'secretariat', 'fra-head'])
      cookies[user] = (await server.login(user)).cookie!;
    clauses = clauseOrder((await server.ctx.registry.get(DOC))!);
    bystander = await RawClient.synced(server.url, DOC, cookies.secretariat!);
  });
  afterAll(async () => {
    bystander.close();
    await server.close();
  });

  const snapshot = async (): Promise<{ state: string; rows: number }> => {
    // Commits under way count: a write seen in memory may still be on its way to the log.
    await server.ctx.registry.settled();
    return snapshotNow();
  };
  const snapshotNow = async (): Promise<{ state: string; rows: number }> => ({
    state: Buffer.from(Y.encodeStateAsUpdate((await server.ctx.registry.get(DOC))!)).toString('base64'),
    rows: (await server.ctx.store.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM doc_updates'))!.n,
  });

  /** Sends with `send`, expects the close code (and reason prefix), unchanged state, and a bystander still writing. */
  async function expectRefused(
    user: string,
    send: (client: RawClient) => void,
    code: number,
    reason?: string,
  ): Promise<void> {
    const client = await RawClient.synced(server.url, DOC, cookies[user]!);
    const before = await snapshot();
    send(client);
    const closed = await client.waitClosed();
    expect(closed.code).toBe(code);
    if (reason) expect(closed.reason).toMatch(new RegExp(`^${reason}`));
    await new Promise((r) => setTimeout(r, 20));
    expect(await snapshot()).toEqual(before);
    await expectBystanderWrites();
  }

  /** The secretariat's socket is still open and its edits are stored (in every stage where it may write). */
  async function expectBystanderWrites(clauseId = clauses[1]!): Promise<void> {
    expect(bystander.closed).toBeUndefined();
    const stage = (await server.ctx.store.documents.get(DOC))!.stage;
    if (stage === 'adoption' || stage === 'adopted') return;
    const marker = ` ok${++typed}`;
    const rows = (await snapshot()).rows;
    bystander.write((doc) => typeInto(doc, clauseId, marker), BYSTANDER_ID);
    await waitFor(() => getClauseFragment(bystander.doc, clauseId).toString().includes(marker), 5000, 'bystander echo');
    expect((await snapshot()).rows).toBe(rows + 1);
  }

  async function setStage(stage: string): Promise<void> {
    // Adoption is the chair's recorded decision, never a bare stage move; a move back gives a reason.
    const res =
      stage === 'adopted'
        ? await chair.post(`/api/documents/${DOC}/adoption`, { objectionWindowMinutes: 0, acknowledge: true })
        : await chair.post(`/api/documents/${DOC}/stage`, { stage, reason: 'As the procedure requires.' });
    expect(res.status).toBe(200);
  }

  it('drafting: delegates and heads write clauses; an observer is refused', async () => {
    const kaz = await RawClient.synced(server.url, DOC, cookies['kaz-delegate']!);
    kaz.write((doc) => typeInto(doc, clauses[2]!, ' (KAZ)'), kaz.doc.clientID);
    await waitFor(() => getClauseFragment(server.ctx.registry.peek(DOC)!, clauses[2]!).toString().includes('(KAZ)'));
    expect(kaz.closed).toBeUndefined();
    kaz.close();
    await expectRefused(
      'observer',
      (c) => c.write((doc) => typeInto(doc, clauses[2]!, ' observer'), 1001),
      CloseCode.FORBIDDEN_WRITE,
      'role_not_allowed',
    );
  });

  it('what a refused socket sent after its refused write is dropped unread', async () => {
    const observer = await RawClient.synced(server.url, DOC, cookies.observer!);
    const findUser = vi.spyOn(server.ctx.store.sessions, 'findUser');
    try {
      // Sent in one go, they reach the room together, queued behind the first.
      for (let i = 0; i < 50; i++) observer.write((doc) => typeInto(doc, clauses[2]!, ` observer ${i}`), 1001);
      expect((await observer.waitClosed()).code).toBe(CloseCode.FORBIDDEN_WRITE);
      await server.collab.room(DOC)?.idle();
      // The first write's judging reads the session; the 49 after it nothing (the session sweep may read one).
      expect(findUser.mock.calls.length).toBeLessThanOrEqual(2);
    } finally {
      findUser.mockRestore();
    }
    await expectBystanderWrites();
  });

  it('drafting: the order array is the secretariat’s alone', async () => {
    const move = (doc: Y.Doc): void => {
      getOrder(doc).delete(3, 1);
      getOrder(doc).insert(4, [clauses[3]!]);
    };
    await expectRefused('kaz-delegate', (c) => c.write(move, 1002), CloseCode.FORBIDDEN_WRITE, 'role_not_allowed');
    await expectRefused('fra-head', (c) => c.write(move, 1003), CloseCode.FORBIDDEN_WRITE, 'role_not_allowed');
    const sec = await RawClient.synced(server.url, DOC, cookies.secretariat!);
    sec.write(move, 1004);
    await waitFor(() => clauseOrder(server.ctx.registry.peek(DOC)!)[4] === clauses[3]);
    expect(sec.closed).toBeUndefined();
    sec.close();
    clauses = clauseOrder((await server.ctx.registry.get(DOC))!);
  });

  it('an agreed ad ref clause is locked for everyone until the chair unlocks it', async () => {
    const locked = clauses[5]!;
    expect(
      (await chair.post(`/api/documents/${DOC}/clauses/${locked}/status`, { status: 'agreed_ad_ref' })).status,
    ).toBe(200);
    await expectRefused(
      'secretariat',
      (c) => c.write((doc) => typeInto(doc, locked, ' edit'), 1005),
      CloseCode.FORBIDDEN_WRITE,
      `clause_locked:${locked}`,
    );
    await expectRefused(
      'gbr-delegate',
      (c) => c.write((doc) => getClauseFragment(doc, locked).delete(0, 1), 1006),
      CloseCode.FORBIDDEN_WRITE,
      'clause_locked',
    );
    expect((await chair.post(`/api/documents/${DOC}/clauses/${locked}/status`, { status: 'open' })).status).toBe(200);
    await expectBystanderWrites(locked);
  });

  it('a deleted clause takes no more writes', async () => {
    const gone = clauses[6]!;
    expect((await secretariat.request('DELETE', `/api/documents/${DOC}/clauses/${gone}`)).status).toBe(200);
    await expectRefused(
      'kaz-delegate',
      (c) => c.write((doc) => typeInto(doc, gone, ' ghost'), 1007),
      CloseCode.FORBIDDEN_WRITE,
      `unknown_clause:${gone}`,
    );
    clauses = clauseOrder((await server.ctx.registry.get(DOC))!);
  });

  it('a client id binds to the first person who writes with it; awareness cannot borrow someone else’s', async () => {
    const kaz = await RawClient.synced(server.url, DOC, cookies['kaz-delegate']!);
    kaz.write((doc) => typeInto(doc, clauses[2]!, ' k'), 5150);
    await waitFor(() => Y.getState(server.ctx.registry.peek(DOC)!.store, 5150) > 0);
    await expectRefused(
      'gbr-delegate',
      (c) => c.write((doc) => typeInto(doc, clauses[2]!, ' g'), 5150),
      CloseCode.CLIENT_ID_TAKEN,
    );
    kaz.sendAwareness([{ clientId: 5151, clock: 1, state: { cursor: null } }]);
    await waitFor(() => server.collab.room(DOC)!.awareness.holder(5151) !== undefined);
    await expectRefused(
      'gbr-delegate',
      (c) => c.sendAwareness([{ clientId: 5151, clock: 7, state: { user: { name: 'KAZ' } } }]),
      CloseCode.CLIENT_ID_TAKEN,
    );
    await expectRefused(
      'gbr-delegate',
      (c) => c.sendAwareness([{ clientId: 5150, clock: 1, state: {} }]),
      CloseCode.CLIENT_ID_TAKEN,
    );
    expect(kaz.closed).toBeUndefined();
    kaz.close();
  });

  it('bad bytes: random, truncated varints, unknown message types, unknown dependencies, oversized frames', async () => {
    await expectRefused(
      'kaz-delegate',
      (c) => c.send(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f])),
      CloseCode.MALFORMED_MESSAGE,
    );
    await expectRefused(
      'kaz-delegate',
      (c) => c.send(new Uint8Array([MESSAGE_SYNC, SYNC_UPDATE, 0x85])),
      CloseCode.MALFORMED_MESSAGE,
    );
    await expectRefused(
      'kaz-delegate',
      (c) => c.send(new Uint8Array([MESSAGE_SYNC, SYNC_UPDATE, 10, 1, 2, 3])),
      CloseCode.MALFORMED_MESSAGE,
    );
    await expectRefused(
      'kaz-delegate',
      (c) => c.send(new Uint8Array([9, 0])),
      CloseCode.MALFORMED_MESSAGE,
      'unknown_message_type',
    );
    await expectRefused(
      'kaz-delegate',
      (c) => c.send(updateMessage(new Uint8Array([7, 7, 7, 7, 7, 7, 7]))),
      CloseCode.MALFORMED_MESSAGE,
    );
    await expectRefused(
      'kaz-delegate',
      (c) => {
        const scratch = new Y.Doc();
        scratch.clientID = 1010;
        Y.applyUpdate(scratch, Y.encodeStateAsUpdate(c.doc));
        typeInto(scratch, clauses[2]!, ' first');
        const before = Y.encodeStateVector(scratch);
        typeInto(scratch, clauses[2]!, ' second');
        c.sendUpdate(Y.encodeStateAsUpdate(scratch, before));
      },
      CloseCode.MISSING_DEPENDENCY,
    );
    await expectRefused('kaz-delegate', (c) => c.send(new Uint8Array(1024 * 1024 + 10)), CloseCode.MESSAGE_TOO_LARGE);
  });

  it('closes a consumer that stops reading instead of buffering for it without bound', async () => {
    const room = server.collab.room(DOC)!;
    const others = new Set(room.connections);
    const slow = await RawClient.synced(server.url, DOC, cookies.observer!);
    const conn = [...room.connections].find((c) => !others.has(c))!;
    const reasons: string[] = [];
    const close = conn.close.bind(conn);
    conn.close = (code, reason) => {
      reasons.push(`${code} ${reason}`);
      close(code, reason);
    };
    // The client stops reading while the text changes: every change is broadcast to it too (~200 KB each:
    // long passages typed into five clauses, then taken out again).
    (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const targets = clauses.slice(4, 9);
    const long = 'ж'.repeat(18_000);
    const holds = (): boolean => getClauseFragment(bystander.doc, targets[0]!).toString().includes(long);
    for (let i = 0; i < 100 && conn.isOpen; i++) {
      bystander.write((doc) => targets.forEach((id) => typeInto(doc, id, long)), BYSTANDER_ID);
      await waitFor(holds, 5000, 'broadcast');
      bystander.write((doc) => {
        for (const id of targets) {
          const text = (getClauseFragment(doc, id).get(0) as Y.XmlElement).get(0) as Y.XmlText;
          text.delete(text.length - long.length, long.length);
        }
      }, BYSTANDER_ID);
      await waitFor(() => !holds(), 5000, 'broadcast');
    }
    expect(reasons).toEqual([`${CloseCode.RATE_LIMITED} send_buffer_full`]);
    await expectBystanderWrites();
  });

  it('negotiation: the secretariat writes, delegates and heads are refused', async () => {
    await setStage('negotiation');
    await expectRefused(
      'kaz-delegate',
      (c) => c.write((doc) => typeInto(doc, clauses[2]!, ' x'), 1011),
      CloseCode.FORBIDDEN_WRITE,
      'stage_not_allowed',
    );
    await expectRefused(
      'fra-head',
      (c) => c.write((doc) => typeInto(doc, clauses[2]!, ' x'), 1012),
      CloseCode.FORBIDDEN_WRITE,
      'stage_not_allowed',
    );
    await expectBystanderWrites();
  });

  it('a socket opened before the stage changed is refused after it', async () => {
    await setStage('drafting');
    const gbr = await RawClient.synced(server.url, DOC, cookies['gbr-delegate']!);
    gbr.write((doc) => typeInto(doc, clauses[2]!, ' before'), 2020);
    await waitFor(() => getClauseFragment(server.ctx.registry.peek(DOC)!, clauses[2]!).toString().includes(' before'));
    await setStage('negotiation');
    const before = await snapshot();
    gbr.write((doc) => typeInto(doc, clauses[2]!, ' after'), 2020);
    expect((await gbr.waitClosed()).code).toBe(CloseCode.FORBIDDEN_WRITE);
    expect(await snapshot()).toEqual(before);
  });

  it('a vote opened on the whole text freezes it for sockets already open', async () => {
    const sec = await RawClient.synced(server.url, DOC, cookies.secretariat!);
    sec.write((doc) => typeInto(doc, clauses[2]!, ' last words'), 3030);
    await waitFor(() =>
      getClauseFragment(server.ctx.registry.peek(DOC)!, clauses[2]!).toString().includes(' last words'),
    );
    // Opening a vote on the document moves it from negotiation to adoption: no stage command is involved.
    const vote = await chair.post(`/api/documents/${DOC}/votes`, {
      subject: { type: 'document' },
      rule: 'consensus',
      acknowledge: true,
    });
    expect(vote.status).toBe(201);
    expect((await server.ctx.store.documents.get(DOC))!.stage).toBe('adoption');
    const before = await snapshot();
    sec.write((doc) => typeInto(doc, clauses[2]!, ' too late'), 3030);
    const closed = await sec.waitClosed();
    expect([closed.code, closed.reason]).toEqual([CloseCode.FORBIDDEN_WRITE, `stage_not_allowed:${clauses[2]}`]);
    expect(await snapshot()).toEqual(before);
    expect((await chair.post(`/api/votes/${vote.body.id}/close`)).status).toBe(200);
  });

  it('adoption and adopted: nobody writes, not even the secretariat', async () => {
    await setStage('adoption');
    await expectRefused(
      'secretariat',
      (c) => c.write((doc) => typeInto(doc, clauses[2]!, ' x'), 1013),
      CloseCode.FORBIDDEN_WRITE,
      'stage_not_allowed',
    );
    await expectRefused(
      'kaz-delegate',
      (c) => c.write((doc) => typeInto(doc, clauses[2]!, ' x'), 1014),
      CloseCode.FORBIDDEN_WRITE,
      'stage_not_allowed',
    );
    await setStage('adopted');
    await expectRefused(
      'secretariat',
      (c) => c.write((doc) => getClauseFragment(doc, clauses[2]!).delete(0, 1), 1015),
      CloseCode.FORBIDDEN_WRITE,
      'stage_not_allowed',
    );
    await expectRefused(
      'observer',
      (c) => c.write((doc) => typeInto(doc, clauses[2]!, ' x'), 1016),
      CloseCode.FORBIDDEN_WRITE,
      'role_not_allowed',
    );
    // Reading stays open, and a read-only client's sync step 2 (nothing new) is not a write.
    const reader = await RawClient.synced(server.url, DOC, cookies.observer!);
    reader.sendUpdate(Y.encodeStateAsUpdate(reader.doc), 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(reader.closed).toBeUndefined();
    reader.close();
  });
});
