import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../test/helpers/server.js';
import { describePostgres, usePostgres } from '../test/helpers/engines.js';
import { openStorage } from '../server/db/connection.js';
import { AuditLog } from '../server/db/repositories/audit.js';

/** Runs `npm run verify-ledger` the way an operator would, on `dataDir` (or on the PostgreSQL database `databaseUrl`). */
function verify(dataDir: string, databaseUrl = ''): { code: number | null; out: string; err: string } {
  const res = spawnSync('npx', ['tsx', 'scripts/verify-ledger.ts'], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl }, encoding: 'utf8' });
  return { code: res.status, out: res.stdout.trim(), err: res.stderr };
}

describe('npm run verify-ledger', () => {
  let dataDir: string;
  let entries: number;
  let ballotSeq: number;

  beforeAll(async () => {
    const server = await startTestServer({}, { keepData: true });
    dataDir = server.dataDir;
    try {
      const chair = await server.login('chair');
      await chair.post('/api/documents/almaty-declaration/stage', { stage: 'negotiation' });
      const vote = await chair.post('/api/documents/almaty-declaration/votes', { subject: { type: 'document' }, rule: 'simple_majority', acknowledge: true });
      await (await server.login('kaz-head')).post(`/api/votes/${vote.body.id}/ballots`, { choice: 'yes' });
      await (await server.login('fra-head')).post(`/api/votes/${vote.body.id}/ballots`, { choice: 'no' });
      await chair.post(`/api/votes/${vote.body.id}/close`);
      entries = (await server.ctx.store.audit.entries()).length;
      ballotSeq = (await server.ctx.store.audit.entries()).find((e) => e.action === 'ballot.cast')!.seq;
    } finally {
      await server.close();
    }
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const tamper = (sql: string): void => {
    const db = new Database(path.join(dataDir, 'accord.db'));
    db.prepare(sql).run();
    db.close();
  };

  it('reports an untouched chain as intact, with its length', () => {
    expect(verify(dataDir)).toMatchObject({ code: 0, out: `intact (${entries} entries)` });
  });

  it('finds a changed ballot, then a removed row', () => {
    tamper(`UPDATE audit_log SET payload = replace(payload, '"yes"', '"no"') WHERE seq = ${ballotSeq}`);
    const changed = verify(dataDir);
    expect(changed.code).toBe(1);
    expect(changed.out).toBe(`broken at entry ${ballotSeq} (ballot.cast at ${readAt(ballotSeq)}): entry hash does not match its content`);

    tamper(`UPDATE audit_log SET payload = replace(payload, '"no"', '"yes"') WHERE seq = ${ballotSeq}`);
    expect(verify(dataDir).code).toBe(0);
    tamper(`DELETE FROM audit_log WHERE seq = ${ballotSeq}`);
    const removed = verify(dataDir);
    expect(removed.code).toBe(1);
    expect(removed.out).toMatch(new RegExp(`^broken at entry ${ballotSeq + 1} .*previous hash does not match$`));
  });

  it('says so when there is no database', () => {
    const res = verify(path.join(dataDir, 'missing'));
    expect(res.code).toBe(2);
    expect(res.err).toContain('No database');
  });

  function readAt(seq: number): string {
    const db = new Database(path.join(dataDir, 'accord.db'), { readonly: true });
    const at = (db.prepare('SELECT at FROM audit_log WHERE seq = ?').get(seq) as { at: string }).at;
    db.close();
    return at;
  }
});

describePostgres('npm run verify-ledger on PostgreSQL', () => {
  const postgres = usePostgres();

  it('reads the chain from DATABASE_URL rather than DATA_DIR: intact, then the first broken link', async () => {
    const databaseUrl = await postgres.freshDatabaseUrl();
    const sql = await openStorage({ dataDir: ':memory:', databaseUrl });
    try {
      const log = new AuditLog(sql);
      for (const choice of ['yes', 'no', 'abstain']) await log.append({ action: 'ballot.cast', actorId: null, actor: 'kaz-head/KAZ', documentId: 'd', subject: 'vote:v', payload: { choice } });
      const missing = path.join(os.tmpdir(), `accord-no-data-${process.pid}`);
      expect(verify(missing, databaseUrl)).toMatchObject({ code: 0, out: 'intact (3 entries)' });
      expect(fs.existsSync(missing)).toBe(false);

      await sql.run(`UPDATE audit_log SET payload = replace(payload, '"no"', '"yes"') WHERE seq = 2`);
      const at = (await sql.get<{ at: string }>('SELECT at FROM audit_log WHERE seq = 2'))!.at;
      expect(verify(missing, databaseUrl)).toMatchObject({ code: 1, out: `broken at entry 2 (ballot.cast at ${at}): entry hash does not match its content` });
      expect(await sql.get('SELECT payload FROM audit_log WHERE seq = 2')).toEqual({ payload: '{"choice":"yes"}' });
    } finally {
      await sql.close();
    }
  }, 60_000);
});
