import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '../server/config.js';
import { FileExistsError, isTaken, makePrivateDir, openTempBeside, placeFile } from '../server/db/privateFiles.js';
import { parseArgs, sqliteOnly } from './context.js';

const USAGE = `Makes a consistent copy of the database with SQLite's online backup, safe while the server runs.

  npm run backup [-- --out backups/accord-2025-10-17.db] [--force]

Uses DATA_DIR like the server (default ./data). Without --out, writes DATA_DIR/backups/accord-<timestamp>.db.
The copy is for its owner only (mode 0600; a directory it creates, 0700). It never replaces an existing file
unless --force, and never writes through a symbolic link.
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
  const force = args.has('force');
  makePrivateDir(path.dirname(out));
  if (!force && isTaken(out)) {
    console.error(`${out} exists already; choose another --out, or pass --force to replace it.`);
    return 1;
  }
  // The copy is made in a new 0600 file beside the target (SQLite keeps an existing file's mode, and its
  // journal takes the same), checked, and only then put in place: a failed backup leaves nothing behind.
  const { temp, fd } = openTempBeside(out);
  fs.closeSync(fd);
  try {
    // Read-only: the backup API copies pages while the live server keeps writing through WAL.
    const db = new Database(source, { readonly: true, fileMustExist: true });
    try {
      await db.backup(temp);
    } finally {
      db.close();
    }
    // The copy carries the live database's WAL mode; a backup is one self-contained file instead.
    const check = new Database(temp, { fileMustExist: true });
    check.pragma('journal_mode = DELETE');
    const integrity = check.pragma('integrity_check', { simple: true });
    check.close();
    if (integrity !== 'ok') {
      console.error(`The copy failed its integrity check: ${String(integrity)}`);
      return 1;
    }
    placeFile(temp, out, force);
  } catch (error) {
    if (error instanceof FileExistsError) {
      console.error(`${out} appeared while the copy was made; nothing was replaced.`);
      return 1;
    }
    throw error;
  } finally {
    for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(temp + suffix, { force: true });
  }
  console.log(`Backup written to ${out} (${fs.statSync(out).size} bytes, integrity ok).`);
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
