import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentJson } from '../../shared/api/documents.js';
import { startTestServer, type ApiClient, type TestServer } from '../helpers/server.js';

const DOC = 'almaty-declaration';
/** `n` characters of words, neither starting nor ending with a space (the markup trims lines). */
const words = (n: number): string =>
  'inclusive education for every learner '
    .repeat(Math.ceil(n / 38))
    .slice(0, n)
    .replace(/ $/, 'x');

describe('text limits over HTTP, defaults (a clause holds 20,000 characters)', () => {
  let server: TestServer;
  let fra: ApiClient;
  let secretariat: ApiClient;
  let clauses: DocumentJson['clauses'];

  beforeAll(async () => {
    server = await startTestServer();
    fra = await server.login('fra-delegate');
    secretariat = await server.login('secretariat');
    clauses = ((await secretariat.get(`/api/documents/${DOC}`)).body as DocumentJson).clauses;
  });
  afterAll(() => server?.close());

  it('refuses an amendment over the clause limit with 413 clause_too_long, and stores nothing', async () => {
    const before = (await fra.get(`/api/documents/${DOC}/amendments`)).body.amendments.length;
    const res = await fra.post(`/api/documents/${DOC}/amendments`, {
      clauseId: clauses[3]!.id,
      kind: 'replace',
      text: words(20_001),
      rationale: 'Longer.',
    });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ id: 'clause_too_long', field: 'text' });
    expect(res.body.error.message).toContain('20,000');
    expect((await fra.get(`/api/documents/${DOC}/amendments`)).body.amendments).toHaveLength(before);
  });

  it('takes an amendment of exactly 20,000 characters, however much emphasis its markup carries', async () => {
    const text = `*${words(10_000)}* **${words(9_999)}**`;
    const res = await fra.post(`/api/documents/${DOC}/amendments`, {
      clauseId: clauses[4]!.id,
      kind: 'replace',
      text,
      rationale: 'At the limit.',
    });
    expect(res.status).toBe(201);
  });

  it('refuses a clause inserted through the API over the limit with 413 clause_too_long', async () => {
    const res = await secretariat.post(`/api/documents/${DOC}/clauses`, {
      kind: 'operative',
      after: clauses[2]!.id,
      text: words(20_001),
    });
    expect(res.status).toBe(413);
    expect(res.body.error.id).toBe('clause_too_long');
    expect((await secretariat.get(`/api/documents/${DOC}`)).body.clauses).toHaveLength(clauses.length);
  });
});

describe('text limits over HTTP, configured (MAX_CLAUSE_CHARS, MAX_DOCUMENT_CHARS)', () => {
  let server: TestServer;
  let fra: ApiClient;
  let secretariat: ApiClient;
  let total: number;
  let shortest: DocumentJson['clauses'][number];
  const document = async (): Promise<DocumentJson> => (await secretariat.get(`/api/documents/${DOC}`)).body;

  beforeAll(async () => {
    // The demo declaration's size, measured once, sets a document limit 100 characters above it.
    const probe = await startTestServer();
    const view = (await (await probe.login('secretariat')).get(`/api/documents/${DOC}`)).body as DocumentJson;
    await probe.close();
    total = view.clauses.reduce((n, c) => n + c.text.length, 0);
    server = await startTestServer({ MAX_CLAUSE_CHARS: '500', MAX_DOCUMENT_CHARS: String(total + 100) });
    fra = await server.login('fra-delegate');
    secretariat = await server.login('secretariat');
    shortest = (await document()).clauses
      .filter((c) => c.kind === 'operative')
      .sort((a, b) => a.text.length - b.text.length)[0]!;
  });
  afterAll(() => server?.close());

  const propose = (body: Record<string, unknown>) =>
    fra.post(`/api/documents/${DOC}/amendments`, { rationale: 'Because.', ...body });

  it('refuses text over a configured clause limit', async () => {
    const res = await propose({ clauseId: shortest.id, kind: 'replace', text: words(501) });
    expect([res.status, res.body.error.id]).toEqual([413, 'clause_too_long']);
  });

  it('refuses an amendment that would take the document over its limit, and lets one that shrinks it through', async () => {
    const longer = await propose({ clauseId: shortest.id, kind: 'replace', text: words(shortest.text.length + 150) });
    expect(longer.status).toBe(413);
    expect(longer.body.error.id).toBe('document_too_long');
    const inserted = await propose({ clauseId: shortest.id, kind: 'insert_after', text: words(150) });
    expect([inserted.status, inserted.body.error.id]).toEqual([413, 'document_too_long']);
    expect(
      (await propose({ clauseId: shortest.id, kind: 'replace', text: words(Math.max(10, shortest.text.length - 20)) }))
        .status,
    ).toBe(201);
    expect((await propose({ clauseId: shortest.id, kind: 'delete' })).status).toBe(201);
    expect((await propose({ clauseId: shortest.id, kind: 'insert_after', text: words(90) })).status).toBe(201);
  });

  it('refuses a clause insert over the document limit, and an acceptance once the document has grown', async () => {
    const amendment = await propose({ clauseId: shortest.id, kind: 'insert_after', text: words(80) });
    expect(amendment.status).toBe(201);
    expect(
      (
        await secretariat.post(`/api/documents/${DOC}/clauses`, {
          kind: 'operative',
          after: shortest.id,
          text: words(101),
        })
      ).body.error.id,
    ).toBe('document_too_long');
    expect(
      (
        await secretariat.post(`/api/documents/${DOC}/clauses`, {
          kind: 'operative',
          after: shortest.id,
          text: words(60),
        })
      ).status,
    ).toBe(201);
    const before = await document();
    const accept = await secretariat.post(`/api/amendments/${amendment.body.id}/decision`, { decision: 'accept' });
    expect(accept.status).toBe(413);
    expect(accept.body.error.id).toBe('document_too_long');
    expect(await document()).toEqual(before);
    expect((await fra.get(`/api/amendments/${amendment.body.id}`)).body.status).toBe('submitted');
  });
});

describe('text limits over HTTP, a larger configured clause limit', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ MAX_CLAUSE_CHARS: '100000' });
  });
  afterAll(() => server?.close());

  it('accepts text within it whatever its bytes (90,000 characters of three bytes each)', async () => {
    const fra = await server.login('fra-delegate');
    const clauseId = ((await fra.get(`/api/documents/${DOC}`)).body as DocumentJson).clauses[3]!.id;
    const res = await fra.post(`/api/documents/${DOC}/amendments`, {
      clauseId,
      kind: 'replace',
      text: '字'.repeat(90_000),
      rationale: 'Long.',
    });
    expect(res.status).toBe(201);
  });
});
