import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createExclusive, makePrivateDir, restrictFile } from './privateFiles.js';
import {
  AmbientTransactions,
  markHooks,
  Mutex,
  newScope,
  runHooks,
  unwindHooks,
  type Params,
  type RunResult,
  type Sql,
  type TransactionOptions,
  type TxScope,
} from './sql.js';

export type SqliteDb = Database.Database;

/**
 * The embedded engine: better-sqlite3 over one file in `DATA_DIR` (or `:memory:`). WAL lets readers run beside
 * the single writer; `synchronous = FULL` makes every commit durable before it is acknowledged, which is what
 * "nothing acknowledged is lost" needs (writes are grouped, so the fsync is paid per batch, not per keystroke).
 *
 * better-sqlite3 is synchronous, so a statement outside a transaction simply runs. A transaction spans
 * awaits, so while one is open the connection belongs to it: statements from its own async context join it,
 * any other waits for the commit (a mutex), exactly as a second writer would wait in SQLite itself.
 */
export class SqliteSql extends AmbientTransactions<TxScope> implements Sql {
  readonly dialect = 'sqlite' as const;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly writer = new Mutex();
  private savepoints = 0;

  constructor(readonly db: SqliteDb) {
    super();
  }

  static open(dataDir: string | ':memory:'): SqliteSql {
    let file = ':memory:';
    if (dataDir !== ':memory:') {
      file = path.join(dataDir, 'accord.db');
      preparePrivateDatabase(file);
    }
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    return new SqliteSql(db);
  }

  async all<T>(sql: string, params?: Params): Promise<T[]> {
    await this.turn();
    return this.statement(sql).all(...bind(params)) as T[];
  }

  async get<T>(sql: string, params?: Params): Promise<T | undefined> {
    await this.turn();
    return this.statement(sql).get(...bind(params)) as T | undefined;
  }

  async run(sql: string, params?: Params): Promise<RunResult> {
    await this.turn();
    return { changes: this.statement(sql).run(...bind(params)).changes };
  }

  async exec(script: string): Promise<void> {
    await this.turn();
    this.db.exec(script);
  }

  async transaction<T>(fn: () => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const outer = this.active();
    if (outer) return this.savepoint(outer, fn);
    const release = await this.writer.acquire(options.ahead);
    const tx = newScope();
    let result: T;
    try {
      this.db.exec('BEGIN IMMEDIATE');
      result = await this.scope.run(tx, fn);
      await this.beforeCommitting(tx);
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      tx.done = true;
      release();
      runHooks(tx.rolledBack);
      throw error;
    }
    tx.done = true;
    release();
    runHooks(tx.committed);
    return result;
  }

  async close(): Promise<void> {
    await this.writer.idle();
    if (this.db.open) this.db.close();
  }

  private async savepoint<T>(tx: TxScope, fn: () => Promise<T>): Promise<T> {
    const name = `sp${++this.savepoints}`;
    this.db.exec(`SAVEPOINT ${name}`);
    const mark = markHooks(tx);
    try {
      const result = await fn();
      this.db.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      this.db.exec(`ROLLBACK TO ${name}`);
      this.db.exec(`RELEASE ${name}`);
      unwindHooks(tx, mark);
      throw error;
    }
  }

  /** Resolves when the caller may use the connection: inside its own transaction, or when none is open. */
  private async turn(): Promise<void> {
    if (this.active()) return;
    while (this.writer.locked) await this.writer.released();
  }

  private statement(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }
}

/**
 * The database holds the whole conference, so it is its owner's alone: the directory is created 0700 and the
 * file 0600 before SQLite opens it (SQLite gives the -wal and -shm files the database file's mode). A database
 * from before this rule loses its group and other permissions. A link at `accord.db` that leads nowhere is
 * refused rather than followed to create a file elsewhere.
 */
function preparePrivateDatabase(file: string): void {
  makePrivateDir(path.dirname(file));
  let link: fs.Stats | undefined;
  try {
    link = fs.lstatSync(file);
  } catch {
    fs.closeSync(createExclusive(file));
    return;
  }
  if (link.isSymbolicLink() && !fs.existsSync(file))
    throw new Error(`${file} is a symbolic link to nothing; remove it or point it at the database.`);
  for (const suffix of ['', '-wal', '-shm']) restrictFile(file + suffix);
}

/** better-sqlite3 takes Buffers, not other typed arrays, and 1/0 for booleans. */
function bind(params: Params | undefined): unknown[] {
  if (!params) return [];
  if (Array.isArray(params)) return params.map(value);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) out[k] = value(v);
  return [out];
}

function value(v: unknown): unknown {
  if (v instanceof Uint8Array && !Buffer.isBuffer(v)) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}
