import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig, type Config } from '../server/config.js';
import { AuditLog } from '../server/db/repositories/audit.js';
import type { Sql } from '../server/db/sql.js';
import { SqliteSql } from '../server/db/sqlite.js';
import { PostgresSql } from '../server/db/postgres.js';
import { parseArgs } from './context.js';

const USAGE = `Verifies the ledger: the hash chain of every vote opened, ballot cast or changed, vote closed,
endorsement and other governance action.

  npm run verify-ledger

Uses DATA_DIR like the server (default ./data) and opens its database read-only, so it can run beside a
live server; with DATABASE_URL it reads that PostgreSQL database instead (and changes nothing in it).
Prints "intact (N entries)" and exits 0, or names the first broken link and exits 1.`;

/**
 * The database to read, without migrating it: a verifier changes nothing. SQLite is opened read-only; on
 * PostgreSQL only SELECTs are issued.
 */
function openForReading(config: Config): Sql | string {
  if (config.DATABASE_URL) return PostgresSql.open(config.DATABASE_URL, { poolSize: 1 });
  const file = path.join(config.dataDir, 'accord.db');
  if (!fs.existsSync(file)) return `No database at ${file}.`;
  return new SqliteSql(new Database(file, { readonly: true, fileMustExist: true }));
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.has('help')) {
    console.log(USAGE);
    return 0;
  }
  const sql = openForReading(loadConfig());
  if (typeof sql === 'string') {
    console.error(sql);
    return 2;
  }
  try {
    const check = await new AuditLog(sql).verify();
    if (check.intact) {
      console.log(`intact (${check.entries} entries)`);
      return 0;
    }
    const row = await sql.get<{ action: string; at: string }>('SELECT action, at FROM audit_log WHERE seq = ?', [check.brokenAt]);
    const what = row ? ` (${row.action} at ${row.at})` : '';
    console.log(`broken at entry ${check.brokenAt}${what}: ${check.reason}`);
    return 1;
  } finally {
    await sql.close();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
