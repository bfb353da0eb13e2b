import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { BracketJson } from '../../shared/api/brackets.js';
import type { DocumentJson } from '../../shared/api/documents.js';
import { clauseToPlainText } from '../../shared/editor/text.js';
import { readClause } from '../../shared/editor/ydoc.js';
import { stockProvider, syncedProvider, waitFor } from '../helpers/collabClient.js';
import { useFollowers } from '../helpers/events.js';
import { firstText, spanOver } from '../helpers/spans.js';
import { startTestServer, type ApiClient, type TestServer } from '../helpers/server.js';

const DOC = 'almaty-declaration';

describe('brackets and alternatives over HTTP', () => {
  let server: TestServer;
  let secretariat: ApiClient;
  let chair: ApiClient;
  let observer: ApiClient;
  let kaz: ApiClient;
  let refs: Map<string, string>;
  const followers = useFollowers();

  const clauseText = async (ref: string): Promise<string> =>
    ((await observer.get(`/api/documents/${DOC}`)).body as DocumentJson).clauses.find((c) => c.ref === ref)!.text;
  const openBrackets = async (): Promise<BracketJson[]> =>
    (await observer.get(`/api/documents/${DOC}/brackets`)).body.brackets as BracketJson[];
  const stage = async (to: string): Promise<void> => {
    await server.ctx.store.documents.setStage(DOC, to as 'drafting');
  };

  const place = async (client: ApiClient, ref: string, words: string, alternatives?: unknown) =>
    client.post(`/api/documents/${DOC}/brackets`, {
      clauseId: refs.get(ref)!,
      span: await spanOver(server, DOC, refs.get(ref)!, words),
      ...(alternatives ? { alternatives } : {}),
    });

  beforeAll(async () => {
    server = await startTestServer();
    chair = await server.login('chair');
    secretariat = await server.login('secretariat');
    observer = await server.login('observer');
    kaz = await server.login('kaz-delegate');
    refs = new Map(
      ((await observer.get(`/api/documents/${DOC}`)).body as DocumentJson).clauses.map((c) => [c.ref, c.id]),
    );
    expect((await chair.post(`/api/documents/${DOC}/stage`, { stage: 'negotiation' })).status).toBe(200);
  });
  afterAll(() => server?.close());

  it('offers two alternatives that survive a concurrent edit, and choosing one writes it into the clause', async () => {
    const follower = await followers.follow(server.url, observer.cookie!, DOC);
    const op3 = refs.get('OP3')!;
    const before = await clauseText('OP3');
    const created = await place(secretariat, 'OP3', 'national Governments', [
      { text: 'national Governments', sponsors: ['KAZ', 'FRA'] },
      { text: 'national and local authorities', sponsors: ['DEU'] },
    ]);
    expect(created.status).toBe(201);
    const bracket = created.body as BracketJson;
    const at = before.indexOf('national Governments');
    expect(bracket).toMatchObject({
      clauseId: op3,
      clauseRef: 'OP3',
      status: 'open',
      quote: 'national Governments',
      currentQuote: 'national Governments',
      range: [at, at + 'national Governments'.length],
      alternatives: [
        { label: 'A', text: 'national Governments', sponsors: ['KAZ', 'FRA'] },
        { label: 'B', text: 'national and local authorities', sponsors: ['DEU'] },
      ],
      resolution: null,
      createdBy: 'secretariat',
    });
    // Placing brackets leaves the words alone: they are drawn over the text.
    expect(await clauseText('OP3')).toBe(before);
    expect((await openBrackets()).map((b) => b.id)).toContain(bracket.id);
    await waitFor(() => follower.events.some(([name, e]) => name === 'bracket:changed' && e.change === 'created'));

    // Someone types elsewhere in the clause, through the live text.
    const editor = stockProvider(server.url, DOC, secretariat.cookie!);
    try {
      await syncedProvider(editor);
      firstText(editor.doc, op3).insert(0, 'Firmly ');
      await waitFor(() => clauseToPlainText(readClause(server.ctx.registry.peek(DOC)!, op3)).startsWith('Firmly '));
    } finally {
      editor.destroy();
    }
    const moved = (await openBrackets()).find((b) => b.id === bracket.id)!;
    expect(moved).toMatchObject({ currentQuote: 'national Governments' });
    expect(moved.range).toEqual([at + 'Firmly '.length, at + 'Firmly '.length + 'national Governments'.length]);

    const chosen = await secretariat.post(`/api/brackets/${bracket.id}/resolve`, { resolution: 'choose', label: 'B' });
    expect(chosen.status).toBe(200);
    expect(chosen.body).toMatchObject({
      status: 'resolved',
      range: null,
      resolution: { kind: 'choose', label: 'B', text: 'national and local authorities', by: 'secretariat' },
    });
    expect(await clauseText('OP3')).toBe(
      `Firmly ${before.replace('national Governments', 'national and local authorities')}`,
    );
    expect((await openBrackets()).map((b) => b.id)).not.toContain(bracket.id);
    const all = (await observer.get(`/api/documents/${DOC}/brackets?status=all`)).body.brackets as BracketJson[];
    expect(all.find((b) => b.id === bracket.id)?.status).toBe('resolved');
    const entries = (await server.ctx.store.audit.forDocument(DOC)).filter(
      (e) => e.subject === `bracket:${bracket.id}`,
    );
    expect(entries.map((e) => e.action)).toEqual(['bracket.create', 'bracket.resolve']);
    expect(entries[1]!.payload).toMatchObject({
      resolution: 'choose',
      label: 'B',
      text: 'national and local authorities',
    });
    const last = (await server.ctx.store.docUpdates.since(DOC, 0)).at(-1)!;
    expect(last.user_id).toBe((await server.ctx.store.users.byUsername('secretariat'))!.id);
    await waitFor(() => follower.events.some(([name, e]) => name === 'bracket:changed' && e.change === 'resolved'));

    const again = await secretariat.post(`/api/brackets/${bracket.id}/resolve`, { resolution: 'remove' });
    expect([again.status, again.body.error.id]).toEqual([409, 'bracket_resolved']);
  });

  it('removes brackets keeping the words, or deletes the bracketed words', async () => {
    const before = await clauseText('OP5');
    const kept = (await place(secretariat, 'OP5', 'initial and continuing')).body as BracketJson;
    const dropped = (await place(secretariat, 'OP5', 'speech ')).body as BracketJson;
    expect(kept.alternatives).toEqual([]);
    const removed = await secretariat.post(`/api/brackets/${kept.id}/resolve`, { resolution: 'remove' });
    expect(removed.body).toMatchObject({ resolution: { kind: 'remove', label: null, text: 'initial and continuing' } });
    expect(await clauseText('OP5')).toBe(before);
    const deleted = await secretariat.post(`/api/brackets/${dropped.id}/resolve`, { resolution: 'delete' });
    expect(deleted.body).toMatchObject({ resolution: { kind: 'delete', text: '' } });
    expect(await clauseText('OP5')).toBe(before.replace('speech ', ''));
    // Words deleted from between two spaces leave one.
    const between = (await place(secretariat, 'OP5', 'and education authorities')).body as BracketJson;
    await secretariat.post(`/api/brackets/${between.id}/resolve`, { resolution: 'delete' });
    expect(await clauseText('OP5')).toBe(before.replace('speech ', '').replace(' and education authorities', ''));
  });

  it('edits alternatives: a delegation in drafting names only itself as a sponsor', async () => {
    await stage('drafting');
    try {
      const bracket = (await place(secretariat, 'OP6', 'mental well-being')).body as BracketJson;
      const mine = await kaz.post(`/api/brackets/${bracket.id}/alternatives`, {
        alternatives: [{ text: 'mental well-being' }, { text: 'mental health', sponsors: ['KAZ'] }],
      });
      expect(mine.status).toBe(200);
      expect(mine.body.alternatives).toEqual([
        { label: 'A', text: 'mental well-being', sponsors: [] },
        { label: 'B', text: 'mental health', sponsors: ['KAZ'] },
      ]);
      const others = await kaz.post(`/api/brackets/${bracket.id}/alternatives`, {
        alternatives: [
          { text: 'mental well-being', sponsors: ['FRA'] },
          { text: 'mental health', sponsors: ['KAZ'] },
        ],
      });
      expect([others.status, others.body.error.id]).toEqual([403, 'not_own_delegation']);
      const unknown = await secretariat.post(`/api/brackets/${bracket.id}/alternatives`, {
        alternatives: [{ text: 'a', sponsors: ['ZZZ'] }, { text: 'b' }],
      });
      expect([unknown.status, unknown.body.error.id]).toEqual([400, 'invalid_input']);
      const one = await secretariat.post(`/api/brackets/${bracket.id}/alternatives`, { alternatives: [{ text: 'a' }] });
      expect([one.status, one.body.error.id]).toEqual([400, 'invalid_input']);
      // Only the secretariat decides the wording.
      const denied = await kaz.post(`/api/brackets/${bracket.id}/resolve`, { resolution: 'remove' });
      expect([denied.status, denied.body.error.id]).toEqual([403, 'role_not_allowed']);
      const missing = await secretariat.post(`/api/brackets/${bracket.id}/resolve`, {
        resolution: 'choose',
        label: 'C',
      });
      expect([missing.status, missing.body.error.id]).toEqual([404, 'alternative_not_found']);
      const after = (await openBrackets()).find((b) => b.id === bracket.id)!;
      expect(after.alternatives.map((a) => a.sponsors)).toEqual([[], ['KAZ']]);
    } finally {
      await stage('negotiation');
    }
  });

  it('follows its words through a split of the clause and a merge back', async () => {
    const op7 = refs.get('OP7')!;
    const words = (await clauseText('OP7')).split(' ');
    const tail = words.slice(-3).join(' ');
    const bracket = (await place(secretariat, 'OP7', tail)).body as BracketJson;
    const text = firstText((await server.ctx.registry.get(DOC))!, op7);
    const caret = Y.createRelativePositionFromTypeIndex(text, words.slice(0, 4).join(' ').length);
    const split = await secretariat.post(`/api/documents/${DOC}/clauses/${op7}/split`, {
      at: Buffer.from(Y.encodeRelativePosition(caret)).toString('base64'),
    });
    expect(split.status).toBe(201);
    const moved = (await openBrackets()).find((b) => b.id === bracket.id)!;
    expect(moved).toMatchObject({ clauseId: split.body.id, currentQuote: tail });
    const merged = await secretariat.post(`/api/documents/${DOC}/clauses/${split.body.id}/merge`, {});
    expect(merged.status).toBe(200);
    const back = (await openBrackets()).find((b) => b.id === bracket.id)!;
    expect(back).toMatchObject({ clauseId: op7, currentQuote: tail });
  });

  it('refuses with clear ids and changes nothing', async () => {
    const count = (await openBrackets()).length;
    const op10 = refs.get('OP10')!;
    const span = await spanOver(server, DOC, op10, 'knowledge');
    const post = (client: ApiClient, body: Record<string, unknown>) =>
      client.post(`/api/documents/${DOC}/brackets`, { clauseId: op10, span, ...body });

    const observed = await post(observer, {});
    expect([observed.status, observed.body.error.id]).toEqual([403, 'role_not_allowed']);
    const delegate = await post(kaz, {});
    expect([delegate.status, delegate.body.error.id]).toEqual([403, 'stage_not_allowed']);
    const misquoted = await post(secretariat, { span: { ...span, quote: 'wisdom' } });
    expect([misquoted.status, misquoted.body.error.id]).toEqual([400, 'span_invalid']);
    const empty = await post(secretariat, { span: { ...span, end: span.start, quote: '' } });
    expect([empty.status, empty.body.error.id]).toEqual([400, 'span_empty']);
    const notFound = await secretariat.post('/api/brackets/nope/resolve', { resolution: 'remove' });
    expect([notFound.status, notFound.body.error.id]).toEqual([404, 'bracket_not_found']);

    const bracket = (await post(secretariat, {})).body as BracketJson;
    await server.ctx.store.documents.setClauseStatus(DOC, op10, 'agreed_ad_ref');
    const locked = await secretariat.post(`/api/brackets/${bracket.id}/resolve`, { resolution: 'delete' });
    expect([locked.status, locked.body.error.id]).toEqual([403, 'clause_locked']);
    await server.ctx.store.documents.setClauseStatus(DOC, op10, 'open');
    await stage('adopted');
    try {
      const frozen = await secretariat.post(`/api/brackets/${bracket.id}/resolve`, { resolution: 'delete' });
      expect([frozen.status, frozen.body.error.id]).toEqual([403, 'stage_not_allowed']);
    } finally {
      await stage('negotiation');
    }
    expect(await clauseText('OP10')).toContain('knowledge');
    expect((await openBrackets()).length).toBe(count + 1);
    // An open bracket is unfinished work the chair acknowledges before a vote on the whole text.
    const vote = await chair.post(`/api/documents/${DOC}/votes`, { subject: { type: 'document' }, rule: 'consensus' });
    expect([vote.status, vote.body.error.id]).toEqual([409, 'needs_acknowledgement']);
    expect(vote.body.error.items).toContainEqual(
      expect.objectContaining({ kind: 'bracketed', clauseId: op10, ref: 'OP10', passages: 1 }),
    );
  });
});
