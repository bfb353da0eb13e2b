import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import {
  SERVE_COMMAND,
  SERVER_BUNDLE,
  SERVER_ENTRY_POINTS,
  SERVER_ENV,
  SERVER_NODE_FLAGS,
} from '../../scripts/buildServer.js';
import { DOCX_MEDIA_TYPE } from '../../shared/api/import.js';
import { ApiClient } from '../helpers/server.js';
import { unLayoutDraft } from '../helpers/wordDrafts.js';

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };

/**
 * `npm start` runs the compiled server with plain Node: no TypeScript is transpiled at run time, and stack
 * traces name the sources through the source map.
 */
describe('the production build', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-production-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('is what npm start runs, with source maps', () => {
    expect(pkg.scripts.start).toBe('npm run build && npm run serve');
    expect(pkg.scripts.serve).toBe(SERVE_COMMAND);
    expect(SERVER_NODE_FLAGS).toContain('--enable-source-maps');
    expect(pkg.scripts.build).toContain('build:server');
    const bundle = fs.readFileSync(SERVER_BUNDLE, 'utf8');
    expect(bundle).toMatch(/\/\/# sourceMappingURL=main\.js\.map\s*$/);
    const map = JSON.parse(fs.readFileSync(`${SERVER_BUNDLE}.map`, 'utf8')) as { sources: string[] };
    expect(map.sources).toEqual(
      expect.arrayContaining(['../../server/main.ts', '../../server/collab/updatePolicy.ts']),
    );
    // npm packages stay imports: the native SQLite addon and the fonts are loaded from node_modules.
    expect(bundle).toMatch(/from "better-sqlite3"/);
    // Each worker thread's module beside the server's, where the modules that start them look for it.
    expect(Object.keys(SERVER_ENTRY_POINTS)).toEqual(
      expect.arrayContaining(['renderWorker', 'importWorker', 'passwordWorker', 'diffWorker']),
    );
    for (const name of Object.keys(SERVER_ENTRY_POINTS))
      expect(fs.existsSync(path.join(path.dirname(SERVER_BUNDLE), `${name}.js`)), name).toBe(true);
  });

  it('serves the demo conference and the client from plain Node', async () => {
    const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, SERVER_BUNDLE], {
      env: { ...process.env, ...SERVER_ENV, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', (line) => {
          const match = /^Accord is serving on (http:\/\/\S+)/.exec(line);
          if (match) resolve(match[1]!);
          else reject(new Error(`unexpected first line: ${line}`));
        });
        void exited.then((code) => reject(new Error(`server exited with ${code}`)));
      });
      const client = new ApiClient(url);
      expect((await client.get('/api/health')).body).toEqual({ ok: true });
      expect((await client.post('/api/auth/login', { username: 'chair', password: 'demo' })).status).toBe(200);
      expect((await client.get('/api/documents/almaty-declaration')).body).toMatchObject({ id: 'almaty-declaration' });
      // Worker threads start from their own bundles beside the server's: a Word draft is read on one.
      const secretariat = new ApiClient(url);
      await secretariat.post('/api/auth/login', { username: 'secretariat', password: 'demo' });
      const draft = await secretariat.request('POST', '/api/documents/import?dryRun=1', await unLayoutDraft(), {
        'content-type': DOCX_MEDIA_TYPE,
      });
      expect([draft.status, draft.body.clauses?.length]).toEqual([200, 8]);
      const page = await client.get('/');
      expect(page.status).toBe(200);
      expect(String(page.body)).toContain('<div id="app"');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
