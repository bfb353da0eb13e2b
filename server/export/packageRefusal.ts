import { z } from 'zod';
import { chainHash, type AuditEntry } from '../db/repositories/audit.js';
import { CHECKPOINT_ACTION, checkpointOf, verifySignedHead } from '../ledger/checkpoints.js';
import type { LedgerRow } from './model.js';

/**
 * How a package check refuses (the first problem found, naming its file), and step 5's check of the ledger
 * extract a package carries: kept apart from the package walk in `verify.ts`, which throws these refusals.
 */

export type PackageProblem =
  'unreadable' | 'missing' | 'checksum' | 'unlisted' | 'signature' | 'key' | 'fingerprint' | 'content';

/** The first problem a check found; `verifyPackage` turns it into its answer. */
export class Refusal extends Error {
  constructor(
    readonly file: string,
    readonly problem: PackageProblem,
    message: string,
  ) {
    super(message);
  }
}

export const fail = (file: string, problem: PackageProblem, message: string): never => {
  throw new Refusal(file, problem, message);
};

/** The ledger extract's rows. */
export function ledgerRows(ledgerPath: string, body: Buffer): LedgerRow[] {
  try {
    return z
      .array(z.object({ seq: z.number(), hash: z.string() }).passthrough())
      .parse(JSON.parse(body.toString('utf8'))) as unknown as LedgerRow[];
  } catch (error) {
    return fail(ledgerPath, 'unreadable', `${ledgerPath} is not a ledger extract: ${(error as Error).message}`);
  }
}

/** Every row hashes to what it says, every checkpoint is the key's, every vote's closing row is there. */
export function checkExtract(
  path: string,
  rows: LedgerRow[],
  votes: { id: string; ledger: { seq: number; hash: string } | null; result: object }[],
  publicKeyPem: string,
): void {
  const bySeq = new Map<number, LedgerRow>();
  for (const row of rows) {
    if (chainHash(row as unknown as AuditEntry) !== row.hash)
      fail(path, 'content', `${path}: row ${row.seq} (${row.action}) was altered: it does not hash to ${row.hash}`);
    bySeq.set(row.seq, row);
    if (row.action === CHECKPOINT_ACTION) {
      const checkpoint = checkpointOf(row as unknown as AuditEntry);
      if (!checkpoint || !verifySignedHead(publicKeyPem, checkpoint))
        fail(path, 'content', `${path}: the checkpoint at row ${row.seq} is not signed by the key`);
      const signed = bySeq.get(checkpoint!.seq);
      if (signed && signed.hash !== checkpoint!.head)
        fail(
          path,
          'content',
          `${path}: row ${checkpoint!.seq} is not the entry the checkpoint at row ${row.seq} signed`,
        );
    }
  }
  for (const vote of votes) {
    if (!vote.ledger) continue;
    const row = bySeq.get(vote.ledger.seq);
    if (!row || row.hash !== vote.ledger.hash)
      fail(path, 'content', `${path}: the entry that closed vote ${vote.id} (row ${vote.ledger.seq}) is missing`);
    const frozen = (row!.payload as { result?: Record<string, unknown> }).result ?? {};
    const stated = vote.result as Record<string, unknown>;
    if (['outcome', 'yes', 'no', 'abstain', 'present'].some((k) => frozen[k] !== stated[k]))
      fail(path, 'content', `${path}: vote ${vote.id}'s result differs from the ledger's row ${row!.seq}`);
  }
}
