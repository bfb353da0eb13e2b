import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClauseJson } from '../../shared/api/documents.js';
import { startTestServer, type ApiClient, type TestServer } from '../../test/helpers/server.js';

/**
 * The seeded demo carries Russian and Kazakh versions of the Almaty Declaration: most clauses current, a few
 * stale on purpose (marked current against an earlier wording of the original), two Kazakh clauses missing and
 * one a draft.
 */
const DOC = '/api/documents/almaty-declaration';

let server: TestServer;
let observer: ApiClient;
beforeAll(async () => {
  server = await startTestServer();
  observer = await server.login('observer');
});
afterAll(() => server?.close());

type VersionClause = ClauseJson & { translation: { status: string; originalThen?: string; original?: string } };
const version = async (lang: string): Promise<VersionClause[]> =>
  (await observer.get(`${DOC}?lang=${lang}&include=content`)).body.clauses;
const refsWith = (clauses: VersionClause[], status: string): string[] =>
  clauses.filter((c) => c.translation.status === status).map((c) => c.ref);

describe('the demo’s language versions', () => {
  it('lists ru and kk beside the English original, with their coverage', async () => {
    expect((await observer.get(DOC)).body.languages).toEqual([
      { code: 'en', original: true, current: 33, total: 33 },
      { code: 'kk', original: false, current: 29, total: 33 },
      { code: 'ru', original: false, current: 31, total: 33 },
    ]);
  });

  it('leaves a few clauses stale on purpose, with the original’s wording then and now for the diff', async () => {
    const ru = await version('ru');
    expect(refsWith(ru, 'stale')).toEqual(['PP8', 'OP9']);
    expect([...refsWith(ru, 'missing'), ...refsWith(ru, 'draft')]).toEqual([]);
    const kk = await version('kk');
    expect(refsWith(kk, 'stale')).toEqual(['OP7']);
    expect(refsWith(kk, 'missing')).toEqual(['OP8', 'OP15']);
    expect(refsWith(kk, 'draft')).toEqual(['OP17']);
    for (const clause of [...ru, ...kk].filter((c) => c.translation.status === 'stale')) {
      expect(clause.translation.originalThen).toBeTruthy();
      expect(clause.translation.original).toBeTruthy();
      expect(clause.translation.originalThen).not.toBe(clause.translation.original);
    }
    const pp8 = ru.find((c) => c.ref === 'PP8')!;
    expect(pp8.translation.originalThen).toMatch(/^Recognizing that digital .* privacy and data protection,$/);
    expect(pp8.text).toMatch(/^Признавая, что цифровые технологии/);
  });

  it('reads in UN form: a clause in each version for each of the original’s, the lead words in italics', async () => {
    const original: ClauseJson[] = (await observer.get(DOC)).body.clauses;
    for (const lang of ['ru', 'kk']) {
      const clauses = await version(lang);
      expect(clauses.map((c) => c.ref)).toEqual(original.map((c) => c.ref));
      for (const clause of clauses) {
        if (clause.translation.status === 'missing' || clause.kind === 'title' || clause.kind === 'heading') continue;
        expect(JSON.stringify(clause.content), `${lang} ${clause.ref}`).toContain('"type":"em"');
        const end = clause.kind === 'preamble' ? ',' : clause.ref === 'OP17' ? '.' : ';';
        expect(clause.text.trimEnd().at(-1), `${lang} ${clause.ref}`).toBe(end);
      }
    }
    const ru = await version('ru');
    expect(ru.find((c) => c.ref === 'OP1')!.text).toMatch(/^Подтверждает, что инклюзивное образование/);
    const kk = await version('kk');
    expect(kk.find((c) => c.ref === 'OP1')!.text).toMatch(/растайды;$/);
    expect(kk[0]!.text).toBe('Инклюзивті білім беру туралы Алматы декларациясы');
  });
});
