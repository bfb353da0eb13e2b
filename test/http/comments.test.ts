import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommentListResponse, CommentJson } from '../../shared/api/comments.js';
import type { DocumentJson } from '../../shared/api/documents.js';
import { firstText, plainOf, spanOver } from '../helpers/spans.js';
import { startTestServer, type ApiClient, type TestServer } from '../helpers/server.js';
import { useFollowers } from '../helpers/events.js';

const DOC = 'almaty-declaration';

describe('comments over HTTP', () => {
  let server: TestServer;
  let secretariat: ApiClient;
  let kaz: ApiClient;
  let fra: ApiClient;
  let observer: ApiClient;
  let refs: Map<string, string>;

  const list = async (client: ApiClient, query = ''): Promise<CommentListResponse> =>
    (await client.get(`/api/documents/${DOC}/comments${query}`)).body;
  const comment = async (client: ApiClient, id: string): Promise<CommentJson> =>
    (await list(client)).comments.find((c) => c.id === id)!;

  beforeAll(async () => {
    server = await startTestServer();
    secretariat = await server.login('secretariat');
    kaz = await server.login('kaz-head');
    fra = await server.login('fra-delegate');
    observer = await server.login('observer');
    const doc: DocumentJson = (await secretariat.get(`/api/documents/${DOC}`)).body;
    refs = new Map(doc.clauses.map((c) => [c.ref, c.id]));
  });
  afterAll(() => server?.close());
  const followers = useFollowers();

  it('threads comments with replies and mentions, stored as plain text', async () => {
    const op1 = refs.get('OP1')!;
    const created = await kaz.post(`/api/documents/${DOC}/comments`, {
      clauseId: op1,
      body: '  We ask @FRA and @XYZ, and @FRA again, about <b>this</b>.  ',
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String) });
    const reply = await fra.post(`/api/comments/${created.body.id}/replies`, { body: 'Agreed.' });
    expect(reply.status).toBe(201);
    const nested = await kaz.post(`/api/documents/${DOC}/comments`, {
      clauseId: refs.get('OP2'),
      body: 'Reply to the reply.',
      parentId: reply.body.id,
    });
    expect(nested.status).toBe(201);

    const { comments } = await list(observer, `?clauseId=${op1}`);
    expect(comments.map((c) => [c.body, c.parentId])).toEqual([
      ['We ask @FRA and @XYZ, and @FRA again, about <b>this</b>.', null],
      ['Agreed.', created.body.id],
      ['Reply to the reply.', created.body.id],
    ]);
    expect(comments[0]).toMatchObject({
      mentions: ['FRA'],
      author: { username: 'kaz-head', delegation: 'KAZ' },
      status: 'open',
      anchor: null,
    });
    expect(comments[2]!.clauseId).toBe(op1);
  });

  it('sends every reader the comment itself, as the list would show it, so nobody reads the threads again', async () => {
    const reader = await followers.follow(server.url, observer.cookie!, DOC);
    const op3 = refs.get('OP3')!;
    const text: string = (await observer.get(`/api/documents/${DOC}`)).body.clauses.find(
      (c: { id: string }) => c.id === op3,
    ).text;
    const anchor = await spanOver(server, DOC, op3, text.split(' ').slice(1, 3).join(' '));
    const created = await kaz.post(`/api/documents/${DOC}/comments`, {
      clauseId: op3,
      body: 'Which schools does this cover?',
      anchor,
    });
    expect(created.status).toBe(201);
    const added = async () =>
      reader.events.find(([name, e]) => name === 'comment:added' && e.commentId === created.body.id)?.[1];
    await expect.poll(added).toBeDefined();
    expect(await added()).toEqual({
      documentId: DOC,
      clauseId: op3,
      commentId: created.body.id,
      threadId: created.body.id,
      change: 'added',
      by: 'kaz-head',
      comment: await comment(observer, created.body.id),
    });

    expect((await secretariat.post(`/api/comments/${created.body.id}/resolve`)).status).toBe(200);
    const updated = async () =>
      reader.events.find(([name, e]) => name === 'comment:updated' && e.commentId === created.body.id)?.[1];
    await expect.poll(updated).toBeDefined();
    expect((await updated()).comment).toEqual(await comment(observer, created.body.id));
    expect((await updated()).comment).toMatchObject({
      status: 'resolved',
      resolvedBy: 'secretariat',
      resolvedByName: 'Drafting Committee Secretariat',
    });
  });

  it('refuses bad input: too long (413), empty, unknown clause, other document, observers', async () => {
    const op1 = refs.get('OP1')!;
    const long = await kaz.post(`/api/documents/${DOC}/comments`, { clauseId: op1, body: 'x'.repeat(4001) });
    expect([long.status, long.body.error.id]).toEqual([413, 'comment_too_long']);
    expect((await kaz.post(`/api/documents/${DOC}/comments`, { clauseId: op1, body: 'x'.repeat(4000) })).status).toBe(
      201,
    );
    const empty = await kaz.post(`/api/documents/${DOC}/comments`, { clauseId: op1, body: '   ' });
    expect([empty.status, empty.body.error.field]).toEqual([400, 'body']);
    const noClause = await kaz.post(`/api/documents/${DOC}/comments`, { body: 'hello' });
    expect(noClause.body.error.field).toBe('clauseId');
    expect((await kaz.post(`/api/documents/${DOC}/comments`, { clauseId: 'nope', body: 'hello' })).status).toBe(404);
    const byObserver = await observer.post(`/api/documents/${DOC}/comments`, { clauseId: op1, body: 'hello' });
    expect([byObserver.status, byObserver.body.error.id]).toEqual([403, 'role_not_allowed']);
    const badAnchor = await kaz.post(`/api/documents/${DOC}/comments`, {
      clauseId: op1,
      body: 'x',
      anchor: { start: 'AAAA', end: 'AAAA', quote: 'x' },
    });
    expect([badAnchor.status, badAnchor.body.error.field]).toEqual([400, 'anchor']);
    const wrongClause = await kaz.post(`/api/documents/${DOC}/comments`, {
      clauseId: op1,
      body: 'x',
      anchor: await spanOver(server, DOC, refs.get('OP2')!, 'Resolves'),
    });
    expect(wrongClause.status).toBe(400);
    expect((await server.anonymous().get(`/api/documents/${DOC}/comments`)).status).toBe(401);
  });

  it('anchors a comment to words that it follows through edits, and says when they are gone', async () => {
    const op3 = refs.get('OP3')!;
    const anchor = await spanOver(server, DOC, op3, 'national Governments');
    const { body } = await fra.post(`/api/documents/${DOC}/comments`, {
      clauseId: op3,
      body: 'Which Governments?',
      anchor,
    });
    const first = (await comment(fra, body.id)).anchor!;
    expect(first).toMatchObject({
      status: 'live',
      currentQuote: 'national Governments',
      quote: 'national Governments',
    });
    expect(first.range![1] - first.range![0]).toBe('national Governments'.length);

    const doc = (await server.ctx.registry.get(DOC))!;
    const text = () => firstText(doc, op3);
    const author = { userId: null, delegation: null };
    // Words inserted before the anchor move it; it still covers the same words.
    await server.ctx.registry.change(DOC, author, () => text().insert(0, 'Firmly, '));
    const moved = (await comment(fra, body.id)).anchor!;
    expect(moved).toMatchObject({ status: 'live', currentQuote: 'national Governments' });
    expect(moved.range).toEqual([first.range![0] + 'Firmly, '.length, first.range![1] + 'Firmly, '.length]);
    // An edit inside the range shows in the current quote.
    await server.ctx.registry.change(DOC, author, () => {
      const at = plainOf(text()).indexOf('Governments');
      text().insert(at, 'and local ');
    });
    expect((await comment(fra, body.id)).anchor!.currentQuote).toBe('national and local Governments');
    // Deleting every anchored word marks the anchor deleted.
    await server.ctx.registry.change(DOC, author, () => {
      const at = plainOf(text()).indexOf('national and local Governments');
      text().delete(at, 'national and local Governments'.length);
    });
    expect((await comment(fra, body.id)).anchor).toMatchObject({
      status: 'deleted',
      currentQuote: '',
      quote: 'national Governments',
      range: null,
    });
  });

  it('lets only the secretariat resolve and reopen a thread, audited', async () => {
    const op4 = refs.get('OP4')!;
    const { body } = await kaz.post(`/api/documents/${DOC}/comments`, { clauseId: op4, body: 'Please clarify.' });
    const reply = await secretariat.post(`/api/comments/${body.id}/replies`, { body: 'Clarified in Rev.1.' });
    const byDelegate = await kaz.post(`/api/comments/${body.id}/resolve`);
    expect([byDelegate.status, byDelegate.body.error.id]).toEqual([403, 'role_not_allowed']);
    // Resolving through a reply resolves its thread.
    expect((await secretariat.post(`/api/comments/${reply.body.id}/resolve`)).body).toEqual({
      id: body.id,
      status: 'resolved',
    });
    const resolved = await comment(kaz, body.id);
    expect(resolved).toMatchObject({
      status: 'resolved',
      resolvedBy: 'secretariat',
      resolvedByName: 'Drafting Committee Secretariat',
    });
    expect((await list(kaz, `?clauseId=${op4}&status=open`)).comments).toEqual([]);
    expect((await list(kaz, `?clauseId=${op4}&status=resolved`)).comments.map((c) => c.id)).toEqual([
      body.id,
      reply.body.id,
    ]);
    expect((await secretariat.post(`/api/comments/${body.id}/reopen`)).body.status).toBe('open');
    expect((await secretariat.post('/api/comments/nope/resolve')).status).toBe(404);
    const actions = (await server.ctx.store.audit.forDocument(DOC))
      .filter((e) => e.subject === `comment:${body.id}`)
      .map((e) => e.action);
    expect(actions).toEqual(['comment.resolve', 'comment.reopen']);
  });

  it('filters by mine and by delegation (written or mentioned)', async () => {
    const op5 = refs.get('OP5')!;
    const gbr = await server.login('gbr-head');
    const own = await gbr.post(`/api/documents/${DOC}/comments`, { clauseId: op5, body: 'Ours.' });
    const mention = await kaz.post(`/api/documents/${DOC}/comments`, { clauseId: op5, body: 'Could @GBR confirm?' });
    const other = await kaz.post(`/api/documents/${DOC}/comments`, { clauseId: op5, body: 'Unrelated.' });
    const mine = (await list(gbr, `?clauseId=${op5}&mine=1`)).comments.map((c) => c.id);
    expect(mine).toEqual([own.body.id]);
    const gbrs = (await list(observer, `?clauseId=${op5}&delegation=GBR`)).comments.map((c) => c.id);
    expect(gbrs).toEqual([own.body.id, mention.body.id]);
    expect(gbrs).not.toContain(other.body.id);
  });

  it('counts unread comments by others per clause until read', async () => {
    const op6 = refs.get('OP6')!;
    const usa = await server.login('usa-head');
    await kaz.post(`/api/documents/${DOC}/comments`, { clauseId: op6, body: 'One.' });
    await fra.post(`/api/documents/${DOC}/comments`, { clauseId: op6, body: 'Two.' });
    await usa.post(`/api/documents/${DOC}/comments`, { clauseId: op6, body: 'My own.' });
    expect((await list(usa)).unread[op6]).toBe(2);
    expect((await usa.post(`/api/documents/${DOC}/comments/read`, { clauseId: op6 })).status).toBe(200);
    expect((await list(usa)).unread[op6]).toBeUndefined();
    await kaz.post(`/api/documents/${DOC}/comments`, { clauseId: op6, body: 'Three.' });
    expect((await list(usa)).unread[op6]).toBe(1);
    expect((await list(kaz)).unread[op6]).toBe(2);
  });
});
