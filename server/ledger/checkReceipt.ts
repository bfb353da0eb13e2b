import { z } from 'zod';
import { BALLOT_CHOICES } from '../../shared/domain/tally.js';
import { chainHash, type AuditEntry } from '../db/repositories/audit.js';
import type { Store } from '../db/store.js';
import { verifySignedHead } from './checkpoints.js';
import { RECEIPT_FORMAT, RECEIPT_VERSION, type BallotReceipt } from './receipts.js';
import { keyFingerprint } from './signingKey.js';

/**
 * Checks a ballot receipt (`verify-ledger --receipt FILE`): that it is whole (its entry hashes to what it
 * says, the signed head is the conference key's and at or after the entry), and that the ledger still holds
 * that entry and that head, linked by an unbroken chain. Then what became of the ballot: changed later by
 * the delegation, or counted as cast when the vote closed.
 */

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const receiptSchema = z.object({
  format: z.literal(RECEIPT_FORMAT),
  version: z.literal(RECEIPT_VERSION),
  vote: z.object({ id: z.string().min(1), documentId: z.string().min(1) }),
  delegation: z.string().min(1),
  choice: z.enum(BALLOT_CHOICES),
  entry: z.object({
    seq: z.number().int().positive(),
    at: z.string(),
    action: z.string(),
    actorId: z.string().nullable(),
    actor: z.string().nullable(),
    documentId: z.string().nullable(),
    subject: z.string().nullable(),
    payload: z.record(z.string(), z.unknown()),
    prevHash: hex64,
    hash: hex64,
  }),
  signedHead: z.object({
    seq: z.number().int().positive(),
    head: hex64,
    key: z.string(),
    signature: z.string(),
    checkpoint: z.number().int().positive().nullable(),
  }),
  publicKey: z.string(),
  issuedAt: z.string(),
});

export interface ReceiptCheck {
  ok: boolean;
  /** Why the receipt does not prove the ballot, first the most basic. */
  problems: string[];
  /** What else is worth knowing (the key used, a later change of the ballot). */
  notes: string[];
}

/** Parses a receipt file's text; a readable error when it is not one. */
export function parseReceipt(text: string): BallotReceipt | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return `not JSON: ${(error as Error).message}`;
  }
  const parsed = receiptSchema.safeParse(json);
  if (!parsed.success)
    return `not a ballot receipt: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`;
  return parsed.data as BallotReceipt;
}

/**
 * Checks `receipt` against the ledger in `store`, with the conference's published key when given (else with
 * the key the receipt carries, which proves only that the receipt is consistent with itself).
 */
export async function checkReceipt(
  store: Store,
  receipt: BallotReceipt,
  publicKey?: { publicKeyPem: string; fingerprint: string },
): Promise<ReceiptCheck> {
  const problems: string[] = [];
  const notes: string[] = [];
  const { entry, signedHead, vote, delegation, choice } = receipt;
  const ballot = `the ballot of ${delegation} (${choice}) in vote ${vote.id}`;

  // The receipt itself.
  if (chainHash(entry as AuditEntry) !== entry.hash)
    problems.push(`the receipt's entry ${entry.seq} does not hash to ${entry.hash}: the receipt was altered`);
  if (
    !['ballot.cast', 'ballot.change'].includes(entry.action) ||
    entry.subject !== `vote:${vote.id}` ||
    entry.payload.delegation !== delegation ||
    entry.payload.choice !== choice
  ) {
    problems.push(`the receipt's entry ${entry.seq} is not ${ballot}`);
  }
  let key = publicKey;
  if (!key) {
    try {
      key = { publicKeyPem: receipt.publicKey, fingerprint: keyFingerprint(receipt.publicKey) };
      notes.push(
        `signature checked with the key the receipt carries, ${key.fingerprint}: compare it with the conference's published fingerprint, or pass --public-key`,
      );
    } catch {
      problems.push('the receipt carries no readable public key; pass --public-key');
    }
  }
  if (key) {
    if (signedHead.key !== key.fingerprint)
      problems.push(`the head is signed by key ${signedHead.key}, not ${key.fingerprint}`);
    else if (!verifySignedHead(key.publicKeyPem, signedHead))
      problems.push(`the signature of head ${signedHead.seq} is not the key's ${key.fingerprint}`);
  }
  if (signedHead.seq < entry.seq)
    problems.push(
      `the signed head (entry ${signedHead.seq}) comes before the ballot's entry ${entry.seq}, so it does not cover it`,
    );
  if (problems.length) return { ok: false, problems, notes };

  // The ledger.
  const stored = await store.audit.get(entry.seq);
  if (!stored) problems.push(`${ballot} is not in the chain: entry ${entry.seq} is gone`);
  // The stored row must both claim the receipt's hash and still hash to it (a row edited in place keeps its old hash).
  else if (stored.hash !== entry.hash || chainHash(stored) !== entry.hash)
    problems.push(
      `${ballot} is not in the chain as cast: entry ${entry.seq} now reads ${stored.action} ${JSON.stringify(stored.payload)}`,
    );
  const head = await store.audit.get(signedHead.seq);
  if (!head || head.hash !== signedHead.head)
    problems.push(
      `the signed head, entry ${signedHead.seq}, is no longer in the chain: the ledger was rewritten below a head the conference signed`,
    );
  if (signedHead.checkpoint !== null) {
    const checkpoint = await store.audit.get(signedHead.checkpoint);
    if (!checkpoint || checkpoint.payload.signature !== signedHead.signature)
      problems.push(`the checkpoint at entry ${signedHead.checkpoint} that signed the head is gone or altered`);
  }
  if (problems.length) return { ok: false, problems, notes };
  const link = await brokenLink(store, entry.seq, signedHead.seq);
  if (link) return { ok: false, problems: [link], notes };

  // What became of the ballot.
  const later = (await store.audit.forSubject(`vote:${vote.id}`)).filter(
    (e) =>
      e.seq > entry.seq && ['ballot.cast', 'ballot.change'].includes(e.action) && e.payload.delegation === delegation,
  );
  if (later.length) {
    const last = later.at(-1)!;
    notes.push(`${delegation} changed its ballot afterwards: ${String(last.payload.choice)} at entry ${last.seq}`);
  } else {
    const row = await store.ballots.get(vote.id, delegation);
    if (!row) problems.push(`${ballot} is in the chain, but the ballots table no longer holds it`);
    else if (row.choice !== choice)
      problems.push(`${ballot} is in the chain, but the ballots table says ${row.choice}`);
    const voteRow = await store.votes.get(vote.id);
    if (voteRow && voteRow.status !== 'open')
      notes.push(`vote ${vote.id} is ${voteRow.status}; the ballot counted as cast`);
  }
  return { ok: problems.length === 0, problems, notes };
}

/** The first broken link of the chain between two entries, in words, or null when they are linked. */
async function brokenLink(store: Store, from: number, to: number): Promise<string | null> {
  let prev: string | null = null;
  for (let after = from - 1; after < to;) {
    const page = (await store.audit.page(after, 2000)).filter((e) => e.seq <= to);
    if (!page.length) return `the chain stops before entry ${to}`;
    for (const e of page) {
      if (prev !== null && e.prevHash !== prev)
        return `the chain is broken between the ballot and the signed head, at entry ${e.seq}`;
      if (chainHash(e) !== e.hash) return `entry ${e.seq}, between the ballot and the signed head, was altered`;
      prev = e.hash;
      after = e.seq;
    }
    if (page.at(-1)!.seq >= to) break;
  }
  return null;
}
