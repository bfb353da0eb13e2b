import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectSocket } from 'socket.io-client';
import type { AmendmentJson } from '../../shared/api/amendments.js';
import type { DocumentJson } from '../../shared/api/documents.js';
import type { AmendmentChanged } from '../../shared/protocol/events.js';
import { createDocument } from '../../server/commands/createDocument.js';
import { actorOf } from '../../server/auth/session.js';
import * as Y from 'yjs';
import { clauseToPlainText } from '../../shared/editor/text.js';
import { getClauseFragment, readClause } from '../../shared/editor/ydoc.js';
import { stockProvider, syncedProvider, waitFor } from '../helpers/collabClient.js';
import { startTestServer, type ApiClient, type TestServer } from '../helpers/server.js';

const DOC = 'almaty-declaration';

describe('amendments over HTTP', () => {
  let server: TestServer;
  let chair: ApiClient;
  let secretariat: ApiClient;
  let fra: ApiClient;
  let deu: ApiClient;
  let gbr: ApiClient;
  let observer: ApiClient;
  let refs: Map<string, string>;

  const document = async (): Promise<DocumentJson> => (await secretariat.get(`/api/documents/${DOC}`)).body;
  const clauseText = async (ref: string): Promise<string> =>
    (await document()).clauses.find((c) => c.ref === ref)!.text;
  const amendment = async (id: string): Promise<AmendmentJson> => (await fra.get(`/api/amendments/${id}`)).body;
  const propose = (client: ApiClient, body: Record<string, unknown>) =>
    client.post(`/api/documents/${DOC}/amendments`, { rationale: 'Clearer wording.', ...body });

  beforeAll(async () => {
    server = await startTestServer();
    chair = await server.login('chair');
    secretariat = await server.login('secretariat');
    fra = await server.login('fra-delegate');
    deu = await server.login('deu-head');
    gbr = await server.login('gbr-delegate');
    observer = await server.login('observer');
    expect((await chair.post(`/api/documents/${DOC}/stage`, { stage: 'negotiation' })).status).toBe(200);
    refs = new Map((await document()).clauses.map((c) => [c.ref, c.id]));
  });
  afterAll(() => server?.close());

  it('runs an amendment from submission to acceptance into the live text', async () => {
    const socket = connectSocket(server.url, { extraHeaders: { cookie: gbr.cookie! }, transports: ['websocket'] });
    const events: { change: string; status: string }[] = [];
    socket.on('amendment:changed', (e) => events.push(e));
    await new Promise<void>((resolve) => socket.emit('document:join', { documentId: DOC }, () => resolve()));

    const before = await clauseText('OP3');
    const proposed = await propose(fra, {
      clauseId: refs.get('OP3'),
      kind: 'replace',
      text: '*Calls upon* national Governments to place inclusive and equitable education at the heart of national policy.',
    });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toEqual({ id: expect.any(String), status: 'submitted' });
    const id = proposed.body.id as string;

    expect((await deu.post(`/api/amendments/${id}/cosponsor`)).status).toBe(200);
    expect((await gbr.post(`/api/amendments/${id}/cosponsor`)).status).toBe(200);
    const listed = await amendment(id);
    expect(listed).toMatchObject({
      status: 'submitted',
      delegation: 'FRA',
      clauseRef: 'OP3',
      stale: false,
      baseText: before,
    });
    expect(listed.cosponsors.map((s) => s.delegation)).toEqual(['DEU', 'GBR']);
    expect(listed.diff).toContainEqual({ op: 'insert', text: 'and equitable ' });

    const accepted = await secretariat.post(`/api/amendments/${id}/decision`, {
      decision: 'accept',
      note: 'Agreed in informals.',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      status: 'accepted',
      applied: true,
      decision: { note: 'Agreed in informals.', by: 'secretariat' },
    });
    expect(await clauseText('OP3')).toBe(
      'Calls upon national Governments to place inclusive and equitable education at the heart of national policy.',
    );

    // Attributed to the secretariat in the update log, and audited.
    const last = (await server.ctx.store.docUpdates.since(DOC, 0)).at(-1)!;
    expect(last.user_id).toBe((await server.ctx.store.users.byUsername('secretariat'))!.id);
    expect(last.delegation).toBeNull();
    const actions = (await server.ctx.store.audit.forDocument(DOC))
      .filter((e) => e.subject === `amendment:${id}`)
      .map((e) => e.action);
    expect(actions).toEqual(['amendment.propose', 'amendment.cosponsor', 'amendment.cosponsor', 'amendment.accept']);

    await expect
      .poll(() => events.map((e) => e.change))
      .toEqual(['proposed', 'cosponsored', 'cosponsored', 'accepted']);
    // Each event brings the amendment as the list shows it then: the last, as it shows it now.
    const lastEvent = events.at(-1) as unknown as AmendmentChanged;
    expect(lastEvent.clauseId).toBe(refs.get('OP3'));
    expect(lastEvent.amendment).toEqual(await amendment(id));
    expect(lastEvent.amendment).toMatchObject({
      status: 'accepted',
      cosponsors: [{ delegation: 'DEU' }, { delegation: 'GBR' }],
    });
    expect((events[0] as unknown as AmendmentChanged).amendment).toMatchObject({ status: 'submitted', cosponsors: [] });
    socket.close();
  });

  it('refuses observers, other delegations, other documents’ clauses and locked clauses with ids', async () => {
    const op4 = refs.get('OP4')!;
    const asObserver = await propose(observer, { clauseId: op4, kind: 'delete' });
    expect([asObserver.status, asObserver.body.error.id]).toEqual([403, 'role_not_allowed']);
    const forOthers = await propose(fra, { clauseId: op4, kind: 'delete', delegation: 'DEU' });
    expect([forOthers.status, forOthers.body.error.id]).toEqual([403, 'not_own_delegation']);
    expect((await propose(fra, { clauseId: op4, kind: 'delete', delegation: 'FRA' })).status).toBe(201);

    const [otherClause] = await createDocument(
      server.ctx,
      actorOf((await server.ctx.store.users.byUsername('secretariat'))!),
      {
        id: 'other-text',
        conferenceId: (await server.ctx.store.documents.get(DOC))!.conference_id,
        title: 'Another text',
        symbol: 'X/1',
        stage: 'negotiation',
        clauses: [{ kind: 'operative', text: 'Other words.' }],
      },
    );
    const across = await propose(fra, { clauseId: otherClause, kind: 'delete' });
    expect([across.status, across.body.error.id]).toEqual([403, 'clause_not_in_document']);
    const unknown = await propose(fra, { clauseId: 'no-such-clause', kind: 'delete' });
    expect([unknown.status, unknown.body.error.id]).toEqual([404, 'clause_not_found']);

    const op5 = refs.get('OP5')!;
    expect((await chair.post(`/api/documents/${DOC}/clauses/${op5}/status`, { status: 'agreed_ad_ref' })).status).toBe(
      200,
    );
    const locked = await propose(fra, { clauseId: op5, kind: 'replace', text: 'New.' });
    expect([locked.status, locked.body.error.id]).toEqual([403, 'clause_locked']);
    await chair.post(`/api/documents/${DOC}/clauses/${op5}/status`, { status: 'open' });
    expect((await server.anonymous().post(`/api/documents/${DOC}/amendments`, {})).status).toBe(401);
  });

  it('names the offending field in schema errors', async () => {
    const noText = await propose(fra, { clauseId: refs.get('OP4'), kind: 'replace' });
    expect(noText.status).toBe(400);
    expect(noText.body.error).toMatchObject({ id: 'invalid_input', field: 'text' });
    const badKind = await propose(fra, { clauseId: refs.get('OP4'), kind: 'rewrite', text: 'x' });
    expect(badKind.body.error.field).toBe('kind');
    const noRationale = await fra.post(`/api/documents/${DOC}/amendments`, {
      clauseId: refs.get('OP4'),
      kind: 'delete',
      rationale: '  ',
    });
    expect(noRationale.body.error.field).toBe('rationale');
    const textOnDelete = await propose(fra, { clauseId: refs.get('OP4'), kind: 'delete', text: 'why' });
    expect(textOnDelete.body.error.field).toBe('text');
  });

  it('lets only the proposing delegation withdraw, and a withdrawn amendment cannot be accepted', async () => {
    const { body } = await propose(fra, { clauseId: refs.get('OP6'), kind: 'replace', text: 'Withdrawn soon.' });
    const byOther = await deu.post(`/api/amendments/${body.id}/withdraw`);
    expect([byOther.status, byOther.body.error.id]).toEqual([403, 'not_own_delegation']);
    const own = await fra.post(`/api/amendments/${body.id}/cosponsor`);
    expect([own.status, own.body.error.id]).toEqual([409, 'own_amendment']);
    const fraHead = await server.login('fra-head');
    expect((await fraHead.post(`/api/amendments/${body.id}/withdraw`)).body.status).toBe('withdrawn');
    const accept = await secretariat.post(`/api/amendments/${body.id}/decision`, { decision: 'accept' });
    expect([accept.status, accept.body.error.id]).toEqual([409, 'amendment_withdrawn']);
    const cosponsor = await deu.post(`/api/amendments/${body.id}/cosponsor`);
    expect(cosponsor.status).toBe(409);
    expect((await fra.post(`/api/amendments/${body.id}/withdraw`)).status).toBe(409);
    expect((await fra.post('/api/amendments/nope/withdraw')).status).toBe(404);
  });

  it('handles co-sponsorship twice and leaving it', async () => {
    const { body } = await propose(fra, { clauseId: refs.get('OP7'), kind: 'delete' });
    expect((await deu.post(`/api/amendments/${body.id}/cosponsor`)).status).toBe(200);
    const twice = await server.login('deu-delegate').then((c) => c.post(`/api/amendments/${body.id}/cosponsor`));
    expect([twice.status, twice.body.error.id]).toEqual([409, 'already_cosponsor']);
    expect((await gbr.post(`/api/amendments/${body.id}/cosponsor`)).status).toBe(200);
    const left = await deu.request('DELETE', `/api/amendments/${body.id}/cosponsor`);
    expect(left.body.cosponsors.map((s: { delegation: string }) => s.delegation)).toEqual(['GBR']);
    expect((await deu.request('DELETE', `/api/amendments/${body.id}/cosponsor`)).body.error.id).toBe('not_cosponsor');
    const byObserver = await observer.post(`/api/amendments/${body.id}/cosponsor`);
    expect(byObserver.status).toBe(403);
  });

  it('only the secretariat decides; a rejection keeps the text and records the note', async () => {
    const before = await clauseText('OP8');
    const { body } = await propose(gbr, { clauseId: refs.get('OP8'), kind: 'replace', text: 'Rejected text.' });
    for (const client of [fra, chair, observer]) {
      expect((await client.post(`/api/amendments/${body.id}/decision`, { decision: 'accept' })).status).toBe(403);
    }
    const rejected = await secretariat.post(`/api/amendments/${body.id}/decision`, {
      decision: 'reject',
      note: 'Outside the mandate.',
    });
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      applied: false,
      decision: { note: 'Outside the mandate.' },
    });
    expect(await clauseText('OP8')).toBe(before);
    const again = await secretariat.post(`/api/amendments/${body.id}/decision`, { decision: 'accept' });
    expect([again.status, again.body.error.id]).toEqual([409, 'amendment_decided']);
    expect(
      (await secretariat.post(`/api/amendments/${body.id}/decision`, { decision: 'maybe' })).body.error.field,
    ).toBe('decision');
  });

  it('inserts a new clause after its target and deletes a clause', async () => {
    const inserted = await propose(deu, {
      clauseId: refs.get('OP9'),
      kind: 'insert_after',
      text: '*Requests* the secretariat to report back.',
    });
    const deleted = await propose(deu, { clauseId: refs.get('OP10'), kind: 'delete' });
    const opBefore = (await document()).clauses.filter((c) => c.kind === 'operative').length;
    const afterInsert = await secretariat.post(`/api/amendments/${inserted.body.id}/decision`, { decision: 'accept' });
    expect(afterInsert.body.newClauseId).toEqual(expect.any(String));
    await secretariat.post(`/api/amendments/${deleted.body.id}/decision`, { decision: 'accept' });
    const doc = await document();
    const ids = doc.clauses.map((c) => c.id);
    expect(ids[ids.indexOf(refs.get('OP9')!) + 1]).toBe(afterInsert.body.newClauseId);
    expect(doc.clauses.find((c) => c.id === afterInsert.body.newClauseId)).toMatchObject({
      kind: 'operative',
      ref: 'OP10',
      text: 'Requests the secretariat to report back.',
    });
    expect(ids).not.toContain(refs.get('OP10'));
    expect(doc.clauses.filter((c) => c.kind === 'operative').length).toBe(opBefore);
  });

  it('marks amendments stale when their clause changes, shows both diffs and asks before accepting', async () => {
    const op11 = refs.get('OP11')!;
    const first = await propose(fra, { clauseId: op11, kind: 'replace', text: 'First proposal for OP11.' });
    const second = await propose(deu, { clauseId: op11, kind: 'replace', text: 'Second proposal for OP11.' });
    expect((await amendment(first.body.id)).conflictsWith).toEqual([second.body.id]);
    await secretariat.post(`/api/amendments/${first.body.id}/decision`, { decision: 'accept' });

    const stale = await amendment(second.body.id);
    expect(stale.stale).toBe(true);
    expect(stale.conflictsWith).toEqual([]);
    expect(stale.diffCurrent).toEqual([
      { op: 'delete', text: 'First' },
      { op: 'insert', text: 'Second' },
      { op: 'equal', text: ' proposal for OP11.' },
    ]);
    const refused = await secretariat.post(`/api/amendments/${second.body.id}/decision`, { decision: 'accept' });
    expect([refused.status, refused.body.error.id]).toEqual([409, 'amendment_stale']);
    const confirmed = await secretariat.post(`/api/amendments/${second.body.id}/decision`, {
      decision: 'accept',
      acceptStale: true,
    });
    expect(confirmed.body.status).toBe('accepted');
    expect(await clauseText('OP11')).toBe('Second proposal for OP11.');
  });

  it('filters the list by clause, status and delegation', async () => {
    const all: AmendmentJson[] = (await observer.get(`/api/documents/${DOC}/amendments`)).body.amendments;
    expect(all.length).toBeGreaterThan(5);
    const pending: AmendmentJson[] = (await observer.get(`/api/documents/${DOC}/amendments?status=pending`)).body
      .amendments;
    expect(pending.every((a) => a.status === 'submitted' || a.status === 'put_to_vote')).toBe(true);
    const gbrs: AmendmentJson[] = (await observer.get(`/api/documents/${DOC}/amendments?delegation=GBR`)).body
      .amendments;
    expect(gbrs.every((a) => a.delegation === 'GBR' || a.cosponsors.some((s) => s.delegation === 'GBR'))).toBe(true);
    expect(gbrs.some((a) => a.delegation !== 'GBR')).toBe(true);
    const op3: AmendmentJson[] = (await observer.get(`/api/documents/${DOC}/amendments?clauseId=${refs.get('OP3')}`))
      .body.amendments;
    expect(op3.map((a) => a.clauseRef)).toEqual(['OP3']);
    expect((await observer.get(`/api/documents/${DOC}/amendments?status=lost`)).body.error.field).toBe('status');
  });

  it('refuses to accept onto a locked clause but lets the secretariat reject there, and refuses a replacement that changes nothing', async () => {
    const op12 = refs.get('OP12')!;
    const current = (await document()).clauses.find((c) => c.id === op12)!;
    const { body: same } = await propose(fra, { clauseId: op12, kind: 'replace', text: current.text });
    expect(same.error).toMatchObject({ id: 'invalid_input', field: 'text' });
    const first = await propose(fra, { clauseId: op12, kind: 'replace', text: 'Locked before the decision.' });
    const second = await propose(deu, { clauseId: op12, kind: 'delete' });
    await chair.post(`/api/documents/${DOC}/clauses/${op12}/status`, { status: 'agreed_ad_ref' });
    const accept = await secretariat.post(`/api/amendments/${first.body.id}/decision`, { decision: 'accept' });
    expect([accept.status, accept.body.error.id]).toEqual([403, 'clause_locked']);
    expect((await amendment(first.body.id)).status).toBe('submitted');
    expect(
      (await secretariat.post(`/api/amendments/${second.body.id}/decision`, { decision: 'reject' })).body.status,
    ).toBe('rejected');
    await chair.post(`/api/documents/${DOC}/clauses/${op12}/status`, { status: 'open' });
    expect(
      (await secretariat.post(`/api/amendments/${first.body.id}/decision`, { decision: 'accept' })).body.status,
    ).toBe('accepted');
  });

  it('closes proposals outside drafting and negotiation', async () => {
    await chair.post(`/api/documents/${DOC}/stage`, { stage: 'adoption' });
    const late = await propose(fra, { clauseId: refs.get('OP12'), kind: 'delete' });
    expect([late.status, late.body.error.id]).toEqual([403, 'stage_not_allowed']);
    expect(
      (
        await chair.post(`/api/documents/${DOC}/stage`, {
          stage: 'negotiation',
          reason: 'Amendments are still being negotiated.',
        })
      ).status,
    ).toBe(200);
  });

  it('sends the accepted text to connected Yjs clients like any other edit, merging an edit made meanwhile', async () => {
    const op13 = refs.get('OP13')!;
    const watcher = stockProvider(server.url, DOC, observer.cookie!);
    // The secretariat edits OP13 offline, from a copy of the text, while the amendment is decided.
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate((await server.ctx.registry.get(DOC))!));
    let editor: ReturnType<typeof stockProvider> | undefined;
    try {
      await syncedProvider(watcher);
      const before = clauseToPlainText(readClause(watcher.doc, op13));
      const words = before.split(' ');
      const replacement = ['Strongly', ...words.slice(1)].join(' ');
      const { body } = await propose(fra, { clauseId: op13, kind: 'replace', text: replacement });
      const paragraph = getClauseFragment(offline, op13).get(0) as Y.XmlElement;
      const text = paragraph.get(0) as Y.XmlText;
      text.insert(text.length, ' [to be confirmed]');

      expect((await secretariat.post(`/api/amendments/${body.id}/decision`, { decision: 'accept' })).body.status).toBe(
        'accepted',
      );
      await waitFor(
        () => clauseToPlainText(readClause(watcher.doc, op13)) === replacement,
        5000,
        'the watcher to see the accepted text',
      );

      editor = stockProvider(server.url, DOC, secretariat.cookie!, offline);
      const merged = `${replacement} [to be confirmed]`;
      await waitFor(
        () => clauseToPlainText(readClause(watcher.doc, op13)) === merged,
        5000,
        'the offline edit to merge',
      );
      expect(await clauseText('OP13')).toBe(merged);
      expect(clauseToPlainText(readClause(offline, op13))).toBe(merged);
    } finally {
      editor?.destroy();
      watcher.destroy();
    }
  });
});
