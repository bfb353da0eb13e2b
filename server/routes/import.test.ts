import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCX_MEDIA_TYPE } from '../../shared/api/import.js';
import { readDemoDeclaration } from '../seed/demoDocument.js';
import { startTestServer, type ApiClient, type TestServer } from '../../test/helpers/server.js';
import { manualNumbersDraft, unLayoutDraft } from '../../test/helpers/wordDrafts.js';

let server: TestServer;
let secretariat: ApiClient;
const DOCX = { 'content-type': DOCX_MEDIA_TYPE };

const upload = (client: ApiClient, query: string, bytes: Uint8Array, headers: Record<string, string> = DOCX) =>
  client.request('POST', `/api/documents/import${query}`, bytes, headers);

async function exportDocx(client: ApiClient, id: string): Promise<Uint8Array> {
  const res = await fetch(`${server.url}/api/documents/${id}/export?format=docx`, {
    headers: { cookie: client.cookie! },
  });
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

const clauses = (body: { clauses: { kind: string; number: string | null; text: string }[] }) =>
  body.clauses.map(({ kind, number, text }) => ({ kind, number, text }));

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_BURST: '0' });
  secretariat = await server.login('secretariat');
});
afterAll(() => server?.close());

describe('POST /api/documents/import', () => {
  it('shows what a dry run read and creates nothing', async () => {
    const res = await upload(secretariat, '?id=tashkent&dryRun=1', await unLayoutDraft());
    expect(res.status).toBe(200);
    expect(res.body.title).toBe('Draft Tashkent Declaration on Lifelong Learning');
    expect(res.body.clauses.map((c: { kind: string }) => c.kind)).toEqual([
      'title',
      'heading',
      'preamble',
      'preamble',
      'heading',
      'operative',
      'operative',
      'annex',
    ]);
    expect(res.body.warnings).toEqual([]);
    expect((await secretariat.get('/api/documents/tashkent')).status).toBe(404);
  });

  it('creates the document as GET shows it, in drafting, and it round-trips through Accord’s own DOCX', async () => {
    const created = await upload(secretariat, '?id=tashkent', await unLayoutDraft());
    expect(created.status).toBe(201);
    const read = await secretariat.get('/api/documents/tashkent');
    expect(created.body).toEqual(read.body);
    expect(read.body).toMatchObject({ id: 'tashkent', stage: 'drafting', symbol: 'TASHKENT' });
    expect(read.body.clauses).toHaveLength(8);

    const again = await upload(secretariat, '?dryRun=1', await exportDocx(secretariat, 'tashkent'));
    expect(again.status).toBe(200);
    expect(clauses(again.body)).toEqual(clauses(read.body));
    expect(again.body.symbol).toBe('TASHKENT');
    expect(again.body.warnings.map((w: { id: string }) => w.id)).toEqual(['generated_annex_skipped']);
  });

  it('round-trips the demo declaration: kinds, numbers, text and emphasis', async () => {
    const res = await upload(secretariat, '?dryRun=1', await exportDocx(secretariat, 'almaty-declaration'));
    expect(res.status).toBe(200);
    const live = await secretariat.get('/api/documents/almaty-declaration');
    expect(clauses(res.body)).toEqual(clauses(live.body));
    const seed = readDemoDeclaration();
    expect(res.body.clauses.map((c: { markup: string }) => c.markup)).toEqual(seed.clauses.map((c) => c.text));
    expect(res.body.symbol).toBe(seed.symbol);
  });

  it('refuses the wrong role, a taken id, a missing id, a body that is not a Word file, and one too large', async () => {
    const bytes = await manualNumbersDraft();
    expect((await upload(server.anonymous(), '?id=x1', bytes)).status).toBe(401);
    for (const username of ['kaz-delegate', 'kaz-head', 'observer', 'chair']) {
      const res = await upload(await server.login(username), '?id=x1', bytes);
      expect([res.status, res.body.error.id], username).toEqual([403, expect.any(String)]);
    }
    const taken = await upload(secretariat, '?id=almaty-declaration', bytes);
    expect([taken.status, taken.body.error.id, taken.body.error.field]).toEqual([409, 'document_exists', 'id']);
    const noId = await upload(secretariat, '', bytes);
    expect([noId.status, noId.body.error.id]).toEqual([400, 'invalid_input']);
    const json = await secretariat.post('/api/documents/import?id=x1', { title: 'not a file' });
    expect([json.status, json.body.error.id]).toEqual([400, 'import_not_docx']);
    const pdf = await upload(secretariat, '?id=x1', new TextEncoder().encode('%PDF-1.7'));
    expect([pdf.status, pdf.body.error.id]).toEqual([400, 'import_not_docx']);
    const big = await upload(secretariat, '?id=x1', new Uint8Array(10 * 1024 * 1024 + 1));
    expect([big.status, big.body.error.id]).toEqual([413, 'import_too_large']);
    expect((await secretariat.get('/api/documents/x1')).status).toBe(404);
  });

  it('reads a pasted text (text/plain) as it reads a Word draft: a dry run, then the document', async () => {
    const text = [
      'Draft Declaration on Open Schools',
      'The World Inclusion Congress,',
      'Recognizing the right of every child to learn,',
      '1. Calls upon States to open their schools;',
      '(a) to every child;',
      '2. Decides to meet again.',
    ].join('\n');
    const TEXT = { 'content-type': 'text/plain; charset=utf-8' };
    const dry = await upload(secretariat, '?dryRun=1', new TextEncoder().encode(text), TEXT);
    expect(dry.status).toBe(200);
    expect(clauses(dry.body)).toEqual([
      { kind: 'title', number: null, text: 'Draft Declaration on Open Schools' },
      { kind: 'heading', number: null, text: 'The World Inclusion Congress,' },
      { kind: 'preamble', number: 'PP1', text: 'Recognizing the right of every child to learn,' },
      { kind: 'operative', number: '1', text: 'Calls upon States to open their schools;\n(a) to every child;' },
      { kind: 'operative', number: '2', text: 'Decides to meet again.' },
    ]);
    expect((await secretariat.get('/api/documents/open-schools')).status).toBe(404);

    const created = await upload(
      secretariat,
      '?id=open-schools&symbol=WIC/2027/L.5',
      new TextEncoder().encode(text),
      TEXT,
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'open-schools', symbol: 'WIC/2027/L.5', stage: 'drafting' });
    expect(clauses(created.body)).toEqual(clauses(dry.body));

    const empty = await upload(secretariat, '?id=x2', new TextEncoder().encode(' \n\n '), TEXT);
    expect([empty.status, empty.body.error.id]).toEqual([400, 'import_empty']);
    const big = await upload(secretariat, '?id=x2', new Uint8Array(8 * 1024 * 1024 + 1).fill(65), TEXT);
    expect([big.status, big.body.error.id]).toEqual([413, 'import_too_large']);
    const delegate = await upload(await server.login('kaz-delegate'), '?id=x2', new TextEncoder().encode(text), TEXT);
    expect(delegate.status).toBe(403);
    expect((await secretariat.get('/api/documents/x2')).status).toBe(404);
  });

  it('answers anyone but the secretariat before reading the file', async () => {
    const delegate = await server.login('kaz-delegate');
    const { hostname, port } = new URL(server.url);
    // 10 MB announced, 1 KB sent: the refusal must come without the rest.
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        {
          hostname,
          port,
          method: 'POST',
          path: '/api/documents/import?id=x2',
          headers: {
            ...DOCX,
            origin: server.url,
            cookie: delegate.cookie!,
            'content-length': String(10 * 1024 * 1024),
          },
        },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => {
            resolve({ status: res.statusCode!, body });
            req.destroy();
          });
        },
      );
      req.on('error', reject);
      req.write(new Uint8Array(1024));
    });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body).error.id).toBe('role_not_allowed');
  });

  it('refuses a draft past the text limits, naming the clause, and creates nothing', async () => {
    const small = await startTestServer({ MAX_CLAUSE_CHARS: '100' });
    try {
      const client = await small.login('secretariat');
      const res = await upload(client, '?id=long', await unLayoutDraft());
      expect([res.status, res.body.error.id]).toEqual([413, 'clause_too_long']);
      expect(res.body.error.message).toMatch(/^OP1 has 1\d\d characters; a clause holds at most 100\./);
      expect((await client.get('/api/documents/long')).status).toBe(404);
    } finally {
      await small.close();
    }
  });

  it('answers a repeated upload under one Idempotency-Key once', async () => {
    const bytes = await manualNumbersDraft();
    const headers = { ...DOCX, 'idempotency-key': 'import-once' };
    const first = await upload(secretariat, '?id=schools', bytes, headers);
    const second = await upload(secretariat, '?id=schools', bytes, headers);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    const other = await upload(secretariat, '?id=schools', await unLayoutDraft(), headers);
    expect([other.status, other.body.error.id]).toEqual([422, 'idempotency_key_reused']);
    const list = await secretariat.get('/api/documents');
    expect(list.body.documents.filter((d: { id: string }) => d.id === 'schools')).toHaveLength(1);
  });
});
