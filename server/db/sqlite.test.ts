import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteSql } from './sqlite.js';
import { Mutex } from './sql.js';

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

/** Holds the thread for `ms`: a transaction longer than the writer's turn slice (10 ms). */
function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('transactions waiting for the writer', () => {
  it('let the event loop turn between one that spent the turn and the next in line', async () => {
    const sql = SqliteSql.open(':memory:');
    const order: string[] = [];
    const first = sql.transaction(async () => {
      order.push('first');
      setImmediate(() => order.push('a turn of the loop'));
      spin(15);
    });
    const second = sql.transaction(async () => {
      order.push('second');
    });
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'a turn of the loop', 'second']);
    await sql.close();
  });

  it('start in a later turn when asked for after this turn spent its slice', async () => {
    const sql = SqliteSql.open(':memory:');
    const order: string[] = [];
    setImmediate(() => order.push('a turn of the loop'));
    // Two requests read in one poll phase: the first's transaction has committed when the second asks.
    await sql.transaction(async () => {
      order.push('first');
      spin(15);
    });
    await sql.transaction(async () => {
      order.push('second');
    });
    expect(order).toEqual(['first', 'a turn of the loop', 'second']);
    await sql.close();
  });

  it('let a read outside them go between two turns’ holders, seeing what the first committed', async () => {
    const sql = SqliteSql.open(':memory:');
    await sql.exec('CREATE TABLE t (x INTEGER)');
    const order: string[] = [];
    const insert = (x: number): Promise<void> =>
      sql.transaction(async () => {
        await sql.run('INSERT INTO t VALUES (?)', [x]);
        order.push(`insert ${x}`);
        spin(15);
      });
    const writes = [insert(1), insert(2)];
    const read = sql.all<{ x: number }>('SELECT x FROM t').then((rows) => order.push(`read ${rows.length}`));
    await Promise.all([...writes, read]);
    expect(order).toEqual(['insert 1', 'read 1', 'insert 2']);
    await sql.close();
  });

  it('wait behind one asked for ahead of them', async () => {
    const sql = SqliteSql.open(':memory:');
    const order: string[] = [];
    const step = (name: string) => async (): Promise<void> => {
      order.push(name);
    };
    const first = sql.transaction(step('first'));
    const queued = sql.transaction(step('queued'));
    const ahead = sql.transaction(step('ahead'), { ahead: true });
    await Promise.all([first, queued, ahead]);
    expect(order).toEqual(['first', 'ahead', 'queued']);
    await sql.close();
  });

  it('are all run before the database closes', async () => {
    const sql = SqliteSql.open(':memory:');
    await sql.exec('CREATE TABLE t (x INTEGER)');
    const writes = [1, 2, 3].map((x) => sql.transaction(() => sql.run('INSERT INTO t VALUES (?)', [x])));
    await sql.close();
    await expect(Promise.all(writes)).resolves.toHaveLength(3);
  });
});

describe('the writer lock', () => {
  const holds = async (mutex: Mutex): Promise<string[]> => {
    const order: string[] = [];
    setImmediate(() => order.push('a turn of the loop'));
    for (const name of ['first', 'second']) {
      const release = await mutex.acquire();
      order.push(name);
      release();
    }
    await new Promise((resolve) => setImmediate(resolve));
    return order;
  };

  it('lets short holders follow one another within the turn’s slice', async () => {
    expect(await holds(new Mutex(60_000))).toEqual(['first', 'second', 'a turn of the loop']);
  });

  it('lets the next holder in on a later turn once the slice is spent', async () => {
    expect(await holds(new Mutex(0))).toEqual(['first', 'a turn of the loop', 'second']);
  });
});
