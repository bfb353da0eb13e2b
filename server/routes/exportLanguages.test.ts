import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getVersionFragment } from '../../shared/editor/ydoc.js';
import { normalise, pdfToText, validateAkn } from '../export/testTools.js';
import { slugify } from '../export/wording.js';
import { freshDocument, signedIn } from '../../test/helpers/documents.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';

/**
 * `GET /api/documents/:id/export?format=…&lang=…[&parallel=…]` on a real server: a version's text in every
 * format under a file name carrying its language, a clause not yet translated printed in the original's words,
 * the parallel-text PDF, refusals, and the submission package carrying every version.
 */

let server: TestServer;
const as = signedIn(() => server);

/** Writes `text` into a clause's version as the secretariat would over collab. */
async function writeVersion(id: string, clauseId: string, lang: string, text: string): Promise<void> {
  const userId = (await server.ctx.store.users.byUsername('secretariat'))!.id;
  await server.ctx.registry.change(id, { userId, delegation: null }, (doc) => {
    const fragment = getVersionFragment(doc, clauseId, lang);
    const paragraph = new Y.XmlElement('paragraph');
    fragment.insert(0, [paragraph]);
    paragraph.insert(0, [new Y.XmlText(text)]);
  });
}

async function download(query: string, id: string): Promise<{ status: number; name: string; bytes: Buffer }> {
  const client = await as('observer');
  const res = await fetch(`${server.url}/api/documents/${id}/export${query}`, {
    headers: client.cookie ? { cookie: client.cookie } : {},
  });
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? '';
  return { status: res.status, name, bytes: Buffer.from(await res.arrayBuffer()) };
}

let doc: { id: string; clauses: string[] };
/** The start of the document's export names: its id as the server slugifies it (an id ending in `_` or `-` loses it). */
const slug = (): string => slugify(doc.id);
/** The text itself: what comes before the generated annexes, whose ledger head and time move with each export. */
const textOf = (md: Buffer): string => md.toString('utf8').split('\n## ')[0]!;

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_BURST: '0' });
  doc = await freshDocument(server, 'negotiation');
  for (const code of ['ru', 'ar'])
    expect((await (await as('secretariat')).post(`/api/documents/${doc.id}/languages`, { code })).status).toBe(201);
  await writeVersion(doc.id, doc.clauses[0]!, 'ru', 'Декларация об испытаниях');
  await writeVersion(doc.id, doc.clauses[0]!, 'ar', 'إعلان الاختبار');
});
afterAll(() => server?.close());

describe('exports in a language version', () => {
  it('give every format in the version, named with its language, the untranslated clauses in the original', async () => {
    for (const format of ['pdf', 'docx', 'akn', 'html', 'md', 'json']) {
      const file = await download(`?format=${format}&lang=ru`, doc.id);
      expect(file.status, format).toBe(200);
      expect(file.name).toMatch(new RegExp(`^${slug()}-ru-draft-\\d{4}-\\d{2}-\\d{2}\\.`));
      if (format === 'akn') expect((await validateAkn(file.bytes)).code).toBe(0);
    }
    const md = (await download('?format=md&lang=ru', doc.id)).bytes.toString('utf8');
    expect(md).toContain('Декларация об испытаниях');
    expect(md).toContain('Перевод еще не подготовлен');
    const json = JSON.parse((await download('?format=json&lang=ru', doc.id)).bytes.toString('utf8'));
    expect(json.document).toMatchObject({ language: 'ru', originalLanguage: 'en' });
    expect(json.clauses.length).toBe(doc.clauses.length);
    expect(json.clauses.filter((c: { untranslated?: boolean }) => c.untranslated).length).toBe(doc.clauses.length - 1);
    const entry = (await server.ctx.store.audit.entries()).findLast((e) => e.action === 'document.export')!;
    expect(entry.payload).toMatchObject({ format: 'json', lang: 'ru' });
  }, 180_000);

  it('give the original as before for the original’s code', async () => {
    const original = await download('?format=md', doc.id);
    const named = await download('?format=md&lang=en', doc.id);
    expect(named.name).toBe(original.name);
    expect(textOf(named.bytes)).toBe(textOf(original.bytes));
    expect(textOf(named.bytes)).not.toContain('Язык оригинала');
  }, 60_000);

  it('print a parallel text with both languages in its text layer, Arabic in logical order', async () => {
    const file = await download('?format=pdf&lang=ar&parallel=en', doc.id);
    expect(file.status).toBe(200);
    expect(file.name).toMatch(new RegExp(`^${slug()}-ar-en-draft-`));
    const text = normalise(await pdfToText(file.bytes)).replace(/\u0644\u0627/g, '\u0627\u0644');
    expect(text).toContain('إعلان الاختبار'.replace(/\u0644\u0627/g, '\u0627\u0644'));
    const original = JSON.parse((await download('?format=json', doc.id)).bytes.toString('utf8'));
    expect(text).toContain(normalise(original.clauses[0].text));
  }, 60_000);

  it('refuse a language the document lacks (404) and a parallel text outside a PDF or in the same language (400)', async () => {
    for (const [query, status, id] of [
      ['?format=pdf&lang=kk', 404, 'language_not_found'],
      ['?format=pdf&lang=ru&parallel=zh', 404, 'language_not_found'],
      ['?format=md&lang=ru&parallel=en', 400, 'invalid_input'],
      ['?format=pdf&lang=ru&parallel=ru', 400, 'invalid_input'],
    ] as const) {
      const file = await download(query, doc.id);
      expect(file.status, query).toBe(status);
      expect(JSON.parse(file.bytes.toString('utf8')).error.id).toBe(id);
    }
  });

  it('put every version in the submission package, each file checksummed in the manifest', async () => {
    const file = await download('?format=package', doc.id);
    expect(file.status).toBe(200);
    const zip = await JSZip.loadAsync(file.bytes);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(manifest.versions.map((v: { language: string }) => v.language)).toEqual(['ru', 'ar']);
    for (const code of ['ru', 'ar'])
      expect(manifest.files.filter((f: { language?: string }) => f.language === code).length).toBe(6);
  }, 120_000);
});
