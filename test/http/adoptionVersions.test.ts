import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { UnfinishedItem } from '../../shared/domain/unfinished.js';
import { parseMarkup } from '../../shared/editor/markup.js';
import { getClauseFragment, writeVersion } from '../../shared/editor/ydoc.js';
import { actorOf } from '../../server/auth/session.js';
import { createDocument } from '../../server/commands/createDocument.js';
import { newId } from '../../server/db/ids.js';
import { FINGERPRINT_FORMAT_VERSIONS, jsonFingerprint, stateVectorBase64 } from '../../server/export/fingerprint.js';
import { verifyPackage } from '../../server/export/verify.js';
import { documentFingerprint } from '../../server/export/source.js';
import { verifyLedger } from '../../server/ledger/verify.js';
import { signedIn } from '../helpers/documents.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * Adoption of a text with language versions: every version is official, so the chair is told of each one not
 * ready before the text is put to the vote or adopted, the adopted text's fingerprint covers every version, the
 * versions are frozen with the text, and `verify-ledger` recomputes them from storage.
 */
let server: TestServer;
const as = signedIn(() => server);

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_BURST: '0' });
});
afterAll(() => server?.close());

/** The Kazakh text of PP1 as written, found again in storage by the tampering test. */
const KK_PP1 = '*Білім алу* құқығын мойындай отырып,';

/**
 * A finished text (every clause agreed) with two versions: ru current throughout; kk with its title current,
 * PP1 stale (marked current, then the original changed), OP1 a draft and OP2 missing.
 */
async function textWithVersions(): Promise<{ id: string; clauses: string[] }> {
  const id = `doc-${newId()}`;
  const secretariat = actorOf((await server.ctx.store.users.byUsername('secretariat'))!);
  const clauses = await createDocument(server.ctx, secretariat, {
    id,
    conferenceId: (await server.ctx.store.conferences.current())!.id,
    title: 'Test declaration',
    symbol: 'TEST/1',
    stage: 'negotiation',
    clauses: [
      { kind: 'title', text: 'Test declaration' },
      { kind: 'preamble', text: '*Recognizing* the right to education,' },
      { kind: 'operative', text: '*Calls upon* States to act.' },
      { kind: 'operative', text: '*Encourages* cooperation.' },
    ],
    versions: [
      {
        code: 'ru',
        texts: [
          'Тестовая декларация',
          '*признавая* право на образование,',
          '*призывает* государства действовать.',
          '*рекомендует* сотрудничество.',
        ],
      },
      { code: 'kk', texts: ['Сынақ декларациясы', KK_PP1, '*Мемлекеттерді* әрекет етуге шақырады.', null] },
    ],
  });
  const [title, pp1, op1] = clauses as [string, string, string, string];
  const author = { userId: secretariat.userId, delegation: null };
  const mark = async (clauseId: string, lang: string, status: 'current' | 'draft') =>
    expect(
      (
        await (
          await as('secretariat')
        ).post(`/api/documents/${id}/clauses/${clauseId}/translations/${lang}/status`, { status })
      ).status,
    ).toBe(200);
  for (const clauseId of clauses) await mark(clauseId, 'ru', 'current');
  await mark(title, 'kk', 'current');
  await mark(pp1, 'kk', 'current');
  await mark(op1, 'kk', 'draft');
  // The original of PP1 changes after kk was marked current against it, and ru is marked again.
  await server.ctx.registry.change(id, author, (doc) => {
    const paragraph = getClauseFragment(doc, pp1).get(0) as Y.XmlElement;
    const text = paragraph.get(paragraph.length - 1) as Y.XmlText;
    text.insert(text.length, ' anew');
    writeVersion(doc, pp1, 'ru', parseMarkup('*признавая* право на образование,'));
  });
  await mark(pp1, 'ru', 'current');
  for (const clauseId of clauses) await server.ctx.store.documents.setClauseStatus(id, clauseId, 'agreed_ad_ref');
  return { id, clauses };
}

const refusal = (res: { status: number; body: { error?: { id: string; items?: UnfinishedItem[] } } }) => [
  res.status,
  res.body.error?.id,
  res.body.error?.items,
];

describe('adoption of a text with language versions', () => {
  let doc: { id: string; clauses: string[] };
  let expected: UnfinishedItem[];

  beforeAll(async () => {
    doc = await textWithVersions();
    const [, pp1, op1, op2] = doc.clauses as [string, string, string, string];
    expected = [
      {
        kind: 'translation_unfinished',
        lang: 'kk',
        missing: [{ clauseId: op2, ref: 'OP2' }],
        stale: [{ clauseId: pp1, ref: 'PP1' }],
        draft: [{ clauseId: op1, ref: 'OP1' }],
        total: 4,
      },
    ];
  });

  it('lists each version not ready before the vote on the whole text, an adoption without a vote or under silence', async () => {
    const chair = await as('chair');
    const kk = (await chair.get(`/api/documents/${doc.id}?lang=kk`)).body;
    expect(kk.clauses.map((c: { translation: { status: string } }) => c.translation.status)).toEqual([
      'current',
      'stale',
      'draft',
      'missing',
    ]);
    // A finished text but for kk: ru, current throughout, is not listed.
    const vote = await chair.post(`/api/documents/${doc.id}/votes`, {
      subject: { type: 'document' },
      rule: 'consensus',
    });
    expect(refusal(vote)).toEqual([409, 'needs_acknowledgement', expected]);
    expect((await chair.get(`/api/documents/${doc.id}/votes`)).body.votes).toEqual([]);

    expect((await chair.post(`/api/documents/${doc.id}/stage`, { stage: 'adoption' })).status).toBe(200);
    const adopt = await chair.post(`/api/documents/${doc.id}/adoption`, { objectionWindowMinutes: 0 });
    expect(refusal(adopt)).toEqual([409, 'needs_acknowledgement', expected]);
    const silence = await chair.post(`/api/documents/${doc.id}/silence`, { subject: 'adoption', minutes: 60 });
    expect(refusal(silence)).toEqual([409, 'needs_acknowledgement', expected]);
    expect((await chair.get(`/api/documents/${doc.id}`)).body.stage).toBe('adoption');
  });

  it('records a fingerprint over the original and every version, which changes when any version does', async () => {
    const chair = await as('chair');
    const adopted = await chair.post(`/api/documents/${doc.id}/adoption`, {
      objectionWindowMinutes: 0,
      acknowledge: true,
    });
    expect(adopted.status, JSON.stringify(adopted.body)).toBe(200);
    const entries = await server.ctx.store.audit.forDocument(doc.id);
    const stage = entries.find((e) => e.action === 'document.stage' && e.payload.to === 'adopted')!;
    expect(stage.payload.acknowledged).toEqual(expected);
    const record = entries.find((e) => e.action === 'document.adopted')!;
    const live = (await server.ctx.registry.get(doc.id))!;
    const rows = await server.ctx.store.documents.clauses(doc.id);
    expect(record.payload).toEqual({
      method: 'without_vote',
      fingerprint: documentFingerprint(live, rows, ['kk', 'ru']),
      format: FINGERPRINT_FORMAT_VERSIONS,
      versions: ['kk', 'ru'],
      stateVector: stateVectorBase64(live),
      objectionWindowMinutes: 0,
    });
    expect(adopted.body.fingerprint).toBe(record.payload.fingerprint);
    expect(documentFingerprint(live, rows, ['ru', 'kk'])).toBe(record.payload.fingerprint);
    expect(documentFingerprint(live, rows)).not.toBe(record.payload.fingerprint);

    // The same text with one clause of one version changed, in either version, a missing one written, or
    // only its formatting changed.
    const [, pp1, , op2] = doc.clauses as [string, string, string, string];
    const changed = (lang: string, clauseId: string, text: string): string => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(live));
      copy.transact(() => writeVersion(copy, clauseId, lang, parseMarkup(text)));
      return documentFingerprint(copy, rows, ['kk', 'ru']);
    };
    const variants = [
      changed('kk', pp1, '*Білім алу* құқығын мойындай отырып;'),
      changed('ru', pp1, '*признавая* право на качественное образование,'),
      changed('kk', op2, '*Ынтымақтастықты* ұсынады.'),
      changed('ru', pp1, 'признавая право на образование,'),
    ];
    expect(new Set([record.payload.fingerprint, ...variants]).size).toBe(5);
  });

  it('freezes the versions with the text: no version is written, marked or added once adopted', async () => {
    const [title, , , op2] = doc.clauses as [string, string, string, string];
    const secretariat = await as('secretariat');
    const mark = await secretariat.post(`/api/documents/${doc.id}/clauses/${title}/translations/kk/status`, {
      status: 'draft',
    });
    expect([mark.status, mark.body.error.id]).toEqual([403, 'stage_not_allowed']);
    const add = await secretariat.post(`/api/documents/${doc.id}/languages`, { code: 'uz' });
    expect([add.status, add.body.error.id]).toEqual([403, 'stage_not_allowed']);
    await expect(
      server.ctx.registry.change(doc.id, { userId: null, delegation: null }, (d) =>
        writeVersion(d, op2, 'kk', parseMarkup('Кеш.')),
      ),
    ).rejects.toMatchObject({ id: 'text_frozen' });
    const languages = (await secretariat.get(`/api/documents/${doc.id}`)).body.languages;
    expect(languages.map((l: { code: string }) => l.code).sort()).toEqual(['en', 'kk', 'ru']);
  });

  it('states the fingerprint the ledger recorded in every export, in any language, and the package verifies', async () => {
    const chair = await as('chair');
    const record = (await server.ctx.store.audit.forDocument(doc.id)).find((e) => e.action === 'document.adopted')!;
    const get = async (query: string): Promise<Buffer> => {
      const res = await fetch(`${server.url}/api/documents/${doc.id}/export?${query}`, {
        headers: { cookie: chair.cookie! },
      });
      expect(res.status, query).toBe(200);
      return Buffer.from(await res.arrayBuffer());
    };
    for (const query of ['format=json', 'format=json&lang=kk', 'format=json&lang=ru']) {
      const json = JSON.parse((await get(query)).toString('utf8'));
      expect(json.fingerprint, query).toBe(record.payload.fingerprint);
      // What it covers travels with it: recomputed from the file alone, whatever language it prints.
      expect(jsonFingerprint(json), query).toBe(record.payload.fingerprint);
    }
    const check = await verifyPackage(await get('format=package'));
    expect(check).toMatchObject({ ok: true, fingerprint: record.payload.fingerprint });
  });

  it('verify-ledger recomputes the fingerprint from storage, versions included, and names a version tampered with', async () => {
    const sql = server.ctx.store.sql;
    const before = await verifyLedger(sql, { publicKey: server.ctx.signingKey });
    expect(before.problems).toEqual([]);
    expect(before.adoptions).toBeGreaterThanOrEqual(1);

    // Someone holding the database rewrites the Kazakh PP1 in the stored update, the same length in bytes, so
    // the Yjs state vector stays as it was recorded: only the fingerprint can tell.
    const written = Buffer.from('құқығын', 'utf8');
    const forged = Buffer.from('міндеті', 'utf8');
    expect(forged.length).toBe(written.length);
    const rows = await sql.all<{ seq: number; data: Uint8Array }>(
      'SELECT seq, data FROM doc_updates WHERE document_id = ? ORDER BY seq',
      [doc.id],
    );
    let tampered = 0;
    for (const row of rows) {
      const data = Buffer.from(row.data);
      const at = data.indexOf(written);
      if (at < 0) continue;
      forged.copy(data, at);
      await sql.run('UPDATE doc_updates SET data = ? WHERE seq = ?', [data, row.seq]);
      tampered += 1;
    }
    expect(tampered).toBe(1);
    const after = await verifyLedger(sql, { publicKey: server.ctx.signingKey });
    expect(after.problems.map((p) => [p.code, p.document])).toEqual([['adopted_text_changed', doc.id]]);
  });
});
