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
import { generateSigningKey } from '../server/ledger/signingKey.js';
import { copyData, dropGuards, entries, rechain, resign, tamper } from '../test/helpers/ledgerTamper.js';
import { script } from '../test/helpers/scripts.js';

/** Runs `npm run verify-ledger` the way an operator would, on `dataDir` (or on the PostgreSQL database `databaseUrl`). */
function verify(
  dataDir: string,
  args: string[] = [],
  databaseUrl = '',
): { code: number | null; out: string; err: string } {
  const res = spawnSync(...script('verify-ledger', ...args), {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
  return { code: res.status, out: res.stdout.trim(), err: res.stderr };
}

describe('npm run verify-ledger', () => {
  let dataDir: string;
  let publicKey: string;
  /** Vote on OP1, closed: KAZ yes, FRA no, GBR yes → adopted 2–1. */
  let closedVote: string;
  /** Vote on OP2, still open: KAZ abstains. */
  let openVote: string;
  const copies: string[] = [];

  beforeAll(async () => {
    const server = await startTestServer({}, { keepData: true });
    dataDir = server.dataDir;
    try {
      const chair = await server.login('chair');
      await chair.post('/api/documents/almaty-declaration/stage', { stage: 'negotiation' });
      const operative = (await chair.get('/api/documents/almaty-declaration')).body.clauses.filter(
        (c: { kind: string }) => c.kind === 'operative',
      );
      closedVote = (
        await chair.post('/api/documents/almaty-declaration/votes', {
          subject: { type: 'clause', id: operative[0].id },
          rule: 'simple_majority',
        })
      ).body.id;
      for (const [head, choice] of [
        ['kaz-head', 'no'],
        ['kaz-head', 'yes'],
        ['fra-head', 'no'],
        ['gbr-head', 'yes'],
      ] as const) {
        expect((await (await server.login(head)).post(`/api/votes/${closedVote}/ballots`, { choice })).status).toBe(
          200,
        );
      }
      expect((await chair.post(`/api/votes/${closedVote}/close`)).body.outcome).toBe('adopted');
      openVote = (
        await chair.post('/api/documents/almaty-declaration/votes', {
          subject: { type: 'clause', id: operative[1].id },
          rule: 'consensus',
        })
      ).body.id;
      await (await server.login('kaz-head')).post(`/api/votes/${openVote}/ballots`, { choice: 'abstain' });
    } finally {
      await server.close();
    }
    publicKey = path.join(dataDir, 'signing-key.pub.pem');
  });
  afterAll(() => {
    for (const dir of [dataDir, ...copies]) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh copy of the data to tamper with. */
  const copy = (): string => {
    const dir = copyData(dataDir);
    copies.push(dir);
    return dir;
  };

  it('reports an untouched ledger as intact: chain, signed checkpoints, votes recomputed', () => {
    const all = entries(dataDir);
    const res = verify(dataDir, ['--public-key', publicKey]);
    expect(res.code, res.out + res.err).toBe(0);
    const head = all.at(-1)!;
    expect(res.out.split('\n')).toEqual([
      `intact (${all.length} entries)`,
      `head: entry ${head.seq}, ${head.hash}`,
      expect.stringMatching(
        /^checkpoints: [1-9]\d*, signatures checked with ed25519:[0-9a-f-]{39} \(.*signing-key\.pub\.pem\)$/,
      ),
      'votes: 2 recomputed from their ballots; adopted texts: 0 fingerprints recomputed',
    ]);
    // A vote close and a stage change are each signed at once.
    const signed = all.filter((e) => e.action === 'ledger.checkpoint').map((e) => e.payload.after);
    expect(signed).toEqual(expect.arrayContaining(['document.stage', 'vote.close']));
  });

  it('finds the last rows deleted: the votes table still says closed, and a published head is gone', () => {
    const dir = copy();
    const all = entries(dir);
    const close = all.find((e) => e.action === 'vote.close')!;
    const publishedHead = all.at(-1)!.hash;
    tamper(dir, `DELETE FROM audit_log WHERE seq >= ${close.seq}`);
    const res = verify(dir, ['--public-key', publicKey, '--expect-head', publishedHead]);
    expect(res.code).toBe(1);
    expect(res.out).toContain(`vote ${closedVote} is closed in the votes table, but the ledger never closed it`);
    expect(res.out).toContain(`vote ${openVote} is in the votes table, but the ledger never opened it`);
    expect(res.out).toContain(`the published head ${publishedHead} is not in the chain`);
  });

  it('finds a ballot edited in the ledger with the chain recomputed after it', () => {
    const dir = copy();
    const kaz = entries(dir).findLast((e) => e.subject === `vote:${closedVote}` && e.payload.delegation === 'KAZ')!;
    tamper(
      dir,
      `UPDATE audit_log SET payload = replace(payload, '"choice":"yes"', '"choice":"no"') WHERE seq = ${kaz.seq}`,
    );
    rechain(dir, kaz.seq);
    expect(entries(dir).every((e, i, all) => i === 0 || e.prevHash === all[i - 1]!.hash)).toBe(true);
    const res = verify(dir, ['--public-key', publicKey]);
    expect(res.code).toBe(1);
    expect(res.out).toContain(
      `vote ${closedVote}: the ballots table says KAZ voted yes, the ledger says no (entry ${kaz.seq})`,
    );
    expect(res.out).toContain(
      `vote ${closedVote}: the ledger's ballots give not_adopted (1 yes, 2 no, 0 abstain, 3 present), its closing entry`,
    );
    expect(res.out).toMatch(
      /checkpoint at entry \d+ signed entry \d+ as [0-9a-f]{64}, but the chain holds [0-9a-f]{64} there \(history rewritten\)/,
    );
  });

  it('finds the ballots of a closed vote flipped in the ballots table', () => {
    const dir = copy();
    tamper(
      dir,
      `UPDATE ballots SET choice = CASE choice WHEN 'yes' THEN 'no' ELSE 'yes' END WHERE vote_id = '${closedVote}'`,
    );
    const res = verify(dir, ['--public-key', publicKey]);
    expect(res.code).toBe(1);
    for (const [delegation, table, ledger] of [
      ['FRA', 'yes', 'no'],
      ['GBR', 'no', 'yes'],
      ['KAZ', 'no', 'yes'],
    ]) {
      expect(res.out).toContain(
        `vote ${closedVote}: the ballots table says ${delegation} voted ${table}, the ledger says ${ledger}`,
      );
    }
  });

  it('finds the quorum base of an open vote changed in the votes table', () => {
    const dir = copy();
    tamper(dir, `UPDATE votes SET registered = 10 WHERE id = '${openVote}'`);
    const res = verify(dir, ['--public-key', publicKey]);
    expect(res.code).toBe(1);
    expect(res.out).toContain(
      `vote ${openVote}: the votes table counts 10 registered delegations; the ledger opened it with 40`,
    );
  });

  it('finds a frozen result edited in the votes table', () => {
    const dir = copy();
    tamper(
      dir,
      `UPDATE votes SET result = replace(replace(result, '"outcome":"adopted"', '"outcome":"not_adopted"'), '"yes":2', '"yes":1') WHERE id = '${closedVote}'`,
    );
    const res = verify(dir, ['--public-key', publicKey]);
    expect(res.code).toBe(1);
    expect(res.out).toContain(
      `vote ${closedVote}: the votes table's frozen result says not_adopted (1 yes, 1 no, 0 abstain, 3 present), the ledger's closing entry`,
    );
  });

  it('finds a checkpoint removed: at the end, and in the middle with the chain recomputed', () => {
    const atEnd = copy();
    const last = entries(atEnd).findLast((e) => e.action === 'ledger.checkpoint')!;
    const signedEntry = entries(atEnd).find((e) => e.seq === last.payload.seq)!;
    tamper(atEnd, `DELETE FROM audit_log WHERE seq >= ${last.seq}`);
    const end = verify(atEnd, ['--public-key', publicKey]);
    expect(end.code).toBe(1);
    expect(end.out).toContain(
      `entry ${signedEntry.seq} (${signedEntry.action} at ${signedEntry.at}) was never signed: the checkpoint that follows it is missing`,
    );

    const middle = copy();
    const first = entries(middle).find((e) => e.action === 'ledger.checkpoint')!;
    tamper(middle, `DELETE FROM audit_log WHERE seq = ${first.seq}`);
    rechain(middle, first.seq);
    const mid = verify(middle, ['--public-key', publicKey]);
    expect(mid.code).toBe(1);
    expect(mid.out).toContain('(history rewritten)');
  });

  it('finds a rewritten ledger re-signed with another key, when given the published key', () => {
    const dir = copy();
    const kaz = entries(dir).findLast((e) => e.subject === `vote:${closedVote}` && e.payload.delegation === 'KAZ')!;
    tamper(
      dir,
      `UPDATE audit_log SET payload = replace(payload, '"choice":"yes"', '"choice":"no"') WHERE seq = ${kaz.seq}`,
    );
    tamper(dir, `UPDATE ballots SET choice = 'no' WHERE vote_id = '${closedVote}' AND delegation = 'KAZ'`);
    const forged = generateSigningKey();
    resign(dir, kaz.seq, forged);
    const res = verify(dir, ['--public-key', publicKey]);
    expect(res.code).toBe(1);
    expect(res.out).toMatch(
      new RegExp(`checkpoint at entry \\d+ names key ${forged.fingerprint}, not the published ed25519:`),
    );
  });

  it('refuses what it cannot check, and says so when there is no database', () => {
    expect(verify(dataDir, ['--expect-head', 'abc'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('--expect-head: abc is not a SHA-256 hash'),
    });
    expect(verify(dataDir, ['--public-key', path.join(dataDir, 'nope.pem')])).toMatchObject({
      code: 2,
      err: expect.stringContaining('Cannot read the public key'),
    });
    const res = verify(path.join(dataDir, 'missing'));
    expect(res.code).toBe(2);
    expect(res.err).toContain('No database');
  });

  it('keeps the guards an attacker has to drop first: the ledger is append-only, closed ballots are frozen', () => {
    const dir = copy();
    const db = new Database(path.join(dir, 'accord.db'));
    try {
      expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow('the ledger is append-only');
      expect(() => db.prepare(`UPDATE audit_log SET payload = '{}' WHERE seq = 1`).run()).toThrow(
        'the ledger is append-only',
      );
      expect(() => db.prepare(`UPDATE ballots SET choice = 'no' WHERE vote_id = ?`).run(closedVote)).toThrow(
        'the ballots of a closed vote are frozen',
      );
      expect(() => db.prepare(`DELETE FROM ballots WHERE vote_id = ?`).run(closedVote)).toThrow(
        'the ballots of a closed vote are frozen',
      );
      dropGuards(db);
      expect(db.prepare(`UPDATE ballots SET choice = 'no' WHERE vote_id = ?`).run(closedVote).changes).toBe(3);
    } finally {
      db.close();
    }
  });
});

describePostgres('npm run verify-ledger on PostgreSQL', () => {
  const postgres = usePostgres();

  it('reads the chain from DATABASE_URL rather than DATA_DIR: intact, then the first broken link', async () => {
    const databaseUrl = await postgres.freshDatabaseUrl();
    const sql = await openStorage({ dataDir: ':memory:', databaseUrl });
    try {
      const log = new AuditLog(sql);
      for (const choice of ['yes', 'no', 'abstain'])
        await log.append({
          action: 'comment.create',
          actorId: null,
          actor: 'kaz-head/KAZ',
          documentId: null,
          subject: null,
          payload: { choice },
        });
      const missing = path.join(os.tmpdir(), `accord-no-data-${process.pid}`);
      expect(verify(missing, [], databaseUrl)).toMatchObject({
        code: 0,
        out: expect.stringMatching(/^intact \(3 entries\)\n/),
      });
      expect(fs.existsSync(missing)).toBe(false);

      await sql.exec('DROP TRIGGER audit_log_append_only ON audit_log');
      await sql.run(`UPDATE audit_log SET payload = replace(payload, '"no"', '"yes"') WHERE seq = 2`);
      const at = (await sql.get<{ at: string }>('SELECT at FROM audit_log WHERE seq = 2'))!.at;
      expect(verify(missing, [], databaseUrl)).toMatchObject({
        code: 1,
        out: `broken: 1 problem in 3 entries\n  broken at entry 2 (comment.create at ${at}): entry hash does not match its content`,
      });
      expect(await sql.get('SELECT payload FROM audit_log WHERE seq = 2')).toEqual({ payload: '{"choice":"yes"}' });
    } finally {
      await sql.close();
    }
  }, 60_000);
});
