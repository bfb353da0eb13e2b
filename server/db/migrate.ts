import { MIGRATIONS } from './migrations/index.js';
import type { Sql } from './sql.js';

/**
 * One schema step, written for each engine: the same tables, columns, constraints and triggers in SQLite's
 * and PostgreSQL's dialects. Versions are unique integers applied in ascending order; a step never changes
 * once released.
 */
export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

/**
 * Applies, in ascending version order, every migration the database has not recorded yet, each in its own
 * transaction. Features own their version numbers, so a gap is allowed; a duplicate is a programming error.
 * Nodes starting together against one PostgreSQL database take turns (transactions hold the writer lock) and
 * re-read what is applied inside each step, so each step runs once.
 */
export async function migrate(sql: Sql, migrations: readonly Migration[] = MIGRATIONS): Promise<number> {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (i > 0 && sorted[i - 1]!.version === m.version) throw new Error(`Duplicate migration version ${m.version}`);
  });
  await sql.transaction(() =>
    sql.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`),
  );
  let applied = 0;
  for (const m of sorted) {
    const ran = await sql.transaction(async () => {
      if (await sql.get('SELECT 1 AS one FROM schema_migrations WHERE version = ?', [m.version])) return false;
      await sql.exec(sql.dialect === 'postgres' ? m.postgres : m.sqlite);
      await sql.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        m.version,
        m.name,
        new Date().toISOString(),
      ]);
      return true;
    });
    if (ran) applied += 1;
  }
  return applied;
}
