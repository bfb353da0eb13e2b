import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { clauseOrder, getClauseFragment } from '../../shared/editor/ydoc.js';
import { startTestServer, type ApiClient, type TestServer } from '../../test/helpers/server.js';
import { stockProvider, syncedProvider, waitFor } from '../../test/helpers/collabClient.js';

const DOC = 'almaty-declaration';

function typeInto(doc: Y.Doc, clauseId: string, text: string): void {
  const xmlText = (getClauseFragment(doc, clauseId).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  xmlText.insert(xmlText.length, text);
}

describe('clause structure commands', () => {
  let server: TestServer;
  let secretariat: ApiClient;
  let chair: ApiClient;
  let delegate: ApiClient;
  let watcher: WebsocketProvider;
  let typist: WebsocketProvider;

  beforeAll(async () => {
    server = await startTestServer();
    secretariat = await server.login('secretariat');
    chair = await server.login('chair');
    delegate = await server.login('kaz-delegate');
    watcher = stockProvider(server.url, DOC, (await server.login('observer')).cookie!);
    typist = stockProvider(server.url, DOC, delegate.cookie!);
    await Promise.all([syncedProvider(watcher), syncedProvider(typist)]);
  });
  afterAll(async () => {
    watcher.destroy();
    typist.destroy();
    await server.close();
  });

  const view = async (): Promise<{ id: string; kind: string; number: string | null; text: string }[]> =>
    (await secretariat.get(`/api/documents/${DOC}`)).body.clauses;

  it('inserts a clause where asked; numbering follows for everyone at once', async () => {
    const before = await view();
    const firstOp = before.find((c) => c.kind === 'operative')!;
    const res = await secretariat.post(`/api/documents/${DOC}/clauses`, {
      kind: 'operative',
      after: firstOp.id,
      text: '*Urges* all States to act.',
    });
    expect(res.status).toBe(201);
    const after = await view();
    const index = after.findIndex((c) => c.id === res.body.id);
    expect(after[index - 1]!.id).toBe(firstOp.id);
    expect(after[index]).toMatchObject({
      kind: 'operative',
      number: String(Number(firstOp.number) + 1),
      text: 'Urges all States to act.',
    });
    expect(after.length).toBe(before.length + 1);
    await waitFor(() => clauseOrder(watcher.doc).includes(res.body.id), 5000, 'live order');
    expect(clauseOrder(watcher.doc)).toEqual(after.map((c) => c.id));
    const audit = await server.ctx.store.sql.all("SELECT actor FROM audit_log WHERE action = 'clause.insert'");
    expect(audit).toEqual([{ actor: 'secretariat' }]);
  });

  it('moves a clause with its text and an edit made at the same moment', async () => {
    const order = clauseOrder((await server.ctx.registry.get(DOC))!);
    const moved = order[4]!;
    const text = getClauseFragment((await server.ctx.registry.get(DOC))!, moved).toString();
    typeInto(typist.doc, moved, ' (concurrent)');
    const res = await secretariat.post(`/api/documents/${DOC}/clauses/${moved}/move`, { after: order[8] });
    expect(res.status).toBe(200);
    expect(res.body.order.indexOf(moved)).toBe(res.body.order.indexOf(order[8]) + 1);
    await waitFor(() => getClauseFragment(server.ctx.registry.peek(DOC)!, moved).toString().includes('(concurrent)'));
    await waitFor(() => clauseOrder(typist.doc).indexOf(moved) === clauseOrder(typist.doc).indexOf(order[8]!) + 1);
    const live = getClauseFragment((await server.ctx.registry.get(DOC))!, moved).toString();
    expect(live).toBe(text.replace(/<\/paragraph>/, ' (concurrent)</paragraph>'));
    const first = await secretariat.post(`/api/documents/${DOC}/clauses/${moved}/move`, { after: null });
    expect(first.body.order[0]).toBe(moved);
  });

  it('deletes a clause from the text; a second delete is 404', async () => {
    const target = clauseOrder((await server.ctx.registry.get(DOC))!)[2]!;
    expect((await secretariat.request('DELETE', `/api/documents/${DOC}/clauses/${target}`)).status).toBe(200);
    expect((await view()).some((c) => c.id === target)).toBe(false);
    await waitFor(() => !clauseOrder(watcher.doc).includes(target));
    expect((await secretariat.request('DELETE', `/api/documents/${DOC}/clauses/${target}`)).status).toBe(404);
    expect((await secretariat.post(`/api/documents/${DOC}/clauses/${target}/move`, { after: null })).status).toBe(404);
  });

  it('refuses everyone but the secretariat, bad input, unknown anchors and locked clauses — changing nothing', async () => {
    const order = clauseOrder((await server.ctx.registry.get(DOC))!);
    const rows = async (): Promise<number> =>
      (await server.ctx.store.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM doc_updates'))!.n;
    const count = await rows();
    const r1 = await delegate.post(`/api/documents/${DOC}/clauses`, { kind: 'operative', after: null });
    expect([r1.status, r1.body.error.id]).toEqual([403, 'role_not_allowed']);
    expect((await server.anonymous().post(`/api/documents/${DOC}/clauses`, { kind: 'operative' })).status).toBe(401);
    expect((await chair.request('DELETE', `/api/documents/${DOC}/clauses/${order[1]}`)).status).toBe(403);
    const bad = await secretariat.post(`/api/documents/${DOC}/clauses`, { kind: 'footnote' });
    expect([bad.status, bad.body.error.id]).toEqual([400, 'invalid_input']);
    expect(
      (await secretariat.post(`/api/documents/${DOC}/clauses`, { kind: 'operative', after: 'nowhere' })).status,
    ).toBe(404);
    expect((await secretariat.post(`/api/documents/${DOC}/clauses/${order[1]}/move`, { after: order[1] })).status).toBe(
      400,
    );
    expect(
      (await chair.post(`/api/documents/${DOC}/clauses/${order[1]}/status`, { status: 'agreed_ad_ref' })).status,
    ).toBe(200);
    const locked = await secretariat.post(`/api/documents/${DOC}/clauses/${order[1]}/move`, { after: order[3] });
    expect([locked.status, locked.body.error.id]).toEqual([403, 'clause_locked']);
    expect((await secretariat.request('DELETE', `/api/documents/${DOC}/clauses/${order[1]}`)).status).toBe(403);
    expect(await rows()).toBe(count);
    expect(clauseOrder((await server.ctx.registry.get(DOC))!)).toEqual(order);
  });

  it('is open to the secretariat in negotiation, closed in adoption', async () => {
    expect((await chair.post(`/api/documents/${DOC}/stage`, { stage: 'negotiation' })).status).toBe(200);
    expect((await secretariat.post(`/api/documents/${DOC}/clauses`, { kind: 'preamble', after: null })).status).toBe(
      201,
    );
    expect((await chair.post(`/api/documents/${DOC}/stage`, { stage: 'adoption' })).status).toBe(200);
    const res = await secretariat.post(`/api/documents/${DOC}/clauses`, { kind: 'preamble', after: null });
    expect([res.status, res.body.error.id]).toEqual([403, 'stage_not_allowed']);
  });
});
