import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import type { AppContext } from '../../server/context.js';
import type { SqliteSql } from '../../server/db/sqlite.js';

/**
 * The better-sqlite3 handle under the store, once no transaction is open on it: the digest reads SQLite's
 * catalogue and change counter directly, outside the store's transaction scope, so it must not see a
 * transaction half done. The caller reads synchronously right after, so none can start in between.
 */
async function settledSqlite(ctx: AppContext): Promise<SqliteSql['db']> {
  const { db } = ctx.store.sql as SqliteSql;
  while (db.inTransaction) await new Promise((resolve) => setImmediate(resolve));
  return db;
}

/**
 * Tables a refusal writes on purpose: a failed sign-in is counted (login_attempts) so that the next attempts
 * can be limited, and a refusal sent with an Idempotency-Key is kept (idempotency_keys) to be given again.
 * What they hold is the record of refused requests, not state those requests changed.
 */
const REFUSAL_RECORDS = ['login_attempts', 'idempotency_keys'];

/**
 * A SHA-256 over everything Accord keeps (but the records of refusals): every row of every SQLite table (in a fixed order) and the whole state of
 * every document held in memory. Two equal digests mean nothing was stored or changed in between.
 */
export async function stateDigest(ctx: AppContext): Promise<string> {
  // Documents first: reading one commits what waits for its group commit, which the tables must include.
  const docs: [string, Uint8Array][] = [];
  for (const { id } of await ctx.store.documents.list()) {
    if (ctx.registry.isLoaded(id)) docs.push([id, Y.encodeStateAsUpdate((await ctx.registry.get(id))!)]);
  }
  const db = await settledSqlite(ctx);
  const hash = createHash('sha256');
  const tables = (
    db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[]
  ).filter((table) => !REFUSAL_RECORDS.includes(table));
  for (const table of tables) {
    const columns = (db.prepare(`PRAGMA table_info("${table}")`).all() as unknown[]).length;
    const order = Array.from({ length: columns }, (_, i) => i + 1).join(', ');
    hash.update(`\u0000table ${table}\u0000`);
    for (const row of db.prepare(`SELECT * FROM "${table}" ORDER BY ${order}`).raw().iterate() as Iterable<unknown[]>) {
      for (const cell of row) {
        if (Buffer.isBuffer(cell)) hash.update(cell);
        else hash.update(cell === null ? '\u0001null' : `${typeof cell}:${String(cell)}`);
        hash.update('\u0000');
      }
      hash.update('\n');
    }
  }
  for (const [id, state] of docs) {
    hash.update(`\u0000doc ${id}\u0000`);
    hash.update(state);
  }
  return hash.digest('hex');
}

/**
 * Watches for changes around one request, cheaply: SQLite's count of changed rows and each loaded document's
 * Yjs snapshot settle the common case; the full digest is taken only when rows were written, and compared
 * with the digest from before (taken lazily, reused while nothing changes).
 */
export class StateWatch {
  private digest: string | undefined;
  private digestAt = -1;
  private changesBefore = 0;
  private docsBefore = '';
  private digestBefore = '';
  private readonly totalChanges;

  constructor(private readonly ctx: AppContext) {
    this.totalChanges = (ctx.store.sql as SqliteSql).db.prepare('SELECT total_changes() AS n').pluck();
  }

  /** Remembers the state before a request. */
  async mark(): Promise<void> {
    const changes = this.totalChanges.get() as number;
    if (this.digest === undefined || this.digestAt !== changes) {
      this.digest = await stateDigest(this.ctx);
      this.digestAt = changes;
    }
    this.changesBefore = changes;
    this.docsBefore = await this.docSnapshots();
    this.digestBefore = this.digest;
  }

  /** True when nothing stored and no live document changed since `mark()`. */
  async unchanged(): Promise<boolean> {
    if (this.totalChanges.get() === this.changesBefore && (await this.docSnapshots()) === this.docsBefore) return true;
    // Rows were written (perhaps rolled back): compare everything.
    return (await stateDigest(this.ctx)) === this.digestBefore;
  }

  private async docSnapshots(): Promise<string> {
    const snapshots: string[] = [];
    for (const { id } of await this.ctx.store.documents.list()) {
      if (!this.ctx.registry.isLoaded(id)) continue;
      snapshots.push(
        `${id}:${Buffer.from(Y.encodeSnapshot(Y.snapshot((await this.ctx.registry.get(id))!))).toString('base64')}`,
      );
    }
    return snapshots.join('\n');
  }
}
