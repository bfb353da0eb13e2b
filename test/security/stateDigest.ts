import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import type { AppContext } from '../../server/context.js';

/**
 * A SHA-256 over everything Accord keeps: every row of every table (in a fixed order) and the whole state of
 * every document held in memory. Two equal digests mean nothing was stored or changed in between.
 */
export function stateDigest(ctx: AppContext): string {
  const { db } = ctx.store;
  const hash = createHash('sha256');
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
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
  for (const { id } of ctx.store.documents.list()) {
    if (!ctx.registry.isLoaded(id)) continue;
    hash.update(`\u0000doc ${id}\u0000`);
    hash.update(Y.encodeStateAsUpdate(ctx.registry.get(id)!));
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
    this.totalChanges = ctx.store.db.prepare('SELECT total_changes() AS n').pluck();
  }

  /** Remembers the state before a request. */
  mark(): void {
    const changes = this.totalChanges.get() as number;
    if (this.digest === undefined || this.digestAt !== changes) {
      this.digest = stateDigest(this.ctx);
      this.digestAt = changes;
    }
    this.changesBefore = changes;
    this.docsBefore = this.docSnapshots();
    this.digestBefore = this.digest;
  }

  /** True when nothing stored and no live document changed since `mark()`. */
  unchanged(): boolean {
    if (this.totalChanges.get() === this.changesBefore && this.docSnapshots() === this.docsBefore) return true;
    // Rows were written (perhaps rolled back): compare everything.
    return stateDigest(this.ctx) === this.digestBefore;
  }

  private docSnapshots(): string {
    return this.ctx.store.documents
      .list()
      .filter(({ id }) => this.ctx.registry.isLoaded(id))
      .map(({ id }) => `${id}:${Buffer.from(Y.encodeSnapshot(Y.snapshot(this.ctx.registry.get(id)!))).toString('base64')}`)
      .join('\n');
  }
}
