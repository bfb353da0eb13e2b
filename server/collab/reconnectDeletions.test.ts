import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clauseOrder, getClauseFragment } from '../../shared/editor/ydoc.js';
import { CloseCode } from '../../shared/protocol/collab.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';
import { RawClient, SYNC_STEP2, waitFor } from '../../test/helpers/collabClient.js';
import { encodeSections } from './updateShapes.js';

const DOC = 'almaty-declaration';

function firstText(doc: Y.Doc, clauseId: string): Y.XmlText {
  return (getClauseFragment(doc, clauseId).get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

/** Changes the client's copy and sends the change as an editor does: that transaction's update alone. */
function edit(client: RawClient, fn: (doc: Y.Doc) => void): void {
  const updates: Uint8Array[] = [];
  const listen = (update: Uint8Array, origin: unknown): void => {
    if (origin !== 'server') updates.push(update);
  };
  client.doc.on('update', listen);
  client.doc.transact(() => fn(client.doc));
  client.doc.off('update', listen);
  for (const update of updates) client.sendUpdate(update);
}

function deleteRanges(update: Uint8Array): number {
  let n = 0;
  for (const ranges of Y.decodeUpdate(update).ds.clients.values()) n += ranges.length;
  return n;
}

describe('a reconnection carrying the document’s deletions', () => {
  let server: TestServer;
  let clauseId: string;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer();
    for (const user of ['gbr-delegate', 'kaz-delegate']) cookies[user] = (await server.login(user)).cookie!;
    clauseId = clauseOrder((await server.ctx.registry.get(DOC))!)[6]!;
    // History: 12,000 characters typed, then every other one deleted, 2,000 at a time: the document's delete
    // set now holds 6,000 ranges.
    const gbr = await RawClient.synced(server.url, DOC, cookies['gbr-delegate']!);
    edit(gbr, (doc) => firstText(doc, clauseId).insert(0, 'ab'.repeat(6_000)));
    for (let round = 0; round < 3; round++) {
      edit(gbr, (doc) => {
        for (let i = round * 2_000; i < (round + 1) * 2_000; i++) firstText(doc, clauseId).delete(i, 1);
      });
      await new Promise((resolve) => setTimeout(resolve, 1100));
    }
    const text = () => firstText(server.ctx.registry.peek(DOC)!, clauseId).toString();
    await waitFor(() => text().startsWith('b'.repeat(6_000)), 20_000, 'history stored');
    expect(gbr.closed).toBeUndefined();
    gbr.close();
  }, 60_000);
  afterAll(() => server?.close());

  it('takes the offline edit of an editor whose sync step 2 carries every deletion of the document', async () => {
    const kaz = await RawClient.synced(server.url, DOC, cookies['kaz-delegate']!);
    kaz.close();
    // Offline: an edit of its own.
    firstText(kaz.doc, clauseId).insert(0, 'offline ');
    // Back online: its answer to the server's sync step 1 is everything the server lacks, with the whole
    // delete set (a state vector does not show deletions).
    const step2 = Y.encodeStateAsUpdate(kaz.doc, Y.encodeStateVector(server.ctx.registry.peek(DOC)!));
    expect(deleteRanges(step2)).toBeGreaterThanOrEqual(6_000);
    const back = await RawClient.connect(server.url, DOC, cookies['kaz-delegate']);
    const started = performance.now();
    back.sendUpdate(step2, SYNC_STEP2);
    const text = () => firstText(server.ctx.registry.peek(DOC)!, clauseId).toString();
    await waitFor(() => text().startsWith('offline b'), 10_000, 'offline edit taken');
    const ms = performance.now() - started;
    expect(back.closed).toBeUndefined();
    // Judged and applied within a blink: each range already applied costs a lookup.
    expect(ms).toBeLessThan(2_000);
    console.log(`sync step 2 with ${deleteRanges(step2)} deletion ranges judged and applied in ${ms.toFixed(0)} ms`);
    back.close();
  });

  it('still refuses more than 5,000 ranges deleting something new, and ranges out of order beyond 5,000', async () => {
    const client = 8_300_001;
    const unordered = encodeSections(
      [],
      Array.from({ length: 5_001 }, (_, i) => ({ client, clock: 5_001 - i, len: 1 })),
    );
    // 10,010 characters typed into another clause as one item, then every other one deleted by a copy: 5,005
    // ranges, each splitting that item.
    const other = clauseOrder(server.ctx.registry.peek(DOC)!)[7]!;
    const typist = await RawClient.synced(server.url, DOC, cookies['kaz-delegate']!);
    edit(typist, (doc) => firstText(doc, other).insert(0, 'c'.repeat(10_010)));
    await waitFor(
      () => firstText(server.ctx.registry.peek(DOC)!, other).toString().startsWith('cccc'),
      10_000,
      'typed',
    );
    typist.close();
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(server.ctx.registry.peek(DOC)!));
    const sv = Y.encodeStateVector(copy);
    for (let i = 0; i < 5_005; i++) firstText(copy, other).delete(i, 1);
    const live = Y.encodeStateAsUpdate(copy, sv);
    expect(deleteRanges(live)).toBeGreaterThan(5_005);
    for (const update of [unordered, live]) {
      const socket = await RawClient.synced(server.url, DOC, cookies['kaz-delegate']!);
      const before = Buffer.from(Y.encodeStateAsUpdate(server.ctx.registry.peek(DOC)!)).toString('base64');
      socket.sendUpdate(update, SYNC_STEP2);
      expect(await socket.waitClosed()).toEqual({ code: CloseCode.MESSAGE_TOO_LARGE, reason: 'too_many_deletions' });
      await server.collab.room(DOC)?.idle();
      expect(Buffer.from(Y.encodeStateAsUpdate(server.ctx.registry.peek(DOC)!)).toString('base64')).toBe(before);
    }
  });
});
