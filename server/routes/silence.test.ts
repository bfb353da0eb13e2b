import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SilenceJson } from '../../shared/api/silence.js';
import type { Stage } from '../../shared/domain/stages.js';
import { newId } from '../db/ids.js';
import { concludeSilence } from '../commands/silence.js';
import { verifyLedger } from '../ledger/verify.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';
import { freshDocument as newDocument, ONE_OPERATIVE, signedIn } from '../../test/helpers/documents.js';
import { useFollowers } from '../../test/helpers/events.js';
import { waitFor } from '../../test/helpers/collabClient.js';

let server: TestServer;
const as = signedIn(() => server);

/** A new document in `stage` with one operative clause (unfinished: its clause is not agreed). */
async function freshDocument(on: TestServer, stage: Stage = 'adoption'): Promise<string> {
  return (await newDocument(on, stage, ONE_OPERATIVE)).id;
}

async function post(username: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  return (await as(username)).post(path, body);
}

const refusal = (res: { status: number; body: any }): [number, string] => [res.status, res.body.error?.id];
const inSeconds = (s: number): string => new Date(Date.now() + s * 1000).toISOString();

/** Polls until `fn` answers true (the server's clock takes the decision on its own). */
async function until(fn: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!(await fn())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function silenceOf(on: TestServer, id: string): Promise<SilenceJson | null> {
  const observer = on === server ? await as('observer') : await on.login('observer');
  return (await observer.get(`/api/documents/${id}/silence`)).body.silence as SilenceJson | null;
}

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_BURST: '0' });
});
afterAll(() => server.close());

describe('the silence procedure', () => {
  const followers = useFollowers();

  it('is started by the chair, broken by heads with statements, live and in the ledger', async () => {
    const id = await freshDocument(server);
    const observer = await followers.follow(server.url, (await as('observer')).cookie!, id);
    expect((await (await as('observer')).get(`/api/documents/${id}/silence`)).body).toEqual({ silence: null });
    const body = { subject: 'adoption', minutes: 60 };
    expect(refusal(await post('chair', `/api/documents/${id}/silence`, body))).toEqual([409, 'needs_acknowledgement']);
    const started = await post('chair', `/api/documents/${id}/silence`, { ...body, acknowledge: true });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body).toMatchObject({ subject: 'adoption', status: 'running', startedBy: 'chair', breaks: [] });
    expect(Date.parse(started.body.deadline) - Date.parse(started.body.startedAt)).toBeGreaterThan(59 * 60_000);
    const again = await post('chair', `/api/documents/${id}/silence`, { ...body, acknowledge: true });
    expect(refusal(again)).toEqual([409, 'silence_running']);

    expect(refusal(await post('kaz-delegate', `/api/documents/${id}/silence/break`, { statement: 'No' }))).toEqual([
      403,
      'role_not_allowed',
    ]);
    const broken = await post('fra-head', `/api/documents/${id}/silence/break`, {
      statement: 'France objects to PP3.',
    });
    expect(broken.status, JSON.stringify(broken.body)).toBe(200);
    expect(broken.body).toMatchObject({
      status: 'broken',
      breaks: [{ delegation: 'FRA', statement: 'France objects to PP3.' }],
    });
    const twice = await post('fra-head', `/api/documents/${id}/silence/break`, { statement: 'Again' });
    expect(refusal(twice)).toEqual([409, 'silence_already_broken']);
    const second = await post('kaz-head', `/api/documents/${id}/silence/break`, { statement: 'Kazakhstan too.' });
    expect(second.body.breaks.map((b: { delegation: string }) => b.delegation)).toEqual(['FRA', 'KAZ']);
    expect(refusal(await post('chair', `/api/documents/${id}/silence/withdraw`))).toEqual([409, 'silence_ended']);
    // Broken, the text stays in adoption: the chair may now put it to a vote.
    expect((await (await as('chair')).get(`/api/documents/${id}`)).body.stage).toBe('adoption');

    const changes = (): string[] =>
      observer.events.filter(([name]) => name === 'silence:changed').map(([, e]) => `${e.change}:${e.silence.status}`);
    await waitFor(() => changes().length === 3, 5000, 'silence events');
    expect(changes()).toEqual(['started:running', 'broken:broken', 'broken:broken']);
    const ledger = (await server.ctx.store.audit.forDocument(id)).filter((e) => e.action.startsWith('silence.'));
    expect(ledger.map((e) => [e.action, e.actor])).toEqual([
      ['silence.started', 'chair'],
      ['silence.broken', 'fra-head/FRA'],
      ['silence.broken', 'kaz-head/KAZ'],
    ]);
    expect(ledger[1]!.payload).toMatchObject({ delegation: 'FRA', statement: 'France objects to PP3.', ended: true });
  });

  it('refuses bad input, the wrong role or stage, and is withdrawn by the chair', async () => {
    const id = await freshDocument(server);
    const path = `/api/documents/${id}/silence`;
    const bad = [
      { subject: 'adoption' },
      { subject: 'adoption', minutes: 5, deadline: inSeconds(600) },
      { subject: 'adoption', minutes: 0 },
      { subject: 'clause', minutes: 5 },
      { subject: 'adoption', deadline: 'tomorrow' },
    ];
    for (const body of bad)
      expect(refusal(await post('chair', path, body)), JSON.stringify(body)).toEqual([400, 'invalid_input']);
    expect(
      refusal(await post('chair', path, { subject: 'adoption', deadline: inSeconds(-60), acknowledge: true })),
    ).toEqual([400, 'silence_deadline_invalid']);
    expect(refusal(await post('chair', path, { subject: 'adoption', deadline: inSeconds(8 * 86_400) }))).toEqual([
      400,
      'silence_deadline_invalid',
    ]);
    expect(refusal(await post('kaz-head', path, { subject: 'adoption', minutes: 5 }))).toEqual([
      403,
      'role_not_allowed',
    ]);
    expect(refusal(await post('fra-head', `${path}/break`, { statement: '  ' }))).toEqual([400, 'invalid_input']);
    expect(refusal(await post('fra-head', `${path}/break`, { statement: 'x' }))).toEqual([404, 'silence_not_found']);
    const negotiation = await freshDocument(server, 'negotiation');
    const early = await post('chair', `/api/documents/${negotiation}/silence`, { subject: 'adoption', minutes: 5 });
    expect(refusal(early)).toEqual([403, 'stage_not_allowed']);

    expect((await post('chair', path, { subject: 'adoption', minutes: 30, acknowledge: true })).status).toBe(201);
    const withdrawn = await post('chair', `${path}/withdraw`);
    expect([withdrawn.status, withdrawn.body.status]).toEqual([200, 'withdrawn']);
    expect(refusal(await post('fra-head', `${path}/break`, { statement: 'Late' }))).toEqual([409, 'silence_ended']);
    expect((await server.ctx.store.audit.forDocument(id)).map((e) => e.action)).toContain('silence.withdrawn');
    // Withdrawn, another may start.
    expect((await post('chair', path, { subject: 'adoption', minutes: 30, acknowledge: true })).status).toBe(201);
    expect((await post('chair', `${path}/withdraw`)).status).toBe(200);
  });

  it('adopts the text without a vote at an unbroken deadline, once, naming the procedure in the ledger', async () => {
    const id = await freshDocument(server);
    const observer = await followers.follow(server.url, (await as('observer')).cookie!, id);
    const started = await post('chair', `/api/documents/${id}/silence`, {
      subject: 'adoption',
      deadline: inSeconds(1),
      acknowledge: true,
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    await until(async () => (await silenceOf(server, id))?.status === 'passed', 5000, 'the decision at the deadline');
    const doc = (await (await as('chair')).get(`/api/documents/${id}`)).body;
    expect(doc.stage).toBe('adopted');
    expect(doc.adoption).toMatchObject({ method: 'without_vote', silence: started.body.id });
    const ledger = (await server.ctx.store.audit.forDocument(id)).map((e) => `${e.action}:${e.actor}`);
    const passed = ledger.indexOf('silence.passed:null');
    expect(passed, ledger.join()).toBeGreaterThan(-1);
    expect(ledger.slice(passed)).toEqual(expect.arrayContaining(['document.stage:chair', 'document.adopted:chair']));
    expect(ledger.filter((e) => e.startsWith('document.adopted'))).toHaveLength(1);
    await waitFor(
      () => observer.events.some(([name, e]) => name === 'silence:changed' && e.change === 'passed'),
      5000,
      'the end of silence, live',
    );
    expect(observer.events.some(([name, e]) => name === 'document:stage' && e.stage === 'adopted')).toBe(true);
    const report = await verifyLedger(server.ctx.store.sql, { publicKey: server.ctx.signingKey });
    expect(report.problems).toEqual([]);
  });

  it('is withdrawn when the text leaves the adoption stage, and at its deadline when a vote on the whole text is open', async () => {
    const id = await freshDocument(server);
    const path = `/api/documents/${id}/silence`;
    await post('chair', path, { subject: 'adoption', minutes: 30, acknowledge: true });
    const back = await post('chair', `/api/documents/${id}/stage`, { stage: 'negotiation', reason: 'More talks' });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(await silenceOf(server, id)).toMatchObject({ status: 'withdrawn', endedReason: 'stage_changed' });
    const ledger = (await server.ctx.store.audit.forDocument(id))
      .map((e) => e.action)
      .filter((a) => a !== 'ledger.checkpoint');
    expect(ledger.slice(-2)).toEqual(['document.stage', 'silence.withdrawn']);

    expect((await post('chair', `/api/documents/${id}/stage`, { stage: 'adoption' })).status).toBe(200);
    await post('chair', path, { subject: 'adoption', deadline: inSeconds(1), acknowledge: true });
    const vote = await post('chair', `/api/documents/${id}/votes`, {
      subject: { type: 'document', id },
      rule: 'simple_majority',
      acknowledge: true,
    });
    expect(vote.status, JSON.stringify(vote.body)).toBe(201);
    await until(async () => (await silenceOf(server, id))?.status !== 'running', 5000, 'the deadline');
    expect(await silenceOf(server, id)).toMatchObject({ status: 'withdrawn', endedReason: 'vote_open' });
    expect((await server.ctx.store.documents.get(id))!.stage).toBe('adoption');
  });
});

describe('a deadline that has passed', () => {
  it('ends silence: a break or a withdrawal then comes too late, and the decision stands', async () => {
    const id = await freshDocument(server);
    const silenceId = `late-${newId()}`;
    // Stored as a node would find it in the moment between the deadline and its timer.
    await server.ctx.store.silences.start({
      id: silenceId,
      documentId: id,
      subject: 'adoption',
      deadline: inSeconds(-1),
      acknowledge: true,
      by: (await server.ctx.store.users.byUsername('chair'))!.id,
    });
    const late = await post('fra-head', `/api/documents/${id}/silence/break`, { statement: 'Too late' });
    expect(refusal(late)).toEqual([409, 'silence_ended']);
    expect(refusal(await post('chair', `/api/documents/${id}/silence/withdraw`))).toEqual([409, 'silence_ended']);
    await concludeSilence(server.ctx, silenceId);
    expect(await silenceOf(server, id)).toMatchObject({ status: 'passed', breaks: [] });
    expect((await server.ctx.store.documents.get(id))!.stage).toBe('adopted');
  });
});

describe('a deadline passing while the server is stopped', () => {
  it('is taken at the next start', async () => {
    const first = await startTestServer({}, { keepData: true });
    const id = await freshDocument(first);
    const chair = await first.login('chair');
    const deadline = inSeconds(1);
    const started = await chair.post(`/api/documents/${id}/silence`, {
      subject: 'adoption',
      deadline,
      acknowledge: true,
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    await first.close();
    // Stopped past the deadline: nothing could take the decision meanwhile.
    await until(async () => Date.now() > Date.parse(deadline) + 100, 5000, 'the deadline to pass');
    const second = await startTestServer({}, { dataDir: first.dataDir });
    try {
      const row = async () => second.ctx.store.silences.latest(id);
      await until(async () => (await row())?.status === 'passed', 5000, 'the decision at start');
      expect((await second.ctx.store.documents.get(id))!.stage).toBe('adopted');
      const adopted = (await second.ctx.store.audit.forDocument(id)).filter((e) => e.action === 'document.adopted');
      expect(adopted.map((e) => e.payload.silence)).toEqual([started.body.id]);
    } finally {
      await second.close();
      fs.rmSync(first.dataDir, { recursive: true, force: true });
    }
  });
});
