import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { canonicalJson } from '../../shared/domain/canonicalJson.js';
import {
  chainHash,
  fromRow,
  GENESIS_HASH,
  type AuditEntry,
  type AuditRow,
} from '../../server/db/repositories/audit.js';
import { CHECKPOINT_ACTION, signHead } from '../../server/ledger/checkpoints.js';
import type { SigningKey } from '../../server/ledger/signingKey.js';

/**
 * What someone holding the database file (but not the signing key) can do to the ledger, for the tests that
 * prove `verify-ledger` catches it: drop the guards, edit rows, recompute the chain, sign with a key of
 * their own. SQLite data directories only.
 */

const GUARDS = [
  'audit_log_append_only',
  'audit_log_kept',
  'ballots_frozen_insert',
  'ballots_frozen_update',
  'ballots_frozen_delete',
  'votes_result_frozen',
];

/** A copy of a stopped server's data directory (database and key files). */
export function copyData(dataDir: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-tampered-'));
  for (const name of fs.readdirSync(dataDir)) {
    const from = path.join(dataDir, name);
    if (fs.statSync(from).isFile()) fs.copyFileSync(from, path.join(dir, name));
  }
  return dir;
}

function open(dir: string): Database.Database {
  return new Database(path.join(dir, 'accord.db'));
}

export function dropGuards(db: Database.Database): void {
  for (const name of GUARDS) db.exec(`DROP TRIGGER IF EXISTS ${name}`);
}

/** Runs `sql` on the copy, after dropping the triggers that would refuse it. */
export function tamper(dir: string, sql: string): void {
  const db = open(dir);
  try {
    dropGuards(db);
    db.exec(sql);
  } finally {
    db.close();
  }
}

export function entries(dir: string): AuditEntry[] {
  const db = open(dir);
  try {
    return (db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[]).map(fromRow);
  } finally {
    db.close();
  }
}

/**
 * Recomputes every hash from entry `fromSeq` on, so the chain is consistent with itself again; with `key`,
 * checkpoints from there on are signed again with it (a forger's key: the conference's is not in the file).
 */
export function rechain(dir: string, fromSeq: number, key?: SigningKey): void {
  const db = open(dir);
  try {
    dropGuards(db);
    const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[];
    const update = db.prepare('UPDATE audit_log SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?');
    let prev = GENESIS_HASH;
    const hashes = new Map<number, string>();
    db.transaction(() => {
      for (const row of rows) {
        const entry = fromRow(row);
        if (row.seq >= fromSeq) {
          if (key && entry.action === CHECKPOINT_ACTION) {
            const seq = entry.payload.seq as number;
            entry.payload = { ...entry.payload, ...signHead(key, seq, hashes.get(seq)!) };
          }
          entry.prevHash = prev;
          entry.hash = chainHash(entry);
          update.run(canonicalJson(entry.payload), entry.prevHash, entry.hash, row.seq);
        }
        hashes.set(entry.seq, entry.hash);
        prev = entry.hash;
      }
    })();
  } finally {
    db.close();
  }
}

/** `rechain` with every checkpoint from `fromSeq` on signed again by `key`. */
export function resign(dir: string, fromSeq: number, key: SigningKey): void {
  rechain(dir, fromSeq, key);
}
