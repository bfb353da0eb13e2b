import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/helpers/server.js';

describe('npm run setup', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ SEED: 'none' });
  });
  afterAll(() => server?.close());

  const setup = (...args: string[]): { status: number | null; stdout: string; stderr: string } =>
    spawnSync('npx', ['tsx', 'scripts/setup.ts', ...args], {
      env: { ...process.env, DATA_DIR: server.dataDir, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    });
  const conference = ['--id', 'wic-2027', '--name', 'World Inclusion Congress 2027', '--place', 'Tashkent, Uzbekistan'];

  it('refuses bad input with a message and leaves the empty installation empty', async () => {
    const run = setup(...conference, '--starts', '2027-10-14', '--ends', '2027-10-12', '--admin', 'alice');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('endsOn: the conference ends before it starts');
    expect(setup(...conference, '--starts', '2027-02-30', '--admin', 'alice').stderr).toContain('startsOn: is not a date');
    expect(setup(...conference, '--admin', 'Alice Martin').stderr).toContain('admin.username');
    expect(await server.ctx.store.conferences.current()).toBeUndefined();
    expect(await server.ctx.store.users.count()).toBe(0);
  });

  it('creates the conference and an admin whose one-time link signs in and can register delegations and accounts', async () => {
    const run = setup(...conference, '--starts', '2027-10-12', '--ends', '2027-10-14', '--admin', 'alice', '--admin-name', 'Alice Martin', '--base-url', server.url);
    expect(run.status, run.stderr).toBe(0);
    const url = /(http:\S+#token=[\w-]+)/.exec(run.stdout)?.[1];
    expect(url).toBeDefined();
    expect(await server.ctx.store.conferences.current()).toMatchObject({ id: 'wic-2027', name: 'World Inclusion Congress 2027', starts_on: '2027-10-12' });

    const admin = server.anonymous();
    const token = new URL(url!).hash.slice('#token='.length);
    expect((await admin.post('/api/auth/link', { token })).status).toBe(200);
    expect((await admin.post('/api/admin/delegations', { code: 'UZB' })).status).toBe(201);
    const created = await admin.post('/api/admin/users', { username: 'uzb-head', displayName: 'Head of delegation, Uzbekistan', role: 'head', delegation: 'UZB' });
    expect(created.status).toBe(201);
    // The link is spent.
    expect((await server.anonymous().post('/api/auth/link', { token })).status).toBe(401);
  });

  it('refuses to set up an installation twice', async () => {
    const run = setup('--id', 'other', '--name', 'Another', '--admin', 'bob');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('already holds World Inclusion Congress 2027');
    expect(await server.ctx.store.users.byUsername('bob')).toBeUndefined();
  });
});
