import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_FORMATS } from '../../shared/api/export.js';
import type { DocumentJson } from '../../shared/api/documents.js';
import { AKN_SCHEMA, normalise, pdfToText, xmllint } from '../export/testTools.js';
import { startTestServer, type ApiClient, type TestServer } from '../../test/helpers/server.js';
import { script } from '../../test/helpers/scripts.js';

const DOC = 'almaty-declaration';
const run = promisify(execFile);

const TYPES: Record<string, [contentType: string, extension: string, start: string]> = {
  pdf: ['application/pdf', 'pdf', '%PDF-'],
  docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx', 'PK'],
  akn: ['application/akn+xml', 'akn.xml', '<?xml'],
  html: ['text/html; charset=utf-8', 'html', '<!DOCTYPE html>'],
  md: ['text/markdown; charset=utf-8', 'md', '# '],
  json: ['application/json; charset=utf-8', 'json', '{'],
  package: ['application/zip', 'zip', 'PK'],
};

interface Download {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

let server: TestServer;
const clients = new Map<string, ApiClient>();

async function as(username: string): Promise<ApiClient> {
  let client = clients.get(username);
  if (!client) clients.set(username, (client = await server.login(username)));
  return client;
}

/** A GET whose body is kept as bytes (the test client decodes text, which would spoil a PDF). */
async function download(client: ApiClient | null, query: string, documentId = DOC): Promise<Download> {
  const res = await fetch(`${server.url}/api/documents/${documentId}/export${query}`, {
    headers: client?.cookie ? { cookie: client.cookie } : {},
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/**
 * The live text's files as the secretariat downloaded them in this file, for the tests that only read one:
 * the text does not change before they run, and each render again (the package's twenty files above all)
 * cost seconds and proved nothing the first had not.
 */
const liveFiles = new Map<string, Download>();
async function liveFile(format: string): Promise<Download> {
  let file = liveFiles.get(format);
  if (!file) {
    file = await download(await as('secretariat'), `?format=${format}`);
    liveFiles.set(format, file);
  }
  return file;
}

const json = (d: Download): any => JSON.parse(d.bytes.toString('utf8'));
const fileName = (d: Download): string =>
  /filename="([^"]+)"/.exec(d.headers.get('content-disposition') ?? '')?.[1] ?? '';
const exports = async () => (await server.ctx.store.audit.entries()).filter((e) => e.action === 'document.export');
/** Today, UTC, as the server dates an unadopted live text. */
const today = (): string => new Date().toISOString().slice(0, 10);

async function verifyPackage(zip: Buffer, ...args: string[]): Promise<{ code: number; output: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'accord-export-test-'));
  try {
    const file = path.join(dir, 'package.zip');
    await writeFile(file, zip);
    try {
      const { stdout, stderr } = await run(...script('verify-package', file, ...args));
      return { code: 0, output: stdout + stderr };
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      return { code: e.code ?? 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('exporting the live text', () => {
  it('answers every format with its content type and a download name, and records each export with its checksum', async () => {
    const secretariat = await as('secretariat');
    const before = (await exports()).length;
    const day = today();
    for (const format of EXPORT_FORMATS) {
      const [contentType, extension, start] = TYPES[format]!;
      const res = await download(secretariat, `?format=${format}`);
      expect(res.status, format).toBe(200);
      liveFiles.set(format, res);
      expect(res.headers.get('content-type'), format).toBe(contentType);
      const name = `almaty-declaration-draft-${day}.${extension}`;
      expect(res.headers.get('content-disposition'), format).toBe(
        `attachment; filename="${name}"; filename*=UTF-8''${name}`,
      );
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.bytes.subarray(0, start.length).toString('latin1'), format).toBe(start);
      const entry = (await exports()).at(-1)!;
      expect(entry, format).toMatchObject({
        actor: 'secretariat',
        documentId: DOC,
        subject: `document:${DOC}`,
        payload: {
          format,
          revision: null,
          sha256: createHash('sha256').update(res.bytes).digest('hex'),
          bytes: res.bytes.length,
          fileName: name,
        },
      });
    }
    expect((await exports()).length - before).toBe(EXPORT_FORMATS.length);
    expect((await server.ctx.store.audit.verify()).intact).toBe(true);
  });

  it('prints the text in the PDF, watermarked Draft while it is not adopted', async () => {
    const live: DocumentJson = (await (await as('observer')).get(`/api/documents/${DOC}`)).body;
    const op1 = live.clauses.find((c) => c.ref === 'OP1')!;
    const pdf = await liveFile('pdf');
    const text = normalise(await pdfToText(pdf.bytes));
    expect(text).toContain(normalise(op1.text));
    expect(text).toContain('Draft — not adopted');
  });

  it('gives Akoma Ntoso that is valid against the schema', async () => {
    const akn = await liveFile('akn');
    const check = await xmllint(akn.bytes, ['--noout', '--nonet', '--schema', AKN_SCHEMA]);
    expect(check.output).toContain('validates');
    expect(check.code).toBe(0);
  });

  it('gives a submission package that verifies against its manifest', async () => {
    const zip = await liveFile('package');
    const check = await verifyPackage(zip.bytes, '--public-key', path.join(server.dataDir, 'signing-key.pub.pem'));
    // The original's eight files, and the six formats of each of the demo's two versions (ru, kk).
    expect(check.output).toContain(
      `package intact: 20 files match the manifest signed by ${server.ctx.signingKey.fingerprint} (the key given)`,
    );
    expect(check.code).toBe(0);
  });
});

describe('refusals', () => {
  it('refuses an unknown or missing format with 400 invalid_format listing the formats, and records nothing', async () => {
    const secretariat = await as('secretariat');
    const before = (await exports()).length;
    for (const query of ['?format=exe', '', '?format=', '?format=PDF', '?format=pdf&format=docx']) {
      const res = await download(secretariat, query);
      expect(res.status, query).toBe(400);
      const body = json(res);
      expect(body.error.id, query).toBe('invalid_format');
      expect(body.error.field).toBe('format');
      for (const format of EXPORT_FORMATS) expect(body.error.message, query).toContain(format);
    }
    expect(json(await download(secretariat, '?format=exe')).error.message).toBe(
      'Unknown export format “exe”: use format=pdf|docx|akn|html|md|json|package.',
    );
    expect((await exports()).length).toBe(before);
  });

  it('answers 404 for an unknown document or revision, 400 for a malformed revision id, 401 without a session', async () => {
    const secretariat = await as('secretariat');
    const before = (await exports()).length;
    const noDoc = await download(secretariat, '?format=pdf', 'no-such-declaration');
    expect([noDoc.status, json(noDoc).error.id]).toEqual([404, 'document_not_found']);
    const noRevision = await download(secretariat, '?format=pdf&revision=nope');
    expect([noRevision.status, json(noRevision).error.id]).toEqual([404, 'revision_not_found']);
    const malformed = await download(secretariat, '?format=pdf&revision=not%20an%20id');
    expect([malformed.status, json(malformed).error.id, json(malformed).error.field]).toEqual([
      400,
      'invalid_input',
      'revision',
    ]);
    const anonymous = await download(null, '?format=pdf');
    expect([anonymous.status, json(anonymous).error.id]).toEqual([401, 'not_authenticated']);
    expect((await exports()).length).toBe(before);
  });

  it('lets an observer export what an observer may read, and records who did', async () => {
    const res = await download(await as('observer'), '?format=md');
    expect(res.status).toBe(200);
    expect(res.bytes.toString('utf8')).toContain('**DRAFT**');
    expect((await exports()).at(-1)).toMatchObject({ actor: 'observer', payload: { format: 'md' } });
  });
});

describe('revisions and the adopted text', () => {
  let rev1: string;
  let inserted: string;
  let voteId: string;

  it('exports a published revision as frozen: later structure changes do not reach it', async () => {
    const secretariat = await as('secretariat');
    const created = await secretariat.post(`/api/documents/${DOC}/revisions`, { name: 'Rev.1' });
    expect(created.status).toBe(201);
    rev1 = created.body.id;
    const live: DocumentJson = (await secretariat.get(`/api/documents/${DOC}`)).body;
    const op2 = live.clauses.find((c) => c.ref === 'OP2')!;
    const last = live.clauses.at(-1)!;
    const insert = await secretariat.post(`/api/documents/${DOC}/clauses`, {
      kind: 'operative',
      after: last.id,
      text: '*Decides* to remain seized of the matter.',
    });
    expect(insert.status).toBe(201);
    inserted = insert.body.id;
    expect((await secretariat.request('DELETE', `/api/documents/${DOC}/clauses/${op2.id}`)).status).toBe(200);

    const frozen = await download(await as('observer'), `?format=json&revision=${rev1}`);
    expect(frozen.status).toBe(200);
    expect(fileName(frozen)).toBe(`almaty-declaration-rev-1-${json(frozen).document.date}.json`);
    const model = json(frozen);
    expect(model.revision).toMatchObject({ id: rev1, name: 'Rev.1' });
    expect(model.document).toMatchObject({ stage: 'drafting', draft: true });
    expect(model.clauses.map((c: { id: string }) => c.id)).toEqual(live.clauses.map((c) => c.id));
    expect((await exports()).at(-1)).toMatchObject({
      actor: 'observer',
      subject: `revision:${rev1}`,
      payload: { format: 'json', revision: rev1 },
    });

    const current = json(await download(secretariat, '?format=json'));
    const ids = current.clauses.map((c: { id: string }) => c.id);
    expect(ids).toContain(inserted);
    expect(ids).not.toContain(op2.id);
    expect(ids.length).toBe(live.clauses.length);
  });

  it('after a recorded vote adopts the text: no Draft, the recorded vote and the endorsements in the annexes', async () => {
    const chair = await as('chair');
    expect((await chair.post(`/api/documents/${DOC}/stage`, { stage: 'adoption' })).status).toBe(200);
    const opened = await chair.post(`/api/documents/${DOC}/votes`, {
      subject: { type: 'document' },
      rule: 'simple_majority',
      acknowledge: true,
    });
    expect(opened.status).toBe(201);
    voteId = opened.body.id;
    const ballots: [string, string][] = [
      ['kaz', 'yes'],
      ['fra', 'yes'],
      ['deu', 'yes'],
      ['gbr', 'no'],
      ['ita', 'abstain'],
    ];
    for (const [code, choice] of ballots)
      expect((await (await as(`${code}-head`)).post(`/api/votes/${voteId}/ballots`, { choice })).status).toBe(200);
    expect(
      (
        await (
          await as('gbr-head')
        ).post(`/api/votes/${voteId}/explanations`, { when: 'before', text: 'We cannot join the consensus on OP5.' })
      ).status,
    ).toBe(201);
    expect(
      (
        await (
          await as('kaz-head')
        ).post(`/api/votes/${voteId}/explanations`, { when: 'before', text: 'We support the text.' })
      ).status,
    ).toBe(201);
    const closed = await chair.post(`/api/votes/${voteId}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.result.outcome).toBe('adopted');
    expect(
      (
        await (
          await as('kaz-head')
        ).post(`/api/votes/${voteId}/explanations`, { when: 'after', text: 'We thank the facilitators.' })
      ).status,
    ).toBe(201);
    expect((await (await as('kaz-head')).post(`/api/documents/${DOC}/endorsements`, { kind: 'endorse' })).status).toBe(
      201,
    );
    expect(
      (
        await (
          await as('fra-head')
        ).post(`/api/documents/${DOC}/endorsements`, {
          kind: 'endorse_with_reservation',
          statement: 'France reads OP3 in the light of its law.',
        })
      ).status,
    ).toBe(201);

    const adoptedOn = (await server.ctx.store.audit.entries())
      .findLast((e) => e.action === 'document.stage' && (e.payload as { to: string }).to === 'adopted')!
      .at.slice(0, 10);
    const secretariat = await as('secretariat');
    const model = json(await download(secretariat, '?format=json'));
    expect(model.document).toMatchObject({ stage: 'adopted', draft: false, date: adoptedOn });
    expect(model.revision).toBeNull();
    expect(model.annexes.recordedVote).toMatchObject({ title: 'Recorded vote', voteId });
    const vote = model.votes.find((v: { id: string }) => v.id === voteId);
    expect(vote.result).toMatchObject({ outcome: 'adopted', yes: 3, no: 1, abstain: 1, present: 5 });
    expect(vote.ballots).toHaveLength(40);
    expect(vote.ballots.find((b: { delegation: string }) => b.delegation === 'GBR')).toMatchObject({
      choice: 'no',
      explanation: 'We cannot join the consensus on OP5.',
    });
    expect(vote.ballots.find((b: { delegation: string }) => b.delegation === 'KGZ')).toMatchObject({ choice: null });
    expect(vote.ballots.find((b: { delegation: string }) => b.delegation === 'KAZ')).toMatchObject({
      choice: 'yes',
      explanation: 'Before the vote: We support the text. After the vote: We thank the facilitators.',
    });
    expect(
      model.annexes.endorsements.endorsing.map((e: { delegation: string; kind: string }) => [e.delegation, e.kind]),
    ).toEqual([
      ['FRA', 'endorse_with_reservation'],
      ['KAZ', 'endorse'],
    ]);

    const pdf = await download(secretariat, '?format=pdf');
    expect(fileName(pdf)).toBe(`almaty-declaration-final-${adoptedOn}.pdf`);
    const text = normalise(await pdfToText(pdf.bytes));
    expect(text).not.toMatch(/draft/i);
    expect(text).toContain('Recorded vote');
    expect(text).toContain(`Adopted on`);
    expect(text).toContain('Adopted: 3 in favour, 1 against, 1 abstention; 5 present.');
    // States are named as the UN names them (UNTERM's short names).
    expect(text).toContain(
      'United Kingdom of Great Britain and Northern Ireland: We cannot join the consensus on OP5.',
    );
    expect(text).toContain('France reads OP3 in the light of its law.');

    const zip = await download(secretariat, '?format=package');
    expect(fileName(zip)).toBe(`almaty-declaration-final-${adoptedOn}.zip`);
    expect((await verifyPackage(zip.bytes)).code).toBe(0);
  });

  it('keeps a revision published before adoption a draft of its day, without the later vote', async () => {
    const model = json(await download(await as('observer'), `?format=json&revision=${rev1}`));
    expect(model.document).toMatchObject({ stage: 'drafting', draft: true });
    expect(model.votes).toEqual([]);
    expect(model.annexes.recordedVote).toBeNull();
    expect(model.annexes.endorsements).toBeNull();
    const md = (await download(await as('observer'), `?format=md&revision=${rev1}`)).bytes.toString('utf8');
    expect(md).toContain('**DRAFT** (Rev.1)');
  });

  it('exports a revision published after adoption as the final text, with what was recorded since', async () => {
    const created = await (await as('secretariat')).post(`/api/documents/${DOC}/revisions`, { name: 'Final' });
    expect(created.status).toBe(201);
    expect(
      (
        await (
          await as('deu-head')
        ).post(`/api/documents/${DOC}/endorsements`, { kind: 'not_endorse', statement: 'Awaiting instructions.' })
      ).status,
    ).toBe(201);
    const res = await download(await as('observer'), `?format=json&revision=${created.body.id}`);
    const model = json(res);
    expect(fileName(res)).toBe(`almaty-declaration-final-${model.document.date}.json`);
    expect(model.document).toMatchObject({ stage: 'adopted', draft: false });
    expect(model.annexes.recordedVote.voteId).toBe(voteId);
    expect(model.annexes.endorsements.notEndorsing.map((e: { delegation: string }) => e.delegation)).toEqual(['DEU']);
  });
});
