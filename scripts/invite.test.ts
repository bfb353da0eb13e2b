import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/helpers/server.js';

describe('npm run invite', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('prints one-time links for a delegation, writes the desk sheet, and the links sign in once', async () => {
    const out = path.join(os.tmpdir(), `accord-sheet-${process.pid}.html`);
    const stdout = execFileSync('npx', ['tsx', 'scripts/invite.ts', '--delegation', 'kaz', '--hours', '4', '--base-url', server.url, '--out', out], {
      env: { ...process.env, DATA_DIR: server.dataDir, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    });
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
      execFileSync('npx', ['tsx', 'scripts/invite.ts', '--delegation', 'XXX'], { env: { ...process.env, DATA_DIR: server.dataDir }, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      failed = true;
      expect(String((error as { stderr: string }).stderr)).toContain('No delegation XXX');
    }
    expect(failed).toBe(true);
  });
});
