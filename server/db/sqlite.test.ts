import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteSql } from './sqlite.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-sqlite-'));
  dirs.push(dir);
  return dir;
}
const mode = (file: string): number => fs.statSync(file).mode & 0o777;

describe('the SQLite database file', () => {
  it('creates the database, its -wal and -shm 0600 in a 0700 directory, and tightens an older one', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const sql = SqliteSql.open(dataDir);
    await sql.exec('CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);');
    expect(mode(dataDir)).toBe(0o700);
    for (const suffix of ['', '-wal', '-shm'])
      expect(mode(path.join(dataDir, `accord.db${suffix}`)), suffix).toBe(0o600);
    await sql.close();
    fs.chmodSync(path.join(dataDir, 'accord.db'), 0o644);
    const again = SqliteSql.open(dataDir);
    expect(mode(path.join(dataDir, 'accord.db'))).toBe(0o600);
    await again.close();
  });

  it('refuses a database path that is a link to nothing instead of creating its target', () => {
    const dataDir = tempDir();
    const elsewhere = path.join(tempDir(), 'planted.db');
    fs.symlinkSync(elsewhere, path.join(dataDir, 'accord.db'));
    expect(() => SqliteSql.open(dataDir)).toThrow(/symbolic link to nothing/);
    expect(fs.existsSync(elsewhere)).toBe(false);
  });
});
