import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPackage } from '../server/export/verify.js';
import { sha256Hex } from '../server/export/model.js';
import { startTestServer, type TestServer } from '../test/helpers/server.js';
import { script } from '../test/helpers/scripts.js';

describe('npm run export', () => {
  let server: TestServer;
  let outDir: string;

  /** Runs the script beside the live server, on its database, from `cwd` as npm would record it. */
  const exportCli = (args: string[], cwd = outDir) =>
    spawnSync(...script('export', ...args), {
      env: { ...process.env, DATA_DIR: server.dataDir, LOG_LEVEL: 'silent', INIT_CWD: cwd },
      encoding: 'utf8',
    });

  beforeAll(async () => {
    server = await startTestServer();
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-export-cli-'));
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(outDir, { recursive: true, force: true });
  });

  it('writes the file under the name the export proposes, and the ledger records it', async () => {
    const run = exportCli(['--document', 'almaty-declaration', '--format', 'package']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const name = `almaty-declaration-draft-${new Date().toISOString().slice(0, 10)}.zip`;
    const file = path.join(outDir, name);
    const zip = fs.readFileSync(file);
    expect(run.stdout).toBe(`${file}: ${zip.length} bytes, SHA-256 ${sha256Hex(zip)}\n`);
    expect(await verifyPackage(zip, { publicKeyPem: server.ctx.signingKey.publicKeyPem })).toMatchObject({
      ok: true,
      // The original's eight files, and the six formats of each of the demo's two versions (ru, kk).
      fileCount: 20,
      keyFingerprint: server.ctx.signingKey.fingerprint,
    });
    // The export's entry, then the checkpoint signing it.
    expect((await server.ctx.store.audit.entries()).at(-2)).toMatchObject({
      action: 'document.export',
      actor: null,
      documentId: 'almaty-declaration',
      payload: { format: 'package', revision: null, sha256: sha256Hex(zip) },
    });
    expect((await server.ctx.store.audit.entries()).at(-1)).toMatchObject({
      action: 'ledger.checkpoint',
      payload: { after: 'document.export' },
    });
  });

  it('writes into a directory given with --out, or to the file named', () => {
    expect(exportCli(['--document', 'almaty-declaration', '--format', 'md', '--out', 'texts/']).status).toBe(0);
    expect(fs.readdirSync(path.join(outDir, 'texts'))).toEqual([
      expect.stringMatching(/^almaty-declaration-draft-\d{4}-\d{2}-\d{2}\.md$/),
    ]);
    expect(
      exportCli(['--document', 'almaty-declaration', '--format', 'html', '--out', 'declaration.html']).status,
    ).toBe(0);
    expect(fs.readFileSync(path.join(outDir, 'declaration.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });

  it('refuses an unknown format, document or revision with a message, writing nothing', () => {
    const before = fs.readdirSync(outDir).length;
    const format = exportCli(['--document', 'almaty-declaration', '--format', 'exe']);
    expect([format.status, format.stderr.trim()]).toEqual([
      2,
      'Unknown export format “exe”: use format=pdf|docx|akn|html|md|json|package.',
    ]);
    const document = exportCli(['--document', 'no-such-declaration', '--format', 'pdf']);
    expect([document.status, document.stderr.trim()]).toEqual([1, 'No document no-such-declaration.']);
    const revision = exportCli(['--document', 'almaty-declaration', '--format', 'pdf', '--revision', 'nope']);
    expect([revision.status, revision.stderr.trim()]).toEqual([1, 'No revision nope of almaty-declaration.']);
    expect(exportCli([]).status).toBe(2);
    expect(fs.readdirSync(outDir).length).toBe(before);
  });
});
