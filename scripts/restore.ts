import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '../server/config.js';
import { makePrivateDir, openTempBeside, placeFile, restrictFile } from '../server/db/privateFiles.js';
import { parseArgs, sqliteOnly } from './context.js';

const USAGE = `Restores a backup made by npm run backup into DATA_DIR. Stop the server first.

  npm run restore -- backups/accord-2025-10-17.db [--force]

The current database (if any) is kept beside it as accord.db.before-restore-<timestamp>. --force is needed
when DATA_DIR already holds a database. SQLite only: when DATABASE_URL points at PostgreSQL it refuses;
restore PostgreSQL with pg_restore (or psql for a plain pg_dump).`;

function main(): number {
  const args = parseArgs(process.argv.slice(2));
  const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
  if (args.has('help') || !file) {
    console.log(USAGE);
    return file ? 0 : 2;
  }
  const config = loadConfig();
  const refused = sqliteOnly(config, 'npm run restore');
  if (refused) {
    console.error(refused);
    return 2;
  }
  const backup = path.resolve(file);
  if (!fs.existsSync(backup)) {
    console.error(`No backup at ${backup}.`);
    return 1;
  }
  const check = new Database(backup, { readonly: true, fileMustExist: true });
  const integrity = check.pragma('integrity_check', { simple: true });
  const hasSchema = check.prepare("SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations'").get() !== undefined;
  check.close();
  if (integrity !== 'ok' || !hasSchema) {
    console.error(
      `${backup} is not a sound Accord database (${integrity !== 'ok' ? String(integrity) : 'no schema'}).`,
    );
    return 1;
  }
  const target = path.join(config.dataDir, 'accord.db');
  makePrivateDir(config.dataDir);
  if (fs.existsSync(target)) {
    if (!args.has('force')) {
      console.error(`${target} exists. Stop the server, then run again with --force to replace it.`);
      return 1;
    }
    const kept = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    // Fold the WAL in before moving the files, so the kept copy is complete on its own.
    const current = new Database(target);
    current.pragma('wal_checkpoint(TRUNCATE)');
    current.close();
    fs.renameSync(target, kept);
    restrictFile(kept);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(target + suffix, { force: true });
    console.log(`Previous database kept as ${kept}.`);
  }
  // Copied into a new 0600 file beside the target, then renamed into place: the database is its owner's
  // alone whatever the backup's mode, and a link at the target is replaced, not written through.
  const { temp, fd } = openTempBeside(target);
  try {
    copyInto(backup, fd);
  } finally {
    fs.closeSync(fd);
  }
  placeFile(temp, target, true);
  console.log(`Restored ${backup} into ${target}.`);
  return 0;
}

/** Copies the file `from` into the open descriptor `fd`, and flushes it to disk. */
function copyInto(from: string, fd: number): void {
  const source = fs.openSync(from, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    for (let read; (read = fs.readSync(source, buffer, 0, buffer.length, null)) > 0;) fs.writeSync(fd, buffer, 0, read);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(source);
  }
}

process.exitCode = main();
