import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import type { Stage } from '../../shared/domain/stages.js';
import { clauseOrder, getClauseFragment } from '../../shared/editor/ydoc.js';
import { CloseCode } from '../../shared/protocol/collab.js';
import { startTestServer, type ApiClient, type TestServer } from '../../test/helpers/server.js';
import { RawClient, waitFor } from '../../test/helpers/collabClient.js';
import { charIds, encodeSections, gc, structsOf, textItem } from './updateShapes.js';

const DOC = 'almaty-declaration';
/**
 * The bystander writes under one client id. (Its own copy takes the server's echo of each write as a remote
 * change to its id, and Yjs would give it a new id every time: a client id a write, which the collab door
 * limits.)
 */
const BYSTANDER_ID = 4_100_002;

/**
 * Updates that Yjs cannot integrate at once would be parked (`pendingStructs`, `pendingDs`) and integrated
 * later, when any other update fills the gap, under whatever stage and lock hold then. Every such shape is
 * refused on arrival, and structs from someone without a write right (a GC filler) are refused too, so text
 * can never enter a locked clause or an adopted declaration that way.
 */

let nextClient = 7_100_000;
const freshClient = (): number => nextClient++;

/** The text of the clause's first paragraph, as the server holds it. */
function paragraphText(doc: Y.Doc, clauseId: string): Y.XmlText {
  return (getClauseFragment(doc, clauseId).get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

/** Where a shape aims its text: a character's id (in the clause's text, or in a collected region). */
type Aim = Y.ID;

const shapes = {
  /** The client's section twice: the checker saw 0..n, Yjs keeps only the second section and waits for 0. */
  repeatedSection: (aim: Aim, text: string): Uint8Array => {
    const c = freshClient();
    return encodeSections([{ structs: [gc(c, 0)] }, { structs: [textItem(c, 1, text, { origin: aim })] }]);
  },
  /** The same with GC structs only: nothing for a policy to resolve, yet parked all the same. */
  repeatedGcSection: (): Uint8Array => {
    const c = freshClient();
    return encodeSections([{ structs: [gc(c, 0)] }, { structs: [gc(c, 1)] }]);
  },
  /** a:0 waits for b:0, which waits for a:1, whose predecessor a:0 is not integrated yet: all parked. */
  missingPredecessor: (aim: Aim, text: string): Uint8Array => {
    const a = freshClient();
    const b = freshClient();
    return encodeSections([
      { structs: [textItem(a, 0, 'x', { origin: Y.createID(b, 0) }), textItem(a, 1, text, { origin: aim })] },
      { structs: [textItem(b, 0, 'z', { origin: Y.createID(a, 1) })] },
    ]);
  },
};

/** The GC struct that would fill the gap a parked update waits for: clocks 0..len of `client`. */
const filler = (client: number, len = 1): Uint8Array => encodeSections([{ structs: [gc(client, 0, len)] }]);

/** The client ids a shape writes, lowest clock first (what a filler must cover). */
const clientsOf = (update: Uint8Array): number[] => [...new Set(structsOf(update).map((s) => s.id.client))];

describe('parked updates on /collab', () => {
  let server: TestServer;
  const cookies: Record<string, string> = {};
  let clauses: string[];
  let bystander: RawClient;
  /** Ids of characters the server has collected (a deleted paragraph's text): items aimed there become GC. */
  let collected: Y.ID[];

  beforeAll(async () => {
    server = await startTestServer();
    for (const user of ['kaz-delegate', 'observer', 'secretariat']) cookies[user] = (await server.login(user)).cookie!;
    bystander = await RawClient.synced(server.url, DOC, cookies.secretariat!);
    clauses = clauseOrder(bystander.doc);
    // A paragraph typed then deleted: its text is collected on the server (GC structs).
    const typed = bystander.write((doc) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('collected words')]);
      getClauseFragment(doc, clauses[1]!).insert(1, [paragraph]);
    }, BYSTANDER_ID);
    await waitFor(() => getClauseFragment(bystander.doc, clauses[1]!).length === 2);
    bystander.write((doc) => getClauseFragment(doc, clauses[1]!).delete(1, 1), BYSTANDER_ID);
    await waitFor(() => getClauseFragment(bystander.doc, clauses[1]!).length === 1);
    const strings = structsOf(typed).filter(
      (s): s is Y.Item => s instanceof Y.Item && s.content instanceof Y.ContentString,
    );
    collected = strings.flatMap((s) =>
      Array.from({ length: s.length }, (_, i) => Y.createID(s.id.client, s.id.clock + i)),
    );
    const store = server.ctx.registry.peek(DOC)!.store;
    expect(collected.length).toBeGreaterThan(3);
    for (const id of collected) expect(Y.getItem(store, id)).toBeInstanceOf(Y.GC);
  });
  afterAll(async () => {
    bystander.close();
    await server.close();
  });

  const snapshot = async (): Promise<{ state: string; rows: number }> => {
    await server.collab.room(DOC)?.idle();
    await server.ctx.registry.settled();
    const doc = (await server.ctx.registry.get(DOC))!;
    expect(doc.store.pendingStructs).toBeNull();
    expect(doc.store.pendingDs).toBeNull();
    return {
      state: Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64'),
      rows: (await server.ctx.store.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM doc_updates'))!.n,
    };
  };

  async function expectRefused(user: string, update: Uint8Array, code: number, reason: string): Promise<void> {
    const client = await RawClient.synced(server.url, DOC, cookies[user]!);
    const before = await snapshot();
    client.sendUpdate(update);
    const closed = await client.waitClosed(3000);
    expect([closed.code, closed.reason.split(':')[0]], `${user}: ${reason}`).toEqual([code, reason]);
    expect(await snapshot()).toEqual(before);
    expect(bystander.closed).toBeUndefined();
  }

  /** Who may write text in each stage (a writer's shapes aim at a clause), and who may not. */
  const WRITER: Partial<Record<Stage, string>> = { drafting: 'kaz-delegate', negotiation: 'secretariat' };
  const NON_WRITERS: Record<Stage, string[]> = {
    drafting: ['observer'],
    negotiation: ['observer', 'kaz-delegate'],
    adoption: ['observer', 'kaz-delegate', 'secretariat'],
    adopted: ['observer', 'kaz-delegate', 'secretariat'],
  };

  for (const stage of ['drafting', 'negotiation', 'adoption', 'adopted'] as const) {
    it(`${stage}: a repeated client section, a missing predecessor and a GC filler are refused`, async () => {
      await server.ctx.store.documents.setStage(DOC, stage);
      const text = charIds(paragraphText(bystander.doc, clauses[2]!))[4]!;
      const writer = WRITER[stage];
      if (writer) {
        await expectRefused(
          writer,
          shapes.repeatedSection(text, ' parked'),
          CloseCode.MALFORMED_MESSAGE,
          'repeated_client_section',
        );
        await expectRefused(
          writer,
          shapes.missingPredecessor(text, ' parked'),
          CloseCode.MISSING_DEPENDENCY,
          'would_park',
        );
      }
      for (const user of NON_WRITERS[stage]) {
        // Aimed at a collected region, nothing in them names a clause: only their shape betrays them.
        await expectRefused(user, shapes.repeatedGcSection(), CloseCode.MALFORMED_MESSAGE, 'repeated_client_section');
        await expectRefused(
          user,
          shapes.repeatedSection(collected[0]!, 'x'),
          CloseCode.MALFORMED_MESSAGE,
          'repeated_client_section',
        );
        await expectRefused(
          user,
          shapes.missingPredecessor(collected[1]!, 'x'),
          CloseCode.MISSING_DEPENDENCY,
          'would_park',
        );
        const reason = user === 'observer' ? 'role_not_allowed' : 'stage_not_allowed';
        await expectRefused(user, filler(freshClient(), 3), CloseCode.FORBIDDEN_WRITE, reason);
      }
    });
  }
});

/**
 * The exploit end to end: text parked while it was allowed, aimed at a clause that is then agreed ad
 * referendum (or at a text that is then adopted), and the gap filled afterwards by someone who may write
 * nothing. The text served, the text stored (after a restart) and the attribution never change.
 */
describe('parked text never reaches a locked clause or an adopted text', () => {
  let server: TestServer;
  let chair: ApiClient;
  const cookies: Record<string, string> = {};
  let clauses: string[];
  let dataDir: string;

  beforeAll(async () => {
    server = await startTestServer({}, { keepData: true });
    dataDir = server.dataDir;
  });
  afterEach(async () => {
    await server.close();
    server = await startTestServer({}, { dataDir });
  });
  afterAll(async () => {
    await server.close();
    const fs = await import('node:fs');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function signIn(): Promise<void> {
    chair = await server.login('chair');
    for (const user of ['kaz-delegate', 'kaz-head', 'observer', 'secretariat'])
      cookies[user] = (await server.login(user)).cookie!;
  }

  /** Plain text of every clause, as `GET /api/documents/:id` serves it. */
  async function servedText(): Promise<Record<string, string>> {
    const res = await chair.get(`/api/documents/${DOC}`);
    expect(res.status).toBe(200);
    return Object.fromEntries((res.body.clauses as { id: string; text: string }[]).map((c) => [c.id, c.text]));
  }

  /** Sends an update on a fresh socket; resolves with how the socket ended (undefined: still open). */
  async function send(user: string, update: Uint8Array): Promise<number | undefined> {
    const client = await RawClient.synced(server.url, DOC, cookies[user]!);
    client.sendUpdate(update);
    // A refusal closes the socket at once; an update taken in leaves it open.
    await client.waitClosed(1500).catch(() => undefined);
    await server.collab.room(DOC)?.idle();
    await server.ctx.registry.settled();
    const code = client.closed?.code;
    client.close();
    return code;
  }

  async function rowsBy(username: string): Promise<number> {
    const row = await server.ctx.store.sql.get<{ n: number }>(
      'SELECT COUNT(*) AS n FROM doc_updates u JOIN users p ON p.id = u.user_id WHERE p.username = ?',
      [username],
    );
    return row!.n;
  }

  async function authorsOf(clauseId: string): Promise<string[]> {
    const res = await chair.get(`/api/documents/${DOC}/clauses/${clauseId}/attribution`);
    expect(res.status).toBe(200);
    return (res.body.authors as { key: string }[]).map((a) => a.key);
  }

  /**
   * Fills every gap the parked updates could wait for, as each of `users` (none of whom may write now);
   * resolves with how each filler's socket ended.
   */
  async function fillGaps(users: string[], parked: Uint8Array[]): Promise<(number | undefined)[]> {
    const codes: (number | undefined)[] = [];
    for (const user of users) {
      for (const update of parked) {
        for (const client of clientsOf(update)) codes.push(await send(user, filler(client)));
      }
    }
    return codes;
  }

  it('an agreed ad ref clause in adoption: the observer’s filler brings nothing in', async () => {
    await signIn();
    const reader = await RawClient.synced(server.url, DOC, cookies.observer!);
    clauses = clauseOrder(reader.doc);
    const target = clauses[3]!;
    const aim = charIds(paragraphText(reader.doc, target))[5]!;
    reader.close();
    // Drafting: a delegate may write the clause, so both shapes pass the write policy on arrival.
    const parked = [shapes.repeatedSection(aim, ' EVIL-ONE'), shapes.missingPredecessor(aim, ' EVIL-TWO')];
    const parking = [await send('kaz-delegate', parked[0]!), await send('kaz-delegate', parked[1]!)];
    const before = await servedText();
    const attribution = await authorsOf(target);
    expect(
      (await chair.post(`/api/documents/${DOC}/clauses/${target}/status`, { status: 'agreed_ad_ref' })).status,
    ).toBe(200);
    expect((await chair.post(`/api/documents/${DOC}/stage`, { stage: 'negotiation' })).status).toBe(200);
    expect((await chair.post(`/api/documents/${DOC}/stage`, { stage: 'adoption' })).status).toBe(200);

    const filling = await fillGaps(['observer', 'secretariat', 'kaz-delegate'], parked);

    expect(await servedText()).toEqual(before);
    expect((await servedText())[target]).not.toContain('EVIL');
    expect(await rowsBy('observer')).toBe(0);
    expect(await authorsOf(target)).toEqual(attribution);
    expect(parking).toEqual([CloseCode.MALFORMED_MESSAGE, CloseCode.MISSING_DEPENDENCY]);
    expect(new Set(filling)).toEqual(new Set([CloseCode.FORBIDDEN_WRITE]));
  });

  it('… and after a restart, storage holds the same text', async () => {
    await signIn();
    const text = await servedText();
    expect(Object.values(text).join(' ')).not.toContain('EVIL');
    expect(await rowsBy('observer')).toBe(0);
  });

  it('an adopted text: parked in negotiation, filled after the vote, nothing changes', async () => {
    await signIn();
    expect(
      (
        await chair.post(`/api/documents/${DOC}/stage`, {
          stage: 'negotiation',
          reason: 'The next case starts in negotiation.',
        })
      ).status,
    ).toBe(200);
    const reader = await RawClient.synced(server.url, DOC, cookies.observer!);
    const target = clauses[4]!;
    const aim = charIds(paragraphText(reader.doc, target))[2]!;
    reader.close();
    // Negotiation: the secretariat may write the clause.
    const parked = [shapes.repeatedSection(aim, ' EVIL-THREE'), shapes.missingPredecessor(aim, ' EVIL-FOUR')];
    const parking = [await send('secretariat', parked[0]!), await send('secretariat', parked[1]!)];
    const before = await servedText();
    const attribution = await authorsOf(target);

    const vote = await chair.post(`/api/documents/${DOC}/votes`, {
      subject: { type: 'document' },
      rule: 'consensus',
      acknowledge: true,
    });
    expect(vote.status).toBe(201);
    const head = await server.login('kaz-head');
    expect((await head.post(`/api/votes/${vote.body.id}/ballots`, { choice: 'yes' })).status).toBeLessThan(300);
    const closed = await chair.post(`/api/votes/${vote.body.id}/close`);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect((await server.ctx.store.documents.get(DOC))!.stage).toBe('adopted');

    const filling = await fillGaps(['observer', 'secretariat', 'kaz-delegate'], parked);

    expect(await servedText()).toEqual(before);
    expect(await rowsBy('observer')).toBe(0);
    expect(await authorsOf(target)).toEqual(attribution);
    expect(parking).toEqual([CloseCode.MALFORMED_MESSAGE, CloseCode.MISSING_DEPENDENCY]);
    expect(new Set(filling)).toEqual(new Set([CloseCode.FORBIDDEN_WRITE]));
  });

  it('… and after a restart, the adopted text is what was adopted', async () => {
    await signIn();
    expect((await server.ctx.store.documents.get(DOC))!.stage).toBe('adopted');
    expect(Object.values(await servedText()).join(' ')).not.toContain('EVIL');
    expect(await rowsBy('observer')).toBe(0);
  });
});

/**
 * Property: whatever a writer managed to send while it could write (random shapes, parking ones among them),
 * nothing someone without a write right sends afterwards — fillers for every gap, repeated sections, cycles,
 * deletions — changes the text, in any stage.
 */
describe('random updates from someone who may not write (fast-check)', () => {
  let server: TestServer;
  const cookies: Record<string, string> = {};
  let clauses: string[];

  beforeAll(async () => {
    // Every write goes out on a socket of its own, one after another: the person's allowance of new sockets'
    // requests for the document, and of new sockets (which hold a script reconnecting), are lifted here.
    const syncs = { connection: { burst: 10, perSecond: 1 }, person: { burst: 1e6, perSecond: 1e6 } };
    const sockets = { connection: { burst: 1, perSecond: 1 }, person: { burst: 1e6, perSecond: 1e6 } };
    server = await startTestServer({}, { server: { collab: { rates: { syncs, sockets } } } });
    for (const user of ['kaz-delegate', 'observer', 'secretariat']) cookies[user] = (await server.login(user)).cookie!;
    const reader = await RawClient.synced(server.url, DOC, cookies.observer!);
    clauses = clauseOrder(reader.doc);
    reader.close();
  });
  afterAll(async () => {
    await server.close();
  });

  /** Every clause's text as the server holds it. */
  async function text(): Promise<string> {
    await server.collab.room(DOC)?.idle();
    await server.ctx.registry.settled();
    const doc = (await server.ctx.registry.get(DOC))!;
    return clauseOrder(doc)
      .map((id) => getClauseFragment(doc, id).toString())
      .join('\n');
  }

  /** Sends on a fresh socket and waits until the server has judged it; resolves with the close code, if any. */
  async function send(user: string, build: (doc: Y.Doc) => Uint8Array): Promise<number | undefined> {
    const client = await RawClient.synced(server.url, DOC, cookies[user]!);
    client.sendUpdate(build(client.doc));
    // Messages of one socket are read in order: once step 1 is answered, the update is in the room's queue.
    client.synced = false;
    client.sendSyncStep1();
    await waitFor(() => client.synced || client.closed !== undefined, 5000, 'answer');
    await server.collab.room(DOC)?.idle();
    await client.waitClosed(100).catch(() => undefined);
    const code = client.closed?.code;
    client.close();
    return code;
  }

  const rowsBy = async (users: string[]): Promise<number> =>
    (await server.ctx.store.sql.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM doc_updates u JOIN users p ON p.id = u.user_id WHERE p.username IN (${users.map(() => '?').join(',')})`,
      users,
    ))!.n;

  const aimArb = fc.record({ clause: fc.nat(30), at: fc.nat(40) });
  const textArb = fc.constantFrom(' EVIL', 'X', ' inserted words');
  /** What the writer sends while it may write: parking shapes and ordinary ones, clients in either id order. */
  const writerShape = fc.record({
    kind: fc.constantFrom('repeatedSection' as const, 'missingPredecessor' as const, 'chain' as const),
    aim: aimArb,
    text: textArb,
    swap: fc.boolean(),
  });
  /** What the non-writer sends afterwards. */
  const nonWriterShape = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('filler' as const),
        which: fc.nat(3),
        from: fc.nat(1),
        len: fc.integer({ min: 1, max: 3 }),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('repeatedGcSection' as const) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('cycle' as const), aim: aimArb, text: textArb }) },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('delete' as const), aim: aimArb, len: fc.integer({ min: 1, max: 5 }) }),
    },
  );

  /** A character of a clause's first paragraph, picked from `aim`. */
  function pick(doc: Y.Doc, aim: { clause: number; at: number }): { clauseId: string; id: Y.ID } {
    const clauseId = clauses[1 + (aim.clause % (clauses.length - 1))]!;
    const ids = charIds(paragraphText(doc, clauseId));
    return { clauseId, id: ids[aim.at % ids.length]! };
  }

  for (const stage of ['drafting', 'negotiation', 'adoption', 'adopted'] as const) {
    it(`${stage}: the text never changes`, async () => {
      await fc.assert(
        fc.asyncProperty(
          writerShape,
          fc.boolean(),
          fc.array(nonWriterShape, { minLength: 1, maxLength: 4 }),
          fc.nat(2),
          async (written, lock, sent, who) => {
            await server.ctx.store.documents.setStage(DOC, 'drafting');
            const used: number[] = [];
            let target = '';
            await send('kaz-delegate', (doc) => {
              const { clauseId, id } = pick(doc, written.aim);
              target = clauseId;
              const a = freshClient();
              const b = freshClient();
              const [first, second] = written.swap ? [b, a] : [a, b];
              used.push(first, second);
              if (written.kind === 'repeatedSection') {
                return encodeSections([
                  { structs: [gc(first, 0)] },
                  { structs: [textItem(first, 1, written.text, { origin: id })] },
                ]);
              }
              if (written.kind === 'chain') {
                return encodeSections([
                  { structs: [textItem(first, 0, written.text, { origin: Y.createID(second, 0) })] },
                  { structs: [textItem(second, 0, 'z', { origin: id })] },
                ]);
              }
              return encodeSections([
                {
                  structs: [
                    textItem(first, 0, 'x', { origin: Y.createID(second, 0) }),
                    textItem(first, 1, written.text, { origin: id }),
                  ],
                },
                { structs: [textItem(second, 0, 'z', { origin: Y.createID(first, 1) })] },
              ]);
            });
            await server.ctx.store.documents.setStage(DOC, stage);
            if (lock) await server.ctx.store.documents.setClauseStatus(DOC, target, 'agreed_ad_ref');
            const users = NON_WRITERS_OF[stage];
            const user = users[who % users.length]!;
            const before = await text();
            const rows = await rowsBy(users);
            for (const shape of sent) {
              await send(user, (doc) => {
                switch (shape.kind) {
                  case 'filler':
                    return encodeSections([{ structs: [gc(used[shape.which % used.length]!, shape.from, shape.len)] }]);
                  case 'repeatedGcSection':
                    return shapes.repeatedGcSection();
                  case 'cycle':
                    return shapes.missingPredecessor(pick(doc, shape.aim).id, shape.text);
                  case 'delete': {
                    const { id } = pick(doc, shape.aim);
                    return encodeSections([], [{ client: id.client, clock: id.clock, len: shape.len }]);
                  }
                }
              });
            }
            expect(await text()).toBe(before);
            expect(await rowsBy(users)).toBe(rows);
            await server.ctx.store.documents.setClauseStatus(DOC, target, 'open');
          },
        ),
        { numRuns: 12 },
      );
    });
  }
});

const NON_WRITERS_OF: Record<Stage, string[]> = {
  drafting: ['observer'],
  negotiation: ['observer', 'kaz-delegate'],
  adoption: ['observer', 'kaz-delegate', 'secretariat'],
  adopted: ['observer', 'kaz-delegate', 'secretariat'],
};
