import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import type { DocumentJson } from '../../shared/api/documents.js';
import type { AttributionResponse, RevisionDiffResponse, RevisionListResponse } from '../../shared/api/revisions.js';
import { getClauseFragment, getOrder } from '../../shared/editor/ydoc.js';
import { startTestServer, type ApiClient, type TestServer } from '../helpers/server.js';

const DOC = 'almaty-declaration';

describe('revisions over HTTP', () => {
  let server: TestServer;
  let secretariat: ApiClient;
  let fra: ApiClient;
  let zero: string;
  let refs: Map<string, string>;

  const live = async (): Promise<DocumentJson> => (await secretariat.get(`/api/documents/${DOC}`)).body;
  const firstText = (doc: Y.Doc, clauseId: string): Y.XmlText =>
    (getClauseFragment(doc, clauseId).get(0) as Y.XmlElement).get(0) as Y.XmlText;

  beforeAll(async () => {
    server = await startTestServer();
    secretariat = await server.login('secretariat');
    fra = await server.login('fra-delegate');
    refs = new Map((await live()).clauses.map((c) => [c.ref, c.id]));
  });
  afterAll(() => server?.close());

  it('publishes named revisions, secretariat only, names unique per document', async () => {
    expect((await fra.get(`/api/documents/${DOC}/revisions`)).body).toEqual({
      revisions: [],
      suggestedName: 'Zero draft',
    });
    const byDelegate = await fra.post(`/api/documents/${DOC}/revisions`, { name: 'Mine' });
    expect([byDelegate.status, byDelegate.body.error.id]).toEqual([403, 'role_not_allowed']);
    const created = await secretariat.post(`/api/documents/${DOC}/revisions`, { name: ' Zero draft ' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), name: 'Zero draft' });
    zero = created.body.id;
    const again = await secretariat.post(`/api/documents/${DOC}/revisions`, { name: 'ZERO DRAFT' });
    expect([again.status, again.body.error.id]).toEqual([409, 'revision_name_taken']);
    expect((await secretariat.post(`/api/documents/${DOC}/revisions`, { name: '' })).body.error.field).toBe('name');
    const list: RevisionListResponse = (await fra.get(`/api/documents/${DOC}/revisions`)).body;
    expect(list.revisions).toMatchObject([
      {
        id: zero,
        name: 'Zero draft',
        createdBy: 'secretariat',
        createdByName: 'Drafting Committee Secretariat',
        clauseCount: 33,
      },
    ]);
    expect(list.suggestedName).toBe('Rev.1');
    expect((await server.ctx.store.audit.entries()).at(-1)).toMatchObject({
      action: 'revision.publish',
      subject: `revision:${zero}`,
    });
  });

  it('freezes a revision: later edits do not reach it, and the database refuses to change it', async () => {
    const before = (await live()).clauses.find((c) => c.ref === 'OP1')!.text;
    const accepted = await fra.post(`/api/documents/${DOC}/amendments`, {
      clauseId: refs.get('OP1'),
      kind: 'replace',
      text: 'Affirms inclusion.',
      rationale: 'Shorter.',
    });
    await secretariat.post(`/api/amendments/${accepted.body.id}/decision`, { decision: 'accept' });
    const frozen = await fra.get(`/api/documents/${DOC}?revision=${zero}`);
    expect(frozen.status).toBe(200);
    expect(frozen.body.revision).toMatchObject({ id: zero, name: 'Zero draft' });
    expect(frozen.body.clauses.find((c: { ref: string }) => c.ref === 'OP1').text).toBe(before);
    expect((await live()).clauses.find((c) => c.ref === 'OP1')!.text).toBe('Affirms inclusion.');
    const withContent = await fra.get(`/api/documents/${DOC}?revision=${zero}&include=content`);
    expect(withContent.body.clauses[0].content.type).toBe('doc');
    expect((await fra.get(`/api/documents/${DOC}?revision=nope`)).status).toBe(404);
    await expect(server.ctx.store.sql.run("UPDATE revisions SET name = 'x' WHERE id = ?", [zero])).rejects.toThrow(
      /frozen/,
    );
    await expect(server.ctx.store.sql.run('DELETE FROM revisions WHERE id = ?', [zero])).rejects.toThrow(/frozen/);
  });

  it('compares revisions clause by clause, recognising moved, added, deleted and changed clauses', async () => {
    // Since Zero draft: OP1 changed (above); now PP2 moves to the end of the preamble, OP2 is deleted and a
    // clause inserted after OP4.
    const [pp2, pp14, op2, op4] = ['PP2', 'PP14', 'OP2', 'OP4'].map((r) => refs.get(r)!);
    await server.ctx.registry.change(DOC, { userId: null, delegation: null }, (doc) => {
      const order = getOrder(doc);
      order.delete(order.toArray().indexOf(pp2!), 1);
      order.insert(order.toArray().indexOf(pp14!) + 1, [pp2!]);
    });
    const deleted = await fra.post(`/api/documents/${DOC}/amendments`, {
      clauseId: op2,
      kind: 'delete',
      rationale: 'Redundant.',
    });
    await secretariat.post(`/api/amendments/${deleted.body.id}/decision`, { decision: 'accept' });
    const inserted = await fra.post(`/api/documents/${DOC}/amendments`, {
      clauseId: op4,
      kind: 'insert_after',
      text: '*Invites* reports.',
      rationale: 'Follow-up.',
    });
    const { body: insertion } = await secretariat.post(`/api/amendments/${inserted.body.id}/decision`, {
      decision: 'accept',
    });
    const rev1 = (await secretariat.post(`/api/documents/${DOC}/revisions`, { name: 'Rev.1' })).body.id;

    const diff: RevisionDiffResponse = (await fra.get(`/api/documents/${DOC}/revisions/diff?from=${zero}&to=${rev1}`))
      .body;
    expect(diff.from).toEqual({ id: zero, name: 'Zero draft' });
    expect(diff.counts).toEqual({ moved: 1, deleted: 1, added: 1, changed: 1, unchanged: 30 });
    const byId = new Map(diff.clauses.map((c) => [c.id, c]));
    expect(byId.get(pp2!)).toMatchObject({
      change: 'moved',
      textChanged: false,
      from: { ref: 'PP2' },
      to: { ref: 'PP14' },
    });
    expect(byId.get(op2!)).toMatchObject({ change: 'deleted', from: { ref: 'OP2' }, to: null });
    expect(byId.get(insertion.newClauseId)).toMatchObject({ change: 'added', to: { text: 'Invites reports.' } });
    expect(byId.get(refs.get('OP1')!)!.diff).toContainEqual({ op: 'insert', text: 'inclusion.' });
    // Renumbering alone is no change: OP3 became OP2 without being marked.
    expect(byId.get(refs.get('OP3')!)).toMatchObject({ change: 'unchanged', from: { ref: 'OP3' }, to: { ref: 'OP2' } });
    // The deleted clause is listed where it stood.
    const ids = diff.clauses.map((c) => c.id);
    expect(ids.indexOf(op2!)).toBe(ids.indexOf(refs.get('OP1')!) + 1);

    const toLive: RevisionDiffResponse = (await fra.get(`/api/documents/${DOC}/revisions/diff?from=${rev1}`)).body;
    expect(toLive.to).toEqual({ id: 'live', name: 'live' });
    expect(toLive.counts.unchanged).toBe(toLive.clauses.length);
    expect((await fra.get(`/api/documents/${DOC}/revisions/diff?from=nope`)).status).toBe(404);
    expect((await fra.get(`/api/documents/${DOC}/revisions/diff`)).body.error.field).toBe('from');
  });

  it('colours a clause by the delegation that wrote each part, optionally since a revision', async () => {
    const op5 = refs.get('OP5')!;
    const fraUser = (await server.ctx.store.users.byUsername('fra-delegate'))!;
    const kazUser = (await server.ctx.store.users.byUsername('kaz-head'))!;
    const rev2 = (await secretariat.post(`/api/documents/${DOC}/revisions`, { name: 'Rev.2' })).body.id;
    await server.ctx.registry.change(DOC, { userId: fraUser.id, delegation: 'FRA' }, (doc) =>
      firstText(doc, op5).insert(0, 'Firmly '),
    );
    await server.ctx.registry.change(DOC, { userId: kazUser.id, delegation: 'KAZ' }, (doc) =>
      firstText(doc, op5).insert(0, 'Together, '),
    );

    const all: AttributionResponse = (await fra.get(`/api/documents/${DOC}/clauses/${op5}/attribution`)).body;
    expect(all.blocks[0]!.runs.slice(0, 3)).toEqual([
      { text: 'Together, ', author: 'KAZ' },
      { text: 'Firmly ', author: 'FRA' },
      { text: expect.stringMatching(/^Urges national Governments/), author: 'secretariat' },
    ]);
    expect(all.authors).toEqual([
      { key: 'KAZ', delegation: 'KAZ', role: null },
      { key: 'FRA', delegation: 'FRA', role: null },
      { key: 'secretariat', delegation: null, role: 'secretariat' },
    ]);
    const joined = all.blocks.map((b) => b.runs.map((r) => r.text).join('')).join('\n');
    expect(joined.startsWith('Together, Firmly Urges')).toBe(true);

    const since: AttributionResponse = (await fra.get(`/api/documents/${DOC}/clauses/${op5}/attribution?since=${rev2}`))
      .body;
    expect(since.since).toEqual({ id: rev2, name: 'Rev.2' });
    expect(since.blocks[0]!.runs.map((r) => r.author)).toEqual(['KAZ', 'FRA', null]);
    expect(since.authors.map((a) => a.key)).toEqual(['KAZ', 'FRA']);

    // Subparagraphs come labelled as printed.
    const op4: AttributionResponse = (await fra.get(`/api/documents/${DOC}/clauses/${refs.get('OP4')}/attribution`))
      .body;
    expect(op4.blocks.map((b) => b.label)).toContain('(a)');
    expect((await fra.get(`/api/documents/${DOC}/clauses/${op5}/attribution?since=nope`)).status).toBe(404);
    expect((await fra.get(`/api/documents/${DOC}/clauses/nope/attribution`)).status).toBe(404);
  });
});
