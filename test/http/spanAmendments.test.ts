import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AmendmentJson } from '../../shared/api/amendments.js';
import type { DocumentJson } from '../../shared/api/documents.js';
import { diffAfter, diffBefore } from '../../shared/domain/wordDiff.js';
import { clauseToPlainText } from '../../shared/editor/text.js';
import { readClause } from '../../shared/editor/ydoc.js';
import { stockProvider, syncedProvider, waitFor } from '../helpers/collabClient.js';
import { firstText, plainOf, spanOver } from '../helpers/spans.js';
import { startTestServer, type ApiClient, type TestServer } from '../helpers/server.js';

const DOC = 'almaty-declaration';

describe('amendments on a span over HTTP', () => {
  let server: TestServer;
  let secretariat: ApiClient;
  let fra: ApiClient;
  let observer: ApiClient;
  let chair: ApiClient;
  let refs: Map<string, string>;

  const clauseText = async (ref: string): Promise<string> =>
    ((await secretariat.get(`/api/documents/${DOC}`)).body as DocumentJson).clauses.find((c) => c.ref === ref)!.text;
  const amendment = async (id: string): Promise<AmendmentJson> => (await fra.get(`/api/amendments/${id}`)).body;
  const propose = (client: ApiClient, body: Record<string, unknown>) =>
    client.post(`/api/documents/${DOC}/amendments`, { rationale: 'Sharper wording.', ...body });

  beforeAll(async () => {
    server = await startTestServer();
    chair = await server.login('chair');
    secretariat = await server.login('secretariat');
    fra = await server.login('fra-delegate');
    observer = await server.login('observer');
    refs = new Map(
      ((await secretariat.get(`/api/documents/${DOC}`)).body as DocumentJson).clauses.map((c) => [c.ref, c.id]),
    );
    expect((await chair.post(`/api/documents/${DOC}/stage`, { stage: 'negotiation' })).status).toBe(200);
  });
  afterAll(() => server?.close());

  it('survives a concurrent edit elsewhere in its clause, and accepting changes exactly its words', async () => {
    const op3 = refs.get('OP3')!;
    const before = await clauseText('OP3');
    const proposed = await propose(fra, {
      clauseId: op3,
      kind: 'replace',
      span: await spanOver(server, DOC, op3, 'national Governments'),
      text: 'national and local Governments',
    });
    expect(proposed.status).toBe(201);
    const id = proposed.body.id as string;
    const listed = (await observer.get(`/api/documents/${DOC}/amendments?clauseId=${op3}`)).body
      .amendments as AmendmentJson[];
    const first = listed.find((a) => a.id === id)!;
    const at = before.indexOf('national Governments');
    expect(first).toMatchObject({
      kind: 'replace',
      textPlain: 'national and local Governments',
      delegation: 'FRA',
      stale: false,
      baseText: before,
      span: { action: 'replace', quote: 'national Governments', currentQuote: 'national Governments' },
    });
    expect(first.span!.range).toEqual([at, at + 'national Governments'.length]);
    // The diff is the clause's, with the span applied: only the new words are marked.
    expect(first.diff.filter((p) => p.op !== 'equal')).toEqual([{ op: 'insert', text: 'and local ' }]);

    // The secretariat edits the same clause elsewhere, through the live text, as an editor does.
    const editor = stockProvider(server.url, DOC, secretariat.cookie!);
    try {
      await syncedProvider(editor);
      firstText(editor.doc, op3).insert(0, 'Firmly ');
      const end = plainOf(firstText(editor.doc, op3)).length;
      firstText(editor.doc, op3).insert(end, ' [tbc]');
      await waitFor(() => clauseToPlainText(readClause(server.ctx.registry.peek(DOC)!, op3)).startsWith('Firmly '));
      await waitFor(() => clauseToPlainText(readClause(server.ctx.registry.peek(DOC)!, op3)).includes('[tbc]'));
    } finally {
      editor.destroy();
    }
    const moved = await amendment(id);
    expect(moved).toMatchObject({ stale: false, span: { currentQuote: 'national Governments' } });
    expect(moved.span!.range).toEqual([at + 'Firmly '.length, at + 'Firmly '.length + 'national Governments'.length]);

    const accepted = await secretariat.post(`/api/amendments/${id}/decision`, { decision: 'accept' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', applied: true });
    const after = await clauseText('OP3');
    expect(after.startsWith('Firmly Calls upon national and local Governments to place')).toBe(true);
    expect(after).toContain('[tbc]');
    expect(after.replace('Firmly ', '').replace(' [tbc]', '')).toBe(
      before.replace('national Governments', 'national and local Governments'),
    );
    // The emphasis around the span is untouched; the new words take the replaced words' (none here).
    const text = firstText((await server.ctx.registry.get(DOC))!, op3);
    expect(text.toDelta()[1]).toMatchObject({ insert: 'Calls upon', attributes: { em: expect.anything() } });

    const last = (await server.ctx.store.docUpdates.since(DOC, 0)).at(-1)!;
    expect(last.user_id).toBe((await server.ctx.store.users.byUsername('secretariat'))!.id);
    const actions = (await server.ctx.store.audit.forDocument(DOC))
      .filter((e) => e.subject === `amendment:${id}`)
      .map((e) => e.action);
    expect(actions).toEqual(['amendment.propose', 'amendment.accept']);
  });

  it('inserts at a caret and deletes words, each competing only with what overlaps it', async () => {
    const op5 = refs.get('OP5')!;
    const before = await clauseText('OP5');
    const insert = await propose(fra, {
      clauseId: op5,
      kind: 'replace',
      span: await spanOver(server, DOC, op5, 'teachers', true),
      text: 'all ',
    });
    const remove = await propose(fra, {
      clauseId: op5,
      kind: 'delete',
      span: await spanOver(server, DOC, op5, 'initial and '),
    });
    const overlapping = await propose(fra, {
      clauseId: op5,
      kind: 'replace',
      span: await spanOver(server, DOC, op5, 'initial'),
      text: 'first',
    });
    expect([insert.status, remove.status, overlapping.status]).toEqual([201, 201, 201]);
    const [ins, del, over] = (await Promise.all([insert, remove, overlapping].map((r) => amendment(r.body.id)))) as [
      AmendmentJson,
      AmendmentJson,
      AmendmentJson,
    ];
    expect(ins).toMatchObject({ span: { action: 'insert', quote: '' }, conflictsWith: [] });
    expect(ins.diff.filter((p) => p.op !== 'equal')).toEqual([{ op: 'insert', text: 'all ' }]);
    expect(del).toMatchObject({ span: { action: 'delete', quote: 'initial and ' }, conflictsWith: [over.id] });
    expect(del.diff.filter((p) => p.op !== 'equal')).toEqual([{ op: 'delete', text: 'initial and ' }]);

    for (const id of [ins.id, del.id]) {
      expect((await secretariat.post(`/api/amendments/${id}/decision`, { decision: 'accept' })).status).toBe(200);
    }
    expect(await clauseText('OP5')).toBe(
      before.replace('initial and continuing training of teachers', 'continuing training of all teachers'),
    );
    // The overlapping amendment's words are gone: it is stale, with the change inside its span.
    const stale = await amendment(over.id);
    expect(stale).toMatchObject({ stale: true, span: { quote: 'initial', currentQuote: '' } });
    // Against today's text it shows what accepting it now would do: put its words where 'initial' was.
    expect(diffBefore(stale.diffCurrent!)).toBe(await clauseText('OP5'));
    expect(diffAfter(stale.diffCurrent!)).toContain('invest in the firstcontinuing training');
  });

  it('marks an amendment stale when its own words change, and accepts it only on confirmation', async () => {
    const op6 = refs.get('OP6')!;
    const { body } = await propose(fra, {
      clauseId: op6,
      kind: 'replace',
      span: await spanOver(server, DOC, op6, 'mental well-being'),
      text: 'mental health',
    });
    await server.ctx.registry.change(DOC, { userId: null, delegation: null }, (doc) => {
      const text = firstText(doc, op6);
      text.insert(plainOf(text).indexOf('well-being'), 'and emotional ');
    });
    const stale = await amendment(body.id);
    expect(stale).toMatchObject({
      stale: true,
      span: { quote: 'mental well-being', currentQuote: 'mental and emotional well-being' },
    });
    const today = await clauseText('OP6');
    expect(diffBefore(stale.diffCurrent!)).toBe(today);
    expect(diffAfter(stale.diffCurrent!)).toBe(today.replace('mental and emotional well-being', 'mental health'));
    const refused = await secretariat.post(`/api/amendments/${body.id}/decision`, { decision: 'accept' });
    expect([refused.status, refused.body.error.id]).toEqual([409, 'amendment_stale']);
    const confirmed = await secretariat.post(`/api/amendments/${body.id}/decision`, {
      decision: 'accept',
      acceptStale: true,
    });
    expect(confirmed.status).toBe(200);
    expect(await clauseText('OP6')).toContain('children’s mental health is a precondition');
  });

  it('cannot accept an insertion once words were typed at its caret: the place is gone', async () => {
    const op10 = refs.get('OP10')!;
    const { body } = await propose(fra, {
      clauseId: op10,
      kind: 'replace',
      span: await spanOver(server, DOC, op10, 'knowledge', true),
      text: 'scientific ',
    });
    await server.ctx.registry.change(DOC, { userId: null, delegation: null }, (doc) => {
      const text = firstText(doc, op10);
      text.insert(plainOf(text).indexOf('knowledge'), 'technical ');
    });
    expect(await amendment(body.id)).toMatchObject({ stale: true, span: { action: 'insert', range: null } });
    const gone = await secretariat.post(`/api/amendments/${body.id}/decision`, {
      decision: 'accept',
      acceptStale: true,
    });
    expect([gone.status, gone.body.error.id]).toEqual([409, 'span_gone']);
    expect(await clauseText('OP10')).toContain('exchange of technical knowledge');
  });

  it('is applied by an adopting vote to its words, and recorded without applying once its place is gone', async () => {
    const op11 = refs.get('OP11')!;
    const voteOn = async (id: string): Promise<string> => {
      const opened = await chair.post(`/api/documents/${DOC}/votes`, {
        subject: { type: 'amendment', id },
        rule: 'simple_majority',
      });
      expect(opened.status, JSON.stringify(opened.body)).toBe(201);
      for (const code of ['kaz', 'fra']) {
        const ballot = await (
          await server.login(`${code}-head`)
        ).post(`/api/votes/${opened.body.id}/ballots`, {
          choice: 'yes',
        });
        expect(ballot.status, JSON.stringify(ballot.body)).toBe(200);
      }
      const closed = await chair.post(`/api/votes/${opened.body.id}/close`);
      expect(closed.status, JSON.stringify(closed.body)).toBe(200);
      return closed.body.result.outcome as string;
    };
    const adopted = await propose(fra, {
      clauseId: op11,
      kind: 'replace',
      span: await spanOver(server, DOC, op11, 'memoranda'),
      text: 'agreements',
    });
    expect(await voteOn(adopted.body.id)).toBe('adopted');
    expect(await clauseText('OP11')).toContain('Welcomes the agreements of cooperation');
    expect((await server.ctx.store.amendments.get(adopted.body.id))!).toMatchObject({ status: 'adopted', applied: 1 });

    const caret = await propose(fra, {
      clauseId: op11,
      kind: 'replace',
      span: await spanOver(server, DOC, op11, 'cooperation', true),
      text: 'close ',
    });
    await server.ctx.registry.change(DOC, { userId: null, delegation: null }, (doc) => {
      const text = firstText(doc, op11);
      text.insert(plainOf(text).indexOf('cooperation'), 'scientific ');
    });
    const before = await clauseText('OP11');
    expect(await voteOn(caret.body.id)).toBe('adopted');
    expect(await clauseText('OP11')).toBe(before);
    expect((await server.ctx.store.amendments.get(caret.body.id))!).toMatchObject({ status: 'adopted', applied: 0 });
  });

  it('follows its words when the secretariat splits the clause and merges it back', async () => {
    const op9 = refs.get('OP9')!;
    const { body } = await propose(fra, {
      clauseId: op9,
      kind: 'replace',
      span: await spanOver(server, DOC, op9, 'affordable'),
      text: 'affordable, accessible',
    });
    // Split before "and to make": the amended words go to the new clause, and the amendment with them.
    const text = firstText((await server.ctx.registry.get(DOC))!, op9);
    const at = Buffer.from(
      Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, plainOf(text).indexOf(', and to make'))),
    ).toString('base64');
    const split = await secretariat.post(`/api/documents/${DOC}/clauses/${op9}/split`, { at });
    expect(split.status).toBe(201);
    const second = split.body.id as string;
    const moved = await amendment(body.id);
    expect(moved).toMatchObject({ clauseId: second, stale: false, span: { currentQuote: 'affordable' } });

    const merge = await secretariat.post(`/api/documents/${DOC}/clauses/${second}/merge`, {});
    expect(merge.status).toBe(200);
    expect(await amendment(body.id)).toMatchObject({
      clauseId: op9,
      stale: false,
      span: { currentQuote: 'affordable' },
    });
    expect((await secretariat.post(`/api/amendments/${body.id}/decision`, { decision: 'accept' })).status).toBe(200);
    expect(await clauseText('OP9')).toContain('to make such solutions affordable, accessible and interoperable');
  });

  it('refuses bad spans, texts and people with ids, and writes nothing', async () => {
    const op1 = refs.get('OP1')!;
    const op2 = refs.get('OP2')!;
    const count = async () => (await server.ctx.store.amendments.forDocument(DOC)).length;
    const before = await count();
    const span = await spanOver(server, DOC, op1, 'inclusive education');
    const cases: [Record<string, unknown>, number, string][] = [
      [{ clauseId: op2, kind: 'delete', span }, 400, 'span_invalid'],
      [{ clauseId: op1, kind: 'delete', span: { ...span, quote: 'exclusive education' } }, 400, 'span_invalid'],
      [{ clauseId: op1, kind: 'delete', span: { ...span, start: 'AAAA' } }, 400, 'span_invalid'],
      [{ clauseId: op1, kind: 'delete', span: await spanOver(server, DOC, op1, 'inclusive', true) }, 400, 'span_empty'],
      [{ clauseId: op1, kind: 'replace', span, text: 'inclusive education' }, 400, 'span_empty'],
      [{ clauseId: op1, kind: 'replace', span, text: 'two\nlines' }, 400, 'span_multiline'],
      [{ clauseId: op1, kind: 'replace', span, text: 'x'.repeat(1_001) }, 413, 'span_text_too_long'],
      [{ clauseId: op1, kind: 'insert_after', span, text: 'More.' }, 400, 'invalid_input'],
    ];
    for (const [body, status, id] of cases) {
      const answer = await propose(fra, body);
      expect([answer.status, answer.body.error.id], JSON.stringify(body).slice(0, 120)).toEqual([status, id]);
    }
    const asObserver = await propose(observer, { clauseId: op1, kind: 'delete', span });
    expect([asObserver.status, asObserver.body.error.id]).toEqual([403, 'role_not_allowed']);
    expect(await count()).toBe(before);

    // A clause agreed ad referendum takes no amendment, on a span or not.
    const op8 = refs.get('OP8')!;
    const lockedSpan = await spanOver(server, DOC, op8, (await clauseText('OP8')).split(' ')[1]!);
    expect((await chair.post(`/api/documents/${DOC}/clauses/${op8}/status`, { status: 'agreed_ad_ref' })).status).toBe(
      200,
    );
    const locked = await propose(fra, { clauseId: op8, kind: 'delete', span: lockedSpan });
    expect([locked.status, locked.body.error.id]).toEqual([403, 'clause_locked']);

    // Only the secretariat decides.
    const { body } = await propose(fra, { clauseId: op1, kind: 'delete', span });
    const byDelegate = await fra.post(`/api/amendments/${body.id}/decision`, { decision: 'accept' });
    expect([byDelegate.status, byDelegate.body.error.id]).toEqual([403, 'role_not_allowed']);
  });
});
