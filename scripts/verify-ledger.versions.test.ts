import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../test/helpers/server.js';
import { copyData, entries } from '../test/helpers/ledgerTamper.js';
import { script } from '../test/helpers/scripts.js';

/**
 * `npm run verify-ledger` on an adopted text with language versions: the demo, adopted without a vote, its
 * fingerprint covering the Russian and Kazakh versions. Intact as stored; a version rewritten in storage by
 * someone holding the database file is named, though the Yjs state vector did not move.
 */
const DOC = 'almaty-declaration';

function verify(dataDir: string, args: string[] = []): { code: number | null; out: string } {
  const res = spawnSync(...script('verify-ledger', ...args), {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
  });
  return { code: res.status, out: res.stdout.trim() + res.stderr };
}

/** Rewrites `from` as `to` (the same length in UTF-8) wherever the stored text of the document holds it. */
function rewriteStoredText(dir: string, from: string, to: string): number {
  const [a, b] = [Buffer.from(from, 'utf8'), Buffer.from(to, 'utf8')];
  expect(b.length).toBe(a.length);
  const db = new Database(path.join(dir, 'accord.db'));
  let rewritten = 0;
  try {
    for (const table of ['doc_updates', 'doc_snapshots']) {
      const key = table === 'doc_updates' ? 'seq' : 'rowid';
      const rows = db.prepare(`SELECT ${key} AS k, data FROM ${table} WHERE document_id = ?`).all(DOC) as {
        k: number;
        data: Buffer;
      }[];
      for (const row of rows) {
        const at = row.data.indexOf(a);
        if (at < 0) continue;
        b.copy(row.data, at);
        db.prepare(`UPDATE ${table} SET data = ? WHERE ${key} = ?`).run(row.data, row.k);
        rewritten += 1;
      }
    }
  } finally {
    db.close();
  }
  return rewritten;
}

describe('npm run verify-ledger on a text adopted with its language versions', () => {
  let dataDir: string;
  let publicKey: string;
  const copies: string[] = [];

  beforeAll(async () => {
    const server = await startTestServer({}, { keepData: true });
    dataDir = server.dataDir;
    try {
      const chair = await server.login('chair');
      for (const stage of ['negotiation', 'adoption'])
        expect((await chair.post(`/api/documents/${DOC}/stage`, { stage })).status).toBe(200);
      const adopted = await chair.post(`/api/documents/${DOC}/adoption`, {
        objectionWindowMinutes: 0,
        acknowledge: true,
      });
      expect(adopted.status, JSON.stringify(adopted.body)).toBe(200);
    } finally {
      await server.close();
    }
    publicKey = path.join(dataDir, 'signing-key.pub.pem');
  });
  afterAll(() => {
    for (const dir of [dataDir, ...copies]) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('recomputes the fingerprint over the original and both versions: intact', () => {
    const record = entries(dataDir).find((e) => e.action === 'document.adopted')!;
    expect(record.payload).toMatchObject({ format: 'accord.text/2', versions: ['kk', 'ru'] });
    const res = verify(dataDir, ['--public-key', publicKey]);
    expect(res.code, res.out).toBe(0);
    expect(res.out).toContain('adopted texts: 1 fingerprints recomputed');
  });

  it('names the adopted text as changed when a Kazakh clause is rewritten in storage', () => {
    const dir = copyData(dataDir);
    copies.push(dir);
    expect(rewriteStoredText(dir, 'туралы Алматы декларациясы', 'туралы Астана декларациясы')).toBe(1);
    const res = verify(dir, ['--public-key', publicKey]);
    expect(res.code).toBe(1);
    expect(res.out).toMatch(
      new RegExp(`document ${DOC}: the stored text's fingerprint is [0-9a-f]{64}, the text adopted at entry \\d+ had`),
    );
    expect(res.out).not.toContain('edits were stored after its adoption');
  });
});
