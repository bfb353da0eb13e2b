import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf } from '../auth/session.js';
import { createDocument } from '../commands/createDocument.js';
import { newId } from '../db/ids.js';
import { exportQueue } from '../export/renderQueue.js';
import { slugify } from '../export/wording.js';
import { normalise, pdfInfo, pdfToText } from '../export/testTools.js';
import { startTestServer, type ApiClient, type TestServer } from '../../test/helpers/server.js';

let server: TestServer;
const clients = new Map<string, ApiClient>();

async function as(username: string): Promise<ApiClient> {
  let client = clients.get(username);
  if (!client) clients.set(username, (client = await server.login(username)));
  return client;
}

/** A POST that must succeed; returns the body. */
async function ok(username: string, path: string, body: unknown = {}): Promise<any> {
  const res = await (await as(username)).post(path, body);
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body;
}

interface Download {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

/** A GET kept as bytes (the test client decodes text, which would spoil a PDF). */
async function download(username: string | null, path: string): Promise<Download> {
  const client = username ? await as(username) : null;
  const res = await fetch(`${server.url}${path}`, { headers: client?.cookie ? { cookie: client.cookie } : {} });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

const errorOf = (d: Download): { id: string; field?: string } => JSON.parse(d.bytes.toString('utf8')).error;

/** The text of a DOCX body, one line per paragraph (table cells are paragraphs too). */
async function docxText(docx: Buffer): Promise<string> {
  const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
  return xml
    .split('</w:p>')
    .map((p) =>
      [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
        .map((m) => m[1]!)
        .join('')
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'"),
    )
    .filter((line) => line !== '')
    .join('\n');
}

/** Where each of `parts` is found in `text`, in the order given: each must come after the one before. */
function expectInOrder(text: string, parts: string[]): void {
  let at = -1;
  for (const part of parts) {
    const found = text.indexOf(part, at + 1);
    expect(found, `“${part}” after position ${at} in:\n${text}`).toBeGreaterThan(at);
    at = found;
  }
}

let doc: string;
let before: string;
const amendments: Record<string, string> = {};

/**
 * One meeting on a fresh document: the roll (KAZ, FRA, DEU present), the floor given to Kazakhstan on OP1 then
 * to France on a point of order, Kazakhstan's amendment to OP1 (co-sponsored by France) accepted, Germany's to
 * OP2 adopted by a recorded vote, Italy's to OP2 left undecided and lapsing when the text is adopted without a vote.
 */
beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_BURST: '0' });
  doc = `doc-${newId()}`;
  const secretariat = actorOf((await server.ctx.store.users.byUsername('secretariat'))!);
  const [, op1, op2] = await createDocument(server.ctx, secretariat, {
    id: doc,
    conferenceId: (await server.ctx.store.conferences.current())!.id,
    title: 'Declaration on open records',
    symbol: `TEST/${doc}`,
    stage: 'negotiation',
    clauses: [
      { kind: 'title', text: 'Declaration on open records' },
      { kind: 'operative', text: '*Calls upon* States to keep records.' },
      { kind: 'operative', text: '*Invites* States to publish them.' },
    ],
  });
  before = new Date(Date.now() - 1000).toISOString();
  const path = `/api/documents/${doc}`;
  await ok('chair', `${path}/roll`, { meeting: '3rd plenary meeting' });
  for (const delegation of ['KAZ', 'FRA', 'DEU'])
    await ok('chair', `${path}/roll/entries`, { delegation, present: true });
  await ok('chair', `${path}/roll/close`);

  const kaz = (await ok('kaz-head', `${path}/floor`, { subject: { type: 'clause', id: op1 } })).id;
  const fra = (await ok('fra-head', `${path}/floor`, { kind: 'point_of_order' })).id;
  await ok('chair', `${path}/floor/requests/${kaz}/grant`);
  await ok('chair', `${path}/floor/requests/${fra}/grant`);

  const propose = async (username: string, clauseId: string, text: string): Promise<string> =>
    (await ok(username, `${path}/amendments`, { clauseId, kind: 'replace', text, rationale: 'Clearer.' })).id;
  amendments.kaz = await propose('kaz-head', op1!, '*Calls upon* all States to keep full records.');
  await ok('fra-head', `/api/amendments/${amendments.kaz}/cosponsor`);
  await ok('secretariat', `/api/amendments/${amendments.kaz}/decision`, { decision: 'accept' });
  amendments.deu = await propose('deu-head', op2!, '*Invites* States to publish their records promptly.');
  amendments.ita = await propose('ita-head', op2!, '*Encourages* States to publish them.');

  const vote = (
    await ok('chair', `${path}/votes`, { subject: { type: 'amendment', id: amendments.deu }, rule: 'simple_majority' })
  ).id;
  await ok('kaz-head', `/api/votes/${vote}/ballots`, { choice: 'yes' });
  await ok('fra-head', `/api/votes/${vote}/ballots`, { choice: 'no' });
  await ok('deu-head', `/api/votes/${vote}/ballots`, { choice: 'yes' });
  await ok('chair', `/api/votes/${vote}/close`);

  await ok('chair', `${path}/stage`, { stage: 'adoption' });
  await ok('chair', `${path}/adoption`, { objectionWindowMinutes: 0, acknowledge: true });
});
afterAll(() => server?.close());

/** What every rendering of the record must say, in this order. */
const RECORD_ORDER = [
  'Summary record',
  '3rd plenary meeting',
  'Present',
  '3 delegations were present: France, Germany, Kazakhstan.',
  'Speakers',
  'Kazakhstan',
  'OP1',
  'France',
  'point of order; general statement',
  'Decisions',
  'the amendment of Kazakhstan to OP1 was accepted.',
  'the amendment of Germany to OP2 was adopted by a vote.',
  'the text moved from negotiation to adoption.',
  'the text was adopted without a vote.',
  'Vote on the amendment of Germany to OP2',
  'by simple majority of those present and voting',
  'Result: Adopted: 2 in favour, 1 against, 0 abstentions; 3 present.',
  'Recorded vote:',
  'Lapsed items',
  'the amendment of Italy to OP2 lapsed when the text was adopted, undecided.',
];

describe('the summary record of a meeting', () => {
  it('prints, as DOCX, the roll, the speakers in order, the decisions, the vote State by State and what lapsed', async () => {
    const res = await download('secretariat', `/api/documents/${doc}/record?format=docx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const day = new Date().toISOString().slice(0, 10);
    // The id is random and may end in "-" or "_"; the file name is its slug.
    expect(res.headers.get('content-disposition')).toContain(`filename="${slugify(doc)}-record-${day}.docx"`);
    const text = await docxText(res.bytes);
    expectInOrder(text, RECORD_ORDER);
    // The recorded vote: each State and its vote, in English order.
    expectInOrder(text, ['State\nVote', 'France\nNo', 'Germany\nYes', 'Kazakhstan\nYes']);
    const entry = (await server.ctx.store.audit.entries()).at(-1)!;
    expect(entry).toMatchObject({
      action: 'document.report',
      actor: 'secretariat',
      documentId: doc,
      payload: { report: 'record', format: 'docx', from: null, to: null, bytes: res.bytes.length },
    });
  });

  it('prints the same as a tagged PDF, for the chair and for an observer', async () => {
    for (const username of ['chair', 'observer']) {
      const res = await download(username, `/api/documents/${doc}/record?format=pdf`);
      expect(res.status, username).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const text = normalise(await pdfToText(res.bytes));
      expectInOrder(text, RECORD_ORDER.map(normalise));
      expectInOrder(text, ['France No', 'Germany Yes', 'Kazakhstan Yes']);
    }
    const info = await pdfInfo((await download('chair', `/api/documents/${doc}/record?format=pdf`)).bytes);
    expect(info).toMatch(/Tagged:\s+yes/);
  });

  it('covers only the meeting asked for: a range before anything happened has no speaker, decision or vote', async () => {
    const res = await download(
      'secretariat',
      `/api/documents/${doc}/record?format=docx&to=${encodeURIComponent(before)}`,
    );
    expect(res.status).toBe(200);
    const text = await docxText(res.bytes);
    expectInOrder(text, [
      'No roll was taken at this meeting.',
      'No delegation took the floor.',
      'No decision was taken.',
      'No vote was taken.',
      'Nothing lapsed.',
    ]);
    const today = new Date().toISOString().slice(0, 10);
    const day = await docxText(
      (await download('secretariat', `/api/documents/${doc}/record?format=docx&from=${today}&to=${today}`)).bytes,
    );
    expectInOrder(day, RECORD_ORDER.slice(3));
  });

  it('names a vote opened before the meeting and closed in it, as the votes table has it', async () => {
    const closed = (await server.ctx.store.audit.forDocument(doc)).find((e) => e.action === 'vote.close')!;
    const res = await download(
      'secretariat',
      `/api/documents/${doc}/record?format=docx&from=${encodeURIComponent(closed.at)}`,
    );
    const text = await docxText(res.bytes);
    expectInOrder(text, [
      'No roll was taken at this meeting.',
      'No delegation took the floor.',
      'Decisions',
      'the amendment of Germany to OP2 was adopted by a vote.',
      'Vote on the amendment of Germany to OP2',
      'by simple majority of those present and voting',
      'Result: Adopted: 2 in favour, 1 against, 0 abstentions; 3 present.',
    ]);
  });

  it('refuses a bad format (400), a bad or reversed range (400 invalid_range), delegations (403) and no session (401)', async () => {
    const path = `/api/documents/${doc}/record`;
    const badFormat = await download('secretariat', `${path}?format=exe`);
    expect([badFormat.status, errorOf(badFormat).id, errorOf(badFormat).field]).toEqual([
      400,
      'invalid_input',
      'format',
    ]);
    const noFormat = await download('secretariat', path);
    expect(noFormat.status).toBe(400);
    for (const query of ['from=2025-13-40', 'to=yesterday', 'from=2025-10-17&to=2025-10-16']) {
      const res = await download('secretariat', `${path}?format=pdf&${query}`);
      expect([query, res.status, errorOf(res).id]).toEqual([query, 400, 'invalid_range']);
    }
    const before = (await server.ctx.store.audit.entries()).length;
    for (const username of ['kaz-head', 'fra-delegate']) {
      const res = await download(username, `${path}?format=pdf`);
      expect([username, res.status, errorOf(res).id]).toEqual([username, 403, 'role_not_allowed']);
    }
    expect((await download(null, `${path}?format=pdf`)).status).toBe(401);
    expect((await download('secretariat', `/api/documents/no-such-doc/record?format=pdf`)).status).toBe(404);
    expect((await server.ctx.store.audit.entries()).length).toBe(before);
  });
});

describe('the export queue', () => {
  it('renders reports on the export workers, within the person’s share of the queue (429 beyond it)', async () => {
    const { EXPORT_WORKERS: workers, EXPORT_PER_USER: perUser } = server.ctx.config;
    const queue = exportQueue({ workers, perUser });
    const renders = queue.renders;
    expect((await download('secretariat', `/api/documents/${doc}/compilation?format=pdf`)).status).toBe(200);
    expect(queue.renders).toBe(renders + 1);
    const secretariat = (await server.ctx.store.users.byUsername('secretariat'))!.id;
    const held = Array.from({ length: perUser }, () => queue.reserve(secretariat));
    try {
      const refused = await download('secretariat', `/api/documents/${doc}/record?format=pdf`);
      expect([refused.status, errorOf(refused).id]).toEqual([429, 'export_limit']);
    } finally {
      for (const ticket of held) ticket.release();
    }
    expect((await download('secretariat', `/api/documents/${doc}/record?format=pdf`)).status).toBe(200);
  });
});

describe('the compilation table', () => {
  const ROWS = [
    [
      'OP1',
      'Calls upon States to keep records.',
      'Calls upon all States to keep full records.',
      'Kazakhstan (proposer); co-sponsored by France',
      'Accepted on',
    ],
    [
      'OP2',
      'Invites States to publish them.',
      'Invites States to publish their records promptly.',
      'Germany (proposer)',
      'Adopted by a vote on',
    ],
    [
      'OP2',
      'Invites States to publish them.',
      'Encourages States to publish them.',
      'Italy (proposer)',
      'Lapsed at adoption on',
    ],
  ];

  it('lists every amendment with its clause, texts, sponsors and decision, as landscape DOCX', async () => {
    const res = await download('chair', `/api/documents/${doc}/compilation?format=docx`);
    expect(res.status).toBe(200);
    const zip = await JSZip.loadAsync(res.bytes);
    expect(await zip.file('word/document.xml')!.async('string')).toMatch(
      /<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/,
    );
    const text = await docxText(res.bytes);
    expectInOrder(text, [
      'Compilation of amendments',
      '3 amendments as of',
      'No.\nClause\nOriginal text\nProposed text\nSponsors\nDecision',
      ...ROWS.flat(),
    ]);
  });

  it('prints the same as a landscape PDF, for an observer too', async () => {
    const res = await download('observer', `/api/documents/${doc}/compilation?format=pdf`);
    expect(res.status).toBe(200);
    expect(await pdfInfo(res.bytes)).toMatch(/Page size:\s+841\.89 x 595\.28/);
    const text = normalise(await pdfToText(res.bytes));
    for (const row of ROWS) for (const cell of row) expect(text).toContain(normalise(cell));
    expect((await server.ctx.store.audit.entries()).at(-1)).toMatchObject({
      action: 'document.report',
      actor: 'observer',
      payload: { report: 'compilation', format: 'pdf', bytes: res.bytes.length },
    });
  });

  it('refuses a delegation (403) and a bad format (400)', async () => {
    const denied = await download('kaz-head', `/api/documents/${doc}/compilation?format=docx`);
    expect([denied.status, errorOf(denied).id]).toEqual([403, 'role_not_allowed']);
    const bad = await download('chair', `/api/documents/${doc}/compilation?format=md`);
    expect([bad.status, errorOf(bad).id]).toEqual([400, 'invalid_input']);
  });
});
