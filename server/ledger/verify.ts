import type { Sql } from '../db/sql.js';
import { Store } from '../db/store.js';
import { chainHash, GENESIS_HASH, type AuditEntry } from '../db/repositories/audit.js';
import { CHECKPOINT_ACTION, CHECKPOINT_INTERVAL, checkpointOf, signsAtOnce, verifySignedHead } from './checkpoints.js';
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
  const seqOfHash = new Map<string, number>();
  const expected = new Set((options.expectHeads ?? []).map((h) => h.toLowerCase()));
  const key = options.publicKey;

  let prev = GENESIS_HASH;
  let last: AuditEntry | undefined;
  let checkpoints = 0;
  /** Seq signed by the last checkpoint (0: none yet). */
  let signed = 0;
  let firstCheckpointSeen = false;
  /** Settling entries not yet covered by a checkpoint. */
  const awaitingSignature: AuditEntry[] = [];

  for (let page = await store.audit.page(0, PAGE); page.length > 0; page = await store.audit.page(page.at(-1)!.seq, PAGE)) {
    for (const entry of page) {
      const where = `entry ${entry.seq} (${entry.action} at ${entry.at})`;
      if (entry.prevHash !== prev) problems.push({ code: 'chain_broken', seq: entry.seq, message: `broken at ${where}: previous hash does not match` });
      else if (chainHash(entry) !== entry.hash) problems.push({ code: 'chain_broken', seq: entry.seq, message: `broken at ${where}: entry hash does not match its content` });
      // Carry on from the stored hash, so one change is reported once and the rest is still checked.
      prev = entry.hash;
      hashes.set(entry.seq, entry.hash);
      if (expected.has(entry.hash)) seqOfHash.set(entry.hash, entry.seq);
      last = entry;

      if (entry.action === CHECKPOINT_ACTION) {
        checkpoints += 1;
        const checkpoint = checkpointOf(entry);
        if (!checkpoint) {
          problems.push({ code: 'checkpoint_malformed', seq: entry.seq, message: `${where} is not a well-formed checkpoint` });
          continue;
        }
        if (hashes.get(checkpoint.seq) !== checkpoint.head) {
          problems.push({ code: 'checkpoint_head_gone', seq: entry.seq, message: `checkpoint at entry ${entry.seq} signed entry ${checkpoint.seq} as ${checkpoint.head}, but the chain holds ${hashes.get(checkpoint.seq) ?? 'no such entry'} there (history rewritten)` });
        }
        if (key && checkpoint.key !== key.fingerprint) {
          problems.push({ code: 'checkpoint_wrong_key', seq: entry.seq, message: `checkpoint at entry ${entry.seq} names key ${checkpoint.key}, not the published ${key.fingerprint}` });
        } else if (key && !verifySignedHead(key.publicKeyPem, checkpoint)) {
          problems.push({ code: 'checkpoint_bad_signature', seq: entry.seq, message: `checkpoint at entry ${entry.seq}: the signature is not the key's ${key.fingerprint}` });
        }
        if (firstCheckpointSeen && checkpoint.seq - signed > CHECKPOINT_INTERVAL) {
          problems.push({ code: 'checkpoint_missing', seq: entry.seq, message: `entries ${signed + 1} to ${checkpoint.seq} went unsigned: more than ${CHECKPOINT_INTERVAL} (a checkpoint was removed)` });
        }
        firstCheckpointSeen = true;
        signed = Math.max(signed, checkpoint.seq);
        while (awaitingSignature.length && awaitingSignature[0]!.seq <= signed) awaitingSignature.shift();
        continue;
      }
      if (signsAtOnce(entry)) awaitingSignature.push(entry);
      votes.accept(entry);
      documents.accept(entry);
    }
  }

  for (const entry of awaitingSignature) {
    problems.push({ code: 'checkpoint_missing', seq: entry.seq, message: `entry ${entry.seq} (${entry.action} at ${entry.at}) was never signed: the checkpoint that follows it is missing` });
  }
  if (last && last.seq - signed >= CHECKPOINT_INTERVAL) {
    problems.push({ code: 'checkpoint_missing', seq: last.seq, message: `entries ${signed + 1} to ${last.seq} follow the last signed head unsigned: more than the ${CHECKPOINT_INTERVAL} the server leaves` });
  }
  for (const hash of expected) {
    if (!seqOfHash.has(hash)) problems.push({ code: 'published_head_missing', message: `the published head ${hash} is not in the chain (the ledger was cut short or rewritten)` });
  }

  problems.push(...(await votes.check(await store.votes.all(), (id) => store.ballots.forVote(id))));
  problems.push(...(await documents.check(store)));

  return {
    entries: hashes.size,
    head: last ? { seq: last.seq, hash: last.hash } : null,
    checkpoints,
    checkedWith: key?.fingerprint ?? null,
    votes: votes.size,
    adoptions: documents.adopted,
    expected: [...expected].map((hash) => ({ hash, seq: seqOfHash.get(hash) ?? null })),
    problems,
  };
}
