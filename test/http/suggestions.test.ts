import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import type { DocumentJson } from '../../shared/api/documents.js';
import type { SuggestionDecisionJson, SuggestionListJson } from '../../shared/api/suggestions.js';
import { getClauseFragment } from '../../shared/editor/ydoc.js';
import { CloseCode } from '../../shared/protocol/collab.js';
import { unfinishedWork } from '../../server/queries/unfinishedWork.js';
import { stockProvider, syncedProvider, waitFor } from '../helpers/collabClient.js';
import { useFollowers } from '../helpers/events.js';
import { startTestServer, type ApiClient, type TestServer } from '../helpers/server.js';

const DOC = 'almaty-declaration';

/**
 * Suggestion mode end to end: the secretariat's requirement, a delegate's suggestions written with the stock
 * y-websocket client (an unmarked insert refused with its close code), and the recorded decisions on them.
 */
describe('suggestion mode', () => {
  let server: TestServer;
  let secretariat: ApiClient;
  let observer: ApiClient;
  let kaz: ApiClient;
  let fra: ApiClient;
  let op3: string;
  let kazId: string;
  const providers: WebsocketProvider[] = [];
  const followers = useFollowers();

  const firstText = (doc: Y.Doc): Y.XmlText => (getClauseFragment(doc, op3).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  const serverText = async (): Promise<string> =>
    ((await observer.get(`/api/documents/${DOC}`)).body as DocumentJson).clauses.find((c) => c.id === op3)!.text;
  const pending = async (): Promise<SuggestionListJson> =>
    (await observer.get(`/api/documents/${DOC}/suggestions?clauseId=${op3}`)).body as SuggestionListJson;

  /** Whether the server's copy (as it is now: a failed command's rollback may reload it) holds words under `id`. */
  const marked = (id: string): boolean =>
    (firstText(server.ctx.registry.peek(DOC)!).toDelta() as { attributes?: { suggestion?: { id: string } } }[]).some(
      (d) => d.attributes?.suggestion?.id === id,
    );

  /** The delegate's live copy over the stock client, and how its socket closed, if it did. */
  async function delegateCopy(): Promise<{ doc: Y.Doc; closed: () => { code: number; reason: string } | null }> {
    const doc = new Y.Doc();
    const provider = stockProvider(server.url, DOC, kaz.cookie!, doc);
    providers.push(provider);
    let closed: { code: number; reason: string } | null = null;
    provider.on('connection-close', (event) => {
      if (event && !closed) closed = { code: event.code, reason: event.reason };
    });
    await syncedProvider(provider);
    return { doc, closed: () => closed };
  }

  /** The delegate types `words` at the start of OP3's words "national", as their suggestion `id`. */
  async function suggest(id: string, words: string, deleteWord?: string): Promise<void> {
    const { doc, closed } = await delegateCopy();
    const text = firstText(doc);
    const plain = (text.toDelta() as { insert: string }[]).map((d) => d.insert).join('');
    const at = plain.indexOf('national');
    const attrs = { id, user: kazId, delegation: 'KAZ' };
    doc.transact(() => {
      if (deleteWord) text.format(plain.indexOf(deleteWord), deleteWord.length, { suggestion_deletion: attrs });
      text.insert(at, words, { suggestion: attrs });
    });
    await waitFor(() => marked(id) || closed() !== null, 5000, 'the suggestion applied');
    expect(closed()).toBeNull();
    // Stored, not only applied: a command refused next must not roll the words back with it.
    await server.ctx.registry.flush();
    await server.ctx.registry.settled();
  }

  beforeAll(async () => {
    server = await startTestServer();
    secretariat = await server.login('secretariat');
    observer = await server.login('observer');
    kaz = await server.login('kaz-delegate');
    fra = await server.login('fra-delegate');
    const doc = (await observer.get(`/api/documents/${DOC}`)).body as DocumentJson;
    expect(doc.stage).toBe('drafting');
    op3 = doc.clauses.find((c) => c.ref === 'OP3')!.id;
    kazId = (await server.ctx.store.users.byUsername('kaz-delegate'))!.id;
  });
  afterAll(async () => {
    for (const p of providers) p.destroy();
    await server?.close();
  });

  it('lets only the secretariat require suggestions, as a recorded change announced to the room', async () => {
    const follower = await followers.follow(server.url, observer.cookie!, DOC);
    const refused = await kaz.post(`/api/documents/${DOC}/suggestions/requirement`, { required: true });
    expect([refused.status, refused.body.error.id]).toEqual([403, 'role_not_allowed']);
    const set = await secretariat.post(`/api/documents/${DOC}/suggestions/requirement`, { required: true });
    expect(set.body).toEqual({ documentId: DOC, required: true });
    expect((await pending()).required).toBe(true);
    const entries = await server.ctx.store.audit.forDocument(DOC);
    expect(entries.at(-1)!.action).toBe('suggestion.require');
    await waitFor(() => follower.events.some(([e, p]) => e === 'suggestion:changed' && p.required === true));
  });

  it('closes the stock client’s socket with 4403 when a delegate who must suggest types plain words', async () => {
    const before = await serverText();
    const { doc, closed } = await delegateCopy();
    firstText(doc).insert(0, 'Plainly ');
    await waitFor(() => closed() !== null, 5000, 'the refusal');
    expect(closed()).toEqual({ code: CloseCode.FORBIDDEN_WRITE, reason: `suggestion_required:${op3}` });
    expect(await serverText()).toBe(before);
  });

  it('takes a delegate’s suggestions and lists them with their author and delegation', async () => {
    await suggest('s-one', 'local and ', 'Governments');
    const list = await pending();
    expect(list.suggestions).toEqual([
      expect.objectContaining({ id: 's-one', kind: 'insertion', text: 'local and ', delegation: 'KAZ', ref: 'OP3' }),
      expect.objectContaining({ id: 's-one', kind: 'deletion', text: 'Governments', delegation: 'KAZ' }),
    ]);
    expect(list.suggestions[0]!.author).toEqual({ username: 'kaz-delegate', displayName: expect.any(String) });
    expect(await serverText()).toContain('local and national Governments');
  });

  it('lets only the proposing delegation withdraw a suggestion, which takes its words back', async () => {
    const other = await fra.post(`/api/documents/${DOC}/suggestions/s-one/withdraw`);
    expect([other.status, other.body.error.id]).toEqual([403, 'not_own_suggestion']);
    const withdrawn = await kaz.post(`/api/documents/${DOC}/suggestions/s-one/withdraw`);
    expect(withdrawn.status).toBe(200);
    expect((withdrawn.body as SuggestionDecisionJson).outcome).toBe('withdrawn');
    expect(await serverText()).not.toContain('local and');
    expect(await serverText()).toContain('national Governments');
    expect((await pending()).suggestions).toEqual([]);
  });

  it('accepts one suggestion and rejects another as recorded decisions of the secretariat', async () => {
    await suggest('s-two', 'regional and ', 'Governments');
    await suggest('s-three', 'every ');
    const refused = await kaz.post(`/api/documents/${DOC}/suggestions/s-two/decision`, { decision: 'accept' });
    expect([refused.status, refused.body.error.id]).toEqual([403, 'role_not_allowed']);
    const missing = await secretariat.post(`/api/documents/${DOC}/suggestions/nope/decision`, { decision: 'accept' });
    expect([missing.status, missing.body.error.id]).toEqual([404, 'suggestion_not_found']);

    const accepted = await secretariat.post(`/api/documents/${DOC}/suggestions/s-two/decision`, { decision: 'accept' });
    expect((accepted.body as SuggestionDecisionJson).decided.map((s) => s.kind)).toEqual(['insertion', 'deletion']);
    const text = await serverText();
    expect(text).toContain('regional and ');
    expect(text).not.toContain('Governments');
    const rejected = await secretariat.post(`/api/documents/${DOC}/suggestions/s-three/decision`, {
      decision: 'reject',
    });
    expect(rejected.status).toBe(200);
    expect(await serverText()).not.toContain('regional and every');
    expect((await pending()).suggestions).toEqual([]);
    const actions = (await server.ctx.store.audit.forDocument(DOC)).map((e) => e.action);
    expect(actions.slice(-2)).toEqual(['suggestion.accept', 'suggestion.reject']);
  });

  it('accepts all at once, and counts pending suggestions as unfinished work until then', async () => {
    await suggest('s-four', 'both ');
    await suggest('s-five', 'and ');
    const row = (await server.ctx.store.documents.get(DOC))!;
    const items = await server.ctx.store.transaction(() => unfinishedWork(server.ctx, row));
    expect(items).toContainEqual({ kind: 'suggestions_pending', clauseId: op3, ref: 'OP3', count: 2 });
    const all = await secretariat.post(`/api/documents/${DOC}/suggestions/decision`, { decision: 'accept' });
    expect(new Set((all.body as SuggestionDecisionJson).decided.map((s) => s.id))).toEqual(
      new Set(['s-four', 's-five']),
    );
    expect(await serverText()).toMatch(/both and |and both /);
    expect((await pending()).suggestions).toEqual([]);
    const after = await server.ctx.store.transaction(() => unfinishedWork(server.ctx, row));
    expect(after.some((i) => i.kind === 'suggestions_pending')).toBe(false);
  });

  it('keeps observers out of decisions and answers 400 for a decision that is not one', async () => {
    const observerTry = await observer.post(`/api/documents/${DOC}/suggestions/decision`, { decision: 'reject' });
    expect([observerTry.status, observerTry.body.error.id]).toEqual([403, 'role_not_allowed']);
    const bad = await secretariat.post(`/api/documents/${DOC}/suggestions/decision`, { decision: 'maybe' });
    expect(bad.status).toBe(400);
  });
});
