import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FloorJson } from '../../shared/api/floor.js';
import type { Stage } from '../../shared/domain/stages.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';
import { freshDocument as newDocument, ONE_OPERATIVE, signedIn } from '../../test/helpers/documents.js';
import { useFollowers } from '../../test/helpers/events.js';
import { waitFor } from '../../test/helpers/collabClient.js';

let server: TestServer;
const as = signedIn(() => server);

/** A new document in `stage` with one operative clause, so each test starts from an empty floor. */
async function freshDocument(stage: Stage = 'negotiation'): Promise<{ id: string; clause: string }> {
  const { id, clauses } = await newDocument(server, stage, ONE_OPERATIVE);
  return { id, clause: clauses[1]! };
}

/** Asks for the floor as `username`; expects 201 and returns the request's id. */
async function ask(username: string, doc: string, body: unknown = {}): Promise<string> {
  const res = await (await as(username)).post(`/api/documents/${doc}/floor`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

async function floorOf(doc: string, username = 'observer'): Promise<FloorJson> {
  const res = await (await as(username)).get(`/api/documents/${doc}/floor`);
  expect(res.status).toBe(200);
  return res.body as FloorJson;
}

/** The chair's command on a request (`grant`, `skip`, `move`) or on the floor (`end`, `settings`). */
async function chair(doc: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  return (await as('chair')).post(`/api/documents/${doc}/floor/${path}`, body);
}

const queueOf = (floor: FloorJson): string[] => floor.queue.map((e) => `${e.delegation}:${e.kind}`);

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_BURST: '0' });
});
afterAll(() => server.close());

describe('requesting the floor', () => {
  it('puts the delegation on the list with its subject and kind, for everyone who reads the document', async () => {
    const { id, clause } = await freshDocument();
    await ask('kaz-head', id);
    await ask('fra-delegate', id, { subject: { type: 'clause', id: clause } });
    const floor = await floorOf(id);
    expect(floor.current).toBeNull();
    expect(floor.open).toBe(true);
    expect(floor.queue.map(({ delegation, subject, kind }) => ({ delegation, subject, kind }))).toEqual([
      { delegation: 'KAZ', subject: { type: 'general' }, kind: 'speaker' },
      { delegation: 'FRA', subject: { type: 'clause', id: clause }, kind: 'speaker' },
    ]);
    expect(floor.queue[1]!.requestedBy).toBe('fra-delegate');
  });

  it('sends points of order to the front and rights of reply before the speakers', async () => {
    const { id } = await freshDocument();
    await ask('kaz-head', id);
    await ask('fra-head', id);
    await ask('deu-head', id, { kind: 'right_of_reply' });
    await ask('ita-head', id, { kind: 'point_of_order' });
    await ask('esp-head', id, { kind: 'right_of_reply' });
    expect(queueOf(await floorOf(id))).toEqual([
      'ITA:point_of_order',
      'DEU:right_of_reply',
      'ESP:right_of_reply',
      'KAZ:speaker',
      'FRA:speaker',
    ]);
  });

  it('takes an amendment of the document as subject, and refuses subjects of other documents (404)', async () => {
    const { id, clause } = await freshDocument('drafting');
    const proposed = await (
      await as('kaz-head')
    ).post(`/api/documents/${id}/amendments`, {
      clauseId: clause,
      kind: 'replace',
      text: 'Urges States to act.',
      rationale: 'Stronger.',
    });
    expect(proposed.status).toBe(201);
    await ask('fra-head', id, { subject: { type: 'amendment', id: proposed.body.id } });
    const other = await freshDocument();
    const head = await as('deu-head');
    const wrongClause = await head.post(`/api/documents/${other.id}/floor`, {
      subject: { type: 'clause', id: clause },
    });
    expect([wrongClause.status, wrongClause.body.error.id]).toEqual([404, 'clause_not_found']);
    const wrongAmendment = await head.post(`/api/documents/${other.id}/floor`, {
      subject: { type: 'amendment', id: proposed.body.id },
    });
    expect([wrongAmendment.status, wrongAmendment.body.error.id]).toEqual([404, 'amendment_not_found']);
  });

  it.each([
    [{ kind: 'speech' }],
    [{ subject: { type: 'clause' } }],
    [{ subject: { type: 'general', id: 'x' } }],
    [{ subject: 'general' }],
    [{ delegation: 'FRA' }],
  ])('refuses %j with 400', async (body) => {
    const { id } = await freshDocument();
    const res = await (await as('kaz-head')).post(`/api/documents/${id}/floor`, body);
    expect([res.status, res.body.error.id]).toEqual([400, 'invalid_input']);
    expect((await floorOf(id)).queue).toEqual([]);
  });

  it('refuses anyone outside a delegation (403), and after adoption (403)', async () => {
    const { id } = await freshDocument();
    for (const username of ['chair', 'secretariat', 'observer', 'admin']) {
      const res = await (await as(username)).post(`/api/documents/${id}/floor`, {});
      expect([username, res.status, res.body.error.id]).toEqual([username, 403, 'role_not_allowed']);
    }
    const adopted = await freshDocument('adopted');
    const res = await (await as('kaz-head')).post(`/api/documents/${adopted.id}/floor`, {});
    expect([res.status, res.body.error.id]).toEqual([403, 'stage_not_allowed']);
    expect((await server.anonymous().get(`/api/documents/${id}/floor`)).status).toBe(401);
  });

  it('keeps one request per delegation and kind: a second, even sent at once, is refused (409)', async () => {
    const { id } = await freshDocument();
    const [head, delegate] = [await as('kaz-head'), await as('kaz-delegate')];
    const answers = await Promise.all([
      head.post(`/api/documents/${id}/floor`, {}),
      delegate.post(`/api/documents/${id}/floor`, {}),
      head.post(`/api/documents/${id}/floor`, {}),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    expect(answers.filter((a) => a.status === 409).map((a) => a.body.error.id)).toEqual([
      'floor_already_requested',
      'floor_already_requested',
    ]);
    expect(queueOf(await floorOf(id))).toEqual(['KAZ:speaker']);
    // Another kind is another request.
    await ask('kaz-delegate', id, { kind: 'point_of_order' });
    expect(queueOf(await floorOf(id))).toEqual(['KAZ:point_of_order', 'KAZ:speaker']);
  });

  it('keeps the order by kind when many delegations ask at once', async () => {
    const { id } = await freshDocument();
    const heads = ['kaz', 'fra', 'deu', 'ita', 'esp', 'pol'];
    const clients = await Promise.all(heads.map((code) => as(`${code}-head`)));
    const answers = await Promise.all(
      clients.map((client, i) =>
        client.post(`/api/documents/${id}/floor`, { kind: i % 2 ? 'point_of_order' : 'speaker' }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(heads.map(() => 201));
    const kinds = (await floorOf(id)).queue.map((e) => e.kind);
    expect(kinds).toEqual(['point_of_order', 'point_of_order', 'point_of_order', 'speaker', 'speaker', 'speaker']);
  });

  it('lets the delegation withdraw its own request, and nobody else (403)', async () => {
    const { id } = await freshDocument();
    const request = await ask('kaz-head', id);
    const other = await (await as('fra-head')).post(`/api/documents/${id}/floor/requests/${request}/withdraw`);
    expect([other.status, other.body.error.id]).toEqual([403, 'not_own_delegation']);
    const byChair = await chair(id, `requests/${request}/withdraw`);
    expect([byChair.status, byChair.body.error.id]).toEqual([403, 'role_not_allowed']);
    const own = await (await as('kaz-delegate')).post(`/api/documents/${id}/floor/requests/${request}/withdraw`);
    expect(own.status).toBe(200);
    expect(own.body.queue).toEqual([]);
    const again = await (await as('kaz-head')).post(`/api/documents/${id}/floor/requests/${request}/withdraw`);
    expect([again.status, again.body.error.id]).toEqual([409, 'floor_request_settled']);
    // Withdrawn, the delegation may ask again.
    await ask('kaz-head', id);
  });
});

describe('the chair on the floor', () => {
  it('grants the first or any request, ending the current speaker; ends; skips', async () => {
    const { id } = await freshDocument();
    const kaz = await ask('kaz-head', id);
    const fra = await ask('fra-head', id);
    const deu = await ask('deu-head', id);
    let res = await chair(id, `requests/${fra}/grant`);
    expect(res.status).toBe(200);
    expect(res.body.current).toMatchObject({ id: fra, delegation: 'FRA', speakingSeconds: null });
    expect(res.body.current.grantedAt).toEqual(expect.any(String));
    expect(queueOf(res.body)).toEqual(['KAZ:speaker', 'DEU:speaker']);
    res = await chair(id, `requests/${kaz}/grant`);
    expect(res.body.current.id).toBe(kaz);
    expect(res.body.queue.map((e: { id: string }) => e.id)).toEqual([deu]);
    res = await chair(id, 'end');
    expect([res.status, res.body.current]).toEqual([200, null]);
    res = await chair(id, 'end');
    expect([res.status, res.body.error.id]).toEqual([409, 'floor_nobody_speaking']);
    res = await chair(id, `requests/${deu}/skip`);
    expect([res.status, res.body.queue]).toEqual([200, []]);
    res = await chair(id, `requests/${deu}/grant`);
    expect([res.status, res.body.error.id]).toEqual([409, 'floor_request_settled']);
    res = await chair(id, `requests/${kaz}/grant`);
    expect([res.status, res.body.error.id]).toEqual([409, 'floor_request_settled']);
  });

  it('moves a request up and down the list', async () => {
    const { id } = await freshDocument();
    await ask('kaz-head', id);
    await ask('fra-head', id);
    const deu = await ask('deu-head', id);
    let res = await chair(id, `requests/${deu}/move`, { direction: 'up' });
    expect(queueOf(res.body)).toEqual(['KAZ:speaker', 'DEU:speaker', 'FRA:speaker']);
    res = await chair(id, `requests/${deu}/move`, { direction: 'up' });
    res = await chair(id, `requests/${deu}/move`, { direction: 'up' });
    expect(queueOf(res.body)).toEqual(['DEU:speaker', 'KAZ:speaker', 'FRA:speaker']);
    res = await chair(id, `requests/${deu}/move`, { direction: 'down' });
    expect(queueOf(res.body)).toEqual(['KAZ:speaker', 'DEU:speaker', 'FRA:speaker']);
    // A later speaker still goes last; the chair's order holds.
    await ask('ita-head', id);
    expect(queueOf(await floorOf(id))).toEqual(['KAZ:speaker', 'DEU:speaker', 'FRA:speaker', 'ITA:speaker']);
    res = await chair(id, `requests/${deu}/move`, { direction: 'sideways' });
    expect([res.status, res.body.error.id]).toEqual([400, 'invalid_input']);
  });

  it('closes the list to new speakers but not to points of order or replies, then reopens it', async () => {
    const { id } = await freshDocument();
    let res = await chair(id, 'settings', { open: false });
    expect([res.status, res.body.open]).toEqual([200, false]);
    const refused = await (await as('kaz-head')).post(`/api/documents/${id}/floor`, {});
    expect([refused.status, refused.body.error.id]).toEqual([409, 'floor_closed']);
    await ask('kaz-head', id, { kind: 'point_of_order' });
    await ask('fra-head', id, { kind: 'right_of_reply' });
    res = await chair(id, 'settings', { open: true });
    expect(res.body.open).toBe(true);
    await ask('kaz-head', id);
    expect(queueOf(await floorOf(id))).toEqual(['KAZ:point_of_order', 'FRA:right_of_reply', 'KAZ:speaker']);
  });

  it('sets a speaking time the next speaker is given, kept when the time changes', async () => {
    const { id } = await freshDocument();
    const kaz = await ask('kaz-head', id);
    let res = await chair(id, 'settings', { speakingTimeSeconds: 180 });
    expect([res.body.speakingTimeSeconds, res.body.open]).toEqual([180, true]);
    res = await chair(id, `requests/${kaz}/grant`);
    expect(res.body.current.speakingSeconds).toBe(180);
    res = await chair(id, 'settings', { speakingTimeSeconds: null });
    expect([res.body.speakingTimeSeconds, res.body.current.speakingSeconds]).toEqual([null, 180]);
    for (const body of [{}, { speakingTimeSeconds: 5 }, { speakingTimeSeconds: 1.5 }, { open: 'no' }]) {
      const bad = await chair(id, 'settings', body);
      expect([JSON.stringify(body), bad.status, bad.body.error.id]).toEqual([
        JSON.stringify(body),
        400,
        'invalid_input',
      ]);
    }
  });

  it('refuses every management command to anyone but the chair (403), and unknown requests (404)', async () => {
    const { id } = await freshDocument();
    const request = await ask('kaz-head', id);
    const paths: [string, unknown][] = [
      [`requests/${request}/grant`, undefined],
      [`requests/${request}/skip`, undefined],
      [`requests/${request}/move`, { direction: 'up' }],
      ['end', undefined],
      ['settings', { open: false }],
    ];
    for (const username of ['kaz-head', 'secretariat', 'observer'])
      for (const [path, body] of paths) {
        const res = await (await as(username)).post(`/api/documents/${id}/floor/${path}`, body);
        expect([username, path, res.status, res.body.error.id]).toEqual([username, path, 403, 'role_not_allowed']);
      }
    const other = await freshDocument();
    const res = await chair(other.id, `requests/${request}/grant`);
    expect([res.status, res.body.error.id]).toEqual([404, 'floor_request_not_found']);
    expect((await floorOf(id)).queue.map((e) => e.id)).toEqual([request]);
  });
});

describe('the floor, live and on the record', () => {
  const followers = useFollowers();

  it('pushes every change to everyone following the document and records it in the ledger', async () => {
    const { id } = await freshDocument();
    const observer = await followers.follow(server.url, (await as('observer')).cookie!, id);
    const kaz = await ask('kaz-head', id);
    await chair(id, 'settings', { speakingTimeSeconds: 120 });
    await chair(id, `requests/${kaz}/grant`);
    await chair(id, 'end');
    const fra = await ask('fra-head', id);
    await (await as('fra-head')).post(`/api/documents/${id}/floor/requests/${fra}/withdraw`);
    const changes = ['requested', 'timed', 'granted', 'ended', 'requested', 'withdrawn'];
    const floorEvents = () => observer.events.filter(([name]) => name === 'floor:changed').map(([, e]) => e);
    await waitFor(() => floorEvents().length === changes.length, 5000, 'floor events');
    expect(floorEvents().map((e) => e.change)).toEqual(changes);
    const granted = floorEvents()[2];
    expect(granted).toMatchObject({
      documentId: id,
      by: 'chair',
      floor: { current: { id: kaz, speakingSeconds: 120 } },
    });
    const ledger = (await server.ctx.store.audit.forDocument(id)).filter((e) => e.action.startsWith('floor.'));
    expect(ledger.map((e) => e.action)).toEqual(changes.map((c) => `floor.${c}`));
    expect(ledger[0]).toMatchObject({
      actor: 'kaz-head/KAZ',
      subject: `floor:${kaz}`,
      payload: { delegation: 'KAZ', kind: 'speaker', subject: 'general' },
    });
    expect(ledger[2]).toMatchObject({ actor: 'chair', payload: { request: kaz, speakingSeconds: 120 } });
    expect((await server.ctx.store.audit.verify()).intact).toBe(true);
  });
});
