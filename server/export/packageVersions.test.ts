import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { generateSigningKey, signText } from '../ledger/signingKey.js';
import { demoSource } from './fixtures.js';
import { FILE_FORMATS } from './files.js';
import { buildExportModel, sha256Hex } from './model.js';
import { MANIFEST, renderPackage, SIGNATURE, type Manifest } from './package.js';
import { validateAkn } from './testTools.js';
import { verifyPackage } from './verify.js';
import { versionOf } from './versionFixtures.js';

/**
 * The submission package of a text with language versions: every version in every format beside the
 * original, each file with its checksum and language in the manifest, each version's text checksum and
 * fingerprint stated, and `verify-package` rendering every version again from its own JSON.
 */

const key = generateSigningKey();
const source = demoSource();
const model = buildExportModel({
  ...source,
  versions: ['ru', 'kk'].map((code) => ({ code, clauses: versionOf(source, code) })),
});
const rendered = renderPackage(model, key);

async function filesOf(data: Buffer): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(data);
  const files = new Map<string, Buffer>();
  for (const [path, file] of Object.entries(zip.files)) if (!file.dir) files.set(path, await file.async('nodebuffer'));
  return files;
}

/** The package with `path` replaced and the manifest recomputed and signed again by the conference key. */
async function resigned(data: Buffer, path: string, body: Buffer): Promise<Buffer> {
  const files = await filesOf(data);
  files.set(path, body);
  const manifest = JSON.parse(files.get(MANIFEST)!.toString('utf8')) as Manifest;
  for (const entry of manifest.files) {
    const file = files.get(entry.path)!;
    Object.assign(entry, { sha256: sha256Hex(file), bytes: file.length });
  }
  const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  files.set(MANIFEST, bytes);
  files.set(SIGNATURE, Buffer.from(`${signText(key, bytes)}\n`));
  const zip = new JSZip();
  for (const [name, file] of files) zip.file(name, file);
  return zip.generateAsync({ type: 'nodebuffer' });
}

describe('submission package with language versions', () => {
  it('carries every version in every format, each with its language and checksum in the manifest', async () => {
    const files = await filesOf(await rendered);
    const manifest = JSON.parse(files.get(MANIFEST)!.toString('utf8')) as Manifest;
    expect(manifest.versions).toEqual(
      model.otherVersions.map((v) => ({ language: v.language, textSha256: v.textSha256, fingerprint: v.fingerprint })),
    );
    expect(manifest.versions!.map((v) => v.language)).toEqual(['ru', 'kk']);
    for (const code of ['ru', 'kk']) {
      const listed = manifest.files.filter((f) => f.language === code);
      expect(listed.map((f) => f.part)).toEqual([...FILE_FORMATS]);
      for (const file of listed) {
        expect(file.path).toMatch(new RegExp(`^almaty-declaration-${code}-final-2025-10-17\\.`));
        expect(file.sha256).toBe(sha256Hex(files.get(file.path)!));
      }
    }
    // The original's files are as before, without a language.
    expect(manifest.files.filter((f) => !f.language && FILE_FORMATS.includes(f.part as never)).length).toBe(6);
    expect(manifest.files.length).toBe(6 * 3 + 2);
  });

  it('holds one valid Akoma Ntoso expression per language', async () => {
    const files = await filesOf(await rendered);
    for (const [path, body] of files) {
      if (!path.endsWith('.akn.xml')) continue;
      expect((await validateAkn(body)).code).toBe(0);
      const code = /-(ru|kk)-final/.exec(path)?.[1];
      const expected = code === 'ru' ? 'rus' : code === 'kk' ? 'kaz' : 'eng';
      expect(body.toString('utf8')).toContain(`<FRBRlanguage language="${expected}"/>`);
    }
  });

  it('verifies intact, every version rendered again from its own JSON', async () => {
    expect(await verifyPackage(await rendered, { publicKeyPem: key.publicKeyPem })).toMatchObject({
      ok: true,
      fileCount: 20,
      fingerprint: model.fingerprint,
    });
  });

  it('is refused when a version says something else, even re-signed by the key', async () => {
    const data = await rendered;
    const path = 'almaty-declaration-kk-final-2025-10-17.md';
    const body = Buffer.from((await filesOf(data)).get(path)!.toString('utf8').replace('Алматы', 'Астана'));
    expect(await verifyPackage(await resigned(data, path, body), { publicKeyPem: key.publicKeyPem })).toMatchObject({
      ok: false,
      file: path,
      problem: 'content',
    });
  });
});
