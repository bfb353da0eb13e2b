import type Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations/index.js';

/** One schema step. Versions are unique integers applied in ascending order; a step never changes once released. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

/**
 * Applies, in ascending version order, every migration the database has not recorded yet, each in its own
 * transaction. Features own their version numbers, so a gap is allowed; a duplicate is a programming error.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const done = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (i > 0 && sorted[i - 1]!.version === m.version) throw new Error(`Duplicate migration version ${m.version}`);
  });
  let applied = 0;
  for (const m of sorted) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      m.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    })();
    applied += 1;
  }
  return applied;
}
