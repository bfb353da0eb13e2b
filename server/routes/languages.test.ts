import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { absolutePositionToRelativePosition, initProseMirrorDoc } from 'y-prosemirror';
import { clauseSchema } from '../../shared/editor/schema.js';
import { getClauseFragment, getVersionFragment } from '../../shared/editor/ydoc.js';
import { CloseCode } from '../../shared/protocol/collab.js';
import { freshDocument, signedIn } from '../../test/helpers/documents.js';
import { RawClient, stockProvider, syncedProvider, waitFor } from '../../test/helpers/collabClient.js';
import { useFollowers } from '../../test/helpers/events.js';
import { startTestServer, type ApiClient, type TestServer } from '../../test/helpers/server.js';

let server: TestServer;
const as = signedIn(() => server);
let translator: ApiClient;

/** Types `text` at the end of the first paragraph of a fragment (made when empty). */
function typeInto(fragment: Y.XmlFragment, text: string): void {
  if (fragment.length === 0) fragment.insert(0, [new Y.XmlElement('paragraph')]);
  const paragraph = fragment.get(0) as Y.XmlElement;
  if (paragraph.length === 0) paragraph.insert(0, [new Y.XmlText()]);
  const node = paragraph.get(0) as Y.XmlText;
  node.insert(node.length, text);
}

/** A relative position `chars` characters into the clause's first paragraph, as a split sends it. */
function caretAt(doc: Y.Doc, clauseId: string, chars: number): string {
  const fragment = getClauseFragment(doc, clauseId);
  const { mapping } = initProseMirrorDoc(fragment, clauseSchema);
  const position = absolutePositionToRelativePosition(1 + chars, fragment, mapping);
  return Buffer.from(Y.encodeRelativePosition(position)).toString('base64');
}

const secretariatAuthor = async () => ({
  userId: (await server.ctx.store.users.byUsername('secretariat'))!.id,
  delegation: null,
});
const live = async (id: string): Promise<Y.Doc> => (await server.ctx.registry.get(id))!;
const read = async (id: string, lang?: string) =>
  (await (await as('observer')).get(`/api/documents/${id}${lang ? `?lang=${lang}` : ''}`)).body;
const statusOf = async (id: string, clauseId: string, lang: string) =>
  (await read(id, lang)).clauses.find((c: { id: string }) => c.id === clauseId)?.translation;

/** Writes a clause's version in `lang` as the secretariat would over collab (the server's own change). */
async function writeVersion(id: string, clauseId: string, lang: string, text: string): Promise<void> {
  await server.ctx.registry.change(id, await secretariatAuthor(), (doc) =>
    typeInto(getVersionFragment(doc, clauseId, lang), text),
  );
}

async function withLanguages(...codes: string[]): Promise<{ id: string; clauses: string[] }> {
  const doc = await freshDocument(server, 'negotiation');
  for (const code of codes)
    expect((await (await as('secretariat')).post(`/api/documents/${doc.id}/languages`, { code })).status).toBe(201);
  return doc;
}

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_BURST: '0', MAX_CLAUSE_CHARS: '500' });
  const created = await (
    await as('admin')
  ).post('/api/admin/users', {
    username: 'kk-translator',
    displayName: 'Айгүл Translator',
    role: 'observer',
    password: 'translate-kk',
    translationLanguages: ['kk'],
  });
  expect(created.status).toBe(201);
  expect(created.body.translationLanguages).toEqual(['kk']);
  translator = await server.login('kk-translator', 'translate-kk');
  expect((await translator.get('/api/auth/me')).body.user).toMatchObject({
    role: 'observer',
    translationLanguages: ['kk'],
  });
});
afterAll(() => server.close());

describe('language versions of a document', () => {
  const followers = useFollowers();

  it('the secretariat adds a version; the document lists it beside its original, audited in the ledger', async () => {
    const { id, clauses } = await freshDocument(server, 'drafting');
    expect((await read(id)).languages).toEqual([{ code: 'en', original: true, current: 4, total: 4 }]);
    const secretariat = await as('secretariat');
    const res = await secretariat.post(`/api/documents/${id}/languages`, { code: 'kk' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ code: 'kk', original: false, current: 0, total: clauses.length });
    expect((await read(id)).languages).toEqual([
      { code: 'en', original: true, current: 4, total: 4 },
      { code: 'kk', original: false, current: 0, total: 4 },
    ]);
    const view = await read(id, 'kk');
    expect(view.lang).toBe('kk');
    expect(view.clauses.map((c: { text: string; translation: unknown }) => [c.text, c.translation])).toEqual(
      clauses.map(() => ['', { status: 'missing' }]),
    );
    const entries = await server.ctx.store.audit.forDocument(id);
    expect(entries.filter((e) => e.action === 'document.language').map((e) => e.subject)).toEqual(['language:kk']);
  });

  it('records the original’s language given when a draft is opened', async () => {
    const secretariat = await as('secretariat');
    const opened = await secretariat.post('/api/documents', {
      title: 'Декларация',
      symbol: `RU/${Date.now()}`,
      language: 'ru',
    });
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    expect((await read(id)).languages).toEqual([{ code: 'ru', original: true, current: 2, total: 2 }]);
    expect((await secretariat.post(`/api/documents/${id}/languages`, { code: 'ru' })).status).toBe(409);
    expect((await secretariat.post(`/api/documents/${id}/languages`, { code: 'en' })).status).toBe(201);
    expect((await read(id, 'ru')).lang).toBeUndefined();
    expect((await read(id, 'en')).lang).toBe('en');
  });

  it('refuses a second version in the same language, the original again, a code outside the list, others than the secretariat', async () => {
    const { id } = await withLanguages('ru');
    const path = `/api/documents/${id}/languages`;
    const secretariat = await as('secretariat');
    expect((await secretariat.post(path, { code: 'ru' })).body.error.id).toBe('language_exists');
    expect((await secretariat.post(path, { code: 'en' })).status).toBe(409);
    const bad = await secretariat.post(path, { code: 'de' });
    expect([bad.status, bad.body.error.id]).toEqual([400, 'invalid_input']);
    expect((await secretariat.post(path, {})).status).toBe(400);
    expect((await (await as('chair')).post(path, { code: 'fr' })).status).toBe(403);
    expect((await translator.post(path, { code: 'fr' })).body.error.id).toBe('role_not_allowed');
    expect((await server.anonymous().post(path, { code: 'fr' })).status).toBe(401);
    expect((await secretariat.post(`/api/documents/nope/languages`, { code: 'fr' })).status).toBe(404);
    expect((await (await as('observer')).get(`/api/documents/${id}?lang=kk`)).body.error.id).toBe('language_not_found');
    expect((await (await as('observer')).get(`/api/documents/${id}?lang=xx`)).status).toBe(400);
  });

  it('a translator of kk writes kk through y-websocket, and is refused on ru and on the original', async () => {
    const { id, clauses } = await withLanguages('kk', 'ru');
    const doc = new Y.Doc();
    const provider = stockProvider(server.url, id, translator.cookie!, doc);
    try {
      await syncedProvider(provider);
      doc.transact(() => typeInto(getVersionFragment(doc, clauses[1]!, 'kk'), 'Мемлекеттерді шақырады.'));
      await waitFor(
        () => getVersionFragment(server.ctx.registry.peek(id)!, clauses[1]!, 'kk').toString().includes('шақырады'),
        5000,
        'the kk version on the server',
      );
    } finally {
      provider.destroy();
    }
    expect((await read(id, 'kk')).clauses[1]).toMatchObject({
      text: 'Мемлекеттерді шақырады.',
      translation: { status: 'draft' },
    });
    const refused = async (write: (doc: Y.Doc) => void): Promise<string> => {
      const client = await RawClient.synced(server.url, id, translator.cookie!);
      client.write(write, client.doc.clientID);
      const closed = await client.waitClosed();
      expect(closed.code).toBe(CloseCode.FORBIDDEN_WRITE);
      return closed.reason;
    };
    expect(await refused((d) => typeInto(getVersionFragment(d, clauses[1]!, 'ru'), 'Призывает'))).toBe(
      `role_not_allowed:${clauses[1]}`,
    );
    expect(await refused((d) => typeInto(getClauseFragment(d, clauses[1]!), ' more'))).toBe(
      `role_not_allowed:${clauses[1]}`,
    );
    // A language the document lacks, and a clause it lacks, are outside its layout.
    expect(await refused((d) => typeInto(getVersionFragment(d, clauses[1]!, 'fr'), 'Invite'))).toBe('outside_schema');
    expect(await refused((d) => typeInto(getVersionFragment(d, 'no-such', 'kk'), 'x'))).toBe('unknown_clause:no-such');
    expect(getVersionFragment(await live(id), clauses[1]!, 'ru').length).toBe(0);
  });

  it('holds a version to the limit of one clause', async () => {
    const { id, clauses } = await withLanguages('kk');
    const client = await RawClient.synced(server.url, id, translator.cookie!);
    client.write((d) => typeInto(getVersionFragment(d, clauses[1]!, 'kk'), 'ә'.repeat(501)), client.doc.clientID);
    const closed = await client.waitClosed();
    expect([closed.code, closed.reason]).toEqual([CloseCode.TEXT_TOO_LONG, `clause_too_long:${clauses[1]}/kk`]);
    const fits = await RawClient.synced(server.url, id, translator.cookie!);
    fits.write((d) => typeInto(getVersionFragment(d, clauses[1]!, 'kk'), 'ә'.repeat(500)), fits.doc.clientID);
    await waitFor(() => getVersionFragment(server.ctx.registry.peek(id)!, clauses[1]!, 'kk').length > 0);
    expect(fits.closed).toBeUndefined();
    fits.close();
  });

  it('writes to a version close once the document is adopted', async () => {
    const { id, clauses } = await withLanguages('kk');
    await server.ctx.store.documents.setStage(id, 'adopted');
    const client = await RawClient.synced(server.url, id, translator.cookie!);
    client.write((d) => typeInto(getVersionFragment(d, clauses[1]!, 'kk'), 'Кеш'), client.doc.clientID);
    expect((await client.waitClosed()).reason).toBe(`stage_not_allowed:${clauses[1]}`);
    const res = await translator.post(`/api/documents/${id}/clauses/${clauses[1]}/translations/kk/status`, {
      status: 'draft',
    });
    expect(res.body.error.id).toBe('stage_not_allowed');
  });

  it('status: current when marked, stale once the original changes (with its diff), current again when re-marked', async () => {
    const { id, clauses } = await withLanguages('kk');
    const clause = clauses[1]!;
    const path = `/api/documents/${id}/clauses/${clause}/translations/kk/status`;
    const watcher = await followers.follow(server.url, (await as('observer')).cookie!, id);
    expect((await translator.post(path, { status: 'current' })).body.error.id).toBe('translation_missing');
    await writeVersion(id, clause, 'kk', 'Мемлекеттерді әрекет етуге шақырады.');
    const marked = await translator.post(path, { status: 'current' });
    expect(marked.status).toBe(200);
    expect(marked.body).toEqual({ clauseId: clause, lang: 'kk', status: 'current' });
    expect(await statusOf(id, clause, 'kk')).toMatchObject({ status: 'current', since: expect.any(String) });
    expect((await read(id)).languages[1]).toEqual({ code: 'kk', original: false, current: 1, total: 4 });
    await waitFor(() => watcher.events.some(([e]) => e === 'translation:status'), 5000, 'the status event');
    expect(watcher.events.find(([e]) => e === 'translation:status')![1]).toEqual({
      documentId: id,
      clauseId: clause,
      lang: 'kk',
      status: 'current',
      by: 'kk-translator',
    });
    const [entry] = (await server.ctx.store.audit.forDocument(id)).filter((e) => e.action === 'translation.current');
    expect(entry).toMatchObject({ actor: 'kk-translator', subject: `clause:${clause}` });

    const before = (await read(id)).clauses[1].text;
    await server.ctx.registry.change(id, await secretariatAuthor(), (doc) =>
      typeInto(getClauseFragment(doc, clause), ' Now.'),
    );
    expect(await statusOf(id, clause, 'kk')).toMatchObject({
      status: 'stale',
      originalThen: before,
      original: `${before} Now.`,
    });
    expect((await read(id)).languages[1].current).toBe(0);
    expect((await translator.post(path, { status: 'current' })).status).toBe(200);
    expect(await statusOf(id, clause, 'kk')).toMatchObject({ status: 'current' });
    expect((await (await as('secretariat')).post(path, { status: 'draft' })).status).toBe(200);
    expect(await statusOf(id, clause, 'kk')).toMatchObject({ status: 'draft' });
  });

  it('status: refused to others than the language’s translators and the secretariat, and on bad input', async () => {
    const { id, clauses } = await withLanguages('kk', 'ru');
    await writeVersion(id, clauses[1]!, 'ru', 'Призывает государства.');
    const path = (clause: string, lang: string) => `/api/documents/${id}/clauses/${clause}/translations/${lang}/status`;
    expect((await translator.post(path(clauses[1]!, 'ru'), { status: 'draft' })).body.error.id).toBe(
      'role_not_allowed',
    );
    expect((await (await as('chair')).post(path(clauses[1]!, 'kk'), { status: 'draft' })).status).toBe(403);
    expect((await server.anonymous().post(path(clauses[1]!, 'kk'), { status: 'draft' })).status).toBe(401);
    expect((await translator.post(path(clauses[1]!, 'kk'), { status: 'stale' })).status).toBe(400);
    expect((await translator.post(path(clauses[1]!, 'de'), { status: 'draft' })).status).toBe(400);
    expect((await translator.post(path('no-such', 'kk'), { status: 'draft' })).body.error.id).toBe('clause_not_found');
    expect((await (await as('secretariat')).post(path(clauses[1]!, 'fr'), { status: 'draft' })).body.error.id).toBe(
      'language_not_found',
    );
    expect((await (await as('secretariat')).post(path(clauses[1]!, 'ru'), { status: 'current' })).status).toBe(200);
  });

  it('structure changes keep every version aligned: insert, move, delete, split and merge', async () => {
    const { id, clauses } = await withLanguages('kk');
    const secretariat = await as('secretariat');
    const [title, , op, last] = clauses as [string, string, string, string];
    await writeVersion(id, title, 'kk', 'Тест декларациясы');
    await writeVersion(id, op, 'kk', 'Мемлекеттерді шақырады.');
    const inserted = await secretariat.post(`/api/documents/${id}/clauses`, {
      kind: 'operative',
      after: op,
      text: '*Encourages* all.',
    });
    expect(inserted.status).toBe(201);
    const added = inserted.body.id as string;
    await writeVersion(id, added, 'kk', 'Барлығын көтермелейді.');
    expect((await secretariat.post(`/api/documents/${id}/clauses/${added}/move`, { after: title })).status).toBe(200);
    const pairs = async () => (await read(id, 'kk')).clauses.map((c: { id: string; text: string }) => [c.id, c.text]);
    expect((await pairs()).filter(([, text]: string[]) => text)).toEqual([
      [title, 'Тест декларациясы'],
      [added, 'Барлығын көтермелейді.'],
      [op, 'Мемлекеттерді шақырады.'],
    ]);
    expect((await secretariat.request('DELETE', `/api/documents/${id}/clauses/${added}`)).status).toBe(200);
    expect((await pairs()).map(([clause]: string[]) => clause)).not.toContain(added);
    expect((await pairs()).filter(([, text]: string[]) => text)).toEqual([
      [title, 'Тест декларациясы'],
      [op, 'Мемлекеттерді шақырады.'],
    ]);

    const statusPath = `/api/documents/${id}/clauses/${op}/translations/kk/status`;
    expect((await translator.post(statusPath, { status: 'current' })).status).toBe(200);
    const split = await secretariat.post(`/api/documents/${id}/clauses/${op}/split`, {
      at: caretAt(await live(id), op, 7),
    });
    expect(split.status).toBe(201);
    const view = await read(id, 'kk');
    const at = view.clauses.findIndex((c: { id: string }) => c.id === op);
    expect(view.clauses.slice(at, at + 3).map((c: { id: string; text: string }) => [c.id, c.text])).toEqual([
      [op, 'Мемлекеттерді шақырады.'],
      [split.body.id, ''],
      [last, ''],
    ]);
    expect(view.clauses[at].translation.status).toBe('stale');
    expect(view.clauses[at + 1].translation).toEqual({ status: 'missing' });

    expect((await translator.post(statusPath, { status: 'current' })).status).toBe(200);
    expect((await secretariat.post(`/api/documents/${id}/clauses/${split.body.id}/merge`)).status).toBe(200);
    const merged = await read(id, 'kk');
    expect(merged.clauses.map((c: { id: string }) => c.id)).toEqual([title, clauses[1], op, last]);
    expect(merged.clauses[2]).toMatchObject({ text: 'Мемлекеттерді шақырады.', translation: { status: 'stale' } });
  });
});
