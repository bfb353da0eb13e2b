import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrate.js';

export type DB = Database.Database;

/**
 * Opens (creating if needed) the database in `dataDir`, or an in-memory one for `':memory:'`, and brings
 * it to the latest schema. WAL lets readers run beside the single writer; `synchronous = FULL` makes every
 * commit durable before it is acknowledged, which is what "nothing acknowledged is lost" needs (writes are
 * grouped, so the fsync cost is paid per batch, not per keystroke).
 */
export function openDatabase(dataDir: string | ':memory:'): DB {
  let file = ':memory:';
  if (dataDir !== ':memory:') {
    fs.mkdirSync(dataDir, { recursive: true });
    file = path.join(dataDir, 'accord.db');
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}
