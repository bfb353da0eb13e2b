import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { demoSource, generatedSource } from './fixtures.js';
import { buildExportModel, sha256Hex } from './model.js';
import { LEDGER_EXTRACT, MANIFEST, renderPackage, type Manifest } from './package.js';
import { verifyPackage } from './verify.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Rewrites a package with `change` applied to its zip, keeping the original manifest. */
async function tamper(zipData: Buffer, change: (zip: JSZip) => void): Promise<Buffer> {
  const zip = await JSZip.loadAsync(zipData);
  change(zip);
  return zip.generateAsync({ type: 'nodebuffer' });
}

describe.each([
  ['the demo-like declaration', demoSource()],
  ['a generated declaration of 200 clauses', generatedSource(200)],
])('submission package of %s', (_name, source) => {
  const model = buildExportModel(source);
  const rendered = renderPackage(model);

  it('holds every format, the ledger extract and a manifest of SHA-256 checksums', async () => {
    const zip = await JSZip.loadAsync(await rendered);
    const base = model.baseName;
    const expected = [`${base}.pdf`, `${base}.docx`, `${base}.akn.xml`, `${base}.html`, `${base}.md`, `${base}.json`, LEDGER_EXTRACT];
    expect(Object.keys(zip.files).sort()).toEqual([...expected, MANIFEST].sort());
    const manifest = JSON.parse(await zip.file(MANIFEST)!.async('string')) as Manifest;
    expect(manifest.files.map((f) => f.path)).toEqual(expected);
    expect(manifest.textSha256).toBe(model.textSha256);
    for (const file of manifest.files) {
      const body = await zip.file(file.path)!.async('nodebuffer');
      expect(sha256Hex(body)).toBe(file.sha256);
      expect(body.length).toBe(file.bytes);
    }
    expect(JSON.parse(await zip.file(LEDGER_EXTRACT)!.async('string'))).toEqual(source.ledger);
  });

  it('verifies intact, and names the file when one is altered, missing or unlisted', async () => {
    const data = await rendered;
    expect(await verifyPackage(data)).toEqual({ ok: true, fileCount: 7 });

    const pdf = `${model.baseName}.pdf`;
    const altered = await tamper(data, (zip) => zip.file(pdf, Buffer.from('%PDF-1.7 forged')));
    expect(await verifyPackage(altered)).toMatchObject({ ok: false, file: pdf, problem: 'checksum' });

    const json = `${model.baseName}.json`;
    expect(await verifyPackage(await tamper(data, (zip) => zip.remove(json)))).toMatchObject({ ok: false, file: json, problem: 'missing' });
    expect(await verifyPackage(await tamper(data, (zip) => zip.file('extra.txt', 'x')))).toMatchObject({ ok: false, file: 'extra.txt', problem: 'unlisted' });
    expect(await verifyPackage(await tamper(data, (zip) => zip.remove(MANIFEST)))).toMatchObject({ ok: false, file: MANIFEST, problem: 'missing' });
    expect(await verifyPackage(Buffer.from('not a zip'))).toMatchObject({ ok: false, problem: 'unreadable' });
  });
});

describe('verify-package command', () => {
  const run = promisify(execFile);
  const script = join(ROOT, 'scripts', 'verify-package.ts');
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const verify = async (data: Buffer): Promise<{ code: number; out: string }> => {
    dir ??= await mkdtemp(join(tmpdir(), 'accord-package-'));
    const file = join(dir, `package-${Math.random().toString(36).slice(2)}.zip`);
    await writeFile(file, data);
    try {
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', script, file], { cwd: ROOT });
      return { code: 0, out: stdout + stderr };
    } catch (error) {
      const failure = error as { code: number; stdout: string; stderr: string };
      return { code: failure.code, out: failure.stdout + failure.stderr };
    }
  };

  it('exits 0 with "package intact" and the file count, or 1 naming the damaged file', async () => {
    const model = buildExportModel(demoSource());
    const data = await renderPackage(model);
    const intact = await verify(data);
    expect(intact.code).toBe(0);
    expect(intact.out).toMatch(/package intact: 7 files/);

    const damaged = await verify(await tamper(data, (zip) => zip.file(`${model.baseName}.md`, '# forged\n')));
    expect(damaged.code).toBe(1);
    expect(damaged.out).toContain(`${model.baseName}.md`);
  });
});
