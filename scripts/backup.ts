import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '../server/config.js';
import { parseArgs, sqliteOnly } from './context.js';

const USAGE = `Makes a consistent copy of the database with SQLite's online backup, safe while the server runs.

  npm run backup [-- --out backups/accord-2025-10-17.db]

Uses DATA_DIR like the server (default ./data). Without --out, writes DATA_DIR/backups/accord-<timestamp>.db.
SQLite only: when DATABASE_URL points at PostgreSQL it refuses; back PostgreSQL up with pg_dump.`;

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.has('help')) {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig();
  const refused = sqliteOnly(config, 'npm run backup');
  if (refused) {
    console.error(refused);
    return 2;
  }
  const source = path.join(config.dataDir, 'accord.db');
  if (!fs.existsSync(source)) {
    console.error(`No database at ${source}.`);
    return 1;
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const out = path.resolve(String(args.get('out') ?? path.join(config.dataDir, 'backups', `accord-${stamp}.db`)));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  if (fs.existsSync(out)) {
    console.error(`${out} exists already; choose another --out.`);
    return 1;
  }
  // Read-only: the backup API copies pages while the live server keeps writing through WAL.
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(out);
  } finally {
    db.close();
  }
  const check = new Database(out, { readonly: true });
  const integrity = check.pragma('integrity_check', { simple: true });
  check.close();
  if (integrity !== 'ok') {
    console.error(`The copy failed its integrity check: ${String(integrity)}`);
    return 1;
  }
  console.log(`Backup written to ${out} (${fs.statSync(out).size} bytes, integrity ok).`);
  return 0;
}

main().then((code) => (process.exitCode = code), (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
