import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documentIdOf } from '../../shared/api/documents.js';
import { clauseOrder, getClauseFragment } from '../../shared/editor/ydoc.js';
import { startTestServer, type ApiClient, type TestServer } from '../../test/helpers/server.js';
import { stockProvider, syncedProvider } from '../../test/helpers/collabClient.js';

describe('POST /api/documents (a new draft)', () => {
  let server: TestServer;
  let secretariat: ApiClient;

  beforeAll(async () => {
    server = await startTestServer();
    secretariat = await server.login('secretariat');
  });
  afterAll(() => server?.close());

  it('opens a draft with its title and one empty operative paragraph, in the drafting stage', async () => {
    const res = await secretariat.post('/api/documents', {
      title: 'Tashkent Declaration on Inclusive Education',
      symbol: 'WIC/2027/L.1',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: 'wic-2027-l-1',
      title: 'Tashkent Declaration on Inclusive Education',
      symbol: 'WIC/2027/L.1',
      stage: 'drafting',
      clauseCount: 2,
    });
    const view = (await secretariat.get('/api/documents/wic-2027-l-1')).body;
    expect(
      view.clauses.map((c: { kind: string; number: string | null; text: string }) => [c.kind, c.number, c.text]),
    ).toEqual([
      ['title', null, 'Tashkent Declaration on Inclusive Education'],
      ['operative', '1', ''],
    ]);
    expect((await secretariat.get('/api/documents')).body.documents.map((d: { id: string }) => d.id)).toContain(
      'wic-2027-l-1',
    );
    expect((await server.ctx.store.audit.forDocument('wic-2027-l-1')).map((e) => [e.action, e.actor])).toEqual([
      ['document.create', 'secretariat'],
    ]);
  });

  it('starts from a template, or from the clauses given, checked against the text limits', async () => {
    const shapeOf = async (id: string) =>
      (await secretariat.get(`/api/documents/${id}`)).body.clauses.map(
        (c: { kind: string; number: string | null; text: string }) => [c.kind, c.number, c.text],
      );
    const annexed = await secretariat.post('/api/documents', {
      title: 'A *starred* title',
      symbol: 'WIC/2027/T.1',
      template: 'declarationWithAnnex',
    });
    expect(annexed.status).toBe(201);
    expect(await shapeOf(annexed.body.id)).toEqual([
      ['title', null, 'A *starred* title'],
      ['preamble', 'PP1', ''],
      ['operative', '1', ''],
      ['annex', 'Annex I', ''],
    ]);
    const given = await secretariat.post('/api/documents', {
      title: 'Imported',
      symbol: 'WIC/2027/T.2',
      clauses: [
        { kind: 'preamble', text: '*Recalling* the Salamanca Statement,' },
        { kind: 'operative', text: '*Decides*:\n(a) one;\n(b) two.' },
      ],
    });
    expect(given.status).toBe(201);
    expect(await shapeOf(given.body.id)).toEqual([
      ['title', null, 'Imported'],
      ['preamble', 'PP1', 'Recalling the Salamanca Statement,'],
      ['operative', '1', 'Decides:\n(a) one;\n(b) two.'],
    ]);
    const withTitle = await secretariat.post('/api/documents', {
      title: 'Two titles',
      symbol: 'WIC/2027/T.3',
      clauses: [{ kind: 'title', text: 'Again' }],
    });
    expect([withTitle.status, withTitle.body.error.id]).toEqual([400, 'invalid_input']);
    const long = await secretariat.post('/api/documents', {
      title: 'Too long',
      symbol: 'WIC/2027/T.4',
      clauses: [{ kind: 'operative', text: 'x'.repeat(20_001) }],
    });
    expect([long.status, long.body.error.id, long.body.error.message]).toEqual([
      413,
      'clause_too_long',
      'OP1 has 20001 characters; a clause holds at most 20000.',
    ]);
    expect((await secretariat.get('/api/documents/wic-2027-t-4')).status).toBe(404);
  });

  it('is a live document delegates write into over the collab socket', async () => {
    const { body } = await secretariat.post('/api/documents', { title: 'Draft for typing', symbol: 'WIC/2027/L.2' });
    const delegate = await server.login('uzb-delegate');
    const provider = stockProvider(server.url, body.id, delegate.cookie!);
    try {
      await syncedProvider(provider);
      const doc = provider.doc;
      // The empty paragraph has no text node yet; the editor adds one on the first keystroke, as here.
      const paragraph = getClauseFragment(doc, clauseOrder(doc)[1]!).get(0) as Y.XmlElement;
      expect(paragraph.length).toBe(0);
      paragraph.insert(0, [new Y.XmlText('Calls upon')]);
      await expect
        .poll(async () => (await secretariat.get(`/api/documents/${body.id}`)).body.clauses[1].text)
        .toBe('Calls upon');
    } finally {
      provider.destroy();
    }
  });

  it('goes by its title clause as it now reads, in the list and the document, and by its opening title while that is empty', async () => {
    const { body } = await secretariat.post('/api/documents', { title: 'Draft title', symbol: 'WIC/2027/L.3' });
    const delegate = await server.login('uzb-delegate');
    const provider = stockProvider(server.url, body.id, delegate.cookie!);
    const titleOf = async (): Promise<[string, string]> => {
      const listed = (await secretariat.get('/api/documents')).body.documents.find(
        (d: { id: string }) => d.id === body.id,
      );
      return [listed.title, (await secretariat.get(`/api/documents/${body.id}`)).body.title];
    };
    try {
      await syncedProvider(provider);
      const text = (getClauseFragment(provider.doc, clauseOrder(provider.doc)[0]!).get(0) as Y.XmlElement).get(
        0,
      ) as Y.XmlText;
      text.delete(0, text.length);
      await expect.poll(titleOf).toEqual(['Draft title', 'Draft title']);
      text.insert(0, 'Samarkand  Declaration');
      await expect.poll(titleOf).toEqual(['Samarkand Declaration', 'Samarkand Declaration']);
    } finally {
      provider.destroy();
    }
  });

  it('refuses a taken symbol or id, bad input, and anyone but the secretariat, changing nothing', async () => {
    const before = (await secretariat.get('/api/documents')).body.documents.length;
    const taken = await secretariat.post('/api/documents', { title: 'Again', symbol: 'WIC/2027/L.1' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.id).toBe('document_exists');
    const takenId = await secretariat.post('/api/documents', {
      title: 'Again',
      symbol: 'Other',
      id: 'almaty-declaration',
    });
    expect(takenId.status).toBe(409);
    expect((await secretariat.post('/api/documents', { title: '', symbol: 'X/1' })).status).toBe(400);
    expect(
      (await secretariat.post('/api/documents', { title: 'Only punctuation', symbol: '///' })).body.error,
    ).toMatchObject({ id: 'invalid_input' });
    for (const username of ['kaz-delegate', 'kaz-head', 'chair', 'observer', 'admin']) {
      const refused = await (
        await server.login(username)
      ).post('/api/documents', { title: 'Mine', symbol: `X/${username}` });
      expect(refused.status).toBe(403);
    }
    expect((await server.anonymous().post('/api/documents', { title: 'Mine', symbol: 'X/anon' })).status).toBe(401);
    expect((await secretariat.get('/api/documents')).body.documents.length).toBe(before);
  });

  it('answers two drafts opened at the same moment with one symbol: one 201, one 409', async () => {
    for (let i = 0; i < 5; i++) {
      const body = { title: 'Raced', symbol: `WIC/RACE/${i}` };
      const statuses = (
        await Promise.all([secretariat.post('/api/documents', body), secretariat.post('/api/documents', body)])
      ).map((r) => r.status);
      expect(statuses.sort()).toEqual([201, 409]);
    }
  });

  it('takes its id from the symbol', () => {
    expect(documentIdOf('WIC/2027/L.1')).toBe('wic-2027-l-1');
    expect(documentIdOf('  A/RES/78/1 (Rev.2) ')).toBe('a-res-78-1-rev-2');
    expect(documentIdOf('ЮНЕСКО/1')).toBe('1');
    expect(documentIdOf('///')).toBe('');
  });
});
