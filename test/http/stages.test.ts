import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentJson } from '../../shared/api/documents.js';
import type { Stage } from '../../shared/domain/stages.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { freshDocument, signedIn } from '../helpers/documents.js';
import { useFollowers } from '../helpers/events.js';

/**
 * The stage machine over HTTP (`POST /api/documents/:id/stage`): which moves the chair's button makes, what
 * refuses the others, and what the document tells each reader about them.
 */
let server: TestServer;
const as = signedIn(() => server);

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const stageOf = async (id: string): Promise<Stage> => (await server.ctx.store.documents.get(id))!.stage;
const stageEntries = async (id: string) =>
  (await server.ctx.store.audit.forDocument(id)).filter((e) => e.action === 'document.stage');
const move = async (id: string, body: unknown) => (await as('chair')).post(`/api/documents/${id}/stage`, body);

describe('the chair’s stage button', () => {
  const followers = useFollowers();

  it('refuses every move while a vote of the document is open: adoption → drafting kept ballots coming while everyone could edit', async () => {
    const doc = await freshDocument(server, 'adoption');
    const opened = await (
      await as('chair')
    ).post(`/api/documents/${doc.id}/votes`, { subject: { type: 'clause', id: doc.clauses[2] }, rule: 'consensus' });
    expect(opened.status).toBe(201);
    for (const stage of ['drafting', 'negotiation'] as const) {
      const res = await move(doc.id, { stage, reason: 'Back to the drafting committee.' });
      expect([res.status, res.body.error?.id], stage).toEqual([409, 'vote_open']);
    }
    expect(await stageOf(doc.id)).toBe('adoption');
    expect(await stageEntries(doc.id)).toEqual([]);
    // Nobody may write: the text stays frozen while the vote runs.
    const write = await (
      await as('secretariat')
    ).post(`/api/documents/${doc.id}/clauses`, { kind: 'operative', after: doc.clauses[3], text: 'Invites more.' });
    expect([write.status, write.body.error.id]).toEqual([403, 'stage_not_allowed']);

    expect((await (await as('chair')).post(`/api/votes/${opened.body.id}/close`)).status).toBe(200);
    expect((await move(doc.id, { stage: 'drafting', reason: 'Back to the drafting committee.' })).status).toBe(200);
    expect(await stageOf(doc.id)).toBe('drafting');
  });

  it('never leaves a vote open in a stage moved back under it, however the requests race', async () => {
    for (let round = 0; round < 5; round++) {
      const doc = await freshDocument(server, 'adoption');
      const chair = await as('chair');
      const [opened, moved] = await Promise.all([
        chair.post(`/api/documents/${doc.id}/votes`, {
          subject: { type: 'clause', id: doc.clauses[2] },
          rule: 'consensus',
        }),
        chair.post(`/api/documents/${doc.id}/stage`, { stage: 'drafting', reason: 'Back to the drafting committee.' }),
      ]);
      // One of them went first; the other saw what it did.
      const outcome = [opened.status, moved.status].sort().join(' ');
      expect(
        ['201 409', '200 403'],
        `${opened.status} ${JSON.stringify(opened.body)} / ${moved.status} ${JSON.stringify(moved.body)}`,
      ).toContain(outcome);
      const open = (await server.ctx.store.votes.openForDocument(doc.id)).length;
      expect([await stageOf(doc.id), open]).toEqual(opened.status === 201 ? ['adoption', 1] : ['drafting', 0]);
    }
  });

  it('refuses a forward move too while a vote is open (409 vote_open)', async () => {
    const doc = await freshDocument(server, 'negotiation');
    await (
      await as('chair')
    ).post(`/api/documents/${doc.id}/votes`, { subject: { type: 'clause', id: doc.clauses[1] }, rule: 'consensus' });
    const res = await move(doc.id, { stage: 'adoption' });
    expect([res.status, res.body.error?.id]).toEqual([409, 'vote_open']);
    expect(await stageOf(doc.id)).toBe('negotiation');
  });

  it.each(['drafting', 'negotiation', 'adoption'] as const)(
    'never makes a text adopted from %s: adoption is a vote or the chair’s recorded decision',
    async (from) => {
      const doc = await freshDocument(server, from);
      const res = await move(doc.id, { stage: 'adopted' });
      expect([res.status, res.body.error?.id]).toEqual([409, 'adoption_not_by_stage']);
      expect(await stageOf(doc.id)).toBe(from);
      expect(await stageEntries(doc.id)).toEqual([]);
    },
  );

  it('moves forward without a reason: drafting → negotiation → adoption, and drafting straight to adoption', async () => {
    const doc = await freshDocument(server, 'drafting');
    expect((await move(doc.id, { stage: 'negotiation' })).body).toEqual({
      id: doc.id,
      stage: 'negotiation',
      previous: 'drafting',
    });
    expect((await move(doc.id, { stage: 'adoption' })).body).toEqual({
      id: doc.id,
      stage: 'adoption',
      previous: 'negotiation',
    });
    expect((await stageEntries(doc.id)).map((e) => e.payload)).toEqual([
      { from: 'drafting', to: 'negotiation' },
      { from: 'negotiation', to: 'adoption' },
    ]);
    const other = await freshDocument(server, 'drafting');
    expect((await move(other.id, { stage: 'adoption', reason: 'No amendments were tabled.' })).status).toBe(200);
    expect((await stageEntries(other.id)).map((e) => e.payload)).toEqual([
      { from: 'drafting', to: 'adoption', reason: 'No amendments were tabled.' },
    ]);
  });

  it('goes back only with a reason (400 reason_required), which the ledger keeps and everyone is told', async () => {
    const doc = await freshDocument(server, 'adoption');
    const observer = await followers.follow(server.url, (await as('observer')).cookie!, doc.id);
    for (const body of [
      { stage: 'negotiation' },
      { stage: 'negotiation', reason: '   ' },
      { stage: 'negotiation', reason: null },
    ]) {
      const res = await move(doc.id, body);
      expect([res.status, res.body.error?.id], JSON.stringify(body)).toEqual([400, 'reason_required']);
    }
    const tooLong = await move(doc.id, { stage: 'negotiation', reason: 'x'.repeat(1001) });
    expect([tooLong.status, tooLong.body.error?.id]).toEqual([400, 'invalid_input']);
    expect(await stageOf(doc.id)).toBe('adoption');
    expect(await stageEntries(doc.id)).toEqual([]);

    const reason = 'Delegations asked to reopen OP2.';
    expect((await move(doc.id, { stage: 'negotiation', reason: `  ${reason} ` })).status).toBe(200);
    const [entry] = await stageEntries(doc.id);
    expect(entry).toMatchObject({
      actor: 'chair',
      subject: `document:${doc.id}`,
      payload: { from: 'adoption', to: 'negotiation', reason },
    });
    for (let i = 0; i < 200 && !observer.events.some(([e]) => e === 'document:stage'); i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(observer.events.find(([e]) => e === 'document:stage')?.[1]).toEqual({
      documentId: doc.id,
      stage: 'negotiation',
      by: 'chair',
      reason,
    });
  });

  it('changes nothing once the text is adopted (409 stage_final), and nothing when the stage is already the one asked', async () => {
    const doc = await freshDocument(server, 'adopted');
    for (const stage of ['drafting', 'negotiation', 'adoption'] as const) {
      const res = await move(doc.id, { stage, reason: 'Reopen.' });
      expect([res.status, res.body.error?.id]).toEqual([409, 'stage_final']);
    }
    const same = await freshDocument(server, 'negotiation');
    expect((await move(same.id, { stage: 'negotiation' })).body).toEqual({
      id: same.id,
      stage: 'negotiation',
      previous: 'negotiation',
    });
    expect(await stageEntries(same.id)).toEqual([]);
  });

  it('is the chair’s alone', async () => {
    const doc = await freshDocument(server, 'drafting');
    for (const username of ['secretariat', 'kaz-head', 'observer', 'admin']) {
      const res = await (await as(username)).post(`/api/documents/${doc.id}/stage`, { stage: 'negotiation' });
      expect([res.status, res.body.error?.id], username).toEqual([403, 'role_not_allowed']);
    }
    expect(await stageOf(doc.id)).toBe('drafting');
  });
});

describe('what the document tells a reader about the stage machine', () => {
  const movesOf = async (username: string, id: string) =>
    ((await (await as(username)).get(`/api/documents/${id}`)).body as DocumentJson).stageMoves;

  it('lists the moves from the current stage, how each is made, and why the reader may not make it now', async () => {
    const doc = await freshDocument(server, 'negotiation');
    expect(await movesOf('chair', doc.id)).toEqual([
      { to: 'drafting', way: 'back', reasonRequired: true, refusal: null },
      { to: 'adoption', way: 'forward', reasonRequired: false, refusal: null },
    ]);
    expect(await movesOf('observer', doc.id)).toEqual([
      { to: 'drafting', way: 'back', reasonRequired: true, refusal: 'role_not_allowed' },
      { to: 'adoption', way: 'forward', reasonRequired: false, refusal: 'role_not_allowed' },
    ]);
    await (
      await as('chair')
    ).post(`/api/documents/${doc.id}/votes`, { subject: { type: 'clause', id: doc.clauses[1] }, rule: 'consensus' });
    expect((await movesOf('chair', doc.id))!.map((m) => m.refusal)).toEqual(['vote_open', 'vote_open']);
  });

  it('offers adoption, not a stage move, from adoption; and nothing once adopted', async () => {
    const doc = await freshDocument(server, 'adoption');
    expect(await movesOf('chair', doc.id)).toEqual([
      { to: 'drafting', way: 'back', reasonRequired: true, refusal: null },
      { to: 'negotiation', way: 'back', reasonRequired: true, refusal: null },
      { to: 'adopted', way: 'adoption', reasonRequired: false, refusal: null },
    ]);
    // Other votes lapse at adoption; only a vote on the whole text holds it up.
    const clauseVote = await (
      await as('chair')
    ).post(`/api/documents/${doc.id}/votes`, { subject: { type: 'clause', id: doc.clauses[1] }, rule: 'consensus' });
    expect((await movesOf('chair', doc.id))!.map((m) => m.refusal)).toEqual(['vote_open', 'vote_open', null]);
    await (await as('chair')).post(`/api/votes/${clauseVote.body.id}/close`);
    await (
      await as('chair')
    ).post(`/api/documents/${doc.id}/votes`, { subject: { type: 'document' }, rule: 'consensus', acknowledge: true });
    expect((await movesOf('chair', doc.id))!.map((m) => m.refusal)).toEqual(['vote_open', 'vote_open', 'vote_open']);
    expect(await movesOf('chair', (await freshDocument(server, 'adopted')).id)).toEqual([]);
  });
});
