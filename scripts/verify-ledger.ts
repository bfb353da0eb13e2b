import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig, type Config } from '../server/config.js';
import type { Sql } from '../server/db/sql.js';
import { SqliteSql } from '../server/db/sqlite.js';
import { PostgresSql } from '../server/db/postgres.js';
import { Store } from '../server/db/store.js';
import { verifyLedger, type LedgerReport } from '../server/ledger/verify.js';
import { checkReceipt, parseReceipt } from '../server/ledger/checkReceipt.js';
import { publicKeyFileOf, readPublicKey, signingKeyFile } from '../server/ledger/signingKey.js';
import { parseArgs } from './context.js';

const USAGE = `Verifies the ledger: the hash chain of every governance action, the signed checkpoints, every vote's
result recomputed from its ballots, and every adopted text's fingerprint recomputed from storage.

  npm run verify-ledger [-- --public-key FILE] [--expect-head HASH[,HASH…]]
  npm run verify-ledger -- --receipt FILE [--public-key FILE]

  --public-key FILE   the conference's published public key (PEM); every checkpoint must be signed by it.
                      Default: the key file beside the data (SIGNING_KEY_FILE, or DATA_DIR/signing-key.pub.pem).
  --expect-head HASH  a chain head published earlier: it must still be in the chain (catches truncation).
  --receipt FILE      a ballot receipt (GET /api/votes/:id/receipt): is that ballot in the chain as cast?

Uses DATA_DIR like the server (default ./data) and opens its database read-only, so it can run beside a
live server; with DATABASE_URL it reads that PostgreSQL database instead (and changes nothing in it).
Prints "intact (N entries)" and what was checked, and exits 0; or prints "broken:" and each problem, naming
the entry, vote, delegation or document, and exits 1. Exits 2 when it cannot run.`;

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

/** The key to check signatures with: the one given, else the server's own key file if there is one. */
function publicKeyFor(
  args: Map<string, string | true>,
  config: Config,
): { key?: { publicKeyPem: string; fingerprint: string }; from: string } {
  const given = args.get('public-key');
  if (typeof given === 'string') return { key: readPublicKey(given), from: given };
  if (given === true) throw new Error('--public-key needs a file');
  const keyFile = signingKeyFile(config);
  for (const file of [publicKeyFileOf(keyFile), keyFile]) {
    if (fs.existsSync(file))
      return {
        key: readPublicKey(file),
        from: `${file}, beside the data; pass --public-key with the published key to rely on it`,
      };
  }
  return { from: 'none' };
}

function printReport(report: LedgerReport, keyFrom: string): number {
  if (report.problems.length) {
    console.log(
      `broken: ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'} in ${report.entries} entries`,
    );
    for (const p of report.problems) console.log(`  ${p.message}`);
    return 1;
  }
  console.log(`intact (${report.entries} entries)`);
  if (report.head) console.log(`head: entry ${report.head.seq}, ${report.head.hash}`);
  console.log(
    report.checkedWith
      ? `checkpoints: ${report.checkpoints}, signatures checked with ${report.checkedWith} (${keyFrom})`
      : `checkpoints: ${report.checkpoints}, signatures NOT checked: no public key (pass --public-key)`,
  );
  console.log(
    `votes: ${report.votes} recomputed from their ballots; adopted texts: ${report.adoptions} fingerprints recomputed`,
  );
  for (const e of report.expected) console.log(`published head ${e.hash}: entry ${e.seq}`);
  return 0;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.has('help')) {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig();
  const { key, from } = publicKeyFor(args, config);
  const receiptFile = args.get('receipt');
  let receipt;
  if (receiptFile !== undefined) {
    if (receiptFile === true) throw new Error('--receipt needs a file');
    receipt = parseReceipt(fs.readFileSync(receiptFile, 'utf8'));
    if (typeof receipt === 'string') {
      console.log(`receipt not proven: ${receiptFile} is ${receipt}`);
      return 1;
    }
  }
  const sql = openForReading(config);
  if (typeof sql === 'string') {
    console.error(sql);
    return 2;
  }
  try {
    if (receipt) {
      const check = await checkReceipt(new Store(sql), receipt, key);
      const what = `the ballot of ${receipt.delegation} (${receipt.choice}) in vote ${receipt.vote.id}`;
      if (check.ok)
        console.log(
          `receipt valid: ${what} is in the chain as cast (entry ${receipt.entry.seq}, under the head signed at entry ${receipt.signedHead.seq})`,
        );
      else console.log(`receipt not proven: ${check.problems.join('; ')}`);
      for (const note of check.notes) console.log(`  ${note}`);
      return check.ok ? 0 : 1;
    }
    const heads = args.get('expect-head');
    if (heads === true) throw new Error('--expect-head needs a hash');
    const expectHeads = heads
      ? heads
          .split(',')
          .map((h) => h.trim().toLowerCase())
          .filter(Boolean)
      : [];
    const bad = expectHeads.find((h) => !/^[0-9a-f]{64}$/.test(h));
    if (bad !== undefined) throw new Error(`--expect-head: ${bad} is not a SHA-256 hash (64 hex digits)`);
    const report = await verifyLedger(sql, { ...(key ? { publicKey: key } : {}), expectHeads });
    return printReport(report, from);
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
