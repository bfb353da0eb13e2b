import pg from 'pg';
import {
  AmbientTransactions,
  markHooks,
  newScope,
  runHooks,
  toNumbered,
  unwindHooks,
  type Params,
  type RunResult,
  type Sql,
  type TxScope,
} from './sql.js';

// BIGINT and COUNT(*) arrive as strings by default; every such value here (sequence numbers, Yjs client ids,
// counts) is well inside 2^53, and the repositories expect numbers, as SQLite gives them.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

/**
 * Every write transaction holds this transaction-level advisory lock, so transactions from all nodes run one
 * after another, as SQLite's single writer does on one node. The guarantees the commands were written
 * against (read the last ledger hash then append to it; check a vote is open then record a ballot) hold
 * unchanged across nodes, and no transaction has to be retried. Governance actions are a few hundred a
 * second at most; the collaboration log writes one batch per document per commit window.
 */
const WRITER_LOCK = 0x4163636f; // "Acco"

interface PgScope extends TxScope {
  client: pg.PoolClient;
}

/** Options of the PostgreSQL engine. */
export interface PostgresOptions {
  /** Connections per node (default 10). */
  poolSize?: number;
}

/**
 * The shared engine for several nodes: PostgreSQL through a `pg` pool. A statement outside a transaction
 * takes any pooled connection; a transaction keeps one connection for its whole async scope, and every
 * statement issued inside that scope runs on it.
 */
export class PostgresSql extends AmbientTransactions<PgScope> implements Sql {
  readonly dialect = 'postgres' as const;
  private readonly compiled = new Map<string, { text: string; names: string[] | undefined }>();
  private savepoints = 0;

  constructor(readonly pool: pg.Pool) {
    super();
  }

  static open(url: string, options: PostgresOptions = {}): PostgresSql {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
    // An idle pooled connection that the server drops must not crash the node; the next query reconnects.
    pool.on('error', () => undefined);
    return new PostgresSql(pool);
  }

  async all<T>(sql: string, params?: Params): Promise<T[]> {
    return (await this.query(sql, params)).rows as T[];
  }

  async get<T>(sql: string, params?: Params): Promise<T | undefined> {
    return (await this.query(sql, params)).rows[0] as T | undefined;
  }

  async run(sql: string, params?: Params): Promise<RunResult> {
    return { changes: (await this.query(sql, params)).rowCount ?? 0 };
  }

  async exec(script: string): Promise<void> {
    const tx = this.active();
    await (tx ? tx.client.query(script) : this.pool.query(script));
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    const outer = this.active();
    if (outer) return this.savepoint(outer, fn);
    const client = await this.pool.connect();
    const tx: PgScope = { ...newScope(), client };
    let result: T;
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [WRITER_LOCK]);
      result = await this.scope.run(tx, fn);
      await this.beforeCommitting(tx);
      await client.query('COMMIT');
    } catch (error) {
      tx.done = true;
      const broken = await client.query('ROLLBACK').then(
        () => false,
        () => true,
      );
      client.release(broken);
      runHooks(tx.rolledBack);
      throw error;
    }
    tx.done = true;
    client.release();
    runHooks(tx.committed);
    return result;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async savepoint<T>(tx: PgScope, fn: () => Promise<T>): Promise<T> {
    const name = `sp${++this.savepoints}`;
    await tx.client.query(`SAVEPOINT ${name}`);
    const mark = markHooks(tx);
    try {
      const result = await fn();
      await tx.client.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await tx.client.query(`ROLLBACK TO SAVEPOINT ${name}`);
      unwindHooks(tx, mark);
      throw error;
    }
  }

  private query(sql: string, params: Params | undefined): Promise<pg.QueryResult> {
    const { text, values } = toNumbered(sql, params, this.compiled);
    const tx = this.active();
    return tx ? tx.client.query(text, values) : this.pool.query(text, values);
  }
}
