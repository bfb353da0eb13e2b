import { migrate } from './migrate.js';
import { PostgresSql } from './postgres.js';
import type { Sql } from './sql.js';
import { SqliteSql } from './sqlite.js';

/** Where the data lives: a PostgreSQL URL, or SQLite in a directory (or in memory). */
export interface StorageTarget {
  /** `postgres://…` selects PostgreSQL; unset keeps the embedded SQLite database. */
  databaseUrl?: string | undefined;
  /** SQLite's directory, or `':memory:'`. */
  dataDir: string | ':memory:';
  /** PostgreSQL connections this process keeps (default 10). */
  poolSize?: number;
}

/** Opens the storage engine the target names and brings its schema to the latest version. */
export async function openStorage(target: StorageTarget): Promise<Sql> {
  const sql = target.databaseUrl
    ? PostgresSql.open(target.databaseUrl, { poolSize: target.poolSize })
    : SqliteSql.open(target.dataDir);
  try {
    await migrate(sql);
  } catch (error) {
    await sql.close();
    throw error;
  }
  return sql;
}
