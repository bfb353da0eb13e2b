import { randomBytes } from 'node:crypto';
import type { Actor } from '../../shared/domain/roles.js';
import type { BallotChoice } from '../../shared/domain/tally.js';
import type { AppContext } from '../context.js';
import type { AuditEntry } from '../db/repositories/audit.js';
import { audit } from '../commands/audit.js';

/**
 * A ballot's ledger entry. It carries a random nonce: an entry's hash then reveals nothing of the choice to
 * someone who can guess everything else in it (the time, the delegation) and sees a signed head, so heads
 * can be published, and receipts handed out, while a vote is still open. The ballot row points at its
 * entry, which is what a receipt (`receipts.ts`) proves.
 */

/**
 * Records a ballot in the ledger (cast, or changed with its previous choice) and points the ballot row at
 * the entry. Call in the ballot's transaction, after the row is written.
 */
export async function recordBallot(
  ctx: AppContext,
  voter: Actor,
  ballot: {
    voteId: string;
    documentId: string;
    delegation: string;
    choice: BallotChoice;
    previous?: BallotChoice | undefined;
  },
): Promise<AuditEntry> {
  const { voteId, documentId, delegation, choice, previous } = ballot;
  const entry = await audit(ctx, voter, previous ? 'ballot.change' : 'ballot.cast', {
    documentId,
    subject: `vote:${voteId}`,
    payload: { delegation, choice, ...(previous ? { previous } : {}), nonce: randomBytes(16).toString('base64url') },
  });
  await ctx.store.ballots.linkEntry(voteId, delegation, entry.seq);
  return entry;
}
