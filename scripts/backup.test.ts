import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../test/helpers/server.js';

const run = (script: string, args: string[], dataDir: string): string =>
  execFileSync('npx', ['tsx', script, ...args], { env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, encoding: 'utf8' });

describe('backup and restore', () => {
  it('copies a live database and restores it to serve the same document, votes and ballots, audit chain and accounts', async () => {
    const live = await startTestServer({}, { keepData: true });
    const chair = await live.login('chair');
    await chair.post('/api/documents/almaty-declaration/stage', { stage: 'negotiation' });
    // Votes and ballots: one vote closed with its frozen result, one still open with a ballot cast.
    const clauses = (await chair.get('/api/documents/almaty-declaration')).body.clauses as { id: string }[];
    const closed = (await chair.post('/api/documents/almaty-declaration/votes', { subject: { type: 'clause', id: clauses[3]!.id }, rule: 'simple_majority' })).body.id as string;
    const open = (await chair.post('/api/documents/almaty-declaration/votes', { subject: { type: 'clause', id: clauses[4]!.id }, rule: 'two_thirds' })).body.id as string;
    for (const [head, choice] of [['kaz-head', 'yes'], ['fra-head', 'no'], ['deu-head', 'yes']] as const) {
      expect((await (await live.login(head)).post(`/api/votes/${closed}/ballots`, { choice })).status).toBe(200);
    }
    expect((await (await live.login('gbr-head')).post(`/api/votes/${open}/ballots`, { choice: 'abstain' })).status).toBe(200);
    expect((await chair.post(`/api/votes/${closed}/close`)).status).toBe(200);
    const votesBefore = (await chair.get('/api/documents/almaty-declaration/votes')).body;
    const closedBefore = (await chair.get(`/api/votes/${closed}`)).body;
    const openBefore = (await chair.get(`/api/votes/${open}`)).body;
    expect(closedBefore.result).toMatchObject({ outcome: 'adopted', yes: 2, no: 1 });
    const before = (await chair.get('/api/documents/almaty-declaration')).body;
    const backup = path.join(os.tmpdir(), `accord-backup-${process.pid}-${Date.now()}.db`);
    const ledgerAtBackup = await live.ctx.store.audit.entries();
    run('scripts/backup.ts', ['--out', backup], live.dataDir);
    // The server keeps working after the backup; this later change must not be in the copy (a stage move would
    // be refused: a vote is open).
    expect((await chair.post(`/api/documents/almaty-declaration/clauses/${clauses[5]!.id}/status`, { status: 'bracketed' })).status).toBe(200);
    expect((await live.ctx.store.audit.entries()).length).toBe(ledgerAtBackup.length + 1);
    await live.close();

    const restoredDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-restored-'));
    run('scripts/restore.ts', [backup], restoredDir);
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
  });

  it('refuses to overwrite a database without --force', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-restore-'));
    const server = await startTestServer({}, { dataDir });
    await server.close();
    const backup = path.join(os.tmpdir(), `accord-backup-force-${process.pid}.db`);
    run('scripts/backup.ts', ['--out', backup], dataDir);
    expect(() => execFileSync('npx', ['tsx', 'scripts/restore.ts', backup], { env: { ...process.env, DATA_DIR: dataDir }, stdio: 'pipe' })).toThrow();
    expect(run('scripts/restore.ts', [backup, '--force'], dataDir)).toContain('Previous database kept');
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(backup, { force: true });
  });

  it('refuses a PostgreSQL database, pointing at pg_dump, and says so in --help', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-backup-pg-'));
    const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: 'postgres://accord@127.0.0.1:1/accord' };
    try {
      for (const [script, args] of [['scripts/backup.ts', ['--out', path.join(dataDir, 'copy.db')]], ['scripts/restore.ts', [path.join(dataDir, 'copy.db')]]] as const) {
        const res = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { env, encoding: 'utf8' });
        expect(res.status, script).toBe(2);
        expect(res.stderr, script).toContain('DATABASE_URL points at PostgreSQL');
        expect(res.stderr, script).toContain('pg_dump');
        expect(spawnSync(process.execPath, ['--import', 'tsx', script, '--help'], { env, encoding: 'utf8' }).stdout, script).toContain('SQLite only');
      }
      expect(fs.readdirSync(dataDir)).toEqual([]);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
