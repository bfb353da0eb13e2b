import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { io, type Socket } from 'socket.io-client';
import { parseMarkup } from '../../shared/editor/markup.js';
import { clauseOrder, getClauseFragment, writeClause } from '../../shared/editor/ydoc.js';
import { CloseCode, MESSAGE_AWARENESS } from '../../shared/protocol/collab.js';
import { startTestServer, type ApiClient, type TestServer } from '../../test/helpers/server.js';
import { RawClient, waitFor } from '../../test/helpers/collabClient.js';
import { encodeSections, gc } from './updateShapes.js';
import { textLength } from './textBudget.js';

const DOC = 'almaty-declaration';

/** The first paragraph's text of a clause. */
function firstText(doc: Y.Doc, clauseId: string): Y.XmlText {
  return (getClauseFragment(doc, clauseId).get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

/**
 * A raw client that types into its own copy, as an editor does: each change is sent as it is made, under the
 * copy's own client id (the server's echo of it changes nothing there).
 */
function type(client: RawClient, fn: (doc: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(client.doc);
  client.doc.transact(() => fn(client.doc));
  const update = Y.encodeStateAsUpdate(client.doc, before);
  client.sendUpdate(update);
  return update;
}

/** An awareness message for one client id (what y-protocols sends on every caret move). */
function awareness(clientId: number, clock: number): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify({ cursor: null }));
  const inner = [1, ...varuint(clientId), ...varuint(clock), ...varuint(json.length), ...json];
  return Uint8Array.from([MESSAGE_AWARENESS, ...varuint(inner.length), ...inner]);
}

function varuint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}

describe('bounded collab work', () => {
  let server: TestServer;
  const cookies: Record<string, string> = {};
  let clauses: string[];
  let observer: ApiClient;

  beforeAll(async () => {
    server = await startTestServer();
    observer = await server.login('observer');
    for (const user of [
      'kaz-delegate',
      'gbr-delegate',
      'fra-delegate',
      'deu-delegate',
      'usa-delegate',
      'secretariat',
      'observer',
    ])
      cookies[user] = (await server.login(user)).cookie!;
    clauses = clauseOrder((await server.ctx.registry.get(DOC))!);
  });
  afterAll(async () => {
    await server.close();
  });

  const state = async (): Promise<string> => {
    await server.collab.room(DOC)?.idle();
    await server.ctx.registry.settled();
    return Buffer.from(Y.encodeStateAsUpdate((await server.ctx.registry.get(DOC))!)).toString('base64');
  };
  /** Waits until the server has judged everything the client sent so far (its step 1 is answered after). */
  const judged = async (client: RawClient): Promise<void> => {
    client.synced = false;
    client.sendSyncStep1();
    await waitFor(() => client.synced || client.closed !== undefined, 5000, 'answer');
    await server.collab.room(DOC)?.idle();
    await server.ctx.registry.settled();
  };
  const lengthOf = async (clauseId: string): Promise<number> => {
    await server.ctx.registry.settled();
    return textLength(getClauseFragment((await server.ctx.registry.get(DOC))!, clauseId) as never);
  };

  describe('text limits', () => {
    it('the document says which limits are in force', async () => {
      expect((await observer.get(`/api/documents/${DOC}`)).body.limits).toEqual({
        clauseChars: 20_000,
        documentChars: 2_000_000,
      });
    });

    it('a big paste within the clause limit goes in; one that would pass it is refused, named, and changes nothing', async () => {
      const clauseId = clauses[3]!;
      const kaz = await RawClient.synced(server.url, DOC, cookies['kaz-delegate']!);
      const room = 20_000 - (await lengthOf(clauseId));
      type(kaz, (doc) => firstText(doc, clauseId).insert(0, 'п'.repeat(room - 10)));
      await judged(kaz);
      expect(await lengthOf(clauseId)).toBe(20_000 - 10);
      expect(kaz.closed).toBeUndefined();
      const before = await state();
      type(kaz, (doc) => firstText(doc, clauseId).insert(5, 'eleven char'));
      expect(await kaz.waitClosed()).toEqual({ code: CloseCode.TEXT_TOO_LONG, reason: `clause_too_long:${clauseId}` });
      expect(await state()).toBe(before);

      // Exactly at the limit is within it; a clause over a limit lowered since may still be shortened.
      const again = await RawClient.synced(server.url, DOC, cookies['kaz-delegate']!);
      type(again, (doc) => firstText(doc, clauseId).insert(0, 'ten chars!'));
      await judged(again);
      expect(await lengthOf(clauseId)).toBe(20_000);
      server.ctx.config.textLimits = { clauseChars: 1000, documentChars: 2_000_000 };
      try {
        type(again, (doc) => firstText(doc, clauseId).delete(0, 19_500));
        await judged(again);
        expect(await lengthOf(clauseId)).toBe(500);
        expect(again.closed).toBeUndefined();
        type(again, (doc) => firstText(doc, clauseId).insert(0, 'x'.repeat(501)));
        expect((await again.waitClosed()).code).toBe(CloseCode.TEXT_TOO_LONG);
      } finally {
        server.ctx.config.textLimits = { clauseChars: 20_000, documentChars: 2_000_000 };
      }
      kaz.close();
    });

    it('the document limit counts every live clause', async () => {
      const doc = (await server.ctx.registry.get(DOC))!;
      const total = clauseOrder(doc).reduce((sum, id) => sum + textLength(getClauseFragment(doc, id) as never), 0);
      server.ctx.config.textLimits = { clauseChars: 20_000, documentChars: total + 50 };
      try {
        const gbr = await RawClient.synced(server.url, DOC, cookies['gbr-delegate']!);
        type(gbr, (d) => firstText(d, clauses[5]!).insert(0, 'forty characters of text, just in time. '));
        await judged(gbr);
        expect(gbr.closed).toBeUndefined();
        const before = await state();
        type(gbr, (d) => firstText(d, clauses[6]!).insert(0, 'eleven char'));
        expect(await gbr.waitClosed()).toEqual({ code: CloseCode.TEXT_TOO_LONG, reason: 'document_too_long' });
        expect(await state()).toBe(before);
      } finally {
        server.ctx.config.textLimits = { clauseChars: 20_000, documentChars: 2_000_000 };
      }
    });
  });

  describe('what one update may hold', () => {
    const gcs = (client: number, n: number): Uint8Array =>
      encodeSections([{ structs: Array.from({ length: n }, (_, i) => gc(client, i)) }]);

    it('up to the bounds an update is judged; past them it is refused before it is decoded', async () => {
      const cases: [Uint8Array, number, string][] = [
        [gcs(8_100_001, 10_001), CloseCode.MESSAGE_TOO_LARGE, 'too_many_structs'],
        [
          encodeSections(Array.from({ length: 17 }, (_, i) => ({ structs: [gc(8_200_000 + i, 0)] }))),
          CloseCode.MESSAGE_TOO_LARGE,
          'too_many_clients',
        ],
        [
          encodeSections(
            [],
            Array.from({ length: 5_001 }, (_, i) => ({ client: 8_300_000, clock: 2 * i, len: 1 })),
          ),
          CloseCode.MESSAGE_TOO_LARGE,
          'too_many_deletions',
        ],
      ];
      for (const [update, code, reason] of cases) {
        const client = await RawClient.synced(server.url, DOC, cookies['fra-delegate']!);
        const before = await state();
        client.sendUpdate(update);
        expect(await client.waitClosed()).toEqual({ code, reason });
        expect(await state()).toBe(before);
      }
      // At the bound: judged and taken (a writer's collected structs).
      const client = await RawClient.synced(server.url, DOC, cookies['fra-delegate']!);
      client.sendUpdate(gcs(8_100_002, 10_000));
      await waitFor(() => Y.getState(server.ctx.registry.peek(DOC)!.store, 8_100_002) === 10_000, 10_000, 'taken');
      expect(client.closed).toBeUndefined();
      client.close();
    });
  });

  describe('rate limits', () => {
    it('a fast typist, with a caret move for every keystroke, is never slowed down', async () => {
      const clauseId = clauses[8]!;
      const deu = await RawClient.synced(server.url, DOC, cookies['deu-delegate']!);
      const words = 'Welcomes the contributions of all delegations to this text. '.repeat(4);
      // 40 keystrokes a second for six seconds: faster than anyone types; each with its caret.
      for (let i = 0; i < 240; i++) {
        type(deu, (doc) => firstText(doc, clauseId).insert(i, words[i]!));
        deu.send(awareness(deu.doc.clientID, i + 1));
        await new Promise((r) => setTimeout(r, 25));
      }
      await waitFor(
        () => getClauseFragment(server.ctx.registry.peek(DOC)!, clauseId).toString().includes(words.slice(0, 240)),
        10_000,
        'all keystrokes stored',
      );
      expect(deu.closed).toBeUndefined();
      deu.close();
    });

    it('a whole clause replaced by a long formatted text goes in at once', async () => {
      const clauseId = clauses[10]!;
      const fra = await RawClient.synced(server.url, DOC, cookies['fra-delegate']!);
      // 50 paragraphs of some 340 characters, a fifth of the words in italics or bold: 17,000 characters.
      const words = Array.from({ length: 2000 }, (_, i) =>
        i % 10 === 3 ? `*word${i}*` : i % 10 === 7 ? `**word${i}**` : `word${i}`,
      );
      const paragraphsText = Array.from({ length: 50 }, (_, p) => words.slice(p * 40, p * 40 + 40).join(' ')).join(
        '\n\n',
      );
      const content = parseMarkup(paragraphsText);
      expect(content.textContent.length).toBeGreaterThan(16_000);
      expect(content.textContent.length).toBeLessThan(20_000);
      const update = type(fra, (doc) => writeClause(doc, clauseId, content));
      expect(Y.decodeUpdate(update).structs.length).toBeGreaterThan(1000);
      await judged(fra);
      expect(fra.closed).toBeUndefined();
      expect(await lengthOf(clauseId)).toBe(content.textContent.length);
      fra.close();
    });

    it('a reconnection storm passes: a room of sockets reconnecting at once', async () => {
      const users = [
        'kaz-delegate',
        'gbr-delegate',
        'fra-delegate',
        'deu-delegate',
        'usa-delegate',
        'observer',
        'secretariat',
      ];
      const sockets = await Promise.all(
        Array.from({ length: 35 }, (_, i) => RawClient.connect(server.url, DOC, cookies[users[i % users.length]!]!)),
      );
      for (const socket of sockets) {
        socket.sendSyncStep1();
        socket.sendUpdate(Y.encodeStateAsUpdate(socket.doc), 1);
        socket.send(awareness(socket.doc.clientID, 1));
        socket.send(Uint8Array.of(3));
      }
      await waitFor(() => sockets.every((s) => s.synced), 10_000, 'every socket synced');
      await new Promise((r) => setTimeout(r, 200));
      expect(sockets.filter((s) => s.closed !== undefined)).toEqual([]);
      for (const socket of sockets) socket.close();
    });

    it('a socket sending updates, requests for the document, awareness or new client ids as fast as it can is closed, and what it was refused is not stored', async () => {
      const clauseId = clauses[9]!;
      const usa = await RawClient.synced(server.url, DOC, cookies['usa-delegate']!);
      for (let i = 0; i < 1000 && !usa.closed; i++) type(usa, (doc) => firstText(doc, clauseId).insert(0, 'x'));
      expect(await usa.waitClosed()).toEqual({ code: CloseCode.RATE_LIMITED, reason: 'rate_limited:updates' });
      await server.collab.room(DOC)?.idle();
      await server.ctx.registry.settled();
      // Updates still waiting to be judged when the socket closed are dropped with it (its client sends them
      // again once reconnected); none past the limit is ever taken.
      const stored = firstText(server.ctx.registry.peek(DOC)!, clauseId).toString().match(/^x*/)![0].length;
      expect(stored).toBeLessThanOrEqual(300);

      // Asking again and again for the whole document (each answer is the document).
      const asker = await RawClient.synced(server.url, DOC, cookies.observer!);
      for (let i = 0; i < 100 && !asker.closed; i++) asker.sendSyncStep1();
      expect(await asker.waitClosed()).toEqual({ code: CloseCode.RATE_LIMITED, reason: 'rate_limited:syncs' });

      const chatty = await RawClient.synced(server.url, DOC, cookies.observer!);
      for (let i = 0; i < 1000 && !chatty.closed; i++) chatty.send(awareness(chatty.doc.clientID, i + 1));
      expect(await chatty.waitClosed()).toEqual({ code: CloseCode.RATE_LIMITED, reason: 'rate_limited:awareness' });

      // A writer's collected structs under a new client id each time: ten, then refused.
      const minter = await RawClient.synced(server.url, DOC, cookies['kaz-delegate']!);
      const minted: number[] = [];
      for (let i = 0; i < 30 && !minter.closed; i++) {
        minted.push(8_400_000 + i);
        minter.sendUpdate(encodeSections([{ structs: [gc(8_400_000 + i, 0)] }]));
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(await minter.waitClosed()).toEqual({ code: CloseCode.RATE_LIMITED, reason: 'rate_limited:client_ids' });
      const bound = minted.filter((id) => Y.getState(server.ctx.registry.peek(DOC)!.store, id) > 0).length;
      expect(bound).toBe(10);

      // The largest updates allowed, back to back: two pass at once, the third waits for the structs rate.
      const bulk = await RawClient.synced(server.url, DOC, cookies['gbr-delegate']!);
      for (let i = 0; i < 3; i++)
        bulk.sendUpdate(encodeSections([{ structs: Array.from({ length: 10_000 }, (_, c) => gc(8_500_000 + i, c)) }]));
      expect(await bulk.waitClosed()).toEqual({ code: CloseCode.RATE_LIMITED, reason: 'rate_limited:structs' });
    });
  });

  describe('socket.io', () => {
    function connect(cookie: string): Promise<Socket> {
      const socket = io(server.url, {
        path: '/socket.io',
        transports: ['websocket'],
        reconnection: false,
        extraHeaders: { cookie },
      });
      return new Promise((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    }
    const join = (socket: Socket): Promise<{ ok: boolean; seq?: number; error?: { id: string } }> =>
      socket
        .timeout(2000)
        .emitWithAck('document:join', { documentId: DOC })
        .catch(() => ({ ok: false, error: { id: 'no_answer' } }));

    it('a page joining and leaving as people do is answered; a socket flooding events is cut off', async () => {
      const page = await connect(cookies['kaz-delegate']!);
      for (let i = 0; i < 20; i++) {
        expect(await join(page)).toEqual({ ok: true, seq: expect.any(Number) });
        page.emit('document:leave', { documentId: DOC });
      }
      expect(page.connected).toBe(true);
      page.disconnect();

      const flood = await connect(cookies['gbr-delegate']!);
      const disconnected = new Promise<string>((resolve) => flood.once('disconnect', resolve));
      const answers = await Promise.all(Array.from({ length: 200 }, () => join(flood)));
      expect(answers.filter((a) => a.ok).length).toBeLessThanOrEqual(60);
      expect(answers.some((a) => a.error?.id === 'rate_limited')).toBe(true);
      expect(await disconnected).toBe('io server disconnect');
    });
  });
});
