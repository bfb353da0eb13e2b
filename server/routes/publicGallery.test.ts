import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import type { GalleryChange } from '../../shared/api/gallery.js';
import { getClauseFragment } from '../../shared/editor/ydoc.js';
import { startTestServer, type ApiClient, type TestServer } from '../../test/helpers/server.js';
import { stockProvider, syncedProvider, waitFor } from '../../test/helpers/collabClient.js';
import { freshDocument } from '../../test/helpers/documents.js';
import { EventStreamClient } from '../../test/helpers/eventStream.js';

const MAX_VIEWERS = 4;

function typeInto(doc: Y.Doc, clauseId: string, text: string): void {
  const xmlText = (getClauseFragment(doc, clauseId).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  xmlText.insert(xmlText.length, text);
}

describe('the public gallery', () => {
  let server: TestServer;
  let chair: ApiClient;
  let secretariat: ApiClient;
  const streams: EventStreamClient[] = [];
  const providers: WebsocketProvider[] = [];

  beforeAll(async () => {
    server = await startTestServer({ PUBLIC_GALLERY_MAX_VIEWERS: String(MAX_VIEWERS) });
    chair = await server.login('chair');
    secretariat = await server.login('secretariat');
  });
  afterEach(async () => {
    streams.splice(0).forEach((s) => s.close());
    providers.splice(0).forEach((p) => p.destroy());
    await waitFor(() => server.gallery.viewerCount === 0, 3000, 'streams closed');
  });
  afterAll(() => server.close());

  const page = (id: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${server.url}/public/${id}`, { headers });
  const publish = (id: string, value: boolean): Promise<{ status: number; body: any }> =>
    chair.post(`/api/documents/${id}/publish`, { public: value });
  const follow = async (id: string, headers: Record<string, string> = {}): Promise<EventStreamClient> => {
    const stream = await EventStreamClient.open(`${server.url}/public/${id}/events`, headers);
    streams.push(stream);
    return stream;
  };
  const typist = async (id: string): Promise<WebsocketProvider> => {
    const provider = stockProvider(server.url, id, secretariat.cookie!);
    providers.push(provider);
    await syncedProvider(provider);
    return provider;
  };

  it('answers 404 until the chair publishes, who alone may; each move is in the ledger', async () => {
    const { id } = await freshDocument(server, 'drafting');
    expect((await page(id)).status).toBe(404);
    expect((await follow(id)).status).toBe(404);
    expect((await page('no-such-document')).status).toBe(404);
    expect((await server.anonymous().post(`/api/documents/${id}/publish`, { public: true })).status).toBe(401);
    expect((await secretariat.post(`/api/documents/${id}/publish`, { public: true })).status).toBe(403);
    expect((await chair.post(`/api/documents/${id}/publish`, { public: 'yes' })).status).toBe(400);

    const published = await publish(id, true);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ documentId: id, public: true, by: 'chair' });
    expect((await secretariat.get(`/api/documents/${id}/publish`)).body).toMatchObject({ public: true });
    const first = await page(id);
    expect(first.status).toBe(200);
    expect((await publish(id, true)).status).toBe(200);
    expect((await publish(id, false)).body).toMatchObject({ public: false, since: null });
    expect((await page(id)).status).toBe(404);
    // Published again, the same text is a new version: no cache may take the old page for it.
    await publish(id, true);
    const again = await page(id, { 'if-none-match': first.headers.get('etag')! });
    expect(again.status).toBe(200);
    expect(again.headers.get('etag')).not.toBe(first.headers.get('etag'));
    await publish(id, false);
    const ledger = await server.ctx.store.sql.all<{ action: string; actor: string }>(
      'SELECT action, actor FROM audit_log WHERE document_id = ? ORDER BY seq',
      [id],
    );
    expect(ledger.filter((e) => e.action.includes('publish'))).toEqual([
      { action: 'document.publish', actor: 'chair' },
      { action: 'document.unpublish', actor: 'chair' },
      { action: 'document.publish', actor: 'chair' },
      { action: 'document.unpublish', actor: 'chair' },
    ]);
  });

  it('serves the numbered text without a session, cacheable, 304 on a matching ETag, in the asked language', async () => {
    const { id, clauses } = await freshDocument(server, 'drafting');
    await publish(id, true);
    await chair.post(`/api/documents/${id}/now-discussing`, { clauseId: clauses[2] });
    const res = await page(id, { 'accept-language': 'kk-KZ, ru;q=0.8, en;q=0.5' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    expect(res.headers.get('last-modified')).toBeTruthy();
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const html = await res.text();
    expect(html).toContain('<html lang="kk">');
    expect(html).toContain('Талқылауда');
    // The export's numbering: PP1, then operative paragraphs 1. and 2.
    expect(html).toMatch(/id="c-[^"]+"><span class="num">PP1<\/span>/);
    expect(html).toMatch(
      /<span class="num">1\.<\/span><div class="body"><p dir="auto"><em>Calls upon<\/em> States to act\.<\/p>/,
    );
    expect(html).toMatch(/<span class="num">2\.<\/span>/);
    expect(html).toContain(`class="clause discussing k-operative" id="c-${clauses[2]}"`);

    expect((await page(id, { 'accept-language': 'kk', 'if-none-match': etag })).status).toBe(304);
    const english = await page(id, { 'if-none-match': etag });
    expect(english.status).toBe(200);
    expect(await english.text()).toContain('Under discussion');

    const provider = await typist(id);
    typeInto(provider.doc, clauses[3]!, ' Swiftly.');
    let changed: Response | undefined;
    for (let i = 0; i < 100 && !changed; i++) {
      const again = await page(id, { 'accept-language': 'kk', 'if-none-match': etag });
      if (again.status === 200) changed = again;
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(changed?.headers.get('etag')).not.toBe(etag);
    expect(await changed!.text()).toContain('Encourages</em> cooperation. Swiftly.');
  });

  it('shows nothing unpublished: no comment, no ballot or result before close, no person', async () => {
    const { id, clauses } = await freshDocument(server, 'negotiation');
    await publish(id, true);
    const delegate = await server.login('kaz-delegate');
    const head = await server.login('kaz-head');
    expect(
      (await delegate.post(`/api/documents/${id}/comments`, { clauseId: clauses[2], body: 'SECRET-COMMENT-1' })).status,
    ).toBe(201);
    const vote = await chair.post(`/api/documents/${id}/votes`, {
      subject: { type: 'clause', id: clauses[2] },
      rule: 'simple_majority',
    });
    expect(vote.status).toBe(201);
    expect((await head.post(`/api/votes/${vote.body.id}/ballots`, { choice: 'no' })).status).toBe(200);
    const stream = await follow(id);
    const people = await server.ctx.store.sql.all<{ username: string; display_name: string }>(
      'SELECT username, display_name FROM users',
    );
    const leaks = (html: string): string[] => [
      ...(html.includes('SECRET-COMMENT') ? ['comment'] : []),
      ...people.flatMap((p) => (html.includes(p.display_name) || html.includes(`>${p.username}<`) ? [p.username] : [])),
      ...(/Kazakhstan|KAZ\b/.test(html) ? ['delegation'] : []),
    ];
    const open = await (await page(id)).text();
    expect(leaks(open)).toEqual([]);
    expect(open).toContain('No vote has been closed yet.');

    expect((await chair.post(`/api/votes/${vote.body.id}/close`)).status).toBe(200);
    const event = await stream.next((e) => e.event === 'change' && e.data.includes('votesHtml'), 3000);
    const change = JSON.parse(event.data) as GalleryChange;
    expect(change.votesHtml).toContain('Simple majority: <strong>Not adopted</strong>');
    expect(change.votesHtml).toContain('Yes 0 · No 1 · Abstain 0');
    const closed = await (await page(id)).text();
    expect(closed).toContain('Yes 0 · No 1 · Abstain 0');
    expect(leaks(closed + stream.events.map((e) => e.data).join())).toEqual([]);
  });

  it('streams an edit made through the collab socket within about a second, coalesced, one event a second', async () => {
    const { id, clauses } = await freshDocument(server, 'drafting');
    await publish(id, true);
    const stream = await follow(id);
    await stream.next((e) => e.event === 'snapshot');
    const provider = await typist(id);
    const started = Date.now();
    // Typing for about 1.5 s, a keystroke every 30 ms.
    for (let i = 0; i < 50; i++) {
      typeInto(provider.doc, clauses[2]!, String(i % 10));
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    const typedEnd = Date.now();
    await stream.next(
      (e) => e.event === 'change' && e.data.includes('01234567890123456789012345678901234567890123456789'),
      3000,
    );
    const changes = stream.named('change');
    expect(changes[0]!.at - started).toBeLessThan(1300);
    expect(changes.length).toBeGreaterThanOrEqual(2);
    expect(changes.length).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / 1000) + 1);
    for (let i = 1; i < changes.length; i++) expect(changes[i]!.at - changes[i - 1]!.at).toBeGreaterThanOrEqual(900);
    expect(changes.at(-1)!.at - typedEnd).toBeLessThan(2000);
    const last = JSON.parse(changes.at(-1)!.data) as GalleryChange;
    // Only the clause that changed travels, with its number; the order always does.
    expect(last.clauses.map((c) => [c.id, c.number])).toEqual([[clauses[2], '1']]);
    expect(last.order).toEqual(clauses.slice(1));
  });

  it('follows the structure: an inserted clause arrives, the clauses after it are renumbered, the rest stay', async () => {
    const { id, clauses } = await freshDocument(server, 'drafting');
    await publish(id, true);
    const stream = await follow(id);
    await stream.next((e) => e.event === 'snapshot');
    const inserted = await secretariat.post(`/api/documents/${id}/clauses`, {
      kind: 'operative',
      after: clauses[1],
      text: '*Welcomes* the gallery.',
    });
    expect(inserted.status).toBe(201);
    const event = await stream.next((e) => e.event === 'change');
    const change = JSON.parse(event.data) as GalleryChange;
    expect(change.order).toEqual([clauses[1], inserted.body.id, clauses[2], clauses[3]]);
    expect(change.clauses.map((c) => [c.id, c.number])).toEqual([
      [inserted.body.id, '1'],
      [clauses[2], '2'],
      [clauses[3], '3'],
    ]);
    expect(change.clauses[0]!.html).toContain('<em>Welcomes</em> the gallery.');
    const html = await (await page(id)).text();
    expect(html).toMatch(/<span class="num">3\.<\/span><div class="body"><p dir="auto"><em>Encourages<\/em>/);
  });

  it('resumes from Last-Event-ID, or sends a snapshot when it cannot', async () => {
    const { id, clauses } = await freshDocument(server, 'drafting');
    await publish(id, true);
    const first = await follow(id);
    const snapshot = await first.next((e) => e.event === 'snapshot');
    expect(JSON.parse(snapshot.data).clauses).toHaveLength(3);
    const provider = await typist(id);
    typeInto(provider.doc, clauses[1]!, ' Resumed.');
    const change = await first.next((e) => e.event === 'change');
    first.close();
    await waitFor(() => server.gallery.viewerCount === 0, 3000, 'the first stream closed');

    const resumed = await follow(id, { 'last-event-id': snapshot.id! });
    const replay = await resumed.next(() => true);
    expect(replay).toMatchObject({ event: 'change', id: change.id, data: change.data });
    const current = await follow(id, { 'last-event-id': change.id! });
    const stale = await follow(id, { 'last-event-id': 'elsewhere.3' });
    await stale.next((e) => e.event === 'snapshot');
    expect(current.events).toEqual([]);
  });

  it('ends every stream when the chair withdraws the page, and refuses viewers beyond the limit', async () => {
    const { id } = await freshDocument(server, 'drafting');
    await publish(id, true);
    const viewers = await Promise.all(Array.from({ length: MAX_VIEWERS }, () => follow(id)));
    await Promise.all(viewers.map((v) => v.next((e) => e.event === 'snapshot')));
    const refused = await follow(id);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBeTruthy();

    expect((await publish(id, false)).status).toBe(200);
    await waitFor(() => viewers.every((v) => v.ended), 2000, 'streams ended');
    expect(viewers.every((v) => v.named('end').length === 1)).toBe(true);
    expect(server.gallery.viewerCount).toBe(0);
    expect((await page(id)).status).toBe(404);
  });
});
