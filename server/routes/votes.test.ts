import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoteJson } from '../../shared/api/votes.js';
import { clauseToPlainText } from '../../shared/editor/text.js';
import { toMarkup } from '../../shared/editor/markup.js';
import { readClause } from '../../shared/editor/ydoc.js';
import type { Stage } from '../../shared/domain/stages.js';
import { actorOf } from '../auth/session.js';
import { newId } from '../db/ids.js';
import { createDocument } from '../commands/createDocument.js';
import { startTestServer, type ApiClient, type TestServer } from '../../test/helpers/server.js';
import { useFollowers, type Follower } from '../../test/helpers/events.js';

let server: TestServer;
const clients = new Map<string, ApiClient>();

/** A signed-in client per demo account, logged in once. */
async function as(username: string): Promise<ApiClient> {
  let client = clients.get(username);
  if (!client) {
    client = await server.login(username);
    clients.set(username, client);
  }
  return client;
}

/** A new three-clause document in `stage`, so each test starts from its own text. Returns its id and clause ids. */
async function freshDocument(stage: Stage): Promise<{ id: string; clauses: string[] }> {
  const id = `doc-${newId()}`;
  const secretariat = actorOf((await server.ctx.store.users.byUsername('secretariat'))!);
  const clauses = await createDocument(server.ctx, secretariat, {
    id,
    conferenceId: (await server.ctx.store.conferences.current())!.id,
    title: 'Test declaration',
    symbol: 'TEST/1',
    stage,
    clauses: [
      { kind: 'title', text: 'Test declaration' },
      { kind: 'preamble', text: '*Recognizing* the right to education,' },
      { kind: 'operative', text: '*Calls upon* States to act.' },
    ],
  });
  return { id, clauses };
}

async function openVote(documentId: string, body: unknown): Promise<string> {
  const res = await (await as('chair')).post(`/api/documents/${documentId}/votes`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

async function cast(username: string, voteId: string, choice: string): Promise<void> {
  const res = await (await as(username)).post(`/api/votes/${voteId}/ballots`, { choice });
  expect(res.status, `${username}: ${JSON.stringify(res.body)}`).toBe(200);
}

const ledger = async (action: string, voteId: string) =>
  (await server.ctx.store.audit.entries()).filter((e) => e.action === action && e.subject === `vote:${voteId}`);

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('opening a vote', () => {
  it('is for the chair only', async () => {
    const doc = await freshDocument('negotiation');
    const body = { subject: { type: 'document' }, rule: 'simple_majority', acknowledge: true };
    expect((await server.anonymous().post(`/api/documents/${doc.id}/votes`, body)).status).toBe(401);
    for (const username of ['kaz-head', 'kaz-delegate', 'secretariat', 'observer', 'admin']) {
      const res = await (await as(username)).post(`/api/documents/${doc.id}/votes`, body);
      expect(res.status, username).toBe(403);
      expect(res.body.error.id).toBe('role_not_allowed');
    }
    expect(await server.ctx.store.votes.forDocument(doc.id)).toEqual([]);
  });

  it.each([
    [{ subject: { type: 'document' }, rule: 'unanimity', acknowledge: true }, 'rule'],
    [{ subject: { type: 'resolution' }, rule: 'consensus' }, 'subject.type'],
    [{ subject: { type: 'clause' }, rule: 'consensus' }, 'subject.id'],
    [{ subject: { type: 'document' }, rule: 'consensus', quorum: 0, acknowledge: true }, 'quorum'],
    [{ subject: { type: 'document' }, rule: 'consensus', quorum: 1.5, acknowledge: true }, 'quorum'],
    [{ subject: { type: 'document' }, rule: 'consensus', quorum: 41, acknowledge: true }, 'quorum'],
    [{ subject: { type: 'document', id: 'another-document' }, rule: 'consensus' }, 'subject.id'],
  ])('refuses invalid input %j with 400 naming %s', async (body, field) => {
    const doc = await freshDocument('negotiation');
    const res = await (await as('chair')).post(`/api/documents/${doc.id}/votes`, body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ id: 'invalid_input', field });
    expect(await server.ctx.store.votes.forDocument(doc.id)).toEqual([]);
  });

  it('answers 404 for an unknown document or clause', async () => {
    const chair = await as('chair');
    expect(
      (
        await chair.post('/api/documents/nope/votes', {
          subject: { type: 'document' },
          rule: 'consensus',
          acknowledge: true,
        })
      ).status,
    ).toBe(404);
    const doc = await freshDocument('negotiation');
    const res = await chair.post(`/api/documents/${doc.id}/votes`, {
      subject: { type: 'clause', id: 'nope' },
      rule: 'consensus',
    });
    expect(res.status).toBe(404);
    expect(res.body.error.id).toBe('clause_not_found');
  });

  it('is closed in drafting and once adopted', async () => {
    for (const stage of ['drafting', 'adopted'] as const) {
      const doc = await freshDocument(stage);
      const res = await (
        await as('chair')
      ).post(`/api/documents/${doc.id}/votes`, { subject: { type: 'document' }, rule: 'consensus', acknowledge: true });
      expect(res.status).toBe(403);
      expect(res.body.error.id).toBe('stage_not_allowed');
    }
  });

  it('on the whole text moves a document in negotiation to adoption, and refuses a second open vote', async () => {
    const doc = await freshDocument('negotiation');
    const id = await openVote(doc.id, {
      subject: { type: 'document' },
      rule: 'two_thirds',
      quorum: 0.5,
      acknowledge: true,
    });
    const chair = await as('chair');
    expect((await chair.get(`/api/documents/${doc.id}`)).body.stage).toBe('adoption');
    const again = await chair.post(`/api/documents/${doc.id}/votes`, {
      subject: { type: 'document', id: doc.id },
      rule: 'consensus',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.id).toBe('vote_already_open');
    const vote = (await chair.get(`/api/votes/${id}`)).body as VoteJson;
    expect(vote).toMatchObject({
      id,
      status: 'open',
      rule: 'two_thirds',
      quorum: 0.5,
      subject: { type: 'document', id: doc.id },
      ballots: [],
      voted: [],
    });
    expect(vote.result).toBeUndefined();
    const stageRow = (await server.ctx.store.audit.forDocument(doc.id)).find((e) => e.action === 'document.stage');
    expect(stageRow?.payload).toEqual({ from: 'negotiation', to: 'adoption', vote: id });
    expect(await ledger('vote.open', id)).toHaveLength(1);
  });

  it('lets votes on different subjects run side by side', async () => {
    const doc = await freshDocument('negotiation');
    await openVote(doc.id, { subject: { type: 'clause', id: doc.clauses[1] }, rule: 'consensus' });
    await openVote(doc.id, { subject: { type: 'clause', id: doc.clauses[2] }, rule: 'consensus' });
    expect((await (await as('observer')).get(`/api/documents/${doc.id}/votes`)).body.votes).toHaveLength(2);
  });
});

describe('casting a ballot', () => {
  let doc: { id: string; clauses: string[] };
  let voteId: string;
  beforeAll(async () => {
    doc = await freshDocument('negotiation');
    voteId = await openVote(doc.id, { subject: { type: 'clause', id: doc.clauses[2] }, rule: 'simple_majority' });
  });

  it('accepts the head of delegation, and a change of mind', async () => {
    await cast('kaz-head', voteId, 'no');
    await cast('kaz-head', voteId, 'yes');
    const ballot = await server.ctx.store.ballots.get(voteId, 'KAZ');
    expect(ballot).toMatchObject({ choice: 'yes', changes: 1 });
    // Each entry carries a nonce, so its hash does not reveal the choice (server/ledger/ballotEntries.ts).
    const nonce = expect.stringMatching(/^[\w-]{22}$/);
    expect((await ledger('ballot.cast', voteId)).map((e) => e.payload)).toEqual([
      { delegation: 'KAZ', choice: 'no', nonce },
    ]);
    expect((await ledger('ballot.change', voteId)).map((e) => e.payload)).toEqual([
      { delegation: 'KAZ', choice: 'yes', previous: 'no', nonce },
    ]);
  });

  it.each([
    ['kaz-delegate', 'role_not_allowed'],
    ['observer', 'role_not_allowed'],
    ['chair', 'role_not_allowed'],
    ['secretariat', 'role_not_allowed'],
    ['admin', 'role_not_allowed'],
  ])('refuses %s with 403 %s', async (username, id) => {
    const res = await (await as(username)).post(`/api/votes/${voteId}/ballots`, { choice: 'yes' });
    expect(res.status).toBe(403);
    expect(res.body.error.id).toBe(id);
  });

  it('refuses a ballot for another delegation', async () => {
    const res = await (await as('fra-head')).post(`/api/votes/${voteId}/ballots`, { choice: 'no', delegation: 'KAZ' });
    expect(res.status).toBe(403);
    expect(res.body.error.id).toBe('not_own_delegation');
    expect((await server.ctx.store.ballots.get(voteId, 'KAZ'))!.choice).toBe('yes');
    expect(await server.ctx.store.ballots.get(voteId, 'FRA')).toBeUndefined();
  });

  it.each([[{ choice: 'maybe' }], [{ choice: 'YES' }], [{}], [{ choice: 'yes', delegation: 'K' }]])(
    'refuses %j with 400',
    async (body) => {
      const res = await (await as('deu-head')).post(`/api/votes/${voteId}/ballots`, body);
      expect(res.status).toBe(400);
      expect(res.body.error.id).toBe('invalid_input');
      expect(await server.ctx.store.ballots.get(voteId, 'DEU')).toBeUndefined();
    },
  );

  it('answers 401 without a session and 404 for an unknown vote', async () => {
    expect((await server.anonymous().post(`/api/votes/${voteId}/ballots`, { choice: 'yes' })).status).toBe(401);
    const res = await (await as('kaz-head')).post('/api/votes/no-such-vote/ballots', { choice: 'yes' });
    expect(res.status).toBe(404);
    expect(res.body.error.id).toBe('vote_not_found');
  });

  it('keeps exactly one ballot when the same delegation casts twice at the same moment', async () => {
    const [a, b] = await Promise.all([
      (await as('gbr-head')).post(`/api/votes/${voteId}/ballots`, { choice: 'yes' }),
      (await as('gbr-head')).post(`/api/votes/${voteId}/ballots`, { choice: 'no' }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const rows = (await server.ctx.store.ballots.forVote(voteId)).filter((r) => r.delegation === 'GBR');
    expect(rows).toHaveLength(1);
    const count = await server.ctx.store.sql.get<{ n: number }>(
      "SELECT COUNT(*) AS n FROM ballots WHERE vote_id = ? AND delegation = 'GBR'",
      [voteId],
    );
    expect(count!.n).toBe(1);
    const entries = (await server.ctx.store.audit.entries()).filter(
      (e) => e.subject === `vote:${voteId}` && e.payload.delegation === 'GBR',
    );
    expect(entries.map((e) => e.action)).toEqual(['ballot.cast', 'ballot.change']);
    // The row holds the choice of the later ledger entry.
    expect(rows[0]!.choice).toBe(entries[1]!.payload.choice);
  });

  it('shows choices while open only to the chair and to the delegation that cast them', async () => {
    const observer = (await (await as('observer')).get(`/api/votes/${voteId}`)).body as VoteJson;
    expect(observer.ballots).toEqual([]);
    expect(observer.voted).toEqual(expect.arrayContaining(['KAZ', 'GBR']));
    const fra = (await (await as('fra-head')).get(`/api/votes/${voteId}`)).body as VoteJson;
    expect(fra.ballots).toEqual([]);
    const kazDelegate = (await (await as('kaz-delegate')).get(`/api/votes/${voteId}`)).body as VoteJson;
    expect(kazDelegate.ballots).toEqual([expect.objectContaining({ delegation: 'KAZ', choice: 'yes' })]);
    const chair = (await (await as('chair')).get(`/api/votes/${voteId}`)).body as VoteJson;
    expect(chair.ballots.map((b) => b.delegation).sort()).toEqual(['GBR', 'KAZ']);
    const list = (await (await as('observer')).get(`/api/documents/${doc.id}/votes`)).body.votes as VoteJson[];
    expect(list[0]!.ballots).toEqual([]);
  });
});

describe('the designated alternate', () => {
  it('is named by the head, among the delegation’s delegates, and may then vote and explain', async () => {
    const doc = await freshDocument('negotiation');
    const voteId = await openVote(doc.id, { subject: { type: 'clause', id: doc.clauses[1] }, rule: 'consensus' });
    const delegate = await as('ita-delegate');
    expect((await delegate.post(`/api/votes/${voteId}/ballots`, { choice: 'yes' })).status).toBe(403);

    const refusals: [string, string, unknown, number, string][] = [
      ['ita-delegate', 'ITA', { username: 'ita-delegate' }, 403, 'role_not_allowed'],
      ['fra-head', 'ITA', { username: 'ita-delegate' }, 403, 'not_own_delegation'],
      ['ita-head', 'ITA', { username: 'fra-delegate' }, 400, 'invalid_input'],
      ['ita-head', 'ITA', { username: 'ita-head' }, 400, 'invalid_input'],
      ['ita-head', 'ITA', { username: 'nobody' }, 404, 'user_not_found'],
      ['ita-head', 'ITA', { user: 'ita-delegate' }, 400, 'invalid_input'],
    ];
    for (const [username, code, body, status, id] of refusals) {
      const res = await (await as(username)).post(`/api/delegations/${code}/alternate`, body);
      expect([res.status, res.body.error?.id], `${username} ${JSON.stringify(body)}`).toEqual([status, id]);
    }

    const ok = await (await as('ita-head')).post('/api/delegations/ITA/alternate', { username: 'ita-delegate' });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ delegation: 'ITA', alternate: 'ita-delegate' });
    expect((await delegate.get('/api/delegations/ITA/alternate')).body).toEqual({
      delegation: 'ITA',
      alternate: 'ita-delegate',
      candidates: [{ username: 'ita-delegate', displayName: 'Delegate, Italy' }],
    });
    expect((await (await as('fra-head')).get('/api/delegations/ITA/alternate')).body).toEqual({
      delegation: 'ITA',
      alternate: 'ita-delegate',
    });
    expect((await delegate.get('/api/delegations/XXX/alternate')).status).toBe(404);

    expect((await delegate.post(`/api/votes/${voteId}/ballots`, { choice: 'abstain' })).status).toBe(200);
    expect(await server.ctx.store.ballots.get(voteId, 'ITA')).toMatchObject({
      choice: 'abstain',
      cast_by: (await server.ctx.store.users.byUsername('ita-delegate'))!.id,
    });
    expect(
      (
        await delegate.post(`/api/votes/${voteId}/explanations`, {
          when: 'before',
          text: 'We abstain pending consultations.',
        })
      ).status,
    ).toBe(201);
    // Another delegation's delegate is not the alternate.
    expect((await (await as('fra-delegate')).post(`/api/votes/${voteId}/ballots`, { choice: 'yes' })).status).toBe(403);

    expect(
      (await (await as('ita-head')).post('/api/delegations/ITA/alternate', { username: null })).body.alternate,
    ).toBeNull();
    const after = await delegate.post(`/api/votes/${voteId}/ballots`, { choice: 'no' });
    expect([after.status, after.body.error.id]).toEqual([403, 'role_not_allowed']);
    expect((await server.ctx.store.ballots.get(voteId, 'ITA'))!.choice).toBe('abstain');
    expect(
      (await server.ctx.store.audit.entries()).filter((e) => e.action === 'delegation.alternate').length,
    ).toBeGreaterThanOrEqual(2);
  });
});

describe('closing a vote', () => {
  it('is for the chair only, freezes the result by State, and refuses ballots afterwards', async () => {
    const doc = await freshDocument('negotiation');
    const voteId = await openVote(doc.id, {
      subject: { type: 'clause', id: doc.clauses[2] },
      rule: 'simple_majority',
      quorum: 3,
    });
    await cast('kaz-head', voteId, 'yes');
    await cast('fra-head', voteId, 'yes');
    await cast('deu-head', voteId, 'no');
    await cast('gbr-head', voteId, 'abstain');
    for (const username of ['kaz-head', 'secretariat', 'observer']) {
      const res = await (await as(username)).post(`/api/votes/${voteId}/close`);
      expect([res.status, res.body.error.id], username).toEqual([403, 'role_not_allowed']);
    }
    expect((await server.anonymous().post(`/api/votes/${voteId}/close`)).status).toBe(401);
    expect((await (await as('chair')).post('/api/votes/nope/close')).status).toBe(404);

    const closed = await (await as('chair')).post(`/api/votes/${voteId}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.result).toEqual({
      outcome: 'adopted',
      yes: 2,
      no: 1,
      abstain: 1,
      present: 4,
      registered: 40,
      required: 3,
    });
    expect(closed.body).toMatchObject({ ...closed.body.result, id: voteId, status: 'closed' });

    const again = await (await as('chair')).post(`/api/votes/${voteId}/close`);
    expect([again.status, again.body.error.id]).toEqual([409, 'vote_closed']);
    const late = await (await as('ita-head')).post(`/api/votes/${voteId}/ballots`, { choice: 'no' });
    expect([late.status, late.body.error.id]).toEqual([409, 'vote_closed']);
    const change = await (await as('kaz-head')).post(`/api/votes/${voteId}/ballots`, { choice: 'no' });
    expect(change.status).toBe(409);

    // The recorded vote is public once closed.
    const seen = (await (await as('observer')).get(`/api/votes/${voteId}`)).body as VoteJson;
    expect(seen.status).toBe('closed');
    expect(seen.result?.outcome).toBe('adopted');
    expect(seen.ballots.map((b) => [b.delegation, b.choice])).toEqual([
      ['DEU', 'no'],
      ['FRA', 'yes'],
      ['GBR', 'abstain'],
      ['KAZ', 'yes'],
    ]);

    // An adopted clause is agreed ad referendum, which locks it.
    const clause = (await (await as('observer')).get(`/api/documents/${doc.id}`)).body.clauses[2];
    expect(clause.status).toBe('agreed_ad_ref');

    const closeRow = (await ledger('vote.close', voteId))[0]!;
    expect(closeRow.payload.result).toEqual(closed.body.result);
    expect(closeRow.payload.ballots).toHaveLength(4);
  });

  it('never recomputes a frozen result', async () => {
    const doc = await freshDocument('negotiation');
    const voteId = await openVote(doc.id, { subject: { type: 'clause', id: doc.clauses[1] }, rule: 'consensus' });
    await cast('kaz-head', voteId, 'yes');
    const closed = (await (await as('chair')).post(`/api/votes/${voteId}/close`)).body as VoteJson;
    // Even a delegation registered afterwards does not move the stored result.
    await expect(server.ctx.store.sql.run("UPDATE votes SET result = '{}' WHERE id = ?", [voteId])).rejects.toThrow(
      /frozen/,
    );
    expect((await (await as('chair')).get(`/api/votes/${voteId}`)).body.result).toEqual(closed.result);
  });

  it('reports no quorum, and then changes nothing', async () => {
    const doc = await freshDocument('negotiation');
    const voteId = await openVote(doc.id, {
      subject: { type: 'document' },
      rule: 'consensus',
      quorum: 0.5,
      acknowledge: true,
    });
    await cast('kaz-head', voteId, 'yes');
    const closed = await (await as('chair')).post(`/api/votes/${voteId}/close`);
    expect(closed.body.result).toMatchObject({ outcome: 'no_quorum', present: 1, required: 20 });
    expect((await (await as('chair')).get(`/api/documents/${doc.id}`)).body.stage).toBe('adoption');
  });

  it('of the whole text, adopted, moves the document to adopted and opens endorsements', async () => {
    const doc = await freshDocument('adoption');
    const voteId = await openVote(doc.id, { subject: { type: 'document' }, rule: 'two_thirds', acknowledge: true });
    const early = await (await as('kaz-head')).post(`/api/documents/${doc.id}/endorsements`, { kind: 'endorse' });
    expect([early.status, early.body.error.id]).toEqual([403, 'stage_not_allowed']);
    await cast('kaz-head', voteId, 'yes');
    await cast('fra-head', voteId, 'yes');
    await cast('deu-head', voteId, 'no');
    const closed = await (await as('chair')).post(`/api/votes/${voteId}/close`);
    expect(closed.body.result.outcome).toBe('adopted');
    expect((await (await as('observer')).get(`/api/documents/${doc.id}`)).body.stage).toBe('adopted');
    const stageRow = (await server.ctx.store.audit.forDocument(doc.id)).find((e) => e.action === 'document.stage');
    expect(stageRow?.payload).toEqual({ from: 'adoption', to: 'adopted', vote: voteId });
    // Adoption is final: no more votes on it.
    const reopen = await (
      await as('chair')
    ).post(`/api/documents/${doc.id}/votes`, { subject: { type: 'document' }, rule: 'consensus', acknowledge: true });
    expect(reopen.status).toBe(403);

    const endorse = (username: string, body: unknown) =>
      as(username).then((c) => c.post(`/api/documents/${doc.id}/endorsements`, body));
    expect((await endorse('kaz-head', { kind: 'endorse' })).status).toBe(201);
    expect((await endorse('fra-head', { kind: 'endorse_with_reservation', statement: 'On paragraph 3.' })).status).toBe(
      201,
    );
    expect((await endorse('deu-head', { kind: 'endorse_with_reservation' })).status).toBe(400);
    expect((await endorse('deu-head', { kind: 'endorse_with_reservation', statement: '   ' })).status).toBe(400);
    expect((await endorse('deu-head', { kind: 'approve' })).status).toBe(400);
    expect((await endorse('deu-delegate', { kind: 'endorse' })).status).toBe(403);
    expect((await endorse('observer', { kind: 'endorse' })).status).toBe(403);
    expect((await endorse('deu-head', { kind: 'not_endorse' })).status).toBe(201);
    expect((await endorse('deu-head', { kind: 'endorse' })).status).toBe(201);
    const list = await (await as('observer')).get(`/api/documents/${doc.id}/endorsements`);
    expect(
      list.body.endorsements.map((e: { delegation: string; kind: string; statement: string | null }) => [
        e.delegation,
        e.kind,
        e.statement,
      ]),
    ).toEqual([
      ['DEU', 'endorse', null],
      ['FRA', 'endorse_with_reservation', 'On paragraph 3.'],
      ['KAZ', 'endorse', null],
    ]);
    const rows = (await server.ctx.store.audit.forDocument(doc.id)).filter((e) => e.action === 'endorsement.record');
    expect(rows).toHaveLength(4);
    expect(rows[3]!.payload).toEqual({ delegation: 'DEU', kind: 'endorse', statement: null, previous: 'not_endorse' });
  });

  it('of the whole text, not adopted, leaves the document in adoption', async () => {
    const doc = await freshDocument('adoption');
    const voteId = await openVote(doc.id, {
      subject: { type: 'document' },
      rule: 'simple_majority',
      acknowledge: true,
    });
    await cast('kaz-head', voteId, 'yes');
    await cast('fra-head', voteId, 'no');
    expect((await (await as('chair')).post(`/api/votes/${voteId}/close`)).body.result.outcome).toBe('not_adopted');
    expect((await (await as('chair')).get(`/api/documents/${doc.id}`)).body.stage).toBe('adoption');
    // A new vote on the same subject may follow once the first is closed.
    await openVote(doc.id, { subject: { type: 'document' }, rule: 'simple_majority', acknowledge: true });
  });
});

describe('a vote on an amendment', () => {
  it('applies an adopted amendment to the text like an accepted one', async () => {
    const doc = await freshDocument('negotiation');
    const clauseId = doc.clauses[2]!;
    const node = readClause((await server.ctx.registry.get(doc.id))!, clauseId);
    const amendmentId = newId();
    await server.ctx.store.amendments.insert({
      id: amendmentId,
      documentId: doc.id,
      clauseId,
      kind: 'replace',
      text: '*Urges* all States to act without delay.',
      rationale: 'Stronger.',
      delegation: 'FRA',
      proposerId: (await server.ctx.store.users.byUsername('fra-delegate'))!.id,
      baseText: clauseToPlainText(node),
      baseMarkup: toMarkup(node),
    });
    const voteId = await openVote(doc.id, { subject: { type: 'amendment', id: amendmentId }, rule: 'simple_majority' });
    expect((await server.ctx.store.amendments.get(amendmentId))!.status).toBe('put_to_vote');
    const twice = await (
      await as('chair')
    ).post(`/api/documents/${doc.id}/votes`, { subject: { type: 'amendment', id: amendmentId }, rule: 'consensus' });
    expect(twice.status).toBe(409);
    const unknown = await (
      await as('chair')
    ).post(`/api/documents/${doc.id}/votes`, { subject: { type: 'amendment', id: 'nope' }, rule: 'consensus' });
    expect([unknown.status, unknown.body.error.id]).toEqual([404, 'amendment_not_found']);

    await cast('kaz-head', voteId, 'yes');
    await cast('deu-head', voteId, 'yes');
    await cast('gbr-head', voteId, 'no');
    expect((await (await as('chair')).post(`/api/votes/${voteId}/close`)).body.result.outcome).toBe('adopted');
    expect(await server.ctx.store.amendments.get(amendmentId)).toMatchObject({ status: 'adopted', applied: 1 });
    const text = (await (await as('observer')).get(`/api/documents/${doc.id}`)).body.clauses[2].text;
    expect(text).toBe('Urges all States to act without delay.');
  });
});

describe('explanations of vote', () => {
  it('come before the vote while open and after it once closed', async () => {
    const doc = await freshDocument('negotiation');
    const voteId = await openVote(doc.id, { subject: { type: 'clause', id: doc.clauses[1] }, rule: 'consensus' });
    const kaz = await as('kaz-head');
    expect(
      (await kaz.post(`/api/votes/${voteId}/explanations`, { when: 'before', text: 'We support the text.' })).status,
    ).toBe(201);
    const early = await kaz.post(`/api/votes/${voteId}/explanations`, { when: 'after', text: 'Too soon.' });
    expect([early.status, early.body.error.id]).toEqual([409, 'vote_not_closed']);
    expect((await kaz.post(`/api/votes/${voteId}/explanations`, { when: 'during', text: 'x' })).status).toBe(400);
    expect((await kaz.post(`/api/votes/${voteId}/explanations`, { when: 'before', text: '  ' })).status).toBe(400);
    expect(
      (await (await as('kaz-delegate')).post(`/api/votes/${voteId}/explanations`, { when: 'before', text: 'x' }))
        .status,
    ).toBe(403);
    expect(
      (await (await as('observer')).post(`/api/votes/${voteId}/explanations`, { when: 'before', text: 'x' })).status,
    ).toBe(403);
    await cast('kaz-head', voteId, 'yes');
    await (await as('chair')).post(`/api/votes/${voteId}/close`);
    const late = await kaz.post(`/api/votes/${voteId}/explanations`, { when: 'before', text: 'Late.' });
    expect([late.status, late.body.error.id]).toEqual([409, 'vote_closed']);
    expect(
      (await kaz.post(`/api/votes/${voteId}/explanations`, { when: 'after', text: 'We joined the consensus.' })).status,
    ).toBe(201);
    const vote = (await (await as('observer')).get(`/api/votes/${voteId}`)).body as VoteJson;
    expect(vote.explanations.map((e) => [e.delegation, e.when, e.text])).toEqual([
      ['KAZ', 'before', 'We support the text.'],
      ['KAZ', 'after', 'We joined the consensus.'],
    ]);
  });
});

describe('now discussing', () => {
  it('is set by the chair and read by everyone', async () => {
    const doc = await freshDocument('negotiation');
    const observer = await as('observer');
    expect((await observer.get(`/api/documents/${doc.id}/now-discussing`)).body).toEqual({
      documentId: doc.id,
      clauseId: null,
      by: null,
      at: null,
    });
    expect((await observer.post(`/api/documents/${doc.id}/now-discussing`, { clauseId: doc.clauses[1] })).status).toBe(
      403,
    );
    expect(
      (await (await as('secretariat')).post(`/api/documents/${doc.id}/now-discussing`, { clauseId: doc.clauses[1] }))
        .status,
    ).toBe(403);
    const chair = await as('chair');
    expect((await chair.post(`/api/documents/${doc.id}/now-discussing`, { clauseId: 'nope' })).status).toBe(404);
    expect((await chair.post(`/api/documents/${doc.id}/now-discussing`, {})).status).toBe(400);
    const set = await chair.post(`/api/documents/${doc.id}/now-discussing`, { clauseId: doc.clauses[1] });
    expect(set.body).toMatchObject({ clauseId: doc.clauses[1], by: 'chair' });
    expect((await observer.get(`/api/documents/${doc.id}/now-discussing`)).body.clauseId).toBe(doc.clauses[1]);
    expect((await chair.post(`/api/documents/${doc.id}/now-discussing`, { clauseId: null })).body.clauseId).toBeNull();
  });
});

describe('live events', () => {
  const followers = useFollowers();

  /** A socket.io client signed in as `username`, following `documentId`, recording every event it gets. */
  const follow = async (username: string, documentId: string): Promise<Follower> =>
    followers.follow(server.url, (await as(username)).cookie!, documentId);

  const until = async (check: () => boolean): Promise<void> => {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(check()).toBe(true);
  };

  it('send choices only to the chair and the casting delegation; everyone sees who voted, then the result', async () => {
    const doc = await freshDocument('negotiation');
    const chair = await follow('chair', doc.id);
    const observer = await follow('observer', doc.id);
    const kazDelegate = await follow('kaz-delegate', doc.id);
    const fraHead = await follow('fra-head', doc.id);
    const voteId = await openVote(doc.id, { subject: { type: 'document' }, rule: 'consensus', acknowledge: true });
    await cast('kaz-head', voteId, 'no');
    await until(
      () => observer.events.some(([e]) => e === 'vote:progress') && chair.events.some(([e]) => e === 'vote:tally'),
    );
    await until(() => kazDelegate.events.some(([e]) => e === 'vote:ballot'));

    const names = (events: [string, any][]) => events.map(([e]) => e);
    expect(names(observer.events)).toEqual(expect.arrayContaining(['document:stage', 'vote:opened', 'vote:progress']));
    for (const who of [observer, fraHead]) {
      expect(names(who.events)).not.toContain('vote:tally');
      expect(names(who.events)).not.toContain('vote:ballot');
      expect(JSON.stringify(who.events)).not.toContain('"no"');
    }
    expect(observer.events.find(([e]) => e === 'vote:progress')![1]).toEqual({
      documentId: doc.id,
      voteId,
      voted: ['KAZ'],
    });
    expect(chair.events.find(([e]) => e === 'vote:tally')![1]).toMatchObject({
      voteId,
      ballot: { delegation: 'KAZ', choice: 'no' },
      counts: { yes: 0, no: 1, abstain: 0, present: 1 },
    });
    expect(kazDelegate.events.find(([e]) => e === 'vote:ballot')![1]).toMatchObject({
      voteId,
      ballot: { delegation: 'KAZ', choice: 'no' },
      by: 'kaz-head',
    });
    expect(names(kazDelegate.events)).not.toContain('vote:tally');

    await (await as('chair')).post(`/api/votes/${voteId}/close`);
    await until(() =>
      [chair, observer, kazDelegate, fraHead].every((c) => c.events.some(([e]) => e === 'vote:closed')),
    );
    const results = [chair, observer, kazDelegate, fraHead].map(
      (c) => c.events.find(([e]) => e === 'vote:closed')![1].vote,
    );
    for (const vote of results) {
      expect(vote.result).toMatchObject({ outcome: 'not_adopted', no: 1, present: 1 });
      expect(vote.ballots).toEqual([expect.objectContaining({ delegation: 'KAZ', choice: 'no' })]);
    }

    await (await as('chair')).post(`/api/documents/${doc.id}/now-discussing`, { clauseId: doc.clauses[2] });
    await until(() => observer.events.some(([e]) => e === 'document:nowDiscussing'));
  });
});

describe('the ledger', () => {
  it('chains every vote, ballot, close and endorsement with the other governance actions, intact', async () => {
    const actions = new Set((await server.ctx.store.audit.entries()).map((e) => e.action));
    for (const action of [
      'vote.open',
      'ballot.cast',
      'ballot.change',
      'vote.close',
      'endorsement.record',
      'document.stage',
      'vote.explanation',
    ]) {
      expect(actions, action).toContain(action);
    }
    expect(await server.ctx.store.audit.verify()).toMatchObject({ intact: true });
  });
});
