import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../test/helpers/server.js';
import { script, type ScriptName } from '../test/helpers/scripts.js';

const execFileAsync = promisify(execFile);
/**
 * Runs a script as its own process without blocking this one: a test server may be serving here, and a
 * blocked event loop lets its keep-alive connections expire under the client's next request.
 */
const run = async (name: ScriptName, args: string[], dataDir: string): Promise<string> =>
  (
    await execFileAsync(...script(name, ...args), {
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    })
  ).stdout;

describe('backup and restore', () => {
  it('copies a live database and restores it to serve the same document, votes and ballots, audit chain and accounts', async () => {
    const live = await startTestServer({}, { keepData: true });
    const chair = await live.login('chair');
    await chair.post('/api/documents/almaty-declaration/stage', { stage: 'negotiation' });
    // Votes and ballots: one vote closed with its frozen result, one still open with a ballot cast.
    const clauses = (await chair.get('/api/documents/almaty-declaration')).body.clauses as { id: string }[];
    const closed = (
      await chair.post('/api/documents/almaty-declaration/votes', {
        subject: { type: 'clause', id: clauses[3]!.id },
        rule: 'simple_majority',
      })
    ).body.id as string;
    const open = (
      await chair.post('/api/documents/almaty-declaration/votes', {
        subject: { type: 'clause', id: clauses[4]!.id },
        rule: 'two_thirds',
      })
    ).body.id as string;
    for (const [head, choice] of [
      ['kaz-head', 'yes'],
      ['fra-head', 'no'],
      ['deu-head', 'yes'],
    ] as const) {
      expect((await (await live.login(head)).post(`/api/votes/${closed}/ballots`, { choice })).status).toBe(200);
    }
    expect(
      (await (await live.login('gbr-head')).post(`/api/votes/${open}/ballots`, { choice: 'abstain' })).status,
    ).toBe(200);
    expect((await chair.post(`/api/votes/${closed}/close`)).status).toBe(200);
    const votesBefore = (await chair.get('/api/documents/almaty-declaration/votes')).body;
    const closedBefore = (await chair.get(`/api/votes/${closed}`)).body;
    const openBefore = (await chair.get(`/api/votes/${open}`)).body;
    expect(closedBefore.result).toMatchObject({ outcome: 'adopted', yes: 2, no: 1 });
    const before = (await chair.get('/api/documents/almaty-declaration')).body;
    const backup = path.join(os.tmpdir(), `accord-backup-${process.pid}-${Date.now()}.db`);
    const ledgerAtBackup = await live.ctx.store.audit.entries();
    await run('backup', ['--out', backup], live.dataDir);
    // The server keeps working after the backup; this later change must not be in the copy (a stage move would
    // be refused: a vote is open).
    expect(
      (await chair.post(`/api/documents/almaty-declaration/clauses/${clauses[5]!.id}/status`, { status: 'bracketed' }))
        .status,
    ).toBe(200);
    expect((await live.ctx.store.audit.entries()).length).toBe(ledgerAtBackup.length + 1);
    await live.close();

    const restoredDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-restored-'));
    await run('restore', [backup], restoredDir);
    // The signing key is not in the database: the operator puts it back beside the restored copy.
    fs.copyFileSync(path.join(live.dataDir, 'signing-key.pem'), path.join(restoredDir, 'signing-key.pem'));
    const restored = await startTestServer({}, { dataDir: restoredDir });
    try {
      expect(restored.seeded).toBe(false);
      const client = await restored.login('chair');
      expect((await client.get('/api/documents/almaty-declaration')).body).toEqual(before);
      expect((await client.get('/api/documents/almaty-declaration/votes')).body).toEqual(votesBefore);
      expect((await client.get(`/api/votes/${closed}`)).body).toEqual(closedBefore);
      expect((await client.get(`/api/votes/${open}`)).body).toEqual(openBefore);
      expect(openBefore.ballots).toEqual([expect.objectContaining({ delegation: 'GBR', choice: 'abstain' })]);
      expect(await restored.ctx.store.audit.verify()).toMatchObject({ intact: true });
      expect((await restored.ctx.store.audit.entries()).map((e) => e.hash)).toEqual(ledgerAtBackup.map((e) => e.hash));
    } finally {
      await restored.close();
      for (const dir of [live.dataDir, restoredDir]) fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(backup, { force: true });
    }
  }, 120_000);

  it('refuses to overwrite a database without --force', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-restore-'));
    const server = await startTestServer({}, { dataDir });
    await server.close();
    const backup = path.join(os.tmpdir(), `accord-backup-force-${process.pid}.db`);
    await run('backup', ['--out', backup], dataDir);
    expect(() =>
      execFileSync(...script('restore', backup), {
        env: { ...process.env, DATA_DIR: dataDir },
        stdio: 'pipe',
      }),
    ).toThrow();
    expect(await run('restore', [backup, '--force'], dataDir)).toContain('Previous database kept');
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(backup, { force: true });
  }, 120_000);

  it('refuses a PostgreSQL database, pointing at pg_dump, and says so in --help', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-backup-pg-'));
    const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: 'postgres://accord@127.0.0.1:1/accord' };
    try {
      for (const [name, args] of [
        ['backup', ['--out', path.join(dataDir, 'copy.db')]],
        ['restore', [path.join(dataDir, 'copy.db')]],
      ] as const) {
        const res = spawnSync(...script(name, ...args), { env, encoding: 'utf8' });
        expect(res.status, name).toBe(2);
        expect(res.stderr, name).toContain('DATABASE_URL points at PostgreSQL');
        expect(res.stderr, name).toContain('pg_dump');
        expect(spawnSync(...script(name, '--help'), { env, encoding: 'utf8' }).stdout, name).toContain('SQLite only');
      }
      expect(fs.readdirSync(dataDir)).toEqual([]);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('writes backups for their owner only, never over a file without --force, never through a link', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-backup-files-'));
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-backup-out-'));
    const server = await startTestServer({}, { dataDir });
    await server.close();
    const mode = (file: string): number => fs.statSync(file).mode & 0o777;
    const attempt = (args: string[]) =>
      spawnSync(...script('backup', ...args), {
        env: { ...process.env, DATA_DIR: dataDir },
        encoding: 'utf8',
      });
    try {
      // The default place: DATA_DIR/backups, created 0700, the copy 0600.
      expect(attempt([]).status).toBe(0);
      const backups = path.join(dataDir, 'backups');
      expect(mode(backups)).toBe(0o700);
      const [made] = fs.readdirSync(backups);
      expect(mode(path.join(backups, made!))).toBe(0o600);

      // A dangling link planted where the backup goes is not followed to create its target.
      const planted = path.join(outDir, 'elsewhere.db');
      const link = path.join(outDir, 'link.db');
      fs.symlinkSync(planted, link);
      const refused = attempt(['--out', link]);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('exists already');
      expect(fs.existsSync(planted)).toBe(false);
      expect(fs.readdirSync(outDir).sort()).toEqual(['link.db']);

      // An existing file is kept, unless --force replaces it (by a new file: a link is replaced, not followed).
      const existing = path.join(outDir, 'existing.db');
      fs.writeFileSync(existing, 'keep me');
      expect(attempt(['--out', existing]).status).toBe(1);
      expect(fs.readFileSync(existing, 'utf8')).toBe('keep me');
      expect(attempt(['--out', existing, '--force']).status).toBe(0);
      expect(mode(existing)).toBe(0o600);
      expect(fs.readFileSync(existing).subarray(0, 15).toString()).toBe('SQLite format 3');
      expect(attempt(['--out', link, '--force']).status).toBe(0);
      expect(fs.lstatSync(link).isSymbolicLink()).toBe(false);
      expect(fs.existsSync(planted)).toBe(false);
      expect(fs.readdirSync(outDir).sort()).toEqual(['existing.db', 'link.db']);

      // A restored database is its owner's alone too, whatever the backup's mode.
      fs.chmodSync(existing, 0o644);
      const restoredDir = path.join(outDir, 'restored');
      const restored = spawnSync(...script('restore', existing), {
        env: { ...process.env, DATA_DIR: restoredDir },
        encoding: 'utf8',
      });
      expect(restored.status).toBe(0);
      expect(mode(restoredDir)).toBe(0o700);
      expect(mode(path.join(restoredDir, 'accord.db'))).toBe(0o600);
    } finally {
      for (const dir of [dataDir, outDir]) fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
