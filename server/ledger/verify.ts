import type { Sql } from '../db/sql.js';
import { Store } from '../db/store.js';
import { chainHash, GENESIS_HASH, type AuditEntry } from '../db/repositories/audit.js';
import { CheckpointRecords } from './checkpointRecords.js';
import { DocumentRecords } from './documentRecords.js';
import type { LedgerProblem } from './problems.js';
import { VoteRecords } from './voteRecords.js';

/**
 * The whole ledger check behind `npm run verify-ledger`, on either engine, reading only:
 *
 * 1. the hash chain: every entry links to the one before and hashes to what it says;
 * 2. the checkpoints: each signed head is the chain's entry at that seq, its signature is the conference
 *    key's (with a public key given), no settling entry (vote closed, stage changed, export, adoption) is
 *    left unsigned, and no more than the interval waits unsigned anywhere after the first checkpoint or at
 *    the end;
 * 3. published heads (`expectHeads`) are still in the chain, so cutting it short below one is caught;
 * 4. every vote's result, recomputed from the ledger's ballots under its rule and quorum, against the closing
 *    entry, the `votes` table and the `ballots` table;
 * 5. every document's stage against the ledger, and every adopted text's fingerprint recomputed from storage.
 */

export interface VerifyOptions {
  /** The conference's published public key. Without it signatures cannot be checked (heads still are). */
  publicKey?: { publicKeyPem: string; fingerprint: string };
  /** Chain heads published earlier (hex hashes): each must still be in the chain. */
  expectHeads?: string[];
}

export interface LedgerReport {
  entries: number;
  head: { seq: number; hash: string } | null;
  checkpoints: number;
  /** The fingerprint of the key signatures were checked with, or null when none was given. */
  checkedWith: string | null;
  /** Votes recomputed from their ballots. */
  votes: number;
  /** Adopted texts whose fingerprint was recomputed. */
  adoptions: number;
  /** Where each expected head was found. */
  expected: { hash: string; seq: number | null }[];
  problems: LedgerProblem[];
}

const PAGE = 2000;

export async function verifyLedger(sql: Sql, options: VerifyOptions = {}): Promise<LedgerReport> {
  const store = new Store(sql);
  const problems: LedgerProblem[] = [];
  const votes = new VoteRecords();
  const documents = new DocumentRecords();
  const hashes = new Map<number, string>();
  const checkpoints = new CheckpointRecords(options.publicKey, hashes, problems);
  const expected = new Set((options.expectHeads ?? []).map((h) => h.toLowerCase()));
  const seqOfHash = new Map<string, number>();

  let prev = GENESIS_HASH;
  let last: AuditEntry | undefined;
  for (
    let page = await store.audit.page(0, PAGE);
    page.length > 0;
    page = await store.audit.page(page.at(-1)!.seq, PAGE)
  ) {
    for (const entry of page) {
      const broken = chainProblem(entry, prev);
      if (broken) problems.push(broken);
      // Carry on from the stored hash, so one change is reported once and the rest is still checked.
      prev = entry.hash;
      hashes.set(entry.seq, entry.hash);
      if (expected.has(entry.hash)) seqOfHash.set(entry.hash, entry.seq);
      last = entry;
      if (checkpoints.accept(entry)) continue;
      votes.accept(entry);
      documents.accept(entry);
    }
  }

  checkpoints.finish(last);
  for (const hash of expected) {
    if (!seqOfHash.has(hash))
      problems.push({
        code: 'published_head_missing',
        message: `the published head ${hash} is not in the chain (the ledger was cut short or rewritten)`,
      });
  }
  problems.push(...(await votes.check(await store.votes.all(), (id) => store.ballots.forVote(id))));
  problems.push(...(await documents.check(store)));

  return {
    entries: hashes.size,
    head: last ? { seq: last.seq, hash: last.hash } : null,
    checkpoints: checkpoints.count,
    checkedWith: options.publicKey?.fingerprint ?? null,
    votes: votes.size,
    adoptions: documents.adopted,
    expected: [...expected].map((hash) => ({ hash, seq: seqOfHash.get(hash) ?? null })),
    problems,
  };
}

/** How `entry` breaks the hash chain, after `prev`, the hash of the entry before it; null when it holds. */
function chainProblem(entry: AuditEntry, prev: string): LedgerProblem | null {
  const where = `entry ${entry.seq} (${entry.action} at ${entry.at})`;
  if (entry.prevHash !== prev)
    return { code: 'chain_broken', seq: entry.seq, message: `broken at ${where}: previous hash does not match` };
  if (chainHash(entry) !== entry.hash)
    return {
      code: 'chain_broken',
      seq: entry.seq,
      message: `broken at ${where}: entry hash does not match its content`,
    };
  return null;
}
