import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describePostgres, usePostgres } from '../../../test/helpers/engines.js';
import { migrate } from '../migrate.js';
import { PostgresSql } from '../postgres.js';
import { SqliteSql } from '../sqlite.js';
import type { Sql } from '../sql.js';
import { MIGRATIONS } from './index.js';

/**
 * Step 50 on a database a congress has used: the votes and amendments it rebuilds (on SQLite) keep every row,
 * every ballot, explanation and co-sponsorship still points at its vote or amendment, the constraints and the
 * frozen-vote trigger hold, and numbering continues where it stood.
 */

const BEFORE = MIGRATIONS.filter((m) => m.version < 50);

/** What a congress leaves before step 50: a closed vote with its ballots, an open one, amendments with sponsors. */
const ROWS = [
  "INSERT INTO conferences (id, name, created_at) VALUES ('c1', 'WIC 2025', 't')",
  "INSERT INTO delegations (code, conference_id, created_at) VALUES ('KAZ', 'c1', 't'), ('UZB', 'c1', 't')",
  `INSERT INTO users (id, username, display_name, role, delegation, created_at) VALUES
     ('u-chair', 'chair', 'Chair', 'chair', NULL, 't'), ('u-kaz', 'kaz-head', 'KAZ head', 'head', 'KAZ', 't')`,
  "INSERT INTO documents (id, conference_id, title, symbol, stage, created_at, updated_at) VALUES ('d1', 'c1', 'Declaration', 'D/1', 'adoption', 't', 't')",
  "INSERT INTO clauses (id, document_id, kind, created_at) VALUES ('k1', 'd1', 'operative', 't'), ('k2', 'd1', 'operative', 't')",
  `INSERT INTO amendments (id, document_id, clause_id, kind, text, rationale, delegation, proposer_id, base_text, base_markup, status, created_at, updated_at)
     VALUES ('a1', 'd1', 'k1', 'replace', 'Urges', 'Clearer', 'KAZ', 'u-kaz', 'Calls', 'Calls', 'submitted', 't1', 't1'),
            ('a2', 'd1', 'k2', 'delete', NULL, 'Redundant', 'UZB', 'u-kaz', 'Notes', 'Notes', 'put_to_vote', 't2', 't2')`,
  "INSERT INTO amendment_sponsors (amendment_id, delegation, user_id, joined_at) VALUES ('a1', 'UZB', 'u-kaz', 't')",
  `INSERT INTO votes (id, document_id, subject_type, subject_id, rule, quorum, status, opened_by, opened_at, closed_by, closed_at, result)
     VALUES ('v1', 'd1', 'clause', 'k1', 'consensus', 0.5, 'closed', 'u-chair', 't1', 'u-chair', 't2', '{"outcome":"adopted"}')`,
  "INSERT INTO votes (id, document_id, subject_type, subject_id, rule, opened_by, opened_at) VALUES ('v2', 'd1', 'amendment', 'a2', 'simple_majority', 'u-chair', 't3')",
  "INSERT INTO ballots (vote_id, delegation, choice, cast_by, first_cast_at, cast_at) VALUES ('v1', 'KAZ', 'yes', 'u-kaz', 't', 't'), ('v2', 'UZB', 'no', 'u-kaz', 't', 't')",
  "INSERT INTO vote_explanations (vote_id, delegation, timing, text, author_id, created_at) VALUES ('v1', 'KAZ', 'after', 'We joined.', 'u-kaz', 't')",
];

async function upgrade(sql: Sql): Promise<void> {
  await migrate(sql, BEFORE);
  await sql.transaction(async () => {
    for (const statement of ROWS) await sql.run(statement);
  });
  expect(await migrate(sql)).toBe(MIGRATIONS.length - BEFORE.length);
}

async function expectKept(sql: Sql): Promise<void> {
  expect(await sql.all('SELECT seq, id, status, quorum, registered, result FROM votes ORDER BY seq')).toEqual([
    { seq: 1, id: 'v1', status: 'closed', quorum: 0.5, registered: null, result: '{"outcome":"adopted"}' },
    { seq: 2, id: 'v2', status: 'open', quorum: null, registered: null, result: null },
  ]);
  expect(await sql.all('SELECT seq, id, status, text, created_at FROM amendments ORDER BY seq')).toEqual([
    { seq: 1, id: 'a1', status: 'submitted', text: 'Urges', created_at: 't1' },
    { seq: 2, id: 'a2', status: 'put_to_vote', text: null, created_at: 't2' },
  ]);
  // Children still meet their parents.
  expect(
    await sql.all(
      'SELECT b.vote_id, b.choice, v.status FROM ballots b JOIN votes v ON v.id = b.vote_id ORDER BY b.vote_id',
    ),
  ).toEqual([
    { vote_id: 'v1', choice: 'yes', status: 'closed' },
    { vote_id: 'v2', choice: 'no', status: 'open' },
  ]);
  expect(
    await sql.all('SELECT s.delegation, a.id FROM amendment_sponsors s JOIN amendments a ON a.id = s.amendment_id'),
  ).toEqual([{ delegation: 'UZB', id: 'a1' }]);

  // The rules hold on the rebuilt tables: one open vote per subject, a closed vote frozen, lapsing allowed.
  await expect(
    sql.run(
      "INSERT INTO votes (id, document_id, subject_type, subject_id, rule, opened_by, opened_at) VALUES ('v9', 'd1', 'amendment', 'a2', 'consensus', 'u-chair', 't')",
    ),
  ).rejects.toThrow();
  await expect(sql.run("UPDATE votes SET result = '{}' WHERE id = 'v1'")).rejects.toThrow(/frozen/);
  await expect(
    sql.run(
      "INSERT INTO ballots (vote_id, delegation, choice, cast_by, first_cast_at, cast_at) VALUES ('v404', 'KAZ', 'yes', 'u-kaz', 't', 't')",
    ),
  ).rejects.toThrow();
  await sql.run("UPDATE votes SET status = 'lapsed', closed_by = 'u-chair', closed_at = 't4' WHERE id = 'v2'");
  await sql.run("UPDATE amendments SET status = 'lapsed' WHERE id IN ('a1', 'a2')");
  await expect(sql.run("UPDATE votes SET status = 'open' WHERE id = 'v2'")).rejects.toThrow(/frozen/);
  // Numbering goes on after the rows kept (PostgreSQL's sequence also spent a number on the refused insert).
  await sql.run(
    "INSERT INTO votes (id, document_id, subject_type, subject_id, rule, registered, opened_by, opened_at) VALUES ('v3', 'd1', 'document', 'd1', 'consensus', 2, 'u-chair', 't5')",
  );
  const v3 = await sql.get<{ seq: number; registered: number }>("SELECT seq, registered FROM votes WHERE id = 'v3'");
  expect(v3!.seq).toBeGreaterThan(2);
  expect(v3!.registered).toBe(2);
}

describe('step 50 on SQLite', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('rebuilds votes and amendments keeping every row and every reference to them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-050-'));
    dirs.push(dir);
    const sql = SqliteSql.open(dir);
    try {
      await upgrade(sql);
      await expectKept(sql);
      expect(await sql.all('PRAGMA foreign_key_check')).toEqual([]);
    } finally {
      await sql.close();
    }
  });
});

describePostgres('step 50 on PostgreSQL', () => {
  const server = usePostgres();

  it('swaps the constraints keeping every row and every reference to them', async () => {
    const sql = PostgresSql.open(await server.freshDatabaseUrl());
    try {
      await upgrade(sql);
      await expectKept(sql);
    } finally {
      await sql.close();
    }
  });
});
