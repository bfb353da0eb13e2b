import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { clauseOrder, getClauseFragment, getOrder } from '../../shared/editor/ydoc.js';
import { CloseCode, MESSAGE_AWARENESS, MESSAGE_SYNC } from '../../shared/protocol/collab.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';
import { RawClient, updateMessage, waitFor } from '../../test/helpers/collabClient.js';

const DOC = 'almaty-declaration';
/**
 * The bystander writes under one client id. (Its own copy takes the server's echo of each write as a remote
 * change to its id, and Yjs would give it a new id every time: a client id a write, which the collab door
 * limits.)
 */
const BYSTANDER_ID = 4_100_003;
const OUR_CODES: number[] = Object.values(CloseCode);

/**
 * Property-based: mutated protocol messages thrown at a live server. Whatever arrives, only the sending
 * socket is affected (closed with one of Accord's codes, or left open when the bytes happen to be harmless),
 * the document stays a valid Yjs document with nothing pending, what is stored equals what is in memory,
 * and a bystander keeps editing.
 */
describe('mutated collab messages (fast-check)', () => {
  let server: TestServer;
  let observerCookie: string;
  let delegateCookie: string;
  let bystander: RawClient;
  let corpus: Uint8Array[];

  beforeAll(async () => {
    // Each message is thrown on a socket of its own, one after another: the person's allowance of new
    // sockets' requests for the document, and of new sockets (which hold a script reconnecting), are lifted here.
    const syncs = { connection: { burst: 10, perSecond: 1 }, person: { burst: 1e6, perSecond: 1e6 } };
    const sockets = { connection: { burst: 1, perSecond: 1 }, person: { burst: 1e6, perSecond: 1e6 } };
    server = await startTestServer({}, { server: { collab: { rates: { syncs, sockets } } } });
    observerCookie = (await server.login('observer')).cookie!;
    delegateCookie = (await server.login('kaz-delegate')).cookie!;
    bystander = await RawClient.synced(server.url, DOC, (await server.login('secretariat')).cookie!);
    const doc = bystander.doc;
    const clauseId = clauseOrder(doc)[3]!;
    const scratch = new Y.Doc();
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc));
    const change = (fn: () => void): Uint8Array => {
      const before = Y.encodeStateVector(scratch);
      scratch.transact(fn);
      return Y.encodeStateAsUpdate(scratch, before);
    };
    const text = (): Y.XmlText => (getClauseFragment(scratch, clauseId).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(step1, doc);
    const awareness = encoding.createEncoder();
    encoding.writeVarUint(awareness, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(
      awareness,
      new Uint8Array([1, 0x99, 0x07, 1, 5, ...Buffer.from('{"cursor":null}').subarray(0, 5)]),
    );
    corpus = [
      updateMessage(change(() => text().insert(2, 'fuzz'))),
      updateMessage(
        change(() => text().delete(0, 2)),
        1,
      ),
      updateMessage(change(() => text().format(0, 3, { em: {} }))),
      updateMessage(change(() => getOrder(scratch).delete(0, 1))),
      encoding.toUint8Array(step1),
      encoding.toUint8Array(awareness),
    ];
  });
  afterAll(async () => {
    bystander.close();
    await server.close();
  });

  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bits: fc.integer({ min: 1, max: 255 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({
      kind: fc.constant('splice' as const),
      at: fc.nat(),
      bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
    }),
    fc.record({ kind: fc.constant('random' as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
  );
  type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

  function mutate(base: Uint8Array, mutations: Mutation[]): Uint8Array {
    let bytes = Uint8Array.from(base);
    for (const m of mutations) {
      if (m.kind === 'random') bytes = Uint8Array.from(m.bytes);
      else if (m.kind === 'flip' && bytes.length) bytes[m.at % bytes.length]! ^= m.bits;
      else if (m.kind === 'truncate' && bytes.length > 1) bytes = bytes.slice(0, m.at % bytes.length);
      else if (m.kind === 'splice') {
        const at = m.at % (bytes.length + 1);
        bytes = Uint8Array.from([...bytes.slice(0, at), ...m.bytes, ...bytes.slice(at)]);
      }
    }
    return bytes;
  }

  const stored = async (): Promise<{ rows: number; state: string }> => {
    const reloaded = new Y.Doc();
    const snapshot = await server.ctx.store.docUpdates.snapshot(DOC);
    if (snapshot) Y.applyUpdate(reloaded, snapshot.data);
    for (const row of await server.ctx.store.docUpdates.since(DOC, snapshot?.through_seq ?? 0))
      Y.applyUpdate(reloaded, row.data);
    return { rows: await server.ctx.store.docUpdates.countSince(DOC, 0), state: textState(reloaded) };
  };
  const textState = (doc: Y.Doc): string =>
    clauseOrder(doc)
      .map((id) => getClauseFragment(doc, id).toString())
      .join('\n');

  async function throwAt(cookie: string, message: Uint8Array): Promise<RawClient> {
    const client = await RawClient.synced(server.url, DOC, cookie);
    client.send(message);
    await Promise.race([client.waitClosed(1000).catch(() => undefined), new Promise((r) => setTimeout(r, 40))]);
    if (client.closed) expect(OUR_CODES).toContain(client.closed.code);
    client.close();
    return client;
  }

  it('an observer’s mutated messages never change the document or the log', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: corpus.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        async (pick, mutations) => {
          const before = await stored();
          const live = textState((await server.ctx.registry.get(DOC))!);
          await throwAt(observerCookie, mutate(corpus[pick]!, mutations));
          expect(await stored()).toEqual(before);
          expect(textState((await server.ctx.registry.get(DOC))!)).toBe(live);
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 60) },
    );
    expect(bystander.closed).toBeUndefined();
  });

  it('a delegate’s mutated messages leave a valid document whose store matches memory', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: corpus.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        async (pick, mutations) => {
          await throwAt(delegateCookie, mutate(corpus[pick]!, mutations));
          const doc = (await server.ctx.registry.get(DOC))!;
          expect(doc.store.pendingStructs).toBeNull();
          expect(doc.store.pendingDs).toBeNull();
          expect((await stored()).state).toBe(textState(doc));
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 60) },
    );
    const clauseId = clauseOrder(bystander.doc)[1]!;
    // A new paragraph: the fuzzing may have emptied the clause.
    bystander.write((d) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('still here')]);
      getClauseFragment(d, clauseId).insert(0, [paragraph]);
    }, BYSTANDER_ID);
    await waitFor(() => getClauseFragment(server.ctx.registry.peek(DOC)!, clauseId).toString().includes('still here'));
    expect((await (await server.login('observer')).get(`/api/documents/${DOC}`)).status).toBe(200);
  });
});
