import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/helpers/server.js';
import { script } from '../test/helpers/scripts.js';

describe('npm run invite', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('prints one-time links for a delegation, writes the desk sheet, and the links sign in once', async () => {
    const out = path.join(os.tmpdir(), `accord-sheet-${process.pid}.html`);
    const stdout = execFileSync(
      ...script('invite', '--delegation', 'kaz', '--hours', '4', '--base-url', server.url, '--out', out),
      {
        env: { ...process.env, DATA_DIR: server.dataDir, LOG_LEVEL: 'silent' },
        encoding: 'utf8',
      },
    );
    const urls = [...stdout.matchAll(/(http:\S+#token=[\w-]+)/g)].map((m) => m[1]!);
    expect(urls).toHaveLength(2);
    const sheet = fs.readFileSync(out, 'utf8');
    fs.rmSync(out);
    expect(sheet).toContain('KAZ — Kazakhstan');
    expect(sheet).toContain(urls[0]);
    const client = server.anonymous();
    const token = new URL(urls[0]!).hash.slice('#token='.length);
    expect((await client.post('/api/auth/link', { token })).status).toBe(200);
    expect((await server.anonymous().post('/api/auth/link', { token })).status).toBe(401);
  });

  it('fails with a message for an unknown delegation', () => {
    let failed = false;
    try {
      execFileSync(...script('invite', '--delegation', 'XXX'), {
        env: { ...process.env, DATA_DIR: server.dataDir },
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (error) {
      failed = true;
      expect(String((error as { stderr: string }).stderr)).toContain('No delegation XXX');
    }
    expect(failed).toBe(true);
  });

  it('writes the sheet of live links for its owner only, never over a file without --force, never through a link', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-invite-'));
    const env = { ...process.env, DATA_DIR: server.dataDir, LOG_LEVEL: 'silent' };
    const invite = (args: string[]) =>
      spawnSync(...script('invite', '--users', 'chair', '--base-url', server.url, ...args), { env, encoding: 'utf8' });
    const links = async () =>
      (await server.ctx.store.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM login_links'))!.n;
    try {
      const sheet = path.join(dir, 'sheet.html');
      expect(invite(['--out', sheet]).status).toBe(0);
      expect(fs.statSync(sheet).mode & 0o777).toBe(0o600);

      const before = await links();
      fs.writeFileSync(sheet, 'last year');
      const refused = invite(['--out', sheet]);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('--force');
      expect(fs.readFileSync(sheet, 'utf8')).toBe('last year');
      // Refused before issuing: no live link was made for a sheet that cannot be written.
      expect(await links()).toBe(before);

      const victim = path.join(dir, 'victim.txt');
      const link = path.join(dir, 'link.html');
      fs.symlinkSync(victim, link);
      expect(invite(['--out', link]).status).toBe(1);
      expect(fs.existsSync(victim)).toBe(false);

      expect(invite(['--out', sheet, '--force']).status).toBe(0);
      expect(fs.readFileSync(sheet, 'utf8')).toContain('/login/link#token=');
      expect(fs.statSync(sheet).mode & 0o777).toBe(0o600);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
