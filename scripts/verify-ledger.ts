import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '../server/config.js';
import { AuditLog } from '../server/db/repositories/audit.js';
import { parseArgs } from './context.js';

const USAGE = `Verifies the ledger: the hash chain of every vote opened, ballot cast or changed, vote closed,
endorsement and other governance action.

  npm run verify-ledger

Uses DATA_DIR like the server (default ./data) and opens its database read-only, so it can run beside a
live server. Prints "intact (N entries)" and exits 0, or names the first broken link and exits 1.`;

function main(): number {
  const args = parseArgs(process.argv.slice(2));
  if (args.has('help')) {
    console.log(USAGE);
    return 0;
  }
  const file = path.join(loadConfig().dataDir, 'accord.db');
  if (!fs.existsSync(file)) {
    console.error(`No database at ${file}.`);
    return 2;
  }
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = new AuditLog(db).verify();
    if (check.intact) {
      console.log(`intact (${check.entries} entries)`);
      return 0;
    }
    const row = db.prepare<[number], { action: string; at: string }>('SELECT action, at FROM audit_log WHERE seq = ?').get(check.brokenAt);
    const what = row ? ` (${row.action} at ${row.at})` : '';
    console.log(`broken at entry ${check.brokenAt}${what}: ${check.reason}`);
    return 1;
  } finally {
    db.close();
  }
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
}
