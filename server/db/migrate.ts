import type Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations/index.js';

/** One schema step. Versions are consecutive integers; a step never changes once released. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

/** Applies every migration newer than the database's version, each in its own transaction. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const current = (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration versions must be consecutive: found ${m.version} at ${i + 1}`);
  });
  let applied = 0;
  for (const m of sorted) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    })();
    applied += 1;
  }
  return applied;
}
