import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RollJson } from '../../shared/api/roll.js';
import type { Stage } from '../../shared/domain/stages.js';
import { verifyLedger } from '../ledger/verify.js';
import { countryName } from '../../shared/domain/countries.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';
import { freshDocument as newDocument, ONE_OPERATIVE, signedIn } from '../../test/helpers/documents.js';
import { useFollowers } from '../../test/helpers/events.js';
import { waitFor } from '../../test/helpers/collabClient.js';

let server: TestServer;
const as = signedIn(() => server);

/** A new document in `stage` with one operative clause. */
async function freshDocument(stage: Stage = 'negotiation'): Promise<{ id: string; clause: string }> {
  const { id, clauses } = await newDocument(server, stage, ONE_OPERATIVE);
  return { id, clause: clauses[1]! };
}

async function post(username: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  return (await as(username)).post(path, body);
}

const presentOf = (roll: RollJson): string[] => roll.present.map((p) => `${p.delegation}:${p.how}`);

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_BURST: '0' });
});
afterAll(() => server.close());

describe('the roll of a meeting', () => {
  const followers = useFollowers();

  it('is opened, recorded, checked into and closed, live and in the ledger', async () => {
    const { id } = await freshDocument();
    const observer = await followers.follow(server.url, (await as('observer')).cookie!, id);
    expect((await (await as('observer')).get(`/api/documents/${id}/roll`)).body).toEqual({ roll: null });
    const opened = await post('secretariat', `/api/documents/${id}/roll`, { meeting: '3rd plenary meeting' });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ meeting: '3rd plenary meeting', status: 'open', openedBy: 'secretariat' });
    const again = await post('chair', `/api/documents/${id}/roll`, {});
    expect([again.status, again.body.error.id]).toEqual([409, 'roll_open']);
    expect(
      (await post('chair', `/api/documents/${id}/roll/entries`, { delegation: 'kaz', present: true })).status,
    ).toBe(200);
    await post('secretariat', `/api/documents/${id}/roll/entries`, { delegation: 'DEU', present: true });
    const checked = await post('fra-head', `/api/documents/${id}/roll/check-in`);
    expect(presentOf(checked.body)).toEqual(['DEU:recorded', 'FRA:checked_in', 'KAZ:recorded']);
    const removed = await post('chair', `/api/documents/${id}/roll/entries`, { delegation: 'DEU', present: false });
    expect(presentOf(removed.body)).toEqual(['FRA:checked_in', 'KAZ:recorded']);
    const closed = await post('chair', `/api/documents/${id}/roll/close`);
    expect([closed.status, closed.body.status]).toEqual([200, 'closed']);
    const late = await post('deu-head', `/api/documents/${id}/roll/check-in`);
    expect([late.status, late.body.error.id]).toEqual([404, 'roll_not_found']);
    const read = (await (await as('kaz-delegate')).get(`/api/documents/${id}/roll`)).body.roll as RollJson;
    expect([read.status, presentOf(read)]).toEqual(['closed', ['FRA:checked_in', 'KAZ:recorded']]);

    const changes = ['opened', 'recorded', 'recorded', 'checked_in', 'removed', 'closed'];
    const events = () => observer.events.filter(([name]) => name === 'roll:changed').map(([, e]) => e);
    await waitFor(() => events().length === changes.length, 5000, 'roll events');
    expect(events().map((e) => e.change)).toEqual(changes);
    const ledger = (await server.ctx.store.audit.forDocument(id)).filter((e) => e.action.startsWith('roll.'));
    expect(ledger.map((e) => e.action)).toEqual(changes.map((c) => `roll.${c}`));
    expect(ledger.at(-1)!.payload).toEqual({ present: ['FRA', 'KAZ'] });
  });

  it('refuses the wrong roles (403), bad input (400), unknown delegations (404) and a closed roll (404)', async () => {
    const { id } = await freshDocument();
    for (const username of ['kaz-head', 'kaz-delegate', 'observer', 'admin']) {
      const res = await post(username, `/api/documents/${id}/roll`, {});
      expect([username, res.status, res.body.error.id]).toEqual([username, 403, 'role_not_allowed']);
    }
    await post('chair', `/api/documents/${id}/roll`, {});
    for (const username of ['kaz-delegate', 'chair', 'secretariat']) {
      const res = await post(username, `/api/documents/${id}/roll/check-in`);
      expect([username, res.status, res.body.error.id]).toEqual([username, 403, 'role_not_allowed']);
    }
    const byHead = await post('kaz-head', `/api/documents/${id}/roll/entries`, { delegation: 'FRA', present: true });
    expect([byHead.status, byHead.body.error.id]).toEqual([403, 'role_not_allowed']);
    for (const body of [{ delegation: 'FRA' }, { delegation: 'FRANCE', present: true }, { present: 'yes' }]) {
      const res = await post('chair', `/api/documents/${id}/roll/entries`, body);
      expect([JSON.stringify(body), res.status, res.body.error.id]).toEqual([
        JSON.stringify(body),
        400,
        'invalid_input',
      ]);
    }
    const unknown = await post('chair', `/api/documents/${id}/roll/entries`, { delegation: 'BRA', present: true });
    expect([unknown.status, unknown.body.error.id]).toEqual([404, 'delegation_not_found']);
    const other = await freshDocument();
    const none = await post('chair', `/api/documents/${other.id}/roll/close`);
    expect([none.status, none.body.error.id]).toEqual([404, 'roll_not_found']);
  });
});

describe('present and quorum from the roll', () => {
  /** Opens a simple-majority vote on the clause needing a quarter of the 40 delegations (10). */
  async function openVote(doc: { id: string; clause: string }): Promise<string> {
    const res = await post('chair', `/api/documents/${doc.id}/votes`, {
      subject: { type: 'clause', id: doc.clause },
      rule: 'simple_majority',
      quorum: 0.25,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  }

  async function castAndClose(vote: string): Promise<any> {
    for (const [head, choice] of [
      ['kaz-head', 'yes'],
      ['fra-head', 'no'],
      ['deu-head', 'yes'],
    ] as const)
      expect((await post(head, `/api/votes/${vote}/ballots`, { choice })).status).toBe(200);
    const closed = await post('chair', `/api/votes/${vote}/close`);
    expect(closed.status).toBe(200);
    return closed.body;
  }

  it('counts present as before when no roll was taken: those who cast a ballot', async () => {
    const result = await castAndClose(await openVote(await freshDocument()));
    expect(result).toMatchObject({ outcome: 'no_quorum', present: 3, required: 10 });
    expect(result.roll).toBeUndefined();
  });

  it('counts those on the roll and those who voted, meets the quorum with them, and the ledger agrees', async () => {
    const doc = await freshDocument();
    await post('secretariat', `/api/documents/${doc.id}/roll`, {});
    // Nine on the roll, KAZ and FRA among them; DEU votes without being on it.
    for (const delegation of ['KAZ', 'FRA', 'ITA', 'ESP', 'POL', 'GBR', 'USA', 'CAN', 'MEX'])
      await post('chair', `/api/documents/${doc.id}/roll/entries`, { delegation, present: true });
    await post('chair', `/api/documents/${doc.id}/roll/close`);
    const vote = await openVote(doc);
    const result = await castAndClose(vote);
    expect(result).toMatchObject({ outcome: 'adopted', yes: 2, no: 1, present: 10, required: 10 });
    expect(result.roll).toEqual(['CAN', 'ESP', 'FRA', 'GBR', 'ITA', 'KAZ', 'MEX', 'POL', 'USA']);
    expect((await (await as('observer')).get(`/api/votes/${vote}`)).body.result).toMatchObject({ present: 10 });
    const report = await verifyLedger(server.ctx.store.sql, { publicKey: server.ctx.signingKey });
    expect(report.problems).toEqual([]);
  });
});

describe('a vote by roll call', () => {
  it('draws the first State by lot, keeps the English order from it, and records the draw in the ledger', async () => {
    const doc = await freshDocument();
    const bad = await post('chair', `/api/documents/${doc.id}/votes`, {
      subject: { type: 'clause', id: doc.clause },
      rule: 'simple_majority',
      rollCall: 'yes',
    });
    expect([bad.status, bad.body.error.id]).toEqual([400, 'invalid_input']);
    const res = await post('chair', `/api/documents/${doc.id}/votes`, {
      subject: { type: 'clause', id: doc.clause },
      rule: 'simple_majority',
      rollCall: true,
    });
    expect(res.status).toBe(201);
    const order = res.body.rollCall as string[];
    expect([...order].sort()).toEqual((await server.ctx.store.delegations.list()).map((d) => d.code).sort());
    const english = [...order].sort((a, b) => countryName(a, 'en').localeCompare(countryName(b, 'en'), 'en'));
    const first = english.indexOf(order[0]!);
    expect(order).toEqual([...english.slice(first), ...english.slice(0, first)]);
    const draw = (await server.ctx.store.audit.forSubject(`vote:${res.body.id}`)).map((e) => [e.action, e.payload]);
    expect(draw.slice(0, 2)).toEqual([
      ['vote.open', expect.objectContaining({ rule: 'simple_majority' })],
      ['vote.draw', { first: order[0], order }],
    ]);
    expect((await (await as('observer')).get(`/api/votes/${res.body.id}`)).body.rollCall).toEqual(order);
    // An order changed in the table after the draw is named by verify-ledger.
    const swapped = JSON.stringify([order[1], order[0], ...order.slice(2)]);
    await server.ctx.store.sql.run('UPDATE votes SET roll_call = ? WHERE id = ?', [swapped, res.body.id]);
    const tampered = await verifyLedger(server.ctx.store.sql, { publicKey: server.ctx.signingKey });
    expect(tampered.problems.map((p) => [p.code, p.vote])).toEqual([['roll_call_disagrees', res.body.id]]);
    await server.ctx.store.sql.run('UPDATE votes SET roll_call = ? WHERE id = ?', [JSON.stringify(order), res.body.id]);
    // A vote without a roll call has no order.
    const plain = await post('chair', `/api/documents/${doc.id}/votes`, {
      subject: { type: 'document' },
      rule: 'consensus',
      acknowledge: true,
    });
    expect(plain.status, JSON.stringify(plain.body)).toBe(201);
    expect(plain.body.rollCall).toBeUndefined();
    expect((await post('chair', `/api/votes/${res.body.id}/close`)).status).toBe(200);
    const report = await verifyLedger(server.ctx.store.sql, { publicKey: server.ctx.signingKey });
    expect(report.problems).toEqual([]);
  });
});
