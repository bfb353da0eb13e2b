import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/helpers/server.js';
import { readPublicKey } from '../server/ledger/signingKey.js';
import { script } from '../test/helpers/scripts.js';

describe('npm run setup', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ SEED: 'none' });
  });
  afterAll(() => server?.close());

  const setup = (...args: string[]): { status: number | null; stdout: string; stderr: string } =>
    spawnSync(...script('setup', ...args), {
      env: { ...process.env, DATA_DIR: server.dataDir, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    });
  const conference = ['--id', 'wic-2027', '--name', 'World Inclusion Congress 2027', '--place', 'Tashkent, Uzbekistan'];

  it('refuses bad input with a message and leaves the empty installation empty', async () => {
    const run = setup(...conference, '--starts', '2027-10-14', '--ends', '2027-10-12', '--admin', 'alice');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('endsOn: the conference ends before it starts');
    expect(setup(...conference, '--starts', '2027-02-30', '--admin', 'alice').stderr).toContain(
      'startsOn: is not a date',
    );
    expect(setup(...conference, '--admin', 'Alice Martin').stderr).toContain('admin.username');
    expect(await server.ctx.store.conferences.current()).toBeUndefined();
    expect(await server.ctx.store.users.count()).toBe(0);
  });

  it('creates the conference and an admin whose one-time link signs in and can register delegations and accounts', async () => {
    const run = setup(
      ...conference,
      '--starts',
      '2027-10-12',
      '--ends',
      '2027-10-14',
      '--admin',
      'alice',
      '--admin-name',
      'Alice Martin',
      '--base-url',
      server.url,
    );
    expect(run.status, run.stderr).toBe(0);
    const url = /(http:\S+#token=[\w-]+)/.exec(run.stdout)?.[1];
    expect(url).toBeDefined();
    expect(await server.ctx.store.conferences.current()).toMatchObject({
      id: 'wic-2027',
      name: 'World Inclusion Congress 2027',
      starts_on: '2027-10-12',
    });

    const admin = server.anonymous();
    const token = new URL(url!).hash.slice('#token='.length);
    expect((await admin.post('/api/auth/link', { token })).status).toBe(200);
    expect((await admin.post('/api/admin/delegations', { code: 'UZB' })).status).toBe(201);
    const created = await admin.post('/api/admin/users', {
      username: 'uzb-head',
      displayName: 'Head of delegation, Uzbekistan',
      role: 'head',
      delegation: 'UZB',
    });
    expect(created.status).toBe(201);
    // The link is spent.
    expect((await server.anonymous().post('/api/auth/link', { token })).status).toBe(401);
  });

  it('creates the conference signing key in a new DATA_DIR, readable by its owner only, and prints its fingerprint', () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'accord-setup-')), 'data');
    try {
      const run = spawnSync(...script('setup', ...conference, '--admin', 'alice'), {
        env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
        encoding: 'utf8',
      });
      expect(run.status, run.stderr).toBe(0);
      const key = path.join(dataDir, 'signing-key.pem');
      expect(fs.statSync(key).mode & 0o777).toBe(0o600);
      expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(run.stdout).toContain(`Created the conference signing key ${key}: ${readPublicKey(key).fingerprint}`);
      expect(run.stdout).toContain(`Publish ${path.join(dataDir, 'signing-key.pub.pem')} and its fingerprint`);
    } finally {
      fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
    }
  });

  it('refuses to set up an installation twice', async () => {
    const run = setup('--id', 'other', '--name', 'Another', '--admin', 'bob');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('already holds World Inclusion Congress 2027');
    expect(await server.ctx.store.users.byUsername('bob')).toBeUndefined();
  });
});
