import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTS_SEQ_HEADER } from '../../shared/protocol/events.js';
import { startTestServer, type ApiResponse, type TestServer } from '../helpers/server.js';
import { freshDocument, signedIn } from '../helpers/documents.js';
import { useFollowers } from '../helpers/events.js';

/**
 * A document's event sequence over HTTP and socket.io (docs/architecture.md, "Events and the first join"): what
 * counts in it, the header on every read of the document, and the answer to a join.
 */
let server: TestServer;
const as = signedIn(() => server);

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const seqOf = (res: ApiResponse): number | null => {
  const header = res.headers.get(EVENTS_SEQ_HEADER);
  return header === null ? null : Number(header);
};

describe('a document’s event sequence', () => {
  const followers = useFollowers();

  it('is on every read of the document and of what lies under it, and on nothing else', async () => {
    const doc = await freshDocument(server, 'negotiation');
    const delegate = await as('kaz-delegate');
    const start = seqOf(await delegate.get(`/api/documents/${doc.id}`));
    expect(start).toEqual(expect.any(Number));
    for (const path of ['votes', 'amendments', 'comments', 'floor', 'revisions', 'now-discussing'])
      expect(seqOf(await delegate.get(`/api/documents/${doc.id}/${path}`)), path).toBe(start);
    // Refused before anything is read: no number for a visitor, none for a document that does not exist.
    const anonymous = await server.anonymous().get(`/api/documents/${doc.id}`);
    expect([anonymous.status, seqOf(anonymous)]).toEqual([401, null]);
    const unknown = await delegate.get('/api/documents/no-such-document');
    expect([unknown.status, seqOf(unknown)]).toEqual([404, null]);
    expect(seqOf(await delegate.get('/api/documents'))).toBeNull();
  });

  it('counts each event announced to the document’s room, and only those', async () => {
    const doc = await freshDocument(server, 'negotiation');
    const chair = await as('chair');
    const read = async () => seqOf(await chair.get(`/api/documents/${doc.id}`))!;
    const start = await read();
    const status = await chair.post(`/api/documents/${doc.id}/clauses/${doc.clauses[2]}/status`, {
      status: 'under_discussion',
    });
    expect(status.status).toBe(200);
    expect(await read()).toBe(start + 1);
    // To a delegation's room only (its alternate): the document's count does not move.
    expect(
      (await (await as('kaz-head')).post('/api/delegations/KAZ/alternate', { username: 'kaz-delegate' })).status,
    ).toBe(200);
    expect(await read()).toBe(start + 1);
    // Refused, so nothing committed and nothing announced.
    const refused = await chair.post(`/api/documents/${doc.id}/clauses/no-such-clause/status`, { status: 'open' });
    expect(refused.status).toBe(404);
    expect(await read()).toBe(start + 1);
  });

  it('answers a join with the sequence as it stands once the socket is in the room', async () => {
    const doc = await freshDocument(server, 'negotiation');
    const delegate = await as('kaz-delegate');
    // A screen reads, an event goes out before the screen is in the room, then it joins.
    const read = seqOf(await delegate.get(`/api/documents/${doc.id}`))!;
    const chair = await as('chair');
    expect(
      (await chair.post(`/api/documents/${doc.id}/clauses/${doc.clauses[1]}/status`, { status: 'bracketed' })).status,
    ).toBe(200);
    const late = await followers.follow(server.url, delegate.cookie!, doc.id);
    // The join says an event went out since the read: the screen reads again.
    expect(late.seq).toBe(read + 1);
    expect(late.events.filter(([name]) => name === 'clause:status')).toEqual([]);
    // Once in the room, the next event reaches it, and the next read carries its count.
    expect(
      (await chair.post(`/api/documents/${doc.id}/clauses/${doc.clauses[1]}/status`, { status: 'open' })).status,
    ).toBe(200);
    await expect.poll(() => late.events.filter(([name]) => name === 'clause:status').length).toBe(1);
    expect(seqOf(await delegate.get(`/api/documents/${doc.id}`))).toBe(late.seq + 1);
  });

  it('answers a join with the count once the socket is in the room, not the count of the row read to admit it', async () => {
    const doc = await freshDocument(server, 'negotiation');
    const delegate = await as('kaz-delegate');
    const chair = await as('chair');
    const read = seqOf(await delegate.get(`/api/documents/${doc.id}`))!;
    // An event commits and goes out just after the join has read the row it decides by, before the socket is in
    // the room: the socket never hears it, so the answer must count it.
    const documents = server.ctx.store.documents;
    const get = documents.get;
    let between = true;
    documents.get = async (id) => {
      const row = await get.call(documents, id);
      if (between && id === doc.id) {
        between = false;
        const status = { status: 'under_discussion' };
        expect((await chair.post(`/api/documents/${doc.id}/clauses/${doc.clauses[2]}/status`, status)).status).toBe(
          200,
        );
      }
      return row;
    };
    try {
      const late = await followers.follow(server.url, delegate.cookie!, doc.id);
      expect(between).toBe(false);
      expect(late.events.filter(([name]) => name === 'clause:status')).toEqual([]);
      expect(late.seq).toBe(read + 1);
    } finally {
      documents.get = get;
    }
  });
});
