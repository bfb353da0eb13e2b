import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainHash, type AuditEntry } from '../db/repositories/audit.js';
import { generateSigningKey, signText, type SigningKey } from '../ledger/signingKey.js';
import { clauseContent, demoSource, generatedSource } from './fixtures.js';
import { renderFile, FILE_FORMATS } from './files.js';
import { clauseJson, sourceFromJson } from './fromJson.js';
import { buildExportModel, sha256Hex, type ExportModel, type ExportSource } from './model.js';
import { LEDGER_EXTRACT, MANIFEST, PUBLIC_KEY, renderPackage, SIGNATURE, type Manifest } from './package.js';
import { verifyPackage } from './verify.js';
import { script } from '../../test/helpers/scripts.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const conference = generateSigningKey();
const forger = generateSigningKey();
const published = { publicKeyPem: conference.publicKeyPem };

/** A source as the server gathers it: the ledger's head and key known, the vote's closing row in the extract. */
function fromServer(source: ExportSource): ExportSource {
  const close = source.ledger.findLast((r) => r.action === 'vote.close')!;
  const vote = source.votes[0]!;
  (close.payload as Record<string, unknown>).result = vote.result;
  const ledger = demoLedger(source);
  return {
    ...source,
    ledger,
    votes: source.votes.map((v) => ({ ...v, ledger: { seq: ledger.at(-1)!.seq, hash: ledger.at(-1)!.hash } })),
    signing: { keyFingerprint: conference.fingerprint, head: { seq: 99, hash: 'a'.repeat(64) } },
  };
}

/** The fixture's extract, rehashed after its closing row was given the vote's result. */
function demoLedger(source: ExportSource): ExportSource['ledger'] {
  return source.ledger.reduce<ExportSource['ledger']>((rows, row) => {
    const prevHash = rows.at(-1)?.hash ?? '0'.repeat(64);
    const entry = { ...row, prevHash };
    const { hash: _old, ...body } = entry;
    rows.push({ ...entry, hash: chain(body) });
    return rows;
  }, []);
}
const chain = (body: Record<string, unknown>): string => chainHash(body as unknown as AuditEntry);

/** The package's files, changed by `change`, zipped again; the manifest recomputed, and signed, as asked. */
async function repack(
  data: Buffer,
  change: (files: Map<string, Buffer>) => void | Promise<void>,
  options: { manifest?: 'keep' | 'recompute'; signWith?: SigningKey } = {},
): Promise<Buffer> {
  const zip = await JSZip.loadAsync(data);
  const files = new Map<string, Buffer>();
  for (const [path, file] of Object.entries(zip.files)) if (!file.dir) files.set(path, await file.async('nodebuffer'));
  await change(files);
  if (options.manifest === 'recompute' || options.signWith) {
    if (options.signWith) files.set(PUBLIC_KEY, Buffer.from(options.signWith.publicKeyPem));
    const manifest = JSON.parse(files.get(MANIFEST)!.toString('utf8')) as Manifest;
    for (const entry of manifest.files) {
      const body = files.get(entry.path);
      if (body) Object.assign(entry, { sha256: sha256Hex(body), bytes: body.length });
    }
    if (options.signWith) manifest.signature.keyFingerprint = options.signWith.fingerprint;
    const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    files.set(MANIFEST, bytes);
    if (options.signWith) files.set(SIGNATURE, Buffer.from(`${signText(options.signWith, bytes)}\n`));
  }
  const out = new JSZip();
  for (const [path, body] of files) out.file(path, body);
  return out.generateAsync({ type: 'nodebuffer' });
}

const edit = (path: string, fn: (text: string) => string) => (files: Map<string, Buffer>) => {
  files.set(path, Buffer.from(fn(files.get(path)!.toString('utf8'))));
};

describe.each([
  ['the demo-like declaration', fromServer(demoSource())],
  ['a generated declaration of 200 clauses', generatedSource(200)],
])('submission package of %s', (_name, source) => {
  const model = buildExportModel(source);
  const rendered = renderPackage(model, conference);

  it('holds every format, the ledger extract, the public key, a signed manifest of what it all says', async () => {
    const zip = await JSZip.loadAsync(await rendered);
    const base = model.baseName;
    const listed = [
      `${base}.pdf`,
      `${base}.docx`,
      `${base}.akn.xml`,
      `${base}.html`,
      `${base}.md`,
      `${base}.json`,
      LEDGER_EXTRACT,
      PUBLIC_KEY,
    ];
    expect(Object.keys(zip.files).sort()).toEqual([...listed, MANIFEST, SIGNATURE].sort());
    const manifest = JSON.parse(await zip.file(MANIFEST)!.async('string')) as Manifest;
    expect(manifest.files.map((f) => [f.path, f.part])).toEqual(
      listed.map((p, i) => [p, [...FILE_FORMATS, 'ledger', 'key'][i]]),
    );
    expect(manifest).toMatchObject({
      textSha256: model.textSha256,
      fingerprint: model.fingerprint,
      generator: { name: 'Accord' },
    });
    expect(manifest.signature).toEqual({
      algorithm: 'Ed25519',
      file: SIGNATURE,
      keyFingerprint: conference.fingerprint,
      publicKey: PUBLIC_KEY,
    });
    expect(manifest.votes.map((v) => v.result)).toEqual(
      model.votes.map((v) => ({
        outcome: v.result.outcome,
        yes: v.result.yes,
        no: v.result.no,
        abstain: v.result.abstain,
        present: v.result.present,
      })),
    );
    expect(manifest.ledger).toEqual(
      model.signing && { head: model.signing.head, keyFingerprint: model.signing.keyFingerprint },
    );
    for (const file of manifest.files) {
      const body = await zip.file(file.path)!.async('nodebuffer');
      expect(sha256Hex(body)).toBe(file.sha256);
      expect(body.length).toBe(file.bytes);
    }
    expect(JSON.parse(await zip.file(LEDGER_EXTRACT)!.async('string'))).toEqual(source.ledger);
    // The same export gives the same archive.
    expect((await renderPackage(model, conference)).equals(await rendered)).toBe(true);
  });

  it('verifies intact with the published key, and with its own key (saying so)', async () => {
    const data = await rendered;
    expect(await verifyPackage(data, published)).toEqual({
      ok: true,
      fileCount: 8,
      keyFingerprint: conference.fingerprint,
      keyFromPackage: false,
      fingerprint: model.fingerprint,
    });
    expect(await verifyPackage(data)).toMatchObject({
      ok: true,
      keyFromPackage: true,
      keyFingerprint: conference.fingerprint,
    });
  });
});

describe('a tampered package', () => {
  const model = buildExportModel(fromServer(demoSource()));
  const base = model.baseName;
  let data: Buffer;
  beforeAll(async () => {
    data = await renderPackage(model, conference);
  });

  const every = [
    `${base}.pdf`,
    `${base}.docx`,
    `${base}.akn.xml`,
    `${base}.html`,
    `${base}.md`,
    `${base}.json`,
    LEDGER_EXTRACT,
    PUBLIC_KEY,
  ];

  it.each(every)(
    '%s changed: its checksum names it; with the manifest recomputed, the signature fails',
    async (path) => {
      const change = (files: Map<string, Buffer>) => {
        const body = files.get(path)!;
        files.set(path, Buffer.concat([body, Buffer.from(path.endsWith('.pem') ? '\n' : ' ')]));
      };
      expect(await verifyPackage(await repack(data, change), published)).toMatchObject({
        ok: false,
        file: path,
        problem: 'checksum',
      });
      expect(await verifyPackage(await repack(data, change, { manifest: 'recompute' }), published)).toMatchObject({
        ok: false,
        file: MANIFEST,
        problem: 'signature',
      });
    },
  );

  it('the HTML, Markdown and JSON changed alike, the manifest recomputed (break 5): the signature fails', async () => {
    const forged = (text: string) => text.replaceAll('inclusive', 'exclusive');
    const tampered = await repack(
      data,
      (files) => {
        for (const p of [`${base}.html`, `${base}.md`, `${base}.json`]) edit(p, forged)(files);
      },
      { manifest: 'recompute' },
    );
    expect(await verifyPackage(tampered, published)).toMatchObject({ ok: false, file: MANIFEST, problem: 'signature' });
    // Signed again by someone else: the published key refuses it; the package's own key, the text itself does.
    const resigned = await repack(
      data,
      (files) => {
        for (const p of [`${base}.html`, `${base}.md`, `${base}.json`]) edit(p, forged)(files);
      },
      { signWith: forger },
    );
    expect(await verifyPackage(resigned, published)).toMatchObject({ ok: false, file: SIGNATURE, problem: 'key' });
    expect(await verifyPackage(resigned)).toMatchObject({ ok: false, file: `${base}.json`, problem: 'fingerprint' });
  });

  it.each(FILE_FORMATS.filter((f) => f !== 'json'))(
    'the %s file alone changed and re-signed: it does not say what the JSON says',
    async (format) => {
      // Rendered from a text with one word changed: a well-formed file, honestly checksummed, signed by the forger.
      const other = structuredClone(fromServer(demoSource()));
      other.clauses[1] = { ...other.clauses[1]!, content: clauseContent('*Having met* in Astana,') };
      const file = await renderFile(format, buildExportModel(other));
      const tampered = await repack(data, (files) => void files.set(file.fileName, file.body), { signWith: forger });
      expect(await verifyPackage(tampered)).toMatchObject({ ok: false, file: file.fileName, problem: 'content' });
    },
  );

  it('a JSON with a new text and a recomputed fingerprint: every other format gives it away', async () => {
    const tampered = await repack(
      data,
      async (files) => {
        const json = JSON.parse(files.get(`${base}.json`)!.toString('utf8')) as Record<string, unknown>;
        const source = sourceFromJson(json, model.ledger);
        source.clauses[1] = {
          ...source.clauses[1]!,
          content: clauseJson([
            { type: 'paragraph', runs: [{ text: 'Having met in Astana,', em: false, strong: false }] },
          ]),
        };
        const forgedModel = buildExportModel(source);
        files.set(`${base}.json`, (await renderFile('json', forgedModel)).body);
        // A thorough forger states the new fingerprint in the manifest too.
        edit(MANIFEST, (t) =>
          t.replace(model.fingerprint, forgedModel.fingerprint).replace(model.textSha256, forgedModel.textSha256),
        )(files);
      },
      { signWith: forger },
    );
    expect(await verifyPackage(tampered)).toMatchObject({ ok: false, file: `${base}.pdf`, problem: 'content' });
  });

  it('a JSON field edited: a derived one is not what Accord writes, a vote result is not what the PDF says', async () => {
    const phrase = await repack(
      data,
      edit(`${base}.json`, (t) => t.replace(/"openingPhrase": "[^"]+"/, '"openingPhrase": "Rejecting"')),
      { signWith: forger },
    );
    expect(await verifyPackage(phrase)).toMatchObject({
      ok: false,
      file: `${base}.json`,
      problem: 'content',
      message: expect.stringContaining('a field was edited'),
    });
    const result = await repack(
      data,
      edit(`${base}.json`, (t) => t.replace('"outcome": "adopted"', '"outcome": "not_adopted"')),
      { signWith: forger },
    );
    expect(await verifyPackage(result)).toMatchObject({ ok: false, file: `${base}.pdf`, problem: 'content' });
  });

  it('a ledger row edited, or a vote result in the manifest, even when re-signed', async () => {
    const row = await repack(
      data,
      edit(LEDGER_EXTRACT, (t) => t.replace('"note": "<&>"', '"note": "<&> "')),
      { signWith: forger },
    );
    expect(await verifyPackage(row)).toMatchObject({
      ok: false,
      file: LEDGER_EXTRACT,
      problem: 'content',
      message: expect.stringContaining('was altered'),
    });
    const votes = await repack(
      data,
      edit(MANIFEST, (t) => t.replace('"outcome": "adopted"', '"outcome": "not_adopted"')),
      { signWith: forger },
    );
    expect(await verifyPackage(votes)).toMatchObject({
      ok: false,
      file: MANIFEST,
      problem: 'content',
      message: expect.stringContaining('vote results'),
    });
  });

  it('the manifest or its signature changed, removed or unlisted files: each named', async () => {
    expect(
      await verifyPackage(
        await repack(
          data,
          edit(MANIFEST, (t) => t.replace('"Accord"', '"Acord"')),
        ),
        published,
      ),
    ).toMatchObject({ ok: false, file: MANIFEST, problem: 'signature' });
    const flipped = (t: string) => (t[0] === 'A' ? 'B' : 'A') + t.slice(1);
    expect(await verifyPackage(await repack(data, edit(SIGNATURE, flipped)), published)).toMatchObject({
      ok: false,
      file: MANIFEST,
      problem: 'signature',
    });
    expect(await verifyPackage(await repack(data, (f) => void f.delete(SIGNATURE)), published)).toMatchObject({
      ok: false,
      file: SIGNATURE,
      problem: 'missing',
    });
    expect(await verifyPackage(await repack(data, (f) => void f.delete(MANIFEST)), published)).toMatchObject({
      ok: false,
      file: MANIFEST,
      problem: 'missing',
    });
    expect(await verifyPackage(await repack(data, (f) => void f.delete(`${base}.json`)), published)).toMatchObject({
      ok: false,
      file: `${base}.json`,
      problem: 'missing',
    });
    expect(
      await verifyPackage(await repack(data, (f) => void f.set('extra.txt', Buffer.from('x'))), published),
    ).toMatchObject({ ok: false, file: 'extra.txt', problem: 'unlisted' });
    expect(await verifyPackage(Buffer.from('not a zip'))).toMatchObject({ ok: false, problem: 'unreadable' });
  });

  it('re-rendered whole by a forger from a changed text: only the published key tells', async () => {
    const other = structuredClone(fromServer(demoSource()));
    other.clauses[1] = { ...other.clauses[1]!, content: clauseContent('*Having met* in Astana,') };
    const forgedModel: ExportModel = buildExportModel(other);
    const forged = await renderPackage(forgedModel, forger);
    expect(await verifyPackage(forged)).toMatchObject({
      ok: true,
      keyFromPackage: true,
      keyFingerprint: forger.fingerprint,
    });
    expect(await verifyPackage(forged, published)).toMatchObject({ ok: false, file: SIGNATURE, problem: 'key' });
  });
});

describe('npm run verify-package', () => {
  const run = promisify(execFile);
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'accord-package-'));
    await writeFile(join(dir, 'conference.pub.pem'), conference.publicKeyPem);
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const verify = async (data: Buffer, args: string[] = []): Promise<{ code: number; out: string }> => {
    const file = join(dir, `package-${Math.random().toString(36).slice(2)}.zip`);
    await writeFile(file, data);
    try {
      const { stdout, stderr } = await run(...script('verify-package', file, ...args), { cwd: ROOT });
      return { code: 0, out: stdout + stderr };
    } catch (error) {
      const failure = error as { code: number; stdout: string; stderr: string };
      return { code: failure.code, out: failure.stdout + failure.stderr };
    }
  };

  it('exits 0 naming the key, or 1 naming what was changed', async () => {
    const model = buildExportModel(fromServer(demoSource()));
    const data = await renderPackage(model, conference);
    const withKey = await verify(data, ['--public-key', join(dir, 'conference.pub.pem')]);
    expect(withKey).toMatchObject({ code: 0 });
    expect(withKey.out).toContain(
      `package intact: 8 files match the manifest signed by ${conference.fingerprint} (the key given)`,
    );
    expect(withKey.out).toContain(`text fingerprint ${model.fingerprint}`);
    const own = await verify(data);
    expect(own.code).toBe(0);
    expect(own.out).toContain(
      `signed by ${conference.fingerprint}, the key inside the package: compare it with the conference's published fingerprint`,
    );

    const damaged = await verify(
      await repack(
        data,
        edit(`${model.baseName}.md`, (t) => `${t}forged\n`),
        { manifest: 'recompute' },
      ),
      ['--public-key', join(dir, 'conference.pub.pem')],
    );
    expect(damaged.code).toBe(1);
    expect(damaged.out).toContain(`package damaged: ${MANIFEST}:`);
    expect((await verify(data, ['--public-key', join(dir, 'missing.pem')])).code).toBe(2);
  }, 120_000);
});
