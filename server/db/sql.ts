import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The storage engine seen by repositories: a handful of async statement methods and a transaction scope,
 * implemented for SQLite (better-sqlite3, the default) and PostgreSQL (`pg`). Repositories write their SQL
 * once, in the subset both engines share, with `?` placeholders (positional) or `@name` placeholders (named,
 * from an object); `dialect` lets the rare statement that differs choose its spelling.
 *
 * Transactions are ambient: inside `transaction(fn)`, every statement any code issues through the same `Sql`
 * (directly or through a repository) joins that transaction, however many awaits later, because the scope
 * travels with the async context. Code outside it waits until it has committed, so a command's reads and
 * writes are never interleaved with another's: one writer at a time, on one node (SQLite) or across every
 * node sharing the database (PostgreSQL, by an advisory lock held for the transaction).
 */
export interface Sql {
  readonly dialect: Dialect;
  /** Every row of a query. */
  all<T>(sql: string, params?: Params): Promise<T[]>;
  /** The first row of a query, or undefined. */
  get<T>(sql: string, params?: Params): Promise<T | undefined>;
  /** A statement without rows; `changes` counts the rows it inserted, updated or deleted. */
  run(sql: string, params?: Params): Promise<RunResult>;
  /** A script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
  /**
   * Runs `fn` in one transaction: it commits when `fn` resolves and rolls back when it throws. A nested call
   * becomes a savepoint of the enclosing transaction.
   */
  transaction<T>(fn: () => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * Runs `fn` once the current transaction has committed (at once when there is none): what is announced
   * to others must be durable first.
   */
  afterCommit(fn: () => void): void;
  /**
   * Runs `fn` inside the current transaction, once its work is done and just before it commits; a failure
   * rolls the whole transaction back. For a write that belongs to whatever the transaction did, counted once
   * it is known (a document's event sequence). Returns false, running nothing, outside a transaction. A
   * savepoint that rolls back drops what was registered inside it.
   */
  beforeCommit(fn: () => Promise<void>): boolean;
  /** Runs `fn` if the current transaction rolls back (never when there is none). */
  onRollback(fn: () => void): void;
  close(): Promise<void>;
}

export type Dialect = 'sqlite' | 'postgres';

export interface TransactionOptions {
  /**
   * Goes ahead of the transactions waiting for this node's writer (SQLite; PostgreSQL's advisory lock has no
   * line to jump). For the collab group commit: a few rows and one fsync that the whole room's typing waits
   * for, which behind ten queued commands would wait for all of them. Default false.
   */
  ahead?: boolean;
}

/** Positional values for `?`, or named values for `@name`. */
export type Params = readonly unknown[] | Readonly<Record<string, unknown>>;

export interface RunResult {
  changes: number;
}

/** One open transaction: the hooks to run when it ends. `done` turns true once it has ended. */
export interface TxScope {
  done: boolean;
  readonly committing: (() => Promise<void>)[];
  readonly committed: (() => void)[];
  readonly rolledBack: (() => void)[];
}

/**
 * What both engines share: the ambient transaction scope (AsyncLocalStorage) and its hooks. An engine adds
 * its statements and how it opens, commits and rolls back a transaction.
 */
export abstract class AmbientTransactions<S extends TxScope> {
  protected readonly scope = new AsyncLocalStorage<S>();

  afterCommit(fn: () => void): void {
    const tx = this.active();
    if (tx) tx.committed.push(fn);
    else fn();
  }

  beforeCommit(fn: () => Promise<void>): boolean {
    const tx = this.active();
    tx?.committing.push(fn);
    return tx !== undefined;
  }

  onRollback(fn: () => void): void {
    this.active()?.rolledBack.push(fn);
  }

  /**
   * Runs the transaction's `beforeCommit` hooks in its scope, in the order they were registered (and those
   * they register in turn), for the engine to call between the transaction's work and its COMMIT.
   */
  protected async beforeCommitting(tx: S): Promise<void> {
    await this.scope.run(tx, async () => {
      for (let fn = tx.committing.shift(); fn; fn = tx.committing.shift()) await fn();
    });
  }

  /** The transaction the caller runs in, if it is still open (timers started inside it outlive it). */
  protected active(): S | undefined {
    const tx = this.scope.getStore();
    return tx && !tx.done ? tx : undefined;
  }
}

export function newScope(): TxScope {
  return { done: false, committing: [], committed: [], rolledBack: [] };
}

/** Where a savepoint began in the transaction's hook lists. */
export interface HookMark {
  committing: number;
  committed: number;
  rolledBack: number;
}

export function markHooks(tx: TxScope): HookMark {
  return { committing: tx.committing.length, committed: tx.committed.length, rolledBack: tx.rolledBack.length };
}

/**
 * A savepoint rolled back: what was registered inside it is undone with it — its commit hooks, before and
 * after, are dropped (their change will never commit) and its rollback hooks run now.
 */
export function unwindHooks(tx: TxScope, mark: HookMark): void {
  tx.committing.splice(mark.committing);
  tx.committed.splice(mark.committed);
  runHooks(tx.rolledBack.splice(mark.rolledBack));
}

/** Runs hooks, reporting (not throwing) a failing one, so one bad listener cannot hide the others. */
export function runHooks(hooks: readonly (() => void)[]): void {
  for (const hook of hooks) {
    try {
      hook();
    } catch (error) {
      queueMicrotask(() => {
        throw error;
      });
    }
  }
}

/**
 * One holder at a time, in arrival order, with the event loop's turns shared out: a holder asking while the
 * lock is held, or once this turn has spent `sliceMs` since its first holder was let in, waits for a later
 * turn (`setImmediate`). With better-sqlite3 every statement is synchronous, so a transaction runs from start
 * to commit without yielding; requests read in one poll phase each ran theirs right away, one after another —
 * ten amendments or ten exports of a document at the limit arriving together took 100–400 ms in a single
 * turn, and the room's group commit (a timer) and its broadcast waited behind all of them. Short
 * transactions still run many to a turn (200 sign-in attempts are a few turns, not 200). Between two turns'
 * holders the loop runs its timers and reads its sockets, and callers waiting for the lock to be free
 * (`released`: reads outside a transaction) go first.
 */
export class Mutex {
  private held = false;
  /** Holders in line, each admitted by calling it. */
  private readonly line: (() => void)[] = [];
  /** The next holder's admission, due on the loop's next check phase. */
  private handover: NodeJS.Immediate | undefined;
  /** When this turn's first holder was let in; undefined from the loop's next check phase. */
  private turnStartedAt: number | undefined;
  /** Callers told at the next release. */
  private waiters: (() => void)[] = [];
  /** How many at the front of `line` asked ahead. */
  private aheadCount = 0;

  /** @param sliceMs How long holders may follow one another in one turn of the event loop. Default 10 ms. */
  constructor(private readonly sliceMs = 10) {}

  /** True while a holder has the lock (not between two holders). */
  get locked(): boolean {
    return this.held;
  }

  /**
   * Resolves, once every earlier holder has released, with the function that releases this hold. `ahead`:
   * before everyone waiting (after earlier holders asking ahead).
   */
  acquire(ahead = false): Promise<() => void> {
    return new Promise((resolve) => {
      const admit = (): void => {
        this.held = true;
        resolve(this.releaser(ahead));
      };
      if (ahead) this.line.splice(this.aheadCount++, 0, admit);
      else this.line.push(admit);
      if (this.held || this.handover !== undefined) return;
      if (this.sliceSpent() && !ahead) this.handOver();
      else this.admitNext();
    });
  }

  /** Resolves at the next release (at once when nobody holds the lock). */
  released(): Promise<void> {
    if (!this.held) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Resolves once nobody holds the lock and nobody waits for it. */
  async idle(): Promise<void> {
    while (this.held || this.handover !== undefined || this.line.length > 0) {
      await (this.held ? this.released() : new Promise((resolve) => setImmediate(resolve)));
    }
  }

  private sliceSpent(): boolean {
    return this.turnStartedAt !== undefined && performance.now() - this.turnStartedAt >= this.sliceMs;
  }

  private admitNext(): void {
    if (this.turnStartedAt === undefined) {
      this.turnStartedAt = performance.now();
      setImmediate(() => (this.turnStartedAt = undefined));
    }
    this.aheadCount = Math.max(0, this.aheadCount - 1);
    this.line.shift()!();
  }

  /**
   * The next in line goes in now if this turn has time left, else (or when `nextTurn`) on the loop's next
   * check phase.
   */
  private handOver(nextTurn = false): void {
    if (!nextTurn && !this.sliceSpent()) return this.admitNext();
    this.handover = setImmediate(() => {
      this.handover = undefined;
      this.turnStartedAt = undefined;
      this.admitNext();
    });
  }

  /** Releases a hold; after one taken `ahead`, the next holder waits for the loop's next turn. */
  private releaser(ahead: boolean): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held = false;
      const waiters = this.waiters;
      this.waiters = [];
      for (const resolve of waiters) resolve();
      // What a holder asking ahead was for (the group commit's broadcast) goes out before the next begins.
      if (this.line.length > 0) this.handOver(ahead);
    };
  }
}

interface Compiled {
  text: string;
  names: string[] | undefined;
}

/**
 * Rewrites `?` and `@name` placeholders into PostgreSQL's `$1…$n`, skipping string literals, quoted
 * identifiers and comments, and returns the values in order. Compiled statements are cached by text.
 */
export function toNumbered(
  sql: string,
  params: Params | undefined,
  cache: Map<string, Compiled>,
): { text: string; values: unknown[] } {
  let compiled = cache.get(sql);
  if (!compiled) {
    compiled = compile(sql);
    cache.set(sql, compiled);
  }
  if (!compiled.names) return { text: compiled.text, values: params ? [...(params as readonly unknown[])] : [] };
  if (!params || Array.isArray(params)) throw new RangeError(`Named parameters expected for: ${sql}`);
  const named = params as Record<string, unknown>;
  return {
    text: compiled.text,
    values: compiled.names.map((name) => {
      if (!(name in named)) throw new RangeError(`Missing parameter @${name} for: ${sql}`);
      return named[name];
    }),
  };
}

function compile(sql: string): Compiled {
  let out = '';
  let positional = 0;
  const names: string[] = [];
  const slots = new Map<string, number>();
  for (let i = 0; i < sql.length; i += 1) {
    const ch = sql[i]!;
    if (ch === "'" || ch === '"') {
      const end = sql.indexOf(ch, i + 1);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop + 1);
      i = stop;
    } else if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (ch === '?') {
      positional += 1;
      out += `$${positional}`;
    } else if (ch === '@' && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1))![0];
      let slot = slots.get(name);
      if (slot === undefined) {
        names.push(name);
        slot = names.length;
        slots.set(name, slot);
      }
      out += `$${slot}`;
      i += name.length;
    } else {
      out += ch;
    }
  }
  if (positional > 0 && names.length > 0) throw new RangeError(`Mixed ? and @name placeholders in: ${sql}`);
  return { text: out, names: names.length > 0 ? names : undefined };
}
