import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import type { DocumentJson } from '../../shared/api/documents.js';
import type { VoteJson } from '../../shared/api/votes.js';
import { getClauseFragment } from '../../shared/editor/ydoc.js';
import { documentFingerprint } from '../../server/export/source.js';
import { stateVectorBase64 } from '../../server/export/fingerprint.js';
import { stockProvider, syncedProvider, waitFor } from '../helpers/collabClient.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { FINISHED_TEXT, freshDocument, signedIn } from '../helpers/documents.js';
import { useFollowers } from '../helpers/events.js';

/**
 * Adoption, by a vote on the whole text or by the chair's recorded decision without a vote: what must be
 * acknowledged first, what lapses, what the ledger proves, and that nothing changes the text afterwards.
 */
let server: TestServer;
const as = signedIn(() => server);

beforeAll(async () => {
  // The chair sends more commands here than one person's rate limit allows a minute; the limit has tests of its own.
  server = await startTestServer({ RATE_LIMIT_BURST: '0' });
});
afterAll(() => server?.close());

const chair = () => as('chair');
const entries = async (documentId: string, action: string) =>
  (await server.ctx.store.audit.forDocument(documentId)).filter((e) => e.action === action);
const documentOf = async (id: string): Promise<DocumentJson> =>
  (await (await as('observer')).get(`/api/documents/${id}`)).body;

async function propose(
  documentId: string,
  clauseId: string,
  username = 'fra-delegate',
  text = '*Urges* States to act now.',
): Promise<string> {
  const res = await (
    await as(username)
  ).post(`/api/documents/${documentId}/amendments`, { clauseId, kind: 'replace', text, rationale: 'Stronger.' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

async function openVote(documentId: string, body: Record<string, unknown>): Promise<string> {
  const res = await (await chair()).post(`/api/documents/${documentId}/votes`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

async function cast(voteId: string, ballots: [string, string][]): Promise<void> {
  for (const [code, choice] of ballots) {
    const res = await (await as(`${code}-head`)).post(`/api/votes/${voteId}/ballots`, { choice });
    expect(res.status, `${code}: ${JSON.stringify(res.body)}`).toBe(200);
  }
}

/** The ledger's adoption entry must name exactly the text as stored now. */
async function expectFingerprintOfLiveText(documentId: string, payload: Record<string, unknown>): Promise<void> {
  const live = (await server.ctx.registry.get(documentId))!;
  expect(payload.fingerprint).toBe(documentFingerprint(live, await server.ctx.store.documents.clauses(documentId)));
  expect(payload.stateVector).toBe(stateVectorBase64(live));
}

describe('needs_acknowledgement', () => {
  it('lists what is unfinished before a vote on the whole text opens, changes nothing, and opens once acknowledged', async () => {
    const doc = await freshDocument(server, 'negotiation', [
      { kind: 'title', text: 'Test declaration', status: 'agreed_ad_ref' },
      { kind: 'preamble', text: '*Recognizing* the [right] to [inclusive] education,', status: 'agreed_ad_ref' },
      { kind: 'operative', text: '*Calls upon* States to act.', status: 'bracketed' },
      { kind: 'operative', text: '*Encourages* cooperation.', status: 'under_discussion' },
      { kind: 'operative', text: '*Invites* partners.' },
    ]);
    const [, pp1, op1, op2, op3] = doc.clauses as [string, string, string, string, string];
    const amendment = await propose(doc.id, op2);
    const clauseVote = await openVote(doc.id, { subject: { type: 'clause', id: op1 }, rule: 'consensus' });
    // The secretariat is typing in OP3 through the stock y-websocket client.
    const provider = stockProvider(server.url, doc.id, (await as('secretariat')).cookie!);
    try {
      await syncedProvider(provider);
      const text = (getClauseFragment(provider.doc, op3).get(0) as Y.XmlElement).get(0) as Y.XmlText;
      text.insert(text.length, ' and donors');
      await waitFor(() => getClauseFragment(server.ctx.registry.peek(doc.id)!, op3).toString().includes('and donors'));
    } finally {
      provider.destroy();
    }

    const refused = await (
      await chair()
    ).post(`/api/documents/${doc.id}/votes`, { subject: { type: 'document' }, rule: 'consensus' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toEqual({
      id: 'needs_acknowledgement',
      message: expect.any(String),
      items: [
        { kind: 'bracketed', clauseId: pp1, ref: 'PP1', passages: 2 },
        { kind: 'not_agreed', clauseId: op1, ref: 'OP1', status: 'bracketed' },
        { kind: 'not_agreed', clauseId: op2, ref: 'OP2', status: 'under_discussion' },
        { kind: 'not_agreed', clauseId: op3, ref: 'OP3', status: 'open' },
        {
          kind: 'amendment_undecided',
          amendmentId: amendment,
          clauseId: op2,
          ref: 'OP2',
          status: 'submitted',
          delegation: 'FRA',
        },
        { kind: 'typing', clauseId: op3, ref: 'OP3' },
        { kind: 'open_vote', voteId: clauseVote, subject: { type: 'clause', id: op1 }, ref: 'OP1' },
      ],
    });
    // Refused means refused: no vote, no stage move, nothing in the ledger.
    expect((await server.ctx.store.votes.forDocument(doc.id)).map((v) => v.id)).toEqual([clauseVote]);
    expect((await documentOf(doc.id)).stage).toBe('negotiation');
    expect(await entries(doc.id, 'document.stage')).toEqual([]);
    const notTrue = await (
      await chair()
    ).post(`/api/documents/${doc.id}/votes`, { subject: { type: 'document' }, rule: 'consensus', acknowledge: 'yes' });
    expect([notTrue.status, notTrue.body.error.id]).toEqual([400, 'invalid_input']);

    const voteId = await openVote(doc.id, { subject: { type: 'document' }, rule: 'consensus', acknowledge: true });
    const [opened] = (await entries(doc.id, 'vote.open')).filter((e) => e.subject === `vote:${voteId}`);
    expect(opened!.payload.acknowledged).toEqual(refused.body.error.items);
  });

  it('is not asked for a finished text, nor for a vote on a clause or an amendment', async () => {
    const doc = await freshDocument(server, 'negotiation', FINISHED_TEXT);
    await openVote(doc.id, { subject: { type: 'document' }, rule: 'consensus' });
    const open = await freshDocument(server, 'negotiation');
    await openVote(open.id, { subject: { type: 'clause', id: open.clauses[2] }, rule: 'consensus' });
    await openVote(open.id, {
      subject: { type: 'amendment', id: await propose(open.id, open.clauses[3]!) },
      rule: 'consensus',
    });
  });

  it('is asked before adoption without a vote, too', async () => {
    const doc = await freshDocument(server, 'adoption');
    const res = await (await chair()).post(`/api/documents/${doc.id}/adoption`, { objectionWindowMinutes: 10 });
    expect([res.status, res.body.error.id]).toEqual([409, 'needs_acknowledgement']);
    expect(res.body.error.items.map((i: { kind: string; ref: string }) => `${i.kind} ${i.ref}`)).toEqual([
      'not_agreed Title',
      'not_agreed PP1',
      'not_agreed OP1',
      'not_agreed OP2',
    ]);
    expect((await documentOf(doc.id)).stage).toBe('adoption');
    expect(await entries(doc.id, 'document.adopted')).toEqual([]);
  });
});

describe('adoption by a vote on the whole text', () => {
  const followers = useFollowers();

  it('lapses every other open vote and every undecided amendment, and records the adopted text’s fingerprint, in one transaction', async () => {
    const doc = await freshDocument(server, 'negotiation');
    const [, pp1, op1, op2] = doc.clauses as [string, string, string, string];
    const submitted = await propose(doc.id, op1);
    const inVote = await propose(doc.id, op2, 'deu-head', '*Encourages* close cooperation.');
    const accepted = await propose(doc.id, pp1, 'kaz-delegate', '*Recognizing* the right to inclusive education,');
    expect(
      (await (await as('secretariat')).post(`/api/amendments/${accepted}/decision`, { decision: 'accept' })).status,
    ).toBe(200);
    const amendmentVote = await openVote(doc.id, {
      subject: { type: 'amendment', id: inVote },
      rule: 'simple_majority',
    });
    const clauseVote = await openVote(doc.id, { subject: { type: 'clause', id: op1 }, rule: 'consensus' });
    const observer = await followers.follow(server.url, (await as('observer')).cookie!, doc.id);

    const voteId = await openVote(doc.id, {
      subject: { type: 'document' },
      rule: 'simple_majority',
      acknowledge: true,
    });
    await cast(voteId, [
      ['kaz', 'yes'],
      ['fra', 'yes'],
      ['deu', 'no'],
    ]);
    await cast(amendmentVote, [['kaz', 'yes']]);
    const closed = await (await chair()).post(`/api/votes/${voteId}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.result.outcome).toBe('adopted');
    expect((await documentOf(doc.id)).stage).toBe('adopted');

    for (const id of [amendmentVote, clauseVote]) {
      const vote = (await (await as('observer')).get(`/api/votes/${id}`)).body as VoteJson;
      expect(vote).toMatchObject({ id, status: 'lapsed', closedAt: expect.any(String) });
      expect(vote.result).toBeUndefined();
      // No recorded vote: the choices stay as private as while it was open.
      expect(vote.ballots).toEqual([]);
      const ballot = await (await as('fra-head')).post(`/api/votes/${id}/ballots`, { choice: 'yes' });
      expect([ballot.status, ballot.body.error.id]).toEqual([409, 'vote_closed']);
      const close = await (await chair()).post(`/api/votes/${id}/close`);
      expect([close.status, close.body.error.id]).toEqual([409, 'vote_closed']);
    }
    expect(
      ((await (await as('kaz-delegate')).get(`/api/votes/${amendmentVote}`)).body as VoteJson).ballots.map(
        (b) => b.choice,
      ),
    ).toEqual(['yes']);
    const statuses = Object.fromEntries(
      await Promise.all(
        [submitted, inVote, accepted].map(async (id) => [id, (await server.ctx.store.amendments.get(id))!.status]),
      ),
    );
    expect(statuses).toEqual({ [submitted]: 'lapsed', [inVote]: 'lapsed', [accepted]: 'accepted' });

    const ledger = await server.ctx.store.audit.forDocument(doc.id);
    const all = ledger.slice(ledger.findIndex((e) => e.action === 'vote.close' && e.subject === `vote:${voteId}`));
    // Each settling entry is signed into the ledger at once, the adoption last of all.
    expect(all.at(-1)!.action).toBe('ledger.checkpoint');
    const tail = all.filter((e) => e.action !== 'ledger.checkpoint');
    expect(tail.map((e) => `${e.action} ${e.subject}`)).toEqual([
      `vote.close vote:${voteId}`,
      `vote.lapse vote:${amendmentVote}`,
      `vote.lapse vote:${clauseVote}`,
      `amendment.lapse amendment:${submitted}`,
      `amendment.lapse amendment:${inVote}`,
      `document.stage document:${doc.id}`,
      `document.adopted document:${doc.id}`,
    ]);
    expect(tail[1]!.payload).toEqual({ reason: 'document_adopted', method: 'vote', vote: voteId });
    expect(tail[4]!.payload).toEqual({ from: 'put_to_vote', reason: 'document_adopted', method: 'vote', vote: voteId });
    expect(tail[5]!.payload).toEqual({ from: 'adoption', to: 'adopted', vote: voteId });
    const adopted = tail[6]!.payload;
    expect(Object.keys(adopted).sort()).toEqual(['fingerprint', 'method', 'stateVector', 'vote']);
    expect(adopted).toMatchObject({
      method: 'vote',
      vote: voteId,
      fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    await expectFingerprintOfLiveText(doc.id, adopted);
    expect(await server.ctx.store.audit.verify()).toMatchObject({ intact: true });

    await waitFor(
      () =>
        observer.events.some(([e]) => e === 'document:stage') &&
        observer.events.filter(([e]) => e === 'vote:lapsed').length === 2,
    );
    const lapsedEvents = observer.events
      .filter(([e]) => e === 'vote:lapsed')
      .map(([, p]) => [p.vote.id, p.vote.status]);
    expect(lapsedEvents).toEqual([
      [amendmentVote, 'lapsed'],
      [clauseVote, 'lapsed'],
    ]);
    await waitFor(
      () => observer.events.filter(([e, p]) => e === 'amendment:changed' && p.change === 'lapsed').length === 2,
    );
  });

  it('break 2: an amendment vote closed after the adoption cannot change the adopted text', async () => {
    const doc = await freshDocument(server, 'negotiation');
    const op1 = doc.clauses[2]!;
    const amendment = await propose(doc.id, op1, 'fra-delegate', '*Urges* all States to act without delay.');
    const amendmentVote = await openVote(doc.id, {
      subject: { type: 'amendment', id: amendment },
      rule: 'simple_majority',
    });
    await cast(amendmentVote, [
      ['kaz', 'yes'],
      ['fra', 'yes'],
    ]);
    const voteId = await openVote(doc.id, {
      subject: { type: 'document' },
      rule: 'simple_majority',
      acknowledge: true,
    });
    await cast(voteId, [
      ['kaz', 'yes'],
      ['fra', 'yes'],
    ]);
    expect((await (await chair()).post(`/api/votes/${voteId}/close`)).body.result.outcome).toBe('adopted');
    const before = await documentOf(doc.id);

    const late = await (await chair()).post(`/api/votes/${amendmentVote}/close`);
    expect(late.status).toBe(409);
    expect((await documentOf(doc.id)).clauses).toEqual(before.clauses);
    expect(before.clauses[2]!.text).toBe('Calls upon States to act.');
    expect((await server.ctx.store.amendments.get(amendment))!).toMatchObject({ status: 'lapsed', applied: 0 });
  });

  it('keeps the text the States are voting on: no amendment vote opens or closes into it while the vote on the whole text is open', async () => {
    const doc = await freshDocument(server, 'negotiation');
    const [, , op1, op2] = doc.clauses as [string, string, string, string];
    const amendment = await propose(doc.id, op1, 'fra-delegate', '*Urges* all States to act without delay.');
    const other = await propose(doc.id, op2, 'deu-head', '*Encourages* close cooperation.');
    const amendmentVote = await openVote(doc.id, {
      subject: { type: 'amendment', id: amendment },
      rule: 'simple_majority',
    });
    await cast(amendmentVote, [
      ['kaz', 'yes'],
      ['fra', 'yes'],
    ]);
    const voteId = await openVote(doc.id, {
      subject: { type: 'document' },
      rule: 'simple_majority',
      acknowledge: true,
    });
    const before = await documentOf(doc.id);
    const ledger = (await server.ctx.store.audit.forDocument(doc.id)).length;

    const close = await (await chair()).post(`/api/votes/${amendmentVote}/close`);
    expect([close.status, close.body.error?.id]).toEqual([409, 'vote_open']);
    const open = await (
      await chair()
    ).post(`/api/documents/${doc.id}/votes`, { subject: { type: 'amendment', id: other }, rule: 'simple_majority' });
    expect([open.status, open.body.error?.id]).toEqual([409, 'vote_open']);
    expect((await documentOf(doc.id)).clauses).toEqual(before.clauses);
    expect((await server.ctx.store.votes.get(amendmentVote))!.status).toBe('open');
    expect((await server.ctx.store.amendments.get(other))!.status).toBe('submitted');
    expect((await server.ctx.store.audit.forDocument(doc.id)).length).toBe(ledger);

    // Once the States have decided not to adopt, the text may move again.
    await cast(voteId, [['kaz', 'no']]);
    expect((await (await chair()).post(`/api/votes/${voteId}/close`)).body.result.outcome).toBe('not_adopted');
    const settled = await (await chair()).post(`/api/votes/${amendmentVote}/close`);
    expect([settled.status, settled.body.result?.outcome]).toEqual([200, 'adopted']);
    expect((await documentOf(doc.id)).clauses.find((c) => c.id === op1)!.text).toBe(
      'Urges all States to act without delay.',
    );
  });

  it('keeps the document in adoption when the vote fails, and lapses nothing', async () => {
    const doc = await freshDocument(server, 'adoption');
    const clauseVote = await openVote(doc.id, { subject: { type: 'clause', id: doc.clauses[1] }, rule: 'consensus' });
    const voteId = await openVote(doc.id, {
      subject: { type: 'document' },
      rule: 'simple_majority',
      acknowledge: true,
    });
    await cast(voteId, [['kaz', 'no']]);
    expect((await (await chair()).post(`/api/votes/${voteId}/close`)).body.result.outcome).toBe('not_adopted');
    expect((await documentOf(doc.id)).stage).toBe('adoption');
    expect((await server.ctx.store.votes.get(clauseVote))!.status).toBe('open');
    expect(await entries(doc.id, 'document.adopted')).toEqual([]);
  });
});

describe('adoption without a vote', () => {
  const adopt = async (id: string, body: unknown, username = 'chair') =>
    (await as(username)).post(`/api/documents/${id}/adoption`, body);

  it('is the chair’s recorded decision, with the objection window given, in its own ledger entry', async () => {
    const doc = await freshDocument(server, 'adoption', FINISHED_TEXT);
    const res = await adopt(doc.id, { objectionWindowMinutes: 15 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: doc.id,
      stage: 'adopted',
      previous: 'adoption',
      method: 'without_vote',
      fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
      stateVector: expect.any(String),
      lapsed: { votes: [], amendments: [] },
    });
    expect((await documentOf(doc.id)).stage).toBe('adopted');
    const [stage] = await entries(doc.id, 'document.stage');
    expect(stage!.payload).toEqual({ from: 'adoption', to: 'adopted', method: 'without_vote' });
    const [adopted] = await entries(doc.id, 'document.adopted');
    expect(adopted).toMatchObject({ actor: 'chair', subject: `document:${doc.id}` });
    expect(adopted!.payload).toEqual({
      method: 'without_vote',
      objectionWindowMinutes: 15,
      fingerprint: res.body.fingerprint,
      stateVector: res.body.stateVector,
    });
    await expectFingerprintOfLiveText(doc.id, adopted!.payload);
    // Endorsements open, as after an adopting vote.
    expect(
      (await (await as('kaz-head')).post(`/api/documents/${doc.id}/endorsements`, { kind: 'endorse' })).status,
    ).toBe(201);
  });

  it('lapses open votes and undecided amendments, once acknowledged', async () => {
    const doc = await freshDocument(server, 'negotiation');
    const amendment = await propose(doc.id, doc.clauses[2]!);
    expect((await (await chair()).post(`/api/documents/${doc.id}/stage`, { stage: 'adoption' })).status).toBe(200);
    const clauseVote = await openVote(doc.id, { subject: { type: 'clause', id: doc.clauses[3] }, rule: 'consensus' });
    const res = await adopt(doc.id, { objectionWindowMinutes: 0, acknowledge: true });
    expect(res.status).toBe(200);
    expect(res.body.lapsed).toEqual({ votes: [clauseVote], amendments: [amendment] });
    expect((await server.ctx.store.votes.get(clauseVote))!.status).toBe('lapsed');
    expect((await server.ctx.store.amendments.get(amendment))!.status).toBe('lapsed');
    const [adopted] = await entries(doc.id, 'document.adopted');
    expect(adopted!.payload).toMatchObject({ method: 'without_vote', objectionWindowMinutes: 0 });
  });

  it('keeps the ballots of a lapsed vote out of the submission package, as secret as while it was open', async () => {
    const doc = await freshDocument(server, 'adoption');
    const clauseVote = await openVote(doc.id, { subject: { type: 'clause', id: doc.clauses[3] }, rule: 'consensus' });
    await cast(clauseVote, [
      ['kaz', 'yes'],
      ['fra', 'no'],
    ]);
    expect((await adopt(doc.id, { objectionWindowMinutes: 0, acknowledge: true })).status).toBe(200);
    expect((await server.ctx.store.votes.get(clauseVote))!.status).toBe('lapsed');
    const res = await fetch(`${server.url}/api/documents/${doc.id}/export?format=package`, {
      headers: { cookie: (await as('observer')).cookie! },
    });
    expect(res.status).toBe(200);
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    const extract = JSON.parse(await zip.file('ledger-extract.json')!.async('string')) as {
      action: string;
      subject: string | null;
    }[];
    expect(extract.filter((r) => r.subject === `vote:${clauseVote}`).map((r) => r.action)).toEqual([
      'vote.open',
      'vote.lapse',
    ]);
  });

  it('refuses the wrong person, the wrong stage, an open vote on the whole text and a bad window, changing nothing', async () => {
    const doc = await freshDocument(server, 'adoption', FINISHED_TEXT);
    for (const username of ['secretariat', 'kaz-head', 'observer', 'admin']) {
      const res = await adopt(doc.id, { objectionWindowMinutes: 5 }, username);
      expect([res.status, res.body.error.id], username).toEqual([403, 'role_not_allowed']);
    }
    expect(
      (await server.anonymous().post(`/api/documents/${doc.id}/adoption`, { objectionWindowMinutes: 5 })).status,
    ).toBe(401);
    for (const body of [
      {},
      { objectionWindowMinutes: -1 },
      { objectionWindowMinutes: 2.5 },
      { objectionWindowMinutes: '5' },
      { objectionWindowMinutes: 100_000 },
    ]) {
      const res = await adopt(doc.id, body);
      expect([res.status, res.body.error.id, res.body.error.field], JSON.stringify(body)).toEqual([
        400,
        'invalid_input',
        'objectionWindowMinutes',
      ]);
    }
    expect((await adopt('no-such-document', { objectionWindowMinutes: 5 })).status).toBe(404);
    for (const stage of ['drafting', 'negotiation'] as const) {
      const early = await freshDocument(server, stage, FINISHED_TEXT);
      const res = await adopt(early.id, { objectionWindowMinutes: 5 });
      expect([res.status, res.body.error.id], stage).toEqual([403, 'stage_not_allowed']);
    }
    const voteId = await openVote(doc.id, { subject: { type: 'document' }, rule: 'consensus' });
    const during = await adopt(doc.id, { objectionWindowMinutes: 5 });
    expect([during.status, during.body.error.id]).toEqual([409, 'vote_open']);
    expect((await server.ctx.store.votes.get(voteId))!.status).toBe('open');
    expect((await documentOf(doc.id)).stage).toBe('adoption');
    expect(await entries(doc.id, 'document.adopted')).toEqual([]);
  });

  it('racing a vote on the whole text, either adopts (and the vote is refused) or lets the vote open (and is refused)', async () => {
    for (let round = 0; round < 5; round++) {
      const doc = await freshDocument(server, 'adoption', FINISHED_TEXT);
      const [adopted, opened] = await Promise.all([
        adopt(doc.id, { objectionWindowMinutes: 5 }),
        (await chair()).post(`/api/documents/${doc.id}/votes`, { subject: { type: 'document' }, rule: 'consensus' }),
      ]);
      const stage = (await server.ctx.store.documents.get(doc.id))!.stage;
      const votes = await server.ctx.store.votes.forDocument(doc.id);
      if (adopted.status === 200) {
        expect([opened.status, opened.body.error?.id, stage, votes.length]).toEqual([
          403,
          'stage_not_allowed',
          'adopted',
          0,
        ]);
      } else {
        expect([adopted.status, adopted.body.error?.id, opened.status, stage, votes.length]).toEqual([
          409,
          'vote_open',
          201,
          'adoption',
          1,
        ]);
      }
    }
  });

  it('sent twice at once, adopts once', async () => {
    const doc = await freshDocument(server, 'adoption', FINISHED_TEXT);
    const answers = await Promise.all([
      adopt(doc.id, { objectionWindowMinutes: 5 }),
      adopt(doc.id, { objectionWindowMinutes: 5 }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 403]);
    expect(answers.find((a) => a.status === 403)!.body.error.id).toBe('stage_not_allowed');
    expect(await entries(doc.id, 'document.adopted')).toHaveLength(1);
    expect(await entries(doc.id, 'document.stage')).toHaveLength(1);
  });
});

describe('the adoption as the document tells it', () => {
  it('carries the ledger’s document.adopted entry once adopted, by a vote or without, and nothing before', async () => {
    const byDecision = await freshDocument(server, 'adoption', FINISHED_TEXT);
    expect((await documentOf(byDecision.id)).adoption).toBeUndefined();
    expect(
      (await (await chair()).post(`/api/documents/${byDecision.id}/adoption`, { objectionWindowMinutes: 10 })).status,
    ).toBe(200);
    const [decided] = await entries(byDecision.id, 'document.adopted');
    expect((await documentOf(byDecision.id)).adoption).toEqual({
      ...decided!.payload,
      at: decided!.at,
      entry: decided!.seq,
    });
    expect(decided!.payload).toMatchObject({ method: 'without_vote', objectionWindowMinutes: 10 });

    const byVote = await freshDocument(server, 'adoption', FINISHED_TEXT);
    const voteId = await openVote(byVote.id, { subject: { type: 'document' }, rule: 'simple_majority' });
    await cast(voteId, [['kaz', 'yes']]);
    expect((await (await chair()).post(`/api/votes/${voteId}/close`)).status).toBe(200);
    const [voted] = await entries(byVote.id, 'document.adopted');
    const adoption = (await documentOf(byVote.id)).adoption!;
    expect(adoption).toEqual({
      method: 'vote',
      vote: voteId,
      fingerprint: voted!.payload.fingerprint,
      stateVector: voted!.payload.stateVector,
      at: voted!.at,
      entry: voted!.seq,
    });
    await expectFingerprintOfLiveText(byVote.id, adoption as unknown as Record<string, unknown>);
  });
});

describe('the frozen text', () => {
  it('refuses every server-side change once adopted (409 text_frozen), leaving the text and its log as they were', async () => {
    const doc = await freshDocument(server, 'adoption', FINISHED_TEXT);
    expect(
      (await (await chair()).post(`/api/documents/${doc.id}/adoption`, { objectionWindowMinutes: 0 })).status,
    ).toBe(200);
    const before = await documentOf(doc.id);
    const rows = (await server.ctx.store.docUpdates.since(doc.id, 0)).length;
    const change = server.ctx.store.transaction(() =>
      server.ctx.registry.change(doc.id, { userId: null, delegation: null }, (live) => {
        const text = (getClauseFragment(live, doc.clauses[2]!).get(0) as Y.XmlElement).get(0) as Y.XmlText;
        text.insert(0, 'Rewritten: ');
      }),
    );
    await expect(change).rejects.toMatchObject({ status: 409, id: 'text_frozen' });
    expect((await documentOf(doc.id)).clauses).toEqual(before.clauses);
    expect((await server.ctx.store.docUpdates.since(doc.id, 0)).length).toBe(rows);
  });

  it('refuses every command that writes text or clause rows after adoption', async () => {
    const doc = await freshDocument(server, 'adoption', FINISHED_TEXT);
    expect(
      (await (await chair()).post(`/api/documents/${doc.id}/adoption`, { objectionWindowMinutes: 0 })).status,
    ).toBe(200);
    const before = await documentOf(doc.id);
    const secretariat = await as('secretariat');
    const attempts = [
      await secretariat.post(`/api/documents/${doc.id}/clauses`, {
        kind: 'operative',
        after: doc.clauses[3],
        text: 'Invites more.',
      }),
      await secretariat.post(`/api/documents/${doc.id}/clauses/${doc.clauses[3]}/move`, { after: doc.clauses[1] }),
      await secretariat.request('DELETE', `/api/documents/${doc.id}/clauses/${doc.clauses[3]}`),
      await secretariat.post(`/api/documents/${doc.id}/clauses/${doc.clauses[3]}/status`, { status: 'open' }),
      await (await chair()).post(`/api/documents/${doc.id}/clauses/${doc.clauses[3]}/status`, { status: 'bracketed' }),
      await (
        await chair()
      ).post(`/api/documents/${doc.id}/votes`, { subject: { type: 'clause', id: doc.clauses[3] }, rule: 'consensus' }),
      await (
        await as('fra-delegate')
      ).post(`/api/documents/${doc.id}/amendments`, { clauseId: doc.clauses[3], kind: 'delete', rationale: 'Late.' }),
    ];
    expect(attempts.map((a) => [a.status, a.body.error?.id])).toEqual(attempts.map(() => [403, 'stage_not_allowed']));
    expect(await documentOf(doc.id)).toEqual(before);
  });

  it('holds as a second wall: votes on an amendment or a clause left open past adoption cannot be settled into the text or its clauses', async () => {
    // A vote that escaped lapsing (written directly, as a database from before lapsing existed may hold).
    const doc = await freshDocument(
      server,
      'negotiation',
      FINISHED_TEXT.map((c) => ({ ...c, status: 'open' as const })),
    );
    const amendment = await propose(
      doc.id,
      doc.clauses[2]!,
      'fra-delegate',
      '*Urges* all States to act without delay.',
    );
    const voteId = await openVote(doc.id, { subject: { type: 'amendment', id: amendment }, rule: 'simple_majority' });
    const clauseVote = await openVote(doc.id, { subject: { type: 'clause', id: doc.clauses[3] }, rule: 'consensus' });
    await cast(voteId, [['kaz', 'yes']]);
    await cast(clauseVote, [['kaz', 'yes']]);
    await server.ctx.store.documents.setStage(doc.id, 'adopted');
    const before = await documentOf(doc.id);
    for (const id of [voteId, clauseVote]) {
      const res = await (await chair()).post(`/api/votes/${id}/close`);
      expect([res.status, res.body.error?.id], id === voteId ? 'amendment vote' : 'clause vote').toEqual([
        409,
        'text_frozen',
      ]);
      expect((await server.ctx.store.votes.get(id))!.status).toBe('open');
    }
    // Neither the text nor a clause's status (agreed ad referendum, had the clause vote closed) changed.
    expect(await documentOf(doc.id)).toEqual(before);
    expect((await server.ctx.store.amendments.get(amendment))!.status).toBe('put_to_vote');
  });
});
